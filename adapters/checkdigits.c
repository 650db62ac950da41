/* checkdigits.c: shared check-digit algorithms (see checkdigits.h). */
#include "config.h"

#include "adapters/checkdigits.h"

int ifgw_checkdigit_all_digits(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

unsigned ifgw_checkdigit_luhn_sum(const char *digits, size_t n)
{
	unsigned sum = 0, d;
	size_t i;

	/* From the right: the check digit as is, every second digit doubled
	 * and its digits added (2 × 7 = 14 counts 1 + 4 = 5). */
	for (i = 0; i < n; i++) {
		d = (unsigned)(digits[n - 1 - i] - '0');
		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum;
}

unsigned ifgw_checkdigit_luhn_digit(const char *digits, size_t n)
{
	unsigned sum = 0, d;
	size_t i;

	/* Same walk as luhn_sum with a check digit 0 appended. */
	for (i = 0; i < n; i++) {
		d = (unsigned)(digits[n - 1 - i] - '0');
		if (i % 2 == 0) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return (10 - sum % 10) % 10;
}

unsigned ifgw_checkdigit_digit_sum(const char *digits, size_t n)
{
	unsigned sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += (unsigned)(digits[i] - '0');
	return sum;
}

unsigned ifgw_checkdigit_mod97(const char *digits, size_t n)
{
	unsigned r = 0;
	size_t i;

	for (i = 0; i < n; i++)
		r = (r * 10 + (unsigned)(digits[i] - '0')) % 97;
	return r;
}

long ifgw_checkdigit_weighted_sum(const char *digits, const int *weights, size_t n)
{
	long sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += (long)(digits[i] - '0') * weights[i];
	return sum;
}

unsigned ifgw_checkdigit_iso7064_11_10(const char *digits, size_t n)
{
	unsigned product = 10, sum;
	size_t i;

	/* ISO/IEC 7064:2003 hybrid MOD 11,10, as the Bundeszentralamt für
	 * Steuern specifies it for the USt-IdNr. */
	for (i = 0; i < n; i++) {
		sum = (product + (unsigned)(digits[i] - '0')) % 10;
		if (sum == 0)
			sum = 10;
		product = (2 * sum) % 11;
	}
	return (11 - product) % 10;
}

unsigned ifgw_checkdigit_gs1_digit(const char *digits, size_t n)
{
	unsigned sum = 0;
	size_t i;

	/* The digit next to the check digit weighs 3. */
	for (i = 0; i < n; i++)
		sum += (unsigned)(digits[n - 1 - i] - '0') * (i % 2 == 0 ? 3u : 1u);
	return (10 - sum % 10) % 10;
}
