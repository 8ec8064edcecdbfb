#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "domain.h"
#include "err.h"
#include "value.h"

struct domain {
	const char *column;		/* as named in the rules */
	const char *header;		/* and in the data */
	const struct ynode *at;
	long idx;			/* in the input, or -1 */
	const struct ynode *values;	/* a list of scalars, or NULL */
	enum domain_type type;
	const struct ynode *aliases;	/* a mapping alias -> value, or NULL */
	int trim, width, empty;
	char list[256];			/* "好, 一般", for messages */
	unsigned long mapped, refused;
};

/* The value node of v's values that s[0..n) is, or NULL. */
static const struct ynode *
find(const struct ynode *list, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		if (list->kid[i]->len == n && memcmp(list->kid[i]->str, s, n) == 0)
			return list->kid[i];
	return NULL;
}

/* The value an alias stands for, or NULL. */
static const struct ynode *
alias(const struct domain *d, const char *s, size_t n)
{
	size_t i;

	if (d->aliases == NULL)
		return NULL;
	for (i = 0; i < d->aliases->n; i += 2)
		if (d->aliases->kid[i]->len == n &&
		    memcmp(d->aliases->kid[i]->str, s, n) == 0)
			return find(d->values, d->aliases->kid[i + 1]->str,
			    d->aliases->kid[i + 1]->len);
	return NULL;
}

static int
want_values(struct rules *r, const struct ynode *v)
{
	size_t i;

	if (rules_want(r, v, Y_SEQ, "values") < 0)
		return -1;
	if (v->n == 0) {
		rules_error(r, v, "a domain has at least one value");
		return -1;
	}
	for (i = 0; i < v->n; i++) {
		if (rules_want(r, v->kid[i], Y_SCALAR, _("a value")) < 0)
			return -1;
		if (find(v, v->kid[i]->str, v->kid[i]->len) != v->kid[i]) {
			rules_error(r, v->kid[i], "'%s' is listed twice",
			    v->kid[i]->str);
			return -1;
		}
	}
	return 0;
}

static void
load_aliases(struct rules *r, struct domain *d, const struct ynode *m)
{
	const struct ynode *from, *to;
	size_t i;

	if (rules_want(r, m, Y_MAP, "aliases") < 0)
		return;
	for (i = 0; i < m->n; i += 2) {
		from = m->kid[i];
		to = m->kid[i + 1];
		if (rules_want(r, to, Y_SCALAR, _("an alias's value")) < 0)
			continue;
		if (find(d->values, to->str, to->len) == NULL)
			rules_error(r, to, "the alias '%s' stands for '%s', "
			    "which is not one of the values", from->str, to->str);
		else if (find(d->values, from->str, from->len) != NULL)
			rules_error(r, from, "'%s' is a value, not an alias",
			    from->str);
	}
	d->aliases = m;
}

static void
load_domain(struct rules *r, struct domain *d, const struct ynode *key,
    const struct ynode *v)
{
	static const char *const keys[] = {
		"values", "aliases", "trim", "width", "empty", "type", NULL
	};
	static const struct rules_word types[] = {
		{ "text", DOMAIN_TEXT, 0 }, { "number", DOMAIN_NUMBER, 0 },
		{ "date", DOMAIN_DATE, 0 }, { NULL, 0, 0 }
	};
	const struct ynode *x;
	size_t i, len = 0;
	int t;

	d->column = key->str;
	d->at = key;
	d->empty = 1;
	d->idx = -1;
	if (v->type == Y_SEQ) {
		if (want_values(r, v) == 0)
			d->values = v;
	} else if (rules_want(r, v, Y_MAP, _("a domain")) == 0 &&
	    rules_keys(r, v, keys, NULL) == 0) {
		if ((x = rules_get(v, "type")) != NULL &&
		    (t = rules_enum(r, x, "type", types, NULL)) >= 0)
			d->type = (enum domain_type)t;
		if ((x = rules_get(v, "values")) != NULL &&
		    want_values(r, x) == 0)
			d->values = x;
		else if (x == NULL && rules_get(v, "type") == NULL)
			rules_error(r, v, "a domain has values, or a type, or "
			    "both");
		if ((x = rules_get(v, "trim")) != NULL)
			rules_bool(r, x, "trim", &d->trim);
		if ((x = rules_get(v, "width")) != NULL)
			rules_bool(r, x, "width", &d->width);
		if ((x = rules_get(v, "empty")) != NULL)
			rules_bool(r, x, "empty", &d->empty);
		if (d->values != NULL && (x = rules_get(v, "aliases")) != NULL)
			load_aliases(r, d, x);
	}
	for (i = 0; d->values != NULL && i < d->values->n; i++)
		len += (size_t)snprintf(d->list + len, len < sizeof(d->list) ?
		    sizeof(d->list) - len : 0, "%s%s", i ? ", " : "",
		    d->values->kid[i]->str);
}

void
domains_load(struct domains *ds, struct rules *r)
{
	const struct ynode *m;
	size_t i;

	if (r->root == NULL || (m = rules_get(r->root, "domains")) == NULL)
		return;
	if (rules_want(r, m, Y_MAP, "domains") < 0)
		return;
	ds->d = err_calloc(m->n / 2 + 1, sizeof(*ds->d));
	for (i = 0; i < m->n; i += 2)
		load_domain(r, &ds->d[ds->n++], m->kid[i], m->kid[i + 1]);
	ds->to = err_calloc(ds->n + 1, sizeof(*ds->to));
	ds->tolen = err_calloc(ds->n + 1, sizeof(*ds->tolen));
}

void
domains_bind(struct domains *ds, const struct rules *r,
    const struct cols *header)
{
	size_t i;

	for (i = 0; i < ds->n; i++) {
		ds->d[i].header = rules_column(r, ds->d[i].column);
		ds->d[i].idx = cols_find(header, ds->d[i].header);
	}
}

/*
 * The cell s[0..n) tidied as d says into ds->buf: full-width forms
 * (U+FF01-U+FF5E, and U+3000, a space) read as ASCII, then spaces, tabs
 * and U+3000 dropped from both ends.  Returns its length.
 */
static size_t
tidy(struct domains *ds, const struct domain *d, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t k = 0, start;
	char *o;

	err_grow(&ds->buf, &ds->cap, n + 1, 1);
	o = ds->buf;
	while (p < end) {
		if (d->width && end - p >= 3 && p[0] == 0xEF &&
		    ((p[1] == 0xBC && p[2] >= 0x81) ||
		    (p[1] == 0xBD && p[2] <= 0x9E))) {
			o[k++] = (char)(0x21 + (p[1] - 0xBC) * 64 + p[2] - 0x81);
			p += 3;
		} else if (d->width && end - p >= 3 && p[0] == 0xE3 &&
		    p[1] == 0x80 && p[2] == 0x80) {
			o[k++] = ' ';
			p += 3;
		} else {
			o[k++] = (char)*p++;
		}
	}
	if (!d->trim)
		return k;
	for (start = 0; start < k; ) {
		if (o[start] == ' ' || o[start] == '\t')
			start++;
		else if (k - start >= 3 && memcmp(o + start, "\xE3\x80\x80", 3) == 0)
			start += 3;
		else
			break;
	}
	while (k > start) {
		if (o[k - 1] == ' ' || o[k - 1] == '\t')
			k--;
		else if (k - start >= 3 && memcmp(o + k - 3, "\xE3\x80\x80", 3) == 0)
			k -= 3;
		else
			break;
	}
	memmove(o, o + start, k - start);
	return k - start;
}

/*
 * A cell of a column with a type and no values: 0, or -1 with msg set when
 * it is not of the type.
 */
static int
typed(const struct domain *d, const char *s, size_t n, char *msg,
    size_t msgsize)
{
	const char *what;
	double x;
	int day;

	if (n == 0 && !d->empty) {
		snprintf(msg, msgsize,
		    _("column '%s' is empty (domains: at line "
		    "%lu of the rules says empty: false)"), d->header,
		    d->at->line);
		return -1;
	}
	if (n == 0 || d->type == DOMAIN_TEXT ||
	    (d->type == DOMAIN_NUMBER && value_number(s, n, &x) == 0) ||
	    (d->type == DOMAIN_DATE && date_parse(s, n, &day) == 0))
		return 0;
	/* Translated here, on the error's way only, not for every cell. */
	what = d->type == DOMAIN_DATE ? _("a date") : _("a number");
	snprintf(msg, msgsize, _("column '%s': '%.*s' is not %s (%s%sdomains: at "
	    "line %lu of the rules)"), d->header, n > 64 ? 64 : (int)n, s, what,
	    d->type == DOMAIN_DATE ? _(DATE_FORMS) : "",
	    d->type == DOMAIN_DATE ? "; " : "", d->at->line);
	return -1;
}

int
domains_apply(struct domains *ds, struct rec *rec, char *msg, size_t msgsize)
{
	struct domain *d;
	const struct ynode *v;
	const char *s;
	size_t i, n;

	for (i = 0; i < ds->n; i++) {
		d = &ds->d[i];
		ds->to[i] = NULL;
		if (d->idx < 0)
			continue;
		s = rec->f[d->idx];
		n = rec->len[d->idx];
		if (d->values == NULL) {
			if (typed(d, s, n, msg, msgsize) < 0) {
				d->refused++;
				return -1;
			}
			continue;
		}
		if ((v = find(d->values, s, n)) != NULL)
			continue;
		if (n == 0 && d->empty)
			continue;
		if ((v = alias(d, s, n)) == NULL && (d->trim || d->width)) {
			n = tidy(ds, d, s, n);
			s = ds->buf;
			if ((v = find(d->values, s, n)) == NULL &&
			    (v = alias(d, s, n)) == NULL && n == 0 && d->empty) {
				ds->to[i] = "";
				ds->tolen[i] = 0;
				continue;
			}
		}
		if (v == NULL) {
			d->refused++;
			n = rec->len[d->idx];
			snprintf(msg, msgsize,
			    _("column '%s': '%.*s' is not one "
			    "of %s (domains: at line %lu of the rules)"),
			    d->header, n > 64 ? 64 : (int)n, rec->f[d->idx],
			    d->list, d->at->line);
			return -1;
		}
		ds->to[i] = v->str;
		ds->tolen[i] = v->len;
	}
	for (i = 0; i < ds->n; i++) {
		if (ds->to[i] == NULL)
			continue;
		d = &ds->d[i];
		d->mapped++;
		rec->f[d->idx] = (char *)ds->to[i];
		rec->len[d->idx] = ds->tolen[i];
		if ((size_t)d->idx < rec->plain)
			rec->plain = (size_t)d->idx;
	}
	return 0;
}

void
domains_counts(const struct domains *ds,
    void (*count)(void *arg, const char *name, unsigned long n), void *arg)
{
	char name[256];
	size_t i;

	for (i = 0; i < ds->n; i++) {
		if (ds->d[i].idx < 0 ||
		    ds->d[i].mapped + ds->d[i].refused == 0)
			continue;
		snprintf(name, sizeof(name), "%s: replaced by a value",
		    ds->d[i].header);
		count(arg, name, ds->d[i].mapped);
		snprintf(name, sizeof(name), "%s: not in its domain",
		    ds->d[i].header);
		count(arg, name, ds->d[i].refused);
	}
}

/* The domain of the column whose header is name, or NULL. */
static const struct domain *
of_column(const struct domains *ds, const char *name)
{
	size_t i;

	for (i = 0; i < ds->n; i++)
		if (ds->d[i].header != NULL && strcmp(ds->d[i].header, name) == 0)
			return &ds->d[i];
	return NULL;
}

enum domain_type
domains_type(const struct domains *ds, const char *name)
{
	const struct domain *d = of_column(ds, name);

	return d != NULL ? d->type : DOMAIN_TEXT;
}

int
domains_has(const struct domains *ds, const char *name)
{
	return of_column(ds, name) != NULL;
}

void
domains_free(struct domains *ds)
{
	free(ds->d);
	free(ds->buf);
	free(ds->to);
	free(ds->tolen);
	memset(ds, 0, sizeof(*ds));
}
