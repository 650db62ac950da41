/* fuzz_amount.c: the amount and percentage parsers on arbitrary bytes.
 *
 * Input: first byte picks the currency and syntax, the rest is the text.
 * Invariant: whatever parses prints back to text that parses to the same
 * value; nothing crashes, leaks or reads out of bounds. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "currency/money.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *codes[] = {"EUR", "JPY", "KWD", "CLF", "XAU", "UYW", "USD", "BHD"};
	struct ifgw_amount_syntax syntax = {0, 0, 0};
	struct ifgw_money m, back;
	char text[IFGW_MONEY_STRLEN];
	int32_t pct;
	const char *s;
	size_t len;

	if (size < 1)
		return 0;
	if (data[0] & 0x08)
		syntax.group_sep = ',';
	if (data[0] & 0x10) {
		syntax.decimal_sep = ',';
		syntax.group_sep = (data[0] & 0x08) ? '.' : 0;
	}
	syntax.allow_zero_padding = (data[0] & 0x20) != 0;
	s = (const char *)data + 1;
	len = size - 1;
	if (ifgw_money_parse(&m, s, len, ifgw_currency_find(codes[data[0] & 7]), &syntax) == IFGW_OK) {
		ifgw_money_format(text, &m);
		if (ifgw_money_parse(&back, text, strlen(text), m.ccy, NULL) != IFGW_OK || back.minor != m.minor)
			abort();
	}
	ifgw_error_clear();
	if (ifgw_percent_parse(&pct, s, len) == IFGW_OK && (pct < 0 || pct > IFGW_PERCENT_ONE))
		abort();
	ifgw_error_clear();
	return 0;
}
