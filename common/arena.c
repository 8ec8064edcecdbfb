#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"

/*
 * The blocks grow from FIRST to BLOCK bytes, doubling, so that an arena
 * that keeps a few names (a header's) takes a few kilobytes, and one that
 * keeps millions calls malloc once every 8 MB (in huge pages: err.h).
 * Each is less what malloc adds, so that a block and its header fit the
 * size malloc rounds to.
 */
#define FIRST (4096 - 64)
#define BLOCK (8 * 1024 * 1024 - 64)

struct arena_block {
	struct arena_block *prev;
	alignas(max_align_t) char data[];
};

/* A block of size bytes, behind the one pieces come from (if any). */
static struct arena_block *
add_block(struct arena *a, size_t size)
{
	struct arena_block *b = err_malloc(sizeof(*b) + size);

	if (a->block == NULL) {
		b->prev = NULL;
		a->block = b;
		a->left = 0;
	} else {
		b->prev = a->block->prev;
		a->block->prev = b;
	}
	return b;
}

void *
arena_alloc_raw(struct arena *a, size_t n, size_t align)
{
	struct arena_block *b;
	size_t pad;
	char *p;

	a->used += n;
	if (n > BLOCK / 4) {
		/* A large piece gets a block of its own, so that the free
		   space of the block in use is not thrown away. */
		b = add_block(a, n);
		return b->data;
	}
	pad = (size_t)-(uintptr_t)a->p & (align - 1);
	if (n + pad > a->left) {
		a->size = a->size == 0 ? FIRST : a->size < BLOCK / 2 ?
		    2 * a->size + 64 : BLOCK;
		while (n > a->size)
			a->size = 2 * a->size + 64;
		b = err_malloc(sizeof(*b) + a->size);
		err_huge(b, sizeof(*b) + a->size);
		b->prev = a->block;
		a->block = b;
		a->p = b->data;
		a->left = a->size;
		pad = 0;
	}
	p = a->p + pad;
	a->p += pad + n;
	a->left -= pad + n;
	return p;
}

void *
arena_alloc_align(struct arena *a, size_t n, size_t align)
{
	return memset(arena_alloc_raw(a, n, align), 0, n);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return arena_alloc_align(a, n, alignof(max_align_t));
}

void
arena_free(struct arena *a)
{
	struct arena_block *b;

	while ((b = a->block) != NULL) {
		a->block = b->prev;
		free(b);
	}
	memset(a, 0, sizeof(*a));
}
