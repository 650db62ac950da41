/* compose.c: a ledger outbox row to its canonical message (compose.h,
 * docs/outbox.md says what each row becomes and where each field comes
 * from). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#include "currency/iso4217.h"
#include "gateway/node/compose.h"
#include "model/model.h"

/* FCI codes whose meaning is public (model/codes.h lists the sets). */
#define COVER_REASON_OTHER 99 /* FCI Reason 99: other (the decision's reason is in the ledger's log) */
#define DISPUTE_STATUS_OPEN 1 /* FCI DisputeStatus 1: open (3 is settled) */

int ifgw_compose_msg_id(char out[IFGW_ID_SIZE], const char *own, const char *partner, uint64_t seq)
{
	int n;

	IFGW_ASSERT_ARG(out && own && partner);
	n = snprintf(out, IFGW_ID_SIZE, "%s-%s-%llu", own, partner, (unsigned long long)seq);
	if (n < 0 || n > IFGW_ID_CHARS) {
		out[0] = '\0';
		return ifgw_error_set(IFGW_EINVAL, "compose: message id %s-%s-%llu is longer than %d characters", own,
				      partner, (unsigned long long)seq, IFGW_ID_CHARS);
	}
	return IFGW_OK;
}

int ifgw_compose_role(const struct ifgw_config *cfg, const char *seller)
{
	return cfg && seller && ifgw_config_seller(cfg, seller) ? IFGW_ROLE_EXPORT_FACTOR : IFGW_ROLE_IMPORT_FACTOR;
}

/* --- small helpers */

static struct ifgw_money money(int64_t minor, const struct ifgw_currency *ccy)
{
	struct ifgw_money m = {minor, ccy};

	return m;
}

static int32_t today(const struct ifgw_compose_src *src)
{
	return ifgw_datetime_date(src->now);
}

static int set_text(char *dst, size_t size, const char *text, const char *what, const char *thing)
{
	int rc = ifgw_text_set(dst, size, text, strlen(text));

	return rc == IFGW_OK ? rc : ifgw_error_wrap(rc, "compose: %s: %s", thing, what);
}

/* A document of kind/id as a message of `type`; IFGW_ENOTFOUND (kept from
 * the store) when there is none. */
static int load_doc(struct ifgw_msg **out, const struct ifgw_compose_src *src, const char *kind, const char *id,
		    int type)
{
	unsigned char *body = NULL;
	size_t len = 0;
	char name[IFGW_STORE_DOC_KIND_SIZE + IFGW_ID_SIZE + 16];
	int rc;

	*out = NULL;
	if ((rc = ifgw_store_document_get(src->book->store, kind, id, &body, &len, NULL)) != IFGW_OK)
		return rc;
	snprintf(name, sizeof(name), "document %s:%s", kind, id);
	if ((rc = ifgw_msg_read_xml(out, (const char *)body, len, name)) != IFGW_OK)
		rc = ifgw_error_wrap(rc, "compose: %s", name);
	else if ((*out)->hdr.type != type)
		rc = ifgw_error_set(IFGW_EINVAL, "compose: %s is a %s, not a %s", name,
				    ifgw_msg_type_name((*out)->hdr.type), ifgw_msg_type_name(type));
	free(body);
	if (rc != IFGW_OK) {
		ifgw_msg_free(*out);
		*out = NULL;
	}
	return rc;
}

/* load_doc for a document that may be missing: *found 0 and IFGW_OK when
 * the store holds none, leaving the caller's pending error as it was. */
static int load_doc_if_any(struct ifgw_msg **out, int *found, const struct ifgw_compose_src *src, const char *kind,
			   const char *id, int type)
{
	struct ifgw_error kept;
	int rc;

	ifgw_error_save(&kept);
	rc = load_doc(out, src, kind, id, type);
	*found = rc == IFGW_OK;
	if (rc == IFGW_OK || rc == IFGW_ENOTFOUND || kept.code != IFGW_OK) {
		ifgw_error_restore(&kept);
		if (rc == IFGW_ENOTFOUND)
			rc = IFGW_OK;
	}
	return rc;
}

/* The invoice as received (the one item of its document), and the batch it
 * came in (number, date).  IFGW_ENOTFOUND when the store holds none. */
static int load_invoice_doc(struct ifgw_invoice *out, char batch_nr[IFGW_ID_SIZE], int32_t *batch_date,
			    const struct ifgw_compose_src *src, const char *id)
{
	struct ifgw_msg *d = NULL;
	int rc;

	if ((rc = load_doc(&d, src, IFGW_STORE_DOC_INVOICE, id, IFGW_MSG_ASSIGNMENT_BATCH)) != IFGW_OK)
		return rc;
	if (d->body.batch.n_items != 1) {
		rc = ifgw_error_set(IFGW_EINVAL, "compose: document invoice:%s holds %zu documents, not one", id,
				    d->body.batch.n_items);
	} else {
		*out = d->body.batch.items[0];
		if (batch_nr)
			memcpy(batch_nr, d->body.batch.batch_nr, IFGW_ID_SIZE);
		if (batch_date)
			*batch_date = d->body.batch.batch_date;
	}
	ifgw_msg_free(d);
	return rc;
}

/* The invoice's number and issue date as the partner knows them: from its
 * document when the store holds one, else its id and no date. */
static int invoice_ref(char nr[IFGW_ID_SIZE], int32_t *issued, const struct ifgw_compose_src *src, const char *id)
{
	struct ifgw_msg *d = NULL;
	int rc, found = 0;

	if ((rc = load_doc_if_any(&d, &found, src, IFGW_STORE_DOC_INVOICE, id, IFGW_MSG_ASSIGNMENT_BATCH)) != IFGW_OK)
		return rc;
	if (found && d->body.batch.n_items == 1) {
		memcpy(nr, d->body.batch.items[0].number, IFGW_ID_SIZE);
		*issued = d->body.batch.items[0].issue_date;
		ifgw_msg_free(d);
		return IFGW_OK;
	}
	ifgw_msg_free(d);
	*issued = IFGW_DATE_NONE;
	return set_text(nr, IFGW_ID_SIZE, id, "invoice number", id);
}

static int load_invoice(struct ifgw_ledger_invoice *inv, const struct ifgw_compose_src *src, const char *id)
{
	int rc = ifgw_book_load_invoice(src->book, id, inv);

	return rc == IFGW_OK ? rc : ifgw_error_wrap(rc, "compose: invoice %s", id);
}

static int load_cover(struct ifgw_ledger_cover *c, const struct ifgw_compose_src *src, const char *id)
{
	int rc = ifgw_book_load_cover(src->book, id, c);

	return rc == IFGW_OK ? rc : ifgw_error_wrap(rc, "compose: cover %s", id);
}

/* The header: from this node to the row's partner, the corridor's sequence,
 * the id made from both.  sender_role is written only when it is not what
 * the type implies (the adapters keep it only then). */
static int header(struct ifgw_msg *m, const struct ifgw_compose_src *src, const char *partner, int role)
{
	struct ifgw_msg_header *h = &m->hdr;
	struct ifgw_msg *fresh = NULL;
	int rc;

	/* Every field absent first (a document's header is the sender's, not ours). */
	if ((rc = ifgw_msg_new(&fresh, h->type)) != IFGW_OK)
		return rc;
	*h = fresh->hdr;
	ifgw_msg_free(fresh);
	if ((rc = ifgw_compose_msg_id(h->id, src->cfg->code, partner, src->seq)) != IFGW_OK)
		return rc;
	/* Factor codes are fixed-length ASCII (the model checks their form). */
	if (strlen(src->cfg->code) >= sizeof(h->sender.code) || strlen(partner) >= sizeof(h->receiver.code))
		return ifgw_error_set(IFGW_EINVAL, "compose: %s: factor code %s or %s is not one", h->id, src->cfg->code,
				      partner);
	memcpy(h->sender.code, src->cfg->code, strlen(src->cfg->code) + 1);
	memcpy(h->receiver.code, partner, strlen(partner) + 1);
	if (src->related_id && src->related_id[0] &&
	    (rc = set_text(h->related_id, sizeof(h->related_id), src->related_id, "related message id", h->id)) != IFGW_OK)
		return rc;
	h->seq = src->seq;
	h->created = src->now;
	memcpy(h->created_by, "ifgw", 5); /* the node made it, not a person */
	if (ifgw_msg_sender_role(m) != role)
		h->sender_role = role;
	return IFGW_OK;
}

static int new_msg(struct ifgw_msg **out, int type, const struct ifgw_compose_src *src, const char *partner, int role)
{
	int rc;

	if ((rc = ifgw_msg_new(out, type)) != IFGW_OK)
		return rc;
	return header(*out, src, partner, role);
}

/* --- one builder per message type */

/* The seller as presented: its document in the store, else the file its
 * configuration names (Seller/Registration); under today's header and date. */
static int seller_registration(struct ifgw_msg **out, const struct ifgw_compose_src *src,
			       const struct ifgw_ledger_outbox_row *row)
{
	const struct ifgw_config_seller *cs = ifgw_config_seller(src->cfg, row->subject);
	struct ifgw_seller_registration *r;
	int rc, found = 0;

	if ((rc = load_doc_if_any(out, &found, src, IFGW_COMPOSE_DOC_SELLER, row->subject,
				  IFGW_MSG_SELLER_REGISTRATION)) != IFGW_OK)
		return rc;
	if (!found && (!cs || !cs->registration))
		return ifgw_error_set(IFGW_ENOTFOUND,
				      "compose: seller %s: a registration needs its address and business figures: no "
				      "document %s:%s in the store and no Seller/Registration file in the configuration",
				      row->subject, IFGW_COMPOSE_DOC_SELLER, row->subject);
	if (!found && (rc = ifgw_msg_read_file(out, cs->registration)) != IFGW_OK)
		return ifgw_error_wrap(rc, "compose: seller %s: Registration", row->subject);
	if ((*out)->hdr.type != IFGW_MSG_SELLER_REGISTRATION)
		return ifgw_error_set(IFGW_EINVAL, "compose: seller %s: %s is a %s, not a SellerRegistration", row->subject,
				      found ? "its document" : cs->registration, ifgw_msg_type_name((*out)->hdr.type));
	r = &(*out)->body.seller_registration;
	if (r->seller.nr[0] && strcmp(r->seller.nr, row->subject) != 0)
		return ifgw_error_set(IFGW_EINVAL, "compose: seller %s: its registration presents seller %s", row->subject,
				      r->seller.nr);
	if ((rc = set_text(r->seller.nr, sizeof(r->seller.nr), row->subject, "seller number", row->subject)) != IFGW_OK)
		return rc;
	r->date = today(src);
	return header(*out, src, row->to_id, IFGW_ROLE_EXPORT_FACTOR);
}

/* The export factor asks: a new cover (the application's document gives
 * the buyer), a change (REVISE) or a cancellation. */
static int cover_request(struct ifgw_msg **out, const struct ifgw_compose_src *src,
			 const struct ifgw_ledger_outbox_row *row, const struct ifgw_ledger_event *ev)
{
	struct ifgw_ledger_cover c;
	struct ifgw_cover_request *r;
	const struct ifgw_currency *ccy;
	int rc, kind;

	if ((rc = load_cover(&c, src, row->subject)) != IFGW_OK)
		return rc;
	ccy = c.requested.ccy;
	kind = ev->kind == IFGW_LEDGER_EV_COVER_CANCEL   ? IFGW_COVER_CANCEL
	       : ev->kind == IFGW_LEDGER_EV_COVER_REVISE ? (c.granted.minor >= c.requested.minor ? IFGW_COVER_INCREASE
												 : IFGW_COVER_REDUCE)
							 : IFGW_COVER_NEW;
	/* A change names the cover and its parties only: the application's
	 * details (contact, bank, terms) went with the new request. */
	if (kind != IFGW_COVER_NEW)
		rc = ifgw_msg_new(out, IFGW_MSG_COVER_REQUEST);
	else if ((rc = load_doc(out, src, IFGW_COMPOSE_DOC_COVER, c.id, IFGW_MSG_COVER_REQUEST)) != IFGW_OK)
		rc = ifgw_error_wrap(rc, "compose: cover %s: a new cover request needs the buyer's name and country", c.id);
	if (rc != IFGW_OK)
		return rc;
	r = &(*out)->body.cover_request;
	r->kind = kind;
	r->reminder = 0;
	r->function = 0;
	r->request_code = 0;
	if ((rc = set_text(r->request_nr, sizeof(r->request_nr), c.id, "request number", c.id)) != IFGW_OK ||
	    (rc = set_text(r->seller.nr, sizeof(r->seller.nr), c.seller, "seller", c.id)) != IFGW_OK ||
	    (rc = set_text(r->buyer.nr, sizeof(r->buyer.nr), c.debtor, "debtor", c.id)) != IFGW_OK)
		return rc;
	r->request_date = today(src);
	r->amount = money(kind == IFGW_COVER_NEW ? c.requested.minor : c.granted.minor, ccy);
	if (kind != IFGW_COVER_NEW) {
		/* The cover as applied for: the ledger keeps no earlier granted
		 * amount (docs/outbox.md). */
		if ((rc = set_text(r->cover_nr, sizeof(r->cover_nr), c.id, "cover number", c.id)) != IFGW_OK)
			return rc;
		r->current_amount = c.requested;
		if (c.expiry != IFGW_DATE_NONE)
			r->expiry_date = c.expiry;
	}
	return header(*out, src, row->to_id, IFGW_ROLE_EXPORT_FACTOR);
}

/* The import factor answers a request (COVER_RESPONSE) or changes a cover
 * on its own (COVER_REVISION). */
static int cover_answer(struct ifgw_msg **out, const struct ifgw_compose_src *src,
			const struct ifgw_ledger_outbox_row *row, const struct ifgw_ledger_event *ev)
{
	struct ifgw_ledger_cover c;
	struct ifgw_cover_response *r;
	struct ifgw_msg *asked = NULL;
	int rc, found = 0;

	if ((rc = load_cover(&c, src, row->subject)) != IFGW_OK ||
	    (rc = new_msg(out, row->msg_type, src, row->to_id, IFGW_ROLE_IMPORT_FACTOR)) != IFGW_OK)
		return rc;
	r = &(*out)->body.cover_response;
	if ((rc = set_text(r->cover_nr, sizeof(r->cover_nr), c.id, "cover number", c.id)) != IFGW_OK ||
	    (rc = set_text(r->seller.nr, sizeof(r->seller.nr), c.seller, "seller", c.id)) != IFGW_OK ||
	    (rc = set_text(r->buyer.nr, sizeof(r->buyer.nr), c.debtor, "debtor", c.id)) != IFGW_OK)
		return rc;
	r->reply_date = today(src);
	r->amount = money(c.granted.minor, c.requested.ccy);
	if (c.expiry != IFGW_DATE_NONE)
		r->expiry_date = c.expiry;
	if (row->msg_type == IFGW_MSG_COVER_REVISION) {
		r->decision = c.granted.minor > 0 ? IFGW_COVER_APPROVED : IFGW_COVER_CANCELLED;
		r->request_kind = ev->kind == IFGW_LEDGER_EV_COVER_CANCEL         ? IFGW_COVER_CANCEL
				  : c.granted.minor >= c.requested.minor ? IFGW_COVER_INCREASE
									 : IFGW_COVER_REDUCE;
		r->current_amount = c.requested;
		return IFGW_OK;
	}
	/* The request answered, as received when the import role kept it. */
	r->request_kind = IFGW_COVER_NEW;
	r->request_date = ifgw_datetime_date(c.requested_at);
	if ((rc = load_doc_if_any(&asked, &found, src, IFGW_COMPOSE_DOC_COVER, c.id, IFGW_MSG_COVER_REQUEST)) != IFGW_OK)
		return rc;
	if (found) {
		/* The parties as the request named them (MSG06 names both). */
		r->request_kind = asked->body.cover_request.kind;
		r->request_date = asked->body.cover_request.request_date;
		r->seller = asked->body.cover_request.seller;
		r->buyer = asked->body.cover_request.buyer;
		memcpy(r->seller.nr, c.seller, sizeof(r->seller.nr));
		memcpy(r->buyer.nr, c.debtor, sizeof(r->buyer.nr));
	}
	ifgw_msg_free(asked);
	if ((rc = set_text(r->request_nr, sizeof(r->request_nr), c.id, "request number", c.id)) != IFGW_OK)
		return rc;
	switch (ev->kind) {
	case IFGW_LEDGER_EV_COVER_APPROVE:
		r->decision = c.granted.minor == c.requested.minor ? IFGW_COVER_APPROVED : IFGW_COVER_PARTLY_APPROVED;
		break;
	case IFGW_LEDGER_EV_COVER_DECLINE:
		r->decision = IFGW_COVER_DECLINED;
		r->amount.minor = 0;
		break;
	case IFGW_LEDGER_EV_COVER_PENDING:
		r->decision = IFGW_COVER_PENDING;
		r->amount.minor = 0;
		break;
	case IFGW_LEDGER_EV_COVER_CANCEL:
		r->decision = IFGW_COVER_CANCELLED;
		r->amount.minor = 0;
		break;
	default:
		return ifgw_error_set(IFGW_EUNSUPPORTED, "compose: cover %s: no cover response answers a %s", c.id,
				      ifgw_ledger_event_name(ev->kind));
	}
	if (r->decision == IFGW_COVER_PARTLY_APPROVED || r->decision == IFGW_COVER_DECLINED)
		r->reason = COVER_REASON_OTHER;
	return IFGW_OK;
}

/* One item of a batch: the invoice as received, or a credit note of `v`
 * on it dated today. */
static int batch_item(struct ifgw_msg *m, const struct ifgw_compose_src *src, const struct ifgw_ledger_outbox_row *row,
		      const struct ifgw_ledger_event *ev)
{
	struct ifgw_invoice doc, *it;
	size_t pos = m->body.batch.n_items + 1;
	char nr[IFGW_ID_SIZE + 48];
	int rc, len;

	ifgw_invoice_init(&doc);
	if ((rc = load_invoice_doc(&doc, NULL, NULL, src, row->subject)) != IFGW_OK)
		return ifgw_error_wrap(rc, "compose: invoice %s: the invoice as received", row->subject);
	if ((rc = ifgw_msg_add_item((void **)&it, m)) != IFGW_OK)
		return rc;
	if (ev->kind != IFGW_LEDGER_EV_CREDIT) {
		*it = doc;
		ifgw_party_init(&it->seller); /* the batch names the seller */
		return IFGW_OK;
	}
	/* A credit note: numbered after the invoice, this message's sequence
	 * and its place in the batch (unique in the corridor); the partner's
	 * code instead of the invoice number when that would not fit. */
	it->doc_type = IFGW_DOC_CREDIT_NOTE;
	len = snprintf(nr, sizeof(nr), "%s-CN%llu-%zu", doc.number, (unsigned long long)src->seq, pos);
	if (len < 0 || len > IFGW_ID_CHARS)
		len = snprintf(nr, sizeof(nr), "CN-%s-%llu-%zu", row->to_id, (unsigned long long)src->seq, pos);
	if (len < 0 || len > IFGW_ID_CHARS)
		return ifgw_error_set(IFGW_EINVAL, "compose: invoice %s: no credit note number fits %d characters",
				      row->subject, IFGW_ID_CHARS);
	memcpy(it->number, nr, (size_t)len + 1);
	it->issue_date = today(src);
	it->due_date = doc.due_date > it->issue_date ? doc.due_date : it->issue_date;
	it->amount = money(row->amount.minor, doc.amount.ccy);
	it->buyer = doc.buyer;
	memcpy(it->invoice_ref, doc.number, sizeof(it->invoice_ref));
	return IFGW_OK;
}

int ifgw_compose_batch(struct ifgw_msg **out, const struct ifgw_compose_src *src,
		       const struct ifgw_ledger_outbox_row *rows, const struct ifgw_ledger_event *evs, size_t n)
{
	const struct ifgw_config_seller *cs;
	struct ifgw_ledger_invoice first, inv;
	struct ifgw_assignment_batch *b;
	struct ifgw_msg *m = NULL;
	size_t i;
	int rc;

	IFGW_ASSERT_ARG(out && src && src->book && src->cfg && rows && evs && n > 0);
	*out = NULL;
	if ((rc = load_invoice(&first, src, rows[0].subject)) != IFGW_OK ||
	    (rc = new_msg(&m, IFGW_MSG_ASSIGNMENT_BATCH, src, rows[0].to_id, IFGW_ROLE_EXPORT_FACTOR)) != IFGW_OK)
		goto out;
	b = &m->body.batch;
	if ((rc = set_text(b->batch_nr, sizeof(b->batch_nr), m->hdr.id, "batch number", rows[0].subject)) != IFGW_OK ||
	    (rc = set_text(b->seller.nr, sizeof(b->seller.nr), first.seller, "seller", rows[0].subject)) != IFGW_OK)
		goto out;
	if ((cs = ifgw_config_seller(src->cfg, first.seller)) != NULL &&
	    (rc = set_text(b->seller.name, sizeof(b->seller.name), cs->name, "seller name", first.seller)) != IFGW_OK)
		goto out;
	b->batch_date = today(src);
	for (i = 0; i < n; i++) {
		if ((rc = load_invoice(&inv, src, rows[i].subject)) != IFGW_OK)
			goto out;
		if (rows[i].msg_type != IFGW_MSG_ASSIGNMENT_BATCH || strcmp(rows[i].to_id, rows[0].to_id) != 0 ||
		    strcmp(inv.seller, first.seller) != 0 || inv.amount.ccy != first.amount.ccy) {
			rc = ifgw_error_set(IFGW_EINVAL, "compose: invoice %s does not belong in the batch of %s (one "
							 "partner, seller and currency)",
					    rows[i].subject, rows[0].subject);
			goto out;
		}
		if ((rc = batch_item(m, src, &rows[i], &evs[i])) != IFGW_OK)
			goto out;
	}
	if ((rc = ifgw_msg_compute_totals(m)) != IFGW_OK)
		goto out;
	if ((rc = ifgw_msg_check(m)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "compose: batch of %s", rows[0].subject);
		goto out;
	}
	*out = m;
	m = NULL;
out:
	ifgw_msg_free(m);
	return rc;
}

/* One item of a status: an invoice as received, accepted (with its
 * approved amount) or rejected.  *batch_nr / *batch_date: its batch. */
static int status_item(struct ifgw_msg *m, char batch_nr[IFGW_ID_SIZE], int32_t *batch_date,
		       const struct ifgw_compose_src *src, const struct ifgw_ledger_outbox_row *row,
		       const struct ifgw_ledger_event *ev)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_assignment_item *it;
	struct ifgw_invoice doc;
	int rc;

	ifgw_invoice_init(&doc);
	if ((rc = load_invoice(&inv, src, row->subject)) != IFGW_OK)
		return rc;
	if ((rc = load_invoice_doc(&doc, batch_nr, batch_date, src, row->subject)) != IFGW_OK)
		return ifgw_error_wrap(rc, "compose: invoice %s: the invoice as received and its batch", row->subject);
	if ((rc = ifgw_msg_add_item((void **)&it, m)) != IFGW_OK)
		return rc;
	it->doc_type = doc.doc_type;
	memcpy(it->number, doc.number, sizeof(it->number));
	it->issue_date = doc.issue_date;
	it->amount = doc.amount;
	if (ev->kind == IFGW_LEDGER_EV_REJECT) {
		it->status = IFGW_ITEM_REJECTED;
		snprintf(it->reason_text, sizeof(it->reason_text), "%s", "rejected by the import factor");
	} else {
		it->status = IFGW_ITEM_ACCEPTED;
		it->approved_amount = money(inv.approved.minor, doc.amount.ccy);
	}
	return IFGW_OK;
}

int ifgw_compose_status(struct ifgw_msg **out, const struct ifgw_compose_src *src,
			const struct ifgw_ledger_outbox_row *rows, const struct ifgw_ledger_event *evs, size_t n)
{
	struct ifgw_assignment_status *st;
	struct ifgw_msg *m = NULL;
	char batch_nr[IFGW_ID_SIZE], first[IFGW_ID_SIZE];
	int32_t batch_date = IFGW_DATE_NONE;
	size_t i, accepted = 0;
	int rc;

	IFGW_ASSERT_ARG(out && src && src->book && src->cfg && rows && evs && n > 0);
	*out = NULL;
	if ((rc = new_msg(&m, IFGW_MSG_ASSIGNMENT_STATUS, src, rows[0].to_id, IFGW_ROLE_IMPORT_FACTOR)) != IFGW_OK)
		goto out;
	st = &m->body.assignment_status;
	for (i = 0; i < n; i++) {
		if (rows[i].msg_type != IFGW_MSG_ASSIGNMENT_STATUS || strcmp(rows[i].to_id, rows[0].to_id) != 0) {
			rc = ifgw_error_set(IFGW_EINVAL, "compose: the status of %s does not belong with %s's", rows[i].subject,
					    rows[0].subject);
			goto out;
		}
		if ((rc = status_item(m, batch_nr, &batch_date, src, &rows[i], &evs[i])) != IFGW_OK)
			goto out;
		if (i == 0) {
			memcpy(first, batch_nr, sizeof(first));
			memcpy(st->batch_nr, batch_nr, sizeof(st->batch_nr));
			st->batch_date = batch_date;
		} else if (strcmp(first, batch_nr) != 0) {
			rc = ifgw_error_set(IFGW_EINVAL, "compose: invoice %s came in batch %s, not %s", rows[i].subject,
					    batch_nr, first);
			goto out;
		}
		accepted += st->items[i].status == IFGW_ITEM_ACCEPTED;
	}
	st->status_date = today(src);
	st->status = accepted == n ? IFGW_ITEM_ACCEPTED : accepted == 0 ? IFGW_ITEM_REJECTED : IFGW_ITEM_PARTLY_ACCEPTED;
	if ((rc = ifgw_msg_check(m)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "compose: status of %s", rows[0].subject);
		goto out;
	}
	*out = m;
	m = NULL;
out:
	ifgw_msg_free(m);
	return rc;
}

int ifgw_compose_held(int msg_type)
{
	return msg_type == IFGW_MSG_ASSIGNMENT_BATCH || msg_type == IFGW_MSG_ASSIGNMENT_STATUS;
}

int ifgw_compose_group_key(char out[IFGW_COMPOSE_KEY_SIZE], const struct ifgw_compose_src *src,
			   const struct ifgw_ledger_outbox_row *row)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_invoice doc;
	char batch_nr[IFGW_ID_SIZE];
	int rc;

	IFGW_ASSERT_ARG(out && src && src->book && row);
	out[0] = '\0';
	if (row->msg_type == IFGW_MSG_ASSIGNMENT_STATUS) {
		ifgw_invoice_init(&doc);
		if ((rc = load_invoice_doc(&doc, batch_nr, NULL, src, row->subject)) != IFGW_OK)
			return ifgw_error_wrap(rc, "compose: invoice %s: the invoice as received and its batch",
					       row->subject);
		snprintf(out, IFGW_COMPOSE_KEY_SIZE, "%d %s %s", row->msg_type, row->to_id, batch_nr);
		return IFGW_OK;
	}
	if ((rc = load_invoice(&inv, src, row->subject)) != IFGW_OK)
		return rc;
	snprintf(out, IFGW_COMPOSE_KEY_SIZE, "%d %s %s %s", row->msg_type, row->to_id, inv.seller,
		 inv.amount.ccy ? inv.amount.ccy->code : "");
	return IFGW_OK;
}

/* PAYMENT (the debtor paid the import factor), INDIRECT_PAYMENT (paid the
 * export factor), GUARANTEE_PAYMENT: one line of the row's amount. */
static int payment(struct ifgw_msg **out, const struct ifgw_compose_src *src, const struct ifgw_ledger_outbox_row *row)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_payment *p;
	struct ifgw_payment_item *it;
	const struct ifgw_currency *ccy;
	int rc;

	if ((rc = load_invoice(&inv, src, row->subject)) != IFGW_OK ||
	    (rc = new_msg(out, row->msg_type, src, row->to_id, ifgw_compose_role(src->cfg, inv.seller))) != IFGW_OK)
		return rc;
	ccy = inv.amount.ccy;
	p = &(*out)->body.payment;
	if ((rc = set_text(p->batch_nr, sizeof(p->batch_nr), (*out)->hdr.id, "batch number", inv.id)) != IFGW_OK ||
	    (rc = set_text(p->seller.nr, sizeof(p->seller.nr), inv.seller, "seller", inv.id)) != IFGW_OK)
		return rc;
	p->batch_date = today(src);
	p->currency = ccy;
	if ((rc = ifgw_msg_add_item((void **)&it, *out)) != IFGW_OK)
		return rc;
	if ((rc = set_text(it->buyer.nr, sizeof(it->buyer.nr), inv.debtor, "debtor", inv.id)) != IFGW_OK ||
	    (rc = invoice_ref(it->doc_nr, &it->doc_date, src, inv.id)) != IFGW_OK)
		return rc;
	it->doc_paid = IFGW_DOC_INVOICE;
	it->doc_amount = inv.amount;
	it->paid = money(row->amount.minor, ccy);
	it->bank_charge = money(0, ccy);
	it->pay_date = today(src);
	if (row->msg_type != IFGW_MSG_GUARANTEE_PAYMENT)
		it->pay_type = inv.outstanding.minor == 0 ? IFGW_PAY_FULL : IFGW_PAY_PARTIAL;
	return ifgw_msg_compute_totals(*out);
}

/* DISPUTE_NOTICE (raised) and DISPUTE_STATUS (information supplied,
 * settled): either factor sends them. */
static int dispute(struct ifgw_msg **out, const struct ifgw_compose_src *src, const struct ifgw_ledger_outbox_row *row,
		   const struct ifgw_ledger_event *ev)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_dispute *d;
	struct ifgw_dispute_item *it;
	int rc;

	if ((rc = load_invoice(&inv, src, row->subject)) != IFGW_OK ||
	    (rc = new_msg(out, row->msg_type, src, row->to_id, ifgw_compose_role(src->cfg, inv.seller))) != IFGW_OK)
		return rc;
	d = &(*out)->body.dispute;
	/* One dispute at a time per invoice: the invoice names it. */
	if ((rc = set_text(d->dispute_nr, sizeof(d->dispute_nr), inv.id, "dispute number", inv.id)) != IFGW_OK ||
	    (rc = set_text(d->seller.nr, sizeof(d->seller.nr), inv.seller, "seller", inv.id)) != IFGW_OK ||
	    (rc = set_text(d->buyer.nr, sizeof(d->buyer.nr), inv.debtor, "debtor", inv.id)) != IFGW_OK)
		return rc;
	d->date = today(src);
	d->origin_date = ifgw_datetime_date(inv.dispute.raised_at);
	d->currency = inv.amount.ccy;
	if (row->msg_type == IFGW_MSG_DISPUTE_STATUS) {
		d->status = ev->kind == IFGW_LEDGER_EV_SETTLE ? IFGW_DISPUTE_SETTLED : DISPUTE_STATUS_OPEN;
		if (d->status == IFGW_DISPUTE_SETTLED)
			d->settlement_date = d->date;
	}
	if ((rc = ifgw_msg_add_item((void **)&it, *out)) != IFGW_OK)
		return rc;
	it->doc_type = IFGW_DOC_INVOICE;
	if ((rc = invoice_ref(it->doc_nr, &it->doc_date, src, inv.id)) != IFGW_OK ||
	    (rc = set_text(it->notified_by, sizeof(it->notified_by), ev->actor[0] ? ev->actor : "unknown", "raised by",
			   inv.id)) != IFGW_OK)
		return rc;
	it->doc_amount = inv.amount;
	it->disputed = money(row->amount.minor, inv.amount.ccy);
	it->reason = IFGW_COMPOSE_DISPUTE_REASON;
	/* a settlement's outcome: FCI Instruction 1 for the seller, 2 for the
	   debtor (enum ifgw_ledger_settlement; docs/inbound.md) */
	if (ev->kind == IFGW_LEDGER_EV_SETTLE)
		it->instruction = ev->outcome;
	return IFGW_OK;
}

static int chargeback(struct ifgw_msg **out, const struct ifgw_compose_src *src,
		      const struct ifgw_ledger_outbox_row *row)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_chargeback *c;
	struct ifgw_chargeback_item *it;
	int rc;

	if ((rc = load_invoice(&inv, src, row->subject)) != IFGW_OK ||
	    (rc = new_msg(out, IFGW_MSG_CHARGEBACK, src, row->to_id, IFGW_ROLE_IMPORT_FACTOR)) != IFGW_OK)
		return rc;
	c = &(*out)->body.chargeback;
	if ((rc = set_text(c->nr, sizeof(c->nr), (*out)->hdr.id, "charge-back number", inv.id)) != IFGW_OK ||
	    (rc = set_text(c->seller.nr, sizeof(c->seller.nr), inv.seller, "seller", inv.id)) != IFGW_OK)
		return rc;
	c->date = today(src);
	c->kind = IFGW_CHARGEBACK;
	c->currency = inv.amount.ccy;
	if ((rc = ifgw_msg_add_item((void **)&it, *out)) != IFGW_OK)
		return rc;
	if ((rc = set_text(it->buyer.nr, sizeof(it->buyer.nr), inv.debtor, "debtor", inv.id)) != IFGW_OK ||
	    (rc = invoice_ref(it->doc_nr, &it->doc_date, src, inv.id)) != IFGW_OK)
		return rc;
	it->doc_type = IFGW_DOC_INVOICE;
	it->doc_amount = inv.amount;
	it->amount = money(row->amount.minor, inv.amount.ccy);
	it->reason = IFGW_COMPOSE_DISPUTE_REASON;
	return ifgw_msg_compute_totals(*out);
}

/* The export factor reimburses a payment under guarantee (a dispute raised
 * after it): one line naming the invoice. */
static int remittance(struct ifgw_msg **out, const struct ifgw_compose_src *src,
		      const struct ifgw_ledger_outbox_row *row)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_remittance *r;
	struct ifgw_remittance_item *it;
	int32_t issued = IFGW_DATE_NONE;
	int rc;

	if ((rc = load_invoice(&inv, src, row->subject)) != IFGW_OK ||
	    (rc = new_msg(out, IFGW_MSG_REMITTANCE, src, row->to_id, ifgw_compose_role(src->cfg, inv.seller))) != IFGW_OK)
		return rc;
	r = &(*out)->body.remittance;
	if ((rc = set_text(r->remit_nr, sizeof(r->remit_nr), (*out)->hdr.id, "remittance number", inv.id)) != IFGW_OK ||
	    (rc = set_text(r->seller.nr, sizeof(r->seller.nr), inv.seller, "seller", inv.id)) != IFGW_OK)
		return rc;
	r->date = today(src);
	r->remit_date = r->date;
	r->currency = inv.amount.ccy;
	if ((rc = ifgw_msg_add_item((void **)&it, *out)) != IFGW_OK ||
	    (rc = invoice_ref(it->msg_ref, &issued, src, inv.id)) != IFGW_OK)
		return rc;
	it->msg_date = issued != IFGW_DATE_NONE ? issued : r->date;
	it->amount = money(row->amount.minor, inv.amount.ccy);
	return ifgw_msg_compute_totals(*out);
}

int ifgw_compose(struct ifgw_msg **out, const struct ifgw_compose_src *src, const struct ifgw_ledger_outbox_row *row,
		 const struct ifgw_ledger_event *ev)
{
	struct ifgw_msg *m = NULL;
	int rc;

	IFGW_ASSERT_ARG(out && src && src->book && src->cfg && row && ev);
	*out = NULL;
	if (row->to != IFGW_LEDGER_TO_PARTNER)
		return ifgw_error_set(IFGW_EINVAL, "compose: %s: a row to the seller or the debtor is a letter, not a "
						   "partner message",
				      row->subject);
	switch (row->msg_type) {
	case IFGW_MSG_SELLER_REGISTRATION:
		rc = seller_registration(&m, src, row);
		break;
	case IFGW_MSG_COVER_REQUEST:
		rc = cover_request(&m, src, row, ev);
		break;
	case IFGW_MSG_COVER_RESPONSE:
	case IFGW_MSG_COVER_REVISION:
		rc = cover_answer(&m, src, row, ev);
		break;
	case IFGW_MSG_ASSIGNMENT_BATCH:
		return ifgw_compose_batch(out, src, row, ev, 1);
	case IFGW_MSG_ASSIGNMENT_STATUS:
		return ifgw_compose_status(out, src, row, ev, 1);
	case IFGW_MSG_PAYMENT:
	case IFGW_MSG_INDIRECT_PAYMENT:
	case IFGW_MSG_GUARANTEE_PAYMENT:
		rc = payment(&m, src, row);
		break;
	case IFGW_MSG_DISPUTE_NOTICE:
	case IFGW_MSG_DISPUTE_STATUS:
		rc = dispute(&m, src, row, ev);
		break;
	case IFGW_MSG_CHARGEBACK:
		rc = chargeback(&m, src, row);
		break;
	case IFGW_MSG_REMITTANCE:
		rc = remittance(&m, src, row);
		break;
	default:
		rc = ifgw_error_set(IFGW_EUNSUPPORTED, "compose: %s: the ledger sends no %s to a partner", row->subject,
				    ifgw_msg_type_name(row->msg_type) ? ifgw_msg_type_name(row->msg_type) : "such message");
		break;
	}
	if (rc == IFGW_OK && (rc = ifgw_msg_check(m)) != IFGW_OK)
		rc = ifgw_error_wrap(rc, "compose: %s of %s", ifgw_msg_type_name(row->msg_type), row->subject);
	if (rc == IFGW_OK) {
		*out = m;
		m = NULL;
	}
	ifgw_msg_free(m);
	return rc;
}
