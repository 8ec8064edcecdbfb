/*
 * cm-schedule: lay out each agent's visits for one week.
 *
 * Rows are held per agent until the input ends; then, agent by agent,
 * last week's missed visits (--carryover) are placed first, then the rows
 * of each plan in the rules' order, each plan by its own way of placing:
 * the earliest free times (first, fill), one area a day (area), two or
 * three days before a company event (event), or a fixed weekly call
 * (weekly).  A row that finds no place stays in the output, unscheduled,
 * with the reason.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cond.h"
#include "../common/csvin.h"
#include "../common/date.h"
#include "../common/err.h"
#include "../common/events.h"
#include "../common/hold.h"
#include "../common/io.h"
#include "../common/opt.h"
#include "../common/rules.h"

#define NOPLAN ((size_t)-1)
#define MAXBEFORE 7

enum place { P_FIRST, P_FILL, P_AREA, P_EVENT, P_WEEKLY };

static const char *const place_names[] = {
	"first", "fill", "area", "event", "weekly", NULL
};

static const char *const weekday_names[] = {
	"周一", "周二", "周三", "周四", "周五", "周六", "周日"
};

struct plan {
	char *name;
	struct cond *when;
	const struct ynode *at;		/* the plan, for messages */
	const char *action;
	enum place place;
	const char *mark;
	const char *area;		/* area: the column, as named in rules */
	size_t areacol;
	int before[MAXBEFORE];		/* event: days before, tried in order */
	size_t nbefore;
	int day;			/* weekly: 1 Monday ... 7 Sunday */
	const char *time;		/* weekly */
};

/* A row to place. */
struct visit {
	struct hold h;
	unsigned long seq;
	size_t plan;
	int carry;			/* a make-up visit from --carryover */
	int date;			/* the day, or -1 when unscheduled */
	unsigned long placed;		/* the order it was placed in */
	const char *time;
	const char *mark;
	const char *reason;
};

struct agent {
	struct visit **v;
	size_t n, cap;
};

/* Output columns the tool writes. */
enum {
	C_DATE, C_WEEKDAY, C_TIME, C_PLAN, C_ACTION, C_MARK, C_CARRY,
	C_STATUS, C_REASON, NCOL
};

static const char *const col_names[NCOL] = {
	"date", "weekday", "time", "plan", "action", "mark", "carryover",
	"status", "reason"
};

struct sched {
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
	struct cols schema;
	size_t col[NCOL];
	struct cols agents;		/* by first appearance */
	struct agent *a;
	size_t acap;
	struct cols carried;		/* customers with a make-up visit */
	unsigned long seq, placed;
	struct cols listed;		/* customers of this week's input */
	unsigned long merged, carryover, done_last_week, repeated;
	unsigned long scheduled, unscheduled;
	struct rec tmp;
	char **out;
	size_t *outlen;
};

static const char *week_arg, *carry_path, *events_path, *unsched_path;

enum { O_WEEK = OPT_TOOL, O_CARRY, O_EVENTS, O_UNSCHED };

static const struct option options[] = {
	{ "carryover", required_argument, NULL, O_CARRY },
	{ "events", required_argument, NULL, O_EVENTS },
	{ "unscheduled", required_argument, NULL, O_UNSCHED },
	{ "week", required_argument, NULL, O_WEEK },
	{ NULL, 0, NULL, 0 }
};

static int
handle(int code, const char *arg)
{
	int d;

	switch (code) {
	case O_CARRY:
		carry_path = arg;
		break;
	case O_EVENTS:
		events_path = arg;
		break;
	case O_UNSCHED:
		unsched_path = arg;
		break;
	case O_WEEK:
		if (date_parse(arg, strlen(arg), &d) < 0) {
			err_warn("--week: '%s' is not a date (2026-11-30)", arg);
			return -1;
		}
		week_arg = arg;
		break;
	}
	return 0;
}

/* 1 Monday ... 7 Sunday, or 0. */
static int
weekday_of(const char *s)
{
	static const char *const names[][4] = {
		{ "monday", "mon", "周一", "星期一" },
		{ "tuesday", "tue", "周二", "星期二" },
		{ "wednesday", "wed", "周三", "星期三" },
		{ "thursday", "thu", "周四", "星期四" },
		{ "friday", "fri", "周五", "星期五" },
		{ "saturday", "sat", "周六", "星期六" },
		{ "sunday", "sun", "周日", "星期日" }
	};
	int i, j;

	for (i = 0; i < 7; i++)
		for (j = 0; j < 4; j++)
			if (strcmp(s, names[i][j]) == 0)
				return i + 1;
	return 0;
}

static int
want_weekday(struct rules *r, const struct ynode *v)
{
	int d;

	if (rules_want(r, v, Y_SCALAR, "a weekday") < 0)
		return 0;
	if ((d = weekday_of(v->str)) == 0)
		rules_error(r, v, "'%s' is not a weekday (monday ... sunday, "
		    "mon ... sun, 周一 ... 周日, 星期一 ... 星期日)", v->str);
	return d;
}

/* A time of day, HH:MM. */
static int
want_time(struct rules *r, const struct ynode *v)
{
	const char *s = v->str;

	if (rules_want(r, v, Y_SCALAR, "a time") < 0)
		return -1;
	if (v->len != 5 || s[2] != ':' || s[0] < '0' || s[0] > '2' ||
	    s[1] < '0' || s[1] > '9' || s[3] < '0' || s[3] > '5' ||
	    s[4] < '0' || s[4] > '9' || (s[0] == '2' && s[1] > '3')) {
		rules_error(r, v, "'%s' is not a time of day (09:30)", s);
		return -1;
	}
	return 0;
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
	if ((x = rules_get(w, "start")) != NULL && (d = want_weekday(r, x)))
		s->start = d;
	x = rules_get(w, "days");
	if (rules_want(r, x, Y_SEQ, "days") == 0)
		for (i = 0; i < x->n; i++)
			if ((d = want_weekday(r, x->kid[i])) != 0)
				s->work[(d - s->start + 7) % 7] = 1;
	x = rules_get(w, "times");
	if (x != NULL && rules_want(r, x, Y_SEQ, "times") == 0) {
		s->times = err_calloc(x->n + 1, sizeof(*s->times));
		for (i = 0; i < x->n; i++) {
			if (want_time(r, x->kid[i]) < 0)
				continue;
			if (s->ntimes > 0 &&
			    strcmp(s->times[s->ntimes - 1], x->kid[i]->str) >= 0)
				rules_error(r, x->kid[i], "times must rise "
				    "through the day");
			s->times[s->ntimes++] = x->kid[i]->str;
		}
	}
	if ((x = rules_get(w, "per_day")) != NULL &&
	    rules_want(r, x, Y_SCALAR, "per_day") == 0 &&
	    rules_count(x, 1, LONG_MAX - 1, &s->per_day) < 0)
		rules_error(r, x, "per_day takes a count of at least 1");
	if ((s->times != NULL) == (s->per_day > 0))
		rules_error(r, w, "week needs either times (one visit at each) "
		    "or per_day (contacts a day)");
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

	p->name = rules_name(r, NULL, pos);
	p->at = v;
	if (rules_want(r, v, Y_MAP, "a plan") < 0 ||
	    rules_keys(r, v, keys, need) < 0)
		return;
	free(p->name);
	p->name = rules_name(r, v, pos);
	if ((x = rules_get(v, "when")) != NULL)
		p->when = cond_compile(r, x);
	p->action = rules_scalar(r, v, "action", NULL);
	p->mark = rules_scalar(r, v, "mark", NULL);
	x = rules_get(v, "place");
	if (rules_want(r, x, Y_SCALAR, "place") == 0) {
		for (i = 0; place_names[i] && strcmp(place_names[i], x->str); i++)
			;
		if (place_names[i] == NULL && rules_nearest(x->str, place_names))
			rules_error(r, x, "unknown place '%s' (did you mean "
			    "'%s'?)", x->str, rules_nearest(x->str, place_names));
		else if (place_names[i] == NULL)
			rules_error(r, x, "place is first, fill, area, event or "
			    "weekly, not '%s'", x->str);
		p->place = (enum place)i;
	}
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
		for (i = 0; i < x->n && i < MAXBEFORE; i++) {
			if (rules_want(r, x->kid[i], Y_SCALAR, "a count") < 0)
				continue;
			if (rules_count(x->kid[i], 1, MAXBEFORE, &n) < 0)
				rules_error(r, x->kid[i], "before takes counts "
				    "of days from 1 to %d", MAXBEFORE);
			else
				p->before[p->nbefore++] = (int)n;
		}
	}
	if ((x = rules_get(v, "day")) != NULL)
		p->day = want_weekday(r, x);
	if ((x = rules_get(v, "time")) != NULL && want_time(r, x) == 0)
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
			rules_want(r, x->kid[i], Y_SCALAR, "a value");
		s->done = x;
	}
}

static void
load(struct rules *r, void *tool)
{
	static const char *const keys[] = {
		"group_by", "key", "area", "week", "events", "carryover",
		"plans", NULL
	};
	static const char *const need[] = {
		"group_by", "key", "week", "plans", NULL
	};
	struct sched *s = tool;
	const struct ynode *x;
	size_t i;

	s->done_column = "done";
	if (r->root == NULL || rules_keys(r, r->root, keys, need) < 0)
		return;
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
bind(struct rules *r, void *tool, const struct cols *header, const char *input,
    const struct opts *o __attribute__((unused)))
{
	struct sched *s = tool;
	const struct ynode *root = r->root, *at;
	size_t i;
	long k;

	for (i = 0; i < header->n; i++)
		cols_add(&s->schema, header->names[i]);
	s->nin = header->n;
	k = rules_find(r, rules_get(root, "group_by"), header, s->group_by, input);
	s->gcol = k < 0 ? 0 : (size_t)k;
	k = rules_find(r, rules_get(root, "key"), header, s->key, input);
	s->kcol = k < 0 ? 0 : (size_t)k;
	for (i = 0; i < s->np; i++) {
		if (s->p[i].when != NULL)
			cond_bind(s->p[i].when, r, &s->schema, input);
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
		s->col[i] = rules_outcol(r, &s->schema, col_names[i]);
	s->out = err_calloc(s->schema.n, sizeof(*s->out));
	s->outlen = err_calloc(s->schema.n, sizeof(*s->outlen));
}

static struct agent *
agent_of(struct sched *s, const char *id)
{
	int added;
	size_t i = cols_intern(&s->agents, id, &added);

	if (!added)
		return &s->a[i];
	err_grow(&s->a, &s->acap, i + 1, sizeof(*s->a));
	memset(&s->a[i], 0, sizeof(s->a[i]));
	return &s->a[i];
}

static struct visit *
add_visit(struct sched *s, struct agent *a, const struct rec *rec)
{
	struct visit *v = err_calloc(1, sizeof(*v));

	hold_copy(&v->h, rec);
	v->seq = ++s->seq;
	v->date = -1;
	v->plan = NOPLAN;
	err_grow(&a->v, &a->cap, a->n + 1, sizeof(*a->v));
	a->v[a->n++] = v;
	return v;
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
 * Last week's output: every row not done becomes a make-up visit of its
 * agent, with the columns of this week's input taken by name.
 */
static void
read_carryover(struct rules *r, struct sched *s, const struct opts *o)
{
	struct csvin *in;
	const struct cols *h;
	struct rec rec = { 0 }, row = { 0 };
	enum csvin_status st;
	size_t i, *map, plancol, donecol;
	long k;
	struct visit *v;

	if ((in = csvin_open(carry_path, &o->in)) == NULL)
		err_quit(EXIT_DATA);
	h = csvin_header(in);
	map = err_calloc(s->nin + 1, sizeof(*map));
	for (i = 0; i < s->nin; i++) {
		k = cols_find(h, s->schema.names[i]);
		map[i] = k < 0 ? (size_t)-1 : (size_t)k;
	}
	k = cols_find(h, rules_column(r, s->done_column));
	if (k < 0)
		err_exit(EXIT_DATA, "%s:1: no column '%s' says which visits "
		    "were done", csvin_name(in), rules_column(r, s->done_column));
	donecol = (size_t)k;
	k = cols_find(h, s->schema.names[s->col[C_PLAN]]);
	plancol = k < 0 ? (size_t)-1 : (size_t)k;
	for (i = 0; i < 2; i++) {
		k = (long)(i == 0 ? s->gcol : s->kcol);
		if (map[k] == (size_t)-1)
			err_exit(EXIT_DATA, "%s:1: the header lacks the column "
			    "'%s'", csvin_name(in), s->schema.names[k]);
	}
	rec_reserve(&row, s->nin);
	while ((st = csvin_next(in, &rec)) != CSVIN_EOF) {
		if (st != CSVIN_ROW)
			err_exit(EXIT_DATA, "%s:%lu: %s", csvin_name(in),
			    rec.line, csvin_error(in));
		if (is_done(s, rec.f[donecol], rec.len[donecol])) {
			s->done_last_week++;
			continue;
		}
		for (i = 0; i < s->nin; i++) {
			row.f[i] = map[i] == (size_t)-1 ? "" : rec.f[map[i]];
			row.len[i] = map[i] == (size_t)-1 ? 0 : rec.len[map[i]];
		}
		row.n = s->nin;
		row.line = rec.line;
		if (row.len[s->gcol] == 0 || row.len[s->kcol] == 0)
			err_exit(EXIT_DATA, "%s:%lu: a make-up visit needs '%s' "
			    "and '%s'", csvin_name(in), rec.line,
			    s->schema.names[s->gcol], s->schema.names[s->kcol]);
		if (cols_find(&s->carried, row.f[s->kcol]) >= 0)
			continue;	/* listed twice: one make-up visit */
		cols_add(&s->carried, row.f[s->kcol]);
		v = add_visit(s, agent_of(s, row.f[s->gcol]), &row);
		v->carry = 1;
		/* the first plan of that name, as the first that holds */
		for (i = 0; plancol != (size_t)-1 && i < s->np &&
		    v->plan == NOPLAN; i++)
			if (strcmp(s->p[i].name, rec.f[plancol]) == 0)
				v->plan = i;
		if (v->plan == NOPLAN)
			v->reason = "no plan matched";
		s->carryover++;
	}
	free(map);
	rec_free(&rec);
	rec_free(&row);
	csvin_close(in);
}

static void
arrive(struct io *io, struct sched *s, const struct rec *rec)
{
	struct visit *v;
	size_t plan;
	char msg[256];

	if (rec->len[s->gcol] == 0 || rec->len[s->kcol] == 0) {
		snprintf(msg, sizeof(msg), "the column '%s' is empty",
		    s->schema.names[rec->len[s->gcol] == 0 ? s->gcol : s->kcol]);
		io_reject(io, rec, msg);
		return;
	}
	if (match(io, s, rec, &plan) < 0)
		return;
	if (cols_find(&s->carried, rec->f[s->kcol]) >= 0) {
		s->merged++;	/* seen once, as last week's make-up visit */
		return;
	}
	v = add_visit(s, agent_of(s, rec->f[s->gcol]), rec);
	v->plan = plan;
	if (cols_find(&s->listed, rec->f[s->kcol]) >= 0) {
		/* Once a week: a second row of a customer is kept, not placed. */
		v->reason = "customer already listed this week";
		s->repeated++;
		return;
	}
	cols_add(&s->listed, rec->f[s->kcol]);
	if (plan == NOPLAN)
		v->reason = "no plan matched";
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
	v->placed = ++s->placed;
	v->time = s->times != NULL ? s->times[w->used[day]] : "";
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
			v[i]->reason = "week full";
			continue;
		}
		put(s, v[i], w, d);
		v[i]->mark = s->p[v[i]->plan].mark;
	}
}

static const char *
area_of(struct sched *s, const struct visit *v)
{
	hold_fields(&v->h, &s->tmp);
	return s->tmp.f[s->p[v->plan].areacol];
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
				v[i]->reason = "week full";
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
					v[i]->mark = s->ev.e[e].name;
				}
			}
		}
		if (v[i]->date >= 0)
			continue;
		v[i]->reason = inweek ? "week full" : seen ?
		    "no day before the event left" : "no event this week";
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
		v[i]->placed = ++s->placed;
		v[i]->time = p->time;
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
	const struct visit *x = *(struct visit *const *)a;
	const struct visit *y = *(struct visit *const *)b;
	int c;

	if ((x->date < 0) != (y->date < 0))
		return x->date < 0 ? 1 : -1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->date >= 0 && (c = strcmp(x->time, y->time)) != 0)
		return c;
	if (x->placed != y->placed)
		return x->placed < y->placed ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/*
 * An agent's week: make-up visits first, plan by plan, then the new rows
 * plan by plan; then the rows in date and time order.
 */
static void
schedule(struct sched *s, struct agent *a)
{
	struct week w = { { 0 }, { NULL }, 0 };
	struct visit **batch = err_calloc(a->n + 1, sizeof(*batch));
	size_t pass, p, i, n;

	w.cap = s->times != NULL ? s->ntimes : (size_t)s->per_day;
	for (pass = 0; pass < 2; pass++) {
		for (p = 0; p < s->np; p++) {
			for (n = i = 0; i < a->n; i++)
				if (a->v[i]->plan == p && a->v[i]->reason == NULL &&
				    a->v[i]->carry == (pass == 0))
					batch[n++] = a->v[i];
			place(s, &w, p, batch, n);
		}
	}
	for (i = 0; i < 7; i++)
		free(w.area[i]);
	free(batch);
	qsort(a->v, a->n, sizeof(*a->v), by_when);
}

static void
write_visit(struct io *io, struct sched *s, const struct visit *v,
    struct csvout *unsched)
{
	const struct plan *p = v->plan == NOPLAN ? NULL : &s->p[v->plan];
	char date[DATE_LEN + 1] = "";
	size_t i;

	hold_fields(&v->h, &s->tmp);
	for (i = 0; i < s->nin; i++) {
		s->out[i] = s->tmp.f[i];
		s->outlen[i] = s->tmp.len[i];
	}
	if (v->date >= 0)
		date_format(v->date, date);
	s->out[s->col[C_DATE]] = date;
	s->out[s->col[C_WEEKDAY]] = v->date >= 0 ?
	    (char *)weekday_names[date_weekday(v->date) - 1] : "";
	s->out[s->col[C_TIME]] = v->date >= 0 ? (char *)v->time : "";
	s->out[s->col[C_PLAN]] = p ? p->name : "";
	s->out[s->col[C_ACTION]] = p ? (char *)p->action : "";
	s->out[s->col[C_MARK]] = v->mark ? (char *)v->mark : "";
	s->out[s->col[C_CARRY]] = v->carry ? "补访" : "";
	s->out[s->col[C_STATUS]] = v->date >= 0 ? "scheduled" : "unscheduled";
	s->out[s->col[C_REASON]] = v->date >= 0 || v->reason == NULL ? "" :
	    (char *)v->reason;
	for (i = 0; i < NCOL; i++)
		s->outlen[s->col[i]] = strlen(s->out[s->col[i]]);
	if (v->date < 0 && unsched != NULL) {
		csvout_row(unsched, s->out, s->outlen, s->schema.n);
		return;
	}
	io_write(io, s->out, s->outlen, s->schema.n);
}

static void
finish(struct io *io, struct sched *s, struct csvout *unsched)
{
	size_t i, j;

	for (i = 0; i < s->agents.n; i++) {
		schedule(s, &s->a[i]);
		for (j = 0; j < s->a[i].n; j++) {
			if (s->a[i].v[j]->date >= 0)
				s->scheduled++;
			else
				s->unscheduled++;
			write_visit(io, s, s->a[i].v[j], unsched);
		}
	}
	io_stat(io, "scheduled", s->scheduled);
	io_stat(io, "unscheduled", s->unscheduled);
	io_stat(io, "make-up visits", s->carryover);
	io_stat(io, "merged into make-up visits", s->merged);
	io_stat(io, "done last week", s->done_last_week);
	io_stat(io, "customers listed twice", s->repeated);
}

static void
sched_free(struct sched *s)
{
	size_t i, j;

	for (i = 0; i < s->np; i++) {
		free(s->p[i].name);
		cond_free(s->p[i].when);
	}
	events_free(&s->ev);
	for (i = 0; i < s->agents.n; i++) {
		for (j = 0; j < s->a[i].n; j++) {
			hold_free(&s->a[i].v[j]->h);
			free(s->a[i].v[j]);
		}
		free(s->a[i].v);
	}
	free(s->p);
	free(s->a);
	free(s->times);
	free(s->out);
	free(s->outlen);
	rec_free(&s->tmp);
	cols_free(&s->schema);
	cols_free(&s->agents);
	cols_free(&s->carried);
	cols_free(&s->listed);
}

static const struct io_tool tool = {
	{
		"[-r rules] [-o file] [--week date] [--carryover file] "
		"[--events file] [--unscheduled file] [--today date] "
		"[--rejects file] [--max-rejects n] [--stats] [--check] "
		"[options] [file]",
		"      --week DATE           the week that holds DATE (default: "
		"today's)\n"
		"      --carryover FILE      last week's output: what was not "
		"done comes first\n"
		"      --events FILE         company events (columns date, name)\n"
		"      --unscheduled FILE    write the rows not placed to FILE\n",
		"schedule.yaml",
		options,
		handle
	},
	load,
	bind
};

int
main(int argc, char **argv)
{
	struct sched s = { 0 };
	struct rec rec = { 0 };
	struct csvout *unsched = NULL;
	struct rules *r;
	struct opts o;
	struct io io;
	int status, day;

	r = io_begin(&io, &o, argc, argv, &tool, &s);
	day = o.today;
	if (week_arg != NULL)
		date_parse(week_arg, strlen(week_arg), &day);
	s.week0 = day - (date_weekday(day) - s.start + 7) % 7;
	if (events_path != NULL)
		events_file(&s.ev, events_path, &o.in);
	if (carry_path != NULL)
		read_carryover(r, &s, &o);
	io_start(&io, &s.schema);
	if (unsched_path != NULL)
		unsched = io_output(&io, "--unscheduled", unsched_path);
	if (unsched != NULL)
		csvout_row(unsched, s.schema.names, NULL, s.schema.n);
	while (io_next(&io, &rec))
		arrive(&io, &s, &rec);
	finish(&io, &s, unsched);
	status = io_close(&io);
	rec_free(&rec);
	sched_free(&s);
	rules_free(r);
	opt_free(&o);
	return status;
}
