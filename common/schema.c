#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "schema.h"

void
schema_input(struct schema *s, const struct cols *header)
{
	size_t i;

	for (i = 0; i < header->n; i++)
		cols_add(&s->cols, header->names[i]);
	s->nin = header->n;
}

size_t
schema_col(struct schema *s, const struct rules *r, const char *name)
{
	const char *h = r != NULL ? rules_column(r, name) : name;

	return cols_intern(&s->cols, h, NULL);
}

void
schema_ready(struct schema *s)
{
	size_t i;

	free(s->f);
	free(s->len);
	s->f = err_calloc(s->cols.n + 1, sizeof(*s->f));
	s->len = err_calloc(s->cols.n + 1, sizeof(*s->len));
	for (i = 0; i < s->cols.n; i++)
		s->f[i] = "";
}

/* The tool's columns, after the input's, empty. */
static void
empty_rest(struct schema *s)
{
	size_t i;

	for (i = s->nin; i < s->cols.n; i++) {
		s->f[i] = "";
		s->len[i] = 0;
	}
}

void
schema_rec(struct schema *s, const struct rec *rec)
{
	memcpy(s->f, rec->f, s->nin * sizeof(*s->f));
	memcpy(s->len, rec->len, s->nin * sizeof(*s->len));
	s->plain = rec->plain < s->nin ? rec->plain : s->nin;
	s->line = rec->line;
	empty_rest(s);
}

void
schema_hold(struct schema *s, const struct hold *h)
{
	hold_fields(h, s->nin, s->f, s->len);
	s->plain = h->plain < s->nin ? h->plain : s->nin;
	s->line = h->line;
	empty_rest(s);
}

void
schema_put(struct schema *s, size_t col, const char *v)
{
	schema_set(s, col, v, strlen(v));
}

void
schema_write(const struct schema *s, struct csvout *w)
{
	csvout_row_plain(w, s->f, s->len, s->cols.n, s->plain);
}

void
schema_header(const struct schema *s, struct csvout *w)
{
	csvout_row(w, s->cols.names, NULL, s->cols.n);
}

void
schema_free(struct schema *s)
{
	cols_free(&s->cols);
	free(s->f);
	free(s->len);
	memset(s, 0, sizeof(*s));
}
