/* date.c: civil-date arithmetic (Howard Hinnant's days_from_civil). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"

int ifgw_date_is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int ifgw_date_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && ifgw_date_is_leap_year(y));
}

int ifgw_date_from_ymd(int32_t *out, int y, int m, int d)
{
	int era, yoe, doy, doe;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > ifgw_date_days_in_month(y, m))
		return ifgw_error_set(IFGW_EINVAL, "date %04d-%02d-%02d does not exist", y, m, d);
	y -= m <= 2;
	era = y / 400; /* y >= 0 here */
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = (int32_t)(era * 146097 + doe - 719468);
	return IFGW_OK;
}

void ifgw_date_to_ymd(int32_t date, int *year, int *month, int *day)
{
	int64_t z = (int64_t)date + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)(y + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

int ifgw_date_weekday(int32_t date)
{
	/* 1970-01-01 was a Thursday (4). */
	int64_t w = ((int64_t)date + 3) % 7;

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

static int digits(const char *s, size_t n, int *out)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int ifgw_date_parse(int32_t *out, const char *s, size_t len)
{
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
	    !digits(s + 8, 2, &d))
		return ifgw_error_set(IFGW_EINVAL, "date '%.*s' is not YYYY-MM-DD", (int)(len > 40 ? 40 : len), s);
	return ifgw_date_from_ymd(out, y, m, d);
}

/* Write v as exactly n decimal digits (v is known to fit). */
static char *put_digits(char *p, unsigned v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

void ifgw_date_format(int32_t date, char out[IFGW_DATE_STRLEN])
{
	int y, m, d;
	char *p = out;

	ifgw_date_to_ymd(date, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0; /* outside what from_ymd accepts: print an obviously wrong year */
	p = put_digits(p, (unsigned)y, 4);
	*p++ = '-';
	p = put_digits(p, (unsigned)m, 2);
	*p++ = '-';
	p = put_digits(p, (unsigned)d, 2);
	*p = '\0';
}

int ifgw_datetime_parse(int64_t *out, const char *s)
{
	size_t len = strlen(s);
	int32_t date;
	int hh, mm, ss, oh, om;
	int64_t offset = 0;
	const char *z;

	if (len == 10) {
		if (ifgw_date_parse(&date, s, len))
			return IFGW_EINVAL;
		*out = (int64_t)date * IFGW_SECONDS_PER_DAY;
		return IFGW_OK;
	}
	if (len < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || !digits(s + 11, 2, &hh) ||
	    !digits(s + 14, 2, &mm) || !digits(s + 17, 2, &ss) || hh > 23 || mm > 59 || ss > 59)
		goto bad;
	z = s + 19;
	if (strcmp(z, "Z") == 0) {
		offset = 0;
	} else if ((z[0] == '+' || z[0] == '-') && strlen(z) == 6 && z[3] == ':' && digits(z + 1, 2, &oh) &&
		   digits(z + 4, 2, &om) && oh <= 23 && om <= 59) {
		offset = (int64_t)(oh * 3600 + om * 60) * (z[0] == '-' ? -1 : 1);
	} else {
		goto bad;
	}
	if (ifgw_date_parse(&date, s, 10))
		return IFGW_EINVAL;
	*out = (int64_t)date * IFGW_SECONDS_PER_DAY + hh * 3600 + mm * 60 + ss - offset;
	return IFGW_OK;
bad:
	return ifgw_error_set(IFGW_EINVAL, "time '%.40s' is not YYYY-MM-DDTHH:MM:SSZ", s);
}

int32_t ifgw_datetime_date(int64_t t)
{
	int64_t d = t / IFGW_SECONDS_PER_DAY;

	if (t % IFGW_SECONDS_PER_DAY < 0)
		d--;
	return (int32_t)d;
}

void ifgw_datetime_format(int64_t t, char out[IFGW_DATETIME_STRLEN])
{
	int32_t date = ifgw_datetime_date(t);
	unsigned sec = (unsigned)(t - (int64_t)date * IFGW_SECONDS_PER_DAY);
	char *p = out;

	ifgw_date_format(date, out);
	p += 10;
	*p++ = 'T';
	p = put_digits(p, sec / 3600, 2);
	*p++ = ':';
	p = put_digits(p, sec / 60 % 60, 2);
	*p++ = ':';
	p = put_digits(p, sec % 60, 2);
	*p++ = 'Z';
	*p = '\0';
}
