/* es.c: Spain, national public holidays (fiestas de ámbito nacional).
 *
 * Source: Estatuto de los Trabajadores art. 37.2 and Real Decreto 2001/1983
 * art. 45; the yearly BOE resolution lists them.  Autonomous communities
 * add their own days, may swap 6 January, and may move a holiday that
 * falls on a Sunday to the Monday; Maundy Thursday and Easter Monday are
 * regional: none of that is included (national days only). */
#include "config.h"

#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

static int es_year(struct ifgw_calendar_builder *b, int y)
{
	ifgw_calendar_emit_ymd(b, y, 1, 1, "New Year's Day");
	ifgw_calendar_emit_ymd(b, y, 1, 6, "Epiphany");
	ifgw_calendar_emit_easter(b, y, -2, "Good Friday");
	ifgw_calendar_emit_ymd(b, y, 5, 1, "Labour Day");
	ifgw_calendar_emit_ymd(b, y, 8, 15, "Assumption Day");
	ifgw_calendar_emit_ymd(b, y, 10, 12, "National Day of Spain");
	ifgw_calendar_emit_ymd(b, y, 11, 1, "All Saints' Day");
	ifgw_calendar_emit_ymd(b, y, 12, 6, "Constitution Day");
	ifgw_calendar_emit_ymd(b, y, 12, 8, "Immaculate Conception");
	ifgw_calendar_emit_ymd(b, y, 12, 25, "Christmas Day");
	return ifgw_calendar_builder_status(b);
}

const struct ifgw_calendar_rules ifgw_calendar_rules_es = {
	.name = "ES",
	.version = IFGW_CALENDAR_RULES_VERSION,
	.title = "Spain: national public holidays (regional ones excluded)",
	.first_year = IFGW_CALENDAR_YEAR_MIN,
	.last_year = IFGW_CALENDAR_YEAR_MAX,
	.emit_year = es_year,
};
