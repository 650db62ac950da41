/* compose.h: the canonical message a ledger outbox row becomes
 * (docs/outbox.md).
 *
 * The ledger says WHAT goes to the partner (a row: message type, partner,
 * the thing, the figure) and WHY (the event).  This module builds the whole
 * canonical message from that and from what the node holds: the thing as
 * the book holds it after the transition (parties, dates, figures), the documents as
 * received (gateway/store documents: the invoice behind an assignment, the
 * seller's registration, the cover application) and the configuration
 * (this node, its sellers).  The result passes ifgw_msg_check(); encoding
 * and signing are the outbox sink's (outbox_sink.h).
 *
 *     struct ifgw_compose_src src = {book, cfg, now, seq, related_id};
 *     rc = ifgw_compose(&m, &src, row, ev);   // m: the caller's (ifgw_msg_free)
 *
 * Reads only: nothing is written to the store. */
#ifndef IFGW_NODE_COMPOSE_H
#define IFGW_NODE_COMPOSE_H

#include <stddef.h>
#include <stdint.h>

#include "config/node_config.h"
#include "gateway/ledger/ledger.h"
#include "gateway/node/book.h"
#include "gateway/store/store.h"
#include "model/message.h"

/* Document kinds the composer reads besides IFGW_STORE_DOC_INVOICE (the
 * invoice: a one-item ASSIGNMENT_BATCH).  Each body is canonical XML
 * (ifgw_msg_write_xml) of the message named, kept by whoever records the
 * thing; the composer takes its parties, addresses and business figures and
 * sets the header, dates and amounts from the ledger. */
#define IFGW_COMPOSE_DOC_SELLER "seller" /* id: the seller; a SellerRegistration */
#define IFGW_COMPOSE_DOC_COVER "cover"   /* id: the cover (request number); a CoverRequest */

/* The FCI dispute reason written when nothing says one (the list's
 * meanings are partner configuration, docs/model.md; the ledger's dispute
 * event carries none): see docs/outbox.md. */
#define IFGW_COMPOSE_DISPUTE_REASON 1

struct ifgw_compose_src {
	struct ifgw_book *book;        /* the books (loads only) and, in its store, the documents */
	const struct ifgw_config *cfg; /* this node and its sellers */
	int64_t now;                   /* the transition's time: header, dates */
	uint64_t seq;                  /* the corridor's sequence (ifgw_store_outbox_next_seq) */
	const char *related_id;        /* the message this one answers; NULL or "": none */
};

/* "<own code>-<partner code>-<seq>": unique per sender, the same id the
 * edifactoring adapter derives on decode.  IFGW_EINVAL when it would not
 * fit 35 characters. */
int ifgw_compose_msg_id(char out[IFGW_ID_SIZE], const char *own, const char *partner, uint64_t seq);

/* The node's role towards a thing of `seller`: IFGW_ROLE_EXPORT_FACTOR when
 * the seller is one of the configuration's (this node factors it; also the
 * only factor of a domestic product), else IFGW_ROLE_IMPORT_FACTOR (the
 * seller is a partner's client). */
int ifgw_compose_role(const struct ifgw_config *cfg, const char *seller);

/* The canonical message for one partner row (row->to must be
 * IFGW_LEDGER_TO_PARTNER) caused by ev.  Types: SELLER_REGISTRATION,
 * COVER_REQUEST, COVER_RESPONSE, COVER_REVISION, ASSIGNMENT_BATCH (a
 * credit note when ev is a CREDIT), ASSIGNMENT_STATUS, PAYMENT,
 * INDIRECT_PAYMENT, GUARANTEE_PAYMENT, DISPUTE_NOTICE, DISPUTE_STATUS,
 * CHARGEBACK, REMITTANCE.  Errors name the row's thing and what is missing
 * ("compose: invoice INV-1: no document invoice:INV-1 in the store"):
 * IFGW_ENOTFOUND for a thing or document the store does not hold,
 * IFGW_EUNSUPPORTED for another type, IFGW_EINVAL when the result fails
 * ifgw_msg_check. */
int ifgw_compose(struct ifgw_msg **out, const struct ifgw_compose_src *src, const struct ifgw_ledger_outbox_row *row,
		 const struct ifgw_ledger_event *ev);

/* One ASSIGNMENT_BATCH of n rows (n >= 1) to one partner, of one seller and
 * one currency (a submitted file): each row's invoice, or its credit note
 * when evs[i] is a CREDIT, in row order.  Rows of another partner, seller
 * or currency: IFGW_EINVAL. */
int ifgw_compose_batch(struct ifgw_msg **out, const struct ifgw_compose_src *src,
		       const struct ifgw_ledger_outbox_row *rows, const struct ifgw_ledger_event *evs, size_t n);

/* One ASSIGNMENT_STATUS answering n rows (n >= 1) of invoices that came in
 * one batch (their documents name it) from one partner: an item each, in
 * row order; the whole status accepted, rejected, or partly accepted. */
int ifgw_compose_status(struct ifgw_msg **out, const struct ifgw_compose_src *src,
			const struct ifgw_ledger_outbox_row *rows, const struct ifgw_ledger_event *evs, size_t n);

/* The row types the sink holds to the flush and sends together
 * (ASSIGNMENT_BATCH, ASSIGNMENT_STATUS): 1 for them. */
int ifgw_compose_held(int msg_type);

/* Which message a held row goes in: rows with the same key make one
 * (a batch: type, partner, seller, currency; a status: type, partner, the
 * batch answered). */
#define IFGW_COMPOSE_KEY_SIZE (IFGW_ID_SIZE * 2 + 32)
int ifgw_compose_group_key(char out[IFGW_COMPOSE_KEY_SIZE], const struct ifgw_compose_src *src,
			   const struct ifgw_ledger_outbox_row *row);

#endif
