/* certs_fixture.h: what the certs/ tests share: a frozen clock, temporary
 * directories, and small PKIs made in memory with certs/pki.h (EC keys:
 * milliseconds each). */
#ifndef IFGW_CERTS_FIXTURE_H
#define IFGW_CERTS_FIXTURE_H

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "base/clock.h"
#include "base/date.h"
#include "certs/pki.h"
#include "testutil.h"

#define FIX_DAY 86400

/* 2026-03-01T12:00:00Z: every certs test runs at this time unless it moves. */
static inline int64_t fix_t0(void)
{
	int64_t t = 0;

	ck_assert_ok(ifgw_datetime_parse(&t, "2026-03-01T12:00:00Z"));
	return t;
}

static inline void fix_clock(void)
{
	ifgw_clock_set(fix_t0());
}

/* A fresh directory under $TMPDIR; removed by fix_rmdir. */
static inline char *fix_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *path = malloc(4096);

	ck_assert_ptr_nonnull(path);
	snprintf(path, 4096, "%s/ifgw-certs-XXXXXX", base && *base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(path));
	return path;
}

static inline int fix_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void fix_rmdir(char *path)
{
	if (path)
		nftw(path, fix_rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(path);
}

/* "%s/%s" into a static buffer (one at a time per slot). */
static inline const char *fix_path(int slot, const char *dir, const char *name)
{
	static char paths[8][4096];
	int n = snprintf(paths[slot & 7], sizeof(paths[0]), "%s/%s", dir, name);

	ck_assert(n > 0 && (size_t)n < sizeof(paths[0]));
	return paths[slot & 7];
}

static inline EVP_PKEY *fix_key(enum ifgw_pki_key_type type)
{
	EVP_PKEY *k = NULL;

	ck_assert_ok(ifgw_pki_key_new(&k, type));
	return k;
}

/* A certificate for key, valid [t0 + from, t0 + to] (seconds); issuer NULL
 * makes it self-signed. */
static inline X509 *fix_cert(EVP_PKEY *key, enum ifgw_pki_profile profile, const char *cn, int64_t from,
			     int64_t to, X509 *issuer, EVP_PKEY *issuer_key)
{
	struct ifgw_pki_subject s = {cn, "Test Org", NULL, NULL};
	X509 *x = NULL;
	int64_t t0 = fix_t0();

	ck_assert_ok(ifgw_pki_cert_new(&x, key, profile, &s, t0 + from,
				       t0 + to, issuer, issuer ? issuer_key : key));
	return x;
}

#endif
