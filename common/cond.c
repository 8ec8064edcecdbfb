#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tre/tre.h>

#include "cond.h"
#include "date.h"
#include "err.h"
#include "value.h"

/*
 * The operators.  Adding one: a member here, its name below, and a case in
 * compile_op(), which the compiler asks for (-Wswitch-enum: no switch on
 * an enum of the language has a default).
 */
enum op {
	OP_EQ, OP_NE, OP_IN, OP_NOT_IN,
	OP_LT, OP_LE, OP_GT, OP_GE, OP_BETWEEN,
	OP_BEFORE, OP_AFTER, OP_ON, OP_ON_OR_BEFORE, OP_ON_OR_AFTER,
	OP_EMPTY, OP_MATCHES
};

/*
 * Their names, and names users reach for from other languages, which are
 * not taken but point at the operator meant.
 */
static const struct rules_word op_words[] = {
	{ "eq", OP_EQ, 0 }, { "ne", OP_NE, 0 }, { "in", OP_IN, 0 },
	{ "not_in", OP_NOT_IN, 0 }, { "lt", OP_LT, 0 }, { "le", OP_LE, 0 },
	{ "gt", OP_GT, 0 }, { "ge", OP_GE, 0 }, { "between", OP_BETWEEN, 0 },
	{ "before", OP_BEFORE, 0 }, { "after", OP_AFTER, 0 },
	{ "on", OP_ON, 0 }, { "on_or_before", OP_ON_OR_BEFORE, 0 },
	{ "on_or_after", OP_ON_OR_AFTER, 0 }, { "empty", OP_EMPTY, 0 },
	{ "matches", OP_MATCHES, 0 },
	{ "gte", OP_GE, 1 }, { "lte", OP_LE, 1 }, { "neq", OP_NE, 1 },
	{ "equals", OP_EQ, 1 }, { "regex", OP_MATCHES, 1 },
	{ "match", OP_MATCHES, 1 }, { "is_empty", OP_EMPTY, 1 },
	{ "nin", OP_NOT_IN, 1 }, { "notin", OP_NOT_IN, 1 },
	{ "since", OP_ON_OR_AFTER, 1 }, { "until", OP_ON_OR_BEFORE, 1 },
	{ NULL, 0, 0 }
};

/* What a COND_CELL test reads its cell as. */
enum cell { CELL_NUMBER, CELL_DATE, CELL_EMPTY, CELL_REGEX };

/* The operators other than eq, ne, in and not_in, and their operands. */
struct cond_op {
	enum op op;
	enum cell cell;
	double lo, hi;		/* numbers: the range it holds for */
	int from, to;		/* dates: the days */
	int empty;
	regex_t re;		/* matches */
};

static const char *
op_name(enum op op)
{
	const struct rules_word *w;

	for (w = op_words; w->name != NULL; w++)
		if (!w->hint && w->value == (int)op)
			break;
	return w->name;
}

/*
 * The condition as written, while it is compiled: all, any and not of
 * nodes, down to tests.  It only serves to set where each test goes next.
 */
enum kind { K_TEST, K_ALL, K_ANY, K_NOT };

struct node {
	enum kind kind;
	size_t test;		/* K_TEST: its index */
	int negate;		/* K_TEST: ne or not_in, an eq or in swapped */
	struct node **kid;	/* K_ALL, K_ANY, K_NOT */
	size_t n;
};

static struct node *compile_map(struct rules *r, struct cond *c,
    const struct ynode *map);

static struct node *
node_new(enum kind kind)
{
	struct node *n = err_calloc(1, sizeof(*n));

	n->kind = kind;
	return n;
}

static void
add(struct node *parent, struct node *kid)
{
	parent->kid = err_realloc(parent->kid, (parent->n + 1) * sizeof(*parent->kid));
	parent->kid[parent->n++] = kid;
}

static void
node_free(struct node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		node_free(n->kid[i]);
	free(n->kid);
	free(n);
}

/* Appends test t to c, and returns the node that stands for it. */
static struct node *
add_test(struct cond *c, const struct cond_test *t, int negate)
{
	struct node *n = node_new(K_TEST);

	err_grow(&c->test, &c->cap, c->n + 1, sizeof(*c->test));
	c->test[c->n] = *t;
	n->test = c->n++;
	n->negate = negate;
	return n;
}

static int
want_number(struct rules *r, const struct ynode *v, double *out)
{
	if (v->type == Y_SCALAR && value_number(v->str, v->len, out) == 0)
		return 0;
	if (v->type == Y_SCALAR)
		rules_error(r, v, "'%s' is not a number", v->str);
	else
		rules_want(r, v, Y_SCALAR, _("the operand"));
	return -1;
}

/* Keeps the strings of list v (checked by want_list) for in and not_in. */
static void
set_list(struct cond_test *t, const struct ynode *v)
{
	size_t i;

	t->nitem = v->n;
	t->item = err_calloc(v->n + 1, sizeof(*t->item));
	t->itemlen = err_calloc(v->n + 1, sizeof(*t->itemlen));
	for (i = 0; i < v->n; i++) {
		t->item[i] = v->kid[i]->str;
		t->itemlen[i] = v->kid[i]->len;
	}
}
static int
want_list(struct rules *r, const struct ynode *v)
{
	size_t i;

	if (rules_want(r, v, Y_SEQ, _("the operand")) < 0)
		return -1;
	for (i = 0; i < v->n; i++)
		if (rules_want(r, v->kid[i], Y_SCALAR, _("a list item")) < 0)
			return -1;
	return 0;
}

/* A back-reference would make the matcher backtrack, in exponential time. */
static int
backref(const char *re)
{
	for (; *re != '\0'; re++) {
		if (*re != '\\')
			continue;
		if (re[1] >= '1' && re[1] <= '9')
			return 1;
		if (re[1] != '\0')
			re++;
	}
	return 0;
}

/*
 * The most characters a regular expression may have once its bounded
 * repetitions are written out, as TRE does: x{n} becomes n copies of x, so
 * nested bounds multiply, and ((a{100}){100}){100} is a million, which
 * takes TRE gigabytes to compile and overflows the stack when it runs.
 * Under this limit TRE needs a few megabytes, and a match takes time in
 * proportion to the length of the cell times the size.
 */
#define RE_MAX_SIZE 10000

/* a, or RE_MAX_SIZE + 1 past RE_MAX_SIZE: sums stay small. */
static size_t
re_cap(size_t a)
{
	return a > RE_MAX_SIZE ? RE_MAX_SIZE + 1 : a;
}

/* a * b, or RE_MAX_SIZE + 1 past RE_MAX_SIZE. */
static size_t
re_mul(size_t a, size_t b)
{
	if (b != 0 && a > (RE_MAX_SIZE + 1) / b)
		return RE_MAX_SIZE + 1;
	return a * b;
}

/*
 * The size of re written out, counting each character (not byte) once,
 * a group as its characters and one more, and a bracket expression as
 * one more than its characters other than '-'; only whether it is more
 * than RE_MAX_SIZE matters, and the count errs upwards.
 */
static size_t
re_size(const char *re)
{
	size_t *sum, depth = 0, last = 0, atom, k, m, n;
	const char *p;

	/* sum[d]: the size of the group open at depth d, so far.  Groups
	   nested deeper than RE_MAX_SIZE are more than RE_MAX_SIZE. */
	n = strlen(re);
	sum = err_calloc((n < RE_MAX_SIZE ? n : RE_MAX_SIZE) + 2, sizeof(*sum));
	for (p = re; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xC0) == 0x80)
			continue;	/* a UTF-8 character counts once */
		switch (*p) {
		case '(':
			if (depth == RE_MAX_SIZE) {
				free(sum);
				return RE_MAX_SIZE + 1;
			}
			sum[++depth] = 0;
			last = 0;
			continue;
		case ')':
			if (depth == 0) {
				atom = 1;
				break;
			}
			atom = sum[depth--] + 1;
			break;
		case '{':
			/* {m}, {m,} and {m,n}: the atom before, k times */
			for (m = 0; p[1] >= '0' && p[1] <= '9'; p++)
				m = re_mul(m, 10) + (size_t)(p[1] - '0');
			k = m;
			if (p[1] == ',') {
				p++;
				k = m + 1;
				for (n = 0; p[1] >= '0' && p[1] <= '9'; p++)
					n = re_mul(n, 10) + (size_t)(p[1] - '0');
				if (n > k)
					k = n;
			}
			while (p[1] != '\0' && p[1] != '}')
				p++;
			if (p[1] == '}')
				p++;
			if (k > 1) {
				sum[depth] = re_cap(sum[depth] +
				    re_mul(last, k - 1));
				last = re_mul(last, k);
			}
			continue;
		case '*':
		case '+':
		case '?':
			/* the atom stays the one a bound after would repeat */
			sum[depth] = re_cap(sum[depth] + 1);
			continue;
		case '[':
			/* []...] and [^]...] hold a ']', [:alpha:] two */
			atom = 1;
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			for (; *p != '\0' && *p != ']'; p++) {
				if (*p == '[' && (p[1] == ':' || p[1] == '.' ||
				    p[1] == '=')) {
					for (k = 2; p[k] != '\0' &&
					    !(p[k] == p[1] && p[k + 1] == ']'); k++)
						;
					p += p[k] != '\0' ? k + 1 : k - 1;
				}
				if (*p != '-' &&
				    ((unsigned char)*p & 0xC0) != 0x80)
					atom++;
			}
			if (*p == '\0')
				p--;
			break;
		case '\\':
			if (p[1] != '\0')
				p++;
			atom = 1;
			break;
		default:
			atom = 1;
			break;
		}
		sum[depth] = re_cap(sum[depth] + atom);
		last = atom;
	}
	while (depth > 0) {
		sum[depth - 1] = re_cap(sum[depth - 1] + sum[depth]);
		depth--;
	}
	k = sum[0];
	free(sum);
	return k;
}

/* re for a message: cut after 60 bytes, at a character's start. */
static void
re_show(const char *re, char *buf, size_t size)
{
	size_t n = strlen(re);

	if (n <= 60 || size < 64) {
		snprintf(buf, size, "%s", re);
		return;
	}
	for (n = 60; n > 0 && ((unsigned char)re[n] & 0xC0) == 0x80; n--)
		;
	snprintf(buf, size, "%.*s...", (int)n, re);
}


/* The operand of matches: a regular expression TRE compiles into o->re. */
static int
compile_re(struct rules *r, const struct ynode *v, struct cond_op *o)
{
	char buf[256], shown[80];
	int e;

	o->cell = CELL_REGEX;
	if (rules_want(r, v, Y_SCALAR, _("the operand")) < 0)
		return -1;
	if (backref(v->str)) {
		rules_error(r, v, "back-references (\\1 ...) are not "
		    "part of extended regular expressions");
		return -1;
	}
	re_show(v->str, shown, sizeof(shown));
	if (re_size(v->str) > RE_MAX_SIZE) {
		rules_error(r, v, "the regular expression '%s' is too "
		    "large: more than %d characters with its "
		    "repetitions written out", shown, RE_MAX_SIZE);
		return -1;
	}
	e = tre_regcomp(&o->re, v->str, REG_EXTENDED | REG_NOSUB);
	if (e == REG_ESPACE) {
		rules_error(r, v, "the regular expression '%s' is too "
		    "large for the matcher", shown);
		return -1;
	}
	if (e != 0) {
		tre_regerror(e, &o->re, buf, sizeof(buf));
		rules_error(r, v, "bad regular expression '%s': %s",
		    shown, buf);
		return -1;
	}
	return 0;
}

/* A number operand, or the two of between. */
static int
number_operand(struct rules *r, const struct ynode *v, struct cond_op *o)
{
	double x;

	o->cell = CELL_NUMBER;
	if (o->op == OP_BETWEEN) {
		if (rules_want(r, v, Y_SEQ, "between") < 0)
			return -1;
		if (v->n != 2) {
			rules_error(r, v, "between takes two numbers: [low, high]");
			return -1;
		}
		if (want_number(r, v->kid[0], &o->lo) < 0 ||
		    want_number(r, v->kid[1], &o->hi) < 0)
			return -1;
		return 0;
	}
	if (want_number(r, v, &x) < 0)
		return -1;
	/* A strict bound is the double next to x, so that on a row every
	   numeric operator is the same two compares. */
	o->lo = o->op == OP_GT ? nextafter(x, INFINITY) :
	    o->op == OP_GE ? x : -INFINITY;
	o->hi = o->op == OP_LT ? nextafter(x, -INFINITY) :
	    o->op == OP_LE ? x : INFINITY;
	return 0;
}

/* A date expression operand: the days before ... on_or_after it. */
static int
date_operand(struct rules *r, const struct ynode *v, struct cond_op *o)
{
	int d;

	o->cell = CELL_DATE;
	if (rules_want(r, v, Y_SCALAR, _("the operand")) < 0)
		return -1;
	if (date_expr(v->str, r->today, &d) < 0) {
		rules_error(r, v, "'%s' is not a date or a date expression "
		    "(2026-11-23, today, today-90d)", v->str);
		return -1;
	}
	o->from = o->op == OP_AFTER ? d + 1 :
	    o->op == OP_ON || o->op == OP_ON_OR_AFTER ? d : INT_MIN;
	o->to = o->op == OP_BEFORE ? d - 1 :
	    o->op == OP_ON || o->op == OP_ON_OR_BEFORE ? d : INT_MAX;
	return 0;
}

static int
empty_operand(struct rules *r, const struct ynode *v, struct cond_op *o)
{
	o->cell = CELL_EMPTY;
	return rules_bool(r, v, "empty", &o->empty);
}

/* A test of the other operators, with its operand read by operand(). */
static struct node *
cell_test(struct rules *r, struct cond *c, struct cond_test *t, enum op op,
    const struct ynode *v,
    int (*operand)(struct rules *, const struct ynode *, struct cond_op *))
{
	t->kind = COND_CELL;
	t->op = err_calloc(1, sizeof(*t->op));
	t->op->op = op;
	if (operand(r, v, t->op) < 0) {
		free(t->op);
		return NULL;
	}
	return add_test(c, t, 0);
}

/* One operator (key: v) on column, as a test appended to c. */
static struct node *
compile_op(struct rules *r, struct cond *c, const char *column,
    const struct ynode *key, const struct ynode *v)
{
	struct cond_test t = { 0 };
	int op;

	if ((op = rules_enum(r, key, "operator", op_words, NULL)) < 0)
		return NULL;
	t.at = key;
	t.column = column;
	switch ((enum op)op) {
	case OP_EQ:
	case OP_NE:
		if (rules_want(r, v, Y_SCALAR, _("the operand")) < 0)
			return NULL;
		t.kind = COND_EQ;
		t.s = v->str;
		t.slen = v->len;
		return add_test(c, &t, op == OP_NE);
	case OP_IN:
	case OP_NOT_IN:
		if (want_list(r, v) < 0)
			return NULL;
		t.kind = COND_IN;
		set_list(&t, v);
		return add_test(c, &t, op == OP_NOT_IN);
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
	case OP_BETWEEN:
		return cell_test(r, c, &t, (enum op)op, v, number_operand);
	case OP_BEFORE:
	case OP_AFTER:
	case OP_ON:
	case OP_ON_OR_BEFORE:
	case OP_ON_OR_AFTER:
		return cell_test(r, c, &t, (enum op)op, v, date_operand);
	case OP_EMPTY:
		return cell_test(r, c, &t, (enum op)op, v, empty_operand);
	case OP_MATCHES:
		return cell_test(r, c, &t, (enum op)op, v, compile_re);
	}
	return NULL;
}

static struct node *
compile_list(struct rules *r, struct cond *c, enum kind kind,
    const struct ynode *key, const struct ynode *v)
{
	struct node *n, *k;
	size_t i;
	int bad = 0;

	if (rules_want(r, v, Y_SEQ, key->str) < 0)
		return NULL;
	n = node_new(kind);
	for (i = 0; i < v->n; i++) {
		if ((k = compile_map(r, c, v->kid[i])) == NULL)
			bad = 1;
		else
			add(n, k);
	}
	if (bad) {
		node_free(n);
		return NULL;
	}
	return n;
}

/* The shorthands: a scalar for eq, a list for in. */
static struct node *
compile_short(struct rules *r, struct cond *c, const struct ynode *key,
    const struct ynode *v)
{
	struct cond_test t = { 0 };

	t.at = key;
	t.column = key->str;
	if (v->type == Y_SCALAR) {
		t.kind = COND_EQ;
		t.s = v->str;
		t.slen = v->len;
		return add_test(c, &t, 0);
	}
	if (want_list(r, v) < 0)
		return NULL;
	t.kind = COND_IN;
	set_list(&t, v);
	return add_test(c, &t, 0);
}

static struct node *
compile_entry(struct rules *r, struct cond *c, const struct ynode *key,
    const struct ynode *v)
{
	struct node *n, *k;
	size_t i;
	int bad = 0;

	if (strcmp(key->str, "all") == 0)
		return compile_list(r, c, K_ALL, key, v);
	if (strcmp(key->str, "any") == 0)
		return compile_list(r, c, K_ANY, key, v);
	if (strcmp(key->str, "not") == 0) {
		if ((k = compile_map(r, c, v)) == NULL)
			return NULL;
		n = node_new(K_NOT);
		add(n, k);
		return n;
	}
	if (v->type != Y_MAP)
		return compile_short(r, c, key, v);
	if (v->n == 0) {
		rules_error(r, v, "no operator for '%s'", key->str);
		return NULL;
	}
	n = node_new(K_ALL);
	for (i = 0; i < v->n; i += 2) {
		if ((k = compile_op(r, c, key->str, v->kid[i], v->kid[i + 1])) == NULL)
			bad = 1;
		else
			add(n, k);
	}
	if (bad) {
		node_free(n);
		return NULL;
	}
	return n;
}

static struct node *
compile_map(struct rules *r, struct cond *c, const struct ynode *map)
{
	struct node *n, *k;
	size_t i;
	int bad = 0;

	if (rules_want(r, map, Y_MAP, _("a condition")) < 0)
		return NULL;
	n = node_new(K_ALL);
	for (i = 0; i < map->n; i += 2) {
		if ((k = compile_entry(r, c, map->kid[i], map->kid[i + 1])) == NULL)
			bad = 1;
		else
			add(n, k);
	}
	if (bad) {
		node_free(n);
		return NULL;
	}
	return n;
}

/*
 * Sets where the tests of n go next, given where evaluation goes when n
 * holds (yes) and when it does not (no).  Returns where evaluation of n
 * starts: its first test, or yes or no when it has none (all: [] holds,
 * any: [] does not).  The kids of all and any are linked from the last,
 * whose start is where the one before goes on.
 */
static const struct cond_test *
link_node(struct cond *c, const struct node *n, const struct cond_test *yes,
    const struct cond_test *no)
{
	struct cond_test *t;
	const struct cond_test *at;
	size_t i;

	switch (n->kind) {
	case K_TEST:
		t = &c->test[n->test];
		t->next[0] = n->negate ? yes : no;
		t->next[1] = n->negate ? no : yes;
		return t;
	case K_NOT:
		return link_node(c, n->kid[0], no, yes);
	case K_ALL:
		for (at = yes, i = n->n; i > 0; i--)
			at = link_node(c, n->kid[i - 1], at, no);
		return at;
	case K_ANY:
		for (at = no, i = n->n; i > 0; i--)
			at = link_node(c, n->kid[i - 1], yes, at);
		return at;
	}
	return no;
}

/* when as its tests, then the two ends, each test linked to the next. */
struct cond *
cond_compile(struct rules *r, const struct ynode *when)
{
	struct cond *c = err_calloc(1, sizeof(*c));
	struct node *n;

	if ((n = compile_map(r, c, when)) == NULL) {
		cond_free(c);
		return NULL;
	}
	err_grow(&c->test, &c->cap, c->n + 2, sizeof(*c->test));
	memset(&c->test[c->n], 0, 2 * sizeof(*c->test));
	c->test[c->n].kind = COND_FALSE;
	c->test[c->n + 1].kind = COND_TRUE;
	c->start = link_node(c, n, &c->test[c->n + 1], &c->test[c->n]);
	node_free(n);
	return c;
}

/* Tests are bound in the order they are written, as errors are reported. */
int
cond_bind(struct cond *c, struct rules *r, const struct cols *schema,
    const char *input)
{
	struct cond_test *t;
	size_t i;
	long idx;
	int rc = 0;

	for (i = 0; i < c->n; i++) {
		t = &c->test[i];
		t->header = rules_column(r, t->column);
		if ((idx = rules_find(r, t->at, schema, t->column, input)) < 0)
			rc = -1;
		else {
			t->idx = (size_t)idx;
			if (t->idx >= c->width)
				c->width = t->idx + 1;
		}
	}
	return rc;
}

/* "column 'd': 'x' is not a date (the forms; before at line 5 ...)". */
static int
bad_cell(const struct cond_test *t, const char *s, size_t n, const char *what,
    const char *forms, char *msg, size_t msgsize)
{
	snprintf(msg, msgsize, _("column '%s': '%.*s' is not a %s "
	    "(%s%s%s at line %lu of the rules)"), t->header,
	    n > 64 ? 64 : (int)n, s, what, forms ? forms : "", forms ? "; " :
	    "", op_name(t->op->op), t->at->line);
	return -1;
}

/*
 * The numeric and date operators read the cell (an empty one is false),
 * then are one range each.
 */
int
cond_cell(const struct cond_test *t, const char *s, size_t n, char *msg,
    size_t msgsize)
{
	const struct cond_op *o = t->op;
	double x;
	int d;

	switch (o->cell) {
	case CELL_EMPTY:
		return (n == 0) == o->empty;
	case CELL_REGEX:
		return tre_regnexec(&o->re, s, n, 0, NULL, 0) == 0;
	case CELL_NUMBER:
		if (n == 0)
			return 0;
		if (value_number(s, n, &x) < 0)
			return bad_cell(t, s, n,
			    _("number"), NULL, msg, msgsize);
		return x >= o->lo && x <= o->hi;
	case CELL_DATE:
		if (n == 0)
			return 0;
		if (date_parse(s, n, &d) < 0)
			return bad_cell(t, s, n, _("date"), _(DATE_FORMS), msg,
			    msgsize);
		return d >= o->from && d <= o->to;
	}
	return 0;
}

void
cond_free(struct cond *c)
{
	struct cond_test *t;
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		t = &c->test[i];
		free(t->item);
		free(t->itemlen);
		if (t->op != NULL && t->op->cell == CELL_REGEX)
			tre_regfree(&t->op->re);
		free(t->op);
	}
	free(c->test);
	free(c);
}
