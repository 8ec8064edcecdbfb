/*
 * 开发成功率, the development success rate of the orphan cohorts (seed
 * 004, 可查询的报表): for the report month M, the 3-month rate's cohort
 * is the customers assigned in month M-3, its numerator those of them
 * developed by the end of M-1; the 6- and 12-month rates the same with
 * M-6 and M-12.
 *
 * FILE holds cm-orphan-assign's outputs, one night or many appended, a
 * row per orphan policy.  Only the customers of the three cohort months
 * are kept (a customer once a cohort however many of their policies were
 * assigned, with the agent and day of their latest assignment in that
 * month), so memory is bounded by the cohorts.  Then the policies
 * (--policies) are read once: a customer is developed by a new main
 * policy (main_policy_id empty, or the rules' developed: condition)
 * signed with the agent they were assigned to, on or after the
 * assignment and by the end of M-1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "../../common/side.h"
#include "report.h"

#define NCOHORT 3

static const int span[NCOHORT] = { 3, 6, 12 };
static const char *const suffix[NCOHORT] = { "3m", "6m", "12m" };

/* A customer of a cohort. */
struct member {
	size_t agent;			/* in development.agents */
	int date;			/* the assignment */
	int developed;
};

struct development {
	struct cond *developed;		/* the rules' condition, or NULL */
	const struct ynode *at;
	size_t customer, to, date;	/* FILE's columns */
	struct table members;		/* "k\tcustomer" -> struct member */
	struct cols agents;
	size_t col[NCOHORT][3];		/* assigned, developed, rate */
	unsigned long cohort_rows, queue_rows, outside_rows;
	char *key;			/* member_key()'s */
	size_t keycap;
};

static void
load(struct report *rp, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = { "developed", NULL };
	const struct ynode *w;

	rp->dev = err_calloc(1, sizeof(*rp->dev));
	table_init(&rp->dev->members, sizeof(struct member));
	if (m == NULL || rules_want(r, m, Y_MAP, "development") < 0)
		return;
	rules_keys(r, m, keys, NULL);
	if ((w = rules_get(m, "developed")) != NULL &&
	    rules_want(r, w, Y_MAP, "developed") == 0)
		rp->dev->developed = cond_compile(r, w);
	rp->dev->at = m;
}

static void
bind(struct report *rp, struct io *io)
{
	struct development *d = rp->dev;
	char name[32];
	size_t k;

	d->customer = report_col(io, "customer_id");
	d->to = report_col(io, "assigned_to");
	d->date = report_col(io, "assigned_date");
	report_head(rp, io, 1);
	for (k = 0; k < NCOHORT; k++) {
		snprintf(name, sizeof(name), "assigned_%s", suffix[k]);
		d->col[k][0] = schema_col(&io->schema, io->r, name);
		snprintf(name, sizeof(name), "developed_%s", suffix[k]);
		d->col[k][1] = schema_col(&io->schema, io->r, name);
		snprintf(name, sizeof(name), "rate_%s", suffix[k]);
		d->col[k][2] = schema_col(&io->schema, io->r, name);
	}
}

/*
 * "k\tcustomer", the key of a cohort's member, in a buffer that grows
 * with the longest id, so that no two ids are cut to one key.
 */
static const char *
member_key(struct development *d, size_t k, const char *customer)
{
	static const char *const cohort[NCOHORT] = { "0", "1", "2" };

	return report_pair(&d->key, &d->keycap, cohort[k], customer);
}

static void
row(struct report *rp, struct io *io, const struct rec *rec)
{
	struct development *d = rp->dev;
	struct member *m;
	char msg[256];
	int date, month, y, mo, dd, added;
	size_t k, i;

	if (rec->len[d->to] == 0 || strncmp(rec->f[d->to], "queue:", 6) == 0) {
		d->queue_rows++;
		return;
	}
	if (date_parse(rec->f[d->date], rec->len[d->date], &date) < 0) {
		snprintf(msg, sizeof(msg), _("column '%s': '%.64s' is not a date"),
		    io_header(io)->names[d->date], rec->f[d->date]);
		io_reject(io, rec, msg);
		return;
	}
	if (rec->len[d->customer] == 0) {
		snprintf(msg, sizeof(msg), _("the column '%s' is empty"),
		    io_header(io)->names[d->customer]);
		io_reject(io, rec, msg);
		return;
	}
	date_to_ymd(date, &y, &mo, &dd);
	month = y * 12 + mo - 1;
	for (k = 0; k < NCOHORT; k++)
		if (month == rp->month - span[k])
			break;
	if (k == NCOHORT) {
		d->outside_rows++;
		return;
	}
	d->cohort_rows++;
	i = table_intern(&d->members, member_key(d, k, rec->f[d->customer]),
	    &added);
	m = table_at(&d->members, i);
	if (added || date >= m->date) {
		m->agent = cols_intern(&d->agents, rec->f[d->to], NULL);
		m->date = date;
	}
}

/* Whether the policy in hand is a new one (the rules' or a main policy). */
static int
new_policy(struct development *d, struct side *s, long main)
{
	char msg[512];
	int v;

	if (d->developed == NULL)
		return s->rec.len[main] == 0;
	v = cond_eval(d->developed, s->rec.f, s->rec.len, msg, sizeof(msg));
	if (v < 0)
		side_fail(s, "%s", msg);
	return v;
}

/* The policies, once: each developing the members it finds. */
static void
policies(struct report *rp, struct io *io)
{
	struct development *d = rp->dev;
	struct member *m;
	struct side s;
	size_t customer, agent, sign, k;
	long main = -1, i;
	int until = month_start(rp->month) - 1, date;
	unsigned long rows = 0, developing = 0;

	side_open(&s, "--policies", rp->policies_path, &io->o.in, io->r);
	customer = side_col(&s, "customer_id");
	agent = side_col(&s, "agent_id");
	sign = side_col(&s, "sign_date");
	if (d->developed == NULL)
		main = (long)side_col(&s, "main_policy_id");
	else if (cond_bind(d->developed, io->r, side_header(&s),
	    side_name(&s)) < 0)
		rules_done(io->r);
	while (side_next(&s)) {
		rows++;
		for (k = 0; k < NCOHORT; k++) {
			if ((i = table_find(&d->members, member_key(d, k,
			    s.rec.f[customer]))) < 0)
				continue;
			m = table_at(&d->members, (size_t)i);
			if (m->developed || strcmp(s.rec.f[agent],
			    d->agents.names[m->agent]) != 0 ||
			    s.rec.len[sign] == 0)
				continue;
			if (date_parse(s.rec.f[sign], s.rec.len[sign],
			    &date) < 0)
				side_fail(&s, "column '%s': '%s' is not a date",
				    side_header(&s)->names[sign],
				    s.rec.f[sign]);
			if (date < m->date || date > until ||
			    !new_policy(d, &s, main))
				continue;
			m->developed = 1;
			developing++;
		}
	}
	side_close(&s);
	io_stat(io, "policies read", rows);
	io_stat(io, "cohort customers developed", developing);
}

static void
end(struct report *rp, struct io *io)
{
	struct development *d = rp->dev;
	struct table t;
	const struct member *m;
	unsigned long *v;
	size_t i, j, k, *ix, kc;
	char buf[NCOHORT][3][32];

	policies(rp, io);
	table_init(&t, 2 * NCOHORT * sizeof(unsigned long));
	groups_rows(&rp->groups, &t);
	for (i = 0; i < d->members.keys.n; i++) {
		m = table_at(&d->members, i);
		kc = (size_t)(d->members.keys.names[i][0] - '0');
		j = table_intern(&t, groups_key(&rp->groups,
		    d->agents.names[m->agent]), NULL);
		v = table_at(&t, j);
		v[2 * kc]++;
		v[2 * kc + 1] += (unsigned long)m->developed;
	}
	ix = groups_sorted(&t);
	for (i = 0; i < t.keys.n; i++) {
		v = table_at(&t, ix[i]);
		report_row(rp, io, 1, t.keys.names[ix[i]]);
		for (k = 0; k < NCOHORT; k++) {
			count_format(v[2 * k], buf[k][0], sizeof(buf[k][0]));
			count_format(v[2 * k + 1], buf[k][1],
			    sizeof(buf[k][1]));
			rate_format(v[2 * k + 1], v[2 * k], buf[k][2],
			    sizeof(buf[k][2]));
			for (j = 0; j < 3; j++)
				schema_put(&io->schema, d->col[k][j],
				    buf[k][j]);
		}
		io_write(io);
	}
	free(ix);
	table_free(&t);
	io_stat(io, "assigned rows in a cohort", d->cohort_rows);
	io_stat(io, "assigned rows to a queue or to no one", d->queue_rows);
	io_stat(io, "assigned rows outside the cohorts' months",
	    d->outside_rows);
	io_stat(io, "cohort customers", d->members.keys.n);
}

static void
dev_free(struct report *rp)
{
	if (rp->dev == NULL)
		return;
	cond_free(rp->dev->developed);
	table_free(&rp->dev->members);
	cols_free(&rp->dev->agents);
	free(rp->dev->key);
	free(rp->dev);
}

const struct measure measure_development = {
	.name = "development",
	.takes = T_ASSIGNED | T_POLICIES | T_MONTH | T_BY,
	.needs = T_POLICIES,
	.load = load,
	.bind = bind,
	.open = NULL,
	.row = row,
	.end = end,
	.free = dev_free,
};
