/* iso_schema.c: the ISO 20022 schemas the adapter reads and writes: their
 * names, their compiled form (base/xsd.c's cache, compiled at start-up by
 * the adapter's init) and the identifier patterns they impose. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "adapters/adapter.h"
#include "base/error.h"
#include "base/xml.h"
#include "base/xsd.h"
#define IFGW_ISO_INTERNAL
#include "adapters/iso20022/iso_int.h"

/* --- schemas */

#define SCHEMA_DIR "adapters/iso20022/schema/"

static const struct ifgw_iso_schema_info schema_infos[ISO_SCHEMA_COUNT] = {
	[ISO_HEAD] = {ISO_HEAD_VERSION, "AppHdr", "head.001", ISO_NS_PREFIX ISO_HEAD_VERSION},
	[ISO_TSIN001] = {"tsin.001.001.01", "InvcFincgReq", "tsin.001", ISO_NS_PREFIX "tsin.001.001.01"},
	[ISO_TSIN002] = {"tsin.002.001.01", "InvcFincgReqSts", "tsin.002", ISO_NS_PREFIX "tsin.002.001.01"},
	[ISO_TSIN003] = {"tsin.003.001.01", "InvcFincgCxlReq", "tsin.003", ISO_NS_PREFIX "tsin.003.001.01"},
	[ISO_TSIN006] = {"tsin.006.001.01", "InvcAssgnmtReq", "tsin.006", ISO_NS_PREFIX "tsin.006.001.01"},
	[ISO_TSIN007] = {"tsin.007.001.01", "InvcAssgnmtSts", "tsin.007", ISO_NS_PREFIX "tsin.007.001.01"},
	[ISO_TSIN008] = {"tsin.008.001.01", "InvcAssgnmtNtfctn", "tsin.008", ISO_NS_PREFIX "tsin.008.001.01"},
	[ISO_TSIN009] = {"tsin.009.001.01", "PtyRegnAndGrntReq", "tsin.009", ISO_NS_PREFIX "tsin.009.001.01"},
	[ISO_TSIN010] = {"tsin.010.001.01", "PtyRegnAndGrntSts", "tsin.010", ISO_NS_PREFIX "tsin.010.001.01"},
	[ISO_IFGW_POS] = {ISO_IFGW_POS_MSGDEF, "IfgwPosStmt", "ifgw.pos", ISO_IFGW_POS_NS},
};

const struct ifgw_iso_schema_info *ifgw_iso_schema_info(int schema)
{
	return schema >= 0 && schema < ISO_SCHEMA_COUNT ? &schema_infos[schema] : NULL;
}

int ifgw_iso_schema_by_msgdef(const char *msgdef)
{
	int i;

	for (i = 0; i < ISO_SCHEMA_COUNT; i++)
		if (strcmp(schema_infos[i].msgdef, msgdef) == 0)
			return i;
	return -1;
}

static void schema_path(char *out, size_t size, int schema)
{
	snprintf(out, size, SCHEMA_DIR "%s.xsd", schema_infos[schema].msgdef);
}

static int schema_get(const struct ifgw_xsd **out, int schema)
{
	char rel[128];

	schema_path(rel, sizeof(rel), schema);
	return ifgw_xsd_get(out, rel);
}

int ifgw_iso_schema_init(enum ifgw_xsd_load how)
{
	char rel[128];
	int i, rc = IFGW_OK;

	for (i = 0; i < ISO_SCHEMA_COUNT && rc == IFGW_OK; i++) {
		schema_path(rel, sizeof(rel), i);
		rc = ifgw_xsd_load(rel, how);
	}
	return rc;
}

int ifgw_iso_schema_validate(int schema, xmlNodePtr root)
{
	const struct ifgw_xsd *x;
	struct ifgw_xml_first_error fe;
	int rc;

	if (schema < 0 || schema >= ISO_SCHEMA_COUNT)
		return ifgw_error_set(IFGW_EINVAL, "iso20022: schema %d does not exist", schema);
	if ((rc = schema_get(&x, schema)) != IFGW_OK)
		return rc;
	memset(&fe, 0, sizeof(fe));
	fe.node_path = ifgw_iso_node_path;
	if ((rc = ifgw_xsd_validate(x, root->doc, root, &fe)) == IFGW_EPARSE) {
		if (fe.set)
			rc = ifgw_error_set(IFGW_EPARSE, "%s line %ld: %s%s%s", schema_infos[schema].label, fe.line,
					    fe.path, fe.path[0] ? ": " : "", fe.msg);
		else
			rc = ifgw_error_set(IFGW_EPARSE, "%s: not valid against %s.xsd", schema_infos[schema].label,
					    schema_infos[schema].msgdef);
	}
	return rc;
}

/* Pattern checks of the ISO identifiers ifgw writes when a value fits. */
int ifgw_iso_is_phone(const char *s)
{
	size_t i = 1, n;

	/* \+[0-9]{1,3}-[0-9()+\-]{1,30} */
	if (s[0] != '+')
		return 0;
	while (s[i] >= '0' && s[i] <= '9' && i < 4)
		i++;
	if (i == 1 || s[i] != '-')
		return 0;
	for (n = 0, i++; s[i]; i++, n++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '(' || s[i] == ')' || s[i] == '+' || s[i] == '-'))
			return 0;
	return n >= 1 && n <= 30;
}

static int upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

int ifgw_iso_is_bic(const char *s)
{
	size_t n = strlen(s), i;

	/* [A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})? */
	if (n != 8 && n != 11)
		return 0;
	for (i = 0; i < 6; i++)
		if (!upper(s[i]))
			return 0;
	if (!(upper(s[6]) || (s[6] >= '2' && s[6] <= '9')))
		return 0;
	if (!((upper(s[7]) && s[7] != 'O') || digit(s[7])))
		return 0;
	for (i = 8; i < n; i++)
		if (!upper(s[i]) && !digit(s[i]))
			return 0;
	return 1;
}

int ifgw_iso_is_iban(const char *s)
{
	size_t n = strlen(s), i;

	/* [A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30} (IBAN2007Identifier) */
	if (n < 5 || n > 34 || !upper(s[0]) || !upper(s[1]) || !digit(s[2]) || !digit(s[3]))
		return 0;
	for (i = 4; i < n; i++)
		if (!upper(s[i]) && !digit(s[i]) && !(s[i] >= 'a' && s[i] <= 'z'))
			return 0;
	return 1;
}
