/* store.h: the node's durable state, behind one interface (docs/store.md).
 *
 * A store is opened by URI and hides which back end runs it: `sqlite:PATH`
 * (the embedded default, store_sqlite.c); `postgresql:...` is reserved for
 * the shared back end to come and refused as "not built in".  Code outside
 * gateway/store/ calls the ifgw_store_* functions below and never learns
 * the back end (the function table is in store_int.h, private).
 *
 *     struct ifgw_store *s;
 *     rc = ifgw_store_open(&s, "sqlite:state/ifgw.db", "/etc/ifgw", 0);
 *     rc = ifgw_store_begin(s);
 *     rc = ifgw_store_outbox_put(s, &row_id, &msg);   // + its log entry
 *     rc = ifgw_store_commit(s);                      // all or nothing
 *     ifgw_store_close(s);
 *
 * Transactions: every write runs inside the caller's transaction
 * (ifgw_store_begin .. commit or rollback); a write outside one is refused
 * with IFGW_ESTATE.  Any write that fails dooms the transaction: commit
 * then rolls it back whole and returns IFGW_ESTATE, so a state change is
 * never kept without the messages and log entries it caused.  Reads run
 * inside or outside a transaction.
 *
 * The log: every message queued (outbox) or applied (inbox) appends its
 * log entry in the same transaction, here, so that none can be missing;
 * the ledger appends one per transition.  Entries are numbered from 0
 * without gaps and never change (the Merkle tree of the audit log is built
 * over them).
 *
 * A handle belongs to one thread at a time; processes (or threads) that
 * write at once each open their own handle: writers then take turns, each
 * waiting up to the busy timeout for the other's transaction to end.
 * Times are BIGINT UTC seconds from the injected clock (base/clock.h). */
#ifndef IFGW_GATEWAY_STORE_STORE_H
#define IFGW_GATEWAY_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "model/text.h"

struct ifgw_store;

/* ifgw_store_open() flags. */
#define IFGW_STORE_NO_CREATE 1u  /* the store must exist already (check, inquiries) */
#define IFGW_STORE_NO_MIGRATE 2u /* leave the schema at its version (check, tests) */

/* Field sizes (bytes, with the NUL), the same in every back end's columns. */
#define IFGW_STORE_TYPE_SIZE 33    /* message type name: VARCHAR(32) */
#define IFGW_STORE_KIND_SIZE 33    /* log entry kind: VARCHAR(32) */
#define IFGW_STORE_SUBJECT_SIZE IFGW_TEXT_SIZE(140) /* VARCHAR(140) */
#define IFGW_STORE_ACTOR_SIZE IFGW_ID_SIZE          /* VARCHAR(35) */
#define IFGW_STORE_OUTCOME_SIZE IFGW_REASON_SIZE    /* VARCHAR(350) */
#define IFGW_STORE_DESCRIPTION_SIZE 201             /* migration description: VARCHAR(200) */

/* Log entry kinds the store itself writes. */
#define IFGW_STORE_LOG_MESSAGE_OUT "message-out" /* a message queued: subject its id, actor the recipient */
#define IFGW_STORE_LOG_MESSAGE_IN "message-in"   /* a message applied: subject its id, actor the sender */

/* Open the store at uri and bring its schema to this build's version
 * (unless IFGW_STORE_NO_MIGRATE), creating it unless IFGW_STORE_NO_CREATE.
 * A relative path in the URI is taken from base_dir (the configuration
 * file's folder; NULL: the working directory).  Errors, each one line
 * naming the store: IFGW_EINVAL (bad URI), IFGW_EUNSUPPORTED (a back end
 * not built in; a schema newer than this build's), IFGW_EPARSE (not a
 * database, or a database that is not an ifgw store), IFGW_ENOTFOUND (no
 * store there and IFGW_STORE_NO_CREATE), IFGW_EIO (cannot open or write). */
int ifgw_store_open(struct ifgw_store **out, const char *uri, const char *base_dir, unsigned flags);
void ifgw_store_close(struct ifgw_store *s);

/* "sqlite:/abs/path.db": what the store is, for messages.  Borrowed. */
const char *ifgw_store_where(const struct ifgw_store *s);

/* The newest schema version this build knows (the last migration). */
int ifgw_store_latest_version(void);
/* The store's schema version (0: empty). */
int ifgw_store_version(struct ifgw_store *s, int *out);
/* Apply the migrations after the store's version up to target (0: the
 * latest), all in one transaction of their own: on failure none is kept.
 * Not inside a caller's transaction (IFGW_ESTATE). */
int ifgw_store_migrate(struct ifgw_store *s, int target);

/* One applied migration, as recorded in the store. */
struct ifgw_store_migration_record {
	int version;
	int64_t applied; /* clock time it was applied */
	char description[IFGW_STORE_DESCRIPTION_SIZE];
};
/* The applied migrations, oldest first: up to cap into out, *n how many. */
int ifgw_store_history(struct ifgw_store *s, struct ifgw_store_migration_record *out, size_t cap, size_t *n);

/* The store's own check: the back end's integrity and foreign-key checks,
 * then the schema version (older than this build's: "run ifgw store
 * migrate").  IFGW_OK, or the first problem in one line (IFGW_EINVAL for a
 * damaged store, IFGW_ESTATE for an old schema). */
int ifgw_store_check(struct ifgw_store *s);

/* Transactions.  begin takes the write lock at once (waiting up to the
 * busy timeout for another writer); begin inside a transaction, and
 * commit or rollback outside one, are IFGW_ESTATE. */
int ifgw_store_begin(struct ifgw_store *s);
int ifgw_store_commit(struct ifgw_store *s);
void ifgw_store_rollback(struct ifgw_store *s);
/* 1 inside a transaction. */
int ifgw_store_in_transaction(const struct ifgw_store *s);

/* --- the outbox: messages to send, per partner (a corridor) in sequence order */
enum ifgw_store_outbox_state {
	IFGW_OUTBOX_QUEUED = 0, /* to send at next_attempt */
	IFGW_OUTBOX_SENT = 1,   /* delivered */
	IFGW_OUTBOX_FAILED = 2, /* given up: never sent again */
};

/* A message to queue.  payload is borrowed for the call. */
struct ifgw_store_outbound {
	char partner[IFGW_FACTOR_CODE_SIZE]; /* the recipient factor */
	char type[IFGW_STORE_TYPE_SIZE];     /* canonical message type name */
	char msg_id[IFGW_ID_SIZE];
	uint64_t seq;         /* the corridor's sequence number; 0: the store gives the next */
	int64_t next_attempt; /* first try (usually now) */
	const unsigned char *payload;
	size_t payload_len;
};

/* A row of the outbox, read back.  payload is the row's own (freed by
 * ifgw_store_outbox_rows_free). */
struct ifgw_store_outbox_row {
	int64_t id;
	char partner[IFGW_FACTOR_CODE_SIZE];
	char type[IFGW_STORE_TYPE_SIZE];
	char msg_id[IFGW_ID_SIZE];
	uint64_t seq;
	int64_t created;
	enum ifgw_store_outbox_state state;
	int attempts;
	int64_t next_attempt;
	uint64_t log_entry; /* its message-out entry */
	unsigned char *payload;
	size_t payload_len;
};

/* The sequence the corridor to partner gives next (its last + 1; 1 for
 * the first).  A composer asks it BEFORE encoding, since the signed bytes
 * carry it, then queues the message with that seq; inside the caller's
 * transaction (whose write lock keeps it ours) each put moves it on. */
int ifgw_store_outbox_next_seq(struct ifgw_store *s, const char *partner, uint64_t *seq);

/* Queue m (state queued, created now) with its message-out log entry.
 * *id (may be NULL) gets the row's id and m->seq, when 0, the sequence
 * given.  A sequence not after the corridor's last, or a message id the
 * corridor already holds: IFGW_ESTATE with the reason. */
int ifgw_store_outbox_put(struct ifgw_store *s, int64_t *id, struct ifgw_store_outbound *m);

/* The rows to send at `now`, at most limit (0: all): per partner in
 * sequence order, each corridor's queued rows up to the first that is not
 * due (a later message never overtakes an earlier one waiting for its
 * retry).  *out is the caller's (ifgw_store_outbox_rows_free); NULL when
 * *n is 0. */
int ifgw_store_outbox_due(struct ifgw_store *s, struct ifgw_store_outbox_row **out, size_t *n, int64_t now,
			  size_t limit);
void ifgw_store_outbox_rows_free(struct ifgw_store_outbox_row *rows, size_t n);

/* Record an attempt at row id: state SENT or FAILED ends it; QUEUED keeps
 * it for another try at next_attempt.  attempts grows by one.
 * IFGW_ENOTFOUND for no such row, IFGW_ESTATE for a row already ended. */
int ifgw_store_outbox_mark(struct ifgw_store *s, int64_t id, enum ifgw_store_outbox_state state,
			   int64_t next_attempt);

/* --- the inbox: messages received, each applied once */
struct ifgw_store_inbound {
	char sender[IFGW_FACTOR_CODE_SIZE];
	char type[IFGW_STORE_TYPE_SIZE];
	char msg_id[IFGW_ID_SIZE];
	uint64_t seq; /* the sender's corridor sequence number: 1, 2, 3 ... */
	char outcome[IFGW_STORE_OUTCOME_SIZE]; /* what applying it did ("applied", a refusal) */
	const unsigned char *payload;          /* the exact bytes received; borrowed */
	size_t payload_len;
};

enum ifgw_store_apply {
	IFGW_STORE_APPLIED = 0,         /* recorded now, with its message-in log entry */
	IFGW_STORE_ALREADY_APPLIED = 1, /* the sender's message id was recorded before: nothing done */
};

/* Record m once, with its message-in log entry (received now).  A message
 * id seen before from this sender: IFGW_OK and *status ALREADY_APPLIED,
 * whatever its sequence.  Otherwise its sequence must be the sender's
 * next (1 for the first): else IFGW_ESTATE "sequence 44 out of order:
 * expected 43" and nothing recorded. */
int ifgw_store_inbox_apply_once(struct ifgw_store *s, enum ifgw_store_apply *status,
				const struct ifgw_store_inbound *m);

/* --- the append-only log */
struct ifgw_store_log_entry {
	uint64_t index;  /* 0, 1, 2 ... without gaps */
	int64_t time;    /* clock time of the append */
	char kind[IFGW_STORE_KIND_SIZE];
	char subject[IFGW_STORE_SUBJECT_SIZE];
	char actor[IFGW_STORE_ACTOR_SIZE];
	char sha256[65]; /* of the payload, lower-case hex */
};

/* Append an entry (time now, SHA-256 of payload) and give its index in
 * *index (may be NULL).  kind and subject must not be empty. */
int ifgw_store_log_append(struct ifgw_store *s, uint64_t *index, const char *kind, const char *subject,
			  const char *actor, const void *payload, size_t payload_len);

/* Up to cap entries from index `from` on, in order; *n how many. */
int ifgw_store_log_read(struct ifgw_store *s, struct ifgw_store_log_entry *out, size_t cap, uint64_t from,
			size_t *n);

/* How many entries the log holds (the next index). */
int ifgw_store_log_count(struct ifgw_store *s, uint64_t *n);

/* --- the ledger's books (schema version 2): sellers, covers, invoices.
 * The store keeps a thing's identity, state name, currency and figures in
 * columns, and the rest of its state machine as `detail` (64-bit integers,
 * the caller's order).  Written only inside a transaction; `version` is the
 * optimistic lock: a put must carry the version it read (0 for a new
 * thing), else IFGW_ESTATE, and the store sets the next one. */
enum ifgw_store_thing {
	IFGW_STORE_SELLERS = 0,
	IFGW_STORE_COVERS = 1,
	IFGW_STORE_INVOICES = 2,
};
#define IFGW_STORE_STATE_SIZE 25   /* state name: VARCHAR(24) */
#define IFGW_STORE_FIGURES 11      /* money columns of the widest thing (invoices) */
#define IFGW_STORE_DETAIL_MAX 48

/* Figures by thing, in minor units of `currency`:
 *   covers:   requested, granted
 *   invoices: amount, approved, paid, guaranteed, credited, charged_back,
 *             outstanding, disputed, advanced, repaid, advance_outstanding */
struct ifgw_store_thing_row {
	char id[IFGW_ID_SIZE];
	char seller[IFGW_ID_SIZE];           /* covers, invoices: their seller; sellers: "" */
	char debtor[IFGW_ID_SIZE];           /* covers, invoices */
	char partner[IFGW_FACTOR_CODE_SIZE]; /* the correspondent factor; "" when none */
	char state[IFGW_STORE_STATE_SIZE];
	char currency[4];                    /* "" when the thing holds no money */
	int64_t figures[IFGW_STORE_FIGURES];
	int64_t detail[IFGW_STORE_DETAIL_MAX];
	size_t n_detail;
	int64_t version;                     /* 1 after the first put */
	int64_t updated;                     /* clock time of the last put */
};

/* How many figures a thing has (0, 2, 11) and the name of figure i. */
size_t ifgw_store_figure_count(enum ifgw_store_thing thing);
const char *ifgw_store_figure_name(enum ifgw_store_thing thing, size_t i);

/* Insert (row->version 0) or update (row->version the stored one) a thing;
 * on success row->version and row->updated are the new ones.  A stale
 * version, or a new thing whose id exists: IFGW_ESTATE. */
int ifgw_store_thing_put(struct ifgw_store *s, enum ifgw_store_thing thing, struct ifgw_store_thing_row *row);
/* The thing with this id: IFGW_ENOTFOUND when there is none. */
int ifgw_store_thing_get(struct ifgw_store *s, enum ifgw_store_thing thing, const char *id,
			 struct ifgw_store_thing_row *out);
/* Every thing of a kind, by id; *out the caller's (free()), NULL when *n is 0. */
int ifgw_store_thing_list(struct ifgw_store *s, enum ifgw_store_thing thing, struct ifgw_store_thing_row **out,
			  size_t *n);

/* --- letters: what goes to the seller or the debtor (not a partner). */
#define IFGW_STORE_LOG_LETTER_OUT "letter-out" /* subject: the thing, actor: the recipient */

struct ifgw_store_letter {
	int64_t id;                       /* given by the store */
	char party[8];                    /* "seller" or "debtor" */
	char recipient[IFGW_ID_SIZE];
	char kind[IFGW_STORE_KIND_SIZE];  /* "reminder", "financing-status", ... */
	char subject[IFGW_ID_SIZE];       /* the thing it is about */
	char currency[4];                 /* "" when it carries no figure */
	int64_t amount;
	int64_t created;
	uint64_t log_entry;               /* its letter-out entry */
};

/* Queue a letter (created now) with its letter-out log entry; l->id,
 * l->created and l->log_entry are set. */
int ifgw_store_letter_put(struct ifgw_store *s, struct ifgw_store_letter *l);
/* Every letter, in id order; *out the caller's (free()). */
int ifgw_store_letter_list(struct ifgw_store *s, struct ifgw_store_letter **out, size_t *n);

/* --- documents (schema version 3): what came in, kept as received, by
 * (kind, id).  An invoice is kept as the canonical XML of a one-item
 * ASSIGNMENT_BATCH (model/message.h), written by whoever records the
 * invoice (submit, the import role) and read by the composer.  A document
 * never changes: a second put of a (kind, id) is IFGW_ESTATE. */
#define IFGW_STORE_DOC_KIND_SIZE 17            /* VARCHAR(16) */
#define IFGW_STORE_DOC_INVOICE "invoice"       /* kind: an invoice, id its invoice id */
#define IFGW_STORE_LOG_DOCUMENT "document-in"  /* subject "kind:id", payload the body */

/* Keep body (created now) with its document-in log entry.  kind and id
 * must not be empty; the body may hold any bytes. */
int ifgw_store_document_put(struct ifgw_store *s, const char *kind, const char *id, const void *body,
			    size_t body_len);
/* The document's body into *body (the caller's, free(); NUL-terminated
 * one byte past *body_len for text's sake), its time into *created (may
 * be NULL).  IFGW_ENOTFOUND when there is none. */
int ifgw_store_document_get(struct ifgw_store *s, const char *kind, const char *id, unsigned char **body,
			    size_t *body_len, int64_t *created);

/* --- message inquiry: the outbox and the inbox read together (queries only).
 * A message is named by its direction, its partner (the receiver of an
 * outbound one, the sender of an inbound one) and its message id: unique in
 * each table (UNIQUE (partner, msg_id), PRIMARY KEY (sender, msg_id)). */
enum ifgw_store_direction {
	IFGW_STORE_BOTH = 0, /* filters only */
	IFGW_STORE_OUT = 1,  /* the outbox */
	IFGW_STORE_IN = 2,   /* the inbox */
};

/* What to list; all zero: every message.  Times compare with an outbound
 * message's `created` and an inbound one's `received`. */
struct ifgw_store_message_filter {
	enum ifgw_store_direction direction;
	const char *partner; /* NULL: any */
	const char *type;    /* NULL: any */
	const char *msg_id;  /* NULL: any */
	int has_from, has_to;
	int64_t from, to;    /* from <= time < to, each when its has_ flag is set */
};

struct ifgw_store_message {
	enum ifgw_store_direction direction;     /* IFGW_STORE_OUT or IFGW_STORE_IN */
	char partner[IFGW_FACTOR_CODE_SIZE];
	char type[IFGW_STORE_TYPE_SIZE];
	char msg_id[IFGW_ID_SIZE];
	uint64_t seq;
	int64_t time;                            /* queued (out) or received and applied (in) */
	char state[IFGW_STORE_OUTCOME_SIZE];     /* out: "queued", "sent", "failed"; in: the recorded outcome */
	int64_t row_id;                          /* out: the outbox row's id; in: 0 */
	int attempts;                            /* out: send attempts; in: 0 */
	uint64_t log_entry;                      /* its message-out or message-in entry */
	size_t size;                             /* bytes of the stored message */
};

/* The messages f selects, oldest first (time, then outbound before inbound,
 * then partner and sequence): *out is the caller's (free()), NULL when *n
 * is 0.  f NULL: every message. */
int ifgw_store_message_list(struct ifgw_store *s, const struct ifgw_store_message_filter *f,
			    struct ifgw_store_message **out, size_t *n);

/* The exact bytes stored for one message (direction OUT or IN), into a new
 * buffer of *len + 1 bytes (a NUL after, not counted) that the caller
 * frees.  IFGW_ENOTFOUND "store W: no outbound message M to P" when none. */
int ifgw_store_message_get(struct ifgw_store *s, enum ifgw_store_direction direction, const char *partner,
			   const char *msg_id, unsigned char **payload, size_t *len);

#endif
