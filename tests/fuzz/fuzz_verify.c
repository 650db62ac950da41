/* fuzz_verify.c: the signature verifier (certs/xmldsig.h) on arbitrary bytes.
 *
 * Against a fixed trust (the test key below, signing only, no secret), with
 * the clock frozen inside its validity.  Invariants, any of which aborts:
 *  - verification never crashes or leaks, refusals are one line, and a
 *    success returns a document and the trusted certificate;
 *  - whatever parses canonicalises with certs/c14n.h to exactly libxml2's
 *    exclusive C14N (or is left to libxml2);
 *  - whatever parses and holds no Signature, once signed at its detected
 *    place, verifies (unless the Signature takes it past the depth limit).
 * Corpus: tests/fuzz/corpus/verify/ (valid messages signed with this key,
 * and broken ones: wrapping, moved, other algorithms, DTDs, truncations). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/c14n.h>
#include <libxml/tree.h>
#include <openssl/bio.h>
#include <openssl/pem.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/error.h"
#include "certs/c14n.h"
#include "certs/cert.h"
#include "certs/identity.h"
#include "certs/trust.h"
#include "certs/xmldsig.h"
#define IFGW_XMLDSIG_INTERNAL
#include "certs/xmldsig_int.h"
#include "base/xml.h"
#include "tests/fuzz/fuzz.h"

static const char key_pem[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg6nsASLFNf0v1eMXT\n"
	"Si67mfX0vEJfxgcpLxj9J3kxtpehRANCAARs5Ap+a6aT0BQ8DwAYHoJMrE1d1/xv\n"
	"YlSuUg7K8JbA4dRVySXlVH1h8UVjh/bsL2buFhgYbwSiqkXP7uupDKgS\n"
	"-----END PRIVATE KEY-----\n";

static const char cert_pem[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBtjCCAVygAwIBAgIUYnQNeKXC3s08Fa8BIFYTUivwqn8wCgYIKoZIzj0EAwIw\n"
	"KjESMBAGA1UECgwJaWZndyBmdXp6MRQwEgYDVQQDDAtmdXp6IHNpZ25lcjAeFw0y\n"
	"NjExMjcwMzM0NTNaFw00NjExMjIwMzM0NTNaMCoxEjAQBgNVBAoMCWlmZ3cgZnV6\n"
	"ejEUMBIGA1UEAwwLZnV6eiBzaWduZXIwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC\n"
	"AARs5Ap+a6aT0BQ8DwAYHoJMrE1d1/xvYlSuUg7K8JbA4dRVySXlVH1h8UVjh/bs\n"
	"L2buFhgYbwSiqkXP7uupDKgSo2AwXjAdBgNVHQ4EFgQUU9iMcQ9qYL/+p7cUNR6q\n"
	"0sI9u3QwHwYDVR0jBBgwFoAUU9iMcQ9qYL/+p7cUNR6q0sI9u3QwDgYDVR0PAQH/\n"
	"BAQDAgeAMAwGA1UdEwEB/wQCMAAwCgYIKoZIzj0EAwIDSAAwRQIgI0aIoaIqNF4x\n"
	"e5rzng5lr+6Wx5FTmoOLqIBbIAUxFRcCIQCuAk6UJcSX+bY+/tATFN28hctJnuRV\n"
	"KU9K/fG8NYNScA==\n"
	"-----END CERTIFICATE-----\n";

static struct ifgw_signer *signer;
static struct ifgw_trust *trust;

static void setup(void)
{
	BIO *kb = BIO_new_mem_buf(key_pem, -1), *cb = BIO_new_mem_buf(cert_pem, -1);
	EVP_PKEY *key = kb ? PEM_read_bio_PrivateKey(kb, NULL, NULL, NULL) : NULL;
	X509 *cert = cb ? PEM_read_bio_X509(cb, NULL, NULL, NULL) : NULL;
	struct ifgw_identity *id = NULL;
	int64_t from = 0, to = 0;

	if (!key || !cert || ifgw_cert_validity(&from, &to, cert) != IFGW_OK)
		abort();
	ifgw_clock_set(from + 86400);
	if (ifgw_identity_new(&id, key, cert, NULL) != IFGW_OK || ifgw_signer_new(&signer, id) != IFGW_OK ||
	    ifgw_trust_new(&trust, "fuzz") != IFGW_OK || ifgw_trust_add_cert(trust, cert) != IFGW_OK)
		abort();
	ifgw_identity_free(id);
	EVP_PKEY_free(key);
	X509_free(cert);
	BIO_free(kb);
	BIO_free(cb);
}

static void one_line(void)
{
	if (strchr(ifgw_error_last(), '\n'))
		abort();
	ifgw_error_clear();
}

static int buf_sink(void *ctx, const unsigned char *data, size_t len)
{
	return ifgw_buf_add(ctx, data, len);
}

/* certs/c14n.h against libxml2 on the whole document. */
static void c14n_agrees(xmlDoc *doc)
{
	struct ifgw_buf mine;
	struct ifgw_c14n_sink sink = {buf_sink, &mine};
	xmlChar *ref = NULL;
	int rc, n;

	ifgw_buf_init(&mine, (size_t)64 << 20);
	rc = ifgw_c14n_exc(&sink, doc, NULL, NULL);
	if (rc == IFGW_OK) {
		n = xmlC14NDocDumpMemory(doc, NULL, XML_C14N_EXCLUSIVE_1_0, NULL, 0, &ref);
		if (n < 0 || (size_t)n != mine.len || memcmp(ref, ifgw_buf_cstr(&mine), mine.len) != 0)
			abort();
	} else if (rc != IFGW_EUNSUPPORTED && rc != IFGW_EOVERFLOW) {
		abort();
	}
	xmlFree(ref);
	ifgw_buf_free(&mine);
	ifgw_error_clear();
}

static void quiet(void *ctx, xmlErrorPtr err)
{
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *wire = (const char *)data;
	struct ifgw_buf signed_wire;
	xmlDoc *doc = NULL, *vdoc = NULL;
	X509 *who = NULL;
	xmlNode *first = NULL, *second = NULL;

	if (!signer) {
		setup();
		xmlSetStructuredErrorFunc(NULL, quiet); /* libxml2's C14N reasons */
	}
	if (ifgw_dsig_verify(&vdoc, &who, wire, size, NULL, trust, NULL) == IFGW_OK) {
		if (!vdoc || who != ifgw_trust_cert_at(trust, 0))
			abort();
		xmlFreeDoc(vdoc);
	} else if (vdoc || who) {
		abort();
	}
	one_line();

	if (ifgw_xml_parse(&doc, wire, size, "fuzz", NULL) != IFGW_OK) {
		one_line();
		return 0;
	}
	c14n_agrees(doc);
	/* unsigned documents: what ifgw signs, ifgw verifies */
	ifgw_dsig_find_signatures(&first, &second, xmlDocGetRootElement(doc));
	ifgw_buf_init(&signed_wire, (size_t)20 << 20);
	if (!first && ifgw_dsig_sign(&signed_wire, doc, ifgw_dsig_place_detect(doc), signer) == IFGW_OK) {
		/* the Signature adds nesting: a document at the depth limit may not verify */
		if (ifgw_dsig_verify(&vdoc, &who, signed_wire.ptr, signed_wire.len, NULL, trust, NULL) != IFGW_OK &&
		    !strstr(ifgw_error_last(), "nested deeper"))
			abort();
		xmlFreeDoc(vdoc);
	}
	one_line();
	ifgw_buf_free(&signed_wire);
	xmlFreeDoc(doc);
	return 0;
}
