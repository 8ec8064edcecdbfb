/*
 * The ways a route finds an agent (its via:): the policyholder's signers
 * (22.12), the departed agent's recruiter, supervisor or developer
 * (22.11), their group in turn and then another group with room (the
 * system pre-assignment), the service team by nearness (22.2, 2.3), a
 * service agent for one service (外派件), or a queue; and what each says
 * when it passes a unit on or places it (in the words of notes.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "orphan.h"

int
ways_can_take(struct assign *a, size_t ag, const struct unit *u,
    const struct route *ro, int say, int capped)
{
	struct routes *rs = &a->routes;
	const struct agent *g = &a->roster.ag[ag];
	/* Its id only for a note: the routes ask thousands of agents. */
	const char *id = say ? roster_id(&a->roster, ag) : NULL;
	char count[24], cap[24];
	size_t k;

	if (ag == u->former) {
		if (say)
			routes_note(rs, ro, W_FORMER, "agent", id, NULL);
		return 0;
	}
	if (!g->active) {
		if (say)
			routes_note(rs, ro, W_INACTIVE, "agent", id, NULL);
		return 0;
	}
	for (k = 0; k < ro->nneed; k++) {
		if (!roster_eligible(&a->roster, ag, ro->need[k])) {
			if (say)
				routes_note(rs, ro, W_NOT_ELIGIBLE, "agent", id,
				    "why", a->roster.need[ro->need[k]].name,
				    NULL);
			return 0;
		}
	}
	if (capped && g->held + g->now + u->weight > rs->cap) {
		if (say) {
			snprintf(count, sizeof(count), "%ld",
			    g->held + g->now + u->weight);
			snprintf(cap, sizeof(cap), "%ld", rs->cap);
			routes_note(rs, ro, W_OVER_CAP, "agent", id, "count",
			    count, "cap", cap, NULL);
		}
		return 0;
	}
	return 1;
}

/* Whether the unit comes from an agent who left: else a note why not. */
static int
departed(struct assign *a, const struct unit *u, const struct route *ro)
{
	if (u->departed)
		return 1;
	routes_note(&a->routes, ro, W_NOT_DEPARTED, "source",
	    a->sources.s[u->source].name, NULL);
	return 0;
}

/*
 * Non-pure (22.12): the active agents who signed a main policy with the
 * policyholder within the route's months, the most recent first (ties to
 * the lower id); failing all of them, the most recent signer before that.
 */
static size_t
via_holdings(struct assign *a, struct unit *u, struct route *ro)
{
	struct routes *rs = &a->routes;
	struct signer before;
	size_t i, n;

	n = holdings_signers(&a->holdings, &a->roster, u->holder,
	    date_add_months(rs->today, -ro->within), &rs->signers,
	    &rs->signercap, &before);
	for (i = 0; i < n; i++)
		if (ways_can_take(a, rs->signers[i].agent, u, ro, 1, 1))
			return rs->signers[i].agent;
	if (n == 0 && before.agent != NONE &&
	    ways_can_take(a, before.agent, u, ro, 1, 1))
		return before.agent;
	if (n == 0 && before.agent == NONE)
		routes_note(rs, ro, W_NO_SIGNER, NULL);
	return NONE;
}

/*
 * The role a route names of the departed agent, and its roster column:
 * the recruiter or the supervisor, or for a departed supervisor the one
 * who developed them (22.11).
 */
static const char *
role(const struct assign *a, const struct unit *u, const struct route *ro,
    size_t *col)
{
	if (a->roster.ag[u->former].supervisor) {
		*col = R_DEVELOPER;
		return a->routes.word[W_DEVELOPER];
	}
	*col = ro->via == V_RECRUITER ? R_RECRUITER : R_SUPERVISOR;
	return a->routes.word[ro->via == V_RECRUITER ? W_RECRUITER :
	    W_SUPERVISOR];
}

/* The agent the departed agent's roster names in the route's role. */
static size_t
via_role(struct assign *a, struct unit *u, struct route *ro)
{
	struct routes *rs = &a->routes;
	size_t col, ag;
	const char *what, *id;

	if (!departed(a, u, ro))
		return NONE;
	what = role(a, u, ro, &col);
	if ((ag = roster_link(&a->roster, u->former, col)) == LINK_EMPTY) {
		routes_note(rs, ro, W_NO_ROLE, "agent",
		    roster_id(&a->roster, u->former), "role", what, NULL);
		return NONE;
	}
	if (ag == LINK_ABSENT) {
		id = roster_field(&a->roster, u->former, col);
		routes_note(rs, ro, W_NOT_IN_ROSTER, "role", what, "agent", id,
		    NULL);
		return NONE;
	}
	return ways_can_take(a, ag, u, ro, 1, 1) ? ag : NONE;
}

/*
 * Group gi's agents, ranked by last month's output, taking units in
 * blocks: 1 to `block` to the first, the next block to the second, and
 * round again.  An agent who cannot take the unit passes the turn to the
 * next (saying why when say).
 */
static size_t
group_turn(struct assign *a, struct unit *u, struct route *ro, size_t gi,
    int say)
{
	struct routes *rs = &a->routes;
	struct group *g = table_at(&a->roster.groups, gi);
	size_t i, ag;

	for (i = 0; i < g->n; i++) {
		ag = a->roster.order[g->start + g->cursor];
		if (ag != u->former && a->roster.ag[ag].active &&
		    ways_can_take(a, ag, u, ro, say, 1)) {
			if (++g->count == (size_t)rs->block) {
				g->cursor = (g->cursor + 1) % g->n;
				g->count = 0;
			}
			return ag;
		}
		g->cursor = (g->cursor + 1) % g->n;
		g->count = 0;
	}
	return NONE;
}

/* The departed agent's group (the system pre-assignment). */
static size_t
via_group(struct assign *a, struct unit *u, struct route *ro)
{
	size_t gi, ag;

	if (!departed(a, u, ro))
		return NONE;
	if ((gi = a->roster.ag[u->former].group) == NONE) {
		routes_note(&a->routes, ro, W_NO_GROUP, "agent",
		    roster_id(&a->roster, u->former), NULL);
		return NONE;
	}
	if ((ag = group_turn(a, u, ro, gi, 1)) == NONE)
		routes_note(&a->routes, ro, W_GROUP_FULL, "group",
		    a->roster.groups.keys.names[gi], NULL);
	return ag;
}

/*
 * Another group (组内资源不足时,可调配其他组富余的资源): the groups of the
 * departed agent's branch, the most room first, each in its turn.
 */
static size_t
via_borrow(struct assign *a, struct unit *u, struct route *ro)
{
	size_t own, gi, ag;

	if (!departed(a, u, ro))
		return NONE;
	own = a->roster.ag[u->former].group;
	lend_start(&ro->lend, lend_branch(ro, u->former));
	while ((gi = lend_next(&ro->lend, u->weight)) != NONE)
		if (gi != own && (ag = group_turn(a, u, ro, gi, 0)) != NONE)
			return ag;
	if (ro->same < 0)
		routes_note(&a->routes, ro, W_NO_ROOM, NULL);
	else
		routes_note(&a->routes, ro, W_NO_ROOM_SAME, "column",
		    roster_colname(&a->roster, (size_t)ro->same), "value",
		    roster_cell(&a->roster, u->former, (size_t)ro->same, &gi),
		    NULL);
	return NONE;
}

/* The service team (22.2), the nearest with room (2.3). */
static size_t
via_service(struct assign *a, struct unit *u, struct route *ro)
{
	size_t ag = areas_nearest(a, u, ro, 1, &a->routes.near);

	if (ag == NONE)
		u->waited = 1;
	return ag;
}

/*
 * 外派件 (22.2): the service agent named on the policy, else the nearest,
 * for one service; the cap does not count it.  A name that is not a
 * service agent's is a data error.
 */
static size_t
via_entrust(struct assign *a, struct unit *u, struct route *ro)
{
	struct routes *rs = &a->routes;
	struct addr_part pt[ADDR_NLEVEL];
	size_t len, ag, np;
	const char *id = units_cell(&a->units, u, Q_NAMED, &len);

	rs->named = 0;
	if (len > 0) {
		ag = roster_find(&a->roster, id);
		if (ag == NONE || !a->roster.ag[ag].service) {
			snprintf(rs->bad, sizeof(rs->bad),
			    _("'%s' in %s is not a "
			    "service agent of the roster %s"), id,
			    io_header(a->io)->names[a->units.opt[Q_NAMED]],
			    a->roster.name);
			return REJECT;
		}
		if (ways_can_take(a, ag, u, ro, 1, 0)) {
			areas_locate(a, u, pt, &np);
			rs->named = 1;
			u->once = 1;
			return ag;
		}
	}
	if ((ag = areas_nearest(a, u, ro, 0, &rs->near)) == NONE) {
		u->waited = 1;
		return NONE;
	}
	u->once = 1;
	return ag;
}

static size_t
via_queue(struct assign *a, struct unit *u, struct route *ro)
{
	(void)u;
	routes_note(&a->routes, ro, W_QUEUE, "queue", ro->queue, NULL);
	return QUEUED;
}

static void
why_holdings(struct assign *a, const struct unit *u, const struct route *ro,
    size_t ag)
{
	(void)u;
	routes_note(&a->routes, ro, W_SIGNER, "agent",
	    roster_id(&a->roster, ag), NULL);
}

static void
why_role(struct assign *a, const struct unit *u, const struct route *ro,
    size_t ag)
{
	size_t col;

	routes_note(&a->routes, ro, W_ROLE, "agent", roster_id(&a->roster, ag),
	    "role", role(a, u, ro, &col), "former",
	    roster_id(&a->roster, u->former), NULL);
}

static void
why_group(struct assign *a, const struct unit *u, const struct route *ro,
    size_t ag)
{
	(void)u;
	routes_note(&a->routes, ro, W_TURN, "agent", roster_id(&a->roster, ag),
	    "group", a->roster.groups.keys.names[a->roster.ag[ag].group], NULL);
}

static void
why_borrow(struct assign *a, const struct unit *u, const struct route *ro,
    size_t ag)
{
	size_t own = a->roster.ag[u->former].group;

	routes_note(&a->routes, ro, own == NONE ? W_BORROWED : W_BORROWED_FOR,
	    "agent", roster_id(&a->roster, ag),
	    "group", a->roster.groups.keys.names[a->roster.ag[ag].group],
	    "own", own == NONE ? "" : a->roster.groups.keys.names[own], NULL);
}

/*
 * How near: "南京市玄武区 (district)", "neighbour of 鼓楼区", "3.2 km";
 * for one service (外派件) when once.
 */
static void
why_near(struct assign *a, const struct route *ro, size_t ag, int once)
{
	struct routes *rs = &a->routes;
	const struct near *n = &rs->near;
	const char *id = roster_id(&a->roster, ag);
	char km[32], *of;

	switch (n->how) {
	case NEAR_PREFIX:
		routes_note_once(rs, ro, once, W_NEAR_AREA, "agent", id, "area",
		    n->path, "level", rs->word[W_LEVEL + n->level], NULL);
		break;
	case NEAR_NEIGHBOUR:
		of = err_strndup(n->of, n->oflen);
		routes_note_once(rs, ro, once, W_NEAR_NEIGHBOUR, "agent", id,
		    "area", n->path, "of", of, NULL);
		free(of);
		break;
	case NEAR_KM:
		snprintf(km, sizeof(km), "%.1f", n->km);
		routes_note_once(rs, ro, once, W_NEAR_KM, "agent", id, "km", km,
		    NULL);
		break;
	}
}

static void
why_service(struct assign *a, const struct unit *u, const struct route *ro,
    size_t ag)
{
	(void)u;
	why_near(a, ro, ag, 0);
}

static void
why_entrust(struct assign *a, const struct unit *u, const struct route *ro,
    size_t ag)
{
	(void)u;
	if (a->routes.named)
		routes_note(&a->routes, ro, W_NAMED, "agent",
		    roster_id(&a->roster, ag), NULL);
	else
		why_near(a, ro, ag, 1);
}

/*
 * Adding a way: a member of enum via (orphan.h) and its entry here, which
 * the static assertion counts.
 */
const struct way ways[] = {
	[V_HOLDINGS] = { "holdings", via_holdings, why_holdings },
	[V_RECRUITER] = { "recruiter", via_role, why_role },
	[V_SUPERVISOR] = { "supervisor", via_role, why_role },
	[V_GROUP] = { "group", via_group, why_group },
	[V_BORROW] = { "borrow", via_borrow, why_borrow },
	[V_SERVICE] = { "service", via_service, why_service },
	[V_ENTRUST] = { "entrust", via_entrust, why_entrust },
	[V_QUEUE] = { "queue", via_queue, NULL }
};

_Static_assert(sizeof(ways) / sizeof(ways[0]) == NWAY,
    "a route's via without its entry in ways[]");
