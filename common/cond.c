#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tre/tre.h>

#include "cond.h"
#include "date.h"
#include "err.h"
#include "value.h"

enum op {
	OP_ALL, OP_ANY, OP_NOT,
	OP_EQ, OP_NE, OP_IN, OP_NOT_IN,
	OP_LT, OP_LE, OP_GT, OP_GE, OP_BETWEEN,
	OP_BEFORE, OP_AFTER, OP_ON, OP_ON_OR_BEFORE, OP_ON_OR_AFTER,
	OP_EMPTY, OP_MATCHES
};

/* Operator names in enum order, from OP_EQ on. */
static const char *const op_names[] = {
	"eq", "ne", "in", "not_in", "lt", "le", "gt", "ge", "between",
	"before", "after", "on", "on_or_before", "on_or_after", "empty",
	"matches", NULL
};

/* Names users reach for from other languages, and the operator meant. */
static const char *const op_aliases[][2] = {
	{ "gte", "ge" }, { "lte", "le" }, { "neq", "ne" }, { "equals", "eq" },
	{ "regex", "matches" }, { "match", "matches" }, { "is_empty", "empty" },
	{ "nin", "not_in" }, { "notin", "not_in" }, { "since", "on_or_after" },
	{ "until", "on_or_before" }
};

struct cond {
	enum op op;
	struct cond **kid;	/* all, any, not */
	size_t n;
	const struct ynode *at;	/* for messages */
	const char *column;	/* as named in the rules */
	const char *header;	/* as named in the data */
	size_t idx;
	const char *s;		/* eq, ne */
	size_t slen;
	const char **item;	/* in, not_in: the list's strings */
	size_t *itemlen, nitem;
	double lo, hi;		/* lt ... between */
	int date;		/* before ... on_or_after */
	int empty;
	regex_t re;
	int has_re;
};

static struct cond *compile_map(struct rules *r, const struct ynode *map);

static struct cond *
cond_new(enum op op, const struct ynode *at)
{
	struct cond *c = err_calloc(1, sizeof(*c));

	c->op = op;
	c->at = at;
	return c;
}

static void
add(struct cond *parent, struct cond *kid)
{
	parent->kid = err_realloc(parent->kid, (parent->n + 1) * sizeof(*parent->kid));
	parent->kid[parent->n++] = kid;
}

static int
want_number(struct rules *r, const struct ynode *v, double *out)
{
	if (v->type == Y_SCALAR && value_number(v->str, v->len, out) == 0)
		return 0;
	if (v->type == Y_SCALAR)
		rules_error(r, v, "'%s' is not a number", v->str);
	else
		rules_want(r, v, Y_SCALAR, "the operand");
	return -1;
}

/* Keeps the strings of list v (checked by want_list) for in and not_in. */
static void
set_list(struct cond *c, const struct ynode *v)
{
	size_t i;

	c->nitem = v->n;
	c->item = err_calloc(v->n + 1, sizeof(*c->item));
	c->itemlen = err_calloc(v->n + 1, sizeof(*c->itemlen));
	for (i = 0; i < v->n; i++) {
		c->item[i] = v->kid[i]->str;
		c->itemlen[i] = v->kid[i]->len;
	}
}

static int
want_list(struct rules *r, const struct ynode *v)
{
	size_t i;

	if (rules_want(r, v, Y_SEQ, "the operand") < 0)
		return -1;
	for (i = 0; i < v->n; i++)
		if (rules_want(r, v->kid[i], Y_SCALAR, "a list item") < 0)
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

static struct cond *
compile_op(struct rules *r, const char *column, const struct ynode *key,
    const struct ynode *v)
{
	const char *name = key->str, *near;
	struct cond *c;
	enum op op;
	char buf[256], shown[80];
	int e, i;

	for (i = 0; op_names[i] != NULL && strcmp(op_names[i], name) != 0; i++)
		;
	if (op_names[i] == NULL) {
		near = rules_nearest(name, op_names);
		for (i = 0; i < (int)(sizeof(op_aliases) / sizeof(op_aliases[0])); i++)
			if (strcmp(op_aliases[i][0], name) == 0)
				near = op_aliases[i][1];
		if (near != NULL)
			rules_error(r, key, "unknown operator '%s' "
			    "(did you mean '%s'?)", name, near);
		else
			rules_error(r, key, "unknown operator '%s'", name);
		return NULL;
	}
	op = (enum op)(OP_EQ + i);
	c = cond_new(op, key);
	c->column = column;
	switch (op) {
	case OP_EQ:
	case OP_NE:
		if (rules_want(r, v, Y_SCALAR, "the operand") < 0)
			goto fail;
		c->s = v->str;
		c->slen = v->len;
		break;
	case OP_IN:
	case OP_NOT_IN:
		if (want_list(r, v) < 0)
			goto fail;
		set_list(c, v);
		break;
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
		if (want_number(r, v, &c->lo) < 0)
			goto fail;
		break;
	case OP_BETWEEN:
		if (rules_want(r, v, Y_SEQ, "between") < 0)
			goto fail;
		if (v->n != 2) {
			rules_error(r, v, "between takes two numbers: [low, high]");
			goto fail;
		}
		if (want_number(r, v->kid[0], &c->lo) < 0 ||
		    want_number(r, v->kid[1], &c->hi) < 0)
			goto fail;
		break;
	case OP_BEFORE:
	case OP_AFTER:
	case OP_ON:
	case OP_ON_OR_BEFORE:
	case OP_ON_OR_AFTER:
		if (rules_want(r, v, Y_SCALAR, "the operand") < 0)
			goto fail;
		if (date_expr(v->str, r->today, &c->date) < 0) {
			rules_error(r, v, "'%s' is not a date or a date "
			    "expression (2026-11-23, today, today-90d)", v->str);
			goto fail;
		}
		break;
	case OP_EMPTY:
		if (rules_want(r, v, Y_SCALAR, "empty") < 0)
			goto fail;
		if (strcmp(v->str, "true") != 0 && strcmp(v->str, "false") != 0) {
			rules_error(r, v, "empty takes true or false, not '%s'",
			    v->str);
			goto fail;
		}
		c->empty = strcmp(v->str, "true") == 0;
		break;
	case OP_MATCHES:
		if (rules_want(r, v, Y_SCALAR, "the operand") < 0)
			goto fail;
		if (backref(v->str)) {
			rules_error(r, v, "back-references (\\1 ...) are not "
			    "part of extended regular expressions");
			goto fail;
		}
		re_show(v->str, shown, sizeof(shown));
		if (re_size(v->str) > RE_MAX_SIZE) {
			rules_error(r, v, "the regular expression '%s' is too "
			    "large: more than %d characters with its "
			    "repetitions written out", shown, RE_MAX_SIZE);
			goto fail;
		}
		e = tre_regcomp(&c->re, v->str, REG_EXTENDED | REG_NOSUB);
		if (e == REG_ESPACE) {
			rules_error(r, v, "the regular expression '%s' is too "
			    "large for the matcher", shown);
			goto fail;
		}
		if (e != 0) {
			tre_regerror(e, &c->re, buf, sizeof(buf));
			rules_error(r, v, "bad regular expression '%s': %s",
			    shown, buf);
			goto fail;
		}
		c->has_re = 1;
		break;
	default:
		break;
	}
	return c;
fail:
	free(c);
	return NULL;
}

static struct cond *
compile_list(struct rules *r, enum op op, const struct ynode *key,
    const struct ynode *v)
{
	struct cond *c, *k;
	size_t i;
	int bad = 0;

	if (rules_want(r, v, Y_SEQ, key->str) < 0)
		return NULL;
	c = cond_new(op, key);
	for (i = 0; i < v->n; i++) {
		if ((k = compile_map(r, v->kid[i])) == NULL)
			bad = 1;
		else
			add(c, k);
	}
	if (bad) {
		cond_free(c);
		return NULL;
	}
	return c;
}

static struct cond *
compile_entry(struct rules *r, const struct ynode *key, const struct ynode *v)
{
	struct cond *c, *k;
	size_t i;
	int bad = 0;

	if (strcmp(key->str, "all") == 0)
		return compile_list(r, OP_ALL, key, v);
	if (strcmp(key->str, "any") == 0)
		return compile_list(r, OP_ANY, key, v);
	if (strcmp(key->str, "not") == 0) {
		if ((k = compile_map(r, v)) == NULL)
			return NULL;
		c = cond_new(OP_NOT, key);
		add(c, k);
		return c;
	}
	if (v->type == Y_SCALAR) {
		c = cond_new(OP_EQ, key);
		c->column = key->str;
		c->s = v->str;
		c->slen = v->len;
		return c;
	}
	if (v->type == Y_SEQ) {
		if (want_list(r, v) < 0)
			return NULL;
		c = cond_new(OP_IN, key);
		c->column = key->str;
		set_list(c, v);
		return c;
	}
	if (v->n == 0) {
		rules_error(r, v, "no operator for '%s'", key->str);
		return NULL;
	}
	c = cond_new(OP_ALL, key);
	for (i = 0; i < v->n; i += 2) {
		if ((k = compile_op(r, key->str, v->kid[i], v->kid[i + 1])) == NULL)
			bad = 1;
		else
			add(c, k);
	}
	if (bad) {
		cond_free(c);
		return NULL;
	}
	if (c->n > 1)
		return c;
	k = c->kid[0];
	free(c->kid);
	free(c);
	return k;
}

static struct cond *
compile_map(struct rules *r, const struct ynode *map)
{
	struct cond *c, *k;
	size_t i;
	int bad = 0;

	if (rules_want(r, map, Y_MAP, "a condition") < 0)
		return NULL;
	c = cond_new(OP_ALL, map);
	for (i = 0; i < map->n; i += 2) {
		if ((k = compile_entry(r, map->kid[i], map->kid[i + 1])) == NULL)
			bad = 1;
		else
			add(c, k);
	}
	if (bad) {
		cond_free(c);
		return NULL;
	}
	/* A mapping of one entry is that entry: one call less on each row. */
	if (c->n != 1)
		return c;
	k = c->kid[0];
	free(c->kid);
	free(c);
	return k;
}

struct cond *
cond_compile(struct rules *r, const struct ynode *when)
{
	return compile_map(r, when);
}

int
cond_bind(struct cond *c, struct rules *r, const struct cols *schema,
    const char *input)
{
	size_t i;
	long idx;
	int rc = 0;

	for (i = 0; i < c->n; i++)
		if (cond_bind(c->kid[i], r, schema, input) < 0)
			rc = -1;
	if (c->column == NULL)
		return rc;
	c->header = rules_column(r, c->column);
	if ((idx = rules_find(r, c->at, schema, c->column, input)) < 0)
		return -1;
	c->idx = (size_t)idx;
	return rc;
}

/*
 * 1 when the n bytes at a and b are the same.  The values of rules are
 * short (a grade, a Chinese word or two), where a byte loop that stops at
 * the first difference beats a call to memcmp.
 */
static inline int
same(const char *a, const char *b, size_t n)
{
	size_t i;

	if (n > 16)
		return memcmp(a, b, n) == 0;
	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static inline int
in_list(const struct cond *c, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < c->nitem; i++)
		if (c->itemlen[i] == n && same(c->item[i], s, n))
			return 1;
	return 0;
}

static int
bad_cell(const struct cond *c, const char *s, size_t n, const char *what,
    char *msg, size_t msgsize)
{
	snprintf(msg, msgsize, "column '%s': '%.*s' is not a %s "
	    "(%s at line %lu of the rules)", c->header,
	    n > 64 ? 64 : (int)n, s, what, op_names[c->op - OP_EQ],
	    c->at->line);
	return -1;
}

/* lt ... between on a cell that is not empty. */
static int
eval_number(const struct cond *c, const char *s, size_t n, char *msg,
    size_t msgsize)
{
	double x;

	if (value_number(s, n, &x) < 0)
		return bad_cell(c, s, n, "number", msg, msgsize);
	switch (c->op) {
	case OP_LT: return x < c->lo;
	case OP_LE: return x <= c->lo;
	case OP_GT: return x > c->lo;
	case OP_GE: return x >= c->lo;
	default: return x >= c->lo && x <= c->hi;
	}
}

/* before ... on_or_after on a cell that is not empty. */
static int
eval_date(const struct cond *c, const char *s, size_t n, char *msg,
    size_t msgsize)
{
	int d;

	if (date_parse(s, n, &d) < 0)
		return bad_cell(c, s, n, "date", msg, msgsize);
	switch (c->op) {
	case OP_BEFORE: return d < c->date;
	case OP_AFTER: return d > c->date;
	case OP_ON: return d == c->date;
	case OP_ON_OR_BEFORE: return d <= c->date;
	default: return d >= c->date;
	}
}

/* An operator on one cell other than eq and in. */
static int
eval_cell(const struct cond *c, const char *s, size_t n, char *msg,
    size_t msgsize)
{
	switch (c->op) {
	case OP_NE:
		return !(n == c->slen && same(s, c->s, n));
	case OP_NOT_IN:
		return !in_list(c, s, n);
	case OP_EMPTY:
		return (n == 0) == c->empty;
	case OP_MATCHES:
		return tre_regnexec(&c->re, s, n, 0, NULL, 0) == 0;
	default:
		break;
	}
	if (n == 0)
		return 0;
	if (c->op >= OP_LT && c->op <= OP_BETWEEN)
		return eval_number(c, s, n, msg, msgsize);
	return eval_date(c, s, n, msg, msgsize);
}

static int eval_all(const struct cond *c, char *const *f, const size_t *len,
    char *msg, size_t msgsize);
static int eval_any(const struct cond *c, char *const *f, const size_t *len,
    char *msg, size_t msgsize);

/*
 * Every row goes through here a score of times, mostly for eq and in:
 * those are tested in place, and everything else takes a call of its own,
 * so that the common tests cost no more than a few compares.
 */
static inline int
eval(const struct cond *c, char *const *f, const size_t *len, char *msg,
    size_t msgsize)
{
	int v;

	switch (c->op) {
	case OP_EQ:
		return len[c->idx] == c->slen && same(f[c->idx], c->s, c->slen);
	case OP_IN:
		return in_list(c, f[c->idx], len[c->idx]);
	case OP_ALL:
		return eval_all(c, f, len, msg, msgsize);
	case OP_ANY:
		return eval_any(c, f, len, msg, msgsize);
	case OP_NOT:
		v = eval_all(c, f, len, msg, msgsize);
		return v < 0 ? v : !v;
	default:
		return eval_cell(c, f[c->idx], len[c->idx], msg, msgsize);
	}
}

/* all, and the one condition under not. */
static int
eval_all(const struct cond *c, char *const *f, const size_t *len, char *msg,
    size_t msgsize)
{
	size_t i;
	int v;

	for (i = 0; i < c->n; i++)
		if ((v = eval(c->kid[i], f, len, msg, msgsize)) != 1)
			return v;
	return 1;
}

static int
eval_any(const struct cond *c, char *const *f, const size_t *len, char *msg,
    size_t msgsize)
{
	size_t i;
	int v;

	for (i = 0; i < c->n; i++)
		if ((v = eval(c->kid[i], f, len, msg, msgsize)) != 0)
			return v;
	return 0;
}

int
cond_eval(const struct cond *c, char *const *f, const size_t *len,
    char *msg, size_t msgsize)
{
	return eval(c, f, len, msg, msgsize);
}

void
cond_free(struct cond *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		cond_free(c->kid[i]);
	free(c->kid);
	free(c->item);
	free(c->itemlen);
	if (c->has_re)
		tre_regfree(&c->re);
	free(c);
}
