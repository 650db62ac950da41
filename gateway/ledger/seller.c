/* seller.c: the seller registration machine.
 *
 *   new --register--> requested --accept--> registered --terminate--> terminated
 *                         \--reject--> rejected
 * A domestic seller (no partner) is registered by `register` at once.
 * Import role: the export factor presents its seller (`register`, inbound)
 * and it is registered at once, with no answer (the catalogue has none; the
 * export factor takes the first cover response as the registration). */
#include "config.h"

#include "base/error.h"
#include "model/codes.h"
#define IFGW_LEDGER_INTERNAL
#include "gateway/ledger/ledger_int.h"

static const char *const names[] = {"new", "requested", "registered", "rejected", "terminated"};

const char *ifgw_ledger_seller_state_name(int state)
{
	if (state < 0 || state > IFGW_LEDGER_SELLER_TERMINATED)
		return "undefined";
	return names[state];
}

static int seller_register(struct ifgw_ledger_seller *s, const struct ifgw_ledger_event *ev, int64_t now,
			   struct ifgw_ledger_effects *fx)
{
	int rc;

	if (s->role == IFGW_LEDGER_ROLE_IMPORT) {
		if (!ev->inbound)
			return ifgw_ledger_refuse("seller", s->id, ifgw_ledger_seller_state_name(s->state), ev->kind,
						  "the export factor presents its sellers (import role)");
		s->state = IFGW_LEDGER_SELLER_REGISTERED;
		return ifgw_ledger_fx_log(fx, now, "seller.registered", s->id, ev->actor, NULL);
	}
	if (s->partner[0]) {
		s->state = IFGW_LEDGER_SELLER_REQUESTED;
		if ((rc = ifgw_ledger_fx_row(fx, IFGW_MSG_SELLER_REGISTRATION, 0, IFGW_LEDGER_TO_PARTNER, s->partner,
					     s->id, NULL)) != IFGW_OK)
			return rc;
		return ifgw_ledger_fx_log(fx, now, "seller.requested", s->id, ev->actor, NULL);
	}
	s->state = IFGW_LEDGER_SELLER_REGISTERED;
	return ifgw_ledger_fx_log(fx, now, "seller.registered", s->id, ev->actor, NULL);
}

int ifgw_ledger_seller_apply(struct ifgw_ledger_seller *s, const struct ifgw_ledger_event *ev, int64_t now,
			     struct ifgw_ledger_effects *fx)
{
	struct ifgw_ledger_seller next;
	size_t rows, logs;
	int rc = IFGW_OK, allowed;

	IFGW_ASSERT_ARG(s);
	IFGW_ASSERT_ARG(ev);
	IFGW_ASSERT_ARG(fx);

	next = *s;
	rows = fx->n_rows;
	logs = fx->n_log;
	switch (ev->kind) {
	case IFGW_LEDGER_EV_SELLER_REGISTER:
		allowed = s->state == IFGW_LEDGER_SELLER_NEW || s->state == IFGW_LEDGER_SELLER_REJECTED;
		if (allowed)
			rc = seller_register(&next, ev, now, fx);
		break;
	case IFGW_LEDGER_EV_SELLER_ACCEPT:
	case IFGW_LEDGER_EV_SELLER_REJECT:
		allowed = s->state == IFGW_LEDGER_SELLER_REQUESTED;
		if (allowed && s->role == IFGW_LEDGER_ROLE_HOME && s->partner[0] && !ev->inbound) {
			/* the partner's answer comes as its message */
			rc = ifgw_ledger_refuse("seller", s->id, ifgw_ledger_seller_state_name(s->state), ev->kind,
						"the import factor's answer, inbound only (home role with a partner)");
		} else if (allowed) {
			int ok = ev->kind == IFGW_LEDGER_EV_SELLER_ACCEPT;

			next.state = ok ? IFGW_LEDGER_SELLER_REGISTERED : IFGW_LEDGER_SELLER_REJECTED;
			rc = ifgw_ledger_fx_log(fx, now, ok ? "seller.registered" : "seller.rejected", s->id, ev->actor,
						NULL);
		}
		break;
	case IFGW_LEDGER_EV_SELLER_TERMINATE:
		allowed = s->state == IFGW_LEDGER_SELLER_REGISTERED;
		if (allowed) {
			next.state = IFGW_LEDGER_SELLER_TERMINATED;
			rc = ifgw_ledger_fx_log(fx, now, "seller.terminated", s->id, ev->actor, NULL);
		}
		break;
	default:
		allowed = 0;
		break;
	}
	if (!allowed)
		rc = ifgw_ledger_refuse("seller", s->id, ifgw_ledger_seller_state_name(s->state), ev->kind, NULL);
	if (rc == IFGW_OK) {
		next.since = now;
		*s = next;
	} else {
		fx->n_rows = rows;
		fx->n_log = logs;
	}
	return rc;
}
