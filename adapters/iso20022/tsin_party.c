/* tsin_party.c: the party registration and guarantee family
 * (FinancingAgreementList1):
 *   SellerRegistration          tsin.009 PtyRegnAndGrntReq (AppHdr names it)
 *   CoverRequest                tsin.009 PtyRegnAndGrntReq
 *   CoverResponse               tsin.010 PtyRegnAndGrntSts
 *   CoverRevision               tsin.010 PtyRegnAndGrntSts (AppHdr names it)
 * One agreement list with one item.  The cover is the item's guarantee:
 * GrntedAmt = the cover amount (StartDt / EndDt = valid from / expiry),
 * Xcss = the seller's own risk, CvrdPctg = 100% minus the own-risk
 * percentage.  The item's AddtlInf slots carry the remainder (FCI codes,
 * terms, expectations ...); the list's AddtlInf carries the message text.
 * Controls: ItmCnt 1 and CtrlSum = the cover amount, on the list and the
 * message, checked on decode. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#define IFGW_ISO_INTERNAL
#include "adapters/iso20022/iso_int.h"
#include "base/error.h"

static const struct ifgw_field_limits *limits(const struct iso_w *w)
{
	return &w->env->profile->limits;
}

/* ItmActn of a cover kind; the remainder says which change when MDFY. */
static const char *kind_action(int kind)
{
	return kind == IFGW_COVER_NEW ? "OPEN" : kind == IFGW_COVER_CANCEL ? "DEAC" : "MDFY";
}

static void write_guarantee(struct iso_w *w, const char *issuer, const struct ifgw_money *amount,
			    int32_t valid_from, int32_t expiry, const struct ifgw_money *own_risk,
			    int32_t own_risk_pct)
{
	ifgw_iso_w_open(w, "Grnt");
	ifgw_iso_w_leaf(w, "Issr", issuer);
	ifgw_iso_w_open(w, "GrntedAmt");
	ifgw_iso_w_amount(w, "Amt", amount);
	ifgw_iso_w_date(w, "StartDt", valid_from);
	ifgw_iso_w_date(w, "EndDt", expiry);
	ifgw_iso_w_close(w, "GrntedAmt");
	if (own_risk->ccy) {
		ifgw_iso_w_open(w, "Xcss");
		ifgw_iso_w_amount(w, "Amt", own_risk);
		ifgw_iso_w_close(w, "Xcss");
	}
	if (own_risk_pct != IFGW_PCT_NONE) {
		ifgw_iso_w_open(w, "CvrdPctg");
		ifgw_iso_w_pct(w, "Pctg", IFGW_PERCENT_ONE - own_risk_pct);
		ifgw_iso_w_close(w, "CvrdPctg");
	}
	ifgw_iso_w_close(w, "Grnt");
}

/* What the item needs from the message of each type, gathered while the
 * parties are declared in the letter and the remainder is written. */
struct party_head {
	char seller[16], buyer[16], bank[16]; /* letter references; "" = none */
	const char *list_idr, *item_idr, *text;
	int32_t date;
	struct iso_sum sum;
};

static void declare_registration(struct iso_w *w, const struct ifgw_msg *m, struct iso_party_set *ps,
				 struct iso_kvw *body, struct party_head *h)
{
	const struct ifgw_seller_registration *s = &m->body.seller_registration;
	size_t saved, i;

	saved = ifgw_iso_w_push(w, "Seller");
	ifgw_iso_party_declare(w, ps, h->seller, "Sellr", &s->seller, NULL);
	ifgw_iso_w_pop(w, saved);
	if (s->seller_bank.bic[0] || s->seller_bank.bank_name[0] || s->seller_bank.branch_name[0]) {
		saved = ifgw_iso_w_push(w, "SellerBank");
		ifgw_iso_bank_declare(w, ps, h->bank, "SellrBk", &s->seller_bank);
		ifgw_iso_w_pop(w, saved);
	}
	h->list_idr = m->hdr.id;
	h->item_idr = s->seller.nr;
	h->date = s->date;
	h->text = s->text;
	ifgw_iso_kvw_code(body, "Function", IFGW_CL_SELLER_FUNCTION, s->function);
	ifgw_iso_kvw_date(body, "AgreementSigned", s->agreement_signed);
	ifgw_iso_kvw_str(body, "Business", s->business);
	ifgw_iso_kvw_terms(body, "Terms", &s->terms);
	ifgw_iso_kvw_int(body, "GraceDays", s->grace_days);
	for (i = 1; i < s->n_currencies; i++) {
		char key[48];

		snprintf(key, sizeof(key), "InvoiceCurrency[%zu]", i + 1);
		ifgw_iso_kvw_ccy(body, key, s->currencies[i]);
	}
	ifgw_iso_kvw_pct(body, "ChargeBackPercent", s->chargeback_pct);
	ifgw_iso_kvw_money(body, "ChargeBackAmount", &s->chargeback_amount);
	ifgw_iso_kvw_str(body, "ExpectedTotalTurnover", s->expected_total_turnover);
	ifgw_iso_kvw_int(body, "ExpectedBuyers", s->expected_buyers);
	ifgw_iso_kvw_int(body, "ExpectedInvoices", s->expected_invoices);
	ifgw_iso_kvw_int(body, "ExpectedCreditNotes", s->expected_credit_notes);
	ifgw_iso_kvw_str(body, "ExpectedTurnover", s->expected_turnover);
	ifgw_iso_kvw_str(body, "ExpectedOtherTurnover", s->expected_other_turnover);
	ifgw_iso_kvw_str(body, "OtherFactors", s->other_factors);
	ifgw_iso_kvw_code(body, "Service", IFGW_CL_SERVICE, s->service);
	ifgw_iso_kvw_str(body, "DeliveryTerms", s->delivery_terms);
}

static void declare_cover_request(struct iso_w *w, const struct ifgw_msg *m, struct iso_party_set *ps,
				  struct iso_kvw *body, struct party_head *h)
{
	const struct ifgw_cover_request *c = &m->body.cover_request;
	size_t saved;

	saved = ifgw_iso_w_push(w, "Seller");
	ifgw_iso_party_declare(w, ps, h->seller, "Sellr", &c->seller, NULL);
	ifgw_iso_w_pop(w, saved);
	saved = ifgw_iso_w_push(w, "Buyer");
	ifgw_iso_party_declare(w, ps, h->buyer, "Buyr", &c->buyer, &c->buyer_contact);
	ifgw_iso_w_pop(w, saved);
	if (c->buyer_bank.bic[0] || c->buyer_bank.bank_name[0] || c->buyer_bank.branch_name[0]) {
		saved = ifgw_iso_w_push(w, "BuyerBank");
		ifgw_iso_bank_declare(w, ps, h->bank, "BuyrBk", &c->buyer_bank);
		ifgw_iso_w_pop(w, saved);
	}
	h->list_idr = c->request_nr;
	h->item_idr = c->cover_nr[0] ? c->cover_nr : c->request_nr;
	if (!c->cover_nr[0])
		ifgw_iso_kvw_absent(body, "CoverNr");
	h->date = c->request_date;
	h->text = c->text;
	if (c->kind != IFGW_COVER_NEW && c->kind != IFGW_COVER_CANCEL)
		ifgw_iso_kvw_code(body, "Kind", IFGW_CL_COVER_KIND, c->kind);
	if (c->reminder)
		ifgw_iso_kvw_str(body, "Reminder", "true");
	ifgw_iso_kvw_code(body, "Function", IFGW_CL_COVER_FUNCTION, c->function);
	ifgw_iso_kvw_code(body, "RequestCode", IFGW_CL_REQUEST, c->request_code);
	ifgw_iso_kvw_code(body, "DirectContact", IFGW_CL_YESNO, c->direct_contact);
	ifgw_iso_kvw_money(body, "CurrentAmount", &c->current_amount);
	ifgw_iso_kvw_date(body, "CurrentExpiry", c->current_expiry);
	ifgw_iso_kvw_terms(body, "Terms", &c->terms);
	ifgw_iso_kvw_int(body, "LongCreditDays", c->long_credit_days);
	ifgw_iso_kvw_str(body, "OrderNr", c->order_nr);
	ifgw_iso_kvw_date(body, "LateShipmentDate", c->late_shipment_date);
	ifgw_iso_sum_add(&h->sum, &c->amount);
}

/* CoverResponse and CoverRevision share the tsin.010 body. */
static void declare_cover_response(struct iso_w *w, const struct ifgw_msg *m, struct iso_party_set *ps,
				   struct iso_kvw *body, struct party_head *h)
{
	const struct ifgw_cover_response *c = &m->body.cover_response;
	size_t saved;

	saved = ifgw_iso_w_push(w, "Seller");
	ifgw_iso_party_declare(w, ps, h->seller, "Sellr", &c->seller, NULL);
	ifgw_iso_w_pop(w, saved);
	saved = ifgw_iso_w_push(w, "Buyer");
	ifgw_iso_party_declare(w, ps, h->buyer, "Buyr", &c->buyer, &c->buyer_contact);
	ifgw_iso_w_pop(w, saved);
	h->list_idr = c->request_nr[0] ? c->request_nr : c->cover_nr;
	if (!c->request_nr[0])
		ifgw_iso_kvw_absent(body, "RequestNr");
	h->item_idr = c->cover_nr;
	h->date = c->reply_date;
	h->text = c->text;
	if (c->decision == IFGW_COVER_PARTLY_APPROVED || c->decision == IFGW_COVER_PENDING ||
	    c->decision == IFGW_COVER_CANCELLED)
		ifgw_iso_kvw_code(body, "Decision", IFGW_CL_COVER_DECISION, c->decision);
	ifgw_iso_kvw_code(body, "ResponseCode", IFGW_CL_RESPONSE, c->response_code);
	if (c->request_kind != IFGW_COVER_NEW && c->request_kind != IFGW_COVER_CANCEL)
		ifgw_iso_kvw_code(body, "RequestKind", IFGW_CL_COVER_KIND, c->request_kind);
	ifgw_iso_kvw_code(body, "Function", IFGW_CL_REPLY_FUNCTION, c->function);
	ifgw_iso_kvw_date(body, "RequestDate", c->request_date);
	ifgw_iso_kvw_money(body, "CurrentAmount", &c->current_amount);
	ifgw_iso_kvw_date(body, "CurrentExpiry", c->current_expiry);
	ifgw_iso_kvw_int(body, "LongCreditDays", c->long_credit_days);
	ifgw_iso_sum_add(&h->sum, &c->amount);
}

int ifgw_iso_party_encode(struct iso_w *w, const struct ifgw_msg *m)
{
	int schema = ifgw_iso_type_schema(m->hdr.type, NULL), request = schema == ISO_TSIN009;
	const struct ifgw_iso_schema_info *info = ifgw_iso_schema_info(schema);
	char sum_text[48];
	struct party_head h;
	struct iso_party_set ps;
	struct iso_kvw body, none;
	size_t saved;

	if (schema != ISO_TSIN009 && schema != ISO_TSIN010)
		return ifgw_error_set(IFGW_EUNSUPPORTED, "iso20022: %s is not a party registration message",
				      ifgw_msg_type_name(m->hdr.type));
	memset(&h, 0, sizeof(h));
	h.list_idr = h.item_idr = h.text = "";
	h.date = IFGW_DATE_NONE;
	ifgw_iso_party_set_init(&ps);
	ifgw_iso_kvw_init(&body, w);
	ifgw_iso_kvw_init(&none, w);
	/* parties and the remainder first: the letter declares the parties */
	if (m->hdr.type == IFGW_MSG_SELLER_REGISTRATION)
		declare_registration(w, m, &ps, &body, &h);
	else if (m->hdr.type == IFGW_MSG_COVER_REQUEST)
		declare_cover_request(w, m, &ps, &body, &h);
	else
		declare_cover_response(w, m, &ps, &body, &h);

	ifgw_iso_w_open_ns(w, "Document", info->ns);
	ifgw_iso_w_open(w, info->root);
	ifgw_iso_letter_write(w, m, &ps, &none.buf);
	ifgw_iso_w_open(w, "AgrmtList");
	ifgw_iso_w_text_req(w, "Idr", h.list_idr, 35, m->hdr.type == IFGW_MSG_SELLER_REGISTRATION ? 0 : limits(w)->reference,
		       m->hdr.type == IFGW_MSG_SELLER_REGISTRATION ? "Header/Id" : "RequestNr");
	ifgw_iso_w_date(w, "Dt", h.date);
	/* requester: the export factor; responder and guarantee issuer: the import factor */
	ifgw_iso_w_leaf(w, "AgrmtRqstr", request ? "F1" : "F2");
	ifgw_iso_w_leaf(w, "AgrmtRspndr", request ? "F2" : "F1");
	ifgw_iso_w_leaf(w, "GrntApplcnt", h.seller);
	ifgw_iso_w_leaf(w, "GrntNbfcry", request ? "F1" : "F2");
	ifgw_iso_w_leaf(w, "GrntIssr", request ? "F2" : "F1");
	ifgw_iso_w_open(w, "Itm");
	ifgw_iso_w_open(w, "ItmCntxt");
	ifgw_iso_w_text_req(w, "Idr", h.item_idr, 35, limits(w)->reference,
		       m->hdr.type == IFGW_MSG_SELLER_REGISTRATION ? "Seller/Nr" : "CoverNr");
	ifgw_iso_w_date(w, "IsseDt", h.date);
	if (h.buyer[0])
		ifgw_iso_w_leaf(w, "Buyr", h.buyer);
	ifgw_iso_w_leaf(w, "Sellr", h.seller);
	if (h.bank[0])
		ifgw_iso_w_leaf(w, m->hdr.type == IFGW_MSG_SELLER_REGISTRATION ? "SellrFinAgt" : "BuyrFinAgt", h.bank);
	if (m->hdr.type == IFGW_MSG_SELLER_REGISTRATION) {
		const struct ifgw_seller_registration *s = &m->body.seller_registration;

		if (s->n_currencies)
			ifgw_iso_w_leaf(w, "Ccy", s->currencies[0]->code);
		ifgw_iso_w_account4(w, "CdtAcct", s->seller_bank.account, "SellerBank/Account");
	} else if (m->hdr.type == IFGW_MSG_COVER_REQUEST) {
		ifgw_iso_w_account4(w, "DbtAcct", m->body.cover_request.buyer_bank.account, "BuyerBank/Account");
	}
	ifgw_iso_w_close(w, "ItmCntxt");
	if (m->hdr.type == IFGW_MSG_COVER_REQUEST)
		ifgw_iso_w_leaf(w, "ItmActn", kind_action(m->body.cover_request.kind));
	else if (!request)
		ifgw_iso_w_leaf(w, "ItmActn", kind_action(m->body.cover_response.request_kind));
	ifgw_iso_w_leaf(w, "Ratg", "false");
	ifgw_iso_w_leaf(w, "ReopIndctn", "false");
	if (m->hdr.type == IFGW_MSG_COVER_REQUEST) {
		const struct ifgw_cover_request *c = &m->body.cover_request;

		saved = ifgw_iso_w_push(w, "Amount");
		write_guarantee(w, "F2", &c->amount, c->valid_from, c->expiry_date, &c->own_risk_amount,
				c->own_risk_pct);
		ifgw_iso_w_pop(w, saved);
	} else if (!request) {
		const struct ifgw_cover_response *c = &m->body.cover_response;
		char reason[16] = "";
		int ok = c->decision == IFGW_COVER_APPROVED || c->decision == IFGW_COVER_PARTLY_APPROVED ||
			 c->decision == IFGW_COVER_PENDING;

		saved = ifgw_iso_w_push(w, "Amount");
		write_guarantee(w, "F1", &c->amount, c->valid_from, c->expiry_date, &c->own_risk_amount,
				c->own_risk_pct);
		ifgw_iso_w_pop(w, saved);
		if (c->reason)
			snprintf(reason, sizeof(reason), "%s", ifgw_code_token(IFGW_CL_COVER_REASON, c->reason));
		ifgw_iso_w_vsi(w, "GrntSts", ok, reason, "", NULL);
	}
	ifgw_iso_w_remainder(w, "AddtlInf", &body.buf, 2000, 5);
	ifgw_iso_w_close(w, "Itm");
	ifgw_iso_w_uint(w, "ItmCnt", 1);
	if (ifgw_iso_sum_format(&h.sum, sum_text))
		ifgw_iso_w_leaf(w, "CtrlSum", sum_text);
	ifgw_iso_w_text(w, "AddtlInf", h.text, 2000, limits(w)->free_text, "Text");
	ifgw_iso_w_close(w, "AgrmtList");
	ifgw_iso_w_uint(w, "AgrmtCnt", 1);
	ifgw_iso_w_uint(w, "ItmCnt", 1);
	if (ifgw_iso_sum_format(&h.sum, sum_text))
		ifgw_iso_w_leaf(w, "CtrlSum", sum_text);
	ifgw_iso_w_close(w, info->root);
	ifgw_iso_w_close(w, "Document");
	ifgw_iso_kvw_free(&body);
	ifgw_iso_kvw_free(&none);
	ifgw_iso_party_set_free(&ps);
	return w->rc;
}

/* --- decoding */

static int read_guarantee(struct iso_r *r, xmlNodePtr item, struct iso_letter *l, int request,
			  struct ifgw_money *amount, int32_t *valid_from, int32_t *expiry, struct ifgw_money *own_risk,
			  int32_t *own_risk_pct)
{
	xmlNodePtr g = ifgw_iso_r_child(item, "Grnt"), granted, excess, covered, decl;
	int32_t pct;
	int rc;

	if (!g || ifgw_iso_r_next(g))
		return ifgw_iso_r_fail(r, item, IFGW_EINVAL, "ifgw expects one Grnt (the cover)");
	granted = ifgw_iso_r_child(g, "GrntedAmt");
	if (!granted || ifgw_iso_r_next(granted))
		return ifgw_iso_r_fail(r, g, IFGW_EINVAL, "ifgw expects one GrntedAmt (the cover amount)");
	if ((rc = ifgw_iso_letter_ref(r, &decl, l, g, "Issr", request ? "Rcvr" : "Sndr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, amount, granted, "Amt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, valid_from, granted, "StartDt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, expiry, granted, "EndDt")) != IFGW_OK)
		return rc;
	if ((excess = ifgw_iso_r_child(g, "Xcss"))) {
		if (ifgw_iso_r_next(excess) || ifgw_iso_r_child(excess, "StartDt") || ifgw_iso_r_child(excess, "EndDt"))
			return ifgw_iso_r_fail(r, excess, IFGW_EINVAL, "ifgw expects one Xcss amount (the own risk)");
		if ((rc = ifgw_iso_r_amount(r, own_risk, excess, "Amt")) != IFGW_OK)
			return rc;
	}
	if ((covered = ifgw_iso_r_child(g, "CvrdPctg"))) {
		if (ifgw_iso_r_next(covered) || ifgw_iso_r_child(covered, "StartDt") || ifgw_iso_r_child(covered, "EndDt"))
			return ifgw_iso_r_fail(r, covered, IFGW_EINVAL, "ifgw expects one CvrdPctg (100%% - own risk)");
		if ((rc = ifgw_iso_r_pct(r, &pct, covered, "Pctg")) != IFGW_OK)
			return rc;
		*own_risk_pct = IFGW_PERCENT_ONE - pct;
	}
	return IFGW_OK;
}

/* A cover kind from ItmActn and the remainder key (MDFY needs it). */
static int read_kind(struct iso_r *r, int *kind, xmlNodePtr item, struct iso_kv *kv, const char *key)
{
	xmlNodePtr act = ifgw_iso_r_child(item, "ItmActn");
	const char *a = ifgw_iso_r_content(r, act);
	int given = 0, rc;

	if ((rc = ifgw_iso_kv_code(kv, &given, key, IFGW_CL_COVER_KIND)) != IFGW_OK)
		return rc;
	if (strcmp(a, "OPEN") == 0 && !given)
		*kind = IFGW_COVER_NEW;
	else if (strcmp(a, "DEAC") == 0 && !given)
		*kind = IFGW_COVER_CANCEL;
	else if (strcmp(a, "MDFY") == 0 && given && given != IFGW_COVER_NEW && given != IFGW_COVER_CANCEL)
		*kind = given;
	else
		return ifgw_iso_r_fail(r, act ? act : item, IFGW_EINVAL,
				  "ItmActn '%.8s' with %s=%s: OPEN is new, DEAC cancel, MDFY names the change", a, key,
				  given ? ifgw_code_token(IFGW_CL_COVER_KIND, given) : "(none)");
	return IFGW_OK;
}

static int read_decision(struct iso_r *r, struct ifgw_cover_response *c, xmlNodePtr item, struct iso_kv *kv)
{
	xmlNodePtr sts = ifgw_iso_r_child(item, "GrntSts");
	char reason[IFGW_ID_SIZE] = "", text[IFGW_REASON_SIZE] = "";
	const struct ifgw_code *code;
	int ok, given = 0, rc;

	if (!sts)
		return ifgw_iso_r_fail(r, item, IFGW_EINVAL, "GrntSts (the decision) missing");
	if ((rc = ifgw_iso_r_vsi(r, sts, &ok, reason, sizeof(reason), text, sizeof(text), NULL)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_code(kv, &given, "Decision", IFGW_CL_COVER_DECISION)) != IFGW_OK)
		return rc;
	if (text[0])
		return ifgw_iso_r_fail(r, sts, IFGW_EUNSUPPORTED, "reason texts go in the list's AddtlInf");
	if (reason[0]) {
		int v = 0;
		size_t i;

		for (i = 0; reason[i] >= '0' && reason[i] <= '9' && i < 4; i++)
			v = v * 10 + (reason[i] - '0');
		if (reason[i] || !(code = ifgw_code_find(IFGW_CL_COVER_REASON, v)))
			return ifgw_iso_r_fail(r, sts, IFGW_EINVAL, "unknown cover reason code '%.35s' (FCI Reason 1-16, 99)",
					  reason);
		c->reason = code->value;
	}
	if (ok)
		c->decision = given ? given : IFGW_COVER_APPROVED;
	else
		c->decision = given ? given : IFGW_COVER_DECLINED;
	if ((ok && c->decision != IFGW_COVER_APPROVED && c->decision != IFGW_COVER_PARTLY_APPROVED &&
	     c->decision != IFGW_COVER_PENDING) ||
	    (!ok && c->decision != IFGW_COVER_DECLINED && c->decision != IFGW_COVER_CANCELLED) ||
	    (given && (given == IFGW_COVER_APPROVED || given == IFGW_COVER_DECLINED)))
		return ifgw_iso_r_fail(r, sts, IFGW_EINVAL, "GrntSts %s does not go with Decision=%s", ok ? "RCCF" : "RCER",
				  ifgw_code_token(IFGW_CL_COVER_DECISION, c->decision));
	return IFGW_OK;
}

/* What every party message's item gives, read and checked by
 * ifgw_iso_party_decode() before the part of each message type. */
struct party_in {
	struct iso_letter *l;
	struct iso_kv *body; /* Itm/AddtlInf */
	xmlNodePtr list, item, ctx;
	const struct ifgw_party *seller;
	int32_t date;
	const char *list_idr, *item_idr; /* IFGW_ID_SIZE each */
	const struct ifgw_field_limits *lim;
	struct iso_sum *sum;
};

static int read_registration(struct iso_r *r, struct ifgw_msg *m, const struct party_in *in)
{
	struct ifgw_seller_registration *s = &m->body.seller_registration;
	xmlNodePtr ccy = ifgw_iso_r_child(in->ctx, "Ccy");
	xmlNodePtr decl;
	size_t i;
	int rc = IFGW_OK;

	s->seller = *in->seller;
	s->date = in->date;
	if (strcmp(in->list_idr, m->hdr.id) != 0 || strcmp(in->item_idr, s->seller.nr) != 0) {
		rc = ifgw_iso_r_fail(r, in->list, IFGW_EINVAL,
				"a seller registration's list is the message id, its item the seller number");
		goto out;
	}
	if (ccy) {
		const char *code = ifgw_iso_r_content(r, ccy);
		struct ifgw_error kept;

		ifgw_error_save(&kept); /* replaced by a message that names the element */
		rc = ifgw_currency_lookup(&s->currencies[0], code, strlen(code));
		ifgw_error_restore(&kept);
		if (rc != IFGW_OK) {
			rc = ifgw_iso_r_fail(r, ccy, IFGW_EINVAL, "unknown currency '%.8s'", code);
			goto out;
		}
		s->n_currencies = 1;
		for (i = 1; i < IFGW_SELLER_CCY_MAX; i++) {
			char key[48];

			snprintf(key, sizeof(key), "InvoiceCurrency[%zu]", i + 1);
			if ((rc = ifgw_iso_kv_ccy(in->body, &s->currencies[i], key)) != IFGW_OK)
				goto out;
			if (!s->currencies[i])
				break;
			s->n_currencies++;
		}
	}
	if ((rc = ifgw_iso_letter_ref(r, &decl, in->l, in->ctx, "SellrFinAgt", "SellrBk", 0)) != IFGW_OK ||
	    (decl && (rc = ifgw_iso_bank_read(r, &s->seller_bank, decl)) != IFGW_OK) ||
	    (rc = ifgw_iso_r_account4(r, s->seller_bank.account, sizeof(s->seller_bank.account), in->ctx, "CdtAcct")) !=
		    IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, s->text, sizeof(s->text), in->list, "AddtlInf", in->lim->free_text)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_code(in->body, &s->function, "Function", IFGW_CL_SELLER_FUNCTION)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_date(in->body, &s->agreement_signed, "AgreementSigned")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(in->body, s->business, sizeof(s->business), "Business")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_terms(in->body, &s->terms, "Terms")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_int(in->body, &s->grace_days, "GraceDays", 0, 999)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_pct(in->body, &s->chargeback_pct, "ChargeBackPercent")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_money(in->body, &s->chargeback_amount, "ChargeBackAmount")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(in->body, s->expected_total_turnover, sizeof(s->expected_total_turnover),
			      "ExpectedTotalTurnover")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_int(in->body, &s->expected_buyers, "ExpectedBuyers", 0, 65535)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_int(in->body, &s->expected_invoices, "ExpectedInvoices", 0, 65535)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_int(in->body, &s->expected_credit_notes, "ExpectedCreditNotes", 0, 65535)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(in->body, s->expected_turnover, sizeof(s->expected_turnover), "ExpectedTurnover")) !=
		    IFGW_OK ||
	    (rc = ifgw_iso_kv_text(in->body, s->expected_other_turnover, sizeof(s->expected_other_turnover),
			      "ExpectedOtherTurnover")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(in->body, s->other_factors, sizeof(s->other_factors), "OtherFactors")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_code(in->body, &s->service, "Service", IFGW_CL_SERVICE)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(in->body, s->delivery_terms, sizeof(s->delivery_terms), "DeliveryTerms")) != IFGW_OK)
		goto out;
out:
	return rc;
}

static int read_cover_request(struct iso_r *r, struct ifgw_msg *m, const struct party_in *in)
{
	struct ifgw_cover_request *c = &m->body.cover_request;
	const char *rem;
	xmlNodePtr decl;
	int absent, rc = IFGW_OK;

	c->seller = *in->seller;
	c->request_date = in->date;
	memcpy(c->request_nr, in->list_idr, IFGW_ID_SIZE);
	if ((rc = ifgw_iso_kv_marker(in->body, &absent, "CoverNr")) != IFGW_OK)
		goto out;
	if (!absent)
		memcpy(c->cover_nr, in->item_idr, IFGW_ID_SIZE);
	else if (strcmp(in->item_idr, in->list_idr) != 0) {
		rc = ifgw_iso_r_fail(r, in->ctx, IFGW_EINVAL, "without a cover number the item is the request number");
		goto out;
	}
	rem = ifgw_iso_kv_get(in->body, "Reminder");
	if (rem && strcmp(rem, "true") != 0) {
		rc = ifgw_iso_r_fail(r, in->item, IFGW_EINVAL, "Reminder=%.8s: only 'true' is written", rem);
		goto out;
	}
	c->reminder = rem != NULL;
	if ((rc = ifgw_iso_letter_ref(r, &decl, in->l, in->ctx, "Buyr", "Buyr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_party_read(r, &c->buyer, &c->buyer_contact, decl)) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, in->l, in->ctx, "BuyrFinAgt", "BuyrBk", 0)) != IFGW_OK ||
	    (decl && (rc = ifgw_iso_bank_read(r, &c->buyer_bank, decl)) != IFGW_OK) ||
	    (rc = ifgw_iso_r_account4(r, c->buyer_bank.account, sizeof(c->buyer_bank.account), in->ctx, "DbtAcct")) !=
		    IFGW_OK ||
	    (rc = read_kind(r, &c->kind, in->item, in->body, "Kind")) != IFGW_OK ||
	    (rc = read_guarantee(r, in->item, in->l, 1, &c->amount, &c->valid_from, &c->expiry_date,
				 &c->own_risk_amount, &c->own_risk_pct)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, c->text, sizeof(c->text), in->list, "AddtlInf", in->lim->free_text)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_code(in->body, &c->function, "Function", IFGW_CL_COVER_FUNCTION)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_code(in->body, &c->request_code, "RequestCode", IFGW_CL_REQUEST)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_code(in->body, &c->direct_contact, "DirectContact", IFGW_CL_YESNO)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_money(in->body, &c->current_amount, "CurrentAmount")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_date(in->body, &c->current_expiry, "CurrentExpiry")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_terms(in->body, &c->terms, "Terms")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_int(in->body, &c->long_credit_days, "LongCreditDays", 0, 999)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(in->body, c->order_nr, sizeof(c->order_nr), "OrderNr")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_date(in->body, &c->late_shipment_date, "LateShipmentDate")) != IFGW_OK)
		goto out;
	ifgw_iso_sum_add(in->sum, &c->amount);
out:
	return rc;
}

/* CoverResponse and CoverRevision share the tsin.010 body. */
static int read_cover_response(struct iso_r *r, struct ifgw_msg *m, const struct party_in *in)
{
	struct ifgw_cover_response *c = &m->body.cover_response;
	xmlNodePtr decl;
	int absent, rc = IFGW_OK;

	c->seller = *in->seller;
	c->reply_date = in->date;
	memcpy(c->cover_nr, in->item_idr, IFGW_ID_SIZE);
	if ((rc = ifgw_iso_kv_marker(in->body, &absent, "RequestNr")) != IFGW_OK)
		goto out;
	if (!absent)
		memcpy(c->request_nr, in->list_idr, IFGW_ID_SIZE);
	else if (strcmp(in->item_idr, in->list_idr) != 0) {
		rc = ifgw_iso_r_fail(r, in->list, IFGW_EINVAL, "without a request number the list is the cover number");
		goto out;
	}
	if ((rc = ifgw_iso_letter_ref(r, &decl, in->l, in->ctx, "Buyr", "Buyr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_party_read(r, &c->buyer, &c->buyer_contact, decl)) != IFGW_OK ||
	    (rc = read_kind(r, &c->request_kind, in->item, in->body, "RequestKind")) != IFGW_OK ||
	    (rc = read_guarantee(r, in->item, in->l, 0, &c->amount, &c->valid_from, &c->expiry_date,
				 &c->own_risk_amount, &c->own_risk_pct)) != IFGW_OK ||
	    (rc = read_decision(r, c, in->item, in->body)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, c->text, sizeof(c->text), in->list, "AddtlInf", in->lim->free_text)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_code(in->body, &c->response_code, "ResponseCode", IFGW_CL_RESPONSE)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_code(in->body, &c->function, "Function", IFGW_CL_REPLY_FUNCTION)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_date(in->body, &c->request_date, "RequestDate")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_money(in->body, &c->current_amount, "CurrentAmount")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_date(in->body, &c->current_expiry, "CurrentExpiry")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_int(in->body, &c->long_credit_days, "LongCreditDays", 0, 999)) != IFGW_OK)
		goto out;
	ifgw_iso_sum_add(in->sum, &c->amount);
out:
	return rc;
}

int ifgw_iso_party_decode(struct iso_r *r, struct ifgw_msg *m, xmlNodePtr root)
{
	int schema = ifgw_iso_type_schema(m->hdr.type, NULL), request = schema == ISO_TSIN009;
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	xmlNodePtr list, item, ctx, decl;
	struct ifgw_party seller;
	struct iso_letter l;
	struct iso_kv none, body;
	struct iso_sum sum;
	struct party_in in;
	char list_idr[IFGW_ID_SIZE], item_idr[IFGW_ID_SIZE], sum_text[48];
	int32_t date, item_date;
	int rc;

	memset(&sum, 0, sizeof(sum));
	ifgw_iso_kv_init(&none, "Hdr/AddtlInf");
	ifgw_iso_kv_init(&body, "Itm/AddtlInf");
	if ((rc = ifgw_iso_letter_read(r, &l, m, ifgw_iso_r_child(root, "Hdr"), &none)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_finish(&none)) != IFGW_OK)
		goto out;
	list = ifgw_iso_r_child(root, "AgrmtList");
	item = ifgw_iso_r_child(list, "Itm");
	if (ifgw_iso_r_next(list) || ifgw_iso_r_next(item)) {
		rc = ifgw_iso_r_fail(r, ifgw_iso_r_next(list) ? ifgw_iso_r_next(list) : ifgw_iso_r_next(item), IFGW_EUNSUPPORTED,
				"ifgw sends one list with one item");
		goto out;
	}
	ctx = ifgw_iso_r_child(item, "ItmCntxt");
	if (strcmp(ifgw_iso_r_content(r, ifgw_iso_r_child(item, "Ratg")), "false") != 0 ||
	    strcmp(ifgw_iso_r_content(r, ifgw_iso_r_child(item, "ReopIndctn")), "false") != 0) {
		rc = ifgw_iso_r_fail(r, item, IFGW_EUNSUPPORTED, "ifgw asks for no rating or reopening (Ratg, ReopIndctn false)");
		goto out;
	}
	if ((rc = ifgw_iso_r_text(r, list_idr, sizeof(list_idr), list, "Idr", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, item_idr, sizeof(item_idr), ctx, "Idr", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, &date, list, "Dt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, &item_date, ctx, "IsseDt")) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, &l, list, "AgrmtRqstr", request ? "Sndr" : "Rcvr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, &l, list, "AgrmtRspndr", request ? "Rcvr" : "Sndr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, &l, list, "GrntNbfcry", request ? "Sndr" : "Rcvr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, &l, list, "GrntIssr", request ? "Rcvr" : "Sndr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, &l, list, "GrntApplcnt", "Sellr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_party_read(r, &seller, NULL, decl)) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, &l, ctx, "Sellr", "Sellr", 1)) != IFGW_OK)
		goto out;
	if (strcmp(ifgw_iso_r_content(r, ifgw_iso_r_child(ctx, "Sellr")), ifgw_iso_r_content(r, ifgw_iso_r_child(list, "GrntApplcnt"))) !=
	    0) {
		rc = ifgw_iso_r_fail(r, ctx, IFGW_EINVAL, "the item's seller must be the guarantee applicant");
		goto out;
	}
	if (date != item_date) {
		rc = ifgw_iso_r_fail(r, ctx, IFGW_EINVAL, "the item's IsseDt must be the list's Dt");
		goto out;
	}
	if ((rc = ifgw_iso_r_remainder(r, &body, NULL, item, "AddtlInf")) != IFGW_OK)
		goto out;
	in.l = &l;
	in.body = &body;
	in.list = list;
	in.item = item;
	in.ctx = ctx;
	in.seller = &seller;
	in.date = date;
	in.list_idr = list_idr;
	in.item_idr = item_idr;
	in.lim = lim;
	in.sum = &sum;
	if (m->hdr.type == IFGW_MSG_SELLER_REGISTRATION)
		rc = read_registration(r, m, &in);
	else if (m->hdr.type == IFGW_MSG_COVER_REQUEST)
		rc = read_cover_request(r, m, &in);
	else
		rc = read_cover_response(r, m, &in);
	if (rc != IFGW_OK)
		goto out;
	if (!ifgw_iso_sum_format(&sum, sum_text)) {
		rc = ifgw_iso_r_fail(r, list, IFGW_EOVERFLOW, "the sum of the amounts has more than 18 digits");
		goto out;
	}
	if ((rc = ifgw_iso_r_control(r, list, "ItmCnt", "1", "items", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_r_control(r, list, "CtrlSum", sum_text, "sum of items", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_control(r, root, "AgrmtCnt", "1", "lists", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_control(r, root, "ItmCnt", "1", "items", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_control(r, root, "CtrlSum", sum_text, "sum of items", 0)) != IFGW_OK)
		goto out;
	rc = ifgw_iso_kv_finish(&body);
out:
	ifgw_iso_letter_free(&l);
	ifgw_iso_kv_free(&none);
	ifgw_iso_kv_free(&body);
	return rc;
}
