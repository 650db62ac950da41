/* datadir.h: where ifgw finds the data it ships (rates, calendars, schemas).
 *
 * Data files keep the same relative path in the source tree and once
 * installed (e.g. "currency/data/eurofxref-hist.csv" lives under the source
 * tree and under $(pkgdatadir)).  Lookup order: $IFGW_DATADIR, the installed
 * $(pkgdatadir), then the source tree the binary was built from (so that an
 * uninstalled build, `make demo` and the tests work). */
#ifndef IFGW_BASE_DATADIR_H
#define IFGW_BASE_DATADIR_H

#include "base/buf.h"

/* Set out to the full path of the first existing `relpath`; IFGW_ENOTFOUND
 * with a message listing where it looked otherwise. */
int ifgw_datadir_find(struct ifgw_buf *out, const char *relpath);

#endif
