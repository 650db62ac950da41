/* ack.h: the signed acknowledgement a node answers a partner's message
 * with (docs/serve.md, "The acknowledgement"; schema
 * docs/ifgw-ack-1.xsd).
 *
 * ifgw's own small XML document, not an FCI message: it says which bytes
 * were received (their SHA-256), from whom, as what message, and what
 * became of them, signed by the receiving node's signing identity (the
 * strict profile of certs/xmldsig.h, the Signature the root's last child),
 * so that the sender keeps it as proof of receipt:
 *
 *     <IfgwAcknowledgement xmlns="urn:ifgw:ack:1" version="1">
 *       <From>DE00123</From><To>FR00001</To>
 *       <Created>2024-03-01T09:00:00Z</Created>
 *       <Message id="FR00001-DE00123-1" type="AssignmentBatch" sha256="..."/>
 *       <Outcome>rejected</Outcome>
 *       <Reason field="signature" code="ETRUST">digest mismatch</Reason>
 *       <ds:Signature>...</ds:Signature>
 *     </IfgwAcknowledgement>
 *
 * Outcome: accepted (applied now), duplicate (applied before: nothing
 * done now), rejected (nothing changed; one Reason). */
#ifndef IFGW_NODE_ACK_H
#define IFGW_NODE_ACK_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "certs/xmldsig.h"
#include "gateway/node/inbound.h"

#define IFGW_ACK_NS "urn:ifgw:ack:1"
#define IFGW_ACK_ROOT "IfgwAcknowledgement"

/* "accepted", "duplicate" or "rejected" for ifgw_inbound_apply's result
 * rc and res. */
const char *ifgw_ack_outcome(int rc, const struct ifgw_inbound_result *res);

/* Where a refusal lies, for Reason@field: "signature" (IFGW_ETRUST),
 * "document" (IFGW_EPARSE), "header" (IFGW_EINVAL: not this corridor or
 * not a valid message), "books" (IFGW_ESTATE, IFGW_EUNSUPPORTED: the
 * ledger refused), "service" (anything else). */
const char *ifgw_ack_field(int rc);

/* Append the signed acknowledgement of wire[0..len) received from
 * `partner` by node `self` at `now`, with inbound's rc and res, to out.
 * Errors: those of ifgw_dsig_sign_bytes(), IFGW_EOVERFLOW at out's cap. */
int ifgw_ack_write(struct ifgw_buf *out, const struct ifgw_signer *signer, const char *self, const char *partner,
		   int rc, const struct ifgw_inbound_result *res, const void *wire, size_t len, int64_t now);

#endif
