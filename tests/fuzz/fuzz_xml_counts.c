/* fuzz_xml_counts.c: the hardened parse (base/xml.h) on documents whose
 * attribute and namespace-declaration counts the fuzzer grows.
 *
 * Input: 2 bytes attribute count, 2 bytes namespace-declaration count (big
 * endian, up to 65535 each), 1 byte of name flags, 1 byte nesting depth,
 * then bytes used as they are, as the root's content.  The document:
 *
 *   <r xmlns:p0="urn:0" .. (declarations) a0="v" .. (attributes)>
 *     <n>.. (depth) CONTENT </n>..</r>
 *
 * Flags: bit 0 attributes prefixed (pI:k, one local name: duplicates by
 * expanded name when two prefixes share a URI), bit 1 declarations share
 * URIs (4 of them), bit 2 attribute names repeat (a(I mod 8)), bit 3 one
 * prefix left undeclared.
 *
 * Invariants: the raw input and the built document are each parsed or
 * refused with a one-line reason; over 64 declarations or 64 attributes,
 * the built document (without a NUL) is refused for exactly that; when it
 * is parsed, its root holds the declarations and attributes asked for, and
 * an undeclared prefix or one attribute twice by expanded name never is. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/xml.h"
#include "tests/fuzz/fuzz.h"

static void check_refusal(int rc)
{
	if (rc != IFGW_OK && rc != IFGW_EPARSE)
		abort();
	if (rc != IFGW_OK && (!*ifgw_error_last() || strchr(ifgw_error_last(), '\n')))
		abort(); /* every refusal has a one-line reason */
}

static int build(struct ifgw_buf *b, unsigned attrs, unsigned ns, unsigned flags, unsigned depth,
		 const uint8_t *rest, size_t rest_len)
{
	unsigned i;
	int rc = ifgw_buf_addstr(b, "<r");

	for (i = 0; i < ns && rc == IFGW_OK; i++)
		rc = ifgw_buf_addf(b, " xmlns:p%u=\"urn:%u\"", i, flags & 2 ? i % 4 : i);
	for (i = 0; i < attrs && rc == IFGW_OK; i++) {
		if (flags & 1)
			rc = ifgw_buf_addf(b, " p%u:k=\"v\"", ns ? i % ns : i);
		else
			rc = ifgw_buf_addf(b, " a%u=\"v\"", flags & 4 ? i % 8 : i);
	}
	if (rc == IFGW_OK && (flags & 8))
		rc = ifgw_buf_addstr(b, " q:undeclared=\"v\"");
	if (rc == IFGW_OK)
		rc = ifgw_buf_addstr(b, ">");
	for (i = 0; i < depth && rc == IFGW_OK; i++)
		rc = ifgw_buf_addstr(b, "<n>");
	if (rc == IFGW_OK)
		rc = ifgw_buf_add(b, (const char *)rest, rest_len);
	for (i = 0; i < depth && rc == IFGW_OK; i++)
		rc = ifgw_buf_addstr(b, "</n>");
	if (rc == IFGW_OK)
		rc = ifgw_buf_addstr(b, "</r>");
	return rc;
}

static unsigned count_attrs(const xmlNode *n)
{
	const xmlAttr *a;
	unsigned k = 0;

	for (a = n->properties; a; a = a->next)
		k++;
	return k;
}

static unsigned count_ns(const xmlNode *n)
{
	const xmlNs *d;
	unsigned k = 0;

	for (d = n->nsDef; d; d = d->next)
		k++;
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ifgw_buf b;
	xmlDoc *doc = NULL;
	unsigned attrs, ns, flags, depth;
	int rc;

	rc = ifgw_xml_parse(&doc, (const char *)data, size, "raw.xml", NULL);
	check_refusal(rc);
	xmlFreeDoc(doc);
	doc = NULL;
	ifgw_error_clear();
	if (size < 6)
		return 0;
	attrs = (unsigned)data[0] << 8 | data[1];
	ns = (unsigned)data[2] << 8 | data[3];
	flags = data[4];
	depth = data[5] % 140;
	ifgw_buf_init(&b, IFGW_XML_MAX_BYTES_DEFAULT);
	if (build(&b, attrs, ns, flags, depth, data + 6, size - 6) != IFGW_OK)
		goto out; /* over 16 MiB: nothing to parse */
	rc = ifgw_xml_parse(&doc, b.ptr, b.len, "built.xml", NULL);
	check_refusal(rc);
	/* a NUL anywhere is refused before any count */
	if (memchr(data + 6, 0, size - 6))
		goto out;
	if (ns > IFGW_XML_MAX_NS && (rc == IFGW_OK || !strstr(ifgw_error_last(), "namespace declarations on element 'r'")))
		abort();
	if (ns <= IFGW_XML_MAX_NS && attrs + !!(flags & 8) > IFGW_XML_MAX_ATTRS &&
	    (rc == IFGW_OK || !strstr(ifgw_error_last(), "attributes on element 'r'")))
		abort();
	if (rc == IFGW_OK) {
		xmlNode *root = xmlDocGetRootElement(doc);

		/* the undeclared prefix and shared expanded names never parse */
		if ((flags & 8) || count_ns(root) != ns || count_attrs(root) != attrs)
			abort();
		if ((flags & 1) && (flags & 2) && attrs > 4 && ns > 4)
			abort();
	}
out:
	xmlFreeDoc(doc);
	ifgw_error_clear();
	ifgw_buf_free(&b);
	return 0;
}
