#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "date.h"
#include "err.h"
#include "rules.h"
#include "ylint.h"

static const char *type_name[] = {
	N_("a scalar"), N_("a list"), N_("a mapping")
};

static void
verror(struct rules *r, unsigned long line, unsigned long col,
    const char *fmt, va_list ap)
{
	char msg[2048];

	vsnprintf(msg, sizeof(msg), gettext(fmt), ap);
	if (line > 0)
		err_warn("%s:%lu:%lu: %s", r->path, line, col, msg);
	else
		err_warn("%s: %s", r->path, msg);
	r->nerr++;
}

void
rules_error(struct rules *r, const struct ynode *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(r, at ? at->line : 0, at ? at->col : 0, fmt, ap);
	va_end(ap);
}

static void
error_line(struct rules *r, unsigned long line, unsigned long col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(r, line, col, fmt, ap);
	va_end(ap);
}

static void
error_at(struct rules *r, yaml_mark_t m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(r, m.line + 1, m.column + 1, fmt, ap);
	va_end(ap);
}

static void
node_free(struct ynode *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		node_free(n->kid[i]);
	free(n->kid);
	free(n->str);
	free(n);
}

static struct ynode *
node_new(enum ynode_type t, yaml_mark_t m)
{
	struct ynode *n = err_calloc(1, sizeof(*n));

	n->type = t;
	n->line = m.line + 1;
	n->col = m.column + 1;
	return n;
}

static void
add_kid(struct ynode *parent, struct ynode *kid, size_t *cap)
{
	err_grow(&parent->kid, cap, parent->n + 1, sizeof(*parent->kid));
	parent->kid[parent->n++] = kid;
}

/*
 * Builds the tree from libyaml's events.  Returns the node, or NULL after
 * an error (which stops the whole parse: the file is not what it seems).
 */
static struct ynode *
parse_node(struct rules *r, yaml_parser_t *p, yaml_event_t *ev, int depth)
{
	struct ynode *n, *kid;
	struct cols keys = { 0 };	/* a mapping's keys so far, once each */
	unsigned long *key_line = NULL;	/* the line of each of them */
	yaml_char_t *anchor;
	yaml_event_t e;
	size_t cap = 0, lcap = 0;
	long dup;
	int end;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		error_at(r, ev->start_mark, "aliases (*%s) are not allowed: "
		    "write the value out", ev->data.alias.anchor);
		return NULL;
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor != NULL) {
			error_at(r, ev->start_mark, "anchors (&%s) are not "
			    "allowed", ev->data.scalar.anchor);
			return NULL;
		}
		if (ev->data.scalar.tag != NULL) {
			error_at(r, ev->start_mark, "tags (%s) are not allowed",
			    ev->data.scalar.tag);
			return NULL;
		}
		n = node_new(Y_SCALAR, ev->start_mark);
		n->len = ev->data.scalar.length;
		n->str = err_strndup((char *)ev->data.scalar.value, n->len);
		if (memchr(n->str, '\0', n->len) != NULL) {
			error_at(r, ev->start_mark, "a NUL character in a value");
			node_free(n);
			return NULL;
		}
		return n;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		break;
	case YAML_NO_EVENT:
	case YAML_STREAM_START_EVENT:
	case YAML_STREAM_END_EVENT:
	case YAML_DOCUMENT_START_EVENT:
	case YAML_DOCUMENT_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		error_at(r, ev->start_mark, "unexpected YAML event");
		return NULL;
	}
	anchor = ev->type == YAML_SEQUENCE_START_EVENT ?
	    ev->data.sequence_start.anchor : ev->data.mapping_start.anchor;
	if (anchor != NULL) {
		error_at(r, ev->start_mark, "anchors (&%s) are not allowed",
		    anchor);
		return NULL;
	}
	if (ev->type == YAML_SEQUENCE_START_EVENT ?
	    ev->data.sequence_start.tag != NULL :
	    ev->data.mapping_start.tag != NULL) {
		error_at(r, ev->start_mark, "tags (!) are not allowed");
		return NULL;
	}
	if (depth >= RULES_MAX_DEPTH) {
		error_at(r, ev->start_mark, "nested deeper than %d levels",
		    RULES_MAX_DEPTH);
		return NULL;
	}
	n = node_new(ev->type == YAML_SEQUENCE_START_EVENT ? Y_SEQ : Y_MAP,
	    ev->start_mark);
	end = ev->type == YAML_SEQUENCE_START_EVENT ?
	    YAML_SEQUENCE_END_EVENT : YAML_MAPPING_END_EVENT;
	for (;;) {
		if (!yaml_parser_parse(p, &e))
			goto fail;
		if ((int)e.type == end) {
			yaml_event_delete(&e);
			cols_free(&keys);
			free(key_line);
			return n;
		}
		kid = parse_node(r, p, &e, depth + 1);
		yaml_event_delete(&e);
		if (kid == NULL)
			goto fail;
		if (n->type == Y_MAP && n->n % 2 == 0) {
			if (kid->type != Y_SCALAR) {
				rules_error(r, kid, "a key must be a plain "
				    "name, not %s", _(type_name[kid->type]));
				node_free(kid);
				goto fail;
			}
			if (strcmp(kid->str, "<<") == 0) {
				rules_error(r, kid, "merge keys (<<) are not "
				    "allowed: write the keys out");
				node_free(kid);
				goto fail;
			}
			/* A hash, not a search of the keys before: a mapping
			   of many keys is read in linear time. */
			if ((dup = cols_find(&keys, kid->str)) >= 0) {
				rules_error(r, kid, "duplicate key '%s' "
				    "(first at line %lu)", kid->str,
				    key_line[dup]);
			} else {
				err_grow(&key_line, &lcap, keys.n + 1,
				    sizeof(*key_line));
				key_line[cols_add(&keys, kid->str)] = kid->line;
			}
		}
		add_kid(n, kid, &cap);
	}
fail:
	cols_free(&keys);
	free(key_line);
	node_free(n);
	return NULL;
}

static void
parser_error(struct rules *r, yaml_parser_t *p, FILE *fp)
{
	struct ylint hint;
	int e = errno;

	/* libyaml says "input error" for a read that failed as for bytes
	   that are not UTF-8: the file's error flag tells them apart. */
	if (p->error == YAML_READER_ERROR && ferror(fp))
		err_exit(EXIT_DATA, "%s: read error: %s", r->path,
		    strerror(e));
	if (p->error == YAML_READER_ERROR) {
		r->nerr++;
		ylint_encoding(fp, p->problem_offset, &hint);
		err_warn("%s:%lu: %s", r->path, hint.line, hint.msg);
		return;
	}
	if (p->error == YAML_MEMORY_ERROR) {
		r->nerr++;
		err_warn("%s: out of memory", r->path);
		return;
	}
	if (p->error == YAML_SCANNER_ERROR || p->error == YAML_PARSER_ERROR) {
		if (ylint_syntax(fp, p->problem_mark.line + 1, &hint)) {
			error_line(r, hint.line, hint.col, "%s", hint.msg);
			return;
		}
	}
	/* libyaml's problem, then its context ("while scanning ..."), each
	   in the user's language when the catalog has it (ylint_words). */
	if (p->context != NULL)
		error_at(r, p->problem_mark, "%s %s", ylint_words(p->problem),
		    ylint_words(p->context));
	else
		error_at(r, p->problem_mark, "%s", p->problem ?
		    ylint_words(p->problem) : _("YAML syntax error"));
}

static struct ynode *
parse_file(struct rules *r, FILE *fp)
{
	yaml_parser_t p;
	yaml_event_t e;
	struct ynode *root = NULL;
	int docs = 0, errs = r->nerr;

	/* A parser that could not allocate its buffers would read on
	   without them, for ever. */
	if (!yaml_parser_initialize(&p)) {
		r->nerr++;
		err_warn("%s: out of memory", r->path);
		return NULL;
	}
	yaml_parser_set_input_file(&p, fp);
	for (;;) {
		if (!yaml_parser_parse(&p, &e)) {
			parser_error(r, &p, fp);
			break;
		}
		if (e.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		if (e.type == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
			error_at(r, e.start_mark, "a rule file holds one YAML "
			    "document");
			yaml_event_delete(&e);
			break;
		}
		if (e.type == YAML_SCALAR_EVENT || e.type == YAML_ALIAS_EVENT ||
		    e.type == YAML_SEQUENCE_START_EVENT ||
		    e.type == YAML_MAPPING_START_EVENT) {
			root = parse_node(r, &p, &e, 0);
			if (root == NULL && r->nerr == errs)
				parser_error(r, &p, fp);
		}
		yaml_event_delete(&e);
		if (r->nerr > errs)
			break;
	}
	yaml_parser_delete(&p);
	if (r->nerr > errs) {
		node_free(root);
		return NULL;
	}
	return root;
}

const struct ynode *
rules_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != Y_MAP)
		return NULL;
	for (i = 0; i < map->n; i += 2)
		if (strcmp(map->kid[i]->str, key) == 0)
			return map->kid[i + 1];
	return NULL;
}

static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev, tmp, best;
	size_t row[64];

	if (la >= 64 || lb >= 64)
		return 64;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *
rules_nearest(const char *s, const char *const *words)
{
	const char *best = NULL;
	size_t d, bestd = (size_t)-1, len = strlen(s);

	for (; *words != NULL; words++) {
		d = distance(s, *words);
		if (strstr(*words, s) != NULL || strstr(s, *words) != NULL)
			d = d < 2 ? d : 2;
		if (d < bestd) {
			bestd = d;
			best = *words;
		}
	}
	return bestd <= (len < 4 ? 1 : len / 3 + 1) ? best : NULL;
}

int
rules_want(struct rules *r, const struct ynode *node, enum ynode_type t,
    const char *what)
{
	if (node->type == t)
		return 0;
	rules_error(r, node, "%s must be %s, not %s", what, _(type_name[t]),
	    _(type_name[node->type]));
	return -1;
}

void
rules_unknown(struct rules *r, const struct ynode *at, const char *what,
    const char *name, const char *near)
{
	if (near != NULL)
		rules_error(r, at, "unknown %s '%s' (did you mean '%s'?)", what,
		    name, near);
	else
		rules_error(r, at, "unknown %s '%s'", what, name);
}

/* The weekdays, 1 Monday ... 7 Sunday, in the four ways rules write them. */
static const struct rules_word weekday_words[] = {
	{ "monday", 1, 0 }, { "tuesday", 2, 0 }, { "wednesday", 3, 0 },
	{ "thursday", 4, 0 }, { "friday", 5, 0 }, { "saturday", 6, 0 },
	{ "sunday", 7, 0 },
	{ "mon", 1, 0 }, { "tue", 2, 0 }, { "wed", 3, 0 }, { "thu", 4, 0 },
	{ "fri", 5, 0 }, { "sat", 6, 0 }, { "sun", 7, 0 },
	{ "周一", 1, 0 }, { "周二", 2, 0 }, { "周三", 3, 0 }, { "周四", 4, 0 },
	{ "周五", 5, 0 }, { "周六", 6, 0 }, { "周日", 7, 0 },
	{ "星期一", 1, 0 }, { "星期二", 2, 0 }, { "星期三", 3, 0 },
	{ "星期四", 4, 0 }, { "星期五", 5, 0 }, { "星期六", 6, 0 },
	{ "星期日", 7, 0 },
	{ NULL, 0, 0 }
};

int
rules_in(const struct ynode *list, const char *v, size_t len)
{
	size_t i;

	for (i = 0; list != NULL && i < list->n; i++)
		if (list->kid[i]->len == len &&
		    memcmp(list->kid[i]->str, v, len) == 0)
			return 1;
	return 0;
}

int
rules_weekday(struct rules *r, const struct ynode *v)
{
	int d = rules_enum(r, v, "weekday", weekday_words, "monday ... sunday, "
	    "mon ... sun, 周一 ... 周日, 星期一 ... 星期日");

	return d < 0 ? 0 : d;
}

int
rules_time(struct rules *r, const struct ynode *node, const char *what)
{
	int m;

	if (rules_want(r, node, Y_SCALAR, what) < 0)
		return -1;
	if ((m = date_clock(node->str, node->len)) < 0)
		rules_error(r, node, "%s takes a time of day (09:30), not '%s'",
		    what, node->str);
	return m;
}

int
rules_count(struct rules *r, const struct ynode *node, const char *what,
    long min, long max, long *n)
{
	const char *s = node->str;
	char *end;
	int digits;

	if (rules_want(r, node, Y_SCALAR, what) < 0)
		return -1;
	digits = *s != '\0' && s[strspn(s, "0123456789")] == '\0';
	errno = 0;
	*n = digits ? strtol(s, &end, 10) : 0;
	if (digits && errno != ERANGE && *n >= min && *n <= max)
		return 0;
	if (digits && (errno == ERANGE || *n > max))
		rules_error(r, node, "%s takes a count of at most %ld, not '%s'",
		    what, max, s);
	else if (digits || max >= LONG_MAX - 1)
		rules_error(r, node, "%s takes a count of at least %ld, not "
		    "'%s'", what, min, s);
	else
		rules_error(r, node, "%s takes a count from %ld to %ld, not "
		    "'%s'", what, min, max, s);
	return -1;
}

int
rules_bool(struct rules *r, const struct ynode *node, const char *what, int *v)
{
	if (rules_want(r, node, Y_SCALAR, what) < 0)
		return -1;
	if (strcmp(node->str, "true") == 0 || strcmp(node->str, "false") == 0) {
		*v = node->str[0] == 't';
		return 0;
	}
	rules_error(r, node, "%s takes true or false, not '%s'", what,
	    node->str);
	return -1;
}

/* The first name of each value of words, "a, b or c", in list. */
static void
enum_list(const struct rules_word *words, char *list, size_t size)
{
	const char **first;
	size_t i, j, n = 0, len = 0;

	for (i = 0; words[i].name != NULL; i++)
		;
	first = err_calloc(i + 1, sizeof(*first));
	for (i = 0; words[i].name != NULL; i++) {
		for (j = 0; j < i && (words[j].hint ||
		    words[j].value != words[i].value); j++)
			;
		if (!words[i].hint && j == i)
			first[n++] = words[i].name;
	}
	list[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(list + len, size - len, "%s%s",
		    i == 0 ? "" : i + 1 == n ? " or " : ", ", first[i]);
	free(first);
}

int
rules_enum(struct rules *r, const struct ynode *node, const char *what,
    const struct rules_word *words, const char *expect)
{
	const char **names, *near;
	char list[1024];
	size_t i, j, n = 0;

	if (rules_want(r, node, Y_SCALAR, what) < 0)
		return -1;
	for (i = 0; words[i].name != NULL; i++)
		if (!words[i].hint && strcmp(words[i].name, node->str) == 0)
			return words[i].value;
	names = err_calloc(i + 1, sizeof(*names));
	for (i = 0; words[i].name != NULL; i++)
		if (!words[i].hint)
			names[n++] = words[i].name;
	/* With a list of its own, the enumeration is shown whole instead. */
	near = expect == NULL ? rules_nearest(node->str, names) : NULL;
	/* A hint names the word it stands for. */
	for (i = 0; words[i].name != NULL; i++) {
		if (!words[i].hint || strcmp(words[i].name, node->str) != 0)
			continue;
		for (j = 0; words[j].name != NULL; j++)
			if (!words[j].hint && words[j].value == words[i].value) {
				near = words[j].name;
				break;
			}
	}
	free(names);
	if (near != NULL) {
		rules_unknown(r, node, what, node->str, near);
		return -1;
	}
	if (expect == NULL) {
		enum_list(words, list, sizeof(list));
		expect = list;
	}
	rules_error(r, node, "unknown %s '%s' (%s)", what, node->str, expect);
	return -1;
}

const char *
rules_scalar(struct rules *r, const struct ynode *map, const char *key,
    const char *def)
{
	const struct ynode *x = rules_get(map, key);

	if (x == NULL || rules_want(r, x, Y_SCALAR, key) < 0)
		return def;
	return x->str;
}

char *
rules_name(struct rules *r, const struct ynode *map, size_t pos)
{
	const char *s = NULL;
	char buf[32];

	if (map != NULL && map->type == Y_MAP)
		s = rules_scalar(r, map, "name", NULL);
	if (s != NULL)
		return err_strdup(s);
	snprintf(buf, sizeof(buf), "%zu", pos + 1);
	return err_strdup(buf);
}

int
rules_keys(struct rules *r, const struct ynode *map,
    const char *const *known, const char *const *required)
{
	static const char *const top[] = { "version", "columns", "domains" };
	const char **all;
	size_t i, k = 0, n = 0;
	int bad = 0;

	while (known[n] != NULL)
		n++;
	all = err_calloc(n + 4, sizeof(*all));
	for (i = 0; map == r->root && i < sizeof(top) / sizeof(top[0]); i++)
		all[k++] = top[i];
	for (i = 0; i < n; i++)
		all[k++] = known[i];
	for (i = 0; i < map->n; i += 2) {
		const char *key = map->kid[i]->str;

		for (k = 0; all[k] != NULL && strcmp(all[k], key) != 0; k++)
			;
		if (all[k] == NULL && ylint_ideographic(key))
			rules_error(r, map->kid[i], "%s", _(YLINT_IDEO));
		else if (all[k] == NULL)
			rules_unknown(r, map->kid[i], _("key"), key,
			    rules_nearest(key, all));
	}
	free(all);
	for (; required != NULL && *required != NULL; required++) {
		if (rules_get(map, *required) == NULL) {
			rules_error(r, map, "the key '%s' is missing", *required);
			bad = -1;
		}
	}
	return bad;
}

static void
load_columns(struct rules *r, const struct ynode *cols)
{
	struct cols seen = { 0 };	/* the header names, once each */
	size_t *first, i;		/* the column that first names each */
	long j;

	if (rules_want(r, cols, Y_MAP, "columns") < 0)
		return;
	r->col_rule = err_calloc(cols->n / 2 + 1, sizeof(*r->col_rule));
	r->col_data = err_calloc(cols->n / 2 + 1, sizeof(*r->col_data));
	first = err_calloc(cols->n / 2 + 1, sizeof(*first));
	for (i = 0; i < cols->n; i += 2) {
		const struct ynode *v = cols->kid[i + 1];

		if (rules_want(r, v, Y_SCALAR, _("a column's header name")) < 0)
			continue;
		if (v->len == 0) {
			rules_error(r, v, "the header name of '%s' is empty",
			    cols->kid[i]->str);
			continue;
		}
		if ((j = cols_find(&seen, v->str)) >= 0)
			rules_error(r, v, "'%s' and '%s' both name the "
			    "column '%s'", r->col_rule[first[j]],
			    cols->kid[i]->str, v->str);
		else
			first[cols_add(&seen, v->str)] = r->ncol;
		r->col_rule[r->ncol] = cols->kid[i]->str;
		r->col_data[r->ncol] = v->str;
		r->ncol++;
	}
	cols_free(&seen);
	free(first);
}

/*
 * A branch keeps its headers in one file named by CM_COLUMNS, so that the
 * same mapping need not be pasted into every rule file.  It is read as a
 * rule file of its own (version: 1 and columns:), so that its mistakes are
 * reported at its own lines; a rule file's own columns: wins over it.
 */
static void
shared_columns(struct rules *r, int today)
{
	const char *env = getenv("CM_COLUMNS");
	struct rules *s;

	if (env == NULL || *env == '\0')
		return;
	s = r->shared = rules_load(env, today);
	if (s->root != NULL && rules_get(s->root, "columns") == NULL)
		rules_error(s, s->root, "'columns:' is missing (CM_COLUMNS "
		    "names this file)");
	r->nerr += s->nerr;
	r->col_rule = s->col_rule;
	r->col_data = s->col_data;
	r->ncol = s->ncol;
	s->col_rule = s->col_data = NULL;
	s->ncol = 0;
}

struct rules *
rules_load(const char *path, int today)
{
	struct rules *r = err_calloc(1, sizeof(*r));
	const struct ynode *v;
	FILE *fp;

	r->path = path;
	r->today = today;
	if ((fp = fopen(path, "rb")) == NULL) {
		err_warn("%s: %s", path, strerror(errno));
		r->nerr++;
		return r;
	}
	r->root = parse_file(r, fp);
	fclose(fp);
	if (r->root == NULL) {
		if (r->nerr == 0)
			rules_error(r, NULL, "the rule file is empty");
		return r;
	}
	if (r->root->type != Y_MAP) {
		rules_error(r, r->root, "a rule file must be a mapping "
		    "(version: 1, then the rules)");
		node_free(r->root);
		r->root = NULL;
		return r;
	}
	v = rules_get(r->root, "version");
	if (v == NULL)
		rules_error(r, r->root, "'version: 1' is missing");
	else if (v->type != Y_SCALAR || strcmp(v->str, "1") != 0)
		rules_error(r, v, "unsupported version (this program reads "
		    "version: 1)");
	if ((v = rules_get(r->root, "columns")) != NULL)
		load_columns(r, v);
	/* The CM_COLUMNS file itself must not read itself again. */
	else if (getenv("CM_COLUMNS") == NULL ||
	    strcmp(getenv("CM_COLUMNS"), path) != 0)
		shared_columns(r, today);
	return r;
}

const char *
rules_column(const struct rules *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncol; i++)
		if (strcmp(r->col_rule[i], name) == 0)
			return r->col_data[i];
	return name;
}

/*
 * The columns of an input that the rules read, that no columns: maps and
 * that the input lacks: a rule file without the branch's mapping reads
 * every such column, and one message for them all names the file to add
 * the mapping to (rules_done).
 */
struct rules_unmapped {
	char *input;
	char *header;			/* the input's header, as listed */
	char *names;			/* "'a', 'b'" */
	size_t n;
	const struct ynode *at;		/* where the rules read the first */
};

/*
 * 1 when b names the input a names, or a with a note after it (cm-classify
 * reads "list.csv (or written by an earlier classifier)" for the columns
 * its earlier classifiers add to list.csv).
 */
static int
same_input(const char *a, const char *b)
{
	size_t n = strlen(a);

	return strncmp(a, b, n) == 0 && (b[n] == '\0' ||
	    strncmp(b + n, " (", 2) == 0);
}

static void
add_unmapped(struct rules *r, const struct ynode *at, const char *name,
    const char *input, const struct cols *schema)
{
	struct rules_unmapped *u = NULL;
	char list[1024];
	size_t i, len;

	for (i = 0; i < r->nunmapped && u == NULL; i++)
		if (same_input(r->unmapped[i].input, input))
			u = &r->unmapped[i];
	if (u == NULL) {
		r->unmapped = err_realloc(r->unmapped, (r->nunmapped + 1) *
		    sizeof(*r->unmapped));
		u = &r->unmapped[r->nunmapped++];
		cols_list(schema, list, sizeof(list));
		u->input = err_strdup(input);
		u->header = err_strdup(list);
		u->names = err_strdup("");
		u->n = 0;
		u->at = at;
	}
	len = strlen(u->names);
	u->names = err_realloc(u->names, len + strlen(name) + 5);
	snprintf(u->names + len, strlen(name) + 5, "%s'%s'",
	    u->n > 0 ? ", " : "", name);
	u->n++;
	r->nerr++;
}

/* The key columns: of m, or NULL. */
static const struct ynode *
columns_key(const struct rules *m)
{
	size_t i;

	for (i = 0; m->root != NULL && i < m->root->n; i += 2)
		if (strcmp(m->root->kid[i]->str, "columns") == 0)
			return m->root->kid[i];
	return NULL;
}

/*
 * The message is at the file to add the mapping to: at the columns: of
 * the CM_COLUMNS file when the rule file reads it, else at the rule
 * file's, or, when it has none (no mapping at all: the column may as
 * well be missing from the data), where the rules read the first column.
 */
static void
report_unmapped(struct rules *r)
{
	struct rules *m = r->shared != NULL ? r->shared : r;
	const struct ynode *key = columns_key(m), *at;
	struct rules_unmapped *u;
	size_t i;

	for (i = 0; i < r->nunmapped; i++) {
		u = &r->unmapped[i];
		at = key != NULL ? key : u->at != NULL && m == r ? u->at :
		    m->root;
		if (u->n == 1)
			rules_error(m, at, "column %s is not in the "
			    "header of %s: %s; add it to the input, or map it "
			    "to a header with columns: in %s", u->names,
			    u->input, u->header, m->path);
		else
			rules_error(m, at, "columns %s are not in "
			    "the header of %s: %s; add them to the input, or "
			    "map them to headers with columns: in %s", u->names,
			    u->input, u->header, m->path);
		free(u->input);
		free(u->header);
		free(u->names);
	}
	free(r->unmapped);
	r->unmapped = NULL;
	r->nunmapped = 0;
}

long
rules_find(struct rules *r, const struct ynode *at, const struct cols *schema,
    const char *name, const char *input)
{
	const char *h = rules_column(r, name);
	long i = cols_find(schema, h);
	char list[1024];

	size_t k;

	if (i >= 0)
		return i;
	for (k = 0; k < r->nmissing; k++) {
		if (strcmp(r->missing[k], h) == 0) {
			r->nerr++;
			return -1;
		}
	}
	r->missing = err_realloc(r->missing, (r->nmissing + 1) *
	    sizeof(*r->missing));
	r->missing[r->nmissing++] = err_strdup(h);
	/* A header with blanks at its ends has its own message, at at. */
	if (h == name && cols_near(schema, h) < 0) {
		add_unmapped(r, at, name, input, schema);
		return -1;
	}
	cols_missing(schema, h, list, sizeof(list));
	if (h != name)
		rules_error(r, at, "column '%s' (columns: maps it to '%s') is "
		    "not in the header of %s: %s", name, h, input, list);
	else
		rules_error(r, at, "column '%s' is not in the header of %s: %s",
		    name, input, list);
	return -1;
}

size_t
rules_outcol(const struct rules *r, struct cols *schema, const char *name)
{
	const char *h = rules_column(r, name);
	long i = cols_find(schema, h);

	return i >= 0 ? (size_t)i : cols_add(schema, h);
}

void
rules_done(struct rules *r)
{
	report_unmapped(r);
	if (r->nerr > 0)
		err_quit(EXIT_USAGE);
}

void
rules_free(struct rules *r)
{
	if (r == NULL)
		return;
	while (r->nmissing > 0)
		free(r->missing[--r->nmissing]);
	free(r->missing);
	while (r->nunmapped > 0) {
		r->nunmapped--;
		free(r->unmapped[r->nunmapped].input);
		free(r->unmapped[r->nunmapped].header);
		free(r->unmapped[r->nunmapped].names);
	}
	free(r->unmapped);
	rules_free(r->shared);
	node_free(r->root);
	free(r->col_rule);
	free(r->col_data);
	free(r);
}

/* dir/file, malloc'd. */
static char *
join(const char *dir, const char *file)
{
	size_t n = strlen(dir) + strlen(file) + 2;
	char *p = err_malloc(n);

	snprintf(p, n, "%s/%s", dir, file);
	return p;
}

char *
rules_path(const char *path, const char *conf, const char *dir,
    const char *file)
{
	const char *env = getenv("CM_RULES_DIR");
	struct stat st;
	char *p;

	if (path != NULL)
		return err_strdup(path);
	if (env != NULL && *env != '\0')
		return join(env, file);
	/* A branch's file that is there but unreadable is its error to see. */
	p = join(conf, file);
	if (stat(p, &st) == 0)
		return p;
	free(p);
	return join(dir, file);
}
