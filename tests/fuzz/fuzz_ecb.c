/* fuzz_ecb.c: the ECB rates loader (XML and CSV, detected from content) on arbitrary bytes.
 *
 * Invariants on whatever loads: dates strictly ascending within 1999-01-04
 * .. today; every listed rate positive and found again by the look-up on
 * its own publication date; errors are one line.  Nothing crashes, leaks or
 * reads out of bounds (run under ASan/UBSan in CI). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "currency/rates.h"
#include "tests/fuzz/fuzz.h"

#define CHECK_DATES 64 /* enough to walk the structure, cheap on big inputs */

static void check(const struct ifgw_rateset *rs)
{
	struct ifgw_rate_entry e[IFGW_RATESET_MAX_CURRENCIES];
	struct ifgw_rate r;
	size_t i, j, n, count = ifgw_rateset_date_count(rs);
	int32_t d, pub;

	if (count == 0 || ifgw_rateset_first_date(rs) > ifgw_rateset_last_date(rs) ||
	    ifgw_rateset_last_date(rs) > ifgw_clock_today())
		abort();
	for (i = 0; i < count && i < CHECK_DATES; i++) {
		d = ifgw_rateset_date_at(rs, i);
		if (i > 0 && ifgw_rateset_date_at(rs, i - 1) >= d)
			abort();
		if (ifgw_rateset_list(e, IFGW_RATESET_MAX_CURRENCIES, &n, &pub, rs, d, 0) != IFGW_OK || pub != d)
			abort();
		for (j = 0; j < n; j++) {
			if (e[j].per_eur.value <= 0 || e[j].per_eur.scale > IFGW_RATE_MAX_SCALE)
				abort();
			if (ifgw_rateset_lookup(&r, &pub, rs, e[j].ccy, d, 0) != IFGW_OK || pub != d ||
			    !ifgw_rate_equal(&r, &e[j].per_eur))
				abort();
		}
	}
	/* Before the first date there is nothing; EUR is there on the last. */
	if (ifgw_rateset_lookup(&r, &pub, rs, ifgw_currency_find("EUR"), ifgw_rateset_first_date(rs) - 1, -1) !=
	    IFGW_ENOTFOUND)
		abort();
	ifgw_error_clear();
	if (ifgw_rateset_lookup(&r, &pub, rs, ifgw_currency_find("EUR"), ifgw_rateset_last_date(rs), 0) != IFGW_OK ||
	    r.value != 1)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ifgw_rateset *rs = NULL;
	int32_t today;

	/* A fixed "today", so that a run does not depend on the day it runs. */
	if (ifgw_date_from_ymd(&today, 2026, 4, 20) != IFGW_OK)
		abort();
	ifgw_clock_set((int64_t)today * IFGW_SECONDS_PER_DAY);
	ifgw_error_clear();
	if (ifgw_rateset_load_memory(&rs, data, size, "fuzz") == IFGW_OK) {
		check(rs);
		ifgw_rateset_free(rs);
	} else if (rs != NULL || strchr(ifgw_error_last(), '\n') || ifgw_error_last()[0] == '\0') {
		abort();
	}
	ifgw_error_clear();
	return 0;
}
