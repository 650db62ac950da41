/* cli.c: helpers every command family shares (see cli.h). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "cli/cli.h"

enum ifgw_exit ifgw_cli_exit(int result)
{
	if (result == IFGW_OK)
		return IFGW_EXIT_OK;
	return result == IFGW_EUSAGE ? IFGW_EXIT_USAGE : IFGW_EXIT_FAIL;
}

enum ifgw_exit ifgw_cli_fail(const char *what)
{
	struct ifgw_error e;

	ifgw_error_save(&e); /* printed here, and gone: the next command starts clean */
	fprintf(stderr, "ifgw %s: %s\n", what, e.code ? e.message : "failed (no reason recorded)");
	/* With no reason recorded, a failure all the same. */
	return e.code ? ifgw_cli_exit(e.code) : IFGW_EXIT_FAIL;
}

enum ifgw_exit ifgw_cli_usage_error(const char *what, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ifgw %s: ", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'ifgw %s --help')\n", what);
	return IFGW_EXIT_USAGE;
}

int ifgw_cli_parse_long(long *out, const char *s, long min, long max)
{
	const char *digits = *s == '-' ? s + 1 : s;
	char *end;
	long v;

	if (!(*digits >= '0' && *digits <= '9'))
		return -1; /* strtol would skip spaces and take '+' */
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

enum ifgw_exit ifgw_cli_bad_option(const char *what, char **argv, int last_opt)
{
	if (optopt >= 1 && optopt <= last_opt)
		return ifgw_cli_usage_error(what, "option '%s' needs a value", argv[optind - 1]);
	if (optopt)
		return ifgw_cli_usage_error(what, "unknown option '-%c'", optopt);
	return ifgw_cli_usage_error(what, "unknown option '%s'", argv[optind - 1]);
}

enum ifgw_exit ifgw_cli_now(int64_t *out, const char *text, const char *what)
{
	int64_t t;

	if (!text) {
		*out = ifgw_clock_now();
		return IFGW_EXIT_OK;
	}
	if (ifgw_datetime_parse(&t, text) != IFGW_OK) {
		ifgw_error_clear(); /* the usage error below says it in the command's words */
		return ifgw_cli_usage_error(what, "--now '%s': want YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD", text);
	}
	ifgw_clock_set(t); /* the store's times and the ledger's agree */
	*out = t;
	return IFGW_EXIT_OK;
}

void ifgw_cli_getopt_reset(void)
{
	/* glibc: optind = 0 re-initialises getopt's internal state. */
	optind = 0;
	opterr = 0;
}

static void family_usage(FILE *f, const char *family, const char *intro, const struct ifgw_cli_subcommand *subs,
			 size_t n)
{
	size_t i;

	fprintf(f, "usage: ifgw %s SUBCOMMAND [OPTIONS] [ARGS]\n\n%s\n\n", family, intro);
	for (i = 0; i < n; i++)
		fprintf(f, "  %-8s %s\n", subs[i].name, subs[i].summary);
	fprintf(f, "\n'ifgw %s SUBCOMMAND --help' for each.\n", family);
}

enum ifgw_exit ifgw_cli_dispatch(const char *family, const char *intro, const struct ifgw_cli_subcommand *subs, size_t n,
		      int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		family_usage(stderr, family, intro, subs, n);
		return IFGW_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		family_usage(stdout, family, intro, subs, n);
		return IFGW_EXIT_OK;
	}
	for (i = 0; i < n; i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].run(argc - 1, argv + 1);
	return ifgw_cli_usage_error(family, "unknown subcommand '%s'", argv[1]);
}
