/* easter.h: the date of Easter Sunday (Gregorian computus).
 *
 * Easter drives most movable holidays in the calendars (Good Friday, Easter
 * Monday, Ascension, Whit Monday, Corpus Christi). */
#ifndef IFGW_CURRENCY_EASTER_H
#define IFGW_CURRENCY_EASTER_H

#include <stdint.h>

#define IFGW_EASTER_YEAR_MIN 1583 /* first full year of the Gregorian calendar */
#define IFGW_EASTER_YEAR_MAX 9999 /* last year base/date.h can express */

/* Day number (base/date.h) of Western Easter Sunday in year; the year must
 * be in IFGW_EASTER_YEAR_MIN..IFGW_EASTER_YEAR_MAX (a programming error
 * otherwise: asserted). */
int32_t ifgw_easter_sunday(int year);

#endif
