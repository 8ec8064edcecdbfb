#include <errno.h>
#include <iconv.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afile.h"
#include "csvout.h"
#include "err.h"
#include "htmlout.h"
#include "xlsxout.h"

#define BUFSZ (128 * 1024)

struct csvout {
	struct afile *file;
	struct xlsxout *x;	/* a workbook, or NULL for CSV */
	struct htmlout *html;	/* --html's page, or NULL */
	int done;		/* finished: nothing more is written */
	int skip;		/* --no-header: the next row is not written */
	unsigned char delim;
	const char *eol;
	size_t eollen;
	char *buf;		/* whole rows only, so that what is written
				   (a pipe's reader, a failed run) ends at a
				   row's end; it grows for a longer row */
	size_t len, cap;
	iconv_t cd;
	const char *enc;
	char *conv;
	unsigned long rows;
	unsigned char special[256];	/* bytes that make a field quoted */
	uint64_t dword;		/* the delimiter in every byte */
	int disarm;		/* csvout_opts' */
	size_t *lens;		/* csvout_row() without lengths */
	size_t lenscap;
	/* When converting: where each row of the buffer starts, and its
	   input line, to say where a character that cannot be written is;
	   and the header's names. */
	struct mark { size_t at; unsigned long line, row; } *mark;
	size_t nmark, markcap;
	unsigned long line;	/* csvout_line()'s, for the next row */
	char **head;
	size_t nhead;
};

/*
 * The character at s (UTF-8), as U+XXXX and as itself, for a message.
 */
static void
show_char(const char *s, size_t left, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c = p[0], n = 1, i;

	if (c >= 0xF0 && left >= 4)
		n = 4, c &= 0x07;
	else if (c >= 0xE0 && left >= 3)
		n = 3, c &= 0x0F;
	else if (c >= 0xC0 && left >= 2)
		n = 2, c &= 0x1F;
	for (i = 1; i < n; i++)
		c = c << 6 | (p[i] & 0x3F);
	snprintf(out, size, "U+%04X '%.*s'", c, (int)n, s);
}

/*
 * A character at offset at of the buffer that the output's encoding
 * cannot hold: which row, input line and column it is in, and what it is.
 */
static void __attribute__((noreturn))
unwritable(struct csvout *w, size_t at)
{
	const struct mark *m = NULL;
	char ch[32], where[64];
	size_t i, col = 0;
	int quoted = 0;

	for (i = 0; i < w->nmark && w->mark[i].at <= at; i++)
		m = &w->mark[i];
	for (i = m != NULL ? m->at : 0; i < at; i++) {
		if (w->buf[i] == '"')
			quoted = !quoted;
		else if (!quoted && w->buf[i] == (char)w->delim)
			col++;
	}
	show_char(w->buf + at, w->len - at, ch, sizeof(ch));
	if (m != NULL && m->line > 0)
		snprintf(where, sizeof(where), "input line %lu", m->line);
	else
		snprintf(where, sizeof(where), "output row %lu",
		    m != NULL ? m->row : 0);
	err_exit(EXIT_DATA, "%s: the character %s of column '%s' (%s) cannot "
	    "be written in %s (--output-encoding UTF-8 or GB18030 can write "
	    "every character)", afile_name(w->file), ch, col < w->nhead ?
	    w->head[col] : "?", where, w->enc);
}


void
csvout_line(struct csvout *w, unsigned long line)
{
	w->line = line;
}

static void
flush(struct csvout *w)
{
	char *in = w->buf, *out;
	size_t inleft = w->len, outleft;

	if (w->cd == (iconv_t)-1) {
		afile_write(w->file, w->buf, w->len);
		w->len = 0;
		return;
	}
	while (inleft > 0) {
		out = w->conv;
		outleft = 4 * BUFSZ;
		if (iconv(w->cd, &in, &inleft, &out, &outleft) == (size_t)-1 &&
		    errno != E2BIG)
			unwritable(w, (size_t)(in - w->buf));
		afile_write(w->file, w->conv, (size_t)(out - w->conv));
	}
	w->len = 0;
	w->nmark = 0;
}

/*
 * Room for a row of at most need bytes after those of the buffer: the
 * buffer's rows are written when they leave too little, and the buffer
 * grows when a row is longer than all of it.  Called at the start of a
 * row only, so the bytes written always end at a row's end, and never in
 * a character.
 */
static void
room(struct csvout *w, size_t need)
{
	if (need <= w->cap - w->len)
		return;
	flush(w);
	if (need > w->cap) {
		free(w->buf);
		w->buf = err_malloc(need);
		w->cap = need;
	}
}

/*
 * The quoting check looks at 8 bytes at a time (every field of every row
 * passes through it): a word may hold a special byte when it holds a
 * quote, the delimiter, or a byte below 0x0E (CR, LF, and a few control
 * characters that the table then rules out).  Each test is exact as to
 * whether some byte matches, though not as to which.
 */
#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL
#define HAS_ZERO(x)	(((x) - ONES) & ~(x) & HIGHS)
#define HAS_BELOW(x, b)	(((x) - ONES * (b)) & ~(x) & HIGHS)

static inline int
maybe_special(uint64_t x, uint64_t dword)
{
	return (HAS_ZERO(x ^ (ONES * '"')) | HAS_ZERO(x ^ dword) |
	    HAS_BELOW(x, 0x0E)) != 0;
}

static int
special_in(const struct csvout *w, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w->special[(unsigned char)s[i]])
			return 1;
	return 0;
}

/*
 * Copies a field to dst (room for n bytes) when it needs no quotes, and
 * returns 1; returns 0 when it needs them, leaving dst partly written.
 * Copying while checking saves a second pass and a memcpy call for the
 * short fields of a customer list.
 */
static int
copy_plain(const struct csvout *w, char *dst, const char *s, size_t n)
{
	const uint64_t dword = w->dword;
	uint64_t x;
	size_t i;

	if (n < 8) {
		for (i = 0; i < n; i++) {
			if (w->special[(unsigned char)s[i]])
				return 0;
			dst[i] = s[i];
		}
		return 1;
	}
	for (i = 0; i + 8 < n; i += 8) {
		memcpy(&x, s + i, 8);
		if (maybe_special(x, dword) && special_in(w, s + i, 8))
			return 0;
		memcpy(dst + i, &x, 8);
	}
	/* The last 8 bytes, overlapping what was done. */
	memcpy(&x, s + n - 8, 8);
	if (maybe_special(x, dword) && special_in(w, s + n - 8, 8))
		return 0;
	memcpy(dst + n - 8, &x, 8);
	return 1;
}

/* Writes s quoted at d, its quotes doubled; returns the end. */
static char *
quote_at(char *d, const char *s, size_t n)
{
	const char *q, *end = s + n;
	size_t k;

	*d++ = '"';
	while ((q = memchr(s, '"', (size_t)(end - s))) != NULL) {
		k = (size_t)(q - s) + 1;
		memcpy(d, s, k);
		d += k;
		*d++ = '"';
		s = q + 1;
	}
	memcpy(d, s, (size_t)(end - s));
	d += end - s;
	*d++ = '"';
	return d;
}

/*
 * A field a spreadsheet would take for a formula: =, +, - or @ first (the
 * OWASP advice on CSV injection), or a tab or a CR.
 */
static inline int
risky(const struct csvout *w, const char *s, size_t n)
{
	return w->disarm && n > 0 && (s[0] == '=' || s[0] == '+' ||
	    s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

/*
 * A risky field with a ' in front, which a spreadsheet shows as text and
 * does not show: '=1+1, or quoted whole, "'=A1,B1".
 */
static char *
disarmed_at(const struct csvout *w, char *d, const char *s, size_t n)
{
	char *q;

	if (!special_in(w, s, n)) {
		*d++ = '\'';
		memcpy(d, s, n);
		return d + n;
	}
	q = quote_at(d + 1, s, n);
	d[0] = '"';
	d[1] = '\'';
	return q;
}

/* Writes one field at d, quoted when it must be; returns the end. */
static inline char *
field_at(const struct csvout *w, char *d, const char *s, size_t n)
{
	if (risky(w, s, n))
		return disarmed_at(w, d, s, n);
	if (copy_plain(w, d, s, n))
		return d + n;
	return quote_at(d, s, n);
}

/*
 * The most bytes that fields from..n and the line end can take: each
 * quoted, every byte a doubled quote, a delimiter before each.
 */
static size_t
worst_case(const struct csvout *w, const size_t *len, size_t from, size_t n)
{
	size_t i, need = w->eollen;

	for (i = from; i < n; i++)
		need += 2 * len[i] + 3 + (size_t)w->disarm;
	return need;
}

/*
 * Fields from..n of a row, the delimiter before each but the first, and
 * the line end, written straight into the buffer, which room() has made
 * big enough for the worst case: no byte needs a check of its own.
 */
static void
put_fields(struct csvout *w, char *const *f, const size_t *len, size_t from,
    size_t n)
{
	size_t i;
	char *d;

	d = w->buf + w->len;
	for (i = from; i < n; i++) {
		if (i > 0)
			*d++ = (char)w->delim;
		d = field_at(w, d, f[i], len[i]);
	}
	memcpy(d, w->eol, w->eollen);
	w->len = (size_t)(d - w->buf) + w->eollen;
	w->rows++;
}

/* The lengths of the n fields of a row, when the caller gives none. */
static const size_t *
lengths(struct csvout *w, char *const *f, size_t n)
{
	size_t i;

	err_grow(&w->lens, &w->lenscap, n, sizeof(*w->lens));
	for (i = 0; i < n; i++)
		w->lens[i] = strlen(f[i]);
	return w->lens;
}

/*
 * When converting, a row that fits the buffer starts in it, and where
 * is noted with its input line; the first row's names are kept.
 */
static void
mark_row(struct csvout *w, char *const *f, const size_t *len, size_t n)
{
	size_t i;

	if (w->cd == (iconv_t)-1)
		return;
	if (w->head == NULL) {
		w->head = err_calloc(n + 1, sizeof(*w->head));
		for (i = 0; i < n; i++)
			w->head[i] = err_strndup(f[i], len[i]);
		w->nhead = n;
	}
	err_grow(&w->mark, &w->markcap, w->nmark + 1, sizeof(*w->mark));
	w->mark[w->nmark].at = w->len;
	w->mark[w->nmark].line = w->line;
	w->mark[w->nmark++].row = w->rows;
	w->line = 0;
}

void
csvout_row(struct csvout *w, char *const *f, const size_t *len, size_t n)
{
	if (len == NULL)
		len = lengths(w, f, n);
	if (w->html != NULL)
		htmlout_row(w->html, f, len, n);
	if (w->skip) {
		w->skip = 0;
		return;
	}
	if (w->x != NULL) {
		xlsxout_row(w->x, f, len, n);
		return;
	}
	room(w, worst_case(w, len, 0, n));
	mark_row(w, f, len, n);
	put_fields(w, f, len, 0, n);
}

void
csvout_row_plain(struct csvout *w, char *const *f, const size_t *len,
    size_t n, size_t k)
{
	size_t span, i;
	char *d;

	if (k == 0 || len == NULL || w->disarm || w->x != NULL ||
	    w->cd != (iconv_t)-1 || w->skip || w->html != NULL) {
		csvout_row(w, f, len, n);
		return;
	}
	span = (size_t)(f[k - 1] - f[0]) + len[k - 1];
	room(w, span + worst_case(w, len, k, n));
	d = w->buf + w->len;
	memcpy(d, f[0], span);
	for (i = 0; i + 1 < k; i++)
		d[f[i] - f[0] + (ptrdiff_t)len[i]] = (char)w->delim;
	w->len += span;
	put_fields(w, f, len, k, n);
}

int
csvout_workbook(const char *path)
{
	size_t n = path != NULL ? strlen(path) : 0;

	return n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

struct csvout *
csvout_open(const char *path, const struct csvout_opts *o)
{
	struct csvout *w = err_calloc(1, sizeof(*w));
	const char *enc = o->encoding;

	w->cd = (iconv_t)-1;
	if (enc != NULL && strcasecmp(enc, "UTF-8") != 0 &&
	    strcasecmp(enc, "UTF8") != 0) {
		w->cd = iconv_open(enc, "UTF-8");
		if (w->cd == (iconv_t)-1)
			err_exit(EXIT_USAGE, "unknown output encoding '%s' "
			    "(iconv -l lists them)", enc);
		w->enc = enc;
		w->conv = err_malloc(4 * BUFSZ);
	}
	w->delim = o->delim ? o->delim : ',';
	w->special['"'] = w->special['\n'] = w->special['\r'] = 1;
	w->special[w->delim] = 1;
	w->dword = ONES * w->delim;
	w->eol = o->crlf ? "\r\n" : "\n";
	w->disarm = o->disarm;
	w->eollen = strlen(w->eol);
	w->buf = err_malloc(BUFSZ);
	w->cap = BUFSZ;
	w->file = afile_open(path);
	if (o->html != NULL)
		w->html = htmlout_open(o->html, o->html_title != NULL ?
		    o->html_title : o->html);
	if (csvout_workbook(path)) {
		if (afile_tmp(w->file) == NULL)
			err_exit(EXIT_USAGE, "%s: a workbook is written to a "
			    "file, not to a device or a pipe", path);
		w->x = xlsxout_open(path, afile_tmp(w->file), o);
		return w;
	}
	if (o->bom) {			/* U+FEFF, in any encoding */
		memcpy(w->buf, "\xEF\xBB\xBF", 3);
		w->len = 3;
	}
	w->skip = o->no_header;
	return w;
}

static void
destroy(struct csvout *w)
{
	size_t i;

	for (i = 0; i < w->nhead; i++)
		free(w->head[i]);
	free(w->head);
	free(w->mark);
	if (w->cd != (iconv_t)-1)
		iconv_close(w->cd);
	free(w->buf);
	free(w->lens);
	free(w->conv);
	free(w);
}

void
csvout_finish(struct csvout *w)
{
	if (w->done)
		return;
	if (w->x != NULL) {
		xlsxout_close(w->x);
		w->x = NULL;
	} else {
		flush(w);
	}
	afile_finish(w->file);
	if (w->html != NULL)
		htmlout_finish(w->html);
	w->done = 1;
	/* Nothing more is written: a finished writer waiting for its
	   commit keeps no buffer. */
	free(w->buf);
	free(w->conv);
	w->buf = w->conv = NULL;
}

void
csvout_commit(struct csvout *w)
{
	csvout_finish(w);
	afile_commit(w->file);
	if (w->html != NULL)
		htmlout_commit(w->html);
	destroy(w);
}
