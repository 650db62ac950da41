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

/* mkdir -p: create dir and every missing parent with mode (e.g. 0755);
 * directories that exist are fine.  IFGW_EINVAL for a path of 4096 bytes
 * or more, IFGW_EIO naming the directory that could not be made (a
 * component that exists but is not a directory included). */
int ifgw_file_mkdir_p(const char *dir, unsigned mode);

/* ifgw_file_mkdir_p() of the directory that holds path ("a/b/c.xml" makes
 * "a/b"); nothing for a path without a directory part. */
int ifgw_file_mkdir_parent(const char *path, unsigned mode);

#endif
