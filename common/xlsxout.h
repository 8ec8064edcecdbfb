#ifndef CM_XLSXOUT_H
#define CM_XLSXOUT_H

/*
 * Writing an Excel workbook (.xlsx) with libxlsxwriter, for the outputs
 * named FILE.xlsx (csvout.h sends them here): the rows as csvout gets
 * them, the first the header.
 *
 * Every cell is text, so that ids, phones and 身份证号 keep every digit
 * and leading zero, unless its column's type (domain.h) is number or
 * date: then a cell that is a number is written as a number, and a cell
 * that is a date as a date shown yyyy-mm-dd; any other cell of such a
 * column, as text.  No cell is ever a formula: text that starts with '='
 * is text.  The header row is bold, frozen, and filters its columns, and
 * each column is as wide as its widest cell, up to 60, Chinese characters
 * counted twice.  With a sheets column, each of its values has a sheet
 * of its own, named by it; a sheet over Excel's 1,048,576 rows goes on
 * in the next, named "NAME (2)".
 *
 * The workbook is written to file (csvout's temporary file) when it is
 * closed; a failure is a message and exit status 1.
 */

#include <stddef.h>

struct csvout_opts;
struct xlsxout;			/* opaque */

/* Starts a workbook to be written to file; name is for messages. */
struct xlsxout *xlsxout_open(const char *name, const char *file,
    const struct csvout_opts *o);

/* Adds a row of n fields (the first row is the header). */
void xlsxout_row(struct xlsxout *x, char *const *f, const size_t *len,
    size_t n);

/* Writes the workbook to its file and frees x; exits 1 on failure. */
void xlsxout_close(struct xlsxout *x);

#endif
