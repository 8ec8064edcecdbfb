#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "afile.h"
#include "csvin.h"
#include "err.h"
#include "utf8.h"

#define CHUNK (256 * 1024)
#define SNIFF (64 * 1024)
#define NOQ ((size_t)-1)
#define NBATCH 3

_Static_assert(SNIFF <= CHUNK, "the first read, of SNIFF bytes, fills raw");

struct entry {
	size_t first, n;	/* fields in the arena */
	unsigned long line;
	char *msg;		/* not NULL for a malformed row */
	size_t plain;		/* see struct rec */
};

/*
 * The records that one fill parses: their fields, one after another in an
 * arena, each followed by its NUL; the record in progress at the end of the
 * fill goes on in the next batch.
 */
struct batch {
	char *arena;
	size_t alen, acap;
	size_t *foff, *flen;
	char **fp;		/* arena + foff, once the fill is done */
	size_t nf, fcap;
	size_t cur_first, cur_aoff;	/* the record in progress */
	struct entry *q;
	size_t qn, qcap;
	int last;		/* the input ends after it (done or fatal) */
	int ready;		/* filled, and not all read yet */
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
	int ascii;		/* sniffed, and no byte past 0x7F read yet */
	int looked;		/* the first bytes were looked at */
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
	size_t rawn;		/* bytes of raw text of the record so far */
	size_t rawq;		/* where its first quote is in them, or NOQ */
	size_t rec_at;		/* where it starts in the text being fed */
	char *rt;		/* its raw text from earlier chunks (a bad */
	size_t rtlen, rtcap;	/* row is rejected with its raw text) */
	int rtcut;		/* rt is cut at the field cap */

	int fatal;		/* the input cannot be read further */
	unsigned long first;	/* --first-line, or 0 */
	long shift;		/* what the records' lines are moved by, */
	int shifted;		/* once the first record is known */
	unsigned long fatal_line;
	char fatal_msg[512];
	int done;		/* the input is all parsed */

	/*
	 * Parsed records: a batch is filled (pb) while another is read
	 * (b[use], from its entry qpos on), in turn round the ring.  With a
	 * reader thread they are handed over under mu: a batch is ready from
	 * when it is filled until it has all been read.
	 */
	struct batch b[NBATCH], *pb;
	size_t use, qpos;
	int ahead;		/* start reading ahead at the next row */
	size_t chunk;		/* the bytes of a read: CHUNK, or SNIFF */
	int threaded, stop;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;

	char err[512];		/* the reader's message for a row */
	struct cols header;
};

static void set_fatal(struct csvin *, const char *, ...)
	__attribute__((format(printf, 2, 3)));

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

/*
 * Copies n bytes; most fields are short, where a call to memcpy() costs more
 * than the copy.  Words that overlap in the middle cover any length from 4
 * to 16 without a loop.
 */
static inline void
copy_short(char *d, const char *s, size_t n)
{
	uint64_t a, b;
	uint32_t x, y;

	if (n >= 8 && n <= 16) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + n - 8, &b, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(&x, s, 4);
		memcpy(&y, s + n - 4, 4);
		memcpy(d, &x, 4);
		memcpy(d + n - 4, &y, 4);
	} else if (n < 4) {
		while (n-- > 0)
			*d++ = *s++;
	} else {
		memcpy(d, s, n);
	}
}

static void
on_field(void *s, size_t len, void *data)
{
	struct csvin *r = data;
	struct batch *b = r->pb;
	size_t at = b->alen;

	if (len > r->max_field && !r->too_big) {
		r->too_big = b->nf - b->cur_first + 1;
		len = 0;
	}
	if (b->nf == b->fcap) {
		err_grow(&b->foff, &b->fcap, b->nf + 1, sizeof(*b->foff));
		b->flen = err_realloc(b->flen, b->fcap * sizeof(*b->flen));
		b->fp = err_realloc(b->fp, b->fcap * sizeof(*b->fp));
	}
	if (at + len + 1 > b->acap)
		err_grow(&b->arena, &b->acap, at + len + 1, 1);
	copy_short(b->arena + at, s, len);
	b->arena[at + len] = '\0';
	b->foff[b->nf] = at;
	b->flen[b->nf] = len;
	b->nf++;
	b->alen = at + len + 1;
}

static void
push_entry(struct csvin *r, unsigned long line, char *msg)
{
	struct batch *b = r->pb;

	err_grow(&b->q, &b->qcap, b->qn + 1, sizeof(*b->q));
	b->q[b->qn].first = b->cur_first;
	b->q[b->qn].n = b->nf - b->cur_first;
	b->q[b->qn].line = line;
	b->q[b->qn].msg = msg;
	b->q[b->qn].plain = 0;
	b->qn++;
	b->cur_first = b->nf;
	b->cur_aoff = b->alen;
	r->rec_line = 0;
	r->rtlen = 0;
	r->rtcut = 0;
}

/*
 * How many of the n fields of the record just parsed came before its first
 * quote.  Those were read as they are in the raw text, one delimiter after
 * each, so field k starts where the lengths before it and their delimiters
 * add up to, and it is plain when it ends before the quote.
 */
static size_t
plain_fields(const struct csvin *r, size_t n)
{
	const size_t *len = r->pb->flen + r->pb->cur_first;
	size_t k = 0, pos = 0;

	if (r->rawq == NOQ)
		return n;
	while (k < n && pos + len[k] < r->rawq) {
		pos += len[k] + 1;
		k++;
	}
	return k;
}

static void
on_record(int c, void *data)
{
	struct csvin *r = data;

	(void)c;
	if (!r->too_big) {
		struct batch *b = r->pb;
		size_t plain = plain_fields(r, b->nf - b->cur_first);

		push_entry(r, r->rec_line, NULL);
		b->q[b->qn - 1].plain = plain;
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
	vsnprintf(msg, sizeof(msg), gettext(fmt), ap);
	va_end(ap);
	r->pb->nf = r->pb->cur_first;
	r->pb->alen = r->pb->cur_aoff;
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

/*
 * Keeps the raw text of the record in progress, from where it starts in the
 * text being fed up to end, for a bad row's reject or for the next chunk.
 * It is cut at the field cap, at the start of a character: the text is
 * UTF-8 by now, and the rejects file stays so.
 */
static void
spill(struct csvin *r, const char *s, size_t end)
{
	size_t len = end - r->rec_at;
	size_t room = r->max_field - r->rtlen;

	if (r->rtcut) {
		len = 0;
	} else if (len > room) {
		len = room;
		while (len > 0 &&
		    ((unsigned char)s[r->rec_at + len] & 0xC0) == 0x80)
			len--;
		r->rtcut = 1;
	}
	err_grow(&r->rt, &r->rtcap, r->rtlen + len, 1);
	memcpy(r->rt + r->rtlen, s + r->rec_at, len);
	r->rtlen += len;
	r->rec_at = end;
}

/*
 * libcsv grows a field's buffer through capped_realloc(), halving what it
 * asks for, down to one byte, before it gives up with CSV_ENOMEM.  So a
 * buffer that reached the ceiling holds a field that is too long, and one
 * short of it was refused by realloc() itself: the memory is out, not the
 * field over the limit, and the input cannot be read further.
 */
static int
out_of_memory(struct csvin *r)
{
	return !r->too_big && csv_error(&r->p) == CSV_ENOMEM &&
	    csv_get_buffer_size(&r->p) < realloc_ceiling;
}

static void
parse_error(struct csvin *r)
{
	if (out_of_memory(r)) {
		set_fatal(r, "out of memory");
		if (r->rec_line != 0)
			r->fatal_line = r->rec_line;
		return;
	}
	if (r->too_big || csv_error(&r->p) == CSV_ENOMEM)
		push_bad(r, "field %zu is longer than %zu bytes "
		    "(an unterminated quote? --max-field-bytes raises the limit)",
		    r->too_big ? r->too_big : r->pb->nf - r->pb->cur_first + 1,
		    r->max_field);
	else
		push_bad(r, "field %zu: malformed quoting (a field with a quote "
		    "must be quoted whole, its quotes doubled)",
		    r->pb->nf - r->pb->cur_first + 1);
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
 * Parses the line s[i..j) of a record, which starts on it or goes on from
 * the lines before.  *q is the position of the first quote at or after the
 * previous line's start (len for none), searched again only once passed,
 * as line_end() does for CRs.
 */
static void
parse_line(struct csvin *r, const char *s, size_t i, size_t j, size_t len,
    size_t *q)
{
	const char *p;

	if (r->rec_line == 0) {
		r->rec_line = r->line;
		r->rec_at = i;
		r->rawn = 0;
		r->rawq = NOQ;
	}
	if (*q < i) {
		p = memchr(s + i, '"', len - i);
		*q = p != NULL ? (size_t)(p - s) : len;
	}
	if (r->rawq == NOQ && *q < j)
		r->rawq = r->rawn + (*q - i);
	r->rawn += j - i;
	if (csv_parse(&r->p, s + i, j - i, on_field, on_record, r) < j - i ||
	    r->too_big) {
		spill(r, s, j);
		parse_error(r);
	}
}

/*
 * Feeds decoded text to libcsv a physical line at a time, so that the line
 * a record starts on is known, and blank lines are kept as records.
 */
static void
feed(struct csvin *r, const char *s, size_t len)
{
	const char *p;
	size_t i = 0, j, cr, q;
	int term, nul;

	if (len == 0)
		return;
	p = memchr(s, '\r', len);
	cr = p != NULL ? (size_t)(p - s) : len;
	p = memchr(s, '"', len);
	q = p != NULL ? (size_t)(p - s) : len;
	nul = memchr(s, '\0', len) != NULL;
	r->rec_at = 0;
	while (i < len && !r->fatal) {
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
		} else if (nul && memchr(s + i, '\0', j - i) != NULL) {
			if (r->rec_line == 0) {
				r->rec_line = r->line;
				r->rec_at = i;
			}
			spill(r, s, j);
			push_bad(r, "a NUL byte in the data");
		} else {
			parse_line(r, s, i, j, len, &q);
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
	if (r->rec_line != 0 && !r->fatal)
		spill(r, s, len);
}

static void
set_fatal(struct csvin *r, const char *fmt, ...)
{
	va_list ap;

	/* The first reason is the one to tell. */
	if (r->fatal)
		return;
	va_start(ap, fmt);
	vsnprintf(r->fatal_msg, sizeof(r->fatal_msg), gettext(fmt), ap);
	va_end(ap);
	r->fatal = 1;
	r->fatal_line = r->line;
}

static int
is_utf8_name(const char *e)
{
	return strcasecmp(e, "UTF-8") == 0 || strcasecmp(e, "UTF8") == 0;
}

/*
 * -1 when iconv does not know enc (EINVAL), the user's mistake; any other
 * failure (no memory for the converter) ends the run, saying so, rather
 * than calling a known encoding unknown.
 */
static int
open_iconv(struct csvin *r, const char *enc)
{
	r->enc = enc;
	r->cd = iconv_open("UTF-8", enc);
	if (r->cd != (iconv_t)-1)
		return 0;
	if (errno != EINVAL)
		err_exit(EXIT_DATA, "%s: %s", r->name, strerror(errno));
	return -1;
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

/* 1 when no byte of s[0..n) is past 0x7F. */
static int
all_ascii(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= 0x80)
			return 0;
	return 1;
}

/*
 * UTF-16 without a byte order mark, as some exports write it: ASCII
 * characters with a NUL byte on the same side of most pairs.  Returns
 * "UTF-16LE", "UTF-16BE" or NULL.
 */
static const char *
utf16_without_bom(const unsigned char *s, size_t n)
{
	size_t i, le = 0, be = 0, pairs = n / 2 < 64 ? n / 2 : 64;

	for (i = 0; i < pairs; i++) {
		le += s[2 * i] != 0 && s[2 * i + 1] == 0;
		be += s[2 * i] == 0 && s[2 * i + 1] != 0;
	}
	if (pairs >= 2 && le >= pairs * 3 / 4)
		return "UTF-16LE";
	if (pairs >= 2 && be >= pairs * 3 / 4)
		return "UTF-16BE";
	return NULL;
}

/*
 * Files that are not CSV, as a back office feeds them by mistake: an
 * Excel workbook, new (a zip) or old (an OLE2 file), and UTF-16 text
 * without a byte order mark.  The message says what to do.
 */
static void
look(struct csvin *r)
{
	const unsigned char *u = (const unsigned char *)r->raw;
	const char *file = r->path ? r->path : "FILE", *e;

	r->looked = 1;
	if (r->rawlen >= 4 && memcmp(u, "PK\x03\x04", 4) == 0)
		set_fatal(r, "an Excel workbook (.xlsx) or another zip file, "
		    "not CSV: save it from Excel as CSV, or convert it with "
		    "xlsx2csv (Debian package xlsx2csv): xlsx2csv '%s' > "
		    "list.csv", file);
	else if (r->rawlen >= 8 &&
	    memcmp(u, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		set_fatal(r, "an Excel 97-2003 workbook (.xls), not CSV: save "
		    "it from Excel as CSV, or convert it with LibreOffice: "
		    "libreoffice --headless --convert-to csv '%s'", file);
	else if (r->enc == NULL && (e = utf16_without_bom(u, r->rawlen)))
		set_fatal(r, "UTF-16 text without a byte order mark: "
		    "--input-encoding %s reads it", e);
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
		/* ASCII is both UTF-8 and GB18030: the first byte past it
		   decides (decode_utf8). */
		r->ascii = all_ascii(u, r->rawlen);
		return;
	}
	open_iconv(r, "GB18030");
}

static void decode_iconv(struct csvin *r);

static void
decode_utf8(struct csvin *r)
{
	size_t off = 0, ok;
	int more;

	if (!r->started && r->rawlen >= 3 && memcmp(r->raw, "\xEF\xBB\xBF", 3) == 0)
		off = 3;
	r->started = 1;
	ok = off + utf8_prefix((unsigned char *)r->raw + off, r->rawlen - off, &more);
	if (r->ascii && !all_ascii((unsigned char *)r->raw + off, ok - off))
		r->ascii = 0;
	if (r->ascii && ok < r->rawlen && (!more || r->eof) &&
	    !mostly_utf8((unsigned char *)r->raw + ok, r->rawlen - ok)) {
		/* The first 64 KiB were ASCII, and what comes past them is
		   not UTF-8: GB18030, from here on. */
		feed(r, r->raw + off, ok - off);
		memmove(r->raw, r->raw + ok, r->rawlen - ok);
		r->rawlen -= ok;
		r->ascii = 0;
		r->utf8 = 0;
		open_iconv(r, "GB18030");
		decode_iconv(r);
		return;
	}
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
		    (unsigned char)*in, r->sniffed ? _("; the input is neither "
		    "UTF-8 nor GB18030: --input-encoding names its encoding") : "");
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
			    r->pb->nf - r->pb->cur_first + 1);
	} else if (r->too_big) {
		parse_error(r);
	}
	r->done = 1;
}

/*
 * Starts batch b afresh with the record in progress at the end of prev (the
 * batch filled before it, which may be read meanwhile, but not changed).
 */
static void
carry(struct batch *b, const struct batch *prev)
{
	size_t i, keep = prev->nf - prev->cur_first;
	size_t bytes = prev->alen - prev->cur_aoff;

	for (i = 0; i < b->qn; i++)
		free(b->q[i].msg);
	b->qn = 0;
	b->nf = keep;
	b->alen = bytes;
	b->cur_first = b->cur_aoff = 0;
	if (keep == 0)
		return;
	err_grow(&b->arena, &b->acap, bytes, 1);
	memcpy(b->arena, prev->arena + prev->cur_aoff, bytes);
	if (keep > b->fcap) {
		err_grow(&b->foff, &b->fcap, keep, sizeof(*b->foff));
		b->flen = err_realloc(b->flen, b->fcap * sizeof(*b->flen));
		b->fp = err_realloc(b->fp, b->fcap * sizeof(*b->fp));
	}
	for (i = 0; i < keep; i++) {
		b->foff[i] = prev->foff[prev->cur_first + i] - prev->cur_aoff;
		b->flen[i] = prev->flen[prev->cur_first + i];
	}
}

/*
 * Fills batch b with at least one record, or up to the end of the input
 * (or the point past which it cannot be read).
 */
static void
produce(struct csvin *r, struct batch *b, const struct batch *prev)
{
	size_t i;

	carry(b, prev);
	r->pb = b;
	while (b->qn == 0 && !r->fatal && !r->done) {
		if (!r->utf8 && r->cd == (iconv_t)-1) {
			if (read_raw(r, SNIFF) < 0)
				break;
			look(r);
			if (r->fatal)
				break;
			r->sniffed = 1;
			sniff(r);
		} else if (read_raw(r, r->rawlen + r->chunk) < 0) {
			break;
		}
		if (!r->looked && (look(r), r->fatal))
			break;
		if (r->utf8)
			decode_utf8(r);
		else
			decode_iconv(r);
		if (r->eof && !r->fatal)
			finish(r);
	}
	for (i = 0; i < b->nf; i++)
		b->fp[i] = b->arena + b->foff[i];
	b->last = r->fatal || r->done;
}

/*
 * The reader thread: fills each batch in turn once it has all been read,
 * until the input ends or the reader is stopped.
 */
static void *
reader(void *arg)
{
	struct csvin *r = arg;
	size_t k = (r->use + 1) % NBATCH;

	for (;;) {
		pthread_mutex_lock(&r->mu);
		while (r->b[k].ready && !r->stop)
			pthread_cond_wait(&r->cv, &r->mu);
		if (r->stop) {
			pthread_mutex_unlock(&r->mu);
			break;
		}
		pthread_mutex_unlock(&r->mu);
		produce(r, &r->b[k], &r->b[(k + NBATCH - 1) % NBATCH]);
		pthread_mutex_lock(&r->mu);
		r->b[k].ready = 1;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		if (r->b[k].last)
			break;
		k = (k + 1) % NBATCH;
	}
	return NULL;
}

/*
 * Starts reading ahead on a thread of its own, so that parsing the next
 * records overlaps the tool's work on these; at the first row after the
 * header, so that a file opened for its header alone starts none, and only
 * when the input goes on past the first batch.  Without a thread (the
 * system refuses one) the reader parses in turn with the tool.
 */
static void
start_reader(struct csvin *r)
{
	pthread_attr_t attr;
	sigset_t old;

	if (r->b[r->use].last || pthread_attr_init(&attr) != 0)
		return;
	pthread_attr_setstacksize(&attr, 1024 * 1024);
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	r->b[r->use].ready = 1;
	/* The signals that stop a run go to the tool's thread, which
	   removes the temporary files (afile.h): the reader starts with
	   them blocked. */
	afile_hold_signals(&old);
	if (pthread_create(&r->thread, &attr, reader, r) == 0) {
		r->threaded = 1;
	} else {
		r->b[r->use].ready = 0;
		pthread_mutex_destroy(&r->mu);
		pthread_cond_destroy(&r->cv);
	}
	afile_release_signals(&old);
	pthread_attr_destroy(&attr);
}

/* The batch being read is all read: moves on to the next one. */
static void
next_batch(struct csvin *r)
{
	size_t k = (r->use + 1) % NBATCH;

	if (!r->threaded) {
		produce(r, &r->b[k], &r->b[r->use]);
	} else {
		pthread_mutex_lock(&r->mu);
		r->b[r->use].ready = 0;
		pthread_cond_broadcast(&r->cv);
		while (!r->b[k].ready)
			pthread_cond_wait(&r->cv, &r->mu);
		pthread_mutex_unlock(&r->mu);
	}
	r->use = k;
	r->qpos = 0;
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

void
csvin_first_line(struct csvin *r, unsigned long n)
{
	r->first = n;
}

/* A record's line in the whole file, with --first-line. */
static unsigned long
renumber(struct csvin *r, unsigned long line)
{
	if (r->first == 0)
		return line;
	if (!r->shifted) {
		r->shift = (long)r->first - (long)line;
		r->shifted = 1;
	}
	return (unsigned long)((long)line + r->shift);
}

enum csvin_status
csvin_next(struct csvin *r, struct rec *rec)
{
	struct batch *b = &r->b[r->use];
	struct entry *e;

	if (r->ahead) {
		r->ahead = 0;
		start_reader(r);
	}
	while (r->qpos == b->qn && !b->last) {
		next_batch(r);
		b = &r->b[r->use];
	}
	if (r->qpos == b->qn) {
		rec->n = 0;
		rec->plain = 0;
		rec->line = renumber(r, r->fatal_line);
		if (!r->fatal)
			return CSVIN_EOF;
		snprintf(r->err, sizeof(r->err), "%s", r->fatal_msg);
		return CSVIN_FATAL;
	}
	e = &b->q[r->qpos++];
	rec_reserve(rec, e->n);
	memcpy(rec->f, b->fp + e->first, e->n * sizeof(*rec->f));
	memcpy(rec->len, b->flen + e->first, e->n * sizeof(*rec->len));
	rec->n = e->n;
	rec->line = renumber(r, e->line);
	rec->plain = e->plain;
	if (e->msg != NULL) {
		snprintf(r->err, sizeof(r->err), "%s", e->msg);
		return CSVIN_BAD;
	}
	if (r->header.n > 0 && rec->n != r->header.n) {
		snprintf(r->err, sizeof(r->err),
		    _("expected %zu fields, got %zu%s"),
		    r->header.n, rec->n, rec->n == 1 && rec->len[0] == 0 ?
		    _(" (a blank line)") : "");
		return CSVIN_BAD;
	}
	return CSVIN_ROW;
}

const char *
csvin_peek(const struct csvin *r, size_t k, size_t col)
{
	const struct batch *b = &r->b[r->use];
	const struct entry *e;

	if (r->ahead || r->qpos + k >= b->qn)
		return NULL;
	e = &b->q[r->qpos + k];
	return e->msg == NULL && col < e->n ? b->fp[e->first + col] : NULL;
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

/*
 * A header of one name that is a list of names by another delimiter, as
 * Excel saves "CSV" where the decimal point is a comma: what it holds,
 * and the option that reads it; or NULL.
 */
static const char *const *
other_delimiter(const struct csvin *r, const char *name)
{
	static const char *const semi[] = {
		"semicolons", "for a file separated by semicolons, give -d ';'"
	};
	static const char *const tab[] = {
		"tabs", "for a file separated by tabs, give --tsv"
	};
	size_t n;
	const char *p;

	if (csv_get_delim((struct csv_parser *)&r->p) != ',')
		return NULL;
	for (n = 0, p = name; (p = strchr(p, ';')) != NULL; p++)
		n++;
	if (n >= 2)
		return semi;
	if (strchr(name, '\t') != NULL)
		return tab;
	return NULL;
}

static int
read_header(struct csvin *r)
{
	const char *const *hint;
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
	if (rec.n == 1 && (hint = other_delimiter(r, rec.f[0])) != NULL) {
		err_warn("%s:%lu: the header has no ',' between its names, "
		    "but %s: %s", r->name, rec.line, hint[0], hint[1]);
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
	/* A serial reader reads less at a time: its batches are as much
	   smaller (the bytes a read decodes into). */
	r->chunk = o->serial ? SNIFF : CHUNK;
	r->raw = err_malloc(r->chunk + 64);
	parser_init(r, o->delim ? o->delim : ',');
	if (read_header(r) < 0)
		goto fail;
	r->ahead = !o->serial;
	return r;
fail:
	csvin_close(r);
	return NULL;
}

void
csvin_close(struct csvin *r)
{
	size_t i, k;

	if (r == NULL)
		return;
	if (r->threaded) {
		pthread_mutex_lock(&r->mu);
		r->stop = 1;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		pthread_join(r->thread, NULL);
		pthread_mutex_destroy(&r->mu);
		pthread_cond_destroy(&r->cv);
	}
	if (r->fd > 0)
		close(r->fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	if (r->raw != NULL)
		csv_free(&r->p);
	for (k = 0; k < NBATCH; k++) {
		for (i = 0; i < r->b[k].qn; i++)
			free(r->b[k].q[i].msg);
		free(r->b[k].q);
		free(r->b[k].arena);
		free(r->b[k].foff);
		free(r->b[k].flen);
		free(r->b[k].fp);
	}
	free(r->raw);
	free(r->dec);
	free(r->rt);
	free(r->path);
	cols_free(&r->header);
	free(r);
}
