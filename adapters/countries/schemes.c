/* schemes.c: party identifiers by their scheme (see adapters/country.h).
 *
 * Legal registration ids (EN 16931 BT-30, BT-47) carry an ISO/IEC 6523
 * International Code Designator as schemeID.  The codes and names below are
 * from the ISO 6523 ICD code list of EN 16931 (CEF eInvoicing code lists),
 * the structures from OpenPEPPOL's "Participant identifier schemes"
 * (docs.peppol.eu/edelivery/codelists), which lists all of them but 0189.
 * Only the registers whose rule we have are checked; the
 * others are named so that the note says what was accepted unchecked.
 *
 * VAT numbers: the EU VAT prefixes are the ISO 3166-1 codes of the member
 * states except EL for Greece, plus XI for Northern Ireland (Council
 * Directive 2006/112/EC art. 215; VIES). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "adapters/checkdigits.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

enum scheme_rule {
	RULE_NONE = 0, /* accepted as given */
	RULE_REGNO,    /* the country profile's check_regno */
	RULE_SIRET,    /* FR check_regno, 14 digits only */
	RULE_GLN,      /* GS1 13 digits */
};

struct scheme {
	const char *icd;
	const char *name;
	const char *country; /* profile code for RULE_REGNO / RULE_SIRET */
	enum scheme_rule rule;
};

static const struct scheme schemes[] = {
	{"0002", "FR SIRENE (SIREN or SIRET)", "FR", RULE_REGNO},
	{"0007", "SE Organisationsnummer", NULL, RULE_NONE},
	{"0009", "FR SIRET", "FR", RULE_SIRET},
	{"0060", "D-U-N-S number", NULL, RULE_NONE},
	{"0088", "GS1 Global Location Number", NULL, RULE_GLN},
	{"0106", "NL KvK number", NULL, RULE_NONE},
	{"0183", "CH UID", NULL, RULE_NONE},
	{"0184", "DK CVR number", NULL, RULE_NONE},
	{"0188", "JP Corporate Number", "JP", RULE_REGNO},
	{"0189", "European Business Identifier (EBID)", NULL, RULE_NONE},
	{"0190", "NL OIN", NULL, RULE_NONE},
	{"0192", "NO Organisasjonsnummer", NULL, RULE_NONE},
	{"0199", "Legal Entity Identifier (LEI)", NULL, RULE_NONE},
	{"0204", "DE Leitweg-ID", NULL, RULE_NONE},
	{"0208", "BE enterprise number", NULL, RULE_NONE},
	{"0210", "IT codice fiscale", NULL, RULE_NONE},
	{"0211", "IT Partita IVA", "IT", RULE_REGNO},
	{NULL, NULL, NULL, RULE_NONE},
};

static const char *const eu_vat_prefixes[] = {
	"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU",
	"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI",
	NULL,
};

static const struct scheme *scheme_find(const char *icd)
{
	const struct scheme *s;

	for (s = schemes; s->icd; s++)
		if (strcmp(s->icd, icd) == 0)
			return s;
	return NULL;
}

static int gln_check(struct ifgw_party_id *out, const char *text, size_t len)
{
	struct ifgw_regno_text t;
	unsigned want;
	int rc;

	if ((rc = ifgw_regno_clean(&t, text, len, "GLN (scheme 0088)")) != IFGW_OK)
		return rc;
	if (t.len != 13 || !ifgw_checkdigit_all_digits(t.s, t.len))
		return ifgw_regno_fail("GLN (scheme 0088)", t.s, "want 13 digits");
	if ((rc = ifgw_regno_placeholder("GLN (scheme 0088)", &t)) != IFGW_OK)
		return rc;
	want = ifgw_checkdigit_gs1_digit(t.s, 12);
	if ((unsigned)(t.s[12] - '0') != want)
		return ifgw_regno_fail("GLN (scheme 0088)", t.s, "GS1 check digit wrong, want %u", want);
	return ifgw_regno_output(out->normalized, sizeof(out->normalized), "GLN (scheme 0088)", NULL, t.s);
}

/* Accepted unchecked: say which country we have no rule for. */
static int by_country(struct ifgw_party_id *out, const char *what, const char *country)
{
	snprintf(out->note, sizeof(out->note), "%s %.2s: no rule of ours for this country, accepted unchecked",
		 what, country);
	return IFGW_OK;
}

int ifgw_party_check_legal_id(struct ifgw_party_id *out, const char *scheme, const char *country,
			      const char *text, size_t len)
{
	const struct ifgw_country_profile *p;
	const struct scheme *s;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!scheme || !scheme[0]) {
		p = ifgw_country_find(country);
		if (!p)
			return by_country(out, "registration number of a party in", country ? country : "");
		rc = ifgw_country_check_regno(p, text, len, out->normalized, sizeof(out->normalized));
		out->checked = rc == IFGW_OK;
		return rc;
	}
	s = scheme_find(scheme);
	if (!s || s->rule == RULE_NONE) {
		snprintf(out->note, sizeof(out->note), "scheme %.8s%s%s%s: accepted as given, no check of ours",
			 scheme, s ? " (" : "", s ? s->name : "", s ? ")" : "");
		return IFGW_OK;
	}
	if (s->rule == RULE_GLN) {
		rc = gln_check(out, text, len);
	} else {
		p = ifgw_country_find(s->country);
		rc = ifgw_country_check_regno(p, text, len, out->normalized, sizeof(out->normalized));
		if (rc == IFGW_OK && s->rule == RULE_SIRET && strlen(out->normalized) != 14)
			rc = ifgw_regno_fail("FR SIRET (scheme 0009)", out->normalized, "want 14 digits");
	}
	out->checked = rc == IFGW_OK;
	return rc;
}

int ifgw_party_check_vat_id(struct ifgw_party_id *out, const char *country, const char *text, size_t len)
{
	const struct ifgw_country_profile *p = NULL;
	const char *const *eu;
	char cc[3] = "";
	size_t i = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (i + 2 <= len && ((text[i] | 0x20) >= 'a' && (text[i] | 0x20) <= 'z') &&
	    ((text[i + 1] | 0x20) >= 'a' && (text[i + 1] | 0x20) <= 'z')) {
		cc[0] = (char)(text[i] & ~0x20);
		cc[1] = (char)(text[i + 1] & ~0x20);
	}
	if (cc[0]) {
		p = ifgw_country_find(strcmp(cc, "XI") == 0 ? "GB" : cc);
		for (eu = eu_vat_prefixes; !p && *eu; eu++)
			if (strcmp(*eu, cc) == 0)
				return by_country(out, "VAT number with the prefix", cc);
	}
	if (!p)
		p = ifgw_country_find(country);
	if (!p)
		return by_country(out, "VAT number of a party in", country ? country : "");
	rc = ifgw_country_check_vat(p, text, len, out->normalized, sizeof(out->normalized));
	out->checked = rc == IFGW_OK;
	return rc;
}
