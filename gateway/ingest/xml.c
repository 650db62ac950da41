/* xml.c: hardened loading of e-invoices and the path look-ups the UBL and
 * CII readers use.
 *
 * An e-invoice comes from outside: it is parsed with no network access,
 * no DTD (a document that has one is refused before parsing, so no entity
 * is ever defined, let alone expanded), libxml2's default depth limit and
 * the session's size cap. */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#define IFGW_INGEST_INTERNAL
#include "gateway/ingest/xml_int.h"

/* "<!DOCTYPE" anywhere before the root element means a DTD. */
static int has_doctype(const char *data, size_t len)
{
	static const char needle[] = "<!DOCTYPE";
	const char *p = data, *end = data + len;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) >= sizeof(needle) - 1 && memcmp(p, needle, sizeof(needle) - 1) == 0)
			return 1;
		if ((size_t)(end - p) >= 4 && memcmp(p, "<!--", 4) == 0) {
			const char *close = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);

			if (!close)
				return 0; /* the parser will refuse it */
			p = close + 3;
			continue;
		}
		if (p + 1 < end && p[1] != '?' && p[1] != '!')
			return 0; /* reached the root element */
		p++;
	}
	return 0;
}

int ingest_xml_load(struct ifgw_ingest *ing, struct ingest_file *f)
{
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	xmlNode *root;
	int rc = IFGW_OK;

	f->failed = 1;
	if (f->data.len > (size_t)INT32_MAX) {
		ingest_file_problem(ing, f->name, 0, "", "XML file too large");
		goto out;
	}
	if (has_doctype(ifgw_buf_cstr(&f->data), f->data.len)) {
		ingest_file_problem(ing, f->name, 1, "", "a DOCTYPE (DTD) is not allowed in an e-invoice");
		goto out;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", f->name);
		goto out;
	}
	doc = xmlCtxtReadMemory(ctxt, ifgw_buf_cstr(&f->data), (int)f->data.len, f->name, NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
					XML_PARSE_NOCDATA);
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[200];
		size_t n;

		snprintf(msg, sizeof(msg), "%s", e && e->message ? e->message : "parse error");
		n = strlen(msg);
		while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = 0;
		ingest_file_problem(ing, f->name, e && e->line > 0 ? (unsigned)e->line : 0, "",
				    "not well-formed XML: %s", msg);
		goto out;
	}
	if (doc->intSubset || doc->extSubset) {
		ingest_file_problem(ing, f->name, 1, "", "a DOCTYPE (DTD) is not allowed in an e-invoice");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (ingest_xml_is(root, UBL_NS_INVOICE, "Invoice") || ingest_xml_is(root, UBL_NS_CREDIT_NOTE, "CreditNote")) {
		f->format = IFGW_INGEST_UBL;
	} else if (ingest_xml_is(root, CII_NS_RSM, "CrossIndustryInvoice")) {
		f->format = IFGW_INGEST_CII;
	} else {
		ingest_file_problem(ing, f->name, root ? ingest_xml_line(root) : 1, "",
				    "root element %s%s%s%s is not a UBL 2.1 Invoice or CreditNote nor a "
				    "UN/CEFACT CrossIndustryInvoice",
				    root ? (const char *)root->name : "(none)",
				    root && root->ns && root->ns->href ? " in namespace " : "",
				    root && root->ns && root->ns->href ? (const char *)root->ns->href : "",
				    root && !root->ns ? " without a namespace" : "");
		goto out;
	}
	f->xml = doc;
	doc = NULL; /* the file owns it now */
	f->failed = 0;
out:
	if (doc)
		xmlFreeDoc(doc);
	if (ctxt)
		xmlFreeParserCtxt(ctxt);
	return rc;
}

void ingest_xml_free(struct ingest_file *f)
{
	if (f->xml)
		xmlFreeDoc(f->xml);
	f->xml = NULL;
}

int ingest_xml_is(const xmlNode *n, const char *uri, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->name, name) == 0 && strcmp((const char *)n->ns->href, uri) == 0;
}

unsigned ingest_xml_line(const xmlNode *n)
{
	long l = xmlGetLineNo(n);

	return l > 0 ? (unsigned)l : 0;
}

xmlNode *ingest_xml_next_same(const xmlNode *n)
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

xmlNode *ingest_xml_path(const xmlNode *from, const char *path, const struct ingest_xml_ns *ns)
{
	return from ? walk(from, path, ns) : NULL;
}

const char *ingest_xml_text(const xmlNode *n, size_t *len, struct ifgw_buf *tmp)
{
	const xmlNode *c, *only = NULL;
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
	for (c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
		    ifgw_buf_addstr(tmp, (const char *)c->content) != IFGW_OK) {
			ifgw_error_clear(); /* too long: the field's own limit will say so */
			break;
		}
	*len = tmp->len;
	return ifgw_buf_cstr(tmp);
}

const char *ingest_xml_attr(const xmlNode *n, const char *name, size_t *len)
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
