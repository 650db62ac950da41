/* target.c: a partner's adapter, charset and transliteration (see target.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "gateway/route/route.h"
#include "gateway/route/target.h"

/* Fill the derived fields once the adapter is chosen. */
static int target_fill(struct ifgw_route_target *out, const struct ifgw_config *cfg, const struct ifgw_route *r,
		       const char *adapter)
{
	int rc;

	if ((rc = ifgw_adapter_get(&out->adapter, adapter)) != IFGW_OK)
		return rc;
	out->partner = r->partner;
	out->node = cfg->code;
	out->profile = r->profile;
	out->is_fallback = strcmp(adapter, r->adapter) != 0;
	out->charset = ifgw_adapter_charset(out->adapter, r->profile);
	out->allow_translit = r->partner->transliterate >= 0 ? r->partner->transliterate
							     : r->profile->allow_translit;
	snprintf(out->label, sizeof(out->label), "%s (%s, %s)", r->partner->code, out->adapter->name,
		 out->charset);
	return IFGW_OK;
}

int ifgw_route_target(struct ifgw_route_target *out, const struct ifgw_config *cfg, const char *code,
		      int msg_type)
{
	const char *adapter = NULL, *charset = NULL;
	struct ifgw_route r;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cfg);
	IFGW_ASSERT_ARG(code);
	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	if ((rc = ifgw_route_partner(&r, cfg, code)) != IFGW_OK)
		return rc;
	if (msg_type == IFGW_MSG_NONE)
		adapter = r.adapter;
	else if ((rc = ifgw_route_format(&adapter, &charset, &r, msg_type)) != IFGW_OK)
		return rc;
	return target_fill(out, cfg, &r, adapter);
}

int ifgw_route_target_wire(struct ifgw_route_target *out, const struct ifgw_config *cfg, const char *code,
			   const struct ifgw_adapter *wire)
{
	struct ifgw_route r;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cfg);
	IFGW_ASSERT_ARG(code);
	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	if ((rc = ifgw_route_partner(&r, cfg, code)) != IFGW_OK)
		return rc;
	if (!wire || strcmp(wire->name, r.adapter) == 0)
		return target_fill(out, cfg, &r, r.adapter);
	if (!r.partner->fallback || strcmp(wire->name, r.partner->fallback) != 0)
		return ifgw_error_set(IFGW_EINVAL, "the message is %s, which partner %s does not speak (%s)",
				      wire->name, code, r.adapter);
	return target_fill(out, cfg, &r, wire->name);
}

int ifgw_route_target_country(struct ifgw_route_target *out, const char *country, const char *adapter)
{
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(country);
	memset(out, 0, sizeof(*out));
	if ((rc = ifgw_country_lookup(&out->profile, country)) != IFGW_OK)
		return rc;
	if ((rc = ifgw_adapter_get(&out->adapter, adapter ? adapter : out->profile->wire_format)) != IFGW_OK)
		return rc;
	out->charset = ifgw_adapter_charset(out->adapter, out->profile);
	out->allow_translit = out->profile->allow_translit;
	snprintf(out->label, sizeof(out->label), "%s (%s, %s)", out->profile->code, out->adapter->name,
		 out->charset);
	return IFGW_OK;
}

void ifgw_route_target_env(struct ifgw_adapter_env *env, const struct ifgw_route_target *t)
{
	ifgw_adapter_env_init(env, t->profile);
	env->charset = t->charset;
	env->allow_translit = t->allow_translit;
}

/* One end of a message: the header's code `have` against `want`; `dir`
 * names the end, `whose` the expected party.  An absent code is set
 * through `fill` (its size IFGW_FACTOR_CODE_SIZE), refused when fill is
 * NULL. */
static int party_match(char *fill, const char *have, const char *id, const char *dir, const char *want,
		       const char *whose)
{
	if (have[0] == '\0') {
		if (!fill)
			return ifgw_error_set(IFGW_EINVAL, "message %s names no %s: expected %s %s", id, dir, whose,
					      want);
		snprintf(fill, IFGW_FACTOR_CODE_SIZE, "%s", want);
		return IFGW_OK;
	}
	if (strcmp(have, want) != 0)
		return ifgw_error_set(IFGW_EINVAL, "message %s names %s %s, not %s %s", id, dir, have, whose,
				      want);
	return IFGW_OK;
}

/* Outgoing ends; fill_sender/fill_receiver NULL: check only. */
static int outbound_parties(char *fill_sender, char *fill_receiver, const struct ifgw_msg_header *h,
			    const struct ifgw_route_target *t)
{
	int rc;

	if (!t->partner || !t->node)
		return IFGW_OK;
	if ((rc = party_match(fill_sender, h->sender.code, h->id, "sender", t->node, "this node")) != IFGW_OK)
		return rc;
	return party_match(fill_receiver, h->receiver.code, h->id, "receiver", t->partner->code, "partner");
}

int ifgw_route_target_address(struct ifgw_msg_header *h, const struct ifgw_route_target *t)
{
	IFGW_ASSERT_ARG(h);
	IFGW_ASSERT_ARG(t);
	return outbound_parties(h->sender.code, h->receiver.code, h, t);
}

int ifgw_route_target_check_outbound(const struct ifgw_msg_header *h, const struct ifgw_route_target *t)
{
	IFGW_ASSERT_ARG(h);
	IFGW_ASSERT_ARG(t);
	return outbound_parties(NULL, NULL, h, t);
}

int ifgw_route_target_check_inbound(const struct ifgw_msg_header *h, const struct ifgw_route_target *t)
{
	int rc;

	IFGW_ASSERT_ARG(h);
	IFGW_ASSERT_ARG(t);
	if (!t->partner || !t->node)
		return IFGW_OK;
	if ((rc = party_match(NULL, h->sender.code, h->id, "sender", t->partner->code, "partner")) != IFGW_OK)
		return rc;
	return party_match(NULL, h->receiver.code, h->id, "receiver", t->node, "this node");
}
