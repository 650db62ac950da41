/* fields.c: parse one source field into the canonical invoice, recording a
 * problem (with the field's name and line) when the value is refused. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "currency/iso4217.h"
#include "model/product.h"
#include "model/codes.h"
#include "model/text.h"
#define IFGW_INGEST_INTERNAL
#include "gateway/ingest/ingest_int.h"

void ifgw_ingest_trim(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;

	while (n && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
		p++;
		n--;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' || p[n - 1] == '\n'))
		n--;
	*s = p;
	*len = n;
}

/* Trim, note the field; 0 when absent (nothing more to do). */
static int seen(struct ingest_doc *d, int f, unsigned line, const char **s, size_t *len)
{
	ifgw_ingest_trim(s, len);
	if (*len == 0)
		return 0;
	d->present |= F_BIT(f);
	d->lines[f] = line;
	return 1;
}

/* Quote a value in a message: at most 40 bytes, cut on a UTF-8 boundary. */
static int quote_len(const char *s, size_t len)
{
	size_t n = len > 40 ? 40 : len;

	while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

void ifgw_ingest_set_text(struct ingest_doc *d, int f, unsigned line, char *dst, size_t size, const char *s,
		     size_t len)
{
	struct ifgw_error kept;

	if (!seen(d, f, line, &s, &len))
		return;
	if (d->trusted && len < size) { /* checked in pass 1: the same bytes */
		memcpy(dst, s, len);
		dst[len] = 0;
		return;
	}
	ifgw_error_save(&kept); /* the model's refusal becomes the document's problem */
	if (ifgw_text_set(dst, size, s, len) != IFGW_OK) {
		d->bad |= F_BIT(f);
		ifgw_ingest_doc_problem_err(d, f, line);
	}
	ifgw_error_restore(&kept);
}

/* The length of an xsd:date time zone: "Z", or "+HH:MM" / "-HH:MM" with
 * the offset at most 14:00; 0 when tz (len bytes) is not one. */
static size_t xsd_zone_len(const char *tz, size_t len)
{
	unsigned hh, mm;

	if (len == 1 && tz[0] == 'Z')
		return 1;
	if (len != 6 || (tz[0] != '+' && tz[0] != '-') || tz[3] != ':' || strspn(tz + 1, "0123456789") < 2 ||
	    strspn(tz + 4, "0123456789") < 2)
		return 0;
	hh = (unsigned)(tz[1] - '0') * 10 + (unsigned)(tz[2] - '0');
	mm = (unsigned)(tz[4] - '0') * 10 + (unsigned)(tz[5] - '0');
	return mm <= 59 && (hh < 14 || (hh == 14 && mm == 0)) ? 6 : 0;
}

void ifgw_ingest_set_date(struct ingest_doc *d, int f, unsigned line, int32_t *dst, const char *s, size_t len,
		     int cii102)
{
	char iso[IFGW_DATE_STRLEN];
	struct ifgw_error kept;
	int ok;

	if (!seen(d, f, line, &s, &len))
		return;
	ifgw_error_save(&kept); /* a bad date is reported as the document's problem */
	if (cii102) {
		ok = len == 8 && strspn(s, "0123456789") >= 8;
		if (ok) {
			memcpy(iso, s, 4);
			iso[4] = '-';
			memcpy(iso + 5, s + 4, 2);
			iso[7] = '-';
			memcpy(iso + 8, s + 6, 2);
			iso[10] = 0;
			ok = ifgw_date_parse(dst, iso, 10) == IFGW_OK;
		}
	} else {
		/* An xsd:date may carry a time zone (2015-01-09+01:00, 2015-01-09Z):
		 * the calendar date is the one written, so the zone is dropped. */
		ok = (len == 10 || (len > 10 && xsd_zone_len(s + 10, len - 10))) &&
		     ifgw_date_parse(dst, s, 10) == IFGW_OK;
	}
	ifgw_error_restore(&kept);
	if (!ok) {
		d->bad |= F_BIT(f);
		*dst = IFGW_DATE_NONE;
		ifgw_ingest_doc_problem(d, f, line, "'%.*s' is not a date (want %s)", quote_len(s, len), s,
				   cii102 ? "YYYYMMDD, format 102" : "YYYY-MM-DD");
	}
}

void ifgw_ingest_set_country(struct ingest_doc *d, int f, unsigned line, char *dst, const char *s, size_t len)
{
	struct ifgw_error kept;
	int rc;

	if (!seen(d, f, line, &s, &len))
		return;
	ifgw_error_save(&kept); /* a bad code is reported as the document's problem */
	rc = ifgw_country_check(s, len);
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK) {
		d->bad |= F_BIT(f);
		ifgw_ingest_doc_problem(d, f, line, "'%.*s' is not an ISO 3166-1 alpha-2 country code", quote_len(s, len),
				   s);
		return;
	}
	memcpy(dst, s, 2);
	dst[2] = 0;
}

void ifgw_ingest_set_currency(struct ingest_doc *d, unsigned line, const char *s, size_t len)
{
	const struct ifgw_currency *c = NULL;
	struct ifgw_error kept;
	int rc;

	if (!seen(d, F_CURRENCY, line, &s, &len))
		return;
	ifgw_error_save(&kept); /* an unknown code is reported as the document's problem */
	rc = ifgw_currency_lookup(&c, s, len);
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK) {
		d->bad |= F_BIT(F_CURRENCY);
		ifgw_ingest_doc_problem(d, F_CURRENCY, line, "unknown currency '%.*s' (not an ISO 4217 code)",
				   quote_len(s, len), s);
		return;
	}
	if (!ifgw_currency_is_tradeable(c) || (c->flags & IFGW_CCY_WITHDRAWN)) {
		d->bad |= F_BIT(F_CURRENCY);
		ifgw_ingest_doc_problem(d, F_CURRENCY, line, "currency %s cannot be invoiced (%s)", c->code,
				   (c->flags & IFGW_CCY_WITHDRAWN) ? "withdrawn" : "fund, metal or special code");
		return;
	}
	d->ccy = c;
}

/* 1 when s is digits, the decimal separator and more decimal digits than
 * the currency has (the usual way an amount is wrong). */
static int too_many_decimals(const char *s, size_t len, char sep, const struct ifgw_currency *ccy)
{
	const char *dot = memchr(s, sep, len);
	size_t i, dec;

	if (!dot)
		return 0;
	dec = len - (size_t)(dot - s) - 1;
	for (i = 1; i <= dec; i++)
		if (dot[i] < '0' || dot[i] > '9')
			return 0;
	return dec > (size_t)(ccy->minor_units > 0 ? ccy->minor_units : 0);
}

void ifgw_ingest_set_amount(struct ingest_doc *d, int f, unsigned line, struct ifgw_money *dst, const char *s,
		       size_t len, const struct ifgw_amount_syntax *syntax, const char *attr_ccy,
		       size_t attr_len)
{
	const struct ifgw_currency *ccy = d->ccy;
	struct ifgw_amount_syntax local;
	struct ifgw_error kept;
	char spaced[64];
	int rc;

	if (!seen(d, f, line, &s, &len))
		return;
	if (!ccy) /* missing or bad currency: already reported */
		return;
	if (attr_ccy) {
		ifgw_ingest_trim(&attr_ccy, &attr_len);
		if (attr_len != 3 || memcmp(attr_ccy, ccy->code, 3) != 0) {
			d->bad |= F_BIT(f);
			ifgw_ingest_doc_problem(d, f, line, "currency mismatch: the amount is in '%.*s', the document in %s",
					   quote_len(attr_ccy, attr_len), attr_ccy, ccy->code);
			return;
		}
	}
	if (syntax && syntax->decimal_sep == ',' && syntax->group_sep == '.') {
		/* "1 234,56", the French way of grouping, often with a no-break
		 * space (U+00A0) or a narrow one (U+202F) from a spreadsheet. */
		size_t i, n = 0;
		int space = 0;

		for (i = 0; i < len && n < sizeof(spaced); i++) {
			if (s[i] == ' ') {
				space = 1;
				spaced[n++] = ' ';
			} else if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
				space = 1;
				spaced[n++] = ' ';
				i++;
			} else if (i + 2 < len && memcmp(s + i, "\xE2\x80\xAF", 3) == 0) {
				space = 1;
				spaced[n++] = ' ';
				i += 2;
			} else {
				spaced[n++] = s[i];
			}
		}
		if (space && i == len) {
			local = *syntax;
			local.group_sep = ' ';
			syntax = &local;
			s = spaced;
			len = n;
		}
	}
	ifgw_error_save(&kept); /* a bad amount is reported as the document's problem, in its own words */
	rc = ifgw_money_parse(dst, s, len, ccy, syntax);
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK) {
		d->bad |= F_BIT(f);
		dst->ccy = NULL;
		if (too_many_decimals(s, len, syntax && syntax->decimal_sep ? syntax->decimal_sep : '.', ccy)) {
			/* Say what is most likely wrong: the decimals. */
			ifgw_ingest_doc_problem(d, f, line, "amount '%.*s' has more decimals than %s allows (%d)",
					   quote_len(s, len), s, ccy->code, ccy->minor_units);
			return;
		}
		if (syntax && syntax->decimal_sep == ',')
			ifgw_ingest_doc_problem(d, f, line, "'%.*s' is not an amount in %s (locale form: digits in groups "
						       "of '.' or ' ', ',' before the decimals)",
					   quote_len(s, len), s, ccy->code);
		else
			ifgw_ingest_doc_problem(d, f, line, "'%.*s' is not an amount in %s (canonical form: digits, '.' "
						       "before the decimals, no grouping%s)",
					   quote_len(s, len), s, ccy->code,
					   memchr(s, ',', len) ? "; amounts like 1.234,56 need --decimal-comma" : "");
	}
}

void ifgw_ingest_set_days(struct ingest_doc *d, int f, unsigned line, int32_t *dst, const char *s, size_t len)
{
	int32_t v = 0;
	size_t i;

	if (!seen(d, f, line, &s, &len))
		return;
	for (i = 0; i < len && i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			break;
		v = v * 10 + (s[i] - '0');
	}
	if (i != len || v > 999) {
		d->bad |= F_BIT(f);
		ifgw_ingest_doc_problem(d, f, line, "'%.*s' is not a number of days (0 to 999)", quote_len(s, len), s);
		return;
	}
	*dst = v;
}

int ifgw_ingest_doc_type_of_1001(const char *s, size_t len)
{
	/* UNTDID 1001 codes of credit documents (EN 16931 allows these five,
	 * plus 81/83/532 used in the same sense). */
	static const char *const credit[] = {"81", "83", "261", "262", "296", "308", "381", "396", "420", "458",
					     "532", NULL};
	size_t i;

	if (len == 0 || len > 3 || strspn(s, "0123456789") < len)
		return 0;
	for (i = 0; credit[i]; i++)
		if (strlen(credit[i]) == len && memcmp(credit[i], s, len) == 0)
			return IFGW_DOC_CREDIT_NOTE;
	return IFGW_DOC_INVOICE;
}

void ifgw_ingest_set_doc_type(struct ingest_doc *d, unsigned line, const char *s, size_t len)
{
	char w[16];
	size_t i;
	int t = 0;

	if (!seen(d, F_DOC_TYPE, line, &s, &len))
		return;
	if (len < sizeof(w)) {
		for (i = 0; i < len; i++)
			w[i] = (s[i] == '-' || s[i] == ' ') ? '_' : s[i];
		w[len] = 0;
		if (strcasecmp(w, "invoice") == 0)
			t = IFGW_DOC_INVOICE;
		else if (strcasecmp(w, "credit_note") == 0 || strcasecmp(w, "creditnote") == 0)
			t = IFGW_DOC_CREDIT_NOTE;
		else
			t = ifgw_ingest_doc_type_of_1001(s, len);
	}
	if (!t) {
		d->bad |= F_BIT(F_DOC_TYPE);
		ifgw_ingest_doc_problem(d, F_DOC_TYPE, line, "'%.*s' is not a document type (want invoice or credit_note)",
				   quote_len(s, len), s);
		return;
	}
	d->out.inv.doc_type = t;
}

void ifgw_ingest_set_product(struct ingest_doc *d, unsigned line, const char *s, size_t len)
{
	enum ifgw_product p;
	struct ifgw_error kept;
	char w[16];
	int rc;

	if (!seen(d, F_PRODUCT, line, &s, &len))
		return;
	if (len < sizeof(w)) {
		size_t i;

		for (i = 0; i < len; i++)
			w[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
		w[len] = 0;
		ifgw_error_save(&kept); /* an unknown product is reported as the document's problem */
		rc = ifgw_product_parse(&p, w);
		ifgw_error_restore(&kept);
		if (rc == IFGW_OK) {
			d->out.product = (int)p;
			return;
		}
	}
	d->bad |= F_BIT(F_PRODUCT);
	ifgw_ingest_doc_problem(d, F_PRODUCT, line, "'%.*s' is not a product (want export, ifp, classic or confidential)",
			   quote_len(s, len), s);
}
