/* iso_remainder.c: the remainder record: canonical fields tsin has no
 * element for, as "Key=Value;Key=Value" text in a schema-valid free-text
 * slot.
 *
 * Keys are canonical XML paths below the message root ("Terms/NetDays",
 * "Invoice[3]/ValueDate"); values are written as the canonical XML writes
 * them (dates YYYY-MM-DD, percentages 85.5000, codes as their tokens,
 * amounts "1200.00 EUR"), with '%', ';' and control characters escaped as
 * %XX.  An empty value marks a field that is absent although the tsin
 * element the schema requires holds a filler.  Reading is strict: a key
 * given twice, a key ifgw does not know, or a value that does not parse is
 * refused with the slot and the key named. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapters/charset.h"
#define IFGW_ISO_INTERNAL
#include "adapters/iso20022/iso_int.h"
#include "base/date.h"
#include "base/error.h"

#define KV_MAX_ENTRIES 200000 /* a 9999-item request with many fields per item */

/* --- writing */

void ifgw_iso_kvw_init(struct iso_kvw *kv, struct iso_w *w)
{
	ifgw_buf_init(&kv->buf, ISO_WIRE_MAX);
	kv->prefix[0] = '\0';
	kv->w = w;
}

void ifgw_iso_kvw_free(struct iso_kvw *kv)
{
	ifgw_buf_free(&kv->buf);
}

size_t ifgw_iso_kvw_push(struct iso_kvw *kv, const char *fmt, ...)
{
	size_t saved = strlen(kv->prefix);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(kv->prefix + saved, sizeof(kv->prefix) - saved, fmt, ap);
	va_end(ap);
	return saved;
}

void ifgw_iso_kvw_pop(struct iso_kvw *kv, size_t saved)
{
	if (saved < sizeof(kv->prefix))
		kv->prefix[saved] = '\0';
}

static void kv_add(struct iso_kvw *kv, const char *s, size_t n)
{
	int rc;

	if (kv->w->rc == IFGW_OK && (rc = ifgw_buf_add(&kv->buf, s, n)) != IFGW_OK)
		kv->w->rc = rc;
}

static void kv_key(struct iso_kvw *kv, const char *key)
{
	if (kv->buf.len)
		kv_add(kv, ";", 1);
	kv_add(kv, kv->prefix, strlen(kv->prefix));
	kv_add(kv, key, strlen(key));
	kv_add(kv, "=", 1);
}

static void kv_value(struct iso_kvw *kv, const char *v)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)v, *run = s;
	char esc[3];

	for (; *s; s++) {
		if (*s != '%' && *s != ';' && *s >= 0x20 && *s != 0x7F)
			continue;
		kv_add(kv, (const char *)run, (size_t)(s - run));
		esc[0] = '%';
		esc[1] = hex[*s >> 4];
		esc[2] = hex[*s & 15];
		kv_add(kv, esc, 3);
		run = s + 1;
	}
	kv_add(kv, (const char *)run, (size_t)(s - run));
}

void ifgw_iso_kvw_str(struct iso_kvw *kv, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	kv_key(kv, key);
	kv_value(kv, value);
}

void ifgw_iso_kvw_text(struct iso_kvw *kv, const char *key, const char *value, size_t limit)
{
	char field[128];

	snprintf(field, sizeof(field), "%s%s", kv->prefix, key);
	if (value && *value && ifgw_iso_w_check_text(kv->w, key, value, (size_t)-1, limit, field))
		ifgw_iso_kvw_str(kv, key, value);
}

void ifgw_iso_kvw_absent(struct iso_kvw *kv, const char *key)
{
	kv_key(kv, key);
}

void ifgw_iso_kvw_int(struct iso_kvw *kv, const char *key, int32_t v)
{
	char s[16];

	if (v == IFGW_INT_NONE)
		return;
	snprintf(s, sizeof(s), "%ld", (long)v);
	ifgw_iso_kvw_str(kv, key, s);
}

void ifgw_iso_kvw_uint(struct iso_kvw *kv, const char *key, uint64_t v)
{
	char s[32];

	snprintf(s, sizeof(s), "%llu", (unsigned long long)v);
	ifgw_iso_kvw_str(kv, key, s);
}

void ifgw_iso_kvw_date(struct iso_kvw *kv, const char *key, int32_t d)
{
	char s[IFGW_DATE_STRLEN];

	if (d == IFGW_DATE_NONE)
		return;
	ifgw_date_format(d, s);
	ifgw_iso_kvw_str(kv, key, s);
}

void ifgw_iso_kvw_time(struct iso_kvw *kv, const char *key, int64_t t)
{
	char s[IFGW_DATETIME_STRLEN];

	if (t == IFGW_TIME_NONE)
		return;
	ifgw_datetime_format(t, s);
	ifgw_iso_kvw_str(kv, key, s);
}

void ifgw_iso_kvw_pct(struct iso_kvw *kv, const char *key, int32_t pct)
{
	char s[IFGW_PERCENT_STRLEN];

	if (pct == IFGW_PCT_NONE)
		return;
	ifgw_percent_format(s, pct);
	ifgw_iso_kvw_str(kv, key, s);
}

void ifgw_iso_kvw_money(struct iso_kvw *kv, const char *key, const struct ifgw_money *m)
{
	char s[IFGW_MONEY_STRLEN + 8], v[IFGW_MONEY_STRLEN];

	if (!m->ccy)
		return;
	ifgw_money_format(v, m);
	snprintf(s, sizeof(s), "%s %s", v, m->ccy->code);
	ifgw_iso_kvw_str(kv, key, s);
}

void ifgw_iso_kvw_ccy(struct iso_kvw *kv, const char *key, const struct ifgw_currency *c)
{
	if (c)
		ifgw_iso_kvw_str(kv, key, c->code);
}

void ifgw_iso_kvw_code(struct iso_kvw *kv, const char *key, int list, int value)
{
	if (value)
		ifgw_iso_kvw_str(kv, key, ifgw_code_token(list, value));
}

/* Composite fields: one key per member, under "key/". */
#define SUBKEY(buf, key, member) (snprintf((buf), sizeof(buf), "%s/%s", (key), (member)), (buf))

void ifgw_iso_kvw_terms(struct iso_kvw *kv, const char *key, const struct ifgw_terms *t)
{
	char k[128];

	ifgw_iso_kvw_int(kv, SUBKEY(k, key, "NetDays"), t->net_days);
	ifgw_iso_kvw_int(kv, SUBKEY(k, key, "Discount1Days"), t->discount1_days);
	ifgw_iso_kvw_pct(kv, SUBKEY(k, key, "Discount1Percent"), t->discount1_pct);
	ifgw_iso_kvw_int(kv, SUBKEY(k, key, "Discount2Days"), t->discount2_days);
	ifgw_iso_kvw_pct(kv, SUBKEY(k, key, "Discount2Percent"), t->discount2_pct);
}

void ifgw_iso_kvw_party(struct iso_kvw *kv, const char *key, const struct ifgw_party *p)
{
	const struct ifgw_field_limits *lim = kv->w->env ? &kv->w->env->profile->limits : NULL;
	char k[128];

	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "Nr"), p->nr);
	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "OwnNr"), p->own_nr);
	ifgw_iso_kvw_text(kv, SUBKEY(k, key, "Name"), p->name, lim ? lim->party_name : 0);
	ifgw_iso_kvw_text(kv, SUBKEY(k, key, "Street[1]"), p->street[0], lim ? lim->street : 0);
	ifgw_iso_kvw_text(kv, SUBKEY(k, key, "Street[2]"), p->street[1], lim ? lim->street : 0);
	ifgw_iso_kvw_text(kv, SUBKEY(k, key, "City"), p->city, lim ? lim->city : 0);
	ifgw_iso_kvw_text(kv, SUBKEY(k, key, "Postcode"), p->postcode, lim ? lim->postcode : 0);
	ifgw_iso_kvw_text(kv, SUBKEY(k, key, "Region"), p->region, lim ? lim->region : 0);
	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "Country"), p->country);
	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "RegistrationNr"), p->reg_nr);
	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "RegistrationAgency"), p->reg_agency);
	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "VatNr"), p->vat_nr);
}

void ifgw_iso_kvw_bank(struct iso_kvw *kv, const char *key, const struct ifgw_bank *b)
{
	char k[128];

	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "Account"), b->account);
	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "Bic"), b->bic);
	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "BankName"), b->bank_name);
	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "BranchName"), b->branch_name);
}

void ifgw_iso_kvw_contact(struct iso_kvw *kv, const char *key, const struct ifgw_contact *c)
{
	char k[128];

	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "Name"), c->name);
	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "Phone"), c->phone);
	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "Fax"), c->fax);
	ifgw_iso_kvw_str(kv, SUBKEY(k, key, "Email"), c->email);
}

/* --- reading */

void ifgw_iso_kv_init(struct iso_kv *kv, const char *where)
{
	memset(kv, 0, sizeof(*kv));
	kv->where = where;
}

void ifgw_iso_kv_free(struct iso_kv *kv)
{
	size_t i;

	for (i = 0; i < kv->n; i++) {
		free(kv->e[i].key);
		free(kv->e[i].value);
	}
	free(kv->e);
	kv->e = NULL;
	kv->n = kv->cap = 0;
}

static int kv_fail(const struct iso_kv *kv, const char *key, const char *fmt, ...) IFGW_PRINTF(3, 4);

static int kv_fail(const struct iso_kv *kv, const char *key, const char *fmt, ...)
{
	char what[IFGW_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return ifgw_error_set(IFGW_EINVAL, "%s: ifgw remainder%s%s%s: %s", kv->where, key ? " key '" : "",
			      key ? key : "", key ? "'" : "", what);
}

static int cmp_entries(const void *a, const void *b)
{
	return strcmp(((const struct iso_kv_entry *)a)->key, ((const struct iso_kv_entry *)b)->key);
}

static int key_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '[' ||
	       c == ']';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One "key=value" of n bytes at s into a new entry. */
static int parse_entry(struct iso_kv *kv, const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);
	struct iso_kv_entry *e;
	size_t klen, i, o = 0;
	char *key, *value;

	if (!eq || eq == s)
		return kv_fail(kv, NULL, "'%.*s' is not Key=Value", (int)(n > 40 ? 40 : n), s);
	klen = (size_t)(eq - s);
	for (i = 0; i < klen; i++)
		if (!key_char(s[i]))
			return kv_fail(kv, NULL, "bad key '%.*s'", (int)(klen > 40 ? 40 : klen), s);
	if (kv->n == kv->cap) {
		size_t cap = kv->cap ? kv->cap * 2 : 32;
		struct iso_kv_entry *ne;

		if (kv->n >= KV_MAX_ENTRIES)
			return kv_fail(kv, NULL, "more than %d fields", KV_MAX_ENTRIES);
		if (!(ne = realloc(kv->e, cap * sizeof(*ne))))
			return ifgw_error_set(IFGW_ENOMEM, "out of memory reading the ifgw remainder");
		kv->e = ne;
		kv->cap = cap;
	}
	key = malloc(klen + 1);
	value = malloc(n - klen);
	if (!key || !value) {
		free(key);
		free(value);
		return ifgw_error_set(IFGW_ENOMEM, "out of memory reading the ifgw remainder");
	}
	memcpy(key, s, klen);
	key[klen] = '\0';
	for (i = klen + 1; i < n; i++) {
		if (s[i] == '%') {
			int hi = i + 2 < n ? hexval(s[i + 1]) : -1, lo = i + 2 < n ? hexval(s[i + 2]) : -1;

			if (hi < 0 || lo < 0) {
				free(value);
				kv_fail(kv, key, "bad %%-escape");
				free(key);
				return IFGW_EINVAL;
			}
			value[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			value[o++] = s[i];
		}
	}
	value[o] = '\0';
	e = &kv->e[kv->n++];
	e->key = key;
	e->value = value;
	e->used = 0;
	return IFGW_OK;
}

int ifgw_iso_kv_parse(struct iso_kv *kv, const char *text, size_t len)
{
	const char *s = text, *end = text + len, *semi;
	size_t i;
	int rc;

	while (s < end) {
		if (!(semi = memchr(s, ';', (size_t)(end - s))))
			semi = end;
		if ((rc = parse_entry(kv, s, (size_t)(semi - s))) != IFGW_OK)
			return rc;
		s = semi + 1;
		if (semi + 1 == end)
			return kv_fail(kv, NULL, "ends with ';'");
	}
	if (kv->n > 1)
		qsort(kv->e, kv->n, sizeof(*kv->e), cmp_entries);
	for (i = 1; i < kv->n; i++)
		if (strcmp(kv->e[i - 1].key, kv->e[i].key) == 0)
			return kv_fail(kv, kv->e[i].key, "given twice");
	return IFGW_OK;
}

size_t ifgw_iso_kv_push(struct iso_kv *kv, const char *fmt, ...)
{
	size_t saved = strlen(kv->prefix);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(kv->prefix + saved, sizeof(kv->prefix) - saved, fmt, ap);
	va_end(ap);
	return saved;
}

void ifgw_iso_kv_pop(struct iso_kv *kv, size_t saved)
{
	if (saved < sizeof(kv->prefix))
		kv->prefix[saved] = '\0';
}

static struct iso_kv_entry *find(struct iso_kv *kv, const char *key, char full[256])
{
	struct iso_kv_entry probe, *e;

	snprintf(full, 256, "%s%s", kv->prefix, key);
	if (kv->n == 0)
		return NULL;
	probe.key = full;
	e = bsearch(&probe, kv->e, kv->n, sizeof(*kv->e), cmp_entries);
	if (e)
		e->used = 1;
	return e;
}

const char *ifgw_iso_kv_get(struct iso_kv *kv, const char *key)
{
	char full[256];
	struct iso_kv_entry *e = find(kv, key, full);

	return e && e->value[0] ? e->value : NULL;
}

static int kv_fail(const struct iso_kv *kv, const char *key, const char *fmt, ...) IFGW_PRINTF(3, 4);

int ifgw_iso_kv_marker(struct iso_kv *kv, int *absent, const char *key)
{
	char full[256];
	struct iso_kv_entry *e = find(kv, key, full);

	*absent = 0;
	if (!e)
		return IFGW_OK;
	if (e->value[0])
		return kv_fail(kv, full, "only an empty value (the field is absent) is allowed");
	*absent = 1;
	return IFGW_OK;
}

/* The value of a key that must not be a filler marker; NULL when absent. */
static int value_of(struct iso_kv *kv, const char *key, const char **out, char full[256])
{
	struct iso_kv_entry *e = find(kv, key, full);

	*out = NULL;
	if (!e)
		return IFGW_OK;
	if (!e->value[0])
		return kv_fail(kv, full, "empty value");
	*out = e->value;
	return IFGW_OK;
}

/* Put the key in front of the pending error (kv_fail's words). */
static int wrap(struct iso_kv *kv, const char *full)
{
	return ifgw_error_wrap(IFGW_EINVAL, "%s: ifgw remainder key '%s'", kv->where, full);
}

int ifgw_iso_kv_text_limit(struct iso_kv *kv, char *dst, size_t size, const char *key, size_t limit)
{
	char full[256];
	size_t chars = 0;
	int rc;

	if ((rc = ifgw_iso_kv_text(kv, dst, size, key)) != IFGW_OK || !limit || !dst[0])
		return rc;
	if (ifgw_utf8_count(&chars, dst, strlen(dst), key) != IFGW_OK)
		return ifgw_error_code();
	if (chars > limit) {
		snprintf(full, sizeof(full), "%s%s", kv->prefix, key);
		dst[0] = '\0';
		return kv_fail(kv, full, "%zu characters, limit %zu (the partner's profile)", chars, limit);
	}
	return IFGW_OK;
}

int ifgw_iso_kv_text(struct iso_kv *kv, char *dst, size_t size, const char *key)
{
	char full[256];
	const char *v;
	int rc;

	if ((rc = value_of(kv, key, &v, full)) != IFGW_OK || !v)
		return rc;
	if (size <= IFGW_COUNTRY_SIZE) {
		/* two-letter codes: the model checks them */
		if (strlen(v) >= size)
			return kv_fail(kv, full, "'%.8s' is longer than %zu characters", v, size - 1);
		memcpy(dst, v, strlen(v) + 1);
		return IFGW_OK;
	}
	if (ifgw_text_set(dst, size, v, strlen(v)) != IFGW_OK)
		return wrap(kv, full);
	return IFGW_OK;
}

static int parse_long(long long *out, const char *v, long long lo, long long hi)
{
	long long x = 0;
	const char *p = v;
	int neg = 0;

	if (*p == '-')
		neg = 1, p++;
	if (!*p)
		return 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || x > 99999999999999999LL)
			return 0;
		x = x * 10 + (*p - '0');
	}
	if (neg)
		x = -x;
	if (x < lo || x > hi)
		return 0;
	*out = x;
	return 1;
}

int ifgw_iso_kv_int(struct iso_kv *kv, int32_t *dst, const char *key, int32_t lo, int32_t hi)
{
	char full[256];
	const char *v;
	long long x;
	int rc;

	if ((rc = value_of(kv, key, &v, full)) != IFGW_OK || !v)
		return rc;
	if (!parse_long(&x, v, lo, hi))
		return kv_fail(kv, full, "'%.20s' is not a number in %ld..%ld", v, (long)lo, (long)hi);
	*dst = (int32_t)x;
	return IFGW_OK;
}

int ifgw_iso_kv_uint(struct iso_kv *kv, uint64_t *dst, const char *key, uint64_t hi)
{
	char full[256];
	const char *v, *p;
	uint64_t x = 0;
	int rc;

	if ((rc = value_of(kv, key, &v, full)) != IFGW_OK || !v)
		return rc;
	for (p = v; *p; p++) {
		if (*p < '0' || *p > '9' || x > (UINT64_MAX - 9) / 10)
			break;
		x = x * 10 + (uint64_t)(*p - '0');
	}
	if (*p || p == v || x > hi)
		return kv_fail(kv, full, "'%.24s' is not a number up to %llu", v, (unsigned long long)hi);
	*dst = x;
	return IFGW_OK;
}

int ifgw_iso_kv_date(struct iso_kv *kv, int32_t *dst, const char *key)
{
	char full[256];
	const char *v;
	int rc;

	if ((rc = value_of(kv, key, &v, full)) != IFGW_OK || !v)
		return rc;
	if (ifgw_date_parse(dst, v, strlen(v)) != IFGW_OK)
		return wrap(kv, full);
	return IFGW_OK;
}

int ifgw_iso_kv_time(struct iso_kv *kv, int64_t *dst, const char *key)
{
	char full[256];
	const char *v;
	int rc;

	if ((rc = value_of(kv, key, &v, full)) != IFGW_OK || !v)
		return rc;
	if (ifgw_datetime_parse(dst, v) != IFGW_OK)
		return wrap(kv, full);
	return IFGW_OK;
}

int ifgw_iso_kv_pct(struct iso_kv *kv, int32_t *dst, const char *key)
{
	char full[256];
	const char *v;
	int rc;

	if ((rc = value_of(kv, key, &v, full)) != IFGW_OK || !v)
		return rc;
	if (ifgw_percent_parse(dst, v, strlen(v)) != IFGW_OK)
		return wrap(kv, full);
	return IFGW_OK;
}

int ifgw_iso_kv_money(struct iso_kv *kv, struct ifgw_money *dst, const char *key)
{
	const struct ifgw_currency *ccy;
	char full[256];
	const char *v, *sp;
	int rc;

	if ((rc = value_of(kv, key, &v, full)) != IFGW_OK || !v)
		return rc;
	if (!(sp = strchr(v, ' ')))
		return kv_fail(kv, full, "'%.40s' is not 'amount CCY'", v);
	if (ifgw_currency_lookup(&ccy, sp + 1, strlen(sp + 1)) != IFGW_OK ||
	    ifgw_money_parse(dst, v, (size_t)(sp - v), ccy, NULL) != IFGW_OK)
		return wrap(kv, full);
	return IFGW_OK;
}

int ifgw_iso_kv_ccy(struct iso_kv *kv, const struct ifgw_currency **dst, const char *key)
{
	char full[256];
	const char *v;
	int rc;

	if ((rc = value_of(kv, key, &v, full)) != IFGW_OK || !v)
		return rc;
	if (ifgw_currency_lookup(dst, v, strlen(v)) != IFGW_OK)
		return wrap(kv, full);
	return IFGW_OK;
}

int ifgw_iso_kv_code(struct iso_kv *kv, int *dst, const char *key, int list)
{
	const struct ifgw_code *c;
	char full[256];
	const char *v;
	int rc;

	if ((rc = value_of(kv, key, &v, full)) != IFGW_OK || !v)
		return rc;
	if (!(c = ifgw_code_from_token(list, v, strlen(v))))
		return kv_fail(kv, full, "unknown code '%.40s' (%s)", v, ifgw_code_list_get(list)->name);
	*dst = c->value;
	return IFGW_OK;
}

int ifgw_iso_kv_terms(struct iso_kv *kv, struct ifgw_terms *t, const char *key)
{
	char k[128];
	int rc;

	if ((rc = ifgw_iso_kv_int(kv, &t->net_days, SUBKEY(k, key, "NetDays"), 0, 999)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_int(kv, &t->discount1_days, SUBKEY(k, key, "Discount1Days"), 0, 999)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_pct(kv, &t->discount1_pct, SUBKEY(k, key, "Discount1Percent"))) != IFGW_OK ||
	    (rc = ifgw_iso_kv_int(kv, &t->discount2_days, SUBKEY(k, key, "Discount2Days"), 0, 999)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_pct(kv, &t->discount2_pct, SUBKEY(k, key, "Discount2Percent"))) != IFGW_OK)
		return rc;
	return IFGW_OK;
}

int ifgw_iso_kv_party(struct iso_kv *kv, struct ifgw_party *p, const char *key)
{
	const struct ifgw_field_limits *lim = kv->lim;
	char k[128];
	int rc;

	if ((rc = ifgw_iso_kv_text(kv, p->nr, sizeof(p->nr), SUBKEY(k, key, "Nr"))) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(kv, p->own_nr, sizeof(p->own_nr), SUBKEY(k, key, "OwnNr"))) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text_limit(kv, p->name, sizeof(p->name), SUBKEY(k, key, "Name"), lim ? lim->party_name : 0)) !=
		    IFGW_OK ||
	    (rc = ifgw_iso_kv_text_limit(kv, p->street[0], sizeof(p->street[0]), SUBKEY(k, key, "Street[1]"),
				    lim ? lim->street : 0)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text_limit(kv, p->street[1], sizeof(p->street[1]), SUBKEY(k, key, "Street[2]"),
				    lim ? lim->street : 0)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text_limit(kv, p->city, sizeof(p->city), SUBKEY(k, key, "City"), lim ? lim->city : 0)) !=
		    IFGW_OK ||
	    (rc = ifgw_iso_kv_text_limit(kv, p->postcode, sizeof(p->postcode), SUBKEY(k, key, "Postcode"),
				    lim ? lim->postcode : 0)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text_limit(kv, p->region, sizeof(p->region), SUBKEY(k, key, "Region"),
				    lim ? lim->region : 0)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(kv, p->country, sizeof(p->country), SUBKEY(k, key, "Country"))) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(kv, p->reg_nr, sizeof(p->reg_nr), SUBKEY(k, key, "RegistrationNr"))) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(kv, p->reg_agency, sizeof(p->reg_agency), SUBKEY(k, key, "RegistrationAgency"))) !=
		    IFGW_OK ||
	    (rc = ifgw_iso_kv_text(kv, p->vat_nr, sizeof(p->vat_nr), SUBKEY(k, key, "VatNr"))) != IFGW_OK)
		return rc;
	return IFGW_OK;
}

int ifgw_iso_kv_bank(struct iso_kv *kv, struct ifgw_bank *b, const char *key)
{
	char k[128];
	int rc;

	if ((rc = ifgw_iso_kv_text(kv, b->account, sizeof(b->account), SUBKEY(k, key, "Account"))) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(kv, b->bic, sizeof(b->bic), SUBKEY(k, key, "Bic"))) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(kv, b->bank_name, sizeof(b->bank_name), SUBKEY(k, key, "BankName"))) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(kv, b->branch_name, sizeof(b->branch_name), SUBKEY(k, key, "BranchName"))) != IFGW_OK)
		return rc;
	return IFGW_OK;
}

int ifgw_iso_kv_contact(struct iso_kv *kv, struct ifgw_contact *c, const char *key)
{
	char k[128];
	int rc;

	if ((rc = ifgw_iso_kv_text(kv, c->name, sizeof(c->name), SUBKEY(k, key, "Name"))) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(kv, c->phone, sizeof(c->phone), SUBKEY(k, key, "Phone"))) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(kv, c->fax, sizeof(c->fax), SUBKEY(k, key, "Fax"))) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(kv, c->email, sizeof(c->email), SUBKEY(k, key, "Email"))) != IFGW_OK)
		return rc;
	return IFGW_OK;
}

int ifgw_iso_kv_finish(struct iso_kv *kv)
{
	size_t i;

	for (i = 0; i < kv->n; i++)
		if (!kv->e[i].used)
			return kv_fail(kv, kv->e[i].key, "unknown to ifgw's tsin mapping");
	return IFGW_OK;
}
