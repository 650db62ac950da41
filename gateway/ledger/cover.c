/* cover.c: the credit cover machine.
 *
 *   new --request--> requested --pending--> pending
 *   requested|pending --approve--> approved (all) | partly approved (less)
 *   requested|pending --decline--> declined
 *   approved|partly|revised --revise--> revised
 *   requested|pending|approved|partly|revised --cancel--> cancelled
 *   approved|partly|revised --expire (timer, at the expiry date)--> expired
 *   requested --unanswered (timer, 10 days)--> requested, flagged
 * GRIF: the import factor answers within 10 days or says it is still
 * undecided (pending), so only a request with no answer at all is flagged.
 *
 * Roles: in the home book (export factor) the rows are its cover requests
 * (new, revision, cancellation) and the answers arrive inbound.  In the
 * import book the request arrives inbound and the answers are local acts
 * that each send a cover response (approve: the amount granted; decline
 * and pending: 0) or, for a revision or a cancellation of its own, a cover
 * revision; a pending answer may carry the decided answer, which the tick
 * applies at its time.  The import role has no "unanswered" flag. */
#include "config.h"

#include <stdio.h>

#include "base/date.h"
#include "base/error.h"
#include "model/codes.h"
#include "model/invoice.h"
#define IFGW_LEDGER_INTERNAL
#include "gateway/ledger/ledger_int.h"

static const char *const names[] = {"new",      "requested",      "pending",   "approved", "partly-approved",
				    "declined", "revised",        "cancelled", "expired"};

const char *ifgw_ledger_cover_state_name(int state)
{
	if (state < 0 || state > IFGW_LEDGER_COVER_EXPIRED)
		return "undefined";
	return names[state];
}

static int active(int state)
{
	return state == IFGW_LEDGER_COVER_APPROVED || state == IFGW_LEDGER_COVER_PARTLY_APPROVED ||
	       state == IFGW_LEDGER_COVER_REVISED;
}

static int open_request(int state)
{
	return state == IFGW_LEDGER_COVER_REQUESTED || state == IFGW_LEDGER_COVER_PENDING;
}

/* The event's amount, checked against the cover's currency. */
static int amount_of(const struct ifgw_ledger_cover *c, const struct ifgw_ledger_event *ev, int positive)
{
	char why[96];

	if (!ev->amount.ccy || ev->amount.minor < 0 || (positive && ev->amount.minor == 0)) {
		snprintf(why, sizeof(why), "the amount must be %s", positive ? "above zero" : "zero or more");
		return ifgw_ledger_refuse("cover", c->id, ifgw_ledger_cover_state_name(c->state), ev->kind, why);
	}
	if (c->requested.ccy && !ifgw_ledger_same_ccy(c->requested.ccy, ev->amount.ccy)) {
		snprintf(why, sizeof(why), "amount in %s, cover in %s", ev->amount.ccy->code, c->requested.ccy->code);
		return ifgw_ledger_refuse("cover", c->id, ifgw_ledger_cover_state_name(c->state), ev->kind, why);
	}
	return IFGW_OK;
}

static int import_role(const struct ifgw_ledger_cover *c)
{
	return c->role == IFGW_LEDGER_ROLE_IMPORT;
}

/* The home role's row to the partner (none for an inbound event). */
static int outbound(struct ifgw_ledger_effects *fx, const struct ifgw_ledger_cover *c,
		    const struct ifgw_ledger_event *ev, int msg_type, const struct ifgw_money *m)
{
	if (!c->partner[0] || ev->inbound || import_role(c))
		return IFGW_OK;
	return ifgw_ledger_fx_row(fx, msg_type, 0, IFGW_LEDGER_TO_PARTNER, c->partner, c->id, m);
}

/* The import role's answer to the export factor (local acts only). */
static int answer(struct ifgw_ledger_effects *fx, const struct ifgw_ledger_cover *c,
		  const struct ifgw_ledger_event *ev, int msg_type, int64_t amount)
{
	struct ifgw_money m = ifgw_ledger_amount(amount, c->requested.ccy);

	if (!import_role(c) || ev->inbound)
		return IFGW_OK;
	return ifgw_ledger_fx_row(fx, msg_type, 0, IFGW_LEDGER_TO_PARTNER, c->partner, c->id, &m);
}

/* Which side may cause each event.  Import role: the export factor asks
 * (request, inbound only); the import factor answers (local only); either
 * may cancel.  Home role with a partner: the answers arrive inbound. */
static int import_direction(const struct ifgw_ledger_cover *c, const struct ifgw_ledger_event *ev)
{
	const char *why = NULL;

	if (!import_role(c)) {
		/* home role with a partner: the answers are the import factor's */
		if (c->partner[0] && !ev->inbound &&
		    (ev->kind == IFGW_LEDGER_EV_COVER_PENDING || ev->kind == IFGW_LEDGER_EV_COVER_APPROVE ||
		     ev->kind == IFGW_LEDGER_EV_COVER_DECLINE))
			return ifgw_ledger_refuse("cover", c->id, ifgw_ledger_cover_state_name(c->state), ev->kind,
						  "the import factor's answer, inbound only (home role with a partner)");
		return IFGW_OK;
	}
	switch (ev->kind) {
	case IFGW_LEDGER_EV_COVER_REQUEST:
		if (!ev->inbound)
			why = "the export factor requests cover (import role)";
		break;
	case IFGW_LEDGER_EV_COVER_CANCEL:
		break;
	case IFGW_LEDGER_EV_COVER_UNANSWERED:
		why = "the import role answers, it does not wait for an answer";
		break;
	default:
		if (ev->inbound)
			why = "the import factor decides this itself (import role)";
		break;
	}
	if (!why)
		return IFGW_OK;
	return ifgw_ledger_refuse("cover", c->id, ifgw_ledger_cover_state_name(c->state), ev->kind, why);
}

/* A pending answer's decided answer, checked (import role). */
static int pending_answer(struct ifgw_ledger_cover *c, const struct ifgw_ledger_event *ev, int64_t now)
{
	const char *state = ifgw_ledger_cover_state_name(c->state);
	int rc;

	c->answer_kind = 0;
	c->answer_amount = ifgw_ledger_amount(0, c->requested.ccy);
	c->answer_at = 0;
	if (ev->answer_kind == 0)
		return IFGW_OK;
	if (!import_role(c))
		return ifgw_ledger_refuse("cover", c->id, state, ev->kind, "a decided answer is the import role's");
	if (ev->answer_kind == IFGW_LEDGER_EV_COVER_APPROVE) {
		if ((rc = amount_of(c, ev, 1)) != IFGW_OK)
			return rc;
		if (ev->amount.minor > c->requested.minor)
			return ifgw_ledger_refuse("cover", c->id, state, ev->kind, "more granted than requested");
		c->answer_amount = ev->amount;
	} else if (ev->answer_kind != IFGW_LEDGER_EV_COVER_DECLINE) {
		return ifgw_ledger_refuse("cover", c->id, state, ev->kind, "the decided answer must approve or decline");
	}
	if (ev->answer_at < now)
		return ifgw_ledger_refuse("cover", c->id, state, ev->kind, "the decided answer is due before now");
	c->answer_kind = ev->answer_kind;
	c->answer_at = ev->answer_at;
	return IFGW_OK;
}

static void answer_clear(struct ifgw_ledger_cover *c)
{
	c->answer_kind = 0;
	c->answer_amount = ifgw_ledger_amount(0, c->answer_amount.ccy);
	c->answer_at = 0;
}

static int step(struct ifgw_ledger_cover *c, const struct ifgw_ledger_event *ev, int64_t now,
		struct ifgw_ledger_effects *fx, int *allowed)
{
	const char *kind = NULL;
	int rc = IFGW_OK;

	*allowed = 0;
	if ((rc = import_direction(c, ev)) != IFGW_OK) {
		*allowed = 1;
		return rc;
	}
	switch (ev->kind) {
	case IFGW_LEDGER_EV_COVER_REQUEST:
		if (c->state != IFGW_LEDGER_COVER_NEW)
			break;
		*allowed = 1;
		if ((rc = amount_of(c, ev, 1)) != IFGW_OK)
			break;
		c->requested = ev->amount;
		c->granted = ifgw_ledger_amount(0, ev->amount.ccy);
		c->requested_at = now;
		c->state = IFGW_LEDGER_COVER_REQUESTED;
		kind = "cover.requested";
		rc = outbound(fx, c, ev, IFGW_MSG_COVER_REQUEST, &c->requested);
		break;
	case IFGW_LEDGER_EV_COVER_PENDING:
		if (c->state != IFGW_LEDGER_COVER_REQUESTED)
			break;
		*allowed = 1;
		if ((rc = pending_answer(c, ev, now)) != IFGW_OK)
			break;
		c->state = IFGW_LEDGER_COVER_PENDING;
		kind = "cover.pending";
		rc = answer(fx, c, ev, IFGW_MSG_COVER_RESPONSE, 0);
		break;
	case IFGW_LEDGER_EV_COVER_APPROVE:
		if (!open_request(c->state))
			break;
		*allowed = 1;
		if ((rc = amount_of(c, ev, 1)) != IFGW_OK)
			break;
		if (ev->amount.minor > c->requested.minor) {
			rc = ifgw_ledger_refuse("cover", c->id, ifgw_ledger_cover_state_name(c->state), ev->kind,
						"more granted than requested");
			break;
		}
		c->granted = ev->amount;
		c->expiry = ev->date;
		c->state = ev->amount.minor == c->requested.minor ? IFGW_LEDGER_COVER_APPROVED
								   : IFGW_LEDGER_COVER_PARTLY_APPROVED;
		kind = c->state == IFGW_LEDGER_COVER_APPROVED ? "cover.approved" : "cover.partly-approved";
		answer_clear(c);
		rc = answer(fx, c, ev, IFGW_MSG_COVER_RESPONSE, c->granted.minor);
		break;
	case IFGW_LEDGER_EV_COVER_DECLINE:
		if (!open_request(c->state))
			break;
		*allowed = 1;
		c->state = IFGW_LEDGER_COVER_DECLINED;
		kind = "cover.declined";
		answer_clear(c);
		rc = answer(fx, c, ev, IFGW_MSG_COVER_RESPONSE, 0);
		break;
	case IFGW_LEDGER_EV_COVER_REVISE:
		if (!active(c->state))
			break;
		*allowed = 1;
		if ((rc = amount_of(c, ev, 1)) != IFGW_OK)
			break;
		c->granted = ev->amount;
		if (ev->date != IFGW_DATE_NONE)
			c->expiry = ev->date;
		c->state = IFGW_LEDGER_COVER_REVISED;
		kind = "cover.revised";
		if ((rc = outbound(fx, c, ev, IFGW_MSG_COVER_REQUEST, &c->granted)) == IFGW_OK)
			rc = answer(fx, c, ev, IFGW_MSG_COVER_REVISION, c->granted.minor);
		break;
	case IFGW_LEDGER_EV_COVER_CANCEL:
		if (!active(c->state) && !open_request(c->state))
			break;
		*allowed = 1;
		c->granted.minor = 0;
		c->state = IFGW_LEDGER_COVER_CANCELLED;
		kind = "cover.cancelled";
		answer_clear(c);
		if ((rc = outbound(fx, c, ev, IFGW_MSG_COVER_REQUEST, NULL)) == IFGW_OK)
			rc = answer(fx, c, ev, IFGW_MSG_COVER_REVISION, 0);
		break;
	case IFGW_LEDGER_EV_COVER_EXPIRE:
		if (!active(c->state))
			break;
		*allowed = 1;
		if (c->expiry == IFGW_DATE_NONE || ifgw_datetime_date(now) < c->expiry) {
			rc = ifgw_ledger_refuse("cover", c->id, ifgw_ledger_cover_state_name(c->state), ev->kind,
						"before its expiry date");
			break;
		}
		c->granted.minor = 0;
		c->state = IFGW_LEDGER_COVER_EXPIRED;
		kind = "cover.expired";
		break;
	case IFGW_LEDGER_EV_COVER_UNANSWERED:
		if (c->state != IFGW_LEDGER_COVER_REQUESTED || c->unanswered)
			break;
		*allowed = 1;
		if (now - c->requested_at < (int64_t)IFGW_LEDGER_COVER_ANSWER_DAYS * IFGW_LEDGER_DAY) {
			rc = ifgw_ledger_refuse("cover", c->id, ifgw_ledger_cover_state_name(c->state), ev->kind,
						"asked less than 10 days ago");
			break;
		}
		c->unanswered = 1;
		kind = "cover.unanswered";
		break;
	default:
		break;
	}
	if (rc == IFGW_OK && kind)
		rc = ifgw_ledger_fx_log(fx, now, kind, c->id, ev->actor, c->granted.ccy ? &c->granted : NULL);
	return rc;
}

int ifgw_ledger_cover_apply(struct ifgw_ledger_cover *c, const struct ifgw_ledger_event *ev, int64_t now,
			    struct ifgw_ledger_effects *fx)
{
	struct ifgw_ledger_cover next;
	size_t rows, logs;
	int rc, allowed;

	IFGW_ASSERT_ARG(c);
	IFGW_ASSERT_ARG(ev);
	IFGW_ASSERT_ARG(fx);

	next = *c;
	rows = fx->n_rows;
	logs = fx->n_log;
	rc = step(&next, ev, now, fx, &allowed);
	if (!allowed)
		rc = ifgw_ledger_refuse("cover", c->id, ifgw_ledger_cover_state_name(c->state), ev->kind, NULL);
	if (rc == IFGW_OK) {
		next.since = now;
		*c = next;
	} else {
		fx->n_rows = rows;
		fx->n_log = logs;
	}
	return rc;
}
