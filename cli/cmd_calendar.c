/* cmd_calendar.c: ifgw calendar list | holidays | is | add | between |
 * add-hours — business-day calendars (currency/calendar.h).
 *
 * Times are local wall-clock times of the calendar's country, as the
 * library takes them (docs/calendars.md).  Arguments are positional; the
 * only option is --help, so negative counts ("add TARGET 2024-04-02 -1")
 * need no "--". */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "currency/calendar.h"
#include "cli/cli.h"

/* Largest |N| for add and add-hours: more than the covered years hold. */
#define MAX_COUNT 1000000L

static const char *const weekdays[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

struct subcommand {
	const char *name;
	const char *args;    /* usage after the name */
	int nargs;           /* positional arguments expected */
	const char *summary; /* one line */
	enum ifgw_exit (*run)(const char *what, char **args);
};

/* One warning line on stderr when the clock is within
 * IFGW_CALENDAR_WARN_DAYS days of the end of cal's coverage, or past it:
 * dates after it are refused until the calendar is extended. */
static void warn_coverage(const char *what, const struct ifgw_calendar *cal)
{
	char text[IFGW_DATE_STRLEN];
	int32_t left, last;
	const char *fix;

	if (!ifgw_calendar_coverage_ending(cal, ifgw_clock_today(), &left, &last))
		return;
	ifgw_date_format(last, text);
	fix = ifgw_calendar_data_driven(cal) ? "its data file has the next year's published schedule"
					     : "its rules are extended";
	if (left >= 0)
		fprintf(stderr, "ifgw %s: warning: calendar %s covers dates up to %s, %ld day%s from today: later "
			"dates are refused until %s\n", what, ifgw_calendar_name(cal), text, (long)left,
			left == 1 ? "" : "s", fix);
	else
		fprintf(stderr, "ifgw %s: warning: calendar %s covers dates up to %s, %ld day%s ago: later dates "
			"are refused until %s\n", what, ifgw_calendar_name(cal), text, -(long)left,
			left == -1 ? "" : "s", fix);
}

/* The error names the known calendars, or the broken data file. */
static enum ifgw_exit get_calendar(const struct ifgw_calendar **cal, const char *what, const char *name)
{
	if (ifgw_calendar_get(cal, name) != IFGW_OK)
		return ifgw_cli_fail(what);
	warn_coverage(what, *cal);
	return IFGW_EXIT_OK;
}

/* A query's failure; a date outside the covered years (IFGW_EUNSUPPORTED,
 * calendar.h) gets its own exit status, apart from "closed" and errors. */
static enum ifgw_exit fail_query(const char *what)
{
	bool outside = ifgw_error_code() == IFGW_EUNSUPPORTED;
	enum ifgw_exit ret = ifgw_cli_fail(what);

	return outside ? IFGW_EXIT_OUTSIDE : ret;
}

static enum ifgw_exit parse_day(int32_t *out, const char *what, const char *text)
{
	if (ifgw_date_parse(out, text, strlen(text)) == IFGW_OK)
		return IFGW_EXIT_OK;
	ifgw_error_clear();
	return ifgw_cli_usage_error(what, "'%s' is not a date YYYY-MM-DD", text);
}

/* Local time: YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS. */
static enum ifgw_exit parse_local_time(int64_t *out, const char *what, const char *text)
{
	char full[32];
	size_t len = strlen(text);

	if (len == 10)
		snprintf(full, sizeof(full), "%sT00:00:00Z", text);
	else if (len == 16)
		snprintf(full, sizeof(full), "%s:00Z", text);
	else if (len == 19)
		snprintf(full, sizeof(full), "%sZ", text);
	else
		full[0] = '\0';
	if (full[0] && ifgw_datetime_parse(out, full) == IFGW_OK)
		return IFGW_EXIT_OK;
	ifgw_error_clear();
	return ifgw_cli_usage_error(what, "'%s' is not a local time YYYY-MM-DD[THH:MM[:SS]]", text);
}

static void print_local_time(int64_t t)
{
	char text[IFGW_DATETIME_STRLEN];

	ifgw_datetime_format(t, text);
	text[19] = '\0'; /* local time: no 'Z' */
	printf("%s %s\n", text, weekdays[ifgw_date_weekday(ifgw_datetime_date(t))]);
}

static const char *kind_word(enum ifgw_calendar_kind kind)
{
	switch (kind) {
	case IFGW_CALENDAR_HOLIDAY:
		return "holiday";
	case IFGW_CALENDAR_WORKING:
		return "working";
	case IFGW_CALENDAR_HALFDAY:
		return "halfday";
	}
	return "?";
}

static enum ifgw_exit cal_list(const char *what, char **args)
{
	const struct ifgw_calendar *cal;
	const char *name;
	enum ifgw_exit ret = IFGW_EXIT_OK;
	int first, last;
	size_t i;

	for (i = 0; (name = ifgw_calendar_name_at(i)) != NULL; i++) {
		if (ifgw_calendar_get(&cal, name) != IFGW_OK) {
			/* One broken data file: say so and list the rest. */
			fprintf(stderr, "ifgw %s: %s\n", what, ifgw_error_last());
			ifgw_error_clear();
			ret = IFGW_EXIT_FAIL;
			continue;
		}
		ifgw_calendar_years(cal, &first, &last);
		printf("%-7s %d-%d  %-8s  %s\n", name, first, last,
		       ifgw_calendar_data_driven(cal) ? "data" : "computed", ifgw_calendar_title(cal));
		warn_coverage(what, cal);
	}
	return ret;
}

static enum ifgw_exit cal_holidays(const char *what, char **args)
{
	const struct ifgw_calendar *cal;
	const struct ifgw_calendar_entry *e;
	char text[IFGW_DATE_STRLEN];
	size_t n, i;
	long year;
	enum ifgw_exit ret;

	if ((ret = get_calendar(&cal, what, args[0])) != IFGW_EXIT_OK)
		return ret;
	if (ifgw_cli_parse_long(&year, args[1], 1, 9999) != 0)
		return ifgw_cli_usage_error(what, "'%s' is not a year", args[1]);
	if (ifgw_calendar_entries(&e, &n, cal, (int)year) != IFGW_OK)
		return fail_query(what);
	for (i = 0; i < n; i++) {
		ifgw_date_format(e[i].date, text);
		printf("%s\t%s\t%s\t%s\n", text, weekdays[ifgw_date_weekday(e[i].date)], kind_word(e[i].kind),
		       e[i].name);
	}
	return IFGW_EXIT_OK;
}

static enum ifgw_exit cal_is(const char *what, char **args)
{
	const struct ifgw_calendar *cal;
	const struct ifgw_calendar_entry *e;
	const char *name = NULL, *note = NULL;
	char text[IFGW_DATE_STRLEN];
	int32_t date;
	size_t n, i;
	bool open;
	enum ifgw_exit ret;
	int y, m, d;

	if ((ret = get_calendar(&cal, what, args[0])) != IFGW_EXIT_OK ||
	    (ret = parse_day(&date, what, args[1])) != IFGW_EXIT_OK)
		return ret;
	if (ifgw_calendar_is_business_day(&open, cal, date) != IFGW_OK ||
	    ifgw_calendar_holiday_name(&name, cal, date) != IFGW_OK)
		return fail_query(what);
	ifgw_date_to_ymd(date, &y, &m, &d);
	if (ifgw_calendar_entries(&e, &n, cal, y) == IFGW_OK)
		for (i = 0; i < n && !note; i++)
			if (e[i].date == date && e[i].kind != IFGW_CALENDAR_HOLIDAY)
				note = e[i].name;
	ifgw_date_format(date, text);
	if (open)
		printf("%s %s %s: business day%s%s%s\n", text, weekdays[ifgw_date_weekday(date)],
		       ifgw_calendar_name(cal), note ? " (" : "", note ? note : "", note ? ")" : "");
	else
		printf("%s %s %s: closed (%s)\n", text, weekdays[ifgw_date_weekday(date)], ifgw_calendar_name(cal),
		       name ? name : "weekend");
	return open ? IFGW_EXIT_OK : IFGW_EXIT_FAIL;
}

static enum ifgw_exit cal_add(const char *what, char **args)
{
	const struct ifgw_calendar *cal;
	char text[IFGW_DATE_STRLEN];
	int32_t date, out;
	long n;
	enum ifgw_exit ret;

	if ((ret = get_calendar(&cal, what, args[0])) != IFGW_EXIT_OK ||
	    (ret = parse_day(&date, what, args[1])) != IFGW_EXIT_OK)
		return ret;
	if (ifgw_cli_parse_long(&n, args[2], -MAX_COUNT, MAX_COUNT) != 0)
		return ifgw_cli_usage_error(what, "'%s' is not a whole number of business days", args[2]);
	if (ifgw_calendar_add_business_days(&out, cal, date, (int)n) != IFGW_OK)
		return fail_query(what);
	ifgw_date_format(out, text);
	printf("%s %s\n", text, weekdays[ifgw_date_weekday(out)]);
	return IFGW_EXIT_OK;
}

static enum ifgw_exit cal_between(const char *what, char **args)
{
	const struct ifgw_calendar *cal;
	int32_t from, to, n;
	enum ifgw_exit ret;

	if ((ret = get_calendar(&cal, what, args[0])) != IFGW_EXIT_OK ||
	    (ret = parse_day(&from, what, args[1])) != IFGW_EXIT_OK ||
	    (ret = parse_day(&to, what, args[2])) != IFGW_EXIT_OK)
		return ret;
	if (ifgw_calendar_business_days_between(&n, cal, from, to) != IFGW_OK)
		return fail_query(what);
	printf("%ld\n", (long)n);
	return IFGW_EXIT_OK;
}

static enum ifgw_exit cal_add_hours(const char *what, char **args)
{
	const struct ifgw_calendar *cal;
	int64_t t, out;
	long n;
	enum ifgw_exit ret;

	if ((ret = get_calendar(&cal, what, args[0])) != IFGW_EXIT_OK ||
	    (ret = parse_local_time(&t, what, args[1])) != IFGW_EXIT_OK)
		return ret;
	if (ifgw_cli_parse_long(&n, args[2], -MAX_COUNT, MAX_COUNT) != 0)
		return ifgw_cli_usage_error(what, "'%s' is not a whole number of business hours", args[2]);
	if (ifgw_calendar_add_business_hours(&out, cal, t, n) != IFGW_OK)
		return fail_query(what);
	print_local_time(out);
	return IFGW_EXIT_OK;
}

static const struct subcommand subcommands[] = {
	{"list", "", 0, "the calendars, the years each covers (computed or from data), what each is", cal_list},
	{"holidays", "CAL YEAR", 2, "the listed days of a year: holidays, worked weekend days, half days",
	 cal_holidays},
	{"is", "CAL DATE", 2, "is DATE a business day? (exit status 1 when closed, 3 outside coverage)", cal_is},
	{"add", "CAL DATE N", 3, "DATE moved by N business days (N < 0: back; N = 0: roll forward)", cal_add},
	{"between", "CAL FROM TO", 3, "business days d with FROM < d <= TO (negative when TO < FROM)", cal_between},
	{"add-hours", "CAL TIME H", 3, "local TIME plus H business hours (24 per business day)", cal_add_hours},
};

static void sub_usage(FILE *f, const struct subcommand *s)
{
	fprintf(f, "usage: ifgw calendar %s%s%s\n\n%s.\n", s->name, *s->args ? " " : "", s->args, s->summary);
	fprintf(f, "\nCAL: TARGET, FR, DE, IT, ES, GB, US, JP, CN, TR or PL (see 'ifgw calendar list').\n"
		   "DATE: YYYY-MM-DD.  TIME: local time YYYY-MM-DD[THH:MM[:SS]] in the calendar's country.\n"
		   "A date outside the calendar's covered years is an error, never a guess (exit status 3);\n"
		   "from %d days before a calendar's coverage ends (by the clock: --now, IFGW_NOW), a warning.\n",
		IFGW_CALENDAR_WARN_DAYS);
}

static void calendar_usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: ifgw calendar SUBCOMMAND ARGS\n\n"
		   "Business-day calendars: TARGET and national public holidays.\n\n");
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(f, "  %-9s %-12s %s\n", subcommands[i].name, subcommands[i].args, subcommands[i].summary);
	fprintf(f, "\n'ifgw calendar SUBCOMMAND --help' for each.\n");
}

enum ifgw_exit ifgw_cmd_calendar(int argc, char **argv)
{
	const struct subcommand *s = NULL;
	char what[64], *args[4];
	int i, n = 0;
	size_t k;

	if (argc < 2) {
		calendar_usage(stderr);
		return IFGW_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		calendar_usage(stdout);
		return IFGW_EXIT_OK;
	}
	for (k = 0; k < sizeof(subcommands) / sizeof(subcommands[0]); k++)
		if (strcmp(argv[1], subcommands[k].name) == 0)
			s = &subcommands[k];
	if (!s)
		return ifgw_cli_usage_error("calendar", "unknown subcommand '%s'", argv[1]);
	snprintf(what, sizeof(what), "calendar %s", s->name);
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			sub_usage(stdout, s);
			return IFGW_EXIT_OK;
		}
		if (strcmp(argv[i], "--") == 0)
			continue;
		if (argv[i][0] == '-' && !(argv[i][1] >= '0' && argv[i][1] <= '9'))
			return ifgw_cli_usage_error(what, "unknown option '%s'", argv[i]);
		if (n == s->nargs)
			return ifgw_cli_usage_error(what, "expected %s, got more arguments", *s->args ? s->args : "none");
		args[n++] = argv[i];
	}
	if (n != s->nargs)
		return ifgw_cli_usage_error(what, "expected %s, got %d argument%s", s->args, n, n == 1 ? "" : "s");
	ifgw_error_clear();
	return s->run(what, args);
}
