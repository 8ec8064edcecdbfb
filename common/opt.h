#ifndef CM_OPT_H
#define CM_OPT_H

/*
 * The options every tool shares (cm-rules(5), "Every tool"), parsed with
 * getopt_long together with the tool's own (struct tool, tool.h), whose
 * option() is given each of them as it is met and keeps its value.
 *
 * opt_parse() exits 0 after --help or --version, and 2 after a usage
 * error, with the synopsis; files named twice are refused here too.
 */

#include "csvin.h"
#include "csvout.h"

struct tool;

/* A file named by one of the tool's options. */
struct opt_file {
	const char *opt;		/* "--agents" */
	const char *path;
	int output;
};

struct opts {
	char *rules;			/* the rule file to read, or NULL */
	const char *output;		/* -o, or NULL for standard output */
	const char *input;		/* the FILE operand, or NULL */
	char *const *inputs;		/* every FILE operand (tool.h, */
	size_t ninputs;			/* many_files): input is the first */
	const char *rejects;		/* --rejects, or NULL */
	long max_rejects;		/* -1 without --max-rejects */
	int today;			/* days since 1970-01-01 */
	int stats;
	const char *stats_file;		/* --stats-file, or NULL */
	unsigned long first_line;	/* --first-line, or 0 */
	int header_only;
	int check;
	struct csvin_opts in;
	struct csvout_opts out;
	const char *sheets;		/* --sheets, or NULL */
	const char *html;		/* --html, or NULL */
	struct opt_file *files;		/* the tool's, in the order given */
	size_t nfiles;
};

void opt_parse(int argc, char **argv, const struct tool *t, void *self,
    struct opts *o);

/* Prints the synopsis to standard error and exits 2. */
void opt_usage(void) __attribute__((noreturn));

/*
 * An option's value read as a count from min to max, or as a date: 0 and
 * *n or *days set, or -1 after a message naming the option.
 */
int opt_count(const char *name, const char *arg, long min, long max, long *n);
int opt_date(const char *name, const char *arg, int *days);

void opt_free(struct opts *o);

#endif
