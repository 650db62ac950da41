/* cmd_invoices.c: ifgw invoices check — validate invoice files (CSV, UBL
 * 2.1, UN/CEFACT CII) with no configuration (gateway/ingest/ingest.h) —
 * and the family's dispatch (submit: invoices_submit.c; list, show:
 * invoices_inquiry.c).
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
#include "cli/cli.h"
#include "cli/cli_ingest.h"
#include "cli/cmd_invoices.h"
#include "gateway/ingest/ingest.h"
#include "model/codes.h"

#define WHAT "invoices check"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ifgw invoices check [OPTIONS] FILE...\n\n"
		"Read invoice files (CSV, UBL 2.1 Invoice/CreditNote, UN/CEFACT CII) and check every\n"
		"document; print one line per document, or every problem (FILE:LINE: FIELD: message)\n"
		"on stderr.  A file with problems is refused whole unless --skip-invalid is given.\n"
		"Exit status: 0 all valid, 1 problems found, 2 usage.\n\n"
		"Options:\n"
		IFGW_CLI_INGEST_USAGE
		"  --tsv              tab-separated output even on a terminal\n"
		"  --ids              add the parties' identifiers, as checked and normalised\n"
		"  --help             this text\n\n"
		"Output columns (tab-separated): seller country, seller, debtor country, debtor,\n"
		"number, issue date, due date, amount, currency, invoice|credit-note; with --ids then\n"
		"the seller's id (BT-29), registration number (BT-30) and VAT number (BT-31), and the\n"
		"debtor's (BT-46, BT-47, BT-48), '-' when absent.  A due date the\n"
		"document does not give but its payment terms or --default-term do is noted on stderr:\n"
		"FILE:LINE: NUMBER: due date DATE derived: N days after the issue date, from ...\n"
		"A party identifier accepted without a check of ours (a scheme or VAT prefix we have\n"
		"no rule for) is noted on stderr too, one line each:\n"
		"FILE:LINE: NUMBER: BT-xx FIELD (scheme SCHEME): why\n");
}

struct out_ctx {
	int table;
	int ids; /* --ids */
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

/* --ids: the parties' identifiers after the usual columns ('-' when absent). */
static void print_ids(const struct ifgw_invoice *inv, const char *sep)
{
	const char *v[6];
	char c[IFGW_ID_SIZE + 8];
	size_t i;

	v[0] = inv->seller.nr;
	v[1] = inv->seller.reg_nr;
	v[2] = inv->seller.vat_nr;
	v[3] = inv->buyer.nr;
	v[4] = inv->buyer.reg_nr;
	v[5] = inv->buyer.vat_nr;
	for (i = 0; i < 6; i++) {
		cell(c, sizeof(c), v[i][0] ? v[i] : "-", 0);
		printf("%s%s", sep, c);
	}
}

static int print_doc(void *ctx, const struct ifgw_ingest_doc *doc)
{
	const struct out_ctx *o = ctx;
	const struct ifgw_invoice *inv = &doc->inv;
	char issue[IFGW_DATE_STRLEN], due[IFGW_DATE_STRLEN], amount[IFGW_MONEY_STRLEN];
	char seller[IFGW_NAME_SIZE + 8], debtor[IFGW_NAME_SIZE + 8], number[IFGW_ID_SIZE + 8];
	const char *kind = inv->doc_type == IFGW_DOC_CREDIT_NOTE ? "credit-note" : "invoice";

	ifgw_cli_ingest_notes(doc);
	ifgw_date_format(inv->issue_date, issue);
	ifgw_date_format(inv->due_date, due);
	ifgw_money_format(amount, &inv->amount);
	if (o->table) {
		cell(seller, sizeof(seller), inv->seller.name, 26);
		cell(debtor, sizeof(debtor), inv->buyer.name, 26);
		cell(number, sizeof(number), inv->number, 16);
		printf("%s %s  %s %s  %s  %s  %s  %16s %s  %-*s", inv->seller.country, seller, inv->buyer.country, debtor,
		       number, issue, due, amount, inv->amount.ccy->code, o->ids ? 11 : 0, kind);
		if (o->ids)
			print_ids(inv, "  ");
		putchar('\n');
	} else {
		cell(seller, sizeof(seller), inv->seller.name, 0);
		cell(debtor, sizeof(debtor), inv->buyer.name, 0);
		cell(number, sizeof(number), inv->number, 0);
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", inv->seller.country, seller, inv->buyer.country,
		       debtor, number, issue, due, amount, inv->amount.ccy->code, kind);
		if (o->ids)
			print_ids(inv, "\t");
		putchar('\n');
	}
	return ferror(stdout) ? ifgw_error_set(IFGW_EIO, "standard output: write failed") : IFGW_OK;
}

enum { OPT_TSV = 1, OPT_IDS, OPT_HELP };

static enum ifgw_exit check(int argc, char **argv)
{
	static const struct option longopts[] = {
		IFGW_CLI_INGEST_LONGOPTS,
		{"tsv", no_argument, NULL, OPT_TSV},
		{"ids", no_argument, NULL, OPT_IDS},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	struct ifgw_ingest_options opts = {0};
	struct ifgw_ingest *ing = NULL;
	const struct ifgw_ingest_report *r;
	struct out_ctx o = {isatty(STDOUT_FILENO), 0};
	enum ifgw_exit ret = IFGW_EXIT_FAIL;
	int c;

	ifgw_cli_getopt_reset();
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_TSV:
			o.table = 0;
			break;
		case OPT_IDS:
			o.ids = 1;
			break;
		case OPT_HELP:
			usage(stdout);
			return IFGW_EXIT_OK;
		case '?':
			return ifgw_cli_bad_option(WHAT, argv, OPT_HELP);
		default:
			if (!ifgw_cli_ingest_option(&opts, c, optarg, WHAT, &ret))
				return ifgw_cli_bad_option(WHAT, argv, OPT_HELP);
			if (ret != IFGW_EXIT_OK)
				return ret;
		}
	}
	if (optind >= argc)
		return ifgw_cli_usage_error(WHAT, "no FILE given");
	if ((ret = ifgw_cli_ingest_open(&ing, &opts, argv + optind, argc - optind, WHAT)) != IFGW_EXIT_OK)
		return ret;
	ret = IFGW_EXIT_FAIL;
	r = ifgw_ingest_report(ing);
	if (o.table && r->n_valid)
		printf("%-30s %-30s %-16s  %-10s  %-10s  %16s %-3s  %-*s%s\n", "SELLER", "DEBTOR", "NUMBER", "ISSUED", "DUE",
		       "AMOUNT", "CCY", o.ids ? 11 : 0, "TYPE", o.ids ? "  SELLER ID  REG  VAT  DEBTOR ID  REG  VAT" : "");
	if (ifgw_ingest_each(ing, print_doc, &o) != IFGW_OK || fflush(stdout) != 0) {
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	if (ifgw_cli_ingest_report_skipped(ing, WHAT))
		goto out;
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "ifgw %s: %zu document%s, all valid\n", WHAT, r->n_valid, r->n_valid == 1 ? "" : "s");
	ret = IFGW_EXIT_OK;
out:
	ifgw_ingest_free(ing);
	return ret;
}

static const struct ifgw_cli_subcommand subcommands[] = {
	{"check", check, "check invoice files (CSV, UBL, CII) and list their documents"},
	{"submit", ifgw_cli_invoices_submit, "record invoice files in the node's books and assign them"},
	{"list", ifgw_cli_invoices_list, "the invoices in the node's books (filters: state, partner, seller)"},
	{"show", ifgw_cli_invoices_show, "one invoice: state, figures, history, letters"},
};

enum ifgw_exit ifgw_cmd_invoices(int argc, char **argv)
{
	static const char intro[] = "Invoice files (CSV exports, UBL 2.1 and UN/CEFACT CII e-invoices) and the invoices\n"
				    "in the node's books.";

	return ifgw_cli_dispatch("invoices", intro, subcommands, sizeof(subcommands) / sizeof(subcommands[0]), argc,
				 argv);
}
