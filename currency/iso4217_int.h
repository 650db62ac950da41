/* iso4217_int.h: the generated table, for iso4217.c and the generated iso4217_table.c only. */
#ifndef IFGW_CURRENCY_ISO4217_INT_H
#define IFGW_CURRENCY_ISO4217_INT_H

#ifndef IFGW_ISO4217_INTERNAL
#error "iso4217_int.h is private to currency/iso4217*.c: use currency/iso4217.h"
#endif

#include "currency/iso4217.h"

extern const struct ifgw_currency ifgw_iso4217_table[];
extern const size_t ifgw_iso4217_count;
extern const size_t ifgw_iso4217_active_count;

#endif
