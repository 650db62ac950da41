/* date.h: civil dates and UTC times as plain integers.
 *
 * A date is an int32_t day number: days since 1970-01-01 (proleptic
 * Gregorian, negative before 1970).  A time is an int64_t count of seconds
 * since 1970-01-01T00:00:00Z.  Integers compare, subtract and store without
 * time-zone surprises; the conversions here are pure arithmetic (no
 * gmtime/localtime, which are not reentrant). */
#ifndef IFGW_BASE_DATE_H
#define IFGW_BASE_DATE_H

#include <stddef.h>
#include <stdint.h>

#define IFGW_DATE_STRLEN 11     /* "YYYY-MM-DD" + NUL */
#define IFGW_DATETIME_STRLEN 21 /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */
#define IFGW_SECONDS_PER_DAY 86400

/* Day number of a valid y-m-d (years 1..9999); IFGW_EINVAL otherwise. */
int ifgw_date_from_ymd(int32_t *out, int year, int month, int day);
void ifgw_date_to_ymd(int32_t date, int *year, int *month, int *day);

/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int ifgw_date_weekday(int32_t date);
int ifgw_date_is_leap_year(int year);
int ifgw_date_days_in_month(int year, int month);

/* Strict "YYYY-MM-DD" (exactly len bytes, len == 10).  The error names the
 * text; callers add where it came from. */
int ifgw_date_parse(int32_t *out, const char *s, size_t len);
/* Writes "YYYY-MM-DD" and a NUL into out. */
void ifgw_date_format(int32_t date, char out[IFGW_DATE_STRLEN]);

/* "YYYY-MM-DDTHH:MM:SSZ", "YYYY-MM-DDTHH:MM:SS+HH:MM" or a bare date
 * (midnight UTC); fractional seconds are refused. */
int ifgw_datetime_parse(int64_t *out, const char *s);
void ifgw_datetime_format(int64_t t, char out[IFGW_DATETIME_STRLEN]);

/* Day number of the UTC day holding t. */
int32_t ifgw_datetime_date(int64_t t);

#endif
