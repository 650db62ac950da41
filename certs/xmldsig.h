/* xmldsig.h: XML signatures on one strict profile, signed and verified fast.
 *
 * The profile (ARCHITECTURE.md, "Strict signature profile"): exactly one
 * ds:Signature, enveloped, at the place the wire format defines; one
 * Reference with URI="" and the transforms enveloped-signature then
 * exclusive C14N (no InclusiveNamespaces); CanonicalizationMethod exclusive
 * C14N; DigestMethod SHA-256; SignatureMethod ecdsa-sha256 (P-256, value
 * r||s as XMLDSig 1.1 says) or rsa-sha256 (RSA >= 2048 bits); KeyInfo with
 * the signing certificate, informational only: the verifying key always
 * comes from the partner's trust.  Anything else is refused with a reason.
 *
 * The hot path is exclusive C14N written straight into SHA-256
 * (certs/c14n.h, byte for byte libxml2's, which it falls back to) and
 * OpenSSL EVP directly, with algorithms fetched once and key contexts
 * kept; xmlsec1 is the oracle in the tests. */
#ifndef IFGW_CERTS_XMLDSIG_H
#define IFGW_CERTS_XMLDSIG_H

#include <stddef.h>

#include <libxml/tree.h>
#include <openssl/x509.h>

#include "base/buf.h"

struct ifgw_identity;
struct ifgw_trust;

#define IFGW_DSIG_NS "http://www.w3.org/2000/09/xmldsig#"

/* ifgw's envelope for ISO 20022 messages with a business application
 * header: <ifgw:BizMsg xmlns:ifgw="urn:ifgw:envelope:1"> holding AppHdr
 * (head.001) then Document.  The signature goes in AppHdr/Sgntr. */
#define IFGW_DSIG_ENVELOPE_NS "urn:ifgw:envelope:1"
#define IFGW_DSIG_ENVELOPE_ROOT "BizMsg"

/* One element on the way from the root to the signature's parent. */
struct ifgw_dsig_step {
	const char *ns;     /* namespace URI; NULL = the parent's; "prefix*" = any URI starting so */
	const char *name;   /* local name; NULL = any element (the signer takes the first) */
	const char *before; /* the signer creates a missing element before the first sibling of this
			       local name (schema order); NULL = as the last child */
	int create;         /* 1: the signer creates it when missing; 0: it must exist */
};

/* Where the one ds:Signature lives: the last element child of the element
 * reached from the root through steps (the root itself when nsteps = 0). */
struct ifgw_dsig_place {
	const char *name;      /* for messages: "last child of AppHdr/Sgntr" */
	const char *root_ns;   /* the root's namespace, "prefix*" allowed; NULL = any */
	const char *root_name; /* the root's local name; NULL = any */
	const struct ifgw_dsig_step *steps;
	size_t nsteps;
	int alone;             /* 1: the Signature must be the parent's only element child */
};

/* Any document: the last child of the root. */
extern const struct ifgw_dsig_place ifgw_dsig_place_root;
/* edifactoring: the last child of the MSGnn root (urn:schemas-edifactoring-com:MSGnn). */
extern const struct ifgw_dsig_place ifgw_dsig_place_edifactoring;
/* ISO 20022 with head.001: BizMsg envelope, AppHdr/Sgntr (Sgntr created
 * before any Rltd, so the AppHdr stays valid against head.001.001.01-04). */
extern const struct ifgw_dsig_place ifgw_dsig_place_apphdr;
/* ISO 20022 tsin.006-013: Document/<message>/Hdr/DgtlSgntr/Sgntr (the
 * BusinessLetter1 header's own signature; DgtlSgntr and Sgntr created). */
extern const struct ifgw_dsig_place ifgw_dsig_place_tsin;

/* "root", "edifactoring", "apphdr", "tsin"; NULL when unknown. */
const struct ifgw_dsig_place *ifgw_dsig_place_by_name(const char *name);
/* The place a document's root asks for (for tools; an adapter knows it):
 * edifactoring namespace, BizMsg envelope, tsin.006-013 Document, else root. */
const struct ifgw_dsig_place *ifgw_dsig_place_detect(const xmlDoc *doc);

/* A signing key made ready once (algorithm fetched, key context initialised,
 * certificate in base64) and used for every message.  Not thread-safe: one
 * signer per thread.  It keeps its own reference on the key and certificate. */
struct ifgw_signer;

/* IFGW_EUNSUPPORTED for a key that is not ECDSA P-256 or RSA >= 2048. */
int ifgw_signer_new(struct ifgw_signer **out, const struct ifgw_identity *id);
void ifgw_signer_free(struct ifgw_signer *s);

/* Sign doc in place (it gains the Signature and any missing element of the
 * place) and append its serialisation, in the document's own encoding, to
 * out_wire.  IFGW_EINVAL when the document does not fit the place or is
 * already signed. */
int ifgw_dsig_sign(struct ifgw_buf *out_wire, xmlDoc *doc, const struct ifgw_dsig_place *place,
		   const struct ifgw_signer *signer);

/* Bytes in, signed bytes out: hardened parse of data (named name in
 * messages), then ifgw_dsig_sign().  place NULL: ifgw_dsig_place_detect(). */
int ifgw_dsig_sign_bytes(struct ifgw_buf *out_wire, const char *data, size_t len, const char *name,
			 const struct ifgw_dsig_place *place, const struct ifgw_signer *signer);

struct ifgw_dsig_verify_options {
	const char *name;   /* names the document in messages; NULL: "document" */
	size_t max_bytes;   /* 0 = 16 MiB (base/xml.h) */
	unsigned max_depth; /* 0 = 128 */
};

/* Verify wire bytes against one partner's trust, in this order: hardened
 * parse; exactly one ds:Signature, at place (NULL: detected from the root);
 * SignedInfo exactly as the profile says; digest; signature with a key of
 * the trust (the KeyInfo certificate only picks which); ifgw_trust_check()
 * of that certificate for signing.  On success *out_doc is the verified
 * document (the caller frees it) and *out_signer the trust's certificate
 * that signed (borrowed from trust).  Refusals: IFGW_EPARSE for XML that
 * does not parse or breaks a parse limit, IFGW_ETRUST for the rest, each
 * with a one-line reason ("signature wrapping: second Signature element",
 * "digest mismatch", "unknown signer: ...").  opt may be NULL.  Thread-safe;
 * each thread keeps the verifying contexts of the last few keys it used. */
int ifgw_dsig_verify(xmlDoc **out_doc, X509 **out_signer, const char *wire, size_t len,
		     const struct ifgw_dsig_place *place, const struct ifgw_trust *trust,
		     const struct ifgw_dsig_verify_options *opt);

#endif
