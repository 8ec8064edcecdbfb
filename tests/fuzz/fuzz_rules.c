/*
 * libFuzzer harness for the rule loader (common/rules.c) and what compiles
 * parts of a rule tree: conditions (cond.c), orders (order.c) and company
 * events (events.c).
 *
 * The input is a rule file.  After rules_load(), the tree is walked, and
 * the value of every key `when` is compiled as a condition, of every key
 * `order` as an order, of every key `events` as a list of events.  What
 * compiles is bound to a header made of every scalar of the file (so that
 * the columns it names are found) and evaluated on rows made of them.
 * Properties: the tree is well formed (every node has a line, a mapping
 * has pairs of a scalar key and a value, no scalar holds a NUL byte, no
 * path is deeper than RULES_MAX_DEPTH), a condition is 1, 0 or -1 with a
 * message, and an order compares a row equal to itself.
 */
#include "fuzz.h"

#include <locale.h>
#include <stdint.h>

#include "../../common/cond.h"
#include "../../common/date.h"
#include "../../common/events.h"
#include "../../common/hold.h"
#include "../../common/order.h"
#include "../../common/rules.h"

#define MAXCOLS 256

static struct fuzz_file in;
static int today;

/* Every scalar of the tree, once: the header, and the cells of rows. */
struct scalars {
	struct cols schema;
	char *f[3][MAXCOLS];
	size_t len[3][MAXCOLS];
};

static void
collect(const struct ynode *n, struct scalars *s, int depth)
{
	size_t i;

	FUZZ_CHECK(depth <= RULES_MAX_DEPTH);
	FUZZ_CHECK(n->line >= 1 && n->col >= 1);
	if (n->type == Y_SCALAR) {
		FUZZ_CHECK(n->str != NULL && strlen(n->str) == n->len);
		FUZZ_CHECK(n->n == 0);
		if (s->schema.n < MAXCOLS && n->len > 0 &&
		    cols_find(&s->schema, n->str) < 0)
			cols_add(&s->schema, n->str);
		return;
	}
	FUZZ_CHECK(n->type == Y_SEQ || n->type == Y_MAP);
	if (n->type == Y_MAP) {
		FUZZ_CHECK(n->n % 2 == 0);
		for (i = 0; i < n->n; i += 2)
			FUZZ_CHECK(n->kid[i]->type == Y_SCALAR);
	}
	for (i = 0; i < n->n; i++)
		collect(n->kid[i], s, depth + 1);
}

static void
rows(struct scalars *s)
{
	size_t i, n = s->schema.n;

	for (i = 0; i < n; i++) {
		/* Row 0: each column's own name; row 1: the next column's. */
		s->f[0][i] = s->schema.names[i];
		s->f[1][i] = s->schema.names[(i + 1) % n];
		s->f[2][i] = "";
		s->len[0][i] = strlen(s->f[0][i]);
		s->len[1][i] = strlen(s->f[1][i]);
		s->len[2][i] = 0;
	}
}

static void
try_cond(struct rules *r, const struct ynode *v, struct scalars *s)
{
	struct cond *c = cond_compile(r, v);
	char msg[512];
	int i, e;

	if (c == NULL)
		return;
	if (s->schema.n > 0 && cond_bind(c, r, &s->schema, "fuzz") == 0) {
		for (i = 0; i < 3; i++) {
			msg[0] = '\0';
			e = cond_eval(c, s->f[i], s->len[i], msg, sizeof(msg));
			FUZZ_CHECK(e == 1 || e == 0 || e == -1);
			FUZZ_CHECK(e != -1 || msg[0] != '\0');
		}
	}
	cond_free(c);
}

/*
 * Row i of s kept as a tool keeps it (hold.h, bare), in *h, and its values
 * of o, whose text is found from the row's buffer.
 */
static void *
kept_values(const struct order *o, struct scalars *s, int i, struct hold *h)
{
	struct rec r = { .f = s->f[i], .len = s->len[i], .n = s->schema.n };
	struct rec kept = { 0 };
	size_t size = hold_size(&r, 1);
	void *v = calloc(1, order_size(o) + 1);

	hold_put(h, malloc(size + 1), &r, size, &kept);
	FUZZ_CHECK(h->n == r.n);
	order_values(o, kept.f, kept.len, h->buf, v);
	rec_free(&kept);
	return v;
}

static void
try_order(struct rules *r, const struct ynode *v, struct scalars *s)
{
	struct order *o = order_compile(r, v);
	struct hold ha, hb;
	void *a, *b;
	int i;

	if (o == NULL)
		return;
	if (s->schema.n > 0 && order_bind(o, r, &s->schema, "fuzz") == 0) {
		for (i = 0; i < 3; i++) {
			a = kept_values(o, s, i, &ha);
			b = kept_values(o, s, (i + 1) % 3, &hb);
			FUZZ_CHECK(order_cmp(o, a, ha.buf, a, ha.buf) == 0);
			FUZZ_CHECK((order_cmp(o, a, ha.buf, b, hb.buf) > 0) ==
			    (order_cmp(o, b, hb.buf, a, ha.buf) < 0));
			free(a);
			free(b);
			free(ha.buf);
			free(hb.buf);
		}
	}
	order_free(o);
}

static void
try_events(struct rules *r, const struct ynode *v)
{
	struct events ev = { 0 };
	size_t i;

	events_rules(&ev, r, v);
	for (i = 1; i < ev.n; i++)
		FUZZ_CHECK(ev.e[i - 1].date <= ev.e[i].date);
	events_free(&ev);
}

static void
walk(struct rules *r, const struct ynode *n, struct scalars *s)
{
	static const char *const words[] = {
		"when", "order", "events", "classify", "stages", "plans",
		"triggers", "column", "rules", "default", NULL
	};
	const char *key;
	size_t i;

	if (n->type == Y_SCALAR)
		return;
	for (i = 0; i < n->n; i++) {
		if (n->type == Y_MAP && i % 2 == 0) {
			key = n->kid[i]->str;
			rules_nearest(key, words);
			if (strcmp(key, "when") == 0)
				try_cond(r, n->kid[i + 1], s);
			else if (strcmp(key, "order") == 0)
				try_order(r, n->kid[i + 1], s);
			else if (strcmp(key, "events") == 0)
				try_events(r, n->kid[i + 1]);
			continue;
		}
		walk(r, n->kid[i], s);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
	fuzz_file_init(&in, "rules");
	today = date_from_ymd(2026, 11, 23);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const known[] = { "classify", "stages", NULL };
	struct scalars *s = calloc(1, sizeof(*s));
	struct rules *r;

	fuzz_file_set(&in, data, size);
	r = rules_load(in.path, today);
	FUZZ_CHECK(r != NULL);
	FUZZ_CHECK(r->root != NULL || r->nerr > 0);
	if (r->root != NULL) {
		FUZZ_CHECK(r->root->type == Y_MAP);
		collect(r->root, s, 0);
		rows(s);
		rules_keys(r, r->root, known, NULL);
		walk(r, r->root, s);
	}
	rules_free(r);
	cols_free(&s->schema);
	free(s);
	return 0;
}
