/*
 * lunar_dump: prints what common/lunar.c makes of dates, for
 * tests/lunar.bats to compare with lunar-javascript (tests/oracle/).
 *
 *     lunar_dump              every day that converts, from 1899-01-01 to
 *                             2101-12-31: DATE YEAR MONTH DAY
 *     lunar_dump DATE ...     those days; "DATE -" for one that does not
 *     lunar_dump -l           every lunar date that converts, years 1899 to
 *                             2101, months 0 to 13, days 0 to 31:
 *                             YEAR MONTH DAY DATE
 *     lunar_dump -l Y-M-D ... those lunar dates; "Y M D -" for one that
 *                             does not
 *     lunar_dump -r           the round trips: each day that converts back
 *                             from its lunar date (a leap month's day is
 *                             not reached from the lunar date), and each
 *                             lunar date from the day it converts to;
 *                             prints every failure, nothing when all hold
 *
 * A leap month is written "leap5".  The ranges go a year past the table's
 * on both sides so that its ends are compared too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/date.h"
#include "../common/lunar.h"

static void
solar(int days, int all)
{
	char s[DATE_LEN + 1];
	int y, m, leap, d;

	date_format(days, s);
	if (lunar_from_solar(days, &y, &m, &leap, &d) < 0) {
		if (!all)
			printf("%s -\n", s);
		return;
	}
	printf("%s %d %s%d %d\n", s, y, leap ? "leap" : "", m, d);
}

static void
lunar(int y, int m, int d, int all)
{
	char s[DATE_LEN + 1];
	int days;

	if (lunar_to_solar(y, m, d, &days) < 0) {
		if (!all)
			printf("%d %d %d -\n", y, m, d);
		return;
	}
	date_format(days, s);
	printf("%d %d %d %s\n", y, m, d, s);
}

static void
roundtrip(void)
{
	int days, back, y, m, leap, d, ly, lm, ld;

	for (days = date_from_ymd(1899, 1, 1);
	    days <= date_from_ymd(2101, 12, 31); days++) {
		if (lunar_from_solar(days, &y, &m, &leap, &d) < 0 || leap)
			continue;
		back = 0;
		if (lunar_to_solar(y, m, d, &back) < 0 || back != days)
			printf("day %d: %d %d %d: back %d\n", days, y, m, d,
			    back);
	}
	for (y = 1899; y <= 2101; y++)
		for (m = 0; m <= 13; m++)
			for (d = 0; d <= 31; d++) {
				if (lunar_to_solar(y, m, d, &days) < 0)
					continue;
				/* Day 30 of a short month is its 29th. */
				if (lunar_from_solar(days, &ly, &lm, &leap,
				    &ld) < 0 || ly != y || lm != m || leap ||
				    (ld != d && (d != 30 || ld != 29)))
					printf("lunar %d %d %d: day %d\n", y, m,
					    d, days);
			}
}

int
main(int argc, char *argv[])
{
	int i, y, m, d, days;

	if (argc > 1 && strcmp(argv[1], "-r") == 0)
		roundtrip();
	else if (argc == 2 && strcmp(argv[1], "-l") == 0) {
		for (y = 1899; y <= 2101; y++)
			for (m = 0; m <= 13; m++)
				for (d = 0; d <= 31; d++)
					lunar(y, m, d, 1);
	} else if (argc > 2 && strcmp(argv[1], "-l") == 0) {
		for (i = 2; i < argc; i++) {
			if (sscanf(argv[i], "%d-%d-%d", &y, &m, &d) != 3) {
				fprintf(stderr, "lunar_dump: %s: not Y-M-D\n",
				    argv[i]);
				return 2;
			}
			lunar(y, m, d, 0);
		}
	} else if (argc == 1) {
		for (days = date_from_ymd(1899, 1, 1);
		    days <= date_from_ymd(2101, 12, 31); days++)
			solar(days, 1);
	} else {
		for (i = 1; i < argc; i++) {
			if (date_parse(argv[i], strlen(argv[i]), &days) < 0) {
				fprintf(stderr, "lunar_dump: %s: not a date\n",
				    argv[i]);
				return 2;
			}
			solar(days, 0);
		}
	}
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("lunar_dump");
		return 1;
	}
	return 0;
}
