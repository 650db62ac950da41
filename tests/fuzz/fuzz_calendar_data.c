/* fuzz_calendar_data.c: the calendar data-file parser on arbitrary bytes.
 *
 * Invariant: what parses is what calendar_int.h promises (years in order,
 * dates ascending inside them, known kinds, non-empty names, working days
 * on weekends); nothing crashes, leaks or reads out of bounds. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ifgw_calendar_data d;
	size_t i;
	int y, m, day;

	if (ifgw_calendar_data_parse(&d, "fuzz.txt", (const char *)data, size) != IFGW_OK) {
		if (d.count != 0 || d.lines != NULL || strchr(ifgw_error_last(), '\n'))
			abort();
		ifgw_error_clear();
		return 0;
	}
	if (d.first_year > d.last_year)
		abort();
	for (i = 0; i < d.count; i++) {
		const struct ifgw_calendar_data_line *l = &d.lines[i];

		ifgw_date_to_ymd(l->date, &y, &m, &day);
		if (y < d.first_year || y > d.last_year || (i > 0 && l->date < d.lines[i - 1].date))
			abort();
		if (!l->name[0] || strlen(l->name) > IFGW_CALENDAR_NAME_MAX || strchr(l->name, '\t'))
			abort();
		if (l->kind == IFGW_CALENDAR_WORKING && !ifgw_calendar_is_weekend(l->date))
			abort();
		if (l->kind != IFGW_CALENDAR_HOLIDAY && l->kind != IFGW_CALENDAR_WORKING &&
		    l->kind != IFGW_CALENDAR_HALFDAY && l->kind != IFGW_CALENDAR_DATA_CANCEL)
			abort();
	}
	ifgw_calendar_data_free(&d);
	return 0;
}
