/* fr.c: France, public holidays (jours fériés) of metropolitan France.
 *
 * Source: Code du travail, article L3133-1 (the eleven legal holidays).
 * Whit Monday stays a legal holiday although many employers work it as the
 * "journée de solidarité" (loi 2004-626, loi 2008-351).  Good Friday and
 * 26 December are holidays only in Alsace-Moselle (code local): not
 * included.  Holidays on a weekend are not moved. */
#include "config.h"

#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

static int fr_year(struct ifgw_calendar_builder *b, int y)
{
	ifgw_calendar_emit_ymd(b, y, 1, 1, "New Year's Day");
	ifgw_calendar_emit_easter(b, y, 1, "Easter Monday");
	ifgw_calendar_emit_ymd(b, y, 5, 1, "Labour Day");
	ifgw_calendar_emit_ymd(b, y, 5, 8, "Victory in Europe Day");
	ifgw_calendar_emit_easter(b, y, 39, "Ascension Day");
	ifgw_calendar_emit_easter(b, y, 50, "Whit Monday");
	ifgw_calendar_emit_ymd(b, y, 7, 14, "Bastille Day");
	ifgw_calendar_emit_ymd(b, y, 8, 15, "Assumption Day");
	ifgw_calendar_emit_ymd(b, y, 11, 1, "All Saints' Day");
	ifgw_calendar_emit_ymd(b, y, 11, 11, "Armistice Day");
	ifgw_calendar_emit_ymd(b, y, 12, 25, "Christmas Day");
	return ifgw_calendar_builder_status(b);
}

const struct ifgw_calendar_rules ifgw_calendar_rules_fr = {
	.name = "FR",
	.version = IFGW_CALENDAR_RULES_VERSION,
	.title = "France: public holidays (Code du travail L3133-1)",
	.first_year = IFGW_CALENDAR_YEAR_MIN,
	.last_year = IFGW_CALENDAR_YEAR_MAX,
	.emit_year = fr_year,
};
