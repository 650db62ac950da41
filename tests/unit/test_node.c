/* test_node.c: one node's wiring.  A node is built from an
 * examples/ifgw.xml-style configuration over a test PKI written to a
 * temporary folder; a good reload swaps the whole snapshot, a broken one
 * keeps the old and says why, and readers holding the old snapshot across
 * reloads read valid, consistent data (run under ASan in CI). */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>

#include <event2/event.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/file.h"
#include "certs/cert.h"
#include "certs/identity.h"
#include "certs/pki.h"
#include "certs/trust.h"
#include "gateway/node/global.h"
#include "gateway/node/node.h"
#include "gateway/node/snapshot.h"
#include "certs_fixture.h"
#include "testutil.h"

/* The test PKI on disk: a CA; the node's signing and TLS identities;
 * partner DE's and IT's signing certificates; a stray key. */
struct pki {
	char *dir;
	X509 *tls_cert;
};

static void write_pair(const char *dir, const char *name, enum ifgw_pki_profile profile, X509 *ca, EVP_PKEY *cakey,
		       X509 **keep)
{
	char path[4200];
	EVP_PKEY *key = fix_key(IFGW_PKI_EC);
	X509 *cert = fix_cert(key, profile, name, -FIX_DAY, 365 * FIX_DAY, ca, cakey);

	snprintf(path, sizeof(path), "%s/%s.key", dir, name);
	ck_assert_ok(ifgw_pki_write_key(path, key));
	snprintf(path, sizeof(path), "%s/%s.crt", dir, name);
	ck_assert_ok(ifgw_pki_write_cert(path, cert));
	if (keep)
		*keep = cert;
	else
		X509_free(cert);
	EVP_PKEY_free(key);
}

static void pki_new(struct pki *p)
{
	EVP_PKEY *cakey = fix_key(IFGW_PKI_EC);
	X509 *ca;

	fix_clock();
	memset(p, 0, sizeof(*p));
	p->dir = fix_tmpdir();
	ca = fix_cert(cakey, IFGW_PKI_PROFILE_CA, "Node Test Root", -FIX_DAY, 3650 * FIX_DAY, NULL, NULL);
	ck_assert_ok(ifgw_pki_write_cert(fix_path(0, p->dir, "ca.crt"), ca));
	write_pair(p->dir, "sign", IFGW_PKI_PROFILE_SIGNING, ca, cakey, NULL);
	write_pair(p->dir, "tls", IFGW_PKI_PROFILE_TLS, ca, cakey, &p->tls_cert);
	write_pair(p->dir, "de-sign", IFGW_PKI_PROFILE_SIGNING, ca, cakey, NULL);
	write_pair(p->dir, "it-sign", IFGW_PKI_PROFILE_SIGNING, ca, cakey, NULL);
	write_pair(p->dir, "other", IFGW_PKI_PROFILE_SIGNING, ca, cakey, NULL);
	X509_free(ca);
	EVP_PKEY_free(cakey);
}

static void pki_free(struct pki *p)
{
	X509_free(p->tls_cert);
	fix_rmdir(p->dir);
}

/* Write DIR/ifgw.xml: name, the signing key file (to break it), and one or
 * two partners. */
static const char *write_config(const struct pki *p, const char *name, const char *sign_key, int partners)
{
	static const char it[] = "  <Partner code=\"IT00077\" country=\"IT\">\n"
				 "    <Name>Factoring Demo Milano</Name>\n"
				 "    <Endpoint>https://127.0.0.1:8443/ifgw</Endpoint>\n"
				 "    <Trust><Cert file=\"it-sign.crt\"/><Ca file=\"ca.crt\"/>"
				   "<PeerName kind=\"cn\">IT TLS</PeerName></Trust>\n"
				 "  </Partner>\n";
	const char *path = fix_path(1, p->dir, "ifgw.xml");
	struct ifgw_buf b;

	ifgw_buf_init(&b, 1 << 16);
	ck_assert_ok(ifgw_buf_addf(&b,
				   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				   "<Node xmlns=\"urn:ifgw:config:1\" version=\"1\" code=\"FR00001\" country=\"FR\">\n"
				   "  <Name>%s</Name>\n"
				   "  <Identity>\n"
				   "    <Signing key=\"%s\" cert=\"sign.crt\"/>\n"
				   "    <Tls key=\"tls.key\" cert=\"tls.crt\"/>\n"
				   "  </Identity>\n"
				   "  <Listen>127.0.0.1:8441</Listen>\n"
				   "  <Partner code=\"DE00123\" country=\"DE\">\n"
				   "    <Name>Factoring Demo Frankfurt</Name>\n"
				   "    <Endpoint>https://127.0.0.1:8442/ifgw</Endpoint>\n"
				   "    <Trust><Cert file=\"de-sign.crt\"/><Ca file=\"ca.crt\"/>"
				   "<PeerName kind=\"cn\">DE TLS</PeerName></Trust>\n"
				   "  </Partner>\n"
				   "%s"
				   "  <Routes>\n"
				   "    <Route product=\"export\" country=\"DE\" partner=\"DE00123\"/>\n"
				   "  </Routes>\n"
				   "</Node>\n",
				   name, sign_key, partners > 1 ? it : ""));
	ck_assert_ok(ifgw_file_write_atomic(path, b.ptr, b.len, 0644));
	ifgw_buf_free(&b);
	return path;
}

START_TEST(node_built_from_config)
{
	struct ifgw_node_snapshot *snap;
	const struct ifgw_config *cfg;
	const struct ifgw_trust *de;
	struct ifgw_node *node = NULL;
	struct pki p;

	pki_new(&p);
	ck_assert_ok(ifgw_node_new(&node, write_config(&p, "Affacturage Demo Paris", "sign.key", 2)));
	snap = ifgw_node_acquire(node);
	ck_assert_ptr_nonnull(snap);
	cfg = ifgw_node_snapshot_config(snap);
	ck_assert_str_eq(cfg->code, "FR00001");
	ck_assert_str_eq(cfg->name, "Affacturage Demo Paris");
	ck_assert_uint_eq(cfg->partner_count, 2);
	de = ifgw_node_snapshot_trust(snap, "DE00123");
	ck_assert_ptr_nonnull(de);
	ck_assert_str_eq(ifgw_trust_name(de), "DE00123");
	ck_assert_uint_eq(ifgw_trust_cert_count(de), 1);
	ck_assert_uint_eq(ifgw_trust_ca_count(de), 1);
	ck_assert_ptr_nonnull(ifgw_node_snapshot_trust(snap, "IT00077"));
	ck_assert_ptr_null(ifgw_node_snapshot_trust(snap, "US00900"));
	/* TLS uses the <Tls> identity, signing the <Signing> one. */
	ck_assert_int_eq(X509_cmp(ifgw_identity_cert(ifgw_node_snapshot_tls_identity(snap)), p.tls_cert), 0);
	ck_assert_int_ne(X509_cmp(ifgw_identity_cert(ifgw_node_snapshot_signing(snap)), p.tls_cert), 0);
	ck_assert_ptr_nonnull(ifgw_node_snapshot_server_ctx(snap));
	ck_assert_int_eq(X509_cmp(SSL_CTX_get0_certificate(ifgw_node_snapshot_server_ctx(snap)), p.tls_cert), 0);
	ifgw_node_snapshot_release(snap);

	/* Start and stop: the event base. */
	ck_assert_ptr_null(ifgw_node_event_base(node));
	ck_assert_ok(ifgw_node_start(node));
	ck_assert_ptr_nonnull(ifgw_node_event_base(node));
	ck_assert_int_eq(event_base_loop(ifgw_node_event_base(node), EVLOOP_NONBLOCK), 1); /* nothing to run yet */
	ck_assert_fails(ifgw_node_start(node), IFGW_ESTATE, "already started");
	ifgw_node_stop(node);
	ck_assert_ptr_null(ifgw_node_event_base(node));
	ifgw_node_stop(node); /* twice is harmless */
	ck_assert_ok(ifgw_node_start(node));
	ifgw_node_free(node); /* stops it */
	pki_free(&p);
}
END_TEST

/* DIR/crl.xml: the node with partner DE00123 trusting crl-de.crt through
 * crl-ca.crt, with the CRL file crl and the node's CrlMaxAge element
 * max_age ("" for none). */
static const char *write_crl_config(const struct pki *p, const char *crl, const char *max_age)
{
	const char *path = fix_path(1, p->dir, "crl.xml");
	struct ifgw_buf b;

	ifgw_buf_init(&b, 1 << 16);
	ck_assert_ok(ifgw_buf_addf(&b,
				   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				   "<Node xmlns=\"urn:ifgw:config:1\" version=\"1\" code=\"FR00001\" country=\"FR\">\n"
				   "  <Name>CRL</Name>\n"
				   "  <Identity>\n"
				   "    <Signing key=\"sign.key\" cert=\"sign.crt\"/>\n"
				   "    <Tls key=\"tls.key\" cert=\"tls.crt\"/>\n"
				   "  </Identity>\n"
				   "%s"
				   "  <Partner code=\"DE00123\" country=\"DE\">\n"
				   "    <Name>Factoring Demo Frankfurt</Name>\n"
				   "    <Endpoint>https://127.0.0.1:8442/ifgw</Endpoint>\n"
				   "    <Trust><Cert file=\"crl-de.crt\"/><Ca file=\"crl-ca.crt\"/><Crl file=\"%s\"/>"
				   "<PeerName kind=\"cn\">DE TLS</PeerName></Trust>\n"
				   "  </Partner>\n"
				   "</Node>\n",
				   max_age, crl));
	ck_assert_ok(ifgw_file_write_atomic(path, b.ptr, b.len, 0644));
	ifgw_buf_free(&b);
	return path;
}

/* The node's CrlMaxAge reaches each partner's trust, and a CRL no configured
 * CA verifies refuses the configuration, naming the file (issue 9). */
START_TEST(node_crls_verified_by_a_ca_and_aged)
{
	struct ifgw_node_snapshot *snap = NULL;
	EVP_PKEY *cakey = fix_key(IFGW_PKI_EC), *evil = fix_key(IFGW_PKI_EC), *dekey = fix_key(IFGW_PKI_EC);
	X509_CRL *nonext = NULL, *forged = NULL;
	const struct ifgw_trust *de;
	X509 *ca, *decert;
	struct pki p;

	pki_new(&p);
	ca = fix_cert(cakey, IFGW_PKI_PROFILE_CA, "CRL Root", -FIX_DAY, 3650 * FIX_DAY, NULL, NULL);
	decert = fix_cert(dekey, IFGW_PKI_PROFILE_SIGNING, "DE signing", -FIX_DAY, 365 * FIX_DAY, ca, cakey);
	ck_assert_ok(ifgw_pki_write_cert(fix_path(0, p.dir, "crl-ca.crt"), ca));
	ck_assert_ok(ifgw_pki_write_cert(fix_path(0, p.dir, "crl-de.crt"), decert));
	ck_assert_ok(ifgw_pki_crl_new(&nonext, ca, cakey, NULL, NULL, 0, fix_t0(), IFGW_PKI_CRL_NO_NEXT_UPDATE));
	ck_assert_ok(ifgw_pki_write_crl(fix_path(0, p.dir, "nonext.crl"), nonext));
	ck_assert_ok(ifgw_pki_crl_new(&forged, ca, evil, NULL, NULL, 0, fix_t0(), fix_t0() + 7 * FIX_DAY));
	ck_assert_ok(ifgw_pki_write_crl(fix_path(0, p.dir, "forged.crl"), forged));

	ck_assert_ok(ifgw_node_snapshot_load(&snap, write_crl_config(&p, "nonext.crl", "  <CrlMaxAge days=\"2\"/>\n")));
	de = ifgw_node_snapshot_trust(snap, "DE00123");
	ck_assert_ptr_nonnull(de);
	ck_assert_ok(ifgw_trust_check(de, decert, IFGW_TRUST_SIGNING));
	ifgw_clock_advance(2 * FIX_DAY + 1);
	ck_assert_fails(ifgw_trust_check(de, decert, IFGW_TRUST_SIGNING), IFGW_ETRUST,
			"has no nextUpdate and is older than the maximum age of 2 days");
	ifgw_node_snapshot_release(snap);
	snap = NULL;
	/* without CrlMaxAge: 7 days */
	ck_assert_ok(ifgw_node_snapshot_load(&snap, write_crl_config(&p, "nonext.crl", "")));
	ck_assert_ok(ifgw_trust_check(ifgw_node_snapshot_trust(snap, "DE00123"), decert, IFGW_TRUST_SIGNING));
	ifgw_node_snapshot_release(snap);
	snap = NULL;
	fix_clock();

	ck_assert_fails(ifgw_node_snapshot_load(&snap, write_crl_config(&p, "forged.crl", "")), IFGW_ETRUST,
			"crl.xml: partner DE00123 (line 8): trust: ");
	ck_assert_ptr_null(snap);
	ck_assert_fails(ifgw_node_snapshot_load(&snap, write_crl_config(&p, "forged.crl", "")), IFGW_ETRUST,
			"forged.crl: CRL 1: partner DE00123: the CRL of CN=CRL Root,O=Test Org has a bad signature");

	X509_CRL_free(nonext);
	X509_CRL_free(forged);
	X509_free(ca);
	X509_free(decert);
	EVP_PKEY_free(cakey);
	EVP_PKEY_free(evil);
	EVP_PKEY_free(dekey);
	pki_free(&p);
}
END_TEST

/* write_config's file with one seller in country cc under registration number regno. */
static const char *write_seller_config(struct pki *p, const char *cc, const char *regno)
{
	const char *path = write_config(p, "Paris", "sign.key", 1);
	struct ifgw_buf b, out;
	const char *end;

	ifgw_buf_init(&b, 1 << 16);
	ifgw_buf_init(&out, 1 << 16);
	ck_assert_ok(ifgw_file_read(&b, path));
	end = strstr(ifgw_buf_cstr(&b), "</Node>");
	ck_assert_ptr_nonnull(end);
	ck_assert_ok(ifgw_buf_addf(&out,
				   "%.*s  <Sellers><Seller id=\"S1\" country=\"%s\">\n"
				   "    <Name>Textiles</Name><RegistrationNumber>%s</RegistrationNumber>\n"
				   "    <Contract product=\"classic\"><AdvanceRate>85</AdvanceRate><Reserve percent=\"10\"/>"
				   "<Commission>0.8</Commission><Interest reference=\"3\" margin=\"1\"/>"
				   "<FundingPromise hours=\"24\"/><Calendar name=\"FR\" utcOffset=\"+01:00\"/>"
				   "<Dunning reminder=\"7\" secondReminder=\"21\" formalNotice=\"45\" handOver=\"90\"/>"
				   "<PaymentTerm days=\"60\"/></Contract>\n"
				   "  </Seller></Sellers>\n</Node>\n",
				   (int)(end - ifgw_buf_cstr(&b)), ifgw_buf_cstr(&b), cc, regno));
	ck_assert_ok(ifgw_file_write_atomic(path, out.ptr, out.len, 0644));
	ifgw_buf_free(&b);
	ifgw_buf_free(&out);
	return path;
}

/* A seller's registration number is checked by its country's profile when
 * the node loads the configuration (config/ cannot reach adapters/). */
START_TEST(node_checks_seller_registration_numbers)
{
	struct ifgw_node_snapshot *snap = NULL;
	struct pki p;

	pki_new(&p);
	ck_assert_ok(ifgw_node_snapshot_load(&snap, write_seller_config(&p, "FR", "732829320")));
	ck_assert_str_eq(ifgw_node_snapshot_config(snap)->sellers[0].regno, "732829320");
	ifgw_node_snapshot_release(snap);
	snap = NULL;
	ck_assert_fails(ifgw_node_snapshot_load(&snap, write_seller_config(&p, "FR", "732829321")), IFGW_EINVAL,
			"ifgw.xml: Seller S1 (line 17): RegistrationNumber: FR SIREN 732829321: check digit wrong");
	/* no country profile: the number cannot be checked, so it is refused */
	ck_assert_fails(ifgw_node_snapshot_load(&snap, write_seller_config(&p, "BE", "0403170701")), IFGW_EINVAL,
			"ifgw.xml: Seller S1 (line 17): RegistrationNumber: country 'BE': no profile");
	ck_assert_ptr_null(snap);
	pki_free(&p);
}
END_TEST

/* write_seller_config's file (FR seller S1) naming a Registration file
 * whose body is `body` (written beside the configuration). */
static const char *write_registration_config(struct pki *p, const char *body)
{
	const char *path = write_seller_config(p, "FR", "732829320");
	struct ifgw_buf b, out;
	char reg[4096];
	const char *at;

	snprintf(reg, sizeof(reg), "%s", path);
	ck_assert_ptr_nonnull(strrchr(reg, '/'));
	snprintf(strrchr(reg, '/') + 1, sizeof(reg) - (size_t)(strrchr(reg, '/') + 1 - reg), "%s", "seller-S1.xml");
	ck_assert_ok(ifgw_file_write_atomic(reg, body, strlen(body), 0644));
	ifgw_buf_init(&b, 1 << 16);
	ifgw_buf_init(&out, 1 << 16);
	ck_assert_ok(ifgw_file_read(&b, path));
	at = strstr(ifgw_buf_cstr(&b), "</Contract>");
	ck_assert_ptr_nonnull(at);
	ck_assert_ok(ifgw_buf_addf(&out, "%.*s</Contract><Registration file=\"seller-S1.xml\"/>%s",
				   (int)(at - ifgw_buf_cstr(&b)), ifgw_buf_cstr(&b), at + strlen("</Contract>")));
	ck_assert_ok(ifgw_file_write_atomic(path, out.ptr, out.len, 0644));
	ifgw_buf_free(&b);
	ifgw_buf_free(&out);
	return path;
}

/* examples/sellers/S-FR-0001.xml as seller `nr`'s registration. */
static void registration_body(struct ifgw_buf *out, const char *nr)
{
	struct ifgw_buf b;
	const char *at;

	ifgw_buf_init(&b, 1 << 16);
	ck_assert_ok(ifgw_file_read(&b, ifgw_test_srcpath("examples/sellers/S-FR-0001.xml")));
	at = strstr(ifgw_buf_cstr(&b), "<Nr>S-FR-0001</Nr>");
	ck_assert_ptr_nonnull(at);
	ifgw_buf_reset(out);
	ck_assert_ok(ifgw_buf_addf(out, "%.*s<Nr>%s</Nr>%s", (int)(at - ifgw_buf_cstr(&b)), ifgw_buf_cstr(&b), nr,
				   at + strlen("<Nr>S-FR-0001</Nr>")));
	ifgw_buf_free(&b);
}

/* A seller's Registration file is read when the node loads the
 * configuration: a registration of this seller, or the start fails. */
START_TEST(node_checks_seller_registration_files)
{
	struct ifgw_node_snapshot *snap = NULL;
	struct ifgw_buf body;
	struct pki p;

	pki_new(&p);
	ifgw_buf_init(&body, 1 << 16);
	registration_body(&body, "S1");
	ck_assert_ok(ifgw_node_snapshot_load(&snap, write_registration_config(&p, body.ptr)));
	ck_assert_ptr_nonnull(strstr(ifgw_node_snapshot_config(snap)->sellers[0].registration, "/seller-S1.xml"));
	ifgw_node_snapshot_release(snap);
	snap = NULL;
	registration_body(&body, "S-OTHER");
	ck_assert_fails(ifgw_node_snapshot_load(&snap, write_registration_config(&p, body.ptr)), IFGW_EINVAL,
			"Seller S1 (line 17): Registration: ");
	ck_assert_fails(ifgw_node_snapshot_load(&snap, write_registration_config(&p, body.ptr)), IFGW_EINVAL,
			"presents seller S-OTHER");
	ck_assert_fails(ifgw_node_snapshot_load(&snap, write_registration_config(&p, "<not-a-registration/>")),
			IFGW_EPARSE, "Seller S1 (line 17): Registration");
	ck_assert_ptr_null(snap);
	ifgw_buf_free(&body);
	pki_free(&p);
}
END_TEST

START_TEST(node_refuses_a_broken_first_config)
{
	struct ifgw_node *node = NULL;
	struct pki p;

	pki_new(&p);
	ck_assert_fails(ifgw_node_new(&node, write_config(&p, "Paris", "missing.key", 1)), IFGW_EIO, "signing identity: ");
	ck_assert_ptr_null(node);
	pki_free(&p);
}
END_TEST

START_TEST(reload_swaps_a_good_config)
{
	struct ifgw_node_snapshot *old, *now;
	struct ifgw_node *node = NULL;
	struct pki p;

	pki_new(&p);
	ck_assert_ok(ifgw_node_new(&node, write_config(&p, "Paris v1", "sign.key", 1)));
	old = ifgw_node_acquire(node);
	ck_assert_uint_eq(ifgw_node_generation(node), 0);

	write_config(&p, "Paris v2", "sign.key", 2);
	ck_assert_ok(ifgw_node_reload(node));
	ck_assert_uint_eq(ifgw_node_generation(node), 1);
	now = ifgw_node_acquire(node);
	ck_assert_ptr_ne(now, old);
	ck_assert_str_eq(ifgw_node_snapshot_config(now)->name, "Paris v2");
	ck_assert_uint_eq(ifgw_node_snapshot_config(now)->partner_count, 2);
	ck_assert_ptr_nonnull(ifgw_node_snapshot_trust(now, "IT00077"));
	/* The old one, still held, is unchanged and whole. */
	ck_assert_str_eq(ifgw_node_snapshot_config(old)->name, "Paris v1");
	ck_assert_uint_eq(ifgw_node_snapshot_config(old)->partner_count, 1);
	ck_assert_ptr_null(ifgw_node_snapshot_trust(old, "IT00077"));
	ck_assert_str_eq(ifgw_trust_name(ifgw_node_snapshot_trust(old, "DE00123")), "DE00123");
	ifgw_node_snapshot_release(old);
	ifgw_node_snapshot_release(now);
	ifgw_node_free(node);
	pki_free(&p);
}
END_TEST

/* After a refused reload the current snapshot is the same object as before. */
static void expect_reload_refused(struct ifgw_node *node, int code, const char *why)
{
	struct ifgw_node_snapshot *before = ifgw_node_acquire(node), *after;
	unsigned long gen = ifgw_node_generation(node);

	ck_assert_fails(ifgw_node_reload(node), code, why);
	after = ifgw_node_acquire(node);
	ck_assert_ptr_eq(after, before);
	ck_assert_uint_eq(ifgw_node_generation(node), gen);
	ck_assert_str_eq(ifgw_node_snapshot_config(after)->name, "Paris good");
	ifgw_node_snapshot_release(before);
	ifgw_node_snapshot_release(after);
}

START_TEST(reload_keeps_the_old_on_a_broken_config)
{
	struct ifgw_node *node = NULL;
	const char *path;
	struct pki p;
	FILE *f;

	pki_new(&p);
	path = write_config(&p, "Paris good", "sign.key", 1);
	ck_assert_ok(ifgw_node_new(&node, path));

	/* Not XML at all. */
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("<Node xmlns=\"urn:ifgw:config:1\"", f);
	fclose(f);
	expect_reload_refused(node, IFGW_EPARSE, "reload refused, running configuration kept: ");
	/* A key that does not exist. */
	write_config(&p, "Paris bad key", "missing.key", 1);
	expect_reload_refused(node, IFGW_EIO, "running configuration kept: ");
	expect_reload_refused(node, IFGW_EIO, "signing identity: ");
	/* A key that is not the certificate's. */
	write_config(&p, "Paris wrong key", "other.key", 1);
	expect_reload_refused(node, IFGW_ETRUST, "private key does not match certificate");
	/* A partner's trust that cannot be read. */
	ck_assert_int_eq(unlink(fix_path(2, p.dir, "it-sign.crt")), 0);
	write_config(&p, "Paris bad trust", "sign.key", 2);
	expect_reload_refused(node, IFGW_EIO, "partner IT00077 (line ");
	/* The message is one line and names the file. */
	ck_assert_int_ne(ifgw_node_reload(node), IFGW_OK);
	ck_assert_msg(strstr(ifgw_error_last(), path) != NULL, "%s", ifgw_error_last());
	ifgw_error_clear();
	/* Fixed again: the reload goes through. */
	write_config(&p, "Paris fixed", "sign.key", 1);
	ck_assert_ok(ifgw_node_reload(node));
	ck_assert_uint_eq(ifgw_node_generation(node), 1);
	ifgw_node_free(node);
	pki_free(&p);
}
END_TEST

/* Readers that each hold a snapshot for a while, across reloads: what they
 * read always belongs together (name "one" has 1 partner, "two" has 2),
 * and the memory stays valid until they release it (ASan would see a use
 * after free). */
struct reader {
	struct ifgw_node *node;
	atomic_int *stop;
	unsigned long reads, bad;
};

static void *read_loop(void *arg)
{
	struct reader *r = arg;
	struct ifgw_node_snapshot *s;
	const struct ifgw_config *c;
	size_t want;
	int i;

	while (!atomic_load(r->stop)) {
		s = ifgw_node_acquire(r->node);
		c = ifgw_node_snapshot_config(s);
		want = strcmp(c->name, "one") == 0 ? 1 : 2;
		for (i = 0; i < 50; i++) {
			if (c->partner_count != want || !ifgw_node_snapshot_trust(s, "DE00123") ||
			    (want == 2) != (ifgw_node_snapshot_trust(s, "IT00077") != NULL) ||
			    !ifgw_node_snapshot_server_ctx(s) ||
			    strcmp(ifgw_trust_name(ifgw_node_snapshot_trust(s, "DE00123")), "DE00123") != 0)
				r->bad++;
			r->reads++;
		}
		ifgw_node_snapshot_release(s);
	}
	return NULL;
}

START_TEST(readers_keep_their_snapshot_across_reloads)
{
	struct ifgw_node *node = NULL;
	struct reader r[3];
	pthread_t tid[3];
	atomic_int stop;
	struct pki p;
	int i;

	pki_new(&p);
	ck_assert_ok(ifgw_node_new(&node, write_config(&p, "one", "sign.key", 1)));
	atomic_init(&stop, 0);
	for (i = 0; i < 3; i++) {
		r[i] = (struct reader){node, &stop, 0, 0};
		ck_assert_int_eq(pthread_create(&tid[i], NULL, read_loop, &r[i]), 0);
	}
	for (i = 0; i < 20; i++) {
		write_config(&p, i % 2 ? "one" : "two", "sign.key", i % 2 ? 1 : 2);
		ck_assert_ok(ifgw_node_reload(node));
		/* Every other round a broken file: refused, the readers unaffected. */
		if (i % 4 == 0) {
			write_config(&p, "three", "missing.key", 2);
			ck_assert_int_ne(ifgw_node_reload(node), IFGW_OK);
			ifgw_error_clear();
		}
	}
	atomic_store(&stop, 1);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(pthread_join(tid[i], NULL), 0);
		ck_assert_msg(r[i].bad == 0, "reader %d: %lu of %lu reads inconsistent", i, r[i].bad, r[i].reads);
		ck_assert_uint_gt(r[i].reads, 0);
	}
	ck_assert_uint_eq(ifgw_node_generation(node), 20);
	ifgw_node_free(node);
	pki_free(&p);
}
END_TEST

/* Reloads from two threads at once (a SIGHUP and an admin request): each
 * one succeeds and counts, and the snapshot left is the file's. */
struct reloader {
	struct ifgw_node *node;
	int failed;
};

static void *reload_loop(void *arg)
{
	struct reloader *r = arg;
	int i;

	for (i = 0; i < 10; i++)
		if (ifgw_node_reload(r->node) != IFGW_OK)
			r->failed++;
	return NULL;
}

START_TEST(reloads_from_two_threads_run_one_at_a_time)
{
	struct ifgw_node *node = NULL;
	struct ifgw_node_snapshot *s;
	struct reloader r[2];
	pthread_t tid[2];
	struct pki p;
	int i;

	pki_new(&p);
	ck_assert_ok(ifgw_node_new(&node, write_config(&p, "one", "sign.key", 1)));
	write_config(&p, "two", "sign.key", 2);
	for (i = 0; i < 2; i++) {
		r[i] = (struct reloader){node, 0};
		ck_assert_int_eq(pthread_create(&tid[i], NULL, reload_loop, &r[i]), 0);
	}
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(pthread_join(tid[i], NULL), 0);
		ck_assert_int_eq(r[i].failed, 0);
	}
	ck_assert_uint_eq(ifgw_node_generation(node), 20);
	s = ifgw_node_acquire(node);
	ck_assert_str_eq(ifgw_node_snapshot_config(s)->name, "two");
	ck_assert_uint_eq(ifgw_node_snapshot_config(s)->partner_count, 2);
	ifgw_node_snapshot_release(s);
	ifgw_node_free(node);
	pki_free(&p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("node");
	TCase *tc = tcase_create("node");

	if (ifgw_global_init() != IFGW_OK) {
		fprintf(stderr, "start-up: %s\n", ifgw_error_last());
		exit(EXIT_FAILURE);
	}
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, node_built_from_config);
	tcase_add_test(tc, node_refuses_a_broken_first_config);
	tcase_add_test(tc, node_checks_seller_registration_numbers);
	tcase_add_test(tc, node_checks_seller_registration_files);
	tcase_add_test(tc, node_crls_verified_by_a_ca_and_aged);
	tcase_add_test(tc, reload_swaps_a_good_config);
	tcase_add_test(tc, reload_keeps_the_old_on_a_broken_config);
	tcase_add_test(tc, readers_keep_their_snapshot_across_reloads);
	tcase_add_test(tc, reloads_from_two_threads_run_one_at_a_time);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
