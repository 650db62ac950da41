/* rates_csv.c: the ECB CSV forms of the reference rates.
 *
 * History (eurofxref-hist.csv):  Date,USD,JPY,...,ZAR,
 *                                2026-04-13,1.1684,186.75,N/A,...,
 * Daily (eurofxref.csv):         Date, USD, JPY, ..., ZAR,
 *                                13 April 2026, 1.1684, 186.75, ...,
 * Both: a header naming the currencies, one row per date, N/A for no rate,
 * each line ending with a comma.  Fields are trimmed of spaces, so one
 * parser reads both.  A row must have exactly the header's fields, trailing
 * comma included: a file cut short in its last row is caught.  No quoting:
 * the ECB never quotes a field. */
#include "config.h"

#define IFGW_RATES_INTERNAL
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#include "currency/rates_int.h"

static const char *const month_names[12] = {
	"January", "February", "March",     "April",   "May",      "June",
	"July",    "August",   "September", "October", "November", "December",
};

struct csv_field {
	const char *p;
	size_t len;
};

/* Next field of the line [*pos, end): trimmed text in f; *pos moves past the
 * comma.  Returns 1 when the field ended with a comma, 0 at the line's end. */
static int next_field(struct csv_field *f, const char **pos, const char *end)
{
	const char *p = *pos, *q;
	int comma;

	q = memchr(p, ',', (size_t)(end - p));
	comma = q != NULL;
	if (!q)
		q = end;
	*pos = comma ? q + 1 : end;
	while (p < q && (*p == ' ' || *p == '\t'))
		p++;
	while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	f->p = p;
	f->len = (size_t)(q - p);
	return comma;
}

/* Up to max digits at s[*i]; their count. */
static int digits(unsigned *out, const char *s, size_t len, size_t *i, int max)
{
	int n = 0;

	*out = 0;
	while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9') {
		*out = *out * 10 + (unsigned)(s[*i] - '0');
		(*i)++;
		n++;
	}
	return n;
}

/* "13 April 2026" (the daily CSV); 0 on success. */
static int parse_long_date(int32_t *out, const char *s, size_t len)
{
	unsigned day, year;
	size_t i = 0, n = 0, m;

	if (digits(&day, s, len, &i, 2) == 0 || i >= len || s[i++] != ' ')
		return -1;
	for (m = 0; m < 12; m++) {
		n = strlen(month_names[m]);
		if (len - i > n && memcmp(s + i, month_names[m], n) == 0 && s[i + n] == ' ')
			break;
	}
	if (m == 12)
		return -1;
	i += n + 1;
	if (digits(&year, s, len, &i, 4) != 4 || i != len || year == 0)
		return -1;
	/* Checked here so that ifgw_date_from_ymd cannot fail (no message to undo). */
	if (day < 1 || (int)day > ifgw_date_days_in_month((int)year, (int)m + 1))
		return -1;
	return ifgw_date_from_ymd(out, (int)year, (int)m + 1, (int)day) == IFGW_OK ? 0 : -1;
}

static int row_date(struct ifgw_rates_builder *b, const struct csv_field *f, uint32_t line)
{
	char q[IFGW_RATES_QUOTE_SIZE];
	int32_t date;

	if (f->len > 0 && f->len != 10 && memchr(f->p, ' ', f->len)) {
		if (parse_long_date(&date, f->p, f->len) == 0)
			return ifgw_rates_builder_date(b, date, line);
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: date '%s' is not a valid date ('13 April 2026' or YYYY-MM-DD)",
				      b->name, line, ifgw_rates_quote(q, f->p, f->len));
	}
	return ifgw_rates_builder_date_text(b, f->p, f->len, line);
}

static int is_blank(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != ' ' && *p != '\t')
			return 0;
	return 1;
}

struct csv_header {
	uint16_t cols[IFGW_RATESET_MAX_CURRENCIES]; /* builder column of each field after Date */
	size_t ncodes;
	int trailing_comma; /* the ECB's: every row must have it too */
};

/* "Date,USD,JPY,...," -> h. */
static int parse_header(struct csv_header *h, struct ifgw_rates_builder *b, const char *pos, const char *stop,
			uint32_t line)
{
	unsigned char used[IFGW_RATESET_MAX_CURRENCIES];
	struct csv_field f;
	size_t col;
	int comma, rc = IFGW_OK;

	memset(used, 0, sizeof(used));
	comma = next_field(&f, &pos, stop);
	if (f.len != 4 || memcmp(f.p, "Date", 4) != 0)
		return ifgw_error_set(IFGW_EPARSE, "%s:%u: CSV header does not start with 'Date'", b->name, line);
	while (comma && rc == IFGW_OK) {
		comma = next_field(&f, &pos, stop);
		if (f.len == 0 && !comma) {
			h->trailing_comma = 1;
		} else if (f.len == 0) {
			rc = ifgw_error_set(IFGW_EPARSE, "%s:%u: header field %zu is empty", b->name, line, h->ncodes + 2);
		} else if (h->ncodes == IFGW_RATESET_MAX_CURRENCIES) {
			rc = ifgw_error_set(IFGW_EOVERFLOW, "%s:%u: more than %d currencies", b->name, line,
					    IFGW_RATESET_MAX_CURRENCIES);
		} else if ((rc = ifgw_rates_builder_currency(&col, b, f.p, f.len, line)) != IFGW_OK) {
			break;
		} else if (used[col]) {
			rc = ifgw_error_set(IFGW_EPARSE, "%s:%u: currency %s appears twice in the header", b->name, line,
					    b->cols[col]->code);
		} else {
			used[col] = 1;
			h->cols[h->ncodes++] = (uint16_t)col;
		}
	}
	if (rc == IFGW_OK && h->ncodes == 0)
		rc = ifgw_error_set(IFGW_EPARSE, "%s:%u: CSV header names no currency", b->name, line);
	return rc;
}

/* "2026-04-13,1.1684,N/A,...," */
static int parse_row(struct ifgw_rates_builder *b, const struct csv_header *h, const char *pos, const char *stop,
		     uint32_t line)
{
	struct csv_field f;
	size_t i, fields = 1, want = 1 + h->ncodes + (h->trailing_comma ? 1 : 0);
	const char *c;
	int rc;

	/* Count first: a row cut short (a truncated file) is named as such. */
	for (c = pos; (c = memchr(c, ',', (size_t)(stop - c))) != NULL; c++)
		fields++;
	if (fields != want)
		return ifgw_error_set(IFGW_EPARSE, "%s:%u: row has %zu fields, the header %zu%s", b->name, line, fields,
				      want, fields < want ? " (truncated?)" : "");
	next_field(&f, &pos, stop);
	if ((rc = row_date(b, &f, line)) != IFGW_OK)
		return rc;
	for (i = 0; i < h->ncodes; i++) {
		next_field(&f, &pos, stop);
		if (f.len == 3 && memcmp(f.p, "N/A", 3) == 0)
			continue; /* no rate that day */
		if ((rc = ifgw_rates_builder_rate(b, h->cols[i], f.p, f.len, line)) != IFGW_OK)
			return rc;
	}
	if (h->trailing_comma) {
		next_field(&f, &pos, stop);
		if (f.len != 0)
			return ifgw_error_set(IFGW_EPARSE, "%s:%u: text after the last comma", b->name, line);
	}
	return IFGW_OK;
}

int ifgw_rates_parse_csv(struct ifgw_rates_builder *b, const char *data, size_t len)
{
	struct csv_header h;
	const char *p = data, *end = data + len, *eol, *stop;
	uint32_t line = 0;
	int have_header = 0, rc = IFGW_OK;

	memset(&h, 0, sizeof(h));
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p < end && rc == IFGW_OK; p = eol < end ? eol + 1 : end) {
		line++;
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		stop = eol > p && eol[-1] == '\r' ? eol - 1 : eol; /* CRLF: the CR is in no field */
		if (is_blank(p, stop))
			continue;
		if (!have_header) {
			rc = parse_header(&h, b, p, stop, line);
			have_header = 1;
		} else {
			rc = parse_row(b, &h, p, stop, line);
		}
	}
	return rc;
}
