/*
 * The orphan policies as they arrive, and as they are written: each row's
 * state and source and the checks that need no other row (rejected with
 * their reason), the high-end policyholders once every row is in, and
 * each row written back with where its unit went.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "../../common/value.h"
#include "orphan.h"

/* A data error in the row: rejected (or the run stops); returns -1. */
static int
bad(struct io *io, const struct rec *rec, struct row *w, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), gettext(fmt), ap);
	va_end(ap);
	io_reject(io, rec, msg);
	w->rejected = 1;
	return -1;
}

/* The row's source: the column's value, or the default when empty. */
static int
source(struct assign *a, struct io *io, const struct rec *rec, struct row *w)
{
	long c = a->units.opt[Q_SOURCE], s;

	w->src = 0;
	if (a->sources.n == 0)
		return 0;
	s = a->sources.dflt;
	if (c >= 0 && rec->len[c] > 0 && (s = sources_find(&a->sources,
	    rec->f[c], rec->len[c])) < 0)
		return bad(io, rec, w, "unknown source '%s' in the column '%s' "
		    "(%s)", rec->f[c], io_header(io)->names[c],
		    a->sources.expect);
	w->src = (uint32_t)(s + 1) & 0x7FFF;
	return 0;
}

/*
 * A number of the row, empty or in [-max, max]: 0, or -1 after a reject.
 * what is translated only for the message: gettext() three times a row
 * took some 6% of a run.
 */
static int
number(struct io *io, const struct rec *rec, struct row *w, long c,
    double max, const char *what, double *v)
{
	*v = 0;
	if (c < 0 || rec->len[c] == 0)
		return 0;
	if (value_number(rec->f[c], rec->len[c], v) < 0 || *v < -max ||
	    *v > max)
		return bad(io, rec, w, "column '%s': '%s' is not %s",
		    io_header(io)->names[c], rec->f[c], gettext(what));
	return 0;
}

/*
 * The agent of a policy from an agent who left must be in the roster, and
 * not active there when the rules know the sources (a 长期失效单 of an
 * active agent is not from one who left).
 */
static int
departed(struct assign *a, struct io *io, const struct rec *rec,
    struct row *w)
{
	const char *id = rec->f[a->units.col[P_AGENT]];
	size_t ag = idx(w->former);
	int src = row_source(w);

	if (src >= 0 && !a->sources.s[src].departed)
		return 0;
	if (ag == NONE)
		return bad(io, rec, w, "the departed agent '%s' is not in the "
		    "roster %s", id, a->roster.name);
	if (src >= 0 && a->roster.ag[ag].active)
		return bad(io, rec, w, "the departed agent '%s' is active in "
		    "the roster %s (source %s)", id, a->roster.name,
		    a->sources.s[src].name);
	return 0;
}

/*
 * An orphan policy: its state and source, and the checks that need no
 * other row.  Every good row is kept, and its policyholder noted for the
 * holdings.
 */
void
rows_arrive(void *self, struct io *io, const struct rec *rec)
{
	struct assign *a = self;
	const size_t *col = a->units.col;
	const long *opt = a->units.opt;
	struct row *w;
	size_t i, ag;
	double d;
	int v;

	w = units_add(&a->units, rec);
	ag = roster_find(&a->roster, rec->f[col[P_AGENT]]);
	w->former = ag == NONE ? NOID : (uint32_t)ag;
	w->holder = NOID;
	w->state = (uint32_t)a->nstate & 0x7FFF;
	for (i = 0; i < a->nstate; i++) {
		v = io_holds(io, a->state[i].when, rec, rec->f, rec->len);
		if (v < 0) {
			w->rejected = 1;
			return;
		}
		if (v) {
			w->state = (uint32_t)i & 0x7FFF;
			break;
		}
	}
	if (source(a, io, rec, w) < 0)
		return;
	for (i = 0; i < P_MAIN; i++)
		if (rec->len[col[i]] == 0 && (i != P_AGENT || w->src == 0 ||
		    a->sources.s[row_source(w)].departed))
			return (void)bad(io, rec, w, "the column '%s' is empty",
			    io_header(io)->names[col[i]]);
	if (departed(a, io, rec, w) < 0 ||
	    number(io, rec, w, opt[Q_PREMIUM], 1e15, N_("a number"), &d) < 0 ||
	    number(io, rec, w, opt[Q_LAT], 90, N_("a latitude (from -90 to "
	    "90)"), &d) < 0 ||
	    number(io, rec, w, opt[Q_LON], 180, N_("a longitude (from -180 to "
	    "180)"), &d) < 0)
		return;
	w->holder = (uint32_t)holdings_holder(&a->holdings,
	    hold_field(&w->h, col[P_CUSTOMER], NULL));
}

void
assign_row(struct assign *a, struct io *io, const struct row *w,
    const struct unit *u)
{
	struct schema *s = &io->schema;
	const char *why;
	size_t len;
	const struct route *ro = u->route > 0 ? &a->routes.r[u->route - 1] :
	    NULL;
	const char *to = "";

	/* An agent's id, or a queue's "queue:NAME". */
	if (u->agent)
		to = roster_id(&a->roster, u->to);
	else if (ro != NULL && ro->queue_to != NULL)
		to = ro->queue_to;
	schema_hold(s, &w->h);
	schema_put(s, a->ocol[O_TYPE], a->routes.word[W_KIND + u->kind]);
	schema_set(s, a->ocol[O_STATE], a->state[w->state].name,
	    a->state[w->state].len);
	schema_put(s, a->ocol[O_TO], to);
	schema_put(s, a->ocol[O_ROUTE], ro != NULL ? ro->name : "");
	if (u->reason == NOID) {
		schema_set(s, a->ocol[O_REASON], "", 0);
	} else {
		why = routes_reason(&a->routes, u->reason, &len);
		schema_set(s, a->ocol[O_REASON], why, len);
	}
	if (w->src > 0)
		schema_set(s, a->ocol[O_SOURCE],
		    a->sources.s[row_source(w)].name,
		    a->sources.s[row_source(w)].len);
	schema_set(s, a->ocol[O_DATE], *to ? a->today : "", *to ? DATE_LEN : 0);
	if (a->high != NULL && a->high[u->holder] >= (double)a->high_end) {
		value_format(a->high[u->holder], a->highnum);
		schema_put(s, a->ocol[O_HIGH], a->highnum);
	} else {
		schema_set(s, a->ocol[O_HIGH], "", 0);
	}
	schema_put(s, a->ocol[O_ONCE], u->once ? a->routes.word[W_YES] : "");
}

/*
 * 筛选孤儿单高端客户:年交费2万以上 (seed 004): each policyholder's orphan
 * policies' annual premium added up, written where it reaches high_end.
 * Worked out before the routes are tried, so that a route's when may
 * read it.
 */
unsigned long
rows_high_end(struct assign *a)
{
	struct units *us = &a->units;
	const struct row *w;
	const char *v;
	size_t i, len, n = a->holdings.nholder;
	unsigned long count = 0;
	double d;

	if (a->high_end == 0 || us->opt[Q_PREMIUM] < 0)
		return 0;
	a->high = err_calloc(n + 1, sizeof(*a->high));
	for (i = 0; i < us->nrows; i++) {
		w = &us->rows[i];
		if (w->rejected)
			continue;
		/* Read as the row was when it came (number()): good. */
		v = hold_field(&w->h, (size_t)us->opt[Q_PREMIUM], &len);
		if (len > 0 && value_number(v, len, &d) == 0)
			a->high[us->u[w->unit].holder] += d;
	}
	for (i = 0; i < n; i++)
		if (a->high[i] >= (double)a->high_end)
			count++;
	return count;
}
