/* contracts.c: the ledger's contracts from the node's configuration
 * (contracts.h). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "currency/calendar.h"
#include "currency/iso4217.h"
#include "gateway/node/contracts.h"

struct seller_contract {
	char id[IFGW_ID_SIZE];
	const struct ifgw_currency *ccy; /* the contract's currency; NULL: none fixed */
	int daycount_given;              /* Interest/@dayCount was in the file */
	struct ifgw_ledger_contract k;
};

struct ifgw_node_contracts {
	struct seller_contract *sellers;
	size_t n_sellers;
};

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

int ifgw_node_contracts_build(struct ifgw_node_contracts **out, const struct ifgw_config *cfg)
{
	struct ifgw_node_contracts *nc = NULL;
	size_t i;
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
	*out = nc;
	nc = NULL;
out:
	ifgw_node_contracts_free(nc);
	return rc;
}

void ifgw_node_contracts_free(struct ifgw_node_contracts *nc)
{
	if (!nc)
		return;
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
	return NULL; /* the import contracts come with the roles */
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
