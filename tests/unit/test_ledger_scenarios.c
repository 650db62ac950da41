/* test_ledger_scenarios.c: the seven steps end to end on the ledger, as
 * tables of (time, event, expected state and figures), with the invariants
 * checked after every step; and seeded random sequences of events.
 *
 * Each scenario's book holds one seller, one cover and one invoice of
 * 10000.00 EUR due 2026-03-31.  TICK applies every timer due at the step's
 * time until none is left (ifgw_ledger_tick). */
#include "config.h"

#include "base/date.h"
#include "currency/calendar.h"
#include "gateway/ledger/ledger.h"
#include "model/invoice.h"
#include "testutil.h"

#define TICK (-1)
#define NONE (-1)
#define ANY (-1)

enum { OK = IFGW_OK, REFUSED = IFGW_ESTATE };

struct sc_step {
	const char *when;     /* UTC */
	int kind;             /* enum ifgw_ledger_event_kind, or TICK */
	int64_t amount;       /* minor units, NONE */
	const char *ccy;      /* NULL: EUR */
	int rc;               /* OK or REFUSED */
	int state;            /* the thing's state after, ANY */
	int64_t outstanding;  /* the invoice's outstanding after, ANY */
	int64_t advance_out;  /* the invoice's outstanding advance after, ANY */
	const char *log;      /* a log kind the step must produce, NULL */
	int outcome;          /* settle */
};

struct scenario {
	const char *name;
	enum ifgw_product product;
	const char *partner;
	const struct sc_step *steps;
};

/* A payment in USD at 1.08 per EUR, in GBP at 0.85 per EUR. */
static void set_rates(struct ifgw_ledger_event *ev, const char *ccy)
{
	ev->to_per_eur.value = 1;
	ev->to_per_eur.scale = 0;
	if (strcmp(ccy, "USD") == 0) {
		ev->from_per_eur.value = 108;
		ev->from_per_eur.scale = 2;
	} else if (strcmp(ccy, "GBP") == 0) {
		ev->from_per_eur.value = 85;
		ev->from_per_eur.scale = 2;
	}
}

static int is_cover(int kind)
{
	return kind >= IFGW_LEDGER_EV_COVER_REQUEST && kind <= IFGW_LEDGER_EV_COVER_UNANSWERED;
}

static int is_seller(int kind)
{
	return kind >= IFGW_LEDGER_EV_SELLER_REGISTER && kind <= IFGW_LEDGER_EV_SELLER_TERMINATE;
}

struct world {
	struct ifgw_ledger_contract contract;
	struct ifgw_ledger_seller seller;
	struct ifgw_ledger_cover cover;
	struct ifgw_ledger_invoice invoice;
	struct ifgw_ledger_book book;
	int debtor_told; /* a row ever went to the debtor */
};

static void world_init_role(struct world *w, enum ifgw_product product, const char *partner, int role)
{
	static const int32_t plan[IFGW_LEDGER_DUNNING_STEPS] = {7, 21, 35, 60};
	struct ifgw_money amount;
	int32_t due;

	memset(w, 0, sizeof(*w));
	w->contract.product = product;
	snprintf(w->contract.partner, sizeof(w->contract.partner), "%s", partner ? partner : "");
	w->contract.advance_rate = 850000;
	w->contract.reserve_pct = 50000;
	w->contract.commission_pct = 7500;
	w->contract.daycount = IFGW_DAYCOUNT_ACT_360;
	w->contract.rounding = IFGW_ROUND_HALF_EVEN;
	w->contract.funding_hours = 48;
	ck_assert_ok(ifgw_calendar_get(&w->contract.calendar, "FR"));
	w->contract.utc_offset = 3600;
	memcpy(w->contract.dunning_days, plan, sizeof(plan));
	if (role == IFGW_LEDGER_ROLE_IMPORT) {
		/* the partner's import factor: advances nothing */
		w->contract.role = role;
		w->contract.advance_rate = 0;
		w->contract.reserve_pct = 0;
		w->contract.commission_pct = 0;
	}
	w->seller.role = role;
	w->cover.role = role;
	snprintf(w->seller.id, sizeof(w->seller.id), "S1");
	snprintf(w->seller.partner, sizeof(w->seller.partner), "%s", w->contract.partner);
	snprintf(w->cover.id, sizeof(w->cover.id), "CR-1");
	snprintf(w->cover.partner, sizeof(w->cover.partner), "%s", w->contract.partner);
	w->cover.expiry = IFGW_DATE_NONE;
	amount.minor = 1000000;
	amount.ccy = ifgw_currency_find("EUR");
	ck_assert_ok(ifgw_date_parse(&due, "2026-03-31", 10));
	ck_assert_ok(ifgw_ledger_invoice_init(&w->invoice, "INV-1", "S1", "D1", &amount, due, &w->contract));
	w->book.sellers = &w->seller;
	w->book.n_sellers = 1;
	w->book.covers = &w->cover;
	w->book.n_covers = 1;
	w->book.invoices = &w->invoice;
	w->book.n_invoices = 1;
}

static void world_init(struct world *w, enum ifgw_product product, const char *partner)
{
	world_init_role(w, product, partner, IFGW_LEDGER_ROLE_HOME);
}

static void note_effects(struct world *w, const struct ifgw_ledger_effects *fx)
{
	size_t i;

	for (i = 0; i < fx->n_rows; i++)
		if (fx->rows[i].to == IFGW_LEDGER_TO_DEBTOR)
			w->debtor_told = 1;
}

static int has_log(const struct ifgw_ledger_effects *fx, size_t n, const char *kind)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(fx->log[i].kind, kind) == 0)
			return 1;
	return 0;
}

/* Apply every due timer until none is left; returns the log kinds seen. */
static int tick_all(struct world *w, int64_t now, const char *want_log)
{
	struct ifgw_ledger_due due[8];
	struct ifgw_ledger_effects fx;
	size_t n, i;
	int round, seen = want_log == NULL;

	for (round = 0; round < 32; round++) {
		ck_assert_ok(ifgw_ledger_tick(due, 8, &n, &w->book, now));
		if (n == 0)
			return seen;
		for (i = 0; i < n; i++) {
			ifgw_ledger_effects_init(&fx);
			ck_assert_msg(ifgw_ledger_apply_due(&w->book, &due[i], now, &fx) == IFGW_OK,
				      "due %s refused: %s", ifgw_ledger_event_name(due[i].event.kind), ifgw_error_last());
			ck_assert_ok(ifgw_ledger_book_check(&w->book));
			note_effects(w, &fx);
			if (want_log && has_log(&fx, fx.n_log, want_log))
				seen = 1;
		}
	}
	ck_abort_msg("tick at the same time never settles");
	return 0;
}

static void run(const struct scenario *sc)
{
	struct world w;
	struct ifgw_ledger_event ev;
	struct ifgw_ledger_effects fx;
	const struct sc_step *st;
	int64_t now;
	int rc, state, i;

	world_init(&w, sc->product, sc->partner);
	for (i = 0, st = sc->steps; st->when; i++, st++) {
		ck_assert_ok(ifgw_datetime_parse(&now, st->when));
		ifgw_error_clear();
		if (st->kind == TICK) {
			ck_assert_msg(tick_all(&w, now, st->log), "%s step %d: tick did not log %s", sc->name, i, st->log);
			rc = IFGW_OK;
		} else {
			ifgw_ledger_event_init(&ev, st->kind, sc->partner ? sc->partner : "seller");
			ev.inbound = sc->partner != NULL;
			ev.outcome = st->outcome;
			if (st->amount != NONE) {
				ev.amount.minor = st->amount;
				ev.amount.ccy = ifgw_currency_find(st->ccy ? st->ccy : "EUR");
				if (st->ccy)
					set_rates(&ev, st->ccy);
			}
			ifgw_ledger_effects_init(&fx);
			if (is_seller(st->kind))
				rc = ifgw_ledger_seller_apply(&w.seller, &ev, now, &fx);
			else if (is_cover(st->kind))
				rc = ifgw_ledger_cover_apply(&w.cover, &ev, now, &fx);
			else
				rc = ifgw_ledger_invoice_apply(&w.invoice, &ev, now, &fx);
			note_effects(&w, &fx);
			ck_assert_msg(rc == st->rc, "%s step %d (%s): got %s, want %s: %s", sc->name, i,
				      ifgw_ledger_event_name(st->kind), ifgw_result_name(rc), ifgw_result_name(st->rc),
				      ifgw_error_last());
			if (rc != IFGW_OK)
				ck_assert_msg(fx.n_rows == 0 && fx.n_log == 0, "%s step %d: a refusal had effects", sc->name, i);
			if (st->log)
				ck_assert_msg(has_log(&fx, fx.n_log, st->log), "%s step %d: no log %s", sc->name, i, st->log);
		}
		ck_assert_msg(ifgw_ledger_book_check(&w.book) == IFGW_OK, "%s step %d: %s", sc->name, i, ifgw_error_last());
		state = is_seller(st->kind)  ? w.seller.state
			: is_cover(st->kind) ? w.cover.state
					     : w.invoice.state;
		if (st->state != ANY)
			ck_assert_msg(state == st->state, "%s step %d (%s): state %d, want %d", sc->name, i,
				      ifgw_ledger_event_name(st->kind), state, st->state);
		if (st->outstanding != ANY)
			ck_assert_msg(w.invoice.outstanding.minor == st->outstanding, "%s step %d: outstanding %lld, want %lld",
				      sc->name, i, (long long)w.invoice.outstanding.minor, (long long)st->outstanding);
		if (st->advance_out != ANY)
			ck_assert_msg(w.invoice.funding.outstanding.minor == st->advance_out,
				      "%s step %d: advance outstanding %lld, want %lld", sc->name, i,
				      (long long)w.invoice.funding.outstanding.minor, (long long)st->advance_out);
	}
	if (sc->product == IFGW_PRODUCT_CONFIDENTIAL)
		ck_assert_msg(!w.debtor_told, "%s: confidential factoring wrote to the debtor", sc->name);
	ifgw_error_clear();
}

#define E(x) IFGW_LEDGER_EV_##x
#define I(x) IFGW_LEDGER_INVOICE_##x
#define C(x) IFGW_LEDGER_COVER_##x
#define S(x) IFGW_LEDGER_SELLER_##x
#define END {NULL, 0, 0, NULL, 0, 0, 0, 0, NULL, 0}

/* Classic: cover, assignment Thursday 11:00 in France, funded Monday (48
 * business hours), reminded, paid in two parts, closed. */
static const struct sc_step classic[] = {
	{"2026-03-02T09:00:00Z", E(SELLER_REGISTER), NONE, NULL, OK, S(REGISTERED), ANY, ANY, "seller.registered", 0},
	{"2026-03-02T09:00:00Z", E(COVER_REQUEST), 2000000, NULL, OK, C(REQUESTED), ANY, ANY, NULL, 0},
	{"2026-03-03T09:00:00Z", E(COVER_APPROVE), 2000000, NULL, OK, C(APPROVED), ANY, ANY, NULL, 0},
	{"2026-03-05T10:00:00Z", E(ASSIGN), NONE, NULL, OK, I(ASSIGNED), 1000000, 0, NULL, 0},
	{"2026-03-05T11:00:00Z", E(ACCEPT), 1000000, NULL, OK, I(ACCEPTED), 1000000, 0, NULL, 0},
	{"2026-03-09T09:00:00Z", E(FUND), NONE, NULL, OK, I(FUNDED), 1000000, 800000, "invoice.funded", 0},
	{"2026-03-31T12:00:00Z", TICK, NONE, NULL, OK, I(FUNDED), 1000000, 800000, NULL, 0},
	{"2026-04-07T08:00:00Z", TICK, NONE, NULL, OK, I(FUNDED), 1000000, 800000, "invoice.reminder", 0},
	{"2026-04-08T08:00:00Z", E(PAY), 1000001, NULL, REFUSED, I(FUNDED), 1000000, 800000, NULL, 0},
	{"2026-04-08T08:00:00Z", E(PAY), 600000, NULL, OK, I(PARTLY_PAID), 400000, 200000, NULL, 0},
	{"2026-04-09T08:00:00Z", E(PAY), 400000, NULL, OK, I(PAID), 0, 0, "invoice.paid", 0},
	{"2026-04-10T08:00:00Z", E(CLOSE), NONE, NULL, OK, I(CLOSED), 0, 0, "invoice.closed", 0},
	{"2026-12-31T08:00:00Z", TICK, NONE, NULL, OK, I(CLOSED), 0, 0, NULL, 0},
	END,
};

/* Confidential: no notice to the debtor, the seller chases, pays over. */
static const struct sc_step confidential[] = {
	{"2026-03-05T10:00:00Z", E(ASSIGN), NONE, NULL, OK, I(ASSIGNED), ANY, ANY, NULL, 0},
	{"2026-03-05T11:00:00Z", E(ACCEPT), 1000000, NULL, OK, I(ACCEPTED), ANY, ANY, NULL, 0},
	{"2026-03-06T09:00:00Z", E(FUND), NONE, NULL, OK, I(FUNDED), 1000000, 800000, NULL, 0},
	{"2026-04-22T08:00:00Z", TICK, NONE, NULL, OK, I(FUNDED), ANY, ANY, "invoice.second-reminder", 0},
	{"2026-04-23T08:00:00Z", E(PAY), 1000000, NULL, OK, I(PAID), 0, 0, NULL, 0},
	{"2026-04-23T09:00:00Z", E(CLOSE), NONE, NULL, OK, I(CLOSED), ANY, ANY, NULL, 0},
	END,
};

/* Export: seller registered with the import factor, a partial cover, the
 * approved part funded, the debtor never pays: payment under guarantee at
 * day 90 (2026-06-29) on the approved part, the unapproved rest charged
 * back, and the advance repaid from the guarantee.  The home book does not
 * dun (the import factor collects) and its tick leaves the guarantee and
 * the charge-back to the import factor: they arrive inbound. */
static const struct sc_step export_pug[] = {
	{"2026-03-02T09:00:00Z", E(SELLER_REGISTER), NONE, NULL, OK, S(REQUESTED), ANY, ANY, NULL, 0},
	{"2026-03-02T10:00:00Z", E(SELLER_ACCEPT), NONE, NULL, OK, S(REGISTERED), ANY, ANY, NULL, 0},
	{"2026-03-02T11:00:00Z", E(COVER_REQUEST), 1000000, NULL, OK, C(REQUESTED), ANY, ANY, NULL, 0},
	{"2026-03-03T11:00:00Z", E(COVER_APPROVE), 600000, NULL, OK, C(PARTLY_APPROVED), ANY, ANY, NULL, 0},
	{"2026-03-05T10:00:00Z", E(ASSIGN), NONE, NULL, OK, I(ASSIGNED), ANY, ANY, NULL, 0},
	{"2026-03-05T11:00:00Z", E(ACCEPT), 600000, NULL, OK, I(ACCEPTED), ANY, ANY, NULL, 0},
	/* 6000.00 * 80% = 4800.00 */
	{"2026-03-06T09:00:00Z", E(FUND), NONE, NULL, OK, I(FUNDED), 1000000, 480000, NULL, 0},
	{"2026-06-28T12:00:00Z", TICK, NONE, NULL, OK, I(FUNDED), 1000000, 480000, NULL, 0},
	{"2026-06-29T08:00:00Z", TICK, NONE, NULL, OK, I(FUNDED), 1000000, 480000, NULL, 0},
	{"2026-06-29T09:00:00Z", E(GUARANTEE_PAY), 600000, NULL, OK, I(GUARANTEED), 400000, 0,
	 "invoice.paid-under-guarantee", 0},
	{"2026-06-29T09:00:00Z", E(CHARGE_BACK), 400000, NULL, OK, I(GUARANTEED), 0, 0, "invoice.charged-back", 0},
	{"2026-06-30T08:00:00Z", E(CLOSE), NONE, NULL, OK, I(CLOSED), 0, 0, NULL, 0},
	END,
};

/* IFP: a group entity factored by the partner factor; partial payments in
 * USD and GBP on an EUR invoice, the rest in EUR. */
static const struct sc_step ifp_currencies[] = {
	{"2026-03-05T10:00:00Z", E(ASSIGN), NONE, NULL, OK, I(ASSIGNED), ANY, ANY, NULL, 0},
	{"2026-03-05T11:00:00Z", E(ACCEPT), 1000000, NULL, OK, I(ACCEPTED), ANY, ANY, NULL, 0},
	{"2026-03-06T09:00:00Z", E(FUND), NONE, NULL, OK, I(FUNDED), 1000000, 800000, NULL, 0},
	/* 3240.00 USD at 1.08 = 3000.00 EUR */
	{"2026-03-31T09:00:00Z", E(PAY), 324000, "USD", OK, I(PARTLY_PAID), 700000, 500000, "invoice.payment-currency", 0},
	/* 1700.00 GBP at 0.85 = 2000.00 EUR */
	{"2026-04-01T09:00:00Z", E(PAY), 170000, "GBP", OK, I(PARTLY_PAID), 500000, 300000, NULL, 0},
	/* 5000.01 EUR worth of USD is more than is outstanding */
	{"2026-04-02T09:00:00Z", E(PAY), 540001, "USD", REFUSED, I(PARTLY_PAID), 500000, 300000, NULL, 0},
	{"2026-04-02T09:00:00Z", E(PAY), 500000, NULL, OK, I(PAID), 0, 0, NULL, 0},
	{"2026-04-02T10:00:00Z", E(CLOSE), NONE, NULL, OK, I(CLOSED), 0, 0, NULL, 0},
	END,
};

/* Declined cover: the invoice is accepted without cover, nothing is
 * advanced, and at day 90 the whole unpaid amount is charged back. */
static const struct sc_step declined[] = {
	{"2026-03-02T11:00:00Z", E(COVER_REQUEST), 1000000, NULL, OK, C(REQUESTED), ANY, ANY, NULL, 0},
	{"2026-03-03T11:00:00Z", E(COVER_DECLINE), NONE, NULL, OK, C(DECLINED), ANY, ANY, "cover.declined", 0},
	{"2026-03-05T10:00:00Z", E(ASSIGN), NONE, NULL, OK, I(ASSIGNED), ANY, ANY, NULL, 0},
	{"2026-03-05T11:00:00Z", E(ACCEPT), 0, NULL, OK, I(ACCEPTED), ANY, ANY, NULL, 0},
	{"2026-03-06T09:00:00Z", E(FUND), NONE, NULL, REFUSED, I(ACCEPTED), 1000000, 0, NULL, 0},
	{"2026-04-30T09:00:00Z", E(PAY), 250000, NULL, OK, I(PARTLY_PAID), 750000, 0, NULL, 0},
	{"2026-06-29T08:00:00Z", TICK, NONE, NULL, OK, I(PARTLY_PAID), 750000, 0, NULL, 0},
	{"2026-06-29T08:00:00Z", E(CHARGE_BACK), 750000, NULL, OK, I(CHARGED_BACK), 0, 0, "invoice.charged-back", 0},
	{"2026-06-29T09:00:00Z", E(CLOSE), NONE, NULL, OK, I(CLOSED), 0, 0, NULL, 0},
	END,
};

/* Unanswered cover: flagged after 10 days, then a pending answer. */
static const struct sc_step unanswered[] = {
	{"2026-03-02T11:00:00Z", E(COVER_REQUEST), 1000000, NULL, OK, C(REQUESTED), ANY, ANY, NULL, 0},
	{"2026-03-12T10:59:59Z", TICK, NONE, NULL, OK, ANY, ANY, ANY, NULL, 0},
	{"2026-03-12T11:00:00Z", TICK, NONE, NULL, OK, ANY, ANY, ANY, "cover.unanswered", 0},
	{"2026-03-13T11:00:00Z", E(COVER_PENDING), NONE, NULL, OK, C(PENDING), ANY, ANY, NULL, 0},
	{"2026-03-20T11:00:00Z", E(COVER_CANCEL), NONE, NULL, OK, C(CANCELLED), ANY, ANY, NULL, 0},
	END,
};

/* Missed funding promise: assigned Friday 2026-03-06 16:00 in France, 48
 * business hours end Tuesday 16:00 (15:00 UTC); the tick after records the
 * miss, the late advance keeps it reported. */
static const struct sc_step missed[] = {
	{"2026-03-06T15:00:00Z", E(ASSIGN), NONE, NULL, OK, I(ASSIGNED), ANY, ANY, NULL, 0},
	{"2026-03-06T16:00:00Z", E(ACCEPT), 1000000, NULL, OK, I(ACCEPTED), ANY, ANY, NULL, 0},
	{"2026-03-10T15:00:00Z", TICK, NONE, NULL, OK, I(ACCEPTED), ANY, 0, NULL, 0},
	{"2026-03-10T15:00:01Z", TICK, NONE, NULL, OK, I(ACCEPTED), ANY, 0, "invoice.funding-missed", 0},
	{"2026-03-11T09:00:00Z", E(FUND), NONE, NULL, OK, I(FUNDED), 1000000, 800000, NULL, 0},
	END,
};

/* A dispute raised 10 days after the due date, settled for the seller 100
 * days later (in its window): the guarantee waits for the settlement, then
 * pays the approved amount at the next tick. */
static const struct sc_step dispute_in_window[] = {
	{"2026-03-05T10:00:00Z", E(ASSIGN), NONE, NULL, OK, I(ASSIGNED), ANY, ANY, NULL, 0},
	{"2026-03-05T11:00:00Z", E(ACCEPT), 1000000, NULL, OK, I(ACCEPTED), ANY, ANY, NULL, 0},
	{"2026-03-06T09:00:00Z", E(FUND), NONE, NULL, OK, I(FUNDED), 1000000, 800000, NULL, 0},
	{"2026-04-10T09:00:00Z", E(DISPUTE), 1000000, NULL, OK, I(DISPUTED), 1000000, 800000, NULL, 0},
	{"2026-05-20T09:00:00Z", E(DISPUTE_INFO), NONE, NULL, OK, I(DISPUTED), ANY, ANY, NULL, 0},
	{"2026-06-29T09:00:00Z", TICK, NONE, NULL, OK, I(DISPUTED), 1000000, 800000, NULL, 0},
	{"2026-07-19T09:00:00Z", E(SETTLE), NONE, NULL, OK, I(DISPUTE_SETTLED), 1000000, 800000, "invoice.dispute-settled",
	 IFGW_LEDGER_SETTLED_FOR_SELLER},
	{"2026-07-19T10:00:00Z", TICK, NONE, NULL, OK, I(DISPUTE_SETTLED), 1000000, 800000, NULL, 0},
	{"2026-07-19T10:00:00Z", E(GUARANTEE_PAY), 1000000, NULL, OK, I(GUARANTEED), 0, 0, "invoice.paid-under-guarantee",
	 0},
	END,
};

/* A dispute nobody settles: information overdue after 60 days, charged
 * back once its 180 days pass (the import factor's act: inbound to the
 * home book); a settlement after that is refused. */
static const struct sc_step dispute_out_of_window[] = {
	{"2026-03-05T10:00:00Z", E(ASSIGN), NONE, NULL, OK, I(ASSIGNED), ANY, ANY, NULL, 0},
	{"2026-03-05T11:00:00Z", E(ACCEPT), 1000000, NULL, OK, I(ACCEPTED), ANY, ANY, NULL, 0},
	{"2026-04-10T09:00:00Z", E(DISPUTE), 400000, NULL, OK, I(DISPUTED), 1000000, ANY, NULL, 0},
	{"2026-06-09T09:00:00Z", TICK, NONE, NULL, OK, I(DISPUTED), ANY, ANY, "invoice.dispute-info-overdue", 0},
	/* day 90 past due: the undisputed 6000.00 is paid under guarantee */
	{"2026-06-29T09:00:00Z", E(GUARANTEE_PAY), 600000, NULL, OK, I(DISPUTED), 400000, ANY,
	 "invoice.paid-under-guarantee", 0},
	{"2026-10-07T09:00:01Z", TICK, NONE, NULL, OK, I(DISPUTED), 400000, ANY, NULL, 0},
	{"2026-10-07T09:00:01Z", E(DISPUTE_WINDOW_CLOSED), NONE, NULL, OK, I(GUARANTEED), 0, ANY,
	 "invoice.dispute-charged-back", 0},
	{"2026-10-08T09:00:00Z", E(SETTLE), NONE, NULL, REFUSED, I(GUARANTEED), 0, ANY, NULL,
	 IFGW_LEDGER_SETTLED_FOR_SELLER},
	END,
};

/* Charge-back of an unapproved part before day 90, a credit note, the rest paid. */
static const struct sc_step chargeback[] = {
	{"2026-03-05T10:00:00Z", E(ASSIGN), NONE, NULL, OK, I(ASSIGNED), ANY, ANY, NULL, 0},
	{"2026-03-05T11:00:00Z", E(ACCEPT), 700000, NULL, OK, I(ACCEPTED), ANY, ANY, NULL, 0},
	{"2026-03-06T09:00:00Z", E(FUND), NONE, NULL, OK, I(FUNDED), 1000000, 560000, NULL, 0},
	{"2026-04-15T09:00:00Z", E(CHARGE_BACK), 300001, NULL, REFUSED, I(FUNDED), 1000000, ANY, NULL, 0},
	{"2026-04-15T09:00:00Z", E(CHARGE_BACK), 300000, NULL, OK, I(PARTLY_PAID), 700000, 560000, "invoice.charged-back",
	 0},
	{"2026-04-16T09:00:00Z", E(CREDIT), 100000, NULL, OK, I(PARTLY_PAID), 600000, 560000, NULL, 0},
	{"2026-04-17T09:00:00Z", E(PAY), 600000, NULL, OK, I(PAID), 0, 0, NULL, 0},
	END,
};

static const struct scenario scenarios[] = {
	{"classic", IFGW_PRODUCT_CLASSIC, NULL, classic},
	{"confidential", IFGW_PRODUCT_CONFIDENTIAL, NULL, confidential},
	{"export-pug", IFGW_PRODUCT_EXPORT, "DE00123", export_pug},
	{"ifp-currencies", IFGW_PRODUCT_IFP, "PL00456", ifp_currencies},
	{"declined", IFGW_PRODUCT_EXPORT, "DE00123", declined},
	{"unanswered", IFGW_PRODUCT_EXPORT, "DE00123", unanswered},
	{"missed-funding", IFGW_PRODUCT_CLASSIC, NULL, missed},
	{"dispute-in-window", IFGW_PRODUCT_EXPORT, "DE00123", dispute_in_window},
	{"dispute-out-of-window", IFGW_PRODUCT_EXPORT, "DE00123", dispute_out_of_window},
	{"chargeback", IFGW_PRODUCT_EXPORT, "DE00123", chargeback},
};

START_TEST(scenario)
{
	run(&scenarios[_i]);
}
END_TEST

/* ---- random sequences ------------------------------------------------- */

/* xorshift64*: the same sequence on every machine. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

START_TEST(random_sequences)
{
	static const int kinds[] = {
		E(ASSIGN),       E(ACCEPT),          E(REJECT),        E(FUND),          E(PAY),
		E(PAY),          E(ASSIGN),          E(ACCEPT),        E(FUND),          E(PAY),
		E(DISPUTE),      E(SETTLE),          E(CHARGE_BACK),   E(GUARANTEE_PAY), E(CLOSE),
		E(PAY),          E(CREDIT),          E(DISPUTE),       E(DISPUTE_INFO),  E(SETTLE),
		E(CHARGE_BACK),  E(GUARANTEE_PAY),   E(REPAY_ADVANCE), E(CLOSE),         E(FUNDING_MISSED),
		E(DUNNING),      E(DISPUTE_INFO_OVERDUE), E(DISPUTE_WINDOW_CLOSED), E(COVER_REQUEST), E(COVER_APPROVE),
		E(COVER_DECLINE), E(COVER_REVISE),   E(COVER_CANCEL),  E(COVER_EXPIRE),  E(COVER_PENDING),
		E(COVER_UNANSWERED),
	};
	static const char *const ccys[] = {"EUR", "EUR", "EUR", "USD", "GBP"};
	uint64_t seed = 0x1f2e3d4c5b6a7988ULL + (uint64_t)_i;
	struct ifgw_ledger_effects fx;
	struct ifgw_ledger_event ev;
	struct world w;
	int64_t now;
	int n, ok = 0, refused = 0, run_no, rc, reached[IFGW_LEDGER_INVOICE_STATE_COUNT_] = {0}, i, import_ok = 0;
	unsigned pick;

	for (run_no = 0; run_no < 125; run_no++) {
		enum ifgw_product product;

		pick = (unsigned)(next_rand(&seed) % 5);
		product = pick == 4 ? IFGW_PRODUCT_EXPORT : (enum ifgw_product)pick;

		/* export and IFP have a correspondent factor, domestic products
		 * none; one run in five is the import factor's book of an export */
		world_init_role(&w, product,
				product == IFGW_PRODUCT_EXPORT || product == IFGW_PRODUCT_IFP ? "DE00123" : NULL,
				pick == 4 ? IFGW_LEDGER_ROLE_IMPORT : IFGW_LEDGER_ROLE_HOME);
		ck_assert_ok(ifgw_datetime_parse(&now, "2026-03-02T08:00:00Z"));
		for (n = 0; n < 100; n++) {
			int kind = kinds[next_rand(&seed) % (sizeof(kinds) / sizeof(kinds[0]))];
			struct ifgw_ledger_invoice before;
			struct ifgw_ledger_cover cbefore;

			/* every byte, padding too: a refusal must not touch them */
			memcpy(&before, &w.invoice, sizeof(before));
			memcpy(&cbefore, &w.cover, sizeof(cbefore));
			now += (int64_t)(next_rand(&seed) % (3 * 86400));
			ifgw_ledger_event_init(&ev, kind, "random");
			ev.outcome = 1 + (int)(next_rand(&seed) % 2);
			ev.inbound = (int)(next_rand(&seed) % 2);
			if (next_rand(&seed) % 8) {
				const char *c = ccys[next_rand(&seed) % 5];

				ev.amount.ccy = ifgw_currency_find(c);
				/* all that is outstanding, a part of it, nothing or anything */
				switch (w.invoice.outstanding.minor > 0 ? next_rand(&seed) % 5 : 4) {
				case 0:
					ev.amount.minor = w.invoice.outstanding.minor;
					break;
				case 1:
				case 2:
					ev.amount.minor =
						1 + (int64_t)(next_rand(&seed) % (uint64_t)w.invoice.outstanding.minor);
					break;
				case 3:
					ev.amount.minor = 0;
					break;
				default:
					ev.amount.minor = (int64_t)(next_rand(&seed) % 1200000);
					break;
				}
				set_rates(&ev, c);
			}
			if (kind == E(COVER_APPROVE) || kind == E(COVER_REVISE))
				ev.date = ifgw_datetime_date(now) + (int32_t)(next_rand(&seed) % 200);
			ifgw_ledger_effects_init(&fx);
			ifgw_error_clear();
			rc = is_cover(kind) ? ifgw_ledger_cover_apply(&w.cover, &ev, now, &fx)
					    : ifgw_ledger_invoice_apply(&w.invoice, &ev, now, &fx);
			if (rc == IFGW_OK) {
				ok++;
				import_ok += pick == 4;
			} else {
				refused++;
				/* refused: one line naming the thing, nothing changed */
				ck_assert_msg(strstr(ifgw_error_last(), is_cover(kind) ? "CR-1" : "INV-1") != NULL, "%s",
					      ifgw_error_last());
				ck_assert_msg(memcmp(&before, &w.invoice, sizeof(before)) == 0 &&
						      memcmp(&cbefore, &w.cover, sizeof(cbefore)) == 0,
					      "refused %s changed state: %s", ifgw_ledger_event_name(kind), ifgw_error_last());
				ck_assert_uint_eq(fx.n_rows + fx.n_log, 0);
			}
			ck_assert_msg(ifgw_ledger_book_check(&w.book) == IFGW_OK, "seed %d run %d step %d after %s: %s",
				      _i, run_no, n, ifgw_ledger_event_name(kind), ifgw_error_last());
			if (next_rand(&seed) % 10 == 0)
				(void)tick_all(&w, now, NULL);
			reached[w.invoice.state] = 1;
		}
	}
	/* ... and through every state of the invoice */
	for (i = 0; i < IFGW_LEDGER_INVOICE_STATE_COUNT_; i++)
		ck_assert_msg(reached[i], "seed %d never reached %s (%d ok, %d refused)", _i,
			      ifgw_ledger_invoice_state_name(i), ok, refused);
	/* the sequences go somewhere: both outcomes happen, often */
	ck_assert_int_gt(ok, 400);
	ck_assert_int_gt(refused, 1000);
	/* ... on import books too */
	ck_assert_int_gt(import_ok, 50);
	ifgw_error_clear();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ledger_scenarios");
	TCase *tc = tcase_create("scenarios");
	TCase *tr = tcase_create("random");

	tcase_add_loop_test(tc, scenario, 0, (int)(sizeof(scenarios) / sizeof(scenarios[0])));
	suite_add_tcase(s, tc);
	tcase_add_loop_test(tr, random_sequences, 0, 4);
	suite_add_tcase(s, tr);
	return s;
}

IFGW_TEST_MAIN(suite)
