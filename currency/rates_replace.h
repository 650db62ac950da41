/* rates_replace.h: replace the local copy of a rates file with new bytes,
 * only when they are a valid rates file.
 *
 * The file half of `ifgw fx fetch`: the bytes (downloaded by
 * gateway/net/rates_download.h, or from anywhere) are loaded as a rate set
 * (rates.h); only a valid one replaces the local copy, atomically, and its
 * mtime is then set to the origin's Last-Modified so that the next
 * If-Modified-Since is right.  Invalid bytes never touch the local copy.
 * No network code here. */
#ifndef IFGW_CURRENCY_RATES_REPLACE_H
#define IFGW_CURRENCY_RATES_REPLACE_H

#include <stddef.h>
#include <stdint.h>

/* What the new file holds. */
struct ifgw_rates_replaced {
	size_t dates;       /* publication dates in the new file */
	int32_t first_date; /* its first and last publication dates */
	int32_t last_date;
	int merged;         /* 1: the held history had dates the new bytes lack: the file is their merge */
	size_t new_dates;   /* publication dates in the new bytes alone */
	int32_t new_first, new_last;
};

/* What a failure left at path, for messages: "PATH unchanged" when a
 * non-empty regular file is there, else "PATH not written". */
void ifgw_rates_replace_kept(char *out, size_t size, const char *path);

/* Replace path with data[0..len) when it loads as a rate set; origin names
 * the data in messages (the URL); last_modified (Unix seconds, -1 unknown)
 * becomes the file's mtime.  res (may be NULL) is filled on success.
 * Errors, one line: the loader's IFGW_EPARSE / IFGW_EINVAL / IFGW_ENOTFOUND
 * as "download rejected (PATH unchanged): <loader's reason>", IFGW_EIO
 * (cannot replace path or set its time). */
int ifgw_rates_replace(const char *path, const void *data, size_t len, const char *origin, int64_t last_modified,
		       struct ifgw_rates_replaced *res);

/* The same, merging the new bytes over the history already held: path
 * itself when it is a non-empty file, else held (the shipped history; may
 * be NULL).  A publication date in both takes the new bytes' rates; dates
 * only the held history has are kept, so a daily or 90-day download adds
 * to the history instead of cutting it short.  When the held history has
 * no date the new bytes lack, the new bytes are written as they are;
 * otherwise the merge is written as an ECB history CSV, loaded again to
 * check it, and only then replaces path (one atomic rename).  A held file
 * that does not load is an error naming it (path unchanged). */
int ifgw_rates_replace_merge(const char *path, const char *held, const void *data, size_t len, const char *origin,
			     int64_t last_modified, struct ifgw_rates_replaced *res);

#endif
