/* totals.c: control totals: what a batch's counts and sums must be.
 *
 * One computation serves both sides: a sender fills the totals with
 * ifgw_msg_compute_totals(), a receiver's check compares them with the same
 * figures, so that a mismatch can only come from the message. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/error.h"
#define IFGW_MODEL_INTERNAL
#include "model/model_int.h"

int ifgw_model_sum(struct ifgw_money *out, const struct ifgw_currency *ccy, const void *items, size_t n,
		   size_t size, size_t off, size_t doc_off)
{
	size_t i;
	int rc;

	out->ccy = ccy;
	out->minor = 0;
	for (i = 0; i < n; i++) {
		const void *item = IFGW_CAT(items, i * size);
		const struct ifgw_money *a = IFGW_CAT(item, off);
		int credit = doc_off != SIZE_MAX && *(const int *)IFGW_CAT(item, doc_off) == IFGW_DOC_CREDIT_NOTE;

		if (!a->ccy)
			continue;
		if (a->ccy != ccy)
			return ifgw_error_set(IFGW_EINVAL, "entry %zu is in %s, not %s", i + 1, a->ccy->code,
					      ccy ? ccy->code : "(no currency)");
		if ((rc = credit ? ifgw_money_sub(out, out, a) : ifgw_money_add(out, out, a)) != IFGW_OK)
			return rc;
	}
	return IFGW_OK;
}

int ifgw_model_batch_totals(struct ifgw_batch_total *totals, size_t *n, const struct ifgw_invoice *items,
			    size_t n_items)
{
	size_t i, k;
	int rc;

	*n = 0;
	for (i = 0; i < n_items; i++) {
		const struct ifgw_invoice *inv = &items[i];
		struct ifgw_batch_total *t;

		if (!inv->amount.ccy)
			continue;
		for (k = 0; k < *n && strcmp(totals[k].ccy->code, inv->amount.ccy->code) < 0; k++)
			;
		if (k == *n || totals[k].ccy != inv->amount.ccy) {
			if (*n == IFGW_BATCH_CCY_MAX)
				return ifgw_error_set(IFGW_EOVERFLOW, "more than %d currencies in one batch",
						      IFGW_BATCH_CCY_MAX);
			memmove(&totals[k + 1], &totals[k], (*n - k) * sizeof(*totals));
			(*n)++;
			t = &totals[k];
			t->ccy = inv->amount.ccy;
			t->n_invoices = t->n_credit_notes = 0;
			t->invoices.ccy = t->credit_notes.ccy = inv->amount.ccy;
			t->invoices.minor = t->credit_notes.minor = 0;
		}
		t = &totals[k];
		if (inv->doc_type == IFGW_DOC_CREDIT_NOTE) {
			t->n_credit_notes++;
			rc = ifgw_money_add(&t->credit_notes, &t->credit_notes, &inv->amount);
		} else {
			t->n_invoices++;
			rc = ifgw_money_add(&t->invoices, &t->invoices, &inv->amount);
		}
		if (rc != IFGW_OK)
			return rc;
	}
	return IFGW_OK;
}

int ifgw_model_payment_totals(struct ifgw_money *paid, struct ifgw_money *charges, struct ifgw_money *cleared,
			      const struct ifgw_payment *p)
{
	struct ifgw_money deductions;
	int rc;

	if ((rc = ifgw_model_sum(paid, p->currency, p->items, p->n_items, sizeof(*p->items),
				 offsetof(struct ifgw_payment_item, paid),
				 offsetof(struct ifgw_payment_item, doc_paid))) != IFGW_OK ||
	    (rc = ifgw_model_sum(charges, p->currency, p->items, p->n_items, sizeof(*p->items),
				 offsetof(struct ifgw_payment_item, bank_charge), SIZE_MAX)) != IFGW_OK ||
	    (rc = ifgw_model_sum(&deductions, p->currency, p->items, p->n_items, sizeof(*p->items),
				 offsetof(struct ifgw_payment_item, deduction), SIZE_MAX)) != IFGW_OK ||
	    (rc = ifgw_money_add(charges, charges, &deductions)) != IFGW_OK)
		return rc;
	return ifgw_money_add(cleared, paid, charges);
}

int ifgw_msg_compute_totals(struct ifgw_msg *m)
{
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(m);

	switch (m->hdr.type) {
	case IFGW_MSG_ASSIGNMENT_BATCH:
		rc = ifgw_model_batch_totals(m->body.batch.totals, &m->body.batch.n_totals, m->body.batch.items,
					     m->body.batch.n_items);
		break;
	case IFGW_MSG_PAYMENT:
	case IFGW_MSG_INDIRECT_PAYMENT:
	case IFGW_MSG_GUARANTEE_PAYMENT:
		rc = ifgw_model_payment_totals(&m->body.payment.total_paid, &m->body.payment.total_charges,
					       &m->body.payment.total_cleared, &m->body.payment);
		break;
	case IFGW_MSG_CHARGEBACK:
		rc = ifgw_model_sum(&m->body.chargeback.total, m->body.chargeback.currency, m->body.chargeback.items,
				    m->body.chargeback.n_items, sizeof(struct ifgw_chargeback_item),
				    offsetof(struct ifgw_chargeback_item, amount),
				    offsetof(struct ifgw_chargeback_item, doc_type));
		break;
	case IFGW_MSG_REMITTANCE:
		rc = ifgw_model_sum(&m->body.remittance.total, m->body.remittance.currency, m->body.remittance.items,
				    m->body.remittance.n_items, sizeof(struct ifgw_remittance_item),
				    offsetof(struct ifgw_remittance_item, amount), SIZE_MAX);
		break;
	case IFGW_MSG_FINANCING_REQUEST:
		rc = ifgw_model_sum(&m->body.financing_request.total, m->body.financing_request.currency,
				    m->body.financing_request.items, m->body.financing_request.n_items,
				    sizeof(struct ifgw_financing_item),
				    offsetof(struct ifgw_financing_item, invoice) + offsetof(struct ifgw_invoice, amount),
				    offsetof(struct ifgw_financing_item, invoice) +
					    offsetof(struct ifgw_invoice, doc_type));
		break;
	default:
		break;
	}
	if (rc != IFGW_OK)
		rc = ifgw_error_wrap(rc, "%s: control totals", ifgw_msg_type_name(m->hdr.type));
	return rc;
}
