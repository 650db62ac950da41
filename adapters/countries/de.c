/* de.c: Germany: Handelsregister number and USt-IdNr.
 *
 * USt-IdNr: "DE" + 9 digits, the first not 0, the 9th a check digit by
 * ISO/IEC 7064 MOD 11,10 over the first 8 (Bundeszentralamt für Steuern,
 * "Aufbau der USt-IdNr").  Handelsregister: register type (HRA, HRB, GnR,
 * PR, VR, GsR) + a number of at most 6 digits + an optional letter suffix
 * ("HRB 12345 B" in Berlin); it has no check digit, so the check is of the
 * format only.  The register court makes the number unique; invoices write
 * it before or after the number, and it is kept (see de_check_regno). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "adapters/checkdigits.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

/* Register types, as written ("GnR"), matched on the upper-cased text. */
static const char *const register_types[] = {"HRA", "HRB", "GnR", "GsR", "PR", "VR", NULL};

/* The longest court name kept, in bytes of UTF-8 ("Frankfurt am Main",
 * "Berlin (Charlottenburg)" and "Villingen-Schwenningen" fit). */
#define COURT_MAX 40

/* The register number alone: type, 1-6 digits, an optional 1-2 letter
 * suffix, written "HRB 12345 B" into out (cap >= 16). */
static int de_register_number(const char *text, size_t len, char *out, size_t cap)
{
	struct ifgw_regno_text t;
	const char *const *type;
	size_t n = 0, digits, i;
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
	snprintf(out, cap, "%s %.*s%s%s", *type, (int)digits, t.s + n, t.len > n + digits ? " " : "",
		 t.s + n + digits);
	return IFGW_OK;
}

static int is_letter_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* Where the register type starts in text (a word of its own followed by the
 * number: "Aachen HRB 44123", "HRB12345"), or len when it is not there. */
static size_t find_register_type(const char *text, size_t len)
{
	const char *const *type;
	size_t i, n;

	for (i = 0; i < len; i++) {
		if (i > 0 && is_letter_byte((unsigned char)text[i - 1]))
			continue;
		for (type = register_types; *type; type++) {
			n = strlen(*type);
			if (i + n < len && strncasecmp(text + i, *type, n) == 0 &&
			    !is_letter_byte((unsigned char)text[i + n]))
				return i;
		}
	}
	return len;
}

/* The end of the register number that starts at text[i]: type, separators,
 * digits and a 1-2 letter suffix standing alone ("HRB 12345 B"). */
static size_t register_end(const char *text, size_t len, size_t i)
{
	size_t e, k;

	while (i < len && is_letter_byte((unsigned char)text[i]))
		i++;
	while (i < len && strchr(" \t.-/", text[i]))
		i++;
	while (i < len && text[i] >= '0' && text[i] <= '9')
		i++;
	e = i;
	for (k = i; k < len && (text[k] == ' ' || text[k] == '\t'); k++)
		;
	i = k;
	while (k < len && k - i < 3 && is_letter_byte((unsigned char)text[k]))
		k++;
	if (k > i && k - i <= 2 && !(k - i == 2 && strncasecmp(text + i, "AG", 2) == 0) &&
	    (k == len || !is_letter_byte((unsigned char)text[k])) && (k == len || text[k] != '.'))
		e = k;
	return e;
}

/* Well-formed UTF-8 (no overlongs' lead bytes C0, C1, nothing above F4). */
static int utf8_ok(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, more;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if (u[i] >= 0xC2 && u[i] <= 0xDF)
			more = 1;
		else if (u[i] >= 0xE0 && u[i] <= 0xEF)
			more = 2;
		else if (u[i] >= 0xF0 && u[i] <= 0xF4)
			more = 3;
		else
			return 0;
		for (k = 1; k <= more; k++)
			if (i + k >= n || (u[i + k] & 0xC0) != 0x80)
				return 0;
		i += more + 1;
	}
	return 1;
}

/* Words that say what the court is, not which ("Amtsgericht Köln"). */
static const char *const court_words[] = {"Amtsgericht", "Registergericht", "AG", NULL};

/* Trim what surrounds a court name: separators, ":" and ";", then one court
 * pair of enclosing parentheses, then court words.  Sets *introduced when a court
 * word, a comma or parentheses showed that a court follows. */
static void court_trim(const char **s, size_t *n, int *introduced)
{
	const char *const *w;
	size_t wl;
	int again;

	while (*n && strchr(" \t,;:", (*s)[0])) {
		if ((*s)[0] == ',' || (*s)[0] == ';')
			*introduced = 1;
		(*s)++, (*n)--;
	}
	while (*n && strchr(" \t,;:", (*s)[*n - 1]))
		(*n)--;
	if (*n >= 2 && (*s)[0] == '(' && (*s)[*n - 1] == ')') {
		(*s)++, *n -= 2;
		*introduced = 1;
	}
	do { /* "Registergericht: Amtsgericht Köln": every court word */
		again = 0;
		for (w = court_words; *w && !again; w++) {
			wl = strlen(*w);
			if (*n >= wl && strncasecmp(*s, *w, wl) == 0 && (*n == wl || strchr(" \t:", (*s)[wl]))) {
				*s += wl, *n -= wl;
				*introduced = again = 1;
				while (*n && strchr(" \t:", (*s)[0]))
					(*s)++, (*n)--;
			}
		}
	} while (again);
}

/* Copy a court name into out (cap > COURT_MAX), spaces collapsed; IFGW_EINVAL
 * unless it is letters (any script), spaces, '-', '.', '(' and ')',
 * starting with a letter, at most COURT_MAX bytes of well-formed UTF-8. */
static int court_copy(const char *s, size_t n, char *out, size_t cap, const char *number)
{
	char shown[200];
	size_t i, o = 0;

	ifgw_regno_quote(shown, sizeof(shown), s, n);
	if (n == 0 || !is_letter_byte((unsigned char)s[0]))
		return ifgw_regno_fail("DE Handelsregister", number, "court '%s' does not start with a letter", shown);
	if (!utf8_ok(s, n))
		return ifgw_regno_fail("DE Handelsregister", number, "court '%s' is not UTF-8", shown);
	for (i = 0; i < n; i++) {
		if (!is_letter_byte((unsigned char)s[i]) && !strchr(" \t-.()", s[i]))
			return ifgw_regno_fail("DE Handelsregister", number,
					       "court '%s' may hold letters, spaces, '-', '.' and parentheses only", shown);
		if ((s[i] == ' ' || s[i] == '\t') && o > 0 && out[o - 1] == ' ')
			continue;
		if (o + 1 >= cap || o >= COURT_MAX)
			return ifgw_regno_fail("DE Handelsregister", number, "court '%s' longer than %d bytes", shown,
					       COURT_MAX);
		out[o++] = s[i] == '\t' ? ' ' : s[i];
	}
	out[o] = '\0';
	return IFGW_OK;
}

/* The register number as invoices write it, with or without the register
 * court before or after it ("Aachen HRB 44123", "HRB 12345, Amtsgericht
 * Köln", "HRB 6684 (München)"), normalised to "HRB 44123" or, with a court,
 * "HRB 44123 (Aachen)": the court makes the number unique, so it is kept. */
static int de_check_regno(const char *text, size_t len, char *normalized, size_t cap)
{
	char number[24], court[COURT_MAX + 1], out[IFGW_REGNO_MAX];
	const char *before = text, *after;
	size_t at, end, nb, na;
	int rc, intro_before = 0, intro_after = 0;

	at = find_register_type(text, len);
	if (at == len) /* no type: let the number check say what is wrong */
		return de_register_number(text, len, number, sizeof(number));
	end = register_end(text, len, at);
	nb = at;
	after = text + end;
	na = len - end;
	court_trim(&before, &nb, &intro_before);
	court_trim(&after, &na, &intro_after);
	if (na && !intro_after) { /* "HRB 12345 BXY": not a court, a bad number */
		/* "[HRB-Eintrag]": what precedes is no court either; quote it all */
		if (nb && !is_letter_byte((unsigned char)before[0]))
			return de_register_number(text, len, number, sizeof(number));
		return de_register_number(text + at, len - at, number, sizeof(number));
	}
	if ((rc = de_register_number(text + at, end - at, number, sizeof(number))) != IFGW_OK)
		return rc;
	if (nb && na)
		return ifgw_regno_fail("DE Handelsregister", number, "text both before and after the number");
	court[0] = '\0';
	if (!nb && !na && (intro_before || intro_after))
		return ifgw_regno_fail("DE Handelsregister", number, "a court word or separator but no court name");
	if (nb || na) {
		if ((rc = court_copy(nb ? before : after, nb ? nb : na, court, sizeof(court), number)) != IFGW_OK)
			return rc;
	}
	snprintf(out, sizeof(out), "%s%s%s%s", number, court[0] ? " (" : "", court, court[0] ? ")" : "");
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
