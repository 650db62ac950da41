/* test_config.c: the node configuration file. */
#include "config.h"

#include <unistd.h>

#include "base/file.h"
#include "config/node_config.h"
#include "testutil.h"

static char tmpdir[64];

static void setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ifgw-config-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Write a configuration whose Node body is `body` and return its path. */
static const char *write_config(const char *head, const char *body)
{
	static char path[128];
	struct ifgw_buf b;

	snprintf(path, sizeof(path), "%s/ifgw.xml", tmpdir);
	ifgw_buf_init(&b, 1 << 16);
	ck_assert_ok(ifgw_buf_addf(&b,
				   "<?xml version=\"1.0\"?>\n%s"
				   "<Node xmlns=\"urn:ifgw:config:1\" version=\"1\" code=\"FR00001\" country=\"FR\">\n"
				   "  <Name>Test</Name>\n"
				   "  <Identity><Signing key=\"k.pem\" cert=\"/abs/c.pem\"/></Identity>\n"
				   "%s</Node>\n",
				   head, body));
	ck_assert_ok(ifgw_file_write_atomic(path, b.ptr, b.len, 0644));
	ifgw_buf_free(&b);
	return path;
}

static const char partner_de[] = "  <Partner code=\"DE00123\" country=\"DE\">\n"
				 "    <Name>DE</Name><Endpoint>https://127.0.0.1:1/</Endpoint>\n"
				 "    <Trust><Cert file=\"de.crt\"/></Trust>\n"
				 "  </Partner>\n";

START_TEST(example_loads)
{
	struct ifgw_config *cfg;
	const struct ifgw_config_partner *p;
	size_t i;

	ck_assert_ok(ifgw_config_load(&cfg, ifgw_test_srcpath("examples/ifgw.xml")));
	ck_assert_str_eq(cfg->code, "FR00001");
	ck_assert_str_eq(cfg->country, "FR");
	ck_assert_str_eq(cfg->name, "Affacturage Demo Paris");
	ck_assert_str_eq(cfg->listen, "127.0.0.1:8441");
	ck_assert_ptr_nonnull(strstr(cfg->sign_key, "examples/certs/gateway/sign.key"));
	ck_assert_uint_eq(cfg->partner_count, 5);
	p = ifgw_config_partner(cfg, "US00900");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->adapter, "iso20022");
	ck_assert_str_eq(p->fallback, "edifactoring");
	ck_assert_str_eq(p->endpoint, "https://127.0.0.1:8444/ifgw");
	ck_assert_uint_eq(p->trust_cert_count, 1);
	ck_assert_ptr_nonnull(strstr(p->trust_ca, "examples/certs/ca/ca.crt"));
	p = ifgw_config_partner(cfg, "DE00123");
	ck_assert_ptr_null(p->adapter);
	ck_assert_ptr_nonnull(p->trust_crl);
	ck_assert_ptr_null(ifgw_config_partner(cfg, "XX99999"));
	ck_assert_uint_eq(cfg->route_count, 8);
	/* sorted by product, country, priority */
	for (i = 1; i < cfg->route_count; i++) {
		const struct ifgw_config_route *a = &cfg->routes[i - 1], *b = &cfg->routes[i];

		ck_assert(a->product < b->product ||
			  (a->product == b->product &&
			   (strcmp(a->country, b->country) < 0 ||
			    (strcmp(a->country, b->country) == 0 && a->priority <= b->priority))));
	}
	ck_assert_int_eq(cfg->routes[0].product, IFGW_PRODUCT_EXPORT);
	ck_assert_str_eq(cfg->routes[0].country, "DE");
	ck_assert_str_eq(cfg->routes[0].partner, "DE00123");
	ck_assert_str_eq(cfg->routes[1].partner, "DE00456");
	ck_assert_ok(ifgw_config_set_store(cfg, "sqlite:/tmp/other.db"));
	ck_assert_str_eq(cfg->store, "sqlite:/tmp/other.db");
	ifgw_config_free(cfg);
}
END_TEST

START_TEST(paths_resolve_against_the_file)
{
	struct ifgw_config *cfg;
	char want[128];

	ck_assert_ok(ifgw_config_load(&cfg, write_config("", partner_de)));
	snprintf(want, sizeof(want), "%s/k.pem", tmpdir);
	ck_assert_str_eq(cfg->sign_key, want);
	ck_assert_str_eq(cfg->sign_cert, "/abs/c.pem");
	snprintf(want, sizeof(want), "%s/de.crt", tmpdir);
	ck_assert_str_eq(cfg->partners[0].trust_certs[0], want);
	ck_assert_ptr_null(cfg->tls_key);
	ck_assert_ptr_null(cfg->store);
	ifgw_config_free(cfg);
}
END_TEST

START_TEST(refusals_name_file_and_line)
{
	struct ifgw_config *cfg = NULL;
	const char *path;

	path = write_config("", "  <Bogus/>\n");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, "ifgw.xml:5: Node/Bogus: This element is not expected");
	path = write_config("", "  <Partner code=\"DE123\" country=\"DE\"><Name>x</Name>"
				"<Endpoint>https://x/</Endpoint><Trust><Cert file=\"a\"/></Trust></Partner>\n");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, ":5: Node/Partner/@code: [facet 'pattern'] The value 'DE123'");
	path = write_config("", "  <Partner code=\"DE00123\" country=\"DE\"><Name>x</Name>"
				"<Endpoint>http://x/</Endpoint><Trust><Cert file=\"a\"/></Trust></Partner>\n");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, "Endpoint");
	{
		char body[2048];

		snprintf(body, sizeof(body), "%s%s", partner_de, partner_de);
		path = write_config("", body);
		ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, "Duplicate key-sequence ['DE00123']");
		snprintf(body, sizeof(body),
			 "%s  <Routes><Route product=\"export\" country=\"IT\" partner=\"IT00077\"/></Routes>\n",
			 partner_de);
		path = write_config("", body);
		ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, "No match found for key-sequence ['IT00077']");
		snprintf(body, sizeof(body),
			 "%s  <Routes><Route product=\"factoring\" country=\"DE\" partner=\"DE00123\"/></Routes>\n",
			 partner_de);
		path = write_config("", body);
		ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, "Node/Routes/Route/@product: [facet 'enumeration']");
	}
	path = write_config("", "  <Partner code=\"FR00001\" country=\"FR\"><Name>x</Name>"
				"<Endpoint>https://x/</Endpoint><Trust><Cert file=\"a\"/></Trust></Partner>\n");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, ":5: Partner FR00001: the node cannot be its own partner");
	path = write_config("<!DOCTYPE Node [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n", "");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, "DTD is not allowed");
	path = write_config("", "  <Name>unclosed\n");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EPARSE, "not well-formed XML");
	ck_assert_fails(ifgw_config_load(&cfg, "/nonexistent/ifgw.xml"), IFGW_EIO, "/nonexistent/ifgw.xml: cannot open");
	ck_assert_ptr_null(cfg);
}
END_TEST

/* A partner trusted through a CA is bound to names or pins (issue 9). */
START_TEST(ca_partner_is_bound)
{
	static const char head[] = "  <Partner code=\"DE00123\" country=\"DE\">\n"
				   "    <Name>DE</Name><Endpoint>https://127.0.0.1:1/</Endpoint>\n"
				   "    <Trust><Cert file=\"de.crt\"/><Ca file=\"ca.crt\"/>";
	struct ifgw_config *cfg = NULL;
	const char *path;
	char body[2048];

	snprintf(body, sizeof(body), "%s</Trust>\n  </Partner>\n", head);
	path = write_config("", body);
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL,
			"ifgw.xml:5: Partner DE00123: trusted through a CA (Trust/Ca) but bound to no name nor pin: "
			"add Trust/PeerName (a name its TLS certificate carries) or Trust/Pin");
	snprintf(body, sizeof(body),
		 "%s<PeerName kind=\"dns\">de.factor.example</PeerName>"
		 "<PeerName kind=\"serialNumber\">DE00123</PeerName></Trust>\n  </Partner>\n",
		 head);
	ck_assert_ok(ifgw_config_load(&cfg, write_config("", body)));
	ck_assert_uint_eq(cfg->partners[0].peer_name_count, 2);
	ck_assert_str_eq(cfg->partners[0].peer_names[0].kind, "dns");
	ck_assert_str_eq(cfg->partners[0].peer_names[0].value, "de.factor.example");
	ck_assert_str_eq(cfg->partners[0].peer_names[1].kind, "serialNumber");
	ck_assert_str_eq(cfg->partners[0].peer_names[1].value, "DE00123");
	ifgw_config_free(cfg);
	cfg = NULL;
	/* A pin binds too. */
	snprintf(body, sizeof(body), "%s<Pin>%s</Pin></Trust>\n  </Partner>\n", head,
		 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
	ck_assert_ok(ifgw_config_load(&cfg, write_config("", body)));
	ifgw_config_free(cfg);
	cfg = NULL;
	/* The schema knows the kinds. */
	snprintf(body, sizeof(body), "%s<PeerName kind=\"email\">x@y</PeerName></Trust>\n  </Partner>\n", head);
	ck_assert_fails(ifgw_config_load(&cfg, write_config("", body)), IFGW_EINVAL,
			"Node/Partner/Trust/PeerName/@kind: [facet 'enumeration']");
	snprintf(body, sizeof(body), "%s<PeerName kind=\"cn\"></PeerName></Trust>\n  </Partner>\n", head);
	ck_assert_fails(ifgw_config_load(&cfg, write_config("", body)), IFGW_EINVAL, "PeerName");
	ck_assert_ptr_null(cfg);
}
END_TEST

/* DefaultTerm@days: the due date of invoices that state none (issue 8). */
START_TEST(default_term)
{
	struct ifgw_config *cfg = NULL;
	const char *path;

	ck_assert_ok(ifgw_config_load(&cfg, write_config("", partner_de)));
	ck_assert_int_eq(cfg->default_term_days, 0);
	ifgw_config_free(cfg);
	cfg = NULL;
	ck_assert_ok(ifgw_config_load(&cfg, write_config("", "  <DefaultTerm days=\"45\"/>\n")));
	ck_assert_int_eq(cfg->default_term_days, 45);
	ifgw_config_free(cfg);
	cfg = NULL;
	path = write_config("", "  <DefaultTerm days=\"0\"/>\n");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, ":5: Node/DefaultTerm/@days");
	path = write_config("", "  <DefaultTerm days=\"1000\"/>\n");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, ":5: Node/DefaultTerm/@days");
	/* After Rates, before the partners, as the schema orders the elements. */
	{
		char body[2048];

		snprintf(body, sizeof(body), "%s  <DefaultTerm days=\"30\"/>\n", partner_de);
		path = write_config("", body);
		ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, "DefaultTerm");
	}
	ck_assert_ptr_null(cfg);
}
END_TEST

/* CrlMaxAge@days: how long a partner's CRL without nextUpdate stays current;
 * a Crl needs a Ca that verifies it (issue 9). */
START_TEST(crl_max_age_and_crl_needs_ca)
{
	struct ifgw_config *cfg = NULL;
	const char *path;
	char body[2048];

	ck_assert_ok(ifgw_config_load(&cfg, write_config("", partner_de)));
	ck_assert_int_eq(cfg->crl_max_age_days, 0);
	ifgw_config_free(cfg);
	cfg = NULL;
	snprintf(body, sizeof(body), "  <DefaultTerm days=\"30\"/>\n  <CrlMaxAge days=\"3\"/>\n%s", partner_de);
	ck_assert_ok(ifgw_config_load(&cfg, write_config("", body)));
	ck_assert_int_eq(cfg->crl_max_age_days, 3);
	ck_assert_int_eq(cfg->default_term_days, 30);
	ifgw_config_free(cfg);
	cfg = NULL;
	path = write_config("", "  <CrlMaxAge days=\"0\"/>\n");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, ":5: Node/CrlMaxAge/@days");
	path = write_config("", "  <CrlMaxAge days=\"367\"/>\n");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, ":5: Node/CrlMaxAge/@days");
	path = write_config("", "  <Partner code=\"DE00123\" country=\"DE\"><Name>x</Name>"
				"<Endpoint>https://x/</Endpoint><Trust><Cert file=\"a\"/><Crl file=\"ca.crl\"/></Trust>"
				"</Partner>\n");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL,
			"ifgw.xml:5: Partner DE00123: Trust/Crl without Trust/Ca: a CRL is used only when a configured CA "
			"verifies it");
	path = write_config("", "  <Partner code=\"DE00123\" country=\"DE\"><Name>x</Name>"
				"<Endpoint>https://x/</Endpoint><Trust><Cert file=\"a\"/><Ca file=\"ca.crt\"/>"
				"<Crl file=\"ca.crl\"/><Pin>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</Pin></Trust>"
				"</Partner>\n");
	ck_assert_ok(ifgw_config_load(&cfg, path));
	ifgw_config_free(cfg);
}
END_TEST

START_TEST(products)
{
	enum ifgw_product p;

	ck_assert_ok(ifgw_product_parse(&p, "confidential"));
	ck_assert_int_eq(p, IFGW_PRODUCT_CONFIDENTIAL);
	ck_assert_str_eq(ifgw_product_name(IFGW_PRODUCT_IFP), "ifp");
	ck_assert_fails(ifgw_product_parse(&p, "reverse"), IFGW_EINVAL, "product 'reverse' unknown");
}
END_TEST

/* Store: a URI with a scheme, kept as written (the store resolves it, issue 10). */
START_TEST(store_uri)
{
	struct ifgw_config *cfg = NULL;
	const char *path;

	ck_assert_ok(ifgw_config_load(&cfg, write_config("", "  <Store>sqlite:state/ifgw.db</Store>\n")));
	ck_assert_str_eq(cfg->store, "sqlite:state/ifgw.db");
	ifgw_config_free(cfg);
	cfg = NULL;
	path = write_config("", "  <Store>state/ifgw.db</Store>\n");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, ":5: Node/Store: [facet 'pattern']");
	path = write_config("", "  <Store>sqlite:</Store>\n");
	ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, ":5: Node/Store");
	ck_assert_ptr_null(cfg);
}
END_TEST

/* A seller under an export contract, as written in examples/ifgw.xml; the
 * contract's elements are given by the caller so that each refusal changes one. */
static const char *write_seller(const char *contract_attrs, const char *reserve, const char *promise,
				const char *dunning, const char *fee)
{
	char body[4096];

	snprintf(body, sizeof(body),
		 "%s"
		 "  <Sellers>\n"
		 "    <Seller id=\"S1\" country=\"FR\">\n"
		 "      <Name>Textiles</Name><RegistrationNumber>732829320</RegistrationNumber>\n"
		 "      <Contract %s>\n"
		 "        <AdvanceRate>85.5</AdvanceRate>\n"
		 "        %s\n"
		 "        <Commission>0.8525</Commission>\n"
		 "        %s\n"
		 "        <Interest reference=\"-0.5\" margin=\"2.25\"/>\n"
		 "        <FundingPromise hours=\"%s\"/>\n"
		 "        <Calendar name=\"FR\" utcOffset=\"-03:30\"/>\n"
		 "        <Dunning %s/>\n"
		 "        <PaymentTerm days=\"60\"/>\n"
		 "      </Contract>\n"
		 "    </Seller>\n"
		 "  </Sellers>\n",
		 partner_de, contract_attrs, reserve, fee, promise, dunning);
	return write_config("", body);
}

#define K_EXPORT "product=\"export\" partner=\"DE00123\""
#define K_RESERVE "<Reserve percent=\"10\"/>"
#define K_DUNNING "reminder=\"7\" secondReminder=\"21\" formalNotice=\"45\" handOver=\"90\""
#define K_FEE "<DocumentFee amount=\"2.50\" currency=\"EUR\"/>"

/* Sellers and their contracts, figures exact (issue 10). */
START_TEST(seller_contract)
{
	struct ifgw_config *cfg = NULL;
	const struct ifgw_config_seller *s;
	const struct ifgw_config_contract *k;

	ck_assert_ok(ifgw_config_load(&cfg, write_seller(K_EXPORT, "<Reserve percent=\"10\" amount=\"50.05\" "
							 "currency=\"EUR\"/>", "48", K_DUNNING, K_FEE)));
	ck_assert_uint_eq(cfg->seller_count, 1);
	s = ifgw_config_seller(cfg, "S1");
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_null(ifgw_config_seller(cfg, "S2"));
	ck_assert_str_eq(s->name, "Textiles");
	ck_assert_str_eq(s->country, "FR");
	ck_assert_str_eq(s->regno, "732829320");
	ck_assert_uint_eq(s->line, 10);
	k = &s->contract;
	ck_assert_int_eq(k->product, IFGW_PRODUCT_EXPORT);
	ck_assert_str_eq(k->partner, "DE00123");
	ck_assert_int_eq(k->advance_rate, 855000);
	ck_assert_int_eq(k->reserve_pct, 100000);
	ck_assert_int_eq(k->reserve_fixed.minor, 5005);
	ck_assert_str_eq(k->reserve_fixed.ccy, "EUR");
	ck_assert_int_eq(k->commission_pct, 8525);
	ck_assert_int_eq(k->doc_fee.minor, 250);
	ck_assert_str_eq(k->doc_fee.ccy, "EUR");
	ck_assert_int_eq(k->ref_rate, -5000);
	ck_assert_int_eq(k->margin, 22500);
	ck_assert_int_eq(k->daycount, IFGW_CONFIG_DAYCOUNT_DEFAULT);
	ck_assert_int_eq(k->rounding, IFGW_ROUND_HALF_EVEN);
	ck_assert_int_eq(k->funding_hours, 48);
	ck_assert_str_eq(k->calendar, "FR");
	ck_assert_int_eq(k->utc_offset, -(3 * 3600 + 30 * 60));
	ck_assert_int_eq(k->dunning_days[0], 7);
	ck_assert_int_eq(k->dunning_days[3], 90);
	ck_assert_int_eq(k->payment_term_days, 60);
	ifgw_config_free(cfg);
	cfg = NULL;
	/* classic: no partner, no fee, a fixed reserve only */
	ck_assert_ok(ifgw_config_load(&cfg, write_seller("product=\"classic\"", "<Reserve amount=\"100\" "
							 "currency=\"JPY\"/>", "24", K_DUNNING, "")));
	k = &cfg->sellers[0].contract;
	ck_assert_int_eq(k->product, IFGW_PRODUCT_CLASSIC);
	ck_assert_str_eq(k->partner, "");
	ck_assert_int_eq(k->reserve_pct, 0);
	ck_assert_int_eq(k->reserve_fixed.minor, 100);
	ck_assert_str_eq(k->doc_fee.ccy, "");
	ifgw_config_free(cfg);
	cfg = NULL;
	/* the example's seller */
	ck_assert_ok(ifgw_config_load(&cfg, ifgw_test_srcpath("examples/ifgw.xml")));
	s = ifgw_config_seller(cfg, "S-FR-0001");
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->contract.ref_rate, 31250);
	ck_assert_int_eq(s->contract.daycount, IFGW_CONFIG_DAYCOUNT_ACT_360);
	ck_assert_int_eq(s->contract.utc_offset, 3600);
	ifgw_config_free(cfg);
}
END_TEST

/* Each bad contract field is refused with file:line and the field named. */
START_TEST(seller_contract_refusals)
{
	struct ifgw_config *cfg = NULL;

	ck_assert_fails(ifgw_config_load(&cfg, write_seller(K_EXPORT, "<Reserve percent=\"100.5\"/>", "24",
							    K_DUNNING, K_FEE)),
			IFGW_EINVAL, "ifgw.xml:14: Seller S1: Contract/Reserve/@percent: percentage '100.5' is outside "
				     "0..100");
	ck_assert_fails(ifgw_config_load(&cfg, write_seller(K_EXPORT, "<Reserve percent=\"90\"/>", "24", K_DUNNING,
							    K_FEE)),
			IFGW_EINVAL, "ifgw.xml:14: Seller S1: Contract/Reserve/@percent: above the advance rate");
	ck_assert_fails(ifgw_config_load(&cfg, write_seller(K_EXPORT, "<Reserve/>", "24", K_DUNNING, K_FEE)),
			IFGW_EINVAL, "ifgw.xml:14: Seller S1: Contract/Reserve: give a percent");
	ck_assert_fails(ifgw_config_load(&cfg, write_seller("product=\"export\" partner=\"IT00077\"", K_RESERVE,
							    "24", K_DUNNING, K_FEE)),
			IFGW_EINVAL, "ifgw.xml:12: Seller S1: Contract/@partner: IT00077 is not a configured Partner");
	ck_assert_fails(ifgw_config_load(&cfg, write_seller("product=\"ifp\"", K_RESERVE, "24", K_DUNNING, K_FEE)),
			IFGW_EINVAL, "ifgw.xml:12: Seller S1: Contract/@partner: product ifp needs the correspondent");
	ck_assert_fails(ifgw_config_load(&cfg, write_seller("product=\"confidential\" partner=\"DE00123\"", K_RESERVE,
							    "24", K_DUNNING, K_FEE)),
			IFGW_EINVAL, "ifgw.xml:12: Seller S1: Contract/@partner: product confidential has no");
	ck_assert_fails(ifgw_config_load(&cfg, write_seller(K_EXPORT, K_RESERVE, "24",
							    "reminder=\"7\" secondReminder=\"21\" formalNotice=\"21\" "
							    "handOver=\"90\"",
							    K_FEE)),
			IFGW_EINVAL, "ifgw.xml:20: Seller S1: Contract/Dunning/@formalNotice: 21 days is not after "
				     "@secondReminder (21 days): the steps' days must increase");
	ck_assert_fails(ifgw_config_load(&cfg, write_seller(K_EXPORT, K_RESERVE, "36", K_DUNNING, K_FEE)),
			IFGW_EINVAL, "ifgw.xml:18: Node/Sellers/Seller/Contract/FundingPromise/@hours: [facet "
				     "'enumeration'] The value '36'");
	ck_assert_fails(ifgw_config_load(&cfg, write_seller(K_EXPORT, K_RESERVE, "24", K_DUNNING,
							    "<DocumentFee amount=\"2.50\" currency=\"EUX\"/>")),
			IFGW_EINVAL, "ifgw.xml:16: Seller S1: Contract/DocumentFee: ");
	ck_assert_fails(ifgw_config_load(&cfg, write_seller(K_EXPORT, K_RESERVE, "24", K_DUNNING,
							    "<DocumentFee amount=\"2.505\" currency=\"EUR\"/>")),
			IFGW_EINVAL, "ifgw.xml:16: Seller S1: Contract/DocumentFee: ");
	ck_assert_fails(ifgw_config_load(&cfg, write_seller(K_EXPORT, K_RESERVE, "24", K_DUNNING,
							    "<DocumentFee amount=\"2.50\" currency=\"XAU\"/>")),
			IFGW_EINVAL, "ifgw.xml:16: Seller S1: Contract/DocumentFee: currency XAU cannot hold money");
	ck_assert_fails(ifgw_config_load(&cfg, write_seller(K_EXPORT, "<Reserve amount=\"5\"/>", "24", K_DUNNING,
							    K_FEE)),
			IFGW_EINVAL, "ifgw.xml:14: Seller S1: Contract/Reserve: an amount needs its currency");
	{
		char body[2048];
		const char *path = write_seller(K_EXPORT, K_RESERVE, "24", K_DUNNING, K_FEE);
		struct ifgw_buf b;

		/* the same seller in an unassigned country, then under an unknown calendar */
		ifgw_buf_init(&b, 1 << 16);
		ck_assert_ok(ifgw_file_read(&b, path));
		snprintf(body, sizeof(body), "%s", ifgw_buf_cstr(&b));
		ifgw_buf_free(&b);
		memcpy(strstr(body, "country=\"FR\">\n      <Name>Textiles"), "country=\"QQ\"", 12);
		ck_assert_ok(ifgw_file_write_atomic(path, body, strlen(body), 0644));
		ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, "ifgw.xml:10: Seller S1: @country: ");
		memcpy(strstr(body, "country=\"QQ\""), "country=\"FR\"", 12);
		memcpy(strstr(body, "name=\"FR\""), "name=\"ZZ\"", 9);
		ck_assert_ok(ifgw_file_write_atomic(path, body, strlen(body), 0644));
		ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, "ifgw.xml:19: Seller S1: Contract/Calendar/@name: ");
	}
	{
		/* seller ids are unique (the schema's key) */
		char body[4096];
		const char *path = write_seller(K_EXPORT, K_RESERVE, "24", K_DUNNING, K_FEE);
		struct ifgw_buf b, out;
		const char *from, *to;

		ifgw_buf_init(&b, 1 << 16);
		ifgw_buf_init(&out, 1 << 16);
		ck_assert_ok(ifgw_file_read(&b, path));
		snprintf(body, sizeof(body), "%s", ifgw_buf_cstr(&b));
		from = strstr(body, "    <Seller ");
		to = strstr(body, "  </Sellers>");
		ck_assert_ok(ifgw_buf_addf(&out, "%.*s%.*s%s", (int)(to - body), body, (int)(to - from), from, to));
		ck_assert_ok(ifgw_file_write_atomic(path, out.ptr, out.len, 0644));
		ifgw_buf_free(&b);
		ifgw_buf_free(&out);
		ck_assert_fails(ifgw_config_load(&cfg, path), IFGW_EINVAL, "Duplicate key-sequence ['S1']");
	}
	ck_assert_fails(ifgw_config_load(&cfg, write_seller(K_EXPORT, "<Reserve percent=\"85.5\" /><Bad/>", "24",
							    K_DUNNING, K_FEE)),
			IFGW_EINVAL, "ifgw.xml:14: Node/Sellers/Seller/Contract/Bad");
	ck_assert_ptr_null(cfg);
}
END_TEST

static const char *write_policy(const char *policy)
{
	char body[4096];

	snprintf(body, sizeof(body),
		 "  <Partner code=\"DE00123\" country=\"DE\">\n"
		 "    <Name>DE</Name><Endpoint>https://127.0.0.1:1/</Endpoint>\n"
		 "    <Trust><Cert file=\"de.crt\"/></Trust>\n"
		 "    <DecisionPolicy>\n%s    </DecisionPolicy>\n"
		 "  </Partner>\n",
		 policy);
	return write_config("", body);
}

/* Partner/DecisionPolicy: the import role's answers (issue 10). */
START_TEST(decision_policy)
{
	struct ifgw_config *cfg = NULL;
	const struct ifgw_config_decision_policy *d;

	ck_assert_ok(ifgw_config_load(&cfg, write_policy("      <DebtorLimit amount=\"250000.00\" currency=\"EUR\"/>\n"
							 "      <CountryLimit country=\"FR\" amount=\"5000000\" currency=\"EUR\"/>\n"
							 "      <CountryLimit country=\"JP\" amount=\"90000000\" currency=\"JPY\"/>\n"
							 "      <AutoApproveBelow amount=\"20000.01\" currency=\"EUR\"/>\n"
							 "      <PartialApproval maxPercent=\"75.5\"/>\n"
							 "      <Decline debtor=\"D-42\"/><Decline country=\"RU\"/>\n"
							 "      <Decline debtor=\"D-43\"/>\n"
							 "      <Pending days=\"3\"/>\n")));
	d = cfg->partners[0].policy;
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->line, 8);
	ck_assert_int_eq(d->debtor_limit.minor, 25000000);
	ck_assert_str_eq(d->debtor_limit.ccy, "EUR");
	ck_assert_uint_eq(d->country_limit_count, 2);
	ck_assert_str_eq(d->country_limits[0].country, "FR");
	ck_assert_int_eq(d->country_limits[0].limit.minor, 500000000);
	ck_assert_str_eq(d->country_limits[1].limit.ccy, "JPY");
	ck_assert_int_eq(d->country_limits[1].limit.minor, 90000000);
	ck_assert_int_eq(d->auto_approve_below.minor, 2000001);
	ck_assert_int_eq(d->partial_max_pct, 755000);
	ck_assert_uint_eq(d->decline_debtor_count, 2);
	ck_assert_str_eq(d->decline_debtors[0], "D-42");
	ck_assert_str_eq(d->decline_debtors[1], "D-43");
	ck_assert_uint_eq(d->decline_country_count, 1);
	ck_assert_str_eq(d->decline_countries[0], "RU");
	ck_assert_int_eq(d->pending_days, 3);
	ifgw_config_free(cfg);
	cfg = NULL;
	/* an empty policy: everything optional; no policy: NULL */
	ck_assert_ok(ifgw_config_load(&cfg, write_policy("")));
	ck_assert_ptr_nonnull(cfg->partners[0].policy);
	ck_assert_int_eq(cfg->partners[0].policy->pending_days, 0);
	ifgw_config_free(cfg);
	cfg = NULL;
	ck_assert_ok(ifgw_config_load(&cfg, write_config("", partner_de)));
	ck_assert_ptr_null(cfg->partners[0].policy);
	ifgw_config_free(cfg);
	cfg = NULL;

	ck_assert_fails(ifgw_config_load(&cfg, write_policy("      <PartialApproval maxPercent=\"101\"/>\n")),
			IFGW_EINVAL, "ifgw.xml:9: Partner DE00123: DecisionPolicy/PartialApproval/@maxPercent: "
				     "percentage '101' is outside 0..100");
	ck_assert_fails(ifgw_config_load(&cfg, write_policy("      <DebtorLimit amount=\"1.001\" currency=\"EUR\"/>\n")),
			IFGW_EINVAL, "ifgw.xml:9: Partner DE00123: DecisionPolicy/DebtorLimit: ");
	ck_assert_fails(ifgw_config_load(&cfg, write_policy("      <DebtorLimit amount=\"1\" currency=\"ZZZ\"/>\n")),
			IFGW_EINVAL, "ifgw.xml:9: Partner DE00123: DecisionPolicy/DebtorLimit: ");
	ck_assert_fails(ifgw_config_load(&cfg, write_policy("      <Decline/>\n")), IFGW_EINVAL,
			"ifgw.xml:9: Partner DE00123: DecisionPolicy/Decline: name a debtor or a country");
	ck_assert_fails(ifgw_config_load(&cfg, write_policy("      <Decline debtor=\"D\" country=\"RU\"/>\n")),
			IFGW_EINVAL, "ifgw.xml:9: Partner DE00123: DecisionPolicy/Decline: name a debtor or a country");
	ck_assert_fails(ifgw_config_load(&cfg, write_policy("      <DebtorLimit amount=\"100\" currency=\"EUR\"/>\n"
							    "      <AutoApproveBelow amount=\"100.01\" currency=\"EUR\"/>\n")),
			IFGW_EINVAL, "ifgw.xml:10: Partner DE00123: DecisionPolicy/AutoApproveBelow: above the DebtorLimit");
	ck_assert_fails(ifgw_config_load(&cfg, write_policy("      <Decline country=\"QQ\"/>\n")), IFGW_EINVAL,
			"ifgw.xml:9: Partner DE00123: DecisionPolicy/Decline/@country: ");
	ck_assert_fails(ifgw_config_load(&cfg, write_policy("      <CountryLimit country=\"XX\" amount=\"1\" "
							    "currency=\"EUR\"/>\n")),
			IFGW_EINVAL, "ifgw.xml:9: Partner DE00123: DecisionPolicy/CountryLimit/@country: ");
	ck_assert_fails(ifgw_config_load(&cfg, write_policy("      <Pending days=\"0\"/>\n")), IFGW_EINVAL,
			"ifgw.xml:9: Node/Partner/DecisionPolicy/Pending/@days");
	ck_assert_ptr_null(cfg);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, ca_partner_is_bound);
	tcase_add_test(tc, example_loads);
	tcase_add_test(tc, paths_resolve_against_the_file);
	tcase_add_test(tc, refusals_name_file_and_line);
	tcase_add_test(tc, products);
	tcase_add_test(tc, default_term);
	tcase_add_test(tc, store_uri);
	tcase_add_test(tc, crl_max_age_and_crl_needs_ca);
	tcase_add_test(tc, seller_contract);
	tcase_add_test(tc, seller_contract_refusals);
	tcase_add_test(tc, decision_policy);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
