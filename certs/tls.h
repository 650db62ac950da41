/* tls.h: OpenSSL TLS contexts for both roles from the same identity and
 * trust code.
 *
 * Inbound: an SSL_CTX that requires a client certificate and accepts it
 * only when one partner's trust does (ifgw_trust_verify with
 * IFGW_TRUST_TLS_CLIENT: configured certificates or the partner's CA with
 * one of its peer names, pins, CRLs, security level 2, the injected clock),
 * and takes it as that partner: of two partners under one CA, each is
 * accepted as itself only.  Outbound: the same check on a client SSL_CTX
 * for the partner's server (IFGW_TRUST_TLS_SERVER); the libcurl options
 * that use it live in gateway/net/tls_curl.h (no network code here).
 * Both sides: TLS 1.2 or later (1.3 preferred), forward-secret AEAD suites,
 * OpenSSL security level 2 or higher (IFGW_TRUST_SECURITY_LEVEL), no session
 * resumption, so that every connection is checked again.
 *
 * The refusal rule: why a peer was refused belongs to its connection, not
 * to the thread.  The reason is kept on the SSL object (ex_data, freed with
 * it) and read with ifgw_tls_refusal(); a handshake never sets, clears or
 * overwrites the handshaking thread's pending error, so two handshakes
 * stepped on one thread (an event loop) each keep their own reason. */
#ifndef IFGW_CERTS_TLS_H
#define IFGW_CERTS_TLS_H

#include <stddef.h>

#include <openssl/ssl.h>

#include "base/error.h"
#include "certs/identity.h"
#include "certs/trust.h"

/* A server context presenting id and accepting clients trusted by one of
 * partners[0..n).  id and every partner must outlive the context (the
 * context keeps pointers, not copies; the array itself is copied).  When a
 * client is refused, ifgw_tls_refusal(ssl) says why, e.g. "TLS client
 * refused: partner DE: certificate CN=x expired on ...". */
int ifgw_tls_server_ctx_new(SSL_CTX **out, const struct ifgw_identity *id,
			    const struct ifgw_trust *const *partners, size_t n);

/* Make ctx, a client context (one of ours, or the one libcurl hands to its
 * SSL_CTX callback), accept a server only when partner's trust accepts its
 * certificate; TLS 1.2+ with the suites above.  partner must outlive ctx.
 * When the server is refused the reason is kept on the SSL
 * (ifgw_tls_refusal) and, when sink is not NULL, also copied to *sink, which
 * must then outlive the handshakes made with ctx (the net side gives one
 * per transfer).  Errors: IFGW_EINVAL (OpenSSL refused a setting),
 * IFGW_ENOMEM. */
int ifgw_tls_client_ctx_setup(SSL_CTX *ctx, const struct ifgw_trust *partner, struct ifgw_error *sink);

/* After a server handshake: the partner whose trust accepted the client
 * certificate, or NULL (no handshake yet, or not one of our contexts). */
const struct ifgw_trust *ifgw_tls_peer_partner(const SSL *ssl);

/* Why this connection's peer was refused, or NULL when it was not (or the
 * connection does not use one of our contexts).  Borrowed from ssl: valid
 * until SSL_free(ssl).  Code IFGW_ETRUST and a one-line message. */
const struct ifgw_error *ifgw_tls_refusal(const SSL *ssl);

#endif
