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

size_t
holdings_holder(struct holdings *hd, const char *customer)
{
	int added;
	size_t k = cols_intern(&hd->holders, customer, &added);

	if (added) {
		err_grow(&hd->first, &hd->firstcap, k + 1, sizeof(*hd->first));
		hd->first[k] = NONE;
	}
	return k;
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
	long c;
	int d;

	side_open(&in, "--holdings", path, o, r);
	for (i = 0; i < NHCOL; i++)
		col[i] = side_col(&in, col_names[i]);
	rec = &in.rec;
	while (side_next(&in)) {
		if ((c = cols_find(&hd->holders, rec->f[col[H_CUSTOMER]])) < 0)
			continue;	/* not a policyholder of these orphans */
		if ((ag = roster_find(ro, rec->f[col[H_AGENT]])) == NONE)
			continue;	/* an agent outside the roster serves none */
		d = 0;
		if (rec->len[col[H_SIGN]] > 0 && date_parse(rec->f[col[H_SIGN]],
		    rec->len[col[H_SIGN]], &d) < 0)
			side_fail(&in, NOT_A_DATE,
			    side_header(&in)->names[col[H_SIGN]],
			    rec->f[col[H_SIGN]]);
		err_grow(&hd->h, &hd->cap, hd->n + 1, sizeof(*hd->h));
		h = &hd->h[hd->n];
		h->agent = ag;
		/* Only a main policy's signing names its agent (seed 004). */
		h->sign = rec->len[col[H_MAIN]] == 0 &&
		    rec->len[col[H_SIGN]] > 0 ? d : NOSIGN;
		h->next = hd->first[c];
		hd->first[c] = hd->n++;
	}
	side_close(&in);
}

int
holdings_nonpure(const struct holdings *hd, const struct roster *ro,
    size_t holder)
{
	size_t h;

	for (h = hd->first[holder]; h != NONE; h = hd->h[h].next)
		if (ro->ag[hd->h[h].agent].active)
			return 1;
	return 0;
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
	for (h = hd->first[holder]; h != NONE; h = x->next) {
		x = &hd->h[h];
		if (x->sign == NOSIGN || !ro->ag[x->agent].active)
			continue;
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
	cols_free(&hd->holders);
}
