/* batch.c: group routed documents into assignment batches (see batch.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/error.h"
#include "gateway/route/batch.h"

#define GROUPS_MAX 100000 /* partners x sellers in one run */
#define PARTNERS_MAX 1000 /* as the configuration schema allows */

struct batch_group {
	const struct ifgw_config_partner *partner;
	char seller_key[IFGW_ID_SIZE + IFGW_COUNTRY_SIZE]; /* country + number */
	struct ifgw_msg *m; /* the batch being filled (n_items > 0), or kept empty for reuse, or NULL */
};

struct corridor_seq {
	const struct ifgw_config_partner *partner;
	uint64_t next;
};

struct ifgw_batcher {
	const struct ifgw_config *cfg;
	size_t max_documents;
	uint64_t first_seq;
	int (*fn)(void *ctx, const struct ifgw_config_partner *partner, const struct ifgw_msg *m);
	void *ctx;
	struct batch_group *groups;
	size_t n_groups, cap_groups;
	size_t last; /* index of the group used last: ERP exports come sorted by seller */
	struct corridor_seq *seqs;
	size_t n_seqs;
	size_t messages;
};

int ifgw_batcher_new(struct ifgw_batcher **out, const struct ifgw_config *cfg, size_t max_documents,
		     uint64_t first_seq,
		     int (*fn)(void *ctx, const struct ifgw_config_partner *partner, const struct ifgw_msg *m),
		     void *ctx)
{
	struct ifgw_batcher *b;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cfg);
	IFGW_ASSERT_ARG(fn);

	*out = NULL;
	if (max_documents > IFGW_MSG_ITEMS_MAX)
		return ifgw_error_set(IFGW_EINVAL, "batch of %zu documents: at most %d", max_documents,
				      IFGW_MSG_ITEMS_MAX);
	if (first_seq == 0 || first_seq > IFGW_SEQ_MAX)
		return ifgw_error_set(IFGW_EINVAL, "first sequence number %llu out of range",
				      (unsigned long long)first_seq);
	if (!(b = calloc(1, sizeof(*b))))
		return ifgw_error_set(IFGW_ENOMEM, "batcher: out of memory");
	b->cfg = cfg;
	b->max_documents = max_documents ? max_documents : IFGW_BATCH_DOCUMENTS_DEFAULT;
	b->first_seq = first_seq;
	b->fn = fn;
	b->ctx = ctx;
	*out = b;
	return IFGW_OK;
}

void ifgw_batcher_free(struct ifgw_batcher *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->n_groups; i++)
		ifgw_msg_free(b->groups[i].m);
	free(b->groups);
	free(b->seqs);
	free(b);
}

size_t ifgw_batcher_messages(const struct ifgw_batcher *b)
{
	return b->messages;
}

/* The number between the factors: the party's, else its registration number. */
static const char *party_number(const struct ifgw_party *p)
{
	return p->nr[0] ? p->nr : p->reg_nr[0] ? p->reg_nr : p->vat_nr;
}

static int next_seq(uint64_t *out, struct ifgw_batcher *b, const struct ifgw_config_partner *partner)
{
	size_t i;

	for (i = 0; i < b->n_seqs; i++)
		if (b->seqs[i].partner == partner)
			break;
	if (i == b->n_seqs) {
		struct corridor_seq *grown;

		if (b->n_seqs >= PARTNERS_MAX)
			return ifgw_error_set(IFGW_EOVERFLOW, "batcher: more than %d partners", PARTNERS_MAX);
		if (!(grown = realloc(b->seqs, (b->n_seqs + 1) * sizeof(*grown))))
			return ifgw_error_set(IFGW_ENOMEM, "batcher: out of memory");
		b->seqs = grown;
		b->seqs[b->n_seqs].partner = partner;
		b->seqs[b->n_seqs].next = b->first_seq;
		b->n_seqs++;
	}
	if (b->seqs[i].next > IFGW_SEQ_MAX)
		return ifgw_error_set(IFGW_EOVERFLOW, "corridor %s-%s: sequence numbers exhausted", b->cfg->code,
				      partner->code);
	*out = b->seqs[i].next++;
	return IFGW_OK;
}

static int start_batch(struct ifgw_batcher *b, struct batch_group *g, const struct ifgw_invoice *inv)
{
	struct ifgw_msg *m = NULL;
	int rc;

	if ((rc = ifgw_msg_new(&m, IFGW_MSG_ASSIGNMENT_BATCH)) != IFGW_OK)
		return rc;
	g->m = m;
	memcpy(m->hdr.sender.code, b->cfg->code, sizeof(m->hdr.sender.code));
	memcpy(m->hdr.receiver.code, g->partner->code, sizeof(m->hdr.receiver.code));
	m->hdr.sender_role = IFGW_ROLE_EXPORT_FACTOR;
	m->body.batch.batch_date = ifgw_clock_today();
	m->body.batch.seller = inv->seller;
	if (!m->body.batch.seller.nr[0])
		memcpy(m->body.batch.seller.nr, party_number(&inv->seller), sizeof(m->body.batch.seller.nr));
	return IFGW_OK;
}

/* Number the group's batch (sequence numbers in the order batches leave)
 * and hand it to the callback.  The message is then emptied and kept for
 * the group's next batch: its item array (up to a few MB) is reused rather
 * than freed and grown again. */
static int finish_batch(struct ifgw_batcher *b, struct batch_group *g)
{
	struct ifgw_msg *m = g->m;
	uint64_t seq = 0;
	char id[64];
	int rc;

	if ((rc = next_seq(&seq, b, g->partner)) == IFGW_OK && (rc = ifgw_msg_compute_totals(m)) == IFGW_OK) {
		snprintf(id, sizeof(id), "%s-%s-%llu", b->cfg->code, g->partner->code, (unsigned long long)seq);
		memcpy(m->hdr.id, id, strlen(id) + 1);
		memcpy(m->body.batch.batch_nr, id, strlen(id) + 1);
		m->hdr.seq = seq;
		m->hdr.created = ifgw_clock_now();
		rc = b->fn(b->ctx, g->partner, m);
	}
	m->body.batch.n_items = 0; /* items hold no pointers: nothing to free */
	m->body.batch.n_totals = 0;
	b->messages++;
	return rc;
}

static int find_group(struct batch_group **out, struct ifgw_batcher *b, const struct ifgw_config_partner *partner,
		      const char *key)
{
	struct batch_group *g = NULL;
	size_t i;

	if (b->last < b->n_groups && b->groups[b->last].partner == partner &&
	    strcmp(b->groups[b->last].seller_key, key) == 0) {
		*out = &b->groups[b->last];
		return IFGW_OK;
	}
	for (i = 0; i < b->n_groups; i++)
		if (b->groups[i].partner == partner && strcmp(b->groups[i].seller_key, key) == 0) {
			b->last = i;
			*out = &b->groups[i];
			return IFGW_OK;
		}
	if (b->n_groups == b->cap_groups) {
		size_t cap = b->cap_groups ? b->cap_groups * 2 : 16;

		if (cap > GROUPS_MAX)
			return ifgw_error_set(IFGW_EOVERFLOW, "batcher: more than %d partner and seller groups",
					      GROUPS_MAX);
		if (!(g = realloc(b->groups, cap * sizeof(*g))))
			return ifgw_error_set(IFGW_ENOMEM, "batcher: out of memory");
		b->groups = g;
		b->cap_groups = cap;
	}
	g = &b->groups[b->n_groups];
	memset(g, 0, sizeof(*g));
	g->partner = partner;
	memcpy(g->seller_key, key, strlen(key) + 1);
	b->last = b->n_groups++;
	*out = g;
	return IFGW_OK;
}

int ifgw_batcher_add(struct ifgw_batcher *b, const struct ifgw_config_partner *partner,
		     const struct ifgw_invoice *inv)
{
	char key[IFGW_ID_SIZE + IFGW_COUNTRY_SIZE];
	struct ifgw_invoice *item;
	struct batch_group *g = NULL;
	int rc;

	IFGW_ASSERT_ARG(b);
	IFGW_ASSERT_ARG(partner);
	IFGW_ASSERT_ARG(inv);

	if (!party_number(&inv->seller)[0])
		return ifgw_error_set(IFGW_EINVAL, "invoice %s: the seller has no number to assign under",
				      inv->number);
	snprintf(key, sizeof(key), "%s%s", inv->seller.country, party_number(&inv->seller));
	if ((rc = find_group(&g, b, partner, key)) != IFGW_OK)
		return rc;
	if (!g->m && (rc = start_batch(b, g, inv)) != IFGW_OK)
		return rc;
	if (g->m->body.batch.n_items == 0)
		g->m->hdr.created = ifgw_clock_now(); /* reset on reuse; the final time is set as it leaves */
	if ((rc = ifgw_msg_add_item((void **)&item, g->m)) != IFGW_OK)
		return rc;
	*item = *inv;
	ifgw_party_init(&item->seller); /* the batch names the seller once */
	if (!item->buyer.nr[0])
		memcpy(item->buyer.nr, party_number(&inv->buyer), sizeof(item->buyer.nr));
	if (g->m->body.batch.n_items >= b->max_documents)
		return finish_batch(b, g);
	return IFGW_OK;
}

int ifgw_batcher_flush(struct ifgw_batcher *b)
{
	size_t i;
	int rc;

	IFGW_ASSERT_ARG(b);

	for (i = 0; i < b->n_groups; i++)
		if (b->groups[i].m && b->groups[i].m->body.batch.n_items &&
		    (rc = finish_batch(b, &b->groups[i])) != IFGW_OK)
			return rc;
	return IFGW_OK;
}
