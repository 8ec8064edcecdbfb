#ifndef CM_ORPHAN_H
#define CM_ORPHAN_H

/*
 * cm-orphan-assign: give every orphan policy a new agent, by the seed's
 * rules (seed 004).  The parts, a file and a struct each:
 *
 *   roster.c	the roster (--agents): agents, their groups ranked by last
 *		month's output, the service agents of each area, and who is
 *		eligible (the rules' eligible: conditions);
 *   holdings.c	the policyholders' in-force policies (--holdings), and the
 *		agents who signed a main policy with a policyholder;
 *   units.c	the orphan policies, cut into units that move together (a
 *		main policy and its riders, a policyholder's policies);
 *   routes.c	the routes of the rules, tried in order for each unit, and
 *		the reason each placement gives;
 *   main.c	the tool: options, rules, the run, --loads and --stats.
 */

#include <limits.h>
#include <stddef.h>

#include "../../common/cond.h"
#include "../../common/csvout.h"
#include "../../common/arena.h"
#include "../../common/hold.h"
#include "../../common/io.h"
#include "../../common/rules.h"
#include "../../common/side.h"
#include "../../common/table.h"

#define NONE ((size_t)-1)

/* The roster's columns, as the rules name them. */
enum {
	R_AGENT, R_STATUS, R_ROLE, R_GROUP, R_SUPERVISOR, R_RECRUITER,
	R_DEVELOPER, R_REGION, R_HELD, R_OUTPUT, NRCOL
};

/* A named eligibility condition on the roster (eligible:). */
struct need {
	const char *name;
	struct cond *when;
};

struct agent {
	struct hold h;			/* the roster row */
	long held;			/* orphan policies held before */
	long now;			/* assigned in this run */
	double output;			/* last month's output */
	int active, service, supervisor;
	size_t group;			/* index in roster.groups, or NONE */
	signed char *ok;		/* per need: -1 not known yet, 0, 1 */
};

/* A group's agents, ranked, and whose turn it is. */
struct group {
	size_t start, n;		/* its agents: order[start .. start + n) */
	size_t cursor;			/* the agent whose turn it is */
	size_t count;			/* units they took in this turn */
};

/* The service agents of an area, in roster order. */
struct area {
	size_t *agents;
	size_t n;
};

struct roster {
	struct side in;			/* open from bind to open */
	char *name;			/* the file, for messages */
	size_t col[NRCOL];
	struct need *need;		/* the rules' eligible: */
	size_t nneed;
	struct agent *ag;
	size_t n, cap;
	struct cols ids;		/* agent id -> index */
	struct table groups;		/* group id -> struct group */
	size_t *order;			/* agents ranked within their groups */
	struct table areas;		/* area -> struct area */
	struct arena kept;		/* the roster's rows */
	struct rec tmp;			/* a row, for a condition */
};

void roster_load(struct roster *ro, struct rules *r, const struct ynode *m);
void roster_bind(struct roster *ro, struct rules *r, const char *path,
    const struct csvin_opts *o);
void roster_read(struct roster *ro);
const char *roster_id(const struct roster *ro, size_t ag);
const char *roster_field(const struct roster *ro, size_t ag, size_t col);
/* The agent of id, or NONE. */
size_t roster_find(const struct roster *ro, const char *id);
/* Whether agent ag meets the condition need k; a bad cell exits 1. */
int roster_eligible(struct roster *ro, size_t ag, size_t k);
void roster_free(struct roster *ro);

/* A policy of the holdings: its agent and sign date, by policyholder. */
struct holding {
	size_t agent;			/* index in the roster */
	int sign;			/* the sign date, or NOSIGN */
	size_t next;			/* the holder's next holding, or NONE */
};

#define NOSIGN INT_MIN		/* a rider's holding, or no sign date */

struct holdings {
	struct holding *h;
	size_t n, cap;
	struct cols holders;		/* policyholder -> index */
	size_t *first;			/* each holder's first holding */
	size_t firstcap;
};

/* An agent who signed a main policy with a policyholder, and when. */
struct signer {
	size_t agent;
	int sign;
};

/* The holder index of a policyholder of the orphans, added when new. */
size_t holdings_holder(struct holdings *hd, const char *customer);
void holdings_read(struct holdings *hd, const struct roster *ro,
    struct rules *r, const char *path, const struct csvin_opts *o);
/* Whether an active agent serves a policy of holder. */
int holdings_nonpure(const struct holdings *hd, const struct roster *ro,
    size_t holder);
/*
 * The active agents who signed a main policy with holder on or after
 * since, each once, the most recent first (ties to the lower id), in
 * *out (n of them); and the most recent signer before since in *before
 * (agent NONE when there is none).
 */
size_t holdings_signers(const struct holdings *hd, const struct roster *ro,
    size_t holder, int since, struct signer **out, size_t *cap,
    struct signer *before);
void holdings_free(struct holdings *hd);

/* The orphan policies' columns, as the rules name them. */
enum { P_POLICY, P_CUSTOMER, P_AGENT, P_MAIN, P_REGION, NPCOL };

enum kind { NONPURE, COMBINATION, PURE };

struct row {
	struct hold h;
	size_t unit;
	const char *state;
	int rider;			/* it has a main_policy_id */
	int rejected;
};

struct unit {
	size_t first;			/* its first row, in input order */
	size_t n;			/* rows */
	enum kind kind;
	size_t departed;		/* roster index of the departed agent */
	size_t holder;			/* index in holdings.holders */
	size_t at;			/* its rows: rows[at .. at + n) */
	const char *to;			/* agent id, queue:NAME, or "" */
	const char *route;
	char *reason;
};

struct units {
	size_t col[NPCOL];
	int keep_customer;
	struct row *rows;		/* every orphan policy, input order */
	size_t nrows, rowcap;
	struct unit *u;
	size_t n, cap;
	size_t *rowsof;			/* row indices, unit by unit */
	struct arena kept;		/* the rows' fields */
};

extern const char *const kind_names[];

struct row *units_add(struct units *us, const struct rec *rec);
void units_make(struct units *us, struct io *io, const struct roster *ro,
    struct holdings *hd);
void units_free(struct units *us);

/* The routes' ways to find an agent (ways.c); NWAY counts them. */
enum via {
	V_HOLDINGS, V_RECRUITER, V_SUPERVISOR, V_GROUP, V_SERVICE, V_QUEUE,
	NWAY
};

struct route {
	char *name;
	struct cond *when;		/* holds when it holds for any policy */
	int type;			/* -1 any, NONPURE, or PURE (and
					   combination) */
	enum via via;
	const char *queue;
	char *queue_to;			/* "queue:NAME" */
	int within;			/* holdings: months for the recent signer */
	size_t *need;			/* indices into roster.need */
	size_t nneed;
	unsigned long units, rows;	/* what it placed */
};

struct routes {
	struct route *r;
	size_t n;
	long cap;			/* orphan policies an agent may hold */
	long block;			/* units a turn in a group */
	int today;
	char *trail;			/* the reason being written, reused */
	size_t len, trailcap;
	struct signer *signers;		/* reused */
	size_t signercap;
	unsigned long unassigned;
};

/* Everything a route reads: the tool's parts. */
struct assign {
	const char *agents_path, *holdings_path, *loads_path;
	struct csvout *loads;
	struct { const char *name; struct cond *when; } *state;
	size_t nstate;
	const char *state_default;
	size_t ocol[5];			/* orphan_type ... reason */
	struct roster roster;
	struct holdings holdings;
	struct units units;
	struct routes routes;
};

/*
 * A way: its name in via:, how it picks (an agent, QUEUED, or NONE after
 * noting why not), and how it says why it picked that agent.
 */
struct way {
	const char *name;
	size_t (*pick)(struct assign *a, struct unit *u, const struct route *ro);
	void (*why)(struct assign *a, const struct unit *u,
	    const struct route *ro, size_t ag);
};

#define QUEUED ((size_t)-2)	/* a pick that put the unit in a queue */

extern const struct way ways[NWAY];

/* Why routes passed the unit on, and how one placed it: "; "-separated. */
void routes_note(struct routes *rs, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void routes_load(struct routes *rs, struct rules *r, const struct ynode *list,
    const struct roster *ro);
void routes_bind(struct routes *rs, struct rules *r, const struct cols *schema,
    const char *input);
void routes_place(struct assign *a, struct io *io);
void routes_free(struct routes *rs);

/* The output row of w (of unit u) in io->schema. */
void assign_row(struct assign *a, struct io *io, const struct row *w,
    const struct unit *u);

#endif
