/*
 * An index of names that are fields of the kept rows (the orphans'
 * policies and policyholders), by number: open addressing over slots of
 * 4 bytes, each a number + 1 whose name key() gives back from its row,
 * and a byte of its hash beside each, so that a probe reads a name (two
 * steps through memory) only when that byte agrees, and the probes of a
 * fuller table are cheap.  Three quarters of the slots at most are used:
 * a million policies take 7 to 10 MB and no copy of their text, where a
 * struct cols would take some 40 bytes a name.
 */
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "orphan.h"

void
keys_init(struct keys *k, const char *(*key)(const void *, uint32_t),
    const void *ctx)
{
	memset(k, 0, sizeof(*k));
	k->key = key;
	k->ctx = ctx;
}

#define TAG(h)	((uint8_t)((h) >> 56))

/* The slot of name, whose hash is h: its number's, or an empty one. */
static size_t
probe(const struct keys *k, const char *name, uint64_t h)
{
	size_t i = (size_t)h & (k->nslot - 1);

	while (k->slot[i] != 0 && (k->tag[i] != TAG(h) ||
	    strcmp(k->key(k->ctx, k->slot[i] - 1), name) != 0))
		i = (i + 1) & (k->nslot - 1);
	return i;
}

/* Twice the slots, each number put again by the hash of its name. */
static void
grow(struct keys *k)
{
	uint32_t *old = k->slot;
	uint64_t h;
	size_t n = k->nslot, i, j;

	k->nslot = n ? 2 * n : 16;
	k->slot = err_calloc(k->nslot, sizeof(*k->slot));
	free(k->tag);
	k->tag = err_calloc(k->nslot, sizeof(*k->tag));
	for (i = 0; i < n; i++) {
		if (old[i] == 0)
			continue;
		h = cols_hash(k->key(k->ctx, old[i] - 1));
		j = (size_t)h & (k->nslot - 1);
		while (k->slot[j] != 0)
			j = (j + 1) & (k->nslot - 1);
		k->slot[j] = old[i];
		k->tag[j] = TAG(h);
	}
	free(old);
}

void
keys_reserve(struct keys *k, size_t n)
{
	while (4 * n > 3 * k->nslot)
		grow(k);
}

uint32_t
keys_find(const struct keys *k, const char *name)
{
	size_t i;

	if (k->nslot == 0)
		return NOID;
	i = probe(k, name, cols_hash(name));
	return k->slot[i] != 0 ? k->slot[i] - 1 : NOID;
}

uint32_t
keys_intern(struct keys *k, const char *name, uint32_t v)
{
	uint64_t h = cols_hash(name);
	size_t i;

	if (4 * (k->n + 1) > 3 * k->nslot)
		grow(k);
	i = probe(k, name, h);
	if (k->slot[i] != 0)
		return k->slot[i] - 1;
	k->slot[i] = v + 1;
	k->tag[i] = TAG(h);
	k->n++;
	return v;
}

void
keys_free(struct keys *k)
{
	free(k->slot);
	free(k->tag);
	k->slot = NULL;
	k->tag = NULL;
	k->nslot = k->n = 0;
}
