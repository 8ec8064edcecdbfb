#ifndef CM_COLS_H
#define CM_COLS_H

/*
 * An ordered list of unique column names with a hash index: a CSV header,
 * or the columns a tool writes.  Names are copied; the table owns them
 * until cols_free().  Indices are positions, stable as names are added.
 */

#include <stddef.h>
#include <stdint.h>

struct cols {
	char **names;
	size_t n, cap;
	uint64_t *slot;	/* open addressing: the name's hash in the high 32
			   bits, its index + 1 in the low 32; 0 when empty */
	size_t nslot;
};

/* Index of name, or -1. */
long cols_find(const struct cols *c, const char *name);

/* Appends name and returns its index; the name must not be there yet. */
size_t cols_add(struct cols *c, const char *name);

/* The index of name, added when it is not there (*added says; may be NULL). */
size_t cols_intern(struct cols *c, const char *name, int *added);

/* "a, b, c" into buf (cut with "..." past size), for messages. */
void cols_list(const struct cols *c, char *buf, size_t size);

void cols_free(struct cols *c);

#endif
