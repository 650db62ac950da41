/* cmd_route.c: ifgw route --explain — where each invoice of a file would go
 * under the node's routing table, and why (gateway/route/route.h).
 *
 * stdout: one tab-separated line per document: FILE:LINE, number, product,
 * debtor country, partner (or "home"), adapter, charset, explanation; a
 * document with no route has "-" in the partner columns and the reason.
 * Exit 0 when every document has a route, 1 otherwise, 2 on usage. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "cli/cli.h"
#include "cli/cli_ingest.h"
#include "config/node_config.h"
#include "gateway/route/route.h"

#define WHAT "route"

enum { OPT_EXPLAIN = 1, OPT_CONFIG, OPT_STORE, OPT_PRODUCT, OPT_HELP };

static void usage(FILE *f)
{
	fprintf(f, "usage: ifgw route --explain [OPTIONS] FILE...\n\n"
		   "Read invoice files (CSV, UBL 2.1, UN/CEFACT CII) and print, for each document, the\n"
		   "factor it goes to under this node's routing table, the wire format and charset, and why.\n"
		   "Exit status: 0 every document has a route, 1 some have none (or the files have\n"
		   "problems), 2 usage.\n\n"
		   "Options:\n"
		   "  --explain          print the decision for each document (required for now)\n"
		   "  --config FILE      the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG ")\n"
		   "  --store URI        override the configuration's store\n"
		   "  --product P        export, ifp, classic or confidential, for documents whose file\n"
		   "                     gives none (default: export when the debtor is abroad, else "
		   "classic)\n" IFGW_CLI_INGEST_USAGE "  --help             this text\n\n"
		   "Columns: FILE:LINE, number, product, debtor country, partner or 'home', adapter,\n"
		   "charset, explanation.\n");
}

struct explain_ctx {
	const struct ifgw_config *cfg;
	int product; /* --product, or -1 */
	size_t documents;
	size_t refused;
};

static int explain_one(void *arg, const struct ifgw_ingest_doc *doc)
{
	struct explain_ctx *x = arg;
	const struct ifgw_invoice *inv = &doc->inv;
	enum ifgw_product product;
	const char *source = "";
	struct ifgw_route r;

	ifgw_cli_ingest_notes(doc);
	if (doc->product != IFGW_INGEST_NO_PRODUCT) {
		product = (enum ifgw_product)doc->product;
	} else if (x->product >= 0) {
		product = (enum ifgw_product)x->product;
		source = " [product from --product]";
	} else {
		int abroad = strcmp(inv->buyer.country, x->cfg->country) != 0;

		product = abroad ? IFGW_PRODUCT_EXPORT : IFGW_PRODUCT_CLASSIC;
		source = abroad ? " [product inferred: debtor abroad]" : " [product inferred: domestic debtor]";
	}
	x->documents++;
	printf("%s:%u\t%s\t%s\t%s\t", doc->file, doc->line, inv->number, ifgw_product_name(product),
	       inv->buyer.country[0] ? inv->buyer.country : "-");
	if (ifgw_route_invoice(&r, x->cfg, product, &inv->seller, &inv->buyer) != IFGW_OK) {
		printf("-\t-\t-\trefused: %s%s\n", ifgw_error_last(), source);
		ifgw_error_clear();
		x->refused++;
	} else if (r.home) {
		printf("home\t-\t-\t%s%s\n", r.why, source);
	} else {
		printf("%s\t%s\t%s\t%s%s\n", r.partner->code, r.adapter, r.charset, r.why, source);
	}
	return ferror(stdout) ? ifgw_error_set(IFGW_EIO, "standard output: write failed") : IFGW_OK;
}

enum ifgw_exit ifgw_cmd_route(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"explain", no_argument, NULL, OPT_EXPLAIN},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"store", required_argument, NULL, OPT_STORE},
		{"product", required_argument, NULL, OPT_PRODUCT},
		{"help", no_argument, NULL, OPT_HELP},
		IFGW_CLI_INGEST_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	struct ifgw_ingest_options opts = {0};
	struct explain_ctx x = {NULL, -1, 0, 0};
	struct ifgw_config *cfg = NULL;
	struct ifgw_ingest *ing = NULL;
	const char *config = IFGW_CLI_DEFAULT_CONFIG, *store = ifgw_cli_store(); /* the global --store, unless the command's */
	enum ifgw_exit ret;
	int explain = 0, opt;

	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_EXPLAIN:
			explain = 1;
			break;
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_STORE:
			store = optarg;
			break;
		case OPT_PRODUCT: {
			enum ifgw_product p;

			if (ifgw_product_parse(&p, optarg) != IFGW_OK) {
				ifgw_error_clear();
				return ifgw_cli_usage_error(
					WHAT, "--product '%s': want export, ifp, classic or confidential", optarg);
			}
			x.product = (int)p;
			break;
		}
		case OPT_HELP:
			usage(stdout);
			return IFGW_EXIT_OK;
		case '?':
			return ifgw_cli_bad_option(WHAT, argv, OPT_HELP);
		default:
			if (!ifgw_cli_ingest_option(&opts, opt, optarg, WHAT, &ret))
				return ifgw_cli_bad_option(WHAT, argv, OPT_HELP);
			if (ret != IFGW_EXIT_OK)
				return ret;
		}
	}
	if (!explain)
		return ifgw_cli_usage_error(
			WHAT, "give --explain (routing invoices for real comes with the gateway service)");
	if (optind >= argc)
		return ifgw_cli_usage_error(WHAT, "no FILE given");
	if (ifgw_config_load(&cfg, config) != IFGW_OK || (store && ifgw_config_set_store(cfg, store) != IFGW_OK)) {
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	x.cfg = cfg;
	if (!opts.default_term_days) /* --default-term wins over the node's DefaultTerm */
		opts.default_term_days = cfg->default_term_days;
	if ((ret = ifgw_cli_ingest_open(&ing, &opts, argv + optind, argc - optind, WHAT)) != IFGW_EXIT_OK)
		goto out;
	if (ifgw_ingest_each(ing, explain_one, &x) != IFGW_OK || fflush(stdout) != 0) {
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	ret = ifgw_cli_ingest_report_skipped(ing, WHAT) ? IFGW_EXIT_FAIL : IFGW_EXIT_OK;
	if (x.refused) {
		fprintf(stderr, "ifgw %s: %zu of %zu documents have no route\n", WHAT, x.refused, x.documents);
		ret = IFGW_EXIT_FAIL;
	}
out:
	ifgw_ingest_free(ing);
	ifgw_config_free(cfg);
	return ret;
}
