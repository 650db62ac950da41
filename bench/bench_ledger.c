/* bench_ledger.c: ledger transitions per second kept durably in the store
 * (gateway/node/book.h), beside raw SQLite inserts with the same durability
 * measured in the same run (issue 10).
 *
 *   single   one transition per transaction: ifgw_book_apply outside a
 *            caller's transaction (load the invoice, the ledger's pure
 *            transition, write the new state, its outbox row or letter and
 *            its log entries, commit)
 *   grouped  BENCH_LEDGER_GROUP transitions (default 100) per transaction,
 *            between ifgw_book_begin and ifgw_book_commit: what a submitted
 *            file, a tick or an inbound batch does; all of them or none
 *   raw      one plain prepared INSERT per transition (single) or
 *            BENCH_LEDGER_GROUP per transaction (grouped), in a file opened
 *            with the store's settings (WAL, synchronous=FULL, BEGIN
 *            IMMEDIATE): the floor for a durable write, no ifgw code at all
 *
 * Each invoice of an export contract (the test contract of the ledger's
 * tests) goes through ASSIGN (a row to the partner), ACCEPT, FUND (letters to
 * the seller) and PAY in full; invoices are recorded outside the timed part.
 * Partner rows go to the outbox as the book's text placeholder: composing,
 * encoding and signing the real message (gateway/node/outbox_sink.c) is not
 * in this figure.  Each figure runs BENCH_LEDGER_MS milliseconds (default
 * 500) per round, rounds interleaved (BENCH_LEDGER_ROUNDS, default 3); the
 * files live in BENCH_LEDGER_DIR (default $TMPDIR or /tmp).  The line gives
 * the medians of the rates and of the per-round ratios, and how many store
 * rows (state, outbox, letters, log entries) a transition wrote on average:
 *
 *   bench=ledger single_per_s=.. raw_single_per_s=.. ratio_single=..
 *     grouped_per_s=.. raw_grouped_per_s=.. ratio_grouped=.. group=100
 *     rows_per_transition=.. sync=full journal=wal rounds=3 stat=median */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "bench/bench_util.h"
#include "currency/calendar.h"
#include "currency/iso4217.h"
#include "gateway/ledger/ledger.h"
#include "gateway/node/book.h"
#include "gateway/node/global.h"
#include "gateway/store/store.h"

#define MAX_ROUNDS 21
#define CHUNK_SINGLE 25 /* invoices recorded between timed stretches of single transitions */
#define STEPS 4         /* ASSIGN, ACCEPT, FUND, PAY */

enum fig { F_SINGLE, F_RAW_SINGLE, F_GROUPED, F_RAW_GROUPED, F_COUNT };

static long env_long(const char *name, long def, long min, long max)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (!v || !*v)
		return def;
	n = strtol(v, &end, 10);
	if (*end || n < min || n > max) {
		fprintf(stderr, "bench_ledger: %s='%s': want %ld..%ld\n", name, v, min, max);
		exit(1);
	}
	return n;
}

static int64_t at(const char *text)
{
	int64_t t;

	if (ifgw_datetime_parse(&t, text) != IFGW_OK)
		ifgw_bench_die("time");
	return t;
}

static struct ifgw_money eur(int64_t minor)
{
	struct ifgw_money m;

	m.minor = minor;
	m.ccy = ifgw_currency_find("EUR");
	return m;
}

/* Export factoring through DE00123, as in tests/unit/ledger_fixture.h. */
static struct ifgw_ledger_contract contract;

static void contract_init(void)
{
	static const int32_t plan[IFGW_LEDGER_DUNNING_STEPS] = {7, 21, 35, 60};

	memset(&contract, 0, sizeof(contract));
	contract.product = IFGW_PRODUCT_EXPORT;
	snprintf(contract.partner, sizeof(contract.partner), "DE00123");
	contract.advance_rate = 850000;
	contract.reserve_pct = 50000;
	contract.commission_pct = 7500;
	contract.doc_fee = eur(250);
	contract.ref_rate = 35000;
	contract.margin = 15000;
	contract.daycount = IFGW_DAYCOUNT_ACT_360;
	contract.rounding = IFGW_ROUND_HALF_EVEN;
	contract.funding_hours = 48;
	if (ifgw_calendar_get(&contract.calendar, "FR") != IFGW_OK)
		ifgw_bench_die("calendar FR");
	contract.utc_offset = 3600;
	memcpy(contract.dunning_days, plan, sizeof(plan));
}

static const struct ifgw_ledger_contract *find_contract(void *ctx, const char *seller, const char *partner)
{
	(void)ctx;
	(void)seller;
	(void)partner;
	return &contract;
}

/* The invoice numbers of the current chunk: [first, first + n). */
static long next_invoice;

static void invoice_id(char *out, size_t size, long k)
{
	snprintf(out, size, "INV-%08ld", k);
}

/* Record n new invoices in one transaction (untimed). */
static long record_invoices(struct ifgw_book *b, long n)
{
	struct ifgw_ledger_invoice inv;
	struct ifgw_money amount = eur(1000000);
	int32_t due;
	long first = next_invoice, k;
	char id[32];

	if (ifgw_date_parse(&due, "2026-03-31", 10) != IFGW_OK || ifgw_book_begin(b, at("2026-03-01T09:00:00Z")) != IFGW_OK)
		ifgw_bench_die("begin");
	for (k = first; k < first + n; k++) {
		invoice_id(id, sizeof(id), k);
		if (ifgw_ledger_invoice_init(&inv, id, "S1", "D1", &amount, due, &contract) != IFGW_OK ||
		    ifgw_book_add_invoice(b, &inv) != IFGW_OK)
			ifgw_bench_die("add invoice");
	}
	if (ifgw_book_commit(b) != IFGW_OK)
		ifgw_bench_die("commit");
	next_invoice += n;
	return first;
}

static void apply_step(struct ifgw_book *b, long k, int step)
{
	static const int kinds[STEPS] = {IFGW_LEDGER_EV_ASSIGN, IFGW_LEDGER_EV_ACCEPT, IFGW_LEDGER_EV_FUND,
					 IFGW_LEDGER_EV_PAY};
	static const char *const when[STEPS] = {"2026-03-05T10:00:00Z", "2026-03-05T12:00:00Z",
						"2026-03-06T09:00:00Z", "2026-03-31T09:00:00Z"};
	static int64_t times[STEPS];
	struct ifgw_ledger_event ev;
	char id[32];

	if (!times[0]) {
		int i;

		for (i = 0; i < STEPS; i++)
			times[i] = at(when[i]);
	}
	invoice_id(id, sizeof(id), k);
	ifgw_ledger_event_init(&ev, kinds[step], "DE00123");
	if (kinds[step] == IFGW_LEDGER_EV_ACCEPT) {
		ev.inbound = 1;
		ev.amount = eur(800000);
	} else if (kinds[step] == IFGW_LEDGER_EV_PAY) {
		ev.inbound = 1;
		ev.amount = eur(1000000);
	}
	ifgw_clock_set(times[step]);
	if (ifgw_book_apply(b, IFGW_LEDGER_THING_INVOICE, id, &ev, times[step]) != IFGW_OK)
		ifgw_bench_die("apply");
}

/* Transitions for ms milliseconds (timed: the transitions only), `group`
 * per transaction (1: each its own): transitions per second. */
static double ledger_run(struct ifgw_book *b, long group, long ms, long *transitions)
{
	long chunk = group > 1 ? group : CHUNK_SINGLE, done = 0, first, k;
	double spent = 0, t0;
	int step;

	while (spent < (double)ms / 1000) {
		first = record_invoices(b, chunk);
		t0 = ifgw_bench_now();
		for (step = 0; step < STEPS; step++) {
			if (group > 1 && ifgw_book_begin(b, at("2026-03-31T09:00:00Z")) != IFGW_OK)
				ifgw_bench_die("begin");
			for (k = first; k < first + chunk; k++)
				apply_step(b, k, step);
			if (group > 1 && ifgw_book_commit(b) != IFGW_OK)
				ifgw_bench_die("commit");
		}
		spent += ifgw_bench_now() - t0;
		done += chunk * STEPS;
	}
	*transitions += done;
	return (double)done / spent;
}

struct raw {
	sqlite3 *db;
	sqlite3_stmt *ins, *begin, *commit;
	long next;
};

static void raw_exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_ledger: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(1);
	}
}

static void raw_open(struct raw *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	if (sqlite3_open(path, &r->db) != SQLITE_OK)
		ifgw_bench_die("raw sqlite open");
	sqlite3_busy_timeout(r->db, 10000);
	raw_exec(r->db, "PRAGMA journal_mode = WAL");
	raw_exec(r->db, "PRAGMA synchronous = FULL");
	raw_exec(r->db, "CREATE TABLE t (id BIGINT PRIMARY KEY, state VARCHAR(24) NOT NULL, amount BIGINT NOT NULL)");
	if (sqlite3_prepare_v2(r->db, "INSERT INTO t VALUES (?, 'assigned', 1000000)", -1, &r->ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(r->db, "BEGIN IMMEDIATE", -1, &r->begin, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(r->db, "COMMIT", -1, &r->commit, NULL) != SQLITE_OK)
		ifgw_bench_die("raw sqlite prepare");
}

static void raw_step(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		fprintf(stderr, "bench_ledger: raw: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_reset(st);
}

/* Transactions of `group` inserts for ms milliseconds: inserts per second. */
static double raw_run(struct raw *r, long group, long ms)
{
	double t0 = ifgw_bench_now(), t;
	long done = 0, i;

	do {
		raw_step(r->db, r->begin);
		for (i = 0; i < group; i++) {
			sqlite3_bind_int64(r->ins, 1, r->next++);
			raw_step(r->db, r->ins);
		}
		raw_step(r->db, r->commit);
		done += group;
		t = ifgw_bench_now();
	} while (t - t0 < (double)ms / 1000);
	return (double)done / (t - t0);
}

int main(void)
{
	const char *tmp = getenv("BENCH_LEDGER_DIR") ? getenv("BENCH_LEDGER_DIR")
			  : getenv("TMPDIR")         ? getenv("TMPDIR")
						     : "/tmp";
	long ms = env_long("BENCH_LEDGER_MS", 500, 10, 600000);
	long rounds = env_long("BENCH_LEDGER_ROUNDS", 3, 1, MAX_ROUNDS);
	long group = env_long("BENCH_LEDGER_GROUP", 100, 2, 100000);
	double v[F_COUNT][MAX_ROUNDS], ratio_single[MAX_ROUNDS], ratio_grouped[MAX_ROUNDS];
	char dir[512], uri[600], rawpath[600], cmd[700];
	struct ifgw_store *s = NULL;
	struct ifgw_book b;
	uint64_t log_entries = 0;
	size_t n_things = 0, n_letters = 0, n_out = 0;
	struct ifgw_store_thing_row *things = NULL;
	struct ifgw_store_letter *letters = NULL;
	struct ifgw_store_outbox_row *out = NULL;
	long transitions = 0, k;
	struct raw r;

	if (ifgw_global_init() != IFGW_OK)
		ifgw_bench_die("global init");
	contract_init();
	snprintf(dir, sizeof(dir), "%s/ifgw-bench-ledger-XXXXXX", tmp);
	if (!mkdtemp(dir))
		ifgw_bench_die("mkdtemp");
	snprintf(uri, sizeof(uri), "sqlite:%s/book.db", dir);
	snprintf(rawpath, sizeof(rawpath), "%s/raw.db", dir);
	if (ifgw_store_open(&s, uri, NULL, 0) != IFGW_OK)
		ifgw_bench_die("store open");
	memset(&b, 0, sizeof(b));
	b.store = s;
	b.contracts.find = find_contract;
	raw_open(&r, rawpath);

	for (k = 0; k < rounds; k++) {
		v[F_SINGLE][k] = ledger_run(&b, 1, ms, &transitions);
		v[F_RAW_SINGLE][k] = raw_run(&r, 1, ms);
		v[F_GROUPED][k] = ledger_run(&b, group, ms, &transitions);
		v[F_RAW_GROUPED][k] = raw_run(&r, group, ms);
		ratio_single[k] = v[F_SINGLE][k] / v[F_RAW_SINGLE][k];
		ratio_grouped[k] = v[F_GROUPED][k] / v[F_RAW_GROUPED][k];
	}
	/* What the transitions wrote: log entries, outbox rows and letters
	 * (less what recording the invoices wrote: one entry each), plus one
	 * state write each. */
	if (ifgw_store_log_count(s, &log_entries) != IFGW_OK ||
	    ifgw_store_thing_list(s, IFGW_STORE_INVOICES, &things, &n_things) != IFGW_OK ||
	    ifgw_store_letter_list(s, &letters, &n_letters) != IFGW_OK ||
	    ifgw_store_outbox_due(s, &out, &n_out, INT64_MAX, 0) != IFGW_OK)
		ifgw_bench_die("count rows");
	printf("bench=ledger single_per_s=%.0f raw_single_per_s=%.0f ratio_single=%.3f grouped_per_s=%.0f "
	       "raw_grouped_per_s=%.0f ratio_grouped=%.3f group=%ld rows_per_transition=%.2f sync=full journal=wal "
	       "rounds=%ld stat=median\n",
	       ifgw_bench_median(v[F_SINGLE], (int)rounds), ifgw_bench_median(v[F_RAW_SINGLE], (int)rounds),
	       ifgw_bench_median(ratio_single, (int)rounds), ifgw_bench_median(v[F_GROUPED], (int)rounds),
	       ifgw_bench_median(v[F_RAW_GROUPED], (int)rounds), ifgw_bench_median(ratio_grouped, (int)rounds), group,
	       (double)(log_entries - n_things + n_letters + n_out + (uint64_t)transitions) / (double)transitions,
	       rounds);

	free(things);
	free(letters);
	ifgw_store_outbox_rows_free(out, n_out);
	sqlite3_finalize(r.ins);
	sqlite3_finalize(r.begin);
	sqlite3_finalize(r.commit);
	sqlite3_close(r.db);
	ifgw_store_close(s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_ledger: could not remove %s\n", dir);
	ifgw_global_cleanup();
	return 0;
}
