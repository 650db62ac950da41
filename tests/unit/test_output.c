/* test_output.c: the listing commands' table, CSV and JSON (cli/output.h). */
#include "config.h"

#include <jansson.h>
#include <stdint.h>

#include "base/date.h"
#include "cli/output.h" /* checksrc: allow layer (a pure formatter: its exact bytes are tested here, not through every command) */
#include "currency/iso4217.h"
#include "currency/money.h"
#include "testutil.h"

static const struct ifgw_output_column cols[] = {
	{ "id", IFGW_OUTPUT_TEXT },
	{ "n", IFGW_OUTPUT_INT },
	{ "amount", IFGW_OUTPUT_MONEY },
	{ "at", IFGW_OUTPUT_TIME },
	{ "due", IFGW_OUTPUT_DATE },
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

static struct ifgw_money money(int64_t minor, const char *code)
{
	struct ifgw_money m = { minor, ifgw_currency_find(code) };

	ck_assert_ptr_nonnull(m.ccy);
	return m;
}

/* 2027-01-04T09:00:00Z */
static int64_t t0(void)
{
	int64_t t;

	ck_assert_ok(ifgw_datetime_parse(&t, "2027-01-04T09:00:00Z"));
	return t;
}

static int32_t day(const char *s)
{
	int32_t d;

	ck_assert_ok(ifgw_date_parse(&d, s, strlen(s)));
	return d;
}

/* Two rows: a plain one and one full of what formats must escape; a third
 * with no values. */
static struct ifgw_output *sample(enum ifgw_output_format f)
{
	struct ifgw_output *o;
	struct ifgw_money a = money(123456, "EUR"), b = money(-5, "JPY");

	ck_assert_ok(ifgw_output_new(&o, f, cols, NCOLS));
	ck_assert_ok(ifgw_output_text(o, "INV-1"));
	ck_assert_ok(ifgw_output_int(o, 42));
	ck_assert_ok(ifgw_output_money(o, &a));
	ck_assert_ok(ifgw_output_time(o, t0()));
	ck_assert_ok(ifgw_output_date(o, day("2027-02-28")));
	ck_assert_ok(ifgw_output_row_end(o));
	ck_assert_ok(ifgw_output_text(o, "a,\"b\"\nc"));
	ck_assert_ok(ifgw_output_int(o, INT64_MIN));
	ck_assert_ok(ifgw_output_money(o, &b));
	ck_assert_ok(ifgw_output_time(o, 0));
	ck_assert_ok(ifgw_output_date(o, 0));
	ck_assert_ok(ifgw_output_row_end(o));
	ck_assert_ok(ifgw_output_text(o, NULL));
	ck_assert_ok(ifgw_output_none(o));
	ck_assert_ok(ifgw_output_money(o, NULL));
	ck_assert_ok(ifgw_output_none(o));
	ck_assert_ok(ifgw_output_none(o));
	ck_assert_ok(ifgw_output_row_end(o));
	ck_assert_uint_eq(ifgw_output_rows(o), 3);
	return o;
}

static void render_eq(struct ifgw_output *o, const char *want)
{
	struct ifgw_buf b;

	ifgw_buf_init(&b, 1 << 20);
	ck_assert_ok(ifgw_output_render(o, &b));
	ck_assert_str_eq(ifgw_buf_cstr(&b), want);
	ifgw_buf_free(&b);
}

START_TEST(format_names)
{
	enum ifgw_output_format f = IFGW_OUTPUT_JSON;

	ck_assert_ok(ifgw_output_format_parse(&f, "table"));
	ck_assert_int_eq(f, IFGW_OUTPUT_TABLE);
	ck_assert_ok(ifgw_output_format_parse(&f, "csv"));
	ck_assert_int_eq(f, IFGW_OUTPUT_CSV);
	ck_assert_ok(ifgw_output_format_parse(&f, "json"));
	ck_assert_int_eq(f, IFGW_OUTPUT_JSON);
	ck_assert_str_eq(ifgw_output_format_name(IFGW_OUTPUT_CSV), "csv");
	ck_assert_fails(ifgw_output_format_parse(&f, "JSON"), IFGW_EUSAGE, "'JSON': expected table, csv or json");
	ck_assert_fails(ifgw_output_format_parse(&f, ""), IFGW_EUSAGE, "--format");
	ck_assert_int_eq(f, IFGW_OUTPUT_JSON); /* untouched by a refusal */
}
END_TEST

/* Aligned columns, numbers and money to the right, money with its code,
 * control characters as '?', no value as '-', no trailing blanks. */
START_TEST(table)
{
	struct ifgw_output *o = sample(IFGW_OUTPUT_TABLE);

	render_eq(o, "id                          n       amount  at                    due\n"
		     "INV-1                      42  1234.56 EUR  2027-01-04T09:00:00Z  2027-02-28\n"
		     "a,\"b\"?c  -9223372036854775808       -5 JPY  1970-01-01T00:00:00Z  1970-01-01\n"
		     "-                           -            -  -                     -\n");
	ifgw_output_free(o);
}
END_TEST

/* Width counts characters, not bytes: "é" is one column. */
START_TEST(table_utf8_width)
{
	static const struct ifgw_output_column two[] = { { "name", IFGW_OUTPUT_TEXT }, { "x", IFGW_OUTPUT_TEXT } };
	struct ifgw_output *o;

	ck_assert_ok(ifgw_output_new(&o, IFGW_OUTPUT_TABLE, two, 2));
	ck_assert_ok(ifgw_output_text(o, "Société"));
	ck_assert_ok(ifgw_output_text(o, "1"));
	ck_assert_ok(ifgw_output_row_end(o));
	ck_assert_ok(ifgw_output_text(o, "ABCDEFGH"));
	ck_assert_ok(ifgw_output_text(o, "2"));
	ck_assert_ok(ifgw_output_row_end(o));
	render_eq(o, "name      x\n"
		     "Société   1\n"
		     "ABCDEFGH  2\n");
	ifgw_output_free(o);
}
END_TEST

/* RFC 4180: header, CRLF, quotes doubled inside quoted fields; money as two
 * fields; no value empty. */
START_TEST(csv)
{
	struct ifgw_output *o = sample(IFGW_OUTPUT_CSV);

	render_eq(o, "id,n,amount,amount_currency,at,due\r\n"
		     "INV-1,42,1234.56,EUR,2027-01-04T09:00:00Z,2027-02-28\r\n"
		     "\"a,\"\"b\"\"\nc\",-9223372036854775808,-5,JPY,1970-01-01T00:00:00Z,1970-01-01\r\n"
		     ",,,,,\r\n");
	ifgw_output_free(o);
}
END_TEST

/* Each quoting trigger on its own; a plain field stays bare. */
START_TEST(csv_quoting)
{
	static const struct ifgw_output_column one[] = { { "v", IFGW_OUTPUT_TEXT } };
	static const char *const in[] = { "plain", "a,b", "say \"hi\"", "cr\rx", "lf\nx", " spaced ", "" };
	static const char *const want = "v\r\nplain\r\n\"a,b\"\r\n\"say \"\"hi\"\"\"\r\n\"cr\rx\"\r\n\"lf\nx\"\r\n"
					" spaced \r\n\r\n";
	struct ifgw_output *o;
	size_t i;

	ck_assert_ok(ifgw_output_new(&o, IFGW_OUTPUT_CSV, one, 1));
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		ck_assert_ok(ifgw_output_text(o, in[i]));
		ck_assert_ok(ifgw_output_row_end(o));
	}
	render_eq(o, want);
	ifgw_output_free(o);
}
END_TEST

/* One object a line inside an array; money exact as text; escapes; null. */
START_TEST(json)
{
	struct ifgw_output *o = sample(IFGW_OUTPUT_JSON);

	render_eq(o, "[\n"
		     "{\"id\":\"INV-1\",\"n\":42,\"amount\":{\"amount\":\"1234.56\",\"currency\":\"EUR\"},"
		     "\"at\":\"2027-01-04T09:00:00Z\",\"due\":\"2027-02-28\"},\n"
		     "{\"id\":\"a,\\\"b\\\"\\nc\",\"n\":-9223372036854775808,\"amount\":{\"amount\":\"-5\",\"currency\":"
		     "\"JPY\"},\"at\":\"1970-01-01T00:00:00Z\",\"due\":\"1970-01-01\"},\n"
		     "{\"id\":null,\"n\":null,\"amount\":null,\"at\":null,\"due\":null}\n"
		     "]\n");
	ifgw_output_free(o);
}
END_TEST

/* What JSON must escape, and bytes that are not UTF-8, read back by a JSON
 * parser: the output is valid JSON and says what it was given. */
START_TEST(json_escapes_round_trip)
{
	static const struct ifgw_output_column one[] = { { "v", IFGW_OUTPUT_TEXT } };
	static const char nul[] = { 'a', '\0', 'b' };
	struct ifgw_output *o;
	struct ifgw_buf b;
	json_error_t err;
	json_t *doc;

	ck_assert_ok(ifgw_output_new(&o, IFGW_OUTPUT_JSON, one, 1));
	ck_assert_ok(ifgw_output_text(o, "back\\slash \"q\" tab\t ctl\x01 </script> é"));
	ck_assert_ok(ifgw_output_row_end(o));
	ck_assert_ok(ifgw_output_text(o, "bad \xC3\x28 \xFF end"));
	ck_assert_ok(ifgw_output_row_end(o));
	ck_assert_ok(ifgw_output_textn(o, nul, sizeof(nul)));
	ck_assert_ok(ifgw_output_row_end(o));
	ifgw_buf_init(&b, 1 << 20);
	ck_assert_ok(ifgw_output_render(o, &b));
	ck_assert_ptr_nonnull(strstr(ifgw_buf_cstr(&b), "\\\\slash \\\"q\\\" tab\\t ctl\\u0001"));
	doc = json_loadb(b.ptr, b.len, JSON_ALLOW_NUL, &err);
	ck_assert_msg(doc != NULL, "not JSON: %s: %s", err.text, ifgw_buf_cstr(&b));
	ck_assert_uint_eq(json_array_size(doc), 3);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(doc, 0), "v")),
			 "back\\slash \"q\" tab\t ctl\x01 </script> é");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(doc, 1), "v")),
			 "bad \xEF\xBF\xBD( \xEF\xBF\xBD end");
	ck_assert_uint_eq(json_string_length(json_object_get(json_array_get(doc, 2), "v")), 3);
	ck_assert_mem_eq(json_string_value(json_object_get(json_array_get(doc, 2), "v")), nul, 3);
	json_decref(doc);
	ifgw_buf_free(&b);
	ifgw_output_free(o);
}
END_TEST

/* No rows: the header alone, or an empty array. */
START_TEST(empty)
{
	struct ifgw_output *o;

	ck_assert_ok(ifgw_output_new(&o, IFGW_OUTPUT_TABLE, cols, NCOLS));
	render_eq(o, "id  n  amount  at  due\n");
	ifgw_output_free(o);
	ck_assert_ok(ifgw_output_new(&o, IFGW_OUTPUT_CSV, cols, NCOLS));
	render_eq(o, "id,n,amount,amount_currency,at,due\r\n");
	ifgw_output_free(o);
	ck_assert_ok(ifgw_output_new(&o, IFGW_OUTPUT_JSON, cols, NCOLS));
	render_eq(o, "[]\n");
	ifgw_output_free(o);
}
END_TEST

/* A cell of the wrong type, too many or too few cells, an unended row and
 * a column named twice are the caller's bugs, refused with their column. */
START_TEST(misuse_refused)
{
	static const struct ifgw_output_column twice[] = { { "a", IFGW_OUTPUT_TEXT }, { "a", IFGW_OUTPUT_INT } };
	struct ifgw_output *o = NULL;
	struct ifgw_buf b;

	ck_assert_fails(ifgw_output_new(&o, IFGW_OUTPUT_CSV, twice, 2), IFGW_EINVAL, "column 'a' named twice");
	ck_assert_ptr_null(o);
	ck_assert_ok(ifgw_output_new(&o, IFGW_OUTPUT_CSV, cols, NCOLS));
	ck_assert_fails(ifgw_output_int(o, 1), IFGW_EINVAL, "column 'id': a value of another type");
	ck_assert_ok(ifgw_output_text(o, "x"));
	ck_assert_fails(ifgw_output_row_end(o), IFGW_EINVAL, "row 1 has 1 cells for 5 columns");
	ifgw_buf_init(&b, 1 << 10);
	ck_assert_fails(ifgw_output_render(o, &b), IFGW_EINVAL, "row 1 is not ended");
	ck_assert_ok(ifgw_output_int(o, 1));
	ck_assert_ok(ifgw_output_none(o));
	ck_assert_ok(ifgw_output_none(o));
	ck_assert_ok(ifgw_output_none(o));
	ck_assert_fails(ifgw_output_none(o), IFGW_EINVAL, "more cells than its 5 columns");
	ck_assert_ok(ifgw_output_row_end(o));
	ck_assert_ok(ifgw_output_render(o, &b));
	ck_assert_str_eq(ifgw_buf_cstr(&b), "id,n,amount,amount_currency,at,due\r\nx,1,,,,\r\n");
	ifgw_buf_free(&b);
	ifgw_output_free(o);
}
END_TEST

/* write: the rendered bytes reach the stream. */
START_TEST(write_to_stream)
{
	struct ifgw_output *o = sample(IFGW_OUTPUT_CSV);
	char got[512];
	size_t n;
	FILE *f = tmpfile();

	ck_assert_ptr_nonnull(f);
	ck_assert_ok(ifgw_output_write(o, f));
	rewind(f);
	n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	ck_assert_ptr_nonnull(strstr(got, "INV-1,42,1234.56,EUR,"));
	ck_assert_uint_eq(n, 36 + 54 + 73 + 7); /* header, the three rows */
	fclose(f);
	ifgw_output_free(o);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("formats");

	tcase_add_test(tc, format_names);
	tcase_add_test(tc, table);
	tcase_add_test(tc, table_utf8_width);
	tcase_add_test(tc, csv);
	tcase_add_test(tc, csv_quoting);
	tcase_add_test(tc, json);
	tcase_add_test(tc, json_escapes_round_trip);
	tcase_add_test(tc, empty);
	tcase_add_test(tc, misuse_refused);
	tcase_add_test(tc, write_to_stream);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
