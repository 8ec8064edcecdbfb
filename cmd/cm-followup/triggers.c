/*
 * The triggers of the rules, and the table of the kinds of occasion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "followup.h"

int
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

static void
load_offsets(struct rules *r, const struct ynode *v, struct trigger *t)
{
	size_t i;

	if (rules_want(r, v, Y_SEQ, "offsets") < 0)
		return;
	if (v->n > MAXOFF)
		rules_error(r, v, "at most %d offsets", MAXOFF);
	for (i = 0; i < v->n && i < MAXOFF; i++) {
		if (rules_want(r, v->kid[i], Y_SCALAR, _("an offset")) < 0)
			continue;
		if (parse_offset(v->kid[i]->str, &t->off[t->noff]) < 0)
			rules_error(r, v->kid[i], "'%s' is not an offset (1d, "
			    "-15d, 2w, 3m, 1y)", v->kid[i]->str);
		else
			t->noff++;
	}
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

/* after, recurring and service: a date column and offsets (or every). */
static void
load_offset_kind(struct rules *r, struct followup *f, struct trigger *t,
    const struct ynode *v)
{
	load_dated(r, f, t, v);
	if (v->type == Y_MAP && rules_get(v, "column") != NULL &&
	    t->noff == 0 && t->every.n == 0)
		rules_error(r, v, "%s needs offsets", t->kind->name);
}

/* A list of names: holidays, kinds of event, kinds of occasion. */
static void
load_names(struct rules *r, struct trigger *t, const struct ynode *v,
    const char *what)
{
	size_t i;

	if (rules_want(r, v, Y_SEQ, t->kind->name) < 0)
		return;
	if (v->n == 0)
		rules_error(r, v, "%s lists at least one %s", t->kind->name,
		    what);
	t->names = err_calloc(v->n + 1, sizeof(*t->names));
	for (i = 0; i < v->n; i++)
		if (rules_want(r, v->kid[i], Y_SCALAR, what) == 0)
			t->names[t->nnames++] = v->kid[i]->str;
}

/*
 * holidays: a list of names, or a mapping of each name to its gift (seed
 * 002, 节日的礼物), which the task's note names.
 */
static void
load_holidays(struct rules *r, struct followup *f, struct trigger *t,
    const struct ynode *v)
{
	const struct ynode *name;
	size_t i, n;

	if (v->type != Y_MAP) {
		load_names(r, t, v, _("holiday"));
	} else {
		n = v->n / 2;
		t->names = err_calloc(n + 1, sizeof(*t->names));
		t->gifts = err_calloc(n + 1, sizeof(*t->gifts));
		for (i = 0; i < n; i++) {
			if (rules_want(r, v->kid[2 * i + 1], Y_SCALAR,
			    _("a gift")) < 0)
				continue;
			t->gifts[t->nnames] = v->kid[2 * i + 1]->str;
			t->names[t->nnames++] = v->kid[2 * i]->str;
		}
	}
	for (i = 0; i < t->nnames; i++) {
		if (known_holiday(f, t->names[i]))
			continue;
		name = v->type == Y_MAP ? v->kid[2 * i] : v->kid[i];
		rules_error(r, name, "unknown holiday '%s' (the seeds' "
		    "holidays, or an event's name)", t->names[i]);
	}
}

static void
load_company(struct rules *r, struct followup *f, struct trigger *t,
    const struct ynode *v)
{
	(void)f;
	load_names(r, t, v, _("kind of event"));
}

static void
load_occasions(struct rules *r, struct followup *f, struct trigger *t,
    const struct ynode *v)
{
	(void)f;
	load_names(r, t, v, _("kind of occasion"));
}

static const char *const after_keys[] = { "column", "offsets", NULL };
static const char *const yearly_keys[] = { "column", NULL };
static const char *const birthday_keys[] = { "column", "calendar", NULL };
static const char *const recurring_keys[] = {
	"column", "offsets", "every", NULL
};

const struct kind kinds[] = {
	[K_AFTER] = {
		"after", after_keys, SRC_ROW, 0, load_offset_kind, occ_after
	},
	[K_YEARLY] = {
		"yearly", yearly_keys, SRC_ROW, 0, load_dated, occ_yearly
	},
	[K_BIRTHDAY] = {
		"birthday", birthday_keys, SRC_ROW, 1, load_dated, occ_birthday
	},
	[K_HOLIDAYS] = {
		"holidays", NULL, SRC_NONE, 1, load_holidays, occ_holidays
	},
	[K_RECURRING] = {
		"recurring", recurring_keys, SRC_ROW, 0, load_offset_kind,
		occ_recurring
	},
	[K_COMPANY] = {
		"company", NULL, SRC_EVENTS, 1, load_company, occ_company
	},
	[K_SERVICE] = {
		"service", after_keys, SRC_SERVICES, 0, load_offset_kind,
		occ_service
	},
	[K_OCCASIONS] = {
		"occasions", NULL, SRC_OCCASIONS, 1, load_occasions,
		occ_customer
	}
};

_Static_assert(sizeof(kinds) / sizeof(kinds[0]) == NKIND,
    "a kind of occasion without its entry in kinds[]");

/* "after, yearly, birthday, ..." into buf. */
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
	char list[160];
	size_t k;
	long n;
	int per = -1;

	for (k = 0; own[k] != NULL; k++)
		keys[k] = own[k];
	for (k = 0; k < NKIND; k++)
		keys[k + 6] = kinds[k].name;
	t->at = v;
	t->note = "";
	if (rules_want(r, v, Y_MAP, _("a trigger")) < 0 ||
	    rules_keys(r, v, keys, need) < 0)
		return;
	x = rules_get(v, "task");
	if (rules_want(r, x, Y_SCALAR, "task") == 0)
		t->task = x->str;
	x = rules_get(v, "channel");
	if (rules_want(r, x, Y_SCALAR, "channel") == 0)
		t->channel = x->str;
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
	t->kindnode = kind;
	t->per_customer = per >= 0 ? per : t->kind->per_customer;
	t->kind->load(r, f, t, kind);
}

/*
 * The triggers, each counted among those of its task name: two triggers of
 * one task are both kept, and their tasks told apart by that count.
 */
void
triggers_load(struct followup *f, struct rules *r, const struct ynode *list)
{
	struct table tasks;
	unsigned *n;
	size_t i;

	if (rules_want(r, list, Y_SEQ, "triggers") < 0)
		return;
	f->t = err_calloc(list->n + 1, sizeof(*f->t));
	f->nt = list->n;
	for (i = 0; i < list->n; i++)
		load_trigger(r, f, list->kid[i], &f->t[i]);
	table_init(&tasks, sizeof(unsigned));
	for (i = 0; i < f->nt; i++) {
		f->t[i].ord = 1;
		if (f->t[i].task == NULL)
			continue;
		n = table_at(&tasks, table_intern(&tasks, f->t[i].task, NULL));
		f->t[i].ord = ++*n;
	}
	table_free(&tasks);
}

void
triggers_bind(struct followup *f, struct rules *r, const struct cols *h,
    const char *input)
{
	struct trigger *t;
	size_t i;
	long k;

	for (i = 0; i < f->nt; i++) {
		t = &f->t[i];
		if (t->when != NULL)
			cond_bind(t->when, r, h, input);
		t->calcol = -1;
		if (t->kind == NULL || t->kind->src != SRC_ROW)
			continue;
		if (t->column != NULL) {
			k = rules_find(r, t->colnode, h, t->column, input);
			t->col = k < 0 ? 0 : (size_t)k;
		}
		if (t->calendar != NULL)
			t->calcol = rules_find(r, t->calnode, h, t->calendar,
			    input);
	}
}

static void
add_day(struct trigger *t, int occ, size_t name)
{
	err_grow(&t->hd, &t->hdcap, t->nhd + 1, sizeof(*t->hd));
	t->hd[t->nhd].occ = occ;
	t->hd[t->nhd++].name = name;
}

/*
 * A holiday of the seeds in the window's years, or an event of the rules,
 * is due on the same day for every row: found once here.  A lunar holiday
 * whose year the lunar calendar does not reach cannot be dated: a window
 * that could hold it stops the run, as the page says, rather than leaving
 * it out.  Every lunar holiday of the seeds (months 1 to 9) falls in the
 * Gregorian year its lunar year begins in, and a holiday that cannot be in
 * the window is no error.
 */
static void
holidays_due(struct followup *f, struct trigger *t)
{
	char d0[DATE_LEN + 1], d1[DATE_LEN + 1];
	int y, date, lo = f->from + t->lead, hi = f->to + t->lead;
	size_t k, e;

	for (k = 0; k < t->nnames; k++) {
		if (!holiday_of_seeds(t->names[k])) {
			for (e = 0; e < f->ev.n; e++)
				if (strcmp(f->ev.e[e].name, t->names[k]) == 0)
					add_day(t, f->ev.e[e].date, k);
			continue;
		}
		for (y = year_of(lo); y <= year_of(hi); y++) {
			if (holiday_on(t->names[k], y, &date) == 0) {
				add_day(t, date, k);
				continue;
			}
			if (!holiday_could_fall(t->names[k], y, lo, hi))
				continue;
			date_format(f->from, d0);
			date_format(f->to, d1);
			err_exit(EXIT_DATA, "%s %d cannot be dated: the lunar "
			    "calendar runs from 1900-01-31 to 2101-01-28 (the "
			    "window %s to %s, trigger '%s' at line %lu of the "
			    "rules)", t->names[k], y, d0, d1, t->task,
			    t->at->line);
		}
	}
}

void
triggers_window(struct followup *f)
{
	size_t i;

	for (i = 0; i < f->nt; i++)
		if (f->t[i].kind == &kinds[K_HOLIDAYS])
			holidays_due(f, &f->t[i]);
}

void
triggers_free(struct followup *f)
{
	size_t i;

	for (i = 0; i < f->nt; i++) {
		cond_free(f->t[i].when);
		free(f->t[i].names);
		free(f->t[i].gifts);
		free(f->t[i].due);
		free(f->t[i].hd);
	}
	free(f->t);
}
