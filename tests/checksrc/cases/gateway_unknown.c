/* checksrc-test: as gateway/server/server.c */ /* expect: layer */
/* A gateway/ sub-folder without a level is a problem until it gets one. */
#include "gateway/node/node.h"
