/*
 * The orphan policies, held whole, then cut into units that move together
 * (组合性孤儿保单): a main policy with its riders and, with keep_customer,
 * all orphan policies of one policyholder.  A unit is non-pure when an
 * active agent serves another policy of its policyholder, a combination
 * when it has more than one policy, else pure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "orphan.h"

struct row *
units_add(struct units *us, const struct rec *rec)
{
	struct row *w;

	if (us->nrows >= NOID)
		err_exit(EXIT_DATA, "more than %u orphan policies", NOID - 1);
	err_grow(&us->rows, &us->rowcap, us->nrows + 1, sizeof(*us->rows));
	w = &us->rows[us->nrows++];
	memset(w, 0, sizeof(*w));
	hold_keep(&w->h, rec, &us->kept);
	return w;
}

static const char *
field(const struct units *us, const struct row *w, size_t c)
{
	return hold_field(&w->h, us->col[c], NULL);
}

/* A data error in a held row: rejected, or the run stops. */
static void
reject(struct units *us, struct io *io, struct row *w, const char *msg)
{
	struct rec rec = { 0 };

	hold_rec(&w->h, &rec);
	io_reject(io, &rec, msg);
	rec_free(&rec);
	w->rejected = 1;
	(void)us;
}

/* Row v's policy. */
static const char *
policy(const void *ctx, uint32_t v)
{
	const struct units *us = ctx;

	return field(us, &us->rows[v], P_POLICY);
}

/*
 * Each policy once: a policy listed twice is a data error.  The index
 * gives the row of each policy (its first).
 */
static void
index_policies(struct units *us, struct io *io, struct keys *policies)
{
	size_t i;
	struct row *w;
	char msg[512];

	keys_init(policies, policy, us);
	keys_reserve(policies, us->nrows);
	for (i = 0; i < us->nrows; i++) {
		w = &us->rows[i];
		if (w->rejected)
			continue;
		if (keys_intern(policies, field(us, w, P_POLICY),
		    (uint32_t)i) != i) {
			snprintf(msg, sizeof(msg),
			    _("policy '%s' is listed twice"),
			    field(us, w, P_POLICY));
			reject(us, io, w, msg);
			continue;
		}
		w->rider = *field(us, w, P_MAIN) != '\0';
	}
}

/*
 * A new unit whose first row is row i (units are made in the order of
 * their first rows, which is the order they claim room in): its source,
 * and its agent, the one who left or, for another source, the one it
 * must not go back to.
 */
static uint32_t
new_unit(struct units *us, const struct sources *ss, size_t i)
{
	const struct row *w = &us->rows[i];
	struct unit *u;

	err_grow(&us->u, &us->cap, us->n + 1, sizeof(*us->u));
	u = &us->u[us->n];
	memset(u, 0, sizeof(*u));
	u->source = (int16_t)row_source(w);
	u->departed = w->src == 0 || ss->s[row_source(w)].departed;
	u->former = w->former;
	u->holder = w->holder;
	u->to = u->reason = u->area = NOID;
	return (uint32_t)us->n++;
}

/*
 * Units: main policies first, each joining its policyholder's unit (or
 * its own), then each rider its main policy's.  A rider whose main policy
 * is not among the orphans is a data error.
 */
void
units_make(struct units *us, struct io *io, const struct holdings *hd,
    const struct sources *ss)
{
	struct keys policies;
	struct row *w, *m;
	struct unit *u;
	const char *main;
	char msg[512];
	size_t i, h, pass;
	uint32_t *unit_of;
	uint32_t k;

	index_policies(us, io, &policies);
	/* A policyholder's unit, by the index their row was given. */
	unit_of = err_calloc(hd->nholder + 1, sizeof(*unit_of));
	for (i = 0; i < hd->nholder; i++)
		unit_of[i] = NOID;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < us->nrows; i++) {
			w = &us->rows[i];
			if (w->rejected || w->rider != (pass == 1))
				continue;
			if (pass == 0) {
				/* A main policy is its own unit (each policy
				   is there once), or its policyholder's. */
				if (!us->keep_customer)
					w->unit = new_unit(us, ss, i);
				else if ((w->unit = unit_of[w->holder]) == NOID)
					w->unit = unit_of[w->holder] =
					    new_unit(us, ss, i);
				us->u[w->unit].n++;
				continue;
			}
			main = field(us, w, P_MAIN);
			k = keys_find(&policies, main);
			m = k != NOID ? &us->rows[k] : NULL;
			msg[0] = '\0';
			if (m != NULL && m->rider)
				snprintf(msg, sizeof(msg), _("the rider's main "
				    "policy '%s' is itself a rider"), main);
			else if (m == NULL || m->rejected)
				snprintf(msg, sizeof(msg), _("the rider's main "
				    "policy '%s' is not among the orphan "
				    "policies"), main);
			if (msg[0] != '\0') {
				reject(us, io, w, msg);
				continue;
			}
			w->unit = m->unit;
			us->u[w->unit].n++;
		}
	}
	/* The rows of each unit, together, for the routes' conditions. */
	for (i = h = 0; i < us->n; i++) {
		us->u[i].at = h;
		h += us->u[i].n;
		us->u[i].n = 0;
	}
	us->rowsof = err_calloc(h + 1, sizeof(*us->rowsof));
	for (i = 0; i < us->nrows; i++) {
		if (us->rows[i].rejected)
			continue;
		u = &us->u[us->rows[i].unit];
		us->rowsof[u->at + u->n++] = (uint32_t)i;
		/* 件 counted as policies, or as contracts: a main policy with
		   its riders is one. */
		if (!us->contracts || !us->rows[i].rider)
			u->weight++;
	}
	for (i = 0; i < us->n; i++) {
		u = &us->u[i];
		u->kind = u->n > 1 ? COMBINATION : PURE;
		if (holdings_nonpure(hd, u->holder))
			u->kind = NONPURE;
	}
	free(unit_of);
	keys_free(&policies);
}

const char *
units_cell(const struct units *us, const struct unit *u, int c, size_t *len)
{
	const char *v;
	size_t i;

	*len = 0;
	if (us->opt[c] < 0)
		return "";
	for (i = 0; i < u->n; i++) {
		v = hold_field(&us->rows[us->rowsof[u->at + i]].h,
		    (size_t)us->opt[c], len);
		if (*len > 0)
			return v;
	}
	return "";
}

void
units_free(struct units *us)
{
	free(us->rows);
	free(us->u);
	free(us->rowsof);
	arena_free(&us->kept);
}
