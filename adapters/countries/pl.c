/* pl.c: Poland: NIP (numer identyfikacji podatkowej), also the VAT number.
 *
 * 10 digits; Σ d1..d9 × 6 5 7 2 3 4 5 6 7 mod 11 is the 10th digit, and a
 * number whose sum gives 10 is never issued (Rozporządzenie Ministra
 * Finansów on the NIP, annex: "sposób obliczania cyfry kontrolnej").
 * The EU VAT number is "PL" + NIP. */
#include "config.h"

#include "adapters/checkdigits.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

static const int nip_weights[9] = {6, 5, 7, 2, 3, 4, 5, 6, 7};

static int pl_check(const char *text, size_t len, char *normalized, size_t cap, const char *prefix)
{
	struct ifgw_regno_text t;
	long check;
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, "PL NIP")) != IFGW_OK)
		return rc;
	ifgw_regno_strip_prefix(&t, "PL");
	if (t.len != 10 || !ifgw_checkdigit_all_digits(t.s, t.len))
		return ifgw_regno_fail("PL NIP", t.s, "want 10 digits");
	if ((rc = ifgw_regno_placeholder("PL NIP", &t)) != IFGW_OK)
		return rc;
	check = ifgw_checkdigit_weighted_sum(t.s, nip_weights, 9) % 11;
	if (check == 10)
		return ifgw_regno_fail("PL NIP", t.s, "weighted sum gives 10: never issued");
	if (t.s[9] - '0' != check)
		return ifgw_regno_fail("PL NIP", t.s, "check digit wrong");
	return ifgw_regno_output(normalized, cap, "PL NIP", prefix, t.s);
}

static int pl_check_regno(const char *text, size_t len, char *normalized, size_t cap)
{
	return pl_check(text, len, normalized, cap, NULL);
}

/* The VAT number is the NIP with the EU prefix "PL". */
static int pl_check_vat(const char *text, size_t len, char *normalized, size_t cap)
{
	return pl_check(text, len, normalized, cap, "PL");
}

const struct ifgw_country_profile ifgw_country_pl = {
	.code = "PL",
	.name = "Poland",
	/* ISO-8859-2 (Latin-2) holds ą ć ę ł ń ó ś ź ż.  Polish factors want
	 * names exactly as registered: a character Latin-2 lacks is an error. */
	.wire_format = "edifactoring",
	.wire_version = "1.0",
	.charset = "ISO-8859-2",
	.allow_translit = 0,
	.calendar = "PL",
	.language = "pl",
	.limits = IFGW_LIMITS_EDIFACTORING,
	.regno_name = "NIP",
	.check_regno = pl_check_regno,
	.vat_name = "NIP (PL prefix)",
	.check_vat = pl_check_vat,
};
