#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pool.h"

#define CLASS	POOL_CLASS
#define LARGE	(64 * 1024)

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
	if (c < p->nclass && (piece = p->free[c]) != NULL) {
		memcpy(&p->free[c], piece, sizeof(void *));
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
}

void
pool_free_all(struct pool *p)
{
	arena_free(&p->a);
	free(p->free);
	memset(p, 0, sizeof(*p));
}
