/* cmd_invoices.c: ifgw invoices check — validate invoice files (CSV, UBL
 * 2.1, UN/CEFACT CII) with no configuration (gateway/ingest/ingest.h).
 *
 * stdout: one line per valid document (tab-separated; an aligned table
 * when stdout is a terminal).  stderr: every problem as
 * FILE:LINE: FIELD: message.  Exit 0 only when every document is valid. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/date.h"
#include "base/error.h"
#include "currency/money.h"
#include "gateway/cli/cli.h"
#include "gateway/ingest/ingest.h"
#include "gateway/model/codes.h"

#define WHAT "invoices check"
/* Show progress for files at least this big, when stderr is a terminal. */
#define PROGRESS_MIN_BYTES (4u << 20)

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ifgw invoices check [OPTIONS] FILE...\n\n"
		"Read invoice files (CSV, UBL 2.1 Invoice/CreditNote, UN/CEFACT CII) and check every\n"
		"document; print one line per document, or every problem (FILE:LINE: FIELD: message)\n"
		"on stderr.  A file with problems is refused whole unless --skip-invalid is given.\n"
		"Exit status: 0 all valid, 1 problems found, 2 usage.\n\n"
		"Options:\n"
		"  --skip-invalid     keep the valid documents, report and skip the others\n"
		"  --charset NAME     charset of CSV files (default UTF-8; e.g. ISO-8859-1, WINDOWS-1252)\n"
		"  --delimiter D      CSV delimiter: ',' ';' or 'tab' (default: from the header line)\n"
		"  --decimal-comma    CSV amounts in locale form: 1.234,56 or 1 234,56\n"
		"  --format F         csv, ubl, cii or auto (default: auto, from the content)\n"
		"  --tsv              tab-separated output even on a terminal\n"
		"  --help             this text\n\n"
		"Output columns (tab-separated): seller country, seller, debtor country, debtor,\n"
		"number, issue date, due date, amount, currency, invoice|credit-note.\n");
}

struct out_ctx {
	int table;
};

/* Copy UTF-8 text for one output cell: control characters (tabs, line
 * breaks) become spaces; with width > 0 cut to width characters ("…") and
 * pad to width. */
static void cell(char *dst, size_t size, const char *src, size_t width)
{
	size_t n = 0, chars = 0, i, len = strlen(src), total = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)src[i] & 0xC0) != 0x80)
			total++;
	for (i = 0; i < len && n + 5 < size; i++) {
		unsigned char c = (unsigned char)src[i];

		if ((c & 0xC0) != 0x80) {
			if (width && chars + 1 == width && total > width) {
				memcpy(dst + n, "\xE2\x80\xA6", 3); /* … */
				n += 3;
				chars++;
				break;
			}
			chars++;
		}
		dst[n++] = c < 0x20 ? ' ' : (char)c;
	}
	while (width && chars < width && n + 1 < size) {
		dst[n++] = ' ';
		chars++;
	}
	dst[n] = 0;
}

static int print_doc(void *ctx, const struct ifgw_ingest_doc *doc)
{
	const struct out_ctx *o = ctx;
	const struct ifgw_invoice *inv = &doc->inv;
	char issue[IFGW_DATE_STRLEN], due[IFGW_DATE_STRLEN], amount[IFGW_MONEY_STRLEN];
	char seller[IFGW_NAME_SIZE + 8], debtor[IFGW_NAME_SIZE + 8], number[IFGW_ID_SIZE + 8];
	const char *kind = inv->doc_type == IFGW_DOC_CREDIT_NOTE ? "credit-note" : "invoice";

	ifgw_date_format(inv->issue_date, issue);
	ifgw_date_format(inv->due_date, due);
	ifgw_money_format(amount, &inv->amount);
	if (o->table) {
		cell(seller, sizeof(seller), inv->seller.name, 26);
		cell(debtor, sizeof(debtor), inv->buyer.name, 26);
		cell(number, sizeof(number), inv->number, 16);
		printf("%s %s  %s %s  %s  %s  %s  %16s %s  %s\n", inv->seller.country, seller, inv->buyer.country, debtor,
		       number, issue, due, amount, inv->amount.ccy->code, kind);
	} else {
		cell(seller, sizeof(seller), inv->seller.name, 0);
		cell(debtor, sizeof(debtor), inv->buyer.name, 0);
		cell(number, sizeof(number), inv->number, 0);
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", inv->seller.country, seller, inv->buyer.country,
		       debtor, number, issue, due, amount, inv->amount.ccy->code, kind);
	}
	return ferror(stdout) ? ifgw_error_set(IFGW_EIO, "standard output: write failed") : IFGW_OK;
}

static void progress(void *ctx, const char *file, size_t docs, size_t done, size_t total)
{
	if (total < PROGRESS_MIN_BYTES)
		return;
	fprintf(stderr, "\r%s: %zu documents, %3u%%", file, docs, (unsigned)(total ? done * 100 / total : 100));
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static void print_problems(const struct ifgw_ingest_report *r)
{
	size_t i;

	for (i = 0; i < r->n_stored; i++) {
		const struct ifgw_ingest_problem *p = &r->problems[i];

		fputs(p->file, stderr);
		if (p->line)
			fprintf(stderr, ":%u", p->line);
		if (p->field[0])
			fprintf(stderr, ": %s", p->field);
		fprintf(stderr, ": %s\n", p->message);
	}
	if (r->n_problems > r->n_stored)
		fprintf(stderr, "ifgw %s: and %zu more problems\n", WHAT, r->n_problems - r->n_stored);
}

static int parse_delimiter(char *out, const char *text)
{
	if (strcmp(text, ",") == 0 || strcmp(text, ";") == 0)
		*out = text[0];
	else if (strcmp(text, "tab") == 0 || strcmp(text, "\t") == 0 || strcmp(text, "\\t") == 0)
		*out = '\t';
	else
		return -1;
	return 0;
}

static int check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"skip-invalid", no_argument, NULL, 's'}, {"charset", required_argument, NULL, 'c'},
		{"delimiter", required_argument, NULL, 'd'}, {"decimal-comma", no_argument, NULL, 'm'},
		{"format", required_argument, NULL, 'f'}, {"tsv", no_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},     {NULL, 0, NULL, 0},
	};
	struct ifgw_ingest_options opts = {0};
	struct ifgw_ingest *ing = NULL;
	const struct ifgw_ingest_report *r;
	struct out_ctx o = {isatty(STDOUT_FILENO)};
	int c, i, rc, ret = IFGW_EXIT_FAIL;

	ifgw_cli_getopt_reset();
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			opts.skip_invalid = 1;
			break;
		case 'c':
			opts.charset = optarg;
			break;
		case 'd':
			if (parse_delimiter(&opts.delimiter, optarg) != 0)
				return ifgw_cli_usage_error(WHAT, "--delimiter '%s': want ',' ';' or 'tab'", optarg);
			break;
		case 'm':
			opts.decimal_comma = 1;
			break;
		case 'f':
			if (ifgw_ingest_format_parse(&opts.format, optarg) != IFGW_OK) {
				ifgw_error_clear();
				return ifgw_cli_usage_error(WHAT, "--format '%s': want csv, ubl, cii or auto", optarg);
			}
			break;
		case 't':
			o.table = 0;
			break;
		case 'h':
			usage(stdout);
			return IFGW_EXIT_OK;
		default:
			return ifgw_cli_usage_error(WHAT, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return ifgw_cli_usage_error(WHAT, "no FILE given");
	if (isatty(STDERR_FILENO))
		opts.progress = progress;
	if (ifgw_ingest_new(&ing, &opts) != IFGW_OK)
		return ifgw_cli_fail(WHAT);
	for (i = optind; i < argc; i++)
		if (ifgw_ingest_add_file(ing, argv[i]) != IFGW_OK) {
			ret = ifgw_cli_fail(WHAT);
			goto out;
		}
	rc = ifgw_ingest_check(ing);
	r = ifgw_ingest_report(ing);
	print_problems(r);
	if (rc != IFGW_OK) {
		if (rc == IFGW_EINVAL)
			fprintf(stderr, "ifgw %s: %s: nothing accepted (--skip-invalid keeps the valid ones)\n", WHAT,
				ifgw_error_last());
		else
			fprintf(stderr, "ifgw %s: %s\n", WHAT, ifgw_error_last());
		ifgw_error_clear();
		goto out;
	}
	if (o.table && r->n_valid)
		printf("%-29s %-29s %-16s  %-10s  %-10s  %16s %-3s  %s\n", "SELLER", "DEBTOR", "NUMBER", "ISSUED", "DUE",
		       "AMOUNT", "CCY", "TYPE");
	if (ifgw_ingest_each(ing, print_doc, &o) != IFGW_OK || fflush(stdout) != 0) {
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	if (r->n_skipped || r->n_files_failed) {
		size_t k;

		for (k = 0; k < r->n_skipped_stored; k++)
			fprintf(stderr, "%s:%u: skipped%s%s\n", r->skipped[k].file, r->skipped[k].line,
				r->skipped[k].number[0] ? " " : "", r->skipped[k].number);
		fprintf(stderr, "ifgw %s: %zu of %zu documents valid, %zu skipped%s\n", WHAT, r->n_valid,
			r->n_documents, r->n_skipped,
			r->n_files_failed ? ", and files that could not be read as invoices" : "");
		goto out;
	}
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "ifgw %s: %zu document%s, all valid\n", WHAT, r->n_valid, r->n_valid == 1 ? "" : "s");
	ret = IFGW_EXIT_OK;
out:
	ifgw_ingest_free(ing);
	return ret;
}

int ifgw_cmd_invoices(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? IFGW_EXIT_USAGE : IFGW_EXIT_OK;
	}
	if (strcmp(argv[1], "check") == 0)
		return check(argc - 1, argv + 1);
	return ifgw_cli_usage_error("invoices", "unknown subcommand '%s' (want check)", argv[1]);
}
