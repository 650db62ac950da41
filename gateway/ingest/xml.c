/* xml.c: loading e-invoices (through the project's one hardened parser,
 * base/xml.h) and the path look-ups the UBL and CII readers use. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "base/xml.h"
#define IFGW_INGEST_INTERNAL
#include "gateway/ingest/xml_int.h"

/* libxml2 reports some errors (charset conversion) through its generic
 * handler whatever the parser options say: they are problems of the file
 * here, not lines on the user's terminal. */
static void quiet(void *ctx, const char *msg, ...)
{
}

/* The parser's one-line error is "NAME:LINE: what" or "NAME: what": split
 * it into the problem's line and message. */
static void parse_problem(struct ifgw_ingest *ing, const struct ingest_file *f, const char *err)
{
	size_t n = strlen(f->name);
	unsigned line = 0;

	if (strncmp(err, f->name, n) == 0 && err[n] == ':') {
		const char *p = err + n + 1;

		if (*p >= '0' && *p <= '9') {
			char *end;
			unsigned long l = strtoul(p, &end, 10);

			if (*end == ':') {
				line = l <= 0xFFFFFFFFul ? (unsigned)l : 0;
				p = end + 1;
			}
		}
		err = *p == ' ' ? p + 1 : p;
	}
	ifgw_ingest_file_problem(ing, f->name, line, "", "%s", *err ? err : "not well-formed XML");
}

int ifgw_ingest_xml_load(struct ifgw_ingest *ing, struct ingest_file *f)
{
	struct ifgw_xml_limits lim = {IFGW_INGEST_FILE_MAX, 0};
	xmlGenericErrorFunc old_fn = xmlGenericError;
	void *old_ctx = xmlGenericErrorContext;
	struct ifgw_error kept, why;
	xmlDoc *doc = NULL;
	xmlNode *root;
	int rc;

	f->failed = 1;
	ifgw_error_save(&kept); /* a file that does not parse is the file's problem */
	xmlSetGenericErrorFunc(NULL, quiet);
	rc = ifgw_xml_parse(&doc, ifgw_buf_cstr(&f->data), f->data.len, f->name, &lim);
	xmlSetGenericErrorFunc(old_ctx, old_fn);
	if (rc != IFGW_OK && rc != IFGW_ENOMEM)
		parse_problem(ing, f, ifgw_error_last());
	ifgw_error_save(&why);
	ifgw_error_restore(&kept);
	if (rc == IFGW_ENOMEM) /* not the file's problem: the run's */
		return ifgw_error_set(rc, "%s", why.message);
	if (rc != IFGW_OK)
		return IFGW_OK;
	root = xmlDocGetRootElement(doc);
	if (ifgw_ingest_xml_is(root, UBL_NS_INVOICE, "Invoice") || ifgw_ingest_xml_is(root, UBL_NS_CREDIT_NOTE, "CreditNote")) {
		f->format = IFGW_INGEST_UBL;
	} else if (ifgw_ingest_xml_is(root, CII_NS_RSM, "CrossIndustryInvoice")) {
		f->format = IFGW_INGEST_CII;
	} else {
		ifgw_ingest_file_problem(ing, f->name, root ? ifgw_ingest_xml_line(root) : 1, "",
				    "root element %s%s%s%s is not a UBL 2.1 Invoice or CreditNote nor a "
				    "UN/CEFACT CrossIndustryInvoice",
				    root ? (const char *)root->name : "(none)",
				    root && root->ns && root->ns->href ? " in namespace " : "",
				    root && root->ns && root->ns->href ? (const char *)root->ns->href : "",
				    root && !root->ns ? " without a namespace" : "");
		xmlFreeDoc(doc);
		return IFGW_OK;
	}
	f->xml = doc; /* the file owns it now */
	f->failed = 0;
	return IFGW_OK;
}

void ifgw_ingest_xml_free(struct ingest_file *f)
{
	if (f->xml)
		xmlFreeDoc(f->xml);
	f->xml = NULL;
}

int ifgw_ingest_xml_is(const xmlNode *n, const char *uri, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->name, name) == 0 && strcmp((const char *)n->ns->href, uri) == 0;
}

unsigned ifgw_ingest_xml_line(const xmlNode *n)
{
	long l = xmlGetLineNo(n);

	return l > 0 ? (unsigned)l : 0;
}

xmlNode *ifgw_ingest_xml_next_same(const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->next; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns == n->ns && strcmp((const char *)c->name,
									      (const char *)n->name) == 0)
			return (xmlNode *)c;
	return NULL;
}

/* The children of `from` matching the first step of path, each followed
 * into the rest of the path. */
static xmlNode *walk(const xmlNode *from, const char *path, const struct ingest_xml_ns *ns)
{
	const char *colon = strchr(path, ':'), *slash = strchr(path, '/');
	const char *name, *uri = NULL;
	size_t plen, nlen;
	const xmlNode *c;
	size_t i;

	if (!colon || (slash && slash < colon))
		return NULL; /* a programming error in a path: every step has a prefix */
	plen = (size_t)(colon - path);
	name = colon + 1;
	nlen = slash ? (size_t)(slash - name) : strlen(name);
	for (i = 0; ns[i].prefix; i++)
		if (strlen(ns[i].prefix) == plen && memcmp(ns[i].prefix, path, plen) == 0)
			uri = ns[i].uri;
	if (!uri)
		return NULL;
	for (c = from->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !c->ns || !c->ns->href)
			continue;
		if (strlen((const char *)c->name) != nlen || memcmp(c->name, name, nlen) != 0 ||
		    strcmp((const char *)c->ns->href, uri) != 0)
			continue;
		if (!slash)
			return (xmlNode *)c;
		{
			xmlNode *hit = walk(c, slash + 1, ns);

			if (hit)
				return hit;
		}
	}
	return NULL;
}

xmlNode *ifgw_ingest_xml_path(const xmlNode *from, const char *path, const struct ingest_xml_ns *ns)
{
	return from ? walk(from, path, ns) : NULL;
}

const char *ifgw_ingest_xml_text(const xmlNode *n, size_t *len, struct ifgw_buf *tmp)
{
	const xmlNode *c, *only = NULL;
	struct ifgw_error kept;
	int pieces = 0;

	*len = 0;
	if (!n)
		return "";
	for (c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
			only = c;
			pieces++;
		}
	if (pieces == 0)
		return "";
	if (pieces == 1) {
		*len = strlen((const char *)only->content);
		return (const char *)only->content;
	}
	ifgw_buf_reset(tmp);
	ifgw_error_save(&kept); /* too long: the field's own limit will say so */
	for (c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
		    ifgw_buf_addstr(tmp, (const char *)c->content) != IFGW_OK)
			break;
	ifgw_error_restore(&kept);
	*len = tmp->len;
	return ifgw_buf_cstr(tmp);
}

const char *ifgw_ingest_xml_attr(const xmlNode *n, const char *name, size_t *len)
{
	xmlAttr *a;

	*len = 0;
	if (!n)
		return NULL;
	for (a = n->properties; a; a = a->next)
		if (!a->ns && strcmp((const char *)a->name, name) == 0) {
			const char *v = a->children && a->children->content ? (const char *)a->children->content : "";

			*len = strlen(v);
			return v;
		}
	return NULL;
}

/* n's schemeID into dst (INGEST_SCHEME_SIZE bytes), when it has one. */
static void copy_scheme(char *dst, const xmlNode *n)
{
	const char *s;
	size_t len;

	s = ifgw_ingest_xml_attr(n, "schemeID", &len);
	if (!s)
		return;
	ifgw_ingest_trim(&s, &len);
	/* An ICD is 4 digits; anything longer is kept cut, so it matches no
	 * scheme of ours and is accepted with a note naming it. */
	if (len >= INGEST_SCHEME_SIZE)
		len = INGEST_SCHEME_SIZE - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

void ifgw_ingest_reg_scheme(struct ingest_doc *d, int base, const xmlNode *n)
{
	copy_scheme(d->reg_scheme[base == F_S_ID ? 0 : 1], n);
}

void ifgw_ingest_id_scheme(struct ingest_doc *d, int base, const xmlNode *n)
{
	copy_scheme(d->id_scheme[base == F_S_ID ? 0 : 1], n);
}
