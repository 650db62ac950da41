/* tls.h: TLS for both roles from the same identity and trust code.
 *
 * Inbound: an OpenSSL SSL_CTX that requires a client certificate and
 * accepts it only when one partner's trust does (ifgw_trust_verify with
 * IFGW_TRUST_TLS_CLIENT: configured certificates or the partner's CA, pins,
 * CRLs, the injected clock).  Outbound: libcurl options that present this
 * node's identity and accept the server only when the partner's trust does
 * (IFGW_TRUST_TLS_SERVER), plus curl's own host name and pin checks.
 * Both sides: TLS 1.2 or later (1.3 preferred), forward-secret AEAD suites,
 * no session resumption, so that every connection is checked again. */
#ifndef IFGW_CERTS_TLS_H
#define IFGW_CERTS_TLS_H

#include <stddef.h>

#include <curl/curl.h>
#include <openssl/ssl.h>

#include "certs/identity.h"
#include "certs/trust.h"

/* A server context presenting id and accepting clients trusted by one of
 * partners[0..n).  id and every partner must outlive the context (the
 * context keeps pointers, not copies; the array itself is copied).  When a
 * client is refused, its reason is the handshaking thread's pending error
 * (ifgw_error_last()), e.g. "TLS client refused: partner DE: certificate
 * CN=x expired on ...". */
int ifgw_tls_server_ctx_new(SSL_CTX **out, const struct ifgw_identity *id,
			    const struct ifgw_trust *const *partners, size_t n);

/* After a server handshake: the partner whose trust accepted the client
 * certificate, or NULL (no handshake yet, or not one of our contexts). */
const struct ifgw_trust *ifgw_tls_peer_partner(const SSL *ssl);

/* Set up h to talk to partner: client certificate and key of id (copied
 * into curl), TLS 1.2+, peer and host verification on, the server accepted
 * only when partner's trust accepts it, partner's pins as
 * CURLOPT_PINNEDPUBLICKEY, no TLS session reuse.  partner must outlive the
 * transfers of h.  When the server is refused, the reason is the calling
 * thread's pending error.  IFGW_EUNSUPPORTED when libcurl lacks an option
 * (it must be built with OpenSSL). */
int ifgw_tls_curl_setup(CURL *h, const struct ifgw_identity *id, const struct ifgw_trust *partner);

#endif
