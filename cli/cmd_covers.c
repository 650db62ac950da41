/* cmd_covers.c: ifgw covers — a seller's applications for credit cover
 * and the covers in the node's books.
 *
 *   request FILE...: canonical CoverRequest documents (model XML) into the
 *            books in ONE transaction (gateway/node/cover_request.h):
 *            all or nothing; the requests are queued for the partners,
 *            composed, encoded and signed.  One row per request.
 *   list [--state S] [--seller S] [--partner P]: one row per cover.
 *   show ID: the cover (state, requested, granted, expiry, unanswered)
 *            and its history (the log entries about it).
 * list and show are read only. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "cli/cli.h"
#include "cli/cli_books.h"
#include "cli/cli_node.h"
#include "cli/output.h"
#include "config/node_config.h"
#include "gateway/node/book.h"
#include "gateway/node/compose.h"
#include "gateway/node/cover_request.h"
#include "gateway/store/store.h"

#define FILE_MAX (16u << 20) /* one application: a few kilobytes */

/* Figures of a cover row (store_migrations.c: requested, granted). */
enum { FIG_REQUESTED = 0, FIG_GRANTED = 1 };

enum { OPT_CONFIG = 1, OPT_STORE, OPT_NOW, OPT_FORMAT, OPT_STATE, OPT_PARTNER, OPT_SELLER, OPT_HELP };

/* ---- request */

/* One problem on stderr: FILE: why (the XML reader's reasons already
 * begin with FILE:LINE:). */
static void problem(void *ctx, const char *name, const char *why)
{
	size_t len = strlen(name);

	(void)ctx;
	if (strncmp(why, name, len) == 0 && why[len] == ':')
		fprintf(stderr, "ifgw covers request: %s\n", why);
	else
		fprintf(stderr, "ifgw covers request: %s: %s\n", name, why);
}

static int request_rows(const struct ifgw_cover_request_item *items, size_t n, enum ifgw_output_format fmt)
{
	static const struct ifgw_output_column cols[] = {
		{"id", IFGW_OUTPUT_TEXT},      {"seller", IFGW_OUTPUT_TEXT}, {"debtor", IFGW_OUTPUT_TEXT},
		{"partner", IFGW_OUTPUT_TEXT}, {"amount", IFGW_OUTPUT_MONEY}, {"state", IFGW_OUTPUT_TEXT},
	};
	struct ifgw_output *o = NULL;
	size_t i;
	int rc;

	if ((rc = ifgw_output_new(&o, fmt, cols, sizeof(cols) / sizeof(cols[0]))) != IFGW_OK)
		return rc;
	for (i = 0; rc == IFGW_OK && i < n; i++) {
		const struct ifgw_cover_request *r = &items[i].msg->body.cover_request;

		if ((rc = ifgw_output_text(o, r->request_nr)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, items[i].seller->id)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, r->buyer.nr)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, items[i].contract->partner[0] ? items[i].contract->partner : NULL)) !=
			    IFGW_OK ||
		    (rc = ifgw_output_money(o, &r->amount)) != IFGW_OK || (rc = ifgw_output_text(o, items[i].state)) != IFGW_OK)
			break;
		rc = ifgw_output_row_end(o);
	}
	if (rc == IFGW_OK)
		rc = ifgw_output_write(o, stdout);
	ifgw_output_free(o);
	return rc;
}

/* Two requests of one run with the same number: the books would refuse
 * the second only inside the transaction; said here as a problem. */
static size_t check_twins(const struct ifgw_cover_request_item *items, size_t n)
{
	size_t i, j, found = 0;

	for (i = 0; i < n; i++)
		for (j = 0; items[i].msg && j < i; j++)
			if (items[j].msg && strcmp(items[i].msg->body.cover_request.request_nr,
						   items[j].msg->body.cover_request.request_nr) == 0) {
				fprintf(stderr, "ifgw covers request: %s: request %s is also in %s\n", items[i].name,
					items[i].msg->body.cover_request.request_nr, items[j].name);
				found++;
				break;
			}
	return found;
}

static enum ifgw_exit request(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG}, {"store", required_argument, NULL, OPT_STORE},
		{"now", required_argument, NULL, OPT_NOW},       {"format", required_argument, NULL, OPT_FORMAT},
		{"help", no_argument, NULL, OPT_HELP},           {NULL, 0, NULL, 0},
	};
	const char *what = "covers request";
	const char *config = NULL, *store = NULL, *now_text = NULL;
	enum ifgw_output_format fmt = IFGW_OUTPUT_TABLE;
	struct ifgw_cover_request_item *items = NULL;
	struct ifgw_buf *bufs = NULL;
	struct ifgw_cli_node n;
	size_t n_files = 0, i, problems = 0;
	enum ifgw_exit ret;
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
				return ifgw_cli_fail(what);
			break;
		case OPT_HELP:
			printf("usage: ifgw covers request [--config FILE] [--store URI] [--now TIME] [--format F] FILE...\n\n"
			       "Apply for credit cover: each FILE is a canonical CoverRequest (Kind new) whose\n"
			       "Seller/Nr is a seller this node factors, with a request number not in the books,\n"
			       "an amount above 0, and the buyer's number, name and country.  In one transaction\n"
			       "every request is recorded (the document kept as applied for) and queued for the\n"
			       "seller's partner, composed, encoded and signed (a domestic seller's cover is\n"
			       "decided by this node).  Any problem refuses the whole run: nothing changes.\n"
			       "Exit status: 0 requested, 1 refused (every problem on stderr as FILE: why), 2 usage.\n\n"
			       "Options:\n"
			       "  --config FILE      the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG ")\n"
			       "  --store URI        this store instead of the configuration's <Store>\n" IFGW_CLI_NOW_USAGE
			       "  " IFGW_OUTPUT_FORMAT_HELP "\n"
			       "  --help             this text\n\n"
			       "Columns: id, seller, debtor, partner (none: domestic), amount, state.\n");
			return IFGW_EXIT_OK;
		default:
			return ifgw_cli_bad_option(what, argv, OPT_HELP);
		}
	}
	if (optind >= argc)
		return ifgw_cli_usage_error(what, "no FILE given");
	if ((ret = ifgw_cli_now(&now, now_text, what)) != IFGW_EXIT_OK)
		return ret;
	n_files = (size_t)(argc - optind);
	ret = IFGW_EXIT_FAIL;
	if (!(items = calloc(n_files, sizeof(*items))) || !(bufs = calloc(n_files, sizeof(*bufs)))) {
		ifgw_error_set(IFGW_ENOMEM, "out of memory");
		ret = ifgw_cli_fail(what);
		goto out;
	}
	for (i = 0; i < n_files; i++)
		ifgw_buf_init(&bufs[i], FILE_MAX);
	for (i = 0; i < n_files; i++)
		if (ifgw_file_read(&bufs[i], argv[optind + (int)i]) != IFGW_OK) {
			ret = ifgw_cli_fail(what);
			fprintf(stderr, "ifgw %s: nothing requested\n", what);
			goto out;
		}
	if (ifgw_cli_node_open(&n, config, store, 0) != IFGW_OK) {
		ret = ifgw_cli_fail(what);
		goto out;
	}
	for (i = 0; i < n_files; i++)
		problems += ifgw_cover_request_check(&items[i], &n.nb, (const unsigned char *)bufs[i].ptr, bufs[i].len,
						     argv[optind + (int)i], problem, NULL);
	problems += check_twins(items, n_files);
	if (problems) {
		fprintf(stderr, "ifgw %s: %zu problem%s in %zu file%s: nothing requested\n", what, problems,
			problems == 1 ? "" : "s", n_files, n_files == 1 ? "" : "s");
		goto out;
	}
	if (ifgw_book_begin(&n.nb.book, now) != IFGW_OK) {
		ret = ifgw_cli_fail(what);
		goto out;
	}
	for (i = 0; i < n_files; i++)
		if (ifgw_cover_request_record(&items[i], &n.nb, now) != IFGW_OK)
			break;
	if (i < n_files) {
		ifgw_book_rollback(&n.nb.book);
		ret = ifgw_cli_fail(what);
		fprintf(stderr, "ifgw %s: nothing requested\n", what);
		goto out;
	}
	if (ifgw_book_commit(&n.nb.book) != IFGW_OK) {
		ret = ifgw_cli_fail(what);
		fprintf(stderr, "ifgw %s: nothing requested\n", what);
		goto out;
	}
	ret = request_rows(items, n_files, fmt) == IFGW_OK ? IFGW_EXIT_OK : ifgw_cli_fail(what);
out:
	for (i = 0; items && i < n_files; i++)
		ifgw_cover_request_item_free(&items[i]);
	for (i = 0; bufs && i < n_files; i++)
		ifgw_buf_free(&bufs[i]);
	free(items);
	free(bufs);
	ifgw_cli_node_close(&n);
	return ret;
}

/* ---- list and show: read only */

static int is_state(const char *name)
{
	int i;

	for (i = IFGW_LEDGER_COVER_NEW; i <= IFGW_LEDGER_COVER_EXPIRED; i++)
		if (strcmp(ifgw_ledger_cover_state_name(i), name) == 0)
			return 1;
	return 0;
}

static int list_rows(struct ifgw_output *o, struct ifgw_cli_reader *r, const char *state, const char *partner,
		     const char *seller)
{
	struct ifgw_store_thing_row *rows = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = ifgw_store_thing_list(r->store, IFGW_STORE_COVERS, &rows, &n)) != IFGW_OK)
		return rc;
	for (i = 0; rc == IFGW_OK && i < n; i++) {
		const struct ifgw_store_thing_row *x = &rows[i];
		struct ifgw_money req = ifgw_cli_figure(x, FIG_REQUESTED), granted = ifgw_cli_figure(x, FIG_GRANTED);

		if ((state && strcmp(x->state, state) != 0) || (partner && strcmp(x->partner, partner) != 0) ||
		    (seller && strcmp(x->seller, seller) != 0))
			continue;
		if ((rc = ifgw_output_text(o, x->id)) != IFGW_OK || (rc = ifgw_output_text(o, x->seller)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, x->debtor)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, x->partner[0] ? x->partner : NULL)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, x->state)) != IFGW_OK || (rc = ifgw_output_money(o, &req)) != IFGW_OK ||
		    (rc = ifgw_output_money(o, &granted)) != IFGW_OK || (rc = ifgw_output_time(o, x->updated)) != IFGW_OK)
			break;
		rc = ifgw_output_row_end(o);
	}
	free(rows);
	return rc;
}

static enum ifgw_exit list(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG}, {"store", required_argument, NULL, OPT_STORE},
		{"format", required_argument, NULL, OPT_FORMAT}, {"state", required_argument, NULL, OPT_STATE},
		{"partner", required_argument, NULL, OPT_PARTNER}, {"seller", required_argument, NULL, OPT_SELLER},
		{"help", no_argument, NULL, OPT_HELP},           {NULL, 0, NULL, 0},
	};
	static const struct ifgw_output_column cols[] = {
		{"id", IFGW_OUTPUT_TEXT},     {"seller", IFGW_OUTPUT_TEXT},     {"debtor", IFGW_OUTPUT_TEXT},
		{"partner", IFGW_OUTPUT_TEXT}, {"state", IFGW_OUTPUT_TEXT},      {"requested", IFGW_OUTPUT_MONEY},
		{"granted", IFGW_OUTPUT_MONEY}, {"updated", IFGW_OUTPUT_TIME},
	};
	const char *what = "covers list";
	const char *config = NULL, *store = NULL, *state = NULL, *partner = NULL, *seller = NULL;
	enum ifgw_output_format fmt = IFGW_OUTPUT_TABLE;
	struct ifgw_output *o = NULL;
	struct ifgw_cli_reader r;
	enum ifgw_exit ret;
	int opt;

	memset(&r, 0, sizeof(r));
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_STORE:
			store = optarg;
			break;
		case OPT_FORMAT:
			if (ifgw_output_format_parse(&fmt, optarg) != IFGW_OK)
				return ifgw_cli_fail(what);
			break;
		case OPT_STATE:
			if (!is_state(optarg))
				return ifgw_cli_usage_error(what, "--state '%s': not a cover state (requested, pending, "
								  "approved, partly-approved, declined, ...)",
							    optarg);
			state = optarg;
			break;
		case OPT_PARTNER:
			partner = optarg;
			break;
		case OPT_SELLER:
			seller = optarg;
			break;
		case OPT_HELP:
			printf("usage: ifgw covers list [--config FILE] [--store URI] [--state S] [--partner P]\n"
			       "                        [--seller S] [--format F]\n\n"
			       "List the covers in the node's books, by id; filters combine.  Read only.\n\n"
			       "Options:\n"
			       "  --config FILE      the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG ")\n"
			       "  --store URI        this store instead of the configuration's <Store>\n"
			       "  --state S          only covers in state S (requested, pending, approved,\n"
			       "                     partly-approved, declined, revised, cancelled, expired)\n"
			       "  --partner P        only those whose correspondent factor is P\n"
			       "  --seller S         only those of seller S\n"
			       "  " IFGW_OUTPUT_FORMAT_HELP "\n"
			       "  --help             this text\n\n"
			       "Columns: id, seller, debtor, partner, state, requested, granted, updated.\n");
			return IFGW_EXIT_OK;
		default:
			return ifgw_cli_bad_option(what, argv, OPT_HELP);
		}
	}
	if (optind < argc)
		return ifgw_cli_usage_error(what, "unexpected argument '%s'", argv[optind]);
	if (ifgw_cli_reader_open(&r, config, store) != IFGW_OK ||
	    ifgw_output_new(&o, fmt, cols, sizeof(cols) / sizeof(cols[0])) != IFGW_OK ||
	    list_rows(o, &r, state, partner, seller) != IFGW_OK || ifgw_output_write(o, stdout) != IFGW_OK) {
		ret = ifgw_cli_fail(what);
		goto out;
	}
	ret = IFGW_EXIT_OK;
out:
	ifgw_output_free(o);
	ifgw_cli_reader_close(&r);
	return ret;
}

/* The cover itself: for people a (field, value) table; in JSON one object. */
static int show_cover(struct ifgw_output **out, enum ifgw_output_format fmt, const struct ifgw_ledger_cover *c)
{
	static const struct ifgw_output_column kv[] = {{"field", IFGW_OUTPUT_TEXT}, {"value", IFGW_OUTPUT_TEXT}};
	static const struct ifgw_output_column cols[] = {
		{"id", IFGW_OUTPUT_TEXT},       {"seller", IFGW_OUTPUT_TEXT},    {"debtor", IFGW_OUTPUT_TEXT},
		{"debtor_country", IFGW_OUTPUT_TEXT}, {"partner", IFGW_OUTPUT_TEXT}, {"state", IFGW_OUTPUT_TEXT},
		{"requested_at", IFGW_OUTPUT_TIME}, {"requested", IFGW_OUTPUT_MONEY}, {"granted", IFGW_OUTPUT_MONEY},
		{"expiry", IFGW_OUTPUT_DATE},    {"unanswered", IFGW_OUTPUT_TEXT},
	};
	char t[IFGW_DATETIME_STRLEN], d[IFGW_DATE_STRLEN], m1[IFGW_MONEY_STRLEN], m2[IFGW_MONEY_STRLEN];
	char req[IFGW_MONEY_STRLEN + 8], gra[IFGW_MONEY_STRLEN + 8];
	const char *values[sizeof(cols) / sizeof(cols[0])];
	struct ifgw_output *o = NULL;
	size_t i, n = sizeof(cols) / sizeof(cols[0]);
	int rc;

	ifgw_datetime_format(c->requested_at, t);
	if (c->expiry != IFGW_DATE_NONE)
		ifgw_date_format(c->expiry, d);
	ifgw_money_format(m1, &c->requested);
	ifgw_money_format(m2, &c->granted);
	snprintf(req, sizeof(req), "%s %s", m1, c->requested.ccy->code);
	snprintf(gra, sizeof(gra), "%s %s", m2, c->granted.ccy->code);
	values[0] = c->id, values[1] = c->seller, values[2] = c->debtor;
	values[3] = c->debtor_country[0] ? c->debtor_country : "-";
	values[4] = c->partner[0] ? c->partner : "-";
	values[5] = ifgw_ledger_cover_state_name(c->state);
	values[6] = c->requested_at ? t : "-", values[7] = req, values[8] = gra;
	values[9] = c->expiry != IFGW_DATE_NONE ? d : "-";
	values[10] = c->unanswered ? "yes" : "no";
	if (fmt == IFGW_OUTPUT_TABLE) {
		if ((rc = ifgw_output_new(&o, fmt, kv, 2)) != IFGW_OK)
			goto out;
		for (i = 0; i < n; i++)
			if ((rc = ifgw_output_text(o, cols[i].name)) != IFGW_OK ||
			    (rc = ifgw_output_text(o, values[i])) != IFGW_OK || (rc = ifgw_output_row_end(o)) != IFGW_OK)
				goto out;
	} else {
		if ((rc = ifgw_output_new(&o, fmt, cols, n)) != IFGW_OK)
			goto out;
		if ((rc = ifgw_output_text(o, c->id)) != IFGW_OK || (rc = ifgw_output_text(o, c->seller)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, c->debtor)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, c->debtor_country[0] ? c->debtor_country : NULL)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, c->partner[0] ? c->partner : NULL)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, values[5])) != IFGW_OK ||
		    (rc = c->requested_at ? ifgw_output_time(o, c->requested_at) : ifgw_output_none(o)) != IFGW_OK ||
		    (rc = ifgw_output_money(o, &c->requested)) != IFGW_OK ||
		    (rc = ifgw_output_money(o, &c->granted)) != IFGW_OK ||
		    (rc = c->expiry != IFGW_DATE_NONE ? ifgw_output_date(o, c->expiry) : ifgw_output_none(o)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, values[10])) != IFGW_OK || (rc = ifgw_output_row_end(o)) != IFGW_OK)
			goto out;
	}
	*out = o;
	o = NULL;
out:
	ifgw_output_free(o);
	return rc;
}

static const char *const show_titles[2] = {"cover", "history"};

static enum ifgw_exit show(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG}, {"store", required_argument, NULL, OPT_STORE},
		{"format", required_argument, NULL, OPT_FORMAT}, {"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	const char *what = "covers show";
	const char *config = NULL, *store = NULL;
	enum ifgw_output_format fmt = IFGW_OUTPUT_TABLE;
	struct ifgw_output *parts[2] = {NULL, NULL};
	struct ifgw_ledger_cover c;
	struct ifgw_cli_reader r;
	enum ifgw_exit ret;
	int opt, rc;

	memset(&r, 0, sizeof(r));
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_STORE:
			store = optarg;
			break;
		case OPT_FORMAT:
			if (ifgw_output_format_parse(&fmt, optarg) != IFGW_OK)
				return ifgw_cli_fail(what);
			if (fmt == IFGW_OUTPUT_CSV)
				return ifgw_cli_usage_error(what, "--format csv: a cover is two tables; use table or json");
			break;
		case OPT_HELP:
			printf("usage: ifgw covers show [--config FILE] [--store URI] [--format F] ID\n\n"
			       "The cover ID in the node's books: its state, the amount requested and granted,\n"
			       "its expiry, whether the partner left it unanswered; its history (every log entry\n"
			       "about it, with its time).  Read only.\n"
			       "Exit status: 0 shown, 1 no such cover, 2 usage.\n\n"
			       "Options:\n"
			       "  --config FILE      the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG ")\n"
			       "  --store URI        this store instead of the configuration's <Store>\n"
			       "  --format table|json  output format (default table; docs/cli-output.md)\n"
			       "  --help             this text\n");
			return IFGW_EXIT_OK;
		default:
			return ifgw_cli_bad_option(what, argv, OPT_HELP);
		}
	}
	if (optind + 1 != argc)
		return ifgw_cli_usage_error(what, optind >= argc ? "no ID given" : "one ID only");
	if (ifgw_cli_reader_open(&r, config, store) != IFGW_OK) {
		ret = ifgw_cli_fail(what);
		goto out;
	}
	if ((rc = ifgw_book_load_cover(&r.book, argv[optind], &c)) != IFGW_OK) {
		if (rc == IFGW_ENOTFOUND) {
			ifgw_error_clear(); /* said in the command's words */
			ifgw_error_set(rc, "cover %s: not in the books", argv[optind]);
		}
		ret = ifgw_cli_fail(what);
		goto out;
	}
	if (show_cover(&parts[0], fmt, &c) != IFGW_OK ||
	    ifgw_cli_show_history(&parts[1], fmt, r.store, argv[optind], IFGW_COMPOSE_DOC_COVER) != IFGW_OK ||
	    ifgw_cli_show_write(parts, show_titles, 2, fmt) != IFGW_OK) {
		ret = ifgw_cli_fail(what);
		goto out;
	}
	ret = IFGW_EXIT_OK;
out:
	ifgw_output_free(parts[0]);
	ifgw_output_free(parts[1]);
	ifgw_cli_reader_close(&r);
	return ret;
}

static const struct ifgw_cli_subcommand subcommands[] = {
	{"request", request, "apply for credit cover: CoverRequest files into the books, queued for the partners"},
	{"list", list, "the covers in the node's books (filters: state, partner, seller)"},
	{"show", show, "one cover: state, requested, granted, expiry, history"},
};

enum ifgw_exit ifgw_cmd_covers(int argc, char **argv)
{
	static const char intro[] = "Credit cover: a seller's applications for cover on its buyers, and the covers\n"
				    "in the node's books.";

	return ifgw_cli_dispatch("covers", intro, subcommands, sizeof(subcommands) / sizeof(subcommands[0]), argc,
				 argv);
}
