/* test_rates_download.c: the rates fetch split in two: currency/ validates
 * bytes and replaces the local copy (ifgw_rates_replace), gateway/net/
 * downloads them (ifgw_net_rates_fetch, here over file://; HTTPS is
 * tests/integration/fx_fetch.sh). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "currency/iso4217.h"
#include "currency/rates.h"
#include "currency/rates_replace.h"
#include "gateway/net/rates_download.h"
#include "gateway/node/global.h"
#include "testutil.h"

#define DAILY "tests/data/fx/eurofxref-daily_2024-02-27.xml"
#define HIST90 "tests/data/fx/eurofxref-hist-90d_2023-11-30_to_2024-02-27.xml"
#define HIST "currency/data/eurofxref-hist.csv"

static char tmpdir[4096];

static void make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/ifgw-rates-XXXXXX", base && *base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void remove_tmpdir(const char *file)
{
	unlink(file);
	rmdir(tmpdir);
}

static void read_file(struct ifgw_buf *b, const char *path)
{
	ifgw_buf_reset(b);
	ck_assert_ok(ifgw_file_read(b, path));
}

START_TEST(replace_valid_bytes)
{
	struct ifgw_rates_replaced res;
	struct ifgw_buf src, dst;
	char path[4200], first[IFGW_DATE_STRLEN];
	struct stat st;

	make_tmpdir();
	snprintf(path, sizeof(path), "%s/eurofxref", tmpdir);
	ifgw_buf_init(&src, IFGW_RATES_MAX_FILE);
	ifgw_buf_init(&dst, IFGW_RATES_MAX_FILE);
	read_file(&src, ifgw_test_srcpath(DAILY));
	memset(&res, 0, sizeof(res));
	ck_assert_ok(ifgw_rates_replace(path, src.ptr, src.len, "file:///x", 1700000000, &res));
	read_file(&dst, path);
	ck_assert_uint_eq(dst.len, src.len);
	ck_assert_mem_eq(dst.ptr, src.ptr, src.len);
	ck_assert_uint_eq(res.dates, 1);
	ifgw_date_format(res.first_date, first);
	ck_assert_str_eq(first, "2024-02-27");
	ck_assert_int_eq(res.first_date, res.last_date);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq((long long)st.st_mtime, 1700000000LL);

	/* Bytes that are not a rates file leave the copy alone, and say so. */
	ck_assert_fails(ifgw_rates_replace(path, "<html>oops</html>", 17, "https://x/y.xml", 1, &res), IFGW_EPARSE,
			"download rejected (");
	ifgw_error_clear();
	ck_assert_int_ne(ifgw_rates_replace(path, "<html>oops</html>", 17, "https://x/y.xml", 1, &res), IFGW_OK);
	ck_assert_msg(strstr(ifgw_error_last(), " unchanged): ") != NULL, "%s", ifgw_error_last());
	ifgw_error_clear();
	read_file(&dst, path);
	ck_assert_uint_eq(dst.len, src.len);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq((long long)st.st_mtime, 1700000000LL);

	ifgw_buf_free(&src);
	ifgw_buf_free(&dst);
	remove_tmpdir(path);
}
END_TEST

static int32_t day(const char *text)
{
	int32_t d = 0;

	ck_assert_ok(ifgw_date_parse(&d, text, strlen(text)));
	return d;
}

/* USD per EUR as of a date in the file at path, as text. */
static void usd_is(const char *path, const char *as_of, const char *ccy, const char *want)
{
	struct ifgw_rateset *rs = NULL;
	struct ifgw_rate r;
	char got[IFGW_RATE_STRLEN];

	ck_assert_ok(ifgw_rateset_load_file(&rs, path));
	ck_assert_ok(ifgw_rateset_lookup(&r, NULL, rs, ifgw_currency_find(ccy), day(as_of), IFGW_RATES_MAX_AGE_NONE));
	ifgw_rate_format(got, &r);
	ck_assert_str_eq(got, want);
	ifgw_rateset_free(rs);
}

/* A daily or 90-day download adds to the history held, never cuts it short. */
START_TEST(replace_merge_keeps_the_history)
{
	static const char newer[] = "Date,USD,\n2026-04-14,1.25,\n2024-02-27,2.5,\n";
	struct ifgw_rates_replaced res;
	struct ifgw_buf src, dst;
	char path[4200], hist[4200];
	size_t hist_dates;
	struct ifgw_rateset *rs = NULL;

	ifgw_clock_set((int64_t)day("2026-04-20") * IFGW_SECONDS_PER_DAY);
	make_tmpdir();
	snprintf(path, sizeof(path), "%s/eurofxref", tmpdir);
	snprintf(hist, sizeof(hist), "%s", ifgw_test_srcpath(HIST));
	ck_assert_ok(ifgw_rateset_load_file(&rs, hist));
	hist_dates = ifgw_rateset_date_count(rs);
	ifgw_rateset_free(rs);
	ifgw_buf_init(&src, IFGW_RATES_MAX_FILE);
	ifgw_buf_init(&dst, IFGW_RATES_MAX_FILE);
	/* No copy yet: the daily file over the shipped history. */
	read_file(&src, ifgw_test_srcpath(DAILY));
	ck_assert_ok(ifgw_rates_replace_merge(path, hist, src.ptr, src.len, "file:///daily", -1, &res));
	ck_assert_int_eq(res.merged, 1);
	ck_assert_uint_eq(res.new_dates, 1);
	ck_assert_uint_eq(res.dates, hist_dates); /* 2024-02-27 was in the history already */
	ck_assert_int_eq(res.first_date, day("1999-01-04"));
	ck_assert_int_eq(res.last_date, day("2026-04-13"));
	usd_is(path, "2020-01-02", "USD", "1.1193");
	usd_is(path, "2024-02-27", "USD", "1.0856");
	usd_is(path, "1999-01-04", "JPY", "133.73");
	/* The copy is now the history held: a new date is added, a date in both takes the download whole. */
	ck_assert_ok(ifgw_rates_replace_merge(path, NULL, newer, sizeof(newer) - 1, "file:///newer", -1, &res));
	ck_assert_int_eq(res.merged, 1);
	ck_assert_uint_eq(res.dates, hist_dates + 1);
	ck_assert_int_eq(res.last_date, day("2026-04-14"));
	usd_is(path, "2026-04-14", "USD", "1.25");
	usd_is(path, "2024-02-27", "USD", "2.5");
	usd_is(path, "2024-02-27", "JPY", "163.38"); /* not in the download's 2024-02-27: the 26th's */
	usd_is(path, "2020-01-02", "USD", "1.1193");
	/* A download that holds every date held is written as it came. */
	remove_tmpdir(path);
	make_tmpdir();
	snprintf(path, sizeof(path), "%s/eurofxref", tmpdir);
	read_file(&src, ifgw_test_srcpath(DAILY));
	ck_assert_ok(ifgw_rates_replace_merge(path, NULL, src.ptr, src.len, "file:///daily", -1, &res));
	read_file(&src, ifgw_test_srcpath(HIST90));
	ck_assert_ok(ifgw_rates_replace_merge(path, NULL, src.ptr, src.len, "file:///90d", -1, &res));
	ck_assert_int_eq(res.merged, 0);
	read_file(&dst, path);
	ck_assert_uint_eq(dst.len, src.len);
	ck_assert_mem_eq(dst.ptr, src.ptr, src.len);
	/* A held history that does not load: nothing written, and said so. */
	ck_assert_ok(ifgw_file_write_atomic(path, "Date,USD,\n2024-02-27,x,\n", 24, 0644));
	read_file(&src, ifgw_test_srcpath(DAILY));
	ck_assert_fails(ifgw_rates_replace_merge(path, NULL, src.ptr, src.len, "file:///daily", -1, &res), IFGW_EINVAL,
			"cannot merge the download into the history held (");
	read_file(&dst, path);
	ck_assert_uint_eq(dst.len, 24);
	ifgw_buf_free(&src);
	ifgw_buf_free(&dst);
	remove_tmpdir(path);
	ifgw_clock_use_system();
}
END_TEST

START_TEST(replace_refuses_empty_and_says_not_written)
{
	char path[4200];

	make_tmpdir();
	snprintf(path, sizeof(path), "%s/none", tmpdir);
	ifgw_error_clear();
	ck_assert_int_ne(ifgw_rates_replace(path, NULL, 0, "file:///empty", -1, NULL), IFGW_OK);
	ck_assert_msg(strstr(ifgw_error_last(), "not written): ") != NULL, "%s", ifgw_error_last());
	ifgw_error_clear();
	ck_assert_int_ne(access(path, F_OK), 0);
	remove_tmpdir(path);
}
END_TEST

START_TEST(download_over_file_url)
{
	struct ifgw_fetch_result res;
	struct ifgw_buf src, dst;
	char url[4200], path[4200], abs[4096];

	ck_assert_ptr_nonnull(realpath(ifgw_test_srcpath(DAILY), abs));
	snprintf(url, sizeof(url), "file://%s", abs);
	make_tmpdir();
	snprintf(path, sizeof(path), "%s/eurofxref", tmpdir);
	ifgw_buf_init(&src, IFGW_RATES_MAX_FILE);
	ifgw_buf_init(&dst, IFGW_RATES_MAX_FILE);
	read_file(&src, abs);
	ck_assert_ok(ifgw_net_rates_fetch(url, path, NULL, &res));
	ck_assert(!res.not_modified);
	ck_assert_uint_eq(res.bytes, src.len);
	ck_assert_uint_eq(res.dates, 1);
	read_file(&dst, path);
	ck_assert_mem_eq(dst.ptr, src.ptr, src.len);
	/* libcurl still works after a fetch: no fetch tears it down. */
	ck_assert_ok(ifgw_net_rates_fetch(url, path, NULL, &res));
	ck_assert_fails(ifgw_net_rates_fetch("http://127.0.0.1:1/x.xml", path, NULL, &res), IFGW_EINVAL,
			"scheme 'http' refused: only https:// and file:// are allowed");
	ck_assert_fails(ifgw_net_rates_fetch("file:///nonexistent/ifgw/rates.xml", path, NULL, &res), IFGW_ENET,
			" unchanged)");
	ifgw_buf_free(&src);
	ifgw_buf_free(&dst);
	remove_tmpdir(path);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("rates_download");
	TCase *tc = tcase_create("rates_download");

	/* Downloads need the one start-up (libcurl is initialised there only). */
	if (ifgw_global_init() != IFGW_OK) {
		fprintf(stderr, "start-up: %s\n", ifgw_error_last());
		exit(EXIT_FAILURE);
	}
	tcase_add_test(tc, replace_valid_bytes);
	tcase_add_test(tc, replace_merge_keeps_the_history);
	tcase_add_test(tc, replace_refuses_empty_and_says_not_written);
	tcase_add_test(tc, download_over_file_url);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
