#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "side.h"

void
side_open(struct side *s, const char *opt, const char *path,
    const struct csvin_opts *o, const struct rules *r)
{
	memset(s, 0, sizeof(*s));
	s->opt = opt;
	s->r = r;
	if ((s->in = csvin_open(path, o)) == NULL)
		err_quit(EXIT_DATA);
}

const char *
side_name(const struct side *s)
{
	return csvin_name(s->in);
}

const struct cols *
side_header(const struct side *s)
{
	return csvin_header(s->in);
}

long
side_find(const struct side *s, const char *name)
{
	return cols_find(side_header(s), s->r != NULL ?
	    rules_column(s->r, name) : name);
}

size_t
side_col(const struct side *s, const char *name)
{
	char list[1024];
	long k = side_find(s, name);

	if (k >= 0)
		return (size_t)k;
	cols_missing(side_header(s), s->r != NULL ?
	    rules_column(s->r, name) : name, list, sizeof(list));
	err_exit(EXIT_DATA, "%s:1: no column '%s' in %s: %s", side_name(s),
	    s->r != NULL ? rules_column(s->r, name) : name, s->opt, list);
}

int
side_next(struct side *s)
{
	switch (csvin_next(s->in, &s->rec)) {
	case CSVIN_ROW:
		return 1;
	case CSVIN_EOF:
		return 0;
	case CSVIN_BAD:
	case CSVIN_FATAL:
		break;
	}
	err_exit(EXIT_DATA, "%s:%lu: %s", side_name(s), s->rec.line,
	    csvin_error(s->in));
}

void
side_fail(const struct side *s, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), gettext(fmt), ap);
	va_end(ap);
	err_exit(EXIT_DATA, "%s:%lu: %s", side_name(s), s->rec.line, msg);
}

void
side_close(struct side *s)
{
	if (s->in != NULL)
		csvin_close(s->in);
	rec_free(&s->rec);
	memset(s, 0, sizeof(*s));
}
