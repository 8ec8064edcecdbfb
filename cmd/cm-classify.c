/*
 * cm-classify: grade customers by rules, first match wins, or score them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cond.h"
#include "../common/err.h"
#include "../common/rules.h"
#include "../common/tool.h"
#include "../common/value.h"
#include "../common/words.h"

struct setcol {
	const char *name;
	size_t col;
	const char *v;
	size_t len;
};

struct rule {
	char *name;
	struct cond *when;	/* NULL: always */
	const char *value;
	size_t vlen;
	struct setcol *set;
	size_t nset;
	double points;
	unsigned long hits;
};

struct classifier {
	const struct ynode *at;
	const char *column;
	const char *why;	/* NULL without why: */
	size_t col, whycol;
	int score;
	struct rule *rule;
	size_t nrule;
	const char *def;	/* NULL without default: */
	size_t deflen;
	const char *defword;	/* why's word for the default */
	unsigned long defhits;
	char num[VALUE_NUMLEN];
};

/*
 * The word the tool writes into a why column for a row no rule holds,
 * which words: of the rules may give in the branch's language (words.h).
 */
enum { W_DEFAULT, W_N };

static const char *const english[W_N + 1] = { "default", NULL };

struct classify {
	struct classifier *c;
	size_t n;
	const char *word[W_N];	/* words:, or the English */
};

static int
load_set(struct rules *r, const struct ynode *set, struct rule *ru)
{
	size_t i;

	if (rules_want(r, set, Y_MAP, "set") < 0)
		return -1;
	ru->set = err_calloc(set->n / 2 + 1, sizeof(*ru->set));
	for (i = 0; i < set->n; i += 2) {
		if (rules_want(r, set->kid[i + 1], Y_SCALAR, _("a value")) < 0)
			return -1;
		ru->set[ru->nset].name = set->kid[i]->str;
		ru->set[ru->nset].v = set->kid[i + 1]->str;
		ru->set[ru->nset].len = set->kid[i + 1]->len;
		ru->nset++;
	}
	return 0;
}

static void
load_rule(struct rules *r, const struct ynode *v, struct rule *ru, size_t pos,
    int score)
{
	static const char *const keys[] = { "name", "when", "value", "set", NULL };
	static const char *const need[] = { "value", NULL };
	static const char *const skeys[] = { "when", "points", NULL };
	static const char *const sneed[] = { "points", NULL };
	const struct ynode *x;

	if (rules_want(r, v, Y_MAP, _("a rule")) < 0 ||
	    rules_keys(r, v, score ? skeys : keys, score ? sneed : need) < 0)
		return;
	if ((x = rules_get(v, "when")) != NULL)
		ru->when = cond_compile(r, x);
	if (score) {
		x = rules_get(v, "points");
		if (rules_want(r, x, Y_SCALAR, "points") == 0 &&
		    value_number(x->str, x->len, &ru->points) < 0)
			rules_error(r, x, "'%s' is not a number", x->str);
		return;
	}
	ru->name = rules_name(r, v, pos);
	x = rules_get(v, "value");
	if (rules_want(r, x, Y_SCALAR, "value") == 0) {
		ru->value = x->str;
		ru->vlen = x->len;
	}
	if ((x = rules_get(v, "set")) != NULL)
		load_set(r, x, ru);
}

static void
load_classifier(struct rules *r, const struct ynode *v, struct classifier *c)
{
	static const char *const keys[] = {
		"column", "why", "rules", "default", "score", NULL
	};
	static const char *const need[] = { "column", NULL };
	const struct ynode *x, *list;
	size_t i;

	c->at = v;
	if (rules_want(r, v, Y_MAP, _("a classifier")) < 0 ||
	    rules_keys(r, v, keys, need) < 0)
		return;
	x = rules_get(v, "column");
	if (rules_want(r, x, Y_SCALAR, "column") == 0)
		c->column = x->str;
	list = rules_get(v, "rules");
	if ((x = rules_get(v, "score")) != NULL) {
		if (list != NULL || rules_get(v, "default") != NULL ||
		    rules_get(v, "why") != NULL) {
			rules_error(r, x, "a classifier has either rules "
			    "(with why and default) or score, not both");
			return;
		}
		c->score = 1;
		list = x;
	} else if (list == NULL) {
		rules_error(r, v, "a classifier needs rules or score");
		return;
	}
	if ((x = rules_get(v, "why")) != NULL &&
	    rules_want(r, x, Y_SCALAR, "why") == 0)
		c->why = x->str;
	if ((x = rules_get(v, "default")) != NULL &&
	    rules_want(r, x, Y_SCALAR, "default") == 0) {
		c->def = x->str;
		c->deflen = x->len;
	}
	if (rules_want(r, list, Y_SEQ, c->score ? "score" : "rules") < 0)
		return;
	c->rule = err_calloc(list->n + 1, sizeof(*c->rule));
	c->nrule = list->n;
	for (i = 0; i < list->n; i++)
		load_rule(r, list->kid[i], &c->rule[i], i, c->score);
}

static void
load(void *self, struct io *io)
{
	struct classify *cl = self;
	struct rules *r = io->r;
	static const char *const keys[] = { "classify", "words", NULL };
	static const char *const need[] = { "classify", NULL };
	const struct ynode *list;
	size_t i;

	words_load(r, NULL, english, cl->word);
	if (r->root == NULL)
		return;
	if (rules_keys(r, r->root, keys, need) < 0)
		return;
	words_load(r, rules_get(r->root, "words"), english, cl->word);
	list = rules_get(r->root, "classify");
	if (rules_want(r, list, Y_SEQ, "classify") < 0)
		return;
	cl->c = err_calloc(list->n + 1, sizeof(*cl->c));
	cl->n = list->n;
	for (i = 0; i < list->n; i++) {
		load_classifier(r, list->kid[i], &cl->c[i]);
		cl->c[i].defword = cl->word[W_DEFAULT];
	}
}

/*
 * Resolves every column once.  A classifier reads the input's columns and
 * those that earlier classifiers write, so each is bound before its own
 * columns join the schema.
 */
static void
bind(void *self, struct io *io)
{
	struct classify *cl = self;
	struct schema *s = &io->schema;
	struct classifier *c;
	char where[256];
	size_t i, j, k;

	schema_input(s, io_header(io));
	for (i = 0; i < cl->n; i++) {
		c = &cl->c[i];
		snprintf(where, sizeof(where), "%s%s", io_name(io), i > 0 ?
		    _(" (or written by an earlier classifier)") : "");
		for (j = 0; j < c->nrule; j++)
			if (c->rule[j].when != NULL)
				cond_bind(c->rule[j].when, io->r, &s->cols,
				    where);
		c->col = schema_col(s, io->r, c->column);
		if (c->why != NULL)
			c->whycol = schema_col(s, io->r, c->why);
		for (j = 0; j < c->nrule; j++)
			for (k = 0; k < c->rule[j].nset; k++)
				c->rule[j].set[k].col = schema_col(s, io->r,
				    c->rule[j].set[k].name);
	}
}

static int
run_rules(struct io *io, const struct rec *rec, struct classifier *c)
{
	struct schema *s = &io->schema;
	struct rule *ru;
	size_t j, k;
	int v;

	for (j = 0; j < c->nrule; j++) {
		ru = &c->rule[j];
		if ((v = io_holds(io, ru->when, rec, s->f, s->len)) < 0)
			return -1;
		if (v == 0)
			continue;
		schema_set(s, c->col, ru->value, ru->vlen);
		if (c->why != NULL)
			schema_put(s, c->whycol, ru->name);
		for (k = 0; k < ru->nset; k++)
			schema_set(s, ru->set[k].col, ru->set[k].v,
			    ru->set[k].len);
		ru->hits++;
		return 0;
	}
	if (c->def == NULL) {
		char msg[256];

		snprintf(msg, sizeof(msg),
		    _("no rule for '%s' holds, and it has "
		    "no default"), c->column);
		io_reject(io, rec, msg);
		return -1;
	}
	schema_set(s, c->col, c->def, c->deflen);
	if (c->why != NULL)
		schema_put(s, c->whycol, c->defword);
	c->defhits++;
	return 0;
}

static int
run_score(struct io *io, const struct rec *rec, struct classifier *c)
{
	struct schema *s = &io->schema;
	double sum = 0;
	size_t j;
	int v;

	for (j = 0; j < c->nrule; j++) {
		if ((v = io_holds(io, c->rule[j].when, rec, s->f, s->len)) < 0)
			return -1;
		if (v)
			sum += c->rule[j].points;
	}
	schema_set(s, c->col, c->num, value_format(sum, c->num));
	return 0;
}

static void
classify_row(void *self, struct io *io, const struct rec *rec)
{
	struct classify *cl = self;
	struct classifier *c;
	size_t i;

	schema_rec(&io->schema, rec);
	for (i = 0; i < cl->n; i++) {
		c = &cl->c[i];
		if ((c->score ? run_score : run_rules)(io, rec, c) < 0)
			return;
	}
	io_write(io);
}

/* A value as --stats names it: an empty one (no quadrant) says so. */
static const char *
shown(const char *value)
{
	return value[0] != '\0' ? value : "(empty)";
}

static void
report(void *self, struct io *io)
{
	const struct classify *cl = self;
	const struct classifier *c;
	char name[256];
	size_t i, j;

	for (i = 0; i < cl->n; i++) {
		c = &cl->c[i];
		if (c->score)
			continue;
		for (j = 0; j < c->nrule; j++) {
			snprintf(name, sizeof(name), "%s %s", c->column,
			    shown(c->rule[j].value));
			io_stat(io, name, c->rule[j].hits);
		}
		if (c->def != NULL) {
			snprintf(name, sizeof(name), "%s %s", c->column,
			    shown(c->def));
			io_stat(io, name, c->defhits);
		}
	}
}

static void
classify_free(void *self)
{
	struct classify *cl = self;
	size_t i, j;

	for (i = 0; i < cl->n; i++) {
		for (j = 0; j < cl->c[i].nrule; j++) {
			cond_free(cl->c[i].rule[j].when);
			free(cl->c[i].rule[j].name);
			free(cl->c[i].rule[j].set);
		}
		free(cl->c[i].rule);
	}
	free(cl->c);
}

static const struct tool tool = {
	.synopsis = N_("[-r rules] [-o file] [--today date] [--rejects "
	    "file] [--max-rejects n] [--stats] [--check] [options] [file]"),
	.rules_file = "classify.yaml",
	.load = load,
	.bind = bind,
	.row = classify_row,
	.end = report,
	.free = classify_free,
};

int
main(int argc, char **argv)
{
	struct classify cl = { 0 };

	return tool_main(&tool, &cl, argc, argv);
}
