/*
 * cm-orphan-assign: give every orphan policy a new agent, by the seed's
 * rules (seed 004).
 *
 * The orphan policies are read whole, then cut into units that move
 * together (units.c), and each unit tries the routes of the rules in
 * order (routes.c) until one gives an eligible agent of the roster
 * (roster.c) with room for the whole unit, or a named queue; every row is
 * written back in input order with its new agent, its route and why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "../../common/tool.h"
#include "orphan.h"

enum { O_AGENTS, O_HOLDINGS, O_LOADS };

static const struct tool_option options[] = {
	{ "agents", TOOL_INPUT, O_AGENTS },
	{ "holdings", TOOL_INPUT, O_HOLDINGS },
	{ "loads", TOOL_OUTPUT, O_LOADS },
	{ NULL, TOOL_FLAG, 0 }
};

static int
option(void *self, int code, const char *arg)
{
	struct assign *a = self;

	switch (code) {
	case O_AGENTS:
		a->agents_path = arg;
		break;
	case O_HOLDINGS:
		a->holdings_path = arg;
		break;
	case O_LOADS:
		a->loads_path = arg;
		break;
	}
	return 0;
}

/* The roster and the holdings are needed (a --check without them checks
   the rest). */
static void
options_done(void *self, struct io *io)
{
	struct assign *a = self;

	if (!io->o.check && a->agents_path == NULL)
		err_exit(EXIT_USAGE, "--agents FILE is required");
	if (!io->o.check && a->holdings_path == NULL)
		err_exit(EXIT_USAGE, "--holdings FILE is required");
	a->routes.today = io->o.today;
}

static void
load_states(struct rules *r, struct assign *a, const struct ynode *m)
{
	static const char *const keys[] = { "rules", "default", NULL };
	static const char *const rkeys[] = { "name", "when", NULL };
	const struct ynode *list, *v;
	size_t i;

	if (rules_want(r, m, Y_MAP, "state") < 0 ||
	    rules_keys(r, m, keys, keys) < 0)
		return;
	a->state_default = rules_scalar(r, m, "default", "");
	list = rules_get(m, "rules");
	if (rules_want(r, list, Y_SEQ, "rules") < 0)
		return;
	a->state = err_calloc(list->n + 1, sizeof(*a->state));
	for (i = 0; i < list->n; i++) {
		v = list->kid[i];
		if (rules_want(r, v, Y_MAP, "a state rule") < 0 ||
		    rules_keys(r, v, rkeys, rkeys) < 0)
			continue;
		a->state[a->nstate].name = rules_scalar(r, v, "name", "");
		a->state[a->nstate].when = cond_compile(r, rules_get(v, "when"));
		a->nstate++;
	}
}

static void
load(void *self, struct io *io)
{
	static const char *const keys[] = {
		"cap", "block", "keep_customer", "state", "eligible", "routes",
		NULL
	};
	static const char *const need[] = { "routes", NULL };
	struct assign *a = self;
	struct rules *r = io->r;
	const struct ynode *x;

	a->routes.cap = 200;
	a->routes.block = 3;
	a->units.keep_customer = 1;
	a->state_default = "";
	if (r->root == NULL || rules_keys(r, r->root, keys, need) < 0)
		return;
	if ((x = rules_get(r->root, "cap")) != NULL)
		rules_count(r, x, "cap", 1, 1000000000, &a->routes.cap);
	if ((x = rules_get(r->root, "block")) != NULL)
		rules_count(r, x, "block", 1, 1000000000, &a->routes.block);
	if ((x = rules_get(r->root, "keep_customer")) != NULL)
		rules_bool(r, x, "keep_customer", &a->units.keep_customer);
	if ((x = rules_get(r->root, "eligible")) != NULL)
		roster_load(&a->roster, r, x);
	if ((x = rules_get(r->root, "state")) != NULL)
		load_states(r, a, x);
	routes_load(&a->routes, r, rules_get(r->root, "routes"), &a->roster);
}

static void
bind(void *self, struct io *io)
{
	static const char *const cols[NPCOL] = {
		"policy_id", "customer_id", "agent_id", "main_policy_id",
		"region"
	};
	static const char *const out[] = {
		"orphan_type", "orphan_state", "assigned_to", "route", "reason"
	};
	struct assign *a = self;
	struct rules *r = io->r;
	size_t i;
	long k;

	schema_input(&io->schema, io_header(io));
	for (i = 0; i < NPCOL; i++) {
		k = rules_find(r, r->root, io_header(io), cols[i], io_name(io));
		a->units.col[i] = k < 0 ? 0 : (size_t)k;
	}
	for (i = 0; i < a->nstate; i++)
		if (a->state[i].when != NULL)
			cond_bind(a->state[i].when, r, io_header(io),
			    io_name(io));
	for (i = 0; i < 5; i++)
		a->ocol[i] = schema_col(&io->schema, r, out[i]);
	routes_bind(&a->routes, r, &io->schema.cols, io_name(io));
	if (a->agents_path != NULL)
		roster_bind(&a->roster, r, a->agents_path, &io->o.in);
}

static void
open_roster(void *self, struct io *io)
{
	struct assign *a = self;

	roster_read(&a->roster);
	if (a->loads_path != NULL)
		a->loads = io_output(io, a->loads_path);
}

/*
 * An orphan policy: its state, and the checks that need no other row.
 * Every good row is kept, and its policyholder noted for the holdings.
 */
static void
arrive(void *self, struct io *io, const struct rec *rec)
{
	struct assign *a = self;
	const size_t *col = a->units.col;
	struct row *w;
	char msg[512];
	size_t i;
	int v;

	w = units_add(&a->units, rec);
	w->state = a->state_default;
	for (i = 0; i < a->nstate; i++) {
		v = io_holds(io, a->state[i].when, rec, rec->f, rec->len);
		if (v < 0) {
			w->rejected = 1;
			return;
		}
		if (v) {
			w->state = a->state[i].name;
			break;
		}
	}
	for (i = 0; i < P_MAIN; i++) {
		if (rec->len[col[i]] == 0) {
			snprintf(msg, sizeof(msg), "the column '%s' is empty",
			    io_header(io)->names[col[i]]);
			io_reject(io, rec, msg);
			w->rejected = 1;
			return;
		}
	}
	if (roster_find(&a->roster, rec->f[col[P_AGENT]]) == NONE) {
		snprintf(msg, sizeof(msg), "the departed agent '%s' is not in "
		    "the roster %s", rec->f[col[P_AGENT]], a->roster.name);
		io_reject(io, rec, msg);
		w->rejected = 1;
		return;
	}
	holdings_holder(&a->holdings, rec->f[col[P_CUSTOMER]]);
}

void
assign_row(struct assign *a, struct io *io, const struct row *w,
    const struct unit *u)
{
	struct schema *s = &io->schema;

	schema_hold(s, &w->h);
	schema_put(s, a->ocol[0], kind_names[u->kind]);
	schema_put(s, a->ocol[1], w->state);
	schema_put(s, a->ocol[2], u->to ? u->to : "");
	schema_put(s, a->ocol[3], u->route ? u->route : "");
	schema_put(s, a->ocol[4], u->reason ? u->reason : "");
}

/* --loads: per agent who held or took orphan policies. */
static void
write_loads(struct io *io, struct assign *a)
{
	static const char *const names[] = {
		"agent_id", "held_before", "assigned", "held_after", "cap"
	};
	const struct agent *g;
	char num[4][32], *f[5];
	size_t i, k;

	for (k = 0; k < 5; k++)
		f[k] = (char *)rules_column(io->r, names[k]);
	csvout_row(a->loads, f, NULL, 5);
	for (i = 0; i < a->roster.n; i++) {
		g = &a->roster.ag[i];
		if (g->held == 0 && g->now == 0)
			continue;
		snprintf(num[0], sizeof(num[0]), "%ld", g->held);
		snprintf(num[1], sizeof(num[1]), "%ld", g->now);
		snprintf(num[2], sizeof(num[2]), "%ld", g->held + g->now);
		snprintf(num[3], sizeof(num[3]), "%ld", a->routes.cap);
		f[0] = (char *)roster_id(&a->roster, i);
		for (k = 0; k < 4; k++)
			f[k + 1] = num[k];
		csvout_row(a->loads, f, NULL, 5);
	}
}

static void
report(struct io *io, const struct routes *rs)
{
	char name[256];
	size_t i;

	for (i = 0; i < rs->n; i++) {
		snprintf(name, sizeof(name), "route %s: units", rs->r[i].name);
		io_stat(io, name, rs->r[i].units);
		snprintf(name, sizeof(name), "route %s: policies",
		    rs->r[i].name);
		io_stat(io, name, rs->r[i].rows);
	}
	io_stat(io, "unassigned policies", rs->unassigned);
}

/* The holdings, the units and their routes; every row, in input order. */
static void
end(void *self, struct io *io)
{
	struct assign *a = self;
	struct units *us = &a->units;
	size_t i;

	holdings_read(&a->holdings, &a->roster, io->r, a->holdings_path,
	    &io->o.in);
	units_make(us, io, &a->roster, &a->holdings);
	routes_place(a, io);
	for (i = 0; i < us->nrows; i++) {
		if (us->rows[i].rejected)
			continue;
		assign_row(a, io, &us->rows[i], &us->u[us->rows[i].unit]);
		io_write(io);
	}
	if (a->loads != NULL)
		write_loads(io, a);
	report(io, &a->routes);
}

static void
assign_free(void *self)
{
	struct assign *a = self;
	size_t i;

	for (i = 0; i < a->nstate; i++)
		cond_free(a->state[i].when);
	free(a->state);
	roster_free(&a->roster);
	holdings_free(&a->holdings);
	units_free(&a->units);
	routes_free(&a->routes);
}

static const struct tool tool = {
	.synopsis = "[-r rules] [-o file] --agents file --holdings file "
	    "[--loads file] [--today date] [--rejects file] "
	    "[--max-rejects n] [--stats] [--check] [options] [file]",
	.help = "      --agents FILE         the roster of agents\n"
	    "      --holdings FILE       in-force policies of the "
	    "policyholders\n"
	    "      --loads FILE          write each agent's orphan policies "
	    "before and after\n",
	.rules_file = "orphan.yaml",
	.options = options,
	.option = option,
	.options_done = options_done,
	.load = load,
	.bind = bind,
	.open = open_roster,
	.row = arrive,
	.end = end,
	.free = assign_free,
};

int
main(int argc, char **argv)
{
	struct assign a = { 0 };

	return tool_main(&tool, &a, argc, argv);
}
