/*
 * cm-followup: the follow-up tasks that fall due in a window of days.
 *
 * Every input row (a policy, with its customer's dates) is tried against
 * every trigger; each trigger names the occasions it knows (a date plus an
 * offset, a yearly anniversary, a birthday on the solar or the lunar
 * calendar, a holiday, a visit that recurs), and an occasion whose due day
 * (the occasion less the trigger's lead) falls in the window is a task.
 * A customer gets one task per occasion however many policies they hold.
 * The tasks are sorted by due day, agent, customer and task.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cond.h"
#include "../common/date.h"
#include "../common/err.h"
#include "../common/events.h"
#include "../common/ics.h"
#include "../common/io.h"
#include "../common/lunar.h"
#include "../common/opt.h"
#include "../common/rules.h"

#ifndef CM_VERSION
#define CM_VERSION "0"
#endif

#define MAXOFF 16

enum kind { K_AFTER, K_YEARLY, K_BIRTHDAY, K_HOLIDAYS, K_RECURRING, NKIND };

static const char *const kind_names[NKIND] = {
	"after", "yearly", "birthday", "holidays", "recurring"
};

/* The holidays of the seeds (002, 节日的礼物), solar then lunar. */
enum { H_SOLAR, H_NTH_SUNDAY, H_LUNAR };

static const struct holiday {
	const char *name;
	int how, month, day;	/* day: the nth Sunday for H_NTH_SUNDAY */
} holidays[] = {
	{ "元旦", H_SOLAR, 1, 1 },
	{ "三八妇女节", H_SOLAR, 3, 8 },
	{ "母亲节", H_NTH_SUNDAY, 5, 2 },
	{ "儿童节", H_SOLAR, 6, 1 },
	{ "父亲节", H_NTH_SUNDAY, 6, 3 },
	{ "八一建军节", H_SOLAR, 8, 1 },
	{ "教师节", H_SOLAR, 9, 10 },
	{ "国庆", H_SOLAR, 10, 1 },
	{ "春节", H_LUNAR, 1, 1 },
	{ "元宵", H_LUNAR, 1, 15 },
	{ "端午", H_LUNAR, 5, 5 },
	{ "中秋", H_LUNAR, 8, 15 },
	{ "重阳", H_LUNAR, 9, 9 },
	{ NULL, 0, 0, 0 }
};

struct offset {
	int n;
	char unit;		/* d, w, m, y */
};

struct trigger {
	const char *task, *channel, *note;
	int per_customer;
	struct cond *when;
	int lead;
	enum kind kind;
	const char *column;	/* the date column, as named in the rules */
	const struct ynode *colnode, *calnode;
	size_t col;
	const char *calendar;	/* birthday: the column saying solar/lunar */
	long calcol;
	struct offset off[MAXOFF];
	size_t noff;
	struct offset every;	/* recurring; n 0 without */
	const char **hol;	/* holidays: names, built-in or events */
	size_t nhol;
	unsigned long skipped, made;
};

struct task {
	int due, occ;
	const struct trigger *t;
	char *s;		/* agent, customer, policy, task: NUL-separated */
};

struct followup {
	const char *cust, *agent, *policy;
	size_t ccol, acol;
	long pcol;
	int merge;
	struct trigger *t;
	size_t nt;
	struct events ev;
	const char *lunar_value;	/* birthday_calendar value meaning lunar */
	int from, to;			/* the window, both ends in */
	struct cols seen;		/* customer and occasion already listed */
	char *key;		/* its key for the task in hand */
	size_t keycap;
	struct task *tasks;
	size_t ntasks, taskcap;
	unsigned long duplicates;
	unsigned long rows_due, rows_none;	/* rows with and without a task */
	struct cols out;		/* the output's column names */
	struct ics *ics;		/* --ics */
};

static const char *from_arg, *to_arg, *days_arg, *ics_arg;

enum { O_FROM = OPT_TOOL, O_TO, O_DAYS, O_ICS };

static const struct option options[] = {
	{ "days", required_argument, NULL, O_DAYS },
	{ "from", required_argument, NULL, O_FROM },
	{ "ics", required_argument, NULL, O_ICS },
	{ "to", required_argument, NULL, O_TO },
	{ NULL, 0, NULL, 0 }
};

static int
handle(int code, const char *arg)
{
	int d;
	long n;

	switch (code) {
	case O_DAYS:
		if (opt_count("--days", arg, &n) < 0)
			return -1;
		if (n < 1 || n > 3660) {
			err_warn("--days: a count from 1 to 3660, not '%s'", arg);
			return -1;
		}
		days_arg = arg;
		break;
	case O_ICS:
		if (*arg == '\0') {
			err_warn("--ics: a directory, not ''");
			return -1;
		}
		ics_arg = arg;
		break;
	case O_FROM:
	case O_TO:
		if (date_parse(arg, strlen(arg), &d) < 0) {
			err_warn("%s: '%s' is not a date", code == O_FROM ?
			    "--from" : "--to", arg);
			return -1;
		}
		*(code == O_FROM ? &from_arg : &to_arg) = arg;
		break;
	}
	return 0;
}

static int
parse_offset(const char *s, struct offset *o)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (end == s || (*s != '-' && *s != '+' && (*s < '0' || *s > '9')) ||
	    end[0] == '\0' || end[1] != '\0' || strchr("dwmy", end[0]) == NULL ||
	    n < -1200 || n > 1200)
		return -1;
	o->n = (int)n;
	o->unit = end[0];
	return 0;
}

static int
shift(int date, struct offset o, int times)
{
	return date_shift(date, o.n * times, o.unit);
}

static void
load_offsets(struct rules *r, const struct ynode *v, struct trigger *t)
{
	size_t i;

	if (rules_want(r, v, Y_SEQ, "offsets") < 0)
		return;
	if (v->n > MAXOFF)
		rules_error(r, v, "at most %d offsets", MAXOFF);
	for (i = 0; i < v->n && i < MAXOFF; i++) {
		if (rules_want(r, v->kid[i], Y_SCALAR, "an offset") < 0)
			continue;
		if (parse_offset(v->kid[i]->str, &t->off[t->noff]) < 0)
			rules_error(r, v->kid[i], "'%s' is not an offset (1d, "
			    "-15d, 2w, 3m, 1y)", v->kid[i]->str);
		else
			t->noff++;
	}
}

static int
known_holiday(const struct followup *f, const char *name)
{
	size_t i;

	for (i = 0; holidays[i].name != NULL; i++)
		if (strcmp(holidays[i].name, name) == 0)
			return 1;
	for (i = 0; i < f->ev.n; i++)
		if (strcmp(f->ev.e[i].name, name) == 0)
			return 1;
	return 0;
}

/* The kind's own mapping: the date column, offsets, calendar, names. */
static void
load_kind(struct rules *r, struct followup *f, struct trigger *t,
    const struct ynode *v)
{
	static const char *const keys[NKIND][4] = {
		{ "column", "offsets", NULL },
		{ "column", NULL },
		{ "column", "calendar", NULL },
		{ NULL },
		{ "column", "offsets", "every", NULL }
	};
	static const char *const need[] = { "column", NULL };
	const struct ynode *x;
	size_t i;

	if (t->kind == K_HOLIDAYS) {
		if (rules_want(r, v, Y_SEQ, "holidays") < 0)
			return;
		t->hol = err_calloc(v->n + 1, sizeof(*t->hol));
		for (i = 0; i < v->n; i++) {
			if (rules_want(r, v->kid[i], Y_SCALAR, "a holiday") < 0)
				continue;
			if (!known_holiday(f, v->kid[i]->str))
				rules_error(r, v->kid[i], "unknown holiday '%s' "
				    "(the seeds' holidays, or an event's name)",
				    v->kid[i]->str);
			t->hol[t->nhol++] = v->kid[i]->str;
		}
		return;
	}
	if (rules_want(r, v, Y_MAP, kind_names[t->kind]) < 0 ||
	    rules_keys(r, v, keys[t->kind], need) < 0)
		return;
	x = rules_get(v, "column");
	if (rules_want(r, x, Y_SCALAR, "column") == 0) {
		t->column = x->str;
		t->colnode = x;
	}
	if ((x = rules_get(v, "offsets")) != NULL)
		load_offsets(r, x, t);
	if ((x = rules_get(v, "calendar")) != NULL &&
	    rules_want(r, x, Y_SCALAR, "calendar") == 0) {
		t->calendar = x->str;
		t->calnode = x;
	}
	if ((x = rules_get(v, "every")) != NULL &&
	    rules_want(r, x, Y_SCALAR, "every") == 0 &&
	    (parse_offset(x->str, &t->every) < 0 || t->every.n <= 0))
		rules_error(r, x, "every takes a positive offset (3m), not "
		    "'%s'", x->str);
	if ((t->kind == K_AFTER || t->kind == K_RECURRING) && t->noff == 0 &&
	    t->every.n == 0)
		rules_error(r, v, "%s needs offsets", kind_names[t->kind]);
}

static void
load_trigger(struct rules *r, struct followup *f, const struct ynode *v,
    struct trigger *t)
{
	static const char *const keys[] = {
		"task", "channel", "note", "per", "when", "lead", "after",
		"yearly", "birthday", "holidays", "recurring", NULL
	};
	static const char *const need[] = { "task", "channel", NULL };
	const struct ynode *x, *kind = NULL;
	size_t k;
	long n;

	if (rules_want(r, v, Y_MAP, "a trigger") < 0 ||
	    rules_keys(r, v, keys, need) < 0)
		return;
	x = rules_get(v, "task");
	if (rules_want(r, x, Y_SCALAR, "task") == 0)
		t->task = x->str;
	x = rules_get(v, "channel");
	if (rules_want(r, x, Y_SCALAR, "channel") == 0)
		t->channel = x->str;
	t->note = "";
	if ((x = rules_get(v, "note")) != NULL &&
	    rules_want(r, x, Y_SCALAR, "note") == 0)
		t->note = x->str;
	if ((x = rules_get(v, "per")) != NULL &&
	    rules_want(r, x, Y_SCALAR, "per") == 0) {
		if (strcmp(x->str, "customer") == 0)
			t->per_customer = 1;
		else if (strcmp(x->str, "policy") != 0)
			rules_error(r, x, "per is policy or customer, not '%s'",
			    x->str);
	}
	if ((x = rules_get(v, "when")) != NULL)
		t->when = cond_compile(r, x);
	if ((x = rules_get(v, "lead")) != NULL &&
	    rules_want(r, x, Y_SCALAR, "lead") == 0) {
		if (rules_count(x, 0, 366, &n) < 0)
			rules_error(r, x, "lead takes a count of days (0 to 366)");
		else
			t->lead = (int)n;
	}
	for (k = 0; k < NKIND; k++) {
		if ((x = rules_get(v, kind_names[k])) == NULL)
			continue;
		if (kind != NULL)
			rules_error(r, x, "a trigger has one of after, yearly, "
			    "birthday, holidays, recurring");
		kind = x;
		t->kind = (enum kind)k;
	}
	if (kind == NULL) {
		rules_error(r, v, "a trigger needs one of after, yearly, "
		    "birthday, holidays, recurring");
		return;
	}
	if (t->kind == K_HOLIDAYS || t->kind == K_BIRTHDAY)
		t->per_customer = rules_get(v, "per") == NULL ? 1 :
		    t->per_customer;
	load_kind(r, f, t, kind);
}

static void
load(struct rules *r, void *tool)
{
	static const char *const keys[] = {
		"customer", "agent", "policy", "merge", "lunar", "events",
		"triggers", NULL
	};
	static const char *const need[] = { "triggers", NULL };
	struct followup *f = tool;
	const struct ynode *x;
	const char *m;
	size_t i;

	if (r->root == NULL || rules_keys(r, r->root, keys, need) < 0)
		return;
	f->cust = rules_scalar(r, r->root, "customer", "customer_id");
	f->agent = rules_scalar(r, r->root, "agent", "agent_id");
	f->policy = rules_scalar(r, r->root, "policy", "policy_id");
	f->lunar_value = rules_scalar(r, r->root, "lunar", "lunar");
	m = rules_scalar(r, r->root, "merge", "false");
	if (strcmp(m, "true") == 0)
		f->merge = 1;
	else if (strcmp(m, "false") != 0)
		rules_error(r, rules_get(r->root, "merge"), "merge takes true "
		    "or false");
	if ((x = rules_get(r->root, "events")) != NULL)
		events_rules(&f->ev, r, x);
	x = rules_get(r->root, "triggers");
	if (rules_want(r, x, Y_SEQ, "triggers") < 0)
		return;
	f->t = err_calloc(x->n + 1, sizeof(*f->t));
	f->nt = x->n;
	for (i = 0; i < x->n; i++)
		load_trigger(r, f, x->kid[i], &f->t[i]);
}

static void
bind(struct rules *r, void *tool, const struct cols *header, const char *input,
    const struct opts *o __attribute__((unused)))
{
	struct followup *f = tool;
	const struct ynode *root = r->root;
	struct trigger *t;
	size_t i;
	long k;

	k = rules_find(r, rules_get(root, "customer"), header, f->cust, input);
	f->ccol = k < 0 ? 0 : (size_t)k;
	k = rules_find(r, rules_get(root, "agent"), header, f->agent, input);
	f->acol = k < 0 ? 0 : (size_t)k;
	f->pcol = cols_find(header, rules_column(r, f->policy));
	for (i = 0; i < f->nt; i++) {
		t = &f->t[i];
		if (t->when != NULL)
			cond_bind(t->when, r, header, input);
		if (t->column != NULL) {
			k = rules_find(r, t->colnode, header, t->column, input);
			t->col = k < 0 ? 0 : (size_t)k;
		}
		t->calcol = -1;
		if (t->calendar != NULL)
			t->calcol = rules_find(r, t->calnode, header,
			    t->calendar, input);
	}
}

static void parts(const struct task *k, const char *p[4]);

/* Adds a task for an occasion whose due day falls in the window. */
static void
task(struct followup *f, const struct trigger *t, const struct rec *rec,
    int occ, const char *what)
{
	const char *policy = "";
	struct task *k;
	size_t n;
	int due = occ - t->lead;

	if (due < f->from || due > f->to)
		return;
	if (!t->per_customer && f->pcol >= 0)
		policy = rec->f[f->pcol];
	err_grow(&f->tasks, &f->taskcap, f->ntasks + 1, sizeof(*f->tasks));
	k = &f->tasks[f->ntasks++];
	k->due = due;
	k->occ = occ;
	k->t = t;
	n = rec->len[f->acol] + rec->len[f->ccol] + strlen(policy) +
	    strlen(t->task) + (what ? strlen(what) + strlen("（）") : 0) + 5;
	k->s = err_malloc(n);
	snprintf(k->s, n, "%s%c%s%c%s%c%s%s%s%s", rec->f[f->acol], 0,
	    rec->f[f->ccol], 0, policy, 0, t->task, what ? "（" : "",
	    what ? what : "", what ? "）" : "");
}

static int
year_of(int days)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	return y;
}

/* The anniversary of date in year y; 29 February falls on 28 February. */
static int
anniversary(int date, int y)
{
	return date_add_months(date, 12 * (y - year_of(date)));
}

static int
holiday_date(const struct holiday *h, int y, int *date)
{
	int first;

	switch (h->how) {
	case H_SOLAR:
		*date = date_from_ymd(y, h->month, h->day);
		return 0;
	case H_NTH_SUNDAY:
		first = date_from_ymd(y, h->month, 1);
		*date = first + (7 - date_weekday(first)) % 7 + 7 * (h->day - 1);
		return 0;
	default:
		return lunar_to_solar(y, h->month, h->day, date);
	}
}

/* Returns 0, or -1 with msg set when a date cannot be read or converted. */
static int
occasions(struct followup *f, const struct trigger *t, const struct rec *rec,
    char *msg, size_t msgsize)
{
	int lo = f->from + t->lead, hi = f->to + t->lead;
	int date = 0, y, k, ly, lm, leap, ld, occ;
	const struct holiday *h;
	size_t i;

	if (t->kind != K_HOLIDAYS) {
		if (rec->len[t->col] == 0) {
			((struct trigger *)t)->skipped++;
			return 0;
		}
		if (date_parse(rec->f[t->col], rec->len[t->col], &date) < 0) {
			snprintf(msg, msgsize, "column '%s': '%s' is not a date",
			    t->column, rec->f[t->col]);
			return -1;
		}
	}
	switch (t->kind) {
	case K_AFTER:
		for (i = 0; i < t->noff; i++)
			task(f, t, rec, shift(date, t->off[i], 1), NULL);
		break;
	case K_RECURRING:
		for (i = 0; i < t->noff; i++)
			task(f, t, rec, shift(date, t->off[i], 1), NULL);
		for (k = 1; t->every.n > 0 &&
		    (occ = shift(date, t->every, k)) <= hi; k++)
			if (occ >= lo)
				task(f, t, rec, occ, NULL);
		break;
	case K_BIRTHDAY:
		if (t->calcol >= 0 &&
		    strcmp(rec->f[t->calcol], f->lunar_value) == 0) {
			if (lunar_from_solar(date, &ly, &lm, &leap, &ld) < 0) {
				snprintf(msg, msgsize, "column '%s': '%s' has "
				    "no date on the lunar calendar", t->column,
				    rec->f[t->col]);
				return -1;
			}
			/* A lunar year begins in January or February:
			   try the one before. */
			for (y = year_of(lo) - 1; y <= year_of(hi); y++) {
				if (y <= ly)
					continue;
				if (lunar_to_solar(y, lm, ld, &occ) < 0) {
					snprintf(msg, msgsize, "column '%s': "
					    "'%s' has no lunar anniversary in "
					    "%d", t->column, rec->f[t->col], y);
					return -1;
				}
				task(f, t, rec, occ, NULL);
			}
			break;
		}
		/* FALLTHROUGH - a solar birthday is a yearly occasion */
	case K_YEARLY:
		for (y = year_of(lo); y <= year_of(hi); y++)
			if (y > year_of(date))
				task(f, t, rec, anniversary(date, y), NULL);
		break;
	case K_HOLIDAYS:
		for (i = 0; i < t->nhol; i++) {
			for (h = holidays; h->name && strcmp(h->name, t->hol[i]); h++)
				;
			for (y = year_of(lo) - 1; h->name && y <= year_of(hi); y++)
				if (holiday_date(h, y, &occ) == 0)
					task(f, t, rec, occ, t->hol[i]);
			for (k = 0; h->name == NULL && k < (int)f->ev.n; k++)
				if (strcmp(f->ev.e[k].name, t->hol[i]) == 0)
					task(f, t, rec, f->ev.e[k].date, t->hol[i]);
		}
		break;
	default:
		break;
	}
	return 0;
}

/*
 * One task per customer and occasion: the row's tasks are checked against
 * those listed before only once the row is known to be good, so that a
 * rejected row takes nothing away from the customer's other rows.
 */
static void
keep_new(struct followup *f, size_t from)
{
	const char *p[4];
	char d[DATE_LEN + 1];
	size_t i, n = from, len;

	for (i = from; i < f->ntasks; i++) {
		parts(&f->tasks[i], p);
		date_format(f->tasks[i].occ, d);
		len = strlen(p[1]) + strlen(p[3]) + strlen(d) + strlen(p[2]) + 4;
		err_grow(&f->key, &f->keycap, len, 1);
		snprintf(f->key, len, "%s\x1f%s\x1f%s\x1f%s", p[1], p[3], d,
		    p[2]);
		if (cols_find(&f->seen, f->key) >= 0) {
			f->duplicates++;
			free(f->tasks[i].s);
			continue;
		}
		cols_add(&f->seen, f->key);
		f->tasks[n++] = f->tasks[i];
	}
	f->ntasks = n;
}

/*
 * With --ics, a row with a task due names a calendar file by its agent:
 * 0, or -1 with msg set when the agent cannot be a file's name.
 */
static int
agent_file(const struct followup *f, const struct rec *rec, size_t keep,
    char *msg, size_t msgsize)
{
	const char *why;

	if (f->ics == NULL || f->ntasks == keep ||
	    (why = ics_bad_name(rec->f[f->acol], rec->len[f->acol])) == NULL)
		return 0;
	snprintf(msg, msgsize, "column '%s': '%.*s' cannot name a file for "
	    "--ics: %s", f->agent, (int)(rec->len[f->acol] > 256 ? 256 :
	    rec->len[f->acol]), rec->f[f->acol], why);
	return -1;
}

static void
arrive(struct io *io, struct followup *f, const struct rec *rec)
{
	char msg[512];
	size_t i, keep = f->ntasks;
	int v = 1;

	for (i = 0; i < f->nt && v >= 0; i++) {
		v = 1;
		if (f->t[i].when != NULL)
			v = cond_eval(f->t[i].when, rec->f, rec->len, msg,
			    sizeof(msg));
		if (v > 0 && occasions(f, &f->t[i], rec, msg, sizeof(msg)) < 0)
			v = -1;
	}
	if (v < 0 || agent_file(f, rec, keep, msg, sizeof(msg)) < 0) {
		/* The row is rejected whole: none of its tasks stay. */
		while (f->ntasks > keep)
			free(f->tasks[--f->ntasks].s);
		io_reject(io, rec, msg);
		return;
	}
	keep_new(f, keep);
	if (f->ntasks > keep)
		f->rows_due++;
	else
		f->rows_none++;
}

/* The strings of a task: agent, customer, policy, task. */
static void
parts(const struct task *k, const char *p[4])
{
	size_t i;

	p[0] = k->s;
	for (i = 1; i < 4; i++)
		p[i] = p[i - 1] + strlen(p[i - 1]) + 1;
}

static int
by_due(const void *a, const void *b)
{
	const struct task *x = a, *y = b;
	const char *px[4], *py[4];
	static const int key[] = { 0, 1, 3, 2 };
	size_t i;
	int c;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	parts(x, px);
	parts(y, py);
	for (i = 0; i < 4; i++)
		if ((c = strcmp(px[key[i]], py[key[i]])) != 0)
			return c;
	return (x->occ > y->occ) - (x->occ < y->occ);
}

/* The task is for the agent and customer of p. */
static int
same_person(const struct task *k, const char *p[4])
{
	const char *q[4];

	parts(k, q);
	return strcmp(p[0], q[0]) == 0 && strcmp(p[1], q[1]) == 0;
}

struct outrow {
	char due[DATE_LEN + 1], occ[DATE_LEN + 1];
	char *f[8];
	char *join[5];		/* merged: occasion, policy, task, channel, note */
	size_t joinlen[5], joincap[5];
};

static void
append(struct outrow *o, int i, const char *s)
{
	size_t n = strlen(s), need;

	if (n == 0)
		return;
	need = o->joinlen[i] + n + 3;
	err_grow(&o->join[i], &o->joincap[i], need, 1);
	if (o->joinlen[i] > 0) {
		memcpy(o->join[i] + o->joinlen[i], "; ", 2);
		o->joinlen[i] += 2;
	}
	memcpy(o->join[i] + o->joinlen[i], s, n + 1);
	o->joinlen[i] += n;
}

/*
 * The output row of the sorted tasks from i on (one task, or with merge:
 * true the agent's tasks for the customer that day) in o; returns where
 * the next row starts.
 */
static size_t
row_at(const struct followup *f, size_t i, struct outrow *o)
{
	const char *p[4], *q[4];
	size_t j, k;

	parts(&f->tasks[i], p);
	j = i + 1;
	while (f->merge && j < f->ntasks &&
	    f->tasks[j].due == f->tasks[i].due && same_person(&f->tasks[j], p))
		j++;
	date_format(f->tasks[i].due, o->due);
	for (k = 0; k < 5; k++)
		o->joinlen[k] = 0;
	for (k = i; k < j; k++) {
		parts(&f->tasks[k], q);
		date_format(f->tasks[k].occ, o->occ);
		append(o, 0, o->occ);
		append(o, 1, q[2]);
		append(o, 2, q[3]);
		append(o, 3, f->tasks[k].t->channel);
		append(o, 4, f->tasks[k].t->note);
	}
	o->f[0] = o->due;
	o->f[1] = o->joinlen[0] ? o->join[0] : "";
	o->f[2] = (char *)p[0];
	o->f[3] = (char *)p[1];
	for (k = 1; k < 5; k++)
		o->f[k + 3] = o->joinlen[k] ? o->join[k] : "";
	return j;
}

static void
outrow_free(struct outrow *o)
{
	size_t k;

	for (k = 0; k < 5; k++)
		free(o->join[k]);
}

/* A row of the list, for the calendars: its agent and its first task. */
struct agentrow {
	const char *agent;
	size_t i;
};

static int
by_agent(const void *a, const void *b)
{
	const struct agentrow *x = a, *y = b;
	int c = strcmp(x->agent, y->agent);

	return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/*
 * Appends "label: value" to buf, after a line end unless it is the first,
 * when value is not empty.
 */
static void
labelled(char **buf, size_t *len, size_t *cap, const char *label,
    const char *value)
{
	size_t n = strlen(label) + strlen(value) + 4;

	if (*value == '\0')
		return;
	err_grow(buf, cap, *len + n, 1);
	*len += (size_t)snprintf(*buf + *len, n, "%s%s: %s", *len ? "\n" : "",
	    label, value);
}

/*
 * One calendar for each agent with a task, its events in the order of the
 * list: the rows are grouped by agent with a stable index sort, and each
 * agent's file is written and closed before the next is begun.
 */
static void
write_calendars(struct followup *f, struct agentrow *rows, size_t n)
{
	/* channel, occasion, policy, note; due, agent, customer, policy, task */
	static const size_t described[] = { 6, 1, 4, 7 };
	static const size_t key[] = { 0, 2, 3, 4, 5 };
	struct outrow o = { 0 };
	struct ics_event e;
	char *sum = NULL, *desc = NULL, *uid = NULL;
	size_t sumcap = 0, desccap = 0, uidcap = 0, dlen, len, r, k;

	qsort(rows, n, sizeof(*rows), by_agent);
	for (r = 0; r < n; r++) {
		if (r == 0 || strcmp(rows[r].agent, rows[r - 1].agent) != 0)
			ics_file(f->ics, rows[r].agent);
		row_at(f, rows[r].i, &o);
		len = strlen(o.f[5]) + strlen(o.f[3]) + 2;
		err_grow(&sum, &sumcap, len, 1);
		snprintf(sum, len, "%s %s", o.f[5], o.f[3]);
		dlen = 0;
		for (k = 0; k < 4; k++)
			labelled(&desc, &dlen, &desccap,
			    f->out.names[described[k]], o.f[described[k]]);
		/* The UID: due date, agent, customer, policy and task. */
		e.keylen = 0;
		for (k = 0; k < 5; k++) {
			len = strlen(o.f[key[k]]) + 1;
			err_grow(&uid, &uidcap, e.keylen + len, 1);
			memcpy(uid + e.keylen, o.f[key[k]], len);
			e.keylen += len;
		}
		e.date = f->tasks[rows[r].i].due;
		e.key = uid;
		e.summary = sum;
		e.description = dlen > 0 ? desc : "";
		ics_event(f->ics, &e);
	}
	free(sum);
	free(desc);
	free(uid);
	outrow_free(&o);
}

static void
write_tasks(struct io *io, struct followup *f)
{
	struct outrow o = { 0 };
	struct agentrow *rows = NULL;
	size_t i, n = 0, cap = 0;

	if (f->ntasks > 1)
		qsort(f->tasks, f->ntasks, sizeof(*f->tasks), by_due);
	for (i = 0; i < f->ntasks; ) {
		if (f->ics != NULL) {
			err_grow(&rows, &cap, n + 1, sizeof(*rows));
			rows[n].agent = f->tasks[i].s;	/* its first part */
			rows[n++].i = i;
		}
		i = row_at(f, i, &o);
		io_write(io, o.f, NULL, 8);
	}
	outrow_free(&o);
	if (f->ics != NULL) {
		write_calendars(f, rows, n);
		ics_finish(f->ics);
	}
	free(rows);
}

static void
report(struct io *io, struct followup *f)
{
	char name[256];
	size_t i;

	for (i = 0; i < f->nt; i++) {
		if (f->t[i].kind == K_HOLIDAYS)
			continue;
		snprintf(name, sizeof(name), "skipped for an empty %s (%s)",
		    f->t[i].column, f->t[i].task);
		io_stat(io, name, f->t[i].skipped);
	}
	io_stat(io, "rows with a task due", f->rows_due);
	io_stat(io, "rows with no task due", f->rows_none);
	io_stat(io, "tasks", f->ntasks);
	io_stat(io, "repeated occasions of one customer", f->duplicates);
	if (f->ics != NULL)
		io_stat(io, "ics files", ics_finish(f->ics));
}

static void
followup_free(struct followup *f)
{
	size_t i;

	for (i = 0; i < f->nt; i++) {
		cond_free(f->t[i].when);
		free(f->t[i].hol);
	}
	for (i = 0; i < f->ntasks; i++)
		free(f->tasks[i].s);
	free(f->t);
	events_free(&f->ev);
	free(f->tasks);
	cols_free(&f->seen);
	cols_free(&f->out);
	free(f->key);
}

static const struct io_tool tool = {
	{
		"[-r rules] [-o file] [--from date] [--days n | --to date] "
		"[--ics dir] [--today date] [--rejects file] [--max-rejects n] "
		"[--stats] "
		"[--check] [options] [file]",
		"      --from DATE           the window's first day (default: "
		"today)\n"
		"      --days N              the window's length (default 7)\n"
		"      --to DATE             the window's last day\n"
		"      --ics DIR             also write each agent's tasks to "
		"DIR/AGENT.ics\n",
		"followup.yaml",
		options,
		handle
	},
	load,
	bind
};

/* The output's header: the rules' names, written under the data's. */
static void
start(struct io *io, struct rules *r, struct followup *f)
{
	static const char *const names[8] = {
		"due_date", "occasion_date", "agent_id", "customer_id",
		"policy_id", "task", "channel", "note"
	};
	size_t i;

	for (i = 0; i < 8; i++)
		rules_outcol(r, &f->out, names[i]);
	io_start(io, &f->out);
}

int
main(int argc, char **argv)
{
	struct followup f = { 0 };
	struct rec rec = { 0 };
	struct rules *r;
	struct opts o;
	struct io io;
	int status;

	r = io_begin(&io, &o, argc, argv, &tool, &f);
	f.from = o.today;
	if (from_arg != NULL)
		date_parse(from_arg, strlen(from_arg), &f.from);
	f.to = f.from + (days_arg ? atoi(days_arg) : 7) - 1;
	if (to_arg != NULL) {
		if (days_arg != NULL)
			err_exit(EXIT_USAGE, "--days and --to both set the "
			    "window's end");
		date_parse(to_arg, strlen(to_arg), &f.to);
		if (f.to < f.from)
			err_exit(EXIT_USAGE, "--to %s is before --from", to_arg);
	}
	if (ics_arg != NULL)
		f.ics = ics_start(ics_arg, "-//cm//cm-followup " CM_VERSION
		    "//EN", "cm-followup", f.from);
	start(&io, r, &f);
	while (io_next(&io, &rec))
		arrive(&io, &f, &rec);
	write_tasks(&io, &f);
	report(&io, &f);
	status = io_close(&io);
	if (f.ics != NULL)
		ics_commit(f.ics);
	rec_free(&rec);
	followup_free(&f);
	rules_free(r);
	opt_free(&o);
	return status;
}
