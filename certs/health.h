/* health.h: the health of every certificate in use, as rows of data — what
 * `ifgw certs check` prints and a running node will report.
 *
 * A row is one certificate (or one key) of someone — the node, a partner,
 * the test CA — with its usage, subject, issuer, pin, validity, days left
 * and a verdict: ok, a warning when it expires within warn_days (30 by
 * default), or a failure (expired, revoked, not yet valid, unreadable, a key
 * that does not open or match, any other refusal of the trust) with its
 * one-line reason.  Nothing here prints; the caller decides what a failure
 * means.  Building rows never disturbs an error the caller had pending: a
 * certificate's failure is kept in its row.  The node configuration's walk
 * (its identity, then each partner) is gateway/node/cert_health.h, above
 * config/. */
#ifndef IFGW_CERTS_HEALTH_H
#define IFGW_CERTS_HEALTH_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "certs/cert.h"

#define IFGW_CERT_HEALTH_WARN_DAYS 30  /* default warning before expiry */
#define IFGW_CERT_HEALTH_MAX_ROWS  512 /* rows past this are dropped (truncated set) */

enum ifgw_cert_health_level {
	IFGW_CERT_HEALTH_OK = 0,
	IFGW_CERT_HEALTH_WARN, /* expires within warn_days */
	IFGW_CERT_HEALTH_FAIL, /* refused: expired, revoked, unreadable ... */
};

struct ifgw_cert_health_row {
	char who[64];                     /* "node FR00001", "DE00123", "ca", "gateway" ... */
	char usage[16];                   /* "signing", "tls", "CA", "key" */
	char subject[IFGW_CERT_NAME_MAX]; /* "-" when the certificate could not be read */
	char issuer[IFGW_CERT_NAME_MAX];  /* "-" likewise */
	char pin[IFGW_CERT_PIN_LEN];      /* base64 SHA-256 of the SPKI; "-" likewise */
	int has_validity;                 /* 1: not_after and days_left are known */
	int64_t not_after;                /* seconds UTC */
	int64_t days_left;                /* rounded down; negative once past */
	enum ifgw_cert_health_level level;
	char status[48];                  /* "ok", "expires in 3 days", "expired", "revoked",
					     "unreadable", "bad key", "bad trust", "bad pin" ... */
	char reason[IFGW_ERROR_MAX];      /* WARN and FAIL: one line */
};

struct ifgw_cert_health {
	struct ifgw_cert_health_row *rows;
	size_t n;
	int truncated;  /* 1: more rows than IFGW_CERT_HEALTH_MAX_ROWS were offered */
	long warn_days; /* a valid certificate with at most this many days left warns */
	int64_t crl_max_age; /* seconds a CRL without nextUpdate stays current (ifgw_trust_set_crl_max_age);
				IFGW_TRUST_CRL_MAX_AGE_DEFAULT unless the caller sets it */
};

/* An empty set; warn_days < 0 means IFGW_CERT_HEALTH_WARN_DAYS. */
int ifgw_cert_health_new(struct ifgw_cert_health **out, long warn_days);
void ifgw_cert_health_free(struct ifgw_cert_health *h);

/* One row per certificate of the PEM file at path, each checked for usage
 * (IFGW_TRUST_* bits; 0 for a CA) against a trust of the certificate itself
 * plus the CA and CRL files (NULL: none) and the pins (npins of them),
 * at ifgw_clock_now().  A file that cannot be read is one failed row. */
void ifgw_cert_health_add_file(struct ifgw_cert_health *h, const char *who, const char *usage_name,
			       unsigned usage, const char *path, const char *ca_path, const char *crl_path,
			       char *const *pins, size_t npins);

/* ifgw_cert_health_add_file() of an identity's certificate, then, when key
 * is given, a "key" row failing when the key does not open or does not
 * match the certificate. */
void ifgw_cert_health_add_identity(struct ifgw_cert_health *h, const char *who, const char *key,
				   const char *cert, const char *ca_path, const char *crl_path,
				   const char *usage_name, unsigned usage);

/* What the first certificate of a PEM file is for, from its extensions:
 * "CA" (usage 0), "tls" (client and server) or "signing" (also when the
 * file cannot be read: its row says why). */
unsigned ifgw_cert_health_usage_of(const char *path, const char **name);

/* A `certs init` directory: the CA, then the gateway, then every partner by
 * name, each identity's tls and signing certificates checked against
 * DIR/ca/ca.crt and DIR/ca/ca.crl.  IFGW_ENOTFOUND when DIR/ca/ca.crt is
 * missing, IFGW_EIO / IFGW_EOVERFLOW naming the directory. */
int ifgw_cert_health_add_pki_dir(struct ifgw_cert_health *h, const char *dir);

/* How many rows are at this level. */
size_t ifgw_cert_health_count(const struct ifgw_cert_health *h, enum ifgw_cert_health_level level);

#endif
