/* cmd_certs.c: ifgw certs init | check | revoke | pin — the test PKI and a
 * table of every certificate in use with its status.
 *
 * `check` reads the node configuration (--config, default ./ifgw.xml: the
 * node's own signing and TLS certificates, and each partner's certificates
 * and CA with the partner's CRL and pins), or a `certs init` layout (--dir).
 * Exit status 1 when anything in use is expired, revoked, not yet valid or
 * otherwise refused; a certificate that expires within --warn-days (30) is a
 * warning on stderr and does not change the exit status. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "certs/cert.h"
#include "certs/identity.h"
#include "certs/pki.h"
#include "certs/trust.h"
#include "cli/cli.h"
#include "config/node_config.h"

#define CHECK_MAX_ROWS 512
#define CHECK_WARN_DAYS 30
#define CHECK_MAX_WARN_DAYS 3650
#define PATH_MAX_LEN 4096

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

/* ---- check ---- */

enum severity { SEV_OK = 0, SEV_WARN, SEV_FAIL };

struct row {
	char who[64];
	char usage[16];
	char subject[IFGW_CERT_NAME_MAX];
	char issuer[IFGW_CERT_NAME_MAX];
	char not_after[IFGW_DATE_STRLEN];
	char days[24];
	char pin[IFGW_CERT_PIN_LEN];
	char status[48];
	char reason[IFGW_ERROR_MAX];
	enum severity sev;
};

struct table {
	struct row rows[CHECK_MAX_ROWS];
	size_t n;
	long warn_days;
};

/* Days from now to t, rounded down (negative when t is past). */
static int64_t days_until(int64_t t, int64_t now)
{
	int64_t d = t - now;

	return d >= 0 ? d / IFGW_SECONDS_PER_DAY : -((-d + IFGW_SECONDS_PER_DAY - 1) / IFGW_SECONDS_PER_DAY);
}

/* A row for a certificate that could not even be read. */
static struct row *add_row(struct table *tb, const char *who, const char *usage)
{
	struct row *r;

	if (tb->n >= CHECK_MAX_ROWS)
		return NULL;
	r = &tb->rows[tb->n++];
	memset(r, 0, sizeof(*r));
	snprintf(r->who, sizeof(r->who), "%s", who);
	snprintf(r->usage, sizeof(r->usage), "%s", usage);
	snprintf(r->subject, sizeof(r->subject), "-");
	snprintf(r->issuer, sizeof(r->issuer), "-");
	snprintf(r->not_after, sizeof(r->not_after), "-");
	snprintf(r->days, sizeof(r->days), "-");
	snprintf(r->pin, sizeof(r->pin), "-");
	return r;
}

static void row_failed(struct row *r, const char *status)
{
	const char *msg = ifgw_error_last();
	size_t n = strlen(r->who);

	/* The trust names itself "partner WHO: ..."; the row already says who. */
	if (strncmp(msg, "partner ", 8) == 0 && strncmp(msg + 8, r->who, n) == 0 && strncmp(msg + 8 + n, ": ", 2) == 0)
		msg += 8 + n + 2;
	snprintf(r->status, sizeof(r->status), "%s", status);
	snprintf(r->reason, sizeof(r->reason), "%s", msg);
	ifgw_error_clear();
	r->sev = SEV_FAIL;
}

/* One certificate: its columns, and its status under trust t for usage. */
static void check_cert(struct table *tb, const char *who, const char *usage_name, X509 *cert,
		       const struct ifgw_trust *t, unsigned usage)
{
	struct row *r = add_row(tb, who, usage_name);
	enum ifgw_trust_verdict v = IFGW_TRUST_OK;
	int64_t nb, na, left, now = ifgw_clock_now();

	if (!r)
		return;
	ifgw_cert_subject(r->subject, cert);
	ifgw_cert_name(r->issuer, X509_get_issuer_name(cert));
	if (ifgw_cert_pin(r->pin, cert) != IFGW_OK || ifgw_cert_validity(&nb, &na, cert) != IFGW_OK) {
		row_failed(r, "unreadable");
		return;
	}
	ifgw_date_format(ifgw_datetime_date(na), r->not_after);
	left = days_until(na, now);
	snprintf(r->days, sizeof(r->days), "%lld", (long long)left);
	ifgw_error_clear();
	if (ifgw_trust_verify(&v, t, cert, NULL, usage) != IFGW_OK) {
		row_failed(r, ifgw_trust_verdict_name(v));
		return;
	}
	if (left <= tb->warn_days) {
		snprintf(r->status, sizeof(r->status), "expires in %lld day%s", (long long)left, left == 1 ? "" : "s");
		snprintf(r->reason, sizeof(r->reason), "%s: certificate %s expires on %s", who, r->subject,
			 r->not_after);
		r->sev = SEV_WARN;
	} else {
		snprintf(r->status, sizeof(r->status), "ok");
	}
}

/* Every certificate of a PEM file, checked against a trust made of the
 * certificate itself plus the given CA and CRL files (NULL when none), and
 * the pins (n of them). */
static void check_file(struct table *tb, const char *who, const char *usage_name, unsigned usage, const char *path,
		       const char *ca_path, const char *crl_path, char *const *pins, size_t npins)
{
	STACK_OF(X509) *certs = NULL;
	struct ifgw_trust *t = NULL;
	struct row *r;
	size_t i;
	int j;

	if (ifgw_cert_read_pem(&certs, path) != IFGW_OK) {
		if ((r = add_row(tb, who, usage_name)) != NULL)
			row_failed(r, "unreadable");
		ifgw_error_clear();
		return;
	}
	for (j = 0; j < sk_X509_num(certs); j++) {
		X509 *x = sk_X509_value(certs, j);

		ifgw_trust_free(t);
		t = NULL;
		if (ifgw_trust_new(&t, who) != IFGW_OK || ifgw_trust_add_cert(t, x) != IFGW_OK ||
		    (ca_path && ifgw_trust_add_ca_file(t, ca_path) != IFGW_OK) ||
		    (crl_path && ifgw_trust_add_crl_file(t, crl_path) != IFGW_OK)) {
			if ((r = add_row(tb, who, usage_name)) != NULL)
				row_failed(r, "bad trust");
			continue;
		}
		for (i = 0; i < npins; i++)
			if (ifgw_trust_add_pin(t, pins[i]) != IFGW_OK)
				break;
		if (i < npins) {
			if ((r = add_row(tb, who, usage_name)) != NULL)
				row_failed(r, "bad pin");
			continue;
		}
		check_cert(tb, who, usage_name, x, t, usage);
	}
	ifgw_trust_free(t);
	sk_X509_pop_free(certs, X509_free);
}

/* What a certificate is for, from its extensions: a CA, TLS or signing. */
static unsigned usage_of(const char *path, const char **name)
{
	STACK_OF(X509) *certs = NULL;
	unsigned usage = IFGW_TRUST_SIGNING;
	X509 *x;

	*name = "signing";
	if (ifgw_cert_read_pem(&certs, path) != IFGW_OK) {
		ifgw_error_clear();
		return usage;
	}
	x = sk_X509_value(certs, 0);
	if (X509_get_extension_flags(x) & EXFLAG_CA) {
		*name = "CA";
		usage = 0;
	} else if ((X509_get_extension_flags(x) & EXFLAG_XKUSAGE) &&
		   (X509_get_extended_key_usage(x) & (XKU_SSL_SERVER | XKU_SSL_CLIENT))) {
		*name = "tls";
		usage = IFGW_TRUST_TLS_CLIENT | IFGW_TRUST_TLS_SERVER;
	}
	sk_X509_pop_free(certs, X509_free);
	return usage;
}

static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Load the identity too: a readable key or a key that does not match is a
 * failure of the row. */
static void check_identity(struct table *tb, const char *who, const char *key, const char *cert,
			   const char *ca_path, const char *crl_path, const char *usage_name, unsigned usage)
{
	struct ifgw_identity *id = NULL;
	struct row *r;

	check_file(tb, who, usage_name, usage, cert, ca_path, crl_path, NULL, 0);
	if (key && ifgw_identity_load(&id, key, cert) != IFGW_OK) {
		if ((r = add_row(tb, who, "key")) != NULL)
			row_failed(r, "bad key");
		ifgw_error_clear();
	}
	ifgw_identity_free(id);
}

static int compare_dir_names(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	/* ca, then gateway, then the partners by name. */
	int rx = strcmp(x, IFGW_PKI_CA) == 0 ? 0 : strcmp(x, IFGW_PKI_GATEWAY) == 0 ? 1 : 2;
	int ry = strcmp(y, IFGW_PKI_CA) == 0 ? 0 : strcmp(y, IFGW_PKI_GATEWAY) == 0 ? 1 : 2;

	return rx != ry ? rx - ry : strcmp(x, y);
}

static int check_dir(struct table *tb, const char *dir)
{
	char eb[IFGW_STRERROR_SIZE];
	char ca[PATH_MAX_LEN], crl[PATH_MAX_LEN], key[PATH_MAX_LEN], crt[PATH_MAX_LEN];
	char *names[IFGW_PKI_MAX_PARTNERS + 2];
	const char *crl_path;
	struct dirent *e;
	size_t n = 0, i;
	DIR *d;
	int rc = IFGW_OK;

	snprintf(ca, sizeof(ca), "%s/%s/ca.crt", dir, IFGW_PKI_CA);
	snprintf(crl, sizeof(crl), "%s/%s/ca.crl", dir, IFGW_PKI_CA);
	if (!file_exists(ca))
		return ifgw_error_set(IFGW_ENOTFOUND, "%s: missing; is %s a 'certs init' directory?", ca, dir);
	crl_path = file_exists(crl) ? crl : NULL;
	if (!(d = opendir(dir)))
		return ifgw_error_set(IFGW_EIO, "%s: cannot open directory: %s", dir, ifgw_strerror(errno, eb, sizeof(eb)));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (strcmp(e->d_name, IFGW_PKI_CA) != 0) {
			snprintf(key, sizeof(key), "%s/%s/tls.crt", dir, e->d_name);
			snprintf(crt, sizeof(crt), "%s/%s/sign.crt", dir, e->d_name);
			if (!file_exists(key) && !file_exists(crt))
				continue;
		}
		if (n >= sizeof(names) / sizeof(names[0])) {
			rc = ifgw_error_set(IFGW_EOVERFLOW, "%s: more than %zu identities", dir, n);
			goto out;
		}
		if (!(names[n] = strdup(e->d_name))) {
			rc = ifgw_error_set(IFGW_ENOMEM, "out of memory");
			goto out;
		}
		n++;
	}
	qsort(names, n, sizeof(names[0]), compare_dir_names);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], IFGW_PKI_CA) == 0) {
			check_file(tb, IFGW_PKI_CA, "CA", 0, ca, NULL, crl_path, NULL, 0);
			continue;
		}
		snprintf(key, sizeof(key), "%s/%s/tls.key", dir, names[i]);
		snprintf(crt, sizeof(crt), "%s/%s/tls.crt", dir, names[i]);
		if (file_exists(crt))
			check_identity(tb, names[i], file_exists(key) ? key : NULL, crt, ca, crl_path, "tls",
				       IFGW_TRUST_TLS_CLIENT | IFGW_TRUST_TLS_SERVER);
		snprintf(key, sizeof(key), "%s/%s/sign.key", dir, names[i]);
		snprintf(crt, sizeof(crt), "%s/%s/sign.crt", dir, names[i]);
		if (file_exists(crt))
			check_identity(tb, names[i], file_exists(key) ? key : NULL, crt, ca, crl_path, "signing",
				       IFGW_TRUST_SIGNING);
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	closedir(d);
	return rc;
}

static int check_config(struct table *tb, const char *path)
{
	struct ifgw_config *cfg = NULL;
	const struct ifgw_config_partner *p;
	const char *usage_name;
	unsigned usage;
	char who[64];
	size_t i, j;
	int rc;

	if ((rc = ifgw_config_load(&cfg, path)) != IFGW_OK)
		return rc;
	snprintf(who, sizeof(who), "node %s", cfg->code);
	/* The node's own certificates: their dates, and that the key opens and matches. */
	if (cfg->sign_cert)
		check_identity(tb, who, cfg->sign_key, cfg->sign_cert, NULL, NULL, "signing", IFGW_TRUST_SIGNING);
	if (cfg->tls_cert)
		check_identity(tb, who, cfg->tls_key, cfg->tls_cert, NULL, NULL, "tls",
			       IFGW_TRUST_TLS_CLIENT | IFGW_TRUST_TLS_SERVER);
	for (i = 0; i < cfg->partner_count; i++) {
		p = &cfg->partners[i];
		snprintf(who, sizeof(who), "%s", p->code);
		if (p->trust_ca)
			check_file(tb, who, "CA", 0, p->trust_ca, NULL, p->trust_crl, NULL, 0);
		for (j = 0; j < p->trust_cert_count; j++) {
			usage = usage_of(p->trust_certs[j], &usage_name);
			check_file(tb, who, usage_name, usage, p->trust_certs[j], p->trust_ca, p->trust_crl, p->pins,
				   p->pin_count);
		}
	}
	ifgw_config_free(cfg);
	return IFGW_OK;
}

#define TABLE_COLUMNS 8

static void print_line(FILE *f, const size_t *w, const char *const *cells)
{
	size_t k;

	for (k = 0; k + 1 < TABLE_COLUMNS; k++)
		fprintf(f, "%-*s  ", (int)w[k], cells[k]);
	fprintf(f, "%s\n", cells[TABLE_COLUMNS - 1]);
}

static void row_cells(const char **cells, const struct row *r)
{
	cells[0] = r->who;
	cells[1] = r->usage;
	cells[2] = r->subject;
	cells[3] = r->issuer;
	cells[4] = r->not_after;
	cells[5] = r->days;
	cells[6] = r->pin;
	cells[7] = r->status;
}

static void print_table(const struct table *tb, FILE *f)
{
	static const char *const heads[TABLE_COLUMNS] = {"WHO",  "USAGE", "SUBJECT", "ISSUER", "NOT-AFTER",
							 "DAYS", "PIN (SHA-256 SPKI)", "STATUS"};
	const char *cells[TABLE_COLUMNS];
	size_t w[TABLE_COLUMNS], i, k;

	for (k = 0; k < TABLE_COLUMNS; k++)
		w[k] = strlen(heads[k]);
	for (i = 0; i < tb->n; i++) {
		row_cells(cells, &tb->rows[i]);
		for (k = 0; k < TABLE_COLUMNS; k++)
			if (strlen(cells[k]) > w[k])
				w[k] = strlen(cells[k]);
	}
	print_line(f, w, heads);
	for (i = 0; i < tb->n; i++) {
		row_cells(cells, &tb->rows[i]);
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
		IFGW_CLI_DEFAULT_CONFIG, CHECK_WARN_DAYS);
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
	struct table *tb = NULL;
	size_t i, failed = 0;
	long warn = CHECK_WARN_DAYS;
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
	if (!(tb = calloc(1, sizeof(*tb)))) {
		ifgw_error_set(IFGW_ENOMEM, "out of memory");
		return ifgw_cli_fail(what);
	}
	tb->warn_days = warn;
	rc = dir ? check_dir(tb, dir) : check_config(tb, config ? config : IFGW_CLI_DEFAULT_CONFIG);
	if (rc != IFGW_OK) {
		ret = ifgw_cli_fail(what);
		goto out;
	}
	print_table(tb, stdout);
	fflush(stdout);
	for (i = 0; i < tb->n; i++) {
		if (tb->rows[i].sev == SEV_WARN)
			fprintf(stderr, "ifgw %s: warning: %s\n", what, tb->rows[i].reason);
		if (tb->rows[i].sev == SEV_FAIL) {
			fprintf(stderr, "ifgw %s: %s: %s\n", what, tb->rows[i].who, tb->rows[i].reason);
			failed++;
		}
	}
	if (tb->n >= CHECK_MAX_ROWS)
		fprintf(stderr, "ifgw %s: warning: only the first %d certificates are shown\n", what, CHECK_MAX_ROWS);
	ret = failed ? IFGW_EXIT_FAIL : IFGW_EXIT_OK;
out:
	free(tb);
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
