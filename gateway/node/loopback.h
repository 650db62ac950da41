/* loopback.h: two nodes of one process exchange their outboxes (a test and
 * demo transport until the network service, issue 11).
 *
 *     struct ifgw_loopback_node fr = {&fr_book, fr_snap}, de = {&de_book, de_snap};
 *     struct ifgw_loopback_report rep;
 *     rc = ifgw_loopback_deliver(&fr, &de, now, &rep);   // FR00001's due rows to DE00123
 *
 * Every due outbox row of `from` addressed to `to`'s factor code goes, in
 * corridor (sequence) order, through the whole inbound path of `to`
 * (ifgw_inbound_apply: verify the signature, decode, check the corridor,
 * inbox once, books): the bytes are exactly those `from` queued, so the
 * loopback skips only the network.  A row `to` accepts (applied now, or
 * before: a duplicate) is marked SENT in `from`'s outbox; a row `to`
 * refuses is marked FAILED, counted and reported (the first refusal's
 * message id and reason), and the corridor stops there for this call: the
 * rows after it would only be refused as out of sequence.  A row `to`
 * accepted but `from` could not mark is delivered again by the next call,
 * where `to`'s inbox answers it as a duplicate: at least once, applied
 * once. */
#ifndef IFGW_NODE_LOOPBACK_H
#define IFGW_NODE_LOOPBACK_H

#include <stddef.h>
#include <stdint.h>

#include "gateway/node/book.h"
#include "gateway/node/snapshot.h"
#include "model/text.h"

/* One side: its books (book->store is its store) and its snapshot
 * (configuration, signing identity, partners' trust).  Borrowed. */
struct ifgw_loopback_node {
	struct ifgw_book *book;
	const struct ifgw_node_snapshot *snap;
};

struct ifgw_loopback_report {
	size_t delivered;              /* accepted by `to` (duplicates included) */
	size_t duplicates;             /* of delivered: applied before */
	size_t refused;                /* refused by `to`, marked FAILED */
	char msg_id[IFGW_ID_SIZE];     /* the first refused row's message id; "" none */
	char reason[IFGW_REASON_SIZE]; /* and why `to` refused it */
};

/* Deliver `from`'s rows due at `now` to `to` (above).  rep (required) is
 * set.  IFGW_OK when every row was delivered or refused; a store error of
 * either side stops it and is returned (what was delivered stays). */
int ifgw_loopback_deliver(const struct ifgw_loopback_node *from, const struct ifgw_loopback_node *to, int64_t now,
			  struct ifgw_loopback_report *rep);

#endif
