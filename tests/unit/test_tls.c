/* test_tls.c: real TLS on loopback.  A server thread accepts with the
 * SSL_CTX of ifgw_tls_server_ctx_new(); libcurl connects with
 * ifgw_net_tls_setup().  Right certificates pass; a stranger's, an expired,
 * a revoked or an unpinned one is refused with its reason, kept on the
 * connection (ifgw_tls_refusal, ifgw_net_tls_refusal), not on the thread. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "base/clock.h"
#include "base/error.h"
#include "certs/cert.h"
#include "certs/identity.h"
#include "certs/pki.h"
#include "certs/tls.h"
#include "certs/trust.h"
#include "gateway/net/tls_curl.h"
#include "gateway/node/global.h"
#include "certs_fixture.h"
#include "testutil.h"

/* One server connection: what the server saw. */
struct server {
	int lfd;
	int port;
	SSL_CTX *ctx;
	pthread_t thread;
	int handshake_ok;
	int tls_version;
	const struct ifgw_trust *peer;
	char reason[IFGW_ERROR_MAX + 256];
	char thread_error[IFGW_ERROR_MAX]; /* the server thread's pending error after the handshake */
};

static void *serve_one(void *arg)
{
	static const char reply[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
	struct server *s = arg;
	struct pollfd pfd = {s->lfd, POLLIN, 0};
	char buf[4096], why[256];
	size_t got = 0;
	SSL *ssl = NULL;
	int fd = -1, n;

	if (poll(&pfd, 1, 10000) != 1 || (fd = accept(s->lfd, NULL, NULL)) < 0) {
		snprintf(s->reason, sizeof(s->reason), "no connection");
		return NULL;
	}
	ifgw_error_clear();
	ssl = SSL_new(s->ctx);
	SSL_set_fd(ssl, fd);
	if (SSL_accept(ssl) != 1) {
		const struct ifgw_error *e = ifgw_tls_refusal(ssl);

		/* The reason is the connection's; the thread has nothing pending. */
		snprintf(s->reason, sizeof(s->reason), "%s | %s", e ? e->message : "",
			 ifgw_cert_ossl_error(why, sizeof(why)));
		snprintf(s->thread_error, sizeof(s->thread_error), "%s", ifgw_error_last());
		goto out;
	}
	/* TLS 1.3 checks the client certificate during the handshake, so a
	 * refused client never gets this far. */
	s->handshake_ok = 1;
	s->tls_version = SSL_version(ssl);
	s->peer = ifgw_tls_peer_partner(ssl);
	while (got < sizeof(buf) - 1 && (n = SSL_read(ssl, buf + got, (int)(sizeof(buf) - 1 - got))) > 0) {
		got += (size_t)n;
		buf[got] = '\0';
		if (strstr(buf, "\r\n\r\n"))
			break;
	}
	if (got)
		SSL_write(ssl, reply, (int)strlen(reply));
	SSL_shutdown(ssl);
out:
	ERR_clear_error();
	SSL_free(ssl);
	close(fd);
	return NULL;
}

static void server_start(struct server *s, const struct ifgw_identity *id, const struct ifgw_trust *const *partners,
			 size_t n)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	memset(s, 0, sizeof(*s));
	ck_assert_ok(ifgw_tls_server_ctx_new(&s->ctx, id, partners, n));
	s->lfd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(s->lfd, 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(s->lfd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(listen(s->lfd, 4), 0);
	ck_assert_int_eq(getsockname(s->lfd, (struct sockaddr *)&a, &len), 0);
	s->port = ntohs(a.sin_port);
	ck_assert_int_eq(pthread_create(&s->thread, NULL, serve_one, s), 0);
}

static void server_stop(struct server *s)
{
	pthread_join(s->thread, NULL);
	close(s->lfd);
	SSL_CTX_free(s->ctx);
}

/* GET https://<host>:port/ with the client setup; the body in body. */
static CURLcode fetch(const struct server *s, const char *host, const struct ifgw_identity *id,
		      const struct ifgw_trust *partner, char *errbuf, struct ifgw_buf *body,
		      struct ifgw_net_tls *tls);

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct ifgw_buf *b = arg;

	return ifgw_buf_add(b, p, size * n) == IFGW_OK ? size * n : 0;
}

static CURLcode fetch(const struct server *s, const char *host, const struct ifgw_identity *id,
		      const struct ifgw_trust *partner, char *errbuf, struct ifgw_buf *body,
		      struct ifgw_net_tls *tls)
{
	CURL *h = curl_easy_init();
	struct curl_slist *resolve = NULL;
	char url[128], entry[160];
	CURLcode cc;

	ck_assert_ptr_nonnull(h);
	snprintf(url, sizeof(url), "https://%s:%d/ifgw", host, s->port);
	if (strcmp(host, "localhost") != 0 && strcmp(host, "127.0.0.1") != 0) {
		/* Any other name reaches the same server, to test host name checks. */
		snprintf(entry, sizeof(entry), "%s:%d:127.0.0.1", host, s->port);
		resolve = curl_slist_append(NULL, entry);
		curl_easy_setopt(h, CURLOPT_RESOLVE, resolve);
	}
	ifgw_error_clear();
	if (id)
		ck_assert_ok(ifgw_net_tls_setup(h, tls, id, partner));
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, body);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	if (!id) {
		/* A client without a certificate that does not check the server. */
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	errbuf[0] = '\0';
	cc = curl_easy_perform(h);
	curl_easy_cleanup(h);
	curl_slist_free_all(resolve);
	return cc;
}

/* The test network: one CA; the gateway (server) and partner DE (client)
 * each with a TLS identity; each side's trust in the other. */
struct net {
	EVP_PKEY *cakey, *gwkey, *dekey;
	X509 *ca, *gwcert, *decert;
	struct ifgw_identity *gw, *de;
	struct ifgw_trust *trust_de; /* the gateway's trust in DE */
	struct ifgw_trust *trust_gw; /* DE's trust in the gateway */
};

static void net_new(struct net *n, int64_t de_days)
{
	fix_clock();
	memset(n, 0, sizeof(*n));
	n->cakey = fix_key(IFGW_PKI_EC);
	n->gwkey = fix_key(IFGW_PKI_EC);
	n->dekey = fix_key(IFGW_PKI_EC);
	n->ca = fix_cert(n->cakey, IFGW_PKI_PROFILE_CA, "Net Root", -FIX_DAY, 365 * FIX_DAY, NULL, NULL);
	n->gwcert = fix_cert(n->gwkey, IFGW_PKI_PROFILE_TLS, "gateway TLS", -FIX_DAY, 90 * FIX_DAY, n->ca, n->cakey);
	n->decert = fix_cert(n->dekey, IFGW_PKI_PROFILE_TLS, "DE TLS", -FIX_DAY, de_days * FIX_DAY, n->ca, n->cakey);
	ck_assert_ok(ifgw_identity_new(&n->gw, n->gwkey, n->gwcert, NULL));
	ck_assert_ok(ifgw_identity_new(&n->de, n->dekey, n->decert, NULL));
	ck_assert_ok(ifgw_trust_new(&n->trust_de, "DE"));
	ck_assert_ok(ifgw_trust_add_ca(n->trust_de, n->ca));
	ck_assert_ok(ifgw_trust_add_name(n->trust_de, IFGW_TRUST_NAME_CN, "DE TLS"));
	ck_assert_ok(ifgw_trust_new(&n->trust_gw, "gateway"));
	ck_assert_ok(ifgw_trust_add_ca(n->trust_gw, n->ca));
	ck_assert_ok(ifgw_trust_add_name(n->trust_gw, IFGW_TRUST_NAME_CN, "gateway TLS"));
}

static void net_free(struct net *n)
{
	ifgw_identity_free(n->gw);
	ifgw_identity_free(n->de);
	ifgw_trust_free(n->trust_de);
	ifgw_trust_free(n->trust_gw);
	X509_free(n->ca);
	X509_free(n->gwcert);
	X509_free(n->decert);
	EVP_PKEY_free(n->cakey);
	EVP_PKEY_free(n->gwkey);
	EVP_PKEY_free(n->dekey);
}

START_TEST(tls_mutual_ok)
{
	const struct ifgw_trust *partners[2];
	struct ifgw_trust *other = NULL, *exact_de = NULL, *exact_gw = NULL;
	char err[CURL_ERROR_SIZE];
	struct ifgw_net_tls tls;
	struct ifgw_buf body;
	struct server s;
	struct net n;
	CURLcode cc;

	net_new(&n, 30);
	ck_assert_ok(ifgw_trust_new(&other, "US")); /* a partner that does not know DE comes first */
	partners[0] = other;
	partners[1] = n.trust_de;
	ifgw_buf_init(&body, 1024);
	server_start(&s, n.gw, partners, 2);
	cc = fetch(&s, "localhost", n.de, n.trust_gw, err, &body, &tls);
	server_stop(&s);
	ck_assert_msg(cc == CURLE_OK, "curl: %s (%s); server: %s", curl_easy_strerror(cc), err, s.reason);
	ck_assert_str_eq(ifgw_buf_cstr(&body), "ok");
	ck_assert(s.handshake_ok);
	ck_assert_int_eq(s.tls_version, TLS1_3_VERSION);
	ck_assert_ptr_eq(s.peer, n.trust_de);

	/* The same with exact certificates instead of the CA, over 127.0.0.1. */
	ck_assert_ok(ifgw_trust_new(&exact_de, "DE"));
	ck_assert_ok(ifgw_trust_add_cert(exact_de, n.decert));
	ck_assert_ok(ifgw_trust_new(&exact_gw, "gateway"));
	ck_assert_ok(ifgw_trust_add_cert(exact_gw, n.gwcert));
	partners[0] = exact_de;
	ifgw_buf_reset(&body);
	server_start(&s, n.gw, partners, 1);
	cc = fetch(&s, "127.0.0.1", n.de, exact_gw, err, &body, &tls);
	server_stop(&s);
	ck_assert_msg(cc == CURLE_OK, "curl: %s (%s); server: %s", curl_easy_strerror(cc), err, s.reason);
	ck_assert_ptr_eq(s.peer, exact_de);
	ck_assert_str_eq(ifgw_buf_cstr(&body), "ok");

	ifgw_buf_free(&body);
	ifgw_trust_free(other);
	ifgw_trust_free(exact_de);
	ifgw_trust_free(exact_gw);
	net_free(&n);
}
END_TEST

/* The server refuses the client: curl fails, and the server's reason says why. */
static void expect_client_refused(struct net *n, const struct ifgw_identity *client, const struct ifgw_trust *partner,
				  const char *reason)
{
	const struct ifgw_trust *partners[1] = {partner};
	char err[CURL_ERROR_SIZE];
	struct ifgw_net_tls tls;
	struct ifgw_buf body;
	struct server s;
	CURLcode cc;

	ifgw_buf_init(&body, 1024);
	server_start(&s, n->gw, partners, 1);
	cc = fetch(&s, "localhost", client, n->trust_gw, err, &body, &tls);
	server_stop(&s);
	ck_assert_msg(cc != CURLE_OK, "curl succeeded; server: %s", s.reason);
	ck_assert(!s.handshake_ok);
	ck_assert_msg(strstr(s.reason, reason) != NULL, "server reason '%s' does not mention '%s'", s.reason, reason);
	ck_assert_msg(s.thread_error[0] == '\0', "the refusal leaked to the thread: %s", s.thread_error);
	ck_assert_uint_eq(body.len, 0);
	ifgw_buf_free(&body);
}

START_TEST(tls_refuses_stranger)
{
	struct ifgw_identity *stranger = NULL;
	EVP_PKEY *key = fix_key(IFGW_PKI_EC);
	X509 *cert;
	struct net n;

	net_new(&n, 30);
	cert = fix_cert(key, IFGW_PKI_PROFILE_TLS, "Mallory TLS", -FIX_DAY, 30 * FIX_DAY, NULL, NULL);
	ck_assert_ok(ifgw_identity_new(&stranger, key, cert, NULL));
	expect_client_refused(&n, stranger, n.trust_de,
			      "TLS client refused: partner DE: certificate CN=Mallory TLS,O=Test Org is unknown");
	ifgw_identity_free(stranger);
	X509_free(cert);
	EVP_PKEY_free(key);
	net_free(&n);
}
END_TEST

START_TEST(tls_refuses_expired_client)
{
	struct net n;

	net_new(&n, 1); /* DE's certificate: one day; the gateway's: 90 */
	ifgw_clock_advance(2 * FIX_DAY);
	expect_client_refused(&n, n.de, n.trust_de, "partner DE: certificate CN=DE TLS,O=Test Org expired on 2026-03-02");
	net_free(&n);
}
END_TEST

START_TEST(tls_refuses_revoked_client)
{
	X509_CRL *crl = NULL;
	struct net n;
	int64_t t0 = fix_t0();

	net_new(&n, 30);
	ck_assert_ok(ifgw_pki_crl_new(&crl, n.ca, n.cakey, NULL, &n.decert, 1, t0 - 60, t0 + 7 * FIX_DAY));
	ck_assert_ok(ifgw_trust_add_crl(n.trust_de, crl));
	expect_client_refused(&n, n.de, n.trust_de, "certificate CN=DE TLS,O=Test Org revoked on");
	X509_CRL_free(crl);
	net_free(&n);
}
END_TEST

START_TEST(tls_refuses_client_pin_mismatch)
{
	EVP_PKEY *key = fix_key(IFGW_PKI_EC);
	X509 *cert;
	char pin[IFGW_CERT_PIN_LEN];
	struct net n;

	net_new(&n, 30);
	cert = fix_cert(key, IFGW_PKI_PROFILE_TLS, "other", -FIX_DAY, 30 * FIX_DAY, NULL, NULL);
	ck_assert_ok(ifgw_cert_pin(pin, cert));
	ck_assert_ok(ifgw_trust_add_pin(n.trust_de, pin));
	expect_client_refused(&n, n.de, n.trust_de, "does not match any of the partner's 1 pins");
	X509_free(cert);
	EVP_PKEY_free(key);
	net_free(&n);
}
END_TEST

START_TEST(tls_refuses_client_without_certificate)
{
	const struct ifgw_trust *partners[1];
	char err[CURL_ERROR_SIZE];
	struct ifgw_buf body;
	struct server s;
	struct net n;
	CURLcode cc;

	net_new(&n, 30);
	partners[0] = n.trust_de;
	ifgw_buf_init(&body, 1024);
	server_start(&s, n.gw, partners, 1);
	cc = fetch(&s, "localhost", NULL, NULL, err, &body, NULL);
	server_stop(&s);
	ck_assert(cc != CURLE_OK);
	ck_assert(!s.handshake_ok);
	ck_assert_msg(strstr(s.reason, "peer did not return a certificate") != NULL, "server: %s", s.reason);
	ifgw_buf_free(&body);
	net_free(&n);
}
END_TEST

/* The client refuses the server: curl fails with a verification error and
 * the reason is the calling thread's pending error. */
static void expect_server_refused(struct net *n, const struct ifgw_trust *trust_gw, const char *host, const char *reason)
{
	const struct ifgw_trust *partners[1] = {n->trust_de};
	char err[CURL_ERROR_SIZE];
	struct ifgw_net_tls tls;
	struct ifgw_buf body;
	struct server s;
	CURLcode cc;

	ifgw_buf_init(&body, 1024);
	server_start(&s, n->gw, partners, 1);
	cc = fetch(&s, host, n->de, trust_gw, err, &body, &tls);
	server_stop(&s);
	ck_assert_msg(cc != CURLE_OK, "curl succeeded");
	ck_assert_uint_eq(body.len, 0);
	/* The trust check's reason is the transfer's; curl's own checks (host
	 * name) say theirs in its error buffer.  The thread keeps nothing. */
	ck_assert_msg((ifgw_net_tls_refusal(&tls) && strstr(ifgw_net_tls_refusal(&tls), reason)) ||
			      strstr(err, reason) != NULL,
		      "client reason '%s' / curl '%s' does not mention '%s'",
		      ifgw_net_tls_refusal(&tls) ? ifgw_net_tls_refusal(&tls) : "(none)", err, reason);
	ck_assert_str_eq(ifgw_error_last(), "");
	ifgw_buf_free(&body);
}

START_TEST(tls_client_refuses_server)
{
	struct ifgw_trust *stranger = NULL;
	EVP_PKEY *key = fix_key(IFGW_PKI_EC);
	X509 *cert;
	char pin[IFGW_CERT_PIN_LEN];
	struct net n;

	net_new(&n, 30);
	/* Pin mismatch: the gateway's key is not the pinned one. */
	cert = fix_cert(key, IFGW_PKI_PROFILE_TLS, "other", -FIX_DAY, 30 * FIX_DAY, NULL, NULL);
	ck_assert_ok(ifgw_cert_pin(pin, cert));
	ck_assert_ok(ifgw_trust_add_pin(n.trust_gw, pin));
	expect_server_refused(&n, n.trust_gw, "localhost",
			      "partner gateway: certificate CN=gateway TLS,O=Test Org does not match any of the partner's 1 pins");
	/* A partner trust that knows another server only. */
	ck_assert_ok(ifgw_trust_new(&stranger, "gateway"));
	ck_assert_ok(ifgw_trust_add_cert(stranger, cert));
	expect_server_refused(&n, stranger, "localhost", "is unknown");
	ifgw_trust_free(stranger);
	stranger = NULL;
	/* The server's certificate expired (clock moved past 90 days). */
	ck_assert_ok(ifgw_trust_new(&stranger, "gateway"));
	ck_assert_ok(ifgw_trust_add_ca(stranger, n.ca));
	ck_assert_ok(ifgw_trust_add_name(stranger, IFGW_TRUST_NAME_CN, "gateway TLS"));
	ifgw_clock_advance(91 * FIX_DAY);
	expect_server_refused(&n, stranger, "localhost", "CN=gateway TLS,O=Test Org expired on");
	fix_clock();
	/* Host name: the certificate names localhost and the loopback addresses only. */
	expect_server_refused(&n, stranger, "factor.example", "'factor.example'");
	ifgw_trust_free(stranger);
	X509_free(cert);
	EVP_PKEY_free(key);
	net_free(&n);
}
END_TEST

/* One memory-BIO connection stepped by hand: a client presenting its
 * certificate (and not checking the server), a server on ctx. */
struct pair {
	SSL_CTX *cctx;
	SSL *client, *server;
	int client_done, server_done, server_rc;
};

static void pair_new(struct pair *p, SSL_CTX *server_ctx, EVP_PKEY *key, X509 *cert)
{
	BIO *cb = NULL, *sb = NULL;

	memset(p, 0, sizeof(*p));
	ck_assert_ptr_nonnull(p->cctx = SSL_CTX_new(TLS_client_method()));
	ck_assert_int_eq(SSL_CTX_use_certificate(p->cctx, cert), 1);
	ck_assert_int_eq(SSL_CTX_use_PrivateKey(p->cctx, key), 1);
	SSL_CTX_set_verify(p->cctx, SSL_VERIFY_NONE, NULL);
	ck_assert_ptr_nonnull(p->client = SSL_new(p->cctx));
	ck_assert_ptr_nonnull(p->server = SSL_new(server_ctx));
	ck_assert_int_eq(BIO_new_bio_pair(&cb, 0, &sb, 0), 1);
	SSL_set_bio(p->client, cb, cb);
	SSL_set_bio(p->server, sb, sb);
	SSL_set_connect_state(p->client);
	SSL_set_accept_state(p->server);
}

/* One handshake step on each side; a side is done when it succeeded or
 * failed for good (not "want read/write"). */
static void pair_step(struct pair *p)
{
	int r, e;

	if (!p->client_done) {
		r = SSL_do_handshake(p->client);
		e = SSL_get_error(p->client, r);
		p->client_done = r == 1 || (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE);
	}
	if (!p->server_done) {
		r = SSL_do_handshake(p->server);
		e = SSL_get_error(p->server, r);
		p->server_done = r == 1 || (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE);
		p->server_rc = r;
	}
	ERR_clear_error();
}

static void pair_free(struct pair *p)
{
	SSL_free(p->client);
	SSL_free(p->server);
	SSL_CTX_free(p->cctx);
}

/* Two handshakes interleaved on one thread, refused for two different
 * reasons (an expired client; a client whose key is not pinned): each
 * connection keeps its own reason, and the thread keeps what it had. */
START_TEST(tls_refusals_stay_with_their_connection)
{
	struct ifgw_trust *pinned = NULL;
	const struct ifgw_trust *pa[1], *pb[1];
	const struct ifgw_error *ea, *eb;
	EVP_PKEY *oldkey = fix_key(IFGW_PKI_EC), *otherkey = fix_key(IFGW_PKI_EC);
	X509 *oldcert, *othercert;
	SSL_CTX *ctx_a = NULL, *ctx_b = NULL;
	char pin[IFGW_CERT_PIN_LEN];
	struct pair a, b;
	struct net n;
	int round;

	net_new(&n, 30);
	oldcert = fix_cert(oldkey, IFGW_PKI_PROFILE_TLS, "Old DE TLS", -10 * FIX_DAY, -FIX_DAY, n.ca, n.cakey);
	ck_assert_ok(ifgw_trust_add_name(n.trust_de, IFGW_TRUST_NAME_CN, "Old DE TLS"));
	othercert = fix_cert(otherkey, IFGW_PKI_PROFILE_TLS, "other", -FIX_DAY, 30 * FIX_DAY, NULL, NULL);
	ck_assert_ok(ifgw_cert_pin(pin, othercert));
	ck_assert_ok(ifgw_trust_new(&pinned, "DE"));
	ck_assert_ok(ifgw_trust_add_ca(pinned, n.ca));
	ck_assert_ok(ifgw_trust_add_pin(pinned, pin));
	pa[0] = n.trust_de;
	pb[0] = pinned;
	ck_assert_ok(ifgw_tls_server_ctx_new(&ctx_a, n.gw, pa, 1));
	ck_assert_ok(ifgw_tls_server_ctx_new(&ctx_b, n.gw, pb, 1));
	pair_new(&a, ctx_a, oldkey, oldcert); /* expired */
	pair_new(&b, ctx_b, n.dekey, n.decert); /* valid, but not the pinned key */

	/* Something the thread had pending before: the handshakes leave it alone. */
	ifgw_error_clear();
	ifgw_error_set(IFGW_EIO, "the loop's own error");
	for (round = 0; round < 20 && !(a.server_done && b.server_done); round++) {
		pair_step(&a);
		pair_step(&b);
	}
	ck_assert(a.server_done && b.server_done);
	ck_assert_int_ne(a.server_rc, 1);
	ck_assert_int_ne(b.server_rc, 1);
	ea = ifgw_tls_refusal(a.server);
	eb = ifgw_tls_refusal(b.server);
	ck_assert_ptr_nonnull(ea);
	ck_assert_ptr_nonnull(eb);
	ck_assert_int_eq(ea->code, IFGW_ETRUST);
	ck_assert_int_eq(eb->code, IFGW_ETRUST);
	ck_assert_msg(strstr(ea->message, "TLS client refused: partner DE: certificate CN=Old DE TLS,O=Test Org expired on"),
		      "A: %s", ea->message);
	ck_assert_msg(strstr(eb->message, "CN=DE TLS,O=Test Org does not match any of the partner's 1 pins"), "B: %s",
		      eb->message);
	ck_assert_str_eq(ifgw_error_last(), "the loop's own error");
	ck_assert_int_eq(ifgw_error_code(), IFGW_EIO);
	ifgw_error_clear();
	/* Connections that were not refused have no reason. */
	ck_assert_ptr_null(ifgw_tls_refusal(a.client));
	ck_assert_ptr_null(ifgw_tls_refusal(NULL));

	pair_free(&a);
	pair_free(&b);
	SSL_CTX_free(ctx_a);
	SSL_CTX_free(ctx_b);
	ifgw_trust_free(pinned);
	X509_free(oldcert);
	X509_free(othercert);
	EVP_PKEY_free(oldkey);
	EVP_PKEY_free(otherkey);
	net_free(&n);
}
END_TEST

/* Two transfers driven by one thread (a curl multi handle, as the transport
 * will), each refused by its own partner's trust for its own reason: each
 * transfer's struct ifgw_net_tls keeps its reason; the thread keeps none. */
START_TEST(tls_transfer_refusals_stay_with_their_transfer)
{
	const struct ifgw_trust *partners[1];
	struct ifgw_trust *pinned = NULL, *stranger = NULL;
	struct ifgw_net_tls tls[2];
	struct server s[2];
	CURL *h[2];
	CURLM *m;
	CURLMsg *msg;
	EVP_PKEY *key = fix_key(IFGW_PKI_EC);
	X509 *cert;
	char pin[IFGW_CERT_PIN_LEN], url[128];
	int running = 1, left, i, done = 0;
	struct net n;

	net_new(&n, 30);
	cert = fix_cert(key, IFGW_PKI_PROFILE_TLS, "other", -FIX_DAY, 30 * FIX_DAY, NULL, NULL);
	ck_assert_ok(ifgw_cert_pin(pin, cert));
	ck_assert_ok(ifgw_trust_new(&pinned, "gateway"));
	ck_assert_ok(ifgw_trust_add_ca(pinned, n.ca));
	ck_assert_ok(ifgw_trust_add_pin(pinned, pin)); /* the gateway's key is not this one */
	ck_assert_ok(ifgw_trust_new(&stranger, "gateway2"));
	ck_assert_ok(ifgw_trust_add_cert(stranger, cert)); /* knows another server only */
	partners[0] = n.trust_de;
	ck_assert_ptr_nonnull(m = curl_multi_init());
	for (i = 0; i < 2; i++) {
		server_start(&s[i], n.gw, partners, 1);
		ck_assert_ptr_nonnull(h[i] = curl_easy_init());
		snprintf(url, sizeof(url), "https://localhost:%d/ifgw", s[i].port);
		ck_assert_ok(ifgw_net_tls_setup(h[i], &tls[i], n.de, i == 0 ? pinned : stranger));
		curl_easy_setopt(h[i], CURLOPT_URL, url);
		curl_easy_setopt(h[i], CURLOPT_TIMEOUT, 10L);
		curl_easy_setopt(h[i], CURLOPT_NOSIGNAL, 1L);
		ck_assert_int_eq(curl_multi_add_handle(m, h[i]), CURLM_OK);
	}
	ifgw_error_clear();
	while (running) {
		ck_assert_int_eq(curl_multi_perform(m, &running), CURLM_OK);
		if (running)
			ck_assert_int_eq(curl_multi_poll(m, NULL, 0, 1000, NULL), CURLM_OK);
	}
	while ((msg = curl_multi_info_read(m, &left)))
		if (msg->msg == CURLMSG_DONE) {
			ck_assert_int_ne(msg->data.result, CURLE_OK);
			done++;
		}
	ck_assert_int_eq(done, 2);
	ck_assert_ptr_nonnull(ifgw_net_tls_refusal(&tls[0]));
	ck_assert_ptr_nonnull(ifgw_net_tls_refusal(&tls[1]));
	ck_assert_msg(strstr(ifgw_net_tls_refusal(&tls[0]),
			     "partner gateway: certificate CN=gateway TLS,O=Test Org does not match any of the partner's 1 pins"),
		      "transfer 0: %s", ifgw_net_tls_refusal(&tls[0]));
	ck_assert_msg(strstr(ifgw_net_tls_refusal(&tls[1]), "partner gateway2: certificate CN=gateway TLS,O=Test Org is unknown"),
		      "transfer 1: %s", ifgw_net_tls_refusal(&tls[1]));
	ck_assert_str_eq(ifgw_error_last(), "");
	for (i = 0; i < 2; i++) {
		curl_multi_remove_handle(m, h[i]);
		curl_easy_cleanup(h[i]);
		server_stop(&s[i]);
	}
	curl_multi_cleanup(m);
	ifgw_trust_free(pinned);
	ifgw_trust_free(stranger);
	X509_free(cert);
	EVP_PKEY_free(key);
	net_free(&n);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("tls");
	TCase *tc = tcase_create("loopback");

	if (ifgw_global_init() != IFGW_OK) {
		fprintf(stderr, "start-up: %s\n", ifgw_error_last());
		exit(EXIT_FAILURE);
	}
	/* A peer that hangs up mid-write must be an error return, not a signal
	 * (curl with CURLOPT_NOSIGNAL leaves SIGPIPE to the program, as a server must). */
	signal(SIGPIPE, SIG_IGN);
	tcase_add_test(tc, tls_mutual_ok);
	tcase_add_test(tc, tls_refuses_stranger);
	tcase_add_test(tc, tls_refuses_expired_client);
	tcase_add_test(tc, tls_refuses_revoked_client);
	tcase_add_test(tc, tls_refuses_client_pin_mismatch);
	tcase_add_test(tc, tls_refuses_client_without_certificate);
	tcase_add_test(tc, tls_client_refuses_server);
	tcase_add_test(tc, tls_refusals_stay_with_their_connection);
	tcase_add_test(tc, tls_transfer_refusals_stay_with_their_transfer);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
