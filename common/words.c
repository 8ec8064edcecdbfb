#include <string.h>

#include "words.h"

void
words_load(struct rules *r, const struct ynode *map,
    const char *const *english, const char **out)
{
	const struct ynode *k, *v;
	size_t i, j;

	for (i = 0; english[i] != NULL; i++)
		out[i] = english[i];
	if (map == NULL || rules_want(r, map, Y_MAP, "words") < 0)
		return;
	for (j = 0; j + 1 < map->n; j += 2) {
		k = map->kid[j];
		v = map->kid[j + 1];
		for (i = 0; english[i] != NULL; i++)
			if (strcmp(english[i], k->str) == 0)
				break;
		if (english[i] == NULL) {
			rules_unknown(r, k, "word", k->str,
			    rules_nearest(k->str, english));
			continue;
		}
		if (rules_want(r, v, Y_SCALAR, "a word") < 0)
			continue;
		if (v->len == 0) {
			rules_error(r, v, "the word for '%s' is empty", k->str);
			continue;
		}
		out[i] = v->str;
	}
}
