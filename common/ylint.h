#ifndef CM_YLINT_H
#define CM_YLINT_H

/*
 * The mistakes people make in a rule file, said in their words when the
 * YAML parser fails: libyaml reports a tab indent as "found character
 * that cannot start any token", a full-width colon '：' as "could not
 * find expected ':'" on a later line, an indent of U+3000 as "mapping
 * values are not allowed", and a file saved as GBK at a byte offset.
 */

#include <stddef.h>
#include <stdio.h>

#include "err.h"

/* What an indent of U+3000 gets, from the parser or as a key's start. */
#define YLINT_IDEO	\
	N_("U+3000 (a full-width space) in the indent; use spaces")

/* Whether s starts with U+3000: a key indented with it, as YAML reads. */
int ylint_ideographic(const char *s);

struct ylint {
	unsigned long line, col;	/* 1-based; col 0 when it has none */
	char msg[160];
};

/*
 * Looks at the lines of fp up to line (1-based), where the parser failed
 * with a syntax error: 1 and *out set when one of them holds a tab or
 * U+3000 in its indent (the first such line), or a key written with '：'
 * (the last such line); else 0.  fp is read from its start.
 */
int ylint_syntax(FILE *fp, unsigned long line, struct ylint *out);

/*
 * The parser found bytes that are not UTF-8 at offset: *out says on
 * which line, and whether the file looks saved as GBK.  fp is read from
 * its start.
 */
void ylint_encoding(FILE *fp, size_t offset, struct ylint *out);

/*
 * libyaml's words for a problem, or for its context, in the user's
 * language: s translated when it is one of libyaml 0.2's, else s.
 */
const char *ylint_words(const char *s);

#endif
