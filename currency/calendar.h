/* calendar.h: business-day calendars (TARGET and national public holidays).
 *
 * A calendar says which days are business days.  Weekends are Saturday and
 * Sunday; holidays come from computed rules (fixed dates, Easter-based,
 * "n-th weekday", observance and substitute rules) and, for what cannot be
 * computed, from data files shipped in currency/data/calendars/ (one-off
 * days, China's State Council schedule, Turkey's religious holidays).
 * docs/calendars.md lists every rule set, its legal source and its limits.
 *
 * Dates are day numbers and times are seconds (base/date.h).
 *
 * Coverage: each calendar covers a range of whole years (computed rules:
 * IFGW_CALENDAR_YEAR_MIN..IFGW_CALENDAR_YEAR_MAX; a calendar that needs a
 * data file: the years that file covers).  A question about a day outside
 * the range fails with IFGW_EUNSUPPORTED and a message naming the calendar,
 * the date and the covered years: never a silent guess.
 *
 * Business hours: every hour of a business day counts, 24 per business day,
 * 00:00 to 24:00 in the calendar's local civil time.  The caller passes
 * local wall-clock time as seconds since 1970-01-01T00:00 local (the same
 * arithmetic as UTC times, without any time-zone shift); converting to and
 * from UTC is the caller's concern.  So 48 business hours from Friday 15:00
 * end on Tuesday 15:00 when Monday and Tuesday are business days.
 *
 * Calendars are built once, on the first ifgw_calendar_get(), thread-safely;
 * afterwards every function here only reads and may be called from any
 * thread.  A calendar pointer is borrowed and valid for the process life. */
#ifndef IFGW_CURRENCY_CALENDAR_H
#define IFGW_CURRENCY_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IFGW_CALENDAR_YEAR_MIN 1999 /* first year of the euro and of TARGET */
#define IFGW_CALENDAR_YEAR_MAX 2099 /* computed rules are written for this range */

struct ifgw_calendar;

/* What a listed day is. */
enum ifgw_calendar_kind {
	IFGW_CALENDAR_HOLIDAY = 1, /* closed: not a business day */
	IFGW_CALENDAR_WORKING = 2, /* a Saturday or Sunday worked by decree (CN): a business day */
	IFGW_CALENDAR_HALFDAY = 3, /* closes at noon (TR holiday eves): counted as a business day */
};

/* One listed day of a calendar. */
struct ifgw_calendar_entry {
	int32_t date;                 /* day number */
	enum ifgw_calendar_kind kind;
	const char *name;             /* "Good Friday", "Christmas Day (substitute day)" */
};

/* Find a calendar by name ("TARGET", "FR", "DE", "IT", "ES", "GB", "US",
 * "JP", "CN", "TR", "PL"; ASCII case ignored).  IFGW_ENOTFOUND naming the
 * name when unknown; the data file's error (IFGW_EIO, IFGW_EPARSE, ...) when
 * the calendar's data file is missing or malformed. */
int ifgw_calendar_get(const struct ifgw_calendar **out, const char *name);

/* Name of the i-th registered calendar (0-based), NULL past the end. */
const char *ifgw_calendar_name_at(size_t i);

/* The calendar's registry name ("TARGET"). */
const char *ifgw_calendar_name(const struct ifgw_calendar *cal);
/* One line saying what the calendar is ("France: public holidays ..."). */
const char *ifgw_calendar_title(const struct ifgw_calendar *cal);
/* First and last covered year (inclusive). */
void ifgw_calendar_years(const struct ifgw_calendar *cal, int *first, int *last);

/* Whether the covered years are set by the calendar's data file (a schedule
 * published year by year: CN, TR) rather than computed by its rules for
 * IFGW_CALENDAR_YEAR_MIN..IFGW_CALENDAR_YEAR_MAX. */
bool ifgw_calendar_data_driven(const struct ifgw_calendar *cal);

/* Days before the end of a calendar's coverage from which commands warn
 * that dates past it will soon be refused (docs/calendars.md). */
#define IFGW_CALENDAR_WARN_DAYS 90

/* Whether the coverage ends within IFGW_CALENDAR_WARN_DAYS days of today
 * or has already ended.  *days_left = the last covered day minus today
 * (negative once it has passed); *last_day = the last covered day. */
bool ifgw_calendar_coverage_ending(const struct ifgw_calendar *cal, int32_t today, int32_t *days_left,
				   int32_t *last_day);

/* *out = whether date is a business day: a Monday to Friday that is not a
 * holiday, or a weekend day worked by decree.  Constant time (a bitmap). */
int ifgw_calendar_is_business_day(bool *out, const struct ifgw_calendar *cal, int32_t date);

/* *out = name of the holiday closing the calendar on date, NULL when date is
 * a business day or an ordinary weekend (a holiday on a weekend keeps its
 * name: "Christmas Day" on a Sunday in FR). */
int ifgw_calendar_holiday_name(const char **out, const struct ifgw_calendar *cal, int32_t date);

/* The listed days of one year, in date order: holidays (including those on
 * a weekend where the law keeps them there, and substitute or observed
 * days), worked weekend days and half days.  *out is borrowed (static). */
int ifgw_calendar_entries(const struct ifgw_calendar_entry **out, size_t *count, const struct ifgw_calendar *cal,
			  int year);

/* *out = date moved by n business days:
 *   n > 0: the n-th business day after date (date itself never counts);
 *   n < 0: the |n|-th business day before date;
 *   n = 0: date if it is a business day, else the next business day
 *          ("following" roll).
 * So add(Friday, 1) = Monday, and from a Saturday both n = 0 and n = 1 give
 * Monday when Monday is a business day (then n = 2 gives Tuesday). */
int ifgw_calendar_add_business_days(int32_t *out, const struct ifgw_calendar *cal, int32_t date, int n);

/* *out = number of business days d with from < d <= to; when to < from, minus
 * the number with to < d <= from.  So between(a, b) = -between(b, a), and
 * add(from, between(from, to)) = to when to is a business day and either
 * to > from or from is a business day too. */
int ifgw_calendar_business_days_between(int32_t *out, const struct ifgw_calendar *cal, int32_t from, int32_t to);

/* *out = the earliest local time at which `seconds` business seconds have
 * passed since local_time (seconds > 0); the latest local time that many
 * business seconds before it (seconds < 0); local_time itself for 0.
 * Time outside business days does not count.  So Friday 00:00 + 24 h is
 * Saturday 00:00 (the end of Friday), and Saturday 10:00 + 1 h is Monday
 * 01:00 when Monday is a business day. */
int ifgw_calendar_add_business_seconds(int64_t *out, const struct ifgw_calendar *cal, int64_t local_time,
				       int64_t seconds);
/* Same with hours (hours * 3600 seconds; IFGW_EOVERFLOW if that overflows). */
int ifgw_calendar_add_business_hours(int64_t *out, const struct ifgw_calendar *cal, int64_t local_time,
				     int64_t hours);

/* *out = business seconds in [from, to); minus those in [to, from) when to <
 * from.  add_business_seconds(from, between(from, to)) = to whenever to lies
 * in a business day, past its 00:00 (a 00:00 after closed days is the same
 * business instant as the end of the last business day, and adding returns
 * the earliest instant). */
int ifgw_calendar_business_seconds_between(int64_t *out, const struct ifgw_calendar *cal, int64_t from,
					   int64_t to);
/* Whole business hours elapsed between from and to (seconds / 3600, toward
 * zero: 47 h 59 min count as 47, so `>= 48` tests a 48-hour promise). */
int ifgw_calendar_business_hours_between(int64_t *out, const struct ifgw_calendar *cal, int64_t from,
					 int64_t to);

#endif
