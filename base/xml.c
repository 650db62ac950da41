/* xml.c: hardened libxml2 parse (see xml.h).
 *
 * The counts libxml2 would pay for (attributes, namespace declarations,
 * elements, names, texts) are bounded first by a pre-pass over the bytes
 * (xml_limits.c).  The DTD refusal and the depth limit are SAX hooks: the
 * DOCTYPE stops the parser at its name, before the internal subset is
 * read, so no entity declaration (external or recursive) is ever seen by
 * libxml2.  The first fatal error (namespace errors included) stops the
 * parser where it is and is the one reported; errors libxml2 raises
 * without the parser (charset conversion) come to the same handler, so
 * nothing reaches stderr. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/SAX2.h>
#include <libxml/dict.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "base/error.h"
#include "base/sjis.h"
#include "base/xml.h"
#define IFGW_BASE_INTERNAL
#include "base/xml_limits_int.h"

enum refusal { REFUSE_NONE = 0, REFUSE_DTD, REFUSE_DEPTH };

struct parse_state {
	unsigned depth;
	unsigned max_depth;
	enum refusal refused;
	long line;
	xmlParserCtxtPtr ctxt;
	int failed; /* the first fatal error is in line/msg */
	char msg[256];
};

/* One parser per thread, reused: its dictionary of names stays warm, which
 * is a third of the time to parse a small message.  Renewed once the
 * dictionary holds PARSER_DICT_RENEW names, so that it stays bounded;
 * freed when the thread ends. */
#define PARSER_DICT_RENEW 4096

static pthread_once_t parser_once = PTHREAD_ONCE_INIT;
static pthread_key_t parser_key;
static int parser_key_ok;

static void parser_free(void *ctxt)
{
	xmlFreeParserCtxt(ctxt);
}

/* libxml2 itself is initialised once by ifgw_global_init() (gateway/node). */
static void parser_init(void)
{
	parser_key_ok = pthread_key_create(&parser_key, parser_free) == 0;
}

/* The thread's parser (*owned = 0), or a fresh one to free (*owned = 1). */
static xmlParserCtxtPtr parser_get(int *owned)
{
	xmlParserCtxtPtr ctxt = parser_key_ok ? pthread_getspecific(parser_key) : NULL;

	*owned = 0;
	if (ctxt && (!ctxt->dict || xmlDictSize(ctxt->dict) > PARSER_DICT_RENEW)) {
		pthread_setspecific(parser_key, NULL);
		xmlFreeParserCtxt(ctxt);
		ctxt = NULL;
	}
	if (!ctxt && (ctxt = xmlNewParserCtxt())) {
		if (parser_key_ok && pthread_setspecific(parser_key, ctxt) == 0)
			return ctxt;
		*owned = 1;
	}
	return ctxt;
}

static void limits_get(size_t *max_bytes, unsigned *max_depth, const struct ifgw_xml_limits *lim)
{
	*max_bytes = lim && lim->max_bytes ? lim->max_bytes : IFGW_XML_MAX_BYTES_DEFAULT;
	*max_depth = lim && lim->max_depth ? lim->max_depth : IFGW_XML_MAX_DEPTH_DEFAULT;
	if (*max_bytes > INT_MAX) /* libxml2 takes an int length */
		*max_bytes = INT_MAX;
	if (*max_depth > IFGW_XML_MAX_DEPTH_LIMIT)
		*max_depth = IFGW_XML_MAX_DEPTH_LIMIT;
}

static void refuse(xmlParserCtxtPtr ctxt, enum refusal why)
{
	struct parse_state *st = ctxt->_private;

	if (st->refused == REFUSE_NONE) {
		st->refused = why;
		st->line = ctxt->input ? ctxt->input->line : 0;
	}
	xmlStopParser(ctxt);
}

static void hook_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
				 const xmlChar *system_id)
{
	refuse(ctx, REFUSE_DTD);
}

static void hook_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
		       int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
		       const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;

	if (++st->depth > st->max_depth) {
		refuse(ctxt, REFUSE_DEPTH);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
			      nb_defaulted, attributes);
}

static void hook_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;

	st->depth--;
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

/* Fatal: libxml2's fatal errors, and namespace errors but its warnings
 * (a namespace name that is not an absolute URI). */
static int is_fatal(const xmlError *err)
{
	if (err->level == XML_ERR_FATAL)
		return 1;
	if (err->level != XML_ERR_ERROR)
		return 0;
	return err->domain != XML_FROM_NAMESPACE ||
	       (err->code != XML_WAR_NS_URI && err->code != XML_WAR_NS_URI_RELATIVE && err->code != XML_WAR_NS_COLUMN);
}

/* Keep the first fatal error and stop the parser there: later errors are
 * consequences of the first, and nothing after it is worth parsing.  The
 * input is left in place (xmlStopParser would free it under the caller). */
static void keep_first(struct parse_state *st, const xmlError *err)
{
	xmlParserCtxtPtr ctxt = st->ctxt;
	size_t n;

	if (st->failed || !is_fatal(err))
		return;
	st->failed = 1;
	st->line = err->line > 0 ? err->line : (ctxt && ctxt->input ? ctxt->input->line : 0);
	snprintf(st->msg, sizeof(st->msg), "%s", err->message ? err->message : "not well-formed");
	n = strlen(st->msg);
	while (n > 0 && (st->msg[n - 1] == '\n' || st->msg[n - 1] == ' '))
		st->msg[--n] = '\0';
	if (ctxt) {
		ctxt->wellFormed = 0;
		ctxt->disableSAX = 1;
		ctxt->instate = XML_PARSER_EOF;
	}
}

/* The parser's own errors (ctx is the parser). */
static void hook_error(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = ctx;

	if (ctxt && ctxt->_private && err)
		keep_first(ctxt->_private, err);
}

/* Errors libxml2 raises without the parser (charset conversion), which
 * would otherwise go to stderr. */
static void hook_error_global(void *ctx, xmlErrorPtr err)
{
	if (ctx && err)
		keep_first(ctx, err);
}

static int parse_error(const char *name, xmlParserCtxtPtr ctxt, struct parse_state *st,
		       const struct ifgw_xml_limits *lim)
{
	const xmlError *err = xmlCtxtGetLastError(ctxt);

	if (!st->failed && err && err->code != XML_ERR_OK) /* not seen by the hooks: libxml2's last */
		keep_first(st, err);
	if (st->refused == REFUSE_DTD)
		return ifgw_error_set(IFGW_EPARSE, "%s:%ld: DTD not allowed", name, st->line);
	if (st->refused == REFUSE_DEPTH)
		return ifgw_error_set(IFGW_EPARSE, "%s:%ld: elements nested deeper than %u", name, st->line,
				      st->max_depth);
	return ifgw_error_set(IFGW_EPARSE, "%s:%ld: %s: %s", name, st->line,
			      lim && lim->syntax_words ? lim->syntax_words : "XML parse error",
			      st->failed ? st->msg : "not well-formed");
}

int ifgw_xml_parse(xmlDoc **out, const char *data, size_t len, const char *name,
		   const struct ifgw_xml_limits *lim)
{
	xmlParserCtxtPtr ctxt = NULL;
	xmlParserInputBufferPtr in = NULL;
	xmlParserInputPtr input;
	struct parse_state st;
	xmlStructuredErrorFunc old_fn;
	void *old_ctx;
	size_t max_bytes;
	int rc = IFGW_OK, owned;

	*out = NULL;
	memset(&st, 0, sizeof(st));
	name = name ? name : "document";
	limits_get(&max_bytes, &st.max_depth, lim);
	if (len > max_bytes)
		return ifgw_error_set(IFGW_EPARSE, "%s: document larger than %zu bytes", name, max_bytes);
	if (len == 0)
		return ifgw_error_set(IFGW_EPARSE, "%s: empty document", name);
	if ((rc = ifgw_xml_limits_scan(data, len, name, st.max_depth)) != IFGW_OK)
		return rc;
	/* libxml2 would read such bytes as glibc does, the signer's side maybe not */
	if ((rc = ifgw_sjis_check_label(data, len, name)) != IFGW_OK)
		return rc;
	pthread_once(&parser_once, parser_init);
	if (!(ctxt = parser_get(&owned)))
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory creating the XML parser", name);
	xmlCtxtReset(ctxt);
	if (!(in = xmlParserInputBufferCreateMem(data, (int)len, XML_CHAR_ENCODING_NONE)) ||
	    !(input = xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE))) {
		xmlFreeParserInputBuffer(in);
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory creating the XML parser", name);
		goto out;
	}
	inputPush(ctxt, input);
	/* No NOENT, DTDLOAD, DTDATTR, XINCLUDE or HUGE: entities stay unexpanded
	 * and libxml2's own limits stay on. */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
				      (lim && lim->cdata_as_text ? XML_PARSE_NOCDATA : 0));
	ctxt->_private = &st;
	st.ctxt = ctxt;
	ctxt->sax->internalSubset = hook_internal_subset;
	ctxt->sax->startElementNs = hook_start;
	ctxt->sax->endElementNs = hook_end;
	ctxt->sax->serror = hook_error;
	/* the thread's handler: libxml2's globals are per thread */
	old_fn = xmlStructuredError;
	old_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&st, hook_error_global);
	xmlParseDocument(ctxt);
	xmlSetStructuredErrorFunc(old_ctx, old_fn);
	if (!ctxt->wellFormed || !ctxt->nsWellFormed || st.failed || st.refused != REFUSE_NONE || !ctxt->myDoc) {
		rc = parse_error(name, ctxt, &st, lim);
		goto out;
	}
	if (ctxt->myDoc->intSubset || ctxt->myDoc->extSubset || !xmlDocGetRootElement(ctxt->myDoc)) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s: DTD not allowed", name);
		goto out;
	}
	if (!ctxt->myDoc->URL && !(ctxt->myDoc->URL = xmlStrdup(BAD_CAST name))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", name);
		goto out;
	}
	*out = ctxt->myDoc;
	ctxt->myDoc = NULL; /* handed to the caller */
out:
	xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	ctxt->_private = NULL;
	if (owned)
		xmlFreeParserCtxt(ctxt);
	else
		xmlCtxtReset(ctxt); /* lets go of the input copy now, not at the next parse */
	return rc;
}

int ifgw_xml_read_file(struct ifgw_buf *out, const char *path, const struct ifgw_xml_limits *lim)
{
	char eb[IFGW_STRERROR_SIZE];
	char chunk[65536];
	struct stat st;
	size_t max_bytes, start = out->len;
	unsigned depth;
	ssize_t n;
	int fd, rc = IFGW_OK;

	limits_get(&max_bytes, &depth, lim);
	fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ifgw_error_set(IFGW_EIO, "%s: cannot open: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
	/* A regular file is judged by its size: a 100 MB file is refused
	 * without reading a byte of it. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max_bytes) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s: document larger than %zu bytes", path, max_bytes);
		goto out;
	}
	if (out->max < start + max_bytes + 1)
		out->max = start + max_bytes + 1;
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = ifgw_error_set(IFGW_EIO, "%s: read failed: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
			goto out;
		}
		if (n == 0)
			break;
		if (out->len - start + (size_t)n > max_bytes) {
			rc = ifgw_error_set(IFGW_EPARSE, "%s: document larger than %zu bytes", path, max_bytes);
			goto out;
		}
		if ((rc = ifgw_buf_add(out, chunk, (size_t)n)) != IFGW_OK)
			goto out;
	}
out:
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

int ifgw_xml_parse_file(xmlDoc **out, const char *path, const struct ifgw_xml_limits *lim)
{
	struct ifgw_buf b;
	int rc;

	*out = NULL;
	ifgw_buf_init(&b, 0);
	if ((rc = ifgw_xml_read_file(&b, path, lim)) == IFGW_OK)
		rc = ifgw_xml_parse(out, ifgw_buf_cstr(&b), b.len, path, lim);
	ifgw_buf_free(&b);
	return rc;
}

void ifgw_xml_node_path(char *out, size_t size, xmlNodePtr node)
{
	const char *names[32];
	size_t idx[32], depth = 0, n = 0;
	xmlNodePtr p, s;

	for (p = node; p && p->type == XML_ELEMENT_NODE && depth < 32; p = p->parent) {
		size_t i = 1, same = 0;

		for (s = p->parent ? p->parent->children : NULL; s; s = s->next)
			if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, p->name)) {
				same++;
				if (s == p)
					i = same;
			}
		names[depth] = (const char *)p->name;
		idx[depth] = same > 1 ? i : 0;
		depth++;
	}
	out[0] = '\0';
	while (depth-- > 0 && n < size) {
		if (idx[depth])
			n += (size_t)snprintf(out + n, size - n, "%s%s[%zu]", n ? "/" : "", names[depth], idx[depth]);
		else
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "/" : "", names[depth]);
	}
}

#if LIBXML_VERSION >= 21200
void ifgw_xml_keep_first_error(void *ctx, const xmlError *err)
#else
void ifgw_xml_keep_first_error(void *ctx, xmlError *err)
#endif
{
	struct ifgw_xml_first_error *fe = ctx;
	const char *m;
	size_t n;

	if (fe->set || !err)
		return;
	fe->set = 1;
	fe->line = err->line;
	fe->path[0] = '\0';
	if (err->node && ((xmlNodePtr)err->node)->type == XML_ELEMENT_NODE) {
		(fe->node_path ? fe->node_path : ifgw_xml_node_path)(fe->path, sizeof(fe->path), err->node);
		fe->line = xmlGetLineNo(err->node);
	}
	m = err->message ? err->message : "(no message)";
	/* "Element '{ns}Name': " repeats what the path says; of "Element
	 * '{ns}Name', attribute 'a': " the attribute goes to the path. */
	if (strncmp(m, "Element '", 9) == 0 && strstr(m, "': ")) {
		const char *attr = strstr(m, "', attribute '"), *colon = strstr(m, "': ");

		if (attr && attr < colon && fe->path[0]) {
			n = strlen(fe->path);
			snprintf(fe->path + n, sizeof(fe->path) - n, "/@%.*s", (int)(colon - (attr + 14)), attr + 14);
		}
		m = colon + 3;
	}
	snprintf(fe->msg, sizeof(fe->msg), "%s", m);
	n = strlen(fe->msg);
	while (n > 0 && (fe->msg[n - 1] == '\n' || fe->msg[n - 1] == ' '))
		fe->msg[--n] = '\0';
}

long ifgw_xml_line_at(const char *data, size_t off)
{
	long line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		line += data[i] == '\n';
	return line;
}
