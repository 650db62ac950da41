/* tick.c: the GRIF timers on the injected clock.
 *
 * For each thing, the earliest transition its timers make due at `now`
 * (one per thing and tick: applying it may change what is due next, and the
 * next tick finds that).  The order inside an invoice: a missed funding
 * promise, a dispute window that closed, dispute information overdue,
 * payment under guarantee, charge-back of the unapproved rest, dunning.
 *
 * Roles: a home book with a correspondent factor leaves the import factor's
 * acts to it (payment under guarantee, charge-back of the unapproved rest,
 * the dispute window's charge-back: they arrive inbound) and does not dun
 * (the import factor collects).  An import book applies those, duns the
 * debtor, applies a pending cover's decided answer at its time, and flags
 * no unanswered request (it is the one that answers). */
#include "config.h"

#include "base/date.h"
#include "base/error.h"
#include "model/invoice.h"
#define IFGW_LEDGER_INTERNAL
#include "gateway/ledger/ledger_int.h"

#define ACTOR "ledger-tick"

static int due_cover(struct ifgw_ledger_event *ev, const struct ifgw_ledger_cover *c, int64_t now)
{
	int active = c->state == IFGW_LEDGER_COVER_APPROVED || c->state == IFGW_LEDGER_COVER_PARTLY_APPROVED ||
		     c->state == IFGW_LEDGER_COVER_REVISED;

	if (c->role == IFGW_LEDGER_ROLE_IMPORT) {
		if (c->state == IFGW_LEDGER_COVER_PENDING && c->answer_kind != 0 && now >= c->answer_at) {
			ifgw_ledger_event_init(ev, c->answer_kind, ACTOR);
			if (c->answer_kind == IFGW_LEDGER_EV_COVER_APPROVE)
				ev->amount = c->answer_amount;
			return 1;
		}
		if (active && c->expiry != IFGW_DATE_NONE && ifgw_datetime_date(now) >= c->expiry) {
			ifgw_ledger_event_init(ev, IFGW_LEDGER_EV_COVER_EXPIRE, ACTOR);
			return 1;
		}
		return 0;
	}

	if (active && c->expiry != IFGW_DATE_NONE && ifgw_datetime_date(now) >= c->expiry) {
		ifgw_ledger_event_init(ev, IFGW_LEDGER_EV_COVER_EXPIRE, ACTOR);
		return 1;
	}
	if (c->state == IFGW_LEDGER_COVER_REQUESTED && !c->unanswered &&
	    now - c->requested_at >= (int64_t)IFGW_LEDGER_COVER_ANSWER_DAYS * IFGW_LEDGER_DAY) {
		ifgw_ledger_event_init(ev, IFGW_LEDGER_EV_COVER_UNANSWERED, ACTOR);
		return 1;
	}
	return 0;
}

static int open_for_money(int state)
{
	return state == IFGW_LEDGER_INVOICE_ACCEPTED || state == IFGW_LEDGER_INVOICE_FUNDED ||
	       state == IFGW_LEDGER_INVOICE_PARTLY_PAID || state == IFGW_LEDGER_INVOICE_DISPUTED ||
	       state == IFGW_LEDGER_INVOICE_DISPUTE_SETTLED || state == IFGW_LEDGER_INVOICE_GUARANTEED;
}

static int due_invoice(struct ifgw_ledger_event *ev, const struct ifgw_ledger_invoice *inv, int64_t now)
{
	const struct ifgw_ledger_dispute *d = &inv->dispute;
	const struct ifgw_ledger_collection *c = &inv->collection;
	int32_t today = ifgw_ledger_local_date(now, inv->contract->utc_offset);
	int open = d->state == IFGW_LEDGER_DISPUTE_RAISED || d->state == IFGW_LEDGER_DISPUTE_INFO_SUPPLIED;
	/* the import factor's acts: not the home book's when there is one */
	int theirs = inv->contract->role == IFGW_LEDGER_ROLE_HOME && inv->contract->partner[0];
	int64_t covered, unapproved;

	if (inv->state == IFGW_LEDGER_INVOICE_CLOSED)
		return 0;
	if (inv->funding.state == IFGW_LEDGER_FUNDING_DUE && now > inv->funding.due_at) {
		ifgw_ledger_event_init(ev, IFGW_LEDGER_EV_FUNDING_MISSED, ACTOR);
		return 1;
	}
	if (!theirs && open && now > d->raised_at + (int64_t)IFGW_LEDGER_DISPUTE_SETTLE_DAYS * IFGW_LEDGER_DAY) {
		ifgw_ledger_event_init(ev, IFGW_LEDGER_EV_DISPUTE_WINDOW_CLOSED, ACTOR);
		return 1;
	}
	if (d->state == IFGW_LEDGER_DISPUTE_RAISED && !d->info_overdue &&
	    now >= d->raised_at + (int64_t)IFGW_LEDGER_DISPUTE_INFO_DAYS * IFGW_LEDGER_DAY) {
		ifgw_ledger_event_init(ev, IFGW_LEDGER_EV_DISPUTE_INFO_OVERDUE, ACTOR);
		return 1;
	}
	if (theirs || !open_for_money(inv->state))
		return 0;
	if (today >= inv->due_date + IFGW_LEDGER_PUG_DAYS) {
		covered = ifgw_ledger_invoice_covered(inv);
		unapproved = inv->outstanding.minor - inv->disputed.minor - covered;
		if (covered > 0) {
			ifgw_ledger_event_init(ev, IFGW_LEDGER_EV_GUARANTEE_PAY, ACTOR);
			ev->amount = ifgw_ledger_amount(covered, inv->amount.ccy);
			return 1;
		}
		if (unapproved > 0) {
			ifgw_ledger_event_init(ev, IFGW_LEDGER_EV_CHARGE_BACK, ACTOR);
			ev->amount = ifgw_ledger_amount(unapproved, inv->amount.ccy);
			return 1;
		}
	}
	if ((c->state == IFGW_LEDGER_COLLECTION_OPEN || c->state == IFGW_LEDGER_COLLECTION_REMINDED ||
	     c->state == IFGW_LEDGER_COLLECTION_SECOND_REMINDER || c->state == IFGW_LEDGER_COLLECTION_FORMAL_NOTICE) &&
	    c->steps_done < IFGW_LEDGER_DUNNING_STEPS && today >= c->step_dates[c->steps_done]) {
		ifgw_ledger_event_init(ev, IFGW_LEDGER_EV_DUNNING, ACTOR);
		return 1;
	}
	return 0;
}

static int add(struct ifgw_ledger_due *out, size_t cap, size_t *n, int *over, int thing, size_t index,
	       const struct ifgw_ledger_event *ev)
{
	if (*n >= cap) {
		*over = 1;
		return 0;
	}
	out[*n].thing = thing;
	out[*n].index = index;
	out[*n].event = *ev;
	(*n)++;
	return 1;
}

int ifgw_ledger_tick(struct ifgw_ledger_due *out, size_t cap, size_t *n, const struct ifgw_ledger_book *book,
		     int64_t now)
{
	struct ifgw_ledger_event ev;
	int over = 0;
	size_t i;

	IFGW_ASSERT_ARG(n);
	IFGW_ASSERT_ARG(book);
	IFGW_ASSERT_ARG(out || cap == 0);

	*n = 0;
	for (i = 0; i < book->n_covers; i++)
		if (due_cover(&ev, &book->covers[i], now))
			add(out, cap, n, &over, IFGW_LEDGER_THING_COVER, i, &ev);
	for (i = 0; i < book->n_invoices; i++)
		if (due_invoice(&ev, &book->invoices[i], now))
			add(out, cap, n, &over, IFGW_LEDGER_THING_INVOICE, i, &ev);
	if (over)
		return ifgw_error_set(IFGW_EOVERFLOW, "ledger tick: more than %zu transitions due; apply these and tick again",
				      cap);
	return IFGW_OK;
}

int ifgw_ledger_apply_due(struct ifgw_ledger_book *book, const struct ifgw_ledger_due *due, int64_t now,
			  struct ifgw_ledger_effects *fx)
{
	IFGW_ASSERT_ARG(book);
	IFGW_ASSERT_ARG(due);

	switch (due->thing) {
	case IFGW_LEDGER_THING_COVER:
		IFGW_ASSERT_ARG(due->index < book->n_covers);
		return ifgw_ledger_cover_apply(&book->covers[due->index], &due->event, now, fx);
	case IFGW_LEDGER_THING_INVOICE:
		IFGW_ASSERT_ARG(due->index < book->n_invoices);
		return ifgw_ledger_invoice_apply(&book->invoices[due->index], &due->event, now, fx);
	case IFGW_LEDGER_THING_SELLER:
		IFGW_ASSERT_ARG(due->index < book->n_sellers);
		return ifgw_ledger_seller_apply(&book->sellers[due->index], &due->event, now, fx);
	default:
		return ifgw_error_set(IFGW_EINVAL, "ledger: due transition for unknown thing %d", due->thing);
	}
}
