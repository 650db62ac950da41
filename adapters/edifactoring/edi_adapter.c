/* edi_adapter.c: the FCI edifactoring adapter, as registered. */
#include "config.h"

#define IFGW_EDIFACTORING_INTERNAL
#include "adapters/edifactoring/edifactoring_int.h"
#include "certs/xmldsig.h"

/* The one signature is the last child of the root: the FCI MSGnn place,
 * or (NULL) any root's for ifgw's own messages, whose root is not in the
 * FCI namespace. */
static const struct ifgw_dsig_place *edi_signature_place(int msg_type)
{
	if (msg_type == IFGW_MSG_ASSIGNMENT_STATUS || msg_type == IFGW_MSG_POSITION_STATEMENT)
		return NULL;
	return &ifgw_dsig_place_edifactoring;
}

/* Every edifactoring message declares the FCI namespace on its MSGnn root,
 * or ifgw's own on its Ifgw... root. */
static int edi_probe(const char *wire, size_t len)
{
	int fci = ifgw_adapter_probe_ns(wire, len, EDI_NS_PREFIX), ext = ifgw_adapter_probe_ns(wire, len, EDI_EXT_NS);

	return fci > ext ? fci : ext;
}

const struct ifgw_adapter ifgw_adapter_edifactoring = {
	.name = "edifactoring",
	.version = EDI_VERSION,
	.capabilities = IFGW_ADAPTER_CAP(IFGW_MSG_SELLER_REGISTRATION) | IFGW_ADAPTER_CAP(IFGW_MSG_COVER_REQUEST) |
			IFGW_ADAPTER_CAP(IFGW_MSG_COVER_RESPONSE) | IFGW_ADAPTER_CAP(IFGW_MSG_COVER_REVISION) |
			IFGW_ADAPTER_CAP(IFGW_MSG_ASSIGNMENT_BATCH) | IFGW_ADAPTER_CAP(IFGW_MSG_ASSIGNMENT_STATUS) |
			IFGW_ADAPTER_CAP(IFGW_MSG_DOCUMENT_ADJUSTMENT) | IFGW_ADAPTER_CAP(IFGW_MSG_PAYMENT) |
			IFGW_ADAPTER_CAP(IFGW_MSG_INDIRECT_PAYMENT) | IFGW_ADAPTER_CAP(IFGW_MSG_GUARANTEE_PAYMENT) |
			IFGW_ADAPTER_CAP(IFGW_MSG_DISPUTE_NOTICE) | IFGW_ADAPTER_CAP(IFGW_MSG_DISPUTE_STATUS) |
			IFGW_ADAPTER_CAP(IFGW_MSG_CHARGEBACK) | IFGW_ADAPTER_CAP(IFGW_MSG_REMITTANCE) |
			IFGW_ADAPTER_CAP(IFGW_MSG_POSITION_STATEMENT) | IFGW_ADAPTER_CAP(IFGW_MSG_FREE_TEXT),
	/* not carried: debtor notices and the financing messages (ISO 20022 tsin only) */
	.max_batch_items = EDI_MAX_ITEMS,
	.batch_one_currency = 1,
	.signature_place = edi_signature_place,
	.init = ifgw_edi_schema_init,
	.encode = ifgw_edi_encode,
	.decode = ifgw_edi_decode,
	.validate = ifgw_edi_validate,
	.probe = edi_probe,
	.fixed_charset = NULL, /* the partner's country charset */
};
