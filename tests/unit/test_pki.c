/* test_pki.c: `certs init` layout, permissions, certificate profiles,
 * refusal to overwrite, and revocation through the CA's CRL. */
#include "config.h"

#include <sys/stat.h>

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

static unsigned mode_of(const char *path)
{
	struct stat st;

	ck_assert_msg(stat(path, &st) == 0, "%s missing", path);
	return (unsigned)(st.st_mode & 07777);
}

static X509 *read_cert(const char *path)
{
	STACK_OF(X509) *sk = NULL;
	X509 *x;

	ck_assert_ok(ifgw_cert_read_pem(&sk, path));
	ck_assert_int_eq(sk_X509_num(sk), 1);
	x = sk_X509_shift(sk);
	sk_X509_free(sk);
	return x;
}

static void init_dir(const char *dir, enum ifgw_pki_key_type type, const char *const *partners, size_t n,
		     unsigned days)
{
	struct ifgw_pki_init_opts o;

	memset(&o, 0, sizeof(o));
	o.dir = dir;
	o.org = "Affacturage Demo";
	o.partners = partners;
	o.partner_count = n;
	o.key_type = type;
	o.days = days;
	ck_assert_ok(ifgw_pki_init(&o));
}

START_TEST(init_layout_and_permissions)
{
	static const char *const partners[] = {"DE", "US", "JP"};
	static const char *const ids[] = {"gateway", "DE", "US", "JP"};
	char *top = fix_tmpdir();
	char dir[4200], rel[64];
	size_t i;

	fix_clock();
	snprintf(dir, sizeof(dir), "%s/pki", top); /* created by init */
	init_dir(dir, IFGW_PKI_EC, partners, 3, 0);
	ck_assert_uint_eq(mode_of(dir), 0755);
	ck_assert_uint_eq(mode_of(fix_path(0, dir, "ca")), 0700);
	ck_assert_uint_eq(mode_of(fix_path(0, dir, "ca/ca.key")), 0600);
	ck_assert_uint_eq(mode_of(fix_path(0, dir, "ca/ca.crt")), 0644);
	ck_assert_uint_eq(mode_of(fix_path(0, dir, "ca/ca.crl")), 0644);
	for (i = 0; i < 4; i++) {
		snprintf(rel, sizeof(rel), "%s", ids[i]);
		ck_assert_uint_eq(mode_of(fix_path(0, dir, rel)), 0700);
		snprintf(rel, sizeof(rel), "%s/tls.key", ids[i]);
		ck_assert_uint_eq(mode_of(fix_path(0, dir, rel)), 0600);
		snprintf(rel, sizeof(rel), "%s/sign.key", ids[i]);
		ck_assert_uint_eq(mode_of(fix_path(0, dir, rel)), 0600);
		snprintf(rel, sizeof(rel), "%s/tls.crt", ids[i]);
		ck_assert_uint_eq(mode_of(fix_path(0, dir, rel)), 0644);
		snprintf(rel, sizeof(rel), "%s/sign.crt", ids[i]);
		ck_assert_uint_eq(mode_of(fix_path(0, dir, rel)), 0644);
	}
	fix_rmdir(top);
}
END_TEST

START_TEST(init_certificate_profiles)
{
	static const char *const partners[] = {"DE", "factor-7"};
	struct ifgw_identity *tls = NULL, *sign = NULL;
	struct ifgw_trust *t = NULL;
	char *dir = fix_tmpdir();
	char name[IFGW_CERT_NAME_MAX];
	int64_t nb, na, t0 = fix_t0();
	X509 *ca, *other;
	X509_CRL *crl;
	STACK_OF(X509_CRL) *crls = NULL;

	fix_clock();
	init_dir(dir, IFGW_PKI_EC, partners, 2, 90);
	ck_assert_ok(ifgw_identity_load(&tls, fix_path(0, dir, "DE/tls.key"), fix_path(1, dir, "DE/tls.crt")));
	ck_assert_ok(ifgw_identity_load(&sign, fix_path(0, dir, "DE/sign.key"), fix_path(1, dir, "DE/sign.crt")));
	ca = read_cert(fix_path(0, dir, "ca/ca.crt"));

	/* Names. */
	ifgw_cert_subject(name, ca);
	ck_assert_str_eq(name, "CN=Affacturage Demo test root CA,O=Affacturage Demo");
	ifgw_cert_subject(name, ifgw_identity_cert(tls));
	ck_assert_str_eq(name, "CN=Affacturage Demo partner DE TLS,O=Affacturage Demo,C=DE");
	ifgw_cert_name(name, X509_get_issuer_name(ifgw_identity_cert(tls)));
	ck_assert_str_eq(name, "CN=Affacturage Demo test root CA,O=Affacturage Demo");

	/* Validity: an hour before now, for --days. */
	ck_assert_ok(ifgw_cert_validity(&nb, &na, ifgw_identity_cert(sign)));
	ck_assert_int_eq(nb, t0 - 3600);
	ck_assert_int_eq(na, t0 + 90 * FIX_DAY);
	ck_assert(EVP_PKEY_is_a(ifgw_identity_key(tls), "EC"));

	/* TLS: both EKUs, localhost names; signing: no TLS usage, nonRepudiation. */
	ck_assert(X509_get_extended_key_usage(ifgw_identity_cert(tls)) & XKU_SSL_SERVER);
	ck_assert(X509_get_extended_key_usage(ifgw_identity_cert(tls)) & XKU_SSL_CLIENT);
	ck_assert_int_eq(X509_check_host(ifgw_identity_cert(tls), "localhost", 0, 0, NULL), 1);
	ck_assert_int_eq(X509_check_ip_asc(ifgw_identity_cert(tls), "127.0.0.1", 0), 1);
	ck_assert_int_eq(X509_check_host(ifgw_identity_cert(tls), "example.com", 0, 0, NULL), 0);
	ck_assert(!(X509_get_extension_flags(ifgw_identity_cert(sign)) & EXFLAG_XKUSAGE));
	ck_assert(X509_get_key_usage(ifgw_identity_cert(sign)) & KU_NON_REPUDIATION);
	ck_assert(X509_get_key_usage(ifgw_identity_cert(sign)) & KU_DIGITAL_SIGNATURE);
	ck_assert(X509_get_extension_flags(ca) & EXFLAG_CA);
	ck_assert_int_eq(X509_check_issued(ca, ifgw_identity_cert(sign)), X509_V_OK);

	/* The CRL is the CA's, signed by it, and empty. */
	ck_assert_ok(ifgw_cert_read_crls(&crls, fix_path(0, dir, "ca/ca.crl")));
	crl = sk_X509_CRL_value(crls, 0);
	ck_assert_int_eq(X509_CRL_verify(crl, X509_get0_pubkey(ca)), 1);
	ck_assert_int_le(sk_X509_REVOKED_num(X509_CRL_get_REVOKED(crl)), 0); /* -1: no list at all */

	/* As a partner's trust: TLS through the CA, signing through the certificate. */
	ck_assert_ok(ifgw_trust_new(&t, "DE"));
	ck_assert_ok(ifgw_trust_add_cert_file(t, fix_path(0, dir, "DE/sign.crt")));
	ck_assert_ok(ifgw_trust_add_ca_file(t, fix_path(0, dir, "ca/ca.crt")));
	ck_assert_ok(ifgw_trust_add_crl_file(t, fix_path(0, dir, "ca/ca.crl")));
	/* Bound to DE by the URI its TLS certificate carries: factor-7's, from the same CA, is not DE's. */
	ck_assert_fails(ifgw_trust_check(t, ifgw_identity_cert(tls), IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST,
			"but the partner has no peer name nor pin to bind it");
	ck_assert_ok(ifgw_trust_add_name(t, IFGW_TRUST_NAME_URI, "urn:ifgw:peer:DE"));
	ck_assert_ok(ifgw_trust_check(t, ifgw_identity_cert(tls), IFGW_TRUST_TLS_CLIENT | IFGW_TRUST_TLS_SERVER));
	other = read_cert(fix_path(0, dir, "factor-7/tls.crt"));
	ck_assert_fails(ifgw_trust_check(t, other, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST,
			"CN=Affacturage Demo partner factor-7 TLS,O=Affacturage Demo is issued by the partner's CA but "
			"does not name the partner (expected uri urn:ifgw:peer:DE)");
	X509_free(other);
	ck_assert_ok(ifgw_trust_check(t, ifgw_identity_cert(sign), IFGW_TRUST_SIGNING));
	ck_assert_fails(ifgw_trust_check(t, ifgw_identity_cert(sign), IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST,
			"lacks clientAuth");
	ck_assert_ok(access(fix_path(0, dir, "factor-7/sign.crt"), R_OK) == 0 ? IFGW_OK : IFGW_EIO);

	ifgw_trust_free(t);
	sk_X509_CRL_pop_free(crls, X509_CRL_free);
	X509_free(ca);
	ifgw_identity_free(tls);
	ifgw_identity_free(sign);
	fix_rmdir(dir);
}
END_TEST

START_TEST(init_refuses_to_overwrite)
{
	static const char *const partners[] = {"DE"};
	static const char *const more[] = {"US", "DE"};
	struct ifgw_pki_init_opts o;
	char *dir = fix_tmpdir();
	X509 *before, *after;

	fix_clock();
	init_dir(dir, IFGW_PKI_EC, partners, 1, 0);
	before = read_cert(fix_path(0, dir, "DE/sign.crt"));
	memset(&o, 0, sizeof(o));
	o.dir = dir;
	o.org = "X";
	o.partners = more;
	o.partner_count = 2;
	ck_assert_fails(ifgw_pki_init(&o), IFGW_ESTATE, "/ca: already exists; certs init never overwrites");
	after = read_cert(fix_path(0, dir, "DE/sign.crt"));
	ck_assert_int_eq(X509_cmp(before, after), 0);
	/* Nothing was started either: US was not created. */
	ck_assert_int_ne(access(fix_path(0, dir, "US"), F_OK), 0);
	X509_free(before);
	X509_free(after);
	fix_rmdir(dir);
}
END_TEST

START_TEST(init_checks_options)
{
	static const char *const bad_name[] = {"D E"};
	static const char *const twice[] = {"DE", "DE"};
	static const char *const reserved[] = {"ca"};
	struct ifgw_pki_init_opts o;
	enum ifgw_pki_key_type kt;

	memset(&o, 0, sizeof(o));
	ck_assert_fails(ifgw_pki_init(&o), IFGW_EUSAGE, "--dir is required");
	o.dir = "/nonexistent/x";
	ck_assert_fails(ifgw_pki_init(&o), IFGW_EUSAGE, "--org is required");
	o.org = "Org";
	o.partners = bad_name;
	o.partner_count = 1;
	ck_assert_fails(ifgw_pki_init(&o), IFGW_EUSAGE, "'D E': names are");
	o.partners = twice;
	o.partner_count = 2;
	ck_assert_fails(ifgw_pki_init(&o), IFGW_EUSAGE, "'DE' given twice");
	o.partners = reserved;
	o.partner_count = 1;
	ck_assert_fails(ifgw_pki_init(&o), IFGW_EUSAGE, "'ca' is reserved");
	o.partner_count = 0;
	o.days = 5000;
	ck_assert_fails(ifgw_pki_init(&o), IFGW_EUSAGE, "--days 5000: at most 3650");
	o.days = 1;
	ck_assert_fails(ifgw_pki_init(&o), IFGW_EIO, "/nonexistent/x: cannot create directory");

	ck_assert_ok(ifgw_pki_key_type_parse(&kt, "rsa3072"));
	ck_assert_int_eq(kt, IFGW_PKI_RSA3072);
	ck_assert_fails(ifgw_pki_key_type_parse(&kt, "dsa"), IFGW_EUSAGE, "expected ec, rsa2048 or rsa3072");
}
END_TEST

START_TEST(init_rsa2048)
{
	struct ifgw_identity *id = NULL;
	char *dir = fix_tmpdir();

	fix_clock();
	init_dir(dir, IFGW_PKI_RSA2048, NULL, 0, 10);
	ck_assert_ok(ifgw_identity_load(&id, fix_path(0, dir, "gateway/tls.key"), fix_path(1, dir, "gateway/tls.crt")));
	ck_assert(EVP_PKEY_is_a(ifgw_identity_key(id), "RSA"));
	ck_assert_int_eq(EVP_PKEY_get_bits(ifgw_identity_key(id)), 2048);
	/* RSA TLS certificates also allow key encipherment. */
	ck_assert(X509_get_key_usage(ifgw_identity_cert(id)) & KU_KEY_ENCIPHERMENT);
	ifgw_identity_free(id);
	fix_rmdir(dir);
}
END_TEST

START_TEST(revoke_updates_the_crl)
{
	static const char *const partners[] = {"DE", "US"};
	struct ifgw_trust *t = NULL;
	char *dir = fix_tmpdir();
	X509 *de_tls, *us_tls, *foreign;
	EVP_PKEY *key = fix_key(IFGW_PKI_EC);
	enum ifgw_trust_verdict v;

	fix_clock();
	init_dir(dir, IFGW_PKI_EC, partners, 2, 0);
	de_tls = read_cert(fix_path(0, dir, "DE/tls.crt"));
	us_tls = read_cert(fix_path(0, dir, "US/tls.crt"));
	ifgw_clock_advance(3600);
	ck_assert_ok(ifgw_pki_revoke(dir, de_tls));
	ck_assert_uint_eq(mode_of(fix_path(0, dir, "ca/ca.crl")), 0644);

	ck_assert_ok(ifgw_trust_new(&t, "any"));
	ck_assert_ok(ifgw_trust_add_ca_file(t, fix_path(0, dir, "ca/ca.crt")));
	ck_assert_ok(ifgw_trust_add_name(t, IFGW_TRUST_NAME_URI, "urn:ifgw:peer:DE"));
	ck_assert_ok(ifgw_trust_add_name(t, IFGW_TRUST_NAME_URI, "urn:ifgw:peer:US"));
	ck_assert_ok(ifgw_trust_add_crl_file(t, fix_path(0, dir, "ca/ca.crl")));
	ck_assert_fails(ifgw_trust_check(t, de_tls, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST,
			"partner DE TLS,O=Affacturage Demo,C=DE revoked on 2026-03-01T13:00:00Z");
	ck_assert_ok(ifgw_trust_check(t, us_tls, IFGW_TRUST_TLS_CLIENT));
	ifgw_trust_free(t);

	/* Revoking a second one keeps the first. */
	ifgw_clock_advance(60);
	ck_assert_ok(ifgw_pki_revoke(dir, us_tls));
	ck_assert_ok(ifgw_trust_new(&t, "any"));
	ck_assert_ok(ifgw_trust_add_ca_file(t, fix_path(0, dir, "ca/ca.crt")));
	ck_assert_ok(ifgw_trust_add_name(t, IFGW_TRUST_NAME_URI, "urn:ifgw:peer:DE"));
	ck_assert_ok(ifgw_trust_add_name(t, IFGW_TRUST_NAME_URI, "urn:ifgw:peer:US"));
	ck_assert_ok(ifgw_trust_add_crl_file(t, fix_path(0, dir, "ca/ca.crl")));
	ck_assert_int_eq(ifgw_trust_verify(&v, t, de_tls, NULL, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_REVOKED);
	ck_assert_int_eq(ifgw_trust_verify(&v, t, us_tls, NULL, IFGW_TRUST_TLS_CLIENT), IFGW_ETRUST);
	ck_assert_int_eq(v, IFGW_TRUST_REVOKED);
	ifgw_error_clear();
	ifgw_trust_free(t);

	foreign = fix_cert(key, IFGW_PKI_PROFILE_TLS, "elsewhere", -FIX_DAY, FIX_DAY, NULL, NULL);
	ck_assert_fails(ifgw_pki_revoke(dir, foreign), IFGW_EINVAL, "was not issued by this CA");
	X509_free(foreign);
	EVP_PKEY_free(key);
	X509_free(de_tls);
	X509_free(us_tls);
	fix_rmdir(dir);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("pki");
	TCase *tc = tcase_create("init");

	tcase_add_test(tc, init_layout_and_permissions);
	tcase_add_test(tc, init_certificate_profiles);
	tcase_add_test(tc, init_refuses_to_overwrite);
	tcase_add_test(tc, init_checks_options);
	tcase_add_test(tc, init_rsa2048);
	tcase_add_test(tc, revoke_updates_the_crl);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
