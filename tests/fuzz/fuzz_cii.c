/* fuzz_cii.c: the UN/CEFACT CrossIndustryInvoice reader on arbitrary bytes.
 * Invariants: see fuzz_ingest.h. */
#include "config.h"

#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ifgw_ingest_options o = {0};

	o.format = IFGW_INGEST_CII;
	fuzz_ingest(&o, "fuzz.xml", data, size);
	return 0;
}
