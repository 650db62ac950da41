/* edi_xmlr.c: reading edifactoring XML, strictly.
 *
 * Untrusted input.  The declared encoding must be the partner's charset;
 * the bytes are converted to UTF-8 by adapters/charset (an invalid byte is
 * named with its offset), then parsed by libxml2 with no network, no
 * DOCTYPE (refused before parsing, so no entity can be declared or
 * expanded), a size cap and libxml2's depth limit.  The tree is then walked
 * in the order of the FCI tables: a missing mandatory element, an unknown
 * or misplaced one, an element of another namespace, an attribute, text
 * where an element belongs, an over-long value or an unknown code is
 * refused with the line and the path ("line 57: MSG09/InvCreditNoteDetails[3]
 * /DocNr: 41 characters, limit 35").  Errors are sticky like the writer's. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "adapters/charset.h"
#define IFGW_EDIFACTORING_INTERNAL
#include "adapters/edifactoring/edifactoring_int.h"
#include "base/date.h"
#include "base/error.h"
#include "base/xml.h"

/* --- the document */

/* The encoding pseudo-attribute of an XML declaration at the start of data
 * (declared: "UTF-8" when there is none); *end = the byte after "?>". */
static int read_declaration(char *declared, size_t size, size_t *end, const char *data, size_t len)
{
	const char *close, *enc, *q;
	size_t n;

	snprintf(declared, size, "UTF-8");
	*end = 0;
	if (len < 5 || memcmp(data, "<?xml", 5) != 0)
		return IFGW_OK;
	if (!(close = memmem(data, len < 256 ? len : 256, "?>", 2)))
		return ifgw_error_set(IFGW_EPARSE, "line 1: the XML declaration does not end within 256 bytes");
	*end = (size_t)(close - data) + 2;
	if (!(enc = memmem(data, *end, "encoding", 8)))
		return IFGW_OK;
	enc += 8;
	while (enc < close && (*enc == ' ' || *enc == '='))
		enc++;
	if (enc >= close || (*enc != '"' && *enc != '\''))
		return ifgw_error_set(IFGW_EPARSE, "line 1: the encoding of the XML declaration is not quoted");
	if (!(q = memchr(enc + 1, *enc, (size_t)(close - enc - 1))))
		return ifgw_error_set(IFGW_EPARSE, "line 1: the encoding of the XML declaration is not closed");
	n = (size_t)(q - enc - 1);
	if (n == 0 || n >= size)
		return ifgw_error_set(IFGW_EPARSE, "line 1: the declared encoding is empty or too long");
	memcpy(declared, enc + 1, n);
	declared[n] = '\0';
	return IFGW_OK;
}

int ifgw_edi_r_parse(xmlDocPtr *out, const char *wire, size_t len, const struct ifgw_adapter_env *env)
{
	static const char utf8_decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
	const char *charset = env->charset ? env->charset : env->profile->charset;
	struct ifgw_xml_limits lim = {.max_bytes = (size_t)EDI_WIRE_MAX * 2 + 64, .max_depth = 32};
	xmlDocPtr doc = NULL;
	struct ifgw_buf conv;
	char declared[64];
	const char *data = wire, *hit;
	size_t dlen = len, decl_end;
	int rc;

	*out = NULL;
	ifgw_buf_init(&conv, (size_t)EDI_WIRE_MAX * 2 + sizeof(utf8_decl));
	if (len > EDI_WIRE_MAX) {
		rc = ifgw_error_set(IFGW_EOVERFLOW, "edifactoring message of %zu bytes, more than the limit of %u", len,
		                    EDI_WIRE_MAX);
		goto out;
	}
	if (len == 0) {
		rc = ifgw_error_set(IFGW_EPARSE, "empty edifactoring message");
		goto out;
	}
	if (len >= 3 && memcmp(wire, "\xEF\xBB\xBF", 3) == 0 && ifgw_edi_charset_same(charset, "UTF-8")) {
		data += 3; /* a UTF-8 byte order mark */
		dlen -= 3;
	}
	if ((rc = read_declaration(declared, sizeof(declared), &decl_end, data, dlen)) != IFGW_OK)
		goto out;
	if (!ifgw_edi_charset_same(declared, charset) && !ifgw_edi_charset_same(declared, ifgw_edi_charset_xml_name(charset))) {
		rc = ifgw_error_set(IFGW_EPARSE,
		                    "line 1: the message declares encoding %s, the partner's charset is %s", declared,
		                    charset);
		goto out;
	}
	if (!ifgw_edi_charset_same(charset, "UTF-8")) {
		if ((rc = ifgw_buf_add(&conv, utf8_decl, sizeof(utf8_decl) - 1)) != IFGW_OK ||
		    (rc = ifgw_charset_to_utf8(&conv, charset, data + decl_end, dlen - decl_end,
		                               "edifactoring message")) != IFGW_OK)
			goto out;
		data = conv.ptr;
		dlen = conv.len;
	}
	if ((hit = memchr(data, '\0', dlen))) {
		rc = ifgw_error_set(IFGW_EPARSE, "line %ld: NUL character in an XML message",
		                    ifgw_xml_line_at(data, (size_t)(hit - data)));
		goto out;
	}
	/* the one hardened parse: no network, no DTD (hence no entity), size
	 * and depth limits (base/xml.h) */
	if ((rc = ifgw_xml_parse(&doc, data, dlen, "edifactoring", &lim)) != IFGW_OK)
		goto out;
	*out = doc;
	doc = NULL;
	rc = IFGW_OK;
out:
	xmlFreeDoc(doc);
	ifgw_buf_free(&conv);
	return rc;
}

/* --- paths and errors */

static void path_text(const struct edi_r *r, const char *leaf, char *out, size_t size)
{
	size_t n;
	int i;

	n = (size_t)snprintf(out, size, "%s", r->msg);
	for (i = 1; i < r->depth && n < size; i++) {
		if (r->path[i].idx)
			n += (size_t)snprintf(out + n, size - n, "/%s[%zu]", r->path[i].name, r->path[i].idx);
		else
			n += (size_t)snprintf(out + n, size - n, "/%s", r->path[i].name);
	}
	if (leaf && n < size)
		snprintf(out + n, size - n, "/%s", leaf);
}

void ifgw_edi_r_fail(struct edi_r *r, xmlNodePtr at, int code, const char *name, const char *fmt, ...)
{
	char path[256], what[IFGW_ERROR_MAX];
	va_list ap;

	if (r->rc)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	path_text(r, name, path, sizeof(path));
	r->rc = ifgw_error_set(code, "line %ld: %s: %s", at ? xmlGetLineNo(at) : 0L, path, what);
}

void ifgw_edi_r_wrap(struct edi_r *r, xmlNodePtr at, int code, const char *name)
{
	char path[256];

	if (r->rc)
		return;
	path_text(r, name, path, sizeof(path));
	r->rc = ifgw_error_wrap(code, "line %ld: %s", at ? xmlGetLineNo(at) : 0L, path);
}

int ifgw_edi_r_begin(struct edi_r *r, struct edi_cur *root, int *nn, xmlDocPtr doc)
{
	xmlNodePtr el = xmlDocGetRootElement(doc);
	char want[64];
	int n;

	memset(r, 0, sizeof(*r));
	memset(root, 0, sizeof(*root));
	*nn = 0;
	r->doc = doc;
	if (!el)
		return r->rc = ifgw_error_set(IFGW_EPARSE, "no root element");
	if ((n = ifgw_edi_ext_number((const char *)el->name)) != 0) {
		/* ifgw's own message: its own root and namespace */
		snprintf(r->msg, sizeof(r->msg), "%s", (const char *)el->name);
		snprintf(want, sizeof(want), "%s", EDI_EXT_NS);
	} else {
		if (xmlStrlen(el->name) != 5 || memcmp(el->name, "MSG", 3) != 0 || el->name[3] < '0' ||
		    el->name[3] > '9' || el->name[4] < '0' || el->name[4] > '9')
			return r->rc = ifgw_error_set(IFGW_EPARSE,
			                              "line %ld: root element '%.40s' is not an edifactoring MSGnn",
			                              xmlGetLineNo(el), (const char *)el->name);
		n = (el->name[3] - '0') * 10 + (el->name[4] - '0');
		if (!ifgw_edi_number_known(n) || ifgw_edi_ext_root(n))
			return r->rc = ifgw_error_set(IFGW_EUNSUPPORTED,
			                              "line %ld: MSG%02d is not a message ifgw reads",
			                              xmlGetLineNo(el), n);
		snprintf(r->msg, sizeof(r->msg), "MSG%02d", n);
		snprintf(want, sizeof(want), EDI_NS_PREFIX "%s", r->msg);
	}
	if (!el->ns || !xmlStrEqual(el->ns->href, BAD_CAST want))
		return r->rc = ifgw_error_set(IFGW_EPARSE, "line %ld: %s: wrong namespace '%.80s', expected '%s'",
		                              xmlGetLineNo(el), r->msg, el->ns ? (const char *)el->ns->href : "(none)",
		                              want);
	if (el->properties)
		return r->rc = ifgw_error_set(IFGW_EPARSE, "line %ld: %s: attribute '%.40s' is not allowed",
		                              xmlGetLineNo(el), r->msg, (const char *)el->properties->name);
	r->ns = (const char *)el->ns->href;
	r->path[0].name = r->msg;
	r->depth = 1;
	root->parent = el;
	root->next = el->children;
	*nn = n;
	return IFGW_OK;
}

/* --- cursor */

static int blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static int ours(const struct edi_r *r, xmlNodePtr n)
{
	return n->ns && xmlStrEqual(n->ns->href, BAD_CAST r->ns);
}

/* Move c->next to the next element; refuse stray text and foreign nodes. */
static void skip(struct edi_r *r, struct edi_cur *c)
{
	while (c->next && !r->rc) {
		xmlNodePtr n = c->next;

		if (n->type == XML_ELEMENT_NODE)
			return;
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && !blank(n->content)) {
			const char *t = (const char *)n->content;
			size_t len;

			t += strspn(t, " \t\r\n");
			len = strcspn(t, "\r\n");
			ifgw_edi_r_fail(r, n, IFGW_EPARSE, NULL, "text '%.*s' where an element is expected",
			           (int)(len > 24 ? 24 : len), t);
			return;
		}
		if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE && n->type != XML_COMMENT_NODE) {
			ifgw_edi_r_fail(r, n, IFGW_EPARSE, NULL, "node of type %d is not allowed", (int)n->type);
			return;
		}
		c->next = n->next;
	}
}

int ifgw_edi_r_peek(struct edi_r *r, struct edi_cur *c, const char *name)
{
	skip(r, c);
	return !r->rc && c->next && ours(r, c->next) && xmlStrEqual(c->next->name, BAD_CAST name);
}

xmlNodePtr ifgw_edi_r_el(struct edi_r *r, struct edi_cur *c, const char *name, int required)
{
	xmlNodePtr n;

	if (r->rc)
		return NULL;
	if (!ifgw_edi_r_peek(r, c, name)) {
		if (required && !r->rc) {
			if (c->next)
				ifgw_edi_r_fail(r, c->next, IFGW_EPARSE, name, "missing ('%.40s' found in its place)",
				           (const char *)c->next->name);
			else
				ifgw_edi_r_fail(r, c->parent, IFGW_EPARSE, name, "missing");
		}
		return NULL;
	}
	n = c->next;
	c->next = n->next;
	if (n->properties && !xmlStrEqual(BAD_CAST name, BAD_CAST "Error")) {
		ifgw_edi_r_fail(r, n, IFGW_EPARSE, name, "attribute '%.40s' is not allowed",
		           (const char *)n->properties->name);
		return NULL;
	}
	return n;
}

int ifgw_edi_r_enter_item(struct edi_r *r, struct edi_cur *c, const char *name, size_t idx, struct edi_cur *inner)
{
	xmlNodePtr n = ifgw_edi_r_el(r, c, name, 1);

	if (!n)
		return 0;
	if (r->depth >= EDI_DEPTH_MAX) {
		ifgw_edi_r_fail(r, n, IFGW_EPARSE, name, "nested too deep");
		return 0;
	}
	r->path[r->depth].name = name;
	r->path[r->depth].idx = idx;
	r->depth++;
	inner->parent = n;
	inner->next = n->children;
	return 1;
}

int ifgw_edi_r_enter(struct edi_r *r, struct edi_cur *c, const char *name, int required, struct edi_cur *inner)
{
	if (!required && !ifgw_edi_r_peek(r, c, name))
		return 0;
	return ifgw_edi_r_enter_item(r, c, name, 0, inner);
}

void ifgw_edi_r_signature(struct edi_r *r, struct edi_cur *c)
{
	xmlNodePtr n = c->next;

	while (n && (n->type == XML_COMMENT_NODE || (n->type == XML_TEXT_NODE && blank(n->content))))
		n = n->next;
	if (!r->rc && n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "Signature") && n->ns &&
	    xmlStrEqual(n->ns->href, BAD_CAST "http://www.w3.org/2000/09/xmldsig#"))
		c->next = n->next; /* verified by certs/xmldsig before the message is decoded */
}

void ifgw_edi_r_leave(struct edi_r *r, struct edi_cur *inner)
{
	skip(r, inner);
	if (!r->rc && inner->next && !ours(r, inner->next))
		ifgw_edi_r_fail(r, inner->next, IFGW_EPARSE, (const char *)inner->next->name,
		           "unknown element: namespace '%.80s', not the message's",
		           inner->next->ns ? (const char *)inner->next->ns->href : "(none)");
	else if (!r->rc && inner->next)
		ifgw_edi_r_fail(r, inner->next, IFGW_EPARSE, (const char *)inner->next->name,
		           "unknown element (not allowed here in %s)", r->msg);
	if (r->depth > 1)
		r->depth--;
}

/* --- leaves */

/* The text of a leaf element (text children only); *s borrowed or in buf. */
static int leaf_text(struct edi_r *r, xmlNodePtr n, const char *name, const char **s, size_t *len, struct ifgw_buf *buf)
{
	xmlNodePtr k;
	int rc;

	if (n->children && !n->children->next && n->children->type == XML_TEXT_NODE) {
		*s = (const char *)n->children->content;
		*len = strlen(*s);
		return 1;
	}
	for (k = n->children; k; k = k->next) {
		if (k->type == XML_COMMENT_NODE)
			continue;
		if (k->type != XML_TEXT_NODE && k->type != XML_CDATA_SECTION_NODE) {
			ifgw_edi_r_fail(r, n, IFGW_EPARSE, name, "element content where text is expected");
			return 0;
		}
		if ((rc = ifgw_buf_addstr(buf, (const char *)k->content)) != IFGW_OK) {
			ifgw_edi_r_wrap(r, n, rc, name);
			return 0;
		}
	}
	*s = ifgw_buf_cstr(buf);
	*len = buf->len;
	return 1;
}

/* Read the element `name` as text (NULL when absent or failed). */
static xmlNodePtr leaf(struct edi_r *r, struct edi_cur *c, const char *name, int req, const char **s, size_t *len,
		       struct ifgw_buf *buf)
{
	xmlNodePtr n = ifgw_edi_r_el(r, c, name, req);

	if (!n || !leaf_text(r, n, name, s, len, buf))
		return NULL;
	return n;
}

void ifgw_edi_r_text(struct edi_r *r, struct edi_cur *c, const char *name, int req, size_t max_chars, char *dst,
		size_t dst_size)
{
	struct ifgw_buf buf;
	const char *s;
	size_t len, chars = 0;
	xmlNodePtr n;
	int rc;

	ifgw_buf_init(&buf, 64 * 1024);
	if (!(n = leaf(r, c, name, req, &s, &len, &buf)))
		goto out;
	if (len == 0) {
		ifgw_edi_r_fail(r, n, IFGW_EINVAL, name, "empty (an absent value is an absent element)");
		goto out;
	}
	if ((rc = ifgw_utf8_count(&chars, s, len, name)) != IFGW_OK) {
		ifgw_edi_r_wrap(r, n, rc, name);
		goto out;
	}
	if (chars > max_chars) {
		ifgw_edi_r_fail(r, n, IFGW_EINVAL, name, "%zu characters, limit %zu", chars, max_chars);
		goto out;
	}
	if ((rc = ifgw_text_set(dst, dst_size, s, len)) != IFGW_OK)
		ifgw_edi_r_wrap(r, n, rc, name);
out:
	ifgw_buf_free(&buf);
}

void ifgw_edi_r_uint(struct edi_r *r, struct edi_cur *c, const char *name, int req, int digits, uint64_t lo, uint64_t hi,
		uint64_t *dst)
{
	struct ifgw_buf buf;
	const char *s;
	size_t len, i;
	uint64_t v = 0;
	xmlNodePtr n;

	ifgw_buf_init(&buf, 64);
	if (!(n = leaf(r, c, name, req, &s, &len, &buf)))
		goto out;
	if (len == 0 || len > (size_t)digits) {
		ifgw_edi_r_fail(r, n, IFGW_EINVAL, name, "'%.24s' is not N..%d (1 to %d digits)", s, digits, digits);
		goto out;
	}
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			ifgw_edi_r_fail(r, n, IFGW_EINVAL, name, "'%.24s' is not N..%d (1 to %d digits)", s, digits, digits);
			goto out;
		}
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v < lo || v > hi) {
		ifgw_edi_r_fail(r, n, IFGW_EINVAL, name, "%llu is outside %llu..%llu", (unsigned long long)v,
		           (unsigned long long)lo, (unsigned long long)hi);
		goto out;
	}
	*dst = v;
out:
	ifgw_buf_free(&buf);
}

void ifgw_edi_r_int(struct edi_r *r, struct edi_cur *c, const char *name, int req, int digits, int32_t lo, int32_t hi,
	       int32_t *dst)
{
	uint64_t v = UINT64_MAX;

	ifgw_edi_r_uint(r, c, name, req, digits, (uint64_t)lo, (uint64_t)hi, &v);
	if (!r->rc && v != UINT64_MAX)
		*dst = (int32_t)v;
}

void ifgw_edi_r_code(struct edi_r *r, struct edi_cur *c, const char *name, int req, const struct edi_codes *cl, int *dst)
{
	struct ifgw_buf buf;
	const char *s;
	size_t len, i;
	int v = 0;
	xmlNodePtr n;

	ifgw_buf_init(&buf, 64);
	if (!(n = leaf(r, c, name, req, &s, &len, &buf)))
		goto out;
	for (i = 0; i < len && i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			break;
		v = v * 10 + (s[i] - '0');
	}
	if (len == 0 || len > 3 || i != len || !ifgw_edi_code_allowed(cl, v)) {
		ifgw_edi_r_fail(r, n, IFGW_EINVAL, name, "unknown code '%.24s': not in the FCI code list %s of %s", s,
		           cl->list, r->msg);
		goto out;
	}
	*dst = v;
out:
	ifgw_buf_free(&buf);
}

void ifgw_edi_r_date(struct edi_r *r, struct edi_cur *c, const char *name, int req, int32_t *dst)
{
	struct ifgw_buf buf;
	const char *s;
	size_t len;
	xmlNodePtr n;
	int rc;

	ifgw_buf_init(&buf, 64);
	if ((n = leaf(r, c, name, req, &s, &len, &buf)) && (rc = ifgw_date_parse(dst, s, len)) != IFGW_OK)
		ifgw_edi_r_wrap(r, n, rc, name);
	ifgw_buf_free(&buf);
}

void ifgw_edi_r_datetime(struct edi_r *r, struct edi_cur *c, const char *name, int req, int64_t *dst)
{
	struct ifgw_buf buf;
	char z[24];
	const char *s;
	size_t len;
	xmlNodePtr n;
	int rc;

	ifgw_buf_init(&buf, 64);
	if (!(n = leaf(r, c, name, req, &s, &len, &buf)))
		goto out;
	/* local date-time without a zone; ifgw reads it as UTC */
	if (len != 19 || s[10] != 'T') {
		ifgw_edi_r_fail(r, n, IFGW_EINVAL, name, "'%.24s' is not YYYY-MM-DDTHH:MM:SS", s);
		goto out;
	}
	snprintf(z, sizeof(z), "%.19sZ", s);
	if ((rc = ifgw_datetime_parse(dst, z)) != IFGW_OK)
		ifgw_edi_r_wrap(r, n, rc, name);
out:
	ifgw_buf_free(&buf);
}

void ifgw_edi_r_pct(struct edi_r *r, struct edi_cur *c, const char *name, int req, int32_t *dst)
{
	struct ifgw_buf buf;
	const char *s, *dot;
	size_t len;
	xmlNodePtr n;
	int rc;

	ifgw_buf_init(&buf, 64);
	if (!(n = leaf(r, c, name, req, &s, &len, &buf)))
		goto out;
	dot = memchr(s, '.', len);
	if ((dot ? (size_t)(dot - s) : len) > 3) {
		ifgw_edi_r_fail(r, n, IFGW_EINVAL, name, "'%.24s' is not N3.4", s);
		goto out;
	}
	if ((rc = ifgw_percent_parse(dst, s, len)) != IFGW_OK)
		ifgw_edi_r_wrap(r, n, rc, name);
out:
	ifgw_buf_free(&buf);
}

void ifgw_edi_r_ccy(struct edi_r *r, struct edi_cur *c, const char *name, int req, const struct ifgw_currency **dst)
{
	struct ifgw_buf buf;
	const struct ifgw_currency *ccy = NULL;
	const char *s;
	size_t len;
	xmlNodePtr n;
	int rc;

	ifgw_buf_init(&buf, 64);
	if (!(n = leaf(r, c, name, req, &s, &len, &buf)))
		goto out;
	if ((rc = ifgw_currency_lookup(&ccy, s, len)) != IFGW_OK) {
		ifgw_edi_r_wrap(r, n, rc, name);
		goto out;
	}
	if (!ifgw_currency_is_tradeable(ccy)) {
		ifgw_edi_r_fail(r, n, IFGW_EINVAL, name, "%s is not a currency money can be held in", ccy->code);
		goto out;
	}
	*dst = ccy;
out:
	ifgw_buf_free(&buf);
}

/* N14.2, optionally signed: the format first, then the value in ccy (a
 * 3-decimal currency reads "1234.56" as 1234.560). */
static void amount_value(struct edi_r *r, xmlNodePtr n, const char *name, int signed_ok,
			 const struct ifgw_currency *ccy, struct ifgw_money *dst)
{
	struct ifgw_amount_syntax syntax = {.allow_zero_padding = 1};
	struct ifgw_buf buf;
	const char *s;
	size_t len, i = 0, ints = 0, decs = 0;
	int rc;

	ifgw_buf_init(&buf, 64);
	if (!leaf_text(r, n, name, &s, &len, &buf))
		goto out;
	if (signed_ok && len && s[0] == '-')
		i = 1;
	while (i < len && s[i] >= '0' && s[i] <= '9') {
		i++;
		ints++;
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			decs++;
		if (decs == 0)
			decs = 3; /* "12." is not N14.2 */
	}
	if (i != len || ints == 0 || ints > 14 || decs > 2) {
		ifgw_edi_r_fail(r, n, IFGW_EINVAL, name, "'%.32s' is not N14.2%s", s, signed_ok ? " (signed)" : "");
		goto out;
	}
	if (!ccy) {
		ifgw_edi_r_fail(r, n, IFGW_EINVAL, name, "no currency for this amount");
		goto out;
	}
	if ((rc = ifgw_money_parse(dst, s, len, ccy, &syntax)) != IFGW_OK)
		ifgw_edi_r_wrap(r, n, rc, name);
out:
	ifgw_buf_free(&buf);
}

void ifgw_edi_r_amount(struct edi_r *r, struct edi_cur *c, const char *name, int req, int signed_ok,
		  const struct ifgw_currency *ccy, struct ifgw_money *dst)
{
	xmlNodePtr n = ifgw_edi_r_el(r, c, name, req);

	if (n)
		amount_value(r, n, name, signed_ok, ccy, dst);
}

void ifgw_edi_r_amount_later(struct edi_r *r, struct edi_cur *c, const char *name, int req, int signed_ok, struct edi_amt *a)
{
	memset(a, 0, sizeof(*a));
	a->node = ifgw_edi_r_el(r, c, name, req);
	a->signed_ok = signed_ok;
}

void ifgw_edi_r_amount_resolve(struct edi_r *r, const struct edi_amt *a, const struct ifgw_currency *ccy,
			  struct ifgw_money *dst)
{
	if (r->rc || !a->node)
		return;
	amount_value(r, a->node, (const char *)a->node->name, a->signed_ok, ccy, dst);
}

void ifgw_edi_r_name(struct edi_r *r, struct edi_cur *c, const char *name, int req, char *dst, size_t dst_size)
{
	char first[IFGW_TEXT_SIZE(35)], cont[IFGW_TEXT_SIZE(35)], joined[IFGW_TEXT_SIZE(71)];
	xmlNodePtr at;
	int rc;

	first[0] = cont[0] = '\0';
	ifgw_edi_r_text(r, c, name, req, 35, first, sizeof(first));
	at = c->next;
	ifgw_edi_r_text(r, c, "NameCont", 0, 35, cont, sizeof(cont));
	if (r->rc || !first[0])
		return;
	snprintf(joined, sizeof(joined), "%s%s%s", first, cont[0] ? " " : "", cont);
	if ((rc = ifgw_text_set(dst, dst_size, joined, strlen(joined))) != IFGW_OK)
		ifgw_edi_r_wrap(r, at, rc, name);
}

void ifgw_edi_r_total_mismatch(struct edi_r *r, xmlNodePtr at, const char *name, const struct ifgw_money *given,
			  const struct ifgw_money *sum, const char *what)
{
	char g[IFGW_MONEY_STRLEN], s[IFGW_MONEY_STRLEN];
	const char *leaf = strrchr(name, '/');

	ifgw_money_format(g, given);
	ifgw_money_format(s, sum);
	ifgw_edi_r_fail(r, at, IFGW_EINVAL, name, "control total mismatch: %s %s != sum of %s %s", leaf ? leaf + 1 : name, g,
	           what, s);
}
