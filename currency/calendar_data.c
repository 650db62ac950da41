/* calendar_data.c: strict parser for calendar data files (format in
 * calendar_int.h).  The files are shipped with ifgw, but a wrong line would
 * silently move money deadlines, so every deviation is refused by line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/datadir.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

static const struct {
	const char *word;
	int kind;
} kinds[] = {
	{"holiday", IFGW_CALENDAR_HOLIDAY},
	{"working", IFGW_CALENDAR_WORKING},
	{"halfday", IFGW_CALENDAR_HALFDAY},
	{"cancel", IFGW_CALENDAR_DATA_CANCEL},
};

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* Printable UTF-8 without control characters, no leading or trailing space. */
static bool name_ok(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	if (n == 0 || n > IFGW_CALENDAR_NAME_MAX || p[0] == ' ' || p[n - 1] == ' ')
		return false;
	while (i < n) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			return false;
		if ((k = utf8_len(p + i, n - i)) == 0)
			return false;
		i += k;
	}
	return true;
}

/* "YYYY-YYYY" with 4-digit years in the range computus and dates support. */
static bool parse_years(const char *s, size_t n, int *first, int *last)
{
	size_t i;
	int a = 0, b = 0;

	if (n != 9 || s[4] != '-')
		return false;
	for (i = 0; i < 9; i++) {
		if (i == 4)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (i < 4)
			a = a * 10 + (s[i] - '0');
		else
			b = b * 10 + (s[i] - '0');
	}
	if (a < 1583 || b < a)
		return false;
	*first = a;
	*last = b;
	return true;
}

static int add_line(struct ifgw_calendar_data *d, size_t *cap, int32_t date, int kind, const char *name,
		    size_t name_len, unsigned line)
{
	struct ifgw_calendar_data_line *grown;
	size_t ncap;
	char *copy;

	if (d->count == *cap) {
		if (*cap >= IFGW_CALENDAR_MAX_ENTRIES)
			return ifgw_error_set(IFGW_EOVERFLOW, "%s:%u: more than %d lines", d->where, line,
					      IFGW_CALENDAR_MAX_ENTRIES);
		ncap = *cap ? *cap * 2 : 64;
		grown = realloc(d->lines, ncap * sizeof(*grown));
		if (!grown)
			return ifgw_error_set(IFGW_ENOMEM, "%s:%u: out of memory", d->where, line);
		d->lines = grown;
		*cap = ncap;
	}
	copy = malloc(name_len + 1);
	if (!copy)
		return ifgw_error_set(IFGW_ENOMEM, "%s:%u: out of memory", d->where, line);
	memcpy(copy, name, name_len);
	copy[name_len] = '\0';
	d->lines[d->count].date = date;
	d->lines[d->count].kind = kind;
	d->lines[d->count].name = copy;
	d->lines[d->count].line = line;
	d->count++;
	return IFGW_OK;
}

/* One "date TAB kind TAB name" line. */
static int parse_entry(struct ifgw_calendar_data *d, size_t *cap, const char *s, size_t n, unsigned line)
{
	const char *tab1, *tab2, *name;
	struct ifgw_error kept;
	size_t klen, nlen, i;
	int32_t date;
	int kind = -1, y, m, day, rc;
	char text[IFGW_DATE_STRLEN];

	tab1 = memchr(s, '\t', n);
	tab2 = tab1 ? memchr(tab1 + 1, '\t', n - (size_t)(tab1 + 1 - s)) : NULL;
	if (!tab2)
		return ifgw_error_set(IFGW_EPARSE, "%s:%u: expected DATE<TAB>KIND<TAB>NAME", d->where, line);
	ifgw_error_save(&kept); /* replaced by a message that says where */
	rc = ifgw_date_parse(&date, s, (size_t)(tab1 - s));
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK)
		return ifgw_error_set(IFGW_EPARSE, "%s:%u: date '%.*s' is not a valid YYYY-MM-DD", d->where, line,
				      (int)((tab1 - s) > 20 ? 20 : (tab1 - s)), s);
	klen = (size_t)(tab2 - tab1 - 1);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i].word) == klen && memcmp(kinds[i].word, tab1 + 1, klen) == 0)
			kind = kinds[i].kind;
	if (kind < 0)
		return ifgw_error_set(IFGW_EPARSE,
				      "%s:%u: kind '%.*s' is not holiday, working, halfday or cancel", d->where,
				      line, (int)(klen > 20 ? 20 : klen), tab1 + 1);
	name = tab2 + 1;
	nlen = n - (size_t)(name - s);
	if (!name_ok(name, nlen))
		return ifgw_error_set(IFGW_EPARSE,
				      "%s:%u: name must be 1 to %d bytes of printable UTF-8 without tabs or "
				      "surrounding spaces",
				      d->where, line, IFGW_CALENDAR_NAME_MAX);
	ifgw_date_to_ymd(date, &y, &m, &day);
	ifgw_date_format(date, text);
	if (y < d->first_year || y > d->last_year)
		return ifgw_error_set(IFGW_EPARSE, "%s:%u: %s is outside the covered years %d-%d", d->where, line,
				      text, d->first_year, d->last_year);
	if (d->count > 0 && date < d->lines[d->count - 1].date)
		return ifgw_error_set(IFGW_EPARSE, "%s:%u: %s is before the previous line's date", d->where, line,
				      text);
	for (i = d->count; i > 0 && d->lines[i - 1].date == date; i--)
		if (d->lines[i - 1].kind == kind)
			return ifgw_error_set(IFGW_EPARSE, "%s:%u: %s is listed twice with the same kind (line %u)",
					      d->where, line, text, d->lines[i - 1].line);
	if (kind == IFGW_CALENDAR_WORKING && !ifgw_calendar_is_weekend(date))
		return ifgw_error_set(IFGW_EPARSE, "%s:%u: working day %s is not a Saturday or Sunday", d->where,
				      line, text);
	return add_line(d, cap, date, kind, name, nlen, line);
}

int ifgw_calendar_data_parse(struct ifgw_calendar_data *out, const char *where, const char *text, size_t len)
{
	struct ifgw_calendar_data d;
	const char *p = text, *end = text + len, *eol;
	size_t n, cap = 0;
	unsigned line = 0;
	bool have_years = false;
	int rc = IFGW_OK;

	memset(out, 0, sizeof(*out));
	memset(&d, 0, sizeof(d));
	d.where = strdup(where ? where : "(calendar data)");
	if (!d.where)
		return ifgw_error_set(IFGW_ENOMEM, "calendar data: out of memory");
	if (len > 0 && memchr(text, '\0', len)) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s: contains a NUL byte", d.where);
		goto out;
	}
	while (p < end) {
		line++;
		eol = memchr(p, '\n', (size_t)(end - p));
		n = eol ? (size_t)(eol - p) : (size_t)(end - p);
		if (n > 0 && p[n - 1] == '\r') {
			rc = ifgw_error_set(IFGW_EPARSE, "%s:%u: CR line ending (use LF)", d.where, line);
			goto out;
		}
		if (n == 0 || p[0] == '#') {
			/* blank or comment */
		} else if (!have_years) {
			if (n < 6 || memcmp(p, "years\t", 6) != 0 ||
			    !parse_years(p + 6, n - 6, &d.first_year, &d.last_year)) {
				rc = ifgw_error_set(IFGW_EPARSE,
						    "%s:%u: first line must be years<TAB>YYYY-YYYY (first <= last, "
						    "from 1583)",
						    d.where, line);
				goto out;
			}
			have_years = true;
		} else if ((rc = parse_entry(&d, &cap, p, n, line)) != IFGW_OK) {
			goto out;
		}
		p += n + (eol != NULL);
	}
	if (!have_years) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s: no years<TAB>YYYY-YYYY line", d.where);
		goto out;
	}
	*out = d;
	memset(&d, 0, sizeof(d)); /* handed to the caller */
out:
	ifgw_calendar_data_free(&d);
	return rc;
}

int ifgw_calendar_data_load(struct ifgw_calendar_data *out, const char *relpath)
{
	struct ifgw_buf path, text;
	int rc;

	memset(out, 0, sizeof(*out));
	ifgw_buf_init(&path, 4096);
	ifgw_buf_init(&text, IFGW_CALENDAR_DATA_MAX_BYTES);
	if ((rc = ifgw_datadir_find(&path, relpath)) != IFGW_OK)
		goto out;
	if ((rc = ifgw_file_read(&text, path.ptr)) != IFGW_OK)
		goto out;
	rc = ifgw_calendar_data_parse(out, path.ptr, ifgw_buf_cstr(&text), text.len);
out:
	ifgw_buf_free(&path);
	ifgw_buf_free(&text);
	return rc;
}

void ifgw_calendar_data_free(struct ifgw_calendar_data *data)
{
	size_t i;

	for (i = 0; i < data->count; i++)
		free(data->lines[i].name);
	free(data->lines);
	free(data->where);
	memset(data, 0, sizeof(*data));
}
