/* health.c: certificate health rows (see health.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "certs/health.h"
#include "certs/identity.h"
#include "certs/pki.h"
#include "certs/trust.h"

#define HEALTH_PATH_MAX 4096

int ifgw_cert_health_new(struct ifgw_cert_health **out, long warn_days)
{
	struct ifgw_cert_health *h;

	IFGW_ASSERT_ARG(out);
	*out = NULL;
	if (!(h = calloc(1, sizeof(*h))) || !(h->rows = calloc(IFGW_CERT_HEALTH_MAX_ROWS, sizeof(*h->rows)))) {
		free(h);
		return ifgw_error_set(IFGW_ENOMEM, "out of memory");
	}
	h->warn_days = warn_days < 0 ? IFGW_CERT_HEALTH_WARN_DAYS : warn_days;
	h->crl_max_age = IFGW_TRUST_CRL_MAX_AGE_DEFAULT;
	*out = h;
	return IFGW_OK;
}

void ifgw_cert_health_free(struct ifgw_cert_health *h)
{
	if (!h)
		return;
	free(h->rows);
	free(h);
}

size_t ifgw_cert_health_count(const struct ifgw_cert_health *h, enum ifgw_cert_health_level level)
{
	size_t i, n = 0;

	for (i = 0; i < h->n; i++)
		n += h->rows[i].level == level;
	return n;
}

/* Days from now to t, rounded down (negative when t is past). */
static int64_t days_until(int64_t t, int64_t now)
{
	int64_t d = t - now;

	return d >= 0 ? d / IFGW_SECONDS_PER_DAY : -((-d + IFGW_SECONDS_PER_DAY - 1) / IFGW_SECONDS_PER_DAY);
}

/* A new row, every column unknown ("-"); NULL when the set is full. */
static struct ifgw_cert_health_row *add_row(struct ifgw_cert_health *h, const char *who, const char *usage)
{
	struct ifgw_cert_health_row *r;

	if (h->n >= IFGW_CERT_HEALTH_MAX_ROWS) {
		h->truncated = 1;
		return NULL;
	}
	r = &h->rows[h->n++];
	memset(r, 0, sizeof(*r));
	snprintf(r->who, sizeof(r->who), "%s", who);
	snprintf(r->usage, sizeof(r->usage), "%s", usage);
	snprintf(r->subject, sizeof(r->subject), "-");
	snprintf(r->issuer, sizeof(r->issuer), "-");
	snprintf(r->pin, sizeof(r->pin), "-");
	return r;
}

/* Move the pending error into the row (r may be NULL: the set is full, the
 * error is dropped with the row). */
static void row_failed(struct ifgw_cert_health_row *r, const char *status)
{
	struct ifgw_error e;
	const char *msg = e.message;
	size_t n;

	ifgw_error_save(&e);
	if (!r)
		return;
	n = strlen(r->who);
	/* The trust names itself "partner WHO: ..."; the row already says who. */
	if (strncmp(msg, "partner ", 8) == 0 && strncmp(msg + 8, r->who, n) == 0 && strncmp(msg + 8 + n, ": ", 2) == 0)
		msg += 8 + n + 2;
	snprintf(r->status, sizeof(r->status), "%s", status);
	snprintf(r->reason, sizeof(r->reason), "%s", msg);
	r->level = IFGW_CERT_HEALTH_FAIL;
}

/* One certificate: its columns, and its verdict under trust t for usage. */
static void check_cert(struct ifgw_cert_health *h, const char *who, const char *usage_name, X509 *cert,
		       const struct ifgw_trust *t, unsigned usage)
{
	struct ifgw_cert_health_row *r = add_row(h, who, usage_name);
	enum ifgw_trust_verdict v = IFGW_TRUST_OK;
	char not_after[IFGW_DATE_STRLEN];
	struct ifgw_error stale;
	int64_t nb, na;

	if (!r)
		return;
	ifgw_cert_subject(r->subject, cert);
	ifgw_cert_name(r->issuer, X509_get_issuer_name(cert));
	if (ifgw_cert_pin(r->pin, cert) != IFGW_OK || ifgw_cert_validity(&nb, &na, cert) != IFGW_OK) {
		row_failed(r, "unreadable");
		return;
	}
	r->has_validity = 1;
	r->not_after = na;
	r->days_left = days_until(na, ifgw_clock_now());
	ifgw_error_save(&stale); /* the verdict's reason, not an earlier one of ours */
	if (ifgw_trust_verify(&v, t, cert, NULL, usage) != IFGW_OK) {
		row_failed(r, ifgw_trust_verdict_name(v));
		return;
	}
	if (r->days_left <= h->warn_days) {
		ifgw_date_format(ifgw_datetime_date(na), not_after);
		snprintf(r->status, sizeof(r->status), "expires in %lld day%s", (long long)r->days_left,
			 r->days_left == 1 ? "" : "s");
		snprintf(r->reason, sizeof(r->reason), "%s: certificate %s expires on %s", who, r->subject, not_after);
		r->level = IFGW_CERT_HEALTH_WARN;
	} else {
		snprintf(r->status, sizeof(r->status), "ok");
	}
}

/* The trust one certificate is checked against: itself, the CA and CRL
 * files, the pins.  *what names the part that failed. */
static int trust_for(struct ifgw_trust **t, const char **what, const struct ifgw_cert_health *h, const char *who,
		     X509 *x, const char *ca_path, const char *crl_path, char *const *pins, size_t npins)
{
	size_t i;
	int rc;

	*what = "bad trust";
	if ((rc = ifgw_trust_new(t, who)) != IFGW_OK ||
	    (rc = ifgw_trust_set_crl_max_age(*t, h->crl_max_age)) != IFGW_OK ||
	    (rc = ifgw_trust_add_cert(*t, x)) != IFGW_OK ||
	    (ca_path && (rc = ifgw_trust_add_ca_file(*t, ca_path)) != IFGW_OK) ||
	    (crl_path && (rc = ifgw_trust_add_crl_file(*t, crl_path)) != IFGW_OK))
		return rc;
	*what = "bad pin";
	for (i = 0; i < npins; i++)
		if ((rc = ifgw_trust_add_pin(*t, pins[i])) != IFGW_OK)
			return rc;
	return IFGW_OK;
}

void ifgw_cert_health_add_file(struct ifgw_cert_health *h, const char *who, const char *usage_name,
			       unsigned usage, const char *path, const char *ca_path, const char *crl_path,
			       char *const *pins, size_t npins)
{
	STACK_OF(X509) *certs = NULL;
	struct ifgw_trust *t = NULL;
	struct ifgw_error kept;
	const char *what;
	int j;

	ifgw_error_save(&kept);
	if (ifgw_cert_read_pem(&certs, path) != IFGW_OK) {
		row_failed(add_row(h, who, usage_name), "unreadable");
		goto out;
	}
	for (j = 0; j < sk_X509_num(certs); j++) {
		X509 *x = sk_X509_value(certs, j);

		ifgw_trust_free(t);
		t = NULL;
		if (trust_for(&t, &what, h, who, x, ca_path, crl_path, pins, npins) != IFGW_OK) {
			row_failed(add_row(h, who, usage_name), what);
			continue;
		}
		check_cert(h, who, usage_name, x, t, usage);
	}
out:
	ifgw_trust_free(t);
	sk_X509_pop_free(certs, X509_free);
	ifgw_error_restore(&kept);
}

unsigned ifgw_cert_health_usage_of(const char *path, const char **name)
{
	STACK_OF(X509) *certs = NULL;
	unsigned usage = IFGW_TRUST_SIGNING;
	struct ifgw_error kept, unread;
	X509 *x;

	*name = "signing";
	ifgw_error_save(&kept);
	if (ifgw_cert_read_pem(&certs, path) != IFGW_OK) {
		ifgw_error_save(&unread); /* the file's row will say why */
		goto out;
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
out:
	ifgw_error_restore(&kept);
	return usage;
}

void ifgw_cert_health_add_identity(struct ifgw_cert_health *h, const char *who, const char *key,
				   const char *cert, const char *ca_path, const char *crl_path,
				   const char *usage_name, unsigned usage)
{
	struct ifgw_identity *id = NULL;
	struct ifgw_error kept;

	ifgw_cert_health_add_file(h, who, usage_name, usage, cert, ca_path, crl_path, NULL, 0);
	ifgw_error_save(&kept);
	if (key && ifgw_identity_load(&id, key, cert) != IFGW_OK)
		row_failed(add_row(h, who, "key"), "bad key");
	ifgw_identity_free(id);
	ifgw_error_restore(&kept);
}

static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int compare_dir_names(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	/* ca, then gateway, then the partners by name. */
	int rx = strcmp(x, IFGW_PKI_CA) == 0 ? 0 : strcmp(x, IFGW_PKI_GATEWAY) == 0 ? 1 : 2;
	int ry = strcmp(y, IFGW_PKI_CA) == 0 ? 0 : strcmp(y, IFGW_PKI_GATEWAY) == 0 ? 1 : 2;

	return rx != ry ? rx - ry : strcmp(x, y);
}

/* The identities of a `certs init` directory: ca, gateway, partners. */
static int dir_names(char **names, size_t max, size_t *n, const char *dir)
{
	char eb[IFGW_STRERROR_SIZE], tls[HEALTH_PATH_MAX], sign[HEALTH_PATH_MAX];
	struct dirent *e;
	DIR *d;
	int rc = IFGW_OK;

	*n = 0;
	if (!(d = opendir(dir)))
		return ifgw_error_set(IFGW_EIO, "%s: cannot open directory: %s", dir,
				      ifgw_strerror(errno, eb, sizeof(eb)));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (strcmp(e->d_name, IFGW_PKI_CA) != 0) {
			snprintf(tls, sizeof(tls), "%s/%s/tls.crt", dir, e->d_name);
			snprintf(sign, sizeof(sign), "%s/%s/sign.crt", dir, e->d_name);
			if (!file_exists(tls) && !file_exists(sign))
				continue;
		}
		if (*n >= max) {
			rc = ifgw_error_set(IFGW_EOVERFLOW, "%s: more than %zu identities", dir, *n);
			break;
		}
		if (!(names[*n] = strdup(e->d_name))) {
			rc = ifgw_error_set(IFGW_ENOMEM, "out of memory");
			break;
		}
		(*n)++;
	}
	closedir(d);
	qsort(names, *n, sizeof(names[0]), compare_dir_names);
	return rc;
}

int ifgw_cert_health_add_pki_dir(struct ifgw_cert_health *h, const char *dir)
{
	char ca[HEALTH_PATH_MAX], crl[HEALTH_PATH_MAX], key[HEALTH_PATH_MAX], crt[HEALTH_PATH_MAX];
	char *names[IFGW_PKI_MAX_PARTNERS + 2];
	const char *crl_path;
	size_t n = 0, i;
	int rc;

	IFGW_ASSERT_ARG(h);
	IFGW_ASSERT_ARG(dir);
	snprintf(ca, sizeof(ca), "%s/%s/ca.crt", dir, IFGW_PKI_CA);
	snprintf(crl, sizeof(crl), "%s/%s/ca.crl", dir, IFGW_PKI_CA);
	if (!file_exists(ca))
		return ifgw_error_set(IFGW_ENOTFOUND, "%s: missing; is %s a 'certs init' directory?", ca, dir);
	crl_path = file_exists(crl) ? crl : NULL;
	if ((rc = dir_names(names, sizeof(names) / sizeof(names[0]), &n, dir)) != IFGW_OK)
		goto out;
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], IFGW_PKI_CA) == 0) {
			ifgw_cert_health_add_file(h, IFGW_PKI_CA, "CA", 0, ca, ca, crl_path, NULL, 0); /* the CA verifies its CRL */
			continue;
		}
		snprintf(key, sizeof(key), "%s/%s/tls.key", dir, names[i]);
		snprintf(crt, sizeof(crt), "%s/%s/tls.crt", dir, names[i]);
		if (file_exists(crt))
			ifgw_cert_health_add_identity(h, names[i], file_exists(key) ? key : NULL, crt, ca, crl_path,
						      "tls", IFGW_TRUST_TLS_CLIENT | IFGW_TRUST_TLS_SERVER);
		snprintf(key, sizeof(key), "%s/%s/sign.key", dir, names[i]);
		snprintf(crt, sizeof(crt), "%s/%s/sign.crt", dir, names[i]);
		if (file_exists(crt))
			ifgw_cert_health_add_identity(h, names[i], file_exists(key) ? key : NULL, crt, ca, crl_path,
						      "signing", IFGW_TRUST_SIGNING);
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	return rc;
}
