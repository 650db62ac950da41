/* rates_source.h: which rates file a command or a node uses, and the date
 * its rates are taken as of — the policy, out of the CLI.
 *
 * The file, first found wins:
 *   1. the one the caller was given (ifgw fx --rates FILE);
 *   2. the node configuration's <Rates file="..."/>;
 *   3. the user's fetched copy (ifgw_rates_user_path(): what `ifgw fx
 *      fetch` writes by default), when it exists;
 *   4. the shipped ECB history (IFGW_RATES_DEFAULT_FILE).
 *
 * The as-of date: the date asked for (checked: not in the future, not
 * before the ECB's first publication), else today.  Staleness: with a limit
 * the caller set, look-ups refuse rates older than it (IFGW_ESTALE); with
 * only the default limit and no date asked for, a file whose latest
 * publication is older than the limit is used as of that publication and
 * the fall-back is reported (fell_back), so an old shipped file still
 * answers and says so. */
#ifndef IFGW_CURRENCY_RATES_SOURCE_H
#define IFGW_CURRENCY_RATES_SOURCE_H

#include <stdint.h>

#include "base/buf.h"
#include "currency/rates.h"

/* Under $XDG_DATA_HOME (absolute only, as the XDG spec says), else
 * $HOME/.local/share. */
#define IFGW_RATES_USER_RELPATH "ifgw/eurofxref"

/* Append the user's fetched-copy path to out; IFGW_ENOTFOUND when neither
 * XDG_DATA_HOME nor HOME is set. */
int ifgw_rates_user_path(struct ifgw_buf *out);

/* Load the rates file the order above picks: given, else configured (each
 * may be NULL), else the user's copy when it exists, else the shipped one.
 * Errors are the loader's, naming the file. */
int ifgw_rates_source_load(struct ifgw_rateset **out, const char *given, const char *configured);

/* The as-of rule's inputs and answer. */
struct ifgw_rates_as_of {
	int has_date;      /* 1: a date was asked for (date) */
	int32_t date;
	int32_t max_age;   /* days, or IFGW_RATES_MAX_AGE_NONE */
	int max_age_given; /* 1: the caller set max_age; stale rates are then refused */
	int32_t today;     /* ifgw_clock_today() when checked */
	int32_t as_of;     /* the answer */
	int fell_back;     /* 1: the file ends before today - max_age; its latest publication is used */
};

/* No date, the default limit (IFGW_RATES_MAX_AGE_DEFAULT). */
void ifgw_rates_as_of_init(struct ifgw_rates_as_of *a);

/* Read today from the clock and check the date asked for, if any:
 * IFGW_EINVAL "2027-01-01 is in the future (today is 2026-04-15)" or
 * "1998-12-31 is before the first ECB publication (1999-01-04)" (the caller
 * says where the date came from). */
int ifgw_rates_as_of_check(struct ifgw_rates_as_of *a);

/* Resolve as_of against the loaded file (after ifgw_rates_as_of_check). */
void ifgw_rates_as_of_choose(struct ifgw_rates_as_of *a, const struct ifgw_rateset *rs);

#endif
