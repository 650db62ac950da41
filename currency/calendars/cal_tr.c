/* tr.c: Türkiye, national and general holidays.
 *
 * Source: Law No. 2429 on National Holidays and General Holidays (Ulusal
 * Bayram ve Genel Tatiller Hakkında Kanun), as amended: 1 May from 2009
 * (Law 5892), 15 July from 2017 (amendment of 2016).  The religious
 * holidays (Ramazan Bayramı, 3 days; Kurban Bayramı, 4 days) follow the
 * lunar calendar of the Presidency of Religious Affairs (Diyanet) and
 * are in currency/data/calendars/tr.txt, so the calendar covers only the
 * years that file covers.  The eves (arife) of the religious holidays and 28
 * October close at 13:00: listed as half days and counted as business days.
 * "Administrative leave" bridge days granted to civil servants are not
 * holidays: not included. */
#include "config.h"

#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

static int tr_year(struct ifgw_calendar_builder *b, int y)
{
	ifgw_calendar_emit_ymd(b, y, 1, 1, "New Year's Day");
	ifgw_calendar_emit_ymd(b, y, 4, 23, "National Sovereignty and Children's Day");
	if (y >= 2009)
		ifgw_calendar_emit_ymd(b, y, 5, 1, "Labour and Solidarity Day");
	ifgw_calendar_emit_ymd(b, y, 5, 19, "Commemoration of Ataturk, Youth and Sports Day");
	if (y >= 2017)
		ifgw_calendar_emit_ymd(b, y, 7, 15, "Democracy and National Unity Day");
	ifgw_calendar_emit_ymd(b, y, 8, 30, "Victory Day");
	ifgw_calendar_emit(b, ifgw_calendar_ymd(y, 10, 28), IFGW_CALENDAR_HALFDAY, "Republic Day eve (half day)");
	ifgw_calendar_emit_ymd(b, y, 10, 29, "Republic Day");
	return ifgw_calendar_builder_status(b);
}

const struct ifgw_calendar_rules ifgw_calendar_rules_tr = {
	.name = "TR",
	.version = IFGW_CALENDAR_RULES_VERSION,
	.title = "Turkiye: national and religious holidays (half-day eves count as business days)",
	.first_year = IFGW_CALENDAR_YEAR_MIN,
	.last_year = IFGW_CALENDAR_YEAR_MAX,
	.datafile = "currency/data/calendars/tr.txt",
	.emit_year = tr_year,
};
