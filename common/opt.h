#ifndef CM_OPT_H
#define CM_OPT_H

/*
 * The options every tool shares (cm-rules(5), "Every tool"), parsed with
 * getopt_long together with the tool's own.  A tool describes itself in a
 * struct opt_tool; its options get codes from OPT_TOOL up and are passed
 * to its handle() function, which returns 0, or -1 for a bad value (after
 * printing why), which is a usage error.
 *
 * opt_parse() exits 0 after --help or --version, and 2 after a usage error.
 */

#include <getopt.h>

#include "csvin.h"
#include "csvout.h"

#define OPT_TOOL 1000	/* first code for a tool's own long options */

struct opt_tool {
	const char *synopsis;		/* the SYNOPSIS lines, after the name */
	const char *help;		/* the tool's own options, for --help */
	const char *rules_file;		/* default rule file, "classify.yaml" */
	const struct option *options;	/* NULL or ending in a zero entry */
	int (*handle)(int code, const char *arg);
};

struct opts {
	char *rules;			/* the rule file to read */
	const char *output;		/* -o, or NULL for standard output */
	const char *input;		/* the FILE operand, or NULL */
	const char *rejects;		/* --rejects, or NULL */
	long max_rejects;		/* -1 without --max-rejects */
	int today;			/* days since 1970-01-01 */
	int stats;
	int check;
	struct csvin_opts in;
	struct csvout_opts out;
};

void opt_parse(int argc, char **argv, const struct opt_tool *t, struct opts *o);

/* Prints the synopsis to standard error and exits 2. */
void opt_usage(void) __attribute__((noreturn));

/* Reads a count for an option: 0 and *n set, or -1 after a message. */
int opt_count(const char *name, const char *arg, long *n);

void opt_free(struct opts *o);

#endif
