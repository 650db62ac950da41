/* fuzz_ingest.h: what the ingest fuzz targets share: run one input through
 * a session and check the report's invariants.  Included by fuzz_csv.c,
 * fuzz_ubl.c and fuzz_cii.c only. */
#ifndef IFGW_FUZZ_INGEST_H
#define IFGW_FUZZ_INGEST_H

#include <stdlib.h>

#include "base/error.h"
#include "gateway/ingest/ingest.h"
#include "model/model.h"

static int fuzz_ingest_one(void *ctx, const struct ifgw_ingest_doc *doc)
{
	/* Whatever is handed out is a valid canonical document. */
	if (ifgw_invoice_check(&doc->inv, "Invoice") != IFGW_OK)
		abort();
	if (doc->inv.amount.minor < 0 || !doc->inv.amount.ccy || doc->inv.due_date < doc->inv.issue_date)
		abort();
	(*(size_t *)ctx)++;
	return IFGW_OK;
}

static void fuzz_ingest(const struct ifgw_ingest_options *o, const char *name, const void *data, size_t size)
{
	struct ifgw_ingest *ing = NULL;
	const struct ifgw_ingest_report *r;
	size_t seen = 0;
	int rc;

	if (ifgw_ingest_new(&ing, o) != IFGW_OK || ifgw_ingest_add_data(ing, name, data, size) != IFGW_OK)
		abort();
	rc = ifgw_ingest_check(ing);
	r = ifgw_ingest_report(ing);
	if (r->n_valid + r->n_skipped != r->n_documents || r->n_stored > r->n_problems ||
	    r->n_stored > IFGW_INGEST_PROBLEMS_MAX || (rc == IFGW_OK) != (r->n_problems == 0 || o->skip_invalid) ||
	    (r->n_problems == 0 && (r->n_skipped || r->n_files_failed)))
		abort();
	ifgw_error_clear();
	if (rc == IFGW_OK) {
		if (ifgw_ingest_each(ing, fuzz_ingest_one, &seen) != IFGW_OK || seen != r->n_valid)
			abort();
	} else if (ifgw_ingest_each(ing, fuzz_ingest_one, &seen) != IFGW_ESTATE || seen != 0) {
		abort(); /* nothing half-loaded */
	}
	ifgw_error_clear();
	ifgw_ingest_free(ing);
}

#endif
