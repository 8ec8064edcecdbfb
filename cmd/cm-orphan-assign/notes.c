/*
 * The words of the reasons a unit is written with, and the reason being
 * written: each note in the rules' words (words:, words.h), after the
 * route's name, joined by the word W_JOIN ("; ").
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/err.h"
#include "../../common/words.h"
#include "orphan.h"

const char *const orphan_words[] = {
	[W_NOTE] = "{route}: {reason}",
	[W_FORMER] = "{agent} is the former agent",
	[W_INACTIVE] = "{agent} is not active",
	[W_NOT_ELIGIBLE] = "{agent} is not eligible ({why})",
	[W_OVER_CAP] = "{agent} would hold {count}, over the cap of {cap}",
	[W_NOT_DEPARTED] =
	    "the policy is not from an agent who left (source {source})",
	[W_NO_SIGNER] =
	    "no active agent signed a main policy with the policyholder",
	[W_NO_ROLE] = "{agent} has no {role}",
	[W_NOT_IN_ROSTER] = "{role} {agent} is not in the roster",
	[W_NO_GROUP] = "{agent} has no group",
	[W_GROUP_FULL] = "no agent of group {group} can take it",
	[W_NO_ROOM] = "no other group has room for it",
	[W_NO_ROOM_SAME] =
	    "no other group of {column} '{value}' has room for it",
	[W_QUEUE] = "to the queue {queue}",
	[W_SIGNER] = "{agent} signed a main policy with the policyholder",
	[W_ROLE] = "{agent} is the {role} of {former}",
	[W_TURN] = "{agent}'s turn in group {group} (by last month's output)",
	[W_BORROWED] = "{agent}'s turn in group {group}, the group with the "
	    "most room (by last month's output)",
	[W_BORROWED_FOR] = "{agent}'s turn in group {group}, the group with "
	    "the most room, for group {own} (by last month's output)",
	[W_NEAR_AREA] =
	    "{agent}, the least loaded service agent of {area} ({level})",
	[W_NEAR_NEIGHBOUR] = "{agent}, the least loaded service agent of "
	    "{area}, neighbour of {of}",
	[W_NEAR_KM] =
	    "{agent}, the nearest service agent who can take it, {km} km",
	[W_ONCE] = "{reason}, for one service",
	[W_NAMED] = "{agent} is named on the policy, for one service",
	[W_NO_NEIGHBOUR] =
	    "no service agent of a neighbour of {area} can take it",
	[W_NO_COORDS] = "no service agent with coordinates can take it",
	[W_AREA_FULL] = "no service agent of {area} ({level}) can take it",
	[W_NO_ADDRESS] = "the policy has no address",
	[W_NOT_NEAR] = "no service agent's area is near '{address}'",
	[W_NO_ROUTE] = "no route could place it",
	[W_RECRUITER] = "recruiter",
	[W_SUPERVISOR] = "supervisor",
	[W_DEVELOPER] = "developer",
	[W_LEVEL + ADDR_PROVINCE] = "province",
	[W_LEVEL + ADDR_CITY] = "city",
	[W_LEVEL + ADDR_DISTRICT] = "district",
	[W_LEVEL + ADDR_STREET] = "street",
	[W_LEVEL + ADDR_ROAD] = "road",
	[W_LEVEL + ADDR_NUMBER] = "number",
	[W_LEVEL + ADDR_ESTATE] = "estate",
	[W_YES] = "yes",
	[W_KIND + NONPURE] = "non-pure orphan",
	[W_KIND + COMBINATION] = "combination orphan",
	[W_KIND + PURE] = "pure orphan",
	[W_JOIN] = "; ",
	[W_N] = NULL
};

/* The orphan types were written in Chinese before words: had them. */
const char *const orphan_fixed[W_N] = {
	[W_KIND + NONPURE] = "非纯孤儿单",
	[W_KIND + COMBINATION] = "组合性孤儿保单",
	[W_KIND + PURE] = "纯孤儿单"
};

_Static_assert(W_YES == W_LEVEL + ADDR_ESTATE + 1,
    "an address level without its word in orphan_words[]");
_Static_assert(W_JOIN == W_KIND + PURE + 1,
    "an orphan type without its word in orphan_words[]");

#define MAXARGS 8	/* the placeholders of a word, and {route} */

/* Makes room for n more numbers in rs->seq. */
static void
seq_room(struct routes *rs, size_t n)
{
	if (rs->nseq + n >= NOID)
		err_exit(EXIT_DATA, "the reasons of the orphan policies take "
		    "more than %u notes", NOID - 1);
	err_grow(&rs->seq, &rs->seqcap, rs->nseq + n, sizeof(*rs->seq));
}

uint32_t
routes_reason_start(struct routes *rs)
{
	if (rs->notes.size == 0)
		table_init(&rs->notes, sizeof(uint32_t));
	seq_room(rs, 1);
	rs->first = rs->nseq;
	rs->seq[rs->nseq++] = 0;
	return (uint32_t)rs->first;
}

/* The note in rs->piece, kept once, after the reason being made. */
static void
add_note(struct routes *rs)
{
	size_t k;
	int added;

	k = table_intern(&rs->notes, rs->piece, &added);
	if (added)
		*(uint32_t *)table_at(&rs->notes, k) = (uint32_t)rs->piecelen;
	seq_room(rs, 1);
	rs->seq[rs->nseq++] = (uint32_t)k;
	rs->seq[rs->first]++;
}

/*
 * Its notes joined by W_JOIN, as they were made: the join goes between
 * two notes when the text so far is not empty.
 */
const char *
routes_reason(struct routes *rs, uint32_t r, size_t *len)
{
	const uint32_t *id = rs->seq + r + 1;
	size_t i, n = rs->seq[r], k;
	uint32_t piece;

	*len = 0;
	if (rs->textcap == 0) {
		rs->text = err_malloc(64);
		rs->textcap = 64;
	}
	rs->text[0] = '\0';
	for (i = 0; i < n; i++) {
		if (*len > 0)
			words_fill(&rs->text, len, &rs->textcap,
			    rs->word[W_JOIN], NULL, 0);
		k = id[i];
		piece = *(const uint32_t *)table_at(&rs->notes, k);
		err_grow(&rs->text, &rs->textcap, *len + piece + 1, 1);
		memcpy(rs->text + *len, rs->notes.keys.names[k], piece + 1);
		*len += piece;
	}
	return rs->text;
}

/*
 * The note of word w (the pairs of ap) in rs->note, wrapped in W_ONCE
 * when once, then added to the reason being made after the route's name.
 */
static void
vnote(struct routes *rs, const struct route *ro, int once, enum word w,
    va_list ap)
{
	struct word_arg arg[MAXARGS];
	char *inner;
	size_t n = 0;

	while (n < MAXARGS && (arg[n].name = va_arg(ap, const char *)) != NULL)
		arg[n++].value = va_arg(ap, const char *);
	rs->notelen = 0;
	words_fill(&rs->note, &rs->notelen, &rs->notecap, rs->word[w], arg, n);
	if (once) {
		inner = err_strdup(rs->note);
		arg[0].name = "reason";
		arg[0].value = inner;
		rs->notelen = 0;
		words_fill(&rs->note, &rs->notelen, &rs->notecap,
		    rs->word[W_ONCE], arg, 1);
		free(inner);
	}
	rs->piecelen = 0;
	if (ro == NULL) {
		words_fill(&rs->piece, &rs->piecelen, &rs->piececap, rs->note,
		    NULL, 0);
	} else {
		arg[0].name = "route";
		arg[0].value = ro->name;
		arg[1].name = "reason";
		arg[1].value = rs->note;
		words_fill(&rs->piece, &rs->piecelen, &rs->piececap,
		    rs->word[W_NOTE], arg, 2);
	}
	add_note(rs);
}

void
routes_note(struct routes *rs, const struct route *ro, enum word w, ...)
{
	va_list ap;

	va_start(ap, w);
	vnote(rs, ro, 0, w, ap);
	va_end(ap);
}

void
routes_note_once(struct routes *rs, const struct route *ro, int once,
    enum word w, ...)
{
	va_list ap;

	va_start(ap, w);
	vnote(rs, ro, once, w, ap);
	va_end(ap);
}
