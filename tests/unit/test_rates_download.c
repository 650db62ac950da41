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
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "currency/rates.h"
#include "currency/rates_replace.h"
#include "gateway/net/rates_download.h"
#include "gateway/node/global.h"
#include "testutil.h"

#define DAILY "tests/data/fx/eurofxref-daily_2024-02-27.xml"

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
	tcase_add_test(tc, replace_refuses_empty_and_says_not_written);
	tcase_add_test(tc, download_over_file_url);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
