/* test_inbound.c: a partner's wire message into the books
 * (gateway/node/inbound.h).  Three real node configurations over a test PKI
 * written to a temporary folder: FR00001 (the node under test), DE00123
 * (edifactoring) and US00900 (ISO 20022, edifactoring fallback).  Messages
 * are built with the model, encoded and signed by the sending node with
 * ifgw_outbound_run, then read by FR00001. */
#include "config.h"

#include "base/buf.h"
#include "base/error.h"
#include "base/file.h"
#include "certs/identity.h"
#include "certs/pki.h"
#include "certs/xmldsig.h"
#include "gateway/node/inbound.h"
#include "gateway/node/outbox_sink.h"
#include "gateway/node/snapshot.h"
#include "gateway/route/outbound.h"
#include "gateway/route/target.h"
#include "gateway/store/store.h"
#include "model/model.h"
#include "certs_fixture.h"
#include "ledger_fixture.h"
#include "testutil.h"

/* --- the three nodes */

struct net {
	char *dir;
	struct ifgw_node_snapshot *fr, *de, *us;
};

static struct net net;

static void write_pair(const char *dir, const char *name, enum ifgw_pki_profile profile, X509 *ca, EVP_PKEY *cakey)
{
	char path[4200];
	EVP_PKEY *key = fix_key(IFGW_PKI_EC);
	X509 *cert = fix_cert(key, profile, name, -FIX_DAY, 365 * FIX_DAY, ca, cakey);

	snprintf(path, sizeof(path), "%s/%s.key", dir, name);
	ck_assert_ok(ifgw_pki_write_key(path, key));
	snprintf(path, sizeof(path), "%s/%s.crt", dir, name);
	ck_assert_ok(ifgw_pki_write_cert(path, cert));
	X509_free(cert);
	EVP_PKEY_free(key);
}

/* A partner element trusting "<cc>-sign.crt" through the CA; inner: its
 * elements after Trust (a DecisionPolicy). */
static void add_partner(struct ifgw_buf *b, const char *code, const char *cc, const char *attrs, const char *inner)
{
	ck_assert_ok(ifgw_buf_addf(b,
				   "  <Partner code=\"%s\" country=\"%s\"%s>\n"
				   "    <Name>Partner %s</Name>\n"
				   "    <Endpoint>https://127.0.0.1:8442/ifgw</Endpoint>\n"
				   "    <Trust><Cert file=\"%s-sign.crt\"/><Ca file=\"ca.crt\"/>"
				   "<PeerName kind=\"cn\">%s TLS</PeerName></Trust>\n"
				   "%s"
				   "  </Partner>\n",
				   code, cc, attrs, code, cc, cc, inner));
}

/* DE00123 answers FR00001's cover requests. */
static const char de_policy[] = "    <DecisionPolicy>\n"
				"      <DebtorLimit amount=\"250000.00\" currency=\"EUR\"/>\n"
				"      <AutoApproveBelow amount=\"20000.00\" currency=\"EUR\"/>\n"
				"      <PartialApproval maxPercent=\"75\"/>\n"
				"      <Decline debtor=\"D-BAD\"/>\n"
				"    </DecisionPolicy>\n";

static struct ifgw_node_snapshot *node(const char *code, const char *cc, const char *partners)
{
	char file[64];
	const char *path;
	struct ifgw_node_snapshot *snap = NULL;
	struct ifgw_buf b;

	snprintf(file, sizeof(file), "%s.xml", code);
	path = fix_path(1, net.dir, file);
	ifgw_buf_init(&b, 1 << 16);
	ck_assert_ok(ifgw_buf_addf(&b,
				   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				   "<Node xmlns=\"urn:ifgw:config:1\" version=\"1\" code=\"%s\" country=\"%s\">\n"
				   "  <Name>Node %s</Name>\n"
				   "  <Identity>\n"
				   "    <Signing key=\"%s-sign.key\" cert=\"%s-sign.crt\"/>\n"
				   "    <Tls key=\"%s-tls.key\" cert=\"%s-tls.crt\"/>\n"
				   "  </Identity>\n"
				   "  <Listen>127.0.0.1:8441</Listen>\n",
				   code, cc, code, cc, cc, cc, cc));
	ck_assert_ok(ifgw_buf_add(&b, partners, strlen(partners)));
	ck_assert_ok(ifgw_buf_addf(&b, "</Node>\n"));
	ck_assert_ok(ifgw_file_write_atomic(path, b.ptr, b.len, 0644));
	ifgw_buf_free(&b);
	ck_assert_ok(ifgw_node_snapshot_load(&snap, path));
	return snap;
}

static void net_setup(void)
{
	static const char *const ccs[] = {"FR", "DE", "US"};
	EVP_PKEY *cakey = fix_key(IFGW_PKI_EC);
	struct ifgw_buf p;
	char name[32];
	X509 *ca;
	size_t i;

	fix_clock();
	memset(&net, 0, sizeof(net));
	net.dir = fix_tmpdir();
	ca = fix_cert(cakey, IFGW_PKI_PROFILE_CA, "Inbound Test Root", -FIX_DAY, 3650 * FIX_DAY, NULL, NULL);
	ck_assert_ok(ifgw_pki_write_cert(fix_path(0, net.dir, "ca.crt"), ca));
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "%s-sign", ccs[i]);
		write_pair(net.dir, name, IFGW_PKI_PROFILE_SIGNING, ca, cakey);
		snprintf(name, sizeof(name), "%s-tls", ccs[i]);
		write_pair(net.dir, name, IFGW_PKI_PROFILE_TLS, ca, cakey);
	}
	X509_free(ca);
	EVP_PKEY_free(cakey);
	ifgw_buf_init(&p, 1 << 16);
	add_partner(&p, "DE00123", "DE", "", "");
	add_partner(&p, "US00900", "US", " adapter=\"iso20022\" fallback=\"edifactoring\"", "");
	net.fr = node("FR00001", "FR", p.ptr);
	ifgw_buf_reset(&p);
	add_partner(&p, "FR00001", "FR", "", de_policy);
	net.de = node("DE00123", "DE", p.ptr);
	ifgw_buf_reset(&p);
	add_partner(&p, "FR00001", "FR", " adapter=\"iso20022\" fallback=\"edifactoring\"", "");
	net.us = node("US00900", "US", p.ptr);
	ifgw_buf_free(&p);
}

static void net_teardown(void)
{
	ifgw_node_snapshot_release(net.fr);
	ifgw_node_snapshot_release(net.de);
	ifgw_node_snapshot_release(net.us);
	fix_rmdir(net.dir);
}

/* --- messages on the wire */

static struct ifgw_msg *sample(const char *name)
{
	struct ifgw_msg *m = NULL;
	char rel[128];

	snprintf(rel, sizeof(rel), "tests/data/model/%s.xml", name);
	ck_assert_ok(ifgw_msg_read_file(&m, ifgw_test_srcpath(rel)));
	return m;
}

static int keep_part(void *ctx, const struct ifgw_outbound_part *part)
{
	struct ifgw_buf *out = ctx;

	ck_assert_uint_eq(part->count, 1);
	return ifgw_buf_add(out, part->wire->ptr, part->wire->len);
}

/* m as node `from` sends it to `to` (addressed, encoded, signed with
 * from's signing identity, or with `signer` when given), as sequence seq. */
static void send_as(struct ifgw_buf *wire, const struct ifgw_node_snapshot *from, const char *to, struct ifgw_msg *m,
		    uint64_t seq, const struct ifgw_identity *signer)
{
	struct ifgw_route_target t;
	struct ifgw_outbound ob;
	struct ifgw_signer *s = NULL;

	ck_assert_ok(ifgw_signer_new(&s, signer ? signer : ifgw_node_snapshot_signing(from)));
	ck_assert_ok(ifgw_route_target(&t, ifgw_node_snapshot_config(from), to, m->hdr.type));
	m->hdr.sender.code[0] = '\0';
	m->hdr.receiver.code[0] = '\0';
	m->hdr.seq = seq;
	ck_assert_ok(ifgw_route_target_address(&m->hdr, &t));
	ifgw_buf_reset(wire);
	ifgw_outbound_init(&ob, s, 0);
	ck_assert_ok(ifgw_outbound_run(&ob, &t, m, keep_part, wire));
	ifgw_outbound_free(&ob);
	ifgw_signer_free(s);
}

/* --- reading: signature, format, corridor */

START_TEST(read_each_format_from_its_partner)
{
	struct ifgw_msg *m = sample("payment"), *back = NULL;
	struct ifgw_buf wire, diff;

	ifgw_buf_init(&wire, 1 << 24);
	ifgw_buf_init(&diff, 4096);
	/* edifactoring from DE */
	send_as(&wire, net.de, "FR00001", m, 7, NULL);
	ck_assert_ok(ifgw_inbound_read(&back, net.fr, "DE00123", wire.ptr, wire.len));
	/* edifactoring carries no message id: the reader names it sender-receiver-sequence */
	snprintf(m->hdr.id, sizeof(m->hdr.id), "DE00123-FR00001-7");
	ck_assert_str_eq(back->hdr.created_by, "ifgw"); /* required on this wire: the writer's default */
	snprintf(m->hdr.created_by, sizeof(m->hdr.created_by), "ifgw");
	ck_assert_msg(ifgw_msg_diff(&diff, m, back), "%s", diff.ptr);
	ck_assert_str_eq(back->hdr.sender.code, "DE00123");
	ck_assert_str_eq(back->hdr.receiver.code, "FR00001");
	ck_assert_uint_eq(back->hdr.seq, 7);
	ifgw_msg_free(back);
	ifgw_msg_free(m);

	/* ISO 20022 from US (its own format), and edifactoring (its fallback) */
	m = sample("assignment-status");
	send_as(&wire, net.us, "FR00001", m, 1, NULL);
	ck_assert_ptr_nonnull(strstr(wire.ptr, "urn:ifgw:envelope:1"));
	ck_assert_ok(ifgw_inbound_read(&back, net.fr, "US00900", wire.ptr, wire.len));
	ck_assert_int_eq(back->hdr.type, IFGW_MSG_ASSIGNMENT_STATUS);
	ck_assert_str_eq(back->hdr.id, m->hdr.id);
	ifgw_msg_free(back);
	ifgw_msg_free(m);
	m = sample("payment");
	send_as(&wire, net.us, "FR00001", m, 2, NULL);
	ck_assert_ptr_null(strstr(wire.ptr, "urn:ifgw:envelope:1"));
	ck_assert_ok(ifgw_inbound_read(&back, net.fr, "US00900", wire.ptr, wire.len));
	ck_assert_int_eq(back->hdr.type, IFGW_MSG_PAYMENT);
	ifgw_msg_free(back);
	ifgw_msg_free(m);
	ifgw_buf_free(&wire);
	ifgw_buf_free(&diff);
}
END_TEST

START_TEST(read_refuses_what_the_partner_did_not_sign)
{
	struct ifgw_msg *m = sample("payment"), *back = NULL;
	struct ifgw_buf wire;
	char *p;

	ifgw_buf_init(&wire, 1 << 24);
	send_as(&wire, net.de, "FR00001", m, 1, NULL);
	/* not a partner of FR00001 */
	ck_assert_fails(ifgw_inbound_read(&back, net.fr, "IT00077", wire.ptr, wire.len), IFGW_ETRUST,
			"message from IT00077: not a configured partner");
	/* DE's bytes are not US's */
	ck_assert_fails(ifgw_inbound_read(&back, net.fr, "US00900", wire.ptr, wire.len), IFGW_ETRUST,
			"message from US00900: signature refused");
	/* one byte of the payment changed after signing */
	p = strstr(wire.ptr, "DE00123");
	ck_assert_ptr_nonnull(p);
	p[6] = '4';
	ck_assert_fails(ifgw_inbound_read(&back, net.fr, "DE00123", wire.ptr, wire.len), IFGW_ETRUST,
			"digest mismatch");
	/* a valid signature by another partner's key (US's, same CA) is not DE's */
	send_as(&wire, net.de, "FR00001", m, 1, ifgw_node_snapshot_signing(net.us));
	ck_assert_fails(ifgw_inbound_read(&back, net.fr, "DE00123", wire.ptr, wire.len), IFGW_ETRUST,
			"signature refused");
	/* no signature at all */
	{
		struct ifgw_route_target t;
		struct ifgw_outbound ob;

		ck_assert_ok(ifgw_route_target(&t, ifgw_node_snapshot_config(net.de), "FR00001", m->hdr.type));
		ifgw_buf_reset(&wire);
		ifgw_outbound_init(&ob, NULL, 0);
		ck_assert_ok(ifgw_outbound_run(&ob, &t, m, keep_part, &wire));
		ifgw_outbound_free(&ob);
		ck_assert_fails(ifgw_inbound_read(&back, net.fr, "DE00123", wire.ptr, wire.len), IFGW_ETRUST,
				"signature refused");
	}
	ck_assert_ptr_null(back);
	ifgw_msg_free(m);
	ifgw_buf_free(&wire);
}
END_TEST

/* Signed by DE, but not from DE to this node: another corridor. */
START_TEST(read_refuses_another_corridor)
{
	struct ifgw_msg *m = sample("payment"), *back = NULL;
	struct ifgw_route_target t;
	struct ifgw_outbound ob;
	struct ifgw_signer *s = NULL;
	struct ifgw_buf wire;

	ifgw_buf_init(&wire, 1 << 24);
	ck_assert_ok(ifgw_signer_new(&s, ifgw_node_snapshot_signing(net.de)));
	/* a country target writes the header as it is: DE00123 -> IT00077 */
	ck_assert_ok(ifgw_route_target_country(&t, "FR", NULL));
	snprintf(m->hdr.sender.code, sizeof(m->hdr.sender.code), "DE00123");
	snprintf(m->hdr.receiver.code, sizeof(m->hdr.receiver.code), "IT00077");
	ifgw_outbound_init(&ob, s, 0);
	ck_assert_ok(ifgw_outbound_run(&ob, &t, m, keep_part, &wire));
	ck_assert_fails(ifgw_inbound_read(&back, net.fr, "DE00123", wire.ptr, wire.len), IFGW_EINVAL,
			"names receiver IT00077, not this node FR00001");
	/* and one naming another sender */
	ifgw_buf_reset(&wire);
	snprintf(m->hdr.sender.code, sizeof(m->hdr.sender.code), "US00900");
	snprintf(m->hdr.receiver.code, sizeof(m->hdr.receiver.code), "FR00001");
	ck_assert_ok(ifgw_outbound_run(&ob, &t, m, keep_part, &wire));
	ck_assert_fails(ifgw_inbound_read(&back, net.fr, "DE00123", wire.ptr, wire.len), IFGW_EINVAL,
			"names sender US00900, not partner DE00123");
	ck_assert_ptr_null(back);
	ifgw_outbound_free(&ob);
	ifgw_signer_free(s);
	ifgw_msg_free(m);
	ifgw_buf_free(&wire);
}
END_TEST

/* --- the mapping */

static struct ifgw_inbound_step *map(size_t *n, const char *name, int sender_role)
{
	struct ifgw_inbound_step *v = NULL;
	struct ifgw_msg *m = sample(name);

	ck_assert_ok(ifgw_inbound_map(&v, n, m, sender_role));
	ifgw_msg_free(m);
	return v;
}

static void assert_step(const struct ifgw_inbound_step *st, int op, int thing, const char *id, int kind,
			int64_t minor)
{
	ck_assert_int_eq(st->op, op);
	ck_assert_int_eq(st->thing, thing);
	ck_assert_str_eq(st->id, id);
	ck_assert_int_eq(st->ev.kind, kind);
	ck_assert_int_eq(st->ev.inbound, 1);
	ck_assert_int_eq(st->ev.amount.minor, minor);
}

START_TEST(map_import_factor_messages)
{
	struct ifgw_inbound_step *v;
	size_t n = 0, i;

	/* a cover answer: the seller's registration is taken, then the cover */
	v = map(&n, "cover-response", IFGW_ROLE_IMPORT_FACTOR);
	ck_assert_uint_eq(n, 2);
	assert_step(&v[0], IFGW_INBOUND_SELLER_SEEN, IFGW_LEDGER_THING_SELLER, "S-10042", IFGW_LEDGER_EV_SELLER_ACCEPT, 0);
	assert_step(&v[1], IFGW_INBOUND_APPLY, IFGW_LEDGER_THING_COVER, "CR-2024-0031", IFGW_LEDGER_EV_COVER_APPROVE,
		    18000000);
	ck_assert_str_eq(v[1].ev.amount.ccy->code, "EUR");
	ck_assert_str_eq(v[1].ev.actor, "FR00456");
	ck_assert_int_ne(v[1].ev.date, IFGW_DATE_NONE);
	free(v);

	v = map(&n, "cover-revision", IFGW_ROLE_IMPORT_FACTOR);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(v[0].thing, IFGW_LEDGER_THING_COVER);
	ck_assert(v[0].ev.kind == IFGW_LEDGER_EV_COVER_REVISE || v[0].ev.kind == IFGW_LEDGER_EV_COVER_CANCEL);
	free(v);

	/* payments: one PAY per invoice line that pays something */
	v = map(&n, "payment", IFGW_ROLE_IMPORT_FACTOR);
	ck_assert_uint_ge(n, 1);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(v[i].op, IFGW_INBOUND_APPLY);
		ck_assert_int_eq(v[i].thing, IFGW_LEDGER_THING_INVOICE);
		ck_assert_int_eq(v[i].ev.kind, IFGW_LEDGER_EV_PAY);
		ck_assert_int_gt(v[i].ev.amount.minor, 0);
	}
	free(v);
	v = map(&n, "guarantee-payment", IFGW_ROLE_IMPORT_FACTOR);
	ck_assert_uint_ge(n, 1);
	ck_assert_int_eq(v[0].ev.kind, IFGW_LEDGER_EV_GUARANTEE_PAY);
	free(v);
	v = map(&n, "chargeback", IFGW_ROLE_IMPORT_FACTOR);
	ck_assert_uint_ge(n, 1);
	ck_assert_int_eq(v[0].ev.kind, IFGW_LEDGER_EV_CHARGE_BACK);
	free(v);

	/* statuses: accepted with the approved part, rejected; pending: none */
	v = map(&n, "assignment-status", IFGW_ROLE_IMPORT_FACTOR);
	for (i = 0; i < n; i++)
		ck_assert(v[i].ev.kind == IFGW_LEDGER_EV_ACCEPT || v[i].ev.kind == IFGW_LEDGER_EV_REJECT);
	free(v);

	/* free text changes nothing */
	v = map(&n, "free-text", 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(v);
}
END_TEST

START_TEST(map_export_factor_messages)
{
	struct ifgw_inbound_step *v;
	struct ifgw_msg *m;
	size_t n = 0, i;

	v = map(&n, "seller-registration", IFGW_ROLE_EXPORT_FACTOR);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(v[0].op, IFGW_INBOUND_NEW_SELLER);
	ck_assert_int_eq(v[0].ev.kind, IFGW_LEDGER_EV_SELLER_REGISTER);
	free(v);

	v = map(&n, "cover-request", IFGW_ROLE_EXPORT_FACTOR);
	m = sample("cover-request");
	if (m->body.cover_request.kind == IFGW_COVER_NEW) {
		ck_assert_uint_eq(n, 1);
		assert_step(&v[0], IFGW_INBOUND_NEW_COVER, IFGW_LEDGER_THING_COVER, m->body.cover_request.request_nr,
			    IFGW_LEDGER_EV_COVER_REQUEST, m->body.cover_request.amount.minor);
	}
	free(v);
	ifgw_msg_free(m);

	/* a batch: every invoice is a new one of the books, a credit note lowers its invoice */
	m = sample("assignment-batch");
	v = map(&n, "assignment-batch", IFGW_ROLE_EXPORT_FACTOR);
	ck_assert_uint_eq(n, m->body.batch.n_items);
	for (i = 0; i < n; i++) {
		const struct ifgw_invoice *it = &m->body.batch.items[v[i].item];

		if (it->doc_type == IFGW_DOC_INVOICE) {
			assert_step(&v[i], IFGW_INBOUND_NEW_INVOICE, IFGW_LEDGER_THING_INVOICE, it->number,
				    IFGW_LEDGER_EV_ASSIGN, 0);
		} else {
			assert_step(&v[i], IFGW_INBOUND_APPLY, IFGW_LEDGER_THING_INVOICE, it->invoice_ref,
				    IFGW_LEDGER_EV_CREDIT, it->amount.minor);
		}
	}
	free(v);
	ifgw_msg_free(m);

	v = map(&n, "indirect-payment", IFGW_ROLE_EXPORT_FACTOR);
	ck_assert_uint_ge(n, 1);
	ck_assert_int_eq(v[0].ev.kind, IFGW_LEDGER_EV_PAY);
	free(v);
}
END_TEST

START_TEST(map_disputes_both_ways)
{
	struct ifgw_inbound_step *v;
	struct ifgw_msg *m = sample("dispute-status");
	size_t n = 0, i;

	v = map(&n, "dispute-notice", IFGW_ROLE_IMPORT_FACTOR);
	ck_assert_uint_ge(n, 1);
	ck_assert_int_eq(v[0].ev.kind, IFGW_LEDGER_EV_DISPUTE);
	ck_assert_int_gt(v[0].ev.amount.minor, 0);
	free(v);

	/* still open: information from the export factor, nothing from the import factor */
	m->hdr.sender_role = 0; /* either way: the invoice's book tells */
	m->body.dispute.status = 1;
	ck_assert_ok(ifgw_inbound_map(&v, &n, m, IFGW_ROLE_EXPORT_FACTOR));
	ck_assert_uint_ge(n, 1);
	ck_assert_int_eq(v[0].ev.kind, IFGW_LEDGER_EV_DISPUTE_INFO);
	free(v);
	ck_assert_ok(ifgw_inbound_map(&v, &n, m, IFGW_ROLE_IMPORT_FACTOR));
	ck_assert_uint_eq(n, 0);

	/* settled: the instruction names the outcome */
	m->body.dispute.status = IFGW_DISPUTE_SETTLED;
	m->body.dispute.settlement_date = m->body.dispute.date;
	for (i = 0; i < m->body.dispute.n_items; i++)
		m->body.dispute.items[i].instruction = IFGW_LEDGER_SETTLED_FOR_DEBTOR;
	ck_assert_ok(ifgw_inbound_map(&v, &n, m, IFGW_ROLE_IMPORT_FACTOR));
	ck_assert_uint_ge(n, 1);
	ck_assert_int_eq(v[0].ev.kind, IFGW_LEDGER_EV_SETTLE);
	ck_assert_int_eq(v[0].ev.outcome, IFGW_LEDGER_SETTLED_FOR_DEBTOR);
	free(v);
	m->body.dispute.items[0].instruction = 0;
	m->body.dispute.items[0].doc_type = IFGW_DOC_INVOICE;
	ck_assert_fails(ifgw_inbound_map(&v, &n, m, IFGW_ROLE_IMPORT_FACTOR), IFGW_EINVAL, "names no outcome");
	ck_assert_ptr_null(v);
	ifgw_msg_free(m);
}
END_TEST

START_TEST(map_refuses_what_the_books_do_not_take)
{
	struct ifgw_inbound_step *v = NULL;
	struct ifgw_msg *m = sample("financing-request");
	size_t n = 7;

	ck_assert_fails(ifgw_inbound_map(&v, &n, m, 0), IFGW_EUNSUPPORTED, "not taken by the books");
	ck_assert_uint_eq(n, 0);
	ifgw_msg_free(m);
	/* a reminder repeats a request the books hold already */
	m = sample("cover-request");
	m->body.cover_request.kind = IFGW_COVER_NEW;
	m->body.cover_request.reminder = 1;
	ck_assert_fails(ifgw_inbound_map(&v, &n, m, IFGW_ROLE_EXPORT_FACTOR), IFGW_EUNSUPPORTED, "reminder");
	/* a change names the cover, decided by this node */
	m->body.cover_request.reminder = 0;
	m->body.cover_request.kind = IFGW_COVER_PROLONG;
	snprintf(m->body.cover_request.cover_nr, sizeof(m->body.cover_request.cover_nr), "C-9");
	ck_assert_ok(ifgw_inbound_map(&v, &n, m, IFGW_ROLE_EXPORT_FACTOR));
	ck_assert_uint_eq(n, 1);
	assert_step(&v[0], IFGW_INBOUND_CHANGE_COVER, IFGW_LEDGER_THING_COVER, "C-9", IFGW_LEDGER_EV_COVER_REVISE,
		    m->body.cover_request.amount.minor);
	ck_assert_int_eq(v[0].ev.date, m->body.cover_request.expiry_date);
	free(v);
	ifgw_msg_free(m);
	/* the type fixes the sender's role */
	m = sample("payment");
	ck_assert_fails(ifgw_inbound_map(&v, &n, m, IFGW_ROLE_EXPORT_FACTOR), IFGW_EINVAL,
			"comes from the import factor, not the export factor");
	ifgw_msg_free(m);
	/* a credit note names the invoice it lowers */
	m = sample("assignment-batch");
	m->body.batch.items[0].doc_type = IFGW_DOC_CREDIT_NOTE;
	m->body.batch.items[0].invoice_ref[0] = '\0';
	ck_assert_fails(ifgw_inbound_map(&v, &n, m, IFGW_ROLE_EXPORT_FACTOR), IFGW_EINVAL, "names no invoice");
	ck_assert_ptr_null(v);
	ifgw_msg_free(m);
}
END_TEST

/* --- applying: FR00001's home books, DE00123's answers */

static struct ifgw_ledger_contract contract;
static struct ifgw_store *store;
static struct ifgw_book book;

static const struct ifgw_ledger_contract *find_contract(void *ctx, const char *seller, const char *partner)
{
	(void)ctx;
	(void)partner;
	return strcmp(seller, "S1") == 0 ? &contract : NULL;
}

/* FR00001 presented seller S1 to DE00123, asked cover C1 on debtor D1 and
 * assigned INV-1 (1000.00 EUR, due 2026-04-30). */
static void books_setup(void)
{
	struct ifgw_ledger_seller seller;
	struct ifgw_ledger_cover cover;
	struct ifgw_ledger_invoice inv;
	struct ifgw_ledger_event ev;
	struct ifgw_money amount = eur(100000);

	net_setup();
	ledger_test_contract(&contract);
	ck_assert_ok(ifgw_store_open(&store, "sqlite:fr.db", net.dir, 0));
	memset(&book, 0, sizeof(book));
	book.store = store;
	book.contracts.find = find_contract;

	memset(&seller, 0, sizeof(seller));
	snprintf(seller.id, sizeof(seller.id), "S1");
	snprintf(seller.partner, sizeof(seller.partner), "DE00123");
	ck_assert_ok(ifgw_book_add_seller(&book, &seller));
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_SELLER_REGISTER, "seller");
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_SELLER, "S1", &ev, at("2026-03-02T09:00:00Z")));

	memset(&cover, 0, sizeof(cover));
	snprintf(cover.id, sizeof(cover.id), "C1");
	snprintf(cover.seller, sizeof(cover.seller), "S1");
	snprintf(cover.debtor, sizeof(cover.debtor), "D1");
	snprintf(cover.partner, sizeof(cover.partner), "DE00123");
	cover.expiry = IFGW_DATE_NONE;
	ck_assert_ok(ifgw_book_add_cover(&book, &cover));
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_COVER_REQUEST, "seller");
	ev.amount = eur(5000000);
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_COVER, "C1", &ev, at("2026-03-02T10:00:00Z")));

	ck_assert_ok(ifgw_ledger_invoice_init(&inv, "INV-1", "S1", "D1", &amount, day("2026-04-30"), &contract));
	ck_assert_ok(ifgw_book_add_invoice(&book, &inv));
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ASSIGN, "seller");
	ck_assert_ok(ifgw_book_apply(&book, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev, at("2026-03-03T10:00:00Z")));
}

static void books_teardown(void)
{
	ifgw_store_close(store);
	store = NULL;
	net_teardown();
}

static struct ifgw_msg *cover_response(const char *cover, int decision, int64_t granted)
{
	struct ifgw_msg *m = sample("cover-response");
	struct ifgw_cover_response *r = &m->body.cover_response;

	snprintf(r->request_nr, sizeof(r->request_nr), "%s", cover);
	snprintf(r->seller.nr, sizeof(r->seller.nr), "S1");
	snprintf(r->buyer.nr, sizeof(r->buyer.nr), "D1");
	r->decision = decision;
	r->amount = eur(granted);
	return m;
}

static struct ifgw_msg *assignment_status(const char *inv, int status, int64_t approved)
{
	struct ifgw_msg *m = sample("assignment-status");
	struct ifgw_assignment_status *a = &m->body.assignment_status;

	a->n_items = 1;
	a->status = status;
	snprintf(a->items[0].number, sizeof(a->items[0].number), "%s", inv);
	a->items[0].status = status;
	a->items[0].amount = eur(100000);
	a->items[0].approved_amount = eur(approved);
	if (status == IFGW_ITEM_REJECTED)
		snprintf(a->items[0].reason_code, sizeof(a->items[0].reason_code), "NA01");
	return m;
}

static struct ifgw_msg *payment(const char *inv, int64_t paid)
{
	struct ifgw_msg *m = sample("payment");
	struct ifgw_payment *p = &m->body.payment;

	p->n_items = 1;
	snprintf(p->seller.nr, sizeof(p->seller.nr), "S1");
	snprintf(p->items[0].doc_nr, sizeof(p->items[0].doc_nr), "%s", inv);
	snprintf(p->items[0].buyer.nr, sizeof(p->items[0].buyer.nr), "D1");
	p->items[0].doc_amount = eur(100000);
	p->items[0].paid = eur(paid);
	p->items[0].pay_type = paid < 100000 ? IFGW_PAY_PARTIAL : IFGW_PAY_FULL;
	ck_assert_ok(ifgw_msg_compute_totals(m));
	return m;
}

/* A dispute notice, or a status settling it (outcome 0: a notice), from the import factor. */
static struct ifgw_msg *dispute(const char *name, const char *inv, int64_t disputed, int outcome)
{
	struct ifgw_msg *m = sample(name);
	struct ifgw_dispute *d = &m->body.dispute;

	m->hdr.sender_role = IFGW_ROLE_IMPORT_FACTOR;
	snprintf(d->seller.nr, sizeof(d->seller.nr), "S1");
	snprintf(d->buyer.nr, sizeof(d->buyer.nr), "D1");
	d->currency = eur(0).ccy;
	d->n_items = 1;
	d->items[0].doc_type = IFGW_DOC_INVOICE;
	snprintf(d->items[0].doc_nr, sizeof(d->items[0].doc_nr), "%s", inv);
	d->items[0].doc_amount = eur(100000);
	d->items[0].disputed = eur(disputed);
	if (outcome) {
		d->status = IFGW_DISPUTE_SETTLED;
		d->settlement_date = d->date;
		d->items[0].instruction = outcome;
	}
	return m;
}

/* DE00123 sends m to FR00001 as sequence seq; FR00001 applies it. */
static int deliver(struct ifgw_msg *m, uint64_t seq, int64_t now, struct ifgw_inbound_result *res)
{
	struct ifgw_buf wire;
	int rc;

	ifgw_buf_init(&wire, 1 << 24);
	send_as(&wire, net.de, "FR00001", m, seq, NULL);
	ifgw_msg_free(m);
	rc = ifgw_inbound_apply(&book, net.fr, "DE00123", wire.ptr, wire.len, now, res);
	ifgw_buf_free(&wire);
	return rc;
}

/* What the store holds: nothing may change on a refusal but one log entry. */
struct counts {
	uint64_t log;
	size_t outbox, letters;
	int64_t versions[3];
};

static struct counts counts_now(void)
{
	static const struct {
		enum ifgw_store_thing kind;
		const char *id;
	} things[3] = {{IFGW_STORE_SELLERS, "S1"}, {IFGW_STORE_COVERS, "C1"}, {IFGW_STORE_INVOICES, "INV-1"}};
	struct ifgw_store_outbox_row *rows = NULL;
	struct ifgw_store_letter *letters = NULL;
	struct ifgw_store_thing_row r;
	struct counts c;
	size_t i;

	memset(&c, 0, sizeof(c));
	ck_assert_ok(ifgw_store_log_count(store, &c.log));
	ck_assert_ok(ifgw_store_outbox_due(store, &rows, &c.outbox, INT64_MAX, 0));
	ifgw_store_outbox_rows_free(rows, c.outbox);
	ck_assert_ok(ifgw_store_letter_list(store, &letters, &c.letters));
	free(letters);
	for (i = 0; i < 3; i++) {
		ck_assert_ok(ifgw_store_thing_get(store, things[i].kind, things[i].id, &r));
		c.versions[i] = r.version;
	}
	return c;
}

/* After a refusal: the same store, plus exactly one message-refused entry
 * naming `subject`, by DE00123. */
static void assert_refused_only(const struct counts *before, const char *subject)
{
	struct counts after = counts_now();
	struct ifgw_store_log_entry e;
	size_t n = 0, i;

	ck_assert_uint_eq(after.log, before->log + 1);
	ck_assert_uint_eq(after.outbox, before->outbox);
	ck_assert_uint_eq(after.letters, before->letters);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(after.versions[i], before->versions[i]);
	ck_assert_ok(ifgw_store_log_read(store, &e, 1, before->log, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(e.kind, IFGW_INBOUND_LOG_REFUSED);
	ck_assert_str_eq(e.subject, subject);
	ck_assert_str_eq(e.actor, "DE00123");
}

START_TEST(apply_answers_to_the_home_books)
{
	struct ifgw_inbound_result res;
	struct ifgw_ledger_seller seller;
	struct ifgw_ledger_cover cover;
	struct ifgw_ledger_invoice inv;
	struct counts before;

	/* the cover is approved: the seller's registration was taken too */
	before = counts_now();
	ck_assert_ok(deliver(cover_response("C1", IFGW_COVER_APPROVED, 5000000), 1, at("2026-03-04T10:00:00Z"), &res));
	ck_assert_int_eq(res.accepted, 1);
	ck_assert_int_eq(res.duplicate, 0);
	ck_assert_int_eq(res.type, IFGW_MSG_COVER_RESPONSE);
	ck_assert_str_eq(res.msg_id, "DE00123-FR00001-1");
	ck_assert_str_eq(res.reason, "");
	ck_assert_ok(ifgw_book_load_cover(&book, "C1", &cover));
	ck_assert_int_eq(cover.state, IFGW_LEDGER_COVER_APPROVED);
	ck_assert_int_eq(cover.granted.minor, 5000000);
	ck_assert_ok(ifgw_book_load_seller(&book, "S1", &seller));
	ck_assert_int_eq(seller.state, IFGW_LEDGER_SELLER_REGISTERED);
	/* message-in, then the seller's and the cover's entries; no answer goes back */
	ck_assert_uint_ge(counts_now().log, before.log + 3);
	ck_assert_uint_eq(counts_now().outbox, before.outbox);

	/* the invoice is accepted with its approved part, then partly paid */
	ck_assert_ok(deliver(assignment_status("INV-1", IFGW_ITEM_ACCEPTED, 80000), 2, at("2026-03-05T10:00:00Z"), &res));
	ck_assert_ok(ifgw_book_load_invoice(&book, "INV-1", &inv));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_ACCEPTED);
	ck_assert_int_eq(inv.approved.minor, 80000);
	ck_assert_ok(deliver(payment("INV-1", 40000), 3, at("2026-05-02T10:00:00Z"), &res));
	ck_assert_ok(ifgw_book_load_invoice(&book, "INV-1", &inv));
	ck_assert_int_eq(inv.paid.minor, 40000);
	ck_assert_int_eq(inv.outstanding.minor, 60000);
	ck_assert_ok(ifgw_ledger_invoice_check(&inv));

	/* the debtor disputes 200.00 at the import factor, which settles it for the debtor */
	ck_assert_ok(deliver(dispute("dispute-notice", "INV-1", 20000, 0), 4, at("2026-05-03T10:00:00Z"), &res));
	ck_assert_ok(ifgw_book_load_invoice(&book, "INV-1", &inv));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_DISPUTED);
	ck_assert_int_eq(inv.disputed.minor, 20000);
	ck_assert_ok(deliver(dispute("dispute-status", "INV-1", 20000, IFGW_LEDGER_SETTLED_FOR_DEBTOR), 5,
			     at("2026-05-10T10:00:00Z"), &res));
	ck_assert_ok(ifgw_book_load_invoice(&book, "INV-1", &inv));
	ck_assert_int_eq(inv.dispute.state, IFGW_LEDGER_DISPUTE_SETTLED);
	ck_assert_int_eq(inv.dispute.outcome, IFGW_LEDGER_SETTLED_FOR_DEBTOR);
	ck_assert_int_eq(inv.credited.minor, 20000);
	ck_assert_int_eq(inv.disputed.minor, 0);
	ck_assert_ok(ifgw_ledger_invoice_check(&inv));
}
END_TEST

START_TEST(apply_refusals_change_nothing)
{
	struct ifgw_inbound_result res;
	struct ifgw_ledger_invoice inv;
	struct ifgw_buf wire;
	struct counts before;
	struct ifgw_msg *m;

	ck_assert_ok(deliver(assignment_status("INV-1", IFGW_ITEM_ACCEPTED, 100000), 1, at("2026-03-05T10:00:00Z"), &res));

	/* an unknown invoice */
	before = counts_now();
	ck_assert_fails(deliver(payment("INV-9", 40000), 2, at("2026-05-02T10:00:00Z"), &res), IFGW_ESTATE,
			"message DE00123-FR00001-2: invoice INV-9 is not in the books");
	ck_assert_int_eq(res.accepted, 0);
	ck_assert_str_eq(res.msg_id, "DE00123-FR00001-2");
	ck_assert_ptr_nonnull(strstr(res.reason, "INV-9 is not in the books"));
	assert_refused_only(&before, "DE00123-FR00001-2");

	/* an overpayment: the ledger refuses, the inbox forgets the message */
	before = counts_now();
	ck_assert_fails(deliver(payment("INV-1", 150000), 2, at("2026-05-02T10:00:00Z"), &res), IFGW_ESTATE,
			"message DE00123-FR00001-2: invoice INV-1 (accepted): pay not allowed");
	assert_refused_only(&before, "DE00123-FR00001-2");

	/* out of order: 3 before 2 */
	before = counts_now();
	ck_assert_fails(deliver(payment("INV-1", 40000), 3, at("2026-05-02T10:00:00Z"), &res), IFGW_ESTATE,
			"sequence 3 out of order: expected 2");
	assert_refused_only(&before, "DE00123-FR00001-3");

	/* the same message once applied, then again: nothing done the second time */
	ck_assert_ok(deliver(payment("INV-1", 40000), 2, at("2026-05-02T10:00:00Z"), &res));
	ck_assert_int_eq(res.duplicate, 0);
	before = counts_now();
	ck_assert_ok(deliver(payment("INV-1", 40000), 2, at("2026-05-03T10:00:00Z"), &res));
	ck_assert_int_eq(res.duplicate, 1);
	ck_assert_int_eq(res.accepted, 1);
	ck_assert_str_eq(res.msg_id, "DE00123-FR00001-2");
	ck_assert_uint_eq(counts_now().log, before.log);
	ck_assert_int_eq(counts_now().versions[2], before.versions[2]);
	ck_assert_ok(ifgw_book_load_invoice(&book, "INV-1", &inv));
	ck_assert_int_eq(inv.paid.minor, 40000);

	/* a tampered message: refused before it is decoded */
	ifgw_buf_init(&wire, 1 << 24);
	m = payment("INV-1", 12345);
	send_as(&wire, net.de, "FR00001", m, 3, NULL);
	ifgw_msg_free(m);
	ck_assert_ptr_nonnull(strstr(wire.ptr, "123.45"));
	*strstr(wire.ptr, "123.45") = '9';
	before = counts_now();
	ck_assert_fails(ifgw_inbound_apply(&book, net.fr, "DE00123", wire.ptr, wire.len, at("2026-05-04T10:00:00Z"), &res),
			IFGW_ETRUST, "digest mismatch");
	ck_assert_str_eq(res.msg_id, "");
	ck_assert_int_eq(res.type, 0);
	assert_refused_only(&before, "unknown");

	/* a valid signature, by US00900's key, on bytes said to be DE00123's */
	m = payment("INV-1", 12345);
	send_as(&wire, net.de, "FR00001", m, 3, ifgw_node_snapshot_signing(net.us));
	ifgw_msg_free(m);
	before = counts_now();
	ck_assert_fails(ifgw_inbound_apply(&book, net.fr, "DE00123", wire.ptr, wire.len, at("2026-05-04T10:00:00Z"), &res),
			IFGW_ETRUST, "signature refused");
	assert_refused_only(&before, "unknown");

	/* DE00123's own signature on a message of another corridor (to IT00077) */
	{
		struct ifgw_route_target t;
		struct ifgw_outbound ob;
		struct ifgw_signer *signer = NULL;

		m = payment("INV-1", 12345);
		ck_assert_ok(ifgw_signer_new(&signer, ifgw_node_snapshot_signing(net.de)));
		ck_assert_ok(ifgw_route_target_country(&t, "FR", NULL));
		snprintf(m->hdr.sender.code, sizeof(m->hdr.sender.code), "DE00123");
		snprintf(m->hdr.receiver.code, sizeof(m->hdr.receiver.code), "IT00077");
		m->hdr.seq = 3;
		ifgw_buf_reset(&wire);
		ifgw_outbound_init(&ob, signer, 0);
		ck_assert_ok(ifgw_outbound_run(&ob, &t, m, keep_part, &wire));
		ifgw_outbound_free(&ob);
		ifgw_signer_free(signer);
		ifgw_msg_free(m);
	}
	before = counts_now();
	ck_assert_fails(ifgw_inbound_apply(&book, net.fr, "DE00123", wire.ptr, wire.len, at("2026-05-04T10:00:00Z"), &res),
			IFGW_EINVAL, "names receiver IT00077, not this node FR00001");
	ck_assert_str_eq(res.msg_id, "DE00123-IT00077-3");
	assert_refused_only(&before, "DE00123-IT00077-3");
	ifgw_buf_free(&wire);

	/* the state machine refuses: a rejection after the acceptance */
	before = counts_now();
	ck_assert_fails(deliver(assignment_status("INV-1", IFGW_ITEM_REJECTED, 0), 3, at("2026-05-04T10:00:00Z"), &res),
			IFGW_ESTATE, "INV-1");
	assert_refused_only(&before, "DE00123-FR00001-3");
}
END_TEST

/* --- applying: DE00123 as FR00001's import factor, answering through its sink */

static struct ifgw_ledger_contract import_contract;
static struct ifgw_store *de_store;
static struct ifgw_book de_book;
static struct ifgw_outbox_sink de_sink;

static const struct ifgw_ledger_contract *find_import(void *ctx, const char *seller, const char *partner)
{
	(void)ctx;
	(void)seller;
	return partner && strcmp(partner, "FR00001") == 0 ? &import_contract : NULL;
}

static void import_setup(void)
{
	static const int32_t plan[IFGW_LEDGER_DUNNING_STEPS] = {10, 30, 60, 90};

	net_setup();
	memset(&import_contract, 0, sizeof(import_contract));
	import_contract.product = IFGW_PRODUCT_EXPORT;
	snprintf(import_contract.partner, sizeof(import_contract.partner), "FR00001");
	import_contract.role = IFGW_LEDGER_ROLE_IMPORT;
	import_contract.daycount = IFGW_DAYCOUNT_ACT_360;
	import_contract.rounding = IFGW_ROUND_HALF_EVEN;
	import_contract.funding_hours = 24;
	ck_assert_ok(ifgw_calendar_get(&import_contract.calendar, "DE"));
	import_contract.utc_offset = 3600;
	memcpy(import_contract.dunning_days, plan, sizeof(plan));
	ck_assert_ok(ifgw_store_open(&de_store, "sqlite:de.db", net.dir, 0));
	memset(&de_book, 0, sizeof(de_book));
	de_book.store = de_store;
	de_book.contracts.find = find_import;
	ck_assert_ok(ifgw_outbox_sink_init(&de_sink, &de_book, net.de));
	de_book.sink = ifgw_outbox_sink_book(&de_sink);
}

static void import_teardown(void)
{
	ifgw_outbox_sink_free(&de_sink);
	ifgw_store_close(de_store);
	de_store = NULL;
	net_teardown();
}

/* FR00001 sends m to DE00123 as sequence seq; DE00123 applies it. */
static int deliver_to_de(struct ifgw_msg *m, uint64_t seq, int64_t now, struct ifgw_inbound_result *res)
{
	struct ifgw_buf wire;
	int rc;

	ifgw_buf_init(&wire, 1 << 24);
	send_as(&wire, net.fr, "DE00123", m, seq, NULL);
	ifgw_msg_free(m);
	rc = ifgw_inbound_apply(&de_book, net.de, "FR00001", wire.ptr, wire.len, now, res);
	ifgw_buf_free(&wire);
	return rc;
}

static struct ifgw_msg *seller_registration(const char *seller)
{
	struct ifgw_msg *m = sample("seller-registration");

	snprintf(m->body.seller_registration.seller.nr, sizeof(m->body.seller_registration.seller.nr), "%s", seller);
	return m;
}

static struct ifgw_msg *cover_request(const char *cover, const char *debtor, int64_t amount)
{
	struct ifgw_msg *m = sample("cover-request");
	struct ifgw_cover_request *r = &m->body.cover_request;

	r->kind = IFGW_COVER_NEW;
	r->reminder = 0;
	snprintf(r->request_nr, sizeof(r->request_nr), "%s", cover);
	snprintf(r->seller.nr, sizeof(r->seller.nr), "S1");
	snprintf(r->buyer.nr, sizeof(r->buyer.nr), "%s", debtor);
	snprintf(r->buyer.country, sizeof(r->buyer.country), "DE");
	r->amount = eur(amount);
	return m;
}

static struct ifgw_msg *batch(const char *seller, const char *inv, int64_t amount)
{
	struct ifgw_msg *m = sample("assignment-batch");
	struct ifgw_assignment_batch *a = &m->body.batch;

	a->n_items = 1;
	snprintf(a->seller.nr, sizeof(a->seller.nr), "%s", seller);
	a->items[0].doc_type = IFGW_DOC_INVOICE;
	snprintf(a->items[0].number, sizeof(a->items[0].number), "%s", inv);
	snprintf(a->items[0].buyer.nr, sizeof(a->items[0].buyer.nr), "D1");
	a->items[0].amount = eur(amount);
	a->items[0].taxable_amount = eur(amount);
	a->items[0].tax_amount = eur(0);
	a->items[0].invoice_ref[0] = '\0';
	ck_assert_ok(ifgw_msg_compute_totals(m));
	return m;
}

/* The last message DE00123 queued for FR00001, read back as FR00001 reads it. */
static struct ifgw_msg *de_last_answer(size_t *queued)
{
	struct ifgw_store_outbox_row *rows = NULL;
	struct ifgw_msg *m = NULL;
	size_t n = 0;

	ck_assert_ok(ifgw_store_outbox_due(de_store, &rows, &n, INT64_MAX, 0));
	*queued = n;
	if (n > 0) {
		ck_assert_str_eq(rows[n - 1].partner, "FR00001");
		ck_assert_ok(ifgw_inbound_read(&m, net.fr, "DE00123", rows[n - 1].payload, rows[n - 1].payload_len));
	}
	ifgw_store_outbox_rows_free(rows, n);
	return m;
}

START_TEST(import_role_answers_requests)
{
	struct ifgw_inbound_result res;
	struct ifgw_ledger_seller seller;
	struct ifgw_ledger_cover cover;
	struct ifgw_ledger_invoice inv;
	struct ifgw_msg *answer;
	unsigned char *doc = NULL;
	size_t queued = 0, doc_len = 0;

	/* the seller is registered at once: nothing goes back */
	ck_assert_ok(deliver_to_de(seller_registration("S1"), 1, at("2026-03-02T09:00:00Z"), &res));
	ck_assert_ok(ifgw_book_load_seller(&de_book, "S1", &seller));
	ck_assert_int_eq(seller.state, IFGW_LEDGER_SELLER_REGISTERED);
	ck_assert_int_eq(seller.role, IFGW_LEDGER_ROLE_IMPORT);
	ck_assert_str_eq(seller.partner, "FR00001");
	ck_assert_ptr_null(de_last_answer(&queued));
	ck_assert_uint_eq(queued, 0);

	/* a cover below AutoApproveBelow: approved in full, the answer queued */
	ck_assert_ok(deliver_to_de(cover_request("C1", "D1", 500000), 2, at("2026-03-02T10:00:00Z"), &res));
	ck_assert_ok(ifgw_book_load_cover(&de_book, "C1", &cover));
	ck_assert_int_eq(cover.state, IFGW_LEDGER_COVER_APPROVED);
	ck_assert_int_eq(cover.granted.minor, 500000);
	ck_assert_int_eq(cover.role, IFGW_LEDGER_ROLE_IMPORT);
	ck_assert_str_eq(cover.debtor_country, "DE");
	answer = de_last_answer(&queued);
	ck_assert_uint_eq(queued, 1);
	ck_assert_int_eq(answer->hdr.type, IFGW_MSG_COVER_RESPONSE);
	ck_assert_str_eq(answer->body.cover_response.request_nr, "C1");
	ck_assert_int_eq(answer->body.cover_response.decision, IFGW_COVER_APPROVED);
	ck_assert_int_eq(answer->body.cover_response.amount.minor, 500000);
	ifgw_msg_free(answer);

	/* a debtor on the decline list */
	ck_assert_ok(deliver_to_de(cover_request("C2", "D-BAD", 100000), 3, at("2026-03-02T11:00:00Z"), &res));
	ck_assert_ok(ifgw_book_load_cover(&de_book, "C2", &cover));
	ck_assert_int_eq(cover.state, IFGW_LEDGER_COVER_DECLINED);
	answer = de_last_answer(&queued);
	ck_assert_uint_eq(queued, 2);
	ck_assert_int_eq(answer->body.cover_response.decision, IFGW_COVER_DECLINED);
	ifgw_msg_free(answer);

	/* an invoice under C1: kept as received, accepted in full, the status queued */
	ck_assert_ok(deliver_to_de(batch("S1", "INV-1", 100000), 4, at("2026-03-03T10:00:00Z"), &res));
	ck_assert_ok(ifgw_book_load_invoice(&de_book, "INV-1", &inv));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_ACCEPTED);
	ck_assert_int_eq(inv.approved.minor, 100000);
	ck_assert_ok(ifgw_store_document_get(de_store, IFGW_STORE_DOC_INVOICE, "INV-1", &doc, &doc_len, NULL));
	ck_assert_ptr_nonnull(strstr((char *)doc, "<Number>INV-1</Number>"));
	free(doc);
	answer = de_last_answer(&queued);
	ck_assert_uint_eq(queued, 3);
	ck_assert_int_eq(answer->hdr.type, IFGW_MSG_ASSIGNMENT_STATUS);
	ck_assert_str_eq(answer->body.assignment_status.items[0].number, "INV-1");
	ck_assert_int_eq(answer->body.assignment_status.items[0].status, IFGW_ITEM_ACCEPTED);
	ifgw_msg_free(answer);

	/* the export factor reports the debtor's dispute: the import books hold it (disputes go
	   either way: the invoice's book tells who sent it) */
	{
		struct ifgw_msg *d = sample("dispute-notice");

		d->hdr.sender_role = IFGW_ROLE_EXPORT_FACTOR;
		snprintf(d->body.dispute.seller.nr, sizeof(d->body.dispute.seller.nr), "S1");
		snprintf(d->body.dispute.buyer.nr, sizeof(d->body.dispute.buyer.nr), "D1");
		d->body.dispute.n_items = 1;
		snprintf(d->body.dispute.items[0].doc_nr, sizeof(d->body.dispute.items[0].doc_nr), "INV-1");
		d->body.dispute.items[0].doc_amount = eur(100000);
		d->body.dispute.items[0].disputed = eur(30000);
		ck_assert_ok(deliver_to_de(d, 5, at("2026-03-04T10:00:00Z"), &res));
	}
	ck_assert_ok(ifgw_book_load_invoice(&de_book, "INV-1", &inv));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_DISPUTED);
	ck_assert_int_eq(inv.disputed.minor, 30000);
	answer = de_last_answer(&queued);
	ck_assert_uint_eq(queued, 3); /* nothing echoed back */
	ifgw_msg_free(answer);

	/* the import factor settles it for the debtor: the status it sends names the outcome, which
	   the export factor's mapping reads back */
	{
		struct ifgw_ledger_event ev;
		struct ifgw_inbound_step *steps = NULL;
		size_t n = 0;

		ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_SETTLE, "DE00123");
		ev.outcome = IFGW_LEDGER_SETTLED_FOR_DEBTOR;
		ck_assert_ok(ifgw_book_apply(&de_book, IFGW_LEDGER_THING_INVOICE, "INV-1", &ev, at("2026-03-05T10:00:00Z")));
		answer = de_last_answer(&queued);
		ck_assert_uint_eq(queued, 4);
		ck_assert_int_eq(answer->hdr.type, IFGW_MSG_DISPUTE_STATUS);
		ck_assert_int_eq(answer->body.dispute.status, IFGW_DISPUTE_SETTLED);
		ck_assert_int_eq(answer->body.dispute.items[0].instruction, IFGW_LEDGER_SETTLED_FOR_DEBTOR);
		ck_assert_ok(ifgw_inbound_map(&steps, &n, answer, IFGW_ROLE_IMPORT_FACTOR));
		ck_assert_uint_eq(n, 1);
		assert_step(&steps[0], IFGW_INBOUND_APPLY, IFGW_LEDGER_THING_INVOICE, "INV-1", IFGW_LEDGER_EV_SETTLE, 0);
		ck_assert_int_eq(steps[0].ev.outcome, IFGW_LEDGER_SETTLED_FOR_DEBTOR);
		free(steps);
		ifgw_msg_free(answer);
	}

	/* a seller the export factor never registered here: the invoice is rejected */
	ck_assert_ok(deliver_to_de(batch("S9", "INV-2", 100000), 6, at("2026-03-04T11:00:00Z"), &res));
	ck_assert_ok(ifgw_book_load_invoice(&de_book, "INV-2", &inv));
	ck_assert_int_eq(inv.state, IFGW_LEDGER_INVOICE_REJECTED);
	answer = de_last_answer(&queued);
	ck_assert_uint_eq(queued, 5);
	ck_assert_int_eq(answer->body.assignment_status.items[0].status, IFGW_ITEM_REJECTED);
	ifgw_msg_free(answer);

	/* the same invoice again: the books hold it, the batch is refused, nothing queued */
	ck_assert_fails(deliver_to_de(batch("S1", "INV-1", 100000), 7, at("2026-03-04T12:00:00Z"), &res), IFGW_ESTATE,
			"INV-1");
	answer = de_last_answer(&queued);
	ck_assert_uint_eq(queued, 5);
	ifgw_msg_free(answer);
}
END_TEST

/* The export factor asks to change a cover: more is decided, less granted as asked; the revision answers. */
START_TEST(import_role_changes_covers)
{
	struct ifgw_inbound_result res;
	struct ifgw_ledger_cover cover;
	struct ifgw_msg *m, *answer;
	size_t queued = 0;

	ck_assert_ok(deliver_to_de(seller_registration("S1"), 1, at("2026-03-02T09:00:00Z"), &res));
	ck_assert_ok(deliver_to_de(cover_request("C1", "D1", 500000), 2, at("2026-03-02T10:00:00Z"), &res));

	m = cover_request("C1", "D1", 800000);
	m->body.cover_request.kind = IFGW_COVER_INCREASE;
	m->body.cover_request.current_amount = eur(500000);
	snprintf(m->body.cover_request.cover_nr, sizeof(m->body.cover_request.cover_nr), "C1");
	ck_assert_ok(deliver_to_de(m, 3, at("2026-03-10T10:00:00Z"), &res));
	ck_assert_ok(ifgw_book_load_cover(&de_book, "C1", &cover));
	ck_assert_int_eq(cover.state, IFGW_LEDGER_COVER_REVISED);
	ck_assert_int_eq(cover.granted.minor, 800000);
	answer = de_last_answer(&queued);
	ck_assert_uint_eq(queued, 2);
	ck_assert_int_eq(answer->hdr.type, IFGW_MSG_COVER_REVISION);
	ck_assert_str_eq(answer->body.cover_response.cover_nr, "C1");
	ck_assert_int_eq(answer->body.cover_response.amount.minor, 800000);
	ifgw_msg_free(answer);

	m = cover_request("C1", "D1", 300000);
	m->body.cover_request.kind = IFGW_COVER_REDUCE;
	m->body.cover_request.current_amount = eur(800000);
	snprintf(m->body.cover_request.cover_nr, sizeof(m->body.cover_request.cover_nr), "C1");
	ck_assert_ok(deliver_to_de(m, 4, at("2026-03-11T10:00:00Z"), &res));
	ck_assert_ok(ifgw_book_load_cover(&de_book, "C1", &cover));
	ck_assert_int_eq(cover.granted.minor, 300000);
	answer = de_last_answer(&queued);
	ck_assert_uint_eq(queued, 3);
	ck_assert_int_eq(answer->body.cover_response.amount.minor, 300000);
	ifgw_msg_free(answer);

	/* a cover the books do not hold */
	m = cover_request("C7", "D1", 300000);
	m->body.cover_request.kind = IFGW_COVER_REDUCE;
	m->body.cover_request.current_amount = eur(800000);
	snprintf(m->body.cover_request.cover_nr, sizeof(m->body.cover_request.cover_nr), "C7");
	ck_assert_fails(deliver_to_de(m, 5, at("2026-03-11T11:00:00Z"), &res), IFGW_ESTATE, "cover C7 is not in the books");
	answer = de_last_answer(&queued);
	ck_assert_uint_eq(queued, 3);
	ifgw_msg_free(answer);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("inbound");
	TCase *tc = tcase_create("read");

	tcase_add_checked_fixture(tc, net_setup, net_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, read_each_format_from_its_partner);
	tcase_add_test(tc, read_refuses_what_the_partner_did_not_sign);
	tcase_add_test(tc, read_refuses_another_corridor);
	suite_add_tcase(s, tc);
	tc = tcase_create("map");
	tcase_add_test(tc, map_import_factor_messages);
	tcase_add_test(tc, map_export_factor_messages);
	tcase_add_test(tc, map_disputes_both_ways);
	tcase_add_test(tc, map_refuses_what_the_books_do_not_take);
	suite_add_tcase(s, tc);
	tc = tcase_create("apply");
	tcase_add_checked_fixture(tc, books_setup, books_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, apply_answers_to_the_home_books);
	tcase_add_test(tc, apply_refusals_change_nothing);
	suite_add_tcase(s, tc);
	tc = tcase_create("import");
	tcase_add_checked_fixture(tc, import_setup, import_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, import_role_answers_requests);
	tcase_add_test(tc, import_role_changes_covers);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
