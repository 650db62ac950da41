/* log.c: one key=value line per event (log.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "gateway/net/log.h"

#define LOG_LINE_MAX 4096
#define LOG_CUT " truncated=true"

struct ifgw_log {
	FILE *f;
	int owned; /* 1: ours to close (not stderr) */
};

int ifgw_log_open(struct ifgw_log **out, const char *path)
{
	struct ifgw_log *l = NULL;
	char ebuf[IFGW_STRERROR_SIZE];
	int rc = IFGW_OK, fd = -1;

	*out = NULL;
	if (!(l = calloc(1, sizeof(*l)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "log: out of memory");
		goto out;
	}
	if (!path) {
		l->f = stderr;
		goto out;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640)) < 0 || !(l->f = fdopen(fd, "a"))) {
		rc = ifgw_error_set(IFGW_EIO, "log %s: %s", path, ifgw_strerror(errno, ebuf, sizeof(ebuf)));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	l->owned = 1;
out:
	if (rc != IFGW_OK)
		free(l);
	else
		*out = l;
	return rc;
}

void ifgw_log_close(struct ifgw_log *log)
{
	if (!log)
		return;
	if (log->owned)
		fclose(log->f);
	free(log);
}

static int bare(const char *v)
{
	const unsigned char *p;

	for (p = (const unsigned char *)v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      strchr(".-_:/@+,", *p)))
			return 0;
	return 1;
}

static int add_value(struct ifgw_buf *b, const char *v)
{
	const unsigned char *p;
	int rc;

	if (bare(v))
		return ifgw_buf_addstr(b, v);
	rc = ifgw_buf_addc(b, '"');
	for (p = (const unsigned char *)v; rc == IFGW_OK && *p; p++) {
		if (*p == '"' || *p == '\\')
			rc = ifgw_buf_addc(b, '\\');
		if (rc == IFGW_OK)
			rc = ifgw_buf_addc(b, *p < 0x20 || *p == 0x7f ? ' ' : (char)*p);
	}
	return rc == IFGW_OK ? ifgw_buf_addc(b, '"') : rc;
}

void ifgw_log_event(struct ifgw_log *log, const char *level, const char *event, ...)
{
	struct ifgw_error pending;
	struct ifgw_buf b, pair;
	char at[IFGW_DATETIME_STRLEN];
	const char *k, *v;
	int cut = 0;
	va_list ap;

	if (!log)
		return;
	/* Logging never changes the caller's pending error (a pair over the
	 * cap sets one). */
	ifgw_error_save(&pending);
	/* Capped: a hostile value cannot make a line without end.  A pair that
	 * does not fit is left out, and the line says it was cut. */
	ifgw_buf_init(&b, LOG_LINE_MAX + sizeof(LOG_CUT));
	ifgw_buf_init(&pair, LOG_LINE_MAX);
	ifgw_datetime_format(ifgw_clock_now(), at);
	ifgw_buf_addf(&b, "time=%s level=%s event=%s", at, level, event);
	va_start(ap, event);
	while (!cut && (k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		if (!v || !*v)
			continue;
		ifgw_buf_reset(&pair);
		if (ifgw_buf_addf(&pair, " %s=", k) != IFGW_OK || add_value(&pair, v) != IFGW_OK ||
		    b.len + pair.len > LOG_LINE_MAX)
			cut = 1;
		else
			ifgw_buf_add(&b, pair.ptr, pair.len);
	}
	va_end(ap);
	if (cut)
		ifgw_buf_addstr(&b, LOG_CUT);
	fprintf(log->f, "%s\n", ifgw_buf_cstr(&b));
	fflush(log->f);
	ifgw_buf_free(&pair);
	ifgw_buf_free(&b);
	ifgw_error_restore(&pending);
}
