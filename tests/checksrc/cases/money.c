/* checksrc-test: as currency/money_bad.c */
#include <stdint.h>
#include <stdlib.h>
#include <math.h> /* expect: money-float */

int64_t money_bad(int64_t minor, const char *s);
int64_t money_bad(int64_t minor, const char *s)
{
	double rate = 1.0825; /* expect: money-float money-float */
	float half = .5f; /* expect: money-float money-float */
	long double big; /* expect: money-float */
	int64_t scaled = minor * 1e4; /* expect: money-float */
	rate = strtod(s, NULL); /* expect: money-float */

	/* Fine: words that contain the keywords, numbers in text, integers. */
	int64_t doubled = minor * 2, floated = 0x1e3 + 10;
	const char *text = "1.5 double float";
	/* a double would lose cents: 0.1 + 0.2 */
	return doubled + floated + scaled + (int64_t)text[0];
}
