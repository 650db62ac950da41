/* test_book.c: the ledger's transitions kept in a real SQLite store, one
 * transaction each (gateway/node/book.h). */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/clock.h"
#include "base/date.h"
#include "currency/calendar.h"
#include "gateway/node/book.h"
#include "model/invoice.h"
#include "ledger_fixture.h"

static struct ifgw_ledger_contract contract;
static struct ifgw_book_contracts contracts;
static char dir[256], uri[300];
static struct ifgw_store *store;
static struct ifgw_book book;

static const struct ifgw_ledger_contract *find_contract(void *ctx, const char *seller, const char *partner)
{
	(void)ctx;
	(void)partner;
	return strcmp(seller, "S1") == 0 ? &contract : NULL;
}

static void raw_sql(const char *sql)
{
	sqlite3 *db = NULL;

	ck_assert_int_eq(sqlite3_open(uri + 7, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
}

static void setup(void)
{
	ledger_test_contract(&contract);
	contracts.find = find_contract;
	contracts.ctx = NULL;

	snprintf(dir, sizeof(dir), "%s/ifgw-book-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(uri, sizeof(uri), "sqlite:%s/book.db", dir);
	ifgw_clock_set(at("2026-03-01T09:00:00Z"));
	ck_assert_ok(ifgw_store_open(&store, uri, NULL, 0));
	memset(&book, 0, sizeof(book));
	book.store = store;
	book.contracts = contracts;
}

static void teardown(void)
{
	char path[400];

	ifgw_store_close(store);
	store = NULL;
	snprintf(path, sizeof(path), "%s/book.db", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/book.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/book.db-shm", dir);
	unlink(path);
	rmdir(dir);
}

/* What the store holds, counted. */
struct counts {
	uint64_t log;
	size_t outbox, letters;
	int64_t version;
};

static struct counts counts_of(const char *invoice)
{
	struct ifgw_store_outbox_row *rows = NULL;
	struct ifgw_store_letter *letters = NULL;
	struct ifgw_store_thing_row r;
	struct counts c;

	memset(&c, 0, sizeof(c));
	ck_assert_ok(ifgw_store_log_count(store, &c.log));
	ck_assert_ok(ifgw_store_outbox_due(store, &rows, &c.outbox, INT64_MAX, 0));
	ifgw_store_outbox_rows_free(rows, c.outbox);
	ck_assert_ok(ifgw_store_letter_list(store, &letters, &c.letters));
	free(letters);
	ck_assert_ok(ifgw_store_thing_get(store, IFGW_STORE_INVOICES, invoice, &r));
	c.version = r.version;
	return c;
}

static void same_money(const struct ifgw_money *a, const struct ifgw_money *b, const char *what)
{
	ck_assert_msg(a->minor == b->minor && a->ccy == b->ccy, "%s: stored %lld, ledger %lld", what,
		      (long long)a->minor, (long long)b->minor);
}

/* The invoice read back equals the ledger's, field by field. */
static void same_invoice(const struct ifgw_ledger_invoice *got, const struct ifgw_ledger_invoice *want)
{
	size_t i;

	ck_assert_str_eq(got->id, want->id);
	ck_assert_str_eq(got->seller, want->seller);
	ck_assert_str_eq(got->debtor, want->debtor);
	ck_assert_ptr_eq(got->contract, want->contract);
	ck_assert_int_eq(got->state, want->state);
	ck_assert_int_eq(got->prior, want->prior);
	ck_assert_int_eq(got->due_date, want->due_date);
	ck_assert_int_eq(got->assigned_at, want->assigned_at);
	ck_assert_int_eq(got->since, want->since);
	same_money(&got->amount, &want->amount, "amount");
	same_money(&got->approved, &want->approved, "approved");
	same_money(&got->paid, &want->paid, "paid");
	same_money(&got->guaranteed, &want->guaranteed, "guaranteed");
	same_money(&got->credited, &want->credited, "credited");
	same_money(&got->charged_back, &want->charged_back, "charged back");
	same_money(&got->outstanding, &want->outstanding, "outstanding");
	same_money(&got->disputed, &want->disputed, "disputed");
	ck_assert_int_eq(got->funding.state, want->funding.state);
	ck_assert_int_eq(got->funding.due_at, want->funding.due_at);
	ck_assert_int_eq(got->funding.paid_at, want->funding.paid_at);
	ck_assert_int_eq(got->funding.missed, want->funding.missed);
	same_money(&got->funding.advanced, &want->funding.advanced, "advanced");
	same_money(&got->funding.repaid, &want->funding.repaid, "repaid");
	same_money(&got->funding.outstanding, &want->funding.outstanding, "advance outstanding");
	same_money(&got->funding.commission, &want->funding.commission, "commission");
	ck_assert_int_eq(got->funding.balance_days, want->funding.balance_days);
	ck_assert_int_eq(got->funding.accrued_to, want->funding.accrued_to);
	ck_assert_int_eq(got->collection.state, want->collection.state);
	ck_assert_int_eq(got->collection.steps_done, want->collection.steps_done);
	for (i = 0; i < IFGW_LEDGER_DUNNING_STEPS; i++)
		ck_assert_int_eq(got->collection.step_dates[i], want->collection.step_dates[i]);
	ck_assert_int_eq(got->dispute.state, want->dispute.state);
	ck_assert_int_eq(got->dispute.raised_at, want->dispute.raised_at);
	same_money(&got->dispute.amount, &want->dispute.amount, "dispute amount");
	ck_assert_int_eq(got->dispute.info_overdue, want->dispute.info_overdue);
	ck_assert_int_eq(got->dispute.suspends_pug, want->dispute.suspends_pug);
	ck_assert_int_eq(got->dispute.outcome, want->dispute.outcome);
}

/* The stored figures balance, and the log is numbered without gaps. */
static void stored_invariants(const char *id)
{
	struct ifgw_store_log_entry e[256];
	struct ifgw_store_thing_row r;
	const int64_t *f = r.figures;
	size_t n = 0, i;

	ck_assert_ok(ifgw_store_thing_get(store, IFGW_STORE_INVOICES, id, &r));
	/* amount = paid + outstanding + credited + charged back */
	ck_assert_int_eq(f[0], f[2] + f[6] + f[4] + f[5]);
	/* advanced = repaid + outstanding advance */
	ck_assert_int_eq(f[8], f[9] + f[10]);
	ck_assert_int_le(f[7], f[6]);
	ck_assert_ok(ifgw_store_log_read(store, e, 256, 0, &n));
	ck_assert_uint_gt(n, 0);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(e[i].index, i);
}

/* Apply through the book and beside it in memory: both agree after. */
static void step(struct ifgw_ledger_invoice *mem, int kind, int64_t amount, const char *when, const char *log_kind)
{
	struct ifgw_ledger_effects fx;
	struct ifgw_ledger_event ev;
	struct ifgw_ledger_invoice got;
	struct ifgw_store_log_entry e[32];
	struct counts before = counts_of(mem->id), after;
	int64_t now = at(when);
	size_t n = 0, i;
	int seen = 0;

	ifgw_clock_set(now);
	ifgw_ledger_event_init(&ev, kind, "DE00123");
	ev.inbound = kind == IFGW_LEDGER_EV_ACCEPT || kind == IFGW_LEDGER_EV_PAY;
	if (amount >= 0)
		ev.amount = eur(amount);
	ifgw_ledger_effects_init(&fx);
	ck_assert_ok(ifgw_ledger_invoice_apply(mem, &ev, now, &fx));
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, mem->id, &ev, now));
	ck_assert_ok(ifgw_book_load_invoice(&book, mem->id, &got));
	same_invoice(&got, mem);
	ck_assert_ok(ifgw_ledger_invoice_check(&got));
	stored_invariants(mem->id);

	after = counts_of(mem->id);
	ck_assert_int_eq(after.version, before.version + 1);
	/* every effect is there: each row and entry adds one log entry */
	ck_assert_uint_eq(after.log - before.log, fx.n_rows + fx.n_log);
	ck_assert_uint_eq((after.outbox - before.outbox) + (after.letters - before.letters), fx.n_rows);
	ck_assert_ok(ifgw_store_log_read(store, e, 32, before.log, &n));
	for (i = 0; i < n; i++)
		seen |= strcmp(e[i].kind, log_kind) == 0 && strcmp(e[i].subject, mem->id) == 0 && e[i].time == now;
	ck_assert_msg(seen, "no %s log entry for %s", log_kind, mem->id);
}

static void received(struct ifgw_ledger_invoice *mem)
{
	struct ifgw_money m = eur(1000000);
	struct ifgw_ledger_invoice got;

	ck_assert_ok(ifgw_ledger_invoice_init(mem, "INV-1", "S1", "D1", &m, day("2026-03-31"), &contract));
	ck_assert_ok(ifgw_book_add_invoice(&book, mem));
	ck_assert_ok(ifgw_book_load_invoice(&book, "INV-1", &got));
	same_invoice(&got, mem);
}

START_TEST(scenario_through_the_book)
{
	struct ifgw_ledger_invoice mem;
	struct ifgw_store_outbox_row *rows = NULL;
	size_t n = 0;

	received(&mem);
	ck_assert_fails(ifgw_book_add_invoice(&book, &mem), IFGW_ESTATE, "exists already");
	step(&mem, IFGW_LEDGER_EV_ASSIGN, -1, "2026-03-05T10:00:00Z", "invoice.assigned");
	step(&mem, IFGW_LEDGER_EV_ACCEPT, 800000, "2026-03-05T12:00:00Z", "invoice.accepted");
	step(&mem, IFGW_LEDGER_EV_FUND, -1, "2026-03-06T09:00:00Z", "invoice.funded");
	ck_assert_int_eq(mem.state, IFGW_LEDGER_INVOICE_FUNDED);
	step(&mem, IFGW_LEDGER_EV_PAY, 600000, "2026-03-31T09:00:00Z", "invoice.paid");
	ck_assert_int_eq(mem.state, IFGW_LEDGER_INVOICE_PARTLY_PAID);
	step(&mem, IFGW_LEDGER_EV_PAY, 400000, "2026-04-02T09:00:00Z", "invoice.paid");
	ck_assert_int_eq(mem.state, IFGW_LEDGER_INVOICE_PAID);
	step(&mem, IFGW_LEDGER_EV_CLOSE, -1, "2026-04-03T09:00:00Z", "invoice.closed");
	ck_assert_int_eq(mem.state, IFGW_LEDGER_INVOICE_CLOSED);
	/* the assignment went to the partner's corridor */
	ck_assert_ok(ifgw_store_outbox_due(store, &rows, &n, INT64_MAX, 0));
	ck_assert_uint_ge(n, 1);
	ck_assert_str_eq(rows[0].partner, "DE00123");
	ifgw_store_outbox_rows_free(rows, n);
}
END_TEST

START_TEST(refusal_changes_nothing)
{
	struct ifgw_ledger_invoice mem, got;
	struct ifgw_ledger_event ev;
	struct counts before, after;

	received(&mem);
	step(&mem, IFGW_LEDGER_EV_ASSIGN, -1, "2026-03-05T10:00:00Z", "invoice.assigned");
	step(&mem, IFGW_LEDGER_EV_ACCEPT, 800000, "2026-03-05T12:00:00Z", "invoice.accepted");
	before = counts_of("INV-1");
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_PAY, "DE00123");
	ev.amount = eur(1000001);
	ck_assert_fails(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev,
					at("2026-03-10T09:00:00Z")),
			IFGW_ESTATE, "larger than the outstanding");
	ck_assert_int_eq(ifgw_store_in_transaction(store), 0);
	after = counts_of("INV-1");
	ck_assert_uint_eq(after.log, before.log);
	ck_assert_uint_eq(after.outbox, before.outbox);
	ck_assert_uint_eq(after.letters, before.letters);
	ck_assert_int_eq(after.version, before.version);
	ck_assert_ok(ifgw_book_load_invoice(&book, "INV-1", &got));
	same_invoice(&got, &mem);
	/* an unknown invoice is not found, and a thing without contract refused */
	ck_assert_fails(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-9", &ev,
					at("2026-03-10T09:00:00Z")),
			IFGW_ENOTFOUND, "INV-9");
	/* inside a store transaction the book did not begin: refused */
	ck_assert_ok(ifgw_store_begin(store));
	ck_assert_fails(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev,
					at("2026-03-10T09:00:00Z")),
			IFGW_ESTATE, "did not begin");
	ifgw_store_rollback(store);
}
END_TEST

/* A log append that fails after the state was written rolls the state back. */
START_TEST(store_failure_rolls_back)
{
	struct ifgw_ledger_invoice mem, got;
	struct ifgw_ledger_event ev;
	struct counts before, after;

	received(&mem);
	step(&mem, IFGW_LEDGER_EV_ASSIGN, -1, "2026-03-05T10:00:00Z", "invoice.assigned");
	step(&mem, IFGW_LEDGER_EV_ACCEPT, 800000, "2026-03-05T12:00:00Z", "invoice.accepted");
	raw_sql("CREATE TRIGGER test_fail BEFORE INSERT ON ifgw_log WHEN NEW.kind = 'invoice.paid'"
		" BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
	before = counts_of("INV-1");
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_PAY, "DE00123");
	ev.inbound = 1;
	ev.amount = eur(300000);
	ck_assert_fails(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev,
					at("2026-03-10T09:00:00Z")),
			IFGW_EIO, "forced failure");
	after = counts_of("INV-1");
	ck_assert_uint_eq(after.log, before.log);
	ck_assert_uint_eq(after.outbox, before.outbox);
	ck_assert_uint_eq(after.letters, before.letters);
	ck_assert_int_eq(after.version, before.version);
	ck_assert_ok(ifgw_book_load_invoice(&book, "INV-1", &got));
	same_invoice(&got, &mem);
	ck_assert_int_eq(got.state, IFGW_LEDGER_INVOICE_ACCEPTED);
	/* the same payment goes through once the store works again */
	raw_sql("DROP TRIGGER test_fail");
	step(&mem, IFGW_LEDGER_EV_PAY, 300000, "2026-03-10T09:00:00Z", "invoice.paid");
}
END_TEST

/* The tick applies what is due at `now`, each in its own transaction. */
/* A sink that records what the book hands it. */
struct sink_log {
	size_t rows, flushes, discards;
	int last_type;
	int last_event;
	int fail_flush;
};

static int sink_row(void *ctx, struct ifgw_store *s, const struct ifgw_ledger_outbox_row *row,
		    const struct ifgw_ledger_event *ev, int64_t now)
{
	struct sink_log *l = ctx;
	struct ifgw_store_outbound m;

	(void)now;
	ck_assert_int_eq(ifgw_store_in_transaction(s), 1);
	l->rows++;
	l->last_type = row->msg_type;
	l->last_event = ev->kind;
	/* queue it for real, so a rollback is seen in the outbox */
	memset(&m, 0, sizeof(m));
	ck_assert_uint_lt(strlen(row->to_id), sizeof(m.partner));
	memcpy(m.partner, row->to_id, strlen(row->to_id) + 1);
	snprintf(m.type, sizeof(m.type), "%s", ifgw_msg_type_name(row->msg_type));
	snprintf(m.msg_id, sizeof(m.msg_id), "T%zu", l->rows);
	m.next_attempt = now;
	m.payload = (const unsigned char *)"x";
	m.payload_len = 1;
	return ifgw_store_outbox_put(s, NULL, &m);
}

static int sink_flush(void *ctx, struct ifgw_store *s, int64_t now)
{
	struct sink_log *l = ctx;

	(void)now;
	ck_assert_int_eq(ifgw_store_in_transaction(s), 1);
	l->flushes++;
	return l->fail_flush ? ifgw_error_set(IFGW_EIO, "test sink: flush failed") : IFGW_OK;
}

static void sink_discard(void *ctx)
{
	((struct sink_log *)ctx)->discards++;
}

static void use_sink(struct sink_log *l)
{
	memset(l, 0, sizeof(*l));
	book.sink.partner_message = sink_row;
	book.sink.flush = sink_flush;
	book.sink.discard = sink_discard;
	book.sink.ctx = l;
}

/* Several calls in the caller's transaction commit together, with one flush
 * of the sink; the partner rows go to the sink with their event. */
START_TEST(caller_transaction_commits_all)
{
	struct ifgw_ledger_invoice a, b2, got;
	struct ifgw_ledger_event ev;
	struct sink_log l;
	struct counts before, after;
	int64_t now = at("2026-03-05T10:00:00Z");

	use_sink(&l);
	received(&a);
	b2 = a;
	snprintf(b2.id, sizeof(b2.id), "INV-2");
	l.flushes = 0;
	ck_assert_ok(ifgw_book_begin(&book, now));
	ck_assert_fails(ifgw_book_begin(&book, now), IFGW_ESTATE, "already open");
	ck_assert_ok(ifgw_book_add_invoice(&book, &b2));
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ASSIGN, "seller");
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev, now));
	ck_assert_uint_eq(ifgw_book_last_effects(&book)->n_rows, 1);
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-2", &ev, now));
	ck_assert_uint_eq(l.rows, 2);
	ck_assert_int_eq(l.last_type, IFGW_MSG_ASSIGNMENT_BATCH);
	ck_assert_int_eq(l.last_event, IFGW_LEDGER_EV_ASSIGN);
	ck_assert_uint_eq(l.flushes, 0);
	ck_assert_int_eq(ifgw_store_in_transaction(store), 1);
	ck_assert_ok(ifgw_book_commit(&book));
	ck_assert_uint_eq(l.flushes, 1);
	ck_assert_int_eq(ifgw_store_in_transaction(store), 0);
	ck_assert_ok(ifgw_book_load_invoice(&book, "INV-2", &got));
	ck_assert_int_eq(got.state, IFGW_LEDGER_INVOICE_ASSIGNED);
	after = counts_of("INV-1");
	ck_assert_uint_eq(after.outbox, 2);

	/* a refusal in the middle poisons the transaction: nothing of it stays */
	before = counts_of("INV-1");
	ck_assert_ok(ifgw_book_begin(&book, now));
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ACCEPT, "DE00123");
	ev.inbound = 1;
	ev.amount = eur(800000);
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev, now + 60));
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_PAY, "DE00123");
	ev.inbound = 1;
	ev.amount = eur(5);
	ck_assert_fails(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-2", &ev, now + 60), IFGW_ESTATE,
			"not allowed");
	ck_assert_fails(ifgw_book_commit(&book), IFGW_ESTATE, "rolled back");
	ck_assert_uint_eq(l.discards, 1);
	after = counts_of("INV-1");
	ck_assert_uint_eq(after.log, before.log);
	ck_assert_uint_eq(after.outbox, before.outbox);
	ck_assert_int_eq(after.version, before.version);
	ck_assert_ok(ifgw_book_load_invoice(&book, "INV-1", &got));
	ck_assert_int_eq(got.state, IFGW_LEDGER_INVOICE_ASSIGNED);
	ck_assert_fails(ifgw_book_commit(&book), IFGW_ESTATE, "without ifgw_book_begin");
}
END_TEST

/* A failing flush rolls the transition back; an explicit rollback too. */
START_TEST(sink_flush_failure_rolls_back)
{
	struct ifgw_ledger_invoice a, got;
	struct ifgw_ledger_event ev;
	struct sink_log l;
	struct counts before, after;
	int64_t now = at("2026-03-05T10:00:00Z");

	use_sink(&l);
	received(&a);
	ck_assert_uint_eq(l.flushes, 1); /* its own transaction flushes too */
	before = counts_of("INV-1");
	l.fail_flush = 1;
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ASSIGN, "seller");
	ck_assert_fails(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev, now), IFGW_EIO,
			"flush failed");
	ck_assert_uint_eq(l.discards, 1);
	after = counts_of("INV-1");
	ck_assert_uint_eq(after.log, before.log);
	ck_assert_uint_eq(after.outbox, before.outbox);
	ck_assert_int_eq(after.version, before.version);

	l.fail_flush = 0;
	ck_assert_ok(ifgw_book_begin(&book, now));
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev, now));
	ifgw_book_rollback(&book);
	ck_assert_uint_eq(l.discards, 2);
	ck_assert_int_eq(ifgw_store_in_transaction(store), 0);
	ck_assert_ok(ifgw_book_load_invoice(&book, "INV-1", &got));
	ck_assert_int_eq(got.state, IFGW_LEDGER_INVOICE_RECEIVED);
	after = counts_of("INV-1");
	ck_assert_uint_eq(after.outbox, before.outbox);
}
END_TEST

START_TEST(tick_applies_due)
{
	struct ifgw_ledger_invoice mem, got;
	size_t applied = 99;

	received(&mem);
	step(&mem, IFGW_LEDGER_EV_ASSIGN, -1, "2026-03-05T10:00:00Z", "invoice.assigned");
	step(&mem, IFGW_LEDGER_EV_ACCEPT, 800000, "2026-03-05T12:00:00Z", "invoice.accepted");
	/* before the promise ends: nothing due */
	ck_assert_ok(ifgw_book_tick(&book, at("2026-03-06T09:00:00Z"), &applied));
	ck_assert_uint_eq(applied, 0);
	/* the 48 business hours passed unpaid: the miss is recorded, once */
	ck_assert_ok(ifgw_book_tick(&book, at("2026-03-20T09:00:00Z"), &applied));
	ck_assert_uint_eq(applied, 1);
	ck_assert_ok(ifgw_book_load_invoice(&book, "INV-1", &got));
	ck_assert_int_eq(got.funding.missed, 1);
	ck_assert_int_eq(got.funding.state, IFGW_LEDGER_FUNDING_MISSED);
	stored_invariants("INV-1");
	ck_assert_ok(ifgw_book_tick(&book, at("2026-03-20T09:00:00Z"), &applied));
	ck_assert_uint_eq(applied, 0);
}
END_TEST

/* Sellers and covers round-trip and transition too. */
START_TEST(seller_and_cover)
{
	struct ifgw_ledger_seller seller, sgot;
	struct ifgw_ledger_cover cover, cgot;
	struct ifgw_ledger_event ev;
	uint64_t n0 = 0, n1 = 0;

	memset(&seller, 0, sizeof(seller));
	snprintf(seller.id, sizeof(seller.id), "S1");
	snprintf(seller.partner, sizeof(seller.partner), "DE00123");
	ck_assert_ok(ifgw_book_add_seller(&book, &seller));
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_SELLER_REGISTER, "seller");
	ck_assert_ok(ifgw_store_log_count(store, &n0));
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_SELLER, "S1", &ev, at("2026-03-02T09:00:00Z")));
	ck_assert_ok(ifgw_store_log_count(store, &n1));
	ck_assert_uint_gt(n1, n0);
	ck_assert_ok(ifgw_book_load_seller(&book, "S1", &sgot));
	ck_assert_int_eq(sgot.state, IFGW_LEDGER_SELLER_REQUESTED);
	ck_assert_int_eq(sgot.since, at("2026-03-02T09:00:00Z"));

	memset(&cover, 0, sizeof(cover));
	snprintf(cover.id, sizeof(cover.id), "CR-1");
	snprintf(cover.seller, sizeof(cover.seller), "S1");
	snprintf(cover.debtor, sizeof(cover.debtor), "D1");
	snprintf(cover.partner, sizeof(cover.partner), "DE00123");
	cover.expiry = IFGW_DATE_NONE;
	ck_assert_ok(ifgw_book_add_cover(&book, &cover));
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_COVER_REQUEST, "seller");
	ev.amount = eur(5000000);
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_COVER, "CR-1", &ev, at("2026-03-02T10:00:00Z")));
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_COVER_APPROVE, "DE00123");
	ev.inbound = 1;
	ev.amount = eur(4000000);
	ev.date = IFGW_DATE_NONE;
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_COVER, "CR-1", &ev, at("2026-03-03T10:00:00Z")));
	ck_assert_ok(ifgw_book_load_cover(&book, "CR-1", &cgot));
	ck_assert_int_eq(cgot.state, IFGW_LEDGER_COVER_PARTLY_APPROVED);
	ck_assert_int_eq(cgot.requested.minor, 5000000);
	ck_assert_int_eq(cgot.granted.minor, 4000000);
	ck_assert_ptr_eq(cgot.granted.ccy, ifgw_currency_find("EUR"));
	ck_assert_int_eq(cgot.expiry, IFGW_DATE_NONE);
}
END_TEST

static Suite *suite(void)
{
	Suite *su = suite_create("book");
	TCase *tc = tcase_create("book");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, scenario_through_the_book);
	tcase_add_test(tc, refusal_changes_nothing);
	tcase_add_test(tc, store_failure_rolls_back);
	tcase_add_test(tc, tick_applies_due);
	tcase_add_test(tc, seller_and_cover);
	tcase_add_test(tc, caller_transaction_commits_all);
	tcase_add_test(tc, sink_flush_failure_rolls_back);
	suite_add_tcase(su, tc);
	return su;
}

IFGW_TEST_MAIN(suite)
