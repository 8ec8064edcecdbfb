#ifndef CM_ORDER_H
#define CM_ORDER_H

/*
 * Orders: the order: lists of cm-rules(5).  A key is a column ("col"), a
 * descending column ("-col"), or {by: col, rank: [A, B, ...], desc: true}.
 *
 * Within a plain key every cell falls in one kind, and the kinds sort in
 * this order: numbers by value, dates by time, other text by bytes; empty
 * cells come last, ascending or descending (a descending key reverses the
 * rest).  A rank key sorts the listed values in the list's order, then the
 * others by bytes, then empty cells.
 *
 * To sort, a tool computes each row's values once with order_values() into
 * an array of order_nkeys() struct sortval, and compares those; the text
 * in a sortval points into the row, which must outlive it.  order_cmp()
 * returns 0 for rows equal on every key: the tool keeps input order for
 * those (a stable sort, or the row's input position as a last key).
 *
 * A compiled order points into the rule tree and must not outlive it.
 */

#include <stddef.h>
#include <stdint.h>

#include "cols.h"
#include "rules.h"

struct sortval {
	union {
		double num;	/* a number, or a date's day (kinds 0, 1) */
		const char *s;	/* text (kind 2, and a ranked key's) */
	};
	uint32_t len;		/* the text's, at most 4 GiB - 1 (a row a
				   tool can hold, hold.h); a longer cell
				   compares by that much */
	int32_t kind;		/* rank position, or 0 number 1 date 2 text,
				   with empty cells the largest of all */
};

struct order;			/* opaque */

/* Compiles list (a list of keys); NULL after counting errors in r. */
struct order *order_compile(struct rules *r, const struct ynode *list);

/* Resolves the columns, as cond_bind() does. */
int order_bind(struct order *o, struct rules *r, const struct cols *schema,
    const char *input);

size_t order_nkeys(const struct order *o);

/* Fills out[0 .. order_nkeys(o)) from a row's fields. */
void order_values(const struct order *o, char *const *f, const size_t *len,
    struct sortval *out);

/* <0, 0 or >0 as a sorts before, with, or after b. */
int order_cmp(const struct order *o, const struct sortval *a,
    const struct sortval *b);

/*
 * Sorts n items stably by o: sv(item) gives an item's values, as filled by
 * order_values().  Items equal on every key keep their relative order.
 */
void order_sort(const struct order *o, void **items, size_t n,
    const struct sortval *(*sv)(const void *item));

void order_free(struct order *o);

#endif
