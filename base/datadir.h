/* datadir.h: where ifgw finds the data it ships (rates, calendars, schemas).
 *
 * Data files keep the same relative path in the source tree and once
 * installed (e.g. "currency/data/eurofxref-hist.csv" lives under the source
 * tree and under $(pkgdatadir)).  Lookup order:
 *   1. $IFGW_DATADIR, when set;
 *   2. for a program run from its build tree (tests, `make demo`, ./ifgw):
 *      the source tree it was built from, and nothing else, so an older
 *      install never stands in for the tree's data;
 *   3. for an installed program: $(pkgdatadir) seen from the program's own
 *      folder (bin/../share/ifgw for the default layout), so an installed
 *      tree moved elsewhere, or installed with DESTDIR, still finds its data;
 *      then $(pkgdatadir) as configured.  Never the source tree: an install
 *      that lacks a file fails, it does not lean on the build folder.
 * Where the system does not tell the program's path (only Linux's
 * /proc/self/exe is read), $(pkgdatadir) then the source tree. */
#ifndef IFGW_BASE_DATADIR_H
#define IFGW_BASE_DATADIR_H

#include "base/buf.h"

/* Set out to the full path of the first existing `relpath`; IFGW_ENOTFOUND
 * with a message listing the folders it looked in otherwise. */
int ifgw_datadir_find(struct ifgw_buf *out, const char *relpath);

/* Set out to the path leading from folder `from` to `to`, both absolute
 * ("/usr/local/bin" to "/usr/local/share/ifgw" gives "../share/ifgw", equal
 * folders ""); IFGW_EINVAL when either is relative or holds "..". */
int ifgw_datadir_relative(struct ifgw_buf *out, const char *from, const char *to);

#endif
