/* charset.h: text between UTF-8 (everything inside ifgw) and a partner's wire
 * charset, and field lengths counted in characters.
 *
 * Strict by default: a character the wire charset cannot represent is an
 * error naming the field, the character and the charset
 * ("Debtor/Name: U+0141 'Ł' cannot be written in ISO-8859-1"), and so is
 * one that would read back as another ("U+00A5 '¥' cannot be written in
 * CP932 (it reads back as U+005C '\')"); input that is not valid in its
 * charset is an error giving the byte offset.  When the
 * partner's profile allows it, a missing character is transliterated: first
 * by our own table of Latin letters with diacritics ("Ł" -> "L", "ş" -> "s"),
 * then by glibc's iconv "//TRANSLIT" ("€" -> "EUR", "œ" -> "oe", typographic
 * quotes and dashes), run in the C locale so that the bytes do not depend on
 * the process locale.  What neither can write is still an error: the "?"
 * that iconv puts in place of an unknown character is never sent.
 *
 * Thread-safety: iconv descriptors are cached per thread (a few charset
 * pairs); they are closed when the thread ends (a pthread key destructor),
 * or earlier with ifgw_charset_cache_clear().  The main thread, which ends
 * with exit(), calls ifgw_charset_cache_clear() itself when it cares.  All
 * functions are otherwise reentrant. */
#ifndef IFGW_ADAPTERS_CHARSET_H
#define IFGW_ADAPTERS_CHARSET_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* Append to out the len bytes of UTF-8 text converted to charset (an iconv
 * name: "ISO-8859-2", "SHIFT_JIS", "GB18030" ...).  field names the value in
 * error messages ("Seller/Name").  On error out keeps what it held before the
 * call.  IFGW_EINVAL for invalid UTF-8 or an unrepresentable character,
 * IFGW_EUNSUPPORTED for a charset iconv does not know, IFGW_EOVERFLOW when
 * out's cap is hit. */
int ifgw_charset_from_utf8(struct ifgw_buf *out, const char *charset, const char *utf8, size_t len,
			   int allow_translit, const char *field);

/* Append to out the len bytes of text in charset converted to UTF-8.  Bytes
 * that are not valid in charset are IFGW_EINVAL giving their offset:
 * "Seller/Name: byte 0x81 at offset 4 is not valid SHIFT_JIS".  On error out
 * keeps what it held before the call. */
int ifgw_charset_to_utf8(struct ifgw_buf *out, const char *charset, const char *in, size_t len,
			 const char *field);

/* IFGW_OK if the UTF-8 text can be written in charset (with transliteration
 * when allowed), else the error ifgw_charset_from_utf8 would give. */
int ifgw_charset_check(const char *charset, const char *utf8, size_t len, int allow_translit,
		       const char *field);

/* IFGW_OK if iconv can convert between UTF-8 and charset both ways, else
 * IFGW_EUNSUPPORTED naming it. */
int ifgw_charset_supported(const char *charset);

/* Count the characters (code points) of len bytes of strict UTF-8 (no
 * overlong forms, no surrogates, nothing above U+10FFFF) into *out.
 * IFGW_EINVAL with the byte offset when the text is not UTF-8. */
int ifgw_utf8_count(size_t *out, const char *utf8, size_t len, const char *field);

/* IFGW_OK when the UTF-8 text holds at most max_chars characters; else
 * IFGW_EINVAL "Seller/Name: 142 characters, limit 35" (or the UTF-8 error). */
int ifgw_field_check_length(const char *utf8, size_t len, size_t max_chars, const char *field);

/* Decode one UTF-8 character at s (n bytes available): *cp gets the code
 * point, returns its length in bytes (1-4), or 0 when the bytes are not a
 * valid UTF-8 character. */
size_t ifgw_utf8_decode(uint32_t *cp, const char *s, size_t n);

/* Free this thread's cached iconv descriptors. */
void ifgw_charset_cache_clear(void);

#endif
