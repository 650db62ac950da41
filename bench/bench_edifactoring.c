/* bench_edifactoring.c: MSG09 invoices per second through the edifactoring
 * adapter (adapters/edifactoring).
 *
 * Prints one key=value line per figure (see bench/local.mk):
 *   bench=edi_encode_msg09  a batch of 999 invoices encoded again and again,
 *                           in UTF-8 and in ISO-8859-1 (converted and every
 *                           non-ASCII value checked); peer: libxml2 writing
 *                           the same document from a tree (xmlDocDumpMemoryEnc),
 *                           what a DOM-based encoder could not go below.
 *   bench=edi_decode_msg09  the same bytes decoded (hardened parse, strict
 *                           walk, control totals, XSD); peer: libxml2 parsing
 *                           them into a tree and nothing else.
 * Each figure is the median of several runs (runs=N), on one core. */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "adapters/adapter.h"
#include "adapters/country.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "bench/bench_util.h"
#include "model/model.h"
#include "gateway/node/global.h"

#define RUNS   5
#define DOCS   999
#define ROUNDS 30

static struct ifgw_msg *batch(void)
{
	static const char *const buyers[] = {"Société Lyonnaise d'Équipement", "Rhône Métallurgie SA",
	                                     "Ateliers de Bourgogne", "Compagnie Générale Électrique"};
	struct ifgw_msg *m = NULL;
	struct ifgw_assignment_batch *b;
	size_t i;

	if (ifgw_msg_new(&m, IFGW_MSG_ASSIGNMENT_BATCH) != IFGW_OK)
		ifgw_bench_die("new");
	snprintf(m->hdr.id, sizeof(m->hdr.id), "DE00123-BENCH");
	snprintf(m->hdr.sender.code, sizeof(m->hdr.sender.code), "DE00123");
	snprintf(m->hdr.receiver.code, sizeof(m->hdr.receiver.code), "FR00456");
	m->hdr.seq = 1;
	if (ifgw_datetime_parse(&m->hdr.created, "2024-04-02T07:45:00Z") != IFGW_OK)
		ifgw_bench_die("time");
	b = &m->body.batch;
	snprintf(b->batch_nr, sizeof(b->batch_nr), "AB-2024-BENCH");
	ifgw_date_from_ymd(&b->batch_date, 2024, 4, 2);
	snprintf(b->seller.nr, sizeof(b->seller.nr), "S-10042");
	snprintf(b->seller.name, sizeof(b->seller.name), "Müller Präzisionstechnik GmbH");
	for (i = 0; i < DOCS; i++) {
		struct ifgw_invoice *inv = NULL;

		if (ifgw_msg_add_item((void **)&inv, m) != IFGW_OK)
			ifgw_bench_die("item");
		inv->doc_type = i % 10 == 9 ? IFGW_DOC_CREDIT_NOTE : IFGW_DOC_INVOICE;
		snprintf(inv->number, sizeof(inv->number), "RE-2024-%06zu", i + 1);
		ifgw_date_from_ymd(&inv->issue_date, 2024, 3, 1 + (int)(i % 28));
		ifgw_date_from_ymd(&inv->due_date, 2024, 5, 1 + (int)(i % 28));
		inv->amount.ccy = ifgw_currency_find("EUR");
		inv->amount.minor = (int64_t)(10000 + (i * 7919) % 9000000);
		snprintf(inv->buyer.nr, sizeof(inv->buyer.nr), "B-%05zu", i % 97);
		snprintf(inv->buyer.name, sizeof(inv->buyer.name), "%s", buyers[i % 4]);
		inv->terms.net_days = 60;
		snprintf(inv->order_ref, sizeof(inv->order_ref), "PO-%06zu", i * 3);
	}
	if (ifgw_msg_compute_totals(m) != IFGW_OK || ifgw_msg_check(m) != IFGW_OK)
		ifgw_bench_die("batch");
	return m;
}

static double encode_rate(const struct ifgw_adapter *a, const struct ifgw_msg *m, const struct ifgw_adapter_env *env,
			  struct ifgw_buf *wire)
{
	double t[RUNS];
	int r, i;

	for (r = 0; r < RUNS; r++) {
		double t0 = ifgw_bench_now();

		for (i = 0; i < ROUNDS; i++) {
			ifgw_buf_reset(wire);
			if (a->encode(wire, m, env) != IFGW_OK)
				ifgw_bench_die("encode");
		}
		t[r] = (double)DOCS * ROUNDS / (ifgw_bench_now() - t0);
	}
	return ifgw_bench_median(t, RUNS);
}

static double dump_rate(const struct ifgw_buf *wire, const char *encoding)
{
	xmlDocPtr doc = xmlReadMemory(wire->ptr, (int)wire->len, "bench", NULL, XML_PARSE_NONET);
	double t[RUNS];
	int r, i;

	if (!doc)
		ifgw_bench_die("libxml2 parse");
	for (r = 0; r < RUNS; r++) {
		double t0 = ifgw_bench_now();

		for (i = 0; i < ROUNDS; i++) {
			xmlChar *mem = NULL;
			int len = 0;

			xmlDocDumpMemoryEnc(doc, &mem, &len, encoding);
			xmlFree(mem);
		}
		t[r] = (double)DOCS * ROUNDS / (ifgw_bench_now() - t0);
	}
	xmlFreeDoc(doc);
	return ifgw_bench_median(t, RUNS);
}

static double decode_rate(const struct ifgw_adapter *a, const struct ifgw_buf *wire, const struct ifgw_adapter_env *env,
			  int peer)
{
	double t[RUNS];
	int r, i, rounds = ROUNDS / 3;

	for (r = 0; r < RUNS; r++) {
		double t0 = ifgw_bench_now();

		for (i = 0; i < rounds; i++) {
			if (peer) {
				xmlDocPtr doc =
				        xmlReadMemory(wire->ptr, (int)wire->len, "bench", NULL, XML_PARSE_NONET);

				if (!doc)
					ifgw_bench_die("libxml2 parse");
				xmlFreeDoc(doc);
			} else {
				struct ifgw_msg *m = NULL;

				if (a->decode(&m, wire->ptr, wire->len, env) != IFGW_OK)
					ifgw_bench_die("decode");
				ifgw_msg_free(m);
			}
		}
		t[r] = (double)DOCS * rounds / (ifgw_bench_now() - t0);
	}
	return ifgw_bench_median(t, RUNS);
}

int main(void)
{
	const struct ifgw_adapter *a = NULL;
	struct ifgw_adapter_env env;
	struct ifgw_msg *m;
	struct ifgw_buf wire;
	static const char *const charsets[] = {"UTF-8", "ISO-8859-1"};
	size_t c;

	if (ifgw_global_init() != IFGW_OK)
		ifgw_bench_die("start-up");
	if (ifgw_adapter_get(&a, "edifactoring") != IFGW_OK)
		ifgw_bench_die("adapter");
	m = batch();
	ifgw_buf_init(&wire, 64u << 20);
	for (c = 0; c < sizeof(charsets) / sizeof(charsets[0]); c++) {
		double ours, peer;

		ifgw_adapter_env_init(&env, ifgw_country_find("DE"));
		env.charset = charsets[c];
		ours = encode_rate(a, m, &env, &wire);
		peer = dump_rate(&wire, charsets[c]);
		printf("bench=edi_encode_msg09 charset=%s invoices=%d bytes=%zu runs=%d ours_per_s=%.0f "
		       "peer=libxml2_tree_dump peer_per_s=%.0f ratio=%.2f\n",
		       charsets[c], DOCS, wire.len, RUNS, ours, peer, ours / peer);
		ours = decode_rate(a, &wire, &env, 0);
		peer = decode_rate(a, &wire, &env, 1);
		printf("bench=edi_decode_msg09 charset=%s invoices=%d runs=%d ours_per_s=%.0f "
		       "peer=libxml2_parse_only peer_per_s=%.0f ratio=%.2f\n",
		       charsets[c], DOCS, RUNS, ours, peer, ours / peer);
	}
	ifgw_msg_free(m);
	ifgw_buf_free(&wire);
	ifgw_global_cleanup();
	return 0;
}
