/* test_scenarios.c: the scenario files of tests/data/scenarios/ (docs/scenarios.md).
 *
 * One test case per file, each on fresh stores in a temporary folder: the
 * runner writes a test PKI there (keys/), copies the node configurations the
 * file names (tests/data/scenarios/nodes/) beside it, loads each node's
 * snapshot, opens its store and its book (contracts, outbox sink), then runs
 * the file line by line on the injected clock; nodes exchange their
 * messages through the loopback (gateway/node/loopback.h).  After every step it checks the invariants of every
 * node's stored books (ifgw_ledger_book_check) and, for an invoice two nodes
 * both hold while nothing is in flight between them, that both books agree
 * on its figures.  A step marked `refused "reason"` must fail with that
 * reason and leave the node's store exactly as it was. */
#include "config.h"

#include <dirent.h>
#include <stdarg.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/file.h"
#include "certs/xmldsig.h"
#include "currency/calendar.h"
#include "currency/convert.h"
#include "currency/rates.h"
#include "gateway/ingest/ingest.h"
#include "gateway/ledger/ledger.h"
#include "gateway/node/book.h"
#include "gateway/node/books.h"
#include "gateway/node/compose.h"
#include "gateway/node/contracts.h"
#include "gateway/node/cover_request.h"
#include "gateway/node/inbound.h"
#include "gateway/node/loopback.h"
#include "gateway/node/snapshot.h"
#include "gateway/node/submit.h"
#include "gateway/route/outbound.h"
#include "gateway/route/target.h"
#include "gateway/store/store.h"
#include "model/codes.h"
#include "model/invoice.h"
#include "model/message.h"
#include "model/model.h"
#include "certs_fixture.h"
#include "testutil.h"

#define SC_DIR "tests/data/scenarios"
#define SC_MAX_FILES 64
#define SC_MAX_NODES 4
#define SC_MAX_TOKENS 32
#define SC_LINE_MAX 1024

/* The scenario files, found once (sorted by name). */
static char sc_files[SC_MAX_FILES][256];
static int sc_n_files;

struct sc_node {
	char name[8];                        /* as the file calls it: FR */
	struct ifgw_node_snapshot *snap;
	const struct ifgw_config *cfg;
	struct ifgw_store *store;
	struct ifgw_node_book nb;            /* its books: store, contracts, outbox sink (gateway/node/books.h) */
};

/* One act of a debtors file: at `time`, `debtor ` + text. */
struct sc_act {
	int64_t time;
	unsigned line;
	char text[SC_LINE_MAX];
};

/* The last message one node delivered to another (replay, forge). */
struct sc_sent {
	unsigned char *bytes;
	size_t len;
	uint64_t seq;
};

struct sc_run {
	const char *file;
	unsigned line;
	char *dir;
	struct sc_node nodes[SC_MAX_NODES];
	size_t n_nodes;
	int64_t now;
	struct ifgw_rateset *rates;
	unsigned steps;
	struct sc_sent sent[SC_MAX_NODES][SC_MAX_NODES]; /* [from][to] */
	struct sc_act *acts;  /* the scripted debtors' acts (`debtors FILE`), by time */
	size_t n_acts, next_act;
	char acts_file[256];
};

/* What a store holds, summed: a refused step must leave it unchanged. */
struct sc_print {
	uint64_t log;
	size_t queued, letters, things;
	int64_t versions;
};

static struct sc_run *sc_cur; /* for messages */

static void sc_want_money(const char *what, const struct ifgw_money *got, const struct ifgw_money *want);
static long sc_count(const char *w);

static void sc_fail(const char *fmt, ...) IFGW_PRINTF(1, 2);

static void sc_fail(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ck_abort_msg("%s:%u: %s", sc_cur ? sc_cur->file : "?", sc_cur ? sc_cur->line : 0, msg);
}

/* ---- the test PKI and the nodes ---------------------------------------- */

static void sc_write_pair(const char *dir, const char *name, X509 *ca, EVP_PKEY *cakey, int64_t from, int64_t to)
{
	struct ifgw_pki_subject subj = {name, "Scenario Factors", NULL, NULL};
	char path[4200];
	EVP_PKEY *key = fix_key(IFGW_PKI_EC);
	X509 *cert = NULL;

	ck_assert_ok(ifgw_pki_cert_new(&cert, key, IFGW_PKI_PROFILE_SIGNING, &subj, from, to, ca, cakey));
	snprintf(path, sizeof(path), "%s/keys/%s.key", dir, name);
	ck_assert_ok(ifgw_pki_write_key(path, key));
	snprintf(path, sizeof(path), "%s/keys/%s.crt", dir, name);
	ck_assert_ok(ifgw_pki_write_cert(path, cert));
	X509_free(cert);
	EVP_PKEY_free(key);
}

/* keys/ca.crt and a signing pair per node, valid over every scenario's
 * years (2026-01-01 .. 2030-12-31). */
static void sc_pki(const char *dir)
{
	struct ifgw_pki_subject subj = {"Scenario Root", "Scenario Factors", NULL, NULL};
	static const char *const names[] = {"fr-sign", "de-sign", "us-sign"};
	char path[4200];
	EVP_PKEY *cakey = fix_key(IFGW_PKI_EC);
	X509 *ca = NULL;
	int64_t from, to;
	size_t i;

	ck_assert_ok(ifgw_datetime_parse(&from, "2026-01-01T00:00:00Z"));
	ck_assert_ok(ifgw_datetime_parse(&to, "2030-12-31T00:00:00Z"));
	snprintf(path, sizeof(path), "%s/keys", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_ok(ifgw_pki_cert_new(&ca, cakey, IFGW_PKI_PROFILE_CA, &subj, from, to, NULL, cakey));
	snprintf(path, sizeof(path), "%s/keys/ca.crt", dir);
	ck_assert_ok(ifgw_pki_write_cert(path, ca));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		sc_write_pair(dir, names[i], ca, cakey, from, to);
	X509_free(ca);
	EVP_PKEY_free(cakey);
}

static struct sc_node *sc_node(struct sc_run *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n_nodes; i++)
		if (strcmp(r->nodes[i].name, name) == 0)
			return &r->nodes[i];
	sc_fail("no node %s (declare it with `node %s FILE`)", name, name);
	return NULL;
}

static void sc_node_add(struct sc_run *r, const char *name, const char *file)
{
	struct ifgw_buf b;
	struct sc_node *n;
	char rel[512], path[4200];
	size_t i;

	if (r->n_nodes == SC_MAX_NODES)
		sc_fail("more than %d nodes", SC_MAX_NODES);
	for (i = 0; i < r->n_nodes; i++)
		if (strcmp(r->nodes[i].name, name) == 0)
			sc_fail("node %s declared twice", name);
	n = &r->nodes[r->n_nodes];
	memset(n, 0, sizeof(*n));
	snprintf(n->name, sizeof(n->name), "%s", name);
	snprintf(rel, sizeof(rel), SC_DIR "/nodes/%s", file);
	ifgw_buf_init(&b, 1 << 20);
	if (ifgw_file_read(&b, ifgw_test_srcpath(rel)) != IFGW_OK)
		sc_fail("node %s: %s", name, ifgw_error_last());
	snprintf(path, sizeof(path), "%s/%s", r->dir, file);
	ck_assert_ok(ifgw_file_write_atomic(path, b.ptr, b.len, 0644));
	ifgw_buf_free(&b);
	if (ifgw_node_snapshot_load(&n->snap, path) != IFGW_OK)
		sc_fail("node %s: %s", name, ifgw_error_last());
	n->cfg = ifgw_node_snapshot_config(n->snap);
	if (ifgw_store_open(&n->store, n->cfg->store ? n->cfg->store : "sqlite:ifgw.db", r->dir, 0) != IFGW_OK)
		sc_fail("node %s: %s", name, ifgw_error_last());
	if (ifgw_node_book_open(&n->nb, n->snap, n->store) != IFGW_OK)
		sc_fail("node %s: %s", name, ifgw_error_last());
	r->n_nodes++;
}

static void sc_nodes_free(struct sc_run *r)
{
	size_t i, j;

	for (i = 0; i < SC_MAX_NODES; i++)
		for (j = 0; j < SC_MAX_NODES; j++)
			free(r->sent[i][j].bytes);
	for (i = 0; i < r->n_nodes; i++) {
		ifgw_node_book_close(&r->nodes[i].nb);
		ifgw_store_close(r->nodes[i].store);
		ifgw_node_snapshot_release(r->nodes[i].snap);
	}
	r->n_nodes = 0;
}

/* ---- the books as the store holds them -------------------------------- */

struct sc_books {
	struct ifgw_ledger_book book;
};

static void sc_books_free(struct sc_books *b)
{
	free(b->book.sellers);
	free(b->book.covers);
	free(b->book.invoices);
	memset(b, 0, sizeof(*b));
}

static void sc_books_load(struct sc_books *out, struct sc_node *n)
{
	struct ifgw_store_thing_row *rows = NULL;
	size_t count = 0, i;

	memset(out, 0, sizeof(*out));
	ck_assert_ok(ifgw_store_thing_list(n->store, IFGW_STORE_SELLERS, &rows, &count));
	out->book.sellers = calloc(count + 1, sizeof(*out->book.sellers));
	ck_assert_ptr_nonnull(out->book.sellers);
	for (i = 0; i < count; i++)
		ck_assert_ok(ifgw_book_load_seller(&n->nb.book, rows[i].id, &out->book.sellers[i]));
	out->book.n_sellers = count;
	free(rows);
	rows = NULL;
	ck_assert_ok(ifgw_store_thing_list(n->store, IFGW_STORE_COVERS, &rows, &count));
	out->book.covers = calloc(count + 1, sizeof(*out->book.covers));
	ck_assert_ptr_nonnull(out->book.covers);
	for (i = 0; i < count; i++)
		ck_assert_ok(ifgw_book_load_cover(&n->nb.book, rows[i].id, &out->book.covers[i]));
	out->book.n_covers = count;
	free(rows);
	rows = NULL;
	ck_assert_ok(ifgw_store_thing_list(n->store, IFGW_STORE_INVOICES, &rows, &count));
	out->book.invoices = calloc(count + 1, sizeof(*out->book.invoices));
	ck_assert_ptr_nonnull(out->book.invoices);
	for (i = 0; i < count; i++)
		ck_assert_ok(ifgw_book_load_invoice(&n->nb.book, rows[i].id, &out->book.invoices[i]));
	out->book.n_invoices = count;
	free(rows);
}

static void sc_print_of(struct sc_print *p, struct sc_node *n)
{
	static const enum ifgw_store_thing kinds[] = {IFGW_STORE_SELLERS, IFGW_STORE_COVERS, IFGW_STORE_INVOICES};
	struct ifgw_store_outbox_row *out = NULL;
	struct ifgw_store_letter *letters = NULL;
	struct ifgw_store_thing_row *rows;
	size_t k, i, count;

	memset(p, 0, sizeof(*p));
	ck_assert_ok(ifgw_store_log_count(n->store, &p->log));
	ck_assert_ok(ifgw_store_outbox_due(n->store, &out, &p->queued, INT64_MAX, 0));
	ifgw_store_outbox_rows_free(out, p->queued);
	ck_assert_ok(ifgw_store_letter_list(n->store, &letters, &p->letters));
	free(letters);
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		rows = NULL;
		ck_assert_ok(ifgw_store_thing_list(n->store, kinds[k], &rows, &count));
		for (i = 0; i < count; i++)
			p->versions += rows[i].version;
		p->things += count;
		free(rows);
	}
}

/* The invariants of every node's books. */
static void sc_check_books(struct sc_run *r)
{
	struct sc_books b;
	size_t i;

	for (i = 0; i < r->n_nodes; i++) {
		sc_books_load(&b, &r->nodes[i]);
		if (ifgw_ledger_book_check(&b.book) != IFGW_OK)
			sc_fail("node %s: books do not balance: %s", r->nodes[i].name, ifgw_error_last());
		sc_books_free(&b);
	}
}

/* ---- tokens and values ------------------------------------------------- */

struct sc_line {
	char buf[SC_LINE_MAX];
	char *tok[SC_MAX_TOKENS];
	size_t n;
	const char *refused; /* the reason a refused step must give; NULL: it must succeed */
};

/* Split on blanks; "quoted text" is one token; # starts a comment. */
static void sc_tokenize(struct sc_line *l, const char *text)
{
	char *p;

	memset(l, 0, sizeof(*l));
	snprintf(l->buf, sizeof(l->buf), "%s", text);
	p = l->buf;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0' || *p == '#')
			break;
		if (l->n == SC_MAX_TOKENS)
			sc_fail("more than %d words", SC_MAX_TOKENS);
		if (*p == '"') {
			l->tok[l->n++] = ++p;
			while (*p && *p != '"')
				p++;
			if (*p != '"')
				sc_fail("unterminated quote");
			*p++ = '\0';
			continue;
		}
		l->tok[l->n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			p++;
		if (*p)
			*p++ = '\0';
	}
	if (l->n >= 2 && strcmp(l->tok[l->n - 2], "refused") == 0) {
		l->refused = l->tok[l->n - 1];
		l->n -= 2;
	}
}

static const char *sc_tok(const struct sc_line *l, size_t i, const char *what)
{
	if (i >= l->n)
		sc_fail("%s missing", what);
	return l->tok[i];
}

static int64_t sc_time(const char *text)
{
	int64_t t;
	int32_t d;

	if (strlen(text) == 10 && ifgw_date_parse(&d, text, 10) == IFGW_OK)
		return (int64_t)d * 86400;
	if (ifgw_datetime_parse(&t, text) != IFGW_OK)
		sc_fail("time '%s': %s", text, ifgw_error_last());
	return t;
}

static int32_t sc_date(const char *text)
{
	int32_t d;

	if (ifgw_date_parse(&d, text, strlen(text)) != IFGW_OK)
		sc_fail("date '%s': %s", text, ifgw_error_last());
	return d;
}

static struct ifgw_money sc_amount(const char *num, const char *ccy)
{
	struct ifgw_money m;
	const struct ifgw_currency *c = ifgw_currency_find(ccy);

	if (!c)
		sc_fail("currency '%s' unknown", ccy);
	if (ifgw_money_parse(&m, num, strlen(num), c, NULL) != IFGW_OK)
		sc_fail("amount '%s %s': %s", num, ccy, ifgw_error_last());
	return m;
}

static void sc_show(char out[IFGW_MONEY_STRLEN + 8], const struct ifgw_money *m)
{
	char num[IFGW_MONEY_STRLEN];

	ifgw_money_format(num, m);
	snprintf(out, IFGW_MONEY_STRLEN + 8, "%s %s", num, m->ccy ? m->ccy->code : "");
}

static int sc_thing(const char *word)
{
	if (strcmp(word, "seller") == 0)
		return IFGW_LEDGER_THING_SELLER;
	if (strcmp(word, "cover") == 0)
		return IFGW_LEDGER_THING_COVER;
	if (strcmp(word, "invoice") == 0)
		return IFGW_LEDGER_THING_INVOICE;
	sc_fail("'%s' is no thing (seller, cover, invoice)", word);
	return 0;
}

static int sc_event_kind(const char *word)
{
	int k;

	for (k = 1; k < IFGW_LEDGER_EV_KIND_COUNT_; k++)
		if (strcmp(ifgw_ledger_event_name(k), word) == 0)
			return k;
	sc_fail("'%s' is no ledger event", word);
	return 0;
}

/* The rates per EUR of both currencies, as of `as_of`, from the shipped ECB
 * history (the same as `ifgw fx`). */
static void sc_rates(struct sc_run *r, struct ifgw_ledger_event *ev, const struct ifgw_currency *to, int32_t as_of)
{
	struct ifgw_conversion cv;

	if (!r->rates)
		ck_assert_ok(ifgw_rateset_load_file(&r->rates, ifgw_test_srcpath(IFGW_RATES_DEFAULT_FILE)));
	if (ifgw_money_convert(&cv, r->rates, &ev->amount, to, as_of, NULL) != IFGW_OK)
		sc_fail("rates: %s", ifgw_error_last());
	ev->from_per_eur = cv.from_per_eur;
	ev->to_per_eur = cv.to_per_eur;
	ev->rate_date = cv.rate_date;
}

/* ---- steps -------------------------------------------------------------- */

/* Run an action on node n: it must succeed, or be refused with the line's
 * reason and change nothing in n's store. */
static void sc_outcome(struct sc_run *r, struct sc_node *n, const struct sc_line *l, int rc,
		       const struct sc_print *before)
{
	struct sc_print after;

	(void)r;
	if (!l->refused) {
		if (rc != IFGW_OK)
			sc_fail("refused: %s", ifgw_error_last());
		return;
	}
	if (rc == IFGW_OK)
		sc_fail("accepted; the scenario expects a refusal (\"%s\")", l->refused);
	if (!strstr(ifgw_error_last(), l->refused))
		sc_fail("refused with \"%s\", not \"%s\"", ifgw_error_last(), l->refused);
	sc_print_of(&after, n);
	if (memcmp(&after, before, sizeof(after)) != 0)
		sc_fail("refused, but node %s's store changed (log %llu -> %llu, things %zu -> %zu)", n->name,
			(unsigned long long)before->log, (unsigned long long)after.log, before->things, after.things);
	ifgw_error_clear();
}

static const struct ifgw_config_seller *sc_seller_cfg(struct sc_node *n, const char *id)
{
	const struct ifgw_config_seller *s = ifgw_config_seller(n->cfg, id);

	if (!s)
		sc_fail("node %s has no seller %s in its configuration", n->name, id);
	return s;
}

/* The document a thing is recorded with, when the scenario ships one
 * (tests/data/scenarios/documents/<prefix>-<name>.xml: the seller's or
 * debtor's application as canonical XML), fitted by fit() and written
 * as canonical XML into *out; 0 when there is none. */
static int sc_document(struct ifgw_buf *out, const char *prefix, const char *name, int type,
		       void (*fit)(struct ifgw_msg *m, const void *ctx), const void *ctx)
{
	struct ifgw_msg *m = NULL;
	struct ifgw_buf b;
	char rel[512];
	int found;

	snprintf(rel, sizeof(rel), SC_DIR "/documents/%s-%s.xml", prefix, name);
	ifgw_buf_init(&b, 1 << 20);
	found = ifgw_file_read(&b, ifgw_test_srcpath(rel)) == IFGW_OK;
	if (!found) {
		ifgw_error_clear();
		ifgw_buf_free(&b);
		return 0;
	}
	if (ifgw_msg_read_xml(&m, b.ptr, b.len, rel) != IFGW_OK)
		sc_fail("%s: %s", rel, ifgw_error_last());
	if (m->hdr.type != type)
		sc_fail("%s: a %s, not a %s", rel, ifgw_msg_type_name(m->hdr.type), ifgw_msg_type_name(type));
	if (fit)
		fit(m, ctx);
	ifgw_buf_reset(out);
	if (ifgw_msg_write_xml(out, m) != IFGW_OK)
		sc_fail("%s: %s", rel, ifgw_error_last());
	ifgw_msg_free(m);
	ifgw_buf_free(&b);
	return 1;
}

struct sc_cover_fit {
	const struct ifgw_ledger_cover *cover;
	const struct ifgw_config_seller *seller;
};

static void sc_fit_cover(struct ifgw_msg *m, const void *ctx)
{
	const struct sc_cover_fit *f = ctx;
	struct ifgw_cover_request *r = &m->body.cover_request;

	snprintf(r->request_nr, sizeof(r->request_nr), "%s", f->cover->id);
	snprintf(r->seller.nr, sizeof(r->seller.nr), "%s", f->seller->id);
	snprintf(r->seller.name, sizeof(r->seller.name), "%s", f->seller->name);
	r->amount = f->cover->requested;
}

/* Run the calls of one action in one book transaction with the documents
 * it is recorded with (kind, id, body; body NULL: none). */
static int sc_tx_begin(struct sc_node *n, int64_t now, const char *kind, const char *id, const struct ifgw_buf *body)
{
	int rc;

	if ((rc = ifgw_book_begin(&n->nb.book, now)) != IFGW_OK)
		return rc;
	if (body && (rc = ifgw_store_document_put(n->store, kind, id, body->ptr, body->len)) != IFGW_OK)
		ifgw_book_rollback(&n->nb.book);
	return rc;
}

static int sc_tx_end(struct sc_node *n, int rc)
{
	if (rc == IFGW_OK)
		return ifgw_book_commit(&n->nb.book);
	ifgw_book_rollback(&n->nb.book);
	return rc;
}

/* seller NODE ID: record a configured seller and register it (with its
 * application, documents/seller-ID.xml, when there is one). */
static void sc_do_seller(struct sc_run *r, const struct sc_line *l)
{
	struct sc_node *n = sc_node(r, sc_tok(l, 1, "node"));
	const struct ifgw_config_seller *cs = sc_seller_cfg(n, sc_tok(l, 2, "seller id"));
	struct ifgw_ledger_seller s;
	struct ifgw_ledger_event ev;
	struct sc_print before;
	struct ifgw_buf doc;
	int rc, has_doc;

	memset(&s, 0, sizeof(s));
	snprintf(s.id, sizeof(s.id), "%s", cs->id);
	snprintf(s.partner, sizeof(s.partner), "%s", cs->contract.partner);
	s.since = r->now;
	sc_print_of(&before, n);
	ifgw_buf_init(&doc, 1 << 20);
	has_doc = sc_document(&doc, "seller", s.id, IFGW_MSG_SELLER_REGISTRATION, NULL, NULL);
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_SELLER_REGISTER, "seller");
	rc = sc_tx_begin(n, r->now, IFGW_COMPOSE_DOC_SELLER, s.id, has_doc ? &doc : NULL);
	if (rc == IFGW_OK) {
		rc = ifgw_book_add_seller(&n->nb.book, &s);
		if (rc == IFGW_OK)
			rc = ifgw_book_apply(&n->nb.book, IFGW_LEDGER_THING_SELLER, s.id, &ev, r->now);
		rc = sc_tx_end(n, rc);
	}
	ifgw_buf_free(&doc);
	sc_outcome(r, n, l, rc, &before);
}

/* The first problem of an application's check, as the step's error. */
static void sc_cover_problem(void *ctx, const char *name, const char *why)
{
	char *first = ctx;

	if (!first[0])
		snprintf(first, 512, "%s: %s", name, why);
}

/* An application (the debtor's document fitted to the step) checked and
 * recorded by gateway/node/cover_request in one book transaction. */
static int sc_cover_request(struct sc_node *n, const struct ifgw_buf *doc, const char *id, int64_t now)
{
	struct ifgw_cover_request_item it;
	char first[512] = "";
	int rc;

	if (ifgw_cover_request_check(&it, &n->nb, (const unsigned char *)doc->ptr, doc->len, id, sc_cover_problem,
				     first) != 0) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s", first);
	} else if ((rc = ifgw_book_begin(&n->nb.book, now)) == IFGW_OK) {
		rc = sc_tx_end(n, ifgw_cover_request_record(&it, &n->nb, now));
	}
	ifgw_cover_request_item_free(&it);
	return rc;
}

/* cover NODE ID SELLER DEBTOR AMOUNT CCY: a credit cover asked for. */
static void sc_do_cover(struct sc_run *r, const struct sc_line *l)
{
	struct sc_node *n = sc_node(r, sc_tok(l, 1, "node"));
	const struct ifgw_config_seller *cs = sc_seller_cfg(n, sc_tok(l, 3, "seller"));
	struct ifgw_ledger_cover c;
	struct ifgw_ledger_event ev;
	struct sc_print before;
	struct sc_cover_fit fit;
	struct ifgw_buf doc;
	int rc, has_doc;

	memset(&c, 0, sizeof(c));
	snprintf(c.id, sizeof(c.id), "%s", sc_tok(l, 2, "cover id"));
	snprintf(c.seller, sizeof(c.seller), "%s", cs->id);
	snprintf(c.debtor, sizeof(c.debtor), "%s", sc_tok(l, 4, "debtor"));
	snprintf(c.partner, sizeof(c.partner), "%s", cs->contract.partner);
	c.expiry = IFGW_DATE_NONE;
	c.since = r->now;
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_COVER_REQUEST, "seller");
	ev.amount = sc_amount(sc_tok(l, 5, "amount"), sc_tok(l, 6, "currency"));
	c.requested.ccy = ev.amount.ccy;
	c.granted.ccy = ev.amount.ccy;
	sc_print_of(&before, n);
	/* the application names the debtor: documents/debtor-DEBTOR.xml */
	c.requested = ev.amount;
	ifgw_buf_init(&doc, 1 << 20);
	fit.cover = &c;
	fit.seller = cs;
	has_doc = sc_document(&doc, "debtor", c.debtor, IFGW_MSG_COVER_REQUEST, sc_fit_cover, &fit);
	c.requested.minor = 0;
	if (has_doc) { /* an application: as `ifgw covers request` takes it (gateway/node/cover_request.h) */
		rc = sc_cover_request(n, &doc, c.id, r->now);
		ifgw_buf_free(&doc);
		sc_outcome(r, n, l, rc, &before);
		return;
	}
	rc = sc_tx_begin(n, r->now, IFGW_COMPOSE_DOC_COVER, c.id, NULL);
	if (rc == IFGW_OK) {
		rc = ifgw_book_add_cover(&n->nb.book, &c);
		if (rc == IFGW_OK)
			rc = ifgw_book_apply(&n->nb.book, IFGW_LEDGER_THING_COVER, c.id, &ev, r->now);
		rc = sc_tx_end(n, rc);
	}
	ifgw_buf_free(&doc);
	sc_outcome(r, n, l, rc, &before);
}

/* invoice NODE ID SELLER DEBTOR AMOUNT CCY due DATE: received and assigned. */
static void sc_do_invoice(struct sc_run *r, const struct sc_line *l)
{
	struct sc_node *n = sc_node(r, sc_tok(l, 1, "node"));
	const struct ifgw_config_seller *cs = sc_seller_cfg(n, sc_tok(l, 3, "seller"));
	struct ifgw_ledger_invoice inv;
	struct ifgw_ledger_event ev;
	struct ifgw_money amount = sc_amount(sc_tok(l, 5, "amount"), sc_tok(l, 6, "currency"));
	struct sc_print before;
	int rc;

	if (strcmp(sc_tok(l, 7, "due"), "due") != 0)
		sc_fail("expected `due DATE` after the amount");
	/* the partner's batch is built from the invoice as received */
	if (cs->contract.partner[0])
		sc_fail("seller %s has a partner: its invoices come with their documents (use submit)", cs->id);
	sc_print_of(&before, n);
	rc = ifgw_ledger_invoice_init(&inv, sc_tok(l, 2, "invoice id"), cs->id, sc_tok(l, 4, "debtor"), &amount,
				      sc_date(sc_tok(l, 8, "due date")), ifgw_node_contracts_seller(n->nb.contracts, cs->id));
	if (rc == IFGW_OK) {
		inv.since = r->now;
		rc = ifgw_book_add_invoice(&n->nb.book, &inv);
	}
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ASSIGN, "seller");
	if (rc == IFGW_OK)
		rc = ifgw_book_apply(&n->nb.book, IFGW_LEDGER_THING_INVOICE, inv.id, &ev, r->now);
	sc_outcome(r, n, l, rc, &before);
}

/* The currency of a stored thing's figures ("" when none). */
static const struct ifgw_currency *sc_thing_ccy(struct sc_node *n, int thing, const char *id)
{
	struct ifgw_store_thing_row row;
	enum ifgw_store_thing t = thing == IFGW_LEDGER_THING_INVOICE ? IFGW_STORE_INVOICES : IFGW_STORE_COVERS;

	if (thing == IFGW_LEDGER_THING_SELLER || ifgw_store_thing_get(n->store, t, id, &row) != IFGW_OK)
		return NULL;
	return row.currency[0] ? ifgw_currency_find(row.currency) : NULL;
}

/* event NODE THING ID EVENT [AMOUNT CCY] [inbound] [by ACTOR] [for seller|debtor]
 *       [expiry DATE] [rates-of DATE] */
static void sc_do_event(struct sc_run *r, const struct sc_line *l)
{
	struct sc_node *n = sc_node(r, sc_tok(l, 1, "node"));
	int thing = sc_thing(sc_tok(l, 2, "thing"));
	const char *id = sc_tok(l, 3, "id");
	const struct ifgw_currency *ccy;
	struct ifgw_ledger_event ev;
	struct sc_print before;
	int32_t as_of = ifgw_datetime_date(r->now);
	size_t i = 5;
	int rc;

	ifgw_ledger_event_init(&ev, sc_event_kind(sc_tok(l, 4, "event")), "seller");
	ev.date = IFGW_DATE_NONE;
	if (i + 1 < l->n && ifgw_currency_find(l->tok[i + 1])) {
		ev.amount = sc_amount(l->tok[i], l->tok[i + 1]);
		i += 2;
	}
	for (; i < l->n; i++) {
		const char *w = l->tok[i];

		if (strcmp(w, "inbound") == 0) {
			ev.inbound = 1;
		} else if (strcmp(w, "by") == 0) {
			snprintf(ev.actor, sizeof(ev.actor), "%s", sc_tok(l, ++i, "actor"));
		} else if (strcmp(w, "for") == 0) {
			w = sc_tok(l, ++i, "settlement");
			ev.outcome = strcmp(w, "seller") == 0 ? IFGW_LEDGER_SETTLED_FOR_SELLER
							      : strcmp(w, "debtor") == 0 ? IFGW_LEDGER_SETTLED_FOR_DEBTOR : 0;
			if (!ev.outcome)
				sc_fail("settled for '%s': seller or debtor", w);
		} else if (strcmp(w, "expiry") == 0) {
			ev.date = sc_date(sc_tok(l, ++i, "expiry date"));
		} else if (strcmp(w, "rates-of") == 0) {
			as_of = sc_date(sc_tok(l, ++i, "rates date"));
		} else {
			sc_fail("'%s' not understood", w);
		}
	}
	ccy = sc_thing_ccy(n, thing, id);
	if (ev.amount.ccy && ccy && ev.amount.ccy != ccy)
		sc_rates(r, &ev, ccy, as_of);
	sc_print_of(&before, n);
	rc = ifgw_book_apply(&n->nb.book, thing, id, &ev, r->now);
	sc_outcome(r, n, l, rc, &before);
}

/* debtor NODE pays|disputes INVOICE AMOUNT CCY [rates-of DATE]: the
 * scripted debtor acts on the node that collects. */
static void sc_do_debtor(struct sc_run *r, const struct sc_line *l)
{
	struct sc_node *n = sc_node(r, sc_tok(l, 1, "node"));
	const char *act = sc_tok(l, 2, "pays or disputes");
	const char *id = sc_tok(l, 3, "invoice");
	const struct ifgw_currency *ccy;
	struct ifgw_ledger_event ev;
	struct sc_print before;
	int32_t as_of = ifgw_datetime_date(r->now);
	int rc;

	if (strcmp(act, "pays") == 0)
		ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_PAY, "debtor");
	else if (strcmp(act, "disputes") == 0)
		ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_DISPUTE, "debtor");
	else
		sc_fail("a debtor pays or disputes, not '%s'", act);
	ev.date = IFGW_DATE_NONE;
	ev.amount = sc_amount(sc_tok(l, 4, "amount"), sc_tok(l, 5, "currency"));
	if (l->n > 6) {
		if (strcmp(l->tok[6], "rates-of") != 0)
			sc_fail("'%s' not understood", l->tok[6]);
		as_of = sc_date(sc_tok(l, 7, "rates date"));
	}
	ccy = sc_thing_ccy(n, IFGW_LEDGER_THING_INVOICE, id);
	if (ccy && ev.amount.ccy != ccy)
		sc_rates(r, &ev, ccy, as_of);
	sc_print_of(&before, n);
	rc = ifgw_book_apply(&n->nb.book, IFGW_LEDGER_THING_INVOICE, id, &ev, r->now);
	sc_outcome(r, n, l, rc, &before);
}

/* submit NODE FILE...: the files of tests/data/scenarios/invoices/ into
 * the node's books as `ifgw invoices submit` does (gateway/node/submit.h:
 * ingest and check everything, then record and assign every invoice in
 * ONE book transaction; the assignment batch is composed at the commit). */
static void sc_submit_problem(void *ctx, const struct ifgw_ingest_doc *doc, const char *why)
{
	char *first = ctx;

	if (!first[0])
		snprintf(first, IFGW_REASON_SIZE, "%s:%u: %s: %s", doc->file, doc->line, doc->inv.number, why);
}

static void sc_do_submit(struct sc_run *r, const struct sc_line *l)
{
	struct sc_node *n = sc_node(r, sc_tok(l, 1, "node"));
	struct ifgw_ingest_options opts;
	struct ifgw_ingest *ing = NULL;
	struct ifgw_ingest_doc *docs = NULL;
	struct ifgw_submit_item *items = NULL;
	struct sc_print before;
	char rel[512], problem[IFGW_REASON_SIZE] = "";
	size_t i, n_docs = 0, problems = 0;
	int rc;

	if (l->n < 3)
		sc_fail("submit NODE FILE...");
	memset(&opts, 0, sizeof(opts));
	opts.default_term_days = n->cfg->default_term_days;
	ck_assert_ok(ifgw_ingest_new(&ing, &opts));
	for (i = 2; i < l->n; i++) {
		snprintf(rel, sizeof(rel), SC_DIR "/invoices/%s", l->tok[i]);
		if (ifgw_ingest_add_file(ing, ifgw_test_srcpath(rel)) != IFGW_OK)
			sc_fail("submit: %s", ifgw_error_last());
	}
	sc_print_of(&before, n);
	if ((rc = ifgw_ingest_check(ing)) != IFGW_OK) {
		const struct ifgw_ingest_report *rep = ifgw_ingest_report(ing);

		if (rep->n_problems > 0)
			snprintf(problem, sizeof(problem), "%s:%u: %s: %s", rep->problems[0].file, rep->problems[0].line,
				 rep->problems[0].field, rep->problems[0].message);
		goto done;
	}
	ck_assert_ok(ifgw_ingest_collect(&docs, &n_docs, ing));
	items = calloc(n_docs + 1, sizeof(*items));
	ck_assert_ptr_nonnull(items);
	for (i = 0; i < n_docs; i++)
		problems += ifgw_submit_check(&items[i], &n->nb, &docs[i], sc_submit_problem, problem);
	if (problems > 0) {
		rc = IFGW_EINVAL;
		goto done;
	}
	if ((rc = ifgw_book_begin(&n->nb.book, r->now)) != IFGW_OK)
		goto done;
	for (i = 0; i < n_docs && rc == IFGW_OK; i++)
		rc = ifgw_submit_record(&items[i], &n->nb, r->now);
	rc = sc_tx_end(n, rc);
done:
	if (rc != IFGW_OK && problem[0]) {
		ifgw_error_clear();
		ifgw_error_set(rc, "%s", problem);
	}
	free(items);
	free(docs);
	ifgw_ingest_free(ing);
	sc_outcome(r, n, l, rc, &before);
}

/* tick [NODE]: every timer due now, on one node or all. */
static void sc_do_tick(struct sc_run *r, const struct sc_line *l)
{
	size_t i, applied;

	for (i = 0; i < r->n_nodes; i++) {
		struct sc_node *n = &r->nodes[i];

		if (l->n > 1 && strcmp(l->tok[1], n->name) != 0)
			continue;
		if (ifgw_book_tick(&n->nb.book, r->now, &applied) != IFGW_OK)
			sc_fail("tick on %s: %s", n->name, ifgw_error_last());
	}
	if (l->n > 1)
		(void)sc_node(r, l->tok[1]);
}

/* ---- between nodes: the loopback -------------------------------------- */

static size_t sc_index(const struct sc_run *r, const struct sc_node *n)
{
	return (size_t)(n - r->nodes);
}

static struct ifgw_loopback_node sc_lb(struct sc_node *n)
{
	struct ifgw_loopback_node lb;

	lb.book = &n->nb.book;
	lb.snap = n->snap;
	return lb;
}

/* The rows `from` has queued for `to` (all of them, due or not). */
static size_t sc_queued_to(struct sc_node *from, const struct sc_node *to, struct ifgw_store_outbox_row **rows,
			   size_t *n)
{
	size_t i, count = 0;

	*rows = NULL;
	*n = 0;
	ck_assert_ok(ifgw_store_outbox_due(from->store, rows, n, INT64_MAX, 0));
	for (i = 0; i < *n; i++)
		count += strcmp((*rows)[i].partner, to->cfg->code) == 0;
	return count;
}

/* Deliver from -> to until nothing is due; *moved counts what went.  A
 * refusal fails the step unless the line expects it (then its reason). */
static void sc_deliver_pair(struct sc_run *r, struct sc_node *from, struct sc_node *to, const struct sc_line *l,
			    size_t *moved, int *refused)
{
	struct ifgw_loopback_node a = sc_lb(from), b = sc_lb(to);
	struct ifgw_store_outbox_row *rows;
	struct ifgw_loopback_report rep;
	struct sc_sent *last = &r->sent[sc_index(r, from)][sc_index(r, to)];
	size_t n, i, seen;

	for (;;) {
		if (sc_queued_to(from, to, &rows, &n) == 0) {
			ifgw_store_outbox_rows_free(rows, n);
			return;
		}
		if (ifgw_loopback_deliver(&a, &b, r->now, &rep) != IFGW_OK)
			sc_fail("deliver %s -> %s: %s", from->name, to->name, ifgw_error_last());
		/* keep the last delivered row's bytes: the corridor's first rep.delivered rows went */
		for (i = 0, seen = 0; i < n && seen < rep.delivered; i++) {
			if (strcmp(rows[i].partner, to->cfg->code) != 0)
				continue;
			if (++seen == rep.delivered) {
				free(last->bytes);
				last->bytes = malloc(rows[i].payload_len + 1);
				ck_assert_ptr_nonnull(last->bytes);
				memcpy(last->bytes, rows[i].payload, rows[i].payload_len);
				last->len = rows[i].payload_len;
				last->seq = rows[i].seq;
			}
		}
		ifgw_store_outbox_rows_free(rows, n);
		*moved += rep.delivered;
		if (rep.refused) {
			if (!l->refused)
				sc_fail("%s refused %s's message %s: %s", to->name, from->name, rep.msg_id, rep.reason);
			if (!strstr(rep.reason, l->refused))
				sc_fail("%s refused %s's message %s with \"%s\", not \"%s\"", to->name, from->name, rep.msg_id,
					rep.reason, l->refused);
			*refused = 1;
			return;
		}
		if (rep.delivered == 0)
			return; /* queued, but not due yet */
	}
}

/* deliver [FROM TO]: every message due, both ways, until none is left. */
static void sc_do_deliver(struct sc_run *r, const struct sc_line *l)
{
	size_t moved, i, j, rounds = 0;
	int refused = 0;

	if (l->n > 1) {
		struct sc_node *from = sc_node(r, sc_tok(l, 1, "from")), *to = sc_node(r, sc_tok(l, 2, "to"));

		moved = 0;
		sc_deliver_pair(r, from, to, l, &moved, &refused);
	} else {
		do {
			moved = 0;
			for (i = 0; i < r->n_nodes && !refused; i++)
				for (j = 0; j < r->n_nodes && !refused; j++)
					if (i != j)
						sc_deliver_pair(r, &r->nodes[i], &r->nodes[j], l, &moved, &refused);
			if (++rounds > 64)
				sc_fail("deliver: the nodes keep answering each other (64 rounds)");
		} while (moved > 0 && !refused);
	}
	if (l->refused && !refused)
		sc_fail("everything was accepted; the scenario expects a refusal (\"%s\")", l->refused);
}

/* Send wire from -> to through the inbound path, outside the loopback (no
 * outbox row is marked): a replay must be accepted as a duplicate and a
 * forgery refused with the line's reason; either way to's books, inbox
 * and outbox stay as they were (a refusal adds its message-refused entry). */
static void sc_send_raw(struct sc_run *r, struct sc_node *from, struct sc_node *to, const void *wire, size_t len,
			const struct sc_line *l, int replay)
{
	struct ifgw_inbound_result res;
	struct ifgw_store_log_entry e;
	struct sc_print before, after;
	size_t got = 0;
	int rc;

	sc_print_of(&before, to);
	rc = ifgw_inbound_apply(&to->nb.book, to->snap, from->cfg->code, wire, len, r->now, &res);
	sc_print_of(&after, to);
	if (replay) {
		if (rc != IFGW_OK || !res.duplicate)
			sc_fail("%s did not take %s's message again as a duplicate: %s", to->name, from->name,
				rc != IFGW_OK ? res.reason : "applied anew");
	} else {
		if (rc == IFGW_OK)
			sc_fail("%s accepted the forged message; the scenario expects a refusal", to->name);
		if (!l->refused || !strstr(res.reason, l->refused))
			sc_fail("%s refused the forged message with \"%s\", not \"%s\"", to->name, res.reason,
				l->refused ? l->refused : "(no refused \"...\" on the line)");
		ck_assert_ok(ifgw_store_log_read(to->store, &e, 1, after.log - 1, &got));
		if (after.log != before.log + 1 || got != 1 || strcmp(e.kind, IFGW_INBOUND_LOG_REFUSED) != 0)
			sc_fail("%s refused the forged message but its log did not gain exactly one %s entry", to->name,
				IFGW_INBOUND_LOG_REFUSED);
		after.log = before.log;
		ifgw_error_clear();
	}
	if (memcmp(&after, &before, sizeof(after)) != 0)
		sc_fail("%s's store changed (things %zu -> %zu, versions %lld -> %lld, queued %zu -> %zu)", to->name,
			before.things, after.things, (long long)before.versions, (long long)after.versions,
			before.queued, after.queued);
}

static struct sc_sent *sc_last_sent(struct sc_run *r, struct sc_node *from, struct sc_node *to)
{
	struct sc_sent *last = &r->sent[sc_index(r, from)][sc_index(r, to)];

	if (!last->bytes)
		sc_fail("%s has delivered nothing to %s yet", from->name, to->name);
	return last;
}

/* replay FROM TO: the last message FROM delivered to TO, once more. */
static void sc_do_replay(struct sc_run *r, const struct sc_line *l)
{
	struct sc_node *from = sc_node(r, sc_tok(l, 1, "from")), *to = sc_node(r, sc_tok(l, 2, "to"));
	struct sc_sent *last = sc_last_sent(r, from, to);

	if (l->refused)
		sc_fail("a replay is never refused: it is a duplicate");
	sc_send_raw(r, from, to, last->bytes, last->len, l, 1);
}

static int sc_keep_part(void *ctx, const struct ifgw_outbound_part *part)
{
	return ifgw_buf_add(ctx, part->wire->ptr, part->wire->len);
}

/* forge FROM TO [seq N] [invoice ID] [paid AMOUNT CCY] refused "REASON":
 * the last message FROM delivered to TO, read back, changed, given the
 * corridor's next sequence (or N) and a new id, signed again with FROM's
 * key and sent; TO must refuse it and change nothing. */
static void sc_do_forge(struct sc_run *r, const struct sc_line *l)
{
	struct sc_node *from = sc_node(r, sc_tok(l, 1, "from")), *to = sc_node(r, sc_tok(l, 2, "to"));
	struct sc_sent *last = sc_last_sent(r, from, to);
	struct ifgw_route_target t;
	struct ifgw_signer *signer = NULL;
	struct ifgw_outbound ob;
	struct ifgw_msg *m = NULL;
	struct ifgw_buf wire;
	uint64_t seq = last->seq + 1;
	size_t i, k;

	if (!l->refused)
		sc_fail("a forged message must be refused: end the line with refused \"REASON\"");
	if (ifgw_inbound_read(&m, to->snap, from->cfg->code, last->bytes, last->len) != IFGW_OK)
		sc_fail("forge: %s cannot read %s's last message: %s", to->name, from->name, ifgw_error_last());
	for (i = 3; i < l->n; i++) {
		const char *w = l->tok[i];
		int pay = m->hdr.type == IFGW_MSG_PAYMENT || m->hdr.type == IFGW_MSG_INDIRECT_PAYMENT ||
			  m->hdr.type == IFGW_MSG_GUARANTEE_PAYMENT;

		if (strcmp(w, "seq") == 0) {
			seq = (uint64_t)sc_count(sc_tok(l, ++i, "sequence"));
		} else if (strcmp(w, "invoice") == 0 && pay) {
			w = sc_tok(l, ++i, "invoice");
			for (k = 0; k < m->body.payment.n_items; k++)
				snprintf(m->body.payment.items[k].doc_nr, sizeof(m->body.payment.items[k].doc_nr), "%s", w);
		} else if (strcmp(w, "paid") == 0 && pay && m->body.payment.n_items == 1) {
			m->body.payment.items[0].paid = sc_amount(sc_tok(l, i + 1, "amount"), sc_tok(l, i + 2, "currency"));
			i += 2;
			ck_assert_ok(ifgw_msg_compute_totals(m));
		} else {
			sc_fail("forge: '%s' cannot be changed in a %s", w, ifgw_msg_type_name(m->hdr.type));
		}
	}
	snprintf(m->hdr.id, sizeof(m->hdr.id), "%s-%s-F%llu", from->cfg->code, to->cfg->code, (unsigned long long)seq);
	m->hdr.sender.code[0] = '\0';
	m->hdr.receiver.code[0] = '\0';
	m->hdr.seq = seq;
	ck_assert_ok(ifgw_signer_new(&signer, ifgw_node_snapshot_signing(from->snap)));
	ck_assert_ok(ifgw_route_target(&t, from->cfg, to->cfg->code, m->hdr.type));
	ck_assert_ok(ifgw_route_target_address(&m->hdr, &t));
	ifgw_buf_init(&wire, 1 << 24);
	ifgw_outbound_init(&ob, signer, 0);
	ck_assert_ok(ifgw_outbound_run(&ob, &t, m, sc_keep_part, &wire));
	ifgw_outbound_free(&ob);
	ifgw_signer_free(signer);
	ifgw_msg_free(m);
	sc_send_raw(r, from, to, wire.ptr, wire.len, l, 0);
	ifgw_buf_free(&wire);
}

/* How many of from's messages to `to` were refused (marked failed). */
static size_t sc_failed_to(struct sc_node *from, const struct sc_node *to)
{
	struct ifgw_store_message_filter f;
	struct ifgw_store_message *m = NULL;
	size_t count = 0, i, got = 0;

	memset(&f, 0, sizeof(f));
	f.direction = IFGW_STORE_OUT;
	f.partner = to->cfg->code;
	ck_assert_ok(ifgw_store_message_list(from->store, &f, &m, &count));
	for (i = 0; i < count; i++)
		got += strcmp(m[i].state, "failed") == 0;
	free(m);
	return got;
}

/* The figures both books must agree on, per invoice both hold, while
 * nothing is in flight between the two nodes (queued, or refused). */
static void sc_check_agree(struct sc_run *r)
{
	struct ifgw_store_outbox_row *rows;
	struct sc_books a, b;
	size_t i, j, x, y, n, in_flight;

	for (i = 0; i < r->n_nodes; i++)
		for (j = i + 1; j < r->n_nodes; j++) {
			in_flight = sc_queued_to(&r->nodes[i], &r->nodes[j], &rows, &n);
			ifgw_store_outbox_rows_free(rows, n);
			in_flight += sc_queued_to(&r->nodes[j], &r->nodes[i], &rows, &n);
			ifgw_store_outbox_rows_free(rows, n);
			/* a message refused between them leaves the two out of step
			 * until an operator reconciles them */
			in_flight += sc_failed_to(&r->nodes[i], &r->nodes[j]) + sc_failed_to(&r->nodes[j], &r->nodes[i]);
			if (in_flight)
				continue;
			sc_books_load(&a, &r->nodes[i]);
			sc_books_load(&b, &r->nodes[j]);
			for (x = 0; x < a.book.n_invoices; x++)
				for (y = 0; y < b.book.n_invoices; y++) {
					const struct ifgw_ledger_invoice *p = &a.book.invoices[x], *q = &b.book.invoices[y];
					char what[IFGW_ID_SIZE + 64]; /* the id, a figure and two node names, whole */

					if (strcmp(p->id, q->id) != 0)
						continue;
#define SC_AGREE(field)                                                                                   \
	do {                                                                                              \
		snprintf(what, sizeof(what), "invoice %s: %s on %s vs %s", p->id, #field, r->nodes[i].name, \
			 r->nodes[j].name);                                                               \
		sc_want_money(what, &p->field, &q->field);                                                \
	} while (0)
					SC_AGREE(amount);
					SC_AGREE(approved);
					SC_AGREE(paid);
					SC_AGREE(credited);
					SC_AGREE(charged_back);
					SC_AGREE(disputed);
					SC_AGREE(outstanding);
#undef SC_AGREE
				}
			sc_books_free(&a);
			sc_books_free(&b);
		}
}

/* ---- expectations ------------------------------------------------------- */

static void sc_want_money(const char *what, const struct ifgw_money *got, const struct ifgw_money *want)
{
	char g[IFGW_MONEY_STRLEN + 8], w[IFGW_MONEY_STRLEN + 8];

	if (got->minor == want->minor && (got->ccy == want->ccy || (got->minor == 0 && !got->ccy)))
		return;
	sc_show(g, got);
	sc_show(w, want);
	sc_fail("%s is %s, not %s", what, g, w);
}

static long sc_count(const char *w)
{
	char *end = NULL;
	long v = strtol(w, &end, 10);

	if (!*w || *end || v < 0)
		sc_fail("'%s' is no count", w);
	return v;
}

static int sc_yes(const char *w)
{
	if (strcmp(w, "yes") == 0)
		return 1;
	if (strcmp(w, "no") != 0)
		sc_fail("'%s': yes or no", w);
	return 0;
}

static void sc_expect_invoice(struct sc_node *n, const struct sc_line *l)
{
	const char *id = sc_tok(l, 3, "invoice id");
	struct ifgw_ledger_invoice inv;
	size_t i;

	if (ifgw_book_load_invoice(&n->nb.book, id, &inv) != IFGW_OK)
		sc_fail("node %s: invoice %s: %s", n->name, id, ifgw_error_last());
	for (i = 4; i < l->n; i += 2) {
		const char *f = l->tok[i], *v = sc_tok(l, i + 1, f);
		const struct ifgw_money *m = NULL;
		struct ifgw_money want;

		if (strcmp(f, "state") == 0) {
			if (strcmp(ifgw_ledger_invoice_state_name(inv.state), v) != 0)
				sc_fail("invoice %s on %s is %s, not %s", id, n->name,
					ifgw_ledger_invoice_state_name(inv.state), v);
			continue;
		}
		if (strcmp(f, "missed") == 0) {
			if (inv.funding.missed != sc_yes(v))
				sc_fail("invoice %s: funding missed is %s", id, inv.funding.missed ? "yes" : "no");
			continue;
		}
		if (strcmp(f, "dunning") == 0) {
			if (inv.collection.steps_done != sc_count(v))
				sc_fail("invoice %s: %d dunning steps done, not %s", id, inv.collection.steps_done, v);
			continue;
		}
		m = strcmp(f, "amount") == 0 ? &inv.amount
		    : strcmp(f, "approved") == 0 ? &inv.approved
		    : strcmp(f, "paid") == 0 ? &inv.paid
		    : strcmp(f, "guaranteed") == 0 ? &inv.guaranteed
		    : strcmp(f, "credited") == 0 ? &inv.credited
		    : strcmp(f, "charged-back") == 0 ? &inv.charged_back
		    : strcmp(f, "outstanding") == 0 ? &inv.outstanding
		    : strcmp(f, "disputed") == 0 ? &inv.disputed
		    : strcmp(f, "advanced") == 0 ? &inv.funding.advanced
		    : strcmp(f, "repaid") == 0 ? &inv.funding.repaid
		    : strcmp(f, "advance-outstanding") == 0 ? &inv.funding.outstanding
		    : strcmp(f, "commission") == 0 ? &inv.funding.commission
		    : NULL;
		if (!m)
			sc_fail("invoice field '%s' unknown", f);
		want = sc_amount(v, sc_tok(l, i + 2, "currency"));
		i++;
		{
			char what[128];

			snprintf(what, sizeof(what), "invoice %s on %s: %s", id, n->name, f);
			sc_want_money(what, m, &want);
		}
	}
}

static void sc_expect_cover(struct sc_node *n, const struct sc_line *l)
{
	const char *id = sc_tok(l, 3, "cover id");
	struct ifgw_ledger_cover c;
	size_t i;

	if (ifgw_book_load_cover(&n->nb.book, id, &c) != IFGW_OK)
		sc_fail("node %s: cover %s: %s", n->name, id, ifgw_error_last());
	for (i = 4; i < l->n; i += 2) {
		const char *f = l->tok[i], *v = sc_tok(l, i + 1, f);

		if (strcmp(f, "state") == 0) {
			if (strcmp(ifgw_ledger_cover_state_name(c.state), v) != 0)
				sc_fail("cover %s on %s is %s, not %s", id, n->name, ifgw_ledger_cover_state_name(c.state),
					v);
		} else if (strcmp(f, "unanswered") == 0) {
			if (c.unanswered != sc_yes(v))
				sc_fail("cover %s: unanswered is %s", id, c.unanswered ? "yes" : "no");
		} else if (strcmp(f, "granted") == 0 || strcmp(f, "requested") == 0) {
			struct ifgw_money want = sc_amount(v, sc_tok(l, i + 2, "currency"));
			char what[128];

			snprintf(what, sizeof(what), "cover %s on %s: %s", id, n->name, f);
			sc_want_money(what, f[0] == 'g' ? &c.granted : &c.requested, &want);
			i++;
		} else {
			sc_fail("cover field '%s' unknown", f);
		}
	}
}

static void sc_expect_seller(struct sc_node *n, const struct sc_line *l)
{
	const char *id = sc_tok(l, 3, "seller id");
	const char *want = sc_tok(l, 5, "state");
	struct ifgw_ledger_seller s;

	if (strcmp(sc_tok(l, 4, "state"), "state") != 0)
		sc_fail("expect NODE seller ID state STATE");
	if (ifgw_book_load_seller(&n->nb.book, id, &s) != IFGW_OK)
		sc_fail("node %s: seller %s: %s", n->name, id, ifgw_error_last());
	if (strcmp(ifgw_ledger_seller_state_name(s.state), want) != 0)
		sc_fail("seller %s on %s is %s, not %s", id, n->name, ifgw_ledger_seller_state_name(s.state), want);
}

/* expect NODE letters PARTY [KIND] N: how many letters went to the seller or
 * the debtor (of that kind). */
static void sc_expect_letters(struct sc_node *n, const struct sc_line *l)
{
	const char *party = sc_tok(l, 3, "seller or debtor");
	const char *kind = l->n > 5 ? l->tok[4] : NULL;
	const char *want = sc_tok(l, l->n > 5 ? 5 : 4, "count");
	struct ifgw_store_letter *letters = NULL;
	size_t count = 0, i, got = 0;

	ck_assert_ok(ifgw_store_letter_list(n->store, &letters, &count));
	for (i = 0; i < count; i++)
		got += strcmp(letters[i].party, party) == 0 && (!kind || strcmp(letters[i].kind, kind) == 0);
	free(letters);
	if (got != (size_t)sc_count(want))
		sc_fail("node %s: %zu letters to the %s%s%s, not %s", n->name, got, party, kind ? " of kind " : "",
			kind ? kind : "", want);
}

/* expect NODE queued [TYPE] N: outbox rows waiting (of that message type). */
static void sc_expect_queued(struct sc_node *n, const struct sc_line *l)
{
	const char *type = l->n > 4 ? l->tok[3] : NULL;
	const char *want = sc_tok(l, l->n > 4 ? 4 : 3, "count");
	struct ifgw_store_outbox_row *rows = NULL;
	size_t count = 0, i, got = 0;

	ck_assert_ok(ifgw_store_outbox_due(n->store, &rows, &count, INT64_MAX, 0));
	for (i = 0; i < count; i++)
		got += !type || strcmp(rows[i].type, type) == 0;
	ifgw_store_outbox_rows_free(rows, count);
	if (got != (size_t)sc_count(want))
		sc_fail("node %s: %zu messages queued%s%s, not %s", n->name, got, type ? " of type " : "",
			type ? type : "", want);
}

/* expect NODE log KIND [SUBJECT]: the log holds such an entry. */
static void sc_expect_log(struct sc_node *n, const struct sc_line *l)
{
	const char *kind = sc_tok(l, 3, "log kind");
	const char *subject = l->n > 4 ? l->tok[4] : NULL;
	struct ifgw_store_log_entry e[64];
	uint64_t from = 0;
	size_t got, i;

	do {
		ck_assert_ok(ifgw_store_log_read(n->store, e, 64, from, &got));
		for (i = 0; i < got; i++)
			if (strcmp(e[i].kind, kind) == 0 && (!subject || strcmp(e[i].subject, subject) == 0))
				return;
		from += got;
	} while (got == 64);
	sc_fail("node %s: no log entry %s%s%s", n->name, kind, subject ? " about " : "", subject ? subject : "");
}

/* expect NODE missed N: the invoices whose funding promise was missed. */
/* expect NODE failed N: outbound messages the partner refused (marked
 * failed by the loopback). */
static void sc_expect_failed(struct sc_node *n, const struct sc_line *l)
{
	struct ifgw_store_message_filter f;
	struct ifgw_store_message *m = NULL;
	size_t count = 0, i, got = 0;

	memset(&f, 0, sizeof(f));
	f.direction = IFGW_STORE_OUT;
	ck_assert_ok(ifgw_store_message_list(n->store, &f, &m, &count));
	for (i = 0; i < count; i++)
		got += strcmp(m[i].state, "failed") == 0;
	free(m);
	if (got != (size_t)sc_count(sc_tok(l, 3, "count")))
		sc_fail("node %s: %zu messages refused by partners, not %s", n->name, got, l->tok[3]);
}

static void sc_expect_missed(struct sc_node *n, const struct sc_line *l)
{
	struct sc_books b;
	size_t got;

	sc_books_load(&b, n);
	got = ifgw_ledger_book_missed(NULL, 0, &b.book);
	sc_books_free(&b);
	if (got != (size_t)sc_count(sc_tok(l, 3, "count")))
		sc_fail("node %s: %zu missed funding promises, not %s", n->name, got, l->tok[3]);
}

static void sc_do_expect(struct sc_run *r, const struct sc_line *l)
{
	struct sc_node *n = sc_node(r, sc_tok(l, 1, "node"));
	const char *what = sc_tok(l, 2, "what");

	if (l->refused)
		sc_fail("an expectation cannot be refused");
	if (strcmp(what, "invoice") == 0)
		sc_expect_invoice(n, l);
	else if (strcmp(what, "cover") == 0)
		sc_expect_cover(n, l);
	else if (strcmp(what, "seller") == 0)
		sc_expect_seller(n, l);
	else if (strcmp(what, "letters") == 0)
		sc_expect_letters(n, l);
	else if (strcmp(what, "queued") == 0)
		sc_expect_queued(n, l);
	else if (strcmp(what, "log") == 0)
		sc_expect_log(n, l);
	else if (strcmp(what, "missed") == 0)
		sc_expect_missed(n, l);
	else if (strcmp(what, "failed") == 0)
		sc_expect_failed(n, l);
	else
		sc_fail("expect %s: not understood", what);
}

/* ---- the runner ---------------------------------------------------------- */

/* ---- scripted debtors --------------------------------------------------- */

static int sc_act_cmp(const void *a, const void *b)
{
	const struct sc_act *x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* debtors FILE: tests/data/scenarios/debtors/FILE, one act a line:
 *     TIME NODE pays|disputes INVOICE AMOUNT CCY [rates-of DATE]
 * run when the clock passes TIME, each at its own time, in time order. */
static void sc_do_debtors(struct sc_run *r, const struct sc_line *l)
{
	const char *name = sc_tok(l, 1, "debtors file");
	struct ifgw_buf b;
	char rel[512], *p;
	unsigned line = 0;
	size_t cap = 0;

	if (r->acts)
		sc_fail("one debtors file per scenario");
	snprintf(rel, sizeof(rel), SC_DIR "/debtors/%s", name);
	snprintf(r->acts_file, sizeof(r->acts_file), "debtors/%s", name);
	ifgw_buf_init(&b, 1 << 20);
	if (ifgw_file_read(&b, ifgw_test_srcpath(rel)) != IFGW_OK)
		sc_fail("debtors: %s", ifgw_error_last());
	ck_assert_ok(ifgw_buf_addc(&b, '\0'));
	for (p = b.ptr; p && *p;) {
		char *nl = strchr(p, '\n');
		struct sc_line t;
		struct sc_act *a;
		size_t i;
		int n;

		if (nl)
			*nl = '\0';
		line++;
		sc_tokenize(&t, p);
		p = nl ? nl + 1 : NULL;
		if (t.n == 0)
			continue;
		if (t.n < 6 || t.refused)
			sc_fail("%s:%u: TIME NODE pays|disputes INVOICE AMOUNT CCY [rates-of DATE]", r->acts_file, line);
		if (r->n_acts == cap) {
			cap = cap ? cap * 2 : 16;
			r->acts = realloc(r->acts, cap * sizeof(*r->acts));
			ck_assert_ptr_nonnull(r->acts);
		}
		a = &r->acts[r->n_acts++];
		a->time = sc_time(t.tok[0]);
		a->line = line;
		n = snprintf(a->text, sizeof(a->text), "debtor");
		for (i = 1; i < t.n; i++)
			n += snprintf(a->text + n, sizeof(a->text) - (size_t)n, " %s", t.tok[i]);
		if (a->time < r->now)
			sc_fail("%s:%u: before the clock", r->acts_file, line);
	}
	ifgw_buf_free(&b);
	if (r->n_acts == 0)
		sc_fail("%s: no acts", r->acts_file);
	qsort(r->acts, r->n_acts, sizeof(*r->acts), sc_act_cmp);
}

static void sc_do_debtor(struct sc_run *r, const struct sc_line *l);
static void sc_check_books(struct sc_run *r);
static void sc_check_agree(struct sc_run *r);

/* Run every act due by `until`, each at its own time, with the checks
 * after each; messages are the scenario's to deliver. */
static void sc_run_acts(struct sc_run *r, int64_t until)
{
	const char *file = r->file;
	unsigned line = r->line;

	while (r->next_act < r->n_acts && r->acts[r->next_act].time <= until) {
		const struct sc_act *a = &r->acts[r->next_act++];
		struct sc_line t;

		r->file = r->acts_file;
		r->line = a->line;
		r->now = a->time;
		ifgw_clock_set(a->time);
		sc_tokenize(&t, a->text);
		sc_do_debtor(r, &t);
		sc_check_books(r);
		sc_check_agree(r);
	}
	r->file = file;
	r->line = line;
}

static void sc_step(struct sc_run *r, const struct sc_line *l)
{
	const char *verb = l->tok[0];

	if (strcmp(verb, "title") == 0)
		return;
	if (strcmp(verb, "node") == 0) {
		sc_node_add(r, sc_tok(l, 1, "node name"), sc_tok(l, 2, "configuration file"));
	} else if (strcmp(verb, "at") == 0) {
		int64_t t = sc_time(sc_tok(l, 1, "time"));

		if (t < r->now)
			sc_fail("the clock only moves forward");
		sc_run_acts(r, t);
		r->now = t;
		ifgw_clock_set(t);
	} else if (strcmp(verb, "debtors") == 0) {
		sc_do_debtors(r, l);
	} else if (strcmp(verb, "seller") == 0) {
		sc_do_seller(r, l);
	} else if (strcmp(verb, "cover") == 0) {
		sc_do_cover(r, l);
	} else if (strcmp(verb, "invoice") == 0) {
		sc_do_invoice(r, l);
	} else if (strcmp(verb, "event") == 0) {
		sc_do_event(r, l);
	} else if (strcmp(verb, "debtor") == 0) {
		sc_do_debtor(r, l);
	} else if (strcmp(verb, "tick") == 0) {
		sc_do_tick(r, l);
	} else if (strcmp(verb, "submit") == 0) {
		sc_do_submit(r, l);
	} else if (strcmp(verb, "deliver") == 0) {
		sc_do_deliver(r, l);
	} else if (strcmp(verb, "replay") == 0) {
		sc_do_replay(r, l);
	} else if (strcmp(verb, "forge") == 0) {
		sc_do_forge(r, l);
	} else if (strcmp(verb, "expect") == 0) {
		sc_do_expect(r, l);
	} else {
		sc_fail("'%s' is no scenario step", verb);
	}
	if (l->refused && strcmp(verb, "event") != 0 && strcmp(verb, "debtor") != 0 && strcmp(verb, "seller") != 0 &&
	    strcmp(verb, "cover") != 0 && strcmp(verb, "invoice") != 0 && strcmp(verb, "deliver") != 0 &&
	    strcmp(verb, "forge") != 0 && strcmp(verb, "submit") != 0)
		sc_fail("only an action (seller, cover, invoice, event, debtor, deliver, forge) can be refused");
	r->steps++;
	sc_check_books(r);
	sc_check_agree(r);
}

static void sc_run_file(const char *name)
{
	struct sc_run r;
	struct sc_line l;
	char rel[512], *p;
	struct ifgw_buf b;

	memset(&r, 0, sizeof(r));
	r.file = name;
	sc_cur = &r;
	r.dir = fix_tmpdir();
	sc_pki(r.dir);
	ck_assert_ok(ifgw_datetime_parse(&r.now, "2026-01-01T00:00:00Z"));
	ifgw_clock_set(r.now);
	snprintf(rel, sizeof(rel), SC_DIR "/%s", name);
	ifgw_buf_init(&b, 1 << 20);
	ck_assert_ok(ifgw_file_read(&b, ifgw_test_srcpath(rel)));
	ck_assert_ok(ifgw_buf_addc(&b, '\0'));
	r.line = 0;
	for (p = b.ptr; p && *p;) {
		char *nl = strchr(p, '\n');

		if (nl)
			*nl = '\0';
		r.line++;
		sc_tokenize(&l, p);
		if (l.n > 0)
			sc_step(&r, &l);
		p = nl ? nl + 1 : NULL;
	}
	ifgw_buf_free(&b);
	if (r.steps == 0)
		sc_fail("no steps");
	if (r.next_act < r.n_acts)
		sc_fail("%s:%u: never ran: the scenario ends before its time", r.acts_file, r.acts[r.next_act].line);
	free(r.acts);
	sc_nodes_free(&r);
	ifgw_rateset_free(r.rates);
	fix_rmdir(r.dir);
	sc_cur = NULL;
}

START_TEST(scenario_file)
{
	sc_run_file(sc_files[_i]);
}
END_TEST

static int sc_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void sc_find_files(void)
{
	DIR *d = opendir(ifgw_test_srcpath(SC_DIR));
	struct dirent *e;

	/* no ck_assert here: it runs before any test (scenario_files_found
	 * fails when nothing was found) */
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len > 4 && strcmp(e->d_name + len - 4, ".scn") == 0 && sc_n_files < SC_MAX_FILES &&
		    len < sizeof(sc_files[0]))
			snprintf(sc_files[sc_n_files++], sizeof(sc_files[0]), "%s", e->d_name);
	}
	closedir(d);
	qsort(sc_files, (size_t)sc_n_files, sizeof(sc_files[0]), sc_cmp);
}

/* A file with no steps, or a step the grammar lacks, fails: the runner
 * cannot pass by reading nothing. */
START_TEST(scenario_files_found)
{
	ck_assert_int_ge(sc_n_files, 2);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("scenarios");
	TCase *tc = tcase_create("files");
	int i;

	sc_find_files();
	tcase_add_test(tc, scenario_files_found);
	suite_add_tcase(s, tc);
	for (i = 0; i < sc_n_files; i++) {
		tc = tcase_create(sc_files[i]);
		tcase_set_timeout(tc, 60);
		tcase_add_loop_test(tc, scenario_file, i, i + 1);
		suite_add_tcase(s, tc);
	}
	return s;
}

IFGW_TEST_MAIN(suite)
