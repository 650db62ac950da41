/* rates_source.c: the rates file's choice and the as-of rule (see rates_source.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "currency/rates_source.h"

#define USER_PATH_MAX 4096

/* 1 and the path in out when a user location is defined; sets no error. */
static int user_path(struct ifgw_buf *out, int *rc)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		*rc = ifgw_buf_addf(out, "%s/%s", xdg, IFGW_RATES_USER_RELPATH);
	else if (home && *home)
		*rc = ifgw_buf_addf(out, "%s/.local/share/%s", home, IFGW_RATES_USER_RELPATH);
	else
		return 0;
	return 1;
}

int ifgw_rates_user_path(struct ifgw_buf *out)
{
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(out);
	if (!user_path(out, &rc))
		return ifgw_error_set(IFGW_ENOTFOUND,
				      "no default rates location: set XDG_DATA_HOME or HOME, or give --out FILE");
	return rc;
}

int ifgw_rates_source_load(struct ifgw_rateset **out, const char *given, const char *configured)
{
	struct ifgw_buf user;
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(out);
	if (given)
		return ifgw_rateset_load_file(out, given);
	if (configured)
		return ifgw_rateset_load_file(out, configured);
	ifgw_buf_init(&user, USER_PATH_MAX);
	if (user_path(&user, &rc) && rc == IFGW_OK && access(user.ptr, F_OK) == 0)
		rc = ifgw_rateset_load_file(out, user.ptr);
	else if (rc == IFGW_OK)
		rc = ifgw_rateset_load_default(out);
	ifgw_buf_free(&user);
	return rc;
}

void ifgw_rates_as_of_init(struct ifgw_rates_as_of *a)
{
	memset(a, 0, sizeof(*a));
	a->max_age = IFGW_RATES_MAX_AGE_DEFAULT;
}

int ifgw_rates_as_of_check(struct ifgw_rates_as_of *a)
{
	char d[IFGW_DATE_STRLEN], t[IFGW_DATE_STRLEN];
	int32_t first;

	IFGW_ASSERT_ARG(a);
	a->today = ifgw_clock_today();
	if (!a->has_date)
		return IFGW_OK;
	ifgw_date_format(a->date, d);
	ifgw_date_format(a->today, t);
	if (a->date > a->today)
		return ifgw_error_set(IFGW_EINVAL, "%s is in the future (today is %s)", d, t);
	(void)ifgw_date_parse(&first, IFGW_RATES_FIRST_DATE_TEXT, strlen(IFGW_RATES_FIRST_DATE_TEXT));
	if (a->date < first)
		return ifgw_error_set(IFGW_EINVAL, "%s is before the first ECB publication (%s)", d,
				      IFGW_RATES_FIRST_DATE_TEXT);
	return IFGW_OK;
}

void ifgw_rates_as_of_choose(struct ifgw_rates_as_of *a, const struct ifgw_rateset *rs)
{
	int32_t last = ifgw_rateset_last_date(rs);

	a->fell_back = 0;
	if (a->has_date) {
		a->as_of = a->date;
		return;
	}
	a->as_of = a->today;
	/* only the default limit: an old file answers as of its latest day, and says so */
	if (!a->max_age_given && (int64_t)a->today - last > a->max_age) {
		a->as_of = last;
		a->fell_back = 1;
	}
}
