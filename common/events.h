#ifndef CM_EVENTS_H
#define CM_EVENTS_H

/*
 * Company event days (公司活动日): the events: list of a rule file, each
 * {date, name}, and event files given on the command line, CSV with the
 * columns date and name, kept in date order.  The names are copied;
 * events_free() frees them.
 */

#include "csvin.h"
#include "rules.h"

struct event {
	int date;		/* days since 1970-01-01 */
	char *name;
};

struct events {
	struct event *e;
	size_t n, cap;
};

/* Adds the events of list (a rule file's events:), counting errors in r. */
void events_rules(struct events *ev, struct rules *r, const struct ynode *list);

/*
 * Adds the events of a CSV file named by the option opt (side.h): a bad
 * file or date exits 1 with file:line.
 */
void events_file(struct events *ev, const char *opt, const char *path,
    const struct csvin_opts *o);

void events_free(struct events *ev);

#endif
