/*
 * The service team's areas (seed 004, 2.3: 按照收展人员服务区域与客户住址
 * 相近的原则进行分配): each service agent's area, one or more address
 * prefixes (南京市玄武区;南京市秦淮区夫子庙街道), cut into their parts
 * (addr.h) and kept in a trie of parts, so that a customer's address
 * finds the areas it shares parts with by walking down its own parts
 * (near.c), never by looking at every service agent.  The nodes' agents
 * are laid out subtree by subtree, so that the agents of an area and of
 * everything inside it are one range.  Also the rules' neighbouring areas
 * and the service agents' coordinates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "../../common/value.h"
#include "orphan.h"

/* One part, all of the text: 0, or -1 after a rule error at v. */
static int
one_part(struct rules *r, const struct ynode *v, struct addr_part *p)
{
	struct addr_part part[ADDR_NLEVEL];
	size_t end;

	if (rules_want(r, v, Y_SCALAR, _("an area")) < 0)
		return -1;
	if (addr_parts(v->str, v->len, part, &end) == 1 && end == v->len) {
		*p = part[0];
		return 0;
	}
	rules_error(r, v, "a neighbour is one part of an address (a district, "
	    "a street ...), not '%s'", v->str);
	return -1;
}

static void
add_nb(struct areas *ar, const char *of, const char *name)
{
	struct nb *b = table_at(&ar->nb, table_intern(&ar->nb, of, NULL));
	size_t i;

	for (i = 0; i < b->n; i++)
		if (strcmp(b->name[i], name) == 0)
			return;
	b->name = err_realloc(b->name, (b->n + 1) * sizeof(*b->name));
	b->name[b->n++] = name;
}

static void
load_neighbours(struct areas *ar, struct rules *r, const struct ynode *m)
{
	struct addr_part k, v;
	const struct ynode *list;
	size_t i, j;

	if (rules_want(r, m, Y_MAP, "neighbours") < 0)
		return;
	for (i = 0; i < m->n; i += 2) {
		list = m->kid[i + 1];
		if (one_part(r, m->kid[i], &k) < 0 ||
		    rules_want(r, list, Y_SEQ, _("a list of neighbours")) < 0)
			continue;
		for (j = 0; j < list->n; j++) {
			if (one_part(r, list->kid[j], &v) < 0)
				continue;
			if (v.level != k.level) {
				rules_error(r, list->kid[j], "'%s' is a %s and "
				    "'%s' a %s: neighbours are of one level",
				    list->kid[j]->str,
				    _(addr_level_name(v.level)), m->kid[i]->str,
				    _(addr_level_name(k.level)));
				continue;
			}
			add_nb(ar, m->kid[i]->str, list->kid[j]->str);
			add_nb(ar, list->kid[j]->str, m->kid[i]->str);
		}
	}
}

void
areas_load(struct areas *ar, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = { "neighbours", "coordinates", NULL };
	static const char *const ckeys[] = { "latitude", "longitude", NULL };
	const struct ynode *x;

	if (rules_want(r, m, Y_MAP, "nearness") < 0 ||
	    rules_keys(r, m, keys, NULL) < 0)
		return;
	if ((x = rules_get(m, "neighbours")) != NULL)
		load_neighbours(ar, r, x);
	if ((x = rules_get(m, "coordinates")) != NULL &&
	    rules_want(r, x, Y_MAP, "coordinates") == 0 &&
	    rules_keys(r, x, ckeys, ckeys) == 0) {
		ar->lat = rules_scalar(r, x, "latitude", NULL);
		ar->lon = rules_scalar(r, x, "longitude", NULL);
	}
}

/* The child of node for part, added when new and add. */
static size_t
child(struct areas *ar, size_t node, const struct addr_part *part, int add)
{
	struct place *p;
	size_t c, plen;

	for (c = ar->p[node].kid; c != NONE; c = ar->p[c].next)
		if (ar->p[c].level == part->level && ar->p[c].len == part->len &&
		    memcmp(ar->p[c].name, part->s, part->len) == 0)
			return c;
	if (!add)
		return NONE;
	err_grow(&ar->p, &ar->cap, ar->n + 1, sizeof(*ar->p));
	p = &ar->p[ar->n];
	memset(p, 0, sizeof(*p));
	p->level = part->level;
	p->name = err_strndup(part->s, part->len);
	p->len = part->len;
	plen = node == 0 ? 0 : strlen(ar->p[node].path);
	p->path = err_malloc(plen + part->len + 1);
	memcpy(p->path, node == 0 ? "" : ar->p[node].path, plen);
	memcpy(p->path + plen, part->s, part->len);
	p->path[plen + part->len] = '\0';
	p->kid = NONE;
	p->next = ar->p[node].kid;
	p->line = -1;
	ar->p[node].kid = ar->n;
	return ar->n++;
}

/* Agent ag's area prefix s[0..len): into the trie, or the run stops. */
static void
add_prefix(struct areas *ar, struct roster *ro, size_t ag, const char *s,
    size_t len)
{
	struct addr_part part[ADDR_NLEVEL];
	struct place *p;
	size_t n, i, node = 0, end;

	if (len == 0)
		roster_fail(ro, ag, "an empty prefix in the area of %s",
		    roster_id(ro, ag));
	if (s[0] == ' ' || s[len - 1] == ' ')
		roster_fail(ro, ag, "the area prefix '%.*s' of %s starts or "
		    "ends with a space", (int)len, s, roster_id(ro, ag));
	n = addr_parts(s, len, part, &end);
	if (n == 0 || end != len)
		roster_fail(ro, ag, "the area prefix '%.*s' of %s is not a "
		    "prefix of an address (省, 市, 区/县, 街道/镇, 路, 号, 小区): "
		    "'%.*s' is none", (int)len, s, roster_id(ro, ag),
		    (int)(len - end), s + end);
	for (i = 0; i < n; i++)
		node = child(ar, node, &part[i], 1);
	p = &ar->p[node];
	if (p->nown > 0 && p->own[p->nown - 1] == ag)
		return;
	err_grow(&p->own, &p->owncap, p->nown + 1, sizeof(*p->own));
	p->own[p->nown++] = ag;
	if (p->line < 0)
		p->line = (long)table_intern(&ar->report, p->path, NULL);
}

/* A coordinate of agent ag, in [-max, max], or the run stops. */
static double
degrees(struct roster *ro, size_t ag, long col, double max)
{
	size_t len;
	const char *s = roster_cell(ro, ag, (size_t)col, &len);
	double v;

	if (value_number(s, len, &v) < 0 || v < -max || v > max)
		roster_fail(ro, ag, "column '%s': '%s' is not a coordinate "
		    "(from %g to %g)", roster_colname(ro, (size_t)col), s,
		    -max, max);
	return v;
}

/* The subtrees' agents, one range each. */
static void
lay_out(struct areas *ar, size_t node)
{
	struct place *p = &ar->p[node];
	size_t c;

	p->from = ar->nsub;
	if (p->nown > 0)
		memcpy(ar->sub + ar->nsub, p->own, p->nown * sizeof(*p->own));
	ar->nsub += p->nown;
	for (c = p->kid; c != NONE; c = ar->p[c].next)
		lay_out(ar, c);
	ar->p[node].to = ar->nsub;
}

void
areas_build(struct areas *ar, struct roster *ro)
{
	struct agent *g;
	const char *s, *semi;
	size_t ag, len = 0, total = 0, i;

	table_init(&ar->report, sizeof(struct areaload));
	ar->p = err_calloc(1, sizeof(*ar->p));
	ar->cap = ar->n = 1;
	ar->p[0].kid = ar->p[0].next = NONE;
	ar->p[0].path = err_strdup("");
	ar->p[0].line = -1;
	ar->located = err_calloc(ro->n + 1, sizeof(*ar->located));
	for (ag = 0; ag < ro->n; ag++) {
		g = &ro->ag[ag];
		if (!g->service)
			continue;
		s = ro->area < 0 ? "" : roster_cell(ro, ag, (size_t)ro->area,
		    &len);
		/* An empty cell is no area; an empty prefix in one is wrong. */
		while (*s != '\0') {
			semi = strchr(s, ';');
			i = semi != NULL ? (size_t)(semi - s) : strlen(s);
			add_prefix(ar, ro, ag, s, i);
			total++;
			if (semi == NULL)
				break;
			s = semi + 1;
			if (*s == '\0')
				add_prefix(ar, ro, ag, s, 0);
		}
		if (ro->lat < 0 || (*roster_cell(ro, ag, (size_t)ro->lat,
		    &len) == '\0' && *roster_cell(ro, ag, (size_t)ro->lon,
		    &len) == '\0'))
			continue;
		g->lat = degrees(ro, ag, ro->lat, 90);
		g->lon = degrees(ro, ag, ro->lon, 180);
		g->located = 1;
		ar->located[ar->nlocated++] = ag;
	}
	ar->sub = err_calloc(total + 1, sizeof(*ar->sub));
	lay_out(ar, 0);
	areas_heaps(ar, ro);
	ar->hit = NULL;
}

void
areas_free(struct areas *ar)
{
	struct nb *b;
	size_t i;

	for (i = 0; i < ar->n; i++) {
		free(ar->p[i].name);
		free(ar->p[i].path);
		free(ar->p[i].own);
		free(ar->p[i].heap);
		free(ar->p[i].load);
	}
	for (i = 0; i < ar->nb.keys.n; i++) {
		b = table_at(&ar->nb, i);
		free(b->name);
	}
	free(ar->p);
	free(ar->sub);
	free(ar->located);
	free(ar->hit);
	free(ar->key);
	table_free(&ar->nb);
	table_free(&ar->report);
}
