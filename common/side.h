#ifndef CM_SIDE_H
#define CM_SIDE_H

/*
 * Side inputs: the CSV files a tool reads beside its input (--agents,
 * --holdings, --events, --carryover), each named by its option.  They are
 * read with the input's options (encoding, delimiter, field limit) and
 * the columns: of the rules.
 *
 * A side file is not filtered row by row as the input is: the run is
 * wrong without the whole of it.  So a column it lacks, a malformed row
 * and any value the tool cannot read stop the run, exit status 1, with
 * the file and line: "cm-orphan-assign: agents.csv:7: ...".
 *
 * Ownership: the struct side is the caller's, from side_open() to
 * side_close(); the row side_next() gives is valid until the next call.
 */

#include <stddef.h>

#include "csvin.h"
#include "rules.h"

struct side {
	struct csvin *in;
	const char *opt;	/* the option that names it, for messages */
	const struct rules *r;	/* for columns:, or NULL */
	struct rec rec;		/* the row in hand */
};

/* Opens path, named by opt, and reads its header; exits 1 when it cannot. */
void side_open(struct side *s, const char *opt, const char *path,
    const struct csvin_opts *o, const struct rules *r);

const char *side_name(const struct side *s);
const struct cols *side_header(const struct side *s);

/*
 * The index of the column named name in the rules, or exits 1: "FILE:1:
 * no column 'NAME' in --agents: the, header, names".
 */
size_t side_col(const struct side *s, const char *name);

/* The same, or -1 when the file has no such column. */
long side_find(const struct side *s, const char *name);

/* The next row, in s->rec: 1, or 0 at the end; a bad row exits 1. */
int side_next(struct side *s);

/* "FILE:LINE: what" for the row in hand, and exit status 1. */
void side_fail(const struct side *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

void side_close(struct side *s);

#endif
