/* rates.c: exact decimal rates, the rate-set builder, look-ups (see rates.h).
 *
 * The file parsers (rates_xml.c, rates_csv.c) feed a builder that checks
 * every value as it arrives.  The finished set is a dense matrix, one row per
 * publication date and one column per currency, where a cell with no rate
 * that day carries the latest earlier rate and the row it came from; plus a
 * day -> row table.  A look-up is then two array reads: no search. */
#include "config.h"

#define IFGW_RATES_INTERNAL
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/datadir.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "currency/rates.h"
#include "currency/rates_int.h"

#define QUOTE_MAX (IFGW_RATES_QUOTE_SIZE - 4) /* bytes of bad input a message quotes */
#define RATE_TEXT_MAX 40                      /* 12 digits leave room for a few zeros, no more */
#define STR_(x) #x
#define STR(x) STR_(x)

/* One matrix cell, packed in 64 bits so that a row of 41 currencies spans
 * few cache lines: the rate in force on the row's date (value < 10^12 <
 * 2^40, scale <= 12) and 1 + the row it was published on (0: never yet). */
#define CELL_VALUE_BITS 40
#define CELL_SCALE_BITS 4
#define CELL_FROM_BITS 20
#define CELL_MAX_ROWS ((1u << CELL_FROM_BITS) - 1)
static inline uint64_t cell_make(int64_t value, unsigned scale, size_t row)
{
	return (uint64_t)value | (uint64_t)scale << CELL_VALUE_BITS |
	       (uint64_t)(row + 1) << (CELL_VALUE_BITS + CELL_SCALE_BITS);
}

static inline int64_t cell_value(uint64_t c)
{
	return (int64_t)(c & ((1ull << CELL_VALUE_BITS) - 1));
}

static inline uint8_t cell_scale(uint64_t c)
{
	return (uint8_t)(c >> CELL_VALUE_BITS & ((1u << CELL_SCALE_BITS) - 1));
}

/* Row the rate was published on, or -1. */
static inline int32_t cell_from(uint64_t c)
{
	return (int32_t)(c >> (CELL_VALUE_BITS + CELL_SCALE_BITS)) - 1;
}

struct ifgw_rateset {
	char *source;
	size_t ndates;
	int32_t *dates; /* ascending */
	size_t ncols;
	const struct ifgw_currency *cols[IFGW_RATESET_MAX_CURRENCIES];
	uint64_t *cells; /* ndates x ncols cells (see cell_make), row-major */
	int32_t *day_row;        /* day - dates[0] -> last row dated on or before that day */
	size_t nspan;
	size_t nfuture; /* publications after the clock, ignored at load */
	int16_t col_of[IFGW_RATES_CODE_SLOTS];
};

static const char eur_code[] = "EUR";

const char *ifgw_rates_quote(char out[IFGW_RATES_QUOTE_SIZE], const char *s, size_t len)
{
	size_t i, n = len > QUOTE_MAX ? QUOTE_MAX : len;

	for (i = 0; i < n; i++)
		out[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	if (len > n) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}

/* ---- rates ---- */

/* Parse a rate; NULL on success, else why not (no message is set). */
static const char *rate_parse(struct ifgw_rate *out, const char *s, size_t len)
{
	size_t i, dot = len, end, sig = 0;
	int64_t value = 0;
	int nonzero = 0;

	if (len == 0)
		return "is empty";
	if (s[0] == '-')
		return "is negative";
	if (len > RATE_TEXT_MAX)
		return "is too long";
	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (dot != len)
				return "has two decimal points";
			dot = i;
		} else if (s[i] == 'e' || s[i] == 'E') {
			return "uses exponent notation";
		} else if (s[i] < '0' || s[i] > '9') {
			return "is not a decimal number";
		}
	}
	if (dot == 0 || dot == len - 1)
		return "is not a decimal number";
	/* Trailing zeros of the fraction carry no value: drop them. */
	end = len;
	if (dot != len) {
		while (end > dot + 1 && s[end - 1] == '0')
			end--;
		if (end == dot + 1)
			end = dot;
	}
	if (end > dot && end - dot - 1 > IFGW_RATE_MAX_SCALE)
		return "has more than " STR(IFGW_RATE_MAX_SCALE) " decimals";
	for (i = 0; i < end; i++) {
		if (i == dot)
			continue;
		if (s[i] != '0')
			nonzero = 1;
		if (nonzero && ++sig > IFGW_RATE_MAX_DIGITS)
			return "has more than " STR(IFGW_RATE_MAX_DIGITS) " significant digits";
		value = value * 10 + (s[i] - '0');
	}
	if (!nonzero)
		return "is zero";
	out->value = value;
	out->scale = (uint8_t)(end > dot ? end - dot - 1 : 0);
	return NULL;
}

int ifgw_rate_parse(struct ifgw_rate *out, const char *text, size_t len)
{
	char q[IFGW_RATES_QUOTE_SIZE];
	struct ifgw_rate r;
	const char *why = rate_parse(&r, text, len);

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(text || !len);

	if (why)
		return ifgw_error_set(IFGW_EINVAL, "rate '%s' %s", ifgw_rates_quote(q, text, len), why);
	*out = r;
	return IFGW_OK;
}

void ifgw_rate_format(char out[IFGW_RATE_STRLEN], const struct ifgw_rate *r)
{
	char digits[24];
	int n = 0, i, pos = 0, scale = r->scale;
	uint64_t v = r->value < 0 ? 0 : (uint64_t)r->value;

	if (scale > IFGW_RATE_MAX_SCALE)
		scale = IFGW_RATE_MAX_SCALE;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n <= scale)
		digits[n++] = '0';
	for (i = n - 1; i >= 0; i--) {
		out[pos++] = digits[i];
		if (i == scale && scale > 0)
			out[pos++] = '.';
	}
	out[pos] = '\0';
}

int ifgw_rate_equal(const struct ifgw_rate *a, const struct ifgw_rate *b)
{
	return a->value == b->value && a->scale == b->scale;
}

/* ---- builder ---- */

int ifgw_rates_builder_init(struct ifgw_rates_builder *b, const char *name)
{
	size_t span;
	int rc;

	memset(b, 0, sizeof(*b));
	b->name = name;
	memset(b->col_of, 0xff, sizeof(b->col_of));
	if ((rc = ifgw_date_from_ymd(&b->min_date, 1999, 1, 4)) != IFGW_OK)
		return rc;
	b->max_date = ifgw_clock_today();
	span = b->max_date >= b->min_date ? (size_t)(b->max_date - b->min_date) + 1 : 1;
	b->seen_line = calloc(span, sizeof(*b->seen_line));
	if (!b->seen_line)
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", name);
	return IFGW_OK;
}

void ifgw_rates_builder_free(struct ifgw_rates_builder *b)
{
	free(b->dates);
	free(b->cells);
	free(b->seen_line);
	b->dates = NULL;
	b->cells = NULL;
	b->seen_line = NULL;
}

/* Grow an array of *cap elements of size `size` to hold need; doubling. */
static int grow(void **ptr, size_t *cap, size_t need, size_t size, const char *name)
{
	size_t ncap = *cap ? *cap : 64;
	void *p;

	if (need <= *cap)
		return IFGW_OK;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / size)
			return ifgw_error_set(IFGW_EOVERFLOW, "%s: too many rates", name);
		ncap *= 2;
	}
	p = realloc(*ptr, ncap * size);
	if (!p)
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", name);
	*ptr = p;
	*cap = ncap;
	return IFGW_OK;
}

int ifgw_rates_builder_currency(size_t *col, struct ifgw_rates_builder *b, const char *code, size_t len,
				uint32_t line)
{
	char q[IFGW_RATES_QUOTE_SIZE], text[4];
	const struct ifgw_currency *c;
	int slot = -1;

	if (len == 3) {
		memcpy(text, code, 3);
		text[3] = '\0';
		slot = ifgw_rates_code_slot(text);
	}
	if (slot < 0)
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: currency '%s' is not a three-letter code", b->name, line,
				      ifgw_rates_quote(q, code, len));
	if (b->col_of[slot] >= 0) {
		*col = (size_t)b->col_of[slot];
		return IFGW_OK;
	}
	if (strcmp(text, eur_code) == 0)
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: currency EUR has no rate per 1 EUR", b->name, line);
	c = ifgw_currency_find(text);
	if (!c)
		return ifgw_error_set(IFGW_ENOTFOUND, "%s:%u: unknown currency %s (not in ISO 4217)", b->name, line,
				      text);
	if (b->ncols == IFGW_RATESET_MAX_CURRENCIES)
		return ifgw_error_set(IFGW_EOVERFLOW, "%s:%u: more than %d currencies", b->name, line,
				      IFGW_RATESET_MAX_CURRENCIES);
	b->cols[b->ncols] = c;
	b->col_stamp[b->ncols] = 0;
	b->col_of[slot] = (int16_t)b->ncols;
	*col = b->ncols++;
	return IFGW_OK;
}

int ifgw_rates_builder_date(struct ifgw_rates_builder *b, int32_t date, uint32_t line)
{
	char text[IFGW_DATE_STRLEN];
	struct ifgw_rates_date_in *d;
	uint32_t *seen;
	int rc;

	ifgw_date_format(date, text);
	if (date < b->min_date)
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: date %s is before the first ECB rates (%s)", b->name, line,
				      text, IFGW_RATES_FIRST_DATE_TEXT);
	/* A publication after the clock (a file fetched later than the --now
	 * being replayed, or a clock behind the ECB's) cannot be used yet; the
	 * rest of the file still can. */
	b->skipping = date > b->max_date;
	if (b->skipping) {
		b->nfuture++;
		return IFGW_OK;
	}
	seen = &b->seen_line[date - b->min_date];
	if (*seen)
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: date %s appears twice (first on line %u)", b->name, line, text,
				      *seen);
	*seen = line ? line : 1;
	if ((rc = grow((void **)&b->dates, &b->dates_cap, b->ndates + 1, sizeof(*b->dates), b->name)) != IFGW_OK)
		return rc;
	d = &b->dates[b->ndates++];
	d->date = date;
	d->line = line;
	d->first_cell = b->ncells;
	d->ncells = 0;
	return IFGW_OK;
}

int ifgw_rates_builder_date_text(struct ifgw_rates_builder *b, const char *text, size_t len, uint32_t line)
{
	char q[IFGW_RATES_QUOTE_SIZE];
	struct ifgw_error kept;
	int32_t date;
	int rc;

	ifgw_error_save(&kept); /* replaced by a message that says where */
	rc = ifgw_date_parse(&date, text, len);
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK)
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: date '%s' is not a valid YYYY-MM-DD date", b->name, line,
				      ifgw_rates_quote(q, text, len));
	return ifgw_rates_builder_date(b, date, line);
}

int ifgw_rates_builder_rate(struct ifgw_rates_builder *b, size_t col, const char *text, size_t len, uint32_t line)
{
	char q[IFGW_RATES_QUOTE_SIZE];
	struct ifgw_rates_cell_in *c;
	struct ifgw_rate r;
	const char *why;
	int rc;

	if (b->ndates == 0 && !b->skipping)
		return ifgw_error_set(IFGW_EPARSE, "%s:%u: %s rate outside a dated publication", b->name, line,
				      b->cols[col]->code);
	if (!b->skipping && b->col_stamp[col] == b->ndates)
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: %s quoted twice on one date", b->name, line,
				      b->cols[col]->code);
	/* Checked even when the date is skipped: a malformed file is refused whatever its dates. */
	if ((why = rate_parse(&r, text, len)) != NULL)
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: %s rate '%s' %s", b->name, line, b->cols[col]->code,
				      ifgw_rates_quote(q, text, len), why);
	if (b->skipping)
		return IFGW_OK;
	if ((rc = grow((void **)&b->cells, &b->cells_cap, b->ncells + 1, sizeof(*b->cells), b->name)) != IFGW_OK)
		return rc;
	b->col_stamp[col] = (uint32_t)b->ndates;
	c = &b->cells[b->ncells++];
	c->value = r.value;
	c->scale = r.scale;
	c->col = (uint16_t)col;
	b->dates[b->ndates - 1].ncells++;
	return IFGW_OK;
}

static int date_in_cmp(const void *a, const void *b)
{
	int32_t x = ((const struct ifgw_rates_date_in *)a)->date, y = ((const struct ifgw_rates_date_in *)b)->date;

	return (x > y) - (x < y);
}

int ifgw_rates_builder_finish(struct ifgw_rateset **out, struct ifgw_rates_builder *b)
{
	char today[IFGW_DATE_STRLEN];
	struct ifgw_rateset *rs = NULL;
	size_t i, j, k;
	int rc = IFGW_OK;

	if (b->ndates == 0 && b->nfuture > 0) {
		ifgw_date_format(b->max_date, today);
		rc = ifgw_error_set(IFGW_EINVAL, "%s: every publication in the file is after today (%s)", b->name, today);
		goto out;
	}
	if (b->ndates == 0) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s: no publication dates in the file", b->name);
		goto out;
	}
	if (b->ndates > CELL_MAX_ROWS) { /* unreachable before the year 4000: one date a day since 1999 */
		rc = ifgw_error_set(IFGW_EOVERFLOW, "%s: more than %u dates", b->name, CELL_MAX_ROWS);
		goto out;
	}
	/* ECB files run newest first; the set wants oldest first. */
	qsort(b->dates, b->ndates, sizeof(*b->dates), date_in_cmp);
	rs = calloc(1, sizeof(*rs));
	if (!rs || !(rs->source = strdup(b->name))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", b->name);
		goto out;
	}
	rs->ndates = b->ndates;
	rs->nfuture = b->nfuture;
	rs->ncols = b->ncols;
	memcpy(rs->cols, b->cols, sizeof(rs->cols));
	memcpy(rs->col_of, b->col_of, sizeof(rs->col_of));
	rs->nspan = (size_t)(b->dates[b->ndates - 1].date - b->dates[0].date) + 1;
	rs->dates = malloc(rs->ndates * sizeof(*rs->dates));
	rs->day_row = malloc(rs->nspan * sizeof(*rs->day_row));
	/* ndates <= days since 1999 and ncols <= IFGW_RATESET_MAX_CURRENCIES: no overflow. */
	rs->cells = malloc((rs->ndates * rs->ncols + 1) * sizeof(*rs->cells));
	if (!rs->dates || !rs->day_row || !rs->cells) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", b->name);
		goto out;
	}
	for (i = 0; i < rs->ndates; i++) {
		const struct ifgw_rates_date_in *d = &b->dates[i];
		uint64_t *row = &rs->cells[i * rs->ncols];

		rs->dates[i] = d->date;
		for (j = 0; j < rs->ncols; j++)
			row[j] = i > 0 ? rs->cells[(i - 1) * rs->ncols + j] : 0; /* carried forward; 0 = none */
		for (k = 0; k < d->ncells; k++) {
			const struct ifgw_rates_cell_in *c = &b->cells[d->first_cell + k];

			row[c->col] = cell_make(c->value, c->scale, i);
		}
	}
	for (i = 0, k = 0; k < rs->nspan; k++) {
		while (i + 1 < rs->ndates && rs->dates[i + 1] <= rs->dates[0] + (int32_t)k)
			i++;
		rs->day_row[k] = (int32_t)i;
	}
	*out = rs;
	rs = NULL; /* the caller owns it now */
out:
	ifgw_rateset_free(rs);
	return rc;
}

/* ---- loading ---- */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int ifgw_rateset_load_memory(struct ifgw_rateset **out, const void *data, size_t len, const char *name)
{
	struct ifgw_rates_builder *b = NULL;
	const char *p = data, *end = p + len;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(data || !len);

	if (!name)
		name = "<memory>";
	if (len > IFGW_RATES_MAX_FILE)
		return ifgw_error_set(IFGW_EOVERFLOW, "%s: larger than the %u-byte limit for rates files", name,
				      IFGW_RATES_MAX_FILE);
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && is_space(*p))
		p++;
	if (p == end)
		return ifgw_error_set(IFGW_EPARSE, "%s: empty file: no ECB rates in it", name);
	b = malloc(sizeof(*b));
	if (!b)
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", name);
	if ((rc = ifgw_rates_builder_init(b, name)) != IFGW_OK)
		goto out;
	if (*p == '<')
		rc = ifgw_rates_parse_xml(b, data, len);
	else if (end - p >= 4 && memcmp(p, "Date", 4) == 0)
		rc = ifgw_rates_parse_csv(b, data, len);
	else
		rc = ifgw_error_set(IFGW_EPARSE, "%s:1: not an ECB rates file (neither XML nor CSV starting with 'Date')",
				    name);
	if (rc == IFGW_OK)
		rc = ifgw_rates_builder_finish(out, b);
out:
	ifgw_rates_builder_free(b);
	free(b);
	return rc;
}

int ifgw_rateset_load_file(struct ifgw_rateset **out, const char *path)
{
	struct ifgw_buf data;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(path);

	ifgw_buf_init(&data, IFGW_RATES_MAX_FILE);
	if ((rc = ifgw_file_read(&data, path)) == IFGW_OK)
		rc = ifgw_rateset_load_memory(out, data.ptr ? data.ptr : "", data.len, path);
	ifgw_buf_free(&data);
	return rc;
}

int ifgw_rateset_load_default(struct ifgw_rateset **out)
{
	struct ifgw_buf path;
	int rc;

	IFGW_ASSERT_ARG(out);

	ifgw_buf_init(&path, 4096);
	if ((rc = ifgw_datadir_find(&path, IFGW_RATES_DEFAULT_FILE)) == IFGW_OK)
		rc = ifgw_rateset_load_file(out, path.ptr);
	ifgw_buf_free(&path);
	return rc;
}

void ifgw_rateset_free(struct ifgw_rateset *rs)
{
	if (!rs)
		return;
	free(rs->source);
	free(rs->dates);
	free(rs->cells);
	free(rs->day_row);
	free(rs);
}

/* ---- queries ---- */

const char *ifgw_rateset_source(const struct ifgw_rateset *rs)
{
	return rs->source;
}

size_t ifgw_rateset_date_count(const struct ifgw_rateset *rs)
{
	return rs->ndates;
}

int32_t ifgw_rateset_date_at(const struct ifgw_rateset *rs, size_t i)
{
	return rs->dates[i];
}

size_t ifgw_rateset_ignored_future(const struct ifgw_rateset *rs)
{
	return rs->nfuture;
}

int32_t ifgw_rateset_first_date(const struct ifgw_rateset *rs)
{
	return rs->dates[0];
}

int32_t ifgw_rateset_last_date(const struct ifgw_rateset *rs)
{
	return rs->dates[rs->ndates - 1];
}

/* Row of the latest publication on or before as_of, or -1. */
static int32_t row_for(const struct ifgw_rateset *rs, int32_t as_of)
{
	int64_t k = (int64_t)as_of - rs->dates[0];

	if (k < 0)
		return -1;
	if ((uint64_t)k >= rs->nspan)
		return (int32_t)rs->ndates - 1;
	return rs->day_row[k];
}

static int stale(const char *what, int32_t published, int32_t as_of, int32_t max_age_days)
{
	char p[IFGW_DATE_STRLEN], a[IFGW_DATE_STRLEN];
	int64_t age = (int64_t)as_of - published;

	ifgw_date_format(published, p);
	ifgw_date_format(as_of, a);
	return ifgw_error_set(IFGW_ESTALE, "ECB rates%s%s are stale: latest %s is %lld day%s before %s (limit %ld)",
			      what ? " for " : "", what ? what : "", p, (long long)age, age == 1 ? "" : "s", a,
			      (long)max_age_days);
}

int ifgw_rateset_lookup(struct ifgw_rate *out, int32_t *published, const struct ifgw_rateset *rs,
			const struct ifgw_currency *ccy, int32_t as_of, int32_t max_age_days)
{
	char a[IFGW_DATE_STRLEN];
	uint64_t cell;
	int32_t row, pub, from;
	int slot, col;

	if (!rs || !ccy)
		return ifgw_error_set(IFGW_EINVAL, "rate look-up: no %s given", rs ? "currency" : "rate set");
	row = row_for(rs, as_of);
	slot = ifgw_rates_code_slot(ccy->code);
	col = slot >= 0 ? rs->col_of[slot] : -1;
	if (row >= 0 && col >= 0) {
		cell = rs->cells[(size_t)row * rs->ncols + (size_t)col];
		if ((from = cell_from(cell)) < 0)
			goto none;
		pub = rs->dates[from];
		if (max_age_days >= 0 && (int64_t)as_of - pub > max_age_days)
			return stale(ccy->code, pub, as_of, max_age_days);
		if (out) {
			out->value = cell_value(cell);
			out->scale = cell_scale(cell);
		}
	} else if (row >= 0 && memcmp(ccy->code, eur_code, 4) == 0) {
		pub = rs->dates[row];
		if (max_age_days >= 0 && (int64_t)as_of - pub > max_age_days)
			return stale(ccy->code, pub, as_of, max_age_days);
		if (out) {
			out->value = 1;
			out->scale = 0;
		}
	} else {
		goto none;
	}
	if (published)
		*published = pub;
	return IFGW_OK;
none:
	ifgw_date_format(as_of, a);
	return ifgw_error_set(IFGW_ENOTFOUND, "no ECB rate for %s on or before %s", ccy->code, a);
}

/* The rate of ccy in publication row r exactly, or IFGW_ENOTFOUND naming
 * the date it was last quoted (no message is kept on success). */
static int rate_in_row(struct ifgw_rate *out, const struct ifgw_rateset *rs, const struct ifgw_currency *ccy,
		       int32_t r)
{
	char p[IFGW_DATE_STRLEN], l[IFGW_DATE_STRLEN];
	int slot = ifgw_rates_code_slot(ccy->code);
	int col = slot >= 0 ? rs->col_of[slot] : -1;
	uint64_t cell;
	int32_t from;

	if (memcmp(ccy->code, eur_code, 4) == 0) {
		out->value = 1;
		out->scale = 0;
		return IFGW_OK;
	}
	cell = col >= 0 ? rs->cells[(size_t)r * rs->ncols + (size_t)col] : 0;
	from = col >= 0 ? cell_from(cell) : -1;
	ifgw_date_format(rs->dates[r], p);
	if (from < 0) /* as ifgw_rateset_lookup says it */
		return ifgw_error_set(IFGW_ENOTFOUND, "no ECB rate for %s on or before %s", ccy->code, p);
	if (from != r) {
		ifgw_date_format(rs->dates[from], l);
		return ifgw_error_set(IFGW_ENOTFOUND, "no ECB rate for %s in the publication of %s (last quoted %s)",
				      ccy->code, p, l);
	}
	out->value = cell_value(cell);
	out->scale = cell_scale(cell);
	return IFGW_OK;
}

int ifgw_rateset_lookup_pair(struct ifgw_rate *a_out, struct ifgw_rate *b_out, int32_t *published,
			     const struct ifgw_rateset *rs, const struct ifgw_currency *a, const struct ifgw_currency *b,
			     int32_t as_of, int32_t max_age_days)
{
	char d[IFGW_DATE_STRLEN];
	struct ifgw_rate ra, rb;
	int32_t r;
	int rc;

	if (!rs || !a || !b)
		return ifgw_error_set(IFGW_EINVAL, "rate look-up: no %s given", rs ? "currency" : "rate set");
	if ((r = row_for(rs, as_of)) < 0) {
		ifgw_date_format(as_of, d);
		return ifgw_error_set(IFGW_ENOTFOUND, "no ECB rate for %s on or before %s", a->code, d);
	}
	if (max_age_days >= 0 && (int64_t)as_of - rs->dates[r] > max_age_days)
		return stale(a->code, rs->dates[r], as_of, max_age_days);
	if ((rc = rate_in_row(&ra, rs, a, r)) != IFGW_OK || (rc = rate_in_row(&rb, rs, b, r)) != IFGW_OK)
		return rc;
	if (a_out)
		*a_out = ra;
	if (b_out)
		*b_out = rb;
	if (published)
		*published = rs->dates[r];
	return IFGW_OK;
}

int ifgw_rateset_list(struct ifgw_rate_entry *out, size_t cap, size_t *count, int32_t *published,
		      const struct ifgw_rateset *rs, int32_t as_of, int32_t max_age_days)
{
	char a[IFGW_DATE_STRLEN];
	const uint64_t *row;
	int32_t r;
	size_t j, n = 0;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(count);

	if (!rs)
		return ifgw_error_set(IFGW_EINVAL, "rate listing: no rate set given");
	if ((r = row_for(rs, as_of)) < 0) {
		ifgw_date_format(as_of, a);
		return ifgw_error_set(IFGW_ENOTFOUND, "no ECB rates on or before %s", a);
	}
	if (max_age_days >= 0 && (int64_t)as_of - rs->dates[r] > max_age_days)
		return stale(NULL, rs->dates[r], as_of, max_age_days);
	row = &rs->cells[(size_t)r * rs->ncols];
	for (j = 0; j < rs->ncols; j++) {
		if (cell_from(row[j]) != r)
			continue; /* not published that day */
		if (n == cap)
			return ifgw_error_set(IFGW_EOVERFLOW, "rate listing: more than %zu currencies", cap);
		out[n].ccy = rs->cols[j];
		out[n].per_eur.value = cell_value(row[j]);
		out[n].per_eur.scale = cell_scale(row[j]);
		n++;
	}
	*count = n;
	if (published)
		*published = rs->dates[r];
	return IFGW_OK;
}
