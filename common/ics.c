#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "afile.h"
#include "cols.h"
#include "date.h"
#include "err.h"
#include "ics.h"

#define FOLD 75			/* octets a line, CRLF not counted */

struct ics {
	char *dir, *prodid, *uidhost;
	char stamp[sizeof("20261123T000000Z")];
	int zone;			/* ics_zone() */
	int alarm, alarm_set;		/* ics_alarm() */
	struct cols folded;		/* file names as a disk that ignores
					   case sees them ... */
	char **names;			/* ... the names they came from ... */
	char **calnames;		/* ... and their calendars' names */
	size_t namecap, calcap;
	char *esc;			/* a name escaped, reused */
	size_t esccap;
	struct afile *cur;		/* the calendar in hand */
	struct afile **done;		/* finished, waiting for the commit */
	size_t ndone, donecap;
	char *line;			/* the content line being built */
	size_t len, cap;
	char *out;			/* lines folded, not yet written */
	size_t outlen, outcap;
};

#define OUTSZ (64 * 1024)

/* Appends n bytes of folded output, written a block at a time. */
static void
emit(struct ics *c, const char *s, size_t n)
{
	err_grow(&c->out, &c->outcap, c->outlen + n, 1);
	memcpy(c->out + c->outlen, s, n);
	c->outlen += n;
}

static void
flush(struct ics *c)
{
	afile_write(c->cur, c->out, c->outlen);
	c->outlen = 0;
}

static void
add(struct ics *c, const char *s, size_t n)
{
	err_grow(&c->line, &c->cap, c->len + n + 1, 1);
	memcpy(c->line + c->len, s, n);
	c->len += n;
}

static void
add_str(struct ics *c, const char *s)
{
	add(c, s, strlen(s));
}

/*
 * A TEXT value: backslash, semicolon, comma and line ends (LF, CRLF, CR)
 * escaped; other control characters, which TEXT cannot hold, become
 * spaces.
 */
static void
add_text(struct ics *c, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		switch (*p) {
		case '\\':
		case ';':
		case ',':
			add(c, "\\", 1);
			add(c, (const char *)p, 1);
			break;
		case '\r':
			if (p[1] == '\n')
				p++;
			/* FALLTHROUGH */
		case '\n':
			add(c, "\\n", 2);
			break;
		default:
			add(c, (*p < 0x20 && *p != '\t') || *p == 0x7F ? " " :
			    (const char *)p, 1);
		}
	}
}

/*
 * Writes the line built, folded: at most FOLD octets a line, each
 * continuation starting with a space, never cutting a UTF-8 character.
 */
static void
put_line(struct ics *c)
{
	size_t pos = 0, cut, room = FOLD;

	while (c->len - pos > room) {
		cut = pos + room;
		while (cut > pos + 1 &&
		    ((unsigned char)c->line[cut] & 0xC0) == 0x80)
			cut--;
		emit(c, c->line + pos, cut - pos);
		emit(c, "\r\n ", 3);
		pos = cut;
		room = FOLD - 1;
	}
	emit(c, c->line + pos, c->len - pos);
	emit(c, "\r\n", 2);
	c->len = 0;
	if (c->outlen >= OUTSZ)
		flush(c);
}

/* A line of a name and a value as it is. */
static void
put_raw(struct ics *c, const char *name, const char *value)
{
	add_str(c, name);
	add_str(c, value);
	put_line(c);
}

static void
put_text(struct ics *c, const char *name, const char *value)
{
	add_str(c, name);
	add_text(c, value);
	put_line(c);
}

/* YYYYMMDD of a date. */
static void
basic_date(int days, char out[9])
{
	char iso[DATE_LEN + 1];

	date_format(days, iso);		/* 2026-11-23 */
	memcpy(out, iso, 4);
	memcpy(out + 4, iso + 5, 2);
	memcpy(out + 6, iso + 8, 2);
	out[8] = '\0';
}

struct ics *
ics_start(const char *dir, const char *prodid, const char *uidhost, int stamp)
{
	struct ics *c;
	struct stat st;
	char d[9];

	if (stat(dir, &st) != 0)
		err_exit(EXIT_DATA, "--ics %s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		err_exit(EXIT_DATA, "--ics %s: not a directory", dir);
	c = err_calloc(1, sizeof(*c));
	c->dir = err_strdup(dir);
	c->prodid = err_strdup(prodid);
	c->uidhost = err_strdup(uidhost);
	basic_date(stamp, d);
	snprintf(c->stamp, sizeof(c->stamp), "%sT000000Z", d);
	return c;
}

void
ics_zone(struct ics *c)
{
	c->zone = 1;
}

void
ics_alarm(struct ics *c, int minutes)
{
	c->alarm = minutes;
	c->alarm_set = 1;
}

/* Whether the bytes s[0..n) are a reserved device name of Windows. */
static int
device(const char *s, size_t n)
{
	static const char *const dev[] = { "CON", "PRN", "AUX", "NUL" };
	static const char *const sup[] = { "\xc2\xb9", "\xc2\xb2", "\xc2\xb3" };
	size_t i;

	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (i = 0; i < 4; i++)
		if (n == 3 && strncasecmp(s, dev[i], 3) == 0)
			return 1;
	if (n < 4 || (strncasecmp(s, "COM", 3) != 0 &&
	    strncasecmp(s, "LPT", 3) != 0))
		return 0;
	if (n == 4 && s[3] >= '0' && s[3] <= '9')
		return 1;
	for (i = 0; i < 3; i++)
		if (n == 5 && memcmp(s + 3, sup[i], 2) == 0)
			return 1;
	return 0;
}

/* The file name of name[0..len), escaped for Windows and FAT, in c->esc. */
static size_t
escape(struct ics *c, const char *name, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *dot = memchr(name, '.', len);
	size_t i, n = 0, keep = len;
	unsigned char b;
	int esc;

	while (keep > 0 && (name[keep - 1] == '.' || name[keep - 1] == ' '))
		keep--;
	err_grow(&c->esc, &c->esccap, 3 * len + 1, 1);
	for (i = 0; i < len; i++) {
		b = (unsigned char)name[i];
		esc = b < 0x20 || b == 0x7F || strchr("<>:\"\\|?*%", b) != NULL ||
		    i >= keep ||
		    (i == 0 && device(name, dot ? (size_t)(dot - name) : len));
		if (!esc) {
			c->esc[n++] = (char)b;
			continue;
		}
		c->esc[n++] = '%';
		c->esc[n++] = hex[b >> 4];
		c->esc[n++] = hex[b & 15];
	}
	c->esc[n] = '\0';
	return n;
}

/*
 * Letters as a disk that ignores case compares them: ASCII, Latin-1,
 * Latin Extended-A, Greek, Cyrillic and the full-width forms, folded to
 * lower case, as NTFS's and FAT's tables do; other characters as they are.
 */
static unsigned
fold(unsigned u)
{
	if ((u >= 'A' && u <= 'Z') || (u >= 0xC0 && u <= 0xDE && u != 0xD7) ||
	    (u >= 0x391 && u <= 0x3AB && u != 0x3A2) ||
	    (u >= 0x410 && u <= 0x42F) || (u >= 0xFF21 && u <= 0xFF3A))
		return u + 0x20;
	if (u >= 0x400 && u <= 0x40F)
		return u + 0x50;
	if (u >= 0x100 && u <= 0x17F && u != 0x130 && u != 0x131 &&
	    u != 0x138 && u != 0x149 && u != 0x17F)
		return (u >= 0x139 && u <= 0x148) || (u >= 0x179 && u <= 0x17E) ?
		    ((u & 1) ? u + 1 : u) : (u | 1);
	return u;
}

/* s (UTF-8, as the input's text is) folded, into out (4 * n + 1). */
static void
fold_name(const char *s, size_t n, char *out)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	unsigned u, k, i;

	while (p < end) {
		k = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		if (p + k > end)
			k = (unsigned)(end - p);
		u = k == 1 ? *p : (unsigned)(*p & (0x7F >> k));
		for (i = 1; i < k; i++)
			u = u << 6 | (p[i] & 0x3F);
		if (k == 1 || (k == 2 && u >= 0x80) || (k == 3 && u >= 0x800)) {
			u = fold(u);
			if (u < 0x80) {
				*out++ = (char)u;
			} else if (u < 0x800) {
				*out++ = (char)(0xC0 | u >> 6);
				*out++ = (char)(0x80 | (u & 0x3F));
			} else {
				*out++ = (char)(0xE0 | u >> 12);
				*out++ = (char)(0x80 | (u >> 6 & 0x3F));
				*out++ = (char)(0x80 | (u & 0x3F));
			}
		} else {
			memcpy(out, p, k);
			out += k;
		}
		p += k;
	}
	*out = '\0';
}

int
ics_name(struct ics *c, const char *name, size_t len, const char *calname,
    char *msg, size_t msgsize)
{
	const char *why = NULL;
	char *f;
	size_t n = 0;
	long k;
	int added;

	if (len == 0)
		why = _("it is empty");
	else if (memchr(name, '/', len) != NULL)
		why = _("it holds '/'");
	else if (memchr(name, '\0', len) != NULL)
		why = _("it holds a NUL");
	else if (memchr(name, '\n', len) != NULL ||
	    memchr(name, '\r', len) != NULL)
		why = _("it holds a line end");
	else if (name[0] == '.')
		why = _("it starts with '.'");
	else if ((n = escape(c, name, len)) > ICS_NAME_MAX)
		why = n > len ? _("escaped for Windows, it is longer than "
		    "200 bytes") : _("it is longer than 200 bytes");
	if (why != NULL) {
		snprintf(msg, msgsize,
		    _("'%.*s' cannot name a file for --ics: %s"),
		    (int)(len > 256 ? 256 : len), name, why);
		return -1;
	}
	f = err_malloc(4 * n + 1);
	fold_name(c->esc, n, f);
	k = (long)cols_intern(&c->folded, f, &added);
	free(f);
	if (added) {
		err_grow(&c->names, &c->namecap, (size_t)k + 1,
		    sizeof(*c->names));
		err_grow(&c->calnames, &c->calcap, (size_t)k + 1,
		    sizeof(*c->calnames));
		c->names[k] = err_strndup(name, len);
		c->calnames[k] = err_strdup(calname != NULL && *calname != '\0' ?
		    calname : c->names[k]);
		return 0;
	}
	if (strlen(c->names[k]) == len && memcmp(c->names[k], name, len) == 0)
		return 0;
	snprintf(msg, msgsize,
	    _("'%.*s' cannot name a file for --ics: on a disk "
	    "that ignores case, its file is that of '%.*s'"),
	    (int)(len > 256 ? 256 : len), name,
	    (int)(strlen(c->names[k]) > 256 ? 256 : strlen(c->names[k])),
	    c->names[k]);
	return -1;
}

static const char *const zone[] = {
	"BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "BEGIN:STANDARD",
	"DTSTART:19700101T000000", "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800",
	"TZNAME:CST", "END:STANDARD", "END:VTIMEZONE", NULL
};

void
ics_file(struct ics *c, const char *name)
{
	size_t n, len = strlen(name);
	const char *calname = name;
	char *path, *f;
	long k;
	int i;

	ics_finish(c);
	len = escape(c, name, len);
	f = err_malloc(4 * len + 1);
	fold_name(c->esc, len, f);
	if ((k = cols_find(&c->folded, f)) >= 0)
		calname = c->calnames[k];
	free(f);
	n = strlen(c->dir) + len + sizeof("/.ics");
	path = err_malloc(n);
	snprintf(path, n, "%s/%s.ics", c->dir, c->esc);
	c->cur = afile_open(path);
	free(path);
	put_raw(c, "BEGIN:", "VCALENDAR");
	put_raw(c, "VERSION:", "2.0");
	put_raw(c, "PRODID:", c->prodid);
	put_raw(c, "CALSCALE:", "GREGORIAN");
	put_text(c, "X-WR-CALNAME:", calname);
	for (i = 0; c->zone && zone[i] != NULL; i++)
		put_raw(c, zone[i], "");
}

void
ics_add(struct ics_text *t, const char *s, size_t n)
{
	err_grow(&t->s, &t->cap, t->len + n + 1, 1);
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

void
ics_str(struct ics_text *t, const char *s)
{
	ics_add(t, s, strlen(s));
}

/*
 * A telephone number as a tel: URI (RFC 3966) that a phone dials with a
 * tap: the digits and '+', '*', '#' kept, the spaces, hyphens, dots and
 * brackets people write dropped; anything else (an extension in words)
 * leaves the number as it is.
 */
static void
tel(struct ics_text *t, const char *s)
{
	const char *p;
	size_t start = t->len;

	ics_str(t, "tel:");
	for (p = s; *p != '\0'; p++) {
		if ((*p >= '0' && *p <= '9') || *p == '*' || *p == '#' ||
		    (*p == '+' && p == s))
			ics_add(t, p, 1);
		else if (strchr(" -.()", *p) == NULL)
			break;
	}
	if (*p != '\0' || t->len == start + 4) {
		t->len = start;
		ics_str(t, s);
	}
}

void
ics_labelled(struct ics_text *t, const char *label, const char *value,
    int phone)
{
	if (*value == '\0')
		return;
	if (t->len > 0)
		ics_str(t, "\n");
	ics_str(t, label);
	ics_str(t, ": ");
	if (phone)
		tel(t, value);
	else
		ics_str(t, value);
}

/* 64-bit FNV-1a: a stable hash, the same on every machine and run. */
static uint64_t
fnv1a(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A date and a time of day, YYYYMMDDTHHMMSS, of minutes from day's start. */
static void
basic_time(int day, int minutes, char out[24])
{
	char d[9];

	day += minutes / 1440;
	minutes %= 1440;
	basic_date(day, d);
	snprintf(out, 24, "%sT%02d%02d00", d, (minutes / 60) % 100,
	    minutes % 60);
}

/* A duration of minutes, as RFC 5545 writes it: PT9H, -PT1H30M, PT0M. */
static void
duration(int minutes, char out[24])
{
	int m = minutes < 0 ? -minutes : minutes, len;

	len = snprintf(out, 24, "%sPT", minutes < 0 ? "-" : "");
	if (m >= 60)
		len += snprintf(out + len, (size_t)(24 - len), "%dH", m / 60);
	if (m % 60 != 0 || m == 0)
		snprintf(out + len, (size_t)(24 - len), "%dM", m % 60);
}

void
ics_event(struct ics *c, const struct ics_event *e)
{
	char d[24], uid[32];

	put_raw(c, "BEGIN:", "VEVENT");
	snprintf(uid, sizeof(uid), "%016llx@",
	    (unsigned long long)fnv1a(e->key, e->keylen));
	add_str(c, "UID:");
	add_str(c, uid);
	add_str(c, c->uidhost);
	put_line(c);
	put_raw(c, "DTSTAMP:", c->stamp);
	if (e->minute < 0) {
		basic_date(e->date, d);
		put_raw(c, "DTSTART;VALUE=DATE:", d);
		basic_date(e->date + 1, d);
		put_raw(c, "DTEND;VALUE=DATE:", d);
	} else {
		basic_time(e->date, e->minute, d);
		put_raw(c, "DTSTART;TZID=Asia/Shanghai:", d);
		basic_time(e->date, e->minute + e->length, d);
		put_raw(c, "DTEND;TZID=Asia/Shanghai:", d);
	}
	put_text(c, "SUMMARY:", e->summary);
	put_text(c, "DESCRIPTION:", e->description);
	if (e->minute < 0)
		put_raw(c, "TRANSP:", "TRANSPARENT");
	if (c->alarm_set) {
		put_raw(c, "BEGIN:", "VALARM");
		put_raw(c, "ACTION:", "DISPLAY");
		put_text(c, "DESCRIPTION:", e->summary);
		duration(c->alarm, d);
		put_raw(c, "TRIGGER:", d);
		put_raw(c, "END:", "VALARM");
	}
	put_raw(c, "END:", "VEVENT");
}

size_t
ics_finish(struct ics *c)
{
	if (c->cur != NULL) {
		put_raw(c, "END:", "VCALENDAR");
		flush(c);
		afile_finish(c->cur);
		err_grow(&c->done, &c->donecap, c->ndone + 1,
		    sizeof(*c->done));
		c->done[c->ndone++] = c->cur;
		c->cur = NULL;
	}
	return c->ndone;
}

void
ics_commit(struct ics *c)
{
	size_t i;

	ics_finish(c);
	/* Newest first: each is then at the head of afile's pending list. */
	while (c->ndone > 0)
		afile_commit(c->done[--c->ndone]);
	free(c->done);
	for (i = 0; i < c->folded.n; i++) {
		free(c->names[i]);
		free(c->calnames[i]);
	}
	free(c->names);
	free(c->calnames);
	cols_free(&c->folded);
	free(c->esc);
	free(c->out);
	free(c->line);
	free(c->dir);
	free(c->prodid);
	free(c->uidhost);
	free(c);
}
