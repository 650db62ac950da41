/* error.c: per-thread first-error message (see error.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"

static _Thread_local char error_message[IFGW_ERROR_MAX];
static _Thread_local int error_pending;

static const char *const result_names[IFGW_RESULT_COUNT_] = {
	[IFGW_OK] = "OK",
	[IFGW_EINVAL] = "EINVAL",
	[IFGW_ENOMEM] = "ENOMEM",
	[IFGW_EIO] = "EIO",
	[IFGW_EOVERFLOW] = "EOVERFLOW",
	[IFGW_ENOTFOUND] = "ENOTFOUND",
	[IFGW_ESTALE] = "ESTALE",
	[IFGW_EPARSE] = "EPARSE",
	[IFGW_EUNSUPPORTED] = "EUNSUPPORTED",
	[IFGW_ENET] = "ENET",
	[IFGW_ETRUST] = "ETRUST",
	[IFGW_EUSAGE] = "EUSAGE",
	[IFGW_ESTATE] = "ESTATE",
};

const char *ifgw_result_name(int code)
{
	if (code < 0 || code >= IFGW_RESULT_COUNT_ || !result_names[code])
		return "EUNKNOWN";
	return result_names[code];
}

/* One line, always: a message may quote input that holds newlines. */
static void one_line(char *p)
{
	for (; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
}

int ifgw_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	if (error_pending)
		return code;
	va_start(ap, fmt);
	vsnprintf(error_message, sizeof(error_message), fmt, ap);
	va_end(ap);
	one_line(error_message);
	error_pending = code ? code : IFGW_EINVAL;
	return code;
}

int ifgw_error_wrap(int code, const char *fmt, ...)
{
	char context[IFGW_ERROR_MAX], cause[IFGW_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(context, sizeof(context), fmt, ap);
	va_end(ap);
	if (!error_pending)
		snprintf(error_message, sizeof(error_message), "%s", context);
	else {
		memcpy(cause, error_message, sizeof(cause));
		/* A long chain is cut at the cap: the context and the start of the cause stay. */
		if (snprintf(error_message, sizeof(error_message), "%s: %s", context, cause) >= (int)sizeof(error_message))
			error_message[sizeof(error_message) - 1] = '\0';
	}
	one_line(error_message);
	error_pending = code ? code : IFGW_EINVAL;
	return code;
}

void ifgw_error_save(struct ifgw_error *out)
{
	out->code = error_pending;
	memcpy(out->message, error_pending ? error_message : "", error_pending ? sizeof(out->message) : 1);
	ifgw_error_clear();
}

void ifgw_error_restore(const struct ifgw_error *saved)
{
	error_pending = saved->code;
	if (saved->code)
		snprintf(error_message, sizeof(error_message), "%s", saved->message);
	else
		error_message[0] = '\0';
}

void ifgw_error_clear(void)
{
	error_pending = 0;
	error_message[0] = '\0';
}

const char *ifgw_error_last(void)
{
	return error_pending ? error_message : "";
}

int ifgw_error_code(void)
{
	return error_pending;
}

/* XSI strerror_r returns 0 or an error number and fills buf. */
static const char *strerror_xsi(int rc, char *buf, size_t len, int errnum)
{
	if (rc != 0 || !buf[0])
		snprintf(buf, len, "error %d", errnum);
	return buf;
}

/* GNU strerror_r returns the text, in buf or static and immutable. */
static const char *strerror_gnu(char *text, char *buf, size_t len, int errnum)
{
	if (!text || !*text) {
		snprintf(buf, len, "error %d", errnum);
		return buf;
	}
	return text;
}

const char *ifgw_strerror(int errnum, char *buf, size_t len)
{
	buf[0] = '\0';
	/* The return type tells which strerror_r this is; no configure test needed. */
	return _Generic(strerror_r(errnum, buf, len), int: strerror_xsi, char *: strerror_gnu)(
	        strerror_r(errnum, buf, len), buf, len, errnum);
}
