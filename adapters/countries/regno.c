/* regno.c: clean-up and messages shared by the registration-number checks. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

/* Quote at most this many bytes of rejected input in a message. */
#define QUOTE_MAX 40

void ifgw_regno_quote(char *out, size_t cap, const char *text, size_t len)
{
	size_t o = 0, i;
	unsigned char c;

	for (i = 0; i < len && i < QUOTE_MAX && o + 5 < cap; i++) {
		c = (unsigned char)text[i];
		if (c >= 0x20 && c < 0x7f && c != '\'') {
			out[o++] = (char)c;
		} else {
			snprintf(out + o, cap - o, "\\x%02X", c);
			o += 4;
		}
	}
	if (i < len && o + 4 < cap) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

/* Japanese and Chinese data often write numbers in full-width forms
 * (U+FF10..FF19 digits, U+FF21..FF3A and U+FF41..FF5A Latin letters,
 * U+FF0D hyphen, U+3000 ideographic space): fold them to ASCII.  Returns the
 * UTF-8 bytes consumed (3) with *c the ASCII byte (' ' for the space), or 0
 * when text does not start with one of them. */
static size_t fold_fullwidth(const char *text, size_t len, unsigned char *c)
{
	const unsigned char *u = (const unsigned char *)text;

	if (len < 3)
		return 0;
	if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		*c = ' ';
	else if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)
		*c = (unsigned char)('0' + (u[2] - 0x90));
	else if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0xA1 && u[2] <= 0xBA)
		*c = (unsigned char)('A' + (u[2] - 0xA1));
	else if (u[0] == 0xEF && u[1] == 0xBD && u[2] >= 0x81 && u[2] <= 0x9A)
		*c = (unsigned char)('a' + (u[2] - 0x81));
	else if (u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8D)
		*c = '-';
	else
		return 0;
	return 3;
}

int ifgw_regno_clean(struct ifgw_regno_text *out, const char *text, size_t len, const char *what)
{
	char shown[QUOTE_MAX * 4 + 8], ch[16];
	unsigned char c;
	size_t i;

	out->len = 0;
	out->s[0] = '\0';
	for (i = 0; i < len; i++) {
		c = (unsigned char)text[i];
		if (c == 0xE3 || c == 0xEF) {
			size_t n = fold_fullwidth(text + i, len - i, &c);

			if (n) {
				i += n - 1;
				if (c == ' ')
					continue;
			}
		}
		if (c == ' ' || c == '\t' || c == '.' || c == '-' || c == '/' || c == ',')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
			ifgw_regno_quote(shown, sizeof(shown), text, len);
			if (c >= 0x20 && c < 0x7f)
				snprintf(ch, sizeof(ch), "character '%c'", (char)c);
			else
				snprintf(ch, sizeof(ch), "byte 0x%02X", c);
			return ifgw_error_set(IFGW_EINVAL, "%s '%s': %s at offset %zu not allowed", what, shown,
					      ch, i);
		}
		if (out->len + 1 >= sizeof(out->s)) {
			ifgw_regno_quote(shown, sizeof(shown), text, len);
			return ifgw_error_set(IFGW_EINVAL, "%s '%s': too long", what, shown);
		}
		out->s[out->len++] = (char)c;
	}
	out->s[out->len] = '\0';
	if (out->len == 0)
		return ifgw_error_set(IFGW_EINVAL, "%s: empty", what);
	return IFGW_OK;
}

int ifgw_regno_strip_prefix(struct ifgw_regno_text *t, const char *prefix)
{
	size_t n = strlen(prefix);

	if (t->len < n || memcmp(t->s, prefix, n) != 0)
		return 0;
	memmove(t->s, t->s + n, t->len - n + 1);
	t->len -= n;
	return 1;
}

int ifgw_regno_fail(const char *what, const char *number, const char *fmt, ...)
{
	char reason[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	return ifgw_error_set(IFGW_EINVAL, "%s %s: %s", what, number, reason);
}

int ifgw_regno_output(char *normalized, size_t cap, const char *what, const char *prefix,
		      const char *number)
{
	size_t p = prefix ? strlen(prefix) : 0, n = strlen(number);

	if (cap < p + n + 1)
		return ifgw_error_set(IFGW_EOVERFLOW, "%s %s: output buffer of %zu bytes is too small", what,
				      number, cap);
	if (p)
		memcpy(normalized, prefix, p);
	memcpy(normalized + p, number, n + 1);
	return IFGW_OK;
}

int ifgw_regno_placeholder(const char *what, const struct ifgw_regno_text *t)
{
	size_t i, digits = 0;

	for (i = 0; i < t->len; i++) {
		if (t->s[i] >= '1' && t->s[i] <= '9')
			return IFGW_OK;
		if (t->s[i] == '0')
			digits++;
	}
	if (digits == 0)
		return IFGW_OK;
	return ifgw_regno_fail(what, t->s, "all zeros: a placeholder, not a number");
}
