#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "table.h"

void
table_init(struct table *t, size_t size)
{
	memset(t, 0, sizeof(*t));
	t->size = size;
}

size_t
table_intern(struct table *t, const char *key, int *added)
{
	int new;
	size_t i = cols_intern(&t->keys, key, &new);

	if (new) {
		err_grow(&t->v, &t->cap, i + 1, t->size);
		memset(table_at(t, i), 0, t->size);
	}
	if (added != NULL)
		*added = new;
	return i;
}

long
table_find(const struct table *t, const char *key)
{
	return cols_find(&t->keys, key);
}

void
table_free(struct table *t)
{
	cols_free(&t->keys);
	free(t->v);
	t->v = NULL;
	t->cap = 0;
}
