/* edi_xmlw.c: writing edifactoring XML into a capped buffer.
 *
 * No DOM: MSG09 batches are on the ingest-to-wire hot path, so elements are
 * appended as text, indented two spaces a level, in a fixed order: the same
 * message always gives the same bytes.  The document is built in UTF-8 and
 * converted to the wire charset once at the end; every text value is
 * checked on the way in, so that a character the charset cannot carry is
 * an error naming the element ("MSG09/Seller/SellerName: U+0141 'Ł' cannot
 * be written in ISO-8859-1").  Errors are sticky: after the first, every
 * call is a no-op, and ifgw_edi_w_end returns it. */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "adapters/charset.h"
#define IFGW_EDIFACTORING_INTERNAL
#include "adapters/edifactoring/edifactoring_int.h"
#include "base/date.h"
#include "base/error.h"
#include "base/xml_escape.h"

/* --- which ASCII characters survive a charset (cached per charset)
 *
 * Not all do: glibc's SHIFT_JIS writes '\' as 0x5C and '~' as 0x7E, which
 * read back as YEN SIGN and OVERLINE.  A value holding one would reach the
 * partner changed, so it is refused like any unrepresentable character. */

#define ASCII_CACHE_MAX 16

static pthread_mutex_t ascii_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	char charset[32];
	uint8_t bad[128];
	int markup_ok;
} ascii_cache[ASCII_CACHE_MAX];
static size_t ascii_cached;

static int ascii_survives(const char *charset, unsigned char c)
{
	struct ifgw_buf wire, back;
	char in = (char)c;
	int ok;

	ifgw_buf_init(&wire, 64);
	ifgw_buf_init(&back, 64);
	/* the same single byte out (ASCII-compatible), the same character back */
	ok = ifgw_charset_from_utf8(&wire, charset, &in, 1, 0, "probe") == IFGW_OK && wire.len == 1 &&
	     wire.ptr[0] == in && ifgw_charset_to_utf8(&back, charset, wire.ptr, wire.len, "probe") == IFGW_OK &&
	     back.len == 1 && back.ptr[0] == in;
	ifgw_buf_free(&wire);
	ifgw_buf_free(&back);
	return ok;
}

/* The table of ASCII characters that do not survive charset. */
static int ascii_table(const uint8_t **out, const char *charset)
{
	static const char markup[] = "<>/=\"?&#;:-._ \n0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	struct ifgw_error kept;
	size_t i, k;
	int rc = IFGW_OK;

	*out = NULL;
	if (strlen(charset) >= sizeof(ascii_cache[0].charset))
		return ifgw_error_set(IFGW_EUNSUPPORTED, "charset name '%.40s' is too long", charset);
	pthread_mutex_lock(&ascii_lock);
	for (i = 0; i < ascii_cached; i++)
		if (strcmp(ascii_cache[i].charset, charset) == 0)
			break;
	if (i == ascii_cached) {
		if ((rc = ifgw_charset_supported(charset)) != IFGW_OK)
			goto out;
		if (i == ASCII_CACHE_MAX)
			i = ASCII_CACHE_MAX - 1; /* full: recompute into the last slot */
		else
			ascii_cached++;
		snprintf(ascii_cache[i].charset, sizeof(ascii_cache[i].charset), "%s", charset);
		ifgw_error_save(&kept); /* the probes' failures are answers, not errors */
		for (k = 0; k < 128; k++)
			ascii_cache[i].bad[k] = (k >= 0x20 && k < 0x7f) || k == '\t' || k == '\n' || k == '\r'
			                                ? !ascii_survives(charset, (unsigned char)k)
			                                : 1;
		ascii_cache[i].markup_ok = 1;
		for (k = 0; markup[k]; k++)
			if (ascii_cache[i].bad[(unsigned char)markup[k]])
				ascii_cache[i].markup_ok = 0;
		ifgw_error_restore(&kept);
	}
	if (!ascii_cache[i].markup_ok)
		rc = ifgw_error_set(IFGW_EUNSUPPORTED, "charset %s is not ASCII-compatible: it cannot carry this XML",
		                    charset);
	else
		*out = ascii_cache[i].bad;
out:
	pthread_mutex_unlock(&ascii_lock);
	return rc;
}

/* --- paths and errors */

static void path_text(const struct edi_w *w, const char *leaf, char *out, size_t size)
{
	size_t n = 0;
	int i;

	out[0] = '\0';
	n += (size_t)snprintf(out, size, "%s", w->msg);
	for (i = 1; i < w->depth && n < size; i++) {
		if (w->path[i].idx)
			n += (size_t)snprintf(out + n, size - n, "/%s[%zu]", w->path[i].name, w->path[i].idx);
		else
			n += (size_t)snprintf(out + n, size - n, "/%s", w->path[i].name);
	}
	if (leaf && n < size)
		snprintf(out + n, size - n, "/%s", leaf);
}

void ifgw_edi_w_fail(struct edi_w *w, int code, const char *name, const char *fmt, ...)
{
	char path[256], what[IFGW_ERROR_MAX];
	va_list ap;

	if (w->rc)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	path_text(w, name, path, sizeof(path));
	w->rc = ifgw_error_set(code, "%s: %s", path, what);
}

void ifgw_edi_w_need(struct edi_w *w, const char *name, int present, const char *what)
{
	if (!present)
		ifgw_edi_w_fail(w, IFGW_EINVAL, name, "required by %s, missing (canonical %s)", w->msg, what);
}

/* --- raw output */

static void put(struct edi_w *w, const char *s, size_t n)
{
	int rc;

	if (w->rc)
		return;
	if ((rc = ifgw_buf_add(w->out, s, n)) != IFGW_OK)
		w->rc = rc;
}

static void put_s(struct edi_w *w, const char *s)
{
	put(w, s, strlen(s));
}

static void indent(struct edi_w *w)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)w->depth * 2;

	put(w, spaces, n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1);
}

/* Element text and attribute values: base/xml_escape.h's rules. */
static void put_text(struct edi_w *w, const char *s, size_t n)
{
	int rc;

	if (!w->rc && (rc = ifgw_xml_escape_text(w->out, s, n)) != IFGW_OK)
		w->rc = rc;
}

static void put_attr(struct edi_w *w, const char *s, size_t n)
{
	int rc;

	if (!w->rc && (rc = ifgw_xml_escape_attr(w->out, s, n)) != IFGW_OK)
		w->rc = rc;
}

static void leaf_raw(struct edi_w *w, const char *name, const char *text, size_t n)
{
	size_t nl = strlen(name);

	indent(w);
	put(w, "<", 1);
	put(w, name, nl);
	put(w, ">", 1);
	put(w, text, n);
	put(w, "</", 2);
	put(w, name, nl);
	put(w, ">\n", 2);
}

/* --- charset checks */

/* Non-ASCII text without transliteration must come back unchanged: find
 * and name the first character that does not. */
static void check_round_trip(struct edi_w *w, const char *field, const char *s, size_t len)
{
	struct ifgw_buf wire, back;
	struct ifgw_error kept;
	size_t off = 0, n;
	int rc;

	ifgw_buf_init(&wire, len * 4 + 64);
	ifgw_buf_init(&back, len * 4 + 64);
	if ((rc = ifgw_charset_from_utf8(&wire, w->charset, s, len, 0, field)) != IFGW_OK) {
		w->rc = rc;
		goto out;
	}
	if ((rc = ifgw_charset_to_utf8(&back, w->charset, wire.ptr ? wire.ptr : "", wire.len, field)) != IFGW_OK) {
		w->rc = rc;
		goto out;
	}
	if (back.len == len && memcmp(back.ptr, s, len) == 0)
		goto out;
	while (off < len) { /* one character at a time, to name it */
		uint32_t cp = 0;

		n = ifgw_utf8_decode(&cp, s + off, len - off);
		if (n == 0)
			n = 1;
		ifgw_buf_reset(&wire);
		ifgw_buf_reset(&back);
		ifgw_error_save(&kept); /* replaced by a message that names the character */
		rc = ifgw_charset_from_utf8(&wire, w->charset, s + off, n, 0, field);
		if (rc == IFGW_OK)
			rc = ifgw_charset_to_utf8(&back, w->charset, wire.ptr ? wire.ptr : "", wire.len, field);
		ifgw_error_restore(&kept);
		if (rc != IFGW_OK || back.len != n || memcmp(back.ptr, s + off, n) != 0) {
			w->rc = ifgw_error_set(
			        IFGW_EINVAL, "%s: U+%04X '%.*s' cannot be written in %s (it reads back as '%s')", field,
			        (unsigned)cp, (int)n, s + off, w->charset, back.ptr ? back.ptr : "");
			goto out;
		}
		off += n;
	}
	/* each character survives alone but not together: refuse the value */
	w->rc = ifgw_error_set(IFGW_EINVAL, "%s: the text does not survive %s unchanged", field, w->charset);
out:
	ifgw_buf_free(&wire);
	ifgw_buf_free(&back);
}

static void check_chars(struct edi_w *w, const char *name, const char *s, size_t len)
{
	char field[256];
	uint32_t hash = 2166136261u;
	size_t i, slot;
	int high = 0, rc;

	if (w->utf8 || w->rc)
		return;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80) {
			high = 1;
		} else if (w->ascii_bad[c]) {
			ifgw_edi_w_fail(w, IFGW_EINVAL, name, "U+%04X '%c' cannot be written in %s unchanged", c, (char)c,
			           w->charset);
			return;
		}
	}
	if (!high)
		return;
	/* batches repeat buyer names: a value checked once is not checked again */
	for (i = 0; i < len; i++)
		hash = (hash ^ (unsigned char)s[i]) * 16777619u;
	slot = hash % (sizeof(w->checked) / sizeof(w->checked[0]));
	if (w->checked[slot].len == len && memcmp(w->checked[slot].s, s, len) == 0)
		return;
	path_text(w, name, field, sizeof(field));
	if (w->translit) {
		if ((rc = ifgw_charset_check(w->charset, s, len, 1, field)) != IFGW_OK)
			w->rc = rc;
	} else {
		check_round_trip(w, field, s, len);
	}
	if (!w->rc) {
		w->checked[slot].s = s;
		w->checked[slot].len = len;
	}
}

/* --- document */

int ifgw_edi_w_begin(struct edi_w *w, struct ifgw_buf *out, int nn, const struct ifgw_adapter_env *env)
{
	const char *charset = env->charset ? env->charset : env->profile->charset;
	int rc;

	memset(w, 0, sizeof(*w));
	w->out = out;
	w->charset = charset;
	w->translit = env->allow_translit;
	w->utf8 = ifgw_edi_charset_same(charset, "UTF-8");
	if (ifgw_edi_ext_root(nn))
		snprintf(w->msg, sizeof(w->msg), "%s", ifgw_edi_ext_root(nn));
	else
		snprintf(w->msg, sizeof(w->msg), "MSG%02d", nn);
	if (!w->utf8 && (rc = ascii_table(&w->ascii_bad, charset)) != IFGW_OK)
		return w->rc = rc;
	put_s(w, "<?xml version=\"1.0\" encoding=\"");
	put_s(w, ifgw_edi_charset_xml_name(charset));
	put_s(w, "\"?>\n<");
	put_s(w, w->msg);
	if (ifgw_edi_ext_root(nn)) {
		put_s(w, " xmlns=\"" EDI_EXT_NS "\">\n");
	} else {
		put_s(w, " xmlns=\"" EDI_NS_PREFIX);
		put_s(w, w->msg);
		put_s(w, "\">\n");
	}
	w->path[0].name = w->msg;
	w->depth = 1;
	return w->rc;
}

int ifgw_edi_w_end(struct edi_w *w)
{
	if (w->rc)
		return w->rc;
	if (w->depth != 1)
		return w->rc = ifgw_error_set(IFGW_EINVAL, "%s: internal: %d elements left open", w->msg, w->depth - 1);
	put_s(w, "</");
	put_s(w, w->msg);
	put_s(w, ">\n");
	w->depth = 0;
	return w->rc;
}

void ifgw_edi_w_open_item(struct edi_w *w, const char *name, size_t idx)
{
	if (w->rc)
		return;
	if (w->depth >= EDI_DEPTH_MAX) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, name, "internal: elements nested too deep");
		return;
	}
	indent(w);
	put(w, "<", 1);
	put_s(w, name);
	put(w, ">\n", 2);
	w->path[w->depth].name = name;
	w->path[w->depth].idx = idx;
	w->depth++;
}

void ifgw_edi_w_open(struct edi_w *w, const char *name)
{
	ifgw_edi_w_open_item(w, name, 0);
}

void ifgw_edi_w_close(struct edi_w *w)
{
	if (w->rc)
		return;
	w->depth--;
	indent(w);
	put(w, "</", 2);
	put_s(w, w->path[w->depth].name);
	put(w, ">\n", 2);
}

/* --- leaves */

static int length_ok(struct edi_w *w, const char *name, const char *v, size_t len, size_t max_chars)
{
	size_t chars = 0;
	int rc;

	if (len <= max_chars) /* a character is at least one byte */
		return 1;
	if ((rc = ifgw_utf8_count(&chars, v, len, name)) != IFGW_OK) {
		w->rc = rc;
		return 0;
	}
	if (chars > max_chars) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, name, "%zu characters, limit %zu", chars, max_chars);
		return 0;
	}
	return 1;
}

void ifgw_edi_w_text(struct edi_w *w, const char *name, const char *v, size_t max_chars)
{
	size_t len, nl;

	if (w->rc || !v[0])
		return;
	len = strlen(v);
	if (!length_ok(w, name, v, len, max_chars))
		return;
	check_chars(w, name, v, len);
	nl = strlen(name);
	indent(w);
	put(w, "<", 1);
	put(w, name, nl);
	put(w, ">", 1);
	put_text(w, v, len);
	put(w, "</", 2);
	put(w, name, nl);
	put(w, ">\n", 2);
}

void ifgw_edi_w_text_req(struct edi_w *w, const char *name, const char *v, size_t max_chars, const char *what)
{
	ifgw_edi_w_need(w, name, v[0] != '\0', what);
	ifgw_edi_w_text(w, name, v, max_chars);
}

void ifgw_edi_w_attr_text(struct edi_w *w, const char *name, const char *attr, const char *aval, const char *text,
		     size_t max_chars)
{
	size_t len = strlen(text);

	if (w->rc || !length_ok(w, name, text, len, max_chars))
		return;
	check_chars(w, name, text, len);
	indent(w);
	put(w, "<", 1);
	put_s(w, name);
	put(w, " ", 1);
	put_s(w, attr);
	put(w, "=\"", 2);
	put_attr(w, aval, strlen(aval));
	if (!len) {
		put(w, "\"/>\n", 4);
		return;
	}
	put(w, "\">", 2);
	put_text(w, text, len);
	put(w, "</", 2);
	put_s(w, name);
	put(w, ">\n", 2);
}

/* Decimal digits of v into the end of buf; returns the start. */
static char *u64_digits(char *end, uint64_t v)
{
	*--end = '\0';
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

void ifgw_edi_w_uint(struct edi_w *w, const char *name, uint64_t v, int digits)
{
	char buf[24], *s;

	if (w->rc)
		return;
	s = u64_digits(buf + sizeof(buf), v);
	if (strlen(s) > (size_t)digits) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, name, "%s has %zu digits, N..%d allows %d", s, strlen(s), digits, digits);
		return;
	}
	leaf_raw(w, name, s, strlen(s));
}

void ifgw_edi_w_int(struct edi_w *w, const char *name, int32_t v, int digits)
{
	if (w->rc || v == IFGW_INT_NONE)
		return;
	if (v < 0) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, name, "%ld is negative", (long)v);
		return;
	}
	ifgw_edi_w_uint(w, name, (uint64_t)v, digits);
}

void ifgw_edi_w_code(struct edi_w *w, const char *name, int v, const struct edi_codes *c)
{
	if (w->rc || v == 0)
		return;
	if (!ifgw_edi_code_allowed(c, v)) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, name, "%d is not in the FCI code list %s of %s", v, c->list, w->msg);
		return;
	}
	ifgw_edi_w_uint(w, name, (uint64_t)v, 3);
}

void ifgw_edi_w_date(struct edi_w *w, const char *name, int32_t d)
{
	char s[IFGW_DATE_STRLEN];

	if (w->rc || d == IFGW_DATE_NONE)
		return;
	ifgw_date_format(d, s);
	leaf_raw(w, name, s, strlen(s));
}

void ifgw_edi_w_datetime(struct edi_w *w, const char *name, int64_t t)
{
	char s[IFGW_DATETIME_STRLEN];
	size_t n;

	if (w->rc || t == IFGW_TIME_NONE)
		return;
	ifgw_datetime_format(t, s);
	n = strlen(s);
	if (n && s[n - 1] == 'Z') /* local time without a zone on the wire; ifgw writes UTC */
		n--;
	leaf_raw(w, name, s, n);
}

void ifgw_edi_w_amount(struct edi_w *w, const char *name, const struct ifgw_money *m, int signed_ok)
{
	char s[IFGW_MONEY_STRLEN];
	const char *dot;
	size_t n, ints, cut = 0;
	int k;

	if (w->rc || !m->ccy)
		return;
	if (m->ccy->minor_units < 0) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, name, "%s has no minor units: N14.2 cannot hold it", m->ccy->code);
		return;
	}
	ifgw_money_format(s, m);
	if (m->minor < 0 && !signed_ok) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, name, "%s %s is negative; N14.2 is unsigned here", s, m->ccy->code);
		return;
	}
	n = strlen(s);
	/* N14.2: at most 2 decimals.  A 3- or 4-decimal currency goes through
	 * when the extra digits are 0 (1234.560 KWD is written 1234.56). */
	if (m->ccy->minor_units > 2) {
		for (k = 0; k < m->ccy->minor_units - 2; k++)
			if (s[n - 1 - (size_t)k] != '0') {
				ifgw_edi_w_fail(w, IFGW_EINVAL, name, "%s %s needs %d decimals, N14.2 has 2", s,
				           m->ccy->code, m->ccy->minor_units);
				return;
			}
		cut = (size_t)(m->ccy->minor_units - 2);
	}
	dot = strchr(s, '.');
	ints = (dot ? (size_t)(dot - s) : n) - (s[0] == '-');
	if (ints > 14) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, name, "%s %s has %zu integer digits, N14.2 allows 14", s, m->ccy->code,
		           ints);
		return;
	}
	leaf_raw(w, name, s, n - cut);
}

void ifgw_edi_w_pct(struct edi_w *w, const char *name, int32_t pct)
{
	char s[IFGW_PERCENT_STRLEN];

	if (w->rc || pct == IFGW_PCT_NONE)
		return;
	if (pct < 0 || pct > IFGW_PERCENT_ONE) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, name, "%ld millionths is outside 0..100%%", (long)pct);
		return;
	}
	ifgw_percent_format(s, pct);
	leaf_raw(w, name, s, strlen(s));
}

void ifgw_edi_w_ccy(struct edi_w *w, const char *name, const struct ifgw_currency *c)
{
	if (w->rc || !c)
		return;
	leaf_raw(w, name, c->code, strlen(c->code));
}

/* --- names and streets */

#define EDI_NAME_CHARS 35

void ifgw_edi_w_name(struct edi_w *w, const char *name, const char *v, int required, const char *what)
{
	size_t len, off = 0, chars = 0, split = SIZE_MAX, rest_chars = 0;
	char first[IFGW_NAME_SIZE];
	struct ifgw_error kept;
	int rc;

	if (w->rc)
		return;
	if (!v[0]) {
		if (required)
			ifgw_edi_w_need(w, name, 0, what);
		return;
	}
	len = strlen(v);
	if (len <= EDI_NAME_CHARS) {
		ifgw_edi_w_text(w, name, v, EDI_NAME_CHARS);
		return;
	}
	/* the last space with at most 35 characters before it */
	while (off < len) {
		uint32_t cp;
		size_t n = ifgw_utf8_decode(&cp, v + off, len - off);

		if (n == 0) {
			ifgw_edi_w_fail(w, IFGW_EINVAL, name, "not UTF-8 at byte %zu", off);
			return;
		}
		if (cp == ' ' && chars >= 1 && chars <= EDI_NAME_CHARS)
			split = off;
		chars++;
		off += n;
	}
	if (chars <= EDI_NAME_CHARS) {
		ifgw_edi_w_text(w, name, v, EDI_NAME_CHARS);
		return;
	}
	if (split == SIZE_MAX) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, name, "%zu characters, limit 35 (no space to continue it in NameCont)",
		           chars);
		return;
	}
	ifgw_error_save(&kept); /* replaced by a message that gives the limits */
	rc = ifgw_utf8_count(&rest_chars, v + split + 1, len - split - 1, name);
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK || rest_chars == 0 || rest_chars > EDI_NAME_CHARS) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, name, "%zu characters, limit 35 + 35 in NameCont (split at a space)", chars);
		return;
	}
	memcpy(first, v, split);
	first[split] = '\0';
	ifgw_edi_w_text(w, name, first, EDI_NAME_CHARS);
	ifgw_edi_w_text(w, "NameCont", v + split + 1, EDI_NAME_CHARS);
}

void ifgw_edi_street_join(char *out, size_t size, const char (*lines)[IFGW_LINE_SIZE], size_t n)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n && lines[i][0]; i++)
		len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%s", i ? ", " : "", lines[i]);
}
