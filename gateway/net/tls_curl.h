/* tls_curl.h: libcurl options for a mutual-TLS transfer to a partner.
 *
 * The client side of certs/tls.h for libcurl: this node's identity as the
 * client certificate, TLS 1.2+, peer and host verification on, the server
 * accepted only when the partner's trust accepts it (certs/ checks it from
 * curl's CURLOPT_SSL_CTX_FUNCTION), the partner's pins as
 * CURLOPT_PINNEDPUBLICKEY, no TLS session reuse.
 *
 * The refusal rule (as in certs/tls.h): why the server was refused belongs
 * to the transfer, never to the thread.  It is kept in the transfer's
 * struct ifgw_net_tls, which the caller owns (one per easy handle, e.g.
 * inside its request), so that many transfers driven by one thread (a curl
 * multi handle in an event loop) each keep their own reason:
 *
 *     struct ifgw_net_tls tls;
 *     rc = ifgw_net_tls_setup(h, &tls, id, partner);
 *     cc = curl_easy_perform(h);
 *     if (cc != CURLE_OK && ifgw_net_tls_refusal(&tls))
 *             ... ifgw_net_tls_refusal(&tls) says why ... */
#ifndef IFGW_NET_TLS_CURL_H
#define IFGW_NET_TLS_CURL_H

#include <curl/curl.h>

#include "base/error.h"
#include "certs/identity.h"
#include "certs/trust.h"

/* One transfer's TLS state.  Must stay at one address and outlive the
 * transfers of the handle it was set up on. */
struct ifgw_net_tls {
	const struct ifgw_trust *partner; /* borrowed */
	struct ifgw_error refusal;        /* why the server was refused; code IFGW_OK when it was not */
};

/* Set up h to talk to partner with identity id (certificate and key copied
 * into curl); *tls is (re)initialised and tied to h.  id may go after the
 * call; partner and *tls must outlive the transfers of h.  Errors:
 * IFGW_EUNSUPPORTED when libcurl lacks an option (it must be built with
 * OpenSSL), IFGW_EINVAL when the identity cannot be encoded. */
int ifgw_net_tls_setup(CURL *h, struct ifgw_net_tls *tls, const struct ifgw_identity *id,
		       const struct ifgw_trust *partner);

/* Why the server of this handle's latest connection was refused ("partner
 * X: certificate ... expired on ..."), or NULL when it was not. */
const char *ifgw_net_tls_refusal(const struct ifgw_net_tls *tls);

#endif
