#ifndef CM_COND_H
#define CM_COND_H

/*
 * Conditions: the when: mappings of cm-rules(5), compiled once from the
 * rule tree, bound once to a header, then evaluated on every row.
 *
 * A condition is a mapping whose every entry must hold.  A key names a
 * column (or is one of the reserved all, any, not); its value is a scalar
 * (equals), a list (one of), or a mapping of operators.  Operands are
 * checked when compiled: a number where a number belongs, a date
 * expression where a date belongs, a regular expression that compiles.
 *
 * Regular expressions are POSIX extended ones matched by TRE, whose ranges
 * are code points ([一-龥]) and whose matching time is linear in the cell.
 *
 * A compiled condition points into the rule tree and must not outlive it.
 */

#include <stddef.h>

#include "cols.h"
#include "rules.h"

struct cond;			/* opaque */

/* Compiles when (a mapping); NULL after counting errors in r. */
struct cond *cond_compile(struct rules *r, const struct ynode *when);

/*
 * Resolves every column the condition reads to its index in schema, with
 * the names mapped by columns:.  A column that schema lacks is an error
 * counted in r that names the column and the header (input names it).
 * Returns 0 or -1.
 */
int cond_bind(struct cond *c, struct rules *r, const struct cols *schema,
    const char *input);

/*
 * 1 when the row holds, 0 when not, -1 when a cell cannot be read as the
 * operator needs (a number, a date): msg (of size msgsize) then says which
 * cell and why.
 */
int cond_eval(const struct cond *c, char *const *f, const size_t *len,
    char *msg, size_t msgsize);

void cond_free(struct cond *c);

#endif
