/* de.c: Germany: Handelsregister number and USt-IdNr.
 *
 * USt-IdNr: "DE" + 9 digits, the first not 0, the 9th a check digit by
 * ISO/IEC 7064 MOD 11,10 over the first 8 (Bundeszentralamt für Steuern,
 * "Aufbau der USt-IdNr").  Handelsregister: register type (HRA, HRB, GnR,
 * PR, VR, GsR) + a number of at most 6 digits + an optional letter suffix
 * ("HRB 12345 B" in Berlin); it has no check digit, so the check is of the
 * format only, and the register court (which makes the number unique) is
 * not part of it. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "adapters/checkdigits.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

/* Register types, as written ("GnR"), matched on the upper-cased text. */
static const char *const register_types[] = {"HRA", "HRB", "GnR", "GsR", "PR", "VR", NULL};

static int de_check_regno(const char *text, size_t len, char *normalized, size_t cap)
{
	struct ifgw_regno_text t;
	const char *const *type;
	char out[IFGW_REGNO_MAX];
	size_t n, digits, i;
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, "DE Handelsregister")) != IFGW_OK)
		return rc;
	for (type = register_types; *type; type++) {
		n = strlen(*type);
		if (t.len > n && strncasecmp(t.s, *type, n) == 0 && t.s[n] >= '0' && t.s[n] <= '9')
			break;
	}
	if (!*type)
		return ifgw_regno_fail("DE Handelsregister", t.s,
				       "register type not HRA, HRB, GnR, GsR, PR or VR followed by the number");
	for (digits = 0; n + digits < t.len && t.s[n + digits] >= '0' && t.s[n + digits] <= '9'; digits++)
		;
	if (digits > 6 || t.s[n] == '0')
		return ifgw_regno_fail("DE Handelsregister", t.s, "number must be 1 to 6 digits, no leading 0");
	for (i = n + digits; i < t.len; i++)
		if (t.s[i] < 'A' || t.s[i] > 'Z')
			break;
	if (i != t.len || t.len - n - digits > 2)
		return ifgw_regno_fail("DE Handelsregister", t.s, "only a 1- or 2-letter suffix may follow the number");
	snprintf(out, sizeof(out), "%s %.*s%s%s", *type, (int)digits, t.s + n, t.len > n + digits ? " " : "",
		 t.s + n + digits);
	return ifgw_regno_output(normalized, cap, "DE Handelsregister", NULL, out);
}

static int de_check_vat(const char *text, size_t len, char *normalized, size_t cap)
{
	struct ifgw_regno_text t;
	unsigned want;
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, "DE USt-IdNr")) != IFGW_OK)
		return rc;
	ifgw_regno_strip_prefix(&t, "DE");
	if (t.len != 9 || !ifgw_checkdigit_all_digits(t.s, t.len))
		return ifgw_regno_fail("DE USt-IdNr", t.s, "want DE and 9 digits");
	if ((rc = ifgw_regno_placeholder("DE USt-IdNr", &t)) != IFGW_OK)
		return rc;
	if (t.s[0] == '0')
		return ifgw_regno_fail("DE USt-IdNr", t.s, "first digit is 0");
	want = ifgw_checkdigit_iso7064_11_10(t.s, 8);
	if ((unsigned)(t.s[8] - '0') != want)
		return ifgw_regno_fail("DE USt-IdNr", t.s, "check digit wrong");
	return ifgw_regno_output(normalized, cap, "DE USt-IdNr", "DE", t.s);
}

const struct ifgw_country_profile ifgw_country_de = {
	.code = "DE",
	.name = "Germany",
	.wire_format = "edifactoring",
	.wire_version = "1.0",
	/* Latin-1 holds ä ö ü ß; a foreign name's "Ł" or an "€" in free text
	 * may be transliterated rather than refused. */
	.charset = "ISO-8859-1",
	.allow_translit = 1,
	.calendar = "DE",
	.language = "de",
	.limits = IFGW_LIMITS_EDIFACTORING,
	.regno_name = "Handelsregisternummer",
	.check_regno = de_check_regno,
	.vat_name = "USt-IdNr.",
	.check_vat = de_check_vat,
};
