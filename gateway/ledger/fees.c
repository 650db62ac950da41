/* fees.c: advance, commission and interest, exact (see fees.h).
 *
 * Each figure is one fraction num / den of 128-bit integers built from the
 * exact inputs; the only rounding is the division at the end (the same
 * method as currency/convert.c). */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "gateway/ledger/fees.h"

/* |principal| < 2^63, a rate below 2^31 and a span of days below 2^31:
 * num < 2^125, so no product below overflows. */
static int div_round(int64_t *out, __int128 num, __int128 den, enum ifgw_rounding r, const char *what)
{
	__int128 q, rem, twice, mag_den;

	q = num / den;
	rem = num - q * den;
	twice = (rem < 0 ? -rem : rem) * 2;
	mag_den = den < 0 ? -den : den;
	if (r != IFGW_ROUND_TOWARD_ZERO &&
	    (twice > mag_den || (twice == mag_den && (r == IFGW_ROUND_HALF_UP || (q & 1) != 0))))
		q += (num < 0) != (den < 0) ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		return ifgw_error_set(IFGW_EOVERFLOW, "%s: beyond int64 minor units", what);
	*out = (int64_t)q;
	return IFGW_OK;
}

static int same_ccy(const struct ifgw_currency *a, const struct ifgw_currency *b)
{
	return a == b || strcmp(a->code, b->code) == 0;
}

static int check_pct(int32_t pct, const char *what)
{
	if (pct < 0 || pct > IFGW_PERCENT_ONE)
		return ifgw_error_set(IFGW_EINVAL, "%s: %d millionths is outside 0..100%%", what, (int)pct);
	return IFGW_OK;
}

static int check_amount(const struct ifgw_money *m, const char *what)
{
	if (!m || !m->ccy)
		return ifgw_error_set(IFGW_EINVAL, "%s: no amount given", what);
	if (m->minor < 0)
		return ifgw_error_set(IFGW_EINVAL, "%s: negative amount", what);
	return IFGW_OK;
}

int ifgw_ledger_daycount_parse(enum ifgw_daycount *out, const char *text)
{
	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(text);

	if (strcasecmp(text, "ACT/360") == 0)
		*out = IFGW_DAYCOUNT_ACT_360;
	else if (strcasecmp(text, "ACT/365") == 0)
		*out = IFGW_DAYCOUNT_ACT_365;
	else
		return ifgw_error_set(IFGW_EINVAL, "day-count basis '%.16s': want ACT/360 or ACT/365", text);
	return IFGW_OK;
}

const char *ifgw_ledger_daycount_name(enum ifgw_daycount d)
{
	return d == IFGW_DAYCOUNT_ACT_365 ? "ACT/365" : "ACT/360";
}

enum ifgw_daycount ifgw_ledger_daycount_default(const struct ifgw_currency *ccy)
{
	if (ccy && (strcasecmp(ccy->code, "GBP") == 0 || strcasecmp(ccy->code, "JPY") == 0))
		return IFGW_DAYCOUNT_ACT_365;
	return IFGW_DAYCOUNT_ACT_360;
}

int ifgw_ledger_advance(struct ifgw_money *out, const struct ifgw_money *base, int32_t advance_rate,
			int32_t reserve_pct, const struct ifgw_money *reserve_fixed, enum ifgw_rounding r)
{
	int64_t v;
	int rc;

	IFGW_ASSERT_ARG(out);

	if ((rc = check_amount(base, "advance base")) != IFGW_OK || (rc = check_pct(advance_rate, "advance rate")) != IFGW_OK ||
	    (rc = check_pct(reserve_pct, "reserve")) != IFGW_OK)
		return rc;
	if (reserve_pct > advance_rate)
		return ifgw_error_set(IFGW_EINVAL, "advance: reserve %d millionths exceeds the advance rate %d",
				      (int)reserve_pct, (int)advance_rate);
	if (reserve_fixed && reserve_fixed->ccy) {
		if ((rc = check_amount(reserve_fixed, "fixed reserve")) != IFGW_OK)
			return rc;
		if (!same_ccy(reserve_fixed->ccy, base->ccy))
			return ifgw_error_set(IFGW_EINVAL, "advance: fixed reserve in %s, base in %s",
					      reserve_fixed->ccy->code, base->ccy->code);
	}
	if ((rc = div_round(&v, (__int128)base->minor * (advance_rate - reserve_pct), IFGW_PERCENT_ONE, r,
			    "advance")) != IFGW_OK)
		return rc;
	/* v <= base; subtracting a non-negative reserve cannot overflow. */
	if (reserve_fixed && reserve_fixed->ccy)
		v -= reserve_fixed->minor;
	out->minor = v < 0 ? 0 : v;
	out->ccy = base->ccy;
	return IFGW_OK;
}

int ifgw_ledger_commission(struct ifgw_money *out, const struct ifgw_money *base, int32_t pct,
			   const struct ifgw_money *doc_fee, int64_t n_docs, enum ifgw_rounding r)
{
	int64_t v, fees = 0;
	int rc;

	IFGW_ASSERT_ARG(out);

	if ((rc = check_amount(base, "commission base")) != IFGW_OK || (rc = check_pct(pct, "commission")) != IFGW_OK)
		return rc;
	if (n_docs < 0)
		return ifgw_error_set(IFGW_EINVAL, "commission: %lld documents", (long long)n_docs);
	if (doc_fee && doc_fee->ccy) {
		if ((rc = check_amount(doc_fee, "document fee")) != IFGW_OK)
			return rc;
		if (!same_ccy(doc_fee->ccy, base->ccy))
			return ifgw_error_set(IFGW_EINVAL, "commission: document fee in %s, base in %s", doc_fee->ccy->code,
					      base->ccy->code);
		if (__builtin_mul_overflow(doc_fee->minor, n_docs, &fees))
			return ifgw_error_set(IFGW_EOVERFLOW, "commission: document fees beyond int64 minor units");
	}
	if ((rc = div_round(&v, (__int128)base->minor * pct, IFGW_PERCENT_ONE, r, "commission")) != IFGW_OK)
		return rc;
	if (__builtin_add_overflow(v, fees, &v))
		return ifgw_error_set(IFGW_EOVERFLOW, "commission: beyond int64 minor units");
	out->minor = v;
	out->ccy = base->ccy;
	return IFGW_OK;
}

int ifgw_ledger_interest_sum(struct ifgw_money *out, const struct ifgw_currency *ccy, int64_t balance_days,
			     int32_t ref_rate, int32_t margin, enum ifgw_daycount basis, enum ifgw_rounding r)
{
	struct ifgw_money unit;
	int rc;

	IFGW_ASSERT_ARG(out);

	if (!ccy)
		return ifgw_error_set(IFGW_EINVAL, "interest: no currency given");
	if (balance_days < 0)
		return ifgw_error_set(IFGW_EINVAL, "interest: negative balance-days %lld", (long long)balance_days);
	/* One day on the whole sum is the same fraction: principal x 1 day. */
	unit.minor = balance_days;
	unit.ccy = ccy;
	if ((rc = ifgw_ledger_interest(out, &unit, ref_rate, margin, 0, 1, basis, r)) != IFGW_OK)
		return rc;
	return IFGW_OK;
}

int ifgw_ledger_interest(struct ifgw_money *out, const struct ifgw_money *principal, int32_t ref_rate,
			 int32_t margin, int32_t from, int32_t to, enum ifgw_daycount basis, enum ifgw_rounding r)
{
	int64_t rate, v;
	int rc;

	IFGW_ASSERT_ARG(out);

	if ((rc = check_amount(principal, "interest principal")) != IFGW_OK)
		return rc;
	if (ref_rate < -IFGW_PERCENT_ONE || ref_rate > IFGW_PERCENT_ONE || margin < 0 || margin > IFGW_PERCENT_ONE)
		return ifgw_error_set(IFGW_EINVAL, "interest: reference %d or margin %d millionths out of range",
				      (int)ref_rate, (int)margin);
	if (to < from)
		return ifgw_error_set(IFGW_EINVAL, "interest: period ends (day %ld) before it starts (day %ld)", (long)to,
				      (long)from);
	if (basis != IFGW_DAYCOUNT_ACT_360 && basis != IFGW_DAYCOUNT_ACT_365)
		return ifgw_error_set(IFGW_EINVAL, "interest: unknown day-count basis %d", (int)basis);
	/* A zero floor: a negative reference never makes the factor pay. */
	rate = (int64_t)ref_rate + margin;
	if (rate < 0)
		rate = 0;
	if ((rc = div_round(&v, (__int128)principal->minor * rate * ((int64_t)to - from),
			    (__int128)IFGW_PERCENT_ONE * (basis == IFGW_DAYCOUNT_ACT_365 ? 365 : 360), r,
			    "interest")) != IFGW_OK)
		return rc;
	out->minor = v;
	out->ccy = principal->ccy;
	return IFGW_OK;
}
