/* bench_raw_sqlite.c: plain SQLite inserts, the store benchmarks' peer. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/bench_raw_sqlite.h"
#include "bench/bench_util.h"

static void raw_exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, sql, sqlite3_errmsg(db));
		exit(1);
	}
}

static void raw_step(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		fprintf(stderr, "%s: raw: %s\n", program_invocation_short_name, sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_reset(st);
}

void ifgw_bench_raw_open(struct ifgw_bench_raw *r, const char *path, const char *create_sql,
			 const char *insert_sql)
{
	memset(r, 0, sizeof(*r));
	if (sqlite3_open(path, &r->db) != SQLITE_OK)
		ifgw_bench_die("raw sqlite open");
	sqlite3_busy_timeout(r->db, 10000);
	raw_exec(r->db, "PRAGMA journal_mode = WAL");
	raw_exec(r->db, "PRAGMA synchronous = FULL");
	raw_exec(r->db, create_sql);
	if (sqlite3_prepare_v2(r->db, insert_sql, -1, &r->ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(r->db, "BEGIN IMMEDIATE", -1, &r->begin, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(r->db, "COMMIT", -1, &r->commit, NULL) != SQLITE_OK)
		ifgw_bench_die("raw sqlite prepare");
	r->params = sqlite3_bind_parameter_count(r->ins);
	if (r->params < 1 || r->params > 2)
		ifgw_bench_die("raw sqlite insert: want one or two parameters");
}

double ifgw_bench_raw_run(struct ifgw_bench_raw *r, long group, long ms)
{
	double t0 = ifgw_bench_now(), t;
	long done = 0, i;
	char subject[32];

	do {
		raw_step(r->db, r->begin);
		for (i = 0; i < group; i++) {
			if (r->params == 2) {
				snprintf(subject, sizeof(subject), "INV-%ld", r->next);
				sqlite3_bind_text(r->ins, 2, subject, -1, SQLITE_TRANSIENT);
			}
			sqlite3_bind_int64(r->ins, 1, r->next++);
			raw_step(r->db, r->ins);
		}
		raw_step(r->db, r->commit);
		done += group;
		t = ifgw_bench_now();
	} while (t - t0 < (double)ms / 1000);
	return (double)done / (t - t0);
}

void ifgw_bench_raw_close(struct ifgw_bench_raw *r)
{
	sqlite3_finalize(r->ins);
	sqlite3_finalize(r->begin);
	sqlite3_finalize(r->commit);
	sqlite3_close(r->db);
	memset(r, 0, sizeof(*r));
}
