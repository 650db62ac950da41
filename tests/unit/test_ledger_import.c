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

/* ---- decisions (decide.c) --------------------------------------------- */

static struct ifgw_money usd(int64_t minor)
{
	struct ifgw_money m;

	m.minor = minor;
	m.ccy = ifgw_currency_find("USD");
	return m;
}

/* A request of `amount` for debtor D1 in DE, received at 2026-03-02 09:00. */
static void request_of(struct ifgw_ledger_cover *c, struct ifgw_money amount)
{
	import_cover(c);
	c->state = IFGW_LEDGER_COVER_REQUESTED;
	c->requested = amount;
	c->granted = amount;
	c->granted.minor = 0;
	c->requested_at = at("2026-03-02T09:00:00Z");
}

static struct ifgw_ledger_exposure exposure(int64_t debtor, int64_t country)
{
	struct ifgw_ledger_exposure x;

	x.debtor = eur(debtor);
	x.country = eur(country);
	return x;
}

/* Decide and check kind, amount and a word of the reason. */
static struct ifgw_ledger_decision decide(const struct ifgw_ledger_policy *p, struct ifgw_money amount,
					  const struct ifgw_ledger_exposure *x, int kind, int64_t granted,
					  const char *why)
{
	struct ifgw_ledger_decision d;
	struct ifgw_ledger_cover rq;

	request_of(&rq, amount);
	ck_assert_ok(ifgw_ledger_decide_cover(&d, p, &rq, x, at("2026-03-02T09:00:00Z")));
	ck_assert_msg(d.kind == kind, "decided %s, want %s (%s)", ifgw_ledger_event_name(d.kind),
		      ifgw_ledger_event_name(kind), d.reason);
	ck_assert_int_eq(d.amount.minor, granted);
	ck_assert_ptr_nonnull(d.amount.ccy);
	ck_assert_msg(strstr(d.reason, why) != NULL, "reason '%s' lacks '%s'", d.reason, why);
	return d;
}

START_TEST(decide_decline_lists)
{
	static const char *const debtors[] = {"D9", "D1"};
	static const char countries[][3] = {"IT", "DE"};
	struct ifgw_ledger_policy p;
	struct ifgw_ledger_cover rq;

	decide(NULL, eur(100000), NULL, IFGW_LEDGER_EV_COVER_DECLINE, 0, "no decision policy");
	memset(&p, 0, sizeof(p));
	/* an empty policy limits nothing */
	decide(&p, eur(100000), NULL, IFGW_LEDGER_EV_COVER_APPROVE, 100000, "no limit applies");
	p.decline_debtors = debtors;
	p.n_decline_debtors = 2;
	p.pending_days = 5; /* a listed debtor is declined at once all the same */
	decide(&p, eur(100000), NULL, IFGW_LEDGER_EV_COVER_DECLINE, 0, "debtor D1 is on the decline list");
	p.n_decline_debtors = 1;
	p.decline_countries = countries;
	p.n_decline_countries = 2;
	decide(&p, eur(100000), NULL, IFGW_LEDGER_EV_COVER_DECLINE, 0, "debtors in DE are declined");
	p.n_decline_countries = 1;
	decide(&p, eur(100000), NULL, IFGW_LEDGER_EV_COVER_PENDING, 0, "no limit applies");
	/* no amount: not a request */
	request_of(&rq, eur(0));
	{
		struct ifgw_ledger_decision d;

		ck_assert_fails(ifgw_ledger_decide_cover(&d, &p, &rq, NULL, at("2026-03-02T09:00:00Z")), IFGW_EINVAL,
				"requested amount");
	}
	ifgw_error_clear();
}
END_TEST

START_TEST(decide_debtor_limit_and_partial)
{
	struct ifgw_ledger_policy p;
	struct ifgw_ledger_exposure x = exposure(3000000, 0);

	memset(&p, 0, sizeof(p));
	p.debtor_limit = eur(10000000); /* 100000.00 EUR, 30000.00 in force already */
	decide(&p, eur(7000000), &x, IFGW_LEDGER_EV_COVER_APPROVE, 7000000, "within the limits");
	decide(&p, eur(7000001), &x, IFGW_LEDGER_EV_COVER_DECLINE, 0,
	       "beyond the debtor limit (70000.00 EUR left); no partial approval");
	/* partial: at most 50 % of the request, within what is left */
	p.partial_max_pct = 500000;
	decide(&p, eur(8000000), &x, IFGW_LEDGER_EV_COVER_APPROVE, 4000000, "40000.00 EUR granted in part");
	decide(&p, eur(20000000), &x, IFGW_LEDGER_EV_COVER_APPROVE, 7000000, "70000.00 EUR granted in part");
	/* nothing left: declined, partial or not */
	x = exposure(10000000, 0);
	decide(&p, eur(100), &x, IFGW_LEDGER_EV_COVER_DECLINE, 0, "(0.00 EUR left)");
	/* exposure above the limit counts as nothing left */
	x = exposure(12000000, 0);
	decide(&p, eur(100), &x, IFGW_LEDGER_EV_COVER_DECLINE, 0, "debtor limit");
	/* a half cent rounds toward zero: 0.01 at 50 % is nothing */
	x = exposure(9999999, 0);
	decide(&p, eur(2), &x, IFGW_LEDGER_EV_COVER_APPROVE, 1, "granted in part");
	decide(&p, eur(1), &x, IFGW_LEDGER_EV_COVER_APPROVE, 1, "within the limits");
}
END_TEST

START_TEST(decide_country_limit)
{
	struct ifgw_ledger_country_limit limits[2];
	struct ifgw_ledger_policy p;
	struct ifgw_ledger_exposure x = exposure(0, 5000000);
	struct ifgw_ledger_decision d;
	struct ifgw_ledger_cover rq;

	memset(&p, 0, sizeof(p));
	memset(limits, 0, sizeof(limits));
	snprintf(limits[0].country, 3, "FR");
	limits[0].limit = eur(100);
	snprintf(limits[1].country, 3, "DE");
	limits[1].limit = eur(6000000);
	p.country_limits = limits;
	p.n_country_limits = 2;
	p.debtor_limit = eur(10000000);
	p.partial_max_pct = IFGW_PERCENT_ONE;
	/* DE: 60000.00, 50000.00 in force: 10000.00 left, below the debtor's room */
	decide(&p, eur(1000000), &x, IFGW_LEDGER_EV_COVER_APPROVE, 1000000, "within the limits");
	decide(&p, eur(2000000), &x, IFGW_LEDGER_EV_COVER_APPROVE, 1000000, "beyond the country limit");
	/* the debtor's room is the smaller one */
	x = exposure(9500000, 5000000);
	decide(&p, eur(2000000), &x, IFGW_LEDGER_EV_COVER_APPROVE, 500000, "beyond the debtor limit");
	/* a debtor whose country has no limit: the debtor limit only */
	request_of(&rq, eur(2000000));
	snprintf(rq.debtor_country, sizeof(rq.debtor_country), "US");
	x = exposure(0, 0);
	ck_assert_ok(ifgw_ledger_decide_cover(&d, &p, &rq, &x, at("2026-03-02T09:00:00Z")));
	ck_assert_int_eq(d.kind, IFGW_LEDGER_EV_COVER_APPROVE);
	ck_assert_int_eq(d.amount.minor, 2000000);
	/* country limits and no country known: it cannot be weighed */
	rq.debtor_country[0] = '\0';
	ck_assert_ok(ifgw_ledger_decide_cover(&d, &p, &rq, &x, at("2026-03-02T09:00:00Z")));
	ck_assert_int_eq(d.kind, IFGW_LEDGER_EV_COVER_DECLINE);
	ck_assert_ptr_nonnull(strstr(d.reason, "country is unknown"));
}
END_TEST

START_TEST(decide_currency)
{
	struct ifgw_ledger_country_limit limit;
	struct ifgw_ledger_policy p;

	memset(&p, 0, sizeof(p));
	p.debtor_limit = eur(10000000);
	decide(&p, usd(100000), NULL, IFGW_LEDGER_EV_COVER_DECLINE, 0, "requested in USD, the policy's limits are in EUR");
	memset(&p, 0, sizeof(p));
	memset(&limit, 0, sizeof(limit));
	snprintf(limit.country, 3, "DE");
	limit.limit = eur(100);
	p.country_limits = &limit;
	p.n_country_limits = 1;
	decide(&p, usd(100000), NULL, IFGW_LEDGER_EV_COVER_DECLINE, 0, "limits are in EUR");
	memset(&p, 0, sizeof(p));
	p.auto_approve_below = eur(100);
	decide(&p, usd(100000), NULL, IFGW_LEDGER_EV_COVER_DECLINE, 0, "limits are in EUR");
	/* no limit applies: the currency is no reason */
	memset(&p, 0, sizeof(p));
	snprintf(limit.country, 3, "FR");
	p.country_limits = &limit;
	p.n_country_limits = 1;
	decide(&p, usd(100000), NULL, IFGW_LEDGER_EV_COVER_APPROVE, 100000, "no limit applies");
	/* an exposure in another currency than the request is the caller's mistake */
	{
		struct ifgw_ledger_exposure x = exposure(0, 0);
		struct ifgw_ledger_decision d;
		struct ifgw_ledger_cover rq;

		request_of(&rq, usd(100000));
		ck_assert_fails(ifgw_ledger_decide_cover(&d, &p, &rq, &x, at("2026-03-02T09:00:00Z")), IFGW_EINVAL,
				"exposure in another currency");
		ifgw_error_clear();
	}
}
END_TEST

START_TEST(decide_auto_and_pending)
{
	struct ifgw_ledger_policy p;
	struct ifgw_ledger_exposure x = exposure(0, 0);
	struct ifgw_ledger_decision d;
	struct ifgw_ledger_event ev;
	struct ifgw_ledger_cover c;
	struct ifgw_ledger_book b;
	struct ifgw_ledger_due due[2];
	size_t n;

	memset(&p, 0, sizeof(p));
	p.debtor_limit = eur(5000000);
	p.auto_approve_below = eur(1000000);
	p.partial_max_pct = 500000;
	p.pending_days = 5;
	/* below the auto-approval amount: at once */
	decide(&p, eur(999999), &x, IFGW_LEDGER_EV_COVER_APPROVE, 999999, "below the auto-approval amount");
	/* at it: reviewed, the answer in 5 days */
	d = decide(&p, eur(1000000), &x, IFGW_LEDGER_EV_COVER_PENDING, 0, "within the limits");
	ck_assert_int_eq(d.final_kind, IFGW_LEDGER_EV_COVER_APPROVE);
	ck_assert_int_eq(d.final_amount.minor, 1000000);
	ck_assert_int_eq(d.answer_at, at("2026-03-07T09:00:00Z"));
	/* below it but beyond the limit: reviewed (partly) */
	x = exposure(4800000, 0);
	d = decide(&p, eur(500000), &x, IFGW_LEDGER_EV_COVER_PENDING, 0, "granted in part");
	ck_assert_int_eq(d.final_kind, IFGW_LEDGER_EV_COVER_APPROVE);
	ck_assert_int_eq(d.final_amount.minor, 200000);
	/* a decline by the limits waits too */
	x = exposure(5000000, 0);
	d = decide(&p, eur(500000), &x, IFGW_LEDGER_EV_COVER_PENDING, 0, "debtor limit");
	ck_assert_int_eq(d.final_kind, IFGW_LEDGER_EV_COVER_DECLINE);

	/* applied: pending with the decided answer, which the tick sends on day 5 */
	x = exposure(4800000, 0);
	request_of(&c, eur(500000));
	ck_assert_ok(ifgw_ledger_decide_cover(&d, &p, &c, &x, at("2026-03-02T09:00:00Z")));
	ifgw_ledger_decision_event(&ev, &d, "policy");
	ck_assert_int_eq(ev.kind, IFGW_LEDGER_EV_COVER_PENDING);
	ck_assert_ok(ifgw_ledger_cover_apply(&c, &ev, at("2026-03-02T09:00:00Z"), &fx));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_PENDING);
	one_cover_book(&b, &c);
	ck_assert_ok(ifgw_ledger_tick(due, 2, &n, &b, at("2026-03-07T08:59:59Z")));
	ck_assert_uint_eq(n, 0);
	ck_assert_ok(ifgw_ledger_tick(due, 2, &n, &b, at("2026-03-07T09:00:00Z")));
	ck_assert_uint_eq(n, 1);
	ck_assert_ok(ifgw_ledger_apply_due(&b, &due[0], at("2026-03-07T09:00:00Z"), &fx));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_PARTLY_APPROVED);
	ck_assert_int_eq(c.granted.minor, 200000);
	row_is(fx.n_rows - 1, IFGW_MSG_COVER_RESPONSE, IFGW_LEDGER_TO_PARTNER, 200000);

	/* an answer at once, applied */
	request_of(&c, eur(100));
	ck_assert_ok(ifgw_ledger_decide_cover(&d, &p, &c, NULL, at("2026-03-02T09:00:00Z")));
	ifgw_ledger_decision_event(&ev, &d, "policy");
	ck_assert_int_eq(ev.kind, IFGW_LEDGER_EV_COVER_APPROVE);
	ck_assert_ok(ifgw_ledger_cover_apply(&c, &ev, at("2026-03-02T09:00:00Z"), &fx));
	ck_assert_int_eq(c.state, IFGW_LEDGER_COVER_APPROVED);
}
END_TEST

START_TEST(exposure_counts)
{
	struct ifgw_ledger_cover cs[8], rq;
	struct ifgw_ledger_exposure x;
	size_t i;

	for (i = 0; i < 8; i++) {
		import_cover(&cs[i]);
		snprintf(cs[i].id, sizeof(cs[i].id), "CR-%zu", i);
		cs[i].state = IFGW_LEDGER_COVER_APPROVED;
		cs[i].requested = eur(1000000);
		cs[i].granted = eur(100 << i);
	}
	cs[1].state = IFGW_LEDGER_COVER_PENDING; /* its decided approval counts */
	cs[1].granted = eur(0);
	cs[1].answer_kind = IFGW_LEDGER_EV_COVER_APPROVE;
	cs[1].answer_amount = eur(200);
	cs[2].state = IFGW_LEDGER_COVER_DECLINED; /* no */
	cs[3].role = IFGW_LEDGER_ROLE_HOME;       /* another's decision: no */
	cs[4].granted = usd(1600);                /* another currency: no */
	snprintf(cs[5].debtor, sizeof(cs[5].debtor), "D2"); /* the country only */
	snprintf(cs[6].debtor, sizeof(cs[6].debtor), "D3"); /* neither */
	snprintf(cs[6].debtor_country, sizeof(cs[6].debtor_country), "FR");
	cs[7].state = IFGW_LEDGER_COVER_REVISED;  /* in force */
	request_of(&rq, eur(5000));
	snprintf(rq.id, sizeof(rq.id), "CR-NEW");
	ck_assert_ok(ifgw_ledger_exposure_sum(&x, cs, 8, &rq));
	ck_assert_int_eq(x.debtor.minor, 100 + 200 + 12800);
	ck_assert_int_eq(x.country.minor, 100 + 200 + 3200 + 12800);
	ck_assert_str_eq(x.debtor.ccy->code, "EUR");
	/* the request itself is never counted */
	ck_assert_ok(ifgw_ledger_exposure_sum(&x, cs, 8, &cs[0]));
	ck_assert_int_eq(x.debtor.minor, 200 + 12800);
	ck_assert_ok(ifgw_ledger_exposure_sum(&x, NULL, 0, &rq));
	ck_assert_int_eq(x.debtor.minor + x.country.minor, 0);
}
END_TEST

START_TEST(decide_assignment_rules)
{
	struct ifgw_ledger_invoice inv, others[3];
	struct ifgw_ledger_event ev;
	struct ifgw_ledger_cover c;
	struct ifgw_money m;

	new_import_invoice(&inv); /* 10000.00 EUR, S1 -> D1 */
	import_cover(&c);
	c.state = IFGW_LEDGER_COVER_APPROVED;
	c.requested = eur(2000000);
	c.granted = eur(2000000);
	ck_assert_ok(ifgw_ledger_decide_assignment(&ev, &inv, &c, 0, "policy"));
	ck_assert_int_eq(ev.kind, IFGW_LEDGER_EV_ACCEPT);
	ck_assert_int_eq(ev.amount.minor, 1000000);
	ck_assert_str_eq(ev.actor, "policy");
	ck_assert_ok(ifgw_ledger_decide_assignment(&ev, &inv, &c, 1300000, "policy"));
	ck_assert_int_eq(ev.amount.minor, 700000);
	ck_assert_ok(ifgw_ledger_decide_assignment(&ev, &inv, &c, 2500000, "policy"));
	ck_assert_int_eq(ev.kind, IFGW_LEDGER_EV_ACCEPT);
	ck_assert_int_eq(ev.amount.minor, 0);
	/* no cover, or none in force, or another debtor's: accepted unapproved */
	ck_assert_ok(ifgw_ledger_decide_assignment(&ev, &inv, NULL, 0, "policy"));
	ck_assert_int_eq(ev.kind, IFGW_LEDGER_EV_ACCEPT);
	ck_assert_int_eq(ev.amount.minor, 0);
	ck_assert_str_eq(ev.amount.ccy->code, "EUR");
	c.state = IFGW_LEDGER_COVER_DECLINED;
	ck_assert_ok(ifgw_ledger_decide_assignment(&ev, &inv, &c, 0, "policy"));
	ck_assert_int_eq(ev.amount.minor, 0);
	c.state = IFGW_LEDGER_COVER_REVISED;
	snprintf(c.debtor, sizeof(c.debtor), "D2");
	ck_assert_ok(ifgw_ledger_decide_assignment(&ev, &inv, &c, 0, "policy"));
	ck_assert_int_eq(ev.amount.minor, 0);
	/* a cover in force in another currency: rejected */
	snprintf(c.debtor, sizeof(c.debtor), "D1");
	c.requested = usd(2000000);
	c.granted = usd(2000000);
	ck_assert_ok(ifgw_ledger_decide_assignment(&ev, &inv, &c, 0, "policy"));
	ck_assert_int_eq(ev.kind, IFGW_LEDGER_EV_REJECT);
	/* and the decision applies */
	c.requested = eur(2000000);
	c.granted = eur(2000000);
	ck_assert_ok(inv_apply(&inv, IFGW_LEDGER_EV_ASSIGN, -1, 1, at("2026-03-05T10:00:00Z")));
	ck_assert_ok(ifgw_ledger_decide_assignment(&ev, &inv, &c, 1500000, "policy"));
	ck_assert_ok(ifgw_ledger_invoice_apply(&inv, &ev, at("2026-03-05T10:00:00Z"), &fx));
	ck_assert_int_eq(inv.approved.minor, 500000);

	/* what invoices take of a cover: approved, not yet guaranteed, still outstanding */
	m = eur(400000);
	ck_assert_ok(ifgw_ledger_invoice_init(&others[0], "INV-A", "S1", "D1", &m, day("2026-03-31"), &imp));
	others[0].approved.minor = 300000;
	others[0].outstanding.minor = 250000; /* paid in part: 2500.00 left of 3000.00 approved */
	ck_assert_ok(ifgw_ledger_invoice_init(&others[1], "INV-B", "S1", "D2", &m, day("2026-03-31"), &imp));
	others[1].approved.minor = 400000; /* another debtor */
	ck_assert_ok(ifgw_ledger_invoice_init(&others[2], "INV-C", "S1", "D1", &m, day("2026-03-31"), &imp));
	others[2].approved.minor = 400000;
	others[2].guaranteed.minor = 100000;
	ck_assert_int_eq(ifgw_ledger_cover_used(others, 3, &c, NULL), 250000 + 300000);
	ck_assert_int_eq(ifgw_ledger_cover_used(others, 3, &c, &others[2]), 250000);
	ck_assert_int_eq(ifgw_ledger_cover_used(others, 3, NULL, NULL), 0);
}
END_TEST

/* ---- a mirrored pair -------------------------------------------------- */

/* The export factor's home book and the import factor's book over the same
 * invoice: every act is local on its author's side and inbound on the
 * other; the import factor's timers run on its tick and reach the home book
 * inbound.  After every step both books give the same figures. */
struct pair {
	struct ifgw_ledger_invoice h, m;
	struct ifgw_ledger_book hb, mb;
};

enum side { BY_EF, BY_IF, HOME_ONLY };

static void same_figures(const struct pair *p, const char *after)
{
	const struct ifgw_ledger_invoice *h = &p->h, *m = &p->m;

	ck_assert_msg(h->amount.minor == m->amount.minor && h->approved.minor == m->approved.minor &&
			      h->paid.minor == m->paid.minor && h->guaranteed.minor == m->guaranteed.minor &&
			      h->credited.minor == m->credited.minor && h->charged_back.minor == m->charged_back.minor &&
			      h->outstanding.minor == m->outstanding.minor && h->disputed.minor == m->disputed.minor &&
			      h->dispute.state == m->dispute.state,
		      "after %s: home approved %lld paid %lld guaranteed %lld credited %lld charged back %lld outstanding "
		      "%lld disputed %lld, import %lld %lld %lld %lld %lld %lld %lld",
		      after, (long long)h->approved.minor, (long long)h->paid.minor, (long long)h->guaranteed.minor,
		      (long long)h->credited.minor, (long long)h->charged_back.minor, (long long)h->outstanding.minor,
		      (long long)h->disputed.minor, (long long)m->approved.minor, (long long)m->paid.minor,
		      (long long)m->guaranteed.minor, (long long)m->credited.minor, (long long)m->charged_back.minor,
		      (long long)m->outstanding.minor, (long long)m->disputed.minor);
	ck_assert_msg(ifgw_ledger_invoice_check(h) == IFGW_OK, "home after %s: %s", after, ifgw_error_last());
	ck_assert_msg(ifgw_ledger_invoice_check(m) == IFGW_OK, "import after %s: %s", after, ifgw_error_last());
}

static void pair_init(struct pair *p)
{
	struct ifgw_money m = eur(1000000);

	memset(p, 0, sizeof(*p));
	ck_assert_ok(ifgw_ledger_invoice_init(&p->h, "INV-1", "S1", "D1", &m, day("2026-03-31"), &home));
	ck_assert_ok(ifgw_ledger_invoice_init(&p->m, "INV-1", "S1", "D1", &m, day("2026-03-31"), &imp));
	one_invoice_book(&p->hb, &p->h);
	one_invoice_book(&p->mb, &p->m);
}

/* One act on both books; returns the (equal) result. */
static int pair_act(struct pair *p, const struct ifgw_ledger_event *base, enum side side, int64_t now)
{
	struct ifgw_ledger_event eh = *base, em = *base;
	int rh, rm = IFGW_OK;
	char rm_why[512];

	eh.inbound = side == BY_IF;
	em.inbound = side == BY_EF;
	rm_why[0] = '\0';
	if (side != HOME_ONLY) {
		ifgw_error_clear();
		ifgw_ledger_effects_init(&fx);
		rm = ifgw_ledger_invoice_apply(&p->m, &em, now, &fx);
		snprintf(rm_why, sizeof(rm_why), "%s", ifgw_error_last());
	}
	ifgw_error_clear();
	ifgw_ledger_effects_init(&fx);
	rh = ifgw_ledger_invoice_apply(&p->h, &eh, now, &fx);
	if (side != HOME_ONLY)
		ck_assert_msg(rh == rm, "%s: home %s (%s), import %s (%s)", ifgw_ledger_event_name(base->kind),
			      ifgw_result_name(rh), ifgw_error_last(), ifgw_result_name(rm), rm_why);
	same_figures(p, ifgw_ledger_event_name(base->kind));
	ifgw_error_clear();
	return rh;
}

/* The import factor's tick; what it applies that the export factor hears
 * of reaches the home book inbound; then the home book's own tick. */
static size_t pair_tick(struct pair *p, int64_t now)
{
	struct ifgw_ledger_due due[4];
	struct ifgw_ledger_event eh;
	size_t n, i, mirrored = 0;
	int round;

	for (round = 0; round < 32; round++) {
		ck_assert_ok(ifgw_ledger_tick(due, 4, &n, &p->mb, now));
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			ifgw_ledger_effects_init(&fx);
			ck_assert_msg(ifgw_ledger_apply_due(&p->mb, &due[i], now, &fx) == IFGW_OK, "import tick %s: %s",
				      ifgw_ledger_event_name(due[i].event.kind), ifgw_error_last());
			eh = due[i].event;
			eh.inbound = 1;
			if (eh.kind == IFGW_LEDGER_EV_GUARANTEE_PAY || eh.kind == IFGW_LEDGER_EV_CHARGE_BACK ||
			    eh.kind == IFGW_LEDGER_EV_DISPUTE_WINDOW_CLOSED) {
				ifgw_ledger_effects_init(&fx);
				ck_assert_msg(ifgw_ledger_invoice_apply(&p->h, &eh, now, &fx) == IFGW_OK, "home %s: %s",
					      ifgw_ledger_event_name(eh.kind), ifgw_error_last());
				mirrored++;
			}
			same_figures(p, ifgw_ledger_event_name(eh.kind));
		}
	}
	for (round = 0; round < 32; round++) {
		ck_assert_ok(ifgw_ledger_tick(due, 4, &n, &p->hb, now));
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			ck_assert_int_ne(due[i].event.kind, IFGW_LEDGER_EV_GUARANTEE_PAY);
			ck_assert_int_ne(due[i].event.kind, IFGW_LEDGER_EV_CHARGE_BACK);
			ck_assert_int_ne(due[i].event.kind, IFGW_LEDGER_EV_DUNNING);
			ifgw_ledger_effects_init(&fx);
			ck_assert_ok(ifgw_ledger_apply_due(&p->hb, &due[i], now, &fx));
			same_figures(p, ifgw_ledger_event_name(due[i].event.kind));
		}
	}
	return mirrored;
}

static struct ifgw_ledger_event act(int kind, int64_t amount)
{
	struct ifgw_ledger_event ev;

	ifgw_ledger_event_init(&ev, kind, "someone");
	if (amount >= 0)
		ev.amount = eur(amount);
	return ev;
}

/* The seven steps once, by hand: both books agree at every step. */
START_TEST(mirrored_pair_path)
{
	struct ifgw_ledger_event ev;
	struct pair p;

	pair_init(&p);
	ev = act(IFGW_LEDGER_EV_ASSIGN, -1);
	ck_assert_ok(pair_act(&p, &ev, BY_EF, at("2026-03-05T10:00:00Z")));
	ev = act(IFGW_LEDGER_EV_ACCEPT, 600000);
	ck_assert_ok(pair_act(&p, &ev, BY_IF, at("2026-03-05T11:00:00Z")));
	ev = act(IFGW_LEDGER_EV_FUND, -1);
	ck_assert_ok(pair_act(&p, &ev, HOME_ONLY, at("2026-03-06T09:00:00Z")));
	ev = act(IFGW_LEDGER_EV_PAY, 100000); /* the debtor pays the import factor (MSG11) */
	ck_assert_ok(pair_act(&p, &ev, BY_IF, at("2026-03-20T09:00:00Z")));
	ev = act(IFGW_LEDGER_EV_PAY, 50000); /* ... and the export factor (MSG12) */
	ck_assert_ok(pair_act(&p, &ev, BY_EF, at("2026-03-25T09:00:00Z")));
	ev = act(IFGW_LEDGER_EV_CREDIT, 50000);
	ck_assert_ok(pair_act(&p, &ev, BY_EF, at("2026-04-01T09:00:00Z")));
	ev = act(IFGW_LEDGER_EV_DISPUTE, 100000);
	ck_assert_ok(pair_act(&p, &ev, BY_IF, at("2026-04-10T09:00:00Z")));
	ev = act(IFGW_LEDGER_EV_DISPUTE_INFO, -1);
	ck_assert_ok(pair_act(&p, &ev, BY_EF, at("2026-04-20T09:00:00Z")));
	ev = act(IFGW_LEDGER_EV_SETTLE, -1);
	ev.outcome = IFGW_LEDGER_SETTLED_FOR_DEBTOR;
	ck_assert_ok(pair_act(&p, &ev, BY_IF, at("2026-05-10T09:00:00Z")));
	ck_assert_int_eq(p.m.credited.minor, 150000);
	/* refused alike: more than is outstanding */
	ev = act(IFGW_LEDGER_EV_PAY, 800000);
	ck_assert_int_eq(pair_act(&p, &ev, BY_IF, at("2026-05-11T09:00:00Z")), IFGW_ESTATE);
	/* day 90: 7000.00 outstanding, of which the approved 6000.00 under guarantee
	 * (payments and credits took the unapproved part first), the 1000.00 rest
	 * charged back: both reach the home book */
	ck_assert_uint_eq(pair_tick(&p, at("2026-06-28T09:00:00Z")), 0);
	ck_assert_uint_eq(pair_tick(&p, at("2026-06-29T09:00:00Z")), 2);
	ck_assert_int_eq(p.m.guaranteed.minor, 600000);
	ck_assert_int_eq(p.m.charged_back.minor, 100000);
	ck_assert_int_eq(p.m.outstanding.minor, 0);
	ck_assert_int_eq(p.h.state, IFGW_LEDGER_INVOICE_GUARANTEED);
	ck_assert_int_eq(p.m.state, IFGW_LEDGER_INVOICE_GUARANTEED);
	/* the home book's advance was repaid from the collections and the guarantee */
	ck_assert_int_eq(p.h.funding.outstanding.minor, 0);
	ck_assert_int_eq(p.m.funding.advanced.minor, 0);
}
END_TEST

/* The two factors' clocks differ: the import factor keeps UTC days, the
 * seller is at UTC-5, and the dispute reached the home book a day after
 * the import factor.  Its timers' acts are taken when they arrive. */
START_TEST(mirrored_pair_clocks)
{
	struct ifgw_ledger_event ev;
	struct pair p;

	home.utc_offset = -5 * 3600;
	imp.utc_offset = 0;
	pair_init(&p);
	ev = act(IFGW_LEDGER_EV_ASSIGN, -1);
	ck_assert_ok(pair_act(&p, &ev, BY_EF, at("2026-03-05T15:00:00Z")));
	ev = act(IFGW_LEDGER_EV_ACCEPT, 1000000);
	ck_assert_ok(pair_act(&p, &ev, BY_IF, at("2026-03-05T16:00:00Z")));
	/* 2026-06-29 00:30 UTC is day 90 for the import factor, day 89 at UTC-5 */
	ck_assert_uint_eq(pair_tick(&p, at("2026-06-29T00:30:00Z")), 1);
	ck_assert_int_eq(p.h.guaranteed.minor, 1000000);
	/* a local guarantee payment is the import factor's act: refused on the home book */
	ck_assert_ok(ifgw_ledger_invoice_init(&p.h, "INV-2", "S1", "D1", &(struct ifgw_money){1000000, p.m.amount.ccy},
					      day("2026-03-31"), &home));
	p.h.state = IFGW_LEDGER_INVOICE_ACCEPTED;
	p.h.approved.minor = 1000000;
	ev = act(IFGW_LEDGER_EV_GUARANTEE_PAY, 1000000);
	ck_assert_fails(ifgw_ledger_invoice_apply(&p.h, &ev, at("2026-06-29T00:30:00Z"), &fx), IFGW_ESTATE,
			"inbound only (home role with a partner)");
	ifgw_error_clear();

	/* the dispute: raised at the import factor on 04-10, heard at home on 04-11 */
	pair_init(&p);
	ev = act(IFGW_LEDGER_EV_ASSIGN, -1);
	ck_assert_ok(pair_act(&p, &ev, BY_EF, at("2026-03-05T15:00:00Z")));
	ev = act(IFGW_LEDGER_EV_ACCEPT, 1000000);
	ck_assert_ok(pair_act(&p, &ev, BY_IF, at("2026-03-05T16:00:00Z")));
	ev = act(IFGW_LEDGER_EV_DISPUTE, 400000);
	ev.inbound = 0;
	ck_assert_ok(ifgw_ledger_invoice_apply(&p.m, &ev, at("2026-04-10T09:00:00Z"), &fx));
	ev.inbound = 1;
	ck_assert_ok(ifgw_ledger_invoice_apply(&p.h, &ev, at("2026-04-11T09:00:00Z"), &fx));
	same_figures(&p, "dispute");
	/* the import factor's window closes 2026-10-07 09:00: charged back, at home too */
	ck_assert_uint_ge(pair_tick(&p, at("2026-10-07T09:00:01Z")), 2);
	ck_assert_int_eq(p.h.dispute.state, IFGW_LEDGER_DISPUTE_CHARGED_BACK);
	ck_assert_int_eq(p.h.charged_back.minor, 400000);
}
END_TEST

/* xorshift64*: the same sequence on every machine. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* Seeded random acts on a mirrored pair: every one allowed or refused alike
 * on both sides, the figures equal and the invariants kept after each, and
 * the import factor's timers reaching the home book. */
START_TEST(mirrored_pair_random)
{
	static const struct {
		int kind;
		enum side side;
	} acts[] = {
		{IFGW_LEDGER_EV_ASSIGN, BY_EF},        {IFGW_LEDGER_EV_ASSIGN, BY_EF},
		{IFGW_LEDGER_EV_ACCEPT, BY_IF},        {IFGW_LEDGER_EV_ACCEPT, BY_IF},
		{IFGW_LEDGER_EV_REJECT, BY_IF},        {IFGW_LEDGER_EV_FUND, HOME_ONLY},
		{IFGW_LEDGER_EV_REPAY_ADVANCE, HOME_ONLY}, {IFGW_LEDGER_EV_PAY, BY_IF},
		{IFGW_LEDGER_EV_PAY, BY_EF},           {IFGW_LEDGER_EV_PAY, BY_IF},
		{IFGW_LEDGER_EV_CREDIT, BY_EF},        {IFGW_LEDGER_EV_DISPUTE, BY_IF},
		{IFGW_LEDGER_EV_DISPUTE, BY_EF},       {IFGW_LEDGER_EV_DISPUTE_INFO, BY_EF},
		{IFGW_LEDGER_EV_SETTLE, BY_IF},        {IFGW_LEDGER_EV_SETTLE, BY_EF},
	};
	static const char *const ccys[] = {"EUR", "EUR", "EUR", "USD"};
	uint64_t seed = 0x5eed0a11c0ffee00ULL + (uint64_t)_i;
	int reached[IFGW_LEDGER_INVOICE_STATE_COUNT_] = {0};
	size_t mirrored = 0;
	int run_no, n, ok = 0, refused = 0;
	struct ifgw_ledger_event ev;
	struct pair p;
	int64_t now;

	for (run_no = 0; run_no < 120; run_no++) {
		pair_init(&p);
		now = at("2026-03-02T08:00:00Z");
		for (n = 0; n < 60; n++) {
			size_t k = (size_t)(next_rand(&seed) % (sizeof(acts) / sizeof(acts[0])));
			int64_t out = p.m.outstanding.minor;
			const char *c = ccys[next_rand(&seed) % 4];

			now += (int64_t)(next_rand(&seed) % (4 * 86400));
			/* every other run the debtor pays nothing: the timers decide */
			if (run_no % 2 && (acts[k].kind == IFGW_LEDGER_EV_PAY || acts[k].kind == IFGW_LEDGER_EV_CREDIT))
				continue;
			ifgw_ledger_event_init(&ev, acts[k].kind, "random");
			ev.outcome = 1 + (int)(next_rand(&seed) % 2);
			ev.amount.ccy = ifgw_currency_find(acts[k].kind == IFGW_LEDGER_EV_PAY ? c : "EUR");
			switch (out > 0 ? next_rand(&seed) % 4 : 3) {
			case 0:
				ev.amount.minor = out;
				break;
			case 1:
			case 2:
				ev.amount.minor = 1 + (int64_t)(next_rand(&seed) % (uint64_t)out);
				break;
			default:
				ev.amount.minor = (int64_t)(next_rand(&seed) % 1100000);
				break;
			}
			/* an unapproved receivable now and then */
			if (acts[k].kind == IFGW_LEDGER_EV_ACCEPT && next_rand(&seed) % 3 == 0)
				ev.amount.minor = 0;
			if (strcmp(ev.amount.ccy->code, "USD") == 0) {
				ev.from_per_eur.value = 108;
				ev.from_per_eur.scale = 2;
				ev.to_per_eur.value = 1;
			}
			if (pair_act(&p, &ev, acts[k].side, now) == IFGW_OK)
				ok++;
			else
				refused++;
			if (next_rand(&seed) % 6 == 0)
				mirrored += pair_tick(&p, now);
			reached[p.m.state] = 1;
		}
		/* long after: every timer has run on both */
		mirrored += pair_tick(&p, now + 400 * (int64_t)86400);
		reached[p.m.state] = 1;
	}
	/* the sequences go somewhere on the import side */
	ck_assert(reached[IFGW_LEDGER_INVOICE_ACCEPTED] && reached[IFGW_LEDGER_INVOICE_REJECTED] &&
		  reached[IFGW_LEDGER_INVOICE_PAID] && reached[IFGW_LEDGER_INVOICE_DISPUTED] &&
		  reached[IFGW_LEDGER_INVOICE_GUARANTEED] && reached[IFGW_LEDGER_INVOICE_CHARGED_BACK]);
	ck_assert(!reached[IFGW_LEDGER_INVOICE_FUNDED]);
	ck_assert_int_gt(ok, 600);
	ck_assert_int_gt(refused, 600);
	ck_assert_uint_gt(mirrored, 20);
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
	TCase *tc = tcase_create("role"), *td, *tm, *ts;

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
	td = tcase_create("decide");
	tcase_add_checked_fixture(td, setup, teardown);
	tcase_add_test(td, decide_decline_lists);
	tcase_add_test(td, decide_debtor_limit_and_partial);
	tcase_add_test(td, decide_country_limit);
	tcase_add_test(td, decide_currency);
	tcase_add_test(td, decide_auto_and_pending);
	tcase_add_test(td, exposure_counts);
	tcase_add_test(td, decide_assignment_rules);
	suite_add_tcase(s, td);
	tm = tcase_create("mirror");
	tcase_add_checked_fixture(tm, setup, teardown);
	tcase_add_test(tm, mirrored_pair_path);
	tcase_add_test(tm, mirrored_pair_clocks);
	tcase_add_loop_test(tm, mirrored_pair_random, 0, 4);
	suite_add_tcase(s, tm);
	ts = tcase_create("stored");
	tcase_add_checked_fixture(ts, store_setup, store_teardown);
	tcase_add_test(ts, stored_roles);
	tcase_add_test(ts, stored_rows_before_roles);
	tcase_add_test(ts, stored_pending_answered_by_tick);
	suite_add_tcase(s, ts);
	return s;
}

IFGW_TEST_MAIN(suite)
