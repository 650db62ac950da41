/* error.c: per-thread first-error message (see error.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

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

int ifgw_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	char *p;

	if (error_pending)
		return code;
	va_start(ap, fmt);
	vsnprintf(error_message, sizeof(error_message), fmt, ap);
	va_end(ap);
	/* One line, always: a message may quote input that holds newlines. */
	for (p = error_message; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	error_pending = code ? code : IFGW_EINVAL;
	return code;
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
