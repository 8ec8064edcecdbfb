#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "io.h"

void
io_open(struct io *io, const struct opts *o)
{
	memset(io, 0, sizeof(*io));
	io->o = o;
	io->in = csvin_open(o->input, &o->in);
	if (io->in == NULL)
		err_quit(EXIT_DATA);
}

struct rules *
io_begin(struct io *io, struct opts *o, int argc, char **argv,
    const struct io_tool *t, void *tool)
{
	struct rules *r;

	opt_parse(argc, argv, &t->opt, o);
	r = rules_load(o->rules, o->today);
	t->load(r, tool);
	rules_done(r);
	if (o->check && o->input == NULL)
		err_quit(EXIT_OK);
	io_open(io, o);
	t->bind(r, tool, io_header(io), io_name(io), o);
	rules_done(r);
	if (o->check)
		err_quit(EXIT_OK);
	return r;
}

const char *
io_name(const struct io *io)
{
	return csvin_name(io->in);
}

const struct cols *
io_header(const struct io *io)
{
	return csvin_header(io->in);
}

void
io_start(struct io *io, const struct cols *out)
{
	const struct cols *h = csvin_header(io->in);
	size_t i;

	io->out = csvout_open(io->o->output, &io->o->out);
	io_write(io, out->names, NULL, out->n);
	io->written = 0;
	if (io->o->rejects == NULL)
		return;
	io->rej = csvout_open(io->o->rejects, &io->o->out);
	rec_reserve(&io->rejrow, h->n + 2);
	io->rejrow.f[0] = "_line";
	io->rejrow.f[1] = "_reason";
	for (i = 0; i < h->n; i++)
		io->rejrow.f[i + 2] = h->names[i];
	for (i = 0; i < h->n + 2; i++)
		io->rejrow.len[i] = strlen(io->rejrow.f[i]);
	csvout_row(io->rej, io->rejrow.f, io->rejrow.len, h->n + 2);
}

void
io_reject(struct io *io, const struct rec *rec, const char *reason)
{
	char line[32];
	size_t i;

	if (io->rej == NULL)
		err_exit(EXIT_DATA, "%s:%lu: %s", io_name(io), rec->line, reason);
	rec_reserve(&io->rejrow, rec->n + 2);
	snprintf(line, sizeof(line), "%lu", rec->line);
	io->rejrow.f[0] = line;
	io->rejrow.len[0] = strlen(line);
	io->rejrow.f[1] = (char *)reason;
	io->rejrow.len[1] = strlen(reason);
	for (i = 0; i < rec->n; i++) {
		io->rejrow.f[i + 2] = rec->f[i];
		io->rejrow.len[i + 2] = rec->len[i];
	}
	csvout_row(io->rej, io->rejrow.f, io->rejrow.len, rec->n + 2);
	io->rejected++;
	if (io->o->max_rejects >= 0 &&
	    io->rejected > (unsigned long)io->o->max_rejects) {
		csvout_commit(io->rej);
		io->rej = NULL;
		err_exit(EXIT_DATA, "%s:%lu: %lu rows rejected, more than "
		    "--max-rejects %ld allows; %s says why", io_name(io),
		    rec->line, io->rejected, io->o->max_rejects, io->o->rejects);
	}
}

int
io_next(struct io *io, struct rec *rec)
{
	for (;;) {
		switch (csvin_next(io->in, rec)) {
		case CSVIN_ROW:
			io->read++;
			io->cur = rec;
			return 1;
		case CSVIN_EOF:
			return 0;
		case CSVIN_BAD:
			io->read++;
			io_reject(io, rec, csvin_error(io->in));
			break;
		case CSVIN_FATAL:
			err_exit(EXIT_DATA, "%s:%lu: %s", io_name(io), rec->line,
			    csvin_error(io->in));
		}
	}
}

/*
 * The fields at the start of the row that are the current record's own, as
 * read (the same pointers and lengths), and came before any quote in it,
 * are copied in one piece: most of a row that a tool passes through.  A
 * row that starts as the record does is found with two memcmp() calls.
 */
void
io_write(struct io *io, char *const *f, const size_t *len, size_t n)
{
	const struct rec *cur = io->cur;
	size_t k = 0, most;

	if (cur != NULL && len != NULL) {
		most = cur->plain < cur->n ? cur->plain : cur->n;
		if (most > n)
			most = n;
		if (memcmp(f, cur->f, most * sizeof(*f)) == 0 &&
		    memcmp(len, cur->len, most * sizeof(*len)) == 0)
			k = most;
		else
			while (k < most && f[k] == cur->f[k] &&
			    len[k] == cur->len[k])
				k++;
	}
	csvout_row_plain(io->out, f, len, n, k);
	io->written++;
}

struct csvout *
io_output(struct io *io, const char *opt, const char *path)
{
	struct csvout *w;

	if (csvout_same(path, io->o->output) ||
	    csvout_same(path, io->o->rejects) ||
	    csvout_same(path, io->o->input))
		err_exit(EXIT_USAGE, "%s names the same file as the input, -o "
		    "or --rejects: '%s'", opt, path);
	if (io->nextra == sizeof(io->extra) / sizeof(io->extra[0]))
		err_exit(EXIT_USAGE, "too many outputs");
	w = csvout_open(path, &io->o->out);
	io->extra[io->nextra++] = w;
	return w;
}

void
io_stat(struct io *io, const char *name, unsigned long n)
{
	int added;
	size_t k = cols_intern(&io->stat_names, name, &added);

	if (added) {
		err_grow(&io->stat, &io->statcap, k + 1, sizeof(*io->stat));
		io->stat[k] = 0;
	}
	io->stat[k] += n;
}

int
io_close(struct io *io)
{
	size_t i;

	csvout_finish(io->out);
	if (io->rej != NULL)
		csvout_finish(io->rej);
	for (i = 0; i < io->nextra; i++)
		csvout_finish(io->extra[i]);
	csvout_commit(io->out);
	if (io->rej != NULL)
		csvout_commit(io->rej);
	for (i = 0; i < io->nextra; i++)
		csvout_commit(io->extra[i]);
	if (io->o->stats) {
		err_warn("read: %lu", io->read);
		err_warn("written: %lu", io->written);
		err_warn("rejected: %lu", io->rejected);
		for (i = 0; i < io->stat_names.n; i++)
			err_warn("%s: %lu", io->stat_names.names[i],
			    io->stat[i]);
	}
	cols_free(&io->stat_names);
	free(io->stat);
	rec_free(&io->rejrow);
	csvin_close(io->in);
	return EXIT_OK;
}
