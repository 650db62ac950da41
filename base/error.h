/* error.h: one-line error messages, first error kept (libgit2 style).
 *
 * A function that fails returns an enum ifgw_result and records why:
 *
 *     return ifgw_error_set(IFGW_EINVAL, "%s:%u: amount: too many decimals for %s",
 *                           file, line, ccy);
 *
 * The message is per thread.  The first message set since the last
 * ifgw_error_clear() is kept: a caller that adds context never hides the
 * original cause.  An entry point (a CLI command, a server request) clears
 * before it starts and prints ifgw_error_last() when it fails.  Code that
 * handles a failure and carries on must call ifgw_error_clear(). */
#ifndef IFGW_BASE_ERROR_H
#define IFGW_BASE_ERROR_H

#include "base/result.h"

#define IFGW_ERROR_MAX 512

#if defined(__GNUC__)
#define IFGW_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define IFGW_PRINTF(a, b)
#endif

/* Record the message unless one is already pending; returns code so that
 * `return ifgw_error_set(...)` reads naturally.  Newlines in the message are
 * replaced by spaces: the message is always one line. */
int ifgw_error_set(int code, const char *fmt, ...) IFGW_PRINTF(2, 3);

/* Forget the pending message. */
void ifgw_error_clear(void);

/* The pending message, or "" when none.  Borrowed; valid until the next
 * set or clear on this thread. */
const char *ifgw_error_last(void);

/* The code given with the pending message, IFGW_OK when none. */
int ifgw_error_code(void);

#endif
