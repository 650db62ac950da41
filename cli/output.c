/* output.c: table, CSV and JSON from one list of typed cells (output.h). */
#include "config.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "adapters/charset.h"
#include "base/date.h"
#include "base/error.h"
#include "cli/output.h"

/* The most a rendered table may take: a listing is read by a person or a
 * script, never gigabytes. */
#define OUTPUT_MAX ((size_t)1 << 30)

/* One cell, kept in its canonical text: the amount's decimals for money, the
 * RFC 3339 text for times, the decimal digits for integers. */
struct cell {
	int none;          /* no value */
	char *text;        /* NUL-terminated; len bytes (text may hold NUL) */
	size_t len;
	int64_t num;       /* IFGW_OUTPUT_INT */
	char ccy[4];       /* IFGW_OUTPUT_MONEY */
};

struct ifgw_output {
	enum ifgw_output_format format;
	struct ifgw_output_column *cols;
	size_t ncols;
	struct cell *cells; /* rows * ncols, then the current row's cells */
	size_t ncells, cap;
	size_t rows;
};

static const char *const format_names[] = { "table", "csv", "json" };

int ifgw_output_format_parse(enum ifgw_output_format *out, const char *text)
{
	size_t i;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(text);
	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
		if (strcmp(text, format_names[i]) == 0) {
			*out = (enum ifgw_output_format)i;
			return IFGW_OK;
		}
	}
	return ifgw_error_set(IFGW_EUSAGE, "--format: '%s': expected table, csv or json", text);
}

const char *ifgw_output_format_name(enum ifgw_output_format f)
{
	if ((size_t)f < sizeof(format_names) / sizeof(format_names[0]))
		return format_names[f];
	return "?";
}

int ifgw_output_new(struct ifgw_output **out, enum ifgw_output_format f, const struct ifgw_output_column *cols,
		    size_t n)
{
	struct ifgw_output *o = NULL;
	size_t i, j;
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cols);
	IFGW_ASSERT_ARG(n > 0);
	IFGW_ASSERT_ARG((size_t)f <= IFGW_OUTPUT_JSON);
	*out = NULL;
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(cols[i].name, cols[j].name) == 0) { /* one JSON key, one CSV header each */
				rc = ifgw_error_set(IFGW_EINVAL, "output: column '%s' named twice", cols[i].name);
				goto out;
			}
	if (!(o = calloc(1, sizeof(*o))) || !(o->cols = calloc(n, sizeof(*o->cols)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "output: out of memory");
		goto out;
	}
	memcpy(o->cols, cols, n * sizeof(*cols));
	o->ncols = n;
	o->format = f;
	*out = o;
	o = NULL; /* the caller's */
out:
	ifgw_output_free(o);
	return rc;
}

void ifgw_output_free(struct ifgw_output *o)
{
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->ncells; i++)
		free(o->cells[i].text);
	free(o->cells);
	free(o->cols);
	free(o);
}

size_t ifgw_output_rows(const struct ifgw_output *o)
{
	return o ? o->rows : 0;
}

/* The next cell, checked against its column's type (type < 0: any). */
static int next_cell(struct cell **out, struct ifgw_output *o, int type)
{
	size_t col;
	struct cell *grown;

	IFGW_ASSERT_ARG(o);
	col = o->ncells - o->rows * o->ncols;
	if (col >= o->ncols)
		return ifgw_error_set(IFGW_EINVAL, "output: row %zu has more cells than its %zu columns", o->rows + 1,
				      o->ncols);
	if (type >= 0 && (int)o->cols[col].type != type)
		return ifgw_error_set(IFGW_EINVAL, "output: column '%s': a value of another type", o->cols[col].name);
	if (o->ncells == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 64;

		if (cap > SIZE_MAX / sizeof(*o->cells))
			return ifgw_error_set(IFGW_EOVERFLOW, "output: too many cells");
		if (!(grown = realloc(o->cells, cap * sizeof(*o->cells))))
			return ifgw_error_set(IFGW_ENOMEM, "output: out of memory");
		o->cells = grown;
		o->cap = cap;
	}
	*out = &o->cells[o->ncells++];
	memset(*out, 0, sizeof(**out));
	return IFGW_OK;
}

static int cell_set(struct cell *c, const char *s, size_t len)
{
	if (!(c->text = malloc(len + 1)))
		return ifgw_error_set(IFGW_ENOMEM, "output: out of memory");
	memcpy(c->text, s, len);
	c->text[len] = '\0';
	c->len = len;
	return IFGW_OK;
}

int ifgw_output_textn(struct ifgw_output *o, const char *s, size_t len)
{
	struct cell *c;
	int rc;

	if (!s)
		len = 0;
	if ((rc = next_cell(&c, o, IFGW_OUTPUT_TEXT)) != IFGW_OK)
		return rc;
	if (!s) {
		c->none = 1;
		return IFGW_OK;
	}
	return cell_set(c, s, len);
}

int ifgw_output_text(struct ifgw_output *o, const char *s)
{
	return ifgw_output_textn(o, s, s ? strlen(s) : 0);
}

int ifgw_output_int(struct ifgw_output *o, int64_t v)
{
	char digits[24];
	struct cell *c;
	int rc, n;

	if ((rc = next_cell(&c, o, IFGW_OUTPUT_INT)) != IFGW_OK)
		return rc;
	c->num = v;
	n = snprintf(digits, sizeof(digits), "%" PRId64, v);
	return cell_set(c, digits, (size_t)n);
}

int ifgw_output_money(struct ifgw_output *o, const struct ifgw_money *m)
{
	char amount[IFGW_MONEY_STRLEN];
	struct cell *c;
	int rc;

	if ((rc = next_cell(&c, o, IFGW_OUTPUT_MONEY)) != IFGW_OK)
		return rc;
	if (!m || !m->ccy) {
		c->none = 1;
		return IFGW_OK;
	}
	ifgw_money_format(amount, m);
	memcpy(c->ccy, m->ccy->code, sizeof(c->ccy));
	c->ccy[3] = '\0';
	return cell_set(c, amount, strlen(amount));
}

int ifgw_output_time(struct ifgw_output *o, int64_t t)
{
	char text[IFGW_DATETIME_STRLEN];
	struct cell *c;
	int rc;

	if ((rc = next_cell(&c, o, IFGW_OUTPUT_TIME)) != IFGW_OK)
		return rc;
	ifgw_datetime_format(t, text);
	return cell_set(c, text, strlen(text));
}

int ifgw_output_date(struct ifgw_output *o, int32_t day)
{
	char text[IFGW_DATE_STRLEN];
	struct cell *c;
	int rc;

	if ((rc = next_cell(&c, o, IFGW_OUTPUT_DATE)) != IFGW_OK)
		return rc;
	ifgw_date_format(day, text);
	return cell_set(c, text, strlen(text));
}

int ifgw_output_none(struct ifgw_output *o)
{
	struct cell *c;
	int rc;

	if ((rc = next_cell(&c, o, -1)) != IFGW_OK)
		return rc;
	c->none = 1;
	return IFGW_OK;
}

int ifgw_output_row_end(struct ifgw_output *o)
{
	size_t col;

	IFGW_ASSERT_ARG(o);
	col = o->ncells - o->rows * o->ncols;
	if (col != o->ncols)
		return ifgw_error_set(IFGW_EINVAL, "output: row %zu has %zu cells for %zu columns", o->rows + 1, col,
				      o->ncols);
	o->rows++;
	return IFGW_OK;
}

/* ---- table ---- */

/* What a person sees of a cell: control bytes as '?' (a newline would break
 * the row), money with its code. */
static int table_text(struct ifgw_buf *out, const struct ifgw_output_column *col, const struct cell *c)
{
	size_t i;
	int rc = IFGW_OK;

	if (c->none)
		return ifgw_buf_addc(out, '-');
	for (i = 0; i < c->len && rc == IFGW_OK; i++) {
		unsigned char u = (unsigned char)c->text[i];

		rc = ifgw_buf_addc(out, (u < 0x20 || u == 0x7f) ? '?' : (char)u);
	}
	if (rc == IFGW_OK && col->type == IFGW_OUTPUT_MONEY)
		rc = ifgw_buf_addf(out, " %s", c->ccy);
	return rc;
}

/* Width on a terminal: UTF-8 characters (a continuation byte adds none);
 * wide East Asian characters count as one. */
static size_t text_width(const char *s, size_t len)
{
	size_t i, w = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

static int right_aligned(enum ifgw_output_type t)
{
	return t == IFGW_OUTPUT_INT || t == IFGW_OUTPUT_MONEY;
}

static int pad(struct ifgw_buf *out, size_t n)
{
	int rc = IFGW_OK;

	while (n-- > 0 && rc == IFGW_OK)
		rc = ifgw_buf_addc(out, ' ');
	return rc;
}

/* One line: cells separated by two spaces, no trailing blanks. */
static int table_line(struct ifgw_buf *out, const struct ifgw_output *o, char **texts, const size_t *width)
{
	size_t col, w, last;
	int rc = IFGW_OK;

	last = o->ncols - 1;
	for (col = 0; col < o->ncols && rc == IFGW_OK; col++) {
		w = text_width(texts[col], strlen(texts[col]));
		if (col > 0)
			rc = ifgw_buf_addstr(out, "  ");
		if (rc == IFGW_OK && right_aligned(o->cols[col].type))
			rc = pad(out, width[col] - w);
		if (rc == IFGW_OK)
			rc = ifgw_buf_addstr(out, texts[col]);
		if (rc == IFGW_OK && !right_aligned(o->cols[col].type) && col < last)
			rc = pad(out, width[col] - w);
	}
	if (rc == IFGW_OK)
		rc = ifgw_buf_addc(out, '\n');
	return rc;
}

static int render_table(const struct ifgw_output *o, struct ifgw_buf *out)
{
	char **texts = NULL; /* header, then every cell, shown */
	size_t *width = NULL;
	size_t i, n = o->ncols + o->ncells, row;
	struct ifgw_buf one;
	int rc = IFGW_OK;

	ifgw_buf_init(&one, OUTPUT_MAX);
	if (!(texts = calloc(n, sizeof(*texts))) || !(width = calloc(o->ncols, sizeof(*width)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "output: out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		size_t col = i % o->ncols, w;

		ifgw_buf_reset(&one);
		if (i < o->ncols)
			rc = ifgw_buf_addstr(&one, o->cols[col].name);
		else
			rc = table_text(&one, &o->cols[col], &o->cells[i - o->ncols]);
		if (rc != IFGW_OK)
			goto out;
		if (!(texts[i] = strdup(ifgw_buf_cstr(&one)))) {
			rc = ifgw_error_set(IFGW_ENOMEM, "output: out of memory");
			goto out;
		}
		w = text_width(texts[i], strlen(texts[i]));
		if (w > width[col])
			width[col] = w;
	}
	for (row = 0; row <= o->rows && rc == IFGW_OK; row++)
		rc = table_line(out, o, texts + row * o->ncols, width);
out:
	if (texts)
		for (i = 0; i < n; i++)
			free(texts[i]);
	free(texts);
	free(width);
	ifgw_buf_free(&one);
	return rc;
}

/* ---- csv ---- */

/* RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes
 * doubled. */
static int csv_field(struct ifgw_buf *out, const char *s, size_t len)
{
	size_t i;
	int rc = IFGW_OK;

	if (!memchr(s, ',', len) && !memchr(s, '"', len) && !memchr(s, '\r', len) && !memchr(s, '\n', len))
		return ifgw_buf_add(out, s, len);
	rc = ifgw_buf_addc(out, '"');
	for (i = 0; i < len && rc == IFGW_OK; i++) {
		if (s[i] == '"')
			rc = ifgw_buf_addc(out, '"');
		if (rc == IFGW_OK)
			rc = ifgw_buf_addc(out, s[i]);
	}
	if (rc == IFGW_OK)
		rc = ifgw_buf_addc(out, '"');
	return rc;
}

static int render_csv(const struct ifgw_output *o, struct ifgw_buf *out)
{
	size_t col, i;
	int rc = IFGW_OK;

	for (col = 0; col < o->ncols && rc == IFGW_OK; col++) {
		const char *name = o->cols[col].name;

		if (col > 0)
			rc = ifgw_buf_addc(out, ',');
		if (rc == IFGW_OK)
			rc = csv_field(out, name, strlen(name));
		if (rc == IFGW_OK && o->cols[col].type == IFGW_OUTPUT_MONEY)
			rc = ifgw_buf_addf(out, ",%s_currency", name);
	}
	if (rc == IFGW_OK)
		rc = ifgw_buf_addstr(out, "\r\n");
	for (i = 0; i < o->ncells && rc == IFGW_OK; i++) {
		const struct cell *c = &o->cells[i];

		col = i % o->ncols;
		if (col > 0)
			rc = ifgw_buf_addc(out, ',');
		if (rc == IFGW_OK && !c->none)
			rc = csv_field(out, c->text, c->len);
		if (rc == IFGW_OK && o->cols[col].type == IFGW_OUTPUT_MONEY)
			rc = ifgw_buf_addf(out, ",%s", c->none ? "" : c->ccy);
		if (rc == IFGW_OK && col == o->ncols - 1)
			rc = ifgw_buf_addstr(out, "\r\n");
	}
	return rc;
}

/* ---- json ---- */

/* Text as a JSON string: bytes that are not UTF-8 become U+FFFD (jansson
 * refuses them, and a listing should still show the rest). */
static json_t *json_text(const char *s, size_t len)
{
	struct ifgw_buf fixed;
	json_t *j = NULL;
	uint32_t cp;
	size_t i, n;

	if ((j = json_stringn(s, len)))
		return j;
	ifgw_buf_init(&fixed, OUTPUT_MAX);
	for (i = 0; i < len; i += n) {
		n = ifgw_utf8_decode(&cp, s + i, len - i);
		if (n == 0) {
			if (ifgw_buf_addstr(&fixed, "\xEF\xBF\xBD") != IFGW_OK)
				goto out;
			n = 1;
		} else if (ifgw_buf_add(&fixed, s + i, n) != IFGW_OK) {
			goto out;
		}
	}
	j = json_stringn(ifgw_buf_cstr(&fixed), fixed.len);
out:
	ifgw_buf_free(&fixed);
	return j;
}

static json_t *json_cell(const struct ifgw_output_column *col, const struct cell *c)
{
	json_t *j;

	if (c->none)
		return json_null();
	switch (col->type) {
	case IFGW_OUTPUT_INT:
		return json_integer((json_int_t)c->num);
	case IFGW_OUTPUT_MONEY:
		j = json_object();
		if (j && (json_object_set_new(j, "amount", json_stringn(c->text, c->len)) != 0 ||
			  json_object_set_new(j, "currency", json_string(c->ccy)) != 0)) {
			json_decref(j);
			j = NULL;
		}
		return j;
	case IFGW_OUTPUT_TEXT:
	case IFGW_OUTPUT_TIME:
	case IFGW_OUTPUT_DATE:
	default:
		return json_text(c->text, c->len);
	}
}

/* "[", one object a line, "]": valid JSON that a person can still read and
 * a line tool can still grep. */
static int render_json(const struct ifgw_output *o, struct ifgw_buf *out)
{
	json_t *obj = NULL;
	char *line = NULL;
	size_t row, col;
	int rc = IFGW_OK;

	if (o->rows == 0)
		return ifgw_buf_addstr(out, "[]\n");
	rc = ifgw_buf_addstr(out, "[\n");
	for (row = 0; row < o->rows && rc == IFGW_OK; row++) {
		if (!(obj = json_object())) {
			rc = ifgw_error_set(IFGW_ENOMEM, "output: out of memory");
			goto out;
		}
		for (col = 0; col < o->ncols; col++) {
			json_t *v = json_cell(&o->cols[col], &o->cells[row * o->ncols + col]);

			if (!v || json_object_set_new(obj, o->cols[col].name, v) != 0) {
				rc = ifgw_error_set(IFGW_ENOMEM, "output: column '%s': cannot make its JSON value",
						    o->cols[col].name);
				goto out;
			}
		}
		if (!(line = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER))) {
			rc = ifgw_error_set(IFGW_ENOMEM, "output: out of memory");
			goto out;
		}
		rc = ifgw_buf_addf(out, "%s%s\n", line, row + 1 < o->rows ? "," : "");
		free(line);
		line = NULL;
		json_decref(obj);
		obj = NULL;
	}
	if (rc == IFGW_OK)
		rc = ifgw_buf_addstr(out, "]\n");
out:
	free(line);
	json_decref(obj);
	return rc;
}

int ifgw_output_render(struct ifgw_output *o, struct ifgw_buf *out)
{
	int rc;

	IFGW_ASSERT_ARG(o);
	IFGW_ASSERT_ARG(out);
	if (o->ncells != o->rows * o->ncols)
		return ifgw_error_set(IFGW_EINVAL, "output: row %zu is not ended", o->rows + 1);
	switch (o->format) {
	case IFGW_OUTPUT_CSV:
		rc = render_csv(o, out);
		break;
	case IFGW_OUTPUT_JSON:
		rc = render_json(o, out);
		break;
	case IFGW_OUTPUT_TABLE:
	default:
		rc = render_table(o, out);
		break;
	}
	return rc;
}

int ifgw_output_write(struct ifgw_output *o, FILE *f)
{
	struct ifgw_buf b;
	int rc;

	IFGW_ASSERT_ARG(f);
	ifgw_buf_init(&b, OUTPUT_MAX);
	if ((rc = ifgw_output_render(o, &b)) != IFGW_OK)
		goto out;
	if ((b.len > 0 && fwrite(b.ptr, 1, b.len, f) != b.len) || fflush(f) != 0)
		rc = ifgw_error_set(IFGW_EIO, "output: cannot write the %s output", ifgw_output_format_name(o->format));
out:
	ifgw_buf_free(&b);
	return rc;
}
