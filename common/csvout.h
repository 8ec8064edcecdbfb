#ifndef CM_CSVOUT_H
#define CM_CSVOUT_H

/*
 * Writing CSV: RFC 4180, quoting a field only when it holds the delimiter, a
 * quote, CR or LF; LF line ends or CRLF; UTF-8 or any iconv encoding; an
 * optional BOM for Excel.  An output named FILE.xlsx is an Excel workbook
 * instead (xlsxout.h), whatever the other options say.
 *
 * With html set, the rows go to an HTML page too (htmlout.h), finished
 * and committed with the output.
 *
 * The bytes go to an afile (afile.h): a named file is written beside and
 * put in place only by csvout_commit(), so a failed run leaves it as it
 * was, and a write error (a full disk) is a message and exit status 1 at
 * once.
 */

#include <stddef.h>

struct csvout_opts {
	const char *encoding;	/* NULL or "UTF-8" for UTF-8 */
	unsigned char delim;	/* ',' when 0 */
	int crlf;		/* CRLF line ends */
	int bom;		/* start with a byte order mark */
	int no_header;		/* the first row, the header, is not written
				   (CSV only: a workbook keeps its header) */
	int disarm;		/* a field that a spreadsheet would read as a
				   formula (=, +, -, @, a tab or a CR first)
				   gets a ' in front */
	/* Workbooks: the type of the column of a header name, an enum
	   domain_type (domain.h), or NULL for text only; and the column
	   whose values name the sheets, or NULL for one sheet. */
	int (*type)(const void *typearg, const char *name);
	const void *typearg;
	const char *sheets;
	/* The page of --html (htmlout.h), fed every row written here,
	   the header too, before --no-header or a workbook sees it; and
	   its title.  NULL for none. */
	const char *html;
	const char *html_title;
};

struct csvout;			/* opaque */

/* 1 when path names a workbook: it ends in .xlsx, in any case. */
int csvout_workbook(const char *path);

/* Opens path, or standard output for NULL or "-"; exits 1 or 2 on failure. */
struct csvout *csvout_open(const char *path, const struct csvout_opts *o);

/*
 * The input line of the next row, for the message of a character the
 * output's encoding cannot hold (0, or not called: the output's row).
 */
void csvout_line(struct csvout *w, unsigned long line);

/* Writes one row of n fields; len NULL means they are NUL-terminated. */
void csvout_row(struct csvout *w, char *const *f, const size_t *len, size_t n);

/*
 * The same, when the first k fields (k <= n, len not NULL) need no quotes
 * and lie one after another, each followed by one byte (a NUL), as the
 * fields of a plain record do (struct rec in csvin.h): they are copied in
 * one piece, the byte after each turned into the delimiter.
 */
void csvout_row_plain(struct csvout *w, char *const *f, const size_t *len,
    size_t n, size_t k);

/*
 * Flushes and closes the output, checking every step; exits 1 on failure.
 * A named file is not yet in place: a run with several outputs finishes
 * them all before it commits any, so that a failure leaves none behind.
 */
void csvout_finish(struct csvout *w);

/* Finishes the output if need be, and puts the file in place; frees w. */
void csvout_commit(struct csvout *w);

#endif
