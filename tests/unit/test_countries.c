/* test_countries.c: country profiles and registration / VAT number checks.
 *
 * The samples live in tests/data/countries/<CC>.tsv (real numbers of
 * well-known companies, published examples, and constructed refusals, each
 * with its source); this file checks every line of them, then properties
 * the check-digit schemes guarantee. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "adapters/charset.h"
#include "adapters/checkdigits.h"
#include "adapters/country.h"
#include "base/file.h"
#include "testutil.h"

#define SAMPLES_MAX (1u << 20)

static size_t profile_count(void)
{
	size_t n = 0;

	while (ifgw_country_profiles[n])
		n++;
	return n;
}

static int in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* BCP 47 as we use it: a 2-3 letter language, then subtags of 2-8 letters
 * or digits ("fr", "en-GB", "zh-Hans"). */
static int is_bcp47(const char *tag)
{
	size_t n = 0;

	while (islower((unsigned char)tag[n]))
		n++;
	if (n < 2 || n > 3)
		return 0;
	tag += n;
	while (*tag == '-') {
		tag++;
		for (n = 0; isalnum((unsigned char)tag[n]); n++)
			;
		if (n < 2 || n > 8)
			return 0;
		tag += n;
	}
	return *tag == '\0';
}

START_TEST(every_profile_present_and_well_formed)
{
	static const char *const codes[] = {"CN", "DE", "ES", "FR", "GB", "IT", "JP", "PL", "TR", "US", NULL};
	static const char *const calendars[] = {"TARGET", "FR", "DE", "IT", "ES", "GB", "US",
						"JP", "CN", "TR", "PL", NULL};
	static const char *const charsets[] = {"UTF-8", "ISO-8859-1", "ISO-8859-2", "ISO-8859-9", "WINDOWS-1252",
					       "WINDOWS-1254", "CP932", "GB18030", NULL};
	const struct ifgw_country_profile *p, *q;
	int windows = 0, edi = 0, iso = 0;
	size_t i;

	ck_assert_uint_eq(profile_count(), 10);
	for (i = 0; codes[i]; i++) {
		p = ifgw_country_profiles[i];
		/* In ISO code order, so that listings are stable. */
		ck_assert_str_eq(p->code, codes[i]);
		ck_assert_ptr_eq(ifgw_country_find(codes[i]), p);
		ck_assert_ptr_nonnull(p->name);
		ck_assert_uint_gt(strlen(p->name), 2);
		ck_assert_msg(strcmp(p->wire_format, "edifactoring") == 0 || strcmp(p->wire_format, "iso20022") == 0,
			      "%s: wire format %s", p->code, p->wire_format);
		ck_assert_msg(p->wire_version && *p->wire_version, "%s: no wire version", p->code);
		ck_assert_msg(in_list(p->charset, charsets), "%s: charset %s", p->code, p->charset);
		ck_assert_ok(ifgw_charset_supported(p->charset));
		ck_assert_msg(in_list(p->calendar, calendars), "%s: calendar %s", p->code, p->calendar);
		ck_assert_msg(is_bcp47(p->language), "%s: language %s is not BCP 47", p->code, p->language);
		ck_assert_msg(p->allow_translit == 0 || p->allow_translit == 1, "%s: allow_translit", p->code);
		/* Every limit set, none beyond what either wire format allows. */
		ck_assert(p->limits.party_name >= 35 && p->limits.party_name <= 140);
		ck_assert(p->limits.street >= 35 && p->limits.street <= 70);
		ck_assert(p->limits.city >= 35 && p->limits.city <= 35);
		ck_assert(p->limits.postcode >= 9 && p->limits.postcode <= 16);
		ck_assert(p->limits.region >= 9 && p->limits.region <= 35);
		ck_assert(p->limits.contact >= 35 && p->limits.contact <= 140);
		ck_assert(p->limits.free_text >= 350 && p->limits.free_text <= 1400);
		ck_assert_uint_eq(p->limits.document_number, 35);
		ck_assert_uint_eq(p->limits.reference, 35);
		ck_assert_ptr_nonnull(p->check_regno);
		ck_assert_msg(p->regno_name && *p->regno_name, "%s: regno_name", p->code);
		ck_assert_msg((p->vat_name == NULL) == (p->check_vat == NULL), "%s: vat_name and check_vat", p->code);
		/* ISO 20022 XML is UTF-8 by its design rules. */
		if (strcmp(p->wire_format, "iso20022") == 0) {
			ck_assert_str_eq(p->charset, "UTF-8");
			iso++;
		} else {
			edi++;
		}
		if (strncmp(p->charset, "WINDOWS-125", 11) == 0)
			windows++;
	}
	ck_assert_ptr_null(ifgw_country_profiles[i]);
	/* The requirements on charsets. */
	ck_assert_str_eq(ifgw_country_find("JP")->charset, "CP932"); /* docs/adapters.md: Japan */
	ck_assert_str_eq(ifgw_country_find("CN")->charset, "GB18030");
	ck_assert_str_eq(ifgw_country_find("TR")->charset, "ISO-8859-9");
	ck_assert_str_eq(ifgw_country_find("PL")->charset, "ISO-8859-2");
	ck_assert_int_gt(windows, 0);
	ck_assert_int_gt(edi, 0);
	ck_assert_int_gt(iso, 0);
	/* Look-up ignores case; unknown codes are refused by name. */
	ck_assert_ptr_eq(ifgw_country_find("jp"), ifgw_country_find("JP"));
	ck_assert_ptr_null(ifgw_country_find("XX"));
	ck_assert_ptr_null(ifgw_country_find(NULL));
	ck_assert_ptr_null(ifgw_country_find("FRA"));
	ck_assert_ok(ifgw_country_lookup(&q, "pl"));
	ck_assert_str_eq(q->code, "PL");
	ck_assert_fails(ifgw_country_lookup(&q, "XX"), IFGW_ENOTFOUND, "country 'XX': no profile (profiles: CN DE");
	ck_assert_ptr_null(q);
}
END_TEST

struct sample_counts {
	unsigned ok, fail;
};

/* Check every line of tests/data/countries/<dir><CC>.tsv against p. */
static void check_samples(const struct ifgw_country_profile *p, const char *dir, struct sample_counts *regno,
			  struct sample_counts *vat)
{
	char rel[64], norm[IFGW_REGNO_MAX], again[IFGW_REGNO_MAX];
	char *line, *next, *f[5];
	struct ifgw_buf b;
	unsigned lineno = 0;
	int i, rc, is_vat;

	snprintf(rel, sizeof(rel), "tests/data/countries/%s%s.tsv", dir, p->code);
	ifgw_buf_init(&b, SAMPLES_MAX);
	ck_assert_ok(ifgw_file_read(&b, ifgw_test_srcpath(rel)));
	for (line = b.ptr; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (*line == '#' || *line == '\0')
			continue;
		for (i = 0; i < 5; i++) {
			f[i] = line;
			line = strchr(line, '\t');
			ck_assert_msg(line || i == 4, "%s:%u: want 5 tab-separated columns", rel, lineno);
			if (line)
				*line++ = '\0';
		}
		ck_assert_msg(*f[4], "%s:%u: no source", rel, lineno);
		is_vat = strcmp(f[0], "vat") == 0;
		ck_assert_msg(is_vat || strcmp(f[0], "regno") == 0, "%s:%u: kind %s", rel, lineno, f[0]);
		ifgw_error_clear();
		memset(norm, 'x', sizeof(norm));
		if (is_vat)
			rc = ifgw_country_check_vat(p, f[1], strlen(f[1]), norm, sizeof(norm));
		else
			rc = ifgw_country_check_regno(p, f[1], strlen(f[1]), norm, sizeof(norm));
		if (strcmp(f[2], "ok") == 0) {
			ck_assert_msg(rc == IFGW_OK, "%s:%u: %s refused: %s", rel, lineno, f[1], ifgw_error_last());
			ck_assert_msg(strcmp(norm, f[3]) == 0, "%s:%u: %s normalized to %s, want %s", rel, lineno, f[1],
				      norm, f[3]);
			/* The normalized form is a fixed point. */
			rc = is_vat ? ifgw_country_check_vat(p, norm, strlen(norm), again, sizeof(again))
				    : ifgw_country_check_regno(p, norm, strlen(norm), again, sizeof(again));
			ck_assert_msg(rc == IFGW_OK && strcmp(again, norm) == 0, "%s:%u: %s not stable", rel, lineno,
				      norm);
			/* A buffer one byte short is refused, not overrun. */
			memset(again, 'x', sizeof(again));
			ck_assert_fails(is_vat ? ifgw_country_check_vat(p, f[1], strlen(f[1]), again, strlen(norm))
					       : ifgw_country_check_regno(p, f[1], strlen(f[1]), again, strlen(norm)),
					IFGW_EOVERFLOW, "too small");
			ck_assert_int_eq(again[strlen(norm)], 'x');
			if (is_vat)
				vat->ok++;
			else
				regno->ok++;
		} else {
			ck_assert_msg(strcmp(f[2], "fail") == 0, "%s:%u: expect %s", rel, lineno, f[2]);
			ck_assert_msg(rc == IFGW_EINVAL, "%s:%u: %s gave %s, want EINVAL", rel, lineno, f[1],
				      ifgw_result_name(rc));
			ck_assert_msg(strstr(ifgw_error_last(), f[3]) != NULL, "%s:%u: reason '%s' lacks '%s'", rel,
				      lineno, ifgw_error_last(), f[3]);
			/* Every reason starts with the country and is one line. */
			ck_assert_msg(strncmp(ifgw_error_last(), p->code, 2) == 0 && ifgw_error_last()[2] == ' ',
				      "%s:%u: reason '%s' does not start with %s", rel, lineno, ifgw_error_last(),
				      p->code);
			ck_assert_ptr_null(strchr(ifgw_error_last(), '\n'));
			if (is_vat)
				vat->fail++;
			else
				regno->fail++;
		}
		ifgw_error_clear();
	}
	ifgw_buf_free(&b);
}

START_TEST(samples_of_every_country)
{
	const struct ifgw_country_profile *const *p;
	struct sample_counts regno, vat;

	for (p = ifgw_country_profiles; *p; p++) {
		memset(&regno, 0, sizeof(regno));
		memset(&vat, 0, sizeof(vat));
		check_samples(*p, "", &regno, &vat);
		/* Several valid and invalid numbers for each check a country has. */
		ck_assert_msg(regno.ok >= 3 && regno.fail >= 2, "%s: %u valid, %u invalid registration samples",
			      (*p)->code, regno.ok, regno.fail);
		if ((*p)->check_vat)
			ck_assert_msg(vat.ok >= 2 && vat.fail >= 1, "%s: %u valid, %u invalid VAT samples", (*p)->code,
				      vat.ok, vat.fail);
	}
}
END_TEST

/* The differential table: numbers generated from the registers' rules by
 * tests/data/countries/generate.py (its own implementation of each rule),
 * valid and mutated (a digit changed, two transposed, the all-zero
 * placeholder), with the outcome that script's rule gives. */
START_TEST(generated_numbers_agree_with_the_rules)
{
	static const char *const codes[] = {"CN", "DE", "ES", "FR", "GB", "IT", "JP", "PL", "TR", NULL};
	struct sample_counts regno, vat;
	size_t i;

	for (i = 0; codes[i]; i++) {
		memset(&regno, 0, sizeof(regno));
		memset(&vat, 0, sizeof(vat));
		check_samples(ifgw_country_find(codes[i]), "generated/", &regno, &vat);
		ck_assert_msg(regno.ok + vat.ok >= 40 && regno.fail + vat.fail >= 40, "%s: %u + %u valid, %u + %u invalid",
			      codes[i], regno.ok, vat.ok, regno.fail, vat.fail);
	}
}
END_TEST

/* Change each character of a valid number to every other digit (or letter
 * of the scheme) and expect a refusal: the schemes below detect every
 * single substitution (Luhn, MOD 11,10, prime moduli 97, 11, 23 and 31).
 * Not GB VAT: with two valid remainders (0 and 42) a substitution of weight
 * 7 x 6 = 42 moves one valid number onto another. */
static void single_substitutions_refused(const char *cc, int vat, const char *number, size_t from, size_t to,
					 const char *alphabet)
{
	const struct ifgw_country_profile *p = ifgw_country_find(cc);
	char text[IFGW_REGNO_MAX], norm[IFGW_REGNO_MAX];
	const char *a;
	size_t i, n = strlen(number);
	int rc;

	ck_assert_ptr_nonnull(p);
	for (i = from; i < to; i++) {
		for (a = alphabet; *a; a++) {
			if (*a == number[i])
				continue;
			memcpy(text, number, n + 1);
			text[i] = *a;
			ifgw_error_clear();
			rc = vat ? ifgw_country_check_vat(p, text, n, norm, sizeof(norm))
				 : ifgw_country_check_regno(p, text, n, norm, sizeof(norm));
			ck_assert_msg(rc == IFGW_EINVAL, "%s %s accepted (from %s)", cc, text, number);
		}
	}
	ifgw_error_clear();
}

START_TEST(every_single_substitution_is_refused)
{
	static const char digits[] = "0123456789";

	single_substitutions_refused("FR", 0, "542051180", 0, 9, digits);       /* Luhn */
	single_substitutions_refused("FR", 0, "73282932000074", 0, 14, digits); /* Luhn */
	single_substitutions_refused("FR", 1, "FR59542051180", 2, 4, digits);   /* mod 97 key */
	single_substitutions_refused("DE", 1, "DE143454214", 2, 11, digits);    /* ISO 7064 MOD 11,10 */
	single_substitutions_refused("IT", 0, "00905811006", 0, 11, digits);    /* Luhn */
	single_substitutions_refused("ES", 0, "54362315K", 0, 8, digits);       /* mod 23 */
	single_substitutions_refused("ES", 0, "A28015865", 1, 9, digits);       /* CIF (Luhn) */
	single_substitutions_refused("PL", 0, "7740001454", 0, 10, digits);     /* mod 11 */
	single_substitutions_refused("CN", 0, "914403001922038216", 8, 18, "0123456789ABCDEFGHJKLMNPQRTUWXY");
}
END_TEST

START_TEST(checkdigit_helpers)
{
	static const int nip[9] = {6, 5, 7, 2, 3, 4, 5, 6, 7};
	char long_number[401];
	size_t i;

	ck_assert(ifgw_checkdigit_all_digits("0123456789", 10));
	ck_assert(!ifgw_checkdigit_all_digits("", 0));
	ck_assert(!ifgw_checkdigit_all_digits("12a", 3));
	ck_assert(!ifgw_checkdigit_all_digits("1/2", 3));
	/* Luhn: the ISO/IEC 7812 example 7992739871 has check digit 3. */
	ck_assert_uint_eq(ifgw_checkdigit_luhn_digit("7992739871", 10), 3);
	ck_assert_uint_eq(ifgw_checkdigit_luhn_sum("79927398713", 11) % 10, 0);
	ck_assert_uint_ne(ifgw_checkdigit_luhn_sum("79927398710", 11) % 10, 0);
	ck_assert_uint_eq(ifgw_checkdigit_luhn_digit("54205118", 8), 0); /* SIREN 542051180 */
	ck_assert_uint_eq(ifgw_checkdigit_digit_sum("35600000049837", 14), 45);
	/* MOD 97-10 over a number far beyond 64 bits: 10^399 mod 97. */
	long_number[0] = '1';
	for (i = 1; i < 400; i++)
		long_number[i] = '0';
	ck_assert_uint_eq(ifgw_checkdigit_mod97(long_number, 400), 45); /* pow(10, 399, 97) */
	ck_assert_uint_eq(ifgw_checkdigit_mod97("542051180", 9), 542051180u % 97);
	/* ISO 7064 MOD 11,10 on the USt-IdNr of SAP SE: 14345421 -> 4. */
	ck_assert_uint_eq(ifgw_checkdigit_iso7064_11_10("14345421", 8), 4);
	ck_assert_int_eq(ifgw_checkdigit_weighted_sum("774000145", nip, 9) % 11, 4);
	/* GS1: the check digit of the GLN 154807909835(5). */
	ck_assert_uint_eq(ifgw_checkdigit_gs1_digit("154807909835", 12), 5);
	ck_assert_uint_eq(ifgw_checkdigit_gs1_digit("401234500000", 12), 9);
}
END_TEST

START_TEST(separators_and_junk)
{
	const struct ifgw_country_profile *fr = ifgw_country_find("FR");
	char norm[IFGW_REGNO_MAX];

	/* Tabs, dots, slashes, dashes and commas are separators. */
	ck_assert_ok(ifgw_country_check_regno(fr, "\t542/051-180,", 13, norm, sizeof(norm)));
	ck_assert_str_eq(norm, "542051180");
	/* len is honoured: bytes after it are not read. */
	ck_assert_ok(ifgw_country_check_regno(fr, "542051180999", 9, norm, sizeof(norm)));
	ck_assert_str_eq(norm, "542051180");
	/* A NUL or a non-ASCII byte is named by offset, never printed raw. */
	ck_assert_fails(ifgw_country_check_regno(fr, "542\0" "051180", 10, norm, sizeof(norm)), IFGW_EINVAL,
			"FR SIREN/SIRET '542\\x00051180': byte 0x00 at offset 3 not allowed");
	ck_assert_fails(ifgw_country_check_regno(fr, "542\xC2\xA0" "051180", 11, norm, sizeof(norm)), IFGW_EINVAL,
			"byte 0xC2 at offset 3");
	ck_assert_fails(ifgw_country_check_regno(fr, "", 0, norm, sizeof(norm)), IFGW_EINVAL, "FR SIREN/SIRET: empty");
	/* A placeholder around a register type is quoted whole, not from the type on
	 * (XRechnung's "[HRA-Eintrag]" printed as 'HRA-Eintrag]' before). */
	ck_assert_fails(ifgw_country_check_regno(ifgw_country_find("DE"), "[HRA-Eintrag]", 13, norm, sizeof(norm)),
			IFGW_EINVAL, "DE Handelsregister '[HRA-Eintrag]': character '[' at offset 0 not allowed");
}
END_TEST

/* A legal registration id by its ISO 6523 ICD schemeID (issue 8). */
START_TEST(legal_ids_by_scheme)
{
	struct ifgw_party_id id;

	/* GLN: GS1 check digit (1548079098355 is the OpenPEPPOL ICD list's
	 * example), whatever the party's country. */
	ck_assert_ok(ifgw_party_check_legal_id(&id, "0088", "DE", "1548079098355", 13));
	ck_assert_int_eq(id.checked, 1);
	ck_assert_str_eq(id.normalized, "1548079098355");
	ck_assert_fails(ifgw_party_check_legal_id(&id, "0088", "DE", "1548079098356", 13), IFGW_EINVAL,
			"GLN (scheme 0088) 1548079098356: GS1 check digit wrong, want 5");
	ck_assert_fails(ifgw_party_check_legal_id(&id, "0088", "DE", "0000000000000", 13), IFGW_EINVAL, "all zeros");
	ck_assert_fails(ifgw_party_check_legal_id(&id, "0088", "DE", "HRB 12345", 9), IFGW_EINVAL, "want 13 digits");
	/* A register's scheme: that register's rule, not the party country's. */
	ck_assert_ok(ifgw_party_check_legal_id(&id, "0002", "DE", "542 051 180", 11));
	ck_assert_int_eq(id.checked, 1);
	ck_assert_str_eq(id.normalized, "542051180");
	ck_assert_fails(ifgw_party_check_legal_id(&id, "0009", "FR", "542051180", 9), IFGW_EINVAL, "want 14 digits");
	ck_assert_ok(ifgw_party_check_legal_id(&id, "0009", "FR", "73282932000074", 14));
	ck_assert_ok(ifgw_party_check_legal_id(&id, "0211", "DE", "IT00905811006", 13));
	ck_assert_str_eq(id.normalized, "00905811006");
	ck_assert_ok(ifgw_party_check_legal_id(&id, "0188", "US", "1180301018771", 13));
	ck_assert_fails(ifgw_party_check_legal_id(&id, "0002", "DE", "542051181", 9), IFGW_EINVAL,
			"FR SIREN 542051181: check digit wrong");
	/* Other schemes: accepted as given, and the note says so. */
	ck_assert_ok(ifgw_party_check_legal_id(&id, "0204", "DE", "04011000-1234512345-06", 22));
	ck_assert_int_eq(id.checked, 0);
	ck_assert_str_eq(id.note, "scheme 0204 (DE Leitweg-ID): accepted as given, no check of ours");
	ck_assert_ok(ifgw_party_check_legal_id(&id, "0189", "DE", "DE1234567890", 12));
	ck_assert_int_eq(id.checked, 0);
	ck_assert_ptr_nonnull(strstr(id.note, "0189 (European Business Identifier (EBID))"));
	ck_assert_ok(ifgw_party_check_legal_id(&id, "9999", "DE", "whatever", 8));
	ck_assert_str_eq(id.note, "scheme 9999: accepted as given, no check of ours");
	/* No scheme: the party country's register; no profile: unchecked. */
	ck_assert_ok(ifgw_party_check_legal_id(&id, NULL, "DE", "Aachen HRB 44123", 16));
	ck_assert_str_eq(id.normalized, "HRB 44123 (Aachen)");
	ck_assert_fails(ifgw_party_check_legal_id(&id, "", "DE", "1548079098355", 13), IFGW_EINVAL,
			"DE Handelsregister");
	ck_assert_ok(ifgw_party_check_legal_id(&id, NULL, "NL", "12345678", 8));
	ck_assert_int_eq(id.checked, 0);
	ck_assert_str_eq(id.note, "registration number of a party in NL: no rule of ours for this country, "
			 "accepted unchecked");
}
END_TEST

/* A VAT number by its own prefix, not the party's country (issue 8). */
START_TEST(vat_ids_by_prefix)
{
	struct ifgw_party_id id;

	/* The HU number of the EN 16931 huf_example_cii.xml, on a German
	 * party: an EU prefix without a rule of ours, accepted unchecked. */
	ck_assert_ok(ifgw_party_check_vat_id(&id, "DE", "HU12345678", 10));
	ck_assert_int_eq(id.checked, 0);
	ck_assert_str_eq(id.note, "VAT number with the prefix HU: no rule of ours for this country, accepted unchecked");
	ck_assert_ok(ifgw_party_check_vat_id(&id, "DE", "NL123456789B01", 14));
	ck_assert_int_eq(id.checked, 0);
	ck_assert_ok(ifgw_party_check_vat_id(&id, "GR", "EL123456789", 11)); /* Greece writes EL */
	ck_assert_ptr_nonnull(strstr(id.note, "prefix EL"));
	/* A profile's prefix is checked by that profile, whatever the party. */
	ck_assert_ok(ifgw_party_check_vat_id(&id, "DE", "FR 40 303 265 045", 17));
	ck_assert_int_eq(id.checked, 1);
	ck_assert_str_eq(id.normalized, "FR40303265045");
	ck_assert_fails(ifgw_party_check_vat_id(&id, "FR", "DE143454215", 11), IFGW_EINVAL, "DE USt-IdNr");
	ck_assert_ok(ifgw_party_check_vat_id(&id, "DE", "XI220430231", 11)); /* Northern Ireland: GB rule */
	ck_assert_str_eq(id.normalized, "XI220430231");
	/* No prefix: the party's country; without a profile, unchecked. */
	ck_assert_ok(ifgw_party_check_vat_id(&id, "DE", "143454214", 9));
	ck_assert_str_eq(id.normalized, "DE143454214");
	ck_assert_ok(ifgw_party_check_vat_id(&id, "JP", "T1180301018771", 14));
	ck_assert_str_eq(id.normalized, "T1180301018771");
	ck_assert_ok(ifgw_party_check_vat_id(&id, "NO", "974760673", 9));
	ck_assert_int_eq(id.checked, 0);
	ck_assert_ptr_nonnull(strstr(id.note, "party in NO"));
	/* A non-EU prefix we have no rule for falls back to the party country. */
	ck_assert_fails(ifgw_party_check_vat_id(&id, "DE", "CHE123456789", 12), IFGW_EINVAL, "DE USt-IdNr");
	ifgw_error_clear();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("countries");
	TCase *tc = tcase_create("countries");

	tcase_add_test(tc, every_profile_present_and_well_formed);
	tcase_add_test(tc, samples_of_every_country);
	tcase_add_test(tc, generated_numbers_agree_with_the_rules);
	tcase_add_test(tc, every_single_substitution_is_refused);
	tcase_add_test(tc, checkdigit_helpers);
	tcase_add_test(tc, separators_and_junk);
	tcase_add_test(tc, legal_ids_by_scheme);
	tcase_add_test(tc, vat_ids_by_prefix);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
