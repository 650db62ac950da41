/* test_calendar.c: Easter, the calendars against reference lists typed from
 * official publications (tests/data/calendars/<cal>-<year>.txt), business
 * day and business hour arithmetic, coverage errors, and the data files. */
#include "config.h"

#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "currency/calendar.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"
#include "currency/easter.h"
#include "testutil.h"

static int32_t day(const char *text)
{
	int32_t d = 0;

	ck_assert_ok(ifgw_date_parse(&d, text, strlen(text)));
	return d;
}

/* Local time written as "YYYY-MM-DDTHH:MM:SSZ" (the Z only to reuse the parser). */
static int64_t at(const char *text)
{
	int64_t t = 0;

	ck_assert_ok(ifgw_datetime_parse(&t, text));
	return t;
}

static const struct ifgw_calendar *cal_named(const char *name)
{
	const struct ifgw_calendar *cal = NULL;

	ck_assert_ok(ifgw_calendar_get(&cal, name));
	ck_assert_ptr_nonnull(cal);
	return cal;
}

static void ck_date(int32_t got, const char *want)
{
	char text[IFGW_DATE_STRLEN];

	ifgw_date_format(got, text);
	ck_assert_str_eq(text, want);
}

static void ck_time(int64_t got, const char *want)
{
	char text[IFGW_DATETIME_STRLEN];

	ifgw_datetime_format(got, text);
	ck_assert_str_eq(text, want);
}

static bool business(const struct ifgw_calendar *cal, const char *date)
{
	bool b = false;

	ck_assert_ok(ifgw_calendar_is_business_day(&b, cal, day(date)));
	return b;
}

static int32_t add_days(const struct ifgw_calendar *cal, const char *date, int n)
{
	int32_t out = 0;

	ck_assert_ok(ifgw_calendar_add_business_days(&out, cal, day(date), n));
	return out;
}

static int32_t between(const struct ifgw_calendar *cal, const char *from, const char *to)
{
	int32_t n = 0;

	ck_assert_ok(ifgw_calendar_business_days_between(&n, cal, day(from), day(to)));
	return n;
}

static int64_t add_hours(const struct ifgw_calendar *cal, const char *t, int64_t hours)
{
	int64_t out = 0;

	ck_assert_ok(ifgw_calendar_add_business_hours(&out, cal, at(t), hours));
	return out;
}

/* ---- Easter ---- */

START_TEST(easter_matches_known_dates)
{
	/* Western Easter Sundays 1999-2030 (published tables), then the
	 * earliest and latest possible dates. */
	static const char *const known[] = {
		"1999-04-04", "2000-04-23", "2001-04-15", "2002-03-31", "2003-04-20", "2004-04-11", "2005-03-27",
		"2006-04-16", "2007-04-08", "2008-03-23", "2009-04-12", "2010-04-04", "2011-04-24", "2012-04-08",
		"2013-03-31", "2014-04-20", "2015-04-05", "2016-03-27", "2017-04-16", "2018-04-01", "2019-04-21",
		"2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09", "2024-03-31", "2025-04-20", "2026-04-05",
		"2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21",
	};
	size_t i;
	int y;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		ck_date(ifgw_easter_sunday(1999 + (int)i), known[i]);
	ck_date(ifgw_easter_sunday(1818), "1818-03-22");
	ck_date(ifgw_easter_sunday(2285), "2285-03-22");
	ck_date(ifgw_easter_sunday(1943), "1943-04-25");
	ck_date(ifgw_easter_sunday(2038), "2038-04-25");
	ck_date(ifgw_easter_sunday(1583), "1583-04-10");
	/* Every year: a Sunday between 22 March and 25 April. */
	for (y = IFGW_EASTER_YEAR_MIN; y <= IFGW_EASTER_YEAR_MAX; y++) {
		int32_t e = ifgw_easter_sunday(y);

		ck_assert_int_eq(ifgw_date_weekday(e), 7);
		ck_assert_int_ge(e, ifgw_calendar_ymd(y, 3, 22));
		ck_assert_int_le(e, ifgw_calendar_ymd(y, 4, 25));
	}
}
END_TEST

/* ---- registry ---- */

START_TEST(registry_finds_every_calendar)
{
	static const char *const names[] = {"TARGET", "FR", "DE", "IT", "ES", "GB", "US", "JP", "CN", "TR", "PL"};
	const struct ifgw_calendar *cal, *again;
	int first, last;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		cal = cal_named(names[i]);
		ck_assert_str_eq(ifgw_calendar_name(cal), names[i]);
		ck_assert_str_eq(ifgw_calendar_name_at(i), names[i]);
		ck_assert_uint_gt(strlen(ifgw_calendar_title(cal)), 10);
		ifgw_calendar_years(cal, &first, &last);
		ck_assert_int_le(first, 2024);
		ck_assert_int_ge(last, 2026);
	}
	ck_assert_ptr_null(ifgw_calendar_name_at(i));
	again = cal_named("target");
	ck_assert_ptr_eq(again, cal_named("TARGET"));
	ifgw_calendar_years(cal_named("TARGET"), &first, &last);
	ck_assert_int_eq(first, 1999);
	ck_assert_int_eq(last, 2099);
	ifgw_calendar_years(cal_named("CN"), &first, &last);
	ck_assert_int_eq(first, 2019);
	ck_assert_int_eq(last, 2026);
	ck_assert_fails(ifgw_calendar_get(&cal, "XX"), IFGW_ENOTFOUND, "calendar 'XX' is unknown (known: TARGET, FR");
	ck_assert_fails(ifgw_calendar_get(&cal, ""), IFGW_ENOTFOUND, "calendar '' is unknown");
	ck_assert_fails(ifgw_calendar_get(&cal, "TARGET2"), IFGW_ENOTFOUND, "TARGET2");
}
END_TEST

/* ---- reference lists ---- */

static enum ifgw_calendar_kind kind_named(const char *word)
{
	if (strcmp(word, "holiday") == 0)
		return IFGW_CALENDAR_HOLIDAY;
	if (strcmp(word, "working") == 0)
		return IFGW_CALENDAR_WORKING;
	ck_assert_str_eq(word, "halfday");
	return IFGW_CALENDAR_HALFDAY;
}

/* Compare one reference file with the calendar's listed days of that year,
 * and check every day of the year against it. */
static void check_reference(const char *file, const char *calname, int year)
{
	const struct ifgw_calendar *cal = cal_named(calname);
	const struct ifgw_calendar_entry *e;
	struct ifgw_buf text;
	char rel[256], *line, *save = NULL, *tab1, *tab2;
	size_t n, k = 0;
	int32_t d, jan1 = ifgw_calendar_ymd(year, 1, 1), dec31 = ifgw_calendar_ymd(year, 12, 31);
	bool closed[366] = {false}, worked[366] = {false}, is;

	snprintf(rel, sizeof(rel), "tests/data/calendars/%s", file);
	ifgw_buf_init(&text, 1 << 16);
	ck_assert_ok(ifgw_file_read(&text, ifgw_test_srcpath(rel)));
	ck_assert_ok(ifgw_calendar_entries(&e, &n, cal, year));
	for (line = strtok_r(text.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		tab1 = strchr(line, '\t');
		ck_assert_msg(tab1 != NULL, "%s: bad line '%s'", file, line);
		*tab1 = '\0';
		tab2 = strchr(tab1 + 1, '\t');
		ck_assert_msg(tab2 != NULL, "%s: bad line", file);
		*tab2 = '\0';
		d = day(line);
		ck_assert_msg(k < n, "%s: %s %s missing (calendar lists only %zu days)", file, line, tab2 + 1, n);
		ck_assert_msg(e[k].date == d && e[k].kind == kind_named(tab1 + 1) && strcmp(e[k].name, tab2 + 1) == 0,
			      "%s: want %s %s '%s', calendar has day %d kind %d '%s'", file, line, tab1 + 1, tab2 + 1,
			      (int)(e[k].date - d), (int)e[k].kind, e[k].name);
		if (e[k].kind == IFGW_CALENDAR_HOLIDAY)
			closed[d - jan1] = true;
		else if (e[k].kind == IFGW_CALENDAR_WORKING)
			worked[d - jan1] = true;
		k++;
	}
	ck_assert_msg(k == n, "%s: the calendar lists %zu days, the reference %zu", file, n, k);
	for (d = jan1; d <= dec31; d++) {
		bool want = worked[d - jan1] || (!closed[d - jan1] && ifgw_date_weekday(d) <= 5);
		const char *name = NULL;

		ck_assert_ok(ifgw_calendar_is_business_day(&is, cal, d));
		ck_assert_msg(is == want, "%s: day %d of the year: business %d, want %d", file, (int)(d - jan1), is,
			      want);
		ck_assert_ok(ifgw_calendar_holiday_name(&name, cal, d));
		ck_assert_msg((name != NULL) == closed[d - jan1], "%s: day %d of the year: name %s", file,
			      (int)(d - jan1), name ? name : "(none)");
	}
	ifgw_buf_free(&text);
}

START_TEST(reference_lists_match)
{
	DIR *dir = opendir(ifgw_test_srcpath("tests/data/calendars"));
	struct dirent *ent;
	char calname[16], seen[32][16];
	int year, counts[32] = {0}, nseen = 0, files = 0, i;
	size_t len;

	ck_assert_ptr_nonnull(dir);
	while ((ent = readdir(dir)) != NULL) {
		len = strlen(ent->d_name);
		if (len < 10 || strcmp(ent->d_name + len - 4, ".txt") != 0)
			continue;
		ck_assert_msg(len - 9 < sizeof(calname), "%s: name", ent->d_name);
		memcpy(calname, ent->d_name, len - 9);
		calname[len - 9] = '\0';
		ck_assert_msg(sscanf(ent->d_name + len - 8, "%4d", &year) == 1, "%s: no year", ent->d_name);
		check_reference(ent->d_name, calname, year);
		files++;
		for (i = 0; i < nseen && strcmp(seen[i], calname) != 0; i++)
			;
		if (i == nseen) {
			ck_assert_int_lt(nseen, 32);
			snprintf(seen[nseen++], sizeof(seen[0]), "%s", calname);
		}
		counts[i]++;
	}
	closedir(dir);
	/* Every calendar is checked on at least two full years. */
	ck_assert_int_eq(nseen, 11);
	for (i = 0; i < nseen; i++)
		ck_assert_msg(counts[i] >= 2, "calendar %s has %d reference years", seen[i], counts[i]);
	ck_assert_int_ge(files, 40);
}
END_TEST

/* ---- single days ---- */

START_TEST(holiday_names_and_special_days)
{
	const struct ifgw_calendar *target = cal_named("TARGET"), *fr = cal_named("FR"), *cn = cal_named("CN"),
				   *tr = cal_named("TR");
	const char *name = NULL;

	ck_assert_ok(ifgw_calendar_holiday_name(&name, target, day("2024-03-29")));
	ck_assert_str_eq(name, "Good Friday");
	ck_assert_ok(ifgw_calendar_holiday_name(&name, target, day("2024-03-30")));
	ck_assert_ptr_null(name); /* an ordinary Saturday */
	ck_assert_ok(ifgw_calendar_holiday_name(&name, target, day("2024-03-28")));
	ck_assert_ptr_null(name);
	/* A holiday on a Sunday keeps its name. */
	ck_assert_ok(ifgw_calendar_holiday_name(&name, fr, day("2022-12-25")));
	ck_assert_str_eq(name, "Christmas Day");
	/* Two holidays on one day: the first listed. */
	ck_assert_ok(ifgw_calendar_holiday_name(&name, fr, day("2008-05-01")));
	ck_assert_str_eq(name, "Labour Day");
	/* CN: Sunday 4 February 2024 was worked; Friday 9 February (New Year's
	 * Eve) was a working day, Saturday 10 the first day off. */
	ck_assert(business(cn, "2024-02-04"));
	ck_assert_ok(ifgw_calendar_holiday_name(&name, cn, day("2024-02-04")));
	ck_assert_ptr_null(name);
	ck_assert(business(cn, "2024-02-09"));
	ck_assert(!business(cn, "2024-02-10"));
	ck_assert(!business(cn, "2024-02-16"));
	ck_assert(business(cn, "2024-02-18"));
	ck_assert(!business(cn, "2024-02-25"));
	/* 2020: the epidemic extension made Saturday 1 February a day off. */
	ck_assert(!business(cn, "2020-01-31"));
	ck_assert(!business(cn, "2020-02-01"));
	ck_assert(business(cn, "2020-02-03"));
	/* TR: a half-day eve is a business day, without a holiday name. */
	ck_assert(business(tr, "2024-04-09"));
	ck_assert_ok(ifgw_calendar_holiday_name(&name, tr, day("2024-04-09")));
	ck_assert_ptr_null(name);
	ck_assert(!business(tr, "2024-04-10"));
	ck_assert(business(tr, "2024-10-28"));
	/* GB 1999-2000: millennium and substitute days. */
	ck_assert(!business(cal_named("GB"), "1999-12-31"));
	ck_assert(!business(cal_named("GB"), "2000-01-03"));
	ck_assert(business(cal_named("TARGET"), "2000-01-03"));
	ck_assert(!business(cal_named("TARGET"), "1999-12-31"));
	ck_assert(business(cal_named("TARGET"), "2002-12-31"));
	/* US: New Year's Day 2022 (a Saturday) observed on Friday 31 Dec 2021. */
	ck_assert(!business(cal_named("US"), "2021-12-31"));
	ck_assert(business(cal_named("US"), "2022-01-03"));
	/* IT: 4 October from 2026; first on a weekday in 2027. */
	ck_assert(business(cal_named("IT"), "2025-10-03"));
	ck_assert(!business(cal_named("IT"), "2027-10-04"));
	/* IT: 17 March 2011 only (150th anniversary of unification, D.L. 5/2011). */
	ck_assert(!business(cal_named("IT"), "2011-03-17"));
	ck_assert(business(cal_named("IT"), "2010-03-17"));
	ck_assert(business(cal_named("IT"), "2012-03-16"));
	/* PL: Christmas Eve from 2025 only. */
	ck_assert(business(cal_named("PL"), "2024-12-24"));
	ck_assert(!business(cal_named("PL"), "2025-12-24"));
}
END_TEST

/* ---- business days ---- */

START_TEST(add_business_days_across_holidays)
{
	const struct ifgw_calendar *target = cal_named("TARGET"), *cn = cal_named("CN"), *jp = cal_named("JP");

	/* Easter 2024: Good Friday 29 March, Easter Monday 1 April. */
	ck_date(add_days(target, "2024-03-28", 1), "2024-04-02");
	ck_date(add_days(target, "2024-04-02", -1), "2024-03-28");
	ck_date(add_days(target, "2024-03-27", 2), "2024-04-02");
	ck_date(add_days(target, "2024-03-30", 0), "2024-04-02"); /* Saturday rolls to Tuesday */
	ck_date(add_days(target, "2024-03-30", 1), "2024-04-02"); /* same as n = 0 from a closed day */
	ck_date(add_days(target, "2024-03-30", 2), "2024-04-03");
	ck_date(add_days(target, "2024-03-30", -1), "2024-03-28");
	ck_date(add_days(target, "2024-03-28", 0), "2024-03-28"); /* a business day stays */
	/* Year end: 25-26 December and 1 January closed. */
	ck_date(add_days(target, "2024-12-24", 1), "2024-12-27");
	ck_date(add_days(target, "2024-12-24", 3), "2024-12-31");
	ck_date(add_days(target, "2024-12-24", 4), "2025-01-02");
	ck_date(add_days(target, "2025-01-02", -4), "2024-12-24");
	/* CN: Friday 2 Feb 2024 + 1 is the worked Sunday 4 Feb; after the
	 * Spring Festival break, the worked Sunday 18 Feb. */
	ck_date(add_days(cn, "2024-02-02", 1), "2024-02-04");
	ck_date(add_days(cn, "2024-02-02", 2), "2024-02-05");
	ck_date(add_days(cn, "2024-02-09", 1), "2024-02-18");
	ck_date(add_days(cn, "2024-02-18", -1), "2024-02-09");
	ck_date(add_days(cn, "2024-02-10", 0), "2024-02-18");
	/* JP: banks close 31 Dec to 3 Jan. */
	ck_date(add_days(jp, "2025-01-06", -1), "2024-12-30");
	ck_date(add_days(jp, "2024-12-27", 1), "2024-12-30");
	ck_date(add_days(jp, "2024-12-30", 1), "2025-01-06");
	/* GB 2022: Platinum Jubilee, 2-3 June. */
	ck_date(add_days(cal_named("GB"), "2022-06-01", 1), "2022-06-06");
	/* US 2026: Independence Day observed Friday 3 July. */
	ck_date(add_days(cal_named("US"), "2026-07-02", 1), "2026-07-06");
	/* Ten business days: the GRIF-style count. */
	ck_date(add_days(target, "2024-03-25", 10), "2024-04-10");
}
END_TEST

START_TEST(business_days_between_counts)
{
	const struct ifgw_calendar *target = cal_named("TARGET");
	const char *const names[] = {"TARGET", "FR", "GB", "US", "JP", "CN", "TR", "PL"};
	uint32_t seed = 12345;
	int32_t from, to, n, back;
	size_t c;
	int i;

	ck_assert_int_eq(between(target, "2024-03-28", "2024-04-02"), 1);
	ck_assert_int_eq(between(target, "2024-04-02", "2024-03-28"), -1);
	ck_assert_int_eq(between(target, "2024-03-28", "2024-03-28"), 0);
	ck_assert_int_eq(between(target, "2024-03-29", "2024-04-01"), 0);
	ck_assert_int_eq(between(target, "2024-03-30", "2024-04-02"), 1);
	/* TARGET 2024: 366 days - 104 weekend days - 6 weekday closings. */
	ck_assert_int_eq(between(target, "2023-12-31", "2024-12-31"), 256);
	ck_assert_int_eq(between(target, "2024-12-31", "2023-12-31"), -256);
	/* Whole range, across word boundaries of the bitmap. */
	ck_assert_int_gt(between(target, "1999-01-01", "2099-12-31"), 25000);
	/* CN 2024: 366 days - 104 weekend days - 19 weekdays off + 8 worked
	 * weekend days = 251 working days (1 January is a day off, so the
	 * open start changes nothing). */
	ck_assert_int_eq(between(cal_named("CN"), "2024-01-01", "2024-12-31"), 251);
	/* between is antisymmetric, and add(from, between(from, to)) = to when
	 * to is a business day and to > from or from is a business day too:
	 * random pairs on several calendars. */
	for (c = 0; c < sizeof(names) / sizeof(names[0]); c++) {
		const struct ifgw_calendar *cal = cal_named(names[c]);
		int first, last;
		int32_t lo, span;
		bool is, from_is;

		ifgw_calendar_years(cal, &first, &last);
		lo = ifgw_calendar_ymd(first, 1, 1);
		span = ifgw_calendar_ymd(last, 12, 31) - lo - 100;
		for (i = 0; i < 300; i++) {
			seed = seed * 1103515245u + 12345u;
			from = lo + 50 + (int32_t)(seed % (uint32_t)span);
			seed = seed * 1103515245u + 12345u;
			to = from + (int32_t)(seed % 81) - 40;
			ck_assert_ok(ifgw_calendar_business_days_between(&n, cal, from, to));
			ck_assert_ok(ifgw_calendar_business_days_between(&back, cal, to, from));
			ck_assert_int_eq(n, -back);
			ck_assert_ok(ifgw_calendar_is_business_day(&is, cal, to));
			ck_assert_ok(ifgw_calendar_is_business_day(&from_is, cal, from));
			if (is && (to > from || from_is)) {
				int32_t got;

				ck_assert_ok(ifgw_calendar_add_business_days(&got, cal, from, n));
				ck_assert_int_eq(got, to);
			}
		}
	}
}
END_TEST

/* ---- business hours ---- */

START_TEST(business_hours_over_weekends_and_holidays)
{
	const struct ifgw_calendar *fr = cal_named("FR");
	int64_t s = 0, h = 0;

	/* 48 h from Friday 15:00: 9 h Friday, 24 h Monday, 15 h Tuesday. */
	ck_time(add_hours(fr, "2024-06-07T15:00:00Z", 48), "2024-06-11T15:00:00Z");
	ck_time(add_hours(fr, "2024-06-07T15:00:00Z", 24), "2024-06-10T15:00:00Z");
	ck_time(add_hours(fr, "2024-06-11T15:00:00Z", -48), "2024-06-07T15:00:00Z");
	/* Whit Monday 20 May 2024 does not count. */
	ck_time(add_hours(fr, "2024-05-17T15:00:00Z", 48), "2024-05-22T15:00:00Z");
	ck_time(add_hours(fr, "2024-05-22T15:00:00Z", -48), "2024-05-17T15:00:00Z");
	/* Earliest instant: the end of Friday, not Monday 00:00. */
	ck_time(add_hours(fr, "2024-06-07T00:00:00Z", 24), "2024-06-08T00:00:00Z");
	/* Latest instant going back: the start of Monday. */
	ck_time(add_hours(fr, "2024-06-11T00:00:00Z", -24), "2024-06-10T00:00:00Z");
	ck_time(add_hours(fr, "2024-06-10T00:00:00Z", -24), "2024-06-07T00:00:00Z");
	/* Starting on a weekend: the clock starts on Monday. */
	ck_time(add_hours(fr, "2024-06-08T10:00:00Z", 1), "2024-06-10T01:00:00Z");
	ck_time(add_hours(fr, "2024-06-08T10:00:00Z", -1), "2024-06-07T23:00:00Z");
	ck_time(add_hours(fr, "2024-06-08T10:00:00Z", 0), "2024-06-08T10:00:00Z");
	/* 24 h over the TARGET year end: 24 Dec 12:00 -> 27 Dec 12:00. */
	ck_time(add_hours(cal_named("TARGET"), "2024-12-24T12:00:00Z", 24), "2024-12-27T12:00:00Z");
	/* CN: a worked Sunday counts. */
	ck_time(add_hours(cal_named("CN"), "2024-02-02T18:00:00Z", 24), "2024-02-04T18:00:00Z");

	ck_assert_ok(ifgw_calendar_business_hours_between(&h, fr, at("2024-06-07T15:00:00Z"),
							   at("2024-06-11T15:00:00Z")));
	ck_assert_int_eq(h, 48);
	ck_assert_ok(ifgw_calendar_business_hours_between(&h, fr, at("2024-06-11T15:00:00Z"),
							   at("2024-06-07T15:00:00Z")));
	ck_assert_int_eq(h, -48);
	ck_assert_ok(ifgw_calendar_business_hours_between(&h, fr, at("2024-06-07T15:00:00Z"),
							   at("2024-06-11T14:59:59Z")));
	ck_assert_int_eq(h, 47); /* not yet 48 */
	ck_assert_ok(ifgw_calendar_business_seconds_between(&s, fr, at("2024-06-08T01:00:00Z"),
							     at("2024-06-09T23:00:00Z")));
	ck_assert_int_eq(s, 0);
	ck_assert_ok(ifgw_calendar_business_seconds_between(&s, fr, at("2024-06-07T23:00:00Z"),
							     at("2024-06-10T00:30:00Z")));
	ck_assert_int_eq(s, 3600 + 1800);
	ck_assert_ok(ifgw_calendar_business_seconds_between(&s, fr, at("2024-06-10T08:00:00Z"),
							     at("2024-06-10T09:30:00Z")));
	ck_assert_int_eq(s, 5400);
	ck_assert_fails(ifgw_calendar_add_business_hours(&s, fr, at("2024-06-07T15:00:00Z"), INT64_MAX / 1000),
			IFGW_EOVERFLOW, "overflow");
}
END_TEST

START_TEST(business_seconds_round_trip)
{
	const char *const names[] = {"TARGET", "GB", "JP", "CN", "TR"};
	uint32_t seed = 777;
	size_t c;
	int i;

	/* between(t, add(t, s)) = s, and add(t, between(t, u)) = u when u lies
	 * in a business day, for random times and spans of up to 30 days. */
	for (c = 0; c < sizeof(names) / sizeof(names[0]); c++) {
		const struct ifgw_calendar *cal = cal_named(names[c]);
		int first, last;
		int64_t lo, span;

		ifgw_calendar_years(cal, &first, &last);
		lo = ((int64_t)ifgw_calendar_ymd(first, 1, 1) + 60) * IFGW_SECONDS_PER_DAY;
		span = ((int64_t)ifgw_calendar_ymd(last, 12, 31) - ifgw_calendar_ymd(first, 1, 1) - 120) *
		       IFGW_SECONDS_PER_DAY;
		for (i = 0; i < 400; i++) {
			int64_t t, s, out, back, u;
			int32_t ud;
			bool is;

			seed = seed * 1103515245u + 12345u;
			t = lo + (int64_t)(((uint64_t)seed << 16) % (uint64_t)span);
			seed = seed * 1103515245u + 12345u;
			s = (int64_t)(seed % (30u * 86400u)) - 15 * 86400;
			if (i % 7 == 0)
				s = (s / 3600) * 3600; /* whole hours too */
			ck_assert_ok(ifgw_calendar_add_business_seconds(&out, cal, t, s));
			ck_assert_ok(ifgw_calendar_business_seconds_between(&back, cal, t, out));
			ck_assert_msg(back == s, "%s: t=%lld s=%lld back=%lld", names[c], (long long)t,
				      (long long)s, (long long)back);
			u = t + s * 2;
			ud = (int32_t)(u / IFGW_SECONDS_PER_DAY);
			ck_assert_ok(ifgw_calendar_is_business_day(&is, cal, ud));
			if (is) {
				ck_assert_ok(ifgw_calendar_business_seconds_between(&back, cal, t, u));
				ck_assert_ok(ifgw_calendar_add_business_seconds(&out, cal, t, back));
				if (back != 0)
					ck_assert_int_eq(out, u);
			}
		}
	}
}
END_TEST

/* ---- coverage ---- */

START_TEST(out_of_range_years_fail)
{
	const struct ifgw_calendar *target = cal_named("TARGET"), *cn = cal_named("CN"), *tr = cal_named("TR");
	const struct ifgw_calendar_entry *e;
	const char *name;
	int64_t t;
	int32_t d;
	size_t n;
	bool b;

	ck_assert_fails(ifgw_calendar_is_business_day(&b, cn, day("2018-12-31")), IFGW_EUNSUPPORTED,
			"calendar CN: 2018-12-31 is outside the covered years 2019-2026");
	ck_assert_fails(ifgw_calendar_is_business_day(&b, cn, day("2027-01-04")), IFGW_EUNSUPPORTED,
			"outside the covered years 2019-2026");
	ck_assert_fails(ifgw_calendar_holiday_name(&name, tr, day("2027-01-01")), IFGW_EUNSUPPORTED,
			"calendar TR: 2027-01-01");
	ck_assert_fails(ifgw_calendar_is_business_day(&b, target, day("1998-12-31")), IFGW_EUNSUPPORTED,
			"calendar TARGET: 1998-12-31 is outside the covered years 1999-2099");
	ck_assert_fails(ifgw_calendar_is_business_day(&b, target, day("2100-01-01")), IFGW_EUNSUPPORTED,
			"2100-01-01");
	ck_assert_fails(ifgw_calendar_entries(&e, &n, cn, 2027), IFGW_EUNSUPPORTED, "year 2027");
	ck_assert_fails(ifgw_calendar_add_business_days(&d, cn, day("2026-12-30"), 5), IFGW_EUNSUPPORTED,
			"calendar CN: counting forward from 2026-12-30 runs past the covered years 2019-2026");
	ck_assert_fails(ifgw_calendar_add_business_days(&d, cn, day("2019-01-03"), -5), IFGW_EUNSUPPORTED,
			"counting back from 2019-01-03");
	ck_assert_fails(ifgw_calendar_add_business_days(&d, target, day("2099-12-31"), 1), IFGW_EUNSUPPORTED,
			"runs past");
	ck_assert_fails(ifgw_calendar_business_days_between(&d, cn, day("2026-06-01"), day("2027-06-01")),
			IFGW_EUNSUPPORTED, "2027-06-01");
	ck_assert_fails(ifgw_calendar_add_business_hours(&t, cn, at("2026-12-30T12:00:00Z"), 96), IFGW_EUNSUPPORTED,
			"runs past");
	ck_assert_fails(ifgw_calendar_add_business_hours(&t, cn, at("2027-01-04T12:00:00Z"), 1), IFGW_EUNSUPPORTED,
			"calendar CN: 2027-01-04T12:00:00 is outside");
	ck_assert_fails(ifgw_calendar_add_business_seconds(&t, cn, INT64_MAX, 1), IFGW_EUNSUPPORTED, "outside");
	ck_assert_fails(ifgw_calendar_add_business_seconds(&t, target, at("2024-01-01T00:00:00Z"), INT64_MIN),
			IFGW_EUNSUPPORTED, "runs past");
	ck_assert_fails(ifgw_calendar_business_hours_between(&t, target, at("1990-01-01T00:00:00Z"),
							     at("2024-01-01T00:00:00Z")),
			IFGW_EUNSUPPORTED, "1990-01-01");
	/* The edges themselves are fine. */
	ck_assert(!business(target, "1999-01-01"));
	ck_assert(business(target, "2099-12-31"));
	ck_assert(!business(cn, "2019-01-01"));
	ck_assert(!business(cn, "2026-10-07"));
}
END_TEST

START_TEST(coverage_end_warning)
{
	const struct ifgw_calendar *target = cal_named("TARGET"), *cn = cal_named("CN"), *tr = cal_named("TR");
	int32_t left, last;

	/* Data-driven: the data file sets the years (CN, TR); GB and JP have
	 * data files too, for one-offs, but their rules set the years. */
	ck_assert(ifgw_calendar_data_driven(cn));
	ck_assert(ifgw_calendar_data_driven(tr));
	ck_assert(!ifgw_calendar_data_driven(target));
	ck_assert(!ifgw_calendar_data_driven(cal_named("GB")));
	ck_assert(!ifgw_calendar_data_driven(cal_named("JP")));
	/* CN ends on 2026-12-31: quiet 91 days before, warns from 90 days
	 * before, and still warns once it has passed. */
	ck_assert(!ifgw_calendar_coverage_ending(cn, day("2026-10-01"), &left, &last));
	ck_assert_int_eq(left, 91);
	ck_assert_int_eq(last, day("2026-12-31"));
	ck_assert(ifgw_calendar_coverage_ending(cn, day("2026-10-02"), &left, &last));
	ck_assert_int_eq(left, IFGW_CALENDAR_WARN_DAYS);
	ck_assert(ifgw_calendar_coverage_ending(tr, day("2026-12-31"), &left, &last));
	ck_assert_int_eq(left, 0);
	ck_assert(ifgw_calendar_coverage_ending(tr, day("2027-01-05"), &left, &last));
	ck_assert_int_eq(left, -5);
	/* Computed calendars run to 2099. */
	ck_assert(!ifgw_calendar_coverage_ending(target, day("2026-12-02"), &left, &last));
	ck_assert_int_eq(last, day("2099-12-31"));
	ck_assert(ifgw_calendar_coverage_ending(target, day("2099-10-02"), &left, &last));
}
END_TEST

/* ---- data files ---- */

START_TEST(data_parser_accepts_and_refuses)
{
	static const struct {
		const char *text, *needle;
	} bad[] = {
		{"", "t.txt: no years<TAB>YYYY-YYYY line"},
		{"# only a comment\n", "no years"},
		{"years 2020-2021\n", "t.txt:1: first line must be years<TAB>YYYY-YYYY"},
		{"years\t2021-2020\n", "t.txt:1: first line"},
		{"years\t1500-2020\n", "t.txt:1: first line"},
		{"years\t2020-2021\r\n", "t.txt:1: CR line ending"},
		{"years\t2020-2021\n2020-01-01\tholiday\n", "t.txt:2: expected DATE<TAB>KIND<TAB>NAME"},
		{"years\t2020-2021\n2020-02-30\tholiday\tX\n", "t.txt:2: date '2020-02-30' is not a valid YYYY-MM-DD"},
		{"years\t2020-2021\n2020-1-01\tholiday\tX\n", "t.txt:2: date"},
		{"years\t2020-2021\n2020-01-01\tHoliday\tX\n", "t.txt:2: kind 'Holiday' is not holiday"},
		{"years\t2020-2021\n2020-01-01\tholiday\t\n", "t.txt:2: name must be"},
		{"years\t2020-2021\n2020-01-01\tholiday\t X\n", "t.txt:2: name must be"},
		{"years\t2020-2021\n2020-01-01\tholiday\tA\tB\n", "t.txt:2: name must be"},
		{"years\t2020-2021\n2020-01-01\tholiday\t\xff\n", "t.txt:2: name must be"},
		{"years\t2020-2021\n2020-01-01\tholiday\t\xc0\xaf\n", "t.txt:2: name must be"},
		{"years\t2020-2021\n2022-01-01\tholiday\tX\n", "t.txt:2: 2022-01-01 is outside the covered years 2020-2021"},
		{"years\t2020-2021\n2020-01-02\tholiday\tX\n2020-01-01\tholiday\tY\n",
		 "t.txt:3: 2020-01-01 is before the previous line's date"},
		{"years\t2020-2021\n2020-01-01\tholiday\tX\n\n2020-01-01\tholiday\tY\n",
		 "t.txt:4: 2020-01-01 is listed twice with the same kind (line 2)"},
		{"years\t2020-2021\n2020-01-06\tworking\tX\n", "t.txt:2: working day 2020-01-06 is not a Saturday or Sunday"},
		{"years\t2020-2021\nyears\t2020-2021\n", "t.txt:2: expected DATE<TAB>KIND<TAB>NAME"},
		{"years\t2020-2021\n2020-01-01\tholiday\tA\0B\n", "t.txt: contains a NUL byte"},
	};
	static const char good[] = "# test\n"
				   "years\t2020-2021\n"
				   "\n"
				   "2020-01-01\tholiday\tNew Year\n"
				   "2020-01-01\tcancel\tOld New Year\n"
				   "2020-01-04\tworking\tSaturday worked\n"
				   "2021-12-31\thalfday\tÉve (demi-journée)";
	struct ifgw_calendar_data d;
	size_t i, len;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		len = strlen(bad[i].text);
		if (strstr(bad[i].needle, "NUL"))
			len += 3; /* past the embedded NUL */
		ck_assert_fails(ifgw_calendar_data_parse(&d, "t.txt", bad[i].text, len), IFGW_EPARSE, bad[i].needle);
		ck_assert_uint_eq(d.count, 0);
		ck_assert_ptr_null(d.lines);
	}
	ck_assert_ok(ifgw_calendar_data_parse(&d, "t.txt", good, sizeof(good) - 1));
	ck_assert_int_eq(d.first_year, 2020);
	ck_assert_int_eq(d.last_year, 2021);
	ck_assert_uint_eq(d.count, 4);
	ck_date(d.lines[0].date, "2020-01-01");
	ck_assert_int_eq(d.lines[0].kind, IFGW_CALENDAR_HOLIDAY);
	ck_assert_str_eq(d.lines[0].name, "New Year");
	ck_assert_uint_eq(d.lines[0].line, 4);
	ck_assert_int_eq(d.lines[1].kind, IFGW_CALENDAR_DATA_CANCEL);
	ck_assert_int_eq(d.lines[2].kind, IFGW_CALENDAR_WORKING);
	ck_assert_int_eq(d.lines[3].kind, IFGW_CALENDAR_HALFDAY);
	ck_assert_str_eq(d.lines[3].name, "Éve (demi-journée)");
	ifgw_calendar_data_free(&d);
	ck_assert_ptr_null(d.lines);
}
END_TEST

START_TEST(shipped_data_files_parse)
{
	static const char *const files[] = {"cn", "gb", "jp", "tr"};
	struct ifgw_calendar_data d;
	char rel[128];
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(rel, sizeof(rel), "currency/data/calendars/%s.txt", files[i]);
		ck_assert_ok(ifgw_calendar_data_load(&d, rel));
		ck_assert_uint_gt(d.count, 10);
		ifgw_calendar_data_free(&d);
	}
	ck_assert_fails(ifgw_calendar_data_load(&d, "currency/data/calendars/none.txt"), IFGW_ENOTFOUND,
			"data file currency/data/calendars/none.txt not found");
}
END_TEST

/* Write text to dir/relpath, creating the folders. */
static void put_file(const char *dir, const char *relpath, const char *text)
{
	char path[1024], *slash;

	snprintf(path, sizeof(path), "%s/%s", dir, relpath);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
	ck_assert_ok(ifgw_file_write_atomic(path, text, strlen(text), 0644));
}

START_TEST(broken_data_file_fails_only_its_calendar)
{
	char dir[] = "/tmp/ifgw-calendar-XXXXXX", cmd[1100];
	const struct ifgw_calendar *cal;

	/* The calendars are built here, from $IFGW_DATADIR, first: this test
	 * runs in a process of its own (see fresh_suite()). */
	ck_assert_ptr_nonnull(mkdtemp(dir));
	put_file(dir, "currency/data/calendars/cn.txt", "years\t2024-2024\n2024-02-05\tworking\tMonday\n");
	put_file(dir, "currency/data/calendars/gb.txt",
		 "years\t1999-2099\n2024-05-07\tcancel\tEarly May bank holiday\n");
	put_file(dir, "currency/data/calendars/tr.txt", "years\t2030-2031\n");
	setenv("IFGW_DATADIR", dir, 1);
	ifgw_error_clear();
	ifgw_error_set(IFGW_EIO, "earlier failure");
	cal = NULL;
	/* The build keeps a message the caller had pending. */
	ck_assert_int_eq(ifgw_calendar_get(&cal, "TARGET"), IFGW_OK);
	ck_assert_str_eq(ifgw_error_last(), "earlier failure");
	ifgw_error_clear();
	ck_assert_fails(ifgw_calendar_get(&cal, "CN"), IFGW_EPARSE,
			"/currency/data/calendars/cn.txt:2: working day 2024-02-05 is not a Saturday or Sunday");
	ck_assert_fails(ifgw_calendar_get(&cal, "GB"), IFGW_EPARSE,
			"gb.txt:2: cancel: the rules give no holiday 'Early May bank holiday' on 2024-05-07");
	/* TR with a file covering 2030-2031 only: fine, and covers just those. */
	ck_assert_ok(ifgw_calendar_get(&cal, "TR"));
	ck_assert(!business(cal, "2030-01-01"));
	ck_assert_fails(ifgw_calendar_is_business_day(&(bool){false}, cal, day("2029-12-31")), IFGW_EUNSUPPORTED,
			"2030-2031");
	/* The others are untouched (JP's file comes from the source tree). */
	ck_assert(!business(cal_named("JP"), "2019-05-01"));
	ck_assert(!business(cal_named("TARGET"), "2024-12-25"));
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* ---- threads ---- */

static void *first_use(void *arg)
{
	const struct ifgw_calendar *cal = NULL;
	bool b = true;
	intptr_t ok;

	ok = ifgw_calendar_get(&cal, (const char *)arg) == IFGW_OK &&
	     ifgw_calendar_is_business_day(&b, cal, ifgw_calendar_ymd(2024, 12, 25)) == IFGW_OK && !b;
	return (void *)ok;
}

START_TEST(first_use_from_many_threads)
{
	static const char *const names[] = {"TARGET", "FR", "DE", "IT", "ES", "GB", "US", "PL"};
	pthread_t th[8];
	void *ret;
	int i;

	for (i = 0; i < 8; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, first_use, (void *)names[i]), 0);
	for (i = 0; i < 8; i++) {
		ck_assert_int_eq(pthread_join(th[i], &ret), 0);
		ck_assert_msg(ret == (void *)1, "thread %d (%s) failed", i, names[i]);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("calendar");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, easter_matches_known_dates);
	tcase_add_test(tc, registry_finds_every_calendar);
	tcase_add_test(tc, reference_lists_match);
	tcase_add_test(tc, holiday_names_and_special_days);
	tcase_add_test(tc, add_business_days_across_holidays);
	tcase_add_test(tc, business_days_between_counts);
	tcase_add_test(tc, business_hours_over_weekends_and_holidays);
	tcase_add_test(tc, business_seconds_round_trip);
	tcase_add_test(tc, out_of_range_years_fail);
	tcase_add_test(tc, coverage_end_warning);
	tcase_add_test(tc, data_parser_accepts_and_refuses);
	tcase_add_test(tc, shipped_data_files_parse);
	suite_add_tcase(s, tc);
	return s;
}

/* The tests about the first build of the calendars (built once per process,
 * pthread_once) need a process where nothing has built them yet.  Rather
 * than skip them under CK_FORK=no (valgrind, debuggers), which would pass
 * silently, main() runs them first, in a runner that always forks: each gets
 * a fresh child of a parent that has built nothing, whatever CK_FORK says
 * (valgrind follows the fork).  The other tests then run as CK_FORK says. */
static Suite *fresh_suite(void)
{
	Suite *s = suite_create("calendar, first build");
	TCase *tc = tcase_create("fresh process");

	tcase_add_test(tc, broken_data_file_fails_only_its_calendar);
	tcase_add_test(tc, first_use_from_many_threads);
	suite_add_tcase(s, tc);
	return s;
}

/* IFGW_TEST_MAIN, with the fresh-process runner first. */
int main(void)
{
	SRunner *fresh, *sr;
	int failed;

	if (ifgw_global_init() != 0) {
		fprintf(stderr, "%s\n", ifgw_error_last());
		return EXIT_FAILURE;
	}
	fresh = srunner_create(fresh_suite());
	sr = srunner_create(suite());
	srunner_set_fork_status(fresh, CK_FORK);
	srunner_run_all(fresh, CK_ENV);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(fresh) + srunner_ntests_failed(sr);
	srunner_free(fresh);
	srunner_free(sr);
	ifgw_global_cleanup();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
