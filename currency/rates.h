/* rates.h: ECB euro reference rates: exact decimal rates and dated rate sets.
 *
 * A rate is an exact decimal (value / 10^scale), never binary floating point: "17487.21"
 * is {1748721, 2}.  A rate set holds every publication date of one ECB file
 * (daily, 90-day or full history; XML gesmes:Envelope or the ECB CSV forms)
 * with, for each date, the rate per 1 EUR of each currency published that
 * day.  Look-ups answer "as of date D": the latest publication on or before
 * D that has the currency, refused when it is older than a staleness limit.
 *
 *     struct ifgw_rateset *rs = NULL;
 *     struct ifgw_rate usd;
 *     int32_t published;
 *     if ((rc = ifgw_rateset_load_default(&rs)) != IFGW_OK) goto out;
 *     rc = ifgw_rateset_lookup(&usd, &published, rs, ifgw_currency_find("USD"),
 *                              as_of, IFGW_RATES_MAX_AGE_DEFAULT);
 *     ...
 *     ifgw_rateset_free(rs);
 *
 * A loaded rate set is read-only: any number of threads may look up in it. */
#ifndef IFGW_CURRENCY_RATES_H
#define IFGW_CURRENCY_RATES_H

#include <stddef.h>
#include <stdint.h>

#include "currency/iso4217.h"

/* ---- exact decimal rates ---- */

struct ifgw_rate {
	int64_t value; /* > 0 in a valid rate; trailing zeros removed: "366.90" = {3669, 1} */
	uint8_t scale; /* 0..IFGW_RATE_MAX_SCALE decimals */
};

#define IFGW_RATE_MAX_DIGITS 12 /* significant digits a rate may have */
#define IFGW_RATE_MAX_SCALE 12  /* decimals a rate may have (after trailing zeros go) */
#define IFGW_RATE_STRLEN 32     /* room for any formatted rate + NUL */

/* Parse len bytes of a positive decimal ("1.0856", "163.04", "26.020",
 * "0.000123").  Refused (IFGW_EINVAL, message quoting the text): empty, a
 * sign, zero, exponent notation, spaces, more than IFGW_RATE_MAX_DIGITS
 * significant digits or IFGW_RATE_MAX_SCALE decimals.  Trailing zeros of
 * the fraction are dropped, so equal rates compare equal field by field. */
int ifgw_rate_parse(struct ifgw_rate *out, const char *text, size_t len);

/* Shortest exact text: "1.0856", "163.04", "1". */
void ifgw_rate_format(char out[IFGW_RATE_STRLEN], const struct ifgw_rate *r);

/* 1 if a and b are the same number (both normalised as parse leaves them). */
int ifgw_rate_equal(const struct ifgw_rate *a, const struct ifgw_rate *b);

/* ---- rate sets ---- */

/* Look-ups refuse a publication more than this many days before the as-of
 * date (a Friday rate still serves Monday; Easter's four days pass). */
#define IFGW_RATES_MAX_AGE_DEFAULT 5
/* Pass as max_age_days to accept a publication of any age. */
#define IFGW_RATES_MAX_AGE_NONE (-1)

/* Largest file a loader accepts (the full XML history is far smaller). */
#define IFGW_RATES_MAX_FILE (64u << 20)
/* Most distinct currencies one file may quote (the ECB has used 41). */
#define IFGW_RATESET_MAX_CURRENCIES 128
/* The first ECB publication; earlier dates in a file are refused. */
#define IFGW_RATES_FIRST_DATE_TEXT "1999-01-04"
/* The shipped full history, found with ifgw_datadir_find(). */
#define IFGW_RATES_DEFAULT_FILE "currency/data/eurofxref-hist.csv"

struct ifgw_rateset; /* opaque */

/* Load a rates file; the format is detected from the content:
 *   - ECB XML (gesmes:Envelope, any of daily / hist-90d / hist), parsed with
 *     no network, no DTD, no entity expansion and the size cap above;
 *   - ECB history CSV ("Date,USD,JPY,...", N/A for no rate, trailing comma);
 *   - ECB daily CSV ("Date, USD, ...", dates like "13 April 2026").
 * Errors (one line, "PATH:LINE: what"): malformed or truncated XML/CSV
 * (IFGW_EPARSE), a currency code not in ISO 4217 (IFGW_ENOTFOUND), a rate
 * that is zero, negative or malformed, a malformed or duplicate date, a date
 * before 1999-01-04 (IFGW_EINVAL), an empty file or one with no dates
 * (IFGW_EPARSE), a file over the cap (IFGW_EOVERFLOW), an unreadable file
 * (IFGW_EIO).  Publications dated after ifgw_clock_today() are checked but
 * not kept (ifgw_rateset_ignored_future counts them): a clock set back, or
 * a file fetched after the day being replayed, still answers for the days it
 * knows; a file with nothing else is IFGW_EINVAL ("every publication in the
 * file is after today").  *out is set only on success. */
int ifgw_rateset_load_file(struct ifgw_rateset **out, const char *path);

/* Same, from len bytes in memory; name is used in messages ("<memory>" if NULL). */
int ifgw_rateset_load_memory(struct ifgw_rateset **out, const void *data, size_t len, const char *name);

/* Load IFGW_RATES_DEFAULT_FILE (IFGW_ENOTFOUND naming where it looked). */
int ifgw_rateset_load_default(struct ifgw_rateset **out);

/* Safe on NULL. */
void ifgw_rateset_free(struct ifgw_rateset *rs);

/* The name given at load time (the path for load_file). Borrowed. */
const char *ifgw_rateset_source(const struct ifgw_rateset *rs);

/* Publication dates, ascending: 0 <= i < ifgw_rateset_date_count(rs). */
size_t ifgw_rateset_date_count(const struct ifgw_rateset *rs);
int32_t ifgw_rateset_date_at(const struct ifgw_rateset *rs, size_t i);
int32_t ifgw_rateset_first_date(const struct ifgw_rateset *rs);
/* Publications the load ignored for being dated after ifgw_clock_today(). */
size_t ifgw_rateset_ignored_future(const struct ifgw_rateset *rs);
int32_t ifgw_rateset_last_date(const struct ifgw_rateset *rs);

/* The rate per 1 EUR of ccy as of date as_of: from the latest publication on
 * or before as_of that quotes ccy; *published is that publication's date
 * (either out pointer may be NULL).  EUR is 1 on every publication date.
 * IFGW_ENOTFOUND "no ECB rate for XXX on or before D" when there is none;
 * IFGW_ESTALE "ECB rates for USD are stale: latest 2026-04-13 is 20 days
 * before 2026-05-03 (limit 5)" when as_of - published > max_age_days
 * (max_age_days < 0: no limit).  Constant time: no search, no allocation. */
int ifgw_rateset_lookup(struct ifgw_rate *out, int32_t *published, const struct ifgw_rateset *rs,
			const struct ifgw_currency *ccy, int32_t as_of, int32_t max_age_days);

/* The rates per 1 EUR of a and b both from ONE publication: the latest on
 * or before as_of (*published, may be NULL), so that a cross rate never
 * mixes two days.  Same staleness rule as the look-up, for that
 * publication.  IFGW_ENOTFOUND "no ECB rate for RUB in the publication of
 * 2022-03-04 (last quoted 2022-03-01)" when either is not in it ("no ECB
 * rate for KWD on or before D" when never quoted before); EUR is 1. */
int ifgw_rateset_lookup_pair(struct ifgw_rate *a_out, struct ifgw_rate *b_out, int32_t *published,
			     const struct ifgw_rateset *rs, const struct ifgw_currency *a, const struct ifgw_currency *b,
			     int32_t as_of, int32_t max_age_days);

/* One currency's rate in a listing. */
struct ifgw_rate_entry {
	const struct ifgw_currency *ccy;
	struct ifgw_rate per_eur;
};

/* Every rate of the publication used for as_of (the latest date on or before
 * as_of, same staleness rule as ifgw_rateset_lookup): out[0..*count) in the
 * ECB's order (USD, JPY, ...), EUR itself not listed; out must hold cap
 * entries (IFGW_RATESET_MAX_CURRENCIES always suffices); *published is the
 * publication date.  Same errors as the look-up ("no ECB rates on or before
 * D"), IFGW_EOVERFLOW if cap is too small. */
int ifgw_rateset_list(struct ifgw_rate_entry *out, size_t cap, size_t *count, int32_t *published,
		      const struct ifgw_rateset *rs, int32_t as_of, int32_t max_age_days);

#endif
