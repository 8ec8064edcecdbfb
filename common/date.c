#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"

/*
 * Day counting after the civil-from-days method: shifting the year to start
 * in March puts the leap day at the end, so a year of eras of 400 years
 * needs no table.
 */
int
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(int days, int *y, int *m, int *d)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int
date_days_in_month(int y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 29;
	return len[m - 1];
}

/* The number the n digits at s write, or -1 when one is not a digit. */
static int
digits(const char *s, size_t n)
{
	int v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

int
date_clock(const char *s, size_t len)
{
	int h, m;

	if (len != 5 || s[2] != ':' || (h = digits(s, 2)) < 0 || h > 23 ||
	    (m = digits(s + 3, 2)) < 0 || m > 59)
		return -1;
	return h * 60 + m;
}

/* A time of day after a date, as Excel writes one: H:MM, HH:MM[:SS]. */
static int
time_of_day(const char *s, size_t len)
{
	size_t h = len >= 2 && s[1] == ':' ? 1 : 2;

	if ((len != h + 3 && len != h + 6) || s[h] != ':' ||
	    digits(s, h) < 0 || digits(s, h) > 23 ||
	    digits(s + h + 1, 2) < 0 || digits(s + h + 1, 2) > 59)
		return -1;
	if (len == h + 6 && (s[h + 3] != ':' || digits(s + h + 4, 2) < 0 ||
	    digits(s + h + 4, 2) > 59))
		return -1;
	return 0;
}

/*
 * The other forms a spreadsheet writes: yyyy年m月d日, and a date of the
 * forms above followed by a time of day (2026/3/13 0:00, 2026-03-13
 * 00:00:00), whose time is dropped.
 */
static int
other_forms(const char *s, size_t len, int *days)
{
	static const char nian[] = "年", yue[] = "月", ri[] = "日";
	const char *p, *end = s + len, *sp;
	int y, m, d;

	if ((sp = memchr(s, ' ', len)) != NULL) {
		if (sp - s < 8 || time_of_day(sp + 1, (size_t)(end - sp - 1)) < 0)
			return -1;
		return date_parse(s, (size_t)(sp - s), days);
	}
	if (len < 4 + 3 + 1 + 3 + 1 + 3 || memcmp(s + 4, nian, 3) != 0 ||
	    memcmp(end - 3, ri, 3) != 0 || (y = digits(s, 4)) < 0)
		return -1;
	p = s + 7;
	if ((sp = memchr(p, yue[0], (size_t)(end - 3 - p))) == NULL ||
	    end - 3 - sp < 3 || memcmp(sp, yue, 3) != 0 ||
	    sp - p < 1 || sp - p > 2 || end - 3 - (sp + 3) < 1 ||
	    end - 3 - (sp + 3) > 2 ||
	    (m = digits(p, (size_t)(sp - p))) < 0 ||
	    (d = digits(sp + 3, (size_t)(end - 3 - (sp + 3)))) < 0)
		return -1;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return -1;
	*days = date_from_ymd(y, m, d);
	return 0;
}

/*
 * yyyymmdd, or yyyy-m-d to yyyy-mm-dd with '-', '/' or '.' twice.  Dates
 * are read on every row a date operator reaches, so the separated form is
 * taken apart by its length: the month ends at the second separator, at
 * s[6] or s[7], and the day takes the rest.  Only a cell that is none of
 * these is tried in the other forms.
 */
int
date_parse(const char *s, size_t len, int *days)
{
	size_t mlen, dlen;
	int y, m, d;

	if (len == 8 && (y = digits(s, 8)) >= 0) {
		d = y % 100;
		m = y / 100 % 100;
		y /= 10000;
	} else {
		if (len < 8 || len > 10 ||
		    (s[4] != '-' && s[4] != '/' && s[4] != '.'))
			return other_forms(s, len, days);
		mlen = s[6] == s[4] ? 1 : 2;
		dlen = len - 6 - mlen;
		if (s[5 + mlen] != s[4] || dlen < 1 || dlen > 2)
			return other_forms(s, len, days);
		y = digits(s, 4);
		m = digits(s + 5, mlen);
		d = digits(s + 6 + mlen, dlen);
		if (y < 0 || m < 0 || d < 0)
			return -1;
	}
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return -1;
	*days = date_from_ymd(y, m, d);
	return 0;
}

void
date_format(int days, char *out)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	y = y < 0 ? 0 : y % 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

void
date_clock_format(int minutes, char *out)
{
	unsigned h = (unsigned)minutes / 60 % 24, m = (unsigned)minutes % 60;

	out[0] = (char)('0' + h / 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
}

int
date_add_months(int days, int months)
{
	int y, m, d, dim;
	long t;

	date_to_ymd(days, &y, &m, &d);
	t = (long)y * 12 + (m - 1) + months;
	y = (int)(t >= 0 ? t / 12 : (t - 11) / 12);
	m = (int)(t - (long)y * 12) + 1;
	dim = date_days_in_month(y, m);
	return date_from_ymd(y, m, d < dim ? d : dim);
}

int
date_weekday(int days)
{
	/* 1970-01-01 was a Thursday. */
	int w = (days + 3) % 7;

	return (w < 0 ? w + 7 : w) + 1;
}

int
date_expr(const char *s, int today, int *days)
{
	const char *p;
	char *end;
	long n;

	if (strncmp(s, "today", 5) != 0)
		return date_parse(s, strlen(s), days);
	p = s + 5;
	if (*p == '\0') {
		*days = today;
		return 0;
	}
	if ((*p != '+' && *p != '-') || !isdigit((unsigned char)p[1]))
		return -1;
	n = strtol(p + 1, &end, 10);
	if (n > 100000 || end[0] == '\0' || end[1] != '\0')
		return -1;
	if (*p == '-')
		n = -n;
	if (strchr("dwmy", *end) == NULL)
		return -1;
	*days = date_shift(today, (int)n, *end);
	return 0;
}

int
date_shift(int days, int n, char unit)
{
	switch (unit) {
	case 'd':
		return days + n;
	case 'w':
		return days + 7 * n;
	case 'm':
		return date_add_months(days, n);
	default:
		return date_add_months(days, 12 * n);
	}
}

int
date_today(const char *arg, int *days, const char **src)
{
	const char *env = getenv("CM_TODAY");
	struct tm tm;
	time_t now;

	if (arg != NULL) {
		*src = "--today";
		return date_parse(arg, strlen(arg), days);
	}
	if (env != NULL && *env != '\0') {
		*src = "CM_TODAY";
		return date_parse(env, strlen(env), days);
	}
	*src = "the clock";
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL)
		return -1;
	*days = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}
