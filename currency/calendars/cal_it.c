/* it.c: Italy, national public holidays (giorni festivi).
 *
 * Source: Legge 27 maggio 1949 n. 260 as amended: L. 5 marzo 1977 n. 54,
 * DPR 28 dicembre 1985 n. 792 (Epiphany back from 1986), L. 20 novembre
 * 2000 n. 336 (2 June back as Republic Day from 2001), L. 8 ottobre 2025
 * n. 151 (4 October, St Francis of Assisi, from 2026).  One-off: 17 March
 * 2011, the 150th anniversary of unification, a holiday under articles 2
 * and 4 of L. 260/1949 "limitatamente all'anno 2011" by D.L. 22 febbraio
 * 2011 n. 5 (G.U. n. 44 of 23 February 2011), converted by L. 21 aprile
 * 2011 n. 47.  Each town's patron saint's day is local: not included.
 * Easter Sunday is a Sunday anyway. */
#include "config.h"

#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

static int it_year(struct ifgw_calendar_builder *b, int y)
{
	ifgw_calendar_emit_ymd(b, y, 1, 1, "New Year's Day");
	ifgw_calendar_emit_ymd(b, y, 1, 6, "Epiphany");
	if (y == 2011)
		ifgw_calendar_emit_ymd(b, y, 3, 17, "150th anniversary of the unification of Italy");
	ifgw_calendar_emit_easter(b, y, 1, "Easter Monday");
	ifgw_calendar_emit_ymd(b, y, 4, 25, "Liberation Day");
	ifgw_calendar_emit_ymd(b, y, 5, 1, "Labour Day");
	if (y >= 2001)
		ifgw_calendar_emit_ymd(b, y, 6, 2, "Republic Day");
	ifgw_calendar_emit_ymd(b, y, 8, 15, "Assumption Day");
	if (y >= 2026)
		ifgw_calendar_emit_ymd(b, y, 10, 4, "St Francis of Assisi");
	ifgw_calendar_emit_ymd(b, y, 11, 1, "All Saints' Day");
	ifgw_calendar_emit_ymd(b, y, 12, 8, "Immaculate Conception");
	ifgw_calendar_emit_ymd(b, y, 12, 25, "Christmas Day");
	ifgw_calendar_emit_ymd(b, y, 12, 26, "St Stephen's Day");
	return ifgw_calendar_builder_status(b);
}

const struct ifgw_calendar_rules ifgw_calendar_rules_it = {
	.name = "IT",
	.version = IFGW_CALENDAR_RULES_VERSION,
	.title = "Italy: national public holidays (L. 260/1949 as amended)",
	.first_year = IFGW_CALENDAR_YEAR_MIN,
	.last_year = IFGW_CALENDAR_YEAR_MAX,
	.emit_year = it_year,
};
