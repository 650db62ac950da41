/* registry.c: the table of country profiles and its look-ups.
 *
 * Why these wire formats: the factors of FR, DE, IT, ES, TR, PL, JP and CN
 * trade two-factor export business on the FCI network, whose message set is
 * edifactoring, and send it in their national charsets (which is why the
 * charset is per profile).  GB and US partners are reached through ISO 20022
 * tsin, the format their banks' trade-finance platforms speak; ISO 20022 XML
 * must be UTF-8 (ISO 20022-4 XML design rules), so those two profiles are
 * UTF-8 and a GB18030 or Shift_JIS partner could not be an ISO 20022 one. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h"

const struct ifgw_country_profile *const ifgw_country_profiles[] = {
	&ifgw_country_cn, &ifgw_country_de, &ifgw_country_es, &ifgw_country_fr, &ifgw_country_gb,
	&ifgw_country_it, &ifgw_country_jp, &ifgw_country_pl, &ifgw_country_tr, &ifgw_country_us,
	NULL,
};

const struct ifgw_country_profile *ifgw_country_find(const char *code)
{
	const struct ifgw_country_profile *const *p;

	if (!code)
		return NULL;
	for (p = ifgw_country_profiles; *p; p++)
		if (strcasecmp((*p)->code, code) == 0)
			return *p;
	return NULL;
}

int ifgw_country_lookup(const struct ifgw_country_profile **out, const char *code)
{
	const struct ifgw_country_profile *const *p;
	char have[3 * 64] = "";
	size_t n = 0;

	*out = ifgw_country_find(code);
	if (*out)
		return IFGW_OK;
	for (p = ifgw_country_profiles; *p && n + 4 < sizeof(have); p++)
		n += (size_t)snprintf(have + n, sizeof(have) - n, "%s%s", n ? " " : "", (*p)->code);
	return ifgw_error_set(IFGW_ENOTFOUND, "country '%.8s': no profile (profiles: %s)", code ? code : "", have);
}

int ifgw_country_check_regno(const struct ifgw_country_profile *p, const char *text, size_t len,
			     char *normalized, size_t cap)
{
	return p->check_regno(text, len, normalized, cap);
}

int ifgw_country_check_vat(const struct ifgw_country_profile *p, const char *text, size_t len,
			   char *normalized, size_t cap)
{
	if (p->check_vat)
		return p->check_vat(text, len, normalized, cap);
	return p->check_regno(text, len, normalized, cap);
}
