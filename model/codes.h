/* codes.h: the code lists of the canonical model.
 *
 * Two kinds of lists:
 * - lists whose meaning is known (document type, cover request kind, cover
 *   decision, ...) are C enums; the canonical XML writes a word for each
 *   value ("credit-note", "partly-approved");
 * - FCI edifactoring lists whose meanings are not public (dispute reasons,
 *   actions taken, payment conditions, ...; see EDIFACTORING.md section 4)
 *   are kept as the FCI number, validated against the allowed set, and
 *   written as that number.  What they mean is partner configuration.
 * In every code field of the model 0 means "absent"; enums start at 1. */
#ifndef IFGW_MODEL_CODES_H
#define IFGW_MODEL_CODES_H

#include <stddef.h>
#include <stdint.h>

/* Canonical message types.  Values are stable (stored, logged): append only.
 * Adapters advertise what they carry as a mask of IFGW_MSG_BIT(type). */
enum ifgw_msg_type {
	IFGW_MSG_NONE = 0,
	IFGW_MSG_SELLER_REGISTRATION = 1, /* MSG01; tsin.009 */
	IFGW_MSG_COVER_REQUEST = 2,       /* MSG05 (new) / MSG07 (revision); tsin.009 */
	IFGW_MSG_COVER_RESPONSE = 3,      /* MSG06 (to a new request) / MSG08 (to a revision); tsin.010 */
	IFGW_MSG_COVER_REVISION = 4,      /* MSG08 on the import factor's own initiative; tsin.010 */
	IFGW_MSG_ASSIGNMENT_BATCH = 5,    /* MSG09; tsin.006 */
	IFGW_MSG_ASSIGNMENT_STATUS = 6,   /* MsgInfo status/error; tsin.007 */
	IFGW_MSG_DEBTOR_NOTICE = 7,       /* tsin.008 (never for confidential factoring) */
	IFGW_MSG_DOCUMENT_ADJUSTMENT = 8, /* MSG10 */
	IFGW_MSG_PAYMENT = 9,             /* MSG11: the debtor paid the import factor */
	IFGW_MSG_INDIRECT_PAYMENT = 10,   /* MSG12: the debtor paid the seller or export factor */
	IFGW_MSG_GUARANTEE_PAYMENT = 11,  /* MSG13: payment under guarantee */
	IFGW_MSG_DISPUTE_NOTICE = 12,     /* MSG14 */
	IFGW_MSG_DISPUTE_STATUS = 13,     /* MSG15 */
	IFGW_MSG_CHARGEBACK = 14,         /* MSG16: charge-back or reassignment */
	IFGW_MSG_REMITTANCE = 15,         /* MSG18 */
	IFGW_MSG_FINANCING_REQUEST = 16,  /* tsin.001 */
	IFGW_MSG_FINANCING_STATUS = 17,   /* tsin.002 */
	IFGW_MSG_FINANCING_CANCELLATION = 18, /* tsin.003 */
	IFGW_MSG_POSITION_STATEMENT = 19, /* IFP: ifgw's own (IfgwPositionStatement, ifgw.pos.001.01) */
	IFGW_MSG_FREE_TEXT = 20,          /* MSG21 */
	IFGW_MSG_TYPE_COUNT_ = 21
};

#define IFGW_MSG_BIT(type) (1u << (type))
#define IFGW_MSG_ALL_BITS (((1u << IFGW_MSG_TYPE_COUNT_) - 1u) & ~1u)

/* The XML root name of a type ("AssignmentBatch"), or NULL when out of range. */
const char *ifgw_msg_type_name(int type);
/* The type whose XML root name is len bytes of name; IFGW_MSG_NONE if none. */
int ifgw_msg_type_from_name(const char *name, size_t len);

/* Who the sender is in the two-factor chain (the edifactoring EF/IF blocks
 * follow from it). */
enum ifgw_role {
	IFGW_ROLE_EXPORT_FACTOR = 1,
	IFGW_ROLE_IMPORT_FACTOR = 2,
};

enum ifgw_yesno {
	IFGW_YES = 1, /* FCI DirectContactAllowed 1 */
	IFGW_NO = 2,  /* FCI DirectContactAllowed 2 */
};

/* Document types: FCI DocumentType.  3..5 are FCI codes without a public
 * meaning (allowed in disputes; 5 also in charge-backs). */
enum ifgw_doc_type {
	IFGW_DOC_INVOICE = 1,
	IFGW_DOC_CREDIT_NOTE = 2,
	IFGW_DOC_OTHER_3 = 3,
	IFGW_DOC_OTHER_4 = 4,
	IFGW_DOC_OTHER_5 = 5,
};

/* What a credit cover request asks for. */
enum ifgw_cover_kind {
	IFGW_COVER_NEW = 1,          /* MSG05 */
	IFGW_COVER_INCREASE = 2,     /* MSG07 Request 6 */
	IFGW_COVER_REDUCE = 3,       /* MSG07 Request 8 */
	IFGW_COVER_CANCEL = 4,       /* MSG07 Request 7 (or 10) */
	IFGW_COVER_PROLONG = 5,      /* MSG07 Request 9: later expiry */
	IFGW_COVER_CHANGE_TERMS = 6, /* MSG07 Request 5: credit period or expiry, amount unchanged */
};

/* The import factor's answer on a cover. */
enum ifgw_cover_decision {
	IFGW_COVER_APPROVED = 1,
	IFGW_COVER_PARTLY_APPROVED = 2, /* less than asked: a reason is required */
	IFGW_COVER_DECLINED = 3,        /* amount 0: a reason is required */
	IFGW_COVER_PENDING = 4,         /* still undecided (GRIF: answer within 10 days) */
	IFGW_COVER_CANCELLED = 5,       /* amount 0 */
};

/* Document adjustment (MSG10 MessageFunction). */
enum ifgw_adjust_kind {
	IFGW_ADJUST_CHANGE = 1, /* FCI 10: new dates or terms */
	IFGW_ADJUST_CANCEL = 2, /* FCI 9: the document is cancelled */
};

/* FCI PaymentType. */
enum ifgw_pay_type {
	IFGW_PAY_FULL = 1,    /* closes the document at its balance */
	IFGW_PAY_PARTIAL = 2, /* clears paid + bank charge + deduction */
};

/* FCI MSG16 MessageType. */
enum ifgw_chargeback_kind {
	IFGW_CHARGEBACK = 1,
	IFGW_REASSIGNMENT = 2,
};

/* Per-item status of an assignment or a financing request, and a whole
 * batch's status. */
enum ifgw_item_status {
	IFGW_ITEM_ACCEPTED = 1,
	IFGW_ITEM_REJECTED = 2,
	IFGW_ITEM_PENDING = 3,
	IFGW_ITEM_PARTLY_ACCEPTED = 4, /* whole-batch status only */
};

/* ISO 20022 RequestStatus1Code. */
enum ifgw_fin_status {
	IFGW_FIN_FINANCED = 1,     /* FNCD */
	IFGW_FIN_PENDING = 2,      /* PDNG */
	IFGW_FIN_NOT_FINANCED = 3, /* NTFD */
};

/* FCI DisputeStatus (MSG15): 3 is settled; 1 and 2 are open states. */
#define IFGW_DISPUTE_SETTLED 3

/* Every code list the model uses. */
enum ifgw_code_list_id {
	IFGW_CL_ROLE = 0,
	IFGW_CL_YESNO,
	IFGW_CL_DOC_TYPE,        /* invoice, credit-note, other-3..5 */
	IFGW_CL_COVER_KIND,
	IFGW_CL_COVER_DECISION,
	IFGW_CL_ADJUST_KIND,
	IFGW_CL_PAY_TYPE,
	IFGW_CL_CHARGEBACK_KIND,
	IFGW_CL_ITEM_STATUS,
	IFGW_CL_FIN_STATUS,
	/* FCI numeric lists (numbers as the FCI code lists give them) */
	IFGW_CL_SELLER_FUNCTION,  /* MSG01 MessageFunction {1,2} */
	IFGW_CL_COVER_FUNCTION,   /* MSG05 MessageFunction {4,5,6,7} */
	IFGW_CL_REPLY_FUNCTION,   /* MSG06 MessageFunction {7,8} */
	IFGW_CL_SERVICE,          /* ServiceRequired {1-4} */
	IFGW_CL_REQUEST,          /* Request {2-10}: overrides the default for a cover kind */
	IFGW_CL_RESPONSE,         /* Response {1-9}: overrides the default for a decision */
	IFGW_CL_COVER_REASON,     /* Reason {1-16, 99 = other} */
	IFGW_CL_PAY_CONDITION,    /* PaymentConditions {1-6, 99} */
	IFGW_CL_DOC_PAID,         /* DocumentPaid {1,2,3,4,5,8} */
	IFGW_CL_DISPUTE_REASON,   /* DisputeReason {1-23} */
	IFGW_CL_DISPUTE_STATUS,   /* DisputeStatus {1,2,3} */
	IFGW_CL_INSTRUCTION,      /* InstructionStatus {1,2} */
	IFGW_CL_ACTION,           /* ActionTaken {1-8} */
	IFGW_CL_PAY_METHOD,       /* PaymentMethod (MSG18) {5-8} */
	IFGW_CL_PAY_CHANNEL,      /* PaymentChannel {1-4} */
	IFGW_CL_COUNT_
};

struct ifgw_code {
	int value;           /* the C value (enums) or the FCI number */
	const char *token;   /* what the canonical XML writes */
	const char *meaning; /* one line; "" when no public source gives it */
};

struct ifgw_code_list {
	const char *name;            /* "DocumentType", the XSD simple type's name */
	const struct ifgw_code *codes;
	size_t count;
};

/* The list, or NULL when id is out of range. */
const struct ifgw_code_list *ifgw_code_list_get(int id);
/* The entry for value, or NULL when the list does not allow it. */
const struct ifgw_code *ifgw_code_find(int list_id, int value);
/* The entry whose token is len bytes of token, or NULL. */
const struct ifgw_code *ifgw_code_from_token(int list_id, const char *token, size_t len);
/* The token of value, or "?" when the list does not allow it. */
const char *ifgw_code_token(int list_id, int value);

/* A known ISO 3166-1 alpha-2 country: exactly len == 2 upper-case letters
 * of an assigned code.  IFGW_EINVAL naming the text otherwise. */
int ifgw_country_check(const char *cc, size_t len);

/* A factor code: the two letters of an ISO 3166-1 country and five digits
 * ("DE00123").  IFGW_EINVAL naming the text and what is wrong otherwise. */
int ifgw_factor_code_check(const char *code, size_t len);

#endif
