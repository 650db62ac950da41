/* identity.h: this node's own identity, a private key and its certificate chain.
 *
 * Loaded from PEM files.  The key file must not be readable by group or
 * others, and the key must match the leaf certificate; both refusals say so
 * in one line.  Keys: ECDSA P-256 (the default), RSA 2048 or 3072.  The
 * identity is immutable once loaded and may be shared between threads. */
#ifndef IFGW_CERTS_IDENTITY_H
#define IFGW_CERTS_IDENTITY_H

#include <openssl/evp.h>
#include <openssl/x509.h>

struct ifgw_identity;

/* Load key_pem_path (one unencrypted private key, mode 0600 or stricter)
 * and cert_pem_path (the leaf first, then any intermediates).  Errors:
 * IFGW_EIO (cannot read), IFGW_EPARSE (not PEM), IFGW_ETRUST (key file mode,
 * key does not match the certificate, unsupported key type or size). */
int ifgw_identity_load(struct ifgw_identity **out, const char *key_pem_path, const char *cert_pem_path);

/* Build an identity from a key and certificates held in memory (tests, certs
 * init).  Takes its own references: the caller keeps ownership of its
 * arguments.  chain may be NULL.  IFGW_ETRUST when key and cert differ. */
int ifgw_identity_new(struct ifgw_identity **out, EVP_PKEY *key, X509 *cert, STACK_OF(X509) *chain);

void ifgw_identity_free(struct ifgw_identity *id);

/* The private key; borrowed, valid while id lives. */
EVP_PKEY *ifgw_identity_key(const struct ifgw_identity *id);
/* The leaf certificate; borrowed. */
X509 *ifgw_identity_cert(const struct ifgw_identity *id);
/* Intermediates after the leaf (not the leaf); borrowed, may be NULL. */
STACK_OF(X509) *ifgw_identity_chain(const struct ifgw_identity *id);

#endif
