/* calendar_build.c: the list rule sets emit holidays into, and the date
 * helpers they share (see calendar_int.h). */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"
#include "currency/easter.h"

void ifgw_calendar_builder_init(struct ifgw_calendar_builder *b, const char *calname, int32_t lo, int32_t hi)
{
	memset(b, 0, sizeof(*b));
	b->calname = calname;
	b->lo = lo;
	b->hi = hi;
}

void ifgw_calendar_builder_free(struct ifgw_calendar_builder *b)
{
	free(b->entries);
	b->entries = NULL;
	b->count = b->cap = 0;
}

int ifgw_calendar_emit(struct ifgw_calendar_builder *b, int32_t date, enum ifgw_calendar_kind kind,
		       const char *name)
{
	struct ifgw_calendar_entry *grown;
	size_t cap;

	if (b->rc != IFGW_OK)
		return b->rc;
	if (date < b->lo || date > b->hi)
		return IFGW_OK;
	if (b->count == b->cap) {
		if (b->cap >= IFGW_CALENDAR_MAX_ENTRIES)
			return b->rc = ifgw_error_set(IFGW_EOVERFLOW, "calendar %s: more than %d listed days",
						      b->calname, IFGW_CALENDAR_MAX_ENTRIES);
		cap = b->cap ? b->cap * 2 : 256;
		if (cap > IFGW_CALENDAR_MAX_ENTRIES)
			cap = IFGW_CALENDAR_MAX_ENTRIES;
		grown = realloc(b->entries, cap * sizeof(*grown));
		if (!grown)
			return b->rc = ifgw_error_set(IFGW_ENOMEM, "calendar %s: out of memory", b->calname);
		b->entries = grown;
		b->cap = cap;
	}
	b->entries[b->count].date = date;
	b->entries[b->count].kind = kind;
	b->entries[b->count].name = name;
	b->count++;
	return IFGW_OK;
}

int ifgw_calendar_emit_ymd(struct ifgw_calendar_builder *b, int year, int month, int day, const char *name)
{
	return ifgw_calendar_emit(b, ifgw_calendar_ymd(year, month, day), IFGW_CALENDAR_HOLIDAY, name);
}

int ifgw_calendar_emit_easter(struct ifgw_calendar_builder *b, int year, int offset, const char *name)
{
	return ifgw_calendar_emit(b, ifgw_easter_sunday(year) + offset, IFGW_CALENDAR_HOLIDAY, name);
}

int ifgw_calendar_emit_nth(struct ifgw_calendar_builder *b, int year, int month, int weekday, int n,
			   const char *name)
{
	return ifgw_calendar_emit(b, ifgw_calendar_nth_weekday(year, month, weekday, n), IFGW_CALENDAR_HOLIDAY,
				  name);
}

int ifgw_calendar_builder_status(const struct ifgw_calendar_builder *b)
{
	return b->rc;
}

bool ifgw_calendar_builder_has_holiday(const struct ifgw_calendar_builder *b, int32_t date)
{
	size_t i;

	/* Linear: only used while building, on lists of a few thousand days. */
	for (i = b->count; i > 0; i--)
		if (b->entries[i - 1].date == date && b->entries[i - 1].kind == IFGW_CALENDAR_HOLIDAY)
			return true;
	return false;
}

int ifgw_calendar_builder_cancel(struct ifgw_calendar_builder *b, int32_t date, const char *name)
{
	size_t i;

	for (i = 0; i < b->count; i++) {
		if (b->entries[i].date == date && b->entries[i].kind == IFGW_CALENDAR_HOLIDAY &&
		    strcmp(b->entries[i].name, name) == 0) {
			memmove(&b->entries[i], &b->entries[i + 1], (b->count - i - 1) * sizeof(b->entries[0]));
			b->count--;
			return IFGW_OK;
		}
	}
	return IFGW_ENOTFOUND;
}

void ifgw_calendar_builder_sort(struct ifgw_calendar_builder *b)
{
	struct ifgw_calendar_entry tmp;
	size_t i, j;

	/* Insertion sort: stable (first emitted name of a day stays first) and
	 * the list is already nearly in order. */
	for (i = 1; i < b->count; i++) {
		tmp = b->entries[i];
		for (j = i; j > 0 && b->entries[j - 1].date > tmp.date; j--)
			b->entries[j] = b->entries[j - 1];
		b->entries[j] = tmp;
	}
}

int32_t ifgw_calendar_ymd(int year, int month, int day)
{
	int32_t date = 0;
	int rc;

	rc = ifgw_date_from_ymd(&date, year, month, day);
	assert(rc == IFGW_OK);
	(void)rc;
	return date;
}

int32_t ifgw_calendar_nth_weekday(int year, int month, int weekday, int n)
{
	int32_t first, last;
	int w;

	assert(weekday >= 1 && weekday <= 7 && (n == -1 || (n >= 1 && n <= 5)));
	if (n == -1) {
		last = ifgw_calendar_ymd(year, month, ifgw_date_days_in_month(year, month));
		w = ifgw_date_weekday(last);
		return last - (w - weekday + 7) % 7;
	}
	first = ifgw_calendar_ymd(year, month, 1);
	w = ifgw_date_weekday(first);
	return first + (weekday - w + 7) % 7 + 7 * (n - 1);
}

bool ifgw_calendar_is_weekend(int32_t date)
{
	return ifgw_date_weekday(date) >= 6;
}
