/* invoice.h: parties, terms and invoices (and credit notes) of the model.
 *
 * These are the building blocks of the canonical messages and also what
 * ingest produces from CSV, UBL and CII files.  Absent values:
 *   text ""                       code 0
 *   date IFGW_DATE_NONE           time IFGW_TIME_NONE
 *   percentage IFGW_PCT_NONE      day count or number IFGW_INT_NONE
 *   money: ccy == NULL
 * Because a zero date (1970-01-01) or a 0% discount is a value, a struct
 * must be initialised with its _init function (or be part of a message from
 * ifgw_msg_new / ifgw_msg_add_item) before fields are set. */
#ifndef IFGW_MODEL_INVOICE_H
#define IFGW_MODEL_INVOICE_H

#include <stdint.h>

#include "currency/money.h"
#include "model/codes.h"
#include "model/text.h"

#define IFGW_DATE_NONE INT32_MIN
#define IFGW_TIME_NONE INT64_MIN
#define IFGW_PCT_NONE (-1)
#define IFGW_INT_NONE (-1)

#define IFGW_STREET_LINES 2

/* A party as messages refer to it once both factors know it: the number
 * from the seller/buyer registration (FCI "FSBC") and the name. */
struct ifgw_party_ref {
	char nr[IFGW_ID_SIZE];     /* SellerNr / BuyerNr */
	char name[IFGW_NAME_SIZE];
};

/* A company: seller, buyer (debtor), group entity, requester. */
struct ifgw_party {
	char nr[IFGW_ID_SIZE];     /* number known between the factors (SellerNr / BuyerNr) */
	char own_nr[IFGW_ID_SIZE]; /* the import factor's own number (IFOwnSellerNr / IFOwnBuyerNr) */
	char name[IFGW_NAME_SIZE];
	char street[IFGW_STREET_LINES][IFGW_LINE_SIZE]; /* address lines, filled from [0] */
	char city[IFGW_SHORT_SIZE];
	char postcode[IFGW_POSTCODE_SIZE];
	char region[IFGW_SHORT_SIZE]; /* state, province (FCI State) */
	char country[IFGW_COUNTRY_SIZE]; /* ISO 3166-1 alpha-2 */
	char reg_nr[IFGW_ID_SIZE];     /* company registration number */
	char reg_agency[IFGW_ID_SIZE]; /* register that issued it (FCI ResponseAgency) */
	char vat_nr[IFGW_ID_SIZE];
};

/* Someone to talk to at a party or a factor. */
struct ifgw_contact {
	char name[IFGW_SHORT_SIZE];
	char phone[IFGW_PHONE_SIZE];
	char fax[IFGW_PHONE_SIZE];
	char email[IFGW_EMAIL_SIZE];
};

/* A bank account. */
struct ifgw_bank {
	char account[IFGW_ID_SIZE];   /* IBAN or local account number */
	char bic[IFGW_ID_SIZE];       /* BIC (8 or 11) or a national bank code */
	char bank_name[IFGW_LINE_SIZE];
	char branch_name[IFGW_LINE_SIZE];
};

/* Payment terms: net days and up to two cash discounts (FCI terms fragment). */
struct ifgw_terms {
	int32_t net_days;        /* 0..999 */
	int32_t discount1_days;  /* 0..999 */
	int32_t discount1_pct;   /* millionths of one (currency/money.h), 0..IFGW_PERCENT_ONE */
	int32_t discount2_days;
	int32_t discount2_pct;
};

/* An invoice or a credit note. */
struct ifgw_invoice {
	int doc_type;                  /* IFGW_DOC_INVOICE or IFGW_DOC_CREDIT_NOTE (required) */
	char number[IFGW_ID_SIZE];     /* required */
	int32_t issue_date;            /* required */
	int32_t due_date;              /* required, not before issue_date */
	int32_t value_date;            /* optional */
	struct ifgw_money amount;      /* required, >= 0: the total due; doc_type gives the sign */
	struct ifgw_money taxable_amount; /* optional, same currency */
	struct ifgw_money tax_amount;     /* optional, same currency */
	struct ifgw_party seller;      /* empty inside an assignment batch (the batch names it) */
	struct ifgw_party buyer;       /* required: at least nr or name */
	struct ifgw_terms terms;
	int payment_condition;         /* FCI PaymentConditions (IFGW_CL_PAY_CONDITION) */
	char order_ref[IFGW_ID_SIZE];  /* the buyer's order */
	char invoice_ref[IFGW_ID_SIZE]; /* credit note: the invoice it corrects */
};

void ifgw_party_init(struct ifgw_party *p);
void ifgw_terms_init(struct ifgw_terms *t);
void ifgw_invoice_init(struct ifgw_invoice *inv);

/* 1 when every field of the party is absent. */
int ifgw_party_is_empty(const struct ifgw_party *p);

/* Check one invoice on its own (required fields, amounts >= 0 and of one
 * currency, due date not before issue date, codes, texts, country).  `where`
 * prefixes the message ("invoices.csv:12" or "AssignmentBatch/Invoice[3]"). */
int ifgw_invoice_check(const struct ifgw_invoice *inv, const char *where);

#endif
