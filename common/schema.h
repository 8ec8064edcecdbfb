#ifndef CM_SCHEMA_H
#define CM_SCHEMA_H

/*
 * The output's columns, and its row, reused from row to row.
 *
 * A tool lays out its output once, in bind(): the input's columns first
 * (schema_input()), when it passes rows through, then each column it
 * writes (schema_col()): a column of that name already there is replaced
 * in place, any other appended.  tool_main() then makes room for the row.
 * For each row, schema_rec() or schema_hold() fills the input's columns
 * from a record or a kept row and empties the others, and schema_set()
 * fills a column the tool writes.
 *
 * The row's fields point into the record, the kept row, or the strings
 * given to schema_set(), which must stay as they are until it is written.
 * Its first `plain` fields are those of the record or kept row as read
 * (struct rec in csvin.h): csvout writes them in one piece.  schema_set()
 * on one of them ends that prefix there, so nothing else may write to f
 * or len.
 */

#include <stddef.h>

#include "cols.h"
#include "csvin.h"
#include "csvout.h"
#include "hold.h"
#include "rules.h"

struct schema {
	struct cols cols;	/* the output's column names */
	size_t nin;		/* the input's columns, at the front */
	char **f;		/* the row: its fields, */
	size_t *len;		/* their lengths, */
	size_t plain;		/* and its plain prefix */
	unsigned long line;	/* the input line it comes from, or 0 */
};

/* Starts the output with the input's columns, as header has them. */
void schema_input(struct schema *s, const struct cols *header);

/*
 * The index of a column the tool writes, named name in the rules (columns:
 * applied): the column of that header name when there is one, so that it
 * is replaced in place, else a new one at the end.  r may be NULL.
 */
size_t schema_col(struct schema *s, const struct rules *r, const char *name);

/* Makes room for the row, once every column is laid out. */
void schema_ready(struct schema *s);

/* Fills the row from a record of the input, the tool's columns empty. */
void schema_rec(struct schema *s, const struct rec *rec);

/* The same from a kept row. */
void schema_hold(struct schema *s, const struct hold *h);

/* Sets column col to the len bytes at v (a NUL-terminated string). */
static inline void
schema_set(struct schema *s, size_t col, const char *v, size_t len)
{
	s->f[col] = (char *)v;
	s->len[col] = len;
	if (col < s->plain)
		s->plain = col;
}

/* The same, with the length of v taken. */
void schema_put(struct schema *s, size_t col, const char *v);

/* Writes the row to w. */
void schema_write(const struct schema *s, struct csvout *w);

/* Writes the column names to w, as a header. */
void schema_header(const struct schema *s, struct csvout *w);

void schema_free(struct schema *s);

#endif
