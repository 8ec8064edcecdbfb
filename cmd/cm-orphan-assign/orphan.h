#ifndef CM_ORPHAN_H
#define CM_ORPHAN_H

/*
 * cm-orphan-assign: give every orphan policy a new agent, by the seed's
 * rules (seed 004).  The parts, a file and a struct each:
 *
 *   roster.c	the roster (--agents): agents, their groups ranked by last
 *		month's output, and who is eligible (the rules' eligible:
 *		conditions);
 *   holdings.c	the policyholders' in-force policies (--holdings), and the
 *		agents who signed a main policy with a policyholder;
 *   sources.c	where each orphan policy comes from (sources:): an agent who
 *		left, or another source (22.2);
 *   units.c	the orphan policies, cut into units that move together (a
 *		main policy and its riders, a policyholder's policies);
 *   addr.c	Chinese addresses cut into their levels (addr.h);
 *   areas.c	the service agents' areas: a trie of address prefixes,
 *		neighbouring areas, coordinates;
 *   near.c	the nearest service agent for an address (2.3);
 *   lend.c	each group's room, for borrowing between groups;
 *   routes.c	the routes of the rules, tried in order for each unit;
 *   ways.c	the ways a route finds an agent, and the reason each gives;
 *   notes.c	the words of the reasons (words:), and the reason written;
 *   loads.c	--loads: per agent, per group and per area;
 *   rows.c	the orphan policies as they arrive and as they are written;
 *   keys.c	indices of names that the kept rows hold (policies,
 *		policyholders), by number;
 *   main.c	the tool: options, rules, the run and --stats.
 */

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "../../common/cond.h"
#include "../../common/csvout.h"
#include "../../common/arena.h"
#include "../../common/hold.h"
#include "../../common/io.h"
#include "../../common/rules.h"
#include "../../common/side.h"
#include "../../common/table.h"
#include "../../common/value.h"
#include "addr.h"
#include "areas.h"

#define NONE ((size_t)-1)

/*
 * An index kept by the million (a row's agent and policyholder, a
 * holding's agent) takes 4 bytes, NOID for none; idx() gives it back as
 * an index, NONE for none.
 */
#define NOID UINT32_MAX

static inline size_t
idx(uint32_t v)
{
	return v == NOID ? NONE : (size_t)v;
}

struct assign;
struct route;
struct unit;

/*
 * An index of names kept elsewhere, by number (keys.c): key(ctx, v) is
 * the name of v, which must stay where it is while the index is used.
 */
struct keys {
	uint32_t *slot;			/* v + 1, or 0 for none */
	uint8_t *tag;			/* a byte of the hash of each */
	size_t nslot, n;
	const char *(*key)(const void *ctx, uint32_t v);
	const void *ctx;
};

void keys_init(struct keys *k, const char *(*key)(const void *, uint32_t),
    const void *ctx);
/* Room for n names without growing (each growth reads every name). */
void keys_reserve(struct keys *k, size_t n);
/* The number whose name is name, or NOID. */
uint32_t keys_find(const struct keys *k, const char *name);
/* The same, or when there is none v (< NOID), added with the name name. */
uint32_t keys_intern(struct keys *k, const char *name, uint32_t v);
void keys_free(struct keys *k);

/* The roster's columns, as the rules name them. */
enum {
	R_AGENT, R_STATUS, R_ROLE, R_GROUP, R_SUPERVISOR, R_RECRUITER,
	R_DEVELOPER, R_HELD, R_OUTPUT, NRCOL
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
	long once;			/* units given for one service (外派件) */
	double output;			/* last month's output */
	double lat, lon;		/* where a service agent is, */
	int located;			/* when the roster says */
	int active, service, supervisor;
	size_t group;			/* index in roster.groups, or NONE */
	uint32_t rank;			/* its place in the order of the ids */
	uint32_t link[3];		/* its supervisor, recruiter and
					   developer: an index, LINK_EMPTY or
					   LINK_ABSENT (roster_link) */
	signed char *ok;		/* per need: -1 not known yet, 0, 1 */
};

#define LINK_EMPTY ((size_t)-4)		/* the roster's cell is empty */
#define LINK_ABSENT ((size_t)-5)	/* it names no agent of the roster */

/* A group's agents, ranked, and whose turn it is. */
struct group {
	size_t start, n;		/* its agents: order[start .. start + n) */
	size_t cursor;			/* the agent whose turn it is */
	size_t count;			/* units they took in this turn */
	long placed;			/* what its agents took of its own */
	long lent;			/* what other groups took of its own */
	long borrowed;			/* what its agents took of others' */
};

struct roster {
	struct side in;			/* open from bind to open */
	char *name;			/* the file, for messages */
	struct cols header;		/* its header, for messages */
	size_t col[NRCOL];
	long area;			/* the area column, or -1 */
	long lat, lon;			/* the coordinates' columns, or -1 */
	struct need *need;		/* the rules' eligible: */
	size_t nneed;
	struct agent *ag;
	size_t n, cap;
	struct cols ids;		/* agent id -> index */
	struct table groups;		/* group id -> struct group */
	size_t *order;			/* agents ranked within their groups */
	struct arena kept;		/* the roster's rows */
	struct rec tmp;			/* a row, for a condition */
};

void roster_load(struct roster *ro, struct rules *r, const struct ynode *m);
void roster_bind(struct roster *ro, struct rules *r, const char *path,
    const struct csvin_opts *o);
void roster_read(struct roster *ro);
const char *roster_id(const struct roster *ro, size_t ag);
const char *roster_field(const struct roster *ro, size_t ag, size_t col);
/* The same for a column of the roster's header, by index. */
const char *roster_cell(const struct roster *ro, size_t ag, size_t col,
    size_t *len);
/* The agent of id, or NONE. */
size_t roster_find(const struct roster *ro, const char *id);
/*
 * The agent whom agent ag's cell of col (R_SUPERVISOR, R_RECRUITER or
 * R_DEVELOPER) names, found once when the roster is read: an index,
 * LINK_EMPTY or LINK_ABSENT.
 */
size_t roster_link(const struct roster *ro, size_t ag, size_t col);
/* Whether agent ag meets the condition need k; a bad cell exits 1. */
int roster_eligible(struct roster *ro, size_t ag, size_t k);
/* The name of the roster's column col, as its header has it. */
const char *roster_colname(const struct roster *ro, size_t col);
/* "FILE:LINE: what" for agent ag's row, and exit status 1. */
void roster_fail(const struct roster *ro, size_t ag, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));
void roster_free(struct roster *ro);

/*
 * A main policy of the holdings that an active agent signed: its agent
 * and sign date, by policyholder.  Only those are kept (12 bytes each, by
 * the million): whether an active agent serves any policy of a holder is
 * one flag of the holder's.
 */
struct holding {
	uint32_t agent;			/* index in the roster */
	int32_t sign;			/* the sign date */
	uint32_t next;			/* the holder's next holding, or NOID */
};

struct holdings {
	struct holding *h;
	size_t n, cap;
	struct keys holders;		/* policyholder -> index */
	size_t nholder;
	const char **name;		/* each holder's: a field of a row kept
					   in units.kept */
	uint32_t *first;		/* each holder's first holding */
	unsigned char *served;		/* each holder: an active agent
					   serves one of their policies */
	size_t namecap, firstcap, servedcap;
};

/* An agent who signed a main policy with a policyholder, and when. */
struct signer {
	size_t agent;
	int sign;
};

void holdings_init(struct holdings *hd);
/*
 * The holder index of a policyholder of the orphans, added when new; the
 * name is borrowed, and must stay where it is until holdings_free() (a
 * field of a row kept in units.kept).
 */
size_t holdings_holder(struct holdings *hd, const char *customer);
void holdings_read(struct holdings *hd, const struct roster *ro,
    struct rules *r, const char *path, const struct csvin_opts *o);
/* Whether an active agent serves a policy of holder. */
int holdings_nonpure(const struct holdings *hd, size_t holder);
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

/* A source of orphan policies (sources:), and whether its agent left. */
struct source {
	const char *name;
	size_t len;
	int departed;
	const struct ynode *at;
};

struct sources {
	struct source *s;		/* none without sources: */
	size_t n;
	long dflt;			/* the default's index */
	char expect[256];		/* "离司, 迁入 or 整合", for messages */
};

void sources_load(struct sources *ss, struct rules *r, const struct ynode *m);
/* The index of the source named by the cell s, or -1 when unknown. */
long sources_find(const struct sources *ss, const char *s, size_t len);
/* A route's source: list, as indices into ss, in *out (n of them). */
size_t sources_list(const struct sources *ss, struct rules *r,
    const struct ynode *list, int **out);
void sources_free(struct sources *ss);

/* The orphan policies' columns, as the rules name them. */
enum { P_POLICY, P_CUSTOMER, P_AGENT, P_MAIN, NPCOL };

/* The columns the tool reads when the rules ask for them, else -1. */
enum {
	Q_SOURCE, Q_ADDRESS, Q_NAMED, Q_PREMIUM, Q_LAT, Q_LON, NQCOL
};

enum kind { NONPURE, COMBINATION, PURE };

/*
 * An orphan policy, kept by the million: its fields, then numbers (40
 * bytes in all).  Its agent and policyholder are found once, as it is
 * read; the states and the sources of the rules are fewer than 32767
 * (load_states(), sources_load()).
 */
struct row {
	struct hold h;
	uint32_t unit;
	uint32_t former;		/* the roster's index of its agent, or
					   NOID */
	uint32_t holder;		/* index in holdings.holders */
	uint32_t state : 15;		/* index in assign.state, nstate for
					   the default */
	uint32_t src : 15;		/* row_source() + 1 */
	uint32_t rider : 1;		/* it has a main_policy_id */
	uint32_t rejected : 1;
};

#define MAXSTATES 32766		/* the states and sources a row can name */

/* The row's source: an index in the sources, or -1. */
static inline int
row_source(const struct row *w)
{
	return (int)w->src - 1;
}

/*
 * A unit is kept by the hundred thousand: numbers, not pointers (40
 * bytes); units are made in the order of their first rows.  Where it
 * went is its route and agent, and its reason where the numbers of its
 * notes start (routes.seq); the row it is written with is made from
 * them.
 */
struct unit {
	uint32_t n;			/* rows */
	uint32_t at;			/* its rows: rowsof[at .. at + n) */
	uint32_t weight;		/* what it counts against the cap */
	uint32_t former;		/* roster index of its agent, or NOID */
	uint32_t holder;		/* index in holdings.holders */
	uint32_t to;			/* the agent it went to, or NOID */
	uint32_t reason;		/* in routes.seq, or NOID */
	uint32_t area;			/* its line of --loads, when it went
					   to the service team, or NOID */
	int16_t source;			/* its first row's, or -1 */
	uint16_t route;			/* the route that placed it, + 1, or
					   0 for none */
	uint8_t kind;			/* enum kind */
	uint8_t departed : 1;		/* it comes from an agent who left */
	uint8_t once : 1;		/* given for one service (外派件) */
	uint8_t agent : 1;		/* placed with an agent, not a queue */
	uint8_t waited : 1;		/* the service team had no one */
};

struct units {
	size_t col[NPCOL];
	long opt[NQCOL];		/* the optional columns, or -1 */
	int keep_customer;
	int contracts;			/* the cap counts contracts */
	struct row *rows;		/* every orphan policy, input order */
	size_t nrows, rowcap;
	struct unit *u;
	size_t n, cap;
	uint32_t *rowsof;		/* row indices, unit by unit */
	struct arena kept;		/* the rows' fields */
};

struct row *units_add(struct units *us, const struct rec *rec);
void units_make(struct units *us, struct io *io, const struct holdings *hd,
    const struct sources *ss);
/* The cell c (an opt[] column) of the unit's first row that has one. */
const char *units_cell(const struct units *us, const struct unit *u,
    int c, size_t *len);
void units_free(struct units *us);

/* The routes' ways to find an agent (ways.c); NWAY counts them. */
enum via {
	V_HOLDINGS, V_RECRUITER, V_SUPERVISOR, V_GROUP, V_BORROW, V_SERVICE,
	V_ENTRUST, V_QUEUE, NWAY
};

struct route {
	char *name;
	struct cond *when;		/* holds when it holds for any policy */
	int type;			/* -1 any, NONPURE, or PURE (and
					   combination) */
	int *sources;			/* the sources it takes, or all */
	size_t nsources;
	enum via via;
	const char *queue;
	char *queue_to;			/* "queue:NAME" */
	int within;			/* holdings: months for the recent signer */
	long same;			/* borrow: the roster column, or -1 */
	struct lend lend;		/* borrow: the groups' room */
	size_t *need;			/* indices into roster.need */
	size_t nneed;
	unsigned long units, rows;	/* what it placed */
};

/*
 * The words the tool writes into its data (notes.c has their English, in
 * this order), which words: of the rules may give in the branch's
 * language (words.h): the reasons, with placeholders; the roles of a
 * departed agent's roster; the levels of an address, in the order of
 * enum addr_level; the once column's yes; the orphan types, in the order
 * of enum kind (written in Chinese without words:, as before words: had
 * them: orphan_fixed); and what joins a reason's parts.
 */
enum word {
	W_NOTE, W_FORMER, W_INACTIVE, W_NOT_ELIGIBLE, W_OVER_CAP,
	W_NOT_DEPARTED, W_NO_SIGNER, W_NO_ROLE, W_NOT_IN_ROSTER, W_NO_GROUP,
	W_GROUP_FULL, W_NO_ROOM, W_NO_ROOM_SAME, W_QUEUE, W_SIGNER, W_ROLE,
	W_TURN, W_BORROWED, W_BORROWED_FOR, W_NEAR_AREA, W_NEAR_NEIGHBOUR,
	W_NEAR_KM, W_ONCE, W_NAMED, W_NO_NEIGHBOUR, W_NO_COORDS, W_AREA_FULL,
	W_NO_ADDRESS, W_NOT_NEAR, W_NO_ROUTE,
	W_RECRUITER, W_SUPERVISOR, W_DEVELOPER,
	W_LEVEL,			/* ADDR_NLEVEL of them */
	W_YES = W_LEVEL + ADDR_NLEVEL,
	W_KIND,				/* 3 of them, by enum kind */
	W_JOIN = W_KIND + 3,
	W_N
};

/*
 * The English of enum word, in its order, and the words that are not
 * their English without words: (notes.c).
 */
extern const char *const orphan_words[];
extern const char *const orphan_fixed[];

struct routes {
	const char *word[W_N];		/* words:, or the English */
	char *note;			/* a reason being filled, reused */
	size_t notelen, notecap;
	struct route *r;
	size_t n;
	const struct ynode *rules;	/* the routes: list */
	long cap;			/* orphan policies an agent may hold */
	long block;			/* units a turn in a group */
	int today;
	/*
	 * A unit's reason is the notes of the routes it went through,
	 * joined by W_JOIN; a note recurs in many (an agent over the cap,
	 * a group that is full), a whole reason seldom.  Each note is kept
	 * once, in notes with its length (a uint32_t), and each unit's
	 * reason is where its notes' numbers start in seq (their count,
	 * then the numbers): some 10 bytes a unit, not the 300 of a reason
	 * written out.
	 */
	struct table notes;
	uint32_t *seq;
	size_t nseq, seqcap;
	size_t first;			/* the reason being made: seq[first] */
	char *piece;			/* a note being made, reused */
	size_t piecelen, piececap;
	char *text;			/* a reason written out, reused */
	size_t textcap;
	struct signer *signers;		/* reused */
	size_t signercap;
	struct near near;		/* how near the service agent is */
	signed char *when;		/* per route: its when for the unit
					   being placed, 1, 0, -1, or 2 not
					   worked out yet */
	char (*whenmsg)[512];		/* per route: why it is -1 */
	int named;			/* named on the policy (外派件) */
	char bad[512];			/* a data error a way found */
	unsigned long unassigned;
};

/* The columns the tool writes, in this order after the input's. */
enum {
	O_TYPE, O_STATE, O_TO, O_ROUTE, O_REASON, O_SOURCE, O_DATE,
	O_HIGH, O_ONCE, NOCOL
};

/* Everything a route reads: the tool's parts. */
struct assign {
	struct io *io;			/* the run */
	const char *agents_path, *holdings_path, *loads_path;
	struct csvout *loads;
	struct {
		const char *name;
		size_t len;
		struct cond *when;
	} *state;			/* the state rules, then the default */
	size_t nstate;
	long high_end;			/* the premium of a high-end customer,
					   or 0 */
	size_t ocol[NOCOL];
	char today[16];			/* the run's date, as written */
	double *high;			/* per policyholder: the annual premium
					   of their orphan policies (high-end
					   from high_end), or NULL */
	char highnum[VALUE_NUMLEN];	/* one written */
	struct roster roster;
	struct holdings holdings;
	struct sources sources;
	struct units units;
	struct areas areas;
	struct routes routes;
};

/*
 * A way: its name in via:, how it picks (an agent, QUEUED, or NONE after
 * noting why not), and how it says why it picked that agent.
 */
struct way {
	const char *name;
	size_t (*pick)(struct assign *a, struct unit *u, struct route *ro);
	void (*why)(struct assign *a, const struct unit *u,
	    const struct route *ro, size_t ag);
};

#define QUEUED ((size_t)-2)	/* a pick that put the unit in a queue */
#define REJECT ((size_t)-3)	/* a pick that found a data error (why in
				   routes.bad) */

extern const struct way ways[NWAY];

/*
 * 1 when agent ag may take unit u on route ro (under the cap when
 * capped); else 0, with a note why when say.
 */
int ways_can_take(struct assign *a, size_t ag, const struct unit *u,
    const struct route *ro, int say, int capped);

/*
 * Why routes passed the unit on, and how one placed it, joined by W_JOIN,
 * each the word w with its placeholders' values, given as pairs of name
 * and value strings up to a NULL name, after the route's name (word
 * W_NOTE) unless ro is NULL.
 */
void routes_note(struct routes *rs, const struct route *ro, enum word w,
    ...);
/* The same, wrapped in W_ONCE (for one service, 外派件) when once. */
void routes_note_once(struct routes *rs, const struct route *ro, int once,
    enum word w, ...);
/* Starts a unit's reason; its notes follow; returns where it starts. */
uint32_t routes_reason_start(struct routes *rs);
/* Reason r (of routes_reason_start) written out, its length in *len. */
const char *routes_reason(struct routes *rs, uint32_t r, size_t *len);

void routes_load(struct routes *rs, struct rules *r, const struct ynode *list,
    const struct roster *ro, const struct sources *ss);
void routes_bind(struct routes *rs, struct rules *r, const struct cols *schema,
    const char *input);
/* The roster columns of the routes (same:), once the roster is open. */
void routes_roster(struct routes *rs, struct rules *r, const struct side *in);
void routes_place(struct assign *a, struct io *io);
void routes_free(struct routes *rs);

/* rows.c: the tool's row callback, and the high-end policyholders. */
void rows_arrive(void *self, struct io *io, const struct rec *rec);
unsigned long rows_high_end(struct assign *a);
/* The output row of w (of unit u) in io->schema. */
void assign_row(struct assign *a, struct io *io, const struct row *w,
    const struct unit *u);

/* --loads. */
void loads_write(struct assign *a, struct io *io);

#endif
