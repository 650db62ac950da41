/* cmd_fx.c: ifgw fx — placeholder until the currency module lands. */
#include "config.h"

#include "base/error.h"
#include "gateway/cli/cli.h"

int ifgw_cmd_fx(int argc, char **argv)
{
	ifgw_error_set(IFGW_EUNSUPPORTED, "not built yet");
	return ifgw_cli_fail("fx");
}
