/* checksrc-test: as gateway/ledger/ledger.c */
/* gateway/: node -> net, ledger, audit, ifp -> ingest, route -> store; the
 * ledger never includes net, nor store (it does no I/O: its caller persists). */
#include "adapters/adapter.h"
#include "gateway/audit/audit.h"
#include "gateway/ingest/ingest.h"
#include "gateway/ledger/ledger.h"
#include "gateway/net/net.h" /* expect: layer */
#include "gateway/node/node.h" /* expect: layer */
#include "gateway/outbox/outbox.h" /* expect: layer */
#include "gateway/route/route.h"
#include "gateway/store/store.h" /* expect: layer */
