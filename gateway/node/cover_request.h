/* cover_request.h: a seller's application for credit cover into a node's
 * books — what `ifgw covers request` does with each file (docs/cli.md).
 *
 *     struct ifgw_cover_request_item it[N];
 *     for each file:                            // pass one: no writes
 *             problems += ifgw_cover_request_check(&it[i], nb, data, len, name, report, ctx);
 *     if (problems == 0) {                      // pass two: all or nothing
 *             ifgw_book_begin(&nb->book, now);
 *             for each item: rc = ifgw_cover_request_record(&it[i], nb, now);
 *             rc == IFGW_OK ? ifgw_book_commit(&nb->book) : ifgw_book_rollback(&nb->book);
 *     }
 *     for each item: ifgw_cover_request_item_free(&it[i]);
 *
 * Check: the document is a canonical CoverRequest (model XML) of kind new;
 * its seller number is a configured seller's id (the seller's contract
 * gives the partner; a domestic contract, partner "", is decided by the
 * home factor itself: the ledger takes partner "" as the scenarios do);
 * its request number is not a cover in the books; its amount is > 0 in a
 * known currency (a cover line need not be in the contract's currency);
 * the buyer has a number, a name and a country.
 *
 * Record, inside the caller's book transaction: the document as given,
 * with the configured seller's name when it has none (the partner's
 * message requires one), kept as canonical XML ("cover", request number)
 * — the composer builds the partner's request from it, the ledger's
 * figures overriding its numbers —, the
 * ledger cover (debtor: the buyer's number, debtor_country: its country)
 * and COVER_REQUEST applied by the seller (the request goes to the book's
 * sink: composed, encoded and signed for the partner). */
#ifndef IFGW_NODE_COVER_REQUEST_H
#define IFGW_NODE_COVER_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "gateway/node/books.h"
#include "model/message.h"

/* One application, checked and then recorded. */
struct ifgw_cover_request_item {
	const char *name;                            /* borrowed: the file's name, in messages */
	const unsigned char *data;                   /* borrowed: the document as given */
	size_t len;
	struct ifgw_msg *msg;                        /* owned: the document read (NULL: unreadable) */
	const struct ifgw_config_seller *seller;     /* its configured seller (after a check) */
	const struct ifgw_ledger_contract *contract; /* the seller's contract */
	char state[IFGW_STORE_STATE_SIZE];           /* the cover's state once recorded ("requested") */
};

/* Check the document (data, len; name in messages) against nb's node
 * without writing anything: each problem is handed to report (one line:
 * why) and the count returned (0: it can be recorded).  *it is filled for
 * the record; free it with ifgw_cover_request_item_free either way. */
size_t ifgw_cover_request_check(struct ifgw_cover_request_item *it, struct ifgw_node_book *nb,
				const unsigned char *data, size_t len, const char *name,
				void (*report)(void *ctx, const char *name, const char *why), void *ctx);

/* Record a checked item at `now` inside the caller's book transaction.
 * Errors name it as "NAME: REQUEST: ..."; the caller then rolls back. */
int ifgw_cover_request_record(struct ifgw_cover_request_item *it, struct ifgw_node_book *nb, int64_t now);

void ifgw_cover_request_item_free(struct ifgw_cover_request_item *it);

#endif
