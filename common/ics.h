#ifndef CM_ICS_H
#define CM_ICS_H

/*
 * Writing iCalendar (RFC 5545): a directory of calendar files, one a name
 * (DIR/NAME.ics), each a VCALENDAR of all-day VEVENTs, with CRLF line
 * ends, lines folded at 75 octets between UTF-8 characters, and TEXT
 * values escaped.
 *
 * Each file is written beside its final name (afile.h), one at a time,
 * and all are renamed into place by ics_commit() only: until then a failed
 * or stopped run removes them, and the directory stays as it was.
 */

#include <stddef.h>

struct ics;			/* opaque */

/* An all-day event. */
struct ics_event {
	int date;			/* days, as date.h */
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
 * NULL when name[0..len) can be a file's name in the directory, else why
 * not: it is empty, holds '/' or a NUL, starts with '.', or is longer than
 * ICS_NAME_MAX bytes.
 */
#define ICS_NAME_MAX 200
const char *ics_bad_name(const char *name, size_t len);

/* Finishes the calendar in hand, if any, and begins DIR/name.ics. */
void ics_file(struct ics *c, const char *name);

/* Adds an event to the calendar in hand. */
void ics_event(struct ics *c, const struct ics_event *e);

/* Finishes the calendar in hand, if any; returns the files written. */
size_t ics_finish(struct ics *c);

/* Finishes, puts every file in place, and frees c. */
void ics_commit(struct ics *c);

#endif
