/* cli_books.h: what the read-only book commands share (`ifgw invoices
 * list|show`, `ifgw covers list|show`): the books opened without keys and
 * without creating the store, a stored figure as money, a thing's history
 * from the log, and a `show` made of titled parts. */
#ifndef IFGW_CLI_BOOKS_H
#define IFGW_CLI_BOOKS_H

#include <stddef.h>

#include "cli/output.h"
#include "config/node_config.h"
#include "currency/money.h"
#include "gateway/node/book.h"
#include "gateway/node/contracts.h"
#include "gateway/store/store.h"

/* The configuration (for the contracts), the store as it is (never
 * created), and a book to read through. */
struct ifgw_cli_reader {
	struct ifgw_config *cfg;
	struct ifgw_node_contracts *contracts;
	struct ifgw_store *store;
	struct ifgw_book book;
};

/* config NULL: ./ifgw.xml; store NULL: the global --store, else the
 * configuration's <Store>.  On failure the error is pending; close anyway. */
int ifgw_cli_reader_open(struct ifgw_cli_reader *r, const char *config, const char *store);
void ifgw_cli_reader_close(struct ifgw_cli_reader *r);

/* Figure i of a stored thing, in its currency (ccy NULL when it has none). */
struct ifgw_money ifgw_cli_figure(const struct ifgw_store_thing_row *row, size_t i);

/* Every log entry about the thing `id` or its document `doc_kind:id`,
 * oldest first: index, time, kind, actor. */
int ifgw_cli_show_history(struct ifgw_output **out, enum ifgw_output_format fmt, struct ifgw_store *s, const char *id,
			  const char *doc_kind);

/* Write n parts to stdout: for people titled tables ("title:" then the
 * table, a blank line between), in JSON one object {"title": [...], ...}. */
int ifgw_cli_show_write(struct ifgw_output *const *parts, const char *const *titles, size_t n,
			enum ifgw_output_format fmt);

#endif
