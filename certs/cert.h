/* cert.h: small X.509 helpers the certs/ module shares: PEM loading with a
 * size cap, one-line names, SPKI pins, times as int64 seconds (base/date.h),
 * and OpenSSL's error queue turned into text.  Mostly certs/'s own; also
 * for the few callers that name a certificate or report OpenSSL's errors
 * (gateway/net/tls_curl.c, the CLI's certs and sign commands).  The rest of
 * ifgw uses identity.h, trust.h, pki.h and tls.h. */
#ifndef IFGW_CERTS_CERT_H
#define IFGW_CERTS_CERT_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

#define IFGW_CERT_PEM_MAX (1u << 20) /* a PEM file of certificates or CRLs */
#define IFGW_CERT_NAME_MAX 256       /* one-line subject/issuer, truncated with "..." */
#define IFGW_CERT_PIN_LEN 45         /* base64 of 32 bytes + NUL */

/* Every certificate of the PEM file path (other PEM blocks are skipped);
 * IFGW_EIO, IFGW_EPARSE when it holds none or a broken one. */
int ifgw_cert_read_pem(STACK_OF(X509) **out, const char *path);
/* The same for CRLs. */
int ifgw_cert_read_crls(STACK_OF(X509_CRL) **out, const char *path);

/* "CN=x,O=y" (RFC 2253 order, UTF-8, one line) into out. */
void ifgw_cert_name(char out[IFGW_CERT_NAME_MAX], const X509_NAME *name);
/* The subject name of cert, as above. */
void ifgw_cert_subject(char out[IFGW_CERT_NAME_MAX], const X509 *cert);

/* SHA-256 of the DER SubjectPublicKeyInfo. */
int ifgw_cert_spki_sha256(unsigned char out[32], const X509 *cert);
/* The same in base64: the pin curl and HPKP write after "sha256//". */
int ifgw_cert_pin(char out[IFGW_CERT_PIN_LEN], const X509 *cert);

/* An ASN1_TIME as seconds since the epoch (UTC). */
int ifgw_cert_time(int64_t *out, const ASN1_TIME *t);
/* notBefore / notAfter of cert as seconds; IFGW_EPARSE when unreadable. */
int ifgw_cert_validity(int64_t *not_before, int64_t *not_after, const X509 *cert);

/* The reason of the most recent OpenSSL error ("no reason" when none) into
 * out, and the error queue emptied, so that one failure is reported once. */
const char *ifgw_cert_ossl_error(char *out, size_t n);

#endif
