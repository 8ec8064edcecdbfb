/*
 * Borrowing between groups (seed 004, 纯孤儿单系统预分配: 先按孤儿单客户
 * 资源回归原营业组的原则进行分配,组内资源不足时,可调配其他组富余的资源):
 * each group's room on a borrow route, the policies its eligible agents
 * may still take under the cap, kept in a heap per branch (the same:
 * column of the roster, or one for all), so that the group with the most
 * room is found without looking at every group.  Ties go to the lower
 * group id.
 */
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "orphan.h"

/* The groups, for by_id(). */
static const struct table *ranking;

static int
by_id(const void *x, const void *y)
{
	return strcmp(ranking->keys.names[*(const size_t *)x],
	    ranking->keys.names[*(const size_t *)y]);
}

/* Whether group g comes before group h: more room, or the lower id. */
static int
before(const struct lend *l, size_t g, size_t h)
{
	if (l->room[g] != l->room[h])
		return l->room[g] > l->room[h];
	return l->rank[g] < l->rank[h];
}

static void
swap(struct lend *l, size_t *heap, size_t i, size_t j)
{
	size_t t = heap[i];

	heap[i] = heap[j];
	heap[j] = t;
	l->pos[heap[i]] = i;
	l->pos[heap[j]] = j;
}

static void
sift_down(struct lend *l, size_t *heap, size_t n, size_t i)
{
	size_t c;

	for (; (c = 2 * i + 1) < n; i = c) {
		if (c + 1 < n && before(l, heap[c + 1], heap[c]))
			c++;
		if (!before(l, heap[c], heap[i]))
			break;
		swap(l, heap, i, c);
	}
}

/* Whether agent ag counts for route ro's room: active and eligible. */
static int
counts(struct assign *a, const struct route *ro, size_t ag)
{
	size_t k;

	if (!a->roster.ag[ag].active)
		return 0;
	for (k = 0; k < ro->nneed; k++)
		if (!roster_eligible(&a->roster, ag, ro->need[k]))
			return 0;
	return 1;
}

static long
room_of(const struct assign *a, size_t ag)
{
	const struct agent *g = &a->roster.ag[ag];
	long left = a->routes.cap - g->held - g->now;

	return left > 0 ? left : 0;
}

/* Each group's branch: one value of the same: column for all its agents. */
static void
branches(struct lend *l, struct assign *a, const struct route *ro)
{
	struct roster *rs = &a->roster;
	size_t ag, g, b, len, was, *first;
	long k;

	first = err_calloc(rs->groups.keys.n + 1, sizeof(*first));
	for (g = 0; g < rs->groups.keys.n; g++)
		l->branch[g] = first[g] = NONE;
	for (ag = 0; ag < rs->n; ag++) {
		if ((g = rs->ag[ag].group) == NONE)
			continue;
		b = 0;
		if (ro->same >= 0)
			b = cols_intern(&l->branches, roster_cell(rs, ag,
			    (size_t)ro->same, &len), NULL);
		if (l->branch[g] == NONE) {
			l->branch[g] = b;
			first[g] = ag;
		} else if (l->branch[g] != b) {
			was = first[g];
			free(first);	/* the run ends here */
			roster_fail(rs, ag, "agent '%s' of group '%s' has %s "
			    "'%s', and the group's first agent, '%s', '%s'",
			    roster_id(rs, ag), rs->groups.keys.names[g],
			    roster_colname(rs, (size_t)ro->same),
			    l->branches.names[b], roster_id(rs, was),
			    l->branches.names[l->branch[g]]);
		}
	}
	free(first);
	/* Each agent's branch, found once: a unit's departed agent's. */
	if (ro->same < 0)
		return;
	l->of = err_calloc(rs->n + 1, sizeof(*l->of));
	for (ag = 0; ag < rs->n; ag++) {
		k = cols_find(&l->branches, roster_cell(rs, ag,
		    (size_t)ro->same, &len));
		l->of[ag] = k < 0 ? NONE : (size_t)k;
	}
}

void
lend_init(struct lend *l, struct assign *a, const struct route *ro)
{
	struct roster *rs = &a->roster;
	size_t n = rs->groups.keys.n, nb, ag, g, b, *order;

	l->room = err_calloc(n + 1, sizeof(*l->room));
	l->branch = err_calloc(n + 1, sizeof(*l->branch));
	l->pos = err_calloc(n + 1, sizeof(*l->pos));
	l->rank = err_calloc(n + 1, sizeof(*l->rank));
	order = err_calloc(n + 1, sizeof(*order));
	for (g = 0; g < n; g++)
		order[g] = g;
	ranking = &rs->groups;
	qsort(order, n, sizeof(*order), by_id);
	for (g = 0; g < n; g++)
		l->rank[order[g]] = g;
	free(order);
	branches(l, a, ro);
	for (ag = 0; ag < rs->n; ag++)
		if (rs->ag[ag].group != NONE && counts(a, ro, ag))
			l->room[rs->ag[ag].group] += room_of(a, ag);
	nb = ro->same >= 0 ? l->branches.n : 1;
	l->heap = err_calloc(nb + 1, sizeof(*l->heap));
	l->nheap = err_calloc(nb + 1, sizeof(*l->nheap));
	for (g = 0; g < n; g++) {
		b = l->branch[g];
		l->heap[b] = err_realloc(l->heap[b], (l->nheap[b] + 1) *
		    sizeof(**l->heap));
		l->pos[g] = l->nheap[b];
		l->heap[b][l->nheap[b]++] = g;
	}
	for (b = 0; b < nb; b++)
		for (g = l->nheap[b] / 2 + 1; g-- > 0;)
			sift_down(l, l->heap[b], l->nheap[b], g);
}

void
lend_took(struct assign *a, size_t ag, long w)
{
	struct route *ro;
	struct lend *l;
	size_t i, g = a->roster.ag[ag].group;
	long before, after, left;

	if (g == NONE)
		return;
	for (i = 0; i < a->routes.n; i++) {
		ro = &a->routes.r[i];
		l = &ro->lend;
		if (ro->via != V_BORROW || l->room == NULL || !counts(a, ro, ag))
			continue;
		before = room_of(a, ag);
		left = a->routes.cap - a->roster.ag[ag].held -
		    a->roster.ag[ag].now - w;
		after = left > 0 ? left : 0;
		l->room[g] -= before - after;
		sift_down(l, l->heap[l->branch[g]], l->nheap[l->branch[g]],
		    l->pos[g]);
	}
}

size_t
lend_branch(const struct route *ro, size_t ag)
{
	return ro->same < 0 ? 0 : ro->lend.of[ag];
}

void
lend_start(struct lend *l, size_t b)
{
	l->cur = b;
	l->nwalk = 0;
	if (b == NONE || l->nheap[b] == 0)
		return;
	err_grow(&l->walk, &l->walkcap, 1, sizeof(*l->walk));
	l->walk[l->nwalk++] = 0;
}

/*
 * The heap is walked from its top, the best position of those in reach
 * first: a group is visited before any below it, which have no more room.
 */
size_t
lend_next(struct lend *l, long w)
{
	size_t *heap, i, best = 0, p, c;

	if (l->nwalk == 0)
		return NONE;
	heap = l->heap[l->cur];
	for (i = 1; i < l->nwalk; i++)
		if (before(l, heap[l->walk[i]], heap[l->walk[best]]))
			best = i;
	p = l->walk[best];
	if (l->room[heap[p]] < w) {
		l->nwalk = 0;
		return NONE;
	}
	l->walk[best] = l->walk[--l->nwalk];
	for (c = 2 * p + 1; c <= 2 * p + 2; c++) {
		if (c >= l->nheap[l->cur])
			break;
		err_grow(&l->walk, &l->walkcap, l->nwalk + 1, sizeof(*l->walk));
		l->walk[l->nwalk++] = c;
	}
	return heap[p];
}

void
lend_free(struct lend *l)
{
	size_t b;

	if (l->heap != NULL)
		for (b = 0; b < (l->branches.n > 0 ? l->branches.n : 1); b++)
			free(l->heap[b]);
	free(l->heap);
	free(l->nheap);
	free(l->room);
	free(l->branch);
	free(l->pos);
	free(l->rank);
	free(l->of);
	free(l->walk);
	cols_free(&l->branches);
}
