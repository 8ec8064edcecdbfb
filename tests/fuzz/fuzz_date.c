/*
 * libFuzzer harness for dates (common/date.c) and numbers (common/value.c),
 * the scalars that conditions and orders read from cells and rules.
 *
 * The input is read as a date (date_parse), a date expression (date_expr,
 * with a fixed today and a today taken from the input), and a number
 * (value_number).  Checked:
 *
 *  - a date read is between 0001-01-01 and 9999-12-31, is written back by
 *    date_format as the same day, and its year, month and day agree with
 *    date_from_ymd; the ISO form of a date reads as itself;
 *  - adding months clamps to the month's end;
 *  - "today+Nd" is today plus N days, "-Nw" minus 7N;
 *  - a number read is written by value_format plainly (digits, at most one
 *    point, no exponent), short enough for VALUE_NUMLEN, and reads back as
 *    the same value to 10 decimals.
 */
#include "fuzz.h"

#include <math.h>
#include <stdint.h>

#include "../../common/date.h"
#include "../../common/value.h"

static int lo, hi, fixed_today;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	lo = date_from_ymd(1, 1, 1);
	hi = date_from_ymd(9999, 12, 31);
	fixed_today = date_from_ymd(2026, 11, 23);
	return 0;
}

static void
check_date(int d)
{
	char out[DATE_LEN + 1];
	int y, m, dd, back;

	FUZZ_CHECK(d >= lo && d <= hi);
	date_to_ymd(d, &y, &m, &dd);
	FUZZ_CHECK(y >= 1 && y <= 9999 && m >= 1 && m <= 12);
	FUZZ_CHECK(dd >= 1 && dd <= date_days_in_month(y, m));
	FUZZ_CHECK(date_from_ymd(y, m, dd) == d);
	date_format(d, out);
	FUZZ_CHECK(strlen(out) == DATE_LEN);
	FUZZ_CHECK(date_parse(out, DATE_LEN, &back) == 0 && back == d);
	FUZZ_CHECK(date_weekday(d) >= 1 && date_weekday(d) <= 7);
	FUZZ_CHECK(date_weekday(d + 1) % 7 == (date_weekday(d) + 1) % 7);
}

static void
check_months(int d, int months)
{
	int y, m, dd, y2, m2, d2, r;

	r = date_add_months(d, months);
	date_to_ymd(d, &y, &m, &dd);
	date_to_ymd(r, &y2, &m2, &d2);
	FUZZ_CHECK((long)y2 * 12 + m2 == (long)y * 12 + m + months);
	FUZZ_CHECK(d2 == (dd < date_days_in_month(y2, m2) ? dd :
	    date_days_in_month(y2, m2)));
}

static void
check_number(const char *s, size_t n)
{
	char buf[VALUE_NUMLEN + 8], *p;
	double v, back, want;
	size_t len, i, points = 0;

	if (value_number(s, n, &v) < 0)
		return;
	FUZZ_CHECK(isfinite(v));
	memset(buf, 'Z', sizeof(buf));
	len = value_format(v, buf);
	FUZZ_CHECK(len < VALUE_NUMLEN && buf[len] == '\0');
	for (i = 0, p = buf; i < len; i++, p++) {
		if (*p == '.')
			points++;
		else
			FUZZ_CHECK((*p >= '0' && *p <= '9') || (i == 0 && *p == '-'));
	}
	FUZZ_CHECK(points <= 1);
	/* Past 1e40 a plain decimal no longer fits VALUE_NUMLEN. */
	if (fabs(v) >= 1e40)
		return;
	FUZZ_CHECK(value_number(buf, len, &back) == 0);
	want = round(v * 1e10) / 1e10;
	FUZZ_CHECK(fabs(back - want) <= 1e-9 * fmax(1, fabs(want)));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	int d, e, today;

	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, size, &d) == 0) {
		check_date(d);
		if (size == DATE_LEN && s[4] == '-') {
			char out[DATE_LEN + 1];

			date_format(d, out);
			FUZZ_CHECK(memcmp(out, s, DATE_LEN) == 0);
		}
		check_months(d, size > 0 ? (int)(signed char)data[0] : 1);
		check_months(d, -1);
		check_months(d, 12);
	}
	/* A today between the years 1 and 9999, from the input's bytes. */
	today = fixed_today;
	if (size >= 3)
		today = lo + (int)(((unsigned)data[0] << 16 |
		    (unsigned)data[1] << 8 | data[2]) % (unsigned)(hi - lo + 1));
	if (date_expr(s, fixed_today, &e) == 0 && strncmp(s, "today", 5) != 0)
		check_date(e);
	if (date_expr(s, today, &e) == 0 && strncmp(s, "today", 5) == 0) {
		long n;
		char *end;

		if (s[5] == '\0') {
			FUZZ_CHECK(e == today);
		} else {
			n = strtol(s + 6, &end, 10);
			if (*end == 'd')
				FUZZ_CHECK(e == today + (s[5] == '-' ? -n : n));
			else if (*end == 'w')
				FUZZ_CHECK(e == today + 7 * (s[5] == '-' ? -n : n));
		}
	}
	check_number(s, size);
	free(s);
	return 0;
}
