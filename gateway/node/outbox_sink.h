/* outbox_sink.h: the book's sink for rows to a partner — compose, address,
 * encode, sign and queue each as real wire bytes, inside the transition's
 * transaction (docs/outbox.md).
 *
 *     struct ifgw_book book = {.store = store, .contracts = contracts};
 *     struct ifgw_outbox_sink sink;
 *     rc = ifgw_outbox_sink_init(&sink, &book, snap);   // the snapshot outlives the sink
 *     book.sink = ifgw_outbox_sink_book(&sink);
 *     rc = ifgw_book_apply(&book, ...);                 // the outbox now holds signed bytes
 *     ifgw_outbox_sink_free(&sink);
 *
 * Per row: the corridor's next sequence (ifgw_store_outbox_next_seq), the
 * canonical message (compose.h) with id "<own>-<partner>-<seq>", the
 * partner's target (its format, or its fallback for a type the format does
 * not carry), encoded and signed with the node's signing identity, then
 * each wire part into the outbox (its message-out log entry hashes the
 * exact bytes).  ASSIGNMENT_BATCH and ASSIGNMENT_STATUS rows are held
 * until the flush before the commit and go together: one batch per
 * partner, seller and currency (a submitted file is one batch), one status
 * per partner and batch answered; every other row is written when the
 * book hands it over.  Any failure fails the transition, so the book rolls everything
 * back. */
#ifndef IFGW_NODE_OUTBOX_SINK_H
#define IFGW_NODE_OUTBOX_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "certs/identity.h"
#include "config/node_config.h"
#include "gateway/node/book.h"
#include "gateway/node/snapshot.h"
#include "gateway/route/outbound.h"

struct ifgw_signer;
struct ifgw_outbox_sink_held; /* a row held for the flush (outbox_sink.c) */

struct ifgw_outbox_sink {
	struct ifgw_book *book;              /* the book it serves (loads); borrowed */
	const struct ifgw_config *cfg;       /* this node, its sellers and partners; borrowed */
	struct ifgw_signer *signer;          /* NULL: unsigned (tests without an identity) */
	struct ifgw_outbound ob;
	char related[IFGW_ID_SIZE];          /* the message the next rows answer; "" none */
	struct ifgw_outbox_sink_held *held;  /* batch and status rows until the flush */
	size_t n_held, cap_held;
	size_t written;                      /* wire messages put since init, rolled-back ones included */
};

/* A sink for book's rows with snap's configuration and signing identity
 * (both borrowed: keep them alive as long as the sink). */
int ifgw_outbox_sink_init(struct ifgw_outbox_sink *s, struct ifgw_book *book, const struct ifgw_node_snapshot *snap);
/* The same from a configuration and an identity (NULL: messages are not
 * signed; a node always signs). */
int ifgw_outbox_sink_init_with(struct ifgw_outbox_sink *s, struct ifgw_book *book, const struct ifgw_config *cfg,
			       const struct ifgw_identity *signing);
void ifgw_outbox_sink_free(struct ifgw_outbox_sink *s);

/* The rows handed over from now on answer the message msg_id (their header's
 * related id): the inbound path says so before applying a message's events;
 * NULL or "" clears it.  Cleared at each flush and discard. */
void ifgw_outbox_sink_set_related(struct ifgw_outbox_sink *s, const char *msg_id);

/* The book's view of the sink (struct ifgw_book_sink, book.h). */
struct ifgw_book_sink ifgw_outbox_sink_book(struct ifgw_outbox_sink *s);

#endif
