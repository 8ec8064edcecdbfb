/*
 * Each kind's occasions of a row, and the holidays of the seeds.
 */
#include <stdio.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/lunar.h"
#include "followup.h"

/*
 * The holidays of seed 002 (节日的礼物: 元旦, 春节, 元宵节, 端午, 中秋;
 * 三八妇女节, 父亲节, 母亲节, 儿童节, 教师节, 八一建军节, 九九重阳节), and 国庆,
 * which is this project's: solar, the nth Sunday of a month, or lunar.
 */
enum how { H_SOLAR, H_NTH_SUNDAY, H_LUNAR };

static const struct holiday {
	const char *name;
	enum how how;
	int month, day;		/* day: the nth Sunday for H_NTH_SUNDAY */
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
	{ NULL, H_SOLAR, 0, 0 }
};

static const struct holiday *
holiday(const char *name)
{
	const struct holiday *h;

	for (h = holidays; h->name != NULL; h++)
		if (strcmp(h->name, name) == 0)
			return h;
	return NULL;
}

int
holiday_of_seeds(const char *name)
{
	return holiday(name) != NULL;
}

int
known_holiday(const struct followup *f, const char *name)
{
	size_t i;

	if (holiday(name) != NULL)
		return 1;
	for (i = 0; i < f->ev.n; i++)
		if (strcmp(f->ev.e[i].name, name) == 0)
			return 1;
	return 0;
}

/*
 * Whether a lunar holiday of lunar year y could fall in [lo, hi]: a lunar
 * year begins between 21 January and 20 February, its months have 29 or
 * 30 days, and a leap month may come before the holiday's.
 */
int
holiday_could_fall(const char *name, int y, int lo, int hi)
{
	const struct holiday *h = holiday(name);
	int first, last;

	if (h == NULL || h->how != H_LUNAR)
		return 0;
	first = date_from_ymd(y, 1, 21) + (h->month - 1) * 29 + h->day - 1;
	last = date_from_ymd(y, 2, 20) + h->month * 30 + h->day - 1;
	return first <= hi && last >= lo;
}

int
year_of(int days)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	return y;
}

int
holiday_on(const char *name, int y, int *date)
{
	const struct holiday *h = holiday(name);
	int first;

	if (h == NULL)
		return -1;
	switch (h->how) {
	case H_SOLAR:
		*date = date_from_ymd(y, h->month, h->day);
		return 0;
	case H_NTH_SUNDAY:
		first = date_from_ymd(y, h->month, 1);
		*date = first + (7 - date_weekday(first)) % 7 + 7 * (h->day - 1);
		return 0;
	case H_LUNAR:
		return lunar_to_solar(y, h->month, h->day, date);
	}
	return -1;
}

static int
shift(int date, struct offset o, int times)
{
	return date_shift(date, o.n * times, o.unit);
}

/* The anniversary of date in year y; 29 February falls on 28 February. */
static int
anniversary(int date, int y)
{
	return date_add_months(date, 12 * (y - year_of(date)));
}

int
occ_after(struct followup *f, const struct trigger *t, const struct rec *rec,
    int date, char *msg, size_t msgsize)
{
	size_t i;

	(void)msg;
	(void)msgsize;
	for (i = 0; i < t->noff; i++)
		task(f, t, rec, shift(date, t->off[i], 1), NULL, NULL, NULL);
	return 0;
}

/*
 * The first multiple of every worth trying for the window: one step
 * before the window's first day, so that a date of long ago (a birth)
 * does not count every period since.
 */
static int
first_step(struct offset e, int date, int lo)
{
	int y0, m0, d0, y1, m1, d1, per, k;

	if (lo <= date)
		return 1;
	if (e.unit == 'd' || e.unit == 'w') {
		per = e.n * (e.unit == 'w' ? 7 : 1);
		k = (lo - date) / per - 1;
	} else {
		per = e.n * (e.unit == 'y' ? 12 : 1);
		date_to_ymd(date, &y0, &m0, &d0);
		date_to_ymd(lo, &y1, &m1, &d1);
		k = ((y1 - y0) * 12 + m1 - m0) / per - 1;
	}
	return k > 1 ? k : 1;
}

int
occ_recurring(struct followup *f, const struct trigger *t,
    const struct rec *rec, int date, char *msg, size_t msgsize)
{
	int lo = f->from + t->lead, hi = f->to + t->lead, k, occ;

	occ_after(f, t, rec, date, msg, msgsize);
	if (t->every.n <= 0)
		return 0;
	for (k = first_step(t->every, date, lo);
	    (occ = shift(date, t->every, k)) <= hi; k++)
		if (occ >= lo)
			task(f, t, rec, occ, NULL, NULL, NULL);
	return 0;
}

int
occ_yearly(struct followup *f, const struct trigger *t, const struct rec *rec,
    int date, char *msg, size_t msgsize)
{
	int y;

	(void)msg;
	(void)msgsize;
	for (y = year_of(f->from + t->lead); y <= year_of(f->to + t->lead); y++)
		if (y > year_of(date))
			task(f, t, rec, anniversary(date, y), NULL, NULL, NULL);
	return 0;
}

/* A birthday: yearly, or on the lunar calendar when the row says so. */
int
occ_birthday(struct followup *f, const struct trigger *t,
    const struct rec *rec, int date, char *msg, size_t msgsize)
{
	int y, ly, lm, leap, ld, occ;

	if (t->calcol < 0 || strcmp(rec->f[t->calcol], f->lunar_value) != 0)
		return occ_yearly(f, t, rec, date, msg, msgsize);
	if (lunar_from_solar(date, &ly, &lm, &leap, &ld) < 0) {
		snprintf(msg, msgsize, _("column '%s': '%s' has no date on the "
		    "lunar calendar"), t->column, rec->f[t->col]);
		return -1;
	}
	/* A lunar year begins in January or February: try the one before. */
	for (y = year_of(f->from + t->lead) - 1; y <= year_of(f->to + t->lead);
	    y++) {
		if (y <= ly)
			continue;
		if (lunar_to_solar(y, lm, ld, &occ) < 0) {
			snprintf(msg, msgsize,
			    _("column '%s': '%s' has no lunar "
			    "anniversary in %d"), t->column, rec->f[t->col], y);
			return -1;
		}
		task(f, t, rec, occ, NULL, NULL, NULL);
	}
	return 0;
}

/* The holidays due in the window (triggers_window()), with their gifts. */
int
occ_holidays(struct followup *f, const struct trigger *t,
    const struct rec *rec, int date, char *msg, size_t msgsize)
{
	const struct hday *h;

	(void)date;
	(void)msg;
	(void)msgsize;
	for (h = t->hd; h < t->hd + t->nhd; h++)
		task(f, t, rec, h->occ, t->names[h->name], NULL,
		    t->gifts != NULL ? t->gifts[h->name] : NULL);
	return 0;
}

/* The events of --events due in the window whose audience holds. */
int
occ_company(struct followup *f, const struct trigger *t,
    const struct rec *rec, int date, char *msg, size_t msgsize)
{
	const struct event_row *e;
	size_t i;
	int v;

	(void)date;
	for (i = 0; i < t->ndue; i++) {
		e = &f->in.ev[t->due[i]];
		if ((v = inputs_holds(&f->in, e->audience, rec, msg,
		    msgsize)) < 0)
			return -1;
		if (v)
			task(f, t, rec, e->date, e->title, NULL, NULL);
	}
	return 0;
}

/*
 * The steps of the row's customer's services and claims (--services): a
 * record of a policy is the row of that policy's, a record without one
 * the customer's; the task carries the record's policy.
 */
int
occ_service(struct followup *f, const struct trigger *t,
    const struct rec *rec, int date, char *msg, size_t msgsize)
{
	struct records *rs = &f->in.services;
	struct record *s;
	size_t i, j;

	(void)date;
	(void)msg;
	(void)msgsize;
	for (i = f->in.svc; i != NOREC; i = s->next) {
		s = &rs->r[i];
		if (*s->policy != '\0' && f->pcol >= 0 &&
		    strcmp(s->policy, rec->f[f->pcol]) != 0)
			continue;
		s->used = 1;
		if (s->date[t->col] == NODATE)
			continue;
		for (j = 0; j < t->noff; j++)
			task(f, t, rec, shift(s->date[t->col], t->off[j], 1),
			    *s->label != '\0' ? s->label : NULL, s->policy,
			    s->note);
	}
	return 0;
}

/* The row's customer's occasions of the kinds the trigger names. */
int
occ_customer(struct followup *f, const struct trigger *t,
    const struct rec *rec, int date, char *msg, size_t msgsize)
{
	struct record *o;
	size_t i, k;

	(void)date;
	(void)msg;
	(void)msgsize;
	for (i = f->in.occ; i != NOREC; i = o->next) {
		o = &f->in.occasions.r[i];
		o->used = 1;
		for (k = 0; k < t->nnames; k++)
			if (strcmp(t->names[k], o->label) == 0)
				task(f, t, rec, o->day, t->nnames > 1 ?
				    o->label : NULL, NULL, o->note);
	}
	return 0;
}
