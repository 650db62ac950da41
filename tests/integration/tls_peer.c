/* tls_peer.c: one real TLS handshake with ifgw's own TLS code, for
 * tests/integration/tls_peers.sh to hold against the openssl command.
 *
 *   tls_peer serve CONFIG PORTFILE
 *       The node of CONFIG (its snapshot: TLS identity, every partner's
 *       trust) accepts one connection on 127.0.0.1 (the port is written to
 *       PORTFILE) and prints "accepted PARTNER" or "refused: REASON".
 *   tls_peer connect CONFIG PARTNER URL
 *       The node of CONFIG gets URL over libcurl as it talks to PARTNER
 *       (gateway/net/tls_curl.h) and prints "accepted" or "refused: REASON".
 *
 * Exit 0 accepted, 1 refused, 2 anything else (usage, configuration). */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "base/error.h"
#include "certs/cert.h"
#include "certs/tls.h"
#include "certs/trust.h"
#include "gateway/net/tls_curl.h"
#include "gateway/node/global.h"
#include "gateway/node/snapshot.h"

#define PEER_WAIT_MS 20000

/* Listen on 127.0.0.1, an ephemeral port, written to portfile. */
static int listen_local(const char *portfile)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	FILE *f;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 1) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0 || !(f = fopen(portfile, "w"))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	fprintf(f, "%d\n", ntohs(a.sin_port));
	if (fclose(f) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int serve(const char *config, const char *portfile)
{
	struct ifgw_node_snapshot *snap = NULL;
	const struct ifgw_error *why;
	const struct ifgw_trust *peer;
	struct pollfd pfd;
	char buf[256];
	SSL *ssl = NULL;
	int lfd = -1, fd = -1, ret = 2;

	if (ifgw_node_snapshot_load(&snap, config) != IFGW_OK) {
		fprintf(stderr, "tls_peer: %s\n", ifgw_error_last());
		goto out;
	}
	if ((lfd = listen_local(portfile)) < 0) {
		fprintf(stderr, "tls_peer: cannot listen on 127.0.0.1\n");
		goto out;
	}
	pfd.fd = lfd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, PEER_WAIT_MS) != 1 || (fd = accept(lfd, NULL, NULL)) < 0) {
		fprintf(stderr, "tls_peer: no connection\n");
		goto out;
	}
	if (!(ssl = SSL_new(ifgw_node_snapshot_server_ctx(snap))) || !SSL_set_fd(ssl, fd))
		goto out;
	if (SSL_accept(ssl) != 1) {
		why = ifgw_tls_refusal(ssl);
		printf("refused: %s\n", why ? why->message : ifgw_cert_ossl_error(buf, sizeof(buf)));
		ret = 1;
		goto out;
	}
	peer = ifgw_tls_peer_partner(ssl);
	printf("accepted %s\n", peer ? ifgw_trust_name(peer) : "?");
	ret = 0;
	SSL_shutdown(ssl);
out:
	ERR_clear_error();
	SSL_free(ssl);
	if (fd >= 0)
		close(fd);
	if (lfd >= 0)
		close(lfd);
	ifgw_node_snapshot_release(snap);
	return ret;
}

static size_t discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

static int connect_to(const char *config, const char *partner, const char *url)
{
	struct ifgw_node_snapshot *snap = NULL;
	const struct ifgw_trust *trust;
	char errbuf[CURL_ERROR_SIZE] = "";
	struct ifgw_net_tls tls;
	CURL *h = NULL;
	CURLcode cc;
	int ret = 2;

	if (ifgw_node_snapshot_load(&snap, config) != IFGW_OK) {
		fprintf(stderr, "tls_peer: %s\n", ifgw_error_last());
		goto out;
	}
	if (!(trust = ifgw_node_snapshot_trust(snap, partner))) {
		fprintf(stderr, "tls_peer: no partner %s in %s\n", partner, config);
		goto out;
	}
	if (!(h = curl_easy_init()) ||
	    ifgw_net_tls_setup(h, &tls, ifgw_node_snapshot_tls_identity(snap), trust) != IFGW_OK) {
		fprintf(stderr, "tls_peer: %s\n", ifgw_error_last());
		goto out;
	}
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	cc = curl_easy_perform(h);
	if (cc == CURLE_OK) {
		printf("accepted\n");
		ret = 0;
	} else {
		printf("refused: %s\n", ifgw_net_tls_refusal(&tls) ? ifgw_net_tls_refusal(&tls)
								   : errbuf[0] ? errbuf : curl_easy_strerror(cc));
		ret = 1;
	}
out:
	curl_easy_cleanup(h);
	ifgw_node_snapshot_release(snap);
	return ret;
}

int main(int argc, char **argv)
{
	int ret = 2;

	if (ifgw_global_init() != IFGW_OK) {
		fprintf(stderr, "tls_peer: %s\n", ifgw_error_last());
		return 2;
	}
	if (argc == 4 && strcmp(argv[1], "serve") == 0)
		ret = serve(argv[2], argv[3]);
	else if (argc == 5 && strcmp(argv[1], "connect") == 0)
		ret = connect_to(argv[2], argv[3], argv[4]);
	else
		fprintf(stderr, "usage: tls_peer serve CONFIG PORTFILE | connect CONFIG PARTNER URL\n");
	fflush(stdout);
	ifgw_global_cleanup();
	return ret;
}
