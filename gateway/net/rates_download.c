/* rates_download.c: download an ECB rates file; currency/ validates it and
 * replaces the local copy (see rates_download.h). */
#include "config.h"

#include <curl/curl.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/error.h"
#include "currency/rates.h"
#include "currency/rates_replace.h"
#include "gateway/net/rates_download.h"

/* Progress lines are redrawn at most every this many bytes (and at the end). */
#define PROGRESS_STEP 65536

struct transfer {
	struct ifgw_buf body;
	int too_big;        /* the write callback refused data over the cap */
	FILE *progress;     /* NULL: draw nothing */
	curl_off_t shown;   /* bytes at the last progress line */
	int drawn;          /* a progress line is on the screen */
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct transfer *t = userdata;
	size_t n = size * nmemb; /* curl documents size as always 1 */
	struct ifgw_error kept;
	int rc;

	/* Too big is reported with the URL after curl returns: the buffer's message is not kept. */
	ifgw_error_save(&kept);
	rc = ifgw_buf_add(&t->body, ptr, n);
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK) {
		t->too_big = 1;
		return 0;
	}
	return n;
}

static int on_progress(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	struct transfer *t = clientp;

	(void)ultotal;
	(void)ulnow;
	if (!t->progress || dlnow == t->shown || (dlnow - t->shown < PROGRESS_STEP && dlnow != dltotal))
		return 0;
	t->shown = dlnow;
	if (dltotal > 0)
		fprintf(t->progress, "\rfetching: %" CURL_FORMAT_CURL_OFF_T " / %" CURL_FORMAT_CURL_OFF_T " bytes (%d%%)",
			dlnow, dltotal, (int)(dlnow * 100 / dltotal));
	else
		fprintf(t->progress, "\rfetching: %" CURL_FORMAT_CURL_OFF_T " bytes", dlnow);
	fflush(t->progress);
	t->drawn = 1;
	return 0;
}

/* Refuse anything but https:// and file:// before curl sees the URL, with a
 * message that says so (curl's own refusal below is the second fence). */
static int check_scheme(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL;
	int rc = IFGW_OK;

	if (!u)
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", url);
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s: not a URL (expected https://... or file:///...)", url);
		goto out;
	}
	if (strcasecmp(scheme, "https") != 0 && strcasecmp(scheme, "file") != 0)
		rc = ifgw_error_set(IFGW_EINVAL, "%s: scheme '%s' refused: only https:// and file:// are allowed", url,
				    scheme);
out:
	curl_free(scheme);
	curl_url_cleanup(u);
	return rc;
}

static int check_options(const struct ifgw_fetch_options *o, long *connect_s, long *total_s, size_t *max)
{
	*connect_s = o->connect_timeout ? o->connect_timeout : IFGW_FETCH_CONNECT_TIMEOUT_DEFAULT;
	*total_s = o->timeout ? o->timeout : IFGW_FETCH_TIMEOUT_DEFAULT;
	*max = o->max_bytes ? o->max_bytes : IFGW_RATES_MAX_FILE;
	if (*connect_s < 0 || *connect_s > IFGW_FETCH_TIMEOUT_MAX)
		return ifgw_error_set(IFGW_EINVAL, "connect timeout: %ld s is not in 1..%d", *connect_s,
				      IFGW_FETCH_TIMEOUT_MAX);
	if (*total_s < 0 || *total_s > IFGW_FETCH_TIMEOUT_MAX)
		return ifgw_error_set(IFGW_EINVAL, "timeout: %ld s is not in 1..%d", *total_s, IFGW_FETCH_TIMEOUT_MAX);
	if (*max > IFGW_RATES_MAX_FILE)
		return ifgw_error_set(IFGW_EINVAL, "size cap: %zu bytes is above the %u-byte limit for rates files",
				      *max, IFGW_RATES_MAX_FILE);
	return IFGW_OK;
}

#define SETOPT(h, opt, val)                                                                                       \
	do {                                                                                                      \
		if (cc == CURLE_OK)                                                                               \
			cc = curl_easy_setopt((h), (opt), (val));                                                 \
	} while (0)

static CURLcode setup(CURL *h, const char *url, struct transfer *t, const struct ifgw_fetch_options *o,
		      long connect_s, long total_s, size_t max, const struct stat *local, char *errbuf)
{
	CURLcode cc = CURLE_OK;

	SETOPT(h, CURLOPT_ERRORBUFFER, errbuf);
	SETOPT(h, CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85: the bit-mask forms are deprecated */
	SETOPT(h, CURLOPT_PROTOCOLS_STR, "https,file");
	SETOPT(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
	SETOPT(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTPS | CURLPROTO_FILE));
	SETOPT(h, CURLOPT_REDIR_PROTOCOLS, (long)CURLPROTO_HTTPS);
#endif
	SETOPT(h, CURLOPT_FOLLOWLOCATION, 1L);
	SETOPT(h, CURLOPT_MAXREDIRS, 5L);
	SETOPT(h, CURLOPT_NOSIGNAL, 1L);
	SETOPT(h, CURLOPT_CONNECTTIMEOUT, connect_s);
	SETOPT(h, CURLOPT_TIMEOUT, total_s);
	SETOPT(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
	SETOPT(h, CURLOPT_ACCEPT_ENCODING, ""); /* gzip if offered; the cap applies to decoded bytes */
	SETOPT(h, CURLOPT_USERAGENT, "ifgw/" PACKAGE_VERSION);
	SETOPT(h, CURLOPT_FILETIME, 1L);
	SETOPT(h, CURLOPT_WRITEFUNCTION, on_data);
	SETOPT(h, CURLOPT_WRITEDATA, t);
	if (o->cacert) {
		SETOPT(h, CURLOPT_CAINFO, o->cacert);
		SETOPT(h, CURLOPT_CAPATH, (char *)NULL); /* trust that bundle only, not the system store too */
	}
	if (local) {
		SETOPT(h, CURLOPT_TIMECONDITION, (long)CURL_TIMECOND_IFMODSINCE);
		SETOPT(h, CURLOPT_TIMEVALUE_LARGE, (curl_off_t)local->st_mtime);
	}
	if (o->progress) {
		SETOPT(h, CURLOPT_XFERINFOFUNCTION, on_progress);
		SETOPT(h, CURLOPT_XFERINFODATA, t);
		SETOPT(h, CURLOPT_NOPROGRESS, 0L);
	}
	return cc;
}

#undef SETOPT

int ifgw_net_rates_fetch(const char *url, const char *out_path, const struct ifgw_fetch_options *opt,
			 struct ifgw_fetch_result *res)
{
	static const struct ifgw_fetch_options defaults = IFGW_FETCH_OPTIONS_INIT;
	struct ifgw_fetch_result r;
	struct ifgw_rates_replaced replaced;
	struct transfer t;
	struct stat st;
	char errbuf[CURL_ERROR_SIZE];
	char kept[IFGW_ERROR_MAX];
	CURL *h = NULL;
	CURLcode cc;
	long connect_s, total_s, unmet = 0;
	curl_off_t filetime = -1;
	size_t max;
	int have_local;
	int rc;

	memset(&r, 0, sizeof(r));
	r.last_modified = -1;
	memset(&t, 0, sizeof(t)); /* t.body is safe to free from here on */
	if (!opt)
		opt = &defaults;
	if ((rc = check_options(opt, &connect_s, &total_s, &max)) != IFGW_OK)
		goto out;
	ifgw_buf_init(&t.body, max);
	t.progress = opt->progress;
	if ((rc = check_scheme(url)) != IFGW_OK)
		goto out;
	have_local = stat(out_path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
	ifgw_rates_replace_kept(kept, sizeof(kept), out_path);
	/* libcurl was initialised once at start-up (ifgw_global_init). */
	if (!(h = curl_easy_init())) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: cannot create a libcurl handle", url);
		goto out;
	}
	errbuf[0] = '\0';
	cc = setup(h, url, &t, opt, connect_s, total_s, max, have_local && !opt->force ? &st : NULL, errbuf);
	if (cc != CURLE_OK) {
		rc = ifgw_error_set(IFGW_ENET, "%s: libcurl refused an option: %s", url, curl_easy_strerror(cc));
		goto out;
	}
	cc = curl_easy_perform(h);
	if (t.drawn)
		fputs("\r\033[K", t.progress); /* erase the progress line */
	if (t.too_big || cc == CURLE_FILESIZE_EXCEEDED) {
		rc = ifgw_error_set(IFGW_EOVERFLOW, "%s: larger than the %zu-byte limit (%s)", url, max, kept);
		goto out;
	}
	if (cc != CURLE_OK) {
		rc = ifgw_error_set(IFGW_ENET, "%s: %s (%s)", url, errbuf[0] ? errbuf : curl_easy_strerror(cc), kept);
		goto out;
	}
	(void)curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.http_status);
	(void)curl_easy_getinfo(h, CURLINFO_CONDITION_UNMET, &unmet);
	(void)curl_easy_getinfo(h, CURLINFO_FILETIME_T, &filetime);
	if (unmet) {
		r.not_modified = 1;
		r.last_modified = (int64_t)st.st_mtime;
		rc = IFGW_OK;
		goto out;
	}
	if (r.http_status != 0 && r.http_status != 200) {
		rc = ifgw_error_set(IFGW_ENET, "%s: HTTP %ld (%s)", url, r.http_status, kept);
		goto out;
	}
	/* currency/ replaces the local copy only with a valid rates file. */
	if (opt->merge)
		rc = ifgw_rates_replace_merge(out_path, opt->held, t.body.ptr, t.body.len, url,
					      filetime >= 0 ? (int64_t)filetime : -1, &replaced);
	else
		rc = ifgw_rates_replace(out_path, t.body.ptr, t.body.len, url, filetime >= 0 ? (int64_t)filetime : -1,
					&replaced);
	if (rc != IFGW_OK)
		goto out;
	r.merged = replaced.merged;
	r.fetched_dates = replaced.new_dates;
	r.fetched_first = replaced.new_first;
	r.fetched_last = replaced.new_last;
	r.bytes = t.body.len;
	r.dates = replaced.dates;
	r.first_date = replaced.first_date;
	r.last_date = replaced.last_date;
	r.last_modified = filetime >= 0 ? (int64_t)filetime : -1;
	rc = IFGW_OK;
out:
	if (rc == IFGW_OK && res)
		*res = r;
	if (h)
		curl_easy_cleanup(h);
	ifgw_buf_free(&t.body);
	return rc;
}
