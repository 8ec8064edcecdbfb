/*
 * The rows figures are summed into (--by): each agent's own, their
 * group's or branch's in the roster (--agents), or one row for the whole
 * branch; their order; and a rate as the output writes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "../../common/side.h"
#include "../../common/value.h"
#include "report.h"

static const char *
keep(struct groups *g, const char *s, size_t n)
{
	char *p = arena_alloc(&g->text, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
groups_read(struct groups *g, struct io *io)
{
	struct side s;
	size_t agent, key = 0, i;

	side_open(&s, "--agents", g->path, &io->o.in, io->r);
	agent = side_col(&s, g->agent_id != NULL ? g->agent_id : "agent_id");
	if (g->by == BY_GROUP)
		key = side_col(&s, "group_id");
	if (g->by == BY_BRANCH)
		key = side_col(&s, "branch");
	while (side_next(&s)) {
		if (cols_find(&g->agents, s.rec.f[agent]) >= 0)
			side_fail(&s, "agent '%s' is in the roster twice",
			    s.rec.f[agent]);
		i = cols_add(&g->agents, s.rec.f[agent]);
		err_grow(&g->key, &g->cap, i + 1, sizeof(*g->key));
		g->key[i] = g->by == BY_GROUP || g->by == BY_BRANCH ?
		    keep(g, s.rec.f[key], s.rec.len[key]) : g->agents.names[i];
	}
	side_close(&s);
}

const char *
groups_key(struct groups *g, const char *agent)
{
	long i;

	switch (g->by) {
	case BY_AGENT:
		return agent;
	case BY_NONE:
		return "";
	case BY_GROUP:
	case BY_BRANCH:
		break;
	}
	if ((i = cols_find(&g->agents, agent)) < 0) {
		g->strangers++;
		return "";
	}
	return g->key[i];
}

const char *
groups_column(const struct groups *g)
{
	switch (g->by) {
	case BY_AGENT:
		return g->agent_id != NULL ? g->agent_id : "agent_id";
	case BY_GROUP:
		return "group_id";
	case BY_BRANCH:
		return "branch";
	case BY_NONE:
		break;
	}
	return NULL;
}

void
groups_rows(const struct groups *g, struct table *t)
{
	size_t i;

	if (g->by == BY_NONE) {
		table_intern(t, "", NULL);
		return;
	}
	for (i = 0; i < g->agents.n; i++)
		table_intern(t, g->key[i], NULL);
}

struct keyed {
	const char *key;
	size_t i;
};

static int
by_key(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key,
	    ((const struct keyed *)b)->key);
}

/* The keys are unique, so the order is the same on every run. */
size_t *
groups_sorted(const struct table *t)
{
	size_t n = t->keys.n, i, *ix = err_calloc(n + 1, sizeof(*ix));
	struct keyed *k = err_calloc(n + 1, sizeof(*k));

	for (i = 0; i < n; i++) {
		k[i].key = t->keys.names[i];
		k[i].i = i;
	}
	qsort(k, n, sizeof(*k), by_key);
	for (i = 0; i < n; i++)
		ix[i] = k[i].i;
	free(k);
	return ix;
}

void
groups_free(struct groups *g)
{
	cols_free(&g->agents);
	free(g->key);
	arena_free(&g->text);
}

/*
 * v with d decimals (v / 10^d) into buf, by hand: a report of tens of
 * thousands of agents writes a dozen figures a row, and snprintf() took
 * a tenth of the run.
 */
static void
fixed(unsigned long long v, int d, char *buf, size_t size)
{
	char tmp[32], *p = tmp + sizeof(tmp);
	int k = 0;

	*--p = '\0';
	do {
		if (d > 0 && k == d)
			*--p = '.';
		*--p = (char)('0' + v % 10);
		v /= 10;
		k++;
	} while (v > 0 || k <= d);
	if ((size_t)(tmp + sizeof(tmp) - p) > size)
		p = tmp + sizeof(tmp) - size;	/* never: the callers' 32 */
	memcpy(buf, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* Rounded half up, in integers, so that 1/3 is 33.33 and 2/3 is 66.67. */
void
rate_format(unsigned long num, unsigned long den, char *buf, size_t size)
{
	if (den == 0) {
		buf[0] = '\0';
		return;
	}
	fixed(((unsigned long long)num * 20000 + den) / (2ULL * den), 2, buf,
	    size);
}

void
count_format(unsigned long n, char *buf, size_t size)
{
	fixed(n, 0, buf, size);
}

void
money_format(long long micro, char *buf, size_t size)
{
	fixed((unsigned long long)(micro + 5000) / 10000, 2, buf, size);
}

long long
money_rule(struct rules *r, const struct ynode *v, const char *what)
{
	double x;

	if (v == NULL || v->type != Y_SCALAR ||
	    value_number(v->str, v->len, &x) < 0 || x < 0 || x > 1e6) {
		rules_error(r, v, "%s takes a number from 0 (0.005), not '%s'",
		    what, v != NULL && v->type == Y_SCALAR ? v->str : "");
		return -1;
	}
	return (long long)(x * 1e6 + 0.5);
}
