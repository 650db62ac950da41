/* trust.c: one partner's certificates, CAs, pins and CRLs, and the decision
 * whether a certificate it presents is acceptable now (see trust.h). */
#include "config.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "certs/cert.h"
#include "certs/trust.h"

#define TRUST_MAX_CRLS 16
#define TRUST_NAME_MAX 128
#define TRUST_DIR_MAX_FILES 256
#define TRUST_OID_DOCUMENT_SIGNING "1.3.6.1.5.5.7.3.36" /* RFC 9336 id-kp-documentSigning */

/* A configured certificate with what every check needs, computed once. */
struct trust_cert {
	X509 *x;
	int64_t not_before, not_after;
	unsigned char spki[32];
};

/* A CRL whose signature a configured CA verified when it was added (so
 * checks never pay for a CRL signature). */
struct trust_crl {
	X509_CRL *crl;
	int64_t this_update;
	int64_t next_update; /* when absent (has_next 0): this_update + the trust's crl_max_age */
	int has_next;
};

/* A peer name: where to look, and the value to find there exactly. */
struct trust_name {
	enum ifgw_trust_name_kind kind;
	char value[IFGW_TRUST_NAME_VALUE_MAX];
	size_t len;
};

struct ifgw_trust {
	char name[TRUST_NAME_MAX];
	struct trust_cert certs[IFGW_TRUST_MAX_CERTS];
	size_t ncerts;
	STACK_OF(X509) *cas;
	X509_STORE *store; /* the CAs as trust anchors; NULL when there are none */
	unsigned char pins[IFGW_TRUST_MAX_PINS][32];
	size_t npins;
	struct trust_crl crls[TRUST_MAX_CRLS];
	size_t ncrls;
	struct trust_name names[IFGW_TRUST_MAX_NAMES];
	size_t nnames;
	int64_t crl_max_age; /* seconds a CRL without nextUpdate stays current */
};

static const char *const verdict_names[] = {
	[IFGW_TRUST_OK] = "ok",
	[IFGW_TRUST_UNKNOWN] = "unknown",
	[IFGW_TRUST_NOT_YET_VALID] = "not yet valid",
	[IFGW_TRUST_EXPIRED] = "expired",
	[IFGW_TRUST_REVOKED] = "revoked",
	[IFGW_TRUST_CRL_INVALID] = "CRL invalid",
	[IFGW_TRUST_PIN_MISMATCH] = "pin mismatch",
	[IFGW_TRUST_WRONG_USAGE] = "wrong usage",
	[IFGW_TRUST_BAD_KEY] = "bad key",
	[IFGW_TRUST_NOT_BOUND] = "not bound",
};

static const char *const name_kind_words[] = {
	[IFGW_TRUST_NAME_CN] = "cn",
	[IFGW_TRUST_NAME_O] = "o",
	[IFGW_TRUST_NAME_SERIAL] = "serialNumber",
	[IFGW_TRUST_NAME_DNS] = "dns",
	[IFGW_TRUST_NAME_URI] = "uri",
};

const char *ifgw_trust_verdict_name(enum ifgw_trust_verdict v)
{
	if ((size_t)v < sizeof(verdict_names) / sizeof(verdict_names[0]) && verdict_names[v])
		return verdict_names[v];
	return "?";
}

int ifgw_trust_new(struct ifgw_trust **out, const char *partner_name)
{
	struct ifgw_trust *t;

	IFGW_ASSERT_ARG(out);

	*out = NULL;
	if (!(t = calloc(1, sizeof(*t))))
		return ifgw_error_set(IFGW_ENOMEM, "trust: out of memory");
	snprintf(t->name, sizeof(t->name), "%s", partner_name && *partner_name ? partner_name : "?");
	t->crl_max_age = IFGW_TRUST_CRL_MAX_AGE_DEFAULT;
	if (!(t->cas = sk_X509_new_null())) {
		free(t);
		return ifgw_error_set(IFGW_ENOMEM, "trust: out of memory");
	}
	*out = t;
	return IFGW_OK;
}

void ifgw_trust_free(struct ifgw_trust *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->ncerts; i++)
		X509_free(t->certs[i].x);
	for (i = 0; i < t->ncrls; i++)
		X509_CRL_free(t->crls[i].crl);
	sk_X509_pop_free(t->cas, X509_free);
	X509_STORE_free(t->store);
	free(t);
}

const char *ifgw_trust_name(const struct ifgw_trust *t)
{
	return t->name;
}

size_t ifgw_trust_cert_count(const struct ifgw_trust *t)
{
	return t->ncerts;
}

X509 *ifgw_trust_cert_at(const struct ifgw_trust *t, size_t i)
{
	return i < t->ncerts ? t->certs[i].x : NULL;
}

size_t ifgw_trust_ca_count(const struct ifgw_trust *t)
{
	return (size_t)sk_X509_num(t->cas);
}

X509 *ifgw_trust_ca_at(const struct ifgw_trust *t, size_t i)
{
	return i < (size_t)sk_X509_num(t->cas) ? sk_X509_value(t->cas, (int)i) : NULL;
}

size_t ifgw_trust_pin_count(const struct ifgw_trust *t)
{
	return t->npins;
}

void ifgw_trust_pin_at(const struct ifgw_trust *t, size_t i, char out[45])
{
	out[0] = '\0';
	if (i < t->npins)
		EVP_EncodeBlock((unsigned char *)out, t->pins[i], 32);
}

int ifgw_trust_add_cert(struct ifgw_trust *t, X509 *cert)
{
	struct trust_cert *c;
	size_t i;
	int rc;

	IFGW_ASSERT_ARG(t);
	IFGW_ASSERT_ARG(cert);

	for (i = 0; i < t->ncerts; i++)
		if (X509_cmp(t->certs[i].x, cert) == 0)
			return IFGW_OK; /* the same certificate twice is harmless */
	if (t->ncerts >= IFGW_TRUST_MAX_CERTS)
		return ifgw_error_set(IFGW_EOVERFLOW, "partner %s: more than %d certificates", t->name,
				      IFGW_TRUST_MAX_CERTS);
	c = &t->certs[t->ncerts];
	if ((rc = ifgw_cert_validity(&c->not_before, &c->not_after, cert)) != IFGW_OK ||
	    (rc = ifgw_cert_spki_sha256(c->spki, cert)) != IFGW_OK)
		return rc;
	X509_up_ref(cert);
	c->x = cert;
	t->ncerts++;
	return IFGW_OK;
}

int ifgw_trust_add_ca(struct ifgw_trust *t, X509 *ca)
{
	char subject[IFGW_CERT_NAME_MAX];
	int j;

	IFGW_ASSERT_ARG(t);
	IFGW_ASSERT_ARG(ca);

	for (j = 0; j < sk_X509_num(t->cas); j++)
		if (X509_cmp(sk_X509_value(t->cas, j), ca) == 0)
			return IFGW_OK;
	if ((size_t)sk_X509_num(t->cas) >= IFGW_TRUST_MAX_CERTS)
		return ifgw_error_set(IFGW_EOVERFLOW, "partner %s: more than %d CA certificates", t->name,
				      IFGW_TRUST_MAX_CERTS);
	if (!(X509_get_extension_flags(ca) & EXFLAG_CA)) {
		ifgw_cert_subject(subject, ca);
		return ifgw_error_set(IFGW_ETRUST, "partner %s: %s is not a CA certificate (basicConstraints CA:TRUE)",
				      t->name, subject);
	}
	if (!t->store) {
		if (!(t->store = X509_STORE_new()))
			return ifgw_error_set(IFGW_ENOMEM, "trust: out of memory");
	}
	if (!X509_STORE_add_cert(t->store, ca)) {
		ERR_clear_error();
		return ifgw_error_set(IFGW_ENOMEM, "trust: cannot add a CA certificate");
	}
	X509_up_ref(ca);
	if (!sk_X509_push(t->cas, ca)) {
		X509_free(ca);
		return ifgw_error_set(IFGW_ENOMEM, "trust: out of memory");
	}
	return IFGW_OK;
}

/* A CRL counts only when a configured CA signed it: one named as its issuer,
 * allowed to sign CRLs, whose key verifies the CRL's signature.  A CRL that
 * cannot be verified is refused, never kept unchecked. */
static int crl_signed_by_ca(const struct ifgw_trust *t, X509_CRL *crl)
{
	char issuer[IFGW_CERT_NAME_MAX];
	EVP_PKEY *key;
	X509 *ca;
	int j, named = 0, may_sign = 0, verified = 0, rc = IFGW_OK;

	for (j = 0; j < sk_X509_num(t->cas) && !verified; j++) {
		ca = sk_X509_value(t->cas, j);
		if (X509_NAME_cmp(X509_get_subject_name(ca), X509_CRL_get_issuer(crl)) != 0)
			continue;
		named = 1;
		if (!(X509_get_key_usage(ca) & KU_CRL_SIGN)) /* all bits when keyUsage is absent */
			continue;
		may_sign = 1;
		verified = (key = X509_get0_pubkey(ca)) && X509_CRL_verify(crl, key) == 1;
	}
	ERR_clear_error();
	if (verified)
		goto out;
	ifgw_cert_name(issuer, X509_CRL_get_issuer(crl));
	if (sk_X509_num(t->cas) == 0)
		rc = ifgw_error_set(IFGW_ETRUST, "partner %s: the CRL of %s cannot be verified: no CA configured",
				    t->name, issuer);
	else if (!named)
		rc = ifgw_error_set(IFGW_ETRUST, "partner %s: the CRL of %s cannot be verified: its issuer is not a "
				    "configured CA", t->name, issuer);
	else if (!may_sign)
		rc = ifgw_error_set(IFGW_ETRUST, "partner %s: the CRL of %s cannot be verified: the CA may not sign "
				    "CRLs (keyUsage lacks cRLSign)", t->name, issuer);
	else
		rc = ifgw_error_set(IFGW_ETRUST, "partner %s: the CRL of %s has a bad signature", t->name, issuer);
out:
	return rc;
}

int ifgw_trust_add_crl(struct ifgw_trust *t, X509_CRL *crl)
{
	struct trust_crl *c;
	char issuer[IFGW_CERT_NAME_MAX];
	struct ifgw_error kept;
	int rc;

	IFGW_ASSERT_ARG(t);
	IFGW_ASSERT_ARG(crl);

	if (t->ncrls >= TRUST_MAX_CRLS)
		return ifgw_error_set(IFGW_EOVERFLOW, "partner %s: more than %d CRLs", t->name, TRUST_MAX_CRLS);
	if ((rc = crl_signed_by_ca(t, crl)) != IFGW_OK)
		return rc;
	c = &t->crls[t->ncrls];
	c->has_next = X509_CRL_get0_nextUpdate(crl) != NULL;
	c->next_update = 0;
	ifgw_error_save(&kept); /* replaced by a message that names the partner and the issuer */
	rc = ifgw_cert_time(&c->this_update, X509_CRL_get0_lastUpdate(crl));
	if (rc == IFGW_OK && c->has_next)
		rc = ifgw_cert_time(&c->next_update, X509_CRL_get0_nextUpdate(crl));
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK) {
		ifgw_cert_name(issuer, X509_CRL_get_issuer(crl));
		return ifgw_error_set(IFGW_EPARSE, "partner %s: the CRL of %s has an unreadable date", t->name, issuer);
	}
	X509_CRL_up_ref(crl);
	c->crl = crl;
	t->ncrls++;
	return IFGW_OK;
}

int ifgw_trust_set_crl_max_age(struct ifgw_trust *t, int64_t seconds)
{
	IFGW_ASSERT_ARG(t);

	if (seconds <= 0)
		return ifgw_error_set(IFGW_EINVAL, "partner %s: CRL maximum age must be positive, not %lld s", t->name,
				      (long long)seconds);
	t->crl_max_age = seconds;
	return IFGW_OK;
}

int ifgw_trust_name_kind_parse(enum ifgw_trust_name_kind *out, const char *word)
{
	size_t i;

	IFGW_ASSERT_ARG(out && word);
	for (i = 0; i < sizeof(name_kind_words) / sizeof(name_kind_words[0]); i++)
		if (strcmp(word, name_kind_words[i]) == 0) {
			*out = (enum ifgw_trust_name_kind)i;
			return IFGW_OK;
		}
	return ifgw_error_set(IFGW_EINVAL, "peer name kind '%.40s': expected cn, o, serialNumber, dns or uri", word);
}

const char *ifgw_trust_name_kind_word(enum ifgw_trust_name_kind kind)
{
	return (size_t)kind < sizeof(name_kind_words) / sizeof(name_kind_words[0]) ? name_kind_words[kind] : "?";
}

int ifgw_trust_add_name(struct ifgw_trust *t, enum ifgw_trust_name_kind kind, const char *value)
{
	struct trust_name *n;
	size_t len;

	IFGW_ASSERT_ARG(t && value);

	len = strlen(value);
	if ((size_t)kind >= sizeof(name_kind_words) / sizeof(name_kind_words[0]))
		return ifgw_error_set(IFGW_EINVAL, "partner %s: peer name kind %d: unknown", t->name, (int)kind);
	if (len == 0 || len >= IFGW_TRUST_NAME_VALUE_MAX)
		return ifgw_error_set(IFGW_EINVAL, "partner %s: peer name %s: empty or longer than %d bytes", t->name,
				      name_kind_words[kind], IFGW_TRUST_NAME_VALUE_MAX - 1);
	if (t->nnames >= IFGW_TRUST_MAX_NAMES)
		return ifgw_error_set(IFGW_EOVERFLOW, "partner %s: more than %d peer names", t->name,
				      IFGW_TRUST_MAX_NAMES);
	n = &t->names[t->nnames++];
	n->kind = kind;
	memcpy(n->value, value, len + 1);
	n->len = len;
	return IFGW_OK;
}

size_t ifgw_trust_name_count(const struct ifgw_trust *t)
{
	return t->nnames;
}

int ifgw_trust_add_cert_file(struct ifgw_trust *t, const char *pem_path)
{
	STACK_OF(X509) *sk = NULL;
	int j, rc;

	IFGW_ASSERT_ARG(t);
	IFGW_ASSERT_ARG(pem_path);

	if ((rc = ifgw_cert_read_pem(&sk, pem_path)) != IFGW_OK)
		return rc;
	for (j = 0; j < sk_X509_num(sk) && rc == IFGW_OK; j++)
		rc = ifgw_trust_add_cert(t, sk_X509_value(sk, j));
	sk_X509_pop_free(sk, X509_free);
	return rc;
}

int ifgw_trust_add_ca_file(struct ifgw_trust *t, const char *pem_path)
{
	STACK_OF(X509) *sk = NULL;
	struct ifgw_error kept;
	int j, rc;

	IFGW_ASSERT_ARG(t);
	IFGW_ASSERT_ARG(pem_path);

	if ((rc = ifgw_cert_read_pem(&sk, pem_path)) != IFGW_OK)
		return rc;
	for (j = 0; j < sk_X509_num(sk) && rc == IFGW_OK; j++) {
		ifgw_error_save(&kept); /* replaced by a message that names the file and the certificate */
		rc = ifgw_trust_add_ca(t, sk_X509_value(sk, j));
		ifgw_error_restore(&kept);
		if (rc != IFGW_OK)
			rc = ifgw_error_set(rc, "%s: certificate %d: not usable as a CA of partner %s", pem_path,
					    j + 1, t->name);
	}
	sk_X509_pop_free(sk, X509_free);
	return rc;
}

int ifgw_trust_add_crl_file(struct ifgw_trust *t, const char *pem_path)
{
	STACK_OF(X509_CRL) *sk = NULL;
	int j, rc;

	IFGW_ASSERT_ARG(t);
	IFGW_ASSERT_ARG(pem_path);

	if ((rc = ifgw_cert_read_crls(&sk, pem_path)) != IFGW_OK)
		return rc;
	for (j = 0; j < sk_X509_CRL_num(sk) && rc == IFGW_OK; j++)
		if ((rc = ifgw_trust_add_crl(t, sk_X509_CRL_value(sk, j))) != IFGW_OK)
			rc = ifgw_error_wrap(rc, "%s: CRL %d", pem_path, j + 1);
	sk_X509_CRL_pop_free(sk, X509_CRL_free);
	return rc;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int is_base64_char(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
	       c == '/';
}

int ifgw_trust_add_pin(struct ifgw_trust *t, const char *pin)
{
	unsigned char raw[33];
	const char *p = pin;
	size_t len, i;
	int hi, lo;

	IFGW_ASSERT_ARG(t);
	IFGW_ASSERT_ARG(pin);

	if (strncmp(p, "sha256//", 8) == 0)
		p += 8;
	len = strlen(p);
	if (t->npins >= IFGW_TRUST_MAX_PINS)
		return ifgw_error_set(IFGW_EOVERFLOW, "partner %s: more than %d pins", t->name,
				      IFGW_TRUST_MAX_PINS);
	if (len == 64) {
		for (i = 0; i < 32; i++) {
			hi = hexval((unsigned char)p[2 * i]);
			lo = hexval((unsigned char)p[2 * i + 1]);
			if (hi < 0 || lo < 0)
				goto bad;
			raw[i] = (unsigned char)(hi << 4 | lo);
		}
	} else if (len == 44 && p[43] == '=' && p[42] != '=') {
		for (i = 0; i < 43; i++)
			if (!is_base64_char((unsigned char)p[i]))
				goto bad;
		if (EVP_DecodeBlock(raw, (const unsigned char *)p, 44) != 33)
			goto bad;
	} else {
		goto bad;
	}
	for (i = 0; i < t->npins; i++)
		if (memcmp(t->pins[i], raw, 32) == 0)
			return IFGW_OK;
	memcpy(t->pins[t->npins++], raw, 32);
	return IFGW_OK;
bad:
	ERR_clear_error();
	return ifgw_error_set(IFGW_EINVAL,
			      "partner %s: pin '%.80s': not a SHA-256 pin (44 base64 or 64 hex characters)",
			      t->name, pin);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

/* Every *.pem / *.crt of dir, in name order, as configured certificates. */
static int add_dir(struct ifgw_trust *t, const char *dir)
{
	char eb[IFGW_STRERROR_SIZE];
	char *names[TRUST_DIR_MAX_FILES];
	struct ifgw_buf path;
	struct dirent *e;
	size_t n = 0, i;
	DIR *d;
	int rc = IFGW_OK;

	ifgw_buf_init(&path, 4096);
	if (!(d = opendir(dir)))
		return ifgw_error_set(IFGW_EIO, "%s: cannot open directory: %s", dir, ifgw_strerror(errno, eb, sizeof(eb)));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !(has_suffix(e->d_name, ".pem") || has_suffix(e->d_name, ".crt")))
			continue;
		if (n >= TRUST_DIR_MAX_FILES) {
			rc = ifgw_error_set(IFGW_EOVERFLOW, "%s: more than %d certificate files", dir,
					    TRUST_DIR_MAX_FILES);
			goto out;
		}
		if (!(names[n] = strdup(e->d_name))) {
			rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", dir);
			goto out;
		}
		n++;
	}
	if (n == 0) {
		rc = ifgw_error_set(IFGW_ENOTFOUND, "%s: no *.pem or *.crt certificate file in the directory", dir);
		goto out;
	}
	qsort(names, n, sizeof(names[0]), compare_names);
	for (i = 0; i < n && rc == IFGW_OK; i++) {
		ifgw_buf_reset(&path);
		if ((rc = ifgw_buf_addf(&path, "%s/%s", dir, names[i])) == IFGW_OK)
			rc = ifgw_trust_add_cert_file(t, path.ptr);
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	closedir(d);
	ifgw_buf_free(&path);
	return rc;
}

int ifgw_trust_load_path(struct ifgw_trust **out, const char *cert_or_dir)
{
	char eb[IFGW_STRERROR_SIZE];
	struct ifgw_trust *t = NULL;
	char name[TRUST_NAME_MAX];
	const char *base;
	struct stat st;
	size_t len;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cert_or_dir);

	*out = NULL;
	/* The partner is named after the last path component ("certs/DE/" -> "DE"). */
	len = strlen(cert_or_dir);
	while (len > 1 && cert_or_dir[len - 1] == '/')
		len--;
	base = cert_or_dir;
	for (size_t i = 0; i + 1 < len; i++)
		if (cert_or_dir[i] == '/')
			base = cert_or_dir + i + 1;
	snprintf(name, sizeof(name), "%.*s", (int)(len - (size_t)(base - cert_or_dir)), base);
	if ((rc = ifgw_trust_new(&t, name)) != IFGW_OK)
		goto out;
	if (stat(cert_or_dir, &st) != 0) {
		rc = ifgw_error_set(IFGW_EIO, "%s: %s", cert_or_dir, ifgw_strerror(errno, eb, sizeof(eb)));
		goto out;
	}
	rc = S_ISDIR(st.st_mode) ? add_dir(t, cert_or_dir) : ifgw_trust_add_cert_file(t, cert_or_dir);
	if (rc != IFGW_OK)
		goto out;
	*out = t;
	t = NULL; /* handed to the caller */
out:
	ifgw_trust_free(t);
	return rc;
}

X509 *ifgw_trust_find(const struct ifgw_trust *t, X509 *cert)
{
	unsigned char spki[32];
	struct ifgw_error kept;
	int rc;
	size_t i;

	for (i = 0; i < t->ncerts; i++)
		if (X509_cmp(t->certs[i].x, cert) == 0)
			return t->certs[i].x;
	if (t->ncerts == 0)
		return NULL;
	ifgw_error_save(&kept); /* a key that cannot be hashed is simply not found */
	rc = ifgw_cert_spki_sha256(spki, cert);
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK)
		return NULL;
	for (i = 0; i < t->ncerts; i++)
		if (memcmp(t->certs[i].spki, spki, 32) == 0)
			return t->certs[i].x;
	return NULL;
}

/* One refusal: verdict, IFGW_ETRUST and a message naming partner and certificate. */
static int refuse(enum ifgw_trust_verdict *verdict, enum ifgw_trust_verdict v, const struct ifgw_trust *t,
		  const char *what, const X509 *cert, const char *fmt, ...) IFGW_PRINTF(6, 7);

static int refuse(enum ifgw_trust_verdict *verdict, enum ifgw_trust_verdict v, const struct ifgw_trust *t,
		  const char *what, const X509 *cert, const char *fmt, ...)
{
	char subject[IFGW_CERT_NAME_MAX];
	char reason[512];
	va_list ap;

	if (verdict)
		*verdict = v;
	ifgw_cert_subject(subject, cert);
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	return ifgw_error_set(IFGW_ETRUST, "partner %s: %s %s %s", t->name, what, subject, reason);
}

/* notBefore <= now <= notAfter. */
static int check_window(enum ifgw_trust_verdict *verdict, const struct ifgw_trust *t, const char *what,
			const X509 *cert, int64_t nb, int64_t na, int64_t now)
{
	char when[IFGW_DATETIME_STRLEN], at[IFGW_DATETIME_STRLEN];

	ifgw_datetime_format(now, at);
	if (now < nb) {
		ifgw_datetime_format(nb, when);
		return refuse(verdict, IFGW_TRUST_NOT_YET_VALID, t, what, cert, "is not yet valid (from %s, now %s)",
			      when, at);
	}
	if (now > na) {
		ifgw_datetime_format(na, when);
		return refuse(verdict, IFGW_TRUST_EXPIRED, t, what, cert, "expired on %s (now %s)", when, at);
	}
	return IFGW_OK;
}

static int check_window_x509(enum ifgw_trust_verdict *verdict, const struct ifgw_trust *t, const char *what,
			     const X509 *cert, int64_t now)
{
	struct ifgw_error kept;
	int64_t nb, na;
	int rc;

	ifgw_error_save(&kept); /* replaced by the refusal, which names the certificate */
	rc = ifgw_cert_validity(&nb, &na, cert);
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK)
		return refuse(verdict, IFGW_TRUST_BAD_KEY, t, what, cert, "has an unreadable validity");
	return check_window(verdict, t, what, cert, nb, na, now);
}

/* When a CRL goes out of date: its nextUpdate, or without one its thisUpdate
 * plus the trust's maximum age. */
static int64_t crl_stale_after(const struct ifgw_trust *t, const struct trust_crl *c)
{
	if (c->has_next)
		return c->next_update;
	return c->this_update > INT64_MAX - t->crl_max_age ? INT64_MAX : c->this_update + t->crl_max_age;
}

/* Not listed by any CRL of its issuer; every such CRL current (all were
 * verified by a configured CA when added). */
static int check_revocation(enum ifgw_trust_verdict *verdict, const struct ifgw_trust *t, const char *what,
			    X509 *cert, int64_t now)
{
	char issuer[IFGW_CERT_NAME_MAX], when[IFGW_DATETIME_STRLEN];
	const struct trust_crl *c;
	X509_REVOKED *rev = NULL;
	struct ifgw_error kept;
	int64_t revoked_at, stale;
	size_t i;

	for (i = 0; i < t->ncrls; i++) {
		c = &t->crls[i];
		if (X509_NAME_cmp(X509_CRL_get_issuer(c->crl), X509_get_issuer_name(cert)) != 0)
			continue;
		stale = crl_stale_after(t, c);
		if (c->this_update <= now && now <= stale && X509_CRL_get0_by_cert(c->crl, &rev, cert) != 1)
			continue; /* the common case: current, and not listed */
		/* A refusal: only now is it worth naming the issuer. */
		ifgw_cert_name(issuer, X509_CRL_get_issuer(c->crl));
		if (c->this_update > now) {
			ifgw_datetime_format(c->this_update, when);
			return refuse(verdict, IFGW_TRUST_CRL_INVALID, t, what, cert,
				      "cannot be checked: the CRL of %s is not yet valid (issued %s)", issuer, when);
		}
		if (now > stale && !c->has_next) {
			ifgw_datetime_format(c->this_update, when);
			return refuse(verdict, IFGW_TRUST_CRL_INVALID, t, what, cert,
				      "cannot be checked: the CRL of %s has no nextUpdate and is older than the maximum "
				      "age of %lld %s (issued %s); fetch a new one", issuer,
				      (long long)(t->crl_max_age % 86400 ? t->crl_max_age : t->crl_max_age / 86400),
				      t->crl_max_age % 86400 ? "seconds" : t->crl_max_age == 86400 ? "day" : "days", when);
		}
		if (now > stale) {
			ifgw_datetime_format(stale, when);
			return refuse(verdict, IFGW_TRUST_CRL_INVALID, t, what, cert,
				      "cannot be checked: the CRL of %s is out of date since %s; fetch a new one", issuer,
				      when);
		}
		ifgw_error_save(&kept); /* an unreadable date: the CRL's own date stands in */
		if (ifgw_cert_time(&revoked_at, X509_REVOKED_get0_revocationDate(rev)) != IFGW_OK)
			revoked_at = c->this_update;
		ifgw_error_restore(&kept);
		ifgw_datetime_format(revoked_at, when);
		return refuse(verdict, IFGW_TRUST_REVOKED, t, what, cert, "revoked on %s by the CRL of %s", when,
			      issuer);
	}
	return IFGW_OK;
}

/* Does cert chain to one of the partner's CAs, at OpenSSL security level 2
 * (keys and signatures of 112 bits or more)?  Times are checked apart,
 * against the injected clock, so that the reason can name the certificate.
 * When the chain fails only for its strength, *weak is the certificate
 * found too weak (a reference) and *weak_depth its depth (0: cert). */
static int chain_to_ca(STACK_OF(X509) **chain, X509 **weak, int *weak_depth, char *why, size_t whylen,
		       const struct ifgw_trust *t, X509 *cert, STACK_OF(X509) *untrusted)
{
	X509_STORE_CTX *ctx = NULL;
	STACK_OF(X509) *pool = NULL;
	int j, err, ok = 0;

	*chain = NULL;
	*weak = NULL;
	*weak_depth = 0;
	snprintf(why, whylen, "no CA configured");
	if (!t->store)
		goto out;
	snprintf(why, whylen, "out of memory");
	if (!(ctx = X509_STORE_CTX_new()) || !(pool = sk_X509_dup(t->cas)))
		goto out;
	for (j = 0; untrusted && j < sk_X509_num(untrusted); j++)
		if (!sk_X509_push(pool, sk_X509_value(untrusted, j)))
			goto out;
	if (!X509_STORE_CTX_init(ctx, t->store, cert, pool))
		goto out;
	/* A partner's CA may be an intermediate: it is the anchor we were given. */
	X509_VERIFY_PARAM_set_flags(X509_STORE_CTX_get0_param(ctx),
				    X509_V_FLAG_NO_CHECK_TIME | X509_V_FLAG_PARTIAL_CHAIN);
	X509_VERIFY_PARAM_set_auth_level(X509_STORE_CTX_get0_param(ctx), IFGW_TRUST_SECURITY_LEVEL);
	if (X509_verify_cert(ctx) == 1) {
		*chain = X509_STORE_CTX_get1_chain(ctx);
		ok = *chain != NULL;
		goto out;
	}
	err = X509_STORE_CTX_get_error(ctx);
	snprintf(why, whylen, "%s", X509_verify_cert_error_string(err));
	if ((err == X509_V_ERR_EE_KEY_TOO_SMALL || err == X509_V_ERR_CA_KEY_TOO_SMALL ||
	     err == X509_V_ERR_CA_MD_TOO_WEAK) &&
	    (*weak = X509_STORE_CTX_get_current_cert(ctx)) != NULL) {
		X509_up_ref(*weak);
		*weak_depth = X509_STORE_CTX_get_error_depth(ctx);
	}
out:
	ERR_clear_error();
	sk_X509_free(pool); /* shallow: the certificates belong to t and to the caller */
	X509_STORE_CTX_free(ctx);
	return ok;
}

/* Does the extendedKeyUsage of cert allow signing documents: RFC 9336
 * documentSigning, emailProtection (S/MIME signing) or anyExtendedKeyUsage? */
static int eku_allows_signing(X509 *cert)
{
	EXTENDED_KEY_USAGE *eku;
	char oid[64];
	int j, ok = (X509_get_extended_key_usage(cert) & (XKU_SMIME | XKU_ANYEKU)) != 0;

	if (ok)
		return 1;
	if (!(eku = X509_get_ext_d2i(cert, NID_ext_key_usage, NULL, NULL))) {
		ERR_clear_error();
		return 0;
	}
	for (j = 0; !ok && j < sk_ASN1_OBJECT_num(eku); j++)
		ok = OBJ_obj2txt(oid, sizeof(oid), sk_ASN1_OBJECT_value(eku, j), 1) > 0 &&
		     strcmp(oid, TRUST_OID_DOCUMENT_SIGNING) == 0;
	sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
	return ok;
}

/* The certificate is an end entity (not CA:TRUE) whose usages allow what is
 * asked.  Signing needs a keyUsage with digitalSignature or nonRepudiation
 * and, when there is an extendedKeyUsage, one that allows signing (so a TLS
 * certificate cannot sign messages); TLS needs an extendedKeyUsage naming
 * the role (so a signing certificate, which has none, cannot serve TLS). */
static int check_usage(enum ifgw_trust_verdict *verdict, const struct ifgw_trust *t, X509 *cert, unsigned usage)
{
	uint32_t flags = X509_get_extension_flags(cert);
	uint32_t ku = X509_get_key_usage(cert);
	uint32_t eku = flags & EXFLAG_XKUSAGE ? X509_get_extended_key_usage(cert) : 0;

	if (flags & EXFLAG_INVALID)
		return refuse(verdict, IFGW_TRUST_BAD_KEY, t, "certificate", cert, "has malformed extensions");
	if (usage && (flags & EXFLAG_CA))
		return refuse(verdict, IFGW_TRUST_WRONG_USAGE, t, "certificate", cert,
			      "is a CA certificate (basicConstraints CA:TRUE), not an end-entity one");
	if ((usage & IFGW_TRUST_SIGNING) && !(flags & EXFLAG_KUSAGE))
		return refuse(verdict, IFGW_TRUST_WRONG_USAGE, t, "certificate", cert,
			      "may not sign (no keyUsage: digitalSignature or nonRepudiation required)");
	if ((usage & IFGW_TRUST_SIGNING) && !(ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)))
		return refuse(verdict, IFGW_TRUST_WRONG_USAGE, t, "certificate", cert,
			      "may not sign (keyUsage lacks digitalSignature and nonRepudiation)");
	if ((usage & IFGW_TRUST_SIGNING) && (flags & EXFLAG_XKUSAGE) && !eku_allows_signing(cert))
		return refuse(verdict, IFGW_TRUST_WRONG_USAGE, t, "certificate", cert,
			      "may not sign (extendedKeyUsage lacks documentSigning, emailProtection and "
			      "anyExtendedKeyUsage)");
	if ((usage & (IFGW_TRUST_TLS_CLIENT | IFGW_TRUST_TLS_SERVER)) &&
	    !(ku & (KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT)))
		return refuse(verdict, IFGW_TRUST_WRONG_USAGE, t, "certificate", cert,
			      "may not be used for TLS (keyUsage)");
	if ((usage & IFGW_TRUST_TLS_CLIENT) && !(eku & XKU_SSL_CLIENT))
		return refuse(verdict, IFGW_TRUST_WRONG_USAGE, t, "certificate", cert,
			      "is not a TLS client certificate (extendedKeyUsage lacks clientAuth)");
	if ((usage & IFGW_TRUST_TLS_SERVER) && !(eku & XKU_SSL_SERVER))
		return refuse(verdict, IFGW_TRUST_WRONG_USAGE, t, "certificate", cert,
			      "is not a TLS server certificate (extendedKeyUsage lacks serverAuth)");
	return IFGW_OK;
}

/* Key and signature worth IFGW_TRUST_MIN_BITS or more (OpenSSL security
 * level 2): no RSA under 2048 bits, no SHA-1 or MD5.  The signature of a
 * self-signed CA, the anchor, proves nothing and is not judged. */
static int check_strength(enum ifgw_trust_verdict *verdict, const struct ifgw_trust *t, const char *what,
			  X509 *cert)
{
	EVP_PKEY *pub = X509_get0_pubkey(cert);
	int bits, mdnid = NID_undef, pknid = NID_undef, secbits = -1;
	uint32_t sigflags = 0;

	if (!pub) {
		ERR_clear_error();
		return refuse(verdict, IFGW_TRUST_BAD_KEY, t, what, cert, "has an unreadable public key");
	}
	bits = EVP_PKEY_get_security_bits(pub);
	if (EVP_PKEY_is_a(pub, "RSA") && bits < IFGW_TRUST_MIN_BITS)
		return refuse(verdict, IFGW_TRUST_BAD_KEY, t, what, cert,
			      "has an RSA key of %d bits: at least 2048 required (security level %d)",
			      EVP_PKEY_get_bits(pub), IFGW_TRUST_SECURITY_LEVEL);
	if (bits < IFGW_TRUST_MIN_BITS)
		return refuse(verdict, IFGW_TRUST_BAD_KEY, t, what, cert,
			      "has a %s key of %d bits (%d-bit security): at least %d-bit required (security level %d)",
			      EVP_PKEY_get0_type_name(pub), EVP_PKEY_get_bits(pub), bits, IFGW_TRUST_MIN_BITS,
			      IFGW_TRUST_SECURITY_LEVEL);
	if ((X509_get_extension_flags(cert) & (EXFLAG_CA | EXFLAG_SS)) == (EXFLAG_CA | EXFLAG_SS))
		return IFGW_OK;
	if (!X509_get_signature_info(cert, &mdnid, &pknid, &secbits, &sigflags)) {
		ERR_clear_error();
		return refuse(verdict, IFGW_TRUST_BAD_KEY, t, what, cert, "has an unknown signature algorithm");
	}
	if (secbits < IFGW_TRUST_MIN_BITS)
		return refuse(verdict, IFGW_TRUST_BAD_KEY, t, what, cert,
			      "is signed with %s (%d-bit security): at least %d-bit required (security level %d)",
			      OBJ_nid2ln(X509_get_signature_nid(cert)), secbits, IFGW_TRUST_MIN_BITS,
			      IFGW_TRUST_SECURITY_LEVEL);
	return IFGW_OK;
}

/* Is s (an ASN.1 string of any type) exactly the peer name n?  DNS names
 * compare without regard to ASCII case; nothing else does. */
static int string_is(const ASN1_STRING *s, const struct trust_name *n)
{
	unsigned char *utf8 = NULL;
	int len, same;

	if (n->kind == IFGW_TRUST_NAME_DNS)
		return ASN1_STRING_length(s) == (int)n->len &&
		       OPENSSL_strncasecmp((const char *)ASN1_STRING_get0_data(s), n->value, n->len) == 0;
	if (n->kind == IFGW_TRUST_NAME_URI)
		return ASN1_STRING_length(s) == (int)n->len && memcmp(ASN1_STRING_get0_data(s), n->value, n->len) == 0;
	if ((len = ASN1_STRING_to_UTF8(&utf8, s)) < 0) {
		ERR_clear_error();
		return 0;
	}
	same = (size_t)len == n->len && memcmp(utf8, n->value, n->len) == 0;
	OPENSSL_free(utf8);
	return same;
}

/* Does cert carry the peer name n, in its subject or its subjectAltName? */
static int names_peer(X509 *cert, const struct trust_name *n)
{
	static const int nids[] = {
		[IFGW_TRUST_NAME_CN] = NID_commonName,
		[IFGW_TRUST_NAME_O] = NID_organizationName,
		[IFGW_TRUST_NAME_SERIAL] = NID_serialNumber,
	};
	const X509_NAME *subject = X509_get_subject_name(cert);
	GENERAL_NAMES *alt;
	const GENERAL_NAME *g;
	int j, want, found = 0;

	if (n->kind == IFGW_TRUST_NAME_CN || n->kind == IFGW_TRUST_NAME_O || n->kind == IFGW_TRUST_NAME_SERIAL) {
		for (j = -1; !found && (j = X509_NAME_get_index_by_NID(subject, nids[n->kind], j)) >= 0;)
			found = string_is(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, j)), n);
		return found;
	}
	want = n->kind == IFGW_TRUST_NAME_DNS ? GEN_DNS : GEN_URI;
	if (!(alt = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL))) {
		ERR_clear_error();
		return 0;
	}
	for (j = 0; !found && j < sk_GENERAL_NAME_num(alt); j++) {
		g = sk_GENERAL_NAME_value(alt, j);
		found = g->type == want && string_is(want == GEN_DNS ? g->d.dNSName : g->d.uniformResourceIdentifier, n);
	}
	GENERAL_NAMES_free(alt);
	return found;
}

/* A certificate the partner's CA issued is the partner's only when it
 * carries one of its peer names, or matches a pin (checked apart: pins bind
 * every certificate when set). */
static int check_bound(enum ifgw_trust_verdict *verdict, const struct ifgw_trust *t, X509 *cert)
{
	char expected[256] = "";
	size_t i, used = 0;
	int n;

	if (t->npins)
		return IFGW_OK;
	if (t->nnames == 0)
		return refuse(verdict, IFGW_TRUST_NOT_BOUND, t, "certificate", cert,
			      "is issued by the partner's CA, but the partner has no peer name nor pin to bind it "
			      "(configure Trust/PeerName or Trust/Pin)");
	for (i = 0; i < t->nnames; i++)
		if (names_peer(cert, &t->names[i]))
			return IFGW_OK;
	for (i = 0; i < t->nnames && used < sizeof(expected); i++) {
		n = snprintf(expected + used, sizeof(expected) - used, "%s%s %s", i ? ", " : "",
			     name_kind_words[t->names[i].kind], t->names[i].value);
		used += n > 0 ? (size_t)n : 0;
	}
	return refuse(verdict, IFGW_TRUST_NOT_BOUND, t, "certificate", cert,
		      "is issued by the partner's CA but does not name the partner (expected %s)", expected);
}

int ifgw_trust_verify(enum ifgw_trust_verdict *verdict, const struct ifgw_trust *t, X509 *cert,
		      STACK_OF(X509) *untrusted, unsigned usage)
{
	const struct trust_cert *known = NULL;
	STACK_OF(X509) *chain = NULL;
	X509 *subject, *found, *weak = NULL;
	unsigned char spki[32];
	char why[256];
	int64_t now = ifgw_clock_now();
	size_t i;
	int j, weak_depth = 0, rc = IFGW_OK;

	IFGW_ASSERT_ARG(t);
	IFGW_ASSERT_ARG(cert);

	if (verdict)
		*verdict = IFGW_TRUST_OK;
	found = ifgw_trust_find(t, cert);
	for (i = 0; found && i < t->ncerts; i++)
		if (t->certs[i].x == found)
			known = &t->certs[i];
	if (known) {
		/* Matched by DER or by key: the configured certificate is the one checked. */
		subject = known->x;
		if ((rc = check_window(verdict, t, "certificate", subject, known->not_before, known->not_after,
				       now)) != IFGW_OK)
			goto out;
	} else {
		if (usage & IFGW_TRUST_SIGNING) {
			rc = refuse(verdict, IFGW_TRUST_UNKNOWN, t, "certificate", cert,
				    "is an unknown signer (not one of the partner's %zu configured certificates)",
				    t->ncerts);
			goto out;
		}
		if (!chain_to_ca(&chain, &weak, &weak_depth, why, sizeof(why), t, cert, untrusted)) {
			/* Too weak for level 2: say which certificate and why, in our words. */
			if (weak && (rc = check_strength(verdict, t, weak_depth ? "CA certificate" : "certificate",
							 weak)) != IFGW_OK)
				goto out;
			rc = refuse(verdict, IFGW_TRUST_UNKNOWN, t, "certificate", cert,
				    "is unknown: not one of the partner's %zu certificates, and not issued by its CA (%s)",
				    t->ncerts, why);
			goto out;
		}
		subject = cert;
		if ((rc = check_bound(verdict, t, subject)) != IFGW_OK)
			goto out;
		if ((rc = check_window_x509(verdict, t, "certificate", subject, now)) != IFGW_OK)
			goto out;
		for (j = 1; j < sk_X509_num(chain); j++)
			if ((rc = check_window_x509(verdict, t, "CA certificate", sk_X509_value(chain, j), now)) !=
			    IFGW_OK)
				goto out;
	}
	if ((rc = check_revocation(verdict, t, "certificate", subject, now)) != IFGW_OK)
		goto out;
	for (j = 1; j < sk_X509_num(chain); j++)
		if ((rc = check_revocation(verdict, t, "CA certificate", sk_X509_value(chain, j), now)) != IFGW_OK)
			goto out;
	if (t->npins) {
		if (known)
			memcpy(spki, known->spki, 32);
		else if ((rc = ifgw_cert_spki_sha256(spki, subject)) != IFGW_OK)
			goto out;
		for (i = 0; i < t->npins; i++)
			if (CRYPTO_memcmp(t->pins[i], spki, 32) == 0)
				break;
		if (i == t->npins) {
			rc = refuse(verdict, IFGW_TRUST_PIN_MISMATCH, t, "certificate", subject,
				    "does not match any of the partner's %zu pins", t->npins);
			goto out;
		}
	}
	if ((rc = check_strength(verdict, t, "certificate", subject)) != IFGW_OK)
		goto out;
	for (j = 1; j < sk_X509_num(chain); j++)
		if ((rc = check_strength(verdict, t, "CA certificate", sk_X509_value(chain, j))) != IFGW_OK)
			goto out;
	rc = check_usage(verdict, t, subject, usage);
out:
	X509_free(weak);
	sk_X509_pop_free(chain, X509_free);
	return rc;
}

int ifgw_trust_check(const struct ifgw_trust *t, X509 *cert, unsigned usage)
{
	return ifgw_trust_verify(NULL, t, cert, NULL, usage);
}
