/* checksrc-test: as bench/timing.c */
/* Floating point outside the money paths is no problem (bench times in
 * seconds). */
#include <math.h>

double timing(double t0, double t1);
double timing(double t0, double t1)
{
	return (t1 - t0) * 1e3 + 0.5;
}
