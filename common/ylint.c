#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ylint.h"

/* U+3000, the full-width space, and U+FF1A, the full-width colon. */
static const char ideo[] = "\xe3\x80\x80", wcolon[] = "\xef\xbc\x9a";

int
ylint_ideographic(const char *s)
{
	return strncmp(s, ideo, 3) == 0;
}

/* The characters (not bytes) of s[0..n), for a column as libyaml counts. */
static unsigned long
chars(const char *s, size_t n)
{
	unsigned long c = 0;
	size_t i;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/*
 * A tab or U+3000 among the blanks that start line s: 1 and its column in
 * *col, with the message, else 0.
 */
static int
indent(const char *s, size_t n, struct ylint *out)
{
	size_t i = 0;

	while (i < n) {
		if (s[i] == ' ')
			i++;
		else if (s[i] == '\t') {
			out->col = chars(s, i) + 1;
			snprintf(out->msg, sizeof(out->msg),
			    _("a tab indents this "
			    "line; use spaces"));
			return 1;
		} else if (n - i >= 3 && memcmp(s + i, ideo, 3) == 0) {
			out->col = chars(s, i) + 1;
			snprintf(out->msg, sizeof(out->msg), "%s",
			    _(YLINT_IDEO));
			return 1;
		} else
			break;
	}
	return 0;
}

/*
 * A key written with a full-width colon: a line that is not a comment,
 * has no ':' and has '：' before any '#'.  Its column, or 0.
 */
static unsigned long
wide_colon(const char *s, size_t n)
{
	size_t i = 0;
	const char *hit = NULL;

	while (i < n && s[i] == ' ')
		i++;
	if (i == n || s[i] == '#')
		return 0;
	for (; i < n && s[i] != '#'; i++) {
		if (s[i] == ':')
			return 0;
		if (hit == NULL && n - i >= 3 && memcmp(s + i, wcolon, 3) == 0)
			hit = s + i;
	}
	return hit != NULL ? chars(s, (size_t)(hit - s)) + 1 : 0;
}

int
ylint_syntax(FILE *fp, unsigned long line, struct ylint *out)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long at = 0, col, colonline = 0, coloncol = 0;
	int found = 0;

	rewind(fp);
	while (at < line && (len = getline(&buf, &cap, fp)) >= 0) {
		at++;
		if (len > 0 && buf[len - 1] == '\n')
			len--;
		if (len > 0 && buf[len - 1] == '\r')
			len--;
		if (indent(buf, (size_t)len, out)) {
			out->line = at;
			found = 1;
			break;
		}
		if ((col = wide_colon(buf, (size_t)len)) > 0) {
			colonline = at;
			coloncol = col;
		}
	}
	free(buf);
	if (!found && colonline > 0) {
		out->line = colonline;
		out->col = coloncol;
		snprintf(out->msg, sizeof(out->msg),
		    _("a full-width colon '%s' "
		    "where ':' was meant"), wcolon);
		found = 1;
	}
	return found;
}

/* Whether s[0..n) reads as GB18030 (of which GBK and GB2312 are parts). */
static int
gb18030(char *s, size_t n)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char out[256], *in = s, *o;
	size_t left = n, room;
	int ok = 1;

	if (cd == (iconv_t)-1)
		return 0;
	while (left > 0 && ok) {
		o = out;
		room = sizeof(out);
		if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 &&
		    room == sizeof(out))
			ok = 0;
	}
	iconv_close(cd);
	return ok;
}

void
ylint_encoding(FILE *fp, size_t offset, struct ylint *out)
{
	char line[4096];
	size_t i, n = 0;
	int c = 0;

	rewind(fp);
	out->line = 1;
	out->col = 0;
	for (i = 0; i < offset && (c = getc(fp)) != EOF; i++) {
		if (c == '\n') {
			out->line++;
			n = 0;
		} else if (n < sizeof(line))
			line[n++] = (char)c;
	}
	while (n < sizeof(line) && (c = getc(fp)) != EOF && c != '\n')
		line[n++] = (char)c;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	if (n > 0 && n < sizeof(line) && gb18030(line, n))
		snprintf(out->msg, sizeof(out->msg),
		    _("this line is not UTF-8; "
		    "the file looks saved as GBK or GB18030: save the rule "
		    "file as UTF-8"));
	else
		snprintf(out->msg, sizeof(out->msg), _("byte %zu is not UTF-8: "
		    "save the rule file as UTF-8"), offset);
}
