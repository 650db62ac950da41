/* buf.c: capped growable buffer (see buf.h). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

void ifgw_buf_init(struct ifgw_buf *b, size_t max)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void ifgw_buf_free(struct ifgw_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
}

void ifgw_buf_reset(struct ifgw_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

int ifgw_buf_grow(struct ifgw_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > b->max || b->len > b->max - extra)
		return ifgw_error_set(IFGW_EOVERFLOW, "buffer: size limit of %zu bytes exceeded", b->max);
	need = b->len + extra + 1; /* + NUL; cannot overflow: max < SIZE_MAX */
	if (need <= b->cap)
		return IFGW_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	p = realloc(b->ptr, cap);
	if (!p)
		return ifgw_error_set(IFGW_ENOMEM, "buffer: out of memory growing to %zu bytes", cap);
	b->ptr = p;
	b->cap = cap;
	return IFGW_OK;
}

int ifgw_buf_add(struct ifgw_buf *b, const void *data, size_t len)
{
	int rc = ifgw_buf_grow(b, len);

	if (rc)
		return rc;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return IFGW_OK;
}

int ifgw_buf_addstr(struct ifgw_buf *b, const char *s)
{
	return ifgw_buf_add(b, s, strlen(s));
}

int ifgw_buf_addc(struct ifgw_buf *b, char c)
{
	return ifgw_buf_add(b, &c, 1);
}

int ifgw_buf_vaddf(struct ifgw_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	int rc;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return ifgw_error_set(IFGW_EINVAL, "buffer: bad format string");
	if ((rc = ifgw_buf_grow(b, (size_t)n)) != IFGW_OK)
		return rc;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return IFGW_OK;
}

int ifgw_buf_addf(struct ifgw_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = ifgw_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

const char *ifgw_buf_cstr(const struct ifgw_buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *ifgw_buf_detach(struct ifgw_buf *b, size_t *len)
{
	char *p = b->ptr;

	if (len)
		*len = b->len;
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}
