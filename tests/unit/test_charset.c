/* test_charset.c: UTF-8 <-> wire charsets, strictness, transliteration and
 * field lengths.
 *
 * The bytes we write are checked by an independent implementation: Python's
 * own codecs (not iconv), run as a child process on the bytes we produced. */
#include "config.h"

#include <iconv.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "adapters/charset.h"
#define IFGW_CHARSET_INTERNAL
#include "adapters/charset_int.h"
#include "adapters/country.h"
#include "testutil.h"

#ifndef ICONV_CONST
#define ICONV_CONST
#endif

/* The name Python gives each charset the profiles use. */
static const char *python_codec(const char *charset)
{
	static const char *const map[][2] = {
		{"SHIFT_JIS", "shift_jis"},   {"CP932", "cp932"},           {"GB18030", "gb18030"},       {"ISO-8859-1", "latin_1"},
		{"ISO-8859-2", "iso8859_2"}, {"ISO-8859-9", "iso8859_9"}, {"WINDOWS-1252", "cp1252"},
		{"WINDOWS-1254", "cp1254"},  {"KOI8-R", "koi8_r"},        {"WINDOWS-1251", "cp1251"},
		{"ISO-8859-15", "iso8859_15"}, {"WINDOWS-1250", "cp1250"}, {"UTF-8", "utf-8"},
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], charset) == 0)
			return map[i][1];
	ck_abort_msg("no Python codec for %s", charset);
	return NULL;
}

/* One conversion for Python to check: bytes in codec must decode to text
 * (UTF-8), and text must encode to exactly these bytes ("codec:decode":
 * only decode, for text that has two encodings in the charset). */
struct py_item {
	const char *codec;
	const char *bytes;
	size_t len;
	const char *text;
};

static void write_file(const char *dir, size_t i, const char *ext, const char *data, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%zu.%s", dir, i, ext);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Run Python once over n items (one process: the interpreter's start-up is
 * the cost) and assert it found every one right, showing its report if not. */
static void python_verify(const struct py_item *items, size_t n)
{
	static const char script[] =
		"import sys, os\n"
		"d, bad = sys.argv[1], 0\n"
		"for i, arg in enumerate(sys.argv[2:]):\n"
		"    codec, _, only = arg.partition(':')\n"
		"    ours = open(os.path.join(d, '%d.bin' % i), 'rb').read()\n"
		"    text = open(os.path.join(d, '%d.txt' % i), 'rb').read().decode('utf-8')\n"
		"    try:\n"
		"        got = ours.decode(codec, 'strict')\n"
		"    except UnicodeError as e:\n"
		"        got = 'undecodable: %s' % e\n"
		"    if got != text:\n"
		"        bad += 1\n"
		"        print('%d %s: our bytes decode to %r, want %r' % (i, codec, got, text))\n"
		"    elif only != 'decode' and text.encode(codec, 'strict') != ours:\n"
		"        bad += 1\n"
		"        print('%d %s: Python writes %r, we wrote %r' % (i, codec, text.encode(codec), ours))\n"
		"sys.exit(1 if bad else 0)\n";
	const char *python = getenv("PYTHON3");
	char dir[] = "/tmp/ifgw-test-charset-XXXXXX", path[256], chunk[4096];
	const char *argv[64];
	struct ifgw_buf report;
	int pipefd[2], status = -1;
	size_t i;
	ssize_t r;
	pid_t pid;

	ck_assert_uint_le(n, 60);
	if (!python || !*python)
		python = "python3";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	argv[0] = python;
	argv[1] = "-c";
	argv[2] = script;
	argv[3] = dir;
	for (i = 0; i < n; i++) {
		write_file(dir, i, "bin", items[i].bytes, items[i].len);
		write_file(dir, i, "txt", items[i].text, strlen(items[i].text));
		argv[4 + i] = items[i].codec;
	}
	argv[4 + n] = NULL;
	ck_assert_int_eq(pipe(pipefd), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(pipefd[1], STDOUT_FILENO);
		close(pipefd[0]);
		close(pipefd[1]);
		execvp(python, (char *const *)argv);
		_exit(127);
	}
	close(pipefd[1]);
	ifgw_buf_init(&report, 1 << 16);
	while ((r = read(pipefd[0], chunk, sizeof(chunk))) > 0)
		ifgw_buf_add(&report, chunk, (size_t)r);
	close(pipefd[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%zu.bin", dir, i);
		unlink(path);
		snprintf(path, sizeof(path), "%s/%zu.txt", dir, i);
		unlink(path);
	}
	rmdir(dir);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) != 127, "could not run %s", python);
	ck_assert_msg(WEXITSTATUS(status) == 0, "Python disagrees: %s", ifgw_buf_cstr(&report));
	ifgw_buf_free(&report);
}
/* Realistic names and addresses for each wire charset. */
struct sample {
	const char *charset;
	const char *text;
};

static const struct sample samples[] = {
	{"SHIFT_JIS", "トヨタ自動車株式会社 愛知県豊田市トヨタ町1番地 ｶﾌﾞｼｷｶﾞｲｼｬ"},
	/* '\' and '~' at 0x5C and 0x7E, 0x5C as a trail byte (ソ 表), NEC row 13 (① ㈱) */
	{"CP932", "トヨタ自動車㈱ 愛知県豊田市トヨタ町1番地 ｶﾌﾞｼｷｶﾞｲｼｬ ソフト表示 ①～③ C:\\請求書\\ 10~20"},
	{"GB18030", "华为技术有限公司 深圳市龙岗区坂田华为基地 𠮷"},
	{"ISO-8859-9", "Türk Hava Yolları A.O., İstanbul Şişli, Ağaoğlu Çiçek Öğüt"},
	{"ISO-8859-2", "Zakłady Azotowe Puławy S.A., Żółć gęślą jaźń, Łódź"},
	{"WINDOWS-1252", "Œuvres d’Art de L’Haÿ-les-Roses — 1 000 €, «Société»"},
	{"ISO-8859-1", "Müller & Söhne GmbH, Königstraße 5; Compañía Telefónica, ¿Sí?"},
	{"WINDOWS-1254", "Koç Holding A.Ş. — Nakkaştepe, Üsküdar, İstanbul “€”"},
	{"UTF-8", "Tesco PLC, Welwyn Garden City — Łódź 東京 😀"},
};

static const char *sample_for(const char *charset)
{
	size_t i;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		if (strcmp(samples[i].charset, charset) == 0)
			return samples[i].text;
	ck_abort_msg("no sample for %s", charset);
	return NULL;
}

START_TEST(every_profile_charset_checked_by_python)
{
	const struct ifgw_country_profile *const *p;
	struct ifgw_buf wire[16], back;
	struct py_item items[16];
	unsigned non_utf8 = 0;
	const char *charset;
	size_t n = 0, i;

	ifgw_buf_init(&back, 1 << 16);
	for (p = ifgw_country_profiles;; p++) {
		/* After the profiles, WINDOWS-1254: no profile uses it yet. */
		charset = *p ? (*p)->charset : "WINDOWS-1254";
		ifgw_buf_init(&wire[n], 1 << 16);
		items[n].codec = python_codec(charset);
		items[n].text = sample_for(charset);
		ck_assert_ok(ifgw_charset_from_utf8(&wire[n], charset, items[n].text, strlen(items[n].text), 0,
						    "Seller/Name"));
		items[n].bytes = wire[n].ptr;
		items[n].len = wire[n].len;
		/* Our decoder is the exact inverse. */
		ifgw_buf_reset(&back);
		ck_assert_ok(ifgw_charset_to_utf8(&back, charset, wire[n].ptr, wire[n].len, "Seller/Name"));
		ck_assert_str_eq(ifgw_buf_cstr(&back), items[n].text);
		if (strcmp(charset, "UTF-8") != 0)
			non_utf8++;
		n++;
		if (!*p)
			break;
	}
	ck_assert_uint_ge(non_utf8, 7);
	/* Python's own codecs read our bytes as the text, and write the same. */
	python_verify(items, n);
	for (i = 0; i < n; i++)
		ifgw_buf_free(&wire[i]);
	ifgw_buf_free(&back);
	ifgw_charset_cache_clear();
}
END_TEST

/* ifgw_charset_from_utf8 of text into a fresh buffer, as a NUL-terminated
 * string owned by the caller's buffer. */
static const char *convert(struct ifgw_buf *b, const char *charset, const char *text, int translit)
{
	ifgw_buf_reset(b);
	ck_assert_ok(ifgw_charset_from_utf8(b, charset, text, strlen(text), translit, "Field"));
	return ifgw_buf_cstr(b);
}

START_TEST(known_bytes)
{
	struct ifgw_buf b;

	ifgw_buf_init(&b, 4096);
	ck_assert_str_eq(convert(&b, "ISO-8859-2", "łżąę", 0), "\xB3\xBF\xB1\xEA");
	ck_assert_str_eq(convert(&b, "ISO-8859-9", "ğıİş", 0), "\xF0\xFD\xDD\xFE");
	ck_assert_str_eq(convert(&b, "WINDOWS-1252", "€Œ’", 0), "\x80\x8C\x92");
	ck_assert_str_eq(convert(&b, "SHIFT_JIS", "トヨタ", 0), "\x83\x67\x83\x88\x83\x5E");
	ck_assert_str_eq(convert(&b, "GB18030", "华为", 0), "\xBB\xAA\xCE\xAA");
	ck_assert_uint_eq(strlen(convert(&b, "GB18030", "𠮷", 0)), 4); /* four-byte GB18030 sequence */
	/* Appends: what the buffer held stays in front. */
	ifgw_buf_reset(&b);
	ck_assert_ok(ifgw_buf_addstr(&b, "<Nm>"));
	ck_assert_ok(ifgw_charset_from_utf8(&b, "ISO-8859-2", "Łódź", strlen("Łódź"), 0, "Field"));
	ck_assert_str_eq(ifgw_buf_cstr(&b), "<Nm>\xA3\xF3\x64\xBC");
	/* UTF-8 to UTF-8 is a checked copy. */
	ck_assert_str_eq(convert(&b, "utf-8", "Łódź 😀", 0), "Łódź 😀");
	ifgw_buf_free(&b);
	ifgw_charset_cache_clear();
}
END_TEST

START_TEST(unrepresentable_refused_naming_the_field)
{
	const struct ifgw_country_profile *pl = ifgw_country_find("PL"), *jp = ifgw_country_find("JP"),
					  *fr = ifgw_country_find("FR");
	struct ifgw_buf b;

	ifgw_buf_init(&b, 4096);
	ck_assert_ok(ifgw_buf_addstr(&b, "kept"));
	ck_assert_fails(ifgw_charset_from_utf8(&b, "ISO-8859-1", "Łukasz", strlen("Łukasz"), 0, "Debtor/Name"),
			IFGW_EINVAL, "Debtor/Name: U+0141 'Ł' cannot be written in ISO-8859-1");
	/* The buffer is as it was: nothing half-written. */
	ck_assert_str_eq(ifgw_buf_cstr(&b), "kept");
	ck_assert_uint_eq(b.len, 4);
	ck_assert_int_eq(pl->allow_translit, 0);
	ck_assert_fails(ifgw_charset_from_utf8(&b, pl->charset, "Ağaoğlu", strlen("Ağaoğlu"), pl->allow_translit,
					       "Seller/Name"),
			IFGW_EINVAL, "Seller/Name: U+011F 'ğ' cannot be written in ISO-8859-2");
	ck_assert_fails(ifgw_charset_from_utf8(&b, jp->charset, "삼성전자", strlen("삼성전자"), jp->allow_translit,
					       "Debtor/Name"),
			IFGW_EINVAL, "Debtor/Name: U+C0BC '삼' cannot be written in CP932");
	ck_assert_fails(ifgw_charset_from_utf8(&b, fr->charset, "Rue de Łódź", strlen("Rue de Łódź"),
					       fr->allow_translit, "Debtor/Street"),
			IFGW_EINVAL, "Debtor/Street: U+0141 'Ł' cannot be written in WINDOWS-1252");
	/* Emoji beyond the BMP, in a single-byte charset. */
	ck_assert_fails(ifgw_charset_check("ISO-8859-9", "ok 😀", strlen("ok 😀"), 0, "Free/Text"), IFGW_EINVAL,
			"Free/Text: U+1F600 '😀' cannot be written in ISO-8859-9");
	ck_assert_ok(ifgw_charset_check("GB18030", "ok 😀", strlen("ok 😀"), 0, "Free/Text"));
	/* glibc's SHIFT_JIS writes '\' and '~' but reads them back as YEN SIGN
	 * and OVERLINE: refused, even with transliteration allowed */
	ck_assert_fails(ifgw_charset_from_utf8(&b, "SHIFT_JIS", "C:\\x", 4, 1, "Free/Text"), IFGW_EINVAL,
			"Free/Text: U+005C '\\' cannot be written in SHIFT_JIS (it reads back as U+00A5 '¥')");
	ck_assert_fails(ifgw_charset_check("SHIFT_JIS", "a~b", 3, 0, "Seller/Name"), IFGW_EINVAL,
			"Seller/Name: U+007E '~' cannot be written in SHIFT_JIS (it reads back as U+203E '‾')");
	ck_assert_str_eq(ifgw_buf_cstr(&b), "kept");
	ifgw_buf_free(&b);
	ifgw_charset_cache_clear();
}
END_TEST

/* JP's wire charset: CP932 as Windows, Java's MS932, WHATWG and Python's
 * cp932 read it (docs/adapters.md, "Japan: CP932 on the wire"). */
START_TEST(cp932_reads_as_japanese_systems_do)
{
	/* glibc writes these, but the bytes read back as another character
	 * (Python's cp932 refuses the first three and reads the others back
	 * the same way) */
	static const struct {
		const char *ch, *why;
	} one_way[] = {
		{"¥", "U+00A5 '¥' cannot be written in CP932 (it reads back as U+005C '\\')"},
		{"‾", "U+203E '‾' cannot be written in CP932 (it reads back as U+007E '~')"},
		{"—", "U+2014 '—' cannot be written in CP932 (it reads back as U+2015 '―')"},
		{"〜", "U+301C '〜' cannot be written in CP932 (it reads back as U+FF5E '～')"},
		{"‖", "U+2016 '‖' cannot be written in CP932 (it reads back as U+2225 '∥')"},
		{"−", "U+2212 '−' cannot be written in CP932 (it reads back as U+FF0D '－')"},
		{"¢", "U+00A2 '¢' cannot be written in CP932 (it reads back as U+FFE0 '￠')"},
		{"£", "U+00A3 '£' cannot be written in CP932 (it reads back as U+FFE1 '￡')"},
		{"¬", "U+00AC '¬' cannot be written in CP932 (it reads back as U+FFE2 '￢')"},
	};
	const struct ifgw_country_profile *jp = ifgw_country_find("JP");
	struct ifgw_buf b, back, w[2];
	struct py_item items[2];
	char text[64];
	size_t i;

	ck_assert_str_eq(jp->charset, "CP932");
	ifgw_buf_init(&b, 4096);
	ifgw_buf_init(&back, 4096);
	/* '\' and '~' are themselves at 0x5C and 0x7E, both ways */
	ck_assert_str_eq(convert(&b, jp->charset, "C:\\請求書~1", 0), "C:\\\x90\xBF\x8B\x81\x8F\x91~1");
	ck_assert_ok(ifgw_charset_to_utf8(&back, jp->charset, b.ptr, b.len, "Free/Text"));
	ck_assert_str_eq(ifgw_buf_cstr(&back), "C:\\請求書~1");
	/* The yen sign and the others are refused, naming what they would
	 * become; the fullwidth forms CP932 has are written */
	for (i = 0; i < sizeof(one_way) / sizeof(one_way[0]); i++) {
		snprintf(text, sizeof(text), "10%s", one_way[i].ch);
		ck_assert_fails(ifgw_charset_check(jp->charset, text, strlen(text), 1, "Free/Text"), IFGW_EINVAL,
				one_way[i].why);
	}
	ck_assert_fails(ifgw_charset_from_utf8(&b, jp->charset, "ok ¥", strlen("ok ¥"), 0, "Seller/Name"), IFGW_EINVAL,
			"Seller/Name: U+00A5 '¥' cannot be written in CP932 (it reads back as U+005C '\\')");
	ck_assert_str_eq(convert(&b, jp->charset, "￥1,000～", 0), "\x81\x8F" "1,000\x81\x60");
	/* Python reads and writes the same bytes */
	ifgw_buf_init(&w[0], 256);
	ck_assert_ok(ifgw_charset_from_utf8(&w[0], jp->charset, "C:\\請求書~1 ￥1,000～", strlen("C:\\請求書~1 ￥1,000～"),
					    0, "F"));
	items[0] = (struct py_item){"cp932", w[0].ptr, w[0].len, "C:\\請求書~1 ￥1,000～"};
	/* IBM extensions have a second code in the NEC-selected rows: we write
	 * the IBM code as Windows, Java and WHATWG do (ⅰ 0xFA40, 髙 0xFBFC),
	 * Python writes the NEC-selected one (0xEEEF, 0xEEE0); all read both
	 * as the same character, so the signed text is the same. */
	ifgw_buf_init(&w[1], 256);
	ck_assert_ok(ifgw_charset_from_utf8(&w[1], jp->charset, "ⅰ髙", strlen("ⅰ髙"), 0, "F"));
	ck_assert_str_eq(ifgw_buf_cstr(&w[1]), "\xFA\x40\xFB\xFC");
	ifgw_buf_reset(&back);
	ck_assert_ok(ifgw_charset_to_utf8(&back, jp->charset, "\xEE\xEF\xEE\xE0", 4, "F"));
	ck_assert_str_eq(ifgw_buf_cstr(&back), "ⅰ髙");
	items[1] = (struct py_item){"cp932:decode", w[1].ptr, w[1].len, "ⅰ髙"};
	python_verify(items, 2);
	ifgw_buf_free(&w[0]);
	ifgw_buf_free(&w[1]);
	ifgw_buf_free(&b);
	ifgw_buf_free(&back);
	ifgw_charset_cache_clear();
}
END_TEST

/* The charsets charset.c writes without reading back: every character
 * glibc writes in them reads back as itself (all of the BMP, and the other
 * planes sampled for GB18030).  Each character is written alone, the
 * results are read back at once. */
START_TEST(exact_charsets_read_back)
{
	struct ifgw_buf in, wire, back;
	const char *charset;
	char u8[4], tmp[16], *o;
	ICONV_CONST char *p;
	size_t i, left, avail, n;
	unsigned written;
	uint32_t c;
	iconv_t cd;

	ifgw_buf_init(&in, 1 << 20);
	ifgw_buf_init(&wire, 1 << 20);
	ifgw_buf_init(&back, 1 << 20);
	for (i = 0; (charset = ifgw_charset_exact(i)); i++) {
		ifgw_buf_reset(&in);
		ifgw_buf_reset(&wire);
		ifgw_buf_reset(&back);
		cd = iconv_open(charset, "UTF-8");
		ck_assert_msg(cd != (iconv_t)-1, "iconv has no %s", charset);
		written = 0;
		for (c = 1; c <= 0x10FFFF; c += c < 0x10000 ? 1 : 0x101) {
			if (c >= 0xD800 && c <= 0xDFFF)
				continue;
			if (c >= 0x10000 && strcmp(charset, "GB18030") != 0)
				break;
			n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
			u8[0] = (char)(n == 1 ? c : n == 2 ? 0xC0 | c >> 6 : n == 3 ? 0xE0 | c >> 12 : 0xF0 | c >> 18);
			if (n >= 4)
				u8[n - 3] = (char)(0x80 | ((c >> 12) & 0x3F));
			if (n >= 3)
				u8[n - 2] = (char)(0x80 | ((c >> 6) & 0x3F));
			if (n >= 2)
				u8[n - 1] = (char)(0x80 | (c & 0x3F));
			iconv(cd, NULL, NULL, NULL, NULL);
			p = u8;
			left = n;
			o = tmp;
			avail = sizeof(tmp);
			if (iconv(cd, &p, &left, &o, &avail) == (size_t)-1)
				continue; /* not in the charset */
			ck_assert_ok(ifgw_buf_add(&in, u8, n));
			ck_assert_ok(ifgw_buf_add(&wire, tmp, (size_t)(o - tmp)));
			written++;
		}
		iconv_close(cd);
		ck_assert_uint_ge(written, 190); /* a sweep that found nothing proves nothing */
		ck_assert_ok(ifgw_charset_to_utf8(&back, charset, wire.ptr, wire.len, charset));
		for (n = 0; n < in.len && n < back.len && in.ptr[n] == back.ptr[n]; n++)
			;
		ck_assert_msg(n == in.len && back.len == in.len, "%s: a character does not read back as itself near '%.8s'",
			      charset, in.ptr + (n > 2 ? n - 2 : 0));
	}
	ck_assert_uint_ge(i, 8);
	ifgw_buf_free(&in);
	ifgw_buf_free(&wire);
	ifgw_buf_free(&back);
	ifgw_charset_cache_clear();
}
END_TEST

START_TEST(transliteration_when_the_profile_allows_it)
{
	const struct ifgw_country_profile *tr = ifgw_country_find("TR"), *de = ifgw_country_find("DE");
	struct py_item item;
	struct ifgw_buf b;
	char first[256];

	ifgw_buf_init(&b, 4096);
	ck_assert_int_eq(tr->allow_translit, 1);
	/* Our table: Polish letters into Latin-5; ó exists there and stays. */
	convert(&b, tr->charset, "Łódź Sp. z o.o., Dąbrowa", 1);
	item = (struct py_item){"iso8859_9", b.ptr, b.len, "Lódz Sp. z o.o., Dabrowa"};
	python_verify(&item, 1);
	/* glibc's rules for typography and symbols, in Latin-1. */
	ck_assert_int_eq(de->allow_translit, 1);
	ck_assert_str_eq(convert(&b, de->charset, "€ 100 “Zitat” – Œuvre…", 1), "EUR 100 \"Zitat\" - OEuvre...");
	snprintf(first, sizeof(first), "%s", ifgw_buf_cstr(&b));
	/* The result does not depend on the process locale. */
	if (setlocale(LC_ALL, "C.UTF-8") || setlocale(LC_ALL, "en_US.UTF-8")) {
		ck_assert_str_eq(convert(&b, de->charset, "€ 100 “Zitat” – Œuvre…", 1), first);
		ck_assert_str_eq(convert(&b, tr->charset, "Łódź", 1), "L\xF3" "dz");
		setlocale(LC_ALL, "C");
	}
	/* What nobody can transliterate is still refused, by name. */
	ck_assert_fails(ifgw_charset_from_utf8(&b, tr->charset, "华为", strlen("华为"), 1, "Debtor/Name"), IFGW_EINVAL,
			"Debtor/Name: U+534E '华' cannot be written in ISO-8859-9, even transliterated");
	/* Never a "?" in place of a character. */
	ck_assert_fails(ifgw_charset_from_utf8(&b, "ISO-8859-1", "ok 😀", strlen("ok 😀"), 1, "Free/Text"),
			IFGW_EINVAL, "even transliterated");
	/* Without the profile's permission the same text is refused. */
	ck_assert_fails(ifgw_charset_from_utf8(&b, tr->charset, "Łódź", strlen("Łódź"), 0, "Seller/Name"),
			IFGW_EINVAL, "Seller/Name: U+0141 'Ł' cannot be written in ISO-8859-9");
	ifgw_buf_free(&b);
	ifgw_charset_cache_clear();
}
END_TEST

START_TEST(invalid_input_bytes_named_by_offset)
{
	struct ifgw_buf b;

	ifgw_buf_init(&b, 4096);
	ck_assert_ok(ifgw_buf_addstr(&b, "kept"));
	ck_assert_fails(ifgw_charset_to_utf8(&b, "WINDOWS-1252", "abc\x81z", 5, "Seller/Name"), IFGW_EINVAL,
			"Seller/Name: byte 0x81 at offset 3 is not valid WINDOWS-1252");
	ck_assert_fails(ifgw_charset_to_utf8(&b, "SHIFT_JIS", "ab\x83", 3, "Seller/Name"), IFGW_EINVAL,
			"Seller/Name: incomplete SHIFT_JIS character at offset 2");
	ck_assert_fails(ifgw_charset_to_utf8(&b, "SHIFT_JIS", "\x83\x67\xA0\xA0", 4, "Seller/Name"), IFGW_EINVAL,
			"byte 0xA0 at offset 2 is not valid SHIFT_JIS");
	ck_assert_fails(ifgw_charset_to_utf8(&b, "GB18030", "x\x81\x30\x81", 4, "Seller/Name"), IFGW_EINVAL,
			"incomplete GB18030 character at offset 1");
	ck_assert_fails(ifgw_charset_to_utf8(&b, "UTF-8", "ab\xC0\x80", 4, "Seller/Name"), IFGW_EINVAL,
			"Seller/Name: invalid UTF-8 at byte offset 2");
	ck_assert_str_eq(ifgw_buf_cstr(&b), "kept");
	/* UTF-8 input to the encoder is checked first. */
	ck_assert_fails(ifgw_charset_from_utf8(&b, "ISO-8859-2", "Name\xED\xA0\x80", 7, 0, "Debtor/Name"),
			IFGW_EINVAL, "Debtor/Name: invalid UTF-8 at byte offset 4");
	ck_assert_fails(ifgw_charset_from_utf8(&b, "GB18030", "ab\xF4\x90\x80\x80", 6, 1, "Debtor/Name"),
			IFGW_EINVAL, "invalid UTF-8 at byte offset 2");
	ck_assert_str_eq(ifgw_buf_cstr(&b), "kept");
	ifgw_buf_free(&b);
	ifgw_charset_cache_clear();
}
END_TEST

START_TEST(every_latin_byte_round_trips)
{
	static const char *const charsets[] = {"ISO-8859-1", "ISO-8859-2", "ISO-8859-9"};
	struct ifgw_buf u, back;
	char all[256];
	size_t i;

	/* Every byte is a character in ISO-8859-x: all 256 decode, and back. */
	for (i = 0; i < 256; i++)
		all[i] = (char)i;
	ifgw_buf_init(&u, 4096);
	ifgw_buf_init(&back, 4096);
	for (i = 0; i < 3; i++) {
		ifgw_buf_reset(&u);
		ifgw_buf_reset(&back);
		ck_assert_ok(ifgw_charset_to_utf8(&u, charsets[i], all, 256, "Bytes"));
		ck_assert_ok(ifgw_charset_from_utf8(&back, charsets[i], u.ptr, u.len, 0, "Bytes"));
		ck_assert_uint_eq(back.len, 256);
		ck_assert_int_eq(memcmp(back.ptr, all, 256), 0);
	}
	ifgw_buf_free(&u);
	ifgw_buf_free(&back);
	ifgw_charset_cache_clear();
}
END_TEST

START_TEST(unknown_charsets_and_caps)
{
	struct ifgw_buf b;

	ifgw_buf_init(&b, 10);
	ck_assert_fails(ifgw_charset_from_utf8(&b, "KLINGON-8", "x", 1, 0, "F"), IFGW_EUNSUPPORTED,
			"iconv cannot convert from UTF-8 to KLINGON-8");
	ck_assert_fails(ifgw_charset_supported("KLINGON-8"), IFGW_EUNSUPPORTED, "KLINGON-8");
	/* No iconv suffixes smuggled in through a configured charset name. */
	ck_assert_fails(ifgw_charset_from_utf8(&b, "ISO-8859-1//IGNORE", "Ł", 2, 0, "F"), IFGW_EUNSUPPORTED,
			"character '/' not allowed");
	ck_assert_fails(ifgw_charset_to_utf8(&b, "", "x", 1, "F"), IFGW_EUNSUPPORTED, "name empty");
	ck_assert_fails(ifgw_charset_supported(NULL), IFGW_EUNSUPPORTED, "name empty");
	ck_assert_ok(ifgw_charset_supported("utf8"));
	ck_assert_ok(ifgw_charset_supported("ISO-8859-15"));
	/* The buffer's cap holds for converted text: 5 kanji are 10 bytes. */
	ck_assert_ok(ifgw_charset_from_utf8(&b, "SHIFT_JIS", "自動車会社", strlen("自動車会社"), 0, "F"));
	ck_assert_uint_eq(b.len, 10);
	ifgw_buf_reset(&b);
	ck_assert_ok(ifgw_buf_addstr(&b, "ab"));
	ck_assert_fails(ifgw_charset_from_utf8(&b, "SHIFT_JIS", "自動車会社", strlen("自動車会社"), 0, "Seller/Name"),
			IFGW_EOVERFLOW, "Seller/Name: converted text exceeds the limit of 10 bytes");
	ck_assert_str_eq(ifgw_buf_cstr(&b), "ab");
	ck_assert_fails(ifgw_charset_to_utf8(&b, "ISO-8859-2", "\xB3\xB3\xB3\xB3\xB3", 5, "Seller/Name"),
			IFGW_EOVERFLOW, "limit of 10 bytes");
	ck_assert_str_eq(ifgw_buf_cstr(&b), "ab");
	ifgw_buf_free(&b);
	ifgw_charset_cache_clear();
}
END_TEST

START_TEST(long_text_and_cache_eviction)
{
	static const char *const charsets[] = {"SHIFT_JIS", "GB18030", "ISO-8859-9", "ISO-8859-2", "WINDOWS-1252",
					       "ISO-8859-1", "WINDOWS-1254", "KOI8-R", "WINDOWS-1251", "ISO-8859-15",
					       "WINDOWS-1250"};
	static const char *const texts[] = {"株式会社", "有限公司", "Şirketi", "Spółka", "Société €",
					    "Straße", "Şirket €", "Москва", "Москва", "Société €", "Spółka"};
	struct ifgw_buf b, first[12];
	struct py_item items[12];
	char *big;
	size_t i, round;

	/* 6000 characters of Chinese: the output buffer grows several times. */
	big = malloc(6000 * 3 + 1);
	ck_assert_ptr_nonnull(big);
	for (i = 0; i < 6000; i++)
		memcpy(big + 3 * i, "华", 3);
	big[6000 * 3] = '\0';
	ifgw_buf_init(&b, 1 << 20);
	ifgw_buf_init(&first[11], 1 << 20);
	ck_assert_ok(ifgw_charset_from_utf8(&first[11], "GB18030", big, strlen(big), 0, "Free/Text"));
	ck_assert_uint_eq(first[11].len, 12000);
	items[11] = (struct py_item){"gb18030", first[11].ptr, first[11].len, big};
	/* More charsets than cache slots, three rounds, a clear in between:
	 * the bytes never change. */
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 11; i++) {
			if (round == 0) {
				ifgw_buf_init(&first[i], 256);
				ck_assert_ok(ifgw_charset_from_utf8(&first[i], charsets[i], texts[i], strlen(texts[i]),
								    0, "F"));
				items[i] = (struct py_item){python_codec(charsets[i]), first[i].ptr, first[i].len,
							    texts[i]};
			} else {
				ck_assert_str_eq(convert(&b, charsets[i], texts[i], 0), ifgw_buf_cstr(&first[i]));
			}
		}
		if (round == 1)
			ifgw_charset_cache_clear();
	}
	python_verify(items, 12);
	free(big);
	for (i = 0; i < 12; i++)
		ifgw_buf_free(&first[i]);
	ifgw_buf_free(&b);
	ifgw_charset_cache_clear();
}
END_TEST

START_TEST(transliteration_survives_cache_eviction)
{
	static const char *const others[] = {"ISO-8859-2", "ISO-8859-9", "WINDOWS-1252", "SHIFT_JIS",
					     "GB18030", "KOI8-R", "WINDOWS-1250"};
	struct ifgw_buf b;
	size_t i;

	/* Fill all 8 slots so that the next descriptor opened, the
	 * transliterating one, replaces the strict one in use. */
	ifgw_charset_cache_clear();
	ifgw_buf_init(&b, 4096);
	convert(&b, "ISO-8859-1", "a", 0);
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		convert(&b, others[i], "a", 0);
	ck_assert_str_eq(convert(&b, "ISO-8859-1", "Łx€y “z” ő", 1), "Lx" "EURy \"z\" o");
	ifgw_buf_free(&b);
	ifgw_charset_cache_clear();
}
END_TEST

struct thread_job {
	const char *charset;
	const char *text;
	const char *want;
	int failures;
};

static void convert_job(struct thread_job *job, int times)
{
	struct ifgw_buf b;
	int i;

	ifgw_buf_init(&b, 4096);
	for (i = 0; i < times; i++) {
		ifgw_buf_reset(&b);
		if (ifgw_charset_from_utf8(&b, job->charset, job->text, strlen(job->text), 1, "F") != IFGW_OK ||
		    strcmp(ifgw_buf_cstr(&b), job->want) != 0)
			job->failures++;
	}
	ifgw_buf_free(&b);
}

static void *thread_convert(void *arg)
{
	convert_job(arg, 2000);
	ifgw_charset_cache_clear();
	return NULL;
}

/* A worker that forgets ifgw_charset_cache_clear(): the thread-exit
 * destructor closes its descriptors. */
static void *thread_convert_and_leave(void *arg)
{
	convert_job(arg, 20);
	return NULL;
}

START_TEST(threads_have_their_own_descriptors)
{
	struct thread_job jobs[4] = {
		{"ISO-8859-2", "Łódź", "\xA3\xF3" "d\xBC", 0},
		{"ISO-8859-9", "Ağaç", "A\xF0" "a\xE7", 0},
		{"SHIFT_JIS", "トヨタ", "\x83\x67\x83\x88\x83\x5E", 0},
		{"ISO-8859-1", "Łódź €", "L\xF3" "dz EUR", 0},
	};
	pthread_t tid[4];
	int i;

	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&tid[i], NULL, thread_convert, &jobs[i]), 0);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_join(tid[i], NULL), 0);
		ck_assert_msg(jobs[i].failures == 0, "%s: %d conversions wrong", jobs[i].charset, jobs[i].failures);
	}
}
END_TEST

/* Many short-lived threads, each with several charsets (transliteration
 * too, so each also has its C locale), none clearing its cache: once joined,
 * no cache is left (and LeakSanitizer finds nothing under ASan). */
START_TEST(ended_threads_leave_no_descriptors)
{
	struct thread_job jobs[64];
	static const struct thread_job kinds[4] = {
		{"ISO-8859-2", "Łódź", "\xA3\xF3" "d\xBC", 0},
		{"ISO-8859-9", "Ağaç", "A\xF0" "a\xE7", 0},
		{"SHIFT_JIS", "トヨタ", "\x83\x67\x83\x88\x83\x5E", 0},
		{"ISO-8859-1", "Łódź €", "L\xF3" "dz EUR", 0},
	};
	pthread_t tid[16];
	size_t before;
	int i, batch;

	ifgw_charset_cache_clear();
	before = ifgw_charset_live_caches();
	for (batch = 0; batch < 4; batch++) {
		for (i = 0; i < 16; i++) {
			jobs[batch * 16 + i] = kinds[i % 4];
			ck_assert_int_eq(pthread_create(&tid[i], NULL, thread_convert_and_leave, &jobs[batch * 16 + i]),
					 0);
		}
		for (i = 0; i < 16; i++)
			ck_assert_int_eq(pthread_join(tid[i], NULL), 0);
	}
	for (i = 0; i < 64; i++)
		ck_assert_msg(jobs[i].failures == 0, "%s: %d conversions wrong", jobs[i].charset, jobs[i].failures);
	ck_assert_uint_eq(ifgw_charset_live_caches(), before);
	/* This thread's own cache counts until it clears it. */
	convert_job(&jobs[0], 1);
	ck_assert_uint_eq(ifgw_charset_live_caches(), before + 1);
	ifgw_charset_cache_clear();
	ck_assert_uint_eq(ifgw_charset_live_caches(), before);
}
END_TEST

START_TEST(utf8_decoding_is_strict)
{
	static const struct {
		const char *bytes;
		size_t len;
		uint32_t cp; /* 0 with n == 0: refused */
		size_t n;
	} cases[] = {
		{"A", 1, 0x41, 1},
		{"\xC2\xA0", 2, 0xA0, 2},
		{"\xDF\xBF", 2, 0x7FF, 2},
		{"\xE0\xA0\x80", 3, 0x800, 3},
		{"\xEF\xBF\xBD", 3, 0xFFFD, 3},
		{"\xF0\x90\x80\x80", 4, 0x10000, 4},
		{"\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4},
		{"\x80", 1, 0, 0},             /* lone continuation */
		{"\xC0\x80", 2, 0, 0},         /* overlong NUL */
		{"\xC1\xBF", 2, 0, 0},         /* overlong */
		{"\xE0\x9F\xBF", 3, 0, 0},     /* overlong */
		{"\xED\xA0\x80", 3, 0, 0},     /* surrogate U+D800 */
		{"\xED\xBF\xBF", 3, 0, 0},     /* surrogate U+DFFF */
		{"\xF0\x8F\xBF\xBF", 4, 0, 0}, /* overlong */
		{"\xF4\x90\x80\x80", 4, 0, 0}, /* beyond U+10FFFF */
		{"\xF5\x80\x80\x80", 4, 0, 0},
		{"\xFF", 1, 0, 0},
		{"\xE2\x82", 2, 0, 0},         /* truncated */
		{"\xC3\x28", 2, 0, 0},         /* bad continuation */
	};
	uint32_t cp;
	size_t i, n;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cp = 0;
		n = ifgw_utf8_decode(&cp, cases[i].bytes, cases[i].len);
		ck_assert_msg(n == cases[i].n, "case %zu: length %zu, want %zu", i, n, cases[i].n);
		if (n)
			ck_assert_uint_eq(cp, cases[i].cp);
	}
	ck_assert_uint_eq(ifgw_utf8_decode(&cp, "", 0), 0);
}
END_TEST

START_TEST(lengths_count_characters_not_bytes)
{
	const struct ifgw_country_profile *const *p;
	struct ifgw_buf text;
	size_t count, i;

	/* 142 characters of 2 bytes each. */
	ifgw_buf_init(&text, 1 << 16);
	for (i = 0; i < 142; i++)
		ck_assert_ok(ifgw_buf_addstr(&text, "ł"));
	ck_assert_uint_eq(text.len, 284);
	ck_assert_ok(ifgw_utf8_count(&count, text.ptr, text.len, "Seller/Name"));
	ck_assert_uint_eq(count, 142);
	ck_assert_fails(ifgw_field_check_length(text.ptr, text.len, 35, "Seller/Name"), IFGW_EINVAL,
			"Seller/Name: 142 characters, limit 35");
	ck_assert_ok(ifgw_field_check_length(text.ptr, text.len, 142, "Seller/Name"));
	ck_assert_fails(ifgw_field_check_length("ab\xFF", 3, 35, "Seller/Name"), IFGW_EINVAL,
			"Seller/Name: invalid UTF-8 at byte offset 2");
	ck_assert_ok(ifgw_field_check_length("", 0, 0, "Seller/Name"));
	/* Every profile's party-name limit, filled with 3-byte kanji: exactly
	 * the limit passes although its bytes are three times over, one more
	 * character fails. */
	for (p = ifgw_country_profiles; *p; p++) {
		ifgw_buf_reset(&text);
		for (i = 0; i < (*p)->limits.party_name; i++)
			ck_assert_ok(ifgw_buf_addstr(&text, "語"));
		ck_assert_ok(ifgw_field_check_length(text.ptr, text.len, (*p)->limits.party_name, "Seller/Name"));
		ck_assert_ok(ifgw_buf_addstr(&text, "語"));
		ck_assert_fails(ifgw_field_check_length(text.ptr, text.len, (*p)->limits.party_name, "Seller/Name"),
				IFGW_EINVAL, "characters, limit");
	}
	ifgw_buf_free(&text);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("charset");
	TCase *tc = tcase_create("charset");

	tcase_add_test(tc, every_profile_charset_checked_by_python);
	tcase_add_test(tc, known_bytes);
	tcase_add_test(tc, unrepresentable_refused_naming_the_field);
	tcase_add_test(tc, cp932_reads_as_japanese_systems_do);
	tcase_add_test(tc, exact_charsets_read_back);
	tcase_add_test(tc, transliteration_when_the_profile_allows_it);
	tcase_add_test(tc, invalid_input_bytes_named_by_offset);
	tcase_add_test(tc, every_latin_byte_round_trips);
	tcase_add_test(tc, unknown_charsets_and_caps);
	tcase_add_test(tc, long_text_and_cache_eviction);
	tcase_add_test(tc, transliteration_survives_cache_eviction);
	tcase_add_test(tc, threads_have_their_own_descriptors);
	tcase_add_test(tc, ended_threads_leave_no_descriptors);
	tcase_add_test(tc, utf8_decoding_is_strict);
	tcase_add_test(tc, lengths_count_characters_not_bytes);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
