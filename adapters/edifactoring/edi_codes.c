/* edi_codes.c: the FCI code lists per message and the mapping between the
 * canonical codes and the FCI ones.
 *
 * Value sets come from EDIFACTORING.md section 4 (keyed by message).  Where
 * a canonical value needs a choice of FCI code the choice is made here and
 * documented in docs/adapters.md; decoding maps back, and keeps the FCI code
 * in the model's override field (request_code, response_code) only when it
 * is not the default of the canonical value. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#define IFGW_EDIFACTORING_INTERNAL
#include "adapters/edifactoring/edifactoring_int.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define CODES(var, listname, ...)                                                                                      \
	static const int var##_v[] = {__VA_ARGS__};                                                                    \
	const struct edi_codes var = {listname, var##_v, N(var##_v)}

CODES(ifgw_edi_cl_function01, "MessageFunction", 1, 2);
CODES(ifgw_edi_cl_function05, "MessageFunction", 4, 5, 6, 7);
CODES(ifgw_edi_cl_function06, "MessageFunction", 7, 8);
CODES(ifgw_edi_cl_function07, "MessageFunction", 3, 4);
CODES(ifgw_edi_cl_function10, "MessageFunction", 9, 10);
CODES(ifgw_edi_cl_service, "ServiceRequired", 1, 2, 3, 4);
CODES(ifgw_edi_cl_direct_contact, "DirectContactAllowed", 1, 2);
/* codelist.json has no MSG05 values; a third-party implementation uses 2
 * (ordinary), 3 (additional currency), 4 (zero amount) */
CODES(ifgw_edi_cl_request05, "Request", 2, 3, 4);
CODES(ifgw_edi_cl_request07, "Request", 5, 6, 7, 8, 9, 10);
CODES(ifgw_edi_cl_response06, "Response", 1, 2, 3, 4, 5, 6);
CODES(ifgw_edi_cl_response08, "Response", 1, 2, 3, 4, 5, 6, 7, 8, 9);
CODES(ifgw_edi_cl_reason, "Reason", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 99);
CODES(ifgw_edi_cl_doctype09, "DocumentType", 1, 2);
CODES(ifgw_edi_cl_doctype14, "DocumentType", 1, 2, 3, 4, 5);
CODES(ifgw_edi_cl_doctype16, "DocumentType", 1, 2, 5);
CODES(ifgw_edi_cl_pay_condition, "PaymentConditions", 1, 2, 3, 4, 5, 6, 99);
CODES(ifgw_edi_cl_doc_paid11, "DocumentPaid", 1, 2, 3, 4, 5, 8);
CODES(ifgw_edi_cl_doc_paid12, "DocumentPaid", 1, 2, 5, 8);
CODES(ifgw_edi_cl_doc_paid13, "DocumentPaid", 1, 2, 5);
CODES(ifgw_edi_cl_pay_type, "PaymentType", 1, 2);
CODES(ifgw_edi_cl_dispute_reason, "DisputeReason", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
      22, 23);
CODES(ifgw_edi_cl_action, "ActionTaken", 1, 2, 3, 4, 5, 6, 7, 8);
CODES(ifgw_edi_cl_dispute_status, "DisputeStatus", 1, 2, 3);
CODES(ifgw_edi_cl_instruction, "InstructionStatus", 1, 2);
CODES(ifgw_edi_cl_msg_type16, "MessageType", 1, 2);
CODES(ifgw_edi_cl_pay_method, "PaymentMethod", 5, 6, 7, 8);
CODES(ifgw_edi_cl_pay_channel, "PaymentChannel", 1, 2, 3, 4);
/* ifgw's own lists (IfgwBatchStatus): the canonical ifgw_item_status values */
CODES(ifgw_edi_cl_batch_status, "BatchStatus", 1, 2, 3, 4);
CODES(ifgw_edi_cl_doc_status, "DocStatus", 1, 2, 3);

int ifgw_edi_code_allowed(const struct edi_codes *c, int v)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->values[i] == v)
			return 1;
	return 0;
}

int ifgw_edi_msg_number(const struct ifgw_msg *m)
{
	switch (m->hdr.type) {
	case IFGW_MSG_SELLER_REGISTRATION:
		return 1;
	case IFGW_MSG_COVER_REQUEST:
		return m->body.cover_request.kind == IFGW_COVER_NEW ? 5 : 7;
	case IFGW_MSG_COVER_RESPONSE:
		return m->body.cover_response.request_kind == IFGW_COVER_NEW ? 6 : 8;
	case IFGW_MSG_COVER_REVISION:
		return 8;
	case IFGW_MSG_ASSIGNMENT_BATCH:
		return 9;
	case IFGW_MSG_ASSIGNMENT_STATUS:
		return EDI_NN_BATCH_STATUS;
	case IFGW_MSG_DOCUMENT_ADJUSTMENT:
		return 10;
	case IFGW_MSG_PAYMENT:
		return 11;
	case IFGW_MSG_INDIRECT_PAYMENT:
		return 12;
	case IFGW_MSG_GUARANTEE_PAYMENT:
		return 13;
	case IFGW_MSG_DISPUTE_NOTICE:
		return 14;
	case IFGW_MSG_DISPUTE_STATUS:
		return 15;
	case IFGW_MSG_CHARGEBACK:
		return 16;
	case IFGW_MSG_REMITTANCE:
		return 18;
	case IFGW_MSG_FREE_TEXT:
		return 21;
	case IFGW_MSG_POSITION_STATEMENT:
		return EDI_NN_POSITION;
	default:
		return 0;
	}
}

int ifgw_edi_number_known(int nn)
{
	static const int known[] = {1, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 21, EDI_NN_POSITION,
				    EDI_NN_BATCH_STATUS};
	size_t i;

	for (i = 0; i < N(known); i++)
		if (known[i] == nn)
			return 1;
	return 0;
}

const char *ifgw_edi_ext_root(int nn)
{
	switch (nn) {
	case EDI_NN_BATCH_STATUS:
		return "IfgwBatchStatus";
	case EDI_NN_POSITION:
		return "IfgwPositionStatement";
	default:
		return NULL;
	}
}

int ifgw_edi_ext_number(const char *root)
{
	if (strcmp(root, "IfgwBatchStatus") == 0)
		return EDI_NN_BATCH_STATUS;
	if (strcmp(root, "IfgwPositionStatement") == 0)
		return EDI_NN_POSITION;
	return 0;
}

int ifgw_edi_default_role(int type)
{
	struct ifgw_msg probe;

	if (type == IFGW_MSG_POSITION_STATEMENT)
		return IFGW_ROLE_IMPORT_FACTOR; /* the partner factor reports to the lead */
	memset(&probe, 0, sizeof(probe));
	probe.hdr.type = type;
	return ifgw_msg_sender_role(&probe);
}

int ifgw_edi_default_reply_function(int decision)
{
	return decision == IFGW_COVER_CANCELLED ? 7 : 8;
}

int ifgw_edi_request07_code(int kind)
{
	switch (kind) {
	case IFGW_COVER_CHANGE_TERMS:
		return 5;
	case IFGW_COVER_INCREASE:
		return 6;
	case IFGW_COVER_CANCEL:
		return 7;
	case IFGW_COVER_REDUCE:
		return 8;
	case IFGW_COVER_PROLONG:
		return 9;
	default:
		return 0;
	}
}

int ifgw_edi_request07_kind(int code)
{
	switch (code) {
	case 5:
		return IFGW_COVER_CHANGE_TERMS;
	case 6:
		return IFGW_COVER_INCREASE;
	case 7:
	case 10: /* the other cancellation-type code */
		return IFGW_COVER_CANCEL;
	case 8:
		return IFGW_COVER_REDUCE;
	case 9:
		return IFGW_COVER_PROLONG;
	default:
		return 0;
	}
}

/* Response code -> decision, index = code.  MSG06: 2 and 5 force the
 * amount to 0 and 2 needs a reason (declined, pending), 3 needs a reason
 * with an amount (partly approved), 6 goes with a cancellation.  MSG08:
 * 2, 5, 6 keep the cover unchanged (declined, pending, declined), 7
 * cancels, 8 reduces, 1/3/4/9 set an amount. */
static const int response06[] = {0,
				 IFGW_COVER_APPROVED,
				 IFGW_COVER_DECLINED,
				 IFGW_COVER_PARTLY_APPROVED,
				 IFGW_COVER_APPROVED,
				 IFGW_COVER_PENDING,
				 IFGW_COVER_CANCELLED};
static const int response08[] = {0,
				 IFGW_COVER_APPROVED,
				 IFGW_COVER_DECLINED,
				 IFGW_COVER_PARTLY_APPROVED,
				 IFGW_COVER_APPROVED,
				 IFGW_COVER_PENDING,
				 IFGW_COVER_DECLINED,
				 IFGW_COVER_CANCELLED,
				 IFGW_COVER_APPROVED,
				 IFGW_COVER_APPROVED};

int ifgw_edi_response_code(int nn, int decision)
{
	switch (decision) {
	case IFGW_COVER_APPROVED:
		return 1;
	case IFGW_COVER_DECLINED:
		return 2;
	case IFGW_COVER_PARTLY_APPROVED:
		return 3;
	case IFGW_COVER_PENDING:
		return 5;
	case IFGW_COVER_CANCELLED:
		return nn == 6 ? 6 : 7;
	default:
		return 0;
	}
}

int ifgw_edi_response_decision(int nn, int code)
{
	if (nn == 6)
		return code > 0 && (size_t)code < N(response06) ? response06[code] : 0;
	return code > 0 && (size_t)code < N(response08) ? response08[code] : 0;
}

int ifgw_edi_msg08_kind(const struct ifgw_cover_response *r)
{
	int64_t now = r->amount.minor, before = r->current_amount.minor;

	if (r->decision == IFGW_COVER_CANCELLED)
		return IFGW_COVER_CANCEL;
	if (r->decision != IFGW_COVER_DECLINED && r->decision != IFGW_COVER_PENDING && r->current_amount.ccy) {
		if (now > before)
			return IFGW_COVER_INCREASE;
		if (now < before)
			return IFGW_COVER_REDUCE;
	}
	if (r->expiry_date != IFGW_DATE_NONE && r->current_expiry != IFGW_DATE_NONE &&
	    r->expiry_date > r->current_expiry)
		return IFGW_COVER_PROLONG;
	return IFGW_COVER_CHANGE_TERMS;
}

static const struct {
	const char *iconv, *xml;
} charset_names[] = {
	{"UTF-8", "UTF-8"},
	{"SHIFT_JIS", "Shift_JIS"},
	{"WINDOWS-1250", "windows-1250"},
	{"WINDOWS-1252", "windows-1252"},
	{"WINDOWS-1254", "windows-1254"},
	{"CP932", "Windows-31J"},
	{"EUC-JP", "EUC-JP"},
	{"GB18030", "GB18030"},
	{"GBK", "GBK"},
};

const char *ifgw_edi_charset_xml_name(const char *charset)
{
	size_t i;

	for (i = 0; i < N(charset_names); i++)
		if (ifgw_edi_charset_same(charset, charset_names[i].iconv))
			return charset_names[i].xml;
	return charset; /* ISO-8859-n and others: the iconv name is the IANA name */
}

int ifgw_edi_charset_same(const char *a, const char *b)
{
	for (;;) {
		while (*a == '-' || *a == '_')
			a++;
		while (*b == '-' || *b == '_')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (toupper((unsigned char)*a) != toupper((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
}
