/* test_base.c: errors, buffers, dates and the injected clock. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/datadir.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "base/sjis.h"
#include "base/xml.h"
#include "base/xml_escape.h"
#include "testutil.h"
#include <sys/stat.h>
#include <unistd.h>

START_TEST(error_keeps_first_message)
{
	ifgw_error_clear();
	ck_assert_int_eq(ifgw_error_set(IFGW_EINVAL, "first %d", 1), IFGW_EINVAL);
	ck_assert_int_eq(ifgw_error_set(IFGW_EIO, "second"), IFGW_EIO);
	ck_assert_str_eq(ifgw_error_last(), "first 1");
	ck_assert_int_eq(ifgw_error_code(), IFGW_EINVAL);
	ifgw_error_clear();
	ck_assert_str_eq(ifgw_error_last(), "");
	ifgw_error_set(IFGW_EPARSE, "line\nbreak");
	ck_assert_str_eq(ifgw_error_last(), "line break");
	ifgw_error_clear();
	ck_assert_str_eq(ifgw_result_name(IFGW_EOVERFLOW), "EOVERFLOW");
	ck_assert_str_eq(ifgw_result_name(999), "EUNKNOWN");
}
END_TEST

START_TEST(error_save_restore_and_wrap)
{
	struct ifgw_error kept, other;

	ifgw_error_clear();
	ifgw_error_set(IFGW_EIO, "cause");
	ck_assert_int_eq(ifgw_error_wrap(IFGW_EPARSE, "file.xml:%u", 3u), IFGW_EPARSE);
	ck_assert_str_eq(ifgw_error_last(), "file.xml:3: cause");
	ck_assert_int_eq(ifgw_error_code(), IFGW_EPARSE);

	/* save moves the message away and leaves the thread clean */
	ifgw_error_save(&kept);
	ck_assert_int_eq(kept.code, IFGW_EPARSE);
	ck_assert_str_eq(kept.message, "file.xml:3: cause");
	ck_assert_int_eq(ifgw_error_code(), IFGW_OK);
	ck_assert_str_eq(ifgw_error_last(), "");

	/* a failure tried and handled in between does not leak into the restore */
	ifgw_error_set(IFGW_ENOTFOUND, "handled");
	ifgw_error_restore(&kept);
	ck_assert_str_eq(ifgw_error_last(), "file.xml:3: cause");

	/* saving nothing restores nothing */
	ifgw_error_clear();
	ifgw_error_save(&other);
	ck_assert_int_eq(other.code, IFGW_OK);
	ck_assert_str_eq(other.message, "");
	ifgw_error_set(IFGW_EINVAL, "x");
	ifgw_error_restore(&other);
	ck_assert_int_eq(ifgw_error_code(), IFGW_OK);

	/* wrap with nothing pending sets the context alone */
	ck_assert_int_eq(ifgw_error_wrap(IFGW_EINVAL, "alone"), IFGW_EINVAL);
	ck_assert_str_eq(ifgw_error_last(), "alone");
	ifgw_error_clear();
}
END_TEST

static int takes_pointer(const char *p)
{
	IFGW_ASSERT_ARG(p != NULL);
	return IFGW_OK;
}

START_TEST(assert_arg_fails_the_call)
{
	ifgw_error_clear();
	ck_assert_int_eq(takes_pointer("x"), IFGW_OK);
	ck_assert_int_eq(takes_pointer(NULL), IFGW_EINVAL);
	ck_assert_str_eq(ifgw_error_last(), "takes_pointer: invalid argument: p != NULL");
	ifgw_error_clear();
}
END_TEST

START_TEST(buf_grows_and_caps)
{
	struct ifgw_buf b;
	int i;

	ifgw_buf_init(&b, 100);
	ck_assert_str_eq(ifgw_buf_cstr(&b), "");
	for (i = 0; i < 10; i++)
		ck_assert_ok(ifgw_buf_addf(&b, "%05d", i));
	ck_assert_uint_eq(b.len, 50);
	ck_assert_ok(ifgw_buf_add(&b, "0123456789012345678901234567890123456789012345678", 49));
	ck_assert_uint_eq(b.len, 99);
	ck_assert_ok(ifgw_buf_addc(&b, 'x'));
	ck_assert_fails(ifgw_buf_addc(&b, 'y'), IFGW_EOVERFLOW, "limit of 100 bytes");
	ck_assert_uint_eq(b.len, 100);
	ck_assert_uint_eq(strlen(b.ptr), 100);
	ck_assert_fails(ifgw_buf_add(&b, "", SIZE_MAX), IFGW_EOVERFLOW, "limit");
	ifgw_buf_free(&b);
}
END_TEST

START_TEST(date_round_trip_every_day)
{
	int32_t d, back;
	int y, m, day;
	char text[IFGW_DATE_STRLEN];

	/* Every day from 1600-01-01 to 2400-12-31 survives both conversions. */
	ck_assert_ok(ifgw_date_from_ymd(&d, 1600, 1, 1));
	for (; ; d++) {
		ifgw_date_to_ymd(d, &y, &m, &day);
		ck_assert_ok(ifgw_date_from_ymd(&back, y, m, day));
		ck_assert_int_eq(back, d);
		if (y == 2400 && m == 12 && day == 31)
			break;
	}
	ck_assert_ok(ifgw_date_from_ymd(&d, 1970, 1, 1));
	ck_assert_int_eq(d, 0);
	ck_assert_int_eq(ifgw_date_weekday(d), 4); /* Thursday */
	ck_assert_ok(ifgw_date_parse(&d, "2024-02-29", 10));
	ifgw_date_format(d, text);
	ck_assert_str_eq(text, "2024-02-29");
	ck_assert_int_eq(ifgw_date_weekday(d), 4);
	ck_assert_fails(ifgw_date_parse(&d, "2023-02-29", 10), IFGW_EINVAL, "does not exist");
	ck_assert_fails(ifgw_date_parse(&d, "2023-2-28", 9), IFGW_EINVAL, "not YYYY-MM-DD");
	ck_assert_fails(ifgw_date_parse(&d, "2023/02/28", 10), IFGW_EINVAL, "not YYYY-MM-DD");
}
END_TEST

START_TEST(datetime_parse_and_format)
{
	int64_t t;
	char text[IFGW_DATETIME_STRLEN];

	ck_assert_ok(ifgw_datetime_parse(&t, "2026-11-26T10:20:30Z"));
	ifgw_datetime_format(t, text);
	ck_assert_str_eq(text, "2026-11-26T10:20:30Z");
	ck_assert_ok(ifgw_datetime_parse(&t, "2026-11-26T11:20:30+01:00"));
	ifgw_datetime_format(t, text);
	ck_assert_str_eq(text, "2026-11-26T10:20:30Z");
	ck_assert_ok(ifgw_datetime_parse(&t, "1969-12-31T23:59:59Z"));
	ck_assert_int_eq(t, -1);
	ck_assert_int_eq(ifgw_datetime_date(t), -1);
	ck_assert_fails(ifgw_datetime_parse(&t, "2026-11-26T24:00:00Z"), IFGW_EINVAL, "not YYYY");
	ck_assert_fails(ifgw_datetime_parse(&t, "2026-11-26T10:00:00.5Z"), IFGW_EINVAL, "not YYYY");
}
END_TEST

START_TEST(clock_is_injected)
{
	int64_t t;

	ck_assert_ok(ifgw_datetime_parse(&t, "2026-01-01T00:00:00Z"));
	ifgw_clock_set(t);
	ck_assert_int_eq(ifgw_clock_now(), t);
	ifgw_clock_advance(90 * IFGW_SECONDS_PER_DAY);
	ck_assert_int_eq(ifgw_clock_now(), t + 90 * IFGW_SECONDS_PER_DAY);
	ck_assert_ok(ifgw_clock_init("2030-05-06"));
	ck_assert_ok(ifgw_datetime_parse(&t, "2030-05-06"));
	ck_assert_int_eq(ifgw_clock_now(), t);
	ck_assert_fails(ifgw_clock_init("tomorrow"), IFGW_EINVAL, "--now: 'tomorrow'");
	ifgw_clock_use_system();
	ck_assert_int_gt(ifgw_clock_now(), t - 10 * 365 * IFGW_SECONDS_PER_DAY);
}
END_TEST

START_TEST(xml_escape_rules_and_round_trip)
{
	static const char v[] = "a&b<c>d\"e'f\tg\nh\ri ]]> \xc3\xa9";
	struct ifgw_buf b;
	xmlDocPtr doc = NULL;
	xmlChar *got;

	ifgw_buf_init(&b, 4096);
	ck_assert_ok(ifgw_xml_escape_text(&b, v, sizeof(v) - 1));
	ck_assert_str_eq(b.ptr, "a&amp;b&lt;c&gt;d\"e'f\tg\nh&#13;i ]]&gt; \xc3\xa9");
	ifgw_buf_reset(&b);
	ck_assert_ok(ifgw_xml_escape_attr(&b, v, sizeof(v) - 1));
	ck_assert_str_eq(b.ptr, "a&amp;b&lt;c>d&quot;e'f&#9;g&#10;h&#13;i ]]> \xc3\xa9");
	/* what a parser gives back is the string written, in both places */
	ifgw_buf_reset(&b);
	ck_assert_ok(ifgw_buf_addstr(&b, "<r a=\""));
	ck_assert_ok(ifgw_xml_escape_attr(&b, v, sizeof(v) - 1));
	ck_assert_ok(ifgw_buf_addstr(&b, "\">"));
	ck_assert_ok(ifgw_xml_escape_text(&b, v, sizeof(v) - 1));
	ck_assert_ok(ifgw_buf_addstr(&b, "</r>"));
	ck_assert_ok(ifgw_xml_parse(&doc, b.ptr, b.len, "esc.xml", NULL));
	got = xmlGetProp(xmlDocGetRootElement(doc), BAD_CAST "a");
	ck_assert_str_eq((const char *)got, v);
	xmlFree(got);
	got = xmlNodeGetContent(xmlDocGetRootElement(doc));
	ck_assert_str_eq((const char *)got, v);
	xmlFree(got);
	xmlFreeDoc(doc);
	ifgw_buf_free(&b);
}
END_TEST

START_TEST(file_atomic_write_and_capped_read)
{
	char dir[] = "/tmp/ifgw-test-XXXXXX";
	char path[512];
	struct ifgw_buf b;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/out.txt", dir);
	ck_assert_ok(ifgw_file_write_atomic(path, "hello\n", 6, 0644));
	ifgw_buf_init(&b, 1024);
	ck_assert_ok(ifgw_file_read(&b, path));
	ck_assert_str_eq(b.ptr, "hello\n");
	ifgw_buf_free(&b);
	ifgw_buf_init(&b, 3);
	ck_assert_fails(ifgw_file_read(&b, path), IFGW_EOVERFLOW, "3-byte limit");
	ifgw_buf_free(&b);
	ifgw_buf_init(&b, 3);
	ck_assert_fails(ifgw_file_read(&b, "/nonexistent/x"), IFGW_EIO, "/nonexistent/x: cannot open");
	ifgw_buf_free(&b);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* 1 when path is a directory. */
static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

START_TEST(file_mkdir_p_makes_every_parent)
{
	char dir[] = "/tmp/ifgw-test-XXXXXX";
	char path[512], file[512];
	struct stat st;

	umask(022);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a/b//c/", dir);
	ck_assert_ok(ifgw_file_mkdir_p(path, 0750));
	snprintf(path, sizeof(path), "%s/a/b/c", dir);
	ck_assert(is_dir(path));
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0750);
	ck_assert_ok(ifgw_file_mkdir_p(path, 0755)); /* already there: fine */
	/* the parent of a file */
	snprintf(file, sizeof(file), "%s/x/y/rates.xml", dir);
	ck_assert_ok(ifgw_file_mkdir_parent(file, 0755));
	snprintf(path, sizeof(path), "%s/x/y", dir);
	ck_assert(is_dir(path));
	snprintf(path, sizeof(path), "%s/x/y/rates.xml", dir);
	ck_assert(!is_dir(path)); /* the file itself is not made */
	ck_assert_ok(ifgw_file_mkdir_parent("rates.xml", 0755)); /* no directory part */
	/* a component that is a file */
	snprintf(file, sizeof(file), "%s/plain", dir);
	ck_assert_ok(ifgw_file_write_atomic(file, "x", 1, 0644));
	snprintf(path, sizeof(path), "%s/plain/sub", dir);
	ck_assert_fails(ifgw_file_mkdir_p(path, 0755), IFGW_EIO, "plain: cannot create directory");
	ck_assert_fails(ifgw_file_mkdir_p(NULL, 0755), IFGW_EINVAL, "invalid argument");
	unlink(file);
	snprintf(path, sizeof(path), "%s/a/b/c", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/a/b", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/a", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/x/y", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/x", dir);
	rmdir(path);
	ck_assert_int_eq(rmdir(dir), 0); /* everything made was under dir, and is gone */
}
END_TEST

static void check_relative(const char *from, const char *to, const char *want)
{
	struct ifgw_buf b;

	ifgw_buf_init(&b, 4096);
	ck_assert_ok(ifgw_datadir_relative(&b, from, to));
	ck_assert_msg(strcmp(ifgw_buf_cstr(&b), want) == 0, "%s -> %s: '%s', want '%s'", from, to,
		      ifgw_buf_cstr(&b), want);
	ifgw_buf_free(&b);
}

START_TEST(datadir_relative_paths)
{
	struct ifgw_buf b;

	check_relative("/usr/local/bin", "/usr/local/share/ifgw", "../share/ifgw");
	check_relative("/usr/bin", "/usr/share/ifgw", "../share/ifgw");
	check_relative("/opt/ifgw//bin/", "/opt/ifgw/./share/ifgw", "../share/ifgw");
	check_relative("/a/b/bin", "/c/share/ifgw", "../../../c/share/ifgw");
	check_relative("/usr/local/bin", "/usr/local/bin/data", "data");
	check_relative("/usr/local/bin", "/usr/local/bin", "");
	check_relative("/usr/local/bin", "/usr", "../..");
	check_relative("/usr/local/bin", "/usr/localx/share", "../../localx/share");
	ifgw_buf_init(&b, 4096);
	ck_assert_fails(ifgw_datadir_relative(&b, "usr/bin", "/usr/share"), IFGW_EINVAL, "absolute");
	ck_assert_fails(ifgw_datadir_relative(&b, "/usr/bin", "/usr/../share"), IFGW_EINVAL, "without ..");
	ifgw_buf_free(&b);
}
END_TEST

/* IFGW_DATADIR first; a program of the build tree (this test) falls back on
 * its source tree; not found names every folder, nothing unexpanded. */
START_TEST(datadir_finds_and_names_the_folders)
{
	char dir[] = "/tmp/ifgw-test-XXXXXX";
	char file[512], want[600];
	const char *env = getenv("IFGW_DATADIR");
	char *saved = env ? strdup(env) : NULL;
	struct ifgw_buf b;

	ifgw_buf_init(&b, 8192);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/SOURCES.md", dir);
	ck_assert_ok(ifgw_file_write_atomic(file, "x", 1, 0644));
	ck_assert_int_eq(setenv("IFGW_DATADIR", dir, 1), 0);
	ck_assert_ok(ifgw_datadir_find(&b, "SOURCES.md"));
	ck_assert_str_eq(ifgw_buf_cstr(&b), file);
	/* not in IFGW_DATADIR: the source tree's copy */
	ck_assert_ok(ifgw_datadir_find(&b, "currency/data/SOURCES.md"));
	ck_assert_str_eq(ifgw_buf_cstr(&b), IFGW_SRCDIR "/currency/data/SOURCES.md");
	snprintf(want, sizeof(want), "data file no/such.txt not found in %s, %s (IFGW_DATADIR is looked in first)", dir,
		 IFGW_SRCDIR);
	ck_assert_fails(ifgw_datadir_find(&b, "no/such.txt"), IFGW_ENOTFOUND, want);
	ck_assert_uint_eq(b.len, 0);
	/* unset: the source tree alone, and a hint */
	unsetenv("IFGW_DATADIR");
	ck_assert_ok(ifgw_datadir_find(&b, "currency/data/SOURCES.md"));
	ck_assert_str_eq(ifgw_buf_cstr(&b), IFGW_SRCDIR "/currency/data/SOURCES.md");
	ck_assert_fails(ifgw_datadir_find(&b, "no/such.txt"), IFGW_ENOTFOUND,
			"not found in " IFGW_SRCDIR " (IFGW_DATADIR names a folder to look in first)");
	if (saved)
		setenv("IFGW_DATADIR", saved, 1);
	free(saved);
	ifgw_buf_free(&b);
	unlink(file);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* A document labelled Shift_JIS is refused when it holds bytes glibc's
 * table and CP932 read differently (docs/adapters.md, "Japan"). */
START_TEST(sjis_label_read_two_ways_refused)
{
	static const char yen[] = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<a>C:\\x</a>\n";
	static const char tilde[] = "<?xml version='1.0' encoding='sjis'?>\n\n<a>1~2</a>";
	static const char wave[] = "<?xml version=\"1.0\" encoding=\"SHIFT-JIS\"?><a>1\x81\x60" "2</a>";
	/* 0x5C as the trail byte of ソ (0x83 0x5C) and 表 (0x95 0x5C): one character each */
	static const char trail[] = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<a>\x83\x5C\x95\x5C</a>\n";
	static const char w31j[] = "<?xml version=\"1.0\" encoding=\"Windows-31J\"?>\n<a>C:\\x~</a>\n";
	static const char utf8[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>C:\\x~</a>\n";
	static const char none[] = "<a>C:\\x~</a>";
	xmlDoc *doc = NULL;

	ck_assert_fails(ifgw_sjis_check_label(yen, sizeof(yen) - 1, "m.xml"), IFGW_EPARSE,
			"m.xml:2: Shift_JIS byte 0x5C reads as U+00A5 '¥' in glibc (libxml2, xmlsec1) but as U+005C "
			"'\\' in CP932 (Windows, .NET, Java, WHATWG) and Python: declare the encoding Windows-31J");
	ck_assert_fails(ifgw_sjis_check_label(tilde, sizeof(tilde) - 1, "m.xml"), IFGW_EPARSE,
			"m.xml:3: Shift_JIS byte 0x7E reads as U+203E '‾'");
	ck_assert_fails(ifgw_sjis_check_label(wave, sizeof(wave) - 1, NULL), IFGW_EPARSE,
			"document:1: Shift_JIS bytes 0x81 0x60 read as U+301C '〜' in JIS tables (glibc: libxml2, "
			"xmlsec1; Python) but as U+FF5E '～' in CP932");
	ck_assert_ok(ifgw_sjis_check_label(trail, sizeof(trail) - 1, "m.xml"));
	ck_assert_ok(ifgw_sjis_check_label(w31j, sizeof(w31j) - 1, "m.xml"));
	ck_assert_ok(ifgw_sjis_check_label(utf8, sizeof(utf8) - 1, "m.xml"));
	ck_assert_ok(ifgw_sjis_check_label(none, sizeof(none) - 1, "m.xml"));
	/* the hardened parse refuses it before libxml2 reads a yen sign */
	ck_assert_fails(ifgw_xml_parse(&doc, yen, sizeof(yen) - 1, "m.xml", NULL), IFGW_EPARSE,
			"m.xml:2: Shift_JIS byte 0x5C");
	ck_assert_ptr_null(doc);
	ck_assert_ok(ifgw_xml_parse(&doc, trail, sizeof(trail) - 1, "m.xml", NULL));
	xmlFreeDoc(doc);
	ck_assert_ok(ifgw_xml_parse(&doc, w31j, sizeof(w31j) - 1, "m.xml", NULL));
	ck_assert_str_eq((const char *)xmlDocGetRootElement(doc)->children->content, "C:\\x~");
	xmlFreeDoc(doc);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("base");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, error_keeps_first_message);
	tcase_add_test(tc, error_save_restore_and_wrap);
	tcase_add_test(tc, assert_arg_fails_the_call);
	tcase_add_test(tc, buf_grows_and_caps);
	tcase_add_test(tc, date_round_trip_every_day);
	tcase_add_test(tc, datetime_parse_and_format);
	tcase_add_test(tc, clock_is_injected);
	tcase_add_test(tc, file_atomic_write_and_capped_read);
	tcase_add_test(tc, file_mkdir_p_makes_every_parent);
	tcase_add_test(tc, xml_escape_rules_and_round_trip);
	tcase_add_test(tc, sjis_label_read_two_ways_refused);
	tcase_add_test(tc, datadir_relative_paths);
	tcase_add_test(tc, datadir_finds_and_names_the_folders);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
