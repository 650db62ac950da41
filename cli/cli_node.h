/* cli_node.h: what the commands that work on a node's books share
 * (`ifgw invoices submit|show|list`, `ifgw ledger tick`): the node's
 * snapshot, its store and its book, opened and closed together. */
#ifndef IFGW_CLI_NODE_H
#define IFGW_CLI_NODE_H

#include "config/node_config.h"
#include "gateway/node/books.h"
#include "gateway/node/snapshot.h"
#include "gateway/store/store.h"

struct ifgw_cli_node {
	struct ifgw_node_snapshot *snap; /* configuration, trust, identities */
	const struct ifgw_config *cfg;   /* snap's */
	struct ifgw_store *store;
	struct ifgw_node_book nb;        /* nb.book: what the book functions take */
};

/* Open the node of configuration `config` (NULL: ./ifgw.xml): its snapshot
 * (keys and certificates included: partner rows are signed), its store
 * (`store`, else the global --store, else the configuration's <Store>:
 * ifgw_cli_store_open) with `flags`, and its book.  On failure everything
 * is closed and the error is pending. */
int ifgw_cli_node_open(struct ifgw_cli_node *n, const char *config, const char *store, unsigned flags);
void ifgw_cli_node_close(struct ifgw_cli_node *n);

#endif
