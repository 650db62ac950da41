/* iso_write.c: writing ISO 20022 XML: indented elements into a capped
 * buffer (base/xml_escape.h's rules), the checked text, date, amount and
 * number leaves, the remainder slots, control sums and status reasons. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "adapters/charset.h"
#include "base/date.h"
#include "base/error.h"
#include "base/xml_escape.h"
#define IFGW_ISO_INTERNAL
#include "adapters/iso20022/iso_int.h"

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
