/* fuzz_edi_decode.c: the edifactoring decoder on arbitrary bytes.
 *
 * The partner is chosen by the encoding the bytes declare (a profile with
 * that charset, else a UTF-8 partner), so that the corpus stays plain
 * wire files.  Invariant: whatever decodes is a valid message that encodes
 * again, byte-stably, to bytes that decode to the same message; every
 * refusal is one non-empty line; nothing crashes, leaks or reads out of
 * bounds. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "adapters/adapter.h"
#define IFGW_EDIFACTORING_INTERNAL
#include "adapters/edifactoring/edifactoring_int.h"
#include "base/buf.h"
#include "base/error.h"
#include "model/model.h"
#include "tests/fuzz/fuzz.h"

static void pick_env(struct ifgw_adapter_env *env, const char *data, size_t size)
{
	const char *enc, *end;
	char declared[40];
	size_t i, n;

	ifgw_adapter_env_init(env, ifgw_country_find("FR"));
	env->charset = "UTF-8";
	enc = memmem(data, size < 200 ? size : 200, "encoding=\"", 10);
	if (!enc)
		return;
	enc += 10;
	end = memchr(enc, '"', (size_t)(data + (size < 200 ? size : 200) - enc));
	if (!end || (n = (size_t)(end - enc)) >= sizeof(declared))
		return;
	memcpy(declared, enc, n);
	declared[n] = '\0';
	for (i = 0; ifgw_country_profiles[i]; i++)
		if (ifgw_edi_charset_same(declared, ifgw_country_profiles[i]->charset) ||
		    ifgw_edi_charset_same(declared, ifgw_edi_charset_xml_name(ifgw_country_profiles[i]->charset))) {
			ifgw_adapter_env_init(env, ifgw_country_profiles[i]);
			return;
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ifgw_adapter *a = &ifgw_adapter_edifactoring;
	struct ifgw_msg *m = NULL, *back = NULL;
	struct ifgw_adapter_env env;
	struct ifgw_buf w1, w2;

	pick_env(&env, (const char *)data, size);
	ifgw_buf_init(&w1, EDI_WIRE_MAX);
	ifgw_buf_init(&w2, EDI_WIRE_MAX);
	if (ifgw_adapter_decode(&m, a, (const char *)data, size, &env) == IFGW_OK) {
		if (ifgw_adapter_encode(&w1, a, m, &env) != IFGW_OK ||
		    ifgw_adapter_decode(&back, a, w1.ptr, w1.len, &env) != IFGW_OK || !ifgw_msg_equal(m, back) ||
		    ifgw_adapter_encode(&w2, a, back, &env) != IFGW_OK || w1.len != w2.len ||
		    memcmp(w1.ptr, w2.ptr, w1.len) != 0)
			abort();
	} else if (strchr(ifgw_error_last(), '\n') || !*ifgw_error_last()) {
		abort(); /* every refusal has a one-line reason */
	}
	ifgw_error_clear();
	ifgw_msg_free(m);
	ifgw_msg_free(back);
	ifgw_buf_free(&w1);
	ifgw_buf_free(&w2);
	return 0;
}
