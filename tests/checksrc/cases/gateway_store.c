/* checksrc-test: as gateway/store/sqlite.c */
#include "gateway/ingest/ingest.h" /* expect: layer */
#include "gateway/store/store.h"
#include "model/model.h"
