/*
 * What the jobs share: the output laid out as the job's own columns, then
 * the input's; the records kept to the end of the run; and --rest, where
 * every row that no list takes goes with its reason, so that nothing is
 * lost (a pool row for no caller goes back to tomorrow's pool from there).
 */
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "calls.h"

void
rest_open(struct calls *c, struct io *io)
{
	const struct cols *h = io_header(io);
	struct rest *r = &c->rest;
	size_t i;

	r->n = h->n;
	r->f = err_calloc(r->n + 1, sizeof(*r->f));
	r->len = err_calloc(r->n + 1, sizeof(*r->len));
	r->w = io_output(io, c->rest_path);
	for (i = 0; i < r->n; i++) {
		r->f[i] = h->names[i];
		r->len[i] = strlen(h->names[i]);
	}
	r->f[r->n] = (char *)rules_column(io->r, "reason");
	r->len[r->n] = strlen(r->f[r->n]);
	csvout_row(r->w, r->f, r->len, r->n + 1);
}

void
rest_put(struct calls *c, struct io *io, char *const *f, const size_t *len,
    const char *reason)
{
	struct rest *r = &c->rest;

	memcpy(r->f, f, r->n * sizeof(*r->f));
	memcpy(r->len, len, r->n * sizeof(*r->len));
	r->f[r->n] = (char *)reason;
	r->len[r->n] = strlen(reason);
	csvout_row(r->w, r->f, r->len, r->n + 1);
	io_stat(io, "rest", 1);
}

void
rest_item(struct calls *c, struct io *io, const struct item *it)
{
	struct rec t = { 0 };

	hold_rec(&it->h, &t);
	rest_put(c, io, t.f, t.len, it->reason);
	rec_free(&t);
}

void
calls_layout(struct calls *c, struct io *io, const char *const *own,
    size_t nown)
{
	struct schema *sc = &io->schema;
	const struct cols *h = io_header(io);
	size_t i;

	for (i = 0; i < nown; i++)
		c->out[i] = schema_col(sc, io->r, own[i]);
	c->nin = h->n;
	c->map = err_calloc(h->n + 1, sizeof(*c->map));
	for (i = 0; i < h->n; i++)
		c->map[i] = cols_find(&sc->cols, h->names[i]) >= 0 ?
		    (size_t)-1 : cols_add(&sc->cols, h->names[i]);
}

void
calls_fill(struct calls *c, struct io *io, char *const *f, const size_t *len)
{
	size_t i;

	for (i = 0; i < c->nin; i++)
		if (c->map[i] != (size_t)-1)
			schema_set(&io->schema, c->map[i], f[i], len[i]);
}

struct item *
calls_keep(struct calls *c, const struct rec *rec)
{
	struct item *it;

	err_grow(&c->it, &c->itcap, c->nit + 1, sizeof(*c->it));
	it = &c->it[c->nit];
	memset(it, 0, sizeof(*it));
	hold_keep(&it->h, rec, &c->arena);
	it->caller = it->prev = -1;
	it->attempt = 1;
	it->seq = c->nit++;
	return it;
}

int
calls_in(const struct ynode *list, const char *v, size_t len)
{
	size_t i;

	for (i = 0; list != NULL && i < list->n; i++)
		if (list->kid[i]->len == len &&
		    memcmp(list->kid[i]->str, v, len) == 0)
			return 1;
	return 0;
}

int
calls_word(const char *v, size_t len, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strlen(*words) == len && memcmp(*words, v, len) == 0)
			return 1;
	return 0;
}

size_t
calls_incol(struct io *io, const struct ynode *at, const char *name)
{
	long i = rules_find(io->r, at, io_header(io), name, io_name(io));

	return i < 0 ? 0 : (size_t)i;
}
