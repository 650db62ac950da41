/* pl.c: Poland, public holidays (dni wolne od pracy).
 *
 * Source: Ustawa z dnia 18 stycznia 1951 r. o dniach wolnych od pracy, as
 * amended: 6 January from 2011 (ustawa of 24 September 2010), 24 December
 * from 2025 (amending act of December 2024); 12 November 2018 was a
 * one-off holiday for the centenary of independence (ustawa of 7 November
 * 2018).  The law lists Easter Sunday and Pentecost Sunday too: they are
 * listed, though Sundays anyway. */
#include "config.h"

#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

static int pl_year(struct ifgw_calendar_builder *b, int y)
{
	ifgw_calendar_emit_ymd(b, y, 1, 1, "New Year's Day");
	if (y >= 2011)
		ifgw_calendar_emit_ymd(b, y, 1, 6, "Epiphany");
	ifgw_calendar_emit_easter(b, y, 0, "Easter Sunday");
	ifgw_calendar_emit_easter(b, y, 1, "Easter Monday");
	ifgw_calendar_emit_ymd(b, y, 5, 1, "Labour Day");
	ifgw_calendar_emit_ymd(b, y, 5, 3, "Constitution Day");
	ifgw_calendar_emit_easter(b, y, 49, "Pentecost Sunday");
	ifgw_calendar_emit_easter(b, y, 60, "Corpus Christi");
	ifgw_calendar_emit_ymd(b, y, 8, 15, "Assumption Day");
	ifgw_calendar_emit_ymd(b, y, 11, 1, "All Saints' Day");
	ifgw_calendar_emit_ymd(b, y, 11, 11, "Independence Day");
	if (y == 2018)
		ifgw_calendar_emit_ymd(b, y, 11, 12, "Independence Day (centenary)");
	if (y >= 2025)
		ifgw_calendar_emit_ymd(b, y, 12, 24, "Christmas Eve");
	ifgw_calendar_emit_ymd(b, y, 12, 25, "Christmas Day");
	ifgw_calendar_emit_ymd(b, y, 12, 26, "Second Day of Christmas");
	return ifgw_calendar_builder_status(b);
}

const struct ifgw_calendar_rules ifgw_calendar_rules_pl = {
	.name = "PL",
	.version = IFGW_CALENDAR_RULES_VERSION,
	.title = "Poland: public holidays (ustawa o dniach wolnych od pracy)",
	.first_year = IFGW_CALENDAR_YEAR_MIN,
	.last_year = IFGW_CALENDAR_YEAR_MAX,
	.emit_year = pl_year,
};
