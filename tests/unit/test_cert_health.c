/* test_cert_health.c: certificate health rows (certs/health.h): days left,
 * the 30-day warning, expired, revoked, unreadable, a key that does not
 * match, the usage read from a certificate, and a `certs init` directory.
 * Keys and certificates come from the test PKI (certs_fixture.h) at a
 * frozen clock. */
#include "config.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "base/error.h"
#include "base/file.h"
#include "certs/cert.h"
#include "certs/health.h"
#include "certs/pki.h"
#include "certs/trust.h"
#include "certs_fixture.h"
#include "testutil.h"

/* The row at i, checked to be about who and usage. */
static const struct ifgw_cert_health_row *row(const struct ifgw_cert_health *h, size_t i, const char *who,
					      const char *usage)
{
	ck_assert_uint_gt(h->n, i);
	ck_assert_str_eq(h->rows[i].who, who);
	ck_assert_str_eq(h->rows[i].usage, usage);
	return &h->rows[i];
}

/* A signing certificate of a fresh key, valid [t0 + from, t0 + to], by the CA. */
static void make_cert(const char *path, const char *key_path, const char *cn, int64_t from, int64_t to,
		      enum ifgw_pki_profile profile, X509 *ca, EVP_PKEY *ca_key, X509 **keep)
{
	EVP_PKEY *key = fix_key(IFGW_PKI_EC);
	X509 *x = fix_cert(key, profile, cn, from, to, ca, ca_key);

	ck_assert_ok(ifgw_pki_write_cert(path, x));
	if (key_path)
		ck_assert_ok(ifgw_pki_write_key(key_path, key));
	if (keep)
		*keep = x;
	else
		X509_free(x);
	EVP_PKEY_free(key);
}

START_TEST(rows_say_days_left_warnings_and_failures)
{
	char *dir;
	EVP_PKEY *ca_key;
	X509 *ca, *revoked = NULL;
	X509_CRL *crl = NULL;
	struct ifgw_cert_health *h = NULL;
	const struct ifgw_cert_health_row *r;
	const char *usage_name;
	char *ca_path, *crl_path;

	fix_clock();
	dir = fix_tmpdir();
	ca_key = fix_key(IFGW_PKI_EC);
	ca = fix_cert(ca_key, IFGW_PKI_PROFILE_CA, "Test CA", -FIX_DAY, 3650 * FIX_DAY, NULL, NULL);
	ca_path = strdup(fix_path(0, dir, "ca.crt"));
	crl_path = strdup(fix_path(0, dir, "ca.crl"));
	ck_assert(ca_path && crl_path);
	ck_assert_ok(ifgw_pki_write_cert(ca_path, ca));
	make_cert(fix_path(1, dir, "good.crt"), fix_path(2, dir, "good.key"), "good", -FIX_DAY, 365 * FIX_DAY,
		  IFGW_PKI_PROFILE_SIGNING, ca, ca_key, NULL);
	make_cert(fix_path(1, dir, "soon.crt"), fix_path(2, dir, "soon.key"), "soon", -FIX_DAY, 10 * FIX_DAY,
		  IFGW_PKI_PROFILE_SIGNING, ca, ca_key, NULL);
	make_cert(fix_path(1, dir, "edge.crt"), NULL, "edge", -FIX_DAY, 31 * FIX_DAY, IFGW_PKI_PROFILE_SIGNING, ca,
		  ca_key, NULL);
	make_cert(fix_path(1, dir, "old.crt"), NULL, "old", -400 * FIX_DAY, -FIX_DAY / 2, IFGW_PKI_PROFILE_SIGNING,
		  ca, ca_key, NULL);
	make_cert(fix_path(1, dir, "tls.crt"), NULL, "tls", -FIX_DAY, 365 * FIX_DAY, IFGW_PKI_PROFILE_TLS, ca,
		  ca_key, NULL);
	make_cert(fix_path(1, dir, "revoked.crt"), NULL, "revoked", -FIX_DAY, 365 * FIX_DAY,
		  IFGW_PKI_PROFILE_SIGNING, ca, ca_key, &revoked);
	ck_assert_ok(ifgw_pki_crl_new(&crl, ca, ca_key, NULL, &revoked, 1, fix_t0() - 3600, fix_t0() + 30 * FIX_DAY));
	ck_assert_ok(ifgw_pki_write_crl(crl_path, crl));
	ck_assert_ok(ifgw_file_write_atomic(fix_path(1, dir, "garbage.crt"), "not a certificate\n", 18, 0644));

	ck_assert_ok(ifgw_cert_health_new(&h, -1));
	ck_assert_int_eq(h->warn_days, IFGW_CERT_HEALTH_WARN_DAYS);
	/* building rows keeps what the caller had pending */
	ifgw_error_set(IFGW_EIO, "the caller's own error");
	ifgw_cert_health_add_file(h, "DE00123", "signing", IFGW_TRUST_SIGNING, fix_path(1, dir, "good.crt"), ca_path,
				  crl_path, NULL, 0);
	ifgw_cert_health_add_file(h, "DE00123", "signing", IFGW_TRUST_SIGNING, fix_path(1, dir, "soon.crt"), ca_path,
				  crl_path, NULL, 0);
	ifgw_cert_health_add_file(h, "DE00123", "signing", IFGW_TRUST_SIGNING, fix_path(1, dir, "edge.crt"), ca_path,
				  crl_path, NULL, 0);
	ifgw_cert_health_add_file(h, "DE00123", "signing", IFGW_TRUST_SIGNING, fix_path(1, dir, "old.crt"), ca_path,
				  crl_path, NULL, 0);
	ifgw_cert_health_add_file(h, "DE00123", "signing", IFGW_TRUST_SIGNING, fix_path(1, dir, "revoked.crt"),
				  ca_path, crl_path, NULL, 0);
	ifgw_cert_health_add_file(h, "DE00123", "signing", IFGW_TRUST_SIGNING, fix_path(1, dir, "garbage.crt"),
				  ca_path, crl_path, NULL, 0);
	ifgw_cert_health_add_file(h, "DE00123", "signing", IFGW_TRUST_SIGNING, fix_path(1, dir, "good.crt"), ca_path,
				  crl_path, (char *const[]){"not-a-pin"}, 1);
	/* the key of another certificate: the identity's key row fails */
	ifgw_cert_health_add_identity(h, "node FR00001", fix_path(2, dir, "soon.key"), fix_path(1, dir, "good.crt"),
				      NULL, NULL, "signing", IFGW_TRUST_SIGNING);
	ck_assert_int_eq(ifgw_error_code(), IFGW_EIO);
	ck_assert_str_eq(ifgw_error_last(), "the caller's own error");
	ifgw_error_clear();

	r = row(h, 0, "DE00123", "signing");
	ck_assert_int_eq(r->level, IFGW_CERT_HEALTH_OK);
	ck_assert_str_eq(r->status, "ok");
	ck_assert_int_eq(r->has_validity, 1);
	ck_assert_int_eq(r->days_left, 365);
	ck_assert_int_eq(r->not_after, fix_t0() + 365 * FIX_DAY);
	ck_assert_ptr_nonnull(strstr(r->subject, "good"));
	ck_assert_ptr_nonnull(strstr(r->issuer, "Test CA"));
	ck_assert_uint_eq(strlen(r->pin), IFGW_CERT_PIN_LEN - 1);
	r = row(h, 1, "DE00123", "signing");
	ck_assert_int_eq(r->level, IFGW_CERT_HEALTH_WARN);
	ck_assert_int_eq(r->days_left, 10);
	ck_assert_str_eq(r->status, "expires in 10 days");
	ck_assert_ptr_nonnull(strstr(r->reason, "DE00123: certificate "));
	ck_assert_ptr_nonnull(strstr(r->reason, "expires on 2026-03-11"));
	r = row(h, 2, "DE00123", "signing"); /* 31 days: past the 30-day warning */
	ck_assert_int_eq(r->level, IFGW_CERT_HEALTH_OK);
	ck_assert_int_eq(r->days_left, 31);
	r = row(h, 3, "DE00123", "signing");
	ck_assert_int_eq(r->level, IFGW_CERT_HEALTH_FAIL);
	ck_assert_str_eq(r->status, "expired");
	ck_assert_int_eq(r->days_left, -1); /* half a day ago, rounded down */
	ck_assert_ptr_null(strstr(r->reason, "partner DE00123: ")); /* the row already says who */
	r = row(h, 4, "DE00123", "signing");
	ck_assert_int_eq(r->level, IFGW_CERT_HEALTH_FAIL);
	ck_assert_str_eq(r->status, "revoked");
	r = row(h, 5, "DE00123", "signing");
	ck_assert_int_eq(r->level, IFGW_CERT_HEALTH_FAIL);
	ck_assert_str_eq(r->status, "unreadable");
	ck_assert_int_eq(r->has_validity, 0);
	ck_assert_str_eq(r->subject, "-");
	ck_assert_str_eq(r->pin, "-");
	ck_assert_ptr_nonnull(strstr(r->reason, "garbage.crt"));
	r = row(h, 6, "DE00123", "signing");
	ck_assert_str_eq(r->status, "bad pin");
	r = row(h, 7, "node FR00001", "signing");
	ck_assert_int_eq(r->level, IFGW_CERT_HEALTH_OK);
	r = row(h, 8, "node FR00001", "key");
	ck_assert_int_eq(r->level, IFGW_CERT_HEALTH_FAIL);
	ck_assert_str_eq(r->status, "bad key");
	ck_assert_uint_eq(h->n, 9);
	ck_assert_uint_eq(ifgw_cert_health_count(h, IFGW_CERT_HEALTH_OK), 3);
	ck_assert_uint_eq(ifgw_cert_health_count(h, IFGW_CERT_HEALTH_WARN), 1);
	ck_assert_uint_eq(ifgw_cert_health_count(h, IFGW_CERT_HEALTH_FAIL), 5);
	ck_assert_int_eq(h->truncated, 0);
	ifgw_cert_health_free(h);

	/* a wider warning makes the 31-day certificate warn */
	ck_assert_ok(ifgw_cert_health_new(&h, 60));
	ifgw_cert_health_add_file(h, "DE00123", "signing", IFGW_TRUST_SIGNING, fix_path(1, dir, "edge.crt"), ca_path,
				  NULL, NULL, 0);
	ck_assert_int_eq(row(h, 0, "DE00123", "signing")->level, IFGW_CERT_HEALTH_WARN);
	ifgw_cert_health_free(h);

	/* what a certificate is for, from its extensions */
	ck_assert_uint_eq(ifgw_cert_health_usage_of(ca_path, &usage_name), 0);
	ck_assert_str_eq(usage_name, "CA");
	ck_assert_uint_eq(ifgw_cert_health_usage_of(fix_path(1, dir, "tls.crt"), &usage_name),
			  IFGW_TRUST_TLS_CLIENT | IFGW_TRUST_TLS_SERVER);
	ck_assert_str_eq(usage_name, "tls");
	ck_assert_uint_eq(ifgw_cert_health_usage_of(fix_path(1, dir, "good.crt"), &usage_name), IFGW_TRUST_SIGNING);
	ck_assert_str_eq(usage_name, "signing");
	ck_assert_uint_eq(ifgw_cert_health_usage_of(fix_path(1, dir, "garbage.crt"), &usage_name),
			  IFGW_TRUST_SIGNING);
	ck_assert_str_eq(ifgw_error_last(), ""); /* the unreadable file's reason is its row's, not pending */

	free(ca_path);
	free(crl_path);
	X509_CRL_free(crl);
	X509_free(revoked);
	X509_free(ca);
	EVP_PKEY_free(ca_key);
	fix_rmdir(dir);
}
END_TEST

START_TEST(pki_dir_rows_in_order)
{
	static const char *const partners[] = {"US", "DE"};
	struct ifgw_pki_init_opts o;
	struct ifgw_cert_health *h = NULL;
	STACK_OF(X509) *sk = NULL;
	X509 *de_sign;
	char *dir, pki[4096];
	size_t i;

	fix_clock();
	dir = fix_tmpdir();
	snprintf(pki, sizeof(pki), "%s/pki", dir);
	memset(&o, 0, sizeof(o));
	o.dir = pki;
	o.org = "Test Org";
	o.partners = partners;
	o.partner_count = 2;
	o.days = 20;
	ck_assert_ok(ifgw_pki_init(&o));
	ck_assert_ok(ifgw_cert_health_new(&h, 30));
	ck_assert_ok(ifgw_cert_health_add_pki_dir(h, pki));
	/* ca, then gateway, then the partners by name; tls before signing */
	row(h, 0, "ca", "CA");
	row(h, 1, "gateway", "tls");
	row(h, 2, "gateway", "signing");
	row(h, 3, "DE", "tls");
	row(h, 4, "DE", "signing");
	row(h, 5, "US", "tls");
	row(h, 6, "US", "signing");
	ck_assert_uint_eq(h->n, 7);
	for (i = 1; i < h->n; i++) { /* 20 days: every identity warns, none fails */
		ck_assert_int_eq(h->rows[i].level, IFGW_CERT_HEALTH_WARN);
		ck_assert_int_eq(h->rows[i].days_left, 20);
	}
	ifgw_cert_health_free(h);

	/* revoke DE's signing certificate: that row fails */
	ck_assert_ok(ifgw_cert_read_pem(&sk, fix_path(0, pki, "DE/sign.crt")));
	de_sign = sk_X509_value(sk, 0);
	ck_assert_ok(ifgw_pki_revoke(pki, de_sign));
	sk_X509_pop_free(sk, X509_free);
	ck_assert_ok(ifgw_cert_health_new(&h, 0));
	ck_assert_ok(ifgw_cert_health_add_pki_dir(h, pki));
	ck_assert_str_eq(row(h, 4, "DE", "signing")->status, "revoked");
	ck_assert_uint_eq(ifgw_cert_health_count(h, IFGW_CERT_HEALTH_FAIL), 1);
	ck_assert_uint_eq(ifgw_cert_health_count(h, IFGW_CERT_HEALTH_WARN), 0);
	ck_assert_fails(ifgw_cert_health_add_pki_dir(h, dir), IFGW_ENOTFOUND, "is ");
	ifgw_cert_health_free(h);
	fix_rmdir(dir);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("cert_health");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, rows_say_days_left_warnings_and_failures);
	tcase_add_test(tc, pki_dir_rows_in_order);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
