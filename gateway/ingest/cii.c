/* cii.c: a UN/CEFACT CrossIndustryInvoice (EN 16931, Factur-X, ZUGFeRD 2)
 * to one canonical document (the element mapping is in docs/ingest.md). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/codes.h"
#define IFGW_INGEST_INTERNAL
#include "gateway/ingest/xml_int.h"

static const struct ingest_xml_ns cii_ns[] = {
	{"rsm", CII_NS_RSM},
	{"ram", CII_NS_RAM},
	{"udt", CII_NS_UDT},
	{NULL, NULL},
};

/* Paths from the root element. */
#define DOC "rsm:ExchangedDocument"
#define AGR "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
#define SET "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
#define SUM SET "/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
#define SELLER AGR "/ram:SellerTradeParty"
#define BUYER AGR "/ram:BuyerTradeParty"

static const char *const cii_names[F_COUNT_] = {
	[F_DOC_TYPE] = "/" DOC "/ram:TypeCode",
	[F_NUMBER] = "/" DOC "/ram:ID",
	[F_ISSUE_DATE] = "/" DOC "/ram:IssueDateTime/udt:DateTimeString",
	[F_DUE_DATE] = "/" SET "/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString",
	[F_CURRENCY] = "/" SET "/ram:InvoiceCurrencyCode",
	[F_AMOUNT] = "/" SUM "/ram:DuePayableAmount",
	[F_TAXABLE] = "/" SUM "/ram:TaxBasisTotalAmount",
	[F_TAX] = "/" SUM "/ram:TaxTotalAmount",
	[F_PRODUCT] = "",
	[F_INVOICE_REF] = "/" SET "/ram:InvoiceReferencedDocument/ram:IssuerAssignedID",
	[F_ORDER_REF] = "/" AGR "/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID",
	[F_NET_DAYS] = "",
	[F_S_ID] = "/" SELLER "/ram:ID",
	[F_S_NAME] = "/" SELLER "/ram:Name",
	[F_S_COUNTRY] = "/" SELLER "/ram:PostalTradeAddress/ram:CountryID",
	[F_S_REG] = "/" SELLER "/ram:SpecifiedLegalOrganization/ram:ID",
	[F_S_VAT] = "/" SELLER "/ram:SpecifiedTaxRegistration/ram:ID",
	[F_S_STREET] = "/" SELLER "/ram:PostalTradeAddress/ram:LineOne",
	[F_S_CITY] = "/" SELLER "/ram:PostalTradeAddress/ram:CityName",
	[F_S_POSTCODE] = "/" SELLER "/ram:PostalTradeAddress/ram:PostcodeCode",
	[F_S_REGION] = "/" SELLER "/ram:PostalTradeAddress/ram:CountrySubDivisionName",
	[F_D_ID] = "/" BUYER "/ram:ID",
	[F_D_NAME] = "/" BUYER "/ram:Name",
	[F_D_COUNTRY] = "/" BUYER "/ram:PostalTradeAddress/ram:CountryID",
	[F_D_REG] = "/" BUYER "/ram:SpecifiedLegalOrganization/ram:ID",
	[F_D_VAT] = "/" BUYER "/ram:SpecifiedTaxRegistration/ram:ID",
	[F_D_STREET] = "/" BUYER "/ram:PostalTradeAddress/ram:LineOne",
	[F_D_CITY] = "/" BUYER "/ram:PostalTradeAddress/ram:CityName",
	[F_D_POSTCODE] = "/" BUYER "/ram:PostalTradeAddress/ram:PostcodeCode",
	[F_D_REGION] = "/" BUYER "/ram:PostalTradeAddress/ram:CountrySubDivisionName",
};

struct cii {
	struct ingest_doc *d;
	struct ifgw_buf tmp;
};

static xmlNode *get(struct cii *c, const xmlNode *from, const char *path, const char **s, size_t *len)
{
	xmlNode *n = ifgw_ingest_xml_path(from, path, cii_ns);

	*s = ifgw_ingest_xml_text(n, len, &c->tmp);
	return n;
}

static void text(struct cii *c, const xmlNode *from, const char *path, int f, char *dst, size_t size)
{
	const char *s;
	size_t len;
	xmlNode *n = get(c, from, path, &s, &len);

	if (n)
		ifgw_ingest_set_text(c->d, f, ifgw_ingest_xml_line(n), dst, size, s, len);
}

/* A udt:DateTimeString: format 102 (YYYYMMDD) is the one EN 16931 allows. */
static void date(struct cii *c, const xmlNode *from, const char *path, int f, int32_t *dst)
{
	const char *s, *fmt;
	size_t len, flen;
	xmlNode *n = get(c, from, path, &s, &len);

	if (!n)
		return;
	fmt = ifgw_ingest_xml_attr(n, "format", &flen);
	if (fmt && !(flen == 3 && memcmp(fmt, "102", 3) == 0)) {
		c->d->present |= F_BIT(f);
		c->d->bad |= F_BIT(f);
		ifgw_ingest_doc_problem(c->d, f, ifgw_ingest_xml_line(n), "date format '%.*s' not supported (want 102, YYYYMMDD)",
				   (int)(flen > 10 ? 10 : flen), fmt);
		return;
	}
	ifgw_ingest_set_date(c->d, f, ifgw_ingest_xml_line(n), dst, s, len, 1);
}

/* An amount; a currencyID, when given, must be the invoice currency. */
static void amount(struct cii *c, const xmlNode *n, int f, struct ifgw_money *dst)
{
	static const struct ifgw_amount_syntax xsd_decimal = {'.', 0, 1};
	const char *s, *attr;
	size_t len, alen;

	if (!n)
		return;
	s = ifgw_ingest_xml_text(n, &len, &c->tmp);
	attr = ifgw_ingest_xml_attr(n, "currencyID", &alen);
	ifgw_ingest_set_amount(c->d, f, ifgw_ingest_xml_line(n), dst, s, len, &xsd_decimal, attr, alen);
}

static void party(struct cii *c, const xmlNode *root, const char *path, int base)
{
	struct ingest_doc *d = c->d;
	struct ifgw_party *p = base == F_S_ID ? &d->out.inv.seller : &d->out.inv.buyer;
	const xmlNode *pty = ifgw_ingest_xml_path(root, path, cii_ns);
	const xmlNode *reg;
	const char *s;
	size_t len;
	xmlNode *n;

	if (!pty)
		return;
	text(c, pty, "ram:Name", base + (F_S_NAME - F_S_ID), p->name, sizeof(p->name));
	/* The party identifier (EN 16931 BT-29 seller, BT-46 buyer): ram:ID,
	 * else ram:GlobalID (a GLN or another schemeID's id); the schemeID
	 * picks its check (validate.c). */
	if ((n = ifgw_ingest_xml_path(pty, "ram:ID", cii_ns)) == NULL) {
		n = ifgw_ingest_xml_path(pty, "ram:GlobalID", cii_ns);
		d->names[base] = base == F_S_ID ? "/" SELLER "/ram:GlobalID" : "/" BUYER "/ram:GlobalID";
	}
	if (n) {
		s = ifgw_ingest_xml_text(n, &len, &c->tmp);
		ifgw_ingest_set_text(d, base, ifgw_ingest_xml_line(n), p->nr, sizeof(p->nr), s, len);
		ifgw_ingest_id_scheme(d, base, n);
	}
	if ((n = get(c, pty, "ram:PostalTradeAddress/ram:CountryID", &s, &len)) != NULL)
		ifgw_ingest_set_country(d, base + (F_S_COUNTRY - F_S_ID), ifgw_ingest_xml_line(n), p->country, s, len);
	text(c, pty, "ram:SpecifiedLegalOrganization/ram:ID", base + (F_S_REG - F_S_ID), p->reg_nr,
	     sizeof(p->reg_nr));
	ifgw_ingest_reg_scheme(d, base, ifgw_ingest_xml_path(pty, "ram:SpecifiedLegalOrganization/ram:ID", cii_ns));
	/* The VAT number is the tax registration with schemeID VA (FC is a
	 * national fiscal number, not mapped). */
	for (reg = ifgw_ingest_xml_path(pty, "ram:SpecifiedTaxRegistration", cii_ns); reg; reg = ifgw_ingest_xml_next_same(reg)) {
		const char *scheme;
		size_t slen;

		n = ifgw_ingest_xml_path(reg, "ram:ID", cii_ns);
		scheme = ifgw_ingest_xml_attr(n, "schemeID", &slen);
		if (scheme && slen == 2 && memcmp(scheme, "VA", 2) == 0) {
			s = ifgw_ingest_xml_text(n, &len, &c->tmp);
			ifgw_ingest_set_text(d, base + (F_S_VAT - F_S_ID), ifgw_ingest_xml_line(n), p->vat_nr, sizeof(p->vat_nr), s,
					len);
			break;
		}
	}
	text(c, pty, "ram:PostalTradeAddress/ram:LineOne", base + (F_S_STREET - F_S_ID), p->street[0],
	     sizeof(p->street[0]));
	text(c, pty, "ram:PostalTradeAddress/ram:LineTwo", base + (F_S_STREET - F_S_ID), p->street[1],
	     sizeof(p->street[1]));
	text(c, pty, "ram:PostalTradeAddress/ram:CityName", base + (F_S_CITY - F_S_ID), p->city, sizeof(p->city));
	text(c, pty, "ram:PostalTradeAddress/ram:PostcodeCode", base + (F_S_POSTCODE - F_S_ID), p->postcode,
	     sizeof(p->postcode));
	text(c, pty, "ram:PostalTradeAddress/ram:CountrySubDivisionName", base + (F_S_REGION - F_S_ID), p->region,
	     sizeof(p->region));
}

static void doc_type(struct cii *c, const xmlNode *root)
{
	struct ingest_doc *d = c->d;
	const char *s;
	size_t len;
	xmlNode *n = get(c, root, DOC "/ram:TypeCode", &s, &len);
	int t;

	ifgw_ingest_trim(&s, &len);
	if (!n || !len)
		return; /* reported missing */
	d->present |= F_BIT(F_DOC_TYPE);
	d->lines[F_DOC_TYPE] = ifgw_ingest_xml_line(n);
	t = ifgw_ingest_doc_type_of_1001(s, len);
	if (!t) {
		d->bad |= F_BIT(F_DOC_TYPE);
		ifgw_ingest_doc_problem(d, F_DOC_TYPE, ifgw_ingest_xml_line(n), "'%.*s' is not a UNTDID 1001 document code",
				   (int)(len > 20 ? 20 : len), s);
		return;
	}
	d->out.inv.doc_type = t;
}

static int one(struct cii *c, struct ifgw_ingest *ing, struct ingest_file *f, const xmlNode *root)
{
	struct ingest_doc *d = c->d;
	struct ifgw_invoice *inv = &d->out.inv;
	const char *s;
	size_t len;
	xmlNode *n;

	ifgw_ingest_doc_begin(d, ing, IFGW_INGEST_CII, f->name, ifgw_ingest_xml_line(root), "/rsm:CrossIndustryInvoice",
			 cii_names);
	if (d->skip)
		return ifgw_ingest_doc_end(d);
	doc_type(c, root);
	text(c, root, DOC "/ram:ID", F_NUMBER, inv->number, sizeof(inv->number));
	date(c, root, DOC "/ram:IssueDateTime/udt:DateTimeString", F_ISSUE_DATE, &inv->issue_date);
	date(c, root, SET "/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString", F_DUE_DATE,
	     &inv->due_date);
	/* No due date: the days the payment terms state, if one description
	 * states them clearly (the due date is then derived, validate.c). */
	for (n = ifgw_ingest_xml_path(root, SET "/ram:SpecifiedTradePaymentTerms", cii_ns);
	     n && !(d->present & F_BIT(F_DUE_DATE)); n = ifgw_ingest_xml_next_same(n)) {
		xmlNode *desc = ifgw_ingest_xml_path(n, "ram:Description", cii_ns);

		s = ifgw_ingest_xml_text(desc, &len, &c->tmp);
		ifgw_ingest_trim(&s, &len);
		if (desc && (d->terms_days = ifgw_ingest_terms_days(s, len, d->out.inv.issue_date)) >= 0) {
			d->terms_line = ifgw_ingest_xml_line(desc);
			break;
		}
	}
	if ((n = get(c, root, SET "/ram:InvoiceCurrencyCode", &s, &len)) != NULL)
		ifgw_ingest_set_currency(d, ifgw_ingest_xml_line(n), s, len);
	/* The amount due; without one, the grand total. */
	n = ifgw_ingest_xml_path(root, SUM "/ram:DuePayableAmount", cii_ns);
	if (!n) {
		n = ifgw_ingest_xml_path(root, SUM "/ram:GrandTotalAmount", cii_ns);
		if (n)
			d->names[F_AMOUNT] = "/" SUM "/ram:GrandTotalAmount";
	}
	amount(c, n, F_AMOUNT, &inv->amount);
	amount(c, ifgw_ingest_xml_path(root, SUM "/ram:TaxBasisTotalAmount", cii_ns), F_TAXABLE, &inv->taxable_amount);
	/* The tax total in the invoice currency (EN 16931 BT-110); a second
	 * one may be in the tax currency (BT-111). */
	for (n = ifgw_ingest_xml_path(root, SUM "/ram:TaxTotalAmount", cii_ns); n && d->ccy;
	     n = ifgw_ingest_xml_next_same(n)) {
		const char *cc = ifgw_ingest_xml_attr(n, "currencyID", &len);

		if (!cc || (len == 3 && memcmp(cc, d->ccy->code, 3) == 0)) {
			amount(c, n, F_TAX, &inv->tax_amount);
			break;
		}
	}
	text(c, root, SET "/ram:InvoiceReferencedDocument/ram:IssuerAssignedID", F_INVOICE_REF, inv->invoice_ref,
	     sizeof(inv->invoice_ref));
	if (ifgw_ingest_xml_path(root, AGR "/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID", cii_ns)) {
		text(c, root, AGR "/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID", F_ORDER_REF,
		     inv->order_ref, sizeof(inv->order_ref));
	} else {
		d->names[F_ORDER_REF] = "/" AGR "/ram:BuyerReference";
		text(c, root, AGR "/ram:BuyerReference", F_ORDER_REF, inv->order_ref, sizeof(inv->order_ref));
	}
	party(c, root, SELLER, F_S_ID);
	party(c, root, BUYER, F_D_ID);
	return ifgw_ingest_doc_end(d);
}

int ifgw_ingest_cii_run(struct ifgw_ingest *ing, struct ingest_file *f)
{
	struct cii c;
	int rc;

	c.d = malloc(sizeof(*c.d));
	if (!c.d)
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", f->name);
	ifgw_buf_init(&c.tmp, 1u << 16);
	rc = one(&c, ing, f, xmlDocGetRootElement(f->xml));
	ifgw_ingest_progress(ing, f->name, 1, f->data.len, f->data.len);
	ifgw_buf_free(&c.tmp);
	free(c.d);
	return rc;
}
