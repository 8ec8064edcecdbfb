#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "events.h"
#include "side.h"

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
		if (rules_want(r, v, Y_MAP, _("an event")) < 0 ||
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
events_file(struct events *ev, const char *opt, const char *path,
    const struct csvin_opts *o)
{
	struct side in;
	size_t dc, nc;
	int d;

	side_open(&in, opt, path, o, NULL);
	dc = side_col(&in, "date");
	nc = side_col(&in, "name");
	while (side_next(&in)) {
		if (date_parse(in.rec.f[dc], in.rec.len[dc], &d) < 0)
			side_fail(&in, "'%s' is not a date (%s)", in.rec.f[dc],
			    _(DATE_FORMS));
		add(ev, d, in.rec.f[nc]);
	}
	side_close(&in);
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
