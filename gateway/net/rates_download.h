/* rates_download.h: download an ECB rates file and hand it to currency/ to
 * replace the local copy safely.
 *
 * The network half of `ifgw fx fetch`: libcurl easy interface, https:// and
 * file:// only (redirects to https:// only), connect and total timeouts, a
 * size cap, If-Modified-Since from the local copy's mtime, a progress line.
 * The bytes go to currency/rates_replace.h: ifgw_rates_replace(), or with
 * opt->merge ifgw_rates_replace_merge(), which first merges them over the
 * history held.  Either loads the result as a rate set and only then
 * replaces the local copy, atomically, with the server's Last-Modified as
 * its mtime.  A failed or invalid download never touches the local copy.
 *
 * libcurl is initialised once by ifgw_global_init() (gateway/node/global.h);
 * this module never calls curl_global_init/cleanup, so a download cannot
 * tear libcurl down under a running transport.
 *
 *     struct ifgw_fetch_options opt = IFGW_FETCH_OPTIONS_INIT;
 *     struct ifgw_fetch_result res;
 *     rc = ifgw_net_rates_fetch(url, "/var/lib/ifgw/eurofxref", &opt, &res);
 *     // res.not_modified, or res.bytes, res.dates, res.first_date .. res.last_date */
#ifndef IFGW_NET_RATES_DOWNLOAD_H
#define IFGW_NET_RATES_DOWNLOAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define IFGW_FETCH_CONNECT_TIMEOUT_DEFAULT 10 /* seconds */
#define IFGW_FETCH_TIMEOUT_DEFAULT 60         /* seconds, whole transfer */
#define IFGW_FETCH_TIMEOUT_MAX 86400          /* larger values are refused */

struct ifgw_fetch_options {
	const char *cacert;   /* PEM CA bundle to trust instead of the system's; NULL = system trust */
	long connect_timeout; /* seconds; 0 = IFGW_FETCH_CONNECT_TIMEOUT_DEFAULT */
	long timeout;         /* seconds for the whole transfer; 0 = IFGW_FETCH_TIMEOUT_DEFAULT */
	size_t max_bytes;     /* size cap of the download; 0 = IFGW_RATES_MAX_FILE */
	int force;            /* 1: no If-Modified-Since, download even if the local copy is current */
	FILE *progress;       /* where to draw a one-line progress indicator; NULL = none */
	int merge;            /* 1: merge the download over the history held (out_path, else held) */
	const char *held;     /* with merge: the history when out_path does not exist yet; NULL = none */
};

#define IFGW_FETCH_OPTIONS_INIT { NULL, 0, 0, 0, 0, NULL, 0, NULL }

struct ifgw_fetch_result {
	int not_modified;      /* 1: the server said the local copy is current; it was left alone */
	long http_status;      /* last HTTP status (200, 304); 0 for file:// */
	size_t bytes;          /* bytes downloaded (after content decoding) */
	size_t dates;          /* publication dates in the new file */
	int32_t first_date;    /* its first and last publication dates */
	int32_t last_date;
	int merged;            /* 1: the new file is the download merged over the history held */
	size_t fetched_dates;  /* publication dates in the download alone */
	int32_t fetched_first, fetched_last;
	int64_t last_modified; /* server's Last-Modified (or the local mtime when not modified); -1 unknown */
};

/* Fetch url into out_path (see above); opt NULL = IFGW_FETCH_OPTIONS_INIT.
 * res is filled on success.  Errors, each one line naming the URL or path:
 * IFGW_EINVAL (a scheme other than https/file, bad options), IFGW_ENET
 * (curl's message: timeout, TLS or certificate refusal, connection refused,
 * truncated transfer; or "HTTP 404"), IFGW_EOVERFLOW (larger than the cap),
 * the loader's IFGW_EPARSE / IFGW_EINVAL / IFGW_ENOTFOUND with its line
 * ("not a valid rates file"), IFGW_EIO (cannot replace out_path). */
int ifgw_net_rates_fetch(const char *url, const char *out_path, const struct ifgw_fetch_options *opt,
			 struct ifgw_fetch_result *res);

#endif
