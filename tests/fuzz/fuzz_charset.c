/* fuzz_charset.c: the charset layer on arbitrary bytes, both directions.
 *
 * Input: first byte picks the charset (low nibble), the direction (bit 4)
 * and transliteration (bit 5); the rest is the text.  Invariants: decoded
 * text is valid UTF-8; in the single-byte ISO-8859 charsets decoding then
 * encoding gives back the same bytes, and encoding then decoding the same
 * text; no crash, leak or out-of-bounds read. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "adapters/charset.h"
#include "base/buf.h"
#include "base/error.h"
#include "tests/fuzz/fuzz.h"

static const char *const charsets[16] = {
	"UTF-8",        "ISO-8859-1",   "ISO-8859-2", "ISO-8859-9", "WINDOWS-1252", "WINDOWS-1254",
	"SHIFT_JIS",    "GB18030",      "ISO-8859-1", "ISO-8859-2", "ISO-8859-9",   "SHIFT_JIS",
	"GB18030",      "WINDOWS-1252", "UTF-8",      "ISO-8859-15",
};

static int bijective(const char *charset)
{
	return strncmp(charset, "ISO-8859-", 9) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ifgw_buf a, b;
	const char *charset, *in;
	size_t len, count;
	int translit;

	if (size < 1)
		return 0;
	charset = charsets[data[0] & 0x0f];
	translit = (data[0] & 0x20) != 0;
	in = (const char *)data + 1;
	len = size - 1;
	ifgw_buf_init(&a, 1 << 20);
	ifgw_buf_init(&b, 1 << 20);
	ifgw_error_clear();
	if (data[0] & 0x10) {
		if (ifgw_charset_to_utf8(&a, charset, in, len, "Fuzz") == IFGW_OK) {
			if (ifgw_utf8_count(&count, a.ptr, a.len, "Fuzz") != IFGW_OK)
				abort();
			if (bijective(charset) &&
			    (ifgw_charset_from_utf8(&b, charset, a.ptr, a.len, 0, "Fuzz") != IFGW_OK || b.len != len ||
			     memcmp(b.ptr ? b.ptr : "", in, len) != 0))
				abort();
		}
	} else if (ifgw_charset_from_utf8(&a, charset, in, len, translit, "Fuzz") == IFGW_OK) {
		if (!translit && bijective(charset) &&
		    (ifgw_charset_to_utf8(&b, charset, a.ptr, a.len, "Fuzz") != IFGW_OK || b.len != len ||
		     memcmp(b.ptr ? b.ptr : "", in, len) != 0))
			abort();
	} else if (strchr(ifgw_error_last(), '\n')) {
		abort();
	}
	ifgw_error_clear();
	ifgw_buf_free(&a);
	ifgw_buf_free(&b);
	return 0;
}
