/* invoices_submit.c: ifgw invoices submit — invoice files into the node's
 * books: ingest and check, find each invoice's seller and contract, route
 * it, then record and assign every invoice in ONE book transaction (a
 * seller new to the books recorded and registered first, each invoice as
 * received kept as a document, the assignments queued for the partner:
 * one batch per partner, seller and currency).  Any problem with any
 * invoice refuses the whole run and changes nothing.
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

#include "adapters/country.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "cli/cli.h"
#include "cli/cli_ingest.h"
#include "cli/cli_node.h"
#include "cli/cmd_invoices.h"
#include "cli/output.h"
#include "gateway/node/book.h"
#include "gateway/node/compose.h"
#include "gateway/node/contracts.h"
#include "gateway/route/route.h"
#include "gateway/store/store.h"
#include "model/message.h"
#include "model/model.h"

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

/* One invoice of the run, checked and ready to record. */
struct item {
	const struct ifgw_ingest_doc *doc;
	const struct ifgw_config_seller *seller;
	const struct ifgw_ledger_contract *contract;
	char debtor[IFGW_ID_SIZE];
	char state[IFGW_STORE_STATE_SIZE]; /* after the assignment */
};

/* One problem of an invoice, on stderr: FILE:LINE: NUMBER: what, why. */
static void problem(size_t *n, const struct ifgw_ingest_doc *doc, const char *what, const char *why)
{
	fprintf(stderr, "ifgw %s: %s:%u: %s: %s%s\n", WHAT, doc->file, doc->line, doc->inv.number, what, why);
	(*n)++;
}

/* The party's number between the factors: its own number, else its
 * registration number, else its VAT number (as gateway/route/batch.c). */
static const char *party_number(const struct ifgw_party *p)
{
	return p->nr[0] ? p->nr : p->reg_nr[0] ? p->reg_nr : p->vat_nr;
}

/* A registration number as its country's profile writes it (the text as
 * given when the profile has no rule or refuses it). */
static void regno_norm(char *out, size_t cap, const char *country, const char *text)
{
	const struct ifgw_country_profile *p = ifgw_country_find(country);

	if (!p || ifgw_country_check_regno(p, text, strlen(text), out, cap) != IFGW_OK) {
		ifgw_error_clear(); /* a number we cannot normalise is compared as written */
		snprintf(out, cap, "%s", text);
	}
}

/* The configured seller of an invoice: its seller number is the seller's
 * id, or its country and registration number are the seller's. */
static const struct ifgw_config_seller *find_seller(const struct ifgw_config *cfg, const struct ifgw_party *p)
{
	char a[IFGW_REGNO_MAX], b[IFGW_REGNO_MAX];
	size_t i;

	if (p->nr[0] && ifgw_config_seller(cfg, p->nr))
		return ifgw_config_seller(cfg, p->nr);
	if (!p->reg_nr[0])
		return NULL;
	regno_norm(a, sizeof(a), p->country, p->reg_nr);
	for (i = 0; i < cfg->seller_count; i++) {
		const struct ifgw_config_seller *s = &cfg->sellers[i];

		if (strcmp(s->country, p->country) != 0)
			continue;
		regno_norm(b, sizeof(b), s->country, s->regno);
		if (strcmp(a, b) == 0)
			return s;
	}
	return NULL;
}

/* The seller in the books: one that was rejected or terminated takes no
 * invoices; one not there yet is registered by this run, which for a
 * partner needs what it is presented with (a seller document in the
 * store, else its Seller/Registration file: docs/outbox.md). */
static void check_seller(struct item *it, struct ifgw_cli_node *n, size_t *problems)
{
	struct ifgw_ledger_seller s;
	unsigned char *body = NULL;
	size_t len = 0;
	char why[IFGW_ID_SIZE + 160];
	int rc = ifgw_book_load_seller(&n->nb.book, it->seller->id, &s);

	if (rc == IFGW_OK) {
		if (s.state == IFGW_LEDGER_SELLER_REJECTED || s.state == IFGW_LEDGER_SELLER_TERMINATED) {
			snprintf(why, sizeof(why), "seller %s is %s by its partner: it assigns no invoices", s.id,
				 ifgw_ledger_seller_state_name(s.state));
			problem(problems, it->doc, "", why);
		}
		return;
	}
	ifgw_error_clear(); /* not in the books: registered by this run */
	if (!it->contract->partner[0] || it->seller->registration)
		return;
	if (ifgw_store_document_get(n->store, IFGW_COMPOSE_DOC_SELLER, it->seller->id, &body, &len, NULL) == IFGW_OK) {
		free(body);
		return;
	}
	ifgw_error_clear();
	snprintf(why, sizeof(why),
		 "seller %s is not registered with %s yet and has no registration to present (Seller/Registration)",
		 it->seller->id, it->contract->partner);
	problem(problems, it->doc, "", why);
}

/* Check one invoice against the node; every problem is printed and
 * counted in *problems. */
static void check_one(struct item *it, struct ifgw_cli_node *n, size_t *problems)
{
	const struct ifgw_ingest_doc *doc = it->doc;
	const struct ifgw_invoice *inv = &doc->inv;
	struct ifgw_store_thing_row row;
	struct ifgw_route r;
	const char *debtor = party_number(&inv->buyer);

	if (inv->doc_type != IFGW_DOC_INVOICE) {
		problem(problems, doc, "", "a credit note is not submitted: it credits its invoice (not yet a command)");
		return;
	}
	if (!(it->seller = find_seller(n->cfg, &inv->seller))) {
		char who[IFGW_NAME_SIZE + IFGW_ID_SIZE + 64];

		snprintf(who, sizeof(who), "seller %s (%s %s): not a seller this node factors",
			 inv->seller.name[0] ? inv->seller.name : "-", inv->seller.country[0] ? inv->seller.country : "-",
			 inv->seller.reg_nr[0] ? inv->seller.reg_nr : "-");
		problem(problems, doc, "", who);
		return;
	}
	it->contract = ifgw_node_contracts_seller(n->nb.contracts, it->seller->id);
	if (!it->contract) { /* every configured seller has one; the contracts were built from the same file */
		problem(problems, doc, "no contract for seller ", it->seller->id);
		return;
	}
	check_seller(it, n, problems);
	if (doc->product != IFGW_INGEST_NO_PRODUCT && (enum ifgw_product)doc->product != it->contract->product) {
		char why[96];

		snprintf(why, sizeof(why), "product %s in the file, the contract of seller %s is %s",
			 ifgw_product_name((enum ifgw_product)doc->product), it->seller->id,
			 ifgw_product_name(it->contract->product));
		problem(problems, doc, "", why);
	}
	if (ifgw_node_contracts_accepts(n->nb.contracts, it->seller->id, inv->amount.ccy) != IFGW_OK) {
		problem(problems, doc, "", ifgw_error_last());
		ifgw_error_clear();
	}
	if (ifgw_route_invoice(&r, n->cfg, it->contract->product, &inv->seller, &inv->buyer) != IFGW_OK) {
		problem(problems, doc, "no route: ", ifgw_error_last());
		ifgw_error_clear();
	} else if (!r.home && strcmp(r.partner->code, it->contract->partner) != 0) {
		char why[IFGW_ROUTE_WHY_MAX + 96];

		snprintf(why, sizeof(why), "routes to %s (%s), the contract of seller %s is with %s", r.partner->code, r.why,
			 it->seller->id, it->contract->partner);
		problem(problems, doc, "", why);
	}
	if (!debtor[0] || strlen(debtor) >= sizeof(it->debtor))
		problem(problems, doc, "", "the debtor has no number, registration or VAT number to be known by");
	else
		memcpy(it->debtor, debtor, strlen(debtor) + 1);
	if (ifgw_store_thing_get(n->store, IFGW_STORE_INVOICES, inv->number, &row) == IFGW_OK)
		problem(problems, doc, "", "already in the books (invoice ids are unique in a node)");
	else
		ifgw_error_clear(); /* not found: as it should be */
}

/* The invoice as received: the canonical XML of a one-item assignment
 * batch (docs/DESIGN.md, "Node wiring"), kept as the document
 * ("invoice", id) the composer builds the partner's batch from. */
static int put_document(struct ifgw_cli_node *n, const struct item *it, int64_t now)
{
	const struct ifgw_invoice *inv = &it->doc->inv;
	struct ifgw_msg *m = NULL;
	struct ifgw_invoice *item;
	struct ifgw_buf xml;
	size_t len;
	int rc;

	ifgw_buf_init(&xml, IFGW_MODEL_XML_MAX);
	if ((rc = ifgw_msg_new(&m, IFGW_MSG_ASSIGNMENT_BATCH)) != IFGW_OK)
		goto out;
	len = strlen(inv->number);
	memcpy(m->hdr.id, inv->number, len + 1);
	memcpy(m->body.batch.batch_nr, inv->number, len + 1);
	memcpy(m->hdr.sender.code, n->cfg->code, sizeof(m->hdr.sender.code));
	/* Domestic: the node keeps the invoice for itself. */
	memcpy(m->hdr.receiver.code, it->contract->partner[0] ? it->contract->partner : n->cfg->code,
	       sizeof(m->hdr.receiver.code));
	m->hdr.sender_role = IFGW_ROLE_EXPORT_FACTOR;
	m->hdr.seq = 1;
	m->hdr.created = now;
	m->body.batch.batch_date = ifgw_datetime_date(now);
	m->body.batch.seller = inv->seller;
	snprintf(m->body.batch.seller.nr, sizeof(m->body.batch.seller.nr), "%s", it->seller->id);
	if ((rc = ifgw_msg_add_item((void **)&item, m)) != IFGW_OK)
		goto out;
	*item = *inv;
	ifgw_party_init(&item->seller); /* the batch names the seller once */
	memcpy(item->buyer.nr, it->debtor, sizeof(it->debtor));
	if ((rc = ifgw_msg_compute_totals(m)) != IFGW_OK || (rc = ifgw_msg_write_xml(&xml, m)) != IFGW_OK)
		goto out;
	rc = ifgw_store_document_put(n->store, IFGW_STORE_DOC_INVOICE, inv->number, xml.ptr, xml.len);
out:
	ifgw_msg_free(m);
	ifgw_buf_free(&xml);
	return rc;
}

/* A seller new to the books: recorded and registered (to the partner: a
 * seller registration, queued before the run's batches; a domestic seller
 * is registered at once). */
static int ensure_seller(struct ifgw_cli_node *n, const struct item *it, int64_t now)
{
	struct ifgw_ledger_seller s;
	struct ifgw_ledger_event ev;
	int rc;

	if ((rc = ifgw_book_load_seller(&n->nb.book, it->seller->id, &s)) != IFGW_ENOTFOUND)
		return rc;
	ifgw_error_clear(); /* not in the books yet */
	memset(&s, 0, sizeof(s));
	snprintf(s.id, sizeof(s.id), "%s", it->seller->id);
	memcpy(s.partner, it->contract->partner, sizeof(s.partner));
	s.role = IFGW_LEDGER_ROLE_HOME;
	s.state = IFGW_LEDGER_SELLER_NEW;
	s.since = now;
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_SELLER_REGISTER, "seller");
	if ((rc = ifgw_book_add_seller(&n->nb.book, &s)) != IFGW_OK)
		return rc;
	return ifgw_book_apply(&n->nb.book, IFGW_LEDGER_THING_SELLER, s.id, &ev, now);
}

/* Record and assign one invoice, in the run's transaction. */
static int record(struct ifgw_cli_node *n, struct item *it, int64_t now)
{
	const struct ifgw_invoice *inv = &it->doc->inv;
	struct ifgw_ledger_invoice li;
	struct ifgw_ledger_event ev;
	int rc;

	if ((rc = ensure_seller(n, it, now)) != IFGW_OK || (rc = put_document(n, it, now)) != IFGW_OK ||
	    (rc = ifgw_ledger_invoice_init(&li, inv->number, it->seller->id, it->debtor, &inv->amount, inv->due_date,
					   it->contract)) != IFGW_OK ||
	    (rc = ifgw_book_add_invoice(&n->nb.book, &li)) != IFGW_OK)
		return rc;
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ASSIGN, "seller");
	if ((rc = ifgw_book_apply(&n->nb.book, IFGW_LEDGER_THING_INVOICE, inv->number, &ev, now)) != IFGW_OK ||
	    (rc = ifgw_book_load_invoice(&n->nb.book, inv->number, &li)) != IFGW_OK)
		return rc;
	snprintf(it->state, sizeof(it->state), "%s", ifgw_ledger_invoice_state_name(li.state));
	return IFGW_OK;
}

static int print_rows(const struct item *items, size_t n, enum ifgw_output_format fmt)
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
	struct item *items = NULL;
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
		size_t before = problems;

		items[i].doc = &docs[i];
		ifgw_cli_ingest_notes(&docs[i]);
		check_one(&items[i], &n, &problems);
		refused += problems > before;
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
	for (i = 0; i < n_docs; i++) {
		int rc = record(&n, &items[i], now);

		if (rc != IFGW_OK) {
			ifgw_error_wrap(rc, "%s:%u: %s", docs[i].file, docs[i].line, docs[i].inv.number);
			break;
		}
	}
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
