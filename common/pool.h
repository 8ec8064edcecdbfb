#ifndef CM_POOL_H
#define CM_POOL_H

/*
 * A pool: pieces of memory of many sizes, each given back to be reused by
 * a later piece of the same size class (16 bytes), for what a tool keeps
 * by the million and replaces as it reads (cm-funnel's best rows of each
 * agent).  The pieces come from an arena (arena.h): large blocks, advised
 * for huge pages, with no header for each piece, so that a million rows
 * take a few thousand pages instead of a hundred thousand and their
 * memory is not touched a page at a time.  A piece larger than 64 KiB
 * is malloc'd on its own.
 *
 * The memory of a piece given back is not given back to the system before
 * pool_free_all() or pool_pack(); it is reused for a piece of the same
 * class, so that a tool whose pieces are replaced as it reads stays
 * within the most it held at once, plus the pieces of sizes it no longer
 * uses, which pool_pack() gives back when pool_idle() says they are many.
 *
 * Ownership: the struct pool is the caller's, zeroed to start.
 */

#include <stddef.h>

#include "arena.h"

#define POOL_CLASS	16	/* the bytes between two sizes of piece */

struct pool {
	struct arena a;
	void **free;		/* free[c]: pieces of c * 16 bytes given back,
				   each holding the next */
	size_t nclass;
	size_t in_use, idle;	/* bytes of the arena's pieces in use, and
				   given back and not taken again */
};

/*
 * A piece of n bytes at least, aligned for 8; its size, n rounded up, in
 * *size, to give back with it.  Its content is undefined.
 */
void *pool_get(struct pool *p, size_t n, size_t *size);

/* Gives back a piece of pool_get() and its size. */
void pool_put(struct pool *p, void *piece, size_t size);

/*
 * True when the pieces given back and not taken again are many, a
 * sixteenth of those in use and 4 MiB at least: the sizes wanted have
 * moved on (a tool's best rows grow longer as a run goes on), and
 * pool_pack() would give their memory back.
 */
int pool_idle(const struct pool *p);

/*
 * Packs the pieces in use into memory of their own and gives back the
 * rest (arena_pack(): the same arguments, and every piece in use must be
 * in slot, which an assertion checks); the free lists are emptied.
 */
void pool_pack(struct pool *p, void **slot[], size_t n,
    size_t (*size)(const void *piece, void *arg), void *arg);

/* Gives back every piece of the arena (the large ones go with pool_put()). */
void pool_free_all(struct pool *p);

#endif
