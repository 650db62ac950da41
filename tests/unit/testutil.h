/* testutil.h: what every Check suite shares.
 *
 * A test file defines `static Suite *suite(void)` and ends with
 * IFGW_TEST_MAIN(suite).  Check forks each test, so a crash fails one test,
 * not the run.  Data files are found through $top_srcdir (set by make check). */
#ifndef IFGW_TESTUTIL_H
#define IFGW_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "gateway/node/global.h"

/* Absolute path of a file in the source tree ("tests/data/x.csv"); static
 * storage, valid until the next call. */
static inline const char *ifgw_test_srcpath(const char *relpath)
{
	static char path[4096];
	const char *top = getenv("top_srcdir");

	snprintf(path, sizeof(path), "%s/%s", top && *top ? top : ".", relpath);
	return path;
}

/* Assert a call succeeded, printing the pending error message if not. */
#define ck_assert_ok(expr)                                                                         \
	do {                                                                                       \
		int ck_rc_ = (expr);                                                               \
		ck_assert_msg(ck_rc_ == 0, "%s failed: %s (%s)", #expr, ifgw_error_last(),         \
			      ifgw_result_name(ck_rc_));                                           \
	} while (0)

/* Assert a call failed with `code` and a message containing `needle`. */
#define ck_assert_fails(expr, code, needle)                                                        \
	do {                                                                                       \
		int ck_rc_;                                                                        \
		ifgw_error_clear();                                                                \
		ck_rc_ = (expr);                                                                   \
		ck_assert_msg(ck_rc_ == (code), "%s returned %s, want %s (message: %s)", #expr,    \
			      ifgw_result_name(ck_rc_), ifgw_result_name(code), ifgw_error_last()); \
		ck_assert_msg(strstr(ifgw_error_last(), (needle)) != NULL,                         \
			      "%s: message '%s' does not mention '%s'", #expr, ifgw_error_last(),  \
			      (needle));                                                           \
		ck_assert_msg(strchr(ifgw_error_last(), '\n') == NULL, "message is not one line"); \
		ifgw_error_clear();                                                                \
	} while (0)

#define IFGW_TEST_MAIN(suite_fn)                                                                   \
	int main(void)                                                                             \
	{                                                                                          \
		SRunner *sr;                                                                       \
		int failed;                                                                        \
		if (ifgw_global_init() != 0) {                                                     \
			fprintf(stderr, "%s\n", ifgw_error_last());                                \
			return EXIT_FAILURE;                                                       \
		}                                                                                  \
		sr = srunner_create(suite_fn());                                                   \
		srunner_run_all(sr, CK_ENV);                                                       \
		failed = srunner_ntests_failed(sr);                                                \
		srunner_free(sr);                                                                  \
		ifgw_global_cleanup();                                                             \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;                                       \
	}

#endif
