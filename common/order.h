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
 * To sort, a tool computes each row's values once with order_values()
 * into a block of order_size() bytes, and compares those.  Rows are held
 * by the million, so a value is small: 8 bytes and a byte of kind a key,
 * where the text of a value is an offset from the row's base (the start
 * of the memory that holds the row's fields, which must lie within 4 GiB
 * after it) and the compare is given each row's base.  order_cmp()
 * returns 0 for rows equal on every key: the tool keeps input order for
 * those (a stable sort, or the row's input position as a last key).
 *
 * A compiled order points into the rule tree and must not outlive it.
 */

#include <stddef.h>
#include <stdint.h>

#include "cols.h"
#include "rules.h"

struct order;			/* opaque */

/* Compiles list (a list of keys); NULL after counting errors in r. */
struct order *order_compile(struct rules *r, const struct ynode *list);

/* Resolves the columns, as cond_bind() does. */
int order_bind(struct order *o, struct rules *r, const struct cols *schema,
    const char *input);

size_t order_nkeys(const struct order *o);

/* The bytes of a row's values; a block of them is aligned for a double. */
size_t order_size(const struct order *o);

/*
 * Fills the block out with the values of a row's fields; each field
 * f[i] lies within 4 GiB after base.
 */
void order_values(const struct order *o, char *const *f, const size_t *len,
    const char *base, void *out);

/* <0, 0 or >0 as row a sorts before, with, or after b. */
int order_cmp(const struct order *o, const void *a, const char *abase,
    const void *b, const char *bbase);

/*
 * Sorts n items stably by o: vals(item, &base) gives an item's values, as
 * filled by order_values(), and its base.  Items equal on every key keep
 * their relative order.
 */
void order_sort(const struct order *o, void **items, size_t n,
    const void *(*vals)(const void *item, const char **base));

void order_free(struct order *o);

#endif
