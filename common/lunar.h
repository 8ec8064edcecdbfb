#ifndef CM_LUNAR_H
#define CM_LUNAR_H

/*
 * The Chinese lunisolar calendar of lunar years 1900 to 2100, that is of
 * the days 1900-01-31 to 2101-01-28, from a table in lunar.c of the months
 * that the Hong Kong Observatory publishes (its Gregorian-Lunar Calendar
 * Conversion Tables).  A lunar year is named by the Gregorian year in
 * which it begins: lunar 2026 runs from 春节 2026-02-17 to 2027-02-05.
 * Days are those of date.h.
 *
 * One month is uncertain: the new moon that begins 2057's 九月 falls
 * within a minute of midnight, and the tables follow HKO, which puts
 * 九月初一 on 2057-09-28 (other calendars, lunar-javascript among them,
 * on the 29th).
 *
 * ICU's Chinese calendar was tried first and dropped: ICU 72 computes new
 * moons by an approximation that puts some of them on the wrong day (春节
 * 2027 and 2030, the leap month of 1987).  liblunar-date 3.0.1 was used
 * next and dropped: five of its months begin a day off (1933's 六月,
 * 1954's and 1956's 十一月, 1978's 八月, 2060's 四月) and it refuses
 * 1900-01-31.
 *
 * The table is built on the first call, in any thread; a conversion is
 * then a few steps through it.  Functions return 0, or -1 for a date
 * outside the table.
 */

/* The lunar year, month (1-12), leap flag and day (1-30) of a day. */
int lunar_from_solar(int days, int *year, int *month, int *leap, int *day);

/*
 * The day of lunar year, month (the ordinary month, never the leap one)
 * and day; day 30 of a month that has 29 days falls on its 29th.
 */
int lunar_to_solar(int year, int month, int day, int *days);

#endif
