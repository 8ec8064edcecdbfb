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
 * A bare row has no offsets, only the fields and their NULs: for a tool
 * that reads its kept rows whole (hold_rec(), schema_hold(), one scan of
 * the row) and never a field alone, as cm-funnel does with its millions
 * of held rows, it saves 2 bytes a field.  hold_field() of a bare row
 * scans the fields before it.  A field holds no NUL byte (csvin rejects a
 * row with one, the rule files a value with one), so the NULs mark the
 * fields' ends.
 *
 * The struct itself is 24 bytes, as small as a row's place can be, for
 * the same reason: the fields that are the same for every row of an
 * input, or that only a copy to be reused needs (its buffer's size), are
 * not in it.
 *
 * Ownership: the struct hold is the caller's, and so is its buffer.
 * hold_keep() takes the buffer from an arena (arena.h), for rows kept to
 * the end of the run; hold_put() copies into memory the caller provides,
 * of hold_size() bytes (the caller may put the row's own struct and the
 * buffer in one allocation, and reuse it for another row that fits).
 * The pointers hold_field() and hold_rec() give point into that buffer,
 * and stay valid while it does.
 */

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "csvin.h"

struct hold {
	char *buf;
	unsigned long line;	/* the line the row started on */
	uint32_t n;		/* fields */
	uint32_t plain : 30;	/* as struct rec's */
	uint32_t wide : 1;	/* offsets of 4 bytes, not 2 */
	uint32_t bare : 1;	/* no offsets */
};

/*
 * The bytes hold_put() needs for rec, bare (1) or not (0): less than 4
 * GiB (a larger row ends the run with a message, exit status 1).
 */
size_t hold_size(const struct rec *rec, int bare);

/*
 * Copies rec's fields, line and plain prefix into h, its buffer buf, of
 * size = hold_size(rec, bare) bytes at least and aligned for a uint32_t;
 * when out is not NULL, fills it (growing it) with the copy's fields, as
 * hold_rec() would.
 */
void hold_put(struct hold *h, void *buf, const struct rec *rec, size_t size,
    struct rec *out);

/* The same, with offsets, into memory of the arena a. */
void hold_keep(struct hold *h, const struct rec *rec, struct arena *a);

/* hold_field() of a bare row. */
const char *hold_scan(const struct hold *h, size_t i, size_t *len);

/* Field i of h (i < h->n), NUL-terminated, and its length in *len. */
static inline const char *
hold_field(const struct hold *h, size_t i, size_t *len)
{
	size_t at, next, head;

	if (h->bare)
		return hold_scan(h, i, len);
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

/* Fills f[0 .. n) and len[0 .. n) with h's first n fields, in one pass. */
void hold_fields(const struct hold *h, size_t n, char **f, size_t *len);

/* Fills out (growing it) with h's fields, as a record, for a condition. */
void hold_rec(const struct hold *h, struct rec *out);

/*
 * The same with h's first n fields alone (all of them when it has no
 * more), for a condition that reads no field after them: a record of
 * that many fields.
 */
void hold_part(const struct hold *h, struct rec *out, size_t n);

#endif
