#ifndef CM_VALUE_H
#define CM_VALUE_H

/*
 * Cells read as numbers, and numbers written, as cm-rules(5) has them.
 * A number is an optional sign, digits, and an optional decimal point
 * followed by digits: "1,200", "1e3", ".5" and " 5" are not numbers.
 */

#include <stddef.h>

#define VALUE_NUMLEN 48	/* room for any number value_format() writes */

/* 0 and *v set, or -1 when s[0..len) is not a number. */
int value_number(const char *s, size_t len, double *v);

/*
 * Writes v plainly: an integer without a decimal point, anything else in
 * decimal without an exponent or trailing zeros, rounded to 10 decimals.
 * Returns the length.
 */
size_t value_format(double v, char *buf);

#endif
