/*
 * cm-orphan-assign: give every orphan policy a new agent, by the seed's
 * rules (seed 004).
 *
 * The orphan policies are read whole, then cut into units that move
 * together (units.c), and each unit tries the routes of the rules in
 * order (routes.c) until one gives an eligible agent of the roster
 * (roster.c) with room for the whole unit, or a named queue; every row is
 * written back in input order with its new agent, its route and why, its
 * source, the date and whether its customer is a high-end one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "../../common/tool.h"
#include "../../common/words.h"
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
	a->io = io;
	a->routes.today = io->o.today;
	date_format(io->o.today, a->today);
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
	list = rules_get(m, "rules");
	if (rules_want(r, list, Y_SEQ, "rules") < 0)
		return;
	/* A row keeps its state in 15 bits. */
	if (list->n >= MAXSTATES)
		rules_error(r, list, "more than %d states", MAXSTATES - 1);
	free(a->state);
	a->state = err_calloc(list->n + 1, sizeof(*a->state));
	for (i = 0; i < list->n; i++) {
		v = list->kid[i];
		if (rules_want(r, v, Y_MAP, _("a state rule")) < 0 ||
		    rules_keys(r, v, rkeys, rkeys) < 0)
			continue;
		a->state[a->nstate].name = rules_scalar(r, v, "name", "");
		a->state[a->nstate].when = cond_compile(r, rules_get(v, "when"));
		a->nstate++;
	}
	a->state[a->nstate].name = rules_scalar(r, m, "default", "");
}

/* The first route via one of the ways x and y, for messages, or NULL. */
static const struct ynode *
route_via(struct assign *a, enum via x, enum via y)
{
	size_t i;

	for (i = 0; i < a->routes.n; i++)
		if (a->routes.r[i].via == x || a->routes.r[i].via == y)
			return a->routes.rules->kid[i];
	return NULL;
}

static void
load(void *self, struct io *io)
{
	static const char *const keys[] = {
		"cap", "cap_counts", "block", "keep_customer", "high_end",
		"sources", "state", "eligible", "nearness", "routes", "words",
		NULL
	};
	static const char *const need[] = { "routes", NULL };
	static const struct rules_word counts[] = {
		{ "policies", 0, 0 }, { "contracts", 1, 0 }, { NULL, 0, 0 }
	};
	struct assign *a = self;
	struct rules *r = io->r;
	const struct ynode *x;
	int k;

	a->routes.cap = 200;
	a->routes.block = 3;
	a->units.keep_customer = 1;
	a->state = err_calloc(1, sizeof(*a->state));
	a->state[0].name = "";
	a->sources.dflt = -1;
	table_init(&a->areas.nb, sizeof(struct nb));
	words_load_as(r, NULL, orphan_words, orphan_fixed, a->routes.word);
	if (r->root == NULL || rules_keys(r, r->root, keys, need) < 0)
		return;
	words_load_as(r, rules_get(r->root, "words"), orphan_words,
	    orphan_fixed, a->routes.word);
	if ((x = rules_get(r->root, "cap")) != NULL)
		rules_count(r, x, "cap", 1, 1000000000, &a->routes.cap);
	if ((x = rules_get(r->root, "cap_counts")) != NULL &&
	    (k = rules_enum(r, x, "cap_counts", counts, NULL)) >= 0)
		a->units.contracts = k;
	if ((x = rules_get(r->root, "block")) != NULL)
		rules_count(r, x, "block", 1, 1000000000, &a->routes.block);
	if ((x = rules_get(r->root, "keep_customer")) != NULL)
		rules_bool(r, x, "keep_customer", &a->units.keep_customer);
	if ((x = rules_get(r->root, "high_end")) != NULL)
		rules_count(r, x, "high_end", 1, 1000000000, &a->high_end);
	if ((x = rules_get(r->root, "sources")) != NULL)
		sources_load(&a->sources, r, x);
	if ((x = rules_get(r->root, "eligible")) != NULL)
		roster_load(&a->roster, r, x);
	if ((x = rules_get(r->root, "state")) != NULL)
		load_states(r, a, x);
	if ((x = rules_get(r->root, "nearness")) != NULL)
		areas_load(&a->areas, r, x);
	routes_load(&a->routes, r, rules_get(r->root, "routes"), &a->roster,
	    &a->sources);
	for (k = 0; k <= (int)a->nstate; k++)
		a->state[k].len = strlen(a->state[k].name);
	a->areas.wanted = route_via(a, V_SERVICE, V_ENTRUST) != NULL;
}

/* The index of a column the tool reads when it is there, or -1. */
static long
optional(struct io *io, const char *name)
{
	return cols_find(io_header(io), rules_column(io->r, name));
}

/* The coordinates: of nearness:, for messages. */
static const struct ynode *
coordinates(const struct rules *r)
{
	return rules_get(rules_get(r->root, "nearness"), "coordinates");
}

/*
 * The columns the rules ask for, which the tool reads then: the source
 * and the name of a 外派件's service agent when they are there, the
 * address, the premium and the coordinates always.
 */
static void
bind_optional(struct assign *a, struct io *io)
{
	struct rules *r = io->r;
	long *opt = a->units.opt;
	size_t i;

	for (i = 0; i < NQCOL; i++)
		opt[i] = -1;
	if (a->sources.n > 0)
		opt[Q_SOURCE] = optional(io, "source");
	if (route_via(a, V_ENTRUST, V_ENTRUST) != NULL)
		opt[Q_NAMED] = optional(io, "service_agent_id");
	if (a->areas.wanted)
		opt[Q_ADDRESS] = rules_find(r, route_via(a, V_SERVICE,
		    V_ENTRUST), io_header(io), "address", io_name(io));
	if (a->high_end > 0)
		opt[Q_PREMIUM] = rules_find(r, rules_get(r->root, "high_end"),
		    io_header(io), "annual_premium", io_name(io));
	if (a->areas.lat != NULL) {
		opt[Q_LAT] = rules_find(r, coordinates(r), io_header(io),
		    a->areas.lat, io_name(io));
		opt[Q_LON] = rules_find(r, coordinates(r), io_header(io),
		    a->areas.lon, io_name(io));
	}
}

/* The roster's columns for the areas, the coordinates and same:. */
static void
bind_roster(struct assign *a, struct io *io)
{
	struct roster *ro = &a->roster;

	roster_bind(ro, io->r, a->agents_path, &io->o.in);
	if (a->areas.wanted)
		ro->area = (long)side_col(&ro->in, "area");
	if (a->areas.lat != NULL) {
		ro->lat = rules_find(io->r, coordinates(io->r),
		    side_header(&ro->in), a->areas.lat, side_name(&ro->in));
		ro->lon = rules_find(io->r, coordinates(io->r),
		    side_header(&ro->in), a->areas.lon, side_name(&ro->in));
	}
	routes_roster(&a->routes, io->r, &ro->in);
}

static void
bind(void *self, struct io *io)
{
	static const char *const cols[NPCOL] = {
		"policy_id", "customer_id", "agent_id", "main_policy_id"
	};
	static const char *const out[NOCOL] = {
		"orphan_type", "orphan_state", "assigned_to", "route", "reason",
		"source", "assigned_date", "high_end", "one_service"
	};
	struct assign *a = self;
	struct rules *r = io->r;
	size_t i;
	long k;

	schema_input(&io->schema, io_header(io));
	holdings_init(&a->holdings);
	for (i = 0; i < NPCOL; i++) {
		k = rules_find(r, r->root, io_header(io), cols[i], io_name(io));
		a->units.col[i] = k < 0 ? 0 : (size_t)k;
	}
	bind_optional(a, io);
	for (i = 0; i < a->nstate; i++)
		if (a->state[i].when != NULL)
			cond_bind(a->state[i].when, r, io_header(io),
			    io_name(io));
	for (i = 0; i < NOCOL; i++)
		a->ocol[i] = schema_col(&io->schema, r, out[i]);
	routes_bind(&a->routes, r, &io->schema.cols, io_name(io));
	if (a->agents_path != NULL)
		bind_roster(a, io);
}

static void
open_roster(void *self, struct io *io)
{
	struct assign *a = self;

	roster_read(&a->roster);
	areas_build(&a->areas, &a->roster);
	if (a->loads_path != NULL)
		a->loads = io_output(io, a->loads_path);
}

static void
report(struct io *io, const struct routes *rs, unsigned long high)
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
	if (high > 0)
		io_stat(io, "high-end customers", high);
}

/* The holdings, the units and their routes; every row, in input order. */
static void
end(void *self, struct io *io)
{
	struct assign *a = self;
	struct units *us = &a->units;
	unsigned long high;
	size_t i;

	holdings_read(&a->holdings, &a->roster, io->r, a->holdings_path,
	    &io->o.in);
	units_make(us, io, &a->holdings, &a->sources);
	high = rows_high_end(a);
	routes_place(a, io);
	for (i = 0; i < us->nrows; i++) {
		if (us->rows[i].rejected)
			continue;
		assign_row(a, io, &us->rows[i], &us->u[us->rows[i].unit]);
		io_write(io);
	}
	if (a->loads != NULL)
		loads_write(a, io);
	report(io, &a->routes, high);
}

static void
assign_free(void *self)
{
	struct assign *a = self;
	size_t i;

	for (i = 0; i < a->nstate; i++)
		cond_free(a->state[i].when);
	free(a->state);
	free(a->high);
	roster_free(&a->roster);
	holdings_free(&a->holdings);
	sources_free(&a->sources);
	units_free(&a->units);
	areas_free(&a->areas);
	routes_free(&a->routes);
}

static const struct tool tool = {
	.synopsis = N_("[-r rules] [-o file] --agents file --holdings file "
	    "[--loads file] [--today date] [--rejects file] [--max-rejects "
	    "n] [--stats] [--check] [options] [file]"),
	.help = N_("      --agents FILE\tthe roster of agents\n"
	    "      --holdings FILE\tin-force policies of the policyholders\n"
	    "      --loads FILE\twrite each agent's orphan policies before "
	    "and after\n"),
	.rules_file = "orphan.yaml",
	.options = options,
	.option = option,
	.options_done = options_done,
	.load = load,
	.bind = bind,
	.open = open_roster,
	.row = rows_arrive,
	.end = end,
	.free = assign_free,
};

int
main(int argc, char **argv)
{
	struct assign a = { 0 };

	return tool_main(&tool, &a, argc, argv);
}
