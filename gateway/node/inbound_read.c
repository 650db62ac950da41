/* inbound_read.c: a partner's wire bytes to a canonical message it is
 * known to have sent to this node (inbound.h, ifgw_inbound_read).
 *
 * The signature is checked first, against the partner's own trust only: a
 * key another partner holds never speaks for this one.  The signature's
 * place comes from the document's root (certs/xmldsig.h); once decoded, the
 * adapter says where a message of that type carries it and the two must
 * agree, so a verifier never accepts a signature the format does not put
 * there. */
#include "config.h"

#include <stdio.h>

#include <libxml/tree.h>
#include <openssl/x509.h>

#include "adapters/adapter.h"
#include "base/error.h"
#include "certs/xmldsig.h"
#define IFGW_INBOUND_INTERNAL
#include "gateway/node/inbound_int.h"
#include "gateway/route/target.h"

static int verify(const struct ifgw_dsig_place **place, const struct ifgw_node_snapshot *snap, const char *partner,
		  const char *wire, size_t len)
{
	const struct ifgw_trust *trust = ifgw_node_snapshot_trust(snap, partner);
	struct ifgw_dsig_verify_options opt = {0};
	xmlDoc *doc = NULL;
	X509 *who = NULL;
	int rc;

	if (!trust)
		return ifgw_error_set(IFGW_ETRUST, "message from %s: not a configured partner", partner);
	opt.name = partner;
	if ((rc = ifgw_dsig_verify(&doc, &who, wire, len, NULL, trust, &opt)) != IFGW_OK)
		return ifgw_error_wrap(rc, "message from %s: signature refused", partner);
	*place = ifgw_dsig_place_detect(doc);
	xmlFreeDoc(doc);
	return IFGW_OK;
}

int ifgw_inbound_read(struct ifgw_msg **out, const struct ifgw_node_snapshot *snap, const char *partner,
		      const void *wire, size_t len)
{
	struct ifgw_inbound_result res;

	return ifgw_inbound_read_noting(out, &res, snap, partner, wire, len);
}

int ifgw_inbound_read_noting(struct ifgw_msg **out, struct ifgw_inbound_result *res,
			     const struct ifgw_node_snapshot *snap, const char *partner, const void *wire, size_t len)
{
	const struct ifgw_dsig_place *signed_at = NULL, *want;
	const struct ifgw_country_profile *own = NULL;
	const struct ifgw_config *cfg;
	struct ifgw_route_target t;
	struct ifgw_adapter_env env;
	struct ifgw_msg *m = NULL;
	int rc;

	IFGW_ASSERT_ARG(out && res && snap && partner && wire);
	*out = NULL;
	cfg = ifgw_node_snapshot_config(snap);
	if ((rc = verify(&signed_at, snap, partner, wire, len)) != IFGW_OK)
		goto out;
	/* the partner's own format or its fallback, as the bytes show */
	if ((rc = ifgw_route_target_wire(&t, cfg, partner, ifgw_adapter_probe(wire, len))) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "message from %s", partner);
		goto out;
	}
	/* A partner writes to this node as its own target for this node says:
	   in this node's country profile (charset, field limits), unless the
	   format fixes the charset (docs/inbound.md) */
	if ((rc = ifgw_country_lookup(&own, cfg->country)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "message from %s: this node's country", partner);
		goto out;
	}
	ifgw_adapter_env_init(&env, own);
	env.charset = ifgw_adapter_charset(t.adapter, own);
	env.expected_seq = 0; /* the inbox checks the corridor's sequence, in the transaction */
	if ((rc = ifgw_adapter_decode(&m, t.adapter, wire, len, &env)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "message from %s: not a valid %s message", partner, t.adapter->name);
		goto out;
	}
	snprintf(res->msg_id, sizeof(res->msg_id), "%s", m->hdr.id);
	res->type = m->hdr.type;
	want = t.adapter->signature_place ? t.adapter->signature_place(m->hdr.type) : NULL;
	if (!want)
		want = &ifgw_dsig_place_root;
	if (want != signed_at) {
		rc = ifgw_error_set(IFGW_ETRUST, "message %s from %s: signed at the %s, %s puts it at the %s", m->hdr.id,
				    partner, signed_at->name, t.adapter->name, want->name);
		goto out;
	}
	if ((rc = ifgw_route_target_check_inbound(&m->hdr, &t)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "message from %s: another corridor", partner);
		goto out;
	}
	*out = m;
	m = NULL;
out:
	ifgw_msg_free(m);
	return rc;
}
