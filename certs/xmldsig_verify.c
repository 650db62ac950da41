/* xmldsig_verify.c: verification on the strict profile (see xmldsig.h).
 *
 * Checks run cheapest and most telling first: parse limits, one Signature at
 * its place, SignedInfo exactly as the profile says (every element,
 * attribute and algorithm), then the digest, then the one public-key
 * operation with a key of the partner's trust, then the trust's verdict on
 * that certificate.  Nothing is taken from the message but the bytes that
 * are checked: KeyInfo only says which trusted certificate to try first. */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "base/error.h"
#include "certs/cert.h"
#include "certs/trust.h"
#include "certs/xmldsig.h"
#define IFGW_XMLDSIG_INTERNAL
#include "certs/xmldsig_int.h"
#include "base/xml.h"

#define KEYINFO_MAX_CERTS 8
#define KEYINFO_CERT_MAX (16u << 10) /* DER bytes of one KeyInfo certificate */

struct parts {
	const char *name; /* the document, for messages */
	enum dsig_alg alg;
	xmlNode *signed_info;
	unsigned char digest[DSIG_SHA256_LEN];
	unsigned char value[DSIG_RSA_MAX_BYTES];
	size_t value_len;
	const xmlChar *certs[KEYINFO_MAX_CERTS]; /* base64 text of KeyInfo certificates */
	size_t ncerts;
};

/* Short names of algorithm URIs, for refusals. */
static const struct {
	const char *uri;
	const char *name;
} alg_names[] = {
	{"http://www.w3.org/TR/2001/REC-xml-c14n-20010315", "inclusive C14N"},
	{"http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments", "inclusive C14N with comments"},
	{"http://www.w3.org/2006/12/xml-c14n11", "inclusive C14N 1.1"},
	{"http://www.w3.org/2006/12/xml-c14n11#WithComments", "inclusive C14N 1.1 with comments"},
	{"http://www.w3.org/2001/10/xml-exc-c14n#WithComments", "exclusive C14N with comments"},
	{"http://www.w3.org/TR/1999/REC-xpath-19991116", "XPath"},
	{"http://www.w3.org/2002/06/xmldsig-filter2", "XPath Filter 2.0"},
	{"http://www.w3.org/TR/1999/REC-xslt-19991116", "XSLT"},
	{DSIG_C14N_EXC, "exclusive C14N"},
	{DSIG_ENVELOPED, "enveloped-signature"},
};

static const char *alg_name(const char *uri)
{
	const char *hash;
	size_t i;

	for (i = 0; i < sizeof(alg_names) / sizeof(alg_names[0]); i++)
		if (strcmp(uri, alg_names[i].uri) == 0)
			return alg_names[i].name;
	hash = strrchr(uri, '#');
	return hash && hash[1] ? hash + 1 : uri; /* "...xmldsig#sha1" -> "sha1" */
}

static int refuse(const struct parts *p, const xmlNode *at, const char *fmt, ...) IFGW_PRINTF(3, 4);

static int refuse(const struct parts *p, const xmlNode *at, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return ifgw_error_set(IFGW_ETRUST, "%s:%ld: %s", p->name, at ? xmlGetLineNo(at) : 0L, what);
}

static int is_ds(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, IFGW_DSIG_NS) == 0 && strcmp((const char *)n->name, name) == 0;
}

static int blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

/* The next element from n on (n included), skipping comments and
 * whitespace; NULL at the end.  Other content is refused. */
static int next_element(xmlNode **out, const struct parts *p, xmlNode *n, const xmlNode *parent)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			break;
		if (n->type == XML_COMMENT_NODE)
			continue;
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && blank(n->content))
			continue;
		return refuse(p, n, "text or other content not allowed in %s", (const char *)parent->name);
	}
	*out = n;
	return IFGW_OK;
}

/* The value of the un-namespaced attribute name ("" when empty), or NULL. */
static const char *attr_value(const xmlNode *el, const char *name)
{
	const xmlAttr *a;

	for (a = el->properties; a; a = a->next)
		if (!a->ns && strcmp((const char *)a->name, name) == 0) {
			if (!a->children)
				return "";
			if (a->children->type == XML_TEXT_NODE && !a->children->next)
				return (const char *)a->children->content;
			return NULL;
		}
	return NULL;
}

/* Only the attributes named in allowed (NULL-terminated) may appear. */
static int attrs_only(const struct parts *p, const xmlNode *el, const char *const *allowed)
{
	const xmlAttr *a;
	size_t i;

	for (a = el->properties; a; a = a->next) {
		for (i = 0; allowed[i]; i++)
			if (!a->ns && strcmp((const char *)a->name, allowed[i]) == 0)
				break;
		if (!allowed[i])
			return refuse(p, el, "attribute %s not allowed on %s", (const char *)a->name,
				      (const char *)el->name);
	}
	return IFGW_OK;
}

static const char *const attrs_id[] = {"Id", NULL};
static const char *const attrs_alg[] = {"Algorithm", NULL};
static const char *const attrs_ref[] = {"URI", "Id", "Type", NULL};

/* The Algorithm of el, which may carry no other attribute. */
static int algorithm(const char **out, const struct parts *p, const xmlNode *el)
{
	if (!(*out = attr_value(el, "Algorithm")))
		return refuse(p, el, "%s without an Algorithm", (const char *)el->name);
	return attrs_only(p, el, attrs_alg);
}

/* Algorithm parameters (InclusiveNamespaces, XPath, HMACOutputLength ...)
 * are outside the profile. */
static int no_parameters(const struct parts *p, xmlNode *el, const char *what)
{
	xmlNode *child;
	int rc;

	if ((rc = next_element(&child, p, el->children, el)) != IFGW_OK)
		return rc;
	if (child)
		return refuse(p, child, "%s not allowed: parameter %s", what, (const char *)child->name);
	return IFGW_OK;
}

/* The text of an element holding only text (base64 values). */
static const xmlChar *text_of(const xmlNode *el)
{
	const xmlNode *n = el->children;

	if (!n)
		return BAD_CAST "";
	if (n->type != XML_TEXT_NODE || n->next)
		return NULL;
	return n->content;
}

#define TRANSFORMS_EXPECTED "the profile requires exactly enveloped-signature then exclusive C14N"

static int check_transforms(const struct parts *p, xmlNode *transforms)
{
	static const char *const expected[2] = {DSIG_ENVELOPED, DSIG_C14N_EXC};
	const char *alg;
	xmlNode *t;
	size_t i = 0;
	int rc;

	if ((rc = attrs_only(p, transforms, attrs_id)) != IFGW_OK)
		return rc;
	for (rc = next_element(&t, p, transforms->children, transforms); rc == IFGW_OK && t;
	     rc = next_element(&t, p, t->next, transforms), i++) {
		if (!is_ds(t, "Transform"))
			return refuse(p, t, "unexpected element %s in Transforms", (const char *)t->name);
		if ((rc = algorithm(&alg, p, t)) != IFGW_OK)
			return rc;
		if (strcmp(alg, DSIG_ENVELOPED) != 0 && strcmp(alg, DSIG_C14N_EXC) != 0)
			return refuse(p, t, "transform not allowed: %s", alg_name(alg));
		if ((rc = no_parameters(p, t, "transform")) != IFGW_OK)
			return rc;
		if (i >= 2 || strcmp(alg, expected[i]) != 0)
			return refuse(p, t, "transforms not allowed: " TRANSFORMS_EXPECTED);
	}
	if (rc == IFGW_OK && i != 2)
		rc = refuse(p, transforms, "transforms not allowed: " TRANSFORMS_EXPECTED);
	return rc;
}

static int check_reference(struct parts *p, xmlNode *ref)
{
	const xmlChar *text;
	const char *uri, *alg;
	xmlNode *n;
	long len;
	int rc;

	if ((rc = attrs_only(p, ref, attrs_ref)) != IFGW_OK)
		return rc;
	if (!(uri = attr_value(ref, "URI")))
		return refuse(p, ref, "reference URI missing: the profile requires URI=\"\"");
	if (*uri)
		return refuse(p, ref, "reference URI not allowed: %s", uri);
	if ((rc = next_element(&n, p, ref->children, ref)) != IFGW_OK)
		return rc;
	if (!is_ds(n, "Transforms"))
		return refuse(p, n ? n : ref, "transforms missing: " TRANSFORMS_EXPECTED);
	if ((rc = check_transforms(p, n)) != IFGW_OK || (rc = next_element(&n, p, n->next, ref)) != IFGW_OK)
		return rc;
	if (!is_ds(n, "DigestMethod"))
		return refuse(p, n ? n : ref, "Reference: DigestMethod missing");
	if ((rc = algorithm(&alg, p, n)) != IFGW_OK)
		return rc;
	if (strcmp(alg, DSIG_SHA256) != 0)
		return refuse(p, n, "digest algorithm not allowed: %s", alg_name(alg));
	if ((rc = no_parameters(p, n, "digest method")) != IFGW_OK || (rc = next_element(&n, p, n->next, ref)) != IFGW_OK)
		return rc;
	if (!is_ds(n, "DigestValue"))
		return refuse(p, n ? n : ref, "Reference: DigestValue missing");
	if ((rc = attrs_only(p, n, attrs_id)) != IFGW_OK)
		return rc;
	if (!(text = text_of(n)) || (len = ifgw_dsig_b64_decode(p->digest, sizeof(p->digest), (const char *)text)) < 0 ||
	    len != DSIG_SHA256_LEN)
		return refuse(p, n, "digest value malformed: not 32 bytes of base64");
	if ((rc = next_element(&n, p, n->next, ref)) != IFGW_OK)
		return rc;
	if (n)
		return refuse(p, n, "unexpected element %s in Reference", (const char *)n->name);
	return IFGW_OK;
}

static int check_signed_info(struct parts *p, xmlNode *si)
{
	const char *alg;
	xmlNode *n;
	int rc;

	if ((rc = attrs_only(p, si, attrs_id)) != IFGW_OK || (rc = next_element(&n, p, si->children, si)) != IFGW_OK)
		return rc;
	if (!is_ds(n, "CanonicalizationMethod"))
		return refuse(p, n ? n : si, "SignedInfo: CanonicalizationMethod missing");
	if ((rc = algorithm(&alg, p, n)) != IFGW_OK)
		return rc;
	if (strcmp(alg, DSIG_C14N_EXC) != 0)
		return refuse(p, n, "canonicalization not allowed: %s", alg_name(alg));
	if ((rc = no_parameters(p, n, "canonicalization")) != IFGW_OK || (rc = next_element(&n, p, n->next, si)) != IFGW_OK)
		return rc;
	if (!is_ds(n, "SignatureMethod"))
		return refuse(p, n ? n : si, "SignedInfo: SignatureMethod missing");
	if ((rc = algorithm(&alg, p, n)) != IFGW_OK)
		return rc;
	if (strcmp(alg, DSIG_ECDSA_SHA256) == 0)
		p->alg = DSIG_ALG_ECDSA_P256;
	else if (strcmp(alg, DSIG_RSA_SHA256) == 0)
		p->alg = DSIG_ALG_RSA;
	else
		return refuse(p, n, "signature algorithm not allowed: %s", alg_name(alg));
	if ((rc = no_parameters(p, n, "signature algorithm")) != IFGW_OK || (rc = next_element(&n, p, n->next, si)) != IFGW_OK)
		return rc;
	if (!is_ds(n, "Reference"))
		return refuse(p, n ? n : si, "SignedInfo: Reference missing");
	if ((rc = check_reference(p, n)) != IFGW_OK || (rc = next_element(&n, p, n->next, si)) != IFGW_OK)
		return rc;
	if (is_ds(n, "Reference"))
		return refuse(p, n, "extra Reference: the profile allows exactly one");
	if (n)
		return refuse(p, n, "unexpected element %s in SignedInfo", (const char *)n->name);
	return IFGW_OK;
}

/* KeyInfo is informational: remember the X509Certificate texts, ignore the rest. */
static void collect_certs(struct parts *p, const xmlNode *key_info)
{
	const xmlNode *d, *c;
	const xmlChar *text;

	for (d = key_info->children; d; d = d->next) {
		if (!is_ds(d, "X509Data"))
			continue;
		for (c = d->children; c; c = c->next)
			if (is_ds(c, "X509Certificate") && (text = text_of(c)) && p->ncerts < KEYINFO_MAX_CERTS)
				p->certs[p->ncerts++] = text;
	}
}

static int check_signature(struct parts *p, xmlNode *sig)
{
	const xmlChar *text;
	xmlNode *n;
	long len;
	int rc;

	if ((rc = attrs_only(p, sig, attrs_id)) != IFGW_OK || (rc = next_element(&n, p, sig->children, sig)) != IFGW_OK)
		return rc;
	if (!is_ds(n, "SignedInfo"))
		return refuse(p, n ? n : sig, "Signature: SignedInfo missing");
	p->signed_info = n;
	if ((rc = check_signed_info(p, n)) != IFGW_OK || (rc = next_element(&n, p, n->next, sig)) != IFGW_OK)
		return rc;
	if (!is_ds(n, "SignatureValue"))
		return refuse(p, n ? n : sig, "Signature: SignatureValue missing");
	if ((rc = attrs_only(p, n, attrs_id)) != IFGW_OK)
		return rc;
	if (!(text = text_of(n)) || (len = ifgw_dsig_b64_decode(p->value, sizeof(p->value), (const char *)text)) <= 0)
		return refuse(p, n, "signature value invalid: not base64");
	p->value_len = (size_t)len;
	if (p->alg == DSIG_ALG_ECDSA_P256 && p->value_len != 2 * DSIG_P256_LEN)
		return refuse(p, n, "signature value invalid: ECDSA P-256 needs 64 bytes (r||s), found %zu", p->value_len);
	if ((rc = next_element(&n, p, n->next, sig)) != IFGW_OK)
		return rc;
	if (is_ds(n, "KeyInfo")) {
		collect_certs(p, n);
		if ((rc = next_element(&n, p, n->next, sig)) != IFGW_OK)
			return rc;
	}
	if (n)
		return refuse(p, n, "unexpected element %s in Signature", (const char *)n->name);
	return IFGW_OK;
}

static int check_place(const struct parts *p, xmlNode *sig, const xmlNode *root, const struct ifgw_dsig_place *place)
{
	const xmlNode *n, *cur = sig->parent;
	size_t i;

	for (n = sig->next; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			goto wrong;
	for (n = sig->prev; place->alone && n; n = n->prev)
		if (n->type == XML_ELEMENT_NODE)
			goto wrong;
	for (i = place->nsteps; i > 0; i--) {
		if (!cur || cur == root || !ifgw_dsig_step_fits(&place->steps[i - 1], cur, cur->parent))
			goto wrong;
		cur = cur->parent;
	}
	if (cur == root && ifgw_dsig_root_fits(place, root))
		return IFGW_OK;
wrong:
	return refuse(p, sig, "signature not at its place (expected %s)", place->name);
}

/* Per thread, the verifying contexts of the last few keys: setting one up
 * costs about what parsing the message does.  A slot holds a reference on
 * its key, so that another key allocated at a freed key's address cannot be
 * taken for it; the slots are freed when the thread ends. */
#define KEY_SLOTS 4

struct key_slot {
	EVP_PKEY *key;
	EVP_PKEY_CTX *ctx; /* verify_init done; NULL when the key is outside the profile */
	enum dsig_alg alg;
	size_t bytes;
};

struct key_cache {
	struct key_slot slot[KEY_SLOTS];
	unsigned next;
};

static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static pthread_key_t cache_key;
static int cache_key_ok;

static void slot_clear(struct key_slot *s)
{
	EVP_PKEY_CTX_free(s->ctx);
	EVP_PKEY_free(s->key);
	memset(s, 0, sizeof(*s));
}

static void cache_free(void *p)
{
	struct key_cache *c = p;
	size_t i;

	for (i = 0; i < KEY_SLOTS; i++)
		slot_clear(&c->slot[i]);
	free(c);
}

static void cache_init(void)
{
	cache_key_ok = pthread_key_create(&cache_key, cache_free) == 0;
}

/* A verifying context for key, set up now (into *s) or taken from the
 * thread's cache (the returned slot).  NULL when s was filled instead. */
static struct key_slot *key_slot(struct key_slot *s, EVP_PKEY *key)
{
	struct key_cache *c = NULL;
	struct key_slot *hit = NULL;
	size_t i;

	pthread_once(&cache_once, cache_init);
	if (cache_key_ok && !(c = pthread_getspecific(cache_key)) && (c = calloc(1, sizeof(*c))) &&
	    pthread_setspecific(cache_key, c) != 0) {
		free(c);
		c = NULL;
	}
	for (i = 0; c && i < KEY_SLOTS; i++)
		if (c->slot[i].key == key)
			return &c->slot[i];
	if (c) {
		hit = &c->slot[c->next++ % KEY_SLOTS];
		slot_clear(hit);
		s = hit;
	}
	memset(s, 0, sizeof(*s));
	s->alg = ifgw_dsig_key_alg(key, &s->bytes);
	if (s->alg != DSIG_ALG_NONE &&
	    (!(s->ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL)) || EVP_PKEY_verify_init(s->ctx) != 1 ||
	     EVP_PKEY_CTX_set_signature_md(s->ctx, ifgw_dsig_sha256()) != 1 ||
	     (s->alg == DSIG_ALG_RSA && EVP_PKEY_CTX_set_rsa_padding(s->ctx, RSA_PKCS1_PADDING) != 1))) {
		EVP_PKEY_CTX_free(s->ctx);
		s->ctx = NULL;
	}
	if (EVP_PKEY_up_ref(key) == 1)
		s->key = key;
	else if (hit)
		slot_clear(hit);
	return hit;
}

/* 1 valid, 0 invalid, -1 the key cannot make this kind of signature. */
static int verify_with(X509 *cert, const struct parts *p, const unsigned char hash[DSIG_SHA256_LEN])
{
	struct key_slot own, *s;
	unsigned char der[2 * DSIG_P256_LEN + 16];
	const unsigned char *sig = p->value;
	size_t sig_len = p->value_len;
	int ok = 0;

	if (!(s = key_slot(&own, X509_get0_pubkey(cert))))
		s = &own;
	if (s->alg != p->alg)
		ok = -1;
	else if (sig_len == s->bytes && s->ctx &&
		 (p->alg != DSIG_ALG_ECDSA_P256 ||
		  ifgw_dsig_ecdsa_raw_to_der(der, &sig_len, sizeof(der), p->value, DSIG_P256_LEN) == 0))
		ok = EVP_PKEY_verify(s->ctx, p->alg == DSIG_ALG_ECDSA_P256 ? der : sig, sig_len, hash,
				     DSIG_SHA256_LEN) == 1;
	if (s == &own)
		slot_clear(&own);
	if (ok != 1)
		ERR_clear_error(); /* a refusal is reported once, by us */
	return ok;
}

/* The trust's certificate that KeyInfo names: same DER first (no parsing),
 * then the same public key. */
static X509 *keyinfo_match(const struct parts *p, const struct ifgw_trust *trust, char subject[IFGW_CERT_NAME_MAX])
{
	unsigned char *der = malloc(KEYINFO_CERT_MAX), *mine;
	const unsigned char *r;
	X509 *found = NULL, *x, *tc;
	size_t i, j;
	long len;
	int n;

	subject[0] = '\0';
	for (i = 0; der && i < p->ncerts && !found; i++) {
		if ((len = ifgw_dsig_b64_decode(der, KEYINFO_CERT_MAX, (const char *)p->certs[i])) <= 0)
			continue;
		for (j = 0; j < ifgw_trust_cert_count(trust) && !found; j++) {
			tc = ifgw_trust_cert_at(trust, j);
			mine = NULL; /* one encoding, allocated by OpenSSL */
			if ((n = i2d_X509(tc, &mine)) == len && memcmp(mine, der, (size_t)len) == 0)
				found = tc;
			OPENSSL_free(mine);
		}
		r = der;
		if (!found && (x = d2i_X509(NULL, &r, len))) {
			found = ifgw_trust_find(trust, x);
			if (!subject[0])
				ifgw_cert_subject(subject, x);
			X509_free(x);
		}
	}
	free(der);
	ERR_clear_error();
	return found;
}

int ifgw_dsig_verify(xmlDoc **out_doc, X509 **out_signer, const char *wire, size_t len,
		     const struct ifgw_dsig_place *place, const struct ifgw_trust *trust,
		     const struct ifgw_dsig_verify_options *opt)
{
	struct ifgw_xml_limits lim = {opt ? opt->max_bytes : 0, opt ? opt->max_depth : 0};
	struct parts *p = NULL;
	unsigned char digest[DSIG_SHA256_LEN], hash[DSIG_SHA256_LEN];
	char subject[IFGW_CERT_NAME_MAX];
	EVP_MD_CTX *md = NULL;
	xmlDoc *doc = NULL;
	xmlNode *root, *sig, *second;
	X509 *signer = NULL, *named;
	size_t i;
	int rc, r;

	IFGW_ASSERT_ARG(out_doc);
	IFGW_ASSERT_ARG(out_signer);
	IFGW_ASSERT_ARG(wire || !len);
	IFGW_ASSERT_ARG(trust);

	*out_doc = NULL;
	*out_signer = NULL;
	if ((rc = ifgw_xml_parse(&doc, wire, len, opt && opt->name ? opt->name : "document", &lim)) != IFGW_OK)
		return rc;
	if (!(p = calloc(1, sizeof(*p))) || !(md = EVP_MD_CTX_new())) {
		rc = ifgw_error_set(IFGW_ENOMEM, "out of memory verifying a signature");
		goto out;
	}
	p->name = (const char *)doc->URL;
	root = xmlDocGetRootElement(doc);
	if (!place)
		place = ifgw_dsig_place_detect(doc);
	ifgw_dsig_find_signatures(&sig, &second, root);
	if (second) {
		rc = refuse(p, second, "signature wrapping: second Signature element");
		goto out;
	}
	if (!sig) {
		rc = refuse(p, root, "not signed: no Signature element");
		goto out;
	}
	if ((rc = check_place(p, sig, root, place)) != IFGW_OK || (rc = check_signature(p, sig)) != IFGW_OK)
		goto out;

	/* URI="", enveloped-signature, exc-C14N: the document without the Signature */
	if ((rc = ifgw_dsig_c14n_sha256(digest, md, doc, NULL, sig)) != IFGW_OK)
		goto out;
	if (CRYPTO_memcmp(digest, p->digest, sizeof(digest)) != 0) {
		rc = refuse(p, sig, "digest mismatch: the signed content was changed");
		goto out;
	}
	if ((rc = ifgw_dsig_c14n_sha256(hash, md, doc, p->signed_info, NULL)) != IFGW_OK)
		goto out;

	/* KeyInfo only says which trusted certificate to try first: a partner
	 * rotating keys may name one and sign with another it is trusted for. */
	named = keyinfo_match(p, trust, subject);
	r = named ? verify_with(named, p, hash) : 0;
	if (r == 1)
		signer = named;
	for (i = 0; i < ifgw_trust_cert_count(trust) && !signer; i++)
		if (ifgw_trust_cert_at(trust, i) != named && verify_with(ifgw_trust_cert_at(trust, i), p, hash) == 1)
			signer = ifgw_trust_cert_at(trust, i);
	if (!signer && named) {
		ifgw_cert_subject(subject, named);
		if (r < 0)
			rc = refuse(p, sig, "signature algorithm does not match the key of the signer %s", subject);
		else
			rc = refuse(p, p->signed_info, "signature value invalid");
		goto out;
	}
	if (!signer) {
		char what[IFGW_CERT_NAME_MAX + 200];

		snprintf(what, sizeof(what), "%s%s%sno certificate of partner %s verifies the signature",
			 subject[0] ? "KeyInfo certificate " : "", subject, subject[0] ? " is not trusted and " : "",
			 ifgw_trust_name(trust));
		rc = refuse(p, sig, "unknown signer: %s", what);
		goto out;
	}
	if ((rc = ifgw_trust_check(trust, signer, IFGW_TRUST_SIGNING)) != IFGW_OK)
		goto out;
	*out_doc = doc;
	*out_signer = signer;
	doc = NULL; /* handed to the caller */
out:
	EVP_MD_CTX_free(md);
	free(p);
	xmlFreeDoc(doc);
	return rc;
}
