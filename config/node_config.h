/* node_config.h: a node's configuration, one XML file (urn:ifgw:config:1).
 *
 * The file is validated against config/schema/ifgw-config-1.xsd
 * (errors name the file and line), then read into plain data: codes, names,
 * paths and routes.  Paths are resolved relative to the file's directory.
 * Nothing here opens keys or talks to partners: the layers above turn this
 * data into identities, trust stores and adapters.  docs/configuration.md
 * describes every element; examples/ifgw.xml is a complete example. */
#ifndef IFGW_CONFIG_NODE_CONFIG_H
#define IFGW_CONFIG_NODE_CONFIG_H

#include <stddef.h>

#include "currency/money.h"
#include "model/product.h"
#include "model/text.h"

/* The schema every configuration file is validated against (data folder). */
#define IFGW_CONFIG_SCHEMA "config/schema/ifgw-config-1.xsd"

/* Trust/PeerName: kind "cn" | "o" | "serialNumber" | "dns" | "uri", and the value. */
struct ifgw_config_peer_name {
	char *kind;
	char *value;
};


/* An amount as written in the file, exact: minor units and its currency. */
struct ifgw_config_amount {
	int64_t minor;
	char ccy[4];            /* "" when absent */
};

/* Day-count basis of interest.  config/ stands below gateway/ledger and keeps
 * its own plain values: gateway/node maps them to the ledger's contract. */
enum ifgw_config_daycount {
	IFGW_CONFIG_DAYCOUNT_DEFAULT = 0, /* the currency's (ACT/365 GBP, JPY; else ACT/360) */
	IFGW_CONFIG_DAYCOUNT_ACT_360,
	IFGW_CONFIG_DAYCOUNT_ACT_365,
};

#define IFGW_CONFIG_DUNNING_STEPS 4 /* reminder, second reminder, formal notice, hand-over */

/* Seller/Contract: the terms the ledger runs a seller's invoices under.
 * Percentages and rates are millionths of one (currency/money.h: 85.5% =
 * 855000), parsed exactly from N3.4 text. */
struct ifgw_config_contract {
	enum ifgw_product product;
	char partner[IFGW_FACTOR_CODE_SIZE]; /* export, ifp: a configured Partner; else "" */
	int32_t advance_rate;
	int32_t reserve_pct;                 /* 0 when only a fixed reserve */
	struct ifgw_config_amount reserve_fixed; /* ccy "" : none */
	int32_t commission_pct;
	struct ifgw_config_amount doc_fee;   /* ccy "": none */
	int32_t ref_rate;                    /* may be negative */
	int32_t margin;
	enum ifgw_config_daycount daycount;
	enum ifgw_rounding rounding;         /* default half-even */
	int funding_hours;                   /* 24 or 48 business hours */
	char calendar[16];                   /* a known calendar (currency/calendar.h) */
	int32_t utc_offset;                  /* seconds: seller's civil time = UTC + offset */
	int32_t dunning_days[IFGW_CONFIG_DUNNING_STEPS]; /* days after due, increasing */
	int payment_term_days;               /* default term of this seller's invoices */
	unsigned line;
};

/* Sellers/Seller: a seller this node factors.  The registration number is
 * checked against the country profile where the node loads the configuration
 * (adapters/ stand above config/). */
struct ifgw_config_seller {
	char *id;
	char *name;
	char country[3];
	char *regno;
	struct ifgw_config_contract contract;
	char *registration;     /* Registration@file: a canonical SellerRegistration; NULL: none */
	unsigned line;
};

/* Partner/DecisionPolicy/CountryLimit */
struct ifgw_config_country_limit {
	char country[3];
	struct ifgw_config_amount limit;
};

/* Partner/DecisionPolicy: how this node, as import factor, answers the
 * partner's cover requests. */
struct ifgw_config_decision_policy {
	struct ifgw_config_amount debtor_limit;     /* ccy "": none */
	struct ifgw_config_country_limit *country_limits;
	size_t country_limit_count;
	struct ifgw_config_amount auto_approve_below; /* ccy "": none */
	int32_t partial_max_pct;    /* millionths; 0: no partial approval */
	char **decline_debtors;     /* debtor ids */
	size_t decline_debtor_count;
	char (*decline_countries)[3];
	size_t decline_country_count;
	int pending_days;           /* 0: answer at once; N: pending, answered N days later */
	unsigned line;
};

struct ifgw_config_partner {
	char code[IFGW_FACTOR_CODE_SIZE];
	char country[3];
	char *name;
	char *adapter;          /* "edifactoring" | "iso20022"; NULL: the country profile's */
	char *fallback;         /* for messages the adapter cannot carry; NULL: refuse them */
	int transliterate;      /* 1 / 0: may characters the charset lacks be transliterated;
				   -1: not configured, the country profile decides */
	char *endpoint;         /* https URL */
	char **trust_certs;     /* 1..8 certificate files (rotation with overlap) */
	size_t trust_cert_count;
	char *trust_ca;         /* optional */
	char *trust_crl;        /* optional */
	char **pins;            /* base64 SHA-256 of the SPKI */
	size_t pin_count;
	struct ifgw_config_peer_name *peer_names; /* what the CA's certificates must name (trust.h) */
	size_t peer_name_count;
	struct ifgw_config_decision_policy *policy; /* import role; NULL: none */
	unsigned line;          /* where it is defined, for messages */
};

struct ifgw_config_route {
	enum ifgw_product product; /* export or ifp */
	char country[3];           /* debtor's (export) or seller's (ifp) country */
	char partner[IFGW_FACTOR_CODE_SIZE];
	unsigned priority;         /* lower first */
	unsigned line;
};

struct ifgw_config {
	char *path;          /* the file it was read from */
	char code[IFGW_FACTOR_CODE_SIZE];
	char country[3];
	char *name;
	char *sign_key, *sign_cert; /* the node's signing identity */
	char *tls_key, *tls_cert;   /* TLS identity; NULL: use the signing one */
	char *listen;               /* "127.0.0.1:8443"; NULL: none */
	char *store;                /* store URI; NULL: the default */
	char *rates;                /* rates file; NULL: the shipped one */
	int default_term_days;      /* 1..999: due date of invoices that state none; 0: none (refused) */
	int crl_max_age_days;       /* 1..366: age at which a CRL without nextUpdate is out of date;
				       0: not configured (the trust's default, 7 days) */
	struct ifgw_config_partner *partners;
	size_t partner_count;
	struct ifgw_config_route *routes; /* sorted: product, country, priority, file order */
	size_t route_count;
	struct ifgw_config_seller *sellers;
	size_t seller_count;
};

/* Read and validate path.  Errors: IFGW_EIO (cannot read), IFGW_EPARSE (not
 * XML), IFGW_EINVAL (schema or rule violation), each "FILE:LINE: what". */
int ifgw_config_load(struct ifgw_config **out, const char *path);
void ifgw_config_free(struct ifgw_config *cfg);

/* The partner with this factor code, or NULL. */
const struct ifgw_config_partner *ifgw_config_partner(const struct ifgw_config *cfg, const char *code);

/* The seller with this id, or NULL. */
const struct ifgw_config_seller *ifgw_config_seller(const struct ifgw_config *cfg, const char *id);

/* Replace the store URI (the --store option). */
int ifgw_config_set_store(struct ifgw_config *cfg, const char *uri);

#endif
