#include <lunar-date/lunar-date.h>
#include <stdio.h>
#include <stdlib.h>

#include "date.h"
#include "err.h"
#include "lunar.h"

#define FIRST_YEAR 1900
#define LAST_YEAR 2100
#define NYEARS (LAST_YEAR - FIRST_YEAR + 1)

static LunarDate *cal;
static int first_day, ndays;
/* Memo tables: 0 is "not asked yet", -1 "outside the tables". */
static int *from_memo;		/* by day: packed lunar date */
static int *to_memo;		/* by lunar (year, month, day): day + 1 */

static void
open_cal(void)
{
	if (cal != NULL)
		return;
	cal = lunar_date_new();
	first_day = date_from_ymd(FIRST_YEAR, 1, 1);
	ndays = date_from_ymd(LAST_YEAR + 1, 1, 1) - first_day;
	from_memo = err_calloc((size_t)ndays, sizeof(*from_memo));
	to_memo = err_calloc(NYEARS * 13 * 31, sizeof(*to_memo));
}

static int
ask_solar(int days)
{
	GError *e = NULL;
	gchar *s;
	int y, m, d, ly, lm, ld, leap, n;

	date_to_ymd(days, &y, &m, &d);
	lunar_date_set_solar_date(cal, (GDateYear)y, (GDateMonth)m,
	    (GDateDay)d, 0, &e);
	if (e != NULL) {
		g_error_free(e);
		return -1;
	}
	/* A leap month is written with a star: "*6". */
	s = lunar_date_strftime(cal, "%(nian) %(yue) %(ri)");
	leap = 0;
	if (sscanf(s, "%d *%d %d%n", &ly, &lm, &ld, &n) == 3)
		leap = 1;
	else if (sscanf(s, "%d %d %d", &ly, &lm, &ld) != 3)
		ly = -1;
	g_free(s);
	if (ly < FIRST_YEAR - 1 || lm < 1 || lm > 12 || ld < 1 || ld > 30)
		return -1;
	return (ly - FIRST_YEAR + 1) << 12 | leap << 11 | lm << 5 | ld;
}

int
lunar_from_solar(int days, int *year, int *month, int *leap, int *day)
{
	int i = days - first_day, v;

	open_cal();
	i = days - first_day;
	if (i < 0 || i >= ndays)
		return -1;
	if (from_memo[i] == 0)
		from_memo[i] = ask_solar(days);
	if ((v = from_memo[i]) < 0)
		return -1;
	*year = (v >> 12) + FIRST_YEAR - 1;
	*leap = v >> 11 & 1;
	*month = v >> 5 & 63;
	*day = v & 31;
	return 0;
}

static int
ask_lunar(int year, int month, int day)
{
	GError *e = NULL;
	gchar *s;
	int y, m, d;

	lunar_date_set_lunar_date(cal, (GDateYear)year, (GDateMonth)month,
	    (GDateDay)day, 0, FALSE, &e);
	if (e != NULL && day == 30) {
		g_error_free(e);
		e = NULL;
		lunar_date_set_lunar_date(cal, (GDateYear)year,
		    (GDateMonth)month, 29, 0, FALSE, &e);
	}
	if (e != NULL) {
		g_error_free(e);
		return -1;
	}
	s = lunar_date_strftime(cal, "%(year) %(month) %(day)");
	if (sscanf(s, "%d %d %d", &y, &m, &d) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > date_days_in_month(y, m))
		y = -1;
	g_free(s);
	return y < 0 ? -1 : date_from_ymd(y, m, d);
}

int
lunar_to_solar(int year, int month, int day, int *days)
{
	size_t i;
	int v;

	open_cal();
	if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 ||
	    day < 1 || day > 30)
		return -1;
	i = ((size_t)(year - FIRST_YEAR) * 13 + (size_t)month) * 31 +
	    (size_t)day - 1;
	if (to_memo[i] == 0) {
		v = ask_lunar(year, month, day);
		to_memo[i] = v < 0 ? -1 : v - first_day + 1;
	}
	if (to_memo[i] < 0)
		return -1;
	*days = to_memo[i] - 1 + first_day;
	return 0;
}
