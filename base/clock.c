/* clock.c: injectable wall clock (see clock.h). */
#include "config.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"

static atomic_int clock_fixed;
static _Atomic int64_t clock_value;

int64_t ifgw_clock_now(void)
{
	struct timespec ts;

	if (atomic_load(&clock_fixed))
		return atomic_load(&clock_value);
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

int32_t ifgw_clock_today(void)
{
	return ifgw_datetime_date(ifgw_clock_now());
}

void ifgw_clock_set(int64_t t)
{
	atomic_store(&clock_value, t);
	atomic_store(&clock_fixed, 1);
}

void ifgw_clock_advance(int64_t seconds)
{
	if (atomic_load(&clock_fixed))
		atomic_fetch_add(&clock_value, seconds);
}

void ifgw_clock_use_system(void)
{
	atomic_store(&clock_fixed, 0);
}

int ifgw_clock_init(const char *now)
{
	const char *source = "--now";
	struct ifgw_error kept;
	int64_t t;
	int rc;

	if (!now) {
		now = getenv("IFGW_NOW");
		source = "IFGW_NOW";
	}
	if (!now || !*now)
		return IFGW_OK;
	ifgw_error_save(&kept); /* replaced by a message that names the source */
	rc = ifgw_datetime_parse(&t, now);
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK)
		return ifgw_error_set(IFGW_EINVAL, "%s: '%.40s' is not a date (YYYY-MM-DD) or UTC time (YYYY-MM-DDTHH:MM:SSZ)",
				      source, now);
	ifgw_clock_set(t);
	return IFGW_OK;
}
