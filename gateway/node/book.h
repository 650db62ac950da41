/* book.h: the ledger's books kept in the store, one transaction per
 * transition (docs/ledger.md, "The books in the store").
 *
 * The ledger (gateway/ledger) is pure: a transition takes a thing, an event
 * and the clock's time and returns the new thing and its effects.  The
 * store (gateway/store) keeps rows.  This module joins them, above both:
 *
 *     struct ifgw_book b = {.store = store, .contracts = contracts, .sink = sink};
 *     rc = ifgw_book_apply(&b, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev, now);
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

/* Where an invoice's contract comes from (the node's configuration,
 * gateway/node/contracts.c): the contract of `seller`, whose correspondent
 * factor is `partner` ("" for none), borrowed for as long as the book uses
 * it; NULL when there is none.  The import role finds its per-partner
 * contract by `partner` (the export factor) for sellers it does not factor. */
struct ifgw_book_contracts {
	const struct ifgw_ledger_contract *(*find)(void *ctx, const char *seller, const char *partner);
	void *ctx;
};

/* Where a transition's rows to a partner go, inside its transaction (the
 * node's sink, gateway/node/outbox_sink.c: compose the canonical message,
 * encode, sign, queue in the outbox).  partner_message may queue the row
 * and write it at flush (grouping several into one message); flush runs
 * just before the commit and its failure rolls everything back; discard
 * forgets what was queued when the transaction rolls back.  flush and
 * discard may be NULL.  With partner_message NULL the book writes a text
 * placeholder of the row (the book's own tests). */
struct ifgw_book_sink {
	int (*partner_message)(void *ctx, struct ifgw_store *s, const struct ifgw_ledger_outbox_row *row,
			       const struct ifgw_ledger_event *ev, int64_t now);
	int (*flush)(void *ctx, struct ifgw_store *s, int64_t now);
	void (*discard)(void *ctx);
	void *ctx;
};

/* A book: the store, the contracts and the sink; set the first three
 * fields, zero the rest.  One thread at a time. */
struct ifgw_book {
	struct ifgw_store *store;
	struct ifgw_book_contracts contracts;
	struct ifgw_book_sink sink;
	/* private */
	int in_caller_tx;              /* between ifgw_book_begin and commit/rollback */
	int failed;                    /* a call in the caller's transaction failed */
	int64_t tx_now;                /* the caller's transaction's time (flush) */
	struct ifgw_ledger_effects last_fx;
};

/* Transactions.  Outside ifgw_book_begin every call below is a transaction
 * of its own: all of it or nothing.  Between ifgw_book_begin and
 * ifgw_book_commit every call joins the caller's transaction (a submitted
 * file, an inbound message and its answers); a call that fails there
 * poisons it, and ifgw_book_commit then rolls everything back with
 * IFGW_ESTATE, so a half-applied call is never committed.  A store already
 * in a transaction the book did not begin: IFGW_ESTATE. */
int ifgw_book_begin(struct ifgw_book *b, int64_t now);
int ifgw_book_commit(struct ifgw_book *b);
void ifgw_book_rollback(struct ifgw_book *b);

/* Record a new thing (its first state) with a "<thing>.recorded" log entry;
 * an id already in the books: IFGW_ESTATE. */
int ifgw_book_add_seller(struct ifgw_book *b, const struct ifgw_ledger_seller *seller);
int ifgw_book_add_cover(struct ifgw_book *b, const struct ifgw_ledger_cover *cover);
int ifgw_book_add_invoice(struct ifgw_book *b, const struct ifgw_ledger_invoice *inv);

/* Read a thing back (IFGW_ENOTFOUND when there is none; an invoice whose
 * seller has no contract: IFGW_ESTATE).  Reads never poison a transaction. */
int ifgw_book_load_seller(struct ifgw_book *b, const char *id, struct ifgw_ledger_seller *out);
int ifgw_book_load_cover(struct ifgw_book *b, const char *id, struct ifgw_ledger_cover *out);
int ifgw_book_load_invoice(struct ifgw_book *b, const char *id, struct ifgw_ledger_invoice *out);
/* The cover or invoice of a row already read (ifgw_store_thing_list): no
 * second read for a caller that walks the list. */
int ifgw_book_cover_of_row(const struct ifgw_store_thing_row *row, struct ifgw_ledger_cover *out);
int ifgw_book_invoice_of_row(const struct ifgw_book *b, const struct ifgw_store_thing_row *row,
			     struct ifgw_ledger_invoice *out);

/* Apply ev to the thing (enum ifgw_ledger_thing) `id` at `now`. */
int ifgw_book_apply(struct ifgw_book *b, int thing, const char *id, const struct ifgw_ledger_event *ev, int64_t now);

/* The effects (rows, log entries) of the last ifgw_book_apply, valid until
 * the next: what an inbound message's answer or a command's report reads. */
const struct ifgw_ledger_effects *ifgw_book_last_effects(const struct ifgw_book *b);

/* Apply every GRIF transition due at `now` (ifgw_ledger_tick over the
 * stored books, again until none is due), each in its own transaction
 * (or all in the caller's).  *applied (may be NULL) counts them; the first
 * refusal or failure stops the tick, the transitions before it stay
 * applied. */
int ifgw_book_tick(struct ifgw_book *b, int64_t now, size_t *applied);

#endif
