#ifndef CM_DATE_H
#define CM_DATE_H

/*
 * Calendar dates as a count of days since 1970-01-01 (negative before it),
 * in the proleptic Gregorian calendar.  Dates are read in the forms of
 * cm-rules(5): 2026-11-23, 2026/11/23, 2026/1/5, 2026.1.5 (one separator,
 * one or two digits for month and day), 20261123, 2026年1月5日, and any of
 * the first with a time of day after a space, as a spreadsheet writes a
 * date cell (2026/1/5 0:00, 2026-01-05 00:00:00), the time dropped; and
 * always written as 2026-11-23.  Years run from 1 to 9999.
 */

#include <stddef.h>

#include "err.h"

/*
 * The forms, for the message of a cell that is not a date, to be
 * translated where it is used (_(DATE_FORMS)).
 */
#define DATE_FORMS N_("2026-03-13, 2026/3/13, 2026.3.13, 20260313, " \
	"2026年3月13日, or with a time, 2026/3/13 0:00")

/*
 * The message of a side file's cell that is not a date: column, cell.  The
 * forms of DATE_FORMS are written out again, so that xgettext reads the
 * message whole.
 */
#define NOT_A_DATE N_("column '%s': '%s' is not a date (2026-03-13, " \
	"2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, " \
	"2026/3/13 0:00)")

#define DATE_LEN 10 /* strlen("2026-11-23") */

/* Reads s[0..len); 0 and *days set, or -1 if it is not a valid date. */
int date_parse(const char *s, size_t len, int *days);

/* A time of day HH:MM (09:30) as minutes after midnight, or -1. */
int date_clock(const char *s, size_t len);

/* Writes minutes from midnight as "HH:MM" and a NUL to out (6 bytes). */
void date_clock_format(int minutes, char *out);

/* Writes DATE_LEN characters and a NUL to out. */
void date_format(int days, char *out);

int date_from_ymd(int y, int m, int d);
void date_to_ymd(int days, int *y, int *m, int *d);
int date_days_in_month(int y, int m);

/* Adds months, clamping the day to the end of the month: 01-31 + 1 = 02-28. */
int date_add_months(int days, int months);

/* days moved by n of a unit d, w, m or y (months clamped, as above). */
int date_shift(int days, int n, char unit);

/* 1 Monday ... 7 Sunday, as ISO 8601. */
int date_weekday(int days);

/*
 * A date expression of cm-rules(5): a date, "today", or "today" followed by
 * + or - and a count with a unit d, w, m or y ("today-90d").  Returns 0 and
 * sets *days, or -1.
 */
int date_expr(const char *s, int today, int *days);

/*
 * The date that "today" means: arg (from --today) when not NULL, else the
 * CM_TODAY environment variable when set and not empty, else the local date.
 * Returns 0, or -1 when arg or CM_TODAY is not a date; *src then names which.
 */
int date_today(const char *arg, int *days, const char **src);

#endif
