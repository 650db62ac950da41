/* schema.c: the canonical XSD: written from the field tables, compiled
 * once (base/xsd.c) from the installed file, used to validate documents. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "base/error.h"
#include "base/xml.h"
#include "base/xsd.h"
#define IFGW_MODEL_INTERNAL
#include "model/model_int.h"
#include "model/xml_int.h"

#define MAX_TYPES 64

/* --- writing the XSD */

struct xsd_writer {
	struct ifgw_buf *b;
	const struct ifgw_sdesc *queue[MAX_TYPES]; /* struct types to emit, in order of first use */
	size_t n_queue;
	size_t text_chars[16];                     /* text types used */
	size_t n_text;
	unsigned long lists_used;                  /* bit per code list */
	int rc;
};

static void add(struct xsd_writer *w, const char *fmt, ...) IFGW_PRINTF(2, 3);

static void add(struct xsd_writer *w, const char *fmt, ...)
{
	va_list ap;

	if (w->rc != IFGW_OK)
		return;
	va_start(ap, fmt);
	w->rc = ifgw_buf_vaddf(w->b, fmt, ap);
	va_end(ap);
}

static void use_struct(struct xsd_writer *w, const struct ifgw_sdesc *d)
{
	size_t i;

	for (i = 0; i < w->n_queue; i++)
		if (w->queue[i] == d)
			return;
	if (w->n_queue == MAX_TYPES) {
		w->rc = ifgw_error_set(IFGW_EOVERFLOW, "schema: more than %d types", MAX_TYPES);
		return;
	}
	w->queue[w->n_queue++] = d;
}

static void use_text(struct xsd_writer *w, size_t chars)
{
	size_t i, k;

	for (i = 0; i < w->n_text; i++)
		if (w->text_chars[i] == chars)
			return;
	if (w->n_text == sizeof(w->text_chars) / sizeof(w->text_chars[0])) {
		w->rc = ifgw_error_set(IFGW_EOVERFLOW, "schema: too many text lengths");
		return;
	}
	/* keep them sorted so that the output does not depend on table order */
	for (k = w->n_text; k > 0 && w->text_chars[k - 1] > chars; k--)
		w->text_chars[k] = w->text_chars[k - 1];
	w->text_chars[k] = chars;
	w->n_text++;
}

static void element(struct xsd_writer *w, const struct ifgw_field *f)
{
	char occurs[64] = "";
	const char *type = NULL;
	char tbuf[32];

	switch (f->kind) {
	case FK_LINES:
	case FK_CCYS:
	case FK_LIST:
	case FK_ITEMS:
		snprintf(occurs, sizeof(occurs), " minOccurs=\"%d\" maxOccurs=\"%lld\"", f->req ? 1 : 0,
			 (long long)f->max);
		break;
	default:
		if (!f->req)
			snprintf(occurs, sizeof(occurs), " minOccurs=\"0\"");
		break;
	}
	switch (f->kind) {
	case FK_TEXT:
	case FK_LINES:
		use_text(w, IFGW_TEXT_CHARS(f->size));
		snprintf(tbuf, sizeof(tbuf), "Text%zu", (size_t)IFGW_TEXT_CHARS(f->size));
		type = tbuf;
		break;
	case FK_FACTOR:
		type = "FactorCode";
		break;
	case FK_COUNTRY:
		type = "CountryCode";
		break;
	case FK_LANG:
		type = "LanguageCode";
		break;
	case FK_DATE:
		type = "Date";
		break;
	case FK_TIME:
		type = "DateTime";
		break;
	case FK_SEQ:
		type = "SequenceNumber";
		break;
	case FK_PCT:
		type = "Percent";
		break;
	case FK_CODE:
		w->lists_used |= 1ul << f->list;
		type = ifgw_code_list_get(f->list)->name;
		break;
	case FK_BOOL:
		type = "xs:boolean";
		break;
	case FK_MONEY:
		type = "Amount";
		break;
	case FK_SMONEY:
		type = "SignedAmount";
		break;
	case FK_CCY:
	case FK_CCYS:
		type = "CurrencyCode";
		break;
	case FK_GROUP:
	case FK_LIST:
	case FK_ITEMS:
		use_struct(w, f->sub);
		type = f->sub->type;
		break;
	case FK_INT:
		add(w,
		    "      <xs:element name=\"%s\"%s>\n"
		    "        <xs:simpleType>\n"
		    "          <xs:restriction base=\"xs:int\">\n"
		    "            <xs:minInclusive value=\"%lld\"/>\n"
		    "            <xs:maxInclusive value=\"%lld\"/>\n"
		    "          </xs:restriction>\n"
		    "        </xs:simpleType>\n"
		    "      </xs:element>\n",
		    f->name, occurs, (long long)f->min, (long long)f->max);
		return;
	}
	add(w, "      <xs:element name=\"%s\" type=\"%s\"%s/>\n", f->name, type, occurs);
}

static void sequence(struct xsd_writer *w, const struct ifgw_sdesc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		element(w, &d->fields[i]);
}

static void simple_pattern(struct xsd_writer *w, const char *name, const char *base, const char *pattern,
			   const char *doc)
{
	add(w,
	    "  <xs:simpleType name=\"%s\">\n"
	    "    <xs:annotation><xs:documentation>%s</xs:documentation></xs:annotation>\n"
	    "    <xs:restriction base=\"%s\">\n"
	    "      <xs:pattern value=\"%s\"/>\n"
	    "    </xs:restriction>\n"
	    "  </xs:simpleType>\n",
	    name, doc, base, pattern);
}

static void amount_type(struct xsd_writer *w, const char *name, const char *pattern, const char *doc)
{
	char text_type[32];

	snprintf(text_type, sizeof(text_type), "%sText", name);
	add(w,
	    "  <xs:complexType name=\"%s\">\n"
	    "    <xs:annotation><xs:documentation>%s</xs:documentation></xs:annotation>\n"
	    "    <xs:simpleContent>\n"
	    "      <xs:extension base=\"%s\">\n"
	    "        <xs:attribute name=\"Ccy\" type=\"CurrencyCode\" use=\"required\"/>\n"
	    "      </xs:extension>\n"
	    "    </xs:simpleContent>\n"
	    "  </xs:complexType>\n",
	    name, doc, text_type);
	simple_pattern(w, text_type, "xs:string", pattern,
		       "decimal text; the currency decides how many decimals are allowed");
}

int ifgw_model_schema_write(struct ifgw_buf *out)
{
	struct xsd_writer w;
	const char *done[IFGW_MSG_TYPE_COUNT_];
	size_t n_done = 0, i, k;
	int t, l;

	IFGW_ASSERT_ARG(out);

	memset(&w, 0, sizeof(w));
	w.b = out;
	add(&w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<!-- ifgw canonical messages, version 1 (namespace " IFGW_MODEL_NS ").\n"
		"     Written by ifgw_model_schema_write() from the field tables in model/desc.c;\n"
		"     do not edit by hand: tests/unit/test_model.c keeps this file equal to the tables\n"
		"     (IFGW_WRITE_SCHEMA=1 tests/unit/test_model rewrites it).  docs/model.md explains\n"
		"     the messages and how they map to FCI edifactoring and ISO 20022 tsin. -->\n"
		"<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns=\"" IFGW_MODEL_NS "\"\n"
		"           targetNamespace=\"" IFGW_MODEL_NS "\" elementFormDefault=\"qualified\">\n\n"
		"  <!-- One root element per message type. -->\n");
	for (t = IFGW_MSG_NONE + 1; t < IFGW_MSG_TYPE_COUNT_; t++)
		add(&w, "  <xs:element name=\"%s\" type=\"%s\"/>\n", ifgw_msg_type_name(t), ifgw_desc_type(t)->root_type);
	add(&w, "\n  <!-- Message types: the header, then the body. -->\n");
	for (t = IFGW_MSG_NONE + 1; t < IFGW_MSG_TYPE_COUNT_; t++) {
		const struct ifgw_tdesc *td = ifgw_desc_type(t);

		for (i = 0; i < n_done && strcmp(done[i], td->root_type) != 0; i++)
			;
		if (i < n_done)
			continue;
		done[n_done++] = td->root_type;
		use_struct(&w, &ifgw_desc_header);
		add(&w, "  <xs:complexType name=\"%s\">\n    <xs:sequence>\n", td->root_type);
		add(&w, "      <xs:element name=\"Header\" type=\"Header\"/>\n");
		sequence(&w, td->body);
		add(&w, "    </xs:sequence>\n  </xs:complexType>\n");
	}
	add(&w, "\n  <!-- Structures. -->\n");
	for (i = 0; i < w.n_queue; i++) { /* the queue grows while we walk it */
		add(&w, "  <xs:complexType name=\"%s\">\n    <xs:sequence>\n", w.queue[i]->type);
		sequence(&w, w.queue[i]);
		add(&w, "    </xs:sequence>\n  </xs:complexType>\n");
	}
	add(&w, "\n  <!-- Values. -->\n");
	for (i = 0; i < w.n_text; i++)
		add(&w,
		    "  <xs:simpleType name=\"Text%zu\">\n"
		    "    <xs:restriction base=\"xs:string\">\n"
		    "      <xs:minLength value=\"1\"/>\n"
		    "      <xs:maxLength value=\"%zu\"/>\n"
		    "    </xs:restriction>\n"
		    "  </xs:simpleType>\n",
		    w.text_chars[i], w.text_chars[i]);
	amount_type(&w, "Amount", "[0-9]{1,18}(\\.[0-9]{1,18})?", "a non-negative amount with its ISO 4217 currency");
	amount_type(&w, "SignedAmount", "-?[0-9]{1,18}(\\.[0-9]{1,18})?", "an amount that may be negative");
	simple_pattern(&w, "CurrencyCode", "xs:string", "[A-Z]{3}", "ISO 4217 alphabetic code");
	simple_pattern(&w, "CountryCode", "xs:string", "[A-Z]{2}", "ISO 3166-1 alpha-2 code");
	simple_pattern(&w, "LanguageCode", "xs:string", "[a-z]{2}", "ISO 639-1 code");
	simple_pattern(&w, "FactorCode", "xs:string", "[A-Z]{2}[0-9]{5}",
		       "factor code: ISO 3166-1 country and five digits (FCI member code)");
	simple_pattern(&w, "SequenceNumber", "xs:string", "[1-9][0-9]{0,14}",
		       "per-corridor sequence number: a positive integer of at most 15 digits");
	simple_pattern(&w, "Date", "xs:date", "[0-9]{4}-[0-9]{2}-[0-9]{2}", "YYYY-MM-DD");
	simple_pattern(&w, "DateTime", "xs:dateTime",
		       "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+\\-][0-9]{2}:[0-9]{2})",
		       "YYYY-MM-DDTHH:MM:SSZ (an offset is accepted on input)");
	add(&w, "  <xs:simpleType name=\"Percent\">\n"
		"    <xs:annotation><xs:documentation>percentage N3.4: 0 to 100, at most 4 decimals</xs:documentation></xs:annotation>\n"
		"    <xs:restriction base=\"xs:decimal\">\n"
		"      <xs:pattern value=\"[0-9]{1,3}(\\.[0-9]{1,4})?\"/>\n"
		"      <xs:minInclusive value=\"0\"/>\n"
		"      <xs:maxInclusive value=\"100\"/>\n"
		"    </xs:restriction>\n"
		"  </xs:simpleType>\n");
	add(&w, "\n  <!-- Code lists. -->\n");
	for (l = 0; l < IFGW_CL_COUNT_; l++) {
		const struct ifgw_code_list *cl = ifgw_code_list_get(l);

		if (!(w.lists_used & (1ul << l)))
			continue;
		add(&w, "  <xs:simpleType name=\"%s\">\n    <xs:restriction base=\"xs:string\">\n", cl->name);
		for (k = 0; k < cl->count; k++) {
			if (cl->codes[k].meaning[0])
				add(&w,
				    "      <xs:enumeration value=\"%s\">\n"
				    "        <xs:annotation><xs:documentation>%s</xs:documentation></xs:annotation>\n"
				    "      </xs:enumeration>\n",
				    cl->codes[k].token, cl->codes[k].meaning);
			else
				add(&w, "      <xs:enumeration value=\"%s\"/>\n", cl->codes[k].token);
		}
		add(&w, "    </xs:restriction>\n  </xs:simpleType>\n");
	}
	add(&w, "</xs:schema>\n");
	return w.rc;
}

/* --- validating against the compiled schema (base/xsd.c's cache) */

int ifgw_model_xsd_check(xmlDocPtr doc, const char *name)
{
	const struct ifgw_xsd *x;
	struct ifgw_xml_first_error fe;
	int rc;

	memset(&fe, 0, sizeof(fe));
	fe.node_path = ifgw_model_node_path;
	if ((rc = ifgw_xsd_get(&x, IFGW_MODEL_SCHEMA)) != IFGW_OK)
		return rc;
	if ((rc = ifgw_xsd_validate(x, doc, NULL, &fe)) == IFGW_EPARSE) {
		if (fe.set)
			rc = ifgw_error_set(IFGW_EPARSE, "%s:%ld: %s%s%s", name, fe.line, fe.path, fe.path[0] ? ": " : "",
					    fe.msg);
		else
			rc = ifgw_error_set(IFGW_EPARSE, "%s: not valid against the canonical schema", name);
	}
	return rc;
}

int ifgw_model_validate_xml(const char *data, size_t len, const char *name)
{
	xmlDocPtr doc = NULL;
	int rc;

	IFGW_ASSERT_ARG(data || !len);

	if ((rc = ifgw_model_parse(&doc, data, len, name)) == IFGW_OK)
		rc = ifgw_model_xsd_check(doc, name);
	xmlFreeDoc(doc);
	return rc;
}
