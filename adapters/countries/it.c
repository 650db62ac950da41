/* it.c: Italy: Partita IVA (the company's VAT and tax number).
 *
 * 11 digits: 7 for the taxpayer, 3 for the issuing office (provincial
 * code), 1 check digit computed like Luhn (odd positions as is, even
 * positions doubled, 9 subtracted above 9; check = (10 - sum mod 10) mod 10)
 * (DM 23 dicembre 1976, Agenzia delle Entrate).  The office code is not
 * checked against a list: offices created since (new provinces) would be
 * refused wrongly; only 000, which no office has, is refused (as
 * python-stdnum it.iva does).  A company's codice fiscale is its Partita IVA. */
#include "config.h"

#include "adapters/checkdigits.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

static int it_check(const char *text, size_t len, char *normalized, size_t cap, const char *prefix)
{
	struct ifgw_regno_text t;
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, "IT Partita IVA")) != IFGW_OK)
		return rc;
	ifgw_regno_strip_prefix(&t, "IT");
	if (t.len != 11 || !ifgw_checkdigit_all_digits(t.s, t.len))
		return ifgw_regno_fail("IT Partita IVA", t.s, "want 11 digits");
	if ((rc = ifgw_regno_placeholder("IT Partita IVA", &t)) != IFGW_OK)
		return rc;
	if (ifgw_checkdigit_digit_sum(t.s, 7) == 0)
		return ifgw_regno_fail("IT Partita IVA", t.s, "taxpayer number is 0000000");
	if (ifgw_checkdigit_digit_sum(t.s + 7, 3) == 0)
		return ifgw_regno_fail("IT Partita IVA", t.s, "office code 000 is never issued");
	if (ifgw_checkdigit_luhn_sum(t.s, 11) % 10 != 0)
		return ifgw_regno_fail("IT Partita IVA", t.s, "check digit wrong");
	return ifgw_regno_output(normalized, cap, "IT Partita IVA", prefix, t.s);
}

static int it_check_regno(const char *text, size_t len, char *normalized, size_t cap)
{
	return it_check(text, len, normalized, cap, NULL);
}

/* The VAT number is the Partita IVA with the EU prefix "IT". */
static int it_check_vat(const char *text, size_t len, char *normalized, size_t cap)
{
	return it_check(text, len, normalized, cap, "IT");
}

const struct ifgw_country_profile ifgw_country_it = {
	.code = "IT",
	.name = "Italy",
	.wire_format = "edifactoring",
	.wire_version = "1.0",
	/* Windows-1252: à è é ì ò ù plus € and typographic quotes that Italian
	 * ERP exports carry; other characters may be transliterated. */
	.charset = "WINDOWS-1252",
	.allow_translit = 1,
	.calendar = "IT",
	.language = "it",
	.limits = IFGW_LIMITS_EDIFACTORING,
	.regno_name = "Partita IVA",
	.check_regno = it_check_regno,
	.vat_name = "Partita IVA (IT prefix)",
	.check_vat = it_check_vat,
};
