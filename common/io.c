#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "io.h"

void
io_open(struct io *io)
{
	io->in = csvin_open(io->o.input, &io->o.in);
	if (io->in == NULL)
		err_quit(EXIT_DATA);
	if (io->o.first_line > 0)
		csvin_first_line(io->in, io->o.first_line);
}

int
io_grouped(const struct io *io, size_t col)
{
	struct stat st;
	struct csvin *in;
	struct rec rec = { 0 };
	struct cols seen = { 0 };
	enum csvin_status status;
	const char *cur = NULL;
	size_t k;
	int grouped = 1;

	if (io->o.input == NULL || strcmp(io->o.input, "-") == 0 ||
	    stat(io->o.input, &st) != 0 || !S_ISREG(st.st_mode) ||
	    domains_has(&io->domains, io_header(io)->names[col]))
		return 0;
	/* A file that cannot be read again fails the run, as it would
	   when read for its rows. */
	if ((in = csvin_open(io->o.input, &io->o.in)) == NULL)
		err_quit(EXIT_DATA);
	while (grouped && (status = csvin_next(in, &rec)) != CSVIN_EOF) {
		if (status == CSVIN_FATAL)
			err_exit(EXIT_DATA, "%s:%lu: %s", io_name(io), rec.line,
			    csvin_error(in));
		else if (status == CSVIN_BAD || rec.n <= col ||
		    (cur != NULL && strcmp(cur, rec.f[col]) == 0))
			continue;
		else if (cols_find(&seen, rec.f[col]) >= 0)
			grouped = 0;
		else {
			k = cols_add(&seen, rec.f[col]);
			cur = seen.names[k];
		}
	}
	csvin_close(in);
	rec_free(&rec);
	cols_free(&seen);
	return grouped;
}

int
io_holds_held(struct io *io, const struct cond *when, const struct hold *h,
    struct rec *tmp)
{
	char msg[512];
	int v;

	if (when == NULL)
		return 1;
	hold_part(h, tmp, when->width);
	if ((v = cond_eval(when, tmp->f, tmp->len, msg, sizeof(msg))) < 0) {
		hold_rec(h, tmp);
		io_reject(io, tmp, msg);
	}
	return v;
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
io_start(struct io *io)
{
	const struct cols *h = csvin_header(io->in);
	struct csvout_opts main = io->o.out;
	char title[512];
	size_t i;

	/* --sheets is the output's, not the rejects' or the reports'. */
	main.sheets = io->o.sheets != NULL && io->r != NULL ?
	    rules_column(io->r, io->o.sheets) : io->o.sheets;
	/* So is --html, titled with the tool and its input. */
	main.html = io->o.html;
	snprintf(title, sizeof(title), "%s \xE2\x80\x94 %s", err_prog(),
	    io_name(io));
	main.html_title = title;
	io->out = csvout_open(io->o.output, &main);
	schema_header(&io->schema, io->out);
	if (io->o.stats_file != NULL) {
		static const struct csvout_opts plain;

		io->statsf = csvout_open(io->o.stats_file, &plain);
	}
	if (io->o.rejects == NULL)
		return;
	io->rej = csvout_open(io->o.rejects, &io->o.out);
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
	csvout_line(io->rej, rec->line);
	csvout_row(io->rej, io->rejrow.f, io->rejrow.len, rec->n + 2);
	io->rejected++;
	if (io->o.max_rejects >= 0 &&
	    io->rejected > (unsigned long)io->o.max_rejects) {
		csvout_commit(io->rej);
		io->rej = NULL;
		err_exit(EXIT_DATA, "%s:%lu: %lu %s rejected, more than "
		    "--max-rejects %ld allows; %s says why", io_name(io),
		    rec->line, io->rejected, io->rejected == 1 ? _("row") :
		    _("rows"), io->o.max_rejects, io->o.rejects);
	}
}

int
io_next(struct io *io, struct rec *rec)
{
	char msg[512];

	for (;;) {
		switch (csvin_next(io->in, rec)) {
		case CSVIN_ROW:
			io->read++;
			if (domains_apply(&io->domains, rec, msg,
			    sizeof(msg)) == 0)
				return 1;
			io_reject(io, rec, msg);
			break;
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

const char *
io_peek(const struct io *io, size_t k, size_t col)
{
	return csvin_peek(io->in, k, col);
}

void
io_write(struct io *io)
{
	csvout_line(io->out, io->schema.line);
	schema_write(&io->schema, io->out);
	io->written++;
}

struct csvout *
io_output(struct io *io, const char *path)
{
	struct csvout *w = csvout_open(path, &io->o.out);

	err_grow(&io->extra, &io->extracap, io->nextra + 1, sizeof(*io->extra));
	io->extra[io->nextra++] = w;
	return w;
}

void
io_also(struct io *io, void (*commit)(void *), void *arg)
{
	err_grow(&io->also, &io->alsocap, io->nalso + 1, sizeof(*io->also));
	io->also[io->nalso].commit = commit;
	io->also[io->nalso++].arg = arg;
}

void
io_read(struct io *io)
{
	io->read++;
}

void
io_stat(struct io *io, const char *name, unsigned long n)
{
	if (io->stats.size == 0)
		table_init(&io->stats, sizeof(unsigned long));
	*(unsigned long *)table_at(&io->stats,
	    table_intern(&io->stats, name, NULL)) += n;
}

static void
count(void *io, const char *name, unsigned long n)
{
	io_stat(io, name, n);
}

/* --stats-file: the counts as CSV, so that the parts of a run add up. */
static void
stats_file(struct io *io)
{
	static char *const head[] = { "name", "count" };
	char num[32], *f[2];
	size_t i;

	csvout_row(io->statsf, head, NULL, 2);
	for (i = 0; i < io->stats.keys.n + 3; i++) {
		f[0] = i == 0 ? "read" : i == 1 ? "written" : i == 2 ?
		    "rejected" : io->stats.keys.names[i - 3];
		snprintf(num, sizeof(num), "%lu", i == 0 ? io->read : i == 1 ?
		    io->written : i == 2 ? io->rejected :
		    *(unsigned long *)table_at(&io->stats, i - 3));
		f[1] = num;
		csvout_row(io->statsf, f, NULL, 2);
	}
	csvout_finish(io->statsf);
}

void
io_close(struct io *io)
{
	size_t i;

	domains_counts(&io->domains, count, io);
	if (io->statsf != NULL)
		stats_file(io);
	csvout_finish(io->out);
	if (io->rej != NULL)
		csvout_finish(io->rej);
	for (i = 0; i < io->nextra; i++)
		csvout_finish(io->extra[i]);
	csvout_commit(io->out);
	if (io->rej != NULL)
		csvout_commit(io->rej);
	if (io->statsf != NULL)
		csvout_commit(io->statsf);
	for (i = 0; i < io->nextra; i++)
		csvout_commit(io->extra[i]);
	io->out = io->rej = io->statsf = NULL;
	io->nextra = 0;
	/*
	 * The names of the counts stay English in every language: scripts
	 * read them (tests/bench/run.sh), so they are arguments, never a
	 * format that a catalog translates.
	 */
	if (io->o.stats) {
		err_warn("%s: %lu", "read", io->read);
		err_warn("%s: %lu", "written", io->written);
		err_warn("%s: %lu", "rejected", io->rejected);
		for (i = 0; i < io->stats.keys.n; i++)
			err_warn("%s: %lu", io->stats.keys.names[i],
			    *(unsigned long *)table_at(&io->stats, i));
	}
	for (i = 0; i < io->nalso; i++)
		io->also[i].commit(io->also[i].arg);
	io->nalso = 0;
}

void
io_free(struct io *io)
{
	table_free(&io->stats);
	domains_free(&io->domains);
	schema_free(&io->schema);
	rec_free(&io->rejrow);
	free(io->extra);
	free(io->also);
	if (io->in != NULL)
		csvin_close(io->in);
	rules_free(io->r);
	opt_free(&io->o);
}
