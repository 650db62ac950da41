/* inbound_map.c: what a partner's decoded message asks of the books
 * (inbound.h, ifgw_inbound_map; the table is in docs/inbound.md).
 *
 * Pure: no store, no configuration.  A message becomes steps on things
 * named by the message (cover by request number, invoice by document
 * number, seller by seller number); inbound.c runs them in one book
 * transaction. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "gateway/node/inbound.h"
#include "model/codes.h"

struct steps {
	struct ifgw_inbound_step *v;
	size_t n, cap;
	const struct ifgw_msg *m;
};

/* A new step (op, thing, id, item) with an inbound event of kind by the
 * sender; *out points at it. */
static int add(struct steps *s, struct ifgw_inbound_step **out, int op, int thing, const char *id, size_t item,
	       int kind)
{
	struct ifgw_inbound_step *st;
	size_t len = strlen(id);

	if (len == 0 || len >= sizeof(st->id))
		return ifgw_error_set(IFGW_EINVAL, "message %s: %s names no %s", s->m->hdr.id,
				      ifgw_msg_type_name(s->m->hdr.type),
				      thing == IFGW_LEDGER_THING_SELLER ? "seller" : thing == IFGW_LEDGER_THING_COVER
										     ? "cover"
										     : "document");
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		struct ifgw_inbound_step *v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return ifgw_error_set(IFGW_ENOMEM, "message %s: out of memory", s->m->hdr.id);
		s->v = v;
		s->cap = cap;
	}
	st = &s->v[s->n++];
	memset(st, 0, sizeof(*st));
	st->op = op;
	st->thing = thing;
	memcpy(st->id, id, len + 1);
	st->item = item;
	ifgw_ledger_event_init(&st->ev, kind, s->m->hdr.sender.code);
	st->ev.inbound = 1;
	*out = st;
	return IFGW_OK;
}

/* An amount the books take: present and not negative. */
static int amount_ok(const struct steps *s, const struct ifgw_money *a, const char *what, const char *doc)
{
	if (!a->ccy || a->minor < 0)
		return ifgw_error_set(IFGW_EINVAL, "message %s: %s of %s: %s", s->m->hdr.id, what, doc,
				      a->ccy ? "negative" : "absent");
	return IFGW_OK;
}

static int unsupported(const struct steps *s, const char *what)
{
	return ifgw_error_set(IFGW_EUNSUPPORTED, "message %s: %s %s: not taken by the books", s->m->hdr.id,
			      ifgw_msg_type_name(s->m->hdr.type), what);
}

/* --- the import factor's messages, to this node's home books */

static int cover_answer(struct steps *s)
{
	const struct ifgw_cover_response *r = &s->m->body.cover_response;
	const char *cover = r->request_nr[0] ? r->request_nr : r->cover_nr;
	struct ifgw_inbound_step *st;
	int kind, rc;

	switch (r->decision) {
	case IFGW_COVER_APPROVED:
	case IFGW_COVER_PARTLY_APPROVED:
		kind = s->m->hdr.type == IFGW_MSG_COVER_REVISION ? IFGW_LEDGER_EV_COVER_REVISE : IFGW_LEDGER_EV_COVER_APPROVE;
		break;
	case IFGW_COVER_DECLINED:
		kind = IFGW_LEDGER_EV_COVER_DECLINE;
		break;
	case IFGW_COVER_PENDING:
		kind = IFGW_LEDGER_EV_COVER_PENDING;
		break;
	case IFGW_COVER_CANCELLED:
		kind = IFGW_LEDGER_EV_COVER_CANCEL;
		break;
	default:
		return unsupported(s, "decision");
	}
	/* a revision to nothing withdraws the cover */
	if (kind == IFGW_LEDGER_EV_COVER_REVISE && r->amount.minor == 0)
		kind = IFGW_LEDGER_EV_COVER_CANCEL;
	/* the first answer for a seller tells its registration was taken */
	if (s->m->hdr.type == IFGW_MSG_COVER_RESPONSE && r->seller.nr[0] &&
	    (rc = add(s, &st, IFGW_INBOUND_SELLER_SEEN, IFGW_LEDGER_THING_SELLER, r->seller.nr, 0,
		      IFGW_LEDGER_EV_SELLER_ACCEPT)) != IFGW_OK)
		return rc;
	if ((rc = add(s, &st, IFGW_INBOUND_APPLY, IFGW_LEDGER_THING_COVER, cover, 0, kind)) != IFGW_OK)
		return rc;
	if (kind == IFGW_LEDGER_EV_COVER_APPROVE || kind == IFGW_LEDGER_EV_COVER_REVISE) {
		if ((rc = amount_ok(s, &r->amount, "amount", cover)) != IFGW_OK)
			return rc;
		st->ev.amount = r->amount;
		st->ev.date = r->expiry_date;
	}
	return IFGW_OK;
}

static int assignment_status(struct steps *s)
{
	const struct ifgw_assignment_status *a = &s->m->body.assignment_status;
	struct ifgw_inbound_step *st;
	size_t i;
	int rc;

	for (i = 0; i < a->n_items; i++) {
		const struct ifgw_assignment_item *it = &a->items[i];

		/* a credit note is no thing of the books; pending: nothing yet */
		if (it->doc_type != IFGW_DOC_INVOICE || it->status == IFGW_ITEM_PENDING)
			continue;
		if (it->status == IFGW_ITEM_REJECTED) {
			if ((rc = add(s, &st, IFGW_INBOUND_APPLY, IFGW_LEDGER_THING_INVOICE, it->number, i,
				      IFGW_LEDGER_EV_REJECT)) != IFGW_OK)
				return rc;
			continue;
		}
		if (it->status != IFGW_ITEM_ACCEPTED)
			return unsupported(s, "item status");
		if ((rc = add(s, &st, IFGW_INBOUND_APPLY, IFGW_LEDGER_THING_INVOICE, it->number, i,
			      IFGW_LEDGER_EV_ACCEPT)) != IFGW_OK)
			return rc;
		/* accepted without an approved amount: nothing under cover */
		st->ev.amount = it->approved_amount;
		if (!st->ev.amount.ccy) {
			st->ev.amount.ccy = it->amount.ccy;
			st->ev.amount.minor = 0;
		}
		if ((rc = amount_ok(s, &st->ev.amount, "approved amount", it->number)) != IFGW_OK)
			return rc;
	}
	return IFGW_OK;
}

/* Payments (direct, indirect, under guarantee): one event per invoice line
 * with a payment; credit-note lines move no invoice. */
static int payment(struct steps *s, int kind)
{
	const struct ifgw_payment *p = &s->m->body.payment;
	struct ifgw_inbound_step *st;
	size_t i;
	int rc;

	for (i = 0; i < p->n_items; i++) {
		const struct ifgw_payment_item *it = &p->items[i];

		if (it->doc_paid != IFGW_DOC_INVOICE)
			continue;
		if ((rc = amount_ok(s, &it->paid, "paid", it->doc_nr)) != IFGW_OK)
			return rc;
		if (it->paid.minor == 0)
			continue;
		if ((rc = add(s, &st, IFGW_INBOUND_APPLY, IFGW_LEDGER_THING_INVOICE, it->doc_nr, i, kind)) != IFGW_OK)
			return rc;
		st->ev.amount = it->paid;
	}
	return IFGW_OK;
}

static int chargeback(struct steps *s)
{
	const struct ifgw_chargeback *c = &s->m->body.chargeback;
	struct ifgw_inbound_step *st;
	size_t i;
	int rc;

	for (i = 0; i < c->n_items; i++) {
		const struct ifgw_chargeback_item *it = &c->items[i];

		if (it->doc_type != IFGW_DOC_INVOICE)
			continue;
		if ((rc = amount_ok(s, &it->amount, "amount charged back", it->doc_nr)) != IFGW_OK ||
		    (rc = add(s, &st, IFGW_INBOUND_APPLY, IFGW_LEDGER_THING_INVOICE, it->doc_nr, i,
			      IFGW_LEDGER_EV_CHARGE_BACK)) != IFGW_OK)
			return rc;
		st->ev.amount = it->amount;
	}
	return IFGW_OK;
}

/* Disputes go either way.  A notice raises one per document; a status
 * settles them (the item's instruction: 1 for the seller, the debtor
 * owes it; 2 for the debtor, the seller credits it) or, still open from
 * the export factor, supplies the information the import factor asked. */
static int dispute(struct steps *s, int sender_role)
{
	const struct ifgw_dispute *d = &s->m->body.dispute;
	struct ifgw_inbound_step *st;
	size_t i;
	int rc, kind;

	if (s->m->hdr.type == IFGW_MSG_DISPUTE_NOTICE)
		kind = IFGW_LEDGER_EV_DISPUTE;
	else if (d->status == IFGW_DISPUTE_SETTLED)
		kind = IFGW_LEDGER_EV_SETTLE;
	else if (sender_role == IFGW_ROLE_EXPORT_FACTOR)
		kind = IFGW_LEDGER_EV_DISPUTE_INFO;
	else
		return IFGW_OK; /* the import factor says it is still open: nothing changes */
	for (i = 0; i < d->n_items; i++) {
		const struct ifgw_dispute_item *it = &d->items[i];

		if (it->doc_type != IFGW_DOC_INVOICE)
			continue;
		if ((rc = add(s, &st, IFGW_INBOUND_APPLY, IFGW_LEDGER_THING_INVOICE, it->doc_nr, i, kind)) != IFGW_OK)
			return rc;
		if (kind == IFGW_LEDGER_EV_DISPUTE) {
			if ((rc = amount_ok(s, &it->disputed, "disputed", it->doc_nr)) != IFGW_OK)
				return rc;
			st->ev.amount = it->disputed;
		} else if (kind == IFGW_LEDGER_EV_SETTLE) {
			if (it->instruction != IFGW_LEDGER_SETTLED_FOR_SELLER &&
			    it->instruction != IFGW_LEDGER_SETTLED_FOR_DEBTOR)
				return ifgw_error_set(IFGW_EINVAL,
						      "message %s: DisputeStatus: settled dispute of %s names no outcome "
						      "(Instruction 1: for the seller, 2: for the debtor)",
						      s->m->hdr.id, it->doc_nr);
			st->ev.outcome = it->instruction;
		}
	}
	return IFGW_OK;
}

/* --- the export factor's messages, to this node's import books */

static int seller_registration(struct steps *s)
{
	struct ifgw_inbound_step *st;

	return add(s, &st, IFGW_INBOUND_NEW_SELLER, IFGW_LEDGER_THING_SELLER,
		   s->m->body.seller_registration.seller.nr, 0, IFGW_LEDGER_EV_SELLER_REGISTER);
}

static int cover_request(struct steps *s)
{
	const struct ifgw_cover_request *r = &s->m->body.cover_request;
	struct ifgw_inbound_step *st;
	int rc;

	switch (r->kind) {
	case IFGW_COVER_NEW:
		/* a reminder repeats the request: the first one is in the books */
		if (r->reminder)
			return unsupported(s, "reminder");
		if ((rc = amount_ok(s, &r->amount, "amount", r->request_nr)) != IFGW_OK ||
		    (rc = add(s, &st, IFGW_INBOUND_NEW_COVER, IFGW_LEDGER_THING_COVER, r->request_nr, 0,
			      IFGW_LEDGER_EV_COVER_REQUEST)) != IFGW_OK)
			return rc;
		st->ev.amount = r->amount;
		return IFGW_OK;
	case IFGW_COVER_CANCEL:
		return add(s, &st, IFGW_INBOUND_APPLY, IFGW_LEDGER_THING_COVER,
			   r->cover_nr[0] ? r->cover_nr : r->request_nr, 0, IFGW_LEDGER_EV_COVER_CANCEL);
	case IFGW_COVER_INCREASE:
	case IFGW_COVER_REDUCE:
	case IFGW_COVER_PROLONG:
	case IFGW_COVER_CHANGE_TERMS:
		/* the import factor decides and revises: its revision answers */
		if ((rc = amount_ok(s, &r->amount, "amount", r->request_nr)) != IFGW_OK ||
		    (rc = add(s, &st, IFGW_INBOUND_CHANGE_COVER, IFGW_LEDGER_THING_COVER,
			      r->cover_nr[0] ? r->cover_nr : r->request_nr, 0, IFGW_LEDGER_EV_COVER_REVISE)) != IFGW_OK)
			return rc;
		st->ev.amount = r->amount;
		st->ev.date = r->expiry_date;
		return IFGW_OK;
	default:
		return unsupported(s, "kind of cover request");
	}
}

static int assignment_batch(struct steps *s)
{
	const struct ifgw_assignment_batch *a = &s->m->body.batch;
	struct ifgw_inbound_step *st;
	size_t i;
	int rc;

	for (i = 0; i < a->n_items; i++) {
		const struct ifgw_invoice *it = &a->items[i];

		if ((rc = amount_ok(s, &it->amount, "amount", it->number)) != IFGW_OK)
			return rc;
		if (it->doc_type == IFGW_DOC_INVOICE) {
			rc = add(s, &st, IFGW_INBOUND_NEW_INVOICE, IFGW_LEDGER_THING_INVOICE, it->number, i,
				 IFGW_LEDGER_EV_ASSIGN);
		} else if (it->doc_type == IFGW_DOC_CREDIT_NOTE) {
			/* a credit note lowers the invoice it corrects */
			if (!it->invoice_ref[0])
				return ifgw_error_set(IFGW_EINVAL, "message %s: credit note %s names no invoice",
						      s->m->hdr.id, it->number);
			if ((rc = add(s, &st, IFGW_INBOUND_APPLY, IFGW_LEDGER_THING_INVOICE, it->invoice_ref, i,
				      IFGW_LEDGER_EV_CREDIT)) == IFGW_OK)
				st->ev.amount = it->amount;
		} else {
			rc = unsupported(s, "document type");
		}
		if (rc != IFGW_OK)
			return rc;
	}
	return IFGW_OK;
}

int ifgw_inbound_map(struct ifgw_inbound_step **out, size_t *n, const struct ifgw_msg *m, int sender_role)
{
	struct steps s;
	int rc;

	IFGW_ASSERT_ARG(out && n && m);
	*out = NULL;
	*n = 0;
	memset(&s, 0, sizeof(s));
	s.m = m;
	switch (m->hdr.type) {
	case IFGW_MSG_COVER_RESPONSE:
	case IFGW_MSG_COVER_REVISION:
		rc = cover_answer(&s);
		break;
	case IFGW_MSG_ASSIGNMENT_STATUS:
		rc = assignment_status(&s);
		break;
	case IFGW_MSG_PAYMENT:
	case IFGW_MSG_INDIRECT_PAYMENT:
		rc = payment(&s, IFGW_LEDGER_EV_PAY);
		break;
	case IFGW_MSG_GUARANTEE_PAYMENT:
		rc = payment(&s, IFGW_LEDGER_EV_GUARANTEE_PAY);
		break;
	case IFGW_MSG_CHARGEBACK:
		rc = chargeback(&s);
		break;
	case IFGW_MSG_DISPUTE_NOTICE:
	case IFGW_MSG_DISPUTE_STATUS:
		rc = dispute(&s, sender_role);
		break;
	case IFGW_MSG_SELLER_REGISTRATION:
		rc = seller_registration(&s);
		break;
	case IFGW_MSG_COVER_REQUEST:
		rc = cover_request(&s);
		break;
	case IFGW_MSG_ASSIGNMENT_BATCH:
		rc = assignment_batch(&s);
		break;
	case IFGW_MSG_FREE_TEXT:
	case IFGW_MSG_REMITTANCE:
		rc = IFGW_OK; /* on record in the inbox; no thing changes */
		break;
	default:
		rc = unsupported(&s, "message");
		break;
	}
	/* the type fixes who sends it; the role given must agree */
	if (rc == IFGW_OK && ifgw_msg_sender_role(m) && sender_role != ifgw_msg_sender_role(m))
		rc = ifgw_error_set(IFGW_EINVAL, "message %s: %s comes from the %s factor, not the %s factor", m->hdr.id,
				    ifgw_msg_type_name(m->hdr.type),
				    ifgw_msg_sender_role(m) == IFGW_ROLE_EXPORT_FACTOR ? "export" : "import",
				    sender_role == IFGW_ROLE_EXPORT_FACTOR ? "export" : "import");
	if (rc != IFGW_OK) {
		free(s.v);
		return rc;
	}
	*out = s.v;
	*n = s.n;
	return IFGW_OK;
}
