/* money.c: exact money parsing, printing and arithmetic (see money.h).
 *
 * Integers only.  Products that may not fit in 64 bits are formed in
 * __int128 (GCC and Clang on every 64-bit target we build for), then checked
 * back into int64 range. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "currency/money.h"

#define QUOTE_MAX 40 /* how much of a bad amount an error message quotes */


int ifgw_rounding_parse(enum ifgw_rounding *out, const char *text)
{
	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(text);

	if (strcmp(text, "half-even") == 0)
		*out = IFGW_ROUND_HALF_EVEN;
	else if (strcmp(text, "half-up") == 0)
		*out = IFGW_ROUND_HALF_UP;
	else if (strcmp(text, "toward-zero") == 0)
		*out = IFGW_ROUND_TOWARD_ZERO;
	else
		return ifgw_error_set(IFGW_EINVAL, "rounding '%.20s' unknown (half-even, half-up, toward-zero)", text);
	return IFGW_OK;
}

const char *ifgw_rounding_name(enum ifgw_rounding r)
{
	switch (r) {
	case IFGW_ROUND_HALF_UP:
		return "half-up";
	case IFGW_ROUND_TOWARD_ZERO:
		return "toward-zero";
	case IFGW_ROUND_HALF_EVEN:
	default:
		return "half-even";
	}
}

/* Is text[i], where parsing stopped, a comma meant as the decimal point?
 * Only digits follow it, and either not three of them ("100,00", "0,5") or
 * a '.' came before it ("1.234,56": '.' grouped the thousands).  "1,000"
 * stays a thousands separator: it cannot be told apart. */
static int decimal_comma(const char *text, size_t len, size_t i, char dsep)
{
	size_t k, ndigits = len - i - 1;

	if (dsep != '.' || text[i] != ',' || ndigits == 0)
		return 0;
	for (k = i + 1; k < len; k++)
		if (text[k] < '0' || text[k] > '9')
			return 0;
	return ndigits != 3 || memchr(text, '.', i) != NULL;
}

/* Parse a non-negative decimal into units of 10^-scale.  Shared by amounts
 * and percentages; `what` names the kind of value in messages. */
static int parse_decimal(int64_t *out, int *negative, const char *text, size_t len, int scale,
			 const struct ifgw_amount_syntax *syntax, const char *what, const char *unit)
{
	char dsep = syntax && syntax->decimal_sep ? syntax->decimal_sep : '.';
	char gsep = syntax ? syntax->group_sep : 0;
	int zero_pad = syntax ? syntax->allow_zero_padding : 0;
	int qlen = (int)(len > QUOTE_MAX ? QUOTE_MAX : len);
	uint64_t v = 0;
	size_t i = 0, int_digits = 0, group_len = 0, frac_digits = 0;
	int grouped = 0, frac_nonzero_extra = 0;

	*negative = 0;
	if (len == 0)
		return ifgw_error_set(IFGW_EINVAL, "%s is empty", what);
	if (text[0] == '-') {
		*negative = 1;
		i = 1;
	} else if (text[0] == '+') {
		return ifgw_error_set(IFGW_EINVAL, "%s '%.*s': no '+' sign allowed", what, qlen, text);
	}
	for (; i < len; i++) {
		char c = text[i];

		if (c >= '0' && c <= '9') {
			if (v > (uint64_t)INT64_MAX / 10 || v * 10 + (uint64_t)(c - '0') > (uint64_t)INT64_MAX)
				goto overflow;
			v = v * 10 + (uint64_t)(c - '0');
			int_digits++;
			group_len++;
		} else if (gsep && c == gsep) {
			/* first group 1-3 digits, later groups exactly 3 */
			if (group_len == 0 || group_len > 3 || (grouped && group_len != 3))
				goto bad_group;
			grouped = 1;
			group_len = 0;
		} else {
			break;
		}
	}
	if (grouped && group_len != 3)
		goto bad_group;
	if (int_digits == 0)
		goto bad;
	if (i < len && text[i] == dsep) {
		for (i++; i < len && text[i] >= '0' && text[i] <= '9'; i++) {
			frac_digits++;
			if ((int)frac_digits > scale) {
				if (text[i] != '0' || !zero_pad)
					frac_nonzero_extra = 1;
				continue;
			}
			if (v > (uint64_t)INT64_MAX / 10 || v * 10 + (uint64_t)(text[i] - '0') > (uint64_t)INT64_MAX)
				goto overflow;
			v = v * 10 + (uint64_t)(text[i] - '0');
		}
		if (frac_digits == 0)
			goto bad;
	}
	if (i < len) {
		if (text[i] == 'e' || text[i] == 'E')
			return ifgw_error_set(IFGW_EINVAL, "%s '%.*s': exponent notation not allowed", what, qlen, text);
		if (decimal_comma(text, len, i, dsep))
			return ifgw_error_set(IFGW_EINVAL, "%s '%.*s': ',' used as the decimal separator: use '.' for decimals",
					      what, qlen, text);
		if (text[i] == ',' || text[i] == ' ' || text[i] == '.' || text[i] == '\'')
			return ifgw_error_set(IFGW_EINVAL, "%s '%.*s': unexpected '%c' (thousands separators are not allowed here)",
					      what, qlen, text, text[i]);
		goto bad;
	}
	if (frac_nonzero_extra)
		return ifgw_error_set(IFGW_EINVAL, "%s '%.*s' has %zu decimal%s, %s allows %d", what, qlen, text,
				      frac_digits, frac_digits == 1 ? "" : "s", unit, scale);
	for (; (int)frac_digits < scale; frac_digits++) {
		if (v > (uint64_t)INT64_MAX / 10)
			goto overflow;
		v *= 10;
	}
	*out = (int64_t)v;
	return IFGW_OK;
overflow:
	return ifgw_error_set(IFGW_EOVERFLOW, "%s '%.*s' is too large", what, qlen, text);
bad_group:
	return ifgw_error_set(IFGW_EINVAL, "%s '%.*s': misplaced thousands separator", what, qlen, text);
bad:
	return ifgw_error_set(IFGW_EINVAL, "%s '%.*s' is not a decimal number", what, qlen, text);
}

const char *ifgw_money_untradeable_why(char out[IFGW_MONEY_WHY_STRLEN], const struct ifgw_currency *c)
{
	if (!c || ifgw_currency_is_tradeable(c))
		return NULL;
	if (c->flags & IFGW_CCY_FUND)
		snprintf(out, IFGW_MONEY_WHY_STRLEN, "fund code");
	else if (c->flags & IFGW_CCY_METAL)
		snprintf(out, IFGW_MONEY_WHY_STRLEN, "precious metal");
	else if ((c->flags & IFGW_CCY_WITHDRAWN) && c->withdrawn && c->withdrawn[0])
		snprintf(out, IFGW_MONEY_WHY_STRLEN, "withdrawn from ISO 4217 in %.7s", c->withdrawn);
	else if (c->flags & IFGW_CCY_WITHDRAWN)
		snprintf(out, IFGW_MONEY_WHY_STRLEN, "withdrawn from ISO 4217");
	else
		snprintf(out, IFGW_MONEY_WHY_STRLEN, "no minor unit");
	return out;
}

int ifgw_money_parse(struct ifgw_money *out, const char *text, size_t len, const struct ifgw_currency *ccy,
		     const struct ifgw_amount_syntax *syntax)
{
	char why[IFGW_MONEY_WHY_STRLEN];
	int64_t v;
	int negative, rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(text || !len);

	if (!ccy)
		return ifgw_error_set(IFGW_EINVAL, "amount: no currency");
	if (ifgw_money_untradeable_why(why, ccy))
		return ifgw_error_set(IFGW_EINVAL, "amount: %s is not a currency amounts can be held in (%s)", ccy->code,
				      why);
	if ((rc = parse_decimal(&v, &negative, text, len, ccy->minor_units, syntax, "amount", ccy->code)) != IFGW_OK)
		return rc;
	out->minor = negative ? -v : v;
	out->ccy = ccy;
	return IFGW_OK;
}

/* Print |v| (as unsigned) with `scale` decimals; sign handled by caller. */
static void format_scaled(char *out, size_t cap, int negative, uint64_t mag, int scale)
{
	char digits[24];
	size_t n = 0, pos = 0;
	int i;

	do {
		digits[n++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag);
	while ((int)n <= scale) /* at least one digit before the point */
		digits[n++] = '0';
	if (negative)
		out[pos++] = '-';
	for (i = (int)n - 1; i >= 0 && pos + 2 < cap; i--) {
		out[pos++] = digits[i];
		if (i == scale && scale > 0)
			out[pos++] = '.';
	}
	out[pos] = '\0';
}

void ifgw_money_format(char out[IFGW_MONEY_STRLEN], const struct ifgw_money *m)
{
	int scale = m->ccy && m->ccy->minor_units > 0 ? m->ccy->minor_units : 0;
	uint64_t mag = m->minor < 0 ? (uint64_t)0 - (uint64_t)m->minor : (uint64_t)m->minor;

	format_scaled(out, IFGW_MONEY_STRLEN, m->minor < 0, mag, scale);
}

static int same_currency(const struct ifgw_money *a, const struct ifgw_money *b, const char *op)
{
	if (!a->ccy || !b->ccy)
		return ifgw_error_set(IFGW_EINVAL, "%s: amount without currency", op);
	if (a->ccy != b->ccy)
		return ifgw_error_set(IFGW_EINVAL, "%s: currencies differ (%s and %s); convert first", op, a->ccy->code,
				      b->ccy->code);
	return IFGW_OK;
}

int ifgw_money_add(struct ifgw_money *out, const struct ifgw_money *a, const struct ifgw_money *b)
{
	int64_t r;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(a);
	IFGW_ASSERT_ARG(b);

	if ((rc = same_currency(a, b, "add")) != IFGW_OK)
		return rc;
	if (__builtin_add_overflow(a->minor, b->minor, &r) || r == INT64_MIN)
		return ifgw_error_set(IFGW_EOVERFLOW, "add: %s amount overflows", a->ccy->code);
	out->minor = r;
	out->ccy = a->ccy;
	return IFGW_OK;
}

int ifgw_money_sub(struct ifgw_money *out, const struct ifgw_money *a, const struct ifgw_money *b)
{
	int64_t r;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(a);
	IFGW_ASSERT_ARG(b);

	if ((rc = same_currency(a, b, "subtract")) != IFGW_OK)
		return rc;
	if (__builtin_sub_overflow(a->minor, b->minor, &r) || r == INT64_MIN)
		return ifgw_error_set(IFGW_EOVERFLOW, "subtract: %s amount overflows", a->ccy->code);
	out->minor = r;
	out->ccy = a->ccy;
	return IFGW_OK;
}

int ifgw_percent_parse(int32_t *out, const char *text, size_t len)
{
	int64_t v;
	int negative, rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(text || !len);

	if ((rc = parse_decimal(&v, &negative, text, len, 4, NULL, "percentage", "N3.4")) != IFGW_OK)
		return rc;
	/* 4 decimals of a percent are millionths of one: 85.5% = 855000 */
	if (negative || v > IFGW_PERCENT_ONE)
		return ifgw_error_set(IFGW_EINVAL, "percentage '%.*s' is outside 0..100", (int)(len > QUOTE_MAX ? QUOTE_MAX : len),
				      text);
	*out = (int32_t)v;
	return IFGW_OK;
}

void ifgw_percent_format(char out[IFGW_PERCENT_STRLEN], int32_t pct)
{
	format_scaled(out, IFGW_PERCENT_STRLEN, pct < 0, (uint64_t)(pct < 0 ? -(int64_t)pct : pct), 4);
}

/* num/den rounded by r; den > 0. */
static __int128 div_round(__int128 num, __int128 den, enum ifgw_rounding r)
{
	__int128 q = num / den, rem = num % den; /* truncates toward zero */
	__int128 twice;

	if (rem == 0 || r == IFGW_ROUND_TOWARD_ZERO)
		return q;
	twice = (rem < 0 ? -rem : rem) * 2;
	if (twice > den || (twice == den && (r == IFGW_ROUND_HALF_UP || (q & 1) != 0)))
		q += num < 0 ? -1 : 1;
	return q;
}

int ifgw_money_percent(struct ifgw_money *out, const struct ifgw_money *a, int32_t pct, enum ifgw_rounding r)
{
	__int128 v;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(a);

	if (pct < 0 || pct > IFGW_PERCENT_ONE)
		return ifgw_error_set(IFGW_EINVAL, "percentage %d millionths is outside 0..100%%", (int)pct);
	v = div_round((__int128)a->minor * pct, IFGW_PERCENT_ONE, r);
	/* |v| <= |a|: cannot overflow */
	out->minor = (int64_t)v;
	out->ccy = a->ccy;
	return IFGW_OK;
}

struct alloc_rank {
	int64_t rem; /* remainder of this part's exact share, < sum of weights */
	size_t idx;
};

/* Largest remainder first; ties to the earlier part. */
static int alloc_rank_cmp(const void *pa, const void *pb)
{
	const struct alloc_rank *a = pa, *b = pb;

	if (a->rem != b->rem)
		return a->rem > b->rem ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

int ifgw_money_allocate(struct ifgw_money *parts, const struct ifgw_money *total, const int64_t *weights, size_t n)
{
	struct alloc_rank *rank = NULL;
	__int128 sum = 0, mag, given = 0;
	int negative;
	size_t i;

	IFGW_ASSERT_ARG(parts);
	IFGW_ASSERT_ARG(total);
	IFGW_ASSERT_ARG(weights);

	negative = total->minor < 0;
	if (n == 0)
		return ifgw_error_set(IFGW_EINVAL, "allocate: no parts");
	for (i = 0; i < n; i++) {
		if (weights[i] < 0)
			return ifgw_error_set(IFGW_EINVAL, "allocate: weight %zu is negative", i + 1);
		sum += weights[i];
		if (sum > INT64_MAX)
			return ifgw_error_set(IFGW_EOVERFLOW, "allocate: weights add up to more than 2^63");
	}
	if (sum == 0)
		return ifgw_error_set(IFGW_EINVAL, "allocate: weights add up to zero");
	if (n > SIZE_MAX / sizeof(*rank) || !(rank = malloc(n * sizeof(*rank))))
		return ifgw_error_set(IFGW_ENOMEM, "allocate: out of memory for %zu parts", n);
	/* Work on the magnitude so that a negative total splits symmetrically. */
	mag = negative ? -(__int128)total->minor : (__int128)total->minor;
	for (i = 0; i < n; i++) {
		__int128 exact = mag * weights[i]; /* < 2^63 * 2^63: fits */

		parts[i].minor = (int64_t)(exact / sum);
		parts[i].ccy = total->ccy;
		given += parts[i].minor;
		rank[i].rem = (int64_t)(exact % sum);
		rank[i].idx = i;
	}
	/* The shortfall is less than n units: one more unit to each of the
	 * parts with the largest remainders. */
	qsort(rank, n, sizeof(*rank), alloc_rank_cmp);
	for (i = 0; given < mag && i < n; i++, given++)
		parts[rank[i].idx].minor++;
	free(rank);
	if (negative)
		for (i = 0; i < n; i++)
			parts[i].minor = -parts[i].minor;
	return IFGW_OK;
}
