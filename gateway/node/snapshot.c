/* snapshot.c: a node's configuration, trust, identities and TLS context as
 * one immutable, reference-counted value (see snapshot.h). */
#include "config.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "adapters/country.h"
#include "base/error.h"
#include "certs/tls.h"
#include "gateway/node/snapshot.h"
#include "model/model.h"

struct ifgw_node_snapshot {
	atomic_uint refs;
	struct ifgw_config *config;
	struct ifgw_identity *signing;
	struct ifgw_identity *tls_id; /* NULL: the signing identity serves TLS too */
	struct ifgw_trust **trust;    /* one per config->partners[i] */
	SSL_CTX *server_ctx;
};

static void snapshot_free(struct ifgw_node_snapshot *s)
{
	size_t i;

	if (!s)
		return;
	/* The context borrows identities and trust: it goes first. */
	SSL_CTX_free(s->server_ctx);
	for (i = 0; s->trust && s->config && i < s->config->partner_count; i++)
		ifgw_trust_free(s->trust[i]);
	free(s->trust);
	ifgw_identity_free(s->tls_id);
	ifgw_identity_free(s->signing);
	ifgw_config_free(s->config);
	free(s);
}

/* One partner's trust from its <Trust>: certificates, CA, CRL, pins, peer
 * names; and the node's CRL maximum age (0: the trust's default). */
static int load_trust(struct ifgw_trust **out, const struct ifgw_config_partner *p, int crl_max_age_days)
{
	enum ifgw_trust_name_kind kind;
	struct ifgw_trust *t = NULL;
	size_t i;
	int rc;

	if ((rc = ifgw_trust_new(&t, p->code)) != IFGW_OK ||
	    (crl_max_age_days && (rc = ifgw_trust_set_crl_max_age(t, (int64_t)crl_max_age_days * 86400)) != IFGW_OK))
		goto out;
	for (i = 0; i < p->trust_cert_count; i++)
		if ((rc = ifgw_trust_add_cert_file(t, p->trust_certs[i])) != IFGW_OK)
			goto out;
	if (p->trust_ca && (rc = ifgw_trust_add_ca_file(t, p->trust_ca)) != IFGW_OK)
		goto out;
	if (p->trust_crl && (rc = ifgw_trust_add_crl_file(t, p->trust_crl)) != IFGW_OK)
		goto out;
	for (i = 0; i < p->pin_count; i++)
		if ((rc = ifgw_trust_add_pin(t, p->pins[i])) != IFGW_OK)
			goto out;
	for (i = 0; i < p->peer_name_count; i++)
		if ((rc = ifgw_trust_name_kind_parse(&kind, p->peer_names[i].kind)) != IFGW_OK ||
		    (rc = ifgw_trust_add_name(t, kind, p->peer_names[i].value)) != IFGW_OK)
			goto out;
out:
	if (rc != IFGW_OK) {
		ifgw_trust_free(t);
		t = NULL;
		rc = ifgw_error_wrap(rc, "partner %s (line %u): trust", p->code, p->line);
	}
	*out = t;
	return rc;
}

static int load_identities(struct ifgw_node_snapshot *s)
{
	const struct ifgw_config *c = s->config;
	int rc;

	if ((rc = ifgw_identity_load(&s->signing, c->sign_key, c->sign_cert)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "signing identity");
		goto out;
	}
	if (c->tls_key && c->tls_cert && (rc = ifgw_identity_load(&s->tls_id, c->tls_key, c->tls_cert)) != IFGW_OK)
		rc = ifgw_error_wrap(rc, "TLS identity");
out:
	return rc;
}

/* A seller's Registration file: a canonical SellerRegistration of this
 * seller (or of none named), read now so that a bad file stops the start,
 * not the first registration (docs/outbox.md). */
static int check_registration(const struct ifgw_config_seller *s)
{
	struct ifgw_msg *m = NULL;
	int rc;

	if (!s->registration)
		return IFGW_OK;
	if ((rc = ifgw_msg_read_file(&m, s->registration)) != IFGW_OK)
		rc = ifgw_error_wrap(rc, "Seller %s (line %u): Registration", s->id, s->line);
	else if (m->hdr.type != IFGW_MSG_SELLER_REGISTRATION)
		rc = ifgw_error_set(IFGW_EINVAL, "Seller %s (line %u): Registration: %s is a %s, not a SellerRegistration",
				    s->id, s->line, s->registration, ifgw_msg_type_name(m->hdr.type));
	else if (m->body.seller_registration.seller.nr[0] && strcmp(m->body.seller_registration.seller.nr, s->id) != 0)
		rc = ifgw_error_set(IFGW_EINVAL, "Seller %s (line %u): Registration: %s presents seller %s", s->id, s->line,
				    s->registration, m->body.seller_registration.seller.nr);
	ifgw_msg_free(m);
	return rc;
}

/* Each seller's registration number by its country's profile: config/ stands
 * below adapters/, so the node checks what the configuration could not;
 * and its Registration file, which config/ only names. */
static int check_sellers(const struct ifgw_config *cfg)
{
	const struct ifgw_country_profile *p;
	char norm[IFGW_REGNO_MAX];
	size_t i;
	int rc;

	for (i = 0; i < cfg->seller_count; i++) {
		const struct ifgw_config_seller *s = &cfg->sellers[i];

		if (ifgw_country_lookup(&p, s->country) != IFGW_OK ||
		    ifgw_country_check_regno(p, s->regno, strlen(s->regno), norm, sizeof(norm)) != IFGW_OK)
			return ifgw_error_wrap(IFGW_EINVAL, "Seller %s (line %u): RegistrationNumber", s->id, s->line);
		if ((rc = check_registration(s)) != IFGW_OK)
			return rc;
	}
	return IFGW_OK;
}

int ifgw_node_snapshot_load(struct ifgw_node_snapshot **out, const char *path)
{
	struct ifgw_node_snapshot *s = NULL;
	const struct ifgw_trust **partners = NULL;
	size_t i, n;
	int rc;

	IFGW_ASSERT_ARG(out && path);
	*out = NULL;
	if (!(s = calloc(1, sizeof(*s)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	atomic_init(&s->refs, 1);
	if ((rc = ifgw_config_load(&s->config, path)) != IFGW_OK || (rc = check_sellers(s->config)) != IFGW_OK)
		goto out;
	n = s->config->partner_count;
	if (!(s->trust = calloc(n ? n : 1, sizeof(*s->trust))) || !(partners = calloc(n ? n : 1, sizeof(*partners)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((rc = load_trust(&s->trust[i], &s->config->partners[i], s->config->crl_max_age_days)) != IFGW_OK)
			goto out;
		partners[i] = s->trust[i];
	}
	if ((rc = load_identities(s)) != IFGW_OK)
		goto out;
	if ((rc = ifgw_tls_server_ctx_new(&s->server_ctx, ifgw_node_snapshot_tls_identity(s), partners, n)) !=
	    IFGW_OK)
		goto out;
	*out = s;
	s = NULL;
out:
	/* The configuration's own errors already start with the file's name. */
	if (rc != IFGW_OK && s && s->config)
		rc = ifgw_error_wrap(rc, "%s", path);
	free(partners);
	snapshot_free(s);
	return rc;
}

struct ifgw_node_snapshot *ifgw_node_snapshot_ref(struct ifgw_node_snapshot *snap)
{
	if (snap)
		atomic_fetch_add_explicit(&snap->refs, 1, memory_order_relaxed);
	return snap;
}

void ifgw_node_snapshot_release(struct ifgw_node_snapshot *snap)
{
	/* acq_rel: the last owner sees every other owner's reads finished. */
	if (snap && atomic_fetch_sub_explicit(&snap->refs, 1, memory_order_acq_rel) == 1)
		snapshot_free(snap);
}

const struct ifgw_config *ifgw_node_snapshot_config(const struct ifgw_node_snapshot *snap)
{
	return snap ? snap->config : NULL;
}

const struct ifgw_identity *ifgw_node_snapshot_signing(const struct ifgw_node_snapshot *snap)
{
	return snap ? snap->signing : NULL;
}

const struct ifgw_identity *ifgw_node_snapshot_tls_identity(const struct ifgw_node_snapshot *snap)
{
	if (!snap)
		return NULL;
	return snap->tls_id ? snap->tls_id : snap->signing;
}

const struct ifgw_trust *ifgw_node_snapshot_trust(const struct ifgw_node_snapshot *snap, const char *code)
{
	size_t i;

	for (i = 0; snap && code && i < snap->config->partner_count; i++)
		if (strcmp(snap->config->partners[i].code, code) == 0)
			return snap->trust[i];
	return NULL;
}

SSL_CTX *ifgw_node_snapshot_server_ctx(const struct ifgw_node_snapshot *snap)
{
	return snap ? snap->server_ctx : NULL;
}
