/* fuzz_iso_decode.c: the ISO 20022 tsin decoder on arbitrary bytes.
 *
 * Invariant: what decodes is a valid message that encodes (for the same
 * partner), decodes back equal, and encodes again to the same bytes; every
 * refusal has a one-line reason; nothing crashes, leaks or reads out of
 * bounds.  The partner is GB (the ISO 20022 profile); expected_seq 0. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "adapters/adapter.h"
#include "adapters/country.h"
#include "base/buf.h"
#include "base/error.h"
#include "model/model.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ifgw_adapter *a = NULL;
	struct ifgw_adapter_env env;
	struct ifgw_msg *m = NULL, *back = NULL;
	struct ifgw_buf wire, wire2;

	if (ifgw_adapter_get(&a, "iso20022") != IFGW_OK)
		abort();
	ifgw_adapter_env_init(&env, ifgw_country_find("GB"));
	ifgw_buf_init(&wire, 64u << 20);
	ifgw_buf_init(&wire2, 64u << 20);
	if (a->decode(&m, (const char *)data, size, &env) == IFGW_OK) {
		if (ifgw_msg_check(m) != IFGW_OK || a->encode(&wire, m, &env) != IFGW_OK ||
		    a->decode(&back, wire.ptr, wire.len, &env) != IFGW_OK || !ifgw_msg_equal(m, back) ||
		    a->encode(&wire2, back, &env) != IFGW_OK || wire.len != wire2.len ||
		    memcmp(wire.ptr, wire2.ptr, wire.len) != 0)
			abort();
	} else if (strchr(ifgw_error_last(), '\n') || !*ifgw_error_last() || m) {
		abort(); /* every refusal has a one-line reason and leaves no message */
	}
	ifgw_error_clear();
	ifgw_msg_free(m);
	ifgw_msg_free(back);
	ifgw_buf_free(&wire);
	ifgw_buf_free(&wire2);
	return 0;
}
