/*
 * cm-followup: the tool (followup.h): its options, its rule keys, the run
 * of every row through the triggers, and --stats.
 *
 * A customer gets one task per trigger and occasion however many policies
 * they hold.  The tasks are sorted by due day, agent, customer and task.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "../../common/ics.h"
#include "../../common/tool.h"
#include "followup.h"

enum {
	O_DAYS, O_EVENTS, O_FROM, O_ICS, O_MERGE, O_OCCASIONS, O_SERVICES,
	O_TO
};

static const struct tool_option options[] = {
	{ "days", TOOL_VALUE, O_DAYS },
	{ "events", TOOL_INPUT, O_EVENTS },
	{ "from", TOOL_VALUE, O_FROM },
	{ "ics", TOOL_VALUE, O_ICS },
	{ "merge", TOOL_FLAG, O_MERGE },
	{ "occasions", TOOL_INPUT, O_OCCASIONS },
	{ "services", TOOL_INPUT, O_SERVICES },
	{ "to", TOOL_VALUE, O_TO },
	{ NULL, TOOL_FLAG, 0 }
};

static int
option(void *self, int code, const char *arg)
{
	struct followup *f = self;

	switch (code) {
	case O_DAYS:
		return opt_count("--days", arg, 1, 3660, &f->days);
	case O_EVENTS:
		f->in.events_path = arg;
		return 0;
	case O_FROM:
		f->from_set = 1;
		return opt_date("--from", arg, &f->from);
	case O_ICS:
		if (*arg == '\0') {
			err_warn("--ics: a directory, not ''");
			return -1;
		}
		f->cal.dir = arg;
		return 0;
	case O_MERGE:
		f->lists.on = 1;
		return 0;
	case O_OCCASIONS:
		f->in.occasions_path = arg;
		return 0;
	case O_SERVICES:
		f->in.services_path = arg;
		return 0;
	case O_TO:
		f->to_set = 1;
		return opt_date("--to", arg, &f->to);
	}
	return 0;
}

/*
 * --merge reads lists, not policies: the options of a run that choose
 * the tasks are taken and have no effect, so that a script gives the
 * merge the options of the parts' runs; those that would name lines of
 * the policies or write calendars are refused.
 */
static void
merge_done(struct followup *f, struct io *io)
{
	size_t i;
	int stdin_named = 0;
	const char *no = io->o.rejects != NULL ? "--rejects" :
	    io->o.first_line > 0 ? "--first-line" :
	    f->cal.dir != NULL ? "--ics" : NULL;

	if (!f->lists.on && io->o.ninputs > 1) {
		err_warn("more than one file: a run reads one, and --merge "
		    "merges the lists of a split run");
		opt_usage();
	}
	if (f->lists.on && no != NULL) {
		err_warn("--merge and %s exclude each other", no);
		opt_usage();
	}
	for (i = 0; i < io->o.ninputs; i++)
		if (strcmp(io->o.inputs[i], "-") == 0 && stdin_named++) {
			err_warn("--merge: standard input ('-') named twice");
			opt_usage();
		}
}

/* The window: --from (or today), then --days (7) or --to. */
static void
options_done(void *self, struct io *io)
{
	struct followup *f = self;
	char d[DATE_LEN + 1];

	merge_done(f, io);

	if (!f->from_set)
		f->from = io->o.today;
	if (f->to_set && f->days > 0)
		err_exit(EXIT_USAGE, "--days and --to both set the window's end");
	if (f->to_set && f->to < f->from) {
		date_format(f->to, d);
		err_exit(EXIT_USAGE, "--to %s is before --from", d);
	}
	if (!f->to_set)
		f->to = f->from + (f->days > 0 ? (int)f->days : 7) - 1;
}

/* carry: the input's columns that the list and the calendars carry. */
static void
load_carry(struct followup *f, struct rules *r)
{
	const struct ynode *x = rules_get(r->root, "carry"), *p;
	size_t i;

	f->phonecarry = -1;
	if (x != NULL && rules_want(r, x, Y_SEQ, "carry") == 0) {
		f->carry = err_calloc(x->n + 1, sizeof(*f->carry));
		for (i = 0; i < x->n; i++)
			if (rules_want(r, x->kid[i], Y_SCALAR,
			    _("a column")) == 0)
				f->carry[f->ncarry++] = x->kid[i]->str;
	}
	if ((p = rules_get(r->root, "phone")) == NULL ||
	    rules_want(r, p, Y_SCALAR, "phone") < 0)
		return;
	for (i = 0; i < f->ncarry; i++)
		if (strcmp(f->carry[i], p->str) == 0)
			f->phonecarry = (long)i;
	if (f->phonecarry < 0)
		rules_error(r, p, "phone names a column that carry does not "
		    "list: '%s'", p->str);
}

static void
load(void *self, struct io *io)
{
	static const char *const keys[] = {
		"customer", "agent", "policy", "merge", "lunar", "carry",
		"phone", "calendar", "audiences", "events", "triggers", NULL
	};
	static const char *const need[] = { "triggers", NULL };
	struct followup *f = self;
	struct rules *r = io->r;
	const struct ynode *x;

	f->cal.alarm = -1;
	f->cal.namecol = -1;
	f->phonecarry = -1;
	if (r->root == NULL || rules_keys(r, r->root, keys, need) < 0)
		return;
	f->cust = rules_scalar(r, r->root, "customer", "customer_id");
	f->agent = rules_scalar(r, r->root, "agent", "agent_id");
	f->policy = rules_scalar(r, r->root, "policy", "policy_id");
	f->lunar_value = rules_scalar(r, r->root, "lunar", "lunar");
	if ((x = rules_get(r->root, "merge")) != NULL)
		rules_bool(r, x, "merge", &f->merge);
	load_carry(f, r);
	calendars_load(&f->cal, r, rules_get(r->root, "calendar"));
	inputs_load(&f->in, r, rules_get(r->root, "audiences"));
	if ((x = rules_get(r->root, "events")) != NULL)
		events_rules(&f->ev, r, x);
	triggers_load(f, r, rules_get(r->root, "triggers"));
}

/*
 * The output's columns: the rules' names, written under the data's, then
 * carry's.
 */
void
followup_columns(struct followup *f, struct rules *r, struct schema *s)
{
	static const char *const names[] = {
		"due_date", "occasion_date", "agent_id", "customer_id",
		"policy_id", "task", "channel", "note", NULL
	};
	const struct ynode *carry = rules_get(r->root, "carry");
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		schema_col(s, r, names[i]);
	for (i = 0; i < f->ncarry; i++)
		if (schema_col(s, r, f->carry[i]) != NCOL + i)
			rules_error(r, carry->kid[i], "carry: '%s' is a column "
			    "that cm-followup writes, or listed twice",
			    f->carry[i]);
	f->ncol = NCOL + f->ncarry;
}

static void
bind(void *self, struct io *io)
{
	struct followup *f = self;
	struct rules *r = io->r;
	const struct cols *header = io_header(io);
	const char *input = io_name(io);
	const struct ynode *root = r->root, *carry;
	size_t i;
	long k;

	if (f->lists.on) {
		lists_bind(f, io);
		return;
	}
	k = rules_find(r, rules_get(root, "customer"), header, f->cust, input);
	f->ccol = k < 0 ? 0 : (size_t)k;
	k = rules_find(r, rules_get(root, "agent"), header, f->agent, input);
	f->acol = k < 0 ? 0 : (size_t)k;
	f->pcol = cols_find(header, rules_column(r, f->policy));
	triggers_bind(f, r, header, input);
	inputs_bind(&f->in, r, header, input);
	if (f->cal.name != NULL)
		f->cal.namecol = rules_find(r, f->cal.namenode, header,
		    f->cal.name, input);
	carry = rules_get(root, "carry");
	f->carrycol = err_calloc(f->ncarry + 1, sizeof(*f->carrycol));
	for (i = 0; i < f->ncarry; i++) {
		k = rules_find(r, carry->kid[i], header, f->carry[i], input);
		f->carrycol[i] = k < 0 ? 0 : (size_t)k;
	}
	followup_columns(f, r, &io->schema);
}

/* The side inputs and the calendars, once the window is known good. */
static void
start(void *self, struct io *io)
{
	struct followup *f = self;

	if (f->lists.on) {
		lists_open(f, io);
		return;
	}
	triggers_window(f);
	inputs_read(f, io);
	calendars_open(f, io);
}

/* Returns 0, or -1 with msg set when a date cannot be read or converted. */
static int
occasions(struct followup *f, struct trigger *t, const struct rec *rec,
    char *msg, size_t msgsize)
{
	int date = 0;

	if (t->kind->src == SRC_ROW && t->column != NULL) {
		if (rec->len[t->col] == 0) {
			t->skipped++;
			return 0;
		}
		if (date_parse(rec->f[t->col], rec->len[t->col], &date) < 0) {
			snprintf(msg, msgsize, _(NOT_A_DATE),
			    t->column, rec->f[t->col]);
			return -1;
		}
	}
	return t->kind->occasions(f, t, rec, date, msg, msgsize);
}

static void
arrive(void *self, struct io *io, const struct rec *rec)
{
	struct followup *f = self;
	char msg[512];
	size_t i, keep = f->ts.n;
	int v;

	if (f->lists.on) {
		lists_row(f, io, rec);
		return;
	}
	v = inputs_row(f, rec, msg, sizeof(msg));

	for (i = 0; i < f->nt && v >= 0; i++) {
		v = 1;
		if (f->t[i].when != NULL)
			v = cond_eval(f->t[i].when, rec->f, rec->len, msg,
			    sizeof(msg));
		if (v > 0 && occasions(f, &f->t[i], rec, msg, sizeof(msg)) < 0)
			v = -1;
	}
	if (v < 0 || (f->ts.n > keep &&
	    calendars_row(f, rec, msg, sizeof(msg)) < 0)) {
		/* The row is rejected whole: none of its tasks stay. */
		f->ts.n = keep;
		io_reject(io, rec, msg);
		return;
	}
	tasks_keep_new(f, keep);
	if (f->ts.n > keep)
		f->rows_due++;
	else
		f->rows_none++;
}

static void
report(struct io *io, struct followup *f)
{
	char name[256];
	size_t i;

	for (i = 0; i < f->nt; i++) {
		if (f->t[i].column == NULL || f->t[i].kind->src != SRC_ROW)
			continue;
		snprintf(name, sizeof(name), "skipped for an empty %s (%s)",
		    f->t[i].column, f->t[i].task);
		io_stat(io, name, f->t[i].skipped);
	}
	io_stat(io, "rows with a task due", f->rows_due);
	io_stat(io, "rows with no task due", f->rows_none);
	io_stat(io, "tasks", f->ts.n);
	io_stat(io, "repeated occasions of one customer", f->ts.duplicates);
	inputs_report(f, io);
	if (f->cal.ics != NULL)
		io_stat(io, "ics files", ics_finish(f->cal.ics));
}

static void
end(void *self, struct io *io)
{
	struct followup *f = self;

	if (f->lists.on) {
		lists_end(f, io);
		return;
	}
	tasks_write(f, io);
	report(io, f);
}

static void
followup_free(void *self)
{
	struct followup *f = self;

	triggers_free(f);
	free(f->carry);
	free(f->carrycol);
	events_free(&f->ev);
	inputs_free(&f->in);
	tasks_free(&f->ts);
	calendars_free(&f->cal);
	lists_free(&f->lists);
}

static const struct tool tool = {
	.synopsis = N_("[-r rules] [-o file] [--from date] [--days n | --to "
	    "date] [--events file] [--services file] [--occasions file] "
	    "[--ics dir] [--today date] [--rejects file] [--max-rejects n] "
	    "[--stats] [--check] [--merge] [options] [file ...]"),
	.help = N_("      --from DATE\tthe window's first day (default: "
	    "today)\n"
	    "      --days N\tthe window's length (default 7)\n"
	    "      --to DATE\tthe window's last day\n"
	    "      --events FILE\tcompany events (date, kind, title, "
	    "audience)\n"
	    "      --services FILE\tpolicy services and claims (customer, "
	    "policy, type, dates)\n"
	    "      --occasions FILE\tcustomers' occasions (customer, date, "
	    "kind, note)\n"
	    "      --ics DIR\talso write each agent's tasks to "
	    "DIR/AGENT.ics\n"
	    "      --merge\tmerge the lists of a split run's parts, the "
	    "files\n\tgiven, into the list of one run\n"),
	.rules_file = "followup.yaml",
	.options = options,
	.many_files = 1,
	.option = option,
	.options_done = options_done,
	.load = load,
	.bind = bind,
	.open = start,
	.row = arrive,
	.end = end,
	.free = followup_free,
};

int
main(int argc, char **argv)
{
	struct followup f = { 0 };

	return tool_main(&tool, &f, argc, argv);
}
