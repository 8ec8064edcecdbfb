#ifndef CM_FOLLOWUP_H
#define CM_FOLLOWUP_H

/*
 * cm-followup: the follow-up tasks that fall due in a window of days.
 *
 * Every input row (a policy, with its customer's dates) is tried against
 * every trigger; each trigger names a kind of occasion (a date plus an
 * offset, a yearly anniversary, a birthday on the solar or the lunar
 * calendar, a holiday, a visit that recurs, a company event, a step of a
 * policy service or claim, an occasion of the customer's), and an
 * occasion whose due day (the occasion less the trigger's lead) falls in
 * the window is a task.  The parts, a file and a struct each:
 *
 *   triggers.c   the triggers of the rules and the table of the kinds of
 *                occasion they name (struct trigger, kinds[]);
 *   occasions.c  each kind's occasions of a row, and the holidays;
 *   inputs.c     the side inputs: --events with the rules' audiences,
 *                --services and --occasions, read whole, kept by customer
 *                (struct inputs);
 *   tasks.c      the tasks: one per trigger, customer, policy, occasion
 *                and task, sorted, and written as the list (struct tasks);
 *   calendars.c  --ics: each agent's calendar (struct calendars);
 *   merge.c      --merge: the lists of a split run's parts merged into
 *                the list of one run (struct lists);
 *   main.c       the tool: options, rules, the run, --stats.
 */

#include <stddef.h>

#include "../../common/arena.h"
#include "../../common/cols.h"
#include "../../common/cond.h"
#include "../../common/events.h"
#include "../../common/hold.h"
#include "../../common/io.h"
#include "../../common/rules.h"
#include "../../common/side.h"
#include "../../common/table.h"

#define MAXOFF 16

struct followup;

struct offset {
	int n;
	char unit;		/* d, w, m, y */
};

/*
 * The kinds of occasion a trigger names, one key each.  Adding one: a
 * member of enum kind_id (NKIND counts them), and its entry in kinds[]
 * (triggers.c), which a static assertion checks: its keys, where its dates
 * come from, how per defaults, and its functions.
 */
enum kind_id {
	K_AFTER, K_YEARLY, K_BIRTHDAY, K_HOLIDAYS, K_RECURRING, K_COMPANY,
	K_SERVICE, K_OCCASIONS, NKIND
};

/* Where a kind's dates come from. */
enum source {
	SRC_ROW,		/* a date column of the input */
	SRC_NONE,		/* no column: the holidays */
	SRC_EVENTS,		/* --events */
	SRC_SERVICES,		/* a date column of --services */
	SRC_OCCASIONS		/* --occasions */
};

struct trigger {
	const char *task, *channel, *note;
	unsigned ord;		/* 1 + the earlier triggers of its task */
	int per_customer;
	struct cond *when;
	int lead;
	const struct kind *kind;
	const struct ynode *at, *kindnode;
	const char *column;	/* the date column, as named in the rules */
	const struct ynode *colnode, *calnode;
	size_t col;		/* its index: in the input, or --services */
	const char *calendar;	/* birthday: the column saying solar/lunar */
	long calcol;
	struct offset off[MAXOFF];
	size_t noff;
	struct offset every;	/* recurring; n 0 without */
	const char **names;	/* holidays, or kinds of event or occasion */
	const char **gifts;	/* holidays: each one's gift, or NULL */
	size_t nnames;
	size_t *due;		/* company: the events due in the window */
	size_t ndue;
	struct hday *hd;	/* holidays: those due in the window */
	size_t nhd, hdcap;
	unsigned long skipped;	/* rows with the date empty */
};

/* A holiday of a trigger due in the window: its day, and its name's index. */
struct hday {
	int occ;
	size_t name;
};

struct kind {
	const char *name;
	const char *const *keys;	/* its mapping's keys; NULL: a list */
	enum source src;
	int per_customer;		/* per's default */
	void (*load)(struct rules *r, struct followup *f, struct trigger *t,
	    const struct ynode *v);
	/* The occasions of a row whose date (of the column) is date: 0, or
	   -1 with msg set when a date cannot be converted. */
	int (*occasions)(struct followup *f, const struct trigger *t,
	    const struct rec *rec, int date, char *msg, size_t msgsize);
};

extern const struct kind kinds[];

/* A named audience of the rules: the customers an event is for. */
struct audience {
	const char *name;
	struct cond *when;
	const struct ynode *at;
};

/* A company event of --events. */
struct event_row {
	int date;
	const char *kind, *title;
	long audience;		/* index in audiences, or -1 for everyone */
};

/*
 * A row of --services or --occasions, kept with its customer's others:
 * next is the customer's next record, or NOREC.
 */
#define NOREC ((size_t)-1)

struct record {
	const char *policy, *label, *note;	/* label: type, or kind */
	int *date;		/* services: each date column's, or NODATE */
	int day;		/* occasions: its date */
	size_t next;
	int used;		/* some row of the input took it */
};

#define NODATE (-0x7fffffff)

/* Records of one file, by customer. */
struct records {
	struct record *r;
	size_t n, cap;
	struct cols customers;	/* customer id -> index in first */
	size_t *first;
	size_t firstcap;
	struct cols dates;	/* services: the date columns, by name */
};

struct inputs {
	const char *events_path, *services_path, *occasions_path;
	struct audience *aud;
	size_t naud;
	struct event_row *ev;
	size_t nev, evcap;
	struct records services, occasions;
	struct arena text;	/* the strings of the side files */
	signed char *holds;	/* per audience, for the row in hand: -1
				   not known yet, 0, 1 */
	size_t svc, occ;	/* the row's first record of each, or NOREC */
};

void inputs_load(struct inputs *in, struct rules *r, const struct ynode *m);
void inputs_bind(struct inputs *in, struct rules *r, const struct cols *h,
    const char *input);
void inputs_read(struct followup *f, struct io *io);
/* Finds the records of the row's customer; 0, or -1 with msg set. */
int inputs_row(struct followup *f, const struct rec *rec, char *msg,
    size_t msgsize);
/* Whether audience a holds for the row: 1, 0, or -1 with msg set. */
int inputs_holds(struct inputs *in, long a, const struct rec *rec,
    char *msg, size_t msgsize);
void inputs_report(struct followup *f, struct io *io);
void inputs_free(struct inputs *in);

/* The fields of a task, kept in a struct hold, then the carried columns. */
enum { T_AGENT, T_CUSTOMER, T_POLICY, T_TASK, T_NOTE, NTF };

struct task {
	int due, occ;
	const struct trigger *t;
	struct hold h;
};

struct tasks {
	struct task *k;
	size_t n, cap;
	struct arena kept;	/* the tasks' fields */
	struct cols seen;	/* trigger, customer, policy, occasion, task */
	char *key;		/* the key of the task in hand */
	size_t keycap;
	char *what, *note;	/* a task's text and note, reused */
	size_t whatcap, notecap;
	struct rec parts;	/* a task's fields, while it is made */
	unsigned long duplicates;
};

/*
 * A task of trigger t for the row rec, on the occasion occ, when its due
 * day falls in the window.  what, when not NULL, follows the task's name
 * in brackets (a holiday, an event, a service's type); policy, when not
 * NULL, is the task's policy instead of the row's; extra, when not empty,
 * follows the trigger's note (a gift, an occasion's note).
 */
void task(struct followup *f, const struct trigger *t, const struct rec *rec,
    int occ, const char *what, const char *policy, const char *extra);
/* The key of task k, for one task per key and for its UID, in *len. */
const char *tasks_key(struct followup *f, const struct task *k, size_t *len);
/* Drops the tasks from from on whose key a task listed before has. */
void tasks_keep_new(struct followup *f, size_t from);
const char *tasks_part(const struct task *k, size_t i);

/*
 * A row of the list as its order sees it: its days, and its fields, those
 * of a task (h, by T_) or of a row of a list (f, by C_), read only as far
 * as the order needs them.
 */
struct taskkey {
	int due, occ;		/* with merge: true, the first occasion */
	const struct hold *h;	/* a task's fields, or NULL for */
	char *const *f;		/* a list's row */
};

/*
 * The list's order: due day, agent, customer, task and policy (as bytes),
 * then occasion; <0, 0 or >0.  The sort of the tasks and --merge of
 * lists both order by it.
 */
int tasks_order(const struct taskkey *a, const struct taskkey *b);
void tasks_write(struct followup *f, struct io *io);
void tasks_free(struct tasks *ts);

/* The output's columns, in order, then the carried ones. */
enum {
	C_DUE, C_OCC, C_AGENT, C_CUSTOMER, C_POLICY, C_TASK, C_CHANNEL,
	C_NOTE, NCOL
};

#define NJOIN 5		/* merged: occasion, policy, task, channel, note */

/* A row of the list: one task, or with merge: true several. */
struct outrow {
	char due[11], occ[11];
	const char **f;		/* NCOL + the carried columns */
	char *join[NJOIN];
	size_t joinlen[NJOIN], joincap[NJOIN];
};

size_t tasks_row(const struct followup *f, size_t i, struct outrow *o);
void outrow_free(struct outrow *o);

struct calendars {
	const char *dir;		/* --ics */
	struct ics *ics;
	const char *name;		/* calendar: name: the column, or NULL */
	const struct ynode *namenode;
	long namecol;
	int alarm;			/* minutes after the day starts, or -1 */
	char *last;			/* the agent checked last */
	size_t lastlen, lastcap;	/* with its NUL */
};

void calendars_load(struct calendars *c, struct rules *r,
    const struct ynode *m);
void calendars_open(struct followup *f, struct io *io);
/* With --ics, whether the row's agent can name a calendar: 0, or -1. */
int calendars_row(struct followup *f, const struct rec *rec, char *msg,
    size_t msgsize);
void calendars_write(struct followup *f, const struct cols *out,
    const size_t *rows, size_t n);
void calendars_free(struct calendars *c);

/*
 * --merge: FILE and the FILE operands after it are lists that cm-followup
 * wrote (the parts of a split run), each sorted; they are merged in the
 * list's order (tasks_order()), a row that ties going to the list named
 * first, and written as the list of one run.  FILE's rows arrive through
 * row() as a run's do; the other lists are read a row at a time, the
 * next row of each kept in a heap, so that the memory does not grow
 * with their length.
 */
struct list {
	struct side s;		/* the lists after FILE; unused for FILE */
	struct taskkey key;	/* the row in hand */
	struct taskkey last;	/* the row before it, its fields in lastf */
	char *lastf[NCOL];	/* and text, kept to check that the list is */
	char *text;		/* in order */
	size_t textcap;
	unsigned long line;	/* the line the row before started on */
};

struct lists {
	int on;			/* --merge */
	struct list *l;		/* FILE's, then the others' */
	size_t n;
	size_t *heap;		/* the lists after FILE with a row in hand */
	size_t nheap;
};

void lists_bind(struct followup *f, struct io *io);
void lists_open(struct followup *f, struct io *io);
void lists_row(struct followup *f, struct io *io, const struct rec *rec);
void lists_end(struct followup *f, struct io *io);
void lists_free(struct lists *ls);

struct followup {
	const char *cust, *agent, *policy, *phone;
	size_t ccol, acol;
	long pcol;
	int merge;
	struct trigger *t;
	size_t nt;
	const char **carry;		/* carry: the columns, as in the rules */
	size_t ncarry;
	size_t *carrycol;		/* in the input */
	long phonecarry;		/* phone: its place in carry, or -1 */
	struct events ev;		/* the rules' events: */
	const char *lunar_value;	/* birthday_calendar value meaning lunar */
	int from, to;			/* the window, both ends in */
	int from_set, to_set;		/* --from, --to */
	long days;			/* --days, or 0 */
	struct inputs in;
	struct tasks ts;
	struct calendars cal;
	struct lists lists;		/* --merge */
	size_t ncol;			/* the output's columns */
	unsigned long rows_due, rows_none;	/* rows with and without a task */
};

/* main.c: the output's columns under the rules, in s (bind()). */
void followup_columns(struct followup *f, struct rules *r, struct schema *s);

/* triggers.c */
void triggers_load(struct followup *f, struct rules *r, const struct ynode *list);
void triggers_bind(struct followup *f, struct rules *r, const struct cols *h,
    const char *input);
/*
 * The holidays of each trigger due in the window, the same for every row;
 * a lunar holiday the window could hold but the calendar cannot date
 * exits 1.
 */
void triggers_window(struct followup *f);
int parse_offset(const char *s, struct offset *o);
void triggers_free(struct followup *f);

/* occasions.c */
int known_holiday(const struct followup *f, const char *name);
int holiday_of_seeds(const char *name);
int holiday_could_fall(const char *name, int y, int lo, int hi);
int year_of(int days);
/* The date of a holiday of the seeds in year y: 0, or -1 out of range. */
int holiday_on(const char *name, int y, int *date);

int occ_after(struct followup *, const struct trigger *, const struct rec *,
    int, char *, size_t);
int occ_yearly(struct followup *, const struct trigger *, const struct rec *,
    int, char *, size_t);
int occ_birthday(struct followup *, const struct trigger *,
    const struct rec *, int, char *, size_t);
int occ_holidays(struct followup *, const struct trigger *,
    const struct rec *, int, char *, size_t);
int occ_recurring(struct followup *, const struct trigger *,
    const struct rec *, int, char *, size_t);
int occ_company(struct followup *, const struct trigger *,
    const struct rec *, int, char *, size_t);
int occ_service(struct followup *, const struct trigger *,
    const struct rec *, int, char *, size_t);
int occ_customer(struct followup *, const struct trigger *,
    const struct rec *, int, char *, size_t);

#endif
