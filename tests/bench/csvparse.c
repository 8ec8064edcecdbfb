/*
 * csvparse: the floor of any tool built on libcsv.  Parses standard input
 * with libcsv and nothing else: big read(2) chunks, the options cm uses
 * (CSV_STRICT | CSV_STRICT_FINI, a space function that never trims, a
 * block size of 4096), and callbacks that only count.
 *
 * Prints "RECORDS FIELDS" (the header included); exits 1 when the input is
 * not valid CSV or cannot be read.
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (1024 * 1024)

struct count {
	unsigned long records, fields;
	size_t bytes;		/* kept so the field is "used" */
};

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct count *n = data;

	(void)s;
	n->fields++;
	n->bytes += len;
}

static void
on_record(int c, void *data)
{
	struct count *n = data;

	(void)c;
	n->records++;
}

int
main(void)
{
	static char buf[CHUNK];
	struct csv_parser p;
	struct count n = { 0, 0, 0 };
	ssize_t got;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		fprintf(stderr, "csvparse: out of memory\n");
		return 1;
	}
	csv_set_space_func(&p, never_space);
	csv_set_blk_size(&p, 4096);
	for (;;) {
		got = read(0, buf, sizeof(buf));
		if (got < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "csvparse: read: %s\n", strerror(errno));
			return 1;
		}
		if (got == 0)
			break;
		if (csv_parse(&p, buf, (size_t)got, on_field, on_record, &n) !=
		    (size_t)got) {
			fprintf(stderr, "csvparse: %s\n",
			    csv_strerror(csv_error(&p)));
			return 1;
		}
	}
	if (csv_fini(&p, on_field, on_record, &n) != 0) {
		fprintf(stderr, "csvparse: %s\n", csv_strerror(csv_error(&p)));
		return 1;
	}
	csv_free(&p);
	printf("%lu %lu\n", n.records, n.fields);
	return 0;
}
