/* text.h: text fields of the canonical model.
 *
 * Every text field is a fixed char array holding UTF-8 and a NUL; "" means
 * absent.  A field's limit is counted in characters (as the XSD's maxLength
 * counts them), so the array holds 4 bytes a character plus the NUL.
 * Charsets are the adapters' business: the model holds UTF-8 only, without
 * C0 control characters other than tab, line feed and carriage return. */
#ifndef IFGW_MODEL_TEXT_H
#define IFGW_MODEL_TEXT_H

#include <stddef.h>

/* Bytes of a field that holds up to `chars` characters. */
#define IFGW_TEXT_SIZE(chars) ((chars) * 4 + 1)
/* Characters a field of `size` bytes holds. */
#define IFGW_TEXT_CHARS(size) (((size) - 1) / 4)

/* Limits, in characters. */
#define IFGW_ID_CHARS 35        /* references: message ids, document, batch, party numbers */
#define IFGW_SHORT_CHARS 35     /* city, region, contact name, notifying party */
#define IFGW_LINE_CHARS 70      /* street line, bank name, short descriptions */
#define IFGW_NAME_CHARS 140     /* party name */
#define IFGW_POSTCODE_CHARS 16
#define IFGW_PHONE_CHARS 35
#define IFGW_EMAIL_CHARS 254
#define IFGW_REASON_CHARS 350   /* reason or status explanations, agreement references */
#define IFGW_FREE_TEXT_CHARS 3500

#define IFGW_ID_SIZE IFGW_TEXT_SIZE(IFGW_ID_CHARS)
#define IFGW_SHORT_SIZE IFGW_TEXT_SIZE(IFGW_SHORT_CHARS)
#define IFGW_LINE_SIZE IFGW_TEXT_SIZE(IFGW_LINE_CHARS)
#define IFGW_NAME_SIZE IFGW_TEXT_SIZE(IFGW_NAME_CHARS)
#define IFGW_POSTCODE_SIZE IFGW_TEXT_SIZE(IFGW_POSTCODE_CHARS)
#define IFGW_PHONE_SIZE IFGW_TEXT_SIZE(IFGW_PHONE_CHARS)
#define IFGW_EMAIL_SIZE IFGW_TEXT_SIZE(IFGW_EMAIL_CHARS)
#define IFGW_REASON_SIZE IFGW_TEXT_SIZE(IFGW_REASON_CHARS)
#define IFGW_FREE_TEXT_SIZE IFGW_TEXT_SIZE(IFGW_FREE_TEXT_CHARS)

/* Factor code: two upper-case letters of an ISO 3166 country and five
 * digits ("DE00123"); the one definition of its length, and a NUL. */
#define IFGW_FACTOR_CODE_LEN 7
#define IFGW_FACTOR_CODE_SIZE (IFGW_FACTOR_CODE_LEN + 1)
/* ISO 3166-1 alpha-2 country code and a NUL. */
#define IFGW_COUNTRY_SIZE 3
/* ISO 639-1 language code and a NUL. */
#define IFGW_LANG_SIZE 3

/* Check that len bytes are UTF-8 the model accepts (no overlong forms, no
 * surrogates, no C0 controls but tab/LF/CR, no U+FFFE/U+FFFF, no NUL) and
 * count the characters into *chars (may be NULL).  The error names the
 * byte offset; callers add the field. */
int ifgw_text_check(size_t *chars, const char *s, size_t len);

/* Copy len bytes of text into a field of dst_size bytes: checked as above
 * and against the field's limit of IFGW_TEXT_CHARS(dst_size) characters.
 * On failure dst is left empty and the message says what is wrong. */
int ifgw_text_set(char *dst, size_t dst_size, const char *src, size_t len);

/* ifgw_text_set() on a char array field: IFGW_TEXT_SET(inv->number, s, n). */
#define IFGW_TEXT_SET(field, src, len) ifgw_text_set((field), sizeof(field), (src), (len))

#endif
