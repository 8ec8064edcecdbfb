#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "csvout.h"
#include "date.h"
#include "domain.h"
#include "err.h"
#include "table.h"
#include "value.h"
#include "xlsxout.h"

#define MAXWIDTH 60		/* the widest a column is made */
#define MAXCHARS 32767		/* the most characters a cell holds */
#define SHEETNAME 31		/* the most characters a sheet's name has */
#define EXCEL_EPOCH 25569	/* 1970-01-01 as an Excel serial day */

/* A sheet, and the sheet its rows go on to past Excel's last row. */
struct sheet {
	lxw_worksheet *ws;
	lxw_row_t row;		/* the next row */
	double *width;		/* each column's widest cell */
	char *name;		/* as the value names it, for the next part */
	unsigned part;
};

struct xlsxout {
	char *name;			/* the output, for messages */
	lxw_workbook *wb;
	lxw_format *head, *text, *date;
	size_t ncol;
	char **hf;			/* the header, for each new sheet */
	size_t *hlen;
	enum domain_type *type;		/* each column's */
	long by;			/* the sheets column, or -1 */
	struct table sheets;		/* its value -> struct sheet */
	struct sheet one;		/* without a sheets column */
	struct cols used;		/* sheet names taken, in lower case */
	unsigned long rows;		/* rows written, for messages */
	int (*type_of)(const void *, const char *);	/* csvout_opts' */
	const void *typearg;
	char *by_name;			/* the sheets column, or NULL */
};

static void
fail(const struct xlsxout *x, const char *what, lxw_error e)
{
	err_exit(EXIT_DATA, "%s: %s: %s", x->name, what, lxw_strerror(e));
}

/* Characters of s, and its width on screen: a wide character counts 2. */
static size_t
measure(const char *s, size_t n, double *width)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t chars = 0;
	unsigned c;
	double w = 0;

	while (p < end) {
		c = *p;
		if (c < 0x80) {
			p++;
		} else if (c < 0xE0) {
			p += 2;
			c = 0;
		} else if (c < 0xF0) {
			c = (unsigned)(c & 0x0F) << 12 |
			    (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
			p += 3;
		} else {
			c = 0x10000;
			p += 4;
			chars++;	/* two UTF-16 units */
		}
		chars++;
		w += c >= 0x1100 ? 2 : 1;
	}
	*width = w;
	return chars;
}

/*
 * The sheet's name for a value: Excel's rules (up to 31 characters, none
 * of []:*?/\, not empty, unique whatever the case), the characters it
 * refuses made '_'; a name taken gets " (2)", " (3)" ...
 */
static char *
sheet_name(struct xlsxout *x, const char *v, unsigned part)
{
	char base[4 * SHEETNAME + 1], name[4 * SHEETNAME + 16], low[sizeof(name)];
	const unsigned char *p = (const unsigned char *)v;
	size_t k = 0, chars = 0, step, i;
	unsigned n = part;

	while (*p != '\0' && chars < SHEETNAME - 5) {
		step = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		if (strchr("[]:*?/\\", *p) != NULL && *p != '\0')
			base[k++] = '_';
		else
			for (i = 0; i < step && p[i] != '\0'; i++)
				base[k++] = (char)p[i];
		p += step;
		chars += step == 4 ? 2 : 1;
	}
	base[k] = '\0';
	if (k == 0 || base[0] == '\'')
		snprintf(base, sizeof(base), "(%s)", k == 0 ? "empty" : v);
	for (;;) {
		if (n <= 1)
			snprintf(name, sizeof(name), "%s", base);
		else
			snprintf(name, sizeof(name), "%s (%u)", base, n);
		for (i = 0; name[i] != '\0'; i++)
			low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ?
			    name[i] - 'A' + 'a' : name[i]);
		low[i] = '\0';
		if (cols_find(&x->used, low) < 0 && strcmp(low, "history") != 0)
			break;
		n = n < 2 ? 2 : n + 1;
	}
	cols_add(&x->used, low);
	return err_strdup(name);
}

static void
cell(struct xlsxout *x, struct sheet *s, size_t c, const char *v, size_t n)
{
	lxw_error e;
	double num, w;
	size_t chars;
	int day;

	if (n == 0)
		return;
	chars = measure(v, n, &w);
	if (w > s->width[c])
		s->width[c] = w;
	if (x->type[c] == DOMAIN_NUMBER && value_number(v, n, &num) == 0)
		e = worksheet_write_number(s->ws, s->row, (lxw_col_t)c, num, NULL);
	else if (x->type[c] == DOMAIN_DATE && date_parse(v, n, &day) == 0)
		e = worksheet_write_number(s->ws, s->row, (lxw_col_t)c,
		    day + EXCEL_EPOCH, x->date);
	else if (chars > MAXCHARS)
		err_exit(EXIT_DATA, "%s: row %lu, column '%s': a cell of %zu "
		    "characters, more than a workbook's %d", x->name, x->rows,
		    x->hf[c], chars, MAXCHARS);
	else
		e = worksheet_write_string(s->ws, s->row, (lxw_col_t)c, v,
		    x->text);
	if (e != LXW_NO_ERROR)
		fail(x, "cannot write a cell", e);
}

/* A new sheet (or the next part of one), its header written. */
static void
start_sheet(struct xlsxout *x, struct sheet *s, const char *value)
{
	char *name;
	lxw_error e;
	size_t c;

	if (s->name == NULL)
		s->name = err_strdup(value);
	s->part++;
	name = sheet_name(x, s->name, s->part);
	if ((s->ws = workbook_add_worksheet(x->wb, name)) == NULL)
		err_exit(EXIT_DATA, "%s: cannot add the sheet '%s' (a temporary "
		    "file in TMPDIR?)", x->name, name);
	free(name);
	if (s->width == NULL)
		s->width = err_calloc(x->ncol + 1, sizeof(*s->width));
	s->row = 0;
	for (c = 0; c < x->ncol; c++)
		if ((e = worksheet_write_string(s->ws, 0, (lxw_col_t)c,
		    x->hf[c], x->head)) != LXW_NO_ERROR)
			fail(x, "cannot write the header", e);
	worksheet_freeze_panes(s->ws, 1, 0);
	s->row = 1;
}

/* Widths and the filter, once a sheet has all its rows. */
static void
end_sheet(struct xlsxout *x, struct sheet *s)
{
	double w;
	size_t c;

	if (s->ws == NULL)
		return;
	for (c = 0; c < x->ncol; c++) {
		w = s->width[c] + 2;
		worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c,
		    w > MAXWIDTH ? MAXWIDTH : w, NULL);
	}
	if (x->ncol > 0)
		worksheet_autofilter(s->ws, 0, 0, s->row - 1,
		    (lxw_col_t)(x->ncol - 1));
}

static void
header(struct xlsxout *x, char *const *f, const size_t *len, size_t n)
{
	size_t c;
	double w;

	if (n > LXW_COL_MAX)
		err_exit(EXIT_DATA, "%s: %zu columns, more than a workbook's %d",
		    x->name, n, LXW_COL_MAX);
	x->ncol = n;
	x->hf = err_calloc(n + 1, sizeof(*x->hf));
	x->hlen = err_calloc(n + 1, sizeof(*x->hlen));
	x->type = err_calloc(n + 1, sizeof(*x->type));
	x->by = -1;
	for (c = 0; c < n; c++) {
		x->hf[c] = err_strndup(f[c], len[c]);
		x->hlen[c] = len[c];
		if (x->type_of != NULL)
			x->type[c] = (enum domain_type)x->type_of(x->typearg,
			    x->hf[c]);
		if (x->by_name != NULL && strcmp(x->by_name, x->hf[c]) == 0)
			x->by = (long)c;
	}
	if (x->by_name != NULL && x->by < 0)
		err_exit(EXIT_DATA, "%s: --sheets %s: no such column in the "
		    "output", x->name, x->by_name);
	table_init(&x->sheets, sizeof(struct sheet));
	if (x->by < 0) {
		start_sheet(x, &x->one, "Sheet1");
		for (c = 0; c < n; c++) {
			measure(f[c], len[c], &w);
			x->one.width[c] = w;
		}
	}
}

struct xlsxout *
xlsxout_open(const char *name, const char *file, const struct csvout_opts *o)
{
	struct xlsxout *x = err_calloc(1, sizeof(*x));
	lxw_workbook_options wo = { 0 };

	x->name = err_strdup(name);
	x->type_of = o->type;
	x->typearg = o->typearg;
	x->by_name = o->sheets != NULL ? err_strdup(o->sheets) : NULL;
	/* Rows are streamed to disk, unless they are spread over sheets:
	   then each sheet would hold a temporary file open. */
	wo.constant_memory = o->sheets == NULL;
	if ((x->wb = workbook_new_opt(file, &wo)) == NULL)
		err_exit(EXIT_DATA, "%s: cannot start a workbook", name);
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	x->text = workbook_add_format(x->wb);
	format_set_num_format(x->text, "@");
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	x->rows = 0;
	return x;
}

void
xlsxout_row(struct xlsxout *x, char *const *f, const size_t *len, size_t n)
{
	struct sheet *s;
	size_t c, k;
	double w;
	int added;

	if (x->hf == NULL) {
		header(x, f, len, n);
		return;
	}
	x->rows++;
	s = &x->one;
	if (x->by >= 0) {
		k = table_intern(&x->sheets, (size_t)x->by < n ? f[x->by] : "",
		    &added);
		s = table_at(&x->sheets, k);
		if (added) {
			start_sheet(x, s, f[x->by]);
			for (c = 0; c < x->ncol; c++) {
				measure(x->hf[c], x->hlen[c], &w);
				s->width[c] = w;
			}
		}
	}
	if (s->row == LXW_ROW_MAX) {
		end_sheet(x, s);
		start_sheet(x, s, s->name);
	}
	for (c = 0; c < n && c < x->ncol; c++)
		cell(x, s, c, f[c], len[c]);
	s->row++;
}

void
xlsxout_close(struct xlsxout *x)
{
	struct sheet *s;
	lxw_error e;
	size_t i;

	if (x->hf == NULL)
		err_exit(EXIT_DATA, "%s: a workbook without a header", x->name);
	end_sheet(x, &x->one);
	for (i = 0; i < x->sheets.keys.n; i++)
		end_sheet(x, table_at(&x->sheets, i));
	if ((e = workbook_close(x->wb)) != LXW_NO_ERROR)
		fail(x, "cannot write the workbook", e);
	free(x->one.width);
	free(x->one.name);
	for (i = 0; i < x->sheets.keys.n; i++) {
		s = table_at(&x->sheets, i);
		free(s->width);
		free(s->name);
	}
	for (i = 0; i < x->ncol; i++)
		free(x->hf[i]);
	free(x->hf);
	free(x->hlen);
	free(x->type);
	table_free(&x->sheets);
	cols_free(&x->used);
	free(x->by_name);
	free(x->name);
	free(x);
}
