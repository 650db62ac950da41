/* test_batch.c: routed documents grouped into assignment batches. */
#include "config.h"

#include "base/clock.h"
#include "base/date.h"
#include "config/node_config.h"
#include "model/model.h"
#include "gateway/route/batch.h"
#include "testutil.h"

static struct ifgw_config *cfg;

struct seen {
	size_t messages;
	size_t documents;
	int64_t invoiced; /* sum of invoice amounts over every batch, minor units */
	uint64_t last_seq[2];
	char receivers[16][8];
};

static void setup(void)
{
	int64_t t;

	ck_assert_ok(ifgw_config_load(&cfg, ifgw_test_srcpath("examples/ifgw.xml")));
	ck_assert_ok(ifgw_datetime_parse(&t, "2026-03-02T09:00:00Z"));
	ifgw_clock_set(t);
}

static void teardown(void)
{
	ifgw_config_free(cfg);
}

static struct ifgw_invoice invoice(const char *seller_reg, int n, int credit)
{
	struct ifgw_invoice inv;
	int32_t issue;

	ifgw_invoice_init(&inv);
	inv.doc_type = credit ? IFGW_DOC_CREDIT_NOTE : IFGW_DOC_INVOICE;
	snprintf(inv.number, sizeof(inv.number), "%s-%05d", seller_reg, n);
	ck_assert_ok(ifgw_date_parse(&issue, "2026-02-01", 10));
	inv.issue_date = issue;
	inv.due_date = issue + 60;
	inv.amount.ccy = ifgw_currency_find("EUR");
	inv.amount.minor = 10000 + n;
	snprintf(inv.seller.name, sizeof(inv.seller.name), "Seller %s", seller_reg);
	snprintf(inv.seller.country, sizeof(inv.seller.country), "FR");
	snprintf(inv.seller.reg_nr, sizeof(inv.seller.reg_nr), "%s", seller_reg);
	snprintf(inv.buyer.name, sizeof(inv.buyer.name), "Debtor %d", n % 7);
	snprintf(inv.buyer.country, sizeof(inv.buyer.country), "DE");
	snprintf(inv.buyer.reg_nr, sizeof(inv.buyer.reg_nr), "HRB %d", 1000 + n % 7);
	return inv;
}

static int on_batch(void *ctx, const struct ifgw_config_partner *partner, const struct ifgw_msg *m)
{
	struct seen *s = ctx;
	int slot = strcmp(partner->code, "DE00123") == 0 ? 0 : 1;
	size_t i;

	ck_assert_int_eq(m->hdr.type, IFGW_MSG_ASSIGNMENT_BATCH);
	ck_assert_ok(ifgw_msg_check(m));
	ck_assert_str_eq(m->hdr.sender.code, "FR00001");
	ck_assert_str_eq(m->hdr.receiver.code, partner->code);
	ck_assert_uint_eq(m->hdr.seq, s->last_seq[slot] + 1); /* consecutive per corridor */
	s->last_seq[slot] = m->hdr.seq;
	ck_assert_int_eq(m->body.batch.batch_date, ifgw_clock_today());
	ck_assert_uint_le(m->body.batch.n_items, 999);
	ck_assert(m->body.batch.seller.nr[0] != '\0');
	for (i = 0; i < m->body.batch.n_items; i++) {
		const struct ifgw_invoice *it = &m->body.batch.items[i];

		ck_assert(ifgw_party_is_empty(&it->seller));
		ck_assert_str_eq(it->buyer.nr, it->buyer.reg_nr);
		if (it->doc_type == IFGW_DOC_INVOICE)
			s->invoiced += it->amount.minor;
	}
	ck_assert_uint_eq(m->body.batch.n_totals, 1);
	snprintf(s->receivers[s->messages % 16], 8, "%s", partner->code);
	s->messages++;
	s->documents += m->body.batch.n_items;
	return 0;
}

START_TEST(groups_fill_and_flush)
{
	const struct ifgw_config_partner *de = ifgw_config_partner(cfg, "DE00123");
	const struct ifgw_config_partner *it = ifgw_config_partner(cfg, "IT00077");
	struct ifgw_batcher *b;
	struct seen s = {0};
	int64_t want_invoiced = 0;
	int n;

	ck_assert_ok(ifgw_batcher_new(&b, cfg, 999, 1, on_batch, &s));
	/* 2500 documents of two sellers to DE, 10 to IT: 3 + 2 batches to DE, 1 to IT */
	for (n = 0; n < 2500; n++) {
		struct ifgw_invoice inv = invoice(n % 5 == 0 ? "542051180" : "855200887", n, n % 50 == 49);

		if (inv.doc_type == IFGW_DOC_INVOICE)
			want_invoiced += inv.amount.minor;
		ck_assert_ok(ifgw_batcher_add(b, de, &inv));
	}
	for (n = 0; n < 10; n++) {
		struct ifgw_invoice inv = invoice("542051180", 9000 + n, 0);

		want_invoiced += inv.amount.minor;
		ck_assert_ok(ifgw_batcher_add(b, it, &inv));
	}
	ck_assert_uint_eq(s.messages, 2); /* the big seller's group filled twice already */
	ck_assert_ok(ifgw_batcher_flush(b));
	/* seller 855200887: 2000 docs -> 999 + 999 + 2; seller 542051180: 500 to DE, 10 to IT */
	ck_assert_uint_eq(s.messages, 5);
	ck_assert_uint_eq(ifgw_batcher_messages(b), 5);
	ck_assert_uint_eq(s.documents, 2510);
	ck_assert_int_eq(s.invoiced, want_invoiced);
	ck_assert_uint_eq(s.last_seq[0], 4);
	ck_assert_uint_eq(s.last_seq[1], 1);
	ck_assert_ok(ifgw_batcher_flush(b)); /* nothing left: no message */
	ck_assert_uint_eq(s.messages, 5);
	ifgw_batcher_free(b);
}
END_TEST

static int refuse(void *ctx, const struct ifgw_config_partner *partner, const struct ifgw_msg *m)
{
	return ifgw_error_set(IFGW_EIO, "outbox full");
}

START_TEST(refusals)
{
	const struct ifgw_config_partner *de = ifgw_config_partner(cfg, "DE00123");
	struct ifgw_invoice inv = invoice("542051180", 1, 0);
	struct ifgw_batcher *b;

	ck_assert_fails(ifgw_batcher_new(&b, cfg, 100000, 1, refuse, NULL), IFGW_EINVAL, "at most 9999");
	ck_assert_fails(ifgw_batcher_new(&b, cfg, 10, 0, refuse, NULL), IFGW_EINVAL, "sequence number 0");
	ck_assert_ok(ifgw_batcher_new(&b, cfg, 2, 41, refuse, NULL));
	ck_assert_ok(ifgw_batcher_add(b, de, &inv));
	/* the second document fills the batch: the callback's error comes back */
	ck_assert_fails(ifgw_batcher_add(b, de, &inv), IFGW_EIO, "outbox full");
	inv.seller.reg_nr[0] = '\0';
	ck_assert_fails(ifgw_batcher_add(b, de, &inv), IFGW_EINVAL, "the seller has no number");
	ifgw_batcher_free(b);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("batch");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, groups_fill_and_flush);
	tcase_add_test(tc, refusals);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
