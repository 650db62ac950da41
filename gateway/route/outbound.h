/* outbound.h: one routed message (or batch) to a partner's wire — split,
 * encode with the partner's target, sign with the node's identity.
 *
 * The path every sender takes after routing and batching (the CLI's
 * `ifgw adapter encode`, the pipeline benchmark, the outbox sender):
 *
 *     struct ifgw_outbound ob;
 *     ifgw_outbound_init(&ob, signer, 0);           // signer NULL: unsigned
 *     ifgw_route_target(&t, cfg, partner, m->hdr.type);
 *     ifgw_route_target_address(&m->hdr, &t);        // from this node to partner
 *     ifgw_outbound_run(&ob, &t, m, each, ctx);      // each wire message
 *     ifgw_outbound_free(&ob);
 *
 * One struct ifgw_outbound per thread (it reuses its buffers and the
 * signer, which is one-thread); many messages through it.  It holds no
 * configuration: the target borrows the caller's. */
#ifndef IFGW_ROUTE_OUTBOUND_H
#define IFGW_ROUTE_OUTBOUND_H

#include <stddef.h>

#include "base/buf.h"
#include "gateway/route/target.h"
#include "model/message.h"

struct ifgw_signer; /* certs/xmldsig.h */

struct ifgw_outbound {
	const struct ifgw_signer *signer; /* NULL: wire messages are not signed; borrowed */
	struct ifgw_buf wire;             /* the part being handed out */
	struct ifgw_buf unsigned_wire;    /* the encoding, before its signature */
};

/* One wire message handed to the caller. */
struct ifgw_outbound_part {
	const struct ifgw_msg *msg;  /* the part (m itself when it needed no split) */
	size_t index, count;         /* 0-based index among count parts */
	const struct ifgw_buf *wire; /* its wire bytes, signed when a signer is set;
					valid until the callback returns */
};

/* wire_max: cap of one wire message (0: 64 MiB). */
void ifgw_outbound_init(struct ifgw_outbound *ob, const struct ifgw_signer *signer, size_t wire_max);
void ifgw_outbound_free(struct ifgw_outbound *ob);

/* How many wire messages m will take to target t (each part uses one
 * sequence number, consecutive from m's). */
int ifgw_outbound_parts(size_t *n, const struct ifgw_route_target *t, const struct ifgw_msg *m);

/* Refuse m unless its header is from t's node to t's partner (see
 * ifgw_route_target_check_outbound(); a country target checks nothing).
 * Split m as t's adapter requires, encode each part in t's charset (with
 * t's transliteration), sign it at the adapter's signature place when ob
 * has a signer, and call each(ctx, part) in order.  The first failure
 * (split, encode, sign, or a non-zero return of each, passed through)
 * stops the run. */
int ifgw_outbound_run(struct ifgw_outbound *ob, const struct ifgw_route_target *t, const struct ifgw_msg *m,
		      int (*each)(void *ctx, const struct ifgw_outbound_part *part), void *ctx);

#endif
