/* iso_letter.c: the business letter (BusinessLetter1, the Hdr of
 * tsin.006-010) and the parties it declares.
 *
 * tsin names parties once, in the letter, each with an xs:ID, and refers
 * to them by IDREF from the lists and items.  ifgw declares:
 *   Orgtr F1       the sending factor      (code only: the AppHdr has the names)
 *   PmryRcpt F2    the receiving factor
 *   AuthstnUsr F3  the sending factor again (the schema requires one)
 *   OthrPty P1..   sellers, buyers, debtors, assignees, banks, each once per
 *                  distinct content and role (Role/Id "Sellr", "Buyr" ...)
 * A party (struct ifgw_party) as TradeParty1:
 *   PtyId/Id/OrgId/Othr  Nr, OwnNr, RegNr (Issr = RegistrationAgency),
 *                        each with SchmeNm/Prtry = that name
 *   PtyId/Nm             Name when it has at most 35 characters,
 *   LglOrg/Nm            else here (Max140Text)
 *   PtyId/PstlAdr        AdrLine x2 = Street, PstCd, TwnNm, CtrySubDvsn = Region, Ctry
 *   PtyId/CtctDtls       the contact that goes with the party (Nm, PhneNb,
 *                        FaxNb, EmailAdr; phone numbers not in the ISO
 *                        +CC-NUMBER form go to the remainder)
 *   TaxPty/TaxId         VatNr
 *   RoleDesc             the party's remainder (what has no element above)
 * A bank (struct ifgw_bank) as a party: OrgId/BIC (or Othr "BankCode" when
 * not a BIC), the name as above, PstlAdr/Dept = BranchName; the account
 * goes in the item's CdtAcct / DbtAcct. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapters/charset.h"
#define IFGW_ISO_INTERNAL
#include "adapters/iso20022/iso_int.h"
#include "base/date.h"
#include "base/error.h"

#define PARTY_DEPTH 4 /* BizMsg/Document/<root>/Hdr/OthrPty */

struct iso_party_slot {
	char id[16];
	uint64_t hash;
	size_t off, len; /* the body in `bodies` */
};

void ifgw_iso_party_set_init(struct iso_party_set *s)
{
	memset(s, 0, sizeof(*s));
	ifgw_buf_init(&s->xml, ISO_WIRE_MAX);
}

void ifgw_iso_party_set_free(struct iso_party_set *s)
{
	ifgw_buf_free(&s->xml);
	free(s->slots);
	free(s->table);
	memset(s, 0, sizeof(*s));
}

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Grow the hash table to keep it at most half full. */
static int rehash(struct iso_party_set *s)
{
	size_t size = s->table_size ? s->table_size * 2 : 64, i, j;
	size_t *t = calloc(size, sizeof(*t));

	if (!t)
		return ifgw_error_set(IFGW_ENOMEM, "out of memory declaring parties");
	for (i = 0; i < s->n; i++) {
		for (j = s->slots[i].hash & (size - 1); t[j]; j = (j + 1) & (size - 1))
			;
		t[j] = i + 1;
	}
	free(s->table);
	s->table = t;
	s->table_size = size;
	return IFGW_OK;
}

/* Add the declaration whose body (all but the <Id>) is in body; *id gets
 * its xs:ID, an existing one when an equal body was added before. */
static void add_declaration(struct iso_w *w, struct iso_party_set *s, char id[16], const struct ifgw_buf *body)
{
	uint64_t h = fnv1a(ifgw_buf_cstr(body), body->len);
	struct iso_party_slot *slot;
	struct iso_w dw;
	size_t j, off;
	int rc;

	if (w->rc != IFGW_OK)
		return;
	if (2 * (s->n + 1) > s->table_size && (rc = rehash(s)) != IFGW_OK) {
		w->rc = rc;
		return;
	}
	for (j = h & (s->table_size - 1); s->table[j]; j = (j + 1) & (s->table_size - 1)) {
		slot = &s->slots[s->table[j] - 1];
		if (slot->hash == h && slot->len == body->len &&
		    memcmp(s->xml.ptr + slot->off, body->ptr, body->len) == 0) {
			memcpy(id, slot->id, sizeof(slot->id));
			return;
		}
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct iso_party_slot *ns = realloc(s->slots, cap * sizeof(*ns));

		if (!ns) {
			w->rc = ifgw_error_set(IFGW_ENOMEM, "out of memory declaring parties");
			return;
		}
		s->slots = ns;
		s->cap = cap;
	}
	slot = &s->slots[s->n];
	snprintf(slot->id, sizeof(slot->id), "P%zu", s->n + 1);
	slot->hash = h;
	/* <OthrPty><Id>Pn</Id> body </OthrPty> */
	ifgw_iso_w_init(&dw, &s->xml, w->env, w->label, "");
	dw.depth = PARTY_DEPTH;
	ifgw_iso_w_open(&dw, "OthrPty");
	ifgw_iso_w_leaf(&dw, "Id", slot->id);
	off = s->xml.len;
	if (dw.rc == IFGW_OK && (rc = ifgw_buf_add(&s->xml, body->ptr, body->len)) != IFGW_OK)
		dw.rc = rc;
	ifgw_iso_w_close(&dw, "OthrPty");
	if (dw.rc != IFGW_OK) {
		w->rc = dw.rc;
		return;
	}
	slot->off = off;
	slot->len = body->len;
	s->n++;
	s->table[j] = s->n;
	memcpy(id, slot->id, sizeof(slot->id));
}

static void write_name(struct iso_w *w, const char *name, int in_ptyid)
{
	size_t chars = 0;

	if (!name[0])
		return;
	if (ifgw_utf8_count(&chars, name, strlen(name), "Name") != IFGW_OK) {
		w->rc = ifgw_error_code();
		return;
	}
	if (in_ptyid && chars <= 35)
		ifgw_iso_w_text(w, "Nm", name, 35, w->env ? w->env->profile->limits.party_name : 0, "Name");
	if (!in_ptyid && chars > 35) {
		ifgw_iso_w_open(w, "LglOrg");
		ifgw_iso_w_text(w, "Nm", name, 140, w->env ? w->env->profile->limits.party_name : 0, "Name");
		ifgw_iso_w_close(w, "LglOrg");
	}
}

static void write_othr(struct iso_w *w, const char *id, const char *scheme, const char *issuer)
{
	if (!id[0])
		return;
	ifgw_iso_w_open(w, "Othr");
	ifgw_iso_w_text(w, "Id", id, 35, 0, scheme);
	ifgw_iso_w_open(w, "SchmeNm");
	ifgw_iso_w_leaf(w, "Prtry", scheme);
	ifgw_iso_w_close(w, "SchmeNm");
	if (issuer && issuer[0])
		ifgw_iso_w_text(w, "Issr", issuer, 35, 0, "RegistrationAgency");
	ifgw_iso_w_close(w, "Othr");
}

static void write_contact(struct iso_w *w, struct iso_kvw *kv, const struct ifgw_contact *c)
{
	size_t saved;

	if (!c || (!c->name[0] && !c->phone[0] && !c->fax[0] && !c->email[0]))
		return;
	saved = ifgw_iso_w_push(w, "Contact");
	ifgw_iso_w_open(w, "CtctDtls");
	ifgw_iso_w_text(w, "Nm", c->name, 140, w->env ? w->env->profile->limits.contact : 0, "Name");
	if (c->phone[0] && ifgw_iso_is_phone(c->phone))
		ifgw_iso_w_leaf(w, "PhneNb", c->phone);
	else
		ifgw_iso_kvw_str(kv, "Contact/Phone", c->phone);
	if (c->fax[0] && ifgw_iso_is_phone(c->fax))
		ifgw_iso_w_leaf(w, "FaxNb", c->fax);
	else
		ifgw_iso_kvw_str(kv, "Contact/Fax", c->fax);
	ifgw_iso_w_text(w, "EmailAdr", c->email, 2048, 0, "Email");
	ifgw_iso_w_close(w, "CtctDtls");
	ifgw_iso_w_pop(w, saved);
}

/* The body of a party declaration: Pty, Role, RoleDesc. */
static void party_body(struct iso_w *w, const char *role, const struct ifgw_party *p,
		       const struct ifgw_contact *contact, const struct ifgw_bank *bank)
{
	const struct ifgw_field_limits *lim = w->env ? &w->env->profile->limits : NULL;
	const char *name = bank ? bank->bank_name : p->name;
	int have_ids = bank ? bank->bic[0] != '\0' : (p->nr[0] || p->own_nr[0] || p->reg_nr[0]);
	int have_addr = bank ? bank->branch_name[0] != '\0'
			     : (p->street[0][0] || p->city[0] || p->postcode[0] || p->region[0] || p->country[0]);
	struct iso_kvw kv;

	ifgw_iso_kvw_init(&kv, w);
	ifgw_iso_w_open(w, "Pty");
	ifgw_iso_w_open(w, "BasePty");
	ifgw_iso_w_open(w, "PtyId");
	if (have_ids) {
		ifgw_iso_w_open(w, "Id");
		ifgw_iso_w_open(w, "OrgId");
		if (bank) {
			if (ifgw_iso_is_bic(bank->bic))
				ifgw_iso_w_leaf(w, "BIC", bank->bic);
			else
				write_othr(w, bank->bic, "BankCode", NULL);
		} else {
			write_othr(w, p->nr, "Nr", NULL);
			write_othr(w, p->own_nr, "OwnNr", NULL);
			write_othr(w, p->reg_nr, "RegNr", p->reg_agency);
		}
		ifgw_iso_w_close(w, "OrgId");
		ifgw_iso_w_close(w, "Id");
	}
	write_name(w, name, 1);
	if (have_addr) {
		ifgw_iso_w_open(w, "PstlAdr");
		if (bank) {
			ifgw_iso_w_text(w, "Dept", bank->branch_name, 70, 0, "BranchName");
		} else {
			ifgw_iso_w_text(w, "PstCd", p->postcode, 16, lim ? lim->postcode : 0, "Postcode");
			ifgw_iso_w_text(w, "TwnNm", p->city, 35, lim ? lim->city : 0, "City");
			ifgw_iso_w_text(w, "CtrySubDvsn", p->region, 35, lim ? lim->region : 0, "Region");
			if (p->country[0])
				ifgw_iso_w_leaf(w, "Ctry", p->country);
			if (p->street[0][0]) {
				ifgw_iso_w_text(w, "AdrLine", p->street[0], 70, lim ? lim->street : 0, "Street[1]");
				ifgw_iso_w_text(w, "AdrLine", p->street[1], 70, lim ? lim->street : 0, "Street[2]");
			}
		}
		ifgw_iso_w_close(w, "PstlAdr");
	}
	if (!bank) {
		if (!p->street[0][0] && p->street[1][0]) {
			ifgw_iso_w_check_text(w, "AdrLine", p->street[1], 70, lim ? lim->street : 0, "Street[2]");
			ifgw_iso_kvw_str(&kv, "Street[2]", p->street[1]);
		}
		if (!p->reg_nr[0])
			ifgw_iso_kvw_str(&kv, "RegistrationAgency", p->reg_agency);
		write_contact(w, &kv, contact);
	}
	ifgw_iso_w_close(w, "PtyId");
	write_name(w, name, 0);
	if (!bank && p->vat_nr[0]) {
		ifgw_iso_w_open(w, "TaxPty");
		ifgw_iso_w_text(w, "TaxId", p->vat_nr, 35, 0, "VatNr");
		ifgw_iso_w_close(w, "TaxPty");
	}
	ifgw_iso_w_close(w, "BasePty");
	ifgw_iso_w_close(w, "Pty");
	ifgw_iso_w_open(w, "Role");
	ifgw_iso_w_leaf(w, "Id", role);
	ifgw_iso_w_close(w, "Role");
	ifgw_iso_w_remainder(w, "RoleDesc", &kv.buf, 256, 1);
	ifgw_iso_kvw_free(&kv);
}

static void declare(struct iso_w *w, struct iso_party_set *s, char id[16], const char *role,
		    const struct ifgw_party *p, const struct ifgw_contact *contact, const struct ifgw_bank *bank)
{
	struct ifgw_buf body;
	struct iso_w bw;

	id[0] = '\0';
	if (w->rc != IFGW_OK)
		return;
	ifgw_buf_init(&body, 1u << 20);
	ifgw_iso_w_init(&bw, &body, w->env, w->label, w->path);
	bw.depth = PARTY_DEPTH + 1;
	party_body(&bw, role, p, contact, bank);
	if (bw.rc != IFGW_OK)
		w->rc = bw.rc;
	else
		add_declaration(w, s, id, &body);
	ifgw_buf_free(&body);
}

void ifgw_iso_party_declare(struct iso_w *w, struct iso_party_set *s, char id[16], const char *role,
		       const struct ifgw_party *p, const struct ifgw_contact *contact)
{
	declare(w, s, id, role, p, contact, NULL);
}

void ifgw_iso_bank_declare(struct iso_w *w, struct iso_party_set *s, char id[16], const char *role,
		      const struct ifgw_bank *b)
{
	size_t saved = ifgw_iso_w_push(w, "Bank");

	declare(w, s, id, role, NULL, NULL, b);
	ifgw_iso_w_pop(w, saved);
}

static void write_factor_party(struct iso_w *w, const char *tag, const char *id, const char *code)
{
	ifgw_iso_w_open(w, tag);
	ifgw_iso_w_leaf(w, "Id", id);
	ifgw_iso_w_open(w, "Pty");
	ifgw_iso_w_open(w, "BasePty");
	ifgw_iso_w_open(w, "PtyId");
	ifgw_iso_w_open(w, "Id");
	ifgw_iso_w_open(w, "OrgId");
	write_othr(w, code, "FCI", NULL);
	ifgw_iso_w_close(w, "OrgId");
	ifgw_iso_w_close(w, "Id");
	ifgw_iso_w_close(w, "PtyId");
	ifgw_iso_w_close(w, "BasePty");
	ifgw_iso_w_close(w, "Pty");
	ifgw_iso_w_close(w, tag);
}

void ifgw_iso_letter_write(struct iso_w *w, const struct ifgw_msg *m, const struct iso_party_set *s,
		      const struct ifgw_buf *kv)
{
	int rc;

	ifgw_iso_w_open(w, "Hdr");
	ifgw_iso_w_open(w, "LttrIdr");
	ifgw_iso_w_leaf(w, "Id", "L1");
	ifgw_iso_w_leaf(w, "ElctrncOrgnl", "true");
	ifgw_iso_w_close(w, "LttrIdr");
	ifgw_iso_w_date(w, "Dt", ifgw_datetime_date(m->hdr.created));
	write_factor_party(w, "Orgtr", "F1", m->hdr.sender.code);
	write_factor_party(w, "PmryRcpt", "F2", m->hdr.receiver.code);
	write_factor_party(w, "AuthstnUsr", "F3", m->hdr.sender.code);
	if (w->rc == IFGW_OK && s->xml.len && (rc = ifgw_buf_add(w->out, s->xml.ptr, s->xml.len)) != IFGW_OK)
		w->rc = rc;
	ifgw_iso_w_remainder(w, "AddtlInf", kv, 2000, 1);
	ifgw_iso_w_close(w, "Hdr");
}

void ifgw_iso_w_account4(struct iso_w *w, const char *tag, const char *account, const char *field)
{
	if (!account[0])
		return;
	ifgw_iso_w_open(w, tag);
	if (ifgw_iso_is_iban(account)) {
		ifgw_iso_w_leaf(w, "IBAN", account);
	} else {
		ifgw_iso_w_open(w, "Othr");
		ifgw_iso_w_text(w, "Id", account, 34, 0, field);
		ifgw_iso_w_close(w, "Othr");
	}
	ifgw_iso_w_close(w, tag);
}

/* --- reading */

struct id_entry {
	const char *id;
	xmlNodePtr node;
};

static int cmp_ids(const void *a, const void *b)
{
	return strcmp(((const struct id_entry *)a)->id, ((const struct id_entry *)b)->id);
}

void ifgw_iso_letter_free(struct iso_letter *l)
{
	free(l->nodes);
	free((void *)l->ids);
	memset(l, 0, sizeof(*l));
}

/* The factor code of a factor party (F1..F3). */
static int factor_code(struct iso_r *r, const char **code, xmlNodePtr decl)
{
	xmlNodePtr org = ifgw_iso_r_child(ifgw_iso_r_child(ifgw_iso_r_child(ifgw_iso_r_child(ifgw_iso_r_child(decl, "Pty"), "BasePty"),
							      "PtyId"),
					     "Id"),
				"OrgId");
	xmlNodePtr othr = ifgw_iso_r_child(org, "Othr");
	xmlNodePtr scheme = ifgw_iso_r_child(ifgw_iso_r_child(othr, "SchmeNm"), "Prtry");

	if (!othr || !scheme || strcmp(ifgw_iso_r_content(r, scheme), "FCI") != 0 || ifgw_iso_r_next(othr))
		return ifgw_iso_r_fail(r, decl, IFGW_EINVAL, "a factor is one Othr with SchmeNm/Prtry 'FCI'");
	*code = ifgw_iso_r_content(r, ifgw_iso_r_child(othr, "Id"));
	return IFGW_OK;
}

int ifgw_iso_letter_read(struct iso_r *r, struct iso_letter *l, const struct ifgw_msg *m, xmlNodePtr hdr,
		    struct iso_kv *kv)
{
	static const char *const tags[] = {"Orgtr", "PmryRcpt", "AuthstnUsr", "OthrPty"};
	struct id_entry *v = NULL;
	xmlNodePtr n;
	const char *code;
	size_t total = 0, i, k = 0;
	int rc = IFGW_OK;

	memset(l, 0, sizeof(*l));
	l->hdr = hdr;
	/* the letter's id and date are ours (L1, the creation date): read, not kept */
	ifgw_iso_r_child(ifgw_iso_r_child(hdr, "LttrIdr"), "Id");
	ifgw_iso_r_child(ifgw_iso_r_child(hdr, "LttrIdr"), "ElctrncOrgnl");
	ifgw_iso_r_child(hdr, "Dt");
	if (ifgw_iso_r_count(hdr, "PmryRcpt") != 1 || ifgw_iso_r_count(hdr, "AuthstnUsr") != 1)
		return ifgw_iso_r_fail(r, hdr, IFGW_EINVAL, "ifgw expects one PmryRcpt and one AuthstnUsr");
	for (i = 0; i < 4; i++)
		total += ifgw_iso_r_count(hdr, tags[i]);
	if (!(v = calloc(total ? total : 1, sizeof(*v))))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory reading the letter");
	for (i = 0; i < 4; i++)
		for (n = ifgw_iso_r_child(hdr, tags[i]); n; n = ifgw_iso_r_next(n)) {
			v[k].node = n;
			v[k].id = ifgw_iso_r_content(r, ifgw_iso_r_child(n, "Id"));
			k++;
		}
	/* the factors: the AppHdr says who they are, the letter must agree */
	if ((rc = factor_code(r, &code, ifgw_iso_r_child(hdr, "Orgtr"))) != IFGW_OK)
		goto out;
	if (strcmp(code, m->hdr.sender.code) != 0 || strcmp(v[0].id, "F1") != 0) {
		rc = ifgw_iso_r_fail(r, ifgw_iso_r_child(hdr, "Orgtr"), IFGW_EINVAL,
				"originator F1 must be the sender %s of the AppHdr", m->hdr.sender.code);
		goto out;
	}
	if ((rc = factor_code(r, &code, ifgw_iso_r_child(hdr, "PmryRcpt"))) != IFGW_OK)
		goto out;
	if (strcmp(code, m->hdr.receiver.code) != 0 || strcmp(v[1].id, "F2") != 0) {
		rc = ifgw_iso_r_fail(r, ifgw_iso_r_child(hdr, "PmryRcpt"), IFGW_EINVAL,
				"primary recipient F2 must be the receiver %s of the AppHdr", m->hdr.receiver.code);
		goto out;
	}
	if ((rc = factor_code(r, &code, ifgw_iso_r_child(hdr, "AuthstnUsr"))) != IFGW_OK)
		goto out;
	if (strcmp(code, m->hdr.sender.code) != 0 || strcmp(v[2].id, "F3") != 0) {
		rc = ifgw_iso_r_fail(r, ifgw_iso_r_child(hdr, "AuthstnUsr"), IFGW_EINVAL,
				"authorising user F3 must be the sender %s", m->hdr.sender.code);
		goto out;
	}
	qsort(v, k, sizeof(*v), cmp_ids);
	for (i = 1; i < k; i++)
		if (strcmp(v[i - 1].id, v[i].id) == 0) {
			rc = ifgw_iso_r_fail(r, v[i].node, IFGW_EINVAL, "party id %.35s declared twice", v[i].id);
			goto out;
		}
	l->nodes = calloc(k ? k : 1, sizeof(*l->nodes));
	l->ids = calloc(k ? k : 1, sizeof(*l->ids));
	if (!l->nodes || !l->ids) {
		rc = ifgw_error_set(IFGW_ENOMEM, "out of memory reading the letter");
		goto out;
	}
	for (i = 0; i < k; i++) {
		l->nodes[i] = v[i].node;
		l->ids[i] = v[i].id;
	}
	l->n = k;
	rc = ifgw_iso_r_remainder(r, kv, NULL, hdr, "AddtlInf");
out:
	free(v);
	return rc;
}

int ifgw_iso_letter_ref(struct iso_r *r, xmlNodePtr *out, struct iso_letter *l, xmlNodePtr parent, const char *name,
		   const char *role, int required)
{
	xmlNodePtr ref = ifgw_iso_r_child(parent, name), decl, role_id;
	const char *id, *want_tag = NULL;
	size_t lo = 0, hi = l->n, mid;
	int c;

	*out = NULL;
	if (!ref)
		return required ? ifgw_iso_r_fail(r, parent, IFGW_EINVAL, "%s missing", name) : IFGW_OK;
	id = ifgw_iso_r_content(r, ref);
	decl = NULL;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(id, l->ids[mid]);
		if (c == 0) {
			decl = l->nodes[mid];
			break;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (!decl)
		return ifgw_iso_r_fail(r, ref, IFGW_EINVAL, "IDREF '%.35s' names no party of the letter", id);
	if (strcmp(role, "Sndr") == 0)
		want_tag = "Orgtr";
	else if (strcmp(role, "Rcvr") == 0)
		want_tag = "PmryRcpt";
	if (want_tag) {
		if (!xmlStrEqual(decl->name, BAD_CAST want_tag))
			return ifgw_iso_r_fail(r, ref, IFGW_EINVAL, "must refer to the %s factor (%s)",
					  strcmp(role, "Sndr") == 0 ? "sending" : "receiving",
					  strcmp(role, "Sndr") == 0 ? "F1" : "F2");
	} else {
		role_id = ifgw_iso_r_child(ifgw_iso_r_child(decl, "Role"), "Id");
		if (!xmlStrEqual(decl->name, BAD_CAST "OthrPty") || strcmp(ifgw_iso_r_content(r, role_id), role) != 0)
			return ifgw_iso_r_fail(r, ref, IFGW_EINVAL, "must refer to a party in role %s", role);
	}
	*out = decl;
	return IFGW_OK;
}

/* Name from PtyId/Nm or LglOrg/Nm (never both). */
static int read_name(struct iso_r *r, char *dst, size_t size, xmlNodePtr base, xmlNodePtr ptyid)
{
	xmlNodePtr short_nm = ifgw_iso_r_child(ptyid, "Nm"), long_nm = ifgw_iso_r_child(ifgw_iso_r_child(base, "LglOrg"), "Nm");
	size_t limit = r->env ? r->env->profile->limits.party_name : 0;

	if (short_nm && long_nm)
		return ifgw_iso_r_fail(r, long_nm, IFGW_EINVAL, "name given in PtyId/Nm and LglOrg/Nm");
	return ifgw_iso_r_node_text(r, dst, size, short_nm ? short_nm : long_nm, limit);
}

/* The Othr identifications of an OrgId, by scheme name. */
static int read_othr(struct iso_r *r, xmlNodePtr org, const char *const *schemes, char *const *dst,
		     const size_t *sizes, size_t n, char *issuer, size_t issuer_size)
{
	xmlNodePtr othr;
	size_t i;
	int rc;

	for (othr = ifgw_iso_r_child(org, "Othr"); othr; othr = ifgw_iso_r_next(othr)) {
		const char *scheme = ifgw_iso_r_content(r, ifgw_iso_r_child(ifgw_iso_r_child(othr, "SchmeNm"), "Prtry"));

		for (i = 0; i < n; i++)
			if (strcmp(scheme, schemes[i]) == 0)
				break;
		if (i == n)
			return ifgw_iso_r_fail(r, othr, IFGW_EINVAL, "identification scheme '%.35s' unknown to ifgw", scheme);
		if (dst[i][0])
			return ifgw_iso_r_fail(r, othr, IFGW_EINVAL, "scheme %s given twice", schemes[i]);
		if ((rc = ifgw_iso_r_text(r, dst[i], sizes[i], othr, "Id", 0)) != IFGW_OK)
			return rc;
		if (issuer && strcmp(schemes[i], "RegNr") == 0 &&
		    (rc = ifgw_iso_r_text(r, issuer, issuer_size, othr, "Issr", 0)) != IFGW_OK)
			return rc;
	}
	return IFGW_OK;
}

static int read_contact(struct iso_r *r, struct ifgw_contact *c, xmlNodePtr ptyid)
{
	xmlNodePtr d = ifgw_iso_r_child(ptyid, "CtctDtls");
	size_t limit = r->env ? r->env->profile->limits.contact : 0;
	int rc;

	if (!d)
		return IFGW_OK;
	if (!c)
		return ifgw_iso_r_fail(r, d, IFGW_EUNSUPPORTED, "this party has no contact in the canonical message");
	if (ifgw_iso_r_next(d))
		return ifgw_iso_r_fail(r, ifgw_iso_r_next(d), IFGW_EINVAL, "ifgw carries one contact");
	if ((rc = ifgw_iso_r_text(r, c->name, sizeof(c->name), d, "Nm", limit)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, c->phone, sizeof(c->phone), d, "PhneNb", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, c->fax, sizeof(c->fax), d, "FaxNb", 0)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, c->email, sizeof(c->email), d, "EmailAdr", 0)) != IFGW_OK)
		return rc;
	return IFGW_OK;
}

/* The party remainder of a declaration (RoleDesc). */
static int read_role_remainder(struct iso_r *r, struct iso_kv *kv, xmlNodePtr decl)
{
	ifgw_iso_r_child(decl, "Role");
	return ifgw_iso_r_remainder(r, kv, NULL, decl, "RoleDesc");
}

int ifgw_iso_party_read(struct iso_r *r, struct ifgw_party *p, struct ifgw_contact *contact, xmlNodePtr decl)
{
	const struct ifgw_field_limits *lim = r->env ? &r->env->profile->limits : NULL;
	static const char *const schemes[] = {"Nr", "OwnNr", "RegNr"};
	char *const dst[] = {p->nr, p->own_nr, p->reg_nr};
	const size_t sizes[] = {sizeof(p->nr), sizeof(p->own_nr), sizeof(p->reg_nr)};
	xmlNodePtr base = ifgw_iso_r_child(ifgw_iso_r_child(decl, "Pty"), "BasePty"), ptyid = ifgw_iso_r_child(base, "PtyId"), adr,
		   line, tax;
	struct iso_kv kv;
	char where[64];
	int rc;

	ifgw_party_init(p);
	snprintf(where, sizeof(where), "%s party %.16s RoleDesc", r->label, ifgw_iso_r_content(r, ifgw_iso_r_child(decl, "Id")));
	ifgw_iso_kv_init(&kv, where);
	if ((rc = read_othr(r, ifgw_iso_r_child(ifgw_iso_r_child(ptyid, "Id"), "OrgId"), schemes, dst, sizes, 3, p->reg_agency,
			    sizeof(p->reg_agency))) != IFGW_OK ||
	    (rc = read_name(r, p->name, sizeof(p->name), base, ptyid)) != IFGW_OK)
		goto out;
	if ((adr = ifgw_iso_r_child(ptyid, "PstlAdr"))) {
		if ((rc = ifgw_iso_r_text(r, p->postcode, sizeof(p->postcode), adr, "PstCd", lim ? lim->postcode : 0)) !=
			    IFGW_OK ||
		    (rc = ifgw_iso_r_text(r, p->city, sizeof(p->city), adr, "TwnNm", lim ? lim->city : 0)) != IFGW_OK ||
		    (rc = ifgw_iso_r_text(r, p->region, sizeof(p->region), adr, "CtrySubDvsn", lim ? lim->region : 0)) !=
			    IFGW_OK ||
		    (rc = ifgw_iso_r_code(r, p->country, sizeof(p->country), adr, "Ctry")) != IFGW_OK)
			goto out;
		line = ifgw_iso_r_child(adr, "AdrLine");
		if ((rc = ifgw_iso_r_node_text(r, p->street[0], sizeof(p->street[0]), line, lim ? lim->street : 0)) !=
			    IFGW_OK ||
		    (rc = ifgw_iso_r_node_text(r, p->street[1], sizeof(p->street[1]), line ? ifgw_iso_r_next(line) : NULL,
					  lim ? lim->street : 0)) != IFGW_OK)
			goto out;
		if (line && ifgw_iso_r_next(line) && ifgw_iso_r_next(ifgw_iso_r_next(line))) {
			rc = ifgw_iso_r_fail(r, ifgw_iso_r_next(ifgw_iso_r_next(line)), IFGW_EINVAL, "ifgw carries two address lines");
			goto out;
		}
	}
	if ((rc = read_contact(r, contact, ptyid)) != IFGW_OK)
		goto out;
	if ((tax = ifgw_iso_r_child(base, "TaxPty")) &&
	    (rc = ifgw_iso_r_text(r, p->vat_nr, sizeof(p->vat_nr), tax, "TaxId", 0)) != IFGW_OK)
		goto out;
	if ((rc = read_role_remainder(r, &kv, decl)) != IFGW_OK)
		goto out;
	if (!p->street[0][0] && (rc = ifgw_iso_kv_text(&kv, p->street[1], sizeof(p->street[1]), "Street[2]")) != IFGW_OK)
		goto out;
	if (!p->reg_nr[0] &&
	    (rc = ifgw_iso_kv_text(&kv, p->reg_agency, sizeof(p->reg_agency), "RegistrationAgency")) != IFGW_OK)
		goto out;
	/* phone numbers not in the ISO form (when PhneNb / FaxNb are absent) */
	if (contact && !contact->phone[0] &&
	    (rc = ifgw_iso_kv_text(&kv, contact->phone, sizeof(contact->phone), "Contact/Phone")) != IFGW_OK)
		goto out;
	if (contact && !contact->fax[0] &&
	    (rc = ifgw_iso_kv_text(&kv, contact->fax, sizeof(contact->fax), "Contact/Fax")) != IFGW_OK)
		goto out;
	rc = ifgw_iso_kv_finish(&kv);
out:
	ifgw_iso_kv_free(&kv);
	return rc;
}

int ifgw_iso_bank_read(struct iso_r *r, struct ifgw_bank *b, xmlNodePtr decl)
{
	static const char *const schemes[] = {"BankCode"};
	char *const dst[] = {b->bic};
	const size_t sizes[] = {sizeof(b->bic)};
	xmlNodePtr base = ifgw_iso_r_child(ifgw_iso_r_child(decl, "Pty"), "BasePty"), ptyid = ifgw_iso_r_child(base, "PtyId"), org;
	struct iso_kv kv;
	int rc;

	ifgw_iso_kv_init(&kv, "bank RoleDesc");
	org = ifgw_iso_r_child(ifgw_iso_r_child(ptyid, "Id"), "OrgId");
	if ((rc = read_othr(r, org, schemes, dst, sizes, 1, NULL, 0)) != IFGW_OK)
		goto out;
	if (ifgw_iso_r_child(org, "BIC")) {
		if (b->bic[0]) {
			rc = ifgw_iso_r_fail(r, org, IFGW_EINVAL, "BIC and BankCode both given");
			goto out;
		}
		if ((rc = ifgw_iso_r_text(r, b->bic, sizeof(b->bic), org, "BIC", 0)) != IFGW_OK)
			goto out;
	}
	if ((rc = read_name(r, b->bank_name, sizeof(b->bank_name), base, ptyid)) != IFGW_OK ||
	    (rc = ifgw_iso_r_text(r, b->branch_name, sizeof(b->branch_name), ifgw_iso_r_child(ptyid, "PstlAdr"), "Dept", 0)) !=
		    IFGW_OK ||
	    (rc = read_role_remainder(r, &kv, decl)) != IFGW_OK)
		goto out;
	rc = ifgw_iso_kv_finish(&kv);
out:
	ifgw_iso_kv_free(&kv);
	return rc;
}

int ifgw_iso_r_account4(struct iso_r *r, char *account, size_t size, xmlNodePtr parent, const char *name)
{
	xmlNodePtr acct = ifgw_iso_r_child(parent, name), iban;

	account[0] = '\0';
	if (!acct)
		return IFGW_OK;
	if ((iban = ifgw_iso_r_child(acct, "IBAN")))
		return ifgw_iso_r_node_text(r, account, size, iban, 0);
	return ifgw_iso_r_text(r, account, size, ifgw_iso_r_child(acct, "Othr"), "Id", 0);
}
