/* xml_limits_int.h: the pre-pass that bounds a document before libxml2
 * parses it (see xml_limits.c).  Private to base/xml.c (and its tests). */
#ifndef IFGW_BASE_XML_LIMITS_INT_H
#define IFGW_BASE_XML_LIMITS_INT_H

#ifndef IFGW_BASE_INTERNAL
#error "xml_limits_int.h is private to base/"
#endif

#include <stddef.h>

/* Scan len bytes of data: refuse (IFGW_EPARSE, "name:line: reason") a NUL
 * character, an encoding the scan cannot read markup in, or a document
 * over one of the IFGW_XML_MAX_* limits of xml.h (max_depth: nesting).
 * Linear in len; allocates only for UTF-16. */
int ifgw_xml_limits_scan(const char *data, size_t len, const char *name, unsigned max_depth);

#endif
