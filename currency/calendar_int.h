/* calendar_int.h: inside the calendar module (currency/calendar*.c and
 * currency/calendars/ rule files) and its tests; not for use elsewhere.
 *
 * A rule set is a const descriptor (STYLE.md: name first, then version)
 * registered in calendar.c.  When the calendars are built, the engine asks
 * each rule set for the holidays of every covered year through a builder,
 * applies the calendar's data file (one-off days, moved holidays, published
 * schedules) year by year, lets the rule set derive what depends on the
 * final list (Japan's substitute and citizens' holidays), and turns the
 * result into a bitmap of business days. */
#ifndef IFGW_CURRENCY_CALENDAR_INT_H
#define IFGW_CURRENCY_CALENDAR_INT_H

#ifndef IFGW_CALENDAR_INTERNAL
#error "calendar_int.h is private to the calendar module: use currency/calendar.h"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "currency/calendar.h"

#define IFGW_CALENDAR_RULES_VERSION 1
/* Cap on listed days per calendar (101 years of the busiest calendar, JP
 * with ~24 a year, fit ten times over). */
#define IFGW_CALENDAR_MAX_ENTRIES 16384
/* Cap on a calendar data file. */
#define IFGW_CALENDAR_DATA_MAX_BYTES (1u << 20)
/* Longest holiday name in a data file. */
#define IFGW_CALENDAR_NAME_MAX 120

struct ifgw_calendar_builder;

struct ifgw_calendar_rules {
	const char *name;     /* registry name, "TARGET" */
	int version;          /* IFGW_CALENDAR_RULES_VERSION */
	const char *title;    /* one line for listings */
	int first_year;       /* the rules are written for first_year..last_year */
	int last_year;
	const char *datafile; /* "currency/data/calendars/gb.txt" (see base/datadir.h), NULL if none;
				 the calendar covers only the years the file says it covers */
	/* Emit the holidays the rules give for year (a date may fall in the
	 * year before, like a US New Year observed on 31 December). */
	int (*emit_year)(struct ifgw_calendar_builder *b, int year);
	/* Optional (NULL): emit what follows from the year's final list, after
	 * the data file's lines for that year are applied. */
	int (*derive_year)(struct ifgw_calendar_builder *b, int year);
};

extern const struct ifgw_calendar_rules ifgw_calendar_rules_target;
extern const struct ifgw_calendar_rules ifgw_calendar_rules_fr;
extern const struct ifgw_calendar_rules ifgw_calendar_rules_de;
extern const struct ifgw_calendar_rules ifgw_calendar_rules_it;
extern const struct ifgw_calendar_rules ifgw_calendar_rules_es;
extern const struct ifgw_calendar_rules ifgw_calendar_rules_gb;
extern const struct ifgw_calendar_rules ifgw_calendar_rules_us;
extern const struct ifgw_calendar_rules ifgw_calendar_rules_jp;
extern const struct ifgw_calendar_rules ifgw_calendar_rules_cn;
extern const struct ifgw_calendar_rules ifgw_calendar_rules_tr;
extern const struct ifgw_calendar_rules ifgw_calendar_rules_pl;

/* ---- the builder (calendar_build.c) ---- */

/* The listed days collected so far, and the range kept.  Rule files use the
 * functions below, not the fields. */
struct ifgw_calendar_builder {
	const char *calname;
	int32_t lo, hi;                      /* dates outside [lo, hi] are dropped */
	struct ifgw_calendar_entry *entries; /* in emit order */
	size_t count, cap;
	int rc;                              /* first failure; later emits do nothing */
};

/* Start collecting for calendar calname, keeping dates in [lo, hi]. */
void ifgw_calendar_builder_init(struct ifgw_calendar_builder *b, const char *calname, int32_t lo, int32_t hi);
void ifgw_calendar_builder_free(struct ifgw_calendar_builder *b);

/* Add a listed day (name: static or outliving the calendar); dropped
 * silently outside the kept range; IFGW_EOVERFLOW past the cap.  The first
 * failure sticks (ifgw_calendar_builder_status), so a rule file can emit a
 * year's days one after the other and check once at the end. */
int ifgw_calendar_emit(struct ifgw_calendar_builder *b, int32_t date, enum ifgw_calendar_kind kind,
		       const char *name);
/* Add a holiday on year-month-day (which must exist). */
int ifgw_calendar_emit_ymd(struct ifgw_calendar_builder *b, int year, int month, int day, const char *name);
/* Add a holiday `offset` days from Easter Sunday of year (-2: Good Friday). */
int ifgw_calendar_emit_easter(struct ifgw_calendar_builder *b, int year, int offset, const char *name);
/* Add a holiday on the n-th weekday of a month (see ifgw_calendar_nth_weekday). */
int ifgw_calendar_emit_nth(struct ifgw_calendar_builder *b, int year, int month, int weekday, int n,
			   const char *name);
/* IFGW_OK, or the first emit failure. */
int ifgw_calendar_builder_status(const struct ifgw_calendar_builder *b);

/* Whether a holiday (kind HOLIDAY) is listed on date so far. */
bool ifgw_calendar_builder_has_holiday(const struct ifgw_calendar_builder *b, int32_t date);

/* Remove the holiday named name on date; IFGW_ENOTFOUND if there is none
 * (the caller names the file and line). */
int ifgw_calendar_builder_cancel(struct ifgw_calendar_builder *b, int32_t date, const char *name);

/* Sort the entries by date, keeping emit order within a day. */
void ifgw_calendar_builder_sort(struct ifgw_calendar_builder *b);

/* ---- date helpers for rule files (calendar_build.c) ---- */

/* ISO weekdays, as ifgw_date_weekday() returns them. */
enum ifgw_weekday {
	IFGW_MONDAY = 1,
	IFGW_TUESDAY,
	IFGW_WEDNESDAY,
	IFGW_THURSDAY,
	IFGW_FRIDAY,
	IFGW_SATURDAY,
	IFGW_SUNDAY,
};

/* Day number of a y-m-d known to exist (asserted). */
int32_t ifgw_calendar_ymd(int year, int month, int day);
/* The n-th (1..5) ISO weekday (1 = Monday .. 7 = Sunday) of a month; n = -1
 * for the last one. */
int32_t ifgw_calendar_nth_weekday(int year, int month, int weekday, int n);
bool ifgw_calendar_is_weekend(int32_t date);

/* ---- data files (calendar_data.c) ----
 *
 *     # comment lines and blank lines are ignored
 *     years<TAB>2019-2026          first other line: the years covered
 *     2024-02-10<TAB>holiday<TAB>Spring Festival
 *     2024-02-04<TAB>working<TAB>Spring Festival (adjusted working day)
 *
 * Kinds: holiday (closed), working (a Saturday or Sunday worked), halfday
 * (open in the morning: a business day), cancel (the computed holiday of that
 * name on that date does not apply, e.g. a holiday moved by law).  Dates are
 * in ascending order, inside the covered years; a (date, kind) pair appears
 * once; names are 1..IFGW_CALENDAR_NAME_MAX bytes of printable UTF-8 text
 * without tabs.  Anything else is refused naming the file and line. */

#define IFGW_CALENDAR_DATA_CANCEL 100 /* kind of a cancel line */

struct ifgw_calendar_data_line {
	int32_t date;
	int kind;       /* an enum ifgw_calendar_kind or IFGW_CALENDAR_DATA_CANCEL */
	char *name;     /* owned */
	unsigned line;  /* 1-based line number, for messages */
};

struct ifgw_calendar_data {
	char *where;    /* file name for messages (owned) */
	int first_year, last_year;
	struct ifgw_calendar_data_line *lines;
	size_t count;
};

/* Parse len bytes of data-file text; `where` names it in messages.  On
 * failure *out is left empty (nothing to free). */
int ifgw_calendar_data_parse(struct ifgw_calendar_data *out, const char *where, const char *text, size_t len);
/* Read and parse a file found with ifgw_datadir_find(relpath). */
int ifgw_calendar_data_load(struct ifgw_calendar_data *out, const char *relpath);
void ifgw_calendar_data_free(struct ifgw_calendar_data *data);

#endif
