/* money.h: exact money: an int64 count of minor units and a currency.
 *
 * No binary floating point anywhere: amounts are parsed and printed as decimal
 * strings digit by digit, and every operation either gives the exact answer
 * or fails (IFGW_EOVERFLOW, never a wrap).  Where a result needs rounding
 * (percentages, conversions) the caller picks the rule; half-even is the
 * default everywhere. */
#ifndef IFGW_CURRENCY_MONEY_H
#define IFGW_CURRENCY_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "currency/iso4217.h"

struct ifgw_money {
	int64_t minor;                    /* amount in minor units: 1234.56 EUR = 123456 */
	const struct ifgw_currency *ccy;  /* never NULL in a valid value */
};

enum ifgw_rounding {
	IFGW_ROUND_HALF_EVEN = 0, /* banker's rounding: the default */
	IFGW_ROUND_HALF_UP,       /* ties away from zero */
	IFGW_ROUND_TOWARD_ZERO,   /* truncate */
};

/* "half-even" | "half-up" | "toward-zero" */
int ifgw_rounding_parse(enum ifgw_rounding *out, const char *text);
const char *ifgw_rounding_name(enum ifgw_rounding r);

/* How amount text may be written.  The default (all zero) is the canonical
 * form: optional '-', digits, optional '.' and at most minor_units digits;
 * no '+', no spaces, no exponent, no thousands separators. */
struct ifgw_amount_syntax {
	char decimal_sep;      /* 0 means '.' */
	char group_sep;        /* 0 means none allowed; e.g. ',' or ' ' or '.' for locale input;
				  groups are checked: 1-3 digits, then groups of exactly 3 */
	int allow_zero_padding; /* accept decimals beyond the currency's if they are all 0
				   ("1500.00" JPY from an ERP export); off by default */
};

/* Parse len bytes of amount text in ccy.  Refused with a message quoting the
 * text: empty, sign alone, a second sign or separator, exponent notation,
 * more decimals than ccy has ("1.5 JPY"), a value beyond int64 minor units,
 * a currency that is not tradeable. */
/* Why money cannot be held in c (not tradeable): "fund code", "precious
 * metal", "withdrawn from ISO 4217 in 2025-03" (a withdrawn code whose minor
 * unit is unknown), "no minor unit"; NULL when it is tradeable. */
#define IFGW_MONEY_WHY_STRLEN 64
const char *ifgw_money_untradeable_why(char out[IFGW_MONEY_WHY_STRLEN], const struct ifgw_currency *c);

int ifgw_money_parse(struct ifgw_money *out, const char *text, size_t len, const struct ifgw_currency *ccy,
		     const struct ifgw_amount_syntax *syntax);

/* Canonical text: "-1234.56", "0.05", "198289" (JPY); exactly minor_units
 * decimals.  IFGW_MONEY_STRLEN always suffices. */
#define IFGW_MONEY_STRLEN 32
void ifgw_money_format(char out[IFGW_MONEY_STRLEN], const struct ifgw_money *m);

/* out = a + b, a - b: same currency (else IFGW_EINVAL), no overflow. */
int ifgw_money_add(struct ifgw_money *out, const struct ifgw_money *a, const struct ifgw_money *b);
int ifgw_money_sub(struct ifgw_money *out, const struct ifgw_money *a, const struct ifgw_money *b);

/* A percentage in N3.4 form (0 to 100 with at most 4 decimals, as factoring
 * advance rates and fees are), held as millionths of one: 85.5% = 855000. */
#define IFGW_PERCENT_ONE 1000000 /* 100.0000% */
int ifgw_percent_parse(int32_t *out, const char *text, size_t len);
#define IFGW_PERCENT_STRLEN 10
void ifgw_percent_format(char out[IFGW_PERCENT_STRLEN], int32_t pct);

/* out = a * pct / 100%, one rounding by r. */
int ifgw_money_percent(struct ifgw_money *out, const struct ifgw_money *a, int32_t pct, enum ifgw_rounding r);

/* Split total into n parts proportional to weights (all >= 0, sum > 0) such
 * that the parts add up to total exactly: largest-remainder method, ties to
 * the earlier part.  parts[] must hold n entries. */
int ifgw_money_allocate(struct ifgw_money *parts, const struct ifgw_money *total, const int64_t *weights,
			size_t n);

#endif
