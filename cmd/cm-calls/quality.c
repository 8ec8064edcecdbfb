/*
 * The Friday quality calls (seed 003, 客戶回訪: "每周五下午13:30——18:00由
 * 1名電話營銷人員對代理人拜訪過的客戶進行電話回訪確認,監督服務品質,并將
 * 結果在周六18點前反饋給負責人").
 *
 * The visits of the week that were made (when: of the rules) become one
 * caller's list, a customer once, at times spread over the afternoon of
 * the day; a day that is not a working day moves to the working day
 * before it in the same week.
 */
#include <stdio.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "calls.h"

enum { OUT_CALLER, OUT_DATE, OUT_TIME, OUT_FEEDBACK };

void
quality_bind(struct calls *c, struct io *io)
{
	static const char *const own[] = {
		"caller_id", "call_date", "call_time", "feedback_due"
	};
	const struct ynode *q = rules_get(io->r->root, "quality");

	c->ccol = calls_incol(io, q != NULL ? rules_get(q, "customer") : NULL,
	    c->customer);
	c->gcol = calls_incol(io, q != NULL ? rules_get(q, "agent") : NULL,
	    c->agent);
	c->dcol = calls_incol(io, q != NULL ? rules_get(q, "date") : NULL,
	    c->date);
	if (c->visited != NULL)
		cond_bind(c->visited, io->r, io_header(io), io_name(io));
	calls_layout(c, io, own, 4);
}

void
quality_open(struct calls *c, struct io *io)
{
	char from[DATE_LEN + 1], to[DATE_LEN + 1];
	int d, last = c->week + c->qday - 1;

	(void)io;
	for (d = last; d >= c->week && !days_working(c, d); d--)
		;
	c->listday = d >= c->week ? d : -1;
	if (c->listday < 0) {
		date_format(c->week, from);
		date_format(last, to);
		err_warn("no working day from %s to %s: no quality calls; "
		    "every visit goes to --rest", from, to);
	}
}

void
quality_row(struct calls *c, struct io *io, const struct rec *rec)
{
	const char *name = io_header(io)->names[c->dcol];
	char msg[512];
	int d, added, v;

	if (date_parse(rec->f[c->dcol], rec->len[c->dcol], &d) < 0) {
		snprintf(msg, sizeof(msg), _(NOT_A_DATE), name,
		    rec->f[c->dcol]);
		io_reject(io, rec, msg);
		return;
	}
	if (d < c->week || d >= c->week + 7) {
		rest_put(c, io, rec, c->word[W_NOT_WEEK]);
		return;
	}
	if (c->listday >= 0 && d > c->listday) {
		rest_put(c, io, rec, c->word[W_AFTER]);
		return;
	}
	if ((v = io_holds(io, c->visited, rec, rec->f, rec->len)) < 0)
		return;
	if (v == 0) {
		rest_put(c, io, rec, c->word[W_NOT_VISIT]);
		return;
	}
	if (rec->len[c->ccol] == 0) {
		snprintf(msg, sizeof(msg), _("the column '%s' is empty"),
		    io_header(io)->names[c->ccol]);
		io_reject(io, rec, msg);
		return;
	}
	if (c->listday < 0) {
		rest_put(c, io, rec, c->word[W_NO_DAY]);
		return;
	}
	cols_intern(&c->seen, rec->f[c->ccol], &added);
	if (!added) {
		rest_put(c, io, rec, c->word[W_CUSTOMER_LISTED]);
		return;
	}
	calls_keep(c, rec);
}

void
quality_end(struct calls *c, struct io *io)
{
	struct schema *sc = &io->schema;
	struct rec t = { 0 };
	char date[DATE_LEN + 1], clock[6], due[DATE_LEN + 7];
	int fday = c->week + c->fday - 1;
	size_t k;

	if (c->fday < c->qday)
		fday += 7;
	date_format(c->listday, date);
	date_format(fday, due);
	due[DATE_LEN] = ' ';
	date_clock_format(c->ftime, due + DATE_LEN + 1);
	for (k = 0; k < c->nit; k++) {
		hold_rec(&c->it[k].h, &t);
		calls_fill(c, io, t.f, t.len);
		date_clock_format(days_spread(&c->qwin, 1, k, c->nit), clock);
		schema_put(sc, c->out[OUT_CALLER], c->caller);
		schema_set(sc, c->out[OUT_DATE], date, DATE_LEN);
		schema_put(sc, c->out[OUT_TIME], clock);
		schema_put(sc, c->out[OUT_FEEDBACK], due);
		sc->line = c->it[k].h.line;
		io_write(io);
	}
	rec_free(&t);
}
