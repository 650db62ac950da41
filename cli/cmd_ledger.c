/* cmd_ledger.c: ifgw ledger tick — apply the GRIF timers due at a time
 * (funding promises missed, dunning steps, dispute windows, payments under
 * guarantee, ...) to the node's books (gateway/node/book.h); ifgw ledger
 * apply — one act of this node's own (an advance paid, a payment received,
 * a dispute settled, ...) as one book transaction.
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
#include "currency/convert.h"
#include "currency/iso4217.h"
#include "currency/money.h"
#include "currency/rates.h"
#include "currency/rates_source.h"
#include "gateway/node/book.h"
#include "model/codes.h"
#include "gateway/store/store.h"

#define WHAT "ledger tick"
#define LOG_CHUNK 256

enum { OPT_CONFIG = 1, OPT_STORE, OPT_NOW, OPT_FORMAT, OPT_HELP, OPT_BY, OPT_OUTCOME, OPT_EXPIRY, OPT_RATES_OF };

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

#define APPLY_WHAT "ledger apply"

static void apply_usage(FILE *f)
{
	fprintf(f, "usage: ifgw ledger apply [--config FILE] [--store URI] [--now TIME] [--format F]\n"
		   "                         [--by ACTOR] [--outcome seller|debtor] [--expiry DATE]\n"
		   "                         [--rates-of DATE] THING ID EVENT [AMOUNT CCY]\n\n"
		   "Record one of this node's own acts in its books, in one transaction: THING is seller,\n"
		   "cover or invoice; EVENT a ledger event (fund, pay, credit, dispute, settle, accept,\n"
		   "repay, close, ...; docs/ledger.md).  What a partner does comes only through its\n"
		   "messages: an act of the wrong side is refused with its reason and nothing changes.\n"
		   "Prints the transition's log entries and the messages and letters it queued.\n"
		   "Exit status: 0 applied, 1 refused or failed (nothing changed), 2 usage.\n\n"
		   "Options:\n"
		   "  --config FILE      the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG ")\n"
		   "  --store URI        this store instead of the configuration's <Store>\n" IFGW_CLI_NOW_USAGE
		   "  " IFGW_OUTPUT_FORMAT_HELP "\n"
		   "  --by ACTOR         who acts: this node's factor code (default), seller or debtor\n"
		   "  --outcome WHO      settle: for the seller or for the debtor\n"
		   "  --expiry DATE      a cover's expiry date (approve, revise)\n"
		   "  --rates-of DATE    an amount in another currency than the thing's: the ECB rates of\n"
		   "                     this date (default: --now's date) from the node's rates\n"
		   "  --help             this text\n\n"
		   "Columns: time, kind (\"invoice.funded\", \"message-out\", \"letter-out\"), subject, party\n"
		   "(who acted, or to whom it goes), amount, type (the message or letter).\n");
}

static int apply_thing(const char *word)
{
	if (strcmp(word, "seller") == 0)
		return IFGW_LEDGER_THING_SELLER;
	if (strcmp(word, "cover") == 0)
		return IFGW_LEDGER_THING_COVER;
	if (strcmp(word, "invoice") == 0)
		return IFGW_LEDGER_THING_INVOICE;
	return 0;
}

static int apply_event_kind(const char *word)
{
	int k;

	for (k = 1; k < IFGW_LEDGER_EV_KIND_COUNT_; k++)
		if (strcmp(ifgw_ledger_event_name(k), word) == 0)
			return k;
	return 0;
}

/* The currency of a stored invoice's or cover's figures (NULL: none, or no
 * such thing: the book then says so). */
static const struct ifgw_currency *apply_thing_ccy(struct ifgw_store *s, int thing, const char *id)
{
	struct ifgw_store_thing_row row;
	enum ifgw_store_thing t = thing == IFGW_LEDGER_THING_INVOICE ? IFGW_STORE_INVOICES : IFGW_STORE_COVERS;
	struct ifgw_error keep;
	const struct ifgw_currency *ccy = NULL;

	if (thing == IFGW_LEDGER_THING_SELLER)
		return NULL;
	ifgw_error_save(&keep);
	if (ifgw_store_thing_get(s, t, id, &row) == IFGW_OK && row.currency[0])
		ccy = ifgw_currency_find(row.currency);
	ifgw_error_restore(&keep);
	return ccy;
}

/* Both rates per EUR of the publication in force on `as_of`, from the
 * node's rates (its <Rates>, else the shipped ECB history), as `ifgw fx`. */
static int apply_rates(struct ifgw_ledger_event *ev, const char *configured, const struct ifgw_currency *to,
		       int32_t as_of)
{
	struct ifgw_rateset *rs = NULL;
	struct ifgw_conversion cv;
	int rc;

	if ((rc = ifgw_rates_source_load(&rs, NULL, configured)) != IFGW_OK)
		goto out;
	if ((rc = ifgw_money_convert(&cv, rs, &ev->amount, to, as_of, NULL)) != IFGW_OK)
		goto out;
	ev->from_per_eur = cv.from_per_eur;
	ev->to_per_eur = cv.to_per_eur;
	ev->rate_date = cv.rate_date;
out:
	ifgw_rateset_free(rs);
	return rc;
}

/* The transition's effects: its log entries, then what it queued. */
static int list_effects(struct ifgw_output *o, const struct ifgw_ledger_effects *fx, int64_t now)
{
	size_t i;
	int rc = IFGW_OK;

	for (i = 0; rc == IFGW_OK && i < fx->n_log; i++) {
		const struct ifgw_ledger_log_entry *e = &fx->log[i];

		if ((rc = ifgw_output_time(o, e->time)) != IFGW_OK || (rc = ifgw_output_text(o, e->kind)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, e->subject)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, e->actor[0] ? e->actor : NULL)) != IFGW_OK ||
		    (rc = ifgw_output_money(o, &e->amount)) != IFGW_OK || (rc = ifgw_output_none(o)) != IFGW_OK)
			break;
		rc = ifgw_output_row_end(o);
	}
	for (i = 0; rc == IFGW_OK && i < fx->n_rows; i++) {
		const struct ifgw_ledger_outbox_row *r = &fx->rows[i];
		char letter[16];

		snprintf(letter, sizeof(letter), "letter-%d", r->letter);
		if ((rc = ifgw_output_time(o, now)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, r->msg_type ? "message-out" : "letter-out")) != IFGW_OK ||
		    (rc = ifgw_output_text(o, r->subject)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, r->to_id[0] ? r->to_id : NULL)) != IFGW_OK ||
		    (rc = ifgw_output_money(o, &r->amount)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, r->msg_type ? ifgw_msg_type_name(r->msg_type) : letter)) != IFGW_OK)
			break;
		rc = ifgw_output_row_end(o);
	}
	return rc;
}

/* Why this node may not record `kind` on the thing itself (NULL: it may).
 * The ledger refuses the wrong side's acts in the import role; in the home
 * role of a two-factor product the import factor's answers (an invoice
 * accepted or rejected, a cover or a registration answered) come only
 * through its messages,
 * and the timers are the tick's. */
/* The timers' events are the tick's (`ifgw ledger tick`), never an
 * operator's; which side may cause the others the ledger itself decides. */
static const char *apply_not_ours(int kind)
{
	switch (kind) {
	case IFGW_LEDGER_EV_COVER_EXPIRE:
	case IFGW_LEDGER_EV_COVER_UNANSWERED:
	case IFGW_LEDGER_EV_CHARGE_BACK:
	case IFGW_LEDGER_EV_GUARANTEE_PAY:
	case IFGW_LEDGER_EV_FUNDING_MISSED:
	case IFGW_LEDGER_EV_DUNNING:
	case IFGW_LEDGER_EV_DISPUTE_INFO_OVERDUE:
	case IFGW_LEDGER_EV_DISPUTE_WINDOW_CLOSED:
		return "a timer's, applied by `ifgw ledger tick`";
	default:
		return NULL;
	}
}

static enum ifgw_exit apply(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG},
		{"store", required_argument, NULL, OPT_STORE},
		{"now", required_argument, NULL, OPT_NOW},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"by", required_argument, NULL, OPT_BY},
		{"outcome", required_argument, NULL, OPT_OUTCOME},
		{"expiry", required_argument, NULL, OPT_EXPIRY},
		{"rates-of", required_argument, NULL, OPT_RATES_OF},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	static const struct ifgw_output_column cols[] = {
		{"time", IFGW_OUTPUT_TIME},   {"kind", IFGW_OUTPUT_TEXT},    {"subject", IFGW_OUTPUT_TEXT},
		{"party", IFGW_OUTPUT_TEXT},  {"amount", IFGW_OUTPUT_MONEY}, {"type", IFGW_OUTPUT_TEXT},
	};
	enum ifgw_output_format fmt = IFGW_OUTPUT_TABLE;
	const char *config = NULL, *store = NULL, *now_text = NULL, *by = NULL, *rates_of = NULL, *expiry = NULL;
	const struct ifgw_currency *ccy = NULL, *thing_ccy;
	const char *why;
	struct ifgw_output *o = NULL;
	struct ifgw_cli_node n;
	struct ifgw_ledger_event ev;
	enum ifgw_exit ret;
	int outcome = 0, thing, kind, opt;
	int32_t as_of;
	int64_t now;

	memset(&n, 0, sizeof(n));
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
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
				return ifgw_cli_fail(APPLY_WHAT);
			break;
		case OPT_BY:
			by = optarg;
			break;
		case OPT_OUTCOME:
			outcome = strcmp(optarg, "seller") == 0	  ? IFGW_LEDGER_SETTLED_FOR_SELLER
				  : strcmp(optarg, "debtor") == 0 ? IFGW_LEDGER_SETTLED_FOR_DEBTOR
								  : -1;
			if (outcome < 0)
				return ifgw_cli_usage_error(APPLY_WHAT, "--outcome '%s': seller or debtor", optarg);
			break;
		case OPT_EXPIRY:
			expiry = optarg;
			break;
		case OPT_RATES_OF:
			rates_of = optarg;
			break;
		case OPT_HELP:
			apply_usage(stdout);
			return IFGW_EXIT_OK;
		default:
			return ifgw_cli_bad_option(APPLY_WHAT, argv, OPT_HELP);
		}
	}
	if (argc - optind != 3 && argc - optind != 5)
		return ifgw_cli_usage_error(APPLY_WHAT, "expected THING ID EVENT [AMOUNT CCY], got %d argument%s",
					    argc - optind, argc - optind == 1 ? "" : "s");
	if (!(thing = apply_thing(argv[optind])))
		return ifgw_cli_usage_error(APPLY_WHAT, "'%s' is no thing (seller, cover, invoice)", argv[optind]);
	if (!(kind = apply_event_kind(argv[optind + 2])))
		return ifgw_cli_usage_error(APPLY_WHAT, "'%s' is no ledger event (docs/ledger.md)", argv[optind + 2]);
	if ((ret = ifgw_cli_now(&now, now_text, APPLY_WHAT)) != IFGW_EXIT_OK)
		return ret;
	as_of = ifgw_datetime_date(now);
	ifgw_ledger_event_init(&ev, kind, "");
	ev.date = IFGW_DATE_NONE;
	ev.outcome = outcome;
	if (expiry && ifgw_date_parse(&ev.date, expiry, strlen(expiry)) != IFGW_OK) {
		ifgw_error_clear();
		return ifgw_cli_usage_error(APPLY_WHAT, "--expiry '%s': want YYYY-MM-DD", expiry);
	}
	if (rates_of && ifgw_date_parse(&as_of, rates_of, strlen(rates_of)) != IFGW_OK) {
		ifgw_error_clear();
		return ifgw_cli_usage_error(APPLY_WHAT, "--rates-of '%s': want YYYY-MM-DD", rates_of);
	}
	if (argc - optind == 5) {
		const char *amt = argv[optind + 3], *code = argv[optind + 4];

		if (ifgw_currency_lookup(&ccy, code, strlen(code)) != IFGW_OK ||
		    ifgw_money_parse(&ev.amount, amt, strlen(amt), ccy, NULL) != IFGW_OK)
			return ifgw_cli_usage_error(APPLY_WHAT, "'%s %s': %s", amt, code, ifgw_error_last());
	}
	if (ifgw_cli_node_open(&n, config, store, 0) != IFGW_OK ||
	    ifgw_output_new(&o, fmt, cols, sizeof(cols) / sizeof(cols[0])) != IFGW_OK) {
		ret = ifgw_cli_fail(APPLY_WHAT);
		goto out;
	}
	/* A factor's act by default: this node's code. */
	snprintf(ev.actor, sizeof(ev.actor), "%s", by ? by : n.cfg->code);
	thing_ccy = apply_thing_ccy(n.store, thing, argv[optind + 1]);
	if (ccy && thing_ccy && ccy != thing_ccy &&
	    apply_rates(&ev, n.cfg->rates, thing_ccy, as_of) != IFGW_OK) {
		ret = ifgw_cli_fail(APPLY_WHAT);
		goto out;
	}
	if ((why = apply_not_ours(kind))) {
		ifgw_error_set(IFGW_ESTATE, "%s %s: %s not allowed: %s", argv[optind], argv[optind + 1],
			       argv[optind + 2], why);
		ret = ifgw_cli_fail(APPLY_WHAT);
		goto out;
	}
	/* Always a local act (ev.inbound 0): the ledger refuses the wrong
	 * side's, and a refusal rolls the transaction back. */
	if (ifgw_book_apply(&n.nb.book, thing, argv[optind + 1], &ev, now) != IFGW_OK ||
	    list_effects(o, ifgw_book_last_effects(&n.nb.book), now) != IFGW_OK ||
	    ifgw_output_write(o, stdout) != IFGW_OK) {
		ret = ifgw_cli_fail(APPLY_WHAT);
		goto out;
	}
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
		{"apply", apply, "record one of this node's own acts (fund, pay, settle, ...) in its books"},
	};

	return ifgw_cli_dispatch("ledger", "The node's books: the ledger's state machines kept in its store.", subs,
				 sizeof(subs) / sizeof(subs[0]), argc, argv);
}
