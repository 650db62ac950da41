/* cert_health.c: a node's certificates as health rows (see cert_health.h). */
#include "config.h"

#include <stdio.h>

#include "base/error.h"
#include "certs/trust.h"
#include "gateway/node/cert_health.h"

int ifgw_node_cert_health(struct ifgw_cert_health *h, const struct ifgw_config *cfg)
{
	const struct ifgw_config_partner *p;
	const char *usage_name;
	unsigned usage;
	char who[64];
	size_t i, j;

	IFGW_ASSERT_ARG(h);
	IFGW_ASSERT_ARG(cfg);
	snprintf(who, sizeof(who), "node %s", cfg->code);
	if (cfg->crl_max_age_days)
		h->crl_max_age = (int64_t)cfg->crl_max_age_days * 86400;
	/* the node's own certificates: their dates, and that the key opens and matches */
	if (cfg->sign_cert)
		ifgw_cert_health_add_identity(h, who, cfg->sign_key, cfg->sign_cert, NULL, NULL, "signing",
					      IFGW_TRUST_SIGNING);
	if (cfg->tls_cert)
		ifgw_cert_health_add_identity(h, who, cfg->tls_key, cfg->tls_cert, NULL, NULL, "tls",
					      IFGW_TRUST_TLS_CLIENT | IFGW_TRUST_TLS_SERVER);
	for (i = 0; i < cfg->partner_count; i++) {
		p = &cfg->partners[i];
		snprintf(who, sizeof(who), "%s", p->code);
		if (p->trust_ca)
			ifgw_cert_health_add_file(h, who, "CA", 0, p->trust_ca, p->trust_ca, p->trust_crl, NULL, 0);
		for (j = 0; j < p->trust_cert_count; j++) {
			usage = ifgw_cert_health_usage_of(p->trust_certs[j], &usage_name);
			ifgw_cert_health_add_file(h, who, usage_name, usage, p->trust_certs[j], p->trust_ca,
						  p->trust_crl, p->pins, p->pin_count);
		}
	}
	return IFGW_OK;
}
