/* charset.c: UTF-8 <-> wire charsets with iconv, strict by default (see charset.h). */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <locale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "adapters/charset.h"
#define IFGW_CHARSET_INTERNAL
#include "adapters/charset_int.h"

#ifndef ICONV_CONST
#define ICONV_CONST
#endif

/* Longest charset name we accept ("WINDOWS-1252", "ISO-8859-15" ...). */
#define CHARSET_NAME_MAX 40
#define TRANSLIT_SUFFIX "//TRANSLIT"
/* Descriptors kept per thread: a gateway talks to a handful of charsets. */
#define CACHE_SLOTS 8

struct cd_slot {
	char to[CHARSET_NAME_MAX + sizeof(TRANSLIT_SUFFIX)];
	char from[CHARSET_NAME_MAX];
	iconv_t cd;
	int used;
};

struct cd_cache {
	struct cd_slot slot[CACHE_SLOTS];
	unsigned next;     /* slot to reuse when all are taken (round robin) */
	locale_t c_locale; /* glibc transliterates by LC_CTYPE: pin it to "C" */
};

/* Each thread's cache lives on the heap, found through a thread-local
 * pointer; a pthread key with a destructor closes its descriptors and frees
 * its locale when the thread ends (a server's worker threads come and go). */
static _Thread_local struct cd_cache *cache;
static pthread_once_t cache_key_once = PTHREAD_ONCE_INIT;
static pthread_key_t cache_key;
static int cache_key_ok;
static atomic_size_t live_caches; /* for the tests: caches made and not yet released */

static void cache_release(struct cd_cache *c)
{
	unsigned i;

	for (i = 0; i < CACHE_SLOTS; i++)
		if (c->slot[i].used)
			iconv_close(c->slot[i].cd);
	if (c->c_locale)
		freelocale(c->c_locale);
	free(c);
	atomic_fetch_sub(&live_caches, 1);
}

/* Runs at thread exit with the thread's cache (never NULL here). */
static void cache_destroy(void *arg)
{
	struct cd_cache *c = arg;

	if (c == cache)
		cache = NULL;
	cache_release(c);
}

static void cache_key_make(void)
{
	cache_key_ok = pthread_key_create(&cache_key, cache_destroy) == 0;
}

/* This thread's cache, made on first use and registered for the destructor. */
static struct cd_cache *cache_get(void)
{
	struct cd_cache *c = cache;

	if (c)
		goto out;
	if (pthread_once(&cache_key_once, cache_key_make) != 0 || !cache_key_ok)
		goto out;
	if (!(c = calloc(1, sizeof(*c))))
		goto out;
	if (pthread_setspecific(cache_key, c) != 0) {
		free(c);
		c = NULL;
		goto out;
	}
	atomic_fetch_add(&live_caches, 1);
	cache = c;
out:
	return c;
}

size_t ifgw_charset_live_caches(void)
{
	return atomic_load(&live_caches);
}

/* Latin letters with diacritics and ligatures -> ASCII, for charsets that
 * lack them (from Unicode canonical decompositions, U+00C0-U+017F and the
 * Romanian comma-below letters; ligatures and stroked letters by hand).
 * Sorted by code point. */
static const struct {
	uint16_t cp;
	char ascii[3];
} translit_table[] = {
	{0x00C0, "A"}, {0x00C1, "A"}, {0x00C2, "A"}, {0x00C3, "A"}, {0x00C4, "A"}, {0x00C5, "A"},
	{0x00C6, "AE"}, {0x00C7, "C"}, {0x00C8, "E"}, {0x00C9, "E"}, {0x00CA, "E"}, {0x00CB, "E"},
	{0x00CC, "I"}, {0x00CD, "I"}, {0x00CE, "I"}, {0x00CF, "I"}, {0x00D0, "D"}, {0x00D1, "N"},
	{0x00D2, "O"}, {0x00D3, "O"}, {0x00D4, "O"}, {0x00D5, "O"}, {0x00D6, "O"}, {0x00D8, "O"},
	{0x00D9, "U"}, {0x00DA, "U"}, {0x00DB, "U"}, {0x00DC, "U"}, {0x00DD, "Y"}, {0x00DE, "TH"},
	{0x00DF, "ss"}, {0x00E0, "a"}, {0x00E1, "a"}, {0x00E2, "a"}, {0x00E3, "a"}, {0x00E4, "a"},
	{0x00E5, "a"}, {0x00E6, "ae"}, {0x00E7, "c"}, {0x00E8, "e"}, {0x00E9, "e"}, {0x00EA, "e"},
	{0x00EB, "e"}, {0x00EC, "i"}, {0x00ED, "i"}, {0x00EE, "i"}, {0x00EF, "i"}, {0x00F0, "d"},
	{0x00F1, "n"}, {0x00F2, "o"}, {0x00F3, "o"}, {0x00F4, "o"}, {0x00F5, "o"}, {0x00F6, "o"},
	{0x00F8, "o"}, {0x00F9, "u"}, {0x00FA, "u"}, {0x00FB, "u"}, {0x00FC, "u"}, {0x00FD, "y"},
	{0x00FE, "th"}, {0x00FF, "y"}, {0x0100, "A"}, {0x0101, "a"}, {0x0102, "A"}, {0x0103, "a"},
	{0x0104, "A"}, {0x0105, "a"}, {0x0106, "C"}, {0x0107, "c"}, {0x0108, "C"}, {0x0109, "c"},
	{0x010A, "C"}, {0x010B, "c"}, {0x010C, "C"}, {0x010D, "c"}, {0x010E, "D"}, {0x010F, "d"},
	{0x0110, "D"}, {0x0111, "d"}, {0x0112, "E"}, {0x0113, "e"}, {0x0114, "E"}, {0x0115, "e"},
	{0x0116, "E"}, {0x0117, "e"}, {0x0118, "E"}, {0x0119, "e"}, {0x011A, "E"}, {0x011B, "e"},
	{0x011C, "G"}, {0x011D, "g"}, {0x011E, "G"}, {0x011F, "g"}, {0x0120, "G"}, {0x0121, "g"},
	{0x0122, "G"}, {0x0123, "g"}, {0x0124, "H"}, {0x0125, "h"}, {0x0126, "H"}, {0x0127, "h"},
	{0x0128, "I"}, {0x0129, "i"}, {0x012A, "I"}, {0x012B, "i"}, {0x012C, "I"}, {0x012D, "i"},
	{0x012E, "I"}, {0x012F, "i"}, {0x0130, "I"}, {0x0131, "i"}, {0x0132, "IJ"}, {0x0133, "ij"},
	{0x0134, "J"}, {0x0135, "j"}, {0x0136, "K"}, {0x0137, "k"}, {0x0138, "q"}, {0x0139, "L"},
	{0x013A, "l"}, {0x013B, "L"}, {0x013C, "l"}, {0x013D, "L"}, {0x013E, "l"}, {0x013F, "L"},
	{0x0140, "l"}, {0x0141, "L"}, {0x0142, "l"}, {0x0143, "N"}, {0x0144, "n"}, {0x0145, "N"},
	{0x0146, "n"}, {0x0147, "N"}, {0x0148, "n"}, {0x0149, "'n"}, {0x014A, "N"}, {0x014B, "n"},
	{0x014C, "O"}, {0x014D, "o"}, {0x014E, "O"}, {0x014F, "o"}, {0x0150, "O"}, {0x0151, "o"},
	{0x0152, "OE"}, {0x0153, "oe"}, {0x0154, "R"}, {0x0155, "r"}, {0x0156, "R"}, {0x0157, "r"},
	{0x0158, "R"}, {0x0159, "r"}, {0x015A, "S"}, {0x015B, "s"}, {0x015C, "S"}, {0x015D, "s"},
	{0x015E, "S"}, {0x015F, "s"}, {0x0160, "S"}, {0x0161, "s"}, {0x0162, "T"}, {0x0163, "t"},
	{0x0164, "T"}, {0x0165, "t"}, {0x0166, "T"}, {0x0167, "t"}, {0x0168, "U"}, {0x0169, "u"},
	{0x016A, "U"}, {0x016B, "u"}, {0x016C, "U"}, {0x016D, "u"}, {0x016E, "U"}, {0x016F, "u"},
	{0x0170, "U"}, {0x0171, "u"}, {0x0172, "U"}, {0x0173, "u"}, {0x0174, "W"}, {0x0175, "w"},
	{0x0176, "Y"}, {0x0177, "y"}, {0x0178, "Y"}, {0x0179, "Z"}, {0x017A, "z"}, {0x017B, "Z"},
	{0x017C, "z"}, {0x017D, "Z"}, {0x017E, "z"}, {0x017F, "s"}, {0x0218, "S"}, {0x0219, "s"},
	{0x021A, "T"}, {0x021B, "t"}
};

size_t ifgw_utf8_decode(uint32_t *cp, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t need, i;
	uint32_t c;

	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] < 0xC2) /* continuation byte, or an overlong 2-byte form */
		return 0;
	if (u[0] < 0xE0) {
		need = 2;
		c = u[0] & 0x1F;
	} else if (u[0] < 0xF0) {
		need = 3;
		c = u[0] & 0x0F;
	} else if (u[0] < 0xF5) {
		need = 4;
		c = u[0] & 0x07;
	} else {
		return 0;
	}
	if (n < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	/* Overlong forms, UTF-16 surrogates, beyond U+10FFFF. */
	if ((need == 3 && c < 0x800) || (need == 4 && c < 0x10000) || (c >= 0xD800 && c <= 0xDFFF) ||
	    c > 0x10FFFF)
		return 0;
	*cp = c;
	return need;
}

int ifgw_utf8_count(size_t *out, const char *utf8, size_t len, const char *field)
{
	size_t i = 0, n, count = 0;
	uint32_t cp;

	while (i < len) {
		n = ifgw_utf8_decode(&cp, utf8 + i, len - i);
		if (n == 0)
			return ifgw_error_set(IFGW_EINVAL, "%s: invalid UTF-8 at byte offset %zu (byte 0x%02X)", field,
					      i, (unsigned char)utf8[i]);
		i += n;
		count++;
	}
	*out = count;
	return IFGW_OK;
}

int ifgw_field_check_length(const char *utf8, size_t len, size_t max_chars, const char *field)
{
	size_t count;
	int rc;

	if ((rc = ifgw_utf8_count(&count, utf8, len, field)) != IFGW_OK)
		return rc;
	if (count > max_chars)
		return ifgw_error_set(IFGW_EINVAL, "%s: %zu characters, limit %zu", field, count, max_chars);
	return IFGW_OK;
}

static int is_utf8(const char *charset)
{
	return strcasecmp(charset, "UTF-8") == 0 || strcasecmp(charset, "UTF8") == 0;
}

/* A charset name as a caller gives it: letters, digits, "-_.:" only, so no
 * "//IGNORE" or "//TRANSLIT" suffix sneaks in from a configuration file. */
static int check_name(const char *charset)
{
	size_t i, n = charset ? strlen(charset) : 0;

	if (n == 0 || n >= CHARSET_NAME_MAX)
		return ifgw_error_set(IFGW_EUNSUPPORTED, "charset '%.40s': name empty or too long",
				      charset ? charset : "");
	for (i = 0; i < n; i++) {
		char c = charset[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		      c == '_' || c == '.' || c == ':'))
			return ifgw_error_set(IFGW_EUNSUPPORTED, "charset '%s': character '%c' not allowed in a name",
					      charset, c);
	}
	return IFGW_OK;
}

/* A descriptor converting from -> to, from this thread's cache; state reset.
 * It stays valid only until the next get_cd(), which may evict it. */
static int get_cd(iconv_t *out, const char *to, const char *from)
{
	struct cd_cache *c = cache_get();
	struct cd_slot *s;
	iconv_t cd;
	unsigned i;

	if (!c)
		return ifgw_error_set(IFGW_ENOMEM, "charset: cannot set up this thread's iconv cache");
	for (i = 0; i < CACHE_SLOTS; i++) {
		s = &c->slot[i];
		if (s->used && strcmp(s->to, to) == 0 && strcmp(s->from, from) == 0) {
			iconv(s->cd, NULL, NULL, NULL, NULL);
			*out = s->cd;
			return IFGW_OK;
		}
	}
	cd = iconv_open(to, from);
	if (cd == (iconv_t)-1)
		return ifgw_error_set(IFGW_EUNSUPPORTED, "charset: iconv cannot convert from %s to %s", from, to);
	s = &c->slot[c->next];
	c->next = (c->next + 1) % CACHE_SLOTS;
	if (s->used)
		iconv_close(s->cd);
	snprintf(s->to, sizeof(s->to), "%s", to);
	snprintf(s->from, sizeof(s->from), "%s", from);
	s->cd = cd;
	s->used = 1;
	*out = cd;
	return IFGW_OK;
}

void ifgw_charset_cache_clear(void)
{
	struct cd_cache *c = cache;

	if (!c)
		return;
	cache = NULL;
	if (cache_key_ok)
		(void)pthread_setspecific(cache_key, NULL);
	cache_release(c);
}

/* Make room for about `want` more bytes (less near the cap): *avail gets the
 * bytes now free before the terminating NUL. */
static int make_room(struct ifgw_buf *out, size_t want, size_t *avail, const char *field)
{
	int rc;

	/* At the cap *avail becomes 0: a final flush that writes nothing
	 * still succeeds, anything more ends in E2BIG and EOVERFLOW. */
	if (want > out->max - out->len)
		want = out->max - out->len;
	if ((rc = ifgw_buf_grow(out, want)) != IFGW_OK)
		return rc;
	*avail = out->cap - 1 - out->len;
	return IFGW_OK;
}

/* Run cd over len bytes of in, appending to out.  On an invalid or
 * unconvertible sequence stop with IFGW_EINVAL, *stop = its offset and *err
 * = errno; the caller words the message.  Either way the shift state is
 * flushed, so that the output so far is complete. */
static int run_iconv(struct ifgw_buf *out, iconv_t cd, const char *in, size_t len, size_t *stop, int *err,
		     const char *field)
{
	ICONV_CONST char *p = (ICONV_CONST char *)in;
	size_t left = len, avail, r;
	int rc, flushing = 0, failed = 0;
	char *o;

	for (;;) {
		if ((rc = make_room(out, left * 2 + 16, &avail, field)) != IFGW_OK)
			return rc;
		o = out->ptr + out->len;
		errno = 0;
		if (flushing)
			r = iconv(cd, NULL, NULL, &o, &avail);
		else
			r = iconv(cd, &p, &left, &o, &avail);
		out->len = (size_t)(o - out->ptr);
		out->ptr[out->len] = '\0';
		if (r == (size_t)-1 && errno == E2BIG) {
			if (out->len + avail >= out->max)
				return ifgw_error_set(IFGW_EOVERFLOW, "%s: converted text exceeds the limit of %zu bytes",
						      field, out->max);
			continue;
		}
		if (flushing)
			return failed ? IFGW_EINVAL : IFGW_OK;
		if (r == (size_t)-1) {
			*stop = (size_t)(p - in);
			*err = errno;
			failed = 1;
		} else if (r > 0) {
			/* iconv replaced something it could not convert exactly:
			 * never allowed on the strict path. */
			*stop = len;
			*err = EILSEQ;
			failed = 1;
		}
		flushing = 1;
	}
}

static const char *translit_lookup(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(translit_table) / sizeof(translit_table[0]), mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (translit_table[mid].cp == cp)
			return translit_table[mid].ascii;
		if (translit_table[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int encode(struct ifgw_buf *out, const char *charset, const char *utf8, size_t len, int translit,
		  const char *field);

/* Write one character the charset lacks: our table, then glibc's
 * transliteration in the C locale.  A "?" or nothing is a refusal. */
static int transliterate(struct ifgw_buf *out, int *refused, const char *charset, const char *ch, size_t n,
			 uint32_t cp, const char *field)
{
	char to[CHARSET_NAME_MAX + sizeof(TRANSLIT_SUFFIX)], tmp[64];
	ICONV_CONST char *p = (ICONV_CONST char *)ch;
	size_t left = n, avail = sizeof(tmp), r;
	const char *ascii = translit_lookup(cp);
	locale_t old;
	iconv_t cd;
	char *o = tmp;
	int rc;

	*refused = 0;
	if (ascii)
		return encode(out, charset, ascii, strlen(ascii), 0, field);
	snprintf(to, sizeof(to), "%s%s", charset, TRANSLIT_SUFFIX);
	if ((rc = get_cd(&cd, to, "UTF-8")) != IFGW_OK)
		return rc;
	if (!cache->c_locale)
		cache->c_locale = newlocale(LC_CTYPE_MASK, "C", (locale_t)0);
	if (!cache->c_locale)
		return ifgw_error_set(IFGW_ENOMEM, "%s: cannot create the C locale for transliteration", field);
	old = uselocale(cache->c_locale);
	r = iconv(cd, &p, &left, &o, &avail);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &o, &avail);
	uselocale(old);
	if (r == (size_t)-1 || o == tmp || memchr(tmp, '?', (size_t)(o - tmp))) {
		*refused = 1; /* the caller words the refusal */
		return IFGW_EINVAL;
	}
	return ifgw_buf_add(out, tmp, (size_t)(o - tmp));
}

static int refuse_char(const char *field, const char *ch, size_t n, uint32_t cp, const char *charset, int translit)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return ifgw_error_set(IFGW_EINVAL, "%s: control character U+%04X cannot be written in %s%s", field,
				      (unsigned)cp, charset, translit ? ", even transliterated" : "");
	return ifgw_error_set(IFGW_EINVAL, "%s: U+%04X '%.*s' cannot be written in %s%s", field, (unsigned)cp,
			      (int)n, ch, charset, translit ? ", even transliterated" : "");
}

/* What a charset writes must read back as the text written.  Not all do:
 * glibc's SHIFT_JIS writes '\\' and '~' at 0x5C and 0x7E, which it reads
 * back as YEN SIGN and OVERLINE (JIS X 0201); CP932 writes YEN SIGN at 0x5C,
 * which reads back as '\\', and WAVE DASH U+301C at 0x8160, which reads back
 * as FULLWIDTH TILDE U+FF5E.  Such a character would reach the partner
 * changed, so each converted run is read back and compared (no table to keep
 * in step with glibc).  *same = 1 when the wlen bytes of wire decode to
 * exactly the ulen bytes of utf8. */
static int reads_back(int *same, const char *charset, const char *wire, size_t wlen, const char *utf8, size_t ulen)
{
	ICONV_CONST char *p = (ICONV_CONST char *)wire;
	size_t left = wlen, avail, got, matched = 0, r;
	int rc, flushing;
	char tmp[512], *o;
	iconv_t cd;

	*same = 0;
	if ((rc = get_cd(&cd, "UTF-8", charset)) != IFGW_OK)
		return rc;
	for (;;) {
		flushing = left == 0;
		o = tmp;
		avail = sizeof(tmp);
		errno = 0;
		r = flushing ? iconv(cd, NULL, NULL, &o, &avail) : iconv(cd, &p, &left, &o, &avail);
		got = (size_t)(o - tmp);
		if (got > ulen - matched || memcmp(tmp, utf8 + matched, got) != 0)
			return IFGW_OK;
		matched += got;
		if (r == (size_t)-1 && errno == E2BIG)
			continue;
		if (r == (size_t)-1)
			return IFGW_OK;
		if (flushing)
			break;
	}
	*same = matched == ulen;
	return IFGW_OK;
}

/* Charsets in which glibc reads every character it writes back as itself:
 * their runs need no reading back (half the cost of writing them).  The
 * test exact_charsets_read_back sweeps all of Unicode through each to keep
 * this list true; a charset not listed is read back. */
static const char *const exact_charsets[] = {
	"ISO-8859-1",   "ISO-8859-2",   "ISO-8859-9",   "ISO-8859-15", "WINDOWS-1250",
	"WINDOWS-1251", "WINDOWS-1252", "WINDOWS-1254", "KOI8-R",      "GB18030",
};

const char *ifgw_charset_exact(size_t i)
{
	return i < sizeof(exact_charsets) / sizeof(exact_charsets[0]) ? exact_charsets[i] : NULL;
}

static int is_exact(const char *charset)
{
	size_t i;

	for (i = 0; i < sizeof(exact_charsets) / sizeof(exact_charsets[0]); i++)
		if (strcasecmp(charset, exact_charsets[i]) == 0)
			return 1;
	return 0;
}

/* The refusal for a run of text that did not read back: the first character
 * that does not on its own, and what it reads back as. */
static int refuse_changed(const char *charset, const char *utf8, size_t len, const char *field)
{
	struct ifgw_buf one, back;
	size_t i = 0, n, stop;
	int rc = IFGW_OK, err, same;
	uint32_t cp, back_cp;
	iconv_t cd;

	ifgw_buf_init(&one, 64);
	ifgw_buf_init(&back, 64);
	while (i < len && (n = ifgw_utf8_decode(&cp, utf8 + i, len - i)) > 0) {
		ifgw_buf_reset(&one);
		ifgw_buf_reset(&back);
		if ((rc = get_cd(&cd, charset, "UTF-8")) != IFGW_OK ||
		    (rc = run_iconv(&one, cd, utf8 + i, n, &stop, &err, field)) != IFGW_OK ||
		    (rc = reads_back(&same, charset, one.ptr, one.len, utf8 + i, n)) != IFGW_OK)
			goto out;
		if (!same) {
			if (ifgw_charset_to_utf8(&back, charset, one.ptr, one.len, field) == IFGW_OK && back.len > 0 &&
			    ifgw_utf8_decode(&back_cp, back.ptr, back.len) > 0)
				rc = ifgw_error_set(IFGW_EINVAL,
						    "%s: U+%04X '%.*s' cannot be written in %s (it reads back as U+%04X '%s')",
						    field, (unsigned)cp, (int)n, utf8 + i, charset, (unsigned)back_cp,
						    ifgw_buf_cstr(&back));
			else
				rc = ifgw_error_set(IFGW_EINVAL, "%s: U+%04X '%.*s' cannot be written in %s (it does not read back)",
						    field, (unsigned)cp, (int)n, utf8 + i, charset);
			goto out;
		}
		i += n;
	}
	rc = ifgw_error_set(IFGW_EINVAL, "%s: the text written in %s does not read back unchanged", field, charset);
out:
	ifgw_buf_free(&one);
	ifgw_buf_free(&back);
	return rc;
}

static int encode(struct ifgw_buf *out, const char *charset, const char *utf8, size_t len, int translit,
		  const char *field)
{
	size_t count, done = 0, stop, n, run, run_start;
	int rc, rc2, err, refused, same, exact;
	uint32_t cp;
	iconv_t cd;

	if ((rc = check_name(charset)) != IFGW_OK || (rc = ifgw_utf8_count(&count, utf8, len, field)) != IFGW_OK)
		return rc;
	if (is_utf8(charset))
		return ifgw_buf_add(out, utf8, len);
	exact = is_exact(charset);
	while (done < len) {
		/* Fetched again each time: transliterate() and reads_back() may
		 * have evicted it. */
		if ((rc = get_cd(&cd, charset, "UTF-8")) != IFGW_OK)
			return rc;
		run_start = out->len;
		rc = run_iconv(out, cd, utf8 + done, len - done, &stop, &err, field);
		if (rc != IFGW_OK && rc != IFGW_EINVAL)
			return rc;
		run = rc == IFGW_OK ? len - done : stop;
		same = exact;
		if (!exact && (rc2 = reads_back(&same, charset, out->ptr + run_start, out->len - run_start,
						utf8 + done, run)) != IFGW_OK)
			return rc2;
		if (!same)
			return refuse_changed(charset, utf8 + done, run, field);
		if (rc == IFGW_OK)
			return rc;
		done += stop;
		n = ifgw_utf8_decode(&cp, utf8 + done, len - done);
		if (err != EILSEQ || n == 0)
			return ifgw_error_set(IFGW_EINVAL, "%s: conversion to %s failed at byte offset %zu", field,
					      charset, done);
		if (!translit)
			return refuse_char(field, utf8 + done, n, cp, charset, 0);
		rc = transliterate(out, &refused, charset, utf8 + done, n, cp, field);
		if (refused)
			return refuse_char(field, utf8 + done, n, cp, charset, 1);
		if (rc != IFGW_OK)
			return rc;
		done += n;
	}
	return IFGW_OK;
}

static void restore(struct ifgw_buf *out, size_t old_len)
{
	out->len = old_len;
	if (out->ptr)
		out->ptr[old_len] = '\0';
}

int ifgw_charset_from_utf8(struct ifgw_buf *out, const char *charset, const char *utf8, size_t len,
			   int allow_translit, const char *field)
{
	size_t old_len = out->len;
	int rc;

	rc = encode(out, charset, utf8, len, allow_translit, field);
	if (rc != IFGW_OK)
		restore(out, old_len);
	return rc;
}

int ifgw_charset_to_utf8(struct ifgw_buf *out, const char *charset, const char *in, size_t len,
			 const char *field)
{
	size_t old_len = out->len, count, stop;
	iconv_t cd;
	int rc, err;

	if ((rc = check_name(charset)) != IFGW_OK)
		goto out;
	if (is_utf8(charset)) {
		if ((rc = ifgw_utf8_count(&count, in, len, field)) == IFGW_OK)
			rc = ifgw_buf_add(out, in, len);
		goto out;
	}
	if ((rc = get_cd(&cd, "UTF-8", charset)) != IFGW_OK)
		goto out;
	rc = run_iconv(out, cd, in, len, &stop, &err, field);
	if (rc == IFGW_EINVAL && err == EINVAL)
		rc = ifgw_error_set(IFGW_EINVAL, "%s: incomplete %s character at offset %zu (end of text)", field,
				    charset, stop);
	else if (rc == IFGW_EINVAL && stop < len)
		rc = ifgw_error_set(IFGW_EINVAL, "%s: byte 0x%02X at offset %zu is not valid %s", field,
				    (unsigned char)in[stop], stop, charset);
	else if (rc == IFGW_EINVAL)
		rc = ifgw_error_set(IFGW_EINVAL, "%s: %s text could not be converted exactly", field, charset);
out:
	if (rc != IFGW_OK)
		restore(out, old_len);
	return rc;
}

int ifgw_charset_check(const char *charset, const char *utf8, size_t len, int allow_translit,
		       const char *field)
{
	struct ifgw_buf scratch;
	int rc;

	/* The converted text is at most 4 bytes per input byte (UTF-8 to GB18030). */
	ifgw_buf_init(&scratch, len > (SIZE_MAX - 64) / 8 ? SIZE_MAX / 2 : len * 8 + 64);
	rc = ifgw_charset_from_utf8(&scratch, charset, utf8, len, allow_translit, field);
	ifgw_buf_free(&scratch);
	return rc;
}

int ifgw_charset_supported(const char *charset)
{
	iconv_t cd;
	int rc;

	if ((rc = check_name(charset)) != IFGW_OK || is_utf8(charset))
		return rc;
	if ((rc = get_cd(&cd, charset, "UTF-8")) != IFGW_OK ||
	    (rc = get_cd(&cd, "UTF-8", charset)) != IFGW_OK)
		return rc;
	return IFGW_OK;
}
