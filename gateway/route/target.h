/* target.h: what a partner's messages are written in — the one answer for
 * the CLI, the benchmark and the outbox sender.
 *
 * A partner's target is its adapter (or its configured fallback for a
 * message type the adapter cannot carry), its country profile, the wire
 * charset (the format's fixed charset, e.g. ISO 20022's UTF-8, else the
 * profile's) and whether characters the charset lacks may be
 * transliterated (the partner's configuration first, then the profile).
 * A target borrows from the configuration it was made from: keep the
 * configuration alive as long as the target; nothing is global, nothing is
 * parsed per call. */
#ifndef IFGW_ROUTE_TARGET_H
#define IFGW_ROUTE_TARGET_H

#include "adapters/adapter.h"
#include "config/node_config.h"
#include "model/message.h"

struct ifgw_route_target {
	const struct ifgw_config_partner *partner;  /* NULL for a country target; borrowed */
	const char *node;                           /* this node's factor code; NULL for a country target */
	const struct ifgw_country_profile *profile; /* never NULL */
	const struct ifgw_adapter *adapter;         /* never NULL */
	int is_fallback;                            /* 1: the partner's fallback format */
	const char *charset;                        /* wire charset (iconv name) */
	int allow_translit;                         /* 1: transliterate what the charset lacks */
	char label[128];                            /* "DE00123 (edifactoring, ISO-8859-1)" */
};

/* The target for a message of msg_type (enum ifgw_msg_type) to the
 * configured partner `code`: its format when that carries the type, else
 * its fallback; msg_type 0 (IFGW_MSG_NONE) for the partner's own format.
 * IFGW_ENOTFOUND naming an unknown partner or a country without a profile,
 * IFGW_EUNSUPPORTED naming the partner, format and type when neither its
 * format nor its fallback carries the type. */
int ifgw_route_target(struct ifgw_route_target *out, const struct ifgw_config *cfg, const char *code,
		      int msg_type);

/* The target for bytes received from partner `code` in the format `wire`
 * (its own, or its fallback; ifgw_adapter_probe() tells which): NULL
 * wire means its own.  IFGW_EINVAL naming the format when the partner
 * speaks neither. */
int ifgw_route_target_wire(struct ifgw_route_target *out, const struct ifgw_config *cfg, const char *code,
			   const struct ifgw_adapter *wire);

/* Without a configuration (tests, a partner's onboarding): the country
 * profile `country` with the adapter named `adapter` (NULL: the profile's
 * wire format); charset and transliteration as the profile says. */
int ifgw_route_target_country(struct ifgw_route_target *out, const char *country, const char *adapter);

/* The adapter environment of a target (expected_seq 0: not checked). */
void ifgw_route_target_env(struct ifgw_adapter_env *env, const struct ifgw_route_target *t);

/* Messages name their parties: a message to a partner is from this node to
 * that partner, a message from a partner is from it to this node.  A
 * country target (no configuration) has neither end and checks nothing.
 *
 * Outgoing: h's sender must be t's node and its receiver t's partner.
 * ifgw_route_target_address() sets an absent code (empty: a message built
 * in memory) to them; ifgw_route_target_check_outbound() refuses it (the
 * outbound path, whose message is the caller's).  IFGW_EINVAL naming the
 * message, the party it names and the one expected when it names another:
 * "message FR00456-2024-005210 names sender FR00456, not this node FR00001". */
int ifgw_route_target_address(struct ifgw_msg_header *h, const struct ifgw_route_target *t);
int ifgw_route_target_check_outbound(const struct ifgw_msg_header *h, const struct ifgw_route_target *t);

/* Incoming (what the inbox calls after decoding): h's sender must be t's
 * partner and its receiver t's node.  IFGW_EINVAL naming the message, the
 * party it names and the one expected otherwise, absent codes included. */
int ifgw_route_target_check_inbound(const struct ifgw_msg_header *h, const struct ifgw_route_target *t);

#endif
