#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "cols.h"
#include "err.h"

/*
 * FNV-1a, then mixed: a product carries bits only upward, so without the
 * final shifts (the finaliser of MurmurHash3) the low bits that pick a
 * slot would depend on the low bits of each byte alone, and the high bits
 * kept in the slot would say little more.
 */
uint64_t
cols_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/*
 * Slots keep the high half of each name's hash beside its index, so that
 * a probe compares names only when their hashes agree: a lookup that
 * misses, as most do in a table of millions of ids, reads no name at all.
 */
#define TAG(h)	((h) & 0xFFFFFFFF00000000ULL)
#define INDEX(slot)	((size_t)((slot) & 0xFFFFFFFFULL))

static void
insert(struct cols *c, size_t idx, uint64_t h)
{
	size_t i = (size_t)h & (c->nslot - 1);

	while (c->slot[i] != 0)
		i = (i + 1) & (c->nslot - 1);
	c->slot[i] = TAG(h) | (idx + 1);
}

/* The index of name, whose hash is h, or -1. */
static long
lookup(const struct cols *c, const char *name, uint64_t h)
{
	uint64_t t = TAG(h), slot;
	size_t i;

	if (c->nslot == 0)
		return -1;
	i = (size_t)h & (c->nslot - 1);
	while ((slot = c->slot[i]) != 0) {
		if (TAG(slot) == t &&
		    strcmp(c->names[INDEX(slot) - 1], name) == 0)
			return (long)(INDEX(slot) - 1);
		i = (i + 1) & (c->nslot - 1);
	}
	return -1;
}

void
cols_fetch(const struct cols *c, uint64_t h)
{
	if (c->nslot > 0)
		__builtin_prefetch(&c->slot[(size_t)h & (c->nslot - 1)]);
}

long
cols_guess(const struct cols *c, uint64_t h)
{
	uint64_t t = TAG(h), slot;
	size_t i;

	if (c->nslot == 0)
		return -1;
	for (i = (size_t)h & (c->nslot - 1); (slot = c->slot[i]) != 0;
	    i = (i + 1) & (c->nslot - 1))
		if (TAG(slot) == t)
			return (long)(INDEX(slot) - 1);
	return -1;
}

long
cols_find(const struct cols *c, const char *name)
{
	return c->nslot == 0 ? -1 : lookup(c, name, cols_hash(name));
}

/*
 * Appends name, whose hash is h.  The names are copied into an arena: no
 * malloc for each of a million ids, and one free for them all; or, when
 * borrow is set, not copied at all.
 */
static size_t
add(struct cols *c, const char *name, uint64_t h, int borrow)
{
	size_t i, n;

	if (c->n >= 0xFFFFFFFEU)
		err_exit(EXIT_DATA, "more than %u names in one table", 0xFFFFFFFEU);
	err_grow(&c->names, &c->cap, c->n + 1, sizeof(*c->names));
	if (borrow)
		c->names[c->n] = (char *)name;
	else {
		n = strlen(name);
		c->names[c->n] = arena_alloc_align(&c->text, n + 1, 1);
		memcpy(c->names[c->n], name, n);
	}
	if (2 * (c->n + 1) > c->nslot) {
		free(c->slot);
		c->nslot = c->nslot ? 2 * c->nslot : 16;
		while (2 * (c->n + 1) > c->nslot)
			c->nslot *= 2;
		c->slot = err_calloc(c->nslot, sizeof(*c->slot));
		for (i = 0; i < c->n; i++)
			insert(c, i, cols_hash(c->names[i]));
	}
	insert(c, c->n, h);
	return c->n++;
}

size_t
cols_add(struct cols *c, const char *name)
{
	return add(c, name, cols_hash(name), 0);
}

size_t
cols_borrow(struct cols *c, const char *name)
{
	return add(c, name, cols_hash(name), 1);
}

/* One hash for the lookup and the insertion. */
size_t
cols_intern(struct cols *c, const char *name, int *added)
{
	uint64_t h = cols_hash(name);
	long k = lookup(c, name, h);

	if (added != NULL)
		*added = k < 0;
	return k >= 0 ? (size_t)k : add(c, name, h, 0);
}

/*
 * The code point at s (UTF-8, as every name is once read), its length in
 * *len; a byte that starts no sequence counts as itself.
 */
static unsigned long
decode(const unsigned char *s, size_t *len)
{
	if (s[0] < 0xC0 || (s[0] < 0xE0 && s[1] == '\0')) {
		*len = 1;
		return s[0];
	}
	if (s[0] < 0xE0) {
		*len = 2;
		return (s[0] & 0x1FUL) << 6 | (s[1] & 0x3F);
	}
	if (s[0] < 0xF0 && s[1] != '\0' && s[2] != '\0') {
		*len = 3;
		return (s[0] & 0x0FUL) << 12 | (s[1] & 0x3FUL) << 6 |
		    (s[2] & 0x3F);
	}
	*len = 1;
	return s[0];
}

/*
 * Characters a reader of a message cannot see: controls, the no-break and
 * full-width spaces (U+00A0, U+3000), the zero-width ones and the byte
 * order mark.  A plain space is visible inside quotes, except at an end.
 */
static int
invisible(unsigned long c)
{
	return c < 0x20 || c == 0x7F || c == 0xA0 || c == 0x3000 ||
	    (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF;
}

static int
blank(unsigned long c)
{
	return c == ' ' || invisible(c);
}

void
cols_show(const char *name, char *buf, size_t size)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t used = 0, len, n = strlen(name), i;
	unsigned long c;
	char piece[16];

	buf[0] = '\0';
	if (size < 8)
		return;
	buf[used++] = '\'';
	for (i = 0; i < n; i += len) {
		c = decode(s + i, &len);
		if (c == ' ' && (i == 0 || i + 1 == n))
			strcpy(piece, "\xe2\x90\xa0");	/* ␠ */
		else if (invisible(c))
			snprintf(piece, sizeof(piece), "<U+%04lX>", c);
		else {
			memcpy(piece, s + i, len);
			piece[len] = '\0';
		}
		if (used + strlen(piece) + 5 >= size) {
			strcpy(buf + used, "...'");
			return;
		}
		strcpy(buf + used, piece);
		used += strlen(piece);
	}
	strcpy(buf + used, "'");
}

void
cols_list(const struct cols *c, char *buf, size_t size)
{
	size_t i, used = 0, len;
	char one[256];

	buf[0] = '\0';
	for (i = 0; i < c->n; i++) {
		cols_show(c->names[i], one, sizeof(one));
		len = strlen(one);
		if (used + len + 2 + 4 >= size) {
			strcpy(buf + used, "...");
			return;
		}
		if (i > 0) {
			memcpy(buf + used, ", ", 2);
			used += 2;
		}
		memcpy(buf + used, one, len + 1);
		used += len;
	}
}

void
cols_missing(const struct cols *c, const char *name, char *buf, size_t size)
{
	long k = cols_near(c, name);
	char one[256];
	size_t used;

	cols_list(c, buf, size);
	if (k < 0)
		return;
	cols_show(c->names[k], one, sizeof(one));
	used = strlen(buf);
	snprintf(buf + used, size - used, _("; %s differs from it only by "
	    "what cannot be seen at its ends: remove that from the header"),
	    one);
}

/* The bytes of s between what blank() drops at either end. */
static void
trim(const char *s, size_t *from, size_t *to)
{
	size_t n = strlen(s), i = 0, len, last = 0;

	*from = n;
	while (i < n) {
		if (!blank(decode((const unsigned char *)s + i, &len))) {
			if (*from == n)
				*from = i;
			last = i + len;
		}
		i += len;
	}
	*to = *from == n ? n : last;
}

long
cols_near(const struct cols *c, const char *name)
{
	size_t i, a, b, x, y;

	trim(name, &a, &b);
	for (i = 0; i < c->n; i++) {
		trim(c->names[i], &x, &y);
		if (y - x == b - a && y - x > 0 &&
		    memcmp(c->names[i] + x, name + a, b - a) == 0 &&
		    strcmp(c->names[i], name) != 0)
			return (long)i;
	}
	return -1;
}

void
cols_free(struct cols *c)
{
	arena_free(&c->text);
	free(c->names);
	free(c->slot);
	memset(c, 0, sizeof(*c));
}
