/*
 * The words of the reasons a unit is written with, and the reason being
 * written: each note in the rules' words (words:, words.h), after the
 * route's name, joined by the word W_JOIN ("; ").
 */
#include <stdarg.h>
#include <stdlib.h>

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

/*
 * The note of word w (the pairs of ap) in rs->note, wrapped in W_ONCE
 * when once, then added to the trail after the route's name.
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
	if (rs->len > 0)
		words_fill(&rs->trail, &rs->len, &rs->trailcap,
		    rs->word[W_JOIN], NULL, 0);
	if (ro == NULL) {
		words_fill(&rs->trail, &rs->len, &rs->trailcap, rs->note, NULL,
		    0);
		return;
	}
	arg[0].name = "route";
	arg[0].value = ro->name;
	arg[1].name = "reason";
	arg[1].value = rs->note;
	words_fill(&rs->trail, &rs->len, &rs->trailcap, rs->word[W_NOTE], arg,
	    2);
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
