/* checksrc-test: as currency/calendars/cal_xx.c */
/* Below the header's folder: allowed. */
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"
