/* tls_curl.c: libcurl options for mutual TLS with a partner (see tls_curl.h). */
#include "config.h"

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
#include "gateway/net/tls_curl.h"

#define PEM_BLOB_MAX (256u * 1024u)

/* curl hands over each connection's fresh SSL_CTX: certs/ installs the
 * partner check; a refusal lands in this transfer's tls->refusal. */
static CURLcode ctx_function(CURL *h, void *sslctx, void *arg)
{
	struct ifgw_net_tls *tls = arg;
	struct ifgw_error kept;
	CURLcode cc = CURLE_OK;

	(void)h;
	ifgw_error_save(&kept);
	/* A new connection: a reason from an earlier one on this handle is over. */
	memset(&tls->refusal, 0, sizeof(tls->refusal));
	if (ifgw_tls_client_ctx_setup(sslctx, tls->partner, &tls->refusal) != IFGW_OK) {
		ifgw_error_save(&tls->refusal);
		ERR_clear_error();
		cc = CURLE_SSL_CIPHER;
	}
	ifgw_error_restore(&kept);
	return cc;
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

/* Our certificate then its intermediates; the key as PKCS#8; the partner's
 * CAs and certificates. */
static int encode_pems(BIO *cert_pem, BIO *key_pem, BIO *ca_pem, const struct ifgw_identity *id,
		       const struct ifgw_trust *partner)
{
	STACK_OF(X509) *chain = ifgw_identity_chain(id);
	size_t i;
	int j;

	if (!PEM_write_bio_X509(cert_pem, ifgw_identity_cert(id)))
		return 0;
	for (j = 0; chain && j < sk_X509_num(chain); j++)
		if (!PEM_write_bio_X509(cert_pem, sk_X509_value(chain, j)))
			return 0;
	if (!PEM_write_bio_PrivateKey(key_pem, ifgw_identity_key(id), NULL, NULL, 0, NULL, NULL))
		return 0;
	for (i = 0; i < ifgw_trust_ca_count(partner); i++)
		if (!PEM_write_bio_X509(ca_pem, ifgw_trust_ca_at(partner, i)))
			return 0;
	for (i = 0; i < ifgw_trust_cert_count(partner); i++)
		if (!PEM_write_bio_X509(ca_pem, ifgw_trust_cert_at(partner, i)))
			return 0;
	return 1;
}

int ifgw_net_tls_setup(CURL *h, struct ifgw_net_tls *tls, const struct ifgw_identity *id,
		       const struct ifgw_trust *partner)
{
	BIO *cert_pem = NULL, *key_pem = NULL, *ca_pem = NULL;
	struct ifgw_buf pins;
	char pin[45], why[256];
	char *keydata = NULL;
	long keylen = 0;
	CURLcode cc;
	size_t i;
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(h && tls && id && partner);
	memset(tls, 0, sizeof(*tls));
	tls->partner = partner;
	ifgw_buf_init(&pins, 64u * IFGW_TRUST_MAX_PINS);
	ERR_clear_error();
	if (!(cert_pem = BIO_new(BIO_s_mem())) || !(key_pem = BIO_new(BIO_s_mem())) ||
	    !(ca_pem = BIO_new(BIO_s_mem())) || !encode_pems(cert_pem, key_pem, ca_pem, id, partner)) {
		rc = ifgw_error_set(IFGW_EINVAL, "TLS client: cannot encode the identity: %s",
				    ifgw_cert_ossl_error(why, sizeof(why)));
		goto out;
	}
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
	/* Our callback replaces OpenSSL's verification; CAINFO only keeps curl
	 * from loading the system store, which has nothing to say here. */
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
	if ((cc = curl_easy_setopt(h, CURLOPT_SSL_CTX_FUNCTION, ctx_function)) != CURLE_OK ||
	    (cc = curl_easy_setopt(h, CURLOPT_SSL_CTX_DATA, (void *)tls)) != CURLE_OK) {
		rc = setopt_failed(cc, "CURLOPT_SSL_CTX_FUNCTION");
		goto out;
	}
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

const char *ifgw_net_tls_refusal(const struct ifgw_net_tls *tls)
{
	return tls && tls->refusal.code != IFGW_OK ? tls->refusal.message : NULL;
}
