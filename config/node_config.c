/* node_config.c: read and validate a node's configuration (see node_config.h). */
#include "config.h"

#include <libgen.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/datadir.h"
#include "base/error.h"
#include "base/file.h"
#include "base/xml.h"
#include "base/xsd.h"
#include "config/node_config.h"
#include "currency/calendar.h"
#include "model/codes.h"

#define CONFIG_NS "urn:ifgw:config:1"
#define CONFIG_MAX_BYTES (4u << 20)

/* --- reading helpers */

static int is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, CONFIG_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *first_child(const xmlNode *parent, const char *name)
{
	const xmlNode *c;

	for (c = parent ? parent->children : NULL; c; c = c->next)
		if (is_elem(c, name))
			return c;
	return NULL;
}

static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
	char *copy = v ? strdup((const char *)v) : NULL;

	xmlFree(v);
	return copy;
}

static char *text(const xmlNode *n)
{
	xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
	char *copy = v ? strdup((const char *)v) : NULL;

	xmlFree(v);
	return copy;
}

static void copy_fixed(char *dst, size_t cap, const xmlNode *n, const char *name)
{
	char *v = attr(n, name);

	snprintf(dst, cap, "%s", v ? v : "");
	free(v);
}

/* Resolve a path relative to the configuration file's directory. */
static char *resolve(const char *base_dir, char *path)
{
	struct ifgw_buf b;

	if (!path || path[0] == '/')
		return path;
	ifgw_buf_init(&b, 8192);
	if (ifgw_buf_addf(&b, "%s/%s", base_dir, path) != IFGW_OK) {
		ifgw_buf_free(&b);
		return path;
	}
	free(path);
	return ifgw_buf_detach(&b, NULL);
}

static char *file_attr(const xmlNode *n, const char *base_dir)
{
	return n ? resolve(base_dir, attr(n, "file")) : NULL;
}

/* --- exact figures: percentages, amounts (no floating point) */

/* Who a refusal names: "Seller S1", "Partner DE00123". */
struct where {
	const char *path;
	const char *who;  /* "Seller", "Partner" */
	const char *id;
};

/* An N3.4 percentage as millionths of one; refused above 100 naming the field. */
static int read_pct(int32_t *out, const struct where *w, const xmlNode *n, const char *name, const char *field)
{
	char *v = name ? attr(n, name) : text(n);
	int rc;

	*out = 0;
	if (!v)
		return IFGW_OK; /* optional: the schema requires what must be there */
	rc = ifgw_percent_parse(out, v, strlen(v));
	free(v);
	if (rc)
		return ifgw_error_wrap(IFGW_EINVAL, "%s:%u: %s %s: %s", w->path, (unsigned)xmlGetLineNo(n), w->who,
				       w->id, field);
	return IFGW_OK;
}

/* A reference rate may be negative: the sign, then an N3.4 percentage. */
static int read_signed_pct(int32_t *out, const struct where *w, const xmlNode *n, const char *name,
			   const char *field)
{
	char *v = attr(n, name);
	int negative = v && v[0] == '-', rc;

	*out = 0;
	if (!v)
		return IFGW_OK;
	rc = ifgw_percent_parse(out, v + negative, strlen(v + negative));
	free(v);
	if (rc)
		return ifgw_error_wrap(IFGW_EINVAL, "%s:%u: %s %s: %s", w->path, (unsigned)xmlGetLineNo(n), w->who,
				       w->id, field);
	if (negative)
		*out = -*out;
	return IFGW_OK;
}

/* amount + currency attributes: a tradeable ISO 4217 currency and an amount
 * with no more decimals than it has, in minor units. */
static int read_amount_attrs(struct ifgw_config_amount *out, const struct where *w, const xmlNode *n,
			     const char *amount_name, const char *field)
{
	char *amount = attr(n, amount_name), *ccy = attr(n, "currency");
	const struct ifgw_currency *c = NULL;
	char why[IFGW_MONEY_WHY_STRLEN];
	struct ifgw_money m;
	unsigned line = n ? (unsigned)xmlGetLineNo(n) : 0;
	int rc = IFGW_OK;

	memset(out, 0, sizeof(*out));
	if (!amount && !ccy)
		goto out;
	if (!amount || !ccy) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: %s %s: %s: an amount needs its currency and a currency its "
				    "amount", w->path, line, w->who, w->id, field);
		goto out;
	}
	if (ifgw_currency_lookup(&c, ccy, strlen(ccy)) != IFGW_OK) {
		rc = ifgw_error_wrap(IFGW_EINVAL, "%s:%u: %s %s: %s", w->path, line, w->who, w->id, field);
		goto out;
	}
	if (ifgw_money_untradeable_why(why, c)) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: %s %s: %s: currency %s cannot hold money (%s)", w->path, line,
				    w->who, w->id, field, ccy, why);
		goto out;
	}
	if (ifgw_money_parse(&m, amount, strlen(amount), c, NULL) != IFGW_OK) {
		rc = ifgw_error_wrap(IFGW_EINVAL, "%s:%u: %s %s: %s", w->path, line, w->who, w->id, field);
		goto out;
	}
	out->minor = m.minor;
	snprintf(out->ccy, sizeof(out->ccy), "%s", ccy);
out:
	free(amount);
	free(ccy);
	return rc;
}

static void read_days_attr(int *out, const xmlNode *n, const char *name)
{
	char *v = attr(n, name); /* Days: 1..999, the schema checked it */

	*out = v ? (int)strtol(v, NULL, 10) : 0;
	free(v);
}

/* --- sellers and contracts */

static int read_contract(struct ifgw_config_contract *k, const struct ifgw_config *cfg, const xmlNode *n,
			 const struct where *w)
{
	static const char *const steps[IFGW_CONFIG_DUNNING_STEPS] = {"reminder", "secondReminder", "formalNotice",
								     "handOver"};
	const xmlNode *c;
	const struct ifgw_calendar *cal;
	struct ifgw_error kept;
	char *v = NULL;
	int rc = IFGW_OK, i, hours = 0;

	k->line = (unsigned)xmlGetLineNo(n);
	k->rounding = IFGW_ROUND_HALF_EVEN;
	v = attr(n, "product");
	ifgw_error_save(&kept); /* the schema's enumeration names the product */
	rc = ifgw_product_parse(&k->product, v ? v : "");
	ifgw_error_restore(&kept);
	free(v);
	v = NULL;
	if (rc) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: %s %s: Contract/@product: unknown", w->path, k->line, w->who,
				    w->id);
		goto out;
	}
	copy_fixed(k->partner, sizeof(k->partner), n, "partner");
	if (k->product == IFGW_PRODUCT_EXPORT || k->product == IFGW_PRODUCT_IFP) {
		if (!k->partner[0]) {
			rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: %s %s: Contract/@partner: product %s needs the "
					    "correspondent factor", w->path, k->line, w->who, w->id,
					    ifgw_product_name(k->product));
			goto out;
		}
		if (!ifgw_config_partner(cfg, k->partner)) {
			rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: %s %s: Contract/@partner: %s is not a configured Partner",
					    w->path, k->line, w->who, w->id, k->partner);
			goto out;
		}
	} else if (k->partner[0]) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: %s %s: Contract/@partner: product %s has no correspondent "
				    "factor", w->path, k->line, w->who, w->id, ifgw_product_name(k->product));
		goto out;
	}
	if ((rc = read_pct(&k->advance_rate, w, first_child(n, "AdvanceRate"), NULL, "Contract/AdvanceRate")))
		goto out;
	c = first_child(n, "Reserve");
	if ((rc = read_pct(&k->reserve_pct, w, c, "percent", "Contract/Reserve/@percent")) ||
	    (rc = read_amount_attrs(&k->reserve_fixed, w, c, "amount", "Contract/Reserve")))
		goto out;
	if (!(v = attr(c, "percent")) && !k->reserve_fixed.ccy[0]) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: %s %s: Contract/Reserve: give a percent, an amount with its "
				    "currency, or both", w->path, (unsigned)xmlGetLineNo(c), w->who, w->id);
		goto out;
	}
	if (k->reserve_pct > k->advance_rate) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: %s %s: Contract/Reserve/@percent: above the advance rate",
				    w->path, (unsigned)xmlGetLineNo(c), w->who, w->id);
		goto out;
	}
	if ((rc = read_pct(&k->commission_pct, w, first_child(n, "Commission"), NULL, "Contract/Commission")) ||
	    (rc = read_amount_attrs(&k->doc_fee, w, first_child(n, "DocumentFee"), "amount", "Contract/DocumentFee")))
		goto out;
	c = first_child(n, "Interest");
	if ((rc = read_signed_pct(&k->ref_rate, w, c, "reference", "Contract/Interest/@reference")) ||
	    (rc = read_pct(&k->margin, w, c, "margin", "Contract/Interest/@margin")))
		goto out;
	free(v);
	v = attr(c, "dayCount");
	k->daycount = !v ? IFGW_CONFIG_DAYCOUNT_DEFAULT
		      : strcmp(v, "ACT/365") == 0 ? IFGW_CONFIG_DAYCOUNT_ACT_365 : IFGW_CONFIG_DAYCOUNT_ACT_360;
	free(v);
	v = text(first_child(n, "Rounding"));
	if (v && (rc = ifgw_rounding_parse(&k->rounding, v)) != IFGW_OK) {
		rc = ifgw_error_wrap(IFGW_EINVAL, "%s:%u: %s %s: Contract/Rounding", w->path, k->line, w->who, w->id);
		goto out;
	}
	free(v);
	v = attr(first_child(n, "FundingPromise"), "hours");
	hours = v ? (int)strtol(v, NULL, 10) : 0;
	k->funding_hours = hours;
	if (hours != 24 && hours != 48) { /* the schema's enumeration refuses it first */
		rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: %s %s: Contract/FundingPromise/@hours: 24 or 48", w->path,
				    k->line, w->who, w->id);
		goto out;
	}
	free(v);
	v = NULL;
	c = first_child(n, "Calendar");
	copy_fixed(k->calendar, sizeof(k->calendar), c, "name");
	if (ifgw_calendar_get(&cal, k->calendar) != IFGW_OK) {
		rc = ifgw_error_wrap(IFGW_EINVAL, "%s:%u: %s %s: Contract/Calendar/@name", w->path,
				     (unsigned)xmlGetLineNo(c), w->who, w->id);
		v = NULL;
		goto out;
	}
	v = attr(c, "utcOffset"); /* [+-]HH:MM, HH <= 14: the schema checked it */
	if (v && strlen(v) == 6) {
		k->utc_offset = ((v[1] - '0') * 10 + (v[2] - '0')) * 3600 + ((v[4] - '0') * 10 + (v[5] - '0')) * 60;
		if (v[0] == '-')
			k->utc_offset = -k->utc_offset;
	}
	if (k->utc_offset > 14 * 3600 || k->utc_offset < -14 * 3600) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: %s %s: Contract/Calendar/@utcOffset: beyond 14 hours",
				    w->path, (unsigned)xmlGetLineNo(c), w->who, w->id);
		goto out;
	}
	c = first_child(n, "Dunning");
	for (i = 0; i < IFGW_CONFIG_DUNNING_STEPS; i++) {
		int d;

		read_days_attr(&d, c, steps[i]);
		k->dunning_days[i] = d;
		if (i > 0 && k->dunning_days[i] <= k->dunning_days[i - 1]) {
			rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: %s %s: Contract/Dunning/@%s: %d days is not after "
					    "@%s (%d days): the steps' days must increase", w->path,
					    (unsigned)xmlGetLineNo(c), w->who, w->id, steps[i], d, steps[i - 1],
					    (int)k->dunning_days[i - 1]);
			goto out;
		}
	}
	read_days_attr(&k->payment_term_days, first_child(n, "PaymentTerm"), "days");
out:
	free(v);
	return rc;
}

static int read_seller(struct ifgw_config_seller *s, const struct ifgw_config *cfg, const xmlNode *n,
		       const char *base_dir, const char *path)
{
	const xmlNode *reg = first_child(n, "Registration");

	struct where w = {path, "Seller", NULL};

	s->line = (unsigned)xmlGetLineNo(n);
	s->id = attr(n, "id");
	s->name = text(first_child(n, "Name"));
	s->regno = text(first_child(n, "RegistrationNumber"));
	copy_fixed(s->country, sizeof(s->country), n, "country");
	s->registration = file_attr(reg, base_dir);
	if (!s->id || !s->name || !s->regno || (reg && !s->registration))
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
	w.id = s->id;
	if (ifgw_country_check(s->country, strlen(s->country)) != IFGW_OK)
		return ifgw_error_wrap(IFGW_EINVAL, "%s:%u: Seller %s: @country", path, s->line, s->id);
	return read_contract(&s->contract, cfg, first_child(n, "Contract"), &w);
}

/* --- the import role's decision policy */

static int read_policy(struct ifgw_config_decision_policy **out, const xmlNode *n, const char *code,
		       const char *path)
{
	struct ifgw_config_decision_policy *d = calloc(1, sizeof(*d));
	struct where w = {path, "Partner", code};
	const xmlNode *c;
	size_t nc = 0, nd = 0, nk = 0;
	int rc = IFGW_OK;

	*out = d;
	if (!d)
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
	d->line = (unsigned)xmlGetLineNo(n);
	for (c = n->children; c; c = c->next) {
		char *v;

		nc += is_elem(c, "CountryLimit");
		if (!is_elem(c, "Decline"))
			continue;
		v = attr(c, "debtor");
		nd += v != NULL;
		free(v);
		v = attr(c, "country");
		nk += v != NULL;
		free(v);
	}
	d->country_limits = calloc(nc ? nc : 1, sizeof(*d->country_limits));
	d->decline_debtors = calloc(nd ? nd : 1, sizeof(*d->decline_debtors));
	d->decline_countries = calloc(nk ? nk : 1, sizeof(*d->decline_countries));
	if (!d->country_limits || !d->decline_debtors || !d->decline_countries)
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
	if ((rc = read_amount_attrs(&d->debtor_limit, &w, first_child(n, "DebtorLimit"), "amount",
				    "DecisionPolicy/DebtorLimit")) ||
	    (rc = read_amount_attrs(&d->auto_approve_below, &w, first_child(n, "AutoApproveBelow"), "amount",
				    "DecisionPolicy/AutoApproveBelow")) ||
	    (rc = read_pct(&d->partial_max_pct, &w, first_child(n, "PartialApproval"), "maxPercent",
			   "DecisionPolicy/PartialApproval/@maxPercent")))
		return rc;
	read_days_attr(&d->pending_days, first_child(n, "Pending"), "days");
	for (c = n->children; c; c = c->next) {
		if (is_elem(c, "CountryLimit")) {
			struct ifgw_config_country_limit *l = &d->country_limits[d->country_limit_count++];

			copy_fixed(l->country, sizeof(l->country), c, "country");
			if (ifgw_country_check(l->country, strlen(l->country)) != IFGW_OK)
				return ifgw_error_wrap(IFGW_EINVAL, "%s:%u: Partner %s: DecisionPolicy/CountryLimit/@country",
						       path, (unsigned)xmlGetLineNo(c), code);
			if ((rc = read_amount_attrs(&l->limit, &w, c, "amount", "DecisionPolicy/CountryLimit")))
				return rc;
		} else if (is_elem(c, "Decline")) {
			char *debtor = attr(c, "debtor"), *country = attr(c, "country");

			if (!debtor == !country) {
				free(debtor);
				free(country);
				return ifgw_error_set(IFGW_EINVAL, "%s:%u: Partner %s: DecisionPolicy/Decline: name a "
						      "debtor or a country (one of the two)", path,
						      (unsigned)xmlGetLineNo(c), code);
			}
			if (country && ifgw_country_check(country, strlen(country)) != IFGW_OK) {
				free(country);
				return ifgw_error_wrap(IFGW_EINVAL, "%s:%u: Partner %s: DecisionPolicy/Decline/@country",
						       path, (unsigned)xmlGetLineNo(c), code);
			}
			if (debtor)
				d->decline_debtors[d->decline_debtor_count++] = debtor;
			if (country)
				snprintf(d->decline_countries[d->decline_country_count++], 3, "%s", country);
			free(country);
		}
	}
	/* Auto-approval above the debtor limit would approve what the limit refuses. */
	if (d->auto_approve_below.ccy[0] && d->debtor_limit.ccy[0] &&
	    strcmp(d->auto_approve_below.ccy, d->debtor_limit.ccy) == 0 &&
	    d->auto_approve_below.minor > d->debtor_limit.minor)
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: Partner %s: DecisionPolicy/AutoApproveBelow: above the "
				      "DebtorLimit", path, (unsigned)xmlGetLineNo(first_child(n, "AutoApproveBelow")),
				      code);
	return rc;
}

static int route_cmp(const void *pa, const void *pb)
{
	const struct ifgw_config_route *a = pa, *b = pb;
	int c;

	if (a->product != b->product)
		return a->product < b->product ? -1 : 1;
	if ((c = strcmp(a->country, b->country)) != 0)
		return c;
	if (a->priority != b->priority)
		return a->priority < b->priority ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int read_partner(struct ifgw_config_partner *p, const xmlNode *n, const char *base_dir, const char *path)
{
	const xmlNode *trust = first_child(n, "Trust"), *c;
	char *translit;

	copy_fixed(p->code, sizeof(p->code), n, "code");
	copy_fixed(p->country, sizeof(p->country), n, "country");
	p->line = (unsigned)xmlGetLineNo(n);
	p->adapter = attr(n, "adapter");
	p->fallback = attr(n, "fallback");
	translit = attr(n, "transliterate");
	p->transliterate = !translit ? -1 : strcmp(translit, "true") == 0 || strcmp(translit, "1") == 0;
	free(translit);
	p->name = text(first_child(n, "Name"));
	p->endpoint = text(first_child(n, "Endpoint"));
	for (c = trust ? trust->children : NULL; c; c = c->next) {
		if (is_elem(c, "Cert")) {
			char **grown = realloc(p->trust_certs, (p->trust_cert_count + 1) * sizeof(*grown));

			if (!grown)
				return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
			p->trust_certs = grown;
			p->trust_certs[p->trust_cert_count++] = file_attr(c, base_dir);
		} else if (is_elem(c, "Ca")) {
			p->trust_ca = file_attr(c, base_dir);
		} else if (is_elem(c, "Crl")) {
			p->trust_crl = file_attr(c, base_dir);
		} else if (is_elem(c, "Pin")) {
			char **grown = realloc(p->pins, (p->pin_count + 1) * sizeof(*grown));

			if (!grown)
				return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
			p->pins = grown;
			p->pins[p->pin_count++] = text(c);
		} else if (is_elem(c, "PeerName")) {
			struct ifgw_config_peer_name *grown =
				realloc(p->peer_names, (p->peer_name_count + 1) * sizeof(*grown));

			if (!grown)
				return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
			p->peer_names = grown;
			p->peer_names[p->peer_name_count].kind = attr(c, "kind");
			p->peer_names[p->peer_name_count].value = text(c);
			if (!p->peer_names[p->peer_name_count++].value || !p->peer_names[p->peer_name_count - 1].kind)
				return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
		}
	}
	/* Any certificate a CA issued could otherwise pose as this partner. */
	if (p->trust_ca && p->pin_count == 0 && p->peer_name_count == 0)
		return ifgw_error_set(IFGW_EINVAL,
				      "%s:%u: Partner %s: trusted through a CA (Trust/Ca) but bound to no name nor pin: "
				      "add Trust/PeerName (a name its TLS certificate carries) or Trust/Pin",
				      path, p->line, p->code);
	/* A CRL counts only when a configured CA verifies it (certs/trust.h). */
	if (p->trust_crl && !p->trust_ca)
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: Partner %s: Trust/Crl without Trust/Ca: a CRL is used only "
				      "when a configured CA verifies it", path, p->line, p->code);
	if (p->adapter && p->fallback && strcmp(p->adapter, p->fallback) == 0)
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: Partner %s: fallback is the same format as the adapter (%s)",
				      path, p->line, p->code, p->adapter);
	if ((c = first_child(n, "DecisionPolicy")) != NULL)
		return read_policy(&p->policy, c, p->code, path);
	return IFGW_OK;
}

static int read_node(struct ifgw_config *cfg, const xmlNode *root, const char *path)
{
	const xmlNode *c, *id = first_child(root, "Identity"), *kp;
	char *dircopy = strdup(path);
	const char *base_dir;
	struct ifgw_error kept;
	size_t np = 0, nr = 0, ns;
	int rc = IFGW_OK;

	if (!dircopy)
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
	base_dir = dirname(dircopy);
	copy_fixed(cfg->code, sizeof(cfg->code), root, "code");
	copy_fixed(cfg->country, sizeof(cfg->country), root, "country");
	cfg->name = text(first_child(root, "Name"));
	if ((kp = first_child(id, "Signing")) != NULL) {
		cfg->sign_key = resolve(base_dir, attr(kp, "key"));
		cfg->sign_cert = resolve(base_dir, attr(kp, "cert"));
	}
	if ((kp = first_child(id, "Tls")) != NULL) {
		cfg->tls_key = resolve(base_dir, attr(kp, "key"));
		cfg->tls_cert = resolve(base_dir, attr(kp, "cert"));
	}
	cfg->listen = text(first_child(root, "Listen"));
	cfg->store = text(first_child(root, "Store"));
	cfg->rates = file_attr(first_child(root, "Rates"), base_dir);
	if ((c = first_child(root, "DefaultTerm")) != NULL) {
		char *days = attr(c, "days"); /* 1..999 digits: the schema checked it */

		cfg->default_term_days = days ? (int)strtol(days, NULL, 10) : 0;
		free(days);
	}
	if ((c = first_child(root, "CrlMaxAge")) != NULL) {
		char *days = attr(c, "days"); /* 1..366: the schema checked it */

		cfg->crl_max_age_days = days ? (int)strtol(days, NULL, 10) : 0;
		free(days);
	}

	for (c = root->children; c; c = c->next)
		np += is_elem(c, "Partner");
	c = first_child(root, "Routes");
	for (c = c ? c->children : NULL; c; c = c->next)
		nr += is_elem(c, "Route");
	cfg->partners = calloc(np ? np : 1, sizeof(*cfg->partners));
	cfg->routes = calloc(nr ? nr : 1, sizeof(*cfg->routes));
	if (!cfg->partners || !cfg->routes) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	for (c = root->children; c; c = c->next) {
		if (!is_elem(c, "Partner"))
			continue;
		rc = read_partner(&cfg->partners[cfg->partner_count++], c, base_dir, path);
		if (rc)
			goto out;
		if (strcmp(cfg->partners[cfg->partner_count - 1].code, cfg->code) == 0) {
			rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: Partner %s: the node cannot be its own partner", path,
					    cfg->partners[cfg->partner_count - 1].line, cfg->code);
			goto out;
		}
	}
	c = first_child(root, "Routes");
	for (c = c ? c->children : NULL; c; c = c->next) {
		struct ifgw_config_route *r;
		char *v;

		if (!is_elem(c, "Route"))
			continue;
		r = &cfg->routes[cfg->route_count++];
		r->line = (unsigned)xmlGetLineNo(c);
		v = attr(c, "product");
		ifgw_error_save(&kept); /* replaced by a message that names the file and line */
		rc = ifgw_product_parse(&r->product, v ? v : "");
		ifgw_error_restore(&kept);
		free(v);
		if (rc) {
			rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: Route: bad product", path, r->line);
			goto out;
		}
		copy_fixed(r->country, sizeof(r->country), c, "country");
		copy_fixed(r->partner, sizeof(r->partner), c, "partner");
		v = attr(c, "priority");
		r->priority = v ? (unsigned)strtoul(v, NULL, 10) : 100; /* schema: unsignedShort */
		free(v);
	}
	qsort(cfg->routes, cfg->route_count, sizeof(*cfg->routes), route_cmp);
	c = first_child(root, "Sellers");
	ns = 0;
	for (kp = c ? c->children : NULL; kp; kp = kp->next)
		ns += is_elem(kp, "Seller");
	if (!(cfg->sellers = calloc(ns ? ns : 1, sizeof(*cfg->sellers)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	for (kp = c ? c->children : NULL; kp; kp = kp->next) {
		if (!is_elem(kp, "Seller"))
			continue;
		if ((rc = read_seller(&cfg->sellers[cfg->seller_count++], cfg, kp, base_dir, path)) != IFGW_OK)
			goto out;
	}
out:
	free(dircopy);
	return rc;
}

int ifgw_config_load(struct ifgw_config **out, const char *path)
{
	struct ifgw_config *cfg = NULL;
	struct ifgw_buf data;
	struct ifgw_xml_limits lim = {CONFIG_MAX_BYTES, 0, 0, "not well-formed XML"};
	struct ifgw_xml_first_error fe = {0};
	const struct ifgw_xsd *xsd;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(path);

	*out = NULL;
	ifgw_buf_init(&data, CONFIG_MAX_BYTES);
	if ((rc = ifgw_file_read(&data, path)) != IFGW_OK)
		goto out;
	if ((rc = ifgw_xsd_get(&xsd, IFGW_CONFIG_SCHEMA)) != IFGW_OK)
		goto out;
	/* refused before parsing, with the configuration's own words */
	if (memmem(ifgw_buf_cstr(&data), data.len, "<!DOCTYPE", 9) ||
	    memmem(ifgw_buf_cstr(&data), data.len, "<!ENTITY", 8)) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s: a DTD is not allowed in a configuration file", path);
		goto out;
	}
	if ((rc = ifgw_xml_parse(&doc, ifgw_buf_cstr(&data), data.len, path, &lim)) != IFGW_OK)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (!is_elem(root, "Node")) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s:%d: root element must be Node in namespace %s", path,
				    root ? (int)xmlGetLineNo(root) : 1, CONFIG_NS);
		goto out;
	}
	if ((rc = ifgw_xsd_validate(xsd, doc, NULL, &fe)) == IFGW_EPARSE) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s:%ld: %s%s%s", path, fe.line, fe.path, fe.path[0] ? ": " : "",
				    fe.set ? fe.msg : "invalid configuration");
		goto out;
	}
	if (rc != IFGW_OK)
		goto out;
	cfg = calloc(1, sizeof(*cfg));
	if (!cfg || !(cfg->path = strdup(path))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	if ((rc = read_node(cfg, root, path)) != IFGW_OK)
		goto out;
	*out = cfg;
	cfg = NULL; /* handed to the caller */
out:
	ifgw_config_free(cfg);
	xmlFreeDoc(doc);
	ifgw_buf_free(&data);
	return rc;
}

static void partner_free(struct ifgw_config_partner *p)
{
	size_t i;

	free(p->name);
	free(p->adapter);
	free(p->fallback);
	free(p->endpoint);
	for (i = 0; i < p->trust_cert_count; i++)
		free(p->trust_certs[i]);
	free(p->trust_certs);
	free(p->trust_ca);
	free(p->trust_crl);
	for (i = 0; i < p->pin_count; i++)
		free(p->pins[i]);
	free(p->pins);
	for (i = 0; i < p->peer_name_count; i++) {
		free(p->peer_names[i].kind);
		free(p->peer_names[i].value);
	}
	free(p->peer_names);
	if (p->policy) {
		for (i = 0; i < p->policy->decline_debtor_count; i++)
			free(p->policy->decline_debtors[i]);
		free(p->policy->decline_debtors);
		free(p->policy->decline_countries);
		free(p->policy->country_limits);
		free(p->policy);
	}
}

void ifgw_config_free(struct ifgw_config *cfg)
{
	size_t i;

	if (!cfg)
		return;
	for (i = 0; i < cfg->partner_count; i++)
		partner_free(&cfg->partners[i]);
	free(cfg->partners);
	free(cfg->routes);
	for (i = 0; i < cfg->seller_count; i++) {
		free(cfg->sellers[i].id);
		free(cfg->sellers[i].name);
		free(cfg->sellers[i].regno);
		free(cfg->sellers[i].registration);
	}
	free(cfg->sellers);
	free(cfg->path);
	free(cfg->name);
	free(cfg->sign_key);
	free(cfg->sign_cert);
	free(cfg->tls_key);
	free(cfg->tls_cert);
	free(cfg->listen);
	free(cfg->store);
	free(cfg->rates);
	free(cfg);
}

const struct ifgw_config_partner *ifgw_config_partner(const struct ifgw_config *cfg, const char *code)
{
	size_t i;

	for (i = 0; i < cfg->partner_count; i++)
		if (strcmp(cfg->partners[i].code, code) == 0)
			return &cfg->partners[i];
	return NULL;
}

const struct ifgw_config_seller *ifgw_config_seller(const struct ifgw_config *cfg, const char *id)
{
	size_t i;

	for (i = 0; i < cfg->seller_count; i++)
		if (strcmp(cfg->sellers[i].id, id) == 0)
			return &cfg->sellers[i];
	return NULL;
}

int ifgw_config_set_store(struct ifgw_config *cfg, const char *uri)
{
	char *copy;

	IFGW_ASSERT_ARG(cfg);
	IFGW_ASSERT_ARG(uri);

	if (!(copy = strdup(uri)))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory");
	free(cfg->store);
	cfg->store = copy;
	return IFGW_OK;
}
