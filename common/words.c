#include <string.h>

#include "err.h"
#include "words.h"

#define MAXHOLES 8		/* placeholders of one word */
#define MAXNAME 32		/* the bytes of a placeholder's name */

/*
 * The length of the placeholder's name at s, just after a '{' (letters
 * and '_' up to a '}'), or 0 when s does not start one.
 */
static size_t
hole(const char *s)
{
	size_t i;

	for (i = 0; (s[i] >= 'a' && s[i] <= 'z') || s[i] == '_'; i++)
		;
	return i > 0 && i < MAXNAME && s[i] == '}' ? i : 0;
}

/* The placeholders of word, each once, into names (NULL-ended). */
static void
holes(const char *word, char names[][MAXNAME], const char **list)
{
	size_t n = 0, k, len, j;

	for (k = 0; word[k] != '\0'; k++) {
		if (word[k] != '{' || (len = hole(word + k + 1)) == 0)
			continue;
		for (j = 0; j < n; j++)
			if (strlen(list[j]) == len &&
			    memcmp(list[j], word + k + 1, len) == 0)
				break;
		if (j == n && n < MAXHOLES) {
			memcpy(names[n], word + k + 1, len);
			names[n][len] = '\0';
			list[n] = names[n];
			n++;
		}
		k += len + 1;
	}
	list[n] = NULL;
}

/* A placeholder of the branch's word v that its English word lacks. */
static void
check_holes(struct rules *r, const struct ynode *v, const char *english)
{
	char names[MAXHOLES][MAXNAME], name[MAXNAME];
	const char *list[MAXHOLES + 1];
	const char *s = v->str;
	size_t k, len, j;

	holes(english, names, list);
	for (k = 0; s[k] != '\0'; k++) {
		if (s[k] != '{' || (len = hole(s + k + 1)) == 0)
			continue;
		memcpy(name, s + k + 1, len);
		name[len] = '\0';
		for (j = 0; list[j] != NULL; j++)
			if (strcmp(list[j], name) == 0)
				break;
		if (list[j] == NULL)
			rules_unknown(r, v, _("placeholder"), name,
			    rules_nearest(name, list));
		k += len + 1;
	}
}

void
words_load(struct rules *r, const struct ynode *map,
    const char *const *english, const char **out)
{
	words_load_as(r, map, english, NULL, out);
}

void
words_load_as(struct rules *r, const struct ynode *map,
    const char *const *english, const char *const *dflt, const char **out)
{
	const struct ynode *k, *v;
	size_t i, j;

	for (i = 0; english[i] != NULL; i++)
		out[i] = dflt != NULL && dflt[i] != NULL ? dflt[i] : english[i];
	if (map == NULL || rules_want(r, map, Y_MAP, "words") < 0)
		return;
	for (j = 0; j + 1 < map->n; j += 2) {
		k = map->kid[j];
		v = map->kid[j + 1];
		for (i = 0; english[i] != NULL; i++)
			if (strcmp(english[i], k->str) == 0)
				break;
		if (english[i] == NULL) {
			rules_unknown(r, k, _("word"), k->str,
			    rules_nearest(k->str, english));
			continue;
		}
		if (rules_want(r, v, Y_SCALAR, _("a word")) < 0)
			continue;
		if (v->len == 0) {
			rules_error(r, v, "the word for '%s' is empty", k->str);
			continue;
		}
		check_holes(r, v, english[i]);
		out[i] = v->str;
	}
}

static void
append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	err_grow(buf, cap, *len + n + 1, 1);
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

void
words_fill(char **buf, size_t *len, size_t *cap, const char *word,
    const struct word_arg *args, size_t n)
{
	const char *s = word, *v;
	size_t k, i;

	append(buf, len, cap, "", 0);
	while (*s != '\0') {
		v = NULL;
		if (*s == '{' && (k = hole(s + 1)) > 0)
			for (i = 0; i < n && v == NULL; i++)
				if (strlen(args[i].name) == k &&
				    memcmp(args[i].name, s + 1, k) == 0)
					v = args[i].value;
		if (v != NULL) {
			append(buf, len, cap, v, strlen(v));
			s += k + 2;
			continue;
		}
		k = strcspn(s + 1, "{") + 1;
		append(buf, len, cap, s, k);
		s += k;
	}
}
