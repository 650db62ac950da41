/* message.h: the canonical messages.
 *
 * One struct ifgw_msg per message: a common header and a tagged union of
 * bodies; adapters switch on hdr.type:
 *
 *     switch (m->hdr.type) {
 *     case IFGW_MSG_ASSIGNMENT_BATCH:
 *             for (i = 0; i < m->body.batch.n_items; i++)
 *                     encode_invoice(&m->body.batch.items[i]);
 *     ...
 *
 * Several types share a body (cover response and revision; the three
 * payments; dispute notice and status).  Each body has at most one list of
 * items, grown with ifgw_msg_add_item() up to IFGW_MSG_ITEMS_MAX; other
 * lists are fixed arrays with their own caps.  Absent values: see invoice.h.
 * Field comments give the FCI edifactoring / ISO 20022 element they map to
 * where the name does not say it; docs/model.md has the full mapping. */
#ifndef IFGW_MODEL_MESSAGE_H
#define IFGW_MODEL_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "currency/money.h"
#include "model/codes.h"
#include "model/invoice.h"
#include "model/text.h"

#define IFGW_MSG_ITEMS_MAX 9999  /* documents, payments, lines ... in one message */
#define IFGW_BATCH_CCY_MAX 16    /* currencies in one assignment batch */
#define IFGW_SELLER_CCY_MAX 5    /* invoice currencies of a seller (FCI InvCurrency1..5) */
#define IFGW_SEQ_MAX 999999999999999ULL /* 15 digits (FCI SequenceNr N..15) */

/* A factor in the header. */
struct ifgw_factor {
	char code[IFGW_FACTOR_CODE_SIZE]; /* "DE00123" */
	char name[IFGW_LINE_SIZE];        /* optional (FCI FactorName) */
};

struct ifgw_msg_header {
	int type;                       /* enum ifgw_msg_type: set by ifgw_msg_new, never changed */
	char id[IFGW_ID_SIZE];          /* required: unique per sender */
	struct ifgw_factor sender;      /* required code */
	struct ifgw_factor receiver;    /* required code */
	int sender_role;                /* enum ifgw_role, optional: fixes EF/IF when the type does not */
	uint64_t seq;                   /* required: per-corridor sequence number, 1..IFGW_SEQ_MAX */
	int64_t created;                /* required: creation time, seconds UTC */
	char created_by[IFGW_SHORT_SIZE]; /* user or system that created it (FCI CreatedBy) */
	char related_id[IFGW_ID_SIZE];  /* id of the message this one answers or follows */
	int32_t wire_status;            /* FCI MsgInfo/Status as the network set it, 0..999 */
	int32_t error_code;             /* FCI MsgInfo/Error/@Code, 0..999 */
	char error_text[IFGW_REASON_SIZE]; /* FCI MsgInfo/Error text */
};

/* IFGW_MSG_SELLER_REGISTRATION: the export factor presents a seller. */
struct ifgw_seller_registration {
	int32_t date;                  /* required (MsgDate) */
	int function;                  /* required: IFGW_CL_SELLER_FUNCTION */
	int32_t agreement_signed;      /* factoring agreement signed on (FactAgreemSigned) */
	struct ifgw_party seller;      /* required: nr, name, street[0], city, postcode, country */
	struct ifgw_bank seller_bank;
	char business[IFGW_LINE_SIZE]; /* required: the seller's products (BusinessProduct) */
	struct ifgw_terms terms;       /* net_days required */
	int32_t grace_days;            /* 0..999 */
	const struct ifgw_currency *currencies[IFGW_SELLER_CCY_MAX]; /* invoice currencies */
	size_t n_currencies;           /* 1..IFGW_SELLER_CCY_MAX */
	int32_t chargeback_pct;        /* required (ChargeBackPerc) */
	struct ifgw_money chargeback_amount; /* required (ChargeBackAmt + ChargeBackCurrency) */
	char expected_total_turnover[IFGW_LINE_SIZE]; /* required, free text (ExpTotSellerTurnover) */
	int32_t expected_buyers;       /* required, 0..65535 */
	int32_t expected_invoices;     /* required, 0..65535 */
	int32_t expected_credit_notes; /* 0..65535 */
	char expected_turnover[IFGW_LINE_SIZE];       /* required, free text (ExpTurnover) */
	char expected_other_turnover[IFGW_LINE_SIZE]; /* required, free text */
	char other_factors[IFGW_LINE_SIZE];           /* required, free text */
	int service;                   /* required: IFGW_CL_SERVICE */
	char delivery_terms[IFGW_LINE_SIZE];
	char text[IFGW_FREE_TEXT_SIZE];
};

/* IFGW_MSG_COVER_REQUEST: the export factor asks for (a change of) a credit
 * cover on a buyer of a seller. */
struct ifgw_cover_request {
	int kind;                        /* required: enum ifgw_cover_kind */
	int reminder;                    /* 1: repeats an unanswered request (MSG07 MsgFunction 4) */
	char request_nr[IFGW_ID_SIZE];   /* required: the export factor's reference */
	int32_t request_date;            /* required */
	char cover_nr[IFGW_ID_SIZE];     /* the cover to change (kind != NEW) */
	int function;                    /* IFGW_CL_COVER_FUNCTION (MSG05 MsgFunction) */
	int request_code;                /* IFGW_CL_REQUEST: overrides the kind's default FCI code */
	struct ifgw_party seller;        /* required: nr */
	struct ifgw_party buyer;         /* required: nr; name and address for a new cover */
	struct ifgw_contact buyer_contact;
	int direct_contact;              /* enum ifgw_yesno: may the IF contact the buyer */
	struct ifgw_bank buyer_bank;
	struct ifgw_money amount;        /* required: the cover amount asked for, in the cover currency */
	struct ifgw_money current_amount; /* revision: the cover as it stands */
	int32_t current_expiry;
	int32_t valid_from;
	int32_t expiry_date;             /* the (new) expiry */
	struct ifgw_money own_risk_amount; /* the seller's own risk */
	int32_t own_risk_pct;
	struct ifgw_terms terms;
	int32_t long_credit_days;        /* 0..999 */
	char order_nr[IFGW_ID_SIZE];     /* order-specific cover */
	int32_t late_shipment_date;
	char text[IFGW_FREE_TEXT_SIZE];
};

/* IFGW_MSG_COVER_RESPONSE (answers a request) and IFGW_MSG_COVER_REVISION
 * (the import factor changes a cover on its own initiative). */
struct ifgw_cover_response {
	int decision;                    /* required: enum ifgw_cover_decision */
	int response_code;               /* IFGW_CL_RESPONSE: overrides the decision's default FCI code */
	int reason;                      /* IFGW_CL_COVER_REASON; required when partly approved or declined */
	int request_kind;                /* required: enum ifgw_cover_kind of the request answered
					    (NEW: MSG06, others: MSG08) or of the revision */
	int function;                    /* IFGW_CL_REPLY_FUNCTION (MSG06 MsgFunction) */
	int32_t reply_date;              /* required */
	char cover_nr[IFGW_ID_SIZE];     /* required: CreditCoverNr (MSG06) or RevisionNr (MSG08) */
	char request_nr[IFGW_ID_SIZE];   /* the request answered (OrigReqNr): required for a response,
					    empty for a revision */
	int32_t request_date;            /* OrigReqDate */
	struct ifgw_party seller;        /* required: nr */
	struct ifgw_party buyer;         /* required: nr */
	struct ifgw_contact buyer_contact;
	struct ifgw_money amount;        /* required: cover granted (0 when declined or cancelled) */
	struct ifgw_money current_amount; /* the cover before this answer */
	int32_t current_expiry;
	struct ifgw_money own_risk_amount;
	int32_t own_risk_pct;
	int32_t long_credit_days;
	int32_t valid_from;
	int32_t expiry_date;
	char text[IFGW_FREE_TEXT_SIZE];
};

/* Control totals of one currency of an assignment batch. */
struct ifgw_batch_total {
	const struct ifgw_currency *ccy;
	int32_t n_invoices;
	int32_t n_credit_notes;
	struct ifgw_money invoices;      /* sum of invoice amounts */
	struct ifgw_money credit_notes;  /* sum of credit note amounts (>= 0) */
};

/* IFGW_MSG_ASSIGNMENT_BATCH: invoices and credit notes of one seller. */
struct ifgw_assignment_batch {
	char batch_nr[IFGW_ID_SIZE];     /* required */
	int32_t batch_date;              /* required */
	struct ifgw_party seller;        /* required: nr */
	struct ifgw_invoice *items;      /* 1..IFGW_MSG_ITEMS_MAX */
	size_t n_items;
	struct ifgw_batch_total totals[IFGW_BATCH_CCY_MAX]; /* one per currency, sorted by code;
							       must match the items */
	size_t n_totals;
	char text[IFGW_FREE_TEXT_SIZE];
};

/* One document's status in an assignment status. */
struct ifgw_assignment_item {
	int doc_type;                    /* required: invoice or credit note */
	char number[IFGW_ID_SIZE];       /* required */
	int32_t issue_date;
	struct ifgw_money amount;
	int status;                      /* required: accepted, rejected or pending */
	char reason_code[IFGW_ID_SIZE];  /* ISO FinancingStatusReason1Code or the partner's code */
	char reason_text[IFGW_REASON_SIZE];
	struct ifgw_money approved_amount; /* part of the amount under cover */
};

/* IFGW_MSG_ASSIGNMENT_STATUS: the import factor accepts or rejects each
 * document of a batch. */
struct ifgw_assignment_status {
	char batch_nr[IFGW_ID_SIZE];     /* required: the batch answered */
	int32_t batch_date;
	int32_t status_date;             /* required */
	int status;                      /* required: whole batch (accepted, partly-accepted, rejected, pending) */
	char reason_code[IFGW_ID_SIZE];
	char reason_text[IFGW_REASON_SIZE];
	struct ifgw_assignment_item *items; /* 0..IFGW_MSG_ITEMS_MAX */
	size_t n_items;
	char text[IFGW_FREE_TEXT_SIZE];
};

/* IFGW_MSG_DEBTOR_NOTICE: the debtor is told to pay the factor. */
struct ifgw_debtor_notice {
	int32_t notice_date;             /* required */
	struct ifgw_party debtor;        /* required: name */
	struct ifgw_party seller;        /* required: name */
	struct ifgw_party assignee;      /* required: name (the factor the debtor must pay) */
	struct ifgw_bank pay_to;         /* required: account */
	char lang[IFGW_LANG_SIZE];       /* ISO 639-1 of the notice text */
	struct ifgw_invoice *items;      /* 1..: the assigned documents */
	size_t n_items;
	char text[IFGW_FREE_TEXT_SIZE];
};

/* IFGW_MSG_DOCUMENT_ADJUSTMENT: new dates or terms of an assigned document,
 * or its cancellation (amounts change through credit notes). */
struct ifgw_adjustment {
	int32_t date;                    /* required */
	int kind;                        /* required: enum ifgw_adjust_kind */
	int doc_type;                    /* required: invoice or credit note */
	char doc_nr[IFGW_ID_SIZE];       /* required */
	int32_t doc_date;                /* required */
	const struct ifgw_currency *currency; /* required */
	struct ifgw_party_ref seller;    /* required: nr */
	struct ifgw_party_ref buyer;     /* required: nr */
	int32_t value_date;
	int32_t due_date;
	struct ifgw_terms terms;
	int payment_condition;
	char order_ref[IFGW_ID_SIZE];
	char text[IFGW_FREE_TEXT_SIZE];
};

/* One payment line. */
struct ifgw_payment_item {
	struct ifgw_party_ref buyer;     /* required: nr */
	int doc_paid;                    /* required: IFGW_CL_DOC_PAID (1 invoice, 2 credit note) */
	char doc_nr[IFGW_ID_SIZE];
	int32_t doc_date;
	struct ifgw_money doc_amount;
	struct ifgw_money paid;          /* required, >= 0 */
	struct ifgw_money bank_charge;   /* required, >= 0 */
	struct ifgw_money deduction;     /* >= 0; MSG13: the risk-sharing deduction */
	int pay_type;                    /* enum ifgw_pay_type: required except in a guarantee payment */
	int32_t pay_date;
	int32_t value_date;
};

/* IFGW_MSG_PAYMENT, IFGW_MSG_INDIRECT_PAYMENT, IFGW_MSG_GUARANTEE_PAYMENT.
 * Control totals (all in `currency`, may be negative):
 *   total_paid    = sum of paid, credit-note lines (doc_paid 2) subtracted
 *   total_charges = sum of bank_charge + deduction
 *   total_cleared = total_paid + total_charges */
struct ifgw_payment {
	char batch_nr[IFGW_ID_SIZE];     /* required */
	int32_t batch_date;              /* required */
	const struct ifgw_currency *currency; /* required: every amount is in it */
	struct ifgw_party_ref seller;    /* required: nr */
	struct ifgw_payment_item *items; /* 1..IFGW_MSG_ITEMS_MAX */
	size_t n_items;
	struct ifgw_money total_paid;
	struct ifgw_money total_charges;
	struct ifgw_money total_cleared;
	char text[IFGW_FREE_TEXT_SIZE];
};

/* One disputed document. */
struct ifgw_dispute_item {
	int doc_type;                    /* required: IFGW_CL_DOC_TYPE (1..5) */
	char doc_nr[IFGW_ID_SIZE];
	int32_t doc_date;
	struct ifgw_money doc_amount;
	struct ifgw_money disputed;      /* required, >= 0 */
	int reason;                      /* required: IFGW_CL_DISPUTE_REASON */
	int instruction;                 /* IFGW_CL_INSTRUCTION (dispute status only) */
	char notified_by[IFGW_SHORT_SIZE]; /* required: who raised it (NotifyingParty) */
	int action;                      /* IFGW_CL_ACTION */
};

/* IFGW_MSG_DISPUTE_NOTICE and IFGW_MSG_DISPUTE_STATUS. */
struct ifgw_dispute {
	int32_t date;                    /* required */
	char dispute_nr[IFGW_ID_SIZE];   /* required */
	int32_t origin_date;             /* required: when the dispute arose */
	const struct ifgw_currency *currency; /* required: every amount is in it */
	int status;                      /* IFGW_CL_DISPUTE_STATUS: required in a status, absent in a notice */
	int32_t settlement_date;         /* required when status is IFGW_DISPUTE_SETTLED */
	struct ifgw_party_ref seller;    /* required: nr */
	struct ifgw_party_ref buyer;     /* required: nr */
	struct ifgw_dispute_item *items; /* 1..IFGW_MSG_ITEMS_MAX */
	size_t n_items;
	char reason_text[IFGW_FREE_TEXT_SIZE];
	char action_text[IFGW_FREE_TEXT_SIZE];
};

/* One charged-back or reassigned document. */
struct ifgw_chargeback_item {
	struct ifgw_party_ref buyer;     /* required: nr */
	int doc_type;                    /* required: invoice, credit note or other-5 */
	char doc_nr[IFGW_ID_SIZE];       /* required */
	int32_t doc_date;
	struct ifgw_money doc_amount;    /* required, >= 0 */
	struct ifgw_money amount;        /* required, >= 0 */
	int reason;                      /* required: IFGW_CL_DISPUTE_REASON */
};

/* IFGW_MSG_CHARGEBACK.  total = sum of amount, credit-note lines subtracted. */
struct ifgw_chargeback {
	int32_t date;                    /* required */
	int kind;                        /* required: enum ifgw_chargeback_kind */
	char nr[IFGW_ID_SIZE];           /* required (MsgNr) */
	const struct ifgw_currency *currency; /* required */
	struct ifgw_party_ref seller;    /* required: nr */
	struct ifgw_chargeback_item *items; /* 1..IFGW_MSG_ITEMS_MAX */
	size_t n_items;
	struct ifgw_money total;
	char text[IFGW_FREE_TEXT_SIZE];
};

/* One settled message in a remittance. */
struct ifgw_remittance_item {
	char msg_ref[IFGW_ID_SIZE];      /* required: batch or message number settled */
	int32_t msg_date;                /* required */
	struct ifgw_money amount;        /* required, may be negative */
	struct ifgw_money bank_charge;   /* >= 0 */
};

/* IFGW_MSG_REMITTANCE.  total = sum of amount. */
struct ifgw_remittance {
	int32_t date;                    /* required */
	char remit_nr[IFGW_ID_SIZE];
	const struct ifgw_currency *currency; /* required */
	int32_t remit_date;              /* required */
	int32_t value_date;
	int method;                      /* IFGW_CL_PAY_METHOD */
	int channel;                     /* IFGW_CL_PAY_CHANNEL */
	struct ifgw_party_ref seller;
	struct ifgw_party_ref beneficiary;
	struct ifgw_remittance_item *items; /* 1..IFGW_MSG_ITEMS_MAX */
	size_t n_items;
	struct ifgw_money total;
	char text[IFGW_FREE_TEXT_SIZE];
};

/* One invoice offered for financing. */
struct ifgw_financing_item {
	struct ifgw_invoice invoice;     /* seller = the supplier, buyer = the debtor */
	struct ifgw_money requested;     /* amount asked for, or */
	int32_t requested_pct;           /* share of the invoice asked for */
};

/* IFGW_MSG_FINANCING_REQUEST (tsin.001): a seller or group entity asks its
 * factor to finance invoices.  total, when given, = sum of invoice amounts
 * (credit notes subtracted), all in `currency`. */
struct ifgw_financing_request {
	char request_nr[IFGW_ID_SIZE];   /* required (GrpId) */
	const struct ifgw_currency *currency; /* required */
	struct ifgw_party requester;     /* required: name */
	struct ifgw_bank credit_account; /* where to pay the financing */
	char agreement[IFGW_REASON_SIZE]; /* the financing agreement (FincgAgrmt) */
	struct ifgw_financing_item *items; /* 1..IFGW_MSG_ITEMS_MAX */
	size_t n_items;
	struct ifgw_money total;
	char text[IFGW_FREE_TEXT_SIZE];
};

/* One invoice's financing result. */
struct ifgw_financing_item_status {
	char doc_nr[IFGW_ID_SIZE];       /* required */
	struct ifgw_money amount;        /* required: the invoice total */
	int32_t issue_date;              /* required */
	int32_t due_date;                /* required */
	int status;                      /* required: enum ifgw_fin_status */
	char reason_code[IFGW_ID_SIZE];
	char reason_text[IFGW_REASON_SIZE];
	struct ifgw_money financed;
};

/* IFGW_MSG_FINANCING_STATUS (tsin.002). */
struct ifgw_financing_status {
	char request_nr[IFGW_ID_SIZE];   /* required: the request answered */
	int64_t request_created;         /* required */
	int status;                      /* required: enum ifgw_item_status of the request as a whole */
	char reason_code[IFGW_ID_SIZE];
	char reason_text[IFGW_REASON_SIZE];
	int32_t financed_count;          /* summary, when something was financed */
	struct ifgw_money accepted_total;
	int32_t applied_pct;
	struct ifgw_money financed_total;
	int32_t credit_date;
	struct ifgw_bank credit_account;
	struct ifgw_financing_item_status *items; /* 0..IFGW_MSG_ITEMS_MAX */
	size_t n_items;
	char text[IFGW_FREE_TEXT_SIZE];
};

/* IFGW_MSG_FINANCING_CANCELLATION (tsin.003). */
struct ifgw_financing_cancellation {
	char request_nr[IFGW_ID_SIZE];   /* required: the request cancelled */
	int64_t request_created;         /* required */
	int32_t n_invoices;
	struct ifgw_money total;
	char reason[IFGW_REASON_SIZE];   /* required */
	struct ifgw_party requester;
};

/* One currency of a position statement. */
struct ifgw_position_line {
	const struct ifgw_currency *currency; /* required; every amount of the line is in it */
	int32_t n_invoices;              /* required: open documents */
	struct ifgw_money assigned;      /* required: receivables assigned, outstanding */
	struct ifgw_money approved;      /* required: of which under credit cover */
	struct ifgw_money funded;        /* required: advanced */
	struct ifgw_money available;     /* required: still available to draw */
	struct ifgw_money overdue;       /* required: past due */
	struct ifgw_money disputed;      /* in dispute */
};

/* IFGW_MSG_POSITION_STATEMENT: a partner factor's view of one group entity
 * (International Factoring Pass), for the lead factor's consolidation. */
struct ifgw_position {
	int32_t as_of;                   /* required */
	char group_id[IFGW_ID_SIZE];     /* required: the group programme */
	struct ifgw_party entity;        /* required: name, country */
	struct ifgw_position_line *items; /* 1..: one per currency, no currency twice */
	size_t n_items;
	char text[IFGW_FREE_TEXT_SIZE];
};

/* IFGW_MSG_FREE_TEXT: correspondence between two factors (the sender and
 * receiver codes and names are in the header). */
struct ifgw_free_text {
	int32_t date;                    /* required */
	struct ifgw_contact sender_contact;    /* required: name */
	struct ifgw_contact recipient_contact; /* required: name */
	struct ifgw_party_ref seller;
	struct ifgw_party_ref buyer;
	char lang[IFGW_LANG_SIZE];
	char text[IFGW_FREE_TEXT_SIZE];
};

struct ifgw_msg {
	struct ifgw_msg_header hdr;
	union {
		struct ifgw_seller_registration seller_registration;
		struct ifgw_cover_request cover_request;
		struct ifgw_cover_response cover_response;   /* COVER_RESPONSE, COVER_REVISION */
		struct ifgw_assignment_batch batch;
		struct ifgw_assignment_status assignment_status;
		struct ifgw_debtor_notice debtor_notice;
		struct ifgw_adjustment adjustment;
		struct ifgw_payment payment;                 /* PAYMENT, INDIRECT_, GUARANTEE_PAYMENT */
		struct ifgw_dispute dispute;                 /* DISPUTE_NOTICE, DISPUTE_STATUS */
		struct ifgw_chargeback chargeback;
		struct ifgw_remittance remittance;
		struct ifgw_financing_request financing_request;
		struct ifgw_financing_status financing_status;
		struct ifgw_financing_cancellation financing_cancellation;
		struct ifgw_position position;
		struct ifgw_free_text free_text;
	} body;
	size_t items_cap; /* private: entries allocated for the body's item list */
};

/* A new message of `type` with every field absent (see invoice.h). */
int ifgw_msg_new(struct ifgw_msg **out, int type);
void ifgw_msg_free(struct ifgw_msg *m);

/* Append an initialised item to the body's item list and point *out at it
 * (the item type is the one of the body: struct ifgw_invoice for a batch,
 * ...).  Earlier item pointers are invalidated.  IFGW_EOVERFLOW past
 * IFGW_MSG_ITEMS_MAX; IFGW_EUNSUPPORTED for a type without items. */
int ifgw_msg_add_item(void **out, struct ifgw_msg *m);

/* The sender's role: hdr.sender_role when set, else the usual direction
 * of the type (export factor: seller registration, cover request,
 * assignment batch, adjustment, indirect payment; import factor: cover
 * response and revision, assignment status, payment, guarantee payment,
 * charge-back, remittance); 0 when the type goes either way (disputes,
 * free text) or is not between two factors.  Adapters derive the
 * edifactoring EF and IF blocks from it. */
int ifgw_msg_sender_role(const struct ifgw_msg *m);

/* A deep copy. */
int ifgw_msg_dup(struct ifgw_msg **out, const struct ifgw_msg *m);

/* Fill the control totals (batch totals per currency, payment, charge-back
 * and remittance totals) from the items; a no-op for other types. */
int ifgw_msg_compute_totals(struct ifgw_msg *m);

/* Check a whole message: required fields, factor codes, sequence, codes,
 * countries, texts, currencies and decimals, dates in order, control
 * totals.  The message names the field by its canonical XML path
 * ("AssignmentBatch/Invoice[3]/DueDate: ..."). */
int ifgw_msg_check(const struct ifgw_msg *m);

/* 1 when a and b hold the same message (every field, every item). */
int ifgw_msg_equal(const struct ifgw_msg *a, const struct ifgw_msg *b);
/* Like ifgw_msg_equal, and when they differ append the path and both
 * values of the first difference to out ("Payment/Item[2]/Paid: 10.00 EUR
 * != 10.01 EUR"): for round-trip tests. */
int ifgw_msg_diff(struct ifgw_buf *out, const struct ifgw_msg *a, const struct ifgw_msg *b);

#endif
