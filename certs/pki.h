/* pki.h: a test PKI made with the OpenSSL API, for the demo and the tests.
 *
 * `ifgw certs init` lays out, under DIR (0755):
 *
 *     DIR/ca/ca.key  ca.crt  ca.crl         the root CA and its (empty) CRL
 *     DIR/gateway/tls.key tls.crt sign.key sign.crt   this node
 *     DIR/<partner>/tls.key ...             one identity per partner
 *
 * Sub-directories are 0700, keys 0600, certificates and CRLs 0644.  TLS
 * certificates have extendedKeyUsage serverAuth + clientAuth and
 * subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1 and
 * URI:urn:ifgw:peer:<name> ("gateway" or the partner's name), the peer name
 * a node binds that partner to (Trust/PeerName kind="uri", trust.h);
 * signing certificates keyUsage digitalSignature + nonRepudiation and no
 * extendedKeyUsage.  Validity
 * starts one hour before ifgw_clock_now().  init never overwrites: it
 * refuses when DIR/ca or any identity directory already exists. */
#ifndef IFGW_CERTS_PKI_H
#define IFGW_CERTS_PKI_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#define IFGW_PKI_MAX_PARTNERS 64
#define IFGW_PKI_MAX_DAYS 3650
#define IFGW_PKI_DEFAULT_DAYS 365
#define IFGW_PKI_GATEWAY "gateway" /* this node's directory under DIR */
#define IFGW_PKI_CA "ca"
#define IFGW_PKI_PEER_URI "urn:ifgw:peer:" /* + the identity's directory name */

enum ifgw_pki_key_type {
	IFGW_PKI_EC = 0,  /* ECDSA P-256, the default */
	IFGW_PKI_RSA2048,
	IFGW_PKI_RSA3072,
};

enum ifgw_pki_profile {
	IFGW_PKI_PROFILE_CA = 0, /* CA:TRUE, keyCertSign + cRLSign */
	IFGW_PKI_PROFILE_TLS,    /* serverAuth + clientAuth, localhost SANs */
	IFGW_PKI_PROFILE_SIGNING /* digitalSignature + nonRepudiation */
};

struct ifgw_pki_subject {
	const char *common_name; /* required */
	const char *org;         /* NULL: none */
	const char *country;     /* two letters, or NULL */
	const char *uri;         /* TLS profile: a subjectAltName URI naming the peer, or NULL */
};

/* "ec" | "rsa2048" | "rsa3072"; IFGW_EUSAGE otherwise. */
int ifgw_pki_key_type_parse(enum ifgw_pki_key_type *out, const char *name);
const char *ifgw_pki_key_type_name(enum ifgw_pki_key_type type);

/* A fresh private key. */
int ifgw_pki_key_new(EVP_PKEY **out, enum ifgw_pki_key_type type);

/* A certificate for key's public half, valid [not_before, not_after],
 * signed by issuer_key with SHA-256; issuer_cert NULL makes it self-signed
 * (then issuer_key must be key).  Random 127-bit serial. */
int ifgw_pki_cert_new(X509 **out, EVP_PKEY *key, enum ifgw_pki_profile profile,
		      const struct ifgw_pki_subject *subject, int64_t not_before, int64_t not_after,
		      X509 *issuer_cert, EVP_PKEY *issuer_key);

/* A CRL of ca: the entries of previous (may be NULL) plus the n certificates
 * of revoke (revoked at this_update), valid [this_update, next_update];
 * next_update IFGW_PKI_CRL_NO_NEXT_UPDATE leaves nextUpdate out (as some
 * CAs do; tests of the trust's CRL maximum age). */
#define IFGW_PKI_CRL_NO_NEXT_UPDATE INT64_MIN
int ifgw_pki_crl_new(X509_CRL **out, X509 *ca, EVP_PKEY *ca_key, const X509_CRL *previous,
		     X509 *const *revoke, size_t n, int64_t this_update, int64_t next_update);

/* Write PEM atomically: keys 0600 (PKCS#8, unencrypted), the rest 0644. */
int ifgw_pki_write_key(const char *path, EVP_PKEY *key);
int ifgw_pki_write_cert(const char *path, X509 *cert);
int ifgw_pki_write_crl(const char *path, X509_CRL *crl);

struct ifgw_pki_init_opts {
	const char *dir;               /* created if missing (its parent must exist) */
	const char *org;               /* organisation name in every subject */
	const char *const *partners;   /* names: letters, digits, '-', '_' (1..32) */
	size_t partner_count;          /* up to IFGW_PKI_MAX_PARTNERS */
	enum ifgw_pki_key_type key_type;
	unsigned days;                 /* 1..IFGW_PKI_MAX_DAYS; 0 = the default */
};

/* Generate the layout above.  IFGW_ESTATE when something would be
 * overwritten, IFGW_EUSAGE for bad options, IFGW_EIO when writing fails
 * (what was written so far stays). */
int ifgw_pki_init(const struct ifgw_pki_init_opts *opts);

/* Add cert to DIR/ca/ca.crl, re-signed with DIR/ca/ca.key (its entries are
 * kept; this_update = now, next_update unchanged or, when missing, the CA's
 * notAfter).  IFGW_EINVAL when cert was not issued by that CA. */
int ifgw_pki_revoke(const char *dir, X509 *cert);

#endif
