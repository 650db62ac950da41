/* test_model.c: the canonical message model and its XML form.
 *
 * One builder per message type makes a realistic message; every builder's
 * message must pass the checks, write to exactly the bytes of its sample in
 * tests/data/model/ (the samples are documentation too), read back equal,
 * and validate against the XSD in the tree, which must be what the field
 * tables say.  Then the refusals, each with its named reason.
 *
 * IFGW_WRITE_SAMPLES=1 rewrites the samples and IFGW_WRITE_SCHEMA=1 the
 * XSD from the code (review the diff before keeping it). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "model/model.h"
#include "testutil.h"

/* --- helpers to write builders compactly */

static int32_t D(const char *s)
{
	int32_t d = 0;

	ck_assert_ok(ifgw_date_parse(&d, s, strlen(s)));
	return d;
}

static int64_t T(const char *s)
{
	int64_t t = 0;

	ck_assert_ok(ifgw_datetime_parse(&t, s));
	return t;
}

static struct ifgw_money M(const char *amount, const char *ccy)
{
	struct ifgw_money m;
	const struct ifgw_currency *c = ifgw_currency_find(ccy);

	ck_assert_ptr_nonnull(c);
	ck_assert_ok(ifgw_money_parse(&m, amount, strlen(amount), c, NULL));
	return m;
}

static int32_t P(const char *pct)
{
	int32_t p = 0;

	ck_assert_ok(ifgw_percent_parse(&p, pct, strlen(pct)));
	return p;
}

#define SET(field, text) ck_assert_ok(IFGW_TEXT_SET(field, text, strlen(text)))

static struct ifgw_msg *new_msg(int type, const char *id, const char *from, const char *to, uint64_t seq,
				const char *when)
{
	struct ifgw_msg *m = NULL;

	ck_assert_ok(ifgw_msg_new(&m, type));
	SET(m->hdr.id, id);
	snprintf(m->hdr.sender.code, sizeof(m->hdr.sender.code), "%s", from);
	snprintf(m->hdr.receiver.code, sizeof(m->hdr.receiver.code), "%s", to);
	m->hdr.seq = seq;
	m->hdr.created = T(when);
	return m;
}

static void *add_item(struct ifgw_msg *m)
{
	void *item = NULL;

	ck_assert_ok(ifgw_msg_add_item(&item, m));
	return item;
}

/* The seller, buyers and factors of the samples. */
#define EF_CODE "DE00123" /* export factor, Germany */
#define IF_CODE "FR00456" /* import factor, France */

static void seller_de(struct ifgw_party *p)
{
	SET(p->nr, "S-10042");
	SET(p->name, "Müller Präzisionstechnik GmbH");
	SET(p->street[0], "Industriestraße 17");
	SET(p->city, "Stuttgart");
	SET(p->postcode, "70565");
	SET(p->region, "BW");
	snprintf(p->country, sizeof(p->country), "DE");
	SET(p->reg_nr, "HRB 734512");
	SET(p->reg_agency, "Amtsgericht Stuttgart");
	SET(p->vat_nr, "DE811907980");
}

static void buyer_fr(struct ifgw_party *p)
{
	SET(p->nr, "B-77310");
	SET(p->name, "Société Lyonnaise d'Équipement SARL");
	SET(p->street[0], "12 rue de la République");
	SET(p->street[1], "Bâtiment C");
	SET(p->city, "Lyon");
	SET(p->postcode, "69002");
	snprintf(p->country, sizeof(p->country), "FR");
	SET(p->reg_nr, "732829320");
	SET(p->reg_agency, "RCS Lyon");
	SET(p->vat_nr, "FR40732829320");
}

static void ref(struct ifgw_party_ref *r, const char *nr, const char *name)
{
	SET(r->nr, nr);
	if (name)
		SET(r->name, name);
}

/* --- one builder per message type */

static struct ifgw_msg *build_seller_registration(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_SELLER_REGISTRATION, "DE00123-2024-000101", EF_CODE, IF_CODE, 101,
				     "2024-03-01T09:15:00Z");
	struct ifgw_seller_registration *s = &m->body.seller_registration;

	m->hdr.sender_role = IFGW_ROLE_EXPORT_FACTOR;
	SET(m->hdr.sender.name, "Rheinische Factoring AG");
	SET(m->hdr.receiver.name, "Factoring Lyonnais SA");
	SET(m->hdr.created_by, "kschmidt");
	s->date = D("2024-03-01");
	s->function = 2;
	s->agreement_signed = D("2024-02-20");
	seller_de(&s->seller);
	SET(s->seller_bank.account, "DE89370400440532013000");
	SET(s->seller_bank.bic, "COBADEFFXXX");
	SET(s->seller_bank.bank_name, "Commerzbank AG");
	SET(s->seller_bank.branch_name, "Filiale Stuttgart");
	SET(s->business, "CNC machine parts and precision tools");
	s->terms.net_days = 60;
	s->terms.discount1_days = 10;
	s->terms.discount1_pct = P("2");
	s->grace_days = 15;
	s->currencies[0] = ifgw_currency_find("EUR");
	s->currencies[1] = ifgw_currency_find("CHF");
	s->n_currencies = 2;
	s->chargeback_pct = P("100");
	s->chargeback_amount = M("0.00", "EUR");
	SET(s->expected_total_turnover, "EUR 12 million a year");
	s->expected_buyers = 14;
	s->expected_invoices = 900;
	s->expected_credit_notes = 40;
	SET(s->expected_turnover, "EUR 2.4 million a year with French buyers");
	SET(s->expected_other_turnover, "none");
	SET(s->other_factors, "none");
	s->service = 1;
	SET(s->delivery_terms, "DAP Lyon (Incoterms 2020)");
	SET(s->text, "New client since February; audited accounts 2023 available on request.");
	return m;
}

static struct ifgw_msg *build_cover_request(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_COVER_REQUEST, "DE00123-2024-000102", EF_CODE, IF_CODE, 102,
				     "2024-03-04T10:00:00Z");
	struct ifgw_cover_request *r = &m->body.cover_request;

	m->hdr.sender_role = IFGW_ROLE_EXPORT_FACTOR;
	r->kind = IFGW_COVER_NEW;
	SET(r->request_nr, "CR-2024-0031");
	r->request_date = D("2024-03-04");
	r->function = 5;
	SET(r->seller.nr, "S-10042");
	SET(r->seller.name, "Müller Präzisionstechnik GmbH");
	buyer_fr(&r->buyer);
	SET(r->buyer_contact.name, "Claire Dubois");
	SET(r->buyer_contact.phone, "+33-4-72-10-20-30");
	SET(r->buyer_contact.email, "c.dubois@sle-lyon.example");
	r->direct_contact = IFGW_YES;
	SET(r->buyer_bank.account, "FR7630006000011234567890189");
	SET(r->buyer_bank.bank_name, "Crédit Agricole Centre-Est");
	r->amount = M("250000.00", "EUR");
	r->valid_from = D("2024-03-04");
	r->own_risk_pct = P("10");
	r->terms.net_days = 60;
	r->terms.discount1_days = 10;
	r->terms.discount1_pct = P("2");
	return m;
}

static struct ifgw_msg *build_cover_response(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_COVER_RESPONSE, "FR00456-2024-004711", IF_CODE, EF_CODE, 88,
				     "2024-03-08T14:30:00Z");
	struct ifgw_cover_response *r = &m->body.cover_response;

	m->hdr.sender_role = IFGW_ROLE_IMPORT_FACTOR;
	SET(m->hdr.related_id, "DE00123-2024-000102");
	r->decision = IFGW_COVER_PARTLY_APPROVED;
	r->reason = 4;
	r->request_kind = IFGW_COVER_NEW;
	r->function = 8;
	r->reply_date = D("2024-03-08");
	SET(r->cover_nr, "FLC-88213");
	SET(r->request_nr, "CR-2024-0031");
	r->request_date = D("2024-03-04");
	SET(r->seller.nr, "S-10042");
	SET(r->seller.own_nr, "FL-S-3391");
	SET(r->seller.name, "Müller Präzisionstechnik GmbH");
	SET(r->buyer.nr, "B-77310");
	SET(r->buyer.own_nr, "FL-B-120044");
	SET(r->buyer.name, "Société Lyonnaise d'Équipement SARL");
	r->amount = M("180000.00", "EUR");
	r->valid_from = D("2024-03-08");
	r->expiry_date = D("2025-03-07");
	SET(r->text, "Approved at EUR 180,000 on the 2023 balance sheet; review after the 2024 accounts.");
	return m;
}

static struct ifgw_msg *build_cover_revision(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_COVER_REVISION, "FR00456-2024-005120", IF_CODE, EF_CODE, 97,
				     "2024-06-12T08:05:00Z");
	struct ifgw_cover_response *r = &m->body.cover_response;

	r->decision = IFGW_COVER_APPROVED;
	r->response_code = 8;
	r->request_kind = IFGW_COVER_REDUCE;
	r->reply_date = D("2024-06-12");
	SET(r->cover_nr, "FLC-88213-R1");
	SET(r->seller.nr, "S-10042");
	SET(r->buyer.nr, "B-77310");
	r->amount = M("120000.00", "EUR");
	r->current_amount = M("180000.00", "EUR");
	r->current_expiry = D("2025-03-07");
	r->expiry_date = D("2025-03-07");
	SET(r->text, "Cover reduced: payment delays reported by the credit bureau.");
	return m;
}

static void invoice(struct ifgw_invoice *inv, int type, const char *nr, const char *issued, const char *due,
		    const char *amount, const char *ccy)
{
	inv->doc_type = type;
	SET(inv->number, nr);
	inv->issue_date = D(issued);
	inv->due_date = D(due);
	inv->amount = M(amount, ccy);
}

static struct ifgw_msg *build_assignment_batch(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_ASSIGNMENT_BATCH, "DE00123-2024-000140", EF_CODE, IF_CODE, 140,
				     "2024-04-02T07:45:00Z");
	struct ifgw_assignment_batch *b = &m->body.batch;
	struct ifgw_invoice *inv;

	SET(b->batch_nr, "AB-2024-0140");
	b->batch_date = D("2024-04-02");
	SET(b->seller.nr, "S-10042");
	SET(b->seller.name, "Müller Präzisionstechnik GmbH");
	inv = add_item(m);
	invoice(inv, IFGW_DOC_INVOICE, "RE-2024-1187", "2024-03-28", "2024-05-27", "48750.00", "EUR");
	inv->taxable_amount = M("40966.39", "EUR");
	inv->tax_amount = M("7783.61", "EUR");
	SET(inv->buyer.nr, "B-77310");
	inv->terms.net_days = 60;
	SET(inv->order_ref, "PO-SLE-55102");
	inv = add_item(m);
	invoice(inv, IFGW_DOC_INVOICE, "RE-2024-1190", "2024-03-29", "2024-05-28", "12300.50", "EUR");
	SET(inv->buyer.nr, "B-77310");
	inv->payment_condition = 1;
	inv = add_item(m);
	invoice(inv, IFGW_DOC_CREDIT_NOTE, "GS-2024-0042", "2024-03-30", "2024-03-30", "1250.00", "EUR");
	SET(inv->buyer.nr, "B-77310");
	SET(inv->invoice_ref, "RE-2024-1187");
	inv = add_item(m);
	invoice(inv, IFGW_DOC_INVOICE, "RE-2024-1193", "2024-03-31", "2024-06-29", "3150000", "JPY");
	SET(inv->buyer.nr, "B-80015");
	SET(inv->buyer.name, "Kansai Seimitsu K.K.");
	ck_assert_ok(ifgw_msg_compute_totals(m));
	return m;
}

static struct ifgw_msg *build_assignment_status(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_ASSIGNMENT_STATUS, "FR00456-2024-004902", IF_CODE, EF_CODE, 91,
				     "2024-04-03T11:20:00Z");
	struct ifgw_assignment_status *s = &m->body.assignment_status;
	struct ifgw_assignment_item *it;

	SET(m->hdr.related_id, "DE00123-2024-000140");
	SET(s->batch_nr, "AB-2024-0140");
	s->batch_date = D("2024-04-02");
	s->status_date = D("2024-04-03");
	s->status = IFGW_ITEM_PARTLY_ACCEPTED;
	it = add_item(m);
	it->doc_type = IFGW_DOC_INVOICE;
	SET(it->number, "RE-2024-1187");
	it->issue_date = D("2024-03-28");
	it->amount = M("48750.00", "EUR");
	it->status = IFGW_ITEM_ACCEPTED;
	it->approved_amount = M("48750.00", "EUR");
	it = add_item(m);
	it->doc_type = IFGW_DOC_INVOICE;
	SET(it->number, "RE-2024-1193");
	it->status = IFGW_ITEM_REJECTED;
	SET(it->reason_code, "NA01");
	SET(it->reason_text, "No credit cover on buyer B-80015 (Japan is outside this import factor's territory).");
	return m;
}

static struct ifgw_msg *build_debtor_notice(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_DEBTOR_NOTICE, "FR00456-2024-004903", IF_CODE, IF_CODE, 1,
				     "2024-04-03T12:00:00Z");
	struct ifgw_debtor_notice *d = &m->body.debtor_notice;
	struct ifgw_invoice *inv;

	d->notice_date = D("2024-04-03");
	buyer_fr(&d->debtor);
	seller_de(&d->seller);
	SET(d->assignee.name, "Factoring Lyonnais SA");
	SET(d->assignee.street[0], "8 quai Jules Courmont");
	SET(d->assignee.city, "Lyon");
	SET(d->assignee.postcode, "69002");
	snprintf(d->assignee.country, sizeof(d->assignee.country), "FR");
	SET(d->pay_to.account, "FR7610096000501234567890123");
	SET(d->pay_to.bic, "CMCIFRPPXXX");
	SET(d->pay_to.bank_name, "CIC Lyonnaise de Banque");
	snprintf(d->lang, sizeof(d->lang), "fr");
	inv = add_item(m);
	invoice(inv, IFGW_DOC_INVOICE, "RE-2024-1187", "2024-03-28", "2024-05-27", "48750.00", "EUR");
	SET(inv->buyer.nr, "B-77310");
	SET(d->text, "Les créances ci-dessous ont été cédées à Factoring Lyonnais SA. Seul un paiement sur "
		     "le compte indiqué est libératoire.");
	return m;
}

static struct ifgw_msg *build_document_adjustment(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_DOCUMENT_ADJUSTMENT, "DE00123-2024-000151", EF_CODE, IF_CODE, 151,
				     "2024-04-15T09:00:00Z");
	struct ifgw_adjustment *a = &m->body.adjustment;

	a->date = D("2024-04-15");
	a->kind = IFGW_ADJUST_CHANGE;
	a->doc_type = IFGW_DOC_INVOICE;
	SET(a->doc_nr, "RE-2024-1190");
	a->doc_date = D("2024-03-29");
	a->currency = ifgw_currency_find("EUR");
	ref(&a->seller, "S-10042", NULL);
	ref(&a->buyer, "B-77310", NULL);
	a->due_date = D("2024-06-27");
	a->terms.net_days = 90;
	SET(a->text, "Payment term extended to 90 days by agreement with the buyer.");
	return m;
}

static void payment_line(struct ifgw_payment_item *it, int doc_paid, const char *doc, const char *paid,
			 const char *charge, const char *ccy)
{
	ref(&it->buyer, "B-77310", NULL);
	it->doc_paid = doc_paid;
	SET(it->doc_nr, doc);
	it->paid = M(paid, ccy);
	it->bank_charge = M(charge, ccy);
}

static struct ifgw_msg *build_payment(int type)
{
	struct ifgw_msg *m = NULL;
	struct ifgw_payment *p;
	struct ifgw_payment_item *it;

	if (type == IFGW_MSG_PAYMENT) {
		m = new_msg(type, "FR00456-2024-005001", IF_CODE, EF_CODE, 93, "2024-05-28T16:00:00Z");
		p = &m->body.payment;
		SET(p->batch_nr, "PB-2024-0512");
		p->batch_date = D("2024-05-28");
		p->currency = ifgw_currency_find("EUR");
		ref(&p->seller, "S-10042", "Müller Präzisionstechnik GmbH");
		it = add_item(m);
		payment_line(it, 1, "RE-2024-1187", "47500.00", "0.00", "EUR");
		it->doc_date = D("2024-03-28");
		it->doc_amount = M("48750.00", "EUR");
		it->pay_type = IFGW_PAY_FULL;
		it->pay_date = D("2024-05-27");
		it->value_date = D("2024-05-28");
		it = add_item(m);
		payment_line(it, 2, "GS-2024-0042", "1250.00", "0.00", "EUR");
		it->pay_type = IFGW_PAY_FULL;
		it = add_item(m);
		payment_line(it, 1, "RE-2024-1190", "5000.00", "12.50", "EUR");
		it->deduction = M("37.50", "EUR");
		it->pay_type = IFGW_PAY_PARTIAL;
	} else if (type == IFGW_MSG_INDIRECT_PAYMENT) {
		m = new_msg(type, "DE00123-2024-000160", EF_CODE, IF_CODE, 160, "2024-06-03T10:10:00Z");
		p = &m->body.payment;
		SET(p->batch_nr, "IP-2024-0007");
		p->batch_date = D("2024-06-03");
		p->currency = ifgw_currency_find("EUR");
		ref(&p->seller, "S-10042", NULL);
		it = add_item(m);
		payment_line(it, 1, "RE-2024-1190", "7263.00", "0.00", "EUR");
		it->pay_type = IFGW_PAY_FULL;
		it->value_date = D("2024-06-01");
	} else {
		m = new_msg(type, "FR00456-2024-005399", IF_CODE, EF_CODE, 120, "2024-09-26T09:00:00Z");
		p = &m->body.payment;
		SET(p->batch_nr, "PUG-2024-0003");
		p->batch_date = D("2024-09-26");
		p->currency = ifgw_currency_find("EUR");
		ref(&p->seller, "S-10042", NULL);
		it = add_item(m);
		payment_line(it, 1, "RE-2024-1205", "21900.00", "0.00", "EUR");
		it->doc_date = D("2024-04-20");
		it->doc_amount = M("24333.33", "EUR");
		it->deduction = M("2433.33", "EUR");
		it->value_date = D("2024-09-26");
		SET(p->text, "Payment under guarantee, 90 days after the due date of 2024-06-19 (GRIF art. 24); "
			     "10% risk share deducted.");
	}
	ck_assert_ok(ifgw_msg_compute_totals(m));
	return m;
}

static struct ifgw_msg *build_dispute(int type)
{
	struct ifgw_msg *m;
	struct ifgw_dispute *d;
	struct ifgw_dispute_item *it;

	if (type == IFGW_MSG_DISPUTE_NOTICE)
		m = new_msg(type, "FR00456-2024-005210", IF_CODE, EF_CODE, 101, "2024-06-20T13:40:00Z");
	else
		m = new_msg(type, "DE00123-2024-000177", EF_CODE, IF_CODE, 177, "2024-07-30T15:00:00Z");
	/* either factor may send both: the samples say who (the import
	   factor notifies, the export factor answers) */
	m->hdr.sender_role = type == IFGW_MSG_DISPUTE_NOTICE ? IFGW_ROLE_IMPORT_FACTOR : IFGW_ROLE_EXPORT_FACTOR;
	d = &m->body.dispute;
	d->date = D(type == IFGW_MSG_DISPUTE_NOTICE ? "2024-06-20" : "2024-07-30");
	SET(d->dispute_nr, "DSP-2024-0019");
	d->origin_date = D("2024-06-18");
	d->currency = ifgw_currency_find("EUR");
	ref(&d->seller, "S-10042", NULL);
	ref(&d->buyer, "B-77310", "Société Lyonnaise d'Équipement SARL");
	it = add_item(m);
	it->doc_type = IFGW_DOC_INVOICE;
	SET(it->doc_nr, "RE-2024-1205");
	it->doc_date = D("2024-04-20");
	it->doc_amount = M("24333.33", "EUR");
	it->disputed = M("6200.00", "EUR");
	it->reason = 3;
	SET(it->notified_by, "buyer");
	if (type == IFGW_MSG_DISPUTE_STATUS) {
		d->status = IFGW_DISPUTE_SETTLED;
		d->settlement_date = D("2024-07-29");
		it->instruction = 1;
		it->action = 2;
		SET(d->action_text, "Seller issued credit note GS-2024-0051 for the damaged parts.");
	} else {
		SET(d->reason_text, "Buyer reports 40 damaged spindle housings in delivery LS-88120.");
	}
	return m;
}

static struct ifgw_msg *build_chargeback(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_CHARGEBACK, "FR00456-2024-005501", IF_CODE, EF_CODE, 131,
				     "2024-10-02T10:00:00Z");
	struct ifgw_chargeback *c = &m->body.chargeback;
	struct ifgw_chargeback_item *it;

	c->date = D("2024-10-02");
	c->kind = IFGW_REASSIGNMENT;
	SET(c->nr, "RA-2024-0004");
	c->currency = ifgw_currency_find("EUR");
	ref(&c->seller, "S-10042", NULL);
	it = add_item(m);
	ref(&it->buyer, "B-77310", NULL);
	it->doc_type = IFGW_DOC_INVOICE;
	SET(it->doc_nr, "RE-2024-1211");
	it->doc_date = D("2024-05-02");
	it->doc_amount = M("9800.00", "EUR");
	it->amount = M("9800.00", "EUR");
	it->reason = 3;
	it = add_item(m);
	ref(&it->buyer, "B-77310", NULL);
	it->doc_type = IFGW_DOC_CREDIT_NOTE;
	SET(it->doc_nr, "GS-2024-0060");
	it->doc_amount = M("800.00", "EUR");
	it->amount = M("800.00", "EUR");
	it->reason = 3;
	ck_assert_ok(ifgw_msg_compute_totals(m));
	SET(c->text, "Dispute unresolved after 180 days: reassigned (GRIF art. 27).");
	return m;
}

static struct ifgw_msg *build_remittance(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_REMITTANCE, "FR00456-2024-005002", IF_CODE, EF_CODE, 94,
				     "2024-05-29T08:00:00Z");
	struct ifgw_remittance *r = &m->body.remittance;
	struct ifgw_remittance_item *it;

	r->date = D("2024-05-29");
	SET(r->remit_nr, "RM-2024-0311");
	r->currency = ifgw_currency_find("EUR");
	r->remit_date = D("2024-05-29");
	r->value_date = D("2024-05-29");
	r->method = 5;
	r->channel = 1;
	ref(&r->beneficiary, EF_CODE, "Rheinische Factoring AG");
	it = add_item(m);
	SET(it->msg_ref, "PB-2024-0512");
	it->msg_date = D("2024-05-28");
	it->amount = M("51200.00", "EUR");
	it->bank_charge = M("15.00", "EUR");
	it = add_item(m);
	SET(it->msg_ref, "RA-2024-0001");
	it->msg_date = D("2024-05-20");
	it->amount = M("-1200.00", "EUR");
	ck_assert_ok(ifgw_msg_compute_totals(m));
	return m;
}

static struct ifgw_msg *build_financing_request(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_FINANCING_REQUEST, "DE00123-2024-000200", EF_CODE, "DE00999", 12,
				     "2024-04-05T06:30:00Z");
	struct ifgw_financing_request *f = &m->body.financing_request;
	struct ifgw_financing_item *it;

	SET(f->request_nr, "FIN-2024-0044");
	f->currency = ifgw_currency_find("EUR");
	seller_de(&f->requester);
	SET(f->credit_account.account, "DE89370400440532013000");
	SET(f->credit_account.bic, "COBADEFFXXX");
	SET(f->agreement, "Factoring agreement 2024/117 of 2024-02-20");
	it = add_item(m);
	invoice(&it->invoice, IFGW_DOC_INVOICE, "RE-2024-1187", "2024-03-28", "2024-05-27", "48750.00", "EUR");
	seller_de(&it->invoice.seller);
	buyer_fr(&it->invoice.buyer);
	it->requested_pct = P("90");
	it = add_item(m);
	invoice(&it->invoice, IFGW_DOC_INVOICE, "RE-2024-1190", "2024-03-29", "2024-05-28", "12300.50", "EUR");
	SET(it->invoice.buyer.name, "Société Lyonnaise d'Équipement SARL");
	it->requested = M("11000.00", "EUR");
	ck_assert_ok(ifgw_msg_compute_totals(m));
	return m;
}

static struct ifgw_msg *build_financing_status(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_FINANCING_STATUS, "DE00999-2024-000031", "DE00999", EF_CODE, 31,
				     "2024-04-05T09:00:00Z");
	struct ifgw_financing_status *f = &m->body.financing_status;
	struct ifgw_financing_item_status *it;

	SET(m->hdr.related_id, "DE00123-2024-000200");
	SET(f->request_nr, "FIN-2024-0044");
	f->request_created = T("2024-04-05T06:30:00Z");
	f->status = IFGW_ITEM_PARTLY_ACCEPTED;
	f->financed_count = 1;
	f->accepted_total = M("48750.00", "EUR");
	f->applied_pct = P("90");
	f->financed_total = M("43875.00", "EUR");
	f->credit_date = D("2024-04-08");
	it = add_item(m);
	SET(it->doc_nr, "RE-2024-1187");
	it->amount = M("48750.00", "EUR");
	it->issue_date = D("2024-03-28");
	it->due_date = D("2024-05-27");
	it->status = IFGW_FIN_FINANCED;
	it->financed = M("43875.00", "EUR");
	it = add_item(m);
	SET(it->doc_nr, "RE-2024-1190");
	it->amount = M("12300.50", "EUR");
	it->issue_date = D("2024-03-29");
	it->due_date = D("2024-05-28");
	it->status = IFGW_FIN_NOT_FINANCED;
	SET(it->reason_code, "NA01");
	SET(it->reason_text, "Buyer limit exhausted");
	return m;
}

static struct ifgw_msg *build_financing_cancellation(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_FINANCING_CANCELLATION, "DE00123-2024-000201", EF_CODE, "DE00999", 13,
				     "2024-04-05T07:10:00Z");
	struct ifgw_financing_cancellation *c = &m->body.financing_cancellation;

	SET(c->request_nr, "FIN-2024-0044");
	c->request_created = T("2024-04-05T06:30:00Z");
	c->n_invoices = 2;
	c->total = M("61050.50", "EUR");
	SET(c->reason, "Sent twice by the ERP interface");
	return m;
}

static struct ifgw_msg *build_position_statement(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_POSITION_STATEMENT, "JP00311-2024-000900", "JP00311", EF_CODE, 900,
				     "2024-06-30T22:00:00Z");
	struct ifgw_position *p = &m->body.position;
	struct ifgw_position_line *l;

	p->as_of = D("2024-06-30");
	SET(p->group_id, "IFP-MUELLER-2024");
	SET(p->entity.nr, "JP-E-0042");
	SET(p->entity.name, "ミュラー精密機器株式会社");
	SET(p->entity.city, "大阪市");
	snprintf(p->entity.country, sizeof(p->entity.country), "JP");
	SET(p->entity.reg_nr, "5120001077460");
	l = add_item(m);
	l->currency = ifgw_currency_find("JPY");
	l->n_invoices = 37;
	l->assigned = M("48200000", "JPY");
	l->approved = M("45000000", "JPY");
	l->funded = M("38560000", "JPY");
	l->available = M("4000000", "JPY");
	l->overdue = M("1250000", "JPY");
	l->disputed = M("0", "JPY");
	l = add_item(m);
	l->currency = ifgw_currency_find("USD");
	l->n_invoices = 3;
	l->assigned = M("125000.00", "USD");
	l->approved = M("125000.00", "USD");
	l->funded = M("100000.00", "USD");
	l->available = M("0.00", "USD");
	l->overdue = M("0.00", "USD");
	return m;
}

static struct ifgw_msg *build_free_text(void)
{
	struct ifgw_msg *m = new_msg(IFGW_MSG_FREE_TEXT, "FR00456-2024-005600", IF_CODE, EF_CODE, 140,
				     "2024-10-10T09:30:00Z");
	struct ifgw_free_text *f = &m->body.free_text;

	SET(m->hdr.sender.name, "Factoring Lyonnais SA");
	SET(m->hdr.receiver.name, "Rheinische Factoring AG");
	f->date = D("2024-10-10");
	SET(f->sender_contact.name, "Élodie Martin");
	SET(f->sender_contact.phone, "+33-4-78-00-11-22");
	SET(f->sender_contact.email, "e.martin@factoring-lyonnais.example");
	SET(f->recipient_contact.name, "Katrin Schmidt");
	ref(&f->seller, "S-10042", NULL);
	ref(&f->buyer, "B-77310", NULL);
	snprintf(f->lang, sizeof(f->lang), "en");
	SET(f->text, "Dear Katrin,\nthe buyer asks for copies of the delivery notes for RE-2024-1205 & RE-2024-1211 "
		     "(see dispute DSP-2024-0019).\n\tThank you, Élodie");
	return m;
}

struct sample {
	int type;
	const char *file;
	struct ifgw_msg *(*build)(void);
};

static struct ifgw_msg *build_payment_direct(void)
{
	return build_payment(IFGW_MSG_PAYMENT);
}

static struct ifgw_msg *build_payment_indirect(void)
{
	return build_payment(IFGW_MSG_INDIRECT_PAYMENT);
}

static struct ifgw_msg *build_payment_guarantee(void)
{
	return build_payment(IFGW_MSG_GUARANTEE_PAYMENT);
}

static struct ifgw_msg *build_dispute_notice(void)
{
	return build_dispute(IFGW_MSG_DISPUTE_NOTICE);
}

static struct ifgw_msg *build_dispute_status(void)
{
	return build_dispute(IFGW_MSG_DISPUTE_STATUS);
}

static const struct sample samples[] = {
	{IFGW_MSG_SELLER_REGISTRATION, "seller-registration.xml", build_seller_registration},
	{IFGW_MSG_COVER_REQUEST, "cover-request.xml", build_cover_request},
	{IFGW_MSG_COVER_RESPONSE, "cover-response.xml", build_cover_response},
	{IFGW_MSG_COVER_REVISION, "cover-revision.xml", build_cover_revision},
	{IFGW_MSG_ASSIGNMENT_BATCH, "assignment-batch.xml", build_assignment_batch},
	{IFGW_MSG_ASSIGNMENT_STATUS, "assignment-status.xml", build_assignment_status},
	{IFGW_MSG_DEBTOR_NOTICE, "debtor-notice.xml", build_debtor_notice},
	{IFGW_MSG_DOCUMENT_ADJUSTMENT, "document-adjustment.xml", build_document_adjustment},
	{IFGW_MSG_PAYMENT, "payment.xml", build_payment_direct},
	{IFGW_MSG_INDIRECT_PAYMENT, "indirect-payment.xml", build_payment_indirect},
	{IFGW_MSG_GUARANTEE_PAYMENT, "guarantee-payment.xml", build_payment_guarantee},
	{IFGW_MSG_DISPUTE_NOTICE, "dispute-notice.xml", build_dispute_notice},
	{IFGW_MSG_DISPUTE_STATUS, "dispute-status.xml", build_dispute_status},
	{IFGW_MSG_CHARGEBACK, "chargeback.xml", build_chargeback},
	{IFGW_MSG_REMITTANCE, "remittance.xml", build_remittance},
	{IFGW_MSG_FINANCING_REQUEST, "financing-request.xml", build_financing_request},
	{IFGW_MSG_FINANCING_STATUS, "financing-status.xml", build_financing_status},
	{IFGW_MSG_FINANCING_CANCELLATION, "financing-cancellation.xml", build_financing_cancellation},
	{IFGW_MSG_POSITION_STATEMENT, "position-statement.xml", build_position_statement},
	{IFGW_MSG_FREE_TEXT, "free-text.xml", build_free_text},
};
#define N_SAMPLES (sizeof(samples) / sizeof(samples[0]))

static const char *sample_path(const struct sample *s)
{
	static char rel[256];

	snprintf(rel, sizeof(rel), "tests/data/model/%s", s->file);
	return ifgw_test_srcpath(rel);
}

static void write_xml(struct ifgw_buf *out, const struct ifgw_msg *m)
{
	ifgw_buf_init(out, IFGW_MODEL_XML_MAX);
	ck_assert_ok(ifgw_msg_write_xml(out, m));
}

/* --- tests */

START_TEST(every_type_has_a_sample)
{
	int t;
	size_t i;

	ck_assert_uint_eq(N_SAMPLES, IFGW_MSG_TYPE_COUNT_ - 1);
	for (t = IFGW_MSG_NONE + 1; t < IFGW_MSG_TYPE_COUNT_; t++) {
		for (i = 0; i < N_SAMPLES && samples[i].type != t; i++)
			;
		ck_assert_msg(i < N_SAMPLES, "no sample for %s", ifgw_msg_type_name(t));
		ck_assert_int_eq(ifgw_msg_type_from_name(ifgw_msg_type_name(t), strlen(ifgw_msg_type_name(t))), t);
	}
}
END_TEST

START_TEST(sample_round_trip)
{
	const struct sample *s = &samples[_i];
	struct ifgw_msg *built = s->build(), *read = NULL, *again = NULL;
	struct ifgw_buf xml, file, xml2, diff;

	ck_assert_int_eq(built->hdr.type, s->type);
	ck_assert_ok(ifgw_msg_check(built));
	write_xml(&xml, built);
	if (getenv("IFGW_WRITE_SAMPLES"))
		ck_assert_ok(ifgw_file_write_atomic(sample_path(s), xml.ptr, xml.len, 0644));

	/* the sample in the tree is exactly what the builder writes */
	ifgw_buf_init(&file, IFGW_MODEL_XML_MAX);
	ck_assert_ok(ifgw_file_read(&file, sample_path(s)));
	ck_assert_msg(file.len == xml.len && memcmp(file.ptr, xml.ptr, xml.len) == 0,
		      "%s differs from what the builder writes:\n%s", s->file, xml.ptr);

	/* read(write(m)) == m, and writing again gives the same bytes */
	ck_assert_ok(ifgw_msg_read_xml(&read, file.ptr, file.len, s->file));
	ifgw_buf_init(&diff, 4096);
	ck_assert_msg(ifgw_msg_diff(&diff, built, read), "%s: %s", s->file, diff.ptr);
	ck_assert(ifgw_msg_equal(read, built));
	write_xml(&xml2, read);
	ck_assert_str_eq(xml2.ptr, xml.ptr);

	/* a deep copy is equal and independent */
	ck_assert_ok(ifgw_msg_dup(&again, read));
	ck_assert(ifgw_msg_equal(again, built));
	ifgw_msg_free(read);
	read = NULL;
	ck_assert(ifgw_msg_equal(again, built));

	ck_assert_ok(ifgw_model_validate_xml(file.ptr, file.len, s->file));
	ifgw_msg_free(built);
	ifgw_msg_free(again);
	ifgw_buf_free(&xml);
	ifgw_buf_free(&xml2);
	ifgw_buf_free(&file);
	ifgw_buf_free(&diff);
}
END_TEST

START_TEST(schema_file_is_the_tables)
{
	struct ifgw_buf want, file;
	const char *path = ifgw_test_srcpath(IFGW_MODEL_SCHEMA);

	ifgw_buf_init(&want, 1 << 20);
	ifgw_buf_init(&file, 1 << 20);
	ck_assert_ok(ifgw_model_schema_write(&want));
	if (getenv("IFGW_WRITE_SCHEMA"))
		ck_assert_ok(ifgw_file_write_atomic(path, want.ptr, want.len, 0644));
	ck_assert_ok(ifgw_file_read(&file, path));
	ck_assert_msg(file.len == want.len && memcmp(file.ptr, want.ptr, want.len) == 0,
		      "%s is not what the field tables give: run IFGW_WRITE_SCHEMA=1 tests/unit/test_model",
		      IFGW_MODEL_SCHEMA);
	ifgw_buf_free(&want);
	ifgw_buf_free(&file);
}
END_TEST

START_TEST(diff_names_the_first_difference)
{
	struct ifgw_msg *a = build_assignment_batch(), *b = NULL;
	struct ifgw_buf diff;

	ck_assert_ok(ifgw_msg_dup(&b, a));
	ck_assert(ifgw_msg_equal(a, b));
	b->body.batch.items[2].due_date = D("2024-04-30");
	ifgw_buf_init(&diff, 1024);
	ck_assert(!ifgw_msg_diff(&diff, a, b));
	ck_assert_str_eq(diff.ptr, "AssignmentBatch/Invoice[3]/DueDate: 2024-03-30 != 2024-04-30");
	b->body.batch.items[2].due_date = a->body.batch.items[2].due_date;
	b->body.batch.items[0].amount.minor++;
	ifgw_buf_reset(&diff);
	ck_assert(!ifgw_msg_diff(&diff, a, b));
	ck_assert_str_eq(diff.ptr, "AssignmentBatch/Invoice[1]/Amount: 48750.00 EUR != 48750.01 EUR");
	ifgw_buf_free(&diff);
	ifgw_msg_free(a);
	ifgw_msg_free(b);
}
END_TEST

/* Read a sample, replace every `from` by `to`, and expect a refusal. */
static void refuse_edit(const char *file, const char *from, const char *to, int code, const char *needle)
{
	struct ifgw_buf text, edited;
	struct ifgw_msg *m = NULL;
	const char *hit, *p;
	char rel[256];

	snprintf(rel, sizeof(rel), "tests/data/model/%s", file);
	ifgw_buf_init(&text, IFGW_MODEL_XML_MAX);
	ifgw_buf_init(&edited, IFGW_MODEL_XML_MAX);
	ck_assert_ok(ifgw_file_read(&text, ifgw_test_srcpath(rel)));
	hit = strstr(text.ptr, from);
	ck_assert_msg(hit != NULL, "%s does not contain '%s'", file, from);
	for (p = text.ptr; (hit = strstr(p, from)) != NULL; p = hit + strlen(from)) {
		ck_assert_ok(ifgw_buf_add(&edited, p, (size_t)(hit - p)));
		ck_assert_ok(ifgw_buf_addstr(&edited, to));
	}
	ck_assert_ok(ifgw_buf_addstr(&edited, p));
	ck_assert_fails(ifgw_msg_read_xml(&m, edited.ptr, edited.len, file), code, needle);
	ck_assert_ptr_null(m);
	ifgw_buf_free(&text);
	ifgw_buf_free(&edited);
}

START_TEST(refuses_with_named_reasons)
{
	/* unknown element */
	refuse_edit("assignment-batch.xml", "<OrderRef>", "<Colour>red</Colour>\n    <OrderRef>", IFGW_EPARSE,
		    "assignment-batch.xml:34: AssignmentBatch/Invoice[1]/Colour: This element is not expected");
	/* wrong namespace */
	refuse_edit("assignment-batch.xml", "urn:ifgw:canonical:1", "urn:ifgw:canonical:2", IFGW_EPARSE,
		    "assignment-batch.xml:2: AssignmentBatch: the root element is not in namespace urn:ifgw:canonical:1");
	/* unknown root */
	refuse_edit("free-text.xml", "FreeText", "FreeVerse", IFGW_EPARSE, "FreeVerse: unknown message type");
	/* bad factor codes: shape (XSD), then an unknown country */
	refuse_edit("cover-request.xml", "<Code>DE00123</Code>", "<Code>DE0012</Code>", IFGW_EPARSE,
		    "cover-request.xml:6: CoverRequest/Header/Sender/Code: [facet 'pattern'] The value 'DE0012' is not "
		    "accepted by the pattern '[A-Z]{2}[0-9]{5}'");
	refuse_edit("cover-request.xml", "<Code>DE00123</Code>", "<Code>QQ00123</Code>", IFGW_EINVAL,
		    "cover-request.xml:6: CoverRequest/Header/Sender/Code: factor code 'QQ00123': QQ is not an ISO "
		    "3166-1 country");
	/* amount with more decimals than the currency has */
	refuse_edit("assignment-batch.xml", "<Amount Ccy=\"JPY\">3150000</Amount>",
		    "<Amount Ccy=\"JPY\">3150000.5</Amount>", IFGW_EINVAL,
		    "AssignmentBatch/Invoice[4]/Amount: amount '3150000.5' has 1 decimal, JPY allows 0");
	/* unknown currency */
	refuse_edit("payment.xml", "<Currency>EUR</Currency>", "<Currency>EUX</Currency>", IFGW_ENOTFOUND,
		    "payment.xml:16: Payment/Currency: unknown currency 'EUX' (not in ISO 4217)");
	refuse_edit("payment.xml", "<Paid Ccy=\"EUR\">47500.00</Paid>", "<Paid Ccy=\"XYZ\">47500.00</Paid>",
		    IFGW_ENOTFOUND, "Payment/Item[1]/Paid:");
	/* control totals: a sum, then a count */
	refuse_edit("assignment-batch.xml", "<Invoices Ccy=\"EUR\">61050.50</Invoices>",
		    "<Invoices Ccy=\"EUR\">61050.51</Invoices>", IFGW_EINVAL,
		    "AssignmentBatch/Total[1]/Invoices: control total mismatch: 61050.51 EUR given, but the invoices "
		    "add up to 61050.50 EUR");
	refuse_edit("assignment-batch.xml", "<InvoiceCount>2</InvoiceCount>", "<InvoiceCount>3</InvoiceCount>",
		    IFGW_EINVAL, "AssignmentBatch/Total[1]/InvoiceCount: control total mismatch");
	refuse_edit("payment.xml", "<TotalCleared Ccy=\"EUR\">", "<TotalCleared Ccy=\"EUR\">1", IFGW_EINVAL,
		    "Payment/TotalCleared: control total mismatch");
	/* a required field missing */
	refuse_edit("assignment-batch.xml", "<BatchNr>AB-2024-0140</BatchNr>", "", IFGW_EPARSE,
		    "assignment-batch.xml:15: AssignmentBatch/BatchDate: This element is not expected. Expected is ( "
		    "{urn:ifgw:canonical:1}BatchNr )");
	refuse_edit("cover-response.xml", "<RequestNr>CR-2024-0031</RequestNr>", "", IFGW_EINVAL,
		    "CoverResponse/RequestNr: required, missing");
	/* sequence number not a positive integer */
	refuse_edit("payment.xml", "<Sequence>93</Sequence>", "<Sequence>0</Sequence>", IFGW_EPARSE,
		    "payment.xml:11: Payment/Header/Sequence:");
	refuse_edit("payment.xml", "<Sequence>93</Sequence>", "<Sequence>-93</Sequence>", IFGW_EPARSE,
		    "Payment/Header/Sequence:");
	/* a code that is not in its list */
	refuse_edit("dispute-notice.xml", "<Reason>3</Reason>", "<Reason>24</Reason>", IFGW_EPARSE,
		    "dispute-notice.xml:32: DisputeNotice/Item[1]/Reason: [facet 'enumeration'] The value '24' is not an element of the set");
	/* hardening */
	refuse_edit("free-text.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", IFGW_EPARSE,
		    "free-text.xml:2: a DOCTYPE or ENTITY declaration is not allowed");
	refuse_edit("free-text.xml", "<Language>en</Language>", "<Language>en</Language", IFGW_EPARSE,
		    "not well-formed XML");
	refuse_edit("free-text.xml", "encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", IFGW_EPARSE,
		    "free-text.xml:1: declares encoding ISO-8859-1: canonical XML is UTF-8");
	refuse_edit("free-text.xml", "<Language>en</Language>", "<Language>en</Language>&#1;", IFGW_EPARSE,
		    "not well-formed XML");
	/* dates in order */
	refuse_edit("financing-request.xml", "<DueDate>2024-05-27</DueDate>", "<DueDate>2024-03-27</DueDate>",
		    IFGW_EINVAL, "FinancingRequest/Item[1]/Invoice/DueDate: 2024-03-27 is before the issue date 2024-03-28");
}
END_TEST

START_TEST(checks_refuse_bad_structs)
{
	struct ifgw_msg *m = build_assignment_batch();
	struct ifgw_buf out;
	struct ifgw_invoice inv;

	ifgw_buf_init(&out, IFGW_MODEL_XML_MAX);
	snprintf(m->hdr.sender.code, sizeof(m->hdr.sender.code), "DE123");
	ck_assert_fails(ifgw_msg_check(m), IFGW_EINVAL, "AssignmentBatch/Header/Sender/Code: factor code 'DE123'");
	snprintf(m->hdr.sender.code, sizeof(m->hdr.sender.code), EF_CODE);
	m->hdr.seq = 0;
	ck_assert_fails(ifgw_msg_write_xml(&out, m), IFGW_EINVAL, "AssignmentBatch/Header/Sequence: required");
	ck_assert_uint_eq(out.len, 0);
	m->hdr.seq = IFGW_SEQ_MAX + 1;
	ck_assert_fails(ifgw_msg_check(m), IFGW_EINVAL, "more than 15 digits");
	m->hdr.seq = 7;
	m->body.batch.items[1].amount = M("-1.00", "EUR");
	ck_assert_fails(ifgw_msg_check(m), IFGW_EINVAL, "AssignmentBatch/Invoice[2]/Amount: -1.00 EUR is negative");
	m->body.batch.items[1].amount = M("12300.50", "EUR");
	m->body.batch.items[1].doc_type = IFGW_DOC_OTHER_3;
	ck_assert_fails(ifgw_msg_check(m), IFGW_EINVAL, "Invoice[2]/DocType: other-3: an invoice or a credit note");
	m->body.batch.items[1].doc_type = IFGW_DOC_INVOICE;
	snprintf(m->body.batch.items[1].number, sizeof(m->body.batch.items[1].number), "RE-2024-1187");
	ck_assert_fails(ifgw_msg_check(m), IFGW_EINVAL, "Invoice[2]/Number: invoice RE-2024-1187 appears twice");
	snprintf(m->body.batch.items[1].number, sizeof(m->body.batch.items[1].number), "RE-2024-1190");
	ck_assert_ok(ifgw_msg_check(m));
	m->body.batch.n_totals = 1;
	ck_assert_fails(ifgw_msg_check(m), IFGW_EINVAL, "control totals given for currencies (EUR) but the documents "
							"are in (EUR, JPY)");
	ck_assert_ok(ifgw_msg_compute_totals(m));
	ck_assert_ok(ifgw_msg_check(m));
	/* texts: invalid UTF-8, control characters, too long */
	ck_assert_fails(IFGW_TEXT_SET(m->body.batch.text, "caf\xc3", 4), IFGW_EINVAL, "truncated UTF-8");
	ck_assert_fails(IFGW_TEXT_SET(m->body.batch.text, "a\x01", 2), IFGW_EINVAL, "control character 0x01");
	ck_assert_fails(IFGW_TEXT_SET(m->body.batch.batch_nr, "0123456789012345678901234567890123456", 36),
			IFGW_EOVERFLOW, "36 characters is longer than the limit of 35");
	ck_assert_ok(IFGW_TEXT_SET(m->body.batch.batch_nr, "ÄÖÜ äöü ßẞ €€€€ 東京都 ", 36));
	memcpy(m->body.batch.text, "\xc0\xaf", 3);
	ck_assert_fails(ifgw_msg_check(m), IFGW_EINVAL, "AssignmentBatch/Text: invalid UTF-8 byte 0xc0");
	m->body.batch.text[0] = '\0';
	ck_assert_ok(ifgw_msg_check(m));
	/* a standalone invoice, as ingest makes them */
	ifgw_invoice_init(&inv);
	ck_assert_int_eq(inv.issue_date, IFGW_DATE_NONE);
	ck_assert_fails(ifgw_invoice_check(&inv, "invoices.csv:3"), IFGW_EINVAL, "invoices.csv:3/DocType: required");
	ifgw_msg_free(m);
	ifgw_buf_free(&out);
}
END_TEST

START_TEST(items_are_capped)
{
	struct ifgw_msg *m = NULL;
	void *item;
	size_t i;

	ck_assert_ok(ifgw_msg_new(&m, IFGW_MSG_REMITTANCE));
	for (i = 0; i < IFGW_MSG_ITEMS_MAX; i++)
		ck_assert_ok(ifgw_msg_add_item(&item, m));
	ck_assert_fails(ifgw_msg_add_item(&item, m), IFGW_EOVERFLOW, "Remittance/Item: more than 9999 entries");
	ifgw_msg_free(m);
	ck_assert_ok(ifgw_msg_new(&m, IFGW_MSG_FREE_TEXT));
	ck_assert_fails(ifgw_msg_add_item(&item, m), IFGW_EUNSUPPORTED, "has no items");
	ifgw_msg_free(m);
	ck_assert_fails(ifgw_msg_new(&m, 99), IFGW_EINVAL, "message type 99");
}
END_TEST

START_TEST(codes_and_countries)
{
	ck_assert_ok(ifgw_country_check("JP", 2));
	ck_assert_fails(ifgw_country_check("XX", 2), IFGW_EINVAL, "not an ISO 3166-1 country");
	ck_assert_fails(ifgw_country_check("de", 2), IFGW_EINVAL, "two upper-case letters");
	ck_assert_ok(ifgw_factor_code_check("CN00509", 7));
	ck_assert_fails(ifgw_factor_code_check("CN0050A", 7), IFGW_EINVAL, "five digits");
	ck_assert_str_eq(ifgw_code_token(IFGW_CL_DOC_TYPE, IFGW_DOC_CREDIT_NOTE), "credit-note");
	ck_assert_int_eq(ifgw_code_from_token(IFGW_CL_COVER_DECISION, "partly-approved", 15)->value,
			 IFGW_COVER_PARTLY_APPROVED);
	ck_assert_ptr_null(ifgw_code_find(IFGW_CL_DISPUTE_REASON, 24));
	ck_assert_ptr_nonnull(ifgw_code_find(IFGW_CL_COVER_REASON, 99));
}
END_TEST

START_TEST(sender_role_defaults_to_the_direction)
{
	struct ifgw_msg *m = build_chargeback();

	ck_assert_int_eq(ifgw_msg_sender_role(m), IFGW_ROLE_IMPORT_FACTOR);
	m->hdr.sender_role = IFGW_ROLE_EXPORT_FACTOR;
	ck_assert_int_eq(ifgw_msg_sender_role(m), IFGW_ROLE_EXPORT_FACTOR);
	ifgw_msg_free(m);
	m = build_dispute(IFGW_MSG_DISPUTE_NOTICE);
	ck_assert_int_eq(ifgw_msg_sender_role(m), IFGW_ROLE_IMPORT_FACTOR); /* as the sample says */
	m->hdr.sender_role = 0; /* either factor may send it: no default */
	ck_assert_int_eq(ifgw_msg_sender_role(m), 0);
	ifgw_msg_free(m);
	m = build_assignment_batch();
	ck_assert_int_eq(ifgw_msg_sender_role(m), IFGW_ROLE_EXPORT_FACTOR);
	ifgw_msg_free(m);
}
END_TEST

START_TEST(text_survives_xml)
{
	struct ifgw_msg *m = build_free_text(), *back = NULL;
	struct ifgw_buf xml, diff;
	const char *text = "a & b < c > d\r\nline two\r\n\ttabbed \"quoted\" 'single' ]]> \xf0\x9f\x93\x88 end ";

	SET(m->body.free_text.text, text);
	SET(m->body.free_text.sender_contact.name, "  spaced  ");
	write_xml(&xml, m);
	ck_assert_ptr_nonnull(strstr(xml.ptr, "a &amp; b &lt; c &gt; d&#13;\nline two&#13;\n\ttabbed"));
	ck_assert_ok(ifgw_msg_read_xml(&back, xml.ptr, xml.len, "text.xml"));
	ifgw_buf_init(&diff, 1024);
	ck_assert_msg(ifgw_msg_diff(&diff, m, back), "%s", diff.ptr);
	ck_assert_str_eq(back->body.free_text.text, text);
	ifgw_msg_free(m);
	ifgw_msg_free(back);
	ifgw_buf_free(&xml);
	ifgw_buf_free(&diff);
}
END_TEST

START_TEST(big_batch_round_trip)
{
	struct ifgw_msg *m = NULL, *back = NULL;
	struct ifgw_invoice *inv;
	struct ifgw_buf xml;
	char nr[32];
	size_t i;

	/* a full batch: 999 documents in three currencies (the edifactoring batch limit) */
	m = new_msg(IFGW_MSG_ASSIGNMENT_BATCH, "BIG-1", EF_CODE, IF_CODE, 5000, "2024-04-02T07:45:00Z");
	SET(m->body.batch.batch_nr, "BIG");
	m->body.batch.batch_date = D("2024-04-02");
	SET(m->body.batch.seller.nr, "S-1");
	for (i = 0; i < 999; i++) {
		inv = add_item(m);
		snprintf(nr, sizeof(nr), "INV-%05zu", i);
		invoice(inv, i % 7 == 0 ? IFGW_DOC_CREDIT_NOTE : IFGW_DOC_INVOICE, nr, "2024-03-01", "2024-05-01",
			i % 3 == 0 ? "1000" : "99.99", i % 3 == 0 ? "JPY" : i % 3 == 1 ? "EUR" : "KWD");
		if (i % 3 == 2)
			inv->amount = M("99.999", "KWD");
		SET(inv->buyer.nr, "B-1");
	}
	ck_assert_ok(ifgw_msg_compute_totals(m));
	ck_assert_uint_eq(m->body.batch.n_totals, 3);
	ck_assert_str_eq(m->body.batch.totals[0].ccy->code, "EUR");
	write_xml(&xml, m);
	ck_assert_ok(ifgw_msg_read_xml(&back, xml.ptr, xml.len, "big.xml"));
	ck_assert(ifgw_msg_equal(m, back));
	ifgw_msg_free(m);
	ifgw_msg_free(back);
	ifgw_buf_free(&xml);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("model");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, every_type_has_a_sample);
	tcase_add_loop_test(tc, sample_round_trip, 0, (int)N_SAMPLES);
	tcase_add_test(tc, schema_file_is_the_tables);
	tcase_add_test(tc, diff_names_the_first_difference);
	tcase_add_test(tc, refuses_with_named_reasons);
	tcase_add_test(tc, checks_refuse_bad_structs);
	tcase_add_test(tc, items_are_capped);
	tcase_add_test(tc, codes_and_countries);
	tcase_add_test(tc, sender_role_defaults_to_the_direction);
	tcase_add_test(tc, text_survives_xml);
	tcase_add_test(tc, big_batch_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
