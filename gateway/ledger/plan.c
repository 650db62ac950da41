/* plan.c: the dates a contract sets: the funding deadline in business hours
 * and the dunning plan's days. */
#include "config.h"

#include "base/error.h"
#define IFGW_LEDGER_INTERNAL
#include "gateway/ledger/ledger_int.h"

int ifgw_ledger_funding_deadline(int64_t *out, int64_t assigned_at, int hours, const struct ifgw_calendar *cal,
				 int32_t utc_offset)
{
	int64_t end;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cal);

	if (hours != 24 && hours != 48)
		return ifgw_error_set(IFGW_EINVAL, "funding promise of %d business hours: the contract promises 24 or 48",
				      hours);
	if (utc_offset < -14 * 3600 || utc_offset > 14 * 3600)
		return ifgw_error_set(IFGW_EINVAL, "funding promise: UTC offset %ld s is beyond 14 hours", (long)utc_offset);
	/* The calendar counts in the seller's civil time; a time on a closed day
	 * starts the count at the next business day's 00:00 (calendar.h). */
	if ((rc = ifgw_calendar_add_business_hours(&end, cal, assigned_at + utc_offset, hours)) != IFGW_OK)
		return ifgw_error_wrap(rc, "funding promise on calendar %s", ifgw_calendar_name(cal));
	*out = end - utc_offset;
	return IFGW_OK;
}

int ifgw_ledger_dunning_dates(int32_t out[IFGW_LEDGER_DUNNING_STEPS], const int32_t days[IFGW_LEDGER_DUNNING_STEPS],
			      int32_t due_date, const struct ifgw_calendar *cal)
{
	int32_t d;
	int i, rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(days);

	for (i = 0; i < IFGW_LEDGER_DUNNING_STEPS; i++) {
		if (days[i] < 0 || days[i] > 3650 || (i > 0 && days[i] <= days[i - 1]))
			return ifgw_error_set(IFGW_EINVAL,
					      "dunning plan: step %d at %ld days after the due date: steps must increase, "
					      "0..3650 days",
					      i + 1, (long)days[i]);
		d = due_date + days[i];
		/* A letter dated on a closed day goes out on the next business day. */
		if (cal && (rc = ifgw_calendar_add_business_days(&d, cal, d, 0)) != IFGW_OK)
			return ifgw_error_wrap(rc, "dunning plan step %d", i + 1);
		out[i] = d;
	}
	/* Rolling can make two steps fall on one day; each still goes out in order. */
	return IFGW_OK;
}
