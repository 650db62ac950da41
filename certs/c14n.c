/* c14n.c: exclusive C14N 1.0 without comments, one walk, no allocation per
 * node (see c14n.h).
 *
 * It renders what libxml2's c14n.c renders, rule for rule: the namespace
 * of an element (or, without one, the in-scope default) and the namespaces
 * of its attributes are output unless the nearest rendered declaration of
 * that prefix has the same URI; xmlns="" is output when an unprefixed
 * element has no namespace and a non-empty default was rendered above; declarations sorted by prefix, attributes by
 * namespace URI then local name; text escapes & < > CR, attributes
 * & < " TAB LF CR; PIs outside the root element get a line feed. */
#include "config.h"

#include <string.h>

#include <libxml/tree.h>
#include <libxml/uri.h>

#include "base/error.h"
#include "base/result.h"
#include "certs/c14n.h"

#define C14N_BUF 2048
#define C14N_MAX_DEPTH 256 /* libxml2's own parse limit */
#define C14N_MAX_NS 512    /* namespaces used along one path */
#define C14N_MAX_LIST 32   /* namespaces output on one element */
#define C14N_MAX_ATTRS 64  /* attributes on one element */

enum esc { ESC_TEXT, ESC_ATTR, ESC_PI };

struct ns_use {
	const xmlChar *prefix;
	const xmlChar *href;
};

struct writer {
	const struct ifgw_c14n_sink *sink;
	xmlDoc *doc;
	int rc;
	size_t len;
	size_t nns;
	struct ns_use ns[C14N_MAX_NS];
	size_t marks[C14N_MAX_DEPTH];
	unsigned char buf[C14N_BUF];
};

static void flush(struct writer *w)
{
	int rc;

	if (w->len && w->rc == IFGW_OK && (rc = w->sink->write(w->sink->ctx, w->buf, w->len)) != 0)
		w->rc = rc;
	w->len = 0;
}

static void out(struct writer *w, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t room;

	while (n) {
		if (w->len == sizeof(w->buf))
			flush(w);
		room = sizeof(w->buf) - w->len;
		if (room > n)
			room = n;
		memcpy(w->buf + w->len, p, room);
		w->len += room;
		p += room;
		n -= room;
	}
}

static void out_str(struct writer *w, const xmlChar *s)
{
	if (s)
		out(w, s, strlen((const char *)s));
}

#define OUT_LIT(w, lit) out((w), (lit), sizeof(lit) - 1)

/* Bytes in a valid UTF-8 sequence at p (strict: no overlong form, no
 * surrogate, at most U+10FFFF), 0 when invalid. */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f))
			return 0;
		return (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
			return 0;
		return (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80 ? 4 : 0;
	}
	return 0;
}

static void out_escaped(struct writer *w, const xmlChar *s, enum esc mode)
{
	const unsigned char *p = s, *run = s;
	const char *rep;
	size_t n;

	while (*p && w->rc == IFGW_OK) {
		rep = NULL;
		switch (*p) {
		case '&':
			rep = mode != ESC_PI ? "&amp;" : NULL;
			break;
		case '<':
			rep = mode != ESC_PI ? "&lt;" : NULL;
			break;
		case '>':
			rep = mode == ESC_TEXT ? "&gt;" : NULL;
			break;
		case '"':
			rep = mode == ESC_ATTR ? "&quot;" : NULL;
			break;
		case '\t':
			rep = mode == ESC_ATTR ? "&#x9;" : NULL;
			break;
		case '\n':
			rep = mode == ESC_ATTR ? "&#xA;" : NULL;
			break;
		case '\r':
			rep = "&#xD;";
			break;
		default:
			break;
		}
		if (rep) {
			out(w, run, (size_t)(p - run));
			out(w, rep, strlen(rep));
			run = ++p;
			continue;
		}
		if (!(n = utf8_len(p))) {
			w->rc = IFGW_EUNSUPPORTED; /* libxml2 decides what invalid UTF-8 gives */
			return;
		}
		p += n;
	}
	out(w, run, (size_t)(p - run));
}

static int is_xml_ns(const xmlNs *ns)
{
	return ns->prefix && strcmp((const char *)ns->prefix, "xml") == 0 && ns->href &&
	       strcmp((const char *)ns->href, (const char *)XML_XML_NAMESPACE) == 0;
}

static int str_eq(const xmlChar *a, const xmlChar *b)
{
	return strcmp(a ? (const char *)a : "", b ? (const char *)b : "") == 0;
}

/* Was this prefix rendered with this URI by an output ancestor (or is it
 * the empty default, which needs no rendering)? */
static int rendered(const struct writer *w, const xmlNs *ns)
{
	size_t i;

	for (i = w->nns; i > 0; i--)
		if (str_eq(ns->prefix, w->ns[i - 1].prefix))
			return str_eq(ns->href, w->ns[i - 1].href);
	return (!ns->prefix || !*ns->prefix) && (!ns->href || !*ns->href);
}

static void push_ns(struct writer *w, const xmlNs *ns)
{
	if (w->nns == C14N_MAX_NS) {
		w->rc = IFGW_EUNSUPPORTED;
		return;
	}
	w->ns[w->nns].prefix = ns->prefix;
	w->ns[w->nns].href = ns->href;
	w->nns++;
}

/* libxml2 refuses to canonicalise under a relative namespace URI; leave
 * that verdict (and any doubtful URI) to it. */
static int ns_defs_ok(const xmlNode *el)
{
	const xmlNs *ns;
	xmlURIPtr uri;
	int ok;

	for (ns = el->nsDef; ns; ns = ns->next) {
		if (!ns->href || !*ns->href)
			continue;
		uri = xmlParseURI((const char *)ns->href);
		ok = uri && uri->scheme && *uri->scheme &&
		     (strcmp(uri->scheme, "urn") == 0 || (uri->server && *uri->server));
		xmlFreeURI(uri);
		if (!ok)
			return 0;
	}
	return 1;
}

static void add_to_list(struct writer *w, const xmlNs **list, size_t *n, const xmlNs *ns)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (str_eq(list[i]->prefix, ns->prefix)) {
			w->rc = IFGW_EUNSUPPORTED; /* one prefix, two URIs on one element */
			return;
		}
	if (*n == C14N_MAX_LIST) {
		w->rc = IFGW_EUNSUPPORTED;
		return;
	}
	list[(*n)++] = ns;
}

/* libxml2's order: no prefix first, then by prefix. */
static int ns_before(const xmlNs *a, const xmlNs *b)
{
	if (!a->prefix)
		return b->prefix != NULL;
	if (!b->prefix)
		return 0;
	return strcmp((const char *)a->prefix, (const char *)b->prefix) < 0;
}

/* libxml2's order: same namespace by name; unqualified first; then by URI, name. */
static int attr_cmp(const xmlAttr *a, const xmlAttr *b)
{
	int r;

	if (a->ns == b->ns)
		return strcmp((const char *)a->name, (const char *)b->name);
	if (!a->ns)
		return -1;
	if (!b->ns)
		return 1;
	if (!a->ns->prefix)
		return -1;
	if (!b->ns->prefix)
		return 1;
	r = strcmp(a->ns->href ? (const char *)a->ns->href : "", b->ns->href ? (const char *)b->ns->href : "");
	return r ? r : strcmp((const char *)a->name, (const char *)b->name);
}

static void out_qname(struct writer *w, const xmlNs *ns, const xmlChar *name)
{
	if (ns && ns->prefix && *ns->prefix) {
		out_str(w, ns->prefix);
		OUT_LIT(w, ":");
	}
	out_str(w, name);
}

static void open_element(struct writer *w, xmlNode *el, size_t depth)
{
	const xmlNs *list[C14N_MAX_LIST], *ns, *t;
	const xmlAttr *attrs[C14N_MAX_ATTRS], *a, *ta;
	const xmlNode *c;
	size_t nlist = 0, nattrs = 0, i, j;
	int has_empty_ns = 0, uses_empty_ns = 0;
	static const xmlNs empty_default = {NULL, XML_NAMESPACE_DECL, NULL, NULL, NULL, NULL};

	if (depth >= C14N_MAX_DEPTH || !ns_defs_ok(el)) {
		w->rc = IFGW_EUNSUPPORTED;
		return;
	}
	w->marks[depth] = w->nns;
	OUT_LIT(w, "<");
	out_qname(w, el->ns, el->name);

	ns = el->ns;
	if (!ns) {
		ns = xmlSearchNs(w->doc, el, NULL);
		uses_empty_ns = 1;
	}
	if (ns && !is_xml_ns(ns)) {
		if (!rendered(w, ns))
			add_to_list(w, list, &nlist, ns);
		push_ns(w, ns);
		if (!ns->prefix || !*ns->prefix)
			has_empty_ns = 1;
	}
	for (a = el->properties; a && w->rc == IFGW_OK; a = a->next) {
		if (nattrs == C14N_MAX_ATTRS) {
			w->rc = IFGW_EUNSUPPORTED;
			return;
		}
		attrs[nattrs++] = a;
		/* unprefixed attributes use no namespace, not the default one */
		if (!a->ns || is_xml_ns(a->ns))
			continue;
		if (!rendered(w, a->ns))
			add_to_list(w, list, &nlist, a->ns);
		push_ns(w, a->ns);
		if (!a->ns->prefix || !*a->ns->prefix)
			has_empty_ns = 1;
	}
	if (w->rc != IFGW_OK)
		return;
	if (uses_empty_ns && !has_empty_ns && !rendered(w, &empty_default))
		OUT_LIT(w, " xmlns=\"\"");

	for (i = 1; i < nlist; i++) /* insertion sort: a handful at most */
		for (j = i; j > 0 && ns_before(list[j], list[j - 1]); j--) {
			t = list[j];
			list[j] = list[j - 1];
			list[j - 1] = t;
		}
	for (i = 0; i < nlist; i++) {
		if (list[i]->prefix) {
			OUT_LIT(w, " xmlns:");
			out_str(w, list[i]->prefix);
			OUT_LIT(w, "=\"");
		} else {
			OUT_LIT(w, " xmlns=\"");
		}
		out_str(w, list[i]->href);
		OUT_LIT(w, "\"");
	}

	for (i = 1; i < nattrs; i++)
		for (j = i; j > 0 && attr_cmp(attrs[j], attrs[j - 1]) < 0; j--) {
			ta = attrs[j];
			attrs[j] = attrs[j - 1];
			attrs[j - 1] = ta;
		}
	for (i = 0; i < nattrs && w->rc == IFGW_OK; i++) {
		OUT_LIT(w, " ");
		out_qname(w, attrs[i]->ns, attrs[i]->name);
		OUT_LIT(w, "=\"");
		for (c = attrs[i]->children; c && w->rc == IFGW_OK; c = c->next) {
			if (c->type != XML_TEXT_NODE) {
				w->rc = IFGW_EUNSUPPORTED; /* entity references: libxml2 expands them */
				return;
			}
			if (c->content)
				out_escaped(w, c->content, ESC_ATTR);
		}
		OUT_LIT(w, "\"");
	}
	OUT_LIT(w, ">");
}

static void close_element(struct writer *w, const xmlNode *el, size_t depth)
{
	OUT_LIT(w, "</");
	out_qname(w, el->ns, el->name);
	OUT_LIT(w, ">");
	w->nns = w->marks[depth];
}

enum where { BEFORE_ROOT, INSIDE, AFTER_ROOT };

static void pi(struct writer *w, const xmlNode *n, enum where where)
{
	if (where == AFTER_ROOT)
		OUT_LIT(w, "\n");
	OUT_LIT(w, "<?");
	out_str(w, n->name);
	if (n->content && *n->content) {
		OUT_LIT(w, " ");
		out_escaped(w, n->content, ESC_PI);
	}
	OUT_LIT(w, "?>");
	if (where == BEFORE_ROOT)
		OUT_LIT(w, "\n");
}

/* libxml2, given a visibility callback, walks (and judges the namespace
 * declarations of) the whole document even when it renders one subtree. */
static int all_ns_defs_ok(xmlNode *root)
{
	xmlNode *n = root;

	while (n) {
		if (n->type == XML_ELEMENT_NODE && !ns_defs_ok(n))
			return 0;
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
	return 1;
}

int ifgw_c14n_exc(const struct ifgw_c14n_sink *sink, xmlDoc *doc, xmlNode *apex, const xmlNode *skip)
{
	struct writer w;
	xmlNode *n;
	size_t depth = 0;
	enum where where = apex ? INSIDE : BEFORE_ROOT;
	int descend;

	IFGW_ASSERT_ARG(sink);

	if (!doc || doc->charset != XML_CHAR_ENCODING_UTF8)
		return IFGW_EUNSUPPORTED;
	if (apex && (apex->type != XML_ELEMENT_NODE || !all_ns_defs_ok(xmlDocGetRootElement(doc))))
		return IFGW_EUNSUPPORTED;
	w.sink = sink;
	w.doc = doc;
	w.rc = IFGW_OK;
	w.len = 0;
	w.nns = 0;
	n = apex ? apex : doc->children;
	while (n && w.rc == IFGW_OK) {
		descend = 0;
		if (n != skip) {
			switch (n->type) {
			case XML_ELEMENT_NODE:
				open_element(&w, n, depth);
				if (n->children)
					descend = 1;
				else
					close_element(&w, n, depth);
				if (!descend && !apex && depth == 0)
					where = AFTER_ROOT;
				break;
			case XML_TEXT_NODE:
			case XML_CDATA_SECTION_NODE:
				if (n->content)
					out_escaped(&w, n->content, ESC_TEXT);
				break;
			case XML_PI_NODE:
				pi(&w, n, depth == 0 ? where : INSIDE);
				break;
			case XML_COMMENT_NODE: /* without comments */
			case XML_DTD_NODE:     /* not part of the canonical form */
			case XML_DOCUMENT_TYPE_NODE:
			case XML_NOTATION_NODE:
			case XML_ELEMENT_DECL:
			case XML_ATTRIBUTE_DECL:
			case XML_ENTITY_DECL:
			case XML_XINCLUDE_START:
			case XML_XINCLUDE_END:
				break;
			default:
				w.rc = IFGW_EUNSUPPORTED;
				break;
			}
		}
		if (descend) {
			n = n->children;
			depth++;
			continue;
		}
		for (;;) {
			if (n == apex || (depth == 0 && !n->next)) {
				n = NULL;
				break;
			}
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			depth--;
			close_element(&w, n, depth);
			if (!apex && depth == 0)
				where = AFTER_ROOT;
		}
	}
	flush(&w);
	return w.rc;
}
