/* file.h: whole-file reads with a size cap, and atomic replacement.
 *
 * Atomic replace writes a temporary file beside the target, fsyncs it and
 * renames it over the target: a reader sees the old file or the new one,
 * never half of either, and a failure leaves the old file untouched. */
#ifndef IFGW_BASE_FILE_H
#define IFGW_BASE_FILE_H

#include <stddef.h>

#include "base/buf.h"

/* Append the contents of path to out (whose cap limits the size).  "-" reads
 * standard input.  Errors name the path. */
int ifgw_file_read(struct ifgw_buf *out, const char *path);

/* Replace path with data atomically (temp file, fsync, rename, fsync dir);
 * mode is the new file's permission bits (e.g. 0644). */
int ifgw_file_write_atomic(const char *path, const void *data, size_t len, unsigned mode);

#endif
