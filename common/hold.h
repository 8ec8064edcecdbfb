#ifndef CM_HOLD_H
#define CM_HOLD_H

/*
 * Rows a tool keeps past the next read (a funnel's best rows, a week's
 * calendar, the orphan policies): the fields copied into one buffer per
 * row, with the offset of each, so that reading a field is one step.
 *
 * The buffer holds n + 1 offsets, then the fields, each followed by a
 * NUL: field i is text + off[i], of off[i + 1] - off[i] - 1 bytes.  An
 * offset takes 2 bytes, or 4 in a row of 64 KiB or more: rows are kept
 * by the million, and their size is the memory a tool reads.  The
 * first `plain` fields are as a plain record has them (csvin.h, struct
 * rec): quote-free, one after another, each followed by its NUL, so that
 * a row filled from a kept row is written as fast as one read.
 *
 * The struct itself is 24 bytes, as small as a row's place can be, for
 * the same reason: the fields that are the same for every row of an
 * input, or that only a copy to be reused needs (its buffer's size), are
 * not in it.
 *
 * Ownership: the struct hold is the caller's.  hold_copy() gives it a
 * buffer of its own, reused when the struct is reused for another row
 * (a funnel's heap evicts and refills rows) while the caller's *cap says
 * it is large enough, and freed by hold_free();
 * hold_keep() takes the buffer from an arena (arena.h), for rows kept to
 * the end of the run, and hold_free() leaves it to the arena.  The
 * pointers hold_field() and hold_rec() give point into that buffer, and
 * stay valid until the next hold_copy() or hold_free() of it.
 */

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "csvin.h"

struct hold {
	char *buf;
	unsigned long line;	/* the line the row started on */
	uint32_t n;		/* fields */
	uint32_t plain : 31;	/* as struct rec's */
	uint32_t wide : 1;	/* offsets of 4 bytes, not 2 */
};

/*
 * Copies rec's fields, line and plain prefix into h, into h's buffer when
 * *cap (its size, 0 for none) is enough, else into a new one.
 */
void hold_copy(struct hold *h, size_t *cap, const struct rec *rec);

/* The same, into memory of the arena a. */
void hold_keep(struct hold *h, const struct rec *rec, struct arena *a);

/* Field i of h (i < h->n), NUL-terminated, and its length in *len. */
static inline const char *
hold_field(const struct hold *h, size_t i, size_t *len)
{
	size_t at, next, head;

	if (h->wide) {
		const uint32_t *off = (const void *)h->buf;

		at = off[i];
		next = off[i + 1];
		head = (h->n + 1) * sizeof(*off);
	} else {
		const uint16_t *off = (const void *)h->buf;

		at = off[i];
		next = off[i + 1];
		head = (h->n + 1) * sizeof(*off);
	}
	if (len != NULL)
		*len = next - at - 1;
	return h->buf + head + at;
}

/* Fills out (growing it) with h's fields, as a record, for a condition. */
void hold_rec(const struct hold *h, struct rec *out);

/* Frees a buffer of hold_copy (cap is its size); one of an arena stays. */
void hold_free(struct hold *h, size_t cap);

#endif
