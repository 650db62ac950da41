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
#include "gateway/node/compose.h"
#include "gateway/node/contracts.h"
#define IFGW_INBOUND_INTERNAL
#include "gateway/node/inbound_int.h"
#include "gateway/node/outbox_sink.h"
#include "gateway/store/store.h"
#include "model/codes.h"
#include "model/model.h"

/* The sender's role for the mapping: the type fixes it, except for
 * disputes, which go either way: the book of the first document says. */
static int sender_role(struct ifgw_book *b, const struct ifgw_msg *m)
{
	const struct ifgw_dispute *d = &m->body.dispute;
	struct ifgw_ledger_invoice inv;
	struct ifgw_error kept;
	size_t i;
	int role = IFGW_ROLE_IMPORT_FACTOR;

	if (m->hdr.type != IFGW_MSG_DISPUTE_NOTICE && m->hdr.type != IFGW_MSG_DISPUTE_STATUS)
		return ifgw_msg_sender_role(m);
	/* the first invoice the books hold; none: the home books (refused there) */
	ifgw_error_save(&kept);
	for (i = 0; i < d->n_items; i++) {
		if (d->items[i].doc_type != IFGW_DOC_INVOICE ||
		    ifgw_book_load_invoice(b, d->items[i].doc_nr, &inv) != IFGW_OK)
			continue;
		role = inv.contract->role == IFGW_LEDGER_ROLE_IMPORT ? IFGW_ROLE_EXPORT_FACTOR : IFGW_ROLE_IMPORT_FACTOR;
		break;
	}
	ifgw_error_restore(&kept);
	return role;
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
	/* a seller this node does not track, presented to another factor, or registered already */
	if (rc != IFGW_OK || seller.state != IFGW_LEDGER_SELLER_REQUESTED || strcmp(seller.partner, st->ev.actor) != 0)
		return IFGW_OK;
	return ifgw_book_apply(b, IFGW_LEDGER_THING_SELLER, st->id, &st->ev, now);
}

/* --- the import role: this node is the export factor's import factor */

/* What one import step needs besides the book. */
struct import_ctx {
	const struct ifgw_config *cfg;
	struct ifgw_outbox_sink *sink; /* the node's sink, NULL when the book has another */
};

/* A message as received, as a document of kind/id (canonical XML): what
 * the composer reads for the parties of an answer (compose.h). */
static int keep_message(struct ifgw_book *b, const char *kind, const char *id, const struct ifgw_msg *m)
{
	struct ifgw_buf xml;
	int rc;

	ifgw_buf_init(&xml, 1 << 24);
	if ((rc = ifgw_msg_write_xml(&xml, m)) == IFGW_OK)
		rc = ifgw_store_document_put(b->store, kind, id, xml.ptr, xml.len);
	ifgw_buf_free(&xml);
	return rc;
}

static int new_seller(struct ifgw_book *b, const struct ifgw_msg *m, const struct ifgw_inbound_step *st, int64_t now)
{
	struct ifgw_ledger_seller x;
	int rc;

	memset(&x, 0, sizeof(x));
	snprintf(x.id, sizeof(x.id), "%s", st->id);
	snprintf(x.partner, sizeof(x.partner), "%s", m->hdr.sender.code);
	x.role = IFGW_LEDGER_ROLE_IMPORT;
	if ((rc = ifgw_book_add_seller(b, &x)) != IFGW_OK ||
	    (rc = keep_message(b, IFGW_COMPOSE_DOC_SELLER, st->id, m)) != IFGW_OK)
		return rc;
	return ifgw_book_apply(b, IFGW_LEDGER_THING_SELLER, st->id, &st->ev, now);
}

/* Every cover, or every invoice, of the books (exposure, what a cover has
 * left).  *out the caller's (free()). */
static int load_covers(struct ifgw_book *b, struct ifgw_ledger_cover **out, size_t *n)
{
	struct ifgw_store_thing_row *rows = NULL;
	size_t nrows = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = ifgw_store_thing_list(b->store, IFGW_STORE_COVERS, &rows, &nrows)) != IFGW_OK)
		return rc;
	if (nrows && !(*out = calloc(nrows, sizeof(**out))))
		rc = ifgw_error_set(IFGW_ENOMEM, "inbound: out of memory");
	for (i = 0; rc == IFGW_OK && i < nrows; i++)
		if ((rc = ifgw_book_cover_of_row(&rows[i], &(*out)[*n])) == IFGW_OK)
			++*n;
	free(rows);
	return rc;
}

/* The invoices of one seller on one debtor (what may draw on a cover). */
static int load_invoices(struct ifgw_book *b, const char *seller, const char *debtor, struct ifgw_ledger_invoice **out,
			 size_t *n)
{
	struct ifgw_store_thing_row *rows = NULL;
	size_t nrows = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = ifgw_store_thing_list(b->store, IFGW_STORE_INVOICES, &rows, &nrows)) != IFGW_OK)
		return rc;
	if (nrows && !(*out = calloc(nrows, sizeof(**out))))
		rc = ifgw_error_set(IFGW_ENOMEM, "inbound: out of memory");
	for (i = 0; rc == IFGW_OK && i < nrows; i++)
		if (strcmp(rows[i].seller, seller) == 0 && strcmp(rows[i].debtor, debtor) == 0 &&
		    (rc = ifgw_book_invoice_of_row(b, &rows[i], &(*out)[*n])) == IFGW_OK)
			++*n;
	free(rows);
	return rc;
}

/* The decision policy of this node as import factor of `partner`: from
 * the book's node contracts (gateway/node/contracts.h) when it runs on
 * them, else from contracts built here from the configuration (*own, the
 * caller's to free).  *out NULL: no policy. */
static int policy_for(const struct ifgw_ledger_policy **out, struct ifgw_node_contracts **own, struct ifgw_book *b,
		      const struct import_ctx *x, const char *partner)
{
	const struct ifgw_node_contracts *nc = ifgw_node_contracts_of(&b->contracts);
	int rc;

	*out = NULL;
	*own = NULL;
	if (!nc) {
		if ((rc = ifgw_node_contracts_build(own, x->cfg)) != IFGW_OK)
			return rc;
		nc = *own;
	}
	*out = ifgw_node_contracts_policy(nc, partner);
	return IFGW_OK;
}

/* A new cover request: recorded, requested, then answered by the
 * partner's decision policy over what this node has granted already. */
static int new_cover(struct ifgw_book *b, const struct import_ctx *x, const struct ifgw_msg *m,
		     const struct ifgw_inbound_step *st, int64_t now)
{
	const struct ifgw_cover_request *r = &m->body.cover_request;
	const struct ifgw_ledger_policy *policy = NULL;
	struct ifgw_node_contracts *own = NULL;
	struct ifgw_ledger_cover c, *covers = NULL;
	struct ifgw_ledger_exposure exposure;
	struct ifgw_ledger_decision d;
	struct ifgw_ledger_event ev;
	size_t n = 0;
	int rc;

	memset(&c, 0, sizeof(c));
	snprintf(c.id, sizeof(c.id), "%s", st->id);
	snprintf(c.seller, sizeof(c.seller), "%s", r->seller.nr);
	snprintf(c.debtor, sizeof(c.debtor), "%s", r->buyer.nr);
	snprintf(c.partner, sizeof(c.partner), "%s", m->hdr.sender.code);
	memcpy(c.debtor_country, r->buyer.country, sizeof(c.debtor_country));
	c.role = IFGW_LEDGER_ROLE_IMPORT;
	c.expiry = IFGW_DATE_NONE;
	if ((rc = ifgw_book_add_cover(b, &c)) != IFGW_OK ||
	    (rc = keep_message(b, IFGW_COMPOSE_DOC_COVER, st->id, m)) != IFGW_OK ||
	    (rc = ifgw_book_apply(b, IFGW_LEDGER_THING_COVER, st->id, &st->ev, now)) != IFGW_OK ||
	    (rc = ifgw_book_load_cover(b, st->id, &c)) != IFGW_OK || (rc = load_covers(b, &covers, &n)) != IFGW_OK)
		goto out;
	if ((rc = policy_for(&policy, &own, b, x, m->hdr.sender.code)) != IFGW_OK ||
	    (rc = ifgw_ledger_exposure_sum(&exposure, covers, n, &c)) != IFGW_OK ||
	    (rc = ifgw_ledger_decide_cover(&d, policy, &c, &exposure, now)) != IFGW_OK)
		goto out;
	ifgw_ledger_decision_event(&ev, &d, x->cfg->code);
	rc = ifgw_book_apply(b, IFGW_LEDGER_THING_COVER, st->id, &ev, now);
out:
	free(covers);
	ifgw_node_contracts_free(own);
	return rc;
}

/* The export factor asks to change a cover it holds: less, a later
 * expiry or other terms are granted as asked; more is decided by the
 * partner's policy like a new request for the new amount (this cover not
 * counted in the exposure): approved, the cover grows to what the decision
 * grants; declined or pending, it stays as it is.  Either way the revision
 * (COVER_REVISION, this node's own act) answers. */
static int change_cover(struct ifgw_book *b, const struct import_ctx *x, const struct ifgw_msg *m,
			const struct ifgw_inbound_step *st, int64_t now)
{
	const struct ifgw_ledger_policy *policy = NULL;
	struct ifgw_node_contracts *own = NULL;
	struct ifgw_ledger_cover c, asked, *covers = NULL;
	struct ifgw_ledger_exposure exposure;
	struct ifgw_ledger_decision d;
	struct ifgw_ledger_event ev;
	size_t n = 0;
	int rc;

	if ((rc = ifgw_book_load_cover(b, st->id, &c)) != IFGW_OK)
		return rc;
	if (c.role != IFGW_LEDGER_ROLE_IMPORT || strcmp(c.partner, m->hdr.sender.code) != 0)
		return ifgw_error_set(IFGW_ESTATE, "cover %s is not one %s asked of this node", c.id, m->hdr.sender.code);
	ev = st->ev;
	snprintf(ev.actor, sizeof(ev.actor), "%s", x->cfg->code);
	ev.inbound = 0;
	if (c.granted.ccy && st->ev.amount.minor > c.granted.minor) {
		asked = c;
		asked.requested = st->ev.amount;
		if ((rc = load_covers(b, &covers, &n)) != IFGW_OK ||
		    (rc = policy_for(&policy, &own, b, x, m->hdr.sender.code)) != IFGW_OK ||
		    (rc = ifgw_ledger_exposure_sum(&exposure, covers, n, &asked)) != IFGW_OK ||
		    (rc = ifgw_ledger_decide_cover(&d, policy, &asked, &exposure, now)) != IFGW_OK)
			goto out;
		ev.amount.minor = d.kind == IFGW_LEDGER_EV_COVER_APPROVE && d.amount.minor > c.granted.minor
					  ? d.amount.minor
					  : c.granted.minor;
	}
	rc = ifgw_book_apply(b, IFGW_LEDGER_THING_COVER, st->id, &ev, now);
out:
	free(covers);
	ifgw_node_contracts_free(own);
	return rc;
}

/* The invoice as received: the canonical XML of a one-item batch (plan
 * section 3), for the composer and the record. */
static int keep_document(struct ifgw_book *b, const struct ifgw_msg *m, const struct ifgw_invoice *it)
{
	struct ifgw_msg *doc = NULL;
	struct ifgw_invoice *item;
	int rc;

	if ((rc = ifgw_msg_new(&doc, IFGW_MSG_ASSIGNMENT_BATCH)) != IFGW_OK)
		goto out;
	doc->hdr = m->hdr;
	memcpy(doc->body.batch.batch_nr, m->body.batch.batch_nr, sizeof(doc->body.batch.batch_nr));
	doc->body.batch.batch_date = m->body.batch.batch_date;
	doc->body.batch.seller = m->body.batch.seller;
	if ((rc = ifgw_msg_add_item((void **)&item, doc)) != IFGW_OK)
		goto out;
	*item = *it;
	if ((rc = ifgw_msg_compute_totals(doc)) == IFGW_OK)
		rc = keep_message(b, IFGW_STORE_DOC_INVOICE, it->number, doc);
out:
	ifgw_msg_free(doc);
	return rc;
}

/* The cover in force for the invoice's seller and debtor from this
 * partner, if any (the last one found). */
static const struct ifgw_ledger_cover *cover_for(const struct ifgw_ledger_cover *covers, size_t n,
						 const struct ifgw_ledger_invoice *inv, const char *partner)
{
	const struct ifgw_ledger_cover *found = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct ifgw_ledger_cover *c = &covers[i];

		if (c->role == IFGW_LEDGER_ROLE_IMPORT && strcmp(c->partner, partner) == 0 &&
		    strcmp(c->seller, inv->seller) == 0 && strcmp(c->debtor, inv->debtor) == 0 &&
		    (c->state == IFGW_LEDGER_COVER_APPROVED || c->state == IFGW_LEDGER_COVER_PARTLY_APPROVED ||
		     c->state == IFGW_LEDGER_COVER_REVISED))
			found = c;
	}
	return found;
}

/* An assigned invoice: kept, recorded under the import contract, assigned,
 * then accepted on what its cover has left (or rejected). */
static int new_invoice(struct ifgw_book *b, const struct import_ctx *x, const struct ifgw_msg *m,
		       const struct ifgw_inbound_step *st, int64_t now)
{
	const struct ifgw_invoice *it = &m->body.batch.items[st->item];
	const char *seller_id = m->body.batch.seller.nr, *partner = m->hdr.sender.code;
	const struct ifgw_ledger_contract *k = b->contracts.find ? b->contracts.find(b->contracts.ctx, seller_id, partner)
								 : NULL;
	struct ifgw_ledger_invoice inv, *invoices = NULL;
	struct ifgw_ledger_cover *covers = NULL;
	struct ifgw_ledger_seller seller;
	struct ifgw_ledger_event ev;
	struct ifgw_error kept;
	size_t n_cov = 0, n_inv = 0;
	int rc, registered;

	if (!k || k->role != IFGW_LEDGER_ROLE_IMPORT)
		return ifgw_error_set(IFGW_ESTATE, "invoice %s: this node is no import factor of %s (no DecisionPolicy)",
				      it->number, partner);
	if ((rc = keep_document(b, m, it)) != IFGW_OK ||
	    (rc = ifgw_ledger_invoice_init(&inv, it->number, seller_id, it->buyer.nr, &it->amount, it->due_date, k)) !=
		    IFGW_OK ||
	    (rc = ifgw_book_add_invoice(b, &inv)) != IFGW_OK ||
	    (rc = ifgw_book_apply(b, IFGW_LEDGER_THING_INVOICE, it->number, &st->ev, now)) != IFGW_OK ||
	    (rc = ifgw_book_load_invoice(b, it->number, &inv)) != IFGW_OK)
		goto out;
	/* the seller must be one the export factor registered here */
	ifgw_error_save(&kept);
	registered = ifgw_book_load_seller(b, seller_id, &seller) == IFGW_OK && seller.role == IFGW_LEDGER_ROLE_IMPORT &&
		     seller.state == IFGW_LEDGER_SELLER_REGISTERED && strcmp(seller.partner, partner) == 0;
	ifgw_error_restore(&kept);
	if (!registered) {
		ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_REJECT, x->cfg->code);
	} else {
		const struct ifgw_ledger_cover *cover;

		if ((rc = load_covers(b, &covers, &n_cov)) != IFGW_OK ||
		    (rc = load_invoices(b, inv.seller, inv.debtor, &invoices, &n_inv)) != IFGW_OK)
			goto out;
		cover = cover_for(covers, n_cov, &inv, partner);
		if ((rc = ifgw_ledger_decide_assignment(&ev, &inv, cover,
							cover ? ifgw_ledger_cover_used(invoices, n_inv, cover, &inv) : 0,
							x->cfg->code)) != IFGW_OK)
			goto out;
	}
	rc = ifgw_book_apply(b, IFGW_LEDGER_THING_INVOICE, it->number, &ev, now);
out:
	free(covers);
	free(invoices);
	return rc;
}

static int run_step(struct ifgw_book *b, const struct import_ctx *x, const struct ifgw_msg *m,
		    const struct ifgw_inbound_step *st, int64_t now)
{
	int rc;

	switch (st->op) {
	case IFGW_INBOUND_APPLY:
		rc = ifgw_book_apply(b, st->thing, st->id, &st->ev, now);
		break;
	case IFGW_INBOUND_SELLER_SEEN:
		rc = seller_seen(b, st, now);
		break;
	case IFGW_INBOUND_NEW_SELLER:
		rc = new_seller(b, m, st, now);
		break;
	case IFGW_INBOUND_NEW_COVER:
		rc = new_cover(b, x, m, st, now);
		break;
	case IFGW_INBOUND_NEW_INVOICE:
		rc = new_invoice(b, x, m, st, now);
		break;
	case IFGW_INBOUND_CHANGE_COVER:
		rc = change_cover(b, x, m, st, now);
		break;
	default:
		rc = ifgw_error_set(IFGW_EINVAL, "message %s: step %d unknown", m->hdr.id, st->op);
		break;
	}
	return step_failed(rc, m, st);
}

/* Inside the transaction: the inbox, then every step. */
static int apply_in_tx(struct ifgw_book *b, const struct import_ctx *x, const struct ifgw_msg *m, const void *wire,
		       size_t len, int64_t now, struct ifgw_inbound_result *res)
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
	/* every row the message causes (the import role's answers above all)
	   names it as the message it answers */
	if (x->sink)
		ifgw_outbox_sink_set_related(x->sink, m->hdr.id);
	for (i = 0; rc == IFGW_OK && i < n; i++)
		rc = run_step(b, x, m, &steps[i], now);
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
	struct import_ctx x;
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
	if ((rc = ifgw_inbound_read_noting(&m, res, snap, partner, wire, len)) != IFGW_OK)
		goto out;
	x.cfg = ifgw_node_snapshot_config(snap);
	/* the node's own sink learns which message its answers answer */
	x.sink = b->sink.partner_message && b->sink.partner_message == ifgw_outbox_sink_book(b->sink.ctx).partner_message
			 ? b->sink.ctx
			 : NULL;
	if ((rc = ifgw_book_begin(b, now)) != IFGW_OK)
		goto out;
	if ((rc = apply_in_tx(b, &x, m, wire, len, now, res)) != IFGW_OK || res->duplicate) {
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
