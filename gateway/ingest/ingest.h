/* ingest.h: invoice files (CSV, UBL 2.1, UN/CEFACT CII) to canonical
 * invoices and credit notes, with every problem reported (public API of
 * gateway/ingest).
 *
 * A session takes one or more files, checks them all (pass 1: parse, map,
 * validate, find duplicate numbers across every file), then hands the valid
 * documents one at a time to a callback (pass 2).  Nothing is handed out
 * when a check found problems, unless skip_invalid is set: then the valid
 * documents are handed out and the report says which were skipped and why.
 * Documents are not kept between the passes (100,000 canonical invoices
 * would take half a gigabyte): pass 2 parses the files again from memory.
 *
 *     struct ifgw_ingest *ing = NULL;
 *     struct ifgw_ingest_options o = {0};
 *
 *     if ((rc = ifgw_ingest_new(&ing, &o)) != IFGW_OK) goto out;
 *     for (i = 0; i < n; i++)
 *             if ((rc = ifgw_ingest_add_file(ing, paths[i])) != IFGW_OK) goto out;
 *     if ((rc = ifgw_ingest_check(ing)) != IFGW_OK) {
 *             ... print ifgw_ingest_report(ing)->problems ...
 *             goto out;
 *     }
 *     rc = ifgw_ingest_each(ing, use_one, ctx);
 *   out:
 *     ifgw_ingest_free(ing);
 *
 * Sign convention: every amount is >= 0.  An invoice's amount is what the
 * debtor owes; a credit note's amount is what the seller owes back (a
 * positive amount of a credit document).  A negative amount is an error. */
#ifndef IFGW_INGEST_INGEST_H
#define IFGW_INGEST_INGEST_H

#include <stddef.h>

#include "model/invoice.h"

/* Input formats. */
enum ifgw_ingest_format {
	IFGW_INGEST_AUTO = 0, /* detect: XML root element, else CSV */
	IFGW_INGEST_CSV = 1,
	IFGW_INGEST_UBL = 2,  /* UBL 2.1 Invoice or CreditNote */
	IFGW_INGEST_CII = 3,  /* UN/CEFACT CrossIndustryInvoice (EN 16931, Factur-X, ZUGFeRD) */
};

/* Problems stored in a report; more are counted, not stored. */
#define IFGW_INGEST_PROBLEMS_MAX 1000
/* Skipped documents named in a report (160 bytes each, so at most
 * 160 MiB, beside the files held in memory); more are counted, not named,
 * and the CLI says how many.  A million bad documents in one run is far
 * beyond any real submission, so in practice every one is named. */
#define IFGW_INGEST_SKIPPED_MAX (1u << 20)
/* Largest input file (CSV or XML). */
#define IFGW_INGEST_FILE_MAX (256u << 20)
/* Longest CSV record (all its fields and separators), and most columns. */
#define IFGW_INGEST_CSV_RECORD_MAX (64u << 10)
#define IFGW_INGEST_CSV_COLUMNS_MAX 128
/* Room for a document's notes (struct ifgw_ingest_doc), NUL included. */
#define IFGW_INGEST_NOTES_SIZE 512
/* Most notes a document carries: one per party identifier (seller BT-29,
 * BT-30, BT-31; buyer BT-46, BT-47, BT-48). */
#define IFGW_INGEST_NOTES_MAX 6
/* "No product given" (the product is an enum ifgw_product otherwise). */
#define IFGW_INGEST_NO_PRODUCT (-1)

struct ifgw_ingest_options {
	int skip_invalid;     /* hand out the valid documents even when others have problems */
	int format;           /* enum ifgw_ingest_format; AUTO detects per file */
	/* CSV only */
	const char *charset;  /* iconv name of the file's charset; NULL: UTF-8 (a BOM is skipped) */
	char delimiter;       /* ',' ';' or '\t'; 0: detect from the header line */
	int decimal_comma;    /* amounts in locale form: "1.234,56" or "1 234,56" */
	/* Called every few thousand CSV records and once per XML file, from
	 * pass 1, for a progress display; may be NULL. */
	/* An invoice without a due date is due this many days (1..999) after
	 * its issue date when its payment terms state no days; 0: no default,
	 * such an invoice is refused.  From --default-term or the node's
	 * configuration (DefaultTerm). */
	int default_term_days;
	void (*progress)(void *ctx, const char *file, size_t documents, size_t bytes_done, size_t bytes_total);
	void *progress_ctx;
};

/* One problem: where it is and what is wrong. */
struct ifgw_ingest_problem {
	const char *file;  /* the name given to add_file / add_data; borrowed from the session */
	unsigned line;     /* physical line of the CSV record or of the XML element; 0: the whole file */
	char field[192];   /* CSV column name or XPath ("/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount");
			      "" when the problem is not about one field */
	char message[240]; /* one line, no trailing period */
};

/* A document skipped under skip_invalid (its problems are in the list). */
struct ifgw_ingest_skip {
	const char *file;
	unsigned line;
	char number[IFGW_ID_SIZE]; /* the document number, "" when it had none */
};

struct ifgw_ingest_report {
	size_t n_files;
	size_t n_documents;       /* records and XML documents seen */
	size_t n_valid;           /* documents without problems */
	size_t n_problems;        /* all problems found; problems[] holds the first IFGW_INGEST_PROBLEMS_MAX */
	size_t n_stored;
	struct ifgw_ingest_problem *problems;
	size_t n_skipped;         /* documents with problems (skipped under skip_invalid) */
	size_t n_skipped_stored;  /* skipped[] holds the first IFGW_INGEST_SKIPPED_MAX */
	struct ifgw_ingest_skip *skipped;
	size_t n_files_failed;    /* files that yielded nothing (not UTF-8, malformed, bad header ...) */
	const char **failed_files; /* their names (n_files_failed), borrowed from the session */
};

/* Where a document's due date comes from (struct ifgw_ingest_doc.due_from). */
enum ifgw_ingest_due {
	IFGW_INGEST_DUE_GIVEN = 0,   /* the document gives it */
	IFGW_INGEST_DUE_ISSUE = 1,   /* a credit note without one: due when issued */
	IFGW_INGEST_DUE_TERMS = 2,   /* derived: the issue date + the days its payment terms state */
	IFGW_INGEST_DUE_DEFAULT = 3, /* derived: the issue date + the default term of the options */
};

/* A party identifier accepted without a check of ours (a scheme or a VAT
 * prefix we have no rule for, a party in a country without a profile). */
struct ifgw_ingest_note {
	const char *bt;    /* the EN 16931 business term: "BT-29" ... "BT-31", "BT-46" ... "BT-48" */
	unsigned line;     /* where the identifier is (as in a problem) */
	char field[192];   /* CSV column name or XPath, as in a problem */
	char scheme[16];   /* the ISO 6523 ICD given ("0204"), "VAT HU" (a VAT number's prefix),
			      "VAT" (no prefix) or "none" (a legal id without one) */
	char text[160];    /* why, one line: "scheme 0204 (DE Leitweg-ID): accepted as given, ..." */
};

/* A valid document as pass 2 hands it out; borrowed for the call only. */
struct ifgw_ingest_doc {
	struct ifgw_invoice inv; /* passes ifgw_invoice_check() */
	int product;             /* enum ifgw_product (model/product.h) or IFGW_INGEST_NO_PRODUCT */
	int format;              /* IFGW_INGEST_CSV, _UBL or _CII */
	const char *file;        /* borrowed from the session */
	unsigned line;           /* the CSV record's line, or the XML root element's */
	int due_from;            /* enum ifgw_ingest_due: given, or derived and how */
	int due_days;            /* the days added to the issue date when derived (TERMS, DEFAULT) */
	/* What was accepted without a check of ours, one "field: note" after
	 * another, "; " between them ("" when nothing): a registration id of a
	 * scheme we have no rule for, a VAT number of an EU country without a
	 * profile (adapters/country.h, ifgw_party_check_*). */
	char notes[IFGW_INGEST_NOTES_SIZE];
	/* The same notes one by one, with the business term and scheme. */
	size_t n_notes;
	struct ifgw_ingest_note note[IFGW_INGEST_NOTES_MAX];
};

struct ifgw_ingest;

/* A session with the given options (NULL: all defaults).  *out is the
 * caller's (ifgw_ingest_free). */
int ifgw_ingest_new(struct ifgw_ingest **out, const struct ifgw_ingest_options *opts);
void ifgw_ingest_free(struct ifgw_ingest *ing);

/* Read a file ("-" is standard input) into the session; an unreadable file
 * is an error (IFGW_EIO), not a problem of the report. */
int ifgw_ingest_add_file(struct ifgw_ingest *ing, const char *path);
/* Add len bytes under the name `name` (copied). */
int ifgw_ingest_add_data(struct ifgw_ingest *ing, const char *name, const void *data, size_t len);

/* Pass 1 over every file added.  IFGW_OK when every document is valid, or
 * when skip_invalid is set (even if nothing is left); otherwise IFGW_EINVAL
 * "N problems in M documents: refused" and the report lists them.  Runs
 * once; files cannot be added afterwards. */
int ifgw_ingest_check(struct ifgw_ingest *ing);

/* The report of the last check (empty before it).  Borrowed. */
const struct ifgw_ingest_report *ifgw_ingest_report(const struct ifgw_ingest *ing);

/* Pass 2: call fn for each valid document in file order.  IFGW_ESTATE
 * when the check was not run or refused the input.  A non-zero return of
 * fn stops the walk and is returned. */
int ifgw_ingest_each(struct ifgw_ingest *ing, int (*fn)(void *ctx, const struct ifgw_ingest_doc *doc),
		     void *ctx);

/* Pass 2 into an array (for small inputs and tests): *docs (free() it) gets
 * *count documents. */
int ifgw_ingest_collect(struct ifgw_ingest_doc **docs, size_t *count, struct ifgw_ingest *ing);

/* "csv", "ubl", "cii" or "auto"; and the reverse (IFGW_EUSAGE naming the text). */
const char *ifgw_ingest_format_name(int format);
int ifgw_ingest_format_parse(int *out, const char *text);

#endif
