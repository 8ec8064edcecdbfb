#!/bin/bash
#
# nightly.sh: a branch's night with cm, run from cron.
#
# Each night it grades the customer list, picks each agent's golden 10 and
# lays out their visits for the week (cm-classify | cm-funnel |
# cm-schedule), lists the follow-ups of the coming days (cm-followup) and,
# when there are orphan policies to hand over, gives them their new agents
# (cm-orphan-assign).  The results replace the last night's only when every
# step has succeeded: a night that fails leaves the branch the results of
# the last good one, and says so.
#
# The crontab line of the back office's user (crontab -e), at 02:30 each
# night, with the directory /usr/local/bin that `make install` puts the
# tools in (cron's own PATH lacks it):
#
#   30 2 * * * PATH=/usr/local/bin:/usr/bin:/bin CM_HOME=/srv/cm CM_ENCODING=GB18030 /usr/local/share/cm/examples/nightly.sh
#
# cron mails what a failed night writes on standard error: one line that
# names the night's log.  A night that succeeds writes nothing there.
#
# CM_HOME, the branch's directory, holds:
#   in/customers.csv   the customer list, as the CRM exports it
#   in/policies.csv    the policies, for the follow-ups
#   in/orphans.csv     orphan policies to hand over, with in/agents.csv
#                      (the roster) and in/holdings.csv (the policyholders'
#                      other policies); without in/orphans.csv that step
#                      is left out
#   in/last_week.csv   last week's visits (an earlier out/visits.csv) with
#                      its done column filled in; optional
#   rules/             the branch's own rule files; optional, the installed
#                      ones otherwise
# and it gets:
#   out/visits.csv, out/followups.csv, out/assigned.csv (with orphans),
#   out/rejects-classify.csv, out/rejects-followup.csv,
#   out/rejects-orphans.csv    the rows each step set aside, with the line
#                              of each and the reason
#   log/YYYY-MM-DD.log         each night's messages and counts (--stats)
#   work/                      what the steps of a failed night wrote (the
#                              rejects that say why), out/ left as it was;
#                              the next night clears it
#
# Settings, from the environment:
#   CM_HOME         the branch's directory (required)
#   CM_ENCODING     the encoding of the files in in/ (default UTF-8; a
#                   Chinese Excel saves GB18030).  It is named, never
#                   guessed: a guess made from the first rows of a file
#                   can be wrong on the night a later row first holds a
#                   Chinese character.
#   CM_TODAY        the night's date (default: today), as the tools read it
#   CM_WEEK         a day of the week to lay out (default: tomorrow, so
#                   that Sunday night lays out the week from Monday)
#   CM_DAYS         the days of follow-ups from tomorrow (default 7)
#   CM_MAX_REJECTS  the rows a step may set aside before the night is
#                   called off (default 100)
#
# Exit status: 0 when every step succeeded, 75 when another night still
# runs in CM_HOME, 2 when CM_HOME is not set up, and otherwise that of the
# step that failed.
#
# Every pipeline runs under `set -o pipefail`: without it a pipeline's
# status is its last command's, and a cm-classify that stopped half way
# through the list would leave cm-funnel the rows it had already written,
# graded as if they were the whole list, with the night called a success.
# Debian's /bin/sh (dash) has no pipefail; this script is bash.

set -euo pipefail

prog=${0##*/}

die() {
	printf '%s: %s\n' "$prog" "$*" >&2
	exit 2
}

[ -n "${CM_HOME:-}" ] || die "CM_HOME is not set: the branch's directory (see the head of $0)"
cd "$CM_HOME" || die "cannot enter CM_HOME '$CM_HOME'"
for f in in/customers.csv in/policies.csv; do
	[ -r "$f" ] || die "$CM_HOME/$f: cannot be read (see the head of $0)"
done
if [ -e in/orphans.csv ]; then
	for f in in/agents.csv in/holdings.csv; do
		[ -r "$f" ] || die "$CM_HOME/$f: cannot be read; in/orphans.csv needs it"
	done
fi
[ -d rules ] && export CM_RULES_DIR="$CM_HOME/rules"

enc=${CM_ENCODING:-UTF-8}
today=${CM_TODAY:-$(date +%F)}
export CM_TODAY="$today"
tomorrow=$(date -d "$today + 1 day" +%F)
week=${CM_WEEK:-$tomorrow}
days=${CM_DAYS:-7}
max=${CM_MAX_REJECTS:-100}

mkdir -p out log
log=log/$today.log

# One night at a time: a second run (cron late, or by hand) leaves at once.
exec 9>out/.lock
if ! flock -n 9; then
	printf '%s: another night is running in %s (out/.lock is held)\n' \
	    "$prog" "$CM_HOME" >&2
	exit 75
fi

# The steps write into work/, beside out/ on the same file system, so that
# moving a result into place is a rename; a failed night leaves there what
# its steps wrote (the rejects that say why), until the next night.
rm -rf work
mkdir work
results=(visits.csv rejects-classify.csv followups.csv rejects-followup.csv)

# From here the night's messages go to its log; cron's standard error gets
# one line if the night fails.
exec 3>&2 2>>"$log"
failed() {
	status=$?
	printf '%s: failed, exit status %d; nothing in out/ was replaced; what the steps wrote is in work/\n' \
	    "$prog" "$status" >&2
	printf '%s: the night of %s failed (exit status %d); see %s/%s\n' \
	    "$prog" "$today" "$status" "$CM_HOME" "$log" >&3
	exit "$status"
}
trap failed ERR

printf '%s: the night of %s, the week of %s, in %s\n' \
    "$prog" "$today" "$week" "$CM_HOME" >&2

# The files of in/ are in the branch's encoding; what one tool writes to
# the next is UTF-8.
carry=()
if [ -e in/last_week.csv ]; then
	iconv -f "$enc" -t UTF-8 in/last_week.csv > work/last_week.csv
	carry=(--carryover work/last_week.csv)
fi

cm-classify --input-encoding "$enc" --stats \
    --rejects work/rejects-classify.csv --max-rejects "$max" \
    in/customers.csv |
cm-funnel --input-encoding UTF-8 --stats |
cm-schedule --input-encoding UTF-8 --stats --week "$week" "${carry[@]}" \
    -o work/visits.csv

cm-followup --input-encoding "$enc" --stats --from "$tomorrow" \
    --days "$days" --rejects work/rejects-followup.csv \
    --max-rejects "$max" -o work/followups.csv in/policies.csv

if [ -e in/orphans.csv ]; then
	results+=(assigned.csv rejects-orphans.csv)
	cm-orphan-assign --input-encoding "$enc" --stats \
	    --agents in/agents.csv --holdings in/holdings.csv \
	    --rejects work/rejects-orphans.csv --max-rejects "$max" \
	    -o work/assigned.csv in/orphans.csv
fi

# Every step succeeded: the results replace the last night's, and a result
# this night has not (no orphans tonight) does not stay to be taken for one.
trap - ERR
[ -e in/orphans.csv ] || rm -f out/assigned.csv out/rejects-orphans.csv
for f in "${results[@]}"; do
	mv -f "work/$f" out/
done
rm -rf work
printf '%s: done; the results are in %s/out\n' "$prog" "$CM_HOME" >&2
