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

/* Version 2: the ledger's books.  One layout for the three things (the
 * columns a query or an audit needs, plus `detail`: the rest of the
 * machine's state, big-endian 64-bit integers in the order the book module
 * gives), each with its own figures; `version` grows by one per write, so a
 * stale copy is refused.  Letters hold what goes to the seller or the
 * debtor (dunning letters, advances, remittances, notices): no partner
 * corridor, so not the outbox. */
#define V2_THING_CORE \
	" id VARCHAR(35) PRIMARY KEY," \
	" seller VARCHAR(35) NOT NULL," \
	" debtor VARCHAR(35) NOT NULL," \
	" partner VARCHAR(16) NOT NULL," \
	" state VARCHAR(24) NOT NULL," \
	" currency CHAR(3) NOT NULL," \
	" version BIGINT NOT NULL," \
	" updated BIGINT NOT NULL," \
	" detail {bytes} NOT NULL"
static const char *const v2_sql[] = {
	"CREATE TABLE ifgw_sellers (" V2_THING_CORE ")",
	"CREATE TABLE ifgw_covers (" V2_THING_CORE ","
	" requested BIGINT NOT NULL,"
	" granted BIGINT NOT NULL)",
	"CREATE TABLE ifgw_invoices (" V2_THING_CORE ","
	" amount BIGINT NOT NULL,"
	" approved BIGINT NOT NULL,"
	" paid BIGINT NOT NULL,"
	" guaranteed BIGINT NOT NULL,"
	" credited BIGINT NOT NULL,"
	" charged_back BIGINT NOT NULL,"
	" outstanding BIGINT NOT NULL,"
	" disputed BIGINT NOT NULL,"
	" advanced BIGINT NOT NULL,"
	" repaid BIGINT NOT NULL,"
	" advance_outstanding BIGINT NOT NULL)",
	"CREATE INDEX ifgw_invoices_seller ON ifgw_invoices (seller, state)",
	"CREATE TABLE ifgw_letters ("
	" id BIGINT PRIMARY KEY,"
	" party VARCHAR(8) NOT NULL CHECK (party IN ('seller', 'debtor')),"
	" recipient VARCHAR(35) NOT NULL,"
	" kind VARCHAR(32) NOT NULL,"
	" subject VARCHAR(35) NOT NULL,"
	" currency CHAR(3) NOT NULL,"
	" amount BIGINT NOT NULL,"
	" created BIGINT NOT NULL,"
	" log_entry BIGINT NOT NULL REFERENCES ifgw_log (entry))",
	NULL,
};

/* Version 3: documents as received (the invoice behind an assignment), so
 * the composer and the import role read what the node was given, not a
 * copy rebuilt from figures.  Keyed by kind and the document's own id. */
static const char *const v3_sql[] = {
	"CREATE TABLE ifgw_documents ("
	" kind VARCHAR(16) NOT NULL,"
	" id VARCHAR(35) NOT NULL,"
	" body {bytes} NOT NULL,"
	" created BIGINT NOT NULL,"
	" PRIMARY KEY (kind, id))",
	NULL,
};

const struct ifgw_store_migration ifgw_store_migrations[] = {
	{1, "outbox, inbox and the append-only log", v1_sql},
	{2, "the ledger's sellers, covers, invoices and letters", v2_sql},
	{3, "documents as received (the invoices behind assignments)", v3_sql},
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

static const char *const cover_figures[] = {"requested", "granted"};
static const char *const invoice_figures[IFGW_STORE_FIGURES] = {
	"amount", "approved", "paid", "guaranteed", "credited", "charged_back",
	"outstanding", "disputed", "advanced", "repaid", "advance_outstanding",
};

const char *ifgw_store_thing_table(enum ifgw_store_thing thing)
{
	return thing == IFGW_STORE_SELLERS ? "ifgw_sellers" : thing == IFGW_STORE_COVERS ? "ifgw_covers" : "ifgw_invoices";
}

size_t ifgw_store_figure_count(enum ifgw_store_thing thing)
{
	return thing == IFGW_STORE_COVERS ? 2 : thing == IFGW_STORE_INVOICES ? IFGW_STORE_FIGURES : 0;
}

const char *ifgw_store_figure_name(enum ifgw_store_thing thing, size_t i)
{
	if (i >= ifgw_store_figure_count(thing))
		return NULL;
	return thing == IFGW_STORE_COVERS ? cover_figures[i] : invoice_figures[i];
}
