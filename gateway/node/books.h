/* books.h: a node's book, ready to use (gateway/node/book.h over the
 * node's snapshot and store).
 *
 * A command, the inbound path or a scenario's node opens one per store
 * handle:
 *
 *     struct ifgw_node_book nb;
 *     rc = ifgw_node_book_open(&nb, snap, store);
 *     rc = ifgw_book_apply(&nb.book, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev, now);
 *     ...
 *     ifgw_node_book_close(&nb);
 *
 * nb.book holds the store, the contracts of the snapshot's configuration
 * (contracts.h: each seller's, and the import contract of each partner
 * with a decision policy) and the node's sink for partner rows (the
 * outbox sink: each row composed as a canonical message, encoded for the
 * partner, signed with the snapshot's signing identity and queued in the
 * transition's transaction).  The node book keeps a reference to the
 * snapshot, so its contracts and identities stay valid however the node
 * reloads; the store stays the caller's (closed after the book).  The sink
 * points at nb->book: a node book is used where it was opened, never
 * copied. */
#ifndef IFGW_NODE_BOOKS_H
#define IFGW_NODE_BOOKS_H

#include "gateway/node/book.h"
#include "gateway/node/contracts.h"
#include "gateway/node/outbox_sink.h"
#include "gateway/node/snapshot.h"
#include "gateway/store/store.h"

struct ifgw_node_book {
	struct ifgw_book book;                 /* what the book functions take */
	struct ifgw_node_contracts *contracts; /* the book's contracts (owned) */
	struct ifgw_node_snapshot *snap;       /* a reference of the book's own */
	struct ifgw_outbox_sink sink;          /* partner rows: composed, signed, queued (outbox_sink.h) */
};

/* Build the contracts of snap's configuration and make nb's book over
 * store.  Errors: those of ifgw_node_contracts_build() (the seller or
 * partner named), IFGW_ENOMEM; nb is then closed. */
int ifgw_node_book_open(struct ifgw_node_book *nb, struct ifgw_node_snapshot *snap, struct ifgw_store *store);

/* Release what open took (not the store).  A zeroed nb, or one closed
 * already, is left alone. */
void ifgw_node_book_close(struct ifgw_node_book *nb);

#endif
