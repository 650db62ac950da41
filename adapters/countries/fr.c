/* fr.c: France: SIREN / SIRET and the TVA intracommunautaire.
 *
 * SIREN: 9 digits, Luhn (INSEE, "Répertoire SIRENE", the SIREN's 9th digit
 * is a Luhn key).  SIRET: SIREN + 5-digit NIC, Luhn over the 14 digits,
 * except La Poste (SIREN 356000000), whose establishments have so many NICs
 * that INSEE uses "sum of the 14 digits divisible by 5" instead; its head
 * office 356 000 000 00048 keeps the Luhn rule.  TVA: "FR" + 2-character key
 * + SIREN; numeric key = (12 + 3 × (SIREN mod 97)) mod 97 (DGFiP; the same
 * as (SIREN × 100 + 12) mod 97); alphabetic keys (new-style numbers) follow
 * the European Commission's VIES check: see fr_key_alpha().  SIRENs starting
 * 000 are Monaco numbers: valid TVA numbers, but not SIRENs (no Luhn). */
#include "config.h"

#include <string.h>

#include "adapters/checkdigits.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

#define LA_POSTE_SIREN "356000000"
#define LA_POSTE_HEAD_OFFICE "35600000000048"

static int fr_check_regno(const char *text, size_t len, char *normalized, size_t cap)
{
	struct ifgw_regno_text t;
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, "FR SIREN/SIRET")) != IFGW_OK)
		return rc;
	if (!ifgw_checkdigit_all_digits(t.s, t.len))
		return ifgw_regno_fail("FR SIREN/SIRET", t.s, "digits only");
	if ((rc = ifgw_regno_placeholder("FR SIREN/SIRET", &t)) != IFGW_OK)
		return rc;
	if (t.len == 9) {
		if (ifgw_checkdigit_luhn_sum(t.s, 9) % 10 != 0)
			return ifgw_regno_fail("FR SIREN", t.s, "check digit wrong");
	} else if (t.len == 14) {
		if (ifgw_checkdigit_luhn_sum(t.s, 9) % 10 != 0)
			return ifgw_regno_fail("FR SIRET", t.s, "SIREN part check digit wrong");
		if (memcmp(t.s, LA_POSTE_SIREN, 9) == 0 && strcmp(t.s, LA_POSTE_HEAD_OFFICE) != 0) {
			if (ifgw_checkdigit_digit_sum(t.s, 14) % 5 != 0)
				return ifgw_regno_fail("FR SIRET", t.s,
						       "La Poste digit sum not divisible by 5");
		} else if (ifgw_checkdigit_luhn_sum(t.s, 14) % 10 != 0) {
			return ifgw_regno_fail("FR SIRET", t.s, "check digit wrong");
		}
	} else {
		return ifgw_regno_fail("FR SIREN/SIRET", t.s, "%zu digits, want 9 (SIREN) or 14 (SIRET)", t.len);
	}
	return ifgw_regno_output(normalized, cap, "FR SIREN/SIRET", NULL, t.s);
}

/* Key characters of new-style numbers: digits and letters without I and O. */
static const char key_alphabet[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

static int key_index(char c)
{
	const char *p = c ? strchr(key_alphabet, c) : NULL;

	return p ? (int)(p - key_alphabet) : -1;
}

/* VIES rule for alphabetic keys: from the two key characters derive a
 * number S; the key is right when (SIREN + 1 + S / 11) mod 11 = S mod 11. */
static int fr_key_alpha(const char *key, const char *siren)
{
	int a = key_index(key[0]), b = key_index(key[1]), i;
	long s, r = 0;

	if (a < 10)
		s = (long)a * 24 + b - 10;
	else
		s = (long)a * 34 + b - 100;
	if (s < 0)
		return 0;
	for (i = 0; i < 9; i++) /* SIREN mod 11, digit by digit */
		r = (r * 10 + (siren[i] - '0')) % 11;
	return (r + 1 + s / 11) % 11 == s % 11;
}

static int fr_check_vat(const char *text, size_t len, char *normalized, size_t cap)
{
	struct ifgw_regno_text t;
	const char *siren;
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, "FR TVA")) != IFGW_OK)
		return rc;
	ifgw_regno_strip_prefix(&t, "FR");
	if (t.len != 11)
		return ifgw_regno_fail("FR TVA", t.s, "%zu characters after FR, want 11 (key + SIREN)", t.len);
	siren = t.s + 2;
	if (!ifgw_checkdigit_all_digits(siren, 9))
		return ifgw_regno_fail("FR TVA", t.s, "SIREN part is not 9 digits");
	if (strspn(siren, "0") == 9)
		return ifgw_regno_fail("FR TVA", t.s, "all zeros: a placeholder, not a number");
	if (key_index(t.s[0]) < 0 || key_index(t.s[1]) < 0)
		return ifgw_regno_fail("FR TVA", t.s, "key '%.2s' not digits or letters other than I, O", t.s);
	if (memcmp(siren, "000", 3) != 0 && ifgw_checkdigit_luhn_sum(siren, 9) % 10 != 0)
		return ifgw_regno_fail("FR TVA", t.s, "SIREN part check digit wrong");
	if (ifgw_checkdigit_all_digits(t.s, 2)) {
		unsigned key = (unsigned)(t.s[0] - '0') * 10 + (unsigned)(t.s[1] - '0');

		if (key != (12 + 3 * ifgw_checkdigit_mod97(siren, 9)) % 97)
			return ifgw_regno_fail("FR TVA", t.s, "key %02u wrong, want %02u", key,
					       (12 + 3 * ifgw_checkdigit_mod97(siren, 9)) % 97);
	} else if (!fr_key_alpha(t.s, siren)) {
		return ifgw_regno_fail("FR TVA", t.s, "alphabetic key wrong");
	}
	return ifgw_regno_output(normalized, cap, "FR TVA", "FR", t.s);
}

const struct ifgw_country_profile ifgw_country_fr = {
	.code = "FR",
	.name = "France",
	.wire_format = "edifactoring",
	.wire_version = "1.0",
	/* Windows-1252, not ISO-8859-1: French needs œ, Œ and Ÿ ("Œuvres",
	 * "L'Haÿ-les-Roses"), and € in free text. */
	.charset = "WINDOWS-1252",
	.allow_translit = 0,
	.calendar = "FR",
	.language = "fr",
	.limits = IFGW_LIMITS_EDIFACTORING,
	.regno_name = "SIREN/SIRET",
	.check_regno = fr_check_regno,
	.vat_name = "TVA intracommunautaire",
	.check_vat = fr_check_vat,
};
