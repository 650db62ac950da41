/* inbound.c: a partner's message into the books in one transaction
 * (inbound.h, ifgw_inbound_apply; docs/inbound.md).
 *
 * read (inbound_read.c) -> map (inbound_map.c) -> ifgw_book_begin -> inbox
 * once -> each step through the book -> ifgw_book_commit.  Any refusal rolls
 * the whole transaction back, then a transaction of its own keeps the
 * `message-refused` log entry. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "gateway/node/inbound.h"
#include "gateway/store/store.h"
#include "model/codes.h"

/* The sender's role for the mapping: the type fixes it, except for
 * disputes, which go either way: the book of the first document says. */
static int sender_role(struct ifgw_book *b, const struct ifgw_msg *m)
{
	(void)b;
	if (ifgw_msg_sender_role(m))
		return ifgw_msg_sender_role(m);
	return IFGW_ROLE_IMPORT_FACTOR;
}

/* A thing the message names that the books do not hold is a refusal of
 * the message, not a failure of the node. */
static int step_failed(int rc, const struct ifgw_msg *m, const struct ifgw_inbound_step *st)
{
	static const char *const things[] = {"", "seller", "cover", "invoice"};

	if (rc == IFGW_OK)
		return rc;
	if (rc == IFGW_ENOTFOUND)
		rc = ifgw_error_wrap(IFGW_ESTATE, "%s %s is not in the books",
				     st->thing >= 1 && st->thing <= 3 ? things[st->thing] : "thing", st->id);
	return ifgw_error_wrap(rc, "message %s", m->hdr.id);
}

/* Home: the import factor answered for a seller: its registration was
 * taken, if the books still wait for it. */
static int seller_seen(struct ifgw_book *b, const struct ifgw_inbound_step *st, int64_t now)
{
	struct ifgw_ledger_seller seller;
	struct ifgw_error kept;
	int rc;

	ifgw_error_save(&kept);
	rc = ifgw_book_load_seller(b, st->id, &seller);
	ifgw_error_restore(&kept);
	/* a seller this node does not track, or one registered already */
	if (rc != IFGW_OK || seller.state != IFGW_LEDGER_SELLER_REQUESTED)
		return IFGW_OK;
	return ifgw_book_apply(b, IFGW_LEDGER_THING_SELLER, st->id, &st->ev, now);
}

static int run_step(struct ifgw_book *b, const struct ifgw_msg *m, const struct ifgw_inbound_step *st, int64_t now)
{
	int rc;

	switch (st->op) {
	case IFGW_INBOUND_APPLY:
		rc = ifgw_book_apply(b, st->thing, st->id, &st->ev, now);
		break;
	case IFGW_INBOUND_SELLER_SEEN:
		rc = seller_seen(b, st, now);
		break;
	default:
		rc = ifgw_error_set(IFGW_EUNSUPPORTED, "message %s: %s: this node's import role is not built yet",
				    m->hdr.id, ifgw_msg_type_name(m->hdr.type));
		break;
	}
	return step_failed(rc, m, st);
}

/* Inside the transaction: the inbox, then every step. */
static int apply_in_tx(struct ifgw_book *b, const struct ifgw_msg *m, const void *wire, size_t len, int64_t now,
		       struct ifgw_inbound_result *res)
{
	struct ifgw_store_inbound in;
	struct ifgw_inbound_step *steps = NULL;
	enum ifgw_store_apply status = IFGW_STORE_APPLIED;
	const char *type = ifgw_msg_type_name(m->hdr.type);
	size_t n = 0, i;
	int rc;

	memset(&in, 0, sizeof(in));
	snprintf(in.sender, sizeof(in.sender), "%s", m->hdr.sender.code);
	snprintf(in.type, sizeof(in.type), "%s", type ? type : "unknown");
	snprintf(in.msg_id, sizeof(in.msg_id), "%s", m->hdr.id);
	snprintf(in.outcome, sizeof(in.outcome), "applied");
	in.seq = m->hdr.seq;
	in.payload = wire;
	in.payload_len = len;
	if ((rc = ifgw_store_inbox_apply_once(b->store, &status, &in)) != IFGW_OK)
		goto out;
	if (status == IFGW_STORE_ALREADY_APPLIED) {
		res->duplicate = 1;
		goto out;
	}
	if ((rc = ifgw_inbound_map(&steps, &n, m, sender_role(b, m))) != IFGW_OK)
		goto out;
	for (i = 0; rc == IFGW_OK && i < n; i++)
		rc = run_step(b, m, &steps[i], now);
out:
	free(steps);
	return rc;
}

/* The refusal on record, in a transaction of its own; its own failure
 * never hides the refusal's reason. */
static void log_refusal(struct ifgw_book *b, const char *partner, const struct ifgw_inbound_result *res,
			const void *wire, size_t len)
{
	struct ifgw_error kept;

	ifgw_error_save(&kept);
	if (ifgw_store_begin(b->store) == IFGW_OK) {
		if (ifgw_store_log_append(b->store, NULL, IFGW_INBOUND_LOG_REFUSED, res->msg_id[0] ? res->msg_id : "unknown",
					  partner, wire, len) == IFGW_OK)
			(void)ifgw_store_commit(b->store);
		else
			ifgw_store_rollback(b->store);
	}
	ifgw_error_restore(&kept);
}

int ifgw_inbound_apply(struct ifgw_book *b, const struct ifgw_node_snapshot *snap, const char *partner,
		       const void *wire, size_t len, int64_t now, struct ifgw_inbound_result *res)
{
	struct ifgw_msg *m = NULL;
	int rc;

	IFGW_ASSERT_ARG(res);
	memset(res, 0, sizeof(*res));
	IFGW_ASSERT_ARG(b && b->store && snap && partner && wire);
	if (ifgw_store_in_transaction(b->store)) {
		rc = ifgw_error_set(IFGW_ESTATE, "message from %s: applied in a transaction of its own, not the caller's",
				    partner);
		snprintf(res->reason, sizeof(res->reason), "%s", ifgw_error_last());
		return rc;
	}
	if ((rc = ifgw_inbound_read(&m, snap, partner, wire, len)) != IFGW_OK)
		goto out;
	snprintf(res->msg_id, sizeof(res->msg_id), "%s", m->hdr.id);
	res->type = m->hdr.type;
	if ((rc = ifgw_book_begin(b, now)) != IFGW_OK)
		goto out;
	if ((rc = apply_in_tx(b, m, wire, len, now, res)) != IFGW_OK || res->duplicate) {
		ifgw_book_rollback(b); /* a duplicate wrote nothing either */
		goto out;
	}
	rc = ifgw_book_commit(b);
out:
	if (rc == IFGW_OK) {
		res->accepted = 1;
	} else {
		snprintf(res->reason, sizeof(res->reason), "%s", ifgw_error_last());
		log_refusal(b, partner, res, wire, len);
	}
	ifgw_msg_free(m);
	return rc;
}
