/* store_int.h: what a store back end implements (gateway/store/ only).
 *
 * A back end is one `const struct ifgw_store_ops` (curl's vtls, libgit2's
 * odb back ends): its handle embeds struct ifgw_store first.  The front end
 * (store.c) parses the URI, keeps the transaction state, refuses writes
 * outside a transaction, dooms a transaction on a failed write, computes
 * the SHA-256 of log payloads and writes the message log entries, then
 * calls through the table; a back end only talks to its database.  Every
 * function returns an enum ifgw_result and sets a one-line message naming
 * the store (ifgw_store_where) on failure. */
#ifndef IFGW_GATEWAY_STORE_STORE_INT_H
#define IFGW_GATEWAY_STORE_STORE_INT_H

#ifndef IFGW_STORE_INTERNAL
#error "store_int.h is private to gateway/store/: include gateway/store/store.h"
#endif

#include <openssl/evp.h>

#include "base/buf.h"
#include "gateway/store/store.h"

/* The part every back end's handle starts with. */
struct ifgw_store {
	const struct ifgw_store_ops *ops;
	char *where;   /* "sqlite:/abs/path" */
	int in_tx;     /* inside begin .. commit/rollback */
	int doomed;    /* a write failed in this transaction: commit rolls back */
	EVP_MD *sha256; /* fetched once per handle */
	EVP_MD_CTX *md;
};

struct ifgw_store_ops {
	const char *name;   /* "sqlite": the URI scheme */
	int version;        /* of this table's layout: 1 */
	/* Open the store at target (the URI after "scheme:", made absolute),
	 * checking that it is a database and an ifgw store no newer than this
	 * build; no migration (the front end asks for it).  where is the
	 * handle's name for messages (the back end keeps the pointer; the
	 * front end frees it).  IFGW_STORE_NO_CREATE honoured here. */
	int (*open)(struct ifgw_store **out, const char *target, const char *where, unsigned flags);
	/* Free the handle; an open transaction is rolled back. */
	void (*close)(struct ifgw_store *s);
	/* The schema version (0 when empty). */
	int (*schema_version)(struct ifgw_store *s, int *out);
	/* Apply the migrations after the current version up to target, in one
	 * transaction of the back end's own, each recorded with its time. */
	int (*migrate)(struct ifgw_store *s, int target);
	int (*history)(struct ifgw_store *s, struct ifgw_store_migration_record *out, size_t cap, size_t *n);
	/* Integrity and foreign keys: IFGW_OK or the first problem. */
	int (*check)(struct ifgw_store *s);
	int (*begin)(struct ifgw_store *s);
	int (*commit)(struct ifgw_store *s);
	void (*rollback)(struct ifgw_store *s);
	/* Insert m with its log entry; give the row's id and, when m->seq is
	 * 0, the sequence.  Refuse a sequence not after the corridor's last and
	 * a message id already there (IFGW_ESTATE). */
	int (*outbox_put)(struct ifgw_store *s, int64_t *id, struct ifgw_store_outbound *m, int64_t created,
			  uint64_t log_entry);
	/* The corridor's last sequence (0 when none). */
	int (*outbox_last_seq)(struct ifgw_store *s, const char *partner, uint64_t *last);
	/* Every queued row, per partner then sequence. */
	int (*outbox_queued)(struct ifgw_store *s, struct ifgw_store_outbox_row **out, size_t *n);
	int (*outbox_mark)(struct ifgw_store *s, int64_t id, enum ifgw_store_outbox_state state, int64_t next_attempt);
	/* Is m a duplicate (status ALREADY_APPLIED), or else is its sequence
	 * the sender's next (IFGW_ESTATE with the reason if not)?  Writes
	 * nothing. */
	int (*inbox_check)(struct ifgw_store *s, enum ifgw_store_apply *status, const struct ifgw_store_inbound *m);
	int (*inbox_insert)(struct ifgw_store *s, const struct ifgw_store_inbound *m, int64_t received,
			    uint64_t log_entry);
	/* Append e with the next index, which it sets in e->index. */
	int (*log_append)(struct ifgw_store *s, struct ifgw_store_log_entry *e);
	int (*log_read)(struct ifgw_store *s, struct ifgw_store_log_entry *out, size_t cap, uint64_t from, size_t *n);
	int (*log_count)(struct ifgw_store *s, uint64_t *n);
	/* Schema 2: insert (row->version 0) or update where the version is
	 * row->version, writing version + 1 and `updated`; IFGW_ESTATE when no
	 * row matched or the id exists. */
	int (*thing_put)(struct ifgw_store *s, enum ifgw_store_thing thing, const struct ifgw_store_thing_row *row,
			 int64_t updated);
	/* id NULL: every row (by id) into a new array; else the one row
	 * (IFGW_ENOTFOUND when none). */
	int (*thing_read)(struct ifgw_store *s, enum ifgw_store_thing thing, const char *id,
			  struct ifgw_store_thing_row **out, size_t *n);
	/* Insert l with the next id (set in l->id). */
	int (*letter_put)(struct ifgw_store *s, struct ifgw_store_letter *l);
	int (*letter_list)(struct ifgw_store *s, struct ifgw_store_letter **out, size_t *n);
	/* Schema 3: insert a document (IFGW_ESTATE when (kind, id) exists). */
	int (*document_put)(struct ifgw_store *s, const char *kind, const char *id, const void *body, size_t len,
			    int64_t created);
	/* The body into a new buffer of len + 1 bytes (NUL after); IFGW_ENOTFOUND when none. */
	int (*document_get)(struct ifgw_store *s, const char *kind, const char *id, unsigned char **body, size_t *len,
			    int64_t *created);
	/* Message inquiry: the outbox and inbox rows f selects (f never NULL;
	 * its direction BOTH, OUT or IN), in store.h's order, into a new array. */
	int (*message_list)(struct ifgw_store *s, const struct ifgw_store_message_filter *f,
			    struct ifgw_store_message **out, size_t *n);
	/* One message's bytes into a new buffer of len + 1 bytes (NUL after);
	 * IFGW_ENOTFOUND when none. */
	int (*message_get)(struct ifgw_store *s, enum ifgw_store_direction direction, const char *partner,
			   const char *msg_id, unsigned char **payload, size_t *len);
};

/* The thing tables' names and figure columns (store_migrations.c). */
const char *ifgw_store_thing_table(enum ifgw_store_thing thing);

/* Back ends of this build, then NULL (store.c). */
extern const struct ifgw_store_ops *const ifgw_store_backends[];
extern const struct ifgw_store_ops ifgw_store_sqlite;

/* --- migrations (store_migrations.c): the schema, version by version, in
 * portable SQL.  The one non-portable word is the type of byte columns,
 * written {bytes}: each back end says its own (BLOB, BYTEA). */
struct ifgw_store_migration {
	int version;             /* 1, 2, 3 ... in order */
	const char *description; /* one line, recorded with the version */
	const char *const *sql;  /* statements, then NULL */
};

/* The table every store records its migrations in; created before the
 * first migration, in portable SQL. */
#define IFGW_STORE_SCHEMA_TABLE \
	"CREATE TABLE ifgw_schema (version INTEGER PRIMARY KEY, applied BIGINT NOT NULL, " \
	"description VARCHAR(200) NOT NULL)"

extern const struct ifgw_store_migration ifgw_store_migrations[];
extern const size_t ifgw_store_migration_count;

/* stmt with {bytes} replaced by bytes_type, into out (reset first). */
int ifgw_store_sql_expand(struct ifgw_buf *out, const char *stmt, const char *bytes_type);

#endif
