#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "err.h"

struct afile {
	char *name;		/* as given, for messages */
	char *path;		/* the file to put in place, or NULL */
	char *tmp;		/* the temporary file beside it */
	int fd;			/* -1 once finished */
	int direct;		/* a device or pipe: fd closed at the end */
	struct afile *volatile next;	/* in the pending list */
};

/*
 * Files whose temporary file must go if the run fails or is stopped: a
 * list, newest first, as long as the run needs (cm-followup --ics keeps
 * one a calendar until it commits them all).  Each change is one pointer
 * store, so that the signal handler sees the list whole.
 */
static struct afile *volatile pending;

static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };

/*
 * The temporary files go, then the signal is raised again with its
 * default action, so that the caller sees the run killed by it, as
 * sort(1) does.  unlink() and raise() are safe here.
 */
static void
on_signal(int sig)
{
	struct afile *f;

	for (f = pending; f != NULL; f = f->next)
		if (f->path != NULL)
			unlink(f->tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

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

void
afile_hold_signals(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&set, sigs[i]);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

void
afile_release_signals(const sigset_t *old)
{
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

static void
remove_pending(void)
{
	while (pending != NULL)
		afile_abort(pending);
}

/* Puts f on the pending list (on) or takes it off. */
static void
track(struct afile *f, int on)
{
	static int hooked;
	struct afile *volatile *p;

	if (!hooked) {
		err_onexit(remove_pending);
		catch_signals();
		hooked = 1;
	}
	if (on) {
		f->next = pending;
		pending = f;
		return;
	}
	for (p = &pending; *p != NULL; p = &(*p)->next)
		if (*p == f) {
			*p = f->next;
			return;
		}
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
open_file(struct afile *f, const char *path)
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
		f->fd = open(path, O_WRONLY | O_APPEND);
		if (f->fd < 0)
			err_exit(EXIT_DATA, "%s: %s", path, strerror(errno));
		f->direct = 1;
		return;
	}
	f->path = err_strdup(target);
	free(real);
	f->tmp = err_malloc(n + 16);
	snprintf(f->tmp, n + 16, "%s.cmtmpXXXXXX", f->path);
	afile_hold_signals(&held);
	f->fd = mkstemp(f->tmp);
	if (f->fd < 0)
		err_exit(EXIT_DATA, "%s: cannot create a file beside it: %s",
		    path, strerror(errno));
	track(f, 1);
	afile_release_signals(&held);
	if (exists) {
		fchmod(f->fd, st.st_mode & 07777);
	} else {
		mask = umask(0);
		umask(mask);
		fchmod(f->fd, 0666 & ~mask);
	}
}

struct afile *
afile_open(const char *path)
{
	struct afile *f = err_calloc(1, sizeof(*f));

	if (path == NULL || strcmp(path, "-") == 0) {
		f->name = err_strdup("<stdout>");
		f->fd = 1;
	} else {
		open_file(f, path);
		f->name = err_strdup(path);
	}
	return f;
}

const char *
afile_name(const struct afile *f)
{
	return f->name;
}

const char *
afile_tmp(const struct afile *f)
{
	return f->path != NULL ? f->tmp : NULL;
}

void
afile_write(struct afile *f, const char *s, size_t n)
{
	ssize_t k;

	while (n > 0) {
		k = write(f->fd, s, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			err_exit(EXIT_DATA, "%s: write error: %s", f->name,
			    strerror(errno));
		}
		s += k;
		n -= (size_t)k;
	}
}

void
afile_finish(struct afile *f)
{
	if (f->fd < 0)
		return;
	if (f->path != NULL && fsync(f->fd) != 0 && errno != EINVAL)
		err_exit(EXIT_DATA, "%s: %s", f->name, strerror(errno));
	if ((f->path != NULL || f->direct) && close(f->fd) != 0)
		err_exit(EXIT_DATA, "%s: %s", f->name, strerror(errno));
	f->fd = -1;
}

static void
destroy(struct afile *f)
{
	free(f->name);
	free(f->path);
	free(f->tmp);
	free(f);
}

void
afile_commit(struct afile *f)
{
	afile_finish(f);
	if (f->path != NULL && rename(f->tmp, f->path) != 0)
		err_exit(EXIT_DATA, "%s: cannot put the output in place: %s",
		    f->name, strerror(errno));
	track(f, 0);
	destroy(f);
}

void
afile_abort(struct afile *f)
{
	sigset_t held;

	if (f == NULL)
		return;
	afile_hold_signals(&held);
	track(f, 0);
	if (f->fd >= 0 && (f->path != NULL || f->direct))
		close(f->fd);
	if (f->path != NULL)
		unlink(f->tmp);
	afile_release_signals(&held);
	destroy(f);
}

int
afile_same(const char *a, const char *b)
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
