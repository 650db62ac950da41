/* contracts.c: the ledger's contracts from the node's configuration
 * (contracts.h). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "currency/calendar.h"
#include "adapters/country.h"
#include "currency/iso4217.h"
#include "gateway/node/contracts.h"

struct seller_contract {
	char id[IFGW_ID_SIZE];
	const struct ifgw_currency *ccy; /* the contract's currency; NULL: none fixed */
	int daycount_given;              /* Interest/@dayCount was in the file */
	struct ifgw_ledger_contract k;
};

/* This node as a partner's import factor: the contract its books run that
 * partner's sellers under, and the partner's decision policy (owned copies). */
struct import_contract {
	char partner[IFGW_FACTOR_CODE_SIZE];
	struct ifgw_ledger_contract k;
	struct ifgw_ledger_policy policy;
	struct ifgw_ledger_country_limit *limits;
	char **decline_debtors;
	char (*decline_countries)[3];
};

struct ifgw_node_contracts {
	struct seller_contract *sellers;
	size_t n_sellers;
	struct import_contract *imports;
	size_t n_imports;
};

/* The dunning plan of the import role (the import factor collects): the
 * configuration's DecisionPolicy has none, so ifgw's default, documented in
 * docs/DESIGN.md: reminder 10 days after due, second reminder 30, formal
 * notice 45, hand-over 60. */
static const int32_t import_dunning[IFGW_LEDGER_DUNNING_STEPS] = {10, 30, 45, 60};

/* {minor, code} as written in the file -> money; "" is no amount. */
static int money_of(struct ifgw_money *out, const struct ifgw_config_amount *a, const char *what)
{
	memset(out, 0, sizeof(*out));
	if (!a->ccy[0])
		return IFGW_OK;
	if (!(out->ccy = ifgw_currency_find(a->ccy)))
		return ifgw_error_set(IFGW_EINVAL, "%s: unknown currency '%s'", what, a->ccy);
	out->minor = a->minor;
	return IFGW_OK;
}

static int map_seller(struct seller_contract *out, const struct ifgw_config_seller *s)
{
	const struct ifgw_config_contract *c = &s->contract;
	struct ifgw_ledger_contract *k = &out->k;
	size_t len = strlen(s->id);
	int rc, i;

	memset(out, 0, sizeof(*out));
	if (len >= sizeof(out->id))
		return ifgw_error_set(IFGW_EINVAL, "id too long (%zu bytes)", len);
	memcpy(out->id, s->id, len + 1);
	k->product = c->product;
	k->role = IFGW_LEDGER_ROLE_HOME;
	memcpy(k->partner, c->partner, sizeof(k->partner));
	k->partner[sizeof(k->partner) - 1] = '\0';
	k->advance_rate = c->advance_rate;
	k->reserve_pct = c->reserve_pct;
	k->commission_pct = c->commission_pct;
	k->ref_rate = c->ref_rate;
	k->margin = c->margin;
	k->rounding = c->rounding;
	k->funding_hours = c->funding_hours;
	k->utc_offset = c->utc_offset;
	for (i = 0; i < IFGW_LEDGER_DUNNING_STEPS && i < IFGW_CONFIG_DUNNING_STEPS; i++)
		k->dunning_days[i] = c->dunning_days[i];
	if ((rc = money_of(&k->reserve_fixed, &c->reserve_fixed, "contract: fixed reserve")) != IFGW_OK ||
	    (rc = money_of(&k->doc_fee, &c->doc_fee, "contract: document fee")) != IFGW_OK)
		return rc;
	out->ccy = k->reserve_fixed.ccy ? k->reserve_fixed.ccy : k->doc_fee.ccy;
	if (k->reserve_fixed.ccy && k->doc_fee.ccy && k->reserve_fixed.ccy != k->doc_fee.ccy)
		return ifgw_error_set(IFGW_EINVAL,
				      "contract: fixed reserve in %s and document fee in %s: one currency per contract",
				      k->reserve_fixed.ccy->code, k->doc_fee.ccy->code);
	switch (c->daycount) {
	case IFGW_CONFIG_DAYCOUNT_ACT_360:
		k->daycount = IFGW_DAYCOUNT_ACT_360;
		out->daycount_given = 1;
		break;
	case IFGW_CONFIG_DAYCOUNT_ACT_365:
		k->daycount = IFGW_DAYCOUNT_ACT_365;
		out->daycount_given = 1;
		break;
	default: /* the contract currency's; none fixed: ACT/360 (accepts() keeps it honest) */
		k->daycount = out->ccy ? ifgw_ledger_daycount_default(out->ccy) : IFGW_DAYCOUNT_ACT_360;
		break;
	}
	if ((rc = ifgw_calendar_get(&k->calendar, c->calendar)) != IFGW_OK)
		return ifgw_error_wrap(rc, "contract: calendar");
	return ifgw_ledger_contract_check(k);
}

static void import_free(struct import_contract *ic)
{
	size_t i;

	if (ic->decline_debtors)
		for (i = 0; i < ic->policy.n_decline_debtors; i++)
			free(ic->decline_debtors[i]);
	free(ic->decline_debtors);
	free(ic->decline_countries);
	free(ic->limits);
}

/* The import contract of partner p: export (the partner's sellers export to
 * this node's debtors), partner = the export factor, role IMPORT, nothing
 * advanced, no fees; business days of this node's country (its profile's
 * calendar), civil time UTC; the default dunning plan above. */
static int map_import(struct import_contract *ic, const struct ifgw_config *cfg, const struct ifgw_config_partner *p)
{
	const struct ifgw_config_decision_policy *d = p->policy;
	const struct ifgw_country_profile *home = ifgw_country_find(cfg->country);
	struct ifgw_ledger_contract *k = &ic->k;
	struct ifgw_ledger_policy *pol = &ic->policy;
	size_t i;
	int rc;

	memcpy(ic->partner, p->code, sizeof(ic->partner));
	ic->partner[sizeof(ic->partner) - 1] = '\0';
	k->product = IFGW_PRODUCT_EXPORT;
	memcpy(k->partner, ic->partner, sizeof(k->partner));
	k->role = IFGW_LEDGER_ROLE_IMPORT;
	k->daycount = IFGW_DAYCOUNT_ACT_360; /* no advance, no interest */
	k->rounding = IFGW_ROUND_HALF_EVEN;
	k->funding_hours = 48;                /* not used: nothing is funded */
	memcpy(k->dunning_days, import_dunning, sizeof(k->dunning_days));
	if (!home || !home->calendar)
		return ifgw_error_set(IFGW_EINVAL, "import role: no business-day calendar for this node's country %s",
				      cfg->country);
	if ((rc = ifgw_calendar_get(&k->calendar, home->calendar)) != IFGW_OK)
		return ifgw_error_wrap(rc, "import role: calendar");
	if ((rc = ifgw_ledger_contract_check(k)) != IFGW_OK)
		return rc;

	if ((rc = money_of(&pol->debtor_limit, &d->debtor_limit, "DecisionPolicy/DebtorLimit")) != IFGW_OK ||
	    (rc = money_of(&pol->auto_approve_below, &d->auto_approve_below, "DecisionPolicy/AutoApproveBelow")) !=
		    IFGW_OK)
		return rc;
	pol->partial_max_pct = d->partial_max_pct;
	pol->pending_days = d->pending_days;
	if ((d->country_limit_count && !(ic->limits = calloc(d->country_limit_count, sizeof(*ic->limits)))) ||
	    (d->decline_debtor_count &&
	     !(ic->decline_debtors = calloc(d->decline_debtor_count, sizeof(*ic->decline_debtors)))) ||
	    (d->decline_country_count &&
	     !(ic->decline_countries = calloc(d->decline_country_count, sizeof(*ic->decline_countries)))))
		return ifgw_error_set(IFGW_ENOMEM, "contracts: out of memory");
	for (i = 0; i < d->country_limit_count; i++) {
		memcpy(ic->limits[i].country, d->country_limits[i].country, sizeof(ic->limits[i].country));
		ic->limits[i].country[2] = '\0';
		if ((rc = money_of(&ic->limits[i].limit, &d->country_limits[i].limit, "DecisionPolicy/CountryLimit")) !=
		    IFGW_OK)
			return rc;
	}
	pol->country_limits = ic->limits;
	pol->n_country_limits = d->country_limit_count;
	for (i = 0; i < d->decline_debtor_count; i++) {
		if (!(ic->decline_debtors[i] = strdup(d->decline_debtors[i])))
			return ifgw_error_set(IFGW_ENOMEM, "contracts: out of memory");
		pol->n_decline_debtors++;
	}
	pol->decline_debtors = (const char *const *)ic->decline_debtors;
	for (i = 0; i < d->decline_country_count; i++) {
		memcpy(ic->decline_countries[i], d->decline_countries[i], sizeof(ic->decline_countries[i]));
		ic->decline_countries[i][2] = '\0';
	}
	pol->decline_countries = (const char(*)[3])ic->decline_countries;
	pol->n_decline_countries = d->decline_country_count;
	return IFGW_OK;
}

int ifgw_node_contracts_build(struct ifgw_node_contracts **out, const struct ifgw_config *cfg)
{
	struct ifgw_node_contracts *nc = NULL;
	size_t i, n_policies = 0;
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(out && cfg);
	*out = NULL;
	if (!(nc = calloc(1, sizeof(*nc))) ||
	    (cfg->seller_count && !(nc->sellers = calloc(cfg->seller_count, sizeof(*nc->sellers))))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "contracts: out of memory");
		goto out;
	}
	for (i = 0; i < cfg->seller_count; i++) {
		const struct ifgw_config_seller *s = &cfg->sellers[i];

		if ((rc = map_seller(&nc->sellers[i], s)) != IFGW_OK) {
			rc = ifgw_error_wrap(rc, "%s: Seller %s (line %u)", cfg->path ? cfg->path : "configuration", s->id,
					     s->contract.line ? s->contract.line : s->line);
			goto out;
		}
		nc->n_sellers++;
	}
	for (i = 0; i < cfg->partner_count; i++)
		n_policies += cfg->partners[i].policy != NULL;
	if (n_policies && !(nc->imports = calloc(n_policies, sizeof(*nc->imports)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "contracts: out of memory");
		goto out;
	}
	for (i = 0; i < cfg->partner_count; i++) {
		const struct ifgw_config_partner *p = &cfg->partners[i];

		if (!p->policy)
			continue;
		rc = map_import(&nc->imports[nc->n_imports], cfg, p);
		nc->n_imports++; /* freed whole, even half-made */
		if (rc != IFGW_OK) {
			rc = ifgw_error_wrap(rc, "%s: Partner %s (line %u)", cfg->path ? cfg->path : "configuration", p->code,
					     p->policy->line ? p->policy->line : p->line);
			goto out;
		}
	}
	*out = nc;
	nc = NULL;
out:
	ifgw_node_contracts_free(nc);
	return rc;
}

void ifgw_node_contracts_free(struct ifgw_node_contracts *nc)
{
	size_t i;

	if (!nc)
		return;
	for (i = 0; i < nc->n_imports; i++)
		import_free(&nc->imports[i]);
	free(nc->imports);
	free(nc->sellers);
	free(nc);
}

static const struct seller_contract *find_seller(const struct ifgw_node_contracts *nc, const char *seller)
{
	size_t i;

	if (!nc || !seller)
		return NULL;
	for (i = 0; i < nc->n_sellers; i++)
		if (strcmp(nc->sellers[i].id, seller) == 0)
			return &nc->sellers[i];
	return NULL;
}

const struct ifgw_ledger_contract *ifgw_node_contracts_seller(const struct ifgw_node_contracts *nc,
							      const char *seller)
{
	const struct seller_contract *sc = find_seller(nc, seller);

	return sc ? &sc->k : NULL;
}

const struct ifgw_ledger_contract *ifgw_node_contracts_find(const struct ifgw_node_contracts *nc, const char *seller,
							    const char *partner)
{
	const struct seller_contract *sc = find_seller(nc, seller);

	if (sc && (!partner || !partner[0] || strcmp(partner, sc->k.partner) == 0))
		return &sc->k;
	return ifgw_node_contracts_import(nc, partner);
}

static const struct import_contract *find_import(const struct ifgw_node_contracts *nc, const char *partner)
{
	size_t i;

	if (!nc || !partner || !partner[0])
		return NULL;
	for (i = 0; i < nc->n_imports; i++)
		if (strcmp(nc->imports[i].partner, partner) == 0)
			return &nc->imports[i];
	return NULL;
}

const struct ifgw_ledger_contract *ifgw_node_contracts_import(const struct ifgw_node_contracts *nc,
							      const char *partner)
{
	const struct import_contract *ic = find_import(nc, partner);

	return ic ? &ic->k : NULL;
}

const struct ifgw_ledger_policy *ifgw_node_contracts_policy(const struct ifgw_node_contracts *nc, const char *partner)
{
	const struct import_contract *ic = find_import(nc, partner);

	return ic ? &ic->policy : NULL;
}

static const struct ifgw_ledger_contract *find_cb(void *ctx, const char *seller, const char *partner)
{
	return ifgw_node_contracts_find(ctx, seller, partner);
}

struct ifgw_book_contracts ifgw_node_contracts_book(const struct ifgw_node_contracts *nc)
{
	struct ifgw_book_contracts k;

	k.find = find_cb;
	k.ctx = (void *)(uintptr_t)nc; /* read only through find_cb */
	return k;
}

const struct ifgw_node_contracts *ifgw_node_contracts_of(const struct ifgw_book_contracts *k)
{
	return k && k->find == find_cb ? k->ctx : NULL;
}

const struct ifgw_currency *ifgw_node_contracts_currency(const struct ifgw_node_contracts *nc, const char *seller)
{
	const struct seller_contract *sc = find_seller(nc, seller);

	return sc ? sc->ccy : NULL;
}

int ifgw_node_contracts_accepts(const struct ifgw_node_contracts *nc, const char *seller,
				const struct ifgw_currency *ccy)
{
	const struct seller_contract *sc = find_seller(nc, seller);

	IFGW_ASSERT_ARG(ccy);
	if (!sc)
		return ifgw_error_set(IFGW_ENOTFOUND, "seller %s: not a seller this node factors (no contract)",
				      seller ? seller : "(none)");
	if (sc->ccy && sc->ccy != ccy)
		return ifgw_error_set(IFGW_EINVAL, "seller %s: its contract fixes its amounts in %s, the invoice is in %s",
				      sc->id, sc->ccy->code, ccy->code);
	if (!sc->ccy && !sc->daycount_given && ifgw_ledger_daycount_default(ccy) != sc->k.daycount)
		return ifgw_error_set(IFGW_EINVAL,
				      "seller %s: its contract runs interest on %s and fixes no currency; an invoice in %s "
				      "needs %s: give Interest/@dayCount or a contract currency",
				      sc->id, ifgw_ledger_daycount_name(sc->k.daycount), ccy->code,
				      ifgw_ledger_daycount_name(ifgw_ledger_daycount_default(ccy)));
	return IFGW_OK;
}
