/*
 * The book of assigned customers (--assigned: cm-orphan-assign's
 * outputs, one night or many appended), read whole before the contact
 * log: each customer once, with the agent and the day of their latest
 * assignment on or before the end of the period.  A row that went to a
 * queue or to no one, or was assigned after the period, assigns no one.
 * Memory is bounded by the customers, not by the log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "../../common/side.h"
#include "report.h"

void
book_read(struct report *rp, struct io *io, int until)
{
	struct book *b = &rp->book;
	struct entry *e;
	struct side s;
	size_t customer, to, date, i;
	int day, added;

	side_open(&s, "--assigned", rp->assigned_path, &io->o.in, io->r);
	customer = side_col(&s, "customer_id");
	to = side_col(&s, "assigned_to");
	date = side_col(&s, "assigned_date");
	if (b->bind != NULL)
		b->bind(rp, &s);
	while (side_next(&s)) {
		b->rows++;
		if (s.rec.len[to] == 0 ||
		    strncmp(s.rec.f[to], "queue:", 6) == 0) {
			b->queue++;
			continue;
		}
		if (s.rec.len[customer] == 0)
			side_fail(&s, "column '%s' is empty: which customer "
			    "was assigned?", side_header(&s)->names[customer]);
		if (date_parse(s.rec.f[date], s.rec.len[date], &day) < 0)
			side_fail(&s, "column '%s': '%s' is not a date",
			    side_header(&s)->names[date], s.rec.f[date]);
		if (day > until) {
			b->later++;
			continue;
		}
		i = table_intern(&b->customers, s.rec.f[customer], &added);
		e = table_at(&b->customers, i);
		if (added) {
			e->policy = NO_POLICY;
			e->date = day - 1;
		}
		if (day >= e->date) {
			e->agent = (uint32_t)cols_intern(&b->agents, s.rec.f[to],
			    NULL);
			e->date = day;
		}
		if (b->each != NULL)
			b->each(rp, &s, i);
	}
	side_close(&s);
}

struct entry *
book_find(struct report *rp, const char *customer)
{
	long i = table_find(&rp->book.customers, customer);

	return i < 0 ? NULL : table_at(&rp->book.customers, (size_t)i);
}

struct entry *
book_contact(struct report *rp, const struct contact *k)
{
	struct book *b = &rp->book;
	struct entry *e;

	if ((e = book_find(rp, k->customer)) == NULL) {
		b->strangers++;
		return NULL;
	}
	if (strcmp(b->agents.names[e->agent], k->agent) != 0) {
		b->others++;
		return NULL;
	}
	if (k->date < e->date) {
		b->before++;
		return NULL;
	}
	return e;
}

void
book_stats(struct report *rp, struct io *io)
{
	struct book *b = &rp->book;

	io_stat(io, "contacts of customers not assigned", b->strangers);
	io_stat(io, "contacts by another agent than the customer's",
	    b->others);
	io_stat(io, "contacts before the assignment", b->before);

	io_stat(io, "assigned rows read", b->rows);
	io_stat(io, "assigned rows to a queue or to no one", b->queue);
	io_stat(io, "assigned rows after the period", b->later);
	io_stat(io, "assigned customers", b->customers.keys.n);
}

void
book_free(struct report *rp)
{
	table_free(&rp->book.customers);
	cols_free(&rp->book.agents);
}
