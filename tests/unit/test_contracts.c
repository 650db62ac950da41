/* test_contracts.c: the ledger's contracts from a node's configuration
 * (gateway/node/contracts.h), from real configuration files. */
#include "config.h"

#include <unistd.h>

#include "base/file.h"
#include "config/node_config.h"
#include "currency/calendar.h"
#include "currency/iso4217.h"
#include "gateway/node/contracts.h"
#include "testutil.h"

static char tmpdir[64];

static void setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ifgw-contracts-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

/* A configuration with one domestic seller whose Contract children are
 * `terms` (after AdvanceRate), and return its path. */
static const char *write_seller(const char *terms)
{
	static char path[128];
	struct ifgw_buf b;

	snprintf(path, sizeof(path), "%s/ifgw.xml", tmpdir);
	ifgw_buf_init(&b, 1 << 16);
	ck_assert_ok(ifgw_buf_addf(&b,
				   "<?xml version=\"1.0\"?>\n"
				   "<Node xmlns=\"urn:ifgw:config:1\" version=\"1\" code=\"GB00001\" country=\"GB\">\n"
				   "  <Name>Test</Name>\n"
				   "  <Identity><Signing key=\"k.pem\" cert=\"c.pem\"/></Identity>\n"
				   "  <Sellers>\n"
				   "    <Seller id=\"S-GB-1\" country=\"GB\">\n"
				   "      <Name>Mills Ltd</Name><RegistrationNumber>00000006</RegistrationNumber>\n"
				   "      <Contract product=\"classic\"><AdvanceRate>80</AdvanceRate>%s\n"
				   "        <FundingPromise hours=\"48\"/><Calendar name=\"GB\" utcOffset=\"+00:00\"/>\n"
				   "        <Dunning reminder=\"10\" secondReminder=\"20\" formalNotice=\"30\" handOver=\"60\"/>\n"
				   "        <PaymentTerm days=\"30\"/>\n"
				   "      </Contract>\n"
				   "    </Seller>\n"
				   "  </Sellers>\n"
				   "</Node>\n",
				   terms));
	ck_assert_ok(ifgw_file_write_atomic(path, b.ptr, b.len, 0644));
	ifgw_buf_free(&b);
	return path;
}

/* The example node's seller, field by field as examples/ifgw.xml gives it. */
START_TEST(example_seller_contract)
{
	struct ifgw_config *cfg = NULL;
	struct ifgw_node_contracts *nc = NULL;
	const struct ifgw_ledger_contract *k;
	const struct ifgw_calendar *fr;

	ck_assert_ok(ifgw_config_load(&cfg, ifgw_test_srcpath("examples/ifgw.xml")));
	ck_assert_ok(ifgw_node_contracts_build(&nc, cfg));
	ifgw_config_free(cfg); /* the contracts own what they need */
	k = ifgw_node_contracts_seller(nc, "S-FR-0001");
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k->product, IFGW_PRODUCT_EXPORT);
	ck_assert_str_eq(k->partner, "DE00123");
	ck_assert_int_eq(k->advance_rate, 850000);
	ck_assert_int_eq(k->reserve_pct, 100000);
	ck_assert_int_eq(k->reserve_fixed.minor, 5000);
	ck_assert_str_eq(k->reserve_fixed.ccy->code, "EUR");
	ck_assert_int_eq(k->commission_pct, 8500);
	ck_assert_int_eq(k->doc_fee.minor, 250);
	ck_assert_str_eq(k->doc_fee.ccy->code, "EUR");
	ck_assert_int_eq(k->ref_rate, 31250);
	ck_assert_int_eq(k->margin, 15000);
	ck_assert_int_eq(k->daycount, IFGW_DAYCOUNT_ACT_360);
	ck_assert_int_eq(k->rounding, IFGW_ROUND_HALF_EVEN);
	ck_assert_int_eq(k->funding_hours, 24);
	ck_assert_ok(ifgw_calendar_get(&fr, "FR"));
	ck_assert_ptr_eq(k->calendar, fr);
	ck_assert_int_eq(k->utc_offset, 3600);
	ck_assert_int_eq(k->dunning_days[0], 7);
	ck_assert_int_eq(k->dunning_days[1], 21);
	ck_assert_int_eq(k->dunning_days[2], 45);
	ck_assert_int_eq(k->dunning_days[3], 90);
	ck_assert_ok(ifgw_ledger_contract_check(k));
	ck_assert_str_eq(ifgw_node_contracts_currency(nc, "S-FR-0001")->code, "EUR");

	/* the contract's currency decides which invoices it can fund */
	ck_assert_ok(ifgw_node_contracts_accepts(nc, "S-FR-0001", ifgw_currency_find("EUR")));
	ck_assert_fails(ifgw_node_contracts_accepts(nc, "S-FR-0001", ifgw_currency_find("USD")), IFGW_EINVAL,
			"seller S-FR-0001: its contract fixes its amounts in EUR, the invoice is in USD");
	ck_assert_ptr_null(ifgw_node_contracts_seller(nc, "S-FR-0002"));
	ck_assert_ptr_null(ifgw_node_contracts_currency(nc, "S-FR-0002"));
	ck_assert_fails(ifgw_node_contracts_accepts(nc, "S-FR-0002", ifgw_currency_find("EUR")), IFGW_ENOTFOUND,
			"seller S-FR-0002: not a seller this node factors (no contract)");

	/* the book's view: the seller's contract when the partner is its own or not given */
	{
		struct ifgw_book_contracts bk = ifgw_node_contracts_book(nc);

		ck_assert_ptr_eq(bk.find(bk.ctx, "S-FR-0001", "DE00123"), k);
		ck_assert_ptr_eq(bk.find(bk.ctx, "S-FR-0001", ""), k);
		ck_assert_ptr_eq(ifgw_node_contracts_find(nc, "S-FR-0001", NULL), k);
		ck_assert_ptr_null(bk.find(bk.ctx, "S-FR-0001", "IT00077"));
		ck_assert_ptr_null(bk.find(bk.ctx, "S-FR-0002", ""));
		/* a seller this node does not factor, of a partner it is import factor for */
		ck_assert_ptr_eq(bk.find(bk.ctx, "DE-SELLER-9", "DE00123"), ifgw_node_contracts_import(nc, "DE00123"));
		ck_assert_ptr_null(bk.find(bk.ctx, "DE-SELLER-9", "DE00456"));
		ck_assert_ptr_eq(ifgw_node_contracts_of(&bk), nc);
		bk.find = NULL; /* another provider */
		ck_assert_ptr_null(ifgw_node_contracts_of(&bk));
		ck_assert_ptr_null(ifgw_node_contracts_of(NULL));
	}
	ifgw_node_contracts_free(nc);
}
END_TEST

/* The example node is DE00123's import factor (its DecisionPolicy): the
 * import contract and the policy, field by field. */
START_TEST(example_import_contract_and_policy)
{
	struct ifgw_config *cfg = NULL;
	struct ifgw_node_contracts *nc = NULL;
	const struct ifgw_ledger_contract *k;
	const struct ifgw_ledger_policy *p;
	const struct ifgw_calendar *fr;

	ck_assert_ok(ifgw_config_load(&cfg, ifgw_test_srcpath("examples/ifgw.xml")));
	ck_assert_ok(ifgw_node_contracts_build(&nc, cfg));
	ifgw_config_free(cfg); /* the policy's lists are copies */
	k = ifgw_node_contracts_import(nc, "DE00123");
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k->role, IFGW_LEDGER_ROLE_IMPORT);
	ck_assert_int_eq(k->product, IFGW_PRODUCT_EXPORT);
	ck_assert_str_eq(k->partner, "DE00123");
	ck_assert_int_eq(k->advance_rate, 0);
	ck_assert_int_eq(k->reserve_pct, 0);
	ck_assert_int_eq(k->commission_pct, 0);
	ck_assert_ptr_null(k->reserve_fixed.ccy);
	ck_assert_ptr_null(k->doc_fee.ccy);
	ck_assert_ok(ifgw_calendar_get(&fr, "FR")); /* this node's country */
	ck_assert_ptr_eq(k->calendar, fr);
	ck_assert_int_eq(k->dunning_days[0], 10);
	ck_assert_int_eq(k->dunning_days[3], 60);
	ck_assert_ok(ifgw_ledger_contract_check(k));
	ck_assert_ptr_eq(ifgw_node_contracts_find(nc, "DE-SELLER-9", "DE00123"), k);
	/* the seller's own contract stays HOME */
	ck_assert_int_eq(ifgw_node_contracts_seller(nc, "S-FR-0001")->role, IFGW_LEDGER_ROLE_HOME);

	p = ifgw_node_contracts_policy(nc, "DE00123");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->debtor_limit.minor, 25000000);
	ck_assert_str_eq(p->debtor_limit.ccy->code, "EUR");
	ck_assert_uint_eq(p->n_country_limits, 1);
	ck_assert_str_eq(p->country_limits[0].country, "FR");
	ck_assert_int_eq(p->country_limits[0].limit.minor, 500000000);
	ck_assert_int_eq(p->auto_approve_below.minor, 2000000);
	ck_assert_int_eq(p->partial_max_pct, 750000);
	ck_assert_uint_eq(p->n_decline_debtors, 1);
	ck_assert_str_eq(p->decline_debtors[0], "FR-DEBTOR-0042");
	ck_assert_uint_eq(p->n_decline_countries, 1);
	ck_assert_str_eq(p->decline_countries[0], "RU");
	ck_assert_int_eq(p->pending_days, 3);

	/* partners without a policy: the node is not their import factor */
	ck_assert_ptr_null(ifgw_node_contracts_import(nc, "DE00456"));
	ck_assert_ptr_null(ifgw_node_contracts_policy(nc, "IT00077"));
	ck_assert_ptr_null(ifgw_node_contracts_import(nc, ""));
	ifgw_node_contracts_free(nc);
}
END_TEST

/* The import role runs on this node's business days: a node in a country
 * without a calendar (no country profile) cannot be an import factor. */
START_TEST(import_role_needs_a_calendar)
{
	static const char text[] =
		"<?xml version=\"1.0\"?>\n"
		"<Node xmlns=\"urn:ifgw:config:1\" version=\"1\" code=\"BE00001\" country=\"BE\">\n"
		"  <Name>Test</Name>\n"
		"  <Identity><Signing key=\"k.pem\" cert=\"c.pem\"/></Identity>\n"
		"  <Partner code=\"DE00123\" country=\"DE\">\n"
		"    <Name>DE</Name><Endpoint>https://127.0.0.1:1/</Endpoint>\n"
		"    <Trust><Cert file=\"de.crt\"/></Trust>\n"
		"    <DecisionPolicy><Pending days=\"2\"/></DecisionPolicy>\n"
		"  </Partner>\n"
		"</Node>\n";
	struct ifgw_config *cfg = NULL;
	struct ifgw_node_contracts *nc = NULL;
	char path[128];

	snprintf(path, sizeof(path), "%s/ifgw.xml", tmpdir);
	ck_assert_ok(ifgw_file_write_atomic(path, text, sizeof(text) - 1, 0644));
	ck_assert_ok(ifgw_config_load(&cfg, path));
	ck_assert_fails(ifgw_node_contracts_build(&nc, cfg), IFGW_EINVAL,
			"ifgw.xml: Partner DE00123 (line 8): import role: no business-day calendar for this node's "
			"country BE");
	ck_assert_ptr_null(nc);
	ifgw_config_free(cfg);
}
END_TEST

/* No dayCount: the contract currency's basis (GBP: ACT/365). */
START_TEST(daycount_from_the_contract_currency)
{
	struct ifgw_config *cfg = NULL;
	struct ifgw_node_contracts *nc = NULL;
	const struct ifgw_ledger_contract *k;

	ck_assert_ok(ifgw_config_load(
		&cfg, write_seller("<Reserve amount=\"25.00\" currency=\"GBP\"/><Commission>1</Commission>"
				   "<Interest reference=\"4\" margin=\"2\"/>")));
	ck_assert_ok(ifgw_node_contracts_build(&nc, cfg));
	k = ifgw_node_contracts_seller(nc, "S-GB-1");
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k->product, IFGW_PRODUCT_CLASSIC);
	ck_assert_str_eq(k->partner, "");
	ck_assert_int_eq(k->reserve_pct, 0);
	ck_assert_int_eq(k->reserve_fixed.minor, 2500);
	ck_assert_ptr_null(k->doc_fee.ccy);
	ck_assert_int_eq(k->daycount, IFGW_DAYCOUNT_ACT_365);
	ck_assert_int_eq(k->utc_offset, 0);
	ck_assert_int_eq(k->funding_hours, 48);
	ck_assert_ok(ifgw_node_contracts_accepts(nc, "S-GB-1", ifgw_currency_find("GBP")));
	ifgw_node_contracts_free(nc);
	ifgw_config_free(cfg);
}
END_TEST

/* No currency fixed, no dayCount: ACT/360, and an invoice whose currency
 * would want ACT/365 is refused rather than charged on the wrong basis. */
START_TEST(no_currency_no_daycount)
{
	struct ifgw_config *cfg = NULL;
	struct ifgw_node_contracts *nc = NULL;

	ck_assert_ok(ifgw_config_load(&cfg, write_seller("<Reserve percent=\"10\"/><Commission>1</Commission>"
							 "<Interest reference=\"4\" margin=\"2\"/>")));
	ck_assert_ok(ifgw_node_contracts_build(&nc, cfg));
	ck_assert_int_eq(ifgw_node_contracts_seller(nc, "S-GB-1")->daycount, IFGW_DAYCOUNT_ACT_360);
	ck_assert_ptr_null(ifgw_node_contracts_currency(nc, "S-GB-1"));
	ck_assert_ok(ifgw_node_contracts_accepts(nc, "S-GB-1", ifgw_currency_find("USD")));
	ck_assert_fails(ifgw_node_contracts_accepts(nc, "S-GB-1", ifgw_currency_find("JPY")), IFGW_EINVAL,
			"seller S-GB-1: its contract runs interest on ACT/360 and fixes no currency; an invoice in JPY "
			"needs ACT/365: give Interest/@dayCount or a contract currency");
	ifgw_node_contracts_free(nc);
	ifgw_config_free(cfg);

	/* a basis given in the file holds for any currency */
	ck_assert_ok(ifgw_config_load(&cfg, write_seller("<Reserve percent=\"10\"/><Commission>1</Commission>"
							 "<Interest reference=\"4\" margin=\"2\" dayCount=\"ACT/365\"/>")));
	ck_assert_ok(ifgw_node_contracts_build(&nc, cfg));
	ck_assert_int_eq(ifgw_node_contracts_seller(nc, "S-GB-1")->daycount, IFGW_DAYCOUNT_ACT_365);
	ck_assert_ok(ifgw_node_contracts_accepts(nc, "S-GB-1", ifgw_currency_find("USD")));
	ck_assert_ok(ifgw_node_contracts_accepts(nc, "S-GB-1", ifgw_currency_find("JPY")));
	ifgw_node_contracts_free(nc);
	ifgw_config_free(cfg);
}
END_TEST

/* A reserve and a fee in two currencies: no one contract currency. */
START_TEST(two_currencies_refused)
{
	struct ifgw_config *cfg = NULL;
	struct ifgw_node_contracts *nc = NULL;

	ck_assert_ok(ifgw_config_load(
		&cfg, write_seller("<Reserve amount=\"25.00\" currency=\"GBP\"/><Commission>1</Commission>"
				   "<DocumentFee amount=\"2.00\" currency=\"EUR\"/><Interest reference=\"4\" margin=\"2\"/>")));
	ck_assert_fails(ifgw_node_contracts_build(&nc, cfg), IFGW_EINVAL,
			"ifgw.xml: Seller S-GB-1 (line 8): contract: fixed reserve in GBP and document fee in EUR: one "
			"currency per contract");
	ck_assert_ptr_null(nc);
	ifgw_config_free(cfg);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("contracts");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, example_seller_contract);
	tcase_add_test(tc, example_import_contract_and_policy);
	tcase_add_test(tc, import_role_needs_a_calendar);
	tcase_add_test(tc, daycount_from_the_contract_currency);
	tcase_add_test(tc, no_currency_no_daycount);
	tcase_add_test(tc, two_currencies_refused);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
