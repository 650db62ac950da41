/* test_global.c: one start-up (gateway/node/global.c) and the shared XSD
 * cache (base/xsd.c): a broken shipped schema stops the start naming its
 * file, and many threads validate against one compiled schema. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "base/file.h"
#include "base/xml.h"
#include "base/xsd.h"
#include "model/model.h"
#include "testutil.h"

/* The folders of the data tree that hold schemas, copied into a temp dir. */
static const char *const schema_dirs[] = {
	"model/schema", "config/schema", "adapters/edifactoring/schema", "adapters/iso20022/schema",
};

static char tmpdir[64];

static void run(const char *cmd)
{
	ck_assert_msg(system(cmd) == 0, "%s failed", cmd);
}

/* A copy of the shipped schemas under a fresh temp dir (tmpdir). */
static void copy_data_tree(void)
{
	char dst[256], cmd[8192];
	size_t i;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ifgw-test-global-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	for (i = 0; i < sizeof(schema_dirs) / sizeof(schema_dirs[0]); i++) {
		const char *src = ifgw_test_srcpath(schema_dirs[i]);

		snprintf(dst, sizeof(dst), "%s/%s", tmpdir, schema_dirs[i]);
		snprintf(cmd, sizeof(cmd), "mkdir -p '%s' && rmdir '%s' && cp -R '%s' '%s'", dst, dst, src, dst);
		run(cmd);
	}
}

/* Replace the first `from` in the copied file rel by `to`. */
static void corrupt(const char *rel, const char *from, const char *to)
{
	struct ifgw_buf text, out;
	char path[4096];
	const char *hit;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	ifgw_buf_init(&text, 1u << 20);
	ifgw_buf_init(&out, 1u << 20);
	ck_assert_ok(ifgw_file_read(&text, path));
	ck_assert_ptr_nonnull(hit = strstr(ifgw_buf_cstr(&text), from));
	ck_assert_ok(ifgw_buf_add(&out, text.ptr, (size_t)(hit - text.ptr)));
	ck_assert_ok(ifgw_buf_addstr(&out, to));
	ck_assert_ok(ifgw_buf_addstr(&out, hit + strlen(from)));
	ck_assert_ok(ifgw_file_write_atomic(path, out.ptr, out.len, 0644));
	ifgw_buf_free(&text);
	ifgw_buf_free(&out);
}

/* Leave the test harness's start-up, so that the next init is a real one. */
static void global_stop(void)
{
	ifgw_global_cleanup();
}

/* Back to the harness's start-up from the shipped data (CK_FORK=no runs the
 * next test in this process). */
static void global_restore(void)
{
	char cmd[128];

	unsetenv("IFGW_DATADIR");
	ifgw_error_clear();
	ck_assert_ok(ifgw_global_init());
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	run(cmd);
}

START_TEST(broken_schema_found_at_start)
{
	char want[256];

	copy_data_tree();
	/* well-formed, but refers to a type that does not exist: only compiling finds it */
	corrupt("adapters/edifactoring/schema/MSG09.xsd", "type=\"MSG09\"", "type=\"NoSuchType\"");
	ck_assert_int_eq(setenv("IFGW_DATADIR", tmpdir, 1), 0);
	global_stop();
	snprintf(want, sizeof(want), "%s/adapters/edifactoring/schema/MSG09.xsd:", tmpdir);
	ck_assert_fails(ifgw_global_init(), IFGW_EPARSE, want);
	/* the failed start left nothing behind: the same failure again */
	ck_assert_int_ne(ifgw_global_init(), IFGW_OK);
	ck_assert_msg(strstr(ifgw_error_last(), "adapter edifactoring: ") == ifgw_error_last() &&
			      strstr(ifgw_error_last(), "the schema does not compile"),
		      "%s", ifgw_error_last());
	ck_assert_msg(strchr(ifgw_error_last(), '\n') == NULL, "one line: %s", ifgw_error_last());
	/* the CLI's start only parses: it lets this one through to its first use... */
	ck_assert_ok(ifgw_global_init_flags(IFGW_GLOBAL_LAZY_SCHEMAS));
	global_stop();
	/* ...but names a schema that is not even well-formed */
	corrupt("config/schema/ifgw-config-1.xsd", "</xs:schema>", "</xs:schem>");
	snprintf(want, sizeof(want), "%s/config/schema/ifgw-config-1.xsd:", tmpdir);
	ck_assert_fails(ifgw_global_init_flags(IFGW_GLOBAL_LAZY_SCHEMAS), IFGW_EPARSE, want);
	global_restore();
}
END_TEST

START_TEST(start_up_is_counted)
{
	const struct ifgw_xsd *before = NULL, *after = NULL;

	/* the harness started once: a second user only counts, and its
	 * cleanup leaves the compiled schemas to the first */
	ck_assert_ok(ifgw_xsd_get(&before, IFGW_MODEL_SCHEMA));
	ck_assert_ok(ifgw_global_init());
	ifgw_global_cleanup();
	ck_assert_ok(ifgw_xsd_get(&after, IFGW_MODEL_SCHEMA));
	ck_assert_ptr_eq(before, after);
}
END_TEST

/* --- many threads, one compiled schema */

#define THREADS 6
#define ROUNDS 40

struct worker {
	const char *good;
	size_t good_len;
	const char *bad;
	size_t bad_len;
	int id;
	int failures;
	char why[IFGW_ERROR_MAX];
};

static void *validate_many(void *arg)
{
	struct worker *w = arg;
	char name[32], want[64];
	int i;

	snprintf(name, sizeof(name), "t%d.xml", w->id);
	snprintf(want, sizeof(want), "t%d.xml:", w->id);
	for (i = 0; i < ROUNDS && !w->failures; i++) {
		ifgw_error_clear();
		if (ifgw_model_validate_xml(w->good, w->good_len, name) != IFGW_OK) {
			w->failures++;
			snprintf(w->why, sizeof(w->why), "valid refused: %s", ifgw_error_last());
		}
		/* each thread gets its own first error, at the line of its own document */
		if (ifgw_model_validate_xml(w->bad, w->bad_len, name) != IFGW_EPARSE ||
		    strstr(ifgw_error_last(), want) != ifgw_error_last() ||
		    !strstr(ifgw_error_last(), "FreeText/Header/Sequence: ")) {
			w->failures++;
			snprintf(w->why, sizeof(w->why), "invalid: %s", ifgw_error_last());
		}
	}
	return NULL;
}

START_TEST(threads_share_one_compiled_schema)
{
	struct worker w[THREADS];
	pthread_t t[THREADS];
	struct ifgw_buf good, bad;
	const char *hit;
	int i;

	ifgw_buf_init(&good, IFGW_MODEL_XML_MAX);
	ifgw_buf_init(&bad, IFGW_MODEL_XML_MAX);
	ck_assert_ok(ifgw_file_read(&good, ifgw_test_srcpath("tests/data/model/free-text.xml")));
	ck_assert_ptr_nonnull(hit = strstr(good.ptr, "<Sequence>"));
	ck_assert_ok(ifgw_buf_add(&bad, good.ptr, (size_t)(hit - good.ptr)));
	ck_assert_ok(ifgw_buf_addstr(&bad, "<Sequence>-1"));
	ck_assert_ok(ifgw_buf_addstr(&bad, strchr(hit + 10, '<')));
	/* empty cache: the threads race to the first compile too */
	ifgw_xsd_cleanup();
	for (i = 0; i < THREADS; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].good = good.ptr;
		w[i].good_len = good.len;
		w[i].bad = bad.ptr;
		w[i].bad_len = bad.len;
		w[i].id = i;
		ck_assert_int_eq(pthread_create(&t[i], NULL, validate_many, &w[i]), 0);
	}
	for (i = 0; i < THREADS; i++)
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
	for (i = 0; i < THREADS; i++)
		ck_assert_msg(w[i].failures == 0, "thread %d: %s", i, w[i].why);
	ifgw_buf_free(&good);
	ifgw_buf_free(&bad);
}
END_TEST

START_TEST(xsd_cache_compiles_once_and_reports_first_error)
{
	const struct ifgw_xsd *a = NULL, *b = NULL;
	struct ifgw_xml_first_error fe;
	xmlDocPtr doc = NULL;
	static const char bad[] = "<Node xmlns=\"urn:ifgw:config:1\" version=\"1\" code=\"FR00001\" country=\"FR\">"
				  "\n<Nope/></Node>";

	ck_assert_ok(ifgw_xsd_get(&a, "config/schema/ifgw-config-1.xsd"));
	ck_assert_ok(ifgw_xsd_get(&b, "config/schema/ifgw-config-1.xsd"));
	ck_assert_ptr_eq(a, b);
	ck_assert_str_eq(ifgw_xsd_name(a), "config/schema/ifgw-config-1.xsd");
	ck_assert_fails(ifgw_xsd_get(&b, "config/schema/none.xsd"), IFGW_ENOTFOUND, "config/schema/none.xsd");
	ck_assert_ok(ifgw_xml_parse(&doc, bad, sizeof(bad) - 1, "bad.xml", NULL));
	memset(&fe, 0, sizeof(fe));
	ck_assert_int_eq(ifgw_xsd_validate(a, doc, NULL, &fe), IFGW_EPARSE);
	ck_assert_int_eq(fe.set, 1);
	ck_assert_int_eq(fe.line, 2);
	ck_assert_str_eq(fe.path, "Node/Nope");
	ck_assert_msg(strstr(fe.msg, "not expected") != NULL, "%s", fe.msg);
	xmlFreeDoc(doc);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("global");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, start_up_is_counted);
	tcase_add_test(tc, xsd_cache_compiles_once_and_reports_first_error);
	tcase_add_test(tc, threads_share_one_compiled_schema);
	tcase_add_test(tc, broken_schema_found_at_start);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
