/* calendar.c: the calendar registry, the one-time build, and business-day
 * and business-hour arithmetic (see calendar.h). */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#include "currency/calendar.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

/* The registry: one const rule set per calendar, NULL-terminated. */
static const struct ifgw_calendar_rules *const registry[] = {
	&ifgw_calendar_rules_target,
	&ifgw_calendar_rules_fr,
	&ifgw_calendar_rules_de,
	&ifgw_calendar_rules_it,
	&ifgw_calendar_rules_es,
	&ifgw_calendar_rules_gb,
	&ifgw_calendar_rules_us,
	&ifgw_calendar_rules_jp,
	&ifgw_calendar_rules_cn,
	&ifgw_calendar_rules_tr,
	&ifgw_calendar_rules_pl,
	NULL,
};
#define CALENDAR_COUNT (sizeof(registry) / sizeof(registry[0]) - 1)

struct ifgw_calendar {
	const struct ifgw_calendar_rules *rules;
	int rc;                          /* build result: usable only when IFGW_OK */
	struct ifgw_error error;         /* the build failure, kept for every caller */
	int first_year, last_year;       /* covered years */
	bool data_driven;                /* the data file narrowed them */
	int32_t first_day, last_day;     /* 1 Jan first_year .. 31 Dec last_year */
	uint64_t *business;              /* bit (date - first_day) set: a business day */
	struct ifgw_calendar_entry *entries; /* listed days, by date */
	size_t count;
	size_t *year_start;              /* index of year (first_year + i)'s first entry; one past the end too */
	struct ifgw_calendar_data data;  /* owns the names that came from the data file */
};

static struct ifgw_calendar calendars[CALENDAR_COUNT];
static pthread_once_t built = PTHREAD_ONCE_INIT;

static int year_of(int32_t date)
{
	int y, m, d;

	ifgw_date_to_ymd(date, &y, &m, &d);
	return y;
}

static bool bit(const struct ifgw_calendar *cal, int32_t date)
{
	uint32_t i = (uint32_t)(date - cal->first_day);

	return (cal->business[i / 64] >> (i % 64)) & 1;
}

static void set_bit(struct ifgw_calendar *cal, int32_t date, bool on)
{
	uint32_t i = (uint32_t)(date - cal->first_day);

	if (on)
		cal->business[i / 64] |= (uint64_t)1 << (i % 64);
	else
		cal->business[i / 64] &= ~((uint64_t)1 << (i % 64));
}

/* Apply one data-file line to the list being built. */
static int apply_line(struct ifgw_calendar_builder *b, const struct ifgw_calendar_data *data,
		      const struct ifgw_calendar_data_line *l)
{
	char text[IFGW_DATE_STRLEN];

	if (l->kind != IFGW_CALENDAR_DATA_CANCEL)
		return ifgw_calendar_emit(b, l->date, (enum ifgw_calendar_kind)l->kind, l->name);
	if (ifgw_calendar_builder_cancel(b, l->date, l->name) == IFGW_OK)
		return IFGW_OK;
	ifgw_date_format(l->date, text);
	return ifgw_error_set(IFGW_EPARSE, "%s:%u: cancel: the rules give no holiday '%s' on %s", data->where,
			      l->line, l->name, text);
}

/* Check the sorted list and turn it into the business-day bitmap. */
static int make_bitmap(struct ifgw_calendar *cal, const struct ifgw_calendar_builder *b)
{
	size_t ndays = (size_t)(cal->last_day - cal->first_day) + 1, i, j, y;
	char text[IFGW_DATE_STRLEN];
	int32_t d;

	cal->business = calloc((ndays + 63) / 64, sizeof(uint64_t));
	cal->year_start = calloc((size_t)(cal->last_year - cal->first_year) + 2, sizeof(size_t));
	if (!cal->business || !cal->year_start)
		return ifgw_error_set(IFGW_ENOMEM, "calendar %s: out of memory", cal->rules->name);
	for (d = cal->first_day; d <= cal->last_day; d++)
		set_bit(cal, d, !ifgw_calendar_is_weekend(d));
	for (i = 0; i < b->count; i++) {
		const struct ifgw_calendar_entry *e = &b->entries[i];

		for (j = i; j > 0 && b->entries[j - 1].date == e->date; j--) {
			if ((b->entries[j - 1].kind == IFGW_CALENDAR_HOLIDAY && e->kind == IFGW_CALENDAR_WORKING) ||
			    (b->entries[j - 1].kind == IFGW_CALENDAR_WORKING && e->kind == IFGW_CALENDAR_HOLIDAY)) {
				ifgw_date_format(e->date, text);
				return ifgw_error_set(IFGW_EPARSE, "calendar %s: %s is listed both as a holiday and as "
						      "a working day", cal->rules->name, text);
			}
		}
		if (e->kind == IFGW_CALENDAR_HOLIDAY)
			set_bit(cal, e->date, false);
		else if (e->kind == IFGW_CALENDAR_WORKING)
			set_bit(cal, e->date, true);
		/* A half day stays a business day. */
	}
	/* year_start[k]: first entry of year first_year + k. */
	for (y = 0, i = 0; y <= (size_t)(cal->last_year - cal->first_year); y++) {
		int32_t start = ifgw_calendar_ymd(cal->first_year + (int)y, 1, 1);

		while (i < b->count && b->entries[i].date < start)
			i++;
		cal->year_start[y] = i;
	}
	cal->year_start[y] = b->count;
	return IFGW_OK;
}

static int build(struct ifgw_calendar *cal)
{
	const struct ifgw_calendar_rules *r = cal->rules;
	struct ifgw_calendar_builder b;
	size_t k = 0;
	int y, rc = IFGW_OK;

	ifgw_calendar_builder_init(&b, r->name, 0, -1);
	if (r->version != IFGW_CALENDAR_RULES_VERSION) {
		rc = ifgw_error_set(IFGW_EUNSUPPORTED, "calendar %s: rules version %d, expected %d", r->name,
				    r->version, IFGW_CALENDAR_RULES_VERSION);
		goto out;
	}
	cal->first_year = r->first_year;
	cal->last_year = r->last_year;
	if (r->datafile) {
		if ((rc = ifgw_calendar_data_load(&cal->data, r->datafile)) != IFGW_OK)
			goto out;
		if (cal->data.first_year > cal->first_year)
			cal->first_year = cal->data.first_year;
		if (cal->data.last_year < cal->last_year)
			cal->last_year = cal->data.last_year;
		cal->data_driven = cal->first_year != r->first_year || cal->last_year != r->last_year;
		if (cal->first_year > cal->last_year) {
			rc = ifgw_error_set(IFGW_EPARSE, "%s: covers %d-%d, none of the years %d-%d the %s rules are "
					    "written for", cal->data.where, cal->data.first_year,
					    cal->data.last_year, r->first_year, r->last_year, r->name);
			goto out;
		}
	}
	cal->first_day = ifgw_calendar_ymd(cal->first_year, 1, 1);
	cal->last_day = ifgw_calendar_ymd(cal->last_year, 12, 31);
	ifgw_calendar_builder_init(&b, r->name, cal->first_day, cal->last_day);
	/* One year either side: observed days can cross a year boundary. */
	for (y = cal->first_year - 1; y <= cal->last_year + 1; y++) {
		if ((rc = r->emit_year(&b, y)) != IFGW_OK)
			goto out;
		for (; k < cal->data.count && year_of(cal->data.lines[k].date) <= y; k++) {
			const struct ifgw_calendar_data_line *l = &cal->data.lines[k];

			if (l->date < cal->first_day || l->date > cal->last_day)
				continue;
			if ((rc = apply_line(&b, &cal->data, l)) != IFGW_OK)
				goto out;
		}
		if (r->derive_year && (rc = r->derive_year(&b, y)) != IFGW_OK)
			goto out;
	}
	ifgw_calendar_builder_sort(&b);
	if ((rc = make_bitmap(cal, &b)) != IFGW_OK)
		goto out;
	cal->entries = b.entries;
	cal->count = b.count;
	b.entries = NULL; /* now the calendar's */
out:
	ifgw_calendar_builder_free(&b);
	return rc;
}

static void build_all(void)
{
	struct ifgw_error kept;
	size_t i;

	/* Keep a message the caller had pending: building is not its failure. */
	ifgw_error_save(&kept);
	for (i = 0; i < CALENDAR_COUNT; i++) {
		struct ifgw_calendar *cal = &calendars[i];

		cal->rules = registry[i];
		cal->rc = build(cal);
		if (cal->rc != IFGW_OK) {
			ifgw_error_save(&cal->error);
			free(cal->business);
			free(cal->year_start);
			cal->business = NULL;
			cal->year_start = NULL;
			ifgw_calendar_data_free(&cal->data);
		}
	}
	ifgw_error_restore(&kept);
}

static int ascii_casecmp(const char *a, const char *b)
{
	unsigned char ca, cb;

	do {
		ca = (unsigned char)*a++;
		cb = (unsigned char)*b++;
		if (ca >= 'a' && ca <= 'z')
			ca = (unsigned char)(ca - 'a' + 'A');
		if (cb >= 'a' && cb <= 'z')
			cb = (unsigned char)(cb - 'a' + 'A');
	} while (ca && ca == cb);
	return ca - cb;
}

int ifgw_calendar_get(const struct ifgw_calendar **out, const char *name)
{
	char known[256] = "";
	size_t i, used = 0;
	int n;

	IFGW_ASSERT_ARG(out);

	pthread_once(&built, build_all);
	if (!name)
		name = "";
	for (i = 0; i < CALENDAR_COUNT; i++) {
		if (ascii_casecmp(registry[i]->name, name) != 0)
			continue;
		if (calendars[i].rc != IFGW_OK)
			return ifgw_error_set(calendars[i].rc, "%s", calendars[i].error.message);
		*out = &calendars[i];
		return IFGW_OK;
	}
	for (i = 0; i < CALENDAR_COUNT; i++) {
		n = snprintf(known + used, sizeof(known) - used, "%s%s", i ? ", " : "", registry[i]->name);
		if (n < 0 || (size_t)n >= sizeof(known) - used)
			break;
		used += (size_t)n;
	}
	return ifgw_error_set(IFGW_ENOTFOUND, "calendar '%.40s' is unknown (known: %s)", name, known);
}

const char *ifgw_calendar_name_at(size_t i)
{
	return i < CALENDAR_COUNT ? registry[i]->name : NULL;
}

const char *ifgw_calendar_name(const struct ifgw_calendar *cal)
{
	return cal->rules->name;
}

const char *ifgw_calendar_title(const struct ifgw_calendar *cal)
{
	return cal->rules->title;
}

void ifgw_calendar_years(const struct ifgw_calendar *cal, int *first, int *last)
{
	*first = cal->first_year;
	*last = cal->last_year;
}

bool ifgw_calendar_data_driven(const struct ifgw_calendar *cal)
{
	return cal->data_driven;
}

bool ifgw_calendar_coverage_ending(const struct ifgw_calendar *cal, int32_t today, int32_t *days_left,
				   int32_t *last_day)
{
	*last_day = cal->last_day;
	*days_left = cal->last_day - today;
	return *days_left <= IFGW_CALENDAR_WARN_DAYS;
}

/* IFGW_OK when date is covered, else the one error every query gives. */
static int covered(const struct ifgw_calendar *cal, int32_t date)
{
	char text[IFGW_DATE_STRLEN];

	if (date >= cal->first_day && date <= cal->last_day)
		return IFGW_OK;
	ifgw_date_format(date, text);
	return ifgw_error_set(IFGW_EUNSUPPORTED, "calendar %s: %s is outside the covered years %d-%d",
			      cal->rules->name, text, cal->first_year, cal->last_year);
}

/* The error for an answer that would lie outside the covered years. */
static int runs_out(const struct ifgw_calendar *cal, int32_t from, bool forward)
{
	char text[IFGW_DATE_STRLEN];

	ifgw_date_format(from, text);
	return ifgw_error_set(IFGW_EUNSUPPORTED, "calendar %s: counting %s from %s runs past the covered years %d-%d",
			      cal->rules->name, forward ? "forward" : "back", text, cal->first_year,
			      cal->last_year);
}

int ifgw_calendar_is_business_day(bool *out, const struct ifgw_calendar *cal, int32_t date)
{
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cal);

	if ((rc = covered(cal, date)) != IFGW_OK)
		return rc;
	*out = bit(cal, date);
	return IFGW_OK;
}

int ifgw_calendar_holiday_name(const char **out, const struct ifgw_calendar *cal, int32_t date)
{
	size_t lo = 0, hi, mid;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cal);

	hi = cal->count;
	if ((rc = covered(cal, date)) != IFGW_OK)
		return rc;
	*out = NULL;
	if (bit(cal, date))
		return IFGW_OK;
	while (lo < hi) { /* first entry on or after date */
		mid = lo + (hi - lo) / 2;
		if (cal->entries[mid].date < date)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < cal->count && cal->entries[lo].date == date; lo++) {
		if (cal->entries[lo].kind == IFGW_CALENDAR_HOLIDAY) {
			*out = cal->entries[lo].name;
			break;
		}
	}
	return IFGW_OK;
}

int ifgw_calendar_entries(const struct ifgw_calendar_entry **out, size_t *count, const struct ifgw_calendar *cal,
			  int year)
{
	size_t k;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(count);
	IFGW_ASSERT_ARG(cal);

	if (year < cal->first_year || year > cal->last_year)
		return ifgw_error_set(IFGW_EUNSUPPORTED, "calendar %s: year %d is outside the covered years %d-%d",
				      cal->rules->name, year, cal->first_year, cal->last_year);
	k = (size_t)(year - cal->first_year);
	*out = cal->entries + cal->year_start[k];
	*count = cal->year_start[k + 1] - cal->year_start[k];
	return IFGW_OK;
}

/* Move from a covered date by n business days (calendar.h's convention);
 * `origin` is what the caller started from, for the message. */
static int walk(int32_t *out, const struct ifgw_calendar *cal, int32_t date, int64_t n, int32_t origin)
{
	int32_t d = date;

	if (n == 0) {
		while (!bit(cal, d))
			if (++d > cal->last_day)
				return runs_out(cal, origin, true);
	}
	while (n > 0) {
		if (++d > cal->last_day)
			return runs_out(cal, origin, true);
		n -= bit(cal, d);
	}
	while (n < 0) {
		if (--d < cal->first_day)
			return runs_out(cal, origin, false);
		n += bit(cal, d);
	}
	*out = d;
	return IFGW_OK;
}

int ifgw_calendar_add_business_days(int32_t *out, const struct ifgw_calendar *cal, int32_t date, int n)
{
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cal);

	if ((rc = covered(cal, date)) != IFGW_OK)
		return rc;
	return walk(out, cal, date, n, date);
}

static unsigned popcount64(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555u);
	x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
	return (unsigned)((x * 0x0101010101010101u) >> 56);
}

/* Business days in [a, b], both covered; 0 when b < a. */
static int64_t count_days(const struct ifgw_calendar *cal, int32_t a, int32_t b)
{
	uint32_t i, j;
	int64_t n = 0;

	if (b < a)
		return 0;
	i = (uint32_t)(a - cal->first_day);
	j = (uint32_t)(b - cal->first_day);
	/* Bits up to a word boundary one by one, then whole words. */
	while (i <= j && i % 64 != 0)
		n += (cal->business[i / 64] >> (i % 64)) & 1, i++;
	while (i + 63 <= j)
		n += popcount64(cal->business[i / 64]), i += 64;
	while (i <= j)
		n += (cal->business[i / 64] >> (i % 64)) & 1, i++;
	return n;
}

int ifgw_calendar_business_days_between(int32_t *out, const struct ifgw_calendar *cal, int32_t from, int32_t to)
{
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cal);

	if ((rc = covered(cal, from)) != IFGW_OK || (rc = covered(cal, to)) != IFGW_OK)
		return rc;
	if (to >= from)
		*out = (int32_t)count_days(cal, from + 1, to);
	else
		*out = -(int32_t)count_days(cal, to + 1, from);
	return IFGW_OK;
}

#define DAY ((int64_t)IFGW_SECONDS_PER_DAY)

/* Day holding local time t (floor division); IFGW_EUNSUPPORTED when it is
 * not covered. */
static int day_of(int32_t *out, const struct ifgw_calendar *cal, int64_t t)
{
	int64_t d = t / DAY - (t % DAY < 0);
	char text[IFGW_DATETIME_STRLEN];

	if (d < cal->first_day || d > cal->last_day) {
		if (d < -719468 || d > 2932896) /* outside years 0..9999: print no date */
			return ifgw_error_set(IFGW_EUNSUPPORTED, "calendar %s: time %lld is outside the covered "
					      "years %d-%d", cal->rules->name, (long long)t, cal->first_year,
					      cal->last_year);
		ifgw_datetime_format(t, text);
		text[19] = '\0'; /* local time: no 'Z' */
		return ifgw_error_set(IFGW_EUNSUPPORTED, "calendar %s: %s is outside the covered years %d-%d",
				      cal->rules->name, text, cal->first_year, cal->last_year);
	}
	*out = (int32_t)d;
	return IFGW_OK;
}

int ifgw_calendar_add_business_seconds(int64_t *out, const struct ifgw_calendar *cal, int64_t t, int64_t s)
{
	int64_t full, r, span;
	int32_t d, d1, d2;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cal);

	span = (int64_t)(cal->last_day - cal->first_day + 1) * DAY;
	if ((rc = day_of(&d, cal, t)) != IFGW_OK)
		return rc;
	if (s > span || s < -span) /* more business time than the covered years hold */
		return runs_out(cal, d, s > 0);
	if (s == 0) {
		*out = t;
	} else if (s > 0) {
		if (bit(cal, d) && s <= (d + 1) * DAY - t) {
			*out = t + s;
			return IFGW_OK;
		}
		if (bit(cal, d))
			s -= (d + 1) * DAY - t;
		/* From midnight starting day d + 1: `full` whole business days,
		 * then r (1 .. DAY) seconds into the next one. */
		full = (s - 1) / DAY;
		r = s - full * DAY;
		if (d + 1 > cal->last_day)
			return runs_out(cal, d, true);
		if ((rc = walk(&d1, cal, d + 1, 0, d)) != IFGW_OK || (rc = walk(&d2, cal, d1, full, d)) != IFGW_OK)
			return rc;
		*out = d2 * DAY + r;
	} else {
		s = -s;
		if (bit(cal, d) && s <= t - d * DAY) {
			*out = t - s;
			return IFGW_OK;
		}
		if (bit(cal, d))
			s -= t - d * DAY;
		/* From midnight ending day d - 1, backwards likewise. */
		full = (s - 1) / DAY;
		r = s - full * DAY;
		if ((rc = walk(&d1, cal, d, -1, d)) != IFGW_OK || (rc = walk(&d2, cal, d1, -full, d)) != IFGW_OK)
			return rc;
		*out = (d2 + 1) * DAY - r;
	}
	return IFGW_OK;
}

int ifgw_calendar_add_business_hours(int64_t *out, const struct ifgw_calendar *cal, int64_t local_time,
				     int64_t hours)
{
	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cal);

	if (hours > INT64_MAX / 3600 || hours < INT64_MIN / 3600)
		return ifgw_error_set(IFGW_EOVERFLOW, "calendar %s: %lld business hours overflow a time",
				      cal->rules->name, (long long)hours);
	return ifgw_calendar_add_business_seconds(out, cal, local_time, hours * 3600);
}

/* Business seconds in [from, to), from <= to, both covered. */
static int64_t count_seconds(const struct ifgw_calendar *cal, int64_t from, int32_t df, int64_t to, int32_t dt)
{
	int64_t n = 0;

	if (df == dt)
		return bit(cal, df) ? to - from : 0;
	if (bit(cal, df))
		n += (df + 1) * DAY - from;
	n += count_days(cal, df + 1, dt - 1) * DAY;
	if (bit(cal, dt))
		n += to - dt * DAY;
	return n;
}

int ifgw_calendar_business_seconds_between(int64_t *out, const struct ifgw_calendar *cal, int64_t from,
					   int64_t to)
{
	int32_t df, dt;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cal);

	if ((rc = day_of(&df, cal, from)) != IFGW_OK || (rc = day_of(&dt, cal, to)) != IFGW_OK)
		return rc;
	*out = to >= from ? count_seconds(cal, from, df, to, dt) : -count_seconds(cal, to, dt, from, df);
	return IFGW_OK;
}

int ifgw_calendar_business_hours_between(int64_t *out, const struct ifgw_calendar *cal, int64_t from,
					 int64_t to)
{
	int64_t s;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cal);

	if ((rc = ifgw_calendar_business_seconds_between(&s, cal, from, to)) != IFGW_OK)
		return rc;
	*out = s / 3600;
	return IFGW_OK;
}
