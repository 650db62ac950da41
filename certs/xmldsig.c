/* xmldsig.c: what signing and verifying share: the places a signature may
 * live, the algorithms (fetched once), exclusive C14N streamed into SHA-256,
 * base64 and the ECDSA value conversion (see xmldsig.h, xmldsig_int.h). */
#include "config.h"

#include <pthread.h>
#include <string.h>

#include <libxml/c14n.h>
#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "base/error.h"
#include "certs/c14n.h"
#include "certs/xmldsig.h"
#define IFGW_XMLDSIG_INTERNAL
#include "certs/xmldsig_int.h"

/* --- places */

const struct ifgw_dsig_place ifgw_dsig_place_root = {"last child of the root", NULL, NULL, NULL, 0, 0};

const struct ifgw_dsig_place ifgw_dsig_place_edifactoring = {
	"last child of the MSGnn root", "urn:schemas-edifactoring-com:*", NULL, NULL, 0, 0};

static const struct ifgw_dsig_step apphdr_steps[] = {
	{"urn:iso:std:iso:20022:tech:xsd:head.001.001.*", "AppHdr", NULL, 0},
	{NULL, "Sgntr", "Rltd", 1}, /* head.001: Sgntr comes before the Rltd headers */
};

const struct ifgw_dsig_place ifgw_dsig_place_apphdr = {
	"last child of AppHdr/Sgntr", IFGW_DSIG_ENVELOPE_NS, IFGW_DSIG_ENVELOPE_ROOT, apphdr_steps, 2, 1};

/* Document/<message>/Hdr (BusinessLetter1)/DgtlSgntr/Sgntr: DgtlSgntr is the
 * last element of BusinessLetter1, Sgntr the last of its DgtlSgntr. */
static const struct ifgw_dsig_step tsin_steps[] = {
	{NULL, NULL, NULL, 0},
	{NULL, "Hdr", NULL, 0},
	{NULL, "DgtlSgntr", NULL, 1},
	{NULL, "Sgntr", NULL, 1},
};

const struct ifgw_dsig_place ifgw_dsig_place_tsin = {
	"last child of Hdr/DgtlSgntr/Sgntr", "urn:iso:std:iso:20022:tech:xsd:tsin.*", "Document", tsin_steps, 4, 1};

static const struct {
	const char *name;
	const struct ifgw_dsig_place *place;
} place_names[] = {
	{"root", &ifgw_dsig_place_root},
	{"edifactoring", &ifgw_dsig_place_edifactoring},
	{"apphdr", &ifgw_dsig_place_apphdr},
	{"tsin", &ifgw_dsig_place_tsin},
};

const struct ifgw_dsig_place *ifgw_dsig_place_by_name(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(place_names) / sizeof(place_names[0]); i++)
		if (strcmp(name, place_names[i].name) == 0)
			return place_names[i].place;
	return NULL;
}

static int ns_fits(const char *pattern, const xmlNs *ns)
{
	const char *href = ns && ns->href ? (const char *)ns->href : "";
	size_t n = strlen(pattern);

	if (n > 0 && pattern[n - 1] == '*')
		return strncmp(href, pattern, n - 1) == 0;
	return strcmp(href, pattern) == 0;
}

int ifgw_dsig_root_fits(const struct ifgw_dsig_place *place, const xmlNode *root)
{
	if (!root || root->type != XML_ELEMENT_NODE)
		return 0;
	if (place->root_ns && !ns_fits(place->root_ns, root->ns))
		return 0;
	return !place->root_name || strcmp((const char *)root->name, place->root_name) == 0;
}

static const xmlNode *first_element(const xmlNode *parent)
{
	const xmlNode *n;

	for (n = parent->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

int ifgw_dsig_step_fits(const struct ifgw_dsig_step *step, const xmlNode *el, const xmlNode *parent)
{
	const char *href, *phref;

	if (!el || el->type != XML_ELEMENT_NODE || !parent || parent->type != XML_ELEMENT_NODE)
		return 0;
	if (step->ns) {
		if (!ns_fits(step->ns, el->ns))
			return 0;
	} else {
		href = el->ns && el->ns->href ? (const char *)el->ns->href : "";
		phref = parent->ns && parent->ns->href ? (const char *)parent->ns->href : "";
		if (strcmp(href, phref) != 0)
			return 0;
	}
	if (step->name)
		return strcmp((const char *)el->name, step->name) == 0;
	return first_element(parent) == el; /* "any element" means the first one */
}

const struct ifgw_dsig_place *ifgw_dsig_place_detect(const xmlDoc *doc)
{
	static const char tsin[] = "urn:iso:std:iso:20022:tech:xsd:tsin.";
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	const char *href;
	int msg;

	if (!root || !root->ns || !root->ns->href)
		return &ifgw_dsig_place_root;
	href = (const char *)root->ns->href;
	if (ifgw_dsig_root_fits(&ifgw_dsig_place_edifactoring, root))
		return &ifgw_dsig_place_edifactoring;
	if (ifgw_dsig_root_fits(&ifgw_dsig_place_apphdr, root))
		return &ifgw_dsig_place_apphdr;
	/* tsin.006 to tsin.013 carry Hdr/DgtlSgntr; the others have no slot. */
	if (strcmp((const char *)root->name, "Document") == 0 && strncmp(href, tsin, sizeof(tsin) - 1) == 0 &&
	    href[sizeof(tsin) - 1] == '0' && href[sizeof(tsin)] >= '0' && href[sizeof(tsin)] <= '9' &&
	    href[sizeof(tsin) + 1] >= '0' && href[sizeof(tsin) + 1] <= '9') {
		msg = (href[sizeof(tsin)] - '0') * 10 + (href[sizeof(tsin) + 1] - '0');
		if (msg >= 6 && msg <= 13)
			return &ifgw_dsig_place_tsin;
	}
	return &ifgw_dsig_place_root;
}

/* --- algorithms */

static pthread_once_t algs_once = PTHREAD_ONCE_INIT;
static EVP_MD *sha256_md;

static void algs_init(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA2-256", NULL);
}

const EVP_MD *ifgw_dsig_sha256(void)
{
	pthread_once(&algs_once, algs_init);
	return sha256_md;
}

enum dsig_alg ifgw_dsig_key_alg(EVP_PKEY *key, size_t *bytes)
{
	char group[64];
	size_t glen = 0;

	*bytes = 0;
	if (!key)
		return DSIG_ALG_NONE;
	if (EVP_PKEY_is_a(key, "EC")) {
		if (!EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group), &glen) ||
		    (strcmp(group, "prime256v1") != 0 && strcmp(group, "P-256") != 0))
			return DSIG_ALG_NONE;
		*bytes = 2 * DSIG_P256_LEN;
		return DSIG_ALG_ECDSA_P256;
	}
	if (EVP_PKEY_is_a(key, "RSA")) {
		if (EVP_PKEY_get_bits(key) < DSIG_RSA_MIN_BITS || EVP_PKEY_get_size(key) > DSIG_RSA_MAX_BYTES)
			return DSIG_ALG_NONE;
		*bytes = (size_t)EVP_PKEY_get_size(key);
		return DSIG_ALG_RSA;
	}
	return DSIG_ALG_NONE;
}

const char *ifgw_dsig_alg_uri(enum dsig_alg alg)
{
	return alg == DSIG_ALG_ECDSA_P256 ? DSIG_ECDSA_SHA256 : alg == DSIG_ALG_RSA ? DSIG_RSA_SHA256 : "";
}

/* --- exclusive C14N into SHA-256, without an intermediate copy */

struct digest_sink {
	EVP_MD_CTX *md;
	int failed;
};

static int sink_write(void *ctx, const char *buf, int len)
{
	struct digest_sink *s = ctx;

	if (len > 0 && EVP_DigestUpdate(s->md, buf, (size_t)len) != 1) {
		s->failed = 1;
		return -1;
	}
	return len;
}

static int sink_close(void *ctx)
{
	return 0;
}

static int visible_under(void *apex, xmlNodePtr node, xmlNodePtr parent)
{
	const xmlNode *n = node;

	/* namespace and attribute nodes are judged by their element */
	if (node->type == XML_NAMESPACE_DECL || node->type == XML_ATTRIBUTE_NODE)
		n = parent;
	for (; n; n = n->parent)
		if (n == apex)
			return 1;
	return 0;
}

static void silent_error(void *ctx, xmlErrorPtr err)
{
}

static int libxml2_c14n(EVP_MD_CTX *md, xmlDoc *doc, xmlNode *apex)
{
	struct digest_sink sink = {md, 0};
	xmlOutputBufferPtr ob;

	xmlStructuredErrorFunc old = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	int n, closed;

	if (!(ob = xmlOutputBufferCreateIO(sink_write, sink_close, &sink, NULL)))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory for exclusive C14N");
	/* its reasons ("relative namespace URI") would go to stderr: we report one line */
	xmlSetStructuredErrorFunc(NULL, silent_error);
	n = xmlC14NExecute(doc, apex ? visible_under : NULL, apex, XML_C14N_EXCLUSIVE_1_0, NULL, 0, ob);
	closed = xmlOutputBufferClose(ob);
	xmlSetStructuredErrorFunc(old_ctx, old);
	if (closed < 0 || n < 0 || sink.failed)
		return ifgw_error_set(IFGW_EINVAL, "exclusive C14N failed (libxml2; a relative namespace URI?)");
	return IFGW_OK;
}

static int hash_write(void *ctx, const unsigned char *data, size_t len)
{
	return EVP_DigestUpdate(ctx, data, len) == 1 ? IFGW_OK : IFGW_EINVAL;
}

int ifgw_dsig_c14n_sha256(unsigned char out[DSIG_SHA256_LEN], EVP_MD_CTX *md, xmlDoc *doc, xmlNode *apex,
			  xmlNode *skip)
{
	struct ifgw_c14n_sink sink = {hash_write, md};
	xmlNode *parent, *next;
	unsigned int outlen = 0;
	int rc;

	if (EVP_DigestInit_ex2(md, ifgw_dsig_sha256(), NULL) != 1)
		return ifgw_error_set(IFGW_EINVAL, "SHA-256 is not available");
	rc = ifgw_c14n_exc(&sink, doc, apex, skip);
	if (rc == IFGW_EUNSUPPORTED) {
		/* libxml2 renders what the fast writer leaves to it; the skipped
		 * subtree is unlinked for the pass and put back where it was */
		if (EVP_DigestInit_ex2(md, ifgw_dsig_sha256(), NULL) != 1)
			return ifgw_error_set(IFGW_EINVAL, "SHA-256 is not available");
		parent = skip ? skip->parent : NULL;
		next = skip ? skip->next : NULL;
		if (skip)
			xmlUnlinkNode(skip);
		rc = libxml2_c14n(md, doc, apex);
		if (skip && next)
			xmlAddPrevSibling(next, skip);
		else if (skip)
			xmlAddChild(parent, skip);
	} else if (rc != IFGW_OK) {
		rc = ifgw_error_set(rc, "exclusive C14N: hashing failed");
	}
	if (rc != IFGW_OK)
		return rc;
	if (EVP_DigestFinal_ex(md, out, &outlen) != 1 || outlen != DSIG_SHA256_LEN)
		return ifgw_error_set(IFGW_EINVAL, "SHA-256 failed");
	return IFGW_OK;
}

/* --- finding signatures */

int ifgw_dsig_is_signature(const xmlNode *node)
{
	return node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
	       strcmp((const char *)node->name, "Signature") == 0 &&
	       strcmp((const char *)node->ns->href, IFGW_DSIG_NS) == 0;
}

void ifgw_dsig_find_signatures(xmlNode **first, xmlNode **second, xmlNode *root)
{
	xmlNode *n = root;

	*first = *second = NULL;
	/* iterative pre-order walk: no recursion on untrusted depth */
	while (n) {
		if (n->type == XML_ELEMENT_NODE && ifgw_dsig_is_signature(n)) {
			if (*first) {
				*second = n;
				return;
			}
			*first = n;
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
}

/* --- base64 */

int ifgw_dsig_b64_encode(struct ifgw_buf *out, const unsigned char *data, size_t len)
{
	size_t need = (len + 2) / 3 * 4;
	char *p;
	int rc;

	if ((rc = ifgw_buf_grow(out, need)) != IFGW_OK)
		return rc;
	p = out->ptr + out->len;
	EVP_EncodeBlock((unsigned char *)p, data, (int)len);
	out->len += need;
	out->ptr[out->len] = '\0';
	return IFGW_OK;
}

/* 0-63 for the alphabet, 64 for XML whitespace, 65 for '=', 255 otherwise. */
static const unsigned char b64_table[256] = {
	['A'] = 0, ['B'] = 1, ['C'] = 2, ['D'] = 3, ['E'] = 4, ['F'] = 5, ['G'] = 6, ['H'] = 7,
	['I'] = 8, ['J'] = 9, ['K'] = 10, ['L'] = 11, ['M'] = 12, ['N'] = 13, ['O'] = 14, ['P'] = 15,
	['Q'] = 16, ['R'] = 17, ['S'] = 18, ['T'] = 19, ['U'] = 20, ['V'] = 21, ['W'] = 22, ['X'] = 23,
	['Y'] = 24, ['Z'] = 25, ['a'] = 26, ['b'] = 27, ['c'] = 28, ['d'] = 29, ['e'] = 30, ['f'] = 31,
	['g'] = 32, ['h'] = 33, ['i'] = 34, ['j'] = 35, ['k'] = 36, ['l'] = 37, ['m'] = 38, ['n'] = 39,
	['o'] = 40, ['p'] = 41, ['q'] = 42, ['r'] = 43, ['s'] = 44, ['t'] = 45, ['u'] = 46, ['v'] = 47,
	['w'] = 48, ['x'] = 49, ['y'] = 50, ['z'] = 51, ['0'] = 52, ['1'] = 53, ['2'] = 54, ['3'] = 55,
	['4'] = 56, ['5'] = 57, ['6'] = 58, ['7'] = 59, ['8'] = 60, ['9'] = 61, ['+'] = 62, ['/'] = 63,
	[' '] = 64, ['\t'] = 64, ['\r'] = 64, ['\n'] = 64, ['='] = 65,
};

/* b64_table with the holes (0 from the initialiser) told apart from 'A'. */
static int b64_class(unsigned char c)
{
	return c == 'A' || b64_table[c] ? b64_table[c] : 255;
}

long ifgw_dsig_b64_decode(unsigned char *out, size_t cap, const char *text)
{
	unsigned long acc = 0;
	size_t n = 0;
	int bits = 0, pad = 0, chars = 0, v;
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p; p++) {
		v = b64_class(*p);
		if (v == 64)
			continue;
		if (v == 65) {
			pad++;
			chars++;
			if (pad > 2)
				return -1;
			continue;
		}
		if (pad || v == 255)
			return -1; /* data after padding, or not base64 */
		chars++;
		acc = (acc << 6) | (unsigned long)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (n >= cap)
				return -1;
			out[n++] = (unsigned char)(acc >> bits);
			acc &= (1ul << bits) - 1;
		}
	}
	/* whole quanta only; leftover bits must be zero (canonical base64) */
	if (chars % 4 != 0 || (pad && bits / 2 != pad) || acc != 0)
		return -1;
	return (long)n;
}

/* --- ECDSA values: OpenSSL speaks DER, XMLDSig 1.1 speaks r||s.  Written
 * by hand: two short INTEGERs in a SEQUENCE, no allocation per message. */

/* One DER INTEGER at *p (end excluded) into n bytes, big-endian, left-padded. */
static int der_int_to_raw(unsigned char *raw, size_t n, const unsigned char **p, const unsigned char *end)
{
	const unsigned char *q = *p;
	size_t len;

	if (end - q < 2 || q[0] != 0x02 || q[1] > 0x7f)
		return -1;
	len = q[1];
	q += 2;
	if ((size_t)(end - q) < len || len == 0 || (q[0] & 0x80))
		return -1; /* truncated, empty, or negative */
	if (len > 1 && q[0] == 0 && !(q[1] & 0x80))
		return -1; /* not minimal */
	*p = q + len;
	while (len > 0 && *q == 0) {
		q++;
		len--;
	}
	if (len > n)
		return -1;
	memset(raw, 0, n - len);
	memcpy(raw + n - len, q, len);
	return 0;
}

int ifgw_dsig_ecdsa_der_to_raw(unsigned char *raw, size_t n, const unsigned char *der, size_t der_len)
{
	const unsigned char *p = der, *end = der + der_len;

	if (der_len < 2 || der[0] != 0x30 || der[1] > 0x7f || (size_t)der[1] != der_len - 2)
		return -1;
	p += 2;
	if (der_int_to_raw(raw, n, &p, end) != 0 || der_int_to_raw(raw + n, n, &p, end) != 0 || p != end)
		return -1;
	return 0;
}

/* One unsigned big-endian number as a minimal DER INTEGER at out. */
static size_t raw_to_der_int(unsigned char *out, const unsigned char *raw, size_t n)
{
	size_t skip = 0, len;

	while (skip + 1 < n && raw[skip] == 0)
		skip++;
	len = n - skip;
	out[0] = 0x02;
	if (raw[skip] & 0x80) {
		out[1] = (unsigned char)(len + 1);
		out[2] = 0;
		memcpy(out + 3, raw + skip, len);
		return len + 3;
	}
	out[1] = (unsigned char)len;
	memcpy(out + 2, raw + skip, len);
	return len + 2;
}

int ifgw_dsig_ecdsa_raw_to_der(unsigned char *der, size_t *der_len, size_t der_cap, const unsigned char *raw,
			       size_t n)
{
	size_t a, b;

	/* 2 + 2 * (3 + n) bytes at most; short length forms only (n <= 60) */
	if (n > 60 || der_cap < 2 * (n + 3) + 2)
		return -1;
	a = raw_to_der_int(der + 2, raw, n);
	b = raw_to_der_int(der + 2 + a, raw + n, n);
	der[0] = 0x30;
	der[1] = (unsigned char)(a + b);
	*der_len = a + b + 2;
	return 0;
}
