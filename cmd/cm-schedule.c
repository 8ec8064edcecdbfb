/*
 * cm-schedule: lay out each agent's visits for one week.
 *
 * Rows are held per agent until the input ends, or, when the input comes
 * grouped by agent (io_grouped()), until the agent's last row; then, agent
 * by agent, in the order of their first rows (last week's agents first),
 * last week's missed visits (--carryover) are placed first, then the rows
 * of each plan in the rules' order, each plan by its own way of placing:
 * the earliest free times (first, fill), one area a day (area), two or
 * three days before a company event (event), or a fixed weekly call
 * (weekly).  A row that finds no place stays in the output, unscheduled,
 * with the reason.
 */
#include <limits.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cond.h"
#include "../common/date.h"
#include "../common/err.h"
#include "../common/events.h"
#include "../common/hold.h"
#include "../common/ics.h"
#include "../common/rules.h"
#include "../common/side.h"
#include "../common/table.h"
#include "../common/tool.h"
#include "../common/words.h"

#ifndef CM_VERSION
#define CM_VERSION "0"
#endif

#define NOPLAN ((size_t)0xFFFFFFFF)	/* a visit's plan fits 32 bits */
#define MAXACTIONS 0xFFFE		/* and its action's number 16 */
#define MAXBEFORE 7

enum place { P_FIRST, P_FILL, P_AREA, P_EVENT, P_WEEKLY };

static const struct rules_word place_words[] = {
	{ "first", P_FIRST, 0 }, { "fill", P_FILL, 0 }, { "area", P_AREA, 0 },
	{ "event", P_EVENT, 0 }, { "weekly", P_WEEKLY, 0 }, { NULL, 0, 0 }
};

/* An action of a plan, when its condition holds (尊享拜访计划). */
struct action {
	struct cond *when;		/* NULL: the default, last */
	const char *text;
};

struct plan {
	char *name;
	struct cond *when;
	const struct ynode *at;		/* the plan, for messages */
	struct action *act;		/* the first whose when holds */
	size_t nact;
	enum place place;
	const char *mark;
	const char *area;		/* area: the column, as named in rules */
	size_t areacol;
	int before[MAXBEFORE];		/* event: days before, tried in order */
	size_t nbefore;
	int day;			/* weekly: 1 Monday ... 7 Sunday */
	const char *time;		/* weekly */
};

/*
 * A row to place, kept by the million until the input ends: 56 bytes
 * beside its text (hold.h), so its words are numbers (the plan's, the
 * action's, the time's and the reason's), read through the functions
 * below.
 */
struct visit {
	struct hold h;
	struct visit *next;		/* the agent's next, in input order */
	uint32_t placed;		/* the order it was placed in, in
					   its agent's week */
	int32_t date;			/* the day, or -1 when unscheduled */
	uint32_t mark;			/* 0, MARK_PLAN or MARK_EVENT + e */
	uint32_t plan;			/* NOPLAN, or its index */
	uint16_t action;		/* its plan's action + 1, or 0 */
	uint16_t time;			/* 0 for "", times[time - 1], or
					   TIME_PLAN */
	uint8_t reason;			/* a word (W_*) + 1, or 0 */
	uint8_t carry;			/* a make-up visit from --carryover */
};

_Static_assert(sizeof(void *) != 8 || sizeof(struct visit) == 56,
    "a visit is 56 bytes, as make bench counts it");

enum { MARK_PLAN = 1, MARK_EVENT = 2 };

/* A visit to sort, with its time's text and its place in input order. */
struct when {
	struct visit *v;
	const char *time;
	size_t at;
};
#define TIME_PLAN 0xFFFF

/*
 * An agent's visits, a list in input order: its make-up visits first, the
 * ncarry up to carry_last, which stay to the end of the run (check_carried
 * reads them), and then the week's rows.
 */
struct agent {
	struct visit *first, *last, *carry_last;
	size_t n, ncarry;
	int ended;			/* grouped: its last row is read */
};

/* Output columns the tool writes. */
enum {
	C_DATE, C_WEEKDAY, C_TIME, C_PLAN, C_ACTION, C_MARK, C_CARRY,
	C_STATUS, C_REASON, NCOL
};

/*
 * The words the tool writes into its data, which words: of the rules may
 * give in the branch's language (words.h): the statuses, the reasons a
 * row is left unscheduled, the carryover column's mark of a make-up visit
 * and the weekdays, Monday first.
 */
enum {
	W_SCHEDULED, W_UNSCHEDULED, W_WEEK_FULL, W_NO_DAY, W_NO_EVENT,
	W_NO_PLAN, W_LISTED, W_CARRY, W_MONDAY, W_N = W_MONDAY + 7
};

static const char *const english[W_N + 1] = {
	"scheduled", "unscheduled", "week full",
	"no day before the event left", "no event this week",
	"no plan matched", "customer already listed this week",
	"make-up visit", "Monday", "Tuesday", "Wednesday", "Thursday",
	"Friday", "Saturday", "Sunday", NULL
};

/*
 * The mark and the weekdays were written in Chinese before words: had
 * them, and stay so without words: (cm-schedule(1), Words).
 */
static const char *const fixed[W_N] = {
	[W_CARRY] = "补访",
	[W_MONDAY] = "周一", "周二", "周三", "周四", "周五", "周六", "周日"
};

static const char *const col_names[NCOL] = {
	"date", "weekday", "time", "plan", "action", "mark", "carryover",
	"status", "reason"
};

/*
 * --ics DIR: each agent's week of visits as a calendar (ics.h), by the
 * rules' calendar: {name, alarm, length, carry, phone}.
 */
struct calendar {
	const char *dir;
	struct ics *ics;
	const char *name;		/* the column of the agent's name */
	const struct ynode *namenode;
	long namecol;
	long alarm;			/* minutes before a visit, or -1 */
	long length;			/* a visit's minutes */
	const struct ynode *carry;	/* columns for the summary */
	size_t *carrycol;
	long phone;			/* the carried phone, or -1 */
};

struct sched {
	int day, week_set;		/* --week, or today */
	const char *carry_path, *events_path, *unsched_path;
	int strict;			/* --strict */
	char *carry_name;		/* --carryover's, for messages */
	struct csvout *unsched;		/* --unscheduled */
	const char *group_by, *key, *area;
	size_t gcol, kcol;
	int start;			/* first weekday of the week, 1..7 */
	int work[7];			/* work[i]: day i of the week is worked */
	const char **times;		/* the visit times of a day, or NULL */
	size_t ntimes;
	long per_day;			/* contacts a day, without times */
	struct plan *p;
	size_t np;
	struct events ev;
	const char *done_column;
	const struct ynode *done;	/* the values that mean done */
	int week0;			/* the week's first day */
	size_t nin;
	size_t col[NCOL];
	struct table agents;		/* id -> struct agent, by first
					   appearance */
	struct arena kept;		/* the visits and their rows */
	int grouped;			/* the input is (io_grouped()) */
	struct arena rows;		/* grouped: the week's visits of the
					   agents not yet written */
	char *cur;			/* grouped: the agent of the last row */
	size_t curcap;
	long curidx;			/* and its index, or -1 */
	size_t next_out;		/* the first agent not yet written */
	size_t waiting;			/* agents ended but not written */
	size_t *map;			/* --carryover: its column of each of
					   this week's, or (size_t)-1 */
	struct rec row;			/* a make-up visit, this week's columns */
	struct cols carried;		/* customers with a make-up visit */
	unsigned char *merged_key;	/* by carried's index: the customer
					   is in this week's input too */
	unsigned long placed;
	struct cols listed;		/* customers of this week's input, by
					   their visit's key field */
	struct cols in_agents;		/* every agent of it */
	struct visit **batch;		/* an agent's visits of one plan */
	struct when *sorted;		/* and all of them, placed */
	size_t batchcap, sortedcap;
	unsigned long lost_agents, lost_keys;	/* make-up visits of ones
						   not in it */
	unsigned long merged, carryover, done_last_week, repeated;
	unsigned long scheduled, unscheduled;
	struct calendar cal;		/* --ics */
	const char *word[W_N];		/* words:, or the English */
};

enum { O_CARRY, O_EVENTS, O_ICS, O_STRICT, O_UNSCHED, O_WEEK };

static const struct tool_option options[] = {
	{ "carryover", TOOL_INPUT, O_CARRY },
	{ "events", TOOL_INPUT, O_EVENTS },
	{ "ics", TOOL_VALUE, O_ICS },
	{ "strict", TOOL_FLAG, O_STRICT },
	{ "unscheduled", TOOL_OUTPUT, O_UNSCHED },
	{ "week", TOOL_VALUE, O_WEEK },
	{ NULL, TOOL_FLAG, 0 }
};

static int
option(void *self, int code, const char *arg)
{
	struct sched *s = self;

	switch (code) {
	case O_CARRY:
		s->carry_path = arg;
		break;
	case O_EVENTS:
		s->events_path = arg;
		break;
	case O_ICS:
		if (*arg == '\0') {
			err_warn("--ics: a directory, not ''");
			return -1;
		}
		s->cal.dir = arg;
		break;
	case O_STRICT:
		s->strict = 1;
		break;
	case O_UNSCHED:
		s->unsched_path = arg;
		break;
	case O_WEEK:
		s->week_set = 1;
		return opt_date("--week", arg, &s->day);
	}
	return 0;
}

static void
options_done(void *self, struct io *io)
{
	struct sched *s = self;

	if (!s->week_set)
		s->day = io->o.today;
}

static void
load_week(struct rules *r, struct sched *s, const struct ynode *w)
{
	static const char *const keys[] = {
		"start", "days", "times", "per_day", NULL
	};
	static const char *const need[] = { "days", NULL };
	const struct ynode *x;
	size_t i;
	int d;

	if (rules_want(r, w, Y_MAP, "week") < 0 ||
	    rules_keys(r, w, keys, need) < 0)
		return;
	s->start = 1;
	if ((x = rules_get(w, "start")) != NULL && (d = rules_weekday(r, x)))
		s->start = d;
	x = rules_get(w, "days");
	if (rules_want(r, x, Y_SEQ, "days") == 0)
		for (i = 0; i < x->n; i++)
			if ((d = rules_weekday(r, x->kid[i])) != 0)
				s->work[(d - s->start + 7) % 7] = 1;
	x = rules_get(w, "times");
	if (x != NULL && rules_want(r, x, Y_SEQ, "times") == 0) {
		s->times = err_calloc(x->n + 1, sizeof(*s->times));
		for (i = 0; i < x->n; i++) {
			if (rules_time(r, x->kid[i], "times") < 0)
				continue;
			if (s->ntimes > 0 &&
			    strcmp(s->times[s->ntimes - 1], x->kid[i]->str) >= 0)
				rules_error(r, x->kid[i], "times must rise "
				    "through the day");
			s->times[s->ntimes++] = x->kid[i]->str;
		}
	}
	if ((x = rules_get(w, "per_day")) != NULL)
		rules_count(r, x, "per_day", 1, LONG_MAX - 1, &s->per_day);
	if ((s->times != NULL) == (s->per_day > 0))
		rules_error(r, w, "week needs either times (one visit at each) "
		    "or per_day (contacts a day)");
}

/*
 * A plan's action: one, or a list of {when, action}, the first whose
 * condition holds, ending with one without when, the default.
 */
static void
load_actions(struct rules *r, const struct ynode *v, struct plan *p)
{
	static const char *const keys[] = { "when", "action", NULL };
	static const char *const need[] = { "action", NULL };
	const struct ynode *x;
	size_t i;

	p->act = err_calloc(v->type == Y_SEQ ? v->n + 1 : 1, sizeof(*p->act));
	if (v->type == Y_SCALAR) {
		p->act[p->nact++].text = v->str;
		return;
	}
	if (rules_want(r, v, Y_SEQ, "action") < 0)
		return;
	if (v->n > MAXACTIONS)
		rules_error(r, v, "a plan has at most %d actions", MAXACTIONS);
	for (i = 0; i < v->n; i++) {
		x = v->kid[i];
		if (rules_want(r, x, Y_MAP, _("an action")) < 0 ||
		    rules_keys(r, x, keys, need) < 0)
			continue;
		p->act[p->nact].text = rules_scalar(r, x, "action", "");
		if (rules_get(x, "when") != NULL)
			p->act[p->nact].when = cond_compile(r,
			    rules_get(x, "when"));
		else if (i + 1 < v->n)
			rules_error(r, x, "only the last action may be without "
			    "when: it is the default");
		p->nact++;
	}
	if (v->n == 0 || rules_get(v->kid[v->n - 1], "when") != NULL)
		rules_error(r, v, "a list of actions ends with one without "
		    "when, the default");
}

static void
load_plan(struct rules *r, const struct ynode *v, struct plan *p, size_t pos)
{
	static const char *const keys[] = {
		"name", "when", "action", "place", "mark", "area", "before",
		"day", "time", NULL
	};
	static const char *const need[] = { "action", "place", NULL };
	const struct ynode *x;
	size_t i;
	long n;
	int place;

	p->name = rules_name(r, NULL, pos);
	p->at = v;
	if (rules_want(r, v, Y_MAP, _("a plan")) < 0 ||
	    rules_keys(r, v, keys, need) < 0)
		return;
	free(p->name);
	p->name = rules_name(r, v, pos);
	if ((x = rules_get(v, "when")) != NULL)
		p->when = cond_compile(r, x);
	load_actions(r, rules_get(v, "action"), p);
	p->mark = rules_scalar(r, v, "mark", NULL);
	if ((place = rules_enum(r, rules_get(v, "place"), "place",
	    place_words, NULL)) >= 0)
		p->place = (enum place)place;
	p->area = rules_scalar(r, v, "area", p->area);
	p->before[0] = 3;
	p->before[1] = 2;
	p->nbefore = 2;
	if ((x = rules_get(v, "before")) != NULL &&
	    rules_want(r, x, Y_SEQ, "before") == 0) {
		p->nbefore = 0;
		if (x->n > MAXBEFORE)
			rules_error(r, x, "before lists at most %d counts",
			    MAXBEFORE);
		for (i = 0; i < x->n && i < MAXBEFORE; i++)
			if (rules_count(r, x->kid[i], "before (days)", 1,
			    MAXBEFORE, &n) == 0)
				p->before[p->nbefore++] = (int)n;
	}
	if ((x = rules_get(v, "day")) != NULL)
		p->day = rules_weekday(r, x);
	if ((x = rules_get(v, "time")) != NULL && rules_time(r, x, "time") >= 0)
		p->time = x->str;
	if (p->place == P_WEEKLY && (p->day == 0 || p->time == NULL))
		rules_error(r, v, "a weekly plan needs day and time");
}

static void
load_carryover(struct rules *r, struct sched *s, const struct ynode *c)
{
	static const char *const keys[] = { "done_column", "done", NULL };
	const struct ynode *x;
	size_t i;

	if (rules_want(r, c, Y_MAP, "carryover") < 0)
		return;
	rules_keys(r, c, keys, NULL);
	s->done_column = rules_scalar(r, c, "done_column", s->done_column);
	if ((x = rules_get(c, "done")) != NULL &&
	    rules_want(r, x, Y_SEQ, "done") == 0) {
		for (i = 0; i < x->n; i++)
			rules_want(r, x->kid[i], Y_SCALAR, _("a value"));
		s->done = x;
	}
}

static void
load_calendar(struct rules *r, struct calendar *c, const struct ynode *m)
{
	static const char *const keys[] = {
		"name", "alarm", "length", "carry", "phone", NULL
	};
	const struct ynode *x;
	size_t i;

	if (rules_want(r, m, Y_MAP, "calendar") < 0 ||
	    rules_keys(r, m, keys, NULL) < 0)
		return;
	if ((x = rules_get(m, "name")) != NULL &&
	    rules_want(r, x, Y_SCALAR, "name") == 0) {
		c->name = x->str;
		c->namenode = x;
	}
	if ((x = rules_get(m, "alarm")) != NULL)
		rules_count(r, x, "alarm (minutes before)", 0, 10080, &c->alarm);
	if ((x = rules_get(m, "length")) != NULL)
		rules_count(r, x, "length (minutes)", 1, 1440, &c->length);
	if ((x = rules_get(m, "carry")) != NULL &&
	    rules_want(r, x, Y_SEQ, "carry") == 0) {
		for (i = 0; i < x->n; i++)
			rules_want(r, x->kid[i], Y_SCALAR, _("a column"));
		c->carry = x;
	}
	if ((x = rules_get(m, "phone")) == NULL ||
	    rules_want(r, x, Y_SCALAR, "phone") < 0)
		return;
	for (i = 0; c->carry != NULL && i < c->carry->n; i++)
		if (strcmp(c->carry->kid[i]->str, x->str) == 0)
			c->phone = (long)i;
	if (c->phone < 0)
		rules_error(r, x, "phone names a column that carry does not "
		    "list: '%s'", x->str);
}

static void
load(void *self, struct io *io)
{
	static const char *const keys[] = {
		"group_by", "key", "area", "week", "events", "carryover",
		"calendar", "plans", "words", NULL
	};
	static const char *const need[] = {
		"group_by", "key", "week", "plans", NULL
	};
	struct sched *s = self;
	struct rules *r = io->r;
	const struct ynode *x;
	size_t i;

	s->done_column = "done";
	s->cal.alarm = -1;
	s->cal.length = 60;
	s->cal.namecol = -1;
	s->cal.phone = -1;
	words_load_as(r, NULL, english, fixed, s->word);
	if (r->root == NULL || rules_keys(r, r->root, keys, need) < 0)
		return;
	if ((x = rules_get(r->root, "calendar")) != NULL)
		load_calendar(r, &s->cal, x);
	words_load_as(r, rules_get(r->root, "words"), english, fixed,
	    s->word);
	s->group_by = rules_scalar(r, r->root, "group_by", NULL);
	s->key = rules_scalar(r, r->root, "key", NULL);
	s->area = rules_scalar(r, r->root, "area", "region");
	load_week(r, s, rules_get(r->root, "week"));
	if ((x = rules_get(r->root, "events")) != NULL)
		events_rules(&s->ev, r, x);
	if ((x = rules_get(r->root, "carryover")) != NULL)
		load_carryover(r, s, x);
	x = rules_get(r->root, "plans");
	if (rules_want(r, x, Y_SEQ, "plans") < 0)
		return;
	if (x->n == 0)
		rules_error(r, x, "a calendar needs at least one plan");
	s->p = err_calloc(x->n + 1, sizeof(*s->p));
	s->np = x->n;
	for (i = 0; i < x->n; i++)
		load_plan(r, x->kid[i], &s->p[i], i);
}

static void
bind(void *self, struct io *io)
{
	struct sched *s = self;
	struct rules *r = io->r;
	const struct cols *header = io_header(io);
	const char *input = io_name(io);
	const struct ynode *root = r->root, *at;
	size_t i, n;
	long k;

	schema_input(&io->schema, header);
	s->nin = header->n;
	k = rules_find(r, rules_get(root, "group_by"), header, s->group_by, input);
	s->gcol = k < 0 ? 0 : (size_t)k;
	k = rules_find(r, rules_get(root, "key"), header, s->key, input);
	s->kcol = k < 0 ? 0 : (size_t)k;
	for (i = 0; i < s->np; i++) {
		if (s->p[i].when != NULL)
			cond_bind(s->p[i].when, r, &io->schema.cols, input);
		for (k = 0; k < (long)s->p[i].nact; k++)
			if (s->p[i].act[k].when != NULL)
				cond_bind(s->p[i].act[k].when, r,
				    &io->schema.cols, input);
		if (s->p[i].place != P_AREA)
			continue;
		at = rules_get(s->p[i].at, "area");
		if (at == NULL)
			at = rules_get(root, "area");
		k = rules_find(r, at ? at : s->p[i].at, header,
		    s->p[i].area ? s->p[i].area : s->area, input);
		s->p[i].areacol = k < 0 ? 0 : (size_t)k;
	}
	for (i = 0; i < NCOL; i++)
		s->col[i] = schema_col(&io->schema, r, col_names[i]);
	table_init(&s->agents, sizeof(struct agent));
	if (s->cal.name != NULL)
		s->cal.namecol = rules_find(r, s->cal.namenode, header,
		    s->cal.name, input);
	n = s->cal.carry != NULL ? s->cal.carry->n : 0;
	s->cal.carrycol = err_calloc(n + 1, sizeof(*s->cal.carrycol));
	for (i = 0; i < n; i++) {
		k = rules_find(r, s->cal.carry->kid[i], header,
		    s->cal.carry->kid[i]->str, input);
		s->cal.carrycol[i] = k < 0 ? 0 : (size_t)k;
	}
}

/* The agent of id; valid until the next agent is added. */
static struct agent *
agent_of(struct sched *s, const char *id)
{
	return table_at(&s->agents, table_intern(&s->agents, id, NULL));
}

/*
 * A visit of the row rec for agent a, in the arena in: the week's rows of a
 * grouped input go where they can be given back once written.
 */
static struct visit *
add_visit(struct agent *a, const struct rec *rec,
    struct arena *in)
{
	struct visit *v = arena_alloc_align(in, sizeof(*v),
	    alignof(struct visit));

	hold_keep(&v->h, rec, in);
	v->date = -1;
	v->plan = NOPLAN;
	if (a->last != NULL)
		a->last->next = v;
	else
		a->first = v;
	a->last = v;
	a->n++;
	return v;
}

/* What a visit's numbers stand for. */
static const char *
reason_of(const struct sched *s, const struct visit *v)
{
	return v->reason == 0 ? NULL : s->word[v->reason - 1];
}

static const char *
action_text(const struct sched *s, const struct visit *v)
{
	return v->action == 0 || v->plan == NOPLAN ? "" :
	    s->p[v->plan].act[v->action - 1].text;
}

static const char *
mark_of(const struct sched *s, const struct visit *v)
{
	const char *m;

	if (v->mark == 0)
		return "";
	m = v->mark == MARK_PLAN ? s->p[v->plan].mark :
	    s->ev.e[v->mark - MARK_EVENT].name;
	return m != NULL ? m : "";
}

static const char *
time_of(const struct sched *s, const struct visit *v)
{
	if (v->time == TIME_PLAN)
		return s->p[v->plan].time;
	return v->time == 0 ? "" : s->times[v->time - 1];
}

/*
 * The action of plan p for a row of fields f and len: 0 with *action set
 * (its number + 1, 0 when none holds), or -1 with msg set when a cell
 * cannot be read.
 */
static int
action_of(const struct plan *p, char *const *f, const size_t *len,
    uint16_t *action, char *msg, size_t msgsize)
{
	size_t i;
	int v;

	*action = 0;
	for (i = 0; i < p->nact; i++) {
		v = p->act[i].when == NULL ? 1 :
		    cond_eval(p->act[i].when, f, len, msg, msgsize);
		if (v < 0)
			return -1;
		if (v) {
			*action = (uint16_t)(i + 1);
			break;
		}
	}
	return 0;
}

/* The plan a row belongs to: 1, 0 when none holds, -1 after rejecting. */
static int
match(struct io *io, struct sched *s, const struct rec *rec, size_t *plan)
{
	size_t i;
	int v;

	for (i = 0; i < s->np; i++) {
		v = io_holds(io, s->p[i].when, rec, rec->f, rec->len);
		if (v < 0)
			return -1;
		if (v) {
			*plan = i;
			return 1;
		}
	}
	*plan = NOPLAN;
	return 0;
}

static int
is_done(const struct sched *s, const char *v, size_t len)
{
	size_t i;

	if (s->done == NULL)
		return (len == 3 && memcmp(v, "yes", 3) == 0) ||
		    (len == 3 && memcmp(v, "是", 3) == 0);
	for (i = 0; i < s->done->n; i++)
		if (s->done->kid[i]->len == len &&
		    memcmp(s->done->kid[i]->str, v, len) == 0)
			return 1;
	return 0;
}

/*
 * With --ics, whether the agent of a row can name a calendar file: 0, or
 * -1 with msg set.  Its calendar is named by the name column of its first
 * row, when the rules give one.
 */
static int
cal_agent(struct sched *s, struct io *io, const struct rec *rec, char *msg,
    size_t msgsize)
{
	struct calendar *c = &s->cal;
	char why[400];

	if (c->ics == NULL || ics_name(c->ics, rec->f[s->gcol],
	    rec->len[s->gcol], c->namecol >= 0 ? rec->f[c->namecol] : NULL,
	    why, sizeof(why)) == 0)
		return 0;
	snprintf(msg, msgsize, _("column '%s': %s"),
	    io_header(io)->names[s->gcol], why);
	return -1;
}

static void
commit_calendars(void *ics)
{
	ics_commit(ics);
}

/* With --ics, a make-up visit's agent must name a calendar file too. */
static void
carry_agent(struct sched *s, struct io *io, struct side *in,
    const struct rec *row)
{
	char msg[512];

	if (cal_agent(s, io, row, msg, sizeof(msg)) < 0)
		side_fail(in, "%s", msg);
}

/*
 * Last week's output: every row not done becomes a make-up visit of its
 * agent, with the columns of this week's input taken by name.
 */
static void
read_carryover(struct io *io, struct sched *s)
{
	const struct cols *names = &io->schema.cols;
	struct rec *row = &s->row;
	struct side in;
	char msg[512];
	size_t i, *map, donecol;
	long plancol;
	struct visit *v;
	struct agent *a;

	side_open(&in, "--carryover", s->carry_path, &io->o.in, NULL);
	s->carry_name = err_strdup(side_name(&in));
	donecol = side_col(&in, rules_column(io->r, s->done_column));
	side_col(&in, names->names[s->gcol]);
	side_col(&in, names->names[s->kcol]);
	map = s->map = err_calloc(s->nin + 1, sizeof(*map));
	for (i = 0; i < s->nin; i++)
		map[i] = (size_t)side_find(&in, names->names[i]);
	plancol = side_find(&in, names->names[s->col[C_PLAN]]);
	rec_reserve(row, s->nin);
	while (side_next(&in)) {
		if (is_done(s, in.rec.f[donecol], in.rec.len[donecol])) {
			s->done_last_week++;
			continue;
		}
		for (i = 0; i < s->nin; i++) {
			row->f[i] = map[i] == (size_t)-1 ? "" : in.rec.f[map[i]];
			row->len[i] = map[i] == (size_t)-1 ? 0 :
			    in.rec.len[map[i]];
		}
		row->n = s->nin;
		row->line = in.rec.line;
		if (row->len[s->gcol] == 0 || row->len[s->kcol] == 0)
			side_fail(&in, "a make-up visit needs '%s' and '%s'",
			    names->names[s->gcol], names->names[s->kcol]);
		carry_agent(s, io, &in, row);
		if (cols_find(&s->carried, row->f[s->kcol]) >= 0)
			continue;	/* listed twice: one make-up visit */
		a = agent_of(s, row->f[s->gcol]);
		v = add_visit(a, row, &s->kept);
		a->carry_last = v;
		a->ncarry++;
		cols_borrow(&s->carried, hold_field(&v->h, s->kcol, NULL));
		v->carry = 1;
		/* the first plan of that name, as the first that holds */
		for (i = 0; plancol >= 0 && i < s->np && v->plan == NOPLAN; i++)
			if (strcmp(s->p[i].name, in.rec.f[plancol]) == 0)
				v->plan = (uint32_t)i;
		if (v->plan == NOPLAN)
			v->reason = W_NO_PLAN + 1;
		else if (action_of(&s->p[v->plan], row->f, row->len, &v->action,
		    msg, sizeof(msg)) < 0)
			side_fail(&in, "%s", msg);
		s->carryover++;
	}
	side_close(&in);
	s->merged_key = err_calloc(s->carried.n + 1, 1);
}

/* The week, the events and last week's visits, and --unscheduled. */
static void
open_week(void *self, struct io *io)
{
	struct sched *s = self;

	s->week0 = s->day - (date_weekday(s->day) - s->start + 7) % 7;
	if (s->cal.dir != NULL) {
		s->cal.ics = ics_start(s->cal.dir, "-//cm//cm-schedule "
		    CM_VERSION "//EN", "cm-schedule", s->week0);
		if (s->times != NULL)
			ics_zone(s->cal.ics);
		if (s->cal.alarm >= 0)
			ics_alarm(s->cal.ics, -(int)s->cal.alarm);
		io_also(io, commit_calendars, s->cal.ics);
	}
	if (s->events_path != NULL)
		events_file(&s->ev, "--events", s->events_path, &io->o.in);
	if (s->carry_path != NULL)
		read_carryover(io, s);
	if (s->unsched_path != NULL) {
		s->unsched = io_output(io, s->unsched_path);
		schema_header(&io->schema, s->unsched);
	}
	/* --strict writes nothing when a make-up visit is lost: all is held
	   to the end, when that is known. */
	s->curidx = -1;
	s->grouped = !s->strict && io_grouped(io, s->gcol);
}

static void follow(struct sched *s, struct io *io, const struct rec *rec);

static void
arrive(void *self, struct io *io, const struct rec *rec)
{
	struct sched *s = self;
	struct agent *a;
	struct visit *v;
	uint16_t action = 0;
	size_t plan, i;
	long k;
	char msg[512];

	if (s->grouped)
		follow(s, io, rec);

	if (rec->len[s->gcol] == 0 || rec->len[s->kcol] == 0) {
		snprintf(msg, sizeof(msg), _("the column '%s' is empty"),
		    io_header(io)->names[rec->len[s->gcol] == 0 ? s->gcol :
		    s->kcol]);
		io_reject(io, rec, msg);
		return;
	}
	if (cal_agent(s, io, rec, msg, sizeof(msg)) < 0) {
		io_reject(io, rec, msg);
		return;
	}
	if (match(io, s, rec, &plan) < 0)
		return;
	if (s->carry_path != NULL)
		cols_intern(&s->in_agents, rec->f[s->gcol], NULL);
	if ((k = cols_find(&s->carried, rec->f[s->kcol])) >= 0) {
		s->merged++;	/* seen once, as last week's make-up visit */
		s->merged_key[k] = 1;
		return;
	}
	if (plan != NOPLAN && action_of(&s->p[plan], rec->f, rec->len,
	    &action, msg, sizeof(msg)) < 0) {
		io_reject(io, rec, msg);
		return;
	}
	i = table_intern(&s->agents, rec->f[s->gcol], NULL);
	a = table_at(&s->agents, i);
	v = add_visit(a, rec, s->grouped ? &s->rows : &s->kept);
	s->curidx = (long)i;
	v->plan = (uint32_t)plan;
	v->action = action;
	if (cols_find(&s->listed, rec->f[s->kcol]) >= 0) {
		/* Once a week: a second row of a customer is kept, not placed. */
		v->reason = W_LISTED + 1;
		s->repeated++;
		return;
	}
	/* A row held to the end lends its key; one written before the end
	   gives its memory back, and the key is copied. */
	if (s->grouped)
		cols_add(&s->listed, rec->f[s->kcol]);
	else
		cols_borrow(&s->listed, hold_field(&v->h, s->kcol, NULL));
	if (plan == NOPLAN)
		v->reason = W_NO_PLAN + 1;
}

/* One agent's week: how full each day is, and the area it is given to. */
struct week {
	size_t used[7];
	char *area[7];
	size_t cap;
};

static void
put(struct sched *s, struct visit *v, struct week *w, int day)
{
	v->date = s->week0 + day;
	v->placed = (uint32_t)++s->placed;
	v->time = s->times != NULL ? (uint16_t)(w->used[day] + 1) : 0;
	w->used[day]++;
}

/* The earliest worked day with a free time, from day on, or -1. */
static int
free_day(const struct sched *s, const struct week *w, int day,
    const char *area)
{
	for (; day < 7; day++)
		if (s->work[day] && w->used[day] < w->cap &&
		    (area == NULL || w->area[day] == NULL ||
		    strcmp(w->area[day], area) == 0))
			return day;
	return -1;
}

static void
place_first(struct sched *s, struct week *w, struct visit **v, size_t n)
{
	size_t i;
	int d;

	for (i = 0; i < n; i++) {
		if ((d = free_day(s, w, 0, NULL)) < 0) {
			v[i]->reason = W_WEEK_FULL + 1;
			continue;
		}
		put(s, v[i], w, d);
		v[i]->mark = MARK_PLAN;
	}
}

static const char *
area_of(const struct sched *s, const struct visit *v)
{
	return hold_field(&v->h, s->p[v->plan].areacol, NULL);
}

/*
 * One area a day: the areas by their number of rows, largest first (ties
 * by first appearance), each given the first worked day no other area has,
 * and the next such day when it overflows.
 */
static void
place_area(struct sched *s, struct week *w, struct visit **v, size_t n)
{
	struct cols areas = { 0 };
	size_t *count, *order, *area, i, j, t;
	const char *name;
	int d;

	/* Each visit's area, found once: its row is split only here. */
	area = err_calloc(n + 1, sizeof(*area));
	for (i = 0; i < n; i++)
		area[i] = cols_intern(&areas, area_of(s, v[i]), NULL);
	count = err_calloc(areas.n + 1, sizeof(*count));
	order = err_calloc(areas.n + 1, sizeof(*order));
	for (i = 0; i < n; i++)
		count[area[i]]++;
	for (i = 0; i < areas.n; i++)
		order[i] = i;
	for (i = 1; i < areas.n; i++)	/* insertion sort: stable */
		for (j = i; j > 0 && count[order[j]] > count[order[j - 1]]; j--) {
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (j = 0; j < areas.n; j++) {
		name = areas.names[order[j]];
		d = free_day(s, w, 0, name);
		for (i = 0; i < n; i++) {
			if (area[i] != order[j])
				continue;
			if (d >= 0 && w->used[d] == w->cap)
				d = free_day(s, w, d + 1, name);
			if (d < 0) {
				v[i]->reason = W_WEEK_FULL + 1;
				continue;
			}
			if (w->area[d] == NULL)
				w->area[d] = err_strdup(name);
			put(s, v[i], w, d);
		}
	}
	free(area);
	free(count);
	free(order);
	cols_free(&areas);
}

/*
 * Two or three days before a company event: the events from the week's
 * start on, nearest first; for each, the days before it in the plan's
 * order that fall on a worked day of this week with a free time.
 */
static void
place_event(struct sched *s, struct week *w, struct visit **v, size_t n)
{
	const struct plan *p;
	size_t i, e, b;
	int d, inweek, seen;

	for (i = 0; i < n; i++) {
		p = &s->p[v[i]->plan];
		inweek = seen = 0;
		for (e = 0; e < s->ev.n && v[i]->date < 0; e++) {
			if (s->ev.e[e].date < s->week0 ||
			    s->ev.e[e].date > s->week0 + 6 + MAXBEFORE)
				continue;
			seen = 1;
			for (b = 0; b < p->nbefore && v[i]->date < 0; b++) {
				d = s->ev.e[e].date - p->before[b] - s->week0;
				if (d < 0 || d > 6 || !s->work[d])
					continue;
				inweek = 1;
				if (w->used[d] < w->cap) {
					put(s, v[i], w, d);
					v[i]->mark = (uint32_t)(MARK_EVENT + e);
				}
			}
		}
		if (v[i]->date >= 0)
			continue;
		v[i]->reason = (uint8_t)(1 + (inweek ? W_WEEK_FULL : seen ?
		    W_NO_DAY : W_NO_EVENT));
	}
}

static void
place_weekly(struct sched *s, struct visit **v, size_t n)
{
	const struct plan *p;
	size_t i;

	for (i = 0; i < n; i++) {
		p = &s->p[v[i]->plan];
		v[i]->date = s->week0 + (p->day - s->start + 7) % 7;
		v[i]->placed = (uint32_t)++s->placed;
		v[i]->time = TIME_PLAN;
	}
}

static void
place(struct sched *s, struct week *w, size_t plan, struct visit **v, size_t n)
{
	switch (s->p[plan].place) {
	case P_FIRST:
	case P_FILL:
		place_first(s, w, v, n);
		break;
	case P_AREA:
		place_area(s, w, v, n);
		break;
	case P_EVENT:
		place_event(s, w, v, n);
		break;
	case P_WEEKLY:
		place_weekly(s, v, n);
		break;
	}
}

static int
by_when(const void *a, const void *b)
{
	const struct when *p = a, *q = b;
	const struct visit *x = p->v, *y = q->v;
	int c;

	if ((x->date < 0) != (y->date < 0))
		return x->date < 0 ? 1 : -1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->date >= 0 && (c = strcmp(p->time, q->time)) != 0)
		return c;
	if (x->placed != y->placed)
		return x->placed < y->placed ? -1 : 1;
	return (p->at > q->at) - (p->at < q->at);
}

/*
 * An agent's week: make-up visits first, plan by plan, then the new rows
 * plan by plan; then the rows in date and time order, into s->av.
 */
static void
schedule(struct sched *s, const struct agent *a)
{
	struct week w = { { 0 }, { NULL }, 0 };
	struct visit **batch, *v;
	struct when *sorted;
	size_t pass, p, i, n;

	err_grow(&s->batch, &s->batchcap, a->n, sizeof(*s->batch));
	err_grow(&s->sorted, &s->sortedcap, a->n, sizeof(*s->sorted));
	batch = s->batch;
	sorted = s->sorted;
	for (i = 0, v = a->first; v != NULL; v = v->next, i++) {
		sorted[i].v = v;
		sorted[i].at = i;
	}
	s->placed = 0;
	w.cap = s->times != NULL ? s->ntimes : (size_t)s->per_day;
	for (pass = 0; pass < 2; pass++) {
		for (p = 0; p < s->np; p++) {
			for (n = i = 0; i < a->n; i++) {
				v = sorted[i].v;
				if (v->plan == p && v->reason == 0 &&
				    v->carry == (pass == 0))
					batch[n++] = v;
			}
			place(s, &w, p, batch, n);
		}
	}
	for (i = 0; i < 7; i++)
		free(w.area[i]);
	for (i = 0; i < a->n; i++)
		sorted[i].time = time_of(s, sorted[i].v);
	qsort(sorted, a->n, sizeof(*sorted), by_when);
}


static void
write_visit(struct io *io, struct sched *s, const struct visit *v)
{
	const struct plan *p = v->plan == NOPLAN ? NULL : &s->p[v->plan];
	struct schema *sc = &io->schema;
	char date[DATE_LEN + 1] = "";

	schema_hold(sc, &v->h);
	if (v->date >= 0)
		date_format(v->date, date);
	schema_put(sc, s->col[C_DATE], date);
	schema_put(sc, s->col[C_WEEKDAY], v->date >= 0 ?
	    s->word[W_MONDAY + date_weekday(v->date) - 1] : "");
	schema_put(sc, s->col[C_TIME], v->date >= 0 ? time_of(s, v) : "");
	schema_put(sc, s->col[C_PLAN], p ? p->name : "");
	schema_put(sc, s->col[C_ACTION], action_text(s, v));
	schema_put(sc, s->col[C_MARK], mark_of(s, v));
	schema_put(sc, s->col[C_CARRY], v->carry ? s->word[W_CARRY] : "");
	schema_put(sc, s->col[C_STATUS], s->word[v->date >= 0 ? W_SCHEDULED :
	    W_UNSCHEDULED]);
	schema_put(sc, s->col[C_REASON], v->date >= 0 || v->reason == 0 ?
	    "" : reason_of(s, v));
	if (v->date < 0 && s->unsched != NULL) {
		schema_write(sc, s->unsched);
		return;
	}
	io_write(io);
}

/* id with its leading zeros dropped. */
static const char *
unpadded(const char *id)
{
	while (id[0] == '0' && id[1] != '\0')
		id++;
	return id;
}

/* The name of c (of those only[] marks, when given) that is id padded
 * with other leading zeros, or NULL. */
static const char *
near_id(const struct cols *c, const unsigned char *only, const char *id)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if ((only == NULL || only[i]) &&
		    strcmp(unpadded(c->names[i]), unpadded(id)) == 0)
			return c->names[i];
	return NULL;
}

/*
 * An id of a make-up visit (an agent or a customer) that this week's
 * input does not have: a warning naming the line of last week's file and,
 * when this week's input has the id with other leading zeros (a
 * spreadsheet drops them), that id; or a data error with --strict.
 */
static void
lost(struct sched *s, const char *near, const char *id, const char *what,
    unsigned long line)
{
	err_warn("%s:%lu: %s '%s' of a make-up visit is not in this week's "
	    "input%s%s%s", s->carry_name, line, what, id, near ? "; '" : "",
	    near ? near : "", near ?
	    _("' is (leading zeros lost in a spreadsheet?)") : "");
	if (s->strict)
		err_quit(EXIT_DATA);
}

/*
 * Last week's visits whose agent or customer this week's input lacks:
 * each agent warned about once, each customer at its visit.  A customer
 * of a make-up visit is in the input when a row of it was merged into
 * the visit; one that is not may be there with other zeros, in a visit
 * of its own or merged into another.
 */
static void
check_carried(struct sched *s)
{
	const struct visit *v;
	const struct agent *a;
	const char *agent, *key, *near;
	size_t i;
	int warned;

	for (i = 0; s->carry_path != NULL && i < s->agents.keys.n; i++) {
		a = table_at(&s->agents, i);
		agent = s->agents.keys.names[i];
		warned = 0;
		for (v = a->first; v != NULL; v = v->next) {
			if (!v->carry)
				continue;
			if (warned || cols_find(&s->in_agents, agent) < 0) {
				if (!warned)
					lost(s, near_id(&s->in_agents, NULL,
					    agent), agent, _("agent"), v->h.line);
				warned = 1;
				s->lost_agents++;
			}
			key = hold_field(&v->h, s->kcol, NULL);
			if (s->merged_key[cols_find(&s->carried, key)])
				continue;
			near = near_id(&s->listed, NULL, key);
			if (near == NULL)
				near = near_id(&s->carried, s->merged_key, key);
			lost(s, near, key, _("customer"), v->h.line);
			s->lost_keys++;
		}
	}
}

/*
 * The agent's calendar: each visit placed, at its time (or all day
 * without times), its UID from the week and the customer, whom a week
 * visits once.
 */
static void
write_calendar(struct sched *s, const struct cols *out, const char *id,
    size_t nv)
{
	struct ics_text sum = { 0 }, desc = { 0 }, key = { 0 };
	struct ics_event e;
	const struct visit *v;
	const struct plan *p;
	char week[DATE_LEN + 1];
	size_t i, k, n = s->cal.carry != NULL ? s->cal.carry->n : 0;

	date_format(s->week0, week);
	for (i = 0; i < nv; i++) {
		v = s->sorted[i].v;
		if (v->date < 0)
			continue;
		if (sum.s == NULL)
			ics_file(s->cal.ics, id);
		p = v->plan == NOPLAN ? NULL : &s->p[v->plan];
		sum.len = desc.len = key.len = 0;
		ics_str(&sum, action_text(s, v));
		ics_str(&sum, " ");
		ics_str(&sum, hold_field(&v->h, s->kcol, NULL));
		for (k = 0; k < n; k++)
			if (*hold_field(&v->h, s->cal.carrycol[k], NULL)) {
				ics_str(&sum, " ");
				ics_str(&sum, hold_field(&v->h,
				    s->cal.carrycol[k], NULL));
			}
		ics_labelled(&desc, out->names[s->col[C_PLAN]],
		    p ? p->name : "", 0);
		ics_labelled(&desc, out->names[s->col[C_MARK]],
		    mark_of(s, v), 0);
		ics_labelled(&desc, out->names[s->col[C_CARRY]],
		    v->carry ? s->word[W_CARRY] : "", 0);
		for (k = 0; k < n; k++)
			ics_labelled(&desc, out->names[s->cal.carrycol[k]],
			    hold_field(&v->h, s->cal.carrycol[k], NULL),
			    (long)k == s->cal.phone);
		ics_str(&key, week);
		ics_add(&key, "", 1);
		ics_str(&key, hold_field(&v->h, s->kcol, NULL));
		e.date = v->date;
		e.minute = date_clock(s->sorted[i].time,
		    strlen(s->sorted[i].time));
		e.length = (int)s->cal.length;
		e.key = key.s;
		e.keylen = key.len;
		e.summary = sum.s;
		e.description = desc.len > 0 ? desc.s : "";
		ics_event(s->cal.ics, &e);
	}
	free(sum.s);
	free(desc.s);
	free(key.s);
}

/*
 * Agent i's week, laid out and written; then, in a grouped input, its
 * week's rows are dropped from its list (their memory goes back with the
 * arena's, once no agent that has ended waits to be written).
 */
static void
write_agent(struct sched *s, struct io *io, size_t i)
{
	struct agent *a = table_at(&s->agents, i);
	size_t j;

	schedule(s, a);
	for (j = 0; j < a->n; j++) {
		if (s->sorted[j].v->date >= 0)
			s->scheduled++;
		else
			s->unscheduled++;
		write_visit(io, s, s->sorted[j].v);
	}
	if (s->cal.ics != NULL)
		write_calendar(s, &io->schema.cols, s->agents.keys.names[i],
		    a->n);
	if (!s->grouped)
		return;
	a->n = a->ncarry;
	a->last = a->carry_last;
	if (a->last != NULL)
		a->last->next = NULL;
	else
		a->first = NULL;
}

/*
 * A grouped input: when a row of another agent comes, the last one's rows
 * have all come, and it is written as soon as the agents before it are:
 * an agent of last week's (--carryover) that this week's input has later,
 * or not at all, keeps those after it waiting, and their rows held.
 */
static void
follow(struct sched *s, struct io *io, const struct rec *rec)
{
	const char *id = rec->f[s->gcol];
	size_t len = rec->len[s->gcol];
	struct agent *a;

	if (s->cur != NULL && strcmp(s->cur, id) == 0)
		return;
	if (s->curidx >= 0) {
		a = table_at(&s->agents, (size_t)s->curidx);
		a->ended = 1;
		s->waiting++;
	}
	while (s->next_out < s->agents.keys.n &&
	    ((struct agent *)table_at(&s->agents, s->next_out))->ended) {
		write_agent(s, io, s->next_out++);
		s->waiting--;
	}
	if (s->waiting == 0)
		arena_free(&s->rows);
	err_grow(&s->cur, &s->curcap, len + 1, 1);
	memcpy(s->cur, id, len + 1);
	/* An agent of last week's ends too when its rows this week are
	   merged into its make-up visits or rejected. */
	s->curidx = table_find(&s->agents, s->cur);
}

static void
finish(void *self, struct io *io)
{
	struct sched *s = self;
	size_t i;

	check_carried(s);
	for (i = s->next_out; i < s->agents.keys.n; i++)
		write_agent(s, io, i);
	io_stat(io, "scheduled", s->scheduled);
	io_stat(io, "unscheduled", s->unscheduled);
	io_stat(io, "make-up visits", s->carryover);
	io_stat(io, "merged into make-up visits", s->merged);
	io_stat(io, "done last week", s->done_last_week);
	io_stat(io, "customers listed twice", s->repeated);
	if (s->carry_path != NULL) {
		io_stat(io, "make-up visits of agents not in the input",
		    s->lost_agents);
		io_stat(io, "make-up visits of customers not in the input",
		    s->lost_keys);
	}
	if (s->cal.ics != NULL)
		io_stat(io, "ics files", ics_finish(s->cal.ics));
}

static void
sched_free(void *self)
{
	struct sched *s = self;
	size_t i, j;

	for (i = 0; i < s->np; i++) {
		free(s->p[i].name);
		cond_free(s->p[i].when);
		for (j = 0; j < s->p[i].nact; j++)
			cond_free(s->p[i].act[j].when);
		free(s->p[i].act);
	}
	events_free(&s->ev);
	free(s->p);
	free(s->times);
	table_free(&s->agents);
	arena_free(&s->kept);
	arena_free(&s->rows);
	free(s->cur);
	free(s->map);
	rec_free(&s->row);
	cols_free(&s->carried);
	cols_free(&s->listed);
	cols_free(&s->in_agents);
	free(s->merged_key);
	free(s->batch);
	free(s->sorted);
	free(s->carry_name);
	free(s->cal.carrycol);
}

static const struct tool tool = {
	.synopsis = N_("[-r rules] [-o file] [--week date] [--carryover "
	    "file] [--strict] [--events file] [--unscheduled file] [--ics "
	    "dir] [--today date] [--rejects file] [--max-rejects n] "
	    "[--stats] [--check] [options] [file]"),
	.help = N_("      --week DATE\tthe week that holds DATE (default: "
	    "today's)\n"
	    "      --carryover FILE\tlast week's output: what was not done "
	    "comes first\n"
	    "      --events FILE\tcompany events (columns date, name)\n"
	    "      --strict\ta make-up visit of an agent or customer not in "
	    "the\n"
	    "\tinput is an error, not a warning\n"
	    "      --unscheduled FILE\twrite the rows not placed to FILE\n"
	    "      --ics DIR\talso write each agent's week to "
	    "DIR/AGENT.ics\n"),
	.rules_file = "schedule.yaml",
	.options = options,
	.option = option,
	.options_done = options_done,
	.load = load,
	.bind = bind,
	.open = open_week,
	.row = arrive,
	.end = finish,
	.free = sched_free,
};

int
main(int argc, char **argv)
{
	struct sched s = { 0 };

	return tool_main(&tool, &s, argc, argv);
}
