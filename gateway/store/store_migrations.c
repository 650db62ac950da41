/* store_migrations.c: the store's schema, version by version (store_int.h).
 *
 * Portable SQL only (SQLite and PostgreSQL both take it): money as BIGINT
 * minor units beside a CHAR(3) currency, times as BIGINT UTC seconds, ids
 * given by the store rather than by AUTOINCREMENT or SERIAL, byte columns
 * typed {bytes}.  What one back end needs beyond this (SQLite's triggers
 * keeping the log append-only) lives in that back end's file, keyed by the
 * same version.  A version, once released, never changes: a change is a
 * new version appended here. */
#include "config.h"

#include <string.h>

#define IFGW_STORE_INTERNAL
#include "gateway/store/store_int.h"

static const char *const v1_sql[] = {
	/* The log comes first: outbox and inbox rows point at their entry. */
	"CREATE TABLE ifgw_log ("
	" entry BIGINT PRIMARY KEY,"   /* 0, 1, 2 ... without gaps: a Merkle leaf index */
	" logged BIGINT NOT NULL,"
	" kind VARCHAR(32) NOT NULL,"
	" subject VARCHAR(140) NOT NULL,"
	" actor VARCHAR(35) NOT NULL,"
	" sha256 CHAR(64) NOT NULL)",

	"CREATE TABLE ifgw_outbox ("
	" id BIGINT PRIMARY KEY,"
	" partner VARCHAR(16) NOT NULL,"
	" msg_type VARCHAR(32) NOT NULL,"
	" msg_id VARCHAR(35) NOT NULL,"
	" seq BIGINT NOT NULL,"
	" payload {bytes} NOT NULL,"
	" created BIGINT NOT NULL,"
	" state VARCHAR(8) NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),"
	" attempts INTEGER NOT NULL,"
	" next_attempt BIGINT NOT NULL,"
	" log_entry BIGINT NOT NULL REFERENCES ifgw_log (entry),"
	" UNIQUE (partner, seq),"
	" UNIQUE (partner, msg_id))",
	"CREATE INDEX ifgw_outbox_queued ON ifgw_outbox (state, partner, seq)",

	"CREATE TABLE ifgw_inbox ("
	" sender VARCHAR(16) NOT NULL,"
	" msg_id VARCHAR(35) NOT NULL,"
	" msg_type VARCHAR(32) NOT NULL,"
	" seq BIGINT NOT NULL,"
	" received BIGINT NOT NULL,"
	" payload {bytes} NOT NULL,"
	" outcome VARCHAR(350) NOT NULL,"
	" log_entry BIGINT NOT NULL REFERENCES ifgw_log (entry),"
	" PRIMARY KEY (sender, msg_id),"
	" UNIQUE (sender, seq))",
	NULL,
};

const struct ifgw_store_migration ifgw_store_migrations[] = {
	{1, "outbox, inbox and the append-only log", v1_sql},
};
const size_t ifgw_store_migration_count = sizeof(ifgw_store_migrations) / sizeof(ifgw_store_migrations[0]);

int ifgw_store_latest_version(void)
{
	return ifgw_store_migrations[ifgw_store_migration_count - 1].version;
}

int ifgw_store_sql_expand(struct ifgw_buf *out, const char *stmt, const char *bytes_type)
{
	static const char token[] = "{bytes}";
	const char *p = stmt, *hit;
	int rc = IFGW_OK;

	ifgw_buf_reset(out);
	while (rc == IFGW_OK && (hit = strstr(p, token)) != NULL) {
		if ((rc = ifgw_buf_add(out, p, (size_t)(hit - p))) == IFGW_OK)
			rc = ifgw_buf_addstr(out, bytes_type);
		p = hit + sizeof(token) - 1;
	}
	if (rc == IFGW_OK)
		rc = ifgw_buf_addstr(out, p);
	return rc;
}
