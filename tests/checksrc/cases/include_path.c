/* checksrc-test: as config/include_path.c */
/* Library folders name project headers from the top; "config.h" is
 * autoconf's. */
#include "config.h"

#include "../base/buf.h" /* expect: include-path */
#include "base/error.h"
#include "node_config.h" /* expect: include-path */
