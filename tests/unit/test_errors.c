/* test_errors.c: errors belong to the request, not the thread.
 *
 * One thread serves several requests, as an event loop will: each request
 * keeps its own reason (struct ifgw_error), library code never wipes what
 * its caller had pending, public entry points refuse bad arguments with a
 * message instead of crashing, and strerror is reentrant. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "base/error.h"
#include "currency/iso4217.h"
#include "currency/money.h"
#include "gateway/ingest/ingest.h"
#include "model/model.h"
#include "testutil.h"

/* A request as a server keeps one: its input, its result and its reason. */
struct request {
	const char *amount; /* an amount in EUR, or NULL for a canonical XML message */
	const char *xml;
	int rc;
	struct ifgw_error error;
};

/* One step of a request, the way a callback runs it: clear on entry, move
 * the reason into the request on exit (the rule in base/error.h). */
static void request_step(struct request *req)
{
	const struct ifgw_currency *eur = NULL;
	struct ifgw_money m;
	struct ifgw_msg *msg = NULL;

	ifgw_error_clear();
	if (req->amount) {
		ck_assert_ok(ifgw_currency_lookup(&eur, "EUR", 3));
		req->rc = ifgw_money_parse(&m, req->amount, strlen(req->amount), eur, NULL);
	} else {
		req->rc = ifgw_msg_read_xml(&msg, req->xml, strlen(req->xml), "request-b.xml");
		ifgw_msg_free(msg);
	}
	ifgw_error_save(&req->error);
}

START_TEST(interleaved_requests_keep_their_reasons)
{
	struct request a = {"12.345", NULL, 0, {0, ""}};
	struct request b = {NULL, "<AssignmentBatch xmlns=\"urn:ifgw:model:1\"><Header>", 0, {0, ""}};
	struct request c = {"10.00", NULL, 0, {0, ""}};

	/* A fails, then B fails differently, on the same thread. */
	request_step(&a);
	request_step(&b);
	ck_assert_int_ne(a.rc, IFGW_OK);
	ck_assert_int_ne(b.rc, IFGW_OK);
	ck_assert_int_eq(a.error.code, a.rc);
	ck_assert_int_eq(b.error.code, b.rc);

	/* Each keeps its own reason: A's names its amount, B's its file. */
	ck_assert_msg(strstr(a.error.message, "12.345") != NULL, "A's reason: %s", a.error.message);
	ck_assert_msg(strstr(a.error.message, "request-b.xml") == NULL, "B leaked into A: %s", a.error.message);
	ck_assert_msg(strstr(b.error.message, "request-b.xml") != NULL, "B's reason: %s", b.error.message);
	ck_assert_msg(strstr(b.error.message, "12.345") == NULL, "A leaked into B: %s", b.error.message);

	/* A third request that succeeds sees nothing pending, and leaves nothing. */
	request_step(&c);
	ck_assert_int_eq(c.rc, IFGW_OK);
	ck_assert_int_eq(c.error.code, IFGW_OK);
	ck_assert_str_eq(c.error.message, "");
	ck_assert_int_eq(ifgw_error_code(), IFGW_OK);

	/* The first two still hold their reasons after the third ran. */
	ck_assert_msg(strstr(a.error.message, "12.345") != NULL, "A's reason lost: %s", a.error.message);
	ck_assert_msg(strstr(b.error.message, "request-b.xml") != NULL, "B's reason lost: %s", b.error.message);
}
END_TEST

/* Why the rule exists: without the move on exit, the thread's first-kept
 * message is A's, and B's own failure would be reported with A's words. */
START_TEST(without_the_move_a_reason_leaks)
{
	const struct ifgw_currency *eur = NULL;
	struct ifgw_money m;
	struct ifgw_msg *msg = NULL;
	const char *xml = "<broken";

	ifgw_error_clear();
	ck_assert_ok(ifgw_currency_lookup(&eur, "EUR", 3));
	ck_assert_int_ne(ifgw_money_parse(&m, "1.234", 5, eur, NULL), IFGW_OK);
	/* no save: B runs with A's message pending */
	ck_assert_int_ne(ifgw_msg_read_xml(&msg, xml, strlen(xml), "request-b.xml"), IFGW_OK);
	ck_assert_msg(strstr(ifgw_error_last(), "1.234") != NULL, "pending: %s", ifgw_error_last());
	ck_assert_msg(strstr(ifgw_error_last(), "request-b.xml") == NULL, "pending: %s", ifgw_error_last());
	ifgw_error_clear();
}
END_TEST

/* Ingest with --skip-invalid handles every bad field itself (a bad date,
 * currency, amount, country: problems of the report, not failures): the
 * message its caller had pending must still be there afterwards. */
START_TEST(handled_failures_leave_the_callers_error)
{
	static const char csv[] =
		"doc_type,number,issue_date,due_date,currency,amount,seller_name,seller_country,seller_reg_nr,"
		"debtor_name,debtor_country,debtor_reg_nr\n"
		"invoice,OK-1,2024-03-01,2024-04-30,EUR,100.00,TotalEnergies SE,FR,542051180,Siemens AG,DE,HRB 6684\n"
		"invoice,BAD-1,2024-13-01,2024-04-30,EUR,100.00,TotalEnergies SE,FR,542051180,Siemens AG,DE,HRB 6684\n"
		"invoice,BAD-2,2024-03-01,2024-04-30,XXX,100.00,TotalEnergies SE,FR,542051180,Siemens AG,DE,HRB 6684\n"
		"invoice,BAD-3,2024-03-01,2024-04-30,EUR,100.001,TotalEnergies SE,FR,542051180,Siemens AG,DE,HRB 6684\n"
		"invoice,BAD-4,2024-03-01,2024-04-30,EUR,100.00,TotalEnergies SE,F1,542051180,Siemens AG,DE,HRB 6684\n";
	struct ifgw_ingest_options o = {0};
	const struct ifgw_ingest_report *r;
	struct ifgw_ingest *ing = NULL;

	o.skip_invalid = 1;
	ck_assert_ok(ifgw_ingest_new(&ing, &o));
	ck_assert_ok(ifgw_ingest_add_data(ing, "handled.csv", csv, sizeof(csv) - 1));
	ifgw_error_clear();
	ifgw_error_set(IFGW_EIO, "the caller's own reason");
	ck_assert_int_eq(ifgw_ingest_check(ing), IFGW_OK);
	r = ifgw_ingest_report(ing);
	ck_assert_uint_eq(r->n_documents, 5);
	ck_assert_uint_eq(r->n_valid, 1);
	ck_assert_uint_eq(r->n_skipped, 4);
	/* the problems are the documents' own, in their own words */
	ck_assert_uint_ge(r->n_stored, 4);
	ck_assert_str_eq(ifgw_error_last(), "the caller's own reason");
	ck_assert_int_eq(ifgw_error_code(), IFGW_EIO);
	ifgw_error_clear();
	ifgw_ingest_free(ing);
}
END_TEST

/* A bad call fails that one request with a message: no crash, no abort. */
START_TEST(entry_points_check_their_arguments)
{
	const struct ifgw_currency *eur = NULL;
	struct ifgw_money m;

	ck_assert_ok(ifgw_currency_lookup(&eur, "EUR", 3));
	ck_assert_fails(ifgw_money_parse(NULL, "1.00", 4, eur, NULL), IFGW_EINVAL, "invalid argument: out");
	ck_assert_fails(ifgw_money_parse(&m, NULL, 4, eur, NULL), IFGW_EINVAL, "ifgw_money_parse");
	ck_assert_fails(ifgw_currency_lookup(NULL, "EUR", 3), IFGW_EINVAL, "ifgw_currency_lookup");
	ck_assert_fails(ifgw_msg_read_xml(NULL, "<x/>", 4, "x.xml"), IFGW_EINVAL, "invalid argument");
	ck_assert_fails(ifgw_ingest_new(NULL, NULL), IFGW_EINVAL, "ifgw_ingest_new");
	/* an empty input with no bytes is not a bad argument */
	ck_assert_fails(ifgw_money_parse(&m, NULL, 0, eur, NULL), IFGW_EINVAL, "amount");
}
END_TEST

START_TEST(strerror_is_reentrant)
{
	char a[IFGW_STRERROR_SIZE], b[IFGW_STRERROR_SIZE], tiny[4];
	const char *ta, *tb, *tu;

	ta = ifgw_strerror(ENOENT, a, sizeof(a));
	tb = ifgw_strerror(EACCES, b, sizeof(b));
	/* the same words strerror gives (the oracle; this test runs on one thread) */
	ck_assert_str_eq(ta, strerror(ENOENT)); /* checksrc: allow strerror (the oracle) */
	ck_assert_str_eq(tb, strerror(EACCES)); /* checksrc: allow strerror (the oracle) */
	ck_assert_str_ne(ta, tb); /* the second call did not overwrite the first */
	tu = ifgw_strerror(123456, a, sizeof(a));
	ck_assert_ptr_nonnull(tu);
	ck_assert_msg(*tu != '\0', "unknown error number: empty text");
	tu = ifgw_strerror(ENOENT, tiny, sizeof(tiny));
	ck_assert_ptr_nonnull(tu);
	ck_assert_msg(tu != tiny || strlen(tu) < sizeof(tiny), "overran a small buffer");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("errors");
	TCase *tc = tcase_create("errors");

	tcase_add_test(tc, interleaved_requests_keep_their_reasons);
	tcase_add_test(tc, without_the_move_a_reason_leaks);
	tcase_add_test(tc, handled_failures_leave_the_callers_error);
	tcase_add_test(tc, entry_points_check_their_arguments);
	tcase_add_test(tc, strerror_is_reentrant);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
