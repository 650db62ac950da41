/* bench_pipeline.c: the export factor's job end to end, per second on one core.
 *
 * 100,000 invoices (a generated ERP export in CSV: French sellers, debtors
 * in the countries of examples/ifgw.xml's partners, some IFP group invoices
 * of Italian and American entities) go through
 *   ingest (parse, validate, registration numbers) -> route (the example
 *   node's table) -> batch (per partner and seller) -> encode (each
 *   partner's target (gateway/route/target.h) through the library's
 *   outbound path (gateway/route/outbound.h): edifactoring in ISO-8859-1, Windows-1252,
 *   Shift_JIS; ISO 20022 tsin.006 in UTF-8)
 * without signing.  Goal: >= 100,000 invoices/s.
 *
 * Prints one key=value line (see bench/local.mk):
 *   bench=pipeline invoices=N ifgw_per_s=... ingest_per_s=... route_batch_per_s=...
 *     encode_per_s=... wire_mb=... csv_scan_per_s=... ratio_csv_scan=... goal_per_s=100000 runs=N
 * csv_scan is the limit measured in the same run: one pass over the same
 * bytes finding every field boundary, the least any ingest must do. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "adapters/adapter.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/error.h"
#include "bench/bench_util.h"
#include "config/node_config.h"
#include "gateway/ingest/ingest.h"
#include "gateway/node/global.h"
#include "gateway/route/batch.h"
#include "gateway/route/outbound.h"
#include "gateway/route/route.h"
#include "gateway/route/target.h"

#define RUNS 5
#define ROWS 100000

/* Sellers (the node is French; IFP entities abroad) and debtors in the
 * partners' countries, with valid registration numbers. */
static const char *const sellers[] = {
	"TotalEnergies SE,FR,542051180", "Michelin SCA,FR,855200887", "Carrefour SA,FR,652014051",
};
static const char *const ifp_entities[] = {"Eni S.p.A.,IT,00905811006", "Apple Inc.,US,94-2404110"};
static const char *const debtors[] = {
	"Siemens AG,DE,HRB 6684", "Eni S.p.A.,IT,00905811006", "Apple Inc.,US,94-2404110",
	"Sony Group Corporation,JP,5010401067252",
};
static const char *const debtor_ccy[] = {"EUR", "EUR", "USD", "JPY"};

static void make_csv(struct ifgw_buf *b)
{
	int i;

	if (ifgw_buf_addstr(b, "doc_type,number,issue_date,due_date,currency,amount,product,"
			       "seller_name,seller_country,seller_reg_nr,debtor_name,debtor_country,debtor_reg_nr\n"))
		ifgw_bench_die("csv");
	for (i = 0; i < ROWS; i++) {
		int d = i % 4, ifp = i % 10 == 9;
		const char *ccy = ifp ? "EUR" : debtor_ccy[d];
		const char *seller = ifp ? ifp_entities[i % 2] : sellers[i % 3];
		const char *debtor = ifp ? "Renault SA,FR,441639465" : debtors[d];
		long amount = 1000 + (i * 7919L) % 900000;

		if (ifgw_buf_addf(b, "%s,B-%07d,2026-02-%02d,2026-04-%02d,%s,%ld%s,%s,%s,%s\n",
				  i % 25 == 24 ? "credit_note" : "invoice", i, 1 + i % 28, 1 + i % 28, ccy,
				  strcmp(ccy, "JPY") == 0 ? amount * 10 : amount, strcmp(ccy, "JPY") == 0 ? "" : ".50",
				  ifp ? "ifp" : "export", seller, debtor) != IFGW_OK)
			ifgw_bench_die("csv");
	}
}

struct run {
	const struct ifgw_config *cfg;
	struct ifgw_batcher *batcher;
	struct ifgw_outbound ob; /* unsigned: the bench measures up to the wire */
	size_t wire_bytes, messages, routed;
	double t_encode;
};

static int count_wire(void *ctx, const struct ifgw_outbound_part *part)
{
	struct run *r = ctx;

	r->wire_bytes += part->wire->len;
	r->messages++;
	return IFGW_OK;
}

/* The library's outbound path, as the outbox sender runs it. */
static int encode_batch(void *ctx, const struct ifgw_config_partner *partner, const struct ifgw_msg *m)
{
	struct run *r = ctx;
	struct ifgw_route_target t;
	double t0 = ifgw_bench_now();
	int rc;

	if ((rc = ifgw_route_target(&t, r->cfg, partner->code, m->hdr.type)) == IFGW_OK)
		rc = ifgw_outbound_run(&r->ob, &t, m, count_wire, r);
	r->t_encode += ifgw_bench_now() - t0;
	return rc;
}

static int route_one(void *ctx, const struct ifgw_ingest_doc *doc)
{
	struct run *r = ctx;
	struct ifgw_route route;
	int rc;

	if ((rc = ifgw_route_invoice(&route, r->cfg, (enum ifgw_product)doc->product, &doc->inv.seller,
				     &doc->inv.buyer)) != IFGW_OK)
		return rc;
	r->routed++;
	return ifgw_batcher_add(r->batcher, route.partner, &doc->inv);
}

/* The limit: every field boundary of the CSV found, nothing else. */
static size_t csv_scan(const char *p, size_t len)
{
	size_t fields = 0, i;
	int quoted = 0;

	for (i = 0; i < len; i++) {
		char c = p[i];

		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == ',' || c == '\n'))
			fields++;
	}
	return fields;
}

int main(void)
{
	double total[RUNS], ingest[RUNS], routeb[RUNS], encode[RUNS], scan[RUNS];
	struct ifgw_config *cfg = NULL;
	struct ifgw_buf csv, path;
	size_t wire_bytes = 0, messages = 0, fields = 0;
	int k;

	if (ifgw_global_init() != IFGW_OK)
		ifgw_bench_die("start-up");
	ifgw_clock_init("2026-03-02T09:00:00Z");
	ifgw_buf_init(&csv, 64u << 20);
	ifgw_buf_init(&path, 4096);
	make_csv(&csv);
	if (ifgw_buf_addf(&path, "%s/examples/ifgw.xml", getenv("top_srcdir") ? getenv("top_srcdir") : ".") ||
	    ifgw_config_load(&cfg, path.ptr) != IFGW_OK)
		ifgw_bench_die("configuration");
	for (k = 0; k < RUNS; k++) {
		struct ifgw_ingest *ing = NULL;
		struct run r;
		double t0, t1, t2;

		memset(&r, 0, sizeof(r));
		r.cfg = cfg;
		ifgw_outbound_init(&r.ob, NULL, 64u << 20);
		t0 = ifgw_bench_now();
		if (ifgw_ingest_new(&ing, NULL) || ifgw_ingest_add_data(ing, "bench.csv", csv.ptr, csv.len) ||
		    ifgw_ingest_check(ing))
			ifgw_bench_die("ingest");
		t1 = ifgw_bench_now();
		if (ifgw_batcher_new(&r.batcher, cfg, 0, 1, encode_batch, &r) ||
		    ifgw_ingest_each(ing, route_one, &r) || ifgw_batcher_flush(r.batcher))
			ifgw_bench_die("route, batch and encode");
		t2 = ifgw_bench_now();
		if (r.routed != ROWS)
			ifgw_bench_die("not every invoice was routed");
		total[k] = t2 - t0;
		ingest[k] = t1 - t0;
		encode[k] = r.t_encode;
		routeb[k] = t2 - t1 - r.t_encode; /* hand-out (pass 2), route and batch */
		wire_bytes = r.wire_bytes;
		messages = r.messages;
		t0 = ifgw_bench_now();
		fields += csv_scan(csv.ptr, csv.len);
		scan[k] = ifgw_bench_now() - t0;
		ifgw_batcher_free(r.batcher);
		ifgw_ingest_free(ing);
		ifgw_outbound_free(&r.ob);
	}
	{
		double t = ifgw_bench_median(total, RUNS), s = ifgw_bench_median(scan, RUNS);

		printf("bench=pipeline invoices=%d ifgw_per_s=%.0f ingest_per_s=%.0f route_batch_per_s=%.0f "
		       "encode_per_s=%.0f messages=%zu wire_mb=%.1f csv_scan_per_s=%.0f ratio_csv_scan=%.3f "
		       "goal_per_s=100000 runs=%d fields=%zu\n",
		       ROWS, ROWS / t, ROWS / ifgw_bench_median(ingest, RUNS), ROWS / ifgw_bench_median(routeb, RUNS),
		       ROWS / ifgw_bench_median(encode, RUNS), messages, (double)wire_bytes / 1e6, ROWS / s, s / t, RUNS,
		       fields / RUNS);
	}
	ifgw_config_free(cfg);
	ifgw_buf_free(&csv);
	ifgw_buf_free(&path);
	ifgw_global_cleanup();
	return 0;
}
