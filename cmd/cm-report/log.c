/*
 * The contact log: DOMAIN.md's visits (agent_id, customer_id, date,
 * channel or action, done, result), or cm-schedule's visit list with its
 * done column filled in, read row by row by contacts, standards and
 * ratio.  Each channel value is of a kind (a message, a call, a visit
 * face to face) in the rules' log: channels:; a value of none is a data
 * error, as a bad date or an empty id is.  A row counts when it was made
 * (log: when:) and falls in the period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "report.h"

/* NULL-ended, for rules_keys(). */
static const char *const kinds[NKIND + 1] = {
	"message", "call", "face", NULL
};

const char *
log_kind_name(enum kind k)
{
	return kinds[k];
}

/* The kinds named by a list of the rules (contact: [message]), as bits. */
unsigned
log_kinds(struct rules *r, const struct ynode *list, const char *what,
    unsigned def)
{
	unsigned bits = 0;
	size_t i, k;

	if (list == NULL)
		return def;
	if (rules_want(r, list, Y_SEQ, what) < 0)
		return def;
	for (i = 0; i < list->n; i++) {
		for (k = 0; k < NKIND; k++)
			if (list->kid[i]->type == Y_SCALAR &&
			    strcmp(list->kid[i]->str, kinds[k]) == 0)
				break;
		if (k == NKIND)
			rules_error(r, list->kid[i], "%s: message, call or "
			    "face, not '%s'", what, list->kid[i]->type ==
			    Y_SCALAR ? list->kid[i]->str : _("(not a word)"));
		else
			bits |= 1u << k;
	}
	return bits;
}

void
log_load(struct report *rp, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = { "channel", "channels", "when",
		NULL };
	struct clog *l = &rp->log;
	const struct ynode *c, *v;
	size_t k;

	if (m == NULL || rules_want(r, m, Y_MAP, "log") < 0)
		return;
	rules_keys(r, m, keys, NULL);
	if ((v = rules_get(m, "channel")) != NULL) {
		if (v->type == Y_SCALAR || rules_want(r, v, Y_SEQ,
		    "channel") == 0)
			l->channel_names = v;
	}
	if ((c = rules_get(m, "channels")) != NULL &&
	    rules_want(r, c, Y_MAP, "channels") == 0) {
		rules_keys(r, c, kinds, NULL);
		for (k = 0; k < NKIND; k++)
			if ((v = rules_get(c, kinds[k])) != NULL &&
			    rules_want(r, v, Y_SEQ, kinds[k]) == 0)
				l->values[k] = v;
	}
	if ((v = rules_get(m, "when")) != NULL &&
	    rules_want(r, v, Y_MAP, "when") == 0)
		l->when = cond_compile(r, v);
	l->at = m;
}

/*
 * The channel column: the first of the rules' names (channel: [channel,
 * action]) that the header has, else the first, which rules_find()
 * reports missing.
 */
static size_t
channel_col(struct clog *l, struct io *io)
{
	const struct ynode *v = l->channel_names;
	const char *first = "channel";
	size_t i;

	if (v != NULL && v->type == Y_SCALAR)
		first = v->str;
	else if (v != NULL) {
		for (i = 0; i < v->n; i++)
			if (v->kid[i]->type == Y_SCALAR && cols_find(
			    io_header(io), rules_column(io->r,
			    v->kid[i]->str)) >= 0)
				return report_col(io, v->kid[i]->str);
		if (v->n > 0 && v->kid[0]->type == Y_SCALAR)
			first = v->kid[0]->str;
	}
	return report_col(io, first);
}

void
log_bind(struct report *rp, struct io *io, int result)
{
	struct clog *l = &rp->log;

	l->agent = report_col(io, "agent_id");
	l->customer = report_col(io, "customer_id");
	l->date = report_col(io, "date");
	l->channel = channel_col(l, io);
	if (result)
		l->result = report_col(io, "result");
	if (l->when != NULL && cond_bind(l->when, io->r, io_header(io),
	    io_name(io)) < 0)
		rules_done(io->r);
}

static int
reject(struct io *io, const struct rec *rec, size_t col, const char *what)
{
	char msg[1024];

	snprintf(msg, sizeof(msg), _("column '%.128s': %s"),
	    io_header(io)->names[col], what);
	io_reject(io, rec, msg);
	return -1;
}

int
log_read(struct report *rp, struct io *io, const struct rec *rec,
    struct contact *c)
{
	struct clog *l = &rp->log;
	char msg[256];
	size_t k;
	int v;

	if (rec->len[l->agent] == 0)
		return reject(io, rec, l->agent, _("empty, whose contact is it?"));
	if (rec->len[l->customer] == 0)
		return reject(io, rec, l->customer,
		    _("empty, which customer was it?"));
	if (date_parse(rec->f[l->date], rec->len[l->date], &c->date) < 0) {
		snprintf(msg, sizeof(msg), _("'%.64s' is not a date "
		    "(2026-04-30)"), rec->f[l->date]);
		return reject(io, rec, l->date, msg);
	}
	for (k = 0; k < NKIND; k++)
		if (rules_in(l->values[k], rec->f[l->channel],
		    rec->len[l->channel]))
			break;
	if (k == NKIND) {
		snprintf(msg, sizeof(msg), _("'%.64s' is not a channel of "
		    "the rules (log: channels: message, call or face)"),
		    rec->f[l->channel]);
		return reject(io, rec, l->channel, msg);
	}
	c->kind = (enum kind)k;
	c->agent = rec->f[l->agent];
	c->customer = rec->f[l->customer];
	if (l->when != NULL) {
		v = cond_eval(l->when, rec->f, rec->len, msg, sizeof(msg));
		if (v < 0) {
			io_reject(io, rec, msg);
			return -1;
		}
		if (v == 0) {
			l->not_made++;
			return 0;
		}
	}
	if (c->date < rp->from || c->date > rp->to) {
		l->outside++;
		return 0;
	}
	l->counted++;
	return 1;
}

void
log_stats(struct report *rp, struct io *io)
{
	struct clog *l = &rp->log;

	io_stat(io, "contacts in the period", l->counted);
	io_stat(io, "contacts not made", l->not_made);
	io_stat(io, "contacts outside the period", l->outside);
}

void
log_free(struct report *rp)
{
	cond_free(rp->log.when);
}
