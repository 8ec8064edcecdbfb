/*
 * cm-orphan-assign: give every orphan policy a new agent, by the seed's
 * rules (seed 004).
 *
 * The orphan policies are read whole, then cut into units that move
 * together: a main policy with its riders and, by default, all orphan
 * policies of one policyholder.  Units claim room in the seed's order:
 * non-pure orphans first (the policyholder has a policy with an active
 * agent), then combinations, then pure ones, each in input order.  Each
 * unit tries the routes of the rules in order until one gives an eligible
 * agent with room for the whole unit, or a named queue; every row is
 * written back in input order with its new agent, its route and why.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cond.h"
#include "../common/csvin.h"
#include "../common/csvout.h"
#include "../common/date.h"
#include "../common/err.h"
#include "../common/hold.h"
#include "../common/io.h"
#include "../common/opt.h"
#include "../common/rules.h"
#include "../common/value.h"

enum via { V_HOLDINGS, V_RECRUITER, V_SUPERVISOR, V_GROUP, V_SERVICE, V_QUEUE };

static const char *const via_names[] = {
	"holdings", "recruiter", "supervisor", "group", "service", "queue", NULL
};

enum kind { NONPURE, COMBINATION, PURE };

static const char *const kind_names[] = {
	"非纯孤儿单", "组合性孤儿保单", "纯孤儿单"
};

/* A named eligibility condition on the roster. */
struct need {
	const char *name;
	struct cond *when;
};

struct route {
	char *name;
	struct cond *when;		/* holds when it holds for any policy */
	int type;			/* -1 any, NONPURE, or PURE (and combination) */
	enum via via;
	const char *queue;
	char *queue_to;			/* "queue:NAME" */
	int within;			/* holdings: months for the recent signer */
	size_t *need;			/* indices into needs */
	size_t nneed;
	unsigned long units, rows;	/* what it placed */
};

struct agent {
	struct hold h;			/* the roster row */
	long held;			/* orphan policies held before */
	long now;			/* assigned in this run */
	double output;			/* last month's output */
	int active, service, supervisor;
	size_t group;			/* index in groups, or NONE */
	signed char *ok;		/* per need: -1 not known yet, 0, 1 */
};

/* Policies of the holdings, by policyholder. */
struct holding {
	size_t agent;			/* index in the roster */
	int sign;			/* the sign date, or NOSIGN */
	size_t next;			/* the holder's next holding, or NONE */
};

#define NONE ((size_t)-1)
#define NOSIGN INT_MIN		/* a rider's holding, or no sign date */

struct row {
	struct hold h;
	size_t unit;
	const char *state;
	int rider;			/* it has a main_policy_id */
	int rejected;
};

struct unit {
	size_t first;			/* its first row, in input order */
	size_t n;			/* rows */
	enum kind kind;
	size_t departed;		/* roster index of the departed agent */
	size_t holder;			/* index in holders */
	size_t at;			/* its rows: urows[at .. at + n) */
	const char *to;			/* agent id, queue:NAME, or "" */
	const char *route;
	char *reason;
};

/* The rules' column names, resolved in each file. */
enum {
	P_POLICY, P_CUSTOMER, P_AGENT, P_MAIN, P_REGION, NPCOL
};
enum {
	R_AGENT, R_STATUS, R_ROLE, R_GROUP, R_SUPERVISOR, R_RECRUITER,
	R_DEVELOPER, R_REGION, R_HELD, R_OUTPUT, NRCOL
};
enum {
	H_CUSTOMER, H_AGENT, H_MAIN, H_SIGN, NHCOL
};

static const char *const pcol_names[NPCOL] = {
	"policy_id", "customer_id", "agent_id", "main_policy_id", "region"
};
static const char *const rcol_names[NRCOL] = {
	"agent_id", "status", "role", "group_id", "supervisor_id",
	"recruiter_id", "developer_id", "region", "orphan_count",
	"output_last_month"
};
static const char *const hcol_names[NHCOL] = {
	"customer_id", "agent_id", "main_policy_id", "sign_date"
};

struct assign {
	long cap;
	long block;
	int keep_customer;
	struct need *need;
	size_t nneed;
	struct { const char *name; struct cond *when; } *state;
	size_t nstate;
	const char *state_default;
	struct route *r;
	size_t nr;
	size_t pcol[NPCOL];
	size_t rcol[NRCOL];
	struct cols schema;
	size_t nin;
	size_t ocol[5];			/* orphan_type ... reason */
	struct agent *ag;		/* the roster */
	size_t nag, agcap;
	struct cols agents;		/* agent id -> index */
	const char *roster_name;
	struct cols groups;		/* group id -> its agents, ranked */
	size_t *gorder;			/* agents ranked within their group */
	size_t *gstart, *gn, *gcursor, *gcount;
	struct cols regions;		/* service area -> its service agents */
	size_t **sarea;
	size_t *sn;
	struct holding *hold;
	size_t nhold, holdcap;
	struct cols holders;		/* policyholder -> first holding */
	size_t *hfirst;
	size_t hfirstcap;
	struct row *rows;
	size_t nrows, rowcap;
	struct unit *units;
	size_t nunits, unitcap;
	size_t *urows;			/* row indices, unit by unit */
	char *trail;			/* the reason being written, reused */
	size_t traillen, trailcap;
	int today;
	unsigned long unassigned;
	struct rec tmp, tmp2;
	char **out;
	size_t *outlen;
};

static const char *agents_path, *holdings_path, *loads_path;

enum { O_AGENTS = OPT_TOOL, O_HOLDINGS, O_LOADS };

static const struct option options[] = {
	{ "agents", required_argument, NULL, O_AGENTS },
	{ "holdings", required_argument, NULL, O_HOLDINGS },
	{ "loads", required_argument, NULL, O_LOADS },
	{ NULL, 0, NULL, 0 }
};

static int
handle(int code, const char *arg)
{
	switch (code) {
	case O_AGENTS:
		agents_path = arg;
		break;
	case O_HOLDINGS:
		holdings_path = arg;
		break;
	case O_LOADS:
		loads_path = arg;
		break;
	}
	return 0;
}

/* A count of at least min, up to max. */
static long
count(struct rules *r, const struct ynode *v, const char *what, long min,
    long max)
{
	long n;

	if (rules_want(r, v, Y_SCALAR, what) < 0)
		return min;
	if (rules_count(v, min, max, &n) < 0) {
		/* digits, and not under min: too many */
		if (v->str[0] != '\0' &&
		    v->str[strspn(v->str, "0123456789")] == '\0' &&
		    (rules_count(v, 0, LONG_MAX, &n) < 0 || n >= min))
			rules_error(r, v, "%s takes a count of at most %ld, "
			    "not '%s'", what, max, v->str);
		else
			rules_error(r, v, "%s takes a count of at least %ld, "
			    "not '%s'", what, min, v->str);
		return min;
	}
	return n;
}

static void
load_needs(struct rules *r, struct assign *a, const struct ynode *m)
{
	size_t i;

	if (rules_want(r, m, Y_MAP, "eligible") < 0)
		return;
	a->need = err_calloc(m->n / 2 + 1, sizeof(*a->need));
	for (i = 0; i < m->n; i += 2) {
		a->need[a->nneed].name = m->kid[i]->str;
		a->need[a->nneed].when = cond_compile(r, m->kid[i + 1]);
		a->nneed++;
	}
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
load_route(struct rules *r, struct assign *a, const struct ynode *v,
    struct route *ro, size_t pos)
{
	static const char *const keys[] = {
		"name", "when", "type", "via", "queue", "within", "need", NULL
	};
	static const char *const need[] = { "via", NULL };
	static const char *const types[] = { "non-pure", "pure", NULL };
	const struct ynode *x;
	const char *near;
	size_t i, k;

	ro->name = rules_name(r, NULL, pos);
	ro->type = -1;
	ro->within = 12;
	if (rules_want(r, v, Y_MAP, "a route") < 0 ||
	    rules_keys(r, v, keys, need) < 0)
		return;
	free(ro->name);
	ro->name = rules_name(r, v, pos);
	if ((x = rules_get(v, "when")) != NULL)
		ro->when = cond_compile(r, x);
	if ((x = rules_get(v, "type")) != NULL &&
	    rules_want(r, x, Y_SCALAR, "type") == 0) {
		if (strcmp(x->str, "non-pure") == 0)
			ro->type = NONPURE;
		else if (strcmp(x->str, "pure") == 0)
			ro->type = PURE;
		else if ((near = rules_nearest(x->str, types)) != NULL)
			rules_error(r, x, "unknown type '%s' (did you mean "
			    "'%s'?)", x->str, near);
		else
			rules_error(r, x, "type is non-pure or pure");
	}
	x = rules_get(v, "via");
	if (rules_want(r, x, Y_SCALAR, "via") == 0) {
		for (i = 0; via_names[i] && strcmp(via_names[i], x->str); i++)
			;
		if (via_names[i] == NULL) {
			near = rules_nearest(x->str, via_names);
			rules_error(r, x, "unknown via '%s'%s%s%s", x->str,
			    near ? " (did you mean '" : "", near ? near : "",
			    near ? "'?)" : "");
		}
		ro->via = (enum via)i;
	}
	ro->queue = rules_scalar(r, v, "queue", NULL);
	if (ro->via == V_QUEUE && ro->queue == NULL)
		rules_error(r, v, "a queue route names its queue");
	if (ro->queue != NULL) {
		ro->queue_to = err_malloc(strlen(ro->queue) + 7);
		sprintf(ro->queue_to, "queue:%s", ro->queue);
	}
	if ((x = rules_get(v, "within")) != NULL)
		ro->within = (int)count(r, x, "within (months)", 1, 12000);
	if ((x = rules_get(v, "need")) == NULL ||
	    rules_want(r, x, Y_SEQ, "need") < 0)
		return;
	ro->need = err_calloc(x->n + 1, sizeof(*ro->need));
	for (i = 0; i < x->n; i++) {
		if (rules_want(r, x->kid[i], Y_SCALAR, "a need") < 0)
			continue;
		for (k = 0; k < a->nneed && strcmp(a->need[k].name,
		    x->kid[i]->str); k++)
			;
		if (k == a->nneed)
			rules_error(r, x->kid[i], "'%s' is not a condition "
			    "under eligible:", x->kid[i]->str);
		else
			ro->need[ro->nneed++] = k;
	}
}

static void
load(struct rules *r, void *tool)
{
	static const char *const keys[] = {
		"cap", "block", "keep_customer", "state", "eligible", "routes",
		NULL
	};
	static const char *const need[] = { "routes", NULL };
	struct assign *a = tool;
	const struct ynode *x;
	const char *s;
	size_t i;

	a->cap = 200;
	a->block = 3;
	a->keep_customer = 1;
	a->state_default = "";
	if (r->root == NULL || rules_keys(r, r->root, keys, need) < 0)
		return;
	if ((x = rules_get(r->root, "cap")) != NULL)
		a->cap = count(r, x, "cap", 1, 1000000000);
	if ((x = rules_get(r->root, "block")) != NULL)
		a->block = count(r, x, "block", 1, 1000000000);
	s = rules_scalar(r, r->root, "keep_customer", "true");
	if (strcmp(s, "false") == 0)
		a->keep_customer = 0;
	else if (strcmp(s, "true") != 0)
		rules_error(r, rules_get(r->root, "keep_customer"),
		    "keep_customer takes true or false");
	if ((x = rules_get(r->root, "eligible")) != NULL)
		load_needs(r, a, x);
	if ((x = rules_get(r->root, "state")) != NULL)
		load_states(r, a, x);
	x = rules_get(r->root, "routes");
	if (rules_want(r, x, Y_SEQ, "routes") < 0)
		return;
	a->r = err_calloc(x->n + 1, sizeof(*a->r));
	a->nr = x->n;
	for (i = 0; i < x->n; i++)
		load_route(r, a, x->kid[i], &a->r[i], i);
}

static void bind_roster(struct rules *r, struct assign *a,
    const struct opts *o);

/*
 * --agents and --holdings are needed before a row is read (a --check
 * without them checks the rest), and no output may overwrite them.
 */
static void
check_files(const struct opts *o)
{
	const char *out[3] = { o->output, o->rejects, loads_path };
	const char *in[2] = { agents_path, holdings_path };
	size_t i, j;

	if (!o->check && agents_path == NULL)
		err_exit(EXIT_USAGE, "--agents FILE is required");
	if (!o->check && holdings_path == NULL)
		err_exit(EXIT_USAGE, "--holdings FILE is required");
	for (i = 0; i < 3; i++)
		for (j = 0; j < 2; j++)
			if (csvout_same(out[i], in[j]))
				err_exit(EXIT_USAGE, "'%s' is both an input (%s) "
				    "and an output", in[j], j ? "--holdings" :
				    "--agents");
}

static void
bind(struct rules *r, void *tool, const struct cols *header, const char *input,
    const struct opts *o)
{
	static const char *const out[] = {
		"orphan_type", "orphan_state", "assigned_to", "route", "reason"
	};
	struct assign *a = tool;
	size_t i;
	long k;

	for (i = 0; i < header->n; i++)
		cols_add(&a->schema, header->names[i]);
	a->nin = header->n;
	for (i = 0; i < NPCOL; i++) {
		k = rules_find(r, r->root, header, pcol_names[i], input);
		a->pcol[i] = k < 0 ? 0 : (size_t)k;
	}
	for (i = 0; i < a->nstate; i++)
		if (a->state[i].when != NULL)
			cond_bind(a->state[i].when, r, header, input);
	for (i = 0; i < 5; i++)
		a->ocol[i] = rules_outcol(r, &a->schema, out[i]);
	/* A route's when may read the type and state the tool works out. */
	for (i = 0; i < a->nr; i++)
		if (a->r[i].when != NULL)
			cond_bind(a->r[i].when, r, &a->schema, input);
	check_files(o);
	if (agents_path != NULL)
		bind_roster(r, a, o);
	a->out = err_calloc(a->schema.n, sizeof(*a->out));
	a->outlen = err_calloc(a->schema.n, sizeof(*a->outlen));
}

/* Opens a side file and resolves the columns it must have; exits 1. */
static struct csvin *
open_side(struct rules *r, const char *path, const char *what,
    const struct opts *o, const char *const *names, size_t n, size_t *col)
{
	struct csvin *in;
	char list[512];
	size_t i;
	long k;

	if (path == NULL)
		err_exit(EXIT_USAGE, "%s FILE is required", what);
	if ((in = csvin_open(path, &o->in)) == NULL)
		err_quit(EXIT_DATA);
	for (i = 0; i < n; i++) {
		k = cols_find(csvin_header(in), rules_column(r, names[i]));
		if (k < 0) {
			cols_list(csvin_header(in), list, sizeof(list));
			err_exit(EXIT_DATA, "%s:1: no column '%s' in %s: %s",
			    csvin_name(in), rules_column(r, names[i]), what, list);
		}
		col[i] = (size_t)k;
	}
	return in;
}

static void
bind_roster(struct rules *r, struct assign *a, const struct opts *o)
{
	struct csvin *in;
	size_t i;

	in = open_side(r, agents_path, "--agents", o, rcol_names, NRCOL, a->rcol);
	for (i = 0; i < a->nneed; i++)
		cond_bind(a->need[i].when, r, csvin_header(in), csvin_name(in));
	csvin_close(in);
}

/* A count of the roster: empty is 0; anything but a number stops the run. */
static double
roster_number(struct csvin *in, const struct rec *rec, size_t c,
    const char *name)
{
	double v;

	if (rec->len[c] == 0)
		return 0;
	if (value_number(rec->f[c], rec->len[c], &v) < 0)
		err_exit(EXIT_DATA, "%s:%lu: column '%s': '%s' is not a number",
		    csvin_name(in), rec->line, name, rec->f[c]);
	return v;
}

/* The roster's values, in English or as a Chinese export has them. */
static int
is(const char *v, const char *en, const char *zh)
{
	return strcmp(v, en) == 0 || strcmp(v, zh) == 0;
}

static void rank_groups(struct assign *a);
static void index_service(struct assign *a);

static void
read_roster(struct rules *r, struct assign *a, const struct opts *o)
{
	struct csvin *in;
	struct rec rec = { 0 };
	enum csvin_status st;
	struct agent *g;
	long k;

	in = open_side(r, agents_path, "--agents", o, rcol_names, NRCOL, a->rcol);
	while ((st = csvin_next(in, &rec)) != CSVIN_EOF) {
		if (st != CSVIN_ROW)
			err_exit(EXIT_DATA, "%s:%lu: %s", csvin_name(in),
			    rec.line, csvin_error(in));
		if (rec.len[a->rcol[R_AGENT]] == 0)
			err_exit(EXIT_DATA, "%s:%lu: an agent without an id",
			    csvin_name(in), rec.line);
		if ((k = cols_find(&a->agents, rec.f[a->rcol[R_AGENT]])) >= 0)
			err_exit(EXIT_DATA, "%s:%lu: agent '%s' is listed twice "
			    "(first at line %lu)", csvin_name(in), rec.line,
			    rec.f[a->rcol[R_AGENT]], a->ag[k].h.line);
		cols_add(&a->agents, rec.f[a->rcol[R_AGENT]]);
		err_grow(&a->ag, &a->agcap, a->nag + 1, sizeof(*a->ag));
		g = &a->ag[a->nag];
		memset(g, 0, sizeof(*g));
		hold_copy(&g->h, &rec);
		g->held = (long)roster_number(in, &rec, a->rcol[R_HELD],
		    rules_column(r, "orphan_count"));
		g->output = roster_number(in, &rec, a->rcol[R_OUTPUT],
		    rules_column(r, "output_last_month"));
		g->active = is(rec.f[a->rcol[R_STATUS]], "active", "在职");
		g->service = is(rec.f[a->rcol[R_ROLE]], "service", "收展");
		g->supervisor = is(rec.f[a->rcol[R_ROLE]], "supervisor", "主管");
		g->group = NONE;
		if (rec.len[a->rcol[R_GROUP]] > 0)
			g->group = cols_intern(&a->groups,
			    rec.f[a->rcol[R_GROUP]], NULL);
		g->ok = err_malloc(a->nneed + 1);
		memset(g->ok, -1, a->nneed + 1);
		a->nag++;
	}
	a->roster_name = err_strdup(csvin_name(in));
	rec_free(&rec);
	csvin_close(in);
	rank_groups(a);
	index_service(a);
}

/* The agent's field c of the roster. */
static const char *
afield(struct assign *a, size_t agent, size_t c)
{
	hold_fields(&a->ag[agent].h, &a->tmp2);
	return a->tmp2.f[a->rcol[c]];
}

struct ranked {
	size_t group, agent;
	double output;
	const char *id;
};

static int
by_rank(const void *x, const void *y)
{
	const struct ranked *p = x, *q = y;

	if (p->group != q->group)
		return p->group < q->group ? -1 : 1;
	if (p->output != q->output)
		return p->output > q->output ? -1 : 1;
	return strcmp(p->id, q->id);
}

/* Each group's agents by last month's output, ties to the lower id. */
static void
rank_groups(struct assign *a)
{
	struct ranked *rk = err_calloc(a->nag + 1, sizeof(*rk));
	size_t i, n = 0, g;

	for (i = 0; i < a->nag; i++) {
		if (a->ag[i].group == NONE)
			continue;
		rk[n].group = a->ag[i].group;
		rk[n].agent = i;
		rk[n].output = a->ag[i].output;
		rk[n].id = a->agents.names[i];
		n++;
	}
	qsort(rk, n, sizeof(*rk), by_rank);
	g = a->groups.n + 1;
	a->gorder = err_calloc(n + 1, sizeof(*a->gorder));
	a->gstart = err_calloc(g, sizeof(*a->gstart));
	a->gn = err_calloc(g, sizeof(*a->gn));
	a->gcursor = err_calloc(g, sizeof(*a->gcursor));
	a->gcount = err_calloc(g, sizeof(*a->gcount));
	for (i = n; i-- > 0;) {
		a->gorder[i] = rk[i].agent;
		a->gstart[rk[i].group] = i;
		a->gn[rk[i].group]++;
	}
	free(rk);
}

/* The service agents of each area, in roster order. */
static void
index_service(struct assign *a)
{
	size_t i, k, ri;
	int added;

	for (i = 0; i < a->nag; i++) {
		if (!a->ag[i].service)
			continue;
		ri = cols_intern(&a->regions, afield(a, i, R_REGION), &added);
		if (added) {
			a->sarea = err_realloc(a->sarea, a->regions.n *
			    sizeof(*a->sarea));
			a->sn = err_realloc(a->sn, a->regions.n * sizeof(*a->sn));
			a->sarea[ri] = NULL;
			a->sn[ri] = 0;
		}
		k = a->sn[ri]++;
		a->sarea[ri] = err_realloc(a->sarea[ri], a->sn[ri] *
		    sizeof(**a->sarea));
		a->sarea[ri][k] = i;
	}
}

/* The holdings of the policyholders among the orphans. */
static void
read_holdings(struct rules *r, struct assign *a, const struct opts *o)
{
	size_t col[NHCOL];
	struct csvin *in;
	struct rec rec = { 0 };
	enum csvin_status st;
	struct holding *h;
	long c, ag;
	int d;

	in = open_side(r, holdings_path, "--holdings", o, hcol_names, NHCOL, col);
	while ((st = csvin_next(in, &rec)) != CSVIN_EOF) {
		if (st != CSVIN_ROW)
			err_exit(EXIT_DATA, "%s:%lu: %s", csvin_name(in),
			    rec.line, csvin_error(in));
		if ((c = cols_find(&a->holders, rec.f[col[H_CUSTOMER]])) < 0)
			continue;	/* not a policyholder of these orphans */
		if ((ag = cols_find(&a->agents, rec.f[col[H_AGENT]])) < 0)
			continue;	/* an agent outside the roster serves none */
		d = 0;
		if (rec.len[col[H_SIGN]] > 0 && date_parse(rec.f[col[H_SIGN]],
		    rec.len[col[H_SIGN]], &d) < 0)
			err_exit(EXIT_DATA, "%s:%lu: column 'sign_date': '%s' is "
			    "not a date", csvin_name(in), rec.line,
			    rec.f[col[H_SIGN]]);
		err_grow(&a->hold, &a->holdcap, a->nhold + 1, sizeof(*a->hold));
		h = &a->hold[a->nhold];
		h->agent = (size_t)ag;
		/* Only a main policy's signing names its agent (seed 004). */
		h->sign = rec.len[col[H_MAIN]] == 0 && rec.len[col[H_SIGN]] > 0 ?
		    d : NOSIGN;
		h->next = a->hfirst[c];
		a->hfirst[c] = a->nhold++;
	}
	rec_free(&rec);
	csvin_close(in);
}

static void
arrive(struct io *io, struct assign *a, const struct rec *rec)
{
	struct row *w;
	char msg[512];
	size_t i;
	int v;

	err_grow(&a->rows, &a->rowcap, a->nrows + 1, sizeof(*a->rows));
	w = &a->rows[a->nrows++];
	memset(w, 0, sizeof(*w));
	hold_copy(&w->h, rec);
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
		if (rec->len[a->pcol[i]] == 0) {
			snprintf(msg, sizeof(msg), "the column '%s' is empty",
			    a->schema.names[a->pcol[i]]);
			io_reject(io, rec, msg);
			w->rejected = 1;
			return;
		}
	}
	if (cols_find(&a->agents, rec->f[a->pcol[P_AGENT]]) < 0) {
		snprintf(msg, sizeof(msg), "the departed agent '%s' is not in "
		    "the roster %s", rec->f[a->pcol[P_AGENT]], a->roster_name);
		io_reject(io, rec, msg);
		w->rejected = 1;
		return;
	}
	if (cols_find(&a->holders, rec->f[a->pcol[P_CUSTOMER]]) < 0) {
		cols_add(&a->holders, rec->f[a->pcol[P_CUSTOMER]]);
		err_grow(&a->hfirst, &a->hfirstcap, a->holders.n,
		    sizeof(*a->hfirst));
		a->hfirst[a->holders.n - 1] = NONE;
	}
}

/* Why routes passed the unit on, and how one placed it: "; "-separated. */
static void
note(struct assign *a, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		err_grow(&a->trail, &a->trailcap, a->traillen + 256, 1);
		va_start(ap, fmt);
		n = vsnprintf(a->trail + a->traillen + 2, a->trailcap -
		    a->traillen - 2, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < a->trailcap - a->traillen - 2)
			break;
		err_grow(&a->trail, &a->trailcap, a->traillen + (size_t)n + 3, 1);
	}
	if (a->traillen > 0) {
		memcpy(a->trail + a->traillen, "; ", 2);
		a->traillen += 2;
	} else {
		memmove(a->trail, a->trail + 2, (size_t)n + 1);
	}
	a->traillen += (size_t)n;
}

static int
eligible(struct assign *a, size_t ag, size_t k)
{
	struct agent *g = &a->ag[ag];
	char msg[512];
	int v;

	if (g->ok[k] >= 0)
		return g->ok[k];
	hold_fields(&g->h, &a->tmp2);
	v = cond_eval(a->need[k].when, a->tmp2.f, a->tmp2.len, msg, sizeof(msg));
	if (v < 0)
		err_exit(EXIT_DATA, "%s:%lu: %s", a->roster_name, g->h.line, msg);
	g->ok[k] = (signed char)v;
	return v;
}

/*
 * 1 when agent ag may take the unit on route ro; else 0, with a note why
 * when say.  The former agent never takes their own policies back.
 */
static int
can_take(struct assign *a, size_t ag, const struct unit *u,
    const struct route *ro, int say)
{
	const struct agent *g = &a->ag[ag];
	const char *id = a->agents.names[ag];
	size_t k;

	if (ag == u->departed) {
		if (say)
			note(a, "%s: %s is the former agent", ro->name, id);
		return 0;
	}
	if (!g->active) {
		if (say)
			note(a, "%s: %s is not active", ro->name, id);
		return 0;
	}
	for (k = 0; k < ro->nneed; k++) {
		if (!eligible(a, ag, ro->need[k])) {
			if (say)
				note(a, "%s: %s is not eligible (%s)", ro->name,
				    id, a->need[ro->need[k]].name);
			return 0;
		}
	}
	if (g->held + g->now + (long)u->n > a->cap) {
		if (say)
			note(a, "%s: %s would hold %ld, over the cap of %ld",
			    ro->name, id, g->held + g->now + (long)u->n, a->cap);
		return 0;
	}
	return 1;
}

/* The agent named in the departed agent's roster column c, or NONE. */
static size_t
named(struct assign *a, const struct unit *u, const struct route *ro,
    size_t c, const char *what)
{
	const char *id = afield(a, u->departed, c);
	long k;

	if (*id == '\0') {
		note(a, "%s: %s has no %s", ro->name,
		    a->agents.names[u->departed], what);
		return NONE;
	}
	if ((k = cols_find(&a->agents, id)) < 0) {
		note(a, "%s: %s %s is not in the roster", ro->name, what, id);
		return NONE;
	}
	return (size_t)k;
}

struct signer {
	size_t agent;
	int sign;
};

static int
by_signing(const void *x, const void *y, const struct cols *ids)
{
	const struct signer *p = x, *q = y;

	if (p->sign != q->sign)
		return p->sign > q->sign ? -1 : 1;
	return strcmp(ids->names[p->agent], ids->names[q->agent]);
}

/*
 * Non-pure (22.12): the active agents who signed a main policy with the
 * policyholder within the route's months, the most recent first (ties to
 * the lower id); failing all of them, the most recent signer before that.
 */
static size_t
via_holdings(struct assign *a, const struct unit *u, const struct route *ro)
{
	int since = date_add_months(a->today, -ro->within);
	struct signer s[64], t, before = { NONE, 0 };
	size_t h, n = 0, i, j;
	const struct holding *x;

	for (h = a->hfirst[u->holder]; h != NONE; h = a->hold[h].next) {
		x = &a->hold[h];
		if (x->sign == NOSIGN || !a->ag[x->agent].active)
			continue;
		t.agent = x->agent;
		t.sign = x->sign;
		if (x->sign < since) {
			if (before.agent == NONE || by_signing(&t, &before,
			    &a->agents) < 0)
				before = t;
			continue;
		}
		for (i = 0; i < n && s[i].agent != t.agent; i++)
			;
		if (i < n) {
			if (by_signing(&t, &s[i], &a->agents) < 0)
				s[i] = t;
			continue;
		}
		if (n == sizeof(s) / sizeof(s[0]))
			continue;
		for (j = n++; j > 0 && by_signing(&t, &s[j - 1], &a->agents) < 0; j--)
			s[j] = s[j - 1];
		s[j] = t;
	}
	for (i = 0; i < n; i++)
		if (can_take(a, s[i].agent, u, ro, 1))
			return s[i].agent;
	if (n == 0 && before.agent != NONE &&
	    can_take(a, before.agent, u, ro, 1))
		return before.agent;
	if (n == 0 && before.agent == NONE)
		note(a, "%s: no active agent signed a main policy with the "
		    "policyholder", ro->name);
	return NONE;
}

/*
 * The departed agent's group, its agents ranked by last month's output
 * taking units in blocks: 1 to `block` to the first, the next block to the
 * second, and round again.  An agent who cannot take the unit passes the
 * turn to the next.
 */
static size_t
via_group(struct assign *a, const struct unit *u, const struct route *ro)
{
	size_t g = a->ag[u->departed].group, i, ag, n;

	if (g == NONE || a->gn[g] == 0) {
		note(a, "%s: %s has no group", ro->name,
		    a->agents.names[u->departed]);
		return NONE;
	}
	n = a->gn[g];
	for (i = 0; i < n; i++) {
		ag = a->gorder[a->gstart[g] + a->gcursor[g]];
		if (ag != u->departed && a->ag[ag].active &&
		    can_take(a, ag, u, ro, 1)) {
			if (++a->gcount[g] == (size_t)a->block) {
				a->gcursor[g] = (a->gcursor[g] + 1) % n;
				a->gcount[g] = 0;
			}
			return ag;
		}
		a->gcursor[g] = (a->gcursor[g] + 1) % n;
		a->gcount[g] = 0;
	}
	note(a, "%s: no agent of group %s can take it", ro->name,
	    a->groups.names[g]);
	return NONE;
}

/* The service agents of the policy's area, the least loaded first. */
static size_t
via_service(struct assign *a, const struct unit *u, const struct route *ro)
{
	const char *region;
	size_t i, ag, best = NONE;
	long ri, load, bestload = 0;

	hold_fields(&a->rows[u->first].h, &a->tmp);
	region = a->tmp.f[a->pcol[P_REGION]];
	if (*region == '\0') {
		note(a, "%s: the policy has no area", ro->name);
		return NONE;
	}
	if ((ri = cols_find(&a->regions, region)) < 0) {
		note(a, "%s: no service agent for the area '%s'", ro->name,
		    region);
		return NONE;
	}
	for (i = 0; i < a->sn[ri]; i++) {
		ag = a->sarea[ri][i];
		load = a->ag[ag].held + a->ag[ag].now;
		if (best != NONE && (load > bestload || (load == bestload &&
		    strcmp(a->agents.names[ag], a->agents.names[best]) > 0)))
			continue;
		if (can_take(a, ag, u, ro, 0)) {
			best = ag;
			bestload = load;
		}
	}
	if (best == NONE)
		note(a, "%s: no service agent of '%s' can take it", ro->name,
		    region);
	return best;
}

/* The output row of w, in a->out. */
static void
fill_out(struct assign *a, const struct row *w, const struct unit *u)
{
	size_t i;

	hold_fields(&w->h, &a->tmp);
	for (i = 0; i < a->nin; i++) {
		a->out[i] = a->tmp.f[i];
		a->outlen[i] = a->tmp.len[i];
	}
	for (; i < a->schema.n; i++) {
		a->out[i] = "";
		a->outlen[i] = 0;
	}
	a->out[a->ocol[0]] = (char *)kind_names[u->kind];
	a->out[a->ocol[1]] = (char *)w->state;
	a->out[a->ocol[2]] = (char *)(u->to ? u->to : "");
	a->out[a->ocol[3]] = (char *)(u->route ? u->route : "");
	a->out[a->ocol[4]] = u->reason ? u->reason : "";
	for (i = 0; i < 5; i++)
		a->outlen[a->ocol[i]] = strlen(a->out[a->ocol[i]]);
}

/*
 * The route's when holds for a unit when it holds for any of its rows: 1,
 * 0, or -1 with msg set when a cell cannot be read.
 */
static int
applies(struct assign *a, const struct unit *u, const struct route *ro,
    char *msg, size_t msgsize)
{
	size_t i;
	int v;

	if (ro->type == NONPURE && u->kind != NONPURE)
		return 0;
	if (ro->type == PURE && u->kind == NONPURE)
		return 0;
	if (ro->when == NULL)
		return 1;
	for (i = 0; i < u->n; i++) {
		fill_out(a, &a->rows[a->urows[u->at + i]], u);
		v = cond_eval(ro->when, a->out, a->outlen, msg, msgsize);
		if (v != 0)
			return v;
	}
	return 0;
}

/* How the route that placed the unit chose its agent. */
static void
why(struct assign *a, const struct unit *u, const struct route *ro, size_t ag)
{
	const char *dep = a->agents.names[u->departed], *id = a->agents.names[ag];

	switch (ro->via) {
	case V_HOLDINGS:
		note(a, "%s: %s signed a main policy with the policyholder",
		    ro->name, id);
		break;
	case V_RECRUITER:
	case V_SUPERVISOR:
		note(a, "%s: %s is the %s of %s", ro->name, id,
		    a->ag[u->departed].supervisor ? "developer" :
		    ro->via == V_RECRUITER ? "recruiter" : "supervisor", dep);
		break;
	case V_GROUP:
		note(a, "%s: %s's turn in group %s (by last month's output)",
		    ro->name, id, a->groups.names[a->ag[u->departed].group]);
		break;
	case V_SERVICE:
		note(a, "%s: %s, the least loaded service agent of the area",
		    ro->name, id);
		break;
	default:
		break;
	}
}

/* A cell a route's when cannot read: the unit's rows are rejected. */
static void
reject_unit(struct io *io, struct assign *a, struct unit *u, const char *msg)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		hold_fields(&a->rows[a->urows[u->at + i]].h, &a->tmp);
		io_reject(io, &a->tmp, msg);
		a->rows[a->urows[u->at + i]].rejected = 1;
	}
	u->to = u->route = "";
	u->reason = err_strdup("");
}

static void
place_unit(struct io *io, struct assign *a, struct unit *u)
{
	struct route *ro;
	size_t i, ag = NONE;
	char msg[512];
	int v;

	a->traillen = 0;
	for (i = 0; i < a->nr && ag == NONE; i++) {
		ro = &a->r[i];
		if ((v = applies(a, u, ro, msg, sizeof(msg))) < 0) {
			reject_unit(io, a, u, msg);
			return;
		}
		if (v == 0)
			continue;
		switch (ro->via) {
		case V_QUEUE:
			note(a, "%s: to the queue %s", ro->name, ro->queue);
			u->to = ro->queue_to;
			u->route = ro->name;
			ro->units++;
			ro->rows += u->n;
			u->reason = err_strndup(a->trail, a->traillen);
			return;
		case V_HOLDINGS:
			ag = via_holdings(a, u, ro);
			break;
		case V_RECRUITER:
		case V_SUPERVISOR:
			ag = named(a, u, ro, a->ag[u->departed].supervisor ?
			    R_DEVELOPER : ro->via == V_RECRUITER ? R_RECRUITER :
			    R_SUPERVISOR, a->ag[u->departed].supervisor ?
			    "developer" : ro->via == V_RECRUITER ? "recruiter" :
			    "supervisor");
			if (ag != NONE && !can_take(a, ag, u, ro, 1))
				ag = NONE;
			break;
		case V_GROUP:
			ag = via_group(a, u, ro);
			break;
		case V_SERVICE:
			ag = via_service(a, u, ro);
			break;
		}
		if (ag != NONE) {
			why(a, u, ro, ag);
			a->ag[ag].now += (long)u->n;
			u->to = a->agents.names[ag];
			u->route = ro->name;
			ro->units++;
			ro->rows += u->n;
		}
	}
	if (ag == NONE) {
		note(a, "no route could place it");
		u->to = "";
		u->route = "";
		a->unassigned += u->n;
	}
	u->reason = err_strndup(a->trail, a->traillen);
}

/*
 * Units: a main policy with its riders and, with keep_customer, all orphan
 * policies of a policyholder.  A rider whose main policy is not among the
 * orphans, and a policy listed twice, are data errors.
 */
static void
make_units(struct io *io, struct assign *a)
{
	struct cols policies = { 0 }, keys = { 0 };
	struct row *w;
	struct unit *u;
	const char *key, *main;
	char msg[512];
	size_t i, h, pass, *prow = NULL, prowcap = 0;
	long k;

	for (i = 0; i < a->nrows; i++) {
		w = &a->rows[i];
		if (w->rejected)
			continue;
		hold_fields(&w->h, &a->tmp);
		if (cols_find(&policies, a->tmp.f[a->pcol[P_POLICY]]) >= 0) {
			snprintf(msg, sizeof(msg), "policy '%s' is listed twice",
			    a->tmp.f[a->pcol[P_POLICY]]);
			io_reject(io, &a->tmp, msg);
			w->rejected = 1;
			continue;
		}
		cols_add(&policies, a->tmp.f[a->pcol[P_POLICY]]);
		err_grow(&prow, &prowcap, policies.n, sizeof(*prow));
		prow[policies.n - 1] = i;
		w->rider = *a->tmp.f[a->pcol[P_MAIN]] != '\0';
	}
	/* Main policies first, then each rider joins its main's unit. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < a->nrows; i++) {
			w = &a->rows[i];
			if (w->rejected || w->rider != (pass == 1))
				continue;
			hold_fields(&w->h, &a->tmp);
			main = a->tmp.f[a->pcol[P_MAIN]];
			if (pass == 1) {
				k = cols_find(&policies, main);
				if (k >= 0 && a->rows[prow[k]].rider)
					snprintf(msg, sizeof(msg), "the rider's "
					    "main policy '%s' is itself a rider",
					    main);
				else if (k < 0 || a->rows[prow[k]].rejected)
					snprintf(msg, sizeof(msg), "the rider's "
					    "main policy '%s' is not among the "
					    "orphan policies", main);
				else
					msg[0] = '\0';
				if (msg[0] != '\0') {
					io_reject(io, &a->tmp, msg);
					w->rejected = 1;
					continue;
				}
				w->unit = a->rows[prow[k]].unit;
				a->units[w->unit].n++;
				continue;
			}
			key = a->keep_customer ? a->tmp.f[a->pcol[P_CUSTOMER]] :
			    a->tmp.f[a->pcol[P_POLICY]];
			if ((k = cols_find(&keys, key)) < 0) {
				k = (long)cols_add(&keys, key);
				err_grow(&a->units, &a->unitcap, (size_t)k + 1,
				    sizeof(*a->units));
				u = &a->units[k];
				memset(u, 0, sizeof(*u));
				u->first = i;
				u->departed = (size_t)cols_find(&a->agents,
				    a->tmp.f[a->pcol[P_AGENT]]);
				u->holder = (size_t)cols_find(&a->holders,
				    a->tmp.f[a->pcol[P_CUSTOMER]]);
				a->nunits++;
			}
			w->unit = (size_t)k;
			a->units[k].n++;
		}
	}
	/* The rows of each unit, together, for the routes' conditions. */
	for (i = h = 0; i < a->nunits; i++) {
		a->units[i].at = h;
		h += a->units[i].n;
		a->units[i].n = 0;
	}
	a->urows = err_calloc(h + 1, sizeof(*a->urows));
	for (i = 0; i < a->nrows; i++) {
		if (a->rows[i].rejected)
			continue;
		u = &a->units[a->rows[i].unit];
		a->urows[u->at + u->n++] = i;
	}
	for (i = 0; i < a->nunits; i++) {
		u = &a->units[i];
		u->kind = u->n > 1 ? COMBINATION : PURE;
		for (h = a->hfirst[u->holder]; h != NONE; h = a->hold[h].next)
			if (a->ag[a->hold[h].agent].active)
				u->kind = NONPURE;
	}
	free(prow);
	cols_free(&policies);
	cols_free(&keys);
}

struct turn {
	enum kind kind;
	size_t first, unit;
};

static int
by_turn(const void *x, const void *y)
{
	const struct turn *p = x, *q = y;

	if (p->kind != q->kind)
		return p->kind < q->kind ? -1 : 1;
	return (p->first > q->first) - (p->first < q->first);
}

/* Non-pure units claim room first, then combinations, then pure ones. */
static void
assign_all(struct io *io, struct assign *a)
{
	struct turn *t = err_calloc(a->nunits + 1, sizeof(*t));
	size_t i;

	for (i = 0; i < a->nunits; i++) {
		t[i].kind = a->units[i].kind;
		t[i].first = a->units[i].first;
		t[i].unit = i;
	}
	qsort(t, a->nunits, sizeof(*t), by_turn);
	for (i = 0; i < a->nunits; i++)
		place_unit(io, a, &a->units[t[i].unit]);
	free(t);
}

static void
write_rows(struct io *io, struct assign *a)
{
	size_t i;

	for (i = 0; i < a->nrows; i++) {
		if (a->rows[i].rejected)
			continue;
		fill_out(a, &a->rows[i], &a->units[a->rows[i].unit]);
		io_write(io, a->out, a->outlen, a->schema.n);
	}
}

/* --loads: per agent who held or took orphan policies. */
static void
write_loads(struct rules *r, struct assign *a, struct csvout *w)
{
	static const char *const names[] = {
		"agent_id", "held_before", "assigned", "held_after", "cap"
	};
	char num[4][32], *f[5];
	size_t i, k;

	for (k = 0; k < 5; k++)
		f[k] = (char *)rules_column(r, names[k]);
	csvout_row(w, f, NULL, 5);
	for (i = 0; i < a->nag; i++) {
		if (a->ag[i].held == 0 && a->ag[i].now == 0)
			continue;
		snprintf(num[0], sizeof(num[0]), "%ld", a->ag[i].held);
		snprintf(num[1], sizeof(num[1]), "%ld", a->ag[i].now);
		snprintf(num[2], sizeof(num[2]), "%ld", a->ag[i].held + a->ag[i].now);
		snprintf(num[3], sizeof(num[3]), "%ld", a->cap);
		f[0] = a->agents.names[i];
		for (k = 0; k < 4; k++)
			f[k + 1] = num[k];
		csvout_row(w, f, NULL, 5);
	}
}

static void
report(struct io *io, struct assign *a)
{
	char name[256];
	size_t i;

	for (i = 0; i < a->nr; i++) {
		snprintf(name, sizeof(name), "route %s: units", a->r[i].name);
		io_stat(io, name, a->r[i].units);
		snprintf(name, sizeof(name), "route %s: policies", a->r[i].name);
		io_stat(io, name, a->r[i].rows);
	}
	io_stat(io, "unassigned policies", a->unassigned);
}

static void
assign_free(struct assign *a)
{
	size_t i;

	for (i = 0; i < a->nneed; i++)
		cond_free(a->need[i].when);
	for (i = 0; i < a->nstate; i++)
		cond_free(a->state[i].when);
	for (i = 0; i < a->nr; i++) {
		free(a->r[i].name);
		free(a->r[i].queue_to);
		free(a->r[i].need);
		cond_free(a->r[i].when);
	}
	for (i = 0; i < a->nag; i++) {
		hold_free(&a->ag[i].h);
		free(a->ag[i].ok);
	}
	for (i = 0; i < a->nrows; i++)
		hold_free(&a->rows[i].h);
	for (i = 0; i < a->nunits; i++)
		free(a->units[i].reason);
	for (i = 0; i < a->regions.n; i++)
		free(a->sarea[i]);
	free(a->need);
	free(a->state);
	free(a->r);
	free(a->ag);
	free(a->gorder);
	free(a->gstart);
	free(a->gn);
	free(a->gcursor);
	free(a->gcount);
	free(a->sarea);
	free(a->sn);
	free(a->hold);
	free(a->hfirst);
	free(a->rows);
	free(a->units);
	free(a->urows);
	free(a->trail);
	free(a->out);
	free(a->outlen);
	free((char *)a->roster_name);
	rec_free(&a->tmp);
	rec_free(&a->tmp2);
	cols_free(&a->schema);
	cols_free(&a->agents);
	cols_free(&a->groups);
	cols_free(&a->regions);
	cols_free(&a->holders);
}

static const struct io_tool tool = {
	{
		"[-r rules] [-o file] --agents file --holdings file "
		"[--loads file] [--today date] [--rejects file] "
		"[--max-rejects n] [--stats] [--check] [options] [file]",
		"      --agents FILE         the roster of agents\n"
		"      --holdings FILE       in-force policies of the "
		"policyholders\n"
		"      --loads FILE          write each agent's orphan policies "
		"before and after\n",
		"orphan.yaml",
		options,
		handle
	},
	load,
	bind
};

int
main(int argc, char **argv)
{
	struct assign a = { 0 };
	struct rec rec = { 0 };
	struct csvout *loads = NULL;
	struct rules *r;
	struct opts o;
	struct io io;
	int status;

	r = io_begin(&io, &o, argc, argv, &tool, &a);
	a.today = o.today;
	read_roster(r, &a, &o);
	io_start(&io, &a.schema);
	if (loads_path != NULL)
		loads = io_output(&io, "--loads", loads_path);
	while (io_next(&io, &rec))
		arrive(&io, &a, &rec);
	read_holdings(r, &a, &o);
	make_units(&io, &a);
	assign_all(&io, &a);
	write_rows(&io, &a);
	if (loads != NULL)
		write_loads(r, &a, loads);
	report(&io, &a);
	status = io_close(&io);
	rec_free(&rec);
	assign_free(&a);
	rules_free(r);
	opt_free(&o);
	return status;
}
