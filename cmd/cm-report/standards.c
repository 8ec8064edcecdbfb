/*
 * The orphan visit standards (seed 004, 孤儿单经营的基本原则: "孤儿单客户
 * 必须100%上门拜访; ... 孤儿单客户必须在60天内拜访三次以上", and 正常件面访
 * 服务的服务标准: "对于正常件保单,必须达到100%面访 / 每个保单年度面访不少于
 * 四次"), as of --today: each assigned customer (the book, --assigned)
 * who falls short of one, with the visits made, the visits short and
 * the day by which they are due.
 *
 *   three_in_60_days	visits face to face by the agent the customer is
 *			assigned to, from the day of the assignment to the
 *			60th day after it (a visit on the 60th day counts,
 *			one on the 61st does not); the first of them is the
 *			seed's 上门拜访.  Due the 60th day.
 *   four_a_policy_year	for each 正常件 of the customer (the rules'
 *			normal: condition on the assigned row), visits face
 *			to face by that agent in the policy year that holds
 *			--today (from an anniversary of anniversary:, the
 *			sign date, to the day before the next).  Due the
 *			policy year's last day.
 *
 * The visits are the log's rows made, of kind face, up to --today.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "../../common/words.h"
#include "report.h"

/* The standards' names, then overdue's words, as words: may give them. */
enum { S_THREE, S_FOUR, S_YES, S_NO, S_N };

static const char *const standard[S_N + 1] = {
	"three_in_60_days", "four_a_policy_year", "yes", "no", NULL
};

enum {
	O_CUSTOMER, O_POLICY, O_STANDARD, O_ASSIGNED_DATE, O_VISITS,
	O_REQUIRED, O_SHORT, O_DUE, O_OVERDUE, NCOL
};

static const char *const colname[NCOL] = {
	"customer_id", "policy_id", "standard", "assigned_date", "visits",
	"required", "short", "due", "overdue"
};

/* A 正常件 of a customer of the book. */
struct pol {
	size_t customer;		/* in book.customers */
	int start, end;			/* the policy year of --today */
	unsigned visits;
	long next;			/* the customer's next, or -1 */
};

/* A row of the output, to be sorted. */
struct shortfall {
	size_t customer;
	long policy;			/* in policies, or -1 */
	int standard;
	unsigned visits, required;
	int due;
};

struct standards {
	struct cond *normal;
	const char *word[S_N];		/* standard[], in the rules' words: */
	const char *anniversary;
	long within, three, four;
	size_t policy_col, sign_col;
	struct table policies;		/* policy_id -> struct pol */
	size_t col[NCOL];
	int today;
	unsigned long future;
};

static void
load(struct report *rp, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = { "within", "visits", "normal",
		"anniversary", "policy_year", NULL };
	struct standards *s;
	const struct ynode *v;

	s = rp->std = err_calloc(1, sizeof(*rp->std));
	s->within = 60;
	s->three = 3;
	s->four = 4;
	s->anniversary = "sign_date";
	table_init(&s->policies, sizeof(struct pol));
	words_load(r, r->root == NULL ? NULL : rules_get(r->root, "words"),
	    standard, s->word);
	if (m == NULL || rules_want(r, m, Y_MAP, "standards") < 0)
		return;
	rules_keys(r, m, keys, NULL);
	if ((v = rules_get(m, "within")) != NULL)
		rules_count(r, v, "within", 1, 3660, &s->within);
	if ((v = rules_get(m, "visits")) != NULL)
		rules_count(r, v, "visits", 1, 1000, &s->three);
	if ((v = rules_get(m, "policy_year")) != NULL)
		rules_count(r, v, "policy_year", 1, 1000, &s->four);
	if ((v = rules_get(m, "normal")) != NULL &&
	    rules_want(r, v, Y_MAP, "normal") == 0)
		s->normal = cond_compile(r, v);
	s->anniversary = rules_scalar(r, m, "anniversary", s->anniversary);
}

/* The book's columns of the policies. */
static void
book_bind(struct report *rp, struct side *sd)
{
	struct standards *s = rp->std;

	s->policy_col = side_col(sd, "policy_id");
	s->sign_col = side_col(sd, s->anniversary);
	if (s->normal != NULL && cond_bind(s->normal, (struct rules *)sd->r,
	    side_header(sd), side_name(sd)) < 0)
		rules_done((struct rules *)sd->r);
}

/* The policy year of sign that holds today: [start, end]. */
static int
policy_year(int sign, int today, int *start, int *end)
{
	int y, m, d, ty, k;

	if (sign > today)
		return -1;
	date_to_ymd(sign, &y, &m, &d);
	date_to_ymd(today, &ty, &m, &d);
	k = ty - y;
	if (date_add_months(sign, 12 * k) > today)
		k--;
	*start = date_add_months(sign, 12 * k);
	*end = date_add_months(sign, 12 * (k + 1)) - 1;
	return 0;
}

/* Each assigned row: a 正常件 joins its customer's policies. */
static void
book_each(struct report *rp, struct side *sd, size_t customer)
{
	struct standards *s = rp->std;
	struct entry *e = table_at(&rp->book.customers, customer);
	struct pol *p;
	char msg[512];
	int sign, added, v;
	size_t i;

	if (s->normal != NULL) {
		v = cond_eval(s->normal, sd->rec.f, sd->rec.len, msg,
		    sizeof(msg));
		if (v < 0)
			side_fail(sd, "%s", msg);
		if (v == 0)
			return;
	}
	if (sd->rec.len[s->policy_col] == 0)
		side_fail(sd, "column '%s' is empty: which policy is it?",
		    side_header(sd)->names[s->policy_col]);
	if (date_parse(sd->rec.f[s->sign_col], sd->rec.len[s->sign_col],
	    &sign) < 0)
		side_fail(sd, "column '%s': '%s' is not a date",
		    side_header(sd)->names[s->sign_col],
		    sd->rec.f[s->sign_col]);
	i = table_intern(&s->policies, sd->rec.f[s->policy_col], &added);
	if (!added)
		return;
	p = table_at(&s->policies, i);
	p->customer = customer;
	if (policy_year(sign, s->today, &p->start, &p->end) < 0) {
		s->future++;
		p->start = INT_MAX;
		p->end = INT_MIN;
	}
	p->next = e->policy == NO_POLICY ? -1 : (long)e->policy;
	e->policy = (uint32_t)i;
}

static void
bind(struct report *rp, struct io *io)
{
	struct standards *s = rp->std;

	s->today = io->o.today;
	rp->from = INT_MIN / 2;
	rp->to = s->today;
	rp->book.bind = book_bind;
	rp->book.each = book_each;
	log_bind(rp, io, 0);
	report_head(rp, io, 0);
	report_cols(io, colname, NCOL, s->col);
}

static void
open_book(struct report *rp, struct io *io)
{
	book_read(rp, io, rp->to);
}

static void
row(struct report *rp, struct io *io, const struct rec *rec)
{
	struct standards *s = rp->std;
	struct contact k;
	struct entry *e;
	struct pol *p;
	long i;

	if (log_read(rp, io, rec, &k) <= 0 || k.kind != K_FACE ||
	    (e = book_contact(rp, &k)) == NULL)
		return;
	if (k.date <= e->date + s->within && e->visits < UINT16_MAX)
		e->visits++;
	for (i = e->policy == NO_POLICY ? -1 : (long)e->policy; i >= 0;
	    i = p->next) {
		p = table_at(&s->policies, (size_t)i);
		if (k.date >= p->start && k.date <= p->end)
			p->visits++;
	}
}

/* By agent, customer, standard, policy. */
static const struct report *sorting;

static int
by_place(const void *a, const void *b)
{
	const struct shortfall *x = a, *y = b;
	const struct table *c = &sorting->book.customers;
	const struct entry *ex = table_at(c, x->customer);
	const struct entry *ey = table_at(c, y->customer);
	int d;

	if ((d = strcmp(sorting->book.agents.names[ex->agent],
	    sorting->book.agents.names[ey->agent])) != 0)
		return d;
	if ((d = strcmp(c->keys.names[x->customer],
	    c->keys.names[y->customer])) != 0)
		return d;
	if (x->standard != y->standard)
		return x->standard - y->standard;
	if (x->policy < 0 || y->policy < 0)
		return (x->policy > y->policy) - (x->policy < y->policy);
	return strcmp(sorting->std->policies.keys.names[x->policy],
	    sorting->std->policies.keys.names[y->policy]);
}

static void
put(struct report *rp, struct io *io, const struct shortfall *f)
{
	struct standards *s = rp->std;
	const struct entry *e = table_at(&rp->book.customers, f->customer);
	char buf[NCOL][DATE_LEN + 24];
	size_t j;

	report_row(rp, io, 0, rp->book.agents.names[e->agent]);
	snprintf(buf[O_CUSTOMER], sizeof(buf[0]), "%s", "");
	date_format(e->date, buf[O_ASSIGNED_DATE]);
	count_format(f->visits, buf[O_VISITS], sizeof(buf[0]));
	count_format(f->required, buf[O_REQUIRED], sizeof(buf[0]));
	count_format(f->required - f->visits, buf[O_SHORT], sizeof(buf[0]));
	date_format(f->due, buf[O_DUE]);
	for (j = 0; j < NCOL; j++)
		schema_put(&io->schema, s->col[j], j == O_CUSTOMER ?
		    rp->book.customers.keys.names[f->customer] :
		    j == O_POLICY ? (f->policy < 0 ? "" :
		    s->policies.keys.names[f->policy]) : j == O_STANDARD ?
		    s->word[f->standard] : j == O_OVERDUE ?
		    s->word[f->due < s->today ? S_YES : S_NO] : buf[j]);
	io_write(io);
}

static void
end(struct report *rp, struct io *io)
{
	struct standards *s = rp->std;
	struct shortfall *out = NULL;
	struct entry *e;
	struct pol *p;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < rp->book.customers.keys.n; i++) {
		e = table_at(&rp->book.customers, i);
		if (e->visits < (unsigned)s->three) {
			err_grow(&out, &cap, n + 1, sizeof(*out));
			out[n++] = (struct shortfall){ i, -1, S_THREE,
			    e->visits, (unsigned)s->three,
			    e->date + (int)s->within };
		}
	}
	for (i = 0; i < s->policies.keys.n; i++) {
		p = table_at(&s->policies, i);
		if (p->start > p->end || p->visits >= (unsigned)s->four)
			continue;
		err_grow(&out, &cap, n + 1, sizeof(*out));
		out[n++] = (struct shortfall){ p->customer, (long)i, S_FOUR,
		    p->visits, (unsigned)s->four, p->end };
	}
	sorting = rp;
	qsort(out, n, sizeof(*out), by_place);
	for (i = 0; i < n; i++)
		put(rp, io, &out[i]);
	free(out);
	log_stats(rp, io);
	book_stats(rp, io);
	io_stat(io, "正常件 policies", s->policies.keys.n);
	io_stat(io, "正常件 signed after --today", s->future);
}

static void
standards_free(struct report *rp)
{
	if (rp->std == NULL)
		return;
	cond_free(rp->std->normal);
	table_free(&rp->std->policies);
	free(rp->std);
}

const struct measure measure_standards = {
	.name = "standards",
	.takes = T_ASSIGNED,
	.needs = T_ASSIGNED,
	.load = load,
	.bind = bind,
	.open = open_book,
	.row = row,
	.end = end,
	.free = standards_free,
};
