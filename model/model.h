/* model.h: the canonical message model and its XML form (public API of
 * model/; the only header other modules include).
 *
 * The canonical XML form: namespace IFGW_MODEL_NS, one root element per
 * message type (ifgw_msg_type_name), self-explaining element names, amounts
 * as decimal text with a Ccy attribute (<Amount Ccy="EUR">1200.00</Amount>),
 * dates YYYY-MM-DD, times YYYY-MM-DDTHH:MM:SSZ, percentages as N3.4 text.
 * The schema is model/schema/ifgw-canonical-1.xsd (installed data,
 * found with ifgw_datadir_find).
 *
 *     struct ifgw_msg *m = NULL;
 *     struct ifgw_buf xml;
 *     ifgw_buf_init(&xml, IFGW_MODEL_XML_MAX);
 *     if ((rc = ifgw_msg_read_file(&m, "batch.xml")) == IFGW_OK)
 *             rc = ifgw_msg_write_xml(&xml, m);
 *     ...
 *     ifgw_msg_free(m);
 *     ifgw_buf_free(&xml); */
#ifndef IFGW_MODEL_MODEL_H
#define IFGW_MODEL_MODEL_H

#include <stddef.h>

#include "base/buf.h"
#include "model/codes.h"
#include "model/invoice.h"
#include "model/message.h"
#include "model/text.h"

#define IFGW_MODEL_NS "urn:ifgw:canonical:1"
#define IFGW_MODEL_SCHEMA "model/schema/ifgw-canonical-1.xsd"
/* Largest canonical XML document read or written. */
#define IFGW_MODEL_XML_MAX (64u << 20)

/* Append the canonical XML of m (after ifgw_msg_check) to out: UTF-8,
 * deterministic, byte-stable (the same message always gives the same
 * bytes), ending in a newline. */
int ifgw_msg_write_xml(struct ifgw_buf *out, const struct ifgw_msg *m);

/* Parse len bytes of canonical XML: no network, no DTD, no entities, size
 * and depth limits; validated against the XSD; mapped with strict checks
 * and ifgw_msg_check().  `name` is used in messages: "batch.xml:14:
 * Invoice/Amount: ...".  *out is the caller's (ifgw_msg_free). */
int ifgw_msg_read_xml(struct ifgw_msg **out, const char *data, size_t len, const char *name);

/* ifgw_msg_read_xml() on a file ("-" reads standard input). */
int ifgw_msg_read_file(struct ifgw_msg **out, const char *path);

/* Validate len bytes against the canonical XSD only (no mapping). */
int ifgw_model_validate_xml(const char *data, size_t len, const char *name);

/* Write the canonical XSD, as built from the model's own field tables, to
 * out (the file in the tree is this text; a test keeps them equal). */
int ifgw_model_schema_write(struct ifgw_buf *out);

#endif
