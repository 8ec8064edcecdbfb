/*
 * The holdings (--holdings): the in-force policies of the orphans'
 * policyholders, each with the agent who serves it and, for a main policy,
 * the date it was signed.  A policyholder with a policy an active agent
 * serves makes their orphans non-pure; those agents' signings are the
 * non-pure route's candidates (22.12).
 */
#include <stdlib.h>
#include <string.h>

#include "../../common/date.h"
#include "../../common/err.h"
#include "orphan.h"

enum { H_CUSTOMER, H_AGENT, H_MAIN, H_SIGN, NHCOL };

static const char *const col_names[NHCOL] = {
	"customer_id", "agent_id", "main_policy_id", "sign_date"
};

/* Holder h's name. */
static const char *
holder(const void *ctx, uint32_t h)
{
	const struct holdings *hd = ctx;

	return hd->name[h];
}

void
holdings_init(struct holdings *hd)
{
	keys_init(&hd->holders, holder, hd);
}

size_t
holdings_holder(struct holdings *hd, const char *customer)
{
	size_t k = hd->nholder, v;

	/* The name first: the index reads it when it grows. */
	err_grow(&hd->name, &hd->namecap, k + 1, sizeof(*hd->name));
	hd->name[k] = customer;
	if ((v = keys_intern(&hd->holders, customer, (uint32_t)k)) != k)
		return v;
	err_grow(&hd->first, &hd->firstcap, k + 1, sizeof(*hd->first));
	err_grow(&hd->served, &hd->servedcap, k + 1, sizeof(*hd->served));
	hd->first[k] = NOID;
	hd->served[k] = 0;
	return hd->nholder++;
}

/* The policies of the orphans' policyholders, by agents of the roster. */
void
holdings_read(struct holdings *hd, const struct roster *ro, struct rules *r,
    const char *path, const struct csvin_opts *o)
{
	const struct rec *rec;
	struct side in;
	struct holding *h;
	size_t col[NHCOL], i, ag;
	uint32_t c;
	int d;

	side_open(&in, "--holdings", path, o, r);
	for (i = 0; i < NHCOL; i++)
		col[i] = side_col(&in, col_names[i]);
	rec = &in.rec;
	while (side_next(&in)) {
		if ((c = keys_find(&hd->holders, rec->f[col[H_CUSTOMER]])) ==
		    NOID)
			continue;	/* not a policyholder of these orphans */
		if ((ag = roster_find(ro, rec->f[col[H_AGENT]])) == NONE)
			continue;	/* an agent outside the roster serves none */
		d = 0;
		if (rec->len[col[H_SIGN]] > 0 && date_parse(rec->f[col[H_SIGN]],
		    rec->len[col[H_SIGN]], &d) < 0)
			side_fail(&in, NOT_A_DATE,
			    side_header(&in)->names[col[H_SIGN]],
			    rec->f[col[H_SIGN]]);
		if (!ro->ag[ag].active)
			continue;	/* neither serves nor signs */
		hd->served[c] = 1;
		/* Only a main policy's signing names its agent (seed 004). */
		if (rec->len[col[H_MAIN]] > 0 || rec->len[col[H_SIGN]] == 0)
			continue;
		if (hd->n >= NOID)
			side_fail(&in, "more than %u holdings", NOID - 1);
		err_grow(&hd->h, &hd->cap, hd->n + 1, sizeof(*hd->h));
		h = &hd->h[hd->n];
		h->agent = (uint32_t)ag;
		h->sign = d;
		h->next = hd->first[c];
		hd->first[c] = (uint32_t)hd->n++;
	}
	side_close(&in);
}

int
holdings_nonpure(const struct holdings *hd, size_t holder)
{
	return hd->served[holder];
}

/* The order of candidates: the most recent signing first, then the id. */
static const struct roster *ranking;

static int
by_signing(const void *x, const void *y)
{
	const struct signer *p = x, *q = y;
	uint32_t r = ranking->ag[p->agent].rank, s = ranking->ag[q->agent].rank;

	if (p->sign != q->sign)
		return p->sign > q->sign ? -1 : 1;
	return (r > s) - (r < s);
}

/* Each agent's own signings together, the most recent first. */
static int
by_agent(const void *x, const void *y)
{
	const struct signer *p = x, *q = y;

	if (p->agent != q->agent)
		return p->agent < q->agent ? -1 : 1;
	return (p->sign < q->sign) - (p->sign > q->sign);
}

size_t
holdings_signers(const struct holdings *hd, const struct roster *ro,
    size_t holder, int since, struct signer **out, size_t *cap,
    struct signer *before)
{
	const struct holding *x;
	struct signer t;
	size_t h, n = 0, i, k;

	ranking = ro;
	before->agent = NONE;
	before->sign = 0;
	for (h = idx(hd->first[holder]); h != NONE; h = idx(x->next)) {
		x = &hd->h[h];
		t.agent = x->agent;
		t.sign = x->sign;
		if (x->sign < since) {
			if (before->agent == NONE || by_signing(&t, before) < 0)
				*before = t;
			continue;
		}
		err_grow(out, cap, n + 1, sizeof(**out));
		(*out)[n++] = t;
	}
	if (n < 2)
		return n;
	qsort(*out, n, sizeof(**out), by_agent);
	for (i = k = 1; i < n; i++)
		if ((*out)[i].agent != (*out)[k - 1].agent)
			(*out)[k++] = (*out)[i];
	qsort(*out, k, sizeof(**out), by_signing);
	return k;
}

void
holdings_free(struct holdings *hd)
{
	free(hd->h);
	free(hd->first);
	free(hd->served);
	free(hd->name);
	keys_free(&hd->holders);
}
