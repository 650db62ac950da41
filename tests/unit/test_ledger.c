/* test_ledger.c: each machine's transitions, allowed and refused. */
#include "config.h"

#include "base/date.h"
#include "currency/calendar.h"
#include "gateway/ledger/ledger.h"
#include "model/invoice.h"
#include "ledger_fixture.h"

static struct ifgw_ledger_contract contract;
static struct ifgw_ledger_effects fx;

static void setup(void)
{
	ledger_test_contract(&contract);
	ifgw_ledger_effects_init(&fx);
}

static void teardown(void)
{
}

static struct ifgw_ledger_event ev_of(int kind, int64_t amount)
{
	struct ifgw_ledger_event ev;

	ifgw_ledger_event_init(&ev, kind, "DE00123");
	if (amount >= 0)
		ev.amount = eur(amount);
	/* the import factor's acts reach the home book as its messages */
	ev.inbound = kind == IFGW_LEDGER_EV_ACCEPT || kind == IFGW_LEDGER_EV_REJECT ||
		     kind == IFGW_LEDGER_EV_GUARANTEE_PAY || kind == IFGW_LEDGER_EV_CHARGE_BACK ||
		     kind == IFGW_LEDGER_EV_COVER_PENDING || kind == IFGW_LEDGER_EV_COVER_APPROVE ||
		     kind == IFGW_LEDGER_EV_COVER_DECLINE;
	return ev;
}

/* Apply and keep the invariants. */
static int apply(struct ifgw_ledger_invoice *inv, int kind, int64_t amount, int64_t now)
{
	struct ifgw_ledger_event ev = ev_of(kind, amount);
	int rc = ifgw_ledger_invoice_apply(inv, &ev, now, &fx);

	ck_assert_msg(ifgw_ledger_invoice_check(inv) == IFGW_OK, "%s", ifgw_error_last());
	return rc;
}

/* A refusal leaves the invoice and the effects as they were. */
static void refused(struct ifgw_ledger_invoice *inv, int kind, int64_t amount, int64_t now, const char *needle)
{
	struct ifgw_ledger_invoice before;
	size_t rows = fx.n_rows, logs = fx.n_log;
	int rc;

	/* every byte, padding too: a refusal must not touch the invoice */
	memcpy(&before, inv, sizeof(before));
	ifgw_error_clear();
	rc = apply(inv, kind, amount, now);
	ck_assert_msg(rc != IFGW_OK, "%s from %s was allowed", ifgw_ledger_event_name(kind),
		      ifgw_ledger_invoice_state_name(before.state));
	ck_assert_msg(strstr(ifgw_error_last(), needle) != NULL, "message '%s' lacks '%s'", ifgw_error_last(), needle);
	ck_assert_msg(strstr(ifgw_error_last(), inv->id) != NULL, "message '%s' does not name the invoice",
		      ifgw_error_last());
	ck_assert_msg(memcmp(&before, inv, sizeof(before)) == 0, "refused %s changed the invoice",
		      ifgw_ledger_event_name(kind));
	ck_assert_uint_eq(fx.n_rows, rows);
	ck_assert_uint_eq(fx.n_log, logs);
	ifgw_error_clear();
}

static void new_invoice(struct ifgw_ledger_invoice *inv, int64_t amount)
{
	struct ifgw_money m = eur(amount);

	ck_assert_ok(ifgw_ledger_invoice_init(inv, "INV-1", "S1", "D1", &m, day("2026-03-31"), &contract));
	ck_assert_int_eq(inv->state, IFGW_LEDGER_INVOICE_RECEIVED);
}

/* Assigned on Thursday 2026-03-05 10:00 UTC (11:00 in France), accepted. */
static void accepted(struct ifgw_ledger_invoice *inv, int64_t approved)
{
	new_invoice(inv, 1000000);
	ck_assert_ok(apply(inv, IFGW_LEDGER_EV_ASSIGN, -1, at("2026-03-05T10:00:00Z")));
	ck_assert_ok(apply(inv, IFGW_LEDGER_EV_ACCEPT, approved, at("2026-03-05T12:00:00Z")));
}

static int has_row(int msg_type, int to)
{
	size_t i;

	for (i = 0; i < fx.n_rows; i++)
		if (fx.rows[i].msg_type == msg_type && fx.rows[i].to == to)
			return 1;
	return 0;
}

static int has_log(const char *kind)
{
	size_t i;

	for (i = 0; i < fx.n_log; i++)
		if (strcmp(fx.log[i].kind, kind) == 0)
			return 1;
	return 0;
}

START_TEST(invoice_assign_accept)
{
	struct ifgw_ledger_invoice inv;
	char t[IFGW_DATETIME_STRLEN];

	new_invoice(&inv, 1000000);
	refused(&inv, IFGW_LEDGER_EV_ACCEPT, 1000000, at("2026-03-05T10:00:00Z"), "(received): accept not allowed");
	refused(&inv, IFGW_LEDGER_EV_PAY, 100, at("2026-03-05T10:00:00Z"), "pay not allowed");
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_ASSIGN, -1, at("2026-03-05T10:00:00Z")));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_ASSIGNED);
	ck_assert(has_row(IFGW_MSG_ASSIGNMENT_BATCH, IFGW_LEDGER_TO_PARTNER));
	ck_assert_str_eq(fx.rows[0].to_id, "DE00123");
	ck_assert(has_log("invoice.assigned"));
	ck_assert_str_eq(fx.log[0].actor, "DE00123");
	/* 48 business hours from Thursday 11:00 in France: Monday 11:00, 10:00 UTC */
	ifgw_datetime_format(inv.funding.due_at, t);
	ck_assert_str_eq(t, "2026-03-09T10:00:00Z");
	ck_assert_int_eq(inv.funding.state, IFGW_LEDGER_FUNDING_DUE);
	refused(&inv, IFGW_LEDGER_EV_ASSIGN, -1, at("2026-03-05T10:00:00Z"), "(assigned): assign not allowed");
	refused(&inv, IFGW_LEDGER_EV_ACCEPT, 1000001, at("2026-03-05T11:00:00Z"), "above the invoice amount");
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_ACCEPT, 800000, at("2026-03-05T11:00:00Z")));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_ACCEPTED);
	ck_assert_int_eq(inv.approved.minor, 800000);
	ck_assert_int_eq(inv.collection.state, IFGW_LEDGER_COLLECTION_OPEN);
	/* export: the import factor notifies the debtor, not us */
	ck_assert(!has_row(IFGW_MSG_DEBTOR_NOTICE, IFGW_LEDGER_TO_DEBTOR));
	refused(&inv, IFGW_LEDGER_EV_REJECT, -1, at("2026-03-05T11:00:00Z"), "(accepted): reject not allowed");
}
END_TEST

START_TEST(invoice_reject_and_close)
{
	struct ifgw_ledger_invoice inv;

	new_invoice(&inv, 1000000);
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_ASSIGN, -1, at("2026-03-05T10:00:00Z")));
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_REJECT, -1, at("2026-03-05T11:00:00Z")));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_REJECTED);
	ck_assert_int_eq(inv.funding.state, IFGW_LEDGER_FUNDING_CANCELLED);
	ck_assert_int_eq(inv.outstanding.minor, 0);
	ck_assert_int_eq(inv.charged_back.minor, 1000000);
	refused(&inv, IFGW_LEDGER_EV_FUND, -1, at("2026-03-05T12:00:00Z"), "(rejected): fund not allowed");
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_CLOSE, -1, at("2026-03-05T12:00:00Z")));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_CLOSED);
	refused(&inv, IFGW_LEDGER_EV_CLOSE, -1, at("2026-03-05T12:00:00Z"), "(closed): close not allowed");
}
END_TEST

START_TEST(invoice_fund_on_time_and_late)
{
	struct ifgw_ledger_invoice inv;

	accepted(&inv, 800000);
	/* advance = 8000.00 * (85% - 5%) = 6400.00; commission 75.00 + 2.50 */
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_FUND, -1, at("2026-03-09T10:00:00Z")));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_FUNDED);
	ck_assert_int_eq(inv.funding.state, IFGW_LEDGER_FUNDING_PAID);
	ck_assert_int_eq(inv.funding.advanced.minor, 640000);
	ck_assert_int_eq(inv.funding.outstanding.minor, 640000);
	ck_assert_int_eq(inv.funding.commission.minor, 7750);
	ck_assert(has_row(IFGW_MSG_FINANCING_STATUS, IFGW_LEDGER_TO_SELLER));
	ck_assert(!inv.funding.missed);
	refused(&inv, IFGW_LEDGER_EV_FUND, -1, at("2026-03-09T11:00:00Z"), "(funded): fund not allowed");

	/* one second after the promise */
	accepted(&inv, 800000);
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_FUND, -1, at("2026-03-09T10:00:01Z")));
	ck_assert_int_eq(inv.funding.state, IFGW_LEDGER_FUNDING_PAID_LATE);
	ck_assert(inv.funding.missed);
	ck_assert(has_log("invoice.funding-missed"));
}
END_TEST

START_TEST(invoice_fund_needs_cover)
{
	struct ifgw_ledger_invoice inv;

	accepted(&inv, 0);
	ck_assert_int_eq(inv.funding.state, IFGW_LEDGER_FUNDING_CANCELLED);
	refused(&inv, IFGW_LEDGER_EV_FUND, -1, at("2026-03-06T10:00:00Z"), "cancelled: nothing to advance");
}
END_TEST

START_TEST(invoice_payments)
{
	struct ifgw_ledger_invoice inv;

	accepted(&inv, 800000);
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_FUND, -1, at("2026-03-06T10:00:00Z")));
	refused(&inv, IFGW_LEDGER_EV_PAY, 1000001, at("2026-03-31T10:00:00Z"), "larger than the outstanding");
	refused(&inv, IFGW_LEDGER_EV_PAY, 0, at("2026-03-31T10:00:00Z"), "above zero");
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_PAY, 400000, at("2026-03-31T10:00:00Z")));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_PARTLY_PAID);
	ck_assert_int_eq(inv.outstanding.minor, 600000);
	/* the advance is repaid first: 4000.00 of 6400.00 */
	ck_assert_int_eq(inv.funding.repaid.minor, 400000);
	ck_assert(!has_row(IFGW_MSG_REMITTANCE, IFGW_LEDGER_TO_SELLER));
	ifgw_ledger_effects_init(&fx);
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_PAY, 600000, at("2026-04-02T10:00:00Z")));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_PAID);
	ck_assert_int_eq(inv.funding.state, IFGW_LEDGER_FUNDING_REPAID);
	ck_assert_int_eq(inv.collection.state, IFGW_LEDGER_COLLECTION_DONE);
	/* the rest, 3600.00, is paid over to the seller */
	ck_assert(has_row(IFGW_MSG_REMITTANCE, IFGW_LEDGER_TO_SELLER));
	ck_assert_int_eq(fx.rows[0].amount.minor, 360000);
	/* paid to us, not through the import factor: it hears of it (MSG12) */
	ck_assert(has_row(IFGW_MSG_INDIRECT_PAYMENT, IFGW_LEDGER_TO_PARTNER));
	refused(&inv, IFGW_LEDGER_EV_PAY, 1, at("2026-04-02T10:00:00Z"), "(paid): pay not allowed");
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_CLOSE, -1, at("2026-04-03T10:00:00Z")));
}
END_TEST

START_TEST(invoice_interest_on_advance)
{
	struct ifgw_ledger_invoice inv;
	const struct ifgw_ledger_invoice *ptrs[1];
	struct ifgw_ledger_book book;
	struct ifgw_money i;

	accepted(&inv, 800000);
	ck_assert_ok(ifgw_ledger_invoice_interest(&i, &inv, at("2026-03-20T10:00:00Z")));
	ck_assert_int_eq(i.minor, 0);
	/* 6400.00 advanced on 2026-03-06 at 3.5% + 1.5%, ACT/360 */
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_FUND, -1, at("2026-03-06T09:00:00Z")));
	/* 10 days: 6400.00 * 5% * 10 / 360 = 8.888... -> 8.89 */
	ck_assert_ok(ifgw_ledger_invoice_interest(&i, &inv, at("2026-03-16T09:00:00Z")));
	ck_assert_int_eq(i.minor, 889);
	ck_assert_str_eq(i.ccy->code, "EUR");
	/* 4000.00 repaid on 2026-03-31 (25 days on 6400.00), the rest on
	 * 2026-04-10 (10 days on 2400.00): (6400 * 25 + 2400 * 10) * 5% / 360
	 * = 25.5555... -> 25.56, one rounding over both periods */
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_PAY, 400000, at("2026-03-31T10:00:00Z")));
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_PAY, 600000, at("2026-04-10T10:00:00Z")));
	ck_assert_int_eq(inv.funding.state, IFGW_LEDGER_FUNDING_REPAID);
	ck_assert_ok(ifgw_ledger_invoice_interest(&i, &inv, at("2026-05-10T10:00:00Z")));
	ck_assert_int_eq(i.minor, 2556);
	/* the same on ACT/365: 18400000 * 5% / 365 = 2520.5... -> 25.21 */
	contract.daycount = IFGW_DAYCOUNT_ACT_365;
	ck_assert_ok(ifgw_ledger_invoice_interest(&i, &inv, at("2026-05-10T10:00:00Z")));
	ck_assert_int_eq(i.minor, 2521);

	/* the promise was kept: nothing to report */
	book.sellers = NULL;
	book.n_sellers = 0;
	book.covers = NULL;
	book.n_covers = 0;
	book.invoices = &inv;
	book.n_invoices = 1;
	ck_assert_uint_eq(ifgw_ledger_book_missed(ptrs, 1, &book), 0);
	inv.funding.missed = 1;
	ck_assert_uint_eq(ifgw_ledger_book_missed(ptrs, 1, &book), 1);
	ck_assert_ptr_eq(ptrs[0], &inv);
}
END_TEST

START_TEST(invoice_payment_in_another_currency)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_ledger_event ev;

	accepted(&inv, 800000);
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_PAY, "DE00123");
	ev.amount.ccy = ifgw_currency_find("USD");
	ev.amount.minor = 108000; /* 1080.00 USD */
	ck_assert_fails(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-03-31T10:00:00Z"), &fx), IFGW_ESTATE,
			"without the rates");
	/* USD 1.0800 per EUR: 1000.00 EUR */
	ev.from_per_eur.value = 108;
	ev.from_per_eur.scale = 2;
	ev.to_per_eur.value = 1;
	ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-03-31T10:00:00Z"), &fx));
	ck_assert_ok(ifgw_ledger_invoice_check(&inv));
	ck_assert_int_eq(inv.paid.minor, 100000);
	ck_assert_int_eq(inv.outstanding.minor, 900000);
	ck_assert(has_log("invoice.payment-currency"));
	/* a credit note must be in the invoice currency */
	ev.kind = IFGW_LEDGER_EV_CREDIT;
	ck_assert_fails(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-03-31T10:00:00Z"), &fx), IFGW_ESTATE,
			"amount in USD, invoice in EUR");
}
END_TEST

START_TEST(invoice_dispute_and_settle)
{
	struct ifgw_ledger_invoice inv;

	accepted(&inv, 800000);
	refused(&inv, IFGW_LEDGER_EV_SETTLE, -1, at("2026-04-10T10:00:00Z"), "(accepted): settle not allowed");
	refused(&inv, IFGW_LEDGER_EV_DISPUTE, 1000001, at("2026-04-10T10:00:00Z"), "more than the undisputed");
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_DISPUTE, 300000, at("2026-04-10T10:00:00Z")));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_DISPUTED);
	ck_assert_int_eq(inv.collection.state, IFGW_LEDGER_COLLECTION_SUSPENDED);
	ck_assert(inv.dispute.suspends_pug);
	ck_assert(has_row(IFGW_MSG_DISPUTE_NOTICE, IFGW_LEDGER_TO_PARTNER));
	/* approved 8000.00, undisputed outstanding 7000.00 */
	ck_assert_int_eq(ifgw_ledger_invoice_covered(&inv), 700000);
	refused(&inv, IFGW_LEDGER_EV_DISPUTE, 100, at("2026-04-10T10:00:00Z"), "dispute not allowed");
	refused(&inv, IFGW_LEDGER_EV_CREDIT, 100, at("2026-04-10T10:00:00Z"), "credit not allowed");
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_DISPUTE_INFO, -1, at("2026-04-20T10:00:00Z")));
	refused(&inv, IFGW_LEDGER_EV_DISPUTE_INFO, -1, at("2026-04-21T10:00:00Z"), "already supplied");
	{
		struct ifgw_ledger_event ev = ev_of(IFGW_LEDGER_EV_SETTLE, -1);

		ev.outcome = IFGW_LEDGER_SETTLED_FOR_DEBTOR;
		ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-05-10T10:00:00Z"), &fx));
	}
	ck_assert_ok(ifgw_ledger_invoice_check(&inv));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_DISPUTE_SETTLED);
	ck_assert_int_eq(inv.credited.minor, 300000);
	ck_assert_int_eq(inv.outstanding.minor, 700000);
	ck_assert_int_eq(inv.collection.state, IFGW_LEDGER_COLLECTION_OPEN);
}
END_TEST

START_TEST(invoice_settle_after_window)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_ledger_event ev;

	accepted(&inv, 800000);
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_DISPUTE, 300000, at("2026-04-10T10:00:00Z")));
	ev = ev_of(IFGW_LEDGER_EV_SETTLE, -1);
	ev.outcome = IFGW_LEDGER_SETTLED_FOR_SELLER;
	ck_assert_fails(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-10-08T10:00:00Z"), &fx), IFGW_ESTATE,
			"window closed at 2026-10-07T10:00:00Z");
	refused(&inv, IFGW_LEDGER_EV_DISPUTE_WINDOW_CLOSED, -1, at("2026-10-07T10:00:00Z"), "still open");
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_DISPUTE_WINDOW_CLOSED, -1, at("2026-10-08T10:00:00Z")));
	ck_assert_int_eq(inv.dispute.state, IFGW_LEDGER_DISPUTE_CHARGED_BACK);
	ck_assert_int_eq(inv.charged_back.minor, 300000);
	ck_assert_int_eq(inv.disputed.minor, 0);
	ck_assert(has_row(IFGW_MSG_CHARGEBACK, IFGW_LEDGER_TO_SELLER));
}
END_TEST

START_TEST(invoice_guarantee_and_charge_back)
{
	struct ifgw_ledger_invoice inv;

	accepted(&inv, 800000);
	/* due 2026-03-31: day 90 is 2026-06-29.  The home book takes the day of
	 * a guarantee that arrives from the import factor as it comes; a factor
	 * that guarantees itself (a domestic contract) may not pay before it. */
	{
		struct ifgw_ledger_contract dom = *inv.contract;
		struct ifgw_ledger_invoice own = inv;
		struct ifgw_ledger_event ev = ev_of(IFGW_LEDGER_EV_GUARANTEE_PAY, 800000);

		dom.product = IFGW_PRODUCT_CLASSIC;
		dom.partner[0] = '\0';
		own.contract = &dom;
		ev.inbound = 0;
		ck_assert_fails(ifgw_ledger_invoice_apply(&own, &ev, at("2026-06-28T10:00:00Z"), &fx), IFGW_ESTATE,
				"before 90 days");
		ifgw_error_clear();
		ev.inbound = 0;
		ck_assert_fails(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-06-29T10:00:00Z"), &fx), IFGW_ESTATE,
				"inbound only (home role with a partner)");
		ifgw_error_clear();
	}
	refused(&inv, IFGW_LEDGER_EV_GUARANTEE_PAY, 800001, at("2026-06-29T10:00:00Z"), "more than the approved");
	refused(&inv, IFGW_LEDGER_EV_CHARGE_BACK, 200001, at("2026-06-29T10:00:00Z"), "only 200000 are unapproved");
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_GUARANTEE_PAY, 800000, at("2026-06-29T10:00:00Z")));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_GUARANTEED);
	/* the import factor's message: nothing goes out from the home factor's books */
	ck_assert(!has_row(IFGW_MSG_GUARANTEE_PAYMENT, IFGW_LEDGER_TO_PARTNER));
	ck_assert_int_eq(inv.guaranteed.minor, 800000);
	ck_assert_int_eq(inv.outstanding.minor, 200000);
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_CHARGE_BACK, 200000, at("2026-06-29T11:00:00Z")));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_GUARANTEED);
	ck_assert_int_eq(inv.outstanding.minor, 0);
	ck_assert_int_eq(inv.charged_back.minor, 200000);
	/* a dispute after the guarantee payment, within 180 days of due: reimbursed */
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_DISPUTE, 100000, at("2026-07-15T10:00:00Z")));
	ck_assert_int_eq(inv.guaranteed.minor, 700000);
	ck_assert_int_eq(inv.outstanding.minor, 100000);
	ck_assert(!inv.dispute.suspends_pug);
	ck_assert(has_log("invoice.guarantee-reimbursed"));
}
END_TEST

START_TEST(invoice_dispute_after_180_days_refused)
{
	struct ifgw_ledger_invoice inv;

	accepted(&inv, 1000000);
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_GUARANTEE_PAY, 1000000, at("2026-06-29T10:00:00Z")));
	refused(&inv, IFGW_LEDGER_EV_DISPUTE, 1000, at("2026-09-28T10:00:00Z"), "more than 180 days");
}
END_TEST

START_TEST(invoice_close_needs_advance_repaid)
{
	struct ifgw_ledger_invoice inv;

	accepted(&inv, 800000);
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_FUND, -1, at("2026-03-06T10:00:00Z")));
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_CHARGE_BACK, 200000, at("2026-03-20T10:00:00Z")));
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_CREDIT, 800000, at("2026-03-21T10:00:00Z")));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_PAID);
	refused(&inv, IFGW_LEDGER_EV_CLOSE, -1, at("2026-03-22T10:00:00Z"), "advance not repaid");
	refused(&inv, IFGW_LEDGER_EV_REPAY_ADVANCE, 640001, at("2026-03-22T10:00:00Z"), "outstanding advance");
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_REPAY_ADVANCE, 640000, at("2026-03-22T10:00:00Z")));
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_CLOSE, -1, at("2026-03-22T10:00:00Z")));
}
END_TEST

START_TEST(invoice_timers_refused_early)
{
	struct ifgw_ledger_invoice inv;

	accepted(&inv, 800000);
	refused(&inv, IFGW_LEDGER_EV_FUNDING_MISSED, -1, at("2026-03-09T10:00:00Z"), "runs until 2026-03-09T10:00:00Z");
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_FUNDING_MISSED, -1, at("2026-03-09T10:00:01Z")));
	ck_assert_int_eq(inv.funding.state, IFGW_LEDGER_FUNDING_MISSED);
	refused(&inv, IFGW_LEDGER_EV_FUNDING_MISSED, -1, at("2026-03-10T10:00:00Z"), "not awaiting");
	/* a missed promise is still owed, and stays reported once paid */
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_FUND, -1, at("2026-03-10T10:00:00Z")));
	ck_assert_int_eq(inv.funding.state, IFGW_LEDGER_FUNDING_PAID_LATE);
	ck_assert(inv.funding.missed);
	/* first reminder 7 days after 2026-03-31 */
	refused(&inv, IFGW_LEDGER_EV_DUNNING, -1, at("2026-04-06T10:00:00Z"), "due on 2026-04-07");
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_DUNNING, -1, at("2026-04-07T10:00:00Z")));
	ck_assert_int_eq(inv.collection.state, IFGW_LEDGER_COLLECTION_REMINDED);
	ck_assert_int_eq(fx.rows[fx.n_rows - 1].letter, IFGW_LEDGER_LETTER_REMINDER);
	ck_assert_int_eq(fx.rows[fx.n_rows - 1].to, IFGW_LEDGER_TO_DEBTOR);
	refused(&inv, IFGW_LEDGER_EV_DISPUTE_INFO_OVERDUE, -1, at("2026-04-07T10:00:00Z"), "not allowed");
}
END_TEST

START_TEST(dunning_dates_roll)
{
	static const int32_t plan[IFGW_LEDGER_DUNNING_STEPS] = {7, 21, 35, 60};
	static const int32_t bad[IFGW_LEDGER_DUNNING_STEPS] = {7, 7, 35, 60};
	int32_t d[IFGW_LEDGER_DUNNING_STEPS];
	char s[IFGW_DATE_STRLEN];

	/* due Wednesday 2026-04-29: +7 = 2026-05-06; +21 = 2026-05-20; +35 = 2026-06-03;
	 * +60 = Sunday 2026-06-28 -> Monday 2026-06-29 on FR */
	ck_assert_ok(ifgw_ledger_dunning_dates(d, plan, day("2026-04-29"), contract.calendar));
	ifgw_date_format(d[0], s);
	ck_assert_str_eq(s, "2026-05-06");
	ifgw_date_format(d[3], s);
	ck_assert_str_eq(s, "2026-06-29");
	/* without a calendar, the plain dates */
	ck_assert_ok(ifgw_ledger_dunning_dates(d, plan, day("2026-04-29"), NULL));
	ifgw_date_format(d[3], s);
	ck_assert_str_eq(s, "2026-06-28");
	/* +21 from 2026-04-10 = Friday 2026-05-01, Labour Day in France: Monday 4 May */
	ck_assert_ok(ifgw_ledger_dunning_dates(d, plan, day("2026-04-10"), contract.calendar));
	ifgw_date_format(d[1], s);
	ck_assert_str_eq(s, "2026-05-04");
	ck_assert_fails(ifgw_ledger_dunning_dates(d, bad, day("2026-04-29"), NULL), IFGW_EINVAL, "must increase");
}
END_TEST

START_TEST(funding_deadline_closed_days)
{
	int64_t due;
	char t[IFGW_DATETIME_STRLEN];

	/* Friday 15:00 local + 48 h = Tuesday 15:00 */
	ck_assert_ok(ifgw_ledger_funding_deadline(&due, at("2026-03-06T14:00:00Z"), 48, contract.calendar, 3600));
	ifgw_datetime_format(due, t);
	ck_assert_str_eq(t, "2026-03-10T14:00:00Z");
	/* Saturday 10:00 local: the count starts Monday 00:00, 24 h end Tuesday 00:00 */
	ck_assert_ok(ifgw_ledger_funding_deadline(&due, at("2026-03-07T09:00:00Z"), 24, contract.calendar, 3600));
	ifgw_datetime_format(due, t);
	ck_assert_str_eq(t, "2026-03-09T23:00:00Z");
	/* Thursday 2026-04-30 12:00 local + 24 h: Friday 1 May is closed in France,
	 * so the promise ends Monday 12:00 */
	ck_assert_ok(ifgw_ledger_funding_deadline(&due, at("2026-04-30T10:00:00Z"), 24, contract.calendar, 7200));
	ifgw_datetime_format(due, t);
	ck_assert_str_eq(t, "2026-05-04T10:00:00Z");
	ck_assert_fails(ifgw_ledger_funding_deadline(&due, 0, 36, contract.calendar, 0), IFGW_EINVAL, "24 or 48");
}
END_TEST

START_TEST(confidential_and_classic_notices)
{
	struct ifgw_ledger_invoice inv;

	contract.product = IFGW_PRODUCT_CONFIDENTIAL;
	contract.partner[0] = '\0';
	accepted(&inv, 1000000);
	ck_assert(!has_row(IFGW_MSG_DEBTOR_NOTICE, IFGW_LEDGER_TO_DEBTOR));
	ck_assert(!has_row(IFGW_MSG_ASSIGNMENT_BATCH, IFGW_LEDGER_TO_PARTNER));
	ck_assert_ok(apply(&inv, IFGW_LEDGER_EV_DUNNING, -1, at("2026-04-07T10:00:00Z")));
	/* the debtor never hears of the factor: the seller chases */
	ck_assert_int_eq(fx.rows[fx.n_rows - 1].to, IFGW_LEDGER_TO_SELLER);

	ifgw_ledger_effects_init(&fx);
	contract.product = IFGW_PRODUCT_CLASSIC;
	accepted(&inv, 1000000);
	ck_assert(has_row(IFGW_MSG_DEBTOR_NOTICE, IFGW_LEDGER_TO_DEBTOR));
}
END_TEST

static void cover_apply_ok(struct ifgw_ledger_cover *c, int kind, int64_t amount, int64_t now)
{
	struct ifgw_ledger_event ev = ev_of(kind, amount);

	ck_assert_ok(ifgw_ledger_cover_apply(c, &ev, now, &fx));
}

static void cover_refused(struct ifgw_ledger_cover *c, int kind, int64_t amount, int64_t now, const char *needle)
{
	struct ifgw_ledger_event ev = ev_of(kind, amount);
	struct ifgw_ledger_cover before;
	size_t rows = fx.n_rows, logs = fx.n_log;

	memcpy(&before, c, sizeof(before));
	ck_assert_fails(ifgw_ledger_cover_apply(c, &ev, now, &fx), IFGW_ESTATE, needle);
	ck_assert(memcmp(&before, c, sizeof(before)) == 0);
	ck_assert_uint_eq(fx.n_rows, rows);
	ck_assert_uint_eq(fx.n_log, logs);
}

static void new_cover(struct ifgw_ledger_cover *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->id, sizeof(c->id), "CR-1");
	snprintf(c->partner, sizeof(c->partner), "DE00123");
}

START_TEST(cover_machine)
{
	struct ifgw_ledger_cover c;
	struct ifgw_ledger_event ev;

	new_cover(&c);
	cover_refused(&c, IFGW_LEDGER_EV_COVER_APPROVE, 100, at("2026-03-01T10:00:00Z"), "cover CR-1 (new)");
	cover_refused(&c, IFGW_LEDGER_EV_COVER_REQUEST, 0, at("2026-03-01T10:00:00Z"), "above zero");
	cover_apply_ok(&c, IFGW_LEDGER_EV_COVER_REQUEST, 5000000, at("2026-03-01T10:00:00Z"));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_REQUESTED);
	ck_assert(has_row(IFGW_MSG_COVER_REQUEST, IFGW_LEDGER_TO_PARTNER));
	cover_refused(&c, IFGW_LEDGER_EV_COVER_UNANSWERED, -1, at("2026-03-10T10:00:00Z"), "less than 10 days");
	cover_apply_ok(&c, IFGW_LEDGER_EV_COVER_UNANSWERED, -1, at("2026-03-11T10:00:00Z"));
	ck_assert(c.unanswered);
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_REQUESTED);
	cover_refused(&c, IFGW_LEDGER_EV_COVER_UNANSWERED, -1, at("2026-03-12T10:00:00Z"), "not allowed");
	cover_apply_ok(&c, IFGW_LEDGER_EV_COVER_PENDING, -1, at("2026-03-12T10:00:00Z"));
	cover_refused(&c, IFGW_LEDGER_EV_COVER_APPROVE, 5000001, at("2026-03-13T10:00:00Z"), "more granted");
	ev = ev_of(IFGW_LEDGER_EV_COVER_APPROVE, 3000000);
	ev.date = day("2026-12-31");
	ck_assert_ok(ifgw_ledger_cover_apply(&c, &ev, at("2026-03-13T10:00:00Z"), &fx));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_PARTLY_APPROVED);
	ck_assert_int_eq(c.granted.minor, 3000000);
	cover_refused(&c, IFGW_LEDGER_EV_COVER_DECLINE, -1, at("2026-03-14T10:00:00Z"), "(partly-approved)");
	cover_apply_ok(&c, IFGW_LEDGER_EV_COVER_REVISE, 4000000, at("2026-04-01T10:00:00Z"));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_REVISED);
	cover_refused(&c, IFGW_LEDGER_EV_COVER_EXPIRE, -1, at("2026-12-30T10:00:00Z"), "before its expiry");
	cover_apply_ok(&c, IFGW_LEDGER_EV_COVER_EXPIRE, -1, at("2026-12-31T10:00:00Z"));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_EXPIRED);
	ck_assert_int_eq(c.granted.minor, 0);
	cover_refused(&c, IFGW_LEDGER_EV_COVER_CANCEL, -1, at("2027-01-01T10:00:00Z"), "(expired)");

	new_cover(&c);
	cover_apply_ok(&c, IFGW_LEDGER_EV_COVER_REQUEST, 5000000, at("2026-03-01T10:00:00Z"));
	cover_apply_ok(&c, IFGW_LEDGER_EV_COVER_DECLINE, -1, at("2026-03-02T10:00:00Z"));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_DECLINED);
	cover_refused(&c, IFGW_LEDGER_EV_COVER_REVISE, 100, at("2026-03-03T10:00:00Z"), "(declined)");

	new_cover(&c);
	cover_apply_ok(&c, IFGW_LEDGER_EV_COVER_REQUEST, 5000000, at("2026-03-01T10:00:00Z"));
	cover_apply_ok(&c, IFGW_LEDGER_EV_COVER_APPROVE, 5000000, at("2026-03-02T10:00:00Z"));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_APPROVED);
	cover_refused(&c, IFGW_LEDGER_EV_COVER_EXPIRE, -1, at("2030-01-01T10:00:00Z"), "before its expiry");
	ifgw_ledger_effects_init(&fx);
	cover_apply_ok(&c, IFGW_LEDGER_EV_COVER_CANCEL, -1, at("2026-03-03T10:00:00Z"));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_CANCELLED);
	ck_assert(has_row(IFGW_MSG_COVER_REQUEST, IFGW_LEDGER_TO_PARTNER));
}
END_TEST

START_TEST(seller_machine)
{
	struct ifgw_ledger_seller s;
	struct ifgw_ledger_event ev;

	memset(&s, 0, sizeof(s));
	snprintf(s.id, sizeof(s.id), "S1");
	snprintf(s.partner, sizeof(s.partner), "DE00123");
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_SELLER_ACCEPT, "DE00123");
	ck_assert_fails(ifgw_ledger_seller_apply(&s, &ev, 0, &fx), IFGW_ESTATE,
			"seller S1 (new): accept-registration not allowed");
	ev.kind = IFGW_LEDGER_EV_SELLER_REGISTER;
	ck_assert_ok(ifgw_ledger_seller_apply(&s, &ev, 0, &fx));
	ck_assert_int_eq(s.state, IFGW_LEDGER_SELLER_REQUESTED);
	ck_assert(has_row(IFGW_MSG_SELLER_REGISTRATION, IFGW_LEDGER_TO_PARTNER));
	ev.kind = IFGW_LEDGER_EV_SELLER_REJECT;
	ck_assert_fails(ifgw_ledger_seller_apply(&s, &ev, 0, &fx), IFGW_ESTATE, "inbound only");
	ev.inbound = 1; /* the partner's answer, as its message */
	ck_assert_ok(ifgw_ledger_seller_apply(&s, &ev, 0, &fx));
	ck_assert_int_eq(s.state, IFGW_LEDGER_SELLER_REJECTED);
	ev.kind = IFGW_LEDGER_EV_SELLER_REGISTER;
	ck_assert_ok(ifgw_ledger_seller_apply(&s, &ev, 0, &fx));
	ev.kind = IFGW_LEDGER_EV_SELLER_ACCEPT;
	ck_assert_ok(ifgw_ledger_seller_apply(&s, &ev, 0, &fx));
	ck_assert_int_eq(s.state, IFGW_LEDGER_SELLER_REGISTERED);
	ev.kind = IFGW_LEDGER_EV_SELLER_TERMINATE;
	ck_assert_ok(ifgw_ledger_seller_apply(&s, &ev, 0, &fx));
	ck_assert_fails(ifgw_ledger_seller_apply(&s, &ev, 0, &fx), IFGW_ESTATE, "(terminated): terminate");

	/* domestic: registered at once, nothing sent */
	memset(&s, 0, sizeof(s));
	snprintf(s.id, sizeof(s.id), "S2");
	ifgw_ledger_effects_init(&fx);
	ev.kind = IFGW_LEDGER_EV_SELLER_REGISTER;
	ck_assert_ok(ifgw_ledger_seller_apply(&s, &ev, 0, &fx));
	ck_assert_int_eq(s.state, IFGW_LEDGER_SELLER_REGISTERED);
	ck_assert_uint_eq(fx.n_rows, 0);
}
END_TEST

START_TEST(tick_lists_and_caps)
{
	struct ifgw_ledger_invoice inv[3];
	struct ifgw_ledger_due due[2];
	struct ifgw_ledger_book book;
	struct ifgw_money m = eur(1000000);
	size_t n, k;

	memset(&book, 0, sizeof(book));
	for (k = 0; k < 3; k++) {
		ck_assert_ok(ifgw_ledger_invoice_init(&inv[k], "INV-T", "S1", "D1", &m, day("2026-03-31"), &contract));
		ck_assert_ok(apply(&inv[k], IFGW_LEDGER_EV_ASSIGN, -1, at("2026-03-05T10:00:00Z")));
	}
	book.invoices = inv;
	book.n_invoices = 3;
	/* nothing due while the promise runs */
	ck_assert_ok(ifgw_ledger_tick(due, 2, &n, &book, at("2026-03-09T10:00:00Z")));
	ck_assert_uint_eq(n, 0);
	/* three misses due, room for two: the first two, and EOVERFLOW */
	ck_assert_fails(ifgw_ledger_tick(due, 2, &n, &book, at("2026-03-09T10:00:01Z")), IFGW_EOVERFLOW,
			"more than 2 transitions due");
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(due[0].thing, IFGW_LEDGER_THING_INVOICE);
	ck_assert_uint_eq(due[1].index, 1);
	ck_assert_int_eq(due[0].event.kind, IFGW_LEDGER_EV_FUNDING_MISSED);
	ck_assert_str_eq(due[0].event.actor, "ledger-tick");
	ck_assert_ok(ifgw_ledger_apply_due(&book, &due[0], at("2026-03-09T10:00:01Z"), &fx));
	ck_assert_ok(ifgw_ledger_apply_due(&book, &due[1], at("2026-03-09T10:00:01Z"), &fx));
	ck_assert_ok(ifgw_ledger_tick(due, 2, &n, &book, at("2026-03-09T10:00:01Z")));
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(due[0].index, 2);
	ck_assert_ok(ifgw_ledger_apply_due(&book, &due[0], at("2026-03-09T10:00:01Z"), &fx));
	ck_assert_uint_eq(ifgw_ledger_book_missed(NULL, 0, &book), 3);
	/* applying the same due transition twice is refused, nothing changes */
	ck_assert_fails(ifgw_ledger_apply_due(&book, &due[0], at("2026-03-09T10:00:02Z"), &fx), IFGW_ESTATE,
			"not awaiting");
	due[0].index = 3;
	ck_assert_fails(ifgw_ledger_apply_due(&book, &due[0], at("2026-03-09T10:00:02Z"), &fx), IFGW_EINVAL,
			"invalid argument");
	ck_assert_ok(ifgw_ledger_book_check(&book));
}
END_TEST

START_TEST(contract_checked)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_money m = eur(100);
	struct ifgw_ledger_contract k;

	ck_assert_ok(ifgw_ledger_contract_check(&contract));
	k = contract;
	k.reserve_pct = k.advance_rate + 1;
	ck_assert_fails(ifgw_ledger_contract_check(&k), IFGW_EINVAL, "contract: reserve");
	k = contract;
	k.funding_hours = 72;
	ck_assert_fails(ifgw_ledger_contract_check(&k), IFGW_EINVAL, "funding promise");
	k = contract;
	k.calendar = NULL;
	ck_assert_fails(ifgw_ledger_contract_check(&k), IFGW_EINVAL, "calendar");
	k = contract;
	k.dunning_days[2] = k.dunning_days[1];
	ck_assert_fails(ifgw_ledger_contract_check(&k), IFGW_EINVAL, "dunning plan");
	k = contract;
	k.partner[0] = '\0';
	ck_assert_fails(ifgw_ledger_contract_check(&k), IFGW_EINVAL, "export and IFP need");
	k.product = IFGW_PRODUCT_CONFIDENTIAL;
	ck_assert_ok(ifgw_ledger_contract_check(&k));
	k = contract;
	k.product = IFGW_PRODUCT_CLASSIC;
	ck_assert_fails(ifgw_ledger_contract_check(&k), IFGW_EINVAL, "domestic product");
	k = contract;
	k.margin = -1;
	ck_assert_fails(ifgw_ledger_contract_check(&k), IFGW_EINVAL, "margin");
	/* an invoice is never received under a contract the ledger cannot run */
	k = contract;
	k.funding_hours = 0;
	ck_assert_fails(ifgw_ledger_invoice_init(&inv, "INV-9", "S1", "D1", &m, day("2026-03-31"), &k), IFGW_EINVAL,
			"invoice INV-9: contract: funding promise");
}
END_TEST

START_TEST(invariant_check_catches)
{
	struct ifgw_ledger_invoice inv;

	accepted(&inv, 800000);
	inv.paid.minor += 1;
	ck_assert_fails(ifgw_ledger_invoice_check(&inv), IFGW_ESTATE, "assigned = paid + outstanding");
	inv.paid.minor -= 1;
	inv.funding.advanced.minor = 5;
	ck_assert_fails(ifgw_ledger_invoice_check(&inv), IFGW_ESTATE, "advances = repaid + outstanding");
	inv.funding.advanced.minor = 0;
	inv.state = 99;
	ck_assert_fails(ifgw_ledger_invoice_check(&inv), IFGW_ESTATE, "defined state");
	{
		struct ifgw_ledger_event ev = ev_of(IFGW_LEDGER_EV_PAY, 1);

		ck_assert_fails(ifgw_ledger_invoice_apply(&inv, &ev, 0, &fx), IFGW_ESTATE, "undefined state");
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ledger");
	TCase *tc = tcase_create("transitions");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, invoice_assign_accept);
	tcase_add_test(tc, invoice_reject_and_close);
	tcase_add_test(tc, invoice_fund_on_time_and_late);
	tcase_add_test(tc, invoice_fund_needs_cover);
	tcase_add_test(tc, invoice_payments);
	tcase_add_test(tc, invoice_interest_on_advance);
	tcase_add_test(tc, invoice_payment_in_another_currency);
	tcase_add_test(tc, invoice_dispute_and_settle);
	tcase_add_test(tc, invoice_settle_after_window);
	tcase_add_test(tc, invoice_guarantee_and_charge_back);
	tcase_add_test(tc, invoice_dispute_after_180_days_refused);
	tcase_add_test(tc, invoice_close_needs_advance_repaid);
	tcase_add_test(tc, invoice_timers_refused_early);
	tcase_add_test(tc, dunning_dates_roll);
	tcase_add_test(tc, funding_deadline_closed_days);
	tcase_add_test(tc, confidential_and_classic_notices);
	tcase_add_test(tc, cover_machine);
	tcase_add_test(tc, seller_machine);
	tcase_add_test(tc, tick_lists_and_caps);
	tcase_add_test(tc, contract_checked);
	tcase_add_test(tc, invariant_check_catches);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
