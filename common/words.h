#ifndef CM_WORDS_H
#define CM_WORDS_H

/*
 * The words a tool writes into its data (statuses, reasons), which a
 * branch may have in its own language: the rule key words: maps each of
 * the tool's English words to the branch's,
 *
 *	words:
 *	  no caller with room: 电销人员名额已满
 *
 * and the English word stays where the rules say nothing.  A tool reads
 * them once, into a table it writes from.
 */

#include "rules.h"

/*
 * Sets out[i] to the word of the rules for english[i] (a NULL-ended list),
 * or to english[i]; map is the words: node, or NULL.  An unknown English
 * word (with the nearest one), a value that is not a word or is empty,
 * are errors counted in r.  The words point into the rules.
 */
void words_load(struct rules *r, const struct ynode *map,
    const char *const *english, const char **out);

#endif
