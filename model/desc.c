/* desc.c: the field tables of every struct of the canonical model, in XML
 * element order (see model_int.h). */
#include "config.h"

#include <stddef.h>

#define IFGW_MODEL_INTERNAL
#include "model/model_int.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MEMBER(st, f) (((st *)0)->f)

#define FLD(st, f, nm, k, rq) {.name = nm, .kind = k, .req = rq, .off = offsetof(st, f), .size = sizeof(MEMBER(st, f))}
#define TEXT(st, f, nm, rq) FLD(st, f, nm, FK_TEXT, rq)
#define FACTOR(st, f, nm, rq) FLD(st, f, nm, FK_FACTOR, rq)
#define COUNTRY(st, f, nm, rq) FLD(st, f, nm, FK_COUNTRY, rq)
#define LANG(st, f, nm, rq) FLD(st, f, nm, FK_LANG, rq)
#define DATE(st, f, nm, rq) FLD(st, f, nm, FK_DATE, rq)
#define TIME(st, f, nm, rq) FLD(st, f, nm, FK_TIME, rq)
#define SEQ(st, f, nm, rq) FLD(st, f, nm, FK_SEQ, rq)
#define PCT(st, f, nm, rq) FLD(st, f, nm, FK_PCT, rq)
#define BOOL(st, f, nm) FLD(st, f, nm, FK_BOOL, 0)
#define MONEY(st, f, nm, rq) FLD(st, f, nm, FK_MONEY, rq)
#define SMONEY(st, f, nm, rq) FLD(st, f, nm, FK_SMONEY, rq)
#define CCY(st, f, nm, rq) FLD(st, f, nm, FK_CCY, rq)
#define INT(st, f, nm, rq, lo, hi)                                                                                 \
	{.name = nm, .kind = FK_INT, .req = rq, .off = offsetof(st, f), .size = sizeof(MEMBER(st, f)), .min = lo,  \
	 .max = hi}
#define CODE(st, f, nm, rq, l)                                                                                     \
	{.name = nm, .kind = FK_CODE, .req = rq, .list = l, .off = offsetof(st, f), .size = sizeof(MEMBER(st, f))}
#define GROUP(st, f, nm, rq, d)                                                                                    \
	{.name = nm, .kind = FK_GROUP, .req = rq, .off = offsetof(st, f), .size = sizeof(MEMBER(st, f)), .sub = &d}
#define LINES(st, f, nm)                                                                                           \
	{.name = nm, .kind = FK_LINES, .off = offsetof(st, f), .size = sizeof(MEMBER(st, f)[0]),                  \
	 .max = N(MEMBER(st, f))}
#define CCYS(st, f, cnt, nm, rq)                                                                                   \
	{.name = nm, .kind = FK_CCYS, .req = rq, .off = offsetof(st, f), .size = sizeof(MEMBER(st, f)[0]),        \
	 .count_off = offsetof(st, cnt), .max = N(MEMBER(st, f))}
#define LIST(st, f, cnt, nm, rq, d)                                                                                \
	{.name = nm, .kind = FK_LIST, .req = rq, .off = offsetof(st, f), .size = sizeof(MEMBER(st, f)[0]),        \
	 .count_off = offsetof(st, cnt), .max = N(MEMBER(st, f)), .sub = &d}
#define ITEMS(st, f, cnt, nm, rq, d)                                                                               \
	{.name = nm, .kind = FK_ITEMS, .req = rq, .off = offsetof(st, f), .size = sizeof(*MEMBER(st, f)),         \
	 .count_off = offsetof(st, cnt), .max = IFGW_MSG_ITEMS_MAX, .sub = &d}
#define SDESC(var, st, tname) const struct ifgw_sdesc var = {tname, var##_f, N(var##_f), sizeof(st)}

/* --- shared fragments */

#define S struct ifgw_factor
static const struct ifgw_field desc_factor_f[] = {
	FACTOR(S, code, "Code", 1),
	TEXT(S, name, "Name", 0),
};
#undef S
static SDESC(desc_factor, struct ifgw_factor, "Factor");

#define S struct ifgw_msg_header
static const struct ifgw_field ifgw_desc_header_f[] = {
	TEXT(S, id, "Id", 1),
	GROUP(S, sender, "Sender", 1, desc_factor),
	GROUP(S, receiver, "Receiver", 1, desc_factor),
	CODE(S, sender_role, "SenderRole", 0, IFGW_CL_ROLE),
	SEQ(S, seq, "Sequence", 1),
	TIME(S, created, "Created", 1),
	TEXT(S, created_by, "CreatedBy", 0),
	TEXT(S, related_id, "RelatedId", 0),
	INT(S, wire_status, "WireStatus", 0, 0, 999),
	INT(S, error_code, "ErrorCode", 0, 0, 999),
	TEXT(S, error_text, "ErrorText", 0),
};
#undef S
SDESC(ifgw_desc_header, struct ifgw_msg_header, "Header");

#define S struct ifgw_party_ref
static const struct ifgw_field desc_party_ref_f[] = {
	TEXT(S, nr, "Nr", 0),
	TEXT(S, name, "Name", 0),
};
#undef S
static SDESC(desc_party_ref, struct ifgw_party_ref, "PartyRef");

#define S struct ifgw_party
static const struct ifgw_field ifgw_desc_party_f[] = {
	TEXT(S, nr, "Nr", 0),
	TEXT(S, own_nr, "OwnNr", 0),
	TEXT(S, name, "Name", 0),
	LINES(S, street, "Street"),
	TEXT(S, city, "City", 0),
	TEXT(S, postcode, "Postcode", 0),
	TEXT(S, region, "Region", 0),
	COUNTRY(S, country, "Country", 0),
	TEXT(S, reg_nr, "RegistrationNr", 0),
	TEXT(S, reg_agency, "RegistrationAgency", 0),
	TEXT(S, vat_nr, "VatNr", 0),
};
#undef S
SDESC(ifgw_desc_party, struct ifgw_party, "Party");

#define S struct ifgw_contact
static const struct ifgw_field desc_contact_f[] = {
	TEXT(S, name, "Name", 0),
	TEXT(S, phone, "Phone", 0),
	TEXT(S, fax, "Fax", 0),
	TEXT(S, email, "Email", 0),
};
#undef S
static SDESC(desc_contact, struct ifgw_contact, "Contact");

#define S struct ifgw_bank
static const struct ifgw_field desc_bank_f[] = {
	TEXT(S, account, "Account", 0),
	TEXT(S, bic, "Bic", 0),
	TEXT(S, bank_name, "BankName", 0),
	TEXT(S, branch_name, "BranchName", 0),
};
#undef S
static SDESC(desc_bank, struct ifgw_bank, "Bank");

#define S struct ifgw_terms
static const struct ifgw_field ifgw_desc_terms_f[] = {
	INT(S, net_days, "NetDays", 0, 0, 999),
	INT(S, discount1_days, "Discount1Days", 0, 0, 999),
	PCT(S, discount1_pct, "Discount1Percent", 0),
	INT(S, discount2_days, "Discount2Days", 0, 0, 999),
	PCT(S, discount2_pct, "Discount2Percent", 0),
};
#undef S
SDESC(ifgw_desc_terms, struct ifgw_terms, "Terms");

#define S struct ifgw_invoice
static const struct ifgw_field ifgw_desc_invoice_f[] = {
	CODE(S, doc_type, "DocType", 1, IFGW_CL_DOC_TYPE),
	TEXT(S, number, "Number", 1),
	DATE(S, issue_date, "IssueDate", 1),
	DATE(S, due_date, "DueDate", 1),
	DATE(S, value_date, "ValueDate", 0),
	MONEY(S, amount, "Amount", 1),
	MONEY(S, taxable_amount, "TaxableAmount", 0),
	MONEY(S, tax_amount, "TaxAmount", 0),
	GROUP(S, seller, "Seller", 0, ifgw_desc_party),
	GROUP(S, buyer, "Buyer", 1, ifgw_desc_party),
	GROUP(S, terms, "Terms", 0, ifgw_desc_terms),
	CODE(S, payment_condition, "PaymentCondition", 0, IFGW_CL_PAY_CONDITION),
	TEXT(S, order_ref, "OrderRef", 0),
	TEXT(S, invoice_ref, "InvoiceRef", 0),
};
#undef S
SDESC(ifgw_desc_invoice, struct ifgw_invoice, "Invoice");

/* --- bodies */

#define S struct ifgw_seller_registration
static const struct ifgw_field desc_seller_reg_f[] = {
	DATE(S, date, "Date", 1),
	CODE(S, function, "Function", 1, IFGW_CL_SELLER_FUNCTION),
	DATE(S, agreement_signed, "AgreementSigned", 0),
	GROUP(S, seller, "Seller", 1, ifgw_desc_party),
	GROUP(S, seller_bank, "SellerBank", 0, desc_bank),
	TEXT(S, business, "Business", 1),
	GROUP(S, terms, "Terms", 1, ifgw_desc_terms),
	INT(S, grace_days, "GraceDays", 0, 0, 999),
	CCYS(S, currencies, n_currencies, "InvoiceCurrency", 1),
	PCT(S, chargeback_pct, "ChargeBackPercent", 1),
	MONEY(S, chargeback_amount, "ChargeBackAmount", 1),
	TEXT(S, expected_total_turnover, "ExpectedTotalTurnover", 1),
	INT(S, expected_buyers, "ExpectedBuyers", 1, 0, 65535),
	INT(S, expected_invoices, "ExpectedInvoices", 1, 0, 65535),
	INT(S, expected_credit_notes, "ExpectedCreditNotes", 0, 0, 65535),
	TEXT(S, expected_turnover, "ExpectedTurnover", 1),
	TEXT(S, expected_other_turnover, "ExpectedOtherTurnover", 1),
	TEXT(S, other_factors, "OtherFactors", 1),
	CODE(S, service, "Service", 1, IFGW_CL_SERVICE),
	TEXT(S, delivery_terms, "DeliveryTerms", 0),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_seller_reg, struct ifgw_seller_registration, "SellerRegistrationBody");

#define S struct ifgw_cover_request
static const struct ifgw_field desc_cover_request_f[] = {
	CODE(S, kind, "Kind", 1, IFGW_CL_COVER_KIND),
	BOOL(S, reminder, "Reminder"),
	TEXT(S, request_nr, "RequestNr", 1),
	DATE(S, request_date, "RequestDate", 1),
	TEXT(S, cover_nr, "CoverNr", 0),
	CODE(S, function, "Function", 0, IFGW_CL_COVER_FUNCTION),
	CODE(S, request_code, "RequestCode", 0, IFGW_CL_REQUEST),
	GROUP(S, seller, "Seller", 1, ifgw_desc_party),
	GROUP(S, buyer, "Buyer", 1, ifgw_desc_party),
	GROUP(S, buyer_contact, "BuyerContact", 0, desc_contact),
	CODE(S, direct_contact, "DirectContact", 0, IFGW_CL_YESNO),
	GROUP(S, buyer_bank, "BuyerBank", 0, desc_bank),
	MONEY(S, amount, "Amount", 1),
	MONEY(S, current_amount, "CurrentAmount", 0),
	DATE(S, current_expiry, "CurrentExpiry", 0),
	DATE(S, valid_from, "ValidFrom", 0),
	DATE(S, expiry_date, "ExpiryDate", 0),
	MONEY(S, own_risk_amount, "OwnRiskAmount", 0),
	PCT(S, own_risk_pct, "OwnRiskPercent", 0),
	GROUP(S, terms, "Terms", 0, ifgw_desc_terms),
	INT(S, long_credit_days, "LongCreditDays", 0, 0, 999),
	TEXT(S, order_nr, "OrderNr", 0),
	DATE(S, late_shipment_date, "LateShipmentDate", 0),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_cover_request, struct ifgw_cover_request, "CoverRequestBody");

#define S struct ifgw_cover_response
static const struct ifgw_field desc_cover_response_f[] = {
	CODE(S, decision, "Decision", 1, IFGW_CL_COVER_DECISION),
	CODE(S, response_code, "ResponseCode", 0, IFGW_CL_RESPONSE),
	CODE(S, reason, "Reason", 0, IFGW_CL_COVER_REASON),
	CODE(S, request_kind, "RequestKind", 1, IFGW_CL_COVER_KIND),
	CODE(S, function, "Function", 0, IFGW_CL_REPLY_FUNCTION),
	DATE(S, reply_date, "ReplyDate", 1),
	TEXT(S, cover_nr, "CoverNr", 1),
	TEXT(S, request_nr, "RequestNr", 0),
	DATE(S, request_date, "RequestDate", 0),
	GROUP(S, seller, "Seller", 1, ifgw_desc_party),
	GROUP(S, buyer, "Buyer", 1, ifgw_desc_party),
	GROUP(S, buyer_contact, "BuyerContact", 0, desc_contact),
	MONEY(S, amount, "Amount", 1),
	MONEY(S, current_amount, "CurrentAmount", 0),
	DATE(S, current_expiry, "CurrentExpiry", 0),
	MONEY(S, own_risk_amount, "OwnRiskAmount", 0),
	PCT(S, own_risk_pct, "OwnRiskPercent", 0),
	INT(S, long_credit_days, "LongCreditDays", 0, 0, 999),
	DATE(S, valid_from, "ValidFrom", 0),
	DATE(S, expiry_date, "ExpiryDate", 0),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_cover_response, struct ifgw_cover_response, "CoverResponseBody");

#define S struct ifgw_batch_total
static const struct ifgw_field desc_batch_total_f[] = {
	CCY(S, ccy, "Currency", 1),
	INT(S, n_invoices, "InvoiceCount", 1, 0, IFGW_MSG_ITEMS_MAX),
	INT(S, n_credit_notes, "CreditNoteCount", 1, 0, IFGW_MSG_ITEMS_MAX),
	MONEY(S, invoices, "Invoices", 1),
	MONEY(S, credit_notes, "CreditNotes", 1),
};
#undef S
static SDESC(desc_batch_total, struct ifgw_batch_total, "BatchTotal");

#define S struct ifgw_assignment_batch
static const struct ifgw_field desc_batch_f[] = {
	TEXT(S, batch_nr, "BatchNr", 1),
	DATE(S, batch_date, "BatchDate", 1),
	GROUP(S, seller, "Seller", 1, ifgw_desc_party),
	ITEMS(S, items, n_items, "Invoice", 1, ifgw_desc_invoice),
	LIST(S, totals, n_totals, "Total", 1, desc_batch_total),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_batch, struct ifgw_assignment_batch, "AssignmentBatchBody");

#define S struct ifgw_assignment_item
static const struct ifgw_field desc_assignment_item_f[] = {
	CODE(S, doc_type, "DocType", 1, IFGW_CL_DOC_TYPE),
	TEXT(S, number, "Number", 1),
	DATE(S, issue_date, "IssueDate", 0),
	MONEY(S, amount, "Amount", 0),
	CODE(S, status, "Status", 1, IFGW_CL_ITEM_STATUS),
	TEXT(S, reason_code, "ReasonCode", 0),
	TEXT(S, reason_text, "ReasonText", 0),
	MONEY(S, approved_amount, "ApprovedAmount", 0),
};
#undef S
static SDESC(desc_assignment_item, struct ifgw_assignment_item, "AssignmentItem");

#define S struct ifgw_assignment_status
static const struct ifgw_field desc_assignment_status_f[] = {
	TEXT(S, batch_nr, "BatchNr", 1),
	DATE(S, batch_date, "BatchDate", 0),
	DATE(S, status_date, "StatusDate", 1),
	CODE(S, status, "Status", 1, IFGW_CL_ITEM_STATUS),
	TEXT(S, reason_code, "ReasonCode", 0),
	TEXT(S, reason_text, "ReasonText", 0),
	ITEMS(S, items, n_items, "Item", 0, desc_assignment_item),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_assignment_status, struct ifgw_assignment_status, "AssignmentStatusBody");

#define S struct ifgw_debtor_notice
static const struct ifgw_field desc_debtor_notice_f[] = {
	DATE(S, notice_date, "NoticeDate", 1),
	GROUP(S, debtor, "Debtor", 1, ifgw_desc_party),
	GROUP(S, seller, "Seller", 1, ifgw_desc_party),
	GROUP(S, assignee, "Assignee", 1, ifgw_desc_party),
	GROUP(S, pay_to, "PayTo", 1, desc_bank),
	LANG(S, lang, "Language", 0),
	ITEMS(S, items, n_items, "Invoice", 1, ifgw_desc_invoice),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_debtor_notice, struct ifgw_debtor_notice, "DebtorNoticeBody");

#define S struct ifgw_adjustment
static const struct ifgw_field desc_adjustment_f[] = {
	DATE(S, date, "Date", 1),
	CODE(S, kind, "Kind", 1, IFGW_CL_ADJUST_KIND),
	CODE(S, doc_type, "DocType", 1, IFGW_CL_DOC_TYPE),
	TEXT(S, doc_nr, "DocNr", 1),
	DATE(S, doc_date, "DocDate", 1),
	CCY(S, currency, "Currency", 1),
	GROUP(S, seller, "Seller", 1, desc_party_ref),
	GROUP(S, buyer, "Buyer", 1, desc_party_ref),
	DATE(S, value_date, "ValueDate", 0),
	DATE(S, due_date, "DueDate", 0),
	GROUP(S, terms, "Terms", 0, ifgw_desc_terms),
	CODE(S, payment_condition, "PaymentCondition", 0, IFGW_CL_PAY_CONDITION),
	TEXT(S, order_ref, "OrderRef", 0),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_adjustment, struct ifgw_adjustment, "DocumentAdjustmentBody");

#define S struct ifgw_payment_item
static const struct ifgw_field desc_payment_item_f[] = {
	GROUP(S, buyer, "Buyer", 1, desc_party_ref),
	CODE(S, doc_paid, "DocPaid", 1, IFGW_CL_DOC_PAID),
	TEXT(S, doc_nr, "DocNr", 0),
	DATE(S, doc_date, "DocDate", 0),
	MONEY(S, doc_amount, "DocAmount", 0),
	MONEY(S, paid, "Paid", 1),
	MONEY(S, bank_charge, "BankCharge", 1),
	MONEY(S, deduction, "Deduction", 0),
	CODE(S, pay_type, "PayType", 0, IFGW_CL_PAY_TYPE),
	DATE(S, pay_date, "PayDate", 0),
	DATE(S, value_date, "ValueDate", 0),
};
#undef S
static SDESC(desc_payment_item, struct ifgw_payment_item, "PaymentItem");

#define S struct ifgw_payment
static const struct ifgw_field desc_payment_f[] = {
	TEXT(S, batch_nr, "BatchNr", 1),
	DATE(S, batch_date, "BatchDate", 1),
	CCY(S, currency, "Currency", 1),
	GROUP(S, seller, "Seller", 1, desc_party_ref),
	ITEMS(S, items, n_items, "Item", 1, desc_payment_item),
	SMONEY(S, total_paid, "TotalPaid", 1),
	SMONEY(S, total_charges, "TotalCharges", 1),
	SMONEY(S, total_cleared, "TotalCleared", 1),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_payment, struct ifgw_payment, "PaymentBody");

#define S struct ifgw_dispute_item
static const struct ifgw_field desc_dispute_item_f[] = {
	CODE(S, doc_type, "DocType", 1, IFGW_CL_DOC_TYPE),
	TEXT(S, doc_nr, "DocNr", 0),
	DATE(S, doc_date, "DocDate", 0),
	MONEY(S, doc_amount, "DocAmount", 0),
	MONEY(S, disputed, "Disputed", 1),
	CODE(S, reason, "Reason", 1, IFGW_CL_DISPUTE_REASON),
	CODE(S, instruction, "Instruction", 0, IFGW_CL_INSTRUCTION),
	TEXT(S, notified_by, "NotifiedBy", 1),
	CODE(S, action, "Action", 0, IFGW_CL_ACTION),
};
#undef S
static SDESC(desc_dispute_item, struct ifgw_dispute_item, "DisputeItem");

#define S struct ifgw_dispute
static const struct ifgw_field desc_dispute_f[] = {
	DATE(S, date, "Date", 1),
	TEXT(S, dispute_nr, "DisputeNr", 1),
	DATE(S, origin_date, "OriginDate", 1),
	CCY(S, currency, "Currency", 1),
	CODE(S, status, "Status", 0, IFGW_CL_DISPUTE_STATUS),
	DATE(S, settlement_date, "SettlementDate", 0),
	GROUP(S, seller, "Seller", 1, desc_party_ref),
	GROUP(S, buyer, "Buyer", 1, desc_party_ref),
	ITEMS(S, items, n_items, "Item", 1, desc_dispute_item),
	TEXT(S, reason_text, "ReasonText", 0),
	TEXT(S, action_text, "ActionText", 0),
};
#undef S
static SDESC(desc_dispute, struct ifgw_dispute, "DisputeBody");

#define S struct ifgw_chargeback_item
static const struct ifgw_field desc_chargeback_item_f[] = {
	GROUP(S, buyer, "Buyer", 1, desc_party_ref),
	CODE(S, doc_type, "DocType", 1, IFGW_CL_DOC_TYPE),
	TEXT(S, doc_nr, "DocNr", 1),
	DATE(S, doc_date, "DocDate", 0),
	MONEY(S, doc_amount, "DocAmount", 1),
	MONEY(S, amount, "Amount", 1),
	CODE(S, reason, "Reason", 1, IFGW_CL_DISPUTE_REASON),
};
#undef S
static SDESC(desc_chargeback_item, struct ifgw_chargeback_item, "ChargeBackItem");

#define S struct ifgw_chargeback
static const struct ifgw_field desc_chargeback_f[] = {
	DATE(S, date, "Date", 1),
	CODE(S, kind, "Kind", 1, IFGW_CL_CHARGEBACK_KIND),
	TEXT(S, nr, "Nr", 1),
	CCY(S, currency, "Currency", 1),
	GROUP(S, seller, "Seller", 1, desc_party_ref),
	ITEMS(S, items, n_items, "Item", 1, desc_chargeback_item),
	SMONEY(S, total, "Total", 1),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_chargeback, struct ifgw_chargeback, "ChargeBackBody");

#define S struct ifgw_remittance_item
static const struct ifgw_field desc_remittance_item_f[] = {
	TEXT(S, msg_ref, "MsgRef", 1),
	DATE(S, msg_date, "MsgDate", 1),
	SMONEY(S, amount, "Amount", 1),
	MONEY(S, bank_charge, "BankCharge", 0),
};
#undef S
static SDESC(desc_remittance_item, struct ifgw_remittance_item, "RemittanceItem");

#define S struct ifgw_remittance
static const struct ifgw_field desc_remittance_f[] = {
	DATE(S, date, "Date", 1),
	TEXT(S, remit_nr, "RemitNr", 0),
	CCY(S, currency, "Currency", 1),
	DATE(S, remit_date, "RemitDate", 1),
	DATE(S, value_date, "ValueDate", 0),
	CODE(S, method, "Method", 0, IFGW_CL_PAY_METHOD),
	CODE(S, channel, "Channel", 0, IFGW_CL_PAY_CHANNEL),
	GROUP(S, seller, "Seller", 0, desc_party_ref),
	GROUP(S, beneficiary, "Beneficiary", 0, desc_party_ref),
	ITEMS(S, items, n_items, "Item", 1, desc_remittance_item),
	SMONEY(S, total, "Total", 1),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_remittance, struct ifgw_remittance, "RemittanceBody");

#define S struct ifgw_financing_item
static const struct ifgw_field desc_financing_item_f[] = {
	GROUP(S, invoice, "Invoice", 1, ifgw_desc_invoice),
	MONEY(S, requested, "RequestedAmount", 0),
	PCT(S, requested_pct, "RequestedPercent", 0),
};
#undef S
static SDESC(desc_financing_item, struct ifgw_financing_item, "FinancingItem");

#define S struct ifgw_financing_request
static const struct ifgw_field desc_financing_request_f[] = {
	TEXT(S, request_nr, "RequestNr", 1),
	CCY(S, currency, "Currency", 1),
	GROUP(S, requester, "Requester", 1, ifgw_desc_party),
	GROUP(S, credit_account, "CreditAccount", 0, desc_bank),
	TEXT(S, agreement, "Agreement", 0),
	ITEMS(S, items, n_items, "Item", 1, desc_financing_item),
	SMONEY(S, total, "Total", 0),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_financing_request, struct ifgw_financing_request, "FinancingRequestBody");

#define S struct ifgw_financing_item_status
static const struct ifgw_field desc_financing_item_status_f[] = {
	TEXT(S, doc_nr, "DocNr", 1),
	MONEY(S, amount, "Amount", 1),
	DATE(S, issue_date, "IssueDate", 1),
	DATE(S, due_date, "DueDate", 1),
	CODE(S, status, "Status", 1, IFGW_CL_FIN_STATUS),
	TEXT(S, reason_code, "ReasonCode", 0),
	TEXT(S, reason_text, "ReasonText", 0),
	MONEY(S, financed, "Financed", 0),
};
#undef S
static SDESC(desc_financing_item_status, struct ifgw_financing_item_status, "FinancingItemStatus");

#define S struct ifgw_financing_status
static const struct ifgw_field desc_financing_status_f[] = {
	TEXT(S, request_nr, "RequestNr", 1),
	TIME(S, request_created, "RequestCreated", 1),
	CODE(S, status, "Status", 1, IFGW_CL_ITEM_STATUS),
	TEXT(S, reason_code, "ReasonCode", 0),
	TEXT(S, reason_text, "ReasonText", 0),
	INT(S, financed_count, "FinancedCount", 0, 0, IFGW_MSG_ITEMS_MAX),
	MONEY(S, accepted_total, "AcceptedTotal", 0),
	PCT(S, applied_pct, "AppliedPercent", 0),
	MONEY(S, financed_total, "FinancedTotal", 0),
	DATE(S, credit_date, "CreditDate", 0),
	GROUP(S, credit_account, "CreditAccount", 0, desc_bank),
	ITEMS(S, items, n_items, "Item", 0, desc_financing_item_status),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_financing_status, struct ifgw_financing_status, "FinancingStatusBody");

#define S struct ifgw_financing_cancellation
static const struct ifgw_field desc_financing_cancellation_f[] = {
	TEXT(S, request_nr, "RequestNr", 1),
	TIME(S, request_created, "RequestCreated", 1),
	INT(S, n_invoices, "InvoiceCount", 0, 0, IFGW_MSG_ITEMS_MAX),
	MONEY(S, total, "Total", 0),
	TEXT(S, reason, "Reason", 1),
	GROUP(S, requester, "Requester", 0, ifgw_desc_party),
};
#undef S
static SDESC(desc_financing_cancellation, struct ifgw_financing_cancellation, "FinancingCancellationBody");

#define S struct ifgw_position_line
static const struct ifgw_field desc_position_line_f[] = {
	CCY(S, currency, "Currency", 1),
	INT(S, n_invoices, "InvoiceCount", 1, 0, INT32_MAX),
	MONEY(S, assigned, "Assigned", 1),
	MONEY(S, approved, "Approved", 1),
	MONEY(S, funded, "Funded", 1),
	MONEY(S, available, "Available", 1),
	MONEY(S, overdue, "Overdue", 1),
	MONEY(S, disputed, "Disputed", 0),
};
#undef S
static SDESC(desc_position_line, struct ifgw_position_line, "PositionLine");

#define S struct ifgw_position
static const struct ifgw_field desc_position_f[] = {
	DATE(S, as_of, "AsOf", 1),
	TEXT(S, group_id, "GroupId", 1),
	GROUP(S, entity, "Entity", 1, ifgw_desc_party),
	ITEMS(S, items, n_items, "Line", 1, desc_position_line),
	TEXT(S, text, "Text", 0),
};
#undef S
static SDESC(desc_position, struct ifgw_position, "PositionStatementBody");

#define S struct ifgw_free_text
static const struct ifgw_field desc_free_text_f[] = {
	DATE(S, date, "Date", 1),
	GROUP(S, sender_contact, "SenderContact", 1, desc_contact),
	GROUP(S, recipient_contact, "RecipientContact", 1, desc_contact),
	GROUP(S, seller, "Seller", 0, desc_party_ref),
	GROUP(S, buyer, "Buyer", 0, desc_party_ref),
	LANG(S, lang, "Language", 0),
	TEXT(S, text, "Text", 1),
};
#undef S
static SDESC(desc_free_text, struct ifgw_free_text, "FreeTextBody");

static const struct ifgw_tdesc types[IFGW_MSG_TYPE_COUNT_] = {
	[IFGW_MSG_SELLER_REGISTRATION] = {&desc_seller_reg, "SellerRegistrationMessage"},
	[IFGW_MSG_COVER_REQUEST] = {&desc_cover_request, "CoverRequestMessage"},
	[IFGW_MSG_COVER_RESPONSE] = {&desc_cover_response, "CoverResponseMessage"},
	[IFGW_MSG_COVER_REVISION] = {&desc_cover_response, "CoverResponseMessage"},
	[IFGW_MSG_ASSIGNMENT_BATCH] = {&desc_batch, "AssignmentBatchMessage"},
	[IFGW_MSG_ASSIGNMENT_STATUS] = {&desc_assignment_status, "AssignmentStatusMessage"},
	[IFGW_MSG_DEBTOR_NOTICE] = {&desc_debtor_notice, "DebtorNoticeMessage"},
	[IFGW_MSG_DOCUMENT_ADJUSTMENT] = {&desc_adjustment, "DocumentAdjustmentMessage"},
	[IFGW_MSG_PAYMENT] = {&desc_payment, "PaymentMessage"},
	[IFGW_MSG_INDIRECT_PAYMENT] = {&desc_payment, "PaymentMessage"},
	[IFGW_MSG_GUARANTEE_PAYMENT] = {&desc_payment, "PaymentMessage"},
	[IFGW_MSG_DISPUTE_NOTICE] = {&desc_dispute, "DisputeMessage"},
	[IFGW_MSG_DISPUTE_STATUS] = {&desc_dispute, "DisputeMessage"},
	[IFGW_MSG_CHARGEBACK] = {&desc_chargeback, "ChargeBackMessage"},
	[IFGW_MSG_REMITTANCE] = {&desc_remittance, "RemittanceMessage"},
	[IFGW_MSG_FINANCING_REQUEST] = {&desc_financing_request, "FinancingRequestMessage"},
	[IFGW_MSG_FINANCING_STATUS] = {&desc_financing_status, "FinancingStatusMessage"},
	[IFGW_MSG_FINANCING_CANCELLATION] = {&desc_financing_cancellation, "FinancingCancellationMessage"},
	[IFGW_MSG_POSITION_STATEMENT] = {&desc_position, "PositionStatementMessage"},
	[IFGW_MSG_FREE_TEXT] = {&desc_free_text, "FreeTextMessage"},
};

const struct ifgw_tdesc *ifgw_desc_type(int type)
{
	if (type <= IFGW_MSG_NONE || type >= IFGW_MSG_TYPE_COUNT_)
		return NULL;
	return &types[type];
}

const struct ifgw_field *ifgw_desc_items(int type)
{
	const struct ifgw_tdesc *t = ifgw_desc_type(type);
	size_t i;

	if (!t)
		return NULL;
	for (i = 0; i < t->body->n; i++)
		if (t->body->fields[i].kind == FK_ITEMS)
			return &t->body->fields[i];
	return NULL;
}
