/* codes.c: code lists, message type names, countries and factor codes.
 *
 * FCI value sets come from EDIFACTORING.md section 4 (which cites the
 * hbyscl/study codelist.json); meanings are given only where a source states
 * or shows them.  The country table is ISO 3166-1 alpha-2 as shipped in the
 * Debian iso-codes 4.15.0 package (iso_3166-1.json, 249 codes). */
#include "config.h"

#include <string.h>

#include "base/error.h"
#include "model/codes.h"

static const char *const type_names[IFGW_MSG_TYPE_COUNT_] = {
	[IFGW_MSG_SELLER_REGISTRATION] = "SellerRegistration",
	[IFGW_MSG_COVER_REQUEST] = "CoverRequest",
	[IFGW_MSG_COVER_RESPONSE] = "CoverResponse",
	[IFGW_MSG_COVER_REVISION] = "CoverRevision",
	[IFGW_MSG_ASSIGNMENT_BATCH] = "AssignmentBatch",
	[IFGW_MSG_ASSIGNMENT_STATUS] = "AssignmentStatus",
	[IFGW_MSG_DEBTOR_NOTICE] = "DebtorNotice",
	[IFGW_MSG_DOCUMENT_ADJUSTMENT] = "DocumentAdjustment",
	[IFGW_MSG_PAYMENT] = "Payment",
	[IFGW_MSG_INDIRECT_PAYMENT] = "IndirectPayment",
	[IFGW_MSG_GUARANTEE_PAYMENT] = "GuaranteePayment",
	[IFGW_MSG_DISPUTE_NOTICE] = "DisputeNotice",
	[IFGW_MSG_DISPUTE_STATUS] = "DisputeStatus",
	[IFGW_MSG_CHARGEBACK] = "ChargeBack",
	[IFGW_MSG_REMITTANCE] = "Remittance",
	[IFGW_MSG_FINANCING_REQUEST] = "FinancingRequest",
	[IFGW_MSG_FINANCING_STATUS] = "FinancingStatus",
	[IFGW_MSG_FINANCING_CANCELLATION] = "FinancingCancellation",
	[IFGW_MSG_POSITION_STATEMENT] = "PositionStatement",
	[IFGW_MSG_FREE_TEXT] = "FreeText",
};

const char *ifgw_msg_type_name(int type)
{
	if (type <= IFGW_MSG_NONE || type >= IFGW_MSG_TYPE_COUNT_)
		return NULL;
	return type_names[type];
}

int ifgw_msg_type_from_name(const char *name, size_t len)
{
	int t;

	for (t = IFGW_MSG_NONE + 1; t < IFGW_MSG_TYPE_COUNT_; t++)
		if (strlen(type_names[t]) == len && memcmp(type_names[t], name, len) == 0)
			return t;
	return IFGW_MSG_NONE;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct ifgw_code role[] = {
	{IFGW_ROLE_EXPORT_FACTOR, "export-factor", "the sender is the export factor (the seller's factor)"},
	{IFGW_ROLE_IMPORT_FACTOR, "import-factor", "the sender is the import factor (the debtor's factor)"},
};
static const struct ifgw_code yesno[] = {
	{IFGW_YES, "yes", "FCI 1"},
	{IFGW_NO, "no", "FCI 2"},
};
static const struct ifgw_code doc_type[] = {
	{IFGW_DOC_INVOICE, "invoice", "FCI DocumentType 1"},
	{IFGW_DOC_CREDIT_NOTE, "credit-note", "FCI DocumentType 2"},
	{IFGW_DOC_OTHER_3, "other-3", "FCI DocumentType 3 (disputes)"},
	{IFGW_DOC_OTHER_4, "other-4", "FCI DocumentType 4 (disputes)"},
	{IFGW_DOC_OTHER_5, "other-5", "FCI DocumentType 5 (disputes, charge-backs)"},
};
static const struct ifgw_code cover_kind[] = {
	{IFGW_COVER_NEW, "new", "a new cover (MSG05)"},
	{IFGW_COVER_INCREASE, "increase", "raise the cover (MSG07 Request 6)"},
	{IFGW_COVER_REDUCE, "reduce", "lower the cover (MSG07 Request 8)"},
	{IFGW_COVER_CANCEL, "cancel", "cancel the cover (MSG07 Request 7 or 10)"},
	{IFGW_COVER_PROLONG, "prolong", "extend the expiry (MSG07 Request 9)"},
	{IFGW_COVER_CHANGE_TERMS, "change-terms", "change the credit period or expiry (MSG07 Request 5)"},
};
static const struct ifgw_code cover_decision[] = {
	{IFGW_COVER_APPROVED, "approved", "cover granted as asked"},
	{IFGW_COVER_PARTLY_APPROVED, "partly-approved", "cover granted below the amount asked"},
	{IFGW_COVER_DECLINED, "declined", "no cover"},
	{IFGW_COVER_PENDING, "pending", "not decided yet"},
	{IFGW_COVER_CANCELLED, "cancelled", "the cover is withdrawn"},
};
static const struct ifgw_code adjust_kind[] = {
	{IFGW_ADJUST_CHANGE, "change", "FCI MessageFunction 10: new dates or terms"},
	{IFGW_ADJUST_CANCEL, "cancel", "FCI MessageFunction 9: the document is cancelled"},
};
static const struct ifgw_code pay_type[] = {
	{IFGW_PAY_FULL, "full", "FCI PaymentType 1: closes the document"},
	{IFGW_PAY_PARTIAL, "partial", "FCI PaymentType 2: part payment"},
};
static const struct ifgw_code chargeback_kind[] = {
	{IFGW_CHARGEBACK, "charge-back", "FCI MessageType 1"},
	{IFGW_REASSIGNMENT, "reassignment", "FCI MessageType 2"},
};
static const struct ifgw_code item_status[] = {
	{IFGW_ITEM_ACCEPTED, "accepted", ""},
	{IFGW_ITEM_REJECTED, "rejected", ""},
	{IFGW_ITEM_PENDING, "pending", ""},
	{IFGW_ITEM_PARTLY_ACCEPTED, "partly-accepted", "whole batch or request only"},
};
static const struct ifgw_code fin_status[] = {
	{IFGW_FIN_FINANCED, "financed", "ISO 20022 FNCD"},
	{IFGW_FIN_PENDING, "pending", "ISO 20022 PDNG"},
	{IFGW_FIN_NOT_FINANCED, "not-financed", "ISO 20022 NTFD"},
};

static const struct ifgw_code seller_function[] = {{1, "1", ""}, {2, "2", ""}};
static const struct ifgw_code cover_function[] = {
	{4, "4", ""}, {5, "5", "limit type 1 (revolving cover, inferred)"},
	{6, "6", "limit type 2 (order-specific cover, inferred)"}, {7, "7", ""},
};
static const struct ifgw_code reply_function[] = {
	{7, "7", "cancellation-type reply"},
	{8, "8", "normal reply"},
};
static const struct ifgw_code service[] = {
	{1, "1", "with credit cover"}, {2, "2", ""}, {3, "3", "without credit cover"}, {4, "4", ""},
};
static const struct ifgw_code request[] = {
	{2, "2", ""}, {3, "3", "cover in an additional invoice currency"}, {4, "4", "zero-amount request"},
	{5, "5", "change of credit period or expiry"}, {6, "6", "increase"}, {7, "7", "cancellation"},
	{8, "8", "reduction"}, {9, "9", "prolongation"}, {10, "10", "cancellation"},
};
static const struct ifgw_code response[] = {
	{1, "1", "approved"}, {2, "2", "negative outcome"}, {3, "3", ""}, {4, "4", ""}, {5, "5", "negative outcome"},
	{6, "6", "cancelled"}, {7, "7", "cover cancelled (MSG08)"}, {8, "8", "reduction (MSG08)"}, {9, "9", ""},
};
static const struct ifgw_code cover_reason[] = {
	{1, "1", ""}, {2, "2", ""}, {3, "3", ""}, {4, "4", ""}, {5, "5", ""}, {6, "6", ""},
	{7, "7", ""}, {8, "8", ""}, {9, "9", ""}, {10, "10", ""}, {11, "11", ""}, {12, "12", ""},
	{13, "13", ""}, {14, "14", ""}, {15, "15", ""}, {16, "16", ""}, {99, "99", "other (see the text)"},
};
static const struct ifgw_code pay_condition[] = {
	{1, "1", ""}, {2, "2", ""}, {3, "3", ""}, {4, "4", ""}, {5, "5", ""}, {6, "6", ""}, {99, "99", "other"},
};
static const struct ifgw_code doc_paid[] = {
	{1, "1", "invoice"}, {2, "2", "credit note"}, {3, "3", ""}, {4, "4", ""}, {5, "5", ""}, {8, "8", ""},
};
static const struct ifgw_code dispute_reason[] = {
	{1, "1", ""}, {2, "2", ""}, {3, "3", ""}, {4, "4", ""}, {5, "5", ""}, {6, "6", ""},
	{7, "7", ""}, {8, "8", ""}, {9, "9", ""}, {10, "10", ""}, {11, "11", ""}, {12, "12", ""},
	{13, "13", ""}, {14, "14", ""}, {15, "15", ""}, {16, "16", ""}, {17, "17", ""}, {18, "18", ""},
	{19, "19", ""}, {20, "20", ""}, {21, "21", ""}, {22, "22", ""}, {23, "23", ""},
};
static const struct ifgw_code dispute_status[] = {
	{1, "1", "open"}, {2, "2", "open"}, {IFGW_DISPUTE_SETTLED, "3", "settled"},
};
static const struct ifgw_code instruction[] = {{1, "1", ""}, {2, "2", ""}};
static const struct ifgw_code action[] = {
	{1, "1", ""}, {2, "2", ""}, {3, "3", ""}, {4, "4", ""}, {5, "5", ""}, {6, "6", ""}, {7, "7", ""}, {8, "8", ""},
};
static const struct ifgw_code pay_method[] = {{5, "5", ""}, {6, "6", ""}, {7, "7", ""}, {8, "8", ""}};
static const struct ifgw_code pay_channel[] = {{1, "1", ""}, {2, "2", ""}, {3, "3", ""}, {4, "4", ""}};

static const struct ifgw_code_list lists[IFGW_CL_COUNT_] = {
	[IFGW_CL_ROLE] = {"Role", role, N(role)},
	[IFGW_CL_YESNO] = {"YesNo", yesno, N(yesno)},
	[IFGW_CL_DOC_TYPE] = {"DocumentType", doc_type, N(doc_type)},
	[IFGW_CL_COVER_KIND] = {"CoverKind", cover_kind, N(cover_kind)},
	[IFGW_CL_COVER_DECISION] = {"CoverDecision", cover_decision, N(cover_decision)},
	[IFGW_CL_ADJUST_KIND] = {"AdjustmentKind", adjust_kind, N(adjust_kind)},
	[IFGW_CL_PAY_TYPE] = {"PaymentType", pay_type, N(pay_type)},
	[IFGW_CL_CHARGEBACK_KIND] = {"ChargeBackKind", chargeback_kind, N(chargeback_kind)},
	[IFGW_CL_ITEM_STATUS] = {"ItemStatus", item_status, N(item_status)},
	[IFGW_CL_FIN_STATUS] = {"FinancingStatusCode", fin_status, N(fin_status)},
	[IFGW_CL_SELLER_FUNCTION] = {"FciSellerFunction", seller_function, N(seller_function)},
	[IFGW_CL_COVER_FUNCTION] = {"FciCoverFunction", cover_function, N(cover_function)},
	[IFGW_CL_REPLY_FUNCTION] = {"FciReplyFunction", reply_function, N(reply_function)},
	[IFGW_CL_SERVICE] = {"FciServiceRequired", service, N(service)},
	[IFGW_CL_REQUEST] = {"FciRequest", request, N(request)},
	[IFGW_CL_RESPONSE] = {"FciResponse", response, N(response)},
	[IFGW_CL_COVER_REASON] = {"FciCoverReason", cover_reason, N(cover_reason)},
	[IFGW_CL_PAY_CONDITION] = {"FciPaymentCondition", pay_condition, N(pay_condition)},
	[IFGW_CL_DOC_PAID] = {"FciDocumentPaid", doc_paid, N(doc_paid)},
	[IFGW_CL_DISPUTE_REASON] = {"FciDisputeReason", dispute_reason, N(dispute_reason)},
	[IFGW_CL_DISPUTE_STATUS] = {"FciDisputeStatus", dispute_status, N(dispute_status)},
	[IFGW_CL_INSTRUCTION] = {"FciInstructionStatus", instruction, N(instruction)},
	[IFGW_CL_ACTION] = {"FciActionTaken", action, N(action)},
	[IFGW_CL_PAY_METHOD] = {"FciPaymentMethod", pay_method, N(pay_method)},
	[IFGW_CL_PAY_CHANNEL] = {"FciPaymentChannel", pay_channel, N(pay_channel)},
};

const struct ifgw_code_list *ifgw_code_list_get(int id)
{
	if (id < 0 || id >= IFGW_CL_COUNT_)
		return NULL;
	return &lists[id];
}

const struct ifgw_code *ifgw_code_find(int list_id, int value)
{
	const struct ifgw_code_list *l = ifgw_code_list_get(list_id);
	size_t i;

	if (!l)
		return NULL;
	for (i = 0; i < l->count; i++)
		if (l->codes[i].value == value)
			return &l->codes[i];
	return NULL;
}

const struct ifgw_code *ifgw_code_from_token(int list_id, const char *token, size_t len)
{
	const struct ifgw_code_list *l = ifgw_code_list_get(list_id);
	size_t i;

	if (!l)
		return NULL;
	for (i = 0; i < l->count; i++)
		if (strlen(l->codes[i].token) == len && memcmp(l->codes[i].token, token, len) == 0)
			return &l->codes[i];
	return NULL;
}

const char *ifgw_code_token(int list_id, int value)
{
	const struct ifgw_code *c = ifgw_code_find(list_id, value);

	return c ? c->token : "?";
}

/* ISO 3166-1 alpha-2, sorted, two letters each. */
static const char countries[] =
	"ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQ"
	"BRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDM"
	"DODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGS"
	"GTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKN"
	"KPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQ"
	"MRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPM"
	"PNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSV"
	"SXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVI"
	"VNVUWFWSYEYTZAZMZW";

static int country_known(const char *cc)
{
	size_t lo = 0, hi = (sizeof(countries) - 1) / 2;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = memcmp(cc, countries + 2 * mid, 2);

		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

int ifgw_country_check(const char *cc, size_t len)
{
	int qlen = (int)(len > 16 ? 16 : len);

	IFGW_ASSERT_ARG(cc || !len);

	if (len != 2 || !is_upper(cc[0]) || !is_upper(cc[1]))
		return ifgw_error_set(IFGW_EINVAL, "country '%.*s' is not two upper-case letters (ISO 3166-1 alpha-2)",
				      qlen, cc);
	if (!country_known(cc))
		return ifgw_error_set(IFGW_EINVAL, "country '%.2s' is not an ISO 3166-1 country", cc);
	return IFGW_OK;
}

int ifgw_factor_code_check(const char *code, size_t len)
{
	int qlen = (int)(len > 16 ? 16 : len);
	size_t i;

	IFGW_ASSERT_ARG(code || !len);

	if (len != 7)
		return ifgw_error_set(IFGW_EINVAL, "factor code '%.*s' is not 7 characters (e.g. DE00123)", qlen, code);
	if (!is_upper(code[0]) || !is_upper(code[1]))
		return ifgw_error_set(IFGW_EINVAL, "factor code '%.7s' does not start with a country code", code);
	for (i = 2; i < 7; i++)
		if (code[i] < '0' || code[i] > '9')
			return ifgw_error_set(IFGW_EINVAL, "factor code '%.7s' does not end in five digits", code);
	if (!country_known(code))
		return ifgw_error_set(IFGW_EINVAL, "factor code '%.7s': %.2s is not an ISO 3166-1 country", code,
				      code);
	return IFGW_OK;
}
