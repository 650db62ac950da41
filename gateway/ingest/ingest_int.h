/* ingest_int.h: what the readers (csv_invoices.c, ubl.c, cii.c) share with the
 * session (ingest.c) and the checks (validate.c).  Not for use outside
 * gateway/ingest.
 *
 * A reader walks one file, and for each document: ifgw_ingest_doc_begin(), one
 * setter call per source field (which parses, records problems and notes
 * where the field was), then ifgw_ingest_doc_end() (the checks of validate.c,
 * then the verdict in pass 1 or the hand-out in pass 2). */
#ifndef IFGW_INGEST_INT_H
#define IFGW_INGEST_INT_H

#ifndef IFGW_INGEST_INTERNAL
#error "ingest_int.h is private to gateway/ingest"
#endif

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "currency/money.h"
#include "gateway/ingest/ingest.h"

/* The fields a document is read from, in every format. */
enum ingest_field {
	F_DOC_TYPE = 0,
	F_NUMBER,
	F_ISSUE_DATE,
	F_DUE_DATE,
	F_CURRENCY,
	F_AMOUNT,
	F_TAXABLE,
	F_TAX,
	F_PRODUCT,
	F_INVOICE_REF,
	F_ORDER_REF,
	F_NET_DAYS,
	F_S_ID, /* seller: number known between the factors */
	F_S_NAME,
	F_S_COUNTRY,
	F_S_REG,
	F_S_VAT,
	F_S_STREET,
	F_S_CITY,
	F_S_POSTCODE,
	F_S_REGION,
	F_S_ID_SCHEME,  /* the ISO 6523 ICD of F_S_ID (CSV column; XML reads @schemeID) */
	F_S_REG_SCHEME, /* ... of F_S_REG */
	F_D_ID, /* debtor (buyer), same order as the seller's */
	F_D_NAME,
	F_D_COUNTRY,
	F_D_REG,
	F_D_VAT,
	F_D_STREET,
	F_D_CITY,
	F_D_POSTCODE,
	F_D_REGION,
	F_D_ID_SCHEME,
	F_D_REG_SCHEME,
	F_COUNT_
};
#define F_PARTY_SPAN (F_D_ID - F_S_ID)
#define F_BIT(f) (UINT64_C(1) << (f))

/* Where a reader is in the file's documents. */
enum ingest_pass {
	PASS_CHECK = 1, /* record problems and verdicts */
	PASS_EMIT = 2,  /* hand the documents with a good verdict out */
};

struct ingest_file {
	char *name;
	struct ifgw_buf data; /* the bytes as read (CSV: converted to UTF-8 in pass 1) */
	int format;           /* detected in pass 1 */
	int failed;           /* the file as a whole was refused in pass 1 */
	size_t start;         /* CSV: where the text starts (after a byte order mark) */
	char delim;           /* CSV: the delimiter found in pass 1 */
	void *xml;            /* xmlDocPtr kept from pass 1 for pass 2 (XML formats) */
};

struct ingest_dup;   /* duplicate-number index (validate.c) */
struct ingest_regno; /* cache of checked registration numbers (validate.c) */

struct ifgw_ingest {
	struct ifgw_ingest_options opts;
	struct ingest_file *files;
	size_t n_files, cap_files;
	int state; /* 0: open, 1: checked and accepted, 2: checked and refused */
	int pass;
	struct ifgw_ingest_report report;
	size_t skipped_cap; /* entries allocated in report.skipped */
	/* pass 1 verdict per document, one bit each (1: valid), in file order */
	uint8_t *verdict;
	size_t verdict_cap; /* bytes */
	size_t doc_seq;     /* ordinal of the current document in this pass */
	size_t file_index;
	struct ingest_dup *dups;
	struct ingest_regno *regnos;
	/* pass 2 */
	int (*fn)(void *ctx, const struct ifgw_ingest_doc *doc);
	void *fn_ctx;
	size_t emitted;
};

/* Room for a schemeID kept for the checks (an ICD is 4 digits; a longer
 * one is cut, matches no scheme of ours and is noted as given). */
#define INGEST_SCHEME_SIZE 8

/* The document being read. */
struct ingest_doc {
	struct ifgw_ingest *ing;
	struct ifgw_ingest_doc out;
	const struct ifgw_currency *ccy; /* the document currency, once read and valid */
	const char *prefix;            /* prepended to field names: "" (CSV), "/Invoice", ... */
	const char *names[F_COUNT_];   /* the name of each field in this format (column or path) */
	unsigned lines[F_COUNT_];      /* where each field was found */
	char reg_scheme[2][INGEST_SCHEME_SIZE]; /* seller's, buyer's registration id schemeID (ISO 6523 ICD), "" */
	char id_scheme[2][INGEST_SCHEME_SIZE];  /* seller's, buyer's identifier (BT-29, BT-46) schemeID, "" */
	uint64_t present;              /* fields given (valid or not) */
	uint64_t bad;                  /* fields given but refused */
	unsigned n_problems;
	int terms_days;                /* net days the payment terms text states (XML), -1: none */
	unsigned terms_line;           /* where that text is */
	/* Pass 2 knows the verdict before reading: a document that failed is
	 * not read at all (skip), one that passed is read without the checks
	 * it passed (trusted). */
	int skip, trusted;
};

/* --- problems (ingest.c) */

/* A problem of the whole file (or of a record that is not a document, such
 * as a CSV syntax error): recorded in pass 1, ignored in pass 2. */
void ifgw_ingest_file_problem(struct ifgw_ingest *ing, const char *file, unsigned line, const char *field,
			 const char *fmt, ...) IFGW_PRINTF(5, 6);
/* A problem of the document d about field f (F_COUNT_: no field), at line. */
void ifgw_ingest_doc_problem(struct ingest_doc *d, int f, unsigned line, const char *fmt, ...) IFGW_PRINTF(4, 5);
/* The same with the pending ifgw_error message as text (then cleared). */
void ifgw_ingest_doc_problem_err(struct ingest_doc *d, int f, unsigned line);

/* Progress report to the options' callback. */
void ifgw_ingest_progress(struct ifgw_ingest *ing, const char *file, size_t docs, size_t done, size_t total);

/* --- one document (ingest.c) */

/* Start a document of `format` at line; names[] holds the field names
 * (F_COUNT_ entries; may be patched per document for alternative paths).
 * When d->skip is set after the call, go straight to ifgw_ingest_doc_end(). */
void ifgw_ingest_doc_begin(struct ingest_doc *d, struct ifgw_ingest *ing, int format, const char *file,
		      unsigned line, const char *prefix, const char *const *names);
/* Check (validate.c), then record the verdict (pass 1) or hand the
 * document out if it is valid (pass 2).  Non-zero stops the walk: the
 * callback's code, or IFGW_ENOMEM / IFGW_ESTATE. */
int ifgw_ingest_doc_end(struct ingest_doc *d);
/* A record that could not be read as a document at all (a CSV syntax
 * error, reported with ifgw_ingest_file_problem): counted as a skipped document. */
int ifgw_ingest_record_failed(struct ifgw_ingest *ing, const char *file, unsigned line);

/* --- setters (fields.c): each parses len bytes (surrounding white space
 * dropped), stores the value, notes the field as present at line and
 * records a problem when the value is refused.  len == 0: absent. */
void ifgw_ingest_set_text(struct ingest_doc *d, int f, unsigned line, char *dst, size_t size, const char *s,
		     size_t len);
/* "YYYY-MM-DD"; with cii102 "YYYYMMDD" (UN/EDIFACT format 102). */
void ifgw_ingest_set_date(struct ingest_doc *d, int f, unsigned line, int32_t *dst, const char *s, size_t len,
		     int cii102);
void ifgw_ingest_set_country(struct ingest_doc *d, int f, unsigned line, char *dst, const char *s, size_t len);
void ifgw_ingest_set_currency(struct ingest_doc *d, unsigned line, const char *s, size_t len);
/* An amount in the document's currency (set it first; when the currency is
 * missing or bad the amount is noted present and left alone).  attr_ccy
 * (len attr_len, may be NULL) is the currency the source writes beside the
 * amount (UBL @currencyID): it must be the document's. */
void ifgw_ingest_set_amount(struct ingest_doc *d, int f, unsigned line, struct ifgw_money *dst, const char *s,
		       size_t len, const struct ifgw_amount_syntax *syntax, const char *attr_ccy,
		       size_t attr_len);
/* A count of days 0..999. */
void ifgw_ingest_set_days(struct ingest_doc *d, int f, unsigned line, int32_t *dst, const char *s, size_t len);
/* "invoice" | "credit_note" | "credit-note" | "credit note" | 380-style code. */
void ifgw_ingest_set_doc_type(struct ingest_doc *d, unsigned line, const char *s, size_t len);
/* "classic" | "confidential" | "export" | "ifp" */
void ifgw_ingest_set_product(struct ingest_doc *d, unsigned line, const char *s, size_t len);
/* Document type of a UN/CEFACT 1001 code (UBL InvoiceTypeCode / CII TypeCode):
 * IFGW_DOC_CREDIT_NOTE for the credit-note codes, IFGW_DOC_INVOICE for the
 * other codes, 0 when the text is not a 1001 code. */
int ifgw_ingest_doc_type_of_1001(const char *s, size_t len);

/* The net days a payment-terms text states clearly ("30 days", "Net 30",
 * "zahlbar innerhalb 14 Tagen"), or the days from issue_date (may be
 * IFGW_DATE_NONE) to the date it states ("Zahlung bis zum 13.08.2021"), or
 * -1 (terms.c; the patterns are in docs/ingest.md). */
int ifgw_ingest_terms_days(const char *s, size_t len, int32_t issue_date);

/* Trim ASCII white space from both ends. */
void ifgw_ingest_trim(const char **s, size_t *len);

/* --- checks and duplicates (validate.c) */

/* Every check that needs the whole document.  Returns IFGW_ENOMEM only. */
int ifgw_ingest_validate(struct ingest_doc *d);
int ifgw_ingest_dup_new(struct ingest_dup **out);
void ifgw_ingest_dup_free(struct ingest_dup *x);
int ifgw_ingest_regno_new(struct ingest_regno **out);
void ifgw_ingest_regno_free(struct ingest_regno *x);

/* --- readers: walk one file in the session's current pass.  Non-zero
 * stops everything (see ifgw_ingest_doc_end); problems are not errors. */
int ifgw_ingest_csv_run(struct ifgw_ingest *ing, struct ingest_file *f);
int ifgw_ingest_ubl_run(struct ifgw_ingest *ing, struct ingest_file *f);
int ifgw_ingest_cii_run(struct ifgw_ingest *ing, struct ingest_file *f);

#endif
