#ifndef CM_TABLE_H
#define CM_TABLE_H

/*
 * A table of keys, each with a value of one fixed size that starts zeroed:
 * the counts of --stats, a funnel's groups with their counts, an agent's
 * week.  Keys are kept in the order they were first added, and are
 * copied; the table owns them and the values until table_free().
 *
 * Values move when the table grows: a pointer from table_at() is valid
 * until the next table_intern().  Index positions are stable.
 */

#include <stddef.h>

#include "cols.h"

struct table {
	struct cols keys;	/* keys.names[i] is the key of value i */
	char *v;
	size_t size, cap;
};

/* An empty table of values of size bytes. */
void table_init(struct table *t, size_t size);

/* The index of key, added with a zeroed value when new (*added says). */
size_t table_intern(struct table *t, const char *key, int *added);

/* The index of key, or -1. */
long table_find(const struct table *t, const char *key);

/* Value i. */
static inline void *
table_at(const struct table *t, size_t i)
{
	return t->v + i * t->size;
}

void table_free(struct table *t);

#endif
