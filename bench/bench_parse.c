/* bench_parse.c: what one input costs ifgw_xml_parse() (base/xml.h), the
 * worst shapes an attacker can send beside a normal message of the same
 * size, in one run (issue 9: no input under the 16 MiB cap may cost more
 * than 10 times a normal message of its size).
 *
 * For each size (1 MiB and 15 MiB), every shape is filled to that size:
 *
 *   normal        an invoice batch: elements with a namespace prefix, an
 *                 attribute or two, short texts and an entity reference
 *   attrs_max     elements of 64 attributes each (the limit)
 *   attrs_samename 64 attributes of one local name through 64 prefixes
 *   ns_max        elements of 64 namespace declarations each (the limit)
 *   ns_scope      128 declarations in scope, then prefixed elements and
 *                 attributes whose prefix is the oldest (longest look-up)
 *   deep          nesting to 128, again and again
 *   long_names    names of 1000 bytes
 *   long_text     one text node (up to the 10 MB limit), then normal
 *   elements      <a/> to the element limit
 *   attrs_100k / ns_100k / deep_10k   over a limit: the time to refuse
 *
 * Each is parsed BENCH_PARSE_ROUNDS times (default 5), shapes interleaved,
 * timed in CPU seconds of the thread (the machine is shared); one line a
 * shape (median, ratio to normal), then the worst.  BENCH_PARSE_MIB=N runs
 * one size only; BENCH_PARSE_WHY=1 prints each refusal on stderr.  Past
 * 10 MB libxml2 itself refuses some shapes ("Huge input lookup", its limit
 * without XML_PARSE_HUGE): those are timed to that refusal.
 *
 *   bench=parse size=.. shape=.. bytes=.. outcome=ok|refused seconds=.. ratio_normal=..
 *   bench=parse_worst size=.. shape=.. ratio_normal=.. goal=10 within_goal=yes|no */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/xml.h"
#include "bench/bench_util.h"
#include "gateway/node/global.h"

#define MAX_ROUNDS 21
#define GOAL 10.0

enum shape {
	S_NORMAL,
	S_ATTRS,
	S_ATTRS_SAME,
	S_NS,
	S_NS_SCOPE,
	S_DEEP,
	S_NAMES,
	S_TEXT,
	S_ELEMENTS,
	S_ATTRS_100K,
	S_NS_100K,
	S_DEEP_10K,
	S_COUNT
};

static const char *const shape_names[S_COUNT] = {
	"normal",     "attrs_max", "attrs_samename", "ns_max",     "ns_scope", "deep",
	"long_names", "long_text", "elements",       "attrs_100k", "ns_100k",  "deep_10k",
};

static void add(struct ifgw_buf *b, const char *s)
{
	if (ifgw_buf_addstr(b, s) != IFGW_OK)
		ifgw_bench_die("building a document");
}

static void addf(struct ifgw_buf *b, const char *fmt, ...) IFGW_PRINTF(2, 3);

static void addf(struct ifgw_buf *b, const char *fmt, ...)
{
	char line[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	add(b, line);
}

static void repeat(struct ifgw_buf *b, char c, size_t n)
{
	while (n-- > 0)
		if (ifgw_buf_addc(b, c) != IFGW_OK)
			ifgw_bench_die("building a document");
}

/* One invoice of the normal batch (about 400 bytes). */
static void normal_item(struct ifgw_buf *b, unsigned long i)
{
	addf(b,
	     "<inv:Invoice id=\"i%lu\">\n  <cbc:DocNr schemeID=\"FR\">INV-2026-%06lu</cbc:DocNr>\n"
	     "  <cbc:DocAmt currencyID=\"EUR\">%lu.50</cbc:DocAmt>\n  <cbc:IssueDate>2026-03-01</cbc:IssueDate>\n"
	     "  <cac:Debtor><cbc:Name>M&amp;A Handels GmbH</cbc:Name><cbc:Country>DE</cbc:Country></cac:Debtor>\n"
	     "  <cbc:Note>Zahlbar innerhalb 30 Tagen, caf\xc3\xa9 %lu</cbc:Note>\n</inv:Invoice>\n",
	     i, i, 1000 + i % 9000, i);
}

static void normal_open(struct ifgw_buf *b)
{
	add(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<inv:Batch xmlns:inv=\"urn:ifgw:bench:inv\" "
	       "xmlns:cbc=\"urn:ifgw:bench:cbc\" xmlns:cac=\"urn:ifgw:bench:cac\">\n");
}

/* The document of shape sh, about `size` bytes (never over it). */
static void build(struct ifgw_buf *b, enum shape sh, size_t size)
{
	const char *close = "</r>";
	size_t room = size - 64;
	unsigned long i = 0;
	unsigned k;

	b->len = 0;
	switch (sh) {
	case S_NORMAL:
	case S_TEXT:
		normal_open(b);
		close = "</inv:Batch>";
		if (sh == S_TEXT) {
			size_t n = room / 2 < IFGW_XML_MAX_TEXT ? room / 2 : IFGW_XML_MAX_TEXT;

			add(b, "<cbc:Attachment>");
			repeat(b, 'Q', n);
			add(b, "</cbc:Attachment>\n");
		}
		while (b->len + 512 < room)
			normal_item(b, i++);
		break;
	case S_ATTRS:
		add(b, "<r>\n");
		while (b->len + 1024 < room) {
			add(b, "<e");
			for (k = 0; k < IFGW_XML_MAX_ATTRS; k++)
				addf(b, " a%u=\"v\"", k);
			add(b, "/>\n");
		}
		break;
	case S_ATTRS_SAME:
		add(b, "<r");
		for (k = 0; k < IFGW_XML_MAX_NS; k++)
			addf(b, " xmlns:p%u=\"urn:ifgw:%u\"", k, k);
		add(b, ">\n");
		while (b->len + 1024 < room) {
			add(b, "<e");
			for (k = 0; k < IFGW_XML_MAX_ATTRS; k++)
				addf(b, " p%u:k=\"v\"", k);
			add(b, "/>\n");
		}
		break;
	case S_NS:
		add(b, "<r>\n");
		while (b->len + 2048 < room) {
			add(b, "<e");
			for (k = 0; k < IFGW_XML_MAX_NS; k++)
				addf(b, " xmlns:p%u=\"urn:%u\"", k, k);
			add(b, "/>\n");
		}
		break;
	case S_NS_SCOPE: {
		unsigned levels = IFGW_XML_MAX_NS_IN_SCOPE / IFGW_XML_MAX_NS, l;

		for (l = 0; l < levels; l++) {
			add(b, "<r");
			for (k = 0; k < IFGW_XML_MAX_NS; k++)
				addf(b, " xmlns:p%u_%u=\"urn:%u:%u\"", l, k, l, k);
			add(b, ">\n");
		}
		while (b->len + 1024 < room) {
			add(b, "<p0_0:e");
			for (k = 0; k < IFGW_XML_MAX_ATTRS; k++)
				addf(b, " p0_0:a%u=\"v\"", k);
			add(b, "/>\n");
		}
		for (l = 1; l < levels; l++)
			add(b, "</r>");
		break;
	}
	case S_DEEP:
		add(b, "<r>\n");
		while (b->len + 2048 < room) {
			for (k = 1; k < IFGW_XML_MAX_DEPTH_DEFAULT; k++)
				add(b, "<d>");
			for (k = 1; k < IFGW_XML_MAX_DEPTH_DEFAULT; k++)
				add(b, "</d>");
			add(b, "\n");
		}
		break;
	case S_NAMES:
		add(b, "<r>\n");
		while (b->len + 4096 < room) {
			add(b, "<");
			repeat(b, 'n', IFGW_XML_MAX_NAME - 8);
			addf(b, "%07lu ", i % 10000000);
			repeat(b, 'a', IFGW_XML_MAX_NAME);
			add(b, "=\"v\"/>\n");
			i++;
		}
		break;
	case S_ELEMENTS:
		add(b, "<r>\n");
		while (b->len + 16 < room && i++ < IFGW_XML_MAX_ELEMENTS - 1)
			add(b, "<a/>");
		break;
	case S_ATTRS_100K:
		add(b, "<r");
		for (i = 0; i < 100000; i++)
			addf(b, " a%lu=\"\"", i);
		add(b, ">");
		break;
	case S_NS_100K:
		add(b, "<r");
		for (i = 0; i < 100000; i++)
			addf(b, " xmlns:p%lu=\"urn:x\"", i);
		add(b, ">");
		break;
	case S_DEEP_10K:
		add(b, "<r>");
		for (i = 0; i < 10000; i++)
			add(b, "<d>");
		close = "";
		break;
	case S_COUNT:
		break;
	}
	add(b, close);
	add(b, "\n");
}

/* CPU seconds of this thread: the machine is shared, and the ratio is
 * about work, not about who else ran meanwhile. */
static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds to parse b once; *refused set when the parse refused it. */
static double parse_once(const struct ifgw_buf *b, int *refused)
{
	struct ifgw_error kept;
	xmlDoc *doc = NULL;
	double t0 = cpu_now(), t;
	int rc;

	ifgw_error_save(&kept);
	rc = ifgw_xml_parse(&doc, b->ptr, b->len, "bench.xml", NULL);
	t = cpu_now() - t0;
	xmlFreeDoc(doc);
	*refused = rc != IFGW_OK;
	if (rc != IFGW_OK && getenv("BENCH_PARSE_WHY"))
		fprintf(stderr, "%s\n", ifgw_error_last());
	ifgw_error_restore(&kept);
	return t;
}

static void run_size(size_t size, int rounds)
{
	struct ifgw_buf docs[S_COUNT];
	double t[S_COUNT][MAX_ROUNDS], med[S_COUNT], worst = 0;
	int refused[S_COUNT], r, s, worst_s = 0;

	for (s = 0; s < S_COUNT; s++) {
		ifgw_buf_init(&docs[s], (size_t)17 << 20);
		build(&docs[s], (enum shape)s, size);
	}
	for (r = 0; r < rounds; r++)
		for (s = 0; s < S_COUNT; s++)
			t[s][r] = parse_once(&docs[s], &refused[s]);
	if (refused[S_NORMAL])
		ifgw_bench_die("the normal message was refused");
	for (s = 0; s < S_COUNT; s++) {
		double ratio;

		med[s] = ifgw_bench_median(t[s], rounds);
		ratio = med[s] / med[S_NORMAL];
		printf("bench=parse size=%zu shape=%s bytes=%zu outcome=%s seconds=%.4f ratio_normal=%.2f\n", size,
		       shape_names[s], docs[s].len, refused[s] ? "refused" : "ok", med[s], ratio);
		if (ratio > worst) {
			worst = ratio;
			worst_s = s;
		}
	}
	printf("bench=parse_worst size=%zu shape=%s ratio_normal=%.2f goal=%.0f within_goal=%s rounds=%d "
	       "stat=median\n",
	       size, shape_names[worst_s], worst, GOAL, worst <= GOAL ? "yes" : "no", rounds);
	fflush(stdout);
	for (s = 0; s < S_COUNT; s++)
		ifgw_buf_free(&docs[s]);
}

int main(void)
{
	const char *e = getenv("BENCH_PARSE_ROUNDS"), *mib = getenv("BENCH_PARSE_MIB");
	long rounds = e && *e ? strtol(e, NULL, 10) : 5;

	if (rounds < 1 || rounds > MAX_ROUNDS)
		rounds = 5;
	if (ifgw_global_init() != IFGW_OK)
		ifgw_bench_die("start-up");
	if (mib && *mib) {
		long m = strtol(mib, NULL, 10);

		run_size((size_t)(m >= 1 && m <= 15 ? m : 1) << 20, (int)rounds);
	} else {
		run_size((size_t)1 << 20, (int)rounds);
		run_size((size_t)15 << 20, (int)rounds);
	}
	ifgw_global_cleanup();
	return 0;
}
