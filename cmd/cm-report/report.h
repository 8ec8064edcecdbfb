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
 *   upgrades.c		ABC upgrades between two gradings (seed 000);
 *   log.c		the contact log: its columns, the kind of each
 *			channel, the rows made in the period;
 *   book.c		the assigned customers (--assigned), read whole;
 *   contacts.c		接触率, 面访率 and the allowance (seed 004);
 *   standards.c	the orphan visit standards (seed 004);
 *   ratio.c		10:3:1 (seed 001);
 *   calls.c		the telephone team's successes (seed 003).
 */

#include <stddef.h>
#include <stdint.h>

#include "../../common/arena.h"
#include "../../common/cond.h"
#include "../../common/io.h"
#include "../../common/side.h"
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
	const char *agent_id;		/* the agent's column, or NULL */
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
/* What a measure takes (struct measure's takes and needs). */
enum {
	T_ASSIGNED = 1, T_BEFORE = 2, T_POLICIES = 4, T_MONTH = 8,
	T_WINDOW = 16, T_BY = 32
};

struct measure {
	const char *name;
	unsigned takes, needs;		/* T_ bits: the options it reads */
	const char *who;		/* the id of a row: NULL for agent_id */
	void (*load)(struct report *rp, struct rules *r, const struct ynode *m);
	void (*bind)(struct report *rp, struct io *io);
	void (*open)(struct report *rp, struct io *io);	/* or NULL */
	void (*row)(struct report *rp, struct io *io, const struct rec *rec);
	void (*end)(struct report *rp, struct io *io);
	void (*free)(struct report *rp);
};

extern const struct measure measure_development, measure_upgrades,
    measure_contacts, measure_standards, measure_ratio, measure_calls;

/* The kinds of a contact, by its channel (log: channels:). */
enum kind { K_MESSAGE, K_CALL, K_FACE, NKIND };

/* The contact log's rules and columns. */
struct clog {
	const struct ynode *at;
	const struct ynode *channel_names;	/* channel: [channel, action] */
	const struct ynode *values[NKIND];	/* channels: of each kind */
	struct cond *when;			/* a contact made, or NULL */
	size_t agent, customer, date, channel, result;
	unsigned long counted, not_made, outside;
};

/* A row of the log that counts. */
struct contact {
	const char *agent, *customer;
	int date;
	enum kind kind;
};

/* A customer of the book: 16 bytes, as a book holds millions. */
struct entry {
	uint32_t agent;			/* in book.agents */
	int32_t date;			/* the latest assignment */
	uint16_t flags;			/* the measure's */
	uint16_t visits;		/* standards: in the first 60 days */
	uint32_t policy;		/* standards: their first, or NO_POLICY */
};

#define NO_POLICY UINT32_MAX

struct book {
	struct table customers;		/* customer_id -> struct entry */
	struct cols agents;
	unsigned long rows, queue, later;
	unsigned long strangers, others, before;	/* book_contact()'s */
	/* standards: the columns it reads, and each row assigning */
	void (*bind)(struct report *rp, struct side *s);
	void (*each)(struct report *rp, struct side *s, size_t customer);
};

struct development;
struct upgrades;
struct contacts;
struct standards;
struct ratio;
struct callfigs;

struct report {
	const struct measure *m;
	const char *month_arg;
	int month;			/* year * 12 + month - 1 */
	char month_name[16];		/* "2026-04" */
	const char *from_arg, *to_arg;
	int from, to;			/* the period, days */
	int window;			/* --from/--to, not a month */
	char from_name[16], to_name[16];
	const char *assigned_path, *policies_path, *before_path;
	struct groups groups;
	size_t keycol, monthcol, tocol;	/* the output's first columns */
	struct development *dev;
	struct upgrades *up;
	struct contacts *con;
	struct standards *std;
	struct ratio *rat;
	struct callfigs *cal;
	struct clog log;
	struct book book;
};

/*
 * The index of a column of FILE that the measure reads, named in the
 * rules, or 0 after an error counted in the rules (tool_main() then exits
 * 2 before any row is read).
 */
size_t report_col(struct io *io, const char *name);

/* Lays out the month and key columns of the output. */
void report_head(struct report *rp, struct io *io, int month);
/* Lays out the measure's own columns, names[0..n), their indices in col. */
void report_cols(struct io *io, const char *const *names, size_t n,
    size_t *col);
/*
 * "a\tb", the key of a pair (agent and customer, caller and day) in *buf,
 * which grows with the longest, so that no two pairs are cut to one key.
 */
const char *report_pair(char **buf, size_t *cap, const char *a,
    const char *b);
/* Starts a row of the output with its month and key. */
void report_row(struct report *rp, struct io *io, int month,
    const char *key);

/* The contact log (log.c). */
void log_load(struct report *rp, struct rules *r, const struct ynode *m);
/* Binds the log's columns (and result when result is 1). */
void log_bind(struct report *rp, struct io *io, int result);
/*
 * Reads rec into c: 1 when it counts, 0 when it is skipped (counted),
 * -1 when it was rejected.
 */
int log_read(struct report *rp, struct io *io, const struct rec *rec,
    struct contact *c);
void log_stats(struct report *rp, struct io *io);
void log_free(struct report *rp);
/* The kinds a list of the rules names, as bits (1 << kind), or def. */
unsigned log_kinds(struct rules *r, const struct ynode *list,
    const char *what, unsigned def);
const char *log_kind_name(enum kind k);

/* The book (book.c): read whole, assignments up to until. */
void book_read(struct report *rp, struct io *io, int until);
struct entry *book_find(struct report *rp, const char *customer);
/*
 * The entry of the customer of k when k is by the agent they are assigned
 * to, on or after the assignment; else NULL, counted for book_stats().
 */
struct entry *book_contact(struct report *rp, const struct contact *k);
void book_stats(struct report *rp, struct io *io);
void book_free(struct report *rp);

/* A money amount in millionths of a yuan, as yuan with two decimals. */
void money_format(long long micro, char *buf, size_t size);
/* A decimal of the rules (0.005) in millionths, or -1 after an error. */
long long money_rule(struct rules *r, const struct ynode *v,
    const char *what);

/* The first day (days, date.h) of month index m. */
int month_start(int m);

#endif
