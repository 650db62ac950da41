/* bench_ingest.c: invoices ingested per second (gateway/ingest).
 *
 * Prints one key=value line per figure (see bench/local.mk):
 *   bench=ingest_csv  100,000 generated CSV rows (ten sellers and debtors in
 *                     the profile countries, checked registration numbers):
 *                     check (pass 1) and hand-out (pass 2) per second on
 *                     one core; peer: the RFC 4180 reader alone over the
 *                     same bytes (the floor of any CSV ingest).
 *   bench=ingest_ubl  one UBL invoice (tests/data/invoices/ubl-invoice-jpy.xml)
 *                     ingested again and again; peer: libxml2 parsing the
 *                     same bytes into a tree and nothing else.
 * Each figure is the median of several runs (runs=N). */
#include "config.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/error.h"
#include "bench/bench_util.h"
#include "base/file.h"
#include "gateway/ingest/csv.h"
#include "gateway/ingest/ingest.h"
#include "gateway/node/global.h"

#define RUNS 5
#define ROWS 100000
#define UBL_DOCS 2000

static int count(void *ctx, const struct ifgw_ingest_doc *doc)
{
	(*(size_t *)ctx)++;
	return doc->inv.amount.minor >= 0 ? IFGW_OK : IFGW_EINVAL;
}

/* Ten sellers and ten debtors, one per profile country, valid numbers. */
static const char *const parties[] = {
	"TotalEnergies SE,FR,542051180,FR59542051180", "SAP SE,DE,HRB 719915,DE143454214",
	"Eni S.p.A.,IT,00905811006,IT00905811006",     "Telefonica S.A.,ES,A28015865,ESA28015865",
	"Tesco PLC,GB,00445790,GB220430231",           "Apple Inc.,US,94-2404110,",
	"Sony Group Corporation,JP,5010401067252,",    "\"Huawei Technologies Co., Ltd.\",CN,914403001922038216,",
	"Anadolu Makine Sanayi A.S.,TR,4540536920,",   "PKO Bank Polski S.A.,PL,5250007738,PL5250007738",
};
static const char *const ccys[] = {"EUR", "USD", "GBP", "PLN", "TRY", "CNY"};

static void make_csv(struct ifgw_buf *b)
{
	int i;

	if (ifgw_buf_addstr(b, "doc_type,number,issue_date,due_date,currency,amount,tax_amount,product,"
			       "seller_name,seller_country,seller_reg_nr,seller_vat_nr,"
			       "debtor_name,debtor_country,debtor_reg_nr,debtor_vat_nr\n") != IFGW_OK)
		ifgw_bench_die("csv");
	for (i = 0; i < ROWS; i++) {
		long minor = 100 + (long)i * 7919 % 99999999;

		if (ifgw_buf_addf(b, "%s,INV-%07d,2024-03-%02d,2024-05-%02d,%s,%ld.%02ld,0.00,export,%s,%s\n",
				  i % 10 == 9 ? "credit_note" : "invoice", i, 1 + i % 28, 1 + i % 28, ccys[i % 6],
				  minor / 100, minor % 100, parties[i % 10], parties[(i / 10 + 1 + i % 9) % 10]) !=
		    IFGW_OK)
			ifgw_bench_die("csv");
	}
}

static void bench_csv(void)
{
	struct ifgw_buf b;
	double check[RUNS], each[RUNS], tok[RUNS], t0, t1, t2;
	size_t n = 0, fields = 0;
	int r;

	ifgw_buf_init(&b, 64u << 20);
	make_csv(&b);
	for (r = 0; r < RUNS; r++) {
		struct ifgw_ingest *ing = NULL;
		struct ingest_csv rd;

		n = 0;
		if (ifgw_ingest_new(&ing, NULL) != IFGW_OK || ifgw_ingest_add_data(ing, "bench.csv", b.ptr, b.len) != IFGW_OK)
			ifgw_bench_die("session");
		t0 = ifgw_bench_now();
		if (ifgw_ingest_check(ing) != IFGW_OK)
			ifgw_bench_die("check");
		t1 = ifgw_bench_now();
		if (ifgw_ingest_each(ing, count, &n) != IFGW_OK || n != ROWS)
			ifgw_bench_die("each");
		t2 = ifgw_bench_now();
		ifgw_ingest_free(ing);
		check[r] = t1 - t0;
		each[r] = t2 - t1;

		t0 = ifgw_bench_now();
		if (ifgw_ingest_csv_open(&rd, b.ptr, b.len, ',') != IFGW_OK)
			ifgw_bench_die("reader");
		fields = 0;
		while (ifgw_ingest_csv_next(&rd) > 0)
			fields += rd.n;
		ifgw_ingest_csv_close(&rd);
		tok[r] = ifgw_bench_now() - t0;
	}
	{
		double c = ifgw_bench_median(check, RUNS), e = ifgw_bench_median(each, RUNS), t = ifgw_bench_median(tok, RUNS);

		printf("bench=ingest_csv ifgw_per_s=%.0f check_per_s=%.0f each_per_s=%.0f reader_only_per_s=%.0f "
		       "ratio_reader=%.2f docs=%d bytes=%zu fields=%zu runs=%d\n",
		       ROWS / (c + e), ROWS / c, ROWS / e, (ROWS + 1) / t, (c + e) / t, ROWS, b.len, fields, RUNS);
	}
	ifgw_buf_free(&b);
}

static void bench_ubl(void)
{
	struct ifgw_buf b;
	double ours[RUNS], dom[RUNS], t0;
	int r, i;

	ifgw_buf_init(&b, 1u << 20);
	if (ifgw_file_read(&b, "tests/data/invoices/ubl-invoice-jpy.xml") != IFGW_OK) {
		char path[4096];
		const char *top = getenv("top_srcdir");

		ifgw_error_clear();
		snprintf(path, sizeof(path), "%s/tests/data/invoices/ubl-invoice-jpy.xml", top ? top : ".");
		if (ifgw_file_read(&b, path) != IFGW_OK)
			ifgw_bench_die("ubl sample");
	}
	for (r = 0; r < RUNS; r++) {
		t0 = ifgw_bench_now();
		for (i = 0; i < UBL_DOCS; i++) {
			struct ifgw_ingest *ing = NULL;
			size_t n = 0;

			if (ifgw_ingest_new(&ing, NULL) != IFGW_OK ||
			    ifgw_ingest_add_data(ing, "bench.xml", b.ptr, b.len) != IFGW_OK ||
			    ifgw_ingest_check(ing) != IFGW_OK || ifgw_ingest_each(ing, count, &n) != IFGW_OK || n != 1)
				ifgw_bench_die("ubl");
			ifgw_ingest_free(ing);
		}
		ours[r] = ifgw_bench_now() - t0;
		t0 = ifgw_bench_now();
		for (i = 0; i < UBL_DOCS; i++) {
			xmlDocPtr doc = xmlReadMemory(b.ptr, (int)b.len, "bench.xml", NULL, XML_PARSE_NONET);

			if (!doc)
				ifgw_bench_die("libxml2");
			xmlFreeDoc(doc);
		}
		dom[r] = ifgw_bench_now() - t0;
	}
	{
		double o = ifgw_bench_median(ours, RUNS), d = ifgw_bench_median(dom, RUNS);

		printf("bench=ingest_ubl ifgw_per_s=%.0f libxml2_parse_only_per_s=%.0f ratio_parse=%.2f bytes=%zu "
		       "runs=%d\n",
		       UBL_DOCS / o, UBL_DOCS / d, o / d, b.len, RUNS);
	}
	ifgw_buf_free(&b);
}

int main(void)
{
	if (ifgw_global_init() != IFGW_OK)
		ifgw_bench_die("start-up");
	bench_csv();
	bench_ubl();
	ifgw_global_cleanup();
	return 0;
}
