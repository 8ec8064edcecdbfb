#ifndef CM_HTMLOUT_H
#define CM_HTMLOUT_H

/*
 * The output as one self-contained HTML page (--html FILE), for reading
 * on a phone: the rows as csvout gets them (csvout.h feeds them here
 * beside the CSV or the workbook), the first the header.
 *
 * The page is UTF-8 whatever --output-encoding says, has inline CSS and
 * nothing else: no script, no image, no link, no URL.  Every cell is
 * escaped (& < > " ') and written as it is otherwise; the table scrolls
 * sideways inside a wrapper.  Above the table, each column that
 * htmlout_rate() calls a rate has a horizontal bar chart in inline SVG,
 * a bar a row, named by the row's cell in the first column whose cells
 * are not all the same and that is not a rate (cm-report's group, not its
 * month), else in the first: a rate is a percentage (33.33 is a third),
 * the scale 0 to 100 or to the largest rate; an empty rate has no bar and
 * says "—".  A table of more than HTMLOUT_CHART_ROWS
 * rows has no chart (the page says so): until then the rows are held in
 * memory, after it they are written as they come.
 *
 * The bytes go to an afile (afile.h): the page is put in place only by
 * htmlout_commit(), and a write error is a message and exit status 1.
 */

#include <stddef.h>

#define HTMLOUT_CHART_ROWS 200

struct htmlout;			/* opaque */

/*
 * 1 when the column called name holds rates: its name starts with "rate"
 * or ends with "_rate" (cm-report's rate_3m, contact_rate).
 */
int htmlout_rate(const char *name);

/* Opens the page at path, with title (the tool and its input); exits 1. */
struct htmlout *htmlout_open(const char *path, const char *title);

/* Adds a row of n fields (the first row is the header). */
void htmlout_row(struct htmlout *h, char *const *f, const size_t *len,
    size_t n);

/* Ends the page and flushes it to disk, not yet in place; exits 1. */
void htmlout_finish(struct htmlout *h);

/* Finishes the page if need be, puts it in place, and frees h. */
void htmlout_commit(struct htmlout *h);

#endif
