#ifndef CM_REPORT_H
#define CM_REPORT_H

/*
 * cm-report: the seeds' measures of the work, one measure a run, named
 * by the word before FILE.  The parts, a file each:
 *
 *   main.c		the tool: the measure word, the options, the month;
 *   groups.c		the rows figures are summed into (--by, the roster
 *			of --agents), in the order of their keys, and the
 *			rate as the output writes it;
 *   development.c	开发成功率 of the orphan cohorts (seed 004);
 *   upgrades.c		ABC upgrades between two gradings (seed 000).
 */

#include <stddef.h>

#include "../../common/arena.h"
#include "../../common/cond.h"
#include "../../common/io.h"
#include "../../common/table.h"

/* --by: what rows are summed into. */
enum by { BY_AGENT, BY_GROUP, BY_BRANCH, BY_NONE };

/*
 * The groups: the key of each agent's row (the agent, their group or
 * branch in the roster, or one row for the whole branch), and the
 * roster's keys, each of which has a row even without figures.
 */
struct groups {
	enum by by;
	const char *path;		/* --agents, or NULL */
	struct cols agents;		/* the roster's agent ids */
	const char **key;		/* the key of each */
	size_t cap;
	struct arena text;
	unsigned long strangers;	/* agents looked up, not in it */
};

void groups_read(struct groups *g, struct io *io);
/* The key of agent's row: their id, group or branch, or "" for none. */
const char *groups_key(struct groups *g, const char *agent);
/* The key column's name (in the rules), or NULL for --by none. */
const char *groups_column(const struct groups *g);
/* Adds a zeroed row to t for every key of the roster (or the one row). */
void groups_rows(const struct groups *g, struct table *t);
/* The keys of t in byte order, as indices; the caller frees. */
size_t *groups_sorted(const struct table *t);
void groups_free(struct groups *g);

/* num / den as a percentage with two decimals into buf, "" when den is 0. */
void rate_format(unsigned long num, unsigned long den, char *buf,
    size_t size);

/* A count into buf. */
void count_format(unsigned long n, char *buf, size_t size);

struct report;

/*
 * A measure: its word and its part of the run.  load() reads its key of
 * the rules (m, or NULL when there is none) whatever the measure of the
 * run, so that --check checks them all.
 */
struct measure {
	const char *name;
	void (*load)(struct report *rp, struct rules *r, const struct ynode *m);
	void (*bind)(struct report *rp, struct io *io);
	void (*open)(struct report *rp, struct io *io);	/* or NULL */
	void (*row)(struct report *rp, struct io *io, const struct rec *rec);
	void (*end)(struct report *rp, struct io *io);
	void (*free)(struct report *rp);
};

extern const struct measure measure_development, measure_upgrades;

struct development;
struct upgrades;

struct report {
	const struct measure *m;
	const char *month_arg;
	int month;			/* year * 12 + month - 1 */
	char month_name[16];		/* "2026-04" */
	const char *assigned_path, *policies_path, *before_path;
	struct groups groups;
	size_t keycol, monthcol;	/* the output's first columns */
	struct development *dev;
	struct upgrades *up;
};

/*
 * The index of a column of FILE that the measure reads, named in the
 * rules, or 0 after an error counted in the rules (tool_main() then exits
 * 2 before any row is read).
 */
size_t report_col(struct io *io, const char *name);

/* Lays out the month and key columns of the output. */
void report_head(struct report *rp, struct io *io, int month);
/* Starts a row of the output with its month and key. */
void report_row(struct report *rp, struct io *io, int month,
    const char *key);

/* The first day (days, date.h) of month index m. */
int month_start(int m);

#endif
