/* cmd_serve.c: ifgw serve — the node's inbound HTTPS service
 * (gateway/node/serve.h, docs/serve.md).
 *
 * Runs until SIGTERM or SIGINT: then it stops accepting, answers the
 * requests in flight and exits 0.  SIGHUP reloads the configuration, keys
 * and certificates (open connections are kept; a reload that fails keeps
 * the running configuration and says why in the log).  Exit 1 when the
 * node cannot start (configuration, store, another serve on the store,
 * the address), 2 usage. */
#include "config.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <event2/event.h>

#include "base/error.h"
#include "cli/cli.h"
#include "gateway/net/log.h"
#include "gateway/node/node.h"
#include "gateway/node/serve.h"
#include "gateway/store/store.h"

#define WHAT "serve"

enum { OPT_CONFIG = 1, OPT_STORE, OPT_LISTEN, OPT_LOG, OPT_TIMEOUT, OPT_HELP };

struct serve_run {
	struct ifgw_serve *sv;
	struct event_base *base;
	int stopping;
};

static void usage(FILE *f)
{
	fprintf(f, "usage: ifgw serve [--config FILE] [--store URI] [--listen HOST:PORT] [--log FILE]\n"
		   "                  [--timeout SECONDS]\n\n"
		   "Serve the node's partners: HTTPS with a client certificate bound to one configured\n"
		   "partner (TLS 1.2 or 1.3); POST " IFGW_SERVER_MESSAGES_PATH " takes one signed message, applies\n"
		   "it to the books once and answers a signed acknowledgement (docs/serve.md).\n"
		   "SIGTERM or SIGINT: answer what is in flight, then exit 0.  SIGHUP: reload the\n"
		   "configuration, keys and certificates without dropping connections.\n"
		   "Exit status: 0 stopped by a signal, 1 could not start, 2 usage.\n\n"
		   "Options:\n"
		   "  --config FILE      the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG ")\n"
		   "  --store URI        this store instead of the configuration's <Store>\n"
		   "  --listen HOST:PORT listen here instead of the configuration's <Listen>\n"
		   "                     (port 0: any free port, logged in the `listening` line)\n"
		   "  --log FILE         append the log (one key=value line per event) to FILE, not stderr\n"
		   "  --timeout SECONDS  a connection brings each whole request within this (1..3600,\n"
		   "                     default 30), or is closed; also the idle keep-alive limit\n"
		   "  --help             this text\n");
}

static void on_drained(void *arg)
{
	struct serve_run *r = arg;

	event_base_loopexit(r->base, NULL);
}

static void on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct serve_run *r = arg;
	struct ifgw_error ignored;

	(void)what;
	if (sig == SIGHUP) {
		/* Refused reloads are logged; the service goes on. */
		if (ifgw_serve_reload(r->sv) != IFGW_OK)
			ifgw_error_save(&ignored);
		return;
	}
	if (r->stopping)
		return;
	r->stopping = 1;
	ifgw_serve_drain(r->sv, on_drained, r);
}

enum ifgw_exit ifgw_cmd_serve(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG},
		{"store", required_argument, NULL, OPT_STORE},
		{"listen", required_argument, NULL, OPT_LISTEN},
		{"log", required_argument, NULL, OPT_LOG},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	static const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
	const char *config = IFGW_CLI_DEFAULT_CONFIG, *store_uri = NULL, *listen = NULL, *log_path = NULL;
	struct event *sev[sizeof(sigs) / sizeof(sigs[0])] = {NULL};
	struct ifgw_node *node = NULL;
	struct ifgw_store *store = NULL;
	struct ifgw_log *log = NULL;
	struct ifgw_server_limits lim;
	struct serve_run run;
	enum ifgw_exit ret = IFGW_EXIT_OK;
	size_t i;
	long seconds;
	int opt, lock = -1;

	memset(&run, 0, sizeof(run));
	memset(&lim, 0, sizeof(lim)); /* the server's defaults */
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_STORE:
			store_uri = optarg;
			break;
		case OPT_LISTEN:
			listen = optarg;
			break;
		case OPT_LOG:
			log_path = optarg;
			break;
		case OPT_TIMEOUT:
			if (ifgw_cli_parse_long(&seconds, optarg, 1, 3600) != 0)
				return ifgw_cli_usage_error(WHAT, "--timeout: '%s': expected seconds, 1 to 3600", optarg);
			lim.timeout_s = (int)seconds;
			break;
		case OPT_HELP:
			usage(stdout);
			return IFGW_EXIT_OK;
		default:
			return ifgw_cli_bad_option(WHAT, argv, OPT_HELP);
		}
	}
	if (optind < argc)
		return ifgw_cli_usage_error(WHAT, "unexpected argument '%s'", argv[optind]);
	/* A peer that goes away mid-answer must not kill the service. */
	signal(SIGPIPE, SIG_IGN);
	if (ifgw_log_open(&log, log_path) != IFGW_OK || ifgw_node_new(&node, config) != IFGW_OK ||
	    ifgw_cli_store_open(&store, config, store_uri, 0) != IFGW_OK ||
	    ifgw_serve_lock(&lock, ifgw_store_where(store)) != IFGW_OK || ifgw_node_start(node) != IFGW_OK ||
	    ifgw_serve_new(&run.sv, node, store, log, &lim) != IFGW_OK || ifgw_serve_listen(run.sv, listen) != IFGW_OK) {
		ret = ifgw_cli_fail(WHAT);
		goto out;
	}
	run.base = ifgw_node_event_base(node);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		if (!(sev[i] = evsignal_new(run.base, sigs[i], on_signal, &run)) || event_add(sev[i], NULL) != 0) {
			ifgw_error_set(IFGW_ENOMEM, "cannot watch signal %d", sigs[i]);
			ret = ifgw_cli_fail(WHAT);
			goto out;
		}
	}
	event_base_dispatch(run.base);
	ifgw_log_event(log, IFGW_LOG_INFO, "stopped", NULL);
out:
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sev[i])
			event_free(sev[i]);
	ifgw_serve_free(run.sv);
	ifgw_node_free(node); /* stops it: the event base goes, and the connections with it */
	ifgw_store_close(store);
	ifgw_serve_unlock(lock);
	ifgw_log_close(log);
	return ret;
}
