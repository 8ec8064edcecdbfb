/*
 * The tasks: made from a row's occasions, one for each trigger, customer,
 * policy, occasion and task, held until the input ends, sorted, and
 * written as the list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "followup.h"

/* Sets field i of the task in hand to the n bytes at s. */
static void
set(struct rec *p, size_t i, const char *s, size_t n)
{
	p->f[i] = (char *)s;
	p->len[i] = n;
}

void
task(struct followup *f, const struct trigger *t, const struct rec *rec,
    int occ, const char *what, const char *policy, const char *extra)
{
	struct tasks *ts = &f->ts;
	struct rec *p = &ts->parts;
	struct task *k;
	size_t i, n;
	int due = occ - t->lead;

	if (due < f->from || due > f->to)
		return;
	rec_reserve(p, NTF + f->ncarry);
	p->n = NTF + f->ncarry;
	p->plain = 0;
	p->line = rec->line;
	set(p, T_AGENT, rec->f[f->acol], rec->len[f->acol]);
	set(p, T_CUSTOMER, rec->f[f->ccol], rec->len[f->ccol]);
	if (t->per_customer)
		set(p, T_POLICY, "", 0);
	else if (policy != NULL)
		set(p, T_POLICY, policy, strlen(policy));
	else if (f->pcol >= 0)
		set(p, T_POLICY, rec->f[f->pcol], rec->len[f->pcol]);
	else
		set(p, T_POLICY, "", 0);
	set(p, T_TASK, t->task, strlen(t->task));
	if (what != NULL) {
		n = strlen(t->task) + strlen(what) + sizeof("（）");
		err_grow(&ts->what, &ts->whatcap, n, 1);
		set(p, T_TASK, ts->what, (size_t)snprintf(ts->what, n,
		    "%s（%s）", t->task, what));
	}
	set(p, T_NOTE, t->note, strlen(t->note));
	if (extra != NULL && *extra != '\0') {
		n = strlen(t->note) + strlen(extra) + sizeof("；");
		err_grow(&ts->note, &ts->notecap, n, 1);
		set(p, T_NOTE, ts->note, (size_t)snprintf(ts->note, n,
		    "%s%s%s", t->note, *t->note ? "；" : "", extra));
	}
	for (i = 0; i < f->ncarry; i++)
		set(p, NTF + i, rec->f[f->carrycol[i]],
		    rec->len[f->carrycol[i]]);
	err_grow(&ts->k, &ts->cap, ts->n + 1, sizeof(*ts->k));
	k = &ts->k[ts->n++];
	memset(k, 0, sizeof(*k));
	k->due = due;
	k->occ = occ;
	k->t = t;
	hold_keep(&k->h, p, &ts->kept);
}

const char *
tasks_part(const struct task *k, size_t i)
{
	return hold_field(&k->h, i, NULL);
}

static void
put(struct tasks *ts, size_t *len, const char *s, size_t n)
{
	err_grow(&ts->key, &ts->keycap, *len + n + 2, 1);
	memcpy(ts->key + *len, s, n);
	*len += n;
	ts->key[(*len)++] = '\x1f';
	ts->key[*len] = '\0';
}

/*
 * The trigger (its count among the triggers of its task name, so that a
 * trigger added or moved leaves the others' keys as they were), the
 * customer, the policy, the occasion and the task.
 */
const char *
tasks_key(struct followup *f, const struct task *k, size_t *keylen)
{
	static const size_t parts[] = { T_CUSTOMER, T_POLICY };
	struct tasks *ts = &f->ts;
	char num[16], d[DATE_LEN + 1];
	const char *s;
	size_t len = 0, i, n;

	put(ts, &len, num, (size_t)snprintf(num, sizeof(num), "%u",
	    k->t->ord));
	for (i = 0; i < 2; i++) {
		s = hold_field(&k->h, parts[i], &n);
		put(ts, &len, s, n);
	}
	date_format(k->occ, d);
	put(ts, &len, d, DATE_LEN);
	s = hold_field(&k->h, T_TASK, &n);
	put(ts, &len, s, n);
	*keylen = len;
	return ts->key;
}

/*
 * One task per key: the row's tasks are checked against those listed
 * before only once the row is known to be good, so that a rejected row
 * takes nothing away from the customer's other rows.
 */
void
tasks_keep_new(struct followup *f, size_t from)
{
	struct tasks *ts = &f->ts;
	size_t i, n = from, len;
	const char *key;

	for (i = from; i < ts->n; i++) {
		key = tasks_key(f, &ts->k[i], &len);
		if (cols_find(&ts->seen, key) >= 0) {
			ts->duplicates++;
			continue;
		}
		cols_add(&ts->seen, key);
		ts->k[n++] = ts->k[i];
	}
	ts->n = n;
}

/* Field i of the order (agent, customer, task, policy) of key k. */
static const char *
part(const struct taskkey *k, size_t i)
{
	static const int task[] = { T_AGENT, T_CUSTOMER, T_TASK, T_POLICY };
	static const int list[] = { C_AGENT, C_CUSTOMER, C_TASK, C_POLICY };

	return k->h != NULL ? hold_field(k->h, (size_t)task[i], NULL) :
	    k->f[list[i]];
}

int
tasks_order(const struct taskkey *a, const struct taskkey *b)
{
	size_t i;
	int c;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	for (i = 0; i < 4; i++)
		if ((c = strcmp(part(a, i), part(b, i))) != 0)
			return c;
	return (a->occ > b->occ) - (a->occ < b->occ);
}

/*
 * The list's order, then the trigger's place in the rules, for two
 * triggers of one task name on one occasion.  Nothing ties past that:
 * two tasks of one trigger, customer, policy, occasion and task are one
 * task (tasks_keep_new()), so the order is total and qsort's lack of
 * stability cannot show.  Tasks that tie up to the trigger are a
 * customer's, and so in one part of a run split by customer: --merge
 * keeps a list's rows in its order and gets the same list.
 */
static int
by_due(const void *a, const void *b)
{
	const struct task *x = a, *y = b;
	struct taskkey kx = { x->due, x->occ, &x->h, NULL };
	struct taskkey ky = { y->due, y->occ, &y->h, NULL };
	int c;

	if ((c = tasks_order(&kx, &ky)) != 0)
		return c;
	return (x->t > y->t) - (x->t < y->t);
}

/* The two tasks are for one agent and customer. */
static int
same_person(const struct task *a, const struct task *b)
{
	return strcmp(tasks_part(a, T_AGENT), tasks_part(b, T_AGENT)) == 0 &&
	    strcmp(tasks_part(a, T_CUSTOMER), tasks_part(b, T_CUSTOMER)) == 0;
}

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
 * the next row starts.  The carried columns are the first task's.
 */
size_t
tasks_row(const struct followup *f, size_t i, struct outrow *o)
{
	const struct tasks *ts = &f->ts;
	const struct task *k = &ts->k[i], *m;
	size_t j, c;

	if (o->f == NULL)
		o->f = err_calloc(NCOL + f->ncarry + 1, sizeof(*o->f));
	j = i + 1;
	while (f->merge && j < ts->n && ts->k[j].due == k->due &&
	    same_person(&ts->k[j], k))
		j++;
	date_format(k->due, o->due);
	for (c = 0; c < NJOIN; c++)
		o->joinlen[c] = 0;
	for (m = k; m < ts->k + j; m++) {
		date_format(m->occ, o->occ);
		append(o, 0, o->occ);
		append(o, 1, tasks_part(m, T_POLICY));
		append(o, 2, tasks_part(m, T_TASK));
		append(o, 3, m->t->channel);
		append(o, 4, tasks_part(m, T_NOTE));
	}
	o->f[C_DUE] = o->due;
	o->f[C_AGENT] = tasks_part(k, T_AGENT);
	o->f[C_CUSTOMER] = tasks_part(k, T_CUSTOMER);
	o->f[C_OCC] = o->joinlen[0] ? o->join[0] : "";
	for (c = 1; c < NJOIN; c++)
		o->f[C_CUSTOMER + c] = o->joinlen[c] ? o->join[c] : "";
	for (c = 0; c < f->ncarry; c++)
		o->f[NCOL + c] = tasks_part(k, NTF + c);
	return j;
}

void
outrow_free(struct outrow *o)
{
	size_t k;

	for (k = 0; k < NJOIN; k++)
		free(o->join[k]);
	free(o->f);
}

void
tasks_write(struct followup *f, struct io *io)
{
	struct tasks *ts = &f->ts;
	struct outrow o = { 0 };
	size_t *rows = NULL;
	size_t i, k, n = 0, cap = 0;

	if (ts->n > 1)
		qsort(ts->k, ts->n, sizeof(*ts->k), by_due);
	for (i = 0; i < ts->n; ) {
		if (f->cal.ics != NULL) {
			err_grow(&rows, &cap, n + 1, sizeof(*rows));
			rows[n++] = i;
		}
		i = tasks_row(f, i, &o);
		for (k = 0; k < f->ncol; k++)
			schema_put(&io->schema, k, o.f[k]);
		io_write(io);
	}
	outrow_free(&o);
	if (f->cal.ics != NULL)
		calendars_write(f, &io->schema.cols, rows, n);
	free(rows);
}

void
tasks_free(struct tasks *ts)
{
	free(ts->k);
	arena_free(&ts->kept);
	cols_free(&ts->seen);
	free(ts->key);
	free(ts->what);
	free(ts->note);
	rec_free(&ts->parts);
}
