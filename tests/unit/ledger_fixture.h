/* ledger_fixture.h: what the ledger's tests share: times, days and EUR
 * amounts from text, and the export contract most cases run under. */
#ifndef IFGW_LEDGER_FIXTURE_H
#define IFGW_LEDGER_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "currency/calendar.h"
#include "gateway/ledger/ledger.h"
#include "testutil.h"

static inline int64_t at(const char *text)
{
	int64_t t;

	ck_assert_ok(ifgw_datetime_parse(&t, text));
	return t;
}

static inline int32_t day(const char *text)
{
	int32_t d;

	ck_assert_ok(ifgw_date_parse(&d, text, 10));
	return d;
}

static inline struct ifgw_money eur(int64_t minor)
{
	struct ifgw_money m;

	m.minor = minor;
	m.ccy = ifgw_currency_find("EUR");
	return m;
}

/* Export factoring through DE00123: 85 % advance, 5 % reserve, 0.75 %
 * commission + 2.50 EUR a document, 3.5 % + 1.5 % ACT/360, half-even,
 * funded within 48 business hours on the FR calendar (UTC+1), dunning at
 * 7, 21, 35 and 60 days after due. */
static inline void ledger_test_contract(struct ifgw_ledger_contract *c)
{
	static const int32_t plan[IFGW_LEDGER_DUNNING_STEPS] = {7, 21, 35, 60};

	memset(c, 0, sizeof(*c));
	c->product = IFGW_PRODUCT_EXPORT;
	snprintf(c->partner, sizeof(c->partner), "DE00123");
	c->advance_rate = 850000;
	c->reserve_pct = 50000;
	c->commission_pct = 7500;
	c->doc_fee = eur(250);
	c->ref_rate = 35000;
	c->margin = 15000;
	c->daycount = IFGW_DAYCOUNT_ACT_360;
	c->rounding = IFGW_ROUND_HALF_EVEN;
	c->funding_hours = 48;
	ck_assert_ok(ifgw_calendar_get(&c->calendar, "FR"));
	c->utc_offset = 3600;
	memcpy(c->dunning_days, plan, sizeof(plan));
}

#endif
