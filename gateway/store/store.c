/* store.c: the store's front end (store.h): URI to back end, transaction
 * rules, log entries of messages, then a call through the back end's table
 * (store_int.h). */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/error.h"

#define IFGW_STORE_INTERNAL
#include "gateway/store/store_int.h"

const struct ifgw_store_ops *const ifgw_store_backends[] = {
	&ifgw_store_sqlite,
	NULL,
};

/* Back ends the design names but this build does not hold: refused with
 * "not built in", not "unknown". */
static const char *const reserved_schemes[] = {"postgresql", "postgres", NULL};

/* "sqlite:PATH" with a relative PATH taken from base_dir: *target the
 * absolute path, *where "sqlite:" and it. */
static int make_target(char **target, char **where, const char *scheme, const char *rest, const char *base_dir)
{
	struct ifgw_buf t, w;
	int rc = IFGW_OK;

	ifgw_buf_init(&t, PATH_MAX);
	ifgw_buf_init(&w, PATH_MAX + 32);
	if (rest[0] != '/' && base_dir && base_dir[0])
		rc = ifgw_buf_addf(&t, "%s/%s", base_dir, rest);
	else
		rc = ifgw_buf_addstr(&t, rest);
	if (rc == IFGW_OK)
		rc = ifgw_buf_addf(&w, "%s:%s", scheme, ifgw_buf_cstr(&t));
	if (rc != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "store %s:%s: path", scheme, rest);
		goto out;
	}
	*target = ifgw_buf_detach(&t, NULL);
	*where = ifgw_buf_detach(&w, NULL);
out:
	ifgw_buf_free(&t);
	ifgw_buf_free(&w);
	return rc;
}

int ifgw_store_open(struct ifgw_store **out, const char *uri, const char *base_dir, unsigned flags)
{
	const struct ifgw_store_ops *const *b;
	const char *const *r;
	const char *colon;
	char *target = NULL, *where = NULL, scheme[32];
	struct ifgw_store *s = NULL;
	size_t slen;
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(out && uri);
	*out = NULL;
	colon = strchr(uri, ':');
	slen = colon ? (size_t)(colon - uri) : 0;
	if (!colon || slen == 0 || slen >= sizeof(scheme) || colon[1] == '\0') {
		rc = ifgw_error_set(IFGW_EINVAL, "store '%s': not a store URI (sqlite:PATH)", uri);
		goto out;
	}
	memcpy(scheme, uri, slen);
	scheme[slen] = '\0';
	for (b = ifgw_store_backends; *b; b++)
		if (strcmp((*b)->name, scheme) == 0)
			break;
	if (!*b) {
		for (r = reserved_schemes; *r; r++)
			if (strcmp(*r, scheme) == 0)
				break;
		rc = *r ? ifgw_error_set(IFGW_EUNSUPPORTED, "store '%s': the %s back end is not built in", uri, scheme)
			: ifgw_error_set(IFGW_EINVAL, "store '%s': unknown back end '%s' (sqlite:PATH)", uri, scheme);
		goto out;
	}
	if ((rc = make_target(&target, &where, scheme, colon + 1, base_dir)) != IFGW_OK)
		goto out;
	if ((rc = (*b)->open(&s, target, where, flags)) != IFGW_OK)
		goto out;
	s->ops = *b;
	s->where = where;
	where = NULL; /* the handle's now */
	if (!(s->sha256 = EVP_MD_fetch(NULL, "SHA256", NULL)) || !(s->md = EVP_MD_CTX_new())) {
		rc = ifgw_error_set(IFGW_ENOMEM, "store %s: cannot set up SHA-256", s->where);
		goto out;
	}
	if (!(flags & IFGW_STORE_NO_MIGRATE) && (rc = ifgw_store_migrate(s, 0)) != IFGW_OK)
		goto out;
	*out = s;
	s = NULL;
out:
	ifgw_store_close(s);
	free(target);
	free(where);
	return rc;
}

void ifgw_store_close(struct ifgw_store *s)
{
	char *where;

	if (!s)
		return;
	where = s->where;
	EVP_MD_CTX_free(s->md);
	EVP_MD_free(s->sha256);
	s->ops->close(s);
	free(where);
}

const char *ifgw_store_where(const struct ifgw_store *s)
{
	return s && s->where ? s->where : "(no store)";
}

int ifgw_store_version(struct ifgw_store *s, int *out)
{
	IFGW_ASSERT_ARG(s && out);
	return s->ops->schema_version(s, out);
}

int ifgw_store_migrate(struct ifgw_store *s, int target)
{
	int latest = ifgw_store_latest_version();

	IFGW_ASSERT_ARG(s);
	if (s->in_tx)
		return ifgw_error_set(IFGW_ESTATE, "store %s: migrate inside a transaction", s->where);
	if (target == 0)
		target = latest;
	if (target < 0 || target > latest)
		return ifgw_error_set(IFGW_EINVAL, "store %s: no schema version %d (this build knows 1 to %d)", s->where,
				      target, latest);
	return s->ops->migrate(s, target);
}

int ifgw_store_history(struct ifgw_store *s, struct ifgw_store_migration_record *out, size_t cap, size_t *n)
{
	IFGW_ASSERT_ARG(s && n && (out || cap == 0));
	*n = 0;
	return s->ops->history(s, out, cap, n);
}

int ifgw_store_check(struct ifgw_store *s)
{
	int rc, version = 0, latest = ifgw_store_latest_version();

	IFGW_ASSERT_ARG(s);
	if ((rc = s->ops->check(s)) != IFGW_OK)
		return rc;
	if ((rc = s->ops->schema_version(s, &version)) != IFGW_OK)
		return rc;
	if (version < latest)
		return ifgw_error_set(IFGW_ESTATE, "store %s: schema version %d, this ifgw's is %d: run 'ifgw store migrate'",
				      s->where, version, latest);
	return IFGW_OK;
}

int ifgw_store_begin(struct ifgw_store *s)
{
	int rc;

	IFGW_ASSERT_ARG(s);
	if (s->in_tx)
		return ifgw_error_set(IFGW_ESTATE, "store %s: a transaction is already open", s->where);
	if ((rc = s->ops->begin(s)) == IFGW_OK) {
		s->in_tx = 1;
		s->doomed = 0;
	}
	return rc;
}

int ifgw_store_commit(struct ifgw_store *s)
{
	int rc;

	IFGW_ASSERT_ARG(s);
	if (!s->in_tx)
		return ifgw_error_set(IFGW_ESTATE, "store %s: commit without a transaction", s->where);
	if (s->doomed) {
		s->ops->rollback(s);
		rc = ifgw_error_set(IFGW_ESTATE, "store %s: a write failed in this transaction: all of it rolled back",
				    s->where);
	} else if ((rc = s->ops->commit(s)) != IFGW_OK) {
		s->ops->rollback(s); /* a failed COMMIT may leave the transaction open */
	}
	s->in_tx = 0;
	s->doomed = 0;
	return rc;
}

void ifgw_store_rollback(struct ifgw_store *s)
{
	if (!s || !s->in_tx)
		return;
	s->ops->rollback(s);
	s->in_tx = 0;
	s->doomed = 0;
}

int ifgw_store_in_transaction(const struct ifgw_store *s)
{
	return s && s->in_tx;
}

/* A write: inside a transaction, and one failure dooms it. */
static int write_allowed(struct ifgw_store *s, const char *what)
{
	if (!s->in_tx)
		return ifgw_error_set(IFGW_ESTATE, "store %s: %s outside a transaction", s->where, what);
	return IFGW_OK;
}

static int doom_on_error(struct ifgw_store *s, int rc)
{
	if (rc != IFGW_OK)
		s->doomed = 1;
	return rc;
}

/* Copy src into a fixed field: refused (not cut) when too long. */
static int copy_field(char *dst, size_t size, const char *src, const char *what, struct ifgw_store *s)
{
	size_t len = strlen(src);

	if (len >= size)
		return ifgw_error_set(IFGW_EINVAL, "store %s: %s too long (%zu bytes, at most %zu)", s->where, what, len,
				      size - 1);
	memcpy(dst, src, len + 1);
	return IFGW_OK;
}

static int sha256_hex(struct ifgw_store *s, char hex[65], const void *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	if (EVP_DigestInit_ex(s->md, s->sha256, NULL) != 1 || EVP_DigestUpdate(s->md, data, len) != 1 ||
	    EVP_DigestFinal_ex(s->md, md, &mdlen) != 1 || mdlen != 32)
		return ifgw_error_set(IFGW_ENOMEM, "store %s: SHA-256 failed", s->where);
	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
	return IFGW_OK;
}

static int log_append(struct ifgw_store *s, uint64_t *index, const char *kind, const char *subject,
		      const char *actor, const void *payload, size_t payload_len)
{
	struct ifgw_store_log_entry e;
	int rc;

	memset(&e, 0, sizeof(e));
	if (!kind[0] || !subject[0])
		return ifgw_error_set(IFGW_EINVAL, "store %s: log entry without %s", s->where, kind[0] ? "subject" : "kind");
	if ((rc = copy_field(e.kind, sizeof(e.kind), kind, "log kind", s)) != IFGW_OK ||
	    (rc = copy_field(e.subject, sizeof(e.subject), subject, "log subject", s)) != IFGW_OK ||
	    (rc = copy_field(e.actor, sizeof(e.actor), actor, "log actor", s)) != IFGW_OK ||
	    (rc = sha256_hex(s, e.sha256, payload_len ? payload : "", payload_len)) != IFGW_OK)
		return rc;
	e.time = ifgw_clock_now();
	if ((rc = s->ops->log_append(s, &e)) == IFGW_OK && index)
		*index = e.index;
	return rc;
}

int ifgw_store_log_append(struct ifgw_store *s, uint64_t *index, const char *kind, const char *subject,
			  const char *actor, const void *payload, size_t payload_len)
{
	int rc;

	IFGW_ASSERT_ARG(s && kind && subject && (payload || payload_len == 0));
	if ((rc = write_allowed(s, "log append")) != IFGW_OK)
		return rc;
	return doom_on_error(s, log_append(s, index, kind, subject, actor ? actor : "", payload, payload_len));
}

int ifgw_store_log_read(struct ifgw_store *s, struct ifgw_store_log_entry *out, size_t cap, uint64_t from, size_t *n)
{
	IFGW_ASSERT_ARG(s && n && (out || cap == 0));
	*n = 0;
	return cap ? s->ops->log_read(s, out, cap, from, n) : IFGW_OK;
}

int ifgw_store_log_count(struct ifgw_store *s, uint64_t *n)
{
	IFGW_ASSERT_ARG(s && n);
	return s->ops->log_count(s, n);
}

/* A message's fields: set and NUL-terminated (they are fixed arrays, so a
 * missing NUL is a caller's bug worth a message, not a read past the end). */
static int message_fields_ok(struct ifgw_store *s, const char *who, size_t who_size, const char *type,
			     const char *msg_id, const void *payload, size_t payload_len)
{
	if (!memchr(who, '\0', who_size) || !memchr(type, '\0', IFGW_STORE_TYPE_SIZE) ||
	    !memchr(msg_id, '\0', IFGW_ID_SIZE))
		return ifgw_error_set(IFGW_EINVAL, "store %s: message field not terminated", s->where);
	if (!who[0] || !type[0] || !msg_id[0])
		return ifgw_error_set(IFGW_EINVAL, "store %s: message %s: %s missing", s->where, msg_id[0] ? msg_id : "?",
				      !who[0] ? "partner" : !type[0] ? "type" : "message id");
	if (!payload && payload_len)
		return ifgw_error_set(IFGW_EINVAL, "store %s: message %s: payload missing", s->where, msg_id);
	return IFGW_OK;
}

int ifgw_store_outbox_put(struct ifgw_store *s, int64_t *id, struct ifgw_store_outbound *m)
{
	uint64_t entry = 0;
	int64_t now = ifgw_clock_now();
	int rc;

	IFGW_ASSERT_ARG(s && m);
	if ((rc = write_allowed(s, "outbox put")) != IFGW_OK)
		return rc;
	if ((rc = message_fields_ok(s, m->partner, sizeof(m->partner), m->type, m->msg_id, m->payload,
				    m->payload_len)) == IFGW_OK &&
	    (rc = log_append(s, &entry, IFGW_STORE_LOG_MESSAGE_OUT, m->msg_id, m->partner, m->payload,
			     m->payload_len)) == IFGW_OK)
		rc = s->ops->outbox_put(s, id, m, now, entry);
	return doom_on_error(s, rc);
}

int ifgw_store_outbox_next_seq(struct ifgw_store *s, const char *partner, uint64_t *seq)
{
	uint64_t last = 0;
	int rc;

	IFGW_ASSERT_ARG(s && partner && seq);
	*seq = 0;
	if (!partner[0])
		return ifgw_error_set(IFGW_EINVAL, "store %s: outbox sequence: partner missing", s->where);
	if ((rc = s->ops->outbox_last_seq(s, partner, &last)) != IFGW_OK)
		return rc;
	if (last >= (uint64_t)INT64_MAX)
		return ifgw_error_set(IFGW_ESTATE, "store %s: outbox to %s: no sequence left after %llu", s->where, partner,
				      (unsigned long long)last);
	*seq = last + 1;
	return IFGW_OK;
}

int ifgw_store_outbox_due(struct ifgw_store *s, struct ifgw_store_outbox_row **out, size_t *n, int64_t now,
			  size_t limit)
{
	struct ifgw_store_outbox_row *rows = NULL;
	size_t count = 0, i, kept = 0;
	char blocked[IFGW_FACTOR_CODE_SIZE] = ""; /* the partner whose corridor waits */
	int rc;

	IFGW_ASSERT_ARG(s && out && n);
	*out = NULL;
	*n = 0;
	if ((rc = s->ops->outbox_queued(s, &rows, &count)) != IFGW_OK)
		return rc;
	/* Rows come per partner in sequence order: keep each corridor's due
	 * rows up to its first that is not due. */
	for (i = 0; i < count; i++) {
		struct ifgw_store_outbox_row *r = &rows[i];
		int keep = strcmp(blocked, r->partner) != 0 && r->next_attempt <= now && (limit == 0 || kept < limit);

		if (!keep && r->next_attempt > now)
			memcpy(blocked, r->partner, sizeof(blocked));
		if (keep) {
			if (kept != i) {
				rows[kept] = *r;
				r->payload = NULL; /* moved */
			}
			kept++;
		} else {
			free(r->payload);
			r->payload = NULL;
		}
	}
	if (kept == 0) {
		free(rows);
		rows = NULL;
	}
	*out = rows;
	*n = kept;
	return IFGW_OK;
}

void ifgw_store_outbox_rows_free(struct ifgw_store_outbox_row *rows, size_t n)
{
	size_t i;

	if (!rows)
		return;
	for (i = 0; i < n; i++)
		free(rows[i].payload);
	free(rows);
}

int ifgw_store_outbox_mark(struct ifgw_store *s, int64_t id, enum ifgw_store_outbox_state state, int64_t next_attempt)
{
	int rc;

	IFGW_ASSERT_ARG(s);
	IFGW_ASSERT_ARG(state == IFGW_OUTBOX_QUEUED || state == IFGW_OUTBOX_SENT || state == IFGW_OUTBOX_FAILED);
	if ((rc = write_allowed(s, "outbox mark")) != IFGW_OK)
		return rc;
	return doom_on_error(s, s->ops->outbox_mark(s, id, state, next_attempt));
}

int ifgw_store_inbox_apply_once(struct ifgw_store *s, enum ifgw_store_apply *status, const struct ifgw_store_inbound *m)
{
	uint64_t entry = 0;
	int rc;

	IFGW_ASSERT_ARG(s && status && m);
	*status = IFGW_STORE_APPLIED;
	if ((rc = write_allowed(s, "inbox apply")) != IFGW_OK)
		return rc;
	if ((rc = message_fields_ok(s, m->sender, sizeof(m->sender), m->type, m->msg_id, m->payload,
				    m->payload_len)) != IFGW_OK)
		goto out;
	if (!memchr(m->outcome, '\0', sizeof(m->outcome))) {
		rc = ifgw_error_set(IFGW_EINVAL, "store %s: message %s: outcome not terminated", s->where, m->msg_id);
		goto out;
	}
	if ((rc = s->ops->inbox_check(s, status, m)) != IFGW_OK || *status == IFGW_STORE_ALREADY_APPLIED)
		goto out;
	if ((rc = log_append(s, &entry, IFGW_STORE_LOG_MESSAGE_IN, m->msg_id, m->sender, m->payload,
			     m->payload_len)) == IFGW_OK)
		rc = s->ops->inbox_insert(s, m, ifgw_clock_now(), entry);
out:
	return doom_on_error(s, rc);
}

/* --- the ledger's books (schema 2) */
static int thing_row_ok(struct ifgw_store *s, enum ifgw_store_thing thing, const struct ifgw_store_thing_row *r)
{
	if ((unsigned)thing > IFGW_STORE_INVOICES)
		return ifgw_error_set(IFGW_EINVAL, "store %s: no such kind of thing (%d)", s->where, (int)thing);
	if (!memchr(r->id, '\0', sizeof(r->id)) || !memchr(r->seller, '\0', sizeof(r->seller)) ||
	    !memchr(r->debtor, '\0', sizeof(r->debtor)) || !memchr(r->partner, '\0', sizeof(r->partner)) ||
	    !memchr(r->state, '\0', sizeof(r->state)) || !memchr(r->currency, '\0', sizeof(r->currency)))
		return ifgw_error_set(IFGW_EINVAL, "store %s: thing field not terminated", s->where);
	if (!r->id[0] || !r->state[0])
		return ifgw_error_set(IFGW_EINVAL, "store %s: %s %s: %s missing", s->where, ifgw_store_thing_table(thing),
				      r->id[0] ? r->id : "?", r->id[0] ? "state" : "id");
	if (r->n_detail > IFGW_STORE_DETAIL_MAX || r->version < 0)
		return ifgw_error_set(IFGW_EINVAL, "store %s: %s %s: bad detail or version", s->where,
				      ifgw_store_thing_table(thing), r->id);
	return IFGW_OK;
}

int ifgw_store_thing_put(struct ifgw_store *s, enum ifgw_store_thing thing, struct ifgw_store_thing_row *row)
{
	int64_t now = ifgw_clock_now();
	int rc;

	IFGW_ASSERT_ARG(s && row);
	if ((rc = write_allowed(s, "thing put")) != IFGW_OK)
		return rc;
	if ((rc = thing_row_ok(s, thing, row)) == IFGW_OK && (rc = s->ops->thing_put(s, thing, row, now)) == IFGW_OK) {
		row->version++;
		row->updated = now;
	}
	return doom_on_error(s, rc);
}

int ifgw_store_thing_get(struct ifgw_store *s, enum ifgw_store_thing thing, const char *id,
			 struct ifgw_store_thing_row *out)
{
	struct ifgw_store_thing_row *rows = NULL;
	size_t n = 0;
	int rc;

	IFGW_ASSERT_ARG(s && id && out);
	if ((unsigned)thing > IFGW_STORE_INVOICES)
		return ifgw_error_set(IFGW_EINVAL, "store %s: no such kind of thing (%d)", s->where, (int)thing);
	if ((rc = s->ops->thing_read(s, thing, id, &rows, &n)) == IFGW_OK)
		*out = rows[0];
	free(rows);
	return rc;
}

int ifgw_store_thing_list(struct ifgw_store *s, enum ifgw_store_thing thing, struct ifgw_store_thing_row **out,
			  size_t *n)
{
	IFGW_ASSERT_ARG(s && out && n);
	*out = NULL;
	*n = 0;
	if ((unsigned)thing > IFGW_STORE_INVOICES)
		return ifgw_error_set(IFGW_EINVAL, "store %s: no such kind of thing (%d)", s->where, (int)thing);
	return s->ops->thing_read(s, thing, NULL, out, n);
}

int ifgw_store_letter_put(struct ifgw_store *s, struct ifgw_store_letter *l)
{
	char payload[256];
	int len, rc;

	IFGW_ASSERT_ARG(s && l);
	if ((rc = write_allowed(s, "letter put")) != IFGW_OK)
		return rc;
	if (!memchr(l->party, '\0', sizeof(l->party)) || !memchr(l->recipient, '\0', sizeof(l->recipient)) ||
	    !memchr(l->kind, '\0', sizeof(l->kind)) || !memchr(l->subject, '\0', sizeof(l->subject)) ||
	    !memchr(l->currency, '\0', sizeof(l->currency)))
		return doom_on_error(s, ifgw_error_set(IFGW_EINVAL, "store %s: letter field not terminated", s->where));
	if (strcmp(l->party, "seller") != 0 && strcmp(l->party, "debtor") != 0)
		return doom_on_error(s, ifgw_error_set(IFGW_EINVAL, "store %s: letter %s: party '%s' is neither seller nor debtor",
						       s->where, l->subject, l->party));
	/* The log entry hashes what the letter says, field by field. */
	len = snprintf(payload, sizeof(payload), "%s\n%s\n%s\n%s\n%lld %s\n", l->party, l->recipient, l->kind, l->subject,
		       (long long)l->amount, l->currency);
	l->created = ifgw_clock_now();
	if ((rc = log_append(s, &l->log_entry, IFGW_STORE_LOG_LETTER_OUT, l->subject, l->recipient, payload,
			     (size_t)len)) == IFGW_OK)
		rc = s->ops->letter_put(s, l);
	return doom_on_error(s, rc);
}

int ifgw_store_letter_list(struct ifgw_store *s, struct ifgw_store_letter **out, size_t *n)
{
	IFGW_ASSERT_ARG(s && out && n);
	*out = NULL;
	*n = 0;
	return s->ops->letter_list(s, out, n);
}

/* --- documents (schema 3) */
static int document_key_ok(struct ifgw_store *s, const char *kind, const char *id)
{
	size_t chars = 0;

	if (!kind[0] || !id[0])
		return ifgw_error_set(IFGW_EINVAL, "store %s: document %s missing", s->where, kind[0] ? "id" : "kind");
	if (strlen(kind) >= IFGW_STORE_DOC_KIND_SIZE)
		return ifgw_error_set(IFGW_EINVAL, "store %s: document kind '%.40s' too long (at most %d bytes)", s->where,
				      kind, IFGW_STORE_DOC_KIND_SIZE - 1);
	/* VARCHAR(35) counts characters, as every back end does. */
	if (ifgw_text_check(&chars, id, strlen(id)) != IFGW_OK || chars > IFGW_ID_CHARS)
		return ifgw_error_set(IFGW_EINVAL, "store %s: document id '%.40s': not text of at most %d characters",
				      s->where, id, IFGW_ID_CHARS);
	return IFGW_OK;
}

int ifgw_store_document_put(struct ifgw_store *s, const char *kind, const char *id, const void *body, size_t body_len)
{
	char subject[IFGW_STORE_DOC_KIND_SIZE + IFGW_ID_SIZE];
	int rc;

	IFGW_ASSERT_ARG(s && kind && id && (body || body_len == 0));
	if ((rc = write_allowed(s, "document put")) != IFGW_OK)
		return rc;
	if ((rc = document_key_ok(s, kind, id)) != IFGW_OK)
		return doom_on_error(s, rc);
	snprintf(subject, sizeof(subject), "%s:%s", kind, id);
	/* The entry comes first: a refused put (a second one) dooms the
	 * transaction anyway, and the log then hashes exactly the body kept. */
	if ((rc = log_append(s, NULL, IFGW_STORE_LOG_DOCUMENT, subject, "", body_len ? body : "", body_len)) == IFGW_OK)
		rc = s->ops->document_put(s, kind, id, body_len ? body : "", body_len, ifgw_clock_now());
	return doom_on_error(s, rc);
}

int ifgw_store_document_get(struct ifgw_store *s, const char *kind, const char *id, unsigned char **body,
			    size_t *body_len, int64_t *created)
{
	int64_t when = 0;
	int rc;

	IFGW_ASSERT_ARG(s && kind && id && body && body_len);
	*body = NULL;
	*body_len = 0;
	if ((rc = document_key_ok(s, kind, id)) != IFGW_OK)
		return rc;
	if ((rc = s->ops->document_get(s, kind, id, body, body_len, &when)) == IFGW_OK && created)
		*created = when;
	return rc;
}

int ifgw_store_message_list(struct ifgw_store *s, const struct ifgw_store_message_filter *f,
			    struct ifgw_store_message **out, size_t *n)
{
	static const struct ifgw_store_message_filter all;

	IFGW_ASSERT_ARG(s && out && n);
	*out = NULL;
	*n = 0;
	if (!f)
		f = &all;
	if (f->direction != IFGW_STORE_BOTH && f->direction != IFGW_STORE_OUT && f->direction != IFGW_STORE_IN)
		return ifgw_error_set(IFGW_EINVAL, "store %s: messages: no direction %d", s->where, (int)f->direction);
	return s->ops->message_list(s, f, out, n);
}

int ifgw_store_message_get(struct ifgw_store *s, enum ifgw_store_direction direction, const char *partner,
			   const char *msg_id, unsigned char **payload, size_t *len)
{
	IFGW_ASSERT_ARG(s && partner && msg_id && payload && len);
	*payload = NULL;
	*len = 0;
	if (direction != IFGW_STORE_OUT && direction != IFGW_STORE_IN)
		return ifgw_error_set(IFGW_EINVAL, "store %s: message %s: direction must be out or in", s->where,
				      msg_id);
	return s->ops->message_get(s, direction, partner, msg_id, payload, len);
}
