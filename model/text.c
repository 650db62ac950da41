/* text.c: UTF-8 checks and bounded copies for the model's text fields. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "base/error.h"
#include "model/text.h"

int ifgw_text_check(size_t *chars, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0;

	IFGW_ASSERT_ARG(s || !len);

	while (i < len) {
		unsigned c = p[i], need, k;
		uint32_t cp;

		if (c < 0x80) {
			if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
				return ifgw_error_set(IFGW_EINVAL, "control character 0x%02x at byte %zu", c, i);
			i++;
			n++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			cp = c & 0x07;
		} else {
			return ifgw_error_set(IFGW_EINVAL, "invalid UTF-8 byte 0x%02x at byte %zu", c, i);
		}
		if (len - i <= need)
			return ifgw_error_set(IFGW_EINVAL, "truncated UTF-8 sequence at byte %zu", i);
		for (k = 1; k <= need; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return ifgw_error_set(IFGW_EINVAL, "invalid UTF-8 sequence at byte %zu", i);
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		/* overlong forms, surrogates, beyond U+10FFFF, and the two XML excludes */
		if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff ||
		    (cp >= 0x80 && cp <= 0x9f))
			return ifgw_error_set(IFGW_EINVAL, "character U+%04X at byte %zu is not allowed", (unsigned)cp,
					      i);
		i += need + 1;
		n++;
	}
	if (chars)
		*chars = n;
	return IFGW_OK;
}

int ifgw_text_set(char *dst, size_t dst_size, const char *src, size_t len)
{
	size_t chars = 0;
	int rc;

	IFGW_ASSERT_ARG(dst);
	IFGW_ASSERT_ARG(src || !len);

	if (dst_size == 0)
		return ifgw_error_set(IFGW_EINVAL, "text field has no room");
	dst[0] = '\0';
	if ((rc = ifgw_text_check(&chars, src, len)) != IFGW_OK)
		return rc;
	if (chars > IFGW_TEXT_CHARS(dst_size) || len >= dst_size)
		return ifgw_error_set(IFGW_EOVERFLOW, "text of %zu characters is longer than the limit of %zu", chars,
				      (size_t)IFGW_TEXT_CHARS(dst_size));
	memcpy(dst, src, len);
	dst[len] = '\0';
	return IFGW_OK;
}
