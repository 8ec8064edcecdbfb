#!/bin/sh
# The benchmark of `make bench` (issues 2 and 18): a benchmark, not a test.
#
# Each tool is timed against a reference on the same files, the two run
# in turn (BENCH_RUNS times each, so that a noisy moment hits both), at
# three sizes: the tool's bench size / 16, / 4 and the bench size itself
# (1x, 4x and 16x: 16x is the bench size).  For each tool it prints:
#   - at the bench size: wall-clock and cpu seconds, MB/s and rows/s, the
#     most resident memory, and the rate as a share of the reference's
#     (the least wall-clock time of each), against its target if it has
#     one;
#   - memory: the bytes for each row the tool keeps, from the most
#     resident memory at 1x and at 16x (the difference over the rows kept
#     between them), less the row's text: the overhead, against its target
#     of at most 160 bytes for cm-schedule, cm-funnel and cm-orphan-assign
#     (issue 18); and the memory at 100,000,000 rows, grown by as much a
#     row from the bench size, against 24 GB;
#   - growth: the least cpu time (user + sys) of each at 1x, 4x and 16x,
#     less its start-up (its least cpu time on one row: the rules, the
#     threads, the files that do not grow, which no row's work includes),
#     and for 1x -> 4x and 1x -> 16x the verdict against n log n (from 1x
#     to 16x, 16 log(16 n) / log(n) for n rows at 1x) and against the
#     reference's growth on the same files (the tool's growth over the
#     reference's, at most n log n / n).  Where the bench size / 16 is
#     under BENCH_GROWTH_MIN rows (too few to time), the sizes are the
#     bench size / 4 and the bench size, 1x -> 4x only, and the output says
#     so; under that at the bench size / 4 too, growth and memory are not
#     measured.
# and the checks of each tool's --stats (they must add up).  A summary
# of every tool ends the run.
#
# The tools and their files:
#   cm-classify  (issue 2) the shipped rules, --today 2026-11-23, on
#                BENCH_ROWS customers (gen), against a bare libcsv parse
#                (tests/bench/csvparse, the floor: target >= 60% its rate),
#                and at the bench size against Miller 6 doing the same
#                grading (tests/bench/classify.mlr, target 4 times its
#                rate), when mlr is installed; cm-classify must reject no
#                row, and Miller grade the first BENCH_CHECK_ROWS rows the
#                same.  Wall-clock, as the issue counts it: cm-classify
#                parses on a thread of its own while it grades, as Miller
#                uses both cores; its ratio on cpu time is printed too.
# Then each tool against cm-classify on the same file (the reference of
# "the ratio to cm-classify"):
#   cm-funnel    (issue 3) rules/funnel.yaml on BENCH_FUNNEL_ROWS graded
#                rows (gen -a, graded once by cm-classify into a file) in
#                each shape of BENCH_FUNNEL_SHAPES, rows an agent (40 and
#                400: BENCH_FUNNEL_ROWS / 40 and / 400 agents, at every size
#                as many rows an agent): the rate (target >= 50%), the most
#                resident memory (target < 500 MB), the memory for each held
#                row (a row past the first stage); its --stats must add up:
#                read = written + filtered at each stage, no rejects;
#   cm-schedule  (issue 4) rules/schedule.yaml, --week 2026-11-30 with
#                samples/events.csv, on BENCH_SCHEDULE_ROWS graded rows over
#                BENCH_AGENTS agents at the bench size (as many rows an
#                agent at every size); then its growth again with
#                BENCH_AGENTS agents at every size (more rows an agent);
#                every row written, scheduled or not, none rejected;
# and, on policy files, against cm-classify with tests/bench/policy.yaml (a
# few conditions a row, on the columns all of them have):
#   cm-followup  (issue 6) rules/followup.yaml, --from 2026-11-23 --days 30,
#                on BENCH_FOLLOWUP_ROWS policies over BENCH_AGENTS agents
#                (gen -p: issue dates over 20 years, premiums due on the
#                anniversaries, riders, annuities, birthdays, a quarter on
#                the lunar calendar, weddings, customers taken over with
#                their orphan states, phones, segments): the tasks written;
#                its --stats must add up (rows with a task + rows with none
#                = read, no rejects);
#   cm-orphan-assign  (issue 5) rules/orphan.yaml on BENCH_ORPHAN_ROWS
#                orphan policies, a roster of BENCH_ORPHAN_AGENTS agents and
#                BENCH_ORPHAN_HOLDINGS holdings at the bench size (gen -o; at
#                1x and 4x as much less of each, at least 20 agents), after
#                checking that the roster and the orphans are valid (unique
#                agent ids, numeric counts, every departed agent in the
#                roster, every rider after its main policy): its time
#                against cm-classify's on the orphans and, at the bench
#                size, on the orphans plus the holdings (all it reads but
#                the roster); the memory for each orphan (the roster and the
#                holdings grow with them); the units and policies of each
#                route, which must add up (read = written, no rejects, the
#                routes' policies + the unassigned = written);
# then, against cm-classify with one condition a row on the same file:
#   cm-calls     (issue 14) the call lists of the shipped rules, for
#                2026-11-24, of a pool of BENCH_CALLS_ROWS records over 40
#                areas shared among BENCH_CALLS_CALLERS callers (as many at
#                every size), the lists and the rest to /dev/null as
#                cm-classify's output: the rate (target >= 50%), and its
#                --stats, which must add up (read = written + rest);
#   cm-report    (issue 13) contacts of the shipped rules for 2026-04: a
#                contact log of BENCH_REPORT_ROWS rows and a book of as
#                many assigned rows (one customer each, 20000 agents): the
#                rate (target >= 50%), its memory (bounded by the book's
#                customers, not the log's rows; the book grows with the
#                log), the same at the bench size against cm-classify on
#                all it reads (the log, then the book, one condition a row
#                each), and its --stats, which must add up (read = the
#                log's rows in the period + not made + outside).
# The rates are of the least wall-clock time, the growth of the least cpu
# time, which other work on the machine disturbs less.  MB is 10^6
# bytes, GB 10^9; resident memory is GNU time's %M (Debian package time),
# else the VmHWM of /proc/PID/status, read every 0.05 s while the program
# runs (which adds up to 0.05 s to the run's wall-clock time).  A section
# whose files at the bench size (about 172 bytes a customer, 302 a graded
# row, 158 a policy of gen -p, 140 an orphan and 64 a holding) would not
# fit in the temp dir (TMPDIR) is skipped, with a line that says so; each
# size's files are deleted as soon as its timings are done.
#
# Exits 0 whether or not the targets are met; non-zero only when a program
# fails (or --stats that do not add up below the bench size).
#
# Environment: B (the build directory, default build), BENCH_ROWS (default
# 1000000; 0 skips cm-classify against libcsv and Miller), BENCH_RUNS
# (default 3), BENCH_CHECK_ROWS (default 1000), BENCH_GROWTH_MIN (the
# fewest rows timed at 1x, default 20000), BENCH_FUNNEL_ROWS (default
# 10000000; 0 skips cm-funnel), BENCH_FUNNEL_SHAPES (rows an agent, default
# "40 400"), BENCH_SCHEDULE_ROWS (default 1000000; 0 skips cm-schedule),
# BENCH_AGENTS (default 25000), BENCH_FOLLOWUP_ROWS (default 1000000; 0
# skips cm-followup), BENCH_ORPHAN_ROWS (default 1000000; 0 skips
# cm-orphan-assign), BENCH_ORPHAN_AGENTS (default 50000, at least 20),
# BENCH_ORPHAN_HOLDINGS (default 3 times BENCH_ORPHAN_ROWS),
# BENCH_CALLS_ROWS (default 1000000; 0 skips cm-calls), BENCH_CALLS_CALLERS
# (default 2000), BENCH_REPORT_ROWS (default 1000000; 0 skips cm-report).
#
# A quick run to try this script on (a few seconds a section; 1x -> 4x
# only, as the bench size / 16 is under BENCH_GROWTH_MIN: 400000 rows a
# section, 20000 orphan agents, times all three sizes in about 4 minutes):
#   B=build BENCH_ROWS=100000 BENCH_FUNNEL_ROWS=200000 \
#   BENCH_SCHEDULE_ROWS=100000 BENCH_AGENTS=2500 BENCH_FOLLOWUP_ROWS=100000 \
#   BENCH_ORPHAN_ROWS=100000 BENCH_ORPHAN_AGENTS=5000 \
#   BENCH_CALLS_ROWS=100000 BENCH_REPORT_ROWS=100000 BENCH_RUNS=1 \
#   sh tests/bench/run.sh

# The make_, run_, ref_ and check_ functions are called by name (scale).
# shellcheck disable=SC2317

set -u

cd "$(dirname "$0")/../.." || exit 1

B=${B:-build}
ROWS=${BENCH_ROWS:-1000000}
RUNS=${BENCH_RUNS:-3}
CHECK_ROWS=${BENCH_CHECK_ROWS:-1000}
GROWTH_MIN=${BENCH_GROWTH_MIN:-20000}
TODAY=2026-11-23
RULES=rules/classify.yaml
MLR_SCRIPT=tests/bench/classify.mlr
# The columns cm-classify adds, compared with Miller's.
GRADES=class,class_rule,strategy,segment,service,quadrant,gps_score

die() {
	echo "bench: $*" >&2
	exit 1
}

FUNNEL_ROWS=${BENCH_FUNNEL_ROWS:-10000000}
FUNNEL_SHAPES=${BENCH_FUNNEL_SHAPES:-40 400}
SCHEDULE_ROWS=${BENCH_SCHEDULE_ROWS:-1000000}
AGENTS=${BENCH_AGENTS:-25000}
FOLLOWUP_ROWS=${BENCH_FOLLOWUP_ROWS:-1000000}
ORPHAN_ROWS=${BENCH_ORPHAN_ROWS:-1000000}
ORPHAN_AGENTS=${BENCH_ORPHAN_AGENTS:-50000}
ORPHAN_HOLDINGS=${BENCH_ORPHAN_HOLDINGS:-}
CALLS_ROWS=${BENCH_CALLS_ROWS:-1000000}
CALLS_CALLERS=${BENCH_CALLS_CALLERS:-2000}
REPORT_ROWS=${BENCH_REPORT_ROWS:-1000000}
# shellcheck disable=SC2086 # FUNNEL_SHAPES is a list.
for n in "$ROWS" "$RUNS" "$CHECK_ROWS" "$GROWTH_MIN" "$FUNNEL_ROWS" \
    $FUNNEL_SHAPES "$SCHEDULE_ROWS" "$AGENTS" "$FOLLOWUP_ROWS" \
    "$ORPHAN_ROWS" "$ORPHAN_AGENTS" "${ORPHAN_HOLDINGS:-0}" "$CALLS_ROWS" \
    "$CALLS_CALLERS" "$REPORT_ROWS"; do
	case $n in
	'' | *[!0-9]*) die "'$n' is not a count (see the BENCH_ variables in" \
	    "the header of $0)" ;;
	esac
done
ORPHAN_HOLDINGS=${ORPHAN_HOLDINGS:-$((3 * ORPHAN_ROWS))}
[ "$RUNS" -ge 1 ] || die "BENCH_RUNS must be at least 1"
[ "$GROWTH_MIN" -ge 2 ] || die "BENCH_GROWTH_MIN must be at least 2"
[ "$AGENTS" -ge 1 ] || die "BENCH_AGENTS must be at least 1"
[ "$ORPHAN_AGENTS" -ge 20 ] || die "BENCH_ORPHAN_AGENTS must be at least 20"
[ "$CALLS_CALLERS" -ge 1 ] || die "BENCH_CALLS_CALLERS must be at least 1"
for n in $FUNNEL_SHAPES; do
	[ "$n" -ge 1 ] || die "BENCH_FUNNEL_SHAPES: rows an agent, 1 or more"
done

for p in "$B/bench/gen" "$B/bench/csvparse" "$B/bin/cm-classify" \
    "$B/bin/cm-funnel" "$B/bin/cm-schedule" "$B/bin/cm-followup" \
    "$B/bin/cm-orphan-assign" "$B/bin/cm-calls" "$B/bin/cm-report"; do
	[ -x "$p" ] || die "$p is not built (run make bench)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cm-bench.XXXXXX") || die "no temp dir"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# The files of one size of one section, made and deleted by scale(); the
# tools of one file read $input.
work=$tmp/work
input=$work/input.csv
: > "$tmp/summary"

# cpu: the children's user + sys seconds so far, from the shell's
# `times` (run here, not in a subshell, which would count its own): in
# milliseconds from bash (getrusage), in ticks of 10 ms from dash, too
# coarse for a run of a tenth of a second at 1x (make bench runs bash).
cpu() {
	times > "$tmp/times"
	awk 'NR == 2 {
		n = split($0, t, /[ ms]+/)
		s = 0
		for (i = 1; i + 1 <= n; i += 2)
			s += t[i] * 60 + t[i + 1]
		printf "%.3f", s
	}' "$tmp/times"
}

# timed NAME COMMAND...: runs COMMAND once (output to /dev/null); sets t
# (wall-clock seconds) and c (user + sys).
timed() {
	name=$1
	shift
	cpu > "$tmp/c0"
	t0=$(date +%s.%N)
	"$@" > /dev/null || die "$name failed (exit status $?)"
	t1=$(date +%s.%N)
	cpu > "$tmp/c1"
	r=$(awk -v a="$t0" -v b="$t1" '
	    NR == 1 { c0 = $1 }
	    NR == 2 { c1 = $1 }
	    END { printf "%.4f %.3f", b - a, c1 - c0 }' "$tmp/c0" "$tmp/c1")
	t=${r% *}
	c=${r#* }
}

# less X Y: true when Y is empty or X < Y.
less() {
	[ -z "$2" ] || awk -v x="$1" -v y="$2" 'BEGIN { exit !(x < y) }'
}

# best_of NAME COMMAND...: runs COMMAND (output to /dev/null) RUNS times;
# sets best (wall-clock seconds) and best_cpu (user + sys of that run).
best_of() {
	best='' best_cpu=''
	j=0
	while [ "$j" -lt "$RUNS" ]; do
		timed "$@"
		less "$t" "$best" && best=$t best_cpu=$c
		j=$((j + 1))
	done
}

# alternate A_NAME A_FUNC B_NAME B_FUNC: runs A and B in turn, RUNS times
# each, so that a noisy moment hits both; sets ta, ca, tb, cb, the best
# run of each (the least wall-clock time) and its cpu time, and ua, ub,
# the least cpu time of each (from any run: with other work on the machine
# cpu time varies less than wall-clock time).
alternate() {
	ta='' ca='' tb='' cb='' ua='' ub=''
	k=0
	while [ "$k" -lt "$RUNS" ]; do
		timed "$1" "$2"
		less "$t" "$ta" && ta=$t ca=$c
		less "$c" "$ua" && ua=$c
		timed "$3" "$4"
		less "$t" "$tb" && tb=$t cb=$c
		less "$c" "$ub" && ub=$c
		k=$((k + 1))
	done
}

# GNU time for the most resident memory, when it is there.
gnu_time=
if [ -x /usr/bin/time ] &&
    /usr/bin/time -f %M -o /dev/null true > /dev/null 2>&1; then
	gnu_time=/usr/bin/time
fi

# rss COMMAND...: runs COMMAND, appending its most resident memory, in kB,
# to $tmp/rss; returns COMMAND's exit status.  Every tool's run_ function
# runs it so.
rss() {
	if [ -n "$gnu_time" ]; then
		"$gnu_time" -a -o "$tmp/rss" -f %M "$@"
		return
	fi
	"$@" &
	rss_pid=$!
	rss_kb=0
	while kill -0 "$rss_pid" 2> /dev/null; do
		while read -r rss_k rss_v _; do
			[ "$rss_k" = VmHWM: ] && rss_kb=$rss_v
		done 2> /dev/null < "/proc/$rss_pid/status"
		sleep 0.05
	done
	wait "$rss_pid"
	rss_st=$?
	echo "$rss_kb" >> "$tmp/rss"
	return "$rss_st"
}

# max_mb FILE: the largest figure in FILE (kB), in MB.
max_mb() {
	awk 'BEGIN { m = 0 } $1 + 0 > m { m = $1 + 0 }
	    END { printf "%.1f", m * 1024 / 1e6 }' "$1"
}

# mb BYTES: in MB, one decimal.
mb() {
	awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'
}

# figure FILE NAME: the figure NAME of a --stats file.
figure() {
	awk -F': ' -v n="$2" '$2 == n { print $3 }' "$1"
}

# tool NAME ARGS...: runs the tool NAME of the build with ARGS and
# --stats under rss, the counts (and messages) to $tmp/stats, shown when it
# fails.
tool() {
	tool_name=$1
	shift
	rss "$B/bin/$tool_name" "$@" --stats 2> "$tmp/stats" || {
		fail=$?
		cat "$tmp/stats" >&2
		return "$fail"
	}
}

# space_for BYTES: true when the temp dir has room for BYTES and 100 MB
# more; sets need and avail (MB).
space_for() {
	need=$((($1 + 100000000) / 1000000))
	avail=$(df -Pk "$tmp" | awk 'NR == 2 { printf "%d", $4 * 1024 / 1e6 }')
	[ "${avail:-0}" -ge "$need" ]
}

# section TITLE VAR ROWS BYTES: prints the section's title; true when it
# is to run: ROWS (the bench size, from the variable VAR) is not 0 and
# its files, BYTES, fit in the temp dir; else says why not.
section() {
	echo
	echo "== $1 =="
	if [ "$3" = 0 ]; then
		echo "skipped ($2=0)"
		return 1
	fi
	space_for "$4" && return 0
	echo "skipped: ${avail:-?} MB free in $tmp, about $need MB needed (set" \
	    "TMPDIR, or fewer $2)"
	return 1
}

# measure KEY NAME REF VAR N BYTES TITLE [NOTE]: a section (as section
# TITLE VAR N BYTES) whose tool NAME is timed against REF by scale at the
# bench size N; NOTE says how the files grow with it.  False when the
# section is skipped; else leaves the files of the bench size in $work, and
# st, its --stats.
measure() {
	section "$7" "$4" "$5" "$6" || return 1
	echo "generating and timing $2 and $3 in turn, best of $RUNS at each" \
	    "size${8:+; $8} ..."
	scale "$1" "$2" "$3" "$5"
	st=$tmp/stats
}

# scale KEY NAME REF N: times NAME (run_KEY) and REF (ref_KEY) in turn at
# the sizes of the growth, N (the bench size) / 16, / 4 and N, or fewer
# (see the header; sizes, top: the sizes as multiples of the first, and
# the largest).  At each size, make_KEY ROWS makes the files in $work and
# sets bytes (of the file the rates are of), and check_KEY ROWS, after the
# runs, sets kept (the rows the tool keeps) and text (their bytes of
# input), and check ("ADD UP" or "DO NOT ADD UP", from the --stats of the
# last run, in $tmp/stats), returning non-zero when they do not: below
# the bench size that ends the bench.  Writes a line a size to
# $tmp/scale: the multiple, rows, least cpu of NAME, of REF, most
# resident memory (MB), kept, text; and sets, for the bench size, T, C,
# U (NAME's best wall-clock time, its cpu, the least cpu), TR, CR, UR
# (REF's), BYTES and ROWS_N, leaving its files in $work and the --stats in
# $tmp/stats.
scale() {
	if [ $(($4 / 16)) -ge "$GROWTH_MIN" ]; then
		sizes="1 4 16" top=16
	elif [ $(($4 / 4)) -ge "$GROWTH_MIN" ]; then
		sizes="1 4" top=4
	else
		sizes=1 top=1
	fi
	: > "$tmp/scale"
	# The start-up of each (the rules, the threads, the files that do
	# not grow): their least cpu time on one row, which growth() takes
	# from the times of every size.
	echo "0 0 0" > "$tmp/start"
	if [ "$top" != 1 ]; then
		rm -rf "$work"
		mkdir "$work" || die "cannot make $work"
		"make_$1" 1
		alternate "$2" "run_$1" "$3" "ref_$1"
		echo "  start-up (1 row): $2 $ua s, $3 $ub s cpu"
		echo "1 $ua $ub" > "$tmp/start"
	fi
	for x in $sizes; do
		rows=$(($4 * x / top))
		rm -rf "$work"
		mkdir "$work" || die "cannot make $work"
		"make_$1" "$rows"
		rm -f "$tmp/rss"
		alternate "$2" "run_$1" "$3" "ref_$1"
		echo "  ${x}x: $rows rows, $(mb "$bytes") MB: $2 $ua s," \
		    "$3 $ub s cpu"
		if ! "check_$1" "$rows" && [ "$x" != "$top" ]; then
			cat "$tmp/stats" >&2
			die "$2's --stats do not add up on $rows rows"
		fi
		echo "$x $rows $ua $ub $(max_mb "$tmp/rss") $kept $text" \
		    >> "$tmp/scale"
	done
	T=$ta C=$ca U=$ua TR=$tb CR=$cb UR=$ub BYTES=$bytes ROWS_N=$rows
}

# line NAME WALL CPU BYTES ROWS [RSS_MB]: a row of the tables below.
line() {
	awk -v n="$1" -v t="$2" -v c="$3" -v b="$4" -v rows="$5" -v m="${6:-}" '
	BEGIN {
		printf "%-16s %9.3f %9.2f %9.1f %11.0f", n, t, c, b / 1e6 / t, rows / t
		if (m != "")
			printf " %11s", m
		printf "\n"
	}'
}

header() {
	printf '%-16s %9s %9s %9s %11s %11s\n' "" "wall s" "cpu s" "MB/s" \
	    "rows/s" "max RSS MB"
}

# table NAME REF: the table of NAME and REF at the bench size, from
# scale.
table() {
	echo
	header
	line "$1" "$T" "$C" "$BYTES" "$ROWS_N" \
	    "$(awk 'END { print $5 }' "$tmp/scale")"
	line "$2" "$TR" "$CR" "$BYTES" "$ROWS_N"
}

# rate NAME REF T TR U UR WHAT [TARGET]: NAME's rate as a share of REF's
# on WHAT, from the least wall-clock times T and TR (and on the least cpu
# times U and UR), against TARGET (a share, in %) if given; the share
# goes to $tmp/rate for the summary.
rate() {
	awk -v n="$1" -v ref="$2" -v t="$3" -v tr="$4" -v u="$5" -v ur="$6" \
	    -v w="$7" -v target="${8:-}" -v f="$tmp/rate" 'BEGIN {
		r = 100 * tr / t
		printf "%s / %s, %s: %.1f%% the rate (%.2fx the time)", \
		    n, ref, w, r, t / tr
		if (u > 0 && ur > 0)
			printf ", least cpu time %.1f%%", 100 * ur / u
		if (target != "")
			printf "   target >= %d%%   %s", target, \
			    (r >= target ? "PASS" : "BELOW")
		printf "\n"
		printf "%.1f%%\t%s\n", r, ref > f
	}'
}

# memory NAME WHAT [TARGET]: NAME's memory for each WHAT (row, held row,
# orphan) it keeps (issue 18), from the first and the last size of scale:
# the most resident memory grew from M0 to M1 MB as the rows kept grew
# from K0 to K1, of TEXT bytes of input text at K1; so much a row kept,
# less its text, is the overhead (against TARGET bytes, if given).  M1
# grown by as much for each row of input (as many kept in proportion) to
# 100,000,000 rows is set against 24 GB.  The bytes a row kept and the
# GB go to $tmp/mem for the summary.
memory() {
	awk -v name="$1" -v what="$2" -v target="${3:-}" -v f="$tmp/mem" '
	BEGIN {
		whats = what ~ /y$/ ? substr(what, 1, length(what) - 1) "ies" \
		    : what "s"
	}
	NR == 1 { r0 = $2; m0 = $5; k0 = $6 }
	{ r1 = $2; m1 = $5; k1 = $6; b = $7 }
	END {
		if (NR < 2 || k1 <= k0 || r1 <= r0) {
			printf "%s memory: not measured (one size only: see" \
			    " growth)\n", name
			print "-\t-" > f
			exit
		}
		row = (m1 - m0) * 1e6 / (k1 - k0)
		if (row < 0)
			row = 0
		printf "%s memory: %.1f -> %.1f MB for %d -> %d %s: %.0f" \
		    " bytes per %s", name, m0, m1, k0, k1, whats, row, what
		if (target != "") {
			over = row - b / k1
			printf ", %.0f of them its text: overhead %.0f bytes" \
			    "   target <= %d   %s", b / k1, over, target, \
			    (over <= target ? "PASS" : "ABOVE")
		}
		big = m1 * 1e6 + (1e8 - r1) * row * (k1 - k0) / (r1 - r0)
		big /= 1e9
		if (k1 == r1)
			printf "\n  at 100,000,000 %s:", whats
		else
			printf "\n  at 100,000,000 rows (%.0f %s):", \
			    1e8 * k1 / r1, whats
		printf " about %.1f GB   against 24 GB   %s\n", big, \
		    (big <= 24 ? "FITS" : "DOES NOT FIT")
		printf "%.0f\t%.1f GB %s\n", row, big, \
		    (big <= 24 ? "fits" : "does not fit") > f
	}' "$tmp/scale"
}

# growth NAME REF: the least cpu times of scale's sizes, and the verdicts
# of 1x -> 4x and 1x -> 16x against n log n and against REF's growth; the
# last verdict goes to $tmp/growth for the summary.
growth() {
	echo
	if [ "$top" = 1 ]; then
		echo "growth: not measured: the bench size / 4 ($((ROWS_N / 4))" \
		    "rows) is under BENCH_GROWTH_MIN ($GROWTH_MIN)"
		echo - > "$tmp/growth"
		return
	fi
	echo "growth: the least cpu time (user + sys) of $RUNS runs, $1 and" \
	    "$2 in turn on the same files, less the start-up (each on one" \
	    "row); ${top}x is the bench size:"
	read -r _ s0 r0 < "$tmp/start"
	awk -v name="$1" -v ref="$2" -v min="$GROWTH_MIN" -v top="$top" \
	    -v f="$tmp/growth" -v s0="$s0" -v r0="$r0" '
	{ x[NR] = $1; n[NR] = $2; u[NR] = $3 - s0; v[NR] = $4 - r0 }
	END {
		printf "  %-4s %11s %18s %18s\n", "", "rows", name " s", ref " s"
		printf "  %-16s %18.3f %18.3f\n", "start-up", s0, r0
		for (i = 1; i <= NR; i++)
			printf "  %-4s %11d %18.3f %18.3f\n", x[i] "x", n[i], \
			    u[i], v[i]
		if (top == 4)
			printf "  16x not measured: the bench size / 16 (%d" \
			    " rows) is under BENCH_GROWTH_MIN (%d): 1x -> 4x" \
			    " only, from the bench size / 4\n", n[NR] / 16, min
		for (i = 2; i <= NR; i++)
			verdict(i)
	}
	function verdict(i,    r, nl, g, gr, s) {
		r = n[i] / n[1]
		nl = r * log(n[i]) / log(n[1])
		printf "  1x -> %s: ", x[i] "x"
		if (u[1] <= 0 || v[1] <= 0 || v[i] <= 0) {
			printf "too fast to measure (more rows)\n"
			s = "-"
		} else {
			g = u[i] / u[1]
			gr = v[i] / v[1]
			printf "%s %.2fx   n log n %.2fx   %s\n", name, g, nl, \
			    (g <= nl ? "PASS" : "ABOVE")
			printf "  %10s over %s\047s %.2fx: %.3f   n log n / n" \
			    " %.3f   %s\n", "", ref, gr, g / gr, nl / r, \
			    (g / gr <= nl / r ? "PASS" : "ABOVE")
			s = sprintf("%s %.2fx <= %.2fx %s, /%s %.3f <= %.3f %s", \
			    x[i] "x", g, nl, (g <= nl ? "PASS" : "ABOVE"), ref, \
			    g / gr, nl / r, (g / gr <= nl / r ? "PASS" : "ABOVE"))
		}
		print s > f
	}' "$tmp/scale"
}

# summarise NAME: NAME's line of the summary, from the files of the
# last table, rate, memory and growth.
summarise() {
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$(awk -v b="$BYTES" -v t="$T" \
	    'BEGIN { printf "%.1f", b / 1e6 / t }')" "$(cat "$tmp/rate")" \
	    "$(cat "$tmp/mem")" "$(tail -n 1 "$tmp/growth")" >> "$tmp/summary"
}

# results NAME REF WHAT [TARGET]: the table and the rate of NAME against
# REF on WHAT at the bench size, once scale has run.
results() {
	table "$1" "$2"
	echo
	rate "$1" "$2" "$T" "$TR" "$U" "$UR" "$3" "${4:-}"
}

# scaling NAME REF [TARGET [KEPT]]: NAME's memory for each row it keeps
# (KEPT names them, default "row"; TARGET, the overhead's), its growth,
# and its line of the summary (named NAME$tag).
scaling() {
	memory "$1" "${4:-row}" "${3:-}"
	growth "$1" "$2"
	summarise "$1${tag:-}"
}

# kept_all ROWS: for check_ functions of a tool that keeps every row.
kept_all() {
	kept=$1 text=$bytes
}

# added STATUS: sets check from STATUS (0 when the counts add up), and
# returns it.
added() {
	if [ "$1" = 0 ]; then
		check="ADD UP"
	else
		check="DO NOT ADD UP"
	fi
	return "$1"
}

# at_least MIN N: the greater of the two.
at_least() {
	echo $(($2 > $1 ? $2 : $1))
}

# classify_all FILE ROWS [RULES]: checks that cm-classify with RULES
# (default tests/bench/policy.yaml) reads all ROWS rows of FILE and
# rejects none (and warms the page cache).
POLICY_RULES=tests/bench/policy.yaml
classify_all() {
	"$B/bin/cm-classify" -r "${3:-$POLICY_RULES}" --today "$TODAY" \
	    --stats "$1" > /dev/null 2> "$tmp/classify.stats" || {
		cat "$tmp/classify.stats" >&2
		die "cm-classify -r ${3:-$POLICY_RULES} failed on $1"
	}
	if ! [ "$(figure "$tmp/classify.stats" written)" = "$2" ] ||
	    ! [ "$(figure "$tmp/classify.stats" rejected)" = 0 ]; then
		cat "$tmp/classify.stats" >&2
		die "cm-classify should read all $2 rows of $1 and reject none"
	fi
}

# ---- cm-classify ------------------------------------------------------

# The bytes a customer of gen takes (about 170), rounded up, for the disk
# space check.
CUSTOMER_ROW_BYTES=200

make_classify() {
	"$B/bench/gen" "$1" > "$input" || die "gen $1 failed"
	bytes=$(wc -c < "$input")
	# Sanity, and a warm page cache for the timings.
	got=$("$B/bench/csvparse" < "$input") || die "csvparse failed"
	# As many fields a record as the header's (which quotes none).
	nf=$(awk -F, '{ print NF; exit }' "$input")
	[ "$got" = "$(($1 + 1)) $((($1 + 1) * nf))" ] ||
		die "csvparse counted '$got' (records fields), expected" \
		    "$(($1 + 1)) records of $nf fields"
	classify_all "$input" "$1" "$RULES"
}

run_classify() {
	rss "$B/bin/cm-classify" -r "$RULES" --today "$TODAY" "$input"
}

ref_classify() {
	"$B/bench/csvparse" < "$input"
}

check_classify() {
	kept_all "$1"
	added 0
}

run_mlr() {
	mlr --icsv --ocsv put -f "$MLR_SCRIPT" "$input"
}

# mlr_check: whether cm-classify and Miller give the same grades on the
# first CHECK_ROWS rows; sets check.
mlr_check() {
	"$B/bench/gen" "$CHECK_ROWS" > "$tmp/check.csv" || die "gen failed"
	"$B/bin/cm-classify" -r "$RULES" --today "$TODAY" "$tmp/check.csv" \
	    > "$tmp/check.cm" || die "cm-classify failed on the check rows"
	mlr --icsv --ocsv put -f "$MLR_SCRIPT" "$tmp/check.csv" \
	    > "$tmp/check.mlr" || die "Miller failed on the check rows"
	mlr --icsv --ocsv cut -o -f "$GRADES" "$tmp/check.cm" \
	    > "$tmp/grades.cm" || die "Miller cut failed"
	mlr --icsv --ocsv cut -o -f "$GRADES" "$tmp/check.mlr" \
	    > "$tmp/grades.mlr" || die "Miller cut failed"
	n=$(($(wc -l < "$tmp/grades.cm") - 1))
	if [ "$n" = "$CHECK_ROWS" ] &&
	    cmp -s "$tmp/grades.cm" "$tmp/grades.mlr"; then
		check="MATCH ($n rows; $GRADES)"
	else
		check="MISMATCH ($GRADES; first differences below)"
		diff "$tmp/grades.cm" "$tmp/grades.mlr" | head -10
	fi
	rm -f "$tmp"/check.* "$tmp"/grades.*
}

if measure classify cm-classify "libcsv parse" BENCH_ROWS "$ROWS" \
    $((ROWS * CUSTOMER_ROW_BYTES)) "cm-classify: $ROWS customers, $RULES\
 --today $TODAY (issue 2)" "$(nproc 2>/dev/null || echo '?') cores"; then
	echo "  $(mb "$BYTES") MB, $(wc -l < "$input") lines," \
	    "$((BYTES / ROWS_N)) bytes a row; cm-classify --stats: written" \
	    "$(figure "$tmp/classify.stats" written), rejected" \
	    "$(figure "$tmp/classify.stats" rejected)"
	have_mlr='' t_mlr='' c_mlr=''
	if command -v mlr > /dev/null 2>&1; then
		have_mlr=$(mlr --version 2>/dev/null)
		best_of Miller run_mlr
		t_mlr=$best c_mlr=$best_cpu
		mlr_check
	fi
	rm -rf "$work"

	table cm-classify "libcsv parse"
	[ -z "$t_mlr" ] || line miller "$t_mlr" "$c_mlr" "$BYTES" "$ROWS_N"
	echo
	rate cm-classify "libcsv parse" "$T" "$TR" "$U" "$UR" "the same file" 60
	if [ -n "$t_mlr" ]; then
		awk -v t="$T" -v m="$t_mlr" 'BEGIN {
			printf "cm-classify / miller: %.2fx the rate   target" \
			    " >= 4x   %s\n", m / t, (m / t >= 4 ? "PASS" : "BELOW")
		}'
		echo "grades, cm-classify vs $have_mlr: $check"
	else
		echo "cm-classify / miller: skipped: mlr is not installed" \
		    "(Debian package miller); grades not checked"
	fi
	scaling cm-classify "libcsv parse"
fi

# ---- cm-funnel and cm-schedule ----------------------------------------

FUNNEL_RULES=rules/funnel.yaml
SCHEDULE_RULES=rules/schedule.yaml
WEEK=2026-11-30
EVENTS=samples/events.csv
# The bytes a graded row takes, rounded up, for the disk space check.
GRADED_ROW_BYTES=320

# grade ROWS AGENTS: gen -a AGENTS ROWS, graded by cm-classify into
# $input; checks that every row is written and none rejected; sets bytes.
grade() {
	rm -f "$tmp/gen.failed"
	{ "$B/bench/gen" -a "$2" "$1" || echo $? > "$tmp/gen.failed"; } |
	    "$B/bin/cm-classify" -r "$RULES" --today "$TODAY" --stats \
	    > "$input" 2> "$tmp/grade.stats" || {
		cat "$tmp/grade.stats" >&2
		die "cm-classify failed grading gen -a $2 $1"
	}
	[ ! -e "$tmp/gen.failed" ] || die "gen -a $2 $1 failed"
	if ! [ "$(figure "$tmp/grade.stats" written)" = "$1" ] ||
	    ! [ "$(figure "$tmp/grade.stats" rejected)" = 0 ]; then
		cat "$tmp/grade.stats" >&2
		die "cm-classify should grade all $1 rows and reject none"
	fi
	bytes=$(wc -c < "$input")
}

# The reference of both: cm-classify on the graded file.
ref_graded() {
	"$B/bin/cm-classify" -r "$RULES" --today "$TODAY" "$input"
}

# The funnel of issue 3, in the shape of $shape rows an agent.
make_funnel() {
	grade "$1" "$(at_least 1 $(($1 / shape)))"
}

run_funnel() {
	tool cm-funnel -r "$FUNNEL_RULES" "$input"
}

ref_funnel() {
	ref_graded
}

# The rules' first stage alone (the shipped rules' 缘故30, where rows are
# held), and its name, for held_text.
awk '/^  - name:/ && n++ { exit } { print }' "$FUNNEL_RULES" \
    > "$tmp/first.yaml"
first=$(awk '/^  - name:/ { sub(/^  - name: */, ""); print; exit }' \
    "$FUNNEL_RULES")

# held_text: the bytes of text of the rows cm-funnel holds at the end of
# $input: the rows the first stage alone lets through, written, less the
# two columns it adds (stage and rank, with their commas) and the quotes
# (a held row is its fields, each ended by a NUL: no quote, no comma).
held_text() {
	"$B/bin/cm-funnel" -r "$tmp/first.yaml" --no-header "$input" |
	    LC_ALL=C awk -v s=",$first,[0-9]+\$" '
	    { t += length($0) + 1 - gsub(/"/, "") }
	    match($0, s) { t -= RLENGTH }
	    END { printf "%.0f\n", t }'
}

# check_funnel ROWS: read = written + filtered, no rejects; sets nread,
# written, rejected, filtered, kept: the rows held at the end of the
# input, those past the first stage, whose limit (the shipped rules'
# 缘故30) is where rows are held, and text: theirs (held_text).
check_funnel() {
	st=$tmp/stats
	nread=$(figure "$st" read)
	written=$(figure "$st" written)
	rejected=$(figure "$st" rejected)
	filtered=$(awk -F': ' '$2 ~ /^filtered out at / { s += $3 }
	    END { print s + 0 }' "$st")
	kept=$((nread - $(awk -F': ' '$2 ~ /^filtered out at / { print $3
	    exit }' "$st")))
	text=$(held_text)
	[ "$nread" = "$1" ] && [ "$rejected" = 0 ] &&
	    [ "$((written + filtered))" = "$nread" ]
	added $?
}

for shape in $FUNNEL_SHAPES; do
	if measure funnel cm-funnel cm-classify BENCH_FUNNEL_ROWS \
	    "$FUNNEL_ROWS" $((FUNNEL_ROWS * GRADED_ROW_BYTES)) "cm-funnel:\
 $FUNNEL_ROWS rows, $shape rows an agent ($((FUNNEL_ROWS / shape))\
 agents), $FUNNEL_RULES (issues 3, 18)" "gen -a graded by cm-classify,\
 $shape rows an agent at every size"; then
		rm -rf "$work"
		groups=$(figure "$st" groups)
		stages=$(awk -F': ' '$2 ~ /^filtered out at / {
			sub(/^filtered out at /, "", $2)
			printf "%s%s %s", sep, $2, $3
			sep = ", "
		    }' "$st")
		[ "$check" = "ADD UP" ] || cat "$st"
		results cm-funnel cm-classify "$shape rows an agent" 50
		# Issue 3's 500 MB is for 10,000,000 rows over 25,000 agents
		# (750,000 rows held); with more agents, more rows are held.
		awk -v rss="$(awk 'END { print $5 }' "$tmp/scale")" \
		    -v agents=$((FUNNEL_ROWS / shape)) 'BEGIN {
			printf "cm-funnel max RSS: %.1f MB", rss
			if (agents <= 25000)
				printf "   target < 500 MB   %s\n", \
				    (rss < 500 ? "PASS" : "ABOVE")
			else
				printf " (the target of 500 MB is for 25,000" \
				    " agents, issue 3)\n"
		}'
		echo "cm-funnel --stats: read $nread = written $written +" \
		    "filtered $filtered ($stages), rejected $rejected: $check"
		echo "  $groups groups (agents), $written rows written:" \
		    "$(awk -v w="$written" -v g="$groups" \
		    'BEGIN { printf "%.2f", g ? w / g : 0 }') an agent;" \
		    "$kept rows held"
		tag=/$shape
		scaling cm-funnel cm-classify 160 "held row"
		tag=
	fi
done

# The calendar of issue 4: BENCH_AGENTS agents at the bench size, as many
# rows an agent at every size, or with same_agents BENCH_AGENTS agents at
# every size.
same_agents=
make_schedule() {
	if [ -n "$same_agents" ]; then
		grade "$1" "$AGENTS"
	else
		grade "$1" "$(at_least 1 $((AGENTS * $1 / SCHEDULE_ROWS)))"
	fi
}

run_schedule() {
	tool cm-schedule -r "$SCHEDULE_RULES" --week "$WEEK" \
	    --events "$EVENTS" "$input"
}

ref_schedule() {
	ref_graded
}

# check_schedule ROWS: every row written, scheduled or not, none rejected.
check_schedule() {
	st=$tmp/stats
	kept_all "$1"
	[ "$(figure "$st" read)" = "$1" ] &&
	    [ "$(figure "$st" rejected)" = 0 ] &&
	    [ "$(figure "$st" written)" = "$1" ] &&
	    [ "$(($(figure "$st" scheduled) + $(figure "$st" unscheduled)))" = "$1" ]
	added $?
}

if measure schedule cm-schedule cm-classify BENCH_SCHEDULE_ROWS \
    "$SCHEDULE_ROWS" $((SCHEDULE_ROWS * GRADED_ROW_BYTES)) "cm-schedule:\
 $SCHEDULE_ROWS rows over $AGENTS agents, $SCHEDULE_RULES --week $WEEK\
 --events $EVENTS (issues 4, 18)" "gen -a graded by cm-classify,\
 $((SCHEDULE_ROWS / AGENTS)) rows an agent at every size"; then
	rm -rf "$work"
	results cm-schedule cm-classify "the same file"
	echo "cm-schedule --stats: scheduled $(figure "$st" scheduled)," \
	    "unscheduled $(figure "$st" unscheduled), rejected" \
	    "$(figure "$st" rejected): $check ($((SCHEDULE_ROWS / AGENTS))" \
	    "rows an agent; the unscheduled find the week full)"
	scaling cm-schedule cm-classify 160
	echo
	echo "and with the same $AGENTS agents at every size (more rows an" \
	    "agent) ..."
	same_agents=1
	scale schedule cm-schedule cm-classify "$SCHEDULE_ROWS"
	same_agents=
	rm -rf "$work"
	growth cm-schedule cm-classify
fi

# ---- cm-followup and cm-orphan-assign --------------------------------

# The reference of both: cm-classify with tests/bench/policy.yaml, a few
# conditions a row on the columns that every policy file of gen has.
ref_policies() {
	"$B/bin/cm-classify" -r "$POLICY_RULES" --today "$TODAY" "$1"
}

# The service calendar of issue 5.
FOLLOWUP_RULES=rules/followup.yaml
FROM=2026-11-23
DAYS=30
# The bytes a policy of gen -p takes (about 159), rounded up.
POLICY_ROW_BYTES=170

make_followup() {
	"$B/bench/gen" -p -a "$AGENTS" "$1" > "$input" ||
	    die "gen -p -a $AGENTS $1 failed"
	bytes=$(wc -c < "$input")
	classify_all "$input" "$1"
}

run_followup() {
	tool cm-followup -r "$FOLLOWUP_RULES" --from "$FROM" --days "$DAYS" \
	    --today "$TODAY" "$input"
}

ref_followup() {
	ref_policies "$input"
}

# check_followup ROWS: rows with a task + rows with none = read, no
# rejects, a task a row written.
check_followup() {
	st=$tmp/stats
	kept_all "$1"
	[ "$(figure "$st" read)" = "$1" ] &&
	    [ "$(figure "$st" rejected)" = 0 ] &&
	    [ "$(($(figure "$st" "rows with a task due") + \
	    $(figure "$st" "rows with no task due")))" = "$1" ] &&
	    [ "$(figure "$st" tasks)" = "$(figure "$st" written)" ]
	added $?
}

if measure followup cm-followup cm-classify BENCH_FOLLOWUP_ROWS \
    "$FOLLOWUP_ROWS" $((FOLLOWUP_ROWS * POLICY_ROW_BYTES)) "cm-followup:\
 $FOLLOWUP_ROWS policies over $AGENTS agents, $FOLLOWUP_RULES --from $FROM\
 --days $DAYS (issue 6)" "policies of gen -p"; then
	rm -rf "$work"
	echo "  policies: $(mb "$BYTES") MB, $((BYTES / ROWS_N)) bytes a row"
	results cm-followup cm-classify "the same file"
	echo "cm-followup --stats: read $(figure "$st" read), rejected" \
	    "$(figure "$st" rejected); rows with a task due" \
	    "$(figure "$st" "rows with a task due") + with none" \
	    "$(figure "$st" "rows with no task due"): $check"
	echo "  tasks written: $(figure "$st" written) (repeated occasions of" \
	    "one customer not written again: $(figure "$st" \
	    "repeated occasions of one customer"))"
	scaling cm-followup cm-classify "" policy
fi

# The orphan policies of issue 6: at each size, as many fewer agents (at
# least 20) and holdings as orphans.
ORPHAN_RULES=rules/orphan.yaml
orph=$work

# check_orphans: that the roster and the orphans of gen -o make a run that
# exits 0: unique agent ids, counts that are numbers, every departed agent
# of the orphans in the roster, no policy twice, every rider's main policy
# among the orphans (before it, as gen writes them).  gen -o quotes no
# field, so awk -F, splits its rows exactly.  Prints a summary.
check_orphans() {
	awk -F, '
	function col(name,    i) {
		for (i = 1; i <= NF; i++)
			if ($i == name)
				return i
		printf "bench: %s: no column %s\n", FILENAME, name > "/dev/stderr"
		bad = 1
		exit 1
	}
	function num(v) {
		return v == "" || v ~ /^[+-]?[0-9]+(\.[0-9]+)?$/
	}
	function fail(msg) {
		printf "bench: %s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
		bad = 1
		exit 1
	}
	FNR == 1 && ++file == 1 {
		a_id = col("agent_id"); a_st = col("status"); a_role = col("role")
		a_rec = col("recruits_3m"); a_com = col("complaints_3m")
		a_held = col("orphan_count"); a_out = col("output_last_month")
		next
	}
	FNR == 1 {
		o_id = col("policy_id"); o_ag = col("agent_id")
		o_main = col("main_policy_id")
		next
	}
	file == 1 {
		if ($a_id == "")
			fail("an agent without an id")
		if ($a_id in status)
			fail("agent " $a_id " is listed twice")
		if (!num($a_rec) || !num($a_com) || !num($a_held) || !num($a_out))
			fail("agent " $a_id ": a count that is not a number")
		status[$a_id] = $a_st
		nag++
		if ($a_st != "active")
			nleft++
		if ($a_role == "service")
			nservice++
		next
	}
	{
		if ($o_id == "" || $o_ag == "")
			fail("an empty policy_id or agent_id")
		if (!($o_ag in status))
			fail("the departed agent " $o_ag " is not in the roster")
		if ($o_id in seen)
			fail("policy " $o_id " is listed twice")
		if ($o_main != "" && !(($o_main) in ismain))
			fail("the main policy " $o_main " of rider " $o_id \
			    " is not before it")
		seen[$o_id] = 1
		if ($o_main == "")
			ismain[$o_id] = 1
		else
			nriders++
		if (status[$o_ag] == "active")
			nactive++
		if (!($o_ag in dep)) {
			dep[$o_ag] = 1
			ndep++
		}
		n++
	}
	END {
		if (bad)
			exit 1
		printf "  roster: %d agents (%d not active, %d service), ids" \
		    " unique, counts numbers\n", nag, nleft, nservice
		printf "  orphans: %d policies (%d riders, each after its main" \
		    " policy) from %d departed agents, all in the roster" \
		    " (%d policies of an active one)\n", n, nriders, ndep, nactive
	}' "$orph/agents.csv" "$orph/orphans.csv"
}

make_orphan() {
	oa=$(at_least 20 $((ORPHAN_AGENTS * $1 / ORPHAN_ROWS)))
	oh=$((ORPHAN_HOLDINGS * $1 / ORPHAN_ROWS))
	"$B/bench/gen" -o "$orph" -a "$oa" -H "$oh" "$1" ||
	    die "gen -o -a $oa -H $oh $1 failed"
	check_orphans > "$tmp/orphan.check" || die "gen -o -a $oa -H $oh $1" \
	    "wrote a roster or orphans that cm-orphan-assign would reject"
	bytes=$(wc -c < "$orph/orphans.csv")
	classify_all "$orph/orphans.csv" "$1"
}

run_orphan() {
	tool cm-orphan-assign -r "$ORPHAN_RULES" --today "$TODAY" \
	    --agents "$orph/agents.csv" --holdings "$orph/holdings.csv" \
	    "$orph/orphans.csv"
}

ref_orphan() {
	ref_policies "$orph/orphans.csv"
}

ref_holdings() {
	ref_policies "$orph/holdings.csv"
}

# check_orphan ROWS: read = written, no rejects, the routes' policies +
# the unassigned = written.
check_orphan() {
	st=$tmp/stats
	kept_all "$1"
	# "cm-orphan-assign: route NAME: policies: N"
	placed=$(awk -F': ' '$2 ~ /^route / && $3 == "policies" { s += $4 }
	    END { print s + 0 }' "$st")
	[ "$(figure "$st" read)" = "$1" ] &&
	    [ "$(figure "$st" rejected)" = 0 ] &&
	    [ "$(figure "$st" written)" = "$1" ] &&
	    [ "$((placed + $(figure "$st" "unassigned policies")))" = "$1" ]
	added $?
}

# The bytes of gen -o: an orphan about 140, a holding 64, an agent 70.
if measure orphan cm-orphan-assign cm-classify BENCH_ORPHAN_ROWS \
    "$ORPHAN_ROWS" $((ORPHAN_ROWS * 150 + ORPHAN_HOLDINGS * 70 + \
    ORPHAN_AGENTS * 80)) "cm-orphan-assign: $ORPHAN_ROWS orphan policies,\
 $ORPHAN_AGENTS agents, $ORPHAN_HOLDINGS holdings, $ORPHAN_RULES (issues 5,\
 18)" "gen -o, checked; agents (at least 20) and holdings in proportion\
 at every size"; then
	cat "$tmp/orphan.check"
	# cm-classify on the holdings too: all the bytes cm-orphan-assign reads.
	hbytes=$(wc -c < "$orph/holdings.csv")
	abytes=$(wc -c < "$orph/agents.csv")
	classify_all "$orph/holdings.csv" \
	    "$(($(wc -l < "$orph/holdings.csv") - 1))"
	best_of cm-classify ref_holdings
	rm -rf "$work"
	echo "  orphans $(mb "$BYTES") MB, holdings $(mb "$hbytes") MB," \
	    "roster $(mb "$abytes") MB"
	results cm-orphan-assign cm-classify "the same bytes (the orphans)"
	awk -v t="$T" -v a="$TR" -v b="$best" 'BEGIN {
		printf "  cm-classify on the holdings too (best of its own runs):" \
		    " %.3f s; on the orphans and the holdings, all that" \
		    " cm-orphan-assign reads but the roster, %.3f s:" \
		    " cm-orphan-assign takes %.2fx that\n", b, a + b, t / (a + b)
	}'
	echo "cm-orphan-assign --stats: read $(figure "$st" read) = written" \
	    "$(figure "$st" written) + rejected $(figure "$st" rejected);" \
	    "placed by the routes + unassigned = written: $check"
	awk -F': ' '$2 ~ /^route / && $3 == "units" {
		r = substr($2, 7)
		u[++n] = r
		units[r] = $4
	}
	$2 ~ /^route / && $3 == "policies" {
		pol[substr($2, 7)] = $4
	}
	$2 == "unassigned policies" { un = $3 }
	END {
		for (i = 1; i <= n; i++)
			printf "  %s %d units, %d policies\n", u[i], units[u[i]], \
			    pol[u[i]]
		printf "  unassigned %d policies\n", un
	}' "$st"
	# The roster and the holdings grow by as much: all of it is counted.
	scaling cm-orphan-assign cm-classify 160 orphan
fi

# ---- cm-calls ---------------------------------------------------------

# The call lists of issue 14: a pool of ROWS records over 40 areas and
# CALLS_CALLERS callers (a team of each area, one caller in ten of any
# area), against cm-classify on the same pool with one condition on the
# area a row.
make_calls() {
	awk -v n="$1" 'BEGIN {
		print "record_id,name,phone,area,source"
		for (i = 1; i <= n; i++)
			printf "R%07d,客户%d,1%010d,区%02d,渠道%d\n", i, i % 997,
			    (i * 7919) % 10000000000, (i * 31) % 40, i % 4
	}' > "$work/pool.csv"
	awk -v n="$CALLS_CALLERS" 'BEGIN {
		print "caller_id,team,status"
		for (i = 1; i <= n; i++)
			printf "T%04d,%s,active\n", i,
			    i % 10 == 0 ? "*" : sprintf("区%02d", i % 40)
	}' > "$work/callers.csv"
	printf 'version: 1\nclassify:\n  - column: band\n    rules:\n      - {when: {area: 区01}, value: a}\n    default: b\n' \
	    > "$work/classify.yaml"
	bytes=$(wc -c < "$work/pool.csv")
}

run_calls() {
	tool cm-calls -r rules/calls.yaml --day 2026-11-24 --callers "$work/callers.csv" \
	    --rest /dev/null "$work/pool.csv"
}

ref_calls() {
	"$B/bin/cm-classify" -r "$work/classify.yaml" "$work/pool.csv"
}

# check_calls ROWS: read = written + rest.
check_calls() {
	st=$tmp/stats
	kept_all "$1"
	[ "$(figure "$st" read)" = "$1" ] &&
	    [ "$(($(figure "$st" written) + $(figure "$st" rest)))" = "$1" ]
	added $?
}

if measure calls cm-calls cm-classify BENCH_CALLS_ROWS "$CALLS_ROWS" \
    $((CALLS_ROWS * 110)) "cm-calls: the call lists of $CALLS_ROWS records\
 for $CALLS_CALLERS callers, 2026-11-24 (issue 14)" \
    "as many callers at every size"; then
	rm -rf "$work"
	results cm-calls cm-classify "the same bytes (the pool)" 50
	echo "cm-calls --stats: read $(figure "$st" read) = written" \
	    "$(figure "$st" written) + rest $(figure "$st" rest): $check"
	scaling cm-calls cm-classify "" record
fi

# ---- cm-report --------------------------------------------------------

# contacts of issue 13: a log of ROWS contacts in April 2026 (a message, a
# call or a visit, one in ten not made) of ROWS assigned customers of 20000
# agents, against cm-classify on the same log with one condition on the
# channel a row.
make_report() {
	awk -v n="$1" 'BEGIN {
		print "policy_id,customer_id,assigned_to,assigned_date"
		for (i = 1; i <= n; i++)
			printf "P%07d,K%07d,S%05d,2026-0%d-%02d\n", i, i,
			    i % 20000, 1 + i % 3, 1 + i % 28
	}' > "$work/assigned.csv"
	awk -v n="$1" 'BEGIN {
		split("短信 电话 面访", ch, " ")
		print "agent_id,customer_id,date,time,channel,done,result"
		for (i = 1; i <= n; i++) {
			k = (i * 7919) % n + 1
			printf "S%05d,K%07d,2026-04-%02d,10:00,%s,%s,\n",
			    k % 20000, k, 1 + i % 30, ch[1 + i % 3],
			    i % 10 == 0 ? "no" : "yes"
		}
	}' > "$work/log.csv"
	printf 'version: 1\nclassify:\n  - column: band\n    rules:\n      - {when: {channel: 面访}, value: a}\n    default: b\n' \
	    > "$work/classify.yaml"
	printf 'version: 1\nclassify:\n  - column: band\n    rules:\n      - {when: {assigned_to: S00001}, value: a}\n    default: b\n' \
	    > "$work/book.yaml"
	bytes=$(wc -c < "$work/log.csv")
}

run_report() {
	tool cm-report contacts -r rules/report.yaml --month 2026-04 \
	    --assigned "$work/assigned.csv" "$work/log.csv"
}

ref_report() {
	"$B/bin/cm-classify" -r "$work/classify.yaml" "$work/log.csv"
}

ref_report_both() {
	ref_report &&
	    "$B/bin/cm-classify" -r "$work/book.yaml" "$work/assigned.csv"
}

# check_report ROWS: read = in the period + not made + outside.
check_report() {
	st=$tmp/stats
	kept_all "$1"
	[ "$(figure "$st" read)" = "$1" ] &&
	    [ "$(($(figure "$st" "contacts in the period") + \
	    $(figure "$st" "contacts not made") + \
	    $(figure "$st" "contacts outside the period")))" = "$1" ]
	added $?
}

if measure report cm-report cm-classify BENCH_REPORT_ROWS "$REPORT_ROWS" \
    $((REPORT_ROWS * 100)) "cm-report: contacts of a log of $REPORT_ROWS\
 rows and $REPORT_ROWS assigned customers, 2026-04 (issue 13)" \
    "the book grows with the log"; then
	ALL=$((BYTES + $(wc -c < "$work/assigned.csv")))
	rcheck=$check
	results cm-report cm-classify "the same bytes (the log)" 50
	cp "$tmp/rate" "$tmp/rate.log"
	echo "cm-report --stats: read $(figure "$st" read) = in the period" \
	    "$(figure "$st" "contacts in the period") + not made and outside:" \
	    "$rcheck"
	echo
	echo "cm-report against cm-classify on all it reads, the log and the" \
	    "book ($(mb "$ALL") MB), best of $RUNS, in turn:"
	alternate cm-report run_report cm-classify ref_report_both
	rm -rf "$work"
	header
	line cm-report "$ta" "$ca" "$ALL" "$((2 * ROWS_N))"
	line cm-classify "$tb" "$cb" "$ALL" "$((2 * ROWS_N))"
	echo
	rate cm-report cm-classify "$ta" "$tb" "$ua" "$ub" \
	    "the same bytes (log and book)" 50
	mv "$tmp/rate.log" "$tmp/rate"
	scaling cm-report cm-classify "" "log row"
fi

# ---- summary ----------------------------------------------------------

echo
echo "== summary (issue 18) =="
echo "Each tool at its bench size: MB/s; the rate as a share of the" \
    "reference's; the bytes"
echo "for each row it keeps (a held row for cm-funnel) and the memory at" \
    "100,000,000 rows of"
echo "input; the cpu time's growth from 1x to the bench size against n log" \
    "n's, and over"
echo "the reference's growth against n log n / n."
awk -F'\t' '
BEGIN {
	printf "%-21s %7s %-22s %9s %-23s %s\n", "", "MB/s", "rate", \
	    "B a kept", "at 100,000,000 rows", "cpu growth"
}
{
	printf "%-21s %7s %-22s %9s %-23s %s\n", $1, $2, $3 " of " $4, $5, \
	    $6, $7
}' "$tmp/summary"
exit 0
