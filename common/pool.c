#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pool.h"

#define CLASS	POOL_CLASS
#define LARGE	(64 * 1024)
#define IDLE	(4 * 1024 * 1024)	/* the least pool_idle() counts */

void *
pool_get(struct pool *p, size_t n, size_t *size)
{
	size_t c = (n + CLASS - 1) / CLASS;
	void *piece;

	if (c == 0)
		c = 1;
	*size = c * CLASS;
	if (*size > LARGE)
		return err_malloc(*size);
	p->in_use += *size;
	if (c < p->nclass && (piece = p->free[c]) != NULL) {
		memcpy(&p->free[c], piece, sizeof(void *));
		p->idle -= *size;
		return piece;
	}
	return arena_alloc_raw(&p->a, *size, 8);
}

void
pool_put(struct pool *p, void *piece, size_t size)
{
	size_t c = size / CLASS, n;

	if (size > LARGE) {
		free(piece);
		return;
	}
	if (c >= p->nclass) {
		n = p->nclass;
		err_grow(&p->free, &p->nclass, c + 1, sizeof(*p->free));
		memset(p->free + n, 0, (p->nclass - n) * sizeof(*p->free));
	}
	memcpy(piece, &p->free[c], sizeof(void *));
	p->free[c] = piece;
	p->in_use -= size;
	p->idle += size;
}

int
pool_idle(const struct pool *p)
{
	return p->idle >= IDLE && p->idle >= p->in_use / 16;
}

void
pool_pack(struct pool *p, void **slot[], size_t n,
    size_t (*size)(const void *piece, void *arg), void *arg)
{
	size_t moved = arena_pack(&p->a, slot, n, size, arg);

	assert(moved == p->in_use);
	(void)moved;
	if (p->nclass > 0)
		memset(p->free, 0, p->nclass * sizeof(*p->free));
	p->idle = 0;
}

void
pool_free_all(struct pool *p)
{
	arena_free(&p->a);
	free(p->free);
	memset(p, 0, sizeof(*p));
}
