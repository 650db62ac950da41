/* serve.c: the node's inbound service: server + inbound + acknowledgement
 * (serve.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/error.h"
#include "base/result.h"
#include "certs/xmldsig.h"
#include "gateway/node/ack.h"
#include "gateway/node/books.h"
#include "gateway/node/inbound.h"
#include "gateway/node/serve.h"
#include "model/codes.h"

#define LOCK_SUFFIX ".serve.lock"

struct ifgw_serve {
	struct ifgw_node *node;
	struct ifgw_store *store;
	struct ifgw_log *log;
	struct ifgw_server *server;
	/* The book and signer of the snapshot they were made from, made again
	 * when a reload changes the snapshot. */
	struct ifgw_node_snapshot *snap;
	struct ifgw_node_book nb;
	int nb_open;
	struct ifgw_signer *signer;
};

static SSL_CTX *on_acquire(void *arg, void **token)
{
	struct ifgw_serve *sv = arg;
	struct ifgw_node_snapshot *snap = ifgw_node_acquire(sv->node);

	*token = snap;
	return ifgw_node_snapshot_server_ctx(snap);
}

static void on_release(void *arg, void *token)
{
	(void)arg;
	ifgw_node_snapshot_release(token);
}

static void drop_books(struct ifgw_serve *sv)
{
	if (sv->nb_open)
		ifgw_node_book_close(&sv->nb);
	sv->nb_open = 0;
	ifgw_signer_free(sv->signer);
	sv->signer = NULL;
	ifgw_node_snapshot_release(sv->snap);
	sv->snap = NULL;
}

/* The book and signer of the node's current snapshot. */
static int current_books(struct ifgw_serve *sv)
{
	struct ifgw_node_snapshot *snap = ifgw_node_acquire(sv->node);
	int rc = IFGW_OK;

	if (snap == sv->snap && sv->nb_open) {
		ifgw_node_snapshot_release(snap);
		goto out;
	}
	drop_books(sv);
	sv->snap = snap;
	if ((rc = ifgw_node_book_open(&sv->nb, snap, sv->store)) != IFGW_OK)
		goto out;
	sv->nb_open = 1;
	if ((rc = ifgw_signer_new(&sv->signer, ifgw_node_snapshot_signing(snap))) != IFGW_OK)
		rc = ifgw_error_wrap(rc, "acknowledgement: signing identity");
out:
	if (rc != IFGW_OK)
		drop_books(sv);
	return rc;
}

static int status_of(int rc)
{
	switch (rc) {
	case IFGW_OK:
		return 200;
	case IFGW_ETRUST:
		return 403;
	case IFGW_EPARSE:
	case IFGW_EINVAL:
	case IFGW_EOVERFLOW:
		return 400;
	case IFGW_ESTATE:
		return 409;
	case IFGW_EUNSUPPORTED:
		return 422;
	default:
		return 503;
	}
}

static void on_message(void *arg, const char *partner, const void *body, size_t len, struct ifgw_server_reply *r)
{
	struct ifgw_serve *sv = arg;
	struct ifgw_inbound_result res;
	struct ifgw_error err = {0}, ack_err = {0};
	const char *type;
	int64_t now = ifgw_clock_now();
	int rc;

	memset(&res, 0, sizeof(res));
	if ((rc = current_books(sv)) == IFGW_OK)
		rc = ifgw_inbound_apply(&sv->nb.book, sv->snap, partner, body, len, now, &res);
	/* The request's error stays with the request (base/error.h). */
	ifgw_error_save(&err);
	if (rc != IFGW_OK && !res.reason[0])
		snprintf(res.reason, sizeof(res.reason), "%s", err.message[0] ? err.message : ifgw_result_name(rc));
	r->status = status_of(rc);
	r->outcome = ifgw_ack_outcome(rc, &res);
	snprintf(r->msg_id, sizeof(r->msg_id), "%s", res.msg_id);
	if (res.type && (type = ifgw_msg_type_name(res.type)))
		snprintf(r->type, sizeof(r->type), "%s", type);
	if (rc != IFGW_OK)
		snprintf(r->reason, sizeof(r->reason), "%s", res.reason);
	/* A reply the node cannot sign (no books, no signer) says why in
	 * plain text; the sender tries again later. */
	if (sv->signer &&
	    ifgw_ack_write(&r->body, sv->signer, ifgw_node_snapshot_config(sv->snap)->code, partner, rc, &res, body, len,
			   now) == IFGW_OK) {
		r->content_type = "application/xml";
		return;
	}
	ifgw_error_save(&ack_err);
	ifgw_buf_reset(&r->body);
	if (rc == IFGW_OK) {
		/* Applied, but the answer failed: the sender's retry gets the
		 * duplicate's acknowledgement. */
		r->status = 503;
		snprintf(r->reason, sizeof(r->reason), "applied; acknowledgement not signed: %.400s", ack_err.message);
	}
	r->content_type = NULL;
	ifgw_buf_addf(&r->body, "%s\n", r->reason[0] ? r->reason : ack_err.message);
}

int ifgw_serve_new(struct ifgw_serve **out, struct ifgw_node *node, struct ifgw_store *store, struct ifgw_log *log,
		   const struct ifgw_server_limits *lim)
{
	struct ifgw_server_handler h = {on_acquire, on_release, on_message, NULL};
	struct ifgw_serve *sv = NULL;
	int rc;

	*out = NULL;
	IFGW_ASSERT_ARG(node && store && ifgw_node_event_base(node));
	if (!(sv = calloc(1, sizeof(*sv)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "serve: out of memory");
		goto out;
	}
	sv->node = node;
	sv->store = store;
	sv->log = log;
	h.arg = sv;
	if ((rc = ifgw_server_new(&sv->server, ifgw_node_event_base(node), &h, lim, log)) != IFGW_OK)
		goto out;
	rc = current_books(sv);
out:
	if (rc != IFGW_OK)
		ifgw_serve_free(sv);
	else
		*out = sv;
	return rc;
}

int ifgw_serve_listen(struct ifgw_serve *sv, const char *addr)
{
	struct ifgw_node_snapshot *snap;
	const struct ifgw_config *cfg;
	char port[8];
	int rc;

	IFGW_ASSERT_ARG(sv);
	snap = ifgw_node_acquire(sv->node);
	cfg = ifgw_node_snapshot_config(snap);
	if (!addr)
		addr = cfg->listen;
	if (!addr) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s has no <Listen> address: give one with --listen HOST:PORT",
				    cfg->path ? cfg->path : "the configuration");
		goto out;
	}
	if ((rc = ifgw_server_listen(sv->server, addr)) != IFGW_OK)
		goto out;
	snprintf(port, sizeof(port), "%u", ifgw_server_port(sv->server));
	ifgw_log_event(sv->log, IFGW_LOG_INFO, "listening", "node", cfg->code, "address", addr, "port", port, "store",
		       ifgw_store_where(sv->store), NULL);
out:
	ifgw_node_snapshot_release(snap);
	return rc;
}

unsigned ifgw_serve_port(const struct ifgw_serve *sv)
{
	return sv ? ifgw_server_port(sv->server) : 0;
}

int ifgw_serve_reload(struct ifgw_serve *sv)
{
	struct ifgw_error err;
	char gen[24];
	int rc;

	IFGW_ASSERT_ARG(sv);
	if ((rc = ifgw_node_reload(sv->node)) != IFGW_OK) {
		ifgw_error_save(&err);
		ifgw_log_event(sv->log, IFGW_LOG_ERROR, "reload-refused", "reason", err.message, NULL);
		ifgw_error_restore(&err);
		goto out;
	}
	snprintf(gen, sizeof(gen), "%lu", ifgw_node_generation(sv->node));
	ifgw_log_event(sv->log, IFGW_LOG_INFO, "reloaded", "generation", gen, NULL);
out:
	return rc;
}

void ifgw_serve_drain(struct ifgw_serve *sv, void (*done)(void *arg), void *arg)
{
	char n[24];

	if (!sv)
		return;
	snprintf(n, sizeof(n), "%zu", ifgw_server_in_flight(sv->server));
	ifgw_log_event(sv->log, IFGW_LOG_INFO, "draining", "in_flight", n, NULL);
	ifgw_server_drain(sv->server, done, arg);
}

void ifgw_serve_free(struct ifgw_serve *sv)
{
	if (!sv)
		return;
	ifgw_server_free(sv->server);
	drop_books(sv);
	free(sv);
}

int ifgw_serve_lock(int *fd, const char *where)
{
	char path[4096], ebuf[IFGW_STRERROR_SIZE];
	int rc = IFGW_OK, f = -1;

	*fd = -1;
	IFGW_ASSERT_ARG(where);
	if (strncmp(where, "sqlite:", 7) != 0 || where[7] != '/')
		goto out; /* no file of its own to lock */
	if ((size_t)snprintf(path, sizeof(path), "%s" LOCK_SUFFIX, where + 7) >= sizeof(path)) {
		rc = ifgw_error_set(IFGW_EINVAL, "store %s: path too long for its lock", where);
		goto out;
	}
	if ((f = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
		rc = ifgw_error_set(IFGW_EIO, "lock %s: %s", path, ifgw_strerror(errno, ebuf, sizeof(ebuf)));
		goto out;
	}
	if (flock(f, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			rc = ifgw_error_set(IFGW_ESTATE, "store %s is served by another ifgw serve already (lock %s)",
					    where, path);
		else
			rc = ifgw_error_set(IFGW_EIO, "lock %s: %s", path, ifgw_strerror(errno, ebuf, sizeof(ebuf)));
		close(f);
		goto out;
	}
	*fd = f;
out:
	return rc;
}

void ifgw_serve_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}
