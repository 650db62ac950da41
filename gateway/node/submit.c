/* submit.c: invoices into a node's books (submit.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapters/country.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "gateway/node/compose.h"
#include "gateway/node/submit.h"
#include "gateway/route/route.h"
#include "model/message.h"
#include "model/model.h"

/* Where check_one's problems go. */
struct report {
	void (*fn)(void *ctx, const struct ifgw_ingest_doc *doc, const char *why);
	void *ctx;
	size_t n;
};

static void problem(struct report *r, const struct ifgw_ingest_doc *doc, const char *what, const char *why)
{
	char line[1024]; /* what + why: a route's reason is the longest */

	snprintf(line, sizeof(line), "%s%s", what, why);
	r->fn(r->ctx, doc, line);
	r->n++;
}

/* An expected refusal (a thing not in the books yet, a number a profile
 * cannot normalise) is an answer here, not this request's error. */
static void drop_error(void)
{
	struct ifgw_error e;

	ifgw_error_save(&e);
}

static const struct ifgw_config *config_of(const struct ifgw_node_book *nb)
{
	return ifgw_node_snapshot_config(nb->snap);
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
		drop_error(); /* a number we cannot normalise is compared as written */
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
static void check_seller(struct ifgw_submit_item *it, struct ifgw_node_book *nb, struct report *problems)
{
	struct ifgw_ledger_seller s;
	unsigned char *body = NULL;
	size_t len = 0;
	char why[IFGW_ID_SIZE + 160];
	int rc = ifgw_book_load_seller(&nb->book, it->seller->id, &s);

	if (rc == IFGW_OK) {
		if (s.state == IFGW_LEDGER_SELLER_REJECTED || s.state == IFGW_LEDGER_SELLER_TERMINATED) {
			snprintf(why, sizeof(why), "seller %s is %s by its partner: it assigns no invoices", s.id,
				 ifgw_ledger_seller_state_name(s.state));
			problem(problems, it->doc, "", why);
		}
		return;
	}
	drop_error(); /* not in the books: registered by this run */
	if (!it->contract->partner[0] || it->seller->registration)
		return;
	if (ifgw_store_document_get(nb->book.store, IFGW_COMPOSE_DOC_SELLER, it->seller->id, &body, &len, NULL) == IFGW_OK) {
		free(body);
		return;
	}
	drop_error();
	snprintf(why, sizeof(why),
		 "seller %s is not registered with %s yet and has no registration to present (Seller/Registration)",
		 it->seller->id, it->contract->partner);
	problem(problems, it->doc, "", why);
}

/* Check one invoice against the node; every problem is reported. */
static void check_one(struct ifgw_submit_item *it, struct ifgw_node_book *nb, struct report *problems)
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
	if (!(it->seller = find_seller(config_of(nb), &inv->seller))) {
		char who[IFGW_NAME_SIZE + IFGW_ID_SIZE + 64];

		snprintf(who, sizeof(who), "seller %s (%s %s): not a seller this node factors",
			 inv->seller.name[0] ? inv->seller.name : "-", inv->seller.country[0] ? inv->seller.country : "-",
			 inv->seller.reg_nr[0] ? inv->seller.reg_nr : "-");
		problem(problems, doc, "", who);
		return;
	}
	it->contract = ifgw_node_contracts_seller(nb->contracts, it->seller->id);
	if (!it->contract) { /* every configured seller has one; the contracts were built from the same file */
		problem(problems, doc, "no contract for seller ", it->seller->id);
		return;
	}
	check_seller(it, nb, problems);
	if (doc->product != IFGW_INGEST_NO_PRODUCT && (enum ifgw_product)doc->product != it->contract->product) {
		char why[96];

		snprintf(why, sizeof(why), "product %s in the file, the contract of seller %s is %s",
			 ifgw_product_name((enum ifgw_product)doc->product), it->seller->id,
			 ifgw_product_name(it->contract->product));
		problem(problems, doc, "", why);
	}
	if (ifgw_node_contracts_accepts(nb->contracts, it->seller->id, inv->amount.ccy) != IFGW_OK) {
		problem(problems, doc, "", ifgw_error_last());
		drop_error();
	}
	if (ifgw_route_invoice(&r, config_of(nb), it->contract->product, &inv->seller, &inv->buyer) != IFGW_OK) {
		problem(problems, doc, "no route: ", ifgw_error_last());
		drop_error();
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
	if (ifgw_store_thing_get(nb->book.store, IFGW_STORE_INVOICES, inv->number, &row) == IFGW_OK)
		problem(problems, doc, "", "already in the books (invoice ids are unique in a node)");
	else
		drop_error(); /* not found: as it should be */
}

/* The invoice as received: the canonical XML of a one-item assignment
 * batch (docs/DESIGN.md, "Node wiring"), kept as the document
 * ("invoice", id) the composer builds the partner's batch from. */
static int put_document(struct ifgw_node_book *nb, const struct ifgw_submit_item *it, int64_t now)
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
	memcpy(m->hdr.sender.code, config_of(nb)->code, sizeof(m->hdr.sender.code));
	/* Domestic: the node keeps the invoice for itself. */
	memcpy(m->hdr.receiver.code, it->contract->partner[0] ? it->contract->partner : config_of(nb)->code,
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
	rc = ifgw_store_document_put(nb->book.store, IFGW_STORE_DOC_INVOICE, inv->number, xml.ptr, xml.len);
out:
	ifgw_msg_free(m);
	ifgw_buf_free(&xml);
	return rc;
}

/* A seller new to the books: recorded and registered (to the partner: a
 * seller registration, queued before the run's batches; a domestic seller
 * is registered at once). */
static int ensure_seller(struct ifgw_node_book *nb, const struct ifgw_submit_item *it, int64_t now)
{
	struct ifgw_ledger_seller s;
	struct ifgw_ledger_event ev;
	int rc;

	if ((rc = ifgw_book_load_seller(&nb->book, it->seller->id, &s)) != IFGW_ENOTFOUND)
		return rc;
	drop_error(); /* not in the books yet */
	memset(&s, 0, sizeof(s));
	snprintf(s.id, sizeof(s.id), "%s", it->seller->id);
	memcpy(s.partner, it->contract->partner, sizeof(s.partner));
	s.role = IFGW_LEDGER_ROLE_HOME;
	s.state = IFGW_LEDGER_SELLER_NEW;
	s.since = now;
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_SELLER_REGISTER, "seller");
	if ((rc = ifgw_book_add_seller(&nb->book, &s)) != IFGW_OK)
		return rc;
	return ifgw_book_apply(&nb->book, IFGW_LEDGER_THING_SELLER, s.id, &ev, now);
}

/* Record and assign one invoice, in the run's transaction. */
static int record(struct ifgw_submit_item *it, struct ifgw_node_book *nb, int64_t now)
{
	const struct ifgw_invoice *inv = &it->doc->inv;
	struct ifgw_ledger_invoice li;
	struct ifgw_ledger_event ev;
	int rc;

	if ((rc = ensure_seller(nb, it, now)) != IFGW_OK || (rc = put_document(nb, it, now)) != IFGW_OK ||
	    (rc = ifgw_ledger_invoice_init(&li, inv->number, it->seller->id, it->debtor, &inv->amount, inv->due_date,
					   it->contract)) != IFGW_OK ||
	    (rc = ifgw_book_add_invoice(&nb->book, &li)) != IFGW_OK)
		return rc;
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_ASSIGN, "seller");
	if ((rc = ifgw_book_apply(&nb->book, IFGW_LEDGER_THING_INVOICE, inv->number, &ev, now)) != IFGW_OK ||
	    (rc = ifgw_book_load_invoice(&nb->book, inv->number, &li)) != IFGW_OK)
		return rc;
	snprintf(it->state, sizeof(it->state), "%s", ifgw_ledger_invoice_state_name(li.state));
	return IFGW_OK;
}


size_t ifgw_submit_check(struct ifgw_submit_item *it, struct ifgw_node_book *nb, const struct ifgw_ingest_doc *doc,
			 void (*report)(void *ctx, const struct ifgw_ingest_doc *doc, const char *why), void *ctx)
{
	struct report r;

	memset(it, 0, sizeof(*it));
	it->doc = doc;
	r.fn = report;
	r.ctx = ctx;
	r.n = 0;
	check_one(it, nb, &r);
	return r.n;
}

int ifgw_submit_record(struct ifgw_submit_item *it, struct ifgw_node_book *nb, int64_t now)
{
	int rc;

	IFGW_ASSERT_ARG(it && it->doc && it->seller && it->contract && nb);
	if ((rc = record(it, nb, now)) != IFGW_OK)
		return ifgw_error_wrap(rc, "%s:%u: %s", it->doc->file, it->doc->line, it->doc->inv.number);
	return IFGW_OK;
}
