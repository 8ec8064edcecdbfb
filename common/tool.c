#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "tool.h"

/*
 * Regular expressions (TRE) match UTF-8 characters, not bytes, whatever
 * the locale the program is started in.
 */
static void
utf8_ctype(void)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "en_US.UTF-8") == NULL)
		setlocale(LC_CTYPE, "C");
}

/* The type of a column of a workbook, from the rules' domains. */
static int
type_of(const void *domains, const char *name)
{
	return (int)domains_type(domains, name);
}

int
tool_main(const struct tool *t, void *self, int argc, char **argv)
{
	struct io io;
	struct rec rec = { 0 };

	memset(&io, 0, sizeof(io));
	err_memory();
	err_locale();

	/* 1. Options, each, then together. */
	opt_parse(argc, argv, t, self, &io.o);
	utf8_ctype();
	io.o.out.type = type_of;
	io.o.out.typearg = &io.domains;
	if (t->options_done != NULL)
		t->options_done(self, &io);

	/* 2. Rules. */
	if (t->rules_file != NULL) {
		io.r = rules_load(io.o.rules, io.o.today);
		if (t->load != NULL)
			t->load(self, &io);
		domains_load(&io.domains, io.r);
		rules_done(io.r);
	}
	if (io.o.check && io.o.input == NULL)
		err_quit(EXIT_OK);

	/* 3. The input's header, and the rules bound to it. */
	io_open(&io);
	if (t->bind != NULL)
		t->bind(self, &io);
	if (io.r != NULL) {
		domains_bind(&io.domains, io.r, io_header(&io));
		rules_done(io.r);
	}
	if (io.o.check)
		err_quit(EXIT_OK);
	schema_ready(&io.schema);

	/* 4. Side inputs and other outputs, then the output. */
	if (t->open != NULL)
		t->open(self, &io);
	io_start(&io);

	/* 5. The rows (none with --header-only). */
	while (!io.o.header_only && io_next(&io, &rec))
		t->row(self, &io, &rec);

	/* 6. The end: what was held, then every output in place. */
	if (t->end != NULL)
		t->end(self, &io);
	io_close(&io);

	/* 7. */
	rec_free(&rec);
	if (t->free != NULL)
		t->free(self);
	io_free(&io);
	return EXIT_OK;
}
