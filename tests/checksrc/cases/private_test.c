/* checksrc-test: as tests/unit/test_x.c */
/* Tests may include a module's internals (after defining its macro), any
 * floor, and their own harness headers by name; never cli/. */
#include "adapters/adapter.h"
#include "cli/cli.h" /* expect: layer */
#define IFGW_MODEL_INTERNAL
#include "model/model_int.h"
#include "testutil.h"
