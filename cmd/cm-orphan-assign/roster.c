/*
 * The roster (--agents): every agent, active or not, with their group,
 * the agents who recruited, supervise and developed them, and their
 * counts; each group's agents ranked by last month's output; and who
 * meets each eligibility condition.  (The service agents' areas are
 * areas.c's.)
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "../../common/value.h"
#include "orphan.h"

_Static_assert(R_RECRUITER == R_SUPERVISOR + 1 &&
    R_DEVELOPER == R_SUPERVISOR + 2,
    "agent.link[] is by the columns from R_SUPERVISOR");

static const char *const col_names[NRCOL] = {
	"agent_id", "status", "role", "group_id", "supervisor_id",
	"recruiter_id", "developer_id", "orphan_count",
	"output_last_month"
};

/* eligible: a name for each condition, which routes' need: lists name. */
void
roster_load(struct roster *ro, struct rules *r, const struct ynode *m)
{
	size_t i;

	if (rules_want(r, m, Y_MAP, "eligible") < 0)
		return;
	ro->need = err_calloc(m->n / 2 + 1, sizeof(*ro->need));
	for (i = 0; i < m->n; i += 2) {
		ro->need[ro->nneed].name = m->kid[i]->str;
		ro->need[ro->nneed].when = cond_compile(r, m->kid[i + 1]);
		ro->nneed++;
	}
}

/* Opens the roster, finds its columns, and binds the conditions to it. */
void
roster_bind(struct roster *ro, struct rules *r, const char *path,
    const struct csvin_opts *o)
{
	size_t i;

	side_open(&ro->in, "--agents", path, o, r);
	for (i = 0; i < NRCOL; i++)
		ro->col[i] = side_col(&ro->in, col_names[i]);
	for (i = 0; i < ro->nneed; i++)
		cond_bind(ro->need[i].when, r, side_header(&ro->in),
		    side_name(&ro->in));
	ro->name = err_strdup(side_name(&ro->in));
	for (i = 0; i < side_header(&ro->in)->n; i++)
		cols_add(&ro->header, side_header(&ro->in)->names[i]);
	ro->area = ro->lat = ro->lon = -1;
	table_init(&ro->groups, sizeof(struct group));
}

/* A count of the roster: empty is 0; anything but a number stops the run. */
static double
number(const struct roster *ro, size_t c)
{
	const struct rec *rec = &ro->in.rec;
	double v;

	if (rec->len[ro->col[c]] == 0)
		return 0;
	if (value_number(rec->f[ro->col[c]], rec->len[ro->col[c]], &v) < 0)
		side_fail(&ro->in, "column '%s': '%s' is not a number",
		    side_header(&ro->in)->names[ro->col[c]],
		    rec->f[ro->col[c]]);
	return v;
}

/* The roster's values, in English or as a Chinese export has them. */
static int
is(const char *v, const char *en, const char *zh)
{
	return strcmp(v, en) == 0 || strcmp(v, zh) == 0;
}

struct ranked {
	size_t group, agent;
	double output;
	uint32_t rank;
};

static int
by_rank(const void *x, const void *y)
{
	const struct ranked *p = x, *q = y;

	if (p->group != q->group)
		return p->group < q->group ? -1 : 1;
	if (p->output != q->output)
		return p->output > q->output ? -1 : 1;
	return (p->rank > q->rank) - (p->rank < q->rank);
}

/* The roster, for by_id(). */
static const struct roster *ids_of;

static int
by_id(const void *x, const void *y)
{
	return strcmp(roster_id(ids_of, *(const uint32_t *)x),
	    roster_id(ids_of, *(const uint32_t *)y));
}

/*
 * Each agent's place in the order of the ids, and the agents the roster's
 * supervisor, recruiter and developer cells name: found once, so that the
 * routes compare and follow indices, never strings.
 */
static void
index_agents(struct roster *ro)
{
	uint32_t *order = err_calloc(ro->n + 1, sizeof(*order));
	const char *id;
	size_t i, k, ag;

	if (ro->n >= (uint32_t)LINK_ABSENT)
		err_exit(EXIT_DATA, "%s: more than %u agents", ro->name,
		    (uint32_t)LINK_ABSENT - 1);
	for (i = 0; i < ro->n; i++)
		order[i] = (uint32_t)i;
	ids_of = ro;
	qsort(order, ro->n, sizeof(*order), by_id);
	for (i = 0; i < ro->n; i++)
		ro->ag[order[i]].rank = (uint32_t)i;
	free(order);
	for (i = 0; i < ro->n; i++)
		for (k = 0; k < 3; k++) {
			id = roster_field(ro, i, R_SUPERVISOR + k);
			ag = *id == '\0' ? LINK_EMPTY : roster_find(ro, id);
			ro->ag[i].link[k] = (uint32_t)(ag == NONE ?
			    LINK_ABSENT : ag);
		}
}

/* Each group's agents by last month's output, ties to the lower id. */
static void
rank_groups(struct roster *ro)
{
	struct ranked *rk = err_calloc(ro->n + 1, sizeof(*rk));
	struct group *g;
	size_t i, n = 0;

	for (i = 0; i < ro->n; i++) {
		if (ro->ag[i].group == NONE)
			continue;
		rk[n].group = ro->ag[i].group;
		rk[n].agent = i;
		rk[n].output = ro->ag[i].output;
		rk[n].rank = ro->ag[i].rank;
		n++;
	}
	qsort(rk, n, sizeof(*rk), by_rank);
	ro->order = err_calloc(n + 1, sizeof(*ro->order));
	for (i = n; i-- > 0;) {
		ro->order[i] = rk[i].agent;
		g = table_at(&ro->groups, rk[i].group);
		g->start = i;
		g->n++;
	}
	free(rk);
}

void
roster_read(struct roster *ro)
{
	const struct rec *rec = &ro->in.rec;
	const char *id;
	struct agent *g;
	long k;

	while (side_next(&ro->in)) {
		id = rec->f[ro->col[R_AGENT]];
		if (*id == '\0')
			side_fail(&ro->in, "an agent without an id");
		if ((k = cols_find(&ro->ids, id)) >= 0)
			side_fail(&ro->in, "agent '%s' is listed twice (first "
			    "at line %lu)", id, ro->ag[k].h.line);
		cols_add(&ro->ids, id);
		err_grow(&ro->ag, &ro->cap, ro->n + 1, sizeof(*ro->ag));
		g = &ro->ag[ro->n];
		memset(g, 0, sizeof(*g));
		hold_keep(&g->h, rec, &ro->kept);
		g->held = (long)number(ro, R_HELD);
		g->output = number(ro, R_OUTPUT);
		g->active = is(rec->f[ro->col[R_STATUS]], "active", "在职");
		g->service = is(rec->f[ro->col[R_ROLE]], "service", "收展");
		g->supervisor = is(rec->f[ro->col[R_ROLE]], "supervisor", "主管");
		g->group = NONE;
		if (rec->len[ro->col[R_GROUP]] > 0)
			g->group = table_intern(&ro->groups,
			    rec->f[ro->col[R_GROUP]], NULL);
		g->ok = err_malloc(ro->nneed + 1);
		memset(g->ok, -1, ro->nneed + 1);
		ro->n++;
	}
	side_close(&ro->in);
	index_agents(ro);
	rank_groups(ro);
}

const char *
roster_id(const struct roster *ro, size_t ag)
{
	return ro->ids.names[ag];
}

const char *
roster_field(const struct roster *ro, size_t ag, size_t col)
{
	return hold_field(&ro->ag[ag].h, ro->col[col], NULL);
}

const char *
roster_cell(const struct roster *ro, size_t ag, size_t col, size_t *len)
{
	return hold_field(&ro->ag[ag].h, col, len);
}

const char *
roster_colname(const struct roster *ro, size_t col)
{
	return ro->header.names[col];
}

void
roster_fail(const struct roster *ro, size_t ag, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), gettext(fmt), ap);
	va_end(ap);
	err_exit(EXIT_DATA, "%s:%lu: %s", ro->name, ro->ag[ag].h.line, msg);
}

size_t
roster_find(const struct roster *ro, const char *id)
{
	long k = cols_find(&ro->ids, id);

	return k < 0 ? NONE : (size_t)k;
}

size_t
roster_link(const struct roster *ro, size_t ag, size_t col)
{
	uint32_t v = ro->ag[ag].link[col - R_SUPERVISOR];

	if (v == (uint32_t)LINK_EMPTY)
		return LINK_EMPTY;
	if (v == (uint32_t)LINK_ABSENT)
		return LINK_ABSENT;
	return v;
}

int
roster_eligible(struct roster *ro, size_t ag, size_t k)
{
	struct agent *g = &ro->ag[ag];
	char msg[512];
	int v;

	if (g->ok[k] >= 0)
		return g->ok[k];
	hold_rec(&g->h, &ro->tmp);
	v = cond_eval(ro->need[k].when, ro->tmp.f, ro->tmp.len, msg,
	    sizeof(msg));
	if (v < 0)
		roster_fail(ro, ag, "%s", msg);
	g->ok[k] = (signed char)v;
	return v;
}

void
roster_free(struct roster *ro)
{
	size_t i;

	for (i = 0; i < ro->nneed; i++)
		cond_free(ro->need[i].when);
	for (i = 0; i < ro->n; i++)
		free(ro->ag[i].ok);
	side_close(&ro->in);
	free(ro->need);
	free(ro->ag);
	free(ro->order);
	free(ro->name);
	cols_free(&ro->ids);
	cols_free(&ro->header);
	table_free(&ro->groups);
	rec_free(&ro->tmp);
	arena_free(&ro->kept);
}
