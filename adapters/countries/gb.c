/* gb.c: United Kingdom: Companies House company number and the VAT number.
 *
 * Company number: 8 characters, either 8 digits (England and Wales; the
 * leading zeros are often dropped and are put back here) or a 2-character
 * prefix for the register and kind of body + 6 digits (SC Scotland, NI
 * Northern Ireland, OC/SO/NC limited liability partnerships, FC overseas
 * companies, ... as Companies House lists them).  There is no check digit:
 * the check is of the format and the prefix only.
 *
 * VAT (HMRC, VAT Notice 700/1 and the published check-digit method): 9
 * digits; Σ d1..d7 × 8,7,6,5,4,3,2 plus the last two digits read as a
 * number must be 0 mod 97 (the original series) or, for numbers issued since
 * 2010 (the "-55" or 9755 method), 55 more must be: total ≡ 42 mod 97.  A
 * branch trader's 12-digit number is the 9 digits + a 3-digit branch;
 * government departments are GD000-GD499, health authorities HA500-HA999.
 * Prefix "GB", or "XI" for Northern Ireland traders under the Windsor
 * Framework. */
#include "config.h"

#include <string.h>

#include "adapters/checkdigits.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

/* Companies House prefixes (register and kind of body). */
static const char *const company_prefixes[] = {
	"AC", "CE", "CS", "FC", "GE", "GN", "GS", "IC", "IP", "LP", "NA", "NC", "NF", "NI", "NL", "NO",
	"NP", "NR", "NZ", "OC", "PC", "R0", "RC", "SA", "SC", "SE", "SF", "SG", "SI", "SL", "SO", "SP",
	"SR", "SZ", "ZC", NULL,
};

static int gb_check_regno(const char *text, size_t len, char *normalized, size_t cap)
{
	struct ifgw_regno_text t;
	const char *const *p;
	char out[9];
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, "GB company number")) != IFGW_OK)
		return rc;
	if ((rc = ifgw_regno_placeholder("GB company number", &t)) != IFGW_OK)
		return rc;
	if (ifgw_checkdigit_all_digits(t.s, t.len)) {
		if (t.len > 8)
			return ifgw_regno_fail("GB company number", t.s, "more than 8 digits");
		memset(out, '0', 8 - t.len);
		memcpy(out + 8 - t.len, t.s, t.len);
	} else {
		for (p = company_prefixes; *p; p++)
			if (t.len >= 2 && memcmp(t.s, *p, 2) == 0)
				break;
		if (!*p)
			return ifgw_regno_fail("GB company number", t.s, "prefix '%.2s' is not a Companies House prefix",
					       t.s);
		if (t.len < 3 || t.len > 8 || !ifgw_checkdigit_all_digits(t.s + 2, t.len - 2))
			return ifgw_regno_fail("GB company number", t.s, "want the prefix and 1 to 6 digits");
		memcpy(out, t.s, 2);
		memset(out + 2, '0', 8 - t.len);
		memcpy(out + (10 - t.len), t.s + 2, t.len - 2); /* parenthesised: out + 10 is past the array */
	}
	out[8] = '\0';
	return ifgw_regno_output(normalized, cap, "GB company number", NULL, out);
}

static const int vat_weights[9] = {8, 7, 6, 5, 4, 3, 2, 10, 1};

static int gb_check_vat(const char *text, size_t len, char *normalized, size_t cap)
{
	struct ifgw_regno_text t;
	const char *prefix = "GB";
	unsigned rest, num;
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, "GB VAT")) != IFGW_OK)
		return rc;
	if (!ifgw_regno_strip_prefix(&t, "GB") && ifgw_regno_strip_prefix(&t, "XI"))
		prefix = "XI";
	if (t.len == 5 && (memcmp(t.s, "GD", 2) == 0 || memcmp(t.s, "HA", 2) == 0)) {
		if (!ifgw_checkdigit_all_digits(t.s + 2, 3))
			return ifgw_regno_fail("GB VAT", t.s, "want GD or HA and 3 digits");
		num = (unsigned)(t.s[2] - '0') * 100 + (unsigned)(t.s[3] - '0') * 10 + (unsigned)(t.s[4] - '0');
		if ((t.s[0] == 'G') != (num < 500))
			return ifgw_regno_fail("GB VAT", t.s, "GD numbers are 000-499, HA numbers 500-999");
	} else if ((t.len == 9 || t.len == 12) && ifgw_checkdigit_all_digits(t.s, t.len)) {
		if ((rc = ifgw_regno_placeholder("GB VAT", &t)) != IFGW_OK)
			return rc;
		rest = (unsigned)(ifgw_checkdigit_weighted_sum(t.s, vat_weights, 9) % 97);
		/* The 9755 series started above 100 000 000. */
		if (rest != 0 && !(rest == 42 && memcmp(t.s, "100", 3) >= 0))
			return ifgw_regno_fail("GB VAT", t.s, "check digits wrong");
	} else {
		return ifgw_regno_fail("GB VAT", t.s, "want 9 digits, 12 (branch) or GD/HA and 3 digits");
	}
	return ifgw_regno_output(normalized, cap, "GB VAT", prefix, t.s);
}

const struct ifgw_country_profile ifgw_country_gb = {
	.code = "GB",
	.name = "United Kingdom",
	/* UK factors largely work on ISO 20022 with their banks; ISO 20022 XML
	 * is UTF-8 by its design rules, so nothing needs transliterating. */
	.wire_format = "iso20022",
	.wire_version = "001.01",
	.charset = "UTF-8",
	.allow_translit = 0,
	.calendar = "GB",
	.language = "en-GB",
	.limits = IFGW_LIMITS_ISO20022,
	.regno_name = "Companies House company number",
	.check_regno = gb_check_regno,
	.vat_name = "VAT registration number",
	.check_vat = gb_check_vat,
};
