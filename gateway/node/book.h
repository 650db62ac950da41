/* book.h: the ledger's books kept in the store, one transaction per
 * transition (docs/ledger.md, "The books in the store").
 *
 * The ledger (gateway/ledger) is pure: a transition takes a thing, an event
 * and the clock's time and returns the new thing and its effects.  The
 * store (gateway/store) keeps rows.  This module joins them, above both:
 *
 *     rc = ifgw_book_apply(store, &contracts, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev, now);
 *
 * loads the invoice, applies the event, and in ONE store transaction writes
 * the new state, every outbox row (to the partner: the store's outbox; to
 * the seller or the debtor: a letter) and every log entry.  A refusal by
 * the ledger or any failed write rolls all of it back: the store is then
 * exactly as before, and the error (the ledger's reason, or the store's) is
 * the caller's. */
#ifndef IFGW_NODE_BOOK_H
#define IFGW_NODE_BOOK_H

#include <stddef.h>
#include <stdint.h>

#include "gateway/ledger/ledger.h"
#include "gateway/store/store.h"

/* Where an invoice's contract comes from (the node's configuration): the
 * seller's contract, borrowed for as long as the book uses it; NULL when the
 * seller has none. */
struct ifgw_book_contracts {
	const struct ifgw_ledger_contract *(*find)(void *ctx, const char *seller);
	void *ctx;
};

/* Record a new thing (its first state) with a "<thing>.recorded" log entry,
 * in one transaction; an id already in the books: IFGW_ESTATE. */
int ifgw_book_add_seller(struct ifgw_store *s, const struct ifgw_ledger_seller *seller);
int ifgw_book_add_cover(struct ifgw_store *s, const struct ifgw_ledger_cover *cover);
int ifgw_book_add_invoice(struct ifgw_store *s, const struct ifgw_ledger_invoice *inv);

/* Read a thing back (IFGW_ENOTFOUND when there is none; an invoice whose
 * seller has no contract: IFGW_ESTATE). */
int ifgw_book_load_seller(struct ifgw_store *s, const char *id, struct ifgw_ledger_seller *out);
int ifgw_book_load_cover(struct ifgw_store *s, const char *id, struct ifgw_ledger_cover *out);
int ifgw_book_load_invoice(struct ifgw_store *s, const struct ifgw_book_contracts *k, const char *id,
			   struct ifgw_ledger_invoice *out);

/* Apply ev to the thing (enum ifgw_ledger_thing) `id` at `now`, in one
 * transaction of its own (not inside the caller's: IFGW_ESTATE). */
int ifgw_book_apply(struct ifgw_store *s, const struct ifgw_book_contracts *k, int thing, const char *id,
		    const struct ifgw_ledger_event *ev, int64_t now);

/* Apply every GRIF transition due at `now` (ifgw_ledger_tick over the
 * stored books, again until none is due), each in its own transaction.
 * *applied (may be NULL) counts them; the first refusal or failure stops
 * the tick, the transitions before it stay applied. */
int ifgw_book_tick(struct ifgw_store *s, const struct ifgw_book_contracts *k, int64_t now, size_t *applied);

#endif
