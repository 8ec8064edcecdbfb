#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "order.h"
#include "value.h"

/*
 * A key's value: a number (a date's day, a rank's position), or the
 * text's place from the row's base.  A row's block is the values of its
 * keys, then their kinds, a byte each, in the order they sort: a number,
 * a date, a text, an empty cell; a value of a rank key is in the rank
 * (its position a number) or a text after it.  A text longer than 4 GiB
 * - 1 compares by that much (no tool holds such a row: hold.h).
 */
enum kind { NUMBER, DATE, TEXT, EMPTY = 0xff };

struct val {
	union {
		double num;
		struct {
			uint32_t off, len;
		} t;
	};
};

_Static_assert(sizeof(struct val) == 8, "a value is 8 bytes");

struct key {
	const char *column;
	const char *header;
	const struct ynode *at;
	size_t idx;
	int desc;
	const struct ynode *rank;	/* a list, or NULL */
};

struct order {
	struct key *k;
	size_t n;
};

static int
compile_key(struct rules *r, const struct ynode *v, struct key *k)
{
	static const char *const keys[] = { "by", "rank", "desc", NULL };
	static const char *const need[] = { "by", NULL };
	const struct ynode *by, *rank, *desc;
	size_t i;

	k->at = v;
	if (v->type == Y_SCALAR) {
		k->desc = v->str[0] == '-';
		k->column = v->str + k->desc;
		if (*k->column == '\0') {
			rules_error(r, v, "an order key names a column");
			return -1;
		}
		return 0;
	}
	if (rules_want(r, v, Y_MAP, _("an order key")) < 0 ||
	    rules_keys(r, v, keys, need) < 0)
		return -1;
	by = rules_get(v, "by");
	if (rules_want(r, by, Y_SCALAR, "by") < 0)
		return -1;
	k->column = by->str;
	if ((desc = rules_get(v, "desc")) != NULL) {
		if (desc->type != Y_SCALAR || (strcmp(desc->str, "true") != 0 &&
		    strcmp(desc->str, "false") != 0)) {
			rules_error(r, desc, "desc takes true or false");
			return -1;
		}
		k->desc = strcmp(desc->str, "true") == 0;
	}
	if ((rank = rules_get(v, "rank")) != NULL) {
		if (rules_want(r, rank, Y_SEQ, "rank") < 0)
			return -1;
		for (i = 0; i < rank->n; i++)
			if (rules_want(r, rank->kid[i], Y_SCALAR,
			    _("a rank")) < 0)
				return -1;
		k->rank = rank;
	}
	return 0;
}

struct order *
order_compile(struct rules *r, const struct ynode *list)
{
	struct order *o;
	size_t i;
	int bad = 0;

	if (rules_want(r, list, Y_SEQ, "order") < 0)
		return NULL;
	o = err_calloc(1, sizeof(*o));
	o->k = err_calloc(list->n, sizeof(*o->k));
	o->n = list->n;
	for (i = 0; i < list->n; i++)
		if (compile_key(r, list->kid[i], &o->k[i]) < 0)
			bad = 1;
	if (bad) {
		order_free(o);
		return NULL;
	}
	return o;
}

int
order_bind(struct order *o, struct rules *r, const struct cols *schema,
    const char *input)
{
	size_t i;
	long idx;
	int rc = 0;

	for (i = 0; i < o->n; i++) {
		o->k[i].header = rules_column(r, o->k[i].column);
		idx = rules_find(r, o->k[i].at, schema, o->k[i].column, input);
		if (idx < 0) {
			rc = -1;
			continue;
		}
		o->k[i].idx = (size_t)idx;
	}
	return rc;
}

size_t
order_nkeys(const struct order *o)
{
	return o->n;
}

size_t
order_size(const struct order *o)
{
	return o->n * (sizeof(struct val) + 1);
}

/* The kinds of a block of n values. */
static const unsigned char *
kinds(const void *block, size_t n)
{
	return (const unsigned char *)((const struct val *)block + n);
}

void
order_values(const struct order *o, char *const *f, const size_t *len,
    const char *base, void *out)
{
	struct val *val = out;
	unsigned char *kind = (unsigned char *)(val + o->n);
	const struct key *k;
	const char *v;
	size_t i, j, n;
	double num;
	int d;

	for (i = 0; i < o->n; i++) {
		k = &o->k[i];
		v = f[k->idx];
		n = len[k->idx] < UINT32_MAX ? len[k->idx] : UINT32_MAX;
		val[i].t.off = (uint32_t)(v - base);
		val[i].t.len = (uint32_t)n;
		if (n == 0) {
			kind[i] = EMPTY;
		} else if (k->rank != NULL) {
			for (j = 0; j < k->rank->n; j++)
				if (k->rank->kid[j]->len == n &&
				    memcmp(k->rank->kid[j]->str, v, n) == 0)
					break;
			if (j < k->rank->n) {
				kind[i] = NUMBER;
				val[i].num = (double)j;
			} else {
				kind[i] = TEXT;
			}
		} else if (value_number(v, n, &num) == 0) {
			kind[i] = NUMBER;
			val[i].num = num;
		} else if (date_parse(v, n, &d) == 0) {
			kind[i] = DATE;
			val[i].num = d;
		} else {
			kind[i] = TEXT;
		}
	}
}

static int
cmp_text(const struct val *a, const char *abase, const struct val *b,
    const char *bbase)
{
	size_t n = a->t.len < b->t.len ? a->t.len : b->t.len;
	int c = memcmp(abase + a->t.off, bbase + b->t.off, n);

	if (c != 0)
		return c;
	return (a->t.len > b->t.len) - (a->t.len < b->t.len);
}

int
order_cmp(const struct order *o, const void *a, const char *abase,
    const void *b, const char *bbase)
{
	const struct val *av = a, *bv = b;
	const unsigned char *ak = kinds(a, o->n), *bk = kinds(b, o->n);
	const struct key *k;
	size_t i;
	int c;

	for (i = 0; i < o->n; i++) {
		k = &o->k[i];
		if (ak[i] == EMPTY || bk[i] == EMPTY) {
			c = (ak[i] == EMPTY) - (bk[i] == EMPTY);
			if (c != 0)
				return c;
			continue;
		}
		if (ak[i] != bk[i])
			c = ak[i] < bk[i] ? -1 : 1;
		else if (ak[i] != TEXT)
			c = (av[i].num > bv[i].num) - (av[i].num < bv[i].num);
		else
			c = cmp_text(&av[i], abase, &bv[i], bbase);
		if (c != 0)
			return k->desc ? -c : c;
	}
	return 0;
}

/* a sorts after b: their values compared. */
static int
after(const struct order *o, const void *a, const void *b,
    const void *(*vals)(const void *, const char **))
{
	const char *abase, *bbase;
	const void *av = vals(a, &abase), *bv = vals(b, &bbase);

	return order_cmp(o, av, abase, bv, bbase) > 0;
}

static void
merge_sort(const struct order *o, void **a, void **tmp, size_t n,
    const void *(*vals)(const void *, const char **))
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_sort(o, a, tmp, mid, vals);
	merge_sort(o, a + mid, tmp, n - mid, vals);
	if (!after(o, a[mid - 1], a[mid], vals))
		return;
	while (i < mid && j < n)
		tmp[k++] = after(o, a[i], a[j], vals) ? a[j++] : a[i++];
	while (i < mid)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof(*a));
}

void
order_sort(const struct order *o, void **items, size_t n,
    const void *(*vals)(const void *item, const char **base))
{
	void **tmp;

	if (n < 2)
		return;
	tmp = err_malloc(n * sizeof(*tmp));
	merge_sort(o, items, tmp, n, vals);
	free(tmp);
}

void
order_free(struct order *o)
{
	if (o == NULL)
		return;
	free(o->k);
	free(o);
}
