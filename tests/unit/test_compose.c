/* test_compose.c: ledger rows into real partner messages (gateway/node/
 * compose.h) and the book's outbox sink (gateway/node/outbox_sink.h):
 * every row type passes the model's checks and goes through both adapters
 * (or the partner's fallback) and back; a book with the sink queues signed
 * bytes that verify and decode to the invoice; a rollback leaves nothing. */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "adapters/adapter.h"
#include "base/clock.h"
#include "certs/identity.h"
#include "certs/trust.h"
#include "certs/xmldsig.h"
#include "config/node_config.h"
#include "gateway/node/book.h"
#include "gateway/node/compose.h"
#include "gateway/node/outbox_sink.h"
#include "gateway/route/outbound.h"
#include "gateway/route/target.h"
#include "model/model.h"
#include "certs_fixture.h"
#include "ledger_fixture.h"

#define HOME_SELLER "S-FR-0001" /* examples/ifgw.xml factors it, export through DE00123 */
#define IMPORT_SELLER "S-DE-77" /* DE00123's client: this node is its import factor */
#define PARTNER "DE00123"

static struct ifgw_config *cfg;
static struct ifgw_ledger_contract contract;
static struct ifgw_ledger_contract import_k; /* this node as DE00123's import factor */
static char dir[256], uri[300];
static struct ifgw_store *store;
static struct ifgw_book book;

static const struct ifgw_ledger_contract *find_contract(void *ctx, const char *seller, const char *partner)
{
	(void)ctx;
	(void)partner;
	return strcmp(seller, IMPORT_SELLER) == 0 ? &import_k : &contract;
}

static void setup(void)
{
	ck_assert_ok(ifgw_config_load(&cfg, ifgw_test_srcpath("examples/ifgw.xml")));
	ledger_test_contract(&contract);
	ledger_test_contract(&import_k);
	import_k.role = IFGW_LEDGER_ROLE_IMPORT;
	import_k.advance_rate = 0;
	import_k.reserve_pct = 0;
	import_k.commission_pct = 0;
	memset(&import_k.doc_fee, 0, sizeof(import_k.doc_fee));
	import_k.funding_hours = 0;
	snprintf(dir, sizeof(dir), "%s/ifgw-compose-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(uri, sizeof(uri), "sqlite:%s/node.db", dir);
	ifgw_clock_set(at("2026-03-02T09:00:00Z"));
	ck_assert_ok(ifgw_store_open(&store, uri, NULL, 0));
	memset(&book, 0, sizeof(book));
	book.store = store;
	book.contracts.find = find_contract;
}

static void teardown(void)
{
	char path[400];

	ifgw_store_close(store);
	store = NULL;
	snprintf(path, sizeof(path), "%s/node.db", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/node.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/node.db-shm", dir);
	unlink(path);
	rmdir(dir);
	ifgw_config_free(cfg);
	cfg = NULL;
}

/* --- the books and documents the composer reads */

static void put_doc(const char *kind, const char *id, const struct ifgw_msg *m)
{
	struct ifgw_buf xml;

	ifgw_buf_init(&xml, 1 << 20);
	ck_assert_ok(ifgw_msg_write_xml(&xml, m));
	ck_assert_ok(ifgw_store_begin(store));
	ck_assert_ok(ifgw_store_document_put(store, kind, id, xml.ptr, xml.len));
	ck_assert_ok(ifgw_store_commit(store));
	ifgw_buf_free(&xml);
}

/* The invoice as received: a one-item batch, as submit and the import
 * role keep it. */
static void put_invoice_doc(const char *id, const char *seller, const char *debtor, struct ifgw_money amount,
			    const char *batch_nr)
{
	struct ifgw_msg *m = NULL;
	struct ifgw_invoice *it;

	ck_assert_ok(ifgw_msg_new(&m, IFGW_MSG_ASSIGNMENT_BATCH));
	snprintf(m->hdr.id, sizeof(m->hdr.id), "%s", batch_nr);
	snprintf(m->hdr.sender.code, sizeof(m->hdr.sender.code), "%s", PARTNER);
	snprintf(m->hdr.receiver.code, sizeof(m->hdr.receiver.code), "%s", "FR00001");
	m->hdr.seq = 7;
	m->hdr.created = at("2026-03-01T08:00:00Z");
	snprintf(m->body.batch.batch_nr, sizeof(m->body.batch.batch_nr), "%s", batch_nr);
	m->body.batch.batch_date = day("2026-03-01");
	snprintf(m->body.batch.seller.nr, sizeof(m->body.batch.seller.nr), "%s", seller);
	ck_assert_ok(ifgw_msg_add_item((void **)&it, m));
	it->doc_type = IFGW_DOC_INVOICE;
	snprintf(it->number, sizeof(it->number), "%s", id);
	it->issue_date = day("2026-02-27");
	it->due_date = day("2026-04-28");
	it->amount = amount;
	snprintf(it->buyer.nr, sizeof(it->buyer.nr), "%s", debtor);
	snprintf(it->buyer.name, sizeof(it->buyer.name), "%s", "Stahlhandel Köln GmbH");
	snprintf(it->buyer.country, sizeof(it->buyer.country), "%s", "DE");
	ck_assert_ok(ifgw_msg_compute_totals(m));
	ck_assert_ok(ifgw_msg_check(m));
	put_doc(IFGW_STORE_DOC_INVOICE, id, m);
	ifgw_msg_free(m);
}

static void add_invoice(const char *id, const char *seller, struct ifgw_money amount, int state)
{
	struct ifgw_ledger_invoice inv;

	ck_assert_ok(ifgw_ledger_invoice_init(&inv, id, seller, "D-KOELN", &amount, day("2026-04-28"),
					      strcmp(seller, IMPORT_SELLER) == 0 ? &import_k : &contract));
	inv.state = state;
	inv.approved = amount;
	ck_assert_ok(ifgw_book_add_invoice(&book, &inv));
}

/* A dispute on the stored invoice, raised at `raised`, as the ledger keeps it. */
static void raise_dispute(const char *id, int64_t raised, int64_t disputed)
{
	struct ifgw_ledger_event ev;

	struct ifgw_ledger_invoice inv;
	int import;

	ck_assert_ok(ifgw_book_load_invoice(&book, id, &inv));
	import = inv.contract->role == IFGW_LEDGER_ROLE_IMPORT;
	/* the export factor assigns and the import factor accepts: one of them is a message */
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ASSIGN, import ? PARTNER : "seller");
	ev.inbound = import;
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, id, &ev, raised - 3600));
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ACCEPT, import ? "FR00001" : PARTNER);
	ev.inbound = !import;
	ev.amount = eur(disputed * 2);
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, id, &ev, raised - 1800));
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_DISPUTE, "D-KOELN");
	ev.amount = eur(disputed);
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, id, &ev, raised));
}

static void add_cover(const char *id, const char *seller, int64_t requested, int64_t granted, int state)
{
	struct ifgw_ledger_cover c;

	memset(&c, 0, sizeof(c));
	snprintf(c.id, sizeof(c.id), "%s", id);
	snprintf(c.seller, sizeof(c.seller), "%s", seller);
	snprintf(c.debtor, sizeof(c.debtor), "%s", "D-KOELN");
	snprintf(c.partner, sizeof(c.partner), "%s", PARTNER);
	c.state = state;
	c.requested_at = at("2026-03-01T10:00:00Z");
	c.requested = eur(requested);
	c.granted = eur(granted);
	c.expiry = day("2027-02-28");
	c.since = c.requested_at;
	ck_assert_ok(ifgw_book_add_cover(&book, &c));
}

static void put_sample(const char *kind, const char *id, const char *file, int type, const char *seller)
{
	struct ifgw_msg *m = NULL;
	char path[256];

	snprintf(path, sizeof(path), "tests/data/model/%s", file);
	ck_assert_ok(ifgw_msg_read_file(&m, ifgw_test_srcpath(path)));
	if (type == IFGW_MSG_SELLER_REGISTRATION) {
		snprintf(m->body.seller_registration.seller.nr, sizeof(m->body.seller_registration.seller.nr), "%s", id);
	} else {
		snprintf(m->body.cover_request.request_nr, sizeof(m->body.cover_request.request_nr), "%s", id);
		snprintf(m->body.cover_request.seller.nr, sizeof(m->body.cover_request.seller.nr), "%s", seller);
		snprintf(m->body.cover_request.buyer.nr, sizeof(m->body.cover_request.buyer.nr), "%s", "D-KOELN");
	}
	put_doc(kind, id, m);
	ifgw_msg_free(m);
}

static struct ifgw_ledger_outbox_row row_of(int type, const char *subject, int64_t minor)
{
	struct ifgw_ledger_outbox_row r;

	memset(&r, 0, sizeof(r));
	r.msg_type = type;
	r.to = IFGW_LEDGER_TO_PARTNER;
	snprintf(r.to_id, sizeof(r.to_id), "%s", PARTNER);
	snprintf(r.subject, sizeof(r.subject), "%s", subject);
	r.amount = eur(minor);
	return r;
}

/* --- through an adapter and back */

struct back {
	const struct ifgw_route_target *t;
	const struct ifgw_msg *sent;
	size_t parts;
};

/* What must survive any wire: the parties, the sequence, the numbers and
 * figures the partner acts on (each adapter's documented losses aside,
 * docs/adapters.md). */
static void key_figures(struct ifgw_buf *out, const struct ifgw_msg *m)
{
	size_t i;

	ck_assert_ok(ifgw_buf_addf(out, "%s %s>%s #%llu;", ifgw_msg_type_name(m->hdr.type), m->hdr.sender.code,
				   m->hdr.receiver.code, (unsigned long long)m->hdr.seq));
	switch (m->hdr.type) {
	case IFGW_MSG_SELLER_REGISTRATION:
		ck_assert_ok(ifgw_buf_addf(out, "%s %s %s", m->body.seller_registration.seller.nr,
					   m->body.seller_registration.seller.name, m->body.seller_registration.seller.city));
		break;
	case IFGW_MSG_COVER_REQUEST:
		ck_assert_ok(ifgw_buf_addf(out, "%d %s %s %s %lld", m->body.cover_request.kind, m->body.cover_request.request_nr,
					   m->body.cover_request.seller.nr, m->body.cover_request.buyer.nr,
					   (long long)m->body.cover_request.amount.minor));
		break;
	case IFGW_MSG_COVER_RESPONSE:
	case IFGW_MSG_COVER_REVISION:
		ck_assert_ok(ifgw_buf_addf(out, "%d %s %s %s %lld", m->body.cover_response.decision,
					   m->body.cover_response.cover_nr, m->body.cover_response.seller.nr,
					   m->body.cover_response.buyer.nr, (long long)m->body.cover_response.amount.minor));
		break;
	case IFGW_MSG_ASSIGNMENT_BATCH:
		for (i = 0; i < m->body.batch.n_items; i++)
			ck_assert_ok(ifgw_buf_addf(out, "%d %s %s %lld;", m->body.batch.items[i].doc_type,
						   m->body.batch.items[i].number, m->body.batch.items[i].buyer.nr,
						   (long long)m->body.batch.items[i].amount.minor));
		break;
	case IFGW_MSG_ASSIGNMENT_STATUS:
		for (i = 0; i < m->body.assignment_status.n_items; i++)
			ck_assert_ok(ifgw_buf_addf(out, "%s %s %d %lld;", m->body.assignment_status.batch_nr,
						   m->body.assignment_status.items[i].number,
						   m->body.assignment_status.items[i].status,
						   (long long)m->body.assignment_status.items[i].approved_amount.minor));
		break;
	case IFGW_MSG_PAYMENT:
	case IFGW_MSG_INDIRECT_PAYMENT:
	case IFGW_MSG_GUARANTEE_PAYMENT:
		ck_assert_ok(ifgw_buf_addf(out, "%s %s %s %lld", m->body.payment.seller.nr, m->body.payment.items[0].doc_nr,
					   m->body.payment.items[0].buyer.nr, (long long)m->body.payment.total_cleared.minor));
		break;
	case IFGW_MSG_DISPUTE_NOTICE:
	case IFGW_MSG_DISPUTE_STATUS:
		ck_assert_ok(ifgw_buf_addf(out, "%s %d %s %lld", m->body.dispute.dispute_nr, m->body.dispute.status,
					   m->body.dispute.items[0].doc_nr, (long long)m->body.dispute.items[0].disputed.minor));
		break;
	case IFGW_MSG_CHARGEBACK:
		ck_assert_ok(ifgw_buf_addf(out, "%s %s %lld", m->body.chargeback.nr, m->body.chargeback.items[0].doc_nr,
					   (long long)m->body.chargeback.total.minor));
		break;
	case IFGW_MSG_REMITTANCE:
		ck_assert_ok(ifgw_buf_addf(out, "%s %lld", m->body.remittance.items[0].msg_ref,
					   (long long)m->body.remittance.total.minor));
		break;
	default:
		ck_abort_msg("no key figures for %s", ifgw_msg_type_name(m->hdr.type));
	}
}

/* Decoded back: a valid message with the same key figures, which encodes
 * to the very same bytes again (nothing else was lost or invented). */
static int decode_back(void *ctx, const struct ifgw_outbound_part *part)
{
	struct back *b = ctx;
	struct ifgw_adapter_env env;
	struct ifgw_msg *got = NULL;
	struct ifgw_buf want, have, again;

	b->parts++;
	ifgw_route_target_env(&env, b->t);
	ck_assert_msg(ifgw_adapter_decode(&got, b->t->adapter, part->wire->ptr, part->wire->len, &env) == IFGW_OK,
		      "%s through %s: %s", ifgw_msg_type_name(b->sent->hdr.type), b->t->adapter->name, ifgw_error_last());
	ck_assert_ok(ifgw_msg_check(got));
	ifgw_buf_init(&want, 1 << 16);
	ifgw_buf_init(&have, 1 << 16);
	ifgw_buf_init(&again, 1 << 22);
	key_figures(&want, b->sent);
	key_figures(&have, got);
	ck_assert_msg(strcmp(want.ptr, have.ptr) == 0, "through %s: sent %s, got %s", b->t->adapter->name, want.ptr,
		      have.ptr);
	ck_assert_ok(ifgw_adapter_encode(&again, b->t->adapter, got, &env));
	ck_assert_uint_eq(again.len, part->wire->len);
	ck_assert_mem_eq(again.ptr, part->wire->ptr, again.len);
	ifgw_buf_free(&want);
	ifgw_buf_free(&have);
	ifgw_buf_free(&again);
	ifgw_msg_free(got);
	return IFGW_OK;
}

/* m through every adapter that carries its type, decoded back equal; a type
 * ISO 20022 does not carry goes to US00900 (iso20022) as its fallback. */
static void round_trip(const struct ifgw_msg *m)
{
	static const char *const adapters[] = {"edifactoring", "iso20022"};
	struct ifgw_route_target t;
	struct ifgw_outbound ob;
	struct back b;
	size_t i, carried = 0;
	int iso;

	ifgw_outbound_init(&ob, NULL, 0);
	for (i = 0; i < sizeof(adapters) / sizeof(adapters[0]); i++) {
		ck_assert_ok(ifgw_route_target_country(&t, "DE", adapters[i]));
		if (!ifgw_adapter_carries(t.adapter, m->hdr.type))
			continue;
		carried++;
		memset(&b, 0, sizeof(b));
		b.t = &t;
		b.sent = m;
		ck_assert_msg(ifgw_outbound_run(&ob, &t, m, decode_back, &b) == IFGW_OK, "%s through %s: %s",
			      ifgw_msg_type_name(m->hdr.type), adapters[i], ifgw_error_last());
		ck_assert_uint_eq(b.parts, 1);
	}
	ck_assert_uint_ge(carried, 1);
	/* US00900 speaks iso20022 with edifactoring as its fallback. */
	ck_assert_ok(ifgw_route_target_country(&t, "DE", "iso20022"));
	iso = ifgw_adapter_carries(t.adapter, m->hdr.type);
	ck_assert_ok(ifgw_route_target(&t, cfg, "US00900", m->hdr.type));
	ck_assert_int_eq(t.is_fallback, !iso);
	ck_assert_str_eq(t.adapter->name, iso ? "iso20022" : "edifactoring");
	ifgw_outbound_free(&ob);
}

static struct ifgw_msg *compose_ok(int type, const char *subject, int64_t minor, int ev_kind, const char *actor,
				   uint64_t seq)
{
	struct ifgw_compose_src src = {&book, cfg, at("2026-03-02T10:00:00Z"), seq, "DE00123-FR00001-40"};
	struct ifgw_ledger_outbox_row row = row_of(type, subject, minor);
	struct ifgw_ledger_event ev;
	struct ifgw_msg *m = NULL;

	ifgw_ledger_event_init(&ev, ev_kind, actor);
	ck_assert_msg(ifgw_compose(&m, &src, &row, &ev) == IFGW_OK, "%s of %s: %s", ifgw_msg_type_name(type), subject,
		      ifgw_error_last());
	ck_assert_ok(ifgw_msg_check(m));
	ck_assert_int_eq(m->hdr.type, type);
	ck_assert_uint_eq(m->hdr.seq, seq);
	ck_assert_str_eq(m->hdr.sender.code, "FR00001");
	ck_assert_str_eq(m->hdr.receiver.code, PARTNER);
	ck_assert_str_eq(m->hdr.related_id, "DE00123-FR00001-40");
	round_trip(m);
	return m;
}

START_TEST(message_ids)
{
	char id[IFGW_ID_SIZE];

	ck_assert_ok(ifgw_compose_msg_id(id, "FR00001", "DE00123", 42));
	ck_assert_str_eq(id, "FR00001-DE00123-42");
	ck_assert_ok(ifgw_compose_msg_id(id, "FR00001", "DE00123", 999999999999999ULL));
	ck_assert_str_eq(id, "FR00001-DE00123-999999999999999");
	ck_assert_fails(ifgw_compose_msg_id(id, "FR00001-A-VERY-LONG-PREFIX", "DE00123", 42), IFGW_EINVAL,
			"longer than 35 characters");
	ck_assert_int_eq(ifgw_compose_role(cfg, HOME_SELLER), IFGW_ROLE_EXPORT_FACTOR);
	ck_assert_int_eq(ifgw_compose_role(cfg, IMPORT_SELLER), IFGW_ROLE_IMPORT_FACTOR);
}
END_TEST

/* The export factor's rows (this node factors HOME_SELLER). */
START_TEST(home_rows)
{
	struct ifgw_msg *m;

	/* From the configuration's Seller/Registration file (examples/sellers/). */
	m = compose_ok(IFGW_MSG_SELLER_REGISTRATION, HOME_SELLER, 0, IFGW_LEDGER_EV_SELLER_REGISTER, "seller", 1);
	ck_assert_str_eq(m->body.seller_registration.seller.city, "Lyon");
	ck_assert_int_eq(m->body.seller_registration.date, day("2026-03-02"));
	ifgw_msg_free(m);
	/* A document in the store comes first. */
	put_sample(IFGW_COMPOSE_DOC_SELLER, HOME_SELLER, "seller-registration.xml", IFGW_MSG_SELLER_REGISTRATION, HOME_SELLER);
	m = compose_ok(IFGW_MSG_SELLER_REGISTRATION, HOME_SELLER, 0, IFGW_LEDGER_EV_SELLER_REGISTER, "seller", 1);
	ck_assert_str_eq(m->body.seller_registration.seller.nr, HOME_SELLER);
	ck_assert_str_eq(m->body.seller_registration.seller.city, "Stuttgart"); /* from the document */
	ck_assert_int_eq(m->body.seller_registration.date, day("2026-03-02"));
	ck_assert_str_eq(m->hdr.id, "FR00001-DE00123-1");
	ck_assert_int_eq(m->hdr.sender_role, 0); /* the type says it */
	ifgw_msg_free(m);

	add_cover("CR-1", HOME_SELLER, 5000000, 0, IFGW_LEDGER_COVER_REQUESTED);
	put_sample(IFGW_COMPOSE_DOC_COVER, "CR-1", "cover-request.xml", IFGW_MSG_COVER_REQUEST, HOME_SELLER);
	m = compose_ok(IFGW_MSG_COVER_REQUEST, "CR-1", 5000000, IFGW_LEDGER_EV_COVER_REQUEST, "seller", 2);
	ck_assert_int_eq(m->body.cover_request.kind, IFGW_COVER_NEW);
	ck_assert_int_eq(m->body.cover_request.amount.minor, 5000000);
	ck_assert_str_eq(m->body.cover_request.buyer.city, "Lyon"); /* the application's buyer */
	ifgw_msg_free(m);
	add_cover("CR-2", HOME_SELLER, 5000000, 7000000, IFGW_LEDGER_COVER_REVISED);
	m = compose_ok(IFGW_MSG_COVER_REQUEST, "CR-2", 7000000, IFGW_LEDGER_EV_COVER_REVISE, "seller", 3);
	ck_assert_int_eq(m->body.cover_request.kind, IFGW_COVER_INCREASE);
	ck_assert_int_eq(m->body.cover_request.amount.minor, 7000000);
	ifgw_msg_free(m);
	add_cover("CR-3", HOME_SELLER, 5000000, 0, IFGW_LEDGER_COVER_CANCELLED);
	m = compose_ok(IFGW_MSG_COVER_REQUEST, "CR-3", 0, IFGW_LEDGER_EV_COVER_CANCEL, "seller", 4);
	ck_assert_int_eq(m->body.cover_request.kind, IFGW_COVER_CANCEL);
	ifgw_msg_free(m);

	add_invoice("INV-1", HOME_SELLER, eur(1250000), IFGW_LEDGER_INVOICE_ASSIGNED);
	put_invoice_doc("INV-1", HOME_SELLER, "D-KOELN", eur(1250000), "SUBMIT-1");
	m = compose_ok(IFGW_MSG_ASSIGNMENT_BATCH, "INV-1", 1250000, IFGW_LEDGER_EV_ASSIGN, "seller", 5);
	ck_assert_str_eq(m->body.batch.batch_nr, "FR00001-DE00123-5");
	ck_assert_uint_eq(m->body.batch.n_items, 1);
	ck_assert_str_eq(m->body.batch.items[0].number, "INV-1");
	ck_assert_str_eq(m->body.batch.items[0].buyer.name, "Stahlhandel Köln GmbH");
	ck_assert_str_eq(m->body.batch.seller.name, "Textiles Lyonnais SA");
	ifgw_msg_free(m);
	m = compose_ok(IFGW_MSG_ASSIGNMENT_BATCH, "INV-1", 20000, IFGW_LEDGER_EV_CREDIT, "seller", 6);
	ck_assert_int_eq(m->body.batch.items[0].doc_type, IFGW_DOC_CREDIT_NOTE);
	ck_assert_str_eq(m->body.batch.items[0].number, "INV-1-CN6-1");
	ck_assert_str_eq(m->body.batch.items[0].invoice_ref, "INV-1");
	ck_assert_int_eq(m->body.batch.items[0].amount.minor, 20000);
	ifgw_msg_free(m);
	m = compose_ok(IFGW_MSG_INDIRECT_PAYMENT, "INV-1", 300000, IFGW_LEDGER_EV_PAY, "debtor", 7);
	ck_assert_int_eq(m->body.payment.items[0].paid.minor, 300000);
	ck_assert_int_eq(m->body.payment.total_paid.minor, 300000);
	ck_assert_int_eq(m->body.payment.items[0].doc_date, day("2026-02-27"));
	ifgw_msg_free(m);

	add_invoice("INV-2", HOME_SELLER, eur(800000), IFGW_LEDGER_INVOICE_RECEIVED);
	put_invoice_doc("INV-2", HOME_SELLER, "D-KOELN", eur(800000), "SUBMIT-2");
	raise_dispute("INV-2", at("2026-03-01T15:00:00Z"), 100000);
	m = compose_ok(IFGW_MSG_DISPUTE_NOTICE, "INV-2", 100000, IFGW_LEDGER_EV_DISPUTE, "D-KOELN", 8);
	ck_assert_int_eq(m->hdr.sender_role, IFGW_ROLE_EXPORT_FACTOR); /* disputes go either way */
	ck_assert_int_eq(m->body.dispute.origin_date, day("2026-03-01"));
	ck_assert_str_eq(m->body.dispute.items[0].notified_by, "D-KOELN");
	ifgw_msg_free(m);
	m = compose_ok(IFGW_MSG_DISPUTE_STATUS, "INV-2", 100000, IFGW_LEDGER_EV_SETTLE, "seller", 9);
	ck_assert_int_eq(m->body.dispute.status, IFGW_DISPUTE_SETTLED);
	ck_assert_int_eq(m->body.dispute.settlement_date, day("2026-03-02"));
	ifgw_msg_free(m);
	m = compose_ok(IFGW_MSG_REMITTANCE, "INV-2", 50000, IFGW_LEDGER_EV_DISPUTE, "D-KOELN", 10);
	ck_assert_int_eq(m->hdr.sender_role, IFGW_ROLE_EXPORT_FACTOR); /* not the type's usual sender */
	ck_assert_str_eq(m->body.remittance.items[0].msg_ref, "INV-2");
	ck_assert_int_eq(m->body.remittance.total.minor, 50000);
	ifgw_msg_free(m);
}
END_TEST

/* The import factor's rows (IMPORT_SELLER is DE00123's client). */
START_TEST(import_rows)
{
	struct ifgw_msg *m;

	static const char *const asked[] = {"CR-9", "CR-10", "CR-11", "CR-12"};
	size_t i;

	/* The requests as the import role keeps them when they arrive. */
	for (i = 0; i < sizeof(asked) / sizeof(asked[0]); i++)
		put_sample(IFGW_COMPOSE_DOC_COVER, asked[i], "cover-request.xml", IFGW_MSG_COVER_REQUEST, IMPORT_SELLER);
	add_cover("CR-9", IMPORT_SELLER, 5000000, 5000000, IFGW_LEDGER_COVER_APPROVED);
	m = compose_ok(IFGW_MSG_COVER_RESPONSE, "CR-9", 5000000, IFGW_LEDGER_EV_COVER_APPROVE, "FR00001", 1);
	ck_assert_int_eq(m->body.cover_response.decision, IFGW_COVER_APPROVED);
	ck_assert_str_eq(m->body.cover_response.request_nr, "CR-9");
	ck_assert_int_eq(m->body.cover_response.expiry_date, day("2027-02-28"));
	ck_assert_int_eq(m->body.cover_response.request_date, day("2024-03-04")); /* as the request said */
	ck_assert_str_eq(m->body.cover_response.buyer.name, "Société Lyonnaise d'Équipement SARL");
	ifgw_msg_free(m);
	add_cover("CR-10", IMPORT_SELLER, 5000000, 3000000, IFGW_LEDGER_COVER_PARTLY_APPROVED);
	m = compose_ok(IFGW_MSG_COVER_RESPONSE, "CR-10", 3000000, IFGW_LEDGER_EV_COVER_APPROVE, "FR00001", 2);
	ck_assert_int_eq(m->body.cover_response.decision, IFGW_COVER_PARTLY_APPROVED);
	ck_assert_int_eq(m->body.cover_response.amount.minor, 3000000);
	ifgw_msg_free(m);
	add_cover("CR-11", IMPORT_SELLER, 5000000, 0, IFGW_LEDGER_COVER_DECLINED);
	m = compose_ok(IFGW_MSG_COVER_RESPONSE, "CR-11", 0, IFGW_LEDGER_EV_COVER_DECLINE, "FR00001", 3);
	ck_assert_int_eq(m->body.cover_response.decision, IFGW_COVER_DECLINED);
	ck_assert_int_eq(m->body.cover_response.amount.minor, 0);
	ifgw_msg_free(m);
	add_cover("CR-12", IMPORT_SELLER, 5000000, 0, IFGW_LEDGER_COVER_PENDING);
	m = compose_ok(IFGW_MSG_COVER_RESPONSE, "CR-12", 0, IFGW_LEDGER_EV_COVER_PENDING, "FR00001", 4);
	ck_assert_int_eq(m->body.cover_response.decision, IFGW_COVER_PENDING);
	ifgw_msg_free(m);
	add_cover("CR-13", IMPORT_SELLER, 5000000, 4000000, IFGW_LEDGER_COVER_REVISED);
	m = compose_ok(IFGW_MSG_COVER_REVISION, "CR-13", 4000000, IFGW_LEDGER_EV_COVER_REVISE, "FR00001", 5);
	ck_assert_int_eq(m->body.cover_response.request_kind, IFGW_COVER_REDUCE);
	ck_assert_str_eq(m->body.cover_response.request_nr, "");
	ifgw_msg_free(m);

	add_invoice("RE-7", IMPORT_SELLER, eur(1250000), IFGW_LEDGER_INVOICE_ACCEPTED);
	put_invoice_doc("RE-7", IMPORT_SELLER, "D-KOELN", eur(1250000), "DE00123-FR00001-39");
	m = compose_ok(IFGW_MSG_ASSIGNMENT_STATUS, "RE-7", 1250000, IFGW_LEDGER_EV_ACCEPT, "FR00001", 6);
	ck_assert_str_eq(m->body.assignment_status.batch_nr, "DE00123-FR00001-39"); /* the partner's batch */
	ck_assert_int_eq(m->body.assignment_status.items[0].status, IFGW_ITEM_ACCEPTED);
	ck_assert_int_eq(m->body.assignment_status.items[0].approved_amount.minor, 1250000);
	ifgw_msg_free(m);
	m = compose_ok(IFGW_MSG_ASSIGNMENT_STATUS, "RE-7", 1250000, IFGW_LEDGER_EV_REJECT, "FR00001", 7);
	ck_assert_int_eq(m->body.assignment_status.status, IFGW_ITEM_REJECTED);
	ifgw_msg_free(m);
	m = compose_ok(IFGW_MSG_PAYMENT, "RE-7", 250000, IFGW_LEDGER_EV_PAY, "D-KOELN", 8);
	ck_assert_int_eq(m->body.payment.items[0].pay_type, IFGW_PAY_PARTIAL);
	ifgw_msg_free(m);
	m = compose_ok(IFGW_MSG_GUARANTEE_PAYMENT, "RE-7", 1000000, IFGW_LEDGER_EV_GUARANTEE_PAY, "ledger-tick", 9);
	ck_assert_int_eq(m->body.payment.total_cleared.minor, 1000000);
	ifgw_msg_free(m);
	m = compose_ok(IFGW_MSG_CHARGEBACK, "RE-7", 250000, IFGW_LEDGER_EV_CHARGE_BACK, "ledger-tick", 10);
	ck_assert_int_eq(m->body.chargeback.total.minor, 250000);
	ck_assert_str_eq(m->body.chargeback.nr, "FR00001-DE00123-10");
	ifgw_msg_free(m);

	add_invoice("RE-8", IMPORT_SELLER, eur(800000), IFGW_LEDGER_INVOICE_RECEIVED);
	raise_dispute("RE-8", at("2026-03-01T16:00:00Z"), 80000);
	/* No document: the invoice's id stands for its number. */
	m = compose_ok(IFGW_MSG_DISPUTE_NOTICE, "RE-8", 80000, IFGW_LEDGER_EV_DISPUTE, "D-KOELN", 11);
	ck_assert_int_eq(m->hdr.sender_role, IFGW_ROLE_IMPORT_FACTOR);
	ck_assert_str_eq(m->body.dispute.items[0].doc_nr, "RE-8");
	ifgw_msg_free(m);
	m = compose_ok(IFGW_MSG_DISPUTE_STATUS, "RE-8", 80000, IFGW_LEDGER_EV_DISPUTE_INFO, "FR00001", 12);
	ck_assert_int_eq(m->body.dispute.status, 1);
	ifgw_msg_free(m);
}
END_TEST

/* What the composer cannot build is refused with what is missing. */
START_TEST(refusals)
{
	struct ifgw_compose_src src = {&book, cfg, at("2026-03-02T10:00:00Z"), 1, NULL};
	struct ifgw_ledger_outbox_row row;
	struct ifgw_ledger_event ev;
	struct ifgw_msg *m = NULL;
	char *registration;

	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ASSIGN, "seller");
	row = row_of(IFGW_MSG_ASSIGNMENT_BATCH, "INV-404", 100);
	ck_assert_fails(ifgw_compose(&m, &src, &row, &ev), IFGW_ENOTFOUND, "compose: invoice INV-404");
	add_invoice("INV-1", HOME_SELLER, eur(100), IFGW_LEDGER_INVOICE_ASSIGNED);
	row = row_of(IFGW_MSG_ASSIGNMENT_BATCH, "INV-1", 100);
	ck_assert_fails(ifgw_compose(&m, &src, &row, &ev), IFGW_ENOTFOUND, "the invoice as received: store");
	/* A registration without a document and with no Registration file configured. */
	row = row_of(IFGW_MSG_SELLER_REGISTRATION, HOME_SELLER, 0);
	registration = cfg->sellers[0].registration;
	cfg->sellers[0].registration = NULL;
	ck_assert_fails(ifgw_compose(&m, &src, &row, &ev), IFGW_ENOTFOUND,
			"no document seller:S-FR-0001 in the store and no Seller/Registration file");
	cfg->sellers[0].registration = registration;
	add_cover("CR-1", HOME_SELLER, 100, 0, IFGW_LEDGER_COVER_REQUESTED);
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_COVER_REQUEST, "seller");
	row = row_of(IFGW_MSG_COVER_REQUEST, "CR-1", 100);
	ck_assert_fails(ifgw_compose(&m, &src, &row, &ev), IFGW_ENOTFOUND, "needs the buyer's name and country: store");
	row = row_of(IFGW_MSG_DEBTOR_NOTICE, "INV-1", 100);
	ck_assert_fails(ifgw_compose(&m, &src, &row, &ev), IFGW_EUNSUPPORTED, "sends no DebtorNotice to a partner");
	row = row_of(IFGW_MSG_INDIRECT_PAYMENT, "INV-1", 100);
	row.to = IFGW_LEDGER_TO_SELLER;
	ck_assert_fails(ifgw_compose(&m, &src, &row, &ev), IFGW_EINVAL, "is a letter");
	ck_assert_ptr_null(m);
}
END_TEST

/* --- the sink in a real book */

struct signing {
	EVP_PKEY *ca_key, *key;
	X509 *ca, *cert;
	struct ifgw_identity *id;
	struct ifgw_trust *trust;
};

static void signing_make(struct signing *g)
{
	memset(g, 0, sizeof(*g));
	g->ca_key = fix_key(IFGW_PKI_EC);
	g->ca = fix_cert(g->ca_key, IFGW_PKI_PROFILE_CA, "Test CA", -FIX_DAY * 10, 3650 * FIX_DAY, NULL, NULL);
	g->key = fix_key(IFGW_PKI_EC);
	g->cert = fix_cert(g->key, IFGW_PKI_PROFILE_SIGNING, "FR00001 node", -FIX_DAY * 10, 365 * FIX_DAY, g->ca,
			   g->ca_key);
	ck_assert_ok(ifgw_identity_new(&g->id, g->key, g->cert, NULL));
	ck_assert_ok(ifgw_trust_new(&g->trust, "FR00001"));
	ck_assert_ok(ifgw_trust_add_cert(g->trust, g->cert));
	ck_assert_ok(ifgw_trust_add_ca(g->trust, g->ca));
}

static void signing_free(struct signing *g)
{
	ifgw_trust_free(g->trust);
	ifgw_identity_free(g->id);
	EVP_PKEY_free(g->ca_key);
	EVP_PKEY_free(g->key);
	X509_free(g->ca);
	X509_free(g->cert);
}

static size_t outbox_rows(struct ifgw_store_outbox_row **rows)
{
	size_t n = 0;

	ck_assert_ok(ifgw_store_outbox_due(store, rows, &n, INT64_MAX, 0));
	return n;
}

/* The row's bytes: signed by this node, decoded by the partner's adapter. */
static struct ifgw_msg *verify_decode(const struct ifgw_store_outbox_row *r, const struct signing *g)
{
	struct ifgw_route_target t;
	struct ifgw_adapter_env env;
	struct ifgw_msg *m = NULL;
	xmlDoc *doc = NULL;
	X509 *who = NULL;

	int type = ifgw_msg_type_from_name(r->type, strlen(r->type));

	ck_assert_ok(ifgw_route_target(&t, cfg, r->partner, type));
	ck_assert_msg(ifgw_dsig_verify(&doc, &who, (const char *)r->payload, r->payload_len,
				       t.adapter->signature_place(type), g->trust, NULL) == IFGW_OK,
		      "%s", ifgw_error_last());
	ck_assert_ptr_nonnull(who);
	xmlFreeDoc(doc);
	ifgw_route_target_env(&env, &t);
	ck_assert_msg(ifgw_adapter_decode(&m, t.adapter, (const char *)r->payload, r->payload_len, &env) == IFGW_OK,
		      "%s", ifgw_error_last());
	return m;
}

START_TEST(sink_assign_signed)
{
	struct ifgw_store_outbox_row *rows = NULL;
	struct ifgw_store_log_entry e;
	struct ifgw_outbox_sink sink;
	struct ifgw_ledger_event ev;
	struct signing g;
	struct ifgw_msg *m;
	uint64_t logs = 0;
	size_t n;

	fix_clock();
	signing_make(&g);
	ck_assert_ok(ifgw_outbox_sink_init_with(&sink, &book, cfg, g.id));
	book.sink = ifgw_outbox_sink_book(&sink);
	add_invoice("INV-1", HOME_SELLER, eur(1250000), IFGW_LEDGER_INVOICE_RECEIVED);
	put_invoice_doc("INV-1", HOME_SELLER, "D-KOELN", eur(1250000), "SUBMIT-1");
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ASSIGN, "seller");
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev, at("2026-03-02T10:00:00Z")));
	ck_assert_uint_eq(sink.written, 1);
	n = outbox_rows(&rows);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(rows[0].partner, PARTNER);
	ck_assert_str_eq(rows[0].type, "AssignmentBatch");
	ck_assert_str_eq(rows[0].msg_id, "FR00001-DE00123-1");
	ck_assert_uint_eq(rows[0].seq, 1);
	m = verify_decode(&rows[0], &g);
	ck_assert_uint_eq(m->hdr.seq, 1);
	ck_assert_str_eq(m->hdr.sender.code, "FR00001");
	ck_assert_uint_eq(m->body.batch.n_items, 1);
	ck_assert_str_eq(m->body.batch.items[0].number, "INV-1");
	ck_assert_int_eq(m->body.batch.items[0].amount.minor, 1250000);
	ck_assert_str_eq(m->body.batch.items[0].buyer.nr, "D-KOELN");
	ifgw_msg_free(m);
	/* Its message-out entry hashes these exact bytes. */
	ck_assert_ok(ifgw_store_log_count(store, &logs));
	ck_assert_ok(ifgw_store_log_read(store, &e, 1, rows[0].log_entry, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(e.kind, IFGW_STORE_LOG_MESSAGE_OUT);
	ck_assert_str_eq(e.subject, "FR00001-DE00123-1");
	{
		unsigned char md[32];
		unsigned int mdlen = 0, k;
		char hex[65];

		ck_assert_int_eq(EVP_Digest(rows[0].payload, rows[0].payload_len, md, &mdlen, EVP_sha256(), NULL), 1);
		for (k = 0; k < 32; k++)
			snprintf(hex + 2 * k, 3, "%02x", md[k]);
		ck_assert_str_eq(e.sha256, hex);
	}
	ifgw_store_outbox_rows_free(rows, 1);

	/* A transition whose row cannot be composed changes nothing. */
	add_invoice("INV-2", HOME_SELLER, eur(500000), IFGW_LEDGER_INVOICE_RECEIVED);
	ck_assert_fails(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-2", &ev, at("2026-03-02T11:00:00Z")),
			IFGW_ENOTFOUND, "no document invoice:INV-2");
	{
		struct ifgw_ledger_invoice inv;
		uint64_t after = 0;

		ck_assert_ok(ifgw_book_load_invoice(&book, "INV-2", &inv));
		ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_RECEIVED);
		ck_assert_ok(ifgw_store_log_count(store, &after));
		ck_assert_uint_eq(after, logs + 1); /* INV-2's own "recorded" entry only */
	}
	ck_assert_uint_eq(outbox_rows(&rows), 1);
	ifgw_store_outbox_rows_free(rows, 1);
	ifgw_outbox_sink_free(&sink);
	signing_free(&g);
}
END_TEST

/* A submitted file: one transaction, one batch per partner, seller and
 * currency; a rollback leaves neither rows nor log entries. */
START_TEST(sink_groups_and_rolls_back)
{
	static const char *const ids[] = {"F-1", "F-2", "F-3"};
	struct ifgw_store_outbox_row *rows = NULL;
	struct ifgw_outbox_sink sink;
	struct ifgw_ledger_event ev;
	struct signing g;
	struct ifgw_msg *m;
	uint64_t before = 0, after = 0;
	size_t i, n;

	fix_clock();
	signing_make(&g);
	ck_assert_ok(ifgw_outbox_sink_init_with(&sink, &book, cfg, g.id));
	book.sink = ifgw_outbox_sink_book(&sink);
	for (i = 0; i < 3; i++) {
		add_invoice(ids[i], HOME_SELLER, eur(100000 * (int64_t)(i + 1)), IFGW_LEDGER_INVOICE_RECEIVED);
		put_invoice_doc(ids[i], HOME_SELLER, "D-KOELN", eur(100000 * (int64_t)(i + 1)), "SUBMIT-F");
	}
	ck_assert_ok(ifgw_store_log_count(store, &before));
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ASSIGN, "seller");

	/* Rolled back: nothing queued, nothing logged, nothing held. */
	ck_assert_ok(ifgw_book_begin(&book, at("2026-03-02T10:00:00Z")));
	for (i = 0; i < 3; i++)
		ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, ids[i], &ev, at("2026-03-02T10:00:00Z")));
	ifgw_book_rollback(&book);
	ck_assert_uint_eq(outbox_rows(&rows), 0);
	ck_assert_ok(ifgw_store_log_count(store, &after));
	ck_assert_uint_eq(after, before);
	ck_assert_uint_eq(sink.n_held, 0);

	/* Committed: one batch of the three. */
	ck_assert_ok(ifgw_book_begin(&book, at("2026-03-02T10:00:00Z")));
	for (i = 0; i < 3; i++)
		ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, ids[i], &ev, at("2026-03-02T10:00:00Z")));
	ck_assert_ok(ifgw_book_commit(&book));
	n = outbox_rows(&rows);
	ck_assert_uint_eq(n, 1);
	m = verify_decode(&rows[0], &g);
	ck_assert_uint_eq(m->body.batch.n_items, 3);
	for (i = 0; i < 3; i++)
		ck_assert_str_eq(m->body.batch.items[i].number, ids[i]);
	ck_assert_int_eq(m->body.batch.totals[0].invoices.minor, 600000);
	ifgw_msg_free(m);
	ifgw_store_outbox_rows_free(rows, n);
	ifgw_outbox_sink_free(&sink);
	signing_free(&g);
}
END_TEST

/* The import role answers a batch of the partner's: one status for the
 * invoices of one batch accepted and rejected in one transaction. */
START_TEST(sink_groups_statuses)
{
	static const char *const ids[] = {"RE-1", "RE-2", "RE-3"};
	struct ifgw_store_outbox_row *rows = NULL;
	struct ifgw_outbox_sink sink;
	struct ifgw_ledger_event ev;
	struct signing g;
	struct ifgw_msg *m;
	int64_t now = at("2026-03-02T10:00:00Z");
	size_t i, n;

	fix_clock();
	signing_make(&g);
	ck_assert_ok(ifgw_outbox_sink_init_with(&sink, &book, cfg, g.id));
	book.sink = ifgw_outbox_sink_book(&sink);
	for (i = 0; i < 3; i++) {
		add_invoice(ids[i], IMPORT_SELLER, eur(100000 * (int64_t)(i + 1)), IFGW_LEDGER_INVOICE_RECEIVED);
		put_invoice_doc(ids[i], IMPORT_SELLER, "D-KOELN", eur(100000 * (int64_t)(i + 1)),
				i < 2 ? "DE00123-FR00001-39" : "DE00123-FR00001-40");
	}
	ck_assert_ok(ifgw_book_begin(&book, now));
	ifgw_outbox_sink_set_related(&sink, "DE00123-FR00001-39");
	for (i = 0; i < 3; i++) {
		ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ASSIGN, PARTNER);
		ev.inbound = 1;
		ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, ids[i], &ev, now));
		ifgw_ledger_event_init(&ev, i == 1 ? IFGW_LEDGER_EV_REJECT : IFGW_LEDGER_EV_ACCEPT, "FR00001");
		ev.amount = eur(100000 * (int64_t)(i + 1));
		ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, ids[i], &ev, now));
	}
	ck_assert_ok(ifgw_book_commit(&book));
	/* Two batches answered: two statuses, the first for RE-1 and RE-2. */
	n = outbox_rows(&rows);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rows[0].type, "AssignmentStatus");
	m = verify_decode(&rows[0], &g);
	ck_assert_str_eq(m->body.assignment_status.batch_nr, "DE00123-FR00001-39");
	ck_assert_int_eq(m->body.assignment_status.status, IFGW_ITEM_PARTLY_ACCEPTED);
	ck_assert_uint_eq(m->body.assignment_status.n_items, 2);
	ck_assert_str_eq(m->body.assignment_status.items[0].number, "RE-1");
	ck_assert_int_eq(m->body.assignment_status.items[0].status, IFGW_ITEM_ACCEPTED);
	ck_assert_int_eq(m->body.assignment_status.items[0].approved_amount.minor, 100000);
	ck_assert_int_eq(m->body.assignment_status.items[1].status, IFGW_ITEM_REJECTED);
	ifgw_msg_free(m);
	m = verify_decode(&rows[1], &g);
	ck_assert_str_eq(m->body.assignment_status.batch_nr, "DE00123-FR00001-40");
	ck_assert_int_eq(m->body.assignment_status.status, IFGW_ITEM_ACCEPTED);
	ifgw_msg_free(m);
	ifgw_store_outbox_rows_free(rows, n);
	ifgw_outbox_sink_free(&sink);
	signing_free(&g);
}
END_TEST

static Suite *suite(void)
{
	Suite *su = suite_create("compose");
	TCase *tc = tcase_create("compose");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, message_ids);
	tcase_add_test(tc, home_rows);
	tcase_add_test(tc, import_rows);
	tcase_add_test(tc, refusals);
	tcase_add_test(tc, sink_assign_signed);
	tcase_add_test(tc, sink_groups_and_rolls_back);
	tcase_add_test(tc, sink_groups_statuses);
	suite_add_tcase(su, tc);
	return su;
}

IFGW_TEST_MAIN(suite)
