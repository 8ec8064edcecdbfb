/*
 * The nearest service agent for a customer's address (2.3), through the
 * trie of the areas (areas.c).
 *
 * An address and an area are compared level by level, from the widest: a
 * level that one of them does not name is passed over (玄武区中山路1号
 * is in 南京市玄武区), and the first level where both name different
 * places ends what they share.  The nearest agents are those of the areas
 * that share the narrowest level with the address; then those of the
 * neighbours of that level's part (nearness: neighbours:); then the next
 * wider level, and its neighbours; and when the rows carry coordinates,
 * the rest by their distance.  Among agents as near: the least loaded,
 * then the lower id.
 */
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "../../common/value.h"
#include "orphan.h"

/* Each place the walk finds equal to a part of the address, by level. */
static void
walk(struct areas *ar, size_t node, const struct addr_part *pt, size_t np,
    size_t i)
{
	const struct place *c;
	size_t k, j;

	for (k = ar->p[node].kid; k != NONE; k = c->next) {
		c = &ar->p[k];
		for (j = i; j < np && pt[j].level < c->level; j++)
			;
		if (j == np)
			continue;
		if (pt[j].level != c->level) {
			walk(ar, k, pt, np, j);	/* the address is silent */
			continue;
		}
		if (pt[j].len != c->len || memcmp(pt[j].s, c->name, c->len))
			continue;
		err_grow(&ar->hit, &ar->hitcap, ar->nhit + 1, sizeof(*ar->hit));
		ar->hit[ar->nhit++] = k;
		walk(ar, k, pt, np, j + 1);
	}
}

/*
 * Each place's active agents (an inactive one takes nothing) in a heap by
 * their load, then their rank among the ids, so that the least loaded who
 * can take a unit is found without looking at every agent of a district.
 * A load only grows, and the heap keeps each agent's load as it was when
 * last looked at: the top is put right when it is out of date, and then
 * no agent below it holds less.
 */
static int
before(const struct roster *ro, const struct place *p, size_t i, size_t j)
{
	if (p->load[i] != p->load[j])
		return p->load[i] < p->load[j];
	return ro->ag[p->heap[i]].rank < ro->ag[p->heap[j]].rank;
}

static void
swap(struct place *p, size_t i, size_t j)
{
	uint32_t t = p->heap[i];
	long l = p->load[i];

	p->heap[i] = p->heap[j];
	p->load[i] = p->load[j];
	p->heap[j] = t;
	p->load[j] = l;
}

static void
sift_down(const struct roster *ro, struct place *p, size_t n, size_t i)
{
	size_t c;

	for (; (c = 2 * i + 1) < n; i = c) {
		if (c + 1 < n && before(ro, p, c + 1, c))
			c++;
		if (!before(ro, p, c, i))
			break;
		swap(p, i, c);
	}
}

static void
sift_up(const struct roster *ro, struct place *p, size_t i)
{
	for (; i > 0 && before(ro, p, i, (i - 1) / 2); i = (i - 1) / 2)
		swap(p, i, (i - 1) / 2);
}

void
areas_heaps(struct areas *ar, const struct roster *ro)
{
	struct place *p;
	size_t i, k, ag;

	for (i = 0; i < ar->n; i++) {
		p = &ar->p[i];
		p->heap = err_calloc(p->to - p->from + 1, sizeof(*p->heap));
		p->load = err_calloc(p->to - p->from + 1, sizeof(*p->load));
		for (k = p->from; k < p->to; k++) {
			ag = ar->sub[k];
			if (!ro->ag[ag].active)
				continue;
			p->heap[p->nheap] = (uint32_t)ag;
			p->load[p->nheap++] = ro->ag[ag].held + ro->ag[ag].now;
		}
		for (k = p->nheap / 2 + 1; k-- > 0;)
			sift_down(ro, p, p->nheap, k);
	}
}

/*
 * The least loaded agent of place p who can take u (then the lower id),
 * or NONE.  Those who cannot are set aside while the heap is walked, and
 * put back after.
 */
static size_t
least(struct assign *a, struct place *p, struct unit *u,
    const struct route *ro, int capped, long room)
{
	const struct roster *rs = &a->roster;
	const struct agent *g;
	size_t n = p->nheap, i, ag, best = NONE;
	long load;

	while (n > 0) {
		ag = p->heap[0];
		g = &rs->ag[ag];
		load = g->held + g->now;
		if (load != p->load[0]) {
			p->load[0] = load;
			sift_down(rs, p, n, 0);
			continue;
		}
		if (capped && load > room)
			break;
		if (ways_can_take(a, ag, u, ro, 0, capped)) {
			best = ag;
			break;
		}
		swap(p, 0, --n);
		sift_down(rs, p, n, 0);
	}
	for (i = n; i < p->nheap; i++)
		sift_up(rs, p, i);
	return best;
}

/*
 * The agent of the places hit[from, to) of level lv who can take u, the
 * least loaded first, then the lower id (in the first place that has
 * them).
 */
static size_t
scan(struct assign *a, struct unit *u, const struct route *ro, int capped,
    size_t from, size_t to, enum addr_level lv, const struct place **where)
{
	struct areas *ar = &a->areas;
	struct place *p;
	const struct agent *g, *b;
	size_t i, ag, best = NONE;
	long room = a->routes.cap - (long)u->weight;

	for (i = from; i < to; i++) {
		p = &ar->p[ar->hit[i]];
		if (p->level != lv ||
		    (ag = least(a, p, u, ro, capped, room)) == NONE)
			continue;
		g = &a->roster.ag[ag];
		if (best != NONE) {
			b = &a->roster.ag[best];
			if (g->held + g->now > b->held + b->now ||
			    (g->held + g->now == b->held + b->now &&
			    g->rank >= b->rank))
				continue;
		}
		best = ag;
		*where = p;
	}
	return best;
}

/* The neighbours of the address's part of level lv, as places. */
static size_t
neighbours(struct assign *a, struct unit *u, const struct route *ro,
    int capped, const struct addr_part *pt, size_t at,
    const struct place **where, int *tried)
{
	struct areas *ar = &a->areas;
	struct addr_part q[ADDR_NLEVEL];
	const struct nb *b;
	char key[256], *of;
	size_t from = ar->nhit, i, best;
	long k;

	if (pt[at].len >= sizeof(key))
		return NONE;
	memcpy(key, pt[at].s, pt[at].len);
	key[pt[at].len] = '\0';
	if ((k = table_find(&ar->nb, key)) < 0)
		return NONE;
	b = table_at(&ar->nb, (size_t)k);
	memcpy(q, pt, at * sizeof(*q));
	for (i = 0; i < b->n; i++) {
		q[at].level = pt[at].level;
		q[at].s = b->name[i];
		q[at].len = strlen(b->name[i]);
		walk(ar, 0, q, at + 1, 0);
	}
	best = scan(a, u, ro, capped, from, ar->nhit, pt[at].level, where);
	*tried |= ar->nhit > from;
	if (best == NONE && ar->nhit > from) {
		of = err_strndup(pt[at].s, pt[at].len);
		routes_note(&a->routes, ro, W_NO_NEIGHBOUR, "area", of, NULL);
		free(of);
	}
	ar->nhit = from;
	return best;
}

/* By distance, when the rows carry coordinates. */
static size_t
nearest_km(struct assign *a, struct unit *u, const struct route *ro,
    int capped, double *km, int *tried)
{
	struct areas *ar = &a->areas;
	const struct agent *g;
	const char *s;
	size_t i, ag, len, best = NONE;
	double lat, lon, d;
	long load, bestload = 0;

	s = units_cell(&a->units, u, Q_LAT, &len);
	if (ar->lat == NULL || value_number(s, len, &lat) < 0)
		return NONE;
	s = units_cell(&a->units, u, Q_LON, &len);
	if (value_number(s, len, &lon) < 0)
		return NONE;
	*km = DBL_MAX;
	for (i = 0; i < ar->nlocated; i++) {
		ag = ar->located[i];
		g = &a->roster.ag[ag];
		load = g->held + g->now;
		d = addr_km(lat, lon, g->lat, g->lon);
		if (best != NONE && (d > *km || (d == *km && (load > bestload ||
		    (load == bestload && g->rank >=
		    a->roster.ag[best].rank)))))
			continue;
		if (ways_can_take(a, ag, u, ro, 0, capped)) {
			best = ag;
			bestload = load;
			*km = d;
		}
	}
	*tried |= ar->nlocated > 0;
	if (best == NONE && ar->nlocated > 0)
		routes_note(&a->routes, ro, W_NO_COORDS, NULL);
	return best;
}

/* The first place of level lv among hit[0, n), or NULL. */
static const struct place *
first_at(const struct areas *ar, size_t n, int lv)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((int)ar->p[ar->hit[i]].level == lv)
			return &ar->p[ar->hit[i]];
	return NULL;
}

/*
 * The address's line of --loads: the narrowest area of the roster it is
 * in, else its own parts down to the district (an area no service agent
 * has), else none ("").
 */
static size_t
area_line(struct areas *ar, const struct addr_part *pt, size_t np)
{
	const struct place *p, *best = NULL;
	size_t i, len = 0;

	for (i = 0; i < ar->nhit; i++) {
		p = &ar->p[ar->hit[i]];
		if (p->line >= 0 && (best == NULL || p->level > best->level))
			best = p;
	}
	if (best != NULL)
		return (size_t)best->line;
	for (i = 0; i < np && pt[i].level <= ADDR_DISTRICT; i++)
		len += pt[i].len;
	err_grow(&ar->key, &ar->keycap, len + 1, 1);
	for (i = len = 0; i < np && pt[i].level <= ADDR_DISTRICT; i++) {
		memcpy(ar->key + len, pt[i].s, pt[i].len);
		len += pt[i].len;
	}
	ar->key[len] = '\0';
	return table_intern(&ar->report, ar->key, NULL);
}

void
areas_locate(struct assign *a, struct unit *u, struct addr_part *pt,
    size_t *np)
{
	struct areas *ar = &a->areas;
	size_t len, end;
	const char *addr = units_cell(&a->units, u, Q_ADDRESS, &len);

	*np = addr_parts(addr, len, pt, &end);
	ar->nhit = 0;
	walk(ar, 0, pt, *np, 0);
	if (u->area == NOID)
		u->area = (uint32_t)area_line(ar, pt, *np);
}

size_t
areas_nearest(struct assign *a, struct unit *u, const struct route *ro,
    int capped, struct near *how)
{
	struct areas *ar = &a->areas;
	struct addr_part pt[ADDR_NLEVEL];
	const struct place *where = NULL, *p;
	size_t np, nmain, ag, at, len;
	const char *addr;
	int lv, tried = 0;

	areas_locate(a, u, pt, &np);
	nmain = ar->nhit;
	for (lv = ADDR_NLEVEL - 1; lv >= 0; lv--) {
		if ((p = first_at(ar, nmain, lv)) != NULL) {
			tried = 1;
			ag = scan(a, u, ro, capped, 0, nmain, (enum addr_level)lv,
			    &where);
			if (ag != NONE) {
				how->how = NEAR_PREFIX;
				how->level = (enum addr_level)lv;
				how->path = where->path;
				return ag;
			}
			routes_note(&a->routes, ro, W_AREA_FULL, "area",
			    p->path, "level", a->routes.word[W_LEVEL + lv],
			    NULL);
		}
		for (at = 0; at < np && (int)pt[at].level != lv; at++)
			;
		if (at == np || ar->nb.keys.n == 0)
			continue;
		ag = neighbours(a, u, ro, capped, pt, at, &where, &tried);
		if (ag != NONE) {
			how->how = NEAR_NEIGHBOUR;
			how->path = where->path;
			how->of = pt[at].s;
			how->oflen = pt[at].len;
			return ag;
		}
	}
	if ((ag = nearest_km(a, u, ro, capped, &how->km, &tried)) != NONE) {
		how->how = NEAR_KM;
		return ag;
	}
	if (tried)
		return NONE;
	addr = units_cell(&a->units, u, Q_ADDRESS, &len);
	if (len == 0)
		routes_note(&a->routes, ro, W_NO_ADDRESS, NULL);
	else
		routes_note(&a->routes, ro, W_NOT_NEAR, "address", addr, NULL);
	return NONE;
}

