/*
 * The telephone team (seed 003, 電話營銷團隊: "每日基本成功量20條/人/
 * 天"): per caller and working day, the records called (a result filled
 * in), the successes (a result of the rules' success:, as cm-calls's
 * handoff: takes them: each is a lead handed on to a ground agent) and
 * the shortfall against the basic 20 a caller a day.  FILE: cm-calls's
 * lists with their result column filled in, one day or many appended.
 * A caller with a list on a day has a row that day, called or not; a
 * row of a group (--by) sums its callers, its basic being 20 a caller.
 *
 * Memory is bounded by the (caller, day) pairs of the period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "report.h"

enum {
	L_DATE, L_CALLERS, L_RECORDS, L_CALLED, L_SUCCESSES, L_SUCCESS_RATE,
	L_BASIC, L_SHORT, NCOL
};

static const char *const colname[NCOL] = {
	"date", "callers", "records", "called", "successes", "success_rate",
	"basic", "short"
};

/* A (caller, day)'s figures, or a row's. */
struct day {
	unsigned long callers, records, called, successes;
};

struct callfigs {
	const struct ynode *success;
	long basic;
	size_t caller, date, result;	/* FILE's columns */
	struct table days;		/* "caller\tdate" -> struct day */
	char *key;
	size_t keycap;
	size_t col[NCOL];
	unsigned long inside, outside;
};

static void
load(struct report *rp, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = { "success", "basic", NULL };
	struct callfigs *c;
	const struct ynode *v;

	c = rp->cal = err_calloc(1, sizeof(*rp->cal));
	c->basic = 20;
	table_init(&c->days, sizeof(struct day));
	if (m == NULL || rules_want(r, m, Y_MAP, "calls") < 0)
		return;
	rules_keys(r, m, keys, NULL);
	if ((v = rules_get(m, "success")) != NULL &&
	    rules_want(r, v, Y_SEQ, "success") == 0)
		c->success = v;
	if ((v = rules_get(m, "basic")) != NULL)
		rules_count(r, v, "basic", 0, 100000, &c->basic);
}

static void
bind(struct report *rp, struct io *io)
{
	struct callfigs *c = rp->cal;

	c->caller = report_col(io, "caller_id");
	c->date = report_col(io, "date");
	c->result = report_col(io, "result");
	report_head(rp, io, 1);
	report_cols(io, colname, NCOL, c->col);
}

static void
row(struct report *rp, struct io *io, const struct rec *rec)
{
	struct callfigs *c = rp->cal;
	struct day *d;
	char msg[256], day[DATE_LEN + 1];
	int date, added;

	if (rec->len[c->caller] == 0) {
		snprintf(msg, sizeof(msg), _("column '%s': empty, whose call "
		    "is it?"), io_header(io)->names[c->caller]);
		io_reject(io, rec, msg);
		return;
	}
	if (date_parse(rec->f[c->date], rec->len[c->date], &date) < 0) {
		snprintf(msg, sizeof(msg), _("column '%s': '%.64s' is not a "
		    "date (2026-04-30)"), io_header(io)->names[c->date],
		    rec->f[c->date]);
		io_reject(io, rec, msg);
		return;
	}
	if (date < rp->from || date > rp->to) {
		c->outside++;
		return;
	}
	c->inside++;
	date_format(date, day);
	d = table_at(&c->days, table_intern(&c->days, report_pair(&c->key,
	    &c->keycap, rec->f[c->caller], day), &added));
	d->callers = 1;
	d->records++;
	if (rec->len[c->result] > 0)
		d->called++;
	if (rules_in(c->success, rec->f[c->result], rec->len[c->result]))
		d->successes++;
}

static void
end(struct report *rp, struct io *io)
{
	struct callfigs *c = rp->cal;
	struct table g;
	struct day *d, *to;
	const char *name;
	char *key = NULL, buf[NCOL][32];
	size_t cap = 0, i, j, n, *ix;

	table_init(&g, sizeof(struct day));
	for (i = 0; i < c->days.keys.n; i++) {
		name = c->days.keys.names[i];
		n = strcspn(name, "\t");
		err_grow(&c->key, &c->keycap, n + 1, 1);
		memcpy(c->key, name, n);
		c->key[n] = '\0';
		name = groups_key(&rp->groups, c->key);
		err_grow(&key, &cap, strlen(name) + DATE_LEN + 2, 1);
		snprintf(key, cap, "%s\t%s", name, c->days.keys.names[i] +
		    n + 1);
		d = table_at(&c->days, i);
		to = table_at(&g, table_intern(&g, key, NULL));
		to->callers += d->callers;
		to->records += d->records;
		to->called += d->called;
		to->successes += d->successes;
	}
	ix = groups_sorted(&g);
	for (i = 0; i < g.keys.n; i++) {
		d = table_at(&g, ix[i]);
		name = g.keys.names[ix[i]];
		n = strcspn(name, "\t");
		err_grow(&key, &cap, n + 1, 1);
		memcpy(key, name, n);
		key[n] = '\0';
		report_row(rp, io, 1, key);
		snprintf(buf[L_DATE], 32, "%s", name + n + 1);
		count_format(d->callers, buf[L_CALLERS], 32);
		count_format(d->records, buf[L_RECORDS], 32);
		count_format(d->called, buf[L_CALLED], 32);
		count_format(d->successes, buf[L_SUCCESSES], 32);
		rate_format(d->successes, d->called, buf[L_SUCCESS_RATE], 32);
		count_format((unsigned long)c->basic * d->callers,
		    buf[L_BASIC], 32);
		count_format((unsigned long)c->basic * d->callers >
		    d->successes ? (unsigned long)c->basic * d->callers -
		    d->successes : 0, buf[L_SHORT], 32);
		for (j = 0; j < NCOL; j++)
			schema_put(&io->schema, c->col[j], buf[j]);
		io_write(io);
	}
	free(ix);
	free(key);
	table_free(&g);
	io_stat(io, "list rows in the period", c->inside);
	io_stat(io, "list rows outside the period", c->outside);
	io_stat(io, "caller days", c->days.keys.n);
}

static void
calls_free(struct report *rp)
{
	if (rp->cal == NULL)
		return;
	table_free(&rp->cal->days);
	free(rp->cal->key);
	free(rp->cal);
}

const struct measure measure_calls = {
	.name = "calls",
	.who = "caller_id",
	.takes = T_MONTH | T_WINDOW | T_BY,
	.needs = 0,
	.load = load,
	.bind = bind,
	.open = NULL,
	.row = row,
	.end = end,
	.free = calls_free,
};
