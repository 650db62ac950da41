/* csv.c: RFC 4180 records over a buffer in memory (see csv.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "gateway/ingest/csv.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define TOO_LONG "record longer than the limit of " STR(IFGW_INGEST_CSV_RECORD_MAX) " bytes"
#define TOO_MANY "more than " STR(IFGW_INGEST_CSV_COLUMNS_MAX) " fields in a record"

int ifgw_ingest_csv_open(struct ingest_csv *r, const char *data, size_t len, char delim)
{
	IFGW_ASSERT_ARG(r);
	IFGW_ASSERT_ARG(data || !len);

	memset(r, 0, sizeof(*r));
	r->p = data;
	r->end = data + len;
	r->line = 1;
	r->delim = delim;
	r->scratch = malloc(IFGW_INGEST_CSV_RECORD_MAX);
	if (!r->scratch)
		return ifgw_error_set(IFGW_ENOMEM, "csv: out of memory");
	return IFGW_OK;
}

void ifgw_ingest_csv_close(struct ingest_csv *r)
{
	free(r->scratch);
	r->scratch = NULL;
}

/* Skip past the end of the current physical line (error recovery). */
static void skip_line(struct ingest_csv *r)
{
	while (r->p < r->end && *r->p != '\n' && *r->p != '\r')
		r->p++;
	if (r->p < r->end) {
		if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
			r->p++;
		r->p++;
		r->line++;
	}
}

static int fail(struct ingest_csv *r, const char *why)
{
	snprintf(r->err, sizeof(r->err), "%s", why);
	r->err_line = r->line;
	skip_line(r);
	return -1;
}

/* A quoted field starting at r->p (on the opening quote). */
static int quoted(struct ingest_csv *r, size_t *used)
{
	const char *s = r->p + 1, *q;
	char *dst = NULL;
	size_t dlen = 0;
	unsigned open_line = r->line;

	for (;;) {
		q = memchr(s, '"', (size_t)(r->end - s));
		if (!q) {
			char why[96];

			snprintf(why, sizeof(why), "quote opened on line %u is never closed", open_line);
			/* Nothing after it can be trusted: stop at the end. */
			for (; s < r->end; s++)
				if (*s == '\n' || (*s == '\r' && (s + 1 == r->end || s[1] != '\n')))
					r->line++;
			r->p = r->end;
			snprintf(r->err, sizeof(r->err), "%s", why);
			r->err_line = open_line;
			return -1;
		}
		for (const char *c = s; c < q; c++) /* count line breaks inside the quotes */
			if (*c == '\n' || (*c == '\r' && (c + 1 == q || c[1] != '\n')))
				r->line++;
		if (q + 1 < r->end && q[1] == '"') {
			/* A doubled quote: the field must be copied without it. */
			size_t chunk = (size_t)(q + 1 - s);

			if (*used + dlen + chunk > IFGW_INGEST_CSV_RECORD_MAX)
				return fail(r, TOO_LONG);
			if (!dst)
				dst = r->scratch + *used;
			memcpy(dst + dlen, s, chunk);
			dlen += chunk;
			s = q + 2;
			continue;
		}
		if (dst) {
			size_t chunk = (size_t)(q - s);

			if (*used + dlen + chunk > IFGW_INGEST_CSV_RECORD_MAX)
				return fail(r, TOO_LONG);
			memcpy(dst + dlen, s, chunk);
			dlen += chunk;
			r->field[r->n] = dst;
			r->len[r->n] = dlen;
			*used += dlen;
		} else {
			r->field[r->n] = r->p + 1;
			r->len[r->n] = (size_t)(q - (r->p + 1));
		}
		r->p = q + 1;
		if (r->p < r->end && *r->p != r->delim && *r->p != '\n' && *r->p != '\r')
			return fail(r, "text after a closing quote (a quote inside a field is written \"\")");
		return 0;
	}
}

int ifgw_ingest_csv_next(struct ingest_csv *r)
{
	for (;;) {
		const char *rec_start;
		size_t used = 0;
		int all_empty = 1;

		if (r->p >= r->end)
			return 0;
		r->n = 0;
		r->rec_line = r->line;
		rec_start = r->p;
		for (;;) {
			if (r->n == IFGW_INGEST_CSV_COLUMNS_MAX)
				return fail(r, TOO_MANY);
			if (r->p < r->end && *r->p == '"') {
				if (quoted(r, &used) != 0)
					return -1;
			} else {
				const char *s = r->p;

				while (r->p < r->end && *r->p != r->delim && *r->p != '\n' && *r->p != '\r') {
					if (*r->p == '"')
						return fail(r, "quote inside an unquoted field (quote the whole field "
							       "and write the quote as \"\")");
					r->p++;
				}
				r->field[r->n] = s;
				r->len[r->n] = (size_t)(r->p - s);
			}
			if (r->len[r->n])
				all_empty = 0;
			r->n++;
			if ((size_t)(r->p - rec_start) > IFGW_INGEST_CSV_RECORD_MAX)
				return fail(r, TOO_LONG);
			if (r->p < r->end && *r->p == r->delim) {
				r->p++;
				continue;
			}
			break; /* end of line or of input */
		}
		if (r->p < r->end) { /* the line break: LF, CRLF or CR */
			if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
				r->p++;
			r->p++;
			r->line++;
		}
		if (!all_empty)
			return 1;
	}
}

char ifgw_ingest_csv_detect_delimiter(const char *data, size_t len)
{
	size_t comma = 0, semi = 0, tab = 0, i;
	int inq = 0;

	for (i = 0; i < len; i++) {
		char c = data[i];

		if (c == '"')
			inq = !inq;
		else if (!inq && (c == '\n' || c == '\r'))
			break;
		else if (!inq && c == ',')
			comma++;
		else if (!inq && c == ';')
			semi++;
		else if (!inq && c == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}
