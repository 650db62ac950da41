/* xml_int.h: model/ internals shared by the XML reader and the
 * schema (libxml2 types).  Not for use outside model/. */
#ifndef IFGW_MODEL_XML_INT_H
#define IFGW_MODEL_XML_INT_H

#ifndef IFGW_MODEL_INTERNAL
#error "xml_int.h is private to model/"
#endif

#include <stddef.h>

#include <libxml/tree.h>

/* Parse len bytes the hardened way: size cap, UTF-8 only, no DOCTYPE, no
 * network, no entity expansion, libxml2's depth limit.  name is for
 * messages. */
int ifgw_model_parse(xmlDocPtr *out, const char *data, size_t len, const char *name);

/* Validate a parsed document against the cached canonical XSD; the error
 * names "name:line: Path/To/Element: what". */
int ifgw_model_xsd_check(xmlDocPtr doc, const char *name);

/* "Root/Child/Item[2]/Leaf" of an element (indices where siblings share
 * the name). */
void ifgw_model_node_path(char *out, size_t size, xmlNodePtr node);

/* Line of the deepest element that `path` ("Root/A[2]/B") reaches. */
long ifgw_model_path_line(xmlDocPtr doc, const char *path);

#endif
