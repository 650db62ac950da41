/* iso_common.c: what every tsin codec shares: the schemas (compiled once),
 * the hardened parse, the XML writer and the reading helpers. */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "adapters/charset.h"
#include "adapters/iso20022/iso20022.h"
#include "base/datadir.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "base/xml.h"
#include "base/xml_escape.h"
#include "base/xsd.h"

/* --- schemas */

#define SCHEMA_DIR "adapters/iso20022/schema/"

static const struct ifgw_iso_schema_info schema_infos[ISO_SCHEMA_COUNT] = {
	[ISO_HEAD] = {ISO_HEAD_VERSION, "AppHdr", "head.001"},
	[ISO_TSIN001] = {"tsin.001.001.01", "InvcFincgReq", "tsin.001"},
	[ISO_TSIN002] = {"tsin.002.001.01", "InvcFincgReqSts", "tsin.002"},
	[ISO_TSIN003] = {"tsin.003.001.01", "InvcFincgCxlReq", "tsin.003"},
	[ISO_TSIN006] = {"tsin.006.001.01", "InvcAssgnmtReq", "tsin.006"},
	[ISO_TSIN007] = {"tsin.007.001.01", "InvcAssgnmtSts", "tsin.007"},
	[ISO_TSIN008] = {"tsin.008.001.01", "InvcAssgnmtNtfctn", "tsin.008"},
	[ISO_TSIN009] = {"tsin.009.001.01", "PtyRegnAndGrntReq", "tsin.009"},
	[ISO_TSIN010] = {"tsin.010.001.01", "PtyRegnAndGrntSts", "tsin.010"},
};

const struct ifgw_iso_schema_info *ifgw_iso_schema_info(int schema)
{
	return schema >= 0 && schema < ISO_SCHEMA_COUNT ? &schema_infos[schema] : NULL;
}

int ifgw_iso_schema_by_msgdef(const char *msgdef)
{
	int i;

	for (i = 0; i < ISO_SCHEMA_COUNT; i++)
		if (strcmp(schema_infos[i].msgdef, msgdef) == 0)
			return i;
	return -1;
}

static void schema_path(char *out, size_t size, int schema)
{
	snprintf(out, size, SCHEMA_DIR "%s.xsd", schema_infos[schema].msgdef);
}

static int schema_get(const struct ifgw_xsd **out, int schema)
{
	char rel[128];

	schema_path(rel, sizeof(rel), schema);
	return ifgw_xsd_get(out, rel);
}

int ifgw_iso_schema_init(enum ifgw_xsd_load how)
{
	char rel[128];
	int i, rc = IFGW_OK;

	for (i = 0; i < ISO_SCHEMA_COUNT && rc == IFGW_OK; i++) {
		schema_path(rel, sizeof(rel), i);
		rc = ifgw_xsd_load(rel, how);
	}
	return rc;
}

int ifgw_iso_schema_validate(int schema, xmlNodePtr root)
{
	const struct ifgw_xsd *x;
	struct ifgw_xml_first_error fe;
	int rc;

	if (schema < 0 || schema >= ISO_SCHEMA_COUNT)
		return ifgw_error_set(IFGW_EINVAL, "iso20022: schema %d does not exist", schema);
	if ((rc = schema_get(&x, schema)) != IFGW_OK)
		return rc;
	memset(&fe, 0, sizeof(fe));
	fe.node_path = ifgw_iso_node_path;
	if ((rc = ifgw_xsd_validate(x, root->doc, root, &fe)) == IFGW_EPARSE) {
		if (fe.set)
			rc = ifgw_error_set(IFGW_EPARSE, "%s line %ld: %s%s%s", schema_infos[schema].label, fe.line,
					    fe.path, fe.path[0] ? ": " : "", fe.msg);
		else
			rc = ifgw_error_set(IFGW_EPARSE, "%s: not valid against %s.xsd", schema_infos[schema].label,
					    schema_infos[schema].msgdef);
	}
	return rc;
}

/* --- hardened parse */

int ifgw_iso_parse(xmlDocPtr *out, const char *data, size_t len)
{
	/* ifgw's deepest path is about 14 elements; 64 leaves room for a signature */
	struct ifgw_xml_limits lim = {ISO_WIRE_MAX, 64};
	xmlDocPtr doc = NULL;
	size_t chars = 0;
	int rc;

	*out = NULL;
	if (len && memchr(data, '\0', len))
		return ifgw_error_set(IFGW_EPARSE, "iso20022: NUL byte: ISO 20022 XML is UTF-8 text");
	/* ISO 20022 XML design rules: UTF-8; checked before libxml2 sees (and
	   complains on stderr about) bytes that are not */
	if (len && len <= ISO_WIRE_MAX) {
		struct ifgw_error kept, why;

		ifgw_error_save(&kept); /* the cause is quoted in a message that says why it matters */
		rc = ifgw_utf8_count(&chars, data, len, "iso20022 message");
		ifgw_error_save(&why);
		ifgw_error_restore(&kept);
		if (rc != IFGW_OK)
			return ifgw_error_set(IFGW_EPARSE, "%s: ISO 20022 XML is UTF-8", why.message);
	}
	if ((rc = ifgw_xml_parse(&doc, data, len, "iso20022", &lim)) != IFGW_OK)
		return rc;
	/* ISO 20022 XML design rules: UTF-8 */
	if (doc->encoding && strcasecmp((const char *)doc->encoding, "UTF-8") != 0) {
		rc = ifgw_error_set(IFGW_EPARSE, "iso20022:1: declares encoding %s: ISO 20022 XML is UTF-8",
				    (const char *)doc->encoding);
		xmlFreeDoc(doc);
		return rc;
	}
	*out = doc;
	return IFGW_OK;
}

/* --- writing */

void ifgw_iso_w_init(struct iso_w *w, struct ifgw_buf *out, const struct ifgw_adapter_env *env, const char *label,
		const char *root)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->env = env;
	w->label = label;
	snprintf(w->path, sizeof(w->path), "%s", root);
}

size_t ifgw_iso_w_push(struct iso_w *w, const char *fmt, ...)
{
	size_t saved = strlen(w->path);
	va_list ap;

	if (saved + 1 < sizeof(w->path)) {
		w->path[saved] = '/';
		va_start(ap, fmt);
		vsnprintf(w->path + saved + 1, sizeof(w->path) - saved - 1, fmt, ap);
		va_end(ap);
	}
	return saved;
}

void ifgw_iso_w_pop(struct iso_w *w, size_t saved)
{
	if (saved < sizeof(w->path))
		w->path[saved] = '\0';
}

void ifgw_iso_w_fail(struct iso_w *w, int code, const char *field, const char *fmt, ...)
{
	char what[IFGW_ERROR_MAX];
	va_list ap;

	if (w->rc != IFGW_OK)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	w->rc = ifgw_error_set(code, "%s%s%s: %s", w->path, field && *field ? "/" : "", field ? field : "", what);
}

static void add(struct iso_w *w, const char *s, size_t n)
{
	int rc;

	if (w->rc == IFGW_OK && (rc = ifgw_buf_add(w->out, s, n)) != IFGW_OK)
		w->rc = rc;
}

static void indent(struct iso_w *w)
{
	static const char spaces[] = "                                                                ";
	size_t n = (size_t)w->depth * 2;

	add(w, spaces, n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1);
}

/* Text content: base/xml_escape.h's rule. */
static void add_escaped(struct iso_w *w, const char *s)
{
	int rc;

	if (w->rc == IFGW_OK && (rc = ifgw_xml_escape_text(w->out, s, strlen(s))) != IFGW_OK)
		w->rc = rc;
}

void ifgw_iso_w_open_ns(struct iso_w *w, const char *tag, const char *ns)
{
	indent(w);
	add(w, "<", 1);
	add(w, tag, strlen(tag));
	if (ns) {
		add(w, " xmlns=\"", 8);
		add(w, ns, strlen(ns));
		add(w, "\"", 1);
	}
	add(w, ">\n", 2);
	w->depth++;
}

void ifgw_iso_w_open(struct iso_w *w, const char *tag)
{
	ifgw_iso_w_open_ns(w, tag, NULL);
}

void ifgw_iso_w_close(struct iso_w *w, const char *tag)
{
	w->depth--;
	indent(w);
	add(w, "</", 2);
	add(w, tag, strlen(tag));
	add(w, ">\n", 2);
}

void ifgw_iso_w_leaf(struct iso_w *w, const char *tag, const char *text)
{
	size_t tn = strlen(tag);

	indent(w);
	add(w, "<", 1);
	add(w, tag, tn);
	add(w, ">", 1);
	add_escaped(w, text);
	add(w, "</", 2);
	add(w, tag, tn);
	add(w, ">\n", 2);
}

int ifgw_iso_w_check_text(struct iso_w *w, const char *tag, const char *value, size_t max, size_t limit,
		     const char *field)
{
	size_t chars = 0;

	if (w->rc != IFGW_OK)
		return 0;
	if (!value || !*value)
		return 1;
	if (ifgw_utf8_count(&chars, value, strlen(value), field) != IFGW_OK) {
		w->rc = ifgw_error_code();
		return 0;
	}
	/* the partner's limit first: it is the one to meet, and the tighter as a rule */
	if (limit && chars > limit) {
		ifgw_iso_w_fail(w, IFGW_EINVAL, field, "%zu characters, limit %zu (%s partner profile)", chars, limit,
			   w->env && w->env->profile ? w->env->profile->code : "?");
		return 0;
	}
	if (chars > max) {
		ifgw_iso_w_fail(w, IFGW_EINVAL, field, "%zu characters, limit %zu (%s %s)", chars, max, w->label, tag);
		return 0;
	}
	return 1;
}

void ifgw_iso_w_text(struct iso_w *w, const char *tag, const char *value, size_t max, size_t limit, const char *field)
{
	if (value && *value && ifgw_iso_w_check_text(w, tag, value, max, limit, field))
		ifgw_iso_w_leaf(w, tag, value);
}

void ifgw_iso_w_text_req(struct iso_w *w, const char *tag, const char *value, size_t max, size_t limit,
		    const char *field)
{
	if (!value || !*value)
		ifgw_iso_w_fail(w, IFGW_EINVAL, field, "required by %s (%s)", w->label, tag);
	else
		ifgw_iso_w_text(w, tag, value, max, limit, field);
}

void ifgw_iso_w_date(struct iso_w *w, const char *tag, int32_t date)
{
	char s[IFGW_DATE_STRLEN];

	if (date == IFGW_DATE_NONE)
		return;
	ifgw_date_format(date, s);
	ifgw_iso_w_leaf(w, tag, s);
}

void ifgw_iso_w_datetime(struct iso_w *w, const char *tag, int64_t t)
{
	char s[IFGW_DATETIME_STRLEN];

	if (t == IFGW_TIME_NONE)
		return;
	ifgw_datetime_format(t, s);
	ifgw_iso_w_leaf(w, tag, s);
}

void ifgw_iso_w_amount_raw(struct iso_w *w, const char *tag, const char *code, const char *text)
{
	indent(w);
	add(w, "<", 1);
	add(w, tag, strlen(tag));
	add(w, " Ccy=\"", 6);
	add(w, code, strlen(code));
	add(w, "\">", 2);
	add(w, text, strlen(text));
	add(w, "</", 2);
	add(w, tag, strlen(tag));
	add(w, ">\n", 2);
}

void ifgw_iso_w_amount(struct iso_w *w, const char *tag, const struct ifgw_money *m)
{
	char s[IFGW_MONEY_STRLEN];

	if (!m->ccy)
		return;
	if (m->minor < 0) {
		ifgw_iso_w_fail(w, IFGW_EINVAL, tag, "negative amount: %s amounts are >= 0", w->label);
		return;
	}
	ifgw_money_format(s, m);
	ifgw_iso_w_amount_raw(w, tag, m->ccy->code, s);
}

void ifgw_iso_w_pct(struct iso_w *w, const char *tag, int32_t pct)
{
	char s[IFGW_PERCENT_STRLEN];

	if (pct == IFGW_PCT_NONE)
		return;
	ifgw_percent_format(s, pct);
	ifgw_iso_w_leaf(w, tag, s);
}

void ifgw_iso_w_uint(struct iso_w *w, const char *tag, uint64_t v)
{
	char s[32];

	snprintf(s, sizeof(s), "%llu", (unsigned long long)v);
	ifgw_iso_w_leaf(w, tag, s);
}

size_t ifgw_iso_utf8_prefix(const char *s, size_t chars)
{
	size_t i = 0;

	while (s[i] && chars > 0) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
		chars--;
	}
	return i;
}

size_t ifgw_iso_kv_piece(const char *s, size_t chars)
{
	size_t n = ifgw_iso_utf8_prefix(s, chars), k;

	if (!s[n])
		return n;
	for (k = n; k > 0; k--)
		if (s[k - 1] == ';')
			return k;
	return n;
}

int ifgw_iso_text_pieces_clash(const char *text, size_t max)
{
	size_t mlen = strlen(ISO_MARKER);

	while (*text) {
		if (strncmp(text, ISO_MARKER, mlen) == 0)
			return 1;
		text += ifgw_iso_utf8_prefix(text, max);
	}
	return 0;
}

void ifgw_iso_w_text_pieces(struct iso_w *w, const char *tag, const char *text, size_t max)
{
	char piece[IFGW_FREE_TEXT_SIZE];
	size_t n;

	while (*text && w->rc == IFGW_OK) {
		n = ifgw_iso_utf8_prefix(text, max);
		if (n >= sizeof(piece))
			n = sizeof(piece) - 1;
		memcpy(piece, text, n);
		piece[n] = '\0';
		ifgw_iso_w_leaf(w, tag, piece);
		text += n;
	}
}

void ifgw_iso_w_remainder(struct iso_w *w, const char *tag, const struct ifgw_buf *kv, size_t max, size_t slots)
{
	const char *p = ifgw_buf_cstr(kv);
	size_t mlen = strlen(ISO_MARKER), used = 0, n;
	char piece[2048 * 4 + 16]; /* the largest slot, Max2048Text, of 4-byte characters */

	if (w->rc != IFGW_OK || kv->len == 0)
		return;
	/* the record is ASCII apart from text values: cut at character boundaries */
	while (*p && w->rc == IFGW_OK) {
		if (slots && used == slots) {
			ifgw_iso_w_fail(w, IFGW_EOVERFLOW, NULL,
				   "the fields %s has no element for (the ifgw remainder) need more than %zu %s "
				   "elements of %zu characters",
				   w->label, slots, tag, max);
			return;
		}
		n = ifgw_iso_kv_piece(p, max - mlen);
		if (mlen + n >= sizeof(piece)) {
			ifgw_iso_w_fail(w, IFGW_EOVERFLOW, NULL, "remainder piece too long");
			return;
		}
		memcpy(piece, ISO_MARKER, mlen);
		memcpy(piece + mlen, p, n);
		piece[mlen + n] = '\0';
		ifgw_iso_w_leaf(w, tag, piece);
		p += n;
		used++;
	}
}

/* Pattern checks of the ISO identifiers ifgw writes when a value fits. */
int ifgw_iso_is_phone(const char *s)
{
	size_t i = 1, n;

	/* \+[0-9]{1,3}-[0-9()+\-]{1,30} */
	if (s[0] != '+')
		return 0;
	while (s[i] >= '0' && s[i] <= '9' && i < 4)
		i++;
	if (i == 1 || s[i] != '-')
		return 0;
	for (n = 0, i++; s[i]; i++, n++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '(' || s[i] == ')' || s[i] == '+' || s[i] == '-'))
			return 0;
	return n >= 1 && n <= 30;
}

static int upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

int ifgw_iso_is_bic(const char *s)
{
	size_t n = strlen(s), i;

	/* [A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})? */
	if (n != 8 && n != 11)
		return 0;
	for (i = 0; i < 6; i++)
		if (!upper(s[i]))
			return 0;
	if (!(upper(s[6]) || (s[6] >= '2' && s[6] <= '9')))
		return 0;
	if (!((upper(s[7]) && s[7] != 'O') || digit(s[7])))
		return 0;
	for (i = 8; i < n; i++)
		if (!upper(s[i]) && !digit(s[i]))
			return 0;
	return 1;
}

int ifgw_iso_is_iban(const char *s)
{
	size_t n = strlen(s), i;

	/* [A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30} (IBAN2007Identifier) */
	if (n < 5 || n > 34 || !upper(s[0]) || !upper(s[1]) || !digit(s[2]) || !digit(s[3]))
		return 0;
	for (i = 4; i < n; i++)
		if (!upper(s[i]) && !digit(s[i]) && !(s[i] >= 'a' && s[i] <= 'z'))
			return 0;
	return 1;
}

/* --- reading */

static char read_marks[2]; /* addresses only: [0] element read, [1] subtree read */

void ifgw_iso_r_init(struct iso_r *r, xmlDocPtr doc, const struct ifgw_adapter_env *env)
{
	memset(r, 0, sizeof(*r));
	r->doc = doc;
	r->env = env;
	r->label = "iso20022";
}

void ifgw_iso_r_free(struct iso_r *r)
{
	size_t i;

	for (i = 0; i < sizeof(r->scratch) / sizeof(r->scratch[0]); i++) {
		xmlFree(r->scratch[i]);
		r->scratch[i] = NULL;
	}
}

static size_t sibling_index(xmlNodePtr node, size_t *count)
{
	xmlNodePtr s;
	size_t index = 1, n = 1;

	for (s = node->prev; s; s = s->prev)
		if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, node->name))
			index++, n++;
	for (s = node->next; s; s = s->next)
		if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, node->name))
			n++;
	*count = n;
	return index;
}

void ifgw_iso_node_path(char *out, size_t size, xmlNodePtr node)
{
	xmlNodePtr chain[64];
	size_t n = 0, len = 0, count, idx;
	int i;

	out[0] = '\0';
	/* up to the Document or AppHdr: the envelope is ours and says nothing */
	for (; node && node->type == XML_ELEMENT_NODE && n < 64; node = node->parent) {
		chain[n++] = node;
		if (xmlStrEqual(node->name, BAD_CAST "Document") || xmlStrEqual(node->name, BAD_CAST "AppHdr"))
			break;
	}
	for (i = (int)n - 1; i >= 0 && len + 1 < size; i--) {
		idx = sibling_index(chain[i], &count);
		if (count > 1)
			snprintf(out + len, size - len, "%s%s[%zu]", len ? "/" : "", (const char *)chain[i]->name,
				 idx);
		else
			snprintf(out + len, size - len, "%s%s", len ? "/" : "", (const char *)chain[i]->name);
		len = strlen(out);
	}
}

int ifgw_iso_r_fail(struct iso_r *r, xmlNodePtr node, int code, const char *fmt, ...)
{
	char what[IFGW_ERROR_MAX], path[256] = "";
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (node)
		ifgw_iso_node_path(path, sizeof(path), node);
	return ifgw_error_set(code, "%s line %ld: %s%s%s", r->label, node ? xmlGetLineNo(node) : 0L, path,
			      path[0] ? ": " : "", what);
}

int ifgw_iso_r_wrap(struct iso_r *r, xmlNodePtr node, int code, const char *what)
{
	char path[256] = "";

	if (node)
		ifgw_iso_node_path(path, sizeof(path), node);
	return ifgw_error_wrap(code, "%s line %ld%s%s%s%s", r->label, node ? xmlGetLineNo(node) : 0L,
			       path[0] ? ": " : "", path, what ? ": " : "", what ? what : "");
}

void ifgw_iso_r_mark(xmlNodePtr node, int whole)
{
	if (node)
		node->_private = &read_marks[whole ? 1 : 0];
}

xmlNodePtr ifgw_iso_r_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr c;

	if (!parent)
		return NULL;
	for (c = parent->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name)) {
			if (!c->_private)
				ifgw_iso_r_mark(c, 0);
			return c;
		}
	return NULL;
}

xmlNodePtr ifgw_iso_r_next(xmlNodePtr node)
{
	xmlNodePtr c;

	for (c = node ? node->next : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, node->name)) {
			if (!c->_private)
				ifgw_iso_r_mark(c, 0);
			return c;
		}
	return NULL;
}

size_t ifgw_iso_r_count(xmlNodePtr parent, const char *name)
{
	xmlNodePtr c;
	size_t n = 0;

	for (c = parent ? parent->children : NULL; c; c = c->next)
		n += c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name);
	return n;
}

const char *ifgw_iso_r_content(struct iso_r *r, xmlNodePtr node)
{
	xmlNodePtr c = node ? node->children : NULL;
	xmlChar **s;

	if (!c)
		return "";
	if (!c->next && c->type == XML_TEXT_NODE)
		return c->content ? (const char *)c->content : "";
	/* text split by comments or processing instructions: joined, kept a while */
	s = &r->scratch[r->next_scratch++ % (sizeof(r->scratch) / sizeof(r->scratch[0]))];
	xmlFree(*s);
	*s = xmlNodeGetContent(node);
	return *s ? (const char *)*s : "";
}

int ifgw_iso_r_unread(struct iso_r *r, xmlNodePtr root)
{
	xmlNodePtr c;
	int rc;

	if (!root || root->type != XML_ELEMENT_NODE || root->_private == &read_marks[1])
		return IFGW_OK;
	if (root->_private != &read_marks[0])
		return ifgw_iso_r_fail(r, root, IFGW_EUNSUPPORTED, "element not part of ifgw's %s mapping", r->label);
	for (c = root->children; c; c = c->next)
		if ((rc = ifgw_iso_r_unread(r, c)) != IFGW_OK)
			return rc;
	return IFGW_OK;
}

int ifgw_iso_r_node_text(struct iso_r *r, char *dst, size_t size, xmlNodePtr node, size_t limit)
{
	struct ifgw_error kept;
	const char *v;
	size_t chars = 0;
	int rc;

	dst[0] = '\0';
	if (!node)
		return IFGW_OK;
	v = ifgw_iso_r_content(r, node);
	ifgw_error_save(&kept); /* replaced by a message that names the element */
	rc = ifgw_text_check(&chars, v, strlen(v));
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK)
		return ifgw_iso_r_fail(r, node, IFGW_EINVAL, "text is not valid UTF-8 text of the model");
	if (chars > IFGW_TEXT_CHARS(size))
		return ifgw_iso_r_fail(r, node, IFGW_EINVAL, "%zu characters, limit %zu", chars, IFGW_TEXT_CHARS(size));
	if (limit && chars > limit)
		return ifgw_iso_r_fail(r, node, IFGW_EINVAL, "%zu characters, limit %zu (%s partner profile)", chars, limit,
				  r->env && r->env->profile ? r->env->profile->code : "?");
	memcpy(dst, v, strlen(v) + 1);
	return IFGW_OK;
}

int ifgw_iso_r_text(struct iso_r *r, char *dst, size_t size, xmlNodePtr parent, const char *name, size_t limit)
{
	return ifgw_iso_r_node_text(r, dst, size, ifgw_iso_r_child(parent, name), limit);
}

int ifgw_iso_r_date(struct iso_r *r, int32_t *dst, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = ifgw_iso_r_child(parent, name);
	struct ifgw_error kept;
	const char *v;
	int rc;

	*dst = IFGW_DATE_NONE;
	if (!n)
		return IFGW_OK;
	v = ifgw_iso_r_content(r, n);
	ifgw_error_save(&kept); /* replaced by a message that names the element */
	rc = ifgw_date_parse(dst, v, strlen(v));
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK)
		return ifgw_iso_r_fail(r, n, IFGW_EINVAL, "date '%.40s' is not YYYY-MM-DD", v);
	return IFGW_OK;
}

int ifgw_iso_r_datetime(struct iso_r *r, int64_t *dst, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = ifgw_iso_r_child(parent, name);
	struct ifgw_error kept;
	const char *v;
	int rc;

	*dst = IFGW_TIME_NONE;
	if (!n)
		return IFGW_OK;
	v = ifgw_iso_r_content(r, n);
	ifgw_error_save(&kept); /* replaced by a message that names the element */
	rc = ifgw_datetime_parse(dst, v);
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK)
		return ifgw_iso_r_fail(r, n, IFGW_EINVAL, "date-time '%.40s' is not YYYY-MM-DDTHH:MM:SS with a zone", v);
	return IFGW_OK;
}

int ifgw_iso_r_amount(struct iso_r *r, struct ifgw_money *dst, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = ifgw_iso_r_child(parent, name);
	const struct ifgw_currency *ccy;
	struct ifgw_error kept;
	xmlChar *code;
	const char *v;
	int rc;

	dst->minor = 0;
	dst->ccy = NULL;
	if (!n)
		return IFGW_OK;
	if (!(code = xmlGetProp(n, BAD_CAST "Ccy")))
		return ifgw_iso_r_fail(r, n, IFGW_EINVAL, "amount without a Ccy attribute");
	ifgw_error_save(&kept); /* replaced by a message that names the element */
	rc = ifgw_currency_lookup(&ccy, (const char *)code, strlen((const char *)code));
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK) {
		rc = ifgw_iso_r_fail(r, n, IFGW_EINVAL, "unknown currency '%.8s'", (const char *)code);
		xmlFree(code);
		return rc;
	}
	xmlFree(code);
	v = ifgw_iso_r_content(r, n);
	if (ifgw_money_parse(dst, v, strlen(v), ccy, NULL) != IFGW_OK) {
		dst->ccy = NULL;
		return ifgw_iso_r_wrap(r, n, IFGW_EINVAL, NULL);
	}
	if (dst->minor < 0) {
		dst->ccy = NULL;
		return ifgw_iso_r_fail(r, n, IFGW_EINVAL, "negative amount");
	}
	return IFGW_OK;
}

int ifgw_iso_r_pct(struct iso_r *r, int32_t *dst, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = ifgw_iso_r_child(parent, name);
	const char *v;

	*dst = IFGW_PCT_NONE;
	if (!n)
		return IFGW_OK;
	v = ifgw_iso_r_content(r, n);
	if (ifgw_percent_parse(dst, v, strlen(v)) != IFGW_OK) {
		*dst = IFGW_PCT_NONE;
		return ifgw_iso_r_wrap(r, n, IFGW_EINVAL, NULL);
	}
	return IFGW_OK;
}

int ifgw_iso_r_uint(struct iso_r *r, uint64_t *dst, xmlNodePtr parent, const char *name, uint64_t hi)
{
	xmlNodePtr n = ifgw_iso_r_child(parent, name);
	const char *v, *p;
	uint64_t x = 0;

	*dst = 0;
	if (!n)
		return ifgw_iso_r_fail(r, parent, IFGW_EINVAL, "%s missing", name);
	v = ifgw_iso_r_content(r, n);
	for (p = v; *p; p++) {
		if (*p < '0' || *p > '9' || x > (UINT64_MAX - 9) / 10)
			return ifgw_iso_r_fail(r, n, IFGW_EINVAL, "'%.40s' is not a number up to %llu", v,
					  (unsigned long long)hi);
		x = x * 10 + (uint64_t)(*p - '0');
	}
	if (p == v || x > hi)
		return ifgw_iso_r_fail(r, n, IFGW_EINVAL, "'%.40s' is not a number up to %llu", v, (unsigned long long)hi);
	*dst = x;
	return IFGW_OK;
}

int ifgw_iso_r_slots(struct iso_r *r, struct ifgw_buf *text, struct ifgw_buf *kv_text, xmlNodePtr parent,
		const char *name)
{
	size_t mlen = strlen(ISO_MARKER);
	xmlNodePtr n;
	int in_kv = 0, rc;

	for (n = ifgw_iso_r_child(parent, name); n; n = ifgw_iso_r_next(n)) {
		const char *v = ifgw_iso_r_content(r, n);

		if (strncmp(v, ISO_MARKER, mlen) == 0) {
			in_kv = 1;
			if ((rc = ifgw_buf_addstr(kv_text, v + mlen)) != IFGW_OK)
				return ifgw_iso_r_fail(r, n, rc, "remainder too long");
		} else if (in_kv) {
			return ifgw_iso_r_fail(r, n, IFGW_EINVAL, "text after the ifgw remainder");
		} else if (!text) {
			return ifgw_iso_r_fail(r, n, IFGW_EINVAL, "ifgw writes only its remainder here (\"%s...\")",
					  ISO_MARKER);
		} else if ((rc = ifgw_buf_addstr(text, v)) != IFGW_OK) {
			return ifgw_iso_r_fail(r, n, rc, "text too long");
		}
	}
	return IFGW_OK;
}

int ifgw_iso_r_remainder(struct iso_r *r, struct iso_kv *kv, struct ifgw_buf *text, xmlNodePtr parent,
		    const char *name)
{
	struct ifgw_buf kvt;
	int rc;

	ifgw_buf_init(&kvt, ISO_WIRE_MAX);
	if ((rc = ifgw_iso_r_slots(r, text, &kvt, parent, name)) == IFGW_OK)
		rc = ifgw_iso_kv_parse(kv, ifgw_buf_cstr(&kvt), kvt.len);
	ifgw_buf_free(&kvt);
	return rc;
}

int ifgw_iso_r_code(struct iso_r *r, char *dst, size_t size, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = ifgw_iso_r_child(parent, name);
	const char *v;

	dst[0] = '\0';
	if (!n)
		return IFGW_OK;
	v = ifgw_iso_r_content(r, n);
	if (strlen(v) >= size)
		return ifgw_iso_r_fail(r, n, IFGW_EINVAL, "'%.16s' is longer than %zu characters", v, size - 1);
	memcpy(dst, v, strlen(v) + 1);
	return IFGW_OK;
}

/* --- control sums */

void ifgw_iso_sum_add(struct iso_sum *s, const struct ifgw_money *m)
{
	int64_t v;
	int scale;

	if (!m->ccy || s->overflow)
		return;
	scale = m->ccy->minor_units > 0 ? m->ccy->minor_units : 0;
	v = m->minor < 0 ? -m->minor : m->minor;
	for (; s->scale < scale; s->scale++)
		if (__builtin_mul_overflow(s->units, 10, &s->units))
			s->overflow = 1;
	for (; scale < s->scale; scale++)
		if (__builtin_mul_overflow(v, 10, &v))
			s->overflow = 1;
	if (!s->overflow && __builtin_add_overflow(s->units, v, &s->units))
		s->overflow = 1;
}

int ifgw_iso_sum_format(const struct iso_sum *s, char out[48])
{
	char digits[32];
	size_t n;

	if (s->overflow)
		return 0;
	n = (size_t)snprintf(digits, sizeof(digits), "%0*lld", s->scale + 1, (long long)s->units);
	if (n > 18)
		return 0;
	if (s->scale)
		snprintf(out, 48, "%.*s.%s", (int)(n - (size_t)s->scale), digits, digits + n - (size_t)s->scale);
	else
		snprintf(out, 48, "%s", digits);
	return 1;
}

/* xs:decimal text to sign, integer digits without leading zeros and
 * fraction digits without trailing zeros; 0 when not a decimal. */
static int decimal_norm(const char *s, char *out, size_t size)
{
	const char *p = s, *int_start, *int_end, *frac = NULL, *frac_end;
	int neg = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	int_start = p;
	while (*p >= '0' && *p <= '9')
		p++;
	int_end = p;
	if (*p == '.') {
		frac = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	frac_end = p;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p || (int_end == int_start && (!frac || frac_end == frac)))
		return 0;
	while (int_start < int_end - 1 && *int_start == '0')
		int_start++;
	if (frac)
		while (frac_end > frac && frac_end[-1] == '0')
			frac_end--;
	if (int_end == int_start || (int_end - int_start == 1 && *int_start == '0'))
		if (!frac || frac_end == frac)
			neg = 0; /* -0 is 0 */
	snprintf(out, size, "%s%.*s%s%.*s", neg ? "-" : "", (int)(int_end - int_start), int_start,
		 frac && frac_end > frac ? "." : "", frac ? (int)(frac_end - frac) : 0, frac ? frac : "");
	return 1;
}

int ifgw_iso_decimal_equal(const char *a, const char *b)
{
	char na[64], nb[64];

	return decimal_norm(a, na, sizeof(na)) && decimal_norm(b, nb, sizeof(nb)) && strcmp(na, nb) == 0;
}

int ifgw_iso_r_control(struct iso_r *r, xmlNodePtr parent, const char *name, const char *want_text, const char *what,
		  int required)
{
	xmlNodePtr n = ifgw_iso_r_child(parent, name);
	const char *v;

	if (!n)
		return required ? ifgw_iso_r_fail(r, parent, IFGW_EINVAL, "%s missing", name) : IFGW_OK;
	v = ifgw_iso_r_content(r, n);
	if (!ifgw_iso_decimal_equal(v, want_text))
		return ifgw_iso_r_fail(r, n, IFGW_EINVAL, "control total mismatch: %s %.40s != %s %s", name, v, what,
				  want_text);
	return IFGW_OK;
}

/* --- validation status */

static const char *const fin_reasons[] = {"CA01", "CA02", "AC01", "AC04", "AC06", "BE08", "BE09", "BE10",
					  "BE11", "DT02", "ID01", "ID02", "ID03", "MI01", "NA01", "CA03"};

void ifgw_iso_w_reason(struct iso_w *w, const char *code)
{
	size_t i;

	if (!code[0])
		return;
	ifgw_iso_w_open(w, "StsRsn");
	for (i = 0; i < sizeof(fin_reasons) / sizeof(fin_reasons[0]); i++)
		if (strcmp(code, fin_reasons[i]) == 0)
			break;
	if (i < sizeof(fin_reasons) / sizeof(fin_reasons[0]))
		ifgw_iso_w_leaf(w, "Cd", code);
	else
		ifgw_iso_w_text(w, "Prtry", code, 35, 0, "ReasonCode");
	ifgw_iso_w_close(w, "StsRsn");
}

int ifgw_iso_r_reason(struct iso_r *r, char *dst, size_t size, xmlNodePtr rsn)
{
	xmlNodePtr cd = ifgw_iso_r_child(rsn, "Cd");

	dst[0] = '\0';
	if (!rsn)
		return IFGW_OK;
	return ifgw_iso_r_node_text(r, dst, size, cd ? cd : ifgw_iso_r_child(rsn, "Prtry"), 0);
}

void ifgw_iso_w_vsi(struct iso_w *w, const char *tag, int ok, const char *reason_code, const char *reason_text,
	       const struct ifgw_buf *kv)
{
	ifgw_iso_w_open(w, tag);
	ifgw_iso_w_leaf(w, "Sts", ok ? "RCCF" : "RCER");
	ifgw_iso_w_reason(w, reason_code);
	ifgw_iso_w_text_pieces(w, "AddtlStsRsnInf", reason_text, 105);
	if (kv)
		ifgw_iso_w_remainder(w, "AddtlStsRsnInf", kv, 105, 0);
	ifgw_iso_w_close(w, tag);
}

int ifgw_iso_r_vsi(struct iso_r *r, xmlNodePtr vsi, int *ok, char *reason_code, size_t code_size, char *reason_text,
	      size_t text_size, struct iso_kv *kv)
{
	xmlNodePtr sts = ifgw_iso_r_child(vsi, "Sts"), rsn = ifgw_iso_r_child(vsi, "StsRsn"), piece;
	struct ifgw_buf text;
	int rc;

	*ok = strcmp(ifgw_iso_r_content(r, sts), "RCCF") == 0;
	if ((rc = ifgw_iso_r_reason(r, reason_code, code_size, rsn)) != IFGW_OK)
		return rc;
	ifgw_buf_init(&text, IFGW_FREE_TEXT_SIZE);
	if (kv) {
		rc = ifgw_iso_r_remainder(r, kv, &text, vsi, "AddtlStsRsnInf");
	} else {
		rc = IFGW_OK;
		for (piece = ifgw_iso_r_child(vsi, "AddtlStsRsnInf"); piece && rc == IFGW_OK; piece = ifgw_iso_r_next(piece))
			if (ifgw_buf_addstr(&text, ifgw_iso_r_content(r, piece)) != IFGW_OK)
				rc = ifgw_iso_r_fail(r, piece, IFGW_EINVAL, "reason text too long");
	}
	if (rc == IFGW_OK && text.len && ifgw_text_set(reason_text, text_size, text.ptr, text.len) != IFGW_OK)
		rc = ifgw_iso_r_wrap(r, vsi, IFGW_EINVAL, "AddtlStsRsnInf");
	ifgw_buf_free(&text);
	return rc;
}
