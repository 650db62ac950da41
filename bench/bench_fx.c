/* bench_fx.c: ECB history parse time and conversions per second.
 *
 * Prints one key=value line per figure (see bench/local.mk):
 *   bench=fx_history_parse_csv  the shipped 27-year CSV history
 *   bench=fx_history_parse_xml  the same history as ECB-shaped gesmes XML,
 *                               generated in memory; peer: libxml2 building
 *                               a DOM tree of the same bytes
 *   bench=fx_convert            ifgw_money_convert (look-up included) on one
 *                               core; ifgw with the rates resolved once; and
 *                               a naive double implementation of the same
 *                               conversion in the same run.  double is
 *                               allowed here only, as the reference: the
 *                               line also counts how often it is wrong.
 * Each figure is the median of several runs (runs=N). */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/datadir.h"
#include "base/date.h"
#include "base/error.h"
#include "bench/bench_util.h"
#include "base/file.h"
#include "currency/convert.h"
#include "currency/iso4217.h"
#include "currency/money.h"
#include "currency/rates.h"
#include "gateway/node/global.h"

#define RUNS 7
#define CASES 4096          /* prepared conversions, cycled through */
#define CONVERSIONS 8000000 /* per timed run */

/* Deterministic PRNG (xorshift64*). */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ull;
}

/* The whole rate set as ECB's eurofxref-hist.xml: declaration, envelope,
 * header and the newest date on line 1, then one line per date, newest first. */
static void history_as_xml(struct ifgw_buf *out, const struct ifgw_rateset *rs)
{
	struct ifgw_rate_entry e[IFGW_RATESET_MAX_CURRENCIES];
	char date[IFGW_DATE_STRLEN], rate[IFGW_RATE_STRLEN];
	size_t i, j, n;
	int32_t pub;
	int rc = 0;

	rc |= ifgw_buf_addstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><gesmes:Envelope "
				   "xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" "
				   "xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\">"
				   "<gesmes:subject>Reference rates</gesmes:subject><gesmes:Sender>"
				   "<gesmes:name>European Central Bank</gesmes:name></gesmes:Sender><Cube>");
	for (i = ifgw_rateset_date_count(rs); i-- > 0;) {
		int32_t d = ifgw_rateset_date_at(rs, i);

		if (ifgw_rateset_list(e, IFGW_RATESET_MAX_CURRENCIES, &n, &pub, rs, d, 0) != IFGW_OK)
			ifgw_bench_die("list");
		ifgw_date_format(d, date);
		rc |= ifgw_buf_addf(out, "<Cube time=\"%s\">", date);
		for (j = 0; j < n; j++) {
			ifgw_rate_format(rate, &e[j].per_eur);
			rc |= ifgw_buf_addf(out, "<Cube currency=\"%s\" rate=\"%s\"/>", e[j].ccy->code, rate);
		}
		rc |= ifgw_buf_addstr(out, i ? "</Cube>\n" : "</Cube></Cube></gesmes:Envelope>");
	}
	if (rc)
		ifgw_bench_die("xml");
}

static double time_load(const char *data, size_t len, const char *name, size_t *dates)
{
	struct ifgw_rateset *rs = NULL;
	double t0 = ifgw_bench_now(), t;

	if (ifgw_rateset_load_memory(&rs, data, len, name) != IFGW_OK)
		ifgw_bench_die(name);
	t = ifgw_bench_now() - t0;
	*dates = ifgw_rateset_date_count(rs);
	ifgw_rateset_free(rs);
	return t;
}

static void bench_parse(const struct ifgw_buf *csv, struct ifgw_rateset **hist)
{
	struct ifgw_buf xml;
	double ms[RUNS], dom[RUNS];
	size_t dates = 0;
	int i;

	for (i = 0; i < RUNS; i++)
		ms[i] = time_load(csv->ptr, csv->len, "csv", &dates) * 1e3;
	printf("bench=fx_history_parse_csv ifgw_ms=%.2f dates=%zu bytes=%zu mb_per_s=%.1f runs=%d\n", ifgw_bench_median(ms, RUNS),
	       dates, csv->len, (double)csv->len / 1e6 / (ifgw_bench_median(ms, RUNS) / 1e3), RUNS);
	if (ifgw_rateset_load_memory(hist, csv->ptr, csv->len, "csv") != IFGW_OK)
		ifgw_bench_die("csv");
	ifgw_buf_init(&xml, IFGW_RATES_MAX_FILE);
	history_as_xml(&xml, *hist);
	for (i = 0; i < RUNS; i++) {
		double t0;
		xmlDocPtr doc;

		ms[i] = time_load(xml.ptr, xml.len, "xml", &dates) * 1e3;
		t0 = ifgw_bench_now();
		doc = xmlReadMemory(xml.ptr, (int)xml.len, "xml", NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
		dom[i] = (ifgw_bench_now() - t0) * 1e3;
		if (!doc)
			ifgw_bench_die("libxml2 DOM parse");
		xmlFreeDoc(doc);
	}
	printf("bench=fx_history_parse_xml ifgw_ms=%.2f libxml2_dom_ms=%.2f ratio_dom=%.2f dates=%zu bytes=%zu runs=%d\n",
	       ifgw_bench_median(ms, RUNS), ifgw_bench_median(dom, RUNS), ifgw_bench_median(ms, RUNS) / ifgw_bench_median(dom, RUNS), dates, xml.len, RUNS);
	ifgw_buf_free(&xml);
}

struct fx_case {
	struct ifgw_money amount;
	const struct ifgw_currency *to;
	int32_t as_of;
	struct ifgw_rate from_rate, to_rate; /* resolved once, for the hot-path figure */
	double from_d, to_d;                 /* the same, as double, for the naive peer */
	int64_t expect;                      /* ifgw's answer */
};

/* The naive version everybody writes first: scale, multiply, round. */
static int64_t convert_double(int64_t minor, int from_minor, int to_minor, double from_rate, double to_rate)
{
	static const double p10[] = { 1, 10, 100, 1000, 10000 };

	return llround((double)minor / p10[from_minor] / from_rate * to_rate * p10[to_minor]);
}

static void bench_convert(const struct ifgw_rateset *rs)
{
	static const char *const codes[] = { "EUR", "USD", "JPY", "GBP", "CHF", "SEK", "NOK", "DKK",
					     "PLN", "CZK", "HUF", "TRY", "CNY", "HKD", "SGD", "AUD",
					     "CAD", "NZD", "ZAR", "KRW", "INR", "IDR", "MXN", "BRL" };
	const size_t ncodes = sizeof(codes) / sizeof(codes[0]);
	struct ifgw_convert_options opt = IFGW_CONVERT_OPTIONS_INIT;
	struct fx_case *cases = calloc(CASES, sizeof(*cases));
	double full[RUNS], resolved[RUNS], dbl[RUNS];
	int32_t first, last;
	uint64_t sum_full = 0, sum_resolved = 0, sum_double = 0;
	size_t i, wrong = 0;
	int r;

	if (!cases)
		ifgw_bench_die("memory");
	/* Dates from 2010 (every listed currency quoted) to the file's end. */
	if (ifgw_date_from_ymd(&first, 2010, 1, 1) != IFGW_OK)
		ifgw_bench_die("date");
	last = ifgw_rateset_last_date(rs);
	opt.max_age_days = IFGW_RATES_MAX_AGE_NONE;
	for (i = 0; i < CASES; i++) {
		struct fx_case *c = &cases[i];
		struct ifgw_conversion conv;
		size_t f = rng() % ncodes, t = rng() % ncodes;

		if (t == f)
			t = (t + 1) % ncodes;
		c->amount.ccy = ifgw_currency_find(codes[f]);
		c->to = ifgw_currency_find(codes[t]);
		/* 1 minor unit to 10^10 major units, both signs, every magnitude. */
		c->amount.minor = (int64_t)(rng() % 1000000000000ull) >> (rng() % 40);
		if (rng() & 1)
			c->amount.minor = -c->amount.minor;
		c->as_of = first + (int32_t)(rng() % (uint64_t)(last - first + 1));
		if (ifgw_money_convert(&conv, rs, &c->amount, c->to, c->as_of, &opt) != IFGW_OK)
			ifgw_bench_die("convert");
		c->from_rate = conv.from_per_eur;
		c->to_rate = conv.to_per_eur;
		c->from_d = (double)c->from_rate.value / pow(10, c->from_rate.scale);
		c->to_d = (double)c->to_rate.value / pow(10, c->to_rate.scale);
		c->expect = conv.result.minor;
		if (convert_double(c->amount.minor, c->amount.ccy->minor_units, c->to->minor_units, c->from_d, c->to_d) !=
		    c->expect)
			wrong++;
	}
	for (r = 0; r < RUNS; r++) {
		double t0;
		size_t k;

		t0 = ifgw_bench_now();
		for (k = 0; k < CONVERSIONS; k++) {
			const struct fx_case *c = &cases[k & (CASES - 1)];
			struct ifgw_conversion conv;

			if (ifgw_money_convert(&conv, rs, &c->amount, c->to, c->as_of, &opt) != IFGW_OK)
				ifgw_bench_die("convert");
			sum_full += (uint64_t)conv.result.minor + (uint64_t)conv.rate_date;
		}
		full[r] = CONVERSIONS / (ifgw_bench_now() - t0);

		t0 = ifgw_bench_now();
		for (k = 0; k < CONVERSIONS; k++) {
			const struct fx_case *c = &cases[k & (CASES - 1)];
			struct ifgw_money out;

			if (ifgw_money_convert_rates(&out, &c->amount, c->to, &c->from_rate, &c->to_rate,
						     IFGW_ROUND_HALF_EVEN) != IFGW_OK)
				ifgw_bench_die("convert_rates");
			sum_resolved += (uint64_t)out.minor;
		}
		resolved[r] = CONVERSIONS / (ifgw_bench_now() - t0);

		t0 = ifgw_bench_now();
		for (k = 0; k < CONVERSIONS; k++) {
			const struct fx_case *c = &cases[k & (CASES - 1)];

			sum_double += (uint64_t)convert_double(c->amount.minor, c->amount.ccy->minor_units,
							       c->to->minor_units, c->from_d, c->to_d);
		}
		dbl[r] = CONVERSIONS / (ifgw_bench_now() - t0);
	}
	printf("bench=fx_convert ifgw_per_s=%.0f ifgw_resolved_per_s=%.0f double_per_s=%.0f ratio_double=%.2f "
	       "ratio_resolved_double=%.2f goal_per_s=20000000 double_wrong=%zu/%d runs=%d checksum=%llx\n",
	       ifgw_bench_median(full, RUNS), ifgw_bench_median(resolved, RUNS), ifgw_bench_median(dbl, RUNS), ifgw_bench_median(full, RUNS) / ifgw_bench_median(dbl, RUNS),
	       ifgw_bench_median(resolved, RUNS) / ifgw_bench_median(dbl, RUNS), wrong, CASES, RUNS,
	       (unsigned long long)(sum_full ^ (sum_resolved << 1) ^ (sum_double << 2)));
	free(cases);
}

int main(void)
{
	struct ifgw_rateset *hist = NULL;
	struct ifgw_buf path, csv;

	if (ifgw_global_init() != IFGW_OK)
		ifgw_bench_die("start-up");
	ifgw_buf_init(&path, 4096);
	ifgw_buf_init(&csv, IFGW_RATES_MAX_FILE);
	if (ifgw_datadir_find(&path, IFGW_RATES_DEFAULT_FILE) != IFGW_OK || ifgw_file_read(&csv, path.ptr) != IFGW_OK)
		ifgw_bench_die("rates file");
	bench_parse(&csv, &hist);
	bench_convert(hist);
	ifgw_rateset_free(hist);
	ifgw_buf_free(&csv);
	ifgw_buf_free(&path);
	ifgw_global_cleanup();
	return 0;
}
