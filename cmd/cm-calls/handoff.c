/*
 * The lead hand-off (seed 003: "數據接受人在隔日9:30分之前完成成功數據的
 * 分配"; "原則上每個區域的人不得跨區營銷").
 *
 * Each successful call of the day goes to a ground agent of the
 * customer's area, the one with the fewest leads (those still open, from
 * --open, and those given in this run), the first in the roster on a tie;
 * an area with no active agent gives it to its leader, who dispatches the
 * area's mobile agents; nobody gets a lead outside their area.  Rows are
 * written as they come: the output is the input's order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "../../common/side.h"
#include "calls.h"

enum { OUT_AGENT, OUT_DUE_DATE, OUT_DUE_TIME };

struct agent {
	char *id;
	long load;
};

struct area {
	size_t *ag;			/* its active agents, in roster order */
	size_t n, cap;
	long leader;			/* its active leader, or -1 */
};

struct handoff {
	struct agent *ag;
	size_t n, cap;
	struct table ids;		/* agent_id -> index (size_t) */
	struct table areas;		/* area -> struct area */
	char date[DATE_LEN + 1], due[6];
};

static const char *const yes_words[] = { "yes", "是", NULL };

void
handoff_bind(struct calls *c, struct io *io)
{
	static const char *const own[] = { "agent_id", "due_date", "due_time" };
	const struct ynode *root = io->r->root;

	c->rcol = calls_incol(io, rules_get(root, "result"), c->result);
	c->acol = calls_incol(io, rules_get(root, "area"), c->area);
	c->kcol = calls_incol(io, rules_get(root, "key"), c->key);
	calls_layout(c, io, own, 3);
}

static struct area *
area_of(struct handoff *h, const char *name)
{
	int added;
	struct area *a = table_at(&h->areas, table_intern(&h->areas, name,
	    &added));

	if (added)
		a->leader = -1;
	return a;
}

static void
read_agents(struct calls *c, struct io *io, struct handoff *h)
{
	struct side in;
	size_t idc, ac, lc, sc, i;
	struct area *a;
	int added;

	side_open(&in, "--agents", c->agents_path, &io->o.in, io->r);
	idc = side_col(&in, "agent_id");
	ac = side_col(&in, "area");
	lc = side_col(&in, "leader");
	sc = side_col(&in, "status");
	while (side_next(&in)) {
		if (in.rec.len[idc] == 0 || in.rec.len[ac] == 0)
			side_fail(&in, "a ground agent needs an agent_id and "
			    "an area");
		i = table_intern(&h->ids, in.rec.f[idc], &added);
		if (!added)
			side_fail(&in, "the agent '%s' is listed twice",
			    in.rec.f[idc]);
		*(size_t *)table_at(&h->ids, i) = h->n;
		err_grow(&h->ag, &h->cap, h->n + 1, sizeof(*h->ag));
		h->ag[h->n].id = err_strdup(in.rec.f[idc]);
		h->ag[h->n].load = 0;
		a = area_of(h, in.rec.f[ac]);
		if (calls_active(in.rec.f[sc], in.rec.len[sc])) {
			if (!calls_word(in.rec.f[lc], in.rec.len[lc],
			    yes_words)) {
				err_grow(&a->ag, &a->cap, a->n + 1,
				    sizeof(*a->ag));
				a->ag[a->n++] = h->n;
			} else if (a->leader >= 0)
				side_fail(&in, "the area '%s' has two active "
				    "leaders: %s and %s", in.rec.f[ac],
				    h->ag[a->leader].id, in.rec.f[idc]);
			else
				a->leader = (long)h->n;
		}
		h->n++;
	}
	side_close(&in);
}

/* Leads still open: one for each row, counted against its agent. */
static void
read_open(struct calls *c, struct io *io, struct handoff *h)
{
	struct side in;
	size_t idc;
	long k;

	side_open(&in, "--open", c->open_path, &io->o.in, io->r);
	idc = side_col(&in, "agent_id");
	while (side_next(&in)) {
		if ((k = table_find(&h->ids, in.rec.f[idc])) < 0) {
			io_stat(io, "open leads of agents not in --agents", 1);
			continue;
		}
		h->ag[*(size_t *)table_at(&h->ids, (size_t)k)].load++;
		io_stat(io, "open leads", 1);
	}
	side_close(&in);
}

void
handoff_open(struct calls *c, struct io *io)
{
	struct handoff *h = err_calloc(1, sizeof(*h));

	c->job_state = h;
	table_init(&h->ids, sizeof(size_t));
	table_init(&h->areas, sizeof(struct area));
	read_agents(c, io, h);
	if (c->open_path != NULL)
		read_open(c, io, h);
	date_format(c->day, h->date);
	date_clock_format(c->due, h->due);
}

/* The agent for a lead of area, or -1. */
static long
agent_for(struct handoff *h, const char *area)
{
	long k = table_find(&h->areas, area);
	const struct area *a;
	size_t i;
	long best = -1;

	if (k < 0)
		return -1;
	a = table_at(&h->areas, (size_t)k);
	for (i = 0; i < a->n; i++)
		if (best < 0 || h->ag[a->ag[i]].load < h->ag[best].load)
			best = (long)a->ag[i];
	return best >= 0 ? best : a->leader;
}

void
handoff_row(struct calls *c, struct io *io, const struct rec *rec)
{
	struct handoff *h = c->job_state;
	struct schema *sc = &io->schema;
	char msg[512];
	long k;
	int added;

	if (!rules_in(c->success, rec->f[c->rcol], rec->len[c->rcol])) {
		rest_put(c, io, rec, c->word[W_NOT_SUCCESS]);
		return;
	}
	if (rec->len[c->kcol] == 0) {
		snprintf(msg, sizeof(msg), _("the column '%s' is empty: a lead "
		    "needs the customer's phone"),
		    io_header(io)->names[c->kcol]);
		io_reject(io, rec, msg);
		return;
	}
	cols_intern(&c->seen, rec->f[c->kcol], &added);
	if (!added) {
		rest_put(c, io, rec, c->word[W_HANDED]);
		return;
	}
	if ((k = agent_for(h, rec->f[c->acol])) < 0) {
		rest_put(c, io, rec, c->word[W_NO_AGENT]);
		return;
	}
	h->ag[k].load++;
	calls_fill(c, io, rec->f, rec->len);
	schema_put(sc, c->out[OUT_AGENT], h->ag[k].id);
	schema_set(sc, c->out[OUT_DUE_DATE], h->date, DATE_LEN);
	schema_put(sc, c->out[OUT_DUE_TIME], h->due);
	sc->line = rec->line;
	io_write(io);
}

void
handoff_free(struct calls *c)
{
	struct handoff *h = c->job_state;
	size_t i;

	if (c->job != JOB_HANDOFF || h == NULL)
		return;
	for (i = 0; i < h->n; i++)
		free(h->ag[i].id);
	free(h->ag);
	for (i = 0; i < h->areas.keys.n; i++)
		free(((struct area *)table_at(&h->areas, i))->ag);
	table_free(&h->ids);
	table_free(&h->areas);
	free(h);
}
