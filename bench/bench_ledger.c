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
 * Each invoice of an export contract goes through ASSIGN (a row to the
 * partner), ACCEPT, FUND (letters to the seller) and PAY in full; invoices
 * are recorded outside the timed part.  Two books run each shape:
 *   plain    the ledger tests' contract; partner rows go to the outbox as
 *            the book's text placeholder (the store's cost alone)
 *   signed   a node's book (tests/data/node/fr-books.xml, a test PKI made
 *            here, seller S-FR-TOTAL through DE00123): each partner row
 *            composed from the stored invoice document, encoded as MSG09 and
 *            signed, as `ifgw invoices submit` does; in a grouped
 *            transaction the assignments of one seller go out as ONE batch
 *            (one signature for the group), so grouping saves signatures too
 * Each figure runs BENCH_LEDGER_MS milliseconds (default 500) per round,
 * rounds interleaved (BENCH_LEDGER_ROUNDS, default 3); the files live in
 * BENCH_LEDGER_DIR (default $TMPDIR or /tmp); top_srcdir names the tree
 * (the node's configuration and the sample invoice).  The line gives the
 * medians of the rates and of the per-round ratios to the raw figure of
 * the same shape, the store rows (state, outbox, letters, log entries) a
 * plain transition wrote on average, and how many signed messages the node
 * queued (each checked to carry a signature):
 *
 *   bench=ledger single_per_s=.. signed_single_per_s=.. raw_single_per_s=..
 *     ratio_single=.. ratio_signed_single=.. grouped_per_s=..
 *     signed_grouped_per_s=.. raw_grouped_per_s=.. ratio_grouped=..
 *     ratio_signed_grouped=.. group=100 rows_per_transition=..
 *     signed_messages=.. sync=full journal=wal rounds=3 stat=median */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "bench/bench_raw_sqlite.h"
#include "bench/bench_util.h"
#include "currency/calendar.h"
#include "currency/iso4217.h"
#include "certs/pki.h"
#include "gateway/ingest/ingest.h"
#include "gateway/ledger/ledger.h"
#include "gateway/node/book.h"
#include "gateway/node/books.h"
#include "gateway/node/global.h"
#include "gateway/node/snapshot.h"
#include "gateway/store/store.h"
#include "model/message.h"
#include "model/model.h"

#define MAX_ROUNDS 21
#define CHUNK_SINGLE 25 /* invoices recorded between timed stretches of single transitions */
#define STEPS 4         /* ASSIGN, ACCEPT, FUND, PAY */

enum fig { F_SINGLE, F_SIGNED_SINGLE, F_RAW_SINGLE, F_GROUPED, F_SIGNED_GROUPED, F_RAW_GROUPED, F_COUNT };

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

/* A book under test: the placeholder book (partner rows as the book's
 * text) or a node's book (rows composed, encoded, signed, queued). */
struct bbook {
	struct ifgw_book *b;
	const struct ifgw_ledger_contract *contract;
	const char *seller;
	struct ifgw_money amount;
	int32_t due;
	/* node book only: the node's code and the invoice every document is
	 * made from (R-001 of tests/data/route/fr-node.csv) */
	const char *own_code;
	const struct ifgw_invoice *doc;
	long next; /* invoice numbers used so far */
};

static void invoice_id(char *out, size_t size, long k)
{
	snprintf(out, size, "INV-%08ld", k);
}

/* The invoice as received, kept as the document the composer reads: the
 * canonical XML of a one-item assignment batch, as `ifgw invoices submit`
 * keeps it (cli/invoices_submit.c). */
static void put_document(struct bbook *bb, const char *id, int64_t now)
{
	struct ifgw_msg *m = NULL;
	struct ifgw_invoice *item;
	struct ifgw_buf xml;

	ifgw_buf_init(&xml, IFGW_MODEL_XML_MAX);
	if (ifgw_msg_new(&m, IFGW_MSG_ASSIGNMENT_BATCH) != IFGW_OK)
		ifgw_bench_die("document");
	snprintf(m->hdr.id, sizeof(m->hdr.id), "%s", id);
	snprintf(m->body.batch.batch_nr, sizeof(m->body.batch.batch_nr), "%s", id);
	snprintf(m->hdr.sender.code, sizeof(m->hdr.sender.code), "%s", bb->own_code);
	snprintf(m->hdr.receiver.code, sizeof(m->hdr.receiver.code), "%s", bb->contract->partner);
	m->hdr.sender_role = IFGW_ROLE_EXPORT_FACTOR;
	m->hdr.seq = 1;
	m->hdr.created = now;
	m->body.batch.batch_date = ifgw_datetime_date(now);
	m->body.batch.seller = bb->doc->seller;
	snprintf(m->body.batch.seller.nr, sizeof(m->body.batch.seller.nr), "%s", bb->seller);
	if (ifgw_msg_add_item((void **)&item, m) != IFGW_OK)
		ifgw_bench_die("document item");
	*item = *bb->doc;
	snprintf(item->number, sizeof(item->number), "%s", id);
	ifgw_party_init(&item->seller);
	snprintf(item->buyer.nr, sizeof(item->buyer.nr), "D1");
	if (ifgw_msg_compute_totals(m) != IFGW_OK || ifgw_msg_write_xml(&xml, m) != IFGW_OK ||
	    ifgw_store_document_put(bb->b->store, IFGW_STORE_DOC_INVOICE, id, xml.ptr, xml.len) != IFGW_OK)
		ifgw_bench_die("document put");
	ifgw_msg_free(m);
	ifgw_buf_free(&xml);
}

/* Record n new invoices (and their documents) in one transaction, untimed;
 * the first one's number. */
static long record_invoices(struct bbook *bb, long n)
{
	struct ifgw_ledger_invoice inv;
	int64_t now = at("2026-03-01T09:00:00Z");
	long first = bb->next, k;
	char id[32];

	ifgw_clock_set(now);
	if (ifgw_book_begin(bb->b, now) != IFGW_OK)
		ifgw_bench_die("begin");
	for (k = first; k < first + n; k++) {
		invoice_id(id, sizeof(id), k);
		if (bb->doc)
			put_document(bb, id, now);
		if (ifgw_ledger_invoice_init(&inv, id, bb->seller, "D1", &bb->amount, bb->due, bb->contract) != IFGW_OK ||
		    ifgw_book_add_invoice(bb->b, &inv) != IFGW_OK)
			ifgw_bench_die("add invoice");
	}
	if (ifgw_book_commit(bb->b) != IFGW_OK)
		ifgw_bench_die("commit");
	bb->next += n;
	return first;
}

static void apply_step(struct bbook *bb, long k, int step)
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
	ifgw_ledger_event_init(&ev, kinds[step], bb->contract->partner);
	if (kinds[step] == IFGW_LEDGER_EV_ACCEPT) {
		ev.inbound = 1;
		ev.amount = bb->amount;
		ev.amount.minor = bb->amount.minor / 10 * 8; /* 80 % approved */
	} else if (kinds[step] == IFGW_LEDGER_EV_PAY) {
		ev.inbound = 1;
		ev.amount = bb->amount;
	}
	ifgw_clock_set(times[step]);
	if (ifgw_book_apply(bb->b, IFGW_LEDGER_THING_INVOICE, id, &ev, times[step]) != IFGW_OK)
		ifgw_bench_die("apply");
}

/* Transitions for ms milliseconds (timed: the transitions only), `group`
 * per transaction (1: each its own): transitions per second. */
static double ledger_run(struct bbook *bb, long group, long ms, long *transitions)
{
	long chunk = group > 1 ? group : CHUNK_SINGLE, done = 0, first, k;
	double spent = 0, t0;
	int step;

	while (spent < (double)ms / 1000) {
		first = record_invoices(bb, chunk);
		t0 = ifgw_bench_now();
		for (step = 0; step < STEPS; step++) {
			if (group > 1 && ifgw_book_begin(bb->b, at("2026-03-31T09:00:00Z")) != IFGW_OK)
				ifgw_bench_die("begin");
			for (k = first; k < first + chunk; k++)
				apply_step(bb, k, step);
			if (group > 1 && ifgw_book_commit(bb->b) != IFGW_OK)
				ifgw_bench_die("commit");
		}
		spent += ifgw_bench_now() - t0;
		done += chunk * STEPS;
	}
	if (transitions)
		*transitions += done;
	return (double)done / spent;
}

/* --- a node: tests/data/node/fr-books.xml with a test PKI made here,
 * its seller S-FR-TOTAL under export factoring through DE00123 */
struct node {
	struct ifgw_node_snapshot *snap;
	struct ifgw_store *store;
	struct ifgw_node_book nb;
	struct ifgw_ingest *ing;
	struct ifgw_ingest_doc *docs;
	size_t n_docs;
};

static void copy_file(const char *from, const char *to)
{
	char buf[8192];
	size_t n;
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");

	if (!in || !out) {
		fprintf(stderr, "bench_ledger: cannot copy %s to %s\n", from, to);
		exit(1);
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			ifgw_bench_die("copy");
	fclose(in);
	if (fclose(out) != 0)
		ifgw_bench_die("copy");
}

static void node_open(struct node *nd, struct bbook *bb, const char *dir)
{
	static const char *const partners[] = {"DE", "US"};
	const char *top = getenv("top_srcdir") && *getenv("top_srcdir") ? getenv("top_srcdir") : ".";
	struct ifgw_ingest_options opts;
	struct ifgw_pki_init_opts o;
	char path[1024], certs[1024], csv[1024], uri[1024];
	size_t i;

	memset(nd, 0, sizeof(*nd));
	snprintf(path, sizeof(path), "%s/tests/data/node/fr-books.xml", top);
	snprintf(csv, sizeof(csv), "%s/ifgw.xml", dir);
	copy_file(path, csv);
	/* the export seller's registration as presented (Seller/Registration@file) */
	snprintf(certs, sizeof(certs), "%s/sellers", dir);
	if (mkdir(certs, 0700) != 0)
		ifgw_bench_die("mkdir sellers");
	snprintf(path, sizeof(path), "%s/tests/data/node/sellers/S-FR-TOTAL.xml", top);
	snprintf(certs, sizeof(certs), "%s/sellers/S-FR-TOTAL.xml", dir);
	copy_file(path, certs);
	snprintf(certs, sizeof(certs), "%s/certs", dir);
	memset(&o, 0, sizeof(o));
	o.dir = certs;
	o.org = "Bench";
	o.partners = partners;
	o.partner_count = 2;
	ifgw_clock_set(at("2026-02-01T00:00:00Z"));
	if (ifgw_pki_init(&o) != IFGW_OK || ifgw_node_snapshot_load(&nd->snap, csv) != IFGW_OK)
		ifgw_bench_die("node");
	snprintf(uri, sizeof(uri), "sqlite:%s/node.db", dir);
	if (ifgw_store_open(&nd->store, uri, NULL, 0) != IFGW_OK ||
	    ifgw_node_book_open(&nd->nb, nd->snap, nd->store) != IFGW_OK)
		ifgw_bench_die("node book");
	/* The template invoice: R-001 of the sample file, read as submit reads it. */
	snprintf(csv, sizeof(csv), "%s/tests/data/route/fr-node.csv", top);
	memset(&opts, 0, sizeof(opts));
	opts.skip_invalid = 1; /* the sample holds refused lines on purpose: R-001 is valid */
	if (ifgw_ingest_new(&nd->ing, &opts) != IFGW_OK || ifgw_ingest_add_file(nd->ing, csv) != IFGW_OK ||
	    ifgw_ingest_check(nd->ing) != IFGW_OK || ifgw_ingest_collect(&nd->docs, &nd->n_docs, nd->ing) != IFGW_OK)
		ifgw_bench_die("ingest");
	memset(bb, 0, sizeof(*bb));
	bb->b = &nd->nb.book;
	bb->seller = "S-FR-TOTAL";
	bb->own_code = ifgw_node_snapshot_config(nd->snap)->code;
	bb->contract = bb->b->contracts.find(bb->b->contracts.ctx, bb->seller, "DE00123");
	if (!bb->contract)
		ifgw_bench_die("contract of S-FR-TOTAL");
	for (i = 0; i < nd->n_docs; i++)
		if (strcmp(nd->docs[i].inv.number, "R-001") == 0)
			bb->doc = &nd->docs[i].inv;
	if (!bb->doc)
		ifgw_bench_die("R-001 in fr-node.csv");
	bb->amount = bb->doc->amount;
	bb->due = bb->doc->due_date;
}

static void node_close(struct node *nd)
{
	ifgw_node_book_close(&nd->nb);
	ifgw_store_close(nd->store);
	ifgw_node_snapshot_release(nd->snap);
	free(nd->docs);
	ifgw_ingest_free(nd->ing);
}

int main(void)
{
	const char *tmp = getenv("BENCH_LEDGER_DIR") ? getenv("BENCH_LEDGER_DIR")
			  : getenv("TMPDIR")         ? getenv("TMPDIR")
						     : "/tmp";
	long ms = ifgw_bench_env_long("BENCH_LEDGER_MS", 500, 10, 600000);
	long rounds = ifgw_bench_env_long("BENCH_LEDGER_ROUNDS", 3, 1, MAX_ROUNDS);
	long group = ifgw_bench_env_long("BENCH_LEDGER_GROUP", 100, 2, 100000);
	double v[F_COUNT][MAX_ROUNDS], ratio[F_COUNT][MAX_ROUNDS];
	char dir[512], uri[600], rawpath[600], cmd[700];
	struct ifgw_store *s = NULL;
	struct ifgw_book b;
	struct bbook plain, signed_bb;
	struct node nd;
	uint64_t log_entries = 0;
	size_t n_things = 0, n_letters = 0, n_out = 0;
	struct ifgw_store_thing_row *things = NULL;
	struct ifgw_store_letter *letters = NULL;
	struct ifgw_store_outbox_row *out = NULL, *signed_out = NULL;
	size_t n_signed = 0, i;
	long transitions = 0, k;
	struct ifgw_bench_raw r;

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
	memset(&plain, 0, sizeof(plain));
	plain.b = &b;
	plain.contract = &contract;
	plain.seller = "S1";
	plain.amount = eur(1000000);
	if (ifgw_date_parse(&plain.due, "2026-03-31", 10) != IFGW_OK)
		ifgw_bench_die("due date");
	node_open(&nd, &signed_bb, dir);
	ifgw_bench_raw_open(&r, rawpath,
			    "CREATE TABLE t (id BIGINT PRIMARY KEY, state VARCHAR(24) NOT NULL, amount BIGINT NOT NULL)",
			    "INSERT INTO t VALUES (?, 'assigned', 1000000)");

	for (k = 0; k < rounds; k++) {
		v[F_SINGLE][k] = ledger_run(&plain, 1, ms, &transitions);
		v[F_SIGNED_SINGLE][k] = ledger_run(&signed_bb, 1, ms, NULL);
		v[F_RAW_SINGLE][k] = ifgw_bench_raw_run(&r, 1, ms);
		v[F_GROUPED][k] = ledger_run(&plain, group, ms, &transitions);
		v[F_SIGNED_GROUPED][k] = ledger_run(&signed_bb, group, ms, NULL);
		v[F_RAW_GROUPED][k] = ifgw_bench_raw_run(&r, group, ms);
		ratio[F_SINGLE][k] = v[F_SINGLE][k] / v[F_RAW_SINGLE][k];
		ratio[F_SIGNED_SINGLE][k] = v[F_SIGNED_SINGLE][k] / v[F_RAW_SINGLE][k];
		ratio[F_GROUPED][k] = v[F_GROUPED][k] / v[F_RAW_GROUPED][k];
		ratio[F_SIGNED_GROUPED][k] = v[F_SIGNED_GROUPED][k] / v[F_RAW_GROUPED][k];
	}
	/* What the placeholder book's transitions wrote: log entries, outbox
	 * rows and letters (less what recording the invoices wrote: one entry
	 * each), plus one state write each. */
	if (ifgw_store_log_count(s, &log_entries) != IFGW_OK ||
	    ifgw_store_thing_list(s, IFGW_STORE_INVOICES, &things, &n_things) != IFGW_OK ||
	    ifgw_store_letter_list(s, &letters, &n_letters) != IFGW_OK ||
	    ifgw_store_outbox_due(s, &out, &n_out, INT64_MAX, 0) != IFGW_OK)
		ifgw_bench_die("count rows");
	/* The node's partner rows are real signed messages, not placeholders. */
	if (ifgw_store_outbox_due(nd.store, &signed_out, &n_signed, INT64_MAX, 0) != IFGW_OK || n_signed == 0)
		ifgw_bench_die("the node's outbox");
	for (i = 0; i < n_signed; i++)
		if (!memmem(signed_out[i].payload, signed_out[i].payload_len, "SignatureValue", 14)) {
			fprintf(stderr, "bench_ledger: outbox row %s is not signed\n", signed_out[i].msg_id);
			exit(1);
		}
#define MED(f) ifgw_bench_median(v[f], (int)rounds)
#define RATIO(f) ifgw_bench_median(ratio[f], (int)rounds)
	printf("bench=ledger single_per_s=%.0f signed_single_per_s=%.0f raw_single_per_s=%.0f ratio_single=%.3f "
	       "ratio_signed_single=%.3f grouped_per_s=%.0f signed_grouped_per_s=%.0f raw_grouped_per_s=%.0f "
	       "ratio_grouped=%.3f ratio_signed_grouped=%.3f group=%ld rows_per_transition=%.2f signed_messages=%zu "
	       "sync=full journal=wal rounds=%ld stat=median\n",
	       MED(F_SINGLE), MED(F_SIGNED_SINGLE), MED(F_RAW_SINGLE), RATIO(F_SINGLE), RATIO(F_SIGNED_SINGLE),
	       MED(F_GROUPED), MED(F_SIGNED_GROUPED), MED(F_RAW_GROUPED), RATIO(F_GROUPED), RATIO(F_SIGNED_GROUPED),
	       group, (double)(log_entries - n_things + n_letters + n_out + (uint64_t)transitions) / (double)transitions,
	       n_signed, rounds);
#undef MED
#undef RATIO

	free(things);
	free(letters);
	ifgw_store_outbox_rows_free(out, n_out);
	ifgw_store_outbox_rows_free(signed_out, n_signed);
	ifgw_bench_raw_close(&r);
	node_close(&nd);
	ifgw_store_close(s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_ledger: could not remove %s\n", dir);
	ifgw_global_cleanup();
	return 0;
}
