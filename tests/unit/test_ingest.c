/* test_ingest.c: invoice files (CSV, UBL 2.1, CII) to canonical invoices.
 *
 * The samples in tests/data/invoices/ must ingest to the documents they
 * hold, field by field; each bad sample must be refused with every problem
 * named where it is (file, line, field or XPath); --skip-invalid keeps the
 * valid documents; a 100,000-row file goes through in reasonable time and
 * memory; the XML reader refuses DTDs and entities. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "model/product.h"
#include "gateway/ingest/csv.h"
#include "gateway/ingest/ingest.h"
#include "model/model.h"
#include "testutil.h"

#define DATA "tests/data/invoices/"

/* --- helpers */

struct got {
	struct ifgw_ingest *ing;
	struct ifgw_ingest_doc *docs;
	size_t n;
	int rc; /* of ifgw_ingest_check */
};

static void got_free(struct got *g)
{
	free(g->docs);
	ifgw_ingest_free(g->ing);
	memset(g, 0, sizeof(*g));
}

/* Check the files (NULL-terminated relative paths) and, when accepted,
 * collect the documents. */
static struct got ingest(const struct ifgw_ingest_options *o, const char *first, ...)
{
	struct got g = {0};
	const char *rel;
	va_list ap;

	ck_assert_ok(ifgw_ingest_new(&g.ing, o));
	va_start(ap, first);
	for (rel = first; rel; rel = va_arg(ap, const char *))
		ck_assert_ok(ifgw_ingest_add_file(g.ing, ifgw_test_srcpath(rel)));
	va_end(ap);
	ifgw_error_clear();
	g.rc = ifgw_ingest_check(g.ing);
	if (g.rc == IFGW_OK)
		ck_assert_ok(ifgw_ingest_collect(&g.docs, &g.n, g.ing));
	ifgw_error_clear();
	return g;
}

static struct got ingest_text(const struct ifgw_ingest_options *o, const char *name, const char *text)
{
	struct got g = {0};

	ck_assert_ok(ifgw_ingest_new(&g.ing, o));
	ck_assert_ok(ifgw_ingest_add_data(g.ing, name, text, strlen(text)));
	g.rc = ifgw_ingest_check(g.ing);
	if (g.rc == IFGW_OK)
		ck_assert_ok(ifgw_ingest_collect(&g.docs, &g.n, g.ing));
	ifgw_error_clear();
	return g;
}

static const struct ifgw_ingest_doc *doc_by_number(const struct got *g, const char *number)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (strcmp(g->docs[i].inv.number, number) == 0)
			return &g->docs[i];
	ck_abort_msg("no document %s among %zu", number, g->n);
	return NULL;
}

static int32_t D(const char *s)
{
	int32_t d = 0;

	ck_assert_ok(ifgw_date_parse(&d, s, strlen(s)));
	return d;
}

static void assert_money(const struct ifgw_money *m, int64_t minor, const char *ccy)
{
	ck_assert_ptr_nonnull(m->ccy);
	ck_assert_str_eq(m->ccy->code, ccy);
	ck_assert_msg(m->minor == minor, "amount %lld, want %lld", (long long)m->minor, (long long)minor);
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && strcmp(s + a - b, tail) == 0;
}

/* The report holds a problem in a file ending with `file` at `line` whose
 * field contains `field` and message contains `msg`. */
static void assert_problem(const struct got *g, const char *file, unsigned line, const char *field, const char *msg)
{
	const struct ifgw_ingest_report *r = ifgw_ingest_report(g->ing);
	size_t i;

	for (i = 0; i < r->n_stored; i++) {
		const struct ifgw_ingest_problem *p = &r->problems[i];

		if (ends_with(p->file, file) && p->line == line && strstr(p->field, field) && strstr(p->message, msg)) {
			ck_assert_ptr_null(strchr(p->message, '\n'));
			return;
		}
	}
	for (i = 0; i < r->n_stored; i++)
		fprintf(stderr, "  have %s:%u: %s: %s\n", r->problems[i].file, r->problems[i].line,
			r->problems[i].field, r->problems[i].message);
	ck_abort_msg("no problem %s:%u: %s: ...%s...", file, line, field, msg);
}

/* Every document handed out passes the model's own check. */
static void assert_all_check(const struct got *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		ck_assert_ok(ifgw_invoice_check(&g->docs[i].inv, "Invoice"));
}

/* --- good samples, field by field */

START_TEST(erp_export_csv)
{
	struct got g = ingest(NULL, DATA "erp-export.csv", NULL);
	const struct ifgw_ingest_doc *d;
	const struct ifgw_ingest_report *r = ifgw_ingest_report(g.ing);

	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 15);
	ck_assert_uint_eq(r->n_documents, 15);
	ck_assert_uint_eq(r->n_problems, 0);
	assert_all_check(&g);

	d = &g.docs[0]; /* in file order */
	ck_assert_str_eq(d->inv.number, "FR-2024-0001");
	ck_assert_int_eq(d->inv.doc_type, IFGW_DOC_INVOICE);
	ck_assert_int_eq(d->format, IFGW_INGEST_CSV);
	ck_assert_uint_eq(d->line, 2);
	ck_assert_int_eq(d->inv.issue_date, D("2024-03-01"));
	ck_assert_int_eq(d->inv.due_date, D("2024-04-30"));
	assert_money(&d->inv.amount, 12500000, "EUR");
	assert_money(&d->inv.tax_amount, 0, "EUR");
	ck_assert_int_eq(d->product, IFGW_PRODUCT_EXPORT);
	ck_assert_str_eq(d->inv.order_ref, "PO-DE-88231");
	ck_assert_str_eq(d->inv.seller.name, "TotalEnergies SE");
	ck_assert_str_eq(d->inv.seller.country, "FR");
	ck_assert_str_eq(d->inv.seller.reg_nr, "542051180"); /* normalized: "542 051 180" */
	ck_assert_str_eq(d->inv.seller.vat_nr, "FR59542051180");
	ck_assert_str_eq(d->inv.seller.street[0], "2 place Jean Millier");
	ck_assert_str_eq(d->inv.seller.city, "Courbevoie");
	ck_assert_str_eq(d->inv.seller.postcode, "92400");
	ck_assert_str_eq(d->inv.buyer.name, "Siemens AG");
	ck_assert_str_eq(d->inv.buyer.country, "DE");
	ck_assert_str_eq(d->inv.buyer.reg_nr, "HRB 6684");
	ck_assert_str_eq(d->inv.buyer.vat_nr, "DE129274202");
	ck_assert_str_eq(d->inv.buyer.city, "München");

	d = doc_by_number(&g, "TMC-240311-07"); /* JPY, a quoted name with a comma */
	assert_money(&d->inv.amount, 12500000, "JPY");
	assert_money(&d->inv.tax_amount, 1136364, "JPY");
	ck_assert_str_eq(d->inv.buyer.name, "Huawei Technologies Co., Ltd.");
	ck_assert_str_eq(d->inv.buyer.reg_nr, "914403001922038216");
	ck_assert_str_eq(d->inv.seller.vat_nr, "T1180301018771");

	d = doc_by_number(&g, "BP-CRN-300122-1"); /* credit note without a due date */
	ck_assert_int_eq(d->inv.doc_type, IFGW_DOC_CREDIT_NOTE);
	ck_assert_int_eq(d->inv.due_date, d->inv.issue_date);
	ck_assert_str_eq(d->inv.invoice_ref, "BP-INV-300122");
	assert_money(&d->inv.amount, 150000, "USD");
	ck_assert_ptr_null(d->inv.tax_amount.ccy); /* empty column: absent */
	ck_assert_str_eq(d->inv.buyer.reg_nr, "942404110");

	d = doc_by_number(&g, "AMS-2024-000451");
	assert_money(&d->inv.amount, 185000000, "TRY");
	ck_assert_str_eq(d->inv.seller.name, "Anadolu Makine Sanayi A.Ş.");
	d = doc_by_number(&g, "PL/2024/03/1188");
	assert_money(&d->inv.amount, 25000000, "PLN");
	ck_assert_str_eq(d->inv.seller.reg_nr, "7740001454");
	d = doc_by_number(&g, "ALI-20240314-0093");
	assert_money(&d->inv.amount, 88000000, "CNY");
	ck_assert_str_eq(d->inv.seller.name, "Alibaba (China) Co., Ltd.");
	d = doc_by_number(&g, "ITX-ES-2024-77120");
	assert_money(&d->inv.amount, 6730040, "GBP");
	ck_assert_str_eq(d->inv.buyer.reg_nr, "00445790");

	d = doc_by_number(&g, "MS-EMEA-9931-004");
	ck_assert_int_eq(d->product, IFGW_PRODUCT_IFP);
	ck_assert_str_eq(d->inv.order_ref, "PO \"Q2\" 2024"); /* "" inside quotes */

	/* A quoted street over two lines: the record starts on line 13, the
	 * next one on 15. */
	d = doc_by_number(&g, "SAP-DE-0190033");
	ck_assert_uint_eq(d->line, 13);
	ck_assert_str_eq(d->inv.seller.street[0], "Dietmar-Hopp-Allee 16\nGebäude WDF01");
	ck_assert_uint_eq(doc_by_number(&g, "MIC-F-2024-3345")->line, 15);
	ck_assert_int_eq(doc_by_number(&g, "MIC-F-2024-3345")->product, IFGW_PRODUCT_CLASSIC);
	ck_assert_int_eq(doc_by_number(&g, "ENEL-2024-00088")->product, IFGW_PRODUCT_CONFIDENTIAL);
	ck_assert_uint_eq(doc_by_number(&g, "TEF-2024-ES-5521")->line, 17);
	got_free(&g);
}
END_TEST

START_TEST(semicolon_decimal_comma_csv)
{
	struct ifgw_ingest_options o = {0};
	struct got g;
	const struct ifgw_ingest_doc *d;

	/* Canonical amounts by default: every amount refused, by name. */
	g = ingest(NULL, DATA "semicolon-decimal-comma.csv", NULL);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "semicolon-decimal-comma.csv", 2, "amount", "'1.234,56' is not an amount in EUR");
	assert_problem(&g, "semicolon-decimal-comma.csv", 2, "tax_amount", "--decimal-comma");
	got_free(&g);

	o.decimal_comma = 1;
	g = ingest(&o, DATA "semicolon-decimal-comma.csv", NULL);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 5);
	assert_all_check(&g);
	d = doc_by_number(&g, "RE-2024-10455");
	assert_money(&d->inv.amount, 123456, "EUR");
	assert_money(&d->inv.tax_amount, 19711, "EUR");
	ck_assert_str_eq(d->inv.seller.vat_nr, "DE143454214"); /* "DE 143 454 214" */
	ck_assert_str_eq(d->inv.buyer.name, "TotalEnergies SE"); /* "Buyer Name" column */
	ck_assert_str_eq(d->inv.buyer.vat_nr, "FR59542051180");
	ck_assert_str_eq(d->inv.buyer.reg_nr, "542051180");
	assert_money(&doc_by_number(&g, "RE-2024-10456")->inv.amount, 1250000, "EUR"); /* "12 500,00" */
	assert_money(&doc_by_number(&g, "RE-2024-10457")->inv.amount, 9876543, "PLN");
	assert_money(&doc_by_number(&g, "RE-2024-10460")->inv.amount, 3150000, "JPY");
	ck_assert_int_eq(doc_by_number(&g, "GS-2024-00031")->inv.doc_type, IFGW_DOC_CREDIT_NOTE);
	got_free(&g);

	/* A delimiter given that is not the file's: the header is one column. */
	o.delimiter = ',';
	g = ingest(&o, DATA "semicolon-decimal-comma.csv", NULL);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "semicolon-decimal-comma.csv", 1, "", "unknown column");
	got_free(&g);
}
END_TEST

START_TEST(latin1_csv)
{
	struct ifgw_ingest_options o = {0};
	struct got g = ingest(NULL, DATA "latin1.csv", NULL);
	const struct ifgw_ingest_report *r = ifgw_ingest_report(g.ing);

	/* Not UTF-8: refused, with the line and a hint. */
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "latin1.csv", 2, "", "not UTF-8 (byte 0xE9");
	assert_problem(&g, "latin1.csv", 2, "", "--charset ISO-8859-1");
	ck_assert_uint_eq(r->n_files_failed, 1);
	ck_assert(ends_with(r->failed_files[0], "latin1.csv"));
	got_free(&g);

	o.charset = "ISO-8859-1";
	g = ingest(&o, DATA "latin1.csv", NULL);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 3);
	ck_assert_str_eq(g.docs[0].inv.seller.name, "Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale");
	ck_assert_str_eq(g.docs[0].inv.seller.city, "Paris La D\xc3\xa9" "fense");
	ck_assert_str_eq(g.docs[0].inv.buyer.name, "M\xc3\xbcller & S\xc3\xb6hne Maschinenbau");
	ck_assert_str_eq(g.docs[1].inv.buyer.name, "Ib\xc3\xa1\xc3\xb1" "ez y Mu\xc3\xb1oz, S.L.");
	ck_assert_str_eq(g.docs[1].inv.buyer.city, "Logro\xc3\xb1o");
	ck_assert_str_eq(g.docs[1].inv.buyer.reg_nr, "B58378431");
	assert_money(&g.docs[1].inv.amount, 725050, "EUR");
	got_free(&g);

	/* A charset iconv does not know. */
	o.charset = "NO-SUCH-CHARSET";
	g = ingest(&o, DATA "latin1.csv", NULL);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "latin1.csv", 0, "", "NO-SUCH-CHARSET");
	got_free(&g);
}
END_TEST

START_TEST(bom_crlf_csv)
{
	struct got g = ingest(NULL, DATA "bom.csv", NULL);

	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 2);
	ck_assert_int_eq(g.docs[0].inv.doc_type, IFGW_DOC_INVOICE); /* the BOM is not part of "doc_type" */
	ck_assert_uint_eq(g.docs[0].line, 2);
	ck_assert_uint_eq(g.docs[1].line, 3);
	ck_assert_str_eq(g.docs[1].inv.buyer.name, "Orange"); /* no CR left at the end of a field */
	ck_assert_str_eq(g.docs[0].inv.seller.vat_nr, "GB220430231");
	assert_money(&g.docs[1].inv.amount, 2399990, "EUR");
	got_free(&g);
}
END_TEST

START_TEST(ubl_samples)
{
	struct got g = ingest(NULL, DATA "ubl-invoice-jpy.xml", DATA "ubl-creditnote-gbp.xml", DATA "ubl-invoice-usd.xml",
			      NULL);
	const struct ifgw_ingest_doc *d;

	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 3);
	assert_all_check(&g);

	d = &g.docs[0];
	ck_assert_int_eq(d->format, IFGW_INGEST_UBL);
	ck_assert_uint_eq(d->line, 7); /* the root element (where its start tag ends) */
	ck_assert_int_eq(d->product, IFGW_INGEST_NO_PRODUCT);
	ck_assert_str_eq(d->inv.number, "MIC-JP-2024-00815");
	ck_assert_int_eq(d->inv.doc_type, IFGW_DOC_INVOICE);
	ck_assert_int_eq(d->inv.issue_date, D("2024-04-15"));
	ck_assert_int_eq(d->inv.due_date, D("2024-07-15"));
	assert_money(&d->inv.amount, 4830000, "JPY");
	assert_money(&d->inv.taxable_amount, 4830000, "JPY");
	assert_money(&d->inv.tax_amount, 0, "JPY"); /* not the EUR tax total */
	ck_assert_str_eq(d->inv.order_ref, "4700093321"); /* OrderReference before BuyerReference */
	ck_assert_str_eq(d->inv.seller.name, "Compagnie Générale des Établissements Michelin");
	ck_assert_str_eq(d->inv.seller.reg_nr, "855200887");
	ck_assert_str_eq(d->inv.seller.vat_nr, "FR09855200887");
	ck_assert_str_eq(d->inv.seller.city, "Clermont-Ferrand");
	ck_assert_str_eq(d->inv.buyer.name, "ソニーグループ株式会社");
	ck_assert_str_eq(d->inv.buyer.country, "JP");
	ck_assert_str_eq(d->inv.buyer.reg_nr, "5010401067252");
	ck_assert_str_eq(d->inv.buyer.postcode, "108-0075");

	d = &g.docs[1];
	ck_assert_int_eq(d->inv.doc_type, IFGW_DOC_CREDIT_NOTE);
	ck_assert_str_eq(d->inv.number, "ITX-ES-2024-AB-0093");
	ck_assert_str_eq(d->inv.invoice_ref, "ITX-ES-2024-77120");
	ck_assert_int_eq(d->inv.due_date, D("2024-05-02")); /* PaymentMeans/PaymentDueDate */
	assert_money(&d->inv.amount, 132000, "GBP");
	ck_assert_str_eq(d->inv.seller.street[0], "Avenida de la Diputación s/n");
	ck_assert_str_eq(d->inv.seller.street[1], "Edificio Inditex");
	ck_assert_str_eq(d->inv.seller.region, "A Coruña");
	ck_assert_str_eq(d->inv.seller.vat_nr, "ESA15075062");
	ck_assert_str_eq(d->inv.buyer.vat_nr, "GB220430231"); /* "GB 220 4302 31" */
	ck_assert_str_eq(d->inv.buyer.reg_nr, "00445790");    /* "445790" */

	d = &g.docs[2];
	ck_assert_int_eq(d->inv.due_date, D("2024-07-05")); /* PaymentTerms/PaymentDueDate */
	ck_assert_str_eq(d->inv.seller.name, "ORLEN S.A."); /* PartyName: no legal entity given */
	ck_assert_str_eq(d->inv.seller.vat_nr, "PL7740001454");
	ck_assert_str_eq(d->inv.buyer.reg_nr, "911144442");
	ck_assert_str_eq(d->inv.buyer.region, "WA");
	assert_money(&d->inv.amount, 74213500, "USD");
	got_free(&g);
}
END_TEST

START_TEST(cii_samples)
{
	struct got g = ingest(NULL, DATA "cii-invoice-cny.xml", DATA "cii-creditnote-try.xml", NULL);
	const struct ifgw_ingest_doc *d;

	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 2);
	assert_all_check(&g);

	d = &g.docs[0];
	ck_assert_int_eq(d->format, IFGW_INGEST_CII);
	ck_assert_str_eq(d->inv.number, "HW-EU-2024-061177");
	ck_assert_int_eq(d->inv.doc_type, IFGW_DOC_INVOICE);
	ck_assert_int_eq(d->inv.issue_date, D("2024-06-10"));
	ck_assert_int_eq(d->inv.due_date, D("2024-09-08"));
	assert_money(&d->inv.amount, 256000000, "CNY");
	assert_money(&d->inv.taxable_amount, 256000000, "CNY");
	assert_money(&d->inv.tax_amount, 0, "CNY");
	ck_assert_str_eq(d->inv.order_ref, "4501177320");
	ck_assert_str_eq(d->inv.seller.name, "华为技术有限公司");
	ck_assert_str_eq(d->inv.seller.reg_nr, "914403001922038216");
	ck_assert_str_eq(d->inv.seller.region, "Guangdong");
	ck_assert_str_eq(d->inv.buyer.name, "Siemens AG");
	ck_assert_str_eq(d->inv.buyer.vat_nr, "DE129274202"); /* schemeID VA, not FC */
	ck_assert_str_eq(d->inv.buyer.reg_nr, "HRB 6684");

	d = &g.docs[1];
	ck_assert_int_eq(d->inv.doc_type, IFGW_DOC_CREDIT_NOTE); /* TypeCode 381 */
	ck_assert_str_eq(d->inv.invoice_ref, "AMS-2024-000388");
	assert_money(&d->inv.amount, 4275050, "TRY"); /* GrandTotalAmount: no DuePayableAmount */
	ck_assert_int_eq(d->inv.due_date, d->inv.issue_date);
	ck_assert_str_eq(d->inv.seller.reg_nr, "4540536920");
	ck_assert_str_eq(d->inv.buyer.vat_nr, "IT00905811006");
	got_free(&g);
}
END_TEST

/* The official EN 16931 examples: UBL example 1 and CII example 1 are the
 * same invoice in the two syntaxes and must give the same document. */
START_TEST(official_samples)
{
	struct got g = ingest(NULL, DATA "official/ubl-tc434-example1.xml", DATA "official/CII_example1.xml",
			      DATA "official/ubl-tc434-example5.xml", DATA "official/CII_example4.xml",
			      DATA "official/ubl-tc434-creditnote1.xml", NULL);
	const struct ifgw_invoice *u, *c;

	/* Example 1 twice: the same number for the same seller. */
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "CII_example1.xml", 22, "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID",
		       "duplicate invoice number '12115118' for the seller NL 57151520");
	assert_problem(&g, "CII_example1.xml", 22, "ram:ID", "ubl-tc434-example1.xml:14)");
	got_free(&g);

	g = ingest(NULL, DATA "official/ubl-tc434-example1.xml", NULL);
	ck_assert_int_eq(g.rc, IFGW_OK);
	{
		struct got h = ingest(NULL, DATA "official/CII_example1.xml", NULL);

		ck_assert_int_eq(h.rc, IFGW_OK);
		ck_assert_uint_eq(g.n, 1);
		ck_assert_uint_eq(h.n, 1);
		u = &g.docs[0].inv;
		c = &h.docs[0].inv;
		ck_assert_str_eq(u->number, "12115118");
		ck_assert_str_eq(u->number, c->number);
		ck_assert_int_eq(u->issue_date, D("2015-01-09"));
		ck_assert_int_eq(u->issue_date, c->issue_date);
		ck_assert_int_eq(u->due_date, c->due_date);
		assert_money(&u->amount, 25033, "EUR");
		assert_money(&c->amount, 25033, "EUR");
		assert_money(&u->tax_amount, 2073, "EUR");
		assert_money(&c->tax_amount, 2073, "EUR");
		ck_assert_str_eq(u->seller.name, "De Koksmaat");
		ck_assert_str_eq(c->seller.name, u->seller.name);
		/* NL has no country profile: numbers are kept as given. */
		ck_assert_str_eq(u->seller.vat_nr, "NL8200.98.395.B.01");
		ck_assert_str_eq(c->seller.vat_nr, u->seller.vat_nr);
		ck_assert_str_eq(u->seller.reg_nr, "57151520");
		ck_assert_str_eq(c->seller.reg_nr, u->seller.reg_nr);
		ck_assert_str_eq(u->buyer.name, "ODIN 59");
		ck_assert_str_eq(c->buyer.name, u->buyer.name);
		ck_assert_str_eq(c->buyer.country, "NL");
		got_free(&h);
	}
	got_free(&g);

	g = ingest(NULL, DATA "official/ubl-tc434-example5.xml", DATA "official/CII_example4.xml",
		   DATA "official/ubl-tc434-creditnote1.xml", NULL);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 3);
	assert_all_check(&g);
	assert_money(&g.docs[0].inv.amount, 233750, "DKK");
	ck_assert_str_eq(g.docs[0].inv.buyer.country, "DK");
	assert_money(&g.docs[1].inv.amount, 467500, "DKK");
	ck_assert_int_eq(g.docs[2].inv.doc_type, IFGW_DOC_CREDIT_NOTE);
	ck_assert_str_eq(g.docs[2].inv.number, "018304 / 28865");
	ck_assert_str_eq(g.docs[2].inv.order_ref, "018304 / 28865"); /* BuyerReference */
	ck_assert_int_eq(g.docs[2].inv.due_date, D("2019-09-23"));
	got_free(&g);

	/* A ZUGFeRD sample with German numbers that fail the DE checks. */
	g = ingest(NULL, DATA "official/CII_business_example_Z.xml", NULL);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "CII_business_example_Z.xml", 130, "ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID",
		       "DE Handelsregister");
	assert_problem(&g, "CII_business_example_Z.xml", 139, "ram:SpecifiedTaxRegistration/ram:ID", "DE USt-IdNr");
	got_free(&g);
}
END_TEST

/* --- every kind of problem, with where it is */

START_TEST(every_problem_is_named)
{
	struct got g;
	const struct ifgw_ingest_report *r;

	g = ingest(NULL, DATA "bad/missing-fields.csv", NULL);
	r = ifgw_ingest_report(g.ing);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	ck_assert_str_eq(ifgw_result_name(g.rc), "EINVAL");
	ck_assert_uint_eq(r->n_problems, 11); /* all of them, not the first */
	ck_assert_uint_eq(r->n_documents, 5);
	ck_assert_uint_eq(r->n_skipped, 5);
	assert_problem(&g, "missing-fields.csv", 2, "number", "missing");
	assert_problem(&g, "missing-fields.csv", 3, "due_date", "an invoice needs a due date");
	assert_problem(&g, "missing-fields.csv", 4, "currency", "missing");
	assert_problem(&g, "missing-fields.csv", 4, "debtor_country", "missing");
	assert_problem(&g, "missing-fields.csv", 5, "seller_reg_nr", "registration number, a VAT number or an id");
	assert_problem(&g, "missing-fields.csv", 6, "", "12 fields, the header has 13");
	assert_problem(&g, "missing-fields.csv", 6, "doc_type", "missing");
	got_free(&g);

	g = ingest(NULL, DATA "bad/unknown-currency.csv", NULL);
	assert_problem(&g, "unknown-currency.csv", 2, "currency", "unknown currency 'XYZ'");
	assert_problem(&g, "unknown-currency.csv", 3, "currency", "unknown currency 'euro'");
	assert_problem(&g, "unknown-currency.csv", 4, "currency", "XAU cannot be invoiced");
	got_free(&g);

	g = ingest(NULL, DATA "bad/wrong-decimals.csv", NULL);
	assert_problem(&g, "wrong-decimals.csv", 2, "amount", "'1500.5' has more decimals than JPY allows (0)");
	assert_problem(&g, "wrong-decimals.csv", 3, "amount", "'10.123' has more decimals than EUR allows (2)");
	assert_problem(&g, "wrong-decimals.csv", 4, "amount", "'1,000.00' is not an amount");
	assert_problem(&g, "wrong-decimals.csv", 5, "amount", "'1e5' is not an amount");
	got_free(&g);

	g = ingest(NULL, DATA "bad/due-before-issue.csv", NULL);
	assert_problem(&g, "due-before-issue.csv", 2, "due_date", "due date 2024-02-28 is before the issue date 2024-03-01");
	assert_problem(&g, "due-before-issue.csv", 3, "issue_date", "'2024-02-30' is not a date");
	assert_problem(&g, "due-before-issue.csv", 4, "issue_date", "'01.03.2024' is not a date (want YYYY-MM-DD)");
	got_free(&g);

	g = ingest(NULL, DATA "bad/duplicate.csv", NULL);
	r = ifgw_ingest_report(g.ing);
	ck_assert_uint_eq(r->n_problems, 1); /* not the credit note, not the other seller */
	assert_problem(&g, "duplicate.csv", 4, "number",
		       "duplicate invoice number 'FR-2024-0501' for the seller FR 542051180 (first at ");
	assert_problem(&g, "duplicate.csv", 4, "number", "duplicate.csv:2)");
	got_free(&g);

	g = ingest(NULL, DATA "bad/invalid-regno.csv", NULL);
	r = ifgw_ingest_report(g.ing);
	ck_assert_uint_eq(r->n_problems, 7);
	assert_problem(&g, "invalid-regno.csv", 2, "seller_reg_nr", "FR SIREN 542051181: check digit wrong");
	assert_problem(&g, "invalid-regno.csv", 3, "seller_vat_nr", "FR TVA");
	assert_problem(&g, "invalid-regno.csv", 4, "seller_reg_nr", "CN unified social credit code");
	assert_problem(&g, "invalid-regno.csv", 5, "seller_reg_nr", "US EIN");
	assert_problem(&g, "invalid-regno.csv", 5, "debtor_reg_nr", "JP corporate number");
	assert_problem(&g, "invalid-regno.csv", 6, "seller_vat_nr", "DE USt-IdNr");
	assert_problem(&g, "invalid-regno.csv", 6, "debtor_reg_nr", "IT Partita IVA");
	got_free(&g);

	g = ingest(NULL, DATA "bad/negative-amounts.csv", NULL);
	assert_problem(&g, "negative-amounts.csv", 2, "amount", "negative amount on an invoice");
	assert_problem(&g, "negative-amounts.csv", 3, "amount", "a credit note carries a positive amount");
	got_free(&g);

	g = ingest(NULL, DATA "bad/ubl-currency-mismatch.xml", NULL);
	assert_problem(&g, "ubl-currency-mismatch.xml", 38, "/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount",
		       "currency mismatch: the amount is in 'USD', the document in EUR");
	assert_problem(&g, "ubl-currency-mismatch.xml", 37, "/Invoice/cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount",
		       "currencyID attribute is missing");
	got_free(&g);

	g = ingest(NULL, DATA "bad/ubl-missing-and-bad.xml", NULL);
	assert_problem(&g, "ubl-missing-and-bad.xml", 6, "/Invoice/cbc:ID", "missing");
	assert_problem(&g, "ubl-missing-and-bad.xml", 6, "/Invoice/cbc:DocumentCurrencyCode", "missing");
	assert_problem(&g, "ubl-missing-and-bad.xml", 7, "/Invoice/cbc:IssueDate", "'2024-02-30' is not a date");
	assert_problem(&g, "ubl-missing-and-bad.xml", 23,
		       "/Invoice/cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
		       "'UK' is not an ISO 3166-1 alpha-2 country code");
	got_free(&g);

	g = ingest(NULL, DATA "bad/cii-bad-codes.xml", NULL);
	assert_problem(&g, "cii-bad-codes.xml", 9, "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:TypeCode",
		       "'INV' is not a UNTDID 1001 document code");
	assert_problem(&g, "cii-bad-codes.xml", 11, "ram:IssueDateTime/udt:DateTimeString", "date format '610'");
	assert_problem(&g, "cii-bad-codes.xml", 32, "ram:TaxBasisTotalAmount", "currency mismatch");
	got_free(&g);
}
END_TEST

START_TEST(files_refused_whole)
{
	struct got g;
	const struct ifgw_ingest_report *r;

	g = ingest(NULL, DATA "bad/header-unknown-column.csv", NULL);
	r = ifgw_ingest_report(g.ing);
	ck_assert_uint_eq(r->n_files_failed, 1);
	ck_assert_uint_eq(r->n_documents, 0);
	assert_problem(&g, "header-unknown-column.csv", 1, "", "unknown column 'ammount'");
	assert_problem(&g, "header-unknown-column.csv", 1, "number", "column given twice");
	assert_problem(&g, "header-unknown-column.csv", 1, "amount", "required column missing");
	got_free(&g);

	g = ingest(NULL, DATA "bad/header-missing-columns.csv", NULL);
	assert_problem(&g, "header-missing-columns.csv", 1, "due_date", "required column missing");
	assert_problem(&g, "header-missing-columns.csv", 1, "seller_country", "required column missing");
	assert_problem(&g, "header-missing-columns.csv", 1, "", "seller_reg_nr, seller_vat_nr or seller_id");
	got_free(&g);

	g = ingest(NULL, DATA "bad/syntax.csv", NULL);
	r = ifgw_ingest_report(g.ing);
	assert_problem(&g, "syntax.csv", 3, "", "quote inside an unquoted field");
	assert_problem(&g, "syntax.csv", 4, "", "text after a closing quote");
	assert_problem(&g, "syntax.csv", 7, "", "14 fields, the header has 13");
	assert_problem(&g, "syntax.csv", 8, "", "quote opened on line 8 is never closed");
	ck_assert_uint_eq(r->n_documents, 6);
	ck_assert_uint_eq(r->n_valid, 2); /* 0801, and 0804 whose name spans two lines */
	got_free(&g);

	g = ingest(NULL, DATA "bad/doctype-xxe.xml", NULL);
	assert_problem(&g, "doctype-xxe.xml", 3, "", "DTD not allowed");
	got_free(&g);
	g = ingest(NULL, DATA "bad/malformed.xml", NULL);
	assert_problem(&g, "malformed.xml", 6, "", "XML parse error: Opening and ending tag mismatch");
	got_free(&g);
	g = ingest(NULL, DATA "bad/not-an-invoice.xml", NULL);
	assert_problem(&g, "not-an-invoice.xml", 3, "", "root element Order in namespace");
	got_free(&g);
}
END_TEST

/* Entities never expand, wherever the DTD hides; nesting is limited. */
START_TEST(xml_is_hardened)
{
	struct ifgw_buf deep;
	struct got g;
	int k;

	static const char *const evil[] = {
		/* billion laughs after a comment that holds a '<' */
		"<?xml version=\"1.0\"?><!-- <x> --><!DOCTYPE Invoice [<!ENTITY a \"aaaaaaaaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
		"<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>",
		/* an external DTD */
		"<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice SYSTEM \"http://127.0.0.1:1/x.dtd\">\n"
		"<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>",
	};
	size_t i;

	for (i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
		const struct ifgw_ingest_report *r;

		g = ingest_text(NULL, "evil.xml", evil[i]);
		r = ifgw_ingest_report(g.ing);

		ck_assert_int_eq(g.rc, IFGW_EINVAL);
		ck_assert_uint_eq(r->n_files_failed, 1);
		assert_problem(&g, "evil.xml", i == 0 ? 1 : 2, "", "DTD not allowed");
		got_free(&g);
	}
	ifgw_buf_init(&deep, 1 << 20);
	ck_assert_ok(ifgw_buf_addstr(&deep, "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">\n"));
	for (k = 0; k < 300; k++)
		ck_assert_ok(ifgw_buf_addstr(&deep, "<a>"));
	g = ingest_text(NULL, "deep.xml", deep.ptr);
	assert_problem(&g, "deep.xml", 2, "", "nested deeper than");
	got_free(&g);
	ifgw_buf_free(&deep);
}
END_TEST

/* --- skip-invalid, duplicates across files, caps, states */

static int count_docs(void *ctx, const struct ifgw_ingest_doc *doc)
{
	(*(size_t *)ctx)++;
	return IFGW_OK;
}

START_TEST(skip_invalid)
{
	struct ifgw_ingest_options o = {0};
	struct got g;
	const struct ifgw_ingest_report *r;
	struct ifgw_ingest_doc *docs = NULL;
	size_t n = 9, seen = 0;

	/* Refused whole: nothing is handed out. */
	g = ingest(NULL, DATA "bad/mixed.csv", NULL);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	ck_assert_fails(ifgw_ingest_each(g.ing, count_docs, &seen), IFGW_ESTATE, "refused");
	ck_assert_uint_eq(seen, 0);
	ck_assert_fails(ifgw_ingest_collect(&docs, &n, g.ing), IFGW_ESTATE, "refused");
	ck_assert_ptr_null(docs);
	ck_assert_uint_eq(n, 0);
	got_free(&g);

	o.skip_invalid = 1;
	g = ingest(&o, DATA "bad/mixed.csv", DATA "bad/doctype-xxe.xml", NULL);
	r = ifgw_ingest_report(g.ing);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 4);
	ck_assert_str_eq(g.docs[0].inv.number, "MIX-001");
	ck_assert_str_eq(g.docs[1].inv.number, "MIX-003");
	ck_assert_str_eq(g.docs[2].inv.number, "MIX-005");
	ck_assert_str_eq(g.docs[3].inv.number, "MIX-007");
	ck_assert_int_eq(g.docs[0].inv.issue_date, D("2024-03-01")); /* the first MIX-001, not the duplicate */
	assert_money(&g.docs[3].inv.amount, 990000, "JPY");
	ck_assert_uint_eq(r->n_documents, 7);
	ck_assert_uint_eq(r->n_valid, 4);
	ck_assert_uint_eq(r->n_skipped, 3);
	ck_assert_uint_eq(r->n_skipped_stored, 3);
	ck_assert_uint_eq(r->skipped[0].line, 3);
	ck_assert_str_eq(r->skipped[0].number, "MIX-002");
	ck_assert_uint_eq(r->skipped[1].line, 5);
	ck_assert_str_eq(r->skipped[1].number, "MIX-004");
	ck_assert_uint_eq(r->skipped[2].line, 7);
	ck_assert_str_eq(r->skipped[2].number, "MIX-001");
	ck_assert_uint_eq(r->n_files_failed, 1);
	ck_assert(ends_with(r->failed_files[0], "doctype-xxe.xml"));
	assert_problem(&g, "mixed.csv", 3, "amount", "more decimals");
	assert_problem(&g, "mixed.csv", 5, "due_date", "before the issue date");
	assert_problem(&g, "mixed.csv", 7, "number", "duplicate");
	/* The walk can be repeated. */
	ck_assert_ok(ifgw_ingest_each(g.ing, count_docs, &seen));
	ck_assert_uint_eq(seen, 4);
	got_free(&g);
}
END_TEST

START_TEST(duplicates_across_files)
{
	struct got g = ingest(NULL, DATA "erp-export.csv", DATA "bad/duplicate-of-erp-export.csv", NULL);

	/* The second file names the seller by its VAT number only; the first
	 * gave both numbers. */
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	ck_assert_uint_eq(ifgw_ingest_report(g.ing)->n_problems, 1);
	assert_problem(&g, "duplicate-of-erp-export.csv", 2, "number", "for the seller FR FR59542051180");
	assert_problem(&g, "duplicate-of-erp-export.csv", 2, "number", "erp-export.csv:2)");
	got_free(&g);
}
END_TEST

START_TEST(problems_are_capped)
{
	struct ifgw_buf b;
	struct got g;
	const struct ifgw_ingest_report *r;
	int i;

	ifgw_buf_init(&b, 1 << 20);
	ck_assert_ok(ifgw_buf_addstr(&b, "doc_type,number,issue_date,due_date,currency,amount,seller_name,"
					 "seller_country,seller_id,debtor_name,debtor_country\n"));
	for (i = 0; i < 1500; i++)
		ck_assert_ok(ifgw_buf_addf(&b, "invoice,N%d,2024-01-01,2024-02-01,EUR,1.001,S,FR,S1,D,DE\n", i));
	g = ingest_text(NULL, "many.csv", b.ptr);
	r = ifgw_ingest_report(g.ing);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	ck_assert_uint_eq(r->n_problems, 1500);
	ck_assert_uint_eq(r->n_stored, IFGW_INGEST_PROBLEMS_MAX);
	ck_assert_uint_eq(r->problems[999].line, 1001);
	/* Problems are capped, but every skipped document is named (issue 8:
	 * the list stopped at 1,000). */
	ck_assert_uint_eq(r->n_skipped, 1500);
	ck_assert_uint_eq(r->n_skipped_stored, 1500);
	ck_assert_uint_eq(r->skipped[1000].line, 1002);
	ck_assert_str_eq(r->skipped[1000].number, "N1000");
	ck_assert_uint_eq(r->skipped[1499].line, 1501);
	ck_assert_str_eq(r->skipped[1499].number, "N1499");
	got_free(&g);
	ifgw_buf_free(&b);
}
END_TEST

START_TEST(formats_and_states)
{
	struct ifgw_ingest_options o = {0};
	struct ifgw_ingest *ing = NULL;
	struct got g;
	size_t seen = 0;
	int f;

	/* Tab-separated, detected; the format forced. */
	g = ingest_text(NULL, "tabs.csv",
			"doc_type\tnumber\tissue_date\tdue_date\tcurrency\tamount\tseller_name\tseller_country\t"
			"seller_id\tdebtor_name\tdebtor_country\n"
			"invoice\tT-1\t2024-01-01\t2024-02-01\tKWD\t12.345\tS, Inc.\tUS\tS1\tD\tDE\n");
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 1);
	assert_money(&g.docs[0].inv.amount, 12345, "KWD");
	ck_assert_str_eq(g.docs[0].inv.seller.name, "S, Inc.");
	ck_assert_str_eq(g.docs[0].inv.seller.nr, "S1");
	got_free(&g);

	/* Locale amounts grouped with no-break spaces, as spreadsheets write them. */
	o.decimal_comma = 1;
	g = ingest_text(&o, "nbsp.csv",
			"doc_type;number;issue_date;due_date;currency;amount;tax_amount;seller_name;seller_country;"
			"seller_id;debtor_name;debtor_country\n"
			"invoice;N-1;2024-01-01;2024-02-01;EUR;1\xc2\xa0" "234\xc2\xa0" "567,89;12\xe2\x80\xaf" "345,60;S;FR;S1;D;"
			"DE\n"
			"invoice;N-2;2024-01-01;2024-02-01;EUR;1\xc2\xa0" "23,4;0;S;FR;S1;D;DE\n");
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "nbsp.csv", 3, "amount", "'1 23,4' is not an amount in EUR (locale form");
	ck_assert_uint_eq(ifgw_ingest_report(g.ing)->n_problems, 1);
	ck_assert_uint_eq(ifgw_ingest_report(g.ing)->n_valid, 1);
	got_free(&g);
	o.skip_invalid = 1;
	g = ingest_text(&o, "nbsp.csv",
			"doc_type;number;issue_date;due_date;currency;amount;tax_amount;seller_name;seller_country;"
			"seller_id;debtor_name;debtor_country\n"
			"invoice;N-1;2024-01-01;2024-02-01;EUR;1\xc2\xa0" "234\xc2\xa0" "567,89;12\xe2\x80\xaf" "345,60;S;FR;S1;D;"
			"DE\n");
	ck_assert_uint_eq(g.n, 1);
	assert_money(&g.docs[0].inv.amount, 123456789, "EUR");
	assert_money(&g.docs[0].inv.tax_amount, 1234560, "EUR");
	got_free(&g);
	o.decimal_comma = 0;
	o.skip_invalid = 0;

	o.format = IFGW_INGEST_CII;
	g = ingest(&o, DATA "ubl-invoice-usd.xml", NULL);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "ubl-invoice-usd.xml", 1, "", "the file is ubl, not cii");
	got_free(&g);

	g = ingest_text(NULL, "utf16.csv", "\xff\xfe" "d\0o\0c\0");
	assert_problem(&g, "utf16.csv", 1, "", "UTF-16");
	got_free(&g);
	g = ingest_text(NULL, "empty.csv", "");
	assert_problem(&g, "empty.csv", 0, "", "a header line is required");
	got_free(&g);

	ck_assert_ok(ifgw_ingest_format_parse(&f, "CII"));
	ck_assert_int_eq(f, IFGW_INGEST_CII);
	ck_assert_str_eq(ifgw_ingest_format_name(IFGW_INGEST_UBL), "ubl");
	ck_assert_fails(ifgw_ingest_format_parse(&f, "pdf"), IFGW_EUSAGE, "want csv, ubl, cii or auto");
	o.format = 0;
	o.delimiter = '|';
	ck_assert_fails(ifgw_ingest_new(&ing, &o), IFGW_EUSAGE, "delimiter");
	ck_assert_ptr_null(ing);

	ck_assert_ok(ifgw_ingest_new(&ing, NULL));
	ck_assert_fails(ifgw_ingest_each(ing, count_docs, &seen), IFGW_ESTATE, "check the files first");
	ck_assert_fails(ifgw_ingest_add_file(ing, "/nonexistent/x.csv"), IFGW_EIO, "/nonexistent/x.csv");
	ck_assert_ok(ifgw_ingest_check(ing)); /* nothing given, nothing wrong */
	ck_assert_fails(ifgw_ingest_check(ing), IFGW_ESTATE, "has run already");
	ck_assert_fails(ifgw_ingest_add_data(ing, "late.csv", "x", 1), IFGW_ESTATE, "after the check");
	ifgw_ingest_free(ing);
}
END_TEST

/* --- the RFC 4180 reader on its own */

START_TEST(csv_reader)
{
	static const char text[] = "a,\"b,1\",\"c \"\"q\"\"\"\r\n"
				   "\r\n"
				   ",,\n"
				   "\"multi\nline\",x\r"
				   "last,\"\"";
	struct ingest_csv r;

	ck_assert_ok(ifgw_ingest_csv_open(&r, text, sizeof(text) - 1, ','));
	ck_assert_int_eq(ifgw_ingest_csv_next(&r), 1);
	ck_assert_uint_eq(r.n, 3);
	ck_assert_uint_eq(r.rec_line, 1);
	ck_assert(r.len[0] == 1 && memcmp(r.field[0], "a", 1) == 0);
	ck_assert(r.len[1] == 3 && memcmp(r.field[1], "b,1", 3) == 0);
	ck_assert(r.len[2] == 5 && memcmp(r.field[2], "c \"q\"", 5) == 0);
	/* The empty line and the all-empty record are skipped. */
	ck_assert_int_eq(ifgw_ingest_csv_next(&r), 1);
	ck_assert_uint_eq(r.rec_line, 4);
	ck_assert(r.len[0] == 10 && memcmp(r.field[0], "multi\nline", 10) == 0);
	ck_assert(r.len[1] == 1 && r.field[1][0] == 'x');
	ck_assert_int_eq(ifgw_ingest_csv_next(&r), 1); /* after a lone CR */
	ck_assert_uint_eq(r.rec_line, 6);
	ck_assert_uint_eq(r.n, 2);
	ck_assert_uint_eq(r.len[1], 0);
	ck_assert_int_eq(ifgw_ingest_csv_next(&r), 0);
	ifgw_ingest_csv_close(&r);

	ck_assert_int_eq(ifgw_ingest_csv_detect_delimiter("a;b;\"c,d,e\";f\nx,y,z,w,v", 25), ';');
	ck_assert_int_eq(ifgw_ingest_csv_detect_delimiter("a\tb\tc,d", 7), '\t');
	ck_assert_int_eq(ifgw_ingest_csv_detect_delimiter("single", 6), ',');
}
END_TEST

/* --- a big file: time and memory */

static long max_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

struct big_ctx {
	size_t n;
	int64_t sum;
	char last[IFGW_ID_SIZE];
};

static int big_one(void *ctx, const struct ifgw_ingest_doc *doc)
{
	struct big_ctx *c = ctx;

	c->n++;
	c->sum += doc->inv.amount.minor;
	memcpy(c->last, doc->inv.number, sizeof(c->last));
	return IFGW_OK;
}

START_TEST(large_csv)
{
	enum { ROWS = 100000 };
	static const char *const debtors[] = {"Siemens AG,DE,HRB 6684,DE129274202", "Apple Inc.,US,94-2404110,",
					      "\"Huawei Technologies Co., Ltd.\",CN,914403001922038216,",
					      "Sony Group Corporation,JP,5010401067252,"};
	char path[] = "/tmp/ifgw-ingest-large-XXXXXX";
	struct ifgw_ingest *ing = NULL;
	struct big_ctx c = {0};
	struct ifgw_buf b;
	struct timespec t0, t1;
	int64_t want = 0;
	long rss0, grew;
	double secs;
	int fd, i;

	ifgw_buf_init(&b, 64u << 20);
	ck_assert_ok(ifgw_buf_addstr(&b, "doc_type,number,issue_date,due_date,currency,amount,product,seller_name,"
					 "seller_country,seller_reg_nr,seller_vat_nr,debtor_name,debtor_country,"
					 "debtor_reg_nr,debtor_vat_nr\n"));
	for (i = 0; i < ROWS; i++) {
		int64_t minor = 100 + (int64_t)i * 7919 % 100000000;

		want += minor;
		ck_assert_ok(ifgw_buf_addf(&b,
					   "invoice,FR-%07d,2024-03-01,2024-04-30,EUR,%lld.%02lld,export,TotalEnergies SE,"
					   "FR,542051180,FR59542051180,%s\n",
					   i, (long long)(minor / 100), (long long)(minor % 100), debtors[i % 4]));
	}
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, b.ptr, b.len), (ssize_t)b.len);
	close(fd);
	ifgw_buf_free(&b);

	rss0 = max_rss_kb();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_ok(ifgw_ingest_new(&ing, NULL));
	ck_assert_ok(ifgw_ingest_add_file(ing, path));
	ck_assert_ok(ifgw_ingest_check(ing));
	ck_assert_ok(ifgw_ingest_each(ing, big_one, &c));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	grew = max_rss_kb() - rss0;
	ifgw_ingest_free(ing);
	unlink(path);

	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("large_csv: %d rows checked and handed out in %.3f s (%.0f/s), max RSS grew by %ld kB\n", ROWS, secs,
	       ROWS / secs, grew);
	ck_assert_uint_eq(c.n, ROWS);
	ck_assert_str_eq(c.last, "FR-0099999");
	ck_assert(c.sum == want);
	/* Generous bounds (sanitizer builds, a busy CI machine): the point is
	 * that the documents are not all held (100,000 would be ~500 MB). */
	if (!getenv("IFGW_VALGRIND")) /* tests/valgrind/run.sh: valgrind's time, not ours */
		ck_assert_msg(secs < 30.0, "%.1f s for %d rows", secs, ROWS);
	ck_assert_msg(grew < 200 * 1024, "memory grew by %ld kB", grew);
}
END_TEST

/* --- invoices as companies send them (issue 8): small UBL and CII
 * documents built around the part under test */

/* A UBL invoice issued on `issue`, with `head` (due date, payment terms)
 * and `seller` (identifiers) put in; the seller is Dutch, the buyer German. */
static void ubl_doc(struct ifgw_buf *b, const char *issue, const char *head, const char *seller)
{
	ifgw_buf_reset(b);
	ck_assert_ok(ifgw_buf_addf(b,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"\n"
		" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"\n"
		" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n"
		"<cbc:ID>U-1</cbc:ID>\n<cbc:IssueDate>%s</cbc:IssueDate>\n%s\n"
		"<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>\n"
		"<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>\n"
		"<cac:AccountingSupplierParty><cac:Party>\n%s\n"
		"<cac:PostalAddress><cac:Country><cbc:IdentificationCode>NL</cbc:IdentificationCode></cac:Country>"
		"</cac:PostalAddress>\n"
		"<cac:PartyLegalEntity><cbc:RegistrationName>Verkoper BV</cbc:RegistrationName></cac:PartyLegalEntity>\n"
		"</cac:Party></cac:AccountingSupplierParty>\n"
		"<cac:AccountingCustomerParty><cac:Party>\n"
		"<cac:PostalAddress><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country>"
		"</cac:PostalAddress>\n"
		"<cac:PartyLegalEntity><cbc:RegistrationName>Käufer GmbH</cbc:RegistrationName></cac:PartyLegalEntity>\n"
		"</cac:Party></cac:AccountingCustomerParty>\n"
		"<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">100.00</cbc:PayableAmount>"
		"</cac:LegalMonetaryTotal>\n</Invoice>\n",
		issue, head, seller));
}

/* The same as a CII invoice: `settle` goes into the header settlement
 * (payment terms), `seller` into SellerTradeParty. */
static void cii_doc(struct ifgw_buf *b, const char *issue102, const char *settle, const char *seller)
{
	ifgw_buf_reset(b);
	ck_assert_ok(ifgw_buf_addf(b,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\"\n"
		" xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100\"\n"
		" xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\">\n"
		"<rsm:ExchangedDocument><ram:ID>C-1</ram:ID><ram:TypeCode>380</ram:TypeCode>\n"
		"<ram:IssueDateTime><udt:DateTimeString format=\"102\">%s</udt:DateTimeString></ram:IssueDateTime>"
		"</rsm:ExchangedDocument>\n"
		"<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement>\n"
		"<ram:SellerTradeParty>\n%s\n<ram:Name>Verkoper BV</ram:Name>\n"
		"<ram:PostalTradeAddress><ram:CountryID>NL</ram:CountryID></ram:PostalTradeAddress></ram:SellerTradeParty>\n"
		"<ram:BuyerTradeParty><ram:Name>Käufer GmbH</ram:Name>\n"
		"<ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress></ram:BuyerTradeParty>\n"
		"</ram:ApplicableHeaderTradeAgreement>\n"
		"<ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>\n%s\n"
		"<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:DuePayableAmount>100.00</ram:DuePayableAmount>"
		"</ram:SpecifiedTradeSettlementHeaderMonetarySummation>\n"
		"</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>\n"
		"</rsm:CrossIndustryInvoice>\n",
		issue102, seller, settle));
}

#define UBL_DUE "<cbc:DueDate>2024-03-31</cbc:DueDate>"
#define CII_DUE                                                                                            \
	"<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format=\"102\">20240331"   \
	"</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>"

/* BT-29: the seller identifier is the seller's id (it was ignored, and the
 * seller then "needed an id"). */
START_TEST(seller_identifier_bt29)
{
	struct ifgw_buf b;
	struct got g;

	ifgw_buf_init(&b, 1 << 16);
	ubl_doc(&b, "2024-03-01", UBL_DUE,
		"<cac:PartyIdentification><cbc:ID schemeID=\"0088\">5790000435975</cbc:ID></cac:PartyIdentification>");
	g = ingest_text(NULL, "bt29.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 1);
	ck_assert_str_eq(g.docs[0].inv.seller.nr, "5790000435975");
	ck_assert_str_eq(g.docs[0].inv.seller.reg_nr, "");
	got_free(&g);
	/* Without it the seller has no identifier at all: still refused. */
	ubl_doc(&b, "2024-03-01", UBL_DUE, "");
	g = ingest_text(NULL, "no-id.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "no-id.xml", 4, "", "the seller needs a registration number, a VAT number or an id");
	got_free(&g);

	cii_doc(&b, "20240301", CII_DUE, "<ram:ID>SUP-0042</ram:ID>");
	g = ingest_text(NULL, "bt29-cii.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_str_eq(g.docs[0].inv.seller.nr, "SUP-0042");
	got_free(&g);
	cii_doc(&b, "20240301", CII_DUE, "<ram:GlobalID schemeID=\"0088\">4000001123452</ram:GlobalID>");
	g = ingest_text(NULL, "bt29-gln.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_str_eq(g.docs[0].inv.seller.nr, "4000001123452");
	got_free(&g);
	/* Named by its path when it is refused (too long for an id). */
	cii_doc(&b, "20240301", CII_DUE,
		"<ram:GlobalID schemeID=\"0088\">40000011234524000001123452400000112345240000011234524000001123452"
		"</ram:GlobalID>");
	g = ingest_text(NULL, "bt29-long.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "bt29-long.xml", 9, "/ram:SellerTradeParty/ram:GlobalID", "longer than the limit");
	got_free(&g);
	ifgw_buf_free(&b);
}
END_TEST

/* An xsd:date with a time zone is a date: the date part is kept. */
START_TEST(issue_date_with_zone)
{
	static const char *const good[] = {"2015-01-09+01:00", "2015-01-09Z", "2015-01-09-05:00", "2015-01-09+14:00",
					   " 2015-01-09Z "};
	static const char *const bad[] = {"2015-01-09+1:00", "2015-01-09+15:00", "2015-01-09+01:60", "2015-01-09z",
					  "2015-01-09 Z", "2015-01-09T10:00:00", "2015-01-09+01:00Z", "2015-02-30Z"};
	struct ifgw_buf b;
	struct got g;
	size_t i;

	ifgw_buf_init(&b, 1 << 16);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ubl_doc(&b, good[i], "<cbc:DueDate>2015-02-08Z</cbc:DueDate>", "<cac:PartyIdentification><cbc:ID>S1</cbc:ID></cac:PartyIdentification>");
		g = ingest_text(NULL, "tz.xml", b.ptr);
		ck_assert_msg(g.rc == IFGW_OK, "%s refused", good[i]);
		ck_assert_int_eq(g.docs[0].inv.issue_date, D("2015-01-09"));
		ck_assert_int_eq(g.docs[0].inv.due_date, D("2015-02-08"));
		got_free(&g);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ubl_doc(&b, bad[i], UBL_DUE, "<cac:PartyIdentification><cbc:ID>S1</cbc:ID></cac:PartyIdentification>");
		g = ingest_text(NULL, "tz.xml", b.ptr);
		ck_assert_msg(g.rc == IFGW_EINVAL, "%s accepted", bad[i]);
		assert_problem(&g, "tz.xml", 6, "/Invoice/cbc:IssueDate", "is not a date");
		got_free(&g);
	}
	ifgw_buf_free(&b);
}
END_TEST

/* UTF-8 text (BMP only) to UTF-16 with a byte order mark, big- or
 * little-endian. */
static void to_utf16(struct ifgw_buf *out, const char *utf8, int big)
{
	const unsigned char *p = (const unsigned char *)utf8;
	unsigned char u[2];

	ifgw_buf_reset(out);
	ck_assert_ok(ifgw_buf_add(out, big ? "\xFE\xFF" : "\xFF\xFE", 2));
	while (*p) {
		unsigned c;

		if (*p < 0x80) {
			c = *p++;
		} else if ((*p & 0xE0) == 0xC0) {
			c = ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
			p += 2;
		} else {
			ck_assert_int_eq(*p & 0xF0, 0xE0);
			c = ((unsigned)(p[0] & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
			p += 3;
		}
		u[big ? 0 : 1] = (unsigned char)(c >> 8);
		u[big ? 1 : 0] = (unsigned char)(c & 0xFF);
		ck_assert_ok(ifgw_buf_add(out, u, 2));
	}
}

/* A UTF-16 e-invoice (with its BOM) is XML, read as UTF-8 text; the
 * --charset hint of the CSV reader does not make it CSV. */
START_TEST(utf16_xml)
{
	static const char *const charsets[] = {NULL, "UTF-16"};
	struct ifgw_ingest_options o = {0};
	struct ifgw_buf u8, u16, decl16;
	struct got g;
	int big;
	size_t k;

	ifgw_buf_init(&u8, 1 << 16);
	ifgw_buf_init(&u16, 1 << 17);
	ifgw_buf_init(&decl16, 1 << 16);
	ubl_doc(&u8, "2024-03-01", UBL_DUE, "<cac:PartyIdentification><cbc:ID>S1</cbc:ID></cac:PartyIdentification>");
	/* The same document declared UTF-16 (as it should be) in decl16. */
	{
		const char *at = strstr(u8.ptr, "UTF-8");

		ck_assert_ptr_nonnull(at);
		ck_assert_ok(ifgw_buf_add(&decl16, u8.ptr, (size_t)(at - u8.ptr)));
		ck_assert_ok(ifgw_buf_addstr(&decl16, "UTF-16"));
		ck_assert_ok(ifgw_buf_addstr(&decl16, at + 5));
	}
	for (big = 0; big < 2; big++)
		for (k = 0; k < 4; k++) {
			/* Declared UTF-16, or (wrongly) still UTF-8: the BOM decides. */
			to_utf16(&u16, k < 2 ? decl16.ptr : u8.ptr, big);
			o.charset = charsets[k % 2];
			memset(&g, 0, sizeof(g));
			ck_assert_ok(ifgw_ingest_new(&g.ing, &o));
			ck_assert_ok(ifgw_ingest_add_data(g.ing, "u16.xml", u16.ptr, u16.len));
			g.rc = ifgw_ingest_check(g.ing);
			ck_assert_msg(g.rc == IFGW_OK, "%s-endian, case %zu: %s", big ? "big" : "little", k,
				      ifgw_error_last());
			ck_assert_ok(ifgw_ingest_collect(&g.docs, &g.n, g.ing));
			ck_assert_uint_eq(g.n, 1);
			ck_assert_int_eq(g.docs[0].format, IFGW_INGEST_UBL);
			ck_assert_str_eq(g.docs[0].inv.buyer.name, "K\xC3\xA4ufer GmbH");
			ck_assert_int_eq(g.docs[0].inv.issue_date, D("2024-03-01"));
			got_free(&g);
		}
	/* A UTF-16 CSV file is still CSV: refused with the hint, read with it. */
	to_utf16(&u16, "doc_type,number,issue_date,due_date,currency,amount,seller_name,seller_country,seller_id,"
		       "debtor_name,debtor_country\ninvoice,N1,2024-01-01,2024-02-01,EUR,1.00,S,FR,S1,D,DE\n", 0);
	o.charset = NULL;
	memset(&g, 0, sizeof(g));
	ck_assert_ok(ifgw_ingest_new(&g.ing, &o));
	ck_assert_ok(ifgw_ingest_add_data(g.ing, "u16.csv", u16.ptr, u16.len));
	ck_assert_int_eq(ifgw_ingest_check(g.ing), IFGW_EINVAL);
	ifgw_error_clear();
	assert_problem(&g, "u16.csv", 1, "", "--charset UTF-16");
	got_free(&g);
	o.charset = "UTF-16";
	ck_assert_ok(ifgw_ingest_new(&g.ing, &o));
	ck_assert_ok(ifgw_ingest_add_data(g.ing, "u16.csv", u16.ptr, u16.len));
	ck_assert_ok(ifgw_ingest_check(g.ing));
	ck_assert_ok(ifgw_ingest_collect(&g.docs, &g.n, g.ing));
	ck_assert_uint_eq(g.n, 1);
	ck_assert_int_eq(g.docs[0].format, IFGW_INGEST_CSV);
	got_free(&g);
	ifgw_buf_free(&u8);
	ifgw_buf_free(&u16);
	ifgw_buf_free(&decl16);
}
END_TEST

/* BT-9 absent: the due date is derived from payment terms that state
 * days, else from the default term, and marked as derived; refused only
 * when neither exists, saying what to add. */
START_TEST(due_date_derived)
{
	static const struct {
		const char *text;
		int days; /* -1: not clear enough, no due date */
	} terms[] = {
		{"30 days", 30},
		{"Net 30", 30},
		{"net 45 days", 45},
		{"Payment within 30 days from the invoice date", 30},
		{"zahlbar innerhalb 14 Tagen", 14},
		{"Zahlbar innerhalb von 14 Tagen ohne Abzug", 14},
		{"Paiement \xC3\xA0 30 jours", 30},
		{"Pago a 60 d\xC3\xAD" "as", 60},
		{"NETTO 10", 10},
		{"0 days", 0},
		{"30 days end of month", -1},
		{"60 Tage nach Lieferung", -1},
		{"2% Skonto bei Zahlung innerhalb 10 Tagen, netto 30 Tage", -1},
		{"Skonto bei Zahlung innerhalb 10 Tagen", -1},
		/* A date after "bis", "zum" or "am": the days to it (issue 2024-03-01). */
		{"Zahlbar bis 15.04.2024", 45},
		{"Zahlung ohne Abzug bis zum 13.04.2024 bei uns\n            eingehend.", 43},
		{"F\xC3\xA4llig am 01.03.2024", 0},
		{"Zahlbar bis 29.02.2024", -1},   /* before the issue date */
		{"Zahlbar bis 31.04.2024", -1},   /* no such day */
		{"Zahlbar bis 15.04.24", -1},     /* a two-digit year */
		{"Rechnung vom 01.03.2024", -1},  /* a date, not a due date */
		{"Zahlbar innerhalb 14 Tagen, sp\xC3\xA4testens bis 30.04.2024", -1},
		{"30 days from 01.05.2024", -1},
		/* Amounts and references beside the days do not count; other
		 * integers do (which one is the term?). */
		{"Wir m\xC3\xB6" "chten Sie bitten, die Teilnahmegeb\xC3\xBC" "hr iHv. 120,00 \xE2\x82\xAC innerhalb von 14 Tagen "
		 "auf das oben genannte Konto unter Angabe der Rechnungsnummer 1234/78/901 zu \xC3\xBC" "berweisen.", 14},
		{"Net 30.", 30},
		{"Zahlbar innerhalb 14 Tagen, 2 Mahnungen", -1},
		{"30 days, 2% late fee", -1},
		{"10 days or 30 days", -1},
		{"Net 30 days IBAN DE89 3704 0044 0532 0130 00", -1},
		{"30/60 days", -1},
		{"1.5 days", -1},
		{"#SKONTO#TAGE=7#PROZENT=2.00#", -1},
		{"Payable within 1000 days", -1},
		{"Zahlbar sofort ohne Abzug", -1},
		{"Invoice 30", -1},
		{"30 days after receipt", -1},
	};
	struct ifgw_ingest_options o = {0};
	struct ifgw_buf b, head;
	struct got g;
	size_t i;
	int cii;

	ifgw_buf_init(&b, 1 << 16);
	ifgw_buf_init(&head, 1 << 12);
	for (cii = 0; cii < 2; cii++)
		for (i = 0; i < sizeof(terms) / sizeof(terms[0]); i++) {
			ifgw_buf_reset(&head);
			if (cii) {
				/* A first terms element without a text, then the one with it. */
				ck_assert_ok(ifgw_buf_addf(&head, "<ram:SpecifiedTradePaymentTerms/>\n"
								  "<ram:SpecifiedTradePaymentTerms><ram:Description>%s"
								  "</ram:Description></ram:SpecifiedTradePaymentTerms>",
							   terms[i].text));
				cii_doc(&b, "20240301", head.ptr, "<ram:ID>S1</ram:ID>");
			} else {
				ck_assert_ok(ifgw_buf_addf(&head, "<cac:PaymentTerms><cbc:Note>%s</cbc:Note></cac:PaymentTerms>",
							   terms[i].text));
				ubl_doc(&b, "2024-03-01", head.ptr,
					"<cac:PartyIdentification><cbc:ID>S1</cbc:ID></cac:PartyIdentification>");
			}
			g = ingest_text(NULL, "terms.xml", b.ptr);
			if (terms[i].days < 0) {
				ck_assert_msg(g.rc == IFGW_EINVAL, "'%s' taken as a term", terms[i].text);
				assert_problem(&g, "terms.xml", 4, cii ? "DueDateDateTime" : "/cbc:DueDate",
					       "add one, payment terms that state the days");
				assert_problem(&g, "terms.xml", 4, "", "--default-term DAYS");
			} else {
				ck_assert_msg(g.rc == IFGW_OK, "'%s' not taken", terms[i].text);
				ck_assert_int_eq(g.docs[0].inv.due_date, D("2024-03-01") + terms[i].days);
				ck_assert_int_eq(g.docs[0].due_from, IFGW_INGEST_DUE_TERMS);
				ck_assert_int_eq(g.docs[0].due_days, terms[i].days);
			}
			got_free(&g);
		}
	/* A date that is no day (31.04.) is no term, and leaves no error
	 * pending for the caller: the next note states the term. */
	ubl_doc(&b, "2024-03-01",
		"<cac:PaymentTerms><cbc:Note>Zahlbar bis 31.04.2024</cbc:Note></cac:PaymentTerms>\n"
		"<cac:PaymentTerms><cbc:Note>Net 30</cbc:Note></cac:PaymentTerms>",
		"<cac:PartyIdentification><cbc:ID>S1</cbc:ID></cac:PartyIdentification>");
	ifgw_error_clear();
	ck_assert_ok(ifgw_ingest_new(&g.ing, NULL));
	ck_assert_ok(ifgw_ingest_add_data(g.ing, "no-day.xml", b.ptr, strlen(b.ptr)));
	ck_assert_int_eq(ifgw_ingest_check(g.ing), IFGW_OK);
	ck_assert_msg(ifgw_error_code() == IFGW_OK, "error left pending: %s", ifgw_error_last());
	got_free(&g);
	/* The default term, when the terms say nothing usable. */
	o.default_term_days = 60;
	ubl_doc(&b, "2024-03-01", "<cac:PaymentTerms><cbc:Note>30 days end of month</cbc:Note></cac:PaymentTerms>",
		"<cac:PartyIdentification><cbc:ID>S1</cbc:ID></cac:PartyIdentification>");
	g = ingest_text(&o, "default.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_int_eq(g.docs[0].inv.due_date, D("2024-04-30"));
	ck_assert_int_eq(g.docs[0].due_from, IFGW_INGEST_DUE_DEFAULT);
	ck_assert_int_eq(g.docs[0].due_days, 60);
	got_free(&g);
	/* Terms that state days win over the default; a given due date over both. */
	ubl_doc(&b, "2024-03-01", "<cac:PaymentTerms><cbc:Note>Net 30</cbc:Note></cac:PaymentTerms>",
		"<cac:PartyIdentification><cbc:ID>S1</cbc:ID></cac:PartyIdentification>");
	g = ingest_text(&o, "terms-win.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_int_eq(g.docs[0].inv.due_date, D("2024-03-31"));
	ck_assert_int_eq(g.docs[0].due_from, IFGW_INGEST_DUE_TERMS);
	got_free(&g);
	ubl_doc(&b, "2024-03-01", UBL_DUE "<cac:PaymentTerms><cbc:Note>Net 10</cbc:Note></cac:PaymentTerms>",
		"<cac:PartyIdentification><cbc:ID>S1</cbc:ID></cac:PartyIdentification>");
	g = ingest_text(&o, "given.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_int_eq(g.docs[0].inv.due_date, D("2024-03-31"));
	ck_assert_int_eq(g.docs[0].due_from, IFGW_INGEST_DUE_GIVEN);
	got_free(&g);
	/* CSV: the net_days column states the term; else the default. */
	g = ingest_text(NULL, "t.csv",
			"doc_type,number,issue_date,due_date,net_days,currency,amount,seller_name,seller_country,seller_id,"
			"debtor_name,debtor_country\n"
			"invoice,N1,2024-01-31,,29,EUR,1.00,S,FR,S1,D,DE\n"
			"credit_note,C1,2024-01-31,,,EUR,1.00,S,FR,S1,D,DE\n");
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_int_eq(g.docs[0].inv.due_date, D("2024-02-29"));
	ck_assert_int_eq(g.docs[0].due_from, IFGW_INGEST_DUE_TERMS);
	ck_assert_int_eq(g.docs[1].inv.due_date, D("2024-01-31"));
	ck_assert_int_eq(g.docs[1].due_from, IFGW_INGEST_DUE_ISSUE);
	got_free(&g);
	o.default_term_days = 14;
	g = ingest_text(&o, "t.csv",
			"doc_type,number,issue_date,due_date,currency,amount,seller_name,seller_country,seller_id,"
			"debtor_name,debtor_country\ninvoice,N1,2024-12-20,,EUR,1.00,S,FR,S1,D,DE\n");
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_int_eq(g.docs[0].inv.due_date, D("2025-01-03"));
	ck_assert_int_eq(g.docs[0].due_from, IFGW_INGEST_DUE_DEFAULT);
	got_free(&g);
	/* A default term out of range is the caller's error. */
	o.default_term_days = 1000;
	ck_assert_fails(ifgw_ingest_new(&g.ing, &o), IFGW_EUSAGE, "default term");
	ifgw_buf_free(&head);
	ifgw_buf_free(&b);
}
END_TEST

/* --- party identifiers by their scheme (issue 8) */

/* A UBL invoice from a German seller: legal id (schemeID attribute text,
 * value) and VAT number filled in. */
static struct got ubl_seller_ids(const char *scheme_attr, const char *legal_id, const char *vat)
{
	char xml[4096];
	int n;

	n = snprintf(xml, sizeof(xml),
		     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"\n"
		     " xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"\n"
		     " xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n"
		     "<cbc:ID>R-1</cbc:ID><cbc:IssueDate>2024-05-06</cbc:IssueDate>\n"
		     "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>\n"
		     "<cac:AccountingSupplierParty><cac:Party>\n"
		     "<cac:PostalAddress><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country>"
		     "</cac:PostalAddress>\n"
		     "<cac:PartyTaxScheme><cbc:CompanyID>%s</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
		     "</cac:PartyTaxScheme>\n"
		     "<cac:PartyLegalEntity><cbc:RegistrationName>Muster GmbH</cbc:RegistrationName>\n"
		     "<cbc:CompanyID%s>%s</cbc:CompanyID></cac:PartyLegalEntity>\n"
		     "</cac:Party></cac:AccountingSupplierParty>\n"
		     "<cac:AccountingCustomerParty><cac:Party>\n"
		     "<cac:PostalAddress><cac:Country><cbc:IdentificationCode>US</cbc:IdentificationCode></cac:Country>"
		     "</cac:PostalAddress>\n"
		     "<cac:PartyLegalEntity><cbc:RegistrationName>Microsoft Corporation</cbc:RegistrationName>"
		     "<cbc:CompanyID>91-1144442</cbc:CompanyID></cac:PartyLegalEntity>\n"
		     "</cac:Party></cac:AccountingCustomerParty>\n"
		     "<cac:PaymentTerms><cbc:PaymentDueDate>2024-07-05</cbc:PaymentDueDate></cac:PaymentTerms>\n"
		     "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">100.00</cbc:PayableAmount>"
		     "</cac:LegalMonetaryTotal>\n"
		     "</Invoice>\n",
		     vat, scheme_attr, legal_id);
	ck_assert(n > 0 && (size_t)n < sizeof(xml));
	return ingest_text(NULL, "ids.xml", xml);
}

START_TEST(party_ids_by_scheme)
{
	struct got g;

	/* A GLN on a German party: its GS1 check digit, not the Handelsregister;
	 * a HU VAT number on it: by its own prefix, unchecked, and said so. */
	g = ubl_seller_ids(" schemeID=\"0088\"", "1548079098355", "HU12345678");
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 1);
	ck_assert_str_eq(g.docs[0].inv.seller.reg_nr, "1548079098355");
	ck_assert_str_eq(g.docs[0].inv.seller.vat_nr, "HU12345678");
	ck_assert_ptr_nonnull(strstr(g.docs[0].notes, "cac:PartyTaxScheme/cbc:CompanyID: VAT number with the prefix "
						      "HU: no rule of ours for this country, accepted unchecked"));
	ck_assert_ptr_null(strstr(g.docs[0].notes, "0088"));
	/* One note, the VAT number's, with its business term and prefix. */
	ck_assert_uint_eq(g.docs[0].n_notes, 1);
	ck_assert_str_eq(g.docs[0].note[0].bt, "BT-31");
	ck_assert_str_eq(g.docs[0].note[0].scheme, "VAT HU");
	ck_assert_uint_eq(g.docs[0].note[0].line, 9);
	ck_assert_str_eq(g.docs[0].note[0].field, "/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/"
						  "cbc:CompanyID");
	got_free(&g);

	/* A Leitweg-ID: accepted as given, with a note naming the scheme. */
	g = ubl_seller_ids(" schemeID=\" 0204 \"", "04011000-1234512345-06", "DE 143 454 214");
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_str_eq(g.docs[0].inv.seller.reg_nr, "04011000-1234512345-06");
	ck_assert_str_eq(g.docs[0].inv.seller.vat_nr, "DE143454214");
	ck_assert_str_eq(g.docs[0].notes, "/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/"
					  "cbc:CompanyID: scheme 0204 (DE Leitweg-ID): accepted as given, no check of ours");
	ck_assert_uint_eq(g.docs[0].n_notes, 1);
	ck_assert_str_eq(g.docs[0].note[0].bt, "BT-30");
	ck_assert_str_eq(g.docs[0].note[0].scheme, "0204");
	ck_assert_uint_eq(g.docs[0].note[0].line, 11);
	ck_assert_str_eq(g.docs[0].note[0].text, "scheme 0204 (DE Leitweg-ID): accepted as given, no check of ours");
	got_free(&g);

	/* A GLN with a wrong check digit is refused for that. */
	g = ubl_seller_ids(" schemeID=\"0088\"", "1548079098356", "DE143454214");
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "ids.xml", 11, "cac:PartyLegalEntity/cbc:CompanyID",
		       "GLN (scheme 0088) 1548079098356: GS1 check digit wrong, want 5");
	got_free(&g);

	/* No scheme: the party country's register, the court kept. */
	g = ubl_seller_ids("", "HRB 12345, Amtsgericht Köln", "DE143454214");
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_str_eq(g.docs[0].inv.seller.reg_nr, "HRB 12345 (Köln)");
	ck_assert_str_eq(g.docs[0].notes, "");
	ck_assert_uint_eq(g.docs[0].n_notes, 0);
	got_free(&g);

	/* A SIREN (0002) on a German party is checked as a SIREN. */
	g = ubl_seller_ids(" schemeID=\"0002\"", "542 051 181", "DE143454214");
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "ids.xml", 11, "cbc:CompanyID", "FR SIREN 542051181: check digit wrong");
	got_free(&g);
}
END_TEST

/* doc with `party` put right after the start of the buyer's party element
 * (`open`, which must be in it), as a new document in out. */
static void add_buyer_id(struct ifgw_buf *out, const struct ifgw_buf *doc, const char *open, const char *party)
{
	const char *at = strstr(doc->ptr, open);

	ck_assert_ptr_nonnull(at);
	at += strlen(open);
	ifgw_buf_reset(out);
	ck_assert_ok(ifgw_buf_add(out, doc->ptr, (size_t)(at - doc->ptr)));
	ck_assert_ok(ifgw_buf_addf(out, "%s", party));
	ck_assert_ok(ifgw_buf_addstr(out, at));
}

#define UBL_BUYER "<cac:AccountingCustomerParty><cac:Party>\n"
#define CII_BUYER "<ram:BuyerTradeParty>"
#define UBL_SELLER_ID "<cac:PartyIdentification><cbc:ID>SUP-1</cbc:ID></cac:PartyIdentification>"

/* BT-46, the buyer identifier, is the buyer's nr, checked by its schemeID
 * as BT-29 (the seller's) is: a GLN by its GS1 check digit, a register's
 * scheme by that register, another scheme noted; without one, kept as
 * given. */
START_TEST(buyer_identifier_bt46)
{
	struct ifgw_buf doc, b;
	struct got g;

	ifgw_buf_init(&doc, 1 << 16);
	ifgw_buf_init(&b, 1 << 16);
	ubl_doc(&doc, "2024-03-01", UBL_DUE, UBL_SELLER_ID);
	add_buyer_id(&b, &doc, UBL_BUYER,
		     "<cac:PartyIdentification><cbc:ID schemeID=\"0088\">4000001123452</cbc:ID></cac:PartyIdentification>");
	g = ingest_text(NULL, "bt46.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 1);
	ck_assert_str_eq(g.docs[0].inv.buyer.nr, "4000001123452");
	ck_assert_str_eq(g.docs[0].inv.seller.nr, "SUP-1");
	ck_assert_uint_eq(g.docs[0].n_notes, 0);
	got_free(&g);

	add_buyer_id(&b, &doc, UBL_BUYER,
		     "<cac:PartyIdentification><cbc:ID schemeID=\"0088\">4000001123453</cbc:ID></cac:PartyIdentification>");
	g = ingest_text(NULL, "bt46-bad.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "bt46-bad.xml", 16, "/Invoice/cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID",
		       "GLN (scheme 0088) 4000001123453: GS1 check digit wrong, want 2");
	got_free(&g);

	/* A SIREN (0002) on a German buyer: checked as a SIREN, normalised. */
	add_buyer_id(&b, &doc, UBL_BUYER,
		     "<cac:PartyIdentification><cbc:ID schemeID=\"0002\">542 051 180</cbc:ID></cac:PartyIdentification>");
	g = ingest_text(NULL, "bt46-siren.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_str_eq(g.docs[0].inv.buyer.nr, "542051180");
	got_free(&g);

	/* No scheme: the buyer's own number, kept as given, no note. */
	add_buyer_id(&b, &doc, UBL_BUYER, "<cac:PartyIdentification><cbc:ID>K-4711</cbc:ID></cac:PartyIdentification>");
	g = ingest_text(NULL, "bt46-own.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_str_eq(g.docs[0].inv.buyer.nr, "K-4711");
	ck_assert_uint_eq(g.docs[0].n_notes, 0);
	got_free(&g);

	/* A scheme without a rule of ours: kept, and noted as BT-46. */
	add_buyer_id(&b, &doc, UBL_BUYER,
		     "<cac:PartyIdentification><cbc:ID schemeID=\"0204\">04011000-1234512345-06</cbc:ID>"
		     "</cac:PartyIdentification>");
	g = ingest_text(NULL, "bt46-0204.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_str_eq(g.docs[0].inv.buyer.nr, "04011000-1234512345-06");
	ck_assert_uint_eq(g.docs[0].n_notes, 1);
	ck_assert_str_eq(g.docs[0].note[0].bt, "BT-46");
	ck_assert_str_eq(g.docs[0].note[0].scheme, "0204");
	ck_assert_str_eq(g.docs[0].note[0].field,
			 "/Invoice/cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID");
	got_free(&g);

	/* The seller's BT-29 is checked by its scheme the same way. */
	ubl_doc(&doc, "2024-03-01", UBL_DUE,
		"<cac:PartyIdentification><cbc:ID schemeID=\"0088\">5790000435976</cbc:ID></cac:PartyIdentification>");
	g = ingest_text(NULL, "bt29-bad.xml", doc.ptr);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "bt29-bad.xml", 11, "/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID",
		       "GLN (scheme 0088) 5790000435976: GS1 check digit wrong, want 5");
	got_free(&g);

	/* A SEPA creditor identifier (BT-90, schemeID SEPA) is not the seller's
	 * identifier: the next PartyIdentification is. */
	ubl_doc(&doc, "2024-03-01", UBL_DUE,
		"<cac:PartyIdentification><cbc:ID schemeID=\"SEPA\">DE98ZZZ09999999999</cbc:ID></cac:PartyIdentification>"
		"<cac:PartyIdentification><cbc:ID schemeID=\"0088\">5790000435975</cbc:ID></cac:PartyIdentification>");
	g = ingest_text(NULL, "bt29-sepa.xml", doc.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_str_eq(g.docs[0].inv.seller.nr, "5790000435975");
	ck_assert_uint_eq(g.docs[0].n_notes, 0);
	got_free(&g);
	/* ... and alone it leaves the seller without an identifier. */
	ubl_doc(&doc, "2024-03-01", UBL_DUE,
		"<cac:PartyIdentification><cbc:ID schemeID=\"SEPA\">DE98ZZZ09999999999</cbc:ID></cac:PartyIdentification>");
	g = ingest_text(NULL, "bt90-only.xml", doc.ptr);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "bt90-only.xml", 4, "", "the seller needs a registration number, a VAT number or an id");
	got_free(&g);

	/* CII: ram:ID, else ram:GlobalID. */
	cii_doc(&doc, "20240301", CII_DUE, "<ram:ID>SUP-1</ram:ID>");
	add_buyer_id(&b, &doc, CII_BUYER, "<ram:ID>K-4711</ram:ID>");
	g = ingest_text(NULL, "bt46-cii.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_str_eq(g.docs[0].inv.buyer.nr, "K-4711");
	got_free(&g);
	add_buyer_id(&b, &doc, CII_BUYER, "<ram:GlobalID schemeID=\"0088\">4000001123452</ram:GlobalID>");
	g = ingest_text(NULL, "bt46-cii-gln.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_str_eq(g.docs[0].inv.buyer.nr, "4000001123452");
	got_free(&g);
	add_buyer_id(&b, &doc, CII_BUYER, "<ram:GlobalID schemeID=\"0088\">1111111111</ram:GlobalID>");
	g = ingest_text(NULL, "bt46-cii-bad.xml", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "bt46-cii-bad.xml", 12, "/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty/ram:GlobalID",
		       "GLN (scheme 0088) 1111111111: want 13 digits");
	got_free(&g);
	ifgw_buf_free(&b);
	ifgw_buf_free(&doc);
}
END_TEST

/* CSV scheme columns (<column>_scheme, an ISO 6523 ICD): the id is checked
 * by its scheme, as the XML formats' schemeID; without the column, or with
 * it empty, by the party country's register as before. */
START_TEST(csv_id_schemes)
{
	static const char head[] = "doc_type,number,issue_date,due_date,currency,amount,seller_name,seller_country,"
				   "seller_reg_nr,seller_reg_nr_scheme,seller_id,seller_id_scheme,debtor_name,"
				   "debtor_country,buyer_reg_nr,buyer_reg_nr_scheme\n";
	struct ifgw_buf b;
	struct got g;

	ifgw_buf_init(&b, 1 << 16);
	/* A GLN (0088) on a German seller, a SIREN (0002) on a German debtor,
	 * normalised; an unknown ICD kept with a note. */
	ck_assert_ok(ifgw_buf_addf(&b, "%s%s%s", head,
				   "invoice,S-1,2024-05-06,2024-07-05,EUR,1.00,Muster GmbH,DE,1548079098355,0088,"
				   "0190-12,0190,K GmbH,DE,542 051 180,0002\n",
				   "invoice,S-2,2024-05-06,2024-07-05,EUR,1.00,Muster GmbH,DE,HRB 12345,,"
				   ",,K GmbH,DE,Aachen HRB 44123,\n"));
	g = ingest_text(NULL, "schemes.csv", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_OK);
	ck_assert_uint_eq(g.n, 2);
	ck_assert_str_eq(g.docs[0].inv.seller.reg_nr, "1548079098355");
	ck_assert_str_eq(g.docs[0].inv.buyer.reg_nr, "542051180");
	ck_assert_str_eq(g.docs[0].inv.seller.nr, "0190-12");
	ck_assert_uint_eq(g.docs[0].n_notes, 1);
	ck_assert_str_eq(g.docs[0].note[0].bt, "BT-29");
	ck_assert_str_eq(g.docs[0].note[0].field, "seller_id");
	ck_assert_str_eq(g.docs[0].note[0].scheme, "0190");
	ck_assert_uint_eq(g.docs[0].note[0].line, 2);
	/* Empty scheme: the national register, as without the column. */
	ck_assert_str_eq(g.docs[1].inv.seller.reg_nr, "HRB 12345");
	ck_assert_str_eq(g.docs[1].inv.buyer.reg_nr, "HRB 44123 (Aachen)");
	ck_assert_uint_eq(g.docs[1].n_notes, 0);
	got_free(&g);

	/* A wrong GS1 check digit, a SIREN that is not one, a scheme that is
	 * not an ICD: each refused, on its line and column. */
	ifgw_buf_reset(&b);
	ck_assert_ok(ifgw_buf_addf(&b, "%s%s%s%s", head,
				   "invoice,S-3,2024-05-06,2024-07-05,EUR,1.00,Muster GmbH,DE,1548079098356,0088,,,"
				   "K GmbH,DE,,\n",
				   "invoice,S-4,2024-05-06,2024-07-05,EUR,1.00,Muster GmbH,DE,HRB 12345,,,,"
				   "K GmbH,DE,542 051 181,0002\n",
				   "invoice,S-5,2024-05-06,2024-07-05,EUR,1.00,Muster GmbH,DE,1548079098355,GLN,,,"
				   "K GmbH,DE,,\n"));
	g = ingest_text(NULL, "bad-schemes.csv", b.ptr);
	ck_assert_int_eq(g.rc, IFGW_EINVAL);
	assert_problem(&g, "bad-schemes.csv", 2, "seller_reg_nr",
		       "GLN (scheme 0088) 1548079098356: GS1 check digit wrong, want 5");
	assert_problem(&g, "bad-schemes.csv", 3, "debtor_reg_nr", "FR SIREN 542051181: check digit wrong");
	assert_problem(&g, "bad-schemes.csv", 4, "seller_reg_nr_scheme",
		       "'GLN' is not an ISO 6523 ICD (want 4 digits, e.g. 0088 for a GLN)");
	/* ... and the id under a refused scheme is not checked by another rule. */
	ck_assert_uint_eq(ifgw_ingest_report(g.ing)->n_problems, 3);
	got_free(&g);
	ifgw_buf_free(&b);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ingest");
	TCase *tc = tcase_create("ingest");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, erp_export_csv);
	tcase_add_test(tc, semicolon_decimal_comma_csv);
	tcase_add_test(tc, latin1_csv);
	tcase_add_test(tc, bom_crlf_csv);
	tcase_add_test(tc, ubl_samples);
	tcase_add_test(tc, cii_samples);
	tcase_add_test(tc, official_samples);
	tcase_add_test(tc, party_ids_by_scheme);
	tcase_add_test(tc, csv_id_schemes);
	tcase_add_test(tc, buyer_identifier_bt46);
	tcase_add_test(tc, every_problem_is_named);
	tcase_add_test(tc, files_refused_whole);
	tcase_add_test(tc, xml_is_hardened);
	tcase_add_test(tc, skip_invalid);
	tcase_add_test(tc, duplicates_across_files);
	tcase_add_test(tc, problems_are_capped);
	tcase_add_test(tc, formats_and_states);
	tcase_add_test(tc, csv_reader);
	tcase_add_test(tc, large_csv);
	tcase_add_test(tc, seller_identifier_bt29);
	tcase_add_test(tc, issue_date_with_zone);
	tcase_add_test(tc, utf16_xml);
	tcase_add_test(tc, due_date_derived);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
