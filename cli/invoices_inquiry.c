/* invoices_inquiry.c: ifgw invoices list | show — what the node's books
 * hold about invoices.  Read only: nothing in the store changes, and the
 * node's keys are not needed (the configuration gives the contracts).
 *
 *   list [--state S] [--partner P] [--seller S]: one row per invoice.
 *   show ID: the invoice (state, figures, funding, dates), its history (the
 *            log entries about it, with times), its messages and its
 *            letters. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#include "cli/cli.h"
#include "cli/cli_books.h"
#include "cli/cmd_invoices.h"
#include "cli/output.h"
#include "config/node_config.h"
#include "currency/iso4217.h"
#include "gateway/node/book.h"
#include "gateway/store/store.h"

#define PARTS 4 /* of show: invoice, history, messages, letters */

/* Figures of an invoice row (store.h): the ones list prints. */
enum { FIG_AMOUNT = 0, FIG_APPROVED = 1, FIG_PAID = 2, FIG_OUTSTANDING = 6, FIG_ADVANCED = 8 };

enum { OPT_CONFIG = 1, OPT_STORE, OPT_FORMAT, OPT_STATE, OPT_PARTNER, OPT_SELLER, OPT_NOW, OPT_HELP };

static int is_state(const char *name)
{
	int i;

	for (i = 0; i < IFGW_LEDGER_INVOICE_STATE_COUNT_; i++)
		if (strcmp(ifgw_ledger_invoice_state_name(i), name) == 0)
			return 1;
	return 0;
}

/* ---- list */

static int list_rows(struct ifgw_output *o, struct ifgw_cli_reader *r, const char *state, const char *partner,
		     const char *seller)
{
	struct ifgw_store_thing_row *rows = NULL;
	struct ifgw_ledger_invoice inv;
	size_t n = 0, i;
	int rc;

	if ((rc = ifgw_store_thing_list(r->store, IFGW_STORE_INVOICES, &rows, &n)) != IFGW_OK)
		return rc;
	for (i = 0; rc == IFGW_OK && i < n; i++) {
		const struct ifgw_store_thing_row *x = &rows[i];
		struct ifgw_money m[5];
		size_t k;
		int due;

		if ((state && strcmp(x->state, state) != 0) || (partner && strcmp(x->partner, partner) != 0) ||
		    (seller && strcmp(x->seller, seller) != 0))
			continue;
		/* The due date is the ledger's (the row's detail): read through
		 * the book, or shown as none for an invoice without a contract
		 * (a seller no longer configured). */
		due = ifgw_book_invoice_of_row(&r->book, x, &inv) == IFGW_OK;
		if (!due)
			ifgw_error_clear();
		m[0] = ifgw_cli_figure(x, FIG_AMOUNT);
		m[1] = ifgw_cli_figure(x, FIG_APPROVED);
		m[2] = ifgw_cli_figure(x, FIG_PAID);
		m[3] = ifgw_cli_figure(x, FIG_OUTSTANDING);
		m[4] = ifgw_cli_figure(x, FIG_ADVANCED);
		if ((rc = ifgw_output_text(o, x->id)) != IFGW_OK || (rc = ifgw_output_text(o, x->seller)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, x->debtor)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, x->partner[0] ? x->partner : NULL)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, x->state)) != IFGW_OK)
			break;
		for (k = 0; rc == IFGW_OK && k < 5; k++)
			rc = ifgw_output_money(o, &m[k]);
		if (rc != IFGW_OK || (rc = due ? ifgw_output_date(o, inv.due_date) : ifgw_output_none(o)) != IFGW_OK ||
		    (rc = ifgw_output_time(o, x->updated)) != IFGW_OK)
			break;
		rc = ifgw_output_row_end(o);
	}
	free(rows);
	return rc;
}

enum ifgw_exit ifgw_cli_invoices_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG}, {"store", required_argument, NULL, OPT_STORE},
		{"format", required_argument, NULL, OPT_FORMAT}, {"state", required_argument, NULL, OPT_STATE},
		{"partner", required_argument, NULL, OPT_PARTNER}, {"seller", required_argument, NULL, OPT_SELLER},
		{"help", no_argument, NULL, OPT_HELP},           {NULL, 0, NULL, 0},
	};
	static const struct ifgw_output_column cols[] = {
		{"id", IFGW_OUTPUT_TEXT},          {"seller", IFGW_OUTPUT_TEXT},   {"debtor", IFGW_OUTPUT_TEXT},
		{"partner", IFGW_OUTPUT_TEXT},     {"state", IFGW_OUTPUT_TEXT},    {"amount", IFGW_OUTPUT_MONEY},
		{"approved", IFGW_OUTPUT_MONEY},   {"paid", IFGW_OUTPUT_MONEY},    {"outstanding", IFGW_OUTPUT_MONEY},
		{"advanced", IFGW_OUTPUT_MONEY},   {"due", IFGW_OUTPUT_DATE},      {"updated", IFGW_OUTPUT_TIME},
	};
	const char *what = "invoices list";
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
				return ifgw_cli_usage_error(what, "--state '%s': not an invoice state (received, assigned, "
								  "accepted, funded, partly-paid, paid, ...)",
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
			printf("usage: ifgw invoices list [--config FILE] [--store URI] [--state S] [--partner P]\n"
			       "                          [--seller S] [--format F]\n\n"
			       "List the invoices in the node's books, by id; filters combine.  Read only.\n\n"
			       "Options:\n"
			       "  --config FILE      the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG ")\n"
			       "  --store URI        this store instead of the configuration's <Store>\n"
			       "  --state S          only invoices in state S (assigned, accepted, funded, partly-paid,\n"
			       "                     paid, disputed, dispute-settled, charged-back, ...)\n"
			       "  --partner P        only those whose correspondent factor is P\n"
			       "  --seller S         only those of seller S\n"
			       "  " IFGW_OUTPUT_FORMAT_HELP "\n"
			       "  --help             this text\n\n"
			       "Columns: id, seller, debtor, partner, state, amount, approved, paid, outstanding,\n"
			       "advanced, due, updated (docs/cli-output.md).\n");
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

/* ---- show */

static const char *funding_name(int s)
{
	static const char *const names[] = {"none", "due", "missed", "paid", "paid-late", "repaid", "cancelled"};

	return s >= 0 && (size_t)s < sizeof(names) / sizeof(names[0]) ? names[s] : "undefined";
}

static const char *collection_name(int s)
{
	static const char *const names[] = {"none",          "open",        "reminded", "second-reminder",
					    "formal-notice", "handed-over", "suspended", "done"};

	return s >= 0 && (size_t)s < sizeof(names) / sizeof(names[0]) ? names[s] : "undefined";
}

static const char *dispute_name(int s)
{
	static const char *const names[] = {"none", "raised", "info-supplied", "settled", "charged-back"};

	return s >= 0 && (size_t)s < sizeof(names) / sizeof(names[0]) ? names[s] : "undefined";
}

/* One field of the invoice part. */
struct field {
	const char *name;
	enum ifgw_output_type type;
	int none;
	const char *text;
	int64_t i;               /* TIME */
	int32_t day;             /* DATE */
	struct ifgw_money money; /* MONEY */
};

#define FIELDS_MAX 32

static void f_text(struct field *f, size_t *n, const char *name, const char *text)
{
	f[*n].name = name, f[*n].type = IFGW_OUTPUT_TEXT, f[*n].text = text, f[*n].none = !text || !text[0];
	(*n)++;
}

static void f_time(struct field *f, size_t *n, const char *name, int64_t t, int none)
{
	f[*n].name = name, f[*n].type = IFGW_OUTPUT_TIME, f[*n].i = t, f[*n].none = none;
	(*n)++;
}

static void f_date(struct field *f, size_t *n, const char *name, int32_t day, int none)
{
	f[*n].name = name, f[*n].type = IFGW_OUTPUT_DATE, f[*n].day = day, f[*n].none = none;
	(*n)++;
}

static void f_money(struct field *f, size_t *n, const char *name, const struct ifgw_money *m)
{
	f[*n].name = name, f[*n].type = IFGW_OUTPUT_MONEY, f[*n].money = *m, f[*n].none = !m->ccy;
	(*n)++;
}

/* A field's value as text, for the people's table. */
static void field_text(char *out, size_t cap, const struct field *f)
{
	char t[IFGW_DATETIME_STRLEN], d[IFGW_DATE_STRLEN], m[IFGW_MONEY_STRLEN];

	if (f->none) {
		snprintf(out, cap, "-");
		return;
	}
	switch (f->type) {
	case IFGW_OUTPUT_TIME:
		ifgw_datetime_format(f->i, t);
		snprintf(out, cap, "%s", t);
		break;
	case IFGW_OUTPUT_DATE:
		ifgw_date_format(f->day, d);
		snprintf(out, cap, "%s", d);
		break;
	case IFGW_OUTPUT_MONEY:
		ifgw_money_format(m, &f->money);
		snprintf(out, cap, "%s %s", m, f->money.ccy->code);
		break;
	default:
		snprintf(out, cap, "%s", f->text);
		break;
	}
}

static int field_cell(struct ifgw_output *o, const struct field *f)
{
	if (f->none)
		return ifgw_output_none(o);
	switch (f->type) {
	case IFGW_OUTPUT_TIME:
		return ifgw_output_time(o, f->i);
	case IFGW_OUTPUT_DATE:
		return ifgw_output_date(o, f->day);
	case IFGW_OUTPUT_MONEY:
		return ifgw_output_money(o, &f->money);
	default:
		return ifgw_output_text(o, f->text);
	}
}

/* The invoice itself: for people a table of (field, value), one line per
 * field; in JSON one object whose keys are the fields. */
static int show_invoice(struct ifgw_output **out, enum ifgw_output_format fmt, const struct ifgw_store_thing_row *x,
			const struct ifgw_ledger_invoice *inv, int64_t now)
{
	static const struct ifgw_output_column kv[] = {{"field", IFGW_OUTPUT_TEXT}, {"value", IFGW_OUTPUT_TEXT}};
	struct field f[FIELDS_MAX];
	struct ifgw_output_column cols[FIELDS_MAX];
	struct ifgw_money figs[IFGW_STORE_FIGURES], interest, none = {0, NULL};
	struct ifgw_output *o = NULL;
	size_t nf = ifgw_store_figure_count(IFGW_STORE_INVOICES), n = 0, i;
	char value[IFGW_STORE_SUBJECT_SIZE + IFGW_MONEY_STRLEN];
	int rc, has_interest = 0;

	memset(f, 0, sizeof(f));
	if (inv && !(has_interest = ifgw_ledger_invoice_interest(&interest, inv, now) == IFGW_OK))
		ifgw_error_clear(); /* shown as none */
	f_text(f, &n, "id", x->id);
	f_text(f, &n, "seller", x->seller);
	f_text(f, &n, "debtor", x->debtor);
	f_text(f, &n, "partner", x->partner);
	f_text(f, &n, "state", x->state);
	f_date(f, &n, "due", inv ? inv->due_date : 0, !inv);
	f_time(f, &n, "assigned", inv ? inv->assigned_at : 0, !inv || !inv->assigned_at);
	for (i = 0; i < nf && i < IFGW_STORE_FIGURES; i++) {
		figs[i] = ifgw_cli_figure(x, i);
		f_money(f, &n, ifgw_store_figure_name(IFGW_STORE_INVOICES, i), &figs[i]);
	}
	f_text(f, &n, "funding", inv ? funding_name(inv->funding.state) : NULL);
	f_time(f, &n, "funding_due", inv ? inv->funding.due_at : 0, !inv || !inv->funding.due_at);
	f_text(f, &n, "funding_missed", inv ? (inv->funding.missed ? "yes" : "no") : NULL);
	f_money(f, &n, "commission", inv ? &inv->funding.commission : &none);
	f_money(f, &n, "interest", has_interest ? &interest : &none);
	f_text(f, &n, "collection", inv ? collection_name(inv->collection.state) : NULL);
	f_text(f, &n, "dispute", inv ? dispute_name(inv->dispute.state) : NULL);
	f_time(f, &n, "updated", x->updated, 0);
	if (fmt == IFGW_OUTPUT_TABLE) {
		if ((rc = ifgw_output_new(&o, fmt, kv, 2)) != IFGW_OK)
			goto out;
		for (i = 0; i < n; i++) {
			field_text(value, sizeof(value), &f[i]);
			if ((rc = ifgw_output_text(o, f[i].name)) != IFGW_OK || (rc = ifgw_output_text(o, value)) != IFGW_OK ||
			    (rc = ifgw_output_row_end(o)) != IFGW_OK)
				goto out;
		}
	} else {
		for (i = 0; i < n; i++)
			cols[i].name = f[i].name, cols[i].type = f[i].type;
		if ((rc = ifgw_output_new(&o, fmt, cols, n)) != IFGW_OK)
			goto out;
		for (i = 0; i < n; i++)
			if ((rc = field_cell(o, &f[i])) != IFGW_OK)
				goto out;
		if ((rc = ifgw_output_row_end(o)) != IFGW_OK)
			goto out;
	}
	*out = o;
	o = NULL;
out:
	ifgw_output_free(o);
	return rc;
}

/* Its letters (to the seller, to the debtor), oldest first. */
static int show_letters(struct ifgw_output **out, enum ifgw_output_format fmt, struct ifgw_store *s, const char *id)
{
	static const struct ifgw_output_column cols[] = {
		{"time", IFGW_OUTPUT_TIME},     {"kind", IFGW_OUTPUT_TEXT},    {"to", IFGW_OUTPUT_TEXT},
		{"recipient", IFGW_OUTPUT_TEXT}, {"amount", IFGW_OUTPUT_MONEY}, {"log_entry", IFGW_OUTPUT_INT},
	};
	struct ifgw_store_letter *l = NULL;
	struct ifgw_output *o = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = ifgw_output_new(&o, fmt, cols, sizeof(cols) / sizeof(cols[0]))) != IFGW_OK ||
	    (rc = ifgw_store_letter_list(s, &l, &n)) != IFGW_OK)
		goto out;
	for (i = 0; i < n; i++) {
		struct ifgw_money m;

		if (strcmp(l[i].subject, id) != 0)
			continue;
		m.minor = l[i].amount;
		m.ccy = l[i].currency[0] ? ifgw_currency_find(l[i].currency) : NULL;
		if ((rc = ifgw_output_time(o, l[i].created)) != IFGW_OK || (rc = ifgw_output_text(o, l[i].kind)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, l[i].party)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, l[i].recipient)) != IFGW_OK || (rc = ifgw_output_money(o, &m)) != IFGW_OK ||
		    (rc = ifgw_output_int(o, (int64_t)l[i].log_entry)) != IFGW_OK || (rc = ifgw_output_row_end(o)) != IFGW_OK)
			goto out;
	}
	*out = o;
	o = NULL;
out:
	free(l);
	ifgw_output_free(o);
	return rc;
}

/* needle = ">" + the invoice number as XML text + "<": the whole text of an
 * element (what a wire message writes a document number as). */
static int xml_needle(struct ifgw_buf *b, const char *id)
{
	const char *p;
	int rc = ifgw_buf_addc(b, '>');

	for (p = id; rc == IFGW_OK && *p; p++)
		rc = *p == '&'   ? ifgw_buf_addstr(b, "&amp;")
		     : *p == '<' ? ifgw_buf_addstr(b, "&lt;")
		     : *p == '>' ? ifgw_buf_addstr(b, "&gt;")
				 : ifgw_buf_addc(b, *p);
	return rc == IFGW_OK ? ifgw_buf_addc(b, '<') : rc;
}

static int holds(const unsigned char *hay, size_t n, const struct ifgw_buf *needle)
{
	size_t i;

	for (i = 0; needle->len && i + needle->len <= n; i++)
		if (hay[i] == (unsigned char)needle->ptr[0] && memcmp(hay + i, needle->ptr, needle->len) == 0)
			return 1;
	return 0;
}

/* Its messages: those to and from the invoice's partner whose exact bytes
 * carry the invoice number as an element's whole text (the store links a
 * message to its corridor, not to the things it carries). */
static int show_messages(struct ifgw_output **out, enum ifgw_output_format fmt, struct ifgw_store *s,
			 const struct ifgw_store_thing_row *x)
{
	static const struct ifgw_output_column cols[] = {
		{"time", IFGW_OUTPUT_TIME}, {"direction", IFGW_OUTPUT_TEXT}, {"partner", IFGW_OUTPUT_TEXT},
		{"type", IFGW_OUTPUT_TEXT}, {"msg_id", IFGW_OUTPUT_TEXT},    {"seq", IFGW_OUTPUT_INT},
		{"state", IFGW_OUTPUT_TEXT},
	};
	struct ifgw_store_message_filter f;
	struct ifgw_store_message *m = NULL;
	struct ifgw_output *o = NULL;
	struct ifgw_buf needle;
	unsigned char *bytes = NULL;
	size_t n = 0, len = 0, i;
	int rc;

	ifgw_buf_init(&needle, 4 * IFGW_ID_SIZE + 8);
	memset(&f, 0, sizeof(f));
	f.partner = x->partner;
	if ((rc = ifgw_output_new(&o, fmt, cols, sizeof(cols) / sizeof(cols[0]))) != IFGW_OK ||
	    (rc = xml_needle(&needle, x->id)) != IFGW_OK)
		goto out;
	if (x->partner[0] && (rc = ifgw_store_message_list(s, &f, &m, &n)) != IFGW_OK)
		goto out;
	for (i = 0; i < n; i++) {
		free(bytes);
		bytes = NULL;
		if ((rc = ifgw_store_message_get(s, m[i].direction, m[i].partner, m[i].msg_id, &bytes, &len)) != IFGW_OK)
			goto out;
		if (!holds(bytes, len, &needle))
			continue;
		if ((rc = ifgw_output_time(o, m[i].time)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, m[i].direction == IFGW_STORE_OUT ? "out" : "in")) != IFGW_OK ||
		    (rc = ifgw_output_text(o, m[i].partner)) != IFGW_OK || (rc = ifgw_output_text(o, m[i].type)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, m[i].msg_id)) != IFGW_OK ||
		    (rc = ifgw_output_int(o, (int64_t)m[i].seq)) != IFGW_OK ||
		    (rc = ifgw_output_text(o, m[i].state)) != IFGW_OK || (rc = ifgw_output_row_end(o)) != IFGW_OK)
			goto out;
	}
	*out = o;
	o = NULL;
out:
	free(bytes);
	free(m);
	ifgw_buf_free(&needle);
	ifgw_output_free(o);
	return rc;
}

static const char *const show_titles[PARTS] = {"invoice", "history", "messages", "letters"};

enum ifgw_exit ifgw_cli_invoices_show(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG}, {"store", required_argument, NULL, OPT_STORE},
		{"format", required_argument, NULL, OPT_FORMAT}, {"now", required_argument, NULL, OPT_NOW},
		{"help", no_argument, NULL, OPT_HELP},           {NULL, 0, NULL, 0},
	};
	const char *what = "invoices show";
	const char *config = NULL, *store = NULL, *now_text = NULL;
	enum ifgw_output_format fmt = IFGW_OUTPUT_TABLE;
	struct ifgw_output *parts[PARTS] = {NULL, NULL, NULL, NULL};
	size_t i;
	struct ifgw_store_thing_row row;
	struct ifgw_ledger_invoice inv;
	struct ifgw_cli_reader r;
	enum ifgw_exit ret;
	int64_t now;
	int opt, loaded, rc;

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
		case OPT_NOW:
			now_text = optarg;
			break;
		case OPT_FORMAT:
			if (ifgw_output_format_parse(&fmt, optarg) != IFGW_OK)
				return ifgw_cli_fail(what);
			if (fmt == IFGW_OUTPUT_CSV)
				return ifgw_cli_usage_error(what, "--format csv: an invoice is four tables; use table or json");
			break;
		case OPT_HELP:
			printf("usage: ifgw invoices show [--config FILE] [--store URI] [--now TIME] [--format F] ID\n\n"
			       "The invoice ID in the node's books: its state, figures, funding (interest on the\n"
			       "advance to TIME), collection and dispute; its history (every log entry about it,\n"
			       "with its time); its messages (to and from its partner, those whose bytes carry\n"
			       "its number); its letters (to the seller, to the debtor).  Read only.\n"
			       "Exit status: 0 shown, 1 no such invoice, 2 usage.\n\n"
			       "Options:\n"
			       "  --config FILE      the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG ")\n"
			       "  --store URI        this store instead of the configuration's <Store>\n" IFGW_CLI_NOW_USAGE
			       "  --format table|json  output format (default table; docs/cli-output.md)\n"
			       "  --help             this text\n");
			return IFGW_EXIT_OK;
		default:
			return ifgw_cli_bad_option(what, argv, OPT_HELP);
		}
	}
	if (optind + 1 != argc)
		return ifgw_cli_usage_error(what, optind >= argc ? "no ID given" : "one ID only");
	if ((ret = ifgw_cli_now(&now, now_text, what)) != IFGW_EXIT_OK)
		return ret;
	if (ifgw_cli_reader_open(&r, config, store) != IFGW_OK) {
		ret = ifgw_cli_fail(what);
		goto out;
	}
	if ((rc = ifgw_store_thing_get(r.store, IFGW_STORE_INVOICES, argv[optind], &row)) != IFGW_OK) {
		if (rc == IFGW_ENOTFOUND) {
			ifgw_error_clear(); /* said in the command's words */
			ifgw_error_set(rc, "invoice %s: not in the books", argv[optind]);
		}
		ret = ifgw_cli_fail(what);
		goto out;
	}
	loaded = ifgw_book_load_invoice(&r.book, argv[optind], &inv) == IFGW_OK;
	if (!loaded)
		ifgw_error_clear(); /* no contract for it any more: the row alone */
	if (show_invoice(&parts[0], fmt, &row, loaded ? &inv : NULL, now) != IFGW_OK ||
	    ifgw_cli_show_history(&parts[1], fmt, r.store, argv[optind], IFGW_STORE_DOC_INVOICE) != IFGW_OK ||
	    show_messages(&parts[2], fmt, r.store, &row) != IFGW_OK ||
	    show_letters(&parts[3], fmt, r.store, argv[optind]) != IFGW_OK ||
	    ifgw_cli_show_write(parts, show_titles, PARTS, fmt) != IFGW_OK) {
		ret = ifgw_cli_fail(what);
		goto out;
	}
	ret = IFGW_EXIT_OK;
out:
	for (i = 0; i < PARTS; i++)
		ifgw_output_free(parts[i]);
	ifgw_cli_reader_close(&r);
	return ret;
}
