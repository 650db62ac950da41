/* cli_node.c: a node's snapshot, store and book for a command (cli_node.h). */
#include "config.h"

#include <string.h>

#include "base/error.h"
#include "cli/cli.h"
#include "cli/cli_node.h"

int ifgw_cli_node_open(struct ifgw_cli_node *n, const char *config, const char *store, unsigned flags)
{
	int rc;

	memset(n, 0, sizeof(*n));
	if (!config)
		config = IFGW_CLI_DEFAULT_CONFIG;
	if ((rc = ifgw_node_snapshot_load(&n->snap, config)) != IFGW_OK ||
	    (rc = ifgw_cli_store_open(&n->store, config, store, flags)) != IFGW_OK ||
	    (rc = ifgw_node_book_open(&n->nb, n->snap, n->store)) != IFGW_OK)
		goto out;
	n->cfg = ifgw_node_snapshot_config(n->snap);
out:
	if (rc != IFGW_OK)
		ifgw_cli_node_close(n);
	return rc;
}

void ifgw_cli_node_close(struct ifgw_cli_node *n)
{
	ifgw_node_book_close(&n->nb);
	ifgw_store_close(n->store);
	ifgw_node_snapshot_release(n->snap);
	memset(n, 0, sizeof(*n));
}
