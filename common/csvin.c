#include <csv.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "csvin.h"
#include "err.h"
#include "utf8.h"

#define CHUNK (256 * 1024)
#define SNIFF (64 * 1024)

struct entry {
	size_t first, n;	/* fields in the arena */
	unsigned long line;
	char *msg;		/* not NULL for a malformed row */
	size_t plain;		/* see struct rec */
};

struct csvin {
	const char *name;
	char *path;
	int fd;

	/* Raw input and its decoding. */
	char *raw;
	size_t rawlen;
	int eof;
	int utf8;		/* no conversion, validate only */
	int sniffed;		/* the encoding was found, not given */
	int started;		/* the BOM has been looked for */
	const char *enc;
	iconv_t cd;
	char *dec;
	size_t deccap;

	/* Parsing. */
	struct csv_parser p;
	size_t max_field;
	size_t too_big;		/* the field over max_field, from 1 */
	unsigned long line;	/* line of the next byte fed */
	unsigned long rec_line;	/* line of the record in progress, or 0 */
	int last_cr;
	int skip;		/* in the rest of a line whose row was bad */
	char *rt;		/* raw text of the record in progress */
	size_t rtlen, rtcap;

	/* Parsed fields, and the records they make. */
	char *arena;
	size_t alen, acap;
	size_t *foff, *flen;
	size_t nf, fcap;
	size_t cur_first, cur_aoff;	/* the record in progress */
	struct entry *q;
	size_t qn, qcap, qpos;

	int fatal;
	unsigned long fatal_line;
	int done;
	char err[512];
	struct cols header;
};

/* libcsv's buffer for one field may not grow past this. */
static size_t realloc_ceiling;

static void *
capped_realloc(void *p, size_t n)
{
	if (n > realloc_ceiling)
		return NULL;
	return realloc(p, n);
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
parser_init(struct csvin *r, unsigned char delim)
{
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		err_exit(EXIT_DATA, "out of memory");
	csv_set_delim(&r->p, delim);
	csv_set_space_func(&r->p, never_space);
	csv_set_realloc_func(&r->p, capped_realloc);
	csv_set_blk_size(&r->p, 4096);
}

static void
on_field(void *s, size_t len, void *data)
{
	struct csvin *r = data;

	if (len > r->max_field && !r->too_big) {
		r->too_big = r->nf - r->cur_first + 1;
		len = 0;
	}
	if (r->nf == r->fcap) {
		err_grow(&r->foff, &r->fcap, r->nf + 1, sizeof(*r->foff));
		r->flen = err_realloc(r->flen, r->fcap * sizeof(*r->flen));
	}
	if (r->alen + len + 1 > r->acap)
		err_grow(&r->arena, &r->acap, r->alen + len + 1, 1);
	if (len > 0)
		memcpy(r->arena + r->alen, s, len);
	r->arena[r->alen + len] = '\0';
	r->foff[r->nf] = r->alen;
	r->flen[r->nf] = len;
	r->nf++;
	r->alen += len + 1;
}

static void
push_entry(struct csvin *r, unsigned long line, char *msg)
{
	err_grow(&r->q, &r->qcap, r->qn + 1, sizeof(*r->q));
	r->q[r->qn].first = r->cur_first;
	r->q[r->qn].n = r->nf - r->cur_first;
	r->q[r->qn].line = line;
	r->q[r->qn].msg = msg;
	r->q[r->qn].plain = 0;
	r->qn++;
	r->cur_first = r->nf;
	r->cur_aoff = r->alen;
	r->rec_line = 0;
	r->rtlen = 0;
}

/*
 * How many of the n fields of the record just parsed came before its first
 * quote: as many as the delimiters before it, or all n when it has none.
 * Its raw text must be whole (keep_raw cuts it at the field cap).
 */
static size_t
plain_fields(struct csvin *r, size_t n)
{
	const char *s = r->rt, *q, *d;
	size_t k = 0;
	int delim = csv_get_delim(&r->p);

	if (r->rtlen >= r->max_field)
		return 0;
	q = memchr(s, '"', r->rtlen);
	if (q == NULL)
		return n;
	while ((d = memchr(s, delim, (size_t)(q - s))) != NULL) {
		k++;
		s = d + 1;
	}
	return k;
}

static void
on_record(int c, void *data)
{
	struct csvin *r = data;

	(void)c;
	if (!r->too_big) {
		size_t plain = plain_fields(r, r->nf - r->cur_first);

		push_entry(r, r->rec_line, NULL);
		r->q[r->qn - 1].plain = plain;
	}
}

/*
 * A row that cannot be parsed: its raw text becomes its only field, so it
 * can be rejected whole, and parsing starts afresh on the next line; what
 * is left of this one, when it goes on in the next chunks, is skipped.
 */
static void
push_bad(struct csvin *r, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->nf = r->cur_first;
	r->alen = r->cur_aoff;
	while (r->rtlen > 0 && (r->rt[r->rtlen - 1] == '\n' ||
	    r->rt[r->rtlen - 1] == '\r'))
		r->rtlen--;
	on_field(r->rt, r->rtlen, r);
	push_entry(r, r->rec_line ? r->rec_line : r->line, err_strdup(msg));
	csv_free(&r->p);
	parser_init(r, csv_get_delim(&r->p));
	r->too_big = 0;
	r->skip = 1;
}

static void
keep_raw(struct csvin *r, const char *s, size_t len)
{
	size_t room = r->max_field > r->rtlen ? r->max_field - r->rtlen : 0;

	if (len > room)
		len = room;
	err_grow(&r->rt, &r->rtcap, r->rtlen + len, 1);
	memcpy(r->rt + r->rtlen, s, len);
	r->rtlen += len;
}

static void
parse_error(struct csvin *r)
{
	if (r->too_big || csv_error(&r->p) == CSV_ENOMEM)
		push_bad(r, "field %zu is longer than %zu bytes "
		    "(an unterminated quote? --max-field-bytes raises the limit)",
		    r->too_big ? r->too_big : r->nf - r->cur_first + 1,
		    r->max_field);
	else
		push_bad(r, "field %zu: malformed quoting (a field with a quote "
		    "must be quoted whole, its quotes doubled)",
		    r->nf - r->cur_first + 1);
}

/*
 * The end of the line that starts at i: the index just after its '\n' or
 * '\r', or len when it has none.  *cr is the position of the first '\r'
 * at or after the previous line's start (len for none); it is searched
 * again only once passed, so that a file without CRs is searched for them
 * once a chunk rather than once a line.
 */
static size_t
line_end(const char *s, size_t i, size_t len, size_t *cr)
{
	const char *p;

	if (*cr < i) {
		p = memchr(s + i, '\r', len - i);
		*cr = p != NULL ? (size_t)(p - s) : len;
	}
	p = memchr(s + i, '\n', *cr - i);
	if (p != NULL)
		return (size_t)(p - s) + 1;
	return *cr < len ? *cr + 1 : len;
}

/*
 * Feeds decoded text to libcsv a physical line at a time, so that the line
 * a record starts on is known, and blank lines are kept as records.
 */
static void
feed(struct csvin *r, const char *s, size_t len)
{
	const char *p;
	size_t i = 0, j, n, cr;
	int term, nul;

	if (len == 0)
		return;
	p = memchr(s, '\r', len);
	cr = p != NULL ? (size_t)(p - s) : len;
	nul = memchr(s, '\0', len) != NULL;
	while (i < len) {
		j = line_end(s, i, len, &cr);
		term = s[j - 1] == '\n' || s[j - 1] == '\r';
		if (r->skip) {
			/* The rest of a bad row's line, read in a later
			   chunk: part of that row, not rows of its own. */
		} else if (r->rec_line == 0 && term && j - i == 1) {
			if (!(s[i] == '\n' && r->last_cr)) {
				r->rec_line = r->line;
				on_field(NULL, 0, r);
				push_entry(r, r->line, NULL);
			}
		} else {
			if (r->rec_line == 0)
				r->rec_line = r->line;
			keep_raw(r, s + i, j - i);
			if (nul && memchr(s + i, '\0', j - i) != NULL) {
				push_bad(r, "a NUL byte in the data");
			} else {
				n = csv_parse(&r->p, s + i, j - i, on_field,
				    on_record, r);
				if (n < j - i || r->too_big)
					parse_error(r);
			}
		}
		if (term) {
			r->skip = 0;
			/* the '\n' of a CRLF ends the line its '\r' ended */
			if (s[j - 1] == '\r' || !r->last_cr || j - i > 1)
				r->line++;
			r->last_cr = s[j - 1] == '\r';
		} else {
			r->last_cr = 0;
		}
		i = j;
	}
}

static void
set_fatal(struct csvin *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
	r->fatal = 1;
	r->fatal_line = r->line;
}

static int
is_utf8_name(const char *e)
{
	return strcasecmp(e, "UTF-8") == 0 || strcasecmp(e, "UTF8") == 0;
}

static int
open_iconv(struct csvin *r, const char *enc)
{
	r->enc = enc;
	r->cd = iconv_open("UTF-8", enc);
	return r->cd == (iconv_t)-1 ? -1 : 0;
}

/* Reads until the buffer holds want bytes or the input ends. */
static int
read_raw(struct csvin *r, size_t want)
{
	ssize_t n;

	while (r->rawlen < want && !r->eof) {
		n = read(r->fd, r->raw + r->rawlen, want - r->rawlen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			set_fatal(r, "read error: %s", strerror(errno));
			return -1;
		}
		if (n == 0)
			r->eof = 1;
		r->rawlen += (size_t)n;
	}
	return 0;
}

/*
 * UTF-8 with a stray byte or two, not GB18030: GB18030 text read as UTF-8
 * is invalid at nearly every Chinese character, while UTF-8 text with a
 * bad byte has many valid characters for each invalid one.  Read as UTF-8,
 * such a file fails at the bad byte's line instead of being garbled.
 */
static int
mostly_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, ok, good = 0, bad = 0;
	int more;

	while (i < n) {
		ok = utf8_prefix(s + i, n - i, &more);
		for (; ok > 0; ok--, i++)
			good += s[i] >= 0xC0;
		if (i < n && !more) {
			bad++;
			i++;
		} else {
			break;
		}
	}
	return bad <= 8 && good >= 3 * bad;
}

static void
sniff(struct csvin *r)
{
	const unsigned char *u = (const unsigned char *)r->raw;
	int more;

	if (r->rawlen >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
	    (u[0] == 0xFE && u[1] == 0xFF))) {
		open_iconv(r, "UTF-16");
		return;
	}
	if ((r->rawlen >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0) ||
	    utf8_prefix(u, r->rawlen, &more) == r->rawlen ||
	    (more && !r->eof) || mostly_utf8(u, r->rawlen)) {
		r->utf8 = 1;
		r->enc = "UTF-8";
		return;
	}
	open_iconv(r, "GB18030");
}

static void
decode_utf8(struct csvin *r)
{
	size_t off = 0, ok;
	int more;

	if (!r->started && r->rawlen >= 3 && memcmp(r->raw, "\xEF\xBB\xBF", 3) == 0)
		off = 3;
	r->started = 1;
	ok = off + utf8_prefix((unsigned char *)r->raw + off, r->rawlen - off, &more);
	feed(r, r->raw + off, ok - off);
	if (ok < r->rawlen && (!more || r->eof)) {
		if (r->sniffed)
			set_fatal(r, "invalid UTF-8 (the start of the input was "
			    "UTF-8; for a file saved by Chinese Excel, try "
			    "--input-encoding GB18030)");
		else
			set_fatal(r, "invalid UTF-8");
		return;
	}
	memmove(r->raw, r->raw + ok, r->rawlen - ok);
	r->rawlen -= ok;
}

static void
decode_iconv(struct csvin *r)
{
	char *in = r->raw, *out;
	size_t inleft = r->rawlen, outleft, got, skip;
	int e = 0;

	err_grow(&r->dec, &r->deccap, 4 * r->rawlen + 16, 1);
	out = r->dec;
	outleft = r->deccap;
	if (iconv(r->cd, &in, &inleft, &out, &outleft) == (size_t)-1)
		e = errno;
	got = (size_t)(out - r->dec);
	skip = 0;
	if (!r->started && got >= 3 && memcmp(r->dec, "\xEF\xBB\xBF", 3) == 0)
		skip = 3;
	if (got > 0)
		r->started = 1;
	feed(r, r->dec + skip, got - skip);
	if (e == EILSEQ || (e == EINVAL && r->eof)) {
		set_fatal(r, "bytes that are not valid %s (0x%02X)%s", r->enc,
		    (unsigned char)*in, r->sniffed ? "; the input is neither "
		    "UTF-8 nor GB18030: --input-encoding names its encoding" : "");
		return;
	}
	memmove(r->raw, in, inleft);
	r->rawlen = inleft;
}

static void
finish(struct csvin *r)
{
	if (r->rawlen > 0 && !r->fatal) {
		set_fatal(r, "the input ends inside a %s character", r->enc);
		return;
	}
	if (csv_fini(&r->p, on_field, on_record, r) != 0) {
		if (r->too_big || csv_error(&r->p) != CSV_EPARSE)
			parse_error(r);
		else
			push_bad(r, "field %zu: a quoted field is not closed "
			    "before the end of the input",
			    r->nf - r->cur_first + 1);
	} else if (r->too_big) {
		parse_error(r);
	}
	r->done = 1;
}

/* Parses more input into the queue; the queue is empty on entry. */
static void
fill(struct csvin *r)
{
	size_t i, keep = r->nf - r->cur_first;

	for (i = 0; i < r->qn; i++)
		free(r->q[i].msg);
	r->qn = r->qpos = 0;
	if (r->cur_aoff > 0 || r->cur_first > 0) {
		memmove(r->arena, r->arena + r->cur_aoff, r->alen - r->cur_aoff);
		for (i = 0; i < keep; i++) {
			r->foff[i] = r->foff[r->cur_first + i] - r->cur_aoff;
			r->flen[i] = r->flen[r->cur_first + i];
		}
		r->alen -= r->cur_aoff;
		r->nf = keep;
		r->cur_first = r->cur_aoff = 0;
	}
	while (r->qn == 0 && !r->fatal && !r->done) {
		if (!r->utf8 && r->cd == (iconv_t)-1) {
			if (read_raw(r, SNIFF) < 0)
				return;
			r->sniffed = 1;
			sniff(r);
		} else if (read_raw(r, r->rawlen + CHUNK) < 0) {
			return;
		}
		if (r->utf8)
			decode_utf8(r);
		else
			decode_iconv(r);
		if (r->eof && !r->fatal)
			finish(r);
	}
}

void
rec_reserve(struct rec *rec, size_t n)
{
	if (n > rec->cap) {
		err_grow(&rec->f, &rec->cap, n, sizeof(*rec->f));
		rec->len = err_realloc(rec->len, rec->cap * sizeof(*rec->len));
	}
}

void
rec_free(struct rec *rec)
{
	free(rec->f);
	free(rec->len);
	memset(rec, 0, sizeof(*rec));
}

enum csvin_status
csvin_next(struct csvin *r, struct rec *rec)
{
	struct entry *e;
	size_t i;

	if (r->qpos == r->qn)
		fill(r);
	if (r->qpos == r->qn) {
		rec->n = 0;
		rec->plain = 0;
		rec->line = r->fatal_line;
		return r->fatal ? CSVIN_FATAL : CSVIN_EOF;
	}
	e = &r->q[r->qpos++];
	rec_reserve(rec, e->n);
	for (i = 0; i < e->n; i++) {
		rec->f[i] = r->arena + r->foff[e->first + i];
		rec->len[i] = r->flen[e->first + i];
	}
	rec->n = e->n;
	rec->line = e->line;
	rec->plain = e->plain;
	if (e->msg != NULL) {
		snprintf(r->err, sizeof(r->err), "%s", e->msg);
		return CSVIN_BAD;
	}
	if (r->header.n > 0 && rec->n != r->header.n) {
		snprintf(r->err, sizeof(r->err), "expected %zu fields, got %zu%s",
		    r->header.n, rec->n, rec->n == 1 && rec->len[0] == 0 ?
		    " (a blank line)" : "");
		return CSVIN_BAD;
	}
	return CSVIN_ROW;
}

const char *
csvin_error(const struct csvin *r)
{
	return r->err;
}

const char *
csvin_name(const struct csvin *r)
{
	return r->name;
}

const struct cols *
csvin_header(const struct csvin *r)
{
	return &r->header;
}

static int
read_header(struct csvin *r)
{
	struct rec rec = { 0 };
	enum csvin_status st;
	size_t i;
	long dup;

	st = csvin_next(r, &rec);
	if (st == CSVIN_EOF) {
		err_warn("%s: the input is empty: no header line", r->name);
		goto fail;
	}
	if (st != CSVIN_ROW) {
		err_warn("%s:%lu: %s", r->name, rec.line, r->err);
		goto fail;
	}
	for (i = 0; i < rec.n; i++) {
		if (rec.len[i] == 0) {
			err_warn("%s:%lu: column %zu of the header has no name",
			    r->name, rec.line, i + 1);
			goto fail;
		}
		if ((dup = cols_find(&r->header, rec.f[i])) >= 0) {
			err_warn("%s:%lu: the header names '%s' twice "
			    "(columns %ld and %zu)", r->name, rec.line,
			    rec.f[i], dup + 1, i + 1);
			goto fail;
		}
		cols_add(&r->header, rec.f[i]);
	}
	rec_free(&rec);
	return 0;
fail:
	rec_free(&rec);
	return -1;
}

struct csvin *
csvin_open(const char *path, const struct csvin_opts *o)
{
	struct csvin *r = err_calloc(1, sizeof(*r));
	const char *enc = o->encoding ? o->encoding : "auto";

	r->cd = (iconv_t)-1;
	r->line = 1;
	r->max_field = o->max_field ? o->max_field : 1024 * 1024;
	realloc_ceiling = r->max_field + 8192;
	if (path == NULL || strcmp(path, "-") == 0) {
		r->name = "<stdin>";
		r->fd = 0;
	} else {
		r->path = err_strdup(path);
		r->name = r->path;
		r->fd = open(path, O_RDONLY);
		if (r->fd < 0) {
			err_warn("%s: %s", path, strerror(errno));
			goto fail;
		}
	}
	if (is_utf8_name(enc)) {
		r->utf8 = 1;
		r->enc = "UTF-8";
	} else if (strcmp(enc, "auto") != 0 && open_iconv(r, enc) < 0) {
		err_warn("%s: unknown input encoding '%s' (iconv -l lists them)",
		    r->name, enc);
		goto fail;
	}
	r->raw = err_malloc(CHUNK + 64);
	parser_init(r, o->delim ? o->delim : ',');
	if (read_header(r) < 0)
		goto fail;
	return r;
fail:
	csvin_close(r);
	return NULL;
}

void
csvin_close(struct csvin *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->fd > 0)
		close(r->fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	if (r->raw != NULL)
		csv_free(&r->p);
	for (i = 0; i < r->qn; i++)
		free(r->q[i].msg);
	free(r->q);
	free(r->raw);
	free(r->dec);
	free(r->rt);
	free(r->arena);
	free(r->foff);
	free(r->flen);
	free(r->path);
	cols_free(&r->header);
	free(r);
}
