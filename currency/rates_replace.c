/* rates_replace.c: validate a rates file's new bytes, then replace the
 * local copy atomically (see rates_replace.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "currency/rates.h"
#include "currency/rates_replace.h"

void ifgw_rates_replace_kept(char *out, size_t size, const char *path)
{
	struct stat st;
	int have_local = stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;

	snprintf(out, size, have_local ? "%s unchanged" : "%s not written", path);
}

/* The local copy's mtime becomes the origin's Last-Modified. */
static int set_mtime(const char *path, int64_t t)
{
	char eb[IFGW_STRERROR_SIZE];
	struct timespec ts[2];

	ts[0].tv_sec = 0;
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = (time_t)t;
	ts[1].tv_nsec = 0;
	if (utimensat(AT_FDCWD, path, ts, 0) != 0)
		return ifgw_error_set(IFGW_EIO, "%s: cannot set modification time: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
	return IFGW_OK;
}

/* Add the currencies of one publication to cols (no duplicates). */
static int add_columns(const struct ifgw_currency **cols, size_t *ncols, const struct ifgw_rate_entry *e, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < *ncols && cols[j] != e[i].ccy; j++)
			;
		if (j < *ncols)
			continue;
		if (*ncols == IFGW_RATESET_MAX_CURRENCIES)
			return ifgw_error_set(IFGW_EOVERFLOW, "rates merge: more than %d currencies",
					      IFGW_RATESET_MAX_CURRENCIES);
		cols[(*ncols)++] = e[i].ccy;
	}
	return IFGW_OK;
}

/* Every currency either set publishes, in order of first appearance. */
static int collect_columns(const struct ifgw_currency **cols, size_t *ncols, struct ifgw_rate_entry *e,
			   const struct ifgw_rateset *a, const struct ifgw_rateset *b)
{
	const struct ifgw_rateset *sets[2] = { a, b };
	size_t k, i, n;
	int rc = IFGW_OK;

	for (k = 0; k < 2 && rc == IFGW_OK; k++)
		for (i = 0; i < ifgw_rateset_date_count(sets[k]) && rc == IFGW_OK; i++)
			if ((rc = ifgw_rateset_list(e, IFGW_RATESET_MAX_CURRENCIES, &n, NULL, sets[k],
						    ifgw_rateset_date_at(sets[k], i), IFGW_RATES_MAX_AGE_NONE)) == IFGW_OK)
				rc = add_columns(cols, ncols, e, n);
	return rc;
}

/* One CSV row: the publication of `date` in rs. */
static int write_row(struct ifgw_buf *out, const struct ifgw_rateset *rs, int32_t date,
		     const struct ifgw_currency *const *cols, size_t ncols, struct ifgw_rate_entry *e)
{
	char d[IFGW_DATE_STRLEN], r[IFGW_RATE_STRLEN];
	size_t i, j, n;
	int rc;

	if ((rc = ifgw_rateset_list(e, IFGW_RATESET_MAX_CURRENCIES, &n, NULL, rs, date, IFGW_RATES_MAX_AGE_NONE)) !=
	    IFGW_OK)
		return rc;
	ifgw_date_format(date, d);
	if ((rc = ifgw_buf_addstr(out, d)) != IFGW_OK)
		return rc;
	for (j = 0; j < ncols && rc == IFGW_OK; j++) {
		for (i = 0; i < n && e[i].ccy != cols[j]; i++)
			;
		if (i < n)
			ifgw_rate_format(r, &e[i].per_eur);
		rc = ifgw_buf_addf(out, ",%s", i < n ? r : "N/A");
	}
	return rc == IFGW_OK ? ifgw_buf_addstr(out, ",\n") : rc;
}

/* 1 when every date of held is also a date of fresh. */
static int covers(const struct ifgw_rateset *fresh, const struct ifgw_rateset *held)
{
	size_t i, j = 0, nf = ifgw_rateset_date_count(fresh);

	for (i = 0; i < ifgw_rateset_date_count(held); i++) {
		int32_t d = ifgw_rateset_date_at(held, i);

		while (j < nf && ifgw_rateset_date_at(fresh, j) < d)
			j++;
		if (j == nf || ifgw_rateset_date_at(fresh, j) != d)
			return 0;
	}
	return 1;
}

/* held and fresh as one ECB history CSV, newest first; fresh wins a date both have. */
static int merge_csv(struct ifgw_buf *out, const struct ifgw_rateset *held, const struct ifgw_rateset *fresh)
{
	const struct ifgw_currency *cols[IFGW_RATESET_MAX_CURRENCIES];
	struct ifgw_rate_entry *e = calloc(IFGW_RATESET_MAX_CURRENCIES, sizeof(*e));
	size_t ncols = 0, j, ih = ifgw_rateset_date_count(held), ifr = ifgw_rateset_date_count(fresh);
	int rc;

	if (!e)
		return ifgw_error_set(IFGW_ENOMEM, "rates merge: out of memory");
	if ((rc = collect_columns(cols, &ncols, e, fresh, held)) != IFGW_OK)
		goto out;
	rc = ifgw_buf_addstr(out, "Date");
	for (j = 0; j < ncols && rc == IFGW_OK; j++)
		rc = ifgw_buf_addf(out, ",%s", cols[j]->code);
	if (rc == IFGW_OK)
		rc = ifgw_buf_addstr(out, ",\n");
	while (rc == IFGW_OK && (ih > 0 || ifr > 0)) {
		int32_t dh = ih > 0 ? ifgw_rateset_date_at(held, ih - 1) : INT32_MIN;
		int32_t df = ifr > 0 ? ifgw_rateset_date_at(fresh, ifr - 1) : INT32_MIN;

		if (df >= dh) {
			rc = write_row(out, fresh, df, cols, ncols, e);
			ifr--;
			if (dh == df)
				ih--;
		} else {
			rc = write_row(out, held, dh, cols, ncols, e);
			ih--;
		}
	}
out:
	free(e);
	return rc;
}

static int replace(const char *path, int merge, const char *held, const void *data, size_t len, const char *origin,
		   int64_t last_modified, struct ifgw_rates_replaced *res)
{
	struct ifgw_rateset *fresh = NULL, *old = NULL, *merged = NULL;
	struct ifgw_rates_replaced r;
	struct ifgw_buf text;
	struct stat st;
	char kept[IFGW_ERROR_MAX];
	const struct ifgw_rateset *written;
	int rc;

	IFGW_ASSERT_ARG(path && origin && (data || !len));
	memset(&r, 0, sizeof(r));
	ifgw_buf_init(&text, IFGW_RATES_MAX_FILE);
	ifgw_rates_replace_kept(kept, sizeof(kept), path);
	/* Only bytes that load as a rate set may replace the local copy. */
	if ((rc = ifgw_rateset_load_memory(&fresh, data ? data : "", len, origin)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "download rejected (%s)", kept);
		goto out;
	}
	if (merge && stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		held = path; /* the user's copy is the history held */
	if (!merge)
		held = NULL;
	if (held && (rc = ifgw_rateset_load_file(&old, held)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "cannot merge the download into the history held (%s)", kept);
		goto out;
	}
	written = fresh;
	if (old && !covers(fresh, old)) {
		if ((rc = merge_csv(&text, old, fresh)) != IFGW_OK ||
		    (rc = ifgw_rateset_load_memory(&merged, text.ptr, text.len, path)) != IFGW_OK) {
			rc = ifgw_error_wrap(rc, "merged history rejected (%s)", kept);
			goto out;
		}
		data = text.ptr;
		len = text.len;
		written = merged;
		r.merged = 1;
	}
	if ((rc = ifgw_file_write_atomic(path, data, len, 0644)) != IFGW_OK)
		goto out;
	if (last_modified >= 0 && (rc = set_mtime(path, last_modified)) != IFGW_OK)
		goto out;
	r.dates = ifgw_rateset_date_count(written);
	r.first_date = ifgw_rateset_first_date(written);
	r.last_date = ifgw_rateset_last_date(written);
	r.new_dates = ifgw_rateset_date_count(fresh);
	r.new_first = ifgw_rateset_first_date(fresh);
	r.new_last = ifgw_rateset_last_date(fresh);
	if (res)
		*res = r;
out:
	ifgw_buf_free(&text);
	ifgw_rateset_free(fresh);
	ifgw_rateset_free(old);
	ifgw_rateset_free(merged);
	return rc;
}

int ifgw_rates_replace(const char *path, const void *data, size_t len, const char *origin, int64_t last_modified,
		       struct ifgw_rates_replaced *res)
{
	return replace(path, 0, NULL, data, len, origin, last_modified, res);
}

int ifgw_rates_replace_merge(const char *path, const char *held, const void *data, size_t len, const char *origin,
			     int64_t last_modified, struct ifgw_rates_replaced *res)
{
	return replace(path, 1, held, data, len, origin, last_modified, res);
}
