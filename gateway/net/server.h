/* server.h: the inbound HTTPS server (docs/serve.md).
 *
 * libevent's evhttp over OpenSSL (bufferevent_openssl), on the caller's
 * event base, with a TLS server context the caller hands out per
 * connection (the node's snapshot: TLS 1.2/1.3, a client certificate
 * required and accepted only as ONE configured partner, certs/tls.h).  The
 * server knows HTTP, TLS and its limits; what a message means is the
 * handler's (gateway/node/serve.c):
 *
 *     POST /v1/messages   body: one signed wire message
 *                         -> handler->message(partner, body) -> its reply
 *
 * Refused before the handler, each with a 4xx and a one-line text/plain
 * reason, and a log line: no partner (a connection whose handshake gave
 * none), another path (404), another method (405), a body over the limit
 * (413), too many headers (431), too many connections of one partner
 * (429).  A connection that does not bring a whole request within the
 * timeout (a slow client: slowloris), or one over the total, is closed and
 * logged.  A handshake refused (no certificate, unknown, expired, revoked,
 * not bound to a partner, TLS below 1.2) is logged with the reason
 * certs/tls.c kept on the connection.  Requests libevent itself refuses
 * (a malformed request line or header, headers over their size limit, a
 * declared body over the limit) are answered by libevent and logged from
 * the status line it writes.  The server keeps serving after every one.
 *
 * Single-threaded: everything runs in the event base's loop; the handler
 * is called there and answers before it returns. */
#ifndef IFGW_NET_SERVER_H
#define IFGW_NET_SERVER_H

#include <stddef.h>

#include <openssl/ssl.h>

#include "base/buf.h"
#include "gateway/net/log.h"

struct event_base;
struct ifgw_server;

#define IFGW_SERVER_MESSAGES_PATH "/v1/messages"

struct ifgw_server_limits {
	size_t max_body;          /* bytes of one request body; 0: 4 MiB */
	size_t max_header_bytes;  /* request line and headers together; 0: 16 KiB */
	size_t max_headers;       /* header lines; 0: 64 */
	int timeout_s;            /* a whole request (with the handshake for the first) within this of the
				     connection's start or the last answer; also libevent's inactivity
				     timeout; 0: 30 s */
	unsigned max_partner_conns; /* open connections of one partner; 0: 8 */
	size_t max_conns;         /* open connections in all (before any handshake); 0: 256 */
};

/* What the handler answers: status, content type, body (a signed
 * acknowledgement), and what the log line says about it. */
struct ifgw_server_reply {
	int status;                 /* HTTP status; 0: 500 */
	const char *content_type;   /* NULL: text/plain */
	struct ifgw_buf body;       /* initialised by the server (capped), freed by it */
	char msg_id[160];           /* for the log: the message's id, "" when never decoded */
	char type[40];              /* for the log: its type, "" when never decoded */
	const char *outcome;        /* for the log: "accepted", "duplicate", "rejected", "error" */
	char reason[1600];         /* for the log: one line, "" when accepted */
};

struct ifgw_server_handler {
	/* The TLS context for a new connection, and a token (e.g. a snapshot
	 * reference) that keeps it and what it points at valid until release
	 * is called when the connection ends.  NULL: the connection is
	 * refused. */
	SSL_CTX *(*acquire)(void *arg, void **token);
	void (*release)(void *arg, void *token);
	/* A POST to IFGW_SERVER_MESSAGES_PATH from partner (the factor code
	 * the TLS client certificate was accepted as). */
	void (*message)(void *arg, const char *partner, const void *body, size_t len, struct ifgw_server_reply *reply);
	void *arg;
};

/* A server on base (not yet listening).  handler is copied; lim NULL: the
 * defaults; log may be NULL (then nothing is logged) and must outlive the
 * server.  IFGW_ENOMEM. */
int ifgw_server_new(struct ifgw_server **out, struct event_base *base, const struct ifgw_server_handler *handler,
		    const struct ifgw_server_limits *lim, struct ifgw_log *log);

/* Listen on addr, "HOST:PORT" (IPv6 in brackets: "[::1]:8443"); port 0
 * lets the system choose (ifgw_server_port tells which).  IFGW_EINVAL for
 * an address that does not parse, IFGW_EIO naming it when it cannot be
 * bound. */
int ifgw_server_listen(struct ifgw_server *s, const char *addr);

/* The port listened on; 0 when not listening. */
unsigned ifgw_server_port(const struct ifgw_server *s);

/* Stop accepting connections; requests already received are answered.
 * done(arg) is called from the loop once no request is in flight (at once
 * when none is). */
void ifgw_server_drain(struct ifgw_server *s, void (*done)(void *arg), void *arg);

/* Requests received and not yet answered to the end. */
size_t ifgw_server_in_flight(const struct ifgw_server *s);

/* Close every connection and free the server. */
void ifgw_server_free(struct ifgw_server *s);

#endif
