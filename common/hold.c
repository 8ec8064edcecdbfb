#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hold.h"

/*
 * Copies rec into h, its buffer from the arena a, or when a is NULL its
 * own of *cap bytes, reused when it is large enough.
 */
static void
copy(struct hold *h, size_t *cap, const struct rec *rec, struct arena *a)
{
	size_t i, text = 0, head, need, at;
	char *p;

	for (i = 0; i < rec->n; i++)
		text += rec->len[i] + 1;
	if (text > UINT32_MAX)
		err_exit(EXIT_DATA, "line %lu: a row of %zu bytes is more than "
		    "a tool can keep (4 GiB)", rec->line, text);
	h->wide = text > UINT16_MAX;
	head = (rec->n + 1) * (h->wide ? sizeof(uint32_t) : sizeof(uint16_t));
	need = head + text;
	if (a != NULL)
		h->buf = arena_alloc_align(a, need, h->wide ?
		    sizeof(uint32_t) : sizeof(uint16_t));
	else if (need > *cap) {
		if (*cap > 0)
			free(h->buf);
		h->buf = err_malloc(need);
		*cap = need;
	}
	p = h->buf + head;
	for (i = at = 0; i <= rec->n; i++) {
		if (h->wide)
			((uint32_t *)(void *)h->buf)[i] = (uint32_t)at;
		else
			((uint16_t *)(void *)h->buf)[i] = (uint16_t)at;
		if (i == rec->n)
			break;
		memcpy(p + at, rec->f[i], rec->len[i]);
		at += rec->len[i];
		p[at++] = '\0';
	}
	h->n = (uint32_t)rec->n;
	h->plain = (uint32_t)(rec->plain < rec->n ? rec->plain : rec->n) &
	    0x7FFFFFFFU;
	h->line = rec->line;
}

void
hold_copy(struct hold *h, size_t *cap, const struct rec *rec)
{
	copy(h, cap, rec, NULL);
}

void
hold_keep(struct hold *h, const struct rec *rec, struct arena *a)
{
	copy(h, NULL, rec, a);
}

void
hold_rec(const struct hold *h, struct rec *out)
{
	size_t i;

	rec_reserve(out, h->n);
	for (i = 0; i < h->n; i++)
		out->f[i] = (char *)hold_field(h, i, &out->len[i]);
	out->n = h->n;
	out->line = h->line;
	out->plain = h->plain;
}

void
hold_free(struct hold *h, size_t cap)
{
	if (cap > 0)
		free(h->buf);
	memset(h, 0, sizeof(*h));
}
