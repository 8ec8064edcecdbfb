/*
 * 接触率, 面访率 and the allowance of the service agents (seed 004, 区拓
 * 标准化服务及孤儿单回访): of the customers assigned to an agent (the book,
 * --assigned), those the agent contacted in the period (接触: a contact
 * of a kind in the rules' contact:, by default a message: "接触量——指通过
 * E行销系统发送信息的客户量") and those met face to face (面访).
 *
 * The allowance: each message to an assigned customer earns the amount of
 * the tier the agent's 接触率 falls in (调整系数1), each customer met face
 * to face that of the tier of the 面访率 (调整系数2), each amount being the
 * tier's coefficient times the rules' times: ("*10" in the seed, which
 * makes the coefficients 0.005-0.01 the seed's "0.05-0.1 元" a message
 * and 0.2-0.6 its "2元-6元" a visit).  The tiers are each agent's; a
 * group's allowance is the sum of its agents'.
 *
 * Only contacts of a customer by the agent they are assigned to, on or
 * after the assignment, count; the others are counted in --stats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "report.h"

#define MAXTIER 8

enum { F_CONTACTED = 1, F_MET = 2 };

enum {
	C_ASSIGNED, C_CONTACTED, C_CONTACT_RATE, C_MET, C_FACE_RATE,
	C_MESSAGES, C_MESSAGE_ALLOWANCE, C_FACE_ALLOWANCE, C_ALLOWANCE, NCOL
};

static const char *const colname[NCOL] = {
	"assigned", "contacted", "contact_rate", "met", "face_rate",
	"messages", "message_allowance", "face_allowance", "allowance"
};

/* A rate's tiers: the first whose below: the rate is under. */
struct tiers {
	long long below[MAXTIER];	/* millionths of a percent; -1: none */
	long long coef[MAXTIER];	/* millionths */
	size_t n;
};

/* An agent's, or a row's, figures. */
struct figures {
	unsigned long assigned, contacted, met, messages;
	long long message_pay, face_pay;	/* millionths of a yuan */
};

struct contacts {
	unsigned contact;		/* the kinds that are 接触 */
	long times;
	struct tiers message, face;
	struct figures *agent;		/* by book.agents */
	size_t col[NCOL];
};

static void
tiers_load(struct rules *r, const struct ynode *list, const char *what,
    struct tiers *t)
{
	static const char *const keys[] = { "below", "coefficient", NULL };
	const struct ynode *it, *b;
	size_t i;

	if (list == NULL || rules_want(r, list, Y_SEQ, what) < 0)
		return;
	if (list->n == 0 || list->n > MAXTIER) {
		rules_error(r, list, "%s takes from 1 to %d tiers, lowest "
		    "first", what, MAXTIER);
		return;
	}
	t->n = 0;
	for (i = 0; i < list->n; i++) {
		it = list->kid[i];
		if (rules_want(r, it, Y_MAP, what) < 0)
			continue;
		rules_keys(r, it, keys, keys + 1);
		b = rules_get(it, "below");
		t->below[t->n] = b == NULL ? -1 : money_rule(r, b, "below");
		if (b == NULL && i + 1 < list->n)
			rules_error(r, it, "%s: only the last tier goes without "
			    "below:", what);
		if (b != NULL && t->n > 0 && t->below[t->n - 1] >= 0 &&
		    t->below[t->n] <= t->below[t->n - 1])
			rules_error(r, b, "%s: each tier's below: is above the "
			    "one before", what);
		t->coef[t->n] = money_rule(r, rules_get(it, "coefficient"),
		    "coefficient");
		t->n++;
	}
}

static void
load(struct report *rp, struct rules *r, const struct ynode *m)
{
	static const char *const keys[] = { "contact", "times", "message",
		"face", NULL };
	struct contacts *c;
	const struct ynode *v;

	c = rp->con = err_calloc(1, sizeof(*rp->con));
	c->contact = 1u << K_MESSAGE;
	c->times = 1;
	if (m == NULL || rules_want(r, m, Y_MAP, "contacts") < 0)
		return;
	rules_keys(r, m, keys, NULL);
	c->contact = log_kinds(r, rules_get(m, "contact"), "contact",
	    c->contact);
	if ((v = rules_get(m, "times")) != NULL)
		rules_count(r, v, "times", 1, 1000000, &c->times);
	tiers_load(r, rules_get(m, "message"), "message", &c->message);
	tiers_load(r, rules_get(m, "face"), "face", &c->face);
}

static void
bind(struct report *rp, struct io *io)
{
	struct contacts *c = rp->con;

	log_bind(rp, io, 0);
	report_head(rp, io, 1);
	report_cols(io, colname, NCOL, c->col);
}

static void
open_book(struct report *rp, struct io *io)
{
	struct contacts *c = rp->con;
	struct entry *e;
	size_t i;

	book_read(rp, io, rp->to);
	c->agent = err_calloc(rp->book.agents.n + 1, sizeof(*c->agent));
	for (i = 0; i < rp->book.customers.keys.n; i++) {
		e = table_at(&rp->book.customers, i);
		c->agent[e->agent].assigned++;
	}
}

static void
row(struct report *rp, struct io *io, const struct rec *rec)
{
	struct contacts *c = rp->con;
	struct contact k;
	struct entry *e;
	struct figures *f;

	if (log_read(rp, io, rec, &k) <= 0 ||
	    (e = book_contact(rp, &k)) == NULL)
		return;
	f = &c->agent[e->agent];
	if ((c->contact & (1u << k.kind)) && !(e->flags & F_CONTACTED)) {
		e->flags |= F_CONTACTED;
		f->contacted++;
	}
	if (k.kind == K_MESSAGE)
		f->messages++;
	if (k.kind == K_FACE && !(e->flags & F_MET)) {
		e->flags |= F_MET;
		f->met++;
	}
}

/* The coefficient of the tier num / den falls in. */
static long long
coefficient(const struct tiers *t, unsigned long num, unsigned long den)
{
	size_t i;

	for (i = 0; i + 1 < t->n; i++)
		if (t->below[i] >= 0 && (unsigned long long)num * 100000000 <
		    (unsigned long long)t->below[i] * den)
			break;
	return t->n == 0 ? 0 : t->coef[i];
}

static void
add(struct figures *to, const struct figures *f)
{
	to->assigned += f->assigned;
	to->contacted += f->contacted;
	to->met += f->met;
	to->messages += f->messages;
	to->message_pay += f->message_pay;
	to->face_pay += f->face_pay;
}

static void
end(struct report *rp, struct io *io)
{
	struct contacts *c = rp->con;
	struct figures *f;
	struct table t;
	size_t i, j, *ix;
	char buf[NCOL][32];

	table_init(&t, sizeof(struct figures));
	groups_rows(&rp->groups, &t);
	for (i = 0; i < rp->book.agents.n; i++) {
		f = &c->agent[i];
		f->message_pay = (long long)f->messages * c->times *
		    coefficient(&c->message, f->contacted, f->assigned);
		f->face_pay = (long long)f->met * c->times *
		    coefficient(&c->face, f->met, f->assigned);
		add(table_at(&t, table_intern(&t, groups_key(&rp->groups,
		    rp->book.agents.names[i]), NULL)), f);
	}
	ix = groups_sorted(&t);
	for (i = 0; i < t.keys.n; i++) {
		f = table_at(&t, ix[i]);
		report_row(rp, io, 1, t.keys.names[ix[i]]);
		count_format(f->assigned, buf[C_ASSIGNED], 32);
		count_format(f->contacted, buf[C_CONTACTED], 32);
		rate_format(f->contacted, f->assigned, buf[C_CONTACT_RATE], 32);
		count_format(f->met, buf[C_MET], 32);
		rate_format(f->met, f->assigned, buf[C_FACE_RATE], 32);
		count_format(f->messages, buf[C_MESSAGES], 32);
		money_format(f->message_pay, buf[C_MESSAGE_ALLOWANCE], 32);
		money_format(f->face_pay, buf[C_FACE_ALLOWANCE], 32);
		money_format(f->message_pay + f->face_pay, buf[C_ALLOWANCE],
		    32);
		for (j = 0; j < NCOL; j++)
			schema_put(&io->schema, c->col[j], buf[j]);
		io_write(io);
	}
	free(ix);
	table_free(&t);
	log_stats(rp, io);
	book_stats(rp, io);
}

static void
contacts_free(struct report *rp)
{
	if (rp->con == NULL)
		return;
	free(rp->con->agent);
	free(rp->con);
}

const struct measure measure_contacts = {
	.name = "contacts",
	.takes = T_ASSIGNED | T_MONTH | T_WINDOW | T_BY,
	.needs = T_ASSIGNED,
	.load = load,
	.bind = bind,
	.open = open_book,
	.row = row,
	.end = end,
	.free = contacts_free,
};
