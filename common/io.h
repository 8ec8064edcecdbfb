#ifndef CM_IO_H
#define CM_IO_H

/*
 * The run every tool shares (tool.h drives it): the options, the rules,
 * one CSV input, the output and its columns, the rejects file, the tool's
 * other outputs, and the counts for --stats, with the rules of cm-rules(5)
 * for bad input: without --rejects the first data error stops the run
 * (exit 1, -o FILE left as it was); with it, the row goes to the rejects
 * file with _line and _reason in front, and the run goes on until
 * --max-rejects.
 *
 * Every row read is counted, and so is every row written or rejected; a
 * tool that puts rows in a place of its own counts them with io_stat().
 * tool_main() owns the struct io; tools use the functions below.
 */

#include "cond.h"
#include "csvin.h"
#include "csvout.h"
#include "domain.h"
#include "hold.h"
#include "opt.h"
#include "rules.h"
#include "schema.h"
#include "table.h"

struct io {
	struct opts o;			/* the options */
	struct rules *r;		/* the rules; NULL for a tool without */
	struct domains domains;		/* the rules' column domains */
	struct csvin *in;
	struct schema schema;		/* the output's columns and row */
	struct csvout *out;
	struct csvout *rej;
	struct csvout *statsf;		/* --stats-file, or NULL */
	unsigned long read, written, rejected;
	struct table stats;		/* the tool's own counts, in the order
					   first counted */
	struct rec rejrow;		/* reused for writing rejects */
	struct csvout **extra;		/* the tool's other outputs */
	size_t nextra, extracap;
	struct io_also *also;		/* and what io_also() adds */
	size_t nalso, alsocap;
};

struct io_also {
	void (*commit)(void *);
	void *arg;
};

/* The input's name for messages (its path, or "<stdin>"), and header. */
const char *io_name(const struct io *io);
const struct cols *io_header(const struct io *io);

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

/*
 * io_holds() on a held row (hold.h), its fields read into tmp only as far
 * as when reads them, and all of them when it rejects the row: cm-funnel
 * tests its millions of held rows on a column or two.
 */
int io_holds_held(struct io *io, const struct cond *when, const struct hold *h,
    struct rec *tmp);

/* csvin_peek() of the input: a hint, never a row (csvin.h). */
const char *io_peek(const struct io *io, size_t k, size_t col);

/* Writes the row of io->schema to the output. */
void io_write(struct io *io);

/*
 * Opens another output of the tool (a report), finished and committed
 * with the output.  (tool_main() has already refused a path that names
 * the input or another output.)
 */
struct csvout *io_output(struct io *io, const char *path);

/*
 * Outputs of the tool's own (iCalendar files): commit(arg) puts them in
 * place after the others, once all are finished (the tool finishes its
 * own in end()).
 */
void io_also(struct io *io, void (*commit)(void *), void *arg);

/*
 * Counts a row that the tool read from an input of its own as read, as
 * io_next() counts those of FILE (the lists after the first of
 * cm-followup --merge, which are its input as much as FILE is).
 */
void io_read(struct io *io);

/* Adds n to the tool's count called name (created on first use). */
void io_stat(struct io *io, const char *name, unsigned long n);

/*
 * The steps of the run, in the order tool_main() takes them: open the
 * input and read its header (exit 1 when it cannot); open the output and
 * the rejects file and write the output's header; the next good row (1,
 * or 0 at the end: malformed rows, and rows with a cell outside its
 * domain, are rejected, or stop the run, inside; cells that are aliases
 * come out as their values);
 * finish every output, put them all in place, print --stats.
 */
void io_open(struct io *io);
void io_start(struct io *io);
int io_next(struct io *io, struct rec *rec);
void io_close(struct io *io);

/*
 * Whether the input comes grouped by column col: each value's rows one
 * after another, as a CRM export sorted by agent has them, so that a tool
 * may finish a group when the next begins.  The input is read once more
 * for that column alone, from the tool's open(), and only when it is a
 * file (a pipe cannot be read twice) and the column has no domain (whose
 * aliases could join two groups); the scan stops at the first value that
 * comes back.  Malformed rows are passed over: the run rejects them; a
 * read error ends the run (exit 1), as it would while reading the rows.
 */
int io_grouped(const struct io *io, size_t col);

/* Frees what io holds. */
void io_free(struct io *io);

#endif
