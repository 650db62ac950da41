/* cn.c: China (mainland), the State Council's holiday schedule.
 *
 * Source: the yearly notice of the General Office of the State Council on
 * holiday arrangements (国务院办公厅关于部分节假日安排的通知), under the
 * Regulations on National Annual Festivals and Memorial Days (全国年节及
 * 纪念日放假办法, revised 2024).  The days off and the weekend days worked
 * in exchange (调休) are decided each year, so everything is in
 * currency/data/calendars/cn.txt, and the calendar covers only the years
 * that file covers.  A worked Saturday or Sunday is a business day here, as
 * for banks and the interbank market; the stock exchanges stay closed on
 * weekends. */
#include "config.h"

#include "base/error.h"
#define IFGW_CALENDAR_INTERNAL
#include "currency/calendar_int.h"

static int cn_year(struct ifgw_calendar_builder *b, int y)
{
	(void)y; /* nothing is computed */
	return ifgw_calendar_builder_status(b);
}

const struct ifgw_calendar_rules ifgw_calendar_rules_cn = {
	.name = "CN",
	.version = IFGW_CALENDAR_RULES_VERSION,
	.title = "China: State Council holiday schedule, with worked weekend days",
	.first_year = IFGW_CALENDAR_YEAR_MIN,
	.last_year = IFGW_CALENDAR_YEAR_MAX,
	.datafile = "currency/data/calendars/cn.txt",
	.emit_year = cn_year,
};
