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
#include <stdint.h>
#include <string.h>

#include "cols.h"
#include "rules.h"

/*
 * The compiled form is here only so that cond_eval() can be inline: it
 * runs a score of times on every row, mostly for eq and in, which cost
 * less than a call.  Only cond.c and cond_eval() read it.  (always_inline:
 * gcc would rather keep one copy out of line, and the call is the cost.)
 *
 * A condition is its tests in the order they are written, then two ends,
 * "does not hold" and "holds".  Each test says where evaluation goes
 * when it holds (next[1]) and when not (next[0]): another test, or an
 * end.  all, any and not are nothing but these jumps, and ne and not_in
 * are eq and in with theirs swapped.
 */
enum cond_kind {
	COND_EQ,		/* the cell is s */
	COND_IN,		/* the cell is one of item */
	COND_CELL,		/* op, through cond_cell() */
	COND_FALSE,		/* the end where the condition does not hold */
	COND_TRUE		/* the end where it holds */
};

struct cond_test {
	enum cond_kind kind;
	size_t idx;		/* the cell, once bound */
	const struct cond_test *next[2];
	const char *s;		/* eq */
	size_t slen;
	const char **item;	/* in */
	size_t *itemlen, nitem;
	struct cond_op *op;	/* the other operators, in cond.c */
	const struct ynode *at;	/* where the test is written */
	const char *column;	/* the column as named in the rules */
	const char *header;	/* and in the data */
};

struct cond {
	struct cond_test *test;	/* n tests, then the two ends */
	size_t n, cap;
	const struct cond_test *start;
	size_t width;		/* 1 + the last column a test reads, once
				   bound: the fields it needs */
};

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

/* Test t of kind COND_CELL on the cell s of n bytes: as cond_eval(). */
int cond_cell(const struct cond_test *t, const char *s, size_t n, char *msg,
    size_t msgsize);

/*
 * 1 when the first k bytes and the last k bytes at a and at b are the
 * same (k <= n, k a constant once inlined: each copy is one load).
 */
static inline __attribute__((always_inline)) int
cond_ends(const char *a, const char *b, size_t n, size_t k)
{
	uint64_t a0 = 0, a1 = 0, b0 = 0, b1 = 0;

	memcpy(&a0, a, k);
	memcpy(&b0, b, k);
	memcpy(&a1, a + n - k, k);
	memcpy(&b1, b + n - k, k);
	return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

/*
 * 1 when the n bytes at a and b are the same.  The values of rules are
 * short (a grade, a Chinese word or two): up to 16 bytes are two loads
 * from each side that overlap in the middle, with no loop and no call.
 */
static inline int
cond_same(const char *a, const char *b, size_t n)
{
	if (n > 16)
		return memcmp(a, b, n) == 0;
	if (n >= 8)
		return cond_ends(a, b, n, 8);
	if (n >= 4)
		return cond_ends(a, b, n, 4);
	if (n >= 2)
		return cond_ends(a, b, n, 2);
	return n == 0 || a[0] == b[0];
}

/* 1 when the cell s of n bytes is one of the strings of in test t. */
static inline int
cond_in(const struct cond_test *t, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < t->nitem; i++)
		if (t->itemlen[i] == n && cond_same(t->item[i], s, n))
			return 1;
	return 0;
}

/*
 * 1 when the row holds, 0 when not, -1 when a cell cannot be read as the
 * operator needs (a number, a date): msg (of size msgsize) then says which
 * cell and why.  Tests are tried from start, one jump after another, to
 * an end; a cell that cannot be read ends the evaluation, as it would any
 * all, any or not around it.
 */
static inline __attribute__((always_inline)) int
cond_eval(const struct cond *c, char *const *f, const size_t *len,
    char *msg, size_t msgsize)
{
	const struct cond_test *t = c->start;
	int v = 0;

	for (;;) {
		switch (t->kind) {
		case COND_EQ:
			v = len[t->idx] == t->slen &&
			    cond_same(f[t->idx], t->s, t->slen);
			break;
		case COND_IN:
			v = cond_in(t, f[t->idx], len[t->idx]);
			break;
		case COND_CELL:
			v = cond_cell(t, f[t->idx], len[t->idx], msg, msgsize);
			if (v < 0)
				return -1;
			break;
		case COND_FALSE:
			return 0;
		case COND_TRUE:
			return 1;
		}
		/* A branch the processor guesses, where next[v] is a load
		   that waits for v. */
		if (v)
			t = t->next[1];
		else
			t = t->next[0];
	}
}

void cond_free(struct cond *c);

#endif
