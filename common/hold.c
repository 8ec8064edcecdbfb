#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hold.h"

void
hold_copy(struct hold *h, const struct rec *rec)
{
	size_t i, need = 0;
	char *p;

	for (i = 0; i < rec->n; i++)
		need += rec->len[i] + 1;
	if (need > h->cap) {
		free(h->buf);
		h->buf = err_malloc(need);
		h->cap = need;
	}
	for (p = h->buf, i = 0; i < rec->n; i++) {
		memcpy(p, rec->f[i], rec->len[i]);
		p += rec->len[i];
		*p++ = '\0';
	}
	h->len = need;
	h->n = rec->n;
	h->line = rec->line;
}

void
hold_fields(const struct hold *h, struct rec *out)
{
	char *p = h->buf;
	size_t i;

	rec_reserve(out, h->n);
	for (i = 0; i < h->n; i++) {
		out->f[i] = p;
		out->len[i] = strlen(p);
		p += out->len[i] + 1;
	}
	out->n = h->n;
	out->line = h->line;
}

void
hold_free(struct hold *h)
{
	free(h->buf);
	memset(h, 0, sizeof(*h));
}
