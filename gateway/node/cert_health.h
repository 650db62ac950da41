/* cert_health.h: the health of every certificate a node uses — its own
 * signing and TLS identities (keys opened and matched too), then each
 * partner's CA and certificates with the partner's CRL and pins — as rows
 * of certs/health.h.  What `ifgw certs check --config` prints and a running
 * node will report. */
#ifndef IFGW_NODE_CERT_HEALTH_H
#define IFGW_NODE_CERT_HEALTH_H

#include "certs/health.h"
#include "config/node_config.h"

/* Append the node's rows to h.  Each certificate's failure is in its row;
 * the call itself fails only on a bad argument. */
int ifgw_node_cert_health(struct ifgw_cert_health *h, const struct ifgw_config *cfg);

#endif
