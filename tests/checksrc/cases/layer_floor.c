/* checksrc-test: as currency/layer.c */
/* currency/ is floor 1: it may include base/, itself and certs/ (same
 * floor), nothing higher. */
#include "config.h"

#include <stdio.h>

#include "adapters/adapter.h" /* expect: layer */
#include "base/buf.h"
#include "certs/cert.h"
#include "cli/cli.h" /* expect: layer */
#include "config/node_config.h" /* expect: layer */
#include "currency/money.h"
#include "gateway/route/route.h" /* expect: layer */
#include "model/model.h" /* expect: layer */
/* #include "cli/cli.h" in a comment is not an include */
