/* snapshot.h: one node's configuration, partner trust, identities and TLS
 * context, built together as ONE immutable, reference-counted value.
 *
 * Everything a request needs to know about "how this node is set up" comes
 * from one snapshot, so that a request never sees half of an old
 * configuration and half of a new one.  A reload (node.h) builds a whole new
 * snapshot and swaps it in; a request that acquired the old one keeps it
 * valid, unchanged, until it releases it.  Nothing in a snapshot changes
 * after it is built, so any number of threads may read one at once.
 *
 * What it holds, built from the configuration file (config/node_config.h):
 *   - the configuration itself (codes, partners, routes, paths);
 *   - each partner's trust (certs/trust.h), in the configuration's order;
 *   - the node's signing identity and its TLS identity (the signing one when
 *     no <Tls> is configured);
 *   - the inbound TLS server context (certs/tls.h) presenting the TLS
 *     identity and accepting the configured partners.  Outbound transfers
 *     use the TLS identity and a partner's trust with gateway/net/tls_curl.h.
 * The store is not part of a snapshot: it belongs to the node (node.h). */
#ifndef IFGW_NODE_SNAPSHOT_H
#define IFGW_NODE_SNAPSHOT_H

#include <stddef.h>

#include <openssl/ssl.h>

#include "certs/identity.h"
#include "certs/trust.h"
#include "config/node_config.h"

struct ifgw_node_snapshot;

/* Build a snapshot from the configuration file at path: read and validate
 * it, load every partner's trust, both identities, and make the server TLS
 * context.  The new snapshot has one reference (the caller's).  Errors name
 * the file and what failed: the configuration's own ("FILE:LINE: ..."), or
 * "partner DE00123 (line N): trust: ..." for trust, "signing identity:
 * ..." or "TLS identity: ..." for keys and certificates, "TLS server ..."
 * for the context. */
int ifgw_node_snapshot_load(struct ifgw_node_snapshot **out, const char *path);

/* Take one more reference; returns snap (NULL stays NULL).  Thread-safe. */
struct ifgw_node_snapshot *ifgw_node_snapshot_ref(struct ifgw_node_snapshot *snap);

/* Drop one reference; the last one frees the snapshot.  Thread-safe. */
void ifgw_node_snapshot_release(struct ifgw_node_snapshot *snap);

/* The parts, borrowed from snap (valid while a reference is held).  Read
 * only: a snapshot is shared by every request that acquired it. */
const struct ifgw_config *ifgw_node_snapshot_config(const struct ifgw_node_snapshot *snap);
const struct ifgw_identity *ifgw_node_snapshot_signing(const struct ifgw_node_snapshot *snap);
const struct ifgw_identity *ifgw_node_snapshot_tls_identity(const struct ifgw_node_snapshot *snap);

/* The trust in the partner with this factor code, or NULL when there is no
 * such partner. */
const struct ifgw_trust *ifgw_node_snapshot_trust(const struct ifgw_node_snapshot *snap, const char *code);

/* The inbound TLS context (for SSL_new, which takes it non-const; the
 * context itself is not to be changed). */
SSL_CTX *ifgw_node_snapshot_server_ctx(const struct ifgw_node_snapshot *snap);

#endif
