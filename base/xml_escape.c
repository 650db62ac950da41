/* xml_escape.c: XML text and attribute escaping (see xml_escape.h). */
#include "config.h"

#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/xml_escape.h"

static const char *const text_rep[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['\r'] = "&#13;",
};

static const char *const attr_rep[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['"'] = "&quot;", ['\t'] = "&#9;", ['\n'] = "&#10;", ['\r'] = "&#13;",
};

/* Copy the runs between the bytes that have a replacement in one pass. */
static int escape(struct ifgw_buf *out, const char *s, size_t n, const char *const rep[256])
{
	size_t i, run = 0;
	int rc = IFGW_OK;

	for (i = 0; i < n && rc == IFGW_OK; i++) {
		const char *r = rep[(unsigned char)s[i]];

		if (!r)
			continue;
		if ((rc = ifgw_buf_add(out, s + run, i - run)) == IFGW_OK)
			rc = ifgw_buf_add(out, r, strlen(r));
		run = i + 1;
	}
	if (rc == IFGW_OK)
		rc = ifgw_buf_add(out, s + run, n - run);
	return rc;
}

int ifgw_xml_escape_text(struct ifgw_buf *out, const char *s, size_t n)
{
	return escape(out, s, n, text_rep);
}

int ifgw_xml_escape_attr(struct ifgw_buf *out, const char *s, size_t n)
{
	return escape(out, s, n, attr_rep);
}
