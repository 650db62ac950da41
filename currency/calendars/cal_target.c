/* target.c: TARGET closing days (the Eurosystem's euro RTGS, TARGET then
 * TARGET2, now T2): the days euro interbank payments do not settle.
 *
 * Source: ECB press releases on TARGET operating days.  1999: closed on
 * weekends, 1 January and 25 December, and exceptionally on 31 December
 * (year-2000 changeover).  From 2000: also Good Friday, Easter Monday,
 * 1 May and 26 December (kept for good from 2002, ECB press release of
 * 14 December 2000; today Guideline ECB/2022/8 on T2).  2001: also closed
 * on 31 December (euro cash changeover). */
#include "config.h"

#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

static int target_year(struct ifgw_calendar_builder *b, int y)
{
	ifgw_calendar_emit_ymd(b, y, 1, 1, "New Year's Day");
	if (y >= 2000) {
		ifgw_calendar_emit_easter(b, y, -2, "Good Friday");
		ifgw_calendar_emit_easter(b, y, 1, "Easter Monday");
		ifgw_calendar_emit_ymd(b, y, 5, 1, "Labour Day");
	}
	ifgw_calendar_emit_ymd(b, y, 12, 25, "Christmas Day");
	if (y >= 2000)
		ifgw_calendar_emit_ymd(b, y, 12, 26, "Christmas Holiday");
	if (y == 1999 || y == 2001)
		ifgw_calendar_emit_ymd(b, y, 12, 31, "New Year's Eve (special closing)");
	return ifgw_calendar_builder_status(b);
}

const struct ifgw_calendar_rules ifgw_calendar_rules_target = {
	.name = "TARGET",
	.version = IFGW_CALENDAR_RULES_VERSION,
	.title = "TARGET (T2) closing days: euro interbank settlement",
	.first_year = IFGW_CALENDAR_YEAR_MIN,
	.last_year = IFGW_CALENDAR_YEAR_MAX,
	.emit_year = target_year,
};
