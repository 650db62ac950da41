/* test_rates.c: exact decimal rates, ECB rate files (XML and CSV), as-of look-ups. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "currency/iso4217.h"
#include "currency/rates.h"
#include "currency/rates_source.h"
#include "testutil.h"

#define HIST "currency/data/eurofxref-hist.csv"
#define XML_90D "tests/data/fx/eurofxref-hist-90d_2023-11-30_to_2024-02-27.xml"
#define XML_DAILY "tests/data/fx/eurofxref-daily_2024-02-27.xml"
#define CSV_DAILY "tests/data/fx/eurofxref-daily_2026-04-13.csv"

static int32_t day(const char *text)
{
	int32_t d = 0;

	ck_assert_ok(ifgw_date_parse(&d, text, strlen(text)));
	return d;
}

static const struct ifgw_currency *ccy(const char *code)
{
	const struct ifgw_currency *c = ifgw_currency_find(code);

	ck_assert_msg(c != NULL, "currency %s missing from the ISO 4217 table", code);
	return c;
}

static struct ifgw_rateset *load(const char *relpath)
{
	struct ifgw_rateset *rs = NULL;

	ck_assert_ok(ifgw_rateset_load_file(&rs, ifgw_test_srcpath(relpath)));
	ck_assert_ptr_nonnull(rs);
	return rs;
}

static void rate_is(const struct ifgw_rate *r, const char *text)
{
	char got[IFGW_RATE_STRLEN];

	ifgw_rate_format(got, r);
	ck_assert_str_eq(got, text);
}

/* A clock after every date of the shipped files. */
static void setup(void)
{
	ifgw_clock_set((int64_t)day("2026-04-20") * IFGW_SECONDS_PER_DAY + 12 * 3600);
}

START_TEST(rate_parse_exact)
{
	static const struct {
		const char *text;
		int64_t value;
		unsigned scale;
		const char *canonical;
	} good[] = {
		{ "1.0856", 10856, 4, "1.0856" },        { "163.04", 16304, 2, "163.04" },
		{ "17487.21", 1748721, 2, "17487.21" },  { "0.84638", 84638, 5, "0.84638" },
		{ "26.020", 2602, 2, "26.02" },          { "366.90", 3669, 1, "366.9" },
		{ "372816", 372816, 0, "372816" },       { "1.000", 1, 0, "1" },
		{ "0.000123", 123, 6, "0.000123" },      { "999999999999", 999999999999, 0, "999999999999" },
		{ "0.000000000001", 1, 12, "0.000000000001" }, { "00012.5", 125, 1, "12.5" },
		{ "1.23456789012", 123456789012, 11, "1.23456789012" },
	};
	static const struct {
		const char *text;
		const char *why;
	} bad[] = {
		{ "", "is empty" },
		{ "0", "is zero" },
		{ "0.0000", "is zero" },
		{ "-1.2", "is negative" },
		{ "+1.2", "not a decimal number" },
		{ "1e5", "exponent" },
		{ "1.5E-3", "exponent" },
		{ "1.2.3", "two decimal points" },
		{ " 1.2", "not a decimal number" },
		{ "1,2", "not a decimal number" },
		{ ".5", "not a decimal number" },
		{ "5.", "not a decimal number" },
		{ "1234567890123", "more than 12 significant digits" },
		{ "123456789.0123", "more than 12 significant digits" },
		{ "1.23456789012345", "more than 12 decimals" },
		{ "0.0000000000001", "more than 12 decimals" },
		{ "NaN", "not a decimal number" },
		{ "00000000000000000000000000000000000000000001", "too long" },
	};
	struct ifgw_rate r;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ck_assert_ok(ifgw_rate_parse(&r, good[i].text, strlen(good[i].text)));
		ck_assert_int_eq(r.value, good[i].value);
		ck_assert_uint_eq(r.scale, good[i].scale);
		rate_is(&r, good[i].canonical);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_fails(ifgw_rate_parse(&r, bad[i].text, strlen(bad[i].text)), IFGW_EINVAL, bad[i].why);
	/* Equal numbers written differently are equal after parsing. */
	{
		struct ifgw_rate a, b;

		ck_assert_ok(ifgw_rate_parse(&a, "0.85620", 7));
		ck_assert_ok(ifgw_rate_parse(&b, "0.8562", 6));
		ck_assert(ifgw_rate_equal(&a, &b));
		ck_assert_ok(ifgw_rate_parse(&b, "0.8563", 6));
		ck_assert(!ifgw_rate_equal(&a, &b));
	}
}
END_TEST

START_TEST(load_full_history_csv)
{
	struct ifgw_rateset *rs = load(HIST);
	struct ifgw_rate r;
	int32_t pub;
	size_t i;

	ck_assert_uint_eq(ifgw_rateset_date_count(rs), 6983);
	ck_assert_int_eq(ifgw_rateset_first_date(rs), day("1999-01-04"));
	ck_assert_int_eq(ifgw_rateset_last_date(rs), day("2026-04-13"));
	ck_assert_str_eq(ifgw_rateset_source(rs), ifgw_test_srcpath(HIST));
	for (i = 1; i < ifgw_rateset_date_count(rs); i++)
		ck_assert_int_lt(ifgw_rateset_date_at(rs, i - 1), ifgw_rateset_date_at(rs, i));
	/* First and last rows of the file, read back exactly. */
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("USD"), day("1999-01-04"), 0));
	rate_is(&r, "1.1789");
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("TRL"), day("1999-01-04"), 0));
	rate_is(&r, "372274");
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("IDR"), day("2026-04-13"), 0));
	rate_is(&r, "20082.05");
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("GBP"), day("2026-04-13"), 0));
	rate_is(&r, "0.87058");
	ck_assert_int_eq(pub, day("2026-04-13"));
	ifgw_rateset_free(rs);
}
END_TEST

/* Every (date, currency) of other in rs, exactly, and nothing more on those dates. */
static void agrees(const struct ifgw_rateset *rs, const struct ifgw_rateset *other, size_t want_dates)
{
	struct ifgw_rate_entry a[IFGW_RATESET_MAX_CURRENCIES], b[IFGW_RATESET_MAX_CURRENCIES];
	size_t i, j, na, nb, points = 0;
	int32_t d, pa, pb;

	ck_assert_uint_eq(ifgw_rateset_date_count(other), want_dates);
	for (i = 0; i < ifgw_rateset_date_count(other); i++) {
		d = ifgw_rateset_date_at(other, i);
		ck_assert_ok(ifgw_rateset_list(a, IFGW_RATESET_MAX_CURRENCIES, &na, &pa, other, d, 0));
		ck_assert_ok(ifgw_rateset_list(b, IFGW_RATESET_MAX_CURRENCIES, &nb, &pb, rs, d, 0));
		ck_assert_int_eq(pa, d);
		ck_assert_int_eq(pb, d);
		ck_assert_uint_eq(na, nb);
		for (j = 0; j < na; j++) {
			struct ifgw_rate r;
			int32_t pub;

			ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, a[j].ccy, d, 0));
			ck_assert_int_eq(pub, d);
			ck_assert_msg(ifgw_rate_equal(&r, &a[j].per_eur), "%s on day %d differs", a[j].ccy->code, d);
			points++;
		}
	}
	ck_assert_uint_gt(points, want_dates * 28);
}

START_TEST(xml_and_daily_files_agree_with_csv_history)
{
	struct ifgw_rateset *hist = load(HIST), *x90 = load(XML_90D), *xd = load(XML_DAILY), *cd = load(CSV_DAILY);

	ck_assert_int_eq(ifgw_rateset_first_date(x90), day("2023-11-30"));
	ck_assert_int_eq(ifgw_rateset_last_date(x90), day("2024-02-27"));
	agrees(hist, x90, 61);
	agrees(hist, xd, 1);
	agrees(hist, cd, 1);
	ck_assert_int_eq(ifgw_rateset_last_date(cd), day("2026-04-13"));
	ifgw_rateset_free(hist);
	ifgw_rateset_free(x90);
	ifgw_rateset_free(xd);
	ifgw_rateset_free(cd);
}
END_TEST

START_TEST(lookup_as_of_weekends_and_holidays)
{
	struct ifgw_rateset *rs = load(HIST);
	struct ifgw_rate r;
	int32_t pub;
	static const struct {
		const char *as_of, *published;
	} cases[] = {
		{ "2026-04-11", "2026-04-10" }, /* Saturday */
		{ "2026-04-12", "2026-04-10" }, /* Sunday */
		{ "2025-12-25", "2025-12-24" }, /* TARGET holiday */
		{ "2025-12-26", "2025-12-24" },
		{ "2024-01-01", "2023-12-29" }, /* New Year after a weekend */
		{ "2020-04-13", "2020-04-09" }, /* Easter Monday: Good Friday closed too */
		{ "2026-04-13", "2026-04-13" },
		{ "2026-04-18", "2026-04-13" }, /* after the file's end, within the limit */
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("USD"), day(cases[i].as_of), IFGW_RATES_MAX_AGE_DEFAULT));
		ck_assert_msg(pub == day(cases[i].published), "as of %s", cases[i].as_of);
	}
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("JPY"), day("2025-12-25"), 5));
	rate_is(&r, "183.83");
	/* EUR is 1 on every publication date, with the same as-of rule. */
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("EUR"), day("2024-01-01"), 5));
	rate_is(&r, "1");
	ck_assert_int_eq(pub, day("2023-12-29"));
	/* Out pointers may be NULL. */
	ck_assert_ok(ifgw_rateset_lookup(NULL, NULL, rs, ccy("CHF"), day("2024-01-01"), 5));
	ifgw_rateset_free(rs);
}
END_TEST

START_TEST(lookup_stale_and_missing)
{
	struct ifgw_rateset *rs = load(HIST);
	struct ifgw_rate r;
	int32_t pub = 0;

	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, rs, ccy("USD"), day("2026-05-03"), IFGW_RATES_MAX_AGE_DEFAULT),
			IFGW_ESTALE, "ECB rates for USD are stale: latest 2026-04-13 is 20 days before 2026-05-03 (limit 5)");
	/* Easter 2020: Thursday's rates are 4 days old on Monday. */
	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, rs, ccy("USD"), day("2020-04-13"), 3), IFGW_ESTALE,
			"latest 2020-04-09 is 4 days before 2020-04-13 (limit 3)");
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("USD"), day("2026-05-03"), IFGW_RATES_MAX_AGE_NONE));
	ck_assert_int_eq(pub, day("2026-04-13"));
	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, rs, ccy("EUR"), day("2026-05-03"), 5), IFGW_ESTALE,
			"ECB rates for EUR are stale");
	/* The ECB quotes no KWD. */
	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, rs, ccy("KWD"), day("2024-01-01"), 5), IFGW_ENOTFOUND,
			"no ECB rate for KWD on or before 2024-01-01");
	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, rs, ccy("USD"), day("1998-12-31"), 5), IFGW_ENOTFOUND,
			"no ECB rate for USD on or before 1998-12-31");
	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, rs, ccy("EUR"), day("1999-01-03"), 5), IFGW_ENOTFOUND,
			"no ECB rate for EUR on or before 1999-01-03");
	/* TRY starts 2005-01-03; TRL before that. */
	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, rs, ccy("TRY"), day("2004-12-31"), 5), IFGW_ENOTFOUND,
			"no ECB rate for TRY");
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("TRY"), day("2005-01-03"), 0));
	/* BGN ends 2025-12-31 (Bulgaria joined the euro). */
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("BGN"), day("2025-12-31"), 0));
	rate_is(&r, "1.9558");
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("BGN"), day("2026-01-02"), 5));
	ck_assert_int_eq(pub, day("2025-12-31"));
	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, rs, ccy("BGN"), day("2026-01-07"), 5), IFGW_ESTALE,
			"ECB rates for BGN are stale: latest 2025-12-31 is 7 days before 2026-01-07 (limit 5)");
	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, rs, ccy("BGN"), day("2026-01-02"), 1), IFGW_ESTALE,
			"limit 1");
	/* ISK has a gap from 2008-12-10 to 2018-01-31: the last rate before it serves only with no limit. */
	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, rs, ccy("ISK"), day("2010-06-01"), 5), IFGW_ESTALE,
			"latest 2008-12-09");
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("ISK"), day("2010-06-01"), IFGW_RATES_MAX_AGE_NONE));
	ck_assert_int_eq(pub, day("2008-12-09"));
	rate_is(&r, "290");
	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, rs, NULL, day("2010-06-01"), 5), IFGW_EINVAL, "no currency");
	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, NULL, ccy("USD"), day("2010-06-01"), 5), IFGW_EINVAL,
			"no rate set");
	ifgw_rateset_free(rs);
}
END_TEST

START_TEST(list_publication)
{
	struct ifgw_rateset *rs = load(HIST);
	struct ifgw_rate_entry e[IFGW_RATESET_MAX_CURRENCIES];
	size_t n = 0, i;
	int32_t pub = 0;

	ck_assert_ok(ifgw_rateset_list(e, IFGW_RATESET_MAX_CURRENCIES, &n, &pub, rs, day("2026-04-11"), 5));
	ck_assert_int_eq(pub, day("2026-04-10"));
	ck_assert_uint_eq(n, 29);
	ck_assert_str_eq(e[0].ccy->code, "USD");
	ck_assert_str_eq(e[1].ccy->code, "JPY");
	rate_is(&e[0].per_eur, "1.1711");
	for (i = 0; i < n; i++)
		ck_assert_str_ne(e[i].ccy->code, "BGN");
	/* 1999: 27 currencies, the pre-euro ones among them. */
	ck_assert_ok(ifgw_rateset_list(e, IFGW_RATESET_MAX_CURRENCIES, &n, &pub, rs, day("1999-01-04"), 0));
	ck_assert_uint_eq(n, 27);
	ck_assert_str_eq(e[2].ccy->code, "CYP");
	ck_assert_str_eq(e[n - 1].ccy->code, "ZAR");
	ck_assert_fails(ifgw_rateset_list(e, 10, &n, &pub, rs, day("1999-01-04"), 0), IFGW_EOVERFLOW,
			"more than 10 currencies");
	ck_assert_fails(ifgw_rateset_list(e, IFGW_RATESET_MAX_CURRENCIES, &n, &pub, rs, day("2026-05-03"), 5),
			IFGW_ESTALE, "ECB rates are stale: latest 2026-04-13 is 20 days before 2026-05-03 (limit 5)");
	ck_assert_fails(ifgw_rateset_list(e, IFGW_RATESET_MAX_CURRENCIES, &n, &pub, rs, day("1990-01-01"), 5),
			IFGW_ENOTFOUND, "no ECB rates on or before 1990-01-01");
	ifgw_rateset_free(rs);
}
END_TEST

START_TEST(bad_files_fail_with_one_line)
{
	static const struct {
		const char *file;
		int code;
		const char *needle;
	} cases[] = {
		{ "malformed.xml", IFGW_EPARSE, "malformed.xml:7: malformed XML: Opening and ending tag mismatch" },
		{ "unknown-currency.xml", IFGW_ENOTFOUND, "unknown-currency.xml:6: unknown currency XYZ (not in ISO 4217)" },
		{ "unknown-currency.csv", IFGW_ENOTFOUND, "unknown-currency.csv:1: unknown currency ABC" },
		{ "rate-zero.xml", IFGW_EINVAL, "rate-zero.xml:5: USD rate '0.0000' is zero" },
		{ "rate-zero.csv", IFGW_EINVAL, "rate-zero.csv:2: JPY rate '0' is zero" },
		{ "rate-negative.xml", IFGW_EINVAL, "rate-negative.xml:5: USD rate '-1.0856' is negative" },
		{ "rate-exponent.xml", IFGW_EINVAL, "USD rate '1.0856e0' uses exponent notation" },
		{ "rate-malformed.csv", IFGW_EINVAL, "rate-malformed.csv:2: JPY rate '1.2.3' has two decimal points" },
		{ "date-malformed.xml", IFGW_EINVAL, "date-malformed.xml:5: date '2024-02-30' is not a valid" },
		{ "date-malformed.csv", IFGW_EINVAL, "date-malformed.csv:2: date '24/02/2024' is not a valid" },
		{ "date-duplicate.xml", IFGW_EINVAL, "date-duplicate.xml:7: date 2024-02-27 appears twice (first on line 5)" },
		{ "date-duplicate.csv", IFGW_EINVAL, "date-duplicate.csv:4: date 2024-02-27 appears twice (first on line 2)" },
		{ "date-before-1999.csv", IFGW_EINVAL, "date-before-1999.csv:3: date 1998-12-31 is before the first ECB rates" },
		{ "currency-twice.xml", IFGW_EINVAL, "currency-twice.xml:5: USD quoted twice on one date" },
		{ "eur-quoted.xml", IFGW_EINVAL, "currency EUR has no rate per 1 EUR" },
		{ "doctype-entities.xml", IFGW_EPARSE, "doctype-entities.xml:2: DOCTYPE not allowed" },
		{ "xxe.xml", IFGW_EPARSE, "DOCTYPE not allowed" },
		{ "wrong-root.xml", IFGW_EPARSE, "root element is <Envelope>, not an ECB gesmes:Envelope" },
		{ "no-dates.xml", IFGW_EPARSE, "no-dates.xml: no publication dates in the file" },
		{ "header-only.csv", IFGW_EPARSE, "no publication dates" },
		{ "empty.csv", IFGW_EPARSE, "empty.csv: empty file" },
		{ "short-row.csv", IFGW_EPARSE, "short-row.csv:3: row has 2 fields, the header 4 (truncated?)" },
		{ "not-rates.txt", IFGW_EPARSE, "not-rates.txt:1: not an ECB rates file" },
	};
	struct ifgw_rateset *rs = NULL;
	char rel[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(rel, sizeof(rel), "tests/data/fx/bad/%s", cases[i].file);
		ck_assert_fails(ifgw_rateset_load_file(&rs, ifgw_test_srcpath(rel)), cases[i].code, cases[i].needle);
		ck_assert_ptr_null(rs);
	}
	ck_assert_fails(ifgw_rateset_load_file(&rs, ifgw_test_srcpath("tests/data/fx/no-such-file.xml")), IFGW_EIO,
			"no-such-file.xml: cannot open");
	ck_assert_fails(ifgw_rateset_load_memory(&rs, " \n\t\r\n", 5, "blank"), IFGW_EPARSE, "blank: empty file");
	/* The size cap is checked before the bytes are read. */
	ck_assert_fails(ifgw_rateset_load_memory(&rs, "<", (size_t)IFGW_RATES_MAX_FILE + 1, "huge"), IFGW_EOVERFLOW,
			"huge: larger than");
	ck_assert_ptr_null(rs);
}
END_TEST

/* Cut a real file in the middle: a clear "truncated" error, never a partial set. */
START_TEST(truncated_real_files)
{
	static const char *const files[] = { XML_90D, HIST };
	struct ifgw_rateset *rs = NULL;
	struct ifgw_buf b;
	size_t i, k, cut;

	for (i = 0; i < 2; i++) {
		ifgw_buf_init(&b, IFGW_RATES_MAX_FILE);
		ck_assert_ok(ifgw_file_read(&b, ifgw_test_srcpath(files[i])));
		for (k = 1; k < 8; k++) {
			cut = b.len * k / 8;
			ck_assert_fails(ifgw_rateset_load_memory(&rs, b.ptr, cut, "cut"), IFGW_EPARSE, "truncated");
			ck_assert_ptr_null(rs);
		}
		ifgw_buf_free(&b);
	}
	/* The 90-day file cut in the middle, reported with its line. */
	ifgw_buf_init(&b, IFGW_RATES_MAX_FILE);
	ck_assert_ok(ifgw_file_read(&b, ifgw_test_srcpath(XML_90D)));
	ck_assert_fails(ifgw_rateset_load_memory(&rs, b.ptr, b.len / 2, "90d"), IFGW_EPARSE,
			"90d:31: malformed XML (truncated file)");
	ifgw_buf_free(&b);
}
END_TEST

START_TEST(dates_after_the_clock_are_ignored)
{
	static const char future_bad[] = "Date,USD,\n2024-02-28,1..0856,\n2024-02-23,1.0856,\n";
	static const char future_twice[] = "Date,USD,\n2024-02-28,1.1,\n2024-02-27,1.2,\n2024-02-23,1.0834,\n";
	struct ifgw_rateset *rs = NULL;
	struct ifgw_rate r;
	int32_t pub;

	ifgw_clock_set((int64_t)day("2024-02-26") * IFGW_SECONDS_PER_DAY + 23 * 3600);
	/* Nothing but the future: nothing to answer with. */
	ck_assert_fails(ifgw_rateset_load_file(&rs, ifgw_test_srcpath(XML_DAILY)), IFGW_EINVAL,
			"eurofxref-daily_2024-02-27.xml: every publication in the file is after today (2024-02-26)");
	ck_assert_ptr_null(rs);
	/* The 90-day file without its last day: the rest still serves. */
	rs = load(XML_90D);
	ck_assert_int_eq(ifgw_rateset_last_date(rs), day("2024-02-26"));
	ck_assert_uint_eq(ifgw_rateset_ignored_future(rs), 1);
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("USD"), day("2024-02-26"), IFGW_RATES_MAX_AGE_DEFAULT));
	rate_is(&r, "1.0852");
	ck_assert_int_eq(pub, day("2024-02-26"));
	ifgw_rateset_free(rs);
	rs = NULL;
	/* A future row is still checked: a malformed file is refused whatever its dates. */
	ck_assert_fails(ifgw_rateset_load_memory(&rs, future_bad, sizeof(future_bad) - 1, "m"), IFGW_EINVAL,
			"m:2: USD rate '1..0856' has two decimal points");
	ck_assert_ok(ifgw_rateset_load_memory(&rs, future_twice, sizeof(future_twice) - 1, "t"));
	ck_assert_uint_eq(ifgw_rateset_ignored_future(rs), 2);
	ifgw_rateset_free(rs);
	rs = NULL;
	/* The case: --now 2024-03-01 with the shipped history (to 2026-04-13). */
	ifgw_clock_set((int64_t)day("2024-03-01") * IFGW_SECONDS_PER_DAY + 12 * 3600);
	rs = load(HIST);
	ck_assert_int_eq(ifgw_rateset_last_date(rs), day("2024-03-01"));
	ck_assert_uint_eq(ifgw_rateset_ignored_future(rs), 537);
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("USD"), day("2024-02-27"), IFGW_RATES_MAX_AGE_DEFAULT));
	rate_is(&r, "1.0856");
	ifgw_rateset_free(rs);
	rs = NULL;
	ifgw_clock_set((int64_t)day("2024-02-26") * IFGW_SECONDS_PER_DAY + 23 * 3600);
	ifgw_clock_advance(3600); /* midnight UTC: 2024-02-27 is today */
	rs = load(XML_DAILY);
	ck_assert_uint_eq(ifgw_rateset_ignored_future(rs), 0);
	ifgw_rateset_free(rs);
}
END_TEST

START_TEST(memory_formats_and_spacing)
{
	static const char crlf[] = "Date,USD,JPY,\r\n2024-02-27,1.0856,N/A,\r\n\r\n2024-02-26,1.0852,163.1,\r\n";
	static const char nocomma[] = "\xef\xbb\xbf" "Date,USD\n2024-02-27,1.0856\n";
	static const char daily[] = "Date, USD, JPY, \n 27 February 2024, 1.0856, 163.040, \n";
	static const char xml_ns_prefixed[] =
		"<e:Envelope xmlns:e='http://www.gesmes.org/xml/2002-08-01' "
		"xmlns:r='http://www.ecb.int/vocabulary/2002-08-01/eurofxref'><r:Cube><r:Cube time='2024-02-27'>"
		"<r:Cube currency='USD' rate='1.0856'/></r:Cube></r:Cube>"
		"<Cube><Cube time='2024-02-26'><Cube currency='USD' rate='9'/></Cube></Cube></e:Envelope>";
	static const char bad_utf8[] = "<gesmes:Envelope xmlns:gesmes='http://www.gesmes.org/xml/2002-08-01'>"
				       "<s>\xff\xfe</s></gesmes:Envelope>";
	struct ifgw_rateset *rs = NULL;
	struct ifgw_rate r;
	int32_t pub;

	ck_assert_ok(ifgw_rateset_load_memory(&rs, crlf, sizeof(crlf) - 1, "crlf"));
	ck_assert_uint_eq(ifgw_rateset_date_count(rs), 2);
	/* JPY N/A on the 27th: the 26th's rate, and the date says so. */
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("JPY"), day("2024-02-27"), 5));
	ck_assert_int_eq(pub, day("2024-02-26"));
	rate_is(&r, "163.1");
	ck_assert_fails(ifgw_rateset_lookup(&r, &pub, rs, ccy("JPY"), day("2024-02-27"), 0), IFGW_ESTALE,
			"latest 2024-02-26 is 1 day before 2024-02-27 (limit 0)");
	ifgw_rateset_free(rs);
	rs = NULL;
	ck_assert_ok(ifgw_rateset_load_memory(&rs, nocomma, sizeof(nocomma) - 1, NULL));
	ck_assert_str_eq(ifgw_rateset_source(rs), "<memory>");
	ifgw_rateset_free(rs);
	rs = NULL;
	ck_assert_ok(ifgw_rateset_load_memory(&rs, daily, sizeof(daily) - 1, "daily"));
	ck_assert_ok(ifgw_rateset_lookup(&r, &pub, rs, ccy("JPY"), day("2024-02-27"), 0));
	rate_is(&r, "163.04");
	ifgw_rateset_free(rs);
	rs = NULL;
	/* Namespaces count, not prefixes: Cube outside the ECB namespace is not a rate. */
	ck_assert_ok(ifgw_rateset_load_memory(&rs, xml_ns_prefixed, sizeof(xml_ns_prefixed) - 1, "ns"));
	ck_assert_uint_eq(ifgw_rateset_date_count(rs), 1);
	ifgw_rateset_free(rs);
	rs = NULL;
	ck_assert_fails(ifgw_rateset_load_memory(&rs, "Date,USD,\n2024-02-27,1.1,2,\n", 27, "m"), IFGW_EPARSE,
			"m:2: row has 4 fields, the header 3");
	ck_assert_fails(ifgw_rateset_load_memory(&rs, "Date,USD,USD,\n", 14, "m"), IFGW_EPARSE,
			"currency USD appears twice in the header");
	ck_assert_fails(ifgw_rateset_load_memory(&rs, "Date,usd,\n", 10, "m"), IFGW_EINVAL,
			"currency 'usd' is not a three-letter code");
	ck_assert_fails(ifgw_rateset_load_memory(&rs, "Date,USD,\n31 Febuary 2024,1.1,\n", 32, "m"), IFGW_EINVAL,
			"m:2: date '31 Febuary 2024' is not a valid date");
	ck_assert_fails(ifgw_rateset_load_memory(&rs, "Date,USD,\n30 February 2024,1.1,\n", 33, "m"), IFGW_EINVAL,
			"date '30 February 2024'");
	/* Encoding trouble is a parse error on one line, and nothing on stderr. */
	ck_assert_fails(ifgw_rateset_load_memory(&rs, "<?xml version=\"1.0\" encoding=\"UTF7\"?>\n<f\x01", 41, "enc"),
			IFGW_EPARSE, "enc:");
	ck_assert_fails(ifgw_rateset_load_memory(&rs, bad_utf8, sizeof(bad_utf8) - 1, "utf8"), IFGW_EPARSE,
			"utf8:1: malformed XML");
	ck_assert_ptr_null(rs);
}
END_TEST

START_TEST(default_file_is_the_shipped_history)
{
	struct ifgw_rateset *rs = NULL;

	ck_assert_ok(ifgw_rateset_load_default(&rs));
	ck_assert_uint_eq(ifgw_rateset_date_count(rs), 6983);
	ck_assert_ptr_nonnull(strstr(ifgw_rateset_source(rs), IFGW_RATES_DEFAULT_FILE));
	ifgw_rateset_free(rs);
}
END_TEST

/* Load with the source rule and say which file it took. */
static void source_is(const char *given, const char *configured, const char *want_suffix)
{
	struct ifgw_rateset *rs = NULL;
	const char *src;

	ck_assert_ok(ifgw_rates_source_load(&rs, given, configured));
	src = ifgw_rateset_source(rs);
	ck_assert_msg(strlen(src) >= strlen(want_suffix) &&
			      strcmp(src + strlen(src) - strlen(want_suffix), want_suffix) == 0,
		      "took %s, want ...%s", src, want_suffix);
	ifgw_rateset_free(rs);
}

START_TEST(source_given_then_configured_then_user_then_shipped)
{
	char dir[] = "/tmp/ifgw-rates-XXXXXX";
	char user[512], xml[4096];
	struct ifgw_buf b, data;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	unsetenv("HOME");
	setenv("XDG_DATA_HOME", dir, 1);
	/* no fetched copy yet: the shipped history */
	source_is(NULL, NULL, IFGW_RATES_DEFAULT_FILE);
	ifgw_buf_init(&b, 1024);
	ck_assert_ok(ifgw_rates_user_path(&b));
	snprintf(user, sizeof(user), "%s/ifgw/eurofxref", dir);
	ck_assert_str_eq(b.ptr, user);
	ifgw_buf_free(&b);
	/* the fetched copy, once there */
	ifgw_buf_init(&data, 1 << 20);
	ck_assert_ok(ifgw_file_read(&data, ifgw_test_srcpath(CSV_DAILY)));
	ck_assert_ok(ifgw_file_mkdir_parent(user, 0755));
	ck_assert_ok(ifgw_file_write_atomic(user, data.ptr, data.len, 0644));
	ifgw_buf_free(&data);
	source_is(NULL, NULL, "/ifgw/eurofxref");
	/* the configuration's file beats it, the given one beats both */
	snprintf(xml, sizeof(xml), "%s", ifgw_test_srcpath(XML_DAILY));
	source_is(NULL, xml, XML_DAILY);
	source_is(ifgw_test_srcpath(XML_90D), xml, XML_90D);
	/* a given file that does not load is an error, not a fall-back */
	{
		struct ifgw_rateset *rs = NULL;

		ck_assert_fails(ifgw_rates_source_load(&rs, "/nonexistent/rates.csv", xml), IFGW_EIO,
				"/nonexistent/rates.csv");
		ck_assert_ptr_null(rs);
	}
	/* a relative XDG_DATA_HOME is ignored (XDG spec); HOME then decides */
	setenv("XDG_DATA_HOME", "relative/dir", 1);
	setenv("HOME", dir, 1);
	ifgw_buf_init(&b, 1024);
	ck_assert_ok(ifgw_rates_user_path(&b));
	snprintf(user, sizeof(user), "%s/.local/share/ifgw/eurofxref", dir);
	ck_assert_str_eq(b.ptr, user);
	ifgw_buf_free(&b);
	source_is(NULL, NULL, IFGW_RATES_DEFAULT_FILE); /* nothing fetched there */
	/* neither: no user location, the shipped file still answers */
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	ifgw_buf_init(&b, 1024);
	ck_assert_fails(ifgw_rates_user_path(&b), IFGW_ENOTFOUND, "set XDG_DATA_HOME or HOME");
	ifgw_buf_free(&b);
	ifgw_error_clear();
	source_is(NULL, NULL, IFGW_RATES_DEFAULT_FILE);
	snprintf(user, sizeof(user), "%s/ifgw/eurofxref", dir);
	unlink(user);
	snprintf(user, sizeof(user), "%s/ifgw", dir);
	rmdir(user);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(as_of_today_date_and_staleness)
{
	struct ifgw_rateset *rs = load(CSV_DAILY); /* one publication: 2026-04-13; today 2026-04-20 */
	struct ifgw_rates_as_of a;

	/* no date, default limit, file 7 days old: its latest day, reported */
	ifgw_rates_as_of_init(&a);
	ck_assert_int_eq(a.max_age, IFGW_RATES_MAX_AGE_DEFAULT);
	ck_assert_ok(ifgw_rates_as_of_check(&a));
	ck_assert_int_eq(a.today, day("2026-04-20"));
	ifgw_rates_as_of_choose(&a, rs);
	ck_assert_int_eq(a.as_of, day("2026-04-13"));
	ck_assert_int_eq(a.fell_back, 1);
	/* a limit the caller set is enforced instead: today, and look-ups will refuse */
	ifgw_rates_as_of_init(&a);
	a.max_age = 5;
	a.max_age_given = 1;
	ck_assert_ok(ifgw_rates_as_of_check(&a));
	ifgw_rates_as_of_choose(&a, rs);
	ck_assert_int_eq(a.as_of, day("2026-04-20"));
	ck_assert_int_eq(a.fell_back, 0);
	/* a file within the (default) limit: today */
	ifgw_rates_as_of_init(&a);
	a.max_age = 10;
	ck_assert_ok(ifgw_rates_as_of_check(&a));
	ifgw_rates_as_of_choose(&a, rs);
	ck_assert_int_eq(a.as_of, day("2026-04-20"));
	ck_assert_int_eq(a.fell_back, 0);
	/* a date asked for is the answer, checked first */
	ifgw_rates_as_of_init(&a);
	a.has_date = 1;
	a.date = day("2026-04-14");
	ck_assert_ok(ifgw_rates_as_of_check(&a));
	ifgw_rates_as_of_choose(&a, rs);
	ck_assert_int_eq(a.as_of, day("2026-04-14"));
	ck_assert_int_eq(a.fell_back, 0);
	a.date = day("2026-04-21");
	ck_assert_fails(ifgw_rates_as_of_check(&a), IFGW_EINVAL, "2026-04-21 is in the future (today is 2026-04-20)");
	a.date = day("1999-01-03");
	ck_assert_fails(ifgw_rates_as_of_check(&a), IFGW_EINVAL,
			"1999-01-03 is before the first ECB publication (1999-01-04)");
	a.date = day("1999-01-04");
	ck_assert_ok(ifgw_rates_as_of_check(&a));
	ifgw_rateset_free(rs);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("rates");
	TCase *tc = tcase_create("rates");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, rate_parse_exact);
	tcase_add_test(tc, load_full_history_csv);
	tcase_add_test(tc, xml_and_daily_files_agree_with_csv_history);
	tcase_add_test(tc, lookup_as_of_weekends_and_holidays);
	tcase_add_test(tc, lookup_stale_and_missing);
	tcase_add_test(tc, list_publication);
	tcase_add_test(tc, bad_files_fail_with_one_line);
	tcase_add_test(tc, truncated_real_files);
	tcase_add_test(tc, dates_after_the_clock_are_ignored);
	tcase_add_test(tc, memory_formats_and_spacing);
	tcase_add_test(tc, default_file_is_the_shipped_history);
	tcase_add_test(tc, source_given_then_configured_then_user_then_shipped);
	tcase_add_test(tc, as_of_today_date_and_staleness);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
