/*
 * --loads: what the run did to each agent, group and service area, in the
 * count of the cap (policies, or contracts), one table:
 *
 *   agent  each agent who held orphan policies, took some, or was given
 *          one for one service (外派件): held before, assigned, held
 *          after, the cap, and the units for one service;
 *   group  each group of the roster: what its own agents took of its own
 *          departed agents' policies (placed), what other groups took of
 *          them (borrowed_out), and what its agents took of other groups'
 *          (borrowed_in);
 *   area   each area of the service agents, then each area of a customer
 *          that no service agent has: what the service team took
 *          (placed), and what it had no one for (queued, or left
 *          unassigned).
 */
#include <stdio.h>
#include <string.h>

#include "../../common/err.h"
#include "orphan.h"

enum {
	L_KIND, L_ID, L_BEFORE, L_ASSIGNED, L_AFTER, L_CAP, L_ONCE, L_PLACED,
	L_OUT, L_IN, L_QUEUED, NLCOL
};

static const char *const names[NLCOL] = {
	"kind", "id", "held_before", "assigned", "held_after", "cap",
	"one_service", "placed", "borrowed_out", "borrowed_in", "queued"
};

/* The kinds of line. */
static const char *const kinds[] = { "agent", "group", "area" };

struct line {
	char *f[NLCOL];
	char num[NLCOL][32];
};

static void
start(struct line *l, const char *kind, const char *id)
{
	size_t k;

	for (k = 0; k < NLCOL; k++)
		l->f[k] = "";
	l->f[L_KIND] = (char *)kind;
	l->f[L_ID] = (char *)id;
}

static void
put(struct line *l, int k, long v)
{
	snprintf(l->num[k], sizeof(l->num[k]), "%ld", v);
	l->f[k] = l->num[k];
}

void
loads_write(struct assign *a, struct io *io)
{
	const struct roster *ro = &a->roster;
	const struct agent *g;
	const struct group *gr;
	const struct areaload *al;
	struct line l;
	size_t i, k;

	for (k = 0; k < NLCOL; k++)
		l.f[k] = (char *)rules_column(io->r, names[k]);
	csvout_row(a->loads, l.f, NULL, NLCOL);
	for (i = 0; i < ro->n; i++) {
		g = &ro->ag[i];
		if (g->held == 0 && g->now == 0 && g->once == 0)
			continue;
		start(&l, kinds[0], roster_id(ro, i));
		put(&l, L_BEFORE, g->held);
		put(&l, L_ASSIGNED, g->now);
		put(&l, L_AFTER, g->held + g->now);
		put(&l, L_CAP, a->routes.cap);
		put(&l, L_ONCE, g->once);
		csvout_row(a->loads, l.f, NULL, NLCOL);
	}
	for (i = 0; i < ro->groups.keys.n; i++) {
		gr = table_at(&ro->groups, i);
		start(&l, kinds[1], ro->groups.keys.names[i]);
		put(&l, L_PLACED, gr->placed);
		put(&l, L_OUT, gr->lent);
		put(&l, L_IN, gr->borrowed);
		csvout_row(a->loads, l.f, NULL, NLCOL);
	}
	for (i = 0; i < a->areas.report.keys.n; i++) {
		al = table_at(&a->areas.report, i);
		start(&l, kinds[2], a->areas.report.keys.names[i]);
		put(&l, L_PLACED, al->placed);
		put(&l, L_QUEUED, al->waited);
		csvout_row(a->loads, l.f, NULL, NLCOL);
	}
}
