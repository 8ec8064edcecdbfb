/*
 * What the jobs share: the output laid out as the job's own columns, then
 * the input's; the records kept to the end of the run; and --rest, where
 * every row that no list takes goes with its reason, so that nothing is
 * lost (a pool row for no caller goes back to tomorrow's pool from there).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "calls.h"

const char *const calls_words[] = {
	[W_LISTED] = "listed already",
	[W_ATTEMPTS] = "not reached in the attempts allowed",
	[W_NO_ROOM] = "no caller with room",
	[W_NO_AREA] = "no caller for the area",
	[W_NO_CALLER] = "no active caller",
	[W_OFF] = "not a working day",
	[W_NOT_SUCCESS] = "not a success",
	[W_HANDED] = "a lead of this phone is handed already",
	[W_NO_AGENT] = "no agent or leader in the area",
	[W_NOT_WEEK] = "not in the week",
	[W_AFTER] = "after the day of the quality calls",
	[W_NOT_VISIT] = "not a visit made",
	[W_NO_DAY] = "no working day for the quality calls",
	[W_CUSTOMER_LISTED] = "the customer is listed already",
	[W_N] = NULL
};

int
calls_active(const char *v, size_t len)
{
	static const char *const active[] = { "active", "在职", NULL };

	return calls_word(v, len, active);
}

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
rest_put(struct calls *c, struct io *io, const struct rec *rec,
    const char *reason)
{
	struct rest *r = &c->rest;

	memcpy(r->f, rec->f, r->n * sizeof(*r->f));
	memcpy(r->len, rec->len, r->n * sizeof(*r->len));
	r->f[r->n] = (char *)reason;
	r->len[r->n] = strlen(reason);
	csvout_row_plain(r->w, r->f, r->len, r->n + 1,
	    rec->plain < r->n ? rec->plain : r->n);
	io_stat(io, "rest", 1);
}

void
rest_item(struct calls *c, struct io *io, const struct item *it)
{
	struct rec t = { 0 };

	hold_rec(&it->h, &t);
	rest_put(c, io, &t, it->reason);
	rec_free(&t);
}

static void
spill_io(struct calls *c, size_t done, size_t want)
{
	if (done != want)
		err_exit(EXIT_DATA, "a temporary file of --rest: %s",
		    ferror(c->rest.spill) ? strerror(errno) : "cut short");
}

/*
 * A row set aside is its place, its reason (a string of the program, whose
 * address holds for the run), the lengths of its fields, then their bytes:
 * written and read back in one piece each.
 */
struct spilled {
	unsigned long seq;
	const char *reason;
	size_t bytes;
};

void
rest_later(struct calls *c, const struct rec *rec, const char *reason)
{
	struct rest *r = &c->rest;
	struct spilled h;
	size_t i, head = r->n * sizeof(*rec->len);
	char *p;

	if (r->spill == NULL && (r->spill = tmpfile()) == NULL)
		err_exit(EXIT_DATA, "a temporary file of --rest: %s",
		    strerror(errno));
	h.seq = c->nseq++;
	h.reason = reason;
	h.bytes = head;
	for (i = 0; i < r->n; i++)
		h.bytes += rec->len[i];
	err_grow(&r->buf, &r->bufcap, sizeof(h) + h.bytes + 1, 1);
	memcpy(r->buf, &h, sizeof(h));
	memcpy(r->buf + sizeof(h), rec->len, head);
	p = r->buf + sizeof(h) + head;
	for (i = 0; i < r->n; i++) {
		memcpy(p, rec->f[i], rec->len[i]);
		p += rec->len[i];
	}
	spill_io(c, fwrite(r->buf, 1, sizeof(h) + h.bytes, r->spill),
	    sizeof(h) + h.bytes);
	r->nspill++;
}

/* The next row set aside, in r->back; its place in *seq and reason. */
static void
spill_next(struct calls *c, unsigned long *seq, const char **reason)
{
	struct rest *r = &c->rest;
	struct spilled h;
	size_t i, head = r->n * sizeof(*r->back.len);
	char *p, *q;

	rec_reserve(&r->back, r->n);
	spill_io(c, fread(&h, sizeof(h), 1, r->spill), 1);
	/* The fields, each followed by a NUL, after the bytes as read. */
	err_grow(&r->buf, &r->bufcap, 2 * h.bytes + r->n + 1, 1);
	spill_io(c, fread(r->buf, 1, h.bytes, r->spill), h.bytes);
	memcpy(r->back.len, r->buf, head);
	p = r->buf + head;
	q = r->buf + h.bytes;
	for (i = 0; i < r->n; i++) {
		memcpy(q, p, r->back.len[i]);
		q[r->back.len[i]] = '\0';
		r->back.f[i] = q;
		p += r->back.len[i];
		q += r->back.len[i] + 1;
	}
	r->back.n = r->n;
	r->back.plain = 0;
	*seq = h.seq;
	*reason = h.reason;
}

void
rest_merge(struct calls *c, struct io *io)
{
	struct rest *r = &c->rest;
	unsigned long left = r->nspill, seq = 0;
	const char *reason = NULL;
	size_t k = 0;
	int have = 0;

	if (r->spill != NULL && fseek(r->spill, 0, SEEK_SET) != 0)
		err_exit(EXIT_DATA, "a temporary file of --rest: %s",
		    strerror(errno));
	for (;;) {
		if (!have && left > 0) {
			spill_next(c, &seq, &reason);
			left--;
			have = 1;
		}
		while (k < c->nit && c->it[k].caller >= 0)
			k++;
		if (have && (k == c->nit || seq < c->it[k].seq)) {
			rest_put(c, io, &r->back, reason);
			have = 0;
		} else if (k < c->nit)
			rest_item(c, io, &c->it[k++]);
		else
			return;
	}
}

void
rest_free(struct calls *c)
{
	struct rest *r = &c->rest;

	if (r->spill != NULL)
		fclose(r->spill);
	rec_free(&r->back);
	free(r->buf);
	free(r->f);
	free(r->len);
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
	it->seq = c->nseq++;
	c->nit++;
	return it;
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
