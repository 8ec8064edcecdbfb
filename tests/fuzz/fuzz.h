/*
 * What the libFuzzer harnesses share: the library's messages kept quiet,
 * and the fuzz input as a file the library can open by name.
 *
 * Messages: err_warn() writes through stdio's stderr, which the harness
 * points at /dev/null, while the sanitizers and libFuzzer write to file
 * descriptor 2 (libFuzzer through a FILE it took before), so their
 * reports still show.  FUZZ_VERBOSE=1 in the environment keeps the
 * library's messages too, to see what an input does.
 *
 * The input goes into a memfd, opened again by its /proc name: every
 * open() of it starts at offset 0, as a file on disk would, without
 * touching the disk on every run.
 */
#ifndef CM_FUZZ_H
#define CM_FUZZ_H

#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(fuzz_stderr(), "%s:%d: property failed: %s\n", \
		    __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

static FILE *fuzz_err;

/* The real standard error, for the harness's own reports. */
static inline FILE *
fuzz_stderr(void)
{
	return fuzz_err != NULL ? fuzz_err : stderr;
}

static inline void
fuzz_quiet(void)
{
	FILE *null;
	const char *v = getenv("FUZZ_VERBOSE");

	if (fuzz_err != NULL || (v != NULL && *v != '\0' && *v != '0'))
		return;
	fuzz_err = fdopen(dup(2), "w");
	if (fuzz_err != NULL)
		setvbuf(fuzz_err, NULL, _IONBF, 0);
	if ((null = fopen("/dev/null", "w")) != NULL)
		stderr = null;
}

struct fuzz_file {
	int fd;
	char path[64];
};

static inline void
fuzz_file_init(struct fuzz_file *f, const char *name)
{
	f->fd = memfd_create(name, 0);
	if (f->fd < 0) {
		perror("memfd_create");
		abort();
	}
	snprintf(f->path, sizeof(f->path), "/proc/self/fd/%d", f->fd);
}

/* Makes the file hold exactly data[0..size). */
static inline void
fuzz_file_set(struct fuzz_file *f, const void *data, size_t size)
{
	const char *p = data;
	ssize_t k;
	off_t off = 0;

	if (ftruncate(f->fd, 0) != 0) {
		perror("ftruncate");
		abort();
	}
	while (size > 0) {
		k = pwrite(f->fd, p, size, off);
		if (k <= 0) {
			perror("pwrite");
			abort();
		}
		p += k;
		off += k;
		size -= (size_t)k;
	}
}

/* 1 when s[0..n) is valid UTF-8 (no surrogates, no overlong forms). */
static inline int
fuzz_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, k, need;
	unsigned c;

	while (i < n) {
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3;
		else
			return 0;
		if (i + need >= n)
			return 0;
		for (k = 1; k <= need; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		if ((c == 0xE0 && s[i + 1] < 0xA0) ||
		    (c == 0xED && s[i + 1] > 0x9F) ||
		    (c == 0xF0 && s[i + 1] < 0x90) ||
		    (c == 0xF4 && s[i + 1] > 0x8F))
			return 0;
		i += need + 1;
	}
	return 1;
}

#endif
