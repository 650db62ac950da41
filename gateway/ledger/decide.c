/* decide.c: the import factor's decisions, pure.
 *
 * A cover request is answered from the partner's decision policy and what
 * this import factor has already granted; an assigned invoice is accepted
 * on what its cover has left.  Nothing is applied here: the caller turns a
 * decision into an event (ifgw_ledger_decision_event) and applies it, in
 * the same transaction as the message that asked.  docs/ledger.md,
 * "Decisions", states the rules in the order below. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/error.h"
#define IFGW_LEDGER_INTERNAL
#include "gateway/ledger/ledger_int.h"

static int active(int state)
{
	return state == IFGW_LEDGER_COVER_APPROVED || state == IFGW_LEDGER_COVER_PARTLY_APPROVED ||
	       state == IFGW_LEDGER_COVER_REVISED;
}

static void money_text(char *out, size_t size, int64_t minor, const struct ifgw_currency *ccy)
{
	char text[IFGW_MONEY_STRLEN];
	struct ifgw_money m = ifgw_ledger_amount(minor, ccy);

	ifgw_money_format(text, &m);
	snprintf(out, size, "%s %s", text, ccy ? ccy->code : "");
}

static void decided(struct ifgw_ledger_decision *d, int kind, int64_t amount, const char *why)
{
	d->kind = kind;
	d->amount.minor = kind == IFGW_LEDGER_EV_COVER_APPROVE ? amount : 0;
	snprintf(d->reason, sizeof(d->reason), "%s", why);
}

static int listed_debtor(const struct ifgw_ledger_policy *p, const char *debtor)
{
	size_t i;

	for (i = 0; i < p->n_decline_debtors; i++)
		if (p->decline_debtors[i] && strcmp(p->decline_debtors[i], debtor) == 0)
			return 1;
	return 0;
}

static int listed_country(const struct ifgw_ledger_policy *p, const char *country)
{
	size_t i;

	for (i = 0; country[0] && i < p->n_decline_countries; i++)
		if (strncmp(p->decline_countries[i], country, 2) == 0)
			return 1;
	return 0;
}

static const struct ifgw_ledger_country_limit *country_limit(const struct ifgw_ledger_policy *p, const char *country)
{
	size_t i;

	for (i = 0; country[0] && i < p->n_country_limits; i++)
		if (strncmp(p->country_limits[i].country, country, 2) == 0)
			return &p->country_limits[i];
	return NULL;
}

/* What a limit leaves beside what is in force: limit - used, at least 0. */
static int64_t room(const struct ifgw_money *limit, const struct ifgw_money *used)
{
	int64_t u = used && used->ccy ? used->minor : 0;

	return limit->minor > u ? limit->minor - u : 0;
}

/* The review: approve within the limits, in part beyond them when the
 * policy allows, else decline.  why: the reason. */
static void review(struct ifgw_ledger_decision *d, const struct ifgw_ledger_policy *p,
		   const struct ifgw_ledger_cover *rq, const struct ifgw_ledger_exposure *x,
		   const struct ifgw_ledger_country_limit *cl)
{
	const struct ifgw_currency *ccy = rq->requested.ccy;
	int64_t want = rq->requested.minor, headroom = INT64_MAX, r;
	const char *which = NULL;
	char a[64], b[64], why[IFGW_REASON_SIZE];
	struct ifgw_money part;

	if (p->debtor_limit.ccy) {
		headroom = room(&p->debtor_limit, x ? &x->debtor : NULL);
		which = "debtor";
	}
	if (cl && (r = room(&cl->limit, x ? &x->country : NULL)) < headroom) {
		headroom = r;
		which = "country";
	}
	if (want <= headroom) {
		decided(d, IFGW_LEDGER_EV_COVER_APPROVE, want, which ? "within the limits" : "no limit applies");
		return;
	}
	money_text(a, sizeof(a), headroom, ccy);
	if (p->partial_max_pct > 0 && headroom > 0 &&
	    ifgw_money_percent(&part, &rq->requested, p->partial_max_pct, IFGW_ROUND_TOWARD_ZERO) == IFGW_OK) {
		if (part.minor > headroom)
			part.minor = headroom;
		if (part.minor > 0) {
			money_text(b, sizeof(b), part.minor, ccy);
			snprintf(why, sizeof(why), "beyond the %s limit (%s left): %s granted in part", which, a, b);
			decided(d, IFGW_LEDGER_EV_COVER_APPROVE, part.minor, why);
			return;
		}
	}
	snprintf(why, sizeof(why), "beyond the %s limit (%s left)%s", which, a,
		 p->partial_max_pct > 0 ? "" : "; no partial approval");
	decided(d, IFGW_LEDGER_EV_COVER_DECLINE, 0, why);
}

/* A limit in another currency than the request's: the request cannot be
 * weighed against it (no conversion: limits are in one currency). */
static const struct ifgw_currency *other_ccy(const struct ifgw_ledger_policy *p,
					     const struct ifgw_ledger_country_limit *cl,
					     const struct ifgw_currency *ccy)
{
	if (p->debtor_limit.ccy && !ifgw_ledger_same_ccy(p->debtor_limit.ccy, ccy))
		return p->debtor_limit.ccy;
	if (cl && cl->limit.ccy && !ifgw_ledger_same_ccy(cl->limit.ccy, ccy))
		return cl->limit.ccy;
	if (p->auto_approve_below.ccy && !ifgw_ledger_same_ccy(p->auto_approve_below.ccy, ccy))
		return p->auto_approve_below.ccy;
	return NULL;
}

int ifgw_ledger_decide_cover(struct ifgw_ledger_decision *out, const struct ifgw_ledger_policy *p,
			     const struct ifgw_ledger_cover *request, const struct ifgw_ledger_exposure *x, int64_t now)
{
	const struct ifgw_ledger_country_limit *cl;
	const struct ifgw_currency *ccy, *other;
	char why[IFGW_REASON_SIZE];
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(request);

	memset(out, 0, sizeof(*out));
	ccy = request->requested.ccy;
	if (!ccy || request->requested.minor <= 0) {
		rc = ifgw_error_set(IFGW_EINVAL, "cover %s: a decision needs the requested amount", request->id);
		goto out;
	}
	out->amount = ifgw_ledger_amount(0, ccy);
	out->final_amount = ifgw_ledger_amount(0, ccy);
	if (!p) {
		decided(out, IFGW_LEDGER_EV_COVER_DECLINE, 0, "no decision policy for this partner");
		goto out;
	}
	if (listed_debtor(p, request->debtor)) {
		snprintf(why, sizeof(why), "debtor %s is on the decline list", request->debtor);
		decided(out, IFGW_LEDGER_EV_COVER_DECLINE, 0, why);
		goto out;
	}
	if (listed_country(p, request->debtor_country)) {
		snprintf(why, sizeof(why), "debtors in %s are declined", request->debtor_country);
		decided(out, IFGW_LEDGER_EV_COVER_DECLINE, 0, why);
		goto out;
	}
	if (p->n_country_limits > 0 && !request->debtor_country[0]) {
		decided(out, IFGW_LEDGER_EV_COVER_DECLINE, 0, "the debtor's country is unknown and country limits apply");
		goto out;
	}
	cl = country_limit(p, request->debtor_country);
	if ((other = other_ccy(p, cl, ccy)) != NULL) {
		snprintf(why, sizeof(why), "requested in %s, the policy's limits are in %s", ccy->code, other->code);
		decided(out, IFGW_LEDGER_EV_COVER_DECLINE, 0, why);
		goto out;
	}
	if ((x && x->debtor.ccy && !ifgw_ledger_same_ccy(x->debtor.ccy, ccy)) ||
	    (x && x->country.ccy && !ifgw_ledger_same_ccy(x->country.ccy, ccy))) {
		rc = ifgw_error_set(IFGW_EINVAL, "cover %s: exposure in another currency than the request's %s",
				    request->id, ccy->code);
		goto out;
	}
	review(out, p, request, x, cl);
	/* Below the auto-approval amount and within the limits: at once, no review. */
	if (p->auto_approve_below.ccy && request->requested.minor < p->auto_approve_below.minor &&
	    out->kind == IFGW_LEDGER_EV_COVER_APPROVE && out->amount.minor == request->requested.minor) {
		snprintf(out->reason, sizeof(out->reason), "below the auto-approval amount");
		goto out;
	}
	if (p->pending_days > 0) {
		out->final_kind = out->kind;
		out->final_amount.minor = out->amount.minor;
		out->answer_at = now + (int64_t)p->pending_days * IFGW_LEDGER_DAY;
		out->kind = IFGW_LEDGER_EV_COVER_PENDING;
		out->amount.minor = 0;
	}
out:
	return rc;
}

void ifgw_ledger_decision_event(struct ifgw_ledger_event *ev, const struct ifgw_ledger_decision *d,
				const char *actor)
{
	ifgw_ledger_event_init(ev, d->kind, actor);
	if (d->kind == IFGW_LEDGER_EV_COVER_APPROVE) {
		ev->amount = d->amount;
	} else if (d->kind == IFGW_LEDGER_EV_COVER_PENDING) {
		ev->answer_kind = d->final_kind;
		ev->answer_at = d->answer_at;
		if (d->final_kind == IFGW_LEDGER_EV_COVER_APPROVE)
			ev->amount = d->final_amount;
	}
}

static int64_t add_sat(int64_t a, int64_t b)
{
	int64_t s;

	return __builtin_add_overflow(a, b, &s) ? INT64_MAX : s;
}

int ifgw_ledger_exposure_sum(struct ifgw_ledger_exposure *out, const struct ifgw_ledger_cover *covers, size_t n,
			     const struct ifgw_ledger_cover *request)
{
	const struct ifgw_currency *ccy;
	const struct ifgw_ledger_cover *c;
	int64_t v;
	size_t i;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(request);
	IFGW_ASSERT_ARG(covers || n == 0);

	ccy = request->requested.ccy;
	out->debtor = ifgw_ledger_amount(0, ccy);
	out->country = ifgw_ledger_amount(0, ccy);
	for (i = 0; i < n; i++) {
		c = &covers[i];
		if (c == request || strcmp(c->id, request->id) == 0 || c->role != IFGW_LEDGER_ROLE_IMPORT)
			continue;
		if (active(c->state) && ifgw_ledger_same_ccy(c->granted.ccy, ccy))
			v = c->granted.minor;
		else if (c->state == IFGW_LEDGER_COVER_PENDING && c->answer_kind == IFGW_LEDGER_EV_COVER_APPROVE &&
			 ifgw_ledger_same_ccy(c->answer_amount.ccy, ccy))
			v = c->answer_amount.minor;
		else
			continue;
		if (strcmp(c->debtor, request->debtor) == 0)
			out->debtor.minor = add_sat(out->debtor.minor, v);
		if (request->debtor_country[0] && strncmp(c->debtor_country, request->debtor_country, 2) == 0)
			out->country.minor = add_sat(out->country.minor, v);
	}
	return IFGW_OK;
}

int ifgw_ledger_decide_assignment(struct ifgw_ledger_event *out, const struct ifgw_ledger_invoice *inv,
				  const struct ifgw_ledger_cover *cover, int64_t used, const char *actor)
{
	int64_t left;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(inv);

	ifgw_ledger_event_init(out, IFGW_LEDGER_EV_ACCEPT, actor);
	out->amount = ifgw_ledger_amount(0, inv->amount.ccy);
	if (!cover || !active(cover->state) || strcmp(cover->seller, inv->seller) != 0 ||
	    strcmp(cover->debtor, inv->debtor) != 0)
		return IFGW_OK; /* no cover in force: accepted, unapproved */
	if (!ifgw_ledger_same_ccy(cover->granted.ccy, inv->amount.ccy)) {
		ifgw_ledger_event_init(out, IFGW_LEDGER_EV_REJECT, actor);
		return IFGW_OK;
	}
	left = cover->granted.minor > used ? cover->granted.minor - used : 0;
	out->amount.minor = inv->amount.minor < left ? inv->amount.minor : left;
	return IFGW_OK;
}

int64_t ifgw_ledger_cover_used(const struct ifgw_ledger_invoice *invoices, size_t n,
			       const struct ifgw_ledger_cover *cover, const struct ifgw_ledger_invoice *except)
{
	const struct ifgw_ledger_invoice *inv;
	int64_t sum = 0, a, b;
	size_t i;

	for (i = 0; invoices && cover && i < n; i++) {
		inv = &invoices[i];
		if (inv == except || (except && strcmp(inv->id, except->id) == 0) ||
		    strcmp(inv->seller, cover->seller) != 0 || strcmp(inv->debtor, cover->debtor) != 0 ||
		    !ifgw_ledger_same_ccy(inv->amount.ccy, cover->granted.ccy) ||
		    (inv->contract && inv->contract->role != cover->role))
			continue;
		a = inv->approved.minor - inv->guaranteed.minor;
		b = inv->outstanding.minor;
		a = a < b ? a : b;
		if (a > 0)
			sum = add_sat(sum, a);
	}
	return sum;
}
