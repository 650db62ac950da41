/* xml.h: the one hardened way to parse untrusted XML.
 *
 * No network, no DTD (a DOCTYPE stops the parse: nothing is loaded, no
 * entity is declared or expanded, so neither an external entity nor a
 * billion laughs gets anywhere), a size limit checked before any byte is
 * parsed (and, for files, before any byte is read) and a nesting limit.
 * The document keeps its declared encoding (doc->encoding), so a
 * Shift_JIS or ISO-8859-9 message can be written back in its charset.
 *
 * Thread-safe: each thread reuses one parser, so that its dictionary of
 * element names stays warm (documents share it by reference count, as
 * libxml2 documents do).
 *
 * Before libxml2 sees a byte, a linear pre-pass refuses a NUL character
 * (libxml2 would silently stop there), an encoding it cannot read markup in
 * and documents over the IFGW_XML_MAX_* limits below, so that no input
 * under the size limit costs much more than a normal message of its size.
 * Namespace errors (an undeclared prefix, one attribute twice through two
 * prefixes) are fatal, and the first fatal error is the one reported.
 *
 * Refusals are IFGW_EPARSE with one line naming the document and the line:
 * "msg.xml:3: DTD not allowed", "msg.xml: document larger than 16777216
 * bytes", "msg.xml:40: elements nested deeper than 128", "msg.xml:9: NUL
 * character not allowed", "msg.xml:2: more than 64 attributes on element
 * 'Inv'", "msg.xml:7: XML parse error: Opening and ending tag mismatch: a
 * and b".  libxml2 prints nothing on stderr meanwhile. */
#ifndef IFGW_BASE_XML_H
#define IFGW_BASE_XML_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include "base/buf.h"
#include "base/error.h"

#define IFGW_XML_MAX_BYTES_DEFAULT ((size_t)16 << 20)
#define IFGW_XML_MAX_DEPTH_DEFAULT 128u
/* libxml2 refuses deeper nesting on its own (no XML_PARSE_HUGE). */
#define IFGW_XML_MAX_DEPTH_LIMIT 256u

/* Counted over the bytes before libxml2 reads them (its duplicate checks
 * grow faster than linearly: 40,000 attributes took 10 s).  Real messages
 * are far below: 4 attributes and 10 namespace declarations on one element,
 * 52-byte names, a 3.3 MB text (an attachment) at most in tests/data. */
#define IFGW_XML_MAX_ATTRS 64u        /* attributes on one element */
#define IFGW_XML_MAX_NS 64u           /* namespace declarations on one element */
#define IFGW_XML_MAX_NS_IN_SCOPE 128u /* declarations on an element and its ancestors */
#define IFGW_XML_MAX_ELEMENTS 1000000ul
#define IFGW_XML_MAX_NAME 1000u       /* bytes of a name (prefix:local) */
#define IFGW_XML_MAX_TEXT 10000000ul  /* bytes of a text node or attribute value (libxml2's own) */
/* Distinct strings libxml2 keeps in its dictionary (names, namespace names,
 * short texts and values): past a few thousand each costs every lookup
 * (libxml2 2.9's table stops growing), 900,000 took 28 s. */
#define IFGW_XML_MAX_STRINGS 20000ul

struct ifgw_xml_limits {
	size_t max_bytes;   /* 0 = IFGW_XML_MAX_BYTES_DEFAULT; at most INT_MAX */
	unsigned max_depth; /* 0 = IFGW_XML_MAX_DEPTH_DEFAULT; at most IFGW_XML_MAX_DEPTH_LIMIT */
	int cdata_as_text;  /* 1: a CDATA section becomes a plain text node */
	/* How a syntax error is worded, "name:line: <words>: <libxml2's reason>";
	 * NULL: "XML parse error" (the canonical model says "not well-formed XML"). */
	const char *syntax_words;
};

/* Parse len bytes into a new document (free with xmlFreeDoc).  name labels
 * messages (NULL: "document") and becomes doc->URL; lim NULL means the
 * defaults. */
int ifgw_xml_parse(xmlDoc **out, const char *data, size_t len, const char *name,
		   const struct ifgw_xml_limits *lim);

/* The line (from 1) of byte off in data: for refusals made before a parse
 * (a NUL byte, a DOCTYPE) that must still name where. */
long ifgw_xml_line_at(const char *data, size_t off);

/* Append the bytes of path ("-" = standard input) to out, refusing a
 * regular file larger than the limit from its size, before reading it;
 * out->max is raised to the limit when lower.  IFGW_EIO, IFGW_EPARSE. */
int ifgw_xml_read_file(struct ifgw_buf *out, const char *path, const struct ifgw_xml_limits *lim);

/* ifgw_xml_read_file() then ifgw_xml_parse(), named after path. */
int ifgw_xml_parse_file(xmlDoc **out, const char *path, const struct ifgw_xml_limits *lim);

/* The first error libxml2 reports (schema compilation or validation), kept
 * as one line with its line number and the element's path:
 *
 *     struct ifgw_xml_first_error fe = {.node_path = my_path};
 *     xmlSchemaSetValidStructuredErrors(v, ifgw_xml_keep_first_error, &fe);
 *     if (xmlSchemaValidateDoc(v, doc) != 0) ... fe.line, fe.path, fe.msg ...
 *
 * libxml2's "Element '{ns}Name': " prefix is dropped: the path says it. */
struct ifgw_xml_first_error {
	int set;
	long line;
	char path[512];
	char msg[IFGW_ERROR_MAX];
	/* How to name the element in `path`; NULL: ifgw_xml_node_path(). */
	void (*node_path)(char *out, size_t size, xmlNodePtr node);
};

/* A structured error handler (libxml2's xmlStructuredErrorFunc) filling the
 * struct ifgw_xml_first_error that ctx points to. */
#if LIBXML_VERSION >= 21200
void ifgw_xml_keep_first_error(void *ctx, const xmlError *err);
#else
void ifgw_xml_keep_first_error(void *ctx, xmlError *err);
#endif

/* "MSG09/InvCreditNoteDetails[3]/DocNr": local names from the root, with the
 * position among same-named siblings where there are several. */
void ifgw_xml_node_path(char *out, size_t size, xmlNodePtr node);

#endif
