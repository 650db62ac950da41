/* cli_books.c: what the read-only book commands share (cli_books.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "cli/cli.h"
#include "cli/cli_books.h"
#include "currency/iso4217.h"

#define LOG_CHUNK 256 /* log entries read at a time */

int ifgw_cli_reader_open(struct ifgw_cli_reader *r, const char *config, const char *store)
{
	int rc;

	memset(r, 0, sizeof(*r));
	if (!config)
		config = IFGW_CLI_DEFAULT_CONFIG;
	if ((rc = ifgw_config_load(&r->cfg, config)) != IFGW_OK ||
	    (rc = ifgw_node_contracts_build(&r->contracts, r->cfg)) != IFGW_OK ||
	    (rc = ifgw_cli_store_open(&r->store, config, store, IFGW_STORE_NO_CREATE)) != IFGW_OK)
		return rc;
	r->book.store = r->store;
	r->book.contracts = ifgw_node_contracts_book(r->contracts);
	return IFGW_OK;
}

void ifgw_cli_reader_close(struct ifgw_cli_reader *r)
{
	ifgw_store_close(r->store);
	ifgw_node_contracts_free(r->contracts);
	ifgw_config_free(r->cfg);
	memset(r, 0, sizeof(*r));
}

struct ifgw_money ifgw_cli_figure(const struct ifgw_store_thing_row *row, size_t i)
{
	struct ifgw_money m;

	m.minor = row->figures[i];
	m.ccy = row->currency[0] ? ifgw_currency_find(row->currency) : NULL;
	return m;
}

int ifgw_cli_show_history(struct ifgw_output **out, enum ifgw_output_format fmt, struct ifgw_store *s, const char *id,
			  const char *doc_kind)
{
	static const struct ifgw_output_column cols[] = {
		{"index", IFGW_OUTPUT_INT}, {"time", IFGW_OUTPUT_TIME}, {"kind", IFGW_OUTPUT_TEXT}, {"actor", IFGW_OUTPUT_TEXT},
	};
	struct ifgw_store_log_entry *e = NULL;
	struct ifgw_output *o = NULL;
	char doc_subject[IFGW_STORE_SUBJECT_SIZE];
	uint64_t from = 0;
	size_t n = 0, i;
	int rc;

	snprintf(doc_subject, sizeof(doc_subject), "%s:%s", doc_kind, id);
	if ((rc = ifgw_output_new(&o, fmt, cols, sizeof(cols) / sizeof(cols[0]))) != IFGW_OK)
		return rc;
	if (!(e = calloc(LOG_CHUNK, sizeof(*e)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "out of memory");
		goto out;
	}
	do {
		if ((rc = ifgw_store_log_read(s, e, LOG_CHUNK, from, &n)) != IFGW_OK)
			goto out;
		for (i = 0; i < n; i++) {
			if (strcmp(e[i].subject, id) != 0 && strcmp(e[i].subject, doc_subject) != 0)
				continue;
			if ((rc = ifgw_output_int(o, (int64_t)e[i].index)) != IFGW_OK ||
			    (rc = ifgw_output_time(o, e[i].time)) != IFGW_OK ||
			    (rc = ifgw_output_text(o, e[i].kind)) != IFGW_OK ||
			    (rc = ifgw_output_text(o, e[i].actor[0] ? e[i].actor : NULL)) != IFGW_OK ||
			    (rc = ifgw_output_row_end(o)) != IFGW_OK)
				goto out;
		}
		from += n;
	} while (n == LOG_CHUNK);
	*out = o;
	o = NULL;
out:
	free(e);
	ifgw_output_free(o);
	return rc;
}

int ifgw_cli_show_write(struct ifgw_output *const *parts, const char *const *titles, size_t n,
			enum ifgw_output_format fmt)
{
	struct ifgw_buf b;
	size_t i;
	int rc = IFGW_OK;

	ifgw_buf_init(&b, 16u << 20);
	if (fmt == IFGW_OUTPUT_JSON)
		rc = ifgw_buf_add(&b, "{", 1);
	for (i = 0; rc == IFGW_OK && i < n; i++) {
		if (fmt == IFGW_OUTPUT_JSON)
			rc = ifgw_buf_addf(&b, "%s\"%s\":", i ? "," : "", titles[i]);
		else
			rc = ifgw_buf_addf(&b, "%s%s:\n", i ? "\n" : "", titles[i]);
		if (rc == IFGW_OK)
			rc = ifgw_output_render(parts[i], &b);
		/* JSON: the arrays end in a newline of their own; keep the object one value. */
		while (rc == IFGW_OK && fmt == IFGW_OUTPUT_JSON && b.len && b.ptr[b.len - 1] == '\n')
			b.len--;
	}
	if (rc == IFGW_OK && fmt == IFGW_OUTPUT_JSON)
		rc = ifgw_buf_add(&b, "}\n", 2);
	if (rc == IFGW_OK && (fwrite(b.ptr, 1, b.len, stdout) != b.len || fflush(stdout) != 0))
		rc = ifgw_error_set(IFGW_EIO, "standard output: write failed");
	ifgw_buf_free(&b);
	return rc;
}
