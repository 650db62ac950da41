/* effects.c: effects, events and names shared by the machines. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#include "model/invoice.h"
#define IFGW_LEDGER_INTERNAL
#include "gateway/ledger/ledger_int.h"

static const char *const event_names[IFGW_LEDGER_EV_KIND_COUNT_] = {
	[IFGW_LEDGER_EV_NONE] = "none",
	[IFGW_LEDGER_EV_SELLER_REGISTER] = "register",
	[IFGW_LEDGER_EV_SELLER_ACCEPT] = "accept-registration",
	[IFGW_LEDGER_EV_SELLER_REJECT] = "reject-registration",
	[IFGW_LEDGER_EV_SELLER_TERMINATE] = "terminate",
	[IFGW_LEDGER_EV_COVER_REQUEST] = "request-cover",
	[IFGW_LEDGER_EV_COVER_PENDING] = "cover-pending",
	[IFGW_LEDGER_EV_COVER_APPROVE] = "approve-cover",
	[IFGW_LEDGER_EV_COVER_DECLINE] = "decline-cover",
	[IFGW_LEDGER_EV_COVER_REVISE] = "revise-cover",
	[IFGW_LEDGER_EV_COVER_CANCEL] = "cancel-cover",
	[IFGW_LEDGER_EV_COVER_EXPIRE] = "expire-cover",
	[IFGW_LEDGER_EV_COVER_UNANSWERED] = "cover-unanswered",
	[IFGW_LEDGER_EV_ASSIGN] = "assign",
	[IFGW_LEDGER_EV_ACCEPT] = "accept",
	[IFGW_LEDGER_EV_REJECT] = "reject",
	[IFGW_LEDGER_EV_FUND] = "fund",
	[IFGW_LEDGER_EV_PAY] = "pay",
	[IFGW_LEDGER_EV_CREDIT] = "credit",
	[IFGW_LEDGER_EV_DISPUTE] = "dispute",
	[IFGW_LEDGER_EV_DISPUTE_INFO] = "dispute-info",
	[IFGW_LEDGER_EV_SETTLE] = "settle",
	[IFGW_LEDGER_EV_CHARGE_BACK] = "charge-back",
	[IFGW_LEDGER_EV_GUARANTEE_PAY] = "guarantee-pay",
	[IFGW_LEDGER_EV_REPAY_ADVANCE] = "repay-advance",
	[IFGW_LEDGER_EV_CLOSE] = "close",
	[IFGW_LEDGER_EV_FUNDING_MISSED] = "funding-missed",
	[IFGW_LEDGER_EV_DUNNING] = "dunning",
	[IFGW_LEDGER_EV_DISPUTE_INFO_OVERDUE] = "dispute-info-overdue",
	[IFGW_LEDGER_EV_DISPUTE_WINDOW_CLOSED] = "dispute-window-closed",
};

const char *ifgw_ledger_event_name(int kind)
{
	if (kind < 0 || kind >= IFGW_LEDGER_EV_KIND_COUNT_ || !event_names[kind])
		return "unknown-event";
	return event_names[kind];
}

const char *ifgw_ledger_role_name(int role)
{
	switch (role) {
	case IFGW_LEDGER_ROLE_HOME:
		return "home";
	case IFGW_LEDGER_ROLE_IMPORT:
		return "import";
	default:
		return "undefined";
	}
}

void ifgw_ledger_effects_init(struct ifgw_ledger_effects *fx)
{
	memset(fx, 0, sizeof(*fx));
}

void ifgw_ledger_event_init(struct ifgw_ledger_event *ev, int kind, const char *actor)
{
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	snprintf(ev->actor, sizeof(ev->actor), "%s", actor ? actor : "");
	ev->rate_date = IFGW_DATE_NONE;
	ev->date = IFGW_DATE_NONE;
}

int ifgw_ledger_fx_row(struct ifgw_ledger_effects *fx, int msg_type, int letter, int to, const char *to_id,
		       const char *subject, const struct ifgw_money *amount)
{
	struct ifgw_ledger_outbox_row *row;

	if (fx->n_rows >= IFGW_LEDGER_FX_MAX)
		return ifgw_error_set(IFGW_EOVERFLOW, "ledger: more than %d outbox rows in one transaction",
				      IFGW_LEDGER_FX_MAX);
	row = &fx->rows[fx->n_rows++];
	memset(row, 0, sizeof(*row));
	row->msg_type = msg_type;
	row->letter = letter;
	row->to = to;
	snprintf(row->to_id, sizeof(row->to_id), "%s", to_id ? to_id : "");
	snprintf(row->subject, sizeof(row->subject), "%s", subject);
	if (amount)
		row->amount = *amount;
	return IFGW_OK;
}

int ifgw_ledger_fx_log(struct ifgw_ledger_effects *fx, int64_t now, const char *kind, const char *subject,
		       const char *actor, const struct ifgw_money *amount)
{
	struct ifgw_ledger_log_entry *e;

	if (fx->n_log >= IFGW_LEDGER_FX_MAX)
		return ifgw_error_set(IFGW_EOVERFLOW, "ledger: more than %d log entries in one transaction",
				      IFGW_LEDGER_FX_MAX);
	e = &fx->log[fx->n_log++];
	memset(e, 0, sizeof(*e));
	e->time = now;
	snprintf(e->kind, sizeof(e->kind), "%s", kind);
	snprintf(e->subject, sizeof(e->subject), "%s", subject);
	snprintf(e->actor, sizeof(e->actor), "%s", actor && *actor ? actor : "unknown");
	if (amount)
		e->amount = *amount;
	return IFGW_OK;
}

int ifgw_ledger_refuse(const char *thing, const char *id, const char *state, int event, const char *why)
{
	return ifgw_error_set(IFGW_ESTATE, "%s %s (%s): %s not allowed%s%s", thing, id, state,
			      ifgw_ledger_event_name(event), why ? ": " : "", why ? why : "");
}

struct ifgw_money ifgw_ledger_amount(int64_t v, const struct ifgw_currency *ccy)
{
	struct ifgw_money m;

	m.minor = v;
	m.ccy = ccy;
	return m;
}

int ifgw_ledger_same_ccy(const struct ifgw_currency *a, const struct ifgw_currency *b)
{
	return a && b && (a == b || strcmp(a->code, b->code) == 0);
}

int32_t ifgw_ledger_local_date(int64_t t, int32_t utc_offset)
{
	return ifgw_datetime_date(t + utc_offset);
}
