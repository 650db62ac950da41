/* fuzz_canonical.c: the canonical XML reader on arbitrary bytes.
 *
 * Invariant: whatever reads is a valid message that writes to XML which
 * reads back equal and writes to the same bytes; nothing crashes, leaks or
 * reads out of bounds. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "model/model.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ifgw_msg *m = NULL, *back = NULL;
	struct ifgw_buf xml, xml2;

	ifgw_buf_init(&xml, IFGW_MODEL_XML_MAX);
	ifgw_buf_init(&xml2, IFGW_MODEL_XML_MAX);
	if (ifgw_msg_read_xml(&m, (const char *)data, size, "fuzz.xml") == IFGW_OK) {
		if (ifgw_msg_check(m) != IFGW_OK || ifgw_msg_write_xml(&xml, m) != IFGW_OK ||
		    ifgw_msg_read_xml(&back, xml.ptr, xml.len, "rewritten.xml") != IFGW_OK ||
		    !ifgw_msg_equal(m, back) || ifgw_msg_write_xml(&xml2, back) != IFGW_OK ||
		    xml.len != xml2.len || memcmp(xml.ptr, xml2.ptr, xml.len) != 0)
			abort();
	} else if (strchr(ifgw_error_last(), '\n') || !*ifgw_error_last()) {
		abort(); /* every refusal has a one-line reason */
	}
	ifgw_error_clear();
	ifgw_msg_free(m);
	ifgw_msg_free(back);
	ifgw_buf_free(&xml);
	ifgw_buf_free(&xml2);
	return 0;
}
