/* checksrc-test: as certs/allow.c */
/* Exceptions: on the line, naming the rule or the call, with a reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void allow(char *b, const char *s, int e);
void allow(char *b, const char *s, int e)
{
	const char *m = strerror(e); /* checksrc: allow strerror (test: a reason is given) */
	m = strerror(e); /* checksrc: allow banned (test: by rule name) */
	sprintf(b, "%d", e); /* checksrc: allow sprintf */ /* expect: allow banned */
	strcpy(b, s); /* checksrc: allow strcat (test: names another call) */ /* expect: allow banned */
	e = 1; /* checksrc: allow atoi (test: nothing to excuse) */ /* expect: allow */
	m = strerror(e); /* expect: banned */
	(void)m;
}
