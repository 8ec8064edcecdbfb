/*
 * The routes: for each unit, the routes of the rules are tried in order,
 * each by its way (ways.c), until one gives an eligible agent with room
 * for the whole unit, or a named queue.  Units claim room in the seed's
 * order: non-pure orphans first, then combinations, then pure ones, each
 * in input order.  Every route that passes a unit on says why, and the
 * route that places it says how: the reason written with the unit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "orphan.h"

static const struct rules_word type_words[] = {
	{ "non-pure", NONPURE, 0 }, { "pure", PURE, 0 }, { NULL, 0, 0 }
};

static void
load_need(struct rules *r, const struct ynode *x, struct route *ro,
    const struct roster *roster)
{
	size_t i, k;

	if (rules_want(r, x, Y_SEQ, "need") < 0)
		return;
	ro->need = err_calloc(x->n + 1, sizeof(*ro->need));
	for (i = 0; i < x->n; i++) {
		if (rules_want(r, x->kid[i], Y_SCALAR, _("a need")) < 0)
			continue;
		for (k = 0; k < roster->nneed && strcmp(roster->need[k].name,
		    x->kid[i]->str); k++)
			;
		if (k == roster->nneed)
			rules_error(r, x->kid[i], "'%s' is not a condition "
			    "under eligible:", x->kid[i]->str);
		else
			ro->need[ro->nneed++] = k;
	}
}

static void
load_route(struct rules *r, const struct ynode *v, struct route *ro,
    size_t pos, const struct roster *roster, const struct sources *ss)
{
	static const char *const keys[] = {
		"name", "when", "type", "source", "via", "queue", "within",
		"same", "need", NULL
	};
	static const char *const need[] = { "via", NULL };
	static struct rules_word via_words[NWAY + 1];
	const struct ynode *x;
	size_t i;
	long n;
	int k;

	for (i = 0; i < NWAY; i++) {
		via_words[i].name = ways[i].name;
		via_words[i].value = (int)i;
	}
	ro->name = rules_name(r, NULL, pos);
	ro->type = -1;
	ro->within = 12;
	ro->same = -1;
	if (rules_want(r, v, Y_MAP, _("a route")) < 0 ||
	    rules_keys(r, v, keys, need) < 0)
		return;
	free(ro->name);
	ro->name = rules_name(r, v, pos);
	if ((x = rules_get(v, "when")) != NULL)
		ro->when = cond_compile(r, x);
	if ((x = rules_get(v, "type")) != NULL)
		ro->type = rules_enum(r, x, "type", type_words, NULL);
	if ((x = rules_get(v, "source")) != NULL)
		ro->nsources = sources_list(ss, r, x, &ro->sources);
	if ((k = rules_enum(r, rules_get(v, "via"), "via", via_words,
	    NULL)) >= 0)
		ro->via = (enum via)k;
	ro->queue = rules_scalar(r, v, "queue", NULL);
	if (ro->via == V_QUEUE && ro->queue == NULL)
		rules_error(r, v, "a queue route names its queue");
	if (ro->queue != NULL) {
		ro->queue_to = err_malloc(strlen(ro->queue) + 7);
		sprintf(ro->queue_to, "queue:%s", ro->queue);
	}
	if ((x = rules_get(v, "within")) != NULL &&
	    rules_count(r, x, "within (months)", 1, 12000, &n) == 0)
		ro->within = (int)n;
	if ((x = rules_get(v, "need")) != NULL)
		load_need(r, x, ro, roster);
	if ((x = rules_get(v, "same")) != NULL && ro->via != V_BORROW)
		rules_error(r, x, "same: is for a route via borrow");
}

void
routes_load(struct routes *rs, struct rules *r, const struct ynode *list,
    const struct roster *ro, const struct sources *ss)
{
	size_t i;

	if (rules_want(r, list, Y_SEQ, "routes") < 0)
		return;
	/* A unit keeps its route in 2 bytes. */
	if (list->n >= UINT16_MAX)
		rules_error(r, list, "more than %d routes", UINT16_MAX - 1);
	rs->r = err_calloc(list->n + 1, sizeof(*rs->r));
	rs->n = list->n;
	for (i = 0; i < list->n; i++)
		load_route(r, list->kid[i], &rs->r[i], i, ro, ss);
	rs->rules = list;
}

/* A route's when may read the type and state the tool works out. */
void
routes_bind(struct routes *rs, struct rules *r, const struct cols *schema,
    const char *input)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (rs->r[i].when != NULL)
			cond_bind(rs->r[i].when, r, schema, input);
}

/* A borrow route's same: column, in the roster's header. */
void
routes_roster(struct routes *rs, struct rules *r, const struct side *in)
{
	const struct ynode *x;
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (rs->r[i].via == V_BORROW && (x = rules_get(
		    rs->rules->kid[i], "same")) != NULL && x->type == Y_SCALAR)
			rs->r[i].same = rules_find(r, x, side_header(in),
			    x->str, side_name(in));
}

/*
 * Every route's when for the unit, each 1 when it holds for any of its
 * rows, 0, or -1 with its message when a cell cannot be read: each row is
 * laid out in the output's columns once, for all the routes, and not once
 * a route (the columns the tool works out do not change while the routes
 * are tried).  A route's value is that of its first row that is not 0, as
 * when it was read by itself.
 */
static void
whens(struct assign *a, struct io *io, const struct unit *u)
{
	struct routes *rs = &a->routes;
	size_t i, k;

	for (k = 0; k < rs->n; k++)
		rs->when[k] = 0;
	for (i = 0; i < u->n; i++) {
		assign_row(a, io, &a->units.rows[a->units.rowsof[u->at + i]],
		    u);
		for (k = 0; k < rs->n; k++)
			if (rs->r[k].when != NULL && rs->when[k] == 0)
				rs->when[k] = (signed char)cond_eval(
				    rs->r[k].when, io->schema.f,
				    io->schema.len, rs->whenmsg[k],
				    sizeof(rs->whenmsg[k]));
	}
}

/*
 * The route's when holds for a unit when it holds for any of its rows: 1,
 * 0, or -1 with msg set when a cell cannot be read.
 */
static int
applies(struct assign *a, struct io *io, const struct unit *u,
    const struct route *ro, char *msg, size_t msgsize)
{
	struct routes *rs = &a->routes;
	size_t i, k = (size_t)(ro - rs->r);

	if (ro->type == NONPURE && u->kind != NONPURE)
		return 0;
	if (ro->type == PURE && u->kind == NONPURE)
		return 0;
	for (i = 0; i < ro->nsources && ro->sources[i] != u->source; i++)
		;
	if (ro->nsources > 0 && i == ro->nsources)
		return 0;
	if (ro->when == NULL)
		return 1;
	if (rs->when[k] == 2)
		whens(a, io, u);
	if (rs->when[k] < 0)
		snprintf(msg, msgsize, "%s", rs->whenmsg[k]);
	return rs->when[k];
}

/* A cell a route's when cannot read: the unit's rows are rejected. */
static void
reject_unit(struct assign *a, struct io *io, struct unit *u, const char *msg)
{
	struct rec rec = { 0 };
	struct row *w;
	size_t i;

	for (i = 0; i < u->n; i++) {
		w = &a->units.rows[a->units.rowsof[u->at + i]];
		hold_rec(&w->h, &rec);
		io_reject(io, &rec, msg);
		w->rejected = 1;
	}
	rec_free(&rec);
}

/* The group of agent ag, or NULL. */
static struct group *
group_of(struct assign *a, size_t ag)
{
	if (ag == NONE || a->roster.ag[ag].group == NONE)
		return NULL;
	return table_at(&a->roster.groups, a->roster.ag[ag].group);
}

/* What --loads counts for groups and areas. */
static void
count(struct assign *a, struct unit *u, const struct route *ro, size_t ag)
{
	struct group *g;
	struct areaload *al;

	switch (ro->via) {
	case V_GROUP:
		if ((g = group_of(a, ag)) != NULL)
			g->placed += u->weight;
		break;
	case V_BORROW:
		if ((g = group_of(a, idx(u->former))) != NULL)
			g->lent += u->weight;
		if ((g = group_of(a, ag)) != NULL)
			g->borrowed += u->weight;
		break;
	case V_SERVICE:
	case V_ENTRUST:
		if (u->area != NOID) {
			al = table_at(&a->areas.report, u->area);
			al->placed += u->weight;
		}
		break;
	case V_HOLDINGS:
	case V_RECRUITER:
	case V_SUPERVISOR:
	case V_QUEUE:
	case NWAY:
		break;
	}
}

/*
 * The unit goes to agent ag (or its queue) by route ro.  A unit given for
 * one service (外派件) is not the agent's to hold: it counts apart.
 */
static void
placed(struct assign *a, struct unit *u, struct route *ro, size_t ag)
{
	struct agent *g;

	if (ag != QUEUED) {
		ways[ro->via].why(a, u, ro, ag);
		g = &a->roster.ag[ag];
		if (u->once) {
			g->once++;
		} else {
			lend_took(a, ag, u->weight);
			g->now += u->weight;
		}
		u->to = (uint32_t)ag;
		u->agent = 1;
		count(a, u, ro, ag);
	}
	u->route = (uint16_t)(ro - a->routes.r + 1);
	ro->units++;
	ro->rows += u->n;
}

static void
place_unit(struct assign *a, struct io *io, struct unit *u)
{
	struct routes *rs = &a->routes;
	struct route *ro;
	size_t i, ag = NONE;
	char msg[512];
	uint32_t reason;
	int v;

	/* The unit's reason is "" until it is placed (a when may read it). */
	reason = routes_reason_start(rs);
	memset(rs->when, 2, rs->n);
	for (i = 0; i < rs->n && ag == NONE; i++) {
		ro = &rs->r[i];
		if ((v = applies(a, io, u, ro, msg, sizeof(msg))) < 0) {
			reject_unit(a, io, u, msg);
			return;
		}
		if (v > 0 && (ag = ways[ro->via].pick(a, u, ro)) == REJECT) {
			reject_unit(a, io, u, rs->bad);
			return;
		}
		if (ag != NONE)
			placed(a, u, ro, ag);
	}
	if (ag == NONE) {
		routes_note(rs, NULL, W_NO_ROUTE, NULL);
		rs->unassigned += u->n;
	}
	u->reason = reason;
}

/*
 * Non-pure units claim room first, then combinations, then pure ones,
 * each in input order: the order units were made in (units_make).
 */
void
routes_place(struct assign *a, struct io *io)
{
	struct units *us = &a->units;
	struct areaload *al;
	size_t i, k;

	a->routes.when = err_calloc(a->routes.n + 1, 1);
	a->routes.whenmsg = err_calloc(a->routes.n + 1,
	    sizeof(*a->routes.whenmsg));
	for (i = 0; i < a->routes.n; i++)
		if (a->routes.r[i].via == V_BORROW)
			lend_init(&a->routes.r[i].lend, a, &a->routes.r[i]);
	for (k = NONPURE; k <= PURE; k++)
		for (i = 0; i < us->n; i++)
			if (us->u[i].kind == k)
				place_unit(a, io, &us->u[i]);
	/* What the service team had no one for, by area. */
	for (i = 0; i < us->n; i++) {
		if (!us->u[i].waited || us->u[i].agent ||
		    us->u[i].area == NOID)
			continue;
		al = table_at(&a->areas.report, us->u[i].area);
		al->waited += us->u[i].weight;
	}
}

void
routes_free(struct routes *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		lend_free(&rs->r[i].lend);
		free(rs->r[i].sources);
		free(rs->r[i].name);
		free(rs->r[i].queue_to);
		free(rs->r[i].need);
		cond_free(rs->r[i].when);
	}
	free(rs->r);
	free(rs->seq);
	free(rs->piece);
	free(rs->text);
	free(rs->note);
	free(rs->signers);
	free(rs->when);
	table_free(&rs->notes);
	free(rs->whenmsg);
}
