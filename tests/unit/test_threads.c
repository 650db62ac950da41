/* test_threads.c: the library from several threads at once.
 *
 * THREADS threads each run ROUNDS times, over every canonical sample in
 * tests/data/model/ that the adapter carries and over both adapters
 * (edifactoring for a partner on a national charset, ISO 20022 for one on
 * UTF-8): encode -> sign -> verify -> decode, and check that the decoded
 * message equals the original (as that partner's wire gives it back, see
 * struct shared) and that the signer is the partner's certificate.  The
 * threads share what a running node shares (the adapters, the compiled
 * schemas, one signing identity, one partner trust, the samples read once);
 * each keeps its own signer, which is documented as one per thread.  Under
 * ThreadSanitizer (configure --enable-tsan, .ci/run) this is the test that
 * finds a lazy initialisation without a lock.
 *
 * Check's assertions may only fail on the thread that runs the test (with
 * CK_FORK=no a failure is a longjmp), so a worker writes its first failure
 * into its own slot and the test thread asserts after the join. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "adapters/adapter.h"
#include "adapters/charset.h"
#include "adapters/country.h"
#include "base/buf.h"
#include "base/error.h"
#include "certs/identity.h"
#include "certs/trust.h"
#include "certs/xmldsig.h"
#include "certs_fixture.h"
#include "model/model.h"
#include "testutil.h"

#define THREADS  4
#define ROUNDS   10
#define WIRE_MAX (16u << 20)

static const char *const sample_names[] = {
	"seller-registration.xml", "cover-request.xml",     "cover-response.xml",      "cover-revision.xml",
	"assignment-batch.xml",    "assignment-status.xml", "document-adjustment.xml", "payment.xml",
	"indirect-payment.xml",    "guarantee-payment.xml", "dispute-notice.xml",      "dispute-status.xml",
	"chargeback.xml",          "remittance.xml",        "free-text.xml",           "position-statement.xml",
	"debtor-notice.xml",       "financing-request.xml", "financing-status.xml",    "financing-cancellation.xml",
};
#define NSAMPLES (sizeof(sample_names) / sizeof(sample_names[0]))

/* One partner per adapter: its wire format and its country profile (and so
 * its charset: edifactoring to China is GB18030 through iconv, which holds
 * every character of the samples, names in Japanese and French alike; ISO
 * 20022 to Great Britain is UTF-8). */
static const struct {
	const char *adapter;
	const char *country;
} partners[] = {
	{"edifactoring", "CN"},
	{"iso20022", "GB"},
};
#define NPARTNERS (sizeof(partners) / sizeof(partners[0]))

/* What every thread shares, read-only once the threads start. */
struct shared {
	/* each sample as the partner's wire gives it back (decode(encode(m)):
	 * edifactoring, for one, writes the message id from the factor codes);
	 * NULL when the adapter does not carry the type */
	struct ifgw_msg *samples[NPARTNERS][NSAMPLES];
	const struct ifgw_adapter *adapters[NPARTNERS];
	struct ifgw_adapter_env envs[NPARTNERS];
	const struct ifgw_identity *id;
	const struct ifgw_trust *trust;
	X509 *cert;
	size_t rounds;
};

struct worker {
	const struct shared *sh;
	int index;
	size_t round_trips;  /* completed, checked round trips */
	char failure[512];   /* the first failure; "" = none */
};

static void note_failure(struct worker *w, const char *what, const char *sample, const char *adapter)
{
	if (!w->failure[0])
		snprintf(w->failure, sizeof(w->failure), "thread %d: %s %s via %s: %s", w->index, what, sample,
			 adapter, ifgw_error_last());
}

/* encode -> sign -> verify -> decode one message; 0 when all held. */
static int round_trip(struct worker *w, const struct ifgw_signer *signer, size_t p, size_t s)
{
	const struct shared *sh = w->sh;
	const struct ifgw_adapter *a = sh->adapters[p];
	const struct ifgw_msg *m = sh->samples[p][s];
	const struct ifgw_dsig_place *place = a->signature_place ? a->signature_place(m->hdr.type) : NULL;
	struct ifgw_buf wire, signed_wire, diff;
	struct ifgw_msg *back = NULL;
	xmlDoc *verified = NULL;
	X509 *by = NULL;
	int rc = -1;

	ifgw_buf_init(&wire, WIRE_MAX);
	ifgw_buf_init(&signed_wire, WIRE_MAX);
	ifgw_error_clear();
	if (ifgw_adapter_encode(&wire, a, m, &sh->envs[p]) != IFGW_OK) {
		note_failure(w, "encode", sample_names[s], a->name);
		goto out;
	}
	if (ifgw_dsig_sign_bytes(&signed_wire, wire.ptr, wire.len, sample_names[s], place, signer) != IFGW_OK) {
		note_failure(w, "sign", sample_names[s], a->name);
		goto out;
	}
	if (ifgw_dsig_verify(&verified, &by, signed_wire.ptr, signed_wire.len, place, sh->trust, NULL) != IFGW_OK) {
		note_failure(w, "verify", sample_names[s], a->name);
		goto out;
	}
	if (X509_cmp(by, sh->cert) != 0) {
		note_failure(w, "verify: not the partner's certificate", sample_names[s], a->name);
		goto out;
	}
	if (ifgw_adapter_decode(&back, a, signed_wire.ptr, signed_wire.len, &sh->envs[p]) != IFGW_OK) {
		note_failure(w, "decode", sample_names[s], a->name);
		goto out;
	}
	if (!ifgw_msg_equal(m, back)) {
		ifgw_buf_init(&diff, 4096);
		ifgw_msg_diff(&diff, m, back);
		ifgw_error_set(IFGW_EINVAL, "%s", ifgw_buf_cstr(&diff));
		ifgw_buf_free(&diff);
		note_failure(w, "decoded message differs from the original", sample_names[s], a->name);
		goto out;
	}
	rc = 0;
out:
	xmlFreeDoc(verified);
	ifgw_msg_free(back);
	ifgw_buf_free(&wire);
	ifgw_buf_free(&signed_wire);
	return rc;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct ifgw_signer *signer = NULL;
	size_t round, i, p, s;

	if (ifgw_signer_new(&signer, w->sh->id) != IFGW_OK) {
		note_failure(w, "signer", "-", "-");
		goto out;
	}
	/* Each thread starts at another sample, so that the threads hit
	 * different message types (and first uses) at the same moment. */
	for (round = 0; round < w->sh->rounds; round++)
		for (i = 0; i < NSAMPLES; i++)
			for (p = 0; p < NPARTNERS; p++) {
				s = (i + (size_t)w->index * 5) % NSAMPLES;
				if (!w->sh->samples[p][s])
					continue;
				if (round_trip(w, signer, p, s) != 0)
					goto out;
				w->round_trips++;
			}
out:
	ifgw_signer_free(signer);
	ifgw_charset_cache_clear(); /* adapters/charset.h: a thread that converted frees its descriptors */
	return NULL;
}

/* decode(encode(m)) on the test's thread, before the threads start; a
 * message one wire message cannot hold (an assignment batch in two
 * currencies for edifactoring) is cut as the outbound path cuts it, and its
 * first part taken. */
static struct ifgw_msg *canonical(const struct ifgw_adapter *a, const struct ifgw_adapter_env *env,
				  const struct ifgw_msg *m, const char *name)
{
	struct ifgw_buf wire;
	struct ifgw_msg *back = NULL, **parts = NULL;
	size_t n = 0, k;

	ifgw_buf_init(&wire, WIRE_MAX);
	ck_assert_msg(ifgw_adapter_split(&parts, &n, a, m) == IFGW_OK && n > 0, "%s via %s: split: %s", name,
		      a->name, ifgw_error_last());
	ck_assert_msg(ifgw_adapter_encode(&wire, a, parts[0], env) == IFGW_OK, "%s via %s: encode: %s", name,
		      a->name, ifgw_error_last());
	ck_assert_msg(ifgw_adapter_decode(&back, a, wire.ptr, wire.len, env) == IFGW_OK, "%s via %s: decode: %s",
		      name, a->name, ifgw_error_last());
	for (k = 0; k < n; k++)
		ifgw_msg_free(parts[k]);
	free(parts);
	ifgw_buf_free(&wire);
	return back;
}

START_TEST(test_round_trips_in_threads)
{
	struct shared sh;
	struct worker workers[THREADS];
	pthread_t tids[THREADS];
	EVP_PKEY *key = fix_key(IFGW_PKI_EC);
	struct ifgw_identity *id = NULL;
	struct ifgw_trust *trust = NULL;
	size_t i, carried = 0;
	char rel[128];

	memset(&sh, 0, sizeof(sh));
	/* valgrind (tests/valgrind/run.sh) runs one thread at a time, 30 times
	 * slower: more rounds there find nothing new */
	sh.rounds = getenv("IFGW_VALGRIND") ? 2 : ROUNDS;
	fix_clock();
	sh.cert = fix_cert(key, IFGW_PKI_PROFILE_SIGNING, "FR00456 signing", -FIX_DAY, 30 * FIX_DAY, NULL, NULL);
	ck_assert_ok(ifgw_identity_new(&id, key, sh.cert, NULL));
	ck_assert_ok(ifgw_trust_new(&trust, "FR00456"));
	ck_assert_ok(ifgw_trust_add_cert(trust, sh.cert));
	sh.id = id;
	sh.trust = trust;
	for (i = 0; i < NPARTNERS; i++) {
		const struct ifgw_country_profile *profile = NULL;

		ck_assert_ok(ifgw_adapter_get(&sh.adapters[i], partners[i].adapter));
		ck_assert_ok(ifgw_country_lookup(&profile, partners[i].country));
		ifgw_adapter_env_init(&sh.envs[i], profile);
	}
	for (i = 0; i < NSAMPLES; i++) {
		struct ifgw_msg *m = NULL;
		size_t p;

		snprintf(rel, sizeof(rel), "tests/data/model/%s", sample_names[i]);
		ck_assert_msg(ifgw_msg_read_file(&m, ifgw_test_srcpath(rel)) == IFGW_OK, "%s: %s", sample_names[i],
			      ifgw_error_last());
		for (p = 0; p < NPARTNERS; p++)
			if (ifgw_adapter_carries(sh.adapters[p], m->hdr.type)) {
				sh.samples[p][i] = canonical(sh.adapters[p], &sh.envs[p], m, sample_names[i]);
				carried++;
			}
		ifgw_msg_free(m);
	}
	/* both adapters take part, or the test would prove less than it says */
	ck_assert_uint_gt(carried, NSAMPLES);

	for (i = 0; i < THREADS; i++) {
		memset(&workers[i], 0, sizeof(workers[i]));
		workers[i].sh = &sh;
		workers[i].index = (int)i;
		ck_assert_int_eq(pthread_create(&tids[i], NULL, work, &workers[i]), 0);
	}
	for (i = 0; i < THREADS; i++)
		ck_assert_int_eq(pthread_join(tids[i], NULL), 0);
	for (i = 0; i < THREADS; i++) {
		ck_assert_msg(workers[i].failure[0] == '\0', "%s", workers[i].failure);
		ck_assert_uint_eq(workers[i].round_trips, sh.rounds * carried);
	}

	for (i = 0; i < NSAMPLES; i++) {
		ifgw_msg_free(sh.samples[0][i]);
		ifgw_msg_free(sh.samples[1][i]);
	}
	ifgw_trust_free(trust);
	ifgw_identity_free(id);
	X509_free(sh.cert);
	EVP_PKEY_free(key);
	ifgw_charset_cache_clear();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("threads");
	TCase *tc = tcase_create("round trips");

	/* ThreadSanitizer makes the run several times slower */
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_round_trips_in_threads);
	suite_add_tcase(s, tc);
	return s;
}

/* IFGW_TEST_MAIN calls ifgw_global_init() once, before any thread starts,
 * as the program does. */
IFGW_TEST_MAIN(suite)
