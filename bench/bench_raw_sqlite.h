/* bench_raw_sqlite.h: the peer of the store benchmarks — plain SQLite with
 * the store's durability (WAL, synchronous=FULL, BEGIN IMMEDIATE), one
 * prepared INSERT, no layer of ours.  bench_store and bench_ledger print
 * their figures beside its rate, measured in the same run. */
#ifndef IFGW_BENCH_RAW_SQLITE_H
#define IFGW_BENCH_RAW_SQLITE_H

#include <sqlite3.h>

struct ifgw_bench_raw {
	sqlite3 *db;
	sqlite3_stmt *ins, *begin, *commit;
	int params; /* of the INSERT: ?1 the row number, ?2 (when 2) a subject "INV-<n>" */
	long next;
};

/* Open path (a new file), make the table with create_sql and prepare
 * insert_sql (one or two parameters, as above); exits on failure. */
void ifgw_bench_raw_open(struct ifgw_bench_raw *r, const char *path, const char *create_sql,
			 const char *insert_sql);

/* Transactions of `group` inserts for ms milliseconds: inserts per second. */
double ifgw_bench_raw_run(struct ifgw_bench_raw *r, long group, long ms);

void ifgw_bench_raw_close(struct ifgw_bench_raw *r);

#endif
