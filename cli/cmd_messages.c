/* cmd_messages.c: ifgw messages list|show — what the node sent and received.
 *
 *   ifgw messages list [--config F] [--store URI] [--in|--out] [--partner P] [--type T]
 *                      [--from D] [--to D] [--format table|csv|json]
 *   ifgw messages show [--config F] [--store URI] ID
 *
 * A message is named `out:PARTNER:MSGID` (the outbox: PARTNER the receiver)
 * or `in:PARTNER:MSGID` (the inbox: PARTNER the sender): a message id is
 * unique per sender only, so the direction and the partner make the name
 * unique.  `show` also takes a bare message id that names one message only.
 * It prints the stored bytes exactly, nothing added (no newline).  Both
 * only read the store: it must exist, and its schema is left as it is.
 * Exit 0 ok, 1 a problem (one line on stderr), 2 usage. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "gateway/store/store.h"

#define WHAT "messages"

#define STORE_HELP                                                                                          \
	"  --config FILE       the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG "): its <Store>\n" \
	"  --store URI         this store instead (sqlite:PATH)\n"

enum { OPT_CONFIG = 1, OPT_STORE, OPT_IN, OPT_OUT, OPT_PARTNER, OPT_TYPE, OPT_FROM, OPT_TO, OPT_FORMAT, OPT_HELP };

static int open_store(struct ifgw_store **s, const char *config, const char *store)
{
	/* An inquiry changes nothing: no store created, no schema migrated. */
	return ifgw_cli_store_open(s, config, store, IFGW_STORE_NO_CREATE | IFGW_STORE_NO_MIGRATE);
}

/* --from and --to are inclusive: a bare date covers its whole UTC day. */
static int parse_bound(int64_t *out, const char *text, int upper, const char *opt)
{
	int64_t t;

	if (ifgw_datetime_parse(&t, text) != IFGW_OK)
		return ifgw_error_wrap(IFGW_EUSAGE, "%s", opt);
	if (upper)
		t += strlen(text) == IFGW_DATE_STRLEN - 1 ? IFGW_SECONDS_PER_DAY : 1;
	*out = t;
	return IFGW_OK;
}

static const char *direction_name(enum ifgw_store_direction d)
{
	return d == IFGW_STORE_OUT ? "out" : "in";
}

static int list_rows(struct ifgw_output *o, const struct ifgw_store_message *m, size_t n)
{
	char name[8 + IFGW_FACTOR_CODE_SIZE + IFGW_ID_SIZE];
	size_t i;
	int rc = IFGW_OK;

	for (i = 0; i < n && rc == IFGW_OK; i++) {
		snprintf(name, sizeof(name), "%s:%s:%s", direction_name(m[i].direction), m[i].partner, m[i].msg_id);
		if ((rc = ifgw_output_text(o, name)) == IFGW_OK &&
		    (rc = ifgw_output_text(o, direction_name(m[i].direction))) == IFGW_OK &&
		    (rc = ifgw_output_text(o, m[i].partner)) == IFGW_OK && (rc = ifgw_output_text(o, m[i].type)) == IFGW_OK &&
		    (rc = ifgw_output_text(o, m[i].msg_id)) == IFGW_OK &&
		    (rc = ifgw_output_int(o, (int64_t)m[i].seq)) == IFGW_OK &&
		    (rc = ifgw_output_text(o, m[i].state)) == IFGW_OK && (rc = ifgw_output_time(o, m[i].time)) == IFGW_OK &&
		    (rc = ifgw_output_int(o, (int64_t)m[i].size)) == IFGW_OK)
			rc = ifgw_output_row_end(o);
	}
	return rc;
}

static enum ifgw_exit cmd_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG},
		{"store", required_argument, NULL, OPT_STORE},
		{"in", no_argument, NULL, OPT_IN},
		{"out", no_argument, NULL, OPT_OUT},
		{"partner", required_argument, NULL, OPT_PARTNER},
		{"type", required_argument, NULL, OPT_TYPE},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	static const struct ifgw_output_column cols[] = {
		{"id", IFGW_OUTPUT_TEXT},    {"direction", IFGW_OUTPUT_TEXT}, {"partner", IFGW_OUTPUT_TEXT},
		{"type", IFGW_OUTPUT_TEXT},  {"msg_id", IFGW_OUTPUT_TEXT},    {"seq", IFGW_OUTPUT_INT},
		{"state", IFGW_OUTPUT_TEXT}, {"at", IFGW_OUTPUT_TIME},        {"bytes", IFGW_OUTPUT_INT},
	};
	struct ifgw_store_message_filter f;
	struct ifgw_store_message *msgs = NULL;
	struct ifgw_output *o = NULL;
	struct ifgw_store *s = NULL;
	enum ifgw_output_format fmt = IFGW_OUTPUT_TABLE;
	const char *config = NULL, *store = NULL;
	enum ifgw_exit ret = IFGW_EXIT_OK;
	size_t n = 0;
	int opt, in = 0, out = 0;

	memset(&f, 0, sizeof(f));
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_STORE:
			store = optarg;
			break;
		case OPT_IN:
			in = 1;
			break;
		case OPT_OUT:
			out = 1;
			break;
		case OPT_PARTNER:
			f.partner = optarg;
			break;
		case OPT_TYPE:
			f.type = optarg;
			break;
		case OPT_FROM:
			if (parse_bound(&f.from, optarg, 0, "--from") != IFGW_OK)
				return ifgw_cli_fail(WHAT " list");
			f.has_from = 1;
			break;
		case OPT_TO:
			if (parse_bound(&f.to, optarg, 1, "--to") != IFGW_OK)
				return ifgw_cli_fail(WHAT " list");
			f.has_to = 1;
			break;
		case OPT_FORMAT:
			if (ifgw_output_format_parse(&fmt, optarg) != IFGW_OK)
				return ifgw_cli_fail(WHAT " list");
			break;
		case OPT_HELP:
			printf("usage: ifgw messages list [OPTIONS]\n\n"
			       "The messages in the store, oldest first: queued or sent to partners (out) and\n"
			       "received from them (in).  Columns: docs/cli-output.md.\n\n"
			       "Options:\n" STORE_HELP
			       "  --in, --out         only the received, or only the sent messages\n"
			       "  --partner CODE      only those to or from this factor\n"
			       "  --type TYPE         only this message type\n"
			       "  --from D, --to D    only those queued or received from D to D, inclusive\n"
			       "                      (YYYY-MM-DD: the whole day, or YYYY-MM-DDTHH:MM:SSZ)\n"
			       "  " IFGW_OUTPUT_FORMAT_HELP "\n"
			       "  --help              this text\n");
			return IFGW_EXIT_OK;
		case '?':
			return ifgw_cli_bad_option(WHAT " list", argv, OPT_HELP);
		}
	}
	if (optind < argc)
		return ifgw_cli_usage_error(WHAT " list", "unexpected argument '%s'", argv[optind]);
	if (in && out)
		return ifgw_cli_usage_error(WHAT " list", "--in and --out together: leave both out for every message");
	f.direction = in ? IFGW_STORE_IN : out ? IFGW_STORE_OUT : IFGW_STORE_BOTH;
	if (open_store(&s, config, store) != IFGW_OK || ifgw_store_message_list(s, &f, &msgs, &n) != IFGW_OK ||
	    ifgw_output_new(&o, fmt, cols, sizeof(cols) / sizeof(cols[0])) != IFGW_OK ||
	    list_rows(o, msgs, n) != IFGW_OK || ifgw_output_write(o, stdout) != IFGW_OK)
		ret = ifgw_cli_fail(WHAT " list");
	ifgw_output_free(o);
	free(msgs);
	ifgw_store_close(s);
	return ret;
}

/* "out:P:M" or "in:P:M" into its parts; else the bare id (*direction BOTH). */
static void parse_name(const char *name, enum ifgw_store_direction *direction, char *partner, size_t psize,
		       const char **msg_id)
{
	const char *rest = NULL, *colon;

	*direction = IFGW_STORE_BOTH;
	*msg_id = name;
	partner[0] = '\0';
	if (strncmp(name, "out:", 4) == 0)
		rest = name + 4;
	else if (strncmp(name, "in:", 3) == 0)
		rest = name + 3;
	if (!rest || !(colon = strchr(rest, ':')) || (size_t)(colon - rest) >= psize)
		return;
	memcpy(partner, rest, (size_t)(colon - rest));
	partner[colon - rest] = '\0';
	*direction = name[0] == 'o' ? IFGW_STORE_OUT : IFGW_STORE_IN;
	*msg_id = colon + 1;
}

/* A bare message id: the one message that has it, else why not. */
static int resolve_bare(struct ifgw_store *s, const char *msg_id, enum ifgw_store_direction *direction, char *partner,
			size_t psize)
{
	struct ifgw_store_message_filter f;
	struct ifgw_store_message *m = NULL;
	struct ifgw_buf names;
	size_t n = 0, i;
	int rc;

	memset(&f, 0, sizeof(f));
	f.msg_id = msg_id;
	ifgw_buf_init(&names, 1024);
	if ((rc = ifgw_store_message_list(s, &f, &m, &n)) != IFGW_OK)
		goto out;
	if (n == 0) {
		rc = ifgw_error_set(IFGW_ENOTFOUND, "no message %s in %s", msg_id, ifgw_store_where(s));
		goto out;
	}
	if (n > 1) {
		for (i = 0; i < n && i < 8; i++)
			ifgw_buf_addf(&names, "%s%s:%s:%s", i ? ", " : "", direction_name(m[i].direction), m[i].partner,
				      m[i].msg_id);
		rc = ifgw_error_set(IFGW_EINVAL, "'%s' names %zu messages: %s%s; give one of them", msg_id, n,
				    ifgw_buf_cstr(&names), n > 8 ? ", ..." : "");
		goto out;
	}
	*direction = m[0].direction;
	snprintf(partner, psize, "%s", m[0].partner);
out:
	ifgw_buf_free(&names);
	free(m);
	return rc;
}

static enum ifgw_exit cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG},
		{"store", required_argument, NULL, OPT_STORE},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	char partner[IFGW_FACTOR_CODE_SIZE];
	enum ifgw_store_direction direction;
	const char *config = NULL, *store = NULL, *msg_id;
	struct ifgw_store *s = NULL;
	unsigned char *bytes = NULL;
	enum ifgw_exit ret = IFGW_EXIT_OK;
	size_t len = 0;
	int opt;

	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_STORE:
			store = optarg;
			break;
		case OPT_HELP:
			printf("usage: ifgw messages show [OPTIONS] ID\n\n"
			       "Print one message exactly as stored (the signed bytes sent, or the bytes\n"
			       "received), nothing added.  ID: out:PARTNER:MSGID or in:PARTNER:MSGID as\n"
			       "'ifgw messages list' shows it, or a message id alone when only one message has it.\n\n"
			       "Options:\n" STORE_HELP "  --help              this text\n");
			return IFGW_EXIT_OK;
		case '?':
			return ifgw_cli_bad_option(WHAT " show", argv, OPT_HELP);
		}
	}
	if (optind != argc - 1)
		return ifgw_cli_usage_error(WHAT " show", optind >= argc ? "the message's ID is missing"
									  : "one message ID only");
	parse_name(argv[optind], &direction, partner, sizeof(partner), &msg_id);
	if (open_store(&s, config, store) != IFGW_OK ||
	    (direction == IFGW_STORE_BOTH && resolve_bare(s, msg_id, &direction, partner, sizeof(partner)) != IFGW_OK) ||
	    ifgw_store_message_get(s, direction, partner, msg_id, &bytes, &len) != IFGW_OK) {
		ret = ifgw_cli_fail(WHAT " show");
		goto out;
	}
	if ((len > 0 && fwrite(bytes, 1, len, stdout) != len) || fflush(stdout) != 0) {
		ifgw_error_set(IFGW_EIO, "%s: cannot write the message to standard output", argv[optind]);
		ret = ifgw_cli_fail(WHAT " show");
	}
out:
	free(bytes);
	ifgw_store_close(s);
	return ret;
}

enum ifgw_exit ifgw_cmd_messages(int argc, char **argv)
{
	static const struct ifgw_cli_subcommand subs[] = {
		{"list", cmd_list, "the messages sent and received, filtered (table, csv or json)"},
		{"show", cmd_show, "one message exactly as stored"},
	};

	return ifgw_cli_dispatch(WHAT,
				 "The messages this node queued for its partners (out) and received from them (in),\n"
				 "as kept in its store.",
				 subs, sizeof(subs) / sizeof(subs[0]), argc, argv);
}
