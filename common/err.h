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

#include <libintl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/*
 * A message built outside the message functions below (a reason made with
 * snprintf, then given to io_reject() or written with "%s"): _() marks its
 * format for xgettext and translates it; N_() only marks it.  The message
 * functions translate their own format (err_warn, err_exit, rules_error,
 * side_fail ...): their calls need no marker.
 */
#define _(s)	gettext(s)
#define N_(s)	(s)

enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,
	EXIT_USAGE = 2
};

void err_setprog(const char *argv0);

/*
 * The messages in the user's language (LC_MESSAGES, the catalog "cm" under
 * CM_LOCALEDIR or the compiled-in locale directory) and in the encoding of
 * the user's LC_CTYPE, which is read here before tool_main() sets the
 * program's own (C.UTF-8).  The numbers stay those of the C locale.
 */
void err_locale(void);
const char *err_prog(void);

/*
 * "prog: fmt\n" on standard error, fmt translated (gettext) and the whole
 * message converted from UTF-8 to the user's encoding when that is neither
 * UTF-8 nor ASCII (the C locale passes the bytes on as they are).
 */
void err_warn(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
void err_vwarn(const char *fmt, va_list ap);

/*
 * s, already translated, written to fp as the messages are: in the user's
 * encoding (--help and the usage line).
 */
void err_print(FILE *fp, const char *s);

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
