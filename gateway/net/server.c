/* server.c: evhttp over bufferevent_openssl, client certificates mapped to
 * partners, limits, and a log line for every refusal (server.h). */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netdb.h>
#include <sys/socket.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <openssl/ssl.h>

#include "base/error.h"
#include "certs/tls.h"
#include "certs/trust.h"
#include "gateway/net/server.h"

#define DEFAULT_MAX_BODY ((size_t)4 << 20)
#define DEFAULT_MAX_HEADER_BYTES ((size_t)16 << 10)
#define DEFAULT_MAX_HEADERS 64
#define DEFAULT_TIMEOUT_S 30
#define DEFAULT_PARTNER_CONNS 8
#define DEFAULT_MAX_CONNS 256
#define REPLY_MAX ((size_t)1 << 20) /* an acknowledgement is a few KiB */
#define CODE_SIZE 40
#define PEER_SIZE 64

struct partner_count {
	char code[CODE_SIZE];
	unsigned n;
};

struct conn;

struct ifgw_server {
	struct event_base *base;
	struct evhttp *http;
	struct evhttp_bound_socket *bound;
	struct ifgw_server_handler h;
	struct ifgw_server_limits lim;
	struct ifgw_log *log;
	unsigned port;
	size_t in_flight;
	struct partner_count *counts;
	size_t ncounts;
	struct conn *conns; /* every connection alive, so that free can cut them loose */
	size_t nconns;
	int draining;
	void (*drain_done)(void *arg);
	void *drain_arg;
	struct event *drain_timer;
};

/* One TLS connection: kept on its SSL (ex_data), freed with it. */
struct conn {
	struct ifgw_server *s; /* NULL once the server is gone */
	struct conn *prev, *next;
	void *token;           /* the handler's, for the context */
	void (*release)(void *arg, void *token);
	void *release_arg;
	struct evbuffer *out;  /* the connection's output, watched for libevent's own answers */
	struct evbuffer_cb_entry *out_cb;
	struct bufferevent *bev;
	struct event *deadline; /* the next whole request is due by then (see deadline_cb) */
	const char *closing;    /* why the deadline closes it: "" while it has not */
	char partner[CODE_SIZE]; /* counted against its partner's limit when set */
	char tls_partner[CODE_SIZE]; /* the partner the handshake accepted, for the log */
	char peer[PEER_SIZE];
	int handshook, refusal_logged, replying;
};

static int conn_idx = -1;
static pthread_once_t conn_idx_once = PTHREAD_ONCE_INIT;

static struct partner_count *count_of(struct ifgw_server *s, const char *code, int create)
{
	struct partner_count *p;
	size_t i;

	for (i = 0; i < s->ncounts; i++)
		if (!strcmp(s->counts[i].code, code))
			return &s->counts[i];
	if (!create || !(p = realloc(s->counts, (s->ncounts + 1) * sizeof(*p))))
		return NULL;
	s->counts = p;
	p = &s->counts[s->ncounts++];
	snprintf(p->code, sizeof(p->code), "%s", code);
	p->n = 0;
	return p;
}

static void conn_unlink(struct conn *c)
{
	struct partner_count *pc;

	if (!c->s)
		return;
	if (c->partner[0] && (pc = count_of(c->s, c->partner, 0)) && pc->n)
		pc->n--;
	if (c->prev)
		c->prev->next = c->next;
	else
		c->s->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	c->s->nconns--;
	/* The timer goes while the event base surely stands. */
	if (c->deadline)
		event_free(c->deadline);
	c->deadline = NULL;
	c->s = NULL;
}

/* SSL_free: the connection is over. */
static void conn_free(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
	struct conn *c = ptr;

	(void)parent;
	(void)ad;
	(void)idx;
	(void)argl;
	(void)argp;
	if (!c)
		return;
	if (c->s && !c->handshook && !c->refusal_logged && !c->closing)
		ifgw_log_event(c->s->log, IFGW_LOG_WARN, "tls-refused", "peer", c->peer, "reason",
			       "TLS handshake not completed (not TLS, closed or timed out)", NULL);
	if (c->out && c->out_cb)
		evbuffer_remove_cb_entry(c->out, c->out_cb);
	conn_unlink(c);
	if (c->release)
		c->release(c->release_arg, c->token);
	free(c);
}

static void conn_idx_make(void)
{
	conn_idx = SSL_get_ex_new_index(0, NULL, NULL, NULL, conn_free);
}

static void peer_of(struct conn *c, const SSL *ssl)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char host[NI_MAXHOST], serv[NI_MAXSERV];
	int fd = SSL_get_fd(ssl);

	if (c->peer[0] || fd < 0 || getpeername(fd, (struct sockaddr *)&ss, &sl) != 0 ||
	    getnameinfo((struct sockaddr *)&ss, sl, host, sizeof(host), serv, sizeof(serv),
			NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		return;
	snprintf(c->peer, sizeof(c->peer), ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", host, serv);
}

/* The handshake's end, either way: a fatal alert we send is a refusal,
 * and certs/tls.c kept its reason on the connection. */
static void info_cb(const SSL *ssl, int where, int ret)
{
	struct conn *c = conn_idx >= 0 ? SSL_get_ex_data(ssl, conn_idx) : NULL;
	const struct ifgw_error *why;
	const struct ifgw_trust *t;
	char text[160];

	if (!c || !c->s)
		return;
	peer_of(c, ssl);
	if ((where & SSL_CB_ALERT) && (where & SSL_CB_WRITE) && !strcmp(SSL_alert_type_string(ret), "F") &&
	    c->handshook) {
		/* After the handshake: a broken connection (a peer gone without
		 * close_notify), not a refusal. */
		snprintf(text, sizeof(text), "TLS alert %s sent", SSL_alert_desc_string_long(ret));
		ifgw_log_event(c->s->log, IFGW_LOG_INFO, "tls-error", "peer", c->peer, "partner", c->tls_partner,
			       "reason", text, NULL);
	} else if ((where & SSL_CB_ALERT) && (where & SSL_CB_WRITE) && !strcmp(SSL_alert_type_string(ret), "F") &&
		   !c->refusal_logged) {
		c->refusal_logged = 1;
		why = ifgw_tls_refusal(ssl);
		/* TLS 1.3's certificate_required (116) has no name in OpenSSL's table. */
		if ((ret & 0xff) == 116)
			snprintf(text, sizeof(text), "no client certificate (TLS alert certificate required sent)");
		else
			snprintf(text, sizeof(text), "TLS alert %s sent", SSL_alert_desc_string_long(ret));
		ifgw_log_event(c->s->log, IFGW_LOG_WARN, "tls-refused", "peer", c->peer, "reason",
			       why ? why->message : text, NULL);
	} else if ((where & SSL_CB_HANDSHAKE_DONE) && !c->handshook) {
		c->handshook = 1;
		t = ifgw_tls_peer_partner(ssl);
		if (t)
			snprintf(c->tls_partner, sizeof(c->tls_partner), "%s", ifgw_trust_name(t));
		ifgw_log_event(c->s->log, IFGW_LOG_INFO, "tls-accepted", "peer", c->peer, "partner",
			       t ? ifgw_trust_name(t) : "none", "version", SSL_get_version(ssl), NULL);
	}
}

/* What libevent answers by itself (a request it could not read: bad
 * syntax, headers or a body over the limits) never reaches our handler:
 * its status line, written to the connection, is logged. */
static void out_cb(struct evbuffer *buf, const struct evbuffer_cb_info *info, void *arg)
{
	struct conn *c = arg;
	struct evbuffer_ptr p;
	char line[80], *eol;
	ev_ssize_t n;

	if (!c->s || c->replying || !info->n_added ||
	    evbuffer_ptr_set(buf, &p, info->orig_size, EVBUFFER_PTR_SET) != 0 ||
	    (n = evbuffer_copyout_from(buf, &p, line, sizeof(line) - 1)) < 12)
		return;
	line[n] = '\0';
	if (strncmp(line, "HTTP/1.", 7) != 0)
		return;
	if ((eol = strpbrk(line, "\r\n")))
		*eol = '\0';
	ifgw_log_event(c->s->log, IFGW_LOG_WARN, "request-refused", "peer", c->peer, "partner", c->partner,
		       "status", line + 9, "reason", "refused by the HTTP layer (malformed, or over a limit)", NULL);
}

/* A connection must bring each whole request (handshake, headers and body
 * for the first) within the timeout of its start or of the last answer:
 * libevent's own timeout is one of inactivity, which a client trickling a
 * byte at a time never meets (slowloris).  Closing the socket's both ways
 * makes libevent see the end and free the connection as usual. */
static void deadline_cb(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;
	int sfd = c->bev ? (int)bufferevent_getfd(c->bev) : -1;

	(void)fd;
	(void)what;
	if (!c->s)
		return;
	if (!c->closing)
		c->closing = "no whole request within the timeout";
	ifgw_log_event(c->s->log, IFGW_LOG_WARN, "connection-closed", "peer", c->peer, "partner", c->tls_partner,
		       "reason", c->closing, NULL);
	if (sfd >= 0)
		shutdown(sfd, SHUT_RDWR);
}

static void deadline_arm(struct conn *c, int seconds)
{
	struct timeval tv;

	tv.tv_sec = seconds;
	tv.tv_usec = 0;
	if (c->deadline)
		evtimer_add(c->deadline, &tv);
}

static struct bufferevent *bev_new(struct event_base *base, void *arg)
{
	struct ifgw_server *s = arg;
	struct bufferevent *bev = NULL;
	struct conn *c = NULL;
	SSL_CTX *ctx;
	SSL *ssl = NULL;

	/* Returning NULL makes libevent fall back to plain HTTP on this
	 * connection; its requests carry no SSL and are refused as such. */
	if (conn_idx < 0 || !(c = calloc(1, sizeof(*c))))
		goto out;
	c->release = s->h.release;
	c->release_arg = s->h.arg;
	if (!(ctx = s->h.acquire(s->h.arg, &c->token)) || !(ssl = SSL_new(ctx))) {
		if (c->release)
			c->release(c->release_arg, c->token);
		free(c);
		goto out;
	}
	c->s = s;
	c->next = s->conns;
	if (s->conns)
		s->conns->prev = c;
	s->conns = c;
	s->nconns++;
	if (!SSL_set_ex_data(ssl, conn_idx, c)) {
		conn_free(NULL, c, NULL, 0, 0, NULL);
		SSL_free(ssl);
		goto out;
	}
	SSL_set_info_callback(ssl, info_cb);
	if (!(bev = bufferevent_openssl_socket_new(base, -1, ssl, BUFFEREVENT_SSL_ACCEPTING, BEV_OPT_CLOSE_ON_FREE))) {
		SSL_free(ssl); /* and c with it */
		goto out;
	}
	c->out = bufferevent_get_output(bev);
	c->out_cb = evbuffer_add_cb(c->out, out_cb, c);
	c->bev = bev;
	if ((c->deadline = evtimer_new(base, deadline_cb, c))) {
		/* Over the total: closed at once, before any byte is read. */
		if (s->nconns > s->lim.max_conns)
			c->closing = "too many connections open";
		deadline_arm(c, c->closing ? 0 : s->lim.timeout_s);
	}
out:
	return bev;
}

static void drain_finish(struct ifgw_server *s)
{
	void (*done)(void *arg) = s->drain_done;

	if (!done)
		return;
	s->drain_done = NULL;
	if (s->drain_timer)
		event_del(s->drain_timer);
	done(s->drain_arg);
}

static void drain_timeout(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	drain_finish(arg);
}

static void on_complete(struct evhttp_request *req, void *arg)
{
	struct conn *c = arg;
	struct ifgw_server *s = c->s;

	(void)req;
	if (!s)
		return;
	/* Kept alive: the next request is due within the timeout too. */
	deadline_arm(c, s->lim.timeout_s);
	if (s->in_flight)
		s->in_flight--;
	if (s->draining && !s->in_flight)
		drain_finish(s);
}

static void send_reply(struct evhttp_request *req, struct conn *c, int status, const char *type,
		       const void *body, size_t len, int close)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(req);
	struct evbuffer *b = evbuffer_new();

	evhttp_add_header(h, "Content-Type", type ? type : "text/plain; charset=utf-8");
	if (close)
		evhttp_add_header(h, "Connection", "close");
	if (b && len)
		evbuffer_add(b, body, len);
	if (c)
		c->replying = 1;
	evhttp_send_reply(req, status, NULL, b);
	if (c)
		c->replying = 0;
	if (b)
		evbuffer_free(b);
}

/* A 4xx with a one-line reason, logged (partner: the one the connection
 * was accepted as, counted or not). */
static void refuse(struct ifgw_server *s, struct evhttp_request *req, struct conn *c, const char *partner,
		   int status, const char *reason, int close)
{
	char line[1700], code[8];

	snprintf(line, sizeof(line), "%s\n", reason);
	snprintf(code, sizeof(code), "%d", status);
	ifgw_log_event(s->log, IFGW_LOG_WARN, "request-refused", "peer", c ? c->peer : "", "partner", partner,
		       "status", code, "reason", reason, NULL);
	send_reply(req, c, status, NULL, line, strlen(line), close);
}

static size_t header_count(struct evhttp_request *req)
{
	struct evkeyvalq *h = evhttp_request_get_input_headers(req);
	struct evkeyval *kv;
	size_t n = 0;

	/* keyvalq_struct.h defines the queue without sys/queue.h's macros. */
	for (kv = h->tqh_first; kv; kv = kv->next.tqe_next)
		n++;
	return n;
}

static void on_request(struct evhttp_request *req, void *arg)
{
	struct ifgw_server *s = arg;
	struct evhttp_connection *evcon = evhttp_request_get_connection(req);
	struct bufferevent *bev = evcon ? evhttp_connection_get_bufferevent(evcon) : NULL;
	SSL *ssl = bev ? bufferevent_openssl_get_ssl(bev) : NULL;
	struct conn *c = ssl && conn_idx >= 0 ? SSL_get_ex_data(ssl, conn_idx) : NULL;
	const struct ifgw_trust *t = ssl ? ifgw_tls_peer_partner(ssl) : NULL;
	const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
	const char *path = uri ? evhttp_uri_get_path(uri) : NULL;
	struct evbuffer *in = evhttp_request_get_input_buffer(req);
	struct ifgw_server_reply r;
	struct partner_count *pc;
	const unsigned char *body;
	char line[1700], code[8];
	size_t len = in ? evbuffer_get_length(in) : 0;

	if (c) {
		if (c->deadline)
			evtimer_del(c->deadline);
		s->in_flight++;
		evhttp_request_set_on_complete_cb(req, on_complete, c);
	}
	if (!c || !t) {
		refuse(s, req, c, NULL, 403, "no partner: the connection presented no accepted client certificate", 1);
		return;
	}
	if (!c->partner[0]) {
		/* A connection counts against its partner from its first request. */
		if (!(pc = count_of(s, ifgw_trust_name(t), 1))) {
			refuse(s, req, c, ifgw_trust_name(t), 503, "out of memory", 1);
			return;
		}
		if (pc->n >= s->lim.max_partner_conns) {
			snprintf(line, sizeof(line), "partner %s has %u connections open already (the limit)",
				 ifgw_trust_name(t), pc->n);
			refuse(s, req, c, ifgw_trust_name(t), 429, line, 1);
			return;
		}
		pc->n++;
		snprintf(c->partner, sizeof(c->partner), "%s", ifgw_trust_name(t));
	}
	if (header_count(req) > s->lim.max_headers) {
		snprintf(line, sizeof(line), "more than %zu header lines", s->lim.max_headers);
		refuse(s, req, c, ifgw_trust_name(t), 431, line, 1);
		return;
	}
	if (!path || strcmp(path, IFGW_SERVER_MESSAGES_PATH) != 0) {
		snprintf(line, sizeof(line), "no such resource: %.200s (messages go to " IFGW_SERVER_MESSAGES_PATH ")",
			 path ? path : "?");
		refuse(s, req, c, ifgw_trust_name(t), 404, line, 0);
		return;
	}
	if (evhttp_request_get_command(req) != EVHTTP_REQ_POST) {
		evhttp_add_header(evhttp_request_get_output_headers(req), "Allow", "POST");
		refuse(s, req, c, ifgw_trust_name(t), 405, "method not allowed: messages are POSTed", 0);
		return;
	}
	if (len > s->lim.max_body) {
		snprintf(line, sizeof(line), "body of %zu bytes is over the limit of %zu", len, s->lim.max_body);
		refuse(s, req, c, ifgw_trust_name(t), 413, line, 1);
		return;
	}
	if (!len) {
		refuse(s, req, c, ifgw_trust_name(t), 400, "empty body: one signed message expected", 0);
		return;
	}
	if (!(body = evbuffer_pullup(in, -1))) {
		refuse(s, req, c, ifgw_trust_name(t), 503, "out of memory", 1);
		return;
	}
	memset(&r, 0, sizeof(r));
	ifgw_buf_init(&r.body, REPLY_MAX);
	s->h.message(s->h.arg, c->partner, body, len, &r);
	if (!r.status)
		r.status = 500;
	snprintf(code, sizeof(code), "%d", r.status);
	ifgw_log_event(s->log, r.status < 300 ? IFGW_LOG_INFO : IFGW_LOG_WARN, "message", "peer", c->peer, "partner",
		       c->partner, "msg_id", r.msg_id, "type", r.type, "outcome", r.outcome ? r.outcome : "error",
		       "status", code, "reason", r.reason, NULL);
	send_reply(req, c, r.status, r.content_type, r.body.ptr, r.body.len, 0);
	ifgw_buf_free(&r.body);
}

int ifgw_server_new(struct ifgw_server **out, struct event_base *base, const struct ifgw_server_handler *handler,
		    const struct ifgw_server_limits *lim, struct ifgw_log *log)
{
	struct ifgw_server *s = NULL;
	int rc = IFGW_OK;

	*out = NULL;
	IFGW_ASSERT_ARG(base && handler && handler->acquire && handler->message);
	pthread_once(&conn_idx_once, conn_idx_make);
	if (conn_idx < 0 || !(s = calloc(1, sizeof(*s))) || !(s->http = evhttp_new(base)) ||
	    !(s->drain_timer = evtimer_new(base, drain_timeout, s))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "server: out of memory");
		goto out;
	}
	s->base = base;
	s->h = *handler;
	s->log = log;
	if (lim)
		s->lim = *lim;
	if (!s->lim.max_body)
		s->lim.max_body = DEFAULT_MAX_BODY;
	if (!s->lim.max_header_bytes)
		s->lim.max_header_bytes = DEFAULT_MAX_HEADER_BYTES;
	if (!s->lim.max_headers)
		s->lim.max_headers = DEFAULT_MAX_HEADERS;
	if (s->lim.timeout_s <= 0)
		s->lim.timeout_s = DEFAULT_TIMEOUT_S;
	if (!s->lim.max_partner_conns)
		s->lim.max_partner_conns = DEFAULT_PARTNER_CONNS;
	if (!s->lim.max_conns)
		s->lim.max_conns = DEFAULT_MAX_CONNS;
	evhttp_set_bevcb(s->http, bev_new, s);
	evhttp_set_gencb(s->http, on_request, s);
	evhttp_set_max_body_size(s->http, (ev_ssize_t)s->lim.max_body);
	evhttp_set_max_headers_size(s->http, (ev_ssize_t)s->lim.max_header_bytes);
	evhttp_set_timeout(s->http, s->lim.timeout_s);
	/* Every method reaches on_request, which answers 405 with the reason. */
	evhttp_set_allowed_methods(s->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST | EVHTTP_REQ_HEAD | EVHTTP_REQ_PUT |
						    EVHTTP_REQ_DELETE | EVHTTP_REQ_OPTIONS | EVHTTP_REQ_PATCH);
out:
	if (rc != IFGW_OK)
		ifgw_server_free(s);
	else
		*out = s;
	return rc;
}

int ifgw_server_listen(struct ifgw_server *s, const char *addr)
{
	char host[256], ebuf[IFGW_STRERROR_SIZE], *end = NULL;
	const char *colon;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	size_t hl;
	long port;
	int rc = IFGW_OK, fd;

	IFGW_ASSERT_ARG(s && addr);
	colon = strrchr(addr, ':');
	if (!colon || colon == addr || !colon[1]) {
		rc = ifgw_error_set(IFGW_EINVAL, "listen address '%s': expected HOST:PORT", addr);
		goto out;
	}
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	hl = (size_t)(colon - addr);
	if (addr[0] == '[' && hl >= 2 && addr[hl - 1] == ']') {
		addr++;
		hl -= 2;
	}
	if (errno || *end || port < 0 || port > 65535 || hl >= sizeof(host) || !hl) {
		rc = ifgw_error_set(IFGW_EINVAL, "listen address '%s': expected HOST:PORT with a port 0..65535", addr);
		goto out;
	}
	memcpy(host, addr, hl);
	host[hl] = '\0';
	errno = 0;
	if (!(s->bound = evhttp_bind_socket_with_handle(s->http, host, (ev_uint16_t)port))) {
		rc = ifgw_error_set(IFGW_EIO, "cannot listen on %s:%ld: %s", host, port,
				    errno ? ifgw_strerror(errno, ebuf, sizeof(ebuf)) : "bind failed");
		goto out;
	}
	fd = evhttp_bound_socket_get_fd(s->bound);
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
		s->port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
						       : ((struct sockaddr_in *)&ss)->sin_port);
out:
	return rc;
}

unsigned ifgw_server_port(const struct ifgw_server *s)
{
	return s ? s->port : 0;
}

size_t ifgw_server_in_flight(const struct ifgw_server *s)
{
	return s ? s->in_flight : 0;
}

void ifgw_server_drain(struct ifgw_server *s, void (*done)(void *arg), void *arg)
{
	struct timeval tv;

	if (!s)
		return;
	if (s->bound) {
		evhttp_del_accept_socket(s->http, s->bound);
		s->bound = NULL;
	}
	s->draining = 1;
	s->drain_done = done;
	s->drain_arg = arg;
	/* A request whose connection broke may never complete: wait at most
	 * one timeout for the others. */
	tv.tv_sec = s->lim.timeout_s;
	tv.tv_usec = 0;
	if (!s->in_flight) {
		tv.tv_sec = 0;
	}
	evtimer_add(s->drain_timer, &tv);
}

void ifgw_server_free(struct ifgw_server *s)
{
	struct conn *c;

	if (!s)
		return;
	if (s->http)
		evhttp_free(s->http);
	/* Connections libevent finalises later no longer point here. */
	while ((c = s->conns))
		conn_unlink(c);
	if (s->drain_timer)
		event_free(s->drain_timer);
	free(s->counts);
	free(s);
}
