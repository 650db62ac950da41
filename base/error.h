/* error.h: one-line error messages, first error kept (libgit2 style).
 *
 * A function that fails returns an enum ifgw_result and records why:
 *
 *     return ifgw_error_set(IFGW_EINVAL, "%s:%u: amount: too many decimals for %s",
 *                           file, line, ccy);
 *
 * The pending message lives on the thread, but it belongs to the request the
 * thread is working for (a command, a connection, a transfer).  The first
 * message set since the last clear is kept: a caller that adds context with
 * ifgw_error_wrap() never hides the original cause.
 *
 * The rule for code that serves many requests on one thread (an event loop,
 * a callback):
 *   - clear on entry: ifgw_error_clear() before working for a request;
 *   - move on exit: ifgw_error_save(&request->error) before returning to the
 *     loop, so the next request starts clean and this one keeps its reason;
 *   - a library function that handles a failure and carries on wraps the
 *     attempt in save/restore, so it never wipes what its caller had pending:
 *
 *         struct ifgw_error kept;
 *         ifgw_error_save(&kept);
 *         if (try_one() != IFGW_OK)
 *                 ... fall back ...
 *         ifgw_error_restore(&kept);
 *
 * Library code never calls ifgw_error_clear() to throw away a message it did
 * not set; entry points (a CLI command, a request handler) do. */
#ifndef IFGW_BASE_ERROR_H
#define IFGW_BASE_ERROR_H

#include <stddef.h>

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

/* An error kept with a request, away from the thread: the code (IFGW_OK when
 * none) and its one-line message.  A plain value: copy it, embed it. */
struct ifgw_error {
	int code;
	char message[IFGW_ERROR_MAX];
};

/* Move the thread's pending error into *out (code IFGW_OK and "" when none)
 * and leave the thread with none pending. */
void ifgw_error_save(struct ifgw_error *out);

/* Make *saved the thread's pending error, replacing whatever is pending
 * (nothing pending when saved->code is IFGW_OK). */
void ifgw_error_restore(const struct ifgw_error *saved);

/* Add context in front of the pending message: "context: cause", keeping
 * the cause's words; with nothing pending it sets "context".  Returns code,
 * so that `return ifgw_error_wrap(rc, "%s:%u", file, line);` reads
 * naturally.  The pending code becomes code. */
int ifgw_error_wrap(int code, const char *fmt, ...) IFGW_PRINTF(2, 3);

/* A public entry point checks its arguments and fails the one request that
 * passed a bad one, in release builds too (libgit2 GIT_ASSERT_ARG): never
 * an abort that would take a server down with it. */
#define IFGW_ASSERT_ARG(expr)                                                                                  \
	do {                                                                                                   \
		if (!(expr))                                                                                   \
			return ifgw_error_set(IFGW_EINVAL, "%s: invalid argument: %s", __func__, #expr);      \
	} while (0)

/* Room for any strerror text. */
#define IFGW_STRERROR_SIZE 128

/* The text of errnum written into buf (len bytes, len > 0): strerror made
 * reentrant, whichever strerror_r (GNU or XSI) the C library has.  Returns
 * buf, or a static text that never changes; never NULL. */
const char *ifgw_strerror(int errnum, char *buf, size_t len);

/* Forget the pending message. */
void ifgw_error_clear(void);

/* The pending message, or "" when none.  Borrowed; valid until the next
 * set, clear, save or restore on this thread. */
const char *ifgw_error_last(void);

/* The code given with the pending message, IFGW_OK when none. */
int ifgw_error_code(void);

#endif
