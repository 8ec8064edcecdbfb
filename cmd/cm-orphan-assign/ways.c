/*
 * The ways a route finds an agent (its via:): the policyholder's signers
 * (22.12), the departed agent's recruiter, supervisor or developer
 * (22.11), their group in turn (the system pre-assignment), the service
 * team (2.3), or a queue; and what each says when it passes a unit on or
 * places it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "orphan.h"

void
routes_note(struct routes *rs, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		err_grow(&rs->trail, &rs->trailcap, rs->len + 256, 1);
		va_start(ap, fmt);
		n = vsnprintf(rs->trail + rs->len + 2, rs->trailcap - rs->len - 2,
		    fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < rs->trailcap - rs->len - 2)
			break;
		err_grow(&rs->trail, &rs->trailcap, rs->len + (size_t)n + 3, 1);
	}
	if (rs->len > 0) {
		memcpy(rs->trail + rs->len, "; ", 2);
		rs->len += 2;
	} else {
		memmove(rs->trail, rs->trail + 2, (size_t)n + 1);
	}
	rs->len += (size_t)n;
}

/*
 * 1 when agent ag may take the unit on route ro; else 0, with a note why
 * when say.  The former agent never takes their own policies back.
 */
static int
can_take(struct assign *a, size_t ag, const struct unit *u,
    const struct route *ro, int say)
{
	struct routes *rs = &a->routes;
	const struct agent *g = &a->roster.ag[ag];
	const char *id = roster_id(&a->roster, ag);
	size_t k;

	if (ag == u->departed) {
		if (say)
			routes_note(rs, "%s: %s is the former agent", ro->name, id);
		return 0;
	}
	if (!g->active) {
		if (say)
			routes_note(rs, "%s: %s is not active", ro->name, id);
		return 0;
	}
	for (k = 0; k < ro->nneed; k++) {
		if (!roster_eligible(&a->roster, ag, ro->need[k])) {
			if (say)
				routes_note(rs, "%s: %s is not eligible (%s)", ro->name,
				    id, a->roster.need[ro->need[k]].name);
			return 0;
		}
	}
	if (g->held + g->now + (long)u->n > rs->cap) {
		if (say)
			routes_note(rs, "%s: %s would hold %ld, over the cap of %ld",
			    ro->name, id, g->held + g->now + (long)u->n,
			    rs->cap);
		return 0;
	}
	return 1;
}

/*
 * Non-pure (22.12): the active agents who signed a main policy with the
 * policyholder within the route's months, the most recent first (ties to
 * the lower id); failing all of them, the most recent signer before that.
 */
static size_t
via_holdings(struct assign *a, struct unit *u, const struct route *ro)
{
	struct routes *rs = &a->routes;
	struct signer before;
	size_t i, n;

	n = holdings_signers(&a->holdings, &a->roster, u->holder,
	    date_add_months(rs->today, -ro->within), &rs->signers,
	    &rs->signercap, &before);
	for (i = 0; i < n; i++)
		if (can_take(a, rs->signers[i].agent, u, ro, 1))
			return rs->signers[i].agent;
	if (n == 0 && before.agent != NONE &&
	    can_take(a, before.agent, u, ro, 1))
		return before.agent;
	if (n == 0 && before.agent == NONE)
		routes_note(rs, "%s: no active agent signed a main policy with the "
		    "policyholder", ro->name);
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
	if (a->roster.ag[u->departed].supervisor) {
		*col = R_DEVELOPER;
		return "developer";
	}
	*col = ro->via == V_RECRUITER ? R_RECRUITER : R_SUPERVISOR;
	return ro->via == V_RECRUITER ? "recruiter" : "supervisor";
}

/* The agent the departed agent's roster names in the route's role. */
static size_t
via_role(struct assign *a, struct unit *u, const struct route *ro)
{
	struct routes *rs = &a->routes;
	size_t col, ag;
	const char *what = role(a, u, ro, &col);
	const char *id = roster_field(&a->roster, u->departed, col);

	if (*id == '\0') {
		routes_note(rs, "%s: %s has no %s", ro->name,
		    roster_id(&a->roster, u->departed), what);
		return NONE;
	}
	if ((ag = roster_find(&a->roster, id)) == NONE) {
		routes_note(rs, "%s: %s %s is not in the roster", ro->name, what, id);
		return NONE;
	}
	return can_take(a, ag, u, ro, 1) ? ag : NONE;
}

/*
 * The departed agent's group, its agents ranked by last month's output
 * taking units in blocks: 1 to `block` to the first, the next block to the
 * second, and round again.  An agent who cannot take the unit passes the
 * turn to the next.
 */
static size_t
via_group(struct assign *a, struct unit *u, const struct route *ro)
{
	struct routes *rs = &a->routes;
	size_t gi = a->roster.ag[u->departed].group, i, ag;
	struct group *g;

	if (gi == NONE) {
		routes_note(rs, "%s: %s has no group", ro->name,
		    roster_id(&a->roster, u->departed));
		return NONE;
	}
	g = table_at(&a->roster.groups, gi);
	for (i = 0; i < g->n; i++) {
		ag = a->roster.order[g->start + g->cursor];
		if (ag != u->departed && a->roster.ag[ag].active &&
		    can_take(a, ag, u, ro, 1)) {
			if (++g->count == (size_t)rs->block) {
				g->cursor = (g->cursor + 1) % g->n;
				g->count = 0;
			}
			return ag;
		}
		g->cursor = (g->cursor + 1) % g->n;
		g->count = 0;
	}
	routes_note(rs, "%s: no agent of group %s can take it", ro->name,
	    a->roster.groups.keys.names[gi]);
	return NONE;
}

/* The service agents of the policy's area, the least loaded first. */
static size_t
via_service(struct assign *a, struct unit *u, const struct route *ro)
{
	struct routes *rs = &a->routes;
	const struct row *w = &a->units.rows[u->first];
	const char *region = hold_field(&w->h, a->units.col[P_REGION], NULL);
	const struct area *ar;
	size_t i, ag, best = NONE;
	long k, load, bestload = 0;

	if (*region == '\0') {
		routes_note(rs, "%s: the policy has no area", ro->name);
		return NONE;
	}
	if ((k = table_find(&a->roster.areas, region)) < 0) {
		routes_note(rs, "%s: no service agent for the area '%s'", ro->name,
		    region);
		return NONE;
	}
	ar = table_at(&a->roster.areas, (size_t)k);
	for (i = 0; i < ar->n; i++) {
		ag = ar->agents[i];
		load = a->roster.ag[ag].held + a->roster.ag[ag].now;
		if (best != NONE && (load > bestload || (load == bestload &&
		    strcmp(roster_id(&a->roster, ag),
		    roster_id(&a->roster, best)) > 0)))
			continue;
		if (can_take(a, ag, u, ro, 0)) {
			best = ag;
			bestload = load;
		}
	}
	if (best == NONE)
		routes_note(rs, "%s: no service agent of '%s' can take it", ro->name,
		    region);
	return best;
}

static size_t
via_queue(struct assign *a, struct unit *u, const struct route *ro)
{
	(void)u;
	routes_note(&a->routes, "%s: to the queue %s", ro->name, ro->queue);
	return QUEUED;
}

static void
why_holdings(struct assign *a, const struct unit *u, const struct route *ro,
    size_t ag)
{
	(void)u;
	routes_note(&a->routes, "%s: %s signed a main policy with the policyholder",
	    ro->name, roster_id(&a->roster, ag));
}

static void
why_role(struct assign *a, const struct unit *u, const struct route *ro,
    size_t ag)
{
	size_t col;

	routes_note(&a->routes, "%s: %s is the %s of %s", ro->name,
	    roster_id(&a->roster, ag), role(a, u, ro, &col),
	    roster_id(&a->roster, u->departed));
}

static void
why_group(struct assign *a, const struct unit *u, const struct route *ro,
    size_t ag)
{
	routes_note(&a->routes, "%s: %s's turn in group %s (by last month's output)",
	    ro->name, roster_id(&a->roster, ag), a->roster.groups.keys.names[
	    a->roster.ag[u->departed].group]);
}

static void
why_service(struct assign *a, const struct unit *u, const struct route *ro,
    size_t ag)
{
	(void)u;
	routes_note(&a->routes, "%s: %s, the least loaded service agent of the area",
	    ro->name, roster_id(&a->roster, ag));
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
	[V_SERVICE] = { "service", via_service, why_service },
	[V_QUEUE] = { "queue", via_queue, NULL }
};

_Static_assert(sizeof(ways) / sizeof(ways[0]) == NWAY,
    "a route's via without its entry in ways[]");
