/* log.h: the service's structured log (docs/serve.md, "Logs").
 *
 * One line per event, key=value pairs in a fixed order of first keys:
 *
 *     time=2027-01-04T09:00:00Z level=info event=message partner=FR00001 msg_id=FR00001-DE00123-1 outcome=accepted
 *
 * A value is written bare when it is made of letters, digits and
 * ".-_:/@+,", else in double quotes with '"' and '\' escaped; control
 * characters (a newline in a reason) become spaces, so one event is always
 * one line.  A line holds at most 4 KiB: a pair that would pass it is left
 * out, and the line ends with "truncated=true".  Each line is written with
 * one call and flushed, so lines of
 * one process never interleave and a crash loses none already logged.
 * Time comes from base/clock.h (the injected clock). */
#ifndef IFGW_NET_LOG_H
#define IFGW_NET_LOG_H

#include <stdio.h>

struct ifgw_log;

#define IFGW_LOG_INFO "info"
#define IFGW_LOG_WARN "warn"
#define IFGW_LOG_ERROR "error"

/* A log to the file at path (appended to, created 0640), or to stderr when
 * path is NULL.  IFGW_EIO naming the file when it cannot be opened. */
int ifgw_log_open(struct ifgw_log **out, const char *path);
void ifgw_log_close(struct ifgw_log *log);

/* One event: level (IFGW_LOG_*), the event's name, then key, value pairs
 * ending with NULL.  A NULL or empty value leaves its key out.  log NULL:
 * nothing written. */
void ifgw_log_event(struct ifgw_log *log, const char *level, const char *event, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;

#endif
