/* rates_xml.c: the ECB XML form of the reference rates (gesmes:Envelope).
 *
 *   <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"
 *                    xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
 *     <gesmes:subject>...</gesmes:subject> <gesmes:Sender>...</gesmes:Sender>
 *     <Cube>
 *       <Cube time="2024-02-27"> <Cube currency="USD" rate="1.0856"/> ... </Cube>
 *       ...
 *
 * The daily, 90-day and full-history files share this shape.  Parsed with
 * libxml2's SAX2 push parser: no tree is built (the full history is 200 000
 * elements), attributes arrive as pointers into the parser's buffer, and
 * every value goes straight to the builder.  Hardened: no network, no DTD
 * (a DOCTYPE is refused outright, so no entity can be declared or expanded),
 * libxml2's default size and depth limits (no XML_PARSE_HUGE), and the
 * caller's file cap. */
#include "config.h"

#define IFGW_RATES_INTERNAL
#include <libxml/SAX2.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "currency/rates_int.h"

#define NS_GESMES "http://www.gesmes.org/xml/2002-08-01"
#define NS_ECB "http://www.ecb.int/vocabulary/2002-08-01/eurofxref"
#define MAX_DEPTH 16 /* the ECB nests 4 deep */
#define CHUNK (256 * 1024) /* push-parser feed: stays far below libxml2's 10 MB look-up limit */

struct xml_state {
	struct ifgw_rates_builder *b;
	xmlParserCtxtPtr ctxt;
	int failed;     /* an error is recorded: stop */
	int rc;         /* its code */
	int last_chunk; /* the parser has been given all the input */
	int cut;        /* the input does not end with </...Envelope>: truncated */
	int depth;      /* element depth, root = 1 */
	int date_depth; /* depth of the open <Cube time=...>, 0 = none */
};

static uint32_t xml_line(const struct xml_state *st)
{
	int line = st->ctxt ? xmlSAX2GetLineNumber(st->ctxt) : 0;

	return line > 0 ? (uint32_t)line : 0;
}

/* Record rc (the message is already set). */
static void xml_note(struct xml_state *st, int rc)
{
	if (!st->failed) {
		st->failed = 1;
		st->rc = rc;
	}
}

/* Record rc and stop the parser: from SAX content callbacks only. */
static void xml_fail(struct xml_state *st, int rc)
{
	if (!st->failed) {
		xml_note(st, rc);
		xmlStopParser(st->ctxt);
	}
}

static int is_name(const xmlChar *a, const char *b)
{
	return a && strcmp((const char *)a, b) == 0;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
		     int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
		     const xmlChar **attrs)
{
	struct xml_state *st = ctx;
	struct ifgw_rates_builder *b = st->b;
	const xmlChar *time = NULL, *time_end = NULL, *ccy = NULL, *ccy_end = NULL, *rate = NULL, *rate_end = NULL;
	uint32_t line;
	size_t col;
	int i, rc;

	(void)prefix;
	(void)nb_namespaces;
	(void)namespaces;
	(void)nb_defaulted;
	if (st->failed)
		return;
	line = xml_line(st);
	/* At the end of all input a start tag cannot be complete (the root
	 * must still close): libxml2 reports what it got of the cut tag. */
	if (st->last_chunk && st->ctxt->input && st->ctxt->input->cur >= st->ctxt->input->end) {
		xml_fail(st, ifgw_error_set(IFGW_EPARSE, "%s:%u: malformed XML (truncated file): ends inside <%.40s>",
					    b->name, line, (const char *)localname));
		return;
	}
	if (++st->depth > MAX_DEPTH) {
		xml_fail(st, ifgw_error_set(IFGW_EPARSE, "%s:%u: elements nested deeper than %d", b->name, line,
					    MAX_DEPTH));
		return;
	}
	if (st->depth == 1) {
		if (!is_name(localname, "Envelope") || !is_name(uri, NS_GESMES))
			xml_fail(st, ifgw_error_set(IFGW_EPARSE,
						    "%s:%u: root element is <%.40s>, not an ECB gesmes:Envelope (%s)",
						    b->name, line, (const char *)localname, NS_GESMES));
		return;
	}
	if (!is_name(localname, "Cube") || !is_name(uri, NS_ECB))
		return; /* gesmes:subject, gesmes:Sender: nothing we need */
	/* SAX2 attributes: (localname, prefix, URI, value, end) per attribute. */
	for (i = 0; i < nb_attributes; i++) {
		const xmlChar **a = &attrs[i * 5];

		if (a[2] != NULL)
			continue; /* namespaced: not the ECB's */
		if (is_name(a[0], "time"))
			time = a[3], time_end = a[4];
		else if (is_name(a[0], "currency"))
			ccy = a[3], ccy_end = a[4];
		else if (is_name(a[0], "rate"))
			rate = a[3], rate_end = a[4];
	}
	if (time) {
		if (st->date_depth) {
			xml_fail(st, ifgw_error_set(IFGW_EPARSE, "%s:%u: dated Cube inside another dated Cube", b->name,
						    line));
			return;
		}
		if (ccy || rate) {
			xml_fail(st, ifgw_error_set(IFGW_EPARSE, "%s:%u: Cube has both a time and a currency or rate",
						    b->name, line));
			return;
		}
		st->date_depth = st->depth;
		rc = ifgw_rates_builder_date_text(b, (const char *)time, (size_t)(time_end - time), line);
	} else if (ccy || rate) {
		if (!ccy || !rate) {
			rc = ifgw_error_set(IFGW_EPARSE, "%s:%u: Cube has a %s but no %s", b->name, line,
					    ccy ? "currency" : "rate", ccy ? "rate" : "currency");
		} else if (st->date_depth == 0 || st->depth != st->date_depth + 1) {
			rc = ifgw_error_set(IFGW_EPARSE, "%s:%u: currency Cube outside a dated Cube", b->name, line);
		} else if ((rc = ifgw_rates_builder_currency(&col, b, (const char *)ccy, (size_t)(ccy_end - ccy),
							     line)) == IFGW_OK) {
			rc = ifgw_rates_builder_rate(b, col, (const char *)rate, (size_t)(rate_end - rate), line);
		}
	} else {
		rc = IFGW_OK; /* the outer <Cube> */
	}
	if (rc != IFGW_OK)
		xml_fail(st, rc);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	struct xml_state *st = ctx;

	(void)localname;
	(void)prefix;
	(void)uri;
	if (st->failed)
		return;
	if (st->depth == st->date_depth)
		st->date_depth = 0;
	st->depth--;
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	struct xml_state *st = ctx;

	(void)name;
	(void)external_id;
	(void)system_id;
	if (!st->failed)
		xml_fail(st, ifgw_error_set(IFGW_EPARSE, "%s:%u: DOCTYPE not allowed in a rates file", st->b->name,
					    xml_line(st)));
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
			   const xmlChar *system_id, xmlChar *content)
{
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	(void)name;
	on_doctype(ctx, NULL, NULL, NULL);
}

/* libxml2's own errors (not well-formed, truncated, bad encoding). */
static void on_error(void *ctx, xmlErrorPtr err)
{
	struct xml_state *st = ctx;
	char msg[200];
	size_t n;

	if (st->failed || !err || err->level == XML_ERR_WARNING)
		return;
	snprintf(msg, sizeof(msg), "%s", err->message ? err->message : "error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	/* "truncated" when the text does not end with the root's end tag.  Not
	 * xmlStopParser() here: libxml2 may be mid-way through switching
	 * encodings, and halting frees what it is using; it stops by itself on
	 * a fatal error, and the SAX callbacks check st->failed. */
	xml_note(st, ifgw_error_set(IFGW_EPARSE, "%s:%u: malformed XML%s: %s", st->b->name,
				    err->line > 0 ? (uint32_t)err->line : xml_line(st), st->cut ? " (truncated file)" : "",
				    msg));
}

/* Does the text end with an Envelope end tag ("</gesmes:Envelope>", spaces allowed)? */
static int ends_with_envelope(const char *data, size_t len)
{
	static const char name[] = "Envelope";
	const size_t nlen = sizeof(name) - 1;
	size_t end = len, i;

	while (end > 0 && (data[end - 1] == ' ' || data[end - 1] == '\t' || data[end - 1] == '\r' ||
			   data[end - 1] == '\n'))
		end--;
	if (end == 0 || data[--end] != '>')
		return 0;
	while (end > 0 && (data[end - 1] == ' ' || data[end - 1] == '\t' || data[end - 1] == '\r' ||
			   data[end - 1] == '\n'))
		end--;
	if (end < nlen + 2 || memcmp(data + end - nlen, name, nlen) != 0)
		return 0;
	i = end - nlen;
	if (data[i - 1] == ':') /* a prefix: skip its name */
		for (i--; i > 1 && data[i - 1] != '/' && data[i - 1] != '<' && end - i < 64; i--)
			;
	return i >= 2 && data[i - 1] == '/' && data[i - 2] == '<';
}

int ifgw_rates_parse_xml(struct ifgw_rates_builder *b, const char *data, size_t len)
{
	xmlSAXHandler sax;
	struct xml_state st;
	xmlStructuredErrorFunc old_handler;
	void *old_handler_ctx;
	size_t off = 0, n;
	int rc = IFGW_OK;

	memset(&sax, 0, sizeof(sax));
	memset(&st, 0, sizeof(st));
	st.b = b;
	st.cut = !ends_with_envelope(data, len);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.internalSubset = on_doctype;
	sax.externalSubset = on_doctype;
	sax.entityDecl = on_entity_decl;
	sax.serror = on_error;
	st.ctxt = xmlCreatePushParserCtxt(&sax, &st, NULL, 0, b->name);
	if (!st.ctxt)
		return ifgw_error_set(IFGW_ENOMEM, "%s: cannot create an XML parser", b->name);
	/* No XML_PARSE_NOENT, no DTDLOAD, no HUGE: entities stay unexpanded and limits apply. */
	xmlCtxtUseOptions(st.ctxt, XML_PARSE_NONET);
	/* Errors raised outside the context (encoding, I/O) would go to
	 * stderr: route them here for this parse, then restore. */
	old_handler = xmlStructuredError;
	old_handler_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&st, on_error);
	do {
		n = len - off > CHUNK ? CHUNK : len - off;
		st.last_chunk = off + n == len;
		xmlParseChunk(st.ctxt, data + off, (int)n, st.last_chunk);
		off += n;
	} while (off < len && !st.failed && st.ctxt->wellFormed);
	if (st.failed)
		rc = st.rc;
	else if (!st.ctxt->wellFormed)
		rc = ifgw_error_set(IFGW_EPARSE, "%s:%u: malformed XML", b->name, xml_line(&st));
	else if (st.depth != 0)
		rc = ifgw_error_set(IFGW_EPARSE, "%s:%u: truncated XML: %d elements left open", b->name, xml_line(&st),
				    st.depth);
	xmlFreeParserCtxt(st.ctxt);
	xmlSetStructuredErrorFunc(old_handler_ctx, old_handler);
	return rc;
}
