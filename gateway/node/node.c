/* node.c: one running node: the current snapshot, swapped whole by a
 * reload, and the event base (see node.h). */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "base/error.h"
#include "gateway/node/node.h"

/* The store comes with the store issue; its slot is named here so that
 * the wiring has one place for it.  Never set until then. */
struct ifgw_store;

struct ifgw_node {
	char *config_path;
	/* Guards current and generation.  Held only for a pointer swap or a
	 * reference count increment, never while a snapshot is built. */
	pthread_mutex_t lock;
	/* Held for a whole reload: two reloads (a SIGHUP and an admin request)
	 * run one after the other, each from the file as it then is, so the
	 * last one to finish is also the last one to read the file. */
	pthread_mutex_t reload_lock;
	struct ifgw_node_snapshot *current;
	unsigned long generation;
	struct event_base *base; /* NULL: not started */
	struct ifgw_store *store; /* the store issue: opened by start, closed by stop; NULL today */
};

int ifgw_node_new(struct ifgw_node **out, const char *config_path)
{
	struct ifgw_node *n = NULL;
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(out && config_path);
	*out = NULL;
	if (!(n = calloc(1, sizeof(*n))) || !(n->config_path = strdup(config_path))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "node %s: out of memory", config_path);
		goto out;
	}
	if (pthread_mutex_init(&n->lock, NULL) != 0) {
		rc = ifgw_error_set(IFGW_ENOMEM, "node %s: cannot create a mutex", config_path);
		goto out;
	}
	if (pthread_mutex_init(&n->reload_lock, NULL) != 0) {
		pthread_mutex_destroy(&n->lock);
		rc = ifgw_error_set(IFGW_ENOMEM, "node %s: cannot create a mutex", config_path);
		goto out;
	}
	if ((rc = ifgw_node_snapshot_load(&n->current, config_path)) != IFGW_OK) {
		pthread_mutex_destroy(&n->reload_lock);
		pthread_mutex_destroy(&n->lock);
		goto out;
	}
	*out = n;
	n = NULL;
out:
	if (n)
		free(n->config_path);
	free(n);
	return rc;
}

void ifgw_node_free(struct ifgw_node *node)
{
	if (!node)
		return;
	ifgw_node_stop(node);
	ifgw_node_snapshot_release(node->current);
	pthread_mutex_destroy(&node->reload_lock);
	pthread_mutex_destroy(&node->lock);
	free(node->config_path);
	free(node);
}

int ifgw_node_start(struct ifgw_node *node)
{
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(node);
	if (node->base) {
		rc = ifgw_error_set(IFGW_ESTATE, "node %s: already started", node->config_path);
		goto out;
	}
	if (!(node->base = event_base_new()))
		rc = ifgw_error_set(IFGW_ENOMEM, "node %s: libevent cannot create an event base", node->config_path);
out:
	return rc;
}

void ifgw_node_stop(struct ifgw_node *node)
{
	if (!node || !node->base)
		return;
	event_base_free(node->base);
	node->base = NULL;
}

struct event_base *ifgw_node_event_base(const struct ifgw_node *node)
{
	return node ? node->base : NULL;
}

struct ifgw_node_snapshot *ifgw_node_acquire(struct ifgw_node *node)
{
	struct ifgw_node_snapshot *s;

	if (!node)
		return NULL;
	pthread_mutex_lock(&node->lock);
	s = ifgw_node_snapshot_ref(node->current);
	pthread_mutex_unlock(&node->lock);
	return s;
}

int ifgw_node_reload(struct ifgw_node *node)
{
	struct ifgw_node_snapshot *fresh = NULL, *old;
	int rc;

	IFGW_ASSERT_ARG(node);
	pthread_mutex_lock(&node->reload_lock);
	/* Built outside the readers' lock: they go on with the current one meanwhile. */
	if ((rc = ifgw_node_snapshot_load(&fresh, node->config_path)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "reload refused, running configuration kept");
		goto out;
	}
	pthread_mutex_lock(&node->lock);
	old = node->current;
	node->current = fresh;
	node->generation++;
	pthread_mutex_unlock(&node->lock);
	/* Readers holding old keep it; the last release frees it. */
	ifgw_node_snapshot_release(old);
out:
	pthread_mutex_unlock(&node->reload_lock);
	return rc;
}

unsigned long ifgw_node_generation(struct ifgw_node *node)
{
	unsigned long g;

	if (!node)
		return 0;
	pthread_mutex_lock(&node->lock);
	g = node->generation;
	pthread_mutex_unlock(&node->lock);
	return g;
}
