/* test_outbound.c: the library's outbound path (gateway/route/outbound.h):
 * split, encode with a partner's target, sign with the node's identity. */
#include "config.h"

#include <string.h>

#include <libxml/tree.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "certs/identity.h"
#include "certs/pki.h"
#include "certs/trust.h"
#include "certs/xmldsig.h"
#include "config/node_config.h"
#include "gateway/route/outbound.h"
#include "gateway/route/target.h"
#include "model/model.h"
#include "certs_fixture.h"
#include "testutil.h"

static struct ifgw_config *cfg;

static void setup(void)
{
	ck_assert_ok(ifgw_config_load(&cfg, ifgw_test_srcpath("examples/ifgw.xml")));
}

static void teardown(void)
{
	ifgw_config_free(cfg);
}

/* What the callback saw: each part decoded back, or verified first. */
struct seen {
	const struct ifgw_route_target *t;
	const struct ifgw_trust *trust; /* set: verify each part's signature first */
	size_t parts, count, items;
	size_t fail_at;                 /* 1-based part whose callback fails; 0: none */
	uint64_t first_seq, last_seq;
};

static int each(void *ctx, const struct ifgw_outbound_part *part)
{
	struct seen *s = ctx;
	struct ifgw_adapter_env env;
	struct ifgw_msg *back = NULL;
	xmlDoc *doc = NULL;
	X509 *who = NULL;

	ck_assert_uint_eq(part->index, s->parts);
	s->parts++;
	s->count = part->count;
	if (s->fail_at && s->parts == s->fail_at)
		return ifgw_error_set(IFGW_EIO, "part %zu: refused by the test", s->parts);
	if (s->trust) {
		ck_assert_msg(ifgw_dsig_verify(&doc, &who, part->wire->ptr, part->wire->len,
					       s->t->adapter->signature_place(part->msg->hdr.type), s->trust,
					       NULL) == IFGW_OK,
			      "part %zu: %s", part->index, ifgw_error_last());
		ck_assert_ptr_nonnull(who);
		xmlFreeDoc(doc);
	} else {
		ck_assert_ptr_null(strstr(part->wire->ptr, "Signature"));
	}
	ifgw_route_target_env(&env, s->t);
	ck_assert_msg(ifgw_adapter_decode(&back, s->t->adapter, part->wire->ptr, part->wire->len, &env) == IFGW_OK,
		      "part %zu: %s", part->index, ifgw_error_last());
	ck_assert_uint_eq(back->hdr.seq, part->msg->hdr.seq);
	if (s->parts == 1)
		s->first_seq = back->hdr.seq;
	s->last_seq = back->hdr.seq;
	s->items += back->body.batch.n_items;
	ifgw_msg_free(back);
	return IFGW_OK;
}

/* The sample names other factors (DE00123 -> FR00456): make it this
 * node's message to t's partner, as the batcher builds them (no parties,
 * then addressed). */
static void readdress(struct ifgw_msg *m, const struct ifgw_route_target *t)
{
	m->hdr.sender.code[0] = '\0';
	m->hdr.receiver.code[0] = '\0';
	ck_assert_ok(ifgw_route_target_address(&m->hdr, t));
	ck_assert_str_eq(m->hdr.sender.code, "FR00001");
	ck_assert_str_eq(m->hdr.receiver.code, t->partner->code);
}

START_TEST(split_encode_each_part)
{
	struct ifgw_route_target t;
	struct ifgw_outbound ob;
	struct ifgw_msg *m = NULL;
	struct seen s;
	size_t n = 0;

	ck_assert_ok(ifgw_msg_read_file(&m, ifgw_test_srcpath("tests/data/model/assignment-batch.xml")));
	ck_assert_ok(ifgw_route_target(&t, cfg, "DE00123", m->hdr.type));
	readdress(m, &t);
	ck_assert_ok(ifgw_outbound_parts(&n, &t, m));
	ck_assert_uint_gt(n, 1); /* edifactoring: one currency per MSG09 */
	memset(&s, 0, sizeof(s));
	s.t = &t;
	ifgw_outbound_init(&ob, NULL, 0);
	ck_assert_ok(ifgw_outbound_run(&ob, &t, m, each, &s));
	ck_assert_uint_eq(s.parts, n);
	ck_assert_uint_eq(s.count, n);
	ck_assert_uint_eq(s.items, m->body.batch.n_items);
	ck_assert_uint_eq(s.first_seq, m->hdr.seq);
	ck_assert_uint_eq(s.last_seq, m->hdr.seq + n - 1);

	/* ISO 20022 carries the batch in one message */
	ck_assert_ok(ifgw_route_target(&t, cfg, "DE00456", m->hdr.type));
	readdress(m, &t);
	ck_assert_ok(ifgw_outbound_parts(&n, &t, m));
	ck_assert_uint_eq(n, 1);
	memset(&s, 0, sizeof(s));
	s.t = &t;
	ck_assert_ok(ifgw_outbound_run(&ob, &t, m, each, &s));
	ck_assert_uint_eq(s.parts, 1);
	ck_assert_uint_eq(s.items, m->body.batch.n_items);

	/* the callback's refusal stops the run and is passed through */
	ck_assert_ok(ifgw_route_target(&t, cfg, "DE00123", m->hdr.type));
	readdress(m, &t);
	memset(&s, 0, sizeof(s));
	s.t = &t;
	s.fail_at = 1;
	ck_assert_fails(ifgw_outbound_run(&ob, &t, m, each, &s), IFGW_EIO, "part 1: refused by the test");
	ck_assert_uint_eq(s.parts, 1);
	ck_assert_fails(ifgw_outbound_run(&ob, &t, m, NULL, &s), IFGW_EINVAL, "invalid argument");
	ifgw_outbound_free(&ob);
	ifgw_msg_free(m);
}
END_TEST

START_TEST(signed_with_the_nodes_identity)
{
	static const char *const partners[] = {"DE00123", "DE00456", "US00900"};
	EVP_PKEY *ca_key, *key;
	X509 *ca, *cert;
	struct ifgw_identity *id = NULL;
	struct ifgw_signer *signer = NULL;
	struct ifgw_trust *trust = NULL;
	struct ifgw_route_target t;
	struct ifgw_outbound ob;
	struct ifgw_msg *m = NULL;
	struct seen s;
	size_t i;

	fix_clock();
	ca_key = fix_key(IFGW_PKI_EC);
	ca = fix_cert(ca_key, IFGW_PKI_PROFILE_CA, "Test CA", -FIX_DAY, 3650 * FIX_DAY, NULL, NULL);
	key = fix_key(IFGW_PKI_EC);
	cert = fix_cert(key, IFGW_PKI_PROFILE_SIGNING, "FR00001 node", -FIX_DAY, 365 * FIX_DAY, ca, ca_key);
	ck_assert_ok(ifgw_identity_new(&id, key, cert, NULL));
	ck_assert_ok(ifgw_signer_new(&signer, id));
	ck_assert_ok(ifgw_trust_new(&trust, "FR00001"));
	ck_assert_ok(ifgw_trust_add_cert(trust, cert));
	ck_assert_ok(ifgw_trust_add_ca(trust, ca));
	ck_assert_ok(ifgw_msg_read_file(&m, ifgw_test_srcpath("tests/data/model/assignment-batch.xml")));
	ifgw_outbound_init(&ob, signer, 0);
	/* edifactoring (split), ISO 20022 (AppHdr), and both again through one ob */
	for (i = 0; i < sizeof(partners) / sizeof(partners[0]); i++) {
		ck_assert_ok(ifgw_route_target(&t, cfg, partners[i], m->hdr.type));
		readdress(m, &t);
		memset(&s, 0, sizeof(s));
		s.t = &t;
		s.trust = trust;
		ck_assert_ok(ifgw_outbound_run(&ob, &t, m, each, &s));
		ck_assert_uint_ge(s.parts, 1);
		ck_assert_uint_eq(s.items, m->body.batch.n_items);
	}
	ifgw_outbound_free(&ob);
	ifgw_msg_free(m);
	ifgw_trust_free(trust);
	ifgw_signer_free(signer);
	ifgw_identity_free(id);
	EVP_PKEY_free(ca_key);
	EVP_PKEY_free(key);
	X509_free(ca);
	X509_free(cert);
}
END_TEST

static int never(void *ctx, const struct ifgw_outbound_part *part)
{
	(void)part;
	++*(int *)ctx;
	return IFGW_OK;
}

/* Out: from this node to the partner, set when absent, refused otherwise;
 * in: from the partner to this node.  A country target has no ends. */
START_TEST(messages_name_their_parties)
{
	struct ifgw_route_target t, country;
	struct ifgw_outbound ob;
	struct ifgw_msg *m = NULL;
	int calls = 0;

	ck_assert_ok(ifgw_msg_read_file(&m, ifgw_test_srcpath("tests/data/model/payment.xml")));
	ck_assert_str_eq(m->hdr.sender.code, "FR00456");
	ck_assert_ok(ifgw_route_target(&t, cfg, "IT00077", m->hdr.type));
	ck_assert_str_eq(t.node, "FR00001");
	ifgw_outbound_init(&ob, NULL, 0);

	/* a sample's FR00456 -> DE00123 does not go out as FR00001 -> IT00077 */
	ck_assert_fails(ifgw_outbound_run(&ob, &t, m, never, &calls), IFGW_EINVAL,
			"message FR00456-2024-005001 names sender FR00456, not this node FR00001");
	ck_assert_fails(ifgw_route_target_address(&m->hdr, &t), IFGW_EINVAL,
			"names sender FR00456, not this node FR00001");
	ck_assert_str_eq(m->hdr.sender.code, "FR00456"); /* a refusal changes nothing */
	snprintf(m->hdr.sender.code, sizeof(m->hdr.sender.code), "FR00001");
	ck_assert_fails(ifgw_route_target_address(&m->hdr, &t), IFGW_EINVAL,
			"names receiver DE00123, not partner IT00077");
	ck_assert_fails(ifgw_outbound_run(&ob, &t, m, never, &calls), IFGW_EINVAL,
			"names receiver DE00123, not partner IT00077");
	ck_assert_int_eq(calls, 0);

	/* absent: the outbound path refuses it, addressing sets it */
	m->hdr.receiver.code[0] = '\0';
	ck_assert_fails(ifgw_route_target_check_outbound(&m->hdr, &t), IFGW_EINVAL,
			"names no receiver: expected partner IT00077");
	ck_assert_ok(ifgw_route_target_address(&m->hdr, &t));
	ck_assert_str_eq(m->hdr.receiver.code, "IT00077");
	ck_assert_ok(ifgw_route_target_check_outbound(&m->hdr, &t));
	ck_assert_ok(ifgw_outbound_run(&ob, &t, m, never, &calls));
	ck_assert_int_eq(calls, 1);

	/* inbound: our own message is not one from the partner */
	ck_assert_fails(ifgw_route_target_check_inbound(&m->hdr, &t), IFGW_EINVAL,
			"names sender FR00001, not partner IT00077");
	snprintf(m->hdr.sender.code, sizeof(m->hdr.sender.code), "IT00077");
	ck_assert_fails(ifgw_route_target_check_inbound(&m->hdr, &t), IFGW_EINVAL,
			"names receiver IT00077, not this node FR00001");
	snprintf(m->hdr.receiver.code, sizeof(m->hdr.receiver.code), "DE00123");
	ck_assert_fails(ifgw_route_target_check_inbound(&m->hdr, &t), IFGW_EINVAL,
			"names receiver DE00123, not this node FR00001");
	m->hdr.receiver.code[0] = '\0';
	ck_assert_fails(ifgw_route_target_check_inbound(&m->hdr, &t), IFGW_EINVAL,
			"names no receiver: expected this node FR00001");
	snprintf(m->hdr.receiver.code, sizeof(m->hdr.receiver.code), "FR00001");
	ck_assert_ok(ifgw_route_target_check_inbound(&m->hdr, &t));

	/* a country target (no configuration) has neither end: nothing checked */
	ck_assert_ok(ifgw_route_target_country(&country, "IT", NULL));
	ck_assert_ptr_null(country.node);
	ck_assert_ok(ifgw_route_target_check_inbound(&m->hdr, &country));
	ck_assert_ok(ifgw_route_target_check_outbound(&m->hdr, &country));
	ifgw_outbound_free(&ob);
	ifgw_msg_free(m);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("outbound");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, split_encode_each_part);
	tcase_add_test(tc, signed_with_the_nodes_identity);
	tcase_add_test(tc, messages_name_their_parties);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
