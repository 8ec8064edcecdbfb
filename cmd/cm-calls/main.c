/*
 * cm-calls: the telephone team's day (seed 003, 第四篇): the nightly call
 * lists, the lead hand-off, the Friday quality calls.  See calls.h.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "../../common/tool.h"
#include "../../common/words.h"
#include "calls.h"

enum {
	O_HANDOFF, O_QUALITY, O_DAY, O_WEEK, O_CALLERS, O_RESULTS, O_AGENTS,
	O_OPEN, O_HOLIDAYS, O_WORKDAYS, O_REST, O_CALLER
};

static const struct tool_option options[] = {
	{ "handoff", TOOL_FLAG, O_HANDOFF },
	{ "quality", TOOL_FLAG, O_QUALITY },
	{ "day", TOOL_VALUE, O_DAY },
	{ "week", TOOL_VALUE, O_WEEK },
	{ "callers", TOOL_INPUT, O_CALLERS },
	{ "results", TOOL_INPUT, O_RESULTS },
	{ "agents", TOOL_INPUT, O_AGENTS },
	{ "open", TOOL_INPUT, O_OPEN },
	{ "holidays", TOOL_INPUT, O_HOLIDAYS },
	{ "working-days", TOOL_INPUT, O_WORKDAYS },
	{ "rest", TOOL_OUTPUT, O_REST },
	{ "caller", TOOL_VALUE, O_CALLER },
	{ NULL, TOOL_FLAG, 0 }
};

static int
set_job(struct calls *c, enum job job, const char *opt)
{
	if (c->job_set && c->job != job) {
		err_warn("--%s: one job a run: --handoff or --quality, or "
		    "neither for the call lists", opt);
		return -1;
	}
	c->job = job;
	c->job_set = 1;
	return 0;
}

static int
option(void *self, int code, const char *arg)
{
	struct calls *c = self;
	const char **path[] = {
		[O_CALLERS] = &c->callers_path, [O_RESULTS] = &c->results_path,
		[O_AGENTS] = &c->agents_path, [O_OPEN] = &c->open_path,
		[O_HOLIDAYS] = &c->holidays_path,
		[O_WORKDAYS] = &c->workdays_path, [O_REST] = &c->rest_path,
		[O_CALLER] = &c->caller
	};

	switch (code) {
	case O_HANDOFF:
		return set_job(c, JOB_HANDOFF, "handoff");
	case O_QUALITY:
		return set_job(c, JOB_QUALITY, "quality");
	case O_DAY:
		c->day_set = 1;
		if (strcmp(arg, "next") == 0) {
			c->day_next = 1;
			return 0;
		}
		return opt_date("--day", arg, &c->day);
	case O_WEEK:
		c->week_set = 1;
		return opt_date("--week", arg, &c->week);
	default:
		if (*arg == '\0') {
			err_warn("--%s: the value is empty",
			    options[code].name);
			return -1;
		}
		*path[code] = arg;
		return 0;
	}
}

/* An option that the job does not take: a usage error. */
static void
refuse(const struct calls *c, int given, const char *opt)
{
	static const char *const what[] = {
		[JOB_LISTS] = N_("the call lists"),
		[JOB_HANDOFF] = "--handoff",
		[JOB_QUALITY] = "--quality"
	};

	if (given)
		err_exit(EXIT_USAGE, "%s is not an option of %s", opt,
		    _(what[c->job]));
}

static void
options_done(void *self, struct io *io)
{
	struct calls *c = self;
	int lists = c->job == JOB_LISTS, hand = c->job == JOB_HANDOFF;
	int quality = c->job == JOB_QUALITY;

	refuse(c, !lists && c->callers_path != NULL, "--callers");
	refuse(c, !lists && c->results_path != NULL, "--results");
	refuse(c, !hand && c->agents_path != NULL, "--agents");
	refuse(c, !hand && c->open_path != NULL, "--open");
	refuse(c, quality && c->day_set, "--day");
	refuse(c, !quality && c->week_set, "--week");
	refuse(c, !quality && c->caller != NULL, "--caller");
	if (lists && c->callers_path == NULL && !io->o.check)
		err_exit(EXIT_USAGE, "the call lists need --callers FILE, "
		    "the callers' roster");
	if (hand && c->agents_path == NULL && !io->o.check)
		err_exit(EXIT_USAGE, "--handoff needs --agents FILE, the "
		    "ground agents' areas");
	if (c->rest_path == NULL && !io->o.check && !io->o.header_only)
		err_exit(EXIT_USAGE, "--rest FILE is needed: the rows that "
		    "no list takes go there, with the reason");
	if (!c->day_set)
		c->day_next = 1;
	if (!c->week_set)
		c->week = io->o.today;
	c->week -= date_weekday(c->week) - 1;
}

static const char *
column_key(struct rules *r, const struct ynode *map, const char *key,
    const char *def)
{
	return map != NULL ? rules_scalar(r, map, key, def) : def;
}

static void
load_lists(struct calls *c, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = {
		"per_caller", "attempts", "cross_area", "retry", NULL
	};
	const struct ynode *x;

	c->per_caller = 30;
	c->attempts = 3;
	c->cross_area = 1;
	if (m == NULL || rules_want(r, m, Y_MAP, "lists") < 0 ||
	    rules_keys(r, m, keys, NULL) < 0)
		return;
	if ((x = rules_get(m, "per_caller")) != NULL)
		rules_count(r, x, "per_caller", 1, INT_MAX, &c->per_caller);
	if ((x = rules_get(m, "attempts")) != NULL)
		rules_count(r, x, "attempts", 1, INT_MAX, &c->attempts);
	if ((x = rules_get(m, "cross_area")) != NULL)
		rules_bool(r, x, "cross_area", &c->cross_area);
	if ((c->retry = rules_get(m, "retry")) != NULL)
		rules_want(r, c->retry, Y_SEQ, "retry");
}

static void
load_handoff(struct calls *c, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = { "success", "due", NULL };
	const struct ynode *x;

	c->due = 9 * 60 + 30;
	if (m == NULL || rules_want(r, m, Y_MAP, "handoff") < 0 ||
	    rules_keys(r, m, keys, NULL) < 0)
		return;
	if ((c->success = rules_get(m, "success")) != NULL)
		rules_want(r, c->success, Y_SEQ, "success");
	if ((x = rules_get(m, "due")) != NULL)
		c->due = rules_time(r, x, "due");
}

static void
load_quality(struct calls *c, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = {
		"day", "window", "feedback", "caller", "when", "customer",
		"agent", "date", NULL
	};
	static const char *const fkeys[] = { "day", "time", NULL };
	const struct ynode *x, *f;

	c->qday = 5;
	c->qwin.from = 13 * 60 + 30;
	c->qwin.to = 18 * 60;
	c->fday = 6;
	c->ftime = 18 * 60;
	c->customer = column_key(r, m, "customer", "customer_id");
	c->agent = column_key(r, m, "agent", "agent_id");
	c->date = column_key(r, m, "date", "date");
	if (m == NULL || rules_want(r, m, Y_MAP, "quality") < 0 ||
	    rules_keys(r, m, keys, NULL) < 0)
		return;
	if ((x = rules_get(m, "day")) != NULL)
		c->qday = rules_weekday(r, x);
	if ((x = rules_get(m, "window")) != NULL)
		days_load_window(r, x, &c->qwin);
	if ((f = rules_get(m, "feedback")) != NULL &&
	    rules_want(r, f, Y_MAP, "feedback") == 0 &&
	    rules_keys(r, f, fkeys, fkeys) == 0) {
		c->fday = rules_weekday(r, rules_get(f, "day"));
		c->ftime = rules_time(r, rules_get(f, "time"), "time");
	}
	c->qcaller = rules_scalar(r, m, "caller", NULL);
	if ((x = rules_get(m, "when")) != NULL)
		c->visited = cond_compile(r, x);
}

static void
load(void *self, struct io *io)
{
	struct calls *c = self;
	struct rules *r = io->r;
	static const char *const keys[] = {
		"days", "windows", "holidays", "working_days", "area", "key",
		"result", "lists", "handoff", "quality", "words", NULL
	};
	const struct ynode *root = r->root;

	c->win[0].from = 10 * 60;
	c->win[0].to = 12 * 60;
	c->win[1].from = 13 * 60 + 30;
	c->win[1].to = 18 * 60;
	c->nwin = 2;
	if (root != NULL && rules_keys(r, root, keys, NULL) < 0)
		root = NULL;
	c->area = column_key(r, root, "area", "area");
	c->key = column_key(r, root, "key", "phone");
	c->result = column_key(r, root, "result", "result");
	if (root != NULL)
		days_load(c, r);
	else
		c->days.work[1] = c->days.work[2] = c->days.work[3] =
		    c->days.work[4] = c->days.work[5] = 1;
	load_lists(c, r, root != NULL ? rules_get(root, "lists") : NULL);
	load_handoff(c, r, root != NULL ? rules_get(root, "handoff") : NULL);
	load_quality(c, r, root != NULL ? rules_get(root, "quality") : NULL);
	words_load(r, root != NULL ? rules_get(root, "words") : NULL,
	    calls_words, c->word);
	if (c->job == JOB_QUALITY && c->caller == NULL)
		c->caller = c->qcaller;
	if (c->job == JOB_QUALITY && c->caller == NULL && r->nerr == 0)
		err_exit(EXIT_USAGE, "the quality calls need a caller: "
		    "--caller ID, or caller: under quality: in %s", r->path);
}

static void
bind(void *self, struct io *io)
{
	struct calls *c = self;

	switch (c->job) {
	case JOB_LISTS:
		lists_bind(c, io);
		break;
	case JOB_HANDOFF:
		handoff_bind(c, io);
		break;
	case JOB_QUALITY:
		quality_bind(c, io);
		break;
	}
}

static void
open_job(void *self, struct io *io)
{
	struct calls *c = self;

	days_files(c, &io->o.in);
	rest_open(c, io);
	io_stat(io, "rest", 0);
	if (c->day_next && (c->day = days_next(c, io->o.today)) < 0)
		err_exit(EXIT_DATA, "no working day in the year after %s: see "
		    "days: and the holidays", "today");
	switch (c->job) {
	case JOB_LISTS:
		lists_open(c, io);
		break;
	case JOB_HANDOFF:
		handoff_open(c, io);
		break;
	case JOB_QUALITY:
		quality_open(c, io);
		break;
	}
}

static void
row(void *self, struct io *io, const struct rec *rec)
{
	struct calls *c = self;

	switch (c->job) {
	case JOB_LISTS:
		lists_row(c, io, rec);
		break;
	case JOB_HANDOFF:
		handoff_row(c, io, rec);
		break;
	case JOB_QUALITY:
		quality_row(c, io, rec);
		break;
	}
}

static void
end(void *self, struct io *io)
{
	struct calls *c = self;

	switch (c->job) {
	case JOB_LISTS:
		lists_end(c, io);
		break;
	case JOB_HANDOFF:
		break;
	case JOB_QUALITY:
		quality_end(c, io);
		break;
	}
}

static void
free_calls(void *self)
{
	struct calls *c = self;

	lists_free(c);
	handoff_free(c);
	free(c->it);	/* the rows' text is in the arena */
	arena_free(&c->arena);
	cols_free(&c->seen);
	cond_free(c->visited);
	free(c->map);
	rest_free(c);
	days_free(c);
}

static const struct tool tool = {
	.synopsis = N_("[-r rules] [-o file] --rest file [--handoff | "
	    "--quality] [--day date] [--week date] [--callers file] "
	    "[--results file] [--agents file] [--open file] [--caller id] "
	    "[--holidays file] [--working-days file] [--today date] "
	    "[--rejects file] [--max-rejects n] [--stats] [--check] "
	    "[options] [file]"),
	.help = N_("      --rest FILE\tthe rows no list takes, with the "
	    "reason\n"
	    "      --handoff\thand the day's successful calls to the\n"
	    "\tground agents of their areas\n"
	    "      --quality\tthe week's quality calls to the\n"
	    "\tcustomers agents visited\n"
	    "      --day DATE\tthe day of the lists or the leads\n"
	    "\t(default: next, the next working day)\n"
	    "      --week DATE\t--quality: the week that holds DATE\n"
	    "\t(default: today's)\n"
	    "      --callers FILE\tthe callers (caller_id, team, status)\n"
	    "      --results FILE\tyesterday's lists with their results:\n"
	    "\tthe records not reached come first\n"
	    "      --agents FILE\t--handoff: the ground agents (agent_id,\n"
	    "\tarea, leader, status)\n"
	    "      --open FILE\t--handoff: leads still open, counted\n"
	    "\tagainst each agent\n"
	    "      --caller ID\t--quality: the caller who calls\n"
	    "      --holidays FILE\tdays off (columns date, name)\n"
	    "      --working-days FILE\tweekend days worked (columns date, "
	    "name)\n"),
	.rules_file = "calls.yaml",
	.options = options,
	.option = option,
	.options_done = options_done,
	.load = load,
	.bind = bind,
	.open = open_job,
	.row = row,
	.end = end,
	.free = free_calls
};

int
main(int argc, char **argv)
{
	struct calls c = { 0 };

	return tool_main(&tool, &c, argc, argv);
}
