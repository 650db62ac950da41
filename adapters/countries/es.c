/* es.c: Spain: NIF (número de identificación fiscal), also the VAT number.
 *
 * Real Decreto 1065/2007 and Orden EHA/451/2008 (AEAT):
 * - DNI (residents): 8 digits + letter "TRWAGMYFPDXBNJZSQVHLCKE"[n mod 23];
 * - NIE (foreigners): X, Y or Z (read as 0, 1, 2) + 7 digits + the DNI letter;
 * - K, L, M (Spaniards under 14, abroad, foreigners without NIE): letter +
 *   7 digits + the DNI letter of the 7 digits;
 * - CIF (legal entities): organisation letter + 7 digits + control.  With
 *   A = sum of the digits in even places, B = sum over odd places of the
 *   digits of 2 × digit, C = (10 - (A + B) mod 10) mod 10 (this is Luhn),
 *   the control is the digit C or the letter "JABCDEFGHI"[C]: a letter for
 *   N P Q R S W (non-profit, public bodies, foreign entities), a digit for
 *   A B E H (companies, co-ownerships), either for the others; a CIF whose
 *   province (digits 1-2) is 00, a non-resident entity, takes the letter
 *   whatever its organisation letter (as python-stdnum es.cif checks).
 * The VAT number is "ES" + NIF. */
#include "config.h"

#include <string.h>

#include "adapters/checkdigits.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

static const char dni_letters[] = "TRWAGMYFPDXBNJZSQVHLCKE";

static char dni_letter(const char *digits, size_t n)
{
	unsigned long v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (unsigned long)(digits[i] - '0');
	return dni_letters[v % 23];
}

static int es_check_cif(const struct ifgw_regno_text *t)
{
	unsigned c = ifgw_checkdigit_luhn_digit(t->s + 1, 7);
	char digit = (char)('0' + c), letter = "JABCDEFGHI"[c], got = t->s[8];

	/* Province 00 (non-resident entities) always takes the letter. */
	if (strchr("NPQRSW", t->s[0]) || (t->s[1] == '0' && t->s[2] == '0')) {
		if (got != letter)
			return ifgw_regno_fail("ES NIF (CIF)", t->s, "control must be the letter %c", letter);
	} else if (strchr("ABEH", t->s[0])) {
		if (got != digit)
			return ifgw_regno_fail("ES NIF (CIF)", t->s, "control must be the digit %c", digit);
	} else if (got != digit && got != letter) {
		return ifgw_regno_fail("ES NIF (CIF)", t->s, "control must be %c or %c", digit, letter);
	}
	return IFGW_OK;
}

static int es_check(const char *text, size_t len, char *normalized, size_t cap, const char *prefix)
{
	struct ifgw_regno_text t;
	char buf[9], want;
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, "ES NIF")) != IFGW_OK)
		return rc;
	ifgw_regno_strip_prefix(&t, "ES");
	if (t.len != 9 || !ifgw_checkdigit_all_digits(t.s + 1, 7))
		return ifgw_regno_fail("ES NIF", t.s, "want 9 characters: letter or digit, 7 digits, control");
	if ((rc = ifgw_regno_placeholder("ES NIF", &t)) != IFGW_OK)
		return rc;
	if (t.s[0] >= '0' && t.s[0] <= '9') {
		want = dni_letter(t.s, 8);
		if (t.s[8] != want)
			return ifgw_regno_fail("ES NIF (DNI)", t.s, "check letter wrong, want %c", want);
	} else if (strchr("XYZ", t.s[0])) {
		buf[0] = (char)('0' + (t.s[0] - 'X'));
		memcpy(buf + 1, t.s + 1, 7);
		want = dni_letter(buf, 8);
		if (t.s[8] != want)
			return ifgw_regno_fail("ES NIF (NIE)", t.s, "check letter wrong, want %c", want);
	} else if (strchr("KLM", t.s[0])) {
		want = dni_letter(t.s + 1, 7);
		if (t.s[8] != want)
			return ifgw_regno_fail("ES NIF", t.s, "check letter wrong, want %c", want);
	} else if (strchr("ABCDEFGHJNPQRSUVW", t.s[0])) {
		if ((rc = es_check_cif(&t)) != IFGW_OK)
			return rc;
	} else {
		return ifgw_regno_fail("ES NIF", t.s, "first character %c is not a digit, X/Y/Z, K/L/M or an "
				       "organisation letter", t.s[0]);
	}
	return ifgw_regno_output(normalized, cap, "ES NIF", prefix, t.s);
}

static int es_check_regno(const char *text, size_t len, char *normalized, size_t cap)
{
	return es_check(text, len, normalized, cap, NULL);
}

/* The VAT number is the NIF with the EU prefix "ES". */
static int es_check_vat(const char *text, size_t len, char *normalized, size_t cap)
{
	return es_check(text, len, normalized, cap, "ES");
}

const struct ifgw_country_profile ifgw_country_es = {
	.code = "ES",
	.name = "Spain",
	.wire_format = "edifactoring",
	.wire_version = "1.0",
	/* Latin-1 holds ñ á é í ó ú ü ¿ ¡; other characters may be
	 * transliterated. */
	.charset = "ISO-8859-1",
	.allow_translit = 1,
	.calendar = "ES",
	.language = "es",
	.limits = IFGW_LIMITS_EDIFACTORING,
	.regno_name = "NIF (DNI, NIE, CIF)",
	.check_regno = es_check_regno,
	.vat_name = "NIF-IVA (ES prefix)",
	.check_vat = es_check_vat,
};
