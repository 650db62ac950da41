/* test_xml.c: the hardened parse's bounds (base/xml_limits.c), NUL and
 * namespace refusals, and the first fatal error named (issue 9). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/xml.h"
#include "testutil.h"

#define BIG ((size_t)17 << 20)

static int parse(const char *data, size_t len)
{
	xmlDoc *doc = NULL;
	int rc = ifgw_xml_parse(&doc, data, len, "t.xml", NULL);

	xmlFreeDoc(doc);
	return rc;
}

/* n bytes c appended to b */
static void pad(struct ifgw_buf *b, char c, size_t n)
{
	char chunk[4096];

	memset(chunk, c, sizeof(chunk));
	for (; n > sizeof(chunk); n -= sizeof(chunk))
		ck_assert_ok(ifgw_buf_add(b, chunk, sizeof(chunk)));
	ck_assert_ok(ifgw_buf_add(b, chunk, n));
}

static int parse_buf(const struct ifgw_buf *b)
{
	return parse(b->ptr, b->len);
}

/* <a a0="" .. a(n-1)=""/> with n attributes named prefix0.., on line 2 */
static void many_attrs(struct ifgw_buf *b, unsigned n, const char *prefix, const char *decl)
{
	unsigned i;

	b->len = 0;
	ck_assert_ok(ifgw_buf_addf(b, "<?xml version=\"1.0\"?>\n<a%s", decl));
	for (i = 0; i < n; i++)
		ck_assert_ok(ifgw_buf_addf(b, " %s%u=\"v\"", prefix, i));
	ck_assert_ok(ifgw_buf_addstr(b, "/>"));
}

START_TEST(attributes_and_namespaces_per_element)
{
	struct ifgw_buf b;

	ifgw_buf_init(&b, BIG);
	many_attrs(&b, IFGW_XML_MAX_ATTRS, "a", "");
	ck_assert_ok(parse_buf(&b));
	many_attrs(&b, IFGW_XML_MAX_ATTRS + 1, "a", "");
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:2: more than 64 attributes on element 'a'");
	/* the attack of the issue: 100,000 attributes (libxml2 alone: minutes) */
	many_attrs(&b, 100000, "a", "");
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:2: more than 64 attributes on element 'a'");
	many_attrs(&b, IFGW_XML_MAX_NS, "xmlns:p", "");
	ck_assert_ok(parse_buf(&b));
	many_attrs(&b, IFGW_XML_MAX_NS + 1, "xmlns:p", "");
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:2: more than 64 namespace declarations on element 'a'");
	many_attrs(&b, 100000, "xmlns:p", "");
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "more than 64 namespace declarations");
	/* white space around '=' and both quotes count the same */
	b.len = 0;
	ck_assert_ok(ifgw_buf_addstr(&b, "<a"));
	for (unsigned i = 0; i <= IFGW_XML_MAX_ATTRS; i++)
		ck_assert_ok(ifgw_buf_addf(&b, "\n b%u = '>%s'", i, i % 2 ? "\"" : ""));
	ck_assert_ok(ifgw_buf_addstr(&b, "/>"));
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:66: more than 64 attributes on element 'a'");
	ifgw_buf_free(&b);
}
END_TEST

START_TEST(namespaces_in_scope)
{
	struct ifgw_buf b;
	unsigned level, i, extra;

	ifgw_buf_init(&b, BIG);
	/* 2 nested elements of 64 declarations: 128 in scope, the limit; one
	 * more on the third is refused, none more is not */
	for (extra = 0; extra < 2; extra++) {
		b.len = 0;
		for (level = 0; level < 2; level++) {
			ck_assert_ok(ifgw_buf_addstr(&b, "<e"));
			for (i = 0; i < IFGW_XML_MAX_NS; i++)
				ck_assert_ok(ifgw_buf_addf(&b, " xmlns:p%u_%u=\"urn:x\"", level, i));
			ck_assert_ok(ifgw_buf_addstr(&b, ">\n"));
		}
		ck_assert_ok(ifgw_buf_addstr(&b, extra ? "<p0_0:f xmlns:q='urn:q'/>" : "<p0_0:f/>"));
		ck_assert_ok(ifgw_buf_addstr(&b, "</e></e>"));
		if (extra)
			ck_assert_fails(parse_buf(&b), IFGW_EPARSE,
					"t.xml:3: more than 128 namespace declarations in scope at element 'p0_0:f'");
		else
			ck_assert_ok(parse_buf(&b));
	}
	/* the same declarations on siblings: never more than 60 in scope */
	b.len = 0;
	ck_assert_ok(ifgw_buf_addstr(&b, "<r>"));
	for (level = 0; level < 5; level++) {
		ck_assert_ok(ifgw_buf_addstr(&b, "<e"));
		for (i = 0; i < 60; i++)
			ck_assert_ok(ifgw_buf_addf(&b, " xmlns:p%u_%u=\"urn:x\"", level, i));
		ck_assert_ok(ifgw_buf_addstr(&b, "/>"));
	}
	ck_assert_ok(ifgw_buf_addstr(&b, "</r>"));
	ck_assert_ok(parse_buf(&b));
	ifgw_buf_free(&b);
}
END_TEST

START_TEST(elements_depth_names_and_texts)
{
	struct ifgw_buf b;
	unsigned long i;

	ifgw_buf_init(&b, BIG);
	ck_assert_ok(ifgw_buf_addstr(&b, "<r>\n"));
	for (i = 0; i < IFGW_XML_MAX_ELEMENTS - 1; i++)
		ck_assert_ok(ifgw_buf_add(&b, "<a/>", 4));
	ck_assert_ok(ifgw_buf_addstr(&b, "</r>"));
	ck_assert_ok(parse_buf(&b));
	b.len -= 4;
	ck_assert_ok(ifgw_buf_addstr(&b, "<a/></r>"));
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:2: more than 1000000 elements");

	/* nesting: the pre-pass names the limit and the line */
	b.len = 0;
	for (i = 0; i <= IFGW_XML_MAX_DEPTH_DEFAULT; i++)
		ck_assert_ok(ifgw_buf_addstr(&b, "<d>\n"));
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:129: elements nested deeper than 128");

	/* names: element, attribute, end tag */
	b.len = 0;
	ck_assert_ok(ifgw_buf_addc(&b, '<'));
	for (i = 0; i < IFGW_XML_MAX_NAME; i++)
		ck_assert_ok(ifgw_buf_addc(&b, 'n'));
	ck_assert_ok(ifgw_buf_addstr(&b, "/>"));
	ck_assert_ok(parse_buf(&b));
	b.len -= 2;
	ck_assert_ok(ifgw_buf_addstr(&b, "n/>"));
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:1: name longer than 1000 bytes");
	b.len = 0;
	ck_assert_ok(ifgw_buf_addstr(&b, "<a\n"));
	for (i = 0; i <= IFGW_XML_MAX_NAME; i++)
		ck_assert_ok(ifgw_buf_addc(&b, 'n'));
	ck_assert_ok(ifgw_buf_addstr(&b, "='1'/>"));
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:2: name longer than 1000 bytes");

	/* text: one node, however cut by references and CDATA */
	b.len = 0;
	ck_assert_ok(ifgw_buf_addstr(&b, "<a>"));
	for (i = 0; i < IFGW_XML_MAX_TEXT / 6 + 1; i++)
		ck_assert_ok(ifgw_buf_add(&b, "ab&lt;", 6));
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:1: text longer than 10000000 bytes");
	b.len = 0;
	ck_assert_ok(ifgw_buf_addstr(&b, "<a>"));
	pad(&b, 'x', IFGW_XML_MAX_TEXT - 20);
	ck_assert_ok(ifgw_buf_addstr(&b, "<![CDATA[0123456789012345678901]]></a>"));
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:1: text longer than 10000000 bytes");
	b.len = 0;
	ck_assert_ok(ifgw_buf_addstr(&b, "<a b='"));
	pad(&b, 'v', IFGW_XML_MAX_TEXT + 1);
	ck_assert_ok(ifgw_buf_addstr(&b, "'/>"));
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:1: attribute value longer than 10000000 bytes");
	ifgw_buf_free(&b);
}
END_TEST

/* "<?xml version='1.0' encoding='ENC'?><a>\u00e9</a>" in UTF-16 without a
 * byte order mark, big or little endian, the e9 replaced by a NUL when asked. */
static int parse_utf16_no_bom(int big, const char *enc, int nul)
{
	char ascii[128], wide[256];
	xmlDoc *doc = NULL;
	size_t i, n;
	int rc;

	n = (size_t)snprintf(ascii, sizeof(ascii), "<?xml version='1.0' encoding='%s'?><a>#</a>", enc);
	for (i = 0; i < n; i++) {
		unsigned u = ascii[i] == '#' ? (nul ? 0u : 0xE9u) : (unsigned char)ascii[i];

		wide[2 * i + (big ? 1 : 0)] = (char)u;
		wide[2 * i + (big ? 0 : 1)] = 0;
	}
	rc = ifgw_xml_parse(&doc, wide, 2 * n, "t.xml", NULL);
	if (rc == IFGW_OK) {
		ck_assert_str_eq((const char *)xmlDocGetRootElement(doc)->children->content, "\xc3\xa9");
		xmlFreeDoc(doc);
	}
	return rc;
}

START_TEST(nul_refused)
{
	static const char signed_then_nul[] = "<a>\n<b/>\n</a>\0<c/> anything";
	static const char utf16le_nul[] = "\xff\xfe<\0a\0>\0\n\0\0\0<\0/\0a\0>\0";
	static const char utf16le[] = "\xff\xfe<\0a\0>\0\xe9\0<\0/\0a\0>\0";
	xmlDoc *doc = NULL;

	ck_assert_ok(parse(signed_then_nul, strlen(signed_then_nul)));
	ck_assert_fails(parse(signed_then_nul, sizeof(signed_then_nul) - 1), IFGW_EPARSE,
			"t.xml:3: NUL character not allowed");
	ck_assert_fails(parse("\0", 1), IFGW_EPARSE, "t.xml:1: NUL character not allowed");
	/* UTF-16: a NUL character, not the NUL bytes of every ASCII one */
	ck_assert_fails(parse(utf16le_nul, sizeof(utf16le_nul) - 1), IFGW_EPARSE,
			"t.xml:2: NUL character not allowed");
	ck_assert_ok(ifgw_xml_parse(&doc, utf16le, sizeof(utf16le) - 1, "t.xml", NULL));
	ck_assert_str_eq((const char *)xmlDocGetRootElement(doc)->children->content, "\xc3\xa9");
	xmlFreeDoc(doc);
	/* UTF-16 without a byte order mark (NUL bytes) is not read as UTF-16 */
	ck_assert_fails(parse(utf16le + 2, sizeof(utf16le) - 3), IFGW_EPARSE, "NUL character not allowed");
	/* ... unless it starts with "<?" (XML 1.0 appendix F), as libxml2 reads it */
	ck_assert_ok(parse_utf16_no_bom(0, "UTF-16LE", 0));
	ck_assert_ok(parse_utf16_no_bom(1, "UTF-16BE", 0));
	ck_assert_fails(parse_utf16_no_bom(0, "UTF-16LE", 1), IFGW_EPARSE, "t.xml:1: NUL character not allowed");
}
END_TEST

START_TEST(namespace_errors_are_fatal)
{
	static const char undeclared_el[] = "<r>\n<p:a/></r>";
	static const char undeclared_attr[] = "<r>\n<a\n q:k='1'/></r>";
	static const char same_expanded[] = "<r xmlns:a='urn:u' xmlns:b='urn:u'>\n<e a:k='1' b:k='2'/></r>";
	static const char distinct[] = "<r xmlns:a='urn:u' xmlns:b='urn:v'>\n<e a:k='1' b:k='2'/></r>";
	static const char relative[] = "<r xmlns:a='rel'><a:e/></r>";

	ck_assert_fails(parse(undeclared_el, strlen(undeclared_el)), IFGW_EPARSE,
			"t.xml:2: XML parse error: Namespace prefix p on a is not defined");
	ck_assert_fails(parse(undeclared_attr, strlen(undeclared_attr)), IFGW_EPARSE,
			"t.xml:3: XML parse error: Namespace prefix q for k on a is not defined");
	ck_assert_fails(parse(same_expanded, strlen(same_expanded)), IFGW_EPARSE,
			"t.xml:2: XML parse error: Namespaced Attribute k in 'urn:u' redefined");
	ck_assert_ok(parse(distinct, strlen(distinct)));
	/* a relative namespace name is only libxml2's warning */
	ck_assert_ok(parse(relative, strlen(relative)));
}
END_TEST

START_TEST(first_fatal_error_named)
{
	/* libxml2's last error here is about </r> or the end, not the cause */
	static const char two[] = "<r>\n<a>\n</b>\n<c x='1' x='2'/>\n</r>\n<extra/>";
	static const char bad_utf8[] = "<r>\n<a>\xff\xfe</a>\n</r>";
	static const char bad_sjis[] = "<?xml version='1.0' encoding='Shift_JIS'?>\n<r>\n\x81\x20</r>";

	ck_assert_fails(parse(two, strlen(two)), IFGW_EPARSE,
			"t.xml:3: XML parse error: Opening and ending tag mismatch: a line 2 and b");
	ck_assert_fails(parse(bad_utf8, strlen(bad_utf8)), IFGW_EPARSE,
			"t.xml:2: XML parse error: Input is not proper UTF-8");
	/* the converter's error (raised without the parser) is the one named */
	ck_assert_fails(parse(bad_sjis, strlen(bad_sjis)), IFGW_EPARSE, "conversion failed");
}
END_TEST

START_TEST(charsets_scanned_as_libxml2_reads_them)
{
	static const char sjis[] = "<?xml version='1.0' encoding='Shift_JIS'?>\n<a b='\x83\x5c\x83\x40'>\x95\x5c</a>";
	struct ifgw_buf b;
	unsigned i;

	ck_assert_ok(parse(sjis, strlen(sjis)));
	/* UTF-7 hides '<' from a byte scan: what libxml2 reads is scanned */
	ifgw_buf_init(&b, BIG);
	ck_assert_ok(ifgw_buf_addstr(&b, "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<r>+ADw-a"));
	for (i = 0; i <= IFGW_XML_MAX_ATTRS; i++)
		ck_assert_ok(ifgw_buf_addf(&b, " a%u=+ACI-v+ACI-", i));
	ck_assert_ok(ifgw_buf_addstr(&b, "/+AD4-</r>"));
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:2: more than 64 attributes on element 'a'");
	ck_assert_fails(parse("\x4c\x6f\xa7\x94\x93", 5), IFGW_EPARSE, "t.xml:1: EBCDIC not accepted");
	/* an ASCII declaration switching to UTF-16LE: converted from where
	 * libxml2 switches (after the quote), not one byte off */
	b.len = 0;
	ck_assert_ok(ifgw_buf_addstr(&b, "<?xml version=\"1.0\" encoding=\"UTF-16LE\""));
	ck_assert_ok(ifgw_buf_add(&b, "?\0>\0<\0r\0", 8));
	for (i = 0; i <= IFGW_XML_MAX_ATTRS; i++)
		ck_assert_ok(ifgw_buf_add(&b, " \0a\0" "0\0=\0'\0'\0", 12));
	ck_assert_ok(ifgw_buf_add(&b, "/\0>\0", 4));
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:1: more than 64 attributes on element 'r'");
	/* UTF-16 whose declaration would switch libxml2 to another charset */
	ck_assert_fails(parse("\xff\xfe<\0?\0x\0m\0l\0 \0e\0n\0c\0o\0d\0i\0n\0g\0=\0'\0U\0T\0F\0-\0\67\0'\0?\0>\0", 46),
			IFGW_EPARSE, "t.xml:1: encoding 'UTF-7' in a UTF-16 document");
	ifgw_buf_free(&b);
}
END_TEST

/* <r> then n children pre, i, post for i in 0..n-1, then </r> */
static void many_children(struct ifgw_buf *b, const char *pre, const char *post, unsigned n)
{
	unsigned i;

	b->len = 0;
	ck_assert_ok(ifgw_buf_addstr(b, "<r>"));
	for (i = 0; i < n; i++)
		ck_assert_ok(ifgw_buf_addf(b, "%s%u%s", pre, i, post));
	ck_assert_ok(ifgw_buf_addstr(b, "</r>"));
}

/* As many_children, with i written in 3 letters and digits. */
static void many_short(struct ifgw_buf *b, const char *pre, const char *post, unsigned n)
{
	static const char digit[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	unsigned i;

	b->len = 0;
	ck_assert_ok(ifgw_buf_addstr(b, "<r>"));
	for (i = 0; i < n; i++)
		ck_assert_ok(ifgw_buf_addf(b, "%s%c%c%c%s", pre, digit[i / 62 / 62 % 62], digit[i / 62 % 62],
					   digit[i % 62], post));
	ck_assert_ok(ifgw_buf_addstr(b, "</r>"));
}

/* libxml2 2.9's dictionary costs every lookup more past a few thousand
 * distinct strings (900,000 distinct names took 28 s): names, PI targets,
 * namespace names and the short texts and values it keeps are bounded. */
START_TEST(distinct_strings_bounded)
{
	static const char *const over[][2] = {
		{"<n", "/>"},		{"<a k", "=''/>"}, {"<a xmlns:p='urn:", "'/>"}, {"<a xml:id='i", "'/>"},
		{"<?t", "?>"},
	};
	static const char *const over_short[][2] = {{"<a>", "</a>"}, {"<a k='", "'/>"}, {"", "<?p?>"}};
	struct ifgw_buf b;
	unsigned i, k;
	char *u16;

	ifgw_buf_init(&b, BIG);
	/* the same few names, texts and values in any number */
	many_children(&b, "<a k='", "' xmlns:p='urn:x'>EUR</a>\n<?p x?><b/>", IFGW_XML_MAX_STRINGS / 50);
	ck_assert_ok(parse_buf(&b));
	/* below the bound: the names of a large schema, short numbers */
	many_children(&b, "<n", "/>", IFGW_XML_MAX_STRINGS - 10);
	ck_assert_ok(parse_buf(&b));
	/* long texts and values are not kept: any number of distinct ones */
	many_children(&b, "<a k='value ", "'>text</a>", IFGW_XML_MAX_STRINGS * 2);
	ck_assert_ok(parse_buf(&b));
	for (k = 0; k < sizeof(over) / sizeof(over[0]); k++) {
		many_children(&b, over[k][0], over[k][1], (unsigned)IFGW_XML_MAX_STRINGS + 1);
		ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:1: more than 20000 distinct names and short texts");
	}
	for (k = 0; k < sizeof(over_short) / sizeof(over_short[0]); k++) {
		many_short(&b, over_short[k][0], over_short[k][1], (unsigned)IFGW_XML_MAX_STRINGS + 1);
		ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "t.xml:1: more than 20000 distinct names and short texts");
	}
	/* white space before a tag is kept when under 60 bytes */
	b.len = 0;
	ck_assert_ok(ifgw_buf_addstr(&b, "<r>"));
	for (i = 0; i <= IFGW_XML_MAX_STRINGS; i++) {
		for (k = 0; k < 15; k++)
			ck_assert_ok(ifgw_buf_addstr(&b, i >> k & 1 ? "\t" : " "));
		ck_assert_ok(ifgw_buf_addstr(&b, "<a/>"));
	}
	ck_assert_ok(ifgw_buf_addstr(&b, "</r>"));
	ck_assert_fails(parse_buf(&b), IFGW_EPARSE, "more than 20000 distinct names and short texts");
	/* UTF-16: distinct names outside ASCII stay distinct */
	many_children(&b, "<n", "/>", (unsigned)IFGW_XML_MAX_STRINGS + 1);
	ck_assert_ptr_nonnull(u16 = malloc(2 * b.len + 2));
	u16[0] = '\xff';
	u16[1] = '\xfe';
	for (i = 0, k = 0; i < b.len; i++) {
		/* the digits become CJK ideographs U+4E00 + digit */
		unsigned c = b.ptr[i] >= '0' && b.ptr[i] <= '9' ? 0x4E00u + (unsigned)(b.ptr[i] - '0') : (unsigned char)b.ptr[i];

		u16[2 + 2 * i] = (char)(c & 0xFF);
		u16[3 + 2 * i] = (char)(c >> 8);
	}
	ck_assert_fails(parse(u16, 2 * b.len + 2), IFGW_EPARSE, "more than 20000 distinct names and short texts");
	free(u16);
	ifgw_buf_free(&b);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("xml");
	TCase *tc = tcase_create("bounded parse");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, attributes_and_namespaces_per_element);
	tcase_add_test(tc, namespaces_in_scope);
	tcase_add_test(tc, elements_depth_names_and_texts);
	tcase_add_test(tc, nul_refused);
	tcase_add_test(tc, namespace_errors_are_fatal);
	tcase_add_test(tc, first_fatal_error_named);
	tcase_add_test(tc, charsets_scanned_as_libxml2_reads_them);
	tcase_add_test(tc, distinct_strings_bounded);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
