/* tsin_financing.c: invoice financing (tsin.001-003):
 *   FinancingRequest       tsin.001 InvcFincgReq
 *   FinancingStatus        tsin.002 InvcFincgReqSts
 *   FinancingCancellation  tsin.003 InvcFincgCxlReq
 * (The position statement is ifgw's own document, ifgw_position.c: it is
 * no longer a tsin.002.)
 * Remainders: tsin.001 in ReqGrpInf/AddtlInf (InfTp/Prtry "ifgw"; the
 * message text in entries of InfTp/Prtry "Text"), tsin.002 after the reason
 * text in OrgnlReqInfAndSts/VldtnStsInf/AddtlStsRsnInf and in each line's
 * InvcFincgRslt/AddtlStsRsnInf.  tsin.003 has no free-text slot: a
 * cancellation whose requester has more than a name and a number, or whose
 * reason is longer than 105 characters, is refused. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "adapters/charset.h"
#define IFGW_ISO_INTERNAL
#include "adapters/iso20022/iso_int.h"
#include "base/date.h"
#include "base/error.h"

static const struct ifgw_field_limits *limits(const struct iso_w *w)
{
	return &w->env->profile->limits;
}

static void open_document(struct iso_w *w, int schema)
{
	const struct ifgw_iso_schema_info *info = ifgw_iso_schema_info(schema);

	ifgw_iso_w_open_ns(w, "Document", info->ns);
	ifgw_iso_w_open(w, info->root);
}

static void close_document(struct iso_w *w, int schema)
{
	ifgw_iso_w_close(w, ifgw_iso_schema_info(schema)->root);
	ifgw_iso_w_close(w, "Document");
}

/* CashAccount7: IBAN when it is one, else a proprietary account id. */
static void write_account7(struct iso_w *w, const char *tag, const char *account, const char *field)
{
	if (!account[0])
		return;
	ifgw_iso_w_open(w, tag);
	ifgw_iso_w_open(w, "Id");
	if (ifgw_iso_is_iban(account)) {
		ifgw_iso_w_leaf(w, "IBAN", account);
	} else {
		ifgw_iso_w_open(w, "PrtryAcct");
		ifgw_iso_w_text(w, "Id", account, 34, 0, field);
		ifgw_iso_w_close(w, "PrtryAcct");
	}
	ifgw_iso_w_close(w, "Id");
	ifgw_iso_w_close(w, tag);
}

/* The bank fields CashAccount7 has no element for. */
static void kv_bank_rest(struct iso_kvw *kv, const char *key, const struct ifgw_bank *b)
{
	char k[96];

	snprintf(k, sizeof(k), "%s/Bic", key);
	ifgw_iso_kvw_str(kv, k, b->bic);
	snprintf(k, sizeof(k), "%s/BankName", key);
	ifgw_iso_kvw_str(kv, k, b->bank_name);
	snprintf(k, sizeof(k), "%s/BranchName", key);
	ifgw_iso_kvw_str(kv, k, b->branch_name);
}

/* PartyIdentification25 (requester, group entity) as <PtyId>: name and
 * number; the other fields go to the remainder under key (kv NULL: they
 * are refused). */
static void write_party25(struct iso_w *w, const struct ifgw_party *p, struct iso_kvw *kv, const char *key)
{
	struct ifgw_party rest = *p;

	ifgw_iso_w_open(w, "PtyId");
	ifgw_iso_w_text_req(w, "Nm", p->name, 70, limits(w)->party_name, "Name");
	if (p->nr[0]) {
		ifgw_iso_w_open(w, "PrtryId");
		ifgw_iso_w_text(w, "Id", p->nr, 35, 0, "Nr");
		ifgw_iso_w_leaf(w, "IdTp", "Nr");
		ifgw_iso_w_close(w, "PrtryId");
	}
	ifgw_iso_w_close(w, "PtyId");
	rest.name[0] = rest.nr[0] = '\0';
	if (ifgw_party_is_empty(&rest))
		return;
	if (kv)
		ifgw_iso_kvw_party(kv, key, &rest);
	else
		ifgw_iso_w_fail(w, IFGW_EUNSUPPORTED, NULL, "%s carries the requester's name and number only", w->label);
}

/* PartyIdentification8 (supplier, buyer of a tsin.001 invoice) as <PtyId>:
 * the address when the country is known (Ctry is required there), own
 * number as BkPtyId, VAT number as TaxIdNb, number as PrtryId; the rest to
 * the remainder under key. */
static void write_party8(struct iso_w *w, const struct ifgw_party *p, struct iso_kvw *kv, const char *key)
{
	const struct ifgw_field_limits *lim = limits(w);
	struct ifgw_party rest;

	ifgw_party_init(&rest);
	ifgw_iso_w_open(w, "PtyId");
	ifgw_iso_w_text(w, "Nm", p->name, 70, lim->party_name, "Name");
	if (p->country[0]) {
		ifgw_iso_w_open(w, "PstlAdr");
		if (p->street[0][0]) {
			ifgw_iso_w_text(w, "AdrLine", p->street[0], 70, lim->street, "Street[1]");
			ifgw_iso_w_text(w, "AdrLine", p->street[1], 70, lim->street, "Street[2]");
		} else {
			memcpy(rest.street[1], p->street[1], sizeof(rest.street[1]));
		}
		ifgw_iso_w_text(w, "PstCd", p->postcode, 16, lim->postcode, "Postcode");
		ifgw_iso_w_text(w, "TwnNm", p->city, 35, lim->city, "City");
		ifgw_iso_w_text(w, "CtrySubDvsn", p->region, 35, lim->region, "Region");
		ifgw_iso_w_leaf(w, "Ctry", p->country);
		ifgw_iso_w_close(w, "PstlAdr");
	} else {
		memcpy(rest.street, p->street, sizeof(rest.street));
		memcpy(rest.city, p->city, sizeof(rest.city));
		memcpy(rest.postcode, p->postcode, sizeof(rest.postcode));
		memcpy(rest.region, p->region, sizeof(rest.region));
	}
	if (p->nr[0] || p->own_nr[0] || p->vat_nr[0]) {
		ifgw_iso_w_open(w, "Id");
		ifgw_iso_w_open(w, "OrgId");
		ifgw_iso_w_text(w, "BkPtyId", p->own_nr, 35, 0, "OwnNr");
		ifgw_iso_w_text(w, "TaxIdNb", p->vat_nr, 35, 0, "VatNr");
		if (p->nr[0]) {
			ifgw_iso_w_open(w, "PrtryId");
			ifgw_iso_w_text(w, "Id", p->nr, 35, 0, "Nr");
			ifgw_iso_w_close(w, "PrtryId");
		}
		ifgw_iso_w_close(w, "OrgId");
		ifgw_iso_w_close(w, "Id");
	}
	ifgw_iso_w_close(w, "PtyId");
	memcpy(rest.reg_nr, p->reg_nr, sizeof(rest.reg_nr));
	memcpy(rest.reg_agency, p->reg_agency, sizeof(rest.reg_agency));
	ifgw_iso_kvw_party(kv, key, &rest);
}

/* One invoice offered for financing (InvoiceRequestInformation1); kv has
 * the item's prefix ("Item[3]/"). */
static void write_request_item(struct iso_w *w, const struct ifgw_financing_item *it, struct iso_kvw *kv)
{
	const struct ifgw_invoice *inv = &it->invoice;
	struct ifgw_money zero = {0, inv->amount.ccy}, taxable = inv->taxable_amount, tax = inv->tax_amount;
	size_t saved = ifgw_iso_w_push(w, "Invoice"), party;

	ifgw_iso_w_open(w, "InvcReqInf");
	ifgw_iso_w_open(w, "InvcGnlInf");
	ifgw_iso_w_leaf(w, "DocTp", "CINV"); /* the only code tsin.001 has: a credit note says so in the remainder */
	ifgw_iso_w_text_req(w, "DocNb", inv->number, 35, limits(w)->document_number, "Number");
	ifgw_iso_w_date(w, "IsseDt", inv->issue_date);
	ifgw_iso_w_close(w, "InvcGnlInf");
	if (inv->doc_type != IFGW_DOC_INVOICE)
		ifgw_iso_kvw_code(kv, "Invoice/DocType", IFGW_CL_DOC_TYPE, inv->doc_type);
	if (!taxable.ccy) {
		taxable = inv->amount;
		ifgw_iso_kvw_absent(kv, "Invoice/TaxableAmount");
	}
	if (!tax.ccy) {
		tax = zero;
		ifgw_iso_kvw_absent(kv, "Invoice/TaxAmount");
	}
	ifgw_iso_w_open(w, "InvcTtlsInf");
	ifgw_iso_w_amount(w, "TtlTaxblAmt", &taxable);
	ifgw_iso_w_amount(w, "TtlTaxAmt", &tax);
	ifgw_iso_w_amount(w, "TtlInvcAmt", &inv->amount);
	ifgw_iso_w_date(w, "PmtDueDt", inv->due_date);
	ifgw_iso_w_close(w, "InvcTtlsInf");
	if (it->requested.ccy || it->requested_pct != IFGW_PCT_NONE) {
		ifgw_iso_w_open(w, "ReqdAmt");
		if (it->requested.ccy)
			ifgw_iso_w_amount(w, "Amt", &it->requested);
		else
			ifgw_iso_w_pct(w, "Rate", it->requested_pct);
		ifgw_iso_w_close(w, "ReqdAmt");
	}
	ifgw_iso_w_open(w, "Spplr");
	party = ifgw_iso_w_push(w, "Seller");
	write_party8(w, &inv->seller, kv, "Invoice/Seller");
	ifgw_iso_w_pop(w, party);
	ifgw_iso_w_close(w, "Spplr");
	ifgw_iso_w_open(w, "Buyr");
	party = ifgw_iso_w_push(w, "Buyer");
	write_party8(w, &inv->buyer, kv, "Invoice/Buyer");
	ifgw_iso_w_pop(w, party);
	ifgw_iso_w_close(w, "Buyr");
	ifgw_iso_w_open(w, "InvcPmtInf");
	ifgw_iso_w_leaf(w, "PmtMtd", "TRF");
	ifgw_iso_w_close(w, "InvcPmtInf");
	if (inv->invoice_ref[0]) {
		ifgw_iso_w_open(w, "RfrdDoc");
		ifgw_iso_w_open(w, "Tp");
		ifgw_iso_w_leaf(w, "Cd", "CINV");
		ifgw_iso_w_close(w, "Tp");
		ifgw_iso_w_text(w, "DocNb", inv->invoice_ref, 35, 0, "InvoiceRef");
		ifgw_iso_w_close(w, "RfrdDoc");
	}
	if (inv->order_ref[0]) {
		ifgw_iso_w_open(w, "RfrdDoc");
		ifgw_iso_w_open(w, "Tp");
		ifgw_iso_w_leaf(w, "Prtry", "PurchaseOrder");
		ifgw_iso_w_close(w, "Tp");
		ifgw_iso_w_text(w, "DocNb", inv->order_ref, 35, 0, "OrderRef");
		ifgw_iso_w_close(w, "RfrdDoc");
	}
	ifgw_iso_w_close(w, "InvcReqInf");
	ifgw_iso_kvw_date(kv, "Invoice/ValueDate", inv->value_date);
	ifgw_iso_kvw_terms(kv, "Invoice/Terms", &inv->terms);
	ifgw_iso_kvw_code(kv, "Invoice/PaymentCondition", IFGW_CL_PAY_CONDITION, inv->payment_condition);
	ifgw_iso_w_pop(w, saved);
}

/* AdditionalInformation1 entries of one type (InfTp/Prtry): the text in
 * pieces of at most 350 characters, each starting with marker (a remainder
 * when the marker is given). */
static void write_addtl(struct iso_w *w, const char *type, const char *marker, const char *text)
{
	size_t mlen = strlen(marker), n;
	char piece[350 * 4 + 8];

	while (*text && w->rc == IFGW_OK) {
		n = mlen ? ifgw_iso_kv_piece(text, 350 - mlen) : ifgw_iso_utf8_prefix(text, 350);
		memcpy(piece, marker, mlen);
		memcpy(piece + mlen, text, n);
		piece[mlen + n] = '\0';
		ifgw_iso_w_open(w, "AddtlInf");
		ifgw_iso_w_open(w, "InfTp");
		ifgw_iso_w_leaf(w, "Prtry", type);
		ifgw_iso_w_close(w, "InfTp");
		ifgw_iso_w_leaf(w, "InfVal", piece);
		ifgw_iso_w_close(w, "AddtlInf");
		text += n;
	}
}

static void encode_request(struct iso_w *w, const struct ifgw_msg *m)
{
	const struct ifgw_financing_request *f = &m->body.financing_request;
	struct ifgw_buf items;
	struct iso_kvw kv;
	struct iso_w iw;
	size_t i, saved, k;
	int rc;

	ifgw_iso_kvw_init(&kv, w);
	ifgw_buf_init(&items, ISO_WIRE_MAX);
	open_document(w, ISO_TSIN001);
	/* the items first, into their own buffer: their remainder goes in
	   ReqGrpInf/AddtlInf, which comes before them */
	iw = *w;
	iw.out = &items;
	for (i = 0; i < f->n_items && iw.rc == IFGW_OK; i++) {
		k = ifgw_iso_kvw_push(&kv, "Item[%zu]/", i + 1);
		saved = ifgw_iso_w_push(&iw, "Item[%zu]", i + 1);
		write_request_item(&iw, &f->items[i], &kv);
		ifgw_iso_w_pop(&iw, saved);
		ifgw_iso_kvw_pop(&kv, k);
	}
	if (iw.rc != IFGW_OK && w->rc == IFGW_OK)
		w->rc = iw.rc;
	ifgw_iso_w_open(w, "ReqGrpInf");
	ifgw_iso_w_text_req(w, "GrpId", f->request_nr, 35, limits(w)->reference, "RequestNr");
	ifgw_iso_w_datetime(w, "CreDtTm", m->hdr.created);
	ifgw_iso_w_uint(w, "NbOfInvcReqs", f->n_items);
	ifgw_iso_w_amount(w, "TtlBlkInvcAmt", &f->total);
	ifgw_iso_w_leaf(w, "Ccy", f->currency->code);
	ifgw_iso_w_text(w, "FincgAgrmt", f->agreement, 350, 0, "Agreement");
	ifgw_iso_w_open(w, "FincgRqstr");
	saved = ifgw_iso_w_push(w, "Requester");
	write_party25(w, &f->requester, &kv, "Requester");
	ifgw_iso_w_pop(w, saved);
	saved = ifgw_iso_w_push(w, "CreditAccount");
	write_account7(w, "CdtAcct", f->credit_account.account, "Account");
	ifgw_iso_w_pop(w, saved);
	kv_bank_rest(&kv, "CreditAccount", &f->credit_account);
	ifgw_iso_w_close(w, "FincgRqstr");
	/* the first agent: the factor the request goes to */
	ifgw_iso_w_open(w, "FrstAgt");
	ifgw_iso_w_open(w, "PrtryId");
	ifgw_iso_w_leaf(w, "Id", m->hdr.receiver.code);
	ifgw_iso_w_leaf(w, "IdTp", "FCI");
	ifgw_iso_w_close(w, "PrtryId");
	ifgw_iso_w_close(w, "FrstAgt");
	write_addtl(w, "ifgw", ISO_MARKER, ifgw_buf_cstr(&kv.buf));
	saved = ifgw_iso_w_push(w, "Text");
	ifgw_iso_w_check_text(w, "InfVal", f->text, IFGW_FREE_TEXT_CHARS, limits(w)->free_text, "");
	ifgw_iso_w_pop(w, saved);
	write_addtl(w, "Text", "", f->text);
	ifgw_iso_w_close(w, "ReqGrpInf");
	if (w->rc == IFGW_OK && items.len && (rc = ifgw_buf_add(w->out, items.ptr, items.len)) != IFGW_OK)
		w->rc = rc;
	close_document(w, ISO_TSIN001);
	ifgw_buf_free(&items);
	ifgw_iso_kvw_free(&kv);
}

/* MessageIdentification1 of tsin.002 / tsin.003: the AppHdr's id and time again. */
static void write_msg_id(struct iso_w *w, const char *tag, const struct ifgw_msg *m)
{
	ifgw_iso_w_open(w, tag);
	ifgw_iso_w_text_req(w, "Id", m->hdr.id, 35, 0, "Header/Id");
	ifgw_iso_w_datetime(w, "CreDtTm", m->hdr.created);
	ifgw_iso_w_close(w, tag);
}

static const char *fin_status_code(int status)
{
	return status == IFGW_FIN_FINANCED ? "FNCD" : status == IFGW_FIN_PENDING ? "PDNG" : "NTFD";
}

static void encode_status(struct iso_w *w, const struct ifgw_msg *m)
{
	const struct ifgw_financing_status *f = &m->body.financing_status;
	const struct ifgw_currency *ccy = f->accepted_total.ccy ? f->accepted_total.ccy
					  : f->financed_total.ccy ? f->financed_total.ccy
					  : f->n_items		  ? f->items[0].amount.ccy
								  : NULL;
	struct ifgw_money accepted = f->accepted_total, financed = f->financed_total;
	const char *reason_text = f->reason_text;
	int32_t count = f->financed_count;
	struct iso_kvw kv;
	size_t i, saved;

	ifgw_iso_kvw_init(&kv, w);
	if (f->status == IFGW_ITEM_PARTLY_ACCEPTED || f->status == IFGW_ITEM_PENDING)
		ifgw_iso_kvw_code(&kv, "Status", IFGW_CL_ITEM_STATUS, f->status);
	if (ifgw_iso_text_pieces_clash(reason_text, 105)) {
		ifgw_iso_kvw_str(&kv, "ReasonText", reason_text);
		reason_text = "";
	}
	if (f->n_items == 0) {
		/* FincgInfAndSts needs at least one invoice: the summary travels here */
		ifgw_iso_kvw_int(&kv, "FinancedCount", f->financed_count);
		ifgw_iso_kvw_money(&kv, "AcceptedTotal", &f->accepted_total);
		ifgw_iso_kvw_pct(&kv, "AppliedPercent", f->applied_pct);
		ifgw_iso_kvw_money(&kv, "FinancedTotal", &f->financed_total);
		ifgw_iso_kvw_date(&kv, "CreditDate", f->credit_date);
		ifgw_iso_kvw_str(&kv, "CreditAccount/Account", f->credit_account.account);
	} else {
		if (count == IFGW_INT_NONE) {
			count = 0;
			ifgw_iso_kvw_absent(&kv, "FinancedCount");
		}
		if (!accepted.ccy) {
			accepted.minor = 0;
			accepted.ccy = ccy;
			ifgw_iso_kvw_absent(&kv, "AcceptedTotal");
		}
		if (!financed.ccy) {
			financed.minor = 0;
			financed.ccy = ccy;
			ifgw_iso_kvw_absent(&kv, "FinancedTotal");
		}
	}
	kv_bank_rest(&kv, "CreditAccount", &f->credit_account);
	ifgw_iso_kvw_text(&kv, "Text", f->text, limits(w)->free_text);
	open_document(w, ISO_TSIN002);
	write_msg_id(w, "StsId", m);
	ifgw_iso_w_open(w, "OrgnlReqInfAndSts");
	ifgw_iso_w_text_req(w, "Id", f->request_nr, 35, limits(w)->reference, "RequestNr");
	ifgw_iso_w_datetime(w, "CreDtTm", f->request_created);
	ifgw_iso_w_vsi(w, "VldtnStsInf", f->status != IFGW_ITEM_REJECTED, f->reason_code, reason_text, &kv.buf);
	ifgw_iso_w_close(w, "OrgnlReqInfAndSts");
	if (f->n_items) {
		ifgw_iso_w_open(w, "FincgInfAndSts");
		ifgw_iso_w_open(w, "FincgAllwdSummry");
		ifgw_iso_w_uint(w, "FincdItmNb", (uint64_t)count);
		ifgw_iso_w_amount(w, "TtlAccptdItmsAmt", &accepted);
		ifgw_iso_w_pct(w, "ApldPctg", f->applied_pct);
		ifgw_iso_w_amount(w, "TtlFincdAmt", &financed);
		if (f->credit_date != IFGW_DATE_NONE) {
			ifgw_iso_w_open(w, "FincgDtDtls");
			ifgw_iso_w_date(w, "CdtDt", f->credit_date);
			ifgw_iso_w_close(w, "FincgDtDtls");
		}
		saved = ifgw_iso_w_push(w, "CreditAccount");
		write_account7(w, "CdtAcct", f->credit_account.account, "Account");
		ifgw_iso_w_pop(w, saved);
		ifgw_iso_w_close(w, "FincgAllwdSummry");
		for (i = 0; i < f->n_items && w->rc == IFGW_OK; i++) {
			const struct ifgw_financing_item_status *it = &f->items[i];

			saved = ifgw_iso_w_push(w, "Item[%zu]", i + 1);
			ifgw_iso_w_open(w, "InvcFincgDtls");
			ifgw_iso_w_open(w, "OrgnlInvcInf");
			ifgw_iso_w_text_req(w, "DocNb", it->doc_nr, 35, limits(w)->document_number, "DocNr");
			ifgw_iso_w_amount(w, "TtlInvcAmt", &it->amount);
			ifgw_iso_w_date(w, "IsseDt", it->issue_date);
			ifgw_iso_w_date(w, "PmtDueDt", it->due_date);
			ifgw_iso_w_close(w, "OrgnlInvcInf");
			ifgw_iso_w_open(w, "InvcFincgRslt");
			ifgw_iso_w_leaf(w, "FincgReqSts", fin_status_code(it->status));
			ifgw_iso_w_reason(w, it->reason_code);
			ifgw_iso_w_text_pieces(w, "AddtlStsRsnInf", it->reason_text, 105);
			if (it->financed.ccy) {
				ifgw_iso_w_open(w, "FincdAmt");
				ifgw_iso_w_amount(w, "Amt", &it->financed);
				ifgw_iso_w_close(w, "FincdAmt");
			}
			ifgw_iso_w_close(w, "InvcFincgRslt");
			ifgw_iso_w_close(w, "InvcFincgDtls");
			ifgw_iso_w_pop(w, saved);
		}
		ifgw_iso_w_close(w, "FincgInfAndSts");
	}
	close_document(w, ISO_TSIN002);
	ifgw_iso_kvw_free(&kv);
}

static void encode_cancellation(struct iso_w *w, const struct ifgw_msg *m)
{
	const struct ifgw_financing_cancellation *c = &m->body.financing_cancellation;
	size_t saved;

	open_document(w, ISO_TSIN003);
	write_msg_id(w, "CxlReqId", m);
	ifgw_iso_w_open(w, "CxlReqInf");
	ifgw_iso_w_text_req(w, "OrgnlGrpId", c->request_nr, 35, limits(w)->reference, "RequestNr");
	ifgw_iso_w_datetime(w, "OrgnlCreDtTm", c->request_created);
	if (c->n_invoices != IFGW_INT_NONE)
		ifgw_iso_w_uint(w, "NbOfInvcReqs", (uint64_t)c->n_invoices);
	ifgw_iso_w_amount(w, "TtlBlkInvcAmt", &c->total);
	ifgw_iso_w_text_req(w, "CxlRsn", c->reason, 105, limits(w)->free_text, "Reason");
	if (!ifgw_party_is_empty(&c->requester)) {
		ifgw_iso_w_open(w, "FincgRqstr");
		saved = ifgw_iso_w_push(w, "Requester");
		write_party25(w, &c->requester, NULL, "Requester");
		ifgw_iso_w_pop(w, saved);
		ifgw_iso_w_close(w, "FincgRqstr");
	}
	ifgw_iso_w_close(w, "CxlReqInf");
	close_document(w, ISO_TSIN003);
}

int ifgw_iso_financing_encode(struct iso_w *w, const struct ifgw_msg *m)
{
	switch (m->hdr.type) {
	case IFGW_MSG_FINANCING_REQUEST:
		encode_request(w, m);
		break;
	case IFGW_MSG_FINANCING_STATUS:
		encode_status(w, m);
		break;
	case IFGW_MSG_FINANCING_CANCELLATION:
		encode_cancellation(w, m);
		break;
	default:
		w->rc = ifgw_error_set(IFGW_EUNSUPPORTED, "iso20022: %s is not a financing message",
				       ifgw_msg_type_name(m->hdr.type));
	}
	return w->rc;
}

/* --- decoding */

/* Fields of a party read from the remainder join those read from the XML;
 * one given in both is refused. */
static int merge_party(struct iso_r *r, xmlNodePtr where, struct ifgw_party *p, const struct ifgw_party *rest)
{
	struct {
		char *dst;
		const char *src;
		size_t size;
		const char *name;
	} f[] = {
		{p->nr, rest->nr, sizeof(p->nr), "Nr"},
		{p->own_nr, rest->own_nr, sizeof(p->own_nr), "OwnNr"},
		{p->name, rest->name, sizeof(p->name), "Name"},
		{p->street[0], rest->street[0], sizeof(p->street[0]), "Street[1]"},
		{p->street[1], rest->street[1], sizeof(p->street[1]), "Street[2]"},
		{p->city, rest->city, sizeof(p->city), "City"},
		{p->postcode, rest->postcode, sizeof(p->postcode), "Postcode"},
		{p->region, rest->region, sizeof(p->region), "Region"},
		{p->country, rest->country, sizeof(p->country), "Country"},
		{p->reg_nr, rest->reg_nr, sizeof(p->reg_nr), "RegistrationNr"},
		{p->reg_agency, rest->reg_agency, sizeof(p->reg_agency), "RegistrationAgency"},
		{p->vat_nr, rest->vat_nr, sizeof(p->vat_nr), "VatNr"},
	};
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (!f[i].src[0])
			continue;
		if (f[i].dst[0])
			return ifgw_iso_r_fail(r, where, IFGW_EINVAL, "%s given in the XML and in the ifgw remainder",
					  f[i].name);
		memcpy(f[i].dst, f[i].src, f[i].size);
	}
	return IFGW_OK;
}

/* PartyIdentification25 (<PtyId>) and the remainder under key (kv NULL: none). */
static int read_party25(struct iso_r *r, struct ifgw_party *p, xmlNodePtr ptyid, struct iso_kv *kv, const char *key)
{
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	xmlNodePtr prtry = ifgw_iso_r_child(ptyid, "PrtryId");
	struct ifgw_party rest;
	int rc;

	ifgw_party_init(&rest);
	if ((rc = ifgw_iso_r_text(r, p->name, sizeof(p->name), ptyid, "Nm", lim->party_name)) != IFGW_OK)
		return rc;
	if (prtry) {
		if (strcmp(ifgw_iso_r_content(r, ifgw_iso_r_child(prtry, "IdTp")), "Nr") != 0)
			return ifgw_iso_r_fail(r, prtry, IFGW_EINVAL, "ifgw writes the party number with IdTp 'Nr'");
		if ((rc = ifgw_iso_r_text(r, p->nr, sizeof(p->nr), prtry, "Id", 0)) != IFGW_OK)
			return rc;
	}
	if (kv && ((rc = ifgw_iso_kv_party(kv, &rest, key)) != IFGW_OK || (rc = merge_party(r, ptyid, p, &rest)) != IFGW_OK))
		return rc;
	return IFGW_OK;
}

/* PartyIdentification8 (<PtyId>) and the remainder under key. */
static int read_party8(struct iso_r *r, struct ifgw_party *p, xmlNodePtr ptyid, struct iso_kv *kv, const char *key)
{
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	xmlNodePtr adr = ifgw_iso_r_child(ptyid, "PstlAdr"), org = ifgw_iso_r_child(ifgw_iso_r_child(ptyid, "Id"), "OrgId"), line;
	struct ifgw_party rest;
	int rc;

	ifgw_party_init(&rest);
	if ((rc = ifgw_iso_r_text(r, p->name, sizeof(p->name), ptyid, "Nm", lim->party_name)) != IFGW_OK)
		return rc;
	if (adr) {
		line = ifgw_iso_r_child(adr, "AdrLine");
		if (line && ifgw_iso_r_next(line) && ifgw_iso_r_next(ifgw_iso_r_next(line)))
			return ifgw_iso_r_fail(r, adr, IFGW_EINVAL, "ifgw carries two address lines");
		if ((rc = ifgw_iso_r_node_text(r, p->street[0], sizeof(p->street[0]), line, lim->street)) != IFGW_OK ||
		    (rc = ifgw_iso_r_node_text(r, p->street[1], sizeof(p->street[1]), line ? ifgw_iso_r_next(line) : NULL,
					  lim->street)) != IFGW_OK ||
		    (rc = ifgw_iso_r_text(r, p->postcode, sizeof(p->postcode), adr, "PstCd", lim->postcode)) != IFGW_OK ||
		    (rc = ifgw_iso_r_text(r, p->city, sizeof(p->city), adr, "TwnNm", lim->city)) != IFGW_OK ||
		    (rc = ifgw_iso_r_text(r, p->region, sizeof(p->region), adr, "CtrySubDvsn", lim->region)) != IFGW_OK ||
		    (rc = ifgw_iso_r_code(r, p->country, sizeof(p->country), adr, "Ctry")) != IFGW_OK)
			return rc;
	}
	if (org && ((rc = ifgw_iso_r_text(r, p->own_nr, sizeof(p->own_nr), org, "BkPtyId", 0)) != IFGW_OK ||
		    (rc = ifgw_iso_r_text(r, p->vat_nr, sizeof(p->vat_nr), org, "TaxIdNb", 0)) != IFGW_OK ||
		    (rc = ifgw_iso_r_text(r, p->nr, sizeof(p->nr), ifgw_iso_r_child(org, "PrtryId"), "Id", 0)) != IFGW_OK))
		return rc;
	if ((rc = ifgw_iso_kv_party(kv, &rest, key)) != IFGW_OK || (rc = merge_party(r, ptyid, p, &rest)) != IFGW_OK)
		return rc;
	return IFGW_OK;
}

/* CashAccount7 (its Id only) into account. */
static int read_account7(struct iso_r *r, char *account, size_t size, xmlNodePtr parent, const char *name)
{
	xmlNodePtr id = ifgw_iso_r_child(ifgw_iso_r_child(parent, name), "Id"), iban;

	account[0] = '\0';
	if (!id)
		return IFGW_OK;
	if ((iban = ifgw_iso_r_child(id, "IBAN")))
		return ifgw_iso_r_node_text(r, account, size, iban, 0);
	return ifgw_iso_r_text(r, account, size, ifgw_iso_r_child(id, "PrtryAcct"), "Id", 0);
}

static int read_bank_rest(struct iso_kv *kv, struct ifgw_bank *b, const char *key)
{
	char k[96];
	int rc;

	snprintf(k, sizeof(k), "%s/Bic", key);
	if ((rc = ifgw_iso_kv_text(kv, b->bic, sizeof(b->bic), k)) != IFGW_OK)
		return rc;
	snprintf(k, sizeof(k), "%s/BankName", key);
	if ((rc = ifgw_iso_kv_text(kv, b->bank_name, sizeof(b->bank_name), k)) != IFGW_OK)
		return rc;
	snprintf(k, sizeof(k), "%s/BranchName", key);
	return ifgw_iso_kv_text(kv, b->branch_name, sizeof(b->branch_name), k);
}

/* The MessageIdentification1 must repeat the AppHdr's id and time. */
static int check_msg_id(struct iso_r *r, xmlNodePtr id, const struct ifgw_msg *m)
{
	char text[IFGW_ID_SIZE];
	int64_t t;
	int rc;

	if ((rc = ifgw_iso_r_text(r, text, sizeof(text), id, "Id", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_datetime(r, &t, id, "CreDtTm")) != IFGW_OK)
		return rc;
	if (strcmp(text, m->hdr.id) != 0 || t != m->hdr.created)
		return ifgw_iso_r_fail(r, id, IFGW_EINVAL, "Id and CreDtTm must be the AppHdr's BizMsgIdr and CreDt");
	return IFGW_OK;
}

static int read_request_item(struct iso_r *r, struct ifgw_financing_item *it, xmlNodePtr item, struct iso_kv *kv)
{
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	struct ifgw_invoice *inv = &it->invoice;
	xmlNodePtr gen = ifgw_iso_r_child(item, "InvcGnlInf"), tot = ifgw_iso_r_child(item, "InvcTtlsInf"),
		   req = ifgw_iso_r_child(item, "ReqdAmt"), doc, pay = ifgw_iso_r_child(item, "InvcPmtInf");
	int absent, rc;

	if (strcmp(ifgw_iso_r_content(r, ifgw_iso_r_child(gen, "DocTp")), "CINV") != 0)
		return ifgw_iso_r_fail(r, gen, IFGW_EINVAL, "DocTp must be CINV");
	if (strcmp(ifgw_iso_r_content(r, ifgw_iso_r_child(pay, "PmtMtd")), "TRF") != 0)
		return ifgw_iso_r_fail(r, pay, IFGW_EUNSUPPORTED, "ifgw finances invoices paid by transfer (PmtMtd TRF)");
	inv->doc_type = IFGW_DOC_INVOICE;
	if ((rc = ifgw_iso_r_text(r, inv->number, sizeof(inv->number), gen, "DocNb", lim->document_number)) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, &inv->issue_date, gen, "IsseDt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &inv->amount, tot, "TtlInvcAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &inv->taxable_amount, tot, "TtlTaxblAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &inv->tax_amount, tot, "TtlTaxAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, &inv->due_date, tot, "PmtDueDt")) != IFGW_OK ||
	    (req && ((rc = ifgw_iso_r_amount(r, &it->requested, req, "Amt")) != IFGW_OK ||
		     (rc = ifgw_iso_r_pct(r, &it->requested_pct, req, "Rate")) != IFGW_OK)) ||
	    (rc = read_party8(r, &inv->seller, ifgw_iso_r_child(ifgw_iso_r_child(item, "Spplr"), "PtyId"), kv,
			      "Invoice/Seller")) != IFGW_OK ||
	    (rc = read_party8(r, &inv->buyer, ifgw_iso_r_child(ifgw_iso_r_child(item, "Buyr"), "PtyId"), kv,
			      "Invoice/Buyer")) != IFGW_OK)
		return rc;
	for (doc = ifgw_iso_r_child(item, "RfrdDoc"); doc; doc = ifgw_iso_r_next(doc)) {
		xmlNodePtr tp = ifgw_iso_r_child(doc, "Tp");
		const char *cd = ifgw_iso_r_content(r, ifgw_iso_r_child(tp, "Cd")), *pr = ifgw_iso_r_content(r, ifgw_iso_r_child(tp, "Prtry"));
		char *dst = strcmp(cd, "CINV") == 0 ? inv->invoice_ref
			    : strcmp(pr, "PurchaseOrder") == 0 ? inv->order_ref
							       : NULL;

		if (!dst || dst[0])
			return ifgw_iso_r_fail(r, doc, IFGW_EINVAL,
					  "ifgw refers to one invoice (Tp/Cd CINV) and one order (Tp/Prtry PurchaseOrder)");
		if ((rc = ifgw_iso_r_text(r, dst, IFGW_ID_SIZE, doc, "DocNb", 0)) != IFGW_OK)
			return rc;
	}
	if ((rc = ifgw_iso_kv_code(kv, &inv->doc_type, "Invoice/DocType", IFGW_CL_DOC_TYPE)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_marker(kv, &absent, "Invoice/TaxableAmount")) != IFGW_OK)
		return rc;
	if (absent)
		inv->taxable_amount.ccy = NULL, inv->taxable_amount.minor = 0;
	if ((rc = ifgw_iso_kv_marker(kv, &absent, "Invoice/TaxAmount")) != IFGW_OK)
		return rc;
	if (absent)
		inv->tax_amount.ccy = NULL, inv->tax_amount.minor = 0;
	if ((rc = ifgw_iso_kv_date(kv, &inv->value_date, "Invoice/ValueDate")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_terms(kv, &inv->terms, "Invoice/Terms")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_code(kv, &inv->payment_condition, "Invoice/PaymentCondition", IFGW_CL_PAY_CONDITION)) !=
		    IFGW_OK)
		return rc;
	return IFGW_OK;
}

static int decode_request(struct iso_r *r, struct ifgw_msg *m, xmlNodePtr root, struct iso_kv *kv)
{
	struct ifgw_financing_request *f = &m->body.financing_request;
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	xmlNodePtr grp = ifgw_iso_r_child(root, "ReqGrpInf"), rqstr = ifgw_iso_r_child(grp, "FincgRqstr"), agent, info, item;
	struct ifgw_buf kv_text, text;
	const char *code;
	char count[32];
	struct ifgw_error kept;
	int64_t created;
	size_t i, chars = 0;
	void *p;
	int rc;

	ifgw_buf_init(&kv_text, ISO_WIRE_MAX);
	ifgw_buf_init(&text, IFGW_FREE_TEXT_SIZE);
	if ((rc = ifgw_iso_r_text(r, f->request_nr, sizeof(f->request_nr), grp, "GrpId", lim->reference)) != IFGW_OK ||
	    (rc = ifgw_iso_r_datetime(r, &created, grp, "CreDtTm")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &f->total, grp, "TtlBlkInvcAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, f->agreement, sizeof(f->agreement), grp, "FincgAgrmt", 0)) != IFGW_OK)
		goto out;
	if (created != m->hdr.created) {
		rc = ifgw_iso_r_fail(r, grp, IFGW_EINVAL, "CreDtTm must be the AppHdr's CreDt");
		goto out;
	}
	code = ifgw_iso_r_content(r, ifgw_iso_r_child(grp, "Ccy"));
	ifgw_error_save(&kept); /* replaced by a message that names the element */
	rc = ifgw_currency_lookup(&f->currency, code, strlen(code));
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK) {
		rc = ifgw_iso_r_fail(r, ifgw_iso_r_child(grp, "Ccy"), IFGW_EINVAL, "unknown currency '%.8s'", code);
		goto out;
	}
	agent = ifgw_iso_r_child(ifgw_iso_r_child(grp, "FrstAgt"), "PrtryId");
	if (!agent || strcmp(ifgw_iso_r_content(r, ifgw_iso_r_child(agent, "Id")), m->hdr.receiver.code) != 0 ||
	    strcmp(ifgw_iso_r_content(r, ifgw_iso_r_child(agent, "IdTp")), "FCI") != 0) {
		rc = ifgw_iso_r_fail(r, ifgw_iso_r_child(grp, "FrstAgt"), IFGW_EINVAL,
				"the first agent is the receiving factor (PrtryId %s, IdTp FCI)", m->hdr.receiver.code);
		goto out;
	}
	for (info = ifgw_iso_r_child(grp, "AddtlInf"); info; info = ifgw_iso_r_next(info)) {
		const char *type = ifgw_iso_r_content(r, ifgw_iso_r_child(ifgw_iso_r_child(info, "InfTp"), "Prtry"));
		const char *val = ifgw_iso_r_content(r, ifgw_iso_r_child(info, "InfVal"));

		if (strcmp(type, "ifgw") == 0 && strncmp(val, ISO_MARKER, strlen(ISO_MARKER)) == 0)
			rc = ifgw_buf_addstr(&kv_text, val + strlen(ISO_MARKER));
		else if (strcmp(type, "Text") == 0)
			rc = ifgw_buf_addstr(&text, val);
		else
			rc = ifgw_iso_r_fail(r, info, IFGW_EUNSUPPORTED, "ifgw writes AddtlInf of InfTp 'ifgw' and 'Text'");
		if (rc != IFGW_OK) {
			if (!*ifgw_error_last())
				rc = ifgw_iso_r_fail(r, info, rc, "AddtlInf too long");
			goto out;
		}
	}
	if ((rc = ifgw_iso_kv_parse(kv, ifgw_buf_cstr(&kv_text), kv_text.len)) != IFGW_OK)
		goto out;
	if (text.len && ifgw_text_set(f->text, sizeof(f->text), text.ptr, text.len) != IFGW_OK) {
		rc = ifgw_iso_r_wrap(r, grp, IFGW_EINVAL, "AddtlInf Text");
		goto out;
	}
	if (text.len && (rc = ifgw_utf8_count(&chars, text.ptr, text.len, "Text")) == IFGW_OK &&
	    lim->free_text && chars > lim->free_text)
		rc = ifgw_iso_r_fail(r, grp, IFGW_EINVAL, "AddtlInf Text: %zu characters, limit %zu (%s partner profile)",
				chars, lim->free_text, r->env->profile->code);
	if (rc != IFGW_OK)
		goto out;
	if ((rc = read_party25(r, &f->requester, ifgw_iso_r_child(rqstr, "PtyId"), kv, "Requester")) != IFGW_OK ||
	    (rc = read_account7(r, f->credit_account.account, sizeof(f->credit_account.account), rqstr, "CdtAcct")) !=
		    IFGW_OK ||
	    (rc = read_bank_rest(kv, &f->credit_account, "CreditAccount")) != IFGW_OK)
		goto out;
	for (i = 0, item = ifgw_iso_r_child(root, "InvcReqInf"); item; item = ifgw_iso_r_next(item), i++) {
		size_t k = ifgw_iso_kv_push(kv, "Item[%zu]/", i + 1);

		if ((rc = ifgw_msg_add_item(&p, m)) != IFGW_OK || (rc = read_request_item(r, p, item, kv)) != IFGW_OK)
			goto out;
		ifgw_iso_kv_pop(kv, k);
	}
	snprintf(count, sizeof(count), "%zu", f->n_items);
	rc = ifgw_iso_r_control(r, grp, "NbOfInvcReqs", count, "invoices", 0);
out:
	ifgw_buf_free(&kv_text);
	ifgw_buf_free(&text);
	return rc;
}

/* The whole request's status: RCER is rejected, RCCF accepted unless the
 * remainder says partly accepted or pending. */
static int read_request_status(struct iso_r *r, int *status, int ok, struct iso_kv *kv, xmlNodePtr where)
{
	int given = 0, rc;

	if ((rc = ifgw_iso_kv_code(kv, &given, "Status", IFGW_CL_ITEM_STATUS)) != IFGW_OK)
		return rc;
	if (!ok && !given)
		*status = IFGW_ITEM_REJECTED;
	else if (ok && (!given || given == IFGW_ITEM_PARTLY_ACCEPTED || given == IFGW_ITEM_PENDING))
		*status = given ? given : IFGW_ITEM_ACCEPTED;
	else
		return ifgw_iso_r_fail(r, where, IFGW_EINVAL, "Sts %s does not go with Status=%s", ok ? "RCCF" : "RCER",
				  ifgw_code_token(IFGW_CL_ITEM_STATUS, given));
	return IFGW_OK;
}

static int read_status_item(struct iso_r *r, struct ifgw_financing_item_status *it, xmlNodePtr item)
{
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	xmlNodePtr orig = ifgw_iso_r_child(item, "OrgnlInvcInf"), res = ifgw_iso_r_child(item, "InvcFincgRslt"), piece;
	const char *sts = ifgw_iso_r_content(r, ifgw_iso_r_child(res, "FincgReqSts"));
	struct ifgw_buf text;
	int rc;

	it->status = strcmp(sts, "FNCD") == 0 ? IFGW_FIN_FINANCED
		     : strcmp(sts, "PDNG") == 0 ? IFGW_FIN_PENDING : IFGW_FIN_NOT_FINANCED;
	if ((rc = ifgw_iso_r_text(r, it->doc_nr, sizeof(it->doc_nr), orig, "DocNb", lim->document_number)) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &it->amount, orig, "TtlInvcAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, &it->issue_date, orig, "IsseDt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, &it->due_date, orig, "PmtDueDt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_reason(r, it->reason_code, sizeof(it->reason_code), ifgw_iso_r_child(res, "StsRsn"))) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &it->financed, ifgw_iso_r_child(res, "FincdAmt"), "Amt")) != IFGW_OK)
		return rc;
	if (ifgw_iso_r_child(ifgw_iso_r_child(res, "FincdAmt"), "Rate"))
		return ifgw_iso_r_fail(r, res, IFGW_EUNSUPPORTED, "ifgw gives the financed amount (FincdAmt/Amt), not a rate");
	ifgw_buf_init(&text, IFGW_FREE_TEXT_SIZE);
	for (piece = ifgw_iso_r_child(res, "AddtlStsRsnInf"); piece && rc == IFGW_OK; piece = ifgw_iso_r_next(piece))
		if (ifgw_buf_addstr(&text, ifgw_iso_r_content(r, piece)) != IFGW_OK)
			rc = ifgw_iso_r_fail(r, piece, IFGW_EINVAL, "reason text too long");
	if (rc == IFGW_OK && text.len && ifgw_text_set(it->reason_text, sizeof(it->reason_text), text.ptr, text.len))
		rc = ifgw_iso_r_fail(r, res, IFGW_EINVAL, "AddtlStsRsnInf: more than %d characters", IFGW_REASON_CHARS);
	ifgw_buf_free(&text);
	return rc;
}

static int decode_status(struct iso_r *r, struct ifgw_msg *m, xmlNodePtr root, struct iso_kv *kv)
{
	struct ifgw_financing_status *f = &m->body.financing_status;
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	xmlNodePtr orig = ifgw_iso_r_child(root, "OrgnlReqInfAndSts"), vsi = ifgw_iso_r_child(orig, "VldtnStsInf"),
		   info = ifgw_iso_r_child(root, "FincgInfAndSts"), sum = ifgw_iso_r_child(info, "FincgAllwdSummry"), item;
	char reason_text[IFGW_REASON_SIZE] = "";
	uint64_t count;
	void *p;
	int ok, absent, rc;

	if ((rc = check_msg_id(r, ifgw_iso_r_child(root, "StsId"), m)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, f->request_nr, sizeof(f->request_nr), orig, "Id", lim->reference)) != IFGW_OK ||
	    (rc = ifgw_iso_r_datetime(r, &f->request_created, orig, "CreDtTm")) != IFGW_OK ||
	    (rc = ifgw_iso_r_vsi(r, vsi, &ok, f->reason_code, sizeof(f->reason_code), f->reason_text,
			    sizeof(f->reason_text), kv)) != IFGW_OK ||
	    (rc = read_request_status(r, &f->status, ok, kv, vsi)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(kv, reason_text, sizeof(reason_text), "ReasonText")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text_limit(kv, f->text, sizeof(f->text), "Text", lim->free_text)) != IFGW_OK ||
	    (rc = read_bank_rest(kv, &f->credit_account, "CreditAccount")) != IFGW_OK)
		return rc;
	if (reason_text[0]) {
		if (f->reason_text[0])
			return ifgw_iso_r_fail(r, vsi, IFGW_EINVAL, "reason text given twice");
		memcpy(f->reason_text, reason_text, sizeof(reason_text));
	}
	if (!info) {
		if ((rc = ifgw_iso_kv_int(kv, &f->financed_count, "FinancedCount", 0, INT32_MAX)) != IFGW_OK ||
		    (rc = ifgw_iso_kv_money(kv, &f->accepted_total, "AcceptedTotal")) != IFGW_OK ||
		    (rc = ifgw_iso_kv_pct(kv, &f->applied_pct, "AppliedPercent")) != IFGW_OK ||
		    (rc = ifgw_iso_kv_money(kv, &f->financed_total, "FinancedTotal")) != IFGW_OK ||
		    (rc = ifgw_iso_kv_date(kv, &f->credit_date, "CreditDate")) != IFGW_OK ||
		    (rc = ifgw_iso_kv_text(kv, f->credit_account.account, sizeof(f->credit_account.account),
				      "CreditAccount/Account")) != IFGW_OK)
			return rc;
		return IFGW_OK;
	}
	if ((rc = ifgw_iso_r_uint(r, &count, sum, "FincdItmNb", INT32_MAX)) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &f->accepted_total, sum, "TtlAccptdItmsAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_pct(r, &f->applied_pct, sum, "ApldPctg")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &f->financed_total, sum, "TtlFincdAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, &f->credit_date, ifgw_iso_r_child(sum, "FincgDtDtls"), "CdtDt")) != IFGW_OK ||
	    (rc = read_account7(r, f->credit_account.account, sizeof(f->credit_account.account), sum, "CdtAcct")) !=
		    IFGW_OK)
		return rc;
	f->financed_count = (int32_t)count;
	if ((rc = ifgw_iso_kv_marker(kv, &absent, "FinancedCount")) != IFGW_OK)
		return rc;
	if (absent)
		f->financed_count = IFGW_INT_NONE;
	if ((rc = ifgw_iso_kv_marker(kv, &absent, "AcceptedTotal")) != IFGW_OK)
		return rc;
	if (absent)
		f->accepted_total.ccy = NULL, f->accepted_total.minor = 0;
	if ((rc = ifgw_iso_kv_marker(kv, &absent, "FinancedTotal")) != IFGW_OK)
		return rc;
	if (absent)
		f->financed_total.ccy = NULL, f->financed_total.minor = 0;
	for (item = ifgw_iso_r_child(info, "InvcFincgDtls"); item; item = ifgw_iso_r_next(item)) {
		if (ifgw_iso_r_child(item, "Spplr") || ifgw_iso_r_child(item, "InstlmtFincgInf"))
			return ifgw_iso_r_fail(r, item, IFGW_EUNSUPPORTED, "ifgw maps invoices without supplier or instalments");
		if ((rc = ifgw_msg_add_item(&p, m)) != IFGW_OK || (rc = read_status_item(r, p, item)) != IFGW_OK)
			return rc;
	}
	return IFGW_OK;
}

static int decode_cancellation(struct iso_r *r, struct ifgw_msg *m, xmlNodePtr root)
{
	struct ifgw_financing_cancellation *c = &m->body.financing_cancellation;
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	xmlNodePtr inf = ifgw_iso_r_child(root, "CxlReqInf"), rqstr = ifgw_iso_r_child(inf, "FincgRqstr");
	uint64_t n;
	int rc;

	if ((rc = check_msg_id(r, ifgw_iso_r_child(root, "CxlReqId"), m)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, c->request_nr, sizeof(c->request_nr), inf, "OrgnlGrpId", lim->reference)) != IFGW_OK ||
	    (rc = ifgw_iso_r_datetime(r, &c->request_created, inf, "OrgnlCreDtTm")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &c->total, inf, "TtlBlkInvcAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, c->reason, sizeof(c->reason), inf, "CxlRsn", lim->free_text)) != IFGW_OK ||
	    (rqstr && (rc = read_party25(r, &c->requester, ifgw_iso_r_child(rqstr, "PtyId"), NULL, NULL)) != IFGW_OK))
		return rc;
	if (ifgw_iso_r_child(inf, "NbOfInvcReqs")) {
		if ((rc = ifgw_iso_r_uint(r, &n, inf, "NbOfInvcReqs", IFGW_MSG_ITEMS_MAX)) != IFGW_OK)
			return rc;
		c->n_invoices = (int32_t)n;
	}
	return IFGW_OK;
}

int ifgw_iso_financing_decode(struct iso_r *r, struct ifgw_msg *m, xmlNodePtr root)
{
	struct iso_kv kv;
	const char *where = m->hdr.type == IFGW_MSG_FINANCING_REQUEST ? "tsin.001 ReqGrpInf/AddtlInf"
			    : "tsin.002 OrgnlReqInfAndSts/VldtnStsInf/AddtlStsRsnInf";
	int rc;

	ifgw_iso_kv_init(&kv, where);
	kv.lim = &r->env->profile->limits;
	switch (m->hdr.type) {
	case IFGW_MSG_FINANCING_REQUEST:
		rc = decode_request(r, m, root, &kv);
		break;
	case IFGW_MSG_FINANCING_STATUS:
		rc = decode_status(r, m, root, &kv);
		break;
	case IFGW_MSG_FINANCING_CANCELLATION:
		rc = decode_cancellation(r, m, root);
		break;
	default:
		rc = ifgw_error_set(IFGW_EUNSUPPORTED, "iso20022: %s is not a financing message",
				    ifgw_msg_type_name(m->hdr.type));
	}
	if (rc == IFGW_OK)
		rc = ifgw_iso_kv_finish(&kv);
	ifgw_iso_kv_free(&kv);
	return rc;
}
