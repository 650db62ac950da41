/* clock.h: the one clock every module reads time through.
 *
 * Nothing in ifgw calls time() or clock_gettime(CLOCK_REALTIME) directly:
 * tests and the demo set the time, so that a 90-day GRIF window or a rate
 * staleness limit can pass without waiting.
 *
 * Sources, first match wins: ifgw_clock_set() (tests), the CLI's --now
 * option or the IFGW_NOW environment variable (both through
 * ifgw_clock_init()), else the system clock. */
#ifndef IFGW_BASE_CLOCK_H
#define IFGW_BASE_CLOCK_H

#include <stdint.h>

/* Seconds since 1970-01-01T00:00:00Z. */
int64_t ifgw_clock_now(void);
/* Today's UTC day number (see date.h). */
int32_t ifgw_clock_today(void);

/* Freeze the clock at t (tests). */
void ifgw_clock_set(int64_t t);
/* Move a frozen clock forward (or back) by seconds; no-op on the system clock. */
void ifgw_clock_advance(int64_t seconds);
/* Back to the system clock. */
void ifgw_clock_use_system(void);

/* Set the clock from `now` if not NULL, else from $IFGW_NOW if set, else
 * leave it on the system clock.  Accepts what ifgw_datetime_parse() accepts;
 * IFGW_EINVAL with a message naming the source when the text is bad. */
int ifgw_clock_init(const char *now);

#endif
