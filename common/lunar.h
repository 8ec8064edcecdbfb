#ifndef CM_LUNAR_H
#define CM_LUNAR_H

/*
 * The Chinese lunisolar calendar, over liblunar-date, whose tables are the
 * published ones (1900 to 2100).  A lunar year is named by the Gregorian
 * year in which it begins: lunar 2026 runs from 春节 2026-02-17 to
 * 2027-02-05.  Days are those of date.h.
 *
 * ICU's Chinese calendar was tried first and dropped: ICU 72 computes new
 * moons by an approximation that puts some of them on the wrong day (春节
 * 2027 and 2030, the leap month of 1987), where the tables are right.
 *
 * Results are remembered, so each date goes through the library once; the
 * library's state lives until the program ends.  Functions return 0, or
 * -1 for a date outside the tables.
 */

/* The lunar year, month (1-12), leap flag and day (1-30) of a day. */
int lunar_from_solar(int days, int *year, int *month, int *leap, int *day);

/*
 * The day of lunar year, month (the ordinary month, never the leap one)
 * and day; day 30 of a month that has 29 days falls on its 29th.
 */
int lunar_to_solar(int year, int month, int day, int *days);

#endif
