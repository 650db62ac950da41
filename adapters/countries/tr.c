/* tr.c: Türkiye: VKN (vergi kimlik numarası) and T.C. kimlik numarası.
 *
 * VKN, the tax number of companies (Gelir İdaresi Başkanlığı algorithm):
 * 10 digits; for the first 9, counted i = 1..9 from the right,
 * c1 = (d + i) mod 10; if c1 ≠ 0, c2 = c1 × 2^i mod 9, taken as 9 when 0;
 * the 10th digit is (10 - Σ c2 mod 10) mod 10.  A sole trader's tax number
 * is the T.C. kimlik numarası (NVİ): 11 digits, not starting with 0,
 * d10 = (7 × (d1 + d3 + d5 + d7 + d9) - (d2 + d4 + d6 + d8)) mod 10 and
 * d11 = (d1 + ... + d10) mod 10.  Both are tax numbers: no separate VAT. */
#include "config.h"

#include "adapters/checkdigits.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

static int vkn_ok(const char *d)
{
	unsigned sum = 0, c1, c2, i, pow2 = 1;

	for (i = 1; i <= 9; i++) {
		pow2 = pow2 * 2 % 9; /* 2^i mod 9 */
		c1 = ((unsigned)(d[9 - i] - '0') + i) % 10;
		if (c1 != 0) {
			c2 = c1 * pow2 % 9;
			sum += c2 ? c2 : 9;
		}
	}
	return (unsigned)(d[9] - '0') == (10 - sum % 10) % 10;
}

static int tckn_ok(const char *d)
{
	int odd = 0, even = 0, i;

	for (i = 0; i < 9; i += 2)
		odd += d[i] - '0';
	for (i = 1; i < 8; i += 2)
		even += d[i] - '0';
	if (d[9] - '0' != ((7 * odd - even) % 10 + 10) % 10)
		return 0;
	return (unsigned)(d[10] - '0') == ifgw_checkdigit_digit_sum(d, 10) % 10;
}

static int tr_check_regno(const char *text, size_t len, char *normalized, size_t cap)
{
	struct ifgw_regno_text t;
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, "TR VKN/TCKN")) != IFGW_OK)
		return rc;
	if (!ifgw_checkdigit_all_digits(t.s, t.len) || (t.len != 10 && t.len != 11))
		return ifgw_regno_fail("TR VKN/TCKN", t.s, "want 10 digits (VKN) or 11 (TCKN)");
	if ((rc = ifgw_regno_placeholder("TR VKN/TCKN", &t)) != IFGW_OK)
		return rc;
	if (t.len == 10 && !vkn_ok(t.s))
		return ifgw_regno_fail("TR VKN", t.s, "check digit wrong");
	if (t.len == 11) {
		if (t.s[0] == '0')
			return ifgw_regno_fail("TR TCKN", t.s, "first digit is 0");
		if (!tckn_ok(t.s))
			return ifgw_regno_fail("TR TCKN", t.s, "check digits wrong");
	}
	return ifgw_regno_output(normalized, cap, "TR VKN/TCKN", NULL, t.s);
}

const struct ifgw_country_profile ifgw_country_tr = {
	.code = "TR",
	.name = "Türkiye",
	/* Turkish factors are active FCI members; ISO-8859-9 (Latin-5) holds
	 * ğ ş ı İ, and the FCI messages seen from Turkish systems are declared
	 * iso-8859-9.  Foreign names may be transliterated. */
	.wire_format = "edifactoring",
	.wire_version = "1.0",
	.charset = "ISO-8859-9",
	.allow_translit = 1,
	.calendar = "TR",
	.language = "tr",
	.limits = IFGW_LIMITS_EDIFACTORING,
	.regno_name = "VKN (or TCKN for sole traders)",
	.check_regno = tr_check_regno,
	.vat_name = NULL,
	.check_vat = NULL,
};
