/* test_log.c: the service's key=value log lines (gateway/net/log.h). */
#include "config.h"

#include <unistd.h>

#include "base/clock.h"
#include "base/date.h"
#include "gateway/net/log.h"
#include "testutil.h"

/* The file's whole text, in a static buffer. */
static const char *slurp(const char *path)
{
	static char text[16384];
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f) {
		n = fread(text, 1, sizeof(text) - 1, f);
		fclose(f);
	}
	text[n] = '\0';
	return text;
}

static char *tmp_path(void)
{
	static char path[] = "/tmp/ifgw-test-log.XXXXXX";
	int fd;

	memcpy(path + sizeof(path) - 7, "XXXXXX", 6);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	return path;
}

static void at(const char *when)
{
	int64_t t;

	ck_assert_ok(ifgw_datetime_parse(&t, when));
	ifgw_clock_set(t);
}

START_TEST(line_per_event_quoted_when_needed)
{
	struct ifgw_log *log = NULL;
	char *path = tmp_path();

	at("2027-01-04T09:00:00Z");
	ck_assert_ok(ifgw_log_open(&log, path));
	ifgw_log_event(log, IFGW_LOG_INFO, "message", "peer", "127.0.0.1:5000", "partner", "FR00001", "msg_id",
		       "FR00001-DE00123-2", "type", "", "outcome", NULL, "status", "200", NULL);
	ifgw_log_event(log, IFGW_LOG_WARN, "message", "partner", "US00900", "reason",
		       "signature: \"digest\" mismatch\\ at\nline 2", NULL);
	ifgw_log_close(log);
	ck_assert_str_eq(slurp(path), "time=2027-01-04T09:00:00Z level=info event=message peer=127.0.0.1:5000 "
				      "partner=FR00001 msg_id=FR00001-DE00123-2 status=200\n"
				      "time=2027-01-04T09:00:00Z level=warn event=message partner=US00900 "
				      "reason=\"signature: \\\"digest\\\" mismatch\\\\ at line 2\"\n");
	unlink(path);
}
END_TEST

START_TEST(appends_and_keeps_the_callers_error)
{
	struct ifgw_log *log = NULL;
	char *path = tmp_path(), *big = malloc(20000);

	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 19999);
	big[19999] = '\0';
	at("2027-01-04T09:00:00Z");
	ck_assert_ok(ifgw_log_open(&log, path));
	ifgw_log_event(log, IFGW_LOG_INFO, "stopped", NULL);
	ifgw_log_close(log);
	ck_assert_ok(ifgw_log_open(&log, path));
	ifgw_error_set(IFGW_ESTATE, "the request's own error");
	/* A value over the line's cap: left out, the line says so; the pending error stays. */
	ifgw_log_event(log, IFGW_LOG_INFO, "listening", "port", "8441", "reason", big, NULL);
	ck_assert_int_eq(ifgw_error_code(), IFGW_ESTATE);
	ck_assert_str_eq(ifgw_error_last(), "the request's own error");
	ifgw_log_close(log);
	ck_assert_str_eq(slurp(path), "time=2027-01-04T09:00:00Z level=info event=stopped\n"
				      "time=2027-01-04T09:00:00Z level=info event=listening port=8441 truncated=true\n");
	free(big);
	unlink(path);
}
END_TEST

START_TEST(open_refused_names_the_file)
{
	struct ifgw_log *log = NULL;

	ck_assert_fails(ifgw_log_open(&log, "/nonexistent-dir/ifgw.log"), IFGW_EIO, "log /nonexistent-dir/ifgw.log: ");
	ck_assert_ptr_null(log);
	ifgw_log_event(NULL, IFGW_LOG_INFO, "nothing", NULL); /* no log: nothing, no crash */
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("log");

	tcase_add_test(tc, line_per_event_quoted_when_needed);
	tcase_add_test(tc, appends_and_keeps_the_callers_error);
	tcase_add_test(tc, open_refused_names_the_file);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
