/* output.h: the one table writer of every listing command (--format).
 *
 * A command declares its columns (a name and a type), adds its rows cell by
 * cell, left to right, then writes the whole table in the format the user
 * asked for.  docs/cli-output.md describes the three formats and every
 * command's columns:
 *
 *   table  for people: a header, columns aligned (numbers and money to the
 *          right), money with its currency's decimals and code, "-" for no
 *          value; control characters shown as '?'.
 *   csv    RFC 4180: a header row, CRLF line ends, quoted fields where needed;
 *          a money column is two fields, NAME (decimal text) and
 *          NAME_currency (the ISO 4217 code); no value: an empty field.
 *   json   an array of objects (one per row, one line each), keys the column
 *          names in order; money {"amount":"12.34","currency":"EUR"} (exact
 *          decimal text, never a number), times and dates strings, integers
 *          numbers, no value null; text that is not UTF-8 gets U+FFFD.
 *
 *     static const struct ifgw_output_column cols[] = {
 *             { "id", IFGW_OUTPUT_TEXT }, { "amount", IFGW_OUTPUT_MONEY },
 *     };
 *     rc = ifgw_output_new(&o, fmt, cols, 2);
 *     ... ifgw_output_text(o, id); ifgw_output_money(o, &amount); ifgw_output_row_end(o); ...
 *     rc = ifgw_output_write(o, stdout);
 *     ifgw_output_free(o);
 *
 * Rows are kept until written (a table is aligned over all of them). */
#ifndef IFGW_CLI_OUTPUT_H
#define IFGW_CLI_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"
#include "currency/money.h"

enum ifgw_output_format {
	IFGW_OUTPUT_TABLE = 0, /* the default */
	IFGW_OUTPUT_CSV = 1,
	IFGW_OUTPUT_JSON = 2,
};

enum ifgw_output_type {
	IFGW_OUTPUT_TEXT = 0,  /* UTF-8 text */
	IFGW_OUTPUT_INT = 1,   /* int64_t */
	IFGW_OUTPUT_MONEY = 2, /* struct ifgw_money: minor units and currency */
	IFGW_OUTPUT_TIME = 3,  /* int64_t seconds since 1970 UTC: "2027-01-04T09:00:00Z" */
	IFGW_OUTPUT_DATE = 4,  /* int32_t day number (base/date.h): "2027-01-04" */
};

struct ifgw_output_column {
	const char *name; /* the header, the CSV field and the JSON key: lower case, [a-z0-9_] */
	enum ifgw_output_type type;
};

struct ifgw_output;

/* The text of an option's help line, for every listing command's usage. */
#define IFGW_OUTPUT_FORMAT_HELP "--format table|csv|json  output format (default table; docs/cli-output.md)"

/* "table" | "csv" | "json" into *out; else IFGW_EUSAGE "--format: 'xml': expected table, csv or json". */
int ifgw_output_format_parse(enum ifgw_output_format *out, const char *text);
const char *ifgw_output_format_name(enum ifgw_output_format f);

/* A writer for n columns (the array is copied; names must outlive the writer). */
int ifgw_output_new(struct ifgw_output **out, enum ifgw_output_format f, const struct ifgw_output_column *cols,
		    size_t n);
void ifgw_output_free(struct ifgw_output *o);

/* The next cell of the current row.  Each call must match its column's type
 * (else IFGW_EINVAL naming the column); a row holds exactly one cell per
 * column. */
int ifgw_output_text(struct ifgw_output *o, const char *s);          /* s NULL: no value */
int ifgw_output_textn(struct ifgw_output *o, const char *s, size_t len); /* may hold NUL bytes: shown as '?' or \u0000 */
int ifgw_output_int(struct ifgw_output *o, int64_t v);
int ifgw_output_money(struct ifgw_output *o, const struct ifgw_money *m); /* m NULL or m->ccy NULL: no value */
int ifgw_output_time(struct ifgw_output *o, int64_t t);
int ifgw_output_date(struct ifgw_output *o, int32_t day);
int ifgw_output_none(struct ifgw_output *o);                         /* no value, any type */
/* End the current row: IFGW_EINVAL when a cell is missing. */
int ifgw_output_row_end(struct ifgw_output *o);

/* Rows ended so far. */
size_t ifgw_output_rows(const struct ifgw_output *o);

/* The whole table in its format appended to out (IFGW_EINVAL when a row is
 * not ended). */
int ifgw_output_render(struct ifgw_output *o, struct ifgw_buf *out);
/* ifgw_output_render to f, flushed; IFGW_EIO when the write fails. */
int ifgw_output_write(struct ifgw_output *o, FILE *f);

#endif
