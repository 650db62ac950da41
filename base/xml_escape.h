/* xml_escape.h: the one rule set for writing XML text and attribute values.
 *
 * Every writer (model/xml_write.c, the edifactoring and ISO 20022 writers)
 * escapes through these two, so that the same string gives the same bytes
 * on every wire.  XML 1.0 rules, chosen so that a parser gives back exactly
 * the string written:
 *   text:      & < >  as &amp; &lt; &gt;  ("]]>" cannot appear), and CR as
 *              &#13; (a parser folds a literal CR LF to LF);
 *   attribute: & < "  as &amp; &lt; &quot;, and TAB, LF, CR as &#9; &#10;
 *              &#13; (a parser turns literal ones into spaces when it
 *              normalises the value).
 * Nothing else is touched: the bytes are copied in runs, in one pass, with
 * no allocation beyond the output buffer's growth. */
#ifndef IFGW_BASE_XML_ESCAPE_H
#define IFGW_BASE_XML_ESCAPE_H

#include <stddef.h>

#include "base/buf.h"

/* Append s[0..n) to out as element text.  IFGW_OK or ifgw_buf_add()'s error. */
int ifgw_xml_escape_text(struct ifgw_buf *out, const char *s, size_t n);

/* Append s[0..n) to out as the value of a double-quoted attribute. */
int ifgw_xml_escape_attr(struct ifgw_buf *out, const char *s, size_t n);

#endif
