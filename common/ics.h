#ifndef CM_ICS_H
#define CM_ICS_H

/*
 * Writing iCalendar (RFC 5545): a directory of calendar files, one a name
 * (DIR/NAME.ics), each a VCALENDAR named by X-WR-CALNAME, of VEVENTs all
 * day long or at a time of day in the zone Asia/Shanghai (with its
 * VTIMEZONE), each with a reminder (VALARM) when one is asked for; CRLF
 * line ends, lines folded at 75 octets between UTF-8 characters, and TEXT
 * values escaped.
 *
 * A file's name comes from data (an agent's id): it must not leave the
 * directory, and it must copy to a Windows share or a FAT card.  So a
 * name that is empty, holds '/', a NUL or a line end, starts with '.', or
 * is longer than ICS_NAME_MAX bytes once escaped is refused (a data error
 * of the row); and what Windows and FAT refuse is escaped as %XX, the
 * byte in hex: the characters < > : " \ | ? *, control characters, '%'
 * itself (so that the escape is one to one and stable), a name's trailing
 * dots and spaces, and the first letter of a reserved device name (CON,
 * PRN, AUX, NUL, COM0-9, LPT0-9, also before an extension: "CON.x").
 * Two names whose files differ only in case are refused too, since a
 * disk that ignores case would make them one.
 *
 * Each file is written beside its final name (afile.h), one at a time,
 * and all are renamed into place by ics_commit() only: until then a failed
 * or stopped run removes them, and the directory stays as it was.
 */

#include <stddef.h>

struct ics;			/* opaque */

/* An event. */
struct ics_event {
	int date;			/* days, as date.h */
	int minute;			/* its start, in minutes after midnight,
					   or -1 for an all-day event */
	int length;			/* a timed event's minutes */
	const char *key;		/* the UID is a hash of key[0..keylen) */
	size_t keylen;
	const char *summary, *description;	/* TEXT, escaped here */
};

/*
 * Starts writing calendars into the directory dir, which must exist (exit
 * 1 when it is not a directory); prodid is the calendars' PRODID, uidhost
 * what follows the hash and '@' in each UID, and stamp the day (days, as
 * date.h) of every DTSTAMP, at 00:00:00 UTC, so that the same run gives
 * the same files.
 */
struct ics *ics_start(const char *dir, const char *prodid, const char *uidhost,
    int stamp);

/*
 * Timed events are in Asia/Shanghai, China's one time zone (UTC+8, no
 * daylight saving since 1991): every file begins with its VTIMEZONE.
 */
void ics_zone(struct ics *c);

/* Every event gets a reminder, minutes after its start (before: < 0). */
void ics_alarm(struct ics *c, int minutes);

/*
 * Whether name[0..len) can name a calendar file, as above: 0, and it is
 * remembered, its calendar to be called calname (X-WR-CALNAME; name when
 * calname is NULL or empty, or when name was seen before); or -1, with msg
 * (of size msgsize) saying why not: "'A/1' cannot name a file for --ics:
 * it holds '/'".
 */
#define ICS_NAME_MAX 200
int ics_name(struct ics *c, const char *name, size_t len, const char *calname,
    char *msg, size_t msgsize);

/*
 * Finishes the calendar in hand, if any, and begins the file of name, one
 * that ics_name() took.
 */
void ics_file(struct ics *c, const char *name);

/* Adds an event to the calendar in hand. */
void ics_event(struct ics *c, const struct ics_event *e);

/* Text built for an event: a string that grows, NUL-terminated. */
struct ics_text {
	char *s;
	size_t len, cap;
};

void ics_add(struct ics_text *t, const char *s, size_t n);
void ics_str(struct ics_text *t, const char *s);

/*
 * "label: value" on a line of its own, for a DESCRIPTION, when value is
 * not empty; a phone number as a tel: URI (RFC 3966) that a phone dials
 * with a tap, its spaces, hyphens, dots and brackets dropped (a number
 * with anything else, an extension in words, is left as it is).
 */
void ics_labelled(struct ics_text *t, const char *label, const char *value,
    int phone);

/* Finishes the calendar in hand, if any; returns the files written. */
size_t ics_finish(struct ics *c);

/* Finishes, puts every file in place, and frees c. */
void ics_commit(struct ics *c);

#endif
