/* checksrc-test: as base/banned.c */
/* Each banned call on its own line; then the allowed forms, and the banned
 * names where they are not calls (comments, strings, members, longer names). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void banned(char *b, size_t n, const char *s, int e, time_t t, va_list ap);
void banned(char *b, size_t n, const char *s, int e, time_t t, va_list ap)
{
	struct tm tm;
	const char *m = strerror(e); /* expect: banned */
	sprintf(b, "%d", e); /* expect: banned */
	vsprintf(b, s, ap); /* expect: banned */
	strcpy(b, s); /* expect: banned */
	strcat(b, s); /* expect: banned */
	e = atoi(s); /* expect: banned */
	e = (int)atol(s); /* expect: banned */
	(void)atof(s); /* expect: banned */
	(void)gets(b); /* expect: banned */
	(void)gmtime(&t); /* expect: banned */
	(void)localtime(&t); /* expect: banned */
	m = strerror (e); /* expect: banned */
	(void)localtime(&t), (void)gmtime(&t); /* expect: banned banned */

	/* Fine: the bounded and reentrant forms, and names that only look alike. */
	snprintf(b, n, "%d", e);
	vsnprintf(b, n, s, ap);
	(void)gmtime_r(&t, &tm);
	(void)localtime_r(&t, &tm);
	(void)fgets(b, (int)n, stdin);
	e = (int)strtol(s, NULL, 10);
	m = ifgw_strerror(e, b, n);
	m = "sprintf(b, s) and strcpy(b, s) in a message";
	/* strerror(e) in a comment */
	// gmtime(&t) in a line comment
	e = ops->atoi(s) + ops.atol(s);
	(void)m;
}
