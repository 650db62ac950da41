/* serve.h: a node's inbound service, what `ifgw serve` runs
 * (docs/serve.md).
 *
 *     rc = ifgw_serve_lock(&lock, ifgw_store_where(store));  // one serve per store
 *     rc = ifgw_node_start(node);
 *     rc = ifgw_serve_new(&sv, node, store, log, NULL);
 *     rc = ifgw_serve_listen(sv, NULL);          // the configuration's <Listen>
 *     event_base_dispatch(ifgw_node_event_base(node));
 *     ...  SIGHUP: ifgw_serve_reload(sv);  SIGTERM: ifgw_serve_drain(sv, stop, base);
 *     ifgw_serve_free(sv);
 *
 * The server (gateway/net/server.h) on the node's event base, with the TLS
 * context of the node's current snapshot for each new connection (a
 * connection keeps the snapshot it started with; a reload changes the
 * next connections, never an open one).  Each POSTed message goes through
 * ifgw_inbound_apply (gateway/node/inbound.h) on the node's book over
 * `store`, as the partner the client certificate was accepted as, at the
 * clock's time (base/clock.h), and is answered with a signed
 * acknowledgement (ack.h):
 *
 *     200 accepted or duplicate        403 signature (IFGW_ETRUST)
 *     400 document or header (EPARSE, EINVAL)
 *     409 books refused (ESTATE)       422 not taken by the books (EUNSUPPORTED)
 *     503 anything else (the store, memory): try again later
 *
 * Everything runs in the event loop's thread. */
#ifndef IFGW_NODE_SERVE_H
#define IFGW_NODE_SERVE_H

#include "gateway/net/log.h"
#include "gateway/net/server.h"
#include "gateway/node/node.h"
#include "gateway/store/store.h"

struct ifgw_serve;

/* The service of a started node (ifgw_node_start) over store, logging to
 * log (may be NULL); lim NULL: the server's defaults.  node, store and log
 * must outlive it. */
int ifgw_serve_new(struct ifgw_serve **out, struct ifgw_node *node, struct ifgw_store *store, struct ifgw_log *log,
		   const struct ifgw_server_limits *lim);

/* Listen on addr ("HOST:PORT"), or when NULL on the configuration's
 * <Listen>; IFGW_EINVAL when neither gives one.  Logs `listening`. */
int ifgw_serve_listen(struct ifgw_serve *sv, const char *addr);
unsigned ifgw_serve_port(const struct ifgw_serve *sv);

/* Reload the node's configuration (ifgw_node_reload) and log the outcome;
 * open connections are kept. */
int ifgw_serve_reload(struct ifgw_serve *sv);

/* Stop accepting; done(arg) once the requests in flight are answered. */
void ifgw_serve_drain(struct ifgw_serve *sv, void (*done)(void *arg), void *arg);

void ifgw_serve_free(struct ifgw_serve *sv);

/* One `ifgw serve` per store: an exclusive lock (flock) on the file
 * "<database>.serve.lock" beside an sqlite store (where is
 * ifgw_store_where()'s "sqlite:/path"); *fd -1 for a store with no file.
 * IFGW_ESTATE "store ... is served by another process already" when taken;
 * IFGW_EIO when the file cannot be made.  Released by
 * ifgw_serve_unlock(fd) or when the process ends. */
int ifgw_serve_lock(int *fd, const char *where);
void ifgw_serve_unlock(int fd);

#endif
