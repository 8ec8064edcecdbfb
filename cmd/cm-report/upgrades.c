/*
 * ABC upgrades (seed 000, 持续客户经营: "将C类客户变成B类客户、B类客户变成
 * A类客户"): two gradings of the same customers, cm-classify's outputs,
 * the earlier one (--before, read whole: memory is bounded by its
 * customers) and the later one (FILE, row by row).  Per agent of the
 * later grading (of the earlier one for a customer who left it): the
 * customers graded before and after, how many moved up, down or stayed,
 * appeared (graded after only) or left (before only), and a count for
 * each move from one grade to another.
 *
 * The grades, best first, and the column that holds them are the rules'
 * (upgrades: {column: class, grades: [A, B, C]}).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "../../common/side.h"
#include "report.h"

#define MAXGRADE 16

enum { U_BEFORE, U_AFTER, U_UP, U_DOWN, U_SAME, U_APPEARED, U_LEFT, NFIXED };

static const char *const fixed[NFIXED] = {
	"before", "after", "up", "down", "same", "appeared", "left"
};

/* A customer of the earlier grading. */
struct graded {
	size_t agent;			/* in upgrades.agents */
	int grade;
	int seen;			/* in the later grading */
};

struct upgrades {
	const char *column;		/* the grade's, in the rules */
	const char *grades[MAXGRADE];
	size_t ngrade;
	size_t customer, agent, grade;	/* FILE's columns */
	struct table before;		/* customer -> struct graded */
	struct cols agents;
	struct table tally;		/* agent -> counts */
	size_t ncount;			/* NFIXED + ngrade * ngrade */
	size_t col[NFIXED + MAXGRADE * MAXGRADE];
};

static void
load(struct report *rp, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = { "column", "grades", NULL };
	struct upgrades *u;
	const struct ynode *g;
	size_t i;

	u = rp->up = err_calloc(1, sizeof(*rp->up));
	u->column = "class";
	u->grades[0] = "A";
	u->grades[1] = "B";
	u->grades[2] = "C";
	u->ngrade = 3;
	if (m == NULL || rules_want(r, m, Y_MAP, "upgrades") < 0)
		return;
	rules_keys(r, m, keys, NULL);
	u->column = rules_scalar(r, m, "column", u->column);
	if ((g = rules_get(m, "grades")) == NULL ||
	    rules_want(r, g, Y_SEQ, "grades") < 0)
		return;
	if (g->n < 2 || g->n > MAXGRADE) {
		rules_error(r, g, "grades takes from 2 to %d grades, best "
		    "first", MAXGRADE);
		return;
	}
	for (i = 0; i < g->n; i++)
		if (rules_want(r, g->kid[i], Y_SCALAR, _("a grade")) == 0)
			u->grades[i] = g->kid[i]->str;
	u->ngrade = g->n;
}

static int
grade_of(const struct upgrades *u, const char *s)
{
	size_t i;

	for (i = 0; i < u->ngrade; i++)
		if (strcmp(s, u->grades[i]) == 0)
			return (int)i;
	return -1;
}

static void
bind(struct report *rp, struct io *io)
{
	struct upgrades *u = rp->up;
	char name[256];
	size_t i, j, n = 0;

	u->customer = report_col(io, "customer_id");
	u->agent = report_col(io, "agent_id");
	u->grade = report_col(io, u->column);
	report_head(rp, io, 0);
	for (i = 0; i < NFIXED; i++)
		u->col[n++] = schema_col(&io->schema, io->r, fixed[i]);
	for (i = 0; i < u->ngrade; i++)
		for (j = 0; j < u->ngrade; j++) {
			if (i == j)
				continue;
			snprintf(name, sizeof(name), "%s_to_%s", u->grades[i],
			    u->grades[j]);
			u->col[n++] = schema_col(&io->schema, io->r, name);
		}
	u->ncount = n;
	table_init(&u->before, sizeof(struct graded));
	table_init(&u->tally, u->ncount * sizeof(unsigned long));
}

/* The counts of agent's row. */
static unsigned long *
counts(struct upgrades *u, const char *agent)
{
	return table_at(&u->tally, table_intern(&u->tally, agent, NULL));
}

/* The column of the move from grade a to grade b (a != b). */
static size_t
move(const struct upgrades *u, int a, int b)
{
	return NFIXED + (size_t)a * (u->ngrade - 1) +
	    (size_t)(b < a ? b : b - 1);
}

/* The earlier grading, whole, before the first row of the later one. */
static void
before(struct report *rp, struct io *io)
{
	struct upgrades *u = rp->up;
	struct graded *g;
	struct side s;
	size_t customer, agent, grade, i;
	int added;

	side_open(&s, "--before", rp->before_path, &io->o.in, io->r);
	customer = side_col(&s, "customer_id");
	agent = side_col(&s, "agent_id");
	grade = side_col(&s, u->column);
	while (side_next(&s)) {
		if (s.rec.len[customer] == 0)
			side_fail(&s, "column '%s' is empty: which customer is "
			    "graded?", side_header(&s)->names[customer]);
		i = table_intern(&u->before, s.rec.f[customer], &added);
		if (!added)
			side_fail(&s, "customer '%s' is graded twice",
			    s.rec.f[customer]);
		g = table_at(&u->before, i);
		if ((g->grade = grade_of(u, s.rec.f[grade])) < 0)
			side_fail(&s, "column '%s': '%s' is not a grade of the "
			    "rules", side_header(&s)->names[grade],
			    s.rec.f[grade]);
		g->agent = cols_intern(&u->agents, s.rec.f[agent], NULL);
	}
	side_close(&s);
	io_stat(io, "customers graded before", u->before.keys.n);
}

static void
row(struct report *rp, struct io *io, const struct rec *rec)
{
	struct upgrades *u = rp->up;
	struct graded *g;
	unsigned long *c;
	char msg[512];
	long i;
	int a;

	if (rec->len[u->customer] == 0) {
		snprintf(msg, sizeof(msg), _("column '%.128s': empty, which "
		    "customer is graded?"), io_header(io)->names[u->customer]);
		io_reject(io, rec, msg);
		return;
	}
	if ((a = grade_of(u, rec->f[u->grade])) < 0) {
		snprintf(msg, sizeof(msg), _("column '%s': '%.64s' is not a "
		    "grade of the rules"), io_header(io)->names[u->grade],
		    rec->f[u->grade]);
		io_reject(io, rec, msg);
		return;
	}
	i = table_find(&u->before, rec->f[u->customer]);
	g = i < 0 ? NULL : table_at(&u->before, (size_t)i);
	if (g != NULL && g->seen) {
		snprintf(msg, sizeof(msg), _("customer '%.64s' is graded twice"),
		    rec->f[u->customer]);
		io_reject(io, rec, msg);
		return;
	}
	c = counts(u, groups_key(&rp->groups, rec->f[u->agent]));
	c[U_AFTER]++;
	if (g == NULL) {
		c[U_APPEARED]++;
		return;
	}
	g->seen = 1;
	if (a == g->grade)
		c[U_SAME]++;
	else {
		c[a < g->grade ? U_UP : U_DOWN]++;
		c[move(u, g->grade, a)]++;
	}
}

static void
end(struct report *rp, struct io *io)
{
	struct upgrades *u = rp->up;
	const struct graded *g;
	unsigned long *c;
	size_t i, k, *ix;
	char (*buf)[32];

	for (i = 0; i < u->before.keys.n; i++) {
		g = table_at(&u->before, i);
		c = counts(u, groups_key(&rp->groups,
		    u->agents.names[g->agent]));
		c[U_BEFORE]++;
		if (!g->seen)
			c[U_LEFT]++;
	}
	groups_rows(&rp->groups, &u->tally);
	buf = err_calloc(u->ncount, sizeof(*buf));
	ix = groups_sorted(&u->tally);
	for (i = 0; i < u->tally.keys.n; i++) {
		c = table_at(&u->tally, ix[i]);
		report_row(rp, io, 0, u->tally.keys.names[ix[i]]);
		for (k = 0; k < u->ncount; k++) {
			count_format(c[k], buf[k], sizeof(buf[k]));
			schema_put(&io->schema, u->col[k], buf[k]);
		}
		io_write(io);
	}
	free(ix);
	free(buf);
}

static void
up_free(struct report *rp)
{
	if (rp->up == NULL)
		return;
	table_free(&rp->up->before);
	table_free(&rp->up->tally);
	cols_free(&rp->up->agents);
	free(rp->up);
}

const struct measure measure_upgrades = {
	.name = "upgrades",
	.takes = T_BEFORE | T_BY,
	.needs = T_BEFORE,
	.load = load,
	.bind = bind,
	.open = before,
	.row = row,
	.end = end,
	.free = up_free,
};
