#ifndef CM_UTF8_H
#define CM_UTF8_H

/*
 * Validation of UTF-8 as RFC 3629 defines it: no overlong forms, no
 * surrogates (U+D800..DFFF), nothing above U+10FFFF, so never a lead byte
 * C0, C1 or F5..FF.  The CSV reader checks every input byte with it.
 */

#include <stddef.h>

/*
 * The length of the longest prefix of s[0..n) that is valid UTF-8.  *more
 * is 1 when the first invalid position holds a character merely cut short
 * by the end of s (a valid lead byte, and as many continuation bytes as s
 * has left, whatever they are), else 0: more input may yet complete it.
 */
size_t utf8_prefix(const unsigned char *s, size_t n, int *more);

/*
 * The columns s[0..n) takes on a terminal: two for a wide character (CJK
 * ideographs, kana, hangul, the full-width forms: East Asian Width W and
 * F), none for a combining mark, one for any other character or for a
 * byte that is not UTF-8.  The layout of --help counts with it.
 */
size_t utf8_width(const char *s, size_t n);

#endif
