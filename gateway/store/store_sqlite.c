/* store_sqlite.c: the embedded store back end, one SQLite file (store_int.h).
 *
 * Settings, on every open:
 *   journal_mode=WAL   readers never wait for the writer, and the one writer
 *                      appends to the WAL instead of rewriting pages
 *   synchronous=FULL   each commit syncs the WAL to disk before it returns:
 *                      a committed advance, outbox row or log entry survives
 *                      a power cut, not only a crash of the process (NORMAL
 *                      in WAL mode may lose the last commits on power loss)
 *   foreign_keys=ON    SQLite leaves them off unless asked, per connection
 *   busy timeout       a writer waits for another's transaction to end
 *                      instead of failing at once with SQLITE_BUSY
 * Transactions begin IMMEDIATE: the write lock is taken at BEGIN, so two
 * writers queue there, and never deadlock upgrading a read lock. */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/error.h"

#define IFGW_STORE_INTERNAL
#include "gateway/store/store_int.h"

#define BUSY_TIMEOUT_MS 10000
#define BYTES_TYPE "BLOB"

/* What SQLite needs beyond the portable schema, by version. */
static const char *const v1_sqlite[] = {
	/* The log is append-only: the database itself refuses a change.  (On
	 * PostgreSQL: the same as a trigger function, plus REVOKE UPDATE,
	 * DELETE, TRUNCATE from the gateway's role.) */
	"CREATE TRIGGER ifgw_log_no_update BEFORE UPDATE ON ifgw_log"
	" BEGIN SELECT RAISE(ABORT, 'ifgw_log is append-only: an entry never changes'); END",
	"CREATE TRIGGER ifgw_log_no_delete BEFORE DELETE ON ifgw_log"
	" BEGIN SELECT RAISE(ABORT, 'ifgw_log is append-only: an entry is never deleted'); END",
	NULL,
};
static const char *const *const sqlite_extra[] = {NULL, v1_sqlite, NULL, NULL};

/* Statements prepared once per handle, on first use. */
enum stmt_id {
	S_LOG_NEXT,
	S_LOG_INSERT,
	S_LOG_READ,
	S_OUT_NEXT_SEQ,
	S_OUT_NEXT_ID,
	S_OUT_HAS_ID,
	S_OUT_INSERT,
	S_OUT_QUEUED,
	S_OUT_STATE,
	S_OUT_MARK,
	S_IN_FIND,
	S_IN_LAST_SEQ,
	S_IN_INSERT,
	S_DOC_INSERT,
	S_DOC_GET,
	S_MSG_LIST,
	S_MSG_GET_OUT,
	S_MSG_GET_IN,
	S_COUNT_
};

static const char *const stmt_sql[S_COUNT_] = {
	[S_LOG_NEXT] = "SELECT COALESCE(MAX(entry) + 1, 0) FROM ifgw_log",
	[S_LOG_INSERT] = "INSERT INTO ifgw_log (entry, logged, kind, subject, actor, sha256) VALUES (?, ?, ?, ?, ?, ?)",
	[S_LOG_READ] = "SELECT entry, logged, kind, subject, actor, sha256 FROM ifgw_log WHERE entry >= ? "
		       "ORDER BY entry LIMIT ?",
	[S_OUT_NEXT_SEQ] = "SELECT COALESCE(MAX(seq), 0) FROM ifgw_outbox WHERE partner = ?",
	[S_OUT_NEXT_ID] = "SELECT COALESCE(MAX(id), 0) + 1 FROM ifgw_outbox",
	[S_OUT_HAS_ID] = "SELECT seq FROM ifgw_outbox WHERE partner = ? AND msg_id = ?",
	[S_OUT_INSERT] = "INSERT INTO ifgw_outbox (id, partner, msg_type, msg_id, seq, payload, created, state, "
			 "attempts, next_attempt, log_entry) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)",
	[S_OUT_QUEUED] = "SELECT id, partner, msg_type, msg_id, seq, payload, created, attempts, next_attempt, "
			 "log_entry FROM ifgw_outbox WHERE state = 'queued' ORDER BY partner, seq",
	[S_OUT_STATE] = "SELECT state, next_attempt FROM ifgw_outbox WHERE id = ?",
	[S_OUT_MARK] = "UPDATE ifgw_outbox SET state = ?, attempts = attempts + 1, next_attempt = ? WHERE id = ?",
	[S_IN_FIND] = "SELECT seq FROM ifgw_inbox WHERE sender = ? AND msg_id = ?",
	[S_IN_LAST_SEQ] = "SELECT COALESCE(MAX(seq), 0) FROM ifgw_inbox WHERE sender = ?",
	[S_IN_INSERT] = "INSERT INTO ifgw_inbox (sender, msg_id, msg_type, seq, received, payload, outcome, log_entry) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[S_DOC_INSERT] = "INSERT INTO ifgw_documents (kind, id, body, created) VALUES (?, ?, ?, ?)",
	[S_DOC_GET] = "SELECT body, created FROM ifgw_documents WHERE kind = ? AND id = ?",
	/* ?1 direction (0 both, 1 out, 2 in), ?2 partner, ?3 type, ?4 message
	 * id, ?5 from, ?6 to: NULL where the filter has none. */
	[S_MSG_LIST] = "SELECT 1, partner, msg_type, msg_id, seq, created, state, id, attempts, log_entry, "
		       "length(payload) FROM ifgw_outbox WHERE ?1 IN (0, 1) AND (?2 IS NULL OR partner = ?2) "
		       "AND (?3 IS NULL OR msg_type = ?3) AND (?4 IS NULL OR msg_id = ?4) "
		       "AND (?5 IS NULL OR created >= ?5) AND (?6 IS NULL OR created < ?6) "
		       "UNION ALL "
		       "SELECT 2, sender, msg_type, msg_id, seq, received, outcome, 0, 0, log_entry, "
		       "length(payload) FROM ifgw_inbox WHERE ?1 IN (0, 2) AND (?2 IS NULL OR sender = ?2) "
		       "AND (?3 IS NULL OR msg_type = ?3) AND (?4 IS NULL OR msg_id = ?4) "
		       "AND (?5 IS NULL OR received >= ?5) AND (?6 IS NULL OR received < ?6) "
		       "ORDER BY 6, 1, 2, 5",
	[S_MSG_GET_OUT] = "SELECT payload FROM ifgw_outbox WHERE partner = ? AND msg_id = ?",
	[S_MSG_GET_IN] = "SELECT payload FROM ifgw_inbox WHERE sender = ? AND msg_id = ?",
};

struct sqlite_store {
	struct ifgw_store base; /* first: the front end's part */
	sqlite3 *db;
	const char *where;      /* the front end's string, for messages */
	sqlite3_stmt *stmt[S_COUNT_];
};

static struct sqlite_store *sq(struct ifgw_store *s)
{
	return (struct sqlite_store *)s;
}

/* The one-line error for a failed SQLite call: "store WHERE: what: why". */
static int db_error(struct sqlite_store *s, int code, const char *what)
{
	return ifgw_error_set(code, "store %s: %s: %s", s->where, what, sqlite3_errmsg(s->db));
}

static int exec(struct sqlite_store *s, const char *sql, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(s, IFGW_EIO, what);
	return IFGW_OK;
}

/* The prepared statement id, reset and unbound, ready for binds. */
static int stmt(sqlite3_stmt **out, struct sqlite_store *s, enum stmt_id id)
{
	if (!s->stmt[id] &&
	    sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[id], NULL) != SQLITE_OK)
		return db_error(s, IFGW_EIO, "prepare");
	sqlite3_reset(s->stmt[id]);
	sqlite3_clear_bindings(s->stmt[id]);
	*out = s->stmt[id];
	return IFGW_OK;
}

static int bind_text(sqlite3_stmt *st, int col, const char *text)
{
	return sqlite3_bind_text(st, col, text, -1, SQLITE_STATIC);
}

static int bind_blob(sqlite3_stmt *st, int col, const unsigned char *p, size_t len)
{
	/* A zero-length blob, never NULL: the column is NOT NULL. */
	return sqlite3_bind_blob64(st, col, len ? (const void *)p : "", len, SQLITE_STATIC);
}

/* Run a statement that returns one row of one integer. */
static int one_int64(struct sqlite_store *s, sqlite3_stmt *st, int64_t *out, const char *what)
{
	int rc = IFGW_OK;

	if (sqlite3_step(st) != SQLITE_ROW)
		rc = db_error(s, IFGW_EIO, what);
	else
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc;
}

static void copy_col(char *dst, size_t size, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	size_t len = t ? strlen((const char *)t) : 0;

	if (len >= size)
		len = size - 1; /* the front end refused longer values going in */
	if (len)
		memcpy(dst, t, len);
	dst[len] = '\0';
}

static int table_exists(struct sqlite_store *s, const char *name, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = IFGW_OK, step;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return db_error(s, IFGW_EIO, "schema");
	bind_text(st, 1, name);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW || step == SQLITE_DONE)
		*out = step == SQLITE_ROW;
	else
		rc = db_error(s, IFGW_EIO, "schema");
	sqlite3_finalize(st);
	return rc;
}

static int sqlite_version(struct ifgw_store *base, int *out)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st = NULL;
	int64_t v = 0;
	int rc, exists = 0;

	*out = 0;
	if ((rc = table_exists(s, "ifgw_schema", &exists)) != IFGW_OK || !exists)
		return rc;
	if (sqlite3_prepare_v2(s->db, "SELECT COALESCE(MAX(version), 0) FROM ifgw_schema", -1, &st, NULL) != SQLITE_OK)
		return db_error(s, IFGW_EIO, "schema version");
	if ((rc = one_int64(s, st, &v, "schema version")) == IFGW_OK)
		*out = (int)v;
	sqlite3_finalize(st);
	return rc;
}

/* A file SQLite can read, holding an ifgw store (or nothing yet), of a
 * version this build knows. */
static int check_identity(struct sqlite_store *s)
{
	sqlite3_stmt *st = NULL;
	int64_t tables = 0;
	int rc, step, exists = 0, version = 0, latest = ifgw_store_latest_version();

	/* The first statement that reads the file: a file that is not a
	 * database fails here, with SQLITE_NOTADB. */
	if (sqlite3_prepare_v2(s->db, "SELECT COUNT(*) FROM sqlite_master", -1, &st, NULL) != SQLITE_OK ||
	    (step = sqlite3_step(st)) != SQLITE_ROW) {
		int err = sqlite3_extended_errcode(s->db) & 0xff;

		rc = err == SQLITE_NOTADB || err == SQLITE_CORRUPT
			     ? ifgw_error_set(IFGW_EPARSE, "store %s: not an SQLite database (%s)", s->where,
					      sqlite3_errmsg(s->db))
			     : db_error(s, IFGW_EIO, "open");
		sqlite3_finalize(st);
		return rc;
	}
	tables = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if ((rc = table_exists(s, "ifgw_schema", &exists)) != IFGW_OK)
		return rc;
	if (!exists && tables > 0)
		return ifgw_error_set(IFGW_EPARSE, "store %s: an SQLite database, but not an ifgw store (no ifgw_schema table)",
				      s->where);
	if ((rc = sqlite_version(&s->base, &version)) != IFGW_OK)
		return rc;
	if (version > latest)
		return ifgw_error_set(IFGW_EUNSUPPORTED,
				      "store %s: schema version %d is newer than this ifgw's (%d): use a newer ifgw", s->where,
				      version, latest);
	return IFGW_OK;
}

static int settings(struct sqlite_store *s)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *mode;
	int rc = IFGW_OK;

	if (sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS) != SQLITE_OK)
		return db_error(s, IFGW_EIO, "busy timeout");
	if ((rc = exec(s, "PRAGMA foreign_keys = ON", "foreign keys")) != IFGW_OK ||
	    (rc = exec(s, "PRAGMA synchronous = FULL", "synchronous")) != IFGW_OK)
		return rc;
	if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = db_error(s, IFGW_EIO, "journal mode");
	} else if (!(mode = sqlite3_column_text(st, 0)) || strcmp((const char *)mode, "wal") != 0) {
		rc = ifgw_error_set(IFGW_EIO, "store %s: cannot use WAL (journal mode stays %s)", s->where,
				    mode ? (const char *)mode : "?");
	}
	sqlite3_finalize(st);
	return rc;
}

static void sqlite_close(struct ifgw_store *base)
{
	struct sqlite_store *s = sq(base);
	size_t i;

	if (!s)
		return;
	if (s->db && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	for (i = 0; i < S_COUNT_; i++)
		sqlite3_finalize(s->stmt[i]);
	sqlite3_close(s->db);
	free(s);
}

/* A new store's folder ("state/" of sqlite:state/ifgw.db), one level,
 * private to the node's user: the store holds every message and figure. */
static int make_parent(const char *target, const char *where)
{
	char *copy = strdup(target);
	const char *parent;
	int rc = IFGW_OK;

	if (!copy)
		return ifgw_error_set(IFGW_ENOMEM, "store %s: out of memory", where);
	parent = dirname(copy);
	if (mkdir(parent, 0700) != 0 && errno != EEXIST) {
		char ebuf[IFGW_STRERROR_SIZE];

		rc = ifgw_error_set(IFGW_EIO, "store %s: cannot create its folder %s: %s", where, parent,
				    ifgw_strerror(errno, ebuf, sizeof(ebuf)));
	}
	free(copy);
	return rc;
}

static int sqlite_open(struct ifgw_store **out, const char *target, const char *where, unsigned flags)
{
	struct sqlite_store *s = NULL;
	struct stat sb;
	int rc = IFGW_OK;

	if (stat(target, &sb) != 0) {
		if (errno != ENOENT || (flags & IFGW_STORE_NO_CREATE)) {
			char ebuf[IFGW_STRERROR_SIZE];

			rc = ifgw_error_set(errno == ENOENT ? IFGW_ENOTFOUND : IFGW_EIO, "store %s: %s", where,
					    ifgw_strerror(errno, ebuf, sizeof(ebuf)));
			goto out;
		}
		if ((rc = make_parent(target, where)) != IFGW_OK)
			goto out;
	} else if (!S_ISREG(sb.st_mode)) {
		rc = ifgw_error_set(IFGW_EIO, "store %s: not a regular file", where);
		goto out;
	}
	if (!(s = calloc(1, sizeof(*s)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "store %s: out of memory", where);
		goto out;
	}
	s->where = where;
	if (sqlite3_open_v2(target, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		rc = s->db ? db_error(s, IFGW_EIO, "open") : ifgw_error_set(IFGW_ENOMEM, "store %s: out of memory", where);
		goto out;
	}
	sqlite3_extended_result_codes(s->db, 1);
	if (sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS) != SQLITE_OK) {
		rc = db_error(s, IFGW_EIO, "busy timeout");
		goto out;
	}
	if ((rc = check_identity(s)) != IFGW_OK || (rc = settings(s)) != IFGW_OK)
		goto out;
	*out = &s->base;
	s = NULL;
out:
	sqlite_close(s ? &s->base : NULL);
	return rc;
}

static int sqlite_migrate(struct ifgw_store *base, int target)
{
	struct sqlite_store *s = sq(base);
	struct ifgw_buf sql;
	sqlite3_stmt *rec = NULL;
	size_t i;
	int rc, current = 0, exists = 0;
	const char *const *p;

	ifgw_buf_init(&sql, 1 << 16);
	/* The write lock first, then the version: two processes opening a new
	 * store at once migrate it once. */
	if ((rc = exec(s, "BEGIN IMMEDIATE", "migrate: begin")) != IFGW_OK)
		goto done;
	if ((rc = table_exists(s, "ifgw_schema", &exists)) != IFGW_OK ||
	    (!exists && (rc = exec(s, IFGW_STORE_SCHEMA_TABLE, "migrate: schema table")) != IFGW_OK) ||
	    (rc = sqlite_version(base, &current)) != IFGW_OK)
		goto out;
	if (current > target)
		goto out; /* never downwards: newer versions were refused at open */
	if (sqlite3_prepare_v2(s->db, "INSERT INTO ifgw_schema (version, applied, description) VALUES (?, ?, ?)", -1,
			       &rec, NULL) != SQLITE_OK) {
		rc = db_error(s, IFGW_EIO, "migrate");
		goto out;
	}
	for (i = 0; i < ifgw_store_migration_count && rc == IFGW_OK; i++) {
		const struct ifgw_store_migration *m = &ifgw_store_migrations[i];
		const char *const *extra;

		if (m->version <= current || m->version > target)
			continue;
		extra = (size_t)m->version < sizeof(sqlite_extra) / sizeof(sqlite_extra[0]) ? sqlite_extra[m->version] : NULL;
		for (p = m->sql; rc == IFGW_OK && *p; p++)
			if ((rc = ifgw_store_sql_expand(&sql, *p, BYTES_TYPE)) == IFGW_OK &&
			    sqlite3_exec(s->db, ifgw_buf_cstr(&sql), NULL, NULL, NULL) != SQLITE_OK)
				rc = ifgw_error_set(IFGW_EIO, "store %s: migration to version %d (%s): %s", s->where,
						    m->version, m->description, sqlite3_errmsg(s->db));
		for (p = extra; rc == IFGW_OK && p && *p; p++)
			if (sqlite3_exec(s->db, *p, NULL, NULL, NULL) != SQLITE_OK)
				rc = ifgw_error_set(IFGW_EIO, "store %s: migration to version %d (%s): %s", s->where,
						    m->version, m->description, sqlite3_errmsg(s->db));
		if (rc != IFGW_OK)
			break;
		sqlite3_reset(rec);
		sqlite3_bind_int(rec, 1, m->version);
		sqlite3_bind_int64(rec, 2, ifgw_clock_now());
		bind_text(rec, 3, m->description);
		if (sqlite3_step(rec) != SQLITE_DONE)
			rc = db_error(s, IFGW_EIO, "migrate: record the version");
	}
out:
	sqlite3_finalize(rec);
	if (rc == IFGW_OK)
		rc = exec(s, "COMMIT", "migrate: commit");
	if (rc != IFGW_OK)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
done:
	ifgw_buf_free(&sql);
	return rc;
}

static int sqlite_history(struct ifgw_store *base, struct ifgw_store_migration_record *out, size_t cap, size_t *n)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st = NULL;
	int rc = IFGW_OK, exists = 0, step;

	if ((rc = table_exists(s, "ifgw_schema", &exists)) != IFGW_OK || !exists)
		return rc;
	if (sqlite3_prepare_v2(s->db, "SELECT version, applied, description FROM ifgw_schema ORDER BY version", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(s, IFGW_EIO, "history");
	while (*n < cap && (step = sqlite3_step(st)) == SQLITE_ROW) {
		out[*n].version = sqlite3_column_int(st, 0);
		out[*n].applied = sqlite3_column_int64(st, 1);
		copy_col(out[*n].description, sizeof(out[*n].description), st, 2);
		(*n)++;
	}
	if (*n < cap && step != SQLITE_DONE)
		rc = db_error(s, IFGW_EIO, "history");
	sqlite3_finalize(st);
	return rc;
}

static int sqlite_check(struct ifgw_store *base)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st = NULL;
	int rc = IFGW_OK, step;

	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return db_error(s, IFGW_EINVAL, "integrity check");
	step = sqlite3_step(st);
	if (step != SQLITE_ROW)
		rc = db_error(s, IFGW_EINVAL, "integrity check");
	else if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
		rc = ifgw_error_set(IFGW_EINVAL, "store %s: integrity check: %s", s->where,
				    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != IFGW_OK)
		return rc;
	if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return db_error(s, IFGW_EINVAL, "foreign key check");
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		rc = ifgw_error_set(IFGW_EINVAL, "store %s: foreign key check: table %s row %lld points to a missing %s row",
				    s->where, (const char *)sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
				    (const char *)sqlite3_column_text(st, 2));
	else if (step != SQLITE_DONE)
		rc = db_error(s, IFGW_EINVAL, "foreign key check");
	sqlite3_finalize(st);
	return rc;
}

static int sqlite_begin(struct ifgw_store *base)
{
	return exec(sq(base), "BEGIN IMMEDIATE", "begin");
}

static int sqlite_commit(struct ifgw_store *base)
{
	return exec(sq(base), "COMMIT", "commit");
}

static void sqlite_rollback(struct ifgw_store *base)
{
	struct sqlite_store *s = sq(base);

	if (!sqlite3_get_autocommit(s->db)) /* an error may have ended it already */
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static int sqlite_log_append(struct ifgw_store *base, struct ifgw_store_log_entry *e)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st;
	int64_t next = 0;
	int rc;

	/* The write lock is held (BEGIN IMMEDIATE): MAX + 1 is ours alone. */
	if ((rc = stmt(&st, s, S_LOG_NEXT)) != IFGW_OK || (rc = one_int64(s, st, &next, "log append")) != IFGW_OK)
		return rc;
	if ((rc = stmt(&st, s, S_LOG_INSERT)) != IFGW_OK)
		return rc;
	sqlite3_bind_int64(st, 1, next);
	sqlite3_bind_int64(st, 2, e->time);
	bind_text(st, 3, e->kind);
	bind_text(st, 4, e->subject);
	bind_text(st, 5, e->actor);
	bind_text(st, 6, e->sha256);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(s, IFGW_EIO, "log append");
	else
		e->index = (uint64_t)next;
	sqlite3_reset(st);
	return rc;
}

static int sqlite_log_read(struct ifgw_store *base, struct ifgw_store_log_entry *out, size_t cap, uint64_t from,
			   size_t *n)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st;
	int rc, step = SQLITE_DONE;

	if (from > INT64_MAX)
		return IFGW_OK;
	if ((rc = stmt(&st, s, S_LOG_READ)) != IFGW_OK)
		return rc;
	sqlite3_bind_int64(st, 1, (int64_t)from);
	sqlite3_bind_int64(st, 2, cap > INT64_MAX ? INT64_MAX : (int64_t)cap);
	while (*n < cap && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct ifgw_store_log_entry *e = &out[*n];

		e->index = (uint64_t)sqlite3_column_int64(st, 0);
		e->time = sqlite3_column_int64(st, 1);
		copy_col(e->kind, sizeof(e->kind), st, 2);
		copy_col(e->subject, sizeof(e->subject), st, 3);
		copy_col(e->actor, sizeof(e->actor), st, 4);
		copy_col(e->sha256, sizeof(e->sha256), st, 5);
		(*n)++;
	}
	if (step != SQLITE_DONE && step != SQLITE_ROW)
		rc = db_error(s, IFGW_EIO, "log read");
	sqlite3_reset(st);
	return rc;
}

static int sqlite_log_count(struct ifgw_store *base, uint64_t *n)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st;
	int64_t next = 0;
	int rc;

	if ((rc = stmt(&st, s, S_LOG_NEXT)) == IFGW_OK && (rc = one_int64(s, st, &next, "log count")) == IFGW_OK)
		*n = (uint64_t)next;
	return rc;
}

static int sqlite_outbox_put(struct ifgw_store *base, int64_t *id, struct ifgw_store_outbound *m, int64_t created,
			     uint64_t log_entry)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st;
	int64_t last = 0, next_id = 0, seen = 0;
	int rc, step;

	if (m->seq > INT64_MAX)
		return ifgw_error_set(IFGW_EINVAL, "store %s: outbox %s: sequence %llu too large", s->where, m->msg_id,
				      (unsigned long long)m->seq);
	if ((rc = stmt(&st, s, S_OUT_HAS_ID)) != IFGW_OK)
		return rc;
	bind_text(st, 1, m->partner);
	bind_text(st, 2, m->msg_id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		seen = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (step == SQLITE_ROW)
		return ifgw_error_set(IFGW_ESTATE, "store %s: outbox: message %s to %s already queued (sequence %lld)",
				      s->where, m->msg_id, m->partner, (long long)seen);
	if (step != SQLITE_DONE)
		return db_error(s, IFGW_EIO, "outbox put");
	if ((rc = stmt(&st, s, S_OUT_NEXT_SEQ)) != IFGW_OK)
		return rc;
	bind_text(st, 1, m->partner);
	if ((rc = one_int64(s, st, &last, "outbox put")) != IFGW_OK)
		return rc;
	if (m->seq == 0)
		m->seq = (uint64_t)last + 1;
	else if (m->seq <= (uint64_t)last)
		return ifgw_error_set(IFGW_ESTATE,
				      "store %s: outbox: message %s to %s: sequence %llu is not after the corridor's last (%lld)",
				      s->where, m->msg_id, m->partner, (unsigned long long)m->seq, (long long)last);
	if ((rc = stmt(&st, s, S_OUT_NEXT_ID)) != IFGW_OK || (rc = one_int64(s, st, &next_id, "outbox put")) != IFGW_OK)
		return rc;
	if ((rc = stmt(&st, s, S_OUT_INSERT)) != IFGW_OK)
		return rc;
	sqlite3_bind_int64(st, 1, next_id);
	bind_text(st, 2, m->partner);
	bind_text(st, 3, m->type);
	bind_text(st, 4, m->msg_id);
	sqlite3_bind_int64(st, 5, (int64_t)m->seq);
	bind_blob(st, 6, m->payload, m->payload_len);
	sqlite3_bind_int64(st, 7, created);
	sqlite3_bind_int64(st, 8, m->next_attempt);
	sqlite3_bind_int64(st, 9, (int64_t)log_entry);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(s, IFGW_EIO, "outbox put");
	else if (id)
		*id = next_id;
	sqlite3_reset(st);
	return rc;
}

static int sqlite_outbox_last_seq(struct ifgw_store *base, const char *partner, uint64_t *last)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st;
	int64_t v = 0;
	int rc;

	if ((rc = stmt(&st, s, S_OUT_NEXT_SEQ)) != IFGW_OK)
		return rc;
	bind_text(st, 1, partner);
	if ((rc = one_int64(s, st, &v, "outbox sequence")) == IFGW_OK)
		*last = v < 0 ? 0 : (uint64_t)v;
	return rc;
}

static int sqlite_outbox_queued(struct ifgw_store *base, struct ifgw_store_outbox_row **out, size_t *n)
{
	struct sqlite_store *s = sq(base);
	struct ifgw_store_outbox_row *rows = NULL, *r;
	size_t cap = 0, count = 0;
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = stmt(&st, s, S_OUT_QUEUED)) != IFGW_OK)
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const void *blob = sqlite3_column_blob(st, 5);
		size_t len = (size_t)sqlite3_column_bytes(st, 5);

		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct ifgw_store_outbox_row *grown = realloc(rows, ncap * sizeof(*rows));

			if (!grown) {
				rc = ifgw_error_set(IFGW_ENOMEM, "store %s: outbox: out of memory", s->where);
				break;
			}
			rows = grown;
			cap = ncap;
		}
		r = &rows[count];
		memset(r, 0, sizeof(*r));
		if (!(r->payload = malloc(len ? len : 1))) {
			rc = ifgw_error_set(IFGW_ENOMEM, "store %s: outbox: out of memory", s->where);
			break;
		}
		count++;
		if (len)
			memcpy(r->payload, blob, len);
		r->payload_len = len;
		r->id = sqlite3_column_int64(st, 0);
		copy_col(r->partner, sizeof(r->partner), st, 1);
		copy_col(r->type, sizeof(r->type), st, 2);
		copy_col(r->msg_id, sizeof(r->msg_id), st, 3);
		r->seq = (uint64_t)sqlite3_column_int64(st, 4);
		r->created = sqlite3_column_int64(st, 6);
		r->state = IFGW_OUTBOX_QUEUED;
		r->attempts = sqlite3_column_int(st, 7);
		r->next_attempt = sqlite3_column_int64(st, 8);
		r->log_entry = (uint64_t)sqlite3_column_int64(st, 9);
	}
	if (rc == IFGW_OK && step != SQLITE_DONE)
		rc = db_error(s, IFGW_EIO, "outbox");
	sqlite3_reset(st);
	if (rc != IFGW_OK) {
		ifgw_store_outbox_rows_free(rows, count);
		return rc;
	}
	*out = rows;
	*n = count;
	return IFGW_OK;
}

static const char *state_name(enum ifgw_store_outbox_state state)
{
	return state == IFGW_OUTBOX_SENT ? "sent" : state == IFGW_OUTBOX_FAILED ? "failed" : "queued";
}

static int sqlite_outbox_mark(struct ifgw_store *base, int64_t id, enum ifgw_store_outbox_state state,
			      int64_t next_attempt)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st;
	char current[16] = "";
	int64_t keep_next = 0;
	int rc, step;

	if ((rc = stmt(&st, s, S_OUT_STATE)) != IFGW_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		copy_col(current, sizeof(current), st, 0);
		keep_next = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (step == SQLITE_DONE)
		return ifgw_error_set(IFGW_ENOTFOUND, "store %s: outbox: no row %lld", s->where, (long long)id);
	if (step != SQLITE_ROW)
		return db_error(s, IFGW_EIO, "outbox mark");
	if (strcmp(current, "queued") != 0)
		return ifgw_error_set(IFGW_ESTATE, "store %s: outbox: row %lld is %s already", s->where, (long long)id,
				      current);
	if ((rc = stmt(&st, s, S_OUT_MARK)) != IFGW_OK)
		return rc;
	bind_text(st, 1, state_name(state));
	/* An ended row keeps the time of its last planned try. */
	sqlite3_bind_int64(st, 2, state == IFGW_OUTBOX_QUEUED ? next_attempt : keep_next);
	sqlite3_bind_int64(st, 3, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(s, IFGW_EIO, "outbox mark");
	sqlite3_reset(st);
	return rc;
}

static int sqlite_inbox_check(struct ifgw_store *base, enum ifgw_store_apply *status, const struct ifgw_store_inbound *m)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st;
	int64_t last = 0;
	uint64_t expected;
	int rc, step;

	if ((rc = stmt(&st, s, S_IN_FIND)) != IFGW_OK)
		return rc;
	bind_text(st, 1, m->sender);
	bind_text(st, 2, m->msg_id);
	step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step == SQLITE_ROW) {
		*status = IFGW_STORE_ALREADY_APPLIED;
		return IFGW_OK;
	}
	if (step != SQLITE_DONE)
		return db_error(s, IFGW_EIO, "inbox");
	if ((rc = stmt(&st, s, S_IN_LAST_SEQ)) != IFGW_OK)
		return rc;
	bind_text(st, 1, m->sender);
	if ((rc = one_int64(s, st, &last, "inbox")) != IFGW_OK)
		return rc;
	expected = (uint64_t)last + 1;
	if (m->seq != expected)
		return ifgw_error_set(IFGW_ESTATE, "store %s: inbox: message %s from %s: sequence %llu %s: expected %llu",
				      s->where, m->msg_id, m->sender, (unsigned long long)m->seq,
				      m->seq < expected ? "already used" : "out of order", (unsigned long long)expected);
	*status = IFGW_STORE_APPLIED;
	return IFGW_OK;
}

static int sqlite_inbox_insert(struct ifgw_store *base, const struct ifgw_store_inbound *m, int64_t received,
			       uint64_t log_entry)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt(&st, s, S_IN_INSERT)) != IFGW_OK)
		return rc;
	bind_text(st, 1, m->sender);
	bind_text(st, 2, m->msg_id);
	bind_text(st, 3, m->type);
	sqlite3_bind_int64(st, 4, (int64_t)m->seq);
	sqlite3_bind_int64(st, 5, received);
	bind_blob(st, 6, m->payload, m->payload_len);
	bind_text(st, 7, m->outcome);
	sqlite3_bind_int64(st, 8, (int64_t)log_entry);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(s, IFGW_EIO, "inbox");
	sqlite3_reset(st);
	return rc;
}

/* --- schema 2: the ledger's things and letters.  Statements are built from
 * the table's figure columns and prepared per call: the ledger writes a few
 * rows per transition. */
static int prepare(struct sqlite_store *s, sqlite3_stmt **st, const struct ifgw_buf *sql, const char *what)
{
	if (sqlite3_prepare_v2(s->db, ifgw_buf_cstr(sql), -1, st, NULL) != SQLITE_OK)
		return db_error(s, IFGW_EIO, what);
	return IFGW_OK;
}

static void detail_encode(unsigned char *out, const int64_t *v, size_t n)
{
	size_t i, b;

	for (i = 0; i < n; i++)
		for (b = 0; b < 8; b++)
			out[i * 8 + b] = (unsigned char)((uint64_t)v[i] >> (56 - 8 * b));
}

static int sqlite_thing_put(struct ifgw_store *base, enum ifgw_store_thing thing, const struct ifgw_store_thing_row *r,
			    int64_t updated)
{
	struct sqlite_store *s = sq(base);
	const char *table = ifgw_store_thing_table(thing);
	size_t nf = ifgw_store_figure_count(thing), i;
	unsigned char detail[IFGW_STORE_DETAIL_MAX * 8];
	struct ifgw_buf sql;
	sqlite3_stmt *st = NULL;
	int rc, col = 1;

	ifgw_buf_init(&sql, 4096);
	if (r->version == 0) {
		rc = ifgw_buf_addf(&sql, "INSERT INTO %s (seller, debtor, partner, state, currency, updated, detail, "
				     "version, id", table);
		for (i = 0; rc == IFGW_OK && i < nf; i++)
			rc = ifgw_buf_addf(&sql, ", %s", ifgw_store_figure_name(thing, i));
		if (rc == IFGW_OK)
			rc = ifgw_buf_addstr(&sql, ") VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?");
		for (i = 0; rc == IFGW_OK && i < nf; i++)
			rc = ifgw_buf_addstr(&sql, ", ?");
		if (rc == IFGW_OK)
			rc = ifgw_buf_addstr(&sql, ")");
	} else {
		rc = ifgw_buf_addf(&sql, "UPDATE %s SET seller = ?, debtor = ?, partner = ?, state = ?, currency = ?, "
				     "updated = ?, detail = ?, version = version + 1", table);
		for (i = 0; rc == IFGW_OK && i < nf; i++)
			rc = ifgw_buf_addf(&sql, ", %s = ?", ifgw_store_figure_name(thing, i));
		if (rc == IFGW_OK)
			rc = ifgw_buf_addstr(&sql, " WHERE id = ? AND version = ?");
	}
	if (rc != IFGW_OK || (rc = prepare(s, &st, &sql, "thing put")) != IFGW_OK)
		goto out;
	detail_encode(detail, r->detail, r->n_detail);
	bind_text(st, col++, r->seller);
	bind_text(st, col++, r->debtor);
	bind_text(st, col++, r->partner);
	bind_text(st, col++, r->state);
	bind_text(st, col++, r->currency);
	sqlite3_bind_int64(st, col++, updated);
	bind_blob(st, col++, detail, r->n_detail * 8);
	if (r->version == 0)
		bind_text(st, col++, r->id);
	for (i = 0; i < nf; i++)
		sqlite3_bind_int64(st, col++, r->figures[i]);
	if (r->version != 0) {
		bind_text(st, col++, r->id);
		sqlite3_bind_int64(st, col++, r->version);
	}
	if (sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
			rc = ifgw_error_set(IFGW_ESTATE, "store %s: %s %s exists already", s->where, table, r->id);
		else
			rc = db_error(s, IFGW_EIO, "thing put");
	} else if (sqlite3_changes(s->db) != 1) {
		rc = ifgw_error_set(IFGW_ESTATE, "store %s: %s %s: version %lld is not the stored one (changed meanwhile?)",
				    s->where, table, r->id, (long long)r->version);
	}
out:
	sqlite3_finalize(st);
	ifgw_buf_free(&sql);
	return rc;
}

static int sqlite_thing_read(struct ifgw_store *base, enum ifgw_store_thing thing, const char *id,
			     struct ifgw_store_thing_row **out, size_t *n)
{
	struct sqlite_store *s = sq(base);
	const char *table = ifgw_store_thing_table(thing);
	size_t nf = ifgw_store_figure_count(thing), i, cap = 0, count = 0;
	struct ifgw_store_thing_row *rows = NULL;
	struct ifgw_buf sql;
	sqlite3_stmt *st = NULL;
	int rc, step;

	ifgw_buf_init(&sql, 4096);
	rc = ifgw_buf_addstr(&sql, "SELECT id, seller, debtor, partner, state, currency, version, updated, detail");
	for (i = 0; rc == IFGW_OK && i < nf; i++)
		rc = ifgw_buf_addf(&sql, ", %s", ifgw_store_figure_name(thing, i));
	if (rc == IFGW_OK)
		rc = ifgw_buf_addf(&sql, " FROM %s%s ORDER BY id", table, id ? " WHERE id = ?" : "");
	if (rc != IFGW_OK || (rc = prepare(s, &st, &sql, "thing read")) != IFGW_OK)
		goto out;
	if (id)
		bind_text(st, 1, id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct ifgw_store_thing_row *r;
		const unsigned char *d;
		size_t dlen, k, b;

		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct ifgw_store_thing_row *grown = realloc(rows, ncap * sizeof(*rows));

			if (!grown) {
				rc = ifgw_error_set(IFGW_ENOMEM, "store %s: thing read: out of memory", s->where);
				goto out;
			}
			rows = grown;
			cap = ncap;
		}
		r = &rows[count++];
		memset(r, 0, sizeof(*r));
		copy_col(r->id, sizeof(r->id), st, 0);
		copy_col(r->seller, sizeof(r->seller), st, 1);
		copy_col(r->debtor, sizeof(r->debtor), st, 2);
		copy_col(r->partner, sizeof(r->partner), st, 3);
		copy_col(r->state, sizeof(r->state), st, 4);
		copy_col(r->currency, sizeof(r->currency), st, 5);
		r->version = sqlite3_column_int64(st, 6);
		r->updated = sqlite3_column_int64(st, 7);
		d = sqlite3_column_blob(st, 8);
		dlen = (size_t)sqlite3_column_bytes(st, 8);
		if (dlen % 8 || dlen / 8 > IFGW_STORE_DETAIL_MAX) {
			rc = ifgw_error_set(IFGW_EPARSE, "store %s: %s %s: detail of %zu bytes", s->where, table, r->id, dlen);
			goto out;
		}
		r->n_detail = dlen / 8;
		for (k = 0; k < r->n_detail; k++) {
			uint64_t v = 0;

			for (b = 0; b < 8; b++)
				v = (v << 8) | d[k * 8 + b];
			r->detail[k] = (int64_t)v;
		}
		for (i = 0; i < nf; i++)
			r->figures[i] = sqlite3_column_int64(st, 9 + (int)i);
	}
	if (step != SQLITE_DONE)
		rc = db_error(s, IFGW_EIO, "thing read");
	else if (id && count == 0)
		rc = ifgw_error_set(IFGW_ENOTFOUND, "store %s: %s: no %s", s->where, table, id);
out:
	sqlite3_finalize(st);
	ifgw_buf_free(&sql);
	if (rc != IFGW_OK || count == 0) {
		free(rows);
		rows = NULL;
		count = 0;
	}
	*out = rows;
	*n = count;
	return rc;
}

static int sqlite_letter_put(struct ifgw_store *base, struct ifgw_store_letter *l)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st = NULL;
	int64_t next = 0;
	int rc = IFGW_OK;

	if (sqlite3_prepare_v2(s->db, "SELECT COALESCE(MAX(id), 0) + 1 FROM ifgw_letters", -1, &st, NULL) != SQLITE_OK)
		return db_error(s, IFGW_EIO, "letter put");
	rc = one_int64(s, st, &next, "letter put");
	sqlite3_finalize(st);
	st = NULL;
	if (rc != IFGW_OK)
		return rc;
	if (sqlite3_prepare_v2(s->db,
			       "INSERT INTO ifgw_letters (id, party, recipient, kind, subject, currency, amount, created, "
			       "log_entry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(s, IFGW_EIO, "letter put");
	sqlite3_bind_int64(st, 1, next);
	bind_text(st, 2, l->party);
	bind_text(st, 3, l->recipient);
	bind_text(st, 4, l->kind);
	bind_text(st, 5, l->subject);
	bind_text(st, 6, l->currency);
	sqlite3_bind_int64(st, 7, l->amount);
	sqlite3_bind_int64(st, 8, l->created);
	sqlite3_bind_int64(st, 9, (int64_t)l->log_entry);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(s, IFGW_EIO, "letter put");
	else
		l->id = next;
	sqlite3_finalize(st);
	return rc;
}

static int sqlite_letter_list(struct ifgw_store *base, struct ifgw_store_letter **out, size_t *n)
{
	struct sqlite_store *s = sq(base);
	struct ifgw_store_letter *rows = NULL;
	size_t cap = 0, count = 0;
	sqlite3_stmt *st = NULL;
	int rc = IFGW_OK, step;

	if (sqlite3_prepare_v2(s->db,
			       "SELECT id, party, recipient, kind, subject, currency, amount, created, log_entry "
			       "FROM ifgw_letters ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(s, IFGW_EIO, "letter list");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct ifgw_store_letter *l;

		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct ifgw_store_letter *grown = realloc(rows, ncap * sizeof(*rows));

			if (!grown) {
				rc = ifgw_error_set(IFGW_ENOMEM, "store %s: letter list: out of memory", s->where);
				goto out;
			}
			rows = grown;
			cap = ncap;
		}
		l = &rows[count++];
		memset(l, 0, sizeof(*l));
		l->id = sqlite3_column_int64(st, 0);
		copy_col(l->party, sizeof(l->party), st, 1);
		copy_col(l->recipient, sizeof(l->recipient), st, 2);
		copy_col(l->kind, sizeof(l->kind), st, 3);
		copy_col(l->subject, sizeof(l->subject), st, 4);
		copy_col(l->currency, sizeof(l->currency), st, 5);
		l->amount = sqlite3_column_int64(st, 6);
		l->created = sqlite3_column_int64(st, 7);
		l->log_entry = (uint64_t)sqlite3_column_int64(st, 8);
	}
	if (step != SQLITE_DONE)
		rc = db_error(s, IFGW_EIO, "letter list");
out:
	sqlite3_finalize(st);
	if (rc != IFGW_OK || count == 0) {
		free(rows);
		rows = NULL;
		count = 0;
	}
	*out = rows;
	*n = count;
	return rc;
}

/* --- schema 3: documents */
static int sqlite_document_put(struct ifgw_store *base, const char *kind, const char *id, const void *body, size_t len,
			       int64_t created)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st;
	int rc;

	if ((rc = stmt(&st, s, S_DOC_INSERT)) != IFGW_OK)
		return rc;
	bind_text(st, 1, kind);
	bind_text(st, 2, id);
	bind_blob(st, 3, body, len);
	sqlite3_bind_int64(st, 4, created);
	if (sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
			rc = ifgw_error_set(IFGW_ESTATE, "store %s: document %s:%s exists already (a document never changes)",
					    s->where, kind, id);
		else
			rc = db_error(s, IFGW_EIO, "document put");
	}
	sqlite3_reset(st);
	return rc;
}

static int sqlite_document_get(struct ifgw_store *base, const char *kind, const char *id, unsigned char **body,
			       size_t *len, int64_t *created)
{
	struct sqlite_store *s = sq(base);
	sqlite3_stmt *st;
	const void *blob;
	size_t n;
	int rc, step;

	if ((rc = stmt(&st, s, S_DOC_GET)) != IFGW_OK)
		return rc;
	bind_text(st, 1, kind);
	bind_text(st, 2, id);
	step = sqlite3_step(st);
	if (step == SQLITE_DONE) {
		rc = ifgw_error_set(IFGW_ENOTFOUND, "store %s: no document %s:%s", s->where, kind, id);
	} else if (step != SQLITE_ROW) {
		rc = db_error(s, IFGW_EIO, "document get");
	} else {
		blob = sqlite3_column_blob(st, 0);
		n = (size_t)sqlite3_column_bytes(st, 0);
		if (!(*body = malloc(n + 1))) {
			rc = ifgw_error_set(IFGW_ENOMEM, "store %s: document %s:%s: out of memory", s->where, kind, id);
		} else {
			if (n)
				memcpy(*body, blob, n);
			(*body)[n] = '\0';
			*len = n;
			*created = sqlite3_column_int64(st, 1);
		}
	}
	sqlite3_reset(st);
	return rc;
}

/* --- message inquiry */
static int sqlite_message_list(struct ifgw_store *base, const struct ifgw_store_message_filter *f,
			       struct ifgw_store_message **out, size_t *n)
{
	struct sqlite_store *s = sq(base);
	struct ifgw_store_message *rows = NULL, *r;
	size_t cap = 0, count = 0;
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = stmt(&st, s, S_MSG_LIST)) != IFGW_OK)
		return rc;
	sqlite3_bind_int(st, 1, (int)f->direction);
	if (f->partner) /* unbound parameters are NULL: no filter */
		bind_text(st, 2, f->partner);
	if (f->type)
		bind_text(st, 3, f->type);
	if (f->msg_id)
		bind_text(st, 4, f->msg_id);
	if (f->has_from)
		sqlite3_bind_int64(st, 5, f->from);
	if (f->has_to)
		sqlite3_bind_int64(st, 6, f->to);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct ifgw_store_message *grown = realloc(rows, ncap * sizeof(*rows));

			if (!grown) {
				rc = ifgw_error_set(IFGW_ENOMEM, "store %s: messages: out of memory", s->where);
				break;
			}
			rows = grown;
			cap = ncap;
		}
		r = &rows[count++];
		memset(r, 0, sizeof(*r));
		r->direction = sqlite3_column_int(st, 0) == 1 ? IFGW_STORE_OUT : IFGW_STORE_IN;
		copy_col(r->partner, sizeof(r->partner), st, 1);
		copy_col(r->type, sizeof(r->type), st, 2);
		copy_col(r->msg_id, sizeof(r->msg_id), st, 3);
		r->seq = (uint64_t)sqlite3_column_int64(st, 4);
		r->time = sqlite3_column_int64(st, 5);
		copy_col(r->state, sizeof(r->state), st, 6);
		r->row_id = sqlite3_column_int64(st, 7);
		r->attempts = sqlite3_column_int(st, 8);
		r->log_entry = (uint64_t)sqlite3_column_int64(st, 9);
		r->size = (size_t)sqlite3_column_int64(st, 10);
	}
	if (rc == IFGW_OK && step != SQLITE_DONE)
		rc = db_error(s, IFGW_EIO, "messages");
	sqlite3_reset(st);
	if (rc != IFGW_OK || count == 0) {
		free(rows);
		rows = NULL;
		count = 0;
	}
	*out = rows;
	*n = count;
	return rc;
}

static int sqlite_message_get(struct ifgw_store *base, enum ifgw_store_direction direction, const char *partner,
			      const char *msg_id, unsigned char **payload, size_t *len)
{
	struct sqlite_store *s = sq(base);
	int out = direction == IFGW_STORE_OUT;
	sqlite3_stmt *st;
	const void *blob;
	size_t n;
	int rc, step;

	if ((rc = stmt(&st, s, out ? S_MSG_GET_OUT : S_MSG_GET_IN)) != IFGW_OK)
		return rc;
	bind_text(st, 1, partner);
	bind_text(st, 2, msg_id);
	step = sqlite3_step(st);
	if (step == SQLITE_DONE) {
		rc = ifgw_error_set(IFGW_ENOTFOUND, "store %s: no %s message %s %s %s", s->where,
				    out ? "outbound" : "inbound", msg_id, out ? "to" : "from", partner);
	} else if (step != SQLITE_ROW) {
		rc = db_error(s, IFGW_EIO, "message get");
	} else {
		blob = sqlite3_column_blob(st, 0);
		n = (size_t)sqlite3_column_bytes(st, 0);
		if (!(*payload = malloc(n + 1))) {
			rc = ifgw_error_set(IFGW_ENOMEM, "store %s: message %s: out of memory", s->where, msg_id);
		} else {
			if (n)
				memcpy(*payload, blob, n);
			(*payload)[n] = '\0';
			*len = n;
		}
	}
	sqlite3_reset(st);
	return rc;
}

const struct ifgw_store_ops ifgw_store_sqlite = {
	.name = "sqlite",
	.version = 1,
	.open = sqlite_open,
	.close = sqlite_close,
	.schema_version = sqlite_version,
	.migrate = sqlite_migrate,
	.history = sqlite_history,
	.check = sqlite_check,
	.begin = sqlite_begin,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.outbox_put = sqlite_outbox_put,
	.outbox_last_seq = sqlite_outbox_last_seq,
	.outbox_queued = sqlite_outbox_queued,
	.outbox_mark = sqlite_outbox_mark,
	.inbox_check = sqlite_inbox_check,
	.inbox_insert = sqlite_inbox_insert,
	.log_append = sqlite_log_append,
	.log_read = sqlite_log_read,
	.log_count = sqlite_log_count,
	.thing_put = sqlite_thing_put,
	.thing_read = sqlite_thing_read,
	.letter_put = sqlite_letter_put,
	.letter_list = sqlite_letter_list,
	.document_put = sqlite_document_put,
	.document_get = sqlite_document_get,
	.message_list = sqlite_message_list,
	.message_get = sqlite_message_get,
};
