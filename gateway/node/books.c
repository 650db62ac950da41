/* books.c: a node's book over its snapshot and store (books.h). */
#include "config.h"

#include <string.h>

#include "base/error.h"
#include "gateway/node/books.h"

int ifgw_node_book_open(struct ifgw_node_book *nb, struct ifgw_node_snapshot *snap, struct ifgw_store *store)
{
	int rc;

	IFGW_ASSERT_ARG(nb && snap && store);
	memset(nb, 0, sizeof(*nb));
	if ((rc = ifgw_node_contracts_build(&nb->contracts, ifgw_node_snapshot_config(snap))) != IFGW_OK)
		goto out;
	nb->snap = ifgw_node_snapshot_ref(snap);
	nb->book.store = store;
	nb->book.contracts = ifgw_node_contracts_book(nb->contracts);
	/* The sink: until the outbox sink (compose, sign, queue) is wired in,
	 * partner_message NULL keeps the book's text placeholder of the row. */
out:
	if (rc != IFGW_OK)
		ifgw_node_book_close(nb);
	return rc;
}

void ifgw_node_book_close(struct ifgw_node_book *nb)
{
	if (!nb)
		return;
	ifgw_node_contracts_free(nb->contracts);
	ifgw_node_snapshot_release(nb->snap);
	memset(nb, 0, sizeof(*nb));
}
