/* tsin_assignment.c: the assignment family (FinancingItemList1):
 *   AssignmentBatch   tsin.006 InvcAssgnmtReq
 *   AssignmentStatus  tsin.007 InvcAssgnmtSts
 *   DebtorNotice      tsin.008 InvcAssgnmtNtfctn
 * One list per message; one FinItm per document.  Control totals: the
 * list's ItmCnt and CtrlSum and the message's AssgnmtCnt (NtfctnCnt) = 1,
 * ItmCnt and CtrlSum, all checked on decode.  The canonical batch totals
 * per currency are not sent: they are a function of the items, recomputed
 * on decode (the model refuses a batch whose totals do not match). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IFGW_ISO_INTERNAL
#include "adapters/iso20022/iso_int.h"
#include "base/error.h"

struct family {
	int schema;
	const char *list;  /* AssgnmtList | NtfctnList */
	const char *count; /* AssgnmtCnt | NtfctnCnt */
};

static const struct family *family_of(int schema)
{
	static const struct family f[] = {
		{ISO_TSIN006, "AssgnmtList", "AssgnmtCnt"},
		{ISO_TSIN007, "AssgnmtList", "AssgnmtCnt"},
		{ISO_TSIN008, "NtfctnList", "NtfctnCnt"},
	};
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (f[i].schema == schema)
			return &f[i];
	return NULL;
}

/* xs:IDREFs of one document's parties. */
struct refs {
	char buyer[16];
	char seller[16];
};

static const struct ifgw_field_limits *limits(const struct iso_w *w)
{
	return &w->env->profile->limits;
}

static void declare_invoice(struct iso_w *w, struct iso_party_set *ps, const struct ifgw_invoice *inv,
			    struct refs *ref)
{
	size_t saved = ifgw_iso_w_push(w, "Buyer");

	ifgw_iso_party_declare(w, ps, ref->buyer, "Buyr", &inv->buyer, NULL);
	ifgw_iso_w_pop(w, saved);
	ref->seller[0] = '\0';
	if (!ifgw_party_is_empty(&inv->seller)) {
		saved = ifgw_iso_w_push(w, "Seller");
		ifgw_iso_party_declare(w, ps, ref->seller, "Sellr", &inv->seller, NULL);
		ifgw_iso_w_pop(w, saved);
	}
}

static void write_totals(struct iso_w *w, const struct ifgw_money *taxable, const struct ifgw_money *tax,
			 const struct ifgw_money *total, int32_t due)
{
	ifgw_iso_w_open(w, "TtlAmt");
	ifgw_iso_w_amount(w, "TtlTaxblAmt", taxable);
	ifgw_iso_w_amount(w, "TtlTaxAmt", tax);
	ifgw_iso_w_amount(w, "TtlInvcAmt", total);
	ifgw_iso_w_date(w, "PmtDueDt", due);
	ifgw_iso_w_close(w, "TtlAmt");
}

/* One invoice or credit note as a FinItm (tsin.006, tsin.008). */
static void write_invoice(struct iso_w *w, const struct ifgw_invoice *inv, const struct refs *ref,
			  const char *bank_id, const char *account)
{
	struct ifgw_money zero = {0, inv->amount.ccy}, taxable = inv->taxable_amount, tax = inv->tax_amount;
	struct iso_kvw kv;

	if (inv->doc_type != IFGW_DOC_INVOICE && inv->doc_type != IFGW_DOC_CREDIT_NOTE) {
		ifgw_iso_w_fail(w, IFGW_EINVAL, "DocType", "%s carries invoices and credit notes only", w->label);
		return;
	}
	ifgw_iso_kvw_init(&kv, w);
	ifgw_iso_w_open(w, "FinItm");
	ifgw_iso_w_open(w, "ItmCntxt");
	ifgw_iso_w_text_req(w, "Idr", inv->number, 35, limits(w)->document_number, "Number");
	ifgw_iso_w_date(w, "IsseDt", inv->issue_date);
	ifgw_iso_w_leaf(w, "Buyr", ref->buyer);
	if (ref->seller[0])
		ifgw_iso_w_leaf(w, "Sellr", ref->seller);
	if (bank_id && bank_id[0])
		ifgw_iso_w_leaf(w, "SellrFinAgt", bank_id);
	if (account)
		ifgw_iso_w_account4(w, "CdtAcct", account, "PayTo/Account");
	ifgw_iso_w_close(w, "ItmCntxt");
	ifgw_iso_w_leaf(w, "CdtDbtInd", inv->doc_type == IFGW_DOC_CREDIT_NOTE ? "CRDT" : "DBIT");
	/* TtlTaxblAmt and TtlTaxAmt are required: fillers when the document has none */
	if (!taxable.ccy) {
		taxable = inv->amount;
		ifgw_iso_kvw_absent(&kv, "TaxableAmount");
	}
	if (!tax.ccy) {
		tax = zero;
		ifgw_iso_kvw_absent(&kv, "TaxAmount");
	}
	write_totals(w, &taxable, &tax, &inv->amount, inv->due_date);
	ifgw_iso_kvw_date(&kv, "ValueDate", inv->value_date);
	ifgw_iso_kvw_terms(&kv, "Terms", &inv->terms);
	ifgw_iso_kvw_code(&kv, "PaymentCondition", IFGW_CL_PAY_CONDITION, inv->payment_condition);
	ifgw_iso_kvw_str(&kv, "OrderRef", inv->order_ref);
	ifgw_iso_kvw_str(&kv, "InvoiceRef", inv->invoice_ref);
	ifgw_iso_w_remainder(w, "AddtlInf", &kv.buf, 2000, 1);
	ifgw_iso_w_close(w, "FinItm");
	ifgw_iso_kvw_free(&kv);
}

/* One status item as a FinItm (tsin.007). */
static void write_status_item(struct iso_w *w, const struct ifgw_assignment_item *it, int32_t status_date)
{
	struct ifgw_money amount = it->amount, zero;
	struct iso_kvw kv;

	ifgw_iso_kvw_init(&kv, w);
	ifgw_iso_w_open(w, "FinItm");
	ifgw_iso_w_open(w, "ItmCntxt");
	ifgw_iso_w_text_req(w, "Idr", it->number, 35, limits(w)->document_number, "Number");
	if (it->issue_date != IFGW_DATE_NONE) {
		ifgw_iso_w_date(w, "IsseDt", it->issue_date);
	} else {
		ifgw_iso_w_date(w, "IsseDt", status_date);
		ifgw_iso_kvw_absent(&kv, "IssueDate");
	}
	ifgw_iso_w_close(w, "ItmCntxt");
	ifgw_iso_w_leaf(w, "CdtDbtInd", it->doc_type == IFGW_DOC_CREDIT_NOTE ? "CRDT" : "DBIT");
	if (amount.ccy) {
		zero.minor = 0;
		zero.ccy = amount.ccy;
		write_totals(w, &amount, &zero, &amount, status_date);
	} else {
		/* the schema requires amounts: zeros in the approved amount's currency,
		   or ISO 4217 XXX ("no currency") */
		const char *code = it->approved_amount.ccy ? it->approved_amount.ccy->code : "XXX";

		ifgw_iso_w_open(w, "TtlAmt");
		ifgw_iso_w_amount_raw(w, "TtlTaxblAmt", code, "0");
		ifgw_iso_w_amount_raw(w, "TtlTaxAmt", code, "0");
		ifgw_iso_w_amount_raw(w, "TtlInvcAmt", code, "0");
		ifgw_iso_w_date(w, "PmtDueDt", status_date);
		ifgw_iso_w_close(w, "TtlAmt");
		ifgw_iso_kvw_absent(&kv, "Amount");
	}
	ifgw_iso_kvw_money(&kv, "ApprovedAmount", &it->approved_amount);
	if (it->status == IFGW_ITEM_PENDING)
		ifgw_iso_kvw_code(&kv, "Status", IFGW_CL_ITEM_STATUS, it->status);
	ifgw_iso_w_remainder(w, "AddtlInf", &kv.buf, 2000, 1);
	ifgw_iso_w_vsi(w, "VldtnStsInf", it->status != IFGW_ITEM_REJECTED, it->reason_code, it->reason_text, NULL);
	ifgw_iso_w_close(w, "FinItm");
	ifgw_iso_kvw_free(&kv);
}

static void write_controls(struct iso_w *w, const char *count_tag, size_t lists, size_t items,
			   const struct iso_sum *sum, const char *where)
{
	char text[48];

	if (count_tag)
		ifgw_iso_w_uint(w, count_tag, lists);
	ifgw_iso_w_uint(w, "ItmCnt", items);
	if (!ifgw_iso_sum_format(sum, text)) {
		ifgw_iso_w_fail(w, IFGW_EOVERFLOW, where, "the control sum of the amounts has more than 18 digits");
		return;
	}
	ifgw_iso_w_leaf(w, "CtrlSum", text);
}

/* Letter references of the message's own parties; "" = none. */
struct names {
	char assignor[16], assignee[16], debtor[16], bank[16];
};

/* Each message type: its parties and header remainder into the letter
 * (declare), then everything inside its list (write_list, which returns the
 * number of items for the message's controls). */
struct assignment_codec {
	int type;
	void (*declare)(struct iso_w *w, const struct ifgw_msg *m, struct iso_party_set *ps, struct iso_kvw *body,
			struct names *nm);
	size_t (*write_list)(struct iso_w *w, const struct ifgw_msg *m, const struct refs *refs,
			     const struct names *nm, struct iso_sum *sum);
};

/* The documents a message declares and lists (none for a status). */
static const struct ifgw_invoice *invoices_of(const struct ifgw_msg *m, size_t *n)
{
	const struct ifgw_invoice *items = NULL;

	*n = 0;
	if (m->hdr.type == IFGW_MSG_ASSIGNMENT_BATCH) {
		items = m->body.batch.items;
		*n = m->body.batch.n_items;
	} else if (m->hdr.type == IFGW_MSG_DEBTOR_NOTICE) {
		items = m->body.debtor_notice.items;
		*n = m->body.debtor_notice.n_items;
	}
	return items;
}

/* FinItm of each document, then the list's controls. */
static void write_invoices(struct iso_w *w, const struct ifgw_invoice *items, size_t n, const struct refs *refs,
			   const char *bank_id, const char *account, struct iso_sum *sum, const char *list)
{
	size_t i, saved;

	for (i = 0; i < n && w->rc == IFGW_OK; i++) {
		saved = ifgw_iso_w_push(w, "Invoice[%zu]", i + 1);
		write_invoice(w, &items[i], &refs[i], bank_id, account);
		ifgw_iso_w_pop(w, saved);
		ifgw_iso_sum_add(sum, &items[i].amount);
	}
	write_controls(w, NULL, 1, n, sum, list);
}

static void declare_batch(struct iso_w *w, const struct ifgw_msg *m, struct iso_party_set *ps, struct iso_kvw *body,
			  struct names *nm)
{
	size_t saved = ifgw_iso_w_push(w, "Seller");

	ifgw_iso_party_declare(w, ps, nm->assignor, "Sellr", &m->body.batch.seller, NULL);
	ifgw_iso_w_pop(w, saved);
}

static size_t write_batch_list(struct iso_w *w, const struct ifgw_msg *m, const struct refs *refs,
			       const struct names *nm, struct iso_sum *sum)
{
	const struct ifgw_assignment_batch *b = &m->body.batch;

	ifgw_iso_w_text_req(w, "Idr", b->batch_nr, 35, limits(w)->reference, "BatchNr");
	ifgw_iso_w_date(w, "IsseDt", b->batch_date);
	ifgw_iso_w_leaf(w, "Assgne", "F2");
	ifgw_iso_w_leaf(w, "Assgnr", nm->assignor);
	write_invoices(w, b->items, b->n_items, refs, NULL, NULL, sum, "AssgnmtList");
	ifgw_iso_w_text(w, "AddtlInf", b->text, 2000, limits(w)->free_text, "Text");
	return b->n_items;
}

static void declare_status(struct iso_w *w, const struct ifgw_msg *m, struct iso_party_set *ps, struct iso_kvw *body,
			   struct names *nm)
{
	const struct ifgw_assignment_status *s = &m->body.assignment_status;

	ifgw_iso_kvw_date(body, "BatchDate", s->batch_date);
	if (s->status == IFGW_ITEM_PARTLY_ACCEPTED || s->status == IFGW_ITEM_PENDING)
		ifgw_iso_kvw_code(body, "Status", IFGW_CL_ITEM_STATUS, s->status);
}

static size_t write_status_list(struct iso_w *w, const struct ifgw_msg *m, const struct refs *refs,
				const struct names *nm, struct iso_sum *sum)
{
	const struct ifgw_assignment_status *s = &m->body.assignment_status;
	size_t i, saved;

	ifgw_iso_w_text_req(w, "Idr", s->batch_nr, 35, limits(w)->reference, "BatchNr");
	ifgw_iso_w_date(w, "IsseDt", s->status_date);
	ifgw_iso_w_leaf(w, "Assgne", "F1");
	ifgw_iso_w_leaf(w, "Assgnr", "F2");
	for (i = 0; i < s->n_items && w->rc == IFGW_OK; i++) {
		saved = ifgw_iso_w_push(w, "Item[%zu]", i + 1);
		write_status_item(w, &s->items[i], s->status_date);
		ifgw_iso_w_pop(w, saved);
		ifgw_iso_sum_add(sum, &s->items[i].amount);
	}
	write_controls(w, NULL, 1, s->n_items, sum, "AssgnmtList");
	ifgw_iso_w_text(w, "AddtlInf", s->text, 2000, limits(w)->free_text, "Text");
	ifgw_iso_w_vsi(w, "VldtnStsInf", s->status != IFGW_ITEM_REJECTED, s->reason_code, s->reason_text, NULL);
	return s->n_items;
}

static void declare_notice(struct iso_w *w, const struct ifgw_msg *m, struct iso_party_set *ps, struct iso_kvw *body,
			   struct names *nm)
{
	const struct ifgw_debtor_notice *d = &m->body.debtor_notice;
	size_t saved;

	saved = ifgw_iso_w_push(w, "Seller");
	ifgw_iso_party_declare(w, ps, nm->assignor, "Sellr", &d->seller, NULL);
	ifgw_iso_w_pop(w, saved);
	saved = ifgw_iso_w_push(w, "Assignee");
	ifgw_iso_party_declare(w, ps, nm->assignee, "Assgne", &d->assignee, NULL);
	ifgw_iso_w_pop(w, saved);
	saved = ifgw_iso_w_push(w, "Debtor");
	ifgw_iso_party_declare(w, ps, nm->debtor, "Dbtr", &d->debtor, NULL);
	ifgw_iso_w_pop(w, saved);
	if (d->pay_to.bic[0] || d->pay_to.bank_name[0] || d->pay_to.branch_name[0]) {
		saved = ifgw_iso_w_push(w, "PayTo");
		ifgw_iso_bank_declare(w, ps, nm->bank, "PayTo", &d->pay_to);
		ifgw_iso_w_pop(w, saved);
	}
	ifgw_iso_kvw_str(body, "Language", d->lang);
}

static size_t write_notice_list(struct iso_w *w, const struct ifgw_msg *m, const struct refs *refs,
				const struct names *nm, struct iso_sum *sum)
{
	const struct ifgw_debtor_notice *d = &m->body.debtor_notice;

	ifgw_iso_w_text_req(w, "Idr", m->hdr.id, 35, 0, "Header/Id");
	ifgw_iso_w_date(w, "IsseDt", d->notice_date);
	ifgw_iso_w_leaf(w, "Assgne", nm->assignee);
	ifgw_iso_w_leaf(w, "Assgnr", nm->assignor);
	ifgw_iso_w_open(w, "NtfctnInf");
	ifgw_iso_w_leaf(w, "NtifngPty", "F1");
	ifgw_iso_w_leaf(w, "NtfctnRcvr", nm->debtor);
	ifgw_iso_w_close(w, "NtfctnInf");
	write_invoices(w, d->items, d->n_items, refs, nm->bank, d->pay_to.account, sum, "NtfctnList");
	ifgw_iso_w_text(w, "AddtlInf", d->text, 2000, limits(w)->free_text, "Text");
	return d->n_items;
}

static const struct assignment_codec codecs[] = {
	{IFGW_MSG_ASSIGNMENT_BATCH, declare_batch, write_batch_list},
	{IFGW_MSG_ASSIGNMENT_STATUS, declare_status, write_status_list},
	{IFGW_MSG_DEBTOR_NOTICE, declare_notice, write_notice_list},
};

static const struct assignment_codec *codec_of(int type)
{
	size_t i;

	for (i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++)
		if (codecs[i].type == type)
			return &codecs[i];
	return NULL;
}

int ifgw_iso_assignment_encode(struct iso_w *w, const struct ifgw_msg *m)
{
	const struct family *fam = family_of(ifgw_iso_type_schema(m->hdr.type, NULL));
	const struct assignment_codec *codec = codec_of(m->hdr.type);
	const struct ifgw_iso_schema_info *info;
	struct iso_party_set ps;
	struct iso_kvw body;
	struct iso_sum sum;
	struct names nm;
	struct refs *refs = NULL;
	const struct ifgw_invoice *items;
	size_t n = 0, i, saved;

	if (!fam || !codec)
		return ifgw_error_set(IFGW_EUNSUPPORTED, "iso20022: %s is not an assignment message",
				      ifgw_msg_type_name(m->hdr.type));
	info = ifgw_iso_schema_info(fam->schema);
	memset(&sum, 0, sizeof(sum));
	memset(&nm, 0, sizeof(nm));
	ifgw_iso_party_set_init(&ps);
	ifgw_iso_kvw_init(&body, w);
	/* the parties first: the letter declares them before the list refers to them */
	codec->declare(w, m, &ps, &body, &nm);
	items = invoices_of(m, &n);
	if (n && !(refs = calloc(n, sizeof(*refs))))
		w->rc = ifgw_error_set(IFGW_ENOMEM, "out of memory encoding %zu documents", n);
	for (i = 0; i < n && w->rc == IFGW_OK; i++) {
		saved = ifgw_iso_w_push(w, "Invoice[%zu]", i + 1);
		declare_invoice(w, &ps, &items[i], &refs[i]);
		ifgw_iso_w_pop(w, saved);
	}

	ifgw_iso_w_open_ns(w, "Document", info->ns);
	ifgw_iso_w_open(w, info->root);
	ifgw_iso_letter_write(w, m, &ps, &body.buf);
	ifgw_iso_w_open(w, fam->list);
	n = codec->write_list(w, m, refs, &nm, &sum);
	ifgw_iso_w_close(w, fam->list);
	write_controls(w, fam->count, 1, n, &sum, "");
	ifgw_iso_w_close(w, info->root);
	ifgw_iso_w_close(w, "Document");
	free(refs);
	ifgw_iso_kvw_free(&body);
	ifgw_iso_party_set_free(&ps);
	return w->rc;
}

/* --- decoding */

static int read_doc_type(struct iso_r *r, int *doc_type, xmlNodePtr item)
{
	xmlNodePtr n = ifgw_iso_r_child(item, "CdtDbtInd");

	*doc_type = strcmp(ifgw_iso_r_content(r, n), "CRDT") == 0 ? IFGW_DOC_CREDIT_NOTE : IFGW_DOC_INVOICE;
	return IFGW_OK;
}

/* What the items of a notice must share: the account and bank to pay. */
struct pay_to {
	int seen;
	char account[IFGW_ID_SIZE];
	xmlNodePtr bank;
};

static int read_invoice(struct iso_r *r, struct ifgw_invoice *inv, struct iso_letter *l, xmlNodePtr item,
			struct pay_to *pay)
{
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	xmlNodePtr ctx = ifgw_iso_r_child(item, "ItmCntxt"), totals = ifgw_iso_r_child(item, "TtlAmt"), decl;
	char where[96];
	struct iso_kv kv;
	int absent, rc;

	snprintf(where, sizeof(where), "%s line %ld FinItm/AddtlInf", r->label, xmlGetLineNo(item));
	ifgw_iso_kv_init(&kv, where);
	if ((rc = ifgw_iso_r_text(r, inv->number, sizeof(inv->number), ctx, "Idr", lim->document_number)) !=
		    IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, &inv->issue_date, ctx, "IsseDt")) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, l, ctx, "Buyr", "Buyr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_party_read(r, &inv->buyer, NULL, decl)) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, l, ctx, "Sellr", "Sellr", 0)) != IFGW_OK ||
	    (decl && (rc = ifgw_iso_party_read(r, &inv->seller, NULL, decl)) != IFGW_OK))
		goto out;
	if (pay) {
		char account[IFGW_ID_SIZE];

		if ((rc = ifgw_iso_letter_ref(r, &decl, l, ctx, "SellrFinAgt", "PayTo", 0)) != IFGW_OK ||
		    (rc = ifgw_iso_r_account4(r, account, sizeof(account), ctx, "CdtAcct")) != IFGW_OK)
			goto out;
		if (!pay->seen) {
			pay->seen = 1;
			memcpy(pay->account, account, sizeof(account));
			pay->bank = decl;
		} else if (strcmp(account, pay->account) != 0 || decl != pay->bank) {
			rc = ifgw_iso_r_fail(r, ctx, IFGW_EINVAL,
					"every document of a notice names the same account and bank to pay");
			goto out;
		}
	}
	if ((rc = read_doc_type(r, &inv->doc_type, item)) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &inv->amount, totals, "TtlInvcAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &inv->taxable_amount, totals, "TtlTaxblAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &inv->tax_amount, totals, "TtlTaxAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, &inv->due_date, totals, "PmtDueDt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_remainder(r, &kv, NULL, item, "AddtlInf")) != IFGW_OK)
		goto out;
	if ((rc = ifgw_iso_kv_marker(&kv, &absent, "TaxableAmount")) != IFGW_OK)
		goto out;
	if (absent)
		inv->taxable_amount.ccy = NULL, inv->taxable_amount.minor = 0;
	if ((rc = ifgw_iso_kv_marker(&kv, &absent, "TaxAmount")) != IFGW_OK)
		goto out;
	if (absent)
		inv->tax_amount.ccy = NULL, inv->tax_amount.minor = 0;
	if ((rc = ifgw_iso_kv_date(&kv, &inv->value_date, "ValueDate")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_terms(&kv, &inv->terms, "Terms")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_code(&kv, &inv->payment_condition, "PaymentCondition", IFGW_CL_PAY_CONDITION)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(&kv, inv->order_ref, sizeof(inv->order_ref), "OrderRef")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(&kv, inv->invoice_ref, sizeof(inv->invoice_ref), "InvoiceRef")) != IFGW_OK)
		goto out;
	rc = ifgw_iso_kv_finish(&kv);
out:
	ifgw_iso_kv_free(&kv);
	return rc;
}

/* The whole-batch or item status: RCER is rejected; RCCF is accepted unless
 * the remainder's Status says partly accepted or pending. */
static int read_status(struct iso_r *r, int *status, int ok, struct iso_kv *kv, xmlNodePtr where, int item)
{
	int given = 0, rc;

	if ((rc = ifgw_iso_kv_code(kv, &given, "Status", IFGW_CL_ITEM_STATUS)) != IFGW_OK)
		return rc;
	if (!ok) {
		*status = IFGW_ITEM_REJECTED;
		if (given)
			return ifgw_iso_r_fail(r, where, IFGW_EINVAL, "Sts RCER is a rejection; the remainder says Status=%s",
					  ifgw_code_token(IFGW_CL_ITEM_STATUS, given));
		return IFGW_OK;
	}
	if (given && given != IFGW_ITEM_PENDING && (item || given != IFGW_ITEM_PARTLY_ACCEPTED))
		return ifgw_iso_r_fail(r, where, IFGW_EINVAL, "Sts RCCF with Status=%s in the remainder",
				  ifgw_code_token(IFGW_CL_ITEM_STATUS, given));
	*status = given ? given : IFGW_ITEM_ACCEPTED;
	return IFGW_OK;
}

static int read_status_item(struct iso_r *r, struct ifgw_assignment_item *it, xmlNodePtr item)
{
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	xmlNodePtr ctx = ifgw_iso_r_child(item, "ItmCntxt"), totals = ifgw_iso_r_child(item, "TtlAmt");
	char where[96];
	struct iso_kv kv;
	int absent, ok, rc;

	snprintf(where, sizeof(where), "%s line %ld FinItm/AddtlInf", r->label, xmlGetLineNo(item));
	ifgw_iso_kv_init(&kv, where);
	if ((rc = ifgw_iso_r_text(r, it->number, sizeof(it->number), ctx, "Idr", lim->document_number)) != IFGW_OK ||
	    (rc = read_doc_type(r, &it->doc_type, item)) != IFGW_OK ||
	    (rc = ifgw_iso_r_remainder(r, &kv, NULL, item, "AddtlInf")) != IFGW_OK)
		goto out;
	if ((rc = ifgw_iso_kv_marker(&kv, &absent, "IssueDate")) != IFGW_OK)
		goto out;
	if (absent)
		ifgw_iso_r_child(ctx, "IsseDt"); /* a filler */
	else if ((rc = ifgw_iso_r_date(r, &it->issue_date, ctx, "IsseDt")) != IFGW_OK)
		goto out;
	if ((rc = ifgw_iso_kv_marker(&kv, &absent, "Amount")) != IFGW_OK)
		goto out;
	/* TtlTaxblAmt, TtlTaxAmt and PmtDueDt have no place in a status item: fillers */
	ifgw_iso_r_child(totals, "TtlTaxblAmt");
	ifgw_iso_r_child(totals, "TtlTaxAmt");
	ifgw_iso_r_child(totals, "PmtDueDt");
	if (absent)
		ifgw_iso_r_child(totals, "TtlInvcAmt");
	else if ((rc = ifgw_iso_r_amount(r, &it->amount, totals, "TtlInvcAmt")) != IFGW_OK)
		goto out;
	if ((rc = ifgw_iso_kv_money(&kv, &it->approved_amount, "ApprovedAmount")) != IFGW_OK ||
	    (rc = ifgw_iso_r_vsi(r, ifgw_iso_r_child(item, "VldtnStsInf"), &ok, it->reason_code, sizeof(it->reason_code),
			    it->reason_text, sizeof(it->reason_text), NULL)) != IFGW_OK ||
	    (rc = read_status(r, &it->status, ok, &kv, item, 1)) != IFGW_OK)
		goto out;
	rc = ifgw_iso_kv_finish(&kv);
out:
	ifgw_iso_kv_free(&kv);
	return rc;
}

static int check_controls(struct iso_r *r, xmlNodePtr parent, const char *count_tag, size_t items,
			  const struct iso_sum *sum, int required)
{
	char n_text[32], sum_text[48];
	int rc;

	snprintf(n_text, sizeof(n_text), "%zu", items);
	if (!ifgw_iso_sum_format(sum, sum_text))
		return ifgw_iso_r_fail(r, parent, IFGW_EOVERFLOW, "the sum of the amounts has more than 18 digits");
	if ((count_tag && (rc = ifgw_iso_r_control(r, parent, count_tag, "1", "lists", 0)) != IFGW_OK) ||
	    (rc = ifgw_iso_r_control(r, parent, "ItmCnt", n_text, "items", required)) != IFGW_OK ||
	    (rc = ifgw_iso_r_control(r, parent, "CtrlSum", sum_text, "sum of items", 0)) != IFGW_OK)
		return rc;
	return IFGW_OK;
}

/* What every assignment message's decode shares: the letter, the header
 * remainder, the one list, the limits and the control sum. */
struct assignment_in {
	struct iso_letter *l;
	struct iso_kv *body; /* Hdr/AddtlInf */
	xmlNodePtr list;
	const struct ifgw_field_limits *lim;
	struct iso_sum *sum;
};

static int read_batch(struct iso_r *r, struct ifgw_msg *m, const struct assignment_in *in, size_t *n)
{
	struct ifgw_assignment_batch *b = &m->body.batch;
	xmlNodePtr item, decl;
	void *p;
	int rc = IFGW_OK;

	if ((rc = ifgw_iso_r_text(r, b->batch_nr, sizeof(b->batch_nr), in->list, "Idr", in->lim->reference)) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, &b->batch_date, in->list, "IsseDt")) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, in->l, in->list, "Assgne", "Rcvr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, in->l, in->list, "Assgnr", "Sellr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_party_read(r, &b->seller, NULL, decl)) != IFGW_OK)
		goto out;
	for (item = ifgw_iso_r_child(in->list, "FinItm"); item; item = ifgw_iso_r_next(item)) {
		if ((rc = ifgw_msg_add_item(&p, m)) != IFGW_OK ||
		    (rc = read_invoice(r, p, in->l, item, NULL)) != IFGW_OK)
			goto out;
		ifgw_iso_sum_add(in->sum, &((struct ifgw_invoice *)p)->amount);
	}
	*n = b->n_items;
	if ((rc = ifgw_iso_r_text(r, b->text, sizeof(b->text), in->list, "AddtlInf", in->lim->free_text)) != IFGW_OK ||
	    (rc = ifgw_msg_compute_totals(m)) != IFGW_OK)
		goto out;
out:
	return rc;
}

static int read_assignment_status(struct iso_r *r, struct ifgw_msg *m, const struct assignment_in *in, size_t *n)
{
	struct ifgw_assignment_status *s = &m->body.assignment_status;
	xmlNodePtr item, decl;
	void *p;
	int ok, rc = IFGW_OK;

	if ((rc = ifgw_iso_r_text(r, s->batch_nr, sizeof(s->batch_nr), in->list, "Idr", in->lim->reference)) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, &s->status_date, in->list, "IsseDt")) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, in->l, in->list, "Assgne", "Sndr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, in->l, in->list, "Assgnr", "Rcvr", 1)) != IFGW_OK)
		goto out;
	for (item = ifgw_iso_r_child(in->list, "FinItm"); item; item = ifgw_iso_r_next(item)) {
		if ((rc = ifgw_msg_add_item(&p, m)) != IFGW_OK || (rc = read_status_item(r, p, item)) != IFGW_OK)
			goto out;
		ifgw_iso_sum_add(in->sum, &((struct ifgw_assignment_item *)p)->amount);
	}
	*n = s->n_items;
	if ((rc = ifgw_iso_r_text(r, s->text, sizeof(s->text), in->list, "AddtlInf", in->lim->free_text)) != IFGW_OK ||
	    (rc = ifgw_iso_r_vsi(r, ifgw_iso_r_child(in->list, "VldtnStsInf"), &ok, s->reason_code, sizeof(s->reason_code),
			    s->reason_text, sizeof(s->reason_text), NULL)) != IFGW_OK ||
	    (rc = read_status(r, &s->status, ok, in->body, in->list, 0)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_date(in->body, &s->batch_date, "BatchDate")) != IFGW_OK)
		goto out;
	if (!ifgw_iso_r_child(in->list, "VldtnStsInf")) {
		rc = ifgw_iso_r_fail(r, in->list, IFGW_EINVAL, "VldtnStsInf (the batch status) missing");
		goto out;
	}
out:
	return rc;
}

static int read_notice(struct iso_r *r, struct ifgw_msg *m, const struct assignment_in *in, size_t *n)
{
	struct ifgw_debtor_notice *d = &m->body.debtor_notice;
	xmlNodePtr info = ifgw_iso_r_child(in->list, "NtfctnInf");
	char idr[IFGW_ID_SIZE];
	xmlNodePtr item, decl;
	struct pay_to pay;
	void *p;
	int rc = IFGW_OK;

	memset(&pay, 0, sizeof(pay));
	if ((rc = ifgw_iso_r_text(r, idr, sizeof(idr), in->list, "Idr", 0)) != IFGW_OK)
		goto out;
	if (strcmp(idr, m->hdr.id) != 0) {
		rc = ifgw_iso_r_fail(r, ifgw_iso_r_child(in->list, "Idr"), IFGW_EINVAL,
				"a notice's list is identified by the message id %s", m->hdr.id);
		goto out;
	}
	if (!info || ifgw_iso_r_next(info)) {
		rc = ifgw_iso_r_fail(r, in->list, IFGW_EINVAL, "ifgw expects one NtfctnInf (who is notified)");
		goto out;
	}
	if ((rc = ifgw_iso_r_date(r, &d->notice_date, in->list, "IsseDt")) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, in->l, in->list, "Assgne", "Assgne", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_party_read(r, &d->assignee, NULL, decl)) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, in->l, in->list, "Assgnr", "Sellr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_party_read(r, &d->seller, NULL, decl)) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, in->l, info, "NtifngPty", "Sndr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_letter_ref(r, &decl, in->l, info, "NtfctnRcvr", "Dbtr", 1)) != IFGW_OK ||
	    (rc = ifgw_iso_party_read(r, &d->debtor, NULL, decl)) != IFGW_OK)
		goto out;
	for (item = ifgw_iso_r_child(in->list, "FinItm"); item; item = ifgw_iso_r_next(item)) {
		if ((rc = ifgw_msg_add_item(&p, m)) != IFGW_OK ||
		    (rc = read_invoice(r, p, in->l, item, &pay)) != IFGW_OK)
			goto out;
		ifgw_iso_sum_add(in->sum, &((struct ifgw_invoice *)p)->amount);
	}
	*n = d->n_items;
	memcpy(d->pay_to.account, pay.account, sizeof(pay.account));
	if ((pay.bank && (rc = ifgw_iso_bank_read(r, &d->pay_to, pay.bank)) != IFGW_OK) ||
	    (rc = ifgw_iso_r_text(r, d->text, sizeof(d->text), in->list, "AddtlInf", in->lim->free_text)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(in->body, d->lang, sizeof(d->lang), "Language")) != IFGW_OK)
		goto out;
out:
	return rc;
}

int ifgw_iso_assignment_decode(struct iso_r *r, struct ifgw_msg *m, xmlNodePtr root)
{
	const struct family *fam = family_of(ifgw_iso_type_schema(m->hdr.type, NULL));
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	struct assignment_in in;
	xmlNodePtr list;
	struct iso_letter l;
	struct iso_kv body;
	struct iso_sum sum;
	size_t n = 0;
	int rc;

	if (!fam)
		return ifgw_error_set(IFGW_EUNSUPPORTED, "iso20022: %s is not an assignment message",
				      ifgw_msg_type_name(m->hdr.type));
	memset(&sum, 0, sizeof(sum));
	ifgw_iso_kv_init(&body, "Hdr/AddtlInf");
	if ((rc = ifgw_iso_letter_read(r, &l, m, ifgw_iso_r_child(root, "Hdr"), &body)) != IFGW_OK)
		goto out;
	list = ifgw_iso_r_child(root, fam->list);
	if (ifgw_iso_r_next(list)) {
		rc = ifgw_iso_r_fail(r, ifgw_iso_r_next(list), IFGW_EUNSUPPORTED, "ifgw sends one list per message");
		goto out;
	}
	in.l = &l;
	in.body = &body;
	in.list = list;
	in.lim = lim;
	in.sum = &sum;
	if (m->hdr.type == IFGW_MSG_ASSIGNMENT_BATCH)
		rc = read_batch(r, m, &in, &n);
	else if (m->hdr.type == IFGW_MSG_ASSIGNMENT_STATUS)
		rc = read_assignment_status(r, m, &in, &n);
	else
		rc = read_notice(r, m, &in, &n);
	if (rc != IFGW_OK)
		goto out;
	if ((rc = check_controls(r, list, NULL, n, &sum, 1)) != IFGW_OK ||
	    (rc = check_controls(r, root, fam->count, n, &sum, 0)) != IFGW_OK)
		goto out;
	rc = ifgw_iso_kv_finish(&body);
out:
	ifgw_iso_letter_free(&l);
	ifgw_iso_kv_free(&body);
	return rc;
}
