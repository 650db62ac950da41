/* test_ledger_fees.c: advance, commission and interest, exact in minor units. */
#include "config.h"

#include "currency/money.h"
#include "gateway/ledger/fees.h"
#include "testutil.h"

static struct ifgw_money amt(int64_t minor, const char *ccy)
{
	struct ifgw_money m;

	m.minor = minor;
	m.ccy = ifgw_currency_find(ccy);
	ck_assert_ptr_nonnull(m.ccy);
	return m;
}

START_TEST(advance_rate_minus_reserve)
{
	struct ifgw_money base = amt(1000000, "EUR"), fixed = amt(10000, "EUR"), out;

	/* 10000.00 * (85% - 5%) = 8000.00 */
	ck_assert_ok(ifgw_ledger_advance(&out, &base, 850000, 50000, NULL, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 800000);
	ck_assert_str_eq(out.ccy->code, "EUR");
	/* ... minus a fixed reserve of 100.00 */
	ck_assert_ok(ifgw_ledger_advance(&out, &base, 850000, 50000, &fixed, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 790000);
	/* floored at zero: 1.00 * 10% - 100.00 */
	base = amt(100, "EUR");
	ck_assert_ok(ifgw_ledger_advance(&out, &base, 100000, 0, &fixed, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 0);
}
END_TEST

START_TEST(advance_rounds_once)
{
	struct ifgw_money base = amt(5, "EUR"), out;

	/* 0.05 * 50% = 0.025: a tie, half-even keeps 0.02, half-up 0.03 */
	ck_assert_ok(ifgw_ledger_advance(&out, &base, 500000, 0, NULL, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 2);
	ck_assert_ok(ifgw_ledger_advance(&out, &base, 500000, 0, NULL, IFGW_ROUND_HALF_UP));
	ck_assert_int_eq(out.minor, 3);
	base = amt(7, "EUR");
	ck_assert_ok(ifgw_ledger_advance(&out, &base, 500000, 0, NULL, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 4);
	/* rate - reserve in one step: 0.03 * (90% - 40%) = 0.015 -> 0.02, where
	 * rounding 0.027 and 0.012 apart would give 0.03 - 0.01 = 0.02 only by luck */
	base = amt(3, "EUR");
	ck_assert_ok(ifgw_ledger_advance(&out, &base, 900000, 400000, NULL, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 2);
	/* JPY has no minor unit: 1234567 * 80% = 987653.6 -> 987654 */
	base = amt(1234567, "JPY");
	ck_assert_ok(ifgw_ledger_advance(&out, &base, 800000, 0, NULL, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 987654);
}
END_TEST

START_TEST(advance_refuses_bad_input)
{
	struct ifgw_money base = amt(100000, "EUR"), usd = amt(100, "USD"), neg = amt(-1, "EUR"), out;

	ck_assert_fails(ifgw_ledger_advance(&out, &base, 800000, 900000, NULL, IFGW_ROUND_HALF_EVEN), IFGW_EINVAL,
			"reserve");
	ck_assert_fails(ifgw_ledger_advance(&out, &base, 1000001, 0, NULL, IFGW_ROUND_HALF_EVEN), IFGW_EINVAL,
			"advance rate");
	ck_assert_fails(ifgw_ledger_advance(&out, &neg, 800000, 0, NULL, IFGW_ROUND_HALF_EVEN), IFGW_EINVAL,
			"negative");
	ck_assert_fails(ifgw_ledger_advance(&out, &base, 800000, 0, &usd, IFGW_ROUND_HALF_EVEN), IFGW_EINVAL, "USD");
}
END_TEST

START_TEST(commission_and_document_fee)
{
	struct ifgw_money base = amt(1000000, "EUR"), fee = amt(250, "EUR"), out;

	/* 10000.00 * 0.75% + 3 * 2.50 = 82.50 */
	ck_assert_ok(ifgw_ledger_commission(&out, &base, 7500, &fee, 3, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 8250);
	ck_assert_ok(ifgw_ledger_commission(&out, &base, 7500, NULL, 0, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 7500);
	/* 1234567 JPY * 0.35% = 4320.9845 -> 4321 */
	base = amt(1234567, "JPY");
	ck_assert_ok(ifgw_ledger_commission(&out, &base, 3500, NULL, 0, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 4321);
	ck_assert_fails(ifgw_ledger_commission(&out, &base, 3500, &fee, 1, IFGW_ROUND_HALF_EVEN), IFGW_EINVAL,
			"document fee in EUR");
	fee = amt(INT64_MAX / 2, "JPY");
	ck_assert_fails(ifgw_ledger_commission(&out, &base, 3500, &fee, 3, IFGW_ROUND_HALF_EVEN), IFGW_EOVERFLOW,
			"document fees");
}
END_TEST

START_TEST(interest_day_count)
{
	struct ifgw_money p = amt(10000000, "EUR"), out;

	/* 100000.00 at 3.5% + 1.5% for 30 days, ACT/360: 416.666... -> 416.67 */
	ck_assert_ok(ifgw_ledger_interest(&out, &p, 35000, 15000, 100, 130, IFGW_DAYCOUNT_ACT_360,
					  IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 41667);
	/* the same in GBP, ACT/365: 410.9589... -> 410.96 */
	p = amt(10000000, "GBP");
	ck_assert_ok(ifgw_ledger_interest(&out, &p, 35000, 15000, 100, 130, ifgw_ledger_daycount_default(p.ccy),
					  IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 41096);
	/* ties: 0.36 at 100% for 5 days ACT/360 = 0.005 -> 0.00 half-even, 0.01 half-up */
	p = amt(36, "EUR");
	ck_assert_ok(ifgw_ledger_interest(&out, &p, 1000000, 0, 0, 5, IFGW_DAYCOUNT_ACT_360, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 0);
	ck_assert_ok(ifgw_ledger_interest(&out, &p, 1000000, 0, 0, 5, IFGW_DAYCOUNT_ACT_360, IFGW_ROUND_HALF_UP));
	ck_assert_int_eq(out.minor, 1);
	p = amt(108, "EUR");
	ck_assert_ok(ifgw_ledger_interest(&out, &p, 1000000, 0, 0, 5, IFGW_DAYCOUNT_ACT_360, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 2);
	/* a negative reference below the margin: floored at zero */
	p = amt(10000000, "EUR");
	ck_assert_ok(ifgw_ledger_interest(&out, &p, -5000, 2000, 0, 90, IFGW_DAYCOUNT_ACT_360, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 0);
	/* a negative reference above it: -0.5% + 1.5% = 1% for 360 days = 1000.00 */
	ck_assert_ok(ifgw_ledger_interest(&out, &p, -5000, 15000, 0, 360, IFGW_DAYCOUNT_ACT_360,
					  IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 100000);
	/* no days, no interest */
	ck_assert_ok(ifgw_ledger_interest(&out, &p, 35000, 15000, 7, 7, IFGW_DAYCOUNT_ACT_360, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 0);
	ck_assert_fails(ifgw_ledger_interest(&out, &p, 35000, 15000, 8, 7, IFGW_DAYCOUNT_ACT_360,
					     IFGW_ROUND_HALF_EVEN),
			IFGW_EINVAL, "before it starts");
	ck_assert_fails(ifgw_ledger_interest(&out, &p, 35000, -1, 0, 7, IFGW_DAYCOUNT_ACT_360, IFGW_ROUND_HALF_EVEN),
			IFGW_EINVAL, "margin");
}
END_TEST

START_TEST(interest_on_a_sum)
{
	struct ifgw_money out;

	/* 6400.00 for 25 days and 2400.00 for 10: 18400000 minor-unit days at 5% ACT/360 */
	ck_assert_ok(ifgw_ledger_interest_sum(&out, ifgw_currency_find("EUR"), 640000LL * 25 + 240000LL * 10, 35000,
					      15000, IFGW_DAYCOUNT_ACT_360, IFGW_ROUND_HALF_EVEN));
	ck_assert_int_eq(out.minor, 2556);
	/* rounding each period apart would give 22.22 + 3.33 = 25.55 */
	ck_assert_fails(ifgw_ledger_interest_sum(&out, ifgw_currency_find("EUR"), -1, 0, 0, IFGW_DAYCOUNT_ACT_360,
						 IFGW_ROUND_HALF_EVEN),
			IFGW_EINVAL, "negative");
}
END_TEST

START_TEST(daycount_names)
{
	enum ifgw_daycount d;

	ck_assert_int_eq(ifgw_ledger_daycount_default(ifgw_currency_find("EUR")), IFGW_DAYCOUNT_ACT_360);
	ck_assert_int_eq(ifgw_ledger_daycount_default(ifgw_currency_find("USD")), IFGW_DAYCOUNT_ACT_360);
	ck_assert_int_eq(ifgw_ledger_daycount_default(ifgw_currency_find("GBP")), IFGW_DAYCOUNT_ACT_365);
	ck_assert_int_eq(ifgw_ledger_daycount_default(ifgw_currency_find("JPY")), IFGW_DAYCOUNT_ACT_365);
	ck_assert_ok(ifgw_ledger_daycount_parse(&d, "act/365"));
	ck_assert_int_eq(d, IFGW_DAYCOUNT_ACT_365);
	ck_assert_str_eq(ifgw_ledger_daycount_name(d), "ACT/365");
	ck_assert_ok(ifgw_ledger_daycount_parse(&d, "ACT/360"));
	ck_assert_int_eq(d, IFGW_DAYCOUNT_ACT_360);
	ck_assert_fails(ifgw_ledger_daycount_parse(&d, "30/360"), IFGW_EINVAL, "30/360");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ledger_fees");
	TCase *tc = tcase_create("fees");

	tcase_add_test(tc, advance_rate_minus_reserve);
	tcase_add_test(tc, advance_rounds_once);
	tcase_add_test(tc, advance_refuses_bad_input);
	tcase_add_test(tc, commission_and_document_fee);
	tcase_add_test(tc, interest_day_count);
	tcase_add_test(tc, interest_on_a_sum);
	tcase_add_test(tc, daycount_names);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
