#ifndef CM_RULES_H
#define CM_RULES_H

/*
 * Rule files: YAML read into a small tree with the position of every node,
 * and the checks that every tool shares (cm-rules(5)).
 *
 * Every scalar is kept as the string it looks like; anchors, aliases, tags,
 * merge keys, duplicate keys and nesting deeper than RULES_MAX_DEPTH are
 * errors.  Errors are printed as "prog: FILE:LINE:COL: what" and counted,
 * so a tool can report every problem of a file before rules_done() stops
 * it with exit status 2.
 *
 * The tree belongs to the struct rules and lives until rules_free(); tools
 * keep pointers to its strings for as long as they hold the rules.
 */

#include <stddef.h>

#include "cols.h"

#define RULES_MAX_DEPTH 32

enum ynode_type {
	Y_SCALAR,
	Y_SEQ,
	Y_MAP
};

struct ynode {
	enum ynode_type type;
	unsigned long line, col;	/* 1-based */
	char *str;			/* a scalar's text, NUL-terminated */
	size_t len;
	struct ynode **kid;		/* a sequence's items; a mapping's keys
					   and values alternating */
	size_t n;			/* items, or 2 x pairs */
};

struct rules {
	const char *path;		/* as given, for messages */
	struct ynode *root;		/* a mapping, or NULL after a bad parse */
	int nerr;
	int today;			/* days since 1970-01-01, for "today" */
	const char **col_rule;		/* columns: name in the rules ... */
	const char **col_data;		/* ... and the header in the data */
	size_t ncol;
	char **missing;			/* columns already reported missing */
	size_t nmissing;
	struct rules_unmapped *unmapped;	/* missing columns that no
					   columns: maps, an entry an input */
	size_t nunmapped;
	struct rules *shared;		/* the CM_COLUMNS file, when read */
};

/*
 * Reads path and checks version: and columns:.  Never returns NULL: a file
 * that cannot be read or parsed leaves root NULL and nerr > 0.
 */
struct rules *rules_load(const char *path, int today);

/* Prints "prog: FILE:LINE:COL: msg" for node at (or FILE: msg) and counts it. */
void rules_error(struct rules *r, const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Exits with status 2 when any error was counted. */
void rules_done(struct rules *r);

void rules_free(struct rules *r);

/* The value under key in a mapping, or NULL. */
const struct ynode *rules_get(const struct ynode *map, const char *key);

/*
 * Checks that every key of map is among known (NULL-terminated) and that
 * the keys in required are there; an unknown key gets the nearest known
 * one as a suggestion.  The root mapping also allows version, columns
 * and domains.
 * Unknown keys are counted as errors but do not stop the caller, so that
 * --check reports every problem; returns -1 only when a required key is
 * missing.
 */
int rules_keys(struct rules *r, const struct ynode *map,
    const char *const *known, const char *const *required);

/*
 * The scalar under key in map, or def when there is none (or after counting
 * an error when it is not a scalar).
 */
const char *rules_scalar(struct rules *r, const struct ynode *map,
    const char *key, const char *def);

/*
 * The name of an item of a list (a rule, a stage, a plan, a route): the
 * scalar under name: when map has one, else the item's position pos
 * counted from 1.  Allocated; map may be NULL or not a mapping.
 */
char *rules_name(struct rules *r, const struct ynode *map, size_t pos);

/* Checks node's type, or counts an error naming what was wanted. */
int rules_want(struct rules *r, const struct ynode *node, enum ynode_type t,
    const char *what);

/*
 * Typed values of the rules, each with its one message format for a value
 * that does not fit (counted as an error in r, reported at node); each
 * returns -1 after such an error, and what names the key in messages.
 */

/* A count from min to max: "what takes a count from 1 to 7, not 'x'". */
int rules_count(struct rules *r, const struct ynode *node, const char *what,
    long min, long max, long *n);

/*
 * A time of day HH:MM, as minutes after midnight: "what takes a time of
 * day (09:30), not 'x'".
 */
int rules_time(struct rules *r, const struct ynode *node, const char *what);

/* true or false: "what takes true or false, not 'x'". */
int rules_bool(struct rules *r, const struct ynode *node, const char *what,
    int *v);

/*
 * A word of an enumeration: its name and the value it stands for.  More
 * words with one value are aliases; a hint is a word that is not taken
 * but points at its value (gte -> ge).
 */
struct rules_word {
	const char *name;
	int value;
	int hint;
};

/*
 * The value of the word node names among words (ending in a NULL name),
 * or -1 after "unknown what 'x' (did you mean 'y'?)", or when no word is
 * near, "unknown what 'x' (first, fill or area)": the first name of each
 * value.  An enumeration too long for that gives its own list, expect,
 * which is then always shown.
 */
int rules_enum(struct rules *r, const struct ynode *node, const char *what,
    const struct rules_word *words, const char *expect);

/*
 * A weekday of node, 1 Monday ... 7 Sunday, written monday, mon, 周一 or
 * 星期一; 0 after counting an error.
 */
int rules_weekday(struct rules *r, const struct ynode *node);

/* 1 when the cell v (len bytes) is one of the scalars of list (or NULL). */
int rules_in(const struct ynode *list, const char *v, size_t len);

/* The header name for a column named in the rules (columns: applied). */
const char *rules_column(const struct rules *r, const char *name);

/*
 * The index in schema of a column the rules read, named name in the rules
 * (columns: applied), or -1 after counting an error at node at that names
 * the column, its mapping, and the header of input (once per column: the
 * first place that reads it).
 */
long rules_find(struct rules *r, const struct ynode *at,
    const struct cols *schema, const char *name, const char *input);

/*
 * The index in schema of a column the tool writes, named name in the rules:
 * the column of that (mapped) name when schema has it, so that it is
 * replaced in place, else a new column added at the end.
 */
size_t rules_outcol(const struct rules *r, struct cols *schema,
    const char *name);

/* The nearest of the NULL-terminated words to s, or NULL if none is close. */
const char *rules_nearest(const char *s, const char *const *words);

/* "unknown what 'name'", and "(did you mean 'near'?)" when near is not NULL. */
void rules_unknown(struct rules *r, const struct ynode *at, const char *what,
    const char *name, const char *near);

/*
 * The rule file a tool uses: path when given (-r), else $CM_RULES_DIR/file
 * when CM_RULES_DIR is set and not empty, else conf/file (the branch's own
 * rules) when that file is there, else dir/file (the defaults).  The
 * result is malloc'd.
 */
char *rules_path(const char *path, const char *conf, const char *dir,
    const char *file);

#endif
