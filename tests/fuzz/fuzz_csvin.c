/*
 * libFuzzer harness for the CSV reader (common/csvin.c).
 *
 * The first byte of the input picks the delimiter, the input encoding and
 * the field size limit; the rest is the file.  Every record is read to the
 * end of the input, and these properties are checked:
 *
 *  - every field is NUL-terminated at its length; a good row has as many
 *    fields as the header, no NUL byte, and is valid UTF-8;
 *  - records start on strictly increasing lines, and there are no more of
 *    them than the input has bytes (no record comes from nothing);
 *  - the good rows, written with the CSV writer (common/csvout.c) and read
 *    again, are the same rows: reader and writer agree on quoting.
 */
#include "fuzz.h"

#include <stdint.h>

#include "../../common/csvin.h"
#include "../../common/csvout.h"

static const unsigned char delims[] = { ',', ';', '\t', '|' };
static const char *const encodings[] = { "auto", "auto", "GB18030", "UTF-8" };
static const size_t max_fields[] = { 0, 0, 7, 300 };

static struct fuzz_file in, out;

/* The good rows, copied: field lengths then the bytes of each field. */
struct saved {
	size_t *nf;		/* fields of each row */
	size_t nrow, rowcap;
	size_t *len;		/* every field's length */
	size_t nlen, lencap;
	char *bytes;
	size_t nbytes, bytecap;
};

static void
grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;

	if (need <= *cap)
		return;
	while (n < need)
		n *= 2;
	*p = realloc(*p, n * size);
	if (*p == NULL)
		abort();
	*cap = n;
}

static void
save(struct saved *s, char *const *f, const size_t *len, size_t n)
{
	size_t i;

	grow((void **)&s->nf, &s->rowcap, s->nrow + 1, sizeof(*s->nf));
	s->nf[s->nrow++] = n;
	for (i = 0; i < n; i++) {
		grow((void **)&s->len, &s->lencap, s->nlen + 1, sizeof(*s->len));
		s->len[s->nlen++] = len[i];
		grow((void **)&s->bytes, &s->bytecap, s->nbytes + len[i] + 1, 1);
		memcpy(s->bytes + s->nbytes, f[i], len[i]);
		s->nbytes += len[i];
	}
}

static void
saved_free(struct saved *s)
{
	free(s->nf);
	free(s->len);
	free(s->bytes);
}

static void
check_fields(const struct rec *rec)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		FUZZ_CHECK(rec->f[i][rec->len[i]] == '\0');
}

/* Writes the saved rows (the first is the header) and reads them back. */
static void
round_trip(const struct saved *s, unsigned char delim, size_t max_field)
{
	struct csvout_opts oo = { 0 };
	struct csvin_opts io = { 0 };
	struct csvout *w;
	struct csvin *r;
	struct rec rec = { 0 };
	const struct cols *h;
	char **f = NULL;
	size_t row, i, fi = 0, off = 0, cap = 0, nf;
	enum csvin_status st;

	fuzz_file_set(&out, "", 0);
	oo.delim = delim;
	w = csvout_open(out.path, &oo);
	for (row = 0; row < s->nrow; row++) {
		nf = s->nf[row];
		grow((void **)&f, &cap, nf + 1, sizeof(*f));
		for (i = 0; i < nf; i++) {
			f[i] = s->bytes + off;
			off += s->len[fi + i];
		}
		csvout_row(w, f, s->len + fi, nf);
		fi += nf;
	}
	csvout_commit(w);
	free(f);

	io.encoding = "UTF-8";
	io.delim = delim;
	io.max_field = max_field;
	r = csvin_open(out.path, &io);
	FUZZ_CHECK(r != NULL);
	h = csvin_header(r);
	FUZZ_CHECK(h->n == s->nf[0]);
	off = fi = 0;
	for (i = 0; i < h->n; i++) {
		FUZZ_CHECK(strlen(h->names[i]) == s->len[i]);
		FUZZ_CHECK(memcmp(h->names[i], s->bytes + off, s->len[i]) == 0);
		off += s->len[i];
	}
	fi = h->n;
	for (row = 1; row < s->nrow; row++) {
		st = csvin_next(r, &rec);
		FUZZ_CHECK(st == CSVIN_ROW);
		FUZZ_CHECK(rec.n == s->nf[row]);
		for (i = 0; i < rec.n; i++) {
			FUZZ_CHECK(rec.len[i] == s->len[fi + i]);
			FUZZ_CHECK(memcmp(rec.f[i], s->bytes + off, rec.len[i]) == 0);
			off += rec.len[i];
		}
		fi += rec.n;
	}
	FUZZ_CHECK(csvin_next(r, &rec) == CSVIN_EOF);
	rec_free(&rec);
	csvin_close(r);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	fuzz_file_init(&in, "csvin");
	fuzz_file_init(&out, "csvout");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvin_opts o = { 0 };
	struct saved s = { 0 };
	struct rec rec = { 0 };
	struct csvin *r;
	const struct cols *h;
	enum csvin_status st;
	unsigned long last = 0, nrec = 0;
	size_t i, *hlen;
	unsigned c;

	if (size == 0)
		return 0;
	c = data[0];
	o.delim = delims[c & 3];
	o.encoding = encodings[(c >> 2) & 3];
	o.max_field = max_fields[(c >> 4) & 3];
	fuzz_file_set(&in, data + 1, size - 1);
	if ((r = csvin_open(in.path, &o)) == NULL)
		return 0;
	h = csvin_header(r);
	FUZZ_CHECK(h->n > 0);
	for (i = 0; i < h->n; i++)
		FUZZ_CHECK(h->names[i][0] != '\0');
	hlen = malloc(h->n * sizeof(*hlen));
	for (i = 0; i < h->n; i++)
		hlen[i] = strlen(h->names[i]);
	save(&s, h->names, hlen, h->n);
	free(hlen);
	for (;;) {
		st = csvin_next(r, &rec);
		if (st == CSVIN_EOF || st == CSVIN_FATAL)
			break;
		FUZZ_CHECK(++nrec <= size);
		FUZZ_CHECK(rec.line > last);
		last = rec.line;
		check_fields(&rec);
		if (st == CSVIN_BAD) {
			FUZZ_CHECK(csvin_error(r)[0] != '\0');
			continue;
		}
		FUZZ_CHECK(rec.n == h->n);
		for (i = 0; i < rec.n; i++) {
			FUZZ_CHECK(memchr(rec.f[i], '\0', rec.len[i]) == NULL);
			FUZZ_CHECK(fuzz_utf8((const unsigned char *)rec.f[i],
			    rec.len[i]));
		}
		save(&s, rec.f, rec.len, rec.n);
	}
	if (st == CSVIN_FATAL)
		FUZZ_CHECK(csvin_error(r)[0] != '\0');
	/*
	 * A header that keeps a second BOM loses it when written first; one
	 * whose first name starts as a zip file does (behind the BOM that
	 * hid it) makes a file that is refused as a workbook.
	 */
	if (strncmp(h->names[0], "\xEF\xBB\xBF", 3) != 0 &&
	    strncmp(h->names[0], "PK\x03\x04", 4) != 0)
		round_trip(&s, o.delim, o.max_field);
	rec_free(&rec);
	saved_free(&s);
	csvin_close(r);
	return 0;
}
