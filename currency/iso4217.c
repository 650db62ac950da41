/* iso4217.c: look-ups in the generated ISO 4217 table (see iso4217.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#define IFGW_ISO4217_INTERNAL
#include "currency/iso4217_int.h"

static int is_code(const char *s, size_t len)
{
	return len == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z';
}

static const struct ifgw_currency *find3(const char *code)
{
	size_t lo = 0, hi = ifgw_iso4217_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(code, ifgw_iso4217_table[mid].code, 3);

		if (c == 0)
			return &ifgw_iso4217_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct ifgw_currency *ifgw_currency_find(const char *code)
{
	if (!code || !is_code(code, strnlen(code, 4)))
		return NULL;
	return find3(code);
}

int ifgw_currency_lookup(const struct ifgw_currency **out, const char *code, size_t len)
{
	const struct ifgw_currency *c;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(code || !len);

	*out = NULL;
	if (!is_code(code, len))
		return ifgw_error_set(IFGW_EINVAL, "currency '%.*s' is not a three-letter ISO 4217 code",
				      (int)(len > 20 ? 20 : len), code);
	c = find3(code);
	if (!c)
		return ifgw_error_set(IFGW_ENOTFOUND, "unknown currency '%.3s' (not in ISO 4217)", code);
	*out = c;
	return IFGW_OK;
}

const struct ifgw_currency *ifgw_currency_by_numeric(unsigned numeric)
{
	const struct ifgw_currency *withdrawn = NULL;
	size_t i;

	for (i = 0; i < ifgw_iso4217_count; i++) {
		if (ifgw_iso4217_table[i].numeric != numeric || numeric == 0)
			continue;
		if (!(ifgw_iso4217_table[i].flags & IFGW_CCY_WITHDRAWN))
			return &ifgw_iso4217_table[i];
		withdrawn = &ifgw_iso4217_table[i];
	}
	return withdrawn;
}

size_t ifgw_currency_count(void)
{
	return ifgw_iso4217_count;
}

const struct ifgw_currency *ifgw_currency_at(size_t i)
{
	return i < ifgw_iso4217_count ? &ifgw_iso4217_table[i] : NULL;
}

int ifgw_currency_is_tradeable(const struct ifgw_currency *c)
{
	return c && c->minor_units >= 0 && !(c->flags & (IFGW_CCY_FUND | IFGW_CCY_METAL | IFGW_CCY_SPECIAL));
}
