/* cli.h: the ifgw command dispatcher and what command families share.
 *
 * One file per command family (cmd_fx.c, cmd_certs.c, ...).  Each family has
 * one entry point called with argv[0] = the family name; it parses its own
 * options with getopt_long and returns the process exit status.
 *
 * Library functions return enum ifgw_result; commands return enum
 * ifgw_exit.  The two never mix: ifgw_cli_exit() is the one place a result
 * becomes an exit status. */
#ifndef IFGW_CLI_H
#define IFGW_CLI_H

#include <stdint.h>
#include <stdio.h>

/* Exit statuses shared by every command: what scripts see, so the numbers
 * never change.  Not an enum ifgw_result (IFGW_EXIT_USAGE is 2, and so is
 * IFGW_ENOMEM). */
enum ifgw_exit {
	IFGW_EXIT_OK = 0,
	IFGW_EXIT_FAIL = 1,  /* the command ran and the answer is "no" or it failed */
	IFGW_EXIT_USAGE = 2, /* bad options or arguments */
	IFGW_EXIT_OUTSIDE = 3, /* a date outside the years a calendar covers: no answer, not "closed" */
};

/* The exit status for a library result: IFGW_OK is success, IFGW_EUSAGE a
 * usage error, anything else a failure. */
enum ifgw_exit ifgw_cli_exit(int result);

/* Options every command that needs a node's configuration accepts. */
#define IFGW_CLI_DEFAULT_CONFIG "./ifgw.xml"

struct ifgw_cli_command {
	const char *name;
	enum ifgw_exit (*run)(int argc, char **argv);
	const char *summary; /* one line for `ifgw --help` */
};

/* Print "ifgw WHAT: <pending error>" on stderr, clear it (the command is
 * the entry point: the error was its own) and return the exit status for
 * its code (ifgw_cli_exit). */
enum ifgw_exit ifgw_cli_fail(const char *what);

/* Print "ifgw WHAT: <message>" plus a hint to use --help; IFGW_EXIT_USAGE. */
enum ifgw_exit ifgw_cli_usage_error(const char *what, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* A subcommand of a family ("fx convert"). */
struct ifgw_cli_subcommand {
	const char *name;
	enum ifgw_exit (*run)(int argc, char **argv); /* argv[0] is the subcommand's name */
	const char *summary;               /* one line for the family's usage */
};

/* Run the subcommand named by argv[1]: the family's usage (intro, then one
 * line per subcommand) on --help (exit 0) or with no subcommand (exit 2). */
enum ifgw_exit ifgw_cli_dispatch(const char *family, const char *intro, const struct ifgw_cli_subcommand *subs, size_t n,
		      int argc, char **argv);

/* Strict decimal integer in [min, max]: an optional '-' and digits, nothing
 * else (no spaces, no '+'); 0 on success, -1 otherwise. */
int ifgw_cli_parse_long(long *out, const char *s, long min, long max);

/* The usage error after getopt_long returned '?': an option that needs a
 * value (long options numbered 1..last_opt by the caller's enum), or an
 * unknown option. */
enum ifgw_exit ifgw_cli_bad_option(const char *what, char **argv, int last_opt);

/* Reset getopt for a (sub)command's own parse. */
void ifgw_cli_getopt_reset(void);

/* The time a command runs at, for every command that takes --now: its
 * --now TEXT ("2027-01-04T09:00:00Z", RFC 3339, or a date: its midnight
 * UTC), which then also sets the clock (base/clock.h) so that everything
 * the command writes carries that time; text NULL: the clock as it is (ifgw
 * --now, IFGW_NOW, else the system clock).  A bad text: the usage error
 * printed and IFGW_EXIT_USAGE. */
enum ifgw_exit ifgw_cli_now(int64_t *out, const char *text, const char *what);
#define IFGW_CLI_NOW_USAGE                                                                           \
	"  --now TIME         run at TIME: YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD (midnight UTC);\n"    \
	"                     default: the clock (ifgw --now, IFGW_NOW, the system clock)\n"

/* The store (cmd_store.c).  The global option `ifgw --store URI` is kept
 * here and overrides the configuration's <Store> on every command. */
struct ifgw_store;
void ifgw_cli_set_store(const char *uri);
/* The global --store URI, or NULL. */
const char *ifgw_cli_store(void);
/* Open the command's store: store (the command's --store), else the
 * global --store, each a relative path from the working directory and
 * then read without a configuration unless config is given; else config's
 * <Store> (default ./ifgw.xml), a relative path from its folder
 * (none: sqlite:ifgw.db there).  flags: ifgw_store_open()'s. */
int ifgw_cli_store_open(struct ifgw_store **out, const char *config, const char *store, unsigned flags);

/* Command families (one file each). */
enum ifgw_exit ifgw_cmd_fx(int argc, char **argv);
enum ifgw_exit ifgw_cmd_calendar(int argc, char **argv);
enum ifgw_exit ifgw_cmd_invoices(int argc, char **argv);
enum ifgw_exit ifgw_cmd_covers(int argc, char **argv); /* cmd_covers.c */
enum ifgw_exit ifgw_cmd_certs(int argc, char **argv);
enum ifgw_exit ifgw_cmd_route(int argc, char **argv);
enum ifgw_exit ifgw_cmd_adapter(int argc, char **argv);
enum ifgw_exit ifgw_cmd_store(int argc, char **argv);
enum ifgw_exit ifgw_cmd_ledger(int argc, char **argv); /* cmd_ledger.c */
enum ifgw_exit ifgw_cmd_messages(int argc, char **argv); /* cmd_messages.c */
enum ifgw_exit ifgw_cmd_serve(int argc, char **argv);    /* cmd_serve.c */
enum ifgw_exit ifgw_cmd_sign(int argc, char **argv);   /* cmd_sign.c */
enum ifgw_exit ifgw_cmd_verify(int argc, char **argv); /* cmd_sign.c */

#endif
