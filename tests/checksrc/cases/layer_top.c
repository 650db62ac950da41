/* checksrc-test: as cli/cmd_x.c */
/* cli/ is the top floor: it may include everything. */
#include "adapters/adapter.h"
#include "base/buf.h"
#include "cli/cli.h"
#include "gateway/node/global.h"
