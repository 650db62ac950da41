/* main.c: the ifgw command dispatcher.
 *
 *   ifgw [--now TIME] [--store URI] FAMILY [SUBCOMMAND] [OPTIONS] [ARGS]
 *
 * Global options come before the family name; each family parses the rest. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/error.h"
#include "cli/cli.h"
#include "gateway/node/global.h"

static const struct ifgw_cli_command commands[] = {
	{"fx", ifgw_cmd_fx, "currency: convert amounts, list and fetch ECB reference rates"},
	{"calendar", ifgw_cmd_calendar, "business-day calendars: holidays, add business days or hours"},
	{"invoices", ifgw_cmd_invoices, "invoices: check files, submit them to the books, list and show"},
	{"covers", ifgw_cmd_covers, "credit cover: apply for cover on a buyer, list the covers, show one"},
	{"certs", ifgw_cmd_certs, "identities and trust: generate a test PKI, check certificates in use"},
	{"route", ifgw_cmd_route, "routing: which partner factor each invoice goes to, and why"},
	{"adapter", ifgw_cmd_adapter, "wire formats: canonical XML to and from a partner's format"},
	{"sign", ifgw_cmd_sign, "XML signatures: sign a message on the strict profile (ECDSA P-256, RSA)"},
	{"verify", ifgw_cmd_verify, "XML signatures: verify a message against a partner's certificates"},
	{"store", ifgw_cmd_store, "the node's durable store: create or migrate it, check it"},
	{"ledger", ifgw_cmd_ledger, "the node's books: apply the ledger timers due (tick)"},
	{"messages", ifgw_cmd_messages, "messages sent to and received from partners: list them, show one"},
	{"serve", ifgw_cmd_serve, "the node's HTTPS service: partners post signed messages, answered signed"},
	{NULL, NULL, NULL},
};

static void usage(FILE *out)
{
	const struct ifgw_cli_command *c;

	fprintf(out, "usage: ifgw [--now TIME] [--store URI] COMMAND [ARGS]\n\n"
		     "ifgw is an international factoring gateway: exact money, partner trust,\n"
		     "wire-format adapters and strict XML signatures for correspondent factors.\n\n"
		     "Commands:\n");
	for (c = commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out, "\nGlobal options:\n"
		     "  --now TIME   run as if the clock read TIME (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ);\n"
		     "               the IFGW_NOW environment variable does the same\n"
		     "  --store URI  the store to use instead of the configuration's <Store>\n"
		     "               (sqlite:PATH, a relative PATH from the working directory)\n"
		     "  --help       this text; 'ifgw COMMAND --help' for a command\n"
		     "  --version    print the version\n");
}

int main(int argc, char **argv)
{
	const struct ifgw_cli_command *c;
	const char *now = NULL;
	int i = 1;

	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return IFGW_EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("ifgw %s\n", PACKAGE_VERSION);
			return IFGW_EXIT_OK;
		} else if (strcmp(argv[i], "--now") == 0 && i + 1 < argc) {
			now = argv[i + 1];
			i += 2;
		} else if (strncmp(argv[i], "--now=", 6) == 0) {
			now = argv[i] + 6;
			i++;
		} else if (strcmp(argv[i], "--store") == 0 && i + 1 < argc) {
			ifgw_cli_set_store(argv[i + 1]);
			i += 2;
		} else if (strncmp(argv[i], "--store=", 8) == 0) {
			ifgw_cli_set_store(argv[i] + 8);
			i++;
		} else {
			fprintf(stderr, "ifgw: unknown option '%s' (see 'ifgw --help')\n", argv[i]);
			return IFGW_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return IFGW_EXIT_USAGE;
	}
	if (ifgw_clock_init(now) != IFGW_OK)
		return ifgw_cli_fail("clock");
	for (c = commands; c->name; c++)
		if (strcmp(c->name, argv[i]) == 0) {
			enum ifgw_exit status;

			if (ifgw_global_init_flags(IFGW_GLOBAL_LAZY_SCHEMAS) != IFGW_OK)
				return ifgw_cli_fail("start-up");
			status = c->run(argc - i, argv + i);
			ifgw_global_cleanup();
			return (int)status;
		}
	fprintf(stderr, "ifgw: unknown command '%s' (see 'ifgw --help')\n", argv[i]);
	return IFGW_EXIT_USAGE;
}
