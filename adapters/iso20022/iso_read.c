/* iso_read.c: reading ISO 20022 XML: the hardened parse (UTF-8 only,
 * base/xml.c), then the walk with every element marked as read, the typed
 * leaves, control totals and status reasons; errors name the element path. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "adapters/charset.h"
#include "base/date.h"
#include "base/error.h"
#include "base/xml.h"
#define IFGW_ISO_INTERNAL
#include "adapters/iso20022/iso_int.h"

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

int ifgw_iso_r_reason(struct iso_r *r, char *dst, size_t size, xmlNodePtr rsn)
{
	xmlNodePtr cd = ifgw_iso_r_child(rsn, "Cd");

	dst[0] = '\0';
	if (!rsn)
		return IFGW_OK;
	return ifgw_iso_r_node_text(r, dst, size, cd ? cd : ifgw_iso_r_child(rsn, "Prtry"), 0);
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
