/* cli.c: helpers every command family shares (see cli.h). */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>

#include "base/error.h"
#include "gateway/cli/cli.h"

int ifgw_cli_fail(const char *what)
{
	int code = ifgw_error_code();
	const char *msg = ifgw_error_last();

	fprintf(stderr, "ifgw %s: %s\n", what, *msg ? msg : "failed (no reason recorded)");
	ifgw_error_clear();
	return code == IFGW_EUSAGE ? IFGW_EXIT_USAGE : IFGW_EXIT_FAIL;
}

int ifgw_cli_usage_error(const char *what, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ifgw %s: ", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'ifgw %s --help')\n", what);
	return IFGW_EXIT_USAGE;
}

void ifgw_cli_getopt_reset(void)
{
	/* glibc: optind = 0 re-initialises getopt's internal state. */
	optind = 0;
	opterr = 0;
}
