/* us.c: United States, federal holidays.
 *
 * Source: 5 U.S.C. 6103(a) (legal public holidays; Juneteenth added by
 * Pub. L. 117-17, signed 17 June 2021) and Executive Order 11582 with
 * 5 U.S.C. 6103(b): a holiday on a Saturday is observed on the Friday
 * before (so New Year's Day 2022 was observed on 31 December 2021), one on
 * a Sunday on the Monday after; only the observed day is listed, as OPM
 * does.  Differences from the Federal Reserve's calendar: Reserve Banks stay
 * open on the Friday before a Saturday holiday, and first closed for
 * Juneteenth in 2022 (federal offices closed on 18 June 2021).  One-day
 * closures by executive order (Christmas Eve in some years, national days
 * of mourning) are not holidays: not included. */
#include "config.h"

#include "base/date.h"
#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

/* Emit a fixed-date holiday on its observed day. */
static void observed(struct ifgw_calendar_builder *b, int y, int m, int d, const char *name, const char *obs)
{
	int32_t date = ifgw_calendar_ymd(y, m, d);

	switch (ifgw_date_weekday(date)) {
	case IFGW_SATURDAY:
		ifgw_calendar_emit(b, date - 1, IFGW_CALENDAR_HOLIDAY, obs);
		break;
	case IFGW_SUNDAY:
		ifgw_calendar_emit(b, date + 1, IFGW_CALENDAR_HOLIDAY, obs);
		break;
	default:
		ifgw_calendar_emit(b, date, IFGW_CALENDAR_HOLIDAY, name);
	}
}

static int us_year(struct ifgw_calendar_builder *b, int y)
{
	observed(b, y, 1, 1, "New Year's Day", "New Year's Day (observed)");
	ifgw_calendar_emit_nth(b, y, 1, IFGW_MONDAY, 3, "Birthday of Martin Luther King, Jr.");
	ifgw_calendar_emit_nth(b, y, 2, IFGW_MONDAY, 3, "Washington's Birthday");
	ifgw_calendar_emit_nth(b, y, 5, IFGW_MONDAY, -1, "Memorial Day");
	if (y >= 2021)
		observed(b, y, 6, 19, "Juneteenth National Independence Day",
			 "Juneteenth National Independence Day (observed)");
	observed(b, y, 7, 4, "Independence Day", "Independence Day (observed)");
	ifgw_calendar_emit_nth(b, y, 9, IFGW_MONDAY, 1, "Labor Day");
	ifgw_calendar_emit_nth(b, y, 10, IFGW_MONDAY, 2, "Columbus Day");
	observed(b, y, 11, 11, "Veterans Day", "Veterans Day (observed)");
	ifgw_calendar_emit_nth(b, y, 11, IFGW_THURSDAY, 4, "Thanksgiving Day");
	observed(b, y, 12, 25, "Christmas Day", "Christmas Day (observed)");
	return ifgw_calendar_builder_status(b);
}

const struct ifgw_calendar_rules ifgw_calendar_rules_us = {
	.name = "US",
	.version = IFGW_CALENDAR_RULES_VERSION,
	.title = "United States: federal holidays (5 U.S.C. 6103, OPM observance)",
	.first_year = IFGW_CALENDAR_YEAR_MIN,
	.last_year = IFGW_CALENDAR_YEAR_MAX,
	.emit_year = us_year,
};
