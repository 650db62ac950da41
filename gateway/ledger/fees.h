/* fees.h: the money of a factoring contract, exact in minor units.
 *
 * Advance, factoring commission, per-document fee and interest on advances.
 * Percentages and rates are N3.4 values held as millionths of one
 * (currency/money.h: 85.5% = 855000, IFGW_PERCENT_ONE = 100%).  Every figure
 * is computed on 128-bit integers from the exact inputs and rounded once, at
 * the end, by the rounding given (half-even unless the contract says
 * otherwise); nothing here reads a clock or a file.  docs/ledger.md has the
 * formulas and worked examples. */
#ifndef IFGW_GATEWAY_LEDGER_FEES_H
#define IFGW_GATEWAY_LEDGER_FEES_H

#include <stdint.h>

#include "currency/money.h"

/* Day-count basis of interest: days actually elapsed over 360 or 365. */
enum ifgw_daycount {
	IFGW_DAYCOUNT_ACT_360 = 0, /* EUR, USD money-market convention */
	IFGW_DAYCOUNT_ACT_365 = 1, /* GBP, JPY */
};

/* "ACT/360" | "ACT/365" (ASCII case ignored). */
int ifgw_ledger_daycount_parse(enum ifgw_daycount *out, const char *text);
const char *ifgw_ledger_daycount_name(enum ifgw_daycount d);

/* The currency's default basis: ACT/365 for GBP and JPY, ACT/360 for every
 * other currency.  A contract that needs another convention sets its own
 * (struct ifgw_ledger_contract.daycount); ifgw ships no guessed list. */
enum ifgw_daycount ifgw_ledger_daycount_default(const struct ifgw_currency *ccy);

/* advance = base * (advance_rate - reserve_pct) / 100%, rounded once by r,
 * minus reserve_fixed (same currency as base), floored at zero.
 * base is the approved and undisputed amount (>= 0); 0 <= reserve_pct <=
 * advance_rate <= 100%.  IFGW_EINVAL naming the figure otherwise. */
int ifgw_ledger_advance(struct ifgw_money *out, const struct ifgw_money *base, int32_t advance_rate,
			int32_t reserve_pct, const struct ifgw_money *reserve_fixed, enum ifgw_rounding r);

/* commission = base * pct / 100% rounded once by r, plus doc_fee * n_docs
 * (doc_fee in base's currency, >= 0; n_docs >= 0).  IFGW_EOVERFLOW on
 * overflow. */
int ifgw_ledger_commission(struct ifgw_money *out, const struct ifgw_money *base, int32_t pct,
			   const struct ifgw_money *doc_fee, int64_t n_docs, enum ifgw_rounding r);

/* Interest on principal from day `from` (inclusive) to day `to` (exclusive)
 * at ref_rate + margin per year (millionths of one each; the reference may be
 * negative, the sum is floored at zero: no negative interest):
 *     principal * (ref_rate + margin) * (to - from) / (100% * basis days)
 * rounded once by r.  to < from is refused. */
int ifgw_ledger_interest(struct ifgw_money *out, const struct ifgw_money *principal, int32_t ref_rate,
			 int32_t margin, int32_t from, int32_t to, enum ifgw_daycount basis, enum ifgw_rounding r);

/* Interest on a sum of balance x days (minor units x days, >= 0: the
 * balance of an advance multiplied by the days it stood, summed over its
 * periods): balance_days * (ref_rate + margin) / (100% * basis days),
 * rounded once by r, in ccy.  So interest on a balance that changes is exact
 * with one rounding, however many periods it had. */
int ifgw_ledger_interest_sum(struct ifgw_money *out, const struct ifgw_currency *ccy, int64_t balance_days,
			     int32_t ref_rate, int32_t margin, enum ifgw_daycount basis, enum ifgw_rounding r);

#endif
