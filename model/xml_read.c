/* xml_read.c: canonical XML to a message.
 *
 * Untrusted input: parsed by base/xml.c's hardened parse (no network, no
 * DOCTYPE, no entity expansion, a size cap, a depth limit); validated against the
 * XSD; then mapped through the field tables with strict checks of its own
 * (the mapping does not rely on the schema having caught everything), and
 * last the whole-message rules.  Every error names the line and the path. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "base/xml.h"
#define IFGW_MODEL_INTERNAL
#include "model/model_int.h"
#include "model/xml_int.h"

int ifgw_model_parse(xmlDocPtr *out, const char *data, size_t len, const char *name)
{
	/* base/xml.c's hardened parse; the libxml2 nesting limit as before */
	struct ifgw_xml_limits lim = {IFGW_MODEL_XML_MAX, IFGW_XML_MAX_DEPTH_LIMIT, 1, "not well-formed XML"};
	xmlDocPtr doc = NULL;
	const char *hit;
	int rc = IFGW_OK;

	*out = NULL;
	if (len > IFGW_MODEL_XML_MAX)
		return ifgw_error_set(IFGW_EOVERFLOW, "%s: %zu bytes, more than the limit of %u", name, len,
				      IFGW_MODEL_XML_MAX);
	if (len == 0)
		return ifgw_error_set(IFGW_EPARSE, "%s: empty document", name);
	if ((hit = memchr(data, '\0', len)))
		return ifgw_error_set(IFGW_EPARSE, "%s:%ld: NUL byte: canonical XML is UTF-8 text", name,
				      ifgw_xml_line_at(data, (size_t)(hit - data)));
	/* refused before parsing, naming the line: no DTD, hence no entities */
	if ((hit = memmem(data, len, "<!DOCTYPE", 9)) || (hit = memmem(data, len, "<!ENTITY", 8)))
		return ifgw_error_set(IFGW_EPARSE, "%s:%ld: a DOCTYPE or ENTITY declaration is not allowed", name,
				      ifgw_xml_line_at(data, (size_t)(hit - data)));
	if ((rc = ifgw_xml_parse(&doc, data, len, name, &lim)) != IFGW_OK)
		goto out;
	if (doc->encoding && strcasecmp((const char *)doc->encoding, "UTF-8") != 0) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s:1: declares encoding %s: canonical XML is UTF-8", name,
				    (const char *)doc->encoding);
		goto out;
	}
	*out = doc;
	doc = NULL;
out:
	xmlFreeDoc(doc);
	return rc;
}

/* Position of an element among its same-name siblings, from 1. */
static size_t sibling_index(xmlNodePtr node)
{
	xmlNodePtr s;
	size_t index = 1;

	for (s = node->prev; s; s = s->prev)
		if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, node->name))
			index++;
	return index;
}

static const struct ifgw_field *find_field(const struct ifgw_sdesc *d, const xmlChar *name)
{
	size_t i;

	for (i = 0; d && i < d->n; i++)
		if (xmlStrEqual(name, BAD_CAST d->fields[i].name))
			return &d->fields[i];
	return NULL;
}

static int repeats(const struct ifgw_field *f)
{
	return f->kind == FK_LINES || f->kind == FK_CCYS || f->kind == FK_LIST || f->kind == FK_ITEMS;
}

/* The path the checks use: repeated fields carry their index, found by
 * following the field tables from the root. */
void ifgw_model_node_path(char *out, size_t size, xmlNodePtr node)
{
	const struct ifgw_tdesc *t;
	const struct ifgw_sdesc *d = NULL;
	const struct ifgw_field *f;
	xmlNodePtr chain[64];
	size_t n = 0, len = 0;
	int i;

	out[0] = '\0';
	for (; node && node->type == XML_ELEMENT_NODE && n < 64; node = node->parent)
		chain[n++] = node;
	if (n == 0)
		return;
	t = ifgw_desc_type(ifgw_msg_type_from_name((const char *)chain[n - 1]->name,
						   strlen((const char *)chain[n - 1]->name)));
	for (i = (int)n - 1; i >= 0 && len + 1 < size; i--) {
		const char *sep = len ? "/" : "";

		f = NULL;
		if (i == (int)n - 2 && xmlStrEqual(chain[i]->name, BAD_CAST "Header"))
			d = &ifgw_desc_header;
		else if (i < (int)n - 1) {
			f = find_field(i == (int)n - 2 && t ? t->body : d, chain[i]->name);
			d = f ? f->sub : NULL;
		}
		if (f && repeats(f))
			snprintf(out + len, size - len, "%s%s[%zu]", sep, (const char *)chain[i]->name,
				 sibling_index(chain[i]));
		else
			snprintf(out + len, size - len, "%s%s", sep, (const char *)chain[i]->name);
		len = strlen(out);
	}
}

long ifgw_model_path_line(xmlDocPtr doc, const char *path)
{
	xmlNodePtr node = xmlDocGetRootElement(doc), c;
	const char *seg = strchr(path, '/');

	if (!node)
		return 0;
	while (seg) {
		const char *start = seg + 1, *end = strchr(start, '/'), *br;
		size_t nlen, want = 1, k = 0;

		if (!end)
			end = start + strlen(start);
		br = memchr(start, '[', (size_t)(end - start));
		nlen = (size_t)((br ? br : end) - start);
		if (br) {
			want = 0;
			for (br++; br < end && *br >= '0' && *br <= '9'; br++)
				want = want * 10 + (size_t)(*br - '0');
		}
		for (c = node->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && strlen((const char *)c->name) == nlen &&
			    memcmp(c->name, start, nlen) == 0 && ++k == want)
				break;
		if (!c)
			break;
		node = c;
		seg = *end ? end : NULL;
	}
	return xmlGetLineNo(node);
}

/* --- mapping */

struct reader {
	const char *name; /* document name for messages */
	struct ifgw_msg *m;
	char path[512];   /* path of the element being mapped */
};

static int rfail(struct reader *r, xmlNodePtr node, int code, const char *fmt, ...) IFGW_PRINTF(4, 5);

static int rfail(struct reader *r, xmlNodePtr node, int code, const char *fmt, ...)
{
	char what[IFGW_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return ifgw_error_set(code, "%s:%ld: %s: %s", r->name, xmlGetLineNo(node), r->path, what);
}

/* The pending error is about this element. */
static int rwrap(struct reader *r, xmlNodePtr node, int rc)
{
	return ifgw_error_wrap(rc, "%s:%ld: %s", r->name, xmlGetLineNo(node), r->path);
}

static int is_space(const xmlChar *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Advance *io to the next element at or after it; only whitespace,
 * comments and processing instructions may lie between elements. */
static int next_element(struct reader *r, xmlNodePtr *io)
{
	xmlNodePtr n;

	for (n = *io; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			break;
		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
			continue;
		if (n->type == XML_TEXT_NODE && is_space(n->content))
			continue;
		*io = NULL;
		return rfail(r, n, IFGW_EPARSE, "text is not allowed between elements");
	}
	*io = n;
	if (n && (!n->ns || !xmlStrEqual(n->ns->href, BAD_CAST IFGW_MODEL_NS)))
		return rfail(r, n, IFGW_EPARSE, "element %s is not in namespace " IFGW_MODEL_NS,
			     (const char *)n->name);
	return IFGW_OK;
}

/* The text of a leaf element (which must hold nothing but text). */
static int leaf_text(struct reader *r, xmlNodePtr node, xmlChar **out)
{
	xmlNodePtr c;

	*out = NULL;
	for (c = node->children; c; c = c->next)
		if (c->type != XML_TEXT_NODE && c->type != XML_COMMENT_NODE && c->type != XML_PI_NODE)
			return rfail(r, node, IFGW_EPARSE, "holds markup where a value is expected");
	if (!(*out = xmlNodeGetContent(node)))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory reading %s", r->name);
	return IFGW_OK;
}

static int parse_uint(uint64_t *out, const char *s, size_t max_digits)
{
	size_t i;
	uint64_t v = 0;

	if (!*s || strlen(s) > max_digits)
		return 0;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return 1;
}

static int map_struct(struct reader *r, xmlNodePtr first, const struct ifgw_sdesc *d, void *s);

static int map_value(struct reader *r, xmlNodePtr node, const struct ifgw_field *f, void *s, const char *txt)
{
	void *p = IFGW_AT(s, f->off);
	size_t len = strlen(txt), k, *count;
	uint64_t u;
	int rc = IFGW_OK;

	switch (f->kind) {
	case FK_TEXT:
		if (len == 0)
			return rfail(r, node, IFGW_EINVAL, "empty: leave an absent value out");
		if ((rc = ifgw_text_set(p, f->size, txt, len)) != IFGW_OK)
			return rwrap(r, node, rc);
		return IFGW_OK;
	case FK_LINES:
		for (k = 0; k < (size_t)f->max && *(char *)IFGW_AT(p, k * f->size); k++)
			;
		if (k == (size_t)f->max)
			return rfail(r, node, IFGW_EOVERFLOW, "more than %lld lines", (long long)f->max);
		if (len == 0)
			return rfail(r, node, IFGW_EINVAL, "empty line");
		if ((rc = ifgw_text_set(IFGW_AT(p, k * f->size), f->size, txt, len)) != IFGW_OK)
			return rwrap(r, node, rc);
		return IFGW_OK;
	case FK_FACTOR:
		if ((rc = ifgw_factor_code_check(txt, len)) != IFGW_OK)
			return rwrap(r, node, rc);
		memcpy(p, txt, len + 1);
		return IFGW_OK;
	case FK_COUNTRY:
		if ((rc = ifgw_country_check(txt, len)) != IFGW_OK)
			return rwrap(r, node, rc);
		memcpy(p, txt, len + 1);
		return IFGW_OK;
	case FK_LANG:
		if (len != 2 || txt[0] < 'a' || txt[0] > 'z' || txt[1] < 'a' || txt[1] > 'z')
			return rfail(r, node, IFGW_EINVAL, "'%.16s' is not two lower-case letters (ISO 639-1)", txt);
		memcpy(p, txt, 3);
		return IFGW_OK;
	case FK_DATE:
		if ((rc = ifgw_date_parse(p, txt, len)) != IFGW_OK)
			return rwrap(r, node, rc);
		return IFGW_OK;
	case FK_TIME:
		if ((rc = ifgw_datetime_parse(p, txt)) != IFGW_OK)
			return rwrap(r, node, rc);
		return IFGW_OK;
	case FK_SEQ:
		if (!parse_uint(&u, txt, 15) || u == 0)
			return rfail(r, node, IFGW_EINVAL, "'%.32s' is not a positive integer of at most 15 digits",
				     txt);
		*(uint64_t *)p = u;
		return IFGW_OK;
	case FK_INT: {
		int neg = txt[0] == '-';

		if (!parse_uint(&u, txt + neg, 10) || (neg ? -(int64_t)u : (int64_t)u) < f->min ||
		    (neg ? -(int64_t)u : (int64_t)u) > f->max)
			return rfail(r, node, IFGW_EINVAL, "'%.32s' is not an integer in %lld..%lld", txt,
				     (long long)f->min, (long long)f->max);
		*(int32_t *)p = (int32_t)(neg ? -(int64_t)u : (int64_t)u);
		return IFGW_OK;
	}
	case FK_PCT:
		if ((rc = ifgw_percent_parse(p, txt, len)) != IFGW_OK)
			return rwrap(r, node, rc);
		return IFGW_OK;
	case FK_CODE: {
		const struct ifgw_code *c = ifgw_code_from_token(f->list, txt, len);

		if (!c)
			return rfail(r, node, IFGW_EINVAL, "'%.32s' is not in the code list %s", txt,
				     ifgw_code_list_get(f->list)->name);
		*(int *)p = c->value;
		return IFGW_OK;
	}
	case FK_BOOL:
		if (strcmp(txt, "true") == 0 || strcmp(txt, "1") == 0)
			*(int *)p = 1;
		else if (strcmp(txt, "false") == 0 || strcmp(txt, "0") == 0)
			*(int *)p = 0;
		else
			return rfail(r, node, IFGW_EINVAL, "'%.16s' is not true or false", txt);
		return IFGW_OK;
	case FK_MONEY:
	case FK_SMONEY: {
		struct ifgw_money *m = p;
		const struct ifgw_currency *ccy = NULL;
		xmlChar *code = xmlGetNoNsProp(node, BAD_CAST "Ccy");

		if (!code)
			return rfail(r, node, IFGW_EINVAL, "amount without a Ccy attribute");
		rc = ifgw_currency_lookup(&ccy, (const char *)code, strlen((const char *)code));
		xmlFree(code);
		if (rc != IFGW_OK || (rc = ifgw_money_parse(m, txt, len, ccy, NULL)) != IFGW_OK)
			return rwrap(r, node, rc);
		if (f->kind == FK_MONEY && m->minor < 0)
			return rfail(r, node, IFGW_EINVAL, "%.32s %s: a negative amount is not allowed here", txt,
				     ccy->code);
		return IFGW_OK;
	}
	case FK_CCY:
	case FK_CCYS: {
		const struct ifgw_currency *ccy = NULL;

		if ((rc = ifgw_currency_lookup(&ccy, txt, len)) != IFGW_OK)
			return rwrap(r, node, rc);
		if (!ifgw_currency_is_tradeable(ccy))
			return rfail(r, node, IFGW_EINVAL, "%s is not a currency money can be held in", ccy->code);
		if (f->kind == FK_CCY) {
			*(const struct ifgw_currency **)p = ccy;
			return IFGW_OK;
		}
		count = (size_t *)IFGW_AT(s, f->count_off);
		if (*count >= (size_t)f->max)
			return rfail(r, node, IFGW_EOVERFLOW, "more than %lld currencies", (long long)f->max);
		((const struct ifgw_currency **)p)[(*count)++] = ccy;
		return IFGW_OK;
	}
	}
	return IFGW_OK;
}

static int map_field(struct reader *r, xmlNodePtr node, const struct ifgw_field *f, void *s)
{
	void *p = IFGW_AT(s, f->off), *item;
	xmlChar *txt = NULL;
	size_t *count;
	int rc;

	switch (f->kind) {
	case FK_GROUP:
		return map_struct(r, node->children, f->sub, p);
	case FK_LIST:
		count = (size_t *)IFGW_AT(s, f->count_off);
		if (*count >= (size_t)f->max)
			return rfail(r, node, IFGW_EOVERFLOW, "more than %lld entries", (long long)f->max);
		item = IFGW_AT(p, *count * f->size);
		ifgw_desc_init(f->sub, item);
		(*count)++;
		return map_struct(r, node->children, f->sub, item);
	case FK_ITEMS:
		if ((rc = ifgw_model_items_add(&item, r->m)) != IFGW_OK)
			return rwrap(r, node, rc);
		return map_struct(r, node->children, f->sub, item);
	default:
		if ((rc = leaf_text(r, node, &txt)) == IFGW_OK)
			rc = map_value(r, node, f, s, (const char *)txt);
		xmlFree(txt);
		return rc;
	}
}

static int map_struct(struct reader *r, xmlNodePtr first, const struct ifgw_sdesc *d, void *s)
{
	size_t fi = 0, seen = 0, saved;
	xmlNodePtr n = first;
	int rc;

	for (;; n = n->next) {
		if ((rc = next_element(r, &n)) != IFGW_OK)
			return rc;
		if (!n)
			break;
		if (fi < d->n && !xmlStrEqual(n->name, BAD_CAST d->fields[fi].name))
			seen = 0;
		while (fi < d->n && !xmlStrEqual(n->name, BAD_CAST d->fields[fi].name))
			fi++;
		saved = strlen(r->path);
		if (fi == d->n) {
			snprintf(r->path + saved, sizeof(r->path) - saved, "/%s", (const char *)n->name);
			rc = rfail(r, n, IFGW_EPARSE, "unknown or misplaced element");
			r->path[saved] = '\0';
			return rc;
		}
		seen++;
		if (repeats(&d->fields[fi]))
			snprintf(r->path + saved, sizeof(r->path) - saved, "/%s[%zu]", d->fields[fi].name, seen);
		else
			snprintf(r->path + saved, sizeof(r->path) - saved, "/%s", d->fields[fi].name);
		rc = map_field(r, n, &d->fields[fi], s);
		r->path[saved] = '\0';
		if (rc != IFGW_OK)
			return rc;
		if (!repeats(&d->fields[fi])) {
			fi++;
			seen = 0;
		}
	}
	return IFGW_OK;
}

int ifgw_msg_read_xml(struct ifgw_msg **out, const char *data, size_t len, const char *name)
{
	struct ifgw_check_ctx cx;
	struct reader r;
	struct ifgw_msg *m = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	int rc, type;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(data || !len);

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.name = name ? name : "(canonical XML)";
	if ((rc = ifgw_model_parse(&doc, data, len, r.name)) != IFGW_OK)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (!root) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s: no root element", r.name);
		goto out;
	}
	if (!root->ns || !xmlStrEqual(root->ns->href, BAD_CAST IFGW_MODEL_NS)) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s:%ld: %s: the root element is not in namespace %s (found %s)",
				    r.name, xmlGetLineNo(root), (const char *)root->name, IFGW_MODEL_NS,
				    root->ns ? (const char *)root->ns->href : "no namespace");
		goto out;
	}
	type = ifgw_msg_type_from_name((const char *)root->name, strlen((const char *)root->name));
	if (type == IFGW_MSG_NONE) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s:%ld: %s: unknown message type", r.name, xmlGetLineNo(root),
				    (const char *)root->name);
		goto out;
	}
	if ((rc = ifgw_model_xsd_check(doc, r.name)) != IFGW_OK || (rc = ifgw_msg_new(&m, type)) != IFGW_OK)
		goto out;
	r.m = m;
	snprintf(r.path, sizeof(r.path), "%s", ifgw_msg_type_name(type));
	n = root->children;
	if ((rc = next_element(&r, &n)) != IFGW_OK)
		goto out;
	if (!n || !xmlStrEqual(n->name, BAD_CAST "Header")) {
		rc = rfail(&r, n ? n : root, IFGW_EPARSE, "the Header must come first");
		goto out;
	}
	snprintf(r.path, sizeof(r.path), "%s/Header", ifgw_msg_type_name(type));
	if ((rc = map_struct(&r, n->children, &ifgw_desc_header, &m->hdr)) != IFGW_OK)
		goto out;
	m->hdr.type = type;
	snprintf(r.path, sizeof(r.path), "%s", ifgw_msg_type_name(type));
	if ((rc = map_struct(&r, n->next, ifgw_desc_type(type)->body, &m->body)) != IFGW_OK)
		goto out;
	if ((rc = ifgw_model_check(&cx, m)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "%s:%ld", r.name, ifgw_model_path_line(doc, cx.err_path));
		goto out;
	}
	*out = m;
	m = NULL;
out:
	ifgw_msg_free(m);
	xmlFreeDoc(doc);
	return rc;
}

int ifgw_msg_read_file(struct ifgw_msg **out, const char *path)
{
	struct ifgw_buf b;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(path);

	*out = NULL;
	ifgw_buf_init(&b, IFGW_MODEL_XML_MAX);
	if ((rc = ifgw_file_read(&b, path)) == IFGW_OK)
		rc = ifgw_msg_read_xml(out, b.ptr ? b.ptr : "", b.len, path);
	ifgw_buf_free(&b);
	return rc;
}
