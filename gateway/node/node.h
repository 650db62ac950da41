/* node.h: the wiring of one running node.
 *
 * A node is what `ifgw serve` (and each CLI command that needs a node)
 * runs: the current snapshot (snapshot.h: configuration, partner trust,
 * identities, TLS context), the event base its network code runs on, and,
 * with the store issue, its store.
 *
 *     struct ifgw_node *node;
 *     rc = ifgw_node_new(&node, "/etc/ifgw/ifgw.xml");
 *     rc = ifgw_node_start(node);               // the event base
 *     ...
 *     snap = ifgw_node_acquire(node);           // per request
 *     ... read ifgw_node_snapshot_config(snap) ...
 *     ifgw_node_snapshot_release(snap);
 *     ...
 *     rc = ifgw_node_reload(node);              // SIGHUP
 *     ifgw_node_stop(node);
 *     ifgw_node_free(node);
 *
 * Reload: a whole new snapshot is built from the configuration file, then
 * swapped in at once.  Requests that acquired the old one keep reading it,
 * unchanged, until they release it; the last release frees it.  A reload
 * whose configuration, keys or certificates fail changes nothing: the old
 * snapshot stays current and the error says why in one line.
 *
 * Threads: ifgw_node_acquire() and ifgw_node_reload() may be called from
 * any thread at any time; reloads run one at a time, each reading the file
 * as it is when its turn comes.  new/start/stop/free belong to the thread that
 * owns the node (start-up and shutdown). */
#ifndef IFGW_NODE_NODE_H
#define IFGW_NODE_NODE_H

#include "gateway/node/snapshot.h"

struct event_base;
struct ifgw_node;

/* A node from the configuration file at config_path (kept for reloads),
 * with its first snapshot; not started.  Errors: those of
 * ifgw_node_snapshot_load(). */
int ifgw_node_new(struct ifgw_node **out, const char *config_path);

/* Stop the node if it runs and free it.  Snapshots still acquired stay
 * valid until released. */
void ifgw_node_free(struct ifgw_node *node);

/* Create the event base the node's network code runs on (`ifgw serve`'s
 * server, gateway/node/serve.h; the transport is to come).  IFGW_ESTATE when already
 * started; IFGW_ENOMEM when libevent cannot make a base. */
int ifgw_node_start(struct ifgw_node *node);

/* Free the event base; a node that is not running is left alone. */
void ifgw_node_stop(struct ifgw_node *node);

/* The running node's event base, or NULL when it is not started. */
struct event_base *ifgw_node_event_base(const struct ifgw_node *node);

/* The current snapshot, with a reference for the caller, who releases it
 * with ifgw_node_snapshot_release().  Never NULL for a node made by
 * ifgw_node_new(). */
struct ifgw_node_snapshot *ifgw_node_acquire(struct ifgw_node *node);

/* Build a new snapshot from the configuration file and make it current.
 * On failure the current snapshot stays and the one-line error reads
 * "reload refused, running configuration kept: <why>". */
int ifgw_node_reload(struct ifgw_node *node);

/* How many reloads have been applied since ifgw_node_new() (for status
 * output and tests). */
unsigned long ifgw_node_generation(struct ifgw_node *node);

#endif
