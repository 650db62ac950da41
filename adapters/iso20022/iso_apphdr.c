/* iso_apphdr.c: the business application header (head.001.001.02) of a
 * tsin message: the canonical message header.
 *
 *   Fr / To       sender / receiver factor: OrgId/Nm = name,
 *                 OrgId/Id/OrgId/Othr/Id = factor code, SchmeNm/Prtry "FCI"
 *   BizMsgIdr     the canonical id
 *   MsgDefIdr     tsin.0nn.001.01 of the Document (ifgw.pos.001.01 for
 *                 ifgw's own position statement)
 *   MktPrctc      Regy "ifgw", Id = the header remainder: Sequence (the
 *                 per-corridor sequence number: the BAH has no element for
 *                 it), CreatedBy, SenderRole, RelatedId, WireStatus,
 *                 ErrorCode, ErrorText, and Msg = the canonical type when a
 *                 tsin message carries more than one (SellerRegistration in
 *                 tsin.009, CoverRevision in tsin.010)
 *   CreDt         creation time, UTC
 *   Sgntr         the XML signature (certs/xmldsig.h puts it there) */
#include "config.h"

#include <stdio.h>
#include <string.h>

#define IFGW_ISO_INTERNAL
#include "adapters/iso20022/iso_int.h"
#include "base/error.h"

static const struct {
	int type;
	int schema;
	int explicit_type; /* not what the schema reads as by default */
} carried[] = {
	{IFGW_MSG_FINANCING_REQUEST, ISO_TSIN001, 0},
	{IFGW_MSG_FINANCING_STATUS, ISO_TSIN002, 0},
	{IFGW_MSG_POSITION_STATEMENT, ISO_IFGW_POS, 0}, /* ifgw's own document */
	{IFGW_MSG_FINANCING_CANCELLATION, ISO_TSIN003, 0},
	{IFGW_MSG_ASSIGNMENT_BATCH, ISO_TSIN006, 0},
	{IFGW_MSG_ASSIGNMENT_STATUS, ISO_TSIN007, 0},
	{IFGW_MSG_DEBTOR_NOTICE, ISO_TSIN008, 0},
	{IFGW_MSG_COVER_REQUEST, ISO_TSIN009, 0},
	{IFGW_MSG_SELLER_REGISTRATION, ISO_TSIN009, 1},
	{IFGW_MSG_COVER_RESPONSE, ISO_TSIN010, 0},
	{IFGW_MSG_COVER_REVISION, ISO_TSIN010, 1},
};

#define N_CARRIED (sizeof(carried) / sizeof(carried[0]))

int ifgw_iso_type_schema(int type, int *explicit_type)
{
	size_t i;

	for (i = 0; i < N_CARRIED; i++)
		if (carried[i].type == type) {
			if (explicit_type)
				*explicit_type = carried[i].explicit_type;
			return carried[i].schema;
		}
	return -1;
}

static void write_factor(struct iso_w *w, const char *tag, const struct ifgw_factor *f, const char *field)
{
	size_t saved = ifgw_iso_w_push(w, "%s", field);

	ifgw_iso_w_open(w, tag);
	ifgw_iso_w_open(w, "OrgId");
	ifgw_iso_w_text(w, "Nm", f->name, 140, 0, "Name");
	ifgw_iso_w_open(w, "Id");
	ifgw_iso_w_open(w, "OrgId");
	ifgw_iso_w_open(w, "Othr");
	ifgw_iso_w_leaf(w, "Id", f->code);
	ifgw_iso_w_open(w, "SchmeNm");
	ifgw_iso_w_leaf(w, "Prtry", "FCI");
	ifgw_iso_w_close(w, "SchmeNm");
	ifgw_iso_w_close(w, "Othr");
	ifgw_iso_w_close(w, "OrgId");
	ifgw_iso_w_close(w, "Id");
	ifgw_iso_w_close(w, "OrgId");
	ifgw_iso_w_close(w, tag);
	ifgw_iso_w_pop(w, saved);
}

void ifgw_iso_apphdr_write(struct iso_w *w, const struct ifgw_msg *m, int schema, int explicit_type)
{
	const struct ifgw_msg_header *h = &m->hdr;
	const char *label = w->label;
	struct iso_kvw kv;
	size_t saved;

	w->label = "head.001";
	saved = ifgw_iso_w_push(w, "Header");
	ifgw_iso_kvw_init(&kv, w);
	ifgw_iso_w_open_ns(w, "AppHdr", ISO_NS_PREFIX ISO_HEAD_VERSION);
	write_factor(w, "Fr", &h->sender, "Sender");
	write_factor(w, "To", &h->receiver, "Receiver");
	ifgw_iso_w_text_req(w, "BizMsgIdr", h->id, 35, 0, "Id");
	ifgw_iso_w_leaf(w, "MsgDefIdr", ifgw_iso_schema_info(schema)->msgdef);
	ifgw_iso_kvw_uint(&kv, "Sequence", h->seq);
	ifgw_iso_kvw_str(&kv, "CreatedBy", h->created_by);
	ifgw_iso_kvw_code(&kv, "SenderRole", IFGW_CL_ROLE, h->sender_role);
	ifgw_iso_kvw_str(&kv, "RelatedId", h->related_id);
	ifgw_iso_kvw_int(&kv, "WireStatus", h->wire_status);
	ifgw_iso_kvw_int(&kv, "ErrorCode", h->error_code);
	ifgw_iso_kvw_str(&kv, "ErrorText", h->error_text);
	if (explicit_type)
		ifgw_iso_kvw_str(&kv, "Msg", ifgw_msg_type_name(h->type));
	ifgw_iso_w_open(w, "MktPrctc");
	ifgw_iso_w_leaf(w, "Regy", ISO_MARKET_PRACTICE);
	ifgw_iso_w_remainder(w, "Id", &kv.buf, 2048, 1);
	ifgw_iso_w_close(w, "MktPrctc");
	ifgw_iso_w_datetime(w, "CreDt", h->created);
	ifgw_iso_w_close(w, "AppHdr");
	ifgw_iso_kvw_free(&kv);
	ifgw_iso_w_pop(w, saved);
	w->label = label;
}

static int read_factor(struct iso_r *r, struct ifgw_factor *f, xmlNodePtr parent, const char *tag)
{
	xmlNodePtr party = ifgw_iso_r_child(parent, tag), org = ifgw_iso_r_child(party, "OrgId"), othr, id, scheme;
	const char *code;
	int rc;

	if (!org)
		return ifgw_iso_r_fail(r, party ? party : parent, IFGW_EUNSUPPORTED,
				  "ifgw expects the factor as OrgId (FIId is not used)");
	if ((rc = ifgw_iso_r_text(r, f->name, sizeof(f->name), org, "Nm", 0)) != IFGW_OK)
		return rc;
	othr = ifgw_iso_r_child(ifgw_iso_r_child(ifgw_iso_r_child(org, "Id"), "OrgId"), "Othr");
	scheme = ifgw_iso_r_child(ifgw_iso_r_child(othr, "SchmeNm"), "Prtry");
	if (!othr || !scheme || strcmp(ifgw_iso_r_content(r, scheme), "FCI") != 0 || ifgw_iso_r_next(othr))
		return ifgw_iso_r_fail(r, org, IFGW_EINVAL,
				  "the factor code goes in one Id/OrgId/Othr with SchmeNm/Prtry 'FCI'");
	id = ifgw_iso_r_child(othr, "Id");
	code = ifgw_iso_r_content(r, id);
	if (ifgw_factor_code_check(code, strlen(code)) != IFGW_OK || strlen(code) >= sizeof(f->code))
		return ifgw_iso_r_wrap(r, id, IFGW_EINVAL, NULL);
	memcpy(f->code, code, strlen(code) + 1);
	return IFGW_OK;
}

int ifgw_iso_apphdr_read(struct iso_r *r, struct ifgw_msg **out, int schema, xmlNodePtr apphdr)
{
	struct ifgw_msg *m = NULL;
	struct ifgw_msg_header *h;
	struct iso_kv kv;
	xmlNodePtr practice, regy;
	const char *label = r->label, *name;
	int type = 0, rc = IFGW_OK;
	size_t i;

	*out = NULL;
	r->label = "head.001";
	ifgw_iso_kv_init(&kv, "head.001 AppHdr/MktPrctc/Id");
	ifgw_iso_r_mark(apphdr, 0);
	practice = ifgw_iso_r_child(apphdr, "MktPrctc");
	regy = ifgw_iso_r_child(practice, "Regy");
	if (!practice || strcmp(ifgw_iso_r_content(r, regy), ISO_MARKET_PRACTICE) != 0) {
		rc = ifgw_iso_r_fail(r, practice ? regy : apphdr, IFGW_EINVAL,
				"ifgw's tsin messages name market practice '%s' (MktPrctc/Regy): it carries the "
				"sequence number",
				ISO_MARKET_PRACTICE);
		goto out;
	}
	if ((rc = ifgw_iso_r_remainder(r, &kv, NULL, practice, "Id")) != IFGW_OK)
		goto out;
	/* the canonical type: the schema's default unless the header names another it carries */
	if ((name = ifgw_iso_kv_get(&kv, "Msg"))) {
		int explicit_type = 0;

		type = ifgw_msg_type_from_name(name, strlen(name));
		if (!type || ifgw_iso_type_schema(type, &explicit_type) != schema || !explicit_type) {
			rc = ifgw_iso_r_fail(r, practice, IFGW_EINVAL, "Msg=%.40s: %s does not carry that message type", name,
					ifgw_iso_schema_info(schema)->label);
			goto out;
		}
	} else {
		for (i = 0; i < N_CARRIED; i++)
			if (carried[i].schema == schema && !carried[i].explicit_type)
				type = carried[i].type;
	}
	if ((rc = ifgw_msg_new(&m, type)) != IFGW_OK)
		goto out;
	h = &m->hdr;
	if ((rc = read_factor(r, &h->sender, apphdr, "Fr")) != IFGW_OK ||
	    (rc = read_factor(r, &h->receiver, apphdr, "To")) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, h->id, sizeof(h->id), apphdr, "BizMsgIdr", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_datetime(r, &h->created, apphdr, "CreDt")) != IFGW_OK)
		goto out;
	ifgw_iso_r_child(apphdr, "MsgDefIdr"); /* checked by the caller against the Document */
	ifgw_iso_r_mark(ifgw_iso_r_child(apphdr, "Sgntr"), 1); /* verified before decoding (certs/xmldsig.h) */
	if ((rc = ifgw_iso_kv_uint(&kv, &h->seq, "Sequence", IFGW_SEQ_MAX)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(&kv, h->created_by, sizeof(h->created_by), "CreatedBy")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_code(&kv, &h->sender_role, "SenderRole", IFGW_CL_ROLE)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(&kv, h->related_id, sizeof(h->related_id), "RelatedId")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_int(&kv, &h->wire_status, "WireStatus", 0, 999)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_int(&kv, &h->error_code, "ErrorCode", 0, 999)) != IFGW_OK ||
	    (rc = ifgw_iso_kv_text(&kv, h->error_text, sizeof(h->error_text), "ErrorText")) != IFGW_OK ||
	    (rc = ifgw_iso_kv_finish(&kv)) != IFGW_OK)
		goto out;
	if (h->seq == 0) {
		rc = ifgw_iso_r_fail(r, practice, IFGW_EINVAL, "no Sequence in the ifgw header remainder");
		goto out;
	}
	if ((rc = ifgw_iso_r_unread(r, apphdr)) != IFGW_OK)
		goto out;
	*out = m;
	m = NULL;
out:
	ifgw_iso_kv_free(&kv);
	ifgw_msg_free(m);
	r->label = label;
	return rc;
}
