/* test_convert.c: exact conversion through EUR, against independently computed fixtures. */
#include "config.h"

#include <stdint.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "currency/convert.h"
#include "currency/iso4217.h"
#include "currency/money.h"
#include "currency/rates.h"
#include "testutil.h"

#define HIST "currency/data/eurofxref-hist.csv"
#define CRAFTED "tests/data/fx/crafted-3dec.csv"
#define FIXTURES "tests/data/fx/conversions.tsv"

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

static struct ifgw_money money(const char *text, const char *code)
{
	struct ifgw_money m;

	ck_assert_ok(ifgw_money_parse(&m, text, strlen(text), ccy(code), NULL));
	return m;
}

static struct ifgw_rate rate(const char *text)
{
	struct ifgw_rate r;

	ck_assert_ok(ifgw_rate_parse(&r, text, strlen(text)));
	return r;
}

static void money_is(const struct ifgw_money *m, const char *text, const char *code)
{
	char got[IFGW_MONEY_STRLEN];

	ifgw_money_format(got, m);
	ck_assert_str_eq(got, text);
	ck_assert_str_eq(m->ccy->code, code);
}

static void setup(void)
{
	ifgw_clock_set((int64_t)day("2026-04-20") * IFGW_SECONDS_PER_DAY);
}

/* Split a line on tabs in place; returns the number of fields. */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;

	f[n++] = line;
	for (; *line && n < max; line++) {
		if (*line == '\t') {
			*line = '\0';
			f[n++] = line + 1;
		}
	}
	return n;
}

/* Every line of conversions.tsv (written by tests/data/gen_fx_fixtures.py
 * with Python's fractions): same status, result, rate date and rates. */
START_TEST(fixtures_from_python_fractions)
{
	struct ifgw_rateset *hist = NULL, *crafted = NULL;
	struct ifgw_buf tsv;
	char *line, *save = NULL, *f[16];
	size_t checked = 0, failures = 0, n;
	unsigned lineno = 0;

	ck_assert_ok(ifgw_rateset_load_file(&hist, ifgw_test_srcpath(HIST)));
	ck_assert_ok(ifgw_rateset_load_file(&crafted, ifgw_test_srcpath(CRAFTED)));
	ifgw_buf_init(&tsv, 1 << 22);
	ck_assert_ok(ifgw_file_read(&tsv, ifgw_test_srcpath(FIXTURES)));
	for (line = strtok_r(tsv.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct ifgw_convert_options opt = IFGW_CONVERT_OPTIONS_INIT;
		struct ifgw_conversion c;
		struct ifgw_money amount;
		char got[IFGW_MONEY_STRLEN], date[IFGW_DATE_STRLEN], fr[IFGW_RATE_STRLEN], tr[IFGW_RATE_STRLEN];
		int rc;

		lineno++;
		if (line[0] == '#')
			continue;
		n = split_tabs(line, f, 16);
		ck_assert_msg(n == 12, "%s:%u: %zu fields", FIXTURES, lineno, n);
		opt.max_age_days = (int32_t)strtol(f[2], NULL, 10);
		ck_assert_ok(ifgw_rounding_parse(&opt.rounding, f[6]));
		amount = money(f[3], f[4]);
		ifgw_error_clear();
		rc = ifgw_money_convert(&c, strcmp(f[0], "hist") == 0 ? hist : crafted, &amount, ccy(f[5]), day(f[1]),
					&opt);
		checked++;
		if (strcmp(ifgw_result_name(rc), f[7]) != 0) {
			failures++;
			fprintf(stderr, "%s:%u: %s %s -> %s as of %s (%s): got %s (%s), want %s\n", FIXTURES, lineno, f[3],
				f[4], f[5], f[1], f[6], ifgw_result_name(rc), ifgw_error_last(), f[7]);
			continue;
		}
		if (rc != IFGW_OK) {
			/* The message says what is wrong, in one line. */
			const char *needle = rc == IFGW_ENOTFOUND ? "no ECB rate for" :
					     rc == IFGW_ESTALE	  ? "are stale: latest" :
								    "overflows";

			ck_assert_msg(strstr(ifgw_error_last(), needle), "%s:%u: message '%s'", FIXTURES, lineno,
				      ifgw_error_last());
			continue;
		}
		ifgw_money_format(got, &c.result);
		ifgw_date_format(c.rate_date, date);
		ifgw_rate_format(fr, &c.from_per_eur);
		ifgw_rate_format(tr, &c.to_per_eur);
		if (strcmp(got, f[8]) || strcmp(date, f[9]) || strcmp(fr, f[10]) || strcmp(tr, f[11]) ||
		    c.result.ccy != ccy(f[5]) || c.as_of != day(f[1])) {
			failures++;
			fprintf(stderr, "%s:%u: %s %s -> %s as of %s (%s): got %s %s %s %s, want %s %s %s %s\n", FIXTURES,
				lineno, f[3], f[4], f[5], f[1], f[6], got, date, fr, tr, f[8], f[9], f[10], f[11]);
		}
	}
	ck_assert_msg(failures == 0, "%zu of %zu fixture conversions differ (see above)", failures, checked);
	ck_assert_uint_gt(checked, 900);
	ifgw_buf_free(&tsv);
	ifgw_rateset_free(hist);
	ifgw_rateset_free(crafted);
}
END_TEST

START_TEST(convert_defaults_and_identity)
{
	struct ifgw_rateset *rs = NULL;
	struct ifgw_conversion c;
	struct ifgw_money m = money("1000.00", "EUR");
	struct ifgw_convert_options opt = IFGW_CONVERT_OPTIONS_INIT;

	ck_assert_ok(ifgw_rateset_load_file(&rs, ifgw_test_srcpath(HIST)));
	ck_assert_ok(ifgw_money_convert(&c, rs, &m, ccy("JPY"), day("2026-04-13"), NULL));
	money_is(&c.result, "186750", "JPY");
	ck_assert_int_eq(c.rate_date, day("2026-04-13"));
	/* NULL options are the defaults: 5 days of staleness. */
	ck_assert_ok(ifgw_money_convert(&c, rs, &m, ccy("JPY"), day("2026-04-18"), NULL));
	ck_assert_int_eq(c.rate_date, day("2026-04-13"));
	ck_assert_int_eq(c.as_of, day("2026-04-18"));
	ck_assert_fails(ifgw_money_convert(&c, rs, &m, ccy("JPY"), day("2026-04-19"), NULL), IFGW_ESTALE,
			"ECB rates for EUR are stale: latest 2026-04-13 is 6 days before 2026-04-19 (limit 5)");
	opt.max_age_days = 6;
	ck_assert_ok(ifgw_money_convert(&c, rs, &m, ccy("JPY"), day("2026-04-19"), &opt));
	/* The example of the issue: 100 USD in JPY. */
	m = money("100.00", "USD");
	ck_assert_ok(ifgw_money_convert(&c, rs, &m, ccy("JPY"), day("2026-04-13"), NULL));
	money_is(&c.result, "15983", "JPY");
	/* Same currency: identity, rate 1, no rate set needed, any date. */
	m = money("-12.34", "USD");
	ck_assert_ok(ifgw_money_convert(&c, NULL, &m, ccy("USD"), day("1990-01-01"), NULL));
	money_is(&c.result, "-12.34", "USD");
	ck_assert_int_eq(c.rate_date, day("1990-01-01"));
	ck_assert_int_eq(c.from_per_eur.value, 1);
	ck_assert_int_eq(c.to_per_eur.value, 1);
	/* The ECB quotes no KWD: a clean error, not a guess. */
	ck_assert_fails(ifgw_money_convert(&c, rs, &m, ccy("KWD"), day("2026-04-13"), NULL), IFGW_ENOTFOUND,
			"no ECB rate for KWD on or before 2026-04-13");
	ck_assert_fails(ifgw_money_convert(&c, rs, &m, ccy("XDR"), day("2026-04-13"), NULL), IFGW_EINVAL,
			"XDR is not a currency amounts can be held in");
	ck_assert_fails(ifgw_money_convert(&c, rs, &m, NULL, day("2026-04-13"), NULL), IFGW_EINVAL,
			"no target currency");
	ck_assert_fails(ifgw_money_convert(&c, rs, NULL, ccy("JPY"), day("2026-04-13"), NULL), IFGW_EINVAL,
			"no amount");
	ck_assert_fails(ifgw_money_convert(&c, NULL, &m, ccy("JPY"), day("2026-04-13"), NULL), IFGW_EINVAL,
			"no rate set");
	ifgw_rateset_free(rs);
}
END_TEST

/* A cross rate takes both rates from one publication; mixing two needs
 * allow_mixed_dates, and then each rate keeps its own date. */
START_TEST(cross_rates_come_from_one_publication)
{
	static const char csv[] = "Date,USD,JPY,\n2024-02-27,1.0856,N/A,\n2024-02-26,1.0852,163.1,\n";
	struct ifgw_convert_options opt = IFGW_CONVERT_OPTIONS_INIT;
	struct ifgw_rateset *rs = NULL;
	struct ifgw_conversion c;
	struct ifgw_money m = money("100.00", "USD");

	ck_assert_ok(ifgw_rateset_load_memory(&rs, csv, sizeof(csv) - 1, "mem"));
	ck_assert_fails(ifgw_money_convert(&c, rs, &m, ccy("JPY"), day("2024-02-27"), NULL), IFGW_ENOTFOUND,
			"no ECB rate for JPY in the publication of 2024-02-27 (last quoted 2024-02-26)");
	m = money("100", "JPY");
	ck_assert_fails(ifgw_money_convert(&c, rs, &m, ccy("USD"), day("2024-02-28"), NULL), IFGW_ENOTFOUND,
			"no ECB rate for JPY in the publication of 2024-02-27 (last quoted 2024-02-26)");
	/* The day both were published: one publication, one date. */
	ck_assert_ok(ifgw_money_convert(&c, rs, &m, ccy("USD"), day("2024-02-26"), NULL));
	ck_assert_int_eq(c.rate_date, day("2024-02-26"));
	ck_assert_int_eq(c.from_date, day("2024-02-26"));
	ck_assert_int_eq(c.to_date, day("2024-02-26"));
	money_is(&c.result, "0.67", "USD"); /* 100 * 1.0852 / 163.1 = 0.6653... */
	/* A one-rate conversion (to or from EUR) is not a cross: the latest JPY serves. */
	m = money("100", "JPY");
	ck_assert_ok(ifgw_money_convert(&c, rs, &m, ccy("EUR"), day("2024-02-27"), NULL));
	ck_assert_int_eq(c.rate_date, day("2024-02-26"));
	ck_assert_int_eq(c.from_date, c.to_date);
	/* Mixed on request: each rate's own date. */
	opt.allow_mixed_dates = 1;
	m = money("100.00", "USD");
	ck_assert_ok(ifgw_money_convert(&c, rs, &m, ccy("JPY"), day("2024-02-27"), &opt));
	ck_assert_int_eq(c.rate_date, day("2024-02-26"));
	ck_assert_int_eq(c.from_date, day("2024-02-27"));
	ck_assert_int_eq(c.to_date, day("2024-02-26"));
	ck_assert_int_eq(c.from_per_eur.value, 10856); /* USD of the 27th */
	money_is(&c.result, "15024", "JPY");          /* 100 * 163.1 / 1.0856 = 15023.95... */
	ifgw_rateset_free(rs);
}
END_TEST

/* The case on the shipped history: RUB was last quoted 2022-03-01. */
START_TEST(cross_rate_rub_usd_2022_03_04)
{
	struct ifgw_convert_options opt = IFGW_CONVERT_OPTIONS_INIT;
	struct ifgw_rateset *rs = NULL;
	struct ifgw_conversion c;
	struct ifgw_money m = money("1000.00", "RUB");

	ck_assert_ok(ifgw_rateset_load_file(&rs, ifgw_test_srcpath(HIST)));
	ck_assert_fails(ifgw_money_convert(&c, rs, &m, ccy("USD"), day("2022-03-04"), NULL), IFGW_ENOTFOUND,
			"no ECB rate for RUB in the publication of 2022-03-04 (last quoted 2022-03-01)");
	ck_assert_ok(ifgw_money_convert(&c, rs, &m, ccy("USD"), day("2022-03-01"), NULL));
	money_is(&c.result, "9.52", "USD"); /* 1000 * 1.1162 / 117.201 = 9.5238... */
	opt.allow_mixed_dates = 1;
	ck_assert_ok(ifgw_money_convert(&c, rs, &m, ccy("USD"), day("2022-03-04"), &opt));
	money_is(&c.result, "9.33", "USD"); /* 1000 * 1.0929 / 117.201 = 9.3250... */
	ck_assert_int_eq(c.from_date, day("2022-03-01"));
	ck_assert_int_eq(c.to_date, day("2022-03-04"));
	ifgw_rateset_free(rs);
}
END_TEST

/* Ties, signs and modes against a small integer oracle written here. */
START_TEST(rounding_modes_on_every_small_amount)
{
	struct ifgw_rate two = rate("2"), one = rate("1"), eight = rate("8");
	struct ifgw_money in, out;
	int64_t a;

	for (a = -2000; a <= 2000; a++) {
		int64_t q = a / 2, r = a % 2; /* C truncates: q toward zero, r has a's sign */
		int64_t half_up = q + r, even = (r != 0 && (q % 2 != 0)) ? q + r : q;

		in.minor = a;
		in.ccy = ccy("USD");
		/* 2 USD per EUR: a cents of USD is a/2 cents of EUR. */
		ck_assert_ok(ifgw_money_convert_rates(&out, &in, ccy("EUR"), &two, &one, IFGW_ROUND_TOWARD_ZERO));
		ck_assert_int_eq(out.minor, q);
		ck_assert_ok(ifgw_money_convert_rates(&out, &in, ccy("EUR"), &two, &one, IFGW_ROUND_HALF_UP));
		ck_assert_int_eq(out.minor, half_up);
		ck_assert_ok(ifgw_money_convert_rates(&out, &in, ccy("EUR"), &two, &one, IFGW_ROUND_HALF_EVEN));
		ck_assert_int_eq(out.minor, even);
		/* To a 3-decimal currency and back through 8: a * 10 / 8 exactly, then rounded. */
		ck_assert_ok(ifgw_money_convert_rates(&out, &in, ccy("KWD"), &eight, &one, IFGW_ROUND_HALF_EVEN));
		{
			int64_t n = a * 10, qq = n / 8, rr = n % 8, absr = rr < 0 ? -rr : rr, want = qq;

			if (absr * 2 > 8 || (absr * 2 == 8 && qq % 2 != 0))
				want += n < 0 ? -1 : 1;
			ck_assert_int_eq(out.minor, want);
		}
	}
}
END_TEST

START_TEST(overflow_is_an_error_never_a_wrap)
{
	struct ifgw_rate jpy = rate("186.75"), idr = rate("20082.05"), tiny = rate("0.000000000001"),
			 huge = rate("999999999999"), one = rate("1");
	struct ifgw_money in, out;

	in.ccy = ccy("JPY");
	in.minor = INT64_MAX;
	ck_assert_fails(ifgw_money_convert_rates(&out, &in, ccy("IDR"), &jpy, &idr, IFGW_ROUND_HALF_EVEN),
			IFGW_EOVERFLOW, "converting 9223372036854775807 JPY to IDR overflows");
	in.minor = -INT64_MAX;
	ck_assert_fails(ifgw_money_convert_rates(&out, &in, ccy("IDR"), &jpy, &idr, IFGW_ROUND_HALF_EVEN),
			IFGW_EOVERFLOW, "overflows");
	/* The 128-bit product itself overflows: huge amount, extreme rates, 3 decimals. */
	ck_assert_fails(ifgw_money_convert_rates(&out, &in, ccy("KWD"), &tiny, &huge, IFGW_ROUND_HALF_EVEN),
			IFGW_EOVERFLOW, "to KWD overflows");
	in.minor = 1;
	ck_assert_fails(ifgw_money_convert_rates(&out, &in, ccy("KWD"), &tiny, &huge, IFGW_ROUND_HALF_EVEN),
			IFGW_EOVERFLOW, "overflows");
	/* The largest amounts that fit still convert exactly. */
	in.ccy = ccy("USD");
	in.minor = INT64_MAX;
	ck_assert_ok(ifgw_money_convert_rates(&out, &in, ccy("USD"), &one, &one, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, INT64_MAX);
	in.minor = -INT64_MAX;
	ck_assert_ok(ifgw_money_convert_rates(&out, &in, ccy("USD"), &one, &one, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, -INT64_MAX);
	/* Rounding up past the limit is caught too: (2^64 - 1) / 3 * 1.5 = INT64_MAX + 0.5. */
	{
		struct ifgw_rate one_half = rate("1.5");

		in.ccy = ccy("USD");
		in.minor = 6148914691236517205;
		ck_assert_ok(ifgw_money_convert_rates(&out, &in, ccy("USD"), &one, &one_half, IFGW_ROUND_TOWARD_ZERO));
		ck_assert_int_eq(out.minor, INT64_MAX);
		ck_assert_fails(ifgw_money_convert_rates(&out, &in, ccy("USD"), &one, &one_half, IFGW_ROUND_HALF_UP),
				IFGW_EOVERFLOW, "overflows");
		ck_assert_fails(ifgw_money_convert_rates(&out, &in, ccy("USD"), &one, &one_half, IFGW_ROUND_HALF_EVEN),
				IFGW_EOVERFLOW, "overflows");
		in.minor = -in.minor;
		ck_assert_ok(ifgw_money_convert_rates(&out, &in, ccy("USD"), &one, &one_half, IFGW_ROUND_TOWARD_ZERO));
		ck_assert_int_eq(out.minor, -INT64_MAX);
	}
}
END_TEST

START_TEST(rates_out_of_bounds_are_refused)
{
	struct ifgw_rate good = rate("1.5"), zero = { 0, 0 }, neg = { -15, 1 }, wide = { 1000000000000, 0 },
			 deep = { 15, 13 };
	struct ifgw_money in, out;

	in.ccy = ccy("USD");
	in.minor = 100;
	ck_assert_fails(ifgw_money_convert_rates(&out, &in, ccy("EUR"), &zero, &good, IFGW_ROUND_HALF_EVEN),
			IFGW_EINVAL, "source rate");
	ck_assert_fails(ifgw_money_convert_rates(&out, &in, ccy("EUR"), &good, &neg, IFGW_ROUND_HALF_EVEN),
			IFGW_EINVAL, "target rate");
	ck_assert_fails(ifgw_money_convert_rates(&out, &in, ccy("EUR"), &wide, &good, IFGW_ROUND_HALF_EVEN),
			IFGW_EINVAL, "beyond 12 digits");
	ck_assert_fails(ifgw_money_convert_rates(&out, &in, ccy("EUR"), &good, &deep, IFGW_ROUND_HALF_EVEN),
			IFGW_EINVAL, "12 decimals");
	ck_assert_fails(ifgw_money_convert_rates(&out, &in, ccy("EUR"), NULL, &good, IFGW_ROUND_HALF_EVEN),
			IFGW_EINVAL, "source rate is missing");
	ck_assert_fails(ifgw_money_convert_rates(&out, &in, ccy("CLF"), &good, &good, IFGW_ROUND_HALF_EVEN),
			IFGW_EINVAL, "CLF is not a currency amounts can be held in");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("convert");
	TCase *tc = tcase_create("convert");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, fixtures_from_python_fractions);
	tcase_add_test(tc, convert_defaults_and_identity);
	tcase_add_test(tc, cross_rates_come_from_one_publication);
	tcase_add_test(tc, cross_rate_rub_usd_2022_03_04);
	tcase_add_test(tc, rounding_modes_on_every_small_amount);
	tcase_add_test(tc, overflow_is_an_error_never_a_wrap);
	tcase_add_test(tc, rates_out_of_bounds_are_refused);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
