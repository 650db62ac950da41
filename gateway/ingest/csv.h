/* csv.h: an RFC 4180 record reader over a buffer in memory (the ingest
 * readers use it; a module header, not an *_int.h, because bench_ingest
 * measures it alone).
 *
 * Fields are slices of the input; only a quoted field holding a doubled
 * quote ("") is copied, into the reader's one scratch buffer, so reading a
 * record allocates nothing.  Records end at LF, CRLF or a lone CR outside
 * quotes; quoted fields may hold delimiters, quotes ("") and line breaks.
 * Lines are counted as they physically are, so a record that spans lines
 * reports the line it starts on. */
#ifndef IFGW_INGEST_CSV_H
#define IFGW_INGEST_CSV_H

#include <stddef.h>

#include "gateway/ingest/ingest.h"

struct ingest_csv {
	const char *p, *end;     /* what is left to read */
	unsigned line;           /* physical line at p (1-based) */
	char delim;
	char *scratch;           /* IFGW_INGEST_CSV_RECORD_MAX bytes: unescaped quoted fields */
	size_t n;                /* fields of the last record */
	const char *field[IFGW_INGEST_CSV_COLUMNS_MAX];
	size_t len[IFGW_INGEST_CSV_COLUMNS_MAX];
	unsigned rec_line;       /* line where the last record (or its error) starts */
	unsigned err_line;       /* line of the error inside the record */
	char err[160];           /* why the last record was refused */
};

/* Start reading len bytes (after any byte order mark) with delimiter delim.
 * IFGW_ENOMEM when the scratch buffer cannot be had. */
int ifgw_ingest_csv_open(struct ingest_csv *r, const char *data, size_t len, char delim);
void ifgw_ingest_csv_close(struct ingest_csv *r);

/* Read the next record: 1 when one was read (r->n fields), 0 at the end,
 * -1 when the record is malformed (r->err, r->rec_line, r->err_line): the
 * reader has skipped to the next line and can go on.  Empty lines and
 * records whose fields are all empty are skipped. */
int ifgw_ingest_csv_next(struct ingest_csv *r);

/* The delimiter of a header line: the most frequent of ',' ';' and tab
 * outside quotes, ',' on a tie or when there is none. */
char ifgw_ingest_csv_detect_delimiter(const char *data, size_t len);

#endif
