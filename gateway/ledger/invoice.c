/* invoice.c: the invoice machine and its funding, collection and dispute.
 *
 * docs/ledger.md draws the machine.  Each transition is one static function
 * with its preconditions; ifgw_ledger_invoice_apply() runs it on a copy and
 * keeps the copy and the effects only when it succeeds, so a refusal leaves
 * the invoice and the effects exactly as they were.
 *
 * The contract's role says whose book the invoice is in (docs/ledger.md,
 * "Roles").  Import role: the export factor assigns, credits and supplies
 * dispute information (inbound only); the import factor accepts or rejects,
 * pays under guarantee and charges back (local only, the tick for the two
 * last); payments, disputes and settlements come from either side, and only
 * the local ones are reported to the partner.  The import factor advances
 * nothing and writes nothing to the seller (the export factor's client); it
 * notifies and duns the debtor. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#include "currency/convert.h"
#include "model/codes.h"
#include "model/invoice.h"
#define IFGW_LEDGER_INTERNAL
#include "gateway/ledger/ledger_int.h"

#define BIT(s) (1u << (s))

static const char *const names[IFGW_LEDGER_INVOICE_STATE_COUNT_] = {
	"received", "assigned",        "accepted",     "rejected",   "funded", "partly-paid",
	"paid",     "disputed",        "dispute-settled", "charged-back", "paid-under-guarantee", "closed",
};

const char *ifgw_ledger_invoice_state_name(int state)
{
	if (state < 0 || state >= IFGW_LEDGER_INVOICE_STATE_COUNT_)
		return "undefined";
	return names[state];
}

/* States with money left to collect or move. */
#define OPEN_STATES                                                                                              \
	(BIT(IFGW_LEDGER_INVOICE_ACCEPTED) | BIT(IFGW_LEDGER_INVOICE_FUNDED) | BIT(IFGW_LEDGER_INVOICE_PARTLY_PAID) | \
	 BIT(IFGW_LEDGER_INVOICE_DISPUTED) | BIT(IFGW_LEDGER_INVOICE_DISPUTE_SETTLED) |                            \
	 BIT(IFGW_LEDGER_INVOICE_GUARANTEED))

/* A transition's context: the invoice being changed (a copy), the event,
 * the time and where its effects go. */
struct step {
	struct ifgw_ledger_invoice *inv;
	const struct ifgw_ledger_event *ev;
	int64_t now;
	struct ifgw_ledger_effects *fx;
	const char *state; /* the state before: for messages */
};

static int refuse(const struct step *s, const char *fmt, ...) IFGW_PRINTF(2, 3);

static int refuse(const struct step *s, const char *fmt, ...)
{
	char why[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return ifgw_ledger_refuse("invoice", s->inv->id, s->state, s->ev->kind, why);
}

static const struct ifgw_currency *ccy(const struct step *s)
{
	return s->inv->amount.ccy;
}

static int log_it(const struct step *s, const char *kind, int64_t amount)
{
	struct ifgw_money m = ifgw_ledger_amount(amount, ccy(s));

	return ifgw_ledger_fx_log(s->fx, s->now, kind, s->inv->id, s->ev->actor, &m);
}

static int row(const struct step *s, int msg_type, int letter, int to, int64_t amount)
{
	const struct ifgw_ledger_invoice *inv = s->inv;
	struct ifgw_money m = ifgw_ledger_amount(amount, ccy(s));
	const char *to_id = to == IFGW_LEDGER_TO_PARTNER ? inv->contract->partner
			    : to == IFGW_LEDGER_TO_DEBTOR ? inv->debtor
							  : inv->seller;

	return ifgw_ledger_fx_row(s->fx, msg_type, letter, to, to_id, inv->id, &m);
}

static int import_role(const struct step *s)
{
	return s->inv->contract->role == IFGW_LEDGER_ROLE_IMPORT;
}

/* A row to the seller: the home factor's only (the seller is the export
 * factor's client). */
static int to_seller(const struct step *s, int msg_type, int64_t amount)
{
	if (import_role(s))
		return IFGW_OK;
	return row(s, msg_type, 0, IFGW_LEDGER_TO_SELLER, amount);
}

/* A row to the correspondent factor, unless the event came from it or the
 * product has none. */
static int to_partner(const struct step *s, int msg_type, int64_t amount)
{
	if (s->ev->inbound || !s->inv->contract->partner[0])
		return IFGW_OK;
	return row(s, msg_type, 0, IFGW_LEDGER_TO_PARTNER, amount);
}

/* The import factor's answer to the export factor (import role only). */
static int import_answer(const struct step *s, int msg_type, int64_t amount)
{
	if (!import_role(s))
		return IFGW_OK;
	return to_partner(s, msg_type, amount);
}

/* Import role: which side may cause each event (refusal reason, or NULL). */
static const char *import_direction(const struct ifgw_ledger_event *ev)
{
	switch (ev->kind) {
	case IFGW_LEDGER_EV_ASSIGN:
	case IFGW_LEDGER_EV_CREDIT:
	case IFGW_LEDGER_EV_DISPUTE_INFO:
		return ev->inbound ? NULL : "the export factor's act, inbound only (import role)";
	case IFGW_LEDGER_EV_PAY:
	case IFGW_LEDGER_EV_DISPUTE:
	case IFGW_LEDGER_EV_SETTLE:
	case IFGW_LEDGER_EV_CLOSE:
		return NULL;
	case IFGW_LEDGER_EV_FUND:
	case IFGW_LEDGER_EV_REPAY_ADVANCE:
		return "the import factor advances nothing";
	default:
		return ev->inbound ? "the import factor's own act, not inbound (import role)" : NULL;
	}
}

/* Home role with a correspondent factor: the import factor's acts arrive
 * only as its messages (refusal reason, or NULL). */
static const char *home_direction(const struct ifgw_ledger_event *ev)
{
	switch (ev->kind) {
	case IFGW_LEDGER_EV_ACCEPT:
	case IFGW_LEDGER_EV_REJECT:
	case IFGW_LEDGER_EV_GUARANTEE_PAY:
	case IFGW_LEDGER_EV_CHARGE_BACK:
		return ev->inbound ? NULL : "the import factor's act, inbound only (home role with a partner)";
	default:
		return NULL;
	}
}

static int dispute_open(const struct ifgw_ledger_invoice *inv)
{
	return inv->dispute.state == IFGW_LEDGER_DISPUTE_RAISED || inv->dispute.state == IFGW_LEDGER_DISPUTE_INFO_SUPPLIED;
}

int64_t ifgw_ledger_invoice_covered(const struct ifgw_ledger_invoice *inv)
{
	int64_t a = inv->approved.minor - inv->guaranteed.minor;
	int64_t b = inv->outstanding.minor - inv->disputed.minor;
	int64_t v = a < b ? a : b;

	return v < 0 ? 0 : v;
}

/* The state after a money move: `done` when nothing is left outstanding. */
static int derive(const struct ifgw_ledger_invoice *inv, int done)
{
	/* Paid under guarantee and the unapproved rest charged back: the
	 * guarantee is what the invoice ended in. */
	if (inv->outstanding.minor == 0)
		return done == IFGW_LEDGER_INVOICE_CHARGED_BACK && inv->guaranteed.minor > 0 ? IFGW_LEDGER_INVOICE_GUARANTEED
											     : done;
	if (dispute_open(inv))
		return IFGW_LEDGER_INVOICE_DISPUTED;
	if (inv->guaranteed.minor > 0)
		return IFGW_LEDGER_INVOICE_GUARANTEED;
	if (inv->paid.minor > 0 || inv->credited.minor > 0 || inv->charged_back.minor > 0)
		return IFGW_LEDGER_INVOICE_PARTLY_PAID;
	if (inv->dispute.state == IFGW_LEDGER_DISPUTE_SETTLED)
		return IFGW_LEDGER_INVOICE_DISPUTE_SETTLED;
	if (inv->funding.advanced.minor > 0)
		return IFGW_LEDGER_INVOICE_FUNDED;
	return IFGW_LEDGER_INVOICE_ACCEPTED;
}

/* Dunning and funding follow the money: dunning is done when nothing is
 * left, suspended by an open dispute, else where its steps left it. */
static void collection_sync(struct ifgw_ledger_invoice *inv)
{
	static const int by_steps[IFGW_LEDGER_DUNNING_STEPS + 1] = {
		IFGW_LEDGER_COLLECTION_OPEN, IFGW_LEDGER_COLLECTION_REMINDED, IFGW_LEDGER_COLLECTION_SECOND_REMINDER,
		IFGW_LEDGER_COLLECTION_FORMAL_NOTICE, IFGW_LEDGER_COLLECTION_HANDED_OVER,
	};
	struct ifgw_ledger_collection *c = &inv->collection;

	/* An advance promised on what is no longer outstanding lapses. */
	if (inv->outstanding.minor == 0 &&
	    (inv->funding.state == IFGW_LEDGER_FUNDING_DUE || inv->funding.state == IFGW_LEDGER_FUNDING_MISSED))
		inv->funding.state = IFGW_LEDGER_FUNDING_CANCELLED;
	if (c->state == IFGW_LEDGER_COLLECTION_NONE)
		return;
	if (inv->outstanding.minor == 0)
		c->state = IFGW_LEDGER_COLLECTION_DONE;
	else if (dispute_open(inv))
		c->state = IFGW_LEDGER_COLLECTION_SUSPENDED;
	else
		c->state = by_steps[c->steps_done];
}

/* The event's amount in the invoice currency: > 0, converted with the
 * event's rates when it is in another currency (one rounding). */
static int event_amount(const struct step *s, int64_t *out)
{
	const struct ifgw_ledger_event *ev = s->ev;
	struct ifgw_money conv;
	int rc;

	if (!ev->amount.ccy || ev->amount.minor <= 0)
		return refuse(s, "the amount must be above zero");
	if (ifgw_ledger_same_ccy(ev->amount.ccy, ccy(s))) {
		*out = ev->amount.minor;
		return IFGW_OK;
	}
	if (ev->kind != IFGW_LEDGER_EV_PAY)
		return refuse(s, "amount in %s, invoice in %s", ev->amount.ccy->code, ccy(s)->code);
	if (ev->from_per_eur.value <= 0 || ev->to_per_eur.value <= 0)
		return refuse(s, "payment in %s without the rates to %s", ev->amount.ccy->code, ccy(s)->code);
	if ((rc = ifgw_money_convert_rates(&conv, &ev->amount, ccy(s), &ev->from_per_eur, &ev->to_per_eur,
					   s->inv->contract->rounding)) != IFGW_OK)
		return ifgw_error_wrap(rc, "invoice %s: pay", s->inv->id);
	if (conv.minor <= 0)
		return refuse(s, "the payment converts to nothing in %s", ccy(s)->code);
	*out = conv.minor;
	return IFGW_OK;
}

/* Add the days the advance stood at its balance since the last change, up
 * to today (the seller's civil day): interest needs every balance. */
static int accrue(struct ifgw_ledger_funding *f, int32_t today, const char *id)
{
	int64_t add;

	if (today <= f->accrued_to || f->outstanding.minor == 0) {
		if (today > f->accrued_to)
			f->accrued_to = today;
		return IFGW_OK;
	}
	if (__builtin_mul_overflow(f->outstanding.minor, (int64_t)(today - f->accrued_to), &add) ||
	    __builtin_add_overflow(f->balance_days, add, &f->balance_days))
		return ifgw_error_set(IFGW_EOVERFLOW, "invoice %s: advance balance-days beyond int64", id);
	f->accrued_to = today;
	return IFGW_OK;
}

/* Money that reaches the factor repays the advance first; the rest belongs
 * to the seller.  Returns the rest. */
static int64_t repay_from(struct ifgw_ledger_invoice *inv, int64_t v)
{
	struct ifgw_ledger_funding *f = &inv->funding;
	int64_t r = v < f->outstanding.minor ? v : f->outstanding.minor;

	f->repaid.minor += r;
	f->outstanding.minor -= r;
	if (r > 0 && f->outstanding.minor == 0)
		f->state = IFGW_LEDGER_FUNDING_REPAID;
	return v - r;
}

/* Money leaves outstanding: keep the disputed part within it.  A dispute
 * whose amount is paid or charged back in full has nothing left to decide. */
static void reduce_outstanding(struct ifgw_ledger_invoice *inv, int64_t v)
{
	inv->outstanding.minor -= v;
	if (inv->disputed.minor > inv->outstanding.minor) {
		inv->disputed.minor = inv->outstanding.minor;
		inv->dispute.amount.minor = inv->disputed.minor;
		if (inv->disputed.minor == 0 && dispute_open(inv)) {
			inv->dispute.state = IFGW_LEDGER_DISPUTE_SETTLED;
			inv->dispute.outcome = IFGW_LEDGER_SETTLED_FOR_SELLER;
		}
	}
}

static int tr_assign(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	const struct ifgw_ledger_contract *k = inv->contract;
	int rc;

	inv->assigned_at = s->now;
	if (import_role(s)) {
		/* The import factor advances nothing: no promise to keep. */
		inv->funding.state = IFGW_LEDGER_FUNDING_CANCELLED;
		inv->state = IFGW_LEDGER_INVOICE_ASSIGNED;
		return log_it(s, "invoice.assigned", inv->amount.minor);
	}
	if ((rc = ifgw_ledger_funding_deadline(&inv->funding.due_at, s->now, k->funding_hours, k->calendar,
					       k->utc_offset)) != IFGW_OK)
		return ifgw_error_wrap(rc, "invoice %s: assign", inv->id);
	inv->funding.state = IFGW_LEDGER_FUNDING_DUE;
	inv->state = IFGW_LEDGER_INVOICE_ASSIGNED;
	if ((rc = to_partner(s, IFGW_MSG_ASSIGNMENT_BATCH, inv->amount.minor)) != IFGW_OK)
		return rc;
	return log_it(s, "invoice.assigned", inv->amount.minor);
}

static int tr_accept(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	const struct ifgw_ledger_event *ev = s->ev;
	int rc;

	if (!ev->amount.ccy || ev->amount.minor < 0 || !ifgw_ledger_same_ccy(ev->amount.ccy, ccy(s)))
		return refuse(s, "the approved amount must be given in %s, zero or more", ccy(s)->code);
	if (ev->amount.minor > inv->amount.minor)
		return refuse(s, "approved amount above the invoice amount");
	inv->approved.minor = ev->amount.minor;
	if ((rc = ifgw_ledger_dunning_dates(inv->collection.step_dates, inv->contract->dunning_days, inv->due_date,
					    inv->contract->calendar)) != IFGW_OK)
		return ifgw_error_wrap(rc, "invoice %s: accept", inv->id);
	inv->collection.state = IFGW_LEDGER_COLLECTION_OPEN;
	inv->collection.steps_done = 0;
	inv->state = IFGW_LEDGER_INVOICE_ACCEPTED;
	/* No cover, no advance: nothing was promised. */
	if (inv->approved.minor == 0)
		inv->funding.state = IFGW_LEDGER_FUNDING_CANCELLED;
	/* Classic factoring tells the debtor to pay the factor; confidential
	 * never does; export and IFP: the correspondent factor does, locally. */
	if ((inv->contract->product == IFGW_PRODUCT_CLASSIC || import_role(s)) &&
	    (rc = row(s, IFGW_MSG_DEBTOR_NOTICE, 0, IFGW_LEDGER_TO_DEBTOR, inv->amount.minor)) != IFGW_OK)
		return rc;
	if ((rc = import_answer(s, IFGW_MSG_ASSIGNMENT_STATUS, inv->approved.minor)) != IFGW_OK)
		return rc;
	return log_it(s, "invoice.accepted", inv->approved.minor);
}

static int tr_reject(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	int rc;

	/* The invoice goes back to the seller: its amount counts as charged back. */
	inv->charged_back.minor += inv->outstanding.minor;
	inv->outstanding.minor = 0;
	inv->funding.state = IFGW_LEDGER_FUNDING_CANCELLED;
	inv->state = IFGW_LEDGER_INVOICE_REJECTED;
	if ((rc = import_answer(s, IFGW_MSG_ASSIGNMENT_STATUS, 0)) != IFGW_OK)
		return rc;
	return log_it(s, "invoice.rejected", inv->charged_back.minor);
}

static int tr_fund(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	const struct ifgw_ledger_contract *k = inv->contract;
	struct ifgw_ledger_funding *f = &inv->funding;
	struct ifgw_money base, adv, fee;
	int rc;

	if (import_role(s))
		return refuse(s, "the import factor advances nothing");
	if (f->state != IFGW_LEDGER_FUNDING_DUE && f->state != IFGW_LEDGER_FUNDING_MISSED)
		return refuse(s, "funding is %s",
			      f->state == IFGW_LEDGER_FUNDING_NONE        ? "not promised"
			      : f->state == IFGW_LEDGER_FUNDING_CANCELLED ? "cancelled: nothing to advance"
									  : "already paid");
	base = ifgw_ledger_amount(ifgw_ledger_invoice_covered(inv), ccy(s));
	if ((rc = ifgw_ledger_advance(&adv, &base, k->advance_rate, k->reserve_pct, &k->reserve_fixed, k->rounding)) !=
		    IFGW_OK ||
	    (rc = ifgw_ledger_commission(&fee, &inv->amount, k->commission_pct, &k->doc_fee, 1, k->rounding)) != IFGW_OK)
		return ifgw_error_wrap(rc, "invoice %s: fund", inv->id);
	if (adv.minor == 0)
		return refuse(s, "nothing to advance on an approved and undisputed amount of %lld minor units",
			      (long long)base.minor);
	f->advanced = adv;
	f->outstanding = adv;
	f->repaid = ifgw_ledger_amount(0, ccy(s));
	f->commission = fee;
	f->paid_at = s->now;
	f->balance_days = 0;
	f->accrued_to = ifgw_ledger_local_date(s->now, k->utc_offset);
	if (s->now > f->due_at) {
		f->state = IFGW_LEDGER_FUNDING_PAID_LATE;
		if (!f->missed && (rc = log_it(s, "invoice.funding-missed", adv.minor)) != IFGW_OK)
			return rc;
		f->missed = 1;
	} else {
		f->state = IFGW_LEDGER_FUNDING_PAID;
	}
	if (inv->state == IFGW_LEDGER_INVOICE_ACCEPTED)
		inv->state = IFGW_LEDGER_INVOICE_FUNDED;
	if ((rc = to_seller(s, IFGW_MSG_FINANCING_STATUS, adv.minor)) != IFGW_OK)
		return rc;
	return log_it(s, "invoice.funded", adv.minor);
}

static int tr_pay(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	int64_t v, rest;
	int rc;

	if ((rc = event_amount(s, &v)) != IFGW_OK)
		return rc;
	if (v > inv->outstanding.minor)
		return refuse(s, "payment of %lld minor units is larger than the outstanding %lld", (long long)v,
			      (long long)inv->outstanding.minor);
	inv->paid.minor += v;
	reduce_outstanding(inv, v);
	rest = repay_from(inv, v);
	inv->state = derive(inv, IFGW_LEDGER_INVOICE_PAID);
	collection_sync(inv);
	if (!ifgw_ledger_same_ccy(s->ev->amount.ccy, ccy(s)) &&
	    (rc = ifgw_ledger_fx_log(s->fx, s->now, "invoice.payment-currency", inv->id, s->ev->actor, &s->ev->amount)) !=
		    IFGW_OK)
		return rc;
	if (rest > 0 && (rc = to_seller(s, IFGW_MSG_REMITTANCE, rest)) != IFGW_OK)
		return rc;
	/* Home: paid to us, not through the import factor: it must hear of it
	 * (MSG12).  Import: the debtor paid us, the import factor (MSG11). */
	if ((rc = to_partner(s, import_role(s) ? IFGW_MSG_PAYMENT : IFGW_MSG_INDIRECT_PAYMENT, v)) != IFGW_OK)
		return rc;
	return log_it(s, "invoice.paid", v);
}

static int tr_credit(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	int64_t v;
	int rc;

	if ((rc = event_amount(s, &v)) != IFGW_OK)
		return rc;
	if (v > inv->outstanding.minor - inv->disputed.minor)
		return refuse(s, "credit of %lld minor units is larger than the undisputed outstanding %lld", (long long)v,
			      (long long)(inv->outstanding.minor - inv->disputed.minor));
	inv->credited.minor += v;
	reduce_outstanding(inv, v);
	inv->state = derive(inv, IFGW_LEDGER_INVOICE_PAID);
	collection_sync(inv);
	if ((rc = to_partner(s, IFGW_MSG_ASSIGNMENT_BATCH, v)) != IFGW_OK)
		return rc;
	return log_it(s, "invoice.credited", v);
}

static int tr_dispute(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	struct ifgw_ledger_dispute *d = &inv->dispute;
	int32_t today = ifgw_ledger_local_date(s->now, inv->contract->utc_offset);
	int64_t v, reimburse = 0;
	int rc;

	if ((rc = event_amount(s, &v)) != IFGW_OK)
		return rc;
	if (dispute_open(inv))
		return refuse(s, "a dispute is already open");
	if (inv->guaranteed.minor > 0) {
		/* GRIF: raised after the guarantee payment but within 180 days of
		 * the due date, the import factor is reimbursed. */
		if (today > inv->due_date + IFGW_LEDGER_DISPUTE_SETTLE_DAYS)
			return refuse(s, "raised more than %d days after the due date, after payment under guarantee",
				      IFGW_LEDGER_DISPUTE_SETTLE_DAYS);
		/* What was paid under guarantee is reimbursed first. */
		reimburse = v < inv->guaranteed.minor ? v : inv->guaranteed.minor;
	}
	if (v - reimburse > inv->outstanding.minor - inv->disputed.minor)
		return refuse(s, "disputed %lld minor units, more than the undisputed outstanding %lld", (long long)v,
			      (long long)(inv->outstanding.minor - inv->disputed.minor + reimburse));
	if (reimburse > 0) {
		inv->guaranteed.minor -= reimburse;
		inv->paid.minor -= reimburse;
		inv->outstanding.minor += reimburse;
		/* The export factor reimburses; the import factor receives. */
		if ((!import_role(s) && (rc = row(s, IFGW_MSG_REMITTANCE, 0, IFGW_LEDGER_TO_PARTNER, reimburse)) != IFGW_OK) ||
		    (rc = log_it(s, "invoice.guarantee-reimbursed", reimburse)) != IFGW_OK)
			return rc;
	}
	inv->disputed.minor = v;
	memset(d, 0, sizeof(*d));
	d->state = IFGW_LEDGER_DISPUTE_RAISED;
	d->raised_at = s->now;
	d->amount = ifgw_ledger_amount(v, ccy(s));
	d->suspends_pug = today <= inv->due_date + IFGW_LEDGER_DISPUTE_PUG_DAYS;
	inv->prior = inv->state;
	inv->state = IFGW_LEDGER_INVOICE_DISPUTED;
	collection_sync(inv);
	if ((rc = to_partner(s, IFGW_MSG_DISPUTE_NOTICE, v)) != IFGW_OK)
		return rc;
	return log_it(s, "invoice.disputed", v);
}

static int tr_dispute_info(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	int rc;

	if (inv->dispute.state != IFGW_LEDGER_DISPUTE_RAISED)
		return refuse(s, "the information was already supplied");
	inv->dispute.state = IFGW_LEDGER_DISPUTE_INFO_SUPPLIED;
	if ((rc = to_partner(s, IFGW_MSG_DISPUTE_STATUS, inv->disputed.minor)) != IFGW_OK)
		return rc;
	return log_it(s, inv->dispute.info_overdue ? "invoice.dispute-info-late" : "invoice.dispute-info",
		      inv->disputed.minor);
}

static int tr_dispute_window_closed(struct step *s);

static int64_t window_end(const struct ifgw_ledger_invoice *inv)
{
	return inv->dispute.raised_at + (int64_t)IFGW_LEDGER_DISPUTE_SETTLE_DAYS * IFGW_LEDGER_DAY;
}

static int tr_settle(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	int64_t v = inv->disputed.minor;
	char end[IFGW_DATETIME_STRLEN];
	int rc;

	if (s->now > window_end(inv)) {
		ifgw_datetime_format(window_end(inv), end);
		return refuse(s, "its %d-day window closed at %s: the disputed amount is charged back",
			      IFGW_LEDGER_DISPUTE_SETTLE_DAYS, end);
	}
	if (s->ev->outcome == IFGW_LEDGER_SETTLED_FOR_DEBTOR) {
		inv->credited.minor += v;
		inv->outstanding.minor -= v;
	} else if (s->ev->outcome != IFGW_LEDGER_SETTLED_FOR_SELLER) {
		return refuse(s, "unknown outcome %d", s->ev->outcome);
	}
	inv->disputed.minor = 0;
	inv->dispute.state = IFGW_LEDGER_DISPUTE_SETTLED;
	inv->dispute.outcome = s->ev->outcome;
	inv->state = inv->outstanding.minor == 0 ? IFGW_LEDGER_INVOICE_DISPUTE_SETTLED
		     : inv->guaranteed.minor > 0  ? IFGW_LEDGER_INVOICE_GUARANTEED
						  : IFGW_LEDGER_INVOICE_DISPUTE_SETTLED;
	collection_sync(inv);
	if ((rc = to_partner(s, IFGW_MSG_DISPUTE_STATUS, v)) != IFGW_OK)
		return rc;
	return log_it(s,
		      s->ev->outcome == IFGW_LEDGER_SETTLED_FOR_DEBTOR ? "invoice.dispute-settled-credited"
								       : "invoice.dispute-settled",
		      v);
}

/* The charge-back of an amount; from_dispute when the dispute window closed. */
static int charge_back(struct step *s, int64_t v, const char *kind)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	int rc;

	inv->charged_back.minor += v;
	reduce_outstanding(inv, v);
	inv->state = derive(inv, IFGW_LEDGER_INVOICE_CHARGED_BACK);
	collection_sync(inv);
	/* Home: the seller takes the receivable back (recourse).  Import: the
	 * export factor does (MSG16). */
	if ((rc = import_role(s) ? to_partner(s, IFGW_MSG_CHARGEBACK, v) : row(s, IFGW_MSG_CHARGEBACK, 0,
									      IFGW_LEDGER_TO_SELLER, v)) != IFGW_OK)
		return rc;
	return log_it(s, kind, v);
}

static int tr_charge_back(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	int64_t v, unapproved;
	int rc;

	if ((rc = event_amount(s, &v)) != IFGW_OK)
		return rc;
	/* Only what no cover protects: a covered amount is paid under guarantee. */
	unapproved = inv->outstanding.minor - inv->disputed.minor - ifgw_ledger_invoice_covered(inv);
	/* The import factor's tick charges back a dispute left unsettled past
	 * its window (its clock: see tr_dispute_window_closed): the home book
	 * hears a charge-back of the disputed amount, more than is unapproved,
	 * and closes the dispute with it. */
	if (v > unapproved && s->ev->inbound && dispute_open(inv) && v == inv->disputed.minor)
		return tr_dispute_window_closed(s);
	if (v > unapproved)
		return refuse(s, "charge-back of %lld minor units, but only %lld are unapproved and undisputed",
			      (long long)v, (long long)unapproved);
	return charge_back(s, v, "invoice.charged-back");
}

static int tr_guarantee_pay(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	int32_t today = ifgw_ledger_local_date(s->now, inv->contract->utc_offset);
	int64_t v, covered, rest;
	int rc;

	if ((rc = event_amount(s, &v)) != IFGW_OK)
		return rc;
	/* Inbound, the import factor's clock decided it (its civil day, its
	 * dispute dates): the home book checks the figures, not the day. */
	if (!s->ev->inbound && today < inv->due_date + IFGW_LEDGER_PUG_DAYS)
		return refuse(s, "payment under guarantee before %d days past the due date", IFGW_LEDGER_PUG_DAYS);
	covered = ifgw_ledger_invoice_covered(inv);
	if (v > covered)
		return refuse(s, "guarantee payment of %lld minor units, more than the approved undisputed %lld",
			      (long long)v, (long long)covered);
	inv->paid.minor += v;
	inv->guaranteed.minor += v;
	reduce_outstanding(inv, v);
	rest = repay_from(inv, v);
	inv->state = derive(inv, IFGW_LEDGER_INVOICE_GUARANTEED);
	collection_sync(inv);
	if (rest > 0 && (rc = to_seller(s, IFGW_MSG_REMITTANCE, rest)) != IFGW_OK)
		return rc;
	if (import_role(s) && (rc = to_partner(s, IFGW_MSG_GUARANTEE_PAYMENT, v)) != IFGW_OK)
		return rc;
	return log_it(s, "invoice.paid-under-guarantee", v);
}

static int tr_repay_advance(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	int64_t v;
	int rc;

	if ((rc = event_amount(s, &v)) != IFGW_OK)
		return rc;
	if (v > inv->funding.outstanding.minor)
		return refuse(s, "repays %lld minor units of an outstanding advance of %lld", (long long)v,
			      (long long)inv->funding.outstanding.minor);
	repay_from(inv, v);
	return log_it(s, "invoice.advance-repaid", v);
}

static int tr_close(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;

	if (inv->outstanding.minor != 0)
		return refuse(s, "%lld minor units still outstanding", (long long)inv->outstanding.minor);
	if (inv->funding.outstanding.minor != 0)
		return refuse(s, "%lld minor units of advance not repaid", (long long)inv->funding.outstanding.minor);
	inv->state = IFGW_LEDGER_INVOICE_CLOSED;
	return log_it(s, "invoice.closed", 0);
}

static int tr_funding_missed(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	char due[IFGW_DATETIME_STRLEN];

	if (inv->funding.state != IFGW_LEDGER_FUNDING_DUE)
		return refuse(s, "funding is not awaiting payment");
	if (s->now <= inv->funding.due_at) {
		ifgw_datetime_format(inv->funding.due_at, due);
		return refuse(s, "the promise runs until %s", due);
	}
	inv->funding.state = IFGW_LEDGER_FUNDING_MISSED;
	inv->funding.missed = 1;
	return log_it(s, "invoice.funding-missed", 0);
}

static int tr_dunning(struct step *s)
{
	static const char *const kinds[IFGW_LEDGER_DUNNING_STEPS] = {
		"invoice.reminder", "invoice.second-reminder", "invoice.formal-notice", "invoice.handed-over"};
	struct ifgw_ledger_invoice *inv = s->inv;
	struct ifgw_ledger_collection *c = &inv->collection;
	int32_t today = ifgw_ledger_local_date(s->now, inv->contract->utc_offset);
	int n = c->steps_done, rc;
	char date[IFGW_DATE_STRLEN];

	if (c->state == IFGW_LEDGER_COLLECTION_SUSPENDED || c->state == IFGW_LEDGER_COLLECTION_DONE ||
	    c->state == IFGW_LEDGER_COLLECTION_NONE || n >= IFGW_LEDGER_DUNNING_STEPS)
		return refuse(s, "no dunning step is open");
	if (today < c->step_dates[n]) {
		ifgw_date_format(c->step_dates[n], date);
		return refuse(s, "the next step is due on %s", date);
	}
	c->steps_done = n + 1;
	collection_sync(inv);
	/* Confidential factoring: the debtor never hears of the factor; the
	 * seller is asked to chase in its own name. */
	if ((rc = row(s, IFGW_MSG_NONE, IFGW_LEDGER_LETTER_REMINDER + n,
		      inv->contract->product == IFGW_PRODUCT_CONFIDENTIAL ? IFGW_LEDGER_TO_SELLER : IFGW_LEDGER_TO_DEBTOR,
		      inv->outstanding.minor - inv->disputed.minor)) != IFGW_OK)
		return rc;
	return log_it(s, kinds[n], inv->outstanding.minor - inv->disputed.minor);
}

static int tr_dispute_info_overdue(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;

	if (inv->dispute.state != IFGW_LEDGER_DISPUTE_RAISED || inv->dispute.info_overdue)
		return refuse(s, "no information is awaited");
	if (s->now < inv->dispute.raised_at + (int64_t)IFGW_LEDGER_DISPUTE_INFO_DAYS * IFGW_LEDGER_DAY)
		return refuse(s, "less than %d days since the dispute", IFGW_LEDGER_DISPUTE_INFO_DAYS);
	inv->dispute.info_overdue = 1;
	return log_it(s, "invoice.dispute-info-overdue", inv->disputed.minor);
}

static int tr_dispute_window_closed(struct step *s)
{
	struct ifgw_ledger_invoice *inv = s->inv;
	int64_t v = inv->disputed.minor;

	/* Inbound: the window ran from when the import factor heard of the
	 * dispute, earlier than the home book did (see tr_guarantee_pay). */
	if (!s->ev->inbound && s->now <= window_end(inv))
		return refuse(s, "the %d-day window is still open", IFGW_LEDGER_DISPUTE_SETTLE_DAYS);
	inv->dispute.state = IFGW_LEDGER_DISPUTE_CHARGED_BACK;
	inv->disputed.minor = 0;
	return charge_back(s, v, "invoice.dispute-charged-back");
}

struct transition {
	int event;
	unsigned states; /* BIT() of the states it may start from */
	int (*fn)(struct step *s);
};

static const struct transition transitions[] = {
	{IFGW_LEDGER_EV_ASSIGN, BIT(IFGW_LEDGER_INVOICE_RECEIVED), tr_assign},
	{IFGW_LEDGER_EV_ACCEPT, BIT(IFGW_LEDGER_INVOICE_ASSIGNED), tr_accept},
	{IFGW_LEDGER_EV_REJECT, BIT(IFGW_LEDGER_INVOICE_ASSIGNED), tr_reject},
	{IFGW_LEDGER_EV_FUND,
	 BIT(IFGW_LEDGER_INVOICE_ACCEPTED) | BIT(IFGW_LEDGER_INVOICE_PARTLY_PAID) |
		 BIT(IFGW_LEDGER_INVOICE_DISPUTE_SETTLED),
	 tr_fund},
	{IFGW_LEDGER_EV_PAY, OPEN_STATES, tr_pay},
	{IFGW_LEDGER_EV_CREDIT, OPEN_STATES & ~BIT(IFGW_LEDGER_INVOICE_DISPUTED), tr_credit},
	{IFGW_LEDGER_EV_DISPUTE,
	 (OPEN_STATES & ~BIT(IFGW_LEDGER_INVOICE_DISPUTED)) | BIT(IFGW_LEDGER_INVOICE_CHARGED_BACK), tr_dispute},
	{IFGW_LEDGER_EV_DISPUTE_INFO, BIT(IFGW_LEDGER_INVOICE_DISPUTED), tr_dispute_info},
	{IFGW_LEDGER_EV_SETTLE, BIT(IFGW_LEDGER_INVOICE_DISPUTED), tr_settle},
	{IFGW_LEDGER_EV_CHARGE_BACK, OPEN_STATES, tr_charge_back},
	{IFGW_LEDGER_EV_GUARANTEE_PAY, OPEN_STATES, tr_guarantee_pay},
	{IFGW_LEDGER_EV_REPAY_ADVANCE, ~(BIT(IFGW_LEDGER_INVOICE_RECEIVED) | BIT(IFGW_LEDGER_INVOICE_ASSIGNED) |
					 BIT(IFGW_LEDGER_INVOICE_CLOSED)),
	 tr_repay_advance},
	{IFGW_LEDGER_EV_CLOSE,
	 BIT(IFGW_LEDGER_INVOICE_PAID) | BIT(IFGW_LEDGER_INVOICE_REJECTED) | BIT(IFGW_LEDGER_INVOICE_CHARGED_BACK) |
		 BIT(IFGW_LEDGER_INVOICE_GUARANTEED) | BIT(IFGW_LEDGER_INVOICE_DISPUTE_SETTLED),
	 tr_close},
	{IFGW_LEDGER_EV_FUNDING_MISSED, ~BIT(IFGW_LEDGER_INVOICE_CLOSED), tr_funding_missed},
	{IFGW_LEDGER_EV_DUNNING, OPEN_STATES, tr_dunning},
	{IFGW_LEDGER_EV_DISPUTE_INFO_OVERDUE, BIT(IFGW_LEDGER_INVOICE_DISPUTED), tr_dispute_info_overdue},
	{IFGW_LEDGER_EV_DISPUTE_WINDOW_CLOSED, BIT(IFGW_LEDGER_INVOICE_DISPUTED), tr_dispute_window_closed},
};

int ifgw_ledger_invoice_interest(struct ifgw_money *out, const struct ifgw_ledger_invoice *inv, int64_t now)
{
	struct ifgw_ledger_funding f;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(inv);
	IFGW_ASSERT_ARG(inv->contract);

	f = inv->funding;
	if (f.advanced.minor > 0 &&
	    (rc = accrue(&f, ifgw_ledger_local_date(now, inv->contract->utc_offset), inv->id)) != IFGW_OK)
		return rc;
	return ifgw_ledger_interest_sum(out, inv->amount.ccy, f.balance_days, inv->contract->ref_rate,
					inv->contract->margin, inv->contract->daycount, inv->contract->rounding);
}

int ifgw_ledger_invoice_init(struct ifgw_ledger_invoice *inv, const char *id, const char *seller,
			     const char *debtor, const struct ifgw_money *amount, int32_t due_date,
			     const struct ifgw_ledger_contract *contract)
{
	const struct ifgw_currency *c;
	int rc;

	IFGW_ASSERT_ARG(inv);
	IFGW_ASSERT_ARG(id);
	IFGW_ASSERT_ARG(amount);
	IFGW_ASSERT_ARG(contract);

	if (!amount->ccy || amount->minor <= 0)
		return ifgw_error_set(IFGW_EINVAL, "invoice %s: the amount must be above zero", id);
	if (due_date == IFGW_DATE_NONE)
		return ifgw_error_set(IFGW_EINVAL, "invoice %s: no due date", id);
	if ((rc = ifgw_ledger_contract_check(contract)) != IFGW_OK)
		return ifgw_error_wrap(rc, "invoice %s", id);
	memset(inv, 0, sizeof(*inv));
	c = amount->ccy;
	snprintf(inv->id, sizeof(inv->id), "%s", id);
	snprintf(inv->seller, sizeof(inv->seller), "%s", seller ? seller : "");
	snprintf(inv->debtor, sizeof(inv->debtor), "%s", debtor ? debtor : "");
	inv->contract = contract;
	inv->state = IFGW_LEDGER_INVOICE_RECEIVED;
	inv->due_date = due_date;
	inv->amount = *amount;
	inv->outstanding = *amount;
	inv->approved = inv->paid = inv->guaranteed = inv->credited = inv->charged_back = inv->disputed =
		ifgw_ledger_amount(0, c);
	inv->funding.advanced = inv->funding.repaid = inv->funding.outstanding = inv->funding.commission =
		ifgw_ledger_amount(0, c);
	inv->dispute.amount = ifgw_ledger_amount(0, c);
	return IFGW_OK;
}

int ifgw_ledger_invoice_apply(struct ifgw_ledger_invoice *inv, const struct ifgw_ledger_event *ev, int64_t now,
			      struct ifgw_ledger_effects *fx)
{
	struct ifgw_ledger_invoice next;
	const struct transition *t = NULL;
	struct step s;
	size_t i, rows, logs;
	int rc;

	IFGW_ASSERT_ARG(inv);
	IFGW_ASSERT_ARG(ev);
	IFGW_ASSERT_ARG(fx);
	IFGW_ASSERT_ARG(inv->contract);

	for (i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++)
		if (transitions[i].event == ev->kind)
			t = &transitions[i];
	if (inv->state < 0 || inv->state >= IFGW_LEDGER_INVOICE_STATE_COUNT_)
		return ifgw_error_set(IFGW_ESTATE, "invoice %s: undefined state %d", inv->id, inv->state);
	if (!t || !(t->states & BIT(inv->state)))
		return ifgw_ledger_refuse("invoice", inv->id, ifgw_ledger_invoice_state_name(inv->state), ev->kind, NULL);
	if (inv->contract->role == IFGW_LEDGER_ROLE_IMPORT && import_direction(ev))
		return ifgw_ledger_refuse("invoice", inv->id, ifgw_ledger_invoice_state_name(inv->state), ev->kind,
					  import_direction(ev));
	if (inv->contract->role == IFGW_LEDGER_ROLE_HOME && inv->contract->partner[0] && home_direction(ev))
		return ifgw_ledger_refuse("invoice", inv->id, ifgw_ledger_invoice_state_name(inv->state), ev->kind,
					  home_direction(ev));
	next = *inv;
	rows = fx->n_rows;
	logs = fx->n_log;
	s.inv = &next;
	s.ev = ev;
	s.now = now;
	s.fx = fx;
	s.state = ifgw_ledger_invoice_state_name(inv->state);
	/* Interest runs on the balance as it stood until now, whatever changes it. */
	if (next.funding.advanced.minor > 0 &&
	    (rc = accrue(&next.funding, ifgw_ledger_local_date(now, inv->contract->utc_offset), inv->id)) != IFGW_OK)
		return rc;
	if ((rc = t->fn(&s)) == IFGW_OK) {
		next.since = now;
		*inv = next;
	} else {
		fx->n_rows = rows;
		fx->n_log = logs;
	}
	return rc;
}
