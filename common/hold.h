#ifndef CM_HOLD_H
#define CM_HOLD_H

/*
 * Rows a tool keeps past the next read (a funnel's best rows, a week's
 * calendar): the fields copied, NUL-separated, into one buffer per row,
 * which is reused when the struct hold is reused for another row.
 *
 * Ownership: the struct hold is the caller's; its buffer is freed by
 * hold_free().  The pointers hold_fields() fills point into that buffer
 * and stay valid until the next hold_copy() or hold_free() of it.
 */

#include <stddef.h>

#include "csvin.h"

struct hold {
	char *buf;
	size_t len, cap;
	size_t n;		/* fields */
	unsigned long line;	/* the line the row started on */
};

/* Copies rec's fields and line into h. */
void hold_copy(struct hold *h, const struct rec *rec);

/* Fills out (growing it) with h's fields and line. */
void hold_fields(const struct hold *h, struct rec *out);

void hold_free(struct hold *h);

#endif
