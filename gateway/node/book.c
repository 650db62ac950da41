/* book.c: the ledger's books kept in the store (book.h).
 *
 * A thing becomes a store row: its id, parties, state name, currency and
 * figures in columns (what queries and audits read), and the rest of its
 * state machine as `detail`, a list of 64-bit integers in the order below.
 * Money is minor units in the row's one currency; a bit mask in the detail
 * remembers which amounts had a currency at all (the ledger leaves some
 * unset until they are used), so a thing reads back exactly as it was. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "currency/iso4217.h"
#include "gateway/node/book.h"
#include "model/codes.h"

#define TICK_CAP 256    /* due transitions listed per round */
#define TICK_ROUNDS 64  /* rounds at one time: applying one may make another due */

/* --- rows <-> things */

static int set_text(char *dst, size_t size, const char *src, const char *what, const char *id)
{
	size_t len = strlen(src);

	if (len >= size)
		return ifgw_error_set(IFGW_EINVAL, "book: %s %s: too long for the store (%zu bytes)", what, id, len);
	memcpy(dst, src, len + 1);
	return IFGW_OK;
}

/* The row's currency from the amounts; the mask of those that have one. */
static int money_out(struct ifgw_store_thing_row *r, const struct ifgw_money *const *m, size_t n, int64_t *mask)
{
	size_t i;

	*mask = 0;
	r->currency[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!m[i]->ccy)
			continue;
		if (r->currency[0] && strcmp(r->currency, m[i]->ccy->code) != 0)
			return ifgw_error_set(IFGW_EINVAL, "book: %s: amounts in %s and %s", r->id, r->currency,
					      m[i]->ccy->code);
		memcpy(r->currency, m[i]->ccy->code, sizeof(r->currency));
		*mask |= INT64_C(1) << i;
	}
	return IFGW_OK;
}

static int money_in(struct ifgw_money *const *m, const int64_t *minor, size_t n, int64_t mask,
		    const struct ifgw_store_thing_row *r)
{
	const struct ifgw_currency *ccy = r->currency[0] ? ifgw_currency_find(r->currency) : NULL;
	size_t i;

	if (mask && !ccy)
		return ifgw_error_set(IFGW_EPARSE, "book: %s: unknown currency '%s' in the store", r->id, r->currency);
	for (i = 0; i < n; i++) {
		m[i]->minor = minor[i];
		m[i]->ccy = (mask >> i) & 1 ? ccy : NULL;
	}
	return IFGW_OK;
}

static int detail_ok(const struct ifgw_store_thing_row *r, size_t want)
{
	if (r->n_detail != want)
		return ifgw_error_set(IFGW_EPARSE, "book: %s: %zu detail values in the store, this ifgw reads %zu", r->id,
				      r->n_detail, want);
	return IFGW_OK;
}

/* Detail lengths: a later one appends; a row written before the roles
 * (SELLER_DETAIL_V1, COVER_DETAIL_V1) reads as the home role's. */
#define SELLER_DETAIL_V1 2
#define SELLER_DETAIL 3

/* A two-letter country as one detail integer ('F' << 8 | 'R'), 0 for none. */
static int64_t country_int(const char *c)
{
	return c[0] && c[1] ? ((int64_t)(unsigned char)c[0] << 8) | (unsigned char)c[1] : 0;
}

static int country_text(char out[IFGW_COUNTRY_SIZE], int64_t v, const char *id)
{
	int a = (int)((v >> 8) & 0xff), b = (int)(v & 0xff);

	memset(out, 0, IFGW_COUNTRY_SIZE);
	if (v == 0)
		return IFGW_OK;
	if (v < 0 || v > 0xffff || a < 'A' || a > 'Z' || b < 'A' || b > 'Z')
		return ifgw_error_set(IFGW_EPARSE, "book: cover %s: country %lld in the store is no ISO 3166 code", id,
				      (long long)v);
	out[0] = (char)a;
	out[1] = (char)b;
	return IFGW_OK;
}

static int role_of(int *out, int64_t v, const char *what, const char *id)
{
	if (v != IFGW_LEDGER_ROLE_HOME && v != IFGW_LEDGER_ROLE_IMPORT)
		return ifgw_error_set(IFGW_EPARSE, "book: %s %s: role %lld in the store is neither home nor import", what,
				      id, (long long)v);
	*out = (int)v;
	return IFGW_OK;
}

static int seller_row(struct ifgw_store_thing_row *r, const struct ifgw_ledger_seller *x)
{
	int rc;

	if ((rc = set_text(r->id, sizeof(r->id), x->id, "seller", x->id)) != IFGW_OK ||
	    (rc = set_text(r->partner, sizeof(r->partner), x->partner, "seller", x->id)) != IFGW_OK ||
	    (rc = set_text(r->state, sizeof(r->state), ifgw_ledger_seller_state_name(x->state), "seller", x->id)) != IFGW_OK)
		return rc;
	r->detail[0] = x->state;
	r->detail[1] = x->since;
	r->detail[2] = x->role;
	r->n_detail = SELLER_DETAIL;
	return IFGW_OK;
}

static int seller_from(struct ifgw_ledger_seller *x, const struct ifgw_store_thing_row *r)
{
	int rc;

	if (r->n_detail != SELLER_DETAIL_V1 && (rc = detail_ok(r, SELLER_DETAIL)) != IFGW_OK)
		return rc;
	memset(x, 0, sizeof(*x));
	if ((rc = set_text(x->id, sizeof(x->id), r->id, "seller", r->id)) != IFGW_OK ||
	    (rc = set_text(x->partner, sizeof(x->partner), r->partner, "seller", r->id)) != IFGW_OK)
		return rc;
	x->state = (int)r->detail[0];
	x->since = r->detail[1];
	x->role = IFGW_LEDGER_ROLE_HOME;
	if (r->n_detail > 2)
		return role_of(&x->role, r->detail[2], "seller", r->id);
	return IFGW_OK;
}

#define COVER_DETAIL_V1 6
#define COVER_DETAIL 11

static int cover_row(struct ifgw_store_thing_row *r, const struct ifgw_ledger_cover *x)
{
	const struct ifgw_money *m[3] = {&x->requested, &x->granted, &x->answer_amount};
	int64_t mask = 0;
	int rc;

	if ((rc = set_text(r->id, sizeof(r->id), x->id, "cover", x->id)) != IFGW_OK ||
	    (rc = set_text(r->seller, sizeof(r->seller), x->seller, "cover", x->id)) != IFGW_OK ||
	    (rc = set_text(r->debtor, sizeof(r->debtor), x->debtor, "cover", x->id)) != IFGW_OK ||
	    (rc = set_text(r->partner, sizeof(r->partner), x->partner, "cover", x->id)) != IFGW_OK ||
	    (rc = set_text(r->state, sizeof(r->state), ifgw_ledger_cover_state_name(x->state), "cover", x->id)) != IFGW_OK ||
	    (rc = money_out(r, m, 3, &mask)) != IFGW_OK)
		return rc;
	r->figures[0] = x->requested.minor;
	r->figures[1] = x->granted.minor;
	r->detail[0] = x->state;
	r->detail[1] = x->requested_at;
	r->detail[2] = x->expiry;
	r->detail[3] = x->unanswered;
	r->detail[4] = x->since;
	r->detail[5] = mask;
	r->detail[6] = x->role;
	r->detail[7] = country_int(x->debtor_country);
	r->detail[8] = x->answer_kind;
	r->detail[9] = x->answer_at;
	r->detail[10] = x->answer_amount.minor;
	r->n_detail = COVER_DETAIL;
	return IFGW_OK;
}

static int cover_from(struct ifgw_ledger_cover *x, const struct ifgw_store_thing_row *r)
{
	struct ifgw_money *m[3];
	int64_t minor[3];
	int rc;

	if (r->n_detail != COVER_DETAIL_V1 && (rc = detail_ok(r, COVER_DETAIL)) != IFGW_OK)
		return rc;
	memset(x, 0, sizeof(*x));
	m[0] = &x->requested;
	m[1] = &x->granted;
	m[2] = &x->answer_amount;
	minor[0] = r->figures[0];
	minor[1] = r->figures[1];
	minor[2] = r->n_detail > COVER_DETAIL_V1 ? r->detail[10] : 0;
	if ((rc = set_text(x->id, sizeof(x->id), r->id, "cover", r->id)) != IFGW_OK ||
	    (rc = set_text(x->seller, sizeof(x->seller), r->seller, "cover", r->id)) != IFGW_OK ||
	    (rc = set_text(x->debtor, sizeof(x->debtor), r->debtor, "cover", r->id)) != IFGW_OK ||
	    (rc = set_text(x->partner, sizeof(x->partner), r->partner, "cover", r->id)) != IFGW_OK ||
	    (rc = money_in(m, minor, 3, r->detail[5], r)) != IFGW_OK)
		return rc;
	x->state = (int)r->detail[0];
	x->requested_at = r->detail[1];
	x->expiry = (int32_t)r->detail[2];
	x->unanswered = (int)r->detail[3];
	x->since = r->detail[4];
	x->role = IFGW_LEDGER_ROLE_HOME;
	if (r->n_detail == COVER_DETAIL_V1)
		return IFGW_OK;
	if ((rc = role_of(&x->role, r->detail[6], "cover", r->id)) != IFGW_OK ||
	    (rc = country_text(x->debtor_country, r->detail[7], r->id)) != IFGW_OK)
		return rc;
	x->answer_kind = (int)r->detail[8];
	x->answer_at = r->detail[9];
	return IFGW_OK;
}

/* An invoice's amounts: the 11 figure columns first (ifgw_store_figure_name
 * order), then those kept in the detail. */
#define INV_FIGURES IFGW_STORE_FIGURES
#define INV_MONEY (INV_FIGURES + 2)
#define INV_DETAIL 28

static void invoice_money(struct ifgw_money *m[INV_MONEY], struct ifgw_ledger_invoice *x)
{
	struct ifgw_money *all[INV_MONEY] = {
		&x->amount, &x->approved, &x->paid, &x->guaranteed, &x->credited, &x->charged_back,
		&x->outstanding, &x->disputed, &x->funding.advanced, &x->funding.repaid, &x->funding.outstanding,
		&x->funding.commission, &x->dispute.amount,
	};

	memcpy(m, all, sizeof(all));
}

/* The detail's integers, in their order (both directions use it). */
static void invoice_ints(int64_t **v, struct ifgw_ledger_invoice *x, int64_t *tmp)
{
	size_t i = 0, k;

	/* int fields are widened through tmp: filled before writing, read back after. */
	v[i++] = &tmp[0];  /* state */
	v[i++] = &tmp[1];  /* prior */
	v[i++] = &tmp[2];  /* due_date */
	v[i++] = &x->assigned_at;
	v[i++] = &x->since;
	v[i++] = &tmp[3];  /* funding.state */
	v[i++] = &x->funding.due_at;
	v[i++] = &x->funding.paid_at;
	v[i++] = &tmp[4];  /* funding.missed */
	v[i++] = &x->funding.balance_days;
	v[i++] = &tmp[5];  /* funding.accrued_to */
	v[i++] = &tmp[6];  /* collection.state */
	v[i++] = &tmp[7];  /* collection.steps_done */
	for (k = 0; k < IFGW_LEDGER_DUNNING_STEPS; k++)
		v[i++] = &tmp[8 + k]; /* collection.step_dates */
	v[i++] = &tmp[12]; /* dispute.state */
	v[i++] = &x->dispute.raised_at;
	v[i++] = &tmp[13]; /* dispute.info_overdue */
	v[i++] = &tmp[14]; /* dispute.suspends_pug */
	v[i++] = &tmp[15]; /* dispute.outcome */
	v[i++] = &tmp[16]; /* money mask */
	v[i++] = &tmp[17]; /* funding.commission minor */
	v[i++] = &tmp[18]; /* dispute.amount minor */
	v[i++] = &tmp[19]; /* reserved: 0 */
	v[i++] = &tmp[20]; /* reserved: 0 */
	v[i++] = &tmp[21]; /* reserved: 0 */
}

static int invoice_row(struct ifgw_store_thing_row *r, struct ifgw_ledger_invoice *x)
{
	struct ifgw_money *m[INV_MONEY];
	int64_t *v[INV_DETAIL], tmp[22], mask = 0;
	size_t i;
	int rc;

	invoice_money(m, x);
	if ((rc = set_text(r->id, sizeof(r->id), x->id, "invoice", x->id)) != IFGW_OK ||
	    (rc = set_text(r->seller, sizeof(r->seller), x->seller, "invoice", x->id)) != IFGW_OK ||
	    (rc = set_text(r->debtor, sizeof(r->debtor), x->debtor, "invoice", x->id)) != IFGW_OK ||
	    (rc = set_text(r->partner, sizeof(r->partner), x->contract ? x->contract->partner : "", "invoice", x->id)) !=
		    IFGW_OK ||
	    (rc = set_text(r->state, sizeof(r->state), ifgw_ledger_invoice_state_name(x->state), "invoice", x->id)) !=
		    IFGW_OK ||
	    (rc = money_out(r, (const struct ifgw_money *const *)m, INV_MONEY, &mask)) != IFGW_OK)
		return rc;
	for (i = 0; i < INV_FIGURES; i++)
		r->figures[i] = m[i]->minor;
	memset(tmp, 0, sizeof(tmp));
	tmp[0] = x->state;
	tmp[1] = x->prior;
	tmp[2] = x->due_date;
	tmp[3] = x->funding.state;
	tmp[4] = x->funding.missed;
	tmp[5] = x->funding.accrued_to;
	tmp[6] = x->collection.state;
	tmp[7] = x->collection.steps_done;
	for (i = 0; i < IFGW_LEDGER_DUNNING_STEPS; i++)
		tmp[8 + i] = x->collection.step_dates[i];
	tmp[12] = x->dispute.state;
	tmp[13] = x->dispute.info_overdue;
	tmp[14] = x->dispute.suspends_pug;
	tmp[15] = x->dispute.outcome;
	tmp[16] = mask;
	tmp[17] = x->funding.commission.minor;
	tmp[18] = x->dispute.amount.minor;
	invoice_ints(v, x, tmp);
	for (i = 0; i < INV_DETAIL; i++)
		r->detail[i] = *v[i];
	r->n_detail = INV_DETAIL;
	return IFGW_OK;
}

static int invoice_from(struct ifgw_ledger_invoice *x, const struct ifgw_store_thing_row *r,
			const struct ifgw_book_contracts *k)
{
	struct ifgw_money *m[INV_MONEY];
	int64_t *v[INV_DETAIL], tmp[22], minor[INV_MONEY];
	size_t i;
	int rc;

	if ((rc = detail_ok(r, INV_DETAIL)) != IFGW_OK)
		return rc;
	memset(x, 0, sizeof(*x));
	memset(tmp, 0, sizeof(tmp));
	invoice_ints(v, x, tmp);
	for (i = 0; i < INV_DETAIL; i++)
		*v[i] = r->detail[i];
	if ((rc = set_text(x->id, sizeof(x->id), r->id, "invoice", r->id)) != IFGW_OK ||
	    (rc = set_text(x->seller, sizeof(x->seller), r->seller, "invoice", r->id)) != IFGW_OK ||
	    (rc = set_text(x->debtor, sizeof(x->debtor), r->debtor, "invoice", r->id)) != IFGW_OK)
		return rc;
	x->contract = k && k->find ? k->find(k->ctx, r->seller, r->partner) : NULL;
	if (!x->contract)
		return ifgw_error_set(IFGW_ESTATE, "book: invoice %s: seller %s has no contract", r->id, r->seller);
	x->state = (int)tmp[0];
	x->prior = (int)tmp[1];
	x->due_date = (int32_t)tmp[2];
	x->funding.state = (int)tmp[3];
	x->funding.missed = (int)tmp[4];
	x->funding.accrued_to = (int32_t)tmp[5];
	x->collection.state = (int)tmp[6];
	x->collection.steps_done = (int)tmp[7];
	for (i = 0; i < IFGW_LEDGER_DUNNING_STEPS; i++)
		x->collection.step_dates[i] = (int32_t)tmp[8 + i];
	x->dispute.state = (int)tmp[12];
	x->dispute.info_overdue = (int)tmp[13];
	x->dispute.suspends_pug = (int)tmp[14];
	x->dispute.outcome = (int)tmp[15];
	for (i = 0; i < INV_FIGURES; i++)
		minor[i] = r->figures[i];
	minor[INV_FIGURES] = tmp[17];
	minor[INV_FIGURES + 1] = tmp[18];
	invoice_money(m, x);
	return money_in(m, minor, INV_MONEY, tmp[16], r);
}

/* --- effects */

static const char *letter_name(int letter)
{
	switch (letter) {
	case IFGW_LEDGER_LETTER_REMINDER:
		return "reminder";
	case IFGW_LEDGER_LETTER_SECOND_REMINDER:
		return "second-reminder";
	case IFGW_LEDGER_LETTER_FORMAL_NOTICE:
		return "formal-notice";
	case IFGW_LEDGER_LETTER_HANDOVER:
		return "hand-over";
	default:
		return "letter";
	}
}

static int put_row(struct ifgw_book *b, const struct ifgw_ledger_outbox_row *row, const struct ifgw_ledger_event *ev,
		   int64_t now)
{
	struct ifgw_store *s = b->store;
	const char *type = row->msg_type != 0 ? ifgw_msg_type_name(row->msg_type) : letter_name(row->letter);
	char payload[512];
	int len, rc;

	if (!type)
		return ifgw_error_set(IFGW_EINVAL, "book: %s: outbox row of unknown message type %d", row->subject,
				      row->msg_type);
	/* Without a sink (the book's own tests): what the row says, as text;
	 * the node's sink (gateway/node/outbox_sink.c) queues the real,
	 * signed message instead. */
	len = snprintf(payload, sizeof(payload), "%s\n%s\n%s\n%lld %s\n", type, row->to_id, row->subject,
		       (long long)row->amount.minor, row->amount.ccy ? row->amount.ccy->code : "");
	if (len < 0 || (size_t)len >= sizeof(payload))
		return ifgw_error_set(IFGW_EINVAL, "book: %s: outbox row too long", row->subject);
	if (row->to == IFGW_LEDGER_TO_PARTNER && b->sink.partner_message)
		return b->sink.partner_message(b->sink.ctx, s, row, ev, now);
	if (row->to == IFGW_LEDGER_TO_PARTNER) {
		struct ifgw_store_outbound m;
		uint64_t next = 0;

		memset(&m, 0, sizeof(m));
		/* The message id is the index of its message-out log entry:
		 * unique in the store, so in the corridor. */
		if ((rc = ifgw_store_log_count(s, &next)) != IFGW_OK)
			return rc;
		snprintf(m.msg_id, sizeof(m.msg_id), "L%llu", (unsigned long long)next);
		if ((rc = set_text(m.partner, sizeof(m.partner), row->to_id, "partner of", row->subject)) != IFGW_OK ||
		    (rc = set_text(m.type, sizeof(m.type), type, "message type of", row->subject)) != IFGW_OK)
			return rc;
		m.next_attempt = now;
		m.payload = (const unsigned char *)payload;
		m.payload_len = (size_t)len;
		return ifgw_store_outbox_put(s, NULL, &m);
	} else {
		struct ifgw_store_letter l;

		memset(&l, 0, sizeof(l));
		snprintf(l.party, sizeof(l.party), "%s", row->to == IFGW_LEDGER_TO_DEBTOR ? "debtor" : "seller");
		if ((rc = set_text(l.recipient, sizeof(l.recipient), row->to_id, "recipient of", row->subject)) != IFGW_OK ||
		    (rc = set_text(l.kind, sizeof(l.kind), type, "letter kind of", row->subject)) != IFGW_OK ||
		    (rc = set_text(l.subject, sizeof(l.subject), row->subject, "subject", row->subject)) != IFGW_OK)
			return rc;
		if (row->amount.ccy)
			memcpy(l.currency, row->amount.ccy->code, sizeof(l.currency));
		l.amount = row->amount.minor;
		return ifgw_store_letter_put(s, &l);
	}
}

static int put_log(struct ifgw_store *s, const struct ifgw_ledger_log_entry *e)
{
	char payload[512];
	int len;

	/* The entry's own figure and time, hashed into the log. */
	len = snprintf(payload, sizeof(payload), "%s\n%s\n%s\n%lld\n%lld %s\n", e->kind, e->subject, e->actor,
		       (long long)e->time, (long long)e->amount.minor, e->amount.ccy ? e->amount.ccy->code : "");
	if (len < 0 || (size_t)len >= sizeof(payload))
		return ifgw_error_set(IFGW_EINVAL, "book: %s: log entry too long", e->subject);
	return ifgw_store_log_append(s, NULL, e->kind, e->subject, e->actor, payload, (size_t)len);
}

static int put_effects(struct ifgw_book *b, const struct ifgw_ledger_effects *fx, const struct ifgw_ledger_event *ev,
		       int64_t now)
{
	size_t i;
	int rc = IFGW_OK;

	for (i = 0; rc == IFGW_OK && i < fx->n_rows; i++)
		rc = put_row(b, &fx->rows[i], ev, now);
	for (i = 0; rc == IFGW_OK && i < fx->n_log; i++)
		rc = put_log(b->store, &fx->log[i]);
	return rc;
}

/* --- one transaction */

static enum ifgw_store_thing store_kind(int thing)
{
	return thing == IFGW_LEDGER_THING_SELLER ? IFGW_STORE_SELLERS
	       : thing == IFGW_LEDGER_THING_COVER ? IFGW_STORE_COVERS
						   : IFGW_STORE_INVOICES;
}

/* A book call runs in a transaction of its own, or joins the caller's
 * (ifgw_book_begin).  A failure inside the caller's transaction poisons
 * it: ifgw_book_commit then rolls back, so a half-applied call can never
 * be committed. */
static int begin(struct ifgw_book *b)
{
	if (b->in_caller_tx)
		return IFGW_OK;
	if (ifgw_store_in_transaction(b->store))
		return ifgw_error_set(IFGW_ESTATE,
				      "book: the store is in a transaction the book did not begin (use ifgw_book_begin)");
	return ifgw_store_begin(b->store);
}

static void discard(struct ifgw_book *b)
{
	if (b->sink.discard)
		b->sink.discard(b->sink.ctx);
}

/* Flush the sink and commit, or roll back: the first error stays the one
 * reported. */
static int commit(struct ifgw_book *b, int64_t now)
{
	int rc = IFGW_OK;

	if (b->sink.flush)
		rc = b->sink.flush(b->sink.ctx, b->store, now);
	if (rc == IFGW_OK && (rc = ifgw_store_commit(b->store)) == IFGW_OK)
		return IFGW_OK;
	ifgw_store_rollback(b->store);
	discard(b);
	return rc;
}

static int finish(struct ifgw_book *b, int rc, int64_t now)
{
	if (b->in_caller_tx) {
		if (rc != IFGW_OK)
			b->failed = 1;
		return rc;
	}
	if (rc == IFGW_OK)
		return commit(b, now);
	ifgw_store_rollback(b->store);
	discard(b);
	return rc;
}

int ifgw_book_begin(struct ifgw_book *b, int64_t now)
{
	int rc;

	IFGW_ASSERT_ARG(b && b->store);
	if (b->in_caller_tx || ifgw_store_in_transaction(b->store))
		return ifgw_error_set(IFGW_ESTATE, "book: a transaction is already open");
	if ((rc = ifgw_store_begin(b->store)) != IFGW_OK)
		return rc;
	b->in_caller_tx = 1;
	b->failed = 0;
	b->tx_now = now;
	return IFGW_OK;
}

int ifgw_book_commit(struct ifgw_book *b)
{
	int failed;

	IFGW_ASSERT_ARG(b);
	if (!b->in_caller_tx)
		return ifgw_error_set(IFGW_ESTATE, "book: commit without ifgw_book_begin");
	failed = b->failed;
	b->in_caller_tx = 0;
	b->failed = 0;
	if (failed) {
		ifgw_store_rollback(b->store);
		discard(b);
		return ifgw_error_set(IFGW_ESTATE, "book: a call in this transaction failed: rolled back, nothing changed");
	}
	return commit(b, b->tx_now);
}

void ifgw_book_rollback(struct ifgw_book *b)
{
	if (!b || !b->in_caller_tx)
		return;
	b->in_caller_tx = 0;
	b->failed = 0;
	ifgw_store_rollback(b->store);
	discard(b);
}

/* A call refused before it wrote anything. */
static int refuse(struct ifgw_book *b, int rc)
{
	if (b->in_caller_tx)
		b->failed = 1;
	return rc;
}

const struct ifgw_ledger_effects *ifgw_book_last_effects(const struct ifgw_book *b)
{
	return &b->last_fx;
}

static int add(struct ifgw_book *b, int thing, struct ifgw_store_thing_row *r, const char *kind, int64_t now)
{
	int rc;

	if ((rc = begin(b)) != IFGW_OK)
		return rc;
	r->version = 0;
	if ((rc = ifgw_store_thing_put(b->store, store_kind(thing), r)) == IFGW_OK)
		rc = ifgw_store_log_append(b->store, NULL, kind, r->id, "", r->state, strlen(r->state));
	return finish(b, rc, now);
}

int ifgw_book_add_seller(struct ifgw_book *b, const struct ifgw_ledger_seller *seller)
{
	struct ifgw_store_thing_row r;
	int rc;

	IFGW_ASSERT_ARG(b && seller);
	memset(&r, 0, sizeof(r));
	if ((rc = seller_row(&r, seller)) != IFGW_OK)
		return refuse(b, rc);
	return add(b, IFGW_LEDGER_THING_SELLER, &r, "seller.recorded", seller->since);
}

int ifgw_book_add_cover(struct ifgw_book *b, const struct ifgw_ledger_cover *cover)
{
	struct ifgw_store_thing_row r;
	int rc;

	IFGW_ASSERT_ARG(b && cover);
	memset(&r, 0, sizeof(r));
	if ((rc = cover_row(&r, cover)) != IFGW_OK)
		return refuse(b, rc);
	return add(b, IFGW_LEDGER_THING_COVER, &r, "cover.recorded", cover->since);
}

int ifgw_book_add_invoice(struct ifgw_book *b, const struct ifgw_ledger_invoice *inv)
{
	struct ifgw_ledger_invoice copy;
	struct ifgw_store_thing_row r;
	int rc;

	IFGW_ASSERT_ARG(b && inv);
	copy = *inv;
	memset(&r, 0, sizeof(r));
	if ((rc = invoice_row(&r, &copy)) != IFGW_OK)
		return refuse(b, rc);
	return add(b, IFGW_LEDGER_THING_INVOICE, &r, "invoice.recorded", inv->since);
}

int ifgw_book_load_seller(struct ifgw_book *b, const char *id, struct ifgw_ledger_seller *out)
{
	struct ifgw_store_thing_row r;
	int rc;

	IFGW_ASSERT_ARG(b && id && out);
	if ((rc = ifgw_store_thing_get(b->store, IFGW_STORE_SELLERS, id, &r)) != IFGW_OK)
		return rc;
	return seller_from(out, &r);
}

int ifgw_book_load_cover(struct ifgw_book *b, const char *id, struct ifgw_ledger_cover *out)
{
	struct ifgw_store_thing_row r;
	int rc;

	IFGW_ASSERT_ARG(b && id && out);
	if ((rc = ifgw_store_thing_get(b->store, IFGW_STORE_COVERS, id, &r)) != IFGW_OK)
		return rc;
	return cover_from(out, &r);
}

int ifgw_book_load_invoice(struct ifgw_book *b, const char *id, struct ifgw_ledger_invoice *out)
{
	struct ifgw_store_thing_row r;
	int rc;

	IFGW_ASSERT_ARG(b && id && out);
	if ((rc = ifgw_store_thing_get(b->store, IFGW_STORE_INVOICES, id, &r)) != IFGW_OK)
		return rc;
	return invoice_from(out, &r, &b->contracts);
}

int ifgw_book_cover_of_row(const struct ifgw_store_thing_row *row, struct ifgw_ledger_cover *out)
{
	IFGW_ASSERT_ARG(row && out);
	return cover_from(out, row);
}

int ifgw_book_invoice_of_row(const struct ifgw_book *b, const struct ifgw_store_thing_row *row,
			     struct ifgw_ledger_invoice *out)
{
	IFGW_ASSERT_ARG(b && row && out);
	return invoice_from(out, row, &b->contracts);
}

/* Inside the transaction: load, apply, write the new state and the effects. */
static int transition(struct ifgw_book *b, int thing, const char *id, const struct ifgw_ledger_event *ev,
		      int64_t now)
{
	struct ifgw_ledger_effects *fx = &b->last_fx;
	struct ifgw_store_thing_row stored, r;
	struct ifgw_ledger_seller seller;
	struct ifgw_ledger_cover cover;
	struct ifgw_ledger_invoice inv;
	int rc;

	ifgw_ledger_effects_init(fx);
	/* One read: the thing is decoded from the row its version comes with. */
	if ((rc = ifgw_store_thing_get(b->store, store_kind(thing), id, &stored)) != IFGW_OK)
		return rc;
	memset(&r, 0, sizeof(r));
	switch (thing) {
	case IFGW_LEDGER_THING_SELLER:
		if ((rc = seller_from(&seller, &stored)) == IFGW_OK &&
		    (rc = ifgw_ledger_seller_apply(&seller, ev, now, fx)) == IFGW_OK)
			rc = seller_row(&r, &seller);
		break;
	case IFGW_LEDGER_THING_COVER:
		if ((rc = cover_from(&cover, &stored)) == IFGW_OK &&
		    (rc = ifgw_ledger_cover_apply(&cover, ev, now, fx)) == IFGW_OK)
			rc = cover_row(&r, &cover);
		break;
	case IFGW_LEDGER_THING_INVOICE:
		if ((rc = invoice_from(&inv, &stored, &b->contracts)) == IFGW_OK &&
		    (rc = ifgw_ledger_invoice_apply(&inv, ev, now, fx)) == IFGW_OK)
			rc = invoice_row(&r, &inv);
		break;
	default:
		rc = ifgw_error_set(IFGW_EINVAL, "book: %s: no such kind of thing (%d)", id, thing);
		break;
	}
	if (rc != IFGW_OK)
		return rc;
	r.version = stored.version;
	if ((rc = ifgw_store_thing_put(b->store, store_kind(thing), &r)) != IFGW_OK)
		return rc;
	return put_effects(b, fx, ev, now);
}

int ifgw_book_apply(struct ifgw_book *b, int thing, const char *id, const struct ifgw_ledger_event *ev, int64_t now)
{
	int rc;

	IFGW_ASSERT_ARG(b && b->store && id && ev);
	if ((rc = begin(b)) != IFGW_OK)
		return rc;
	return finish(b, transition(b, thing, id, ev, now), now);
}

/* --- the tick */

struct loaded {
	struct ifgw_ledger_book book;
	struct ifgw_store_thing_row *rows[3];
	size_t n[3];
};

static void loaded_free(struct loaded *l)
{
	size_t i;

	free(l->book.sellers);
	free(l->book.covers);
	free(l->book.invoices);
	for (i = 0; i < 3; i++)
		free(l->rows[i]);
	memset(l, 0, sizeof(*l));
}

static int load_book(struct ifgw_store *s, const struct ifgw_book_contracts *k, struct loaded *l)
{
	size_t t, i;
	int rc = IFGW_OK;

	memset(l, 0, sizeof(*l));
	for (t = 0; rc == IFGW_OK && t < 3; t++)
		rc = ifgw_store_thing_list(s, (enum ifgw_store_thing)t, &l->rows[t], &l->n[t]);
	if (rc == IFGW_OK &&
	    ((l->n[0] && !(l->book.sellers = calloc(l->n[0], sizeof(*l->book.sellers)))) ||
	     (l->n[1] && !(l->book.covers = calloc(l->n[1], sizeof(*l->book.covers)))) ||
	     (l->n[2] && !(l->book.invoices = calloc(l->n[2], sizeof(*l->book.invoices))))))
		rc = ifgw_error_set(IFGW_ENOMEM, "book: tick: out of memory");
	for (i = 0; rc == IFGW_OK && i < l->n[0]; i++)
		rc = seller_from(&l->book.sellers[l->book.n_sellers++], &l->rows[0][i]);
	for (i = 0; rc == IFGW_OK && i < l->n[1]; i++)
		rc = cover_from(&l->book.covers[l->book.n_covers++], &l->rows[1][i]);
	for (i = 0; rc == IFGW_OK && i < l->n[2]; i++)
		rc = invoice_from(&l->book.invoices[l->book.n_invoices++], &l->rows[2][i], k);
	if (rc != IFGW_OK)
		loaded_free(l);
	return rc;
}

static const char *due_id(const struct ifgw_ledger_book *b, const struct ifgw_ledger_due *d)
{
	if (d->thing == IFGW_LEDGER_THING_SELLER && d->index < b->n_sellers)
		return b->sellers[d->index].id;
	if (d->thing == IFGW_LEDGER_THING_COVER && d->index < b->n_covers)
		return b->covers[d->index].id;
	if (d->thing == IFGW_LEDGER_THING_INVOICE && d->index < b->n_invoices)
		return b->invoices[d->index].id;
	return NULL;
}

int ifgw_book_tick(struct ifgw_book *b, int64_t now, size_t *applied)
{
	struct ifgw_ledger_due *due = NULL;
	struct loaded l;
	size_t n = 0, i, count = 0, round;
	int rc = IFGW_OK, listed;

	IFGW_ASSERT_ARG(b && b->store);
	memset(&l, 0, sizeof(l));
	if (!(due = calloc(TICK_CAP, sizeof(*due)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "book: tick: out of memory");
		goto out;
	}
	for (round = 0; rc == IFGW_OK && round < TICK_ROUNDS; round++) {
		if ((rc = load_book(b->store, &b->contracts, &l)) != IFGW_OK)
			break;
		listed = ifgw_ledger_tick(due, TICK_CAP, &n, &l.book, now);
		if (listed != IFGW_OK && listed != IFGW_EOVERFLOW) {
			rc = listed;
			break;
		}
		if (n == 0)
			break;
		for (i = 0; rc == IFGW_OK && i < n; i++) {
			const char *id = due_id(&l.book, &due[i]);

			if (!id)
				rc = ifgw_error_set(IFGW_EINVAL, "book: tick: a due transition outside the book");
			else if ((rc = ifgw_book_apply(b, due[i].thing, id, &due[i].event, now)) == IFGW_OK)
				count++;
		}
		loaded_free(&l);
	}
	if (rc == IFGW_OK && round == TICK_ROUNDS)
		rc = ifgw_error_set(IFGW_EOVERFLOW, "book: tick: still due after %d rounds at one time", TICK_ROUNDS);
out:
	loaded_free(&l);
	free(due);
	if (applied)
		*applied = count;
	return rc;
}
