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
	if ((rc = ifgw_outbox_sink_init(&nb->sink, &nb->book, snap)) != IFGW_OK)
		goto out;
	nb->book.sink = ifgw_outbox_sink_book(&nb->sink);
out:
	if (rc != IFGW_OK)
		ifgw_node_book_close(nb);
	return rc;
}

void ifgw_node_book_close(struct ifgw_node_book *nb)
{
	if (!nb)
		return;
	if (nb->book.sink.ctx) /* the sink was made */
		ifgw_outbox_sink_free(&nb->sink);
	ifgw_node_contracts_free(nb->contracts);
	ifgw_node_snapshot_release(nb->snap);
	memset(nb, 0, sizeof(*nb));
}
