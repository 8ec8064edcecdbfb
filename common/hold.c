#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hold.h"

/*
 * The bytes of rec's fields with their NULs in *text; returns the bytes of
 * the copy, which must fit in 32 bits (a tool keeps a row's size in as
 * many).
 */
static size_t
size_of(const struct rec *rec, int bare, size_t *text)
{
	size_t i, head;

	*text = 0;
	for (i = 0; i < rec->n; i++)
		*text += rec->len[i] + 1;
	head = bare ? 0 : (rec->n + 1) * (*text > UINT16_MAX ?
	    sizeof(uint32_t) : sizeof(uint16_t));
	if (*text > UINT32_MAX - head)
		err_exit(EXIT_DATA, "line %lu: a row of %zu bytes is more than "
		    "a tool can keep (4 GiB)", rec->line, *text);
	return head + *text;
}

size_t
hold_size(const struct rec *rec, int bare)
{
	size_t text;

	return size_of(rec, bare, &text);
}

/*
 * Copies rec into buf, of size - text bytes of offsets, then its text;
 * and, when out is not NULL, the copy's fields into out.
 */
static void
put(struct hold *h, char *buf, const struct rec *rec, size_t size,
    size_t text, struct rec *out)
{
	size_t i, at;
	char *p;

	h->buf = buf;
	h->bare = size == text;
	h->wide = !h->bare && text > UINT16_MAX;
	p = buf + (size - text);
	if (out != NULL) {
		rec_reserve(out, rec->n);
		out->n = rec->n;
		out->line = rec->line;
		out->plain = rec->plain < rec->n ? rec->plain : rec->n;
	}
	for (i = at = 0; i <= rec->n; i++) {
		if (h->wide)
			((uint32_t *)(void *)buf)[i] = (uint32_t)at;
		else if (!h->bare)
			((uint16_t *)(void *)buf)[i] = (uint16_t)at;
		if (i == rec->n)
			break;
		if (out != NULL) {
			out->f[i] = p + at;
			out->len[i] = rec->len[i];
		}
		memcpy(p + at, rec->f[i], rec->len[i]);
		at += rec->len[i];
		p[at++] = '\0';
	}
	h->n = (uint32_t)rec->n;
	h->plain = (uint32_t)(rec->plain < rec->n ? rec->plain : rec->n) &
	    0x3FFFFFFFU;
	h->line = rec->line;
}

void
hold_put(struct hold *h, void *buf, const struct rec *rec, size_t size,
    struct rec *out)
{
	size_t i, text = 0;

	for (i = 0; i < rec->n; i++)
		text += rec->len[i] + 1;
	put(h, buf, rec, size, text, out);
}

void
hold_keep(struct hold *h, const struct rec *rec, struct arena *a)
{
	size_t text, size = size_of(rec, 0, &text);

	put(h, arena_alloc_align(a, size, text > UINT16_MAX ?
	    sizeof(uint32_t) : sizeof(uint16_t)), rec, size, text, NULL);
}

const char *
hold_scan(const struct hold *h, size_t i, size_t *len)
{
	const char *p = h->buf;
	size_t n;

	for (;;) {
		n = strlen(p);
		if (i-- == 0)
			break;
		p += n + 1;
	}
	if (len != NULL)
		*len = n;
	return p;
}

void
hold_fields(const struct hold *h, size_t n, char **f, size_t *len)
{
	size_t i;
	char *p;

	if (!h->bare) {
		for (i = 0; i < n; i++)
			f[i] = (char *)hold_field(h, i, &len[i]);
		return;
	}
	for (i = 0, p = h->buf; i < n; i++) {
		f[i] = p;
		len[i] = strlen(p);
		p += len[i] + 1;
	}
}

void
hold_part(const struct hold *h, struct rec *out, size_t n)
{
	if (n > h->n)
		n = h->n;
	rec_reserve(out, n);
	hold_fields(h, n, out->f, out->len);
	out->n = n;
	out->line = h->line;
	out->plain = h->plain < n ? h->plain : n;
}

void
hold_rec(const struct hold *h, struct rec *out)
{
	hold_part(h, out, h->n);
}
