/* ifgw_edi_decode.c: edifactoring MSGnn to canonical messages, the exact
 * inverse of ifgw_edi_encode.c.
 *
 * The tree is walked in the order of the FCI tables with the strict
 * reader of edi_xmlr.c; control totals are recomputed from the documents
 * and compared with what the message states; the document is then
 * validated against its XSD, and last the sequence number is compared with
 * the one the corridor expects. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#define IFGW_EDIFACTORING_INTERNAL
#include "adapters/edifactoring/edifactoring_int.h"
#include "base/error.h"

#define EDI_FREE_1400 1400
#define EDI_FREE_700  700
#define EDI_FREE_3500 3500

/* --- shared fragments */

/* Fixed-size code fields (factor code, country) are not model text
 * fields: read into a text buffer, check, then copy. */
static void factor_code(struct edi_r *r, struct edi_cur *c, const char *name, char *dst, size_t size)
{
	char tmp[IFGW_ID_SIZE] = "";
	xmlNodePtr at = c->next;
	int rc;

	ifgw_edi_r_text(r, c, name, 1, 7, tmp, sizeof(tmp));
	if (r->rc)
		return;
	if ((rc = ifgw_factor_code_check(tmp, strlen(tmp))) != IFGW_OK) {
		ifgw_edi_r_wrap(r, at, rc, name);
		return;
	}
	snprintf(dst, size, "%s", tmp);
}

static void country(struct edi_r *r, struct edi_cur *c, int req, char *dst, size_t size)
{
	char tmp[IFGW_ID_SIZE] = "";
	xmlNodePtr at = c->next;
	int rc;

	ifgw_edi_r_text(r, c, "Country", req, 2, tmp, sizeof(tmp));
	if (r->rc || !tmp[0])
		return;
	if ((rc = ifgw_country_check(tmp, strlen(tmp))) != IFGW_OK) {
		ifgw_edi_r_wrap(r, at, rc, "Country");
		return;
	}
	snprintf(dst, size, "%s", tmp);
}

static void block(struct edi_r *r, struct edi_cur *c, const char *name, struct ifgw_factor *f)
{
	struct edi_cur in;

	if (!ifgw_edi_r_enter(r, c, name, 1, &in))
		return;
	factor_code(r, &in, "FactorCode", f->code, sizeof(f->code));
	ifgw_edi_r_text(r, &in, "FactorName", 0, 35, f->name, sizeof(f->name));
	ifgw_edi_r_leave(r, &in);
}

static void error_element(struct edi_r *r, struct edi_cur *c, struct ifgw_msg_header *h)
{
	xmlNodePtr n = ifgw_edi_r_el(r, c, "Error", 0);
	xmlChar *code;
	xmlNodePtr k;
	size_t len;
	int rc;

	if (!n)
		return;
	if (!n->properties || n->properties->next || !xmlStrEqual(n->properties->name, BAD_CAST "Code") ||
	    n->properties->ns) {
		ifgw_edi_r_fail(r, n, IFGW_EPARSE, "Error", "wants exactly one attribute, Code");
		return;
	}
	code = xmlGetProp(n, BAD_CAST "Code");
	if (!code || xmlStrlen(code) != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') {
		ifgw_edi_r_fail(r, n, IFGW_EINVAL, "Error", "Code '%.8s' is not N2", code ? (const char *)code : "");
		xmlFree(code);
		return;
	}
	h->error_code = (code[0] - '0') * 10 + (code[1] - '0');
	xmlFree(code);
	for (k = n->children; k; k = k->next)
		if (k->type != XML_TEXT_NODE) {
			ifgw_edi_r_fail(r, n, IFGW_EPARSE, "Error", "element content where text is expected");
			return;
		}
	if (!n->children)
		return;
	if (n->children->next) {
		ifgw_edi_r_fail(r, n, IFGW_EPARSE, "Error", "text in several pieces");
		return;
	}
	len = strlen((const char *)n->children->content);
	if ((rc = ifgw_text_set(h->error_text, sizeof(h->error_text), (const char *)n->children->content, len)) !=
	    IFGW_OK) {
		ifgw_edi_r_wrap(r, n, rc, "Error");
	}
}

static void head(struct edi_r *r, struct edi_cur *root, struct ifgw_msg *m, int blocks)
{
	struct ifgw_msg_header *h = &m->hdr;
	struct ifgw_factor ef, iff;
	struct edi_cur in;
	xmlNodePtr at;
	int32_t status = 0;
	int role, dflt, as_ef, as_if;

	if (!ifgw_edi_r_enter(r, root, "MsgInfo", 1, &in))
		return;
	factor_code(r, &in, "SenderCode", h->sender.code, sizeof(h->sender.code));
	factor_code(r, &in, "ReceiverCode", h->receiver.code, sizeof(h->receiver.code));
	ifgw_edi_r_text(r, &in, "CreatedBy", 1, 16, h->created_by, sizeof(h->created_by));
	ifgw_edi_r_uint(r, &in, "SequenceNr", 1, 10, 1, 9999999999ULL, &h->seq);
	/* optional in the FCI table, required by ifgw: the creation time */
	ifgw_edi_r_datetime(r, &in, "DateTime", 1, &h->created);
	ifgw_edi_r_int(r, &in, "Status", 1, 2, 0, 99, &status);
	h->wire_status = status ? status : IFGW_INT_NONE;
	error_element(r, &in, h);
	ifgw_edi_r_leave(r, &in);
	snprintf(h->id, sizeof(h->id), "%s-%s-%llu", h->sender.code, h->receiver.code, (unsigned long long)h->seq);
	if (!blocks)
		return;
	memset(&ef, 0, sizeof(ef));
	memset(&iff, 0, sizeof(iff));
	at = root->next;
	block(r, root, "EF", &ef);
	block(r, root, "IF", &iff);
	if (r->rc)
		return;
	dflt = ifgw_edi_default_role(h->type);
	as_ef = !strcmp(ef.code, h->sender.code) && !strcmp(iff.code, h->receiver.code);
	as_if = !strcmp(iff.code, h->sender.code) && !strcmp(ef.code, h->receiver.code);
	if (as_ef && as_if) /* sender and receiver are the same factor */
		role = dflt ? dflt : IFGW_ROLE_EXPORT_FACTOR;
	else if (as_ef)
		role = IFGW_ROLE_EXPORT_FACTOR;
	else if (as_if)
		role = IFGW_ROLE_IMPORT_FACTOR;
	else {
		ifgw_edi_r_fail(r, at, IFGW_EINVAL, "EF",
		           "EF %s and IF %s are not the sender %s and the receiver %s of MsgInfo", ef.code, iff.code,
		           h->sender.code, h->receiver.code);
		return;
	}
	snprintf(h->sender.name, sizeof(h->sender.name), "%s", role == IFGW_ROLE_EXPORT_FACTOR ? ef.name : iff.name);
	snprintf(h->receiver.name, sizeof(h->receiver.name), "%s",
	         role == IFGW_ROLE_EXPORT_FACTOR ? iff.name : ef.name);
	/* the role is kept only when it is not what the type implies */
	h->sender_role = role == dflt ? 0 : role;
}

static void ref(struct edi_r *r, struct edi_cur *c, const char *group, const char *nr_el, const char *name_el,
		int group_required, int nr_required, struct ifgw_party_ref *dst)
{
	struct edi_cur in;

	if (!ifgw_edi_r_enter(r, c, group, group_required, &in))
		return;
	ifgw_edi_r_text(r, &in, nr_el, nr_required, 35, dst->nr, sizeof(dst->nr));
	ifgw_edi_r_text(r, &in, name_el, 0, 35, dst->name, sizeof(dst->name));
	ifgw_edi_r_leave(r, &in);
}

/* ref into the Nr and Name of a full party */
static void ref_party(struct edi_r *r, struct edi_cur *c, const char *group, const char *nr_el, const char *name_el,
		      struct ifgw_party *dst)
{
	struct edi_cur in;

	if (!ifgw_edi_r_enter(r, c, group, 1, &in))
		return;
	ifgw_edi_r_text(r, &in, nr_el, 1, 35, dst->nr, sizeof(dst->nr));
	ifgw_edi_r_text(r, &in, name_el, 0, 35, dst->name, sizeof(dst->name));
	ifgw_edi_r_leave(r, &in);
}

static void terms(struct edi_r *r, struct edi_cur *c, struct ifgw_terms *t, int net_required)
{
	ifgw_edi_r_int(r, c, "NetPmtTerms", net_required, 3, 0, 999, &t->net_days);
	ifgw_edi_r_int(r, c, "Discount1Days", 0, 3, 0, 999, &t->discount1_days);
	ifgw_edi_r_pct(r, c, "Discount1Perc", 0, &t->discount1_pct);
	ifgw_edi_r_int(r, c, "Discount2Days", 0, 3, 0, 999, &t->discount2_days);
	ifgw_edi_r_pct(r, c, "Discount2Perc", 0, &t->discount2_pct);
}

static void bank(struct edi_r *r, struct edi_cur *c, const char *group, struct ifgw_bank *b)
{
	struct edi_cur in;

	if (!ifgw_edi_r_enter(r, c, group, 0, &in))
		return;
	ifgw_edi_r_text(r, &in, "AccountNr", 0, 35, b->account, sizeof(b->account));
	ifgw_edi_r_text(r, &in, "BankName", 0, 70, b->bank_name, sizeof(b->bank_name));
	ifgw_edi_r_text(r, &in, "BranchName", 0, 70, b->branch_name, sizeof(b->branch_name));
	ifgw_edi_r_leave(r, &in);
}

static void contact(struct edi_r *r, struct edi_cur *c, struct ifgw_contact *k)
{
	ifgw_edi_r_text(r, c, "ContactName", 0, 35, k->name, sizeof(k->name));
	ifgw_edi_r_text(r, c, "Telephone", 0, 25, k->phone, sizeof(k->phone));
	ifgw_edi_r_text(r, c, "Fax", 0, 25, k->fax, sizeof(k->fax));
	ifgw_edi_r_text(r, c, "Email", 0, 70, k->email, sizeof(k->email));
}

struct party_layout {
	const char *reg_el, *nr_el, *own_el, *name_el;
	int nr_required, address_required, country_required;
};

static void party(struct edi_r *r, struct edi_cur *c, struct ifgw_party *p, const struct party_layout *l)
{
	ifgw_edi_r_text(r, c, l->reg_el, 0, 35, p->reg_nr, sizeof(p->reg_nr));
	ifgw_edi_r_text(r, c, "ResponseAgency", 0, 35, p->reg_agency, sizeof(p->reg_agency));
	ifgw_edi_r_text(r, c, l->nr_el, l->nr_required, 35, p->nr, sizeof(p->nr));
	if (l->own_el)
		ifgw_edi_r_text(r, c, l->own_el, 0, 35, p->own_nr, sizeof(p->own_nr));
	ifgw_edi_r_name(r, c, l->name_el, 1, p->name, sizeof(p->name));
	ifgw_edi_r_text(r, c, "Street", l->address_required, 35, p->street[0], sizeof(p->street[0]));
	ifgw_edi_r_text(r, c, "City", l->address_required, 35, p->city, sizeof(p->city));
	ifgw_edi_r_text(r, c, "State", 0, 9, p->region, sizeof(p->region));
	ifgw_edi_r_text(r, c, "Postcode", l->address_required, 9, p->postcode, sizeof(p->postcode));
	country(r, c, l->country_required, p->country, sizeof(p->country));
}

static void *new_item(struct edi_r *r, struct ifgw_msg *m, xmlNodePtr at, const char *name)
{
	void *item = NULL;
	int rc;

	if ((rc = ifgw_msg_add_item(&item, m)) != IFGW_OK) {
		ifgw_edi_r_wrap(r, at, rc, name);
		return NULL;
	}
	return item;
}

/* Enter the next repeated item `name` (1..999); 0 when there is none. */
static int next_item(struct edi_r *r, struct edi_cur *c, const char *name, size_t n, size_t min, struct edi_cur *in)
{
	if (r->rc)
		return 0;
	if (!ifgw_edi_r_peek(r, c, name)) {
		if (n < min)
			ifgw_edi_r_el(r, c, name, 1); /* names what is missing */
		return 0;
	}
	if (n >= EDI_MAX_ITEMS) {
		ifgw_edi_r_fail(r, c->next, IFGW_EOVERFLOW, name, "more than %d entries", EDI_MAX_ITEMS);
		return 0;
	}
	return ifgw_edi_r_enter_item(r, c, name, n + 1, in);
}

/* Recompute the message's control totals from its items; a failure (an
 * overflow) is reported at the wire's control-total element.  1 on success. */
static int compute_totals(struct edi_r *r, struct ifgw_msg *m, xmlNodePtr at, const char *name)
{
	if (ifgw_msg_compute_totals(m) == IFGW_OK)
		return 1;
	ifgw_edi_r_wrap(r, at, IFGW_EINVAL, name);
	return 0;
}

static void same_total(struct edi_r *r, xmlNodePtr at, const char *name, const struct ifgw_money *given,
		       const struct ifgw_money *sum, const char *what)
{
	if (!r->rc && (given->minor != sum->minor || given->ccy != sum->ccy))
		ifgw_edi_r_total_mismatch(r, at, name, given, sum, what);
}

static void cover_check(struct edi_r *r, xmlNodePtr at, const struct ifgw_money *check, const struct ifgw_money *amount,
			const char *amount_el)
{
	char g[IFGW_MONEY_STRLEN], s[IFGW_MONEY_STRLEN];

	if (r->rc || (check->minor == amount->minor && check->ccy == amount->ccy))
		return;
	ifgw_money_format(g, check);
	ifgw_money_format(s, amount);
	ifgw_edi_r_fail(r, at, IFGW_EINVAL, "CreditCoverAmtCheck", "control total mismatch: CreditCoverAmtCheck %s != %s %s",
	           g, amount_el, s);
}

/* --- the messages */

static void dec01(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m)
{
	static const char *const ccy_el[IFGW_SELLER_CCY_MAX] = {"InvCurrency1", "InvCurrency2", "InvCurrency3",
	                                                        "InvCurrency4", "InvCurrency5"};
	static const struct party_layout seller = {"SellerCompanyRegNr", "SellerNr", NULL, "SellerName", 1, 1, 1};
	struct ifgw_seller_registration *s = &m->body.seller_registration;
	struct edi_cur in;
	struct edi_amt cb;
	size_t i;

	ifgw_edi_r_date(r, c, "MsgDate", 1, &s->date);
	ifgw_edi_r_code(r, c, "MsgFunction", 1, &ifgw_edi_cl_function01, &s->function);
	ifgw_edi_r_date(r, c, "FactAgreemSigned", 0, &s->agreement_signed);
	if (ifgw_edi_r_enter(r, c, "Seller", 1, &in)) {
		party(r, &in, &s->seller, &seller);
		ifgw_edi_r_leave(r, &in);
	}
	if (ifgw_edi_r_enter(r, c, "SellerDetails", 1, &in)) {
		ifgw_edi_r_text(r, &in, "BusinessProduct", 1, 70, s->business, sizeof(s->business));
		terms(r, &in, &s->terms, 1);
		ifgw_edi_r_int(r, &in, "GracePeriod", 0, 3, 0, 999, &s->grace_days);
		for (i = 0; i < IFGW_SELLER_CCY_MAX && !r->rc; i++) {
			if (i > 0 && !ifgw_edi_r_peek(r, &in, ccy_el[i]))
				break;
			ifgw_edi_r_ccy(r, &in, ccy_el[i], 1, &s->currencies[i]);
			s->n_currencies = i + 1;
		}
		ifgw_edi_r_pct(r, &in, "ChargeBackPerc", 1, &s->chargeback_pct);
		ifgw_edi_r_amount_later(r, &in, "ChargeBackAmt", 1, 0, &cb);
		ifgw_edi_r_ccy(r, &in, "ChargeBackCurrency", 1, &s->chargeback_amount.ccy);
		ifgw_edi_r_amount_resolve(r, &cb, s->chargeback_amount.ccy, &s->chargeback_amount);
		ifgw_edi_r_text(r, &in, "ExpTotSellerTurnover", 1, 70, s->expected_total_turnover,
		           sizeof(s->expected_total_turnover));
		ifgw_edi_r_int(r, &in, "ExpNrBuyers", 1, 5, 0, 65535, &s->expected_buyers);
		ifgw_edi_r_int(r, &in, "ExpNrInvoices", 1, 5, 0, 65535, &s->expected_invoices);
		ifgw_edi_r_int(r, &in, "ExpNrCreditNotes", 0, 5, 0, 65535, &s->expected_credit_notes);
		ifgw_edi_r_text(r, &in, "ExpTurnover", 1, 70, s->expected_turnover, sizeof(s->expected_turnover));
		ifgw_edi_r_text(r, &in, "ExpOtherTurnover", 1, 70, s->expected_other_turnover,
		           sizeof(s->expected_other_turnover));
		ifgw_edi_r_text(r, &in, "OtherFactors", 1, 70, s->other_factors, sizeof(s->other_factors));
		ifgw_edi_r_code(r, &in, "ServiceRequired", 1, &ifgw_edi_cl_service, &s->service);
		ifgw_edi_r_text(r, &in, "NormDeliveryTerms", 0, 70, s->delivery_terms, sizeof(s->delivery_terms));
		ifgw_edi_r_leave(r, &in);
	}
	bank(r, c, "BankDetailsSeller", &s->seller_bank);
	ifgw_edi_r_text(r, c, "MsgText", 0, EDI_FREE_1400, s->text, sizeof(s->text));
}

static void dec05(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m)
{
	static const struct party_layout buyer = {"BuyerCompanyRegNr", "BuyerNr", NULL, "BuyerName", 1, 1, 1};
	struct ifgw_cover_request *q = &m->body.cover_request;
	struct edi_cur in;
	struct edi_amt amt;
	int code = 0;

	q->kind = IFGW_COVER_NEW;
	ifgw_edi_r_date(r, c, "RequestDate", 1, &q->request_date);
	ifgw_edi_r_text(r, c, "RequestNr", 1, 35, q->request_nr, sizeof(q->request_nr));
	ifgw_edi_r_code(r, c, "MsgFunction", 1, &ifgw_edi_cl_function05, &q->function);
	if (ifgw_edi_r_enter(r, c, "Seller", 1, &in)) {
		ifgw_edi_r_text(r, &in, "SellerNr", 1, 35, q->seller.nr, sizeof(q->seller.nr));
		ifgw_edi_r_text(r, &in, "SellerName", 1, 35, q->seller.name, sizeof(q->seller.name));
		ifgw_edi_r_leave(r, &in);
	}
	if (ifgw_edi_r_enter(r, c, "Buyer", 1, &in)) {
		party(r, &in, &q->buyer, &buyer);
		ifgw_edi_r_code(r, &in, "DirectContact", 1, &ifgw_edi_cl_direct_contact, &q->direct_contact);
		contact(r, &in, &q->buyer_contact);
		ifgw_edi_r_leave(r, &in);
	}
	bank(r, c, "BankDetailsBuyer", &q->buyer_bank);
	if (ifgw_edi_r_enter(r, c, "CreditCoverDetails", 1, &in)) {
		ifgw_edi_r_code(r, &in, "Request", 1, &ifgw_edi_cl_request05, &code);
		q->request_code = code == EDI_DEFAULT_REQUEST05 ? 0 : code;
		ifgw_edi_r_date(r, &in, "ValidFrom", 0, &q->valid_from);
		ifgw_edi_r_amount_later(r, &in, "NewCreditCoverAmt", 1, 0, &amt);
		ifgw_edi_r_ccy(r, &in, "Currency", 1, &q->amount.ccy);
		ifgw_edi_r_amount_resolve(r, &amt, q->amount.ccy, &q->amount);
		ifgw_edi_r_amount(r, &in, "OwnRiskAmt", 0, 0, q->amount.ccy, &q->own_risk_amount);
		ifgw_edi_r_pct(r, &in, "OwnRiskPerc", 0, &q->own_risk_pct);
		terms(r, &in, &q->terms, 1);
		ifgw_edi_r_text(r, &in, "OrderNr", 0, 35, q->order_nr, sizeof(q->order_nr));
		ifgw_edi_r_date(r, &in, "LateShipmDate", 0, &q->late_shipment_date);
		ifgw_edi_r_leave(r, &in);
	}
	ifgw_edi_r_text(r, c, "MsgText", 0, EDI_FREE_1400, q->text, sizeof(q->text));
}

/* CurrentCreditCoverDetails of MSG07 and MSG08 */
static void current_cover(struct edi_r *r, struct edi_cur *c, struct ifgw_money *current, int32_t *expiry,
			  const struct ifgw_currency **ccy)
{
	struct edi_cur in;
	struct edi_amt amt;

	if (!ifgw_edi_r_enter(r, c, "CurrentCreditCoverDetails", 1, &in))
		return;
	ifgw_edi_r_amount_later(r, &in, "CurrentCreditCoverAmt", 1, 0, &amt);
	ifgw_edi_r_ccy(r, &in, "Currency", 1, ccy);
	ifgw_edi_r_amount_resolve(r, &amt, *ccy, current);
	ifgw_edi_r_date(r, &in, "CurrentExpiryDate", 0, expiry);
	ifgw_edi_r_leave(r, &in);
}

static void dec07(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m)
{
	struct ifgw_cover_request *q = &m->body.cover_request;
	const struct ifgw_currency *ccy = NULL;
	struct edi_cur in;
	int function = 0, code = 0;

	ifgw_edi_r_date(r, c, "RequestDate", 1, &q->request_date);
	ifgw_edi_r_text(r, c, "RequestNr", 1, 35, q->request_nr, sizeof(q->request_nr));
	ifgw_edi_r_code(r, c, "MsgFunction", 1, &ifgw_edi_cl_function07, &function);
	q->reminder = function == 4;
	ref_party(r, c, "Seller", "SellerNr", "SellerName", &q->seller);
	ref_party(r, c, "Buyer", "BuyerNr", "BuyerName", &q->buyer);
	current_cover(r, c, &q->current_amount, &q->current_expiry, &ccy);
	if (ifgw_edi_r_enter(r, c, "NewCreditCoverDetails", 1, &in)) {
		ifgw_edi_r_code(r, &in, "Request", 1, &ifgw_edi_cl_request07, &code);
		q->kind = ifgw_edi_request07_kind(code);
		q->request_code = code == ifgw_edi_request07_code(q->kind) ? 0 : code;
		ifgw_edi_r_amount(r, &in, "NewCreditCoverAmt", 1, 0, ccy, &q->amount);
		ifgw_edi_r_date(r, &in, "NewExpiryDate", 0, &q->expiry_date);
		ifgw_edi_r_date(r, &in, "ValidFrom", 0, &q->valid_from);
		ifgw_edi_r_int(r, &in, "LongCreditPeriodDays", 0, 3, 0, 999, &q->long_credit_days);
		ifgw_edi_r_leave(r, &in);
	}
	if (ifgw_edi_r_enter(r, c, "OwnRiskNewCreditCover", 0, &in)) {
		ifgw_edi_r_amount(r, &in, "OwnRiskAmt", 0, 0, ccy, &q->own_risk_amount);
		ifgw_edi_r_pct(r, &in, "OwnRiskPerc", 0, &q->own_risk_pct);
		ifgw_edi_r_leave(r, &in);
	}
	ifgw_edi_r_text(r, c, "MsgText", 0, EDI_FREE_1400, q->text, sizeof(q->text));
}

static void response(struct edi_r *r, struct edi_cur *c, int nn, struct ifgw_cover_response *p)
{
	int code = 0;

	ifgw_edi_r_code(r, c, "Response", 1, nn == 6 ? &ifgw_edi_cl_response06 : &ifgw_edi_cl_response08, &code);
	p->decision = ifgw_edi_response_decision(nn, code);
	p->response_code = code == ifgw_edi_response_code(nn, p->decision) ? 0 : code;
	ifgw_edi_r_code(r, c, "Reason", 0, &ifgw_edi_cl_reason, &p->reason);
}

static void dec06(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m)
{
	static const struct party_layout buyer = {"BuyerCompanyRegNr", "BuyerNr", "IFOwnBuyerNr", "BuyerName", 1, 0, 0};
	struct ifgw_cover_response *p = &m->body.cover_response;
	struct ifgw_money check = {0, NULL};
	struct edi_cur in;
	struct edi_amt amt;
	xmlNodePtr at;

	p->request_kind = IFGW_COVER_NEW;
	ifgw_edi_r_date(r, c, "ReplyDate", 1, &p->reply_date);
	ifgw_edi_r_text(r, c, "CreditCoverNr", 1, 35, p->cover_nr, sizeof(p->cover_nr));
	ifgw_edi_r_code(r, c, "MsgFunction", 1, &ifgw_edi_cl_function06, &p->function);
	ifgw_edi_r_text(r, c, "OrigReqNr", 1, 35, p->request_nr, sizeof(p->request_nr));
	ifgw_edi_r_date(r, c, "OrigReqDate", 1, &p->request_date);
	if (ifgw_edi_r_enter(r, c, "Seller", 1, &in)) {
		ifgw_edi_r_text(r, &in, "SellerNr", 1, 35, p->seller.nr, sizeof(p->seller.nr));
		ifgw_edi_r_text(r, &in, "SellerName", 1, 35, p->seller.name, sizeof(p->seller.name));
		ifgw_edi_r_text(r, &in, "IFOwnSellerNr", 0, 35, p->seller.own_nr, sizeof(p->seller.own_nr));
		ifgw_edi_r_leave(r, &in);
	}
	if (ifgw_edi_r_enter(r, c, "Buyer", 1, &in)) {
		party(r, &in, &p->buyer, &buyer);
		contact(r, &in, &p->buyer_contact);
		ifgw_edi_r_leave(r, &in);
	}
	if (ifgw_edi_r_enter(r, c, "CreditCoverDetails", 1, &in)) {
		ifgw_edi_r_amount_later(r, &in, "CreditCoverAmt", 1, 0, &amt);
		ifgw_edi_r_ccy(r, &in, "Currency", 1, &p->amount.ccy);
		ifgw_edi_r_amount_resolve(r, &amt, p->amount.ccy, &p->amount);
		ifgw_edi_r_amount(r, &in, "OwnRiskAmt", 0, 0, p->amount.ccy, &p->own_risk_amount);
		ifgw_edi_r_pct(r, &in, "OwnRiskPerc", 0, &p->own_risk_pct);
		ifgw_edi_r_int(r, &in, "LongCreditPeriodDays", 0, 3, 0, 999, &p->long_credit_days);
		ifgw_edi_r_date(r, &in, "ValidFrom", 0, &p->valid_from);
		ifgw_edi_r_date(r, &in, "ExpiryDate", 0, &p->expiry_date);
		response(r, &in, 6, p);
		at = in.next;
		ifgw_edi_r_amount(r, &in, "CreditCoverAmtCheck", 1, 0, p->amount.ccy, &check);
		cover_check(r, at, &check, &p->amount, "CreditCoverAmt");
		ifgw_edi_r_leave(r, &in);
	}
	ifgw_edi_r_text(r, c, "MsgText", 0, EDI_FREE_1400, p->text, sizeof(p->text));
}

static void dec08(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m)
{
	struct ifgw_cover_response *p = &m->body.cover_response;
	const struct ifgw_currency *ccy = NULL;
	struct ifgw_money check = {0, NULL};
	char orig[IFGW_ID_SIZE] = "";
	struct edi_cur in;
	xmlNodePtr at;

	ifgw_edi_r_date(r, c, "ReplyDate", 1, &p->reply_date);
	ifgw_edi_r_text(r, c, "RevisionNr", 1, 35, p->cover_nr, sizeof(p->cover_nr));
	ifgw_edi_r_text(r, c, "OrigReqNr", 1, 35, orig, sizeof(orig));
	if (m->hdr.type == IFGW_MSG_COVER_RESPONSE)
		snprintf(p->request_nr, sizeof(p->request_nr), "%s", orig);
	ref_party(r, c, "Seller", "SellerNr", "SellerName", &p->seller);
	ref_party(r, c, "Buyer", "BuyerNr", "BuyerName", &p->buyer);
	current_cover(r, c, &p->current_amount, &p->current_expiry, &ccy);
	if (ifgw_edi_r_enter(r, c, "NewCreditCoverDetails", 1, &in)) {
		ifgw_edi_r_amount(r, &in, "NewCreditCoverAmt", 1, 0, ccy, &p->amount);
		ifgw_edi_r_date(r, &in, "NewExpiryDate", 0, &p->expiry_date);
		ifgw_edi_r_date(r, &in, "ValidFrom", 0, &p->valid_from);
		ifgw_edi_r_int(r, &in, "LongCreditPeriodDays", 0, 3, 0, 999, &p->long_credit_days);
		response(r, &in, 8, p);
		ifgw_edi_r_leave(r, &in);
	}
	if (ifgw_edi_r_enter(r, c, "OwnRiskNewCreditCover", 1, &in)) {
		ifgw_edi_r_amount(r, &in, "OwnRiskAmt", 0, 0, ccy, &p->own_risk_amount);
		ifgw_edi_r_pct(r, &in, "OwnRiskPerc", 0, &p->own_risk_pct);
		at = in.next;
		ifgw_edi_r_amount(r, &in, "CreditCoverAmtCheck", 1, 0, ccy, &check);
		cover_check(r, at, &check, &p->amount, "NewCreditCoverAmt");
		ifgw_edi_r_leave(r, &in);
	}
	ifgw_edi_r_text(r, c, "MsgText", 0, EDI_FREE_1400, p->text, sizeof(p->text));
	p->request_kind = ifgw_edi_msg08_kind(p); /* MSG08 does not say what was asked */
}

static void dec09_batch(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m)
{
	struct ifgw_assignment_batch *b = &m->body.batch;
	const struct ifgw_currency *ccy = NULL;
	struct ifgw_money tot_inv = {0, NULL}, tot_cn = {0, NULL};
	xmlNodePtr at_inv, at_cn, at_ninv = NULL, at_ncn = NULL;
	uint64_t n_inv = 0, n_cn = 0;
	struct edi_cur in;
	size_t n = 0;
	char msg[96];

	ifgw_edi_r_text(r, c, "InvBatchNr", 1, 35, b->batch_nr, sizeof(b->batch_nr));
	ifgw_edi_r_date(r, c, "InvBatchDate", 1, &b->batch_date);
	ifgw_edi_r_ccy(r, c, "InvBatchCurrency", 1, &ccy);
	at_inv = c->next;
	ifgw_edi_r_amount(r, c, "TotAmtInvoices", 1, 0, ccy, &tot_inv);
	at_cn = c->next;
	ifgw_edi_r_amount(r, c, "TotAmtCreditNotes", 1, 0, ccy, &tot_cn);
	ref_party(r, c, "Seller", "SellerNr", "SellerName", &b->seller);
	while (next_item(r, c, "InvCreditNoteDetails", n, 1, &in)) {
		struct ifgw_invoice *inv = new_item(r, m, in.parent, "InvCreditNoteDetails");

		n++;
		if (!inv)
			break;
		ifgw_edi_r_text(r, &in, "BuyerNr", 1, 35, inv->buyer.nr, sizeof(inv->buyer.nr));
		ifgw_edi_r_text(r, &in, "BuyerName", 0, 35, inv->buyer.name, sizeof(inv->buyer.name));
		ifgw_edi_r_code(r, &in, "DocType", 1, &ifgw_edi_cl_doctype09, &inv->doc_type);
		ifgw_edi_r_text(r, &in, "DocNr", 1, 35, inv->number, sizeof(inv->number));
		ifgw_edi_r_date(r, &in, "DocDate", 1, &inv->issue_date);
		ifgw_edi_r_amount(r, &in, "DocAmt", 1, 0, ccy, &inv->amount);
		ifgw_edi_r_date(r, &in, "DocDueDate", 1, &inv->due_date);
		ifgw_edi_r_date(r, &in, "DocValueDate", 0, &inv->value_date);
		terms(r, &in, &inv->terms, 0);
		ifgw_edi_r_code(r, &in, "PmtCondition", 0, &ifgw_edi_cl_pay_condition, &inv->payment_condition);
		ifgw_edi_r_text(r, &in, "OrderNrRef", 0, 35, inv->order_ref, sizeof(inv->order_ref));
		ifgw_edi_r_text(r, &in, "InvRefNr", 0, 35, inv->invoice_ref, sizeof(inv->invoice_ref));
		ifgw_edi_r_leave(r, &in);
	}
	if (ifgw_edi_r_enter(r, c, "ControlTot", 1, &in)) {
		at_ninv = in.next;
		ifgw_edi_r_uint(r, &in, "TotNrInvoices", 1, 3, 0, 999, &n_inv);
		at_ncn = in.next;
		ifgw_edi_r_uint(r, &in, "TotNrCreditNotes", 1, 3, 0, 999, &n_cn);
		ifgw_edi_r_leave(r, &in);
	}
	ifgw_edi_r_text(r, c, "MsgText", 0, EDI_FREE_1400, b->text, sizeof(b->text));
	if (r->rc)
		return;
	/* the control totals, recomputed from the documents */
	if (!compute_totals(r, m, at_inv, "TotAmtInvoices"))
		return;
	if (b->n_totals != 1) {
		ifgw_edi_r_fail(r, at_inv, IFGW_EINVAL, "InvBatchCurrency", "documents in %zu currencies", b->n_totals);
		return;
	}
	same_total(r, at_inv, "TotAmtInvoices", &tot_inv, &b->totals[0].invoices, "invoices");
	same_total(r, at_cn, "TotAmtCreditNotes", &tot_cn, &b->totals[0].credit_notes, "credit notes");
	if (!r->rc && n_inv != (uint64_t)b->totals[0].n_invoices) {
		snprintf(msg, sizeof(msg), "%d invoices", b->totals[0].n_invoices);
		ifgw_edi_r_fail(r, at_ninv, IFGW_EINVAL, "ControlTot/TotNrInvoices",
		           "control total mismatch: TotNrInvoices %llu != %s in the batch", (unsigned long long)n_inv,
		           msg);
	}
	if (!r->rc && n_cn != (uint64_t)b->totals[0].n_credit_notes) {
		snprintf(msg, sizeof(msg), "%d credit notes", b->totals[0].n_credit_notes);
		ifgw_edi_r_fail(r, at_ncn, IFGW_EINVAL, "ControlTot/TotNrCreditNotes",
		           "control total mismatch: TotNrCreditNotes %llu != %s in the batch", (unsigned long long)n_cn,
		           msg);
	}
}

static void dec09_status(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m)
{
	struct ifgw_assignment_status *s = &m->body.assignment_status;
	struct edi_cur in;
	size_t n = 0;

	ifgw_edi_r_text(r, c, "InvBatchNr", 1, 35, s->batch_nr, sizeof(s->batch_nr));
	ifgw_edi_r_date(r, c, "StatusDate", 1, &s->status_date);
	ifgw_edi_r_date(r, c, "InvBatchDate", 0, &s->batch_date);
	ifgw_edi_r_code(r, c, "BatchStatus", 1, &ifgw_edi_cl_batch_status, &s->status);
	ifgw_edi_r_text(r, c, "StatusReasonCode", 0, 35, s->reason_code, sizeof(s->reason_code));
	ifgw_edi_r_text(r, c, "StatusReasonText", 0, IFGW_REASON_CHARS, s->reason_text, sizeof(s->reason_text));
	while (next_item(r, c, "InvCreditNoteStatus", n, 0, &in)) {
		struct ifgw_assignment_item *it = new_item(r, m, in.parent, "InvCreditNoteStatus");
		const struct ifgw_currency *ccy = NULL;
		xmlNodePtr at;

		n++;
		if (!it)
			break;
		ifgw_edi_r_code(r, &in, "DocType", 1, &ifgw_edi_cl_doctype09, &it->doc_type);
		ifgw_edi_r_text(r, &in, "DocNr", 1, 35, it->number, sizeof(it->number));
		ifgw_edi_r_date(r, &in, "DocDate", 0, &it->issue_date);
		at = in.next;
		ifgw_edi_r_ccy(r, &in, "DocCurrency", 0, &ccy);
		ifgw_edi_r_amount(r, &in, "DocAmt", 0, 0, ccy, &it->amount);
		ifgw_edi_r_amount(r, &in, "ApprovedAmt", 0, 0, ccy, &it->approved_amount);
		if (!r->rc && ccy && !it->amount.ccy && !it->approved_amount.ccy)
			ifgw_edi_r_fail(r, at, IFGW_EINVAL, "DocCurrency", "given without DocAmt or ApprovedAmt");
		ifgw_edi_r_code(r, &in, "DocStatus", 1, &ifgw_edi_cl_doc_status, &it->status);
		ifgw_edi_r_text(r, &in, "ReasonCode", 0, 35, it->reason_code, sizeof(it->reason_code));
		ifgw_edi_r_text(r, &in, "ReasonText", 0, IFGW_REASON_CHARS, it->reason_text, sizeof(it->reason_text));
		ifgw_edi_r_leave(r, &in);
	}
	ifgw_edi_r_text(r, c, "MsgText", 0, EDI_FREE_1400, s->text, sizeof(s->text));
}

static void dec10(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m)
{
	struct ifgw_adjustment *a = &m->body.adjustment;
	struct edi_cur in;
	int function = 0;

	ifgw_edi_r_date(r, c, "MsgDate", 1, &a->date);
	ifgw_edi_r_code(r, c, "MsgFunction", 1, &ifgw_edi_cl_function10, &function);
	a->kind = function == 9 ? IFGW_ADJUST_CANCEL : IFGW_ADJUST_CHANGE;
	ifgw_edi_r_code(r, c, "DocType", 1, &ifgw_edi_cl_doctype09, &a->doc_type);
	ifgw_edi_r_text(r, c, "OrigDocNr", 1, 35, a->doc_nr, sizeof(a->doc_nr));
	ifgw_edi_r_date(r, c, "OrigDocDate", 1, &a->doc_date);
	ifgw_edi_r_ccy(r, c, "OrigDocCurrency", 1, &a->currency);
	ref(r, c, "Seller", "SellerNr", "SellerName", 1, 1, &a->seller);
	ref(r, c, "Buyer", "BuyerNr", "BuyerName", 1, 1, &a->buyer);
	if (ifgw_edi_r_enter(r, c, "AdjustDetails", 0, &in)) {
		ifgw_edi_r_date(r, &in, "InvValueDate", 0, &a->value_date);
		ifgw_edi_r_date(r, &in, "InvDueDate", 0, &a->due_date);
		terms(r, &in, &a->terms, 0);
		ifgw_edi_r_code(r, &in, "PmtCondition", 0, &ifgw_edi_cl_pay_condition, &a->payment_condition);
		ifgw_edi_r_text(r, &in, "OrderNrRef", 0, 35, a->order_ref, sizeof(a->order_ref));
		ifgw_edi_r_leave(r, &in);
	}
	ifgw_edi_r_text(r, c, "MsgText", 0, EDI_FREE_1400, a->text, sizeof(a->text));
}

static void dec_payment(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m, int nn)
{
	const struct edi_codes *paid = nn == 11   ? &ifgw_edi_cl_doc_paid11
	                               : nn == 12 ? &ifgw_edi_cl_doc_paid12
	                                          : &ifgw_edi_cl_doc_paid13;
	struct ifgw_payment *p = &m->body.payment;
	struct ifgw_money given[3];
	xmlNodePtr at[3] = {NULL, NULL, NULL};
	struct edi_cur in;
	size_t n = 0;

	ifgw_edi_r_text(r, c, "PmtBatchNr", 1, 35, p->batch_nr, sizeof(p->batch_nr));
	ifgw_edi_r_date(r, c, "PmtBatchDate", 1, &p->batch_date);
	ifgw_edi_r_ccy(r, c, "PmtBatchCurrency", 1, &p->currency);
	ref(r, c, "Seller", "SellerNr", "SellerName", 1, 1, &p->seller);
	while (next_item(r, c, "PmtDetails", n, 1, &in)) {
		struct ifgw_payment_item *it = new_item(r, m, in.parent, "PmtDetails");

		n++;
		if (!it)
			break;
		ifgw_edi_r_text(r, &in, "BuyerNr", 1, 35, it->buyer.nr, sizeof(it->buyer.nr));
		ifgw_edi_r_text(r, &in, "BuyerName", 0, 35, it->buyer.name, sizeof(it->buyer.name));
		ifgw_edi_r_code(r, &in, "DocPaid", 1, paid, &it->doc_paid);
		ifgw_edi_r_text(r, &in, "InvCreditNoteNr", 0, 35, it->doc_nr, sizeof(it->doc_nr));
		ifgw_edi_r_date(r, &in, "InvCreditNoteDate", 0, &it->doc_date);
		ifgw_edi_r_amount(r, &in, "InvCreditNoteAmt", 0, 0, p->currency, &it->doc_amount);
		ifgw_edi_r_amount(r, &in, "PmtAmt", 1, 0, p->currency, &it->paid);
		ifgw_edi_r_amount(r, &in, "BankChargeAmt", 1, 0, p->currency, &it->bank_charge);
		ifgw_edi_r_amount(r, &in, nn == 13 ? "RiskSharingDeducAmt" : "DeducAmt", 0, 0, p->currency, &it->deduction);
		if (nn != 13)
			ifgw_edi_r_code(r, &in, "PmtType", 1, &ifgw_edi_cl_pay_type, &it->pay_type);
		ifgw_edi_r_date(r, &in, "PmtDate", 0, &it->pay_date);
		ifgw_edi_r_date(r, &in, "PmtValueDate", 0, &it->value_date);
		ifgw_edi_r_leave(r, &in);
	}
	memset(given, 0, sizeof(given));
	if (ifgw_edi_r_enter(r, c, "ControlTot", 1, &in)) {
		at[0] = in.next;
		ifgw_edi_r_amount(r, &in, "TotAmtPaid", 1, 1, p->currency, &given[0]);
		at[1] = in.next;
		ifgw_edi_r_amount(r, &in, "TotAmtBankChargeDeduc", 1, 1, p->currency, &given[1]);
		at[2] = in.next;
		ifgw_edi_r_amount(r, &in, "TotAmtCleared", 1, 1, p->currency, &given[2]);
		ifgw_edi_r_leave(r, &in);
	}
	ifgw_edi_r_text(r, c, "MsgText", 0, EDI_FREE_700, p->text, sizeof(p->text));
	if (r->rc)
		return;
	if (!compute_totals(r, m, at[0], "ControlTot"))
		return;
	same_total(r, at[0], "ControlTot/TotAmtPaid", &given[0], &p->total_paid, "payments");
	same_total(r, at[1], "ControlTot/TotAmtBankChargeDeduc", &given[1], &p->total_charges,
	           "bank charges and deductions");
	same_total(r, at[2], "ControlTot/TotAmtCleared", &given[2], &p->total_cleared, "cleared amounts");
}

static void dec_dispute(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m, int nn)
{
	struct ifgw_dispute *d = &m->body.dispute;
	struct edi_cur in;
	size_t n = 0;

	ifgw_edi_r_date(r, c, "MsgDate", 1, &d->date);
	ifgw_edi_r_text(r, c, "DisputeNr", 1, 35, d->dispute_nr, sizeof(d->dispute_nr));
	ifgw_edi_r_date(r, c, "DateOriginDispute", 1, &d->origin_date);
	ifgw_edi_r_ccy(r, c, "DisputeCurrency", 1, &d->currency);
	if (nn == 15) {
		ifgw_edi_r_code(r, c, "DisputeStatus", 1, &ifgw_edi_cl_dispute_status, &d->status);
		ifgw_edi_r_date(r, c, "DateSettlementDispute", 0, &d->settlement_date);
	}
	ref(r, c, "Seller", "SellerNr", "SellerName", 1, 1, &d->seller);
	ref(r, c, "Buyer", "BuyerNr", "BuyerName", 1, 1, &d->buyer);
	while (next_item(r, c, "DisputeDetails", n, 1, &in)) {
		struct ifgw_dispute_item *it = new_item(r, m, in.parent, "DisputeDetails");

		n++;
		if (!it)
			break;
		ifgw_edi_r_code(r, &in, "DocType", 1, &ifgw_edi_cl_doctype14, &it->doc_type);
		ifgw_edi_r_text(r, &in, "DocNr", 0, 35, it->doc_nr, sizeof(it->doc_nr));
		ifgw_edi_r_date(r, &in, "DocDate", 0, &it->doc_date);
		ifgw_edi_r_amount(r, &in, "DocAmt", 0, 0, d->currency, &it->doc_amount);
		ifgw_edi_r_amount(r, &in, "DisputeAmt", 1, 0, d->currency, &it->disputed);
		ifgw_edi_r_code(r, &in, "DisputeReason", 1, &ifgw_edi_cl_dispute_reason, &it->reason);
		if (nn == 15)
			ifgw_edi_r_code(r, &in, "InstructionStatus", 0, &ifgw_edi_cl_instruction, &it->instruction);
		ifgw_edi_r_text(r, &in, "NotifyingParty", 1, 35, it->notified_by, sizeof(it->notified_by));
		ifgw_edi_r_code(r, &in, "Action", 0, &ifgw_edi_cl_action, &it->action);
		ifgw_edi_r_leave(r, &in);
	}
	ifgw_edi_r_text(r, c, "DisputeReasonText", 0, EDI_FREE_3500, d->reason_text, sizeof(d->reason_text));
	ifgw_edi_r_text(r, c, "ActionText", 0, EDI_FREE_3500, d->action_text, sizeof(d->action_text));
}

static void dec16(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m)
{
	struct ifgw_chargeback *k = &m->body.chargeback;
	struct ifgw_money given = {0, NULL};
	xmlNodePtr at = NULL;
	struct edi_cur in;
	size_t n = 0;

	ifgw_edi_r_date(r, c, "MsgDate", 1, &k->date);
	ifgw_edi_r_code(r, c, "MsgType", 1, &ifgw_edi_cl_msg_type16, &k->kind);
	ifgw_edi_r_text(r, c, "MsgNr", 1, 35, k->nr, sizeof(k->nr));
	ifgw_edi_r_ccy(r, c, "DocCurrency", 1, &k->currency);
	ref(r, c, "Seller", "SellerNr", "SellerName", 1, 1, &k->seller);
	while (next_item(r, c, "ChargeBackReassDetails", n, 1, &in)) {
		struct ifgw_chargeback_item *it = new_item(r, m, in.parent, "ChargeBackReassDetails");

		n++;
		if (!it)
			break;
		ifgw_edi_r_text(r, &in, "BuyerNr", 1, 35, it->buyer.nr, sizeof(it->buyer.nr));
		ifgw_edi_r_text(r, &in, "BuyerName", 0, 35, it->buyer.name, sizeof(it->buyer.name));
		ifgw_edi_r_code(r, &in, "DocType", 1, &ifgw_edi_cl_doctype16, &it->doc_type);
		ifgw_edi_r_text(r, &in, "DocNr", 1, 35, it->doc_nr, sizeof(it->doc_nr));
		ifgw_edi_r_date(r, &in, "DocDate", 0, &it->doc_date);
		ifgw_edi_r_amount(r, &in, "DocAmt", 1, 0, k->currency, &it->doc_amount);
		ifgw_edi_r_amount(r, &in, "ChargeBackReassAmt", 1, 0, k->currency, &it->amount);
		ifgw_edi_r_code(r, &in, "ChargeBackReassReason", 1, &ifgw_edi_cl_dispute_reason, &it->reason);
		ifgw_edi_r_leave(r, &in);
	}
	if (ifgw_edi_r_enter(r, c, "ControlTot", 1, &in)) {
		at = in.next;
		ifgw_edi_r_amount(r, &in, "TotAmt", 1, 1, k->currency, &given);
		ifgw_edi_r_leave(r, &in);
	}
	ifgw_edi_r_text(r, c, "MsgText", 0, EDI_FREE_700, k->text, sizeof(k->text));
	if (r->rc)
		return;
	if (!compute_totals(r, m, at, "ControlTot/TotAmt"))
		return;
	same_total(r, at, "ControlTot/TotAmt", &given, &k->total, "charged-back amounts");
}

static void dec18(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m)
{
	struct ifgw_remittance *p = &m->body.remittance;
	struct ifgw_money given = {0, NULL};
	xmlNodePtr at = NULL;
	struct edi_cur in;
	size_t n = 0;

	ifgw_edi_r_date(r, c, "MsgDate", 1, &p->date);
	ifgw_edi_r_text(r, c, "RemitNr", 0, 35, p->remit_nr, sizeof(p->remit_nr));
	ifgw_edi_r_ccy(r, c, "RemitCurrency", 1, &p->currency);
	ifgw_edi_r_date(r, c, "RemitDate", 1, &p->remit_date);
	ifgw_edi_r_date(r, c, "ValueDate", 0, &p->value_date);
	ifgw_edi_r_code(r, c, "PmtMethod", 0, &ifgw_edi_cl_pay_method, &p->method);
	ifgw_edi_r_code(r, c, "PmtChannel", 0, &ifgw_edi_cl_pay_channel, &p->channel);
	ref(r, c, "Seller", "SellerNr", "SellerName", 0, 0, &p->seller);
	ref(r, c, "Beneficiary", "BeneficiaryNr", "BeneficiaryName", 0, 0, &p->beneficiary);
	while (next_item(r, c, "RemitDetails", n, 1, &in)) {
		struct ifgw_remittance_item *it = new_item(r, m, in.parent, "RemitDetails");

		n++;
		if (!it)
			break;
		ifgw_edi_r_text(r, &in, "MsgNrRef", 1, 35, it->msg_ref, sizeof(it->msg_ref));
		ifgw_edi_r_date(r, &in, "MsgDateRef", 1, &it->msg_date);
		ifgw_edi_r_amount(r, &in, "PmtAmt", 1, 1, p->currency, &it->amount);
		ifgw_edi_r_amount(r, &in, "BankChargeAmt", 0, 0, p->currency, &it->bank_charge);
		ifgw_edi_r_leave(r, &in);
	}
	if (ifgw_edi_r_enter(r, c, "ControlTot", 1, &in)) {
		at = in.next;
		ifgw_edi_r_amount(r, &in, "TotAmtRemitted", 1, 0, p->currency, &given);
		ifgw_edi_r_leave(r, &in);
	}
	ifgw_edi_r_text(r, c, "MsgText", 0, EDI_FREE_3500, p->text, sizeof(p->text));
	if (r->rc)
		return;
	if (!compute_totals(r, m, at, "ControlTot/TotAmtRemitted"))
		return;
	same_total(r, at, "ControlTot/TotAmtRemitted", &given, &p->total, "remitted amounts");
}

static void member(struct edi_r *r, struct edi_cur *c, const char *group, struct ifgw_factor *f, struct ifgw_contact *k)
{
	char nr[IFGW_ID_SIZE] = "";
	struct edi_cur in;
	xmlNodePtr at = c->next;

	if (!ifgw_edi_r_enter(r, c, group, 1, &in))
		return;
	ifgw_edi_r_text(r, &in, "MemberNr", 1, 7, nr, sizeof(nr));
	if (!r->rc && strcmp(nr, f->code) != 0)
		ifgw_edi_r_fail(r, at, IFGW_EINVAL, "MemberNr", "%s is not the %s code %s of MsgInfo", nr,
		           !strcmp(group, "Sender") ? "sender" : "receiver", f->code);
	ifgw_edi_r_text(r, &in, "MemberName", 0, 35, f->name, sizeof(f->name));
	ifgw_edi_r_text(r, &in, "ContactName", 1, 35, k->name, sizeof(k->name));
	ifgw_edi_r_text(r, &in, "Telephone", 0, 25, k->phone, sizeof(k->phone));
	ifgw_edi_r_text(r, &in, "Email", 0, 70, k->email, sizeof(k->email));
	ifgw_edi_r_leave(r, &in);
}

static void dec21(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m)
{
	struct ifgw_free_text *f = &m->body.free_text;

	ifgw_edi_r_date(r, c, "MsgDate", 1, &f->date);
	member(r, c, "Sender", &m->hdr.sender, &f->sender_contact);
	member(r, c, "Recipient", &m->hdr.receiver, &f->recipient_contact);
	ref(r, c, "Seller", "SellerNr", "SellerName", 0, 0, &f->seller);
	ref(r, c, "Buyer", "BuyerNr", "BuyerName", 0, 0, &f->buyer);
	/* optional in the FCI table; the text is the point of the message */
	ifgw_edi_r_text(r, c, "MsgText", 1, EDI_FREE_3500, f->text, sizeof(f->text));
}

static void dec27(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m)
{
	static const struct party_layout entity = {"EntityCompanyRegNr", "EntityNr", NULL, "EntityName", 0, 0, 1};
	struct ifgw_position *p = &m->body.position;
	struct edi_cur in;
	size_t n = 0;

	ifgw_edi_r_date(r, c, "MsgDate", 1, &p->as_of);
	ifgw_edi_r_text(r, c, "GroupId", 1, 35, p->group_id, sizeof(p->group_id));
	if (ifgw_edi_r_enter(r, c, "Entity", 1, &in)) {
		party(r, &in, &p->entity, &entity);
		ifgw_edi_r_leave(r, &in);
	}
	while (next_item(r, c, "PositionDetails", n, 1, &in)) {
		struct ifgw_position_line *it = new_item(r, m, in.parent, "PositionDetails");

		n++;
		if (!it)
			break;
		ifgw_edi_r_ccy(r, &in, "Currency", 1, &it->currency);
		ifgw_edi_r_int(r, &in, "NrInvoices", 1, 10, 0, INT32_MAX, &it->n_invoices);
		ifgw_edi_r_amount(r, &in, "AssignedAmt", 1, 0, it->currency, &it->assigned);
		ifgw_edi_r_amount(r, &in, "ApprovedAmt", 1, 0, it->currency, &it->approved);
		ifgw_edi_r_amount(r, &in, "FundedAmt", 1, 0, it->currency, &it->funded);
		ifgw_edi_r_amount(r, &in, "AvailableAmt", 1, 0, it->currency, &it->available);
		ifgw_edi_r_amount(r, &in, "OverdueAmt", 1, 0, it->currency, &it->overdue);
		ifgw_edi_r_amount(r, &in, "DisputedAmt", 0, 0, it->currency, &it->disputed);
		ifgw_edi_r_leave(r, &in);
	}
	ifgw_edi_r_text(r, c, "MsgText", 0, EDI_FREE_1400, p->text, sizeof(p->text));
}

/* --- entry */

static xmlNodePtr child_named(xmlNodePtr parent, const char *name)
{
	xmlNodePtr k;

	for (k = parent->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && xmlStrEqual(k->name, BAD_CAST name))
			return k;
	return NULL;
}

/* The canonical type of MSGnn; MSG08 and MSG09 each carry two. */
static int type_of(int nn, xmlNodePtr root)
{
	xmlNodePtr k;

	switch (nn) {
	case 1:
		return IFGW_MSG_SELLER_REGISTRATION;
	case 5:
	case 7:
		return IFGW_MSG_COVER_REQUEST;
	case 6:
		return IFGW_MSG_COVER_RESPONSE;
	case 8:
		k = child_named(root, "OrigReqNr");
		return k && k->children && k->children->type == XML_TEXT_NODE && !k->children->next &&
		                       xmlStrEqual(k->children->content, BAD_CAST EDI_REVISION_ORIG_REQ)
		               ? IFGW_MSG_COVER_REVISION
		               : IFGW_MSG_COVER_RESPONSE;
	case 9:
		return IFGW_MSG_ASSIGNMENT_BATCH;
	case EDI_NN_BATCH_STATUS:
		return IFGW_MSG_ASSIGNMENT_STATUS;
	case 10:
		return IFGW_MSG_DOCUMENT_ADJUSTMENT;
	case 11:
		return IFGW_MSG_PAYMENT;
	case 12:
		return IFGW_MSG_INDIRECT_PAYMENT;
	case 13:
		return IFGW_MSG_GUARANTEE_PAYMENT;
	case 14:
		return IFGW_MSG_DISPUTE_NOTICE;
	case 15:
		return IFGW_MSG_DISPUTE_STATUS;
	case 16:
		return IFGW_MSG_CHARGEBACK;
	case 18:
		return IFGW_MSG_REMITTANCE;
	case 21:
		return IFGW_MSG_FREE_TEXT;
	case EDI_NN_POSITION:
		return IFGW_MSG_POSITION_STATEMENT;
	default:
		return IFGW_MSG_NONE;
	}
}

static void body(struct edi_r *r, struct edi_cur *c, struct ifgw_msg *m, int nn)
{
	switch (nn) {
	case 1:
		dec01(r, c, m);
		break;
	case 5:
		dec05(r, c, m);
		break;
	case 6:
		dec06(r, c, m);
		break;
	case 7:
		dec07(r, c, m);
		break;
	case 8:
		dec08(r, c, m);
		break;
	case 9:
		dec09_batch(r, c, m);
		break;
	case EDI_NN_BATCH_STATUS:
		dec09_status(r, c, m);
		break;
	case 10:
		dec10(r, c, m);
		break;
	case 11:
	case 12:
	case 13:
		dec_payment(r, c, m, nn);
		break;
	case 14:
	case 15:
		dec_dispute(r, c, m, nn);
		break;
	case 16:
		dec16(r, c, m);
		break;
	case 18:
		dec18(r, c, m);
		break;
	case 21:
		dec21(r, c, m);
		break;
	case EDI_NN_POSITION:
		dec27(r, c, m);
		break;
	}
}

int ifgw_edi_decode(struct ifgw_msg **out, const char *wire, size_t len, const struct ifgw_adapter_env *env)
{
	struct ifgw_msg *m = NULL;
	struct edi_cur root;
	struct edi_r r;
	xmlDocPtr doc = NULL;
	int rc, nn = 0;

	*out = NULL;
	if ((rc = ifgw_edi_r_parse(&doc, wire, len, env)) != IFGW_OK || (rc = ifgw_edi_r_begin(&r, &root, &nn, doc)) != IFGW_OK ||
	    (rc = ifgw_msg_new(&m, type_of(nn, root.parent))) != IFGW_OK)
		goto out;
	head(&r, &root, m, nn != 21);
	body(&r, &root, m, nn);
	r.depth = 1;
	ifgw_edi_r_signature(&r, &root);
	ifgw_edi_r_leave(&r, &root);
	if ((rc = r.rc) != IFGW_OK || (rc = ifgw_edi_schema_check(doc, nn)) != IFGW_OK)
		goto out;
	if (env->expected_seq && m->hdr.seq != env->expected_seq) {
		rc = m->hdr.seq > env->expected_seq
		             ? ifgw_error_set(IFGW_ESTATE, "%s %s: sequence gap: expected %llu, got %llu", r.msg,
		                              m->hdr.id, (unsigned long long)env->expected_seq,
		                              (unsigned long long)m->hdr.seq)
		             : ifgw_error_set(IFGW_ESTATE,
		                              "%s %s: sequence number %llu already seen or out of order: expected %llu",
		                              r.msg, m->hdr.id, (unsigned long long)m->hdr.seq,
		                              (unsigned long long)env->expected_seq);
		goto out;
	}
	*out = m;
	m = NULL;
out:
	ifgw_msg_free(m);
	xmlFreeDoc(doc);
	return rc;
}
