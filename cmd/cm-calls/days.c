/*
 * The team's working days and hours: the weekdays of days:, less the
 * holidays (holidays: and --holidays), plus the make-up working days of
 * the official calendar (调休: working_days: and --working-days); and
 * call times spread evenly over the windows of a day.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "calls.h"

static const char *const weekday_names[] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"), N_("Sunday")
};

void
days_load_window(struct rules *r, const struct ynode *v, struct window *w)
{
	static const char *const keys[] = { "from", "to", NULL };

	w->from = w->to = 0;
	if (rules_want(r, v, Y_MAP, _("a window")) < 0 ||
	    rules_keys(r, v, keys, keys) < 0)
		return;
	w->from = rules_time(r, rules_get(v, "from"), "from");
	w->to = rules_time(r, rules_get(v, "to"), "to");
	if (w->from >= 0 && w->to >= 0 && w->to <= w->from)
		rules_error(r, v, "a window must end after it starts");
}

void
days_load(struct calls *c, struct rules *r)
{
	const struct ynode *x;
	size_t i;
	int d;

	for (d = 1; d <= 5; d++)
		c->days.work[d] = 1;
	if ((x = rules_get(r->root, "days")) != NULL &&
	    rules_want(r, x, Y_SEQ, "days") == 0) {
		for (d = 1; d <= 7; d++)
			c->days.work[d] = 0;
		for (i = 0; i < x->n; i++)
			if ((d = rules_weekday(r, x->kid[i])) != 0)
				c->days.work[d] = 1;
	}
	if ((x = rules_get(r->root, "holidays")) != NULL)
		events_rules(&c->days.off, r, x);
	if ((x = rules_get(r->root, "working_days")) != NULL)
		events_rules(&c->days.on, r, x);
	if ((x = rules_get(r->root, "windows")) == NULL ||
	    rules_want(r, x, Y_SEQ, "windows") < 0)
		return;
	if (x->n == 0 || x->n > MAX_WINDOWS) {
		rules_error(r, x, "windows takes 1 to %d windows", MAX_WINDOWS);
		return;
	}
	for (i = 0; i < x->n; i++) {
		days_load_window(r, x->kid[i], &c->win[i]);
		if (i > 0 && c->win[i].from >= 0 &&
		    c->win[i].from < c->win[i - 1].to)
			rules_error(r, x->kid[i], "the windows must follow one "
			    "another through the day, without overlap");
	}
	c->nwin = x->n;
}

void
days_files(struct calls *c, const struct csvin_opts *o)
{
	if (c->holidays_path != NULL)
		events_file(&c->days.off, "--holidays", c->holidays_path, o);
	if (c->workdays_path != NULL)
		events_file(&c->days.on, "--working-days", c->workdays_path, o);
}

/* The event of ev on day, or NULL. */
static const struct event *
on(const struct events *ev, int day)
{
	size_t lo = 0, hi = ev->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ev->e[mid].date < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ev->n && ev->e[lo].date == day ? &ev->e[lo] : NULL;
}

int
days_working(const struct calls *c, int day)
{
	if (on(&c->days.on, day) != NULL)
		return 1;
	return c->days.work[date_weekday(day)] && on(&c->days.off, day) == NULL;
}

int
days_next(const struct calls *c, int day)
{
	int d;

	for (d = day + 1; d <= day + 366; d++)
		if (days_working(c, d))
			return d;
	return -1;
}

void
days_why(const struct calls *c, int day, char *buf, size_t size)
{
	const struct event *e = on(&c->days.off, day);

	if (e != NULL)
		snprintf(buf, size, _("a holiday (%s)"), e->name);
	else
		snprintf(buf, size, _("a %s"),
		    _(weekday_names[date_weekday(day) - 1]));
}

int
days_spread(const struct window *w, size_t nw, size_t k, size_t n)
{
	long total = 0, off;
	size_t i;

	for (i = 0; i < nw; i++)
		total += w[i].to - w[i].from;
	off = (long)((unsigned long long)k * (unsigned long long)total / n);
	for (i = 0; i < nw; i++) {
		if (off < w[i].to - w[i].from)
			return w[i].from + (int)off;
		off -= w[i].to - w[i].from;
	}
	return w[nw - 1].to - 1;
}

void
days_free(struct calls *c)
{
	events_free(&c->days.off);
	events_free(&c->days.on);
}
