/* outbox_sink.c: rows to a partner into signed outbox messages, inside the
 * transition's transaction (outbox_sink.h, docs/outbox.md). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "certs/xmldsig.h"
#include "gateway/node/compose.h"
#include "gateway/node/outbox_sink.h"
#include "gateway/route/target.h"
#include "model/model.h"

/* A row held for the flush (ifgw_compose_held), with its group. */
struct ifgw_outbox_sink_held {
	struct ifgw_ledger_outbox_row row;
	struct ifgw_ledger_event ev;
	char key[IFGW_COMPOSE_KEY_SIZE];
	char related[IFGW_ID_SIZE];
	int done; /* written in an earlier group of this flush */
};

int ifgw_outbox_sink_init_with(struct ifgw_outbox_sink *s, struct ifgw_book *book, const struct ifgw_config *cfg,
			       const struct ifgw_identity *signing)
{
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(s && book && cfg);
	memset(s, 0, sizeof(*s));
	s->book = book;
	s->cfg = cfg;
	if (signing && (rc = ifgw_signer_new(&s->signer, signing)) != IFGW_OK)
		return ifgw_error_wrap(rc, "outbox: signing identity");
	ifgw_outbound_init(&s->ob, s->signer, 0);
	return IFGW_OK;
}

int ifgw_outbox_sink_init(struct ifgw_outbox_sink *s, struct ifgw_book *book, const struct ifgw_node_snapshot *snap)
{
	IFGW_ASSERT_ARG(snap);
	return ifgw_outbox_sink_init_with(s, book, ifgw_node_snapshot_config(snap), ifgw_node_snapshot_signing(snap));
}

void ifgw_outbox_sink_free(struct ifgw_outbox_sink *s)
{
	if (!s)
		return;
	ifgw_outbound_free(&s->ob);
	ifgw_signer_free(s->signer);
	free(s->held);
	memset(s, 0, sizeof(*s));
}

void ifgw_outbox_sink_set_related(struct ifgw_outbox_sink *s, const char *msg_id)
{
	if (!s)
		return;
	s->related[0] = '\0';
	if (msg_id && strlen(msg_id) < sizeof(s->related))
		memcpy(s->related, msg_id, strlen(msg_id) + 1);
}

/* --- writing one message */

struct put_ctx {
	struct ifgw_outbox_sink *sink;
	struct ifgw_store *store;
	const char *partner;
	int64_t now;
};

/* One wire part into the outbox: its own id and sequence (a split batch
 * takes consecutive ones), the exact bytes. */
static int put_part(void *ctx, const struct ifgw_outbound_part *part)
{
	struct put_ctx *p = ctx;
	struct ifgw_store_outbound o;
	const char *type = ifgw_msg_type_name(part->msg->hdr.type);
	int rc;

	memset(&o, 0, sizeof(o));
	if (strlen(p->partner) >= sizeof(o.partner) || strlen(type) >= sizeof(o.type) ||
	    strlen(part->msg->hdr.id) >= sizeof(o.msg_id))
		return ifgw_error_set(IFGW_EINVAL, "outbox: message %s to %s: a field is too long for the outbox",
				      part->msg->hdr.id, p->partner);
	memcpy(o.partner, p->partner, strlen(p->partner) + 1);
	memcpy(o.type, type, strlen(type) + 1);
	memcpy(o.msg_id, part->msg->hdr.id, strlen(part->msg->hdr.id) + 1);
	o.seq = part->msg->hdr.seq;
	o.next_attempt = p->now;
	o.payload = (const unsigned char *)part->wire->ptr;
	o.payload_len = part->wire->len;
	if ((rc = ifgw_store_outbox_put(p->store, NULL, &o)) == IFGW_OK)
		p->sink->written++;
	return rc;
}

/* Address m to its partner's target, encode, sign, queue every part. */
static int send_msg(struct ifgw_outbox_sink *s, struct ifgw_store *store, struct ifgw_msg *m, int64_t now)
{
	struct ifgw_route_target t;
	struct put_ctx p = {s, store, m->hdr.receiver.code, now};
	int rc;

	if ((rc = ifgw_route_target(&t, s->cfg, m->hdr.receiver.code, m->hdr.type)) != IFGW_OK ||
	    (rc = ifgw_route_target_address(&m->hdr, &t)) != IFGW_OK ||
	    (rc = ifgw_outbound_run(&s->ob, &t, m, put_part, &p)) != IFGW_OK)
		return ifgw_error_wrap(rc, "outbox: %s %s to %s", ifgw_msg_type_name(m->hdr.type), m->hdr.id,
				       m->hdr.receiver.code);
	return IFGW_OK;
}

static int next_src(struct ifgw_compose_src *src, struct ifgw_outbox_sink *s, struct ifgw_store *store,
		    const char *partner, const char *related, int64_t now)
{
	memset(src, 0, sizeof(*src));
	src->book = s->book;
	src->cfg = s->cfg;
	src->now = now;
	src->related_id = related;
	return ifgw_store_outbox_next_seq(store, partner, &src->seq);
}

/* --- the book's sink */

static int hold(struct ifgw_outbox_sink *s, const struct ifgw_ledger_outbox_row *row, const struct ifgw_ledger_event *ev,
		int64_t now)
{
	struct ifgw_outbox_sink_held *h;
	struct ifgw_compose_src src;
	char key[IFGW_COMPOSE_KEY_SIZE];
	int rc;

	memset(&src, 0, sizeof(src));
	src.book = s->book;
	src.cfg = s->cfg;
	src.now = now;
	if ((rc = ifgw_compose_group_key(key, &src, row)) != IFGW_OK)
		return rc;
	if (s->n_held == s->cap_held) {
		size_t ncap = s->cap_held ? s->cap_held * 2 : 16;
		struct ifgw_outbox_sink_held *grown = realloc(s->held, ncap * sizeof(*grown));

		if (!grown)
			return ifgw_error_set(IFGW_ENOMEM, "outbox: out of memory holding invoice %s", row->subject);
		s->held = grown;
		s->cap_held = ncap;
	}
	h = &s->held[s->n_held++];
	memset(h, 0, sizeof(*h));
	h->row = *row;
	h->ev = *ev;
	memcpy(h->key, key, sizeof(h->key));
	memcpy(h->related, s->related, sizeof(h->related));
	return IFGW_OK;
}

static int sink_partner_message(void *ctx, struct ifgw_store *store, const struct ifgw_ledger_outbox_row *row,
				const struct ifgw_ledger_event *ev, int64_t now)
{
	struct ifgw_outbox_sink *s = ctx;
	struct ifgw_compose_src src;
	struct ifgw_msg *m = NULL;
	int rc;

	if (ifgw_compose_held(row->msg_type))
		return hold(s, row, ev, now);
	if ((rc = next_src(&src, s, store, row->to_id, s->related, now)) == IFGW_OK &&
	    (rc = ifgw_compose(&m, &src, row, ev)) == IFGW_OK)
		rc = send_msg(s, store, m, now);
	ifgw_msg_free(m);
	return rc;
}

static int same_group(const struct ifgw_outbox_sink_held *a, const struct ifgw_outbox_sink_held *b)
{
	return strcmp(a->key, b->key) == 0;
}

/* Every held row, one message per group (a batch per partner, seller and
 * currency; a status per partner and batch answered), in the order each
 * group's first row came. */
static int sink_flush(void *ctx, struct ifgw_store *store, int64_t now)
{
	struct ifgw_outbox_sink *s = ctx;
	struct ifgw_ledger_outbox_row *rows = NULL;
	struct ifgw_ledger_event *evs = NULL;
	struct ifgw_compose_src src;
	struct ifgw_msg *m = NULL;
	size_t i, j, n;
	int rc = IFGW_OK;

	if (s->n_held && (!(rows = calloc(s->n_held, sizeof(*rows))) || !(evs = calloc(s->n_held, sizeof(*evs))))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "outbox: out of memory for %zu assignments", s->n_held);
		goto out;
	}
	for (i = 0; i < s->n_held && rc == IFGW_OK; i++) {
		if (s->held[i].done)
			continue;
		for (n = 0, j = i; j < s->n_held; j++) {
			if (s->held[j].done || !same_group(&s->held[i], &s->held[j]))
				continue;
			rows[n] = s->held[j].row;
			evs[n++] = s->held[j].ev;
			s->held[j].done = 1;
		}
		if ((rc = next_src(&src, s, store, rows[0].to_id, s->held[i].related, now)) == IFGW_OK &&
		    (rc = rows[0].msg_type == IFGW_MSG_ASSIGNMENT_STATUS ? ifgw_compose_status(&m, &src, rows, evs, n)
									   : ifgw_compose_batch(&m, &src, rows, evs, n)) ==
			    IFGW_OK)
			rc = send_msg(s, store, m, now);
		ifgw_msg_free(m);
		m = NULL;
	}
out:
	free(rows);
	free(evs);
	s->n_held = 0;
	s->related[0] = '\0';
	return rc;
}

static void sink_discard(void *ctx)
{
	struct ifgw_outbox_sink *s = ctx;

	s->n_held = 0;
	s->related[0] = '\0';
}

struct ifgw_book_sink ifgw_outbox_sink_book(struct ifgw_outbox_sink *s)
{
	struct ifgw_book_sink k;

	memset(&k, 0, sizeof(k));
	k.partner_message = sink_partner_message;
	k.flush = sink_flush;
	k.discard = sink_discard;
	k.ctx = s;
	return k;
}
