/* bench_store.c: durable commits of the store, beside raw SQLite inserts
 * with the same durability, measured in the same run (the ground of the
 * ledger's transitions-per-second figure, issue 10).
 *
 *   single   one log entry per transaction: begin, ifgw_store_log_append
 *            (SHA-256 of a 200-byte payload, index MAX + 1, insert), commit
 *   grouped  BENCH_STORE_GROUP entries (default 100) per transaction
 *   raw      the same two shapes as plain SQLite: a prepared INSERT of an
 *            already-hashed row into a table of the same columns, in a file
 *            opened with the store's settings (WAL, synchronous=FULL,
 *            BEGIN IMMEDIATE): the floor, no store code at all
 *
 * Both files live in BENCH_STORE_DIR (default $TMPDIR or /tmp): durable
 * commits measure that disk's sync.  Each figure runs BENCH_STORE_MS
 * milliseconds (default 500) per round, rounds interleaved
 * (BENCH_STORE_ROUNDS, default 3); the line gives the median rates and the
 * medians of the per-round ratios:
 *
 *   bench=store_log single_per_s=.. raw_single_per_s=.. ratio_single=..
 *     grouped_per_s=.. raw_grouped_per_s=.. ratio_grouped=.. group=100
 *     sync=full journal=wal rounds=3 stat=median */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/error.h"
#include "bench/bench_raw_sqlite.h"
#include "bench/bench_util.h"
#include "gateway/store/store.h"

#define MAX_ROUNDS 21

enum fig { F_SINGLE, F_RAW_SINGLE, F_GROUPED, F_RAW_GROUPED, F_COUNT };

static double store_run(struct ifgw_store *s, long group, long ms, const char *payload, size_t len)
{
	double t0 = ifgw_bench_now(), t;
	long done = 0, i;
	char subject[32];

	do {
		if (ifgw_store_begin(s) != IFGW_OK)
			ifgw_bench_die("begin");
		for (i = 0; i < group; i++) {
			snprintf(subject, sizeof(subject), "INV-%ld", done + i);
			if (ifgw_store_log_append(s, NULL, "transition", subject, "FR00456", payload, len) != IFGW_OK)
				ifgw_bench_die("log append");
		}
		if (ifgw_store_commit(s) != IFGW_OK)
			ifgw_bench_die("commit");
		done += group;
		t = ifgw_bench_now();
	} while (t - t0 < (double)ms / 1000);
	return (double)done / (t - t0);
}

int main(void)
{
	const char *tmp = getenv("BENCH_STORE_DIR") ? getenv("BENCH_STORE_DIR")
			  : getenv("TMPDIR")        ? getenv("TMPDIR")
						    : "/tmp";
	long ms = ifgw_bench_env_long("BENCH_STORE_MS", 500, 10, 600000);
	long rounds = ifgw_bench_env_long("BENCH_STORE_ROUNDS", 3, 1, MAX_ROUNDS);
	long group = ifgw_bench_env_long("BENCH_STORE_GROUP", 100, 2, 100000);
	double v[F_COUNT][MAX_ROUNDS], ratio_single[MAX_ROUNDS], ratio_grouped[MAX_ROUNDS];
	char dir[512], uri[600], rawpath[600], cmd[700], payload[200];
	struct ifgw_store *s = NULL;
	struct ifgw_bench_raw r;
	long k;

	memset(payload, 'x', sizeof(payload));
	snprintf(dir, sizeof(dir), "%s/ifgw-bench-store-XXXXXX", tmp);
	if (!mkdtemp(dir))
		ifgw_bench_die("mkdtemp");
	snprintf(uri, sizeof(uri), "sqlite:%s/store.db", dir);
	snprintf(rawpath, sizeof(rawpath), "%s/raw.db", dir);
	if (ifgw_store_open(&s, uri, NULL, 0) != IFGW_OK)
		ifgw_bench_die("store open");
	ifgw_bench_raw_open(&r, rawpath,
			    "CREATE TABLE log (entry BIGINT PRIMARY KEY, logged BIGINT NOT NULL, kind VARCHAR(32) NOT NULL,"
			    " subject VARCHAR(140) NOT NULL, actor VARCHAR(35) NOT NULL, sha256 CHAR(64) NOT NULL)",
			    "INSERT INTO log VALUES (?, 1780000000, 'transition', ?, 'FR00456', "
			    "'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')");

	for (k = 0; k < rounds; k++) {
		v[F_SINGLE][k] = store_run(s, 1, ms, payload, sizeof(payload));
		v[F_RAW_SINGLE][k] = ifgw_bench_raw_run(&r, 1, ms);
		v[F_GROUPED][k] = store_run(s, group, ms, payload, sizeof(payload));
		v[F_RAW_GROUPED][k] = ifgw_bench_raw_run(&r, group, ms);
		ratio_single[k] = v[F_SINGLE][k] / v[F_RAW_SINGLE][k];
		ratio_grouped[k] = v[F_GROUPED][k] / v[F_RAW_GROUPED][k];
	}
	printf("bench=store_log single_per_s=%.0f raw_single_per_s=%.0f ratio_single=%.2f grouped_per_s=%.0f "
	       "raw_grouped_per_s=%.0f ratio_grouped=%.2f group=%ld sync=full journal=wal rounds=%ld stat=median\n",
	       ifgw_bench_median(v[F_SINGLE], (int)rounds), ifgw_bench_median(v[F_RAW_SINGLE], (int)rounds),
	       ifgw_bench_median(ratio_single, (int)rounds), ifgw_bench_median(v[F_GROUPED], (int)rounds),
	       ifgw_bench_median(v[F_RAW_GROUPED], (int)rounds), ifgw_bench_median(ratio_grouped, (int)rounds), group,
	       rounds);

	ifgw_bench_raw_close(&r);
	ifgw_store_close(s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_store: could not remove %s\n", dir);
	return 0;
}
