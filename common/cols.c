#include <stdint.h>
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
static uint64_t
hash(const char *s)
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

long
cols_find(const struct cols *c, const char *name)
{
	uint64_t h, t, slot;
	size_t i;

	if (c->nslot == 0)
		return -1;
	h = hash(name);
	t = TAG(h);
	i = (size_t)h & (c->nslot - 1);
	while ((slot = c->slot[i]) != 0) {
		if (TAG(slot) == t &&
		    strcmp(c->names[INDEX(slot) - 1], name) == 0)
			return (long)(INDEX(slot) - 1);
		i = (i + 1) & (c->nslot - 1);
	}
	return -1;
}

size_t
cols_add(struct cols *c, const char *name)
{
	size_t i;

	if (c->n >= 0xFFFFFFFEU)
		err_exit(EXIT_DATA, "more than %u names in one table", 0xFFFFFFFEU);
	err_grow(&c->names, &c->cap, c->n + 1, sizeof(*c->names));
	c->names[c->n] = err_strdup(name);
	if (2 * (c->n + 1) > c->nslot) {
		free(c->slot);
		c->nslot = c->nslot ? 2 * c->nslot : 16;
		while (2 * (c->n + 1) > c->nslot)
			c->nslot *= 2;
		c->slot = err_calloc(c->nslot, sizeof(*c->slot));
		for (i = 0; i < c->n; i++)
			insert(c, i, hash(c->names[i]));
	}
	insert(c, c->n, hash(name));
	return c->n++;
}

size_t
cols_intern(struct cols *c, const char *name, int *added)
{
	long k = cols_find(c, name);

	if (added != NULL)
		*added = k < 0;
	return k >= 0 ? (size_t)k : cols_add(c, name);
}

void
cols_list(const struct cols *c, char *buf, size_t size)
{
	size_t i, used = 0, len;

	buf[0] = '\0';
	for (i = 0; i < c->n; i++) {
		len = strlen(c->names[i]);
		if (used + len + 2 + 4 >= size) {
			strcpy(buf + used, "...");
			return;
		}
		if (i > 0) {
			memcpy(buf + used, ", ", 2);
			used += 2;
		}
		memcpy(buf + used, c->names[i], len + 1);
		used += len;
	}
}

void
cols_free(struct cols *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->names[i]);
	free(c->names);
	free(c->slot);
	memset(c, 0, sizeof(*c));
}
