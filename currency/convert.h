/* convert.h: exact currency conversion through EUR with ECB reference rates.
 *
 * result_minor = amount_minor * 10^to.minor * to_per_eur * 10^from_scale
 *              / (10^from.minor * from_per_eur * 10^to_scale)
 * computed exactly in 128-bit integers with ONE rounding at the end; a
 * result beyond +-INT64_MAX minor units is IFGW_EOVERFLOW, never a wrap.
 * Cross rates (USD -> JPY) go through EUR: that is the formula.  Both of
 * their rates come from one ECB publication (the latest on or before the
 * as-of date), unless the caller allows mixed dates; every conversion
 * records the publication date of each rate used.
 *
 *     struct ifgw_conversion c;
 *     rc = ifgw_money_convert(&c, rs, &amount, ifgw_currency_find("JPY"), as_of, NULL);
 *     // 1000.00 EUR as of 2026-04-13: c.result = 186750 JPY, c.rate_date = 2026-04-13 */
#ifndef IFGW_CURRENCY_CONVERT_H
#define IFGW_CURRENCY_CONVERT_H

#include <stdint.h>

#include "currency/iso4217.h"
#include "currency/money.h"
#include "currency/rates.h"

struct ifgw_convert_options {
	enum ifgw_rounding rounding; /* IFGW_ROUND_HALF_EVEN by default */
	int32_t max_age_days;        /* IFGW_RATES_MAX_AGE_DEFAULT; IFGW_RATES_MAX_AGE_NONE: any age */
	int allow_mixed_dates;       /* 1: a cross rate may take each rate from its own latest publication */
};

/* The defaults, as NULL options mean. */
#define IFGW_CONVERT_OPTIONS_INIT { IFGW_ROUND_HALF_EVEN, IFGW_RATES_MAX_AGE_DEFAULT, 0 }

struct ifgw_conversion {
	struct ifgw_money result;    /* in the target currency's minor units */
	int32_t rate_date;           /* publication date of the rates used (the older of the two
					if they differ); as_of for a same-currency identity */
	int32_t from_date;           /* publication date of from_per_eur (EUR: the other rate's date) */
	int32_t to_date;             /* publication date of to_per_eur (EUR: the other rate's date) */
	int32_t as_of;               /* the date asked for */
	struct ifgw_rate from_per_eur; /* rate of amount's currency per 1 EUR (1 for EUR) */
	struct ifgw_rate to_per_eur;   /* rate of the target currency per 1 EUR (1 for EUR) */
};

/* Convert amount into `to` at the rates as of as_of (see ifgw_rateset_lookup
 * for the as-of and staleness rules); opt NULL = IFGW_CONVERT_OPTIONS_INIT.
 * Same currency: identity, rates 1, no rate set needed (rs may be NULL).
 * To or from EUR: the other currency's latest rate on or before as_of.
 * Between two other currencies: both rates from the latest publication on
 * or before as_of (ifgw_rateset_lookup_pair), IFGW_ENOTFOUND naming the
 * date a currency missing from it was last quoted; with allow_mixed_dates,
 * each its own latest (from_date and to_date then differ).
 * Errors: IFGW_EINVAL (NULL or untradeable currency: fund, metal, no minor unit), the look-up's
 * IFGW_ENOTFOUND / IFGW_ESTALE, IFGW_EOVERFLOW.  *out is set only on success. */
int ifgw_money_convert(struct ifgw_conversion *out, const struct ifgw_rateset *rs, const struct ifgw_money *amount,
		       const struct ifgw_currency *to, int32_t as_of, const struct ifgw_convert_options *opt);

/* The hot path: convert with two rates already looked up (bulk work,
 * benchmarks); no dates, no allocation, no error message unless it fails
 * (IFGW_EINVAL for a rate out of rates.h's bounds or an untradeable currency,
 * IFGW_EOVERFLOW).  ifgw_money_convert is this plus two look-ups. */
int ifgw_money_convert_rates(struct ifgw_money *out, const struct ifgw_money *amount, const struct ifgw_currency *to,
			     const struct ifgw_rate *from_per_eur, const struct ifgw_rate *to_per_eur,
			     enum ifgw_rounding rounding);

#endif
