/* xmldsig_sign.c: enveloped signature on the strict profile (see xmldsig.h).
 *
 * Per message: one exclusive C14N pass over the document streamed into
 * SHA-256 (taken before the Signature is inserted, which is what the
 * enveloped-signature transform gives the verifier), SignedInfo written
 * directly in its canonical form (we control every byte of it; a test checks
 * it against libxml2's C14N of the inserted element), one private-key
 * operation on a context initialised once, then the document serialised in
 * its own encoding. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/encoding.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "base/error.h"
#include "certs/identity.h"
#include "certs/xmldsig.h"
#define IFGW_XMLDSIG_INTERNAL
#include "certs/xmldsig_int.h"
#include "base/xml.h"

struct ifgw_signer {
	EVP_PKEY *key;
	X509 *cert;
	EVP_PKEY_CTX *pctx; /* sign_init done once */
	EVP_MD_CTX *md;     /* reused for both digests */
	enum dsig_alg alg;
	size_t sig_bytes;
	struct ifgw_buf cert_b64;
};

/* Large enough for one certificate in base64. */
#define SIGNER_CERT_B64_MAX (64u << 10)

int ifgw_signer_new(struct ifgw_signer **out, const struct ifgw_identity *id)
{
	struct ifgw_signer *s = NULL;
	unsigned char *der = NULL;
	EVP_PKEY *key;
	X509 *cert;
	size_t bytes;
	enum dsig_alg alg;
	int len, rc = IFGW_OK;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(id);

	key = ifgw_identity_key(id);
	cert = ifgw_identity_cert(id);
	*out = NULL;
	alg = ifgw_dsig_key_alg(key, &bytes);
	if (alg == DSIG_ALG_NONE)
		return ifgw_error_set(IFGW_EUNSUPPORTED,
				      "signing key: the profile allows ECDSA P-256 or RSA of 2048 bits or more");
	if (!(s = calloc(1, sizeof(*s))))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory for a signer");
	ifgw_buf_init(&s->cert_b64, SIGNER_CERT_B64_MAX);
	s->alg = alg;
	s->sig_bytes = bytes;
	if (EVP_PKEY_up_ref(key) != 1 || (s->key = key, X509_up_ref(cert) != 1)) {
		rc = ifgw_error_set(IFGW_ENOMEM, "signer: cannot reference the key");
		goto out;
	}
	s->cert = cert;
	s->md = EVP_MD_CTX_new();
	s->pctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
	if (!s->md || !s->pctx || EVP_PKEY_sign_init(s->pctx) != 1 ||
	    EVP_PKEY_CTX_set_signature_md(s->pctx, ifgw_dsig_sha256()) != 1 ||
	    (alg == DSIG_ALG_RSA && EVP_PKEY_CTX_set_rsa_padding(s->pctx, RSA_PKCS1_PADDING) != 1)) {
		rc = ifgw_error_set(IFGW_EUNSUPPORTED, "signing key: OpenSSL cannot sign SHA-256 with it");
		goto out;
	}
	if ((len = i2d_X509(cert, &der)) <= 0) {
		rc = ifgw_error_set(IFGW_EINVAL, "signing certificate: cannot encode it");
		goto out;
	}
	if ((rc = ifgw_dsig_b64_encode(&s->cert_b64, der, (size_t)len)) != IFGW_OK)
		goto out;
	*out = s;
	s = NULL; /* handed to the caller */
out:
	OPENSSL_free(der);
	ifgw_signer_free(s);
	return rc;
}

void ifgw_signer_free(struct ifgw_signer *s)
{
	if (!s)
		return;
	EVP_PKEY_CTX_free(s->pctx);
	EVP_MD_CTX_free(s->md);
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	ifgw_buf_free(&s->cert_b64);
	free(s);
}

static const char *doc_name(const xmlDoc *doc)
{
	return doc->URL ? (const char *)doc->URL : "document";
}

static xmlNode *find_child(xmlNode *parent, const struct ifgw_dsig_step *step)
{
	xmlNode *n;

	for (n = parent->children; n; n = n->next)
		if (ifgw_dsig_step_fits(step, n, parent))
			return n;
	return NULL;
}

/* The element the Signature goes into, creating what the place allows. */
static int place_parent(xmlNode **out, xmlDoc *doc, xmlNode *root, const struct ifgw_dsig_place *place)
{
	const struct ifgw_dsig_step *step;
	xmlNode *cur = root, *child, *n;
	size_t i;

	for (i = 0; i < place->nsteps; i++) {
		step = &place->steps[i];
		if ((child = find_child(cur, step))) {
			cur = child;
			continue;
		}
		if (!step->create || !step->name || step->ns)
			return ifgw_error_set(IFGW_EINVAL, "%s:%ld: no %s element in %s: cannot place the signature (%s)",
					      doc_name(doc), xmlGetLineNo(cur), step->name ? step->name : "child",
					      (const char *)cur->name, place->name);
		if (!(child = xmlNewDocNode(doc, cur->ns, BAD_CAST step->name, NULL)))
			return ifgw_error_set(IFGW_ENOMEM, "out of memory placing the signature");
		for (n = cur->children; step->before && n; n = n->next)
			if (n->type == XML_ELEMENT_NODE && n->ns == cur->ns &&
			    strcmp((const char *)n->name, step->before) == 0)
				break;
		if (step->before && n)
			xmlAddPrevSibling(n, child);
		else
			xmlAddChild(cur, child);
		cur = child;
	}
	*out = cur;
	return IFGW_OK;
}

struct text {
	char *p;
	size_t len;
};

static void text_add(struct text *t, const char *s, size_t n)
{
	if (n > DSIG_SIGNED_INFO_MAX - 1 - t->len)
		n = DSIG_SIGNED_INFO_MAX - 1 - t->len; /* cannot happen: the parts are bounded */
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
}

#define TEXT_ADD(t, lit) text_add((t), (lit), sizeof(lit) - 1)

size_t ifgw_dsig_signed_info(char out[DSIG_SIGNED_INFO_MAX], enum dsig_alg alg, const char *digest_b64)
{
	struct text t = {out, 0};
	const char *uri = ifgw_dsig_alg_uri(alg);

	TEXT_ADD(&t, "<SignedInfo xmlns=\"" IFGW_DSIG_NS "\"><CanonicalizationMethod Algorithm=\"" DSIG_C14N_EXC
		     "\"></CanonicalizationMethod><SignatureMethod Algorithm=\"");
	text_add(&t, uri, strlen(uri));
	TEXT_ADD(&t, "\"></SignatureMethod><Reference URI=\"\"><Transforms><Transform Algorithm=\"" DSIG_ENVELOPED
		     "\"></Transform><Transform Algorithm=\"" DSIG_C14N_EXC "\"></Transform></Transforms>"
		     "<DigestMethod Algorithm=\"" DSIG_SHA256 "\"></DigestMethod><DigestValue>");
	text_add(&t, digest_b64, strlen(digest_b64));
	TEXT_ADD(&t, "</DigestValue></Reference></SignedInfo>");
	return t.len;
}

/* <name Algorithm="alg"/> under parent, or <name>text</name>. */
static xmlNode *add(xmlNode *parent, xmlNs *ns, const char *name, const char *alg, const char *text)
{
	xmlNode *el = xmlNewChild(parent, ns, BAD_CAST name, NULL);
	xmlNode *t;

	if (!el)
		return NULL;
	if (alg && !xmlNewProp(el, BAD_CAST "Algorithm", BAD_CAST alg))
		return NULL;
	if (text) {
		if (!(t = xmlNewDocText(parent->doc, BAD_CAST text)))
			return NULL;
		xmlAddChild(el, t);
	}
	return el;
}

static xmlNode *signature_node(xmlDoc *doc, enum dsig_alg alg, const char *digest_b64, const char *value_b64,
			       const char *cert_b64)
{
	xmlNode *sig = xmlNewDocNode(doc, NULL, BAD_CAST "Signature", NULL);
	xmlNode *si, *ref, *tr, *ki, *x5;
	xmlNs *ns;

	if (!sig || !(ns = xmlNewNs(sig, BAD_CAST IFGW_DSIG_NS, NULL)))
		goto fail;
	xmlSetNs(sig, ns);
	if (!(si = add(sig, ns, "SignedInfo", NULL, NULL)) || !add(si, ns, "CanonicalizationMethod", DSIG_C14N_EXC, NULL) ||
	    !add(si, ns, "SignatureMethod", ifgw_dsig_alg_uri(alg), NULL) || !(ref = add(si, ns, "Reference", NULL, NULL)) ||
	    !xmlNewProp(ref, BAD_CAST "URI", BAD_CAST "") || !(tr = add(ref, ns, "Transforms", NULL, NULL)) ||
	    !add(tr, ns, "Transform", DSIG_ENVELOPED, NULL) || !add(tr, ns, "Transform", DSIG_C14N_EXC, NULL) ||
	    !add(ref, ns, "DigestMethod", DSIG_SHA256, NULL) || !add(ref, ns, "DigestValue", NULL, digest_b64) ||
	    !add(sig, ns, "SignatureValue", NULL, value_b64) || !(ki = add(sig, ns, "KeyInfo", NULL, NULL)) ||
	    !(x5 = add(ki, ns, "X509Data", NULL, NULL)) || !add(x5, ns, "X509Certificate", NULL, cert_b64))
		goto fail;
	return sig;
fail:
	xmlFreeNode(sig);
	return NULL;
}

static int wire_write(void *ctx, const char *buf, int len)
{
	return ifgw_buf_add(ctx, buf, (size_t)len) == IFGW_OK ? len : -1;
}

/* Does enc write the markup and base64 of a signature as the ASCII bytes
 * themselves?  (UTF-16, UTF-7 or EBCDIC do not: a message in them would
 * not read back as signed.)  The encodings of factoring partners do. */
static int ascii_compatible(const char *enc)
{
	static const char probe[] = "<?xml version=\"1.0\"?>\n<a:B-c_d.e xmlns:a=\"http://x/y#z\" f='g'>&amp; "
				    "0123456789+/=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!;</a:B-c_d.e>";
	xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(enc);
	xmlBufferPtr in = xmlBufferCreate(), out = xmlBufferCreate();
	int ok = 0;

	if (h && in && out && xmlBufferAdd(in, BAD_CAST probe, (int)sizeof(probe) - 1) == 0 &&
	    xmlCharEncOutFunc(h, out, in) >= 0)
		ok = xmlBufferLength(out) == (int)sizeof(probe) - 1 &&
		     memcmp(xmlBufferContent(out), probe, sizeof(probe) - 1) == 0;
	xmlBufferFree(in);
	xmlBufferFree(out);
	if (h)
		xmlCharEncCloseFunc(h);
	return ok;
}

static int serialise(struct ifgw_buf *out, xmlDoc *doc)
{
	xmlSaveCtxtPtr save;
	size_t start = out->len;
	int rc = IFGW_OK;

	/* the document's own encoding, and its XML declaration saying so */
	if (doc->encoding && xmlStrcasecmp(doc->encoding, BAD_CAST "UTF-8") != 0 &&
	    !ascii_compatible((const char *)doc->encoding))
		return ifgw_error_set(IFGW_EUNSUPPORTED,
				      "%s: encoding %s cannot carry a signed message (it does not write ASCII as "
				      "ASCII): use UTF-8 or the partner's 8-bit or multibyte charset",
				      doc_name(doc), (const char *)doc->encoding);
	if (!(save = xmlSaveToIO(wire_write, NULL, out, (const char *)doc->encoding, 0)))
		return ifgw_error_set(IFGW_EINVAL, "%s: cannot write encoding %s", doc_name(doc),
				      doc->encoding ? (const char *)doc->encoding : "UTF-8");
	if (xmlSaveDoc(save, doc) < 0)
		rc = IFGW_EINVAL;
	if (xmlSaveClose(save) < 0)
		rc = IFGW_EINVAL;
	if (rc != IFGW_OK) {
		out->len = start;
		if (out->ptr)
			out->ptr[start] = '\0';
		rc = ifgw_error_set(IFGW_EINVAL, "%s: cannot serialise the signed document", doc_name(doc));
	}
	return rc;
}

static int has_element_child(const xmlNode *parent)
{
	const xmlNode *n;

	for (n = parent->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

int ifgw_dsig_sign(struct ifgw_buf *out_wire, xmlDoc *doc, const struct ifgw_dsig_place *place,
		   const struct ifgw_signer *s)
{
	unsigned char digest[DSIG_SHA256_LEN], hash[DSIG_SHA256_LEN];
	unsigned char der[DSIG_RSA_MAX_BYTES], value[DSIG_RSA_MAX_BYTES];
	char digest_b64[64], value_b64[(DSIG_RSA_MAX_BYTES + 2) / 3 * 4 + 1];
	char si[DSIG_SIGNED_INFO_MAX];
	size_t si_len;
	xmlNode *root = xmlDocGetRootElement(doc), *parent = NULL, *sig = NULL, *first, *second;
	size_t der_len = sizeof(der), value_len;
	unsigned int hlen = 0;
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(out_wire);
	IFGW_ASSERT_ARG(doc);
	IFGW_ASSERT_ARG(place);
	IFGW_ASSERT_ARG(s);

	if (!root || !ifgw_dsig_root_fits(place, root))
		return ifgw_error_set(IFGW_EINVAL, "%s: the root element %s does not fit the signature place (%s)",
				      doc_name(doc), root ? (const char *)root->name : "(none)", place->name);
	ifgw_dsig_find_signatures(&first, &second, root);
	if (first)
		return ifgw_error_set(IFGW_EINVAL, "%s:%ld: already signed: it holds a Signature element",
				      doc_name(doc), xmlGetLineNo(first));
	if ((rc = place_parent(&parent, doc, root, place)) != IFGW_OK)
		return rc;
	if (place->alone && has_element_child(parent))
		return ifgw_error_set(IFGW_EINVAL, "%s:%ld: %s already holds an element: cannot place the signature (%s)",
				      doc_name(doc), xmlGetLineNo(parent), (const char *)parent->name, place->name);

	/* Reference: the document without the Signature, which is not in yet. */
	if ((rc = ifgw_dsig_c14n_sha256(digest, s->md, doc, NULL, NULL)) != IFGW_OK)
		return rc;
	EVP_EncodeBlock((unsigned char *)digest_b64, digest, DSIG_SHA256_LEN);
	si_len = ifgw_dsig_signed_info(si, s->alg, digest_b64);
	if (EVP_Digest(si, si_len, hash, &hlen, ifgw_dsig_sha256(), NULL) != 1 ||
	    EVP_PKEY_sign(s->pctx, der, &der_len, hash, sizeof(hash)) != 1)
		return ifgw_error_set(IFGW_EINVAL, "%s: the private key operation failed", doc_name(doc));
	if (s->alg == DSIG_ALG_ECDSA_P256) {
		if (ifgw_dsig_ecdsa_der_to_raw(value, DSIG_P256_LEN, der, der_len) != 0)
			return ifgw_error_set(IFGW_EINVAL, "%s: ECDSA signature malformed", doc_name(doc));
		value_len = 2 * DSIG_P256_LEN;
	} else {
		memcpy(value, der, der_len);
		value_len = der_len;
	}
	EVP_EncodeBlock((unsigned char *)value_b64, value, (int)value_len);

	if (!(sig = signature_node(doc, s->alg, digest_b64, value_b64, ifgw_buf_cstr(&s->cert_b64))))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory building the signature");
	xmlAddChild(parent, sig);
	if ((rc = serialise(out_wire, doc)) != IFGW_OK) {
		xmlUnlinkNode(sig);
		xmlFreeNode(sig);
	}
	return rc;
}

int ifgw_dsig_sign_bytes(struct ifgw_buf *out_wire, const char *data, size_t len, const char *name,
			 const struct ifgw_dsig_place *place, const struct ifgw_signer *signer)
{
	xmlDoc *doc = NULL;
	int rc;

	IFGW_ASSERT_ARG(out_wire);
	IFGW_ASSERT_ARG(data || !len);
	IFGW_ASSERT_ARG(signer);

	if ((rc = ifgw_xml_parse(&doc, data, len, name, NULL)) != IFGW_OK)
		return rc;
	rc = ifgw_dsig_sign(out_wire, doc, place ? place : ifgw_dsig_place_detect(doc), signer);
	xmlFreeDoc(doc);
	return rc;
}
