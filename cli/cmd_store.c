/* cmd_store.c: ifgw store migrate|check — the node's store (gateway/store/store.h).
 *
 *   ifgw store migrate [--config F] [--store URI]   create or bring the schema up to date
 *   ifgw store check   [--config F] [--store URI]   integrity, foreign keys, schema version
 *
 * The store is the configuration's <Store> (a relative path from the
 * configuration file's folder; none: sqlite:ifgw.db there), or --store URI
 * (a relative path from the working directory), given after the command or
 * as a global option (ifgw --store URI store check).  With --store and no
 * --config, no configuration is read.  Exit 0 ok, 1 a problem (one line on
 * stderr naming the store), 2 usage. */
#include "config.h"

#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "cli/cli.h"
#include "config/node_config.h"
#include "gateway/store/store.h"

#define WHAT "store"

/* The store of a configuration that names none: beside the file. */
#define DEFAULT_STORE "sqlite:ifgw.db"

static const char *global_store; /* ifgw --store URI, before the command */

void ifgw_cli_set_store(const char *uri)
{
	global_store = uri;
}

const char *ifgw_cli_store(void)
{
	return global_store;
}

int ifgw_cli_store_open(struct ifgw_store **out, const char *config, const char *store, unsigned flags)
{
	struct ifgw_config *cfg = NULL;
	char *dircopy = NULL;
	int rc;

	if (!store)
		store = global_store;
	if (store && !config) /* the URI says it all: a relative path is the user's */
		return ifgw_store_open(out, store, NULL, flags);
	if ((rc = ifgw_config_load(&cfg, config ? config : IFGW_CLI_DEFAULT_CONFIG)) != IFGW_OK)
		goto out;
	if (store) {
		rc = ifgw_store_open(out, store, NULL, flags);
		goto out;
	}
	if (!(dircopy = strdup(cfg->path))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "out of memory");
		goto out;
	}
	rc = ifgw_store_open(out, cfg->store ? cfg->store : DEFAULT_STORE, dirname(dircopy), flags);
	if (rc != IFGW_OK)
		rc = ifgw_error_wrap(rc, "%s", cfg->path);
out:
	free(dircopy);
	ifgw_config_free(cfg);
	return rc;
}

enum { OPT_CONFIG = 1, OPT_STORE, OPT_HELP };

struct store_opts {
	const char *config, *store;
};

/* Parse --config, --store, --help; IFGW_EXIT_OK to go on, *done set when
 * the command is over (help printed, or a usage error). */
static enum ifgw_exit parse(struct store_opts *o, int argc, char **argv, const char *sub, const char *text, int *done)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG},
		{"store", required_argument, NULL, OPT_STORE},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	int opt;

	*done = 1;
	memset(o, 0, sizeof(*o));
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_STORE:
			o->store = optarg;
			break;
		case OPT_HELP:
			printf("usage: ifgw store %s [--config FILE] [--store URI]\n\n%s\n\n"
			       "Options:\n"
			       "  --config FILE   the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG
			       "); its <Store>,\n"
			       "                  a relative path from the file's folder (none: " DEFAULT_STORE
			       " there)\n"
			       "  --store URI     this store instead (sqlite:PATH, a relative PATH from here);\n"
			       "                  without --config, no configuration is read\n"
			       "  --help          this text\n",
			       sub, text);
			return IFGW_EXIT_OK;
		case '?':
			return ifgw_cli_bad_option(WHAT, argv, OPT_HELP);
		}
	}
	if (optind < argc)
		return ifgw_cli_usage_error(WHAT, "%s: unexpected argument '%s'", sub, argv[optind]);
	*done = 0;
	return IFGW_EXIT_OK;
}

static enum ifgw_exit cmd_migrate(int argc, char **argv)
{
	struct ifgw_store *s = NULL;
	struct store_opts o;
	enum ifgw_exit ret;
	int done, before = 0, after = 0;

	ret = parse(&o, argc, argv, "migrate",
		    "Create the store, or bring its schema up to this ifgw's version, in one transaction;\n"
		    "print the version.  A store from a newer ifgw is refused, and left as it is.",
		    &done);
	if (done)
		return ret;
	if (ifgw_cli_store_open(&s, o.config, o.store, IFGW_STORE_NO_MIGRATE) != IFGW_OK ||
	    ifgw_store_version(s, &before) != IFGW_OK || ifgw_store_migrate(s, 0) != IFGW_OK ||
	    ifgw_store_version(s, &after) != IFGW_OK) {
		ret = ifgw_cli_fail(WHAT " migrate");
		goto out;
	}
	if (before == after)
		printf("%s: schema version %d (up to date)\n", ifgw_store_where(s), after);
	else
		printf("%s: schema version %d (was %d)\n", ifgw_store_where(s), after, before);
	ret = IFGW_EXIT_OK;
out:
	ifgw_store_close(s);
	return ret;
}

static enum ifgw_exit cmd_check(int argc, char **argv)
{
	struct ifgw_store *s = NULL;
	struct store_opts o;
	enum ifgw_exit ret;
	int done, version = 0;

	ret = parse(&o, argc, argv, "check",
		    "Check the store: the database's integrity and foreign keys, and that its schema\n"
		    "is this ifgw's version.  Print 'ok', or the first problem and exit 1.  Changes nothing.",
		    &done);
	if (done)
		return ret;
	if (ifgw_cli_store_open(&s, o.config, o.store, IFGW_STORE_NO_CREATE | IFGW_STORE_NO_MIGRATE) != IFGW_OK ||
	    ifgw_store_check(s) != IFGW_OK || ifgw_store_version(s, &version) != IFGW_OK) {
		ret = ifgw_cli_fail(WHAT " check");
		goto out;
	}
	printf("%s: ok (schema version %d)\n", ifgw_store_where(s), version);
	ret = IFGW_EXIT_OK;
out:
	ifgw_store_close(s);
	return ret;
}

enum ifgw_exit ifgw_cmd_store(int argc, char **argv)
{
	static const struct ifgw_cli_subcommand subs[] = {
		{"migrate", cmd_migrate, "create the store or bring its schema up to date"},
		{"check", cmd_check, "integrity, foreign keys and schema version of the store"},
	};

	return ifgw_cli_dispatch(WHAT,
				 "The node's durable store (outbox, inbox, the append-only log): the configuration's\n"
				 "<Store>, or --store URI (sqlite:PATH).",
				 subs, sizeof(subs) / sizeof(subs[0]), argc, argv);
}
