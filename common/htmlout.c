#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "err.h"
#include "htmlout.h"

#define FLUSHSZ (64 * 1024)

/* The chart's geometry, in the units of its viewBox. */
#define CW	400		/* the width */
#define ROWH	20		/* a bar's line */
#define BARH	14
#define LABELX	108		/* the labels end here */
#define BARX	112		/* the bars start here */
#define BARW	228		/* the longest bar */
#define PAD	4		/* above the first bar, below the last */
#define LABELMAX 8		/* characters of a label shown */

struct htmlout {
	struct afile *file;
	char *title;
	char **head;		/* the header's names */
	size_t nhead;
	size_t *rate;		/* the columns that are rates */
	size_t nrate;
	int spilled;		/* past HTMLOUT_CHART_ROWS: no chart */
	int done;
	unsigned long rows;
	/* The rows' <tr>s, held until the charts are written (or given
	   up), then a buffer flushed as it fills. */
	char *buf;
	size_t len, cap;
	/* Until then too, each row's cells, nhead a row. */
	char **kept;
	size_t nkept, keptcap;
};

static const char style[] =
"body{margin:0;padding:12px;font-family:system-ui,\"Noto Sans CJK SC\","
"sans-serif;font-size:15px;line-height:1.4;color:#222;background:#fff}\n"
"h1{font-size:1.15em;margin:0 0 .6em}\n"
"h2{font-size:1em;margin:1em 0 .3em}\n"
"p.note{color:#555;font-size:.9em}\n"
".wrap{overflow-x:auto;border:1px solid #ccc;max-width:100%}\n"
"table{border-collapse:collapse;white-space:nowrap}\n"
"th,td{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;"
"vertical-align:top}\n"
"th{background:#eef2f7}\n"
"td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
"tbody tr:nth-child(even){background:#f8f8f8}\n"
"figure{margin:0 0 1em;max-width:640px}\n"
"svg{display:block;width:100%;height:auto}\n"
"svg text{font-family:system-ui,\"Noto Sans CJK SC\",sans-serif;"
"font-size:12px;fill:#222}\n"
"svg .bar{fill:#3a78c2}\n"
"svg .axis{stroke:#999;stroke-width:1}\n";

int
htmlout_rate(const char *name)
{
	size_t n = strlen(name);

	return strncmp(name, "rate", 4) == 0 ||
	    (n >= 5 && strcmp(name + n - 5, "_rate") == 0);
}

static void
put(struct htmlout *h, const char *s, size_t n)
{
	err_grow(&h->buf, &h->cap, h->len + n, 1);
	memcpy(h->buf + h->len, s, n);
	h->len += n;
}

static void
puts_(struct htmlout *h, const char *s)
{
	put(h, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
putf(struct htmlout *h, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	put(h, tmp, n < 0 ? 0 : (size_t)n >= sizeof(tmp) ?
	    sizeof(tmp) - 1 : (size_t)n);
}

static void
flush(struct htmlout *h)
{
	afile_write(h->file, h->buf, h->len);
	h->len = 0;
}

/*
 * The n bytes at s as HTML text or an attribute's value: & < > " '
 * escaped, and the control characters that HTML forbids (all but tab,
 * line feed and carriage return) as U+FFFD.
 */
static void
escape(struct htmlout *h, const char *s, size_t n)
{
	const char *e;
	size_t i, from = 0;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default:
			if ((unsigned char)s[i] >= 0x20 || s[i] == '\t' ||
			    s[i] == '\n' || s[i] == '\r')
				continue;
			e = "\xEF\xBF\xBD";
			break;
		}
		put(h, s + from, i - from);
		puts_(h, e);
		from = i + 1;
	}
	put(h, s + from, n - from);
}

/*
 * A cell that is a number (-12, 3.50, 33.33%) is aligned right; one of
 * more than 9 digits is an id or a phone, text.
 */
static int
numeric(const char *s, size_t n)
{
	size_t i = 0, digits = 0;

	if (i < n && s[i] == '-')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < n && s[i] == '.' && digits > 0)
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
	if (i < n && s[i] == '%')
		i++;
	return digits > 0 && digits <= 9 && i == n;
}

struct htmlout *
htmlout_open(const char *path, const char *title)
{
	struct htmlout *h = err_calloc(1, sizeof(*h));

	h->file = afile_open(path);
	h->title = err_strdup(title);
	puts_(h, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	escape(h, title, strlen(title));
	puts_(h, "</title>\n<style>\n");
	puts_(h, style);
	puts_(h, "</style>\n</head>\n<body>\n<h1>");
	escape(h, title, strlen(title));
	puts_(h, "</h1>\n");
	flush(h);
	return h;
}

static void
header(struct htmlout *h, char *const *f, const size_t *len, size_t n)
{
	size_t i;

	h->head = err_calloc(n + 1, sizeof(*h->head));
	h->rate = err_calloc(n + 1, sizeof(*h->rate));
	for (i = 0; i < n; i++) {
		h->head[i] = err_strndup(f[i], len[i]);
		if (htmlout_rate(h->head[i]))
			h->rate[h->nrate++] = i;
	}
	h->nhead = n;
}

/* Keeps a row's cells for the charts. */
static void
keep(struct htmlout *h, char *const *f, const size_t *len, size_t n)
{
	size_t c;

	if (h->nrate == 0)
		return;
	err_grow(&h->kept, &h->keptcap, h->nkept + h->nhead,
	    sizeof(*h->kept));
	for (c = 0; c < h->nhead; c++)
		h->kept[h->nkept++] = err_strndup(c < n ? f[c] : "",
		    c < n ? len[c] : 0);
}

static void
forget(struct htmlout *h)
{
	size_t i;

	for (i = 0; i < h->nkept; i++)
		free(h->kept[i]);
	free(h->kept);
	h->kept = NULL;
	h->nkept = h->keptcap = 0;
}

/* The table's start and its header row. */
static void
table_head(struct htmlout *h)
{
	size_t i;

	puts_(h, "<div class=\"wrap\">\n<table>\n<thead>\n<tr>");
	for (i = 0; i < h->nhead; i++) {
		puts_(h, "<th>");
		escape(h, h->head[i], strlen(h->head[i]));
		puts_(h, "</th>");
	}
	puts_(h, "</tr>\n</thead>\n<tbody>\n");
}

/*
 * Past HTMLOUT_CHART_ROWS rows: the note, the table's head and the rows
 * held go out, and the rest follow as they come.
 */
static void
spill(struct htmlout *h)
{
	char *rows = h->buf;
	size_t n = h->len;

	h->buf = NULL;
	h->len = h->cap = 0;
	if (h->nrate > 0)
		putf(h, "<p class=\"note\">No chart: the table has more than "
		    "%d rows.</p>\n", HTMLOUT_CHART_ROWS);
	table_head(h);
	put(h, rows, n);
	free(rows);
	forget(h);
	h->spilled = 1;
}

void
htmlout_row(struct htmlout *h, char *const *f, const size_t *len, size_t n)
{
	size_t i;

	if (h->head == NULL) {
		header(h, f, len, n);
		return;
	}
	h->rows++;
	if (!h->spilled)
		keep(h, f, len, n);
	puts_(h, "<tr>");
	for (i = 0; i < n; i++) {
		puts_(h, numeric(f[i], len[i]) ? "<td class=\"n\">" : "<td>");
		escape(h, f[i], len[i]);
		puts_(h, "</td>");
	}
	puts_(h, "</tr>\n");
	if (!h->spilled && h->rows > HTMLOUT_CHART_ROWS)
		spill(h);
	if (h->spilled && h->len >= FLUSHSZ)
		flush(h);
}

/* A rate's value: 0 and *v, or -1 for a cell that is not a number. */
static int
rate_value(const char *s, double *v)
{
	char *end;

	if (*s == '\0')
		return -1;
	*v = strtod(s, &end);
	return *end == '\0' && isfinite(*v) && *v >= 0 ? 0 : -1;
}

/* A label of at most LABELMAX characters, an ellipsis for the rest. */
static void
label(struct htmlout *h, const char *s)
{
	size_t i, chars = 0;

	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > LABELMAX)
			break;
	escape(h, s, i);
	if (s[i] != '\0')
		puts_(h, "\xE2\x80\xA6");
}

/*
 * The column that names the bars: the first whose cells are not all the
 * same and that is not a rate (cm-report's month, the same in every row,
 * is passed over for the group), else the first.
 */
static size_t
label_column(const struct htmlout *h)
{
	size_t c, r;

	for (c = 0; c < h->nhead; c++) {
		if (htmlout_rate(h->head[c]))
			continue;
		for (r = 1; r < h->rows; r++)
			if (strcmp(h->kept[r * h->nhead + c], h->kept[c]) != 0)
				return c;
	}
	return 0;
}

/* The bar chart of the column col, its bars named by the column by. */
static void
chart(struct htmlout *h, size_t col, size_t by)
{
	const char *name = h->head[col], *cell, *lab;
	size_t r;
	double v, max = 100;
	unsigned long height = 2 * PAD + ROWH * h->rows;
	int y, w;

	for (r = 0; r < h->rows; r++)
		if (rate_value(h->kept[r * h->nhead + col], &v) == 0 &&
		    v > max)
			max = v;
	puts_(h, "<figure>\n<svg viewBox=\"0 0 ");
	putf(h, "%d %lu\" role=\"img\">\n<title>", CW, height);
	escape(h, name, strlen(name));
	puts_(h, " by ");
	escape(h, h->head[by], strlen(h->head[by]));
	puts_(h, "</title>\n");
	putf(h, "<line class=\"axis\" x1=\"%d\" y1=\"0\" x2=\"%d\" "
	    "y2=\"%lu\"/>\n", BARX, BARX, height);
	for (r = 0; r < h->rows; r++) {
		cell = h->kept[r * h->nhead + col];
		lab = h->kept[r * h->nhead + by];
		y = PAD + ROWH * (int)r;
		putf(h, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		    LABELX, y + BARH - 2);
		if (*lab == '\0')
			puts_(h, "\xE2\x80\x94");
		else
			label(h, lab);
		puts_(h, "</text>");
		if (rate_value(cell, &v) < 0) {
			putf(h, "<text x=\"%d\" y=\"%d\">", BARX + 4,
			    y + BARH - 2);
			if (*cell == '\0')
				puts_(h, "\xE2\x80\x94");
			else
				label(h, cell);
			puts_(h, "</text>\n");
			continue;
		}
		w = (int)(v / max * BARW + 0.5);
		putf(h, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\"/>", BARX, y, w, BARH);
		putf(h, "<text x=\"%d\" y=\"%d\">", BARX + w + 4, y + BARH - 2);
		escape(h, cell, strlen(cell));
		puts_(h, "%</text>\n");
	}
	puts_(h, "</svg>\n</figure>\n");
}

void
htmlout_finish(struct htmlout *h)
{
	char *rows;
	size_t n, k, by;

	if (h->done)
		return;
	if (!h->spilled) {
		/* The charts, then the table and the rows held. */
		rows = h->buf;
		n = h->len;
		h->buf = NULL;
		h->len = h->cap = 0;
		if (h->head == NULL)
			h->head = err_calloc(1, sizeof(*h->head));
		by = h->rows > 0 && h->nrate > 0 ? label_column(h) : 0;
		for (k = 0; h->rows > 0 && k < h->nrate; k++) {
			puts_(h, "<h2>");
			escape(h, h->head[h->rate[k]],
			    strlen(h->head[h->rate[k]]));
			puts_(h, "</h2>\n");
			chart(h, h->rate[k], by);
		}
		table_head(h);
		put(h, rows, n);
		free(rows);
		forget(h);
	}
	putf(h, "</tbody>\n</table>\n</div>\n<p class=\"note\">%lu %s.</p>\n"
	    "</body>\n</html>\n", h->rows, h->rows == 1 ? "row" : "rows");
	flush(h);
	afile_finish(h->file);
	h->done = 1;
}

void
htmlout_commit(struct htmlout *h)
{
	size_t i;

	htmlout_finish(h);
	afile_commit(h->file);
	for (i = 0; i < h->nhead; i++)
		free(h->head[i]);
	free(h->head);
	free(h->rate);
	free(h->buf);
	free(h->title);
	free(h);
}
