/*
 * Where orphan policies come from (sources:, seed 004 22.2): the policies
 * of an agent who left (离司), whose agent_id names that agent, and those
 * of other sources (迁入, 长期失效, 整合), whose agent_id, when the roster
 * has it, only keeps the policy from going back to that agent.  The
 * rules list the values of the source column: any other is a data error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "orphan.h"

static void
add_list(struct sources *ss, struct rules *r, const struct ynode *list,
    int departed)
{
	size_t i, k;
	const struct ynode *v;

	if (list == NULL ||
	    rules_want(r, list, Y_SEQ, _("a list of sources")) < 0)
		return;
	for (i = 0; i < list->n; i++) {
		v = list->kid[i];
		if (rules_want(r, v, Y_SCALAR, _("a source")) < 0)
			continue;
		if (v->len == 0) {
			rules_error(r, v, "a source may not be empty: an empty "
			    "cell is the default");
			continue;
		}
		for (k = 0; k < ss->n && strcmp(ss->s[k].name, v->str); k++)
			;
		if (k < ss->n) {
			rules_error(r, v, "source '%s' is listed twice (first "
			    "at line %lu)", v->str, ss->s[k].at->line);
			continue;
		}
		ss->s[ss->n].name = v->str;
		ss->s[ss->n].len = v->len;
		ss->s[ss->n].departed = departed;
		ss->s[ss->n].at = v;
		ss->n++;
	}
}

/* "a, b or c", cut short where it would not fit. */
static void
expect(struct sources *ss)
{
	size_t i, len = 0, left;
	int n;

	for (i = 0; i < ss->n; i++) {
		left = sizeof(ss->expect) - len;
		n = snprintf(ss->expect + len, left, "%s%s", i == 0 ? "" :
		    i + 1 == ss->n ? " or " : ", ", ss->s[i].name);
		if (n < 0 || (size_t)n >= left) {
			ss->expect[len] = '\0';
			break;
		}
		len += (size_t)n;
	}
}

void
sources_load(struct sources *ss, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = {
		"default", "departed", "other", NULL
	};
	static const char *const need[] = { "default", "departed", NULL };
	const struct ynode *d, *x;
	size_t n = 0;

	ss->dflt = -1;
	if (rules_want(r, m, Y_MAP, "sources") < 0 ||
	    rules_keys(r, m, keys, need) < 0)
		return;
	if ((x = rules_get(m, "departed")) != NULL && x->type == Y_SEQ)
		n += x->n;
	if ((x = rules_get(m, "other")) != NULL && x->type == Y_SEQ)
		n += x->n;
	/* A row keeps its source in 15 bits, a unit in 2 bytes. */
	if (n > MAXSTATES)
		rules_error(r, m, "more than %d sources", MAXSTATES);
	ss->s = err_calloc(n + 1, sizeof(*ss->s));
	add_list(ss, r, rules_get(m, "departed"), 1);
	add_list(ss, r, rules_get(m, "other"), 0);
	expect(ss);
	d = rules_get(m, "default");
	if (rules_want(r, d, Y_SCALAR, "default") < 0)
		return;
	ss->dflt = sources_find(ss, d->str, d->len);
	if (ss->dflt < 0)
		rules_error(r, d, "the default source '%s' is not among the "
		    "sources: %s", d->str, ss->expect);
}

long
sources_find(const struct sources *ss, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < ss->n; i++)
		if (ss->s[i].len == len && memcmp(ss->s[i].name, s, len) == 0)
			return (long)i;
	return -1;
}

size_t
sources_list(const struct sources *ss, struct rules *r,
    const struct ynode *list, int **out)
{
	const struct ynode *v;
	const char **names;
	size_t i, n = 0;
	long k;

	if (rules_want(r, list, Y_SEQ, "source") < 0)
		return 0;
	if (ss->n == 0) {
		rules_error(r, list, "a route's source: needs the sources: of "
		    "the rules");
		return 0;
	}
	names = err_calloc(ss->n + 1, sizeof(*names));
	for (i = 0; i < ss->n; i++)
		names[i] = ss->s[i].name;
	*out = err_calloc(list->n + 1, sizeof(**out));
	for (i = 0; i < list->n; i++) {
		v = list->kid[i];
		if (rules_want(r, v, Y_SCALAR, _("a source")) < 0)
			continue;
		if ((k = sources_find(ss, v->str, v->len)) >= 0)
			(*out)[n++] = (int)k;
		else if (rules_nearest(v->str, names) != NULL)
			rules_unknown(r, v, _("source"), v->str,
			    rules_nearest(v->str, names));
		else
			rules_error(r, v, "unknown source '%s' (%s)", v->str,
			    ss->expect);
	}
	free(names);
	return n;
}

void
sources_free(struct sources *ss)
{
	free(ss->s);
}
