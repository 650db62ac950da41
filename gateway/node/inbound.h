/* inbound.h: a partner's wire message into the books (docs/inbound.md).
 *
 *     struct ifgw_inbound_result res;
 *     rc = ifgw_inbound_apply(&book, snap, "DE00123", wire, len, now, &res);
 *
 * All or nothing, in this order: the signature is verified against the
 * partner's own signing trust (certs/, from the snapshot); the bytes are
 * decoded with the partner's adapter and charset; the header must name the
 * partner as sender and this node as receiver; then ONE book transaction
 * records the message in the inbox once (sender + message id, in corridor
 * sequence), applies the ledger events it carries and, for a request to
 * this node as import factor, the decisions taken on it (whose answers go
 * to the outbox through the book's sink, naming the message answered), and
 * commits.  A refusal (bad signature, another corridor, a sequence out of
 * order, an unknown invoice, a transition the ledger refuses, ...) changes
 * nothing in the books, the inbox or the outbox; it returns the error with
 * its one-line reason and leaves one `message-refused` log entry (subject
 * the message id, or "unknown" before it is decoded; actor the partner;
 * payload the wire bytes) so the refusal is on record.  A message applied
 * before answers IFGW_OK with res->duplicate set and changes nothing. */
#ifndef IFGW_NODE_INBOUND_H
#define IFGW_NODE_INBOUND_H

#include <stddef.h>
#include <stdint.h>

#include "gateway/ledger/ledger.h"
#include "gateway/node/book.h"
#include "gateway/node/snapshot.h"
#include "model/message.h"

#define IFGW_INBOUND_LOG_REFUSED "message-refused"


struct ifgw_inbound_result {
	int accepted;                  /* 1: applied now, or before (duplicate) */
	char msg_id[IFGW_ID_SIZE];     /* "" when the bytes never decoded */
	int type;                      /* enum ifgw_msg_type; 0 when never decoded */
	char reason[IFGW_REASON_SIZE]; /* the refusal, one line; "" when accepted */
	int duplicate;                 /* applied before: nothing done */
};

/* The whole path above.  b's store must not be in a transaction (the
 * message gets one of its own).  res is always filled. */
int ifgw_inbound_apply(struct ifgw_book *b, const struct ifgw_node_snapshot *snap, const char *partner,
		       const void *wire, size_t len, int64_t now, struct ifgw_inbound_result *res);

/* The checks before the books: verify wire against partner's trust, decode
 * it with partner's target, check its header names partner -> this node.
 * *out is the caller's (ifgw_msg_free).  IFGW_ETRUST (unknown partner, bad
 * or foreign signature, signature at the wrong place for the type),
 * IFGW_EPARSE and IFGW_EINVAL (not a valid message, another corridor). */
int ifgw_inbound_read(struct ifgw_msg **out, const struct ifgw_node_snapshot *snap, const char *partner,
		      const void *wire, size_t len);

/* --- the mapping: what a decoded message asks of the books (pure) */

enum ifgw_inbound_op {
	IFGW_INBOUND_APPLY = 1,    /* apply ev to the thing `id` */
	IFGW_INBOUND_SELLER_SEEN,  /* home: the partner answered for seller `id`: registered if still requested */
	IFGW_INBOUND_NEW_SELLER,   /* import: record seller `id` of the registration, then apply ev (register) */
	IFGW_INBOUND_NEW_COVER,    /* import: record cover `id` of the request, apply ev (request), decide */
	IFGW_INBOUND_NEW_INVOICE,  /* import: keep batch item `item` as a document, record invoice `id`,
				      apply ev (assign), decide the assignment */
	IFGW_INBOUND_CHANGE_COVER, /* import: the export factor asks to change cover `id` to ev's amount
				      and expiry; decided, then revised as this node's own act */
};

struct ifgw_inbound_step {
	int op;                    /* enum ifgw_inbound_op */
	int thing;                 /* enum ifgw_ledger_thing */
	char id[IFGW_ID_SIZE];
	size_t item;               /* the message's item the step comes from (0 when it has none) */
	struct ifgw_ledger_event ev; /* inbound, actor the sender */
};

/* The steps message m asks for, in order, when its sender has the role
 * `sender_role` (enum ifgw_role: the export factor sends to this node's
 * import books, the import factor to its home books).  *out is the
 * caller's (free()), NULL when *n is 0 (a message that changes no thing:
 * free text, remittance, a pending status).  IFGW_EUNSUPPORTED naming the
 * message for a type or kind the books do not take (financing, a cover
 * reminder ...), IFGW_EINVAL for a figure the books cannot take (a negative
 * amount, a credit note naming no invoice). */
int ifgw_inbound_map(struct ifgw_inbound_step **out, size_t *n, const struct ifgw_msg *m, int sender_role);

#endif
