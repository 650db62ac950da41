/* countries_int.h: what the country files share (not for use outside
 * adapters/countries/).  Each xx.c defines one profile; registry.c lists
 * them; regno.c holds the clean-up and message helpers every check uses. */
#ifndef IFGW_ADAPTERS_COUNTRIES_INT_H
#define IFGW_ADAPTERS_COUNTRIES_INT_H

#ifndef IFGW_COUNTRIES_INTERNAL
#error "countries_int.h is private to adapters/countries/: use adapters/country.h"
#endif

#include <stddef.h>

#include "adapters/country.h"
#include "base/error.h"

extern const struct ifgw_country_profile ifgw_country_cn;
extern const struct ifgw_country_profile ifgw_country_de;
extern const struct ifgw_country_profile ifgw_country_es;
extern const struct ifgw_country_profile ifgw_country_fr;
extern const struct ifgw_country_profile ifgw_country_gb;
extern const struct ifgw_country_profile ifgw_country_it;
extern const struct ifgw_country_profile ifgw_country_jp;
extern const struct ifgw_country_profile ifgw_country_pl;
extern const struct ifgw_country_profile ifgw_country_tr;
extern const struct ifgw_country_profile ifgw_country_us;

/* Field limits of the two wire formats (edifactoring AN..n formats; the
 * ISO 20022 MaxNText types of tsin.001-013), shared by the profiles. */
#define IFGW_LIMITS_EDIFACTORING                                                                   \
	{                                                                                          \
		.party_name = 35, .street = 35, .city = 35, .postcode = 9, .region = 9,            \
		.contact = 35, .free_text = 1400, .document_number = 35, .reference = 35,          \
	}
#define IFGW_LIMITS_ISO20022                                                                       \
	{                                                                                          \
		.party_name = 140, .street = 70, .city = 35, .postcode = 16, .region = 35,         \
		.contact = 140, .free_text = 350, .document_number = 35, .reference = 35,          \
	}

/* A number with its separators removed: letters upper-cased, digits kept. */
struct ifgw_regno_text {
	char s[IFGW_REGNO_MAX];
	size_t len;
};

/* Clean len bytes of text into out: fold full-width digits, Latin letters,
 * hyphen and space to ASCII; drop ' ', tab, '.', '-', '/', ',';
 * upper-case ASCII letters; refuse any other byte, an empty result or more
 * than IFGW_REGNO_MAX - 1 characters (IFGW_EINVAL "what 'text': ..."). */
int ifgw_regno_clean(struct ifgw_regno_text *out, const char *text, size_t len, const char *what);

/* IFGW_EINVAL "what number: all zeros ..." when every digit of t is 0 (a
 * placeholder such as SIREN 000000000 or NIP 0000000000; the checksums of
 * several schemes accept it), else IFGW_OK.  Call after dropping the prefix. */
int ifgw_regno_placeholder(const char *what, const struct ifgw_regno_text *t);

/* Drop prefix (e.g. "FR") from the front of t if it is there; 1 if it was. */
int ifgw_regno_strip_prefix(struct ifgw_regno_text *t, const char *prefix);

/* Printable ASCII copy of untrusted text for a message (at most 40 bytes of
 * it, then "..."): other bytes as \xNN.  cap >= 200 holds any. */
void ifgw_regno_quote(char *out, size_t cap, const char *text, size_t len);

/* IFGW_EINVAL "what number: reason" (reason formatted like printf). */
int ifgw_regno_fail(const char *what, const char *number, const char *fmt, ...) IFGW_PRINTF(3, 4);

/* Write prefix (may be NULL) + number into normalized (cap bytes);
 * IFGW_EOVERFLOW naming what when it does not fit. */
int ifgw_regno_output(char *normalized, size_t cap, const char *what, const char *prefix,
		      const char *number);

#endif
