/*
 * --ics DIR: each agent's tasks as a calendar for the phone (ics.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "../../common/ics.h"
#include "followup.h"

#ifndef CM_VERSION
#define CM_VERSION "0"
#endif

/* calendar: {name: COLUMN, alarm: "HH:MM"}. */
void
calendars_load(struct calendars *c, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = { "name", "alarm", NULL };
	const struct ynode *x;

	c->alarm = -1;
	c->namecol = -1;
	if (m == NULL || rules_want(r, m, Y_MAP, "calendar") < 0 ||
	    rules_keys(r, m, keys, NULL) < 0)
		return;
	if ((x = rules_get(m, "name")) != NULL &&
	    rules_want(r, x, Y_SCALAR, "name") == 0) {
		c->name = x->str;
		c->namenode = x;
	}
	if ((x = rules_get(m, "alarm")) != NULL)
		c->alarm = rules_time(r, x, "alarm");
}

static void
commit_calendars(void *ics)
{
	ics_commit(ics);
}

void
calendars_open(struct followup *f, struct io *io)
{
	struct calendars *c = &f->cal;

	if (c->dir == NULL)
		return;
	c->ics = ics_start(c->dir, "-//cm//cm-followup " CM_VERSION "//EN",
	    "cm-followup", f->from);
	if (c->alarm >= 0)
		ics_alarm(c->ics, c->alarm);
	io_also(io, commit_calendars, c->ics);
}

/*
 * A row with a task due names a calendar file by its agent: 0, or -1 with
 * msg set when the agent cannot name one.  The agent's calendar is named
 * by the name column of its first row, when the rules give one.
 */
int
calendars_row(struct followup *f, const struct rec *rec, char *msg,
    size_t msgsize)
{
	struct calendars *c = &f->cal;
	const char *a = rec->f[f->acol];
	size_t len = rec->len[f->acol], n;
	char why[400];

	if (c->ics == NULL || (c->lastlen == len + 1 &&
	    memcmp(c->last, a, len) == 0))
		return 0;
	if (ics_name(c->ics, a, len, c->namecol >= 0 ? rec->f[c->namecol] :
	    NULL, why, sizeof(why)) < 0) {
		snprintf(msg, msgsize, _("column '%s': %s"), f->agent, why);
		return -1;
	}
	/* Rows come agent by agent, often: the last one passes at once. */
	n = len + 1;
	err_grow(&c->last, &c->lastcap, n, 1);
	memcpy(c->last, a, n);
	c->lastlen = n;
	return 0;
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
 * One calendar for each agent with a task, its events in the order of the
 * list (rows: the first task of each row of the list): the rows are
 * grouped by agent with a stable sort, and each agent's file is written
 * and closed before the next is begun.
 */
void
calendars_write(struct followup *f, const struct cols *out,
    const size_t *rows, size_t n)
{
	static const size_t described[] = { C_CHANNEL, C_OCC, C_POLICY, C_NOTE };
	struct outrow o = { 0 };
	struct ics_text sum = { 0 }, desc = { 0 }, uid = { 0 };
	struct ics_event e;
	const char *key;
	struct agentrow *a = err_calloc(n + 1, sizeof(*a));
	size_t r, k, end, len;

	for (r = 0; r < n; r++) {
		a[r].agent = tasks_part(&f->ts.k[rows[r]], T_AGENT);
		a[r].i = rows[r];
	}
	qsort(a, n, sizeof(*a), by_agent);
	for (r = 0; r < n; r++) {
		if (r == 0 || strcmp(a[r].agent, a[r - 1].agent) != 0)
			ics_file(f->cal.ics, a[r].agent);
		end = tasks_row(f, a[r].i, &o);
		sum.len = desc.len = uid.len = 0;
		ics_str(&sum, o.f[C_TASK]);
		ics_str(&sum, " ");
		ics_str(&sum, o.f[C_CUSTOMER]);
		for (k = 0; k < f->ncarry; k++)
			if (*o.f[NCOL + k] != '\0') {
				ics_str(&sum, " ");
				ics_str(&sum, o.f[NCOL + k]);
			}
		for (k = 0; k < 4; k++)
			ics_labelled(&desc, out->names[described[k]],
			    o.f[described[k]], 0);
		for (k = 0; k < f->ncarry; k++)
			ics_labelled(&desc, out->names[NCOL + k], o.f[NCOL + k],
			    (long)k == f->phonecarry);
		/* The UID: the keys of the row's tasks. */
		for (k = a[r].i; k < end; k++) {
			key = tasks_key(f, &f->ts.k[k], &len);
			ics_add(&uid, key, len);
		}
		e.date = f->ts.k[a[r].i].due;
		e.minute = -1;
		e.length = 0;
		e.key = uid.s;
		e.keylen = uid.len;
		e.summary = sum.s;
		e.description = desc.len > 0 ? desc.s : "";
		ics_event(f->cal.ics, &e);
	}
	free(a);
	free(sum.s);
	free(desc.s);
	free(uid.s);
	outrow_free(&o);
	ics_finish(f->cal.ics);
}

void
calendars_free(struct calendars *c)
{
	free(c->last);
}
