/* ledger_int.h: what the machines of gateway/ledger share (effects, the
 * refusal message, money helpers).  Not for use outside gateway/ledger. */
#ifndef IFGW_LEDGER_INT_H
#define IFGW_LEDGER_INT_H

#ifndef IFGW_LEDGER_INTERNAL
#error "ledger_int.h is private to gateway/ledger"
#endif

#include "gateway/ledger/ledger.h"

#define IFGW_LEDGER_DAY 86400

/* Append an outbox row / a log entry (amount may be NULL).  IFGW_EOVERFLOW
 * past IFGW_LEDGER_FX_MAX: the caller's apply rolls the effects back. */
int ifgw_ledger_fx_row(struct ifgw_ledger_effects *fx, int msg_type, int letter, int to, const char *to_id,
		       const char *subject, const struct ifgw_money *amount);
int ifgw_ledger_fx_log(struct ifgw_ledger_effects *fx, int64_t now, const char *kind, const char *subject,
		       const char *actor, const struct ifgw_money *amount);

/* IFGW_ESTATE: "<thing> <id> (<state>): <event> not allowed[: why]". */
int ifgw_ledger_refuse(const char *thing, const char *id, const char *state, int event, const char *why);

/* The money m of the currency ccy with minor units v. */
struct ifgw_money ifgw_ledger_amount(int64_t v, const struct ifgw_currency *ccy);

/* 1 when a and b are the same currency. */
int ifgw_ledger_same_ccy(const struct ifgw_currency *a, const struct ifgw_currency *b);

/* The UTC day of t in the civil time UTC + offset. */
int32_t ifgw_ledger_local_date(int64_t t, int32_t utc_offset);

#endif
