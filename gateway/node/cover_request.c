/* cover_request.c: a seller's application for cover into a node's books
 * (cover_request.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "gateway/node/compose.h"
#include "gateway/node/contracts.h"
#include "gateway/node/cover_request.h"
#include "model/codes.h"
#include "model/model.h"

/* Where check's problems go. */
struct report {
	void (*fn)(void *ctx, const char *name, const char *why);
	void *ctx;
	size_t n;
};

static void problem(struct report *r, const char *name, const char *why)
{
	r->fn(r->ctx, name, why);
	r->n++;
}

/* An expected refusal (a cover not in the books yet) is an answer here,
 * not this request's error. */
static void drop_error(void)
{
	struct ifgw_error e;

	ifgw_error_save(&e);
}

/* Check the document read against the node; every problem is reported. */
static void check_request(struct ifgw_cover_request_item *it, struct ifgw_node_book *nb, struct report *problems)
{
	const struct ifgw_cover_request *r = &it->msg->body.cover_request;
	const struct ifgw_config *cfg = ifgw_node_snapshot_config(nb->snap);
	struct ifgw_store_thing_row row;
	char why[IFGW_ID_SIZE + IFGW_NAME_SIZE + 96];

	if (it->msg->hdr.type != IFGW_MSG_COVER_REQUEST) {
		problem(problems, it->name, "not a CoverRequest");
		return;
	}
	if (r->kind != IFGW_COVER_NEW)
		problem(problems, it->name, "not a new cover (Kind new): a change is not requested from a file");
	if (!r->seller.nr[0] || !(it->seller = ifgw_config_seller(cfg, r->seller.nr))) {
		snprintf(why, sizeof(why), "seller %s: not a seller this node factors", r->seller.nr[0] ? r->seller.nr : "-");
		problem(problems, it->name, why);
	} else if (!(it->contract = ifgw_node_contracts_seller(nb->contracts, it->seller->id))) {
		snprintf(why, sizeof(why), "no contract for seller %s", it->seller->id);
		problem(problems, it->name, why);
	}
	if (ifgw_store_thing_get(nb->book.store, IFGW_STORE_COVERS, r->request_nr, &row) == IFGW_OK) {
		snprintf(why, sizeof(why), "request %s is already in the books (cover ids are unique in a node)",
			 r->request_nr);
		problem(problems, it->name, why);
	} else {
		drop_error(); /* not found: as it should be */
	}
	if (!r->amount.ccy || r->amount.minor <= 0)
		problem(problems, it->name, "the amount asked for must be more than 0");
	if (!r->buyer.nr[0])
		problem(problems, it->name, "the buyer has no number (Buyer/Nr) to be known by");
	if (!r->buyer.name[0])
		problem(problems, it->name, "the buyer has no name (Buyer/Name): the partner cannot assess it");
	if (!r->buyer.country[0])
		problem(problems, it->name, "the buyer has no country (Buyer/Country)");
}

size_t ifgw_cover_request_check(struct ifgw_cover_request_item *it, struct ifgw_node_book *nb,
				const unsigned char *data, size_t len, const char *name,
				void (*report)(void *ctx, const char *name, const char *why), void *ctx)
{
	struct report r;

	memset(it, 0, sizeof(*it));
	it->name = name;
	it->data = data;
	it->len = len;
	r.fn = report;
	r.ctx = ctx;
	r.n = 0;
	if (ifgw_msg_read_xml(&it->msg, (const char *)data, len, name) != IFGW_OK) {
		struct ifgw_error e;

		ifgw_error_save(&e); /* the reason is the problem reported, not this run's error */
		problem(&r, name, e.message);
	} else {
		check_request(it, nb, &r);
	}
	return r.n;
}

/* The application as the composer reads it: the document given, with
 * the seller as configured (its name when the file gives none: the
 * partner's message requires it), written back as canonical XML. */
static int put_document(struct ifgw_node_book *nb, struct ifgw_cover_request_item *it)
{
	struct ifgw_cover_request *r = &it->msg->body.cover_request;
	struct ifgw_buf xml;
	int rc;

	if (!r->seller.name[0])
		snprintf(r->seller.name, sizeof(r->seller.name), "%s", it->seller->name);
	ifgw_buf_init(&xml, IFGW_MODEL_XML_MAX);
	if ((rc = ifgw_msg_write_xml(&xml, it->msg)) == IFGW_OK)
		rc = ifgw_store_document_put(nb->book.store, IFGW_COMPOSE_DOC_COVER, r->request_nr, xml.ptr, xml.len);
	ifgw_buf_free(&xml);
	return rc;
}

/* The document, the ledger cover and its request, in the run's transaction. */
static int record(struct ifgw_cover_request_item *it, struct ifgw_node_book *nb, int64_t now)
{
	const struct ifgw_cover_request *r = &it->msg->body.cover_request;
	struct ifgw_ledger_cover c;
	struct ifgw_ledger_event ev;
	int rc;

	memset(&c, 0, sizeof(c));
	snprintf(c.id, sizeof(c.id), "%s", r->request_nr);
	snprintf(c.seller, sizeof(c.seller), "%s", it->seller->id);
	snprintf(c.debtor, sizeof(c.debtor), "%s", r->buyer.nr);
	snprintf(c.debtor_country, sizeof(c.debtor_country), "%s", r->buyer.country);
	memcpy(c.partner, it->contract->partner, sizeof(c.partner));
	c.expiry = IFGW_DATE_NONE;
	c.since = now;
	/* the request sets the amount asked for (as the scenarios' cover step) */
	c.requested.ccy = r->amount.ccy;
	c.granted.ccy = r->amount.ccy;
	ifgw_ledger_event_init(&ev, IFGW_LEDGER_EV_COVER_REQUEST, "seller");
	ev.amount = r->amount;
	if ((rc = put_document(nb, it)) != IFGW_OK || (rc = ifgw_book_add_cover(&nb->book, &c)) != IFGW_OK ||
	    (rc = ifgw_book_apply(&nb->book, IFGW_LEDGER_THING_COVER, c.id, &ev, now)) != IFGW_OK ||
	    (rc = ifgw_book_load_cover(&nb->book, c.id, &c)) != IFGW_OK)
		return rc;
	snprintf(it->state, sizeof(it->state), "%s", ifgw_ledger_cover_state_name(c.state));
	return IFGW_OK;
}

int ifgw_cover_request_record(struct ifgw_cover_request_item *it, struct ifgw_node_book *nb, int64_t now)
{
	int rc;

	IFGW_ASSERT_ARG(it && it->msg && it->seller && it->contract && nb);
	if ((rc = record(it, nb, now)) != IFGW_OK)
		return ifgw_error_wrap(rc, "%s: %s", it->name, it->msg->body.cover_request.request_nr);
	return IFGW_OK;
}

void ifgw_cover_request_item_free(struct ifgw_cover_request_item *it)
{
	if (!it)
		return;
	ifgw_msg_free(it->msg);
	it->msg = NULL;
}
