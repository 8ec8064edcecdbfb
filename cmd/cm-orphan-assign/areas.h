#ifndef CM_ORPHAN_AREAS_H
#define CM_ORPHAN_AREAS_H

/*
 * cm-orphan-assign's service areas and nearness (areas.c, near.c, 2.3)
 * and each group's room for borrowing (lend.c), part of orphan.h.
 */

#include <stddef.h>

#include "../../common/rules.h"
#include "../../common/table.h"
#include "addr.h"

struct assign;
struct roster;
struct route;
struct unit;

/*
 * The service agents' areas (2.3): address prefixes in a trie of their
 * parts, each node with the agents whose area ends there; the rules'
 * neighbouring areas; the coordinates.
 */
struct place {
	enum addr_level level;
	char *name;			/* the part */
	size_t len;
	char *path;			/* the parts from the top, joined */
	size_t kid, next;		/* the first child, the next sibling */
	size_t *own;			/* the agents whose area ends here */
	size_t nown, owncap;
	size_t from, to;		/* its subtree's agents: sub[from, to) */
	uint32_t *heap;			/* their active ones, least loaded
					   first (near.c), */
	long *load;			/* each with its load when last
					   looked at: never more than now */
	size_t nheap;
	long line;			/* its line of --loads, or -1 */
};

/* What made a service agent the nearest, for the reason. */
struct near {
	int how;			/* NEAR_PREFIX, NEAR_NEIGHBOUR, NEAR_KM */
	enum addr_level level;
	const char *path;		/* the area, or the neighbour */
	const char *of;			/* the customer's part, for a neighbour */
	size_t oflen;
	double km;
};

enum { NEAR_PREFIX, NEAR_NEIGHBOUR, NEAR_KM };

/* A part's neighbours (nearness: neighbours:, read both ways). */
struct nb {
	const char **name;
	size_t n;
};

/* An area's line of --loads. */
struct areaload {
	long placed, waited;
};

struct areas {
	int wanted;			/* a route finds service agents */
	struct place *p;		/* p[0] is the top, no part */
	size_t n, cap;
	size_t *sub;			/* agents, subtree by subtree */
	size_t nsub;
	struct table nb;		/* a part -> its neighbours (struct nb) */
	const char *lat, *lon;		/* the coordinates' columns */
	size_t *located;		/* service agents with coordinates */
	size_t nlocated;
	struct table report;		/* area -> struct areaload */
	size_t *hit;			/* the walk's places, by level */
	size_t nhit, hitcap;
	char *key;			/* an address's area, reused */
	size_t keycap;
};

void areas_load(struct areas *ar, struct rules *r, const struct ynode *m);
/* The service agents' areas and coordinates, once the roster is read. */
void areas_build(struct areas *ar, struct roster *ro);
/*
 * The unit's address in parts (pt, np of them), the places of the areas it
 * is in (areas.hit), and its line of --loads.
 */
void areas_locate(struct assign *a, struct unit *u, struct addr_part *pt,
    size_t *np);
/* Each place's active agents in a heap, once the areas are laid out. */
void areas_heaps(struct areas *ar, const struct roster *ro);
/*
 * The nearest service agent who can take unit u on route ro (with room
 * when capped), or NONE, with how near in *how; notes each nearer area
 * whose agents could not take it.
 */
size_t areas_nearest(struct assign *a, struct unit *u, const struct route *ro,
    int capped, struct near *how);
void areas_free(struct areas *ar);

/* Each group's room for a borrowing route, most room first. */
struct lend {
	long *room;			/* per group */
	size_t *branch;			/* per group: its branch */
	size_t **heap;			/* per branch: its groups, a heap */
	size_t *nheap;
	size_t *pos;			/* per group: where in its heap */
	size_t *rank;			/* per group: by group id */
	struct cols branches;		/* the same: column's values */
	size_t *of;			/* per agent: its branch, or NONE
					   (with same: only) */
	size_t cur;			/* the branch walked */
	size_t *walk;			/* the heap positions to visit */
	size_t nwalk, walkcap;
};

void lend_init(struct lend *l, struct assign *a, const struct route *ro);
/* An agent took w more: the room of their group, for every route. */
void lend_took(struct assign *a, size_t ag, long w);
/* Starts a walk of branch b's groups, then the next with room for w. */
void lend_start(struct lend *l, size_t b);
size_t lend_next(struct lend *l, long w);
/* The branch of agent ag for route ro, or NONE when it has none. */
size_t lend_branch(const struct route *ro, size_t ag);
void lend_free(struct lend *l);

#endif
