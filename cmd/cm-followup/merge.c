/*
 * --merge (followup.h, struct lists): the lists of the parts of a run
 * split by customer, merged into the list of one run, byte for byte.
 *
 * A part's list is sorted as one run's is (tasks_order()), and every row
 * of one customer is in one part, so rows of two lists never tie but by
 * mistake; a tie goes to the list named first, the parts' order, and a
 * list's own rows keep their order.  That is one run's list: within a
 * customer the run's last tie-break (the trigger's place in the rules)
 * is already in the part's order.
 */
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "followup.h"

#define WHAT_TO_DO N_("--merge takes the lists that cm-followup wrote with " \
	"the same rules and options, each with its header")

/*
 * A header that is not the list's: the first column that differs, or
 * the count, then what to do.
 */
static void
check_header(const char *name, const struct cols *h, const struct cols *want)
{
	char what[1024];
	size_t i;

	for (i = 0; i < h->n && i < want->n; i++)
		if (strcmp(h->names[i], want->names[i]) != 0)
			break;
	if (i == h->n && i == want->n)
		return;
	if (i < h->n && i < want->n)
		snprintf(what, sizeof(what), _("column %zu is '%s', not '%s'"),
		    i + 1, h->names[i], want->names[i]);
	else if (i < want->n)
		snprintf(what, sizeof(what), _("no column '%s' after the "
		    "first %zu"), want->names[i], i);
	else
		snprintf(what, sizeof(what), _("an extra column '%s' after the "
		    "list's %zu"), h->names[i], want->n);
	err_exit(EXIT_DATA, "%s:1: not a list of cm-followup by these rules: "
	    "%s; %s", name, what, _(WHAT_TO_DO));
}

/* The date a cell of the list starts with (a list of merge: true's). */
static int
cell_date(const char *s, size_t len, int *d)
{
	const char *semi = memchr(s, ';', len);

	if (semi != NULL)
		len = (size_t)(semi - s);
	return date_parse(s, len, d);
}

/* The key of row rec of list name, with header h; its dates must be dates. */
static void
key_of(const char *name, const struct cols *h, const struct rec *rec,
    struct taskkey *k)
{
	const struct { int col; int *d; } dates[] = {
		{ C_DUE, &k->due }, { C_OCC, &k->occ }
	};
	size_t i;

	for (i = 0; i < 2; i++)
		if (cell_date(rec->f[dates[i].col], rec->len[dates[i].col],
		    dates[i].d) < 0)
			err_exit(EXIT_DATA, "%s:%lu: column '%s': '%s' is not "
			    "a date; %s", name, rec->line,
			    h->names[dates[i].col], rec->f[dates[i].col],
			    _(WHAT_TO_DO));
	k->h = NULL;
	k->f = rec->f;
}

/* Copies the key of the row in hand to last, with its text. */
static void
keep_last(struct list *l, unsigned long line)
{
	static const int cols[] = { C_AGENT, C_CUSTOMER, C_TASK, C_POLICY };
	size_t n[4], i, at = 0;

	for (i = 0; i < 4; i++)
		at += (n[i] = strlen(l->key.f[cols[i]]) + 1);
	err_grow(&l->text, &l->textcap, at, 1);
	for (i = at = 0; i < 4; i++) {
		memcpy(l->text + at, l->key.f[cols[i]], n[i]);
		l->lastf[cols[i]] = l->text + at;
		at += n[i];
	}
	l->last.due = l->key.due;
	l->last.occ = l->key.occ;
	l->last.h = NULL;
	l->last.f = l->lastf;
	l->line = line;
}

/* Takes the key of row rec of list l, checking that the list is sorted. */
static void
take(struct list *l, const char *name, const struct cols *h,
    const struct rec *rec)
{
	key_of(name, h, rec, &l->key);
	if (l->line > 0 && tasks_order(&l->last, &l->key) > 0)
		err_exit(EXIT_DATA, "%s:%lu: out of the list's order (due "
		    "date, agent, customer, task, policy, occasion) after line "
		    "%lu; %s", name, rec->line, l->line, _(WHAT_TO_DO));
}

/* Whether list a's row in hand goes before list b's: a tie to the first. */
static int
before(const struct lists *ls, size_t a, size_t b)
{
	int c = tasks_order(&ls->l[a].key, &ls->l[b].key);

	return c != 0 ? c < 0 : a < b;
}

static void
sift_down(struct lists *ls, size_t i)
{
	size_t c, t;

	for (; (c = 2 * i + 1) < ls->nheap; i = c) {
		if (c + 1 < ls->nheap &&
		    before(ls, ls->heap[c + 1], ls->heap[c]))
			c++;
		if (!before(ls, ls->heap[c], ls->heap[i]))
			break;
		t = ls->heap[i];
		ls->heap[i] = ls->heap[c];
		ls->heap[c] = t;
	}
}

static void
sift_up(struct lists *ls, size_t i)
{
	size_t p, t;

	for (; i > 0 && before(ls, ls->heap[i], ls->heap[p = (i - 1) / 2]);
	    i = p) {
		t = ls->heap[i];
		ls->heap[i] = ls->heap[p];
		ls->heap[p] = t;
	}
}

/* The next row of list i into the heap, or the list out of it at its end. */
static int
advance(struct lists *ls, struct io *io, size_t i)
{
	struct list *l = &ls->l[i];

	if (!side_next(&l->s))
		return 0;
	io_read(io);
	take(l, side_name(&l->s), side_header(&l->s), &l->s.rec);
	return 1;
}

/* Writes the heap's first row, and puts its list's next in its place. */
static void
write_first(struct lists *ls, struct io *io)
{
	size_t i = ls->heap[0];
	struct list *l = &ls->l[i];

	schema_rec(&io->schema, &l->s.rec);
	io_write(io);
	keep_last(l, l->s.rec.line);
	if (!advance(ls, io, i))
		ls->heap[0] = ls->heap[--ls->nheap];
	sift_down(ls, 0);
}

/*
 * FILE's header must be the list's under the rules (columns: and carry
 * included), and it is the output's: its rows are written as read.
 */
void
lists_bind(struct followup *f, struct io *io)
{
	struct schema want = { 0 };

	followup_columns(f, io->r, &want);
	if (io->r->nerr == 0)
		check_header(io_name(io), io_header(io), &want.cols);
	schema_free(&want);
	schema_input(&io->schema, io_header(io));
}

void
lists_open(struct followup *f, struct io *io)
{
	struct lists *ls = &f->lists;
	struct csvin_opts o = io->o.in;
	size_t i;

	/* Lists by the hundred: each read in turn, with no thread (about
	   1 MB a list, not 3). */
	o.serial = 1;
	ls->n = io->o.ninputs > 0 ? io->o.ninputs : 1;
	ls->l = err_calloc(ls->n, sizeof(*ls->l));
	ls->heap = err_calloc(ls->n, sizeof(*ls->heap));
	io_stat(io, "lists merged", ls->n);
	if (io->o.header_only)
		return;
	for (i = 1; i < ls->n; i++) {
		side_open(&ls->l[i].s, "--merge", io->o.inputs[i], &o, NULL);
		check_header(side_name(&ls->l[i].s), side_header(&ls->l[i].s),
		    &io->schema.cols);
		if (advance(ls, io, i)) {
			ls->heap[ls->nheap++] = i;
			sift_up(ls, ls->nheap - 1);
		}
	}
}

/*
 * A row of FILE: the other lists' rows before it are written first, then
 * it; it wins every tie, FILE being named first.
 */
void
lists_row(struct followup *f, struct io *io, const struct rec *rec)
{
	struct lists *ls = &f->lists;
	struct list *l = &ls->l[0];

	take(l, io_name(io), io_header(io), rec);
	while (ls->nheap > 0 && tasks_order(&ls->l[ls->heap[0]].key,
	    &l->key) < 0)
		write_first(ls, io);
	schema_rec(&io->schema, rec);
	io_write(io);
	keep_last(l, rec->line);
}

void
lists_end(struct followup *f, struct io *io)
{
	struct lists *ls = &f->lists;

	while (ls->nheap > 0)
		write_first(ls, io);
}

void
lists_free(struct lists *ls)
{
	size_t i;

	for (i = 0; i < ls->n; i++) {
		side_close(&ls->l[i].s);
		free(ls->l[i].text);
	}
	free(ls->l);
	free(ls->heap);
}
