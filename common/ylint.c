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

/*
 * libyaml 0.2's scanner's and parser's problems and their contexts, for
 * the catalog: a rule file's error in Chinese under zh_CN says libyaml's
 * problem in Chinese too (a problem of another version stays English).
 */
static const char *const libyaml[] = {
	N_("block sequence entries are not allowed in this context"),
	N_("control characters are not allowed"),
	N_("could not find expected ':'"),
	N_("could not find expected directive name"),
	N_("did not find URI escaped octet"),
	N_("did not find expected '!'"),
	N_("did not find expected ',' or ']'"),
	N_("did not find expected ',' or '}'"),
	N_("did not find expected '-' indicator"),
	N_("did not find expected <document start>"),
	N_("did not find expected alphabetic or numeric character"),
	N_("did not find expected comment or line break"),
	N_("did not find expected digit or '.' character"),
	N_("did not find expected hexdecimal number"),
	N_("did not find expected key"),
	N_("did not find expected node content"),
	N_("did not find expected tag URI"),
	N_("did not find expected version number"),
	N_("did not find expected whitespace"),
	N_("did not find expected whitespace or line break"),
	N_("did not find the expected '>'"),
	N_("found a tab character that violates indentation"),
	N_("found a tab character where an indentation space is expected"),
	N_("found an indentation indicator equal to 0"),
	N_("found character that cannot start any token"),
	N_("found duplicate %TAG directive"),
	N_("found duplicate %YAML directive"),
	N_("found extremely long version number"),
	N_("found incompatible YAML document"),
	N_("found invalid Unicode character escape code"),
	N_("found undefined tag handle"),
	N_("found unexpected ':'"),
	N_("found unexpected document indicator"),
	N_("found unexpected end of stream"),
	N_("found unexpected non-alphabetical character"),
	N_("found unknown directive name"),
	N_("found unknown escape character"),
	N_("mapping keys are not allowed in this context"),
	N_("mapping values are not allowed in this context"),
	N_("while parsing a %TAG directive"),
	N_("while parsing a block collection"),
	N_("while parsing a block mapping"),
	N_("while parsing a block node"),
	N_("while parsing a flow mapping"),
	N_("while parsing a flow node"),
	N_("while parsing a flow sequence"),
	N_("while parsing a node"),
	N_("while parsing a quoted scalar"),
	N_("while parsing a tag"),
	N_("while parsing a tag directive"),
	N_("while scanning a %TAG directive"),
	N_("while scanning a %YAML directive"),
	N_("while scanning a block scalar"),
	N_("while scanning a directive"),
	N_("while scanning a plain scalar"),
	N_("while scanning a quoted scalar"),
	N_("while scanning a simple key"),
	N_("while scanning a tag"),
	N_("while scanning a tag directive"),
	N_("while scanning an alias"),
	N_("while scanning an anchor"),
	N_("while scanning for the next token"),
	NULL
};

const char *
ylint_words(const char *s)
{
	size_t i;

	for (i = 0; libyaml[i] != NULL; i++)
		if (strcmp(libyaml[i], s) == 0)
			return _(libyaml[i]);
	return s;
}
