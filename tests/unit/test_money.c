/* test_money.c: ISO 4217 table and exact money. */
#include "config.h"

#include <stdint.h>

#include "base/file.h"
#include "currency/iso4217.h"
#include "currency/money.h"
#include "testutil.h"

static const struct ifgw_currency *ccy(const char *code)
{
	const struct ifgw_currency *c = ifgw_currency_find(code);

	ck_assert_msg(c != NULL, "currency %s missing", code);
	return c;
}

/* Deterministic PRNG (xorshift64*): the same numbers on every run. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ull;
}

static void parse_ok(const char *text, const char *code, int64_t want)
{
	struct ifgw_money m;

	ifgw_error_clear();
	ck_assert_msg(ifgw_money_parse(&m, text, strlen(text), ccy(code), NULL) == IFGW_OK, "%s %s: %s", text, code,
		      ifgw_error_last());
	ck_assert_msg(m.minor == want, "%s %s parsed as %lld, want %lld", text, code, (long long)m.minor,
		      (long long)want);
	ck_assert_ptr_eq(m.ccy, ccy(code));
}

static void parse_bad(const char *text, const char *code, int want_rc, const char *needle)
{
	struct ifgw_money m;

	ck_assert_fails(ifgw_money_parse(&m, text, strlen(text), ccy(code), NULL), want_rc, needle);
}

/* Every active code of the shipped CSV, read here on its own, has the
 * minor units the generated table says. */
START_TEST(every_currency_minor_units)
{
	struct ifgw_buf csv;
	char *line, *save = NULL;
	int checked = 0, lineno = 0;

	ifgw_buf_init(&csv, 1 << 20);
	ck_assert_ok(ifgw_file_read(&csv, ifgw_test_srcpath("currency/data/iso4217-codes-all.csv")));
	for (line = strtok_r(csv.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[8];
		int n = 0;
		char *p = line, *start = line;
		int quoted = 0;

		if (lineno++ == 0 || !strchr(line, ','))
			continue;
		/* split on commas outside quotes */
		for (; *p && n < 8; p++) {
			if (*p == '"')
				quoted = !quoted;
			else if (*p == ',' && !quoted) {
				*p = '\0';
				f[n++] = start;
				start = p + 1;
			}
		}
		if (n < 8)
			f[n++] = start;
		ck_assert_int_ge(n, 6);
		if (f[2][0] == '\0' || f[5][0] != '\0')
			continue; /* no currency, or withdrawn */
		{
			const struct ifgw_currency *c = ccy(f[2]);
			int want = f[4][0] == '-' ? IFGW_CCY_NO_MINOR_UNITS : f[4][0] - '0';

			ck_assert_msg(c->minor_units == want, "%s: table says %d, list says %s", f[2], c->minor_units,
				      f[4]);
			ck_assert_int_eq(c->numeric, (unsigned)strtoul(f[3], NULL, 10));
			ck_assert(!(c->flags & IFGW_CCY_WITHDRAWN));
			checked++;
		}
	}
	ifgw_buf_free(&csv);
	ck_assert_int_ge(checked, 270); /* 280 country rows, ~178 codes */
}
END_TEST

START_TEST(currency_table_facts)
{
	static const char *three[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
	static const char *funds[] = {"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI"};
	static const char *metals[] = {"XAU", "XAG", "XPD", "XPT"};
	size_t i, active = 0;
	const struct ifgw_currency *c;

	ck_assert_int_eq(ccy("JPY")->minor_units, 0);
	ck_assert_int_eq(ccy("EUR")->minor_units, 2);
	ck_assert_int_eq(ccy("EUR")->numeric, 978);
	ck_assert_int_eq(ccy("CLF")->minor_units, 4);
	ck_assert_int_eq(ccy("UYW")->minor_units, 4);
	for (i = 0; i < sizeof(three) / sizeof(three[0]); i++)
		ck_assert_int_eq(ccy(three[i])->minor_units, 3);
	for (i = 0; i < sizeof(funds) / sizeof(funds[0]); i++) {
		ck_assert_msg(ccy(funds[i])->flags & IFGW_CCY_FUND, "%s is a fund", funds[i]);
		ck_assert(!ifgw_currency_is_tradeable(ccy(funds[i])));
	}
	for (i = 0; i < sizeof(metals) / sizeof(metals[0]); i++) {
		ck_assert(ccy(metals[i])->flags & IFGW_CCY_METAL);
		ck_assert(!ifgw_currency_is_tradeable(ccy(metals[i])));
	}
	ck_assert(!ifgw_currency_is_tradeable(ccy("XDR")));
	ck_assert(!ifgw_currency_is_tradeable(ccy("XXX")));
	ck_assert(ifgw_currency_is_tradeable(ccy("KWD")));
	/* withdrawn codes the ECB history still quotes */
	ck_assert(ccy("CYP")->flags & IFGW_CCY_WITHDRAWN);
	ck_assert_int_eq(ccy("TRL")->minor_units, 0);
	ck_assert(ifgw_currency_is_tradeable(ccy("BGN")));
	ck_assert_str_eq(ccy("BGN")->withdrawn, "2026-01");
	/* numeric look-up prefers the active code */
	ck_assert_str_eq(ifgw_currency_by_numeric(532)->code, "XCG");
	ck_assert_str_eq(ifgw_currency_by_numeric(392)->code, "JPY");
	ck_assert_ptr_null(ifgw_currency_by_numeric(1));
	ck_assert_ptr_null(ifgw_currency_find("eur"));
	ck_assert_ptr_null(ifgw_currency_find("EURO"));
	ck_assert_ptr_null(ifgw_currency_find("QQQ"));
	ck_assert_fails(ifgw_currency_lookup(&c, "QQQ", 3), IFGW_ENOTFOUND, "unknown currency 'QQQ'");
	ck_assert_fails(ifgw_currency_lookup(&c, "US", 2), IFGW_EINVAL, "not a three-letter");
	for (i = 0; i < ifgw_currency_count(); i++) {
		c = ifgw_currency_at(i);
		if (i > 0)
			ck_assert_int_lt(strcmp(ifgw_currency_at(i - 1)->code, c->code), 0);
		if (!(c->flags & IFGW_CCY_WITHDRAWN))
			active++;
	}
	ck_assert_uint_ge(active, 175);
	ck_assert_uint_le(active, 185);
}
END_TEST

START_TEST(parse_exact)
{
	parse_ok("1234.56", "EUR", 123456);
	parse_ok("-0.5", "EUR", -50);
	parse_ok("-0", "EUR", 0);
	parse_ok("0.05", "EUR", 5);
	parse_ok("198289", "JPY", 198289);
	parse_ok("1.234", "KWD", 1234);
	parse_ok("1.2", "KWD", 1200);
	parse_ok("0.0001", "UYW", 1);
	parse_ok("92233720368547758.07", "EUR", INT64_MAX);
	parse_ok("-92233720368547758.07", "EUR", -INT64_MAX);
	parse_ok("9223372036854775807", "JPY", INT64_MAX);
}
END_TEST

START_TEST(parse_refusals)
{
	parse_bad("1.5", "JPY", IFGW_EINVAL, "'1.5' has 1 decimal, JPY allows 0");
	parse_bad("1.005", "EUR", IFGW_EINVAL, "has 3 decimals, EUR allows 2");
	parse_bad("1.2345", "KWD", IFGW_EINVAL, "KWD allows 3");
	parse_bad("", "EUR", IFGW_EINVAL, "amount is empty");
	parse_bad("-", "EUR", IFGW_EINVAL, "not a decimal number");
	parse_bad("--1", "EUR", IFGW_EINVAL, "not a decimal number");
	parse_bad("1e5", "EUR", IFGW_EINVAL, "exponent notation");
	parse_bad("1.5E2", "EUR", IFGW_EINVAL, "exponent notation");
	parse_bad("1,000.00", "EUR", IFGW_EINVAL, "thousands separators");
	parse_bad("1 000", "EUR", IFGW_EINVAL, "thousands separators");
	parse_bad("+1", "EUR", IFGW_EINVAL, "no '+' sign");
	parse_bad("1.", "EUR", IFGW_EINVAL, "not a decimal number");
	parse_bad(".5", "EUR", IFGW_EINVAL, "not a decimal number");
	parse_bad(" 1", "EUR", IFGW_EINVAL, "not a decimal number");
	parse_bad("1 ", "EUR", IFGW_EINVAL, "thousands separators");
	parse_bad("0x10", "EUR", IFGW_EINVAL, "not a decimal number");
	parse_bad("92233720368547758.08", "EUR", IFGW_EOVERFLOW, "too large");
	parse_bad("99999999999999999999999", "JPY", IFGW_EOVERFLOW, "too large");
	parse_bad("100000000000000000", "EUR", IFGW_EOVERFLOW, "too large");
	parse_bad("1", "XAU", IFGW_EINVAL, "precious metal");
	parse_bad("1", "CLF", IFGW_EINVAL, "fund code");
	parse_bad("1", "XDR", IFGW_EINVAL, "no minor unit");
	/* Withdrawn codes whose minor unit is unknown: said so, with the date (issue 8). */
	parse_bad("100.00", "ANG", IFGW_EINVAL,
		  "ANG is not a currency amounts can be held in (withdrawn from ISO 4217 in 2025-03)");
	parse_bad("100.00", "ZWL", IFGW_EINVAL, "(withdrawn from ISO 4217 in 2024-09)");
	parse_bad("100.00", "SLL", IFGW_EINVAL, "(withdrawn from ISO 4217 in 2023-12)");
	parse_bad("100.00", "CUC", IFGW_EINVAL, "(withdrawn from ISO 4217 in 2021-06)");
	/* A comma meant as the decimal point is named as such, not as a thousands separator. */
	parse_bad("100,00", "EUR", IFGW_EINVAL, "'100,00': ',' used as the decimal separator: use '.' for decimals");
	parse_bad("0,5", "EUR", IFGW_EINVAL, "',' used as the decimal separator");
	parse_bad("-12,3", "EUR", IFGW_EINVAL, "',' used as the decimal separator");
	parse_bad("1.234,56", "EUR", IFGW_EINVAL, "',' used as the decimal separator");
	parse_bad("1,0000", "EUR", IFGW_EINVAL, "',' used as the decimal separator");
	parse_bad("1,000", "EUR", IFGW_EINVAL, "unexpected ',' (thousands separators");   /* cannot tell: thousands */
	parse_bad("1,5x", "EUR", IFGW_EINVAL, "unexpected ',' (thousands separators");    /* not digits after it */
	parse_bad("1,", "EUR", IFGW_EINVAL, "unexpected ',' (thousands separators");
}
END_TEST

/* The reason a currency cannot hold money, for every code of the table. */
START_TEST(untradeable_reasons)
{
	char why[IFGW_MONEY_WHY_STRLEN];
	size_t i, withdrawn = 0;

	ck_assert_ptr_null(ifgw_money_untradeable_why(why, ccy("EUR")));
	ck_assert_ptr_null(ifgw_money_untradeable_why(why, ccy("TRL"))); /* withdrawn, minor unit known */
	ck_assert_str_eq(ifgw_money_untradeable_why(why, ccy("CUC")), "withdrawn from ISO 4217 in 2021-06");
	ck_assert_str_eq(ifgw_money_untradeable_why(why, ccy("XAU")), "precious metal");
	ck_assert_str_eq(ifgw_money_untradeable_why(why, ccy("XDR")), "no minor unit");
	for (i = 0; i < ifgw_currency_count(); i++) {
		const struct ifgw_currency *c = ifgw_currency_at(i);
		const char *w = ifgw_money_untradeable_why(why, c);

		ck_assert_int_eq(w == NULL, ifgw_currency_is_tradeable(c) != 0);
		if (w && (c->flags & IFGW_CCY_WITHDRAWN) && !(c->flags & (IFGW_CCY_FUND | IFGW_CCY_METAL))) {
			ck_assert_msg(strncmp(w, "withdrawn from ISO 4217", 23) == 0, "%s: %s", c->code, w);
			withdrawn++;
		}
	}
	ck_assert_uint_gt(withdrawn, 4);
}
END_TEST

START_TEST(parse_locale_syntax)
{
	struct ifgw_amount_syntax us = {.decimal_sep = '.', .group_sep = ','};
	struct ifgw_amount_syntax de = {.decimal_sep = ',', .group_sep = '.'};
	struct ifgw_amount_syntax pad = {.allow_zero_padding = 1};
	struct ifgw_money m;

	ck_assert_ok(ifgw_money_parse(&m, "1,234,567.89", 12, ccy("EUR"), &us));
	ck_assert_int_eq(m.minor, 123456789);
	ck_assert_ok(ifgw_money_parse(&m, "1.234,5", 7, ccy("EUR"), &de));
	ck_assert_int_eq(m.minor, 123450);
	ck_assert_ok(ifgw_money_parse(&m, "999", 3, ccy("EUR"), &us));
	ck_assert_int_eq(m.minor, 99900);
	ck_assert_fails(ifgw_money_parse(&m, "1,23,456.00", 11, ccy("EUR"), &us), IFGW_EINVAL, "misplaced");
	ck_assert_fails(ifgw_money_parse(&m, "1234,567", 8, ccy("EUR"), &us), IFGW_EINVAL, "misplaced");
	ck_assert_fails(ifgw_money_parse(&m, ",123", 4, ccy("EUR"), &us), IFGW_EINVAL, "misplaced");
	ck_assert_ok(ifgw_money_parse(&m, "1500.00", 7, ccy("JPY"), &pad));
	ck_assert_int_eq(m.minor, 1500);
	ck_assert_fails(ifgw_money_parse(&m, "1500.50", 7, ccy("JPY"), &pad), IFGW_EINVAL, "JPY allows 0");
	ck_assert_fails(ifgw_money_parse(&m, "1500.00", 7, ccy("JPY"), NULL), IFGW_EINVAL, "JPY allows 0");
}
END_TEST

START_TEST(format_and_round_trip)
{
	static const char *codes[] = {"JPY", "EUR", "KWD", "UYW", "USD", "BHD", "OMR", "ISK"};
	struct ifgw_money m = {0, NULL}, back;
	char text[IFGW_MONEY_STRLEN];
	int i;

	m.ccy = ccy("EUR");
	m.minor = -50;
	ifgw_money_format(text, &m);
	ck_assert_str_eq(text, "-0.50");
	m.minor = 5;
	ifgw_money_format(text, &m);
	ck_assert_str_eq(text, "0.05");
	m.minor = INT64_MIN + 1;
	ifgw_money_format(text, &m);
	ck_assert_str_eq(text, "-92233720368547758.07");
	m.ccy = ccy("UYW");
	m.minor = 12345;
	ifgw_money_format(text, &m);
	ck_assert_str_eq(text, "1.2345");
	m.ccy = ccy("JPY");
	m.minor = 198289;
	ifgw_money_format(text, &m);
	ck_assert_str_eq(text, "198289");

	for (i = 0; i < 200000; i++) {
		uint64_t r = rng();
		int bits = (int)(rng() % 63) + 1; /* amounts of every magnitude */

		m.ccy = ccy(codes[i % 8]);
		m.minor = (int64_t)(r >> (64 - bits));
		if (rng() & 1)
			m.minor = -m.minor;
		ifgw_money_format(text, &m);
		ifgw_error_clear();
		ck_assert_msg(ifgw_money_parse(&back, text, strlen(text), m.ccy, NULL) == IFGW_OK, "%s: %s", text,
			      ifgw_error_last());
		ck_assert_msg(back.minor == m.minor, "%s %s: %lld != %lld", text, m.ccy->code, (long long)back.minor,
			      (long long)m.minor);
	}
}
END_TEST

START_TEST(add_sub_exact)
{
	struct ifgw_money a = {INT64_MAX - 1, ccy("EUR")}, b = {1, ccy("EUR")}, r, y = {1, ccy("JPY")};

	ck_assert_ok(ifgw_money_add(&r, &a, &b));
	ck_assert_int_eq(r.minor, INT64_MAX);
	ck_assert_fails(ifgw_money_add(&r, &r, &b), IFGW_EOVERFLOW, "overflows");
	a.minor = -INT64_MAX;
	ck_assert_fails(ifgw_money_sub(&r, &a, &b), IFGW_EOVERFLOW, "overflows");
	ck_assert_fails(ifgw_money_add(&r, &b, &y), IFGW_EINVAL, "currencies differ (EUR and JPY)");
	a.minor = 1000;
	ck_assert_ok(ifgw_money_sub(&r, &b, &a));
	ck_assert_int_eq(r.minor, -999);
}
END_TEST

START_TEST(percent_n34)
{
	int32_t p;
	char text[IFGW_PERCENT_STRLEN];
	struct ifgw_money m = {5, ccy("EUR")}, r;

	ck_assert_ok(ifgw_percent_parse(&p, "85.5", 4));
	ck_assert_int_eq(p, 855000);
	ifgw_percent_format(text, p);
	ck_assert_str_eq(text, "85.5000");
	ck_assert_ok(ifgw_percent_parse(&p, "100", 3));
	ck_assert_int_eq(p, IFGW_PERCENT_ONE);
	ck_assert_ok(ifgw_percent_parse(&p, "0.0001", 6));
	ck_assert_int_eq(p, 1); /* 0.0001% is one millionth */
	ck_assert_fails(ifgw_percent_parse(&p, "100.0001", 8), IFGW_EINVAL, "outside 0..100");
	ck_assert_fails(ifgw_percent_parse(&p, "-1", 2), IFGW_EINVAL, "outside 0..100");
	ck_assert_fails(ifgw_percent_parse(&p, "1.23456", 7), IFGW_EINVAL, "N3.4 allows 4");

	/* 0.05 EUR at 50% = 0.025: the tie goes each way per rule */
	ck_assert_ok(ifgw_percent_parse(&p, "50", 2));
	ck_assert_ok(ifgw_money_percent(&r, &m, p, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(r.minor, 2);
	ck_assert_ok(ifgw_money_percent(&r, &m, p, IFGW_ROUND_HALF_UP));
	ck_assert_int_eq(r.minor, 3);
	ck_assert_ok(ifgw_money_percent(&r, &m, p, IFGW_ROUND_TOWARD_ZERO));
	ck_assert_int_eq(r.minor, 2);
	m.minor = -5;
	ck_assert_ok(ifgw_money_percent(&r, &m, p, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(r.minor, -2);
	ck_assert_ok(ifgw_money_percent(&r, &m, p, IFGW_ROUND_HALF_UP));
	ck_assert_int_eq(r.minor, -3);
	m.minor = 7;
	ck_assert_ok(ifgw_money_percent(&r, &m, p, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(r.minor, 4); /* 3.5 -> 4 */
	/* an 85% advance on the largest amount does not overflow */
	m.minor = INT64_MAX;
	ck_assert_ok(ifgw_percent_parse(&p, "85", 2));
	ck_assert_ok(ifgw_money_percent(&r, &m, p, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(r.minor, (int64_t)(((__int128)INT64_MAX * 85 + 50) / 100)); /* .95 rounds up */
}
END_TEST

START_TEST(allocate_never_loses_a_unit)
{
	struct ifgw_money total = {10000, ccy("EUR")}, parts[64];
	int64_t w[64] = {1, 1, 1};
	int round, i;

	ck_assert_ok(ifgw_money_allocate(parts, &total, w, 3));
	ck_assert_int_eq(parts[0].minor, 3334);
	ck_assert_int_eq(parts[1].minor, 3333);
	ck_assert_int_eq(parts[2].minor, 3333);
	total.minor = -10000;
	ck_assert_ok(ifgw_money_allocate(parts, &total, w, 3));
	ck_assert_int_eq(parts[0].minor, -3334);
	ck_assert_int_eq(parts[2].minor, -3333);

	for (round = 0; round < 20000; round++) {
		size_t n = (size_t)(rng() % 64) + 1;
		__int128 sum = 0, wsum = 0;

		total.minor = (int64_t)(rng() >> (rng() % 63 + 1));
		if (rng() & 1)
			total.minor = -total.minor;
		for (i = 0; i < (int)n; i++) {
			w[i] = (int64_t)(rng() >> (rng() % 54 + 10)); /* 0 .. 2^54 */
			wsum += w[i];
		}
		if (wsum == 0)
			w[0] = wsum = 1;
		ck_assert_ok(ifgw_money_allocate(parts, &total, w, n));
		for (i = 0; i < (int)n; i++) {
			/* each part within one unit of its exact share */
			__int128 exact_num = (__int128)total.minor * w[i];
			__int128 diff = (__int128)parts[i].minor * wsum - exact_num;

			if (diff < 0)
				diff = -diff;
			ck_assert_msg(diff < wsum, "part %d off by a unit or more", i);
			sum += parts[i].minor;
		}
		ck_assert_msg(sum == total.minor, "parts do not add up to the total");
	}
	w[0] = -1;
	ck_assert_fails(ifgw_money_allocate(parts, &total, w, 1), IFGW_EINVAL, "negative");
	w[0] = 0;
	ck_assert_fails(ifgw_money_allocate(parts, &total, w, 1), IFGW_EINVAL, "zero");
	w[0] = INT64_MAX;
	w[1] = 1;
	ck_assert_fails(ifgw_money_allocate(parts, &total, w, 2), IFGW_EOVERFLOW, "2^63");
}
END_TEST

START_TEST(rounding_names)
{
	enum ifgw_rounding r;

	ck_assert_ok(ifgw_rounding_parse(&r, "half-up"));
	ck_assert_int_eq(r, IFGW_ROUND_HALF_UP);
	ck_assert_str_eq(ifgw_rounding_name(r), "half-up");
	ck_assert_ok(ifgw_rounding_parse(&r, "toward-zero"));
	ck_assert_str_eq(ifgw_rounding_name(r), "toward-zero");
	ck_assert_fails(ifgw_rounding_parse(&r, "bankers"), IFGW_EINVAL, "rounding 'bankers' unknown");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, every_currency_minor_units);
	tcase_add_test(tc, currency_table_facts);
	tcase_add_test(tc, parse_exact);
	tcase_add_test(tc, parse_refusals);
	tcase_add_test(tc, untradeable_reasons);
	tcase_add_test(tc, parse_locale_syntax);
	tcase_add_test(tc, format_and_round_trip);
	tcase_add_test(tc, add_sub_exact);
	tcase_add_test(tc, percent_n34);
	tcase_add_test(tc, allocate_never_loses_a_unit);
	tcase_add_test(tc, rounding_names);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
