/* cn.c: China: unified social credit code (统一社会信用代码).
 *
 * GB 32100-2015: 18 characters from the 31-character alphabet
 * 0-9 A-Z without I O Z S V: registering authority (1), entity type (1),
 * administrative division (6 digits), organisation code (9, GB 11714),
 * check character.  The registering authority is 1-9 (1 establishment
 * administration, 5 civil affairs, 9 industry and commerce ...), A, N or Y
 * (other authorities), and the entity type a digit (the standard's code
 * tables; python-stdnum cn.uscc checks the same).  Each character's value is its index in the alphabet;
 * check = 31 - (Σ value_i × W_i mod 31), with W_i = 3^(i-1) mod 31 =
 * 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, and 31 written as 0.
 * It is also the taxpayer number, so there is no separate VAT check. */
#include "config.h"

#include <string.h>

#include "adapters/checkdigits.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const unsigned weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

static int value(char c)
{
	const char *p = c ? strchr(alphabet, c) : NULL;

	return p ? (int)(p - alphabet) : -1;
}

static int cn_check_regno(const char *text, size_t len, char *normalized, size_t cap)
{
	struct ifgw_regno_text t;
	unsigned sum = 0;
	char want;
	size_t i;
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, "CN unified social credit code")) != IFGW_OK)
		return rc;
	if (t.len != 18)
		return ifgw_regno_fail("CN unified social credit code", t.s, "%zu characters, want 18", t.len);
	for (i = 0; i < 18; i++)
		if (value(t.s[i]) < 0)
			return ifgw_regno_fail("CN unified social credit code", t.s,
					       "character %c at %zu is not allowed (no I, O, Z, S, V)", t.s[i], i + 1);
	if ((rc = ifgw_regno_placeholder("CN unified social credit code", &t)) != IFGW_OK)
		return rc;
	if (!strchr("123456789ANY", t.s[0]))
		return ifgw_regno_fail("CN unified social credit code", t.s,
				       "registering authority (character 1) %c is not 1-9, A, N or Y", t.s[0]);
	if (t.s[1] < '0' || t.s[1] > '9')
		return ifgw_regno_fail("CN unified social credit code", t.s,
				       "entity type (character 2) %c is not a digit", t.s[1]);
	if (!ifgw_checkdigit_all_digits(t.s + 2, 6))
		return ifgw_regno_fail("CN unified social credit code", t.s,
				       "administrative division (characters 3-8) is not 6 digits");
	for (i = 0; i < 17; i++)
		sum += (unsigned)value(t.s[i]) * weights[i];
	want = alphabet[(31 - sum % 31) % 31];
	if (t.s[17] != want)
		return ifgw_regno_fail("CN unified social credit code", t.s, "check character wrong, want %c", want);
	return ifgw_regno_output(normalized, cap, "CN unified social credit code", NULL, t.s);
}

const struct ifgw_country_profile ifgw_country_cn = {
	.code = "CN",
	.name = "China",
	/* Chinese factors are the largest group on the FCI network (edifactoring);
	 * GB18030 is the national mandatory charset and encodes all of Unicode,
	 * so nothing is ever transliterated. */
	.wire_format = "edifactoring",
	.wire_version = "1.0",
	.charset = "GB18030",
	.allow_translit = 0,
	.calendar = "CN",
	.language = "zh-Hans",
	.limits = IFGW_LIMITS_EDIFACTORING,
	.regno_name = "unified social credit code",
	.check_regno = cn_check_regno,
	.vat_name = NULL,
	.check_vat = NULL,
};
