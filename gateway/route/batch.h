/* batch.h: routed invoices -> assignment batches, one per partner and seller.
 *
 * The export factor assigns a seller's invoices and credit notes to the
 * import factor in batches (FCI MSG09, ISO 20022 tsin.006).  The batcher
 * takes documents as routing sends them, groups them by partner factor and
 * seller, and hands out a canonical assignment-batch message for a group as
 * soon as it is full (bounded memory for any number of documents) and for
 * every group left at the end.  Messages get, as they leave, the corridor's
 * next sequence number (per partner, from `first_seq`), so that a partner
 * sees them in order, an id "<node>-<partner>-<seq>",
 * the batch date of the injected clock, and computed control totals.
 * Splitting by the wire format's own limits (999 documents and one currency
 * for edifactoring) is the adapter's ifgw_adapter_split().
 *
 * The parties' numbers between the factors (FCI SellerNr / BuyerNr) are
 * taken from the documents, else from the registration number: the
 * registration of parties with the partner (seller registration, cover
 * requests) will own them once the ledger exists. */
#ifndef IFGW_ROUTE_BATCH_H
#define IFGW_ROUTE_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "config/node_config.h"
#include "model/message.h"

/* Documents in one batch message before it is handed out. */
#define IFGW_BATCH_DOCUMENTS_DEFAULT 999

struct ifgw_batcher;

/* max_documents: batch size (0: IFGW_BATCH_DOCUMENTS_DEFAULT); first_seq:
 * the next sequence number of every corridor (1 without a store).  fn
 * receives each finished batch (m is freed after the call); its non-zero
 * result stops the batcher and is returned. */
int ifgw_batcher_new(struct ifgw_batcher **out, const struct ifgw_config *cfg, size_t max_documents,
		     uint64_t first_seq,
		     int (*fn)(void *ctx, const struct ifgw_config_partner *partner, const struct ifgw_msg *m),
		     void *ctx);
void ifgw_batcher_free(struct ifgw_batcher *b);

/* Add one document routed to partner (copied).  Calls fn when its group
 * fills up; fn's non-zero result is returned. */
int ifgw_batcher_add(struct ifgw_batcher *b, const struct ifgw_config_partner *partner,
		     const struct ifgw_invoice *inv);

/* Hand out every group not yet handed out, in the order groups started. */
int ifgw_batcher_flush(struct ifgw_batcher *b);

/* Messages handed out so far. */
size_t ifgw_batcher_messages(const struct ifgw_batcher *b);

#endif
