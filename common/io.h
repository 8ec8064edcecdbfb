#ifndef CM_IO_H
#define CM_IO_H

/*
 * The run every tool shares: one CSV input, one CSV output, the rejects
 * file, and the counts for --stats, with the rules of cm-rules(5) for bad
 * input: without --rejects the first data error stops the run (exit 1,
 * -o FILE left as it was); with it, the row goes to the rejects file with
 * _line and _reason in front, and the run goes on until --max-rejects.
 *
 * Every row read is counted, and so is every row written or rejected; a
 * tool that puts rows in a place of its own counts them with io_stat().
 * The struct io is the caller's; io_open() fills it, io_close() frees it.
 */

#include "cols.h"
#include "cond.h"
#include "csvin.h"
#include "csvout.h"
#include "opt.h"
#include "rules.h"

struct io {
	const struct opts *o;
	struct csvin *in;
	struct csvout *out;
	struct csvout *rej;
	unsigned long read, written, rejected;
	struct cols stat_names;		/* the tool's own counts, */
	unsigned long *stat;		/* in the order first counted */
	size_t statcap;
	struct rec rejrow;		/* reused for writing rejects */
	const struct rec *cur;		/* the row io_next() gave last */
	struct csvout *extra[4];	/* the tool's other outputs */
	size_t nextra;
};

/*
 * What a tool gives io_begin(): its options, and how it loads its rules
 * and binds them to the input's header (both counting errors in r).
 */
struct io_tool {
	struct opt_tool opt;
	void (*load)(struct rules *r, void *tool);
	void (*bind)(struct rules *r, void *tool, const struct cols *header,
	    const char *input, const struct opts *o);
};

/*
 * The start every tool shares: parses the options into o, loads the rules,
 * opens the input and binds the rules to its header.  Any problem with the
 * rules exits 2 before a row is read; --check exits 0 there (reading the
 * header only when a FILE operand is given).  Returns the rules, which
 * live as long as the tool runs.
 */
struct rules *io_begin(struct io *io, struct opts *o, int argc, char **argv,
    const struct io_tool *t, void *tool);

/* Opens the input and reads its header; exits 1 when it cannot. */
void io_open(struct io *io, const struct opts *o);

/* The input's name for messages, and its header. */
const char *io_name(const struct io *io);
const struct cols *io_header(const struct io *io);

/* Opens the output (and the rejects file) and writes the output header. */
void io_start(struct io *io, const struct cols *out);

/*
 * The next good row: 1, or 0 at the end.  Malformed rows are rejected (or
 * stop the run) inside; an input that cannot be read further stops it.
 */
int io_next(struct io *io, struct rec *rec);

/* A data error in a row that was read: reject it, or stop the run. */
void io_reject(struct io *io, const struct rec *rec, const char *reason);

/*
 * Whether when holds over the fields f and len (the row's, or a row the tool
 * built from it): 1 (also for no condition), 0, or -1 once rec is
 * rejected for a cell that when cannot read.  Inline, with cond_eval(): it
 * runs for every rule of every row.
 */
static inline __attribute__((always_inline)) int
io_holds(struct io *io, const struct cond *when, const struct rec *rec,
    char *const *f, const size_t *len)
{
	char msg[512];
	int v;

	if (when == NULL)
		return 1;
	if ((v = cond_eval(when, f, len, msg, sizeof(msg))) < 0)
		io_reject(io, rec, msg);
	return v;
}

/* Writes a row to the output; len as csvout_row(). */
void io_write(struct io *io, char *const *f, const size_t *len, size_t n);

/*
 * Opens another output of the tool (a report), committed with the main
 * output by io_close().  opt names its option for messages; naming the
 * same file as -o, --rejects or another output is a usage error.
 */
struct csvout *io_output(struct io *io, const char *opt, const char *path);

/* Adds n to the tool's count called name (created on first use). */
void io_stat(struct io *io, const char *name, unsigned long n);

/*
 * Finishes every output, then puts them all in place, prints --stats, and
 * frees what io holds; returns EXIT_OK.
 */
int io_close(struct io *io);

#endif
