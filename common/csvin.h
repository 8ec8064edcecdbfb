#ifndef CM_CSVIN_H
#define CM_CSVIN_H

/*
 * Reading CSV records by header, over libcsv.
 *
 * The reader decodes the input to UTF-8 (a BOM, or valid UTF-8 in the first
 * 64 KiB, means UTF-8; anything else GB18030; or an iconv name chosen by the
 * caller), drops a leading BOM, and parses RFC 4180 CSV with LF, CRLF or CR
 * line ends.  It counts physical lines itself, so every record knows the
 * line it starts on.  Fields are never trimmed, and a blank line is a record
 * of one empty field (the row of a one-column file whose value is empty).
 *
 * Past its first batch (64 KiB), an input is parsed on a thread of the
 * reader's own, a few batches ahead of the caller, from the first call of
 * csvin_next() after the header; the records, messages and lines are the
 * same.  csvin_close() waits for that thread to finish its batch.
 *
 * Ownership: a struct rec is the caller's, reused from row to row; after
 * csvin_next() its field pointers point into the reader's buffers and stay
 * valid until the next call.  Every field is NUL-terminated; f[i][len[i]]
 * is '\0' (a field that holds a NUL byte is an error, so strlen agrees).
 */

#include <stddef.h>

#include "cols.h"

struct rec {
	char **f;		/* fields */
	size_t *len;		/* their lengths in bytes */
	size_t n;		/* number of fields */
	size_t cap;
	unsigned long line;	/* the line the record starts on */
	size_t plain;		/* f[0..plain) came before any quote of the
				   record: none needs quoting on output, and
				   they lie one after another in memory,
				   each followed by its NUL */
};

struct csvin_opts {
	const char *encoding;	/* "auto" or an iconv name; NULL means auto */
	unsigned char delim;	/* ',' when 0 */
	size_t max_field;	/* bytes in one field; 1 MiB when 0 */
	int serial;		/* no reader thread: parse in turn with the
				   tool, for one that reads many files at
				   once (a thread and its batches each) */
};

enum csvin_status {
	CSVIN_EOF = 0,
	CSVIN_ROW = 1,
	CSVIN_BAD = -1,		/* a malformed row: skip or reject it, go on */
	CSVIN_FATAL = -2	/* the input cannot be read further */
};

struct csvin;			/* opaque */

/*
 * Opens path ("-" or NULL for standard input) and reads the header.
 * Returns the reader, or NULL after printing the reason (name, line and
 * what): the caller exits with EXIT_DATA.
 */
struct csvin *csvin_open(const char *path, const struct csvin_opts *o);

/* The name used in messages: the path, or "<stdin>". */
const char *csvin_name(const struct csvin *r);

/* The header, as read; valid until csvin_close(). */
const struct cols *csvin_header(const struct csvin *r);

/*
 * The next record.  On CSVIN_BAD, rec holds the row as well as it could be
 * read (its fields, or for unparsable text the raw text as one field) and
 * csvin_error() says what is wrong; on CSVIN_FATAL only the message and
 * rec->line are set.
 */
enum csvin_status csvin_next(struct csvin *r, struct rec *rec);

/*
 * Field col of the record k records after the next one, when the reader
 * has that record at hand already (NULL when not, or when it is malformed
 * or too short), as read, before any domain's alias: a hint for a tool
 * that asks for the memory a row will need a few rows before it comes
 * (cm-funnel), never a row to act on.
 */
const char *csvin_peek(const struct csvin *r, size_t k, size_t col);

/*
 * The first record is line n of a larger file, of which this input is a
 * part with its own header (--first-line): the records' lines, and so
 * every message, count from there.
 */
void csvin_first_line(struct csvin *r, unsigned long n);

/* The message for the last CSVIN_BAD or CSVIN_FATAL, without name or line. */
const char *csvin_error(const struct csvin *r);

void csvin_close(struct csvin *r);

/* Frees a record's arrays; its fields belong to the reader. */
void rec_free(struct rec *rec);

/* Makes room for n fields in rec. */
void rec_reserve(struct rec *rec, size_t n);

#endif
