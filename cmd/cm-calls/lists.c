/*
 * The nightly call lists (seed 003: "每日20點前為電話營銷人員分配隔日數據,
 * 數據量為人均30條/天").
 *
 * Records come in order, yesterday's unreached ones (--results) first,
 * then the pool, and are shared out in two passes:
 *
 *  1. as it comes, a record goes back to yesterday's caller when that
 *     caller is active and has room, else to the callers of its area's
 *     team, in turn;
 *  2. at the end, the records that waited go, in the order they came, to
 *     any active caller with room, in turn (with cross_area: no, only to
 *     the callers whose team is *).
 *
 * "In turn": each team (and the whole roster) is a ring of callers, with a
 * cursor that moves on past a caller after each record, and a round gives
 * a record to each caller of the ring not yet above the round's load, so
 * a small pool is spread evenly.  A caller's records are then called in
 * the order they came, at times spread evenly over the day's windows.
 *
 * Only the records placed and those that may still be are kept: a record
 * that finds the second pass's callers' room already promised to the
 * records waiting before it will have no caller however the pool goes on,
 * and is set aside for the rest (rest.c) at once.  So the memory is that
 * of the day's lists, not of the pool.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "../../common/side.h"
#include "calls.h"

enum { OUT_CALLER, OUT_DATE, OUT_TIME, OUT_ATTEMPT, OUT_RESULT };

struct ring {
	size_t *c;			/* callers, in roster order */
	size_t n, cap, cur;
	long room;			/* records its callers can still take */
	long level;			/* the round: the load it fills up to */
};

struct caller {
	char *id;
	long area;			/* its team's ring in areas, or -1 */
	int active, star;
	long load;
};

struct lists {
	struct caller *cl;
	size_t n, cap;
	struct table ids;		/* caller_id -> index (size_t) */
	struct table areas;		/* area -> struct ring */
	struct ring any, star;		/* every active caller; those of * */
	struct ring *late;		/* the ring of the second pass */
	size_t nactive;
	size_t nwait;			/* records waiting for it */
	int pooled;			/* yesterday's records are all in */
	struct rec tmp;
};


static void
ring_add(struct ring *g, size_t i, long room)
{
	err_grow(&g->c, &g->cap, g->n + 1, sizeof(*g->c));
	g->c[g->n++] = i;
	g->room += room;
}

/*
 * The next caller of g with room, in turn, the cursor moved past it; -1
 * if none.  A round gives one record to each caller whose load is the
 * round's level or less, so that a caller who already has records
 * (yesterday's, or from another ring) waits for the others.
 */
static long
ring_take(const struct lists *l, struct ring *g, long per)
{
	size_t i, steps = 0;
	long load;

	if (g->room <= 0)
		return -1;
	for (;;) {
		i = g->c[g->cur];
		g->cur = (g->cur + 1) % g->n;
		load = l->cl[i].load;
		if (load < per && load <= g->level)
			return (long)i;
		if (++steps == g->n) {
			g->level++;
			steps = 0;
		}
	}
}

static void
give(struct lists *l, struct item *it, size_t i)
{
	struct caller *k = &l->cl[i];

	it->caller = (long)i;
	k->load++;
	if (k->area >= 0)
		((struct ring *)table_at(&l->areas, (size_t)k->area))->room--;
	if (k->star)
		l->star.room--;
	l->any.room--;
}

static void
read_callers(struct calls *c, struct io *io, struct lists *l)
{
	struct side in;
	size_t idc, tc, sc, i;
	struct caller *k;
	struct ring *g;
	int added;

	side_open(&in, "--callers", c->callers_path, &io->o.in, io->r);
	idc = side_col(&in, "caller_id");
	tc = side_col(&in, "team");
	sc = side_col(&in, "status");
	table_init(&l->ids, sizeof(size_t));
	table_init(&l->areas, sizeof(struct ring));
	while (side_next(&in)) {
		if (in.rec.len[idc] == 0 || in.rec.len[tc] == 0)
			side_fail(&in, "a caller needs a caller_id and a team "
			    "(an area, or * for any)");
		i = table_intern(&l->ids, in.rec.f[idc], &added);
		if (!added)
			side_fail(&in, "the caller '%s' is listed twice",
			    in.rec.f[idc]);
		*(size_t *)table_at(&l->ids, i) = l->n;
		err_grow(&l->cl, &l->cap, l->n + 1, sizeof(*l->cl));
		k = &l->cl[l->n];
		memset(k, 0, sizeof(*k));
		k->id = err_strdup(in.rec.f[idc]);
		k->active = calls_active(in.rec.f[sc], in.rec.len[sc]);
		k->star = strcmp(in.rec.f[tc], "*") == 0;
		k->area = -1;
		if (k->active) {
			l->nactive++;
			ring_add(&l->any, l->n, c->per_caller);
			if (k->star)
				ring_add(&l->star, l->n, c->per_caller);
			else {
				k->area = (long)table_intern(&l->areas,
				    in.rec.f[tc], NULL);
				g = table_at(&l->areas, (size_t)k->area);
				ring_add(g, l->n, c->per_caller);
			}
		}
		l->n++;
	}
	side_close(&in);
}

/* The attempt a row of --results was, from its attempt column: 1 without. */
static long
attempt_of(const struct side *in, long col)
{
	const char *v;
	char *end;
	long n;

	if (col < 0 || in->rec.len[col] == 0)
		return 1;
	v = in->rec.f[col];
	n = strtol(v, &end, 10);
	if (*v < '0' || *v > '9' || *end != '\0' || n < 1)
		side_fail(in, "the attempt '%s' is not a count (1, 2 ...)", v);
	return n;
}

/* Why a record has no caller. */
static const char *
why_not(const struct calls *c, const struct lists *l, const char *area)
{
	if (l->nactive == 0)
		return c->word[W_NO_CALLER];
	if (c->cross_area || l->star.n > 0 || table_find(&l->areas, area) >= 0)
		return c->word[W_NO_ROOM];
	return c->word[W_NO_AREA];
}

/*
 * The first pass of a record, as it comes: its caller of yesterday, or
 * its area's team; else it waits for the second pass while that may
 * still have room for it, or is set aside.
 */
/*
 * A record for the rest, as it comes.  It goes straight to the rest when
 * every record before it is decided: none set aside in the temporary file
 * yet, and the records waiting for the second pass sure of a caller, as
 * many as the room of the callers of *, which the first pass of the
 * pool's records cannot take (yesterday's records, which come before the
 * pool, can).  Else it waits in the file (rest.c).
 */
static void
set_aside(struct calls *c, struct io *io, struct lists *l,
    const struct rec *rec, const char *reason)
{
	if (l->pooled && c->rest.nspill == 0 &&
	    (long)l->nwait <= l->star.room) {
		c->nseq++;
		rest_put(c, io, rec, reason);
	} else
		rest_later(c, rec, reason);
}

static void
arrive(struct calls *c, struct io *io, struct lists *l, const struct rec *rec,
    long prev, long attempt)
{
	const struct caller *k = prev >= 0 ? &l->cl[prev] : NULL;
	const char *area = rec->f[c->acol];
	struct item *it;
	long a, i = -1;

	if (cols_find(&c->seen, rec->f[c->kcol]) >= 0) {
		set_aside(c, io, l, rec, c->word[W_LISTED]);
		return;
	}
	if (k != NULL && k->active && k->load < c->per_caller)
		i = prev;
	else if ((a = table_find(&l->areas, area)) >= 0)
		i = ring_take(l, table_at(&l->areas, (size_t)a),
		    c->per_caller);
	if (i < 0 && (long)l->nwait >= l->late->room) {
		set_aside(c, io, l, rec, why_not(c, l, area));
		return;
	}
	cols_add(&c->seen, rec->f[c->kcol]);
	it = calls_keep(c, rec);
	it->prev = prev;
	it->attempt = attempt;
	if (i >= 0)
		give(l, it, (size_t)i);
	else
		l->nwait++;
}

/*
 * Yesterday's lists with their results: each record not reached (its
 * result empty or one of retry:) comes first, as the pool's columns; one
 * past attempts: goes to --rest.
 */
static void
read_results(struct calls *c, struct io *io, struct lists *l)
{
	const struct cols *h = io_header(io);
	struct rec *row = &l->tmp;
	struct side in;
	size_t rc, cc, i, *map;
	long ac, k, attempt;

	side_open(&in, "--results", c->results_path, &io->o.in, io->r);
	rc = side_col(&in, c->result);
	cc = side_col(&in, "caller_id");
	ac = side_find(&in, rules_column(io->r, "attempt"));
	side_col(&in, h->names[c->kcol]);
	map = err_calloc(c->nin + 1, sizeof(*map));
	for (i = 0; i < c->nin; i++)
		map[i] = (size_t)side_find(&in, h->names[i]);
	rec_reserve(row, c->nin);
	while (side_next(&in)) {
		if (in.rec.len[rc] != 0 &&
		    !rules_in(c->retry, in.rec.f[rc], in.rec.len[rc])) {
			io_stat(io, "results closed", 1);
			continue;
		}
		for (i = 0; i < c->nin; i++) {
			row->f[i] = map[i] == (size_t)-1 ? "" : in.rec.f[map[i]];
			row->len[i] = map[i] == (size_t)-1 ? 0 :
			    in.rec.len[map[i]];
		}
		row->n = c->nin;
		row->line = 0;
		row->plain = 0;
		if (row->len[c->kcol] == 0)
			side_fail(&in, "a record to call again needs its '%s'",
			    h->names[c->kcol]);
		io_stat(io, "carried from --results", 1);
		attempt = attempt_of(&in, ac) + 1;
		if (c->listday < 0)
			rest_put(c, io, row, c->word[W_OFF]);
		else if (attempt > c->attempts)
			rest_later(c, row, c->word[W_ATTEMPTS]);
		else {
			k = table_find(&l->ids, in.rec.f[cc]);
			arrive(c, io, l, row, k < 0 ? -1 :
			    (long)*(size_t *)table_at(&l->ids, (size_t)k),
			    attempt);
		}
	}
	free(map);
	side_close(&in);
}

void
lists_bind(struct calls *c, struct io *io)
{
	static const char *const own[] = { "caller_id", "date", "time" };
	struct schema *sc = &io->schema;

	c->acol = calls_incol(io, rules_get(io->r->root, "area"), c->area);
	c->kcol = calls_incol(io, rules_get(io->r->root, "key"), c->key);
	calls_layout(c, io, own, 3);
	c->out[OUT_ATTEMPT] = schema_col(sc, io->r, "attempt");
	c->out[OUT_RESULT] = schema_col(sc, io->r, c->result);
}

void
lists_open(struct calls *c, struct io *io)
{
	struct lists *l = err_calloc(1, sizeof(*l));
	char date[DATE_LEN + 1], why[256];

	c->job_state = l;
	read_callers(c, io, l);
	l->late = c->cross_area ? &l->any : &l->star;
	c->listday = c->day;
	if (!days_working(c, c->day)) {
		date_format(c->day, date);
		days_why(c, c->day, why, sizeof(why));
		err_warn("%s is %s, not a working day: no call lists; "
		    "every record goes to --rest", date, why);
		c->listday = -1;
	}
	if (c->results_path != NULL)
		read_results(c, io, l);
	l->pooled = 1;
}

void
lists_row(struct calls *c, struct io *io, const struct rec *rec)
{
	char msg[512];

	if (rec->len[c->kcol] == 0) {
		snprintf(msg, sizeof(msg), _("the column '%s' is empty: a "
		    "record is a customer's phone"),
		    io_header(io)->names[c->kcol]);
		io_reject(io, rec, msg);
		return;
	}
	if (c->listday < 0)
		rest_put(c, io, rec, c->word[W_OFF]);
	else
		arrive(c, io, c->job_state, rec, -1, 1);
}

static void
write_list(struct calls *c, struct io *io, struct lists *l,
    const size_t *order, size_t n)
{
	struct schema *sc = &io->schema;
	const struct item *it;
	char date[DATE_LEN + 1], clock[6], attempt[24];
	size_t k;

	date_format(c->listday, date);
	for (k = 0; k < n; k++) {
		it = &c->it[order[k]];
		hold_rec(&it->h, &l->tmp);
		calls_fill(c, io, l->tmp.f, l->tmp.len);
		date_clock_format(days_spread(c->win, c->nwin, k, n), clock);
		snprintf(attempt, sizeof(attempt), "%ld", it->attempt);
		schema_put(sc, c->out[OUT_CALLER], l->cl[it->caller].id);
		schema_set(sc, c->out[OUT_DATE], date, DATE_LEN);
		schema_put(sc, c->out[OUT_TIME], clock);
		schema_put(sc, c->out[OUT_ATTEMPT], attempt);
		schema_set(sc, c->out[OUT_RESULT], "", 0);
		sc->line = it->h.line;
		io_write(io);
	}
}

void
lists_end(struct calls *c, struct io *io)
{
	struct lists *l = c->job_state;
	size_t i, *start, *order, *fill, alen;
	struct item *it;
	long k;

	if (c->listday < 0)
		return;
	/* The second pass: the records that waited, in the order they came. */
	for (i = 0; i < c->nit; i++) {
		it = &c->it[i];
		if (it->caller >= 0)
			continue;
		if ((k = ring_take(l, l->late, c->per_caller)) >= 0)
			give(l, it, (size_t)k);
		else
			it->reason = why_not(c, l, hold_field(&it->h, c->acol,
			    &alen));
	}
	/* Each caller's records, in the order they came. */
	start = err_calloc(l->n + 1, sizeof(*start));
	fill = err_calloc(l->n + 1, sizeof(*fill));
	order = err_calloc(c->nit + 1, sizeof(*order));
	for (i = 0; i < c->nit; i++)
		if (c->it[i].caller >= 0)
			start[c->it[i].caller + 1]++;
	for (i = 0; i < l->n; i++)
		start[i + 1] += start[i];
	for (i = 0; i < c->nit; i++)
		if ((it = &c->it[i])->caller >= 0)
			order[start[it->caller] + fill[it->caller]++] = i;
	for (i = 0; i < l->n; i++)
		write_list(c, io, l, order + start[i], start[i + 1] - start[i]);
	rest_merge(c, io);
	free(start);
	free(fill);
	free(order);
}

void
lists_free(struct calls *c)
{
	struct lists *l = c->job_state;
	size_t i;

	if (c->job != JOB_LISTS || l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		free(l->cl[i].id);
	free(l->cl);
	for (i = 0; l->areas.size != 0 && i < l->areas.keys.n; i++)
		free(((struct ring *)table_at(&l->areas, i))->c);
	if (l->ids.size != 0)
		table_free(&l->ids);
	if (l->areas.size != 0)
		table_free(&l->areas);
	free(l->any.c);
	free(l->star.c);
	rec_free(&l->tmp);
	free(l);
}
