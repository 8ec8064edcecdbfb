/*
 * Chinese addresses cut into the parts of their levels (addr.h), and the
 * distance between two points on the earth.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "addr.h"

/* The words that end a part, and the level each names. */
static const struct marker {
	const char *s;
	enum addr_level level;
} markers[] = {
	{ "特别行政区", ADDR_PROVINCE }, { "自治区", ADDR_PROVINCE },
	{ "省", ADDR_PROVINCE },
	{ "自治州", ADDR_CITY }, { "地区", ADDR_CITY }, { "盟", ADDR_CITY },
	{ "市", ADDR_CITY },
	{ "自治县", ADDR_DISTRICT }, { "自治旗", ADDR_DISTRICT },
	{ "区", ADDR_DISTRICT }, { "县", ADDR_DISTRICT }, { "旗", ADDR_DISTRICT },
	{ "街道", ADDR_STREET }, { "镇", ADDR_STREET }, { "乡", ADDR_STREET },
	{ "苏木", ADDR_STREET },
	{ "大街", ADDR_ROAD }, { "大道", ADDR_ROAD }, { "胡同", ADDR_ROAD },
	{ "路", ADDR_ROAD }, { "街", ADDR_ROAD }, { "巷", ADDR_ROAD },
	{ "弄", ADDR_ROAD },
	{ "号", ADDR_NUMBER },
	{ "小区", ADDR_ESTATE }, { "花园", ADDR_ESTATE }, { "新村", ADDR_ESTATE },
	{ "新城", ADDR_ESTATE }, { "山庄", ADDR_ESTATE }, { "公寓", ADDR_ESTATE },
	{ "家园", ADDR_ESTATE }, { "大厦", ADDR_ESTATE }
};

#define NMARKER (sizeof(markers) / sizeof(markers[0]))

/* The words of an address looked at: a long one is cut there. */
#define MAXHIT 64

/* For messages, in the user's language (N_: translated by the caller). */
static const char *const level_names[ADDR_NLEVEL] = {
	N_("province"), N_("city"), N_("district"), N_("street"), N_("road"),
	N_("house number"), N_("estate")
};

_Static_assert(sizeof(level_names) / sizeof(level_names[0]) == ADDR_NLEVEL,
    "a level without its name");

const char *
addr_level_name(enum addr_level level)
{
	return level_names[level];
}

/* The bytes of the UTF-8 character that starts with c (1 for a bad one). */
static size_t
charlen(unsigned char c)
{
	if (c >= 0xF0)
		return 4;
	if (c >= 0xE0)
		return 3;
	if (c >= 0xC0)
		return 2;
	return 1;
}

/* Past the separators at s + i. */
static size_t
skip(const char *s, size_t len, size_t i)
{
	static const char *const wide[] = { "，", "、", "　" };
	size_t k;

	for (;;) {
		if (i < len && strchr(" \t,/-", s[i]) != NULL && s[i] != '\0') {
			i++;
			continue;
		}
		for (k = 0; k < 3; k++)
			if (len - i >= 3 && memcmp(s + i, wide[k], 3) == 0)
				break;
		if (k == 3)
			return i;
		i += 3;
	}
}

/* A word of the address: where it starts and ends, and its level. */
struct hit {
	size_t start, end;
	enum addr_level level;
};

/*
 * The markers by the character they start with, a CJK character of three
 * bytes each: an address is looked up one character at a time, and most
 * characters start no marker.
 */
struct first {
	unsigned long key;		/* the character's three bytes */
	unsigned char k, n;		/* its markers: byfirst[k .. k + n) */
};

static struct first firsts[NMARKER];
static unsigned char byfirst[NMARKER], mlen[NMARKER];
static size_t nfirst;

static unsigned long
key3(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return (unsigned long)u[0] << 16 | (unsigned long)u[1] << 8 | u[2];
}

static int
by_key(const void *x, const void *y)
{
	unsigned long a = key3(markers[*(const unsigned char *)x].s);
	unsigned long b = key3(markers[*(const unsigned char *)y].s);

	if (a != b)
		return a < b ? -1 : 1;
	/* The longest first, so that the first that matches is taken. */
	return (int)strlen(markers[*(const unsigned char *)y].s) -
	    (int)strlen(markers[*(const unsigned char *)x].s);
}

static void
index_markers(void)
{
	size_t i;

	for (i = 0; i < NMARKER; i++) {
		byfirst[i] = (unsigned char)i;
		mlen[i] = (unsigned char)strlen(markers[i].s);
	}
	qsort(byfirst, NMARKER, 1, by_key);
	for (i = 0; i < NMARKER; i++) {
		if (nfirst == 0 || firsts[nfirst - 1].key !=
		    key3(markers[byfirst[i]].s)) {
			firsts[nfirst].key = key3(markers[byfirst[i]].s);
			firsts[nfirst].k = (unsigned char)i;
			nfirst++;
		}
		firsts[nfirst - 1].n++;
	}
}

/* The first entry for the character at s, or NULL. */
static const struct first *
lookup(const char *s)
{
	unsigned long key = key3(s);
	size_t lo = 0, hi = nfirst, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (firsts[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nfirst && firsts[lo].key == key ? &firsts[lo] : NULL;
}

/*
 * Every word of markers[] in s, the longest where several start at one
 * place; none inside another (the 区 of 小区 or of 特别行政区).
 */
static size_t
find(const char *s, size_t len, struct hit *hit)
{
	const struct first *f;
	size_t i, k, n = 0, m = 0;

	if (nfirst == 0)
		index_markers();
	for (i = 0; i < len && n < MAXHIT; i += charlen((unsigned char)s[i])) {
		if (n > 0 && i < hit[n - 1].end)
			continue;
		if ((unsigned char)s[i] < 0xE0 || len - i < 3 ||
		    (f = lookup(s + i)) == NULL)
			continue;
		for (k = f->k; k < (size_t)f->k + f->n; k++) {
			m = byfirst[k];
			if (mlen[m] <= len - i &&
			    memcmp(s + i, markers[m].s, mlen[m]) == 0)
				break;
		}
		if (k == (size_t)f->k + f->n)
			continue;
		hit[n].start = i;
		hit[n].end = i + mlen[m];
		hit[n].level = markers[m].level;
		n++;
	}
	return n;
}

/* The level a word names after a part of level prev (-1 for none). */
static int
level_after(const struct hit *h, int prev)
{
	int l = (int)h->level;

	/* A 市 under a 市 is a county-level city (江阴市 in 无锡市). */
	if (h->level == ADDR_CITY && prev == (int)ADDR_CITY)
		l = ADDR_DISTRICT;
	return l > prev ? l : -1;
}

/*
 * The parts are a chain of words, each part running from the end of the
 * one before (past separators) to the end of its word, with at least one
 * character before the word, and the levels rising.  Of the chains from
 * the start of the address, the one of the most parts is taken, and of
 * those, the one that reads furthest (湖南路街道 is a street, not the road
 * 湖南路 and then nothing).
 */
size_t
addr_parts(const char *s, size_t len, struct addr_part *part, size_t *end)
{
	struct hit hit[MAXHIT];
	int count[MAXHIT], lvl[MAXHIT], from[MAXHIT], l;
	size_t n, i, j, start, best = MAXHIT, np;

	*end = 0;
	n = find(s, len, hit);
	for (i = 0; i < n; i++) {
		count[i] = 0;
		start = skip(s, len, 0);
		if (hit[i].start > start && (l = level_after(&hit[i], -1)) >= 0) {
			count[i] = 1;
			lvl[i] = l;
			from[i] = -1;
		}
		for (j = 0; j < i; j++) {
			if (count[j] == 0 || hit[j].end > hit[i].start)
				continue;
			start = skip(s, len, hit[j].end);
			if (hit[i].start <= start ||
			    (l = level_after(&hit[i], lvl[j])) < 0 ||
			    count[j] + 1 <= count[i])
				continue;
			count[i] = count[j] + 1;
			lvl[i] = l;
			from[i] = (int)j;
		}
		if (count[i] > 0 && (best == MAXHIT || count[i] >= count[best]))
			best = i;
	}
	if (best == MAXHIT)
		return 0;
	np = (size_t)count[best];
	*end = hit[best].end;
	for (i = np, j = best; i-- > 0; j = (size_t)from[j]) {
		start = from[j] < 0 ? skip(s, len, 0) :
		    skip(s, len, hit[from[j]].end);
		part[i].level = (enum addr_level)lvl[j];
		part[i].s = s + start;
		part[i].len = hit[j].end - start;
	}
	return np;
}

double
addr_km(double lat1, double lon1, double lat2, double lon2)
{
	const double r = 6371.0088, rad = M_PI / 180;	/* the mean radius */
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad, h;

	h = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * rad) * cos(lat2 * rad) *
	    sin(dlon / 2) * sin(dlon / 2);
	return 2 * r * asin(sqrt(h < 1 ? h : 1));
}
