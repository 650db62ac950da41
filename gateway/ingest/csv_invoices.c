/* csv_invoices.c: the CSV invoice file: charset, header, one document a
 * record (the columns are documented in docs/ingest.md). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "adapters/charset.h"
#include "gateway/ingest/csv.h"
#define IFGW_INGEST_INTERNAL
#include "gateway/ingest/ingest_int.h"

/* Column names, by field. */
static const char *const csv_names[F_COUNT_] = {
	[F_DOC_TYPE] = "doc_type",
	[F_NUMBER] = "number",
	[F_ISSUE_DATE] = "issue_date",
	[F_DUE_DATE] = "due_date",
	[F_CURRENCY] = "currency",
	[F_AMOUNT] = "amount",
	[F_TAXABLE] = "taxable_amount",
	[F_TAX] = "tax_amount",
	[F_PRODUCT] = "product",
	[F_INVOICE_REF] = "invoice_ref",
	[F_ORDER_REF] = "order_ref",
	[F_NET_DAYS] = "net_days",
	[F_S_ID] = "seller_id",
	[F_S_NAME] = "seller_name",
	[F_S_COUNTRY] = "seller_country",
	[F_S_REG] = "seller_reg_nr",
	[F_S_VAT] = "seller_vat_nr",
	[F_S_STREET] = "seller_street",
	[F_S_CITY] = "seller_city",
	[F_S_POSTCODE] = "seller_postcode",
	[F_S_REGION] = "seller_region",
	[F_S_ID_SCHEME] = "seller_id_scheme",
	[F_S_REG_SCHEME] = "seller_reg_nr_scheme",
	[F_D_ID] = "debtor_id",
	[F_D_NAME] = "debtor_name",
	[F_D_COUNTRY] = "debtor_country",
	[F_D_REG] = "debtor_reg_nr",
	[F_D_VAT] = "debtor_vat_nr",
	[F_D_STREET] = "debtor_street",
	[F_D_CITY] = "debtor_city",
	[F_D_POSTCODE] = "debtor_postcode",
	[F_D_REGION] = "debtor_region",
	[F_D_ID_SCHEME] = "debtor_id_scheme",
	[F_D_REG_SCHEME] = "debtor_reg_nr_scheme",
};

/* Columns a file must have (values may still be empty where allowed). */
static const int csv_required[] = {F_DOC_TYPE, F_NUMBER, F_ISSUE_DATE, F_DUE_DATE, F_CURRENCY, F_AMOUNT,
				   F_S_NAME,   F_S_COUNTRY, F_D_NAME,  F_D_COUNTRY};

#define PROGRESS_EVERY 8192

/* Where the first byte that is not UTF-8 is, as line and column; 0 if all is. */
static size_t bad_utf8(const char *s, size_t n, unsigned *line, size_t *col)
{
	const char *line_start = s;
	size_t i = 0;
	uint32_t cp;

	*line = 1;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			if (c == '\n') {
				(*line)++;
				line_start = s + i + 1;
			}
			i++;
			continue;
		}
		{
			size_t k = ifgw_utf8_decode(&cp, s + i, n - i);

			if (k == 0) {
				*col = (size_t)(s + i - line_start) + 1;
				return i + 1;
			}
			i += k;
		}
	}
	return 0;
}

/* Pass 1: the text as UTF-8, without a byte order mark. */
static int prepare(struct ifgw_ingest *ing, struct ingest_file *f)
{
	const char *cs = ing->opts.charset;
	const unsigned char *p = (const unsigned char *)ifgw_buf_cstr(&f->data);
	size_t n = f->data.len;
	int bom = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF;
	int utf8 = !cs || strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0;
	struct ifgw_error kept, why;
	struct ifgw_buf conv;
	int rc;

	if (utf8) {
		unsigned line;
		size_t col, at;

		if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
			ifgw_ingest_file_problem(ing, f->name, 1, "", "the file is UTF-16 (byte order mark): save it as "
								 "UTF-8, or give --charset UTF-16");
			f->failed = 1;
			return IFGW_OK;
		}
		f->start = bom ? 3 : 0;
		at = bad_utf8((const char *)p + f->start, n - f->start, &line, &col);
		if (at) {
			ifgw_ingest_file_problem(ing, f->name, line, "",
					    "not UTF-8 (byte 0x%02X at column %zu): give the file's charset, e.g. "
					    "--charset ISO-8859-1 or --charset WINDOWS-1252",
					    p[f->start + at - 1], col);
			f->failed = 1;
		}
		return IFGW_OK;
	}
	if (bom) {
		ifgw_ingest_file_problem(ing, f->name, 1, "",
				    "the file starts with a UTF-8 byte order mark, but its charset is given as %s", cs);
		f->failed = 1;
		return IFGW_OK;
	}
	ifgw_buf_init(&conv, IFGW_INGEST_FILE_MAX);
	ifgw_error_save(&kept); /* a file that does not convert is the file's problem */
	rc = ifgw_charset_to_utf8(&conv, cs, (const char *)p, n, f->name);
	if (rc != IFGW_OK && rc != IFGW_ENOMEM)
		ifgw_ingest_file_problem(ing, f->name, 0, "", "%s", ifgw_error_last());
	ifgw_error_save(&why);
	ifgw_error_restore(&kept);
	if (rc == IFGW_ENOMEM) { /* not the file's problem: the run's */
		ifgw_buf_free(&conv);
		return ifgw_error_set(rc, "%s", why.message);
	}
	if (rc != IFGW_OK) {
		ifgw_buf_free(&conv);
		f->failed = 1;
		return IFGW_OK;
	}
	ifgw_buf_free(&f->data);
	f->data = conv; /* the UTF-8 text replaces the bytes read */
	f->start = 0;
	return IFGW_OK;
}

/* The field a header name stands for, or -1. */
static int column_field(const char *s, size_t len)
{
	char w[40];
	size_t i;
	int f;

	ifgw_ingest_trim(&s, &len);
	if (len == 0 || len >= sizeof(w) - 2)
		return -1;
	for (i = 0; i < len; i++) {
		char c = s[i];

		w[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : (c == ' ' || c == '-') ? '_' : c;
	}
	w[len] = 0;
	if (strncmp(w, "buyer_", 6) == 0) { /* buyer_name = debtor_name */
		memmove(w + 1, w, len + 1);
		memcpy(w, "debtor", 6);
	}
	for (f = 0; f < F_COUNT_; f++)
		if (strcmp(w, csv_names[f]) == 0)
			return f;
	return -1;
}

/* Map the header; 0 when the file can be read. */
static int read_header(struct ifgw_ingest *ing, struct ingest_file *f, const struct ingest_csv *r, int *col_of)
{
	size_t i;
	int ok = 1, f_;

	for (f_ = 0; f_ < F_COUNT_; f_++)
		col_of[f_] = -1;
	for (i = 0; i < r->n; i++) {
		const char *s = r->field[i];
		size_t len = r->len[i];
		int fld;

		ifgw_ingest_trim(&s, &len);
		if (len == 0 || (len > 2 && (s[0] == 'x' || s[0] == 'X') && (s[1] == '_' || s[1] == '-')))
			continue; /* unnamed or x_ columns: the ERP's own, ignored */
		fld = column_field(s, len);
		if (fld < 0) {
			ifgw_ingest_file_problem(ing, f->name, r->rec_line, "",
					    "unknown column '%.*s' (see docs/ingest.md; prefix a column with x_ to "
					    "have it ignored)",
					    (int)(len > 40 ? 40 : len), s);
			ok = 0;
		} else if (col_of[fld] >= 0) {
			ifgw_ingest_file_problem(ing, f->name, r->rec_line, csv_names[fld], "column given twice");
			ok = 0;
		} else {
			col_of[fld] = (int)i;
		}
	}
	for (i = 0; i < sizeof(csv_required) / sizeof(csv_required[0]); i++)
		if (col_of[csv_required[i]] < 0) {
			ifgw_ingest_file_problem(ing, f->name, r->rec_line, csv_names[csv_required[i]],
					    "required column missing from the header");
			ok = 0;
		}
	if (col_of[F_S_REG] < 0 && col_of[F_S_VAT] < 0 && col_of[F_S_ID] < 0) {
		ifgw_ingest_file_problem(ing, f->name, r->rec_line, "",
				    "the header needs seller_reg_nr, seller_vat_nr or seller_id");
		ok = 0;
	}
	return ok ? 0 : -1;
}

/* A scheme column: the ISO 6523 ICD (four digits, e.g. 0088 for a GLN) the
 * identifier of its party is in, as the XML formats' schemeID.  Stricter
 * than the XML readers, which keep any schemeID: in a file made by hand,
 * "GLN" for 0088 must not turn a check into a note. */
static void set_scheme(struct ingest_doc *d, int f, unsigned line, char *dst, const char *s, size_t len)
{
	ifgw_ingest_trim(&s, &len);
	if (len == 0)
		return;
	d->present |= F_BIT(f);
	d->lines[f] = line;
	if (len != 4 || strspn(s, "0123456789") < 4) {
		d->bad |= F_BIT(f);
		ifgw_ingest_doc_problem(d, f, line, "'%.*s' is not an ISO 6523 ICD (want 4 digits, e.g. 0088 for a GLN)",
					(int)(len > 40 ? 40 : len), s);
		return;
	}
	memcpy(dst, s, 4);
	dst[4] = '\0';
}

static void set_field(struct ingest_doc *d, int fld, unsigned line, const char *s, size_t len,
		      const struct ifgw_amount_syntax *syntax)
{
	struct ifgw_invoice *inv = &d->out.inv;
	struct ifgw_party *p = fld >= F_D_ID ? &inv->buyer : &inv->seller;
	int pf = fld >= F_D_ID ? fld - F_PARTY_SPAN : fld; /* the seller's field of the same kind */

	switch (fld) {
	case F_DOC_TYPE:
		ifgw_ingest_set_doc_type(d, line, s, len);
		return;
	case F_NUMBER:
		ifgw_ingest_set_text(d, fld, line, inv->number, sizeof(inv->number), s, len);
		return;
	case F_ISSUE_DATE:
		ifgw_ingest_set_date(d, fld, line, &inv->issue_date, s, len, 0);
		return;
	case F_DUE_DATE:
		ifgw_ingest_set_date(d, fld, line, &inv->due_date, s, len, 0);
		return;
	case F_CURRENCY:
		return; /* read first, by the caller */
	case F_AMOUNT:
		ifgw_ingest_set_amount(d, fld, line, &inv->amount, s, len, syntax, NULL, 0);
		return;
	case F_TAXABLE:
		ifgw_ingest_set_amount(d, fld, line, &inv->taxable_amount, s, len, syntax, NULL, 0);
		return;
	case F_TAX:
		ifgw_ingest_set_amount(d, fld, line, &inv->tax_amount, s, len, syntax, NULL, 0);
		return;
	case F_PRODUCT:
		ifgw_ingest_set_product(d, line, s, len);
		return;
	case F_INVOICE_REF:
		ifgw_ingest_set_text(d, fld, line, inv->invoice_ref, sizeof(inv->invoice_ref), s, len);
		return;
	case F_ORDER_REF:
		ifgw_ingest_set_text(d, fld, line, inv->order_ref, sizeof(inv->order_ref), s, len);
		return;
	case F_NET_DAYS:
		ifgw_ingest_set_days(d, fld, line, &inv->terms.net_days, s, len);
		return;
	default:
		break;
	}
	switch (pf) {
	case F_S_ID:
		ifgw_ingest_set_text(d, fld, line, p->nr, sizeof(p->nr), s, len);
		break;
	case F_S_NAME:
		ifgw_ingest_set_text(d, fld, line, p->name, sizeof(p->name), s, len);
		break;
	case F_S_COUNTRY:
		ifgw_ingest_set_country(d, fld, line, p->country, s, len);
		break;
	case F_S_REG:
		ifgw_ingest_set_text(d, fld, line, p->reg_nr, sizeof(p->reg_nr), s, len);
		break;
	case F_S_VAT:
		ifgw_ingest_set_text(d, fld, line, p->vat_nr, sizeof(p->vat_nr), s, len);
		break;
	case F_S_STREET:
		ifgw_ingest_set_text(d, fld, line, p->street[0], sizeof(p->street[0]), s, len);
		break;
	case F_S_CITY:
		ifgw_ingest_set_text(d, fld, line, p->city, sizeof(p->city), s, len);
		break;
	case F_S_POSTCODE:
		ifgw_ingest_set_text(d, fld, line, p->postcode, sizeof(p->postcode), s, len);
		break;
	case F_S_REGION:
		ifgw_ingest_set_text(d, fld, line, p->region, sizeof(p->region), s, len);
		break;
	case F_S_ID_SCHEME:
		set_scheme(d, fld, line, d->id_scheme[fld >= F_D_ID ? 1 : 0], s, len);
		break;
	case F_S_REG_SCHEME:
		set_scheme(d, fld, line, d->reg_scheme[fld >= F_D_ID ? 1 : 0], s, len);
		break;
	default:
		break;
	}
}

int ifgw_ingest_csv_run(struct ifgw_ingest *ing, struct ingest_file *f)
{
	struct ifgw_amount_syntax locale = {',', '.', 0};
	const struct ifgw_amount_syntax *syntax = ing->opts.decimal_comma ? &locale : NULL;
	struct ingest_csv r;
	struct ingest_doc *d = NULL;
	int col_of[F_COUNT_];
	size_t n_cols, docs = 0;
	const char *text;
	int rc = IFGW_OK, got, fld;

	if (ing->pass == PASS_CHECK) {
		if ((rc = prepare(ing, f)) != IFGW_OK || f->failed)
			return rc;
	}
	text = ifgw_buf_cstr(&f->data) + f->start;
	if (ing->pass == PASS_CHECK)
		f->delim = ing->opts.delimiter ? ing->opts.delimiter
					       : ifgw_ingest_csv_detect_delimiter(text, f->data.len - f->start);
	if ((rc = ifgw_ingest_csv_open(&r, text, f->data.len - f->start, f->delim)) != IFGW_OK)
		return rc;
	d = malloc(sizeof(*d));
	if (!d) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", f->name);
		goto out;
	}
	got = ifgw_ingest_csv_next(&r);
	if (got == 0) {
		ifgw_ingest_file_problem(ing, f->name, 0, "", "empty file: a header line is required");
		f->failed = 1;
		goto out;
	}
	if (got < 0) {
		ifgw_ingest_file_problem(ing, f->name, r.err_line, "", "header: %s", r.err);
		f->failed = 1;
		goto out;
	}
	if (read_header(ing, f, &r, col_of) != 0) {
		f->failed = 1;
		goto out;
	}
	n_cols = r.n;
	while ((got = ifgw_ingest_csv_next(&r)) != 0) {
		if (got < 0) {
			ifgw_ingest_file_problem(ing, f->name, r.err_line, "", "%s", r.err);
			if ((rc = ifgw_ingest_record_failed(ing, f->name, r.rec_line)) != IFGW_OK)
				goto out;
			continue;
		}
		ifgw_ingest_doc_begin(d, ing, IFGW_INGEST_CSV, f->name, r.rec_line, "", csv_names);
		if (d->skip) {
			if ((rc = ifgw_ingest_doc_end(d)) != IFGW_OK)
				goto out;
			continue;
		}
		if (r.n != n_cols)
			ifgw_ingest_doc_problem(d, F_COUNT_, r.rec_line, "%zu fields, the header has %zu", r.n, n_cols);
		if (col_of[F_CURRENCY] >= 0 && (size_t)col_of[F_CURRENCY] < r.n)
			ifgw_ingest_set_currency(d, r.rec_line, r.field[col_of[F_CURRENCY]], r.len[col_of[F_CURRENCY]]);
		for (fld = 0; fld < F_COUNT_; fld++) {
			int c = col_of[fld];

			if (c >= 0 && (size_t)c < r.n && r.len[c])
				set_field(d, fld, r.rec_line, r.field[c], r.len[c], syntax);
		}
		if ((rc = ifgw_ingest_doc_end(d)) != IFGW_OK)
			goto out;
		if (++docs % PROGRESS_EVERY == 0)
			ifgw_ingest_progress(ing, f->name, docs, (size_t)(r.p - text), f->data.len - f->start);
	}
	ifgw_ingest_progress(ing, f->name, docs, f->data.len - f->start, f->data.len - f->start);
out:
	free(d);
	ifgw_ingest_csv_close(&r);
	return rc;
}
