/* iso4217.h: the ISO 4217 currency table.
 *
 * Generated at build time from the ISO 4217 lists as published (see
 * currency/data/SOURCES.md) by currency/gen_iso4217.awk: one entry per
 * alphabetic code, the active ones (about 180) and the withdrawn ones, which
 * historic data still uses (the ECB history quotes CYP, SIT, TRL ...).
 * Entries are static and never freed. */
#ifndef IFGW_CURRENCY_ISO4217_H
#define IFGW_CURRENCY_ISO4217_H

#include <stddef.h>
#include <stdint.h>

/* flags */
#define IFGW_CCY_FUND 0x01    /* fund code (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, ...) */
#define IFGW_CCY_METAL 0x02   /* precious metal (XAU, XAG, XPD, XPT) */
#define IFGW_CCY_SPECIAL 0x04 /* no minor unit: XDR, XSU, XUA, XTS, XXX, XBA..XBD, ... */
#define IFGW_CCY_WITHDRAWN 0x08 /* no longer in List One; see `withdrawn` */

#define IFGW_CCY_NO_MINOR_UNITS (-1)

struct ifgw_currency {
	char code[4];        /* alphabetic code, NUL-terminated: "EUR" */
	uint16_t numeric;    /* numeric code: 978 */
	int8_t minor_units;  /* 0..4, or IFGW_CCY_NO_MINOR_UNITS ("N.A." in the list) */
	uint8_t flags;       /* IFGW_CCY_* */
	const char *name;    /* "Euro" */
	const char *withdrawn; /* "YYYY-MM" of withdrawal, "" while active */
};

/* The entry for an alphabetic code (exactly 3 upper-case letters), or NULL. */
const struct ifgw_currency *ifgw_currency_find(const char *code);

/* Same, for len bytes of text; IFGW_ENOTFOUND naming the text when unknown,
 * IFGW_EINVAL when it is not three upper-case letters. */
int ifgw_currency_lookup(const struct ifgw_currency **out, const char *code, size_t len);

/* The entry for a numeric code, or NULL: the active code when a number was
 * reused (532 is XCG, not the withdrawn ANG). */
const struct ifgw_currency *ifgw_currency_by_numeric(unsigned numeric);

/* Iterate: 0 <= i < ifgw_currency_count(), sorted by alphabetic code,
 * withdrawn codes included (check IFGW_CCY_WITHDRAWN). */
size_t ifgw_currency_count(void);
const struct ifgw_currency *ifgw_currency_at(size_t i);

/* Money can be held, added and converted in it: it has minor units and is
 * neither a fund nor a metal nor a special code.  Withdrawn currencies with
 * known minor units are tradeable (historic amounts and rates). */
int ifgw_currency_is_tradeable(const struct ifgw_currency *c);

#endif
