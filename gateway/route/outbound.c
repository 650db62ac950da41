/* outbound.c: split -> encode -> sign for one routed message (see outbound.h). */
#include "config.h"

#include <stdlib.h>

#include "base/error.h"
#include "certs/xmldsig.h"
#include "gateway/route/outbound.h"

#define OUTBOUND_WIRE_MAX ((size_t)64 << 20)
/* room for the Signature element added to a message */
#define OUTBOUND_SIG_ROOM ((size_t)64 << 10)

void ifgw_outbound_init(struct ifgw_outbound *ob, const struct ifgw_signer *signer, size_t wire_max)
{
	if (!wire_max)
		wire_max = OUTBOUND_WIRE_MAX;
	ob->signer = signer;
	ifgw_buf_init(&ob->wire, wire_max + (signer ? OUTBOUND_SIG_ROOM : 0));
	ifgw_buf_init(&ob->unsigned_wire, wire_max);
}

void ifgw_outbound_free(struct ifgw_outbound *ob)
{
	ifgw_buf_free(&ob->wire);
	ifgw_buf_free(&ob->unsigned_wire);
}

int ifgw_outbound_parts(size_t *n, const struct ifgw_route_target *t, const struct ifgw_msg *m)
{
	struct ifgw_msg **parts = NULL;
	size_t i;
	int rc;

	IFGW_ASSERT_ARG(n);
	IFGW_ASSERT_ARG(t && t->adapter);
	IFGW_ASSERT_ARG(m);
	*n = 0;
	if (ifgw_adapter_fits(t->adapter, m)) {
		*n = 1;
		return IFGW_OK;
	}
	rc = ifgw_adapter_split(&parts, n, t->adapter, m);
	for (i = 0; parts && i < *n; i++)
		ifgw_msg_free(parts[i]);
	free(parts);
	return rc;
}

/* Encode one part into ob->wire (through ob->unsigned_wire when signing),
 * then hand it out. */
static int one_part(struct ifgw_outbound *ob, const struct ifgw_route_target *t,
		    const struct ifgw_adapter_env *env, struct ifgw_outbound_part *part,
		    int (*each)(void *ctx, const struct ifgw_outbound_part *part), void *ctx)
{
	const struct ifgw_dsig_place *place;
	struct ifgw_buf *enc = ob->signer ? &ob->unsigned_wire : &ob->wire;
	int rc;

	ifgw_buf_reset(&ob->wire);
	ifgw_buf_reset(&ob->unsigned_wire);
	if ((rc = ifgw_adapter_encode(enc, t->adapter, part->msg, env)) != IFGW_OK)
		return rc;
	if (ob->signer) {
		place = t->adapter->signature_place ? t->adapter->signature_place(part->msg->hdr.type) : NULL;
		if (!place)
			place = &ifgw_dsig_place_root;
		if ((rc = ifgw_dsig_sign_bytes(&ob->wire, ifgw_buf_cstr(enc), enc->len, part->msg->hdr.id, place,
					       ob->signer)) != IFGW_OK)
			return rc;
	}
	part->wire = &ob->wire;
	return each(ctx, part);
}

int ifgw_outbound_run(struct ifgw_outbound *ob, const struct ifgw_route_target *t, const struct ifgw_msg *m,
		      int (*each)(void *ctx, const struct ifgw_outbound_part *part), void *ctx)
{
	struct ifgw_outbound_part part = {0};
	struct ifgw_adapter_env env;
	struct ifgw_msg **parts = NULL;
	size_t n = 0, i;
	int rc;

	IFGW_ASSERT_ARG(ob);
	IFGW_ASSERT_ARG(t && t->adapter && t->profile);
	IFGW_ASSERT_ARG(m);
	IFGW_ASSERT_ARG(each);
	/* a message to a partner is from this node to it: checked, not set
	   (m is the caller's; ifgw_route_target_address() fills absent ends) */
	if ((rc = ifgw_route_target_check_outbound(&m->hdr, t)) != IFGW_OK)
		return rc;
	ifgw_route_target_env(&env, t);
	/* the hot path: a message that fits is encoded as it is, not copied */
	if (ifgw_adapter_fits(t->adapter, m)) {
		part.msg = m;
		part.count = 1;
		rc = one_part(ob, t, &env, &part, each, ctx);
		goto out;
	}
	if ((rc = ifgw_adapter_split(&parts, &n, t->adapter, m)) != IFGW_OK)
		goto out;
	for (i = 0; i < n && rc == IFGW_OK; i++) {
		part.msg = parts[i];
		part.index = i;
		part.count = n;
		rc = one_part(ob, t, &env, &part, each, ctx);
	}
out:
	for (i = 0; parts && i < n; i++)
		ifgw_msg_free(parts[i]);
	free(parts);
	return rc;
}
