/* madvise() and MADV_HUGEPAGE are Linux's, outside _XOPEN_SOURCE. */
#define _DEFAULT_SOURCE

#include <sys/mman.h>
#include <sys/resource.h>

#include <malloc.h>
#include <stdint.h>
#include <unistd.h>

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

static const char *prog = "cm";
static void (*hooks[8])(void);
static int nhooks;

#ifndef CM_LOCALEDIR
#define CM_LOCALEDIR "/usr/local/share/locale"
#endif

/*
 * From UTF-8 (the catalog's, and the data's) to the user's encoding, when
 * that is another one: opened once by err_locale(), so that a message
 * written when memory has run out needs none.
 */
static iconv_t conv = (iconv_t)-1;
static pthread_mutex_t convlock = PTHREAD_MUTEX_INITIALIZER;

void
err_setprog(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	prog = slash ? slash + 1 : argv0;
}

const char *
err_prog(void)
{
	return prog;
}

void
err_locale(void)
{
	const char *dir = getenv("CM_LOCALEDIR");

	/*
	 * LC_MESSAGES and LC_CTYPE only: LC_NUMERIC stays "C", since the
	 * numbers of the data and the rules are read with strtod().  The
	 * user's LC_CTYPE stays while the options are read, so that
	 * getopt's own messages (GNU libc's catalog) come in the user's
	 * encoding; tool_main() then sets its own.
	 */
	setlocale(LC_MESSAGES, "");
	if (setlocale(LC_CTYPE, "") != NULL) {
		const char *cs = nl_langinfo(CODESET);
		char to[64];

		snprintf(to, sizeof(to), "%s//TRANSLIT", cs);
		if (strcmp(cs, "UTF-8") != 0 &&
		    strcmp(cs, "ANSI_X3.4-1968") != 0)
			conv = iconv_open(to, "UTF-8");
	}
	bindtextdomain("cm", dir != NULL && *dir != '\0' ? dir :
	    CM_LOCALEDIR);
	bind_textdomain_codeset("cm", "UTF-8");
	textdomain("cm");
}

/*
 * Writes s to fp in the user's encoding.  A byte iconv cannot read (data
 * that is not UTF-8) or a character it cannot write goes out as '?'.
 */
static void
put_to(FILE *fp, const char *s, size_t n)
{
	char buf[1024], *in = (char *)s, *out;
	size_t left = n, room;

	if (conv == (iconv_t)-1) {
		fwrite(s, 1, n, fp);
		return;
	}
	pthread_mutex_lock(&convlock);
	while (left > 0) {
		out = buf;
		room = sizeof(buf);
		if (iconv(conv, &in, &left, &out, &room) == (size_t)-1 &&
		    errno != E2BIG) {
			in++;
			left--;
			if (room > 0) {
				*out++ = '?';
				room--;
			}
		}
		fwrite(buf, 1, (size_t)(out - buf), fp);
	}
	out = buf;
	room = sizeof(buf);
	iconv(conv, NULL, NULL, &out, &room);
	fwrite(buf, 1, (size_t)(out - buf), fp);
	pthread_mutex_unlock(&convlock);
}

static void
put(const char *s, size_t n)
{
	put_to(stderr, s, n);
}

void
err_print(FILE *fp, const char *s)
{
	put_to(fp, s, strlen(s));
}

void
err_vwarn(const char *fmt, va_list ap)
{
	char buf[4096], *msg = buf;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(buf, sizeof(buf), gettext(fmt), aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	/* A longer message is written whole when memory allows. */
	if ((size_t)n >= sizeof(buf)) {
		if ((msg = malloc((size_t)n + 1)) != NULL)
			vsnprintf(msg, (size_t)n + 1, gettext(fmt), ap);
		else {
			msg = buf;
			n = sizeof(buf) - 1;
		}
	}
	fflush(stdout);
	put(prog, strlen(prog));
	put(": ", 2);
	put(msg, (size_t)n);
	put("\n", 1);
	if (msg != buf)
		free(msg);
}

void
err_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vwarn(fmt, ap);
	va_end(ap);
}

void
err_onexit(void (*fn)(void))
{
	if (nhooks < (int)(sizeof(hooks) / sizeof(hooks[0])))
		hooks[nhooks++] = fn;
}

/*
 * The first thread to end the run owns the end: any other (a reader thread
 * out of memory while the tool stops on a data error, or both out of
 * memory at once) waits here for the exit, so that one message is written,
 * the hooks run once and exit() is not called twice.  The owner may come
 * back (a hook that fails), and goes on.
 */
static void
claim_end(void)
{
	static pthread_mutex_t once = PTHREAD_MUTEX_INITIALIZER;
	static pthread_t owner;
	static _Atomic int owned;

	if (owned && pthread_equal(owner, pthread_self()))
		return;
	pthread_mutex_lock(&once);
	owner = pthread_self();
	owned = 1;
}

void
err_quit(int status)
{
	claim_end();
	while (nhooks > 0)
		hooks[--nhooks]();
	exit(status);
}

void
err_exit(int status, const char *fmt, ...)
{
	va_list ap;

	claim_end();
	va_start(ap, fmt);
	err_vwarn(fmt, ap);
	va_end(ap);
	err_quit(status);
}

/* --max-memory as given, or NULL. */
static const char *limit;

static void
oom(size_t n)
{
	if (limit != NULL)
		err_exit(EXIT_DATA, "out of memory: the run needs more than "
		    "--max-memory %s (allocating %zu bytes); give it more, or "
		    "split the input (cm(7), Split runs)", limit, n);
	err_exit(EXIT_DATA, "out of memory (allocating %zu bytes)", n);
}

/*
 * The limit is the kernel's on the run's data (RLIMIT_DATA: the heap and
 * every private writable mapping, the blocks of malloc among them), so
 * that an allocation past it fails here, with the message above and the
 * output files left as they were, before the system runs out and its OOM
 * killer ends the run, or another, without a word.
 */
void
err_memory_limit(const char *arg, size_t bytes)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_DATA, &rl) == 0 &&
	    (rl.rlim_max == RLIM_INFINITY || bytes < rl.rlim_max))
		rl.rlim_cur = bytes;
	if (setrlimit(RLIMIT_DATA, &rl) != 0)
		err_exit(EXIT_USAGE, "--max-memory %s: %s", arg,
		    strerror(errno));
	limit = arg;
}

/*
 * glibc raises its mmap threshold to the size of each large block freed,
 * up to 32 MB, after which a growing table is realloc'd by copying on the
 * heap and each calloc is cleared by hand: a third of the page faults of
 * a million-key table.  A fixed threshold keeps every block of 1 MB or
 * more in a mapping of its own, grown by mremap() and zero when new.
 */
void
err_memory(void)
{
#ifdef M_MMAP_THRESHOLD
	(void)mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

/*
 * A large block (the table of a million customers, an arena's later
 * blocks) asks for huge pages where the kernel gives them on request
 * (transparent_hugepage "madvise", Debian's default): a page fault for
 * each 2 MB touched instead of each 4 KB.  The advice covers the whole
 * of the block's own mapping (err_memory() keeps every block this large
 * in one), so that the mapping stays one and realloc() can still move it
 * with mremap() rather than copy it.  Where the kernel refuses, nothing
 * changes.
 */
#define LARGE ((size_t)4 << 20)

void
err_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = (uintptr_t)p & ~(page - 1);
	uintptr_t b = ((uintptr_t)p + n + page - 1) & ~(page - 1);

	if (n >= LARGE)
		(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

void *
err_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
err_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom(n * size);
	err_huge(p, n * size);
	return p;
}

void *
err_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	err_huge(q, n);
	return q;
}

char *
err_strndup(const char *s, size_t n)
{
	char *p = err_malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
err_strdup(const char *s)
{
	return err_strndup(s, strlen(s));
}

void
err_grow(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp;
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return;
	while (n < need) {
		if (n > (size_t)-1 / 2 / size)
			oom((size_t)-1);
		n *= 2;
	}
	*p = err_realloc(*p, n * size);
	*cap = n;
}
