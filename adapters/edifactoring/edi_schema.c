/* edi_schema.c: validation against the edifactoring XSDs.
 *
 * One schema per message (adapters/edifactoring/schema/MSGnn.xsd, which
 * includes the shared edifactoring-1.xsd into its namespace), found with
 * ifgw_datadir_find, compiled once in base/xsd.c's cache.  The first error
 * libxml2 reports becomes the one-line message, with the line and the path
 * of the element. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/xmlschemas.h>

#define IFGW_EDIFACTORING_INTERNAL
#include "adapters/edifactoring/edifactoring_int.h"
#include "base/datadir.h"
#include "base/error.h"
#include "base/xml.h"
#include "base/xsd.h"

static void schema_path(char *out, size_t size, int nn)
{
	const char *ext = ifgw_edi_ext_root(nn);

	if (ext)
		snprintf(out, size, EDI_SCHEMA_DIR "%s.xsd", ext);
	else
		snprintf(out, size, EDI_SCHEMA_DIR "MSG%02d.xsd", nn);
}

int ifgw_edi_schema_get(const struct ifgw_xsd **out, int nn)
{
	char rel[64];

	*out = NULL;
	if (nn < 1 || nn > 99 || !ifgw_edi_number_known(nn))
		return ifgw_error_set(IFGW_EUNSUPPORTED, "MSG%02d has no schema", nn);
	schema_path(rel, sizeof(rel), nn);
	return ifgw_xsd_get(out, rel);
}

int ifgw_edi_schema_check(xmlDocPtr doc, int nn)
{
	const struct ifgw_xsd *x;
	struct ifgw_xml_first_error fe;
	char rel[64];
	int rc;

	memset(&fe, 0, sizeof(fe));
	if ((rc = ifgw_edi_schema_get(&x, nn)) != IFGW_OK)
		return rc;
	if ((rc = ifgw_xsd_validate(x, doc, NULL, &fe)) == IFGW_EPARSE)
		rc = ifgw_error_set(IFGW_EPARSE, "line %ld: %s%s%s (schema %s)", fe.line, fe.path,
		                    fe.path[0] ? ": " : "", fe.set ? fe.msg : "not valid",
		                    (schema_path(rel, sizeof(rel), nn), rel + sizeof(EDI_SCHEMA_DIR) - 1));
	return rc;
}

int ifgw_edi_validate(const char *wire, size_t len, const struct ifgw_adapter_env *env)
{
	struct edi_cur root;
	struct edi_r r;
	xmlDocPtr doc = NULL;
	int rc, nn = 0;

	if ((rc = ifgw_edi_r_parse(&doc, wire, len, env)) == IFGW_OK && (rc = ifgw_edi_r_begin(&r, &root, &nn, doc)) == IFGW_OK)
		rc = ifgw_edi_schema_check(doc, nn);
	xmlFreeDoc(doc);
	return rc;
}

int ifgw_edi_schema_init(enum ifgw_xsd_load how)
{
	char rel[64];
	int nn, rc = IFGW_OK;

	for (nn = 1; nn <= 99 && rc == IFGW_OK; nn++)
		if (ifgw_edi_number_known(nn)) {
			schema_path(rel, sizeof(rel), nn);
			rc = ifgw_xsd_load(rel, how);
		}
	return rc;
}
