#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "afile.h"
#include "date.h"
#include "err.h"
#include "ics.h"

#define FOLD 75			/* octets a line, CRLF not counted */

struct ics {
	char *dir, *prodid, *uidhost;
	char stamp[sizeof("20261123T000000Z")];
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

const char *
ics_bad_name(const char *name, size_t len)
{
	if (len == 0)
		return "it is empty";
	if (memchr(name, '/', len) != NULL)
		return "it holds '/'";
	if (memchr(name, '\0', len) != NULL)
		return "it holds a NUL";
	if (name[0] == '.')
		return "it starts with '.'";
	if (len > ICS_NAME_MAX)
		return "it is longer than 200 bytes";
	return NULL;
}

void
ics_file(struct ics *c, const char *name)
{
	size_t n = strlen(c->dir) + strlen(name) + sizeof("/.ics");
	char *path = err_malloc(n);

	ics_finish(c);
	snprintf(path, n, "%s/%s.ics", c->dir, name);
	c->cur = afile_open(path);
	free(path);
	put_raw(c, "BEGIN:", "VCALENDAR");
	put_raw(c, "VERSION:", "2.0");
	put_raw(c, "PRODID:", c->prodid);
	put_raw(c, "CALSCALE:", "GREGORIAN");
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

void
ics_event(struct ics *c, const struct ics_event *e)
{
	char d[9], uid[32];

	put_raw(c, "BEGIN:", "VEVENT");
	snprintf(uid, sizeof(uid), "%016llx@",
	    (unsigned long long)fnv1a(e->key, e->keylen));
	add_str(c, "UID:");
	add_str(c, uid);
	add_str(c, c->uidhost);
	put_line(c);
	put_raw(c, "DTSTAMP:", c->stamp);
	basic_date(e->date, d);
	put_raw(c, "DTSTART;VALUE=DATE:", d);
	basic_date(e->date + 1, d);
	put_raw(c, "DTEND;VALUE=DATE:", d);
	put_text(c, "SUMMARY:", e->summary);
	put_text(c, "DESCRIPTION:", e->description);
	put_raw(c, "TRANSP:", "TRANSPARENT");
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
	ics_finish(c);
	/* Newest first: each is then at the head of afile's pending list. */
	while (c->ndone > 0)
		afile_commit(c->done[--c->ndone]);
	free(c->done);
	free(c->out);
	free(c->line);
	free(c->dir);
	free(c->prodid);
	free(c->uidhost);
	free(c);
}
