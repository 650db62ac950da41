/* ubl.c: an OASIS UBL 2.1 Invoice or CreditNote to one canonical document
 * (the element mapping is in docs/ingest.md). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/codes.h"
#define IFGW_INGEST_INTERNAL
#include "gateway/ingest/xml_int.h"

static const struct ingest_xml_ns ubl_ns[] = {
	{"cac", UBL_NS_CAC},
	{"cbc", UBL_NS_CBC},
	{NULL, NULL},
};

#define SUP "/cac:AccountingSupplierParty/cac:Party"
#define CUS "/cac:AccountingCustomerParty/cac:Party"

/* XPaths below the root element, by field. */
static const char *const ubl_names[F_COUNT_] = {
	[F_DOC_TYPE] = "/cbc:InvoiceTypeCode",
	[F_NUMBER] = "/cbc:ID",
	[F_ISSUE_DATE] = "/cbc:IssueDate",
	[F_DUE_DATE] = "/cbc:DueDate",
	[F_CURRENCY] = "/cbc:DocumentCurrencyCode",
	[F_AMOUNT] = "/cac:LegalMonetaryTotal/cbc:PayableAmount",
	[F_TAXABLE] = "/cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount",
	[F_TAX] = "/cac:TaxTotal/cbc:TaxAmount",
	[F_PRODUCT] = "",
	[F_INVOICE_REF] = "/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID",
	[F_ORDER_REF] = "/cac:OrderReference/cbc:ID",
	[F_NET_DAYS] = "",
	[F_S_ID] = SUP "/cac:PartyIdentification/cbc:ID",
	[F_S_NAME] = SUP "/cac:PartyLegalEntity/cbc:RegistrationName",
	[F_S_COUNTRY] = SUP "/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
	[F_S_REG] = SUP "/cac:PartyLegalEntity/cbc:CompanyID",
	[F_S_VAT] = SUP "/cac:PartyTaxScheme/cbc:CompanyID",
	[F_S_STREET] = SUP "/cac:PostalAddress/cbc:StreetName",
	[F_S_CITY] = SUP "/cac:PostalAddress/cbc:CityName",
	[F_S_POSTCODE] = SUP "/cac:PostalAddress/cbc:PostalZone",
	[F_S_REGION] = SUP "/cac:PostalAddress/cbc:CountrySubentity",
	[F_D_ID] = CUS "/cac:PartyIdentification/cbc:ID",
	[F_D_NAME] = CUS "/cac:PartyLegalEntity/cbc:RegistrationName",
	[F_D_COUNTRY] = CUS "/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
	[F_D_REG] = CUS "/cac:PartyLegalEntity/cbc:CompanyID",
	[F_D_VAT] = CUS "/cac:PartyTaxScheme/cbc:CompanyID",
	[F_D_STREET] = CUS "/cac:PostalAddress/cbc:StreetName",
	[F_D_CITY] = CUS "/cac:PostalAddress/cbc:CityName",
	[F_D_POSTCODE] = CUS "/cac:PostalAddress/cbc:PostalZone",
	[F_D_REGION] = CUS "/cac:PostalAddress/cbc:CountrySubentity",
};

struct ubl {
	struct ingest_doc *d;
	struct ifgw_buf tmp;
};

/* The text of the element at path below `from`, into a setter's arguments. */
static xmlNode *get(struct ubl *u, const xmlNode *from, const char *path, const char **s, size_t *len)
{
	xmlNode *n = ifgw_ingest_xml_path(from, path, ubl_ns);

	*s = ifgw_ingest_xml_text(n, len, &u->tmp);
	return n;
}

static void text(struct ubl *u, const xmlNode *from, const char *path, int f, char *dst, size_t size)
{
	const char *s;
	size_t len;
	xmlNode *n = get(u, from, path, &s, &len);

	if (n)
		ifgw_ingest_set_text(u->d, f, ifgw_ingest_xml_line(n), dst, size, s, len);
}

/* An amount element: its currencyID must be the document's. */
static void amount(struct ubl *u, const xmlNode *n, int f, struct ifgw_money *dst)
{
	static const struct ifgw_amount_syntax xsd_decimal = {'.', 0, 1}; /* "1500.00" JPY is 1500 */
	const char *s, *attr;
	size_t len, alen;

	if (!n)
		return;
	s = ifgw_ingest_xml_text(n, &len, &u->tmp);
	attr = ifgw_ingest_xml_attr(n, "currencyID", &alen);
	if (!attr && len) {
		u->d->present |= F_BIT(f);
		u->d->bad |= F_BIT(f);
		ifgw_ingest_doc_problem(u->d, f, ifgw_ingest_xml_line(n), "the currencyID attribute is missing");
		return;
	}
	ifgw_ingest_set_amount(u->d, f, ifgw_ingest_xml_line(n), dst, s, len, &xsd_decimal, attr, alen);
}

static void party(struct ubl *u, const xmlNode *root, const char *path, int base)
{
	struct ingest_doc *d = u->d;
	struct ifgw_party *p = base == F_S_ID ? &d->out.inv.seller : &d->out.inv.buyer;
	const xmlNode *pty = ifgw_ingest_xml_path(root, path, ubl_ns);
	const xmlNode *ts, *n;
	const char *s;
	size_t len;

	if (!pty)
		return;
	/* The legal name, else the trading name. */
	n = get(u, pty, "cac:PartyLegalEntity/cbc:RegistrationName", &s, &len);
	if (!n || !len) {
		n = get(u, pty, "cac:PartyName/cbc:Name", &s, &len);
		if (n)
			d->names[base + (F_S_NAME - F_S_ID)] = base == F_S_ID ? SUP "/cac:PartyName/cbc:Name"
									     : CUS "/cac:PartyName/cbc:Name";
	}
	if (n)
		ifgw_ingest_set_text(d, base + (F_S_NAME - F_S_ID), ifgw_ingest_xml_line(n), p->name, sizeof(p->name), s, len);
	n = get(u, pty, "cac:PostalAddress/cac:Country/cbc:IdentificationCode", &s, &len);
	if (n)
		ifgw_ingest_set_country(d, base + (F_S_COUNTRY - F_S_ID), ifgw_ingest_xml_line(n), p->country, s, len);
	/* The party identifier (EN 16931 BT-29 seller, BT-46 buyer): the first
	 * PartyIdentification (a GLN, a national id, the factor's number) but
	 * one with schemeID SEPA, which is the seller's bank-assigned creditor
	 * identifier (BT-90), not the seller's; the schemeID picks the check
	 * (validate.c). */
	for (n = ifgw_ingest_xml_path(pty, "cac:PartyIdentification", ubl_ns); n; n = ifgw_ingest_xml_next_same(n)) {
		xmlNode *id = ifgw_ingest_xml_path(n, "cbc:ID", ubl_ns);
		const char *scheme = ifgw_ingest_xml_attr(id, "schemeID", &len);

		if (id && !(scheme && len == 4 && memcmp(scheme, "SEPA", 4) == 0)) {
			s = ifgw_ingest_xml_text(id, &len, &u->tmp);
			ifgw_ingest_set_text(d, base, ifgw_ingest_xml_line(id), p->nr, sizeof(p->nr), s, len);
			ifgw_ingest_id_scheme(d, base, id);
			break;
		}
	}
	text(u, pty, "cac:PartyLegalEntity/cbc:CompanyID", base + (F_S_REG - F_S_ID), p->reg_nr, sizeof(p->reg_nr));
	ifgw_ingest_reg_scheme(d, base, ifgw_ingest_xml_path(pty, "cac:PartyLegalEntity/cbc:CompanyID", ubl_ns));
	/* The VAT registration: the PartyTaxScheme whose TaxScheme is VAT. */
	for (ts = ifgw_ingest_xml_path(pty, "cac:PartyTaxScheme", ubl_ns); ts; ts = ifgw_ingest_xml_next_same(ts)) {
		get(u, ts, "cac:TaxScheme/cbc:ID", &s, &len);
		ifgw_ingest_trim(&s, &len);
		if (len == 3 && memcmp(s, "VAT", 3) == 0) {
			text(u, ts, "cbc:CompanyID", base + (F_S_VAT - F_S_ID), p->vat_nr, sizeof(p->vat_nr));
			break;
		}
	}
	text(u, pty, "cac:PostalAddress/cbc:StreetName", base + (F_S_STREET - F_S_ID), p->street[0],
	     sizeof(p->street[0]));
	text(u, pty, "cac:PostalAddress/cbc:AdditionalStreetName", base + (F_S_STREET - F_S_ID), p->street[1],
	     sizeof(p->street[1]));
	text(u, pty, "cac:PostalAddress/cbc:CityName", base + (F_S_CITY - F_S_ID), p->city, sizeof(p->city));
	text(u, pty, "cac:PostalAddress/cbc:PostalZone", base + (F_S_POSTCODE - F_S_ID), p->postcode,
	     sizeof(p->postcode));
	text(u, pty, "cac:PostalAddress/cbc:CountrySubentity", base + (F_S_REGION - F_S_ID), p->region,
	     sizeof(p->region));
}

/* Due date: cbc:DueDate (Invoice), else the first payment means' or
 * payment terms' PaymentDueDate. */
static void due_date(struct ubl *u, const xmlNode *root)
{
	static const char *const alt[] = {"cbc:DueDate", "cac:PaymentMeans/cbc:PaymentDueDate",
					  "cac:PaymentTerms/cbc:PaymentDueDate"};
	struct ingest_doc *d = u->d;
	const char *s;
	size_t len, i;
	xmlNode *n;

	for (i = 0; i < sizeof(alt) / sizeof(alt[0]); i++) {
		n = get(u, root, alt[i], &s, &len);
		if (n) {
			d->names[F_DUE_DATE] = i == 0 ? "/cbc:DueDate"
					       : i == 1 ? "/cac:PaymentMeans/cbc:PaymentDueDate"
							: "/cac:PaymentTerms/cbc:PaymentDueDate";
			ifgw_ingest_set_date(d, F_DUE_DATE, ifgw_ingest_xml_line(n), &d->out.inv.due_date, s, len, 0);
			return;
		}
	}
	/* None: the days the payment terms state, if one note states them
	 * clearly (the due date is then derived, validate.c). */
	for (n = ifgw_ingest_xml_path(root, "cac:PaymentTerms", ubl_ns); n; n = ifgw_ingest_xml_next_same(n)) {
		xmlNode *note;

		for (note = ifgw_ingest_xml_path(n, "cbc:Note", ubl_ns); note; note = ifgw_ingest_xml_next_same(note)) {
			s = ifgw_ingest_xml_text(note, &len, &u->tmp);
			ifgw_ingest_trim(&s, &len);
			if ((d->terms_days = ifgw_ingest_terms_days(s, len, d->out.inv.issue_date)) >= 0) {
				d->terms_line = ifgw_ingest_xml_line(note);
				return;
			}
		}
	}
}

static void doc_type(struct ubl *u, const xmlNode *root, int credit_root)
{
	struct ingest_doc *d = u->d;
	const char *s;
	size_t len;
	xmlNode *n = get(u, root, credit_root ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", &s, &len);
	int t;

	d->present |= F_BIT(F_DOC_TYPE); /* the root element says it at least */
	d->out.inv.doc_type = credit_root ? IFGW_DOC_CREDIT_NOTE : IFGW_DOC_INVOICE;
	ifgw_ingest_trim(&s, &len);
	if (!n || !len)
		return;
	d->lines[F_DOC_TYPE] = ifgw_ingest_xml_line(n);
	t = ifgw_ingest_doc_type_of_1001(s, len);
	if (!t) {
		ifgw_ingest_doc_problem(d, F_DOC_TYPE, ifgw_ingest_xml_line(n), "'%.*s' is not a UNTDID 1001 document code",
				   (int)(len > 20 ? 20 : len), s);
	} else if (credit_root && t == IFGW_DOC_INVOICE) {
		ifgw_ingest_doc_problem(d, F_DOC_TYPE, ifgw_ingest_xml_line(n), "code %.*s is an invoice code in a CreditNote",
				   (int)len, s);
	} else {
		d->out.inv.doc_type = t; /* an Invoice with 381 is a credit note */
	}
}

static int one(struct ubl *u, struct ifgw_ingest *ing, struct ingest_file *f, const xmlNode *root)
{
	struct ingest_doc *d = u->d;
	struct ifgw_invoice *inv = &d->out.inv;
	int credit = ifgw_ingest_xml_is(root, UBL_NS_CREDIT_NOTE, "CreditNote");
	const char *s;
	size_t len;
	xmlNode *n, *tt;

	ifgw_ingest_doc_begin(d, ing, IFGW_INGEST_UBL, f->name, ifgw_ingest_xml_line(root), credit ? "/CreditNote" : "/Invoice",
			 ubl_names);
	if (d->skip)
		return ifgw_ingest_doc_end(d);
	if (credit)
		d->names[F_DOC_TYPE] = "/cbc:CreditNoteTypeCode";
	doc_type(u, root, credit);
	text(u, root, "cbc:ID", F_NUMBER, inv->number, sizeof(inv->number));
	if ((n = get(u, root, "cbc:IssueDate", &s, &len)) != NULL)
		ifgw_ingest_set_date(d, F_ISSUE_DATE, ifgw_ingest_xml_line(n), &inv->issue_date, s, len, 0);
	due_date(u, root);
	if ((n = get(u, root, "cbc:DocumentCurrencyCode", &s, &len)) != NULL)
		ifgw_ingest_set_currency(d, ifgw_ingest_xml_line(n), s, len);
	amount(u, ifgw_ingest_xml_path(root, "cac:LegalMonetaryTotal/cbc:PayableAmount", ubl_ns), F_AMOUNT, &inv->amount);
	amount(u, ifgw_ingest_xml_path(root, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount", ubl_ns), F_TAXABLE,
	       &inv->taxable_amount);
	/* The tax total in the document currency (another may be in the tax
	 * currency, cbc:TaxCurrencyCode). */
	for (tt = ifgw_ingest_xml_path(root, "cac:TaxTotal", ubl_ns); tt && d->ccy; tt = ifgw_ingest_xml_next_same(tt)) {
		const char *c;
		size_t clen;

		n = ifgw_ingest_xml_path(tt, "cbc:TaxAmount", ubl_ns);
		c = ifgw_ingest_xml_attr(n, "currencyID", &clen);
		if (c && clen == 3 && memcmp(c, d->ccy->code, 3) == 0) {
			amount(u, n, F_TAX, &inv->tax_amount);
			break;
		}
	}
	text(u, root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", F_INVOICE_REF, inv->invoice_ref,
	     sizeof(inv->invoice_ref));
	if (ifgw_ingest_xml_path(root, "cac:OrderReference/cbc:ID", ubl_ns)) {
		text(u, root, "cac:OrderReference/cbc:ID", F_ORDER_REF, inv->order_ref, sizeof(inv->order_ref));
	} else {
		d->names[F_ORDER_REF] = "/cbc:BuyerReference";
		text(u, root, "cbc:BuyerReference", F_ORDER_REF, inv->order_ref, sizeof(inv->order_ref));
	}
	party(u, root, "cac:AccountingSupplierParty/cac:Party", F_S_ID);
	party(u, root, "cac:AccountingCustomerParty/cac:Party", F_D_ID);
	return ifgw_ingest_doc_end(d);
}

int ifgw_ingest_ubl_run(struct ifgw_ingest *ing, struct ingest_file *f)
{
	struct ubl u;
	int rc;

	u.d = malloc(sizeof(*u.d));
	if (!u.d)
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", f->name);
	ifgw_buf_init(&u.tmp, 1u << 16);
	rc = one(&u, ing, f, xmlDocGetRootElement(f->xml));
	ifgw_ingest_progress(ing, f->name, 1, f->data.len, f->data.len);
	ifgw_buf_free(&u.tmp);
	free(u.d);
	return rc;
}
