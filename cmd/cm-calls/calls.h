#ifndef CM_CALLS_H
#define CM_CALLS_H

/*
 * cm-calls: the telephone team's day (seed 003, 第四篇).  Three jobs, one
 * a run:
 *
 *  lists.c    the nightly call lists: the pool of records shared among
 *             the callers, 30 each, yesterday's unreached first, a call
 *             time each within the day's windows;
 *  handoff.c  the lead hand-off: the day's successful calls, each to a
 *             ground agent of the customer's area, due by 9:30;
 *  quality.c  the Friday quality calls: the customers agents visited in
 *             the week, one caller's list for Friday afternoon.
 *
 * days.c knows the working days and spreads call times over windows;
 * main.c reads the options and the rules and hands the run to the job.
 * Whatever a job does not place goes to --rest with its reason (rest.c).
 */

#include <stdio.h>

#include "../../common/arena.h"
#include "../../common/cond.h"
#include "../../common/events.h"
#include "../../common/hold.h"
#include "../../common/io.h"
#include "../../common/table.h"

/* The words cm-calls writes into its data: the reasons of the rest. */
enum word {
	W_LISTED, W_ATTEMPTS, W_NO_ROOM, W_NO_AREA, W_NO_CALLER, W_OFF,
	W_NOT_SUCCESS, W_HANDED, W_NO_AGENT, W_NOT_WEEK, W_AFTER,
	W_NOT_VISIT, W_NO_DAY, W_CUSTOMER_LISTED,
	W_N
};

enum job {
	JOB_LISTS,
	JOB_HANDOFF,
	JOB_QUALITY
};

/* A span of the day, in minutes from midnight: [from, to). */
struct window {
	int from, to;
};

#define MAX_WINDOWS 16

/* The working days: weekdays, less holidays, plus make-up days (调休). */
struct days {
	int work[8];			/* by weekday, 1 Monday ... 7 Sunday */
	struct events off;		/* holidays: rules and --holidays */
	struct events on;		/* make-up working days */
};

/*
 * The rest file: the input's columns and a reason.  Rows may be set aside
 * before the rows that come before them are decided (the call lists know
 * some records are left over long before the end): those wait in a
 * temporary file, each with its place, and rest_merge() writes them and
 * the rows decided at the end in the order they came.
 */
struct rest {
	struct csvout *w;
	char **f;
	size_t *len;
	size_t n;			/* the input's columns */
	FILE *spill;			/* rows set aside early, or NULL */
	unsigned long nspill;
	struct rec back;		/* a row read back from it */
	char *buf;
	size_t bufcap;
};

/* A record kept to the end of the run. */
struct item {
	struct hold h;
	const char *reason;		/* why it goes to --rest, or NULL */
	long caller;			/* its caller, or -1 */
	long prev;			/* yesterday's caller, or -1 */
	long attempt;
	unsigned long seq;
};

struct calls {
	/* Options. */
	enum job job;
	int job_set;
	int day, day_set, day_next;	/* --day DATE, or --day next */
	int week, week_set;		/* --week */
	const char *callers_path, *results_path, *agents_path, *open_path;
	const char *holidays_path, *workdays_path, *rest_path;
	const char *caller;		/* --caller */

	/* The rules. */
	struct days days;
	struct window win[MAX_WINDOWS];	/* the calling hours */
	size_t nwin;
	const char *area, *key, *result, *attempt;	/* column names */
	long per_caller, attempts;
	int cross_area;
	const struct ynode *retry;	/* results that mean not reached */
	const struct ynode *success;	/* results that mean a lead */
	int due;			/* leads due at, minutes */
	int qday;			/* the quality calls' weekday */
	struct window qwin;
	int fday, ftime;		/* the feedback's weekday and time */
	const char *qcaller;
	struct cond *visited;		/* a visit row that was made */
	const char *customer, *agent, *date;
	const char *word[W_N];		/* words:, or the English */

	/* The run. */
	size_t nin;			/* the input's columns */
	size_t *map;			/* input column -> output column, or
					   (size_t)-1 */
	size_t acol, kcol, rcol, tcol, ccol, gcol, dcol;	/* input */
	size_t out[5];			/* the job's own output columns */
	struct rest rest;
	struct arena arena;
	struct item *it;		/* kept records, in order */
	size_t nit, itcap;
	struct cols seen;		/* keys (or customers) listed */
	unsigned long nseq;		/* rows come so far, kept or set aside */
	int listday;			/* the day of the list, or -1 */
	void *job_state;		/* the job's own */
};

/* The English of enum word, in its order (rest.c). */
extern const char *const calls_words[];
/* 1 when a roster's status cell says active (active, 在职). */
int calls_active(const char *v, size_t len);

/* days.c */
void days_load(struct calls *c, struct rules *r);
void days_files(struct calls *c, const struct csvin_opts *o);
int days_working(const struct calls *c, int day);
/* The first working day after day, within a year; -1 when none. */
int days_next(const struct calls *c, int day);
/* What day is, for a message: "a Sunday", "a holiday (国庆节)". */
void days_why(const struct calls *c, int day, char *buf, size_t size);
/* The k-th of n calls over the windows w, in minutes from midnight. */
int days_spread(const struct window *w, size_t nw, size_t k, size_t n);
void days_load_window(struct rules *r, const struct ynode *v,
    struct window *w);
void days_free(struct calls *c);

/* rest.c */
void rest_open(struct calls *c, struct io *io);
void rest_put(struct calls *c, struct io *io, const struct rec *rec,
    const char *reason);
void rest_item(struct calls *c, struct io *io, const struct item *it);
/* Sets rec aside for the rest, at its place in the order (c->nseq). */
void rest_later(struct calls *c, const struct rec *rec, const char *reason);
/* Writes the rows set aside and the kept items without a caller, in order. */
void rest_merge(struct calls *c, struct io *io);
void rest_free(struct calls *c);
/* Lays out the output: the job's own columns, then the input's. */
void calls_layout(struct calls *c, struct io *io, const char *const *own,
    size_t nown);
/* Fills the output row's input columns from f and len. */
void calls_fill(struct calls *c, struct io *io, char *const *f,
    const size_t *len);
/* Keeps rec to the end of the run. */
struct item *calls_keep(struct calls *c, const struct rec *rec);
/* 1 when the cell v is one of the words (NULL-ended). */
int calls_word(const char *v, size_t len, const char *const *words);
/* The input's column name, read by the rules at at (or NULL). */
size_t calls_incol(struct io *io, const struct ynode *at, const char *name);

/* lists.c, handoff.c, quality.c */
void lists_bind(struct calls *c, struct io *io);
void lists_open(struct calls *c, struct io *io);
void lists_row(struct calls *c, struct io *io, const struct rec *rec);
void lists_end(struct calls *c, struct io *io);
void lists_free(struct calls *c);

void handoff_bind(struct calls *c, struct io *io);
void handoff_open(struct calls *c, struct io *io);
void handoff_row(struct calls *c, struct io *io, const struct rec *rec);
void handoff_free(struct calls *c);

void quality_bind(struct calls *c, struct io *io);
void quality_open(struct calls *c, struct io *io);
void quality_row(struct calls *c, struct io *io, const struct rec *rec);
void quality_end(struct calls *c, struct io *io);

#endif
