#ifndef CM_ARENA_H
#define CM_ARENA_H

/*
 * An arena: memory handed out in pieces from large blocks and given back
 * all at once, for what a tool keeps by the million until its run ends
 * (a week's visits, the orphan policies, the follow-up tasks): no call to
 * malloc and no header for each piece, and one free for them all.
 *
 * Ownership: the struct arena is the caller's, zeroed to start; pieces
 * stay where they are until arena_free().
 */

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *block;	/* the newest, which pieces come from */
	char *p;			/* its free space */
	size_t left;
	size_t size;			/* the newest block's size */
	size_t used;			/* bytes handed out, for --stats */
};

/* n bytes, aligned for any type, zeroed; exits 1 when memory runs out. */
void *arena_alloc(struct arena *a, size_t n);

/*
 * n bytes aligned for align (a power of two, at most that of any type),
 * zeroed: for pieces kept by the million, which align to 16 would each
 * round up (a held row's 2-byte offsets, a 56-byte struct).
 */
void *arena_alloc_align(struct arena *a, size_t n, size_t align);

/* The same, not zeroed: for pieces the caller fills whole at once. */
void *arena_alloc_raw(struct arena *a, size_t n, size_t align);

/* Gives back every piece. */
void arena_free(struct arena *a);

/*
 * Packs the pieces still in use, for an arena whose pieces are given back
 * and taken again (pool.h): *slot[i] (n of them) are the pieces in use,
 * each of size(piece, arg) bytes, aligned for 8; every other piece of the
 * arena is lost.  In the order of their addresses (which sorts slot), each
 * piece slides down to the first free space of the blocks that holds it,
 * and the blocks left empty are freed: no memory is taken to move them.
 * Sets each *slot[i] to its piece's new place (a piece that is not the
 * arena's stays where it is) and returns the bytes moved.
 */
size_t arena_pack(struct arena *a, void **slot[], size_t n,
    size_t (*size)(const void *piece, void *arg), void *arg);

#endif
