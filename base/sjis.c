/* sjis.c: documents labelled Shift_JIS whose bytes Japanese readers read
 * differently (see sjis.h). */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "base/error.h"
#include "base/sjis.h"

/* Codes both tables have, read differently (glibc's SHIFT_JIS against its
 * CP932, every code compared; the others agree). */
static const struct {
	unsigned code; /* one byte, or lead << 8 | trail */
	const char *jis, *cp932;
} differ[] = {
	{0x5C, "U+00A5 '¥'", "U+005C '\\'"},
	{0x7E, "U+203E '‾'", "U+007E '~'"},
	{0x8160, "U+301C '〜'", "U+FF5E '～'"},
	{0x8161, "U+2016 '‖'", "U+2225 '∥'"},
	{0x817C, "U+2212 '−'", "U+FF0D '－'"},
	{0x8191, "U+00A2 '¢'", "U+FFE0 '￠'"},
	{0x8192, "U+00A3 '£'", "U+FFE1 '￡'"},
	{0x81CA, "U+00AC '¬'", "U+FFE2 '￢'"},
};

/* 1 when the encoding name is one glibc reads by its SHIFT_JIS table:
 * compared as iconv does, case and '-' '_' aside. */
static int is_sjis_label(const char *s, size_t n)
{
	static const char *const names[] = {"SHIFTJIS", "SJIS", "MSKANJI", "CSSHIFTJIS"};
	char norm[16];
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '-' || s[i] == '_')
			continue;
		if (k + 1 >= sizeof(norm))
			return 0;
		norm[k++] = (char)toupper((unsigned char)s[i]);
	}
	norm[k] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(norm, names[i]) == 0)
			return 1;
	return 0;
}

/* The declared encoding of the XML declaration at the start of data:
 * *enc and *n, or *n = 0 when there is none. */
static void declared_encoding(const char **enc, size_t *n, const char *data, size_t len)
{
	const char *end, *p;
	char q;

	*n = 0;
	if (len < 6 || memcmp(data, "<?xml", 5) != 0)
		return;
	if (!(end = memchr(data, '>', len < 256 ? len : 256)))
		return;
	for (p = data + 5; p + 8 < end; p++) {
		if (memcmp(p, "encoding", 8) != 0)
			continue;
		p += 8;
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '='))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return;
		q = *p++;
		*enc = p;
		while (p < end && *p != q)
			p++;
		*n = p < end ? (size_t)(p - *enc) : 0;
		return;
	}
}

static long line_at(const char *data, size_t off)
{
	long line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

int ifgw_sjis_check_label(const char *data, size_t len, const char *name)
{
	const unsigned char *u = (const unsigned char *)data;
	const char *enc = NULL;
	size_t i = 0, n, k;
	unsigned code;
	int rc = IFGW_OK;

	declared_encoding(&enc, &n, data, len);
	if (n == 0 || !is_sjis_label(enc, n))
		goto out;
	while (i < len) {
		/* lead bytes of a two-byte code; anything else is one byte */
		n = ((u[i] >= 0x81 && u[i] <= 0x9F) || (u[i] >= 0xE0 && u[i] <= 0xFC)) && i + 1 < len ? 2 : 1;
		code = n == 2 ? (unsigned)u[i] << 8 | u[i + 1] : u[i];
		for (k = 0; k < sizeof(differ) / sizeof(differ[0]); k++)
			if (differ[k].code == code)
				break;
		if (k < sizeof(differ) / sizeof(differ[0]) && n == 1) {
			rc = ifgw_error_set(IFGW_EPARSE,
					    "%s:%ld: Shift_JIS byte 0x%02X reads as %s in glibc (libxml2, xmlsec1) but as "
					    "%s in CP932 (Windows, .NET, Java, WHATWG) and Python: declare the encoding "
					    "Windows-31J",
					    name ? name : "document", line_at(data, i), code, differ[k].jis, differ[k].cp932);
			goto out;
		}
		if (k < sizeof(differ) / sizeof(differ[0])) {
			rc = ifgw_error_set(IFGW_EPARSE,
					    "%s:%ld: Shift_JIS bytes 0x%02X 0x%02X read as %s in JIS tables (glibc: libxml2, "
					    "xmlsec1; Python) but as %s in CP932 (Windows, .NET, Java MS932, WHATWG): "
					    "declare the encoding Windows-31J",
					    name ? name : "document", line_at(data, i), code >> 8, code & 0xFF, differ[k].jis,
					    differ[k].cp932);
			goto out;
		}
		i += n;
	}
out:
	return rc;
}
