/* edi_schema.c: validation against the edifactoring XSDs.
 *
 * One schema per message (adapters/edifactoring/schema/MSGnn.xsd, which
 * includes the shared edifactoring-1.xsd into its namespace), found with
 * ifgw_datadir_find, compiled on first use and kept.  The first error
 * libxml2 reports becomes the one-line message, with the line and the path
 * of the element. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlschemas.h>

#include "adapters/edifactoring/edifactoring.h"
#include "base/datadir.h"
#include "base/error.h"
#include "base/xml.h"

static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;
static xmlSchemaPtr schemas[100];





static int load(int nn)
{
	xmlSchemaParserCtxtPtr pctxt = NULL;
	struct ifgw_xml_first_error fe;
	struct ifgw_buf path;
	char rel[64];
	int rc;

	memset(&fe, 0, sizeof(fe));
	ifgw_buf_init(&path, 4096);
	snprintf(rel, sizeof(rel), EDI_SCHEMA_DIR "MSG%02d.xsd", nn);
	if ((rc = ifgw_datadir_find(&path, rel)) != IFGW_OK)
		goto out;
	if (!(pctxt = xmlSchemaNewParserCtxt(path.ptr))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "out of memory compiling %s", path.ptr);
		goto out;
	}
	xmlSchemaSetParserStructuredErrors(pctxt, ifgw_xml_keep_first_error, &fe);
	if (!(schemas[nn] = xmlSchemaParse(pctxt))) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s:%ld: the edifactoring schema does not compile: %s", path.ptr,
		                    fe.line, fe.set ? fe.msg : "unknown error");
		goto out;
	}
	rc = IFGW_OK;
out:
	xmlSchemaFreeParserCtxt(pctxt);
	ifgw_buf_free(&path);
	return rc;
}

int ifgw_edi_schema_check(xmlDocPtr doc, int nn)
{
	xmlSchemaValidCtxtPtr vctxt = NULL;
	struct ifgw_xml_first_error fe;
	int rc = IFGW_OK;

	if (nn < 1 || nn > 99 || !ifgw_edi_number_known(nn))
		return ifgw_error_set(IFGW_EUNSUPPORTED, "MSG%02d has no schema", nn);
	memset(&fe, 0, sizeof(fe));
	pthread_mutex_lock(&schema_lock);
	if (!schemas[nn])
		rc = load(nn);
	pthread_mutex_unlock(&schema_lock);
	if (rc != IFGW_OK)
		return rc;
	if (!(vctxt = xmlSchemaNewValidCtxt(schemas[nn])))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory validating MSG%02d", nn);
	xmlSchemaSetValidStructuredErrors(vctxt, ifgw_xml_keep_first_error, &fe);
	if (xmlSchemaValidateDoc(vctxt, doc) != 0)
		rc = ifgw_error_set(IFGW_EPARSE, "line %ld: %s%s%s (schema MSG%02d.xsd)", fe.line, fe.path,
		                    fe.path[0] ? ": " : "", fe.set ? fe.msg : "not valid", nn);
	xmlSchemaFreeValidCtxt(vctxt);
	return rc;
}

int ifgw_edi_validate(const char *wire, size_t len, const struct ifgw_adapter_env *env)
{
	struct edi_cur root;
	struct edi_r r;
	xmlDocPtr doc = NULL;
	int rc, nn = 0;

	if ((rc = ifgw_edi_r_parse(&doc, wire, len, env)) == IFGW_OK && (rc = ifgw_edi_r_begin(&r, &root, &nn, doc)) == IFGW_OK)
		rc = ifgw_edi_schema_check(doc, nn);
	xmlFreeDoc(doc);
	return rc;
}

void ifgw_edi_schema_cleanup(void)
{
	size_t i;

	pthread_mutex_lock(&schema_lock);
	for (i = 0; i < sizeof(schemas) / sizeof(schemas[0]); i++) {
		if (schemas[i])
			xmlSchemaFree(schemas[i]);
		schemas[i] = NULL;
	}
	pthread_mutex_unlock(&schema_lock);
}
