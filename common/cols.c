#include <stdint.h>
#include <string.h>
#include <stdlib.h>

#include "cols.h"
#include "err.h"

static size_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static void
insert(struct cols *c, size_t idx)
{
	size_t i = hash(c->names[idx]) & (c->nslot - 1);

	while (c->slot[i] != 0)
		i = (i + 1) & (c->nslot - 1);
	c->slot[i] = idx + 1;
}

long
cols_find(const struct cols *c, const char *name)
{
	size_t i, k;

	if (c->nslot == 0)
		return -1;
	i = hash(name) & (c->nslot - 1);
	while ((k = c->slot[i]) != 0) {
		if (strcmp(c->names[k - 1], name) == 0)
			return (long)(k - 1);
		i = (i + 1) & (c->nslot - 1);
	}
	return -1;
}

size_t
cols_add(struct cols *c, const char *name)
{
	size_t i;

	err_grow(&c->names, &c->cap, c->n + 1, sizeof(*c->names));
	c->names[c->n] = err_strdup(name);
	if (2 * (c->n + 1) > c->nslot) {
		free(c->slot);
		c->nslot = c->nslot ? 2 * c->nslot : 16;
		while (2 * (c->n + 1) > c->nslot)
			c->nslot *= 2;
		c->slot = err_calloc(c->nslot, sizeof(*c->slot));
		for (i = 0; i < c->n; i++)
			insert(c, i);
	}
	insert(c, c->n);
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
