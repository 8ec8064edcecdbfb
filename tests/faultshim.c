/*
 * An LD_PRELOAD shim for tests/shim.bats: makes one call of a kind fail,
 * the Nth of the run, so that a test can fail each call in turn.
 *
 *	CM_FAULT=alloc:N	the Nth malloc, calloc or realloc returns NULL
 *				(ENOMEM)
 *	CM_FAULT=size:LO-HI	every malloc, calloc or realloc of LO to HI
 *				bytes returns NULL: a test aims at a growth
 *				that retries with less (libcsv halves what it
 *				asks for, down to one byte), which a single
 *				failure cannot stop
 *	CM_FAULT=write:N	the Nth write(2), or fflush(3) of a stream
 *				other than stderr, fails with ENOSPC
 *	CM_FAULT=eio:N		the same, with EIO
 *	CM_FAULT=read:N		the Nth read(2) or fread(3) fails with EIO
 *	CM_FAULT_COUNT=FILE	at exit, the calls of each kind made, to FILE
 *				("alloc A write W read R")
 *
 * glibc's stdio reaches the write and read system calls through aliases
 * of its own that a preloaded write() does not replace: stdio's writes
 * are caught at fflush() and its reads at fread() (libyaml reads the rule
 * file so), where the stream's error indicator is set as a failed system
 * call would set it.  The tools write their outputs with write(2) and read
 * their inputs with read(2).  Writes to standard error are neither counted
 * nor failed: the message the test looks for goes there.
 *
 * Under AddressSanitizer the shim calls the sanitizer's functions (the
 * next definitions), and is loaded first with verify_asan_link_order=0.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

enum kind { ALLOC, WRITE, READ, NKIND };

static atomic_long count[NKIND];
static long fail_at = -1;
static size_t fail_lo = 1, fail_hi;	/* CM_FAULT=size:LO-HI */
static enum kind fail_kind;
static int fail_errno;
static int ready;
static int configured;		/* CM_FAULT read */

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_read)(int, void *, size_t);
static size_t (*real_fread)(void *, size_t, size_t, FILE *);
static int (*real_fflush)(FILE *);

/*
 * dlsym() may allocate before the real functions are known: from here,
 * never freed.
 */
static char boot[4096];
static size_t boot_used;
static int booting;

static void *
boot_alloc(size_t n)
{
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (boot_used + n > sizeof(boot))
		return NULL;
	p = boot + boot_used;
	boot_used += n;
	return p;
}

static int
in_boot(const void *p)
{
	return (const char *)p >= boot && (const char *)p < boot + sizeof(boot);
}

/*
 * CM_FAULT, read once the environment is there.  Under AddressSanitizer
 * the sanitizer allocates before the C library has set environ, when
 * getenv() finds nothing: read then, and only then, every run under it
 * was a run without a fault.  The calls made before are counted all the
 * same (alike in every run), but none of them fails.
 */
static void
configure(void)
{
	const char *e;
	char *end;

	if (configured || environ == NULL)
		return;
	configured = 1;
	if ((e = getenv("CM_FAULT")) != NULL) {
		if (strncmp(e, "size:", 5) == 0) {
			fail_lo = strtoul(e + 5, &end, 10);
			if (*end == '-')
				fail_hi = strtoul(end + 1, &end, 10);
		} else if (strncmp(e, "alloc:", 6) == 0) {
			fail_kind = ALLOC;
			fail_errno = ENOMEM;
		} else if (strncmp(e, "write:", 6) == 0) {
			fail_kind = WRITE;
			fail_errno = ENOSPC;
		} else if (strncmp(e, "eio:", 4) == 0) {
			fail_kind = WRITE;
			fail_errno = EIO;
		} else if (strncmp(e, "read:", 5) == 0) {
			fail_kind = READ;
			fail_errno = EIO;
		}
		if (fail_errno != 0 && (e = strchr(e, ':')) != NULL)
			fail_at = strtol(e + 1, &end, 10);
	}
}

static void
init(void)
{
	if (ready || booting)
		return;
	booting = 1;
	real_malloc = dlsym(RTLD_NEXT, "malloc");
	real_calloc = dlsym(RTLD_NEXT, "calloc");
	real_realloc = dlsym(RTLD_NEXT, "realloc");
	real_free = dlsym(RTLD_NEXT, "free");
	real_write = dlsym(RTLD_NEXT, "write");
	real_read = dlsym(RTLD_NEXT, "read");
	real_fread = dlsym(RTLD_NEXT, "fread");
	real_fflush = dlsym(RTLD_NEXT, "fflush");
	configure();
	booting = 0;
	ready = 1;
}

/* 1 when an allocation of n bytes is one to fail. */
static int
hit_size(size_t n)
{
	configure();
	if (n >= fail_lo && n <= fail_hi) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

/* Counts a call of kind k; 1 when it is the one to fail. */
static int
hit(enum kind k)
{
	long n = atomic_fetch_add(&count[k], 1) + 1;

	configure();
	if (k == fail_kind && n == fail_at) {
		errno = fail_errno;
		return 1;
	}
	return 0;
}

void *
malloc(size_t n)
{
	if (!ready) {
		if (booting)
			return boot_alloc(n);
		init();
	}
	if (hit(ALLOC) || hit_size(n))
		return NULL;
	return real_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	if (!ready) {
		if (booting)
			return boot_alloc(n * size);	/* boot is zeroed */
		init();
	}
	if (hit(ALLOC) || hit_size(n * size))
		return NULL;
	return real_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	void *q;

	if (!ready)
		init();
	if (in_boot(p)) {
		if ((q = malloc(n)) != NULL)
			memcpy(q, p, n < 64 ? n : 64);
		return q;
	}
	if (hit(ALLOC) || hit_size(n))
		return NULL;
	return real_realloc(p, n);
}

void
free(void *p)
{
	if (p == NULL || in_boot(p))
		return;
	if (!ready)
		init();
	real_free(p);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	if (!ready)
		init();
	if (fd != 2 && hit(WRITE))
		return -1;
	return real_write(fd, buf, n);
}

ssize_t
read(int fd, void *buf, size_t n)
{
	if (!ready)
		init();
	if (hit(READ))
		return -1;
	return real_read(fd, buf, n);
}

size_t
fread(void *buf, size_t size, size_t n, FILE *fp)
{
	if (!ready)
		init();
	if (hit(READ)) {
		/* What a failed read(2) leaves: the error indicator set. */
		fp->_flags |= _IO_ERR_SEEN;
		return 0;
	}
	return real_fread(buf, size, n, fp);
}

int
fflush(FILE *fp)
{
	if (!ready)
		init();
	if (fp != stderr && hit(WRITE)) {
		if (fp != NULL)
			fp->_flags |= _IO_ERR_SEEN;
		return EOF;
	}
	return real_fflush(fp);
}

/* The counts, to CM_FAULT_COUNT, by the system call itself. */
__attribute__((destructor)) static void
report(void)
{
	const char *path = getenv("CM_FAULT_COUNT");
	char line[128];
	int fd, len;

	if (path == NULL || !ready)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0)
		return;
	len = snprintf(line, sizeof(line), "alloc %ld write %ld read %ld\n",
	    atomic_load(&count[ALLOC]), atomic_load(&count[WRITE]),
	    atomic_load(&count[READ]));
	if (len > 0)
		syscall(SYS_write, fd, line, (size_t)len);
	close(fd);
}
