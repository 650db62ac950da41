/* cli_ingest.h: what the commands that read invoice files share
 * (`ifgw invoices check`, `ifgw route --explain`): the ingest options, the
 * problem list on stderr and the progress line. */
#ifndef IFGW_CLI_INGEST_H
#define IFGW_CLI_INGEST_H

#include <getopt.h>

#include "gateway/ingest/ingest.h"

/* getopt_long entries of the ingest options; their values are the
 * IFGW_CLI_INGEST_OPT_* codes, above any command's own option codes. */
enum {
	IFGW_CLI_INGEST_OPT_SKIP_INVALID = 0x1000,
	IFGW_CLI_INGEST_OPT_CHARSET,
	IFGW_CLI_INGEST_OPT_DELIMITER,
	IFGW_CLI_INGEST_OPT_DECIMAL_COMMA,
	IFGW_CLI_INGEST_OPT_FORMAT,
	IFGW_CLI_INGEST_OPT_DEFAULT_TERM,
};
#define IFGW_CLI_INGEST_LONGOPTS                                                                     \
	{"skip-invalid", no_argument, NULL, IFGW_CLI_INGEST_OPT_SKIP_INVALID},                     \
		{"charset", required_argument, NULL, IFGW_CLI_INGEST_OPT_CHARSET},                 \
		{"delimiter", required_argument, NULL, IFGW_CLI_INGEST_OPT_DELIMITER},             \
		{"decimal-comma", no_argument, NULL, IFGW_CLI_INGEST_OPT_DECIMAL_COMMA},           \
		{"format", required_argument, NULL, IFGW_CLI_INGEST_OPT_FORMAT},                   \
		{"default-term", required_argument, NULL, IFGW_CLI_INGEST_OPT_DEFAULT_TERM}

/* The option lines of a usage text. */
#define IFGW_CLI_INGEST_USAGE                                                                        \
	"  --skip-invalid     keep the valid documents, report and skip the others\n"              \
	"  --charset NAME     charset of CSV files (default UTF-8; e.g. ISO-8859-1, WINDOWS-1252)\n" \
	"  --delimiter D      CSV delimiter: ',' ';' or 'tab' (default: from the header line)\n"   \
	"  --decimal-comma    CSV amounts in locale form: 1.234,56 or 1 234,56\n"                  \
	"  --format F         csv, ubl, cii or auto (default: auto, from the content)\n"                \
	"  --default-term DAYS  an invoice without a due date nor payment terms stating days is\n"  \
	"                     due DAYS (1..999) after its issue date (noted on stderr)\n"

/* Apply option `opt` (with optarg `arg`) to o.  0 when it is not an ingest
 * option; 1 when it is, with *status IFGW_EXIT_OK, or IFGW_EXIT_USAGE after
 * printing the usage error for a bad value. */
int ifgw_cli_ingest_option(struct ifgw_ingest_options *o, int opt, const char *arg, const char *what,
			   enum ifgw_exit *status);

/* A session over files[0..n) with o (progress added when stderr is a
 * terminal), checked; every problem printed on stderr as
 * FILE:LINE: FIELD: message, and what was skipped.  IFGW_EXIT_OK when the
 * documents can be used (all valid, or --skip-invalid), else the exit
 * status, with *out freed. */
enum ifgw_exit ifgw_cli_ingest_open(struct ifgw_ingest **out, struct ifgw_ingest_options *o, char **files, int n,
			 const char *what);

/* What a command says on stderr about each document it uses: a due date
 * derived (payment terms, default term) as
 * FILE:LINE: NUMBER: due date DATE derived: N days after the issue date, from ...
 * and each identifier accepted without a check of ours, one line each, as
 * FILE:LINE: NUMBER: BT-xx FIELD (scheme SCHEME): why */
void ifgw_cli_ingest_notes(const struct ifgw_ingest_doc *doc);

/* After the documents were used: the skipped ones on stderr.  1 when
 * something was skipped (the command's exit status is then 1). */
int ifgw_cli_ingest_report_skipped(const struct ifgw_ingest *ing, const char *what);

#endif
