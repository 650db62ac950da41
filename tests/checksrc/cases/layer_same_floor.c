/* checksrc-test: as model/layer_ok.c */
/* Same floor and below: allowed (model/ and config/ are both floor 2). */
#include "config.h"

#include "base/error.h"
#include "certs/cert.h"
#include "config/node_config.h"
#include "currency/money.h"
#include "model/model.h"
