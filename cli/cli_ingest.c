/* cli_ingest.c: ingest options, problems and progress for the CLI (see
 * cli_ingest.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/date.h"
#include "base/error.h"
#include "cli/cli.h"
#include "cli/cli_ingest.h"

/* Show progress for files at least this big, when stderr is a terminal. */
#define PROGRESS_MIN_BYTES (4u << 20)

static int parse_delimiter(char *out, const char *text)
{
	if (strcmp(text, ",") == 0 || strcmp(text, ";") == 0)
		*out = text[0];
	else if (strcmp(text, "tab") == 0 || strcmp(text, "\t") == 0 || strcmp(text, "\\t") == 0)
		*out = '\t';
	else
		return -1;
	return 0;
}

int ifgw_cli_ingest_option(struct ifgw_ingest_options *o, int opt, const char *arg, const char *what,
			   enum ifgw_exit *status)
{
	*status = IFGW_EXIT_OK;
	switch (opt) {
	case IFGW_CLI_INGEST_OPT_SKIP_INVALID:
		o->skip_invalid = 1;
		return 1;
	case IFGW_CLI_INGEST_OPT_CHARSET:
		o->charset = arg;
		return 1;
	case IFGW_CLI_INGEST_OPT_DELIMITER:
		if (parse_delimiter(&o->delimiter, arg) != 0)
			*status = ifgw_cli_usage_error(what, "--delimiter '%s': want ',' ';' or 'tab'", arg);
		return 1;
	case IFGW_CLI_INGEST_OPT_DECIMAL_COMMA:
		o->decimal_comma = 1;
		return 1;
	case IFGW_CLI_INGEST_OPT_DEFAULT_TERM: {
		size_t n = strlen(arg);

		if (n == 0 || n > 3 || strspn(arg, "0123456789") != n || strtol(arg, NULL, 10) < 1)
			*status = ifgw_cli_usage_error(what, "--default-term '%s': want a number of days, 1 to 999", arg);
		else
			o->default_term_days = (int)strtol(arg, NULL, 10);
		return 1;
	}
	case IFGW_CLI_INGEST_OPT_FORMAT:
		if (ifgw_ingest_format_parse(&o->format, arg) != IFGW_OK) {
			ifgw_error_clear();
			*status = ifgw_cli_usage_error(what, "--format '%s': want csv, ubl, cii or auto", arg);
		}
		return 1;
	default:
		return 0;
	}
}

static void progress(void *ctx, const char *file, size_t docs, size_t done, size_t total)
{
	if (total < PROGRESS_MIN_BYTES)
		return;
	fprintf(stderr, "\r%s: %zu documents, %3u%%", file, docs, (unsigned)(total ? done * 100 / total : 100));
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static void print_problems(const struct ifgw_ingest_report *r, const char *what)
{
	size_t i;

	for (i = 0; i < r->n_stored; i++) {
		const struct ifgw_ingest_problem *p = &r->problems[i];

		fputs(p->file, stderr);
		if (p->line)
			fprintf(stderr, ":%u", p->line);
		if (p->field[0])
			fprintf(stderr, ": %s", p->field);
		fprintf(stderr, ": %s\n", p->message);
	}
	if (r->n_problems > r->n_stored)
		fprintf(stderr, "ifgw %s: and %zu more problems\n", what, r->n_problems - r->n_stored);
}

enum ifgw_exit ifgw_cli_ingest_open(struct ifgw_ingest **out, struct ifgw_ingest_options *o, char **files, int n, const char *what)
{
	struct ifgw_ingest *ing = NULL;
	int i, rc;

	*out = NULL;
	if (isatty(STDERR_FILENO))
		o->progress = progress;
	if (ifgw_ingest_new(&ing, o) != IFGW_OK)
		return ifgw_cli_fail(what);
	for (i = 0; i < n; i++)
		if (ifgw_ingest_add_file(ing, files[i]) != IFGW_OK) {
			ifgw_ingest_free(ing);
			return ifgw_cli_fail(what);
		}
	rc = ifgw_ingest_check(ing);
	print_problems(ifgw_ingest_report(ing), what);
	if (rc != IFGW_OK) {
		if (rc == IFGW_EINVAL)
			fprintf(stderr, "ifgw %s: %s: nothing accepted (--skip-invalid keeps the valid ones)\n", what,
				ifgw_error_last());
		else
			fprintf(stderr, "ifgw %s: %s\n", what, ifgw_error_last());
		ifgw_error_clear();
		ifgw_ingest_free(ing);
		return IFGW_EXIT_FAIL;
	}
	*out = ing;
	return IFGW_EXIT_OK;
}

void ifgw_cli_ingest_notes(const struct ifgw_ingest_doc *doc)
{
	char due[IFGW_DATE_STRLEN];
	size_t i;

	if (doc->due_from == IFGW_INGEST_DUE_TERMS || doc->due_from == IFGW_INGEST_DUE_DEFAULT) {
		ifgw_date_format(doc->inv.due_date, due);
		fprintf(stderr, "%s:%u: %s: due date %s derived: %d days after the issue date, from %s\n", doc->file,
			doc->line, doc->inv.number, due, doc->due_days,
			doc->due_from == IFGW_INGEST_DUE_TERMS ? "the payment terms" : "the default term");
	}
	for (i = 0; i < doc->n_notes; i++) {
		const struct ifgw_ingest_note *n = &doc->note[i];

		fprintf(stderr, "%s:%u: %s: %s %s (scheme %s): %s\n", doc->file, n->line, doc->inv.number, n->bt,
			n->field, n->scheme, n->text);
	}
}

int ifgw_cli_ingest_report_skipped(const struct ifgw_ingest *ing, const char *what)
{
	const struct ifgw_ingest_report *r = ifgw_ingest_report(ing);
	size_t k;

	if (!r->n_skipped && !r->n_files_failed)
		return 0;
	for (k = 0; k < r->n_files_failed; k++)
		fprintf(stderr, "%s: skipped (the whole file)\n", r->failed_files[k]);
	for (k = 0; k < r->n_skipped_stored; k++)
		fprintf(stderr, "%s:%u: skipped%s%s\n", r->skipped[k].file, r->skipped[k].line,
			r->skipped[k].number[0] ? " " : "", r->skipped[k].number);
	if (r->n_skipped > r->n_skipped_stored)
		fprintf(stderr, "ifgw %s: %zu more skipped documents not named (only the first %zu are)\n", what,
			r->n_skipped - r->n_skipped_stored, r->n_skipped_stored);
	fprintf(stderr, "ifgw %s: %zu of %zu documents valid, %zu skipped; %zu of %zu files unreadable\n", what,
		r->n_valid, r->n_documents, r->n_skipped, r->n_files_failed, r->n_files);
	return 1;
}
