/* invoices_submit.c: ifgw invoices submit — invoice files into the node's
 * books: ingest and check the files, check every invoice against the node
 * (gateway/node/submit.h: seller, contract, route, debtor, books), then
 * record and assign every invoice in ONE book transaction (a seller new
 * to the books registered first, each invoice as received kept as a
 * document, the assignments queued for the partner: one batch per
 * partner, seller and currency).  Any problem with any invoice refuses the
 * whole run and changes nothing.
 *
 * stdout: one row per invoice (id, seller, debtor, partner, amount, due,
 * state), --format table|csv|json.  stderr: every problem, one line each,
 * FILE:LINE: NUMBER: why.  Exit 0 all submitted, 1 nothing submitted,
 * 2 usage. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "cli/cli.h"
#include "cli/cli_ingest.h"
#include "cli/cli_node.h"
#include "cli/cmd_invoices.h"
#include "cli/output.h"
#include "gateway/node/book.h"
#include "gateway/node/submit.h"

#define WHAT "invoices submit"

enum { OPT_CONFIG = 1, OPT_STORE, OPT_NOW, OPT_FORMAT, OPT_HELP };

static void usage(FILE *f)
{
	fprintf(f, "usage: ifgw invoices submit [OPTIONS] FILE...\n\n"
		   "Submit invoice files (CSV, UBL 2.1, UN/CEFACT CII) to the node's books: each invoice\n"
		   "must be of a seller this node factors (its configured id as the seller's number, or\n"
		   "its country and registration number), in its contract's currency and product, and\n"
		   "route to its contract's partner.  Then, in one transaction, a seller new to the\n"
		   "books is registered (with its partner: its Seller/Registration file), and every\n"
		   "invoice is recorded (as received) and assigned: the assignments are queued for the\n"
		   "partner, composed, encoded and signed, one batch per partner, seller and currency.\n"
		   "Any problem refuses the whole run: nothing changes.\n"
		   "Exit status: 0 submitted, 1 refused (every problem on stderr as FILE:LINE: NUMBER: why),\n"
		   "2 usage.\n\n"
		   "Options:\n"
		   "  --config FILE      the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG ")\n"
		   "  --store URI        this store instead of the configuration's <Store>\n" IFGW_CLI_NOW_USAGE
		   "  " IFGW_OUTPUT_FORMAT_HELP "\n"
		   "  --charset, --delimiter, --decimal-comma, --format-in F, --default-term DAYS:\n"
		   "                     as for 'ifgw invoices check' (--format-in: csv, ubl, cii, auto)\n"
		   "  --help             this text\n\n"
		   "Columns: id, seller, debtor, partner (none: domestic), amount, due, state.\n");
}

/* One problem of an invoice, on stderr: FILE:LINE: NUMBER: why. */
static void problem(void *ctx, const struct ifgw_ingest_doc *doc, const char *why)
{
	(void)ctx;
	fprintf(stderr, "ifgw %s: %s:%u: %s: %s\n", WHAT, doc->file, doc->line, doc->inv.number, why);
}

static int print_rows(const struct ifgw_submit_item *items, size_t n, enum ifgw_output_format fmt)
{
	static const struct ifgw_output_column cols[] = {
		{"id", IFGW_OUTPUT_TEXT},    {"seller", IFGW_OUTPUT_TEXT}, {"debtor", IFGW_OUTPUT_TEXT},
		{"partner", IFGW_OUTPUT_TEXT}, {"amount", IFGW_OUTPUT_MONEY}, {"due", IFGW_OUTPUT_DATE},
		{"state", IFGW_OUTPUT_TEXT},
	};
	struct ifgw_output *o = NULL;
	size_t i;
	int rc;

	if ((rc = ifgw_output_new(&o, fmt, cols, sizeof(cols) / sizeof(cols[0]))) != IFGW_OK)
		return rc;
	for (i = 0; rc == IFGW_OK && i < n; i++) {
		const struct ifgw_invoice *inv = &items[i].doc->inv;

		if ((rc = ifgw_output_text(o, inv->number)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, items[i].seller->id)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, items[i].debtor)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, items[i].contract->partner[0] ? items[i].contract->partner : NULL)) !=
			    IFGW_OK ||
		    (rc = ifgw_output_money(o, &inv->amount)) != IFGW_OK ||
		    (rc = ifgw_output_date(o, inv->due_date)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, items[i].state)) != IFGW_OK)
			break;
		rc = ifgw_output_row_end(o);
	}
	if (rc == IFGW_OK)
		rc = ifgw_output_write(o, stdout);
	ifgw_output_free(o);
	return rc;
}

/* The ingest options submit takes: those of `invoices check` but
 * --skip-invalid (a run is whole or nothing), and the input format as
 * --format-in (--format is the output's). */
enum { OPT_FORMAT_IN = 0x2000 };

enum ifgw_exit ifgw_cli_invoices_submit(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG},
		{"store", required_argument, NULL, OPT_STORE},
		{"now", required_argument, NULL, OPT_NOW},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"help", no_argument, NULL, OPT_HELP},
		{"charset", required_argument, NULL, IFGW_CLI_INGEST_OPT_CHARSET},
		{"delimiter", required_argument, NULL, IFGW_CLI_INGEST_OPT_DELIMITER},
		{"decimal-comma", no_argument, NULL, IFGW_CLI_INGEST_OPT_DECIMAL_COMMA},
		{"format-in", required_argument, NULL, OPT_FORMAT_IN},
		{"default-term", required_argument, NULL, IFGW_CLI_INGEST_OPT_DEFAULT_TERM},
		{NULL, 0, NULL, 0},
	};
	struct ifgw_ingest_options opts = {0};
	enum ifgw_output_format fmt = IFGW_OUTPUT_TABLE;
	const char *config = NULL, *store = NULL, *now_text = NULL;
	struct ifgw_ingest *ing = NULL;
	struct ifgw_ingest_doc *docs = NULL;
	struct ifgw_submit_item *items = NULL;
	struct ifgw_cli_node n;
	size_t n_docs = 0, i, problems = 0, refused = 0;
	enum ifgw_exit ret;
	int64_t now;
	int opt, in_tx = 0;

	memset(&n, 0, sizeof(n));
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_STORE:
			store = optarg;
			break;
		case OPT_NOW:
			now_text = optarg;
			break;
		case OPT_FORMAT:
			if (ifgw_output_format_parse(&fmt, optarg) != IFGW_OK)
				return ifgw_cli_fail(WHAT);
			break;
		case OPT_HELP:
			usage(stdout);
			return IFGW_EXIT_OK;
		case OPT_FORMAT_IN:
			opt = IFGW_CLI_INGEST_OPT_FORMAT;
			/* fall through */
		default:
			if (opt == '?' || !ifgw_cli_ingest_option(&opts, opt, optarg, WHAT, &ret))
				return ifgw_cli_bad_option(WHAT, argv, OPT_HELP);
			if (ret != IFGW_EXIT_OK)
				return ret;
		}
	}
	if (optind >= argc)
		return ifgw_cli_usage_error(WHAT, "no FILE given");
	if ((ret = ifgw_cli_now(&now, now_text, WHAT)) != IFGW_EXIT_OK)
		return ret;
	if (ifgw_cli_node_open(&n, config, store, 0) != IFGW_OK) {
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	if (!opts.default_term_days) /* --default-term wins over the node's DefaultTerm */
		opts.default_term_days = n.cfg->default_term_days;
	if ((ret = ifgw_cli_ingest_open(&ing, &opts, argv + optind, argc - optind, WHAT)) != IFGW_EXIT_OK) {
		fprintf(stderr, "ifgw %s: nothing submitted\n", WHAT);
		goto out;
	}
	ret = IFGW_EXIT_FAIL;
	if (ifgw_ingest_collect(&docs, &n_docs, ing) != IFGW_OK) {
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	if (n_docs && !(items = calloc(n_docs, sizeof(*items)))) {
		ifgw_error_set(IFGW_ENOMEM, "out of memory");
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	for (i = 0; i < n_docs; i++) {
		size_t found;

		ifgw_cli_ingest_notes(&docs[i]);
		found = ifgw_submit_check(&items[i], &n.nb, &docs[i], problem, NULL);
		problems += found;
		refused += found > 0;
	}
	if (problems) {
		fprintf(stderr, "ifgw %s: %zu problem%s in %zu of %zu invoice%s: nothing submitted\n", WHAT, problems,
			problems == 1 ? "" : "s", refused, n_docs, n_docs == 1 ? "" : "s");
		goto out;
	}
	if (ifgw_book_begin(&n.nb.book, now) != IFGW_OK) {
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	in_tx = 1;
	for (i = 0; i < n_docs; i++)
		if (ifgw_submit_record(&items[i], &n.nb, now) != IFGW_OK)
			break;
	if (i < n_docs) {
		ifgw_book_rollback(&n.nb.book);
		in_tx = 0;
		ret = ifgw_cli_fail(WHAT);
		fprintf(stderr, "ifgw %s: nothing submitted\n", WHAT);
		goto out;
	}
	in_tx = 0;
	if (ifgw_book_commit(&n.nb.book) != IFGW_OK) {
		ret = ifgw_cli_fail(WHAT);
		fprintf(stderr, "ifgw %s: nothing submitted\n", WHAT);
		goto out;
	}
	if (print_rows(items, n_docs, fmt) != IFGW_OK) {
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	ret = IFGW_EXIT_OK;
out:
	if (in_tx)
		ifgw_book_rollback(&n.nb.book);
	free(items);
	free(docs);
	ifgw_ingest_free(ing);
	ifgw_cli_node_close(&n);
	return ret;
}
