/* checksrc-test: as adapters/private_use.c */
/* A *_int.h is for its own folder (and below it) only. */
#include "adapters/adapter.h"
#define IFGW_COUNTRIES_INTERNAL
#include "adapters/countries/countries_int.h" /* expect: private */
#define IFGW_MODEL_INTERNAL
#include "model/model_int.h" /* expect: private */
