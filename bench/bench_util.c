/* bench_util.c: timing and reporting helpers of the benchmarks (see bench_util.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/error.h"
#include "bench/bench_util.h"

double ifgw_bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double ifgw_bench_median(const double *v, int n)
{
	double *s, m;

	if (n <= 0)
		return 0;
	if (!(s = malloc((size_t)n * sizeof(*s))))
		ifgw_bench_die("out of memory");
	memcpy(s, v, (size_t)n * sizeof(*s));
	qsort(s, (size_t)n, sizeof(*s), cmp_double);
	m = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	free(s);
	return m;
}

void ifgw_bench_die(const char *what)
{
	fprintf(stderr, "%s: %s%s%s\n", program_invocation_short_name, what, *ifgw_error_last() ? ": " : "",
		ifgw_error_last());
	exit(1);
}

long ifgw_bench_env_long(const char *name, long def, long min, long max)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (!v || !*v)
		return def;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < min || n > max) {
		fprintf(stderr, "%s: %s='%s': want %ld..%ld\n", program_invocation_short_name, name, v, min, max);
		exit(1);
	}
	return n;
}
