/* cmd_adapter.c: ifgw adapter — canonical XML <-> a partner's wire format,
 * for tests and for a partner's onboarding (adapters/adapter.h).
 *
 *   ifgw adapter encode --partner CODE [--config FILE] [--out FILE] FILE
 *   ifgw adapter decode --partner CODE [--config FILE] [--out FILE] FILE
 *   ifgw adapter list
 *
 * The partner's configuration gives the adapter, the country profile and the
 * charset; --country CC [--adapter NAME] does the same without a
 * configuration. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapters/adapter.h"
#include "base/error.h"
#include "base/file.h"
#include "cli/cli.h"
#include "config/node_config.h"
#include "model/model.h"
#include "gateway/route/outbound.h"
#include "gateway/route/target.h"

#define WIRE_MAX     (64u << 20)
#define NAME_MAX_LEN 4096

enum { OPT_PARTNER = 1, OPT_CONFIG, OPT_STORE, OPT_COUNTRY, OPT_ADAPTER, OPT_OUT, OPT_EXPECT_SEQ, OPT_HELP };

struct target {
	struct ifgw_config *cfg;
	struct ifgw_route_target rt; /* adapter, charset, transliteration (gateway/route/target.h) */
	struct ifgw_adapter_env env;
};

static void usage(FILE *f, const char *verb)
{
	fprintf(f,
		"usage: ifgw adapter %s (--partner CODE [--config FILE] | --country CC [--adapter NAME])\n"
		"                    [--out FILE]%s FILE\n\n"
		"%s\n\n"
		"Options:\n"
		"  --partner CODE     the configured partner factor whose format and charset to use\n"
		"  --config FILE      the node's configuration (default " IFGW_CLI_DEFAULT_CONFIG ")\n"
		"  --store URI        override the configuration's store\n"
		"  --country CC       without a configuration: the country profile to use\n"
		"  --adapter NAME     with --country: edifactoring or iso20022 (default: the profile's)\n"
		"  --out FILE         write here instead of standard output%s\n"
		"%s"
		"  --help             this text\n",
		verb, strcmp(verb, "decode") == 0 ? " [--expect-seq N]" : "",
		strcmp(verb, "encode") == 0
			? "Read a canonical message (XML, namespace urn:ifgw:canonical:1) and write it in the\n"
			  "partner's wire format and charset.  A batch larger than the format allows is cut into\n"
			  "several messages: FILE.1, FILE.2 ... with --out.  With --partner the message must be\n"
			  "from this node to that partner (absent parties are set, others refused); --country\n"
			  "writes the header as it is."
			: "Read a message in the partner's wire format and charset, check it (schema, codes,\n"
			  "control totals, field lengths) and write its canonical XML form.  With --partner the\n"
			  "message must be from that partner to this node.",
		strcmp(verb, "encode") == 0 ? " (required when the message is split)" : "",
		strcmp(verb, "decode") == 0 ? "  --expect-seq N     refuse a sequence number other than N (a gap)\n"
					    : "");
}

/* Resolve the target and its environment from the options.  msg_type: the
 * canonical type to encode, whose format may be the partner's fallback; 0
 * when decoding, where `wire` is the format the bytes are in (the partner's
 * own or its fallback; NULL: its own). */
static int target_open(struct target *t, const char *partner, const char *config, const char *store,
		       const char *country, const char *adapter, const struct ifgw_adapter *wire, int msg_type)
{
	int rc;

	if (partner) {
		if ((rc = ifgw_config_load(&t->cfg, config)) != IFGW_OK)
			return rc;
		if (store && (rc = ifgw_config_set_store(t->cfg, store)) != IFGW_OK)
			return rc;
		rc = msg_type ? ifgw_route_target(&t->rt, t->cfg, partner, msg_type)
			      : ifgw_route_target_wire(&t->rt, t->cfg, partner, wire);
	} else {
		rc = ifgw_route_target_country(&t->rt, country, adapter);
	}
	if (rc == IFGW_OK)
		ifgw_route_target_env(&t->env, &t->rt);
	return rc;
}

static int write_out(const char *path, const struct ifgw_buf *b)
{
	if (!path) {
		if (fwrite(ifgw_buf_cstr(b), 1, b->len, stdout) != b->len || fflush(stdout) != 0)
			return ifgw_error_set(IFGW_EIO, "standard output: write failed");
		return IFGW_OK;
	}
	return ifgw_file_write_atomic(path, ifgw_buf_cstr(b), b->len, 0644);
}

struct encode_out {
	const char *out;    /* --out FILE; NULL: standard output */
	struct ifgw_buf name;
};

static int write_part(void *ctx, const struct ifgw_outbound_part *part)
{
	struct encode_out *eo = ctx;
	int rc;

	if (part->count == 1)
		return write_out(eo->out, part->wire);
	ifgw_buf_reset(&eo->name);
	if ((rc = ifgw_buf_addf(&eo->name, "%s.%zu", eo->out, part->index + 1)) != IFGW_OK ||
	    (rc = write_out(eo->name.ptr, part->wire)) != IFGW_OK)
		return rc;
	fprintf(stderr, "%s: part %zu of %zu, %zu bytes\n", eo->name.ptr, part->index + 1, part->count,
		part->wire->len);
	return IFGW_OK;
}

static int encode(const struct target *t, struct ifgw_msg *m, const char *in, const char *out)
{
	struct ifgw_outbound ob;
	struct encode_out eo;
	size_t n = 0;
	int rc;

	ifgw_outbound_init(&ob, NULL, WIRE_MAX);
	eo.out = out;
	ifgw_buf_init(&eo.name, NAME_MAX_LEN);
	/* to a configured partner: from this node to it (absent ends set,
	   other parties refused); --country has no node and writes the header as is */
	if ((rc = ifgw_route_target_address(&m->hdr, &t->rt)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "%s: refused for %s", in, t->rt.label);
		goto out;
	}
	if ((rc = ifgw_outbound_parts(&n, &t->rt, m)) != IFGW_OK)
		goto out;
	if (n > 1 && !out) {
		rc = ifgw_error_set(IFGW_EUSAGE, "%s: the batch needs %zu %s messages: give --out FILE", in, n,
				    t->rt.adapter->name);
		goto out;
	}
	rc = ifgw_outbound_run(&ob, &t->rt, m, write_part, &eo);
out:
	ifgw_outbound_free(&ob);
	ifgw_buf_free(&eo.name);
	return rc;
}

static int decode(const struct target *t, const struct ifgw_buf *wire, const char *in, const char *out)
{
	struct ifgw_msg *m = NULL;
	struct ifgw_buf xml;
	int rc;

	ifgw_buf_init(&xml, WIRE_MAX);
	if ((rc = ifgw_adapter_decode(&m, t->rt.adapter, ifgw_buf_cstr(wire), wire->len, &t->env)) != IFGW_OK) {
		/* the adapter names the element; say which file and format */
		char reason[IFGW_ERROR_MAX];

		snprintf(reason, sizeof(reason), "%s", ifgw_error_last());
		ifgw_error_clear();
		rc = ifgw_error_set(rc, "%s: not a valid %s message for %s: %s", in, t->rt.adapter->name, t->rt.label,
				    reason);
		goto out;
	}
	/* from a configured partner: from it to this node (spoofed or misaddressed otherwise) */
	if ((rc = ifgw_route_target_check_inbound(&m->hdr, &t->rt)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "%s: refused from %s", in, t->rt.label);
		goto out;
	}
	if ((rc = ifgw_msg_write_xml(&xml, m)) != IFGW_OK)
		goto out;
	rc = write_out(out, &xml);
out:
	ifgw_msg_free(m);
	ifgw_buf_free(&xml);
	return rc;
}

static enum ifgw_exit run_verb(int argc, char **argv, int is_encode)
{
	static const struct option longopts[] = {
		{"partner", required_argument, NULL, OPT_PARTNER},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"store", required_argument, NULL, OPT_STORE},
		{"country", required_argument, NULL, OPT_COUNTRY},
		{"adapter", required_argument, NULL, OPT_ADAPTER},
		{"out", required_argument, NULL, OPT_OUT},
		{"expect-seq", required_argument, NULL, OPT_EXPECT_SEQ},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	const char *what = is_encode ? "adapter encode" : "adapter decode";
	const char *partner = NULL, *config = IFGW_CLI_DEFAULT_CONFIG, *store = ifgw_cli_store(), *country = NULL;
	const char *adapter = NULL, *out = NULL;
	long expect_seq = 0;
	struct ifgw_msg *m = NULL;
	struct ifgw_buf wire;
	struct target t;
	const char *in;
	enum ifgw_exit ret;
	int opt;

	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_PARTNER:
			partner = optarg;
			break;
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_STORE:
			store = optarg;
			break;
		case OPT_COUNTRY:
			country = optarg;
			break;
		case OPT_ADAPTER:
			adapter = optarg;
			break;
		case OPT_OUT:
			out = optarg;
			break;
		case OPT_EXPECT_SEQ:
			if (is_encode || ifgw_cli_parse_long(&expect_seq, optarg, 1, 999999999999999L) != 0)
				return ifgw_cli_usage_error(
					what,
					"--expect-seq '%s': want a sequence number 1..999999999999999 (decode only)",
					optarg);
			break;
		case OPT_HELP:
			usage(stdout, is_encode ? "encode" : "decode");
			return IFGW_EXIT_OK;
		default:
			return ifgw_cli_bad_option(what, argv, OPT_HELP);
		}
	}
	if (!partner == !country)
		return ifgw_cli_usage_error(what, "give --partner CODE or --country CC");
	if (adapter && !country)
		return ifgw_cli_usage_error(
			what, "--adapter goes with --country (a partner's format is in its configuration)");
	if (optind != argc - 1)
		return ifgw_cli_usage_error(what, "expected one FILE");
	in = argv[optind];
	memset(&t, 0, sizeof(t));
	ifgw_buf_init(&wire, WIRE_MAX);
	/* Read first: the message's type (encode) or the wire's format (decode)
	 * decides between a partner's format and its fallback. */
	if (is_encode ? ifgw_msg_read_file(&m, in) != IFGW_OK : ifgw_file_read(&wire, in) != IFGW_OK)
		goto fail;
	/* bytes from a partner: the adapters' probes tell its format from its fallback */
	if (target_open(&t, partner, config, store, country, adapter,
			!is_encode && partner ? ifgw_adapter_probe(wire.ptr, wire.len) : NULL,
			m ? m->hdr.type : 0) != IFGW_OK)
		goto fail;
	t.env.expected_seq = (uint64_t)expect_seq;
	if ((is_encode ? encode(&t, m, in, out) : decode(&t, &wire, in, out)) != IFGW_OK)
		goto fail;
	ret = IFGW_EXIT_OK;
	goto out;
fail:
	ret = ifgw_cli_fail(what);
out:
	ifgw_msg_free(m);
	ifgw_buf_free(&wire);
	ifgw_config_free(t.cfg);
	return ret;
}

static enum ifgw_exit adapter_encode(int argc, char **argv)
{
	return run_verb(argc, argv, 1);
}

static enum ifgw_exit adapter_decode(int argc, char **argv)
{
	return run_verb(argc, argv, 0);
}

static enum ifgw_exit adapter_list(int argc, char **argv)
{
	const struct ifgw_country_profile *const *p;
	const struct ifgw_adapter *const *a;
	int type;

	if (argc > 1) {
		if (strcmp(argv[1], "--help") == 0) {
			printf("usage: ifgw adapter list\n\nThe wire formats of this build with the canonical messages "
			       "each carries,\n"
			       "then the country profiles.\n");
			return IFGW_EXIT_OK;
		}
		return ifgw_cli_usage_error("adapter list", "takes no arguments");
	}
	for (a = ifgw_adapters; *a; a++) {
		printf("%s %s:", (*a)->name, (*a)->version);
		for (type = 1; type < IFGW_MSG_TYPE_COUNT_; type++)
			if (ifgw_adapter_carries(*a, type))
				printf(" %s", ifgw_msg_type_name(type));
		printf("\n");
	}
	for (p = ifgw_country_profiles; *p; p++)
		printf("%s %s: %s %s, %s, calendar %s, language %s, %s\n", (*p)->code, (*p)->name, (*p)->wire_format,
		       (*p)->wire_version, (*p)->charset, (*p)->calendar, (*p)->language,
		       (*p)->allow_translit ? "transliteration allowed" : "no transliteration");
	return IFGW_EXIT_OK;
}

static const struct ifgw_cli_subcommand subcommands[] = {
	{"encode", adapter_encode, "canonical XML -> a partner's wire format"},
	{"decode", adapter_decode, "a partner's wire format -> canonical XML"},
	{"list", adapter_list, "wire formats, what they carry, and the country profiles"},
};

enum ifgw_exit ifgw_cmd_adapter(int argc, char **argv)
{
	static const char intro[] = "Wire-format adapters: for tests and partners' onboarding.";

	return ifgw_cli_dispatch("adapter", intro, subcommands, sizeof(subcommands) / sizeof(subcommands[0]), argc,
				 argv);
}
