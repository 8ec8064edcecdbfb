#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "events.h"

/* Inserts in date order; events of one day keep the order they came in. */
static void
add(struct events *ev, int date, const char *name)
{
	size_t i = ev->n;

	err_grow(&ev->e, &ev->cap, ev->n + 1, sizeof(*ev->e));
	while (i > 0 && ev->e[i - 1].date > date) {
		ev->e[i] = ev->e[i - 1];
		i--;
	}
	ev->e[i].date = date;
	ev->e[i].name = err_strdup(name);
	ev->n++;
}

void
events_rules(struct events *ev, struct rules *r, const struct ynode *list)
{
	static const char *const keys[] = { "date", "name", NULL };
	const struct ynode *v, *d, *n;
	size_t i;
	int date;

	if (rules_want(r, list, Y_SEQ, "events") < 0)
		return;
	for (i = 0; i < list->n; i++) {
		v = list->kid[i];
		if (rules_want(r, v, Y_MAP, "an event") < 0 ||
		    rules_keys(r, v, keys, keys) < 0)
			continue;
		d = rules_get(v, "date");
		n = rules_get(v, "name");
		if (rules_want(r, d, Y_SCALAR, "date") < 0 ||
		    rules_want(r, n, Y_SCALAR, "name") < 0)
			continue;
		if (date_parse(d->str, d->len, &date) < 0) {
			rules_error(r, d, "'%s' is not a date", d->str);
			continue;
		}
		add(ev, date, n->str);
	}
}

void
events_file(struct events *ev, const char *path, const struct csvin_opts *o)
{
	struct csvin *in;
	struct rec rec = { 0 };
	enum csvin_status st;
	long dc, nc;
	int d;

	if ((in = csvin_open(path, o)) == NULL)
		err_quit(EXIT_DATA);
	dc = cols_find(csvin_header(in), "date");
	nc = cols_find(csvin_header(in), "name");
	if (dc < 0 || nc < 0)
		err_exit(EXIT_DATA, "%s:1: an events file has the columns date "
		    "and name", csvin_name(in));
	while ((st = csvin_next(in, &rec)) != CSVIN_EOF) {
		if (st != CSVIN_ROW)
			err_exit(EXIT_DATA, "%s:%lu: %s", csvin_name(in),
			    rec.line, csvin_error(in));
		if (date_parse(rec.f[dc], rec.len[dc], &d) < 0)
			err_exit(EXIT_DATA, "%s:%lu: '%s' is not a date",
			    csvin_name(in), rec.line, rec.f[dc]);
		add(ev, d, rec.f[nc]);
	}
	rec_free(&rec);
	csvin_close(in);
}

void
events_free(struct events *ev)
{
	size_t i;

	for (i = 0; i < ev->n; i++)
		free(ev->e[i].name);
	free(ev->e);
	memset(ev, 0, sizeof(*ev));
}
