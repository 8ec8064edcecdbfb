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
#include "../common/hold.h"
#include "../common/ics.h"
#include "../common/lunar.h"
#include "../common/rules.h"
#include "../common/tool.h"

#ifndef CM_VERSION
#define CM_VERSION "0"
#endif

#define MAXOFF 16

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
	const struct kind *kind;
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
	unsigned long skipped;		/* rows with the date empty */
};

/* The fields of a task, kept in a struct hold. */
enum { T_AGENT, T_CUSTOMER, T_POLICY, T_TASK, NTF };

struct task {
	int due, occ;
	const struct trigger *t;
	struct hold h;		/* agent, customer, policy, task */
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
	int from_set, to_set;		/* --from, --to */
	long days;			/* --days, or 0 */
	const char *ics_dir;		/* --ics */
	struct cols seen;		/* customer and occasion already listed */
	char *key;		/* its key for the task in hand */
	size_t keycap;
	char *what;		/* a task's text with its holiday, reused */
	size_t whatcap;
	struct rec parts;	/* a task's fields, while it is made */
	struct task *tasks;
	size_t ntasks, taskcap;
	struct arena kept;		/* the tasks' fields */
	unsigned long duplicates;
	unsigned long rows_due, rows_none;	/* rows with and without a task */
	struct ics *ics;		/* --ics */
};

/*
 * The kinds of occasion a trigger names, one key each.  Adding one: a
 * member of enum kind_id (NKIND counts them), and its entry in kinds[],
 * which a static assertion checks: its keys, how per defaults, and its
 * functions.
 */
enum kind_id {
	K_AFTER, K_YEARLY, K_BIRTHDAY, K_HOLIDAYS, K_RECURRING, NKIND
};

struct kind {
	const char *name;
	const char *const *keys;	/* its mapping's keys; NULL: a list */
	int per_customer;		/* per's default */
	void (*load)(struct rules *r, struct followup *f, struct trigger *t,
	    const struct ynode *v);
	/* The occasions of a row whose date (of the column) is date: 0, or
	   -1 with msg set when a date cannot be converted. */
	int (*occasions)(struct followup *f, const struct trigger *t,
	    const struct rec *rec, int date, char *msg, size_t msgsize);
};

enum { O_DAYS, O_FROM, O_ICS, O_TO };

static const struct tool_option options[] = {
	{ "days", TOOL_VALUE, O_DAYS },
	{ "from", TOOL_VALUE, O_FROM },
	{ "ics", TOOL_VALUE, O_ICS },
	{ "to", TOOL_VALUE, O_TO },
	{ NULL, TOOL_FLAG, 0 }
};

static int
option(void *self, int code, const char *arg)
{
	struct followup *f = self;

	switch (code) {
	case O_DAYS:
		return opt_count("--days", arg, 1, 3660, &f->days);
	case O_FROM:
		f->from_set = 1;
		return opt_date("--from", arg, &f->from);
	case O_ICS:
		if (*arg == '\0') {
			err_warn("--ics: a directory, not ''");
			return -1;
		}
		f->ics_dir = arg;
		return 0;
	case O_TO:
		f->to_set = 1;
		return opt_date("--to", arg, &f->to);
	}
	return 0;
}

/* The window: --from (or today), then --days (7) or --to. */
static void
options_done(void *self, struct io *io)
{
	struct followup *f = self;
	char d[DATE_LEN + 1];

	if (!f->from_set)
		f->from = io->o.today;
	if (f->to_set && f->days > 0)
		err_exit(EXIT_USAGE, "--days and --to both set the window's end");
	if (f->to_set && f->to < f->from) {
		date_format(f->to, d);
		err_exit(EXIT_USAGE, "--to %s is before --from", d);
	}
	if (!f->to_set)
		f->to = f->from + (f->days > 0 ? (int)f->days : 7) - 1;
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

/* A kind's mapping: the date column, and the keys of its own it has. */
static void
load_dated(struct rules *r, struct followup *f, struct trigger *t,
    const struct ynode *v)
{
	static const char *const need[] = { "column", NULL };
	const struct ynode *x;

	(void)f;
	if (rules_want(r, v, Y_MAP, t->kind->name) < 0 ||
	    rules_keys(r, v, t->kind->keys, need) < 0)
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
}

/* after and recurring: a date column and offsets (or every). */
static void
load_offset_kind(struct rules *r, struct followup *f, struct trigger *t,
    const struct ynode *v)
{
	load_dated(r, f, t, v);
	if (v->type == Y_MAP && rules_get(v, "column") != NULL &&
	    t->noff == 0 && t->every.n == 0)
		rules_error(r, v, "%s needs offsets", t->kind->name);
}

static void
load_holidays(struct rules *r, struct followup *f, struct trigger *t,
    const struct ynode *v)
{
	size_t i;

	if (rules_want(r, v, Y_SEQ, "holidays") < 0)
		return;
	t->hol = err_calloc(v->n + 1, sizeof(*t->hol));
	for (i = 0; i < v->n; i++) {
		if (rules_want(r, v->kid[i], Y_SCALAR, "a holiday") < 0)
			continue;
		if (!known_holiday(f, v->kid[i]->str))
			rules_error(r, v->kid[i], "unknown holiday '%s' (the "
			    "seeds' holidays, or an event's name)",
			    v->kid[i]->str);
		t->hol[t->nhol++] = v->kid[i]->str;
	}
}

/*
 * A task for an occasion whose due day falls in the window; what, when
 * not NULL, follows the task's name in brackets (a holiday's name).
 */
static void
task(struct followup *f, const struct trigger *t, const struct rec *rec,
    int occ, const char *what)
{
	struct rec *p = &f->parts;
	struct task *k;
	size_t n;
	int due = occ - t->lead;

	if (due < f->from || due > f->to)
		return;
	rec_reserve(p, NTF);
	p->n = NTF;
	p->plain = 0;
	p->line = rec->line;
	p->f[T_AGENT] = rec->f[f->acol];
	p->len[T_AGENT] = rec->len[f->acol];
	p->f[T_CUSTOMER] = rec->f[f->ccol];
	p->len[T_CUSTOMER] = rec->len[f->ccol];
	p->f[T_POLICY] = "";
	p->len[T_POLICY] = 0;
	if (!t->per_customer && f->pcol >= 0) {
		p->f[T_POLICY] = rec->f[f->pcol];
		p->len[T_POLICY] = rec->len[f->pcol];
	}
	p->f[T_TASK] = (char *)t->task;
	if (what != NULL) {
		n = strlen(t->task) + strlen(what) + sizeof("（）");
		err_grow(&f->what, &f->whatcap, n, 1);
		snprintf(f->what, n, "%s（%s）", t->task, what);
		p->f[T_TASK] = f->what;
	}
	p->len[T_TASK] = strlen(p->f[T_TASK]);
	err_grow(&f->tasks, &f->taskcap, f->ntasks + 1, sizeof(*f->tasks));
	k = &f->tasks[f->ntasks++];
	memset(k, 0, sizeof(*k));
	k->due = due;
	k->occ = occ;
	k->t = t;
	hold_keep(&k->h, p, &f->kept);
}

static const char *
part(const struct task *k, size_t i)
{
	return hold_field(&k->h, i, NULL);
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

static int
after(struct followup *f, const struct trigger *t, const struct rec *rec,
    int date, char *msg, size_t msgsize)
{
	size_t i;

	(void)msg;
	(void)msgsize;
	for (i = 0; i < t->noff; i++)
		task(f, t, rec, shift(date, t->off[i], 1), NULL);
	return 0;
}

static int
recurring(struct followup *f, const struct trigger *t, const struct rec *rec,
    int date, char *msg, size_t msgsize)
{
	int lo = f->from + t->lead, hi = f->to + t->lead, k, occ;

	after(f, t, rec, date, msg, msgsize);
	for (k = 1; t->every.n > 0 && (occ = shift(date, t->every, k)) <= hi;
	    k++)
		if (occ >= lo)
			task(f, t, rec, occ, NULL);
	return 0;
}

static int
yearly(struct followup *f, const struct trigger *t, const struct rec *rec,
    int date, char *msg, size_t msgsize)
{
	int y;

	(void)msg;
	(void)msgsize;
	for (y = year_of(f->from + t->lead); y <= year_of(f->to + t->lead); y++)
		if (y > year_of(date))
			task(f, t, rec, anniversary(date, y), NULL);
	return 0;
}

/* A birthday: yearly, or on the lunar calendar when the row says so. */
static int
birthday(struct followup *f, const struct trigger *t, const struct rec *rec,
    int date, char *msg, size_t msgsize)
{
	int y, ly, lm, leap, ld, occ;

	if (t->calcol < 0 || strcmp(rec->f[t->calcol], f->lunar_value) != 0)
		return yearly(f, t, rec, date, msg, msgsize);
	if (lunar_from_solar(date, &ly, &lm, &leap, &ld) < 0) {
		snprintf(msg, msgsize, "column '%s': '%s' has no date on the "
		    "lunar calendar", t->column, rec->f[t->col]);
		return -1;
	}
	/* A lunar year begins in January or February: try the one before. */
	for (y = year_of(f->from + t->lead) - 1; y <= year_of(f->to + t->lead);
	    y++) {
		if (y <= ly)
			continue;
		if (lunar_to_solar(y, lm, ld, &occ) < 0) {
			snprintf(msg, msgsize, "column '%s': '%s' has no lunar "
			    "anniversary in %d", t->column, rec->f[t->col], y);
			return -1;
		}
		task(f, t, rec, occ, NULL);
	}
	return 0;
}

static int
on_holidays(struct followup *f, const struct trigger *t, const struct rec *rec,
    int date, char *msg, size_t msgsize)
{
	const struct holiday *h;
	size_t i, k;
	int y, occ;

	(void)date;
	(void)msg;
	(void)msgsize;
	for (i = 0; i < t->nhol; i++) {
		for (h = holidays; h->name && strcmp(h->name, t->hol[i]); h++)
			;
		for (y = year_of(f->from + t->lead) - 1; h->name &&
		    y <= year_of(f->to + t->lead); y++)
			if (holiday_date(h, y, &occ) == 0)
				task(f, t, rec, occ, t->hol[i]);
		for (k = 0; h->name == NULL && k < f->ev.n; k++)
			if (strcmp(f->ev.e[k].name, t->hol[i]) == 0)
				task(f, t, rec, f->ev.e[k].date, t->hol[i]);
	}
	return 0;
}

static const char *const after_keys[] = { "column", "offsets", NULL };
static const char *const yearly_keys[] = { "column", NULL };
static const char *const birthday_keys[] = { "column", "calendar", NULL };
static const char *const recurring_keys[] = {
	"column", "offsets", "every", NULL
};

static const struct kind kinds[] = {
	[K_AFTER] = { "after", after_keys, 0, load_offset_kind, after },
	[K_YEARLY] = { "yearly", yearly_keys, 0, load_dated, yearly },
	[K_BIRTHDAY] = { "birthday", birthday_keys, 1, load_dated, birthday },
	[K_HOLIDAYS] = { "holidays", NULL, 1, load_holidays, on_holidays },
	[K_RECURRING] = {
		"recurring", recurring_keys, 0, load_offset_kind, recurring
	}
};

_Static_assert(sizeof(kinds) / sizeof(kinds[0]) == NKIND,
    "a kind of occasion without its entry in kinds[]");

/* "after, yearly, birthday, holidays, recurring" into buf. */
static const char *
kind_list(char *buf, size_t size)
{
	size_t k, len = 0;

	buf[0] = '\0';
	for (k = 0; k < NKIND && len < size; k++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    k > 0 ? ", " : "", kinds[k].name);
	return buf;
}

static void
load_trigger(struct rules *r, struct followup *f, const struct ynode *v,
    struct trigger *t)
{
	static const char *keys[8 + NKIND];
	static const char *const need[] = { "task", "channel", NULL };
	static const struct rules_word pers[] = {
		{ "policy", 0, 0 }, { "customer", 1, 0 }, { NULL, 0, 0 }
	};
	static const char *const own[] = {
		"task", "channel", "note", "per", "when", "lead", NULL
	};
	const struct ynode *x, *kind = NULL;
	char list[128];
	size_t k;
	long n;
	int per = -1;

	for (k = 0; own[k] != NULL; k++)
		keys[k] = own[k];
	for (k = 0; k < NKIND; k++)
		keys[k + 6] = kinds[k].name;
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
	if ((x = rules_get(v, "per")) != NULL)
		per = rules_enum(r, x, "per", pers, NULL);
	if ((x = rules_get(v, "when")) != NULL)
		t->when = cond_compile(r, x);
	if ((x = rules_get(v, "lead")) != NULL &&
	    rules_count(r, x, "lead (days)", 0, 366, &n) == 0)
		t->lead = (int)n;
	for (k = 0; k < NKIND; k++) {
		if ((x = rules_get(v, kinds[k].name)) == NULL)
			continue;
		if (kind != NULL)
			rules_error(r, x, "a trigger has one of %s",
			    kind_list(list, sizeof(list)));
		kind = x;
		t->kind = &kinds[k];
	}
	if (kind == NULL) {
		rules_error(r, v, "a trigger needs one of %s",
		    kind_list(list, sizeof(list)));
		return;
	}
	t->per_customer = per >= 0 ? per : t->kind->per_customer;
	t->kind->load(r, f, t, kind);
}

static void
load(void *self, struct io *io)
{
	static const char *const keys[] = {
		"customer", "agent", "policy", "merge", "lunar", "events",
		"triggers", NULL
	};
	static const char *const need[] = { "triggers", NULL };
	struct followup *f = self;
	struct rules *r = io->r;
	const struct ynode *x;
	size_t i;

	if (r->root == NULL || rules_keys(r, r->root, keys, need) < 0)
		return;
	f->cust = rules_scalar(r, r->root, "customer", "customer_id");
	f->agent = rules_scalar(r, r->root, "agent", "agent_id");
	f->policy = rules_scalar(r, r->root, "policy", "policy_id");
	f->lunar_value = rules_scalar(r, r->root, "lunar", "lunar");
	if ((x = rules_get(r->root, "merge")) != NULL)
		rules_bool(r, x, "merge", &f->merge);
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

/* The output's columns: the rules' names, written under the data's. */
static void
bind(void *self, struct io *io)
{
	static const char *const names[] = {
		"due_date", "occasion_date", "agent_id", "customer_id",
		"policy_id", "task", "channel", "note", NULL
	};
	struct followup *f = self;
	struct rules *r = io->r;
	const struct cols *header = io_header(io);
	const char *input = io_name(io);
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
	for (i = 0; names[i] != NULL; i++)
		schema_col(&io->schema, r, names[i]);
}

static void
commit_calendars(void *ics)
{
	ics_commit(ics);
}

static void
open_calendars(void *self, struct io *io)
{
	struct followup *f = self;

	if (f->ics_dir == NULL)
		return;
	f->ics = ics_start(f->ics_dir, "-//cm//cm-followup " CM_VERSION "//EN",
	    "cm-followup", f->from);
	io_also(io, commit_calendars, f->ics);
}

/* Returns 0, or -1 with msg set when a date cannot be read or converted. */
static int
occasions(struct followup *f, struct trigger *t, const struct rec *rec,
    char *msg, size_t msgsize)
{
	int date = 0;

	if (t->column != NULL) {
		if (rec->len[t->col] == 0) {
			t->skipped++;
			return 0;
		}
		if (date_parse(rec->f[t->col], rec->len[t->col], &date) < 0) {
			snprintf(msg, msgsize, "column '%s': '%s' is not a date",
			    t->column, rec->f[t->col]);
			return -1;
		}
	}
	return t->kind->occasions(f, t, rec, date, msg, msgsize);
}

/*
 * One task per customer and occasion: the row's tasks are checked against
 * those listed before only once the row is known to be good, so that a
 * rejected row takes nothing away from the customer's other rows.
 */
static void
keep_new(struct followup *f, size_t from)
{
	const struct task *k;
	char d[DATE_LEN + 1];
	size_t i, n = from, len;

	for (i = from; i < f->ntasks; i++) {
		k = &f->tasks[i];
		date_format(k->occ, d);
		len = strlen(part(k, T_CUSTOMER)) + strlen(part(k, T_TASK)) +
		    strlen(d) + strlen(part(k, T_POLICY)) + 4;
		err_grow(&f->key, &f->keycap, len, 1);
		snprintf(f->key, len, "%s\x1f%s\x1f%s\x1f%s",
		    part(k, T_CUSTOMER), part(k, T_TASK), d, part(k, T_POLICY));
		if (cols_find(&f->seen, f->key) >= 0) {
			f->duplicates++;
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
arrive(void *self, struct io *io, const struct rec *rec)
{
	struct followup *f = self;
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
		f->ntasks = keep;
		io_reject(io, rec, msg);
		return;
	}
	keep_new(f, keep);
	if (f->ntasks > keep)
		f->rows_due++;
	else
		f->rows_none++;
}

static int
by_due(const void *a, const void *b)
{
	static const int key[] = { T_AGENT, T_CUSTOMER, T_TASK, T_POLICY };
	const struct task *x = a, *y = b;
	size_t i;
	int c;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	for (i = 0; i < 4; i++)
		if ((c = strcmp(part(x, key[i]), part(y, key[i]))) != 0)
			return c;
	return (x->occ > y->occ) - (x->occ < y->occ);
}

/* The two tasks are for one agent and customer. */
static int
same_person(const struct task *a, const struct task *b)
{
	return strcmp(part(a, T_AGENT), part(b, T_AGENT)) == 0 &&
	    strcmp(part(a, T_CUSTOMER), part(b, T_CUSTOMER)) == 0;
}

/* The output's columns, in order. */
enum {
	C_DUE, C_OCC, C_AGENT, C_CUSTOMER, C_POLICY, C_TASK, C_CHANNEL,
	C_NOTE, NCOL
};

struct outrow {
	char due[DATE_LEN + 1], occ[DATE_LEN + 1];
	const char *f[NCOL];
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
	const struct task *k = &f->tasks[i];
	size_t j, m;

	j = i + 1;
	while (f->merge && j < f->ntasks && f->tasks[j].due == k->due &&
	    same_person(&f->tasks[j], k))
		j++;
	date_format(k->due, o->due);
	for (m = 0; m < 5; m++)
		o->joinlen[m] = 0;
	for (m = i; m < j; m++) {
		date_format(f->tasks[m].occ, o->occ);
		append(o, 0, o->occ);
		append(o, 1, part(&f->tasks[m], T_POLICY));
		append(o, 2, part(&f->tasks[m], T_TASK));
		append(o, 3, f->tasks[m].t->channel);
		append(o, 4, f->tasks[m].t->note);
	}
	o->f[C_DUE] = o->due;
	o->f[C_AGENT] = part(k, T_AGENT);
	o->f[C_CUSTOMER] = part(k, T_CUSTOMER);
	o->f[C_OCC] = o->joinlen[0] ? o->join[0] : "";
	for (m = 1; m < 5; m++)
		o->f[C_CUSTOMER + m] = o->joinlen[m] ? o->join[m] : "";
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
write_calendars(struct followup *f, const struct cols *out,
    struct agentrow *rows, size_t n)
{
	static const size_t described[] = { C_CHANNEL, C_OCC, C_POLICY, C_NOTE };
	static const size_t key[] = {
		C_DUE, C_AGENT, C_CUSTOMER, C_POLICY, C_TASK
	};
	struct outrow o = { 0 };
	struct ics_event e;
	char *sum = NULL, *desc = NULL, *uid = NULL;
	size_t sumcap = 0, desccap = 0, uidcap = 0, dlen, len, r, k;

	qsort(rows, n, sizeof(*rows), by_agent);
	for (r = 0; r < n; r++) {
		if (r == 0 || strcmp(rows[r].agent, rows[r - 1].agent) != 0)
			ics_file(f->ics, rows[r].agent);
		row_at(f, rows[r].i, &o);
		len = strlen(o.f[C_TASK]) + strlen(o.f[C_CUSTOMER]) + 2;
		err_grow(&sum, &sumcap, len, 1);
		snprintf(sum, len, "%s %s", o.f[C_TASK], o.f[C_CUSTOMER]);
		dlen = 0;
		for (k = 0; k < 4; k++)
			labelled(&desc, &dlen, &desccap,
			    out->names[described[k]], o.f[described[k]]);
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
	size_t i, k, n = 0, cap = 0;

	if (f->ntasks > 1)
		qsort(f->tasks, f->ntasks, sizeof(*f->tasks), by_due);
	for (i = 0; i < f->ntasks; ) {
		if (f->ics != NULL) {
			err_grow(&rows, &cap, n + 1, sizeof(*rows));
			rows[n].agent = part(&f->tasks[i], T_AGENT);
			rows[n++].i = i;
		}
		i = row_at(f, i, &o);
		for (k = 0; k < NCOL; k++)
			schema_put(&io->schema, k, o.f[k]);
		io_write(io);
	}
	outrow_free(&o);
	if (f->ics != NULL) {
		write_calendars(f, &io->schema.cols, rows, n);
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
		if (f->t[i].column == NULL)
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
end(void *self, struct io *io)
{
	struct followup *f = self;

	write_tasks(io, f);
	report(io, f);
}

static void
followup_free(void *self)
{
	struct followup *f = self;
	size_t i;

	for (i = 0; i < f->nt; i++) {
		cond_free(f->t[i].when);
		free(f->t[i].hol);
	}
	free(f->t);
	events_free(&f->ev);
	free(f->tasks);
	arena_free(&f->kept);
	cols_free(&f->seen);
	free(f->key);
	free(f->what);
	rec_free(&f->parts);
}

static const struct tool tool = {
	.synopsis = "[-r rules] [-o file] [--from date] [--days n | --to date] "
	    "[--ics dir] [--today date] [--rejects file] [--max-rejects n] "
	    "[--stats] [--check] [options] [file]",
	.help = "      --from DATE           the window's first day (default: "
	    "today)\n"
	    "      --days N              the window's length (default 7)\n"
	    "      --to DATE             the window's last day\n"
	    "      --ics DIR             also write each agent's tasks to "
	    "DIR/AGENT.ics\n",
	.rules_file = "followup.yaml",
	.options = options,
	.option = option,
	.options_done = options_done,
	.load = load,
	.bind = bind,
	.open = open_calendars,
	.row = arrive,
	.end = end,
	.free = followup_free,
};

int
main(int argc, char **argv)
{
	struct followup f = { 0 };

	return tool_main(&tool, &f, argc, argv);
}
