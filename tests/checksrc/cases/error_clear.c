/* checksrc-test: as adapters/error_clear.c */
/* Library code never clears the caller's pending error; it saves and
 * restores around a failure it handles. */
#include "base/error.h"

int try_twice(int (*f)(void));
int try_twice(int (*f)(void))
{
	struct ifgw_error kept;
	int rc;

	ifgw_error_clear(); /* expect: error-clear */
	ifgw_error_save(&kept);
	rc = f();
	ifgw_error_restore(&kept);
	/* ifgw_error_clear() named in a comment is no call */
	return rc;
}
