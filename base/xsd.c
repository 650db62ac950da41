/* xsd.c: one cache of compiled schemas (see xsd.h).
 *
 * A small table under one mutex: a lookup is a few string compares next to
 * a validation that costs microseconds, and compiling under the lock means
 * a schema is compiled once even when two threads ask at the same moment.
 * A failure is kept as text, so that every later caller reports the same
 * reason without compiling again. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlschemas.h>

#include "base/buf.h"
#include "base/datadir.h"
#include "base/error.h"
#include "base/xml.h"
#include "base/xsd.h"

/* 16 edifactoring + 9 ISO 20022 + model + configuration ship today. */
#define XSD_CACHE_MAX 64
#define XSD_NAME_MAX 128

struct ifgw_xsd {
	char name[XSD_NAME_MAX]; /* relpath; "" = free slot */
	xmlDocPtr doc;           /* the compiled schema may point into it: kept */
	xmlSchemaPtr schema;     /* NULL when it failed to compile */
	int rc;
	char err[IFGW_ERROR_MAX];
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ifgw_xsd cache[XSD_CACHE_MAX];

/* Compile x->name into x; the reason of a failure stays in x->err. */
static void compile(struct ifgw_xsd *x)
{
	struct ifgw_xml_limits lim = {IFGW_XSD_FILE_MAX, 0, 0, NULL};
	struct ifgw_xml_first_error fe;
	xmlSchemaParserCtxtPtr pctxt = NULL;
	struct ifgw_error kept;
	struct ifgw_buf path;
	xmlDocPtr doc = NULL;
	int rc;

	/* The reason is the schema's, kept for every caller: not mixed with
	 * whatever this caller had pending. */
	ifgw_error_save(&kept);
	memset(&fe, 0, sizeof(fe));
	ifgw_buf_init(&path, 4096);
	if ((rc = ifgw_datadir_find(&path, x->name)) != IFGW_OK ||
	    (rc = ifgw_xml_parse_file(&doc, ifgw_buf_cstr(&path), &lim)) != IFGW_OK)
		goto out;
	if (!(pctxt = xmlSchemaNewDocParserCtxt(doc))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory compiling the schema", path.ptr);
		goto out;
	}
	xmlSchemaSetParserStructuredErrors(pctxt, ifgw_xml_keep_first_error, &fe);
	if (!(x->schema = xmlSchemaParse(pctxt))) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s:%ld: the schema does not compile: %s", path.ptr, fe.line,
				    fe.set ? fe.msg : "unknown error");
		goto out;
	}
	x->doc = doc;
	doc = NULL;
out:
	x->rc = rc;
	if (rc != IFGW_OK)
		snprintf(x->err, sizeof(x->err), "%s", ifgw_error_last());
	ifgw_error_restore(&kept);
	xmlSchemaFreeParserCtxt(pctxt);
	xmlFreeDoc(doc);
	ifgw_buf_free(&path);
}

int ifgw_xsd_get(const struct ifgw_xsd **out, const char *relpath)
{
	struct ifgw_xsd *x = NULL;
	size_t i;
	int rc;

	*out = NULL;
	if (strlen(relpath) >= XSD_NAME_MAX)
		return ifgw_error_set(IFGW_EINVAL, "%s: schema path too long", relpath);
	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < XSD_CACHE_MAX && cache[i].name[0]; i++)
		if (strcmp(cache[i].name, relpath) == 0) {
			x = &cache[i];
			break;
		}
	if (!x && i < XSD_CACHE_MAX) {
		x = &cache[i];
		snprintf(x->name, sizeof(x->name), "%s", relpath);
		compile(x);
	}
	if (!x)
		rc = ifgw_error_set(IFGW_EOVERFLOW, "%s: more than %d schemas", relpath, XSD_CACHE_MAX);
	else if (x->rc != IFGW_OK)
		rc = ifgw_error_set(x->rc, "%s", x->err);
	else
		rc = IFGW_OK;
	pthread_mutex_unlock(&cache_lock);
	if (rc == IFGW_OK)
		*out = x;
	return rc;
}

int ifgw_xsd_validate(const struct ifgw_xsd *x, xmlDocPtr doc, xmlNodePtr root, struct ifgw_xml_first_error *fe)
{
	xmlSchemaValidCtxtPtr vctxt;
	int v;

	fe->set = 0;
	fe->line = 0;
	fe->path[0] = fe->msg[0] = '\0';
	if (!(vctxt = xmlSchemaNewValidCtxt(x->schema)))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory validating against %s", x->name);
	xmlSchemaSetValidStructuredErrors(vctxt, ifgw_xml_keep_first_error, fe);
	v = root ? xmlSchemaValidateOneElement(vctxt, root) : xmlSchemaValidateDoc(vctxt, doc);
	xmlSchemaFreeValidCtxt(vctxt);
	return v == 0 ? IFGW_OK : IFGW_EPARSE;
}

int ifgw_xsd_load(const char *relpath, enum ifgw_xsd_load how)
{
	struct ifgw_xml_limits lim = {IFGW_XSD_FILE_MAX, 0, 0, NULL};
	const struct ifgw_xsd *x;
	struct ifgw_buf path;
	xmlDocPtr doc = NULL;
	int rc;

	if (how == IFGW_XSD_COMPILE)
		return ifgw_xsd_get(&x, relpath);
	ifgw_buf_init(&path, 4096);
	if ((rc = ifgw_datadir_find(&path, relpath)) == IFGW_OK)
		rc = ifgw_xml_parse_file(&doc, ifgw_buf_cstr(&path), &lim);
	xmlFreeDoc(doc);
	ifgw_buf_free(&path);
	return rc;
}

const char *ifgw_xsd_name(const struct ifgw_xsd *x)
{
	return x->name;
}

void ifgw_xsd_cleanup(void)
{
	size_t i;

	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < XSD_CACHE_MAX; i++) {
		if (cache[i].schema)
			xmlSchemaFree(cache[i].schema);
		xmlFreeDoc(cache[i].doc);
		memset(&cache[i], 0, sizeof(cache[i]));
	}
	pthread_mutex_unlock(&cache_lock);
}
