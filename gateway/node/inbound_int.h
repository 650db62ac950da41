/* inbound_int.h: between inbound.c and inbound_read.c (gateway/node/ only). */
#ifndef IFGW_NODE_INBOUND_INT_H
#define IFGW_NODE_INBOUND_INT_H

#ifndef IFGW_INBOUND_INTERNAL
#error "inbound_int.h is private to gateway/node/inbound*.c: include gateway/node/inbound.h"
#endif

#include "gateway/node/inbound.h"

/* ifgw_inbound_read(), and what the bytes said before a later refusal:
 * res->msg_id and res->type once they decoded (a message of another
 * corridor, a signature at the wrong place), untouched before. */
int ifgw_inbound_read_noting(struct ifgw_msg **out, struct ifgw_inbound_result *res,
			     const struct ifgw_node_snapshot *snap, const char *partner, const void *wire, size_t len);

#endif
