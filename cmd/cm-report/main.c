/*
 * cm-report: the seeds' measures of the work, one measure a run, named
 * by the word before FILE:
 *
 *	development	开发成功率 of the orphan cohorts (seed 004); FILE, or
 *			--assigned FILE: cm-orphan-assign's outputs
 *	upgrades	ABC upgrades (seed 000); FILE: the later grading,
 *			--before FILE: the earlier one
 *	contacts	接触率, 面访率 and the allowance (seed 004); FILE: the
 *			contact log, --assigned FILE: the customers
 *	standards	the orphan visit standards (seed 004); as contacts
 *	ratio		10:3:1 (seed 001); FILE: the contact log
 *	calls		the telephone team's successes (seed 003); FILE:
 *			cm-calls's lists with their results
 *
 * FILE is read row by row; the other files are side files, read whole.
 * Figures are kept per agent, summed into the rows of --by and written in
 * the order of their keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "../../common/opt.h"
#include "../../common/tool.h"
#include "report.h"

static const struct measure *const measures[] = {
	&measure_development, &measure_upgrades, &measure_contacts,
	&measure_standards, &measure_ratio, &measure_calls
};
#define NMEASURE (sizeof(measures) / sizeof(measures[0]))

enum {
	O_AGENTS, O_ASSIGNED, O_BEFORE, O_BY, O_FROM, O_MONTH, O_POLICIES,
	O_TO
};

static const struct tool_option options[] = {
	{ "agents", TOOL_INPUT, O_AGENTS },
	{ "assigned", TOOL_INPUT, O_ASSIGNED },
	{ "before", TOOL_INPUT, O_BEFORE },
	{ "by", TOOL_VALUE, O_BY },
	{ "from", TOOL_VALUE, O_FROM },
	{ "month", TOOL_VALUE, O_MONTH },
	{ "policies", TOOL_INPUT, O_POLICIES },
	{ "to", TOOL_VALUE, O_TO },
	{ NULL, TOOL_FLAG, 0 }
};



static int
operand(void *self, int pos, const char *arg)
{
	struct report *rp = self;
	size_t i;

	(void)pos;
	for (i = 0; i < NMEASURE; i++)
		if (strcmp(arg, measures[i]->name) == 0) {
			rp->m = measures[i];
			return 0;
		}
	err_warn("unknown measure '%s' (development, upgrades, contacts, "
	    "standards, ratio or calls)", arg);
	return -1;
}

static int
by(struct report *rp, const char *arg)
{
	static const char *const names[] = {
		"agent", "group", "branch", "none"
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(arg, names[i]) == 0) {
			rp->groups.by = (enum by)i;
			return 0;
		}
	err_warn("--by: agent, group, branch or none, not '%s'", arg);
	return -1;
}

/* A month: 2026-04. */
static int
month(const char *s, int *m)
{
	int y, mo, n = 0;

	if (strlen(s) != 7 || sscanf(s, "%4d-%2d%n", &y, &mo, &n) != 2 ||
	    s[n] != '\0' || s[0] < '0' || s[0] > '9' || s[5] < '0' ||
	    s[5] > '9' || y < 2 || mo < 1 || mo > 12)
		return -1;
	*m = y * 12 + mo - 1;
	return 0;
}

static int
option(void *self, int code, const char *arg)
{
	struct report *rp = self;

	switch (code) {
	case O_AGENTS:
		rp->groups.path = arg;
		break;
	case O_ASSIGNED:
		rp->assigned_path = arg;
		break;
	case O_BEFORE:
		rp->before_path = arg;
		break;
	case O_BY:
		return by(rp, arg);
	case O_MONTH:
		rp->month_arg = arg;
		if (month(arg, &rp->month) < 0) {
			err_warn("--month: '%s' is not a month (2026-04)", arg);
			return -1;
		}
		break;
	case O_POLICIES:
		rp->policies_path = arg;
		break;
	case O_FROM:
	case O_TO:
		if (date_parse(arg, strlen(arg), code == O_FROM ? &rp->from :
		    &rp->to) < 0) {
			err_warn("--%s: '%s' is not a date (2026-04-01)",
			    code == O_FROM ? "from" : "to", arg);
			return -1;
		}
		*(code == O_FROM ? &rp->from_arg : &rp->to_arg) = arg;
		break;
	}
	return 0;
}

int
month_start(int m)
{
	return date_from_ymd(m / 12, m % 12 + 1, 1);
}

/* An option given that the measure does not read, or one it needs. */
static void
takes(const struct report *rp, unsigned bit, int given, const char *what)
{
	if (given && !(rp->m->takes & bit))
		err_exit(EXIT_USAGE, "%s is not for %s", what, rp->m->name);
	if (!given && (rp->m->needs & bit))
		err_exit(EXIT_USAGE, "%s needs %s FILE", rp->m->name, what);
}

/* The period: --month, --from and --to, or the month of --today. */
static void
period(struct report *rp, const struct io *io)
{
	int y, m, d;

	if ((rp->from_arg == NULL) != (rp->to_arg == NULL))
		err_exit(EXIT_USAGE, "--from and --to go together");
	if (rp->from_arg != NULL && rp->month_arg != NULL)
		err_exit(EXIT_USAGE, "--month or --from and --to, not both");
	if (rp->from_arg != NULL) {
		if (rp->from > rp->to)
			err_exit(EXIT_USAGE, "--from %s is after --to %s",
			    rp->from_arg, rp->to_arg);
		rp->window = 1;
		date_format(rp->from, rp->from_name);
		date_format(rp->to, rp->to_name);
		return;
	}
	if (rp->month_arg == NULL) {
		date_to_ymd(io->o.today, &y, &m, &d);
		rp->month = y * 12 + m - 1;
	}
	rp->from = month_start(rp->month);
	rp->to = month_start(rp->month + 1) - 1;
}

/* Each measure's files, checked before anything is read. */
static void
options_done(void *self, struct io *io)
{
	struct report *rp = self;

	if (rp->m == NULL)
		err_exit(EXIT_USAGE, "which measure? development, upgrades, "
		    "contacts, standards, ratio or calls comes before the "
		    "options' operands");
	takes(rp, T_BEFORE, rp->before_path != NULL, "--before");
	takes(rp, T_POLICIES, rp->policies_path != NULL, "--policies");
	takes(rp, T_MONTH, rp->month_arg != NULL, "--month");
	takes(rp, T_WINDOW, rp->from_arg != NULL || rp->to_arg != NULL,
	    "--from and --to");
	takes(rp, T_BY, rp->groups.by != BY_AGENT || rp->groups.path != NULL,
	    "--by and --agents");
	if ((rp->groups.by == BY_GROUP || rp->groups.by == BY_BRANCH) &&
	    rp->groups.path == NULL)
		err_exit(EXIT_USAGE, "--by %s needs the roster: --agents FILE",
		    rp->groups.by == BY_GROUP ? "group" : "branch");
	if (rp->m == &measure_development) {
		if (rp->assigned_path != NULL && io->o.input != NULL)
			err_exit(EXIT_USAGE, "--assigned %s and FILE %s: the "
			    "assigned lists are one input, give one",
			    rp->assigned_path, io->o.input);
		if (rp->assigned_path != NULL)
			io->o.input = rp->assigned_path;
	} else
		takes(rp, T_ASSIGNED, rp->assigned_path != NULL,
		    "--assigned");
	period(rp, io);
	rp->groups.agent_id = rp->m->who;
	snprintf(rp->month_name, sizeof(rp->month_name), "%04d-%02d",
	    rp->month / 12, rp->month % 12 + 1);
}

static void
load(void *self, struct io *io)
{
	static const char *const keys[] = { "development", "upgrades",
		"contacts", "standards", "ratio", "calls", "log", "words",
		NULL };
	struct report *rp = self;
	struct rules *r = io->r;
	size_t i;

	table_init(&rp->book.customers, sizeof(struct entry));
	if (r->root != NULL)
		rules_keys(r, r->root, keys, NULL);
	log_load(rp, r, r->root == NULL ? NULL : rules_get(r->root, "log"));
	for (i = 0; i < NMEASURE; i++)
		measures[i]->load(rp, r, r->root == NULL ? NULL :
		    rules_get(r->root, measures[i]->name));
}

size_t
report_col(struct io *io, const char *name)
{
	long i = rules_find(io->r, io->r->root, io_header(io), name,
	    io_name(io));

	return i < 0 ? 0 : (size_t)i;
}

void
report_head(struct report *rp, struct io *io, int withmonth)
{
	const char *key = groups_column(&rp->groups);

	if (withmonth && rp->window) {
		rp->monthcol = schema_col(&io->schema, io->r, "from");
		rp->tocol = schema_col(&io->schema, io->r, "to");
	} else if (withmonth)
		rp->monthcol = schema_col(&io->schema, io->r, "month");
	if (key != NULL)
		rp->keycol = schema_col(&io->schema, io->r, key);
}

void
report_cols(struct io *io, const char *const *names, size_t n, size_t *col)
{
	size_t i;

	for (i = 0; i < n; i++)
		col[i] = schema_col(&io->schema, io->r, names[i]);
}

const char *
report_pair(char **buf, size_t *cap, const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	err_grow(buf, cap, na + nb + 2, 1);
	memcpy(*buf, a, na);
	(*buf)[na] = '\t';
	memcpy(*buf + na + 1, b, nb + 1);
	return *buf;
}

void
report_row(struct report *rp, struct io *io, int withmonth, const char *key)
{
	if (withmonth && rp->window) {
		schema_put(&io->schema, rp->monthcol, rp->from_name);
		schema_put(&io->schema, rp->tocol, rp->to_name);
	} else if (withmonth)
		schema_put(&io->schema, rp->monthcol, rp->month_name);
	if (rp->groups.by != BY_NONE)
		schema_put(&io->schema, rp->keycol, key);
}

static void
bind(void *self, struct io *io)
{
	struct report *rp = self;

	rp->m->bind(rp, io);
}

static void
open_sides(void *self, struct io *io)
{
	struct report *rp = self;

	if (rp->groups.path != NULL)
		groups_read(&rp->groups, io);
	if (rp->m->open != NULL)
		rp->m->open(rp, io);
}

static void
row(void *self, struct io *io, const struct rec *rec)
{
	struct report *rp = self;

	rp->m->row(rp, io, rec);
}

static void
end(void *self, struct io *io)
{
	struct report *rp = self;

	rp->m->end(rp, io);
	if (rp->groups.strangers > 0)
		io_stat(io, "agents not in the roster", rp->groups.strangers);
}

static void
report_free(void *self)
{
	struct report *rp = self;
	size_t i;

	for (i = 0; i < NMEASURE; i++)
		measures[i]->free(rp);
	groups_free(&rp->groups);
	log_free(rp);
	book_free(rp);
}

static const struct tool tool = {
	.synopsis = N_("development | upgrades | contacts | standards | "
	    "ratio | calls [-r rules] [-o file] [--month yyyy-mm] [--from "
	    "date --to date] [--assigned file] [--policies file] [--before "
	    "file] [--by agent | group | branch | none] [--agents file] "
	    "[--today date] [--rejects file] [--max-rejects n] [--stats] "
	    "[--check] [options] [file]"),
	.help = N_("  MEASURE\tdevelopment, upgrades, contacts, standards, "
	    "ratio\n"
	    "\tor calls (the first operand)\n"
	    "      --month YYYY-MM\tthe month of the figures (default: that "
	    "of --today)\n"
	    "      --from DATE\twith --to: the period, from DATE\n"
	    "      --to DATE\twith --from: the period, to DATE\n"
	    "      --assigned FILE\tcm-orphan-assign's outputs "
	    "(development: as FILE;\n"
	    "\tcontacts, standards: the customers)\n"
	    "      --policies FILE\tdevelopment: the policies\n"
	    "      --before FILE\tupgrades: the earlier grading (FILE: the "
	    "later)\n"
	    "      --by KEY\trows per agent (default), group, branch or "
	    "none\n"
	    "      --agents FILE\tthe roster: a row for each of its agents "
	    "or groups\n"),
	.rules_file = "report.yaml",
	.words = 1,
	.operand = operand,
	.options = options,
	.option = option,
	.options_done = options_done,
	.load = load,
	.bind = bind,
	.open = open_sides,
	.row = row,
	.end = end,
	.free = report_free,
};

int
main(int argc, char **argv)
{
	struct report rp = { 0 };

	return tool_main(&tool, &rp, argc, argv);
}
