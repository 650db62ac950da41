/* iso_adapter.c: the ISO 20022 tsin adapter: envelope, dispatch to the
 * message families, and the const struct the registry lists.
 *
 * Wire: <BizMsg xmlns="urn:ifgw:envelope:1"> holding the AppHdr
 * (head.001.001.02) and the tsin Document, UTF-8 whatever the partner's
 * charset says (ISO 20022 XML design rules).  Decoding checks, in this
 * order: hardened parse; the envelope; MsgDefIdr against the Document's
 * namespace; AppHdr against head.001.001.02.xsd and the Document against
 * its tsin schema (each subtree on its own); the mapping (control totals,
 * codes, references, remainder keys, lengths); nothing left unread; the
 * sequence number against env->expected_seq; ifgw_msg_check(). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#define IFGW_ISO_INTERNAL
#include "adapters/iso20022/iso_int.h"
#include "base/error.h"
#include "certs/xmldsig.h"

/* tsin messages ifgw knows of but does not map to a canonical message. */
static const struct {
	const char *msgdef;
	const char *why;
} not_carried[] = {
	{"tsin.004.001.01", "a financial invoice (tsin.004) is not a message between factors"},
	{"tsin.005.001.01", "undertaking applications (tsin.005) are not part of factoring"},
	{"tsin.011.001.01", "party registration notifications (tsin.011) have no canonical message: "
			    "ifgw answers a request with tsin.010"},
	{"tsin.012.001.01", "party registration acknowledgements (tsin.012) have no canonical message: "
			    "ifgw answers a request with tsin.010"},
	{"tsin.013.001.01", "assignment acknowledgements (tsin.013) have no canonical message: "
			    "ifgw answers an assignment with tsin.007"},
};

static int family_encode(struct iso_w *w, const struct ifgw_msg *m, int schema)
{
	switch (schema) {
	case ISO_TSIN001:
	case ISO_TSIN002:
	case ISO_TSIN003:
		return ifgw_iso_financing_encode(w, m);
	case ISO_TSIN006:
	case ISO_TSIN007:
	case ISO_TSIN008:
		return ifgw_iso_assignment_encode(w, m);
	case ISO_IFGW_POS:
		return ifgw_iso_position_encode(w, m);
	default:
		return ifgw_iso_party_encode(w, m);
	}
}

static int family_decode(struct iso_r *r, struct ifgw_msg *m, int schema, xmlNodePtr root)
{
	switch (schema) {
	case ISO_TSIN001:
	case ISO_TSIN002:
	case ISO_TSIN003:
		return ifgw_iso_financing_decode(r, m, root);
	case ISO_TSIN006:
	case ISO_TSIN007:
	case ISO_TSIN008:
		return ifgw_iso_assignment_decode(r, m, root);
	case ISO_IFGW_POS:
		return ifgw_iso_position_decode(r, m, root);
	default:
		return ifgw_iso_party_decode(r, m, root);
	}
}

static int iso_encode(struct ifgw_buf *out, const struct ifgw_msg *m, const struct ifgw_adapter_env *env)
{
	static const char decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
	size_t start = out->len;
	struct iso_w w;
	int explicit_type = 0, schema = ifgw_iso_type_schema(m->hdr.type, &explicit_type), rc;

	if (schema < 0)
		return ifgw_error_set(IFGW_EUNSUPPORTED, "iso20022 does not carry %s messages",
				      ifgw_msg_type_name(m->hdr.type) ? ifgw_msg_type_name(m->hdr.type) : "unknown");
	if (!env || !env->profile)
		return ifgw_error_set(IFGW_EINVAL, "iso20022: no partner profile to encode for");
	ifgw_iso_w_init(&w, out, env, ifgw_iso_schema_info(schema)->label, ifgw_msg_type_name(m->hdr.type));
	if ((rc = ifgw_buf_add(out, decl, sizeof(decl) - 1)) != IFGW_OK)
		return rc;
	ifgw_iso_w_open_ns(&w, "BizMsg", ISO_ENVELOPE_NS);
	ifgw_iso_apphdr_write(&w, m, schema, explicit_type);
	if (w.rc == IFGW_OK)
		family_encode(&w, m, schema);
	ifgw_iso_w_close(&w, "BizMsg");
	if (w.rc != IFGW_OK) {
		/* the caller's buffer as it was */
		out->len = start;
		if (out->ptr)
			out->ptr[start] = '\0';
	}
	return w.rc;
}

/* Check the envelope and find its two halves and the Document's schema. */
static int open_envelope(struct iso_r *r, xmlNodePtr *apphdr, xmlNodePtr *document, int *schema)
{
	xmlNodePtr root = xmlDocGetRootElement(r->doc), c, msgdef;
	const char *def, *ns;
	size_t i;

	*apphdr = *document = NULL;
	*schema = -1;
	if (!root || !xmlStrEqual(root->name, BAD_CAST "BizMsg") || !root->ns ||
	    !xmlStrEqual(root->ns->href, BAD_CAST ISO_ENVELOPE_NS))
		return ifgw_iso_r_fail(r, root, IFGW_EPARSE, "the root must be BizMsg in namespace %s", ISO_ENVELOPE_NS);
	if (root->properties)
		return ifgw_iso_r_fail(r, root, IFGW_EPARSE, "BizMsg has no attributes");
	for (c = root->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			const xmlChar *t = c->content;

			while (t && (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r'))
				t++;
			if (t && *t)
				return ifgw_iso_r_fail(r, root, IFGW_EPARSE, "text directly in BizMsg");
			continue;
		}
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
			continue;
		if (c->type != XML_ELEMENT_NODE)
			return ifgw_iso_r_fail(r, root, IFGW_EPARSE, "unexpected content in BizMsg");
		if (!*apphdr && !*document && xmlStrEqual(c->name, BAD_CAST "AppHdr"))
			*apphdr = c;
		else if (*apphdr && !*document && xmlStrEqual(c->name, BAD_CAST "Document"))
			*document = c;
		else
			return ifgw_iso_r_fail(r, c, IFGW_EPARSE, "BizMsg holds AppHdr then Document, nothing else");
	}
	if (!*apphdr || !*document)
		return ifgw_iso_r_fail(r, root, IFGW_EPARSE, "BizMsg needs an AppHdr and a Document");
	if (!(*apphdr)->ns || !xmlStrEqual((*apphdr)->ns->href, BAD_CAST ISO_NS_PREFIX ISO_HEAD_VERSION))
		return ifgw_iso_r_fail(r, *apphdr, IFGW_EUNSUPPORTED, "ifgw reads the business application header %s",
				  ISO_HEAD_VERSION);
	msgdef = NULL;
	for (c = (*apphdr)->children; c && !msgdef; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "MsgDefIdr"))
			msgdef = c;
	def = msgdef ? ifgw_iso_r_content(r, msgdef) : "";
	for (i = 0; i < sizeof(not_carried) / sizeof(not_carried[0]); i++)
		if (strcmp(def, not_carried[i].msgdef) == 0)
			return ifgw_iso_r_fail(r, msgdef, IFGW_EUNSUPPORTED, "%s", not_carried[i].why);
	*schema = ifgw_iso_schema_by_msgdef(def);
	if (*schema <= ISO_HEAD)
		return ifgw_iso_r_fail(r, msgdef ? msgdef : *apphdr, IFGW_EUNSUPPORTED,
				  "message definition '%.40s' is not one ifgw reads", def);
	ns = ifgw_iso_schema_info(*schema)->ns;
	if (!(*document)->ns || !xmlStrEqual((*document)->ns->href, BAD_CAST ns))
		return ifgw_iso_r_fail(r, *document, IFGW_EPARSE, "the Document's namespace must be %s (MsgDefIdr)", ns);
	return IFGW_OK;
}

static int check_sequence(const struct ifgw_msg *m, const struct ifgw_adapter_env *env)
{
	if (!env->expected_seq || m->hdr.seq == env->expected_seq)
		return IFGW_OK;
	if (m->hdr.seq > env->expected_seq)
		return ifgw_error_set(IFGW_ESTATE, "iso20022: sequence gap: expected %llu, got %llu (%s from %s)",
				      (unsigned long long)env->expected_seq, (unsigned long long)m->hdr.seq, m->hdr.id,
				      m->hdr.sender.code);
	return ifgw_error_set(IFGW_ESTATE,
			      "iso20022: sequence number %llu already used: expected %llu (%s from %s, replay?)",
			      (unsigned long long)m->hdr.seq, (unsigned long long)env->expected_seq, m->hdr.id,
			      m->hdr.sender.code);
}

static int iso_decode(struct ifgw_msg **out, const char *wire, size_t len, const struct ifgw_adapter_env *env)
{
	struct ifgw_msg *m = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr apphdr, document, root;
	struct iso_r r;
	int schema, rc;

	*out = NULL;
	if (!env || !env->profile)
		return ifgw_error_set(IFGW_EINVAL, "iso20022: no partner profile to decode for");
	if ((rc = ifgw_iso_parse(&doc, wire, len)) != IFGW_OK)
		return rc;
	ifgw_iso_r_init(&r, doc, env);
	if ((rc = open_envelope(&r, &apphdr, &document, &schema)) != IFGW_OK ||
	    (rc = ifgw_iso_schema_validate(ISO_HEAD, apphdr)) != IFGW_OK ||
	    (rc = ifgw_iso_schema_validate(schema, document)) != IFGW_OK ||
	    (rc = ifgw_iso_apphdr_read(&r, &m, schema, apphdr)) != IFGW_OK)
		goto out;
	r.label = ifgw_iso_schema_info(schema)->label;
	ifgw_iso_r_mark(document, 0);
	if (!(root = ifgw_iso_r_child(document, ifgw_iso_schema_info(schema)->root))) {
		rc = ifgw_iso_r_fail(&r, document, IFGW_EPARSE, "no %s in the Document", ifgw_iso_schema_info(schema)->root);
		goto out;
	}
	if ((rc = family_decode(&r, m, schema, root)) != IFGW_OK || (rc = ifgw_iso_r_unread(&r, document)) != IFGW_OK ||
	    (rc = check_sequence(m, env)) != IFGW_OK || (rc = ifgw_msg_check(m)) != IFGW_OK)
		goto out;
	*out = m;
	m = NULL;
out:
	ifgw_iso_r_free(&r);
	ifgw_msg_free(m);
	xmlFreeDoc(doc);
	return rc;
}

static int iso_validate(const char *wire, size_t len, const struct ifgw_adapter_env *env)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr apphdr, document;
	struct iso_r r;
	int schema, rc;

	if ((rc = ifgw_iso_parse(&doc, wire, len)) != IFGW_OK)
		return rc;
	ifgw_iso_r_init(&r, doc, env);
	if ((rc = open_envelope(&r, &apphdr, &document, &schema)) == IFGW_OK &&
	    (rc = ifgw_iso_schema_validate(ISO_HEAD, apphdr)) == IFGW_OK)
		rc = ifgw_iso_schema_validate(schema, document);
	ifgw_iso_r_free(&r);
	xmlFreeDoc(doc);
	return rc;
}

static const struct ifgw_dsig_place *iso_signature_place(int msg_type)
{
	(void)msg_type;
	return &ifgw_dsig_place_apphdr; /* AppHdr/Sgntr: the Document stays untouched */
}

/* The ifgw BizMsg envelope (AppHdr + Document) is the root of every
 * message this adapter writes. */
static int iso_probe(const char *wire, size_t len)
{
	return ifgw_adapter_probe_ns(wire, len, "urn:ifgw:envelope:");
}

const struct ifgw_adapter ifgw_adapter_iso20022 = {
	.name = "iso20022",
	.version = "001.01",
	.capabilities = IFGW_ADAPTER_CAP(IFGW_MSG_SELLER_REGISTRATION) | IFGW_ADAPTER_CAP(IFGW_MSG_COVER_REQUEST) |
			IFGW_ADAPTER_CAP(IFGW_MSG_COVER_RESPONSE) | IFGW_ADAPTER_CAP(IFGW_MSG_COVER_REVISION) |
			IFGW_ADAPTER_CAP(IFGW_MSG_ASSIGNMENT_BATCH) | IFGW_ADAPTER_CAP(IFGW_MSG_ASSIGNMENT_STATUS) |
			IFGW_ADAPTER_CAP(IFGW_MSG_DEBTOR_NOTICE) | IFGW_ADAPTER_CAP(IFGW_MSG_FINANCING_REQUEST) |
			IFGW_ADAPTER_CAP(IFGW_MSG_FINANCING_STATUS) |
			IFGW_ADAPTER_CAP(IFGW_MSG_FINANCING_CANCELLATION) |
			IFGW_ADAPTER_CAP(IFGW_MSG_POSITION_STATEMENT),
	.max_batch_items = 0, /* tsin lists are unbounded: the model's 9999 is the limit */
	.signature_place = iso_signature_place,
	.encode = iso_encode,
	.decode = iso_decode,
	.validate = iso_validate,
	.probe = iso_probe,
	.fixed_charset = "UTF-8", /* ISO 20022 XML design rules */
	.init = ifgw_iso_schema_init,
};
