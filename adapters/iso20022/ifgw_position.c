/* ifgw_position.c: the position statement for ISO 20022 partners, ifgw's
 * own document ifgw.pos.001.01 (schema/ifgw.pos.001.01.xsd): ISO 20022 has
 * no message with this meaning, so it does not borrow one (until issue 8 it
 * was a tsin.002 status, which a partner's validator took for a real one).
 *
 *   <Document xmlns="urn:ifgw:iso20022-ext:pos.001.01">
 *     <IfgwPosStmt>
 *       StmtId (Id, CreDtTm = the AppHdr's), GrpId, AsOfDt,
 *       Ntty (Nm, Nb, OwnNb, PstlAdr, RegnNb, RegnAgcy, TaxId),
 *       CcyPos+ (Ccy, NbOfInvcs, AssgndAmt, ApprvdAmt, FincdAmt, AvlblAmt,
 *                OvrdAmt, DsptdAmt?), AddtlInf?
 *
 * Every canonical field has an element of its own: no remainder record. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <libxml/tree.h>

#define IFGW_ISO_INTERNAL
#include "adapters/iso20022/iso_int.h"
#include "base/error.h"
#include "currency/iso4217.h"

static const struct ifgw_field_limits *limits(const struct iso_w *w)
{
	return &w->env->profile->limits;
}

static void write_entity(struct iso_w *w, const struct ifgw_party *p)
{
	const struct ifgw_field_limits *lim = limits(w);
	size_t saved = ifgw_iso_w_push(w, "Entity");

	/* one AdrLine reads back as Street[1]: a second line alone would move */
	if (!p->street[0][0] && p->street[1][0])
		ifgw_iso_w_fail(w, IFGW_EINVAL, "Street[2]", "given without Street[1]");
	ifgw_iso_w_open(w, "Ntty");
	ifgw_iso_w_text_req(w, "Nm", p->name, 140, lim->party_name, "Name");
	ifgw_iso_w_text(w, "Nb", p->nr, 35, 0, "Nr");
	ifgw_iso_w_text(w, "OwnNb", p->own_nr, 35, 0, "OwnNr");
	ifgw_iso_w_open(w, "PstlAdr");
	ifgw_iso_w_text(w, "AdrLine", p->street[0], 70, lim->street, "Street[1]");
	ifgw_iso_w_text(w, "AdrLine", p->street[1], 70, lim->street, "Street[2]");
	ifgw_iso_w_text(w, "PstCd", p->postcode, 16, lim->postcode, "Postcode");
	ifgw_iso_w_text(w, "TwnNm", p->city, 35, lim->city, "City");
	ifgw_iso_w_text(w, "CtrySubDvsn", p->region, 35, lim->region, "Region");
	ifgw_iso_w_text_req(w, "Ctry", p->country, 2, 0, "Country");
	ifgw_iso_w_close(w, "PstlAdr");
	ifgw_iso_w_text(w, "RegnNb", p->reg_nr, 35, 0, "RegistrationNr");
	ifgw_iso_w_text(w, "RegnAgcy", p->reg_agency, 35, 0, "RegistrationAgency");
	ifgw_iso_w_text(w, "TaxId", p->vat_nr, 35, 0, "VatNr");
	ifgw_iso_w_close(w, "Ntty");
	ifgw_iso_w_pop(w, saved);
}

static void write_line(struct iso_w *w, const struct ifgw_position_line *l)
{
	ifgw_iso_w_open(w, "CcyPos");
	ifgw_iso_w_leaf(w, "Ccy", l->currency->code);
	ifgw_iso_w_uint(w, "NbOfInvcs", (uint64_t)l->n_invoices);
	ifgw_iso_w_amount(w, "AssgndAmt", &l->assigned);
	ifgw_iso_w_amount(w, "ApprvdAmt", &l->approved);
	ifgw_iso_w_amount(w, "FincdAmt", &l->funded);
	ifgw_iso_w_amount(w, "AvlblAmt", &l->available);
	ifgw_iso_w_amount(w, "OvrdAmt", &l->overdue);
	ifgw_iso_w_amount(w, "DsptdAmt", &l->disputed);
	ifgw_iso_w_close(w, "CcyPos");
}

int ifgw_iso_position_encode(struct iso_w *w, const struct ifgw_msg *m)
{
	const struct ifgw_iso_schema_info *info = ifgw_iso_schema_info(ISO_IFGW_POS);
	const struct ifgw_position *p = &m->body.position;
	size_t i, saved;

	if (m->hdr.type != IFGW_MSG_POSITION_STATEMENT)
		return w->rc = ifgw_error_set(IFGW_EUNSUPPORTED, "iso20022: %s is not a position statement",
					      ifgw_msg_type_name(m->hdr.type));
	ifgw_iso_w_open_ns(w, "Document", info->ns);
	ifgw_iso_w_open(w, info->root);
	ifgw_iso_w_open(w, "StmtId");
	ifgw_iso_w_text_req(w, "Id", m->hdr.id, 35, 0, "Header/Id");
	ifgw_iso_w_datetime(w, "CreDtTm", m->hdr.created);
	ifgw_iso_w_close(w, "StmtId");
	ifgw_iso_w_text_req(w, "GrpId", p->group_id, 35, limits(w)->reference, "GroupId");
	ifgw_iso_w_date(w, "AsOfDt", p->as_of);
	write_entity(w, &p->entity);
	for (i = 0; i < p->n_items && w->rc == IFGW_OK; i++) {
		saved = ifgw_iso_w_push(w, "Line[%zu]", i + 1);
		write_line(w, &p->items[i]);
		ifgw_iso_w_pop(w, saved);
	}
	ifgw_iso_w_text(w, "AddtlInf", p->text, 3500, limits(w)->free_text, "Text");
	ifgw_iso_w_close(w, info->root);
	ifgw_iso_w_close(w, "Document");
	return w->rc;
}

/* --- decoding */

static int read_entity(struct iso_r *r, struct ifgw_party *p, xmlNodePtr ntty)
{
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	xmlNodePtr adr = ifgw_iso_r_child(ntty, "PstlAdr"), line = ifgw_iso_r_child(adr, "AdrLine");
	int rc;

	if ((rc = ifgw_iso_r_text(r, p->name, sizeof(p->name), ntty, "Nm", lim->party_name)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, p->nr, sizeof(p->nr), ntty, "Nb", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, p->own_nr, sizeof(p->own_nr), ntty, "OwnNb", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_node_text(r, p->street[0], sizeof(p->street[0]), line, lim->street)) != IFGW_OK ||
	    (rc = ifgw_iso_r_node_text(r, p->street[1], sizeof(p->street[1]), line ? ifgw_iso_r_next(line) : NULL,
				       lim->street)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, p->postcode, sizeof(p->postcode), adr, "PstCd", lim->postcode)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, p->city, sizeof(p->city), adr, "TwnNm", lim->city)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, p->region, sizeof(p->region), adr, "CtrySubDvsn", lim->region)) != IFGW_OK ||
	    (rc = ifgw_iso_r_code(r, p->country, sizeof(p->country), adr, "Ctry")) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, p->reg_nr, sizeof(p->reg_nr), ntty, "RegnNb", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, p->reg_agency, sizeof(p->reg_agency), ntty, "RegnAgcy", 0)) != IFGW_OK)
		return rc;
	return ifgw_iso_r_text(r, p->vat_nr, sizeof(p->vat_nr), ntty, "TaxId", 0);
}

static int read_line(struct iso_r *r, struct ifgw_position_line *l, xmlNodePtr pos)
{
	xmlNodePtr ccy = ifgw_iso_r_child(pos, "Ccy");
	const char *code = ifgw_iso_r_content(r, ccy);
	struct ifgw_error kept;
	uint64_t n;
	int rc;

	ifgw_error_save(&kept); /* replaced by a message that names the element */
	rc = ifgw_currency_lookup(&l->currency, code, strlen(code));
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK)
		return ifgw_iso_r_fail(r, ccy, IFGW_EINVAL, "unknown currency '%.8s'", code);
	if ((rc = ifgw_iso_r_uint(r, &n, pos, "NbOfInvcs", INT32_MAX)) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &l->assigned, pos, "AssgndAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &l->approved, pos, "ApprvdAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &l->funded, pos, "FincdAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &l->available, pos, "AvlblAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &l->overdue, pos, "OvrdAmt")) != IFGW_OK ||
	    (rc = ifgw_iso_r_amount(r, &l->disputed, pos, "DsptdAmt")) != IFGW_OK)
		return rc;
	l->n_invoices = (int32_t)n;
	return IFGW_OK;
}

int ifgw_iso_position_decode(struct iso_r *r, struct ifgw_msg *m, xmlNodePtr root)
{
	struct ifgw_position *p = &m->body.position;
	const struct ifgw_field_limits *lim = &r->env->profile->limits;
	xmlNodePtr id = ifgw_iso_r_child(root, "StmtId"), pos;
	char text[IFGW_ID_SIZE];
	int64_t created;
	void *it;
	int rc;

	if (m->hdr.type != IFGW_MSG_POSITION_STATEMENT)
		return ifgw_error_set(IFGW_EUNSUPPORTED, "iso20022: %s is not a position statement",
				      ifgw_msg_type_name(m->hdr.type));
	if ((rc = ifgw_iso_r_text(r, text, sizeof(text), id, "Id", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_datetime(r, &created, id, "CreDtTm")) != IFGW_OK)
		return rc;
	if (strcmp(text, m->hdr.id) != 0 || created != m->hdr.created)
		return ifgw_iso_r_fail(r, id, IFGW_EINVAL, "Id and CreDtTm must be the AppHdr's BizMsgIdr and CreDt");
	if ((rc = ifgw_iso_r_text(r, p->group_id, sizeof(p->group_id), root, "GrpId", lim->reference)) != IFGW_OK ||
	    (rc = ifgw_iso_r_date(r, &p->as_of, root, "AsOfDt")) != IFGW_OK ||
	    (rc = read_entity(r, &p->entity, ifgw_iso_r_child(root, "Ntty"))) != IFGW_OK)
		return rc;
	for (pos = ifgw_iso_r_child(root, "CcyPos"); pos; pos = ifgw_iso_r_next(pos))
		if ((rc = ifgw_msg_add_item(&it, m)) != IFGW_OK || (rc = read_line(r, it, pos)) != IFGW_OK)
			return rc;
	return ifgw_iso_r_text(r, p->text, sizeof(p->text), root, "AddtlInf", lim->free_text);
}
