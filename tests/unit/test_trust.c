/* test_trust.c: identities (key + chain from PEM) and partner trust
 * (configured certificates, CA, pins, CRLs, the injected clock). */
#include "config.h"

#include <sys/stat.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/clock.h"
#include "base/error.h"
#include "certs/cert.h"
#include "certs/identity.h"
#include "certs/pki.h"
#include "certs/trust.h"
#include "certs_fixture.h"
#include "testutil.h"

/* A self-signed signing certificate valid from t0 - 1 day to t0 + 30 days. */
static X509 *signer(EVP_PKEY *key, const char *cn)
{
	return fix_cert(key, IFGW_PKI_PROFILE_SIGNING, cn, -FIX_DAY, 30 * FIX_DAY, NULL, NULL);
}

static void load_identity_of_type(enum ifgw_pki_key_type type, const char *algo, int bits)
{
	struct ifgw_identity *id = NULL;
	char *dir = fix_tmpdir();
	EVP_PKEY *key, *cakey;
	X509 *ca, *leaf;
	FILE *f;

	fix_clock();
	key = fix_key(type);
	cakey = fix_key(IFGW_PKI_EC);
	ca = fix_cert(cakey, IFGW_PKI_PROFILE_CA, "CA", -FIX_DAY, 60 * FIX_DAY, NULL, NULL);
	leaf = fix_cert(key, IFGW_PKI_PROFILE_SIGNING, "node", -FIX_DAY, 30 * FIX_DAY, ca, cakey);
	ck_assert_ok(ifgw_pki_write_key(fix_path(0, dir, "k.pem"), key));
	/* The leaf first, then the CA: the CA becomes the chain. */
	ck_assert_ok(ifgw_pki_write_cert(fix_path(1, dir, "c.pem"), leaf));
	f = fopen(fix_path(1, dir, "c.pem"), "a");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(PEM_write_X509(f, ca), 1);
	fclose(f);

	ck_assert_ok(ifgw_identity_load(&id, fix_path(0, dir, "k.pem"), fix_path(1, dir, "c.pem")));
	ck_assert(EVP_PKEY_is_a(ifgw_identity_key(id), algo));
	ck_assert_int_eq(EVP_PKEY_get_bits(ifgw_identity_key(id)), bits);
	ck_assert_int_eq(X509_cmp(ifgw_identity_cert(id), leaf), 0);
	ck_assert_ptr_nonnull(ifgw_identity_chain(id));
	ck_assert_int_eq(sk_X509_num(ifgw_identity_chain(id)), 1);
	ck_assert_int_eq(X509_cmp(sk_X509_value(ifgw_identity_chain(id), 0), ca), 0);
	ifgw_identity_free(id);

	/* A lone leaf has no chain. */
	ck_assert_ok(ifgw_pki_write_cert(fix_path(1, dir, "c.pem"), leaf));
	ck_assert_ok(ifgw_identity_load(&id, fix_path(0, dir, "k.pem"), fix_path(1, dir, "c.pem")));
	ck_assert_ptr_null(ifgw_identity_chain(id));
	ifgw_identity_free(id);

	X509_free(ca);
	X509_free(leaf);
	EVP_PKEY_free(key);
	EVP_PKEY_free(cakey);
	fix_rmdir(dir);
}

START_TEST(identity_ec_p256)
{
	load_identity_of_type(IFGW_PKI_EC, "EC", 256);
}
END_TEST

START_TEST(identity_rsa_2048_and_3072)
{
	load_identity_of_type(IFGW_PKI_RSA2048, "RSA", 2048);
	load_identity_of_type(IFGW_PKI_RSA3072, "RSA", 3072);
}
END_TEST

START_TEST(identity_refuses_readable_key)
{
	struct ifgw_identity *id = NULL;
	char *dir = fix_tmpdir();
	EVP_PKEY *key = fix_key(IFGW_PKI_EC);
	X509 *cert;

	fix_clock();
	cert = signer(key, "node");
	ck_assert_ok(ifgw_pki_write_key(fix_path(0, dir, "key.pem"), key));
	ck_assert_ok(ifgw_pki_write_cert(fix_path(1, dir, "cert.pem"), cert));
	ck_assert_int_eq(chmod(fix_path(0, dir, "key.pem"), 0644), 0);
	ck_assert_fails(ifgw_identity_load(&id, fix_path(0, dir, "key.pem"), fix_path(1, dir, "cert.pem")),
			IFGW_ETRUST, "key.pem: readable by group or others (mode 0644); chmod 600 it");
	ck_assert_ptr_null(id);
	ck_assert_int_eq(chmod(fix_path(0, dir, "key.pem"), 0640), 0);
	ck_assert_fails(ifgw_identity_load(&id, fix_path(0, dir, "key.pem"), fix_path(1, dir, "cert.pem")),
			IFGW_ETRUST, "(mode 0640)");
	ck_assert_int_eq(chmod(fix_path(0, dir, "key.pem"), 0400), 0);
	ck_assert_ok(ifgw_identity_load(&id, fix_path(0, dir, "key.pem"), fix_path(1, dir, "cert.pem")));
	ifgw_identity_free(id);
	X509_free(cert);
	EVP_PKEY_free(key);
	fix_rmdir(dir);
}
END_TEST

START_TEST(identity_refuses_mismatch_and_weak_keys)
{
	struct ifgw_identity *id = NULL;
	char *dir = fix_tmpdir();
	EVP_PKEY *key = fix_key(IFGW_PKI_EC), *other = fix_key(IFGW_PKI_EC);
	EVP_PKEY *p384 = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
	EVP_PKEY *rsa1024 = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
	X509 *cert;

	fix_clock();
	cert = signer(key, "node");
	ck_assert_ok(ifgw_pki_write_key(fix_path(0, dir, "other.pem"), other));
	ck_assert_ok(ifgw_pki_write_cert(fix_path(1, dir, "cert.pem"), cert));
	ck_assert_fails(ifgw_identity_load(&id, fix_path(0, dir, "other.pem"), fix_path(1, dir, "cert.pem")),
			IFGW_ETRUST, "other.pem: private key does not match certificate CN=node,O=Test Org");
	ck_assert_fails(ifgw_identity_new(&id, other, cert, NULL), IFGW_ETRUST, "does not match");
	ck_assert_ok(ifgw_identity_new(&id, key, cert, NULL));
	ifgw_identity_free(id);

	ck_assert_ptr_nonnull(p384);
	ck_assert_ptr_nonnull(rsa1024);
	ck_assert_ok(ifgw_pki_write_key(fix_path(0, dir, "p384.pem"), p384));
	ck_assert_fails(ifgw_identity_load(&id, fix_path(0, dir, "p384.pem"), fix_path(1, dir, "cert.pem")),
			IFGW_ETRUST, "only P-256");
	ck_assert_ok(ifgw_pki_write_key(fix_path(0, dir, "rsa.pem"), rsa1024));
	ck_assert_fails(ifgw_identity_load(&id, fix_path(0, dir, "rsa.pem"), fix_path(1, dir, "cert.pem")),
			IFGW_ETRUST, "RSA key of 1024 bits: at least 2048 required");
	ck_assert_fails(ifgw_identity_load(&id, fix_path(0, dir, "missing.pem"), fix_path(1, dir, "cert.pem")),
			IFGW_EIO, "missing.pem: cannot open");
	ck_assert_fails(ifgw_identity_load(&id, fix_path(1, dir, "cert.pem"), fix_path(1, dir, "cert.pem")),
			IFGW_ETRUST, "readable by group or others");
	ck_assert_int_eq(chmod(fix_path(1, dir, "cert.pem"), 0600), 0);
	ck_assert_fails(ifgw_identity_load(&id, fix_path(1, dir, "cert.pem"), fix_path(1, dir, "cert.pem")),
			IFGW_EPARSE, "no PEM private key");
	EVP_PKEY_free(p384);
	EVP_PKEY_free(rsa1024);
	X509_free(cert);
	EVP_PKEY_free(key);
	EVP_PKEY_free(other);
	fix_rmdir(dir);
}
END_TEST

START_TEST(trust_validity_window_follows_the_clock)
{
	struct ifgw_trust *t = NULL;
	enum ifgw_trust_verdict v;
	EVP_PKEY *key = fix_key(IFGW_PKI_EC);
	X509 *cert;

	fix_clock();
	cert = signer(key, "DE signer"); /* 2026-02-28T12:00Z .. 2026-03-31T12:00Z */
	ck_assert_ok(ifgw_trust_new(&t, "DE"));
	ck_assert_ok(ifgw_trust_add_cert(t, cert));
	ck_assert_ok(ifgw_trust_check(t, cert, IFGW_TRUST_SIGNING));

	ifgw_clock_advance(31 * FIX_DAY);
	ck_assert_fails(ifgw_trust_check(t, cert, IFGW_TRUST_SIGNING), IFGW_ETRUST,
			"partner DE: certificate CN=DE signer,O=Test Org expired on 2026-03-31T12:00:00Z");
	ck_assert_int_eq(ifgw_trust_verify(&v, t, cert, NULL, IFGW_TRUST_SIGNING), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_EXPIRED);
	ck_assert_str_eq(ifgw_trust_verdict_name(v), "expired");
	ifgw_error_clear();

	ifgw_clock_set(fix_t0() - 2 * FIX_DAY);
	ck_assert_fails(ifgw_trust_check(t, cert, IFGW_TRUST_SIGNING), IFGW_ETRUST,
			"is not yet valid (from 2026-02-28T12:00:00Z");
	ck_assert_int_eq(ifgw_trust_verify(&v, t, cert, NULL, 0), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_NOT_YET_VALID);
	ifgw_error_clear();

	/* The boundary itself is still valid. */
	ifgw_clock_set(fix_t0() + 30 * FIX_DAY);
	ck_assert_ok(ifgw_trust_check(t, cert, IFGW_TRUST_SIGNING));
	ifgw_trust_free(t);
	X509_free(cert);
	EVP_PKEY_free(key);
}
END_TEST

START_TEST(trust_rotation_accepts_both_certificates)
{
	struct ifgw_trust *t = NULL;
	EVP_PKEY *k_old = fix_key(IFGW_PKI_EC), *k_new = fix_key(IFGW_PKI_EC), *k_bad = fix_key(IFGW_PKI_EC);
	X509 *c_old, *c_new, *c_bad, *same_key;
	enum ifgw_trust_verdict v;

	fix_clock();
	c_old = fix_cert(k_old, IFGW_PKI_PROFILE_SIGNING, "old", -300 * FIX_DAY, 10 * FIX_DAY, NULL, NULL);
	c_new = fix_cert(k_new, IFGW_PKI_PROFILE_SIGNING, "new", -FIX_DAY, 365 * FIX_DAY, NULL, NULL);
	c_bad = signer(k_bad, "intruder");
	ck_assert_ok(ifgw_trust_new(&t, "US"));
	ck_assert_ok(ifgw_trust_add_cert(t, c_old));
	ck_assert_ok(ifgw_trust_add_cert(t, c_new));
	ck_assert_ok(ifgw_trust_add_cert(t, c_new)); /* twice is once */
	ck_assert_uint_eq(ifgw_trust_cert_count(t), 2);
	ck_assert_ok(ifgw_trust_check(t, c_old, IFGW_TRUST_SIGNING));
	ck_assert_ok(ifgw_trust_check(t, c_new, IFGW_TRUST_SIGNING));
	ck_assert_ptr_eq(ifgw_trust_find(t, c_new), ifgw_trust_cert_at(t, 1));
	ck_assert_ptr_null(ifgw_trust_find(t, c_bad));
	ck_assert_fails(ifgw_trust_check(t, c_bad, IFGW_TRUST_SIGNING), IFGW_ETRUST,
			"partner US: certificate CN=intruder,O=Test Org is an unknown signer (not one of the partner's 2 configured certificates)");
	ck_assert_int_eq(ifgw_trust_verify(&v, t, c_bad, NULL, IFGW_TRUST_SIGNING), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_UNKNOWN);
	ifgw_error_clear();

	/* After the overlap the old one expires and only the new one is accepted. */
	ifgw_clock_advance(11 * FIX_DAY);
	ck_assert_fails(ifgw_trust_check(t, c_old, IFGW_TRUST_SIGNING), IFGW_ETRUST, "CN=old,O=Test Org expired");
	ck_assert_ok(ifgw_trust_check(t, c_new, IFGW_TRUST_SIGNING));

	/* A certificate someone made for the partner's key with longer dates is
	 * found by its key, and the configured certificate's dates apply. */
	same_key = fix_cert(k_old, IFGW_PKI_PROFILE_SIGNING, "old", -FIX_DAY, 900 * FIX_DAY, c_bad, k_bad);
	ck_assert_ptr_eq(ifgw_trust_find(t, same_key), ifgw_trust_cert_at(t, 0));
	ck_assert_fails(ifgw_trust_check(t, same_key, IFGW_TRUST_SIGNING), IFGW_ETRUST, "expired");
	ifgw_trust_free(t);
	X509_free(c_old);
	X509_free(c_new);
	X509_free(c_bad);
	X509_free(same_key);
	EVP_PKEY_free(k_old);
	EVP_PKEY_free(k_new);
	EVP_PKEY_free(k_bad);
}
END_TEST

START_TEST(trust_pins)
{
	struct ifgw_trust *t = NULL;
	EVP_PKEY *key = fix_key(IFGW_PKI_EC), *other = fix_key(IFGW_PKI_EC);
	X509 *cert, *ocert;
	char pin[IFGW_CERT_PIN_LEN], opin[IFGW_CERT_PIN_LEN], back[45], hex[65], curl_form[64];
	unsigned char raw[32];
	enum ifgw_trust_verdict v;
	int i;

	fix_clock();
	cert = signer(key, "pinned");
	ocert = signer(other, "other");
	ck_assert_ok(ifgw_cert_pin(pin, cert));
	ck_assert_ok(ifgw_cert_pin(opin, ocert));
	ck_assert_uint_eq(strlen(pin), 44);
	ck_assert_ok(ifgw_trust_new(&t, "JP"));
	ck_assert_ok(ifgw_trust_add_cert(t, cert));
	ck_assert_ok(ifgw_trust_add_pin(t, opin));
	ck_assert_fails(ifgw_trust_check(t, cert, IFGW_TRUST_SIGNING), IFGW_ETRUST,
			"partner JP: certificate CN=pinned,O=Test Org does not match any of the partner's 1 pins");
	ck_assert_int_eq(ifgw_trust_verify(&v, t, cert, NULL, IFGW_TRUST_SIGNING), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_PIN_MISMATCH);
	ifgw_error_clear();

	/* The right pin, in hex: accepted; base64 and curl's form are the same pin. */
	ck_assert_ok(ifgw_cert_spki_sha256(raw, cert));
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02X", raw[i]);
	ck_assert_ok(ifgw_trust_add_pin(t, hex));
	ck_assert_ok(ifgw_trust_check(t, cert, IFGW_TRUST_SIGNING));
	snprintf(curl_form, sizeof(curl_form), "sha256//%s", pin);
	ck_assert_ok(ifgw_trust_add_pin(t, curl_form));
	ck_assert_ok(ifgw_trust_add_pin(t, pin));
	ck_assert_uint_eq(ifgw_trust_pin_count(t), 2);
	ifgw_trust_pin_at(t, 1, back);
	ck_assert_str_eq(back, pin);

	ck_assert_fails(ifgw_trust_add_pin(t, "abc"), IFGW_EINVAL, "not a SHA-256 pin");
	ck_assert_fails(ifgw_trust_add_pin(t, "sha256//!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!="), IFGW_EINVAL,
			"not a SHA-256 pin");
	hex[0] = 'x';
	ck_assert_fails(ifgw_trust_add_pin(t, hex), IFGW_EINVAL, "not a SHA-256 pin");
	ifgw_trust_free(t);
	X509_free(cert);
	X509_free(ocert);
	EVP_PKEY_free(key);
	EVP_PKEY_free(other);
}
END_TEST

/* A CA, a signing and a TLS certificate it issued, and a trust with the CA. */
struct ca_world {
	EVP_PKEY *cakey, *skey, *tkey;
	X509 *ca, *sign, *tls;
	struct ifgw_trust *t;
};

static void world_new(struct ca_world *w)
{
	fix_clock();
	w->cakey = fix_key(IFGW_PKI_EC);
	w->skey = fix_key(IFGW_PKI_EC);
	w->tkey = fix_key(IFGW_PKI_EC);
	w->ca = fix_cert(w->cakey, IFGW_PKI_PROFILE_CA, "Root", -FIX_DAY, 100 * FIX_DAY, NULL, NULL);
	w->sign = fix_cert(w->skey, IFGW_PKI_PROFILE_SIGNING, "IT signing", -FIX_DAY, 200 * FIX_DAY, w->ca, w->cakey);
	w->tls = fix_cert(w->tkey, IFGW_PKI_PROFILE_TLS, "IT tls", -FIX_DAY, 50 * FIX_DAY, w->ca, w->cakey);
	ck_assert_ok(ifgw_trust_new(&w->t, "IT"));
	ck_assert_ok(ifgw_trust_add_cert(w->t, w->sign));
	ck_assert_ok(ifgw_trust_add_ca(w->t, w->ca));
	ck_assert_ok(ifgw_trust_add_name(w->t, IFGW_TRUST_NAME_CN, "IT tls"));
}

static void world_free(struct ca_world *w)
{
	ifgw_trust_free(w->t);
	X509_free(w->ca);
	X509_free(w->sign);
	X509_free(w->tls);
	EVP_PKEY_free(w->cakey);
	EVP_PKEY_free(w->skey);
	EVP_PKEY_free(w->tkey);
}

START_TEST(trust_ca_chain_for_tls_only)
{
	struct ca_world w;
	struct ifgw_trust *bare = NULL;
	EVP_PKEY *okey = fix_key(IFGW_PKI_EC);
	X509 *ocert;

	world_new(&w);
	/* TLS: issued by the partner's CA is enough. */
	ck_assert_ok(ifgw_trust_check(w.t, w.tls, IFGW_TRUST_TLS_CLIENT));
	ck_assert_ok(ifgw_trust_check(w.t, w.tls, IFGW_TRUST_TLS_SERVER | IFGW_TRUST_TLS_CLIENT));
	/* Signing: only the configured certificates, never "any the CA issued". */
	ck_assert_ok(ifgw_trust_check(w.t, w.sign, IFGW_TRUST_SIGNING));
	ck_assert_fails(ifgw_trust_check(w.t, w.tls, IFGW_TRUST_SIGNING), IFGW_ETRUST, "unknown signer");
	/* Usages. */
	ck_assert_fails(ifgw_trust_check(w.t, w.sign, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST,
			"CN=IT signing,O=Test Org is not a TLS client certificate (extendedKeyUsage lacks clientAuth)");
	ck_assert_fails(ifgw_trust_check(w.t, w.sign, IFGW_TRUST_TLS_SERVER), IFGW_ETRUST, "lacks serverAuth");
	/* A certificate from another CA is unknown. */
	ocert = fix_cert(okey, IFGW_PKI_PROFILE_TLS, "stranger", -FIX_DAY, 50 * FIX_DAY, NULL, NULL);
	ck_assert_fails(ifgw_trust_check(w.t, ocert, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST,
			"CN=stranger,O=Test Org is unknown: not one of the partner's 1 certificates, and not issued by its CA");
	/* Without a CA, a TLS certificate must be configured. */
	ck_assert_ok(ifgw_trust_new(&bare, "IT"));
	ck_assert_ok(ifgw_trust_add_cert(bare, w.sign));
	ck_assert_fails(ifgw_trust_check(bare, w.tls, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST, "no CA configured");
	ck_assert_ok(ifgw_trust_add_cert(bare, w.tls));
	ck_assert_ok(ifgw_trust_check(bare, w.tls, IFGW_TRUST_TLS_CLIENT));
	/* A leaf is not a CA. */
	ck_assert_fails(ifgw_trust_add_ca(bare, w.tls), IFGW_ETRUST, "is not a CA certificate");

	/* 45 days on, every certificate of the chain is still in its window. */
	ifgw_clock_advance(45 * FIX_DAY);
	ck_assert_ok(ifgw_trust_check(w.t, w.tls, IFGW_TRUST_TLS_CLIENT));
	ifgw_trust_free(bare);
	X509_free(ocert);
	EVP_PKEY_free(okey);
	world_free(&w);
}
END_TEST

START_TEST(trust_expired_ca_is_named)
{
	struct ifgw_trust *t = NULL;
	EVP_PKEY *cakey = fix_key(IFGW_PKI_EC), *key = fix_key(IFGW_PKI_EC);
	X509 *ca, *tls;

	fix_clock();
	ca = fix_cert(cakey, IFGW_PKI_PROFILE_CA, "Short Root", -FIX_DAY, 5 * FIX_DAY, NULL, NULL);
	tls = fix_cert(key, IFGW_PKI_PROFILE_TLS, "long leaf", -FIX_DAY, 50 * FIX_DAY, ca, cakey);
	ck_assert_ok(ifgw_trust_new(&t, "FR"));
	ck_assert_ok(ifgw_trust_add_ca(t, ca));
	ck_assert_ok(ifgw_trust_add_name(t, IFGW_TRUST_NAME_CN, "long leaf"));
	ck_assert_ok(ifgw_trust_check(t, tls, IFGW_TRUST_TLS_SERVER));
	ifgw_clock_advance(6 * FIX_DAY);
	ck_assert_fails(ifgw_trust_check(t, tls, IFGW_TRUST_TLS_SERVER), IFGW_ETRUST,
			"partner FR: CA certificate CN=Short Root,O=Test Org expired on 2026-03-06T12:00:00Z");
	ifgw_trust_free(t);
	X509_free(ca);
	X509_free(tls);
	EVP_PKEY_free(cakey);
	EVP_PKEY_free(key);
}
END_TEST

START_TEST(trust_revocation)
{
	struct ca_world w;
	X509_CRL *empty = NULL, *crl = NULL, *forged = NULL, *stale = NULL;
	struct ifgw_trust *t2 = NULL, *t3 = NULL, *t4 = NULL;
	EVP_PKEY *mallory = fix_key(IFGW_PKI_EC);
	X509 *revoke[2];
	enum ifgw_trust_verdict v;
	int64_t t0 = fix_t0();

	world_new(&w);
	/* An empty CRL changes nothing. */
	ck_assert_ok(ifgw_pki_crl_new(&empty, w.ca, w.cakey, NULL, NULL, 0, t0 - 3600, t0 + 7 * FIX_DAY));
	ck_assert_ok(ifgw_trust_add_crl(w.t, empty));
	ck_assert_ok(ifgw_trust_check(w.t, w.sign, IFGW_TRUST_SIGNING));
	ck_assert_ok(ifgw_trust_check(w.t, w.tls, IFGW_TRUST_TLS_CLIENT));

	/* A CRL revoking the signer, kept on top of the empty one. */
	revoke[0] = w.sign;
	ck_assert_ok(ifgw_pki_crl_new(&crl, w.ca, w.cakey, empty, revoke, 1, t0 - 60, t0 + 7 * FIX_DAY));
	ck_assert_ok(ifgw_trust_new(&t2, "IT"));
	ck_assert_ok(ifgw_trust_add_cert(t2, w.sign));
	ck_assert_ok(ifgw_trust_add_ca(t2, w.ca));
	ck_assert_ok(ifgw_trust_add_name(t2, IFGW_TRUST_NAME_CN, "IT tls"));
	ck_assert_ok(ifgw_trust_add_crl(t2, crl));
	ck_assert_fails(ifgw_trust_check(t2, w.sign, IFGW_TRUST_SIGNING), IFGW_ETRUST,
			"partner IT: certificate CN=IT signing,O=Test Org revoked on 2026-03-01T11:59:00Z by the CRL of CN=Root,O=Test Org");
	ck_assert_int_eq(ifgw_trust_verify(&v, t2, w.sign, NULL, IFGW_TRUST_SIGNING), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_REVOKED);
	ifgw_error_clear();
	ck_assert_ok(ifgw_trust_check(t2, w.tls, IFGW_TRUST_TLS_CLIENT));

	/* A CRL that is out of date is refused rather than trusted. */
	ifgw_clock_advance(8 * FIX_DAY);
	ck_assert_fails(ifgw_trust_check(t2, w.tls, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST,
			"the CRL of CN=Root,O=Test Org is out of date since 2026-03-08T12:00:00Z");
	fix_clock();

	/* A CRL with the CA's name signed by someone else: refused, and the
	 * certificate it names stays judged without it. */
	revoke[1] = w.tls;
	ck_assert_ok(ifgw_pki_crl_new(&forged, w.ca, mallory, NULL, revoke + 1, 1, t0 - 60, t0 + FIX_DAY));
	ck_assert_ok(ifgw_trust_new(&t3, "IT"));
	ck_assert_ok(ifgw_trust_add_ca(t3, w.ca));
	ck_assert_ok(ifgw_trust_add_name(t3, IFGW_TRUST_NAME_CN, "IT tls"));
	ck_assert_fails(ifgw_trust_add_crl(t3, forged), IFGW_ETRUST,
			"partner IT: the CRL of CN=Root,O=Test Org has a bad signature");
	ck_assert_ok(ifgw_trust_check(t3, w.tls, IFGW_TRUST_TLS_CLIENT));

	/* A CRL issued in the future of the clock. */
	ck_assert_ok(ifgw_pki_crl_new(&stale, w.ca, w.cakey, NULL, NULL, 0, t0 + FIX_DAY, t0 + 9 * FIX_DAY));
	ck_assert_ok(ifgw_trust_new(&t4, "IT"));
	ck_assert_ok(ifgw_trust_add_ca(t4, w.ca));
	ck_assert_ok(ifgw_trust_add_name(t4, IFGW_TRUST_NAME_CN, "IT tls"));
	ck_assert_ok(ifgw_trust_add_crl(t4, stale));
	ck_assert_fails(ifgw_trust_check(t4, w.tls, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST, "is not yet valid (issued");

	ifgw_trust_free(t2);
	ifgw_trust_free(t3);
	ifgw_trust_free(t4);
	X509_CRL_free(empty);
	X509_CRL_free(crl);
	X509_CRL_free(forged);
	X509_CRL_free(stale);
	EVP_PKEY_free(mallory);
	world_free(&w);
}
END_TEST

/* ca with its keyUsage replaced by keyCertSign alone (no cRLSign),
 * re-signed, as a fresh object whose extension cache sees the change. */
static X509 *without_crl_sign(X509 *ca, EVP_PKEY *cakey)
{
	X509_EXTENSION *ku = X509V3_EXT_conf_nid(NULL, NULL, NID_key_usage, "critical,keyCertSign");
	unsigned char *der = NULL;
	const unsigned char *p;
	X509 *copy = X509_dup(ca), *out;
	int len;

	ck_assert_ptr_nonnull(ku);
	ck_assert_ptr_nonnull(copy);
	X509_EXTENSION_free(X509_delete_ext(copy, X509_get_ext_by_NID(copy, NID_key_usage, -1)));
	ck_assert_int_eq(X509_add_ext(copy, ku, -1), 1);
	ck_assert_int_gt(X509_sign(copy, cakey, EVP_sha256()), 0);
	ck_assert_int_gt(len = i2d_X509(copy, &der), 0);
	p = der;
	out = d2i_X509(NULL, &p, len);
	ck_assert_ptr_nonnull(out);
	OPENSSL_free(der);
	X509_EXTENSION_free(ku);
	X509_free(copy);
	return out;
}

/* A CRL counts only when a configured CA verifies it: without a CA, from an
 * issuer that is not a configured CA, or from a CA that may not sign CRLs,
 * it is refused when added, with the reason (issue 9). */
START_TEST(trust_crl_needs_a_configured_ca)
{
	struct ca_world w;
	struct ifgw_trust *t = NULL;
	EVP_PKEY *okey = fix_key(IFGW_PKI_EC);
	X509_CRL *crl = NULL, *other_crl = NULL, *by_leaf = NULL;
	X509 *other, *revoke[1];
	char *dir = fix_tmpdir();
	int64_t t0 = fix_t0();

	world_new(&w);
	revoke[0] = w.sign;
	ck_assert_ok(ifgw_pki_crl_new(&crl, w.ca, w.cakey, NULL, revoke, 1, t0 - 60, t0 + 7 * FIX_DAY));
	/* the partner's signing certificate is configured, its CA is not */
	ck_assert_ok(ifgw_trust_new(&t, "IT"));
	ck_assert_ok(ifgw_trust_add_cert(t, w.sign));
	ck_assert_fails(ifgw_trust_add_crl(t, crl), IFGW_ETRUST,
			"partner IT: the CRL of CN=Root,O=Test Org cannot be verified: no CA configured");
	ck_assert_ok(ifgw_trust_check(t, w.sign, IFGW_TRUST_SIGNING)); /* not a half-trusted CRL either */
	/* from a file: the reason names the file */
	ck_assert_ok(ifgw_pki_write_crl(fix_path(0, dir, "root.crl"), crl));
	ck_assert_fails(ifgw_trust_add_crl_file(t, fix_path(0, dir, "root.crl")), IFGW_ETRUST,
			"root.crl: CRL 1: partner IT: the CRL of CN=Root,O=Test Org cannot be verified: no CA configured");
	/* another CA is configured, not the CRL's issuer */
	other = fix_cert(okey, IFGW_PKI_PROFILE_CA, "Other Root", -FIX_DAY, 100 * FIX_DAY, NULL, NULL);
	ck_assert_ok(ifgw_trust_add_ca(t, other));
	ck_assert_fails(ifgw_trust_add_crl(t, crl), IFGW_ETRUST,
			"the CRL of CN=Root,O=Test Org cannot be verified: its issuer is not a configured CA");
	/* a CRL signed by a configured CA's key but bearing another name */
	ck_assert_ok(ifgw_pki_crl_new(&other_crl, other, w.cakey, NULL, NULL, 0, t0 - 60, t0 + FIX_DAY));
	ck_assert_fails(ifgw_trust_add_crl(t, other_crl), IFGW_ETRUST,
			"the CRL of CN=Other Root,O=Test Org has a bad signature");
	/* a CRL "issued" by the partner's own signing certificate: a leaf is no CA */
	ck_assert_ok(ifgw_pki_crl_new(&by_leaf, w.sign, w.skey, NULL, NULL, 0, t0 - 60, t0 + FIX_DAY));
	ck_assert_fails(ifgw_trust_add_crl(t, by_leaf), IFGW_ETRUST,
			"the CRL of CN=IT signing,O=Test Org cannot be verified: its issuer is not a configured CA");
	/* the CRL's CA is configured, but its keyUsage does not allow CRLs */
	{
		struct ifgw_trust *t2 = NULL;
		X509 *no_crl_sign = without_crl_sign(w.ca, w.cakey);

		ck_assert_uint_eq(X509_get_key_usage(no_crl_sign) & KU_CRL_SIGN, 0);
		ck_assert_ok(ifgw_trust_new(&t2, "IT"));
		ck_assert_ok(ifgw_trust_add_ca(t2, no_crl_sign));
		ck_assert_fails(ifgw_trust_add_crl(t2, crl), IFGW_ETRUST,
				"the CRL of CN=Root,O=Test Org cannot be verified: the CA may not sign CRLs "
				"(keyUsage lacks cRLSign)");
		ifgw_trust_free(t2);
		X509_free(no_crl_sign);
	}
	/* once the CRL's CA is configured, the CRL counts */
	ck_assert_ok(ifgw_trust_add_ca(t, w.ca));
	ck_assert_ok(ifgw_trust_add_crl_file(t, fix_path(0, dir, "root.crl")));
	ck_assert_fails(ifgw_trust_check(t, w.sign, IFGW_TRUST_SIGNING), IFGW_ETRUST, "revoked on");

	ifgw_trust_free(t);
	X509_CRL_free(crl);
	X509_CRL_free(other_crl);
	X509_CRL_free(by_leaf);
	X509_free(other);
	EVP_PKEY_free(okey);
	world_free(&w);
	fix_rmdir(dir);
}
END_TEST

/* A CRL without nextUpdate is current for the trust's maximum age after its
 * thisUpdate (7 days unless set), then out of date like an expired one, on
 * the injected clock (issue 9). */
START_TEST(trust_crl_without_next_update_ages)
{
	struct ca_world w;
	struct ifgw_trust *t2 = NULL;
	X509_CRL *crl = NULL;
	enum ifgw_trust_verdict v;
	int64_t t0 = fix_t0();

	world_new(&w);
	ck_assert_ok(ifgw_pki_crl_new(&crl, w.ca, w.cakey, NULL, NULL, 0, t0, IFGW_PKI_CRL_NO_NEXT_UPDATE));
	ck_assert_ptr_null(X509_CRL_get0_nextUpdate(crl));
	ck_assert_ok(ifgw_trust_add_crl(w.t, crl));
	ck_assert_ok(ifgw_trust_check(w.t, w.sign, IFGW_TRUST_SIGNING));
	ifgw_clock_advance(7 * FIX_DAY); /* exactly the maximum age: still current */
	ck_assert_ok(ifgw_trust_check(w.t, w.sign, IFGW_TRUST_SIGNING));
	ifgw_clock_advance(1);
	ck_assert_fails(ifgw_trust_check(w.t, w.sign, IFGW_TRUST_SIGNING), IFGW_ETRUST,
			"partner IT: certificate CN=IT signing,O=Test Org cannot be checked: the CRL of CN=Root,O=Test Org "
			"has no nextUpdate and is older than the maximum age of 7 days (issued 2026-03-01T12:00:00Z); "
			"fetch a new one");
	ck_assert_int_eq(ifgw_trust_verify(&v, w.t, w.sign, NULL, IFGW_TRUST_SIGNING), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_CRL_INVALID);
	ifgw_error_clear();
	/* a longer configured age keeps it current; a shorter one ages it sooner */
	ck_assert_ok(ifgw_trust_set_crl_max_age(w.t, 10 * FIX_DAY));
	ck_assert_ok(ifgw_trust_check(w.t, w.sign, IFGW_TRUST_SIGNING));
	ck_assert_ok(ifgw_trust_new(&t2, "IT"));
	ck_assert_ok(ifgw_trust_set_crl_max_age(t2, FIX_DAY));
	ck_assert_ok(ifgw_trust_add_cert(t2, w.sign));
	ck_assert_ok(ifgw_trust_add_ca(t2, w.ca));
	ck_assert_ok(ifgw_trust_add_crl(t2, crl));
	ck_assert_fails(ifgw_trust_check(t2, w.sign, IFGW_TRUST_SIGNING), IFGW_ETRUST,
			"older than the maximum age of 1 day");
	fix_clock();
	ck_assert_ok(ifgw_trust_check(t2, w.sign, IFGW_TRUST_SIGNING));
	ck_assert_fails(ifgw_trust_set_crl_max_age(t2, 0), IFGW_EINVAL, "CRL maximum age must be positive");

	ifgw_trust_free(t2);
	X509_CRL_free(crl);
	world_free(&w);
}
END_TEST

START_TEST(trust_files_and_directories)
{
	struct ifgw_trust *t = NULL;
	char *dir = fix_tmpdir();
	EVP_PKEY *k1 = fix_key(IFGW_PKI_EC), *k2 = fix_key(IFGW_PKI_EC);
	X509 *c1, *c2;
	FILE *f;

	fix_clock();
	c1 = signer(k1, "one");
	c2 = signer(k2, "two");
	ck_assert_int_eq(mkdir(fix_path(0, dir, "DE"), 0700), 0);
	ck_assert_ok(ifgw_pki_write_cert(fix_path(1, dir, "DE/b.crt"), c2));
	ck_assert_ok(ifgw_pki_write_cert(fix_path(1, dir, "DE/a.pem"), c1));
	ck_assert_ok(ifgw_pki_write_key(fix_path(1, dir, "DE/a.key"), k1)); /* skipped: not *.pem / *.crt */
	f = fopen(fix_path(1, dir, "DE/notes.txt"), "w");
	ck_assert_ptr_nonnull(f);
	fputs("not a certificate\n", f);
	fclose(f);

	ck_assert_ok(ifgw_trust_load_path(&t, fix_path(0, dir, "DE/")));
	ck_assert_str_eq(ifgw_trust_name(t), "DE");
	ck_assert_uint_eq(ifgw_trust_cert_count(t), 2);
	ck_assert_int_eq(X509_cmp(ifgw_trust_cert_at(t, 0), c1), 0); /* name order: a.pem, b.crt */
	ck_assert_ok(ifgw_trust_check(t, c2, IFGW_TRUST_SIGNING));
	ifgw_trust_free(t);

	ck_assert_ok(ifgw_trust_load_path(&t, fix_path(1, dir, "DE/b.crt")));
	ck_assert_str_eq(ifgw_trust_name(t), "b.crt");
	ck_assert_uint_eq(ifgw_trust_cert_count(t), 1);
	ifgw_trust_free(t);
	t = NULL;

	ck_assert_int_eq(mkdir(fix_path(0, dir, "empty"), 0700), 0);
	ck_assert_fails(ifgw_trust_load_path(&t, fix_path(0, dir, "empty")), IFGW_ENOTFOUND,
			"no *.pem or *.crt certificate file");
	ck_assert_fails(ifgw_trust_load_path(&t, fix_path(0, dir, "nowhere")), IFGW_EIO, "nowhere");
	ck_assert_fails(ifgw_trust_load_path(&t, fix_path(0, dir, "DE/notes.txt")), IFGW_EPARSE,
			"no PEM certificate");
	ck_assert_fails(ifgw_trust_load_path(&t, fix_path(0, dir, "DE/a.key")), IFGW_EPARSE, "no PEM certificate");
	ck_assert_ptr_null(t);
	/* A CRL file that is a certificate is refused. */
	ck_assert_ok(ifgw_trust_new(&t, "DE"));
	ck_assert_fails(ifgw_trust_add_crl_file(t, fix_path(1, dir, "DE/a.pem")), IFGW_EPARSE, "no PEM CRL");
	ck_assert_fails(ifgw_trust_add_ca_file(t, fix_path(1, dir, "DE/a.pem")), IFGW_ETRUST,
			"not usable as a CA of partner DE");
	ifgw_trust_free(t);
	X509_free(c1);
	X509_free(c2);
	EVP_PKEY_free(k1);
	EVP_PKEY_free(k2);
	fix_rmdir(dir);
}
END_TEST

START_TEST(trust_refuses_weak_rsa)
{
	struct ifgw_trust *t = NULL;
	EVP_PKEY *weak = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
	enum ifgw_trust_verdict v;
	X509 *cert;

	fix_clock();
	ck_assert_ptr_nonnull(weak);
	cert = signer(weak, "weak");
	ck_assert_ok(ifgw_trust_new(&t, "GB"));
	ck_assert_ok(ifgw_trust_add_cert(t, cert));
	ck_assert_fails(ifgw_trust_check(t, cert, IFGW_TRUST_SIGNING), IFGW_ETRUST,
			"has an RSA key of 1024 bits: at least 2048 required");
	ck_assert_int_eq(ifgw_trust_verify(&v, t, cert, NULL, IFGW_TRUST_SIGNING), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_BAD_KEY);
	ifgw_error_clear();
	ifgw_trust_free(t);
	X509_free(cert);
	EVP_PKEY_free(weak);
}
END_TEST

/* A TLS leaf under ca naming uri in its subjectAltName (besides localhost). */
static X509 *tls_leaf(EVP_PKEY *key, const char *cn, const char *uri, X509 *ca, EVP_PKEY *cakey)
{
	struct ifgw_pki_subject subj = {cn, "Test Org", NULL, uri};
	X509 *x = NULL;
	int64_t t0 = fix_t0();

	ck_assert_ok(ifgw_pki_cert_new(&x, key, IFGW_PKI_PROFILE_TLS, &subj, t0 - FIX_DAY, t0 + 30 * FIX_DAY, ca, cakey));
	return x;
}

/* One trust: the CA and one peer name. */
static struct ifgw_trust *bound_to(X509 *ca, enum ifgw_trust_name_kind kind, const char *value)
{
	struct ifgw_trust *t = NULL;

	ck_assert_ok(ifgw_trust_new(&t, "DE"));
	ck_assert_ok(ifgw_trust_add_ca(t, ca));
	ck_assert_ok(ifgw_trust_add_name(t, kind, value));
	return t;
}

static void expect_bound(X509 *ca, X509 *leaf, enum ifgw_trust_name_kind kind, const char *value, int bound)
{
	struct ifgw_trust *t = bound_to(ca, kind, value);
	enum ifgw_trust_verdict v;

	if (bound) {
		ck_assert_msg(ifgw_trust_verify(&v, t, leaf, NULL, IFGW_TRUST_TLS_CLIENT) == IFGW_OK, "%s %s: %s",
			      ifgw_trust_name_kind_word(kind), value, ifgw_error_last());
	} else {
		ck_assert_int_eq(ifgw_trust_verify(&v, t, leaf, NULL, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST);
		ck_assert_int_eq(v, IFGW_TRUST_NOT_BOUND);
		ck_assert_msg(strstr(ifgw_error_last(), "does not name the partner (expected") != NULL, "%s",
			      ifgw_error_last());
		ifgw_error_clear();
	}
	ifgw_trust_free(t);
}

/* Issue 9: two partners under one CA; each certificate names its own. */
START_TEST(trust_peer_names_bind_ca_certificates)
{
	EVP_PKEY *cakey = fix_key(IFGW_PKI_EC), *dkey = fix_key(IFGW_PKI_EC), *ukey = fix_key(IFGW_PKI_EC);
	enum ifgw_trust_name_kind kind;
	struct ifgw_trust *t = NULL;
	enum ifgw_trust_verdict v;
	char pin[IFGW_CERT_PIN_LEN];
	X509 *ca, *de, *us;

	fix_clock();
	ca = fix_cert(cakey, IFGW_PKI_PROFILE_CA, "Shared Root", -FIX_DAY, 100 * FIX_DAY, NULL, NULL);
	de = tls_leaf(dkey, "DE tls", "urn:ifgw:peer:DE", ca, cakey);
	us = tls_leaf(ukey, "US tls", "urn:ifgw:peer:US", ca, cakey);

	/* Neither name nor pin: nothing the CA issued is the partner's. */
	ck_assert_ok(ifgw_trust_new(&t, "DE"));
	ck_assert_ok(ifgw_trust_add_ca(t, ca));
	ck_assert_int_eq(ifgw_trust_verify(&v, t, de, NULL, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_NOT_BOUND);
	ck_assert_str_eq(ifgw_trust_verdict_name(v), "not bound");
	ifgw_error_clear();
	/* A pin binds. */
	ck_assert_ok(ifgw_cert_pin(pin, de));
	ck_assert_ok(ifgw_trust_add_pin(t, pin));
	ck_assert_ok(ifgw_trust_check(t, de, IFGW_TRUST_TLS_CLIENT));
	ck_assert_fails(ifgw_trust_check(t, us, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST, "does not match any");
	ifgw_trust_free(t);

	/* Each kind, exactly; DNS names without regard to case. */
	expect_bound(ca, de, IFGW_TRUST_NAME_URI, "urn:ifgw:peer:DE", 1);
	expect_bound(ca, us, IFGW_TRUST_NAME_URI, "urn:ifgw:peer:DE", 0);
	expect_bound(ca, de, IFGW_TRUST_NAME_URI, "urn:ifgw:peer:D", 0);
	expect_bound(ca, de, IFGW_TRUST_NAME_CN, "DE tls", 1);
	expect_bound(ca, us, IFGW_TRUST_NAME_CN, "DE tls", 0);
	expect_bound(ca, de, IFGW_TRUST_NAME_CN, "DE", 0);
	expect_bound(ca, de, IFGW_TRUST_NAME_O, "Test Org", 1);
	expect_bound(ca, de, IFGW_TRUST_NAME_O, "test org", 0);
	expect_bound(ca, de, IFGW_TRUST_NAME_DNS, "LocalHost", 1);
	expect_bound(ca, de, IFGW_TRUST_NAME_DNS, "*.localhost", 0);
	expect_bound(ca, de, IFGW_TRUST_NAME_SERIAL, "DE00123", 0);
	/* The CN is a subject name, not a DNS name. */
	expect_bound(ca, de, IFGW_TRUST_NAME_DNS, "DE tls", 0);

	/* Any one of several names; the refusal lists them. */
	t = bound_to(ca, IFGW_TRUST_NAME_SERIAL, "DE00123");
	ck_assert_ok(ifgw_trust_add_name(t, IFGW_TRUST_NAME_URI, "urn:ifgw:peer:DE"));
	ck_assert_ok(ifgw_trust_check(t, de, IFGW_TRUST_TLS_SERVER));
	ck_assert_fails(ifgw_trust_check(t, us, IFGW_TRUST_TLS_SERVER), IFGW_ETRUST,
			"partner DE: certificate CN=US tls,O=Test Org is issued by the partner's CA but does not name the "
			"partner (expected serialNumber DE00123, uri urn:ifgw:peer:DE)");
	ck_assert_uint_eq(ifgw_trust_name_count(t), 2);
	ifgw_trust_free(t);

	ck_assert_ok(ifgw_trust_name_kind_parse(&kind, "serialNumber"));
	ck_assert_int_eq(kind, IFGW_TRUST_NAME_SERIAL);
	ck_assert_fails(ifgw_trust_name_kind_parse(&kind, "email"), IFGW_EINVAL, "expected cn, o, serialNumber, dns or uri");
	ck_assert_ok(ifgw_trust_new(&t, "DE"));
	ck_assert_fails(ifgw_trust_add_name(t, IFGW_TRUST_NAME_CN, ""), IFGW_EINVAL, "empty");
	ifgw_trust_free(t);

	X509_free(ca);
	X509_free(de);
	X509_free(us);
	EVP_PKEY_free(cakey);
	EVP_PKEY_free(dkey);
	EVP_PKEY_free(ukey);
}
END_TEST

/* Issue 9: security level 2 for leaves and chains, end-entity leaves, usages. */
START_TEST(trust_strength_and_usage)
{
	EVP_PKEY *cakey = fix_key(IFGW_PKI_EC), *key = fix_key(IFGW_PKI_EC), *skey = fix_key(IFGW_PKI_EC);
	EVP_PKEY *rsa1024 = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
	struct ifgw_trust *t = NULL;
	enum ifgw_trust_verdict v;
	X509 *ca, *weakca, *leaf, *sha1, *under_weak, *sign, *sign_sha1, *ca_as_leaf;

	fix_clock();
	ck_assert_ptr_nonnull(rsa1024);
	ca = fix_cert(cakey, IFGW_PKI_PROFILE_CA, "Root", -FIX_DAY, 100 * FIX_DAY, NULL, NULL);
	weakca = fix_cert(rsa1024, IFGW_PKI_PROFILE_CA, "Weak Root", -FIX_DAY, 100 * FIX_DAY, NULL, NULL);
	leaf = tls_leaf(key, "DE tls", "urn:ifgw:peer:DE", ca, cakey);
	under_weak = tls_leaf(key, "DE tls", "urn:ifgw:peer:DE", weakca, rsa1024);
	/* The same leaf re-signed by the CA with SHA-1. */
	sha1 = X509_dup(leaf);
	ck_assert_ptr_nonnull(sha1);
	ck_assert_int_gt(X509_sign(sha1, cakey, EVP_sha1()), 0);

	t = bound_to(ca, IFGW_TRUST_NAME_URI, "urn:ifgw:peer:DE");
	ck_assert_ok(ifgw_trust_add_ca(t, weakca));
	ck_assert_ok(ifgw_trust_check(t, leaf, IFGW_TRUST_TLS_CLIENT));
	ck_assert_int_eq(ifgw_trust_verify(&v, t, sha1, NULL, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_BAD_KEY);
	ck_assert_fails(ifgw_trust_check(t, sha1, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST,
			"partner DE: certificate CN=DE tls,O=Test Org is signed with ecdsa-with-SHA1 (63-bit security): "
			"at least 112-bit required (security level 2)");
	ck_assert_int_eq(ifgw_trust_verify(&v, t, under_weak, NULL, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_BAD_KEY);
	ck_assert_fails(ifgw_trust_check(t, under_weak, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST,
			"partner DE: CA certificate CN=Weak Root,O=Test Org has an RSA key of 1024 bits: at least 2048 "
			"required (security level 2)");
	/* The TLS leaf has no clientAuth problem, but it is no signer; a CA is no leaf. */
	ck_assert_ok(ifgw_trust_add_cert(t, leaf));
	ck_assert_fails(ifgw_trust_check(t, leaf, IFGW_TRUST_SIGNING), IFGW_ETRUST,
			"may not sign (extendedKeyUsage lacks documentSigning, emailProtection and anyExtendedKeyUsage)");
	ca_as_leaf = X509_dup(ca);
	ck_assert_ok(ifgw_trust_add_cert(t, ca_as_leaf));
	ck_assert_int_eq(ifgw_trust_verify(&v, t, ca_as_leaf, NULL, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_WRONG_USAGE);
	ck_assert_fails(ifgw_trust_check(t, ca_as_leaf, IFGW_TRUST_SIGNING), IFGW_ETRUST,
			"CN=Root,O=Test Org is a CA certificate (basicConstraints CA:TRUE), not an end-entity one");
	/* With no usage asked (certs check of a CA file), a CA is fine. */
	ck_assert_ok(ifgw_trust_check(t, ca_as_leaf, 0));
	/* A configured signing certificate signed with SHA-1 is refused too. */
	sign = fix_cert(skey, IFGW_PKI_PROFILE_SIGNING, "DE signing", -FIX_DAY, 30 * FIX_DAY, ca, cakey);
	ck_assert_ok(ifgw_trust_add_cert(t, sign));
	ck_assert_ok(ifgw_trust_check(t, sign, IFGW_TRUST_SIGNING));
	ifgw_trust_free(t);
	sign_sha1 = X509_dup(sign);
	ck_assert_ptr_nonnull(sign_sha1);
	ck_assert_int_gt(X509_sign(sign_sha1, cakey, EVP_sha1()), 0);
	ck_assert_ok(ifgw_trust_new(&t, "DE"));
	ck_assert_ok(ifgw_trust_add_cert(t, sign_sha1));
	ck_assert_fails(ifgw_trust_check(t, sign_sha1, IFGW_TRUST_SIGNING), IFGW_ETRUST, "is signed with ecdsa-with-SHA1");
	ifgw_trust_free(t);
	X509_free(sign_sha1);

	X509_free(ca);
	X509_free(weakca);
	X509_free(leaf);
	X509_free(sha1);
	X509_free(under_weak);
	X509_free(sign);
	X509_free(ca_as_leaf);
	EVP_PKEY_free(cakey);
	EVP_PKEY_free(key);
	EVP_PKEY_free(skey);
	EVP_PKEY_free(rsa1024);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("trust");
	TCase *tc = tcase_create("identity");

	tcase_add_test(tc, identity_ec_p256);
	tcase_add_test(tc, identity_rsa_2048_and_3072);
	tcase_add_test(tc, identity_refuses_readable_key);
	tcase_add_test(tc, identity_refuses_mismatch_and_weak_keys);
	suite_add_tcase(s, tc);
	tc = tcase_create("trust");
	tcase_add_test(tc, trust_validity_window_follows_the_clock);
	tcase_add_test(tc, trust_rotation_accepts_both_certificates);
	tcase_add_test(tc, trust_pins);
	tcase_add_test(tc, trust_ca_chain_for_tls_only);
	tcase_add_test(tc, trust_expired_ca_is_named);
	tcase_add_test(tc, trust_revocation);
	tcase_add_test(tc, trust_crl_needs_a_configured_ca);
	tcase_add_test(tc, trust_crl_without_next_update_ages);
	tcase_add_test(tc, trust_files_and_directories);
	tcase_add_test(tc, trust_refuses_weak_rsa);
	tcase_add_test(tc, trust_peer_names_bind_ca_certificates);
	tcase_add_test(tc, trust_strength_and_usage);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
