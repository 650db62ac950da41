/* buf.h: growable byte buffer with a hard cap (curl dynbuf).
 *
 * Every buffer that holds untrusted input has a maximum size; growing past it
 * fails with IFGW_EOVERFLOW instead of eating memory.  The contents are always
 * NUL-terminated, so text can be used as a C string.
 *
 *     struct ifgw_buf b;
 *     ifgw_buf_init(&b, 1 << 20);
 *     if ((rc = ifgw_buf_addf(&b, "%s=%d", k, v)) != IFGW_OK) goto out;
 *     ... use b.ptr, b.len ...
 *     ifgw_buf_free(&b);
 */
#ifndef IFGW_BASE_BUF_H
#define IFGW_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "base/error.h"

struct ifgw_buf {
	char *ptr;   /* NULL until the first add; then NUL-terminated */
	size_t len;  /* bytes used, not counting the terminating NUL */
	size_t cap;  /* bytes allocated */
	size_t max;  /* hard limit on len */
};

void ifgw_buf_init(struct ifgw_buf *b, size_t max);
void ifgw_buf_free(struct ifgw_buf *b);
/* Keep the allocation, drop the contents. */
void ifgw_buf_reset(struct ifgw_buf *b);

int ifgw_buf_add(struct ifgw_buf *b, const void *data, size_t len);
int ifgw_buf_addstr(struct ifgw_buf *b, const char *s);
int ifgw_buf_addc(struct ifgw_buf *b, char c);
int ifgw_buf_addf(struct ifgw_buf *b, const char *fmt, ...) IFGW_PRINTF(2, 3);
int ifgw_buf_vaddf(struct ifgw_buf *b, const char *fmt, va_list ap) IFGW_PRINTF(2, 0);
/* Make room for at least `extra` more bytes. */
int ifgw_buf_grow(struct ifgw_buf *b, size_t extra);

/* The contents as a string ("" when empty; never NULL). */
const char *ifgw_buf_cstr(const struct ifgw_buf *b);

/* Hand the allocation to the caller (NULL if empty); the buffer is reset. */
char *ifgw_buf_detach(struct ifgw_buf *b, size_t *len);

#endif
