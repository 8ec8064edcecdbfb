#ifndef CM_COLS_H
#define CM_COLS_H

/*
 * An ordered list of unique column names with a hash index: a CSV header,
 * or the columns a tool writes.  Names are copied (into an arena); the
 * table owns them until cols_free().  Indices are positions, stable as
 * names are added.
 */

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct cols {
	char **names;
	size_t n, cap;
	uint64_t *slot;	/* open addressing: the name's hash in the high 32
			   bits, its index + 1 in the low 32; 0 when empty */
	size_t nslot;
	struct arena text;	/* the names */
};

/*
 * The hash the index uses, for an index of one's own over names kept
 * elsewhere (cm-orphan-assign's policies, by the million, are not copied
 * into a table of names).
 */
uint64_t cols_hash(const char *s);

/*
 * For a tool that asks for memory before it needs it: cols_fetch() asks
 * for the slot of the name whose hash is h; cols_guess() gives the index
 * of the first name whose slot agrees with h (the name is not compared:
 * almost always it is the name, but it may not be), or -1.
 */
void cols_fetch(const struct cols *c, uint64_t h);
long cols_guess(const struct cols *c, uint64_t h);

/* Index of name, or -1. */
long cols_find(const struct cols *c, const char *name);

/* Appends name and returns its index; the name must not be there yet. */
size_t cols_add(struct cols *c, const char *name);

/*
 * cols_add without the copy: name stays the caller's, and must stay where
 * it is until cols_free(), as the key field of a row kept in an arena
 * does (a week's customers, by the million, are not kept twice).
 */
size_t cols_borrow(struct cols *c, const char *name);

/* The index of name, added when it is not there (*added says; may be NULL). */
size_t cols_intern(struct cols *c, const char *name, int *added);

/*
 * A name quoted for a message into buf, with what cannot be seen made
 * visible: a space at either end as U+2420, controls and the invisible
 * spaces (U+3000, U+00A0, zero-width, BOM) as <U+XXXX>.
 */
void cols_show(const char *name, char *buf, size_t size);

/* "'a', 'b', 'c'" (each as cols_show) into buf, cut with "..." past size. */
void cols_list(const struct cols *c, char *buf, size_t size);

/*
 * The index of a name that differs from name only by blank or invisible
 * characters at its ends, or -1: the header cell '经济条件 ' for the
 * column 经济条件.
 */
long cols_near(const struct cols *c, const char *name);

/*
 * The end of a message that name is not in c: cols_list, then a hint
 * when cols_near finds the name with blanks at its ends.
 */
void cols_missing(const struct cols *c, const char *name, char *buf,
    size_t size);

void cols_free(struct cols *c);

#endif
