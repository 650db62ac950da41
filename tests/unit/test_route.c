/* test_route.c: product rules over the example routing table. */
#include "config.h"

#include "config/node_config.h"
#include "model/codes.h"
#include "gateway/route/route.h"
#include "gateway/route/target.h"
#include "testutil.h"

static struct ifgw_config *cfg;

static void setup(void)
{
	ck_assert_ok(ifgw_config_load(&cfg, ifgw_test_srcpath("examples/ifgw.xml")));
}

static void teardown(void)
{
	ifgw_config_free(cfg);
}

static struct ifgw_party party(const char *country)
{
	struct ifgw_party p;

	ifgw_party_init(&p);
	snprintf(p.country, sizeof(p.country), "%s", country);
	snprintf(p.name, sizeof(p.name), "Party %s", country);
	return p;
}

START_TEST(export_goes_to_the_debtors_import_factor)
{
	struct ifgw_party seller = party("FR"), debtor = party("DE");
	struct ifgw_route r;

	ck_assert_ok(ifgw_route_invoice(&r, cfg, IFGW_PRODUCT_EXPORT, &seller, &debtor));
	ck_assert(!r.home);
	ck_assert_str_eq(r.partner->code, "DE00123"); /* priority 1 beats DE00456 */
	ck_assert_uint_eq(r.alternatives, 1);
	ck_assert_str_eq(r.adapter, "edifactoring");
	ck_assert_str_eq(r.charset, r.profile->charset);
	ck_assert_int_eq(r.notify_debtor, 1);
	ck_assert_ptr_nonnull(strstr(r.why, "debtor in DE -> DE00123"));

	debtor = party("US");
	ck_assert_ok(ifgw_route_invoice(&r, cfg, IFGW_PRODUCT_EXPORT, &seller, &debtor));
	ck_assert_str_eq(r.partner->code, "US00900");
	ck_assert_str_eq(r.adapter, "iso20022");
	ck_assert_str_eq(r.charset, "UTF-8");

	debtor = party("JP");
	ck_assert_ok(ifgw_route_invoice(&r, cfg, IFGW_PRODUCT_EXPORT, &seller, &debtor));
	ck_assert_str_eq(r.partner->code, "JP00500");
	ck_assert_str_eq(r.charset, r.profile->charset);

	/* a partner's configured format overrides its country's, and sets the charset */
	ck_assert_ok(ifgw_route_partner(&r, cfg, "DE00456"));
	ck_assert_str_eq(r.adapter, "iso20022");
	ck_assert_str_eq(r.charset, "UTF-8");
	ck_assert_int_eq(r.partner->transliterate, -1);
}
END_TEST

START_TEST(ifp_goes_to_the_selling_entitys_factor)
{
	struct ifgw_party seller = party("IT"), debtor = party("FR");
	struct ifgw_route r;

	ck_assert_ok(ifgw_route_invoice(&r, cfg, IFGW_PRODUCT_IFP, &seller, &debtor));
	ck_assert_str_eq(r.partner->code, "IT00077");
	ck_assert_ptr_nonnull(strstr(r.why, "selling entity in IT"));
	seller = party("FR");
	ck_assert_ok(ifgw_route_invoice(&r, cfg, IFGW_PRODUCT_IFP, &seller, &debtor));
	ck_assert(r.home);
	ck_assert_ptr_null(r.partner);
}
END_TEST

START_TEST(domestic_products_stay_home)
{
	struct ifgw_party seller = party("FR"), debtor = party("FR");
	struct ifgw_route r;

	ck_assert_ok(ifgw_route_invoice(&r, cfg, IFGW_PRODUCT_CLASSIC, &seller, &debtor));
	ck_assert(r.home);
	ck_assert_int_eq(r.notify_debtor, 1);
	ck_assert_ok(ifgw_route_invoice(&r, cfg, IFGW_PRODUCT_CONFIDENTIAL, &seller, &debtor));
	ck_assert(r.home);
	ck_assert_int_eq(r.notify_debtor, 0);
	ck_assert_ptr_nonnull(strstr(r.why, "no notice of assignment"));
}
END_TEST

START_TEST(refusals_say_why)
{
	struct ifgw_party seller = party("FR"), debtor = party("PL"), nowhere = party("");
	struct ifgw_route r;

	ck_assert_fails(ifgw_route_invoice(&r, cfg, IFGW_PRODUCT_EXPORT, &seller, &debtor), IFGW_ENOTFOUND,
			"no export route for debtor in PL");
	ck_assert_fails(ifgw_route_invoice(&r, cfg, IFGW_PRODUCT_IFP, &debtor, &seller), IFGW_ENOTFOUND,
			"no ifp route for selling entity in PL");
	ck_assert_fails(ifgw_route_invoice(&r, cfg, IFGW_PRODUCT_EXPORT, &seller, &seller), IFGW_EINVAL,
			"debtor in FR, the home country");
	ck_assert_fails(ifgw_route_invoice(&r, cfg, IFGW_PRODUCT_EXPORT, &seller, &nowhere), IFGW_EINVAL,
			"debtor has no country");
	ck_assert_fails(ifgw_route_partner(&r, cfg, "XX00001"), IFGW_ENOTFOUND, "partner XX00001 is not in");
}
END_TEST

START_TEST(messages_a_format_cannot_carry_use_the_fallback)
{
	const char *adapter, *charset;
	struct ifgw_route r;

	ck_assert_ok(ifgw_route_partner(&r, cfg, "US00900")); /* iso20022, fallback edifactoring */
	ck_assert_ok(ifgw_route_format(&adapter, &charset, &r, IFGW_MSG_ASSIGNMENT_BATCH));
	ck_assert_str_eq(adapter, "iso20022");
	ck_assert_ok(ifgw_route_format(&adapter, &charset, &r, IFGW_MSG_PAYMENT));
	ck_assert_str_eq(adapter, "edifactoring");
	ck_assert_str_eq(charset, "UTF-8"); /* the US profile's charset */
	ck_assert_ok(ifgw_route_partner(&r, cfg, "DE00456")); /* iso20022, no fallback */
	ck_assert_fails(ifgw_route_format(&adapter, &charset, &r, IFGW_MSG_DISPUTE_NOTICE), IFGW_EUNSUPPORTED,
			"partner DE00456 speaks iso20022, which cannot carry DisputeNotice, and has no fallback");
	ck_assert_ok(ifgw_route_partner(&r, cfg, "JP00500"));
	ck_assert_ok(ifgw_route_format(&adapter, &charset, &r, IFGW_MSG_PAYMENT));
	ck_assert_str_eq(adapter, "edifactoring");
	ck_assert_str_eq(charset, "CP932");
	ck_assert_fails(ifgw_route_format(&adapter, &charset, &r, IFGW_MSG_FINANCING_REQUEST), IFGW_EUNSUPPORTED,
			"cannot carry FinancingRequest");
}
END_TEST

/* The configured partner `code`, writable so a test can change its settings. */
static struct ifgw_config_partner *partner_of(const char *code)
{
	struct ifgw_config_partner *p = (struct ifgw_config_partner *)ifgw_config_partner(cfg, code);

	ck_assert_ptr_nonnull(p);
	return p;
}

START_TEST(target_gives_adapter_charset_and_transliteration)
{
	struct ifgw_adapter_env env;
	struct ifgw_route_target t;

	/* edifactoring in the country's charset; the profile allows transliteration */
	ck_assert_ok(ifgw_route_target(&t, cfg, "DE00123", IFGW_MSG_ASSIGNMENT_BATCH));
	ck_assert_str_eq(t.adapter->name, "edifactoring");
	ck_assert_str_eq(t.charset, "ISO-8859-1");
	ck_assert_str_eq(t.profile->code, "DE");
	ck_assert_int_eq(t.is_fallback, 0);
	ck_assert_int_eq(t.partner->transliterate, -1);
	ck_assert_int_eq(t.allow_translit, 1); /* from the DE profile */
	ck_assert_str_eq(t.label, "DE00123 (edifactoring, ISO-8859-1)");
	ifgw_route_target_env(&env, &t);
	ck_assert_ptr_eq(env.profile, t.profile);
	ck_assert_str_eq(env.charset, "ISO-8859-1");
	ck_assert_int_eq(env.allow_translit, 1);
	ck_assert_uint_eq(env.expected_seq, 0);

	/* the configuration comes before the profile, both ways */
	partner_of("DE00123")->transliterate = 0;
	ck_assert_ok(ifgw_route_target(&t, cfg, "DE00123", IFGW_MSG_ASSIGNMENT_BATCH));
	ck_assert_int_eq(t.allow_translit, 0);
	ifgw_route_target_env(&env, &t);
	ck_assert_int_eq(env.allow_translit, 0);
	partner_of("US00900")->transliterate = 1; /* the US profile says no */
	ck_assert_ok(ifgw_route_target(&t, cfg, "US00900", IFGW_MSG_ASSIGNMENT_BATCH));
	ck_assert_int_eq(t.allow_translit, 1);
	partner_of("US00900")->transliterate = -1;
	ck_assert_ok(ifgw_route_target(&t, cfg, "US00900", IFGW_MSG_ASSIGNMENT_BATCH));
	ck_assert_int_eq(t.allow_translit, 0);
	ck_assert_ok(ifgw_route_target(&t, cfg, "JP00500", IFGW_MSG_REMITTANCE)); /* transliterate="false" */
	ck_assert_int_eq(t.allow_translit, 0);
	ck_assert_str_eq(t.charset, "CP932");

	/* a configured ISO 20022 partner writes UTF-8 whatever its country's charset */
	ck_assert_ok(ifgw_route_target(&t, cfg, "DE00456", IFGW_MSG_ASSIGNMENT_BATCH));
	ck_assert_str_eq(t.adapter->name, "iso20022");
	ck_assert_str_eq(t.charset, "UTF-8");
	ck_assert_str_eq(t.profile->charset, "ISO-8859-1");
	/* msg_type 0: the partner's own format */
	ck_assert_ok(ifgw_route_target(&t, cfg, "US00900", IFGW_MSG_NONE));
	ck_assert_str_eq(t.adapter->name, "iso20022");
}
END_TEST

START_TEST(target_falls_back_or_refuses)
{
	const struct ifgw_adapter *edi = NULL, *iso = NULL;
	struct ifgw_route_target t;

	ck_assert_ok(ifgw_adapter_get(&edi, "edifactoring"));
	ck_assert_ok(ifgw_adapter_get(&iso, "iso20022"));
	/* US00900 speaks iso20022; payments go as edifactoring in the US charset */
	ck_assert_ok(ifgw_route_target(&t, cfg, "US00900", IFGW_MSG_PAYMENT));
	ck_assert_ptr_eq(t.adapter, edi);
	ck_assert_int_eq(t.is_fallback, 1);
	ck_assert_str_eq(t.charset, "UTF-8");
	ck_assert_str_eq(t.label, "US00900 (edifactoring, UTF-8)");
	ck_assert_fails(ifgw_route_target(&t, cfg, "DE00456", IFGW_MSG_DISPUTE_NOTICE), IFGW_EUNSUPPORTED,
			"partner DE00456 speaks iso20022, which cannot carry DisputeNotice, and has no fallback");
	ck_assert_fails(ifgw_route_target(&t, cfg, "JP00500", IFGW_MSG_FINANCING_REQUEST), IFGW_EUNSUPPORTED,
			"cannot carry FinancingRequest");
	ck_assert_fails(ifgw_route_target(&t, cfg, "XX00001", IFGW_MSG_PAYMENT), IFGW_ENOTFOUND,
			"partner XX00001 is not in");

	/* bytes received: the partner's own format, its fallback, or a refusal */
	ck_assert_ok(ifgw_route_target_wire(&t, cfg, "US00900", edi));
	ck_assert_ptr_eq(t.adapter, edi);
	ck_assert_int_eq(t.is_fallback, 1);
	ck_assert_ok(ifgw_route_target_wire(&t, cfg, "US00900", NULL));
	ck_assert_ptr_eq(t.adapter, iso);
	ck_assert_ok(ifgw_route_target_wire(&t, cfg, "JP00500", edi));
	ck_assert_str_eq(t.charset, "CP932");
	ck_assert_fails(ifgw_route_target_wire(&t, cfg, "JP00500", iso), IFGW_EINVAL,
			"the message is iso20022, which partner JP00500 does not speak (edifactoring)");

	/* without a configuration: the country's profile */
	ck_assert_ok(ifgw_route_target_country(&t, "DE", NULL));
	ck_assert_ptr_eq(t.adapter, edi);
	ck_assert_ptr_null(t.partner);
	ck_assert_str_eq(t.label, "DE (edifactoring, ISO-8859-1)");
	ck_assert_ok(ifgw_route_target_country(&t, "JP", "iso20022"));
	ck_assert_str_eq(t.charset, "UTF-8");
	ck_assert_int_eq(t.allow_translit, 0);
	ck_assert_fails(ifgw_route_target_country(&t, "DE", "telex"), IFGW_ENOTFOUND, "no adapter named 'telex'");
	ck_assert_fails(ifgw_route_target(NULL, cfg, "DE00123", IFGW_MSG_PAYMENT), IFGW_EINVAL, "invalid argument");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("route");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, export_goes_to_the_debtors_import_factor);
	tcase_add_test(tc, ifp_goes_to_the_selling_entitys_factor);
	tcase_add_test(tc, domestic_products_stay_home);
	tcase_add_test(tc, refusals_say_why);
	tcase_add_test(tc, messages_a_format_cannot_carry_use_the_fallback);
	tcase_add_test(tc, target_gives_adapter_charset_and_transliteration);
	tcase_add_test(tc, target_falls_back_or_refuses);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
