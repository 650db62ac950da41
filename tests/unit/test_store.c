/* test_store.c: the store conformance suite.  Every back end must pass it;
 * each test runs once per back end in `fixtures` below (tcase loop tests).
 *
 * The tests use the store's interface only (gateway/store/store.h).  A back
 * end's fixture adds the three things the interface rightly cannot do: name
 * a fresh store, run raw SQL behind the store's back (to try to change the
 * log, or to make a store look newer), and put garbage where a store
 * should be. */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/clock.h"
#include "gateway/store/store.h"
#include "testutil.h"

#define T0 INT64_C(1780000000) /* 2026-05-28T20:26:40Z */

struct fixture {
	const char *name;
	/* The URI of a store called name in dir (not created). */
	void (*uri)(char *out, size_t size, const char *dir, const char *name);
	/* Run sql on the store at uri without the interface: 0 when it ran. */
	int (*raw)(const char *uri, const char *sql);
	/* Put bytes that are not a database where the store at uri would be. */
	void (*garbage)(const char *uri);
};

/* --- SQLite */
static void sqlite_uri(char *out, size_t size, const char *dir, const char *name)
{
	snprintf(out, size, "sqlite:%s/%s.db", dir, name);
}

static int sqlite_raw(const char *uri, const char *sql)
{
	sqlite3 *db = NULL;
	int rc;

	ck_assert_int_eq(strncmp(uri, "sqlite:", 7), 0);
	ck_assert_int_eq(sqlite3_open(uri + 7, &db), SQLITE_OK);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static void sqlite_garbage(const char *uri)
{
	FILE *f = fopen(uri + 7, "wb");
	int i;

	ck_assert_ptr_nonnull(f);
	for (i = 0; i < 200; i++)
		fputs("this is an invoice list, not a database\n", f);
	ck_assert_int_eq(fclose(f), 0);
}

static const struct fixture fixtures[] = {
	{"sqlite", sqlite_uri, sqlite_raw, sqlite_garbage},
};
#define N_FIXTURES ((int)(sizeof(fixtures) / sizeof(fixtures[0])))

/* --- per test: a fresh folder and a frozen clock */
static char dir[256];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "%s/ifgw-store-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ifgw_clock_set(T0);
}

static void teardown(void)
{
	char cmd[400];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static const char *uri_of(const struct fixture *fx, const char *name)
{
	static char uri[512];

	fx->uri(uri, sizeof(uri), dir, name);
	return uri;
}

static struct ifgw_store *open_new(const struct fixture *fx, const char *name)
{
	struct ifgw_store *s = NULL;

	ck_assert_ok(ifgw_store_open(&s, uri_of(fx, name), NULL, 0));
	return s;
}

static struct ifgw_store_outbound outbound(const char *partner, const char *msg_id, uint64_t seq, const char *payload)
{
	struct ifgw_store_outbound m;

	memset(&m, 0, sizeof(m));
	snprintf(m.partner, sizeof(m.partner), "%s", partner);
	snprintf(m.type, sizeof(m.type), "%s", "assignment");
	snprintf(m.msg_id, sizeof(m.msg_id), "%s", msg_id);
	m.seq = seq;
	m.next_attempt = T0;
	m.payload = (const unsigned char *)payload;
	m.payload_len = strlen(payload);
	return m;
}

static struct ifgw_store_inbound inbound(const char *sender, const char *msg_id, uint64_t seq, const char *payload)
{
	struct ifgw_store_inbound m;

	memset(&m, 0, sizeof(m));
	snprintf(m.sender, sizeof(m.sender), "%s", sender);
	snprintf(m.type, sizeof(m.type), "%s", "cover-response");
	snprintf(m.msg_id, sizeof(m.msg_id), "%s", msg_id);
	snprintf(m.outcome, sizeof(m.outcome), "%s", "applied");
	m.seq = seq;
	m.payload = (const unsigned char *)payload;
	m.payload_len = strlen(payload);
	return m;
}

static uint64_t log_count(struct ifgw_store *s)
{
	uint64_t n = 99999;

	ck_assert_ok(ifgw_store_log_count(s, &n));
	return n;
}

/* --- migrations */
START_TEST(migrate_from_empty)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store_migration_record h[16];
	struct ifgw_store *s = NULL;
	int v = -1, latest = ifgw_store_latest_version();
	size_t n = 99, k;

	ck_assert_int_ge(latest, 1);
	ck_assert_ok(ifgw_store_open(&s, uri_of(fx, "a"), NULL, IFGW_STORE_NO_MIGRATE));
	ck_assert_ok(ifgw_store_version(s, &v));
	ck_assert_int_eq(v, 0);
	ck_assert_ok(ifgw_store_history(s, h, 16, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_fails(ifgw_store_check(s), IFGW_ESTATE, "run 'ifgw store migrate'");
	ck_assert_ok(ifgw_store_migrate(s, 0));
	ck_assert_ok(ifgw_store_version(s, &v));
	ck_assert_int_eq(v, latest);
	ck_assert_ok(ifgw_store_check(s));
	ck_assert_ok(ifgw_store_history(s, h, 16, &n));
	ck_assert_uint_eq(n, (size_t)latest);
	for (k = 0; k < n; k++) {
		ck_assert_int_eq(h[k].version, (int)k + 1);
		ck_assert_int_eq(h[k].applied, T0);
		ck_assert_int_gt(strlen(h[k].description), 0);
	}
	ck_assert_fails(ifgw_store_migrate(s, latest + 1), IFGW_EINVAL, "no schema version");
	ifgw_store_close(s);

	/* Opened again later: nothing applied twice. */
	ifgw_clock_advance(86400);
	s = open_new(fx, "a");
	ck_assert_ok(ifgw_store_history(s, h, 16, &n));
	ck_assert_uint_eq(n, (size_t)latest);
	ck_assert_int_eq(h[n - 1].applied, T0);
	ifgw_store_close(s);
}
END_TEST

/* From each earlier version (0 = empty) to the latest, with the store in
 * use at the earlier version when it has tables to use. */
START_TEST(migrate_from_each_version)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store_migration_record h[16];
	struct ifgw_store *s = NULL;
	int from, v, latest = ifgw_store_latest_version();
	char name[16];
	size_t n, k;

	for (from = 0; from < latest; from++) {
		struct ifgw_store_outbound m = outbound("DE00123", "M-1", 0, "<x/>");

		snprintf(name, sizeof(name), "v%d", from);
		ifgw_clock_set(T0);
		ck_assert_ok(ifgw_store_open(&s, uri_of(fx, name), NULL, IFGW_STORE_NO_MIGRATE));
		if (from > 0)
			ck_assert_ok(ifgw_store_migrate(s, from));
		ck_assert_ok(ifgw_store_version(s, &v));
		ck_assert_int_eq(v, from);
		if (from >= 1) { /* version 1 has the log and the outbox */
			ck_assert_ok(ifgw_store_begin(s));
			ck_assert_ok(ifgw_store_outbox_put(s, NULL, &m));
			ck_assert_ok(ifgw_store_commit(s));
		}
		ifgw_store_close(s);

		ifgw_clock_set(T0 + 3600);
		s = open_new(fx, name);
		ck_assert_ok(ifgw_store_version(s, &v));
		ck_assert_int_eq(v, latest);
		ck_assert_ok(ifgw_store_check(s));
		ck_assert_ok(ifgw_store_history(s, h, 16, &n));
		ck_assert_uint_eq(n, (size_t)latest);
		for (k = 0; k < n; k++)
			ck_assert_int_eq(h[k].applied, h[k].version <= from ? T0 : T0 + 3600);
		/* What was there is still there, and the store works on. */
		ck_assert_uint_eq(log_count(s), from >= 1 ? 1 : 0);
		m = outbound("DE00123", "M-2", 0, "<y/>");
		ck_assert_ok(ifgw_store_begin(s));
		ck_assert_ok(ifgw_store_outbox_put(s, NULL, &m));
		ck_assert_ok(ifgw_store_commit(s));
		ck_assert_uint_eq(m.seq, from >= 1 ? 2 : 1);
		{ /* version 2's tables are there and written in the same transactions */
			struct ifgw_store_thing_row r;

			memset(&r, 0, sizeof(r));
			snprintf(r.id, sizeof(r.id), "S-1");
			snprintf(r.state, sizeof(r.state), "new");
			ck_assert_ok(ifgw_store_begin(s));
			ck_assert_ok(ifgw_store_thing_put(s, IFGW_STORE_SELLERS, &r));
			ck_assert_ok(ifgw_store_commit(s));
			ck_assert_ok(ifgw_store_thing_get(s, IFGW_STORE_SELLERS, "S-1", &r));
			ck_assert_str_eq(r.state, "new");
		}
		{ /* version 3's documents too */
			unsigned char *body = NULL;
			size_t len = 0;

			ck_assert_ok(ifgw_store_begin(s));
			ck_assert_ok(ifgw_store_document_put(s, IFGW_STORE_DOC_INVOICE, "INV-1", "<doc/>", 6));
			ck_assert_ok(ifgw_store_commit(s));
			ck_assert_ok(ifgw_store_document_get(s, IFGW_STORE_DOC_INVOICE, "INV-1", &body, &len, NULL));
			ck_assert_uint_eq(len, 6);
			ck_assert_mem_eq(body, "<doc/>", 6);
			free(body);
		}
		ifgw_store_close(s);
	}
}
END_TEST

/* --- schema 2: the ledger's things and letters */
START_TEST(things_and_letters)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = open_new(fx, "things");
	struct ifgw_store_thing_row r, got, *all = NULL;
	struct ifgw_store_letter l, *ls = NULL;
	size_t n = 0, k;

	memset(&r, 0, sizeof(r));
	snprintf(r.id, sizeof(r.id), "INV-1");
	snprintf(r.seller, sizeof(r.seller), "S-1");
	snprintf(r.debtor, sizeof(r.debtor), "D-1");
	snprintf(r.state, sizeof(r.state), "received");
	snprintf(r.currency, sizeof(r.currency), "EUR");
	for (k = 0; k < IFGW_STORE_FIGURES; k++)
		r.figures[k] = (int64_t)k * 100;
	r.detail[0] = -1;
	r.detail[1] = INT64_MAX;
	r.detail[2] = INT64_MIN;
	r.n_detail = 3;
	ck_assert_fails(ifgw_store_thing_put(s, IFGW_STORE_INVOICES, &r), IFGW_ESTATE, "outside a transaction");
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_thing_put(s, IFGW_STORE_INVOICES, &r));
	ck_assert_int_eq(r.version, 1);
	ck_assert_ok(ifgw_store_commit(s));
	ck_assert_ok(ifgw_store_thing_get(s, IFGW_STORE_INVOICES, "INV-1", &got));
	ck_assert_str_eq(got.state, "received");
	ck_assert_str_eq(got.debtor, "D-1");
	ck_assert_int_eq(got.version, 1);
	ck_assert_int_eq(got.updated, T0);
	ck_assert_uint_eq(got.n_detail, 3);
	ck_assert(got.detail[0] == -1 && got.detail[1] == INT64_MAX && got.detail[2] == INT64_MIN);
	for (k = 0; k < IFGW_STORE_FIGURES; k++)
		ck_assert_int_eq(got.figures[k], (int64_t)k * 100);
	ck_assert_fails(ifgw_store_thing_get(s, IFGW_STORE_COVERS, "INV-1", &got), IFGW_ENOTFOUND, "no INV-1");

	/* A stale version and a second insert are refused and doom the transaction. */
	ck_assert_ok(ifgw_store_begin(s));
	got.version = 0;
	ck_assert_fails(ifgw_store_thing_put(s, IFGW_STORE_INVOICES, &got), IFGW_ESTATE, "exists already");
	ifgw_store_rollback(s);
	ck_assert_ok(ifgw_store_begin(s));
	snprintf(r.state, sizeof(r.state), "assigned");
	ck_assert_ok(ifgw_store_thing_put(s, IFGW_STORE_INVOICES, &r));
	ck_assert_int_eq(r.version, 2);
	r.version = 1;
	ck_assert_fails(ifgw_store_thing_put(s, IFGW_STORE_INVOICES, &r), IFGW_ESTATE, "version 1 is not the stored one");
	ck_assert_fails(ifgw_store_commit(s), IFGW_ESTATE, "rolled back");
	ck_assert_ok(ifgw_store_thing_get(s, IFGW_STORE_INVOICES, "INV-1", &got));
	ck_assert_str_eq(got.state, "received");
	ck_assert_int_eq(got.version, 1);

	/* A letter carries its own log entry. */
	memset(&l, 0, sizeof(l));
	snprintf(l.party, sizeof(l.party), "debtor");
	snprintf(l.recipient, sizeof(l.recipient), "D-1");
	snprintf(l.kind, sizeof(l.kind), "reminder");
	snprintf(l.subject, sizeof(l.subject), "INV-1");
	snprintf(l.currency, sizeof(l.currency), "EUR");
	l.amount = 1234;
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_letter_put(s, &l));
	ck_assert_ok(ifgw_store_commit(s));
	ck_assert_int_eq(l.id, 1);
	ck_assert_uint_eq(l.log_entry, 0);
	ck_assert_uint_eq(log_count(s), 1);
	snprintf(l.party, sizeof(l.party), "partner");
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_fails(ifgw_store_letter_put(s, &l), IFGW_EINVAL, "neither seller nor debtor");
	ifgw_store_rollback(s);
	ck_assert_ok(ifgw_store_letter_list(s, &ls, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(ls[0].kind, "reminder");
	ck_assert_int_eq(ls[0].amount, 1234);
	free(ls);
	ck_assert_ok(ifgw_store_thing_list(s, IFGW_STORE_INVOICES, &all, &n));
	ck_assert_uint_eq(n, 1);
	free(all);
	ck_assert_ok(ifgw_store_thing_list(s, IFGW_STORE_SELLERS, &all, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(all);
	ifgw_store_close(s);
}
END_TEST

/* --- schema 3: documents as received */
START_TEST(documents)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = open_new(fx, "docs");
	static const unsigned char bin[] = {'<', 0, 0xff, '\n', 0x80, '>'};
	struct ifgw_store_log_entry e[2];
	unsigned char *body = NULL;
	size_t len = 99, n = 0;
	int64_t created = 0;

	ck_assert_fails(ifgw_store_document_put(s, IFGW_STORE_DOC_INVOICE, "INV-1", bin, sizeof(bin)), IFGW_ESTATE,
			"outside a transaction");
	ck_assert_fails(ifgw_store_document_get(s, IFGW_STORE_DOC_INVOICE, "INV-1", &body, &len, NULL), IFGW_ENOTFOUND,
			"no document invoice:INV-1");
	ck_assert_ptr_null(body);
	ck_assert_uint_eq(len, 0);

	/* Any bytes, kept as given, with a document-in log entry hashing them. */
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_document_put(s, IFGW_STORE_DOC_INVOICE, "INV-1", bin, sizeof(bin)));
	ck_assert_ok(ifgw_store_document_put(s, "credit-note", "INV-1", "", 0));
	ck_assert_ok(ifgw_store_commit(s));
	ifgw_clock_advance(60);
	ck_assert_ok(ifgw_store_document_get(s, IFGW_STORE_DOC_INVOICE, "INV-1", &body, &len, &created));
	ck_assert_uint_eq(len, sizeof(bin));
	ck_assert_mem_eq(body, bin, sizeof(bin));
	ck_assert_int_eq(body[len], 0);
	ck_assert_int_eq(created, T0);
	free(body);
	ck_assert_ok(ifgw_store_document_get(s, "credit-note", "INV-1", &body, &len, NULL));
	ck_assert_uint_eq(len, 0);
	free(body);
	ck_assert_ok(ifgw_store_log_read(s, e, 2, 0, &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(e[0].kind, IFGW_STORE_LOG_DOCUMENT);
	ck_assert_str_eq(e[0].subject, "invoice:INV-1");
	ck_assert_str_eq(e[1].subject, "credit-note:INV-1");
	/* SHA-256 of the empty body */
	ck_assert_str_eq(e[1].sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ck_assert_str_ne(e[0].sha256, e[1].sha256);

	/* A document never changes: a second put is refused and dooms the
	 * transaction, so what went before it in the transaction goes too. */
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_document_put(s, IFGW_STORE_DOC_INVOICE, "INV-2", "<two/>", 6));
	ck_assert_fails(ifgw_store_document_put(s, IFGW_STORE_DOC_INVOICE, "INV-1", "<other/>", 8), IFGW_ESTATE,
			"document invoice:INV-1 exists already");
	ck_assert_fails(ifgw_store_commit(s), IFGW_ESTATE, "rolled back");
	ck_assert_fails(ifgw_store_document_get(s, IFGW_STORE_DOC_INVOICE, "INV-2", &body, &len, NULL), IFGW_ENOTFOUND,
			"no document");
	ck_assert_uint_eq(log_count(s), 2);

	/* Rolled back by the caller: nothing stays. */
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_document_put(s, IFGW_STORE_DOC_INVOICE, "INV-3", "<three/>", 8));
	ifgw_store_rollback(s);
	ck_assert_fails(ifgw_store_document_get(s, IFGW_STORE_DOC_INVOICE, "INV-3", &body, &len, NULL), IFGW_ENOTFOUND,
			"no document");
	ck_assert_uint_eq(log_count(s), 2);

	/* Keys: present and within their columns. */
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_fails(ifgw_store_document_put(s, "", "INV-4", "x", 1), IFGW_EINVAL, "document kind missing");
	ifgw_store_rollback(s);
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_fails(ifgw_store_document_put(s, IFGW_STORE_DOC_INVOICE, "", "x", 1), IFGW_EINVAL, "document id missing");
	ifgw_store_rollback(s);
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_fails(ifgw_store_document_put(s, IFGW_STORE_DOC_INVOICE, "123456789012345678901234567890123456", "x", 1),
			IFGW_EINVAL, "at most 35 characters");
	ifgw_store_rollback(s);
	{ /* the id's limit counts characters: 35 two-byte ones fit */
		char wide[2 * 35 + 1];
		int k;

		for (k = 0; k < 35; k++)
			memcpy(wide + 2 * k, "\xc3\xa9", 2);
		wide[70] = '\0';
		ck_assert_ok(ifgw_store_begin(s));
		ck_assert_ok(ifgw_store_document_put(s, IFGW_STORE_DOC_INVOICE, wide, "x", 1));
		ifgw_store_rollback(s);
	}
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_fails(ifgw_store_document_put(s, "a-kind-of-17-byte", "INV-4", "x", 1), IFGW_EINVAL,
			"too long (at most 16 bytes)");
	ifgw_store_rollback(s);

	/* Kept across a reopen. */
	ifgw_store_close(s);
	s = open_new(fx, "docs");
	ck_assert_ok(ifgw_store_document_get(s, IFGW_STORE_DOC_INVOICE, "INV-1", &body, &len, NULL));
	ck_assert_mem_eq(body, bin, sizeof(bin));
	free(body);
	ifgw_store_close(s);
}
END_TEST

/* --- transactions */
START_TEST(transaction_rules)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = open_new(fx, "t");
	struct ifgw_store_outbound m = outbound("DE00123", "M-1", 0, "<x/>");
	struct ifgw_store_inbound in = inbound("DE00123", "I-1", 1, "<y/>");
	enum ifgw_store_apply st;

	ck_assert_fails(ifgw_store_log_append(s, NULL, "transition", "INV-1", "FR00456", "x", 1), IFGW_ESTATE,
			"outside a transaction");
	ck_assert_fails(ifgw_store_outbox_put(s, NULL, &m), IFGW_ESTATE, "outside a transaction");
	ck_assert_fails(ifgw_store_inbox_apply_once(s, &st, &in), IFGW_ESTATE, "outside a transaction");
	ck_assert_fails(ifgw_store_outbox_mark(s, 1, IFGW_OUTBOX_SENT, 0), IFGW_ESTATE, "outside a transaction");
	ck_assert_fails(ifgw_store_commit(s), IFGW_ESTATE, "without a transaction");
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_int_eq(ifgw_store_in_transaction(s), 1);
	ck_assert_fails(ifgw_store_begin(s), IFGW_ESTATE, "already open");
	ck_assert_fails(ifgw_store_migrate(s, 0), IFGW_ESTATE, "inside a transaction");
	ck_assert_fails(ifgw_store_log_append(s, NULL, "", "INV-1", "", "x", 1), IFGW_EINVAL, "without kind");
	ifgw_store_rollback(s);
	ck_assert_int_eq(ifgw_store_in_transaction(s), 0);
	ck_assert_uint_eq(log_count(s), 0);
	ifgw_store_close(s);
}
END_TEST

START_TEST(rollback_whole)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = open_new(fx, "r");
	struct ifgw_store_outbound m = outbound("DE00123", "M-1", 0, "<x/>");
	struct ifgw_store_outbound dup = outbound("DE00123", "M-1", 0, "<x/>");
	struct ifgw_store_inbound in = inbound("IT00789", "I-1", 1, "<y/>");
	struct ifgw_store_outbox_row *rows = NULL;
	enum ifgw_store_apply st;
	size_t n = 9;

	/* Rolled back by the caller: nothing of it stays. */
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_log_append(s, NULL, "transition", "INV-1", "FR00456", "a", 1));
	ck_assert_ok(ifgw_store_outbox_put(s, NULL, &m));
	ck_assert_ok(ifgw_store_inbox_apply_once(s, &st, &in));
	ck_assert_uint_eq(log_count(s), 3);
	ifgw_store_rollback(s);
	ck_assert_uint_eq(log_count(s), 0);
	ck_assert_ok(ifgw_store_outbox_due(s, &rows, &n, T0, 0));
	ck_assert_uint_eq(n, 0);

	/* One write fails: the commit rolls back what went before it too. */
	m.seq = 0;
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_log_append(s, NULL, "transition", "INV-1", "FR00456", "a", 1));
	ck_assert_ok(ifgw_store_outbox_put(s, NULL, &m));
	ck_assert_fails(ifgw_store_outbox_put(s, NULL, &dup), IFGW_ESTATE, "already queued");
	ck_assert_fails(ifgw_store_commit(s), IFGW_ESTATE, "rolled back");
	ck_assert_int_eq(ifgw_store_in_transaction(s), 0);
	ck_assert_uint_eq(log_count(s), 0);
	ck_assert_ok(ifgw_store_outbox_due(s, &rows, &n, T0, 0));
	ck_assert_uint_eq(n, 0);

	/* A transaction that commits stays, across a reopen. */
	m.seq = 0;
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_outbox_put(s, NULL, &m));
	ck_assert_ok(ifgw_store_commit(s));
	ifgw_store_close(s);
	s = open_new(fx, "r");
	ck_assert_uint_eq(log_count(s), 1);
	ck_assert_ok(ifgw_store_outbox_due(s, &rows, &n, T0, 0));
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(rows[0].msg_id, "M-1");
	ifgw_store_outbox_rows_free(rows, n);
	ifgw_store_close(s);
}
END_TEST

/* --- the inbox */
START_TEST(inbox_once)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = open_new(fx, "i");
	struct ifgw_store_inbound m1 = inbound("DE00123", "D-1", 1, "<one/>");
	struct ifgw_store_inbound again = inbound("DE00123", "D-1", 2, "<other bytes/>");
	struct ifgw_store_inbound same_id_other_sender = inbound("IT00789", "D-1", 1, "<one/>");
	struct ifgw_store_log_entry e[4];
	enum ifgw_store_apply st = IFGW_STORE_ALREADY_APPLIED;
	size_t n = 0;

	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_inbox_apply_once(s, &st, &m1));
	ck_assert_int_eq(st, IFGW_STORE_APPLIED);
	ck_assert_ok(ifgw_store_commit(s));

	/* The duplicate: answered "already applied", nothing written, and the
	 * transaction it came in goes on. */
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_inbox_apply_once(s, &st, &m1));
	ck_assert_int_eq(st, IFGW_STORE_ALREADY_APPLIED);
	ck_assert_ok(ifgw_store_inbox_apply_once(s, &st, &again));
	ck_assert_int_eq(st, IFGW_STORE_ALREADY_APPLIED);
	ck_assert_ok(ifgw_store_inbox_apply_once(s, &st, &same_id_other_sender));
	ck_assert_int_eq(st, IFGW_STORE_APPLIED);
	ck_assert_ok(ifgw_store_commit(s));

	ck_assert_ok(ifgw_store_log_read(s, e, 4, 0, &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(e[0].kind, IFGW_STORE_LOG_MESSAGE_IN);
	ck_assert_str_eq(e[0].subject, "D-1");
	ck_assert_str_eq(e[0].actor, "DE00123");
	ck_assert_str_eq(e[1].actor, "IT00789");
	ifgw_store_close(s);
}
END_TEST

START_TEST(inbox_sequence)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = open_new(fx, "q");
	struct ifgw_store_inbound m;
	enum ifgw_store_apply st;

	/* A corridor starts at 1. */
	m = inbound("DE00123", "D-2", 2, "<two/>");
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_fails(ifgw_store_inbox_apply_once(s, &st, &m), IFGW_ESTATE, "sequence 2 out of order: expected 1");
	ifgw_store_rollback(s);

	m = inbound("DE00123", "D-1", 1, "<one/>");
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_inbox_apply_once(s, &st, &m));
	m = inbound("DE00123", "D-2", 2, "<two/>");
	ck_assert_ok(ifgw_store_inbox_apply_once(s, &st, &m));
	ck_assert_int_eq(st, IFGW_STORE_APPLIED);
	ck_assert_ok(ifgw_store_commit(s));

	/* A gap, and a number used again under a new id: refused, nothing kept. */
	ck_assert_ok(ifgw_store_begin(s));
	m = inbound("DE00123", "D-4", 4, "<four/>");
	ck_assert_fails(ifgw_store_inbox_apply_once(s, &st, &m), IFGW_ESTATE, "sequence 4 out of order: expected 3");
	ifgw_store_rollback(s);
	ck_assert_ok(ifgw_store_begin(s));
	m = inbound("DE00123", "D-X", 2, "<again/>");
	ck_assert_fails(ifgw_store_inbox_apply_once(s, &st, &m), IFGW_ESTATE, "sequence 2 already used: expected 3");
	ifgw_store_rollback(s);
	ck_assert_uint_eq(log_count(s), 2);

	/* Each sender is its own corridor. */
	ck_assert_ok(ifgw_store_begin(s));
	m = inbound("IT00789", "X-1", 1, "<it/>");
	ck_assert_ok(ifgw_store_inbox_apply_once(s, &st, &m));
	m = inbound("DE00123", "D-3", 3, "<three/>");
	ck_assert_ok(ifgw_store_inbox_apply_once(s, &st, &m));
	ck_assert_ok(ifgw_store_commit(s));
	ck_assert_uint_eq(log_count(s), 4);
	ifgw_store_close(s);
}
END_TEST

/* --- the outbox */
START_TEST(outbox_order)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = open_new(fx, "o");
	struct ifgw_store_outbound m;
	struct ifgw_store_outbox_row *rows = NULL;
	int64_t id = 0, de1 = 0;
	size_t n = 0;
	static const char *const want_seq[] = {"DE00123:1", "DE00123:2", "DE00123:3", "IT00789:10", "IT00789:11"};
	char got[32];
	size_t k;

	uint64_t next = 99;

	ck_assert_ok(ifgw_store_outbox_next_seq(s, "DE00123", &next));
	ck_assert_uint_eq(next, 1);
	ck_assert_fails(ifgw_store_outbox_next_seq(s, "", &next), IFGW_EINVAL, "partner missing");
	ck_assert_ok(ifgw_store_begin(s));
	/* Queued out of partner order: read back per partner, in sequence. */
	m = outbound("IT00789", "I-10", 10, "<i10/>");
	ck_assert_ok(ifgw_store_outbox_put(s, &id, &m));
	m = outbound("DE00123", "D-a", 0, "<d1/>");
	ck_assert_ok(ifgw_store_outbox_put(s, &de1, &m));
	ck_assert_uint_eq(m.seq, 1);
	m = outbound("DE00123", "D-b", 0, "<d2/>");
	ck_assert_ok(ifgw_store_outbox_put(s, NULL, &m));
	ck_assert_uint_eq(m.seq, 2);
	m = outbound("IT00789", "I-11", 0, "<i11/>");
	ck_assert_ok(ifgw_store_outbox_put(s, NULL, &m));
	ck_assert_uint_eq(m.seq, 11);
	/* The next sequence, asked before encoding, is the one a put with it
	 * takes; each corridor counts on its own. */
	ck_assert_ok(ifgw_store_outbox_next_seq(s, "DE00123", &next));
	ck_assert_uint_eq(next, 3);
	ck_assert_ok(ifgw_store_outbox_next_seq(s, "IT00789", &next));
	ck_assert_uint_eq(next, 12);
	ck_assert_ok(ifgw_store_outbox_next_seq(s, "DE00123", &next));
	m = outbound("DE00123", "D-c", next, "<d3/>");
	ck_assert_ok(ifgw_store_outbox_put(s, NULL, &m));
	ck_assert_ok(ifgw_store_outbox_next_seq(s, "DE00123", &next));
	ck_assert_uint_eq(next, 4);
	ck_assert_ok(ifgw_store_commit(s));

	/* Refusals: a sequence not after the last, a message id again. */
	ck_assert_ok(ifgw_store_begin(s));
	m = outbound("DE00123", "D-z", 2, "<z/>");
	ck_assert_fails(ifgw_store_outbox_put(s, NULL, &m), IFGW_ESTATE, "sequence 2 is not after the corridor's last (3)");
	ifgw_store_rollback(s);
	ck_assert_ok(ifgw_store_begin(s));
	m = outbound("DE00123", "D-a", 0, "<again/>");
	ck_assert_fails(ifgw_store_outbox_put(s, NULL, &m), IFGW_ESTATE, "D-a to DE00123 already queued");
	ifgw_store_rollback(s);
	/* What was rolled back gave no number away. */
	ck_assert_ok(ifgw_store_outbox_next_seq(s, "DE00123", &next));
	ck_assert_uint_eq(next, 4);

	ck_assert_ok(ifgw_store_outbox_due(s, &rows, &n, T0, 0));
	ck_assert_uint_eq(n, 5);
	for (k = 0; k < n; k++) {
		snprintf(got, sizeof(got), "%s:%llu", rows[k].partner, (unsigned long long)rows[k].seq);
		ck_assert_str_eq(got, want_seq[k]);
		ck_assert_int_eq(rows[k].state, IFGW_OUTBOX_QUEUED);
		ck_assert_int_eq(rows[k].created, T0);
		ck_assert_int_eq(rows[k].attempts, 0);
	}
	ck_assert_uint_eq(rows[0].payload_len, 5);
	ck_assert_mem_eq(rows[0].payload, "<d1/>", 5);
	ck_assert_str_eq(rows[0].type, "assignment");
	ck_assert_int_eq(rows[0].id, de1);
	ifgw_store_outbox_rows_free(rows, n);

	ck_assert_ok(ifgw_store_outbox_due(s, &rows, &n, T0, 2));
	ck_assert_uint_eq(n, 2);
	ifgw_store_outbox_rows_free(rows, n);

	/* DE's first waits for a retry: DE's later ones wait behind it. */
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_outbox_mark(s, de1, IFGW_OUTBOX_QUEUED, T0 + 60));
	ck_assert_ok(ifgw_store_commit(s));
	ck_assert_ok(ifgw_store_outbox_due(s, &rows, &n, T0, 0));
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rows[0].partner, "IT00789");
	ck_assert_str_eq(rows[1].partner, "IT00789");
	ifgw_store_outbox_rows_free(rows, n);
	ck_assert_ok(ifgw_store_outbox_due(s, &rows, &n, T0 + 60, 0));
	ck_assert_uint_eq(n, 5);
	ck_assert_int_eq(rows[0].attempts, 1);
	ck_assert_int_eq(rows[0].next_attempt, T0 + 60);
	ifgw_store_outbox_rows_free(rows, n);

	/* Sent: gone from the due list; an ended row is not marked again. */
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_outbox_mark(s, de1, IFGW_OUTBOX_SENT, 0));
	ck_assert_ok(ifgw_store_commit(s));
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_fails(ifgw_store_outbox_mark(s, de1, IFGW_OUTBOX_QUEUED, T0), IFGW_ESTATE, "is sent already");
	ifgw_store_rollback(s);
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_fails(ifgw_store_outbox_mark(s, 9999, IFGW_OUTBOX_SENT, 0), IFGW_ENOTFOUND, "no row 9999");
	ifgw_store_rollback(s);
	ck_assert_ok(ifgw_store_outbox_due(s, &rows, &n, T0 + 60, 0));
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(rows[0].msg_id, "D-b");
	ifgw_store_outbox_rows_free(rows, n);
	ifgw_store_close(s);
}
END_TEST

/* --- the log */
/* --- message inquiry: the outbox and the inbox read together, filtered,
 * oldest first; one message's exact bytes. */
static size_t list(struct ifgw_store *s, const struct ifgw_store_message_filter *f, struct ifgw_store_message **out)
{
	size_t n = 999;

	free(*out);
	*out = NULL;
	ck_assert_ok(ifgw_store_message_list(s, f, out, &n));
	ck_assert(n == 0 ? *out == NULL : *out != NULL);
	return n;
}

START_TEST(message_inquiry)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = open_new(fx, "m");
	static const unsigned char binary[] = { '<', 'a', '>', 0, 0xFF, '\r', '\n', '<', '/', 'a', '>' };
	struct ifgw_store_outbound o1 = outbound("DE00123", "FR1-DE00123-1", 0, "<first/>");
	struct ifgw_store_outbound o2 = outbound("DE00123", "FR1-DE00123-2", 0, "");
	struct ifgw_store_outbound o3 = outbound("IT00789", "D-1", 0, "<to italy/>");
	struct ifgw_store_inbound i1 = inbound("DE00123", "D-1", 1, "<from germany/>");
	struct ifgw_store_inbound i2 = inbound("IT00789", "D-1", 1, "<from italy/>");
	struct ifgw_store_message_filter f;
	struct ifgw_store_message *m = NULL;
	enum ifgw_store_apply st;
	unsigned char *bytes = NULL;
	size_t len = 0;
	int64_t id1 = 0;

	o2.payload = binary;
	o2.payload_len = sizeof(binary);
	snprintf(o3.type, sizeof(o3.type), "%s", "cover-request");
	ck_assert_uint_eq(list(s, NULL, &m), 0);

	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_outbox_put(s, &id1, &o1)); /* T0 */
	ck_assert_ok(ifgw_store_commit(s));
	ifgw_clock_set(T0 + 50);
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_inbox_apply_once(s, &st, &i1));
	ck_assert_ok(ifgw_store_commit(s));
	ifgw_clock_set(T0 + 100);
	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_outbox_put(s, NULL, &o2));
	ck_assert_ok(ifgw_store_outbox_put(s, NULL, &o3));
	ck_assert_ok(ifgw_store_inbox_apply_once(s, &st, &i2));
	ck_assert_ok(ifgw_store_outbox_mark(s, id1, IFGW_OUTBOX_SENT, 0));
	ck_assert_ok(ifgw_store_commit(s));

	/* Everything, oldest first; at one time outbound before inbound, then
	 * partner, then sequence. */
	ck_assert_uint_eq(list(s, NULL, &m), 5);
	ck_assert_int_eq(m[0].direction, IFGW_STORE_OUT);
	ck_assert_str_eq(m[0].msg_id, "FR1-DE00123-1");
	ck_assert_str_eq(m[0].partner, "DE00123");
	ck_assert_str_eq(m[0].type, "assignment");
	ck_assert_str_eq(m[0].state, "sent");
	ck_assert_int_eq(m[0].attempts, 1);
	ck_assert_int_eq(m[0].row_id, id1);
	ck_assert_uint_eq(m[0].seq, 1);
	ck_assert_int_eq(m[0].time, T0);
	ck_assert_uint_eq(m[0].size, strlen("<first/>"));
	ck_assert_int_eq(m[1].direction, IFGW_STORE_IN);
	ck_assert_str_eq(m[1].partner, "DE00123");
	ck_assert_str_eq(m[1].msg_id, "D-1");
	ck_assert_str_eq(m[1].state, "applied");
	ck_assert_int_eq(m[1].time, T0 + 50);
	ck_assert_int_eq(m[1].row_id, 0);
	ck_assert_uint_eq(m[1].size, strlen("<from germany/>"));
	ck_assert_str_eq(m[2].msg_id, "FR1-DE00123-2");
	ck_assert_uint_eq(m[2].seq, 2);
	ck_assert_str_eq(m[2].state, "queued");
	ck_assert_uint_eq(m[2].size, sizeof(binary));
	ck_assert_int_eq(m[3].direction, IFGW_STORE_OUT);
	ck_assert_str_eq(m[3].partner, "IT00789");
	ck_assert_int_eq(m[4].direction, IFGW_STORE_IN);
	ck_assert_str_eq(m[4].partner, "IT00789");
	ck_assert(m[1].log_entry != m[0].log_entry && m[4].log_entry > m[3].log_entry);

	memset(&f, 0, sizeof(f));
	f.direction = IFGW_STORE_IN;
	ck_assert_uint_eq(list(s, &f, &m), 2);
	ck_assert(m[0].direction == IFGW_STORE_IN && m[1].direction == IFGW_STORE_IN);
	f.direction = IFGW_STORE_OUT;
	f.partner = "DE00123";
	ck_assert_uint_eq(list(s, &f, &m), 2);
	ck_assert_str_eq(m[1].msg_id, "FR1-DE00123-2");
	f.direction = IFGW_STORE_BOTH;
	ck_assert_uint_eq(list(s, &f, &m), 3); /* the partner either way */
	f.partner = NULL;
	f.type = "cover-request";
	ck_assert_uint_eq(list(s, &f, &m), 1);
	ck_assert_str_eq(m[0].partner, "IT00789");
	f.type = NULL;
	f.msg_id = "D-1"; /* one id, three messages: two senders and one outbound */
	ck_assert_uint_eq(list(s, &f, &m), 3);
	f.msg_id = NULL;
	f.has_from = 1;
	f.from = T0 + 50; /* from is inclusive, to exclusive */
	f.has_to = 1;
	f.to = T0 + 100;
	ck_assert_uint_eq(list(s, &f, &m), 1);
	ck_assert_str_eq(m[0].msg_id, "D-1");
	ck_assert_int_eq(m[0].direction, IFGW_STORE_IN);
	f.has_to = 0;
	ck_assert_uint_eq(list(s, &f, &m), 4);
	f.partner = "NOBODY";
	ck_assert_uint_eq(list(s, &f, &m), 0);
	f.direction = (enum ifgw_store_direction)7;
	ck_assert_fails(ifgw_store_message_list(s, &f, &m, &len), IFGW_EINVAL, "no direction 7");

	/* The exact bytes, NUL and CR LF included; the direction decides. */
	ck_assert_ok(ifgw_store_message_get(s, IFGW_STORE_OUT, "DE00123", "FR1-DE00123-2", &bytes, &len));
	ck_assert_uint_eq(len, sizeof(binary));
	ck_assert_mem_eq(bytes, binary, sizeof(binary));
	ck_assert_int_eq(bytes[len], 0);
	free(bytes);
	ck_assert_ok(ifgw_store_message_get(s, IFGW_STORE_IN, "IT00789", "D-1", &bytes, &len));
	ck_assert_uint_eq(len, strlen("<from italy/>"));
	ck_assert_mem_eq(bytes, "<from italy/>", len);
	free(bytes);
	ck_assert_ok(ifgw_store_message_get(s, IFGW_STORE_OUT, "IT00789", "D-1", &bytes, &len));
	ck_assert_mem_eq(bytes, "<to italy/>", len);
	free(bytes);
	bytes = NULL;
	ck_assert_fails(ifgw_store_message_get(s, IFGW_STORE_OUT, "DE00123", "D-1", &bytes, &len), IFGW_ENOTFOUND,
			"no outbound message D-1 to DE00123");
	ck_assert_ptr_null(bytes);
	ck_assert_fails(ifgw_store_message_get(s, IFGW_STORE_IN, "FR00001", "D-1", &bytes, &len), IFGW_ENOTFOUND,
			"no inbound message D-1 from FR00001");
	ck_assert_fails(ifgw_store_message_get(s, IFGW_STORE_BOTH, "DE00123", "D-1", &bytes, &len), IFGW_EINVAL,
			"direction must be out or in");
	free(m);
	ifgw_store_close(s);
}
END_TEST

START_TEST(log_entries)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = open_new(fx, "l");
	struct ifgw_store_outbound m = outbound("DE00123", "M-1", 0, "abc");
	struct ifgw_store_log_entry e[8];
	uint64_t idx = 99;
	size_t n = 0;

	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_log_append(s, &idx, "transition", "INV-1 received", "FR00456", "", 0));
	ck_assert_uint_eq(idx, 0);
	ifgw_clock_advance(5);
	ck_assert_ok(ifgw_store_outbox_put(s, NULL, &m));
	ck_assert_ok(ifgw_store_log_append(s, &idx, "transition", "INV-1 assigned", NULL, "abc", 3));
	ck_assert_uint_eq(idx, 2);
	ck_assert_ok(ifgw_store_commit(s));

	ck_assert_ok(ifgw_store_log_read(s, e, 8, 0, &n));
	ck_assert_uint_eq(n, 3);
	/* SHA-256 of "" and of "abc" (FIPS 180-2 example). */
	ck_assert_str_eq(e[0].sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ck_assert_int_eq(e[0].time, T0);
	ck_assert_str_eq(e[0].subject, "INV-1 received");
	ck_assert_str_eq(e[1].kind, IFGW_STORE_LOG_MESSAGE_OUT);
	ck_assert_str_eq(e[1].subject, "M-1");
	ck_assert_str_eq(e[1].actor, "DE00123");
	ck_assert_int_eq(e[1].time, T0 + 5);
	ck_assert_str_eq(e[1].sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ck_assert_str_eq(e[2].sha256, e[1].sha256);
	ck_assert_str_eq(e[2].actor, "");

	/* A range. */
	ck_assert_ok(ifgw_store_log_read(s, e, 1, 1, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(e[0].index, 1);
	ck_assert_ok(ifgw_store_log_read(s, e, 8, 3, &n));
	ck_assert_uint_eq(n, 0);
	ifgw_store_close(s);
}
END_TEST

START_TEST(log_append_only)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = open_new(fx, "p");
	struct ifgw_store_log_entry e[2];
	size_t n = 0;

	ck_assert_ok(ifgw_store_begin(s));
	ck_assert_ok(ifgw_store_log_append(s, NULL, "transition", "INV-1 funded", "FR00456", "x", 1));
	ck_assert_ok(ifgw_store_log_append(s, NULL, "transition", "INV-1 paid", "FR00456", "y", 1));
	ck_assert_ok(ifgw_store_commit(s));
	ifgw_store_close(s);

	/* Behind the store's back, in plain SQL: the database refuses. */
	ck_assert_int_ne(fx->raw(uri_of(fx, "p"), "UPDATE ifgw_log SET subject = 'INV-1 never funded' WHERE entry = 0"), 0);
	ck_assert_int_ne(fx->raw(uri_of(fx, "p"), "DELETE FROM ifgw_log WHERE entry = 1"), 0);
	ck_assert_int_ne(fx->raw(uri_of(fx, "p"), "DELETE FROM ifgw_log"), 0);

	s = open_new(fx, "p");
	ck_assert_ok(ifgw_store_log_read(s, e, 2, 0, &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(e[0].subject, "INV-1 funded");
	ck_assert_ok(ifgw_store_check(s));
	ifgw_store_close(s);
}
END_TEST

/* --- two processes writing at once */
#define WRITERS 2
#define APPENDS 500

static int writer(const char *uri, int w)
{
	struct ifgw_store *s = NULL;
	char subject[32];
	int i;

	if (ifgw_store_open(&s, uri, NULL, 0) != IFGW_OK)
		return 1;
	for (i = 0; i < APPENDS; i++) {
		snprintf(subject, sizeof(subject), "w%d-%d", w, i);
		if (ifgw_store_begin(s) != IFGW_OK ||
		    ifgw_store_log_append(s, NULL, "transition", subject, "", subject, strlen(subject)) != IFGW_OK ||
		    ifgw_store_commit(s) != IFGW_OK) {
			fprintf(stderr, "writer %d at %d: %s\n", w, i, ifgw_error_last());
			ifgw_store_close(s);
			return 1;
		}
	}
	ifgw_store_close(s);
	return 0;
}

START_TEST(concurrent_writers)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = open_new(fx, "c");
	struct ifgw_store_log_entry *e = calloc(WRITERS * APPENDS + 1, sizeof(*e));
	int next[WRITERS] = {0}, w, status;
	pid_t pid[WRITERS];
	char uri[512];
	size_t n = 0, k;

	ck_assert_ptr_nonnull(e);
	snprintf(uri, sizeof(uri), "%s", uri_of(fx, "c"));
	ifgw_store_close(s); /* created; each process opens its own handle */
	for (w = 0; w < WRITERS; w++) {
		pid[w] = fork();
		ck_assert_int_ge(pid[w], 0);
		if (pid[w] == 0)
			_exit(writer(uri, w));
	}
	for (w = 0; w < WRITERS; w++) {
		ck_assert_int_eq(waitpid(pid[w], &status, 0), pid[w]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d failed", w);
	}

	s = open_new(fx, "c");
	ck_assert_uint_eq(log_count(s), WRITERS * APPENDS);
	ck_assert_ok(ifgw_store_log_read(s, e, WRITERS * APPENDS + 1, 0, &n));
	ck_assert_uint_eq(n, WRITERS * APPENDS);
	for (k = 0; k < n; k++) {
		char want[32];

		ck_assert_uint_eq(e[k].index, k);
		/* each writer's entries in its own order, none lost */
		w = e[k].subject[1] - '0';
		ck_assert_int_lt(w, WRITERS);
		snprintf(want, sizeof(want), "w%d-%d", w, next[w]++);
		ck_assert_str_eq(e[k].subject, want);
	}
	for (w = 0; w < WRITERS; w++)
		ck_assert_int_eq(next[w], APPENDS);
	free(e);
	ifgw_store_close(s);
}
END_TEST

/* --- what is refused at open */
START_TEST(not_a_database)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = NULL;
	const char *uri = uri_of(fx, "g");

	fx->garbage(uri);
	ck_assert_fails(ifgw_store_open(&s, uri, NULL, 0), IFGW_EPARSE, "not an SQLite database");
	ck_assert_fails(ifgw_store_open(&s, uri, NULL, 0), IFGW_EPARSE, uri);
	ck_assert_ptr_null(s);
}
END_TEST

START_TEST(not_an_ifgw_store)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = NULL;
	const char *uri = uri_of(fx, "other");

	ck_assert_int_eq(fx->raw(uri, "CREATE TABLE customers (id INTEGER)"), 0);
	ck_assert_fails(ifgw_store_open(&s, uri, NULL, 0), IFGW_EPARSE, "not an ifgw store");
}
END_TEST

START_TEST(newer_version)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = open_new(fx, "n");
	char sql[200], want[64];
	int latest = ifgw_store_latest_version();

	ifgw_store_close(s);
	snprintf(sql, sizeof(sql), "INSERT INTO ifgw_schema (version, applied, description) VALUES (%d, 0, 'future')",
		 latest + 1);
	ck_assert_int_eq(fx->raw(uri_of(fx, "n"), sql), 0);
	snprintf(want, sizeof(want), "schema version %d is newer than this ifgw's (%d)", latest + 1, latest);
	ck_assert_fails(ifgw_store_open(&s, uri_of(fx, "n"), NULL, 0), IFGW_EUNSUPPORTED, want);
	ck_assert_fails(ifgw_store_open(&s, uri_of(fx, "n"), NULL, IFGW_STORE_NO_MIGRATE), IFGW_EUNSUPPORTED,
			uri_of(fx, "n"));
	ck_assert_ptr_null(s);
}
END_TEST

START_TEST(open_uris)
{
	const struct fixture *fx = &fixtures[_i];
	struct ifgw_store *s = NULL;
	char want[512];

	ck_assert_fails(ifgw_store_open(&s, uri_of(fx, "missing"), NULL, IFGW_STORE_NO_CREATE), IFGW_ENOTFOUND,
			uri_of(fx, "missing"));
	ck_assert_fails(ifgw_store_open(&s, "postgresql://db.example/ifgw", NULL, 0), IFGW_EUNSUPPORTED,
			"the postgresql back end is not built in");
	ck_assert_fails(ifgw_store_open(&s, "mysql:x", NULL, 0), IFGW_EINVAL, "unknown back end 'mysql'");
	ck_assert_fails(ifgw_store_open(&s, "ifgw.db", NULL, 0), IFGW_EINVAL, "not a store URI");
	ck_assert_fails(ifgw_store_open(&s, "sqlite:", NULL, 0), IFGW_EINVAL, "not a store URI");
	ck_assert_ptr_null(s);
	if (strcmp(fx->name, "sqlite") == 0) {
		/* A relative path is taken from the base folder (the config's). */
		ck_assert_ok(ifgw_store_open(&s, "sqlite:rel.db", dir, 0));
		snprintf(want, sizeof(want), "sqlite:%s/rel.db", dir);
		ck_assert_str_eq(ifgw_store_where(s), want);
		ifgw_store_close(s);
		ck_assert_ok(ifgw_store_open(&s, want, NULL, IFGW_STORE_NO_CREATE));
		ifgw_store_close(s);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *su = suite_create("store");
	TCase *tc = tcase_create("conformance");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, migrate_from_empty, 0, N_FIXTURES);
	tcase_add_loop_test(tc, migrate_from_each_version, 0, N_FIXTURES);
	tcase_add_loop_test(tc, things_and_letters, 0, N_FIXTURES);
	tcase_add_loop_test(tc, documents, 0, N_FIXTURES);
	tcase_add_loop_test(tc, transaction_rules, 0, N_FIXTURES);
	tcase_add_loop_test(tc, rollback_whole, 0, N_FIXTURES);
	tcase_add_loop_test(tc, inbox_once, 0, N_FIXTURES);
	tcase_add_loop_test(tc, inbox_sequence, 0, N_FIXTURES);
	tcase_add_loop_test(tc, outbox_order, 0, N_FIXTURES);
	tcase_add_loop_test(tc, message_inquiry, 0, N_FIXTURES);
	tcase_add_loop_test(tc, log_entries, 0, N_FIXTURES);
	tcase_add_loop_test(tc, log_append_only, 0, N_FIXTURES);
	tcase_add_loop_test(tc, not_a_database, 0, N_FIXTURES);
	tcase_add_loop_test(tc, not_an_ifgw_store, 0, N_FIXTURES);
	tcase_add_loop_test(tc, newer_version, 0, N_FIXTURES);
	tcase_add_loop_test(tc, open_uris, 0, N_FIXTURES);
	suite_add_tcase(su, tc);
	/* 1000 durable commits: each waits for the disk, however busy. */
	tc = tcase_create("concurrency");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, concurrent_writers, 0, N_FIXTURES);
	suite_add_tcase(su, tc);
	return su;
}

IFGW_TEST_MAIN(suite)
