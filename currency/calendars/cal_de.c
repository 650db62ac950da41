/* de.c: Germany, the public holidays every Land observes.
 *
 * Source: Einigungsvertrag art. 2(2) (3 October, federal) and the sixteen
 * Länder holiday laws (Feiertagsgesetze); this calendar keeps only the days
 * all of them share.  Regional holidays (Epiphany, Corpus Christi,
 * Assumption, Reformation Day, All Saints' Day, Day of Repentance, Women's
 * Day, World Children's Day...) are out: a partner bound to one Land needs
 * its own calendar.  24 and 31 December are bank closing days by custom,
 * not holidays: not included.  2017: Reformation Day (500th anniversary)
 * was a holiday in every Land, by each Land's law. */
#include "config.h"

#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

static int de_year(struct ifgw_calendar_builder *b, int y)
{
	ifgw_calendar_emit_ymd(b, y, 1, 1, "New Year's Day");
	ifgw_calendar_emit_easter(b, y, -2, "Good Friday");
	ifgw_calendar_emit_easter(b, y, 1, "Easter Monday");
	ifgw_calendar_emit_ymd(b, y, 5, 1, "Labour Day");
	ifgw_calendar_emit_easter(b, y, 39, "Ascension Day");
	ifgw_calendar_emit_easter(b, y, 50, "Whit Monday");
	ifgw_calendar_emit_ymd(b, y, 10, 3, "Day of German Unity");
	if (y == 2017)
		ifgw_calendar_emit_ymd(b, y, 10, 31, "Reformation Day (500th anniversary)");
	ifgw_calendar_emit_ymd(b, y, 12, 25, "Christmas Day");
	ifgw_calendar_emit_ymd(b, y, 12, 26, "Second Day of Christmas");
	return ifgw_calendar_builder_status(b);
}

const struct ifgw_calendar_rules ifgw_calendar_rules_de = {
	.name = "DE",
	.version = IFGW_CALENDAR_RULES_VERSION,
	.title = "Germany: nationwide public holidays (regional ones excluded)",
	.first_year = IFGW_CALENDAR_YEAR_MIN,
	.last_year = IFGW_CALENDAR_YEAR_MAX,
	.emit_year = de_year,
};
