#ifndef CM_TOOL_H
#define CM_TOOL_H

/*
 * The one contract of every cm- tool.  A tool is a struct tool: its texts
 * for usage and --help, its rule file, its own options, and callbacks.
 * Its main() is one line:
 *
 *	return tool_main(&tool, &state, argc, argv);
 *
 * where state is the tool's own struct, zeroed.  tool_main() owns the
 * order of a run, written here once:
 *
 *  1. Options.  The shared options (opt.h) and the tool's own are parsed
 *     with getopt_long; each of the tool's is given to option() as it is
 *     met, which keeps its value (a bad value: -1 after a message, and the
 *     usage line, exit 2).  A tool with words before FILE (cm-report's
 *     measure) has each given to operand() in the same way; FILE is the
 *     operand after them.  Files named twice are refused (an output that
 *     is also an input, or two outputs that are one file).  Then
 *     options_done() checks the options together and calls err_exit()
 *     with EXIT_USAGE for a combination that cannot be.  Nothing has been
 *     read yet.
 *  2. Rules.  The rule file is read (rules.h) and load() takes the tool's
 *     keys, counting every error; any error exits 2 after all are
 *     reported.  --check without a FILE exits 0 here.  A tool without a
 *     rule file (rules_file NULL) has no -r and no load().
 *  3. Input.  FILE or standard input is opened and its header read (exit
 *     1 when it cannot be), and bind() resolves every column the rules
 *     read and lays out the output's columns in io->schema (schema.h).
 *     Any error counted in the rules exits 2; --check exits 0 here.
 *  4. open(): the side inputs (--agents, --events ...) and the tool's own
 *     outputs (io_output()).  Then the output and the rejects file are
 *     opened and the output's header written.
 *  5. row() for every good row of the input, in order; a malformed row
 *     has been rejected before it (io.h).
 *  6. end(): the rows the tool held, its reports and its own counts.
 *     Then every output is finished and put in place, all or none, and
 *     --stats printed.
 *  7. free() frees the tool's state; the rules and the run go after it.
 *
 * Callbacks other than row() may be NULL.  Each is given the tool's state
 * (self) and the run (io.h), which holds the options, the rules, the
 * input, the output's columns and the counts.
 */

#include "io.h"

/* What a tool's option takes. */
enum tool_arg {
	TOOL_FLAG,		/* nothing */
	TOOL_VALUE,		/* a value */
	TOOL_INPUT,		/* a file the tool reads */
	TOOL_OUTPUT		/* a file the tool writes */
};

struct tool_option {
	const char *name;		/* the long option, without "--" */
	enum tool_arg arg;
	int code;			/* what option() is given */
};

/*
 * The synopsis and the help are marked with N_() and translated where
 * they are printed.  The help has a line "OPTIONS\tWHAT\n" for each
 * option, and each further line of WHAT starts with a tab: --help sets
 * every WHAT at one column, counting the columns the translated OPTIONS
 * take on a terminal.
 */
struct tool {
	const char *synopsis;		/* the SYNOPSIS, after the name */
	const char *help;		/* the tool's own options, for --help */
	const char *rules_file;		/* "classify.yaml", or NULL */
	const struct tool_option *options;	/* ending in a zero entry */

	/*
	 * Operands before FILE: up to `words` of them, given to operand() in
	 * order with their position from 0 (a bad one: -1 after a message,
	 * and the usage line, exit 2).  Fewer are not an error here:
	 * options_done() refuses what the tool needs and lacks.  Most tools
	 * have none (0, and operand NULL).
	 */
	int words;
	int (*operand)(void *self, int pos, const char *arg);

	/*
	 * Whether FILE may be given more than once (cm-followup --merge):
	 * every FILE operand is in o.inputs, the first is o.input (the
	 * input tool_main() reads), and none may be an output.  The tool
	 * opens the others, and its options_done() refuses more than one
	 * where it takes one.  Most tools take one (0).
	 */
	int many_files;

	int (*option)(void *self, int code, const char *arg);
	void (*options_done)(void *self, struct io *io);
	void (*load)(void *self, struct io *io);
	void (*bind)(void *self, struct io *io);
	void (*open)(void *self, struct io *io);
	void (*row)(void *self, struct io *io, const struct rec *rec);
	void (*end)(void *self, struct io *io);
	void (*free)(void *self);
};

/* Runs the tool; returns the exit status (or exits on an error). */
int tool_main(const struct tool *t, void *self, int argc, char **argv);

#endif
