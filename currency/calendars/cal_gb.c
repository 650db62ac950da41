/* gb.c: United Kingdom, bank holidays in England and Wales.
 *
 * Source: Banking and Financial Dealings Act 1971, schedule 1 (Easter
 * Monday, last Monday in May and in August, 26 December), common law (Good
 * Friday, Christmas Day) and royal proclamations (New Year's Day since
 * 1974, early May since 1978, substitute days, one-off days), as published
 * on gov.uk/bank-holidays.  A holiday on a weekend gives a substitute
 * weekday; only the weekday bank holidays are listed, as gov.uk does.
 * One-off days and moved holidays (Golden, Diamond and Platinum Jubilees,
 * VE-day 2020, royal wedding, state funeral, coronation) are in
 * currency/data/calendars/gb.txt: add future proclamations there.
 * Scotland and Northern Ireland have other days: not included. */
#include "config.h"

#include "base/date.h"
#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

static const char new_year[] = "New Year's Day";
static const char christmas[] = "Christmas Day";
static const char boxing[] = "Boxing Day";

static int gb_year(struct ifgw_calendar_builder *b, int y)
{
	int32_t jan1 = ifgw_calendar_ymd(y, 1, 1), dec25 = ifgw_calendar_ymd(y, 12, 25);

	switch (ifgw_date_weekday(jan1)) {
	case IFGW_SATURDAY:
		ifgw_calendar_emit(b, jan1 + 2, IFGW_CALENDAR_HOLIDAY, "New Year's Day (substitute day)");
		break;
	case IFGW_SUNDAY:
		ifgw_calendar_emit(b, jan1 + 1, IFGW_CALENDAR_HOLIDAY, "New Year's Day (substitute day)");
		break;
	default:
		ifgw_calendar_emit(b, jan1, IFGW_CALENDAR_HOLIDAY, new_year);
	}
	ifgw_calendar_emit_easter(b, y, -2, "Good Friday");
	ifgw_calendar_emit_easter(b, y, 1, "Easter Monday");
	ifgw_calendar_emit_nth(b, y, 5, IFGW_MONDAY, 1, "Early May bank holiday");
	ifgw_calendar_emit_nth(b, y, 5, IFGW_MONDAY, -1, "Spring bank holiday");
	ifgw_calendar_emit_nth(b, y, 8, IFGW_MONDAY, -1, "Summer bank holiday");
	switch (ifgw_date_weekday(dec25)) {
	case IFGW_FRIDAY: /* Boxing Day on Saturday */
		ifgw_calendar_emit(b, dec25, IFGW_CALENDAR_HOLIDAY, christmas);
		ifgw_calendar_emit(b, dec25 + 3, IFGW_CALENDAR_HOLIDAY, "Boxing Day (substitute day)");
		break;
	case IFGW_SATURDAY:
		ifgw_calendar_emit(b, dec25 + 2, IFGW_CALENDAR_HOLIDAY, "Christmas Day (substitute day)");
		ifgw_calendar_emit(b, dec25 + 3, IFGW_CALENDAR_HOLIDAY, "Boxing Day (substitute day)");
		break;
	case IFGW_SUNDAY:
		ifgw_calendar_emit(b, dec25 + 1, IFGW_CALENDAR_HOLIDAY, boxing);
		ifgw_calendar_emit(b, dec25 + 2, IFGW_CALENDAR_HOLIDAY, "Christmas Day (substitute day)");
		break;
	default:
		ifgw_calendar_emit(b, dec25, IFGW_CALENDAR_HOLIDAY, christmas);
		ifgw_calendar_emit(b, dec25 + 1, IFGW_CALENDAR_HOLIDAY, boxing);
	}
	return ifgw_calendar_builder_status(b);
}

const struct ifgw_calendar_rules ifgw_calendar_rules_gb = {
	.name = "GB",
	.version = IFGW_CALENDAR_RULES_VERSION,
	.title = "United Kingdom: bank holidays in England and Wales",
	.first_year = IFGW_CALENDAR_YEAR_MIN,
	.last_year = IFGW_CALENDAR_YEAR_MAX,
	.datafile = "currency/data/calendars/gb.txt",
	.emit_year = gb_year,
};
