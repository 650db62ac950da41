/* tls.c: OpenSSL server contexts and libcurl client options from identity
 * and trust (see tls.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "base/buf.h"
#include "base/error.h"
#include "certs/cert.h"
#include "certs/tls.h"

/* TLS 1.2 suites: ECDHE + AEAD only (TLS 1.3 suites are all of that kind). */
#define TLS12_CIPHERS                                                                              \
	"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"                               \
	"ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"                               \
	"ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

#define PEM_BLOB_MAX (256u * 1024u)

/* What a server context needs at handshake time; freed with the context. */
struct server_partners {
	size_t n;
	const struct ifgw_trust *p[]; /* borrowed */
};

static CRYPTO_ONCE index_once = CRYPTO_ONCE_STATIC_INIT;
static int ctx_index = -1;  /* SSL_CTX ex_data: struct server_partners */
static int peer_index = -1; /* SSL ex_data: the partner that accepted the client */

static void free_partners(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
	(void)parent;
	(void)ad;
	(void)idx;
	(void)argl;
	(void)argp;
	free(ptr);
}

static void make_indexes(void)
{
	ctx_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, free_partners);
	peer_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

static int indexes(void)
{
	return CRYPTO_THREAD_run_once(&index_once, make_indexes) && ctx_index >= 0 && peer_index >= 0;
}

/* Replaces OpenSSL's chain verification on the server: one partner's trust
 * must accept the client certificate. */
static int server_verify(X509_STORE_CTX *xctx, void *arg)
{
	const struct server_partners *sp = arg;
	X509 *cert = X509_STORE_CTX_get0_cert(xctx);
	STACK_OF(X509) *untrusted = X509_STORE_CTX_get0_untrusted(xctx);
	SSL *ssl = X509_STORE_CTX_get_ex_data(xctx, SSL_get_ex_data_X509_STORE_CTX_idx());
	enum ifgw_trust_verdict v, best = IFGW_TRUST_UNKNOWN;
	char reason[IFGW_ERROR_MAX] = "";
	size_t i;

	if (!cert || !ssl)
		goto refuse;
	for (i = 0; i < sp->n; i++) {
		ifgw_error_clear();
		if (ifgw_trust_verify(&v, sp->p[i], cert, untrusted, IFGW_TRUST_TLS_CLIENT) == IFGW_OK) {
			ifgw_error_clear();
			SSL_set_ex_data(ssl, peer_index, (void *)sp->p[i]);
			return 1;
		}
		/* A partner that knows the certificate says more than one that does not. */
		if (!reason[0] || (best == IFGW_TRUST_UNKNOWN && v != IFGW_TRUST_UNKNOWN)) {
			snprintf(reason, sizeof(reason), "%s", ifgw_error_last());
			best = v;
		}
	}
refuse:
	ifgw_error_clear();
	ifgw_error_set(IFGW_ETRUST, "TLS client refused: %s",
		       reason[0] ? reason : "no client certificate, or no partner configured");
	X509_STORE_CTX_set_error(xctx, X509_V_ERR_CERT_REJECTED);
	return 0;
}

/* Settings both roles share. */
static int common_settings(SSL_CTX *ctx)
{
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
	sp = NULL; /* freed with the context (free_partners) */
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

/* Replaces OpenSSL's chain verification in curl: the partner's trust must
 * accept the server certificate.  The reason stays as the pending error. */
static int client_verify(X509_STORE_CTX *xctx, void *arg)
{
	const struct ifgw_trust *partner = arg;
	X509 *cert = X509_STORE_CTX_get0_cert(xctx);

	if (cert && ifgw_trust_verify(NULL, partner, cert, X509_STORE_CTX_get0_untrusted(xctx),
				      IFGW_TRUST_TLS_SERVER) == IFGW_OK)
		return 1;
	if (!cert)
		ifgw_error_set(IFGW_ETRUST, "partner %s: TLS server sent no certificate", ifgw_trust_name(partner));
	X509_STORE_CTX_set_error(xctx, X509_V_ERR_CERT_REJECTED);
	return 0;
}

static CURLcode curl_ctx_function(CURL *h, void *sslctx, void *arg)
{
	SSL_CTX *ctx = sslctx;

	(void)h;
	if (!common_settings(ctx)) {
		ERR_clear_error();
		return CURLE_SSL_CIPHER;
	}
	SSL_CTX_set_cert_verify_callback(ctx, client_verify, arg);
	return CURLE_OK;
}

static int pem_append_cert(BIO *bio, X509 *x)
{
	return PEM_write_bio_X509(bio, x);
}

/* The memory of a BIO as a curl blob (curl copies it). */
static int set_blob(CURL *h, CURLoption opt, BIO *bio, const char *what)
{
	struct curl_blob blob;
	char *data = NULL;
	long len = BIO_get_mem_data(bio, &data);
	CURLcode cc;

	if (len <= 0 || (size_t)len > PEM_BLOB_MAX)
		return ifgw_error_set(IFGW_EINVAL, "TLS client: %s: empty or too large", what);
	blob.data = data;
	blob.len = (size_t)len;
	blob.flags = CURL_BLOB_COPY;
	cc = curl_easy_setopt(h, opt, &blob);
	if (cc != CURLE_OK)
		return ifgw_error_set(IFGW_EUNSUPPORTED, "TLS client: %s: libcurl says %s", what,
				      curl_easy_strerror(cc));
	return IFGW_OK;
}

static int setopt_failed(CURLcode cc, const char *what)
{
	return ifgw_error_set(IFGW_EUNSUPPORTED, "TLS client: %s: libcurl says %s (libcurl must use OpenSSL)",
			      what, curl_easy_strerror(cc));
}

int ifgw_tls_curl_setup(CURL *h, const struct ifgw_identity *id, const struct ifgw_trust *partner)
{
	STACK_OF(X509) *chain = ifgw_identity_chain(id);
	BIO *cert_pem = NULL, *key_pem = NULL, *ca_pem = NULL;
	struct ifgw_buf pins;
	char pin[45], why[256];
	char *keydata = NULL;
	long keylen = 0;
	CURLcode cc;
	size_t i;
	int j, rc = IFGW_OK;

	ifgw_buf_init(&pins, 64u * IFGW_TRUST_MAX_PINS);
	ERR_clear_error();
	if (!(cert_pem = BIO_new(BIO_s_mem())) || !(key_pem = BIO_new(BIO_s_mem())) ||
	    !(ca_pem = BIO_new(BIO_s_mem())))
		goto ossl;
	/* Our certificate, then its intermediates; the key as PKCS#8. */
	if (!pem_append_cert(cert_pem, ifgw_identity_cert(id)))
		goto ossl;
	for (j = 0; chain && j < sk_X509_num(chain); j++)
		if (!pem_append_cert(cert_pem, sk_X509_value(chain, j)))
			goto ossl;
	if (!PEM_write_bio_PrivateKey(key_pem, ifgw_identity_key(id), NULL, NULL, 0, NULL, NULL))
		goto ossl;
	/* Our callback replaces OpenSSL's verification; CAINFO only keeps curl
	 * from loading the system store, which has nothing to say here. */
	for (i = 0; i < ifgw_trust_ca_count(partner); i++)
		if (!pem_append_cert(ca_pem, ifgw_trust_ca_at(partner, i)))
			goto ossl;
	for (i = 0; i < ifgw_trust_cert_count(partner); i++)
		if (!pem_append_cert(ca_pem, ifgw_trust_cert_at(partner, i)))
			goto ossl;

	if ((cc = curl_easy_setopt(h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2)) != CURLE_OK) {
		rc = setopt_failed(cc, "CURLOPT_SSLVERSION");
		goto out;
	}
	if ((cc = curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L)) != CURLE_OK ||
	    (cc = curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L)) != CURLE_OK) {
		rc = setopt_failed(cc, "CURLOPT_SSL_VERIFYPEER");
		goto out;
	}
	if ((cc = curl_easy_setopt(h, CURLOPT_SSL_SESSIONID_CACHE, 0L)) != CURLE_OK) {
		rc = setopt_failed(cc, "CURLOPT_SSL_SESSIONID_CACHE");
		goto out;
	}
	if ((cc = curl_easy_setopt(h, CURLOPT_SSLCERTTYPE, "PEM")) != CURLE_OK ||
	    (cc = curl_easy_setopt(h, CURLOPT_SSLKEYTYPE, "PEM")) != CURLE_OK) {
		rc = setopt_failed(cc, "CURLOPT_SSLCERTTYPE");
		goto out;
	}
	if ((rc = set_blob(h, CURLOPT_SSLCERT_BLOB, cert_pem, "client certificate")) != IFGW_OK ||
	    (rc = set_blob(h, CURLOPT_SSLKEY_BLOB, key_pem, "client key")) != IFGW_OK)
		goto out;
	if (ifgw_trust_ca_count(partner) + ifgw_trust_cert_count(partner) > 0 &&
	    (rc = set_blob(h, CURLOPT_CAINFO_BLOB, ca_pem, "partner certificates")) != IFGW_OK)
		goto out;
	if ((cc = curl_easy_setopt(h, CURLOPT_CAPATH, NULL)) != CURLE_OK) {
		rc = setopt_failed(cc, "CURLOPT_CAPATH");
		goto out;
	}
	for (i = 0; i < ifgw_trust_pin_count(partner); i++) {
		ifgw_trust_pin_at(partner, i, pin);
		if ((rc = ifgw_buf_addf(&pins, "%ssha256//%s", i ? ";" : "", pin)) != IFGW_OK)
			goto out;
	}
	if (pins.len && (cc = curl_easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, pins.ptr)) != CURLE_OK) {
		rc = setopt_failed(cc, "CURLOPT_PINNEDPUBLICKEY");
		goto out;
	}
	if ((cc = curl_easy_setopt(h, CURLOPT_SSL_CTX_FUNCTION, curl_ctx_function)) != CURLE_OK ||
	    (cc = curl_easy_setopt(h, CURLOPT_SSL_CTX_DATA, (void *)partner)) != CURLE_OK) {
		rc = setopt_failed(cc, "CURLOPT_SSL_CTX_FUNCTION");
		goto out;
	}
	goto out;
ossl:
	rc = ifgw_error_set(IFGW_EINVAL, "TLS client: cannot encode the identity: %s",
			    ifgw_cert_ossl_error(why, sizeof(why)));
out:
	if (key_pem) {
		keylen = BIO_get_mem_data(key_pem, &keydata);
		if (keylen > 0)
			OPENSSL_cleanse(keydata, (size_t)keylen); /* curl holds its own copy */
	}
	BIO_free(cert_pem);
	BIO_free(key_pem);
	BIO_free(ca_pem);
	ifgw_buf_free(&pins);
	return rc;
}
