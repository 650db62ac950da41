/* contract.c: what a contract must hold before the ledger runs on it. */
#include "config.h"

#include "base/error.h"
#define IFGW_LEDGER_INTERNAL
#include "gateway/ledger/ledger_int.h"

static int bad(const char *field, const char *why)
{
	return ifgw_error_set(IFGW_EINVAL, "contract: %s: %s", field, why);
}

static int pct_ok(int32_t v)
{
	return v >= 0 && v <= IFGW_PERCENT_ONE;
}

int ifgw_ledger_contract_check(const struct ifgw_ledger_contract *k)
{
	int i, partner;

	IFGW_ASSERT_ARG(k);

	if (k->product != IFGW_PRODUCT_CLASSIC && k->product != IFGW_PRODUCT_CONFIDENTIAL &&
	    k->product != IFGW_PRODUCT_EXPORT && k->product != IFGW_PRODUCT_IFP)
		return bad("product", "not a factoring product");
	partner = k->partner[0] != '\0';
	if ((k->product == IFGW_PRODUCT_EXPORT || k->product == IFGW_PRODUCT_IFP) && !partner)
		return bad("partner", "export and IFP need the correspondent factor");
	if ((k->product == IFGW_PRODUCT_CLASSIC || k->product == IFGW_PRODUCT_CONFIDENTIAL) && partner)
		return bad("partner", "a domestic product has no correspondent factor");
	if (k->role != IFGW_LEDGER_ROLE_HOME && k->role != IFGW_LEDGER_ROLE_IMPORT)
		return bad("role", "neither home nor import");
	if (k->role == IFGW_LEDGER_ROLE_IMPORT && k->product != IFGW_PRODUCT_EXPORT && k->product != IFGW_PRODUCT_IFP)
		return bad("role", "the import role serves export and IFP only");
	if (k->role == IFGW_LEDGER_ROLE_IMPORT && k->advance_rate != 0)
		return bad("advance rate", "the import factor advances nothing: 0");
	if (!pct_ok(k->advance_rate))
		return bad("advance rate", "outside 0..100%");
	if (!pct_ok(k->reserve_pct) || k->reserve_pct > k->advance_rate)
		return bad("reserve", "outside 0..advance rate");
	if (!pct_ok(k->commission_pct))
		return bad("commission", "outside 0..100%");
	if (k->reserve_fixed.ccy && k->reserve_fixed.minor < 0)
		return bad("fixed reserve", "negative");
	if (k->doc_fee.ccy && k->doc_fee.minor < 0)
		return bad("document fee", "negative");
	if (k->ref_rate < -IFGW_PERCENT_ONE || k->ref_rate > IFGW_PERCENT_ONE)
		return bad("reference rate", "outside -100..100%");
	if (!pct_ok(k->margin))
		return bad("margin", "outside 0..100%");
	if (k->daycount != IFGW_DAYCOUNT_ACT_360 && k->daycount != IFGW_DAYCOUNT_ACT_365)
		return bad("day-count basis", "neither ACT/360 nor ACT/365");
	if (k->rounding != IFGW_ROUND_HALF_EVEN && k->rounding != IFGW_ROUND_HALF_UP &&
	    k->rounding != IFGW_ROUND_TOWARD_ZERO)
		return bad("rounding", "unknown rule");
	if (k->role == IFGW_LEDGER_ROLE_HOME && k->funding_hours != 24 && k->funding_hours != 48)
		return bad("funding promise", "24 or 48 business hours");
	if (!k->calendar)
		return bad("calendar", "none: business hours need the seller's calendar");
	if (k->utc_offset < -14 * 3600 || k->utc_offset > 14 * 3600)
		return bad("UTC offset", "beyond 14 hours");
	for (i = 0; i < IFGW_LEDGER_DUNNING_STEPS; i++)
		if (k->dunning_days[i] < 0 || k->dunning_days[i] > 3650 ||
		    (i > 0 && k->dunning_days[i] <= k->dunning_days[i - 1]))
			return bad("dunning plan", "steps must increase, 0..3650 days after the due date");
	return IFGW_OK;
}
