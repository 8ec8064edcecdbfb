#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "utf8.h"

/*
 * Most of the text is plain: ASCII, and characters whose lead byte asks
 * nothing of the bytes after it but to be continuation bytes, as many as
 * it calls for (C2..DF, E1..EC, EE, EF): nearly all Chinese text.
 * skip_plain goes over it fast; utf8_char checks the rest exactly.
 */
#ifdef __SSE2__
/* The 16 bytes at p, wherever p is aligned. */
static inline __m128i
load16(const unsigned char *p)
{
	return _mm_loadu_si128((const void *)p);
}

/* Nonzero bytes where those of x are above c. */
static inline __m128i
above(__m128i x, int c)
{
	return _mm_subs_epu8(x, _mm_set1_epi8((char)c));
}

/* FF bytes where those of x are c, 00 elsewhere. */
static inline __m128i
equal(__m128i x, int c)
{
	return _mm_cmpeq_epi8(x, _mm_set1_epi8((char)c));
}

/*
 * Nonzero bytes where the 16 bytes at p are not plain.  A continuation
 * byte (80..BF, the bytes below C0 taken as signed) is due after a lead
 * byte (C0..FF) and two after a 3-byte one (E0..FF), and nowhere else:
 * p[-1] and p[-2] are read to see that.  Nor are plain the lead bytes that
 * ask more: C0 and C1 (overlong), E0 (a second byte A0..BF) and E1 with
 * it, in one test (U+1000..1FFF, no Chinese), ED (no surrogate), F0..FF
 * (4 bytes, or invalid).
 */
static inline __m128i
bad16(const unsigned char *p)
{
	__m128i x = load16(p), due, cont, bad;

	due = _mm_or_si128(above(load16(p - 1), 0xBF),
	    above(load16(p - 2), 0xDF));
	cont = _mm_cmplt_epi8(x, _mm_set1_epi8((char)0xC0));
	bad = _mm_cmpeq_epi8(cont, equal(due, 0));
	bad = _mm_or_si128(bad, above(x, 0xEF));
	bad = _mm_or_si128(bad,
	    equal(_mm_and_si128(x, _mm_set1_epi8((char)0xDE)), 0xC0));
	return _mm_or_si128(bad, equal(x, 0xED));
}

/*
 * 1 when the 32 bytes at p are plain, given that the bytes before p are
 * valid so far.  A group of ASCII after ASCII needs one test; there is no
 * such test for each block of 16: whether one is all ASCII is a toss-up
 * in Chinese text, and a mispredicted branch costs more than the checks
 * it would skip.
 */
static int
plain32(const unsigned char *p)
{
	__m128i any, bad;

	any = _mm_or_si128(load16(p - 2), _mm_or_si128(load16(p),
	    load16(p + 16)));
	if (_mm_movemask_epi8(any) == 0)
		return 1;
	bad = _mm_or_si128(bad16(p), bad16(p + 16));
	return _mm_movemask_epi8(equal(bad, 0)) == 0xFFFF;
}

/*
 * Skips plain groups of 32 bytes from i on, i >= 2.  Returns the start of
 * the character that the first group not taken begins in (the last group
 * taken may end inside a character), and in *stop that group's end, for
 * the exact check to go through.
 */
static size_t
skip_plain(const unsigned char *s, size_t i, size_t n, size_t *stop)
{
	size_t g = i;

	while (g + 32 <= n && plain32(s + g))
		g += 32;
	*stop = g + 32;
	while (g > i && (s[g - 1] & 0xC0) == 0x80)
		g--;
	if (g > i && s[g - 1] >= 0xC0)
		g--;
	return g;
}
#else
/*
 * 1 when s[i..n) starts with a 3-byte character whose lead byte is neither
 * E0 nor ED, the two that limit their second byte: most of Chinese text.
 */
static int
plain3(const unsigned char *s, size_t i, size_t n)
{
	return i + 2 < n && s[i] - 0xE1u <= 0xEFu - 0xE1u && s[i] != 0xED &&
	    ((s[i + 1] ^ 0x80) | (s[i + 2] ^ 0x80)) < 0x40;
}

/*
 * Without SSE2: skips ASCII, 8 bytes at a time, and plain 3-byte
 * characters from i on.  Returns where they end, and in *stop the end of
 * the character there, for the exact check.
 */
static size_t
skip_plain(const unsigned char *s, size_t i, size_t n, size_t *stop)
{
	uint64_t w;

	for (;;) {
		for (; i + 8 <= n; i += 8) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) != 0)
				break;
		}
		while (i < n && s[i] < 0x80)
			i++;
		if (!plain3(s, i, n))
			break;
		do
			i += 3;
		while (plain3(s, i, n));
	}
	*stop = i + 1;
	return i;
}
#endif

/*
 * The length of the character at s[i], or 0 when it is not valid, with
 * *more set when it is only cut short by the end of s[0..n).
 */
static size_t
utf8_char(const unsigned char *s, size_t i, size_t n, int *more)
{
	unsigned c = s[i];
	size_t k, need;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 2;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 3;
	else
		return 0;
	for (k = 1; k <= need; k++) {
		if (i + k >= n) {
			*more = 1;
			return 0;
		}
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
	}
	if ((c == 0xE0 && s[i + 1] < 0xA0) ||
	    (c == 0xED && s[i + 1] > 0x9F) ||
	    (c == 0xF0 && s[i + 1] < 0x90) ||
	    (c == 0xF4 && s[i + 1] > 0x8F))
		return 0;
	return need + 1;
}

/*
 * Character by character up to stop, at first 2 (the fast path reads the
 * two bytes before where it starts), then as far as skip_plain goes, and
 * again character by character from there, through its stop.
 */
size_t
utf8_prefix(const unsigned char *s, size_t n, int *more)
{
	size_t i = 0, stop = 2, len;

	*more = 0;
	for (;;) {
		for (; i < stop; i += len)
			if (i >= n || (len = utf8_char(s, i, n, more)) == 0)
				return i;
		i = skip_plain(s, i, n, &stop);
	}
}

/* The wide ranges of East Asian Width (W and F), first and last. */
static const uint32_t wide[][2] = {
	{ 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF },
	{ 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF },
	{ 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
	{ 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F }, { 0xFF00, 0xFF60 },
	{ 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF },
	{ 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD }
};

static size_t
columns(uint32_t c)
{
	size_t i;

	if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) ||
	    (c >= 0xFE00 && c <= 0xFE0F))
		return 0;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (c >= wide[i][0] && c <= wide[i][1])
			return 2;
	return 1;
}

size_t
utf8_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t w = 0, len, i;
	uint32_t c;
	int more;

	while (p < end) {
		len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		if (len > (size_t)(end - p) ||
		    utf8_prefix(p, len, &more) != len) {
			w++;
			p++;
			continue;
		}
		c = len == 1 ? *p : len == 2 ? *p & 0x1F : len == 3 ?
		    *p & 0x0F : *p & 0x07;
		for (i = 1; i < len; i++)
			c = c << 6 | (p[i] & 0x3F);
		w += columns(c);
		p += len;
	}
	return w;
}
