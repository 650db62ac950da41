/* country.h: country profiles: what a partner factor in a country expects on
 * the wire, and the check of that country's company and VAT numbers.
 *
 * A profile is constant data (one file a country, adapters/countries/xx.c)
 * found by its ISO 3166-1 alpha-2 code in one NULL-terminated table:
 *
 *     const struct ifgw_country_profile *p;
 *     char norm[IFGW_REGNO_MAX];
 *
 *     if ((rc = ifgw_country_lookup(&p, "FR")) != IFGW_OK) goto out;
 *     if ((rc = ifgw_country_check_regno(p, text, len, norm, sizeof(norm))) != IFGW_OK) goto out;
 *
 * Wire formats: the countries whose factors trade on the FCI network speak
 * edifactoring in their own charset; GB and US speak ISO 20022 tsin, whose
 * XML design rules require UTF-8 (see adapters/countries/registry.c). */
#ifndef IFGW_ADAPTERS_COUNTRY_H
#define IFGW_ADAPTERS_COUNTRY_H

#include <stddef.h>

/* A normalized registration or VAT number always fits in this many bytes
 * (longest: a German register number with its court, "HRB 123456 B
 * (court)", the court at most 40 bytes of UTF-8), terminating NUL
 * included. */
#define IFGW_REGNO_MAX 64

/* Maximum lengths, in characters (Unicode code points, not bytes), of the
 * free-form fields a partner in this country accepts.  Check a value with
 * ifgw_field_check_length() (adapters/charset.h). */
struct ifgw_field_limits {
	size_t party_name;      /* seller / debtor / factor name */
	size_t street;          /* street and number, one line */
	size_t city;
	size_t postcode;
	size_t region;          /* state, province, prefecture */
	size_t contact;         /* contact person name */
	size_t free_text;       /* message text, notices, remarks */
	size_t document_number; /* invoice / credit note number */
	size_t reference;       /* request, batch, cover and order references */
};

/* check_regno and check_vat below share one contract: text is len bytes
 * (not NUL-terminated); separators (spaces, tabs, dots, dashes, slashes,
 * commas) and, where the country allows it, the country prefix are dropped;
 * letters are upper-cased; then format and check digits are verified.  On
 * success normalized holds the NUL-terminated canonical form (cap >=
 * IFGW_REGNO_MAX always suffices) and IFGW_OK is returned.  On failure the
 * result is IFGW_EINVAL with a one-line reason naming the country, the kind
 * of number and the number ("FR SIREN 732829321: check digit wrong"), or
 * IFGW_EOVERFLOW when cap is too small. */

struct ifgw_country_profile {
	const char *code;         /* ISO 3166-1 alpha-2, upper case: "FR" */
	const char *name;         /* English short name: "France" */
	const char *wire_format;  /* adapter name: "edifactoring" | "iso20022" */
	const char *wire_version; /* message version the partner speaks: edifactoring "1.0",
				     iso20022 "001.01" (tsin.nnn.001.01) */
	const char *charset;      /* as iconv names it: "UTF-8", "ISO-8859-2", "SHIFT_JIS" ... */
	int allow_translit;       /* 1: a character the charset lacks may be transliterated
				     ("Ł" -> "L"); 0: it is an error naming the field */
	const char *calendar;     /* business-day calendar name (currency/ calendars): "FR" */
	const char *language;     /* BCP 47 tag for free text and notices: "fr", "ja", "zh-Hans" */
	struct ifgw_field_limits limits;
	const char *regno_name;   /* what check_regno checks: "SIREN/SIRET" */
	int (*check_regno)(const char *text, size_t len, char *normalized, size_t cap); /* never NULL */
	const char *vat_name;     /* what check_vat checks: "TVA intracommunautaire"; NULL with it */
	/* The normalized VAT number carries its prefix ("FR40303265045",
	 * "IT00743110157", "GB...", "XI...", "T1180301018771").  NULL where
	 * there is no VAT number besides the tax number check_regno checks
	 * (US EIN, CN code, TR VKN): ifgw_country_check_vat() then uses that. */
	int (*check_vat)(const char *text, size_t len, char *normalized, size_t cap);
};

/* Every profile, in ISO code order, then NULL. */
extern const struct ifgw_country_profile *const ifgw_country_profiles[];

/* The profile for an ISO 3166-1 alpha-2 code (case-insensitive), or NULL. */
const struct ifgw_country_profile *ifgw_country_find(const char *code);

/* Like ifgw_country_find; IFGW_ENOTFOUND naming the code when there is no
 * profile for it. */
int ifgw_country_lookup(const struct ifgw_country_profile **out, const char *code);

/* Check a company registration number with the profile's check_regno. */
int ifgw_country_check_regno(const struct ifgw_country_profile *p, const char *text, size_t len,
			     char *normalized, size_t cap);

/* Check a VAT / tax number: check_vat, or check_regno when the profile has no
 * separate VAT number. */
int ifgw_country_check_vat(const struct ifgw_country_profile *p, const char *text, size_t len,
			   char *normalized, size_t cap);

/* --- party identifiers by their scheme (adapters/countries/schemes.c) */

/* The outcome of a party identifier check that may also accept the id
 * unchecked (a scheme or a VAT prefix we have no rule for). */
struct ifgw_party_id {
	int checked;                   /* 1: a rule of ours checked and normalised it */
	char normalized[IFGW_REGNO_MAX]; /* when checked */
	char note[160];                /* when not: why, one line ("scheme 0204 (DE Leitweg-ID): accepted
					  as given, no check of ours") */
};

/* A legal registration id (EN 16931 BT-30 seller, BT-47 buyer) by its
 * ISO/IEC 6523 ICD schemeID: a national register's scheme is checked by that
 * register's rule (whatever the party's country), a GLN (0088) by its GS1
 * check digit; with no scheme (NULL or "") the party country's register
 * check applies, and a country without a profile is accepted unchecked.
 * Any other scheme is accepted as given, out->note saying so.  IFGW_EINVAL
 * with the one-line reason when a check refuses the id. */
int ifgw_party_check_legal_id(struct ifgw_party_id *out, const char *scheme, const char *country,
			      const char *text, size_t len);

/* A VAT number by its own prefix country (not the party's address): a
 * profile country's check_vat; an EU VAT prefix (EL for Greece, XI for
 * Northern Ireland, checked as GB) we have no rule for is accepted unchecked
 * with a note; no prefix: the party country's check (unchecked without a
 * profile). */
int ifgw_party_check_vat_id(struct ifgw_party_id *out, const char *country, const char *text, size_t len);

#endif
