/* fuzz_csv.c: the CSV invoice reader on arbitrary bytes.
 *
 * Input: the first byte picks the options (delimiter, decimal comma,
 * charset, skip-invalid), the rest is the file.  Invariants: see
 * fuzz_ingest.h; nothing crashes, leaks or reads out of bounds. */
#include "config.h"

#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = {0, ',', ';', '\t'};
	struct ifgw_ingest_options o = {0};

	if (size < 1)
		return 0;
	o.format = IFGW_INGEST_CSV;
	o.delimiter = delims[data[0] & 3];
	o.decimal_comma = (data[0] & 0x04) != 0;
	o.charset = (data[0] & 0x08) ? "ISO-8859-1" : NULL;
	o.skip_invalid = (data[0] & 0x10) != 0;
	fuzz_ingest(&o, "fuzz.csv", data + 1, size - 1);
	return 0;
}
