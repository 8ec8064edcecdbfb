#ifndef CM_ERR_H
#define CM_ERR_H

/*
 * Messages and exit statuses shared by every tool.
 *
 * Every message starts with the program name set by err_setprog().  The
 * exit statuses are those of grep, diff and jq: 0 success, 1 a data error
 * or an I/O failure, 2 a usage error or a rule-file error.
 *
 * Before a fatal exit, err_exit() runs the hooks registered with
 * err_onexit() in reverse order, so that a temporary output file is removed
 * and a failed run never leaves a half-written file behind.
 */

#include <stdarg.h>
#include <stddef.h>

enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,
	EXIT_USAGE = 2
};

void err_setprog(const char *argv0);
const char *err_prog(void);

/* "prog: fmt\n" on standard error. */
void err_warn(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
void err_vwarn(const char *fmt, va_list ap);

/* err_warn(), then the exit hooks, then exit(status). */
void err_exit(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* Runs the exit hooks and exits without a message. */
void err_quit(int status) __attribute__((noreturn));

/* Registers a hook run by err_exit() and err_quit(); at most 8. */
void err_onexit(void (*fn)(void));

/* Allocation that never returns NULL: a failure is a message and exit 1. */
void *err_malloc(size_t n);
void *err_calloc(size_t n, size_t size);
void *err_realloc(void *p, size_t n);
char *err_strdup(const char *s);
char *err_strndup(const char *s, size_t n);

/* Grows *p (of *cap elements of size) to hold at least need elements. */
void err_grow(void *pp, size_t *cap, size_t need, size_t size);
/*
 * Limits the run's memory to bytes (--max-memory arg): past it, an
 * allocation is "out of memory", naming the option (exit 1).
 */
void err_memory_limit(const char *arg, size_t bytes);
/* Sets how memory is asked for, once, before the first allocation. */
void err_memory(void);
/* Asks for huge pages for the block p of n bytes, when it is large. */
void err_huge(void *p, size_t n);

#endif
