/*
 * cm-funnel: narrow each agent's name book, stage by stage, to this week's
 * golden 10.
 *
 * With keep: last and a limit, rows are held only while they can still
 * pass: up to the first limited stage rows stream through, and at that
 * stage each group keeps a heap of its best `limit` rows, evicting the
 * worst; the later stages run on what is left at the end of the input.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cond.h"
#include "../common/csvout.h"
#include "../common/err.h"
#include "../common/hold.h"
#include "../common/order.h"
#include "../common/pool.h"
#include "../common/rules.h"
#include "../common/table.h"
#include "../common/tool.h"

struct stage {
	char *name;
	struct cond *when;		/* NULL: every row may enter */
	struct order *order;		/* the stage's own, or NULL */
	const struct order *eff;	/* the order in force: own or inherited */
	long limit;			/* -1 without one */
	unsigned long filtered;		/* rows that stopped here */
};

/*
 * A held row: one piece of the pool (pool.h) with its sort values and its
 * text (a bare row, hold.h: cm-funnel reads its rows whole), reused for
 * another row that fits when it is evicted.  Rows are held by the million:
 * a row is 40 bytes, its values (order.h) and its text.
 */
struct row {
	struct hold h;
	unsigned long seq;		/* the input's row number; the rank,
					   once its group is finished */
	uint32_t cap;			/* the bytes after the values */
	uint32_t passed : 31;		/* stages passed */
	uint32_t rejected : 1;
	double vals[];			/* the values of the order in force */
};

_Static_assert(sizeof(struct row) == 40, "a held row's place is 40 bytes");

/*
 * A group: its rows, and three counts a stage, in the table's value after
 * it (one piece of memory, which the row that arrives reads at once).
 */
struct group {
	struct row **rows;
	size_t n, cap;
	unsigned long count[];
};

/* At stage j: rows its when admitted, those within its limit, and those
   its when did not admit. */
#define ENTERED(g, j)	((g)->count[3 * (j)])
#define PASSED(g, j)	((g)->count[3 * (j) + 1])
#define REFUSED(g, j)	((g)->count[3 * (j) + 2])

/* The rows between two steps of fetch_ahead(), and the keys it keeps. */
#define AHEAD	4
#define KEYS	32		/* a power of 2 over 4 * AHEAD */

struct funnel {
	const char *group_by;		/* NULL: one funnel over all rows */
	size_t gcol;
	const char *stage_column, *rank_column;
	size_t stagecol, rankcol;
	int keep_all;
	struct stage *st;
	size_t nst;
	size_t first;			/* the first limited stage, or nst */
	size_t vsize;			/* the largest values of any order */
	struct table groups;		/* group value -> struct group, by
					   first appearance */
	struct pool pool;		/* the rows' memory */
	struct row *probe;		/* an arriving row, to compare */
	size_t probe_need;		/* the bytes of its text */
	struct row **all;		/* keep: all: every row not yet
					   written, input order */
	size_t nall, allcap;
	int grouped;			/* the input is (io_grouped()) */
	int ahead;			/* fetch_ahead() */
	struct key_ahead {
		const char *key;	/* as io_peek() gave it */
		uint64_t hash;
	} keys[KEYS];			/* key_hash() */
	size_t done;			/* the groups written */
	unsigned long seq;
	struct rec tmp;			/* a held row's fields, reused */
	const char *report_path;	/* --report */
	struct csvout *report;
};

static const struct tool_option options[] = {
	{ "report", TOOL_OUTPUT, 0 },
	{ NULL, TOOL_FLAG, 0 }
};

static int
option(void *self, int code, const char *arg)
{
	struct funnel *fu = self;

	(void)code;
	if (*arg == '\0') {
		err_warn("--report: the file name is empty");
		return -1;
	}
	fu->report_path = arg;
	return 0;
}

static void
load_stage(struct rules *r, const struct ynode *v, struct stage *s, size_t pos)
{
	static const char *const keys[] = { "name", "when", "order", "limit", NULL };
	const struct ynode *x;
	long n;

	s->limit = -1;
	s->name = rules_name(r, NULL, pos);
	if (rules_want(r, v, Y_MAP, _("a stage")) < 0 ||
	    rules_keys(r, v, keys, NULL) < 0)
		return;
	free(s->name);
	s->name = rules_name(r, v, pos);
	if ((x = rules_get(v, "when")) != NULL)
		s->when = cond_compile(r, x);
	if ((x = rules_get(v, "order")) != NULL)
		s->order = order_compile(r, x);
	if ((x = rules_get(v, "limit")) != NULL &&
	    rules_count(r, x, "limit", 0, LONG_MAX - 1, &n) == 0)
		s->limit = n;
}

static void
load(void *self, struct io *io)
{
	struct funnel *fu = self;
	struct rules *r = io->r;
	static const char *const keys[] = {
		"group_by", "stage_column", "rank_column", "keep", "stages", NULL
	};
	static const char *const need[] = { "stage_column", "stages", NULL };
	static const struct rules_word keeps[] = {
		{ "last", 0, 0 }, { "all", 1, 0 }, { NULL, 0, 0 }
	};
	const struct ynode *list, *keep;
	const struct order *eff = NULL;
	size_t i;

	if (r->root == NULL || rules_keys(r, r->root, keys, need) < 0)
		return;
	fu->group_by = rules_scalar(r, r->root, "group_by", NULL);
	fu->stage_column = rules_scalar(r, r->root, "stage_column", NULL);
	fu->rank_column = rules_scalar(r, r->root, "rank_column", NULL);
	if ((keep = rules_get(r->root, "keep")) != NULL)
		fu->keep_all = rules_enum(r, keep, "keep", keeps, NULL) == 1;
	list = rules_get(r->root, "stages");
	if (rules_want(r, list, Y_SEQ, "stages") < 0)
		return;
	if (list->n == 0) {
		rules_error(r, list, "a funnel needs at least one stage");
		return;
	}
	fu->st = err_calloc(list->n, sizeof(*fu->st));
	fu->nst = list->n;
	fu->first = list->n;
	for (i = 0; i < list->n; i++) {
		load_stage(r, list->kid[i], &fu->st[i], i);
		if (fu->st[i].order != NULL) {
			eff = fu->st[i].order;
			if (order_size(eff) > fu->vsize)
				fu->vsize = order_size(eff);
		}
		fu->st[i].eff = eff;
		if (fu->st[i].limit >= 0 && fu->first == list->n && !fu->keep_all)
			fu->first = i;
	}
}

static void
bind(void *self, struct io *io)
{
	struct funnel *fu = self;
	struct rules *r = io->r;
	struct schema *sc = &io->schema;
	size_t i;
	long g;

	schema_input(sc, io_header(io));
	if (fu->group_by != NULL) {
		g = rules_find(r, rules_get(r->root, "group_by"), io_header(io),
		    fu->group_by, io_name(io));
		fu->gcol = g < 0 ? 0 : (size_t)g;
	}
	for (i = 0; i < fu->nst; i++) {
		if (fu->st[i].when != NULL)
			cond_bind(fu->st[i].when, r, &sc->cols, io_name(io));
		if (fu->st[i].order != NULL)
			order_bind(fu->st[i].order, r, &sc->cols, io_name(io));
	}
	fu->stagecol = schema_col(sc, r, fu->stage_column);
	if (fu->rank_column != NULL)
		fu->rankcol = schema_col(sc, r, fu->rank_column);
	table_init(&fu->groups, sizeof(struct group) +
	    3 * fu->nst * sizeof(unsigned long));
}

static void
open_outputs(void *self, struct io *io)
{
	struct funnel *fu = self;

	if (fu->report_path != NULL)
		fu->report = io_output(io, fu->report_path);
	fu->grouped = fu->group_by != NULL && io_grouped(io, fu->gcol);
	fu->ahead = fu->group_by != NULL && !fu->grouped && !fu->keep_all;
}

/* The group of key; valid until the next group is added. */
static struct group *
group_of(struct funnel *fu, const char *key)
{
	return table_at(&fu->groups, table_intern(&fu->groups, key, NULL));
}

/* The fields of a held row, in fu->tmp. */
static struct rec *
fields(struct funnel *fu, const struct row *w)
{
	hold_rec(&w->h, &fu->tmp);
	return &fu->tmp;
}

static void
set_values(struct funnel *fu, struct row *w, const struct order *o)
{
	struct rec *t;

	if (o == NULL)
		return;
	t = fields(fu, w);
	order_values(o, t->f, t->len, w->h.buf, w->vals);
}

/* The bytes before a row's text: its place and its values. */
static size_t
head_of(const struct funnel *fu)
{
	return sizeof(struct row) + fu->vsize;
}

/* A row with room for need bytes of text, or more. */
static struct row *
new_row(struct funnel *fu, size_t need)
{
	size_t size;
	struct row *w = pool_get(&fu->pool, head_of(fu) + need, &size);

	w->cap = (uint32_t)(size - head_of(fu));
	return w;
}

/* Gives a row's memory back to the pool, for another row. */
static void
drop_row(struct funnel *fu, struct row *w)
{
	pool_put(&fu->pool, w, head_of(fu) + w->cap);
}

/* Copies rec into w, of room enough for its need bytes, with its values. */
static void
fill(struct funnel *fu, struct row *w, const struct rec *rec, size_t need,
    const struct order *o)
{
	hold_put(&w->h, (char *)w + head_of(fu), rec, need, o != NULL ?
	    &fu->tmp : NULL);
	w->seq = fu->seq;
	w->passed = 0;
	w->rejected = 0;
	if (o != NULL)
		order_values(o, fu->tmp.f, fu->tmp.len, w->h.buf, w->vals);
}

/* Copies a row in, with its values of o. */
static struct row *
hold(struct funnel *fu, const struct rec *rec, const struct order *o)
{
	size_t need = hold_size(rec, 1);
	struct row *w = new_row(fu, need);

	fill(fu, w, rec, need, o);
	return w;
}

/*
 * A row arriving at a full heap, copied into the probe (the values' text
 * is where the row is held) to be compared with the worst row held.
 */
static struct row *
probe(struct funnel *fu, const struct rec *rec, const struct order *o)
{
	fu->probe_need = hold_size(rec, 1);
	if (fu->probe == NULL || fu->probe->cap < fu->probe_need) {
		if (fu->probe != NULL)
			drop_row(fu, fu->probe);
		fu->probe = new_row(fu, fu->probe_need);
	}
	fill(fu, fu->probe, rec, fu->probe_need, o);
	return fu->probe;
}

/*
 * The probe's row in the place of w, evicted: copied into w when w's
 * piece is of the probe row's size class (its values' text is at the
 * same offsets), else into a piece of that class, w's going back to the
 * pool.  A row is held in a piece of its own size, not the largest of
 * the rows its place has held; the probe keeps its piece.
 */
static struct row *
take(struct funnel *fu, struct row *w)
{
	struct row *p = fu->probe;

	if (w->cap < fu->probe_need || w->cap >= fu->probe_need + POOL_CLASS) {
		drop_row(fu, w);
		w = new_row(fu, fu->probe_need);
	}
	memcpy(w->vals, p->vals, fu->vsize);
	memcpy((char *)w + head_of(fu), p->h.buf, fu->probe_need);
	w->h = p->h;
	w->h.buf = (char *)w + head_of(fu);
	w->seq = p->seq;
	w->passed = p->passed;
	w->rejected = p->rejected;
	return w;
}

static size_t
row_size(const void *piece, void *arg)
{
	return head_of(arg) + ((const struct row *)piece)->cap;
}

/*
 * Packs the held rows and the probe into memory of their own, giving back
 * the pieces left by rows of sizes no longer held (pool_idle()).
 */
static void
pack(struct funnel *fu)
{
	struct group *g;
	void ***slot;
	size_t i, j, n = fu->probe != NULL;

	for (i = fu->done; i < fu->groups.keys.n; i++)
		n += ((struct group *)table_at(&fu->groups, i))->n;
	slot = err_malloc((n ? n : 1) * sizeof(*slot));
	n = 0;
	if (fu->probe != NULL)
		slot[n++] = (void **)&fu->probe;
	for (i = fu->done; i < fu->groups.keys.n; i++) {
		g = table_at(&fu->groups, i);
		for (j = 0; j < g->n; j++)
			slot[n++] = (void **)&g->rows[j];
	}
	pool_pack(&fu->pool, slot, n, row_size, fu);
	for (i = 0; i < n; i++) {
		struct row *w = *slot[i];

		w->h.buf = (char *)w + head_of(fu);
	}
	free(slot);
}

static void
push(struct group *g, struct row *w)
{
	err_grow(&g->rows, &g->cap, g->n + 1, sizeof(*g->rows));
	g->rows[g->n++] = w;
}

/* a is worse than b at the stage: after it in the order, or later in input. */
static int
worse(const struct order *o, const struct row *a, const struct row *b)
{
	int c = o != NULL ? order_cmp(o, a->vals, a->h.buf, b->vals,
	    b->h.buf) : 0;

	return c != 0 ? c > 0 : a->seq > b->seq;
}

/* The group's rows as a heap with the worst row on top. */
static void
sift_down(const struct order *o, struct row **h, size_t n, size_t i)
{
	size_t l, big;
	struct row *t;

	for (;;) {
		l = 2 * i + 1;
		if (l >= n)
			return;
		big = l;
		if (l + 1 < n && worse(o, h[l + 1], h[l]))
			big = l + 1;
		if (!worse(o, h[big], h[i]))
			return;
		t = h[i];
		h[i] = h[big];
		h[big] = t;
		i = big;
	}
}

static void
sift_up(const struct order *o, struct row **h, size_t i)
{
	struct row *t;

	while (i > 0 && worse(o, h[i], h[(i - 1) / 2])) {
		t = h[i];
		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

/* Sorts the heap h of n rows, the best first (a heap sort). */
static void
heap_sort(const struct order *o, struct row **h, size_t n)
{
	struct row *t;

	while (n > 1) {
		t = h[0];
		h[0] = h[--n];
		h[n] = t;
		sift_down(o, h, n, 0);
	}
}

/* 1 when the row may enter stage s, 0 when not, -1 after rejecting it. */
static int
admits(struct io *io, const struct stage *s, const struct rec *rec)
{
	return io_holds(io, s->when, rec, rec->f, rec->len);
}

/*
 * keep: last, as a row arrives: the stages before the first limited one,
 * then that stage's heap of the group's best rows.
 */
static void
stream(struct io *io, struct funnel *fu, struct group *g, const struct rec *rec)
{
	struct stage *s;
	size_t i;
	int v;

	for (i = 0; i < fu->first && i < fu->nst; i++) {
		if ((v = admits(io, &fu->st[i], rec)) < 0)
			return;
		if (v == 0) {
			fu->st[i].filtered++;
			REFUSED(g, i)++;
			return;
		}
		ENTERED(g, i)++;
		PASSED(g, i)++;
	}
	if (fu->first == fu->nst) {
		push(g, hold(fu, rec, NULL));
		return;
	}
	s = &fu->st[fu->first];
	if ((v = admits(io, s, rec)) < 0)
		return;
	if (v == 0) {
		s->filtered++;
		REFUSED(g, fu->first)++;
		return;
	}
	ENTERED(g, fu->first)++;
	if (g->n < (size_t)s->limit) {
		push(g, hold(fu, rec, s->eff));
		sift_up(s->eff, g->rows, g->n - 1);
		return;
	}
	s->filtered++;
	if (g->n == 0)
		return;
	if (worse(s->eff, probe(fu, rec, s->eff), g->rows[0]))
		return;
	g->rows[0] = take(fu, g->rows[0]);
	sift_down(s->eff, g->rows, g->n, 0);
}

static void write_groups(struct io *io, struct funnel *fu, size_t upto);

/*
 * The hash of the group key of the row k rows ahead, hashed once, when
 * it is 4 * AHEAD rows ahead, and kept in fu->keys by the record's place
 * in the input (io->read counts every record taken, rejected or not,
 * and the key's place in the reader tells it is the same record); 0 when
 * the reader does not have that row yet.
 */
static uint64_t
key_hash(const struct io *io, struct funnel *fu, size_t k)
{
	const char *key = io_peek(io, k, fu->gcol);
	struct key_ahead *a = &fu->keys[(io->read + k) & (KEYS - 1)];

	if (key == NULL) {
		a->key = NULL;
		return 0;
	}
	if (a->key != key) {
		a->key = key;
		a->hash = cols_hash(key);
	}
	return a->hash;
}

/* The group of the row k rows ahead, as far as its key's slot says. */
static const struct group *
guess(const struct io *io, struct funnel *fu, size_t k, long *i)
{
	uint64_t h = key_hash(io, fu, k);

	*i = h != 0 ? cols_guess(&fu->groups.keys, h) : -1;
	return *i >= 0 ? table_at(&fu->groups, (size_t)*i) : NULL;
}

/* Asks for the place and values of a held row, which a compare reads. */
static void
fetch_row(const struct funnel *fu, const struct row *w)
{
	__builtin_prefetch(w);
	__builtin_prefetch((const char *)w + head_of(fu) - 1);
}

/*
 * Asks for the memory that the rows ahead will read, each a step at a time
 * on the way, so that their misses come together and not one after
 * another (when the rows do not come grouped, a row's group and its held
 * rows are anywhere in the memory): four steps ahead, the slot of the
 * row's key; three, the group's place in the table and its name's; two,
 * the name and the group's list of rows; one, the rows the row will be
 * compared with (the worst held, its children, and the parent of the
 * place it would take).  Hints only: a guess that is wrong costs a fetch.
 */
static void
fetch_ahead(const struct io *io, struct funnel *fu)
{
	const struct cols *keys = &fu->groups.keys;
	const struct group *g;
	uint64_t h;
	long i;

	if ((h = key_hash(io, fu, 4 * AHEAD)) != 0)
		cols_fetch(keys, h);
	if ((g = guess(io, fu, 3 * AHEAD, &i)) != NULL) {
		__builtin_prefetch(&keys->names[i]);
		__builtin_prefetch(g);
	}
	if ((g = guess(io, fu, 2 * AHEAD, &i)) != NULL) {
		__builtin_prefetch(keys->names[i]);
		if (g->n > 0) {
			__builtin_prefetch(g->rows);
			__builtin_prefetch(&g->rows[(g->n - 1) / 2]);
		}
	}
	if ((g = guess(io, fu, AHEAD, &i)) != NULL && g->n > 0) {
		fetch_row(fu, g->rows[0]);
		if (g->n > 1)
			fetch_row(fu, g->rows[1]);
		if (g->n > 2)
			fetch_row(fu, g->rows[2]);
		fetch_row(fu, g->rows[(g->n - 1) / 2]);
	}
}

static void
arrive(void *self, struct io *io, const struct rec *rec)
{
	struct funnel *fu = self;
	const char *key = fu->group_by != NULL ? rec->f[fu->gcol] : "";
	struct group *g;
	char msg[256];

	fu->seq++;
	if (fu->ahead)
		fetch_ahead(io, fu);
	if (!fu->keep_all && pool_idle(&fu->pool))
		pack(fu);
	if (fu->group_by != NULL && rec->len[fu->gcol] == 0) {
		snprintf(msg, sizeof(msg), _("the group column '%s' is empty"),
		    io_header(io)->names[fu->gcol]);
		io_reject(io, rec, msg);
		return;
	}
	if (fu->grouped && fu->groups.keys.n > fu->done &&
	    strcmp(fu->groups.keys.names[fu->groups.keys.n - 1], key) != 0)
		write_groups(io, fu, fu->groups.keys.n);
	g = group_of(fu, key);
	if (!fu->keep_all) {
		stream(io, fu, g, rec);
		return;
	}
	push(g, hold(fu, rec, NULL));
	err_grow(&fu->all, &fu->allcap, fu->nall + 1, sizeof(*fu->all));
	fu->all[fu->nall++] = g->rows[g->n - 1];
}

/* A row out of the funnel: with keep: all it stays in fu->all, to be written. */
static void
drop(struct funnel *fu, struct row *w)
{
	if (!fu->keep_all)
		drop_row(fu, w);
}

static const void *
row_vals(const void *item, const char **base)
{
	const struct row *w = item;

	*base = w->h.buf;
	return w->vals;
}

static int
by_seq(const void *a, const void *b)
{
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;

	return (x->seq > y->seq) - (x->seq < y->seq);
}

/*
 * Sorts rows by o, ties in input order; their values are those of have
 * (or of no order), computed again when o is another.
 */
static void
sort_rows(struct funnel *fu, struct row **rows, size_t n,
    const struct order *o, const struct order *have)
{
	size_t i;

	if (o != NULL && o != have)
		for (i = 0; i < n; i++)
			set_values(fu, rows[i], o);
	if (n < 2)
		return;
	qsort(rows, n, sizeof(*rows), by_seq);
	if (o != NULL)
		order_sort(o, (void **)rows, n, row_vals);
}

/*
 * Runs a group's held rows through stages from on; at the first limited
 * stage of keep: last they have already been admitted.  Leaves in g->rows
 * the rows that pass every stage, in the order in force.
 */
static void
finish_group(struct io *io, struct funnel *fu, struct group *g, size_t from)
{
	struct stage *s;
	size_t i, j, k, n = g->n;
	/* The order of the held rows' values: the first limit's (stream()). */
	const struct order *have = from < fu->nst && !fu->keep_all ?
	    fu->st[fu->first].eff : NULL;
	int v, sorted = 0;		/* the rows are in have's order, ties
					   in input order */

	if (from == fu->nst) {
		/* Every stage streamed: only the final order is left to do. */
		sort_rows(fu, g->rows, n, fu->st[fu->nst - 1].eff, NULL);
		for (j = 0; j < n; j++)
			g->rows[j]->passed = (uint32_t)fu->nst;
	}
	for (i = 0; i < from && from < fu->nst; i++)
		for (j = 0; j < n; j++)
			g->rows[j]->passed = (uint32_t)(i + 1);
	for (i = from; i < fu->nst; i++) {
		s = &fu->st[i];
		if (!(i == fu->first && !fu->keep_all)) {
			for (j = k = 0; j < n; j++) {
				v = io_holds_held(io, s->when,
				    &g->rows[j]->h, &fu->tmp);
				if (v > 0) {
					g->rows[k++] = g->rows[j];
					continue;
				}
				if (v < 0) {
					g->rows[j]->rejected = 1;
				} else {
					s->filtered++;
					REFUSED(g, i)++;
				}
				drop(fu, g->rows[j]);
			}
			n = k;
			ENTERED(g, i) += n;
		}
		if (i == fu->first && !fu->keep_all)
			heap_sort(s->eff, g->rows, n);
		else if (!sorted || s->eff != have)
			sort_rows(fu, g->rows, n, s->eff, have);
		/* A stage's when keeps the order of the rows it admits. */
		sorted = 1;
		have = s->eff;
		if (s->limit >= 0 && n > (size_t)s->limit) {
			s->filtered += n - (size_t)s->limit;
			for (j = (size_t)s->limit; j < n; j++)
				drop(fu, g->rows[j]);
			n = (size_t)s->limit;
		}
		PASSED(g, i) += n;
		for (j = 0; j < n; j++)
			g->rows[j]->passed = (uint32_t)(i + 1);
	}
	/* The input order is no longer needed: the rows that passed rank. */
	for (j = 0; j < n; j++)
		g->rows[j]->seq = j + 1;
	g->n = n;
}

static void
write_row(struct io *io, struct funnel *fu, const struct row *w)
{
	struct schema *s = &io->schema;
	char rank[32];

	schema_hold(s, &w->h);
	schema_put(s, fu->stagecol, w->passed > 0 ?
	    fu->st[w->passed - 1].name : "");
	if (fu->rank_column != NULL) {
		rank[0] = '\0';
		if (w->passed == fu->nst)
			snprintf(rank, sizeof(rank), "%lu", w->seq);
		schema_put(s, fu->rankcol, rank);
	}
	io_write(io);
}

/*
 * Asks for the memory of group i's held rows, before finish_group() and
 * write_row() read them: held rows lie where they arrived, all over the
 * memory, and their misses then come together, not one after another.
 */
static void
prefetch_group(struct funnel *fu, size_t i)
{
	const struct group *g;
	size_t j, k;

	if (i >= fu->groups.keys.n)
		return;
	g = table_at(&fu->groups, i);
	for (j = 0; j < g->n; j++)
		__builtin_prefetch(g->rows[j]);
	/* The rest of each, once its size can be read. */
	for (j = 0; j < g->n; j++)
		for (k = 64; k < head_of(fu) + g->rows[j]->cap; k += 64)
			__builtin_prefetch((char *)g->rows[j] + k);
}

/*
 * Finishes and writes the groups before upto.  In a grouped input, that is
 * the last group, when the next one begins: its rows go to be reused.
 */
static void
write_groups(struct io *io, struct funnel *fu, size_t upto)
{
	struct group *g;
	size_t i, j, from = fu->keep_all ? 0 : fu->first;

	for (; fu->done < upto; fu->done++) {
		prefetch_group(fu, fu->done + 1);
		g = table_at(&fu->groups, fu->done);
		finish_group(io, fu, g, from);
		/* A group's rows go back as they are written, while they
		   are at hand (with keep: all they are in fu->all). */
		for (j = 0; !fu->keep_all && j < g->n; j++) {
			write_row(io, fu, g->rows[j]);
			drop_row(fu, g->rows[j]);
		}
		free(g->rows);
		g->rows = NULL;
		g->n = g->cap = 0;
	}
	for (i = 0; i < fu->nall; i++) {
		if (!fu->all[i]->rejected)
			write_row(io, fu, fu->all[i]);
		if (fu->grouped)
			drop_row(fu, fu->all[i]);
	}
	if (fu->grouped)
		fu->nall = 0;
}

/* The report's row of a group and stage; empty counts for the header. */
static void
report_row(struct csvout *w, const char *group, const char *stage,
    const unsigned long *n)
{
	static const char *const head[] = {
		"entered", "passed", "refused", "cut"
	};
	char num[4][32], *f[6];
	size_t k;

	f[0] = (char *)group;
	f[1] = (char *)stage;
	for (k = 0; k < 4; k++) {
		if (n != NULL)
			snprintf(num[k], sizeof(num[k]), "%lu", n[k]);
		f[k + 2] = n != NULL ? num[k] : (char *)head[k];
	}
	csvout_row(w, f, NULL, 6);
}

/* A group's counts at stage j: entered, passed, refused, cut. */
static void
counts(const struct group *g, size_t j, unsigned long n[4])
{
	n[0] = ENTERED(g, j);
	n[1] = PASSED(g, j);
	n[2] = REFUSED(g, j);
	n[3] = ENTERED(g, j) - PASSED(g, j);
}

/*
 * --report: for each group and stage (then for all groups), the rows the
 * stage's when admitted (entered) and refused, and of those entered, the
 * rows within its limit (passed) and beyond it (cut): why a row was
 * passed over.
 */
static void
report(struct io *io, struct funnel *fu)
{
	struct csvout *w = fu->report;
	unsigned long n[4], all[4];
	size_t i, j, k;
	char name[256];

	for (i = 0; i < fu->nst; i++) {
		snprintf(name, sizeof(name), "filtered out at %s", fu->st[i].name);
		io_stat(io, name, fu->st[i].filtered);
	}
	io_stat(io, "groups", fu->groups.keys.n);
	if (w == NULL)
		return;
	report_row(w, fu->group_by != NULL ? io->schema.cols.names[fu->gcol] :
	    "group", "stage", NULL);
	for (i = 0; fu->group_by != NULL && i < fu->groups.keys.n; i++) {
		for (j = 0; j < fu->nst; j++) {
			counts(table_at(&fu->groups, i), j, n);
			report_row(w, fu->groups.keys.names[i], fu->st[j].name, n);
		}
	}
	for (j = 0; j < fu->nst; j++) {
		memset(all, 0, sizeof(all));
		for (i = 0; i < fu->groups.keys.n; i++) {
			counts(table_at(&fu->groups, i), j, n);
			for (k = 0; k < 4; k++)
				all[k] += n[k];
		}
		report_row(w, "(all)", fu->st[j].name, all);
	}
}

static void
end(void *self, struct io *io)
{
	struct funnel *fu = self;

	write_groups(io, fu, fu->groups.keys.n);
	report(io, fu);
}

static void
funnel_free(void *self)
{
	struct funnel *fu = self;
	struct group *g;
	size_t i, j;

	for (i = 0; i < fu->nst; i++) {
		free(fu->st[i].name);
		cond_free(fu->st[i].when);
		order_free(fu->st[i].order);
	}
	/* With keep: all, every row is in fu->all; else in its group.  A
	   row's memory is the pool's, but for a large row's own. */
	for (i = 0; i < fu->nall; i++)
		drop_row(fu, fu->all[i]);
	for (i = 0; i < fu->groups.keys.n; i++) {
		g = table_at(&fu->groups, i);
		for (j = 0; !fu->keep_all && j < g->n; j++)
			drop_row(fu, g->rows[j]);
		free(g->rows);
	}
	if (fu->probe != NULL)
		drop_row(fu, fu->probe);
	pool_free_all(&fu->pool);
	free(fu->st);
	free(fu->all);
	rec_free(&fu->tmp);
	table_free(&fu->groups);
}

static const struct tool tool = {
	.synopsis = N_("[-r rules] [-o file] [--report file] [--today date] "
	    "[--rejects file] [--max-rejects n] [--stats] [--check] "
	    "[options] [file]"),
	.help = N_("      --report FILE\twrite the rows entered, passed, "
	    "refused and cut\n"
	    "\tper group and stage\n"),
	.rules_file = "funnel.yaml",
	.options = options,
	.option = option,
	.load = load,
	.bind = bind,
	.open = open_outputs,
	.row = arrive,
	.end = end,
	.free = funnel_free,
};

int
main(int argc, char **argv)
{
	struct funnel fu = { 0 };

	return tool_main(&tool, &fu, argc, argv);
}
