/* rates_replace.c: validate a rates file's new bytes, then replace the
 * local copy atomically (see rates_replace.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

int ifgw_rates_replace(const char *path, const void *data, size_t len, const char *origin, int64_t last_modified,
		       struct ifgw_rates_replaced *res)
{
	struct ifgw_rateset *rs = NULL;
	char kept[IFGW_ERROR_MAX];
	int rc;

	IFGW_ASSERT_ARG(path && origin && (data || !len));
	ifgw_rates_replace_kept(kept, sizeof(kept), path);
	/* Only bytes that load as a rate set may replace the local copy. */
	if ((rc = ifgw_rateset_load_memory(&rs, data ? data : "", len, origin)) != IFGW_OK) {
		rc = ifgw_error_wrap(rc, "download rejected (%s)", kept);
		goto out;
	}
	if ((rc = ifgw_file_write_atomic(path, data, len, 0644)) != IFGW_OK)
		goto out;
	if (last_modified >= 0 && (rc = set_mtime(path, last_modified)) != IFGW_OK)
		goto out;
	if (res) {
		res->dates = ifgw_rateset_date_count(rs);
		res->first_date = ifgw_rateset_first_date(rs);
		res->last_date = ifgw_rateset_last_date(rs);
	}
out:
	ifgw_rateset_free(rs);
	return rc;
}
