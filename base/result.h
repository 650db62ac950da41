/* result.h: the one result enum every ifgw function returns.
 *
 * 0 is success; codes are only ever appended (never renumbered), so that a
 * code logged or stored today means the same thing tomorrow (curl CURLcode).
 * A failing function also records a one-line message with ifgw_error_set()
 * (error.h) naming what failed and where. */
#ifndef IFGW_BASE_RESULT_H
#define IFGW_BASE_RESULT_H

enum ifgw_result {
	IFGW_OK = 0,
	IFGW_EINVAL = 1,       /* bad input: syntax, value out of domain */
	IFGW_ENOMEM = 2,       /* allocation failed */
	IFGW_EIO = 3,          /* read/write/open failed */
	IFGW_EOVERFLOW = 4,    /* arithmetic or size would overflow, or a cap was hit */
	IFGW_ENOTFOUND = 5,    /* unknown currency, date, partner, file ... */
	IFGW_ESTALE = 6,       /* data too old for the question (e.g. rates) */
	IFGW_EPARSE = 7,       /* malformed document (XML, CSV) */
	IFGW_EUNSUPPORTED = 8, /* valid request this build/profile cannot do */
	IFGW_ENET = 9,         /* network transfer failed */
	IFGW_ETRUST = 10,      /* signature, certificate or trust refusal */
	IFGW_EUSAGE = 11,      /* command-line usage error */
	IFGW_ESTATE = 12,      /* operation not allowed in the current state */
	IFGW_RESULT_COUNT_ = 13
};

/* Short stable name of a code ("EINVAL"), for logs and tests. */
const char *ifgw_result_name(int code);

#endif
