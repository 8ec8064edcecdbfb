/*
 * libFuzzer harness for the condition evaluator (common/cond.c) and the
 * orders that sort rows (common/order.c).
 *
 * A fixed rule file, compiled once, holds conditions that use every
 * operator, each listed as itself and under `not:`, and a few orders.  The
 * input is cut at NUL bytes into the cells of three rows of the columns
 * below (cells are made valid UTF-8, as the reader makes them).  Checked:
 *
 *  - a condition is 1, 0, or -1 with a message; `not` is its opposite,
 *    and a cell that is an error for one is an error for the other;
 *  - between [lo, hi] is ge lo and le hi; in is any of its eq;
 *  - an order is a total order on the rows: a row equals itself, a < b
 *    exactly when b > a, and a <= b <= c gives a <= c;
 *  - matching stays linear: libFuzzer's -timeout catches a regex that
 *    backtracks.
 */
#include "fuzz.h"

#include <locale.h>
#include <stdint.h>

#include "../../common/cond.h"
#include "../../common/date.h"
#include "../../common/order.h"
#include "../../common/rules.h"

#define NCOL 6
#define NROW 3

static const char *const columns[NCOL] = {
	"premium", "last_contact", "class", "phone", "name", "region"
};

/* Condition i and i + 1 are a pair: a condition and its not:. */
static const char rules_text[] =
"version: 1\n"
"columns: {region: 区域}\n"
"conds:\n"
"  - {premium: {ge: 20000}}\n"
"  - {not: {premium: {ge: 20000}}}\n"
"  - {premium: {between: [-1.5, 8800]}}\n"
"  - {not: {premium: {between: [-1.5, 8800]}}}\n"
"  - {premium: {ge: -1.5, le: 8800}}\n"
"  - {not: {premium: {ge: -1.5, le: 8800}}}\n"
"  - {premium: {lt: 0.25}}\n"
"  - {not: {premium: {lt: 0.25}}}\n"
"  - {premium: {gt: \"0012\"}}\n"
"  - {not: {premium: {gt: \"0012\"}}}\n"
"  - {last_contact: {before: today-90d}}\n"
"  - {not: {last_contact: {before: today-90d}}}\n"
"  - {last_contact: {after: 2026/1/5}}\n"
"  - {not: {last_contact: {after: 2026/1/5}}}\n"
"  - {last_contact: {on: today}}\n"
"  - {not: {last_contact: {on: today}}}\n"
"  - {last_contact: {on_or_before: today+1m, on_or_after: 20240229}}\n"
"  - {not: {last_contact: {on_or_before: today+1m, on_or_after: 20240229}}}\n"
"  - {class: [A, B, 好]}\n"
"  - {not: {class: [A, B, 好]}}\n"
"  - {any: [{class: A}, {class: B}, {class: 好}]}\n"
"  - {not: {any: [{class: A}, {class: B}, {class: 好}]}}\n"
"  - {class: {not_in: [C, D]}}\n"
"  - {not: {class: {not_in: [C, D]}}}\n"
"  - {class: {eq: \"yes\"}, phone: {ne: \"\"}}\n"
"  - {not: {class: {eq: \"yes\"}, phone: {ne: \"\"}}}\n"
"  - {phone: {empty: true}}\n"
"  - {not: {phone: {empty: true}}}\n"
"  - {phone: {matches: \"^1[3-9][0-9]{9}$\"}}\n"
"  - {not: {phone: {matches: \"^1[3-9][0-9]{9}$\"}}}\n"
"  - {name: {matches: \"(a|aa)*b\"}}\n"
"  - {not: {name: {matches: \"(a|aa)*b\"}}}\n"
"  - {name: {matches: \"^[一-龥]{2,4}$\"}}\n"
"  - {not: {name: {matches: \"^[一-龥]{2,4}$\"}}}\n"
"  - {name: {matches: \"(x+x+)+y|.*.*.*=.*\"}}\n"
"  - {not: {name: {matches: \"(x+x+)+y|.*.*.*=.*\"}}}\n"
"  - {region: 东区, all: [{premium: {gt: 0}}, {last_contact: {on_or_after: today-1y}}]}\n"
"  - {not: {region: 东区, all: [{premium: {gt: 0}}, {last_contact: {on_or_after: today-1y}}]}}\n"
"orders:\n"
"  - [premium]\n"
"  - [-last_contact]\n"
"  - [{by: class, rank: [A, B, C, D]}, -premium, name]\n"
"  - [{by: class, rank: [A, B], desc: true}, region, -phone]\n"
"  - [name, -region, last_contact, phone, premium, class]\n";

/* Indices of conditions compared with others besides their not:. */
enum {
	C_BETWEEN = 2, C_GE_LE = 4, C_IN = 18, C_ANY = 20
};

static struct rules *rules;
static struct cond **conds;
static size_t nconds;
static struct order **orders;
static size_t norders;
static struct cols schema;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct fuzz_file f;
	const struct ynode *list;
	size_t i;

	(void)argc;
	(void)argv;
	fuzz_quiet();
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
	fuzz_file_init(&f, "cond-rules");
	fuzz_file_set(&f, rules_text, sizeof(rules_text) - 1);
	rules = rules_load(f.path, date_from_ymd(2026, 11, 23));
	close(f.fd);
	FUZZ_CHECK(rules->nerr == 0);
	for (i = 0; i < NCOL; i++)
		cols_add(&schema, rules_column(rules, columns[i]));
	list = rules_get(rules->root, "conds");
	nconds = list->n;
	conds = calloc(nconds, sizeof(*conds));
	for (i = 0; i < nconds; i++) {
		conds[i] = cond_compile(rules, list->kid[i]);
		FUZZ_CHECK(conds[i] != NULL);
		FUZZ_CHECK(cond_bind(conds[i], rules, &schema, "fuzz") == 0);
	}
	list = rules_get(rules->root, "orders");
	norders = list->n;
	orders = calloc(norders, sizeof(*orders));
	for (i = 0; i < norders; i++) {
		orders[i] = order_compile(rules, list->kid[i]);
		FUZZ_CHECK(orders[i] != NULL);
		FUZZ_CHECK(order_bind(orders[i], rules, &schema, "fuzz") == 0);
	}
	FUZZ_CHECK(rules->nerr == 0);
	return 0;
}

/* Replaces each byte that does not start a valid UTF-8 character by '?'. */
static void
make_utf8(unsigned char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		for (k = 1; k <= 4 && i + k <= n; k++)
			if (fuzz_utf8(s + i, k))
				break;
		if (k <= 4 && i + k <= n) {
			i += k;
			continue;
		}
		s[i++] = '?';
	}
}

static int
eval(size_t i, char *const *f, const size_t *len)
{
	char msg[512];
	int v;

	msg[0] = '\0';
	v = cond_eval(conds[i], f, len, msg, sizeof(msg));
	FUZZ_CHECK(v == 0 || v == 1 || v == -1);
	FUZZ_CHECK(v != -1 || msg[0] != '\0');
	FUZZ_CHECK(memchr(msg, '\0', sizeof(msg)) != NULL);
	return v;
}

static int
sign(int c)
{
	return (c > 0) - (c < 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *f[NROW][NCOL];
	size_t len[NROW][NCOL], i, j, k, off = 0, end;
	void *sv[NROW];
	int v[64], ab, bc, ac;

	memcpy(buf, data, size);
	buf[size] = '\0';
	for (i = 0; i < NROW; i++) {
		for (j = 0; j < NCOL; j++) {
			if (off >= size) {
				f[i][j] = buf + size;
				len[i][j] = 0;
				continue;
			}
			end = off + strlen(buf + off);
			f[i][j] = buf + off;
			len[i][j] = end - off;
			make_utf8((unsigned char *)f[i][j], len[i][j]);
			off = end + 1;
		}
	}
	for (i = 0; i < NROW; i++) {
		for (k = 0; k < nconds && k < 64; k++)
			v[k] = eval(k, f[i], len[i]);
		for (k = 0; k + 1 < nconds; k += 2) {
			if (v[k] < 0 || v[k + 1] < 0)
				FUZZ_CHECK(v[k] == v[k + 1]);
			else
				FUZZ_CHECK(v[k] == !v[k + 1]);
		}
		FUZZ_CHECK(v[C_BETWEEN] == v[C_GE_LE]);
		FUZZ_CHECK(v[C_IN] == v[C_ANY]);
	}
	for (k = 0; k < norders; k++) {
		for (i = 0; i < NROW; i++) {
			sv[i] = calloc(1, order_size(orders[k]) + 1);
			order_values(orders[k], f[i], len[i], buf, sv[i]);
			FUZZ_CHECK(order_cmp(orders[k], sv[i], buf, sv[i], buf) == 0);
		}
		for (i = 0; i < NROW; i++)
			for (j = 0; j < NROW; j++)
				FUZZ_CHECK(sign(order_cmp(orders[k], sv[i], buf,
				    sv[j], buf)) == -sign(order_cmp(orders[k], sv[j],
				    buf, sv[i], buf)));
		/* Every ordering of the three rows, for transitivity. */
		for (i = 0; i < NROW; i++) {
			size_t a = i, b = (i + 1) % NROW, c = (i + 2) % NROW, t;

			for (j = 0; j < 2; j++) {
				ab = order_cmp(orders[k], sv[a], buf, sv[b], buf);
				bc = order_cmp(orders[k], sv[b], buf, sv[c], buf);
				ac = order_cmp(orders[k], sv[a], buf, sv[c], buf);
				if (ab <= 0 && bc <= 0)
					FUZZ_CHECK(ac <= 0);
				if (ab == 0 && bc == 0)
					FUZZ_CHECK(ac == 0);
				t = b;
				b = c;
				c = t;
			}
		}
		for (i = 0; i < NROW; i++)
			free(sv[i]);
	}
	free(buf);
	return 0;
}
