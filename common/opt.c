#include <errno.h>
#include <getopt.h>
#include <iconv.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afile.h"
#include "date.h"
#include "err.h"
#include "opt.h"
#include "rules.h"
#include "tool.h"
#include "utf8.h"

#ifndef CM_VERSION
#define CM_VERSION "0"
#endif
#ifndef CM_RULESDIR
#define CM_RULESDIR "/usr/local/share/cm/rules"
#endif
#ifndef CM_CONFRULESDIR
#define CM_CONFRULESDIR "/usr/local/etc/cm/rules"
#endif

enum {
	O_BOM = 256, O_CHECK, O_CRLF, O_EXCEL, O_FIRSTLINE, O_HEADERONLY, O_HTML,
	O_MAXMEM,
	O_IENC,
	O_MAXFIELD, O_MAXREJ, O_NOHEADER, O_OENC, O_REJECTS, O_SHEETS, O_STATS,
	O_STATSFILE, O_TODAY, O_TSV, O_VERSION
};

static const struct option common[] = {
	{ "bom", no_argument, NULL, O_BOM },
	{ "check", no_argument, NULL, O_CHECK },
	{ "crlf", no_argument, NULL, O_CRLF },
	{ "excel", no_argument, NULL, O_EXCEL },
	{ "first-line", required_argument, NULL, O_FIRSTLINE },
	{ "header-only", no_argument, NULL, O_HEADERONLY },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "html", required_argument, NULL, O_HTML },
	{ "input-encoding", required_argument, NULL, O_IENC },
	{ "max-field-bytes", required_argument, NULL, O_MAXFIELD },
	{ "max-memory", required_argument, NULL, O_MAXMEM },
	{ "max-rejects", required_argument, NULL, O_MAXREJ },
	{ "no-header", no_argument, NULL, O_NOHEADER },
	{ "output", required_argument, NULL, 'o' },
	{ "output-encoding", required_argument, NULL, O_OENC },
	{ "rejects", required_argument, NULL, O_REJECTS },
	{ "rules", required_argument, NULL, 'r' },
	{ "sheets", required_argument, NULL, O_SHEETS },
	{ "stats", no_argument, NULL, O_STATS },
	{ "stats-file", required_argument, NULL, O_STATSFILE },
	{ "today", required_argument, NULL, O_TODAY },
	{ "tsv", no_argument, NULL, O_TSV },
	{ "version", no_argument, NULL, O_VERSION },
	{ NULL, 0, NULL, 0 }
};

/*
 * The help of an option is "OPTIONS\tWHAT\n", and each further line of
 * WHAT starts with a tab: layout() sets every WHAT at column 28 counting
 * the columns the translated OPTIONS take on a terminal (a Chinese
 * character takes two), not its bytes.
 */
static const char rules_help[] =
N_("  -r, --rules FILE\trule file (default: %s)\n");

static const char *const common_help[] = {
	N_("  -o, --output FILE\twrite FILE, atomically, not standard output\n"),
	N_("      --today DATE\tthe date 'today' means in the rules\n"),
	N_("      --rejects FILE\twrite rows with data errors to FILE and go "
	"on\n"),
	N_("      --max-rejects N\tfail when more than N rows are rejected\n"),
	N_("      --stats\tprint counts on standard error at the end\n"),
	N_("      --stats-file FILE\twrite the counts to FILE as CSV "
	"(name,count)\n"),
	N_("      --check\tcheck the rules (and FILE's header), then exit\n"),
	N_("  -d, --delimiter CHAR\tfield delimiter (default ,)\n"),
	N_("      --tsv\ttab-separated fields\n"),
	N_("      --input-encoding ENC\tauto (default), UTF-8, GB18030, any "
	"iconv name\n"),
	N_("      --output-encoding ENC\tUTF-8 (default) or any iconv name\n"),
	N_("      --bom\tstart the output with a byte order mark\n"),
	N_("      --crlf\tend output lines with CRLF\n"),
	N_("      --excel\t--bom --crlf, and no cell a formula: CSV for "
	"Excel\n"),
	N_("      --sheets COLUMN\twith -o FILE.xlsx, a sheet for each value "
	"of COLUMN\n"),
	N_("      --html FILE\talso write the output as an HTML page, with "
	"charts\n"),
	N_("      --max-field-bytes N\tlongest field read (default "
	"1048576)\n"),
	N_("      --max-memory SIZE\tfail, writing nothing, past SIZE (512M, "
	"2G)\n"),
	N_("      --first-line N\tthe first row is line N of the whole "
	"file\n"),
	N_("      --no-header\twrite no header line (parts to "
	"concatenate)\n"),
	N_("      --header-only\twrite the header line alone, reading no "
	"row\n"),
	N_("  -h, --help\tprint this help\n"),
	N_("      --version\tprint the version\n")
};

/* The column where an option's help starts, from 0. */
#define HELP_COLUMN	28

static const struct tool *tool;

/* fmt (translated) with its arguments, in memory of its own. */
static char * __attribute__((format(printf, 1, 2)))
format(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = err_malloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* The usage line, translated: "usage: cm-x SYNOPSIS\n". */
static char *
usage_line(void)
{
	return format(_("usage: %s %s\n"), err_prog(), _(tool->synopsis));
}

void
opt_usage(void)
{
	char *line = usage_line();

	err_print(stderr, line);
	free(line);
	err_quit(EXIT_USAGE);
}

/* Exits after --help or --version, 1 when standard output failed. */
static void __attribute__((noreturn))
done_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		err_exit(EXIT_DATA, "<stdout>: write error: %s", strerror(errno));
	exit(EXIT_OK);
}

/*
 * Writes text, help as rules_help's is written, to fp: each line's WHAT
 * at HELP_COLUMN, or a space after OPTIONS when they reach it.
 */
static void
layout(FILE *fp, const char *text)
{
	const char *p = text, *nl, *tab;
	size_t w;

	for (; *p != '\0'; p = nl) {
		nl = strchr(p, '\n');
		nl = nl != NULL ? nl + 1 : p + strlen(p);
		tab = memchr(p, '\t', (size_t)(nl - p));
		if (tab == NULL) {
			fwrite(p, 1, (size_t)(nl - p), fp);
			continue;
		}
		fwrite(p, 1, (size_t)(tab - p), fp);
		w = utf8_width(p, (size_t)(tab - p));
		do
			putc(' ', fp);
		while (++w < HELP_COLUMN);
		fwrite(tab + 1, 1, (size_t)(nl - tab - 1), fp);
	}
}

/*
 * --help in the user's language, laid out in UTF-8 (the catalog's), then
 * written in the user's encoding as every message is.
 */
static void __attribute__((noreturn))
help(void)
{
	char *text = NULL, *line, *path;
	size_t len = 0, i;
	FILE *fp;

	if ((fp = open_memstream(&text, &len)) == NULL)
		err_exit(EXIT_DATA, "<stdout>: write error: %s", strerror(errno));
	line = usage_line();
	fprintf(fp, "%s\n", line);
	free(line);
	if (tool->help != NULL)
		layout(fp, _(tool->help));
	if (tool->rules_file != NULL) {
		path = rules_path(NULL, CM_CONFRULESDIR, CM_RULESDIR,
		    tool->rules_file);
		line = format(_(rules_help), path);
		layout(fp, line);
		free(line);
		free(path);
	}
	for (i = 0; i < sizeof(common_help) / sizeof(common_help[0]); i++)
		layout(fp, _(common_help[i]));
	fprintf(fp, _("\nSee %s(1) and cm-rules(5).\n"), err_prog());
	if (fclose(fp) != 0)
		err_exit(EXIT_DATA, "<stdout>: write error: %s", strerror(errno));
	err_print(stdout, text);
	free(text);
	done_stdout();
}

int
opt_count(const char *name, const char *arg, long min, long max, long *n)
{
	char *end;

	*n = strtol(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || *n == LONG_MAX) {
		err_warn("%s: '%s' is not a count", name, arg);
		return -1;
	}
	if (*n >= min && *n <= max)
		return 0;
	if (max >= LONG_MAX - 1)
		err_warn("%s: a count of at least %ld, not '%s'", name, min, arg);
	else
		err_warn("%s: a count from %ld to %ld, not '%s'", name, min, max,
		    arg);
	return -1;
}

int
opt_date(const char *name, const char *arg, int *days)
{
	if (date_parse(arg, strlen(arg), days) == 0)
		return 0;
	err_warn("%s: '%s' is not a date (2026-11-23)", name, arg);
	return -1;
}

static unsigned char
delimiter(const char *arg)
{
	if (strcmp(arg, "\\t") == 0 || strcmp(arg, "tab") == 0)
		return '\t';
	if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\r' ||
	    arg[0] == '\n' || (unsigned char)arg[0] >= 0x80) {
		err_warn("-d: the delimiter is one ASCII character other than a "
		    "quote or a line end, not '%s'", arg);
		opt_usage();
	}
	return (unsigned char)arg[0];
}

static int
unicode(const char *enc)
{
	return strncasecmp(enc, "UTF", 3) == 0 || strncasecmp(enc, "UCS", 3) == 0;
}

/* An encoding iconv does not know is a usage error, found before any I/O. */
static void
check_encoding(const char *opt, const char *enc, int input)
{
	iconv_t cd;

	if (enc == NULL || (input && strcmp(enc, "auto") == 0))
		return;
	cd = input ? iconv_open("UTF-8", enc) : iconv_open(enc, "UTF-8");
	if (cd == (iconv_t)-1 && errno != EINVAL)
		err_exit(EXIT_DATA, "%s: %s", opt, strerror(errno));
	if (cd == (iconv_t)-1) {
		err_warn("%s: unknown encoding '%s' (iconv -l lists them)",
		    opt, enc);
		opt_usage();
	}
	iconv_close(cd);
}

/*
 * The getopt table: the shared options, then the tool's, each of which
 * returns OPT_TOOL plus its index in the tool's table.
 */
#define OPT_TOOL 1000

/* The table of the parse under way: --help and --version exit inside it. */
static struct option *longopts;

static struct option *
merge(const struct tool *t)
{
	size_t nc = sizeof(common) / sizeof(common[0]) - 1, ne = 0, i, k = 0;
	struct option *all;

	while (t->options != NULL && t->options[ne].name != NULL)
		ne++;
	all = err_calloc(nc + ne + 1, sizeof(*all));
	for (i = 0; i < nc; i++)
		if (common[i].val != 'r' || t->rules_file != NULL)
			all[k++] = common[i];
	for (i = 0; i < ne; i++) {
		all[k].name = t->options[i].name;
		all[k].has_arg = t->options[i].arg == TOOL_FLAG ?
		    no_argument : required_argument;
		all[k++].val = OPT_TOOL + (int)i;
	}
	return all;
}

/*
 * A file named by an option (without its "--"), kept so that
 * check_files() refuses it when it is also written or read elsewhere.
 */
static void
add_file(struct opts *o, size_t *cap, const char *opt, const char *path,
    int output)
{
	err_grow(&o->files, cap, o->nfiles + 1, sizeof(*o->files));
	o->files[o->nfiles].opt = opt;
	o->files[o->nfiles].path = path;
	o->files[o->nfiles++].output = output;
}

/* A tool's option met: given to option(), and kept when it names a file. */
static void
tool_option(const struct tool *t, void *self, struct opts *o, int i,
    const char *arg, size_t *cap)
{
	const struct tool_option *to = &t->options[i];

	if (t->option != NULL && t->option(self, to->code, arg) < 0)
		opt_usage();
	if (to->arg == TOOL_INPUT || to->arg == TOOL_OUTPUT)
		add_file(o, cap, to->name, arg, to->arg == TOOL_OUTPUT);
}

/* Whether path names one of the FILE operands. */
static int
is_input(const struct opts *o, const char *path)
{
	size_t i;

	for (i = 0; i < o->ninputs; i++)
		if (afile_same(path, o->inputs[i]))
			return 1;
	return 0;
}

/*
 * No file is written twice, or written and read: an output of the tool's
 * is not the input, -o, --rejects or another output, and an input of
 * the tool's is not written.
 */
static void
check_files(const struct opts *o)
{
	const struct opt_file *f, *g;
	size_t i, j;

	if (o->stats_file != NULL && (afile_same(o->stats_file, o->output) ||
	    afile_same(o->stats_file, o->rejects) ||
	    is_input(o, o->stats_file))) {
		err_warn("--stats-file names the same file as the input, -o or "
		    "--rejects: '%s'", o->stats_file);
		opt_usage();
	}
	if (afile_same(o->output, o->rejects) || is_input(o, o->rejects)) {
		err_warn("--rejects names the same file as %s: '%s'",
		    afile_same(o->output, o->rejects) ? "-o" : _("the input"),
		    o->rejects);
		opt_usage();
	}
	for (i = 0; i < o->nfiles; i++) {
		f = &o->files[i];
		if (!f->output)
			continue;
		if (afile_same(f->path, o->output) ||
		    afile_same(f->path, o->rejects) ||
		    afile_same(f->path, o->stats_file) ||
		    is_input(o, f->path))
			err_exit(EXIT_USAGE, "--%s names the same file as the "
			    "input, -o, --rejects or --stats-file: '%s'", f->opt,
			    f->path);
		for (j = 0; j < i; j++) {
			g = &o->files[j];
			if (g->output && afile_same(f->path, g->path))
				err_exit(EXIT_USAGE, "--%s and --%s name the "
				    "same file: '%s'", g->opt, f->opt, f->path);
		}
	}
	for (i = 0; i < o->nfiles; i++) {
		f = &o->files[i];
		if (f->output)
			continue;
		for (j = 0; j < o->nfiles &&
		    !(o->files[j].output && afile_same(f->path,
		    o->files[j].path)); j++)
			;
		if (j < o->nfiles || afile_same(f->path, o->output) ||
		    afile_same(f->path, o->rejects))
			err_exit(EXIT_USAGE, "'%s' is both an input (--%s) and "
			    "an output", f->path, f->opt);
	}
}

/*
 * A size of memory: digits, then K, M or G (powers of 1024), or bytes;
 * at least 1 MiB, as a tool needs that much to start.
 */
static int
memory_size(const char *s, size_t *z)
{
	unsigned long long n = 0;
	const char *p = s;
	int shift = 0;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > (1ULL << 50))
			return -1;
		n = n * 10 + (unsigned long long)(*p - '0');
	}
	switch (*p) {
	case 'K': case 'k':
		shift = 10;
		p++;
		break;
	case 'M': case 'm':
		shift = 20;
		p++;
		break;
	case 'G': case 'g':
		shift = 30;
		p++;
		break;
	}
	if (*p != '\0' || n > (1ULL << 50) >> shift ||
	    (n << shift) < (1ULL << 20) || (n << shift) > (size_t)-1)
		return -1;
	*z = (size_t)(n << shift);
	return 0;
}

void
opt_parse(int argc, char **argv, const struct tool *t, void *self,
    struct opts *o)
{
	const char *today = NULL, *rules = NULL, *src;
	size_t filecap = 0, z;
	long n;
	int c;

	err_setprog(argv[0]);
	tool = t;
	memset(o, 0, sizeof(*o));
	o->max_rejects = -1;
	longopts = merge(t);
	argv[0] = (char *)err_prog();	/* for getopt's own messages */
	while ((c = getopt_long(argc, argv, t->rules_file != NULL ? "d:ho:r:" :
	    "d:ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->in.delim = o->out.delim = delimiter(optarg);
			break;
		case 'h':
			help();
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'r':
			rules = optarg;
			break;
		case O_BOM:
			o->out.bom = 1;
			break;
		case O_CHECK:
			o->check = 1;
			break;
		case O_CRLF:
			o->out.crlf = 1;
			break;
		case O_EXCEL:
			o->out.bom = o->out.crlf = o->out.disarm = 1;
			break;
		case O_HTML:
			/* The page is a file of its own beside the
			   output, an output as a tool's own are. */
			if (strcmp(optarg, "-") == 0) {
				err_warn("--html: the page is written to a "
				    "file, not to standard output ('-')");
				opt_usage();
			}
			o->html = optarg;
			add_file(o, &filecap, "html", optarg, 1);
			break;
		case O_IENC:
			o->in.encoding = optarg;
			break;
		case O_MAXMEM:
			if (memory_size(optarg, &z) < 0) {
				err_warn("--max-memory: '%s' is not a size "
				    "(512M, 2G)", optarg);
				opt_usage();
			}
			err_memory_limit(optarg, z);
			break;
		case O_MAXFIELD:
			if (opt_count("--max-field-bytes", optarg, 1, LONG_MAX - 1,
			    &n) < 0)
				opt_usage();
			o->in.max_field = (size_t)n;
			break;
		case O_FIRSTLINE:
			if (opt_count("--first-line", optarg, 2, LONG_MAX - 1,
			    &n) < 0)
				opt_usage();
			o->first_line = (unsigned long)n;
			break;
		case O_HEADERONLY:
			o->header_only = 1;
			break;
		case O_NOHEADER:
			o->out.no_header = 1;
			break;
		case O_STATSFILE:
			o->stats_file = optarg;
			break;
		case O_MAXREJ:
			if (opt_count("--max-rejects", optarg, 0, LONG_MAX - 1,
			    &o->max_rejects) < 0)
				opt_usage();
			break;
		case O_OENC:
			o->out.encoding = optarg;
			break;
		case O_REJECTS:
			o->rejects = optarg;
			break;
		case O_SHEETS:
			o->sheets = optarg;
			break;
		case O_STATS:
			o->stats = 1;
			break;
		case O_TODAY:
			today = optarg;
			break;
		case O_TSV:
			o->in.delim = o->out.delim = '\t';
			break;
		case O_VERSION:
			printf("%s %s\n", err_prog(), CM_VERSION);
			done_stdout();
		default:
			if (c < OPT_TOOL)
				opt_usage();
			tool_option(t, self, o, c - OPT_TOOL, optarg, &filecap);
			break;
		}
	}
	free(longopts);
	longopts = NULL;
	if (argc - optind > t->words + 1 && !t->many_files)
		opt_usage();
	for (c = 0; c < t->words && optind < argc; c++)
		if (t->operand(self, c, argv[optind++]) < 0)
			opt_usage();
	o->input = optind < argc ? argv[optind] : NULL;
	o->inputs = argv + optind;
	o->ninputs = (size_t)(argc - optind);
	check_files(o);
	if (o->sheets != NULL && !csvout_workbook(o->output)) {
		err_warn("--sheets needs a workbook: -o FILE.xlsx");
		opt_usage();
	}
	if (o->header_only && o->out.no_header) {
		err_warn("--header-only and --no-header exclude each other");
		opt_usage();
	}
	if (o->max_rejects >= 0 && o->rejects == NULL) {
		err_warn("--max-rejects needs --rejects FILE");
		opt_usage();
	}
	check_encoding("--input-encoding", o->in.encoding, 1);
	check_encoding("--output-encoding", o->out.encoding, 0);
	if (o->out.bom && o->out.encoding != NULL && !unicode(o->out.encoding)) {
		err_warn("--bom: a byte order mark is for UTF-8 or UTF-16 output, "
		    "not %s", o->out.encoding);
		opt_usage();
	}
	if (date_today(today, &o->today, &src) < 0)
		err_exit(EXIT_USAGE, "%s: '%s' is not a date (2026-11-23)", src,
		    today ? today : getenv("CM_TODAY"));
	if (t->rules_file != NULL)
		o->rules = rules_path(rules, CM_CONFRULESDIR, CM_RULESDIR,
		    t->rules_file);
}

void
opt_free(struct opts *o)
{
	free(o->rules);
	free(o->files);
}
