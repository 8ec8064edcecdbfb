/*
 * The side inputs, read whole before the first row: the company's events
 * (--events) for the rules' audiences, the service records (--services)
 * and the customers' occasions (--occasions), the last two kept by
 * customer, so that a row finds its customer's with one look-up.
 *
 * A side file is the back office's, kept in Excel: a date that is not a
 * date, a kind of event or occasion that no trigger names, or an audience
 * that the rules do not define stops the run with its line (side.h),
 * rather than losing a notice or a claim silently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "../../common/side.h"
#include "followup.h"

/* audiences: a mapping of names to conditions on the input's rows. */
void
inputs_load(struct inputs *in, struct rules *r, const struct ynode *m)
{
	size_t i;

	if (m == NULL || rules_want(r, m, Y_MAP, "audiences") < 0)
		return;
	in->aud = err_calloc(m->n / 2 + 1, sizeof(*in->aud));
	for (i = 0; i + 1 < m->n; i += 2) {
		in->aud[in->naud].name = m->kid[i]->str;
		in->aud[in->naud].at = m->kid[i + 1];
		if (rules_want(r, m->kid[i + 1], Y_MAP, _("an audience "
		    "(a condition)")) == 0)
			in->aud[in->naud].when = cond_compile(r, m->kid[i + 1]);
		in->naud++;
	}
}

void
inputs_bind(struct inputs *in, struct rules *r, const struct cols *h,
    const char *input)
{
	size_t i;

	for (i = 0; i < in->naud; i++)
		if (in->aud[i].when != NULL)
			cond_bind(in->aud[i].when, r, h, input);
	in->holds = err_calloc(in->naud + 1, 1);
	in->svc = in->occ = NOREC;
}

static const char *
keep(struct inputs *in, const char *s, size_t len)
{
	char *p = arena_alloc(&in->text, len + 1);

	memcpy(p, s, len);
	return p;
}

/* "a, b, c" of the names that triggers of kind k list, into buf. */
static int
named(const struct followup *f, enum kind_id k, const char *name, char *buf,
    size_t size)
{
	size_t i, j, len = 0;

	buf[0] = '\0';
	for (i = 0; i < f->nt; i++) {
		if (f->t[i].kind != &kinds[k])
			continue;
		for (j = 0; j < f->t[i].nnames; j++) {
			if (strcmp(f->t[i].names[j], name) == 0)
				return 1;
			if (len + strlen(f->t[i].names[j]) + 3 < size)
				len += (size_t)snprintf(buf + len, size - len,
				    "%s%s", len ? ", " : "", f->t[i].names[j]);
		}
	}
	return 0;
}

static int
side_date(struct side *s, size_t col, int empty_ok)
{
	int d;

	if (s->rec.len[col] == 0 && empty_ok)
		return NODATE;
	if (date_parse(s->rec.f[col], s->rec.len[col], &d) < 0)
		side_fail(s, NOT_A_DATE,
		    side_header(s)->names[col], s->rec.f[col]);
	return d;
}

static void
read_events(struct followup *f, struct io *io)
{
	struct inputs *in = &f->in;
	struct side s;
	struct event_row *e;
	char list[512];
	size_t dc, kc, tc, i;
	long ac, a;

	side_open(&s, "--events", in->events_path, &io->o.in, io->r);
	dc = side_col(&s, "date");
	kc = side_col(&s, "kind");
	tc = side_col(&s, "title");
	ac = side_find(&s, "audience");
	while (side_next(&s)) {
		if (!named(f, K_COMPANY, s.rec.f[kc], list, sizeof(list)))
			side_fail(&s, "no company: trigger of the rules takes "
			    "events of kind '%s' (%s)", s.rec.f[kc], list);
		a = -1;
		if (ac >= 0 && s.rec.len[ac] > 0) {
			for (i = 0; i < in->naud && a < 0; i++)
				if (strcmp(in->aud[i].name, s.rec.f[ac]) == 0)
					a = (long)i;
			if (a < 0)
				side_fail(&s, "unknown audience '%s' (the "
				    "rules' audiences:, or empty for every "
				    "customer)", s.rec.f[ac]);
		}
		err_grow(&in->ev, &in->evcap, in->nev + 1, sizeof(*in->ev));
		e = &in->ev[in->nev++];
		e->date = side_date(&s, dc, 0);
		e->kind = keep(in, s.rec.f[kc], s.rec.len[kc]);
		e->title = keep(in, s.rec.f[tc], s.rec.len[tc]);
		e->audience = a;
	}
	side_close(&s);
}

/* Each company: trigger's events that fall due in the window. */
static void
events_due(struct followup *f)
{
	struct trigger *t;
	size_t i, j, k;
	int due;

	for (i = 0; i < f->nt; i++) {
		t = &f->t[i];
		if (t->kind != &kinds[K_COMPANY])
			continue;
		t->due = err_calloc(f->in.nev + 1, sizeof(*t->due));
		for (j = 0; j < f->in.nev; j++) {
			due = f->in.ev[j].date - t->lead;
			if (due < f->from || due > f->to)
				continue;
			for (k = 0; k < t->nnames; k++)
				if (strcmp(t->names[k], f->in.ev[j].kind) == 0)
					break;
			if (k < t->nnames)
				t->due[t->ndue++] = j;
		}
	}
}

/* A new record of the customer in column cc of s's row. */
static struct record *
add_record(struct inputs *in, struct records *rs, struct side *s, size_t cc)
{
	struct record *r;
	size_t c;
	int added;

	if (s->rec.len[cc] == 0)
		side_fail(s, "column '%s' is empty", side_header(s)->names[cc]);
	c = cols_intern(&rs->customers, s->rec.f[cc], &added);
	err_grow(&rs->first, &rs->firstcap, c + 1, sizeof(*rs->first));
	err_grow(&rs->r, &rs->cap, rs->n + 1, sizeof(*rs->r));
	r = &rs->r[rs->n];
	memset(r, 0, sizeof(*r));
	/* The customer's records, in the file's order. */
	r->next = NOREC;
	if (added) {
		rs->first[c] = rs->n;
	} else {
		for (c = rs->first[c]; rs->r[c].next != NOREC; c = rs->r[c].next)
			;
		rs->r[c].next = rs->n;
	}
	rs->n++;
	r->policy = r->label = r->note = "";
	(void)in;
	return r;
}

static const char *
cell(struct inputs *in, struct side *s, long col)
{
	return col < 0 ? "" : keep(in, s->rec.f[col], s->rec.len[col]);
}

/*
 * --services: customer, policy, type, note, and the date columns that the
 * service: triggers name (empty until the step is reached).
 */
static void
read_services(struct followup *f, struct io *io)
{
	struct inputs *in = &f->in;
	struct records *rs = &in->services;
	struct side s;
	struct record *r;
	size_t cc, i, *dcol;
	long pc, tc, nc;

	side_open(&s, "--services", in->services_path, &io->o.in, io->r);
	cc = side_col(&s, f->cust);
	pc = side_find(&s, f->policy);
	tc = side_find(&s, "type");
	nc = side_find(&s, "note");
	for (i = 0; i < f->nt; i++)
		if (f->t[i].kind == &kinds[K_SERVICE] && f->t[i].column != NULL)
			f->t[i].col = cols_intern(&rs->dates, f->t[i].column,
			    NULL);
	dcol = err_calloc(rs->dates.n + 1, sizeof(*dcol));
	for (i = 0; i < rs->dates.n; i++)
		dcol[i] = side_col(&s, rs->dates.names[i]);
	while (side_next(&s)) {
		r = add_record(in, rs, &s, cc);
		r->policy = cell(in, &s, pc);
		r->label = cell(in, &s, tc);
		r->note = cell(in, &s, nc);
		r->date = arena_alloc(&in->text, (rs->dates.n + 1) *
		    sizeof(*r->date));
		for (i = 0; i < rs->dates.n; i++)
			r->date[i] = side_date(&s, dcol[i], 1);
	}
	free(dcol);
	side_close(&s);
}

/* --occasions: customer, date, kind and note. */
static void
read_occasions(struct followup *f, struct io *io)
{
	struct inputs *in = &f->in;
	struct side s;
	struct record *r;
	char list[512];
	size_t cc, dc, kc;
	long nc;

	side_open(&s, "--occasions", in->occasions_path, &io->o.in, io->r);
	cc = side_col(&s, f->cust);
	dc = side_col(&s, "date");
	kc = side_col(&s, "kind");
	nc = side_find(&s, "note");
	while (side_next(&s)) {
		if (!named(f, K_OCCASIONS, s.rec.f[kc], list, sizeof(list)))
			side_fail(&s, "no occasions: trigger of the rules "
			    "takes the kind '%s' (%s)", s.rec.f[kc], list);
		r = add_record(in, &in->occasions, &s, cc);
		r->day = side_date(&s, dc, 0);
		r->label = cell(in, &s, (long)kc);
		r->note = cell(in, &s, nc);
	}
	side_close(&s);
}

void
inputs_read(struct followup *f, struct io *io)
{
	if (f->in.events_path != NULL) {
		read_events(f, io);
		events_due(f);
	}
	if (f->in.services_path != NULL)
		read_services(f, io);
	if (f->in.occasions_path != NULL)
		read_occasions(f, io);
}

static size_t
first_of(const struct records *rs, const struct rec *rec, size_t col)
{
	long c;

	if (rs->n == 0 || (c = cols_find(&rs->customers, rec->f[col])) < 0)
		return NOREC;
	return rs->first[c];
}

int
inputs_row(struct followup *f, const struct rec *rec, char *msg,
    size_t msgsize)
{
	struct inputs *in = &f->in;

	(void)msg;
	(void)msgsize;
	in->svc = first_of(&in->services, rec, f->ccol);
	in->occ = first_of(&in->occasions, rec, f->ccol);
	if (in->naud > 0)
		memset(in->holds, -1, in->naud);
	return 0;
}

int
inputs_holds(struct inputs *in, long a, const struct rec *rec, char *msg,
    size_t msgsize)
{
	int v;

	if (a < 0 || in->aud[a].when == NULL)
		return 1;
	if (in->holds[a] >= 0)
		return in->holds[a];
	v = cond_eval(in->aud[a].when, rec->f, rec->len, msg, msgsize);
	in->holds[a] = (signed char)v;
	return v;
}

static unsigned long
unused(const struct records *rs)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i < rs->n; i++)
		n += !rs->r[i].used;
	return n;
}

/* The records that no row of the input took, for --stats. */
void
inputs_report(struct followup *f, struct io *io)
{
	if (f->in.events_path != NULL)
		io_stat(io, "events", f->in.nev);
	if (f->in.services_path != NULL)
		io_stat(io, "service records of no policy in the input",
		    unused(&f->in.services));
	if (f->in.occasions_path != NULL)
		io_stat(io, "occasions of no customer in the input",
		    unused(&f->in.occasions));
}

static void
records_free(struct records *rs)
{
	free(rs->r);
	free(rs->first);
	cols_free(&rs->customers);
	cols_free(&rs->dates);
}

void
inputs_free(struct inputs *in)
{
	size_t i;

	for (i = 0; i < in->naud; i++)
		cond_free(in->aud[i].when);
	free(in->aud);
	free(in->ev);
	free(in->holds);
	records_free(&in->services);
	records_free(&in->occasions);
	arena_free(&in->text);
}
