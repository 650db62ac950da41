/* checksrc-test: as gateway/route/route.c */
/* ingest and route share a level: each may include the other. */
#include "gateway/ingest/ingest.h"
#include "gateway/ifp/ifp.h" /* expect: layer */
#include "gateway/store/store.h"
