/* contracts.h: the ledger's contracts from the node's configuration.
 *
 * config/ reads the file into plain data (struct ifgw_config_contract:
 * codes, names, minor units); the ledger runs on struct
 * ifgw_ledger_contract (a calendar, currencies, a day-count basis).  This
 * module maps one to the other, once, when a command or the node opens its
 * books:
 *
 *     struct ifgw_node_contracts *nc;
 *     rc = ifgw_node_contracts_build(&nc, cfg);
 *     k = ifgw_node_contracts_seller(nc, "S-FR-0001");   // its contract
 *     ...
 *     ifgw_node_contracts_free(nc);
 *
 * The result owns copies of everything it needs: it outlives cfg.
 *
 * Mapping (docs/DESIGN.md, "Node wiring"):
 *   - every configured seller's contract, role HOME, checked by
 *     ifgw_ledger_contract_check() (errors name the seller and its line);
 *   - the contract's currency: the currency of its fixed reserve and
 *     document fee (two different ones are refused here); none when it
 *     fixes no amount.  An invoice in another currency cannot be funded under it
 *     (the fixed amounts would have to be converted at an unknown rate):
 *     ifgw_node_contracts_accepts() says so before the invoice is taken;
 *   - a day-count basis absent from the file: the contract currency's
 *     (ifgw_ledger_daycount_default); a contract with neither a basis nor
 *     a currency runs ACT/360 and accepts only invoices whose currency's
 *     basis is that (not GBP, JPY: the file must then say which);
 *   - per Partner with a DecisionPolicy, the import contract and the
 *     ledger's policy (ifgw_node_contracts_import, _policy). */
#ifndef IFGW_NODE_CONTRACTS_H
#define IFGW_NODE_CONTRACTS_H

#include <stddef.h>

#include "config/node_config.h"
#include "currency/money.h"
#include "gateway/ledger/ledger.h"
#include "gateway/node/book.h"

struct ifgw_node_contracts;

/* Map every contract of cfg.  IFGW_EINVAL naming the seller (and the line)
 * whose contract the ledger cannot run with, or the calendar or currency
 * that is unknown; IFGW_ENOMEM. */
int ifgw_node_contracts_build(struct ifgw_node_contracts **out, const struct ifgw_config *cfg);
void ifgw_node_contracts_free(struct ifgw_node_contracts *nc);

/* The contract of the configured seller `seller`, or NULL when the node
 * factors no such seller.  Borrowed from nc. */
const struct ifgw_ledger_contract *ifgw_node_contracts_seller(const struct ifgw_node_contracts *nc,
							      const char *seller);

/* The contract of a thing of `seller` whose correspondent factor is
 * `partner` ("" or NULL: none): the configured seller's own when its
 * contract is with that partner (or the partner is not given); else the
 * import contract of `partner` when this node is its import factor (a
 * DecisionPolicy); else NULL. */
const struct ifgw_ledger_contract *ifgw_node_contracts_find(const struct ifgw_node_contracts *nc, const char *seller,
							    const char *partner);

/* This node as import factor of `partner` (a Partner with a
 * DecisionPolicy): the contract its books run that partner's sellers under
 * (export, partner = the export factor, role IMPORT, nothing advanced, no
 * fees, this node's calendar, the default dunning plan of docs/DESIGN.md),
 * and the policy its cover requests are decided by.  NULL when the node is
 * not that partner's import factor.  Borrowed from nc. */
const struct ifgw_ledger_contract *ifgw_node_contracts_import(const struct ifgw_node_contracts *nc,
							      const char *partner);
const struct ifgw_ledger_policy *ifgw_node_contracts_policy(const struct ifgw_node_contracts *nc, const char *partner);

/* The book's view of nc (ifgw_node_contracts_find), borrowed: nc must
 * outlive the book.  nc may be NULL (nothing found). */
struct ifgw_book_contracts ifgw_node_contracts_book(const struct ifgw_node_contracts *nc);

/* The node contracts behind a book's view, when it is one made by
 * ifgw_node_contracts_book(); NULL for any other provider (a test's own).
 * What the inbound path reads the decision policy from. */
const struct ifgw_node_contracts *ifgw_node_contracts_of(const struct ifgw_book_contracts *k);

/* The currency the seller's contract fixes amounts in, or NULL when it
 * fixes none (any currency whose day-count basis is the contract's). */
const struct ifgw_currency *ifgw_node_contracts_currency(const struct ifgw_node_contracts *nc, const char *seller);

/* May the seller's contract run an invoice in ccy?  IFGW_OK, else
 * IFGW_EINVAL with the reason ("seller S-FR-0001: its contract fixes its
 * amounts in EUR, the invoice is in USD"); IFGW_ENOTFOUND for a seller the
 * node does not factor. */
int ifgw_node_contracts_accepts(const struct ifgw_node_contracts *nc, const char *seller,
				const struct ifgw_currency *ccy);

#endif
