/* convert.c: exact conversion through EUR (see convert.h).
 *
 * result = amount * 10^to.minor * to_rate * 10^from_scale
 *        / (10^from.minor * from_rate * 10^to_scale)
 * The powers of ten are folded into one side first (e = to.minor +
 * from_scale - from.minor - to_scale), so that num = to_rate * 10^max(e,0)
 * and den = from_rate * 10^max(-e,0) are each below 10^28 < 2^94.  Then
 * |amount| * num is at most 2^157, but whenever it passes 2^128 the result
 * is beyond int64 anyway (see below): one checked 128-bit multiply and one
 * divide do every conversion.  One rounding, at the end, from the exact
 * remainder. */
#include "config.h"

#include <string.h>

#include "base/error.h"
#include "currency/convert.h"

typedef unsigned __int128 u128;

#define MAX_MINOR_UNITS 4 /* ISO 4217's largest (CLF, UYW) */

static const uint64_t pow10_u64[20] = {
	1ULL,
	10ULL,
	100ULL,
	1000ULL,
	10000ULL,
	100000ULL,
	1000000ULL,
	10000000ULL,
	100000000ULL,
	1000000000ULL,
	10000000000ULL,
	100000000000ULL,
	1000000000000ULL,
	10000000000000ULL,
	100000000000000ULL,
	1000000000000000ULL,
	10000000000000000ULL,
	100000000000000000ULL,
	1000000000000000000ULL,
	10000000000000000000ULL,
};

static int overflow(const struct ifgw_money *amount, const struct ifgw_currency *to)
{
	char text[IFGW_MONEY_STRLEN];

	ifgw_money_format(text, amount);
	return ifgw_error_set(IFGW_EOVERFLOW, "converting %s %s to %s overflows: the result is beyond int64 minor units",
			      text, amount->ccy->code, to->code);
}

static int check_rate(const struct ifgw_rate *r, const char *which)
{
	/* The bounds rates.h promises; the overflow argument above needs them. */
	if (!r || r->value <= 0 || (uint64_t)r->value >= pow10_u64[IFGW_RATE_MAX_DIGITS] ||
	    r->scale > IFGW_RATE_MAX_SCALE)
		return ifgw_error_set(IFGW_EINVAL,
				      "conversion: %s rate is missing, not positive, or beyond %d digits or %d decimals",
				      which, IFGW_RATE_MAX_DIGITS, IFGW_RATE_MAX_SCALE);
	return IFGW_OK;
}

static int check_currency(const struct ifgw_currency *c, const char *which)
{
	char why[IFGW_MONEY_WHY_STRLEN];

	if (!c)
		return ifgw_error_set(IFGW_EINVAL, "conversion: no %s currency given", which);
	if (ifgw_money_untradeable_why(why, c))
		return ifgw_error_set(IFGW_EINVAL, "conversion: %s is not a currency amounts can be held in (%s)", c->code,
				      why);
	if (c->minor_units < 0 || c->minor_units > MAX_MINOR_UNITS)
		return ifgw_error_set(IFGW_EINVAL, "conversion: %s has %d minor units, beyond %d", c->code,
				      c->minor_units, MAX_MINOR_UNITS);
	return IFGW_OK;
}

/* The arithmetic, on arguments already checked. */
static int convert_checked(struct ifgw_money *out, const struct ifgw_money *amount, const struct ifgw_currency *to,
			   const struct ifgw_rate *from_per_eur, const struct ifgw_rate *to_per_eur,
			   enum ifgw_rounding rounding)
{
	const struct ifgw_currency *from = amount->ccy;
	u128 num, den, prod, q, r, twice;
	uint64_t mag;
	int e;

	e = to->minor_units + from_per_eur->scale - from->minor_units - to_per_eur->scale;
	/* |e| <= 4 + 12 = 16 and rates are < 10^12: num, den < 10^28. */
	num = (u128)(uint64_t)to_per_eur->value * (e > 0 ? pow10_u64[e] : 1);
	den = (u128)(uint64_t)from_per_eur->value * (e < 0 ? pow10_u64[-e] : 1);
	/* |INT64_MIN| without overflow. */
	mag = amount->minor < 0 ? (uint64_t)0 - (uint64_t)amount->minor : (uint64_t)amount->minor;
	/* A product past 2^128 needs num > 2^65, so e > 0 and den < 10^12 <
	 * 2^40: the quotient would be past 2^88, beyond int64 anyway. */
	if (__builtin_mul_overflow((u128)mag, num, &prod))
		return overflow(amount, to);
	q = prod / den;
	r = prod - q * den;
	/* One rounding, from the exact remainder (r < den < 2^94: 2r fits). */
	twice = r * 2;
	switch (rounding) {
	case IFGW_ROUND_HALF_UP:
		if (twice >= den)
			q++;
		break;
	case IFGW_ROUND_TOWARD_ZERO:
		break;
	case IFGW_ROUND_HALF_EVEN:
	default:
		if (twice > den || (twice == den && (q & 1)))
			q++;
		break;
	}
	if (q > (u128)INT64_MAX)
		return overflow(amount, to);
	out->minor = amount->minor < 0 ? -(int64_t)q : (int64_t)q;
	out->ccy = to;
	return IFGW_OK;
}

int ifgw_money_convert_rates(struct ifgw_money *out, const struct ifgw_money *amount, const struct ifgw_currency *to,
			     const struct ifgw_rate *from_per_eur, const struct ifgw_rate *to_per_eur,
			     enum ifgw_rounding rounding)
{
	int rc;

	IFGW_ASSERT_ARG(out);

	if (!amount)
		return ifgw_error_set(IFGW_EINVAL, "conversion: no amount given");
	if ((rc = check_currency(amount->ccy, "source")) != IFGW_OK || (rc = check_currency(to, "target")) != IFGW_OK ||
	    (rc = check_rate(from_per_eur, "source")) != IFGW_OK || (rc = check_rate(to_per_eur, "target")) != IFGW_OK)
		return rc;
	return convert_checked(out, amount, to, from_per_eur, to_per_eur, rounding);
}

int ifgw_money_convert(struct ifgw_conversion *out, const struct ifgw_rateset *rs, const struct ifgw_money *amount,
		       const struct ifgw_currency *to, int32_t as_of, const struct ifgw_convert_options *opt)
{
	static const struct ifgw_convert_options defaults = IFGW_CONVERT_OPTIONS_INIT;
	struct ifgw_conversion c;
	int32_t from_date, to_date;
	int rc;

	IFGW_ASSERT_ARG(out);

	if (!opt)
		opt = &defaults;
	if (!amount)
		return ifgw_error_set(IFGW_EINVAL, "conversion: no amount given");
	if ((rc = check_currency(amount->ccy, "source")) != IFGW_OK || (rc = check_currency(to, "target")) != IFGW_OK)
		return rc;
	memset(&c, 0, sizeof(c));
	c.as_of = as_of;
	if (amount->ccy == to || strcmp(amount->ccy->code, to->code) == 0) {
		/* Nothing to convert: rate 1, no rate set consulted. */
		c.result.minor = amount->minor;
		c.result.ccy = to;
		c.rate_date = as_of;
		c.from_date = as_of;
		c.to_date = as_of;
		c.from_per_eur.value = 1;
		c.to_per_eur.value = 1;
		*out = c;
		return IFGW_OK;
	}
	if (!opt->allow_mixed_dates && strcmp(amount->ccy->code, "EUR") != 0 && strcmp(to->code, "EUR") != 0) {
		/* A cross rate: both legs from one publication, never two days under one rate date. */
		if ((rc = ifgw_rateset_lookup_pair(&c.from_per_eur, &c.to_per_eur, &from_date, rs, amount->ccy, to,
						   as_of, opt->max_age_days)) != IFGW_OK)
			return rc;
		to_date = from_date;
	} else if ((rc = ifgw_rateset_lookup(&c.from_per_eur, &from_date, rs, amount->ccy, as_of,
					     opt->max_age_days)) != IFGW_OK ||
		   (rc = ifgw_rateset_lookup(&c.to_per_eur, &to_date, rs, to, as_of, opt->max_age_days)) != IFGW_OK) {
		return rc;
	}
	/* Currencies checked above; a rate set holds only rates within rates.h's bounds. */
	if ((rc = convert_checked(&c.result, amount, to, &c.from_per_eur, &c.to_per_eur, opt->rounding)) != IFGW_OK)
		return rc;
	/* EUR's rate is 1 on any day: it takes the other rate's date. */
	if (strcmp(amount->ccy->code, "EUR") == 0)
		from_date = to_date;
	else if (strcmp(to->code, "EUR") == 0)
		to_date = from_date;
	c.rate_date = from_date < to_date ? from_date : to_date;
	c.from_date = from_date;
	c.to_date = to_date;
	*out = c;
	return IFGW_OK;
}
