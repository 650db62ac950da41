/* xml_int.h: hardened XML loading and small path look-ups shared by the UBL
 * and CII readers.  Not for use outside gateway/ingest. */
#ifndef IFGW_INGEST_XML_INT_H
#define IFGW_INGEST_XML_INT_H

#ifndef IFGW_INGEST_INTERNAL
#error "xml_int.h is private to gateway/ingest"
#endif

#include <libxml/tree.h>

#include "gateway/ingest/ingest_int.h"

#define UBL_NS_INVOICE "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
#define UBL_NS_CREDIT_NOTE "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
#define UBL_NS_CAC "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define UBL_NS_CBC "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#define CII_NS_RSM "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
#define CII_NS_RAM "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
#define CII_NS_UDT "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"

/* A namespace prefix used in look-up paths, whatever the document calls it. */
struct ingest_xml_ns {
	const char *prefix;
	const char *uri;
};

/* Parse f's bytes (no network, no DTD, no entity expansion, depth and size
 * limits), keep the tree in f->xml and set f->format from the root
 * element.  A malformed or foreign document is a problem of the file
 * (f->failed).  Non-zero only for IFGW_ENOMEM. */
int ifgw_ingest_xml_load(struct ifgw_ingest *ing, struct ingest_file *f);
void ifgw_ingest_xml_free(struct ingest_file *f);

/* The first element reached from `from` by path ("cac:Party/cbc:Name",
 * prefixes from ns[], NULL-terminated), trying every same-named sibling on
 * the way; NULL when there is none. */
xmlNode *ifgw_ingest_xml_path(const xmlNode *from, const char *path, const struct ingest_xml_ns *ns);
/* The next sibling element after n with n's name and namespace. */
xmlNode *ifgw_ingest_xml_next_same(const xmlNode *n);
/* The element's text (text and CDATA children); *len bytes, not
 * NUL-terminated; tmp holds it when it comes in several pieces. */
const char *ifgw_ingest_xml_text(const xmlNode *n, size_t *len, struct ifgw_buf *tmp);
/* An attribute's value (no namespace), or NULL. */
const char *ifgw_ingest_xml_attr(const xmlNode *n, const char *name, size_t *len);

/* Note the schemeID of a party's legal registration id element n (may be
 * NULL) for the checks: base is F_S_ID (seller) or F_D_ID (buyer). */
void ifgw_ingest_reg_scheme(struct ingest_doc *d, int base, const xmlNode *n);
/* The same for a party identifier element (BT-29 seller, BT-46 buyer). */
void ifgw_ingest_id_scheme(struct ingest_doc *d, int base, const xmlNode *n);
unsigned ifgw_ingest_xml_line(const xmlNode *n);
/* 1 when the element has local name `name` in namespace `uri`. */
int ifgw_ingest_xml_is(const xmlNode *n, const char *uri, const char *name);

#endif
