/*
 * 10:3:1 (seed 001, 客户成交黄金法则, named there without a definition;
 * DOMAIN.md reads it as: of 10 prospects visited, 3 show interest and 1
 * buys).  Of the customers an agent visited in the period (a contact of a
 * kind in the rules' visit:, by default face to face), how many showed
 * interest and how many bought, by the result column of the log (values
 * in the rules' interested: and bought:; a customer who bought showed
 * interest too; any other result is a visit without either), each
 * customer once an agent whatever the visits, and the same per 10
 * visited beside the rule of thumb.
 *
 * Memory is bounded by the (agent, customer) pairs of the period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "report.h"

enum { F_VISITED = 1, F_INTERESTED = 2, F_BOUGHT = 4 };

enum {
	R_VISITED, R_INTERESTED, R_INTEREST_RATE, R_BOUGHT, R_BUY_RATE,
	R_PER_10, R_RULE, NCOL
};

static const char *const colname[NCOL] = {
	"visited", "interested", "interest_rate", "bought", "buy_rate",
	"per_10", "rule"
};

struct ratio {
	unsigned visit;			/* the kinds that are visits */
	const struct ynode *interested, *bought;
	const char *rule;
	struct table pairs;		/* "agent\\tcustomer" -> flags */
	char *key;
	size_t keycap;
	size_t col[NCOL];
	unsigned long others;
};

static void
load(struct report *rp, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = { "visit", "interested", "bought",
		"rule", NULL };
	struct ratio *t;
	const struct ynode *v;

	t = rp->rat = err_calloc(1, sizeof(*rp->rat));
	t->visit = 1u << K_FACE;
	t->rule = "10:3:1";
	table_init(&t->pairs, sizeof(unsigned));
	if (m == NULL || rules_want(r, m, Y_MAP, "ratio") < 0)
		return;
	rules_keys(r, m, keys, NULL);
	t->visit = log_kinds(r, rules_get(m, "visit"), "visit", t->visit);
	if ((v = rules_get(m, "interested")) != NULL &&
	    rules_want(r, v, Y_SEQ, "interested") == 0)
		t->interested = v;
	if ((v = rules_get(m, "bought")) != NULL &&
	    rules_want(r, v, Y_SEQ, "bought") == 0)
		t->bought = v;
	t->rule = rules_scalar(r, m, "rule", t->rule);
}

static void
bind(struct report *rp, struct io *io)
{
	struct ratio *t = rp->rat;

	log_bind(rp, io, 1);
	report_head(rp, io, 1);
	report_cols(io, colname, NCOL, t->col);
}

static void
row(struct report *rp, struct io *io, const struct rec *rec)
{
	struct ratio *t = rp->rat;
	struct contact k;
	size_t res = rp->log.result;
	unsigned *flags;

	if (log_read(rp, io, rec, &k) <= 0)
		return;
	if (!(t->visit & (1u << k.kind))) {
		t->others++;
		return;
	}
	flags = table_at(&t->pairs, table_intern(&t->pairs,
	    report_pair(&t->key, &t->keycap, k.agent, k.customer), NULL));
	*flags |= F_VISITED;
	if (rules_in(t->bought, rec->f[res], rec->len[res]))
		*flags |= F_BOUGHT | F_INTERESTED;
	else if (rules_in(t->interested, rec->f[res], rec->len[res]))
		*flags |= F_INTERESTED;
}

/* n per 10 of den, with one decimal, rounded half up. */
static void
per_10(unsigned long n, unsigned long den, char *buf, size_t size)
{
	unsigned long long x = ((unsigned long long)n * 200 + den) /
	    (2ULL * den);

	snprintf(buf, size, "%llu.%llu", x / 10, x % 10);
}

static void
end(struct report *rp, struct io *io)
{
	struct ratio *t = rp->rat;
	struct table g;
	unsigned long *v;
	unsigned f;
	size_t i, j, *ix;
	char buf[NCOL][64], a[24], b[24], *tab;

	table_init(&g, 3 * sizeof(unsigned long));
	groups_rows(&rp->groups, &g);
	for (i = 0; i < t->pairs.keys.n; i++) {
		f = *(unsigned *)table_at(&t->pairs, i);
		tab = strchr(t->pairs.keys.names[i], '\t');
		*tab = '\0';
		v = table_at(&g, table_intern(&g, groups_key(&rp->groups,
		    t->pairs.keys.names[i]), NULL));
		*tab = '\t';
		v[0]++;
		v[1] += (f & F_INTERESTED) != 0;
		v[2] += (f & F_BOUGHT) != 0;
	}
	ix = groups_sorted(&g);
	for (i = 0; i < g.keys.n; i++) {
		v = table_at(&g, ix[i]);
		report_row(rp, io, 1, g.keys.names[ix[i]]);
		count_format(v[0], buf[R_VISITED], 64);
		count_format(v[1], buf[R_INTERESTED], 64);
		rate_format(v[1], v[0], buf[R_INTEREST_RATE], 64);
		count_format(v[2], buf[R_BOUGHT], 64);
		rate_format(v[2], v[0], buf[R_BUY_RATE], 64);
		buf[R_PER_10][0] = '\0';
		if (v[0] > 0) {
			per_10(v[1], v[0], a, sizeof(a));
			per_10(v[2], v[0], b, sizeof(b));
			snprintf(buf[R_PER_10], 64, "10:%s:%s", a, b);
		}
		for (j = 0; j < NCOL; j++)
			schema_put(&io->schema, t->col[j], j == R_RULE ?
			    t->rule : buf[j]);
		io_write(io);
	}
	free(ix);
	table_free(&g);
	log_stats(rp, io);
	io_stat(io, "contacts that are not visits",
	    t->others);
	io_stat(io, "prospects visited", t->pairs.keys.n);
}

static void
ratio_free(struct report *rp)
{
	if (rp->rat == NULL)
		return;
	table_free(&rp->rat->pairs);
	free(rp->rat->key);
	free(rp->rat);
}

const struct measure measure_ratio = {
	.name = "ratio",
	.takes = T_MONTH | T_WINDOW | T_BY,
	.needs = 0,
	.load = load,
	.bind = bind,
	.open = NULL,
	.row = row,
	.end = end,
	.free = ratio_free,
};
