/* route.h: which factor an invoice goes to, and why.
 *
 * The product rules of DOMAIN.md over the node's routing table:
 *   classic, confidential -> the home factor (this node); no notice of
 *                            assignment to the debtor for confidential
 *   export                -> the import factor covering the debtor's country
 *   ifp (group invoice)   -> the partner factor of the selling entity's
 *                            country (home when the entity is in ours)
 * Several partners may cover a country: the lowest priority wins, the others
 * are listed in the explanation.  A partner's wire format is its configured
 * adapter, else its country profile's; the charset follows the format
 * (the adapter's fixed_charset, e.g. ISO 20022's UTF-8, else the
 * profile's).  gateway/route/target.h gives the whole target of a message. */
#ifndef IFGW_ROUTE_H
#define IFGW_ROUTE_H

#include "adapters/country.h"
#include "config/node_config.h"
#include "model/invoice.h"

#define IFGW_ROUTE_WHY_MAX 320

struct ifgw_route {
	enum ifgw_product product;
	int home;                                   /* 1: stays with this node */
	int notify_debtor;                          /* 0 for confidential factoring */
	const struct ifgw_config_partner *partner;  /* NULL when home; borrowed from the config */
	const struct ifgw_country_profile *profile; /* the partner's country profile; NULL when home */
	const char *adapter;                        /* "edifactoring" | "iso20022"; NULL when home */
	const char *charset;                        /* wire charset; NULL when home */
	size_t alternatives;                        /* other partners that cover the same country */
	char why[IFGW_ROUTE_WHY_MAX];               /* one line: the rule and the route used */
};

/* Route one document of `seller` on `debtor` under `product`.  Refusals
 * (IFGW_ENOTFOUND / IFGW_EINVAL) name the reason: no route for the country,
 * a partner whose country has no profile, an export invoice whose debtor is
 * in the node's own country, a party without a country. */
int ifgw_route_invoice(struct ifgw_route *out, const struct ifgw_config *cfg, enum ifgw_product product,
		       const struct ifgw_party *seller, const struct ifgw_party *debtor);

/* Fill partner, profile, adapter and charset of out for the configured
 * partner `code` (what `ifgw adapter encode --partner` uses); the product
 * fields are left alone.  IFGW_ENOTFOUND naming an unknown partner or a
 * country without a profile. */
int ifgw_route_partner(struct ifgw_route *out, const struct ifgw_config *cfg, const char *code);

/* The wire format and charset for a message of msg_type (enum
 * ifgw_msg_type) to the routed partner: its format when that carries the
 * type, else the partner's configured fallback (edifactoring in the
 * country's charset, or ISO 20022 in UTF-8).  IFGW_EUNSUPPORTED naming the
 * partner, format and type when neither carries it. */
int ifgw_route_format(const char **adapter, const char **charset, const struct ifgw_route *r, int msg_type);

#endif
