/* ingest.c: the session: files in, format detection, the two passes
 * (check, then hand-out), the report of problems and skipped documents. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/file.h"
#define IFGW_INGEST_INTERNAL
#include "gateway/ingest/ingest_int.h"
#include "gateway/ingest/xml_int.h"

int ifgw_ingest_new(struct ifgw_ingest **out, const struct ifgw_ingest_options *opts)
{
	struct ifgw_ingest *ing;
	int rc;

	IFGW_ASSERT_ARG(out);

	*out = NULL;
	if (opts && opts->delimiter && opts->delimiter != ',' && opts->delimiter != ';' && opts->delimiter != '\t')
		return ifgw_error_set(IFGW_EUSAGE, "ingest: delimiter must be ',', ';' or a tab");
	if (opts && (opts->format < IFGW_INGEST_AUTO || opts->format > IFGW_INGEST_CII))
		return ifgw_error_set(IFGW_EUSAGE, "ingest: unknown format %d", opts->format);
	if (opts && (opts->default_term_days < 0 || opts->default_term_days > 999))
		return ifgw_error_set(IFGW_EUSAGE, "ingest: default term of %d days: want 1..999, or 0 for none",
				      opts->default_term_days);
	ing = calloc(1, sizeof(*ing));
	if (!ing)
		return ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
	if (opts)
		ing->opts = *opts;
	if ((rc = ifgw_ingest_dup_new(&ing->dups)) != IFGW_OK || (rc = ifgw_ingest_regno_new(&ing->regnos)) != IFGW_OK) {
		ifgw_ingest_dup_free(ing->dups);
		free(ing);
		return rc;
	}
	*out = ing;
	return IFGW_OK;
}

void ifgw_ingest_free(struct ifgw_ingest *ing)
{
	size_t i;

	if (!ing)
		return;
	for (i = 0; i < ing->n_files; i++) {
		free(ing->files[i].name);
		ifgw_buf_free(&ing->files[i].data);
		ifgw_ingest_xml_free(&ing->files[i]);
	}
	free(ing->files);
	free(ing->report.problems);
	free(ing->report.skipped);
	free(ing->report.failed_files);
	free(ing->verdict);
	ifgw_ingest_dup_free(ing->dups);
	ifgw_ingest_regno_free(ing->regnos);
	free(ing);
}

static int new_file(struct ingest_file **out, struct ifgw_ingest *ing, const char *name)
{
	struct ingest_file *f;

	*out = NULL;
	if (ing->state != 0)
		return ifgw_error_set(IFGW_ESTATE, "ingest: files cannot be added after the check");
	if (ing->n_files == ing->cap_files) {
		size_t cap = ing->cap_files ? ing->cap_files * 2 : 8;
		struct ingest_file *files = realloc(ing->files, cap * sizeof(*files));

		if (!files)
			return ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
		ing->files = files;
		ing->cap_files = cap;
	}
	f = &ing->files[ing->n_files];
	memset(f, 0, sizeof(*f));
	f->name = strdup(name);
	if (!f->name)
		return ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
	ifgw_buf_init(&f->data, IFGW_INGEST_FILE_MAX);
	*out = f;
	return IFGW_OK;
}

int ifgw_ingest_add_file(struct ifgw_ingest *ing, const char *path)
{
	struct ingest_file *f;
	int rc;

	IFGW_ASSERT_ARG(ing);
	IFGW_ASSERT_ARG(path);

	if ((rc = new_file(&f, ing, path)) != IFGW_OK)
		return rc;
	if ((rc = ifgw_file_read(&f->data, path)) != IFGW_OK) {
		free(f->name);
		ifgw_buf_free(&f->data);
		return rc;
	}
	ing->n_files++;
	return IFGW_OK;
}

int ifgw_ingest_add_data(struct ifgw_ingest *ing, const char *name, const void *data, size_t len)
{
	struct ingest_file *f;
	int rc;

	IFGW_ASSERT_ARG(ing);
	IFGW_ASSERT_ARG(data || !len);

	if ((rc = new_file(&f, ing, name)) != IFGW_OK)
		return rc;
	if (len && (rc = ifgw_buf_add(&f->data, data, len)) != IFGW_OK) {
		free(f->name);
		ifgw_buf_free(&f->data);
		return rc;
	}
	ing->n_files++;
	return IFGW_OK;
}

/* --- problems */

static struct ifgw_ingest_problem *next_problem(struct ifgw_ingest *ing)
{
	struct ifgw_ingest_report *r = &ing->report;

	r->n_problems++;
	if (r->n_stored == IFGW_INGEST_PROBLEMS_MAX)
		return NULL;
	if (!r->problems) {
		r->problems = calloc(IFGW_INGEST_PROBLEMS_MAX, sizeof(*r->problems));
		if (!r->problems)
			return NULL; /* counted, not stored: the report stays true */
	}
	return &r->problems[r->n_stored++];
}

static void vproblem(struct ifgw_ingest *ing, const char *file, unsigned line, const char *prefix,
		     const char *field, const char *fmt, va_list ap) IFGW_PRINTF(6, 0);

static void vproblem(struct ifgw_ingest *ing, const char *file, unsigned line, const char *prefix,
		     const char *field, const char *fmt, va_list ap)
{
	struct ifgw_ingest_problem *p = next_problem(ing);
	char *nl;

	if (!p)
		return;
	p->file = file;
	p->line = line;
	snprintf(p->field, sizeof(p->field), "%s%s", field && *field ? prefix : "", field ? field : "");
	vsnprintf(p->message, sizeof(p->message), fmt, ap);
	while ((nl = strpbrk(p->message, "\r\n")) != NULL) /* one line, always */
		*nl = ' ';
}

void ifgw_ingest_file_problem(struct ifgw_ingest *ing, const char *file, unsigned line, const char *field,
			 const char *fmt, ...)
{
	va_list ap;

	if (ing->pass != PASS_CHECK)
		return;
	va_start(ap, fmt);
	vproblem(ing, file, line, "", field, fmt, ap);
	va_end(ap);
}

void ifgw_ingest_doc_problem(struct ingest_doc *d, int f, unsigned line, const char *fmt, ...)
{
	va_list ap;

	d->n_problems++;
	if (d->ing->pass != PASS_CHECK)
		return;
	va_start(ap, fmt);
	vproblem(d->ing, d->out.file, line ? line : d->out.line, d->prefix, f >= 0 && f < F_COUNT_ && d->names[f] ? d->names[f] : "",
		 fmt, ap);
	va_end(ap);
}

void ifgw_ingest_doc_problem_err(struct ingest_doc *d, int f, unsigned line)
{
	ifgw_ingest_doc_problem(d, f, line, "%s", *ifgw_error_last() ? ifgw_error_last() : "refused");
}

void ifgw_ingest_progress(struct ifgw_ingest *ing, const char *file, size_t docs, size_t done, size_t total)
{
	if (ing->opts.progress && ing->pass == PASS_CHECK)
		ing->opts.progress(ing->opts.progress_ctx, file, docs, done, total);
}

/* --- documents */

void ifgw_ingest_doc_begin(struct ingest_doc *d, struct ifgw_ingest *ing, int format, const char *file,
		      unsigned line, const char *prefix, const char *const *names)
{
	d->ing = ing;
	ifgw_invoice_init(&d->out.inv);
	d->out.product = IFGW_INGEST_NO_PRODUCT;
	d->out.format = format;
	d->out.file = file;
	d->out.line = line;
	d->out.due_from = IFGW_INGEST_DUE_GIVEN;
	d->out.due_days = 0;
	d->terms_days = -1;
	d->terms_line = 0;
	d->out.notes[0] = '\0';
	d->out.n_notes = 0;
	memset(d->reg_scheme, 0, sizeof(d->reg_scheme));
	memset(d->id_scheme, 0, sizeof(d->id_scheme));
	d->prefix = prefix;
	memcpy(d->names, names, sizeof(d->names));
	memset(d->lines, 0, sizeof(d->lines));
	d->ccy = NULL;
	d->present = d->bad = 0;
	d->n_problems = 0;
	d->skip = d->trusted = 0;
	if (ing->pass == PASS_EMIT) {
		size_t seq = ing->doc_seq;
		int valid = seq / 8 < ing->verdict_cap && (ing->verdict[seq / 8] & (1u << (seq % 8)));

		d->skip = !valid;
		d->trusted = valid;
	}
}

static int record_skip(struct ifgw_ingest *ing, const char *file, unsigned line, const char *number)
{
	struct ifgw_ingest_report *r = &ing->report;
	struct ifgw_ingest_skip *s;

	r->n_skipped++;
	if (r->n_skipped_stored == IFGW_INGEST_SKIPPED_MAX)
		return IFGW_OK; /* counted, not named: the report says how many */
	if (r->n_skipped_stored == ing->skipped_cap) {
		/* Grown as needed: every skipped document is named, not only
		 * the first thousand. */
		size_t cap = ing->skipped_cap ? ing->skipped_cap * 2 : 64;
		struct ifgw_ingest_skip *sk;

		if (cap > IFGW_INGEST_SKIPPED_MAX)
			cap = IFGW_INGEST_SKIPPED_MAX;
		sk = realloc(r->skipped, cap * sizeof(*sk));
		if (!sk)
			return ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
		r->skipped = sk;
		ing->skipped_cap = cap;
	}
	s = &r->skipped[r->n_skipped_stored++];
	s->file = file;
	s->line = line;
	snprintf(s->number, sizeof(s->number), "%s", number ? number : "");
	return IFGW_OK;
}

/* A record that could not even be read as a document (CSV syntax). */
int ifgw_ingest_record_failed(struct ifgw_ingest *ing, const char *file, unsigned line)
{
	if (ing->pass != PASS_CHECK)
		return IFGW_OK;
	ing->report.n_documents++;
	return record_skip(ing, file, line, NULL);
}

int ifgw_ingest_doc_end(struct ingest_doc *d)
{
	struct ifgw_ingest *ing = d->ing;
	size_t seq = ing->doc_seq++;
	int rc, valid;

	if (d->skip)
		return IFGW_OK;
	if ((rc = ifgw_ingest_validate(d)) != IFGW_OK)
		return rc;
	if (ing->pass == PASS_CHECK) {
		if (seq / 8 >= ing->verdict_cap) {
			size_t cap = ing->verdict_cap ? ing->verdict_cap * 2 : 4096;
			uint8_t *v = realloc(ing->verdict, cap);

			if (!v)
				return ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
			memset(v + ing->verdict_cap, 0, cap - ing->verdict_cap);
			ing->verdict = v;
			ing->verdict_cap = cap;
		}
		ing->report.n_documents++;
		if (d->n_problems == 0) {
			ing->verdict[seq / 8] |= (uint8_t)(1u << (seq % 8));
			ing->report.n_valid++;
			return IFGW_OK;
		}
		return record_skip(ing, d->out.file, d->out.line, d->out.inv.number);
	}
	valid = seq / 8 < ing->verdict_cap && (ing->verdict[seq / 8] & (1u << (seq % 8)));
	if (!valid)
		return IFGW_OK;
	if (d->n_problems)
		return ifgw_error_set(IFGW_ESTATE, "%s:%u: ingest: the second pass disagrees with the first",
				      d->out.file, d->out.line);
	ing->emitted++;
	return ing->fn(ing->fn_ctx, &d->out);
}

/* --- passes */

/* The character at p[i] (of n bytes; characters of `step` bytes, the ASCII
 * byte at offset lo) is the ASCII c. */
static int char_is(const unsigned char *p, size_t n, size_t i, size_t step, size_t lo, unsigned char c)
{
	return i + step <= n && p[i + lo] == c && (step == 1 || p[i + 1 - lo] == 0);
}

/* The format of a file from its first bytes: XML when it starts (after a
 * byte order mark and white space) with '<'.  A UTF-16 byte order mark
 * (FF FE little-endian, FE FF big-endian) is followed by two-byte
 * characters: XML when the first that is not white space is '<' (libxml2
 * reads UTF-16 with a BOM and converts it to UTF-8); so is a file starting
 * with "<?" in UTF-16 without a BOM. */
static int sniff(const struct ingest_file *f)
{
	const unsigned char *p = (const unsigned char *)ifgw_buf_cstr(&f->data);
	size_t n = f->data.len, i = 0, step = 1, lo = 0;

	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		i = 3;
	} else if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
		i = 2;
		step = 2;
		lo = p[0] == 0xFF ? 0 : 1;
	} else if (n >= 4 && (memcmp(p, "<\0?\0", 4) == 0 || memcmp(p, "\0<\0?", 4) == 0)) {
		step = 2; /* UTF-16 without a BOM, known by its "<?" (XML 1.0 appendix F) */
		lo = p[0] == 0 ? 1 : 0;
	}
	while (char_is(p, n, i, step, lo, ' ') || char_is(p, n, i, step, lo, '\t') ||
	       char_is(p, n, i, step, lo, '\r') || char_is(p, n, i, step, lo, '\n'))
		i += step;
	/* XML: the root element decides UBL or CII */
	return char_is(p, n, i, step, lo, '<') ? IFGW_INGEST_UBL : IFGW_INGEST_CSV;
}

static int run_file(struct ifgw_ingest *ing, struct ingest_file *f)
{
	int rc;

	if (ing->pass == PASS_CHECK) {
		int want = ing->opts.format ? ing->opts.format : sniff(f);

		if (want == IFGW_INGEST_CSV) {
			f->format = IFGW_INGEST_CSV;
		} else {
			if ((rc = ifgw_ingest_xml_load(ing, f)) != IFGW_OK)
				return rc;
			if (f->failed)
				return IFGW_OK;
			if (ing->opts.format && f->format != ing->opts.format) {
				ifgw_ingest_file_problem(ing, f->name, 1, "", "the file is %s, not %s",
						    ifgw_ingest_format_name(f->format),
						    ifgw_ingest_format_name(ing->opts.format));
				f->failed = 1;
				return IFGW_OK;
			}
		}
	}
	if (f->failed)
		return IFGW_OK;
	switch (f->format) {
	case IFGW_INGEST_CSV:
		return ifgw_ingest_csv_run(ing, f);
	case IFGW_INGEST_UBL:
		return ifgw_ingest_ubl_run(ing, f);
	case IFGW_INGEST_CII:
		return ifgw_ingest_cii_run(ing, f);
	default:
		return ifgw_error_set(IFGW_ESTATE, "%s: ingest: no format", f->name);
	}
}

static int run_pass(struct ifgw_ingest *ing, int pass)
{
	size_t i;
	int rc = IFGW_OK;

	ing->pass = pass;
	ing->doc_seq = 0;
	for (i = 0; i < ing->n_files && rc == IFGW_OK; i++) {
		ing->file_index = i;
		rc = run_file(ing, &ing->files[i]);
	}
	return rc;
}

int ifgw_ingest_check(struct ifgw_ingest *ing)
{
	struct ifgw_ingest_report *r;
	size_t i;
	int rc;

	IFGW_ASSERT_ARG(ing);

	r = &ing->report;
	if (ing->state != 0)
		return ifgw_error_set(IFGW_ESTATE, "ingest: the check has run already");
	rc = run_pass(ing, PASS_CHECK);
	ing->pass = 0;
	if (rc != IFGW_OK) {
		ing->state = 2;
		return rc;
	}
	r->n_files = ing->n_files;
	r->failed_files = calloc(ing->n_files ? ing->n_files : 1, sizeof(*r->failed_files));
	if (!r->failed_files) {
		ing->state = 2;
		return ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
	}
	for (i = 0; i < ing->n_files; i++)
		if (ing->files[i].failed)
			r->failed_files[r->n_files_failed++] = ing->files[i].name;
	if (r->n_problems == 0 || ing->opts.skip_invalid) {
		ing->state = 1;
		return IFGW_OK;
	}
	ing->state = 2;
	if (r->n_files_failed && r->n_documents)
		return ifgw_error_set(IFGW_EINVAL, "%zu problem%s: %zu of %zu files unreadable as invoices, %zu of %zu "
						   "documents invalid: refused",
				      r->n_problems, r->n_problems == 1 ? "" : "s", r->n_files_failed, r->n_files,
				      r->n_skipped, r->n_documents);
	if (r->n_files_failed)
		return ifgw_error_set(IFGW_EINVAL, "%zu problem%s: %zu of %zu files unreadable as invoices: refused",
				      r->n_problems, r->n_problems == 1 ? "" : "s", r->n_files_failed, r->n_files);
	return ifgw_error_set(IFGW_EINVAL, "%zu problem%s in %zu of %zu document%s: refused", r->n_problems,
			      r->n_problems == 1 ? "" : "s", r->n_skipped, r->n_documents,
			      r->n_documents == 1 ? "" : "s");
}

const struct ifgw_ingest_report *ifgw_ingest_report(const struct ifgw_ingest *ing)
{
	return &ing->report;
}

int ifgw_ingest_each(struct ifgw_ingest *ing, int (*fn)(void *ctx, const struct ifgw_ingest_doc *doc), void *ctx)
{
	int rc;

	IFGW_ASSERT_ARG(ing);
	IFGW_ASSERT_ARG(fn);

	if (ing->state != 1)
		return ifgw_error_set(IFGW_ESTATE, ing->state == 0 ? "ingest: check the files first"
								   : "ingest: the check refused the input");
	ing->fn = fn;
	ing->fn_ctx = ctx;
	ing->emitted = 0;
	rc = run_pass(ing, PASS_EMIT);
	ing->pass = 0;
	if (rc == IFGW_OK && ing->emitted != ing->report.n_valid)
		rc = ifgw_error_set(IFGW_ESTATE, "ingest: %zu documents handed out, %zu were valid", ing->emitted,
				    ing->report.n_valid);
	return rc;
}

struct collect {
	struct ifgw_ingest_doc *docs;
	size_t n, cap;
};

static int collect_one(void *ctx, const struct ifgw_ingest_doc *doc)
{
	struct collect *c = ctx;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct ifgw_ingest_doc *d = realloc(c->docs, cap * sizeof(*d));

		if (!d)
			return ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
		c->docs = d;
		c->cap = cap;
	}
	c->docs[c->n++] = *doc;
	return IFGW_OK;
}

int ifgw_ingest_collect(struct ifgw_ingest_doc **docs, size_t *count, struct ifgw_ingest *ing)
{
	struct collect c = {NULL, 0, 0};
	int rc;

	IFGW_ASSERT_ARG(docs);
	IFGW_ASSERT_ARG(count);
	IFGW_ASSERT_ARG(ing);

	*docs = NULL;
	*count = 0;
	if ((rc = ifgw_ingest_each(ing, collect_one, &c)) != IFGW_OK) {
		free(c.docs);
		return rc;
	}
	*docs = c.docs;
	*count = c.n;
	return IFGW_OK;
}

const char *ifgw_ingest_format_name(int format)
{
	switch (format) {
	case IFGW_INGEST_CSV:
		return "csv";
	case IFGW_INGEST_UBL:
		return "ubl";
	case IFGW_INGEST_CII:
		return "cii";
	default:
		return "auto";
	}
}

int ifgw_ingest_format_parse(int *out, const char *text)
{
	static const int all[] = {IFGW_INGEST_AUTO, IFGW_INGEST_CSV, IFGW_INGEST_UBL, IFGW_INGEST_CII};
	size_t i;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(text);

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcasecmp(text, ifgw_ingest_format_name(all[i])) == 0) {
			*out = all[i];
			return IFGW_OK;
		}
	return ifgw_error_set(IFGW_EUSAGE, "format '%.20s': want csv, ubl, cii or auto", text);
}
