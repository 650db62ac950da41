/* sjis.h: documents labelled Shift_JIS whose bytes Japanese readers read
 * differently.
 *
 * "Shift_JIS" names two tables.  glibc's (so libxml2's, xmlsec1's and our
 * verifier's) is JIS X 0208 with JIS X 0201 Roman: 0x5C is YEN SIGN, 0x7E
 * OVERLINE, 0x8160 WAVE DASH.  Windows, .NET, Java's MS932 and the WHATWG
 * decoder read the same label as CP932: '\', '~', FULLWIDTH TILDE; Python's
 * shift_jis codec reads '\' and '~' too.  A signature covers the decoded
 * text, so such a document verifies on one side and fails on the other:
 * it is refused, naming the bytes and the label to use instead (Windows-31J,
 * which every reader takes as CP932).  docs/adapters.md, "Japan". */
#ifndef IFGW_BASE_SJIS_H
#define IFGW_BASE_SJIS_H

#include <stddef.h>

/* IFGW_OK unless the len bytes of data are an XML document whose
 * declaration says Shift_JIS (or a name glibc reads as it: SJIS, MS_KANJI,
 * csShiftJIS) and which holds a character the two tables read differently:
 * then IFGW_EPARSE, "name:3: Shift_JIS byte 0x5C reads as U+00A5 '¥' in
 * glibc (libxml2, xmlsec1) but as U+005C '\' in CP932 (Windows, .NET, Java,
 * WHATWG) and Python: declare the encoding Windows-31J". */
int ifgw_sjis_check_label(const char *data, size_t len, const char *name);

#endif
