/* route.c: product rules over the routing table (see route.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "adapters/adapter.h"
#include "base/error.h"
#include "model/codes.h"
#include "gateway/route/route.h"

static int need_country(const struct ifgw_party *p, const char *role)
{
	if (!p || !p->country[0])
		return ifgw_error_set(IFGW_EINVAL, "%s has no country: cannot route", role);
	return IFGW_OK;
}

static void route_home(struct ifgw_route *out, const struct ifgw_config *cfg, enum ifgw_product product,
		       const char *because)
{
	out->home = 1;
	out->notify_debtor = product != IFGW_PRODUCT_CONFIDENTIAL;
	snprintf(out->why, sizeof(out->why), "%s: %s, stays with the home factor %s%s", ifgw_product_name(product),
		 because, cfg->code, out->notify_debtor ? "" : " (no notice of assignment to the debtor)");
}

/* The format's fixed charset (ISO 20022: UTF-8), else the country's. */
static const char *format_charset(const char *adapter, const struct ifgw_country_profile *profile)
{
	size_t i;

	/* an unknown name is refused where the adapter is used */
	for (i = 0; ifgw_adapters[i]; i++)
		if (strcmp(ifgw_adapters[i]->name, adapter) == 0)
			return ifgw_adapter_charset(ifgw_adapters[i], profile);
	return profile->charset;
}

int ifgw_route_partner(struct ifgw_route *out, const struct ifgw_config *cfg, const char *code)
{
	struct ifgw_error kept;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cfg);
	IFGW_ASSERT_ARG(code);

	out->partner = ifgw_config_partner(cfg, code);
	if (!out->partner) /* for routes, the schema's keyref makes this unreachable */
		return ifgw_error_set(IFGW_ENOTFOUND, "partner %s is not in %s", code,
				      cfg->path ? cfg->path : "the configuration");
	ifgw_error_save(&kept); /* replaced by a message that names the partner */
	rc = ifgw_country_lookup(&out->profile, out->partner->country);
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK)
		return ifgw_error_set(IFGW_ENOTFOUND, "partner %s: no country profile for %s", out->partner->code,
				      out->partner->country);
	out->adapter = out->partner->adapter ? out->partner->adapter : out->profile->wire_format;
	out->charset = format_charset(out->adapter, out->profile);
	return IFGW_OK;
}

int ifgw_route_format(const char **adapter, const char **charset, const struct ifgw_route *r, int msg_type)
{
	const struct ifgw_adapter *a;
	int rc;

	IFGW_ASSERT_ARG(adapter);
	IFGW_ASSERT_ARG(charset);
	IFGW_ASSERT_ARG(r);

	if ((rc = ifgw_adapter_get(&a, r->adapter)) != IFGW_OK)
		return rc;
	if (ifgw_adapter_carries(a, msg_type)) {
		*adapter = r->adapter;
		*charset = r->charset;
		return IFGW_OK;
	}
	if (!r->partner->fallback)
		return ifgw_error_set(IFGW_EUNSUPPORTED, "partner %s speaks %s, which cannot carry %s, and has no fallback format configured",
				      r->partner->code, r->adapter, ifgw_msg_type_name(msg_type));
	if ((rc = ifgw_adapter_get(&a, r->partner->fallback)) != IFGW_OK)
		return rc;
	if (!ifgw_adapter_carries(a, msg_type))
		return ifgw_error_set(IFGW_EUNSUPPORTED, "partner %s: neither %s nor its fallback %s can carry %s",
				      r->partner->code, r->adapter, a->name, ifgw_msg_type_name(msg_type));
	*adapter = a->name;
	*charset = ifgw_adapter_charset(a, r->profile);
	return IFGW_OK;
}

int ifgw_route_invoice(struct ifgw_route *out, const struct ifgw_config *cfg, enum ifgw_product product,
		       const struct ifgw_party *seller, const struct ifgw_party *debtor)
{
	const struct ifgw_config_route *chosen = NULL;
	const char *country, *rule;
	size_t i;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cfg);
	IFGW_ASSERT_ARG(seller);
	IFGW_ASSERT_ARG(debtor);

	memset(out, 0, sizeof(*out));
	out->product = product;
	switch (product) {
	case IFGW_PRODUCT_CLASSIC:
	case IFGW_PRODUCT_CONFIDENTIAL:
		route_home(out, cfg, product, "domestic factoring");
		return IFGW_OK;
	case IFGW_PRODUCT_EXPORT:
		if ((rc = need_country(debtor, "debtor")) != IFGW_OK)
			return rc;
		country = debtor->country;
		if (strcmp(country, cfg->country) == 0)
			return ifgw_error_set(IFGW_EINVAL,
					      "export invoice on a debtor in %s, the home country: use classic or "
					      "confidential factoring",
					      country);
		rule = "debtor in";
		break;
	case IFGW_PRODUCT_IFP:
		if ((rc = need_country(seller, "selling entity")) != IFGW_OK)
			return rc;
		country = seller->country;
		if (strcmp(country, cfg->country) == 0) {
			route_home(out, cfg, product, "selling entity in the home country");
			return IFGW_OK;
		}
		rule = "selling entity in";
		break;
	default:
		return ifgw_error_set(IFGW_EINVAL, "unknown product %d", (int)product);
	}
	/* Routes are sorted by product, country, priority: the first match wins. */
	for (i = 0; i < cfg->route_count; i++) {
		const struct ifgw_config_route *r = &cfg->routes[i];

		if (r->product != product || strcmp(r->country, country) != 0)
			continue;
		if (!chosen)
			chosen = r;
		else
			out->alternatives++;
	}
	if (!chosen)
		return ifgw_error_set(IFGW_ENOTFOUND, "no %s route for %s %s in %s", ifgw_product_name(product), rule,
				      country, cfg->path ? cfg->path : "the configuration");
	if ((rc = ifgw_route_partner(out, cfg, chosen->partner)) != IFGW_OK)
		return rc;
	out->notify_debtor = 1;
	snprintf(out->why, sizeof(out->why), "%s: %s %s -> %s %s (route priority %u%s), %s in %s",
		 ifgw_product_name(product), rule, country, out->partner->code, out->partner->name ? out->partner->name : "",
		 chosen->priority, out->alternatives ? ", first of several" : "", out->adapter, out->charset);
	return IFGW_OK;
}
