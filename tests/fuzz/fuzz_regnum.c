/* fuzz_regnum.c: every country's registration and VAT number checks on
 * arbitrary bytes.
 *
 * Input: first byte picks the profile (low bits) and the check (bit 7), the
 * rest is the number's text.  Invariants: an accepted number's normalized
 * form is short, printable (UTF-8 only in a German register court's name),
 * and a fixed point of the same check; a refusal
 * is one line that starts with the country code; nothing crashes or reads
 * out of bounds. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "adapters/country.h"
#include "base/error.h"
#include "tests/fuzz/fuzz.h"

static int check(const struct ifgw_country_profile *p, int vat, const char *text, size_t len, char *norm,
		 size_t cap)
{
	if (vat)
		return ifgw_country_check_vat(p, text, len, norm, cap);
	return ifgw_country_check_regno(p, text, len, norm, cap);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ifgw_country_profile *p;
	char norm[IFGW_REGNO_MAX], again[IFGW_REGNO_MAX];
	size_t nprof = 0, i, n;
	int vat;

	if (size < 1)
		return 0;
	while (ifgw_country_profiles[nprof])
		nprof++;
	p = ifgw_country_profiles[(data[0] & 0x7f) % nprof];
	vat = (data[0] & 0x80) != 0;
	ifgw_error_clear();
	if (check(p, vat, (const char *)data + 1, size - 1, norm, sizeof(norm)) == IFGW_OK) {
		n = strnlen(norm, sizeof(norm));
		if (n == 0 || n >= sizeof(norm))
			abort();
		for (i = 0; i < n; i++)
			if ((unsigned char)norm[i] < 0x20 || (unsigned char)norm[i] == 0x7f ||
			    ((unsigned char)norm[i] > 0x7f && strcmp(p->code, "DE") != 0))
				abort();
		if (check(p, vat, norm, n, again, sizeof(again)) != IFGW_OK || strcmp(norm, again) != 0)
			abort();
	} else {
		const char *msg = ifgw_error_last();

		if (strncmp(msg, p->code, 2) != 0 || strchr(msg, '\n'))
			abort();
	}
	ifgw_error_clear();
	return 0;
}
