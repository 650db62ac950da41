/* ifgw_edi_encode.c: canonical messages to edifactoring MSGnn.
 *
 * One function per message, writing the elements in the order of the FCI
 * tables (docs/adapters.md gives the mapping and the decisions).  The
 * message has passed ifgw_msg_check(); what is checked here is what the
 * wire adds: AN..n lengths, mandatory elements the model leaves optional,
 * N14.2 amounts, one currency and at most 999 documents per message, codes
 * allowed in this message, the charset. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "adapters/charset.h"
#define IFGW_EDIFACTORING_INTERNAL
#include "adapters/edifactoring/edifactoring_int.h"
#include "base/error.h"

#define EDI_FREE_1400 1400
#define EDI_FREE_700  700
#define EDI_FREE_3500 3500

/* --- shared fragments */

static void head(struct edi_w *w, const struct ifgw_msg *m, int blocks)
{
	const struct ifgw_msg_header *h = &m->hdr;
	const struct ifgw_factor *ef, *iff;
	char code[8];
	int role;

	ifgw_edi_w_open(w, "MsgInfo");
	ifgw_edi_w_text(w, "SenderCode", h->sender.code, 7);
	ifgw_edi_w_text(w, "ReceiverCode", h->receiver.code, 7);
	ifgw_edi_w_text(w, "CreatedBy", h->created_by[0] ? h->created_by : EDI_CREATED_BY_DEFAULT, 16);
	ifgw_edi_w_uint(w, "SequenceNr", h->seq, 10);
	ifgw_edi_w_datetime(w, "DateTime", h->created);
	ifgw_edi_w_int(w, "Status", h->wire_status == IFGW_INT_NONE ? 0 : h->wire_status, 2);
	if (h->error_code != IFGW_INT_NONE || h->error_text[0]) {
		int ec = h->error_code == IFGW_INT_NONE ? 0 : h->error_code;

		if (ec > 99)
			ifgw_edi_w_fail(w, IFGW_EINVAL, "Error", "code %d is more than N2", ec);
		snprintf(code, sizeof(code), "%02d", ec);
		ifgw_edi_w_attr_text(w, "Error", "Code", code, h->error_text, IFGW_REASON_CHARS);
	}
	ifgw_edi_w_close(w);
	if (!blocks)
		return;
	role = h->sender_role ? h->sender_role : ifgw_edi_default_role(h->type);
	if (!role) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, NULL,
		           "Header/SenderRole: required for a %s (either factor may send it, and the EF and IF "
		           "blocks must say which)",
		           ifgw_msg_type_name(h->type));
		return;
	}
	ef = role == IFGW_ROLE_EXPORT_FACTOR ? &h->sender : &h->receiver;
	iff = role == IFGW_ROLE_EXPORT_FACTOR ? &h->receiver : &h->sender;
	ifgw_edi_w_open(w, "EF");
	ifgw_edi_w_text(w, "FactorCode", ef->code, 7);
	ifgw_edi_w_text(w, "FactorName", ef->name, 35);
	ifgw_edi_w_close(w);
	ifgw_edi_w_open(w, "IF");
	ifgw_edi_w_text(w, "FactorCode", iff->code, 7);
	ifgw_edi_w_text(w, "FactorName", iff->name, 35);
	ifgw_edi_w_close(w);
}

/* Seller ref / Buyer ref: <Seller><SellerNr/><SellerName/></Seller>. */
static void ref(struct edi_w *w, const char *group, const char *nr_el, const char *name_el, const char *nr,
		const char *name, int nr_required, const char *what)
{
	if (!nr_required && !nr[0] && !name[0])
		return;
	ifgw_edi_w_open(w, group);
	if (nr_required)
		ifgw_edi_w_text_req(w, nr_el, nr, 35, what);
	else
		ifgw_edi_w_text(w, nr_el, nr, 35);
	ifgw_edi_w_text(w, name_el, name, 35);
	ifgw_edi_w_close(w);
}

static void terms(struct edi_w *w, const struct ifgw_terms *t, int net_required, const char *what)
{
	if (net_required)
		ifgw_edi_w_need(w, "NetPmtTerms", t->net_days != IFGW_INT_NONE, what);
	ifgw_edi_w_int(w, "NetPmtTerms", t->net_days, 3);
	ifgw_edi_w_int(w, "Discount1Days", t->discount1_days, 3);
	ifgw_edi_w_pct(w, "Discount1Perc", t->discount1_pct);
	ifgw_edi_w_int(w, "Discount2Days", t->discount2_days, 3);
	ifgw_edi_w_pct(w, "Discount2Perc", t->discount2_pct);
}

static void bank(struct edi_w *w, const char *group, const struct ifgw_bank *b)
{
	if (!b->account[0] && !b->bank_name[0] && !b->branch_name[0])
		return; /* the BIC has no element on this wire */
	ifgw_edi_w_open(w, group);
	ifgw_edi_w_text(w, "AccountNr", b->account, 35);
	ifgw_edi_w_text(w, "BankName", b->bank_name, 70);
	ifgw_edi_w_text(w, "BranchName", b->branch_name, 70);
	ifgw_edi_w_close(w);
}

static void contact(struct edi_w *w, const struct ifgw_contact *c)
{
	ifgw_edi_w_text(w, "ContactName", c->name, 35);
	ifgw_edi_w_text(w, "Telephone", c->phone, 25);
	ifgw_edi_w_text(w, "Fax", c->fax, 25);
	ifgw_edi_w_text(w, "Email", c->email, 70);
}

/* A party with its address (MSG01 Seller, MSG05/06 Buyer, IfgwPositionStatement Entity):
 * <P>CompanyRegNr, ResponseAgency, <P>Nr, [IFOwn<P>Nr], <P>Name, NameCont,
 * Street, City, State, Postcode, Country (the caller closes the group). */
struct party_layout {
	const char *reg_el, *nr_el, *own_el, *name_el;
	int nr_required, address_required, country_required;
	const char *what; /* canonical path of the party, for messages */
};

static void party(struct edi_w *w, const struct ifgw_party *p, const struct party_layout *l)
{
	char street[2 * IFGW_LINE_SIZE + 8], what[96];

	ifgw_edi_w_text(w, l->reg_el, p->reg_nr, 35);
	ifgw_edi_w_text(w, "ResponseAgency", p->reg_agency, 35);
	snprintf(what, sizeof(what), "%s/Nr", l->what);
	if (l->nr_required)
		ifgw_edi_w_text_req(w, l->nr_el, p->nr, 35, what);
	else
		ifgw_edi_w_text(w, l->nr_el, p->nr, 35);
	if (l->own_el)
		ifgw_edi_w_text(w, l->own_el, p->own_nr, 35);
	snprintf(what, sizeof(what), "%s/Name", l->what);
	ifgw_edi_w_name(w, l->name_el, p->name, 1, what);
	ifgw_edi_street_join(street, sizeof(street), p->street, IFGW_STREET_LINES);
	if (l->address_required) {
		snprintf(what, sizeof(what), "%s/Street", l->what);
		ifgw_edi_w_need(w, "Street", street[0] != '\0', what);
		snprintf(what, sizeof(what), "%s/City", l->what);
		ifgw_edi_w_need(w, "City", p->city[0] != '\0', what);
		snprintf(what, sizeof(what), "%s/Postcode", l->what);
		ifgw_edi_w_need(w, "Postcode", p->postcode[0] != '\0', what);
	}
	ifgw_edi_w_text(w, "Street", street, 35);
	ifgw_edi_w_text(w, "City", p->city, 35);
	ifgw_edi_w_text(w, "State", p->region, 9);
	ifgw_edi_w_text(w, "Postcode", p->postcode, 9);
	snprintf(what, sizeof(what), "%s/Country", l->what);
	if (l->country_required)
		ifgw_edi_w_need(w, "Country", p->country[0] != '\0', what);
	ifgw_edi_w_text(w, "Country", p->country, 2);
}

/* Response code for the decision, or the override when it means the same. */
static int response(struct edi_w *w, int nn, const struct ifgw_cover_response *r)
{
	int code = r->response_code ? r->response_code : ifgw_edi_response_code(nn, r->decision);

	if (ifgw_edi_response_decision(nn, code) != r->decision)
		ifgw_edi_w_fail(w, IFGW_EINVAL, "Response",
		           "FCI Response %d of MSG%02d does not mean %s (canonical ResponseCode)", code, nn,
		           ifgw_code_token(IFGW_CL_COVER_DECISION, r->decision));
	return code;
}

static void too_many(struct edi_w *w, const char *el, size_t n)
{
	if (n > EDI_MAX_ITEMS)
		ifgw_edi_w_fail(w, IFGW_EOVERFLOW, el,
		           "%zu entries, %s carries at most %d: split the message first (ifgw_adapter_split)", n,
		           w->msg, EDI_MAX_ITEMS);
}

/* --- the messages */

static void enc01(struct edi_w *w, const struct ifgw_msg *m)
{
	static const char *const ccy_el[IFGW_SELLER_CCY_MAX] = {"InvCurrency1", "InvCurrency2", "InvCurrency3",
	                                                        "InvCurrency4", "InvCurrency5"};
	static const struct party_layout seller = {"SellerCompanyRegNr",       "SellerNr", NULL, "SellerName", 1, 1, 1,
	                                           "SellerRegistration/Seller"};
	const struct ifgw_seller_registration *s = &m->body.seller_registration;
	size_t i;

	ifgw_edi_w_date(w, "MsgDate", s->date);
	ifgw_edi_w_code(w, "MsgFunction", s->function, &ifgw_edi_cl_function01);
	ifgw_edi_w_date(w, "FactAgreemSigned", s->agreement_signed);
	ifgw_edi_w_open(w, "Seller");
	party(w, &s->seller, &seller);
	ifgw_edi_w_close(w);
	ifgw_edi_w_open(w, "SellerDetails");
	ifgw_edi_w_text_req(w, "BusinessProduct", s->business, 70, "SellerRegistration/Business");
	terms(w, &s->terms, 1, "SellerRegistration/Terms/NetDays");
	ifgw_edi_w_int(w, "GracePeriod", s->grace_days, 3);
	ifgw_edi_w_need(w, "InvCurrency1", s->n_currencies > 0, "SellerRegistration/InvoiceCurrency");
	for (i = 0; i < s->n_currencies && i < IFGW_SELLER_CCY_MAX; i++)
		ifgw_edi_w_ccy(w, ccy_el[i], s->currencies[i]);
	ifgw_edi_w_pct(w, "ChargeBackPerc", s->chargeback_pct);
	ifgw_edi_w_amount(w, "ChargeBackAmt", &s->chargeback_amount, 0);
	ifgw_edi_w_ccy(w, "ChargeBackCurrency", s->chargeback_amount.ccy);
	ifgw_edi_w_text(w, "ExpTotSellerTurnover", s->expected_total_turnover, 70);
	ifgw_edi_w_int(w, "ExpNrBuyers", s->expected_buyers, 5);
	ifgw_edi_w_int(w, "ExpNrInvoices", s->expected_invoices, 5);
	ifgw_edi_w_int(w, "ExpNrCreditNotes", s->expected_credit_notes, 5);
	ifgw_edi_w_text(w, "ExpTurnover", s->expected_turnover, 70);
	ifgw_edi_w_text(w, "ExpOtherTurnover", s->expected_other_turnover, 70);
	ifgw_edi_w_text(w, "OtherFactors", s->other_factors, 70);
	ifgw_edi_w_code(w, "ServiceRequired", s->service, &ifgw_edi_cl_service);
	ifgw_edi_w_text(w, "NormDeliveryTerms", s->delivery_terms, 70);
	ifgw_edi_w_close(w);
	bank(w, "BankDetailsSeller", &s->seller_bank);
	ifgw_edi_w_text(w, "MsgText", s->text, EDI_FREE_1400);
}

static void enc05(struct edi_w *w, const struct ifgw_msg *m)
{
	static const struct party_layout buyer = {"BuyerCompanyRegNr", "BuyerNr", NULL, "BuyerName", 1, 1, 1,
	                                          "CoverRequest/Buyer"};
	const struct ifgw_cover_request *r = &m->body.cover_request;

	ifgw_edi_w_date(w, "RequestDate", r->request_date);
	ifgw_edi_w_text(w, "RequestNr", r->request_nr, 35);
	ifgw_edi_w_code(w, "MsgFunction", r->function ? r->function : EDI_DEFAULT_FUNCTION05, &ifgw_edi_cl_function05);
	ifgw_edi_w_open(w, "Seller");
	ifgw_edi_w_text(w, "SellerNr", r->seller.nr, 35);
	ifgw_edi_w_text_req(w, "SellerName", r->seller.name, 35, "CoverRequest/Seller/Name");
	ifgw_edi_w_close(w);
	ifgw_edi_w_open(w, "Buyer");
	party(w, &r->buyer, &buyer);
	ifgw_edi_w_code(w, "DirectContact", r->direct_contact ? r->direct_contact : IFGW_NO, &ifgw_edi_cl_direct_contact);
	contact(w, &r->buyer_contact);
	ifgw_edi_w_close(w);
	bank(w, "BankDetailsBuyer", &r->buyer_bank);
	ifgw_edi_w_open(w, "CreditCoverDetails");
	ifgw_edi_w_code(w, "Request", r->request_code ? r->request_code : EDI_DEFAULT_REQUEST05, &ifgw_edi_cl_request05);
	ifgw_edi_w_date(w, "ValidFrom", r->valid_from);
	ifgw_edi_w_amount(w, "NewCreditCoverAmt", &r->amount, 0);
	ifgw_edi_w_ccy(w, "Currency", r->amount.ccy);
	ifgw_edi_w_amount(w, "OwnRiskAmt", &r->own_risk_amount, 0);
	ifgw_edi_w_pct(w, "OwnRiskPerc", r->own_risk_pct);
	terms(w, &r->terms, 1, "CoverRequest/Terms/NetDays");
	ifgw_edi_w_text(w, "OrderNr", r->order_nr, 35);
	ifgw_edi_w_date(w, "LateShipmDate", r->late_shipment_date);
	ifgw_edi_w_close(w);
	ifgw_edi_w_text(w, "MsgText", r->text, EDI_FREE_1400);
}

static void enc07(struct edi_w *w, const struct ifgw_msg *m)
{
	const struct ifgw_cover_request *r = &m->body.cover_request;
	int code = r->request_code ? r->request_code : ifgw_edi_request07_code(r->kind);

	ifgw_edi_w_date(w, "RequestDate", r->request_date);
	ifgw_edi_w_text(w, "RequestNr", r->request_nr, 35);
	ifgw_edi_w_code(w, "MsgFunction", r->reminder ? 4 : 3, &ifgw_edi_cl_function07);
	ref(w, "Seller", "SellerNr", "SellerName", r->seller.nr, r->seller.name, 1, "CoverRequest/Seller/Nr");
	ref(w, "Buyer", "BuyerNr", "BuyerName", r->buyer.nr, r->buyer.name, 1, "CoverRequest/Buyer/Nr");
	ifgw_edi_w_open(w, "CurrentCreditCoverDetails");
	ifgw_edi_w_need(w, "CurrentCreditCoverAmt", r->current_amount.ccy != NULL, "CoverRequest/CurrentAmount");
	ifgw_edi_w_amount(w, "CurrentCreditCoverAmt", &r->current_amount, 0);
	ifgw_edi_w_ccy(w, "Currency", r->amount.ccy);
	ifgw_edi_w_date(w, "CurrentExpiryDate", r->current_expiry);
	ifgw_edi_w_close(w);
	ifgw_edi_w_open(w, "NewCreditCoverDetails");
	if (ifgw_edi_request07_kind(code) != r->kind)
		ifgw_edi_w_fail(w, IFGW_EINVAL, "Request",
		           "FCI Request %d of MSG07 does not mean %s (canonical RequestCode)", code,
		           ifgw_code_token(IFGW_CL_COVER_KIND, r->kind));
	ifgw_edi_w_code(w, "Request", code, &ifgw_edi_cl_request07);
	ifgw_edi_w_amount(w, "NewCreditCoverAmt", &r->amount, 0);
	ifgw_edi_w_date(w, "NewExpiryDate", r->expiry_date);
	ifgw_edi_w_date(w, "ValidFrom", r->valid_from);
	ifgw_edi_w_int(w, "LongCreditPeriodDays", r->long_credit_days, 3);
	ifgw_edi_w_close(w);
	if (r->own_risk_amount.ccy || r->own_risk_pct != IFGW_PCT_NONE) {
		ifgw_edi_w_open(w, "OwnRiskNewCreditCover");
		ifgw_edi_w_amount(w, "OwnRiskAmt", &r->own_risk_amount, 0);
		ifgw_edi_w_pct(w, "OwnRiskPerc", r->own_risk_pct);
		ifgw_edi_w_close(w);
	}
	ifgw_edi_w_text(w, "MsgText", r->text, EDI_FREE_1400);
}

static void enc06(struct edi_w *w, const struct ifgw_msg *m)
{
	static const struct party_layout buyer = {"BuyerCompanyRegNr",  "BuyerNr", "IFOwnBuyerNr", "BuyerName", 1, 0, 0,
	                                          "CoverResponse/Buyer"};
	const struct ifgw_cover_response *r = &m->body.cover_response;
	int code = response(w, 6, r);

	ifgw_edi_w_date(w, "ReplyDate", r->reply_date);
	ifgw_edi_w_text(w, "CreditCoverNr", r->cover_nr, 35);
	ifgw_edi_w_code(w, "MsgFunction", r->function ? r->function : ifgw_edi_default_reply_function(r->decision),
	           &ifgw_edi_cl_function06);
	ifgw_edi_w_text(w, "OrigReqNr", r->request_nr, 35);
	ifgw_edi_w_need(w, "OrigReqDate", r->request_date != IFGW_DATE_NONE, "CoverResponse/RequestDate");
	ifgw_edi_w_date(w, "OrigReqDate", r->request_date);
	ifgw_edi_w_open(w, "Seller");
	ifgw_edi_w_text(w, "SellerNr", r->seller.nr, 35);
	ifgw_edi_w_text_req(w, "SellerName", r->seller.name, 35, "CoverResponse/Seller/Name");
	ifgw_edi_w_text(w, "IFOwnSellerNr", r->seller.own_nr, 35);
	ifgw_edi_w_close(w);
	ifgw_edi_w_open(w, "Buyer");
	party(w, &r->buyer, &buyer);
	contact(w, &r->buyer_contact);
	ifgw_edi_w_close(w);
	ifgw_edi_w_open(w, "CreditCoverDetails");
	ifgw_edi_w_amount(w, "CreditCoverAmt", &r->amount, 0);
	ifgw_edi_w_ccy(w, "Currency", r->amount.ccy);
	ifgw_edi_w_amount(w, "OwnRiskAmt", &r->own_risk_amount, 0);
	ifgw_edi_w_pct(w, "OwnRiskPerc", r->own_risk_pct);
	ifgw_edi_w_int(w, "LongCreditPeriodDays", r->long_credit_days, 3);
	ifgw_edi_w_date(w, "ValidFrom", r->valid_from);
	ifgw_edi_w_date(w, "ExpiryDate", r->expiry_date);
	ifgw_edi_w_code(w, "Response", code, &ifgw_edi_cl_response06);
	ifgw_edi_w_code(w, "Reason", r->reason, &ifgw_edi_cl_reason);
	ifgw_edi_w_amount(w, "CreditCoverAmtCheck", &r->amount, 0);
	ifgw_edi_w_close(w);
	ifgw_edi_w_text(w, "MsgText", r->text, EDI_FREE_1400);
}

static void enc08(struct edi_w *w, const struct ifgw_msg *m)
{
	const struct ifgw_cover_response *r = &m->body.cover_response;
	int code = response(w, 8, r);

	ifgw_edi_w_date(w, "ReplyDate", r->reply_date);
	ifgw_edi_w_text(w, "RevisionNr", r->cover_nr, 35);
	if (m->hdr.type == IFGW_MSG_COVER_REVISION) {
		ifgw_edi_w_text(w, "OrigReqNr", EDI_REVISION_ORIG_REQ, 35); /* "0": the IF's own revision */
	} else {
		if (strcmp(r->request_nr, EDI_REVISION_ORIG_REQ) == 0)
			ifgw_edi_w_fail(w, IFGW_EINVAL, "OrigReqNr",
			           "request number '0' marks an import factor's own revision on this wire");
		ifgw_edi_w_text(w, "OrigReqNr", r->request_nr, 35);
	}
	ref(w, "Seller", "SellerNr", "SellerName", r->seller.nr, r->seller.name, 1, "CoverResponse/Seller/Nr");
	ref(w, "Buyer", "BuyerNr", "BuyerName", r->buyer.nr, r->buyer.name, 1, "CoverResponse/Buyer/Nr");
	ifgw_edi_w_open(w, "CurrentCreditCoverDetails");
	ifgw_edi_w_need(w, "CurrentCreditCoverAmt", r->current_amount.ccy != NULL, "CurrentAmount");
	ifgw_edi_w_amount(w, "CurrentCreditCoverAmt", &r->current_amount, 0);
	ifgw_edi_w_ccy(w, "Currency", r->amount.ccy);
	ifgw_edi_w_date(w, "CurrentExpiryDate", r->current_expiry);
	ifgw_edi_w_close(w);
	ifgw_edi_w_open(w, "NewCreditCoverDetails");
	ifgw_edi_w_amount(w, "NewCreditCoverAmt", &r->amount, 0);
	ifgw_edi_w_date(w, "NewExpiryDate", r->expiry_date);
	ifgw_edi_w_date(w, "ValidFrom", r->valid_from);
	ifgw_edi_w_int(w, "LongCreditPeriodDays", r->long_credit_days, 3);
	ifgw_edi_w_code(w, "Response", code, &ifgw_edi_cl_response08);
	ifgw_edi_w_code(w, "Reason", r->reason, &ifgw_edi_cl_reason);
	ifgw_edi_w_close(w);
	ifgw_edi_w_open(w, "OwnRiskNewCreditCover");
	ifgw_edi_w_amount(w, "OwnRiskAmt", &r->own_risk_amount, 0);
	ifgw_edi_w_pct(w, "OwnRiskPerc", r->own_risk_pct);
	ifgw_edi_w_amount(w, "CreditCoverAmtCheck", &r->amount, 0);
	ifgw_edi_w_close(w);
	ifgw_edi_w_text(w, "MsgText", r->text, EDI_FREE_1400);
}

static void enc09_batch(struct edi_w *w, const struct ifgw_msg *m)
{
	const struct ifgw_assignment_batch *b = &m->body.batch;
	const struct ifgw_batch_total *t = &b->totals[0];
	size_t i;

	if (b->n_totals != 1) {
		ifgw_edi_w_fail(w, IFGW_EINVAL, NULL,
		           "documents in %zu currencies: MSG09 carries one (InvBatchCurrency); split the batch first "
		           "(ifgw_adapter_split)",
		           b->n_totals);
		return;
	}
	too_many(w, "InvCreditNoteDetails", b->n_items);
	ifgw_edi_w_text(w, "InvBatchNr", b->batch_nr, 35);
	ifgw_edi_w_date(w, "InvBatchDate", b->batch_date);
	ifgw_edi_w_ccy(w, "InvBatchCurrency", t->ccy);
	ifgw_edi_w_amount(w, "TotAmtInvoices", &t->invoices, 0);
	ifgw_edi_w_amount(w, "TotAmtCreditNotes", &t->credit_notes, 0);
	ref(w, "Seller", "SellerNr", "SellerName", b->seller.nr, b->seller.name, 1, "AssignmentBatch/Seller/Nr");
	for (i = 0; i < b->n_items && !w->rc; i++) {
		const struct ifgw_invoice *inv = &b->items[i];

		ifgw_edi_w_open_item(w, "InvCreditNoteDetails", i + 1);
		ifgw_edi_w_text_req(w, "BuyerNr", inv->buyer.nr, 35, "Invoice/Buyer/Nr");
		ifgw_edi_w_text(w, "BuyerName", inv->buyer.name, 35);
		ifgw_edi_w_code(w, "DocType", inv->doc_type, &ifgw_edi_cl_doctype09);
		ifgw_edi_w_text(w, "DocNr", inv->number, 35);
		ifgw_edi_w_date(w, "DocDate", inv->issue_date);
		ifgw_edi_w_amount(w, "DocAmt", &inv->amount, 0);
		ifgw_edi_w_date(w, "DocDueDate", inv->due_date);
		ifgw_edi_w_date(w, "DocValueDate", inv->value_date);
		terms(w, &inv->terms, 0, NULL);
		ifgw_edi_w_code(w, "PmtCondition", inv->payment_condition, &ifgw_edi_cl_pay_condition);
		ifgw_edi_w_text(w, "OrderNrRef", inv->order_ref, 35);
		ifgw_edi_w_text(w, "InvRefNr", inv->invoice_ref, 35);
		ifgw_edi_w_close(w);
	}
	ifgw_edi_w_open(w, "ControlTot");
	ifgw_edi_w_int(w, "TotNrInvoices", t->n_invoices, 3);
	ifgw_edi_w_int(w, "TotNrCreditNotes", t->n_credit_notes, 3);
	ifgw_edi_w_close(w);
	ifgw_edi_w_text(w, "MsgText", b->text, EDI_FREE_1400);
}

static void enc09_status(struct edi_w *w, const struct ifgw_msg *m)
{
	const struct ifgw_assignment_status *s = &m->body.assignment_status;
	size_t i;

	too_many(w, "InvCreditNoteStatus", s->n_items);
	ifgw_edi_w_text(w, "InvBatchNr", s->batch_nr, 35);
	ifgw_edi_w_date(w, "StatusDate", s->status_date);
	ifgw_edi_w_date(w, "InvBatchDate", s->batch_date);
	ifgw_edi_w_code(w, "BatchStatus", s->status, &ifgw_edi_cl_batch_status);
	ifgw_edi_w_text(w, "StatusReasonCode", s->reason_code, 35);
	ifgw_edi_w_text(w, "StatusReasonText", s->reason_text, IFGW_REASON_CHARS);
	for (i = 0; i < s->n_items && !w->rc; i++) {
		const struct ifgw_assignment_item *it = &s->items[i];

		ifgw_edi_w_open_item(w, "InvCreditNoteStatus", i + 1);
		ifgw_edi_w_code(w, "DocType", it->doc_type, &ifgw_edi_cl_doctype09);
		ifgw_edi_w_text(w, "DocNr", it->number, 35);
		ifgw_edi_w_date(w, "DocDate", it->issue_date);
		ifgw_edi_w_ccy(w, "DocCurrency", it->amount.ccy ? it->amount.ccy : it->approved_amount.ccy);
		ifgw_edi_w_amount(w, "DocAmt", &it->amount, 0);
		ifgw_edi_w_amount(w, "ApprovedAmt", &it->approved_amount, 0);
		ifgw_edi_w_code(w, "DocStatus", it->status, &ifgw_edi_cl_doc_status);
		ifgw_edi_w_text(w, "ReasonCode", it->reason_code, 35);
		ifgw_edi_w_text(w, "ReasonText", it->reason_text, IFGW_REASON_CHARS);
		ifgw_edi_w_close(w);
	}
	ifgw_edi_w_text(w, "MsgText", s->text, EDI_FREE_1400);
}

static void enc10(struct edi_w *w, const struct ifgw_msg *m)
{
	const struct ifgw_adjustment *a = &m->body.adjustment;

	ifgw_edi_w_date(w, "MsgDate", a->date);
	ifgw_edi_w_code(w, "MsgFunction", a->kind == IFGW_ADJUST_CANCEL ? 9 : 10, &ifgw_edi_cl_function10);
	ifgw_edi_w_code(w, "DocType", a->doc_type, &ifgw_edi_cl_doctype09);
	ifgw_edi_w_text(w, "OrigDocNr", a->doc_nr, 35);
	ifgw_edi_w_date(w, "OrigDocDate", a->doc_date);
	ifgw_edi_w_ccy(w, "OrigDocCurrency", a->currency);
	ref(w, "Seller", "SellerNr", "SellerName", a->seller.nr, a->seller.name, 1, "DocumentAdjustment/Seller/Nr");
	ref(w, "Buyer", "BuyerNr", "BuyerName", a->buyer.nr, a->buyer.name, 1, "DocumentAdjustment/Buyer/Nr");
	if (a->value_date != IFGW_DATE_NONE || a->due_date != IFGW_DATE_NONE || a->terms.net_days != IFGW_INT_NONE ||
	    a->terms.discount1_days != IFGW_INT_NONE || a->terms.discount1_pct != IFGW_PCT_NONE ||
	    a->terms.discount2_days != IFGW_INT_NONE || a->terms.discount2_pct != IFGW_PCT_NONE ||
	    a->payment_condition || a->order_ref[0]) {
		ifgw_edi_w_open(w, "AdjustDetails");
		ifgw_edi_w_date(w, "InvValueDate", a->value_date);
		ifgw_edi_w_date(w, "InvDueDate", a->due_date);
		terms(w, &a->terms, 0, NULL);
		ifgw_edi_w_code(w, "PmtCondition", a->payment_condition, &ifgw_edi_cl_pay_condition);
		ifgw_edi_w_text(w, "OrderNrRef", a->order_ref, 35);
		ifgw_edi_w_close(w);
	}
	ifgw_edi_w_text(w, "MsgText", a->text, EDI_FREE_1400);
}

static void enc_payment(struct edi_w *w, const struct ifgw_msg *m, int nn)
{
	const struct ifgw_payment *p = &m->body.payment;
	const struct edi_codes *paid = nn == 11   ? &ifgw_edi_cl_doc_paid11
	                               : nn == 12 ? &ifgw_edi_cl_doc_paid12
	                                          : &ifgw_edi_cl_doc_paid13;
	size_t i;

	too_many(w, "PmtDetails", p->n_items);
	ifgw_edi_w_text(w, "PmtBatchNr", p->batch_nr, 35);
	ifgw_edi_w_date(w, "PmtBatchDate", p->batch_date);
	ifgw_edi_w_ccy(w, "PmtBatchCurrency", p->currency);
	ref(w, "Seller", "SellerNr", "SellerName", p->seller.nr, p->seller.name, 1, "Payment/Seller/Nr");
	for (i = 0; i < p->n_items && !w->rc; i++) {
		const struct ifgw_payment_item *it = &p->items[i];

		ifgw_edi_w_open_item(w, "PmtDetails", i + 1);
		ifgw_edi_w_text(w, "BuyerNr", it->buyer.nr, 35);
		ifgw_edi_w_text(w, "BuyerName", it->buyer.name, 35);
		ifgw_edi_w_code(w, "DocPaid", it->doc_paid, paid);
		ifgw_edi_w_text(w, "InvCreditNoteNr", it->doc_nr, 35);
		ifgw_edi_w_date(w, "InvCreditNoteDate", it->doc_date);
		ifgw_edi_w_amount(w, "InvCreditNoteAmt", &it->doc_amount, 0);
		ifgw_edi_w_amount(w, "PmtAmt", &it->paid, 0);
		ifgw_edi_w_amount(w, "BankChargeAmt", &it->bank_charge, 0);
		ifgw_edi_w_amount(w, nn == 13 ? "RiskSharingDeducAmt" : "DeducAmt", &it->deduction, 0);
		if (nn != 13)
			ifgw_edi_w_code(w, "PmtType", it->pay_type, &ifgw_edi_cl_pay_type);
		ifgw_edi_w_date(w, "PmtDate", it->pay_date);
		ifgw_edi_w_date(w, "PmtValueDate", it->value_date);
		ifgw_edi_w_close(w);
	}
	ifgw_edi_w_open(w, "ControlTot");
	ifgw_edi_w_amount(w, "TotAmtPaid", &p->total_paid, 1);
	ifgw_edi_w_amount(w, "TotAmtBankChargeDeduc", &p->total_charges, 1);
	ifgw_edi_w_amount(w, "TotAmtCleared", &p->total_cleared, 1);
	ifgw_edi_w_close(w);
	ifgw_edi_w_text(w, "MsgText", p->text, EDI_FREE_700);
}

static void enc_dispute(struct edi_w *w, const struct ifgw_msg *m, int nn)
{
	const struct ifgw_dispute *d = &m->body.dispute;
	size_t i;

	too_many(w, "DisputeDetails", d->n_items);
	ifgw_edi_w_date(w, "MsgDate", d->date);
	ifgw_edi_w_text(w, "DisputeNr", d->dispute_nr, 35);
	ifgw_edi_w_date(w, "DateOriginDispute", d->origin_date);
	ifgw_edi_w_ccy(w, "DisputeCurrency", d->currency);
	if (nn == 15) {
		ifgw_edi_w_code(w, "DisputeStatus", d->status, &ifgw_edi_cl_dispute_status);
		ifgw_edi_w_date(w, "DateSettlementDispute", d->settlement_date);
	}
	ref(w, "Seller", "SellerNr", "SellerName", d->seller.nr, d->seller.name, 1, "Dispute/Seller/Nr");
	ref(w, "Buyer", "BuyerNr", "BuyerName", d->buyer.nr, d->buyer.name, 1, "Dispute/Buyer/Nr");
	for (i = 0; i < d->n_items && !w->rc; i++) {
		const struct ifgw_dispute_item *it = &d->items[i];

		ifgw_edi_w_open_item(w, "DisputeDetails", i + 1);
		ifgw_edi_w_code(w, "DocType", it->doc_type, &ifgw_edi_cl_doctype14);
		ifgw_edi_w_text(w, "DocNr", it->doc_nr, 35);
		ifgw_edi_w_date(w, "DocDate", it->doc_date);
		ifgw_edi_w_amount(w, "DocAmt", &it->doc_amount, 0);
		ifgw_edi_w_amount(w, "DisputeAmt", &it->disputed, 0);
		ifgw_edi_w_code(w, "DisputeReason", it->reason, &ifgw_edi_cl_dispute_reason);
		if (nn == 15)
			ifgw_edi_w_code(w, "InstructionStatus", it->instruction, &ifgw_edi_cl_instruction);
		ifgw_edi_w_text(w, "NotifyingParty", it->notified_by, 35);
		ifgw_edi_w_code(w, "Action", it->action, &ifgw_edi_cl_action);
		ifgw_edi_w_close(w);
	}
	ifgw_edi_w_text(w, "DisputeReasonText", d->reason_text, EDI_FREE_3500);
	ifgw_edi_w_text(w, "ActionText", d->action_text, EDI_FREE_3500);
}

static void enc16(struct edi_w *w, const struct ifgw_msg *m)
{
	const struct ifgw_chargeback *c = &m->body.chargeback;
	size_t i;

	too_many(w, "ChargeBackReassDetails", c->n_items);
	ifgw_edi_w_date(w, "MsgDate", c->date);
	ifgw_edi_w_code(w, "MsgType", c->kind, &ifgw_edi_cl_msg_type16);
	ifgw_edi_w_text(w, "MsgNr", c->nr, 35);
	ifgw_edi_w_ccy(w, "DocCurrency", c->currency);
	ref(w, "Seller", "SellerNr", "SellerName", c->seller.nr, c->seller.name, 1, "ChargeBack/Seller/Nr");
	for (i = 0; i < c->n_items && !w->rc; i++) {
		const struct ifgw_chargeback_item *it = &c->items[i];

		ifgw_edi_w_open_item(w, "ChargeBackReassDetails", i + 1);
		ifgw_edi_w_text(w, "BuyerNr", it->buyer.nr, 35);
		ifgw_edi_w_text(w, "BuyerName", it->buyer.name, 35);
		ifgw_edi_w_code(w, "DocType", it->doc_type, &ifgw_edi_cl_doctype16);
		ifgw_edi_w_text(w, "DocNr", it->doc_nr, 35);
		ifgw_edi_w_date(w, "DocDate", it->doc_date);
		ifgw_edi_w_amount(w, "DocAmt", &it->doc_amount, 0);
		ifgw_edi_w_amount(w, "ChargeBackReassAmt", &it->amount, 0);
		ifgw_edi_w_code(w, "ChargeBackReassReason", it->reason, &ifgw_edi_cl_dispute_reason);
		ifgw_edi_w_close(w);
	}
	ifgw_edi_w_open(w, "ControlTot");
	ifgw_edi_w_amount(w, "TotAmt", &c->total, 1);
	ifgw_edi_w_close(w);
	ifgw_edi_w_text(w, "MsgText", c->text, EDI_FREE_700);
}

static void enc18(struct edi_w *w, const struct ifgw_msg *m)
{
	const struct ifgw_remittance *r = &m->body.remittance;
	size_t i;

	too_many(w, "RemitDetails", r->n_items);
	ifgw_edi_w_date(w, "MsgDate", r->date);
	ifgw_edi_w_text(w, "RemitNr", r->remit_nr, 35);
	ifgw_edi_w_ccy(w, "RemitCurrency", r->currency);
	ifgw_edi_w_date(w, "RemitDate", r->remit_date);
	ifgw_edi_w_date(w, "ValueDate", r->value_date);
	ifgw_edi_w_code(w, "PmtMethod", r->method, &ifgw_edi_cl_pay_method);
	ifgw_edi_w_code(w, "PmtChannel", r->channel, &ifgw_edi_cl_pay_channel);
	ref(w, "Seller", "SellerNr", "SellerName", r->seller.nr, r->seller.name, 0, NULL);
	ref(w, "Beneficiary", "BeneficiaryNr", "BeneficiaryName", r->beneficiary.nr, r->beneficiary.name, 0, NULL);
	for (i = 0; i < r->n_items && !w->rc; i++) {
		const struct ifgw_remittance_item *it = &r->items[i];

		ifgw_edi_w_open_item(w, "RemitDetails", i + 1);
		ifgw_edi_w_text(w, "MsgNrRef", it->msg_ref, 35);
		ifgw_edi_w_date(w, "MsgDateRef", it->msg_date);
		ifgw_edi_w_amount(w, "PmtAmt", &it->amount, 1);
		ifgw_edi_w_amount(w, "BankChargeAmt", &it->bank_charge, 0);
		ifgw_edi_w_close(w);
	}
	ifgw_edi_w_open(w, "ControlTot");
	ifgw_edi_w_amount(w, "TotAmtRemitted", &r->total, 0);
	ifgw_edi_w_close(w);
	ifgw_edi_w_text(w, "MsgText", r->text, EDI_FREE_3500);
}

static void member(struct edi_w *w, const char *group, const struct ifgw_factor *f, const struct ifgw_contact *c)
{
	ifgw_edi_w_open(w, group);
	ifgw_edi_w_text(w, "MemberNr", f->code, 7);
	ifgw_edi_w_text(w, "MemberName", f->name, 35);
	ifgw_edi_w_text(w, "ContactName", c->name, 35);
	ifgw_edi_w_text(w, "Telephone", c->phone, 25);
	ifgw_edi_w_text(w, "Email", c->email, 70); /* MSG21 has no Fax element */
	ifgw_edi_w_close(w);
}

static void enc21(struct edi_w *w, const struct ifgw_msg *m)
{
	const struct ifgw_free_text *f = &m->body.free_text;

	ifgw_edi_w_date(w, "MsgDate", f->date);
	member(w, "Sender", &m->hdr.sender, &f->sender_contact);
	member(w, "Recipient", &m->hdr.receiver, &f->recipient_contact);
	ref(w, "Seller", "SellerNr", "SellerName", f->seller.nr, f->seller.name, 0, NULL);
	ref(w, "Buyer", "BuyerNr", "BuyerName", f->buyer.nr, f->buyer.name, 0, NULL);
	ifgw_edi_w_text(w, "MsgText", f->text, EDI_FREE_3500);
}

static void enc27(struct edi_w *w, const struct ifgw_msg *m)
{
	static const struct party_layout entity = {"EntityCompanyRegNr",      "EntityNr", NULL, "EntityName", 0, 0, 1,
	                                           "PositionStatement/Entity"};
	const struct ifgw_position *p = &m->body.position;
	size_t i;

	too_many(w, "PositionDetails", p->n_items);
	ifgw_edi_w_date(w, "MsgDate", p->as_of);
	ifgw_edi_w_text(w, "GroupId", p->group_id, 35);
	ifgw_edi_w_open(w, "Entity");
	party(w, &p->entity, &entity);
	ifgw_edi_w_close(w);
	for (i = 0; i < p->n_items && !w->rc; i++) {
		const struct ifgw_position_line *it = &p->items[i];

		ifgw_edi_w_open_item(w, "PositionDetails", i + 1);
		ifgw_edi_w_ccy(w, "Currency", it->currency);
		ifgw_edi_w_int(w, "NrInvoices", it->n_invoices, 10);
		ifgw_edi_w_amount(w, "AssignedAmt", &it->assigned, 0);
		ifgw_edi_w_amount(w, "ApprovedAmt", &it->approved, 0);
		ifgw_edi_w_amount(w, "FundedAmt", &it->funded, 0);
		ifgw_edi_w_amount(w, "AvailableAmt", &it->available, 0);
		ifgw_edi_w_amount(w, "OverdueAmt", &it->overdue, 0);
		ifgw_edi_w_amount(w, "DisputedAmt", &it->disputed, 0);
		ifgw_edi_w_close(w);
	}
	ifgw_edi_w_text(w, "MsgText", p->text, EDI_FREE_1400);
}

static void body(struct edi_w *w, const struct ifgw_msg *m, int nn)
{
	switch (nn) {
	case 1:
		enc01(w, m);
		break;
	case 5:
		enc05(w, m);
		break;
	case 6:
		enc06(w, m);
		break;
	case 7:
		enc07(w, m);
		break;
	case 8:
		enc08(w, m);
		break;
	case 9:
		enc09_batch(w, m);
		break;
	case EDI_NN_BATCH_STATUS:
		enc09_status(w, m);
		break;
	case 10:
		enc10(w, m);
		break;
	case 11:
	case 12:
	case 13:
		enc_payment(w, m, nn);
		break;
	case 14:
	case 15:
		enc_dispute(w, m, nn);
		break;
	case 16:
		enc16(w, m);
		break;
	case 18:
		enc18(w, m);
		break;
	case 21:
		enc21(w, m);
		break;
	case EDI_NN_POSITION:
		enc27(w, m);
		break;
	}
}

int ifgw_edi_encode(struct ifgw_buf *out, const struct ifgw_msg *m, const struct ifgw_adapter_env *env)
{
	const char *type = ifgw_msg_type_name(m->hdr.type), *charset;
	struct ifgw_buf utf8;
	struct edi_w w;
	size_t start = out->len;
	int nn = ifgw_edi_msg_number(m), rc;

	ifgw_buf_init(&utf8, EDI_WIRE_MAX);
	if (!nn) {
		rc = ifgw_error_set(IFGW_EUNSUPPORTED, "edifactoring does not carry %s messages",
		                    type ? type : "unknown");
		goto out;
	}
	/* UTF-8 goes straight to out; other charsets are converted at the end */
	charset = env->charset ? env->charset : env->profile->charset;
	if ((rc = ifgw_edi_w_begin(&w, ifgw_edi_charset_same(charset, "UTF-8") ? out : &utf8, nn, env)) != IFGW_OK)
		goto out;
	head(&w, m, nn != 21);
	body(&w, m, nn);
	if ((rc = ifgw_edi_w_end(&w)) != IFGW_OK)
		goto out;
	if (!w.utf8)
		rc = ifgw_charset_from_utf8(out, w.charset, utf8.ptr, utf8.len, w.translit, w.msg);
out:
	if (rc != IFGW_OK && out->len > start) {
		out->len = start; /* nothing of a refused message is left behind */
		out->ptr[start] = '\0';
	}
	ifgw_buf_free(&utf8);
	return rc;
}
