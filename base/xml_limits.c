/* xml_limits.c: the pre-pass that bounds a document before libxml2 parses
 * it (see xml.h for the limits, xml_limits_int.h for the call).
 *
 * libxml2 2.9 checks attribute names for duplicates pairwise and namespace
 * declarations against each other, so one element of 100,000 attributes
 * costs minutes; its SAX callbacks come after that work.  This scan reads
 * the markup itself, in one pass, and refuses such documents first.
 *
 * It reads the structure leniently: inside a tag, '=' outside quotes
 * counts an attribute, a quote opens or closes a value and '>' outside
 * quotes ends the tag.  On well-formed XML that is exact; where the XML is
 * not, libxml2 stops at its first fatal error (base/xml.c), so it never
 * parses past the point where the two could disagree.
 *
 * The markup is read in ASCII bytes, so the charset must keep ASCII's
 * bytes for '<', '>', '=', quotes and white space everywhere: UTF-8, the
 * ISO-8859 and Windows code pages, Shift_JIS and the other CJK charsets
 * whose second bytes are letters or above (never 0x22, 0x27, 0x3C-0x3E).
 * UTF-16 with a byte order mark is re-encoded as UTF-8 first (as libxml2
 * reads it).  Any other declared charset (UTF-7, ISO-2022-JP, EBCDIC pages
 * hide markup from a byte scan) is converted to UTF-8 by libxml2's own
 * converter, from where libxml2 switches to it, and that is scanned.
 * EBCDIC without a declaration that can be read in ASCII is refused.
 *
 * libxml2 2.9's dictionary stops growing at about 4,600 buckets, so each
 * distinct string it keeps lengthens every later lookup: 900,000 distinct
 * element names (10 MB) cost 28 s, 16 MiB of distinct attribute names,
 * namespace names or short texts minutes.  The scan counts a superset of
 * what libxml2 puts there (element, attribute and PI target names,
 * namespace names and xml:id values, attribute values of at most 3 bytes,
 * texts whose last piece before a tag is at most 3 bytes or under 60 bytes
 * of white space) and refuses more than IFGW_XML_MAX_STRINGS distinct. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/encoding.h>
#include <libxml/tree.h>

#include "base/error.h"
#include "base/xml.h"
#define IFGW_BASE_INTERNAL
#include "base/xml_limits_int.h"

/* One distinct string of the scanned bytes (off + 1; 0: free slot). */
struct seen {
	uint32_t hash;
	uint32_t off;
	uint32_t len;
};

/* At most this many slots (a load of 0.31 at IFGW_XML_MAX_STRINGS), and
 * probes per lookup: beyond them the names collide on purpose. */
#define SEEN_SLOTS_MAX 65536u
#define SEEN_PROBES 128u

struct scan {
	const unsigned char *p;
	size_t n;
	const char *name;
	unsigned max_depth;
	unsigned depth;
	unsigned long elements;
	unsigned ns_at[IFGW_XML_MAX_DEPTH_LIMIT + 2]; /* declarations in scope at each depth */
	struct seen *seen; /* the distinct strings counted so far */
	size_t seen_mask;
	size_t seen_mask_max; /* grown up to this: a small message zeroes a small table */
	unsigned long distinct;
};

static int refuse(const struct scan *s, size_t off, const char *fmt, ...) IFGW_PRINTF(3, 4);

/* "name:line: reason", the line of byte off of the scanned bytes. */
static int refuse(const struct scan *s, size_t off, const char *fmt, ...)
{
	char reason[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	return ifgw_error_set(IFGW_EPARSE, "%s:%ld: %s", s->name, ifgw_xml_line_at((const char *)s->p, off),
			      reason);
}

/* An element's name in a refusal: at most 64 bytes of it. */
#define SHOWN(len) ((int)((len) > 64 ? 64 : (len)))

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static uint32_t string_hash(const unsigned char *p, size_t len)
{
	uint32_t h = 2166136261u ^ (uint32_t)len;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 16777619u;
	return h ^ (h >> 15);
}

/* Double the table when it is half full, up to seen_mask_max: the slots
 * keep their hashes, so nothing is read again. */
static int seen_grow(struct scan *s)
{
	size_t mask = s->seen_mask * 2 + 1, i, j;
	struct seen *t = calloc(mask + 1, sizeof(*t));

	if (!t)
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", s->name);
	for (i = 0; i <= s->seen_mask; i++) {
		if (s->seen[i].off == 0)
			continue;
		for (j = s->seen[i].hash & mask; t[j].off != 0; j = (j + 1) & mask)
			;
		t[j] = s->seen[i];
	}
	free(s->seen);
	s->seen = t;
	s->seen_mask = mask;
	return IFGW_OK;
}

/* Count p[off..off+len), a string libxml2 may keep in its dictionary
 * (refusals at byte at). */
static int count_string(struct scan *s, size_t off, size_t len, size_t at)
{
	uint32_t h = string_hash(s->p + off, len);
	size_t i = h & s->seen_mask, k;

	for (k = 0; k < SEEN_PROBES; k++, i = (i + 1) & s->seen_mask) {
		struct seen *e = &s->seen[i];

		if (e->off == 0) {
			if (++s->distinct > IFGW_XML_MAX_STRINGS)
				return refuse(s, at, "more than %lu distinct names and short texts",
					      IFGW_XML_MAX_STRINGS);
			e->hash = h;
			e->off = (uint32_t)off + 1;
			e->len = (uint32_t)len;
			if (s->distinct * 2 > s->seen_mask + 1 && s->seen_mask < s->seen_mask_max)
				return seen_grow(s);
			return IFGW_OK;
		}
		if (e->hash == h && e->len == len && memcmp(s->p + e->off - 1, s->p + off, len) == 0)
			return IFGW_OK;
	}
	return refuse(s, at, "more than %u names alike", SEEN_PROBES);
}

/* The text p[from..at), before the markup at `at`: libxml2 keeps its last
 * piece (after a CR or an entity reference) in the dictionary when it is
 * at most 3 bytes, or white space under 60 bytes. */
static int count_text(struct scan *s, size_t from, size_t at)
{
	const unsigned char *p = s->p;
	size_t b = at;
	int blank = 1;

	while (b > from && at - b < 60 && p[b - 1] != '\r' && p[b - 1] != ';') {
		blank &= is_space(p[b - 1]);
		b--;
	}
	if (b == at || (at - b > 3 && !(blank && at - b < 60)))
		return IFGW_OK;
	return count_string(s, b, at - b, at);
}

/* Offset of the first occurrence of the 2- or 3-byte pat at or after i, or n. */
static size_t find(const unsigned char *p, size_t n, size_t i, const char *pat, size_t plen)
{
	while (i + plen <= n) {
		const unsigned char *q = memchr(p + i, pat[0], n - i - plen + 1);

		if (!q)
			break;
		i = (size_t)(q - p);
		if (memcmp(q, pat, plen) == 0)
			return i;
		i++;
	}
	return n;
}

/* The charsets whose bytes for markup are ASCII's everywhere (see above);
 * exact names or a prefix followed by digits, as iconv spells them. */
static int charset_ok(const char *enc, size_t len)
{
	static const char *const exact[] = {
		"UTF-8",    "UTF8",    "UTF-16",   "UTF16",    "US-ASCII",  "ASCII",       "SHIFT_JIS",
		"SHIFT-JIS", "SJIS",   "MS_KANJI", "CP932",    "WINDOWS-31J", "CSSHIFTJIS", "EUC-JP",
		"EUCJP",    "EUC-KR",  "EUCKR",    "EUC-CN",   "GB2312",    "GBK",         "GB18030",
		"BIG5",     "BIG5-HKSCS", "KOI8-R", "KOI8-U",  "CP936",     "CP949",       "CP950",
	};
	static const char *const prefix[] = {"ISO-8859-", "ISO8859-", "ISO_8859-", "WINDOWS-", "CP125", "LATIN"};
	char up[32];
	size_t i, k;

	if (len == 0 || len >= sizeof(up))
		return 0;
	for (i = 0; i < len; i++)
		up[i] = enc[i] >= 'a' && enc[i] <= 'z' ? (char)(enc[i] - 'a' + 'A') : enc[i];
	up[len] = '\0';
	for (k = 0; k < sizeof(exact) / sizeof(exact[0]); k++)
		if (strcmp(up, exact[k]) == 0)
			return 1;
	for (k = 0; k < sizeof(prefix) / sizeof(prefix[0]); k++) {
		size_t pl = strlen(prefix[k]);

		if (len > pl && strncmp(up, prefix[k], pl) == 0) {
			for (i = pl; i < len && up[i] >= '0' && up[i] <= '9'; i++)
				;
			if (i == len)
				return 1;
		}
	}
	return 0;
}

/* s->p's bytes up to `at`, then the rest converted from charset enc to
 * UTF-8 (up to the first byte it cannot convert, where libxml2 stops too),
 * in a new s->p to free. */
static int convert_rest(struct scan *s, size_t at, const char *enc, char **conv)
{
	xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(enc);
	xmlBufferPtr in = xmlBufferCreate(), out = xmlBufferCreate();
	int rc = IFGW_OK;

	*conv = NULL;
	if (!h) {
		rc = refuse(s, at, "unknown encoding '%s'", enc); /* libxml2 refuses it too */
		goto out;
	}
	if (!in || !out || xmlBufferAdd(in, s->p + at, (int)(s->n - at)) != 0) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", s->name);
		goto out;
	}
	xmlCharEncInFunc(h, out, in);
	if (!(*conv = malloc(at + (size_t)xmlBufferLength(out) + 1))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", s->name);
		goto out;
	}
	memcpy(*conv, s->p, at);
	memcpy(*conv + at, xmlBufferContent(out), (size_t)xmlBufferLength(out));
	s->n = at + (size_t)xmlBufferLength(out);
	(*conv)[s->n] = '\0';
	s->p = (const unsigned char *)*conv;
out:
	xmlBufferFree(in);
	xmlBufferFree(out);
	if (h)
		xmlCharEncCloseFunc(h);
	return rc;
}

/* UTF-16LE or UTF-16BE, the names a UTF-16 document without a byte order
 * mark gives itself (XML 1.0 appendix F). */
static int utf16_named(const char *enc, size_t len)
{
	return len == 8 && (strncasecmp(enc, "UTF-16LE", 8) == 0 || strncasecmp(enc, "UTF-16BE", 8) == 0);
}

/* The XML declaration's encoding (at p[i], the document's first
 * character), if any: one the scan reads as it is, or the rest converted
 * (*conv).  In UTF-16 only UTF-16 or UTF-8 (which libxml2 ignores there):
 * any other would switch libxml2's decoder away from what was scanned. */
static int check_decl(struct scan *s, size_t i, int utf16, char **conv)
{
	const unsigned char *p = s->p;
	size_t end, at, q;
	unsigned char quote;

	if (s->n - i < 6 || memcmp(p + i, "<?xml", 5) != 0 || !is_space(p[i + 5]))
		return IFGW_OK;
	end = find(p, s->n, i, "?>", 2);
	for (at = i + 5; at + 8 <= end; at++)
		if (memcmp(p + at, "encoding", 8) == 0)
			break;
	if (at + 8 > end)
		return IFGW_OK;
	for (at += 8; at < end && (is_space(p[at]) || p[at] == '='); at++)
		;
	if (at >= end || (p[at] != '"' && p[at] != '\''))
		return IFGW_OK; /* libxml2 refuses it */
	quote = p[at++];
	for (q = at; q < end && p[q] != quote; q++)
		;
	if (utf16 && !(q - at >= 4 && (charset_ok((const char *)p + at, q - at) || utf16_named((const char *)p + at, q - at)) &&
		       (p[at + 3] == '1' || p[at + 3] == '-' || p[at + 3] == '8')))
		return refuse(s, at, "encoding '%.*s' in a UTF-16 document", SHOWN(q - at), (const char *)p + at);
	if (utf16 || charset_ok((const char *)p + at, q - at))
		return IFGW_OK;
	{
		char enc[64];

		snprintf(enc, sizeof(enc), "%.*s", (int)(q - at), (const char *)p + at);
		/* libxml2 switches after the closing quote: from the quote
		 * itself, UTF-16LE or UTF-32 would be read one byte off and
		 * hide every '<' of the document from the scan */
		return convert_rest(s, q < end ? q + 1 : q, enc, conv);
	}
}

/* What a byte is inside a tag; names run over everything else. */
enum { C_NAME = 0, C_SPACE, C_QUOTE, C_EQ, C_SLASH, C_GT };

static const unsigned char tag_class[256] = {
	[' '] = C_SPACE, ['\t'] = C_SPACE, ['\n'] = C_SPACE, ['\r'] = C_SPACE, ['"'] = C_QUOTE,
	['\''] = C_QUOTE, ['='] = C_EQ,       ['/'] = C_SLASH,  ['>'] = C_GT,
};

/* Count one attribute whose name is p[tok..tok+tok_len) on the element
 * named p[name_at..name_at+name_len), at byte j ('='). */
static int count_attr(const struct scan *s, size_t j, size_t tok, size_t tok_len, size_t name_at, size_t name_len,
		      unsigned *attrs, unsigned *ns)
{
	const unsigned char *p = s->p;

	if ((tok_len == 5 || (tok_len > 5 && p[tok + 5] == ':')) && memcmp(p + tok, "xmlns", 5) == 0) {
		if (++*ns > IFGW_XML_MAX_NS)
			return refuse(s, j, "more than %u namespace declarations on element '%.*s'", IFGW_XML_MAX_NS,
				      SHOWN(name_len), (const char *)p + name_at);
	} else if (++*attrs > IFGW_XML_MAX_ATTRS) {
		return refuse(s, j, "more than %u attributes on element '%.*s'", IFGW_XML_MAX_ATTRS, SHOWN(name_len),
			      (const char *)p + name_at);
	}
	return IFGW_OK;
}

/* A start tag from p[i] ('<'): its name, attributes and namespace
 * declarations, the depth and the declarations in scope.  The offset
 * after it goes to *next. */
static int scan_start_tag(struct scan *s, size_t i, size_t *next)
{
	const unsigned char *p = s->p;
	size_t n = s->n, j = i + 1, tok = 0, tok_len = 0, name_at = i + 1, name_len;
	unsigned attrs = 0, ns = 0, in_scope;
	int empty = 0, keep_value = 0, rc = IFGW_OK;

	while (j < n && tag_class[p[j]] == C_NAME)
		j++;
	name_len = j - name_at;
	if (name_len > IFGW_XML_MAX_NAME) {
		rc = refuse(s, i, "name longer than %u bytes", IFGW_XML_MAX_NAME);
		goto out;
	}
	if (++s->elements > IFGW_XML_MAX_ELEMENTS) {
		rc = refuse(s, i, "more than %lu elements", IFGW_XML_MAX_ELEMENTS);
		goto out;
	}
	if ((rc = count_string(s, name_at, name_len, i)) != IFGW_OK)
		goto out;
	while (j < n && tag_class[p[j]] != C_GT) {
		const unsigned char *q;

		switch (tag_class[p[j]]) {
		case C_NAME:
			for (tok = j; j < n && tag_class[p[j]] == C_NAME; j++)
				;
			tok_len = j - tok;
			empty = 0;
			if (tok_len > IFGW_XML_MAX_NAME) {
				rc = refuse(s, tok, "name longer than %u bytes", IFGW_XML_MAX_NAME);
				goto out;
			}
			break;
		case C_QUOTE:
			q = memchr(p + j + 1, p[j], n - j - 1);
			if ((q ? (size_t)(q - p) : n) - (j + 1) > IFGW_XML_MAX_TEXT) {
				rc = refuse(s, j, "attribute value longer than %lu bytes", IFGW_XML_MAX_TEXT);
				goto out;
			}
			/* namespace names and xml:id values are kept whole */
			if (q && (keep_value || (size_t)(q - p) - (j + 1) <= 3) &&
			    (rc = count_string(s, j + 1, (size_t)(q - p) - (j + 1), j)) != IFGW_OK)
				goto out;
			j = q ? (size_t)(q - p) + 1 : n;
			keep_value = 0;
			tok_len = 0;
			empty = 0;
			break;
		case C_EQ: /* the last name before '=' is the attribute's */
			if ((rc = count_attr(s, j, tok, tok_len, name_at, name_len, &attrs, &ns)) != IFGW_OK ||
			    (tok_len > 0 && (rc = count_string(s, tok, tok_len, j)) != IFGW_OK))
				goto out;
			keep_value = (tok_len >= 5 && memcmp(p + tok, "xmlns", 5) == 0) ||
				     (tok_len == 6 && memcmp(p + tok, "xml:id", 6) == 0);
			tok_len = 0;
			j++;
			break;
		case C_SLASH:
			empty = 1;
			j++;
			break;
		default:
			j++;
			break;
		}
	}
	*next = j < n ? j + 1 : n;
	/* an empty element's own names are looked up among them too */
	in_scope = s->ns_at[s->depth] + ns;
	if (in_scope > IFGW_XML_MAX_NS_IN_SCOPE) {
		rc = refuse(s, i, "more than %u namespace declarations in scope at element '%.*s'",
			    IFGW_XML_MAX_NS_IN_SCOPE, SHOWN(name_len), (const char *)p + name_at);
		goto out;
	}
	if (empty)
		goto out;
	if (++s->depth > s->max_depth) {
		rc = refuse(s, i, "elements nested deeper than %u", s->max_depth);
		goto out;
	}
	s->ns_at[s->depth] = in_scope;
out:
	return rc;
}

/* The markup of p[0..n), the document in ASCII-compatible bytes. */
static int scan_markup(struct scan *s, size_t i)
{
	const unsigned char *p = s->p;
	size_t n = s->n, text = 0;
	int rc = IFGW_OK;

	while (i < n && rc == IFGW_OK) {
		const unsigned char *lt = memchr(p + i, '<', n - i);
		size_t at = lt ? (size_t)(lt - p) : n, end;

		text += at - i;
		if (text > IFGW_XML_MAX_TEXT) {
			rc = refuse(s, at, "text longer than %lu bytes", IFGW_XML_MAX_TEXT);
			break;
		}
		if (at + 1 >= n)
			break;
		if (p[at + 1] != '!' && (rc = count_text(s, i, at)) != IFGW_OK)
			break;
		if (p[at + 1] == '?') { /* processing instruction */
			size_t t = at + 2;

			end = find(p, n, at + 2, "?>", 2);
			while (t < end && !is_space(p[t]))
				t++;
			if ((rc = count_string(s, at + 2, t - (at + 2), at)) != IFGW_OK)
				break;
			i = end + 2;
			text = 0;
		} else if (p[at + 1] == '!' && n - at >= 4 && memcmp(p + at, "<!--", 4) == 0) {
			end = find(p, n, at + 4, "-->", 3);
			i = end + 3;
			text = 0;
		} else if (p[at + 1] == '!' && n - at >= 9 && memcmp(p + at, "<![CDATA[", 9) == 0) {
			/* counted with the text: it may become part of it */
			end = find(p, n, at + 9, "]]>", 3);
			text += end - (at + 9);
			if (text > IFGW_XML_MAX_TEXT)
				rc = refuse(s, at, "text longer than %lu bytes", IFGW_XML_MAX_TEXT);
			i = end + 3;
		} else if (p[at + 1] == '!') {
			/* A DOCTYPE (the parser stops at its name) or an error
			 * libxml2 stops at: nothing after it is parsed. */
			break;
		} else if (p[at + 1] == '/') {
			const unsigned char *gt = memchr(p + at + 2, '>', n - at - 2);

			end = gt ? (size_t)(gt - p) : n;
			if (end - (at + 2) > IFGW_XML_MAX_NAME)
				rc = refuse(s, at, "name longer than %u bytes", IFGW_XML_MAX_NAME);
			if (s->depth > 0)
				s->depth--;
			i = end + 1;
			text = 0;
		} else {
			rc = scan_start_tag(s, at, &i);
			text = 0;
		}
	}
	return rc;
}

/* UTF-16 (after its byte order mark) in UTF-8 as libxml2 reads it, each
 * code unit on its own (a surrogate as three bytes): names keep their
 * length in bytes and distinct names stay distinct; a NUL stays a NUL. */
static char *narrow_utf16(const unsigned char *p, size_t n, int big, size_t *out_len)
{
	char *out = malloc(n / 2 * 3 + 1);
	size_t i, k = 0;

	if (!out)
		return NULL;
	for (i = 0; i + 1 < n; i += 2) {
		unsigned u = big ? (unsigned)p[i] << 8 | p[i + 1] : (unsigned)p[i + 1] << 8 | p[i];

		if (u < 0x80) {
			out[k++] = (char)u;
		} else if (u < 0x800) {
			out[k++] = (char)(0xC0 | u >> 6);
			out[k++] = (char)(0x80 | (u & 0x3F));
		} else {
			out[k++] = (char)(0xE0 | u >> 12);
			out[k++] = (char)(0x80 | (u >> 6 & 0x3F));
			out[k++] = (char)(0x80 | (u & 0x3F));
		}
	}
	out[k] = '\0';
	*out_len = k;
	return out;
}

int ifgw_xml_limits_scan(const char *data, size_t len, const char *name, unsigned max_depth)
{
	const unsigned char *p = (const unsigned char *)data;
	struct scan s;
	char *narrow = NULL, *conv = NULL;
	const unsigned char *nul;
	size_t start = 0;
	int rc, utf16 = 0;

	memset(&s, 0, sizeof(s));
	s.p = p;
	s.n = len;
	s.name = name;
	s.max_depth = max_depth;
	if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
		if (!(narrow = narrow_utf16(p + 2, len - 2, p[0] == 0xFE, &s.n)))
			return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", name);
		s.p = (const unsigned char *)narrow;
		utf16 = 1;
	} else if (len >= 4 && (memcmp(p, "<\0?\0", 4) == 0 || memcmp(p, "\0<\0?", 4) == 0)) {
		/* UTF-16 without a byte order mark, known by its "<?" (XML 1.0
		 * appendix F), as libxml2 reads it: not a NUL in an 8-bit text. */
		if (!(narrow = narrow_utf16(p, len, p[0] == 0, &s.n)))
			return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", name);
		s.p = (const unsigned char *)narrow;
		utf16 = 1;
	} else if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		start = 3;
	} else if (len >= 4 && memcmp(p, "\x4C\x6F\xA7\x94", 4) == 0) {
		rc = refuse(&s, 0, "EBCDIC not accepted");
		goto out;
	}
	if ((rc = check_decl(&s, start, utf16, &conv)) != IFGW_OK)
		goto out;
	/* libxml2 takes a NUL for the end of the document and ignores the
	 * rest: a signed message followed by NUL and anything would verify. */
	if ((nul = memchr(s.p, 0, s.n)) != NULL) {
		rc = refuse(&s, (size_t)(nul - s.p), "NUL character not allowed");
		goto out;
	}
	/* up to twice the bytes or SEEN_SLOTS_MAX slots (a load of 0.31 at most
	 * at the limit), from 256 slots doubled each time they are half full */
	for (s.seen_mask_max = 63; s.seen_mask_max < SEEN_SLOTS_MAX - 1 && s.seen_mask_max < 2 * s.n;
	     s.seen_mask_max = s.seen_mask_max * 2 + 1)
		;
	s.seen_mask = s.seen_mask_max < 255 ? s.seen_mask_max : 255;
	if (!(s.seen = calloc(s.seen_mask + 1, sizeof(*s.seen)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", name);
		goto out;
	}
	rc = scan_markup(&s, start);
out:
	free(s.seen);
	free(narrow);
	free(conv);
	return rc;
}
