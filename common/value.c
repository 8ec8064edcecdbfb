#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

int
value_number(const char *s, size_t len, double *v)
{
	size_t i = 0, start;
	double x = 0;
	char tmp[64];

	if (len > 0 && (s[0] == '-' || s[0] == '+'))
		i++;
	start = i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		x = x * 10 + (s[i++] - '0');
	if (i == start)
		return -1;
	if (i == len) {
		/* Up to 15 digits, the sum is exact: no strtod needed. */
		if (i - start > 15) {
			if (len >= sizeof(tmp))
				return -1;
			memcpy(tmp, s, len);
			tmp[len] = '\0';
			x = strtod(tmp, NULL);
			*v = x;
			return 0;
		}
		*v = s[0] == '-' ? -x : x;
		return 0;
	}
	if (s[i] != '.' || i + 1 == len)
		return -1;
	for (i++; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	if (len >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	*v = strtod(tmp, NULL);
	return 0;
}

/*
 * What "%.0f" writes for a whole number, without printf: scores are
 * written on every row, and snprintf of a double costs more than the
 * rest of the scoring.
 */
static size_t
format_integer(long long x, char *buf)
{
	unsigned long long u = x < 0 ? 0 - (unsigned long long)x :
	    (unsigned long long)x;
	char tmp[24];
	size_t k = 0, n = 0;

	do
		tmp[k++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (x < 0)
		buf[n++] = '-';
	while (k > 0)
		buf[n++] = tmp[--k];
	buf[n] = '\0';
	return n;
}

size_t
value_format(double v, char *buf)
{
	size_t n;

	if (!isfinite(v))
		return (size_t)snprintf(buf, VALUE_NUMLEN, "0");
	if (fabs(v) >= 1e21) {
		n = (size_t)snprintf(buf, VALUE_NUMLEN, "%.0f", v);
		return n < VALUE_NUMLEN ? n : VALUE_NUMLEN - 1;
	}
	v = round(v * 1e10) / 1e10;
	if (v == 0)
		v = 0;	/* no "-0" */
	if (v == floor(v) && fabs(v) < 1e15)
		return format_integer((long long)v, buf);
	n = (size_t)snprintf(buf, VALUE_NUMLEN, "%.10f", v);
	while (n > 0 && buf[n - 1] == '0')
		n--;
	if (n > 0 && buf[n - 1] == '.')
		n--;
	buf[n] = '\0';
	return n;
}
