#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "err.h"
#include "opt.h"
#include "rules.h"

#ifndef CM_VERSION
#define CM_VERSION "0"
#endif
#ifndef CM_RULESDIR
#define CM_RULESDIR "/usr/local/share/cm/rules"
#endif

enum {
	O_BOM = 256, O_CHECK, O_CRLF, O_IENC, O_MAXFIELD, O_MAXREJ, O_OENC,
	O_REJECTS, O_STATS, O_TODAY, O_TSV, O_VERSION
};

static const struct option common[] = {
	{ "bom", no_argument, NULL, O_BOM },
	{ "check", no_argument, NULL, O_CHECK },
	{ "crlf", no_argument, NULL, O_CRLF },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "input-encoding", required_argument, NULL, O_IENC },
	{ "max-field-bytes", required_argument, NULL, O_MAXFIELD },
	{ "max-rejects", required_argument, NULL, O_MAXREJ },
	{ "output", required_argument, NULL, 'o' },
	{ "output-encoding", required_argument, NULL, O_OENC },
	{ "rejects", required_argument, NULL, O_REJECTS },
	{ "rules", required_argument, NULL, 'r' },
	{ "stats", no_argument, NULL, O_STATS },
	{ "today", required_argument, NULL, O_TODAY },
	{ "tsv", no_argument, NULL, O_TSV },
	{ "version", no_argument, NULL, O_VERSION },
	{ NULL, 0, NULL, 0 }
};

static const char common_help[] =
"  -r, --rules FILE          rule file (default: %s/%s)\n"
"  -o, --output FILE         write FILE, atomically, not standard output\n"
"      --today DATE          the date 'today' means in the rules\n"
"      --rejects FILE        write rows with data errors to FILE and go on\n"
"      --max-rejects N       fail when more than N rows are rejected\n"
"      --stats               print counts on standard error at the end\n"
"      --check               check the rules (and FILE's header), then exit\n"
"  -d, --delimiter CHAR      field delimiter (default ,)\n"
"      --tsv                 tab-separated fields\n"
"      --input-encoding ENC  auto (default), UTF-8, GB18030, any iconv name\n"
"      --output-encoding ENC UTF-8 (default) or any iconv name\n"
"      --bom                 start the output with a byte order mark\n"
"      --crlf                end output lines with CRLF\n"
"      --max-field-bytes N   longest field read (default 1048576)\n"
"  -h, --help                print this help\n"
"      --version             print the version\n";

static const struct opt_tool *tool;

void
opt_usage(void)
{
	fprintf(stderr, "usage: %s %s\n", err_prog(), tool->synopsis);
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

static void __attribute__((noreturn))
help(void)
{
	const char *dir = getenv("CM_RULES_DIR");

	printf("usage: %s %s\n\n", err_prog(), tool->synopsis);
	if (tool->help != NULL)
		fputs(tool->help, stdout);
	printf(common_help, dir && *dir ? dir : CM_RULESDIR, tool->rules_file);
	printf("\nSee %s(1) and cm-rules(5).\n", err_prog());
	done_stdout();
}

int
opt_count(const char *name, const char *arg, long *n)
{
	char *end;

	*n = strtol(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || *n == LONG_MAX) {
		err_warn("%s: '%s' is not a count", name, arg);
		return -1;
	}
	return 0;
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
	if (cd == (iconv_t)-1) {
		err_warn("%s: unknown encoding '%s' (iconv -l lists them)",
		    opt, enc);
		opt_usage();
	}
	iconv_close(cd);
}

static struct option *
merge(const struct option *extra)
{
	size_t nc = sizeof(common) / sizeof(common[0]) - 1, ne = 0;
	struct option *all;

	while (extra != NULL && extra[ne].name != NULL)
		ne++;
	all = err_calloc(nc + ne + 1, sizeof(*all));
	memcpy(all, common, nc * sizeof(*all));
	if (ne > 0)
		memcpy(all + nc, extra, ne * sizeof(*all));
	return all;
}

void
opt_parse(int argc, char **argv, const struct opt_tool *t, struct opts *o)
{
	struct option *all;
	const char *today = NULL, *rules = NULL, *src;
	long n;
	int c;

	err_setprog(argv[0]);
	tool = t;
	/* Regular expressions match UTF-8 characters, not bytes. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
	memset(o, 0, sizeof(*o));
	o->max_rejects = -1;
	all = merge(t->options);
	argv[0] = (char *)err_prog();	/* for getopt's own messages */
	while ((c = getopt_long(argc, argv, "d:ho:r:", all, NULL)) != -1) {
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
		case O_IENC:
			o->in.encoding = optarg;
			break;
		case O_MAXFIELD:
			if (opt_count("--max-field-bytes", optarg, &n) < 0)
				opt_usage();
			if (n < 1) {
				err_warn("--max-field-bytes: the limit is at least 1");
				opt_usage();
			}
			o->in.max_field = (size_t)n;
			break;
		case O_MAXREJ:
			if (opt_count("--max-rejects", optarg, &o->max_rejects) < 0)
				opt_usage();
			break;
		case O_OENC:
			o->out.encoding = optarg;
			break;
		case O_REJECTS:
			o->rejects = optarg;
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
			if (c >= OPT_TOOL && t->handle != NULL) {
				if (t->handle(c, optarg) < 0)
					opt_usage();
				break;
			}
			opt_usage();
		}
	}
	free(all);
	if (argc - optind > 1)
		opt_usage();
	o->input = optind < argc ? argv[optind] : NULL;
	if (csvout_same(o->output, o->rejects) ||
	    csvout_same(o->input, o->rejects)) {
		err_warn("--rejects names the same file as %s: '%s'",
		    csvout_same(o->output, o->rejects) ? "-o" : "the input",
		    o->rejects);
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
	o->rules = rules_path(rules, CM_RULESDIR, t->rules_file);
}

void
opt_free(struct opts *o)
{
	free(o->rules);
}
