#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvout.h"
#include "err.h"

#define BUFSZ (128 * 1024)

struct csvout {
	char *name;		/* as given, for messages */
	char *path;		/* the file to put in place, or NULL */
	char *tmp;		/* the temporary file beside it */
	int fd;
	unsigned char delim;
	const char *eol;
	size_t eollen;
	char *buf;
	size_t len;
	iconv_t cd;
	const char *enc;
	char *conv;
	unsigned long rows;
	int direct;		/* a device or pipe: fd closed at the end */
	unsigned char special[256];	/* bytes that make a field quoted */
	uint64_t dword;		/* the delimiter in every byte */
	size_t *lens;		/* csvout_row() without lengths */
	size_t lenscap;
	struct csvout *volatile next;	/* in the pending list */
};

/*
 * Writers whose temporary file must go if the run fails or is stopped: a
 * list, newest first, as long as the run needs (cm-followup --ics keeps
 * one a file until it commits them all).  Each change is one pointer
 * store, so that the signal handler sees the list whole.
 */
static struct csvout *volatile pending;

/*
 * SIGTERM, SIGINT and SIGHUP: the temporary files go, then the signal is
 * raised again with its default action, so that the caller sees the run
 * killed by it, as sort(1) does.  unlink() and raise() are safe here.
 */
static void
on_signal(int sig)
{
	struct csvout *w;

	for (w = pending; w != NULL; w = w->next)
		if (w->path != NULL)
			unlink(w->tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };

/* Catches the signals that stop a run, unless they are ignored (nohup). */
static void
catch_signals(void)
{
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}

/*
 * Holds the signals that stop a run (block) until they are let through
 * again (!block, with the mask that block saved in old): a temporary
 * file is created and put on the list, or taken off and removed, in one
 * piece, so that none is left behind by a signal in between.
 */
static void
hold_signals(int block, sigset_t *old)
{
	sigset_t set;
	size_t i;

	if (!block) {
		pthread_sigmask(SIG_SETMASK, old, NULL);
		return;
	}
	sigemptyset(&set);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&set, sigs[i]);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

static void
remove_pending(void)
{
	while (pending != NULL)
		csvout_abort(pending);
}

/* Puts w on the pending list (on) or takes it off. */
static void
track(struct csvout *w, int on)
{
	static int hooked;
	struct csvout *volatile *p;

	if (!hooked) {
		err_onexit(remove_pending);
		catch_signals();
		hooked = 1;
	}
	if (on) {
		w->next = pending;
		pending = w;
		return;
	}
	for (p = &pending; *p != NULL; p = &(*p)->next)
		if (*p == w) {
			*p = w->next;
			return;
		}
}

static void
write_all(struct csvout *w, const char *s, size_t n)
{
	ssize_t k;

	while (n > 0) {
		k = write(w->fd, s, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			err_exit(EXIT_DATA, "%s: write error: %s", w->name,
			    strerror(errno));
		}
		s += k;
		n -= (size_t)k;
	}
}

static void
flush(struct csvout *w)
{
	char *in = w->buf, *out;
	size_t inleft = w->len, outleft;

	if (w->cd == (iconv_t)-1) {
		write_all(w, w->buf, w->len);
		w->len = 0;
		return;
	}
	while (inleft > 0) {
		out = w->conv;
		outleft = 4 * BUFSZ;
		if (iconv(w->cd, &in, &inleft, &out, &outleft) == (size_t)-1 &&
		    errno != E2BIG) {
			err_exit(EXIT_DATA, "%s: a character near output row %lu "
			    "cannot be written in %s (--output-encoding UTF-8 "
			    "can write every character)", w->name, w->rows,
			    w->enc);
		}
		write_all(w, w->conv, (size_t)(out - w->conv));
	}
	w->len = 0;
}

/* Appends n bytes, flushing as needed. */
static void
put_slow(struct csvout *w, const char *s, size_t n)
{
	size_t k;

	while (w->len + n > BUFSZ) {
		k = BUFSZ - w->len;
		memcpy(w->buf + w->len, s, k);
		w->len = BUFSZ;
		/* Never cut a UTF-8 character in two before converting it. */
		while (w->cd != (iconv_t)-1 && w->len > 0 &&
		    ((unsigned char)w->buf[w->len - 1] & 0xC0) == 0x80)
			w->len--;
		if (w->cd != (iconv_t)-1 && w->len > 0 &&
		    (unsigned char)w->buf[w->len - 1] >= 0xC0)
			w->len--;
		k -= BUFSZ - w->len;
		flush(w);
		s += k;
		n -= k;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static inline void
put(struct csvout *w, const char *s, size_t n)
{
	if (n <= BUFSZ - w->len) {
		memcpy(w->buf + w->len, s, n);
		w->len += n;
	} else {
		put_slow(w, s, n);
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

/* Writes one field at d, quoted when it must be; returns the end. */
static inline char *
field_at(const struct csvout *w, char *d, const char *s, size_t n)
{
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
		need += 2 * len[i] + 3;
	return need;
}

/*
 * Fields from..n of a row, the delimiter before each but the first, and
 * the line end, written straight into the buffer: room for the worst case
 * is made first, so no byte needs a check of its own.  A row too long for
 * the buffer goes through put_slow() a field at a time.
 */
static void
put_fields(struct csvout *w, char *const *f, const size_t *len, size_t from,
    size_t n)
{
	size_t i, l;
	char *d, *q;

	if (worst_case(w, len, from, n) > BUFSZ - w->len) {
		flush(w);
		if (worst_case(w, len, from, n) > BUFSZ) {
			for (i = from; i < n; i++) {
				if (i > 0)
					put_slow(w, (const char *)&w->delim, 1);
				if (!special_in(w, f[i], len[i])) {
					put_slow(w, f[i], len[i]);
					continue;
				}
				q = err_malloc(2 * len[i] + 2);
				l = (size_t)(quote_at(q, f[i], len[i]) - q);
				put_slow(w, q, l);
				free(q);
			}
			put_slow(w, w->eol, w->eollen);
			w->rows++;
			return;
		}
	}
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

void
csvout_put(struct csvout *w, const char *s, size_t n)
{
	put(w, s, n);
}

void
csvout_row(struct csvout *w, char *const *f, const size_t *len, size_t n)
{
	put_fields(w, f, len != NULL ? len : lengths(w, f, n), 0, n);
}

void
csvout_row_plain(struct csvout *w, char *const *f, const size_t *len,
    size_t n, size_t k)
{
	size_t span, i;
	char *d;

	if (k == 0 || len == NULL) {
		csvout_row(w, f, len, n);
		return;
	}
	span = (size_t)(f[k - 1] - f[0]) + len[k - 1];
	if (span > BUFSZ - w->len) {
		put_fields(w, f, len, 0, n);
		return;
	}
	d = w->buf + w->len;
	memcpy(d, f[0], span);
	for (i = 0; i + 1 < k; i++)
		d[f[i] - f[0] + (ptrdiff_t)len[i]] = (char)w->delim;
	w->len += span;
	put_fields(w, f, len, k, n);
}

static int
under_dev(const char *path)
{
	return strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0;
}

/*
 * A regular file (or a new one) is written beside and renamed into place,
 * through any symbolic link to it.  Anything else, and anything under
 * /dev or /proc (/dev/stdout, a FIFO, a terminal), is written directly:
 * renaming over it would replace it, and truncating it could cut what
 * another writer (the shell's redirection) put there.
 */
static void
open_file(struct csvout *w, const char *path)
{
	struct stat st;
	sigset_t held;
	mode_t mask;
	char *real = realpath(path, NULL);
	const char *target = real ? real : path;
	size_t n = strlen(target);
	int exists = stat(target, &st) == 0;

	if ((exists && !S_ISREG(st.st_mode)) || under_dev(path) ||
	    under_dev(target)) {
		free(real);
		w->fd = open(path, O_WRONLY | O_APPEND);
		if (w->fd < 0)
			err_exit(EXIT_DATA, "%s: %s", path, strerror(errno));
		w->direct = 1;
		return;
	}
	w->path = err_strdup(target);
	free(real);
	w->tmp = err_malloc(n + 16);
	snprintf(w->tmp, n + 16, "%s.cmtmpXXXXXX", w->path);
	hold_signals(1, &held);
	w->fd = mkstemp(w->tmp);
	if (w->fd < 0)
		err_exit(EXIT_DATA, "%s: cannot create a file beside it: %s",
		    path, strerror(errno));
	track(w, 1);
	hold_signals(0, &held);
	if (exists) {
		fchmod(w->fd, st.st_mode & 07777);
	} else {
		mask = umask(0);
		umask(mask);
		fchmod(w->fd, 0666 & ~mask);
	}
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
	w->eollen = strlen(w->eol);
	w->buf = err_malloc(BUFSZ);
	if (path == NULL || strcmp(path, "-") == 0) {
		w->name = err_strdup("<stdout>");
		w->fd = 1;
	} else {
		open_file(w, path);
		w->name = err_strdup(path);
	}
	if (o->bom)
		put(w, "\xEF\xBB\xBF", 3);	/* U+FEFF, in any encoding */
	return w;
}

static void
destroy(struct csvout *w)
{
	if (w->cd != (iconv_t)-1)
		iconv_close(w->cd);
	free(w->buf);
	free(w->lens);
	free(w->conv);
	free(w->name);
	free(w->path);
	free(w->tmp);
	free(w);
}

void
csvout_finish(struct csvout *w)
{
	if (w->fd < 0)
		return;
	flush(w);
	if (w->path != NULL && fsync(w->fd) != 0 && errno != EINVAL)
		err_exit(EXIT_DATA, "%s: %s", w->name, strerror(errno));
	if ((w->path != NULL || w->direct) && close(w->fd) != 0)
		err_exit(EXIT_DATA, "%s: %s", w->name, strerror(errno));
	w->fd = -1;
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
	if (w->path != NULL && rename(w->tmp, w->path) != 0)
		err_exit(EXIT_DATA, "%s: cannot put the output in place: %s",
		    w->name, strerror(errno));
	track(w, 0);
	destroy(w);
}

int
csvout_same(const char *a, const char *b)
{
	char *ra, *rb;
	int same;

	if (a == NULL || b == NULL || strcmp(a, "-") == 0 ||
	    strcmp(b, "-") == 0 || under_dev(a) || under_dev(b))
		return 0;
	if (strcmp(a, b) == 0)
		return 1;
	ra = realpath(a, NULL);
	rb = realpath(b, NULL);
	same = ra != NULL && rb != NULL && strcmp(ra, rb) == 0;
	free(ra);
	free(rb);
	return same;
}

void
csvout_abort(struct csvout *w)
{
	sigset_t held;

	if (w == NULL)
		return;
	hold_signals(1, &held);
	track(w, 0);
	if (w->fd >= 0 && (w->path != NULL || w->direct))
		close(w->fd);
	if (w->path != NULL)
		unlink(w->tmp);
	hold_signals(0, &held);
	destroy(w);
}
