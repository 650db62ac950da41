/* tls.c: OpenSSL server and client contexts from identity and trust, the
 * refusal reason kept on the SSL (see tls.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "base/error.h"
#include "certs/cert.h"
#include "certs/tls.h"

/* TLS 1.2 suites: ECDHE + AEAD only (TLS 1.3 suites are all of that kind). */
#define TLS12_CIPHERS                                                                              \
	"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"                               \
	"ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"                               \
	"ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

/* What a server context needs at handshake time; freed with the context. */
struct server_partners {
	size_t n;
	const struct ifgw_trust *p[]; /* borrowed */
};

/* What a client context needs at handshake time; freed with the context. */
struct client_check {
	const struct ifgw_trust *partner; /* borrowed */
	struct ifgw_error *sink;          /* borrowed, may be NULL */
};

static CRYPTO_ONCE index_once = CRYPTO_ONCE_STATIC_INIT;
static int ctx_index = -1;     /* SSL_CTX ex_data: struct server_partners */
static int client_index = -1;  /* SSL_CTX ex_data: struct client_check */
static int peer_index = -1;    /* SSL ex_data: the partner that accepted the client */
static int refusal_index = -1; /* SSL ex_data: struct ifgw_error, why the peer was refused */

static void free_ex(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
	(void)parent;
	(void)ad;
	(void)idx;
	(void)argl;
	(void)argp;
	free(ptr);
}

/* SSL_dup: the copy starts without a reason (never two owners of one). */
static int dup_none(CRYPTO_EX_DATA *to, const CRYPTO_EX_DATA *from, void **from_d, int idx, long argl, void *argp)
{
	(void)to;
	(void)from;
	(void)idx;
	(void)argl;
	(void)argp;
	*from_d = NULL;
	return 1;
}

static void make_indexes(void)
{
	ctx_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, free_ex);
	client_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, dup_none, free_ex);
	peer_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
	refusal_index = SSL_get_ex_new_index(0, NULL, NULL, dup_none, free_ex);
}

static int indexes(void)
{
	return CRYPTO_THREAD_run_once(&index_once, make_indexes) && ctx_index >= 0 && client_index >= 0 &&
	       peer_index >= 0 && refusal_index >= 0;
}

/* Keep the thread's pending message (the check's reason) on ssl as its
 * refusal, and copy it to sink.  Out of memory keeps the sink's copy only. */
static void keep_refusal(SSL *ssl, struct ifgw_error *sink)
{
	struct ifgw_error *e = NULL;

	if (ssl && (e = malloc(sizeof(*e)))) {
		ifgw_error_save(e);
		free(SSL_get_ex_data(ssl, refusal_index));
		if (!SSL_set_ex_data(ssl, refusal_index, e)) {
			ifgw_error_restore(e);
			free(e);
			e = NULL;
		}
	}
	if (sink) {
		if (e)
			*sink = *e;
		else
			ifgw_error_save(sink);
	}
}

/* An accepted peer has no refusal (an SSL reused after SSL_clear may carry
 * one from its previous connection). */
static void forget_refusal(SSL *ssl)
{
	if (ssl) {
		free(SSL_get_ex_data(ssl, refusal_index));
		SSL_set_ex_data(ssl, refusal_index, NULL);
	}
}

/* Replaces OpenSSL's chain verification on the server: one partner's trust
 * must accept the client certificate.  The thread's pending error is left
 * as it was found (tls.h: the refusal rule). */
static int server_verify(X509_STORE_CTX *xctx, void *arg)
{
	const struct server_partners *sp = arg;
	X509 *cert = X509_STORE_CTX_get0_cert(xctx);
	STACK_OF(X509) *untrusted = X509_STORE_CTX_get0_untrusted(xctx);
	SSL *ssl = X509_STORE_CTX_get_ex_data(xctx, SSL_get_ex_data_X509_STORE_CTX_idx());
	enum ifgw_trust_verdict v, best = IFGW_TRUST_UNKNOWN;
	struct ifgw_error kept, tried;
	char reason[IFGW_ERROR_MAX] = "";
	size_t i;
	int ok = 0;

	ifgw_error_save(&kept);
	if (!cert || !ssl)
		goto refuse;
	for (i = 0; i < sp->n; i++) {
		if (ifgw_trust_verify(&v, sp->p[i], cert, untrusted, IFGW_TRUST_TLS_CLIENT) == IFGW_OK) {
			ifgw_error_save(&tried);
			SSL_set_ex_data(ssl, peer_index, (void *)sp->p[i]);
			forget_refusal(ssl);
			ok = 1;
			goto out;
		}
		ifgw_error_save(&tried);
		/* A partner that knows the certificate says more than one that does not. */
		if (!reason[0] || (best == IFGW_TRUST_UNKNOWN && v != IFGW_TRUST_UNKNOWN)) {
			snprintf(reason, sizeof(reason), "%s", tried.message);
			best = v;
		}
	}
refuse:
	ifgw_error_set(IFGW_ETRUST, "TLS client refused: %s",
		       reason[0] ? reason : "no client certificate, or no partner configured");
	keep_refusal(ssl, NULL);
	X509_STORE_CTX_set_error(xctx, X509_V_ERR_CERT_REJECTED);
out:
	ifgw_error_restore(&kept);
	return ok;
}

/* Replaces OpenSSL's chain verification on a client: the partner's trust
 * must accept the server certificate.  The reason goes on the SSL and to
 * the sink; the thread's pending error is left as it was found. */
static int client_verify(X509_STORE_CTX *xctx, void *arg)
{
	const struct client_check *cc = arg;
	X509 *cert = X509_STORE_CTX_get0_cert(xctx);
	SSL *ssl = X509_STORE_CTX_get_ex_data(xctx, SSL_get_ex_data_X509_STORE_CTX_idx());
	struct ifgw_error kept;
	int ok = 0;

	ifgw_error_save(&kept);
	if (cert && ifgw_trust_verify(NULL, cc->partner, cert, X509_STORE_CTX_get0_untrusted(xctx),
				      IFGW_TRUST_TLS_SERVER) == IFGW_OK) {
		forget_refusal(ssl);
		ok = 1;
		goto out;
	}
	if (!cert)
		ifgw_error_set(IFGW_ETRUST, "partner %s: TLS server sent no certificate",
			       ifgw_trust_name(cc->partner));
	keep_refusal(ssl, cc->sink);
	X509_STORE_CTX_set_error(xctx, X509_V_ERR_CERT_REJECTED);
out:
	ifgw_error_restore(&kept);
	return ok;
}

/* Settings both roles share.  Security level 2 or the context's own when
 * higher: our certificate, the key exchange and, on a client, the server's
 * key are held to it by OpenSSL; the peer's chain is held to it by the trust
 * check (trust.h), which replaces OpenSSL's verification. */
static int common_settings(SSL_CTX *ctx)
{
	if (SSL_CTX_get_security_level(ctx) < IFGW_TRUST_SECURITY_LEVEL)
		SSL_CTX_set_security_level(ctx, IFGW_TRUST_SECURITY_LEVEL);
	SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION | SSL_OP_NO_TICKET |
					 SSL_OP_CIPHER_SERVER_PREFERENCE);
	return SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) && SSL_CTX_set_cipher_list(ctx, TLS12_CIPHERS);
}

int ifgw_tls_server_ctx_new(SSL_CTX **out, const struct ifgw_identity *id,
			    const struct ifgw_trust *const *partners, size_t n)
{
	struct server_partners *sp = NULL;
	STACK_OF(X509) *chain = ifgw_identity_chain(id);
	SSL_CTX *ctx = NULL;
	char why[256];
	int j, rc = IFGW_OK;

	*out = NULL;
	ERR_clear_error();
	if (n > 4096)
		return ifgw_error_set(IFGW_EINVAL, "TLS server: %zu partners is too many", n);
	if (!indexes()) {
		rc = ifgw_error_set(IFGW_ENOMEM, "TLS server: cannot set up OpenSSL ex_data");
		goto out;
	}
	if (!(sp = calloc(1, sizeof(*sp) + n * sizeof(sp->p[0])))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "TLS server: out of memory");
		goto out;
	}
	sp->n = n;
	if (n)
		memcpy(sp->p, partners, n * sizeof(sp->p[0]));
	if (!(ctx = SSL_CTX_new_ex(NULL, NULL, TLS_server_method())) || !common_settings(ctx))
		goto ossl;
	if (!SSL_CTX_use_certificate(ctx, ifgw_identity_cert(id)) ||
	    !SSL_CTX_use_PrivateKey(ctx, ifgw_identity_key(id)) || !SSL_CTX_check_private_key(ctx))
		goto ossl;
	for (j = 0; chain && j < sk_X509_num(chain); j++)
		if (!SSL_CTX_add1_chain_cert(ctx, sk_X509_value(chain, j)))
			goto ossl;
	/* No resumption: every connection proves its certificate again, so that
	 * a revocation or an expiry takes effect at once. */
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	if (!SSL_CTX_set_num_tickets(ctx, 0))
		goto ossl;
	if (!SSL_CTX_set_ex_data(ctx, ctx_index, sp))
		goto ossl;
	SSL_CTX_set_cert_verify_callback(ctx, server_verify, sp);
	sp = NULL; /* freed with the context (free_ex) */
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
	*out = ctx;
	ctx = NULL; /* handed to the caller */
	goto out;
ossl:
	rc = ifgw_error_set(IFGW_EINVAL, "TLS server context: %s", ifgw_cert_ossl_error(why, sizeof(why)));
out:
	SSL_CTX_free(ctx);
	free(sp);
	return rc;
}

const struct ifgw_trust *ifgw_tls_peer_partner(const SSL *ssl)
{
	if (!ssl || !indexes())
		return NULL;
	return SSL_get_ex_data(ssl, peer_index);
}

int ifgw_tls_client_ctx_setup(SSL_CTX *ctx, const struct ifgw_trust *partner, struct ifgw_error *sink)
{
	struct client_check *cc = NULL;
	char why[256];
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(ctx && partner);
	ERR_clear_error();
	if (!indexes()) {
		rc = ifgw_error_set(IFGW_ENOMEM, "TLS client: cannot set up OpenSSL ex_data");
		goto out;
	}
	if (!common_settings(ctx)) {
		rc = ifgw_error_set(IFGW_EINVAL, "TLS client context: %s", ifgw_cert_ossl_error(why, sizeof(why)));
		goto out;
	}
	if (!(cc = malloc(sizeof(*cc)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "TLS client: out of memory");
		goto out;
	}
	cc->partner = partner;
	cc->sink = sink;
	/* A context set up twice keeps one check, the last. */
	free(SSL_CTX_get_ex_data(ctx, client_index));
	if (!SSL_CTX_set_ex_data(ctx, client_index, cc)) {
		SSL_CTX_set_ex_data(ctx, client_index, NULL);
		rc = ifgw_error_set(IFGW_ENOMEM, "TLS client: cannot attach the partner check");
		goto out;
	}
	SSL_CTX_set_cert_verify_callback(ctx, client_verify, cc);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	cc = NULL; /* freed with the context */
out:
	free(cc);
	return rc;
}

const struct ifgw_error *ifgw_tls_refusal(const SSL *ssl)
{
	if (!ssl || !indexes())
		return NULL;
	return SSL_get_ex_data(ssl, refusal_index);
}
