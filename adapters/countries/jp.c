/* jp.c: Japan: Corporate Number (法人番号) and the invoice registration number.
 *
 * Corporate Number (National Tax Agency, 法人番号の指定等に関する省令 第2条):
 * 13 digits, the FIRST being the check digit over the 12 that follow:
 * check = 9 - (Σ Pn × Qn mod 9), Pn the n-th digit counted from the right
 * of the 12, Qn = 1 for odd n and 2 for even n.  Qualified invoice issuer
 * registration number (適格請求書発行事業者登録番号, since October 2023):
 * "T" + 13 digits; for a corporation the digits are its Corporate Number,
 * so the same check digit applies (checked here for every T-number). */
#include "config.h"

#include "adapters/checkdigits.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

static unsigned corporate_check_digit(const char *digits12)
{
	unsigned sum = 0;
	size_t n;

	for (n = 1; n <= 12; n++)
		sum += (unsigned)(digits12[12 - n] - '0') * (n % 2 ? 1u : 2u);
	return 9 - sum % 9;
}

static int jp_check(const char *text, size_t len, char *normalized, size_t cap, int vat)
{
	const char *what = vat ? "JP invoice registration number" : "JP corporate number";
	struct ifgw_regno_text t;
	unsigned want;
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, what)) != IFGW_OK)
		return rc;
	/* The T is part of the invoice registration number (NTA): 13 digits
	 * alone are a Corporate Number, which is not registered for invoices. */
	if (vat && !ifgw_regno_strip_prefix(&t, "T"))
		return ifgw_regno_fail(what, t.s, "want T and 13 digits (the T is part of the number)");
	if (t.len != 13 || !ifgw_checkdigit_all_digits(t.s, t.len))
		return ifgw_regno_fail(what, t.s, vat ? "want T and 13 digits" : "want 13 digits");
	if ((rc = ifgw_regno_placeholder(what, &t)) != IFGW_OK)
		return rc;
	want = corporate_check_digit(t.s + 1);
	if ((unsigned)(t.s[0] - '0') != want)
		return ifgw_regno_fail(what, t.s, "check digit (the first) wrong, want %u", want);
	return ifgw_regno_output(normalized, cap, what, vat ? "T" : NULL, t.s);
}

static int jp_check_regno(const char *text, size_t len, char *normalized, size_t cap)
{
	return jp_check(text, len, normalized, cap, 0);
}

static int jp_check_vat(const char *text, size_t len, char *normalized, size_t cap)
{
	return jp_check(text, len, normalized, cap, 1);
}

const struct ifgw_country_profile ifgw_country_jp = {
	.code = "JP",
	.name = "Japan",
	.wire_format = "edifactoring",
	.wire_version = "1.0",
	/* Shift_JIS as Japanese factors' systems read it: CP932 (Windows-31J on
	 * the wire), as Windows, Java's MS932, .NET and WHATWG do, where 0x5C
	 * and 0x7E are '\\' and '~' (glibc's SHIFT_JIS reads them as YEN SIGN
	 * and OVERLINE, so a partner would verify other text than we signed;
	 * docs/adapters.md).  Transliterating kanji is meaningless, so a
	 * missing character is an error. */
	.charset = "CP932",
	.allow_translit = 0,
	.calendar = "JP",
	.language = "ja",
	.limits = IFGW_LIMITS_EDIFACTORING,
	.regno_name = "Corporate Number (hojin bango)",
	.check_regno = jp_check_regno,
	.vat_name = "qualified invoice registration number (T + 13 digits)",
	.check_vat = jp_check_vat,
};
