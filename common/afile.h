#ifndef CM_AFILE_H
#define CM_AFILE_H

/*
 * Output files written whole or not at all: what every writer of the
 * toolkit (CSV in csvout.h, iCalendar in ics.h) writes its bytes through.
 *
 * A named regular file, or a new one, is written to a temporary file
 * beside it, made with mkstemp() (O_EXCL) and given the mode the file will
 * have (the replaced file's, else 0666 less the umask), and renamed over
 * it only by afile_commit(): a failed or stopped run leaves the file as it
 * was.  Standard output (NULL or "-"), anything under /dev or /proc, and
 * anything that is not a regular file (a FIFO, a terminal) are written
 * directly, since renaming over them would replace them.
 *
 * Until it is committed, a temporary file is removed by err_exit() and
 * err_quit() (err.h) and by the signals that stop a run (SIGTERM, SIGINT,
 * SIGHUP), which then end the program as their default action would.
 * Those signals are held while a file is created and listed, or unlisted
 * and removed.  A thread of the program's own must never take them: it is
 * created between afile_hold_signals() and afile_release_signals(), so
 * that it starts with them blocked.
 *
 * A write error (a full disk) is a message naming the file and exit
 * status 1 at once.  Ownership: a struct afile lives from afile_open() to
 * afile_commit() or afile_abort(), which free it.
 */

#include <signal.h>
#include <stddef.h>

struct afile;			/* opaque */

/* Opens path for writing, or standard output for NULL or "-"; exits 1. */
struct afile *afile_open(const char *path);

/* The name for messages: the path as given, or "<stdout>". */
const char *afile_name(const struct afile *f);

/*
 * The temporary file of a named regular file, for a writer that writes
 * it by name (a workbook); NULL for one written directly.
 */
const char *afile_tmp(const struct afile *f);

/* Writes n bytes, or exits 1 with a message. */
void afile_write(struct afile *f, const char *s, size_t n);

/*
 * Flushes the file to disk and closes it, checking every step; exits 1 on
 * failure.  The file is not yet in place: a run with several outputs
 * finishes them all before it commits any, so that a failure leaves none
 * behind.  Calling it again does nothing.
 */
void afile_finish(struct afile *f);

/* Finishes the file if need be, puts it in place, and frees f. */
void afile_commit(struct afile *f);

/* Drops the file: a named file is left as it was.  f may be NULL. */
void afile_abort(struct afile *f);

/* 1 when paths a and b name the same file (devices never count). */
int afile_same(const char *a, const char *b);

/*
 * Holds the signals that stop a run in the calling thread, saving its
 * mask in old, until afile_release_signals(old).
 */
void afile_hold_signals(sigset_t *old);
void afile_release_signals(const sigset_t *old);

#endif
