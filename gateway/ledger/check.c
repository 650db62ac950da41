/* check.c: the invariants every figure obeys, per invoice and per currency.
 *
 *   amount   = paid + outstanding + credited + charged back
 *   advanced = repaid + outstanding advance
 * and the bounds that make them mean something (no negative figure, the
 * guaranteed part of paid, the disputed part of outstanding, one currency,
 * a state the machine defines, a dispute open exactly when disputed). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/error.h"
#define IFGW_LEDGER_INTERNAL
#include "gateway/ledger/ledger_int.h"

#define CCY_MAX 64

static int broken(const struct ifgw_ledger_invoice *inv, const char *what, long long a, long long b)
{
	return ifgw_error_set(IFGW_ESTATE, "invoice %s (%s): invariant broken: %s (%lld vs %lld)", inv->id,
			      ifgw_ledger_invoice_state_name(inv->state), what, a, b);
}

static int sum(int64_t *out, const int64_t *v, size_t n)
{
	int64_t s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (__builtin_add_overflow(s, v[i], &s))
			return 0;
	*out = s;
	return 1;
}

int ifgw_ledger_invoice_check(const struct ifgw_ledger_invoice *inv)
{
	const struct ifgw_money *figs[] = {&inv->approved,      &inv->paid,         &inv->guaranteed,
					   &inv->credited,      &inv->charged_back, &inv->outstanding,
					   &inv->disputed,      &inv->funding.advanced, &inv->funding.repaid,
					   &inv->funding.outstanding};
	const struct ifgw_ledger_funding *f = &inv->funding;
	int64_t parts[4], total = 0;
	int open;
	size_t i;

	IFGW_ASSERT_ARG(inv);

	if (inv->state < 0 || inv->state >= IFGW_LEDGER_INVOICE_STATE_COUNT_)
		return broken(inv, "defined state", inv->state, IFGW_LEDGER_INVOICE_STATE_COUNT_);
	if (!inv->amount.ccy || inv->amount.minor <= 0)
		return broken(inv, "amount > 0", inv->amount.minor, 0);
	for (i = 0; i < sizeof(figs) / sizeof(figs[0]); i++) {
		if (!ifgw_ledger_same_ccy(figs[i]->ccy, inv->amount.ccy))
			return ifgw_error_set(IFGW_ESTATE, "invoice %s: invariant broken: figure %zu not in %s", inv->id, i,
					      inv->amount.ccy->code);
		if (figs[i]->minor < 0)
			return broken(inv, "figures >= 0", figs[i]->minor, 0);
	}
	parts[0] = inv->paid.minor;
	parts[1] = inv->outstanding.minor;
	parts[2] = inv->credited.minor;
	parts[3] = inv->charged_back.minor;
	if (!sum(&total, parts, 4) || total != inv->amount.minor)
		return broken(inv, "assigned = paid + outstanding + credited + charged back", inv->amount.minor, total);
	parts[0] = f->repaid.minor;
	parts[1] = f->outstanding.minor;
	if (!sum(&total, parts, 2) || total != f->advanced.minor)
		return broken(inv, "advances = repaid + outstanding advances", f->advanced.minor, total);
	if (f->balance_days < 0)
		return broken(inv, "advance balance-days >= 0", f->balance_days, 0);
	if (inv->guaranteed.minor > inv->paid.minor)
		return broken(inv, "guaranteed <= paid", inv->guaranteed.minor, inv->paid.minor);
	if (inv->disputed.minor > inv->outstanding.minor)
		return broken(inv, "disputed <= outstanding", inv->disputed.minor, inv->outstanding.minor);
	if (inv->approved.minor > inv->amount.minor)
		return broken(inv, "approved <= assigned", inv->approved.minor, inv->amount.minor);
	if (f->advanced.minor > inv->amount.minor)
		return broken(inv, "advanced <= assigned", f->advanced.minor, inv->amount.minor);
	open = inv->dispute.state == IFGW_LEDGER_DISPUTE_RAISED || inv->dispute.state == IFGW_LEDGER_DISPUTE_INFO_SUPPLIED;
	if (open != (inv->state == IFGW_LEDGER_INVOICE_DISPUTED))
		return broken(inv, "a dispute is open exactly in state disputed", open, inv->state);
	if (!open && inv->disputed.minor != 0)
		return broken(inv, "nothing disputed without an open dispute", inv->disputed.minor, 0);
	if (inv->collection.steps_done < 0 || inv->collection.steps_done > IFGW_LEDGER_DUNNING_STEPS)
		return broken(inv, "dunning steps within the plan", inv->collection.steps_done, IFGW_LEDGER_DUNNING_STEPS);
	if ((f->state == IFGW_LEDGER_FUNDING_NONE || f->state == IFGW_LEDGER_FUNDING_DUE ||
	     f->state == IFGW_LEDGER_FUNDING_MISSED || f->state == IFGW_LEDGER_FUNDING_CANCELLED) &&
	    f->advanced.minor != 0)
		return broken(inv, "no advance before funding", f->advanced.minor, 0);
	if (inv->state == IFGW_LEDGER_INVOICE_CLOSED && (inv->outstanding.minor != 0 || f->outstanding.minor != 0))
		return broken(inv, "closed with nothing outstanding", inv->outstanding.minor, f->outstanding.minor);
	if ((inv->state == IFGW_LEDGER_INVOICE_PAID || inv->state == IFGW_LEDGER_INVOICE_CHARGED_BACK ||
	     inv->state == IFGW_LEDGER_INVOICE_REJECTED) &&
	    inv->outstanding.minor != 0)
		return broken(inv, "nothing outstanding when paid, charged back or rejected", inv->outstanding.minor, 0);
	return IFGW_OK;
}

size_t ifgw_ledger_book_missed(const struct ifgw_ledger_invoice **out, size_t cap,
			       const struct ifgw_ledger_book *book)
{
	size_t i, n = 0;

	for (i = 0; book && i < book->n_invoices; i++) {
		if (!book->invoices[i].funding.missed)
			continue;
		if (out && n < cap)
			out[n] = &book->invoices[i];
		n++;
	}
	return n;
}

struct ccy_sums {
	const struct ifgw_currency *ccy;
	int64_t assigned, parts, advanced, adv_parts;
};

int ifgw_ledger_book_check(const struct ifgw_ledger_book *book)
{
	struct ccy_sums sums[CCY_MAX];
	size_t n = 0, i, j;
	int rc, ok = 1;

	IFGW_ASSERT_ARG(book);

	memset(sums, 0, sizeof(sums));
	for (i = 0; i < book->n_invoices; i++) {
		const struct ifgw_ledger_invoice *inv = &book->invoices[i];
		struct ccy_sums *s = NULL;

		if ((rc = ifgw_ledger_invoice_check(inv)) != IFGW_OK)
			return rc;
		for (j = 0; j < n && !s; j++)
			if (ifgw_ledger_same_ccy(sums[j].ccy, inv->amount.ccy))
				s = &sums[j];
		if (!s) {
			if (n == CCY_MAX)
				return ifgw_error_set(IFGW_EOVERFLOW, "ledger check: more than %d currencies", CCY_MAX);
			s = &sums[n++];
			s->ccy = inv->amount.ccy;
		}
		ok &= !__builtin_add_overflow(s->assigned, inv->amount.minor, &s->assigned);
		ok &= !__builtin_add_overflow(s->parts, inv->paid.minor, &s->parts);
		ok &= !__builtin_add_overflow(s->parts, inv->outstanding.minor, &s->parts);
		ok &= !__builtin_add_overflow(s->parts, inv->credited.minor, &s->parts);
		ok &= !__builtin_add_overflow(s->parts, inv->charged_back.minor, &s->parts);
		ok &= !__builtin_add_overflow(s->advanced, inv->funding.advanced.minor, &s->advanced);
		ok &= !__builtin_add_overflow(s->adv_parts, inv->funding.repaid.minor, &s->adv_parts);
		ok &= !__builtin_add_overflow(s->adv_parts, inv->funding.outstanding.minor, &s->adv_parts);
		if (!ok)
			return ifgw_error_set(IFGW_EOVERFLOW, "ledger check: %s sums beyond int64", inv->amount.ccy->code);
	}
	for (j = 0; j < n; j++) {
		if (sums[j].assigned != sums[j].parts)
			return ifgw_error_set(IFGW_ESTATE,
					      "ledger %s: invariant broken: assigned %lld != paid + outstanding + credited + "
					      "charged back %lld",
					      sums[j].ccy->code, (long long)sums[j].assigned, (long long)sums[j].parts);
		if (sums[j].advanced != sums[j].adv_parts)
			return ifgw_error_set(IFGW_ESTATE,
					      "ledger %s: invariant broken: advances %lld != repaid + outstanding %lld",
					      sums[j].ccy->code, (long long)sums[j].advanced, (long long)sums[j].adv_parts);
	}
	for (i = 0; i < book->n_covers; i++) {
		const struct ifgw_ledger_cover *c = &book->covers[i];

		if (c->state < IFGW_LEDGER_COVER_NEW || c->state > IFGW_LEDGER_COVER_EXPIRED)
			return ifgw_error_set(IFGW_ESTATE, "cover %s: undefined state %d", c->id, c->state);
		if (c->state != IFGW_LEDGER_COVER_NEW && c->granted.minor > c->requested.minor &&
		    c->state != IFGW_LEDGER_COVER_REVISED)
			return ifgw_error_set(IFGW_ESTATE, "cover %s (%s): invariant broken: granted above requested", c->id,
					      ifgw_ledger_cover_state_name(c->state));
	}
	for (i = 0; i < book->n_sellers; i++)
		if (book->sellers[i].state < IFGW_LEDGER_SELLER_NEW || book->sellers[i].state > IFGW_LEDGER_SELLER_TERMINATED)
			return ifgw_error_set(IFGW_ESTATE, "seller %s: undefined state %d", book->sellers[i].id,
					      book->sellers[i].state);
	return IFGW_OK;
}
