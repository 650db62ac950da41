/* xmldsig_int.h: what xmldsig_sign.c and xmldsig_verify.c share (implemented
 * in xmldsig.c).  Internal to certs/: include certs/xmldsig.h elsewhere. */
#ifndef IFGW_CERTS_XMLDSIG_INT_H
#define IFGW_CERTS_XMLDSIG_INT_H

#ifndef IFGW_XMLDSIG_INTERNAL
#error "xmldsig_int.h is private to certs/xmldsig*.c: use certs/xmldsig.h"
#endif

#include <stddef.h>

#include <libxml/tree.h>
#include <openssl/evp.h>

#include "base/buf.h"
#include "certs/xmldsig.h"

/* The profile's algorithm identifiers. */
#define DSIG_C14N_EXC "http://www.w3.org/2001/10/xml-exc-c14n#"
#define DSIG_ENVELOPED "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
#define DSIG_SHA256 "http://www.w3.org/2001/04/xmlenc#sha256"
#define DSIG_ECDSA_SHA256 "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
#define DSIG_RSA_SHA256 "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"

#define DSIG_SHA256_LEN 32
#define DSIG_P256_LEN 32              /* bytes of r and of s */
#define DSIG_RSA_MIN_BITS 2048
#define DSIG_RSA_MAX_BYTES 1024       /* 8192-bit modulus: bounds the value buffers */

enum dsig_alg { DSIG_ALG_NONE = 0, DSIG_ALG_ECDSA_P256, DSIG_ALG_RSA };

/* SignedInfo as ifgw signs it, written directly in its exclusive C14N form
 * (the Signature element declares the default namespace); returns the
 * length.  A test checks it against libxml2's C14N of the inserted element. */
#define DSIG_SIGNED_INFO_MAX 1024
size_t ifgw_dsig_signed_info(char out[DSIG_SIGNED_INFO_MAX], enum dsig_alg alg, const char *digest_b64);

/* SHA-256, fetched once for the process. */
const EVP_MD *ifgw_dsig_sha256(void);

/* Which profile algorithm key can sign with (DSIG_ALG_NONE: not allowed;
 * *bytes gets the signature size: 64 for P-256 r||s, the modulus for RSA). */
enum dsig_alg ifgw_dsig_key_alg(EVP_PKEY *key, size_t *bytes);
/* The SignatureMethod URI of alg. */
const char *ifgw_dsig_alg_uri(enum dsig_alg alg);

/* SHA-256 of the exclusive C14N (no comments) of doc, or, apex not NULL, of
 * the subtree under apex, without the subtree at skip (NULL: none); md is a
 * reusable context.  certs/c14n.h, falling back to libxml2's C14N.
 * IFGW_EINVAL when libxml2 fails (relative namespace URI, no memory). */
int ifgw_dsig_c14n_sha256(unsigned char out[DSIG_SHA256_LEN], EVP_MD_CTX *md, xmlDoc *doc, xmlNode *apex,
			  xmlNode *skip);

/* Is node a ds:Signature element? */
int ifgw_dsig_is_signature(const xmlNode *node);
/* The first and second ds:Signature elements in document order (NULL when
 * fewer).  Stops at the second. */
void ifgw_dsig_find_signatures(xmlNode **first, xmlNode **second, xmlNode *root);

/* Does the root element fit place (namespace and name)? */
int ifgw_dsig_root_fits(const struct ifgw_dsig_place *place, const xmlNode *root);
/* Does element el fit step, el's parent being parent? */
int ifgw_dsig_step_fits(const struct ifgw_dsig_step *step, const xmlNode *el, const xmlNode *parent);

/* Base64 of len bytes appended to out, one line. */
int ifgw_dsig_b64_encode(struct ifgw_buf *out, const unsigned char *data, size_t len);
/* Decode base64 text (XML whitespace ignored, padding checked) into at
 * most cap bytes; -1 when the text is not base64 or decodes to more. */
long ifgw_dsig_b64_decode(unsigned char *out, size_t cap, const char *text);

/* ECDSA: DER ECDSA-Sig-Value <-> r||s of n bytes each.  0 / -1. */
int ifgw_dsig_ecdsa_der_to_raw(unsigned char *raw, size_t n, const unsigned char *der, size_t der_len);
int ifgw_dsig_ecdsa_raw_to_der(unsigned char *der, size_t *der_len, size_t der_cap, const unsigned char *raw,
			       size_t n);

#endif
