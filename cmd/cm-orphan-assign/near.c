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
 * The agent of the places hit[from, to) of level lv who can take u, the
 * least loaded first, then the lower id; each place's floor kept.
 */
static size_t
scan(struct assign *a, struct unit *u, const struct route *ro, int capped,
    size_t from, size_t to, enum addr_level lv, const struct place **where)
{
	struct areas *ar = &a->areas;
	struct place *p;
	const struct agent *g;
	size_t i, k, ag, best = NONE;
	long load, bestload = 0, least, room = a->routes.cap - u->weight;

	for (i = from; i < to; i++) {
		p = &ar->p[ar->hit[i]];
		if (p->level != lv || (capped && p->floor > room))
			continue;
		least = LONG_MAX;
		for (k = p->from; k < p->to; k++) {
			ag = ar->sub[k];
			g = &a->roster.ag[ag];
			load = g->held + g->now;
			if (g->active && load < least)
				least = load;
			if ((capped && load > room) || (best != NONE &&
			    (load > bestload || (load == bestload &&
			    g->rank >= a->roster.ag[best].rank))))
				continue;
			if (ways_can_take(a, ag, u, ro, 0, capped)) {
				best = ag;
				bestload = load;
				*where = p;
			}
		}
		p->floor = least;
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

