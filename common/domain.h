#ifndef CM_DOMAIN_H
#define CM_DOMAIN_H

/*
 * Column domains: the domains: of a rule file (cm-rules(5)), the values a
 * column of the input may hold, the aliases that stand for them, and how
 * a cell is tidied before it is matched:
 *
 *	domains:
 *	  economy: [好, 一般]
 *	  closed:
 *	    values: [yes, no]
 *	    aliases: {是: yes, 否: no}
 *	    trim: true		# spaces around the value (also U+3000) go
 *	    width: true		# full-width letters and digits are read as ASCII
 *	    empty: false	# an empty cell is outside the domain too
 *	  annual_premium: {type: number}	# or date; text by default
 *
 * tool_main() checks every row of the input after it is read: a cell that
 * is an alias, or that tidying makes a value, is replaced by its value, so
 * that rules name the values only; any other cell is a data error for the
 * row ("column 'economy': '良好' is not one of 好, 一般"), rejected as every
 * tool rejects.  A column of type number or date holds only numbers or
 * dates (and empty cells, unless empty: false), and a workbook writes it
 * as numbers or dates (csvout.h); every other cell of a workbook is text.  A domain of a column the input lacks is not used: a rule
 * file may describe the columns of several lists.
 *
 * A domain points into the rule tree and must not outlive it.
 */

#include <stddef.h>

#include "cols.h"
#include "csvin.h"
#include "rules.h"

struct domain;

enum domain_type { DOMAIN_TEXT, DOMAIN_NUMBER, DOMAIN_DATE };

struct domains {
	struct domain *d;
	size_t n;
	char *buf;		/* a cell tidied, reused */
	size_t cap;
	const char **to;	/* each domain's value for the row in hand */
	size_t *tolen;
};

/* Reads the domains: of the rules (if any), counting errors in r. */
void domains_load(struct domains *ds, struct rules *r);

/* Finds each domain's column in the input's header. */
void domains_bind(struct domains *ds, const struct rules *r,
    const struct cols *header);

/*
 * Checks a row: 0, with the cells that were aliases or untidy replaced by
 * their values (rec's plain prefix cut where one is), or -1 with msg set
 * and the row as it was.
 */
int domains_apply(struct domains *ds, struct rec *rec, char *msg,
    size_t msgsize);

/*
 * The counts of each domain in use that replaced or refused a cell: cells
 * replaced by a value, and cells refused; given to count(arg, name, n)
 * one by one.
 */
void domains_counts(const struct domains *ds,
    void (*count)(void *arg, const char *name, unsigned long n), void *arg);

/* The type of the column whose header is name (DOMAIN_TEXT without one). */
enum domain_type domains_type(const struct domains *ds, const char *name);

/* Whether the column whose header is name has a domain. */
int domains_has(const struct domains *ds, const char *name);

void domains_free(struct domains *ds);

#endif
