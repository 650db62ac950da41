/* test_ledger_import.c: the import role (the partner's import factor):
 * who may cause each transition, the rows each sends, the tick's share of
 * both roles, the decision policy, and a mirrored pair of books. */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/date.h"
#include "currency/calendar.h"
#include "gateway/ledger/ledger.h"
#include "gateway/node/book.h"
#include "model/codes.h"
#include "model/invoice.h"
#include "ledger_fixture.h"

#define EF "FR00001" /* the export factor: the import book's partner */

static struct ifgw_ledger_contract home; /* the export factor's contract (partner DE00123) */
static struct ifgw_ledger_contract imp;  /* this import factor's, for EF */
static struct ifgw_ledger_effects fx;

/* The import contract as the node builds it: export product, the export
 * factor as partner, nothing advanced, no fees. */
static void import_contract(struct ifgw_ledger_contract *c)
{
	ledger_test_contract(c);
	snprintf(c->partner, sizeof(c->partner), EF);
	c->role = IFGW_LEDGER_ROLE_IMPORT;
	c->advance_rate = 0;
	c->reserve_pct = 0;
	c->commission_pct = 0;
	memset(&c->doc_fee, 0, sizeof(c->doc_fee));
	c->funding_hours = 0;
}

static void setup(void)
{
	ledger_test_contract(&home);
	import_contract(&imp);
	ifgw_ledger_effects_init(&fx);
}

static void teardown(void)
{
}

static struct ifgw_ledger_event ev_of(int kind, int64_t amount, int inbound)
{
	struct ifgw_ledger_event ev;

	ifgw_ledger_event_init(&ev, kind, inbound ? EF : "import-desk");
	ev.inbound = inbound;
	if (amount >= 0)
		ev.amount = eur(amount);
	return ev;
}

/* Row i is of type `type` to `to` with `amount` (-1: any). */
static void row_is(size_t from, int type, int to, int64_t amount)
{
	ck_assert_uint_lt(from, fx.n_rows);
	ck_assert_msg(fx.rows[from].msg_type == type, "row type %s, want %s",
		      ifgw_msg_type_name(fx.rows[from].msg_type) ? ifgw_msg_type_name(fx.rows[from].msg_type) : "letter",
		      ifgw_msg_type_name(type) ? ifgw_msg_type_name(type) : "letter");
	ck_assert_int_eq(fx.rows[from].to, to);
	if (to == IFGW_LEDGER_TO_PARTNER)
		ck_assert_str_eq(fx.rows[from].to_id, EF);
	if (amount >= 0) {
		ck_assert_int_eq(fx.rows[from].amount.minor, amount);
		ck_assert_ptr_nonnull(fx.rows[from].amount.ccy);
	}
}

/* The rows since `from`: exactly `n`, the first as row_is() says. */
static void rows_since(size_t from, size_t n, int type, int to, int64_t amount)
{
	ck_assert_msg(fx.n_rows - from == n, "%zu rows, want %zu", fx.n_rows - from, n);
	if (n > 0)
		row_is(from, type, to, amount);
}

/* No row in the effects goes to the seller (the export factor's client). */
static void nothing_to_seller(void)
{
	size_t i;

	for (i = 0; i < fx.n_rows; i++)
		ck_assert_msg(fx.rows[i].to != IFGW_LEDGER_TO_SELLER, "row %zu (%s) to the seller", i,
			      ifgw_msg_type_name(fx.rows[i].msg_type) ? ifgw_msg_type_name(fx.rows[i].msg_type) : "letter");
}

static int inv_apply(struct ifgw_ledger_invoice *inv, int kind, int64_t amount, int inbound, int64_t now)
{
	struct ifgw_ledger_event ev = ev_of(kind, amount, inbound);
	int rc = ifgw_ledger_invoice_apply(inv, &ev, now, &fx);

	ck_assert_msg(ifgw_ledger_invoice_check(inv) == IFGW_OK, "%s", ifgw_error_last());
	return rc;
}

/* Refused with `needle`, the invoice and the effects untouched. */
static void inv_refused(struct ifgw_ledger_invoice *inv, int kind, int64_t amount, int inbound, int64_t now,
			const char *needle)
{
	struct ifgw_ledger_invoice before;
	size_t rows = fx.n_rows, logs = fx.n_log;

	memcpy(&before, inv, sizeof(before));
	ifgw_error_clear();
	ck_assert_msg(inv_apply(inv, kind, amount, inbound, now) == IFGW_ESTATE, "%s (%s) allowed",
		      ifgw_ledger_event_name(kind), inbound ? "inbound" : "local");
	ck_assert_msg(strstr(ifgw_error_last(), needle) != NULL, "'%s' lacks '%s'", ifgw_error_last(), needle);
	ck_assert_msg(memcmp(&before, inv, sizeof(before)) == 0, "refused %s changed the invoice",
		      ifgw_ledger_event_name(kind));
	ck_assert_uint_eq(fx.n_rows, rows);
	ck_assert_uint_eq(fx.n_log, logs);
	ifgw_error_clear();
}

static void new_import_invoice(struct ifgw_ledger_invoice *inv)
{
	struct ifgw_money m = eur(1000000);

	ck_assert_ok(ifgw_ledger_invoice_init(inv, "INV-1", "S1", "D1", &m, day("2026-03-31"), &imp));
}

/* ---- the contract ----------------------------------------------------- */

START_TEST(import_contract_checked)
{
	struct ifgw_ledger_contract k;

	ck_assert_ok(ifgw_ledger_contract_check(&imp));
	k = imp;
	k.advance_rate = 10000;
	ck_assert_fails(ifgw_ledger_contract_check(&k), IFGW_EINVAL, "advances nothing");
	k = imp;
	k.product = IFGW_PRODUCT_CLASSIC;
	k.partner[0] = '\0';
	ck_assert_fails(ifgw_ledger_contract_check(&k), IFGW_EINVAL, "export and IFP only");
	k = imp;
	k.role = 2;
	ck_assert_fails(ifgw_ledger_contract_check(&k), IFGW_EINVAL, "role");
	/* the home role still needs its funding promise */
	k = home;
	k.funding_hours = 0;
	ck_assert_fails(ifgw_ledger_contract_check(&k), IFGW_EINVAL, "funding promise");
	ck_assert_str_eq(ifgw_ledger_role_name(IFGW_LEDGER_ROLE_HOME), "home");
	ck_assert_str_eq(ifgw_ledger_role_name(IFGW_LEDGER_ROLE_IMPORT), "import");
	ck_assert_str_eq(ifgw_ledger_role_name(5), "undefined");
}
END_TEST

/* ---- seller ----------------------------------------------------------- */

START_TEST(import_seller)
{
	struct ifgw_ledger_seller s;
	struct ifgw_ledger_event ev;

	memset(&s, 0, sizeof(s));
	snprintf(s.id, sizeof(s.id), "S1");
	snprintf(s.partner, sizeof(s.partner), EF);
	s.role = IFGW_LEDGER_ROLE_IMPORT;
	ev = ev_of(IFGW_LEDGER_EV_SELLER_REGISTER, -1, 0);
	ck_assert_fails(ifgw_ledger_seller_apply(&s, &ev, at("2026-03-02T09:00:00Z"), &fx), IFGW_ESTATE,
			"presents its sellers");
	ck_assert_int_eq(s.state, IFGW_LEDGER_SELLER_NEW);
	ck_assert_uint_eq(fx.n_rows + fx.n_log, 0);
	ev = ev_of(IFGW_LEDGER_EV_SELLER_REGISTER, -1, 1);
	ck_assert_ok(ifgw_ledger_seller_apply(&s, &ev, at("2026-03-02T09:00:00Z"), &fx));
	/* registered at once, no answer message */
	ck_assert_int_eq(s.state, IFGW_LEDGER_SELLER_REGISTERED);
	ck_assert_uint_eq(fx.n_rows, 0);
	ck_assert_str_eq(fx.log[0].kind, "seller.registered");
	/* the home role with a partner still asks and waits */
	memset(&s, 0, sizeof(s));
	snprintf(s.id, sizeof(s.id), "S1");
	snprintf(s.partner, sizeof(s.partner), "DE00123");
	ev = ev_of(IFGW_LEDGER_EV_SELLER_REGISTER, -1, 0);
	ck_assert_ok(ifgw_ledger_seller_apply(&s, &ev, at("2026-03-02T09:00:00Z"), &fx));
	ck_assert_int_eq(s.state, IFGW_LEDGER_SELLER_REQUESTED);
	ck_assert_int_eq(fx.rows[0].msg_type, IFGW_MSG_SELLER_REGISTRATION);
}
END_TEST

/* ---- cover ------------------------------------------------------------ */

static void import_cover(struct ifgw_ledger_cover *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->id, sizeof(c->id), "CR-1");
	snprintf(c->seller, sizeof(c->seller), "S1");
	snprintf(c->debtor, sizeof(c->debtor), "D1");
	snprintf(c->partner, sizeof(c->partner), EF);
	snprintf(c->debtor_country, sizeof(c->debtor_country), "DE");
	c->role = IFGW_LEDGER_ROLE_IMPORT;
	c->expiry = IFGW_DATE_NONE;
}

static int cov_apply(struct ifgw_ledger_cover *c, const struct ifgw_ledger_event *ev, int64_t now)
{
	return ifgw_ledger_cover_apply(c, ev, now, &fx);
}

/* A request received from the export factor. */
static void requested(struct ifgw_ledger_cover *c, int64_t amount)
{
	struct ifgw_ledger_event ev;
	size_t from = fx.n_rows;

	import_cover(c);
	ev = ev_of(IFGW_LEDGER_EV_COVER_REQUEST, amount, 0);
	ck_assert_fails(cov_apply(c, &ev, at("2026-03-02T09:00:00Z")), IFGW_ESTATE, "export factor requests");
	ev = ev_of(IFGW_LEDGER_EV_COVER_REQUEST, amount, 1);
	ck_assert_ok(cov_apply(c, &ev, at("2026-03-02T09:00:00Z")));
	ck_assert_int_eq(c->state, IFGW_LEDGER_COVER_REQUESTED);
	ck_assert_uint_eq(fx.n_rows, from);
}

START_TEST(import_cover_answers)
{
	struct ifgw_ledger_cover c;
	struct ifgw_ledger_event ev;
	size_t from;

	/* approve: the answer carries the amount granted */
	requested(&c, 1000000);
	ev = ev_of(IFGW_LEDGER_EV_COVER_APPROVE, 600000, 1);
	ck_assert_fails(cov_apply(&c, &ev, at("2026-03-03T09:00:00Z")), IFGW_ESTATE, "decides this itself");
	ev = ev_of(IFGW_LEDGER_EV_COVER_APPROVE, 600000, 0);
	from = fx.n_rows;
	ck_assert_ok(cov_apply(&c, &ev, at("2026-03-03T09:00:00Z")));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_PARTLY_APPROVED);
	rows_since(from, 1, IFGW_MSG_COVER_RESPONSE, IFGW_LEDGER_TO_PARTNER, 600000);
	/* its own revision: a cover revision */
	ev = ev_of(IFGW_LEDGER_EV_COVER_REVISE, 400000, 0);
	from = fx.n_rows;
	ck_assert_ok(cov_apply(&c, &ev, at("2026-03-10T09:00:00Z")));
	rows_since(from, 1, IFGW_MSG_COVER_REVISION, IFGW_LEDGER_TO_PARTNER, 400000);
	ev = ev_of(IFGW_LEDGER_EV_COVER_REVISE, 500000, 1);
	ck_assert_fails(cov_apply(&c, &ev, at("2026-03-10T09:00:00Z")), IFGW_ESTATE, "decides this itself");
	/* withdrawn by the import factor: a revision to nothing */
	ev = ev_of(IFGW_LEDGER_EV_COVER_CANCEL, -1, 0);
	from = fx.n_rows;
	ck_assert_ok(cov_apply(&c, &ev, at("2026-03-11T09:00:00Z")));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_CANCELLED);
	rows_since(from, 1, IFGW_MSG_COVER_REVISION, IFGW_LEDGER_TO_PARTNER, 0);

	/* decline: an answer of 0 */
	requested(&c, 1000000);
	ev = ev_of(IFGW_LEDGER_EV_COVER_DECLINE, -1, 0);
	from = fx.n_rows;
	ck_assert_ok(cov_apply(&c, &ev, at("2026-03-03T09:00:00Z")));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_DECLINED);
	rows_since(from, 1, IFGW_MSG_COVER_RESPONSE, IFGW_LEDGER_TO_PARTNER, 0);

	/* cancelled by the export factor: nothing to answer */
	requested(&c, 1000000);
	ev = ev_of(IFGW_LEDGER_EV_COVER_CANCEL, -1, 1);
	from = fx.n_rows;
	ck_assert_ok(cov_apply(&c, &ev, at("2026-03-03T09:00:00Z")));
	rows_since(from, 0, 0, 0, -1);

	/* no unanswered flag: the import factor is the one that answers */
	requested(&c, 1000000);
	ev = ev_of(IFGW_LEDGER_EV_COVER_UNANSWERED, -1, 0);
	ck_assert_fails(cov_apply(&c, &ev, at("2026-03-20T09:00:00Z")), IFGW_ESTATE, "does not wait");
}
END_TEST

static void one_cover_book(struct ifgw_ledger_book *b, struct ifgw_ledger_cover *c)
{
	memset(b, 0, sizeof(*b));
	b->covers = c;
	b->n_covers = 1;
}

START_TEST(import_cover_pending_then_tick)
{
	struct ifgw_ledger_cover c;
	struct ifgw_ledger_event ev;
	struct ifgw_ledger_book b;
	struct ifgw_ledger_due due[4];
	size_t n, from;

	requested(&c, 1000000);
	one_cover_book(&b, &c);
	/* pending with the decided answer: approve 7000.00 on 2026-03-10 09:00 */
	ev = ev_of(IFGW_LEDGER_EV_COVER_PENDING, 700000, 0);
	ev.answer_kind = IFGW_LEDGER_EV_COVER_APPROVE;
	ev.answer_at = at("2026-03-10T09:00:00Z");
	from = fx.n_rows;
	ck_assert_ok(cov_apply(&c, &ev, at("2026-03-03T09:00:00Z")));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_PENDING);
	rows_since(from, 1, IFGW_MSG_COVER_RESPONSE, IFGW_LEDGER_TO_PARTNER, 0);
	ck_assert_int_eq(c.answer_kind, IFGW_LEDGER_EV_COVER_APPROVE);
	ck_assert_int_eq(c.answer_amount.minor, 700000);
	ck_assert_int_eq(c.granted.minor, 0);
	/* not yet; and never "unanswered" in the import role */
	ck_assert_ok(ifgw_ledger_tick(due, 4, &n, &b, at("2026-03-10T08:59:59Z")));
	ck_assert_uint_eq(n, 0);
	ck_assert_ok(ifgw_ledger_tick(due, 4, &n, &b, at("2026-03-10T09:00:00Z")));
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(due[0].event.kind, IFGW_LEDGER_EV_COVER_APPROVE);
	from = fx.n_rows;
	ck_assert_ok(ifgw_ledger_apply_due(&b, &due[0], at("2026-03-10T09:00:00Z"), &fx));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_PARTLY_APPROVED);
	ck_assert_int_eq(c.granted.minor, 700000);
	ck_assert_int_eq(c.answer_kind, 0);
	rows_since(from, 1, IFGW_MSG_COVER_RESPONSE, IFGW_LEDGER_TO_PARTNER, 700000);
	ck_assert_ok(ifgw_ledger_tick(due, 4, &n, &b, at("2026-03-30T09:00:00Z")));
	ck_assert_uint_eq(n, 0);

	/* a decided decline, applied by the tick */
	requested(&c, 1000000);
	ev = ev_of(IFGW_LEDGER_EV_COVER_PENDING, -1, 0);
	ev.answer_kind = IFGW_LEDGER_EV_COVER_DECLINE;
	ev.answer_at = at("2026-03-05T09:00:00Z");
	ck_assert_ok(cov_apply(&c, &ev, at("2026-03-03T09:00:00Z")));
	ck_assert_ok(ifgw_ledger_tick(due, 4, &n, &b, at("2026-03-05T09:00:00Z")));
	ck_assert_uint_eq(n, 1);
	ck_assert_ok(ifgw_ledger_apply_due(&b, &due[0], at("2026-03-05T09:00:00Z"), &fx));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_DECLINED);
	rows_since(fx.n_rows - 1, 1, IFGW_MSG_COVER_RESPONSE, IFGW_LEDGER_TO_PARTNER, 0);

	/* a decided answer must make sense */
	requested(&c, 1000000);
	ev = ev_of(IFGW_LEDGER_EV_COVER_PENDING, 1000001, 0);
	ev.answer_kind = IFGW_LEDGER_EV_COVER_APPROVE;
	ev.answer_at = at("2026-03-05T09:00:00Z");
	ck_assert_fails(cov_apply(&c, &ev, at("2026-03-03T09:00:00Z")), IFGW_ESTATE, "more granted than requested");
	ev = ev_of(IFGW_LEDGER_EV_COVER_PENDING, 100, 0);
	ev.answer_kind = IFGW_LEDGER_EV_COVER_APPROVE;
	ev.answer_at = at("2026-03-01T09:00:00Z");
	ck_assert_fails(cov_apply(&c, &ev, at("2026-03-03T09:00:00Z")), IFGW_ESTATE, "before now");
	ev.answer_kind = IFGW_LEDGER_EV_COVER_CANCEL;
	ev.answer_at = at("2026-03-05T09:00:00Z");
	ck_assert_fails(cov_apply(&c, &ev, at("2026-03-03T09:00:00Z")), IFGW_ESTATE, "approve or decline");
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_REQUESTED);
	/* an undecided pending (answer later by hand) is allowed: nothing for the tick */
	ev = ev_of(IFGW_LEDGER_EV_COVER_PENDING, -1, 0);
	ck_assert_ok(cov_apply(&c, &ev, at("2026-03-03T09:00:00Z")));
	ck_assert_ok(ifgw_ledger_tick(due, 4, &n, &b, at("2026-12-31T09:00:00Z")));
	ck_assert_uint_eq(n, 0);
}
END_TEST

/* ---- invoice ---------------------------------------------------------- */

START_TEST(import_invoice_rows)
{
	struct ifgw_ledger_invoice inv;
	size_t from;

	new_import_invoice(&inv);
	inv_refused(&inv, IFGW_LEDGER_EV_ASSIGN, -1, 0, at("2026-03-05T10:00:00Z"), "inbound only");
	from = fx.n_rows;
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_ASSIGN, -1, 1, at("2026-03-05T10:00:00Z")));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_ASSIGNED);
	ck_assert_int_eq(inv.funding.state, IFGW_LEDGER_FUNDING_CANCELLED);
	rows_since(from, 0, 0, 0, -1);
	inv_refused(&inv, IFGW_LEDGER_EV_ACCEPT, 800000, 1, at("2026-03-05T11:00:00Z"), "own act");
	from = fx.n_rows;
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_ACCEPT, 800000, 0, at("2026-03-05T11:00:00Z")));
	/* the notice to the debtor (the import factor notifies locally), the status to the export factor */
	ck_assert_uint_eq(fx.n_rows - from, 2);
	ck_assert_int_eq(fx.rows[from].msg_type, IFGW_MSG_DEBTOR_NOTICE);
	ck_assert_int_eq(fx.rows[from].to, IFGW_LEDGER_TO_DEBTOR);
	rows_since(from + 1, 1, IFGW_MSG_ASSIGNMENT_STATUS, IFGW_LEDGER_TO_PARTNER, 800000);
	inv_refused(&inv, IFGW_LEDGER_EV_FUND, -1, 0, at("2026-03-06T09:00:00Z"), "advances nothing");
	inv_refused(&inv, IFGW_LEDGER_EV_REPAY_ADVANCE, 100, 0, at("2026-03-06T09:00:00Z"), "advances nothing");
	/* the debtor pays the import factor: MSG11 */
	from = fx.n_rows;
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_PAY, 100000, 0, at("2026-03-20T09:00:00Z")));
	rows_since(from, 1, IFGW_MSG_PAYMENT, IFGW_LEDGER_TO_PARTNER, 100000);
	/* ... or the export factor (MSG12 received): nothing to send */
	from = fx.n_rows;
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_PAY, 100000, 1, at("2026-03-21T09:00:00Z")));
	rows_since(from, 0, 0, 0, -1);
	/* a credit note comes from the export factor only */
	inv_refused(&inv, IFGW_LEDGER_EV_CREDIT, 50000, 0, at("2026-03-22T09:00:00Z"), "inbound only");
	from = fx.n_rows;
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_CREDIT, 50000, 1, at("2026-03-22T09:00:00Z")));
	rows_since(from, 0, 0, 0, -1);
	/* the debtor disputes with the import factor: MSG14; info from the export factor; settled here: MSG15 */
	from = fx.n_rows;
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_DISPUTE, 200000, 0, at("2026-04-02T09:00:00Z")));
	rows_since(from, 1, IFGW_MSG_DISPUTE_NOTICE, IFGW_LEDGER_TO_PARTNER, 200000);
	inv_refused(&inv, IFGW_LEDGER_EV_DISPUTE_INFO, -1, 0, at("2026-04-03T09:00:00Z"), "inbound only");
	from = fx.n_rows;
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_DISPUTE_INFO, -1, 1, at("2026-04-03T09:00:00Z")));
	rows_since(from, 0, 0, 0, -1);
	from = fx.n_rows;
	{
		struct ifgw_ledger_event ev = ev_of(IFGW_LEDGER_EV_SETTLE, -1, 0);

		ev.outcome = IFGW_LEDGER_SETTLED_FOR_SELLER;
		ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-04-10T09:00:00Z"), &fx));
	}
	rows_since(from, 1, IFGW_MSG_DISPUTE_STATUS, IFGW_LEDGER_TO_PARTNER, 200000);
	/* the guarantee and the charge-back are the import factor's, never inbound */
	inv_refused(&inv, IFGW_LEDGER_EV_GUARANTEE_PAY, 100, 1, at("2026-06-29T09:00:00Z"), "own act");
	inv_refused(&inv, IFGW_LEDGER_EV_CHARGE_BACK, 100, 1, at("2026-06-29T09:00:00Z"), "own act");
	nothing_to_seller();
	ck_assert_int_eq(inv.funding.advanced.minor, 0);
}
END_TEST

static void one_invoice_book(struct ifgw_ledger_book *b, struct ifgw_ledger_invoice *inv)
{
	memset(b, 0, sizeof(*b));
	b->invoices = inv;
	b->n_invoices = 1;
}

/* Apply every due transition at now until none is left; how many. */
static size_t tick_all(struct ifgw_ledger_book *b, int64_t now)
{
	struct ifgw_ledger_due due[8];
	size_t n, i, count = 0;
	int round;

	for (round = 0; round < 32; round++) {
		ck_assert_ok(ifgw_ledger_tick(due, 8, &n, b, now));
		if (n == 0)
			return count;
		for (i = 0; i < n; i++) {
			ck_assert_msg(ifgw_ledger_apply_due(b, &due[i], now, &fx) == IFGW_OK, "%s",
				      ifgw_error_last());
			ck_assert_ok(ifgw_ledger_book_check(b));
			count++;
		}
	}
	ck_abort_msg("the tick never settles");
	return 0;
}

/* Import book: the tick duns the debtor, pays under guarantee at day 90 and
 * charges the unapproved rest back to the export factor. */
START_TEST(import_tick)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_ledger_book b;
	size_t from, i, letters = 0;

	new_import_invoice(&inv);
	one_invoice_book(&b, &inv);
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_ASSIGN, -1, 1, at("2026-03-05T10:00:00Z")));
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_ACCEPT, 600000, 0, at("2026-03-05T11:00:00Z")));
	/* nothing promised, so nothing missed */
	from = fx.n_rows;
	ck_assert_uint_eq(tick_all(&b, at("2026-03-31T09:00:00Z")), 0);
	/* dunning letters to the debtor, four of them by day 60 */
	ck_assert_uint_eq(tick_all(&b, at("2026-06-28T09:00:00Z")), 4);
	for (i = from; i < fx.n_rows; i++)
		if (fx.rows[i].msg_type == IFGW_MSG_NONE && fx.rows[i].to == IFGW_LEDGER_TO_DEBTOR)
			letters++;
	ck_assert_uint_eq(letters, 4);
	ck_assert_int_eq(inv.collection.state, IFGW_LEDGER_COLLECTION_HANDED_OVER);
	/* day 90: the covered 6000.00 under guarantee, then the 4000.00 rest charged back */
	from = fx.n_rows;
	ck_assert_uint_eq(tick_all(&b, at("2026-06-29T09:00:00Z")), 2);
	ck_assert_uint_eq(fx.n_rows - from, 2);
	row_is(from, IFGW_MSG_GUARANTEE_PAYMENT, IFGW_LEDGER_TO_PARTNER, 600000);
	row_is(from + 1, IFGW_MSG_CHARGEBACK, IFGW_LEDGER_TO_PARTNER, 400000);
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_GUARANTEED);
	ck_assert_int_eq(inv.outstanding.minor, 0);
	nothing_to_seller();
}
END_TEST

/* Import book: a dispute left unsettled 180 days is charged back to the
 * export factor by the tick. */
START_TEST(import_dispute_window)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_ledger_book b;
	size_t from;

	new_import_invoice(&inv);
	one_invoice_book(&b, &inv);
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_ASSIGN, -1, 1, at("2026-03-05T10:00:00Z")));
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_ACCEPT, 1000000, 0, at("2026-03-05T11:00:00Z")));
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_DISPUTE, 1000000, 1, at("2026-04-10T09:00:00Z")));
	ck_assert_uint_eq(fx.n_rows, 2); /* notice + status, nothing for the dispute received */
	from = fx.n_rows;
	tick_all(&b, at("2026-10-07T09:00:01Z"));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_CHARGED_BACK);
	ck_assert_int_eq(inv.dispute.state, IFGW_LEDGER_DISPUTE_CHARGED_BACK);
	rows_since(fx.n_rows - 1, 1, IFGW_MSG_CHARGEBACK, IFGW_LEDGER_TO_PARTNER, 1000000);
	ck_assert_uint_gt(fx.n_rows, from);
	nothing_to_seller();
}
END_TEST

/* Home book with a partner: the tick leaves the import factor's acts and
 * the dunning to it; a domestic home book keeps them. */
START_TEST(home_tick_filter)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_ledger_book b;
	struct ifgw_ledger_due due[4];
	struct ifgw_ledger_event ev;
	size_t n;

	{
		struct ifgw_money m = eur(1000000);

		ck_assert_ok(ifgw_ledger_invoice_init(&inv, "INV-1", "S1", "D1", &m, day("2026-03-31"), &home));
	}
	one_invoice_book(&b, &inv);
	ev = ev_of(IFGW_LEDGER_EV_ASSIGN, -1, 0);
	ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-03-05T10:00:00Z"), &fx));
	ev = ev_of(IFGW_LEDGER_EV_ACCEPT, 600000, 1);
	ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-03-05T11:00:00Z"), &fx));
	ev = ev_of(IFGW_LEDGER_EV_FUND, -1, 0);
	ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-03-06T09:00:00Z"), &fx));
	ev = ev_of(IFGW_LEDGER_EV_DISPUTE, 100000, 1);
	ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-04-10T09:00:00Z"), &fx));
	/* day 90 past due, the dispute's window long closed: nothing is the home book's */
	ck_assert_ok(ifgw_ledger_tick(due, 4, &n, &b, at("2026-12-31T09:00:00Z")));
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(due[0].event.kind, IFGW_LEDGER_EV_DISPUTE_INFO_OVERDUE);
	ck_assert_ok(ifgw_ledger_apply_due(&b, &due[0], at("2026-12-31T09:00:00Z"), &fx));
	ck_assert_ok(ifgw_ledger_tick(due, 4, &n, &b, at("2026-12-31T09:00:00Z")));
	ck_assert_uint_eq(n, 0);
	/* the same arrive inbound */
	ev = ev_of(IFGW_LEDGER_EV_DISPUTE_WINDOW_CLOSED, -1, 1);
	ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-12-31T09:00:00Z"), &fx));
	ev = ev_of(IFGW_LEDGER_EV_GUARANTEE_PAY, 600000, 1);
	ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-12-31T09:00:00Z"), &fx));
	ev = ev_of(IFGW_LEDGER_EV_CHARGE_BACK, 300000, 1);
	ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-12-31T09:00:00Z"), &fx));
	ck_assert_int_eq(inv.outstanding.minor, 0);
	ck_assert_ok(ifgw_ledger_invoice_check(&inv));

	/* domestic: the home factor is the only one, its tick pays the guarantee */
	home.product = IFGW_PRODUCT_CLASSIC;
	home.partner[0] = '\0';
	{
		struct ifgw_money m = eur(1000000);

		ck_assert_ok(ifgw_ledger_invoice_init(&inv, "INV-2", "S1", "D1", &m, day("2026-03-31"), &home));
	}
	ev = ev_of(IFGW_LEDGER_EV_ASSIGN, -1, 0);
	ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-03-05T10:00:00Z"), &fx));
	ev = ev_of(IFGW_LEDGER_EV_ACCEPT, 600000, 0);
	ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-03-05T11:00:00Z"), &fx));
	ev = ev_of(IFGW_LEDGER_EV_FUND, -1, 0);
	ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-03-06T09:00:00Z"), &fx));
	ck_assert_ok(ifgw_ledger_tick(due, 4, &n, &b, at("2026-06-29T09:00:00Z")));
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(due[0].event.kind, IFGW_LEDGER_EV_GUARANTEE_PAY);
	tick_all(&b, at("2026-06-29T09:00:00Z"));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_GUARANTEED);
}
END_TEST

/* ---- the roles kept in the store (gateway/node/book.c) ----------------- */

static char dir[256], uri[300];
static struct ifgw_store *store;
static struct ifgw_book book;

static const struct ifgw_ledger_contract *find_import(void *ctx, const char *seller, const char *partner)
{
	(void)ctx;
	(void)seller;
	return strcmp(partner, EF) == 0 ? &imp : NULL;
}

static void store_setup(void)
{
	setup();
	snprintf(dir, sizeof(dir), "%s/ifgw-import-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(uri, sizeof(uri), "sqlite:%s/book.db", dir);
	ifgw_clock_set(at("2026-03-01T09:00:00Z"));
	ck_assert_ok(ifgw_store_open(&store, uri, NULL, 0));
	memset(&book, 0, sizeof(book));
	book.store = store;
	book.contracts.find = find_import;
}

static void store_teardown(void)
{
	static const char *const files[] = {"book.db", "book.db-wal", "book.db-shm"};
	char path[400];
	size_t i;

	ifgw_store_close(store);
	store = NULL;
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

START_TEST(stored_roles)
{
	struct ifgw_ledger_seller s, s2;
	struct ifgw_ledger_cover c, c2;

	memset(&s, 0, sizeof(s));
	snprintf(s.id, sizeof(s.id), "S1");
	snprintf(s.partner, sizeof(s.partner), EF);
	s.role = IFGW_LEDGER_ROLE_IMPORT;
	ck_assert_ok(ifgw_book_add_seller(&book, &s));
	ck_assert_ok(ifgw_book_load_seller(&book, "S1", &s2));
	ck_assert_int_eq(s2.role, IFGW_LEDGER_ROLE_IMPORT);
	ck_assert_str_eq(s2.partner, EF);

	/* a pending cover with its decided answer reads back whole */
	import_cover(&c);
	c.state = IFGW_LEDGER_COVER_PENDING;
	c.requested = eur(1000000);
	c.granted = eur(0);
	c.requested_at = at("2026-03-02T09:00:00Z");
	c.answer_kind = IFGW_LEDGER_EV_COVER_APPROVE;
	c.answer_amount = eur(700000);
	c.answer_at = at("2026-03-10T09:00:00Z");
	c.since = c.requested_at;
	ck_assert_ok(ifgw_book_add_cover(&book, &c));
	ck_assert_ok(ifgw_book_load_cover(&book, "CR-1", &c2));
	ck_assert_int_eq(c2.role, IFGW_LEDGER_ROLE_IMPORT);
	ck_assert_str_eq(c2.debtor_country, "DE");
	ck_assert_int_eq(c2.answer_kind, IFGW_LEDGER_EV_COVER_APPROVE);
	ck_assert_int_eq(c2.answer_amount.minor, 700000);
	ck_assert_str_eq(c2.answer_amount.ccy->code, "EUR");
	ck_assert_int_eq(c2.answer_at, c.answer_at);
	ck_assert_int_eq(c2.requested.minor, 1000000);
	ck_assert_int_eq(c2.state, IFGW_LEDGER_COVER_PENDING);
}
END_TEST

static void put_raw(enum ifgw_store_thing thing, struct ifgw_store_thing_row *r)
{
	ck_assert_ok(ifgw_store_begin(store));
	ck_assert_ok(ifgw_store_thing_put(store, thing, r));
	ck_assert_ok(ifgw_store_commit(store));
}

/* Rows written before the roles read as the home role's; a role the
 * ledger does not know is refused. */
START_TEST(stored_rows_before_roles)
{
	struct ifgw_store_thing_row r;
	struct ifgw_ledger_seller s;
	struct ifgw_ledger_cover c;

	memset(&r, 0, sizeof(r));
	snprintf(r.id, sizeof(r.id), "S0");
	snprintf(r.state, sizeof(r.state), "registered");
	r.detail[0] = IFGW_LEDGER_SELLER_REGISTERED;
	r.detail[1] = at("2026-01-01T00:00:00Z");
	r.n_detail = 2;
	put_raw(IFGW_STORE_SELLERS, &r);
	ck_assert_ok(ifgw_book_load_seller(&book, "S0", &s));
	ck_assert_int_eq(s.role, IFGW_LEDGER_ROLE_HOME);
	ck_assert_int_eq(s.state, IFGW_LEDGER_SELLER_REGISTERED);

	memset(&r, 0, sizeof(r));
	snprintf(r.id, sizeof(r.id), "CR-0");
	snprintf(r.seller, sizeof(r.seller), "S0");
	snprintf(r.debtor, sizeof(r.debtor), "D1");
	snprintf(r.state, sizeof(r.state), "approved");
	snprintf(r.currency, sizeof(r.currency), "EUR");
	r.figures[0] = 500000;
	r.figures[1] = 500000;
	r.detail[0] = IFGW_LEDGER_COVER_APPROVED;
	r.detail[2] = IFGW_DATE_NONE;
	r.detail[5] = 3; /* both amounts in EUR */
	r.n_detail = 6;
	put_raw(IFGW_STORE_COVERS, &r);
	ck_assert_ok(ifgw_book_load_cover(&book, "CR-0", &c));
	ck_assert_int_eq(c.role, IFGW_LEDGER_ROLE_HOME);
	ck_assert_str_eq(c.debtor_country, "");
	ck_assert_int_eq(c.answer_kind, 0);
	ck_assert_ptr_null(c.answer_amount.ccy);
	ck_assert_int_eq(c.granted.minor, 500000);

	memset(&r, 0, sizeof(r));
	snprintf(r.id, sizeof(r.id), "S9");
	snprintf(r.state, sizeof(r.state), "new");
	r.detail[2] = 7;
	r.n_detail = 3;
	put_raw(IFGW_STORE_SELLERS, &r);
	ck_assert_fails(ifgw_book_load_seller(&book, "S9", &s), IFGW_EPARSE, "role 7");
	ifgw_error_clear();
}
END_TEST

/* Through the book: the request recorded, a pending answer applied, the
 * tick over the stored books answers at its time. */
START_TEST(stored_pending_answered_by_tick)
{
	struct ifgw_ledger_cover c;
	struct ifgw_ledger_event ev;
	const struct ifgw_ledger_effects *last;
	size_t applied = 0;

	import_cover(&c);
	ck_assert_ok(ifgw_book_add_cover(&book, &c));
	ev = ev_of(IFGW_LEDGER_EV_COVER_REQUEST, 1000000, 1);
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_COVER, "CR-1", &ev, at("2026-03-02T09:00:00Z")));
	ck_assert_uint_eq(ifgw_book_last_effects(&book)->n_rows, 0);
	ev = ev_of(IFGW_LEDGER_EV_COVER_PENDING, 600000, 0);
	ev.answer_kind = IFGW_LEDGER_EV_COVER_APPROVE;
	ev.answer_at = at("2026-03-09T09:00:00Z");
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_COVER, "CR-1", &ev, at("2026-03-02T10:00:00Z")));
	last = ifgw_book_last_effects(&book);
	ck_assert_uint_eq(last->n_rows, 1);
	ck_assert_int_eq(last->rows[0].msg_type, IFGW_MSG_COVER_RESPONSE);
	ck_assert_ok(ifgw_book_tick(&book, at("2026-03-09T08:00:00Z"), &applied));
	ck_assert_uint_eq(applied, 0);
	ck_assert_ok(ifgw_book_tick(&book, at("2026-03-09T09:00:00Z"), &applied));
	ck_assert_uint_eq(applied, 1);
	ck_assert_ok(ifgw_book_load_cover(&book, "CR-1", &c));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_PARTLY_APPROVED);
	ck_assert_int_eq(c.granted.minor, 600000);
	ck_assert_int_eq(c.answer_kind, 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ledger_import");
	TCase *tc = tcase_create("role"), *ts;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, import_contract_checked);
	tcase_add_test(tc, import_seller);
	tcase_add_test(tc, import_cover_answers);
	tcase_add_test(tc, import_cover_pending_then_tick);
	tcase_add_test(tc, import_invoice_rows);
	tcase_add_test(tc, import_tick);
	tcase_add_test(tc, import_dispute_window);
	tcase_add_test(tc, home_tick_filter);
	suite_add_tcase(s, tc);
	ts = tcase_create("stored");
	tcase_add_checked_fixture(ts, store_setup, store_teardown);
	tcase_add_test(ts, stored_roles);
	tcase_add_test(ts, stored_rows_before_roles);
	tcase_add_test(ts, stored_pending_answered_by_tick);
	suite_add_tcase(s, ts);
	return s;
}

IFGW_TEST_MAIN(suite)
