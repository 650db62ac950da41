/* cmd_certs.c: ifgw certs init | check | revoke | pin — the test PKI and a
 * table of every certificate in use with its status.
 *
 * `check` reads the node configuration (--config, default ./ifgw.xml: the
 * node's own signing and TLS certificates, and each partner's certificates
 * and CA with the partner's CRL and pins), or a `certs init` layout (--dir).
 * The rows are computed by the library (certs/health.h for a `certs init`
 * directory, gateway/node/cert_health.h for a node); this file prints them.
 * Exit status 1 when anything in use is expired, revoked, not yet valid or
 * otherwise refused; a certificate that expires within --warn-days (30) is a
 * warning on stderr and does not change the exit status. */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "certs/cert.h"
#include "certs/health.h"
#include "certs/identity.h"
#include "certs/pki.h"
#include "certs/trust.h"
#include "cli/cli.h"
#include "config/node_config.h"
#include "gateway/node/cert_health.h"

#define CHECK_MAX_WARN_DAYS 3650

enum { OPT_DIR = 1, OPT_ORG, OPT_PARTNERS, OPT_KEY_TYPE, OPT_DAYS, OPT_CONFIG, OPT_WARN_DAYS, OPT_HELP };

/* ---- init ---- */

static void init_usage(FILE *f)
{
	fprintf(f,
		"usage: ifgw certs init --dir DIR --org NAME [--partners A,B,...] [--key-type ec|rsa2048|rsa3072]\n"
		"                       [--days N]\n\n"
		"Generate a test PKI for the demo and the tests: a root CA with an empty CRL, the\n"
		"gateway's identity and one identity per partner, each with a TLS certificate\n"
		"(serverAuth + clientAuth, localhost and 127.0.0.1) and a signing certificate.\n\n"
		"  DIR/ca/ca.key ca.crt ca.crl\n"
		"  DIR/gateway/tls.key tls.crt sign.key sign.crt\n"
		"  DIR/<partner>/tls.key tls.crt sign.key sign.crt\n\n"
		"Keys are 0600, certificates 0644, sub-directories 0700.  Validity starts an hour\n"
		"before now (--now / IFGW_NOW).  Nothing is ever overwritten: init refuses when\n"
		"DIR/ca or an identity directory exists.\n\n"
		"  --dir DIR        where to write (created if missing)\n"
		"  --org NAME       organisation name in every subject\n"
		"  --partners LIST  comma-separated partner names (letters, digits, '-', '_')\n"
		"  --key-type T     ec (ECDSA P-256, default), rsa2048 or rsa3072\n"
		"  --days N         validity in days (default %d, at most %d)\n",
		IFGW_PKI_DEFAULT_DAYS, IFGW_PKI_MAX_DAYS);
}

static enum ifgw_exit certs_init(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"dir", required_argument, NULL, OPT_DIR},
		{"org", required_argument, NULL, OPT_ORG},
		{"partners", required_argument, NULL, OPT_PARTNERS},
		{"key-type", required_argument, NULL, OPT_KEY_TYPE},
		{"days", required_argument, NULL, OPT_DAYS},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	const char *what = "certs init";
	const char *names[IFGW_PKI_MAX_PARTNERS];
	struct ifgw_pki_init_opts o;
	char *list = NULL, *p, *comma;
	long days;
	enum ifgw_exit ret = IFGW_EXIT_FAIL;
	int opt;

	memset(&o, 0, sizeof(o));
	o.partners = names;
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_DIR:
			o.dir = optarg;
			break;
		case OPT_ORG:
			o.org = optarg;
			break;
		case OPT_PARTNERS:
			free(list);
			list = strdup(optarg);
			if (!list) {
				ifgw_error_set(IFGW_ENOMEM, "out of memory");
				goto fail;
			}
			break;
		case OPT_KEY_TYPE:
			if (ifgw_pki_key_type_parse(&o.key_type, optarg) != IFGW_OK)
				goto fail;
			break;
		case OPT_DAYS:
			if (ifgw_cli_parse_long(&days, optarg, 1, IFGW_PKI_MAX_DAYS) != 0) {
				ret = ifgw_cli_usage_error(what, "--days '%s' is not a number of days in 1..%d", optarg,
							   IFGW_PKI_MAX_DAYS);
				goto out;
			}
			o.days = (unsigned)days;
			break;
		case OPT_HELP:
			init_usage(stdout);
			ret = IFGW_EXIT_OK;
			goto out;
		default:
			ret = ifgw_cli_bad_option(what, argv, OPT_HELP);
			goto out;
		}
	}
	if (optind != argc) {
		ret = ifgw_cli_usage_error(what, "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	/* "DE,US,JP" -> names; an empty item is an error the PKI reports. */
	for (p = list; p; p = comma ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (o.partner_count >= IFGW_PKI_MAX_PARTNERS) {
			ret = ifgw_cli_usage_error(what, "--partners: more than %d", IFGW_PKI_MAX_PARTNERS);
			goto out;
		}
		names[o.partner_count++] = p;
	}
	if (ifgw_pki_init(&o) != IFGW_OK)
		goto fail;
	printf("%s: test PKI for %s with %zu partner%s (%s keys)\n", o.dir, o.org, o.partner_count,
	       o.partner_count == 1 ? "" : "s", ifgw_pki_key_type_name(o.key_type));
	ret = IFGW_EXIT_OK;
	goto out;
fail:
	ret = ifgw_cli_fail(what);
out:
	free(list);
	return ret;
}

/* ---- check: the rows are the library's (certs/health.h, gateway/node/cert_health.h); printed here ---- */

#define TABLE_COLUMNS 8

static void print_line(FILE *f, const size_t *w, const char *const *cells)
{
	size_t k;

	for (k = 0; k + 1 < TABLE_COLUMNS; k++)
		fprintf(f, "%-*s  ", (int)w[k], cells[k]);
	fprintf(f, "%s\n", cells[TABLE_COLUMNS - 1]);
}

/* The date and days columns of a row ("-" when unknown). */
struct row_text {
	char not_after[IFGW_DATE_STRLEN];
	char days[24];
};

static void row_cells(const char **cells, struct row_text *txt, const struct ifgw_cert_health_row *r)
{
	snprintf(txt->not_after, sizeof(txt->not_after), "-");
	snprintf(txt->days, sizeof(txt->days), "-");
	if (r->has_validity) {
		ifgw_date_format(ifgw_datetime_date(r->not_after), txt->not_after);
		snprintf(txt->days, sizeof(txt->days), "%lld", (long long)r->days_left);
	}
	cells[0] = r->who;
	cells[1] = r->usage;
	cells[2] = r->subject;
	cells[3] = r->issuer;
	cells[4] = txt->not_after;
	cells[5] = txt->days;
	cells[6] = r->pin;
	cells[7] = r->status;
}

static void print_table(const struct ifgw_cert_health *tb, FILE *f)
{
	struct row_text txt;
	static const char *const heads[TABLE_COLUMNS] = {"WHO",  "USAGE", "SUBJECT", "ISSUER", "NOT-AFTER",
							 "DAYS", "PIN (SHA-256 SPKI)", "STATUS"};
	const char *cells[TABLE_COLUMNS];
	size_t w[TABLE_COLUMNS], i, k;

	for (k = 0; k < TABLE_COLUMNS; k++)
		w[k] = strlen(heads[k]);
	for (i = 0; i < tb->n; i++) {
		row_cells(cells, &txt, &tb->rows[i]);
		for (k = 0; k < TABLE_COLUMNS; k++)
			if (strlen(cells[k]) > w[k])
				w[k] = strlen(cells[k]);
	}
	print_line(f, w, heads);
	for (i = 0; i < tb->n; i++) {
		row_cells(cells, &txt, &tb->rows[i]);
		print_line(f, w, cells);
	}
}

static void check_usage_text(FILE *f)
{
	fprintf(f,
		"usage: ifgw certs check [--config FILE | --dir DIR] [--warn-days N]\n\n"
		"A table of every certificate in use: who uses it, usage, subject, issuer,\n"
		"not-after, days left, pin (base64 SHA-256 of the public key, as in <Pin> and\n"
		"curl's sha256//) and status: ok, expires in N days (a warning within --warn-days),\n"
		"expired, revoked, not yet valid, or another refusal with its reason on stderr.\n"
		"Exit status 1 when anything in use is refused.  The time is --now / IFGW_NOW.\n\n"
		"  --config FILE   node configuration (default %s): the node's signing and TLS\n"
		"                  identities (keys opened and matched too) and every partner's\n"
		"                  certificates and CA, with the partner's CRL and pins\n"
		"  --dir DIR       a 'certs init' directory instead: the CA, then every identity,\n"
		"                  checked against DIR/ca/ca.crt and DIR/ca/ca.crl\n"
		"  --warn-days N   warn this many days before expiry (default %d)\n",
		IFGW_CLI_DEFAULT_CONFIG, IFGW_CERT_HEALTH_WARN_DAYS);
}

static enum ifgw_exit certs_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, OPT_CONFIG},
		{"dir", required_argument, NULL, OPT_DIR},
		{"warn-days", required_argument, NULL, OPT_WARN_DAYS},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	const char *what = "certs check";
	const char *config = NULL, *dir = NULL;
	struct ifgw_cert_health *tb = NULL;
	struct ifgw_config *cfg = NULL;
	size_t i, failed = 0;
	long warn = IFGW_CERT_HEALTH_WARN_DAYS;
	enum ifgw_exit ret = IFGW_EXIT_FAIL;
	int opt, rc;

	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_DIR:
			dir = optarg;
			break;
		case OPT_WARN_DAYS:
			if (ifgw_cli_parse_long(&warn, optarg, 0, CHECK_MAX_WARN_DAYS) != 0)
				return ifgw_cli_usage_error(what, "--warn-days '%s' is not a number of days in 0..%d",
							    optarg, CHECK_MAX_WARN_DAYS);
			break;
		case OPT_HELP:
			check_usage_text(stdout);
			return IFGW_EXIT_OK;
		default:
			return ifgw_cli_bad_option(what, argv, OPT_HELP);
		}
	}
	if (optind != argc)
		return ifgw_cli_usage_error(what, "unexpected argument '%s'", argv[optind]);
	if (config && dir)
		return ifgw_cli_usage_error(what, "give --config or --dir, not both");
	if (ifgw_cert_health_new(&tb, warn) != IFGW_OK)
		return ifgw_cli_fail(what);
	if (dir)
		rc = ifgw_cert_health_add_pki_dir(tb, dir);
	else if ((rc = ifgw_config_load(&cfg, config ? config : IFGW_CLI_DEFAULT_CONFIG)) == IFGW_OK)
		rc = ifgw_node_cert_health(tb, cfg);
	if (rc != IFGW_OK) {
		ret = ifgw_cli_fail(what);
		goto out;
	}
	print_table(tb, stdout);
	fflush(stdout);
	for (i = 0; i < tb->n; i++) {
		if (tb->rows[i].level == IFGW_CERT_HEALTH_WARN)
			fprintf(stderr, "ifgw %s: warning: %s\n", what, tb->rows[i].reason);
		if (tb->rows[i].level == IFGW_CERT_HEALTH_FAIL) {
			fprintf(stderr, "ifgw %s: %s: %s\n", what, tb->rows[i].who, tb->rows[i].reason);
			failed++;
		}
	}
	if (tb->n >= IFGW_CERT_HEALTH_MAX_ROWS)
		fprintf(stderr, "ifgw %s: warning: only the first %d certificates are shown\n", what,
			IFGW_CERT_HEALTH_MAX_ROWS);
	ret = failed ? IFGW_EXIT_FAIL : IFGW_EXIT_OK;
out:
	ifgw_cert_health_free(tb);
	ifgw_config_free(cfg);
	return ret;
}

/* ---- revoke, pin ---- */

static int read_one_cert(X509 **out, const char *path)
{
	STACK_OF(X509) *sk = NULL;
	int rc;

	*out = NULL;
	if ((rc = ifgw_cert_read_pem(&sk, path)) != IFGW_OK)
		return rc;
	*out = sk_X509_shift(sk); /* the first certificate: the leaf */
	sk_X509_pop_free(sk, X509_free);
	return IFGW_OK;
}

static enum ifgw_exit certs_revoke(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"dir", required_argument, NULL, OPT_DIR},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	const char *what = "certs revoke";
	const char *dir = NULL;
	char subject[IFGW_CERT_NAME_MAX];
	X509 *cert = NULL;
	int opt, ret;

	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_DIR:
			dir = optarg;
			break;
		case OPT_HELP:
			printf("usage: ifgw certs revoke --dir DIR CERT\n\n"
			       "Add CERT (a certificate issued by DIR's CA) to DIR/ca/ca.crl, re-signed by\n"
			       "DIR/ca/ca.key, keeping the entries already there; for testing revocation.\n");
			return IFGW_EXIT_OK;
		default:
			return ifgw_cli_bad_option(what, argv, OPT_HELP);
		}
	}
	if (!dir)
		return ifgw_cli_usage_error(what, "--dir is required");
	if (argc - optind != 1)
		return ifgw_cli_usage_error(what, "expected one CERT file");
	if (read_one_cert(&cert, argv[optind]) != IFGW_OK || ifgw_pki_revoke(dir, cert) != IFGW_OK) {
		ret = ifgw_cli_fail(what);
		goto out;
	}
	ifgw_cert_subject(subject, cert);
	printf("revoked %s in %s/%s/ca.crl\n", subject, dir, IFGW_PKI_CA);
	ret = IFGW_EXIT_OK;
out:
	X509_free(cert);
	return ret;
}

static enum ifgw_exit certs_pin(int argc, char **argv)
{
	char pin[IFGW_CERT_PIN_LEN];
	X509 *cert = NULL;
	enum ifgw_exit ret = IFGW_EXIT_OK;
	int i;

	if (argc < 2)
		return ifgw_cli_usage_error("certs pin", "expected one or more CERT files");
	if (strcmp(argv[1], "--help") == 0) {
		printf("usage: ifgw certs pin CERT...\n\n"
		       "Print the pin of each certificate's public key: base64 SHA-256 of the\n"
		       "SubjectPublicKeyInfo, for <Pin> in the configuration and curl's sha256//.\n");
		return IFGW_EXIT_OK;
	}
	for (i = 1; i < argc; i++) {
		if (read_one_cert(&cert, argv[i]) != IFGW_OK || ifgw_cert_pin(pin, cert) != IFGW_OK) {
			ret = ifgw_cli_fail("certs pin");
		} else {
			printf("%s  %s\n", pin, argv[i]);
		}
		X509_free(cert);
		cert = NULL;
	}
	return ret;
}

static const struct ifgw_cli_subcommand subcommands[] = {
	{"init", certs_init, "generate a test PKI: CA, gateway and partner identities"},
	{"check", certs_check, "table of every certificate in use with its status"},
	{"revoke", certs_revoke, "add a certificate to a test PKI's CRL"},
	{"pin", certs_pin, "print the SHA-256 pin of certificates"},
};

enum ifgw_exit ifgw_cmd_certs(int argc, char **argv)
{
	static const char intro[] = "Identities, partner trust and the test PKI.";

	return ifgw_cli_dispatch("certs", intro, subcommands, sizeof(subcommands) / sizeof(subcommands[0]), argc, argv);
}
