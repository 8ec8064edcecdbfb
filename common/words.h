#ifndef CM_WORDS_H
#define CM_WORDS_H

/*
 * The words a tool writes into its data (statuses, reasons), which a
 * branch may have in its own language: the rule key words: maps each of
 * the tool's English words to the branch's,
 *
 *	words:
 *	  no caller with room: 电销人员名额已满
 *	  "{agent} is not active": "{agent}不在职"
 *
 * and the English word stays where the rules say nothing.  A word may
 * hold placeholders, a name in braces ({agent}), which the tool fills
 * with a value of the row; the branch's word may move them or leave one
 * out, but may name only those of its English word.  A tool reads the
 * words once, into a table it writes from.
 */

#include <stddef.h>

#include "rules.h"

/*
 * Sets out[i] to the word of the rules for english[i] (a NULL-ended list),
 * or to english[i]; map is the words: node, or NULL.  An unknown English
 * word (with the nearest one), a value that is not a word or is empty, a
 * placeholder its English word does not have (with the nearest one), are
 * errors counted in r.  The words point into the rules.
 */
void words_load(struct rules *r, const struct ynode *map,
    const char *const *english, const char **out);

/*
 * words_load for a tool some of whose words were written in Chinese before
 * words: had them: where the rules say nothing, out[i] is dflt[i] when
 * that is not NULL (the word the tool wrote before), else english[i].
 */
void words_load_as(struct rules *r, const struct ynode *map,
    const char *const *english, const char *const *dflt, const char **out);

/* A placeholder's value, for words_fill: {name} becomes value. */
struct word_arg {
	const char *name;
	const char *value;
};

/*
 * Appends word to the string *buf (*len bytes so far, of *cap, grown as
 * needed, and kept NUL-ended) with each of its placeholders replaced by
 * the value of that name in args (n of them); braces that are not a
 * placeholder of args are written as they are.
 */
void words_fill(char **buf, size_t *len, size_t *cap, const char *word,
    const struct word_arg *args, size_t n);

#endif
