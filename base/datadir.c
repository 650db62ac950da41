/* datadir.c: locate shipped data files (see datadir.h). */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "base/datadir.h"

int ifgw_datadir_find(struct ifgw_buf *out, const char *relpath)
{
	const char *dirs[3];
	size_t i;
	int rc;

	dirs[0] = getenv("IFGW_DATADIR");
	dirs[1] = IFGW_PKGDATADIR;
	dirs[2] = IFGW_SRCDIR;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (!dirs[i] || !*dirs[i])
			continue;
		ifgw_buf_reset(out);
		if ((rc = ifgw_buf_addf(out, "%s/%s", dirs[i], relpath)) != IFGW_OK)
			return rc;
		if (access(out->ptr, R_OK) == 0)
			return IFGW_OK;
	}
	ifgw_buf_reset(out);
	return ifgw_error_set(IFGW_ENOTFOUND, "data file %s not found (looked in $IFGW_DATADIR, %s, %s)", relpath,
			      IFGW_PKGDATADIR, IFGW_SRCDIR);
}
