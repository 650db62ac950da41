/* bench_dsig.c: XMLDSig sign and verify per second, ifgw against xmlsec1 and
 * raw OpenSSL, in one run, on one core (single-threaded).
 *
 * Message: tests/data/dsig/template-{ecdsa,rsa}.xml, copied unchanged from
 * the shared peer measurement (../shared/bench/); 1.7 KB once signed.  Keys:
 * a fresh EC P-256 and RSA-2048 key with self-signed signing certificates
 * (certs/pki.h, the OpenSSL API).  Timed like ../shared/bench/xmlsec_peer.c:
 *
 *   sign    from the document in memory (the template for xmlsec, the same
 *           content without the Signature for ifgw) to the signed bytes for
 *           the wire; preparing a fresh copy of the document is not timed
 *   verify  from the wire bytes to the verified document (freed in the loop)
 *   xmlsec default   key duplicated per message; verification through a keys
 *                    manager that checks the X.509 certificate each time
 *   xmlsec keylent   the key lent to each context; verification with the
 *                    public key set directly
 *   evp raw          EVP_PKEY_sign / EVP_PKEY_verify of one SHA-256 digest
 *                    on a context set up once: the floor, no XML at all
 *
 * Every figure is measured once per round for BENCH_DSIG_MS milliseconds
 * (default 300), rounds interleaved (BENCH_DSIG_ROUNDS, default 5); the line
 * gives the median rate of each and the median of the per-round ratios, so
 * that a load change on the machine hits both sides of a ratio alike.
 *
 *   bench=dsig_sign alg=ecdsa-p256 ifgw_per_s=.. xmlsec_default_per_s=..
 *     xmlsec_keylent_per_s=.. evp_raw_per_s=.. ratio_evp=.. ratio_xmlsec_keylent=..
 *     message_bytes=.. rounds=.. stat=median
 *   bench=dsig_sign_note alg=.. ifgw=".." xmlsec_keylent=".." xmlsec_default=".."
 *
 * The note says beside the figures that ifgw's reuse a warm parser and
 * cached contexts, and that the key-lent xmlsec figure skips the
 * certificate checks ifgw runs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <xmlsec/crypto.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/error.h"
#include "bench/bench_util.h"
#include "base/file.h"
#include "certs/identity.h"
#include "certs/pki.h"
#include "certs/trust.h"
#include "certs/xmldsig.h"
#include "gateway/node/global.h"

#define MAX_ROUNDS 21
#define WIRE_MAX (1u << 20)

enum fig { F_IFGW, F_XS_DEFAULT, F_XS_LENT, F_EVP, F_COUNT };

struct setup {
	const char *alg;
	EVP_PKEY *key;
	X509 *cert;
	char *key_pem, *cert_pem;
	int key_pem_len, cert_pem_len;
	struct ifgw_signer *signer;
	struct ifgw_trust *trust;
	xmlDoc *tmpl;         /* the template, with its empty Signature (xmlsec signs it) */
	xmlDoc *message;      /* the same without the Signature (ifgw signs it) */
	xmlSecKeyPtr xs_key;  /* private key + certificate */
	xmlSecKeyPtr xs_pub;  /* public key from the certificate */
	xmlSecKeysMngrPtr xs_mngr;
	EVP_PKEY_CTX *sign_ctx, *verify_ctx;
	unsigned char digest[32], raw_sig[1024];
	size_t raw_sig_len;
	xmlChar *wire;        /* the signed message both verifiers verify */
	int wire_len;
};

static char *pem_of(int (*write)(BIO *, void *), void *obj, int *len)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data, *copy;
	long n;

	if (!b || write(b, obj) != 1)
		ifgw_bench_die("PEM");
	n = BIO_get_mem_data(b, &data);
	copy = malloc((size_t)n + 1);
	memcpy(copy, data, (size_t)n);
	copy[n] = '\0';
	*len = (int)n;
	BIO_free(b);
	return copy;
}

static int write_key(BIO *b, void *k)
{
	return PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL);
}

static int write_cert(BIO *b, void *x)
{
	return PEM_write_bio_X509(b, x);
}

static xmlNodePtr signature_node(xmlDocPtr doc)
{
	return xmlSecFindNode(xmlDocGetRootElement(doc), xmlSecNodeSignature, xmlSecDSigNs);
}

static void setup_init(struct setup *s, const char *alg, enum ifgw_pki_key_type type, const char *tmpl_rel)
{
	struct ifgw_pki_subject subj = {"bench signer", "ifgw bench", NULL, NULL};
	struct ifgw_identity *id = NULL;
	struct ifgw_buf tmpl;
	char path[4096];
	const char *top = getenv("top_srcdir");
	xmlNodePtr sig;
	int64_t t = ifgw_clock_now();

	memset(s, 0, sizeof(*s));
	s->alg = alg;
	if (ifgw_pki_key_new(&s->key, type) != IFGW_OK ||
	    ifgw_pki_cert_new(&s->cert, s->key, IFGW_PKI_PROFILE_SIGNING, &subj, t - 3600, t + 30 * 86400, NULL,
			      s->key) != IFGW_OK ||
	    ifgw_identity_new(&id, s->key, s->cert, NULL) != IFGW_OK || ifgw_signer_new(&s->signer, id) != IFGW_OK ||
	    ifgw_trust_new(&s->trust, "bench") != IFGW_OK || ifgw_trust_add_cert(s->trust, s->cert) != IFGW_OK)
		ifgw_bench_die("keys");
	ifgw_identity_free(id); /* the signer holds its own references */
	s->key_pem = pem_of(write_key, s->key, &s->key_pem_len);
	s->cert_pem = pem_of(write_cert, s->cert, &s->cert_pem_len);

	snprintf(path, sizeof(path), "%s/%s", top && *top ? top : ".", tmpl_rel);
	ifgw_buf_init(&tmpl, 1 << 20);
	if (ifgw_file_read(&tmpl, path) != IFGW_OK)
		ifgw_bench_die("template");
	s->tmpl = xmlReadMemory(tmpl.ptr, (int)tmpl.len, "m.xml", NULL, XML_PARSE_NONET);
	s->message = xmlCopyDoc(s->tmpl, 1);
	if (!s->tmpl || !s->message || !(sig = signature_node(s->message)))
		ifgw_bench_die("template parse");
	xmlUnlinkNode(sig);
	xmlFreeNode(sig);
	ifgw_buf_free(&tmpl);

	/* xmlsec keys, loaded as xmlsec_peer.c loads them (from PEM) */
	s->xs_key = xmlSecCryptoAppKeyLoadMemory((const xmlSecByte *)s->key_pem, (xmlSecSize)s->key_pem_len,
						 xmlSecKeyDataFormatPem, NULL, NULL, NULL);
	if (!s->xs_key || xmlSecCryptoAppKeyCertLoadMemory(s->xs_key, (const xmlSecByte *)s->cert_pem,
							   (xmlSecSize)s->cert_pem_len, xmlSecKeyDataFormatPem) < 0)
		ifgw_bench_die("xmlsec key");
	s->xs_pub = xmlSecCryptoAppKeyLoadMemory((const xmlSecByte *)s->cert_pem, (xmlSecSize)s->cert_pem_len,
						 xmlSecKeyDataFormatCertPem, NULL, NULL, NULL);
	s->xs_mngr = xmlSecKeysMngrCreate();
	if (!s->xs_pub || !s->xs_mngr || xmlSecCryptoAppDefaultKeysMngrInit(s->xs_mngr) < 0 ||
	    xmlSecCryptoAppKeysMngrCertLoadMemory(s->xs_mngr, (const xmlSecByte *)s->cert_pem,
						  (xmlSecSize)s->cert_pem_len, xmlSecKeyDataFormatPem,
						  xmlSecKeyDataTypeTrusted) < 0)
		ifgw_bench_die("xmlsec keys manager");

	/* raw EVP on one digest, contexts set up once */
	memset(s->digest, 0x5a, sizeof(s->digest));
	s->sign_ctx = EVP_PKEY_CTX_new_from_pkey(NULL, s->key, NULL);
	s->verify_ctx = EVP_PKEY_CTX_new_from_pkey(NULL, s->key, NULL);
	if (!s->sign_ctx || !s->verify_ctx || EVP_PKEY_sign_init(s->sign_ctx) != 1 ||
	    EVP_PKEY_verify_init(s->verify_ctx) != 1 ||
	    EVP_PKEY_CTX_set_signature_md(s->sign_ctx, EVP_sha256()) != 1 ||
	    EVP_PKEY_CTX_set_signature_md(s->verify_ctx, EVP_sha256()) != 1)
		ifgw_bench_die("EVP");
	if (type != IFGW_PKI_EC && (EVP_PKEY_CTX_set_rsa_padding(s->sign_ctx, RSA_PKCS1_PADDING) != 1 ||
				    EVP_PKEY_CTX_set_rsa_padding(s->verify_ctx, RSA_PKCS1_PADDING) != 1))
		ifgw_bench_die("EVP RSA");
	s->raw_sig_len = sizeof(s->raw_sig);
	if (EVP_PKEY_sign(s->sign_ctx, s->raw_sig, &s->raw_sig_len, s->digest, sizeof(s->digest)) != 1)
		ifgw_bench_die("EVP sign");
}

static void setup_free(struct setup *s)
{
	ifgw_signer_free(s->signer);
	ifgw_trust_free(s->trust);
	xmlFreeDoc(s->tmpl);
	xmlFreeDoc(s->message);
	xmlSecKeyDestroy(s->xs_key);
	xmlSecKeyDestroy(s->xs_pub);
	xmlSecKeysMngrDestroy(s->xs_mngr);
	EVP_PKEY_CTX_free(s->sign_ctx);
	EVP_PKEY_CTX_free(s->verify_ctx);
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	free(s->key_pem);
	free(s->cert_pem);
	xmlFree(s->wire);
}

/* One xmlsec signature of a fresh template copy; the bytes when out != NULL. */
static double xmlsec_sign_one(struct setup *s, int lend, xmlChar **out, int *out_len)
{
	xmlDocPtr doc = xmlCopyDoc(s->tmpl, 1);
	xmlSecDSigCtxPtr ctx;
	xmlChar *bytes = NULL;
	int len = 0;
	double t0, t;

	t0 = ifgw_bench_now();
	ctx = xmlSecDSigCtxCreate(NULL);
	ctx->signKey = lend ? s->xs_key : xmlSecKeyDuplicate(s->xs_key);
	if (xmlSecDSigCtxSign(ctx, signature_node(doc)) < 0)
		ifgw_bench_die("xmlsec sign");
	if (lend)
		ctx->signKey = NULL; /* lent, not owned */
	xmlSecDSigCtxDestroy(ctx);
	xmlDocDumpMemory(doc, &bytes, &len);
	t = ifgw_bench_now() - t0;
	if (out) {
		*out = bytes;
		*out_len = len;
	} else {
		xmlFree(bytes);
	}
	xmlFreeDoc(doc);
	return t;
}

static double ifgw_sign_one(struct setup *s, struct ifgw_buf *wire)
{
	xmlDocPtr doc = xmlCopyDoc(s->message, 1);
	double t0, t;

	ifgw_buf_reset(wire);
	t0 = ifgw_bench_now();
	if (ifgw_dsig_sign(wire, doc, &ifgw_dsig_place_root, s->signer) != IFGW_OK)
		ifgw_bench_die("ifgw sign");
	t = ifgw_bench_now() - t0;
	xmlFreeDoc(doc);
	return t;
}

static double xmlsec_verify_one(struct setup *s, int lend)
{
	double t0 = ifgw_bench_now();
	xmlDocPtr doc = xmlReadMemory((const char *)s->wire, s->wire_len, "s.xml", NULL, XML_PARSE_NONET);
	xmlSecDSigCtxPtr ctx = xmlSecDSigCtxCreate(lend ? NULL : s->xs_mngr);

	if (lend)
		ctx->signKey = s->xs_pub;
	if (xmlSecDSigCtxVerify(ctx, signature_node(doc)) < 0 || ctx->status != xmlSecDSigStatusSucceeded)
		ifgw_bench_die("xmlsec verify");
	if (lend)
		ctx->signKey = NULL;
	xmlSecDSigCtxDestroy(ctx);
	xmlFreeDoc(doc);
	return ifgw_bench_now() - t0;
}

static double ifgw_verify_one(struct setup *s)
{
	double t0 = ifgw_bench_now();
	xmlDocPtr doc = NULL;
	X509 *who = NULL;

	if (ifgw_dsig_verify(&doc, &who, (const char *)s->wire, (size_t)s->wire_len, &ifgw_dsig_place_root, s->trust,
			     NULL) != IFGW_OK)
		ifgw_bench_die("ifgw verify");
	xmlFreeDoc(doc);
	return ifgw_bench_now() - t0;
}

/* Operations per second of one figure, run for ms milliseconds. */
static double rate(struct setup *s, int verify, enum fig f, double ms)
{
	unsigned char scratch[sizeof(s->raw_sig)];
	struct ifgw_buf wire;
	double busy = 0, wall0 = ifgw_bench_now();
	size_t sl;
	long n = 0;

	ifgw_buf_init(&wire, WIRE_MAX);
	while ((ifgw_bench_now() - wall0) * 1000 < ms || n < 3) {
		switch (f) {
		case F_IFGW:
			busy += verify ? ifgw_verify_one(s) : ifgw_sign_one(s, &wire);
			break;
		case F_XS_DEFAULT:
			busy += verify ? xmlsec_verify_one(s, 0) : xmlsec_sign_one(s, 0, NULL, NULL);
			break;
		case F_XS_LENT:
			busy += verify ? xmlsec_verify_one(s, 1) : xmlsec_sign_one(s, 1, NULL, NULL);
			break;
		default: {
			double t0 = ifgw_bench_now();

			sl = sizeof(scratch);
			if (verify ? EVP_PKEY_verify(s->verify_ctx, s->raw_sig, s->raw_sig_len, s->digest, 32) != 1
				   : EVP_PKEY_sign(s->sign_ctx, scratch, &sl, s->digest, 32) != 1)
				ifgw_bench_die("EVP");
			busy += ifgw_bench_now() - t0;
		}
		}
		n++;
	}
	ifgw_buf_free(&wire);
	return n / busy;
}

static void run(struct setup *s, int rounds, double ms)
{
	static const char *const names[F_COUNT] = {"ifgw", "xmlsec_default", "xmlsec_keylent", "evp_raw"};
	double r[2][F_COUNT][MAX_ROUNDS], ratio_evp[2][MAX_ROUNDS], ratio_xs[2][MAX_ROUNDS];
	struct ifgw_buf check;
	xmlDocPtr doc = NULL;
	X509 *who = NULL;
	int v, f, i;

	/* the message both verifiers take: signed by xmlsec on the template,
	 * and, as a check, verified by ifgw before anything is timed */
	xmlsec_sign_one(s, 1, &s->wire, &s->wire_len);
	if (ifgw_dsig_verify(&doc, &who, (const char *)s->wire, (size_t)s->wire_len, &ifgw_dsig_place_root, s->trust,
			     NULL) != IFGW_OK)
		ifgw_bench_die("ifgw verify of the xmlsec-signed message");
	xmlFreeDoc(doc);
	ifgw_buf_init(&check, WIRE_MAX);
	ifgw_sign_one(s, &check);
	ifgw_buf_free(&check);

	for (i = 0; i < rounds; i++)
		for (v = 0; v < 2; v++) {
			for (f = 0; f < F_COUNT; f++)
				r[v][f][i] = rate(s, v, (enum fig)f, ms);
			ratio_evp[v][i] = r[v][F_IFGW][i] / r[v][F_EVP][i];
			ratio_xs[v][i] = r[v][F_IFGW][i] / r[v][F_XS_LENT][i];
		}
	for (v = 0; v < 2; v++) {
		printf("bench=dsig_%s alg=%s", v ? "verify" : "sign", s->alg);
		for (f = 0; f < F_COUNT; f++)
			printf(" %s_per_s=%.0f", names[f], ifgw_bench_median(r[v][f], rounds));
		printf(" ratio_evp=%.2f ratio_xmlsec_keylent=%.2f message_bytes=%d rounds=%d stat=median\n",
		       ifgw_bench_median(ratio_evp[v], rounds), ifgw_bench_median(ratio_xs[v], rounds), s->wire_len, rounds);
		/* what the figures side by side do not say */
		if (v)
			printf("bench=dsig_verify_note alg=%s ifgw=\"reuses a warm parser (one per thread, its dictionary "
			       "kept) and cached contexts (algorithms fetched once, the trust set built once)\" "
			       "xmlsec_keylent=\"skips the certificate checks ifgw runs on every verification (the "
			       "signer's certificate against the partner's trust set)\" xmlsec_default=\"checks the "
			       "certificate through its keys manager\"\n",
			       s->alg);
		else
			printf("bench=dsig_sign_note alg=%s ifgw=\"reuses cached contexts (algorithms fetched once, the "
			       "signer's key and certificate prepared once)\" xmlsec_keylent=\"lends one key to every "
			       "context instead of a copy per message\"\n",
			       s->alg);
		fflush(stdout);
	}
}

int main(void)
{
	struct setup s;
	long rounds = ifgw_bench_env_long("BENCH_DSIG_ROUNDS", 5, 1, MAX_ROUNDS);
	double ms = (double)ifgw_bench_env_long("BENCH_DSIG_MS", 300, 10, 60000);
	if (ifgw_global_init() != IFGW_OK)
		ifgw_bench_die("start-up");
	if (xmlSecInit() < 0 || xmlSecCryptoAppInit(NULL) < 0 || xmlSecCryptoInit() < 0)
		ifgw_bench_die("xmlsec init");

	setup_init(&s, "ecdsa-p256", IFGW_PKI_EC, "tests/data/dsig/template-ecdsa.xml");
	run(&s, (int)rounds, ms);
	setup_free(&s);
	setup_init(&s, "rsa-2048", IFGW_PKI_RSA2048, "tests/data/dsig/template-rsa.xml");
	run(&s, (int)rounds, ms);
	setup_free(&s);

	xmlSecCryptoShutdown();
	xmlSecCryptoAppShutdown();
	xmlSecShutdown();
	ifgw_global_cleanup();
	return 0;
}
