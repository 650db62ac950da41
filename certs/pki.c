/* pki.c: test PKI generation with the OpenSSL API (see pki.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/error.h"
#include "base/file.h"
#include "certs/cert.h"
#include "certs/identity.h"
#include "certs/pki.h"

#define PKI_NAME_MAX 32
#define PKI_ORG_MAX 64

static const char *const key_type_names[] = {
	[IFGW_PKI_EC] = "ec",
	[IFGW_PKI_RSA2048] = "rsa2048",
	[IFGW_PKI_RSA3072] = "rsa3072",
};

int ifgw_pki_key_type_parse(enum ifgw_pki_key_type *out, const char *name)
{
	size_t i;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(name);

	for (i = 0; i < sizeof(key_type_names) / sizeof(key_type_names[0]); i++)
		if (strcmp(name, key_type_names[i]) == 0) {
			*out = (enum ifgw_pki_key_type)i;
			return IFGW_OK;
		}
	return ifgw_error_set(IFGW_EUSAGE, "--key-type '%s': expected ec, rsa2048 or rsa3072", name);
}

const char *ifgw_pki_key_type_name(enum ifgw_pki_key_type type)
{
	return (size_t)type < sizeof(key_type_names) / sizeof(key_type_names[0]) ? key_type_names[type] : "?";
}

int ifgw_pki_key_new(EVP_PKEY **out, enum ifgw_pki_key_type type)
{
	char why[256];

	IFGW_ASSERT_ARG(out);

	switch (type) {
	case IFGW_PKI_EC:
		*out = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
		break;
	case IFGW_PKI_RSA2048:
		*out = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
		break;
	case IFGW_PKI_RSA3072:
		*out = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)3072);
		break;
	default:
		*out = NULL;
		return ifgw_error_set(IFGW_EINVAL, "key type %d: unknown", (int)type);
	}
	if (!*out)
		return ifgw_error_set(IFGW_ENOMEM, "%s key generation failed: %s", ifgw_pki_key_type_name(type),
				      ifgw_cert_ossl_error(why, sizeof(why)));
	return IFGW_OK;
}

static int set_time(ASN1_TIME *t, int64_t when)
{
	return ASN1_TIME_set(t, (time_t)when) != NULL;
}

static int add_entry(X509_NAME *name, const char *field, const char *value)
{
	return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, (const unsigned char *)value, -1, -1, 0);
}

static int add_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value)
{
	X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, ctx, nid, value);
	int ok = ext && X509_add_ext(x, ext, -1);

	X509_EXTENSION_free(ext);
	return ok;
}

/* Extensions of each profile, in the order they are added (SKI before AKI,
 * so a self-signed CA can name its own key). */
static int add_profile_extensions(X509 *x, X509 *issuer, EVP_PKEY *key, enum ifgw_pki_profile profile,
				  const char *uri)
{
	char alt[512];
	X509V3_CTX ctx;
	int rsa = EVP_PKEY_is_a(key, "RSA");
	int n = snprintf(alt, sizeof(alt), "DNS:localhost,IP:127.0.0.1,IP:::1%s%s", uri ? ",URI:" : "",
			 uri ? uri : "");

	if (n < 0 || (size_t)n >= sizeof(alt))
		return 0;

	X509V3_set_ctx(&ctx, issuer ? issuer : x, x, NULL, NULL, 0);
	switch (profile) {
	case IFGW_PKI_PROFILE_CA:
		return add_ext(x, &ctx, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
		       add_ext(x, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign") &&
		       add_ext(x, &ctx, NID_subject_key_identifier, "hash") &&
		       add_ext(x, &ctx, NID_authority_key_identifier, "keyid:always");
	case IFGW_PKI_PROFILE_TLS:
		return add_ext(x, &ctx, NID_basic_constraints, "critical,CA:FALSE") &&
		       add_ext(x, &ctx, NID_key_usage,
			       rsa ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature") &&
		       add_ext(x, &ctx, NID_ext_key_usage, "serverAuth,clientAuth") &&
		       add_ext(x, &ctx, NID_subject_alt_name, alt) &&
		       add_ext(x, &ctx, NID_subject_key_identifier, "hash") &&
		       add_ext(x, &ctx, NID_authority_key_identifier, "keyid:always");
	case IFGW_PKI_PROFILE_SIGNING:
		return add_ext(x, &ctx, NID_basic_constraints, "critical,CA:FALSE") &&
		       add_ext(x, &ctx, NID_key_usage, "critical,digitalSignature,nonRepudiation") &&
		       add_ext(x, &ctx, NID_subject_key_identifier, "hash") &&
		       add_ext(x, &ctx, NID_authority_key_identifier, "keyid:always");
	}
	return 0;
}

/* A positive 127-bit random serial (RFC 5280: at most 20 octets, unique). */
static int set_serial(X509 *x)
{
	BIGNUM *bn = BN_new();
	ASN1_INTEGER *serial = NULL;
	int ok = bn && BN_rand(bn, 127, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) &&
		 (serial = BN_to_ASN1_INTEGER(bn, NULL)) != NULL && X509_set_serialNumber(x, serial);

	ASN1_INTEGER_free(serial);
	BN_free(bn);
	return ok;
}

int ifgw_pki_cert_new(X509 **out, EVP_PKEY *key, enum ifgw_pki_profile profile,
		      const struct ifgw_pki_subject *subject, int64_t not_before, int64_t not_after,
		      X509 *issuer_cert, EVP_PKEY *issuer_key)
{
	X509_NAME *name = NULL;
	X509 *x = NULL;
	char why[256];
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(key);
	IFGW_ASSERT_ARG(subject);
	IFGW_ASSERT_ARG(issuer_key);

	*out = NULL;
	if (!subject->common_name || !*subject->common_name || not_after <= not_before)
		return ifgw_error_set(IFGW_EINVAL, "certificate: needs a common name and a validity window");
	if (!issuer_cert && issuer_key != key)
		return ifgw_error_set(IFGW_EINVAL, "certificate %s: self-signed needs its own key", subject->common_name);
	if (!(x = X509_new()) || !(name = X509_NAME_new()))
		goto ossl;
	if (!X509_set_version(x, X509_VERSION_3) || !set_serial(x))
		goto ossl;
	if ((subject->country && !add_entry(name, "C", subject->country)) ||
	    (subject->org && !add_entry(name, "O", subject->org)) || !add_entry(name, "CN", subject->common_name))
		goto ossl;
	if (!X509_set_subject_name(x, name) ||
	    !X509_set_issuer_name(x, issuer_cert ? X509_get_subject_name(issuer_cert) : name))
		goto ossl;
	if (!set_time(X509_getm_notBefore(x), not_before) || !set_time(X509_getm_notAfter(x), not_after))
		goto ossl;
	if (!X509_set_pubkey(x, key) || !add_profile_extensions(x, issuer_cert, key, profile, subject->uri))
		goto ossl;
	if (X509_sign(x, issuer_key, EVP_sha256()) <= 0)
		goto ossl;
	*out = x;
	x = NULL; /* handed to the caller */
	goto out;
ossl:
	rc = ifgw_error_set(IFGW_EINVAL, "certificate %s: cannot be made: %s", subject->common_name,
			    ifgw_cert_ossl_error(why, sizeof(why)));
out:
	X509_NAME_free(name);
	X509_free(x);
	return rc;
}

/* Add one entry to crl (a copy of serial, revoked at when). */
static int add_revoked(X509_CRL *crl, const ASN1_INTEGER *serial, const ASN1_TIME *when)
{
	X509_REVOKED *r = X509_REVOKED_new();
	ASN1_INTEGER *s = ASN1_INTEGER_dup(serial);
	int ok = r && s && X509_REVOKED_set_serialNumber(r, s) && X509_REVOKED_set_revocationDate(r, (ASN1_TIME *)when) &&
		 X509_CRL_add0_revoked(crl, r);

	ASN1_INTEGER_free(s);
	if (!ok)
		X509_REVOKED_free(r);
	return ok;
}

int ifgw_pki_crl_new(X509_CRL **out, X509 *ca, EVP_PKEY *ca_key, const X509_CRL *previous,
		     X509 *const *revoke, size_t n, int64_t this_update, int64_t next_update)
{
	STACK_OF(X509_REVOKED) *old;
	ASN1_TIME *now, *next;
	ASN1_INTEGER *number;
	X509_REVOKED *r;
	X509_CRL *crl = NULL;
	char why[256];
	size_t i;
	int j, rc = IFGW_OK;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(ca);
	IFGW_ASSERT_ARG(ca_key);
	IFGW_ASSERT_ARG(revoke || !n);

	now = ASN1_TIME_new();
	next = ASN1_TIME_new();
	number = ASN1_INTEGER_new();
	*out = NULL;
	if (!now || !next || !number || !(crl = X509_CRL_new()))
		goto ossl;
	if (!set_time(now, this_update) ||
	    (next_update != IFGW_PKI_CRL_NO_NEXT_UPDATE && !set_time(next, next_update)))
		goto ossl;
	if (!X509_CRL_set_version(crl, X509_CRL_VERSION_2) ||
	    !X509_CRL_set_issuer_name(crl, X509_get_subject_name(ca)) || !X509_CRL_set1_lastUpdate(crl, now) ||
	    (next_update != IFGW_PKI_CRL_NO_NEXT_UPDATE && !X509_CRL_set1_nextUpdate(crl, next)))
		goto ossl;
	old = previous ? X509_CRL_get_REVOKED((X509_CRL *)previous) : NULL;
	for (j = 0; j < sk_X509_REVOKED_num(old); j++) {
		r = sk_X509_REVOKED_value(old, j);
		if (!add_revoked(crl, X509_REVOKED_get0_serialNumber(r), X509_REVOKED_get0_revocationDate(r)))
			goto ossl;
	}
	for (i = 0; i < n; i++) {
		if (X509_NAME_cmp(X509_get_issuer_name(revoke[i]), X509_get_subject_name(ca)) != 0) {
			rc = ifgw_error_set(IFGW_EINVAL, "CRL: certificate %zu was not issued by this CA", i + 1);
			goto out;
		}
		if (!add_revoked(crl, X509_get0_serialNumber(revoke[i]), now))
			goto ossl;
	}
	/* CRL numbers only need to increase: the issue time in seconds does. */
	if (!ASN1_INTEGER_set_int64(number, this_update) ||
	    !X509_CRL_add1_ext_i2d(crl, NID_crl_number, number, 0, 0))
		goto ossl;
	if (!X509_CRL_sort(crl) || X509_CRL_sign(crl, ca_key, EVP_sha256()) <= 0)
		goto ossl;
	*out = crl;
	crl = NULL; /* handed to the caller */
	goto out;
ossl:
	rc = ifgw_error_set(IFGW_EINVAL, "CRL: cannot be made: %s", ifgw_cert_ossl_error(why, sizeof(why)));
out:
	X509_CRL_free(crl);
	ASN1_TIME_free(now);
	ASN1_TIME_free(next);
	ASN1_INTEGER_free(number);
	return rc;
}

/* PEM text from a writer into path, with mode; the memory is wiped after. */
static int write_pem(const char *path, unsigned mode, int (*emit)(BIO *, void *), void *obj)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data = NULL;
	char why[256];
	long len;
	int rc;

	if (!bio || !emit(bio, obj)) {
		rc = ifgw_error_set(IFGW_EIO, "%s: cannot encode: %s", path, ifgw_cert_ossl_error(why, sizeof(why)));
		goto out;
	}
	len = BIO_get_mem_data(bio, &data);
	rc = ifgw_file_write_atomic(path, data, len > 0 ? (size_t)len : 0, mode);
	if (len > 0)
		OPENSSL_cleanse(data, (size_t)len); /* private keys do not linger in freed memory */
out:
	BIO_free(bio);
	return rc;
}

static int emit_key(BIO *bio, void *obj)
{
	return PEM_write_bio_PrivateKey(bio, obj, NULL, NULL, 0, NULL, NULL);
}

static int emit_cert(BIO *bio, void *obj)
{
	return PEM_write_bio_X509(bio, obj);
}

static int emit_crl(BIO *bio, void *obj)
{
	return PEM_write_bio_X509_CRL(bio, obj);
}

int ifgw_pki_write_key(const char *path, EVP_PKEY *key)
{
	IFGW_ASSERT_ARG(path);
	IFGW_ASSERT_ARG(key);

	return write_pem(path, 0600, emit_key, key);
}

int ifgw_pki_write_cert(const char *path, X509 *cert)
{
	IFGW_ASSERT_ARG(path);
	IFGW_ASSERT_ARG(cert);

	return write_pem(path, 0644, emit_cert, cert);
}

int ifgw_pki_write_crl(const char *path, X509_CRL *crl)
{
	IFGW_ASSERT_ARG(path);
	IFGW_ASSERT_ARG(crl);

	return write_pem(path, 0644, emit_crl, crl);
}

static int valid_name(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > PKI_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

static int check_opts(const struct ifgw_pki_init_opts *o)
{
	size_t i, j, n;

	if (!o->dir || !*o->dir)
		return ifgw_error_set(IFGW_EUSAGE, "--dir is required");
	if (!o->org || !*o->org)
		return ifgw_error_set(IFGW_EUSAGE, "--org is required");
	n = strlen(o->org);
	if (n > PKI_ORG_MAX)
		return ifgw_error_set(IFGW_EUSAGE, "--org: longer than %d bytes", PKI_ORG_MAX);
	for (i = 0; i < n; i++)
		if ((unsigned char)o->org[i] < 0x20 || o->org[i] == 0x7f)
			return ifgw_error_set(IFGW_EUSAGE, "--org: control character at byte %zu", i + 1);
	if (o->partner_count > IFGW_PKI_MAX_PARTNERS)
		return ifgw_error_set(IFGW_EUSAGE, "--partners: more than %d", IFGW_PKI_MAX_PARTNERS);
	for (i = 0; i < o->partner_count; i++) {
		if (!valid_name(o->partners[i]))
			return ifgw_error_set(IFGW_EUSAGE,
					      "--partners: '%.40s': names are 1..%d letters, digits, '-' or '_'",
					      o->partners[i], PKI_NAME_MAX);
		if (strcmp(o->partners[i], IFGW_PKI_CA) == 0 || strcmp(o->partners[i], IFGW_PKI_GATEWAY) == 0)
			return ifgw_error_set(IFGW_EUSAGE, "--partners: '%s' is reserved", o->partners[i]);
		for (j = 0; j < i; j++)
			if (strcmp(o->partners[i], o->partners[j]) == 0)
				return ifgw_error_set(IFGW_EUSAGE, "--partners: '%s' given twice", o->partners[i]);
	}
	if (o->days > IFGW_PKI_MAX_DAYS)
		return ifgw_error_set(IFGW_EUSAGE, "--days %u: at most %d", o->days, IFGW_PKI_MAX_DAYS);
	return IFGW_OK;
}

/* Refuse before writing anything when a directory we would fill exists. */
static int check_fresh(struct ifgw_buf *path, const char *dir, const char *sub)
{
	char eb[IFGW_STRERROR_SIZE];
	struct stat st;
	int rc;

	ifgw_buf_reset(path);
	if ((rc = ifgw_buf_addf(path, "%s/%s", dir, sub)) != IFGW_OK)
		return rc;
	if (lstat(path->ptr, &st) == 0)
		return ifgw_error_set(IFGW_ESTATE,
				      "%s: already exists; certs init never overwrites (remove it or use another --dir)",
				      path->ptr);
	if (errno != ENOENT)
		return ifgw_error_set(IFGW_EIO, "%s: %s", path->ptr, ifgw_strerror(errno, eb, sizeof(eb)));
	return IFGW_OK;
}

static int make_dir(const char *path, unsigned mode, int may_exist)
{
	char eb[IFGW_STRERROR_SIZE];
	struct stat st;

	if (mkdir(path, (mode_t)mode) == 0)
		return chmod(path, (mode_t)mode) == 0 ? IFGW_OK
						      : ifgw_error_set(IFGW_EIO, "%s: chmod: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
	if (errno == EEXIST && may_exist && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return IFGW_OK;
	return ifgw_error_set(IFGW_EIO, "%s: cannot create directory: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
}

/* DIR/name/file */
static int join(struct ifgw_buf *b, const char *dir, const char *name, const char *file)
{
	ifgw_buf_reset(b);
	return ifgw_buf_addf(b, "%s/%s/%s", dir, name, file);
}

/* One identity: DIR/name/{tls,sign}.{key,crt}, issued by the CA. */
static int make_identity(const struct ifgw_pki_init_opts *o, const char *name, const char *label,
			 const char *country, X509 *ca, EVP_PKEY *ca_key, int64_t nb, int64_t na)
{
	static const struct {
		enum ifgw_pki_profile profile;
		const char *key, *crt, *what;
	} kinds[] = {
		{IFGW_PKI_PROFILE_TLS, "tls.key", "tls.crt", "TLS"},
		{IFGW_PKI_PROFILE_SIGNING, "sign.key", "sign.crt", "signing"},
	};
	struct ifgw_pki_subject subject;
	struct ifgw_buf path, cn, uri;
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	size_t i;
	int rc;

	ifgw_buf_init(&path, 4096);
	ifgw_buf_init(&cn, 256);
	ifgw_buf_init(&uri, 256);
	if ((rc = join(&path, o->dir, name, "")) != IFGW_OK || (rc = make_dir(path.ptr, 0700, 0)) != IFGW_OK ||
	    (rc = ifgw_buf_addf(&uri, "%s%s", IFGW_PKI_PEER_URI, name)) != IFGW_OK)
		goto out;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		ifgw_buf_reset(&cn);
		if ((rc = ifgw_buf_addf(&cn, "%s %s %s", o->org, label, kinds[i].what)) != IFGW_OK)
			goto out;
		subject.common_name = cn.ptr;
		subject.org = o->org;
		subject.country = country;
		subject.uri = kinds[i].profile == IFGW_PKI_PROFILE_TLS ? uri.ptr : NULL;
		if ((rc = ifgw_pki_key_new(&key, o->key_type)) != IFGW_OK ||
		    (rc = ifgw_pki_cert_new(&cert, key, kinds[i].profile, &subject, nb, na, ca, ca_key)) != IFGW_OK)
			goto out;
		if ((rc = join(&path, o->dir, name, kinds[i].key)) != IFGW_OK ||
		    (rc = ifgw_pki_write_key(path.ptr, key)) != IFGW_OK ||
		    (rc = join(&path, o->dir, name, kinds[i].crt)) != IFGW_OK ||
		    (rc = ifgw_pki_write_cert(path.ptr, cert)) != IFGW_OK)
			goto out;
		EVP_PKEY_free(key);
		X509_free(cert);
		key = NULL;
		cert = NULL;
	}
out:
	EVP_PKEY_free(key);
	X509_free(cert);
	ifgw_buf_free(&path);
	ifgw_buf_free(&cn);
	ifgw_buf_free(&uri);
	return rc;
}

/* Two upper-case letters look like an ISO 3166 country code: put it in C=. */
static const char *country_of(const char *name)
{
	return strlen(name) == 2 && name[0] >= 'A' && name[0] <= 'Z' && name[1] >= 'A' && name[1] <= 'Z' ? name
													  : NULL;
}

int ifgw_pki_init(const struct ifgw_pki_init_opts *o)
{
	struct ifgw_pki_subject subject;
	struct ifgw_buf path, cn, label;
	EVP_PKEY *ca_key = NULL;
	X509 *ca = NULL;
	X509_CRL *crl = NULL;
	int64_t now = ifgw_clock_now();
	int64_t nb = now - 3600; /* an hour of slack for peers whose clocks run behind */
	int64_t na;
	size_t i;
	int rc;

	IFGW_ASSERT_ARG(o);

	ifgw_buf_init(&path, 4096);
	ifgw_buf_init(&cn, 256);
	ifgw_buf_init(&label, 256);
	if ((rc = check_opts(o)) != IFGW_OK)
		goto out;
	na = now + (int64_t)(o->days ? o->days : IFGW_PKI_DEFAULT_DAYS) * 86400;
	if ((rc = check_fresh(&path, o->dir, IFGW_PKI_CA)) != IFGW_OK ||
	    (rc = check_fresh(&path, o->dir, IFGW_PKI_GATEWAY)) != IFGW_OK)
		goto out;
	for (i = 0; i < o->partner_count; i++)
		if ((rc = check_fresh(&path, o->dir, o->partners[i])) != IFGW_OK)
			goto out;
	if ((rc = make_dir(o->dir, 0755, 1)) != IFGW_OK)
		goto out;

	/* The root CA and its empty CRL. */
	if ((rc = join(&path, o->dir, IFGW_PKI_CA, "")) != IFGW_OK || (rc = make_dir(path.ptr, 0700, 0)) != IFGW_OK)
		goto out;
	if ((rc = ifgw_buf_addf(&cn, "%s test root CA", o->org)) != IFGW_OK)
		goto out;
	subject.common_name = cn.ptr;
	subject.org = o->org;
	subject.country = NULL;
	subject.uri = NULL;
	if ((rc = ifgw_pki_key_new(&ca_key, o->key_type)) != IFGW_OK ||
	    (rc = ifgw_pki_cert_new(&ca, ca_key, IFGW_PKI_PROFILE_CA, &subject, nb, na, NULL, ca_key)) != IFGW_OK ||
	    (rc = ifgw_pki_crl_new(&crl, ca, ca_key, NULL, NULL, 0, nb, na)) != IFGW_OK)
		goto out;
	if ((rc = join(&path, o->dir, IFGW_PKI_CA, "ca.key")) != IFGW_OK ||
	    (rc = ifgw_pki_write_key(path.ptr, ca_key)) != IFGW_OK ||
	    (rc = join(&path, o->dir, IFGW_PKI_CA, "ca.crt")) != IFGW_OK ||
	    (rc = ifgw_pki_write_cert(path.ptr, ca)) != IFGW_OK ||
	    (rc = join(&path, o->dir, IFGW_PKI_CA, "ca.crl")) != IFGW_OK ||
	    (rc = ifgw_pki_write_crl(path.ptr, crl)) != IFGW_OK)
		goto out;

	if ((rc = make_identity(o, IFGW_PKI_GATEWAY, "gateway", NULL, ca, ca_key, nb, na)) != IFGW_OK)
		goto out;
	for (i = 0; i < o->partner_count; i++) {
		ifgw_buf_reset(&label);
		if ((rc = ifgw_buf_addf(&label, "partner %s", o->partners[i])) != IFGW_OK ||
		    (rc = make_identity(o, o->partners[i], label.ptr, country_of(o->partners[i]), ca, ca_key, nb,
					na)) != IFGW_OK)
			goto out;
	}
out:
	EVP_PKEY_free(ca_key);
	X509_free(ca);
	X509_CRL_free(crl);
	ifgw_buf_free(&path);
	ifgw_buf_free(&cn);
	ifgw_buf_free(&label);
	return rc;
}

int ifgw_pki_revoke(const char *dir, X509 *cert)
{
	struct ifgw_identity *ca = NULL;
	STACK_OF(X509_CRL) *old = NULL;
	struct ifgw_buf key, crt, crl_path;
	X509_CRL *crl = NULL;
	const X509_CRL *prev = NULL;
	const ASN1_TIME *next;
	int64_t now = ifgw_clock_now(), next_update, nb;
	char subject[IFGW_CERT_NAME_MAX];
	struct ifgw_error kept;
	int rc;

	IFGW_ASSERT_ARG(dir);
	IFGW_ASSERT_ARG(cert);

	ifgw_buf_init(&key, 4096);
	ifgw_buf_init(&crt, 4096);
	ifgw_buf_init(&crl_path, 4096);
	if ((rc = join(&key, dir, IFGW_PKI_CA, "ca.key")) != IFGW_OK ||
	    (rc = join(&crt, dir, IFGW_PKI_CA, "ca.crt")) != IFGW_OK ||
	    (rc = join(&crl_path, dir, IFGW_PKI_CA, "ca.crl")) != IFGW_OK)
		goto out;
	if ((rc = ifgw_identity_load(&ca, key.ptr, crt.ptr)) != IFGW_OK)
		goto out;
	if (X509_check_issued(ifgw_identity_cert(ca), cert) != X509_V_OK) {
		ERR_clear_error();
		ifgw_cert_subject(subject, cert);
		rc = ifgw_error_set(IFGW_EINVAL, "%s: certificate %s was not issued by this CA", crt.ptr, subject);
		goto out;
	}
	if (access(crl_path.ptr, F_OK) == 0) {
		if ((rc = ifgw_cert_read_crls(&old, crl_path.ptr)) != IFGW_OK)
			goto out;
		prev = sk_X509_CRL_value(old, 0);
	}
	next = prev ? X509_CRL_get0_nextUpdate(prev) : NULL;
	next_update = 0;
	if (next) {
		ifgw_error_save(&kept); /* an unreadable date is replaced below: not a failure */
		if (ifgw_cert_time(&next_update, next) != IFGW_OK)
			next_update = 0;
		ifgw_error_restore(&kept);
	}
	if (next_update <= now && (rc = ifgw_cert_validity(&nb, &next_update, ifgw_identity_cert(ca))) != IFGW_OK)
		goto out;
	if ((rc = ifgw_pki_crl_new(&crl, ifgw_identity_cert(ca), ifgw_identity_key(ca), prev, &cert, 1, now,
				   next_update)) != IFGW_OK ||
	    (rc = ifgw_pki_write_crl(crl_path.ptr, crl)) != IFGW_OK)
		goto out;
out:
	ifgw_identity_free(ca);
	sk_X509_CRL_pop_free(old, X509_CRL_free);
	X509_CRL_free(crl);
	ifgw_buf_free(&key);
	ifgw_buf_free(&crt);
	ifgw_buf_free(&crl_path);
	return rc;
}
