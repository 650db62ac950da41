/* trust.h: what this node trusts of one partner factor.
 *
 * A partner's trust holds its certificates (several at once, so that a key
 * can be rotated with overlap), an optional CA chain, optional SHA-256 SPKI
 * pins and optional CRLs.  ifgw_trust_check() decides whether a certificate
 * the partner presents is acceptable now:
 *
 *  - known: for signing, it must be one of the configured certificates (by
 *    DER, or by public key, in which case the configured certificate is the
 *    one checked): a signature key comes from the partner's own certificates,
 *    never from a CA (DOMAIN.md, "Trust").  For TLS it may instead chain to
 *    a configured CA (the partner's TLS certificate is usually not listed),
 *    and must then be bound to the partner: carry one of its peer names
 *    (subject CN / O / serialNumber, SAN DNS / URI) or match a pin;
 *  - valid at ifgw_clock_now() (never the system clock), and so is every CA
 *    certificate of its chain;
 *  - not revoked by a configured CRL of its issuer; a CRL past its
 *    nextUpdate (or, without one, older than the trust's CRL maximum age)
 *    makes every certificate of its issuer refused as unverifiable;
 *  - its SPKI matches one of the pins, when pins are configured (pins are
 *    partner-wide: list the TLS and the signing keys);
 *  - its key and signature, and those of its CA chain, are worth 112 bits
 *    or more (OpenSSL security level 2: no RSA under 2048, no SHA-1);
 *  - it is an end entity (not CA:TRUE) and its key usage / extended key
 *    usage allow the requested usage: TLS needs clientAuth or serverAuth;
 *    signing needs keyUsage digitalSignature or nonRepudiation and, when
 *    it has an extendedKeyUsage, documentSigning, emailProtection or
 *    anyExtendedKeyUsage (a TLS-only certificate does not sign messages).
 *
 * Refusals are IFGW_ETRUST with a one-line reason naming the certificate:
 * "partner DE: certificate CN=x expired on 2026-01-01", "... revoked on ...",
 * "... does not match any pin", "... unknown signer", "... not yet valid".
 * A trust is immutable after loading and may be shared between threads. */
#ifndef IFGW_CERTS_TRUST_H
#define IFGW_CERTS_TRUST_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

/* Usages for ifgw_trust_check(); 0 checks everything but the usage. */
#define IFGW_TRUST_SIGNING 1u    /* XMLDSig: keyUsage digitalSignature or nonRepudiation (see above) */
#define IFGW_TRUST_TLS_CLIENT 2u /* extendedKeyUsage clientAuth (required) */
#define IFGW_TRUST_TLS_SERVER 4u /* extendedKeyUsage serverAuth (required) */

/* Strength of keys and signatures of a partner's certificates and CA
 * chains: OpenSSL security level 2, 112-bit security (RSA 2048+, P-256,
 * SHA-256; no SHA-1, no MD5). */
#define IFGW_TRUST_SECURITY_LEVEL 2
#define IFGW_TRUST_MIN_BITS 112

/* Cap on what one trust holds, so a bad directory cannot eat memory. */
#define IFGW_TRUST_MAX_CERTS 64
#define IFGW_TRUST_MAX_PINS 16
#define IFGW_TRUST_MAX_NAMES 16
#define IFGW_TRUST_NAME_VALUE_MAX 256

/* Where a partner's name is looked for in a certificate issued by its CA
 * (peer names, see ifgw_trust_add_name). */
enum ifgw_trust_name_kind {
	IFGW_TRUST_NAME_CN = 0, /* subject commonName */
	IFGW_TRUST_NAME_O,      /* subject organizationName */
	IFGW_TRUST_NAME_SERIAL, /* subject serialNumber (e.g. the factor code) */
	IFGW_TRUST_NAME_DNS,    /* subjectAltName dNSName (ASCII case-insensitive, no wildcard) */
	IFGW_TRUST_NAME_URI,    /* subjectAltName uniformResourceIdentifier */
};

struct ifgw_trust;

/* An empty trust for the partner named partner_name (used in messages). */
int ifgw_trust_new(struct ifgw_trust **out, const char *partner_name);
void ifgw_trust_free(struct ifgw_trust *t);

/* Add the certificates of a PEM file (one or more); IFGW_EIO, IFGW_EPARSE,
 * IFGW_EOVERFLOW past IFGW_TRUST_MAX_CERTS. */
int ifgw_trust_add_cert_file(struct ifgw_trust *t, const char *pem_path);
/* Add CA certificates (a root and/or intermediates) from a PEM file. */
int ifgw_trust_add_ca_file(struct ifgw_trust *t, const char *pem_path);
/* Add a pin: SHA-256 of the DER SubjectPublicKeyInfo, base64 (44 chars,
 * optionally "sha256//"-prefixed as curl writes it) or hex (64 chars). */
int ifgw_trust_add_pin(struct ifgw_trust *t, const char *sha256_spki_base64_or_hex);
/* Add a peer name: a TLS certificate that is not one of the configured
 * ones but chains to the partner's CA is the partner's only when it carries
 * one of its peer names exactly (any one), or when it matches a pin.  A CA
 * is shared by many (a commercial CA, a network's CA): without a name or a
 * pin, any certificate it issued could pose as this partner, so such a
 * certificate is refused ("not bound").  IFGW_EINVAL for an empty or
 * over-long value, IFGW_EOVERFLOW past IFGW_TRUST_MAX_NAMES. */
int ifgw_trust_add_name(struct ifgw_trust *t, enum ifgw_trust_name_kind kind, const char *value);
/* "cn", "o", "serialNumber", "dns", "uri" (the configuration's words);
 * IFGW_EINVAL otherwise. */
int ifgw_trust_name_kind_parse(enum ifgw_trust_name_kind *out, const char *word);
const char *ifgw_trust_name_kind_word(enum ifgw_trust_name_kind kind);
size_t ifgw_trust_name_count(const struct ifgw_trust *t);

/* Add the CRLs of a PEM file.  A CRL is kept only when a configured CA
 * verifies it (add the CA first): one whose issuer is not a configured CA,
 * whose CA lacks the cRLSign key usage, or whose signature is bad, is
 * refused (IFGW_ETRUST, naming the file, the CRL and why). */
int ifgw_trust_add_crl_file(struct ifgw_trust *t, const char *pem_path);
/* Add one certificate / CA / CRL held in memory (takes its own reference). */
int ifgw_trust_add_cert(struct ifgw_trust *t, X509 *cert);
int ifgw_trust_add_ca(struct ifgw_trust *t, X509 *ca);
int ifgw_trust_add_crl(struct ifgw_trust *t, X509_CRL *crl);

/* A CRL without nextUpdate stays current this long after its thisUpdate,
 * then is out of date like one past its nextUpdate (default below; the node
 * configuration's CrlMaxAge).  IFGW_EINVAL unless seconds > 0. */
#define IFGW_TRUST_CRL_MAX_AGE_DEFAULT (7 * 86400)
int ifgw_trust_set_crl_max_age(struct ifgw_trust *t, int64_t seconds);

/* Load a PEM file, or every *.pem / *.crt file of a directory (not
 * recursive), as configured certificates of a new trust named after the
 * path; what `ifgw verify --trust CERT_OR_DIR` takes. */
int ifgw_trust_load_path(struct ifgw_trust **out, const char *cert_or_dir);

/* The partner name given at creation; borrowed. */
const char *ifgw_trust_name(const struct ifgw_trust *t);

size_t ifgw_trust_cert_count(const struct ifgw_trust *t);
/* The i-th configured certificate (i < count); borrowed. */
X509 *ifgw_trust_cert_at(const struct ifgw_trust *t, size_t i);
size_t ifgw_trust_ca_count(const struct ifgw_trust *t);
X509 *ifgw_trust_ca_at(const struct ifgw_trust *t, size_t i);
size_t ifgw_trust_pin_count(const struct ifgw_trust *t);
/* The i-th pin as base64 into out (45 bytes with the NUL). */
void ifgw_trust_pin_at(const struct ifgw_trust *t, size_t i, char out[45]);

/* Is cert acceptable now for usage (IFGW_TRUST_* bits, all must hold)?
 * IFGW_OK, or IFGW_ETRUST with the reason (see the top of this file). */
int ifgw_trust_check(const struct ifgw_trust *t, X509 *cert, unsigned usage);

/* Why a certificate was refused, for callers that act on the kind of
 * refusal (`ifgw certs check` prints it as the status). */
enum ifgw_trust_verdict {
	IFGW_TRUST_OK = 0,
	IFGW_TRUST_UNKNOWN,       /* not configured and not issued by the partner's CA */
	IFGW_TRUST_NOT_YET_VALID, /* it, or a CA of its chain, before notBefore */
	IFGW_TRUST_EXPIRED,       /* it, or a CA of its chain, after notAfter */
	IFGW_TRUST_REVOKED,       /* listed by a configured CRL */
	IFGW_TRUST_CRL_INVALID,   /* a CRL of its issuer is out of date or not yet valid */
	IFGW_TRUST_PIN_MISMATCH,  /* pins configured and none matches */
	IFGW_TRUST_WRONG_USAGE,   /* keyUsage / extendedKeyUsage do not allow the usage */
	IFGW_TRUST_BAD_KEY,       /* key or signature under 112 bits (RSA < 2048, SHA-1), malformed extensions */
	IFGW_TRUST_NOT_BOUND,     /* issued by the partner's CA but naming someone else (no peer name, no pin) */
};

/* "ok", "unknown", "not yet valid", "expired", "revoked", "CRL invalid",
 * "pin mismatch", "wrong usage", "bad key", "not bound". */
const char *ifgw_trust_verdict_name(enum ifgw_trust_verdict v);

/* ifgw_trust_check() that also says which refusal it was (verdict may be
 * NULL), and may use untrusted intermediates (a TLS peer's chain; may be
 * NULL) to reach the partner's CA.  Same return value and message. */
int ifgw_trust_verify(enum ifgw_trust_verdict *verdict, const struct ifgw_trust *t, X509 *cert,
		      STACK_OF(X509) *untrusted, unsigned usage);

/* The configured certificate equal to cert (DER), else the one with the same
 * public key, else NULL.  Borrowed. */
X509 *ifgw_trust_find(const struct ifgw_trust *t, X509 *cert);

#endif
