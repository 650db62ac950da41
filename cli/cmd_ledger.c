/* cmd_ledger.c: ifgw ledger tick — apply the GRIF timers due at a time
 * (funding promises missed, dunning steps, dispute windows, payments under
 * guarantee, ...) to the node's books (gateway/node/book.h).
 *
 * stdout: one row per transition applied (time, kind, subject, actor: the
 * ledger's log entries the tick wrote), in --format table|csv|json.
 * Exit 0 when everything due was applied, 1 when a transition failed (those
 * before it stay applied and are listed), 2 usage. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#include "cli/cli.h"
#include "cli/cli_node.h"
#include "cli/output.h"
#include "gateway/node/book.h"
#include "gateway/store/store.h"

#define WHAT "ledger tick"
#define LOG_CHUNK 256

enum { OPT_CONFIG = 1, OPT_STORE, OPT_NOW, OPT_FORMAT, OPT_HELP };

static void usage(FILE *f)
{
	fprintf(f, "usage: ifgw ledger tick [--config FILE] [--store URI] [--now TIME] [--format F]\n\n"
		   "Apply every ledger timer due at TIME to the node's books, each transition in its own\n"
		   "transaction: funding promises missed, dunning steps, dispute information overdue,\n"
		   "dispute windows closed, cover answers due, payments under guarantee and charge-backs\n"
		   "(the import factor's).  Prints one row per transition applied.\n"
		   "Exit status: 0 all applied, 1 a transition failed (those before it stay), 2 usage.\n\n"
		   "Options:\n"
		   "  --config FILE      the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG ")\n"
		   "  --store URI        this store instead of the configuration's <Store>\n" IFGW_CLI_NOW_USAGE
		   "  " IFGW_OUTPUT_FORMAT_HELP "\n"
		   "  --help             this text\n\n"
		   "Columns: time, kind (\"invoice.funding-missed\"), subject (the thing's id), actor.\n");
}

/* The ledger's entries the tick appended: log entries from index `from`
 * whose kind is a transition's ("<thing>.<what>"), not the store's own
 * (message-out, letter-out). */
static int list_applied(struct ifgw_output *o, struct ifgw_store *s, uint64_t from)
{
	struct ifgw_store_log_entry *e = NULL;
	size_t n = 0, i;
	int rc = IFGW_OK;

	if (!(e = calloc(LOG_CHUNK, sizeof(*e))))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory");
	do {
		if ((rc = ifgw_store_log_read(s, e, LOG_CHUNK, from, &n)) != IFGW_OK)
			break;
		for (i = 0; rc == IFGW_OK && i < n; i++) {
			if (!strchr(e[i].kind, '.'))
				continue;
			if ((rc = ifgw_output_time(o, e[i].time)) != IFGW_OK ||
			    (rc = ifgw_output_text(o, e[i].kind)) != IFGW_OK ||
			    (rc = ifgw_output_text(o, e[i].subject)) != IFGW_OK ||
			    (rc = ifgw_output_text(o, e[i].actor[0] ? e[i].actor : NULL)) != IFGW_OK)
				break;
			rc = ifgw_output_row_end(o);
		}
		from += n;
	} while (rc == IFGW_OK && n == LOG_CHUNK);
	free(e);
	return rc;
}

static enum ifgw_exit tick(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG},
		{"store", required_argument, NULL, OPT_STORE},
		{"now", required_argument, NULL, OPT_NOW},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	static const struct ifgw_output_column cols[] = {
		{"time", IFGW_OUTPUT_TIME},
		{"kind", IFGW_OUTPUT_TEXT},
		{"subject", IFGW_OUTPUT_TEXT},
		{"actor", IFGW_OUTPUT_TEXT},
	};
	enum ifgw_output_format fmt = IFGW_OUTPUT_TABLE;
	const char *config = NULL, *store = NULL, *now_text = NULL;
	struct ifgw_output *o = NULL;
	struct ifgw_cli_node n;
	struct ifgw_error tick_error = {0};
	enum ifgw_exit ret;
	uint64_t before = 0;
	size_t applied = 0;
	char at[IFGW_DATETIME_STRLEN];
	int64_t now;
	int opt;

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
		default:
			return ifgw_cli_bad_option(WHAT, argv, OPT_HELP);
		}
	}
	if (optind < argc)
		return ifgw_cli_usage_error(WHAT, "unexpected argument '%s'", argv[optind]);
	if ((ret = ifgw_cli_now(&now, now_text, WHAT)) != IFGW_EXIT_OK)
		return ret;
	if (ifgw_cli_node_open(&n, config, store, 0) != IFGW_OK || ifgw_store_log_count(n.store, &before) != IFGW_OK ||
	    ifgw_output_new(&o, fmt, cols, sizeof(cols) / sizeof(cols[0])) != IFGW_OK) {
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	/* A failed transition stops the tick; those before it are kept and
	 * listed, then the failure is reported. */
	if (ifgw_book_tick(&n.nb.book, now, &applied) != IFGW_OK)
		ifgw_error_save(&tick_error);
	if (list_applied(o, n.store, before) != IFGW_OK || ifgw_output_write(o, stdout) != IFGW_OK) {
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	if (tick_error.code != IFGW_OK) {
		ifgw_error_restore(&tick_error);
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	ifgw_datetime_format(now, at);
	fprintf(stderr, "ifgw %s: %zu transition%s applied at %s\n", WHAT, applied, applied == 1 ? "" : "s", at);
	ret = IFGW_EXIT_OK;
out:
	ifgw_output_free(o);
	ifgw_cli_node_close(&n);
	return ret;
}

enum ifgw_exit ifgw_cmd_ledger(int argc, char **argv)
{
	static const struct ifgw_cli_subcommand subs[] = {
		{"tick", tick, "apply the ledger timers due now (or at --now) to the node's books"},
	};

	return ifgw_cli_dispatch("ledger", "The node's books: the ledger's state machines kept in its store.", subs,
				 sizeof(subs) / sizeof(subs[0]), argc, argv);
}
