/* bench_util.h: what every benchmark program shares.  Benchmarks measure
 * elapsed time on the monotonic clock: they time work, they do not read the
 * gateway's clock (base/clock.h). */
#ifndef IFGW_BENCH_UTIL_H
#define IFGW_BENCH_UTIL_H

/* Seconds on the monotonic clock. */
double ifgw_bench_now(void);

/* The median of n values (the mean of the middle two when n is even); v is
 * left as it was. */
double ifgw_bench_median(const double *v, int n);

/* The integer in environment variable name, def when unset or empty; a
 * value that is not an integer in [min, max]: "PROGRAM: NAME='v': want
 * min..max" on stderr and exit 1 (a typo never runs a different benchmark). */
long ifgw_bench_env_long(const char *name, long def, long min, long max);

/* Print "PROGRAM: what: <pending error>" on stderr and exit 1. */
void ifgw_bench_die(const char *what);

#endif
