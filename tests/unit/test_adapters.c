/* test_adapters.c: the conformance suite every registered adapter must
 * pass (xmlsec's check-crypto-%): for each adapter in ifgw_adapters[], each
 * country profile and each canonical sample of tests/data/model/:
 *
 *  - a type the adapter does not carry is refused IFGW_EUNSUPPORTED;
 *  - the sample is split as the adapter needs (ifgw_adapter_split) and each
 *    part encodes, validates (the adapter's schema) and decodes;
 *  - round trip on the wire's image: decode(encode(m)) = m1 and then
 *    encode(m1) gives the same bytes and decode gives m1 again (the first
 *    difference is printed with ifgw_msg_diff); encoding is byte-stable;
 *  - charsets, checked independently of ifgw (Python's codecs, not glibc's
 *    iconv that adapters/charset uses): the wire bytes decode, by the
 *    encoding the document declares (the partner's charset, or UTF-8), to
 *    exactly the text the adapter writes for a UTF-8 partner; a sample the
 *    adapter refuses for a character the charset lacks really cannot be
 *    written in it.
 * Each sample runs twice: as it is (Latin accents, Japanese), and "native",
 * its non-ASCII characters replaced by one the profile's charset has, which
 * every profile must then carry for every type the adapter carries.
 *
 * What each adapter does not carry (fields, defaults) is its own test's
 * business (test_edifactoring.c); here the identity holds on the image. */
#include "config.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "adapters/adapter.h"
#include "adapters/charset.h"
#include "adapters/country.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/file.h"
#include "model/model.h"
#include "testutil.h"

#define WIRE_MAX  (16u << 20)
#define MAX_CASES 4096

static const char *const samples[] = {
	"seller-registration.xml", "cover-request.xml",     "cover-response.xml",      "cover-revision.xml",
	"assignment-batch.xml",    "assignment-status.xml", "document-adjustment.xml", "payment.xml",
	"indirect-payment.xml",    "guarantee-payment.xml", "dispute-notice.xml",      "dispute-status.xml",
	"chargeback.xml",          "remittance.xml",        "free-text.xml",           "position-statement.xml",
	"debtor-notice.xml",       "financing-request.xml", "financing-status.xml",    "financing-cancellation.xml",
};

/* The independent check, run once over every case of the suite. */
static const char checker_py[] =
	"import codecs, re, sys\n"
	"# Windows-31J, the IANA name of CP932 that ifgw declares, is cp932 to\n"
	"# Python, which has no alias for it (docs/adapters.md: Japan)\n"
	"codecs.register(lambda n: codecs.lookup('cp932') if n == 'windows_31j' else None)\n"
	"out = open(sys.argv[2], 'w')\n"
	"for line in open(sys.argv[1], encoding='utf-8'):\n"
	"    f = line.rstrip('\\n').split('\\t')\n"
	"    if f[0] == 'encodable':\n"
	"        try:\n"
	"            open(f[1], encoding='utf-8').read().encode(f[2]); out.write('ok\\n')\n"
	"        except UnicodeEncodeError:\n"
	"            out.write('fail\\n')\n"
	"        continue\n"
	"    wire, codec, u8 = f[1], f[2], f[3]\n"
	"    first, _, rest = open(wire, 'rb').read().partition(b'\\n')\n"
	"    m = re.search(rb'encoding=\"([^\"]+)\"', first)\n"
	"    if not m:\n"
	"        out.write('FAIL: no encoding declared\\n'); continue\n"
	"    declared = m.group(1).decode('ascii')\n"
	"    try:\n"
	"        dn = codecs.lookup(declared).name\n"
	"    except LookupError:\n"
	"        out.write('FAIL: Python does not know the declared %s\\n' % declared); continue\n"
	"    if dn not in (codecs.lookup(codec).name, 'utf-8'):\n"
	"        out.write('FAIL: declares %s, the partner has %s\\n' % (declared, codec)); continue\n"
	"    try:\n"
	"        text = rest.decode(declared)\n"
	"    except UnicodeDecodeError as e:\n"
	"        out.write('FAIL: %s\\n' % e); continue\n"
	"    want = open(u8, 'rb').read().partition(b'\\n')[2].decode('utf-8')\n"
	"    if text == want:\n"
	"        out.write('ok\\n'); continue\n"
	"    i = next(k for k in range(len(text) + 1) if text[k:k+1] != want[k:k+1])\n"
	"    out.write('FAIL: text differs at %d: %r != %r\\n' % (i, text[i:i+20], want[i:i+20]))\n";

struct check {
	char what[160];
	int want_fail; /* "encodable" case: Python must fail too */
};

struct suite_state {
	char dir[64];
	FILE *manifest;
	struct check *checks;
	size_t n_checks, n_files;
	size_t ok[IFGW_MSG_TYPE_COUNT_]; /* native round trips per type */
	size_t refused_charset;
};

/* A character every profile's charset has, outside ASCII. */
static const char *native_char(const char *charset)
{
	static const struct {
		const char *charset, *ch;
	} t[] = {
	        {"ISO-8859-1", "é"},   {"ISO-8859-15", "é"},  {"ISO-8859-2", "ł"},   {"ISO-8859-9", "ş"},
	        {"WINDOWS-1250", "ł"}, {"WINDOWS-1252", "é"}, {"WINDOWS-1254", "ş"}, {"SHIFT_JIS", "ア"},
	        {"CP932", "ア"},       {"EUC-JP", "ア"},      {"GB18030", "中"},     {"GBK", "中"},
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcasecmp(t[i].charset, charset) == 0)
			return t[i].ch;
	return "x";
}

/* The sample's text with every non-ASCII character replaced by ch. */
static void nativize(struct ifgw_buf *out, const struct ifgw_buf *in, const char *ch)
{
	size_t i = 0;

	while (i < in->len) {
		uint32_t cp;
		size_t n;

		if ((unsigned char)in->ptr[i] < 0x80) {
			ck_assert_ok(ifgw_buf_addc(out, in->ptr[i]));
			i++;
			continue;
		}
		n = ifgw_utf8_decode(&cp, in->ptr + i, in->len - i);
		ck_assert_uint_gt(n, 0);
		ck_assert_ok(ifgw_buf_addstr(out, ch));
		i += n;
	}
}

/* A scratch file (no fsync: hundreds of them, thrown away at the end). */
static void put_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot write %s", path);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static void write_file(struct suite_state *st, char *path, size_t size, const char *ext, const char *data,
		       size_t len)
{
	snprintf(path, size, "%s/%05zu.%s", st->dir, st->n_files++, ext);
	put_file(path, data, len);
}

static void add_check(struct suite_state *st, int want_fail, const char *fmt, ...) IFGW_PRINTF(3, 4);

static void add_check(struct suite_state *st, int want_fail, const char *fmt, ...)
{
	va_list ap;

	ck_assert_uint_lt(st->n_checks, MAX_CASES);
	va_start(ap, fmt);
	vsnprintf(st->checks[st->n_checks].what, sizeof(st->checks[0].what), fmt, ap);
	va_end(ap);
	st->checks[st->n_checks].want_fail = want_fail;
	st->n_checks++;
}

static void assert_same(const struct ifgw_msg *a, const struct ifgw_msg *b, const char *what)
{
	struct ifgw_buf d;

	ifgw_buf_init(&d, 4096);
	ifgw_msg_diff(&d, a, b);
	ck_assert_msg(d.len == 0 && ifgw_msg_equal(a, b), "%s: %s", what, ifgw_buf_cstr(&d));
	ifgw_buf_free(&d);
}

/* One wire message of one case. */
static void one_part(struct suite_state *st, const struct ifgw_adapter *a, const struct ifgw_adapter_env *env,
		     const struct ifgw_msg *part, const char *what, int native, const char *sample_path)
{
	struct ifgw_adapter_env u8env = *env;
	struct ifgw_msg *m1 = NULL, *m2 = NULL;
	struct ifgw_buf wire, again, wire2, u8;
	char wpath[128], upath[128];
	int rc;

	ifgw_buf_init(&wire, WIRE_MAX);
	ifgw_buf_init(&again, WIRE_MAX);
	ifgw_buf_init(&wire2, WIRE_MAX);
	ifgw_buf_init(&u8, WIRE_MAX);
	ifgw_error_clear();
	rc = ifgw_adapter_encode(&wire, a, part, env);
	if (rc != IFGW_OK) {
		/* only as-is samples, only for a character the charset lacks */
		ck_assert_msg(!native && rc == IFGW_EINVAL && strstr(ifgw_error_last(), "cannot be written in"),
		              "%s: encode: %s", what, ifgw_error_last());
		ck_assert_ptr_null(strchr(ifgw_error_last(), '\n'));
		fprintf(st->manifest, "encodable\t%s\t%s\n", sample_path, env->charset);
		add_check(st, 1, "%s: refused (%s), yet Python writes the sample in %s", what, ifgw_error_last(),
		          env->charset);
		ifgw_error_clear();
		st->refused_charset++;
		goto out;
	}
	ck_assert_uint_eq(wire.len, strlen(wire.ptr)); /* no NUL in the bytes */
	ck_assert_msg(ifgw_adapter_probe(wire.ptr, wire.len) == a, "%s: bytes not recognised as %s", what, a->name);
	if (a->validate)
		ck_assert_msg(a->validate(wire.ptr, wire.len, env) == IFGW_OK, "%s: schema: %s", what,
		              ifgw_error_last());
	ck_assert_ok(ifgw_adapter_encode(&again, a, part, env));
	ck_assert_msg(again.len == wire.len && memcmp(again.ptr, wire.ptr, wire.len) == 0, "%s: not byte-stable", what);
	ck_assert_msg(ifgw_adapter_decode(&m1, a, wire.ptr, wire.len, env) == IFGW_OK, "%s: decode: %s", what,
	              ifgw_error_last());
	ck_assert_int_eq(m1->hdr.type, part->hdr.type);
	ck_assert_msg(ifgw_adapter_encode(&wire2, a, m1, env) == IFGW_OK, "%s: re-encode: %s", what, ifgw_error_last());
	ck_assert_msg(wire2.len == wire.len && memcmp(wire2.ptr, wire.ptr, wire.len) == 0,
	              "%s: the decoded message does not encode to the same bytes", what);
	ck_assert_msg(ifgw_adapter_decode(&m2, a, wire2.ptr, wire2.len, env) == IFGW_OK, "%s: decode again: %s", what,
	              ifgw_error_last());
	assert_same(m1, m2, what);
	if (native)
		st->ok[part->hdr.type]++;
	if (strcasecmp(env->charset, "UTF-8") != 0) {
		u8env.charset = "UTF-8";
		ck_assert_msg(ifgw_adapter_encode(&u8, a, m1, &u8env) == IFGW_OK, "%s: UTF-8 encode: %s", what,
		              ifgw_error_last());
		write_file(st, wpath, sizeof(wpath), "wire", wire.ptr, wire.len);
		write_file(st, upath, sizeof(upath), "u8", u8.ptr, u8.len);
		fprintf(st->manifest, "decode\t%s\t%s\t%s\n", wpath, env->charset, upath);
		add_check(st, 0, "%s (%s)", what, wpath);
	}
out:
	ifgw_msg_free(m1);
	ifgw_msg_free(m2);
	ifgw_buf_free(&wire);
	ifgw_buf_free(&again);
	ifgw_buf_free(&wire2);
	ifgw_buf_free(&u8);
}

static void one_case(struct suite_state *st, const struct ifgw_adapter *a, const struct ifgw_country_profile *p,
		     const char *name, int native)
{
	struct ifgw_adapter_env env;
	struct ifgw_msg *m = NULL, **parts = NULL;
	struct ifgw_buf text, xml, wire;
	char rel[128], path[4096], what[160];
	const char *sample_path;
	size_t n = 0, k;

	ifgw_adapter_env_init(&env, p);
	snprintf(rel, sizeof(rel), "tests/data/model/%s", name);
	sample_path = ifgw_test_srcpath(rel);
	snprintf(path, sizeof(path), "%s", sample_path);
	ifgw_buf_init(&text, 1 << 20);
	ifgw_buf_init(&xml, 1 << 20);
	ifgw_buf_init(&wire, WIRE_MAX);
	ck_assert_ok(ifgw_file_read(&text, path));
	if (native)
		nativize(&xml, &text, native_char(env.charset));
	else
		ck_assert_ok(ifgw_buf_add(&xml, text.ptr, text.len));
	ck_assert_msg(ifgw_msg_read_xml(&m, xml.ptr, xml.len, name) == IFGW_OK, "%s: %s", name, ifgw_error_last());
	if (!ifgw_adapter_carries(a, m->hdr.type)) {
		ck_assert_fails(ifgw_adapter_encode(&wire, a, m, &env), IFGW_EUNSUPPORTED, "does not carry");
		goto out;
	}
	ck_assert_msg(ifgw_adapter_split(&parts, &n, a, m) == IFGW_OK, "%s: split: %s", name, ifgw_error_last());
	for (k = 0; k < n; k++) {
		snprintf(what, sizeof(what), "%s: %s%s part %zu/%zu to %s (%s)", a->name, native ? "native " : "", name,
		         k + 1, n, p->code, env.charset);
		one_part(st, a, &env, parts[k], what, native, path);
		ifgw_msg_free(parts[k]);
	}
	free(parts);
out:
	ifgw_msg_free(m);
	ifgw_buf_free(&text);
	ifgw_buf_free(&xml);
	ifgw_buf_free(&wire);
}

static void run_checker(struct suite_state *st)
{
	char script[128], manifest[128], results[128], cmd[512], line[512];
	const char *py = getenv("PYTHON3");
	FILE *f;
	size_t i = 0;

	snprintf(script, sizeof(script), "%s/check.py", st->dir);
	snprintf(manifest, sizeof(manifest), "%s/manifest", st->dir);
	snprintf(results, sizeof(results), "%s/results", st->dir);
	put_file(script, checker_py, sizeof(checker_py) - 1);
	snprintf(cmd, sizeof(cmd), "'%s' '%s' '%s' '%s'", py && *py ? py : "python3", script, manifest, results);
	ck_assert_msg(system(cmd) == 0, "%s failed", cmd);
	ck_assert_ptr_nonnull(f = fopen(results, "r"));
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		ck_assert_uint_lt(i, st->n_checks);
		if (st->checks[i].want_fail)
			ck_assert_msg(strcmp(line, "fail") == 0, "%s", st->checks[i].what);
		else
			ck_assert_msg(strcmp(line, "ok") == 0, "%s: %s", st->checks[i].what, line);
		i++;
	}
	fclose(f);
	ck_assert_uint_eq(i, st->n_checks);
}

static void remove_dir(const char *dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_conformance)
{
	const struct ifgw_adapter *a = ifgw_adapters[_i];
	struct suite_state st;
	char manifest[128];
	size_t p, s;
	int t;

	memset(&st, 0, sizeof(st));
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(st.checks = calloc(MAX_CASES, sizeof(*st.checks)));
	snprintf(st.dir, sizeof(st.dir), "%s/ifgw-adapters-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(st.dir));
	snprintf(manifest, sizeof(manifest), "%s/manifest", st.dir);
	ck_assert_ptr_nonnull(st.manifest = fopen(manifest, "w"));
	for (p = 0; ifgw_country_profiles[p]; p++)
		for (s = 0; s < sizeof(samples) / sizeof(samples[0]); s++) {
			one_case(&st, a, ifgw_country_profiles[p], samples[s], 0);
			one_case(&st, a, ifgw_country_profiles[p], samples[s], 1);
		}
	ck_assert_int_eq(fclose(st.manifest), 0);
	run_checker(&st);
	/* every type the adapter carries went through every profile */
	for (t = IFGW_MSG_NONE + 1; t < IFGW_MSG_TYPE_COUNT_; t++)
		if (ifgw_adapter_carries(a, t))
			ck_assert_msg(st.ok[t] >= p, "%s: %s: %zu native round trips for %zu profiles", a->name,
			              ifgw_msg_type_name(t), st.ok[t], p);
	fprintf(stderr,
	        "test_adapters: %s: %zu charset checks by Python, %zu as-is samples refused for their charset\n",
	        a->name, st.n_checks, st.refused_charset);
	remove_dir(st.dir);
	free(st.checks);
}
END_TEST

START_TEST(test_registry)
{
	const struct ifgw_adapter *a = NULL;
	size_t i, n = 0;

	for (i = 0; ifgw_adapters[i]; i++) {
		n++;
		ck_assert_ptr_nonnull(ifgw_adapters[i]->name);
		ck_assert_ptr_nonnull(ifgw_adapters[i]->version);
		ck_assert_ptr_nonnull(ifgw_adapters[i]->encode);
		ck_assert_ptr_nonnull(ifgw_adapters[i]->decode);
		ck_assert_msg(ifgw_adapters[i]->capabilities != 0, "%s carries nothing", ifgw_adapters[i]->name);
		ck_assert_ok(ifgw_adapter_get(&a, ifgw_adapters[i]->name));
		ck_assert_ptr_eq(a, ifgw_adapters[i]);
	}
	ck_assert_uint_ge(n, 1);
	ck_assert_fails(ifgw_adapter_get(&a, "telex"), IFGW_ENOTFOUND, "no adapter named 'telex' (this build has: ");
	/* every profile names an adapter of this build, or one still to come */
	for (i = 0; ifgw_country_profiles[i]; i++) {
		if (ifgw_adapter_get(&a, ifgw_country_profiles[i]->wire_format) != IFGW_OK) {
			ck_assert_str_eq(ifgw_country_profiles[i]->wire_format, "iso20022");
			ifgw_error_clear();
		}
	}
}
END_TEST

/* The bytes of tests/data/rel. */
static void read_sample(struct ifgw_buf *b, const char *rel)
{
	ifgw_buf_init(b, WIRE_MAX);
	ck_assert_ok(ifgw_file_read(b, ifgw_test_srcpath(rel)));
}

START_TEST(test_probe)
{
	static const char garbage[] = "\x00\xff\x13garbage, not XML at all <<<>>>";
	static const char json[] = "{\"MSG09\": \"urn:ifgw:envelope\"}";
	/* an edifactoring message that names the envelope's namespace in a comment */
	static const char edi_mentions_iso[] = "<?xml version=\"1.0\"?><!-- urn:ifgw:envelope:1 -->\n"
					       "<MSG09 xmlns=\"urn:schemas-edifactoring-com:MSG09\"><MsgInfo/></MSG09>";
	/* the namespace below the root only */
	static const char nested[] = "<Other><x xmlns=\"urn:schemas-edifactoring-com:MSG01\"/></Other>";
	const struct ifgw_adapter *edi = NULL, *iso = NULL;
	struct ifgw_buf b;

	ck_assert_ok(ifgw_adapter_get(&edi, "edifactoring"));
	ck_assert_ok(ifgw_adapter_get(&iso, "iso20022"));
	read_sample(&b, "tests/data/edifactoring/golden-msg09-de-iso-8859-1.xml");
	ck_assert_int_eq(edi->probe(b.ptr, b.len), IFGW_ADAPTER_PROBE_SURE);
	ck_assert_int_eq(iso->probe(b.ptr, b.len), 0);
	ck_assert_ptr_eq(ifgw_adapter_probe(b.ptr, b.len), edi);
	ifgw_buf_free(&b);
	/* ifgw's own message: its own namespace, still edifactoring's */
	read_sample(&b, "tests/data/edifactoring/golden-ifgw-position-jp-cp932.xml");
	ck_assert_ptr_nonnull(strstr(b.ptr, "<IfgwPositionStatement xmlns=\"urn:ifgw:edifactoring-ext:1\">"));
	ck_assert_int_eq(edi->probe(b.ptr, b.len), IFGW_ADAPTER_PROBE_SURE);
	ck_assert_ptr_eq(ifgw_adapter_probe(b.ptr, b.len), edi);
	ifgw_buf_free(&b);
	read_sample(&b, "tests/data/iso20022/batch-valid.xml");
	ck_assert_int_eq(iso->probe(b.ptr, b.len), IFGW_ADAPTER_PROBE_SURE);
	ck_assert_int_eq(edi->probe(b.ptr, b.len), 0);
	ck_assert_ptr_eq(ifgw_adapter_probe(b.ptr, b.len), iso);
	/* cut before the namespace: not recognised, and nothing read past len */
	ck_assert_ptr_null(ifgw_adapter_probe(b.ptr, 50));
	ifgw_buf_free(&b);
	/* garbage and empty input */
	ck_assert_ptr_null(ifgw_adapter_probe(garbage, sizeof(garbage) - 1));
	ck_assert_ptr_null(ifgw_adapter_probe(json, sizeof(json) - 1));
	ck_assert_ptr_null(ifgw_adapter_probe("", 0));
	ck_assert_ptr_null(ifgw_adapter_probe(NULL, 0));
	/* the root's namespace beats one mentioned elsewhere */
	ck_assert_int_eq(iso->probe(edi_mentions_iso, sizeof(edi_mentions_iso) - 1), IFGW_ADAPTER_PROBE_LIKELY);
	ck_assert_ptr_eq(ifgw_adapter_probe(edi_mentions_iso, sizeof(edi_mentions_iso) - 1), edi);
	ck_assert_int_eq(edi->probe(nested, sizeof(nested) - 1), IFGW_ADAPTER_PROBE_LIKELY);
	ck_assert_ptr_eq(ifgw_adapter_probe(nested, sizeof(nested) - 1), edi);
}
END_TEST

START_TEST(test_fixed_charset)
{
	const struct ifgw_country_profile *jp = NULL;
	const struct ifgw_adapter *edi = NULL, *iso = NULL;

	ck_assert_ok(ifgw_adapter_get(&edi, "edifactoring"));
	ck_assert_ok(ifgw_adapter_get(&iso, "iso20022"));
	ck_assert_ok(ifgw_country_lookup(&jp, "JP"));
	ck_assert_ptr_null(edi->fixed_charset);
	ck_assert_str_eq(iso->fixed_charset, "UTF-8");
	ck_assert_str_eq(ifgw_adapter_charset(edi, jp), "CP932");
	ck_assert_str_eq(ifgw_adapter_charset(iso, jp), "UTF-8");
}
END_TEST

/* Every shipped sample (the folder, not the list above: a new sample is
 * caught too) encodes as it is, header untouched, with every adapter that
 * carries its type: README shows `ifgw adapter encode` on them (the
 * dispute samples once lacked the SenderRole edifactoring needs). */
START_TEST(test_every_sample_encodes)
{
	const struct ifgw_adapter *const *a;
	const struct ifgw_country_profile *de = NULL;
	struct ifgw_adapter_env env;
	struct ifgw_msg *m, **parts;
	struct ifgw_buf wire;
	struct dirent *e;
	char rel[256];
	size_t n, k, files = 0, encoded = 0;
	DIR *dir = opendir(ifgw_test_srcpath("tests/data/model"));

	ck_assert_ptr_nonnull(dir);
	ck_assert_ok(ifgw_country_lookup(&de, "DE"));
	ifgw_buf_init(&wire, WIRE_MAX);
	while ((e = readdir(dir)) != NULL) {
		n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
			continue;
		files++;
		snprintf(rel, sizeof(rel), "tests/data/model/%s", e->d_name);
		m = NULL;
		ck_assert_msg(ifgw_msg_read_file(&m, ifgw_test_srcpath(rel)) == IFGW_OK, "%s: %s", e->d_name,
			      ifgw_error_last());
		for (a = ifgw_adapters; *a; a++) {
			if (!ifgw_adapter_carries(*a, m->hdr.type))
				continue;
			/* UTF-8: every sample's text is writable; charsets are the
			   conformance suite's business */
			ifgw_adapter_env_init(&env, de);
			env.charset = "UTF-8";
			parts = NULL;
			n = 0;
			ck_assert_msg(ifgw_adapter_split(&parts, &n, *a, m) == IFGW_OK, "%s: %s: split: %s",
				      e->d_name, (*a)->name, ifgw_error_last());
			for (k = 0; k < n; k++) {
				ifgw_buf_reset(&wire);
				ck_assert_msg(ifgw_adapter_encode(&wire, *a, parts[k], &env) == IFGW_OK,
					      "%s: %s: %s", e->d_name, (*a)->name, ifgw_error_last());
				ifgw_msg_free(parts[k]);
			}
			free(parts);
			encoded++;
		}
		ifgw_msg_free(m);
	}
	closedir(dir);
	ifgw_buf_free(&wire);
	ck_assert_uint_ge(files, 20);
	ck_assert_uint_ge(encoded, files); /* every type has at least one adapter */
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("adapters");
	TCase *tc = tcase_create("conformance");
	size_t n = 0;

	while (ifgw_adapters[n])
		n++;
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_registry);
	tcase_add_test(tc, test_probe);
	tcase_add_test(tc, test_fixed_charset);
	tcase_add_test(tc, test_every_sample_encodes);
	tcase_add_loop_test(tc, test_conformance, 0, (int)n);
	suite_add_tcase(s, tc);
	return s;
}

IFGW_TEST_MAIN(suite)
