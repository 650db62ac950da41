/* submit.h: invoices into a node's books — what `ifgw invoices submit`
 * does with each document of its files, and what a scenario's `submit`
 * step can do the same way (docs/cli.md).
 *
 *     struct ifgw_submit_item it[N];
 *     for each document:                        // pass one: no writes
 *             problems += ifgw_submit_check(&it[i], nb, doc, report, ctx);
 *     if (problems == 0) {                      // pass two: all or nothing
 *             ifgw_book_begin(&nb->book, now);
 *             for each item: rc = ifgw_submit_record(&it[i], nb, now);
 *             rc == IFGW_OK ? ifgw_book_commit(&nb->book) : ifgw_book_rollback(&nb->book);
 *     }
 *
 * Check: a credit note is refused (it credits its invoice: not a
 * submission); the seller must be a configured one (the document's seller
 * number is its id, or its country and registration number, normalised by
 * the country profile, are its) with a contract whose product (when the
 * file gives one) and currency (ifgw_node_contracts_accepts) the invoice
 * has; the invoice must route (gateway/route) to the contract's partner, or
 * home for a domestic product; the debtor needs a number (its own, else its
 * registration or VAT number); the invoice number must not be in the books;
 * the seller must not be rejected or terminated, and one new to the books
 * must have something to present to its partner (a `seller` document or its
 * Seller/Registration file).
 *
 * Record, inside the caller's book transaction: a seller new to the books
 * recorded and registered; the invoice as received kept as the document
 * ("invoice", number): a one-item assignment batch; the ledger invoice
 * recorded and assigned by the seller (its rows go to the book's sink). */
#ifndef IFGW_NODE_SUBMIT_H
#define IFGW_NODE_SUBMIT_H

#include <stddef.h>
#include <stdint.h>

#include "gateway/ingest/ingest.h"
#include "gateway/node/books.h"

/* One document of a submission, checked and then recorded. */
struct ifgw_submit_item {
	const struct ifgw_ingest_doc *doc;           /* borrowed for as long as the item is used */
	const struct ifgw_config_seller *seller;     /* its configured seller (after a check) */
	const struct ifgw_ledger_contract *contract; /* the seller's contract */
	char debtor[IFGW_ID_SIZE];                   /* the debtor's number in the books */
	char state[IFGW_STORE_STATE_SIZE];           /* the invoice's state once recorded ("assigned") */
};

/* Check doc against nb's node without writing anything: each problem is
 * handed to report (one line: why, without the document's place) and the
 * count returned (0: it can be recorded).  *it is filled for the record. */
size_t ifgw_submit_check(struct ifgw_submit_item *it, struct ifgw_node_book *nb, const struct ifgw_ingest_doc *doc,
			 void (*report)(void *ctx, const struct ifgw_ingest_doc *doc, const char *why), void *ctx);

/* Record and assign a checked item at `now`, inside the caller's book
 * transaction (ifgw_book_begin).  Errors name the document as
 * "FILE:LINE: NUMBER: ..." (the store's, the ledger's or the composer's
 * reason); the caller then rolls the transaction back. */
int ifgw_submit_record(struct ifgw_submit_item *it, struct ifgw_node_book *nb, int64_t now);

#endif
