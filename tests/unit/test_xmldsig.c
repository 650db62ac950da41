/* test_xmldsig.c: signed XML on the strict profile (certs/xmldsig.h), the
 * hardened parse (base/xml.h) and the fast exclusive C14N
 * (certs/c14n.h, compared with libxml2's on every document).
 *
 * Keys and certificates are made in memory with certs/pki.h at a frozen
 * clock (certs_fixture.h).  Every refusal the issue lists has a crafted
 * document here; xmlsec1 interop is tests/integration/xmlsec_interop.sh. */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/error.h"
#include "base/file.h"
#include "certs/c14n.h"
#include "certs/identity.h"
#include "certs/pki.h"
#include "certs/trust.h"
#include "certs/xmldsig.h"
#define IFGW_XMLDSIG_INTERNAL
#include "certs/xmldsig_int.h"
#include "base/xml.h"
#include "certs_fixture.h"
#include "testutil.h"

#define WIRE_MAX (1u << 20)

/* A CA, a partner's signing identity issued by it, and the trust in it. */
struct fx {
	EVP_PKEY *ca_key, *key;
	X509 *ca, *cert;
	struct ifgw_identity *id;
	struct ifgw_signer *signer;
	struct ifgw_trust *trust;
};

static void fx_init(struct fx *f, enum ifgw_pki_key_type type, const char *cn)
{
	memset(f, 0, sizeof(*f));
	fix_clock();
	f->ca_key = fix_key(IFGW_PKI_EC);
	f->ca = fix_cert(f->ca_key, IFGW_PKI_PROFILE_CA, "Test CA", -FIX_DAY, 3650 * FIX_DAY, NULL, NULL);
	f->key = fix_key(type);
	f->cert = fix_cert(f->key, IFGW_PKI_PROFILE_SIGNING, cn, -FIX_DAY, 365 * FIX_DAY, f->ca, f->ca_key);
	ck_assert_ok(ifgw_identity_new(&f->id, f->key, f->cert, NULL));
	ck_assert_ok(ifgw_signer_new(&f->signer, f->id));
	ck_assert_ok(ifgw_trust_new(&f->trust, "DE"));
	ck_assert_ok(ifgw_trust_add_cert(f->trust, f->cert));
	ck_assert_ok(ifgw_trust_add_ca(f->trust, f->ca));
}

static void fx_free(struct fx *f)
{
	ifgw_signer_free(f->signer);
	ifgw_identity_free(f->id);
	ifgw_trust_free(f->trust);
	EVP_PKEY_free(f->ca_key);
	EVP_PKEY_free(f->key);
	X509_free(f->ca);
	X509_free(f->cert);
}

/* The bytes of tests/data/dsig/name. */
static void data_read(struct ifgw_buf *b, const char *name)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "tests/data/dsig/%s", name);
	ifgw_buf_init(b, WIRE_MAX);
	ck_assert_ok(ifgw_file_read(b, ifgw_test_srcpath(rel)));
}

/* Sign text (place NULL: detected) and return the wire bytes (caller frees). */
static char *sign_text(const char *text, size_t len, const struct ifgw_dsig_place *place, const struct fx *f)
{
	struct ifgw_buf wire;

	ifgw_buf_init(&wire, WIRE_MAX);
	ck_assert_ok(ifgw_dsig_sign_bytes(&wire, text, len, "in.xml", place, f->signer));
	return ifgw_buf_detach(&wire, NULL);
}

static char *sign_file(const char *name, const struct ifgw_dsig_place *place, const struct fx *f)
{
	struct ifgw_buf in;
	char *wire;

	data_read(&in, name);
	wire = sign_text(in.ptr, in.len, place, f);
	ifgw_buf_free(&in);
	return wire;
}

/* Verify and expect success; returns the document (caller frees). */
static xmlDoc *verify_ok(const char *wire, const struct ifgw_dsig_place *place, const struct fx *f)
{
	xmlDoc *doc = NULL;
	X509 *who = NULL;

	ifgw_error_clear();
	ck_assert_ok(ifgw_dsig_verify(&doc, &who, wire, strlen(wire), place, f->trust, NULL));
	ck_assert_ptr_nonnull(doc);
	ck_assert_ptr_eq(who, ifgw_trust_cert_at(f->trust, 0));
	return doc;
}

static int verify_rc(const char *wire, size_t len, const struct ifgw_dsig_place *place, const struct ifgw_trust *t)
{
	xmlDoc *doc = NULL;
	X509 *who = NULL;
	int rc = ifgw_dsig_verify(&doc, &who, wire, len, place, t, NULL);

	ck_assert(rc == IFGW_OK ? doc != NULL && who != NULL : doc == NULL && who == NULL);
	xmlFreeDoc(doc);
	return rc;
}

#define VERIFY_FAILS(wire, place, trust, code, needle)                                              \
	ck_assert_fails(verify_rc((wire), strlen(wire), (place), (trust)), (code), (needle))

/* s with the first occurrence of from replaced by to (caller frees). */
static char *edit(const char *s, const char *from, const char *to)
{
	const char *hit = strstr(s, from);
	size_t head, nfrom = strlen(from), nto = strlen(to), tail;
	char *r;

	ck_assert_msg(hit != NULL, "'%s' not in the document", from);
	head = (size_t)(hit - s);
	tail = strlen(hit + nfrom);
	r = malloc(head + nto + tail + 1);
	ck_assert_ptr_nonnull(r);
	memcpy(r, s, head);
	memcpy(r + head, to, nto);
	memcpy(r + head + nto, hit + nfrom, tail + 1);
	return r;
}

/* The text between <tag> and </tag> (the first), as a new string. */
static char *between(const char *s, const char *open, const char *close)
{
	const char *a = strstr(s, open), *b;

	ck_assert_ptr_nonnull(a);
	a += strlen(open);
	b = strstr(a, close);
	ck_assert_ptr_nonnull(b);
	return strndup(a, (size_t)(b - a));
}

static xmlNode *find_el(xmlNode *n, const char *name)
{
	xmlNode *hit;

	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
		if (n->type == XML_ELEMENT_NODE && (hit = find_el(n->children, name)))
			return hit;
	}
	return NULL;
}

static int schema_valid(xmlDoc *doc, const char *xsd_name)
{
	char rel[256];
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaPtr schema;
	xmlSchemaValidCtxtPtr vc;
	int rc;

	/* the schemas the ISO 20022 adapter ships */
	snprintf(rel, sizeof(rel), "adapters/iso20022/schema/%s", xsd_name);
	pc = xmlSchemaNewParserCtxt(ifgw_test_srcpath(rel));
	ck_assert_ptr_nonnull(pc);
	schema = xmlSchemaParse(pc);
	ck_assert_ptr_nonnull(schema);
	vc = xmlSchemaNewValidCtxt(schema);
	rc = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	return rc;
}

static int under(void *apex, xmlNodePtr node, xmlNodePtr parent)
{
	xmlNode *n = node->type == XML_NAMESPACE_DECL || node->type == XML_ATTRIBUTE_NODE ? parent : node;

	for (; n; n = n->parent)
		if (n == apex)
			return 1;
	return 0;
}

/* libxml2's exclusive C14N of the subtree at apex (caller frees). */
static xmlChar *libxml2_c14n(xmlDoc *doc, xmlNode *apex)
{
	xmlBufferPtr xb = xmlBufferCreate();
	xmlOutputBufferPtr ob = xmlOutputBufferCreateBuffer(xb, NULL);
	xmlChar *r;

	ck_assert_int_ge(xmlC14NExecute(doc, under, apex, XML_C14N_EXCLUSIVE_1_0, NULL, 0, ob), 0);
	xmlOutputBufferClose(ob);
	r = xmlStrdup(xmlBufferContent(xb));
	xmlBufferFree(xb);
	return r;
}

/* --- round trips */

START_TEST(ecdsa_round_trip_edifactoring)
{
	struct fx f;
	char *wire;
	xmlDoc *doc;
	xmlNode *root, *last;

	fx_init(&f, IFGW_PKI_EC, "Factor DE signing");
	wire = sign_file("msg09-utf8.xml", NULL, &f);
	ck_assert_ptr_nonnull(strstr(wire, "ecdsa-sha256"));
	doc = verify_ok(wire, &ifgw_dsig_place_edifactoring, &f);
	/* the place: last child of the MSGnn root */
	root = xmlDocGetRootElement(doc);
	for (last = root->last; last && last->type != XML_ELEMENT_NODE; last = last->prev)
		;
	ck_assert_ptr_nonnull(last);
	ck_assert_str_eq((const char *)last->name, "Signature");
	xmlFreeDoc(doc);
	/* detected from the document as well */
	xmlFreeDoc(verify_ok(wire, NULL, &f));
	/* and the detected place is the edifactoring one */
	ck_assert_ok(ifgw_xml_parse(&doc, wire, strlen(wire), "w", NULL));
	ck_assert_ptr_eq(ifgw_dsig_place_detect(doc), &ifgw_dsig_place_edifactoring);
	xmlFreeDoc(doc);
	free(wire);
	fx_free(&f);
}
END_TEST

START_TEST(rsa_round_trip)
{
	struct fx f;
	char *wire;

	fx_init(&f, IFGW_PKI_RSA2048, "Factor US signing");
	wire = sign_file("msg09-utf8.xml", NULL, &f);
	ck_assert_ptr_nonnull(strstr(wire, "rsa-sha256"));
	xmlFreeDoc(verify_ok(wire, NULL, &f));
	free(wire);
	fx_free(&f);
}
END_TEST

START_TEST(sign_in_memory_document)
{
	struct fx f;
	struct ifgw_buf wire;
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, BAD_CAST "Msg", NULL);
	xmlNs *ns = xmlNewNs(root, BAD_CAST "urn:example:msg", NULL);

	xmlSetNs(root, ns);
	xmlDocSetRootElement(doc, root);
	xmlNewTextChild(root, ns, BAD_CAST "Amount", BAD_CAST "12.50 & more <ok>");
	fx_init(&f, IFGW_PKI_EC, "Factor DE signing");
	ifgw_buf_init(&wire, WIRE_MAX);
	ck_assert_ok(ifgw_dsig_sign(&wire, doc, &ifgw_dsig_place_root, f.signer));
	xmlFreeDoc(verify_ok(wire.ptr, &ifgw_dsig_place_root, &f));
	/* a second signature on the same document is refused */
	ck_assert_fails(ifgw_dsig_sign(&wire, doc, &ifgw_dsig_place_root, f.signer), IFGW_EINVAL, "already signed");
	ifgw_buf_free(&wire);
	xmlFreeDoc(doc);
	fx_free(&f);
}
END_TEST

/* SignedInfo is written directly in canonical form: it must be exactly
 * libxml2's exclusive C14N of the element as inserted. */
START_TEST(signed_info_is_libxml2_c14n)
{
	static const enum dsig_alg algs[] = {DSIG_ALG_ECDSA_P256, DSIG_ALG_RSA};
	struct fx f;
	char si[DSIG_SIGNED_INFO_MAX], *wire, *digest;
	xmlChar *c14n = NULL;
	xmlDoc *doc;
	xmlNode *node;
	size_t n;
	int i;

	fx_init(&f, IFGW_PKI_EC, "Factor DE signing");
	for (i = 0; i < 2; i++) {
		wire = sign_file("apphdr-envelope.xml", NULL, &f);
		if (algs[i] == DSIG_ALG_RSA) { /* the same element with the RSA method */
			char *w2 = edit(wire, "xmldsig-more#ecdsa-sha256", "xmldsig-more#rsa-sha256");

			free(wire);
			wire = w2;
		}
		digest = between(wire, "<DigestValue>", "</DigestValue>");
		n = ifgw_dsig_signed_info(si, algs[i], digest);
		ck_assert_uint_eq(n, strlen(si));
		doc = xmlReadMemory(wire, (int)strlen(wire), "w", NULL, XML_PARSE_NONET);
		ck_assert_ptr_nonnull(doc);
		node = find_el(xmlDocGetRootElement(doc), "SignedInfo");
		ck_assert_ptr_nonnull(node);
		c14n = libxml2_c14n(doc, node);
		ck_assert_str_eq((const char *)c14n, si);
		xmlFree(c14n);
		xmlFreeDoc(doc);
		free(digest);
		free(wire);
	}
	fx_free(&f);
}
END_TEST

/* --- places */

START_TEST(apphdr_place_keeps_schema_valid)
{
	struct fx f;
	char *wire;
	xmlDoc *doc;
	xmlNode *apphdr, *sgntr, *sig;

	fx_init(&f, IFGW_PKI_EC, "Factor DE signing");
	wire = sign_file("apphdr-envelope.xml", NULL, &f);
	doc = verify_ok(wire, &ifgw_dsig_place_apphdr, &f);
	apphdr = find_el(xmlDocGetRootElement(doc), "AppHdr");
	sgntr = find_el(apphdr->children, "Sgntr");
	ck_assert_ptr_nonnull(sgntr);
	sig = find_el(sgntr->children, "Signature");
	ck_assert_ptr_nonnull(sig);
	/* Sgntr went before Rltd, where head.001 wants it */
	ck_assert_ptr_nonnull(find_el(sgntr->next, "Rltd"));
	/* the AppHdr alone, as a document, validates against head.001.001.02 */
	{
		xmlDoc *hdr = xmlNewDoc(BAD_CAST "1.0");

		xmlDocSetRootElement(hdr, xmlDocCopyNode(apphdr, hdr, 1));
		ck_assert_int_eq(schema_valid(hdr, "head.001.001.02.xsd"), 0);
		xmlFreeDoc(hdr);
	}
	xmlFreeDoc(doc);
	/* the root place refuses it: the signature is not there */
	VERIFY_FAILS(wire, &ifgw_dsig_place_root, f.trust, IFGW_ETRUST,
		     "signature not at its place (expected last child of the root)");
	free(wire);
	fx_free(&f);
}
END_TEST

START_TEST(tsin_place_keeps_schema_valid)
{
	struct fx f;
	char *wire;
	xmlDoc *doc;
	xmlNode *hdr, *dgtl;

	fx_init(&f, IFGW_PKI_EC, "Factor DE signing");
	wire = sign_file("tsin-008.xml", NULL, &f);
	doc = verify_ok(wire, &ifgw_dsig_place_tsin, &f);
	hdr = find_el(xmlDocGetRootElement(doc), "Hdr");
	dgtl = find_el(hdr->children, "DgtlSgntr");
	ck_assert_ptr_nonnull(dgtl);
	ck_assert_ptr_nonnull(find_el(find_el(dgtl->children, "Sgntr")->children, "Signature"));
	ck_assert_int_eq(schema_valid(doc, "tsin.008.001.01.xsd"), 0);
	xmlFreeDoc(doc);
	VERIFY_FAILS(wire, &ifgw_dsig_place_edifactoring, f.trust, IFGW_ETRUST, "signature not at its place");
	free(wire);
	fx_free(&f);
}
END_TEST

START_TEST(place_names_and_sign_refusals)
{
	struct fx f;
	struct ifgw_buf wire;
	static const char no_apphdr[] = "<ifgw:BizMsg xmlns:ifgw='urn:ifgw:envelope:1'><Document/></ifgw:BizMsg>";
	static const char full_sgntr[] =
		"<ifgw:BizMsg xmlns:ifgw='urn:ifgw:envelope:1'><AppHdr "
		"xmlns='urn:iso:std:iso:20022:tech:xsd:head.001.001.02'><Sgntr><x/></Sgntr></AppHdr></ifgw:BizMsg>";

	ck_assert_ptr_eq(ifgw_dsig_place_by_name("root"), &ifgw_dsig_place_root);
	ck_assert_ptr_eq(ifgw_dsig_place_by_name("edifactoring"), &ifgw_dsig_place_edifactoring);
	ck_assert_ptr_eq(ifgw_dsig_place_by_name("apphdr"), &ifgw_dsig_place_apphdr);
	ck_assert_ptr_eq(ifgw_dsig_place_by_name("tsin"), &ifgw_dsig_place_tsin);
	ck_assert_ptr_null(ifgw_dsig_place_by_name("nowhere"));
	fx_init(&f, IFGW_PKI_EC, "Factor DE signing");
	ifgw_buf_init(&wire, WIRE_MAX);
	ck_assert_fails(ifgw_dsig_sign_bytes(&wire, no_apphdr, strlen(no_apphdr), "e.xml", NULL, f.signer),
			IFGW_EINVAL, "e.xml:1: no AppHdr element in BizMsg");
	ck_assert_fails(ifgw_dsig_sign_bytes(&wire, full_sgntr, strlen(full_sgntr), "e.xml", NULL, f.signer),
			IFGW_EINVAL, "Sgntr already holds an element");
	ck_assert_fails(ifgw_dsig_sign_bytes(&wire, "<a/>", 4, "e.xml", &ifgw_dsig_place_edifactoring, f.signer),
			IFGW_EINVAL, "does not fit the signature place");
	{
		static const char utf7[] = "<?xml version=\"1.0\" encoding=\"UTF-7\"?><a>+AOk-</a>";

		ck_assert_fails(ifgw_dsig_sign_bytes(&wire, utf7, strlen(utf7), "u7.xml", NULL, f.signer),
				IFGW_EUNSUPPORTED, "u7.xml: encoding UTF-7 cannot carry a signed message");
	}
	ck_assert_uint_eq(wire.len, 0);
	ifgw_buf_free(&wire);
	fx_free(&f);
}
END_TEST

/* --- charsets */

static void charset_round_trip(const char *file, const char *encoding, const char *utf8_text,
			       const char *wire_bytes)
{
	struct fx f;
	char *wire;
	xmlDoc *doc;
	xmlChar *content;

	fx_init(&f, IFGW_PKI_EC, "Factor TR signing");
	wire = sign_file(file, NULL, &f);
	/* the wire stays in the partner's charset, and says so */
	ck_assert_ptr_nonnull(strstr(wire, encoding));
	ck_assert_ptr_nonnull(strstr(wire, wire_bytes));
	doc = verify_ok(wire, NULL, &f);
	content = xmlNodeGetContent(xmlDocGetRootElement(doc));
	ck_assert_ptr_nonnull(strstr((const char *)content, utf8_text));
	xmlFree(content);
	xmlFreeDoc(doc);
	free(wire);
	fx_free(&f);
}

START_TEST(iso_8859_9_round_trip)
{
	/* "İstanbul": İ is 0xDD in ISO-8859-9 */
	charset_round_trip("msg01-iso-8859-9.xml", "encoding=\"ISO-8859-9\"", "\xc4\xb0stanbul", "\xdd" "stanbul");
}
END_TEST

START_TEST(shift_jis_round_trip)
{
	/* 東京都 in Shift_JIS: 93 8C 8B 9E 93 73; ソース表示 has 0x5C trail bytes */
	charset_round_trip("msg27-shift_jis.xml", "encoding=\"Shift_JIS\"", "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd",
			   "\x93\x8c\x8b\x9e\x93\x73");
}
END_TEST

/* --- refusals, one crafted document each */

struct signed_msg {
	struct fx f;
	char *wire;
};

static void signed_msg(struct signed_msg *m)
{
	fx_init(&m->f, IFGW_PKI_EC, "Factor DE signing");
	m->wire = sign_file("msg09-utf8.xml", NULL, &m->f);
}

static void signed_msg_free(struct signed_msg *m)
{
	free(m->wire);
	fx_free(&m->f);
}

/* edit the signed message and expect the refusal */
static void refused(struct signed_msg *m, const char *from, const char *to, int code, const char *needle)
{
	char *w = edit(m->wire, from, to);

	VERIFY_FAILS(w, NULL, m->f.trust, code, needle);
	free(w);
}

START_TEST(refuse_second_signature)
{
	struct signed_msg m;
	char *sig, *w, copy[8192];

	signed_msg(&m);
	/* a complete copy of the Signature inside EF */
	sig = between(m.wire, "<Signature", "</Signature>");
	snprintf(copy, sizeof(copy), "<EF><Signature%s</Signature>", sig);
	w = edit(m.wire, "<EF>", copy);
	VERIFY_FAILS(w, NULL, m.f.trust, IFGW_ETRUST, "signature wrapping: second Signature element");
	free(w);
	free(sig);
	signed_msg_free(&m);
}
END_TEST

START_TEST(refuse_signature_moved_into_child)
{
	struct signed_msg m;
	char *sig, *without, *moved, full[8192];

	signed_msg(&m);
	sig = between(m.wire, "<Signature", "</Signature>");
	snprintf(full, sizeof(full), "<Signature%s</Signature>", sig);
	without = edit(m.wire, full, "");
	snprintf(full, sizeof(full), "<Invoice><Signature%s</Signature>", sig);
	moved = edit(without, "<Invoice>", full);
	VERIFY_FAILS(moved, NULL, m.f.trust, IFGW_ETRUST,
		     "signature not at its place (expected last child of the MSGnn root)");
	/* and not the last child either: an element after it */
	free(moved);
	moved = edit(m.wire, "</Signature>", "</Signature><Extra/>");
	VERIFY_FAILS(moved, NULL, m.f.trust, IFGW_ETRUST, "signature not at its place");
	free(moved);
	free(without);
	free(sig);
	signed_msg_free(&m);
}
END_TEST

START_TEST(refuse_reference_changes)
{
	struct signed_msg m;
	char *ref;

	signed_msg(&m);
	ref = between(m.wire, "<SignedInfo>", "</SignedInfo>");
	{
		char *second = strstr(ref, "<Reference");
		char extra[4096];

		snprintf(extra, sizeof(extra), "%s</SignedInfo>", second);
		refused(&m, "</SignedInfo>", extra, IFGW_ETRUST, "extra Reference: the profile allows exactly one");
	}
	refused(&m, "<Reference URI=\"\">", "<Reference URI=\"#msg\">", IFGW_ETRUST, "reference URI not allowed: #msg");
	refused(&m, "<Reference URI=\"\">", "<Reference>", IFGW_ETRUST, "reference URI missing");
	refused(&m, "<Reference URI=\"\">", "<Reference URI=\"\" Bogus=\"1\">", IFGW_ETRUST,
		"attribute Bogus not allowed on Reference");
	free(ref);
	signed_msg_free(&m);
}
END_TEST

START_TEST(refuse_transforms)
{
	struct signed_msg m;

	signed_msg(&m);
	refused(&m, "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
		"<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><XPath>1</XPath></Transform>",
		IFGW_ETRUST, "transform not allowed: XPath");
	refused(&m, "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
		"<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"/>", IFGW_ETRUST,
		"transform not allowed: XSLT");
	refused(&m, "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
		"<Transform Algorithm=\"http://www.w3.org/2002/06/xmldsig-filter2\"/>", IFGW_ETRUST,
		"transform not allowed: XPath Filter 2.0");
	refused(&m, "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
		"<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"><InclusiveNamespaces "
		"xmlns=\"http://www.w3.org/2001/10/xml-exc-c14n#\" PrefixList=\"a\"/></Transform>",
		IFGW_ETRUST, "transform not allowed: parameter InclusiveNamespaces");
	/* order and count */
	refused(&m, "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>", "", IFGW_ETRUST,
		"transforms not allowed: the profile requires exactly enveloped-signature then exclusive C14N");
	refused(&m, "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></Transforms>",
		"<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/><Transform "
		"Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></Transforms>",
		IFGW_ETRUST, "transforms not allowed");
	signed_msg_free(&m);
}
END_TEST

START_TEST(refuse_algorithms)
{
	struct signed_msg m;

	signed_msg(&m);
	refused(&m, "<CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
		"<CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>", IFGW_ETRUST,
		"canonicalization not allowed: inclusive C14N");
	refused(&m, "<CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
		"<CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#WithComments\"/>",
		IFGW_ETRUST, "canonicalization not allowed: exclusive C14N with comments");
	refused(&m, "<DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>",
		"<DigestMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/>", IFGW_ETRUST,
		"digest algorithm not allowed: sha1");
	refused(&m, "<SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256\"/>",
		"<SignatureMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#rsa-sha1\"/>", IFGW_ETRUST,
		"signature algorithm not allowed: rsa-sha1");
	refused(&m, "<SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256\"/>",
		"<SignatureMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#hmac-sha1\"><HMACOutputLength>80"
		"</HMACOutputLength></SignatureMethod>",
		IFGW_ETRUST, "signature algorithm not allowed: hmac-sha1");
	/* the key decides too: an RSA method with an EC signer */
	refused(&m, "xmldsig-more#ecdsa-sha256", "xmldsig-more#rsa-sha256", IFGW_ETRUST,
		"signature algorithm does not match the key of the signer");
	refused(&m, "</KeyInfo>", "</KeyInfo><Object/>", IFGW_ETRUST, "unexpected element Object in Signature");
	signed_msg_free(&m);
}
END_TEST

START_TEST(refuse_modified_content_and_signed_info)
{
	struct signed_msg m;
	char *value, *der_like;

	signed_msg(&m);
	refused(&m, "<DocAmt>1000.50</DocAmt>", "<DocAmt>9000.50</DocAmt>", IFGW_ETRUST, "digest mismatch");
	refused(&m, "DE00123", "DE00124", IFGW_ETRUST, "digest mismatch");
	/* a comment is outside the signed content; whitespace is not */
	{
		char *w = edit(m.wire, "<EF>", "<!-- note --><EF>");

		xmlFreeDoc(verify_ok(w, NULL, &m.f));
		free(w);
	}
	refused(&m, "<EF>", " <EF>", IFGW_ETRUST, "digest mismatch");
	/* SignedInfo changed, digest untouched: the signature no longer holds */
	refused(&m, "<SignedInfo>", "<SignedInfo Id=\"si\">", IFGW_ETRUST, "signature value invalid");
	refused(&m, "<SignedInfo>", "<SignedInfo>\n", IFGW_ETRUST, "signature value invalid");
	/* a flipped value; a DER value where XMLDSig 1.1 wants r||s */
	value = between(m.wire, "<SignatureValue>", "</SignatureValue>");
	{
		char flipped[256];

		snprintf(flipped, sizeof(flipped), "%s", value);
		flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
		refused(&m, value, flipped, IFGW_ETRUST, "signature value invalid");
	}
	{
		unsigned char der[70]; /* the length of a DER ECDSA-Sig-Value, not 64 */

		memset(der, 0x30, sizeof(der));
		der_like = calloc(1, 4 * sizeof(der) / 3 + 4);
		EVP_EncodeBlock((unsigned char *)der_like, der, (int)sizeof(der));
	}
	refused(&m, value, der_like, IFGW_ETRUST, "ECDSA P-256 needs 64 bytes (r||s), found 70");
	refused(&m, value, "not*base64", IFGW_ETRUST, "signature value invalid: not base64");
	free(der_like);
	free(value);
	signed_msg_free(&m);
}
END_TEST

START_TEST(refuse_unknown_signer)
{
	struct signed_msg m;
	struct fx other;

	signed_msg(&m);
	/* a trust that holds another partner's certificate */
	fx_init(&other, IFGW_PKI_EC, "Factor US signing");
	VERIFY_FAILS(m.wire, NULL, other.trust, IFGW_ETRUST,
		     "unknown signer: KeyInfo certificate CN=Factor DE signing,O=Test Org is not trusted and no "
		     "certificate of partner DE verifies the signature");
	/* without KeyInfo the trusted keys are tried: still unknown */
	{
		char *sig_ki = between(m.wire, "<KeyInfo>", "</KeyInfo>"), ki[4096], *w;

		snprintf(ki, sizeof(ki), "<KeyInfo>%s</KeyInfo>", sig_ki);
		w = edit(m.wire, ki, "");
		VERIFY_FAILS(w, NULL, other.trust, IFGW_ETRUST,
			     "unknown signer: no certificate of partner DE verifies the signature");
		/* and the right trust finds the key without KeyInfo */
		xmlFreeDoc(verify_ok(w, NULL, &m.f));
		free(w);
		free(sig_ki);
	}
	fx_free(&other);
	signed_msg_free(&m);
}
END_TEST

/* An attacker signs with its own key and puts its own certificate in
 * KeyInfo: the key never comes from KeyInfo, so the signer is unknown.
 * With the partner's certificate in KeyInfo instead, the signature fails. */
START_TEST(refuse_attacker_keyinfo)
{
	struct signed_msg m;
	struct fx attacker;
	char *forged, *real_cert, *fake_cert, *w;

	signed_msg(&m);
	fx_init(&attacker, IFGW_PKI_EC, "Factor DE signing"); /* same name, other key and CA */
	forged = sign_file("msg09-utf8.xml", NULL, &attacker);
	VERIFY_FAILS(forged, NULL, m.f.trust, IFGW_ETRUST, "unknown signer");
	real_cert = between(m.wire, "<X509Certificate>", "</X509Certificate>");
	fake_cert = between(forged, "<X509Certificate>", "</X509Certificate>");
	w = edit(forged, fake_cert, real_cert);
	VERIFY_FAILS(w, NULL, m.f.trust, IFGW_ETRUST, "signature value invalid");
	free(w);
	free(real_cert);
	free(fake_cert);
	free(forged);
	fx_free(&attacker);
	signed_msg_free(&m);
}
END_TEST

/* KeyInfo only says which trusted certificate to try first: a message
 * signed by the partner's second trusted certificate, with KeyInfo naming
 * the first (a key rotation half done), verifies with the second as its
 * signer.  A key the partner is not trusted for, naming the first, fails. */
START_TEST(keyinfo_names_another_trusted_cert)
{
	struct signed_msg m;
	struct fx second, attacker;
	char *first_cert, *second_cert, *attacker_cert, *by_second, *by_attacker, *w;
	xmlDoc *doc = NULL;
	X509 *who = NULL;

	signed_msg(&m); /* the trust holds the first certificate */
	fx_init(&second, IFGW_PKI_EC, "Factor DE signing 2026");
	fx_init(&attacker, IFGW_PKI_EC, "Factor DE signing 2026");
	ck_assert_ok(ifgw_trust_add_cert(m.f.trust, second.cert));
	ck_assert_uint_eq(ifgw_trust_cert_count(m.f.trust), 2);
	by_second = sign_file("msg09-utf8.xml", NULL, &second);
	by_attacker = sign_file("msg09-utf8.xml", NULL, &attacker);
	first_cert = between(m.wire, "<X509Certificate>", "</X509Certificate>");
	second_cert = between(by_second, "<X509Certificate>", "</X509Certificate>");
	attacker_cert = between(by_attacker, "<X509Certificate>", "</X509Certificate>");

	w = edit(by_second, second_cert, first_cert);
	ifgw_error_clear();
	ck_assert_ok(ifgw_dsig_verify(&doc, &who, w, strlen(w), NULL, m.f.trust, NULL));
	ck_assert_ptr_nonnull(doc);
	ck_assert_ptr_eq(who, ifgw_trust_cert_at(m.f.trust, 1));
	ck_assert_int_eq(X509_cmp(who, second.cert), 0);
	xmlFreeDoc(doc);
	free(w);
	/* the first, named by its own KeyInfo, still verifies as itself */
	xmlFreeDoc(verify_ok(m.wire, NULL, &m.f));

	w = edit(by_attacker, attacker_cert, first_cert);
	VERIFY_FAILS(w, NULL, m.f.trust, IFGW_ETRUST, "signature value invalid");
	free(w);
	VERIFY_FAILS(by_attacker, NULL, m.f.trust, IFGW_ETRUST,
		     "unknown signer: KeyInfo certificate CN=Factor DE signing 2026,O=Test Org is not trusted and no "
		     "certificate of partner DE verifies the signature");

	free(first_cert);
	free(second_cert);
	free(attacker_cert);
	free(by_second);
	free(by_attacker);
	fx_free(&attacker);
	fx_free(&second);
	signed_msg_free(&m);
}
END_TEST

START_TEST(refuse_expired_and_revoked_signer)
{
	struct signed_msg m;
	X509_CRL *crl = NULL;
	X509 *revoke[1];

	signed_msg(&m);
	/* a year and a day later the signing certificate has expired */
	ifgw_clock_advance(366 * (int64_t)FIX_DAY);
	VERIFY_FAILS(m.wire, NULL, m.f.trust, IFGW_ETRUST, "expired");
	fix_clock();
	xmlFreeDoc(verify_ok(m.wire, NULL, &m.f));
	/* the CA revokes it */
	revoke[0] = m.f.cert;
	ck_assert_ok(ifgw_pki_crl_new(&crl, m.f.ca, m.f.ca_key, NULL, revoke, 1, fix_t0() - 3600,
				      fix_t0() + 30 * (int64_t)FIX_DAY));
	ck_assert_ok(ifgw_trust_add_crl(m.f.trust, crl));
	VERIFY_FAILS(m.wire, NULL, m.f.trust, IFGW_ETRUST, "revoked");
	X509_CRL_free(crl);
	signed_msg_free(&m);
}
END_TEST

START_TEST(refuse_unsigned_and_malformed)
{
	struct fx f;
	struct ifgw_buf in;

	fx_init(&f, IFGW_PKI_EC, "Factor DE signing");
	data_read(&in, "msg09-utf8.xml");
	VERIFY_FAILS(in.ptr, NULL, f.trust, IFGW_ETRUST, "not signed: no Signature element");
	VERIFY_FAILS("<a><b></a>", NULL, f.trust, IFGW_EPARSE, "document:1: XML parse error: ");
	ck_assert_fails(verify_rc("", 0, NULL, f.trust), IFGW_EPARSE, "empty document");
	ifgw_buf_free(&in);
	fx_free(&f);
}
END_TEST

/* --- the hardened parse */

START_TEST(refuse_dtd_external_entity)
{
	struct fx f;
	struct ifgw_buf in;

	fx_init(&f, IFGW_PKI_EC, "Factor DE signing");
	data_read(&in, "attack-dtd-external-entity.xml");
	ck_assert_fails(verify_rc(in.ptr, in.len, NULL, f.trust), IFGW_EPARSE, "document:2: DTD not allowed");
	ifgw_buf_free(&in);
	fx_free(&f);
}
END_TEST

START_TEST(refuse_billion_laughs_quickly)
{
	struct ifgw_buf in;
	struct timespec t0, t1;
	xmlDoc *doc = NULL;

	data_read(&in, "attack-billion-laughs.xml");
	clock_gettime(CLOCK_MONOTONIC, &t0); /* elapsed time, not the wall clock */
	ck_assert_fails(ifgw_xml_parse(&doc, in.ptr, in.len, "lol.xml", NULL), IFGW_EPARSE,
			"lol.xml:2: DTD not allowed");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_ptr_null(doc);
	ck_assert_int_lt((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000, 100);
	ifgw_buf_free(&in);
}
END_TEST

START_TEST(refuse_deep_nesting)
{
	struct ifgw_buf b;
	struct ifgw_xml_limits lim = {0, 16};
	xmlDoc *doc = NULL;
	int i;

	ifgw_buf_init(&b, WIRE_MAX);
	for (i = 0; i < 200; i++)
		ck_assert_ok(ifgw_buf_addstr(&b, "<a>"));
	for (i = 0; i < 200; i++)
		ck_assert_ok(ifgw_buf_addstr(&b, "</a>"));
	ck_assert_fails(ifgw_xml_parse(&doc, b.ptr, b.len, "deep.xml", NULL), IFGW_EPARSE,
			"deep.xml:1: elements nested deeper than 128");
	ck_assert_fails(ifgw_xml_parse(&doc, b.ptr, b.len, "deep.xml", &lim), IFGW_EPARSE, "deeper than 16");
	ck_assert_ptr_null(doc);
	ifgw_buf_reset(&b);
	for (i = 0; i < 100; i++)
		ck_assert_ok(ifgw_buf_addstr(&b, "<a>"));
	for (i = 0; i < 100; i++)
		ck_assert_ok(ifgw_buf_addstr(&b, "</a>"));
	ck_assert_ok(ifgw_xml_parse(&doc, b.ptr, b.len, "deep.xml", NULL));
	xmlFreeDoc(doc);
	ifgw_buf_free(&b);
}
END_TEST

/* 100 MB on disk: refused from its size, before a byte is read or parsed. */
START_TEST(refuse_100mb_document_quickly)
{
	char *dir = fix_tmpdir();
	const char *path = fix_path(0, dir, "big.xml");
	static char chunk[1 << 20];
	struct ifgw_buf b;
	struct timespec t0, t1;
	struct fx f;
	xmlDoc *doc = NULL;
	X509 *who = NULL;
	int fd, i;
	long ms;

	memset(chunk, 'x', sizeof(chunk));
	memcpy(chunk, "<a>", 3);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	for (i = 0; i < 100; i++)
		ck_assert_int_eq(write(fd, chunk, sizeof(chunk)), (ssize_t)sizeof(chunk));
	close(fd);
	clock_gettime(CLOCK_MONOTONIC, &t0); /* elapsed time, not the wall clock */
	ck_assert_fails(ifgw_xml_parse_file(&doc, path, NULL), IFGW_EPARSE, "big.xml: document larger than 16777216 bytes");
	ifgw_buf_init(&b, 0);
	ck_assert_fails(ifgw_xml_read_file(&b, path, NULL), IFGW_EPARSE, "document larger than 16777216 bytes");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	ck_assert_msg(ms < 200, "refusing took %ld ms", ms);
	ck_assert_uint_eq(b.len, 0); /* nothing was read */
	ifgw_buf_free(&b);
	unlink(path);
	fix_rmdir(dir);
	/* in memory: judged by its length before parsing */
	fx_init(&f, IFGW_PKI_EC, "Factor DE signing");
	ck_assert_fails(ifgw_dsig_verify(&doc, &who, chunk, (size_t)100 << 20, NULL, f.trust, NULL), IFGW_EPARSE,
			"document: document larger than 16777216 bytes");
	fx_free(&f);
}
END_TEST

/* --- the fast C14N against libxml2's */

static int buf_sink(void *ctx, const unsigned char *data, size_t len)
{
	return ifgw_buf_add(ctx, data, len);
}

/* Compare on doc (apex / skip as in c14n.h); returns 1 same, 0 fallback. */
static int c14n_same(xmlDoc *doc, xmlNode *apex, xmlNode *skip, const char *text)
{
	struct ifgw_buf mine;
	struct ifgw_c14n_sink sink = {buf_sink, &mine};
	xmlBufferPtr xb = xmlBufferCreate();
	xmlOutputBufferPtr ob = xmlOutputBufferCreateBuffer(xb, NULL);
	xmlNode *parent = skip ? skip->parent : NULL, *next = skip ? skip->next : NULL;
	int rc, n;

	ifgw_buf_init(&mine, WIRE_MAX);
	rc = ifgw_c14n_exc(&sink, doc, apex, skip);
	if (skip)
		xmlUnlinkNode(skip);
	n = xmlC14NExecute(doc, apex ? under : NULL, apex, XML_C14N_EXCLUSIVE_1_0, NULL, 0, ob);
	xmlOutputBufferClose(ob);
	if (skip && next)
		xmlAddPrevSibling(next, skip);
	else if (skip)
		xmlAddChild(parent, skip);
	if (rc == IFGW_OK) {
		ck_assert_msg(n >= 0, "libxml2 fails where ifgw renders: %s", text);
		ck_assert_msg(strcmp((const char *)xmlBufferContent(xb), ifgw_buf_cstr(&mine)) == 0,
			      "C14N differs on %s\n ifgw:   %s\n libxml2: %s", text, ifgw_buf_cstr(&mine),
			      (const char *)xmlBufferContent(xb));
	} else {
		ck_assert_int_eq(rc, IFGW_EUNSUPPORTED);
	}
	xmlBufferFree(xb);
	ifgw_buf_free(&mine);
	return rc == IFGW_OK;
}

static xmlNode *nth_element(xmlNode *root, unsigned k)
{
	xmlNode *n = root;
	unsigned i = 0;

	while (n) {
		if (n->type == XML_ELEMENT_NODE && i++ == k)
			return n;
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		if (!n || n == root)
			return NULL;
		n = n->next;
	}
	return NULL;
}

static void quiet(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

START_TEST(c14n_cases)
{
	static const char *const docs[] = {
		"<a xmlns='urn:a'><b x='1' y='&quot;&#9;&#10;&#13;'>t&amp;&lt;&gt;&#13;</b></a>",
		"<p:a xmlns:p='urn:p' xmlns='urn:d' z='1' p:y='2'><b/></p:a>",
		"<a xmlns='urn:d'><p:b xmlns:p='urn:p' x='1'><p:c y='2'/></p:b></a>",
		"<a xmlns='urn:d'><b xmlns=''><c/></b></a>",
		"<a xml:lang='en' xmlns:q='urn:q'><q:b xml:space='preserve' q:at='1' a='2'/></a>",
		"<?pi before?><!--c--><a><?pi in x?><![CDATA[<>&]]></a><?pi after?><!--c2-->",
		"<a xmlns:u='urn:u' xmlns:v='urn:v'><b u:x='1' v:y='2' v:a='3' u:b='4' c='5'/></a>",
		"<a xmlns:u='urn:u'><u:b xmlns:u='urn:u2'><u:c/></u:b></a>",
		"<a xmlns='http://x.example/ns'><b/></a>",
		"<a>\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80</a>",
	};
	xmlDoc *doc;
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		doc = xmlReadMemory(docs[i], (int)strlen(docs[i]), "c", NULL, XML_PARSE_NONET);
		ck_assert_ptr_nonnull(doc);
		ck_assert_msg(c14n_same(doc, NULL, NULL, docs[i]), "fell back on %s", docs[i]);
		ck_assert(c14n_same(doc, nth_element(xmlDocGetRootElement(doc), 1) ?
						 nth_element(xmlDocGetRootElement(doc), 1) : xmlDocGetRootElement(doc),
				    NULL, docs[i]));
		xmlFreeDoc(doc);
	}
	/* a namespace libxml2 calls relative: left to libxml2 (which refuses it,
	 * saying so on stderr unless told otherwise) */
	xmlSetStructuredErrorFunc(NULL, quiet);
	doc = xmlReadMemory("<a xmlns='rel'/>", 16, "c", NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(c14n_same(doc, NULL, NULL, "relative"), 0);
	xmlFreeDoc(doc);
}
END_TEST

/* Random documents (prefixes, default and empty namespaces, xml:*
 * attributes, escapes, PIs, comments, CDATA): the whole document, a
 * subtree, and the document without a subtree, byte for byte. */
static uint64_t rnd_state = 0x9e3779b97f4a7c15ull;

static unsigned rnd(unsigned n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (unsigned)(rnd_state % n);
}

static void gen_element(struct ifgw_buf *b, int depth)
{
	static const char *const prefixes[] = {"", "p", "q", "ds"};
	static const char *const uris[] = {"urn:a", "urn:b", "http://h.example/x", "urn:a"};
	static const char *const texts[] = {"x", "&amp;", "&lt;", "&gt;", "&#13;", "\"", "'", "\xc3\xa9", "&#9;", "\n", " "};
	const char *pfx = prefixes[rnd(4)];
	unsigned i, n;
	int q_declared = 0;

	ck_assert_ok(ifgw_buf_addf(b, "<%s%se", pfx, *pfx ? ":" : ""));
	if (*pfx)
		ck_assert_ok(ifgw_buf_addf(b, " xmlns:%s='%s'", pfx, uris[rnd(4)]));
	else if (rnd(3) == 0) {
		unsigned k = rnd(5);

		ck_assert_ok(ifgw_buf_addf(b, " xmlns='%s'", k == 4 ? "" : uris[k]));
	}
	for (i = 0, n = rnd(4); i < n; i++) {
		unsigned k = rnd(5);

		if (k == 3 && strcmp(pfx, "q") != 0 && !q_declared) {
			ck_assert_ok(ifgw_buf_addf(b, " xmlns:q='%s'", uris[rnd(4)]));
			q_declared = 1;
		}
		if (k == 4)
			ck_assert_ok(ifgw_buf_addf(b, " xml:a%u='v'", i));
		else if (k == 3 && (q_declared || strcmp(pfx, "q") == 0))
			ck_assert_ok(ifgw_buf_addf(b, " q:a%u='%s%s'", i, texts[rnd(11)], texts[rnd(11)]));
		else
			ck_assert_ok(ifgw_buf_addf(b, " a%u='%s%s'", i, texts[rnd(11)], texts[rnd(11)]));
	}
	ck_assert_ok(ifgw_buf_addstr(b, ">"));
	for (i = 0, n = depth > 4 ? 0 : rnd(4); i < n; i++) {
		unsigned k = rnd(7);

		if (k < 3)
			gen_element(b, depth + 1);
		else if (k == 3)
			ck_assert_ok(ifgw_buf_addstr(b, texts[rnd(11)]));
		else if (k == 4)
			ck_assert_ok(ifgw_buf_addstr(b, "<!--c-->"));
		else if (k == 5)
			ck_assert_ok(ifgw_buf_addstr(b, "<?pi d?>"));
		else
			ck_assert_ok(ifgw_buf_addstr(b, "<![CDATA[<&>\r]]>"));
	}
	ck_assert_ok(ifgw_buf_addf(b, "</%s%se>", pfx, *pfx ? ":" : ""));
}

START_TEST(c14n_random_documents)
{
	unsigned it, compared = 0;

	for (it = 0; it < 3000; it++) {
		struct ifgw_buf b;
		xmlDoc *doc;
		xmlNode *root, *apex = NULL, *skip = NULL;

		ifgw_buf_init(&b, WIRE_MAX);
		if (rnd(3) == 0)
			ck_assert_ok(ifgw_buf_addstr(&b, "<?top x?>"));
		gen_element(&b, 0);
		if (rnd(3) == 0)
			ck_assert_ok(ifgw_buf_addstr(&b, "<?end y?>"));
		doc = xmlReadMemory(b.ptr, (int)b.len, "r", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (doc) {
			root = xmlDocGetRootElement(doc);
			if (it % 3 == 1)
				apex = nth_element(root, rnd(6));
			if (it % 3 == 2 && (skip = nth_element(root, rnd(6))) == root)
				skip = NULL;
			compared += c14n_same(doc, apex, skip, b.ptr);
			xmlFreeDoc(doc);
		}
		ifgw_buf_free(&b);
	}
	ck_assert_uint_gt(compared, 1000); /* most random documents are well-formed */
}
END_TEST

/* --- signer keys */

/* Only P-256 and RSA >= 2048 sign or verify (certs/pki.h makes nothing
 * else, so the keys are made here). */
START_TEST(profile_keys_only)
{
	static const struct {
		const char *type, *param;
		unsigned bits;
		enum dsig_alg want;
	} keys[] = {
		{"EC", "P-256", 0, DSIG_ALG_ECDSA_P256},
		{"EC", "P-384", 0, DSIG_ALG_NONE},
		{"RSA", NULL, 1024, DSIG_ALG_NONE},
		{"RSA", NULL, 2048, DSIG_ALG_RSA},
	};
	EVP_PKEY_CTX *kctx;
	EVP_PKEY *key;
	size_t i, bytes;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		key = NULL;
		kctx = EVP_PKEY_CTX_new_from_name(NULL, keys[i].type, NULL);
		ck_assert_int_eq(EVP_PKEY_keygen_init(kctx), 1);
		if (keys[i].param)
			ck_assert_int_eq(EVP_PKEY_CTX_set_group_name(kctx, keys[i].param), 1);
		else
			ck_assert_int_eq(EVP_PKEY_CTX_set_rsa_keygen_bits(kctx, (int)keys[i].bits), 1);
		ck_assert_int_eq(EVP_PKEY_keygen(kctx, &key), 1);
		ck_assert_int_eq(ifgw_dsig_key_alg(key, &bytes), keys[i].want);
		ck_assert_uint_eq(bytes, keys[i].want == DSIG_ALG_ECDSA_P256 ? 64 : keys[i].want == DSIG_ALG_RSA ? 256 : 0);
		EVP_PKEY_CTX_free(kctx);
		EVP_PKEY_free(key);
	}
}
END_TEST

/* r||s <-> DER, by hand: equal to OpenSSL's encoding, both ways, including
 * values with leading zero bytes and with the high bit set. */
START_TEST(ecdsa_value_conversion)
{
	unsigned char raw[64], back[64], der[80], *ossl;
	size_t der_len, i;
	int it, n;

	for (it = 0; it < 2000; it++) {
		ECDSA_SIG *sig = ECDSA_SIG_new();

		for (i = 0; i < sizeof(raw); i++)
			raw[i] = (unsigned char)rnd(256);
		if (it % 4 == 1)
			memset(raw, 0, 1 + rnd(31)); /* short r */
		if (it % 4 == 2)
			raw[32] = (unsigned char)(0x80 | rnd(128)); /* s needs a 0x00 pad */
		if (it % 4 == 3)
			memset(raw + 32, 0, 32), raw[63] = 1; /* s = 1 */
		ck_assert_int_eq(ifgw_dsig_ecdsa_raw_to_der(der, &der_len, sizeof(der), raw, 32), 0);
		ck_assert_int_eq(ECDSA_SIG_set0(sig, BN_bin2bn(raw, 32, NULL), BN_bin2bn(raw + 32, 32, NULL)), 1);
		ossl = NULL;
		n = i2d_ECDSA_SIG(sig, &ossl);
		ck_assert_int_eq(n, (int)der_len);
		ck_assert_mem_eq(ossl, der, der_len);
		ck_assert_int_eq(ifgw_dsig_ecdsa_der_to_raw(back, 32, der, der_len), 0);
		ck_assert_mem_eq(back, raw, 64);
		OPENSSL_free(ossl);
		ECDSA_SIG_free(sig);
	}
	/* malformed DER is refused, not read past its end */
	ck_assert_int_eq(ifgw_dsig_ecdsa_der_to_raw(back, 32, (const unsigned char *)"\x30\x06\x02\x01\x01\x02\x02\x01", 8), -1);
	ck_assert_int_eq(ifgw_dsig_ecdsa_der_to_raw(back, 32, (const unsigned char *)"\x30\x03\x02\x01\x81", 5), -1);
	ck_assert_int_eq(ifgw_dsig_ecdsa_der_to_raw(back, 32, (const unsigned char *)"\x30\x00", 2), -1);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("xmldsig");
	TCase *tc = tcase_create("sign and verify");
	TCase *refuse = tcase_create("refusals");
	TCase *parse = tcase_create("hardened parse");
	TCase *c14n = tcase_create("c14n");

	tcase_add_test(tc, ecdsa_round_trip_edifactoring);
	tcase_add_test(tc, rsa_round_trip);
	tcase_add_test(tc, sign_in_memory_document);
	tcase_add_test(tc, signed_info_is_libxml2_c14n);
	tcase_add_test(tc, apphdr_place_keeps_schema_valid);
	tcase_add_test(tc, tsin_place_keeps_schema_valid);
	tcase_add_test(tc, place_names_and_sign_refusals);
	tcase_add_test(tc, iso_8859_9_round_trip);
	tcase_add_test(tc, shift_jis_round_trip);
	tcase_add_test(tc, profile_keys_only);
	tcase_add_test(tc, ecdsa_value_conversion);
	suite_add_tcase(s, tc);
	tcase_add_test(refuse, refuse_second_signature);
	tcase_add_test(refuse, refuse_signature_moved_into_child);
	tcase_add_test(refuse, refuse_reference_changes);
	tcase_add_test(refuse, refuse_transforms);
	tcase_add_test(refuse, refuse_algorithms);
	tcase_add_test(refuse, refuse_modified_content_and_signed_info);
	tcase_add_test(refuse, refuse_unknown_signer);
	tcase_add_test(refuse, refuse_attacker_keyinfo);
	tcase_add_test(refuse, keyinfo_names_another_trusted_cert);
	tcase_add_test(refuse, refuse_expired_and_revoked_signer);
	tcase_add_test(refuse, refuse_unsigned_and_malformed);
	suite_add_tcase(s, refuse);
	tcase_add_test(parse, refuse_dtd_external_entity);
	tcase_add_test(parse, refuse_billion_laughs_quickly);
	tcase_add_test(parse, refuse_deep_nesting);
	tcase_add_test(parse, refuse_100mb_document_quickly);
	suite_add_tcase(s, parse);
	tcase_add_test(c14n, c14n_cases);
	tcase_add_test(c14n, c14n_random_documents);
	suite_add_tcase(s, c14n);
	return s;
}

IFGW_TEST_MAIN(suite)
