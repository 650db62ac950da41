/* checksrc-test: as cli/error_clear_entry.c */
/* An entry point starts each command clean. */
#include "base/error.h"

int run_command(void);
int run_command(void)
{
	ifgw_error_clear();
	return 0;
}
