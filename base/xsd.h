/* xsd.h: the shipped XML schemas, compiled once and shared by all threads.
 *
 * One cache for the whole library (the canonical model, the configuration,
 * the edifactoring and ISO 20022 adapters), keyed by the schema's path
 * relative to the data folder (base/datadir.h).  A schema is compiled on
 * its first use or at start-up (gateway/node/global.c compiles every
 * shipped one, so a broken file is found before the first request); after
 * that it is read only.  Each validation has its own libxml2 validation
 * context, so any number of threads validate against one compiled schema
 * at once.
 *
 * The schema file is read through the hardened parse (base/xml.h: no
 * network, no DTD, a size cap); its xs:include/xs:import are resolved by
 * libxml2 next to it.  A schema that does not compile gives every caller the
 * same line, naming the file:
 *     ".../MSG09.xsd:12: the schema does not compile: <libxml2's reason>" */
#ifndef IFGW_BASE_XSD_H
#define IFGW_BASE_XSD_H

#include <libxml/tree.h>

#include "base/xml.h"

/* Biggest schema file read (the largest shipped one is about 100 KB). */
#define IFGW_XSD_FILE_MAX ((size_t)1 << 20)

struct ifgw_xsd; /* one compiled schema; valid until ifgw_xsd_cleanup() */

/* The compiled schema at relpath (e.g. "model/schema/ifgw-canonical-1.xsd"),
 * compiled on the first call.  Thread-safe.  IFGW_ENOTFOUND, IFGW_EPARSE
 * (the file is not well-formed or does not compile), IFGW_ENOMEM. */
int ifgw_xsd_get(const struct ifgw_xsd **out, const char *relpath);

/* What start-up does with a shipped schema: compile it now, or only find
 * it and parse it (a missing or not well-formed file is named at start; the
 * compile waits for the first use, for a command that needs one schema). */
enum ifgw_xsd_load {
	IFGW_XSD_COMPILE = 0,
	IFGW_XSD_CHECK = 1,
};

/* ifgw_xsd_get() for IFGW_XSD_COMPILE; for IFGW_XSD_CHECK, find and parse
 * relpath (unless already compiled) without compiling it.  The errors of
 * ifgw_xsd_get(), naming the file. */
int ifgw_xsd_load(const char *relpath, enum ifgw_xsd_load how);

/* Validate doc against x with a validation context of this call only;
 * root NULL validates the whole document, else only the subtree at root.
 * The first error goes to *fe (set fe->node_path before the call to name
 * elements your way).  IFGW_OK; IFGW_EPARSE when not valid, with no
 * message set (the caller words it, naming its document: fe->line,
 * fe->path, fe->msg, fe->set 0 if libxml2 said nothing); IFGW_ENOMEM with a
 * message. */
int ifgw_xsd_validate(const struct ifgw_xsd *x, xmlDocPtr doc, xmlNodePtr root, struct ifgw_xml_first_error *fe);

/* The data-folder path the schema was asked for. */
const char *ifgw_xsd_name(const struct ifgw_xsd *x);

/* Free every compiled schema (at shutdown, after the last validation);
 * the next ifgw_xsd_get() compiles again (so a test can change
 * IFGW_DATADIR between two start-ups). */
void ifgw_xsd_cleanup(void);

#endif
