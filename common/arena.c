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
	size_t size;			/* of data */
	alignas(max_align_t) char data[];
};

/* A block of size bytes, behind the one pieces come from (if any). */
static struct arena_block *
add_block(struct arena *a, size_t size)
{
	struct arena_block *b = err_malloc(sizeof(*b) + size);

	b->size = size;
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
		b->size = a->size;
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

static uintptr_t
at(void **const *slot, size_t i)
{
	return (uintptr_t)*slot[i];
}

/* Restores the heap of slot[i..n) below i, the highest address on top. */
static void
sift(void **slot[], size_t n, size_t i)
{
	size_t c;
	void **t;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && at(slot, c + 1) > at(slot, c))
			c++;
		if (at(slot, i) >= at(slot, c))
			return;
		t = slot[i];
		slot[i] = slot[c];
		slot[c] = t;
		i = c;
	}
}

/*
 * Sorts the slots by their pieces' addresses, in place: a heap sort, as
 * qsort() would take a copy of them (as many bytes again, at the moment
 * a pack is to give memory back).
 */
static void
sort_slots(void **slot[], size_t n)
{
	size_t i;
	void **t;

	for (i = n / 2; i-- > 0;)
		sift(slot, n, i);
	while (n > 1) {
		t = slot[0];
		slot[0] = slot[--n];
		slot[n] = t;
		sift(slot, n, 0);
	}
}

static int
by_block(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(struct arena_block *const *)a;
	uintptr_t y = (uintptr_t)*(struct arena_block *const *)b;

	return (x > y) - (x < y);
}

/*
 * The bytes of b a piece may slide into: the newest block's free space
 * is left out, its memory not yet touched (a pack takes no memory).
 */
static size_t
room(const struct arena *a, const struct arena_block *b)
{
	return b == a->block ? b->size - a->left : b->size;
}

size_t
arena_pack(struct arena *a, void **slot[], size_t n,
    size_t (*size)(const void *piece, void *arg), void *arg)
{
	struct arena_block **bl, *b;
	size_t nb = 0, i, j = 0, d = 0, len, moved = 0;
	char *to, *end;			/* block d's free space */
	uintptr_t p;

	for (b = a->block; b != NULL; b = b->prev)
		nb++;
	if (nb == 0)
		return 0;
	bl = err_malloc(nb * sizeof(*bl));
	for (b = a->block, i = 0; b != NULL; b = b->prev)
		bl[i++] = b;
	qsort(bl, nb, sizeof(*bl), by_block);
	sort_slots(slot, n);
	to = bl[0]->data;
	end = to + room(a, bl[0]);
	for (i = 0; i < n; i++) {
		p = (uintptr_t)*slot[i];
		while (j < nb && p >= (uintptr_t)bl[j]->data + bl[j]->size)
			j++;
		if (j == nb || p < (uintptr_t)bl[j]->data)
			continue;	/* not the arena's */
		len = size(*slot[i], arg);
		/* Slides down to the first free space that holds it: in
		   an earlier block, or lower in its own (never past it). */
		to += (size_t)-(uintptr_t)to & 7;
		while ((size_t)(end - to) < len) {
			d++;
			to = bl[d]->data;
			end = to + room(a, bl[d]);
		}
		*slot[i] = memmove(to, *slot[i], len);
		to += len;
		moved += len;
	}
	for (i = d + 1; i < nb; i++)
		free(bl[i]);
	bl[0]->prev = NULL;
	for (i = 1; i <= d; i++)
		bl[i]->prev = bl[i - 1];
	a->block = bl[d];
	a->p = to;
	a->left = bl[d]->size - (size_t)(to - bl[d]->data);
	a->used = moved;
	free(bl);
	return moved;
}
