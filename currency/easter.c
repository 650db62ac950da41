/* easter.c: Western Easter Sunday by the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher, "Astronomical Algorithms", ch. 8). */
#include "config.h"

#include <assert.h>

#include "base/date.h"
#include "currency/easter.h"

int32_t ifgw_easter_sunday(int year)
{
	int a, b, c, d, e, f, g, h, i, k, l, m, month, day;
	int32_t date = 0;

	assert(year >= IFGW_EASTER_YEAR_MIN && year <= IFGW_EASTER_YEAR_MAX);
	a = year % 19;            /* place in the 19-year Metonic cycle */
	b = year / 100;
	c = year % 100;
	d = b / 4;
	e = b % 4;
	f = (b + 8) / 25;
	g = (b - f + 1) / 3;      /* lunar correction */
	h = (19 * a + b - d - g + 15) % 30; /* epact: age of the paschal moon */
	i = c / 4;
	k = c % 4;
	l = (32 + 2 * e + 2 * i - h - k) % 7; /* days to the following Sunday */
	m = (a + 11 * h + 22 * l) / 451;
	month = (h + l - 7 * m + 114) / 31;
	day = (h + l - 7 * m + 114) % 31 + 1;
	/* Always a valid March or April date, so this cannot fail. */
	(void)ifgw_date_from_ymd(&date, year, month, day);
	return date;
}
