/* jp.c: Japan, national holidays and bank holidays.
 *
 * Source: Act on National Holidays (国民の祝日に関する法律, Act No. 178 of
 * 1948, as amended: Happy Monday moves of 2000 and 2003, Showa Day and
 * Greenery Day 2007, Mountain Day 2016, Sports Day 2020, the Emperor's
 * Birthday 23 December until 2018 and 23 February from 2020), art. 3(2)
 * substitute holiday (振替休日: a holiday on a Sunday moves to the next day
 * that is not a holiday) and art. 3(3) citizens' holiday (国民の休日: a day
 * between two holidays).  The equinox days are fixed each February by the
 * Cabinet Office from the National Astronomical Observatory's ephemeris;
 * the standard formula used here matches them for 1980-2099.  Banks close
 * on 31 December and 2-3 January (Banking Act, Enforcement Order art. 5).
 * One-off days and moves (2019 enthronement; Tokyo Olympics 2020 and 2021)
 * are in currency/data/calendars/jp.txt, applied before the substitute and
 * citizens' holidays are derived. */
#include "config.h"

#include <string.h>

#include "base/date.h"
#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

/* Equinox day of March (vernal) or September (autumnal), 1980-2099:
 * floor(base + 0.242194 (y - 1980) - floor((y - 1980) / 4)), in integers. */
static int equinox(int y, long base_millionths)
{
	long k = y - 1980;

	return (int)((base_millionths + 242194L * k) / 1000000L - k / 4);
}

static int jp_year(struct ifgw_calendar_builder *b, int y)
{
	ifgw_calendar_emit_ymd(b, y, 1, 1, "New Year's Day");
	if (y >= 2000)
		ifgw_calendar_emit_nth(b, y, 1, IFGW_MONDAY, 2, "Coming of Age Day");
	else
		ifgw_calendar_emit_ymd(b, y, 1, 15, "Coming of Age Day");
	ifgw_calendar_emit_ymd(b, y, 2, 11, "National Foundation Day");
	if (y >= 2020)
		ifgw_calendar_emit_ymd(b, y, 2, 23, "The Emperor's Birthday");
	ifgw_calendar_emit_ymd(b, y, 3, equinox(y, 20843100L), "Vernal Equinox Day");
	ifgw_calendar_emit_ymd(b, y, 4, 29, y >= 2007 ? "Showa Day" : "Greenery Day");
	ifgw_calendar_emit_ymd(b, y, 5, 3, "Constitution Memorial Day");
	if (y >= 2007)
		ifgw_calendar_emit_ymd(b, y, 5, 4, "Greenery Day");
	ifgw_calendar_emit_ymd(b, y, 5, 5, "Children's Day");
	if (y >= 2003)
		ifgw_calendar_emit_nth(b, y, 7, IFGW_MONDAY, 3, "Marine Day");
	else
		ifgw_calendar_emit_ymd(b, y, 7, 20, "Marine Day");
	if (y >= 2016)
		ifgw_calendar_emit_ymd(b, y, 8, 11, "Mountain Day");
	if (y >= 2003)
		ifgw_calendar_emit_nth(b, y, 9, IFGW_MONDAY, 3, "Respect for the Aged Day");
	else
		ifgw_calendar_emit_ymd(b, y, 9, 15, "Respect for the Aged Day");
	ifgw_calendar_emit_ymd(b, y, 9, equinox(y, 23248800L), "Autumnal Equinox Day");
	if (y >= 2020)
		ifgw_calendar_emit_nth(b, y, 10, IFGW_MONDAY, 2, "Sports Day");
	else if (y >= 2000)
		ifgw_calendar_emit_nth(b, y, 10, IFGW_MONDAY, 2, "Health and Sports Day");
	else
		ifgw_calendar_emit_ymd(b, y, 10, 10, "Health and Sports Day");
	ifgw_calendar_emit_ymd(b, y, 11, 3, "Culture Day");
	ifgw_calendar_emit_ymd(b, y, 11, 23, "Labour Thanksgiving Day");
	if (y <= 2018)
		ifgw_calendar_emit_ymd(b, y, 12, 23, "The Emperor's Birthday");
	return ifgw_calendar_builder_status(b);
}

/* After the year's national holidays (computed, then jp.txt) are listed:
 * citizens' holidays, substitute holidays, then the banks' own days. */
static int jp_derive(struct ifgw_calendar_builder *b, int y)
{
	/* national[i]: day i of the year (0 = 1 January) is a national holiday;
	 * one spare slot after 31 December. */
	bool national[368], off[368];
	int32_t jan1 = ifgw_calendar_ymd(y, 1, 1);
	int ndays = ifgw_date_is_leap_year(y) ? 366 : 365, i, j;
	size_t k;

	memset(national, 0, sizeof(national));
	for (k = 0; k < b->count; k++) {
		int32_t i32 = b->entries[k].date - jan1;

		if (i32 >= 0 && i32 < ndays && b->entries[k].kind == IFGW_CALENDAR_HOLIDAY)
			national[i32] = true;
	}
	national[ndays] = true; /* 1 January of the next year */
	memcpy(off, national, sizeof(off));
	for (i = 1; i < ndays; i++) {
		if (!national[i] && national[i - 1] && national[i + 1] &&
		    ifgw_date_weekday(jan1 + i) != IFGW_SUNDAY) {
			ifgw_calendar_emit(b, jan1 + i, IFGW_CALENDAR_HOLIDAY, "Citizens' Holiday");
			off[i] = true;
		}
	}
	for (i = 0; i < ndays; i++) {
		if (!national[i] || ifgw_date_weekday(jan1 + i) != IFGW_SUNDAY)
			continue;
		for (j = i + 1; j < ndays && national[j]; j++)
			;
		if (j < ndays && !off[j]) {
			ifgw_calendar_emit(b, jan1 + j, IFGW_CALENDAR_HOLIDAY, "Substitute Holiday");
			off[j] = true;
		}
	}
	if (!off[1] && !ifgw_calendar_is_weekend(jan1 + 1))
		ifgw_calendar_emit(b, jan1 + 1, IFGW_CALENDAR_HOLIDAY, "Bank Holiday");
	if (!off[2] && !ifgw_calendar_is_weekend(jan1 + 2))
		ifgw_calendar_emit(b, jan1 + 2, IFGW_CALENDAR_HOLIDAY, "Bank Holiday");
	if (!off[ndays - 1] && !ifgw_calendar_is_weekend(jan1 + ndays - 1))
		ifgw_calendar_emit(b, jan1 + ndays - 1, IFGW_CALENDAR_HOLIDAY, "Bank Holiday");
	return ifgw_calendar_builder_status(b);
}

const struct ifgw_calendar_rules ifgw_calendar_rules_jp = {
	.name = "JP",
	.version = IFGW_CALENDAR_RULES_VERSION,
	.title = "Japan: national holidays and bank holidays (31 Dec, 2-3 Jan)",
	.first_year = IFGW_CALENDAR_YEAR_MIN,
	.last_year = IFGW_CALENDAR_YEAR_MAX,
	.datafile = "currency/data/calendars/jp.txt",
	.emit_year = jp_year,
	.derive_year = jp_derive,
};
