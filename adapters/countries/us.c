/* us.c: United States: Employer Identification Number (EIN).
 *
 * 9 digits written NN-NNNNNNN; the first two are the prefix of the IRS
 * campus (or Internet / SBA channel) that issued it, from the IRS list "How
 * EINs are assigned and valid EIN prefixes".  There is no check digit: the
 * check is of the format and the prefix.  The US has no VAT; the EIN is the
 * federal tax number, so the profile has no separate VAT check. */
#include "config.h"

#include <string.h>

#include "adapters/checkdigits.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

/* Valid prefixes 00..99, one bit each (IRS list). */
static const char valid_prefix[100] = {
	[1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1,
	[10] = 1, [11] = 1, [12] = 1, [13] = 1, [14] = 1, [15] = 1, [16] = 1,
	[20] = 1, [21] = 1, [22] = 1, [23] = 1, [24] = 1, [25] = 1, [26] = 1, [27] = 1,
	[30] = 1, [31] = 1, [32] = 1, [33] = 1, [34] = 1, [35] = 1, [36] = 1, [37] = 1, [38] = 1, [39] = 1,
	[40] = 1, [41] = 1, [42] = 1, [43] = 1, [44] = 1, [45] = 1, [46] = 1, [47] = 1, [48] = 1,
	[50] = 1, [51] = 1, [52] = 1, [53] = 1, [54] = 1, [55] = 1, [56] = 1, [57] = 1, [58] = 1, [59] = 1,
	[60] = 1, [61] = 1, [62] = 1, [63] = 1, [64] = 1, [65] = 1, [66] = 1, [67] = 1, [68] = 1,
	[71] = 1, [72] = 1, [73] = 1, [74] = 1, [75] = 1, [76] = 1, [77] = 1,
	[80] = 1, [81] = 1, [82] = 1, [83] = 1, [84] = 1, [85] = 1, [86] = 1, [87] = 1, [88] = 1,
	[90] = 1, [91] = 1, [92] = 1, [93] = 1, [94] = 1, [95] = 1, [98] = 1, [99] = 1,
};

static int us_check_regno(const char *text, size_t len, char *normalized, size_t cap)
{
	struct ifgw_regno_text t;
	size_t i, digits = 0, dashes = 0;
	int rc, prefix;

	if ((rc = ifgw_regno_clean(&t, text, len, "US EIN")) != IFGW_OK)
		return rc;
	if (t.len != 9 || !ifgw_checkdigit_all_digits(t.s, t.len))
		return ifgw_regno_fail("US EIN", t.s, "want 9 digits, NN-NNNNNNN");
	if ((rc = ifgw_regno_placeholder("US EIN", &t)) != IFGW_OK)
		return rc;
	/* A dash, if written, separates the 2-digit prefix: 12-3456789. */
	for (i = 0; i < len; i++) {
		if (text[i] >= '0' && text[i] <= '9')
			digits++;
		else if (text[i] == '-' && (dashes++ > 0 || digits != 2))
			return ifgw_regno_fail("US EIN", t.s, "dash in the wrong place, write NN-NNNNNNN");
	}
	prefix = (t.s[0] - '0') * 10 + (t.s[1] - '0');
	if (!valid_prefix[prefix])
		return ifgw_regno_fail("US EIN", t.s, "prefix %02d is not one the IRS assigns", prefix);
	return ifgw_regno_output(normalized, cap, "US EIN", NULL, t.s);
}

const struct ifgw_country_profile ifgw_country_us = {
	.code = "US",
	.name = "United States",
	/* US factors and their banks connect through ISO 20022; UTF-8. */
	.wire_format = "iso20022",
	.wire_version = "001.01",
	.charset = "UTF-8",
	.allow_translit = 0,
	.calendar = "US",
	.language = "en-US",
	.limits = IFGW_LIMITS_ISO20022,
	.regno_name = "EIN",
	.check_regno = us_check_regno,
	.vat_name = NULL,
	.check_vat = NULL,
};
