#!/bin/sh
# The benchmark of `make bench` (issue 2, "Speed"): a benchmark, not a test.
#
# Generates a customer list, then times, wall-clock, best of BENCH_RUNS
# runs each:
#   libcsv       a bare libcsv parse (tests/bench/csvparse), the floor;
#   cm-classify  the shipped rules, --today 2026-11-23;
#   miller       the same grading in Miller 6 (tests/bench/classify.mlr),
#                when mlr is installed.
# and prints MB/s and the ratios against their targets (wall-clock, as the
# issue counts them: cm-classify parses on a thread of its own while it
# grades, as Miller uses both cores), and cm-classify's ratio on cpu time
# too, the work it does on one core.  It checks that cm-classify rejects no
# row and that Miller grades the first rows the same.
#
# Then, on customer lists whose agents interleave as in a branch's export
# (gen -a), graded once by cm-classify into a file:
#   cm-funnel    (issue 3) rules/funnel.yaml on BENCH_FUNNEL_ROWS rows over
#                BENCH_AGENTS agents, against cm-classify on the same graded
#                file: the rate as a share of cm-classify's (target >= 50%)
#                and the most resident memory (target < 500 MB); its --stats
#                must add up: read = written + filtered at each stage, no
#                rejects;
#   cm-schedule  (issue 4) rules/schedule.yaml, --week 2026-11-30 with
#                samples/events.csv, on BENCH_SCHEDULE_ROWS rows over
#                BENCH_AGENTS agents, against cm-classify on the same file;
#                and its growth from a quarter of the rows to all of them,
#                against n log n's and cm-classify's (a linear filter's)
#                on the same files, with the same agents (4 times the rows
#                an agent) and with a quarter of the agents (the same rows an
#                agent).
# Then, on policy files of gen -p and gen -o, against cm-classify with
# tests/bench/policy.yaml (a few conditions a row, on the columns all of
# them have) on the same file:
#   cm-followup  (issue 6) rules/followup.yaml, --from 2026-11-23 --days 30,
#                on BENCH_FOLLOWUP_ROWS policies over BENCH_AGENTS agents
#                (gen -p: issue dates over 20 years, premiums due on the
#                anniversaries, riders, annuities, birthdays, a quarter on
#                the lunar calendar, weddings, customers taken over with
#                their orphan states, phones, segments): its
#                time as a ratio of cm-classify's, its most resident
#                memory, the tasks written; its --stats must add up (rows
#                with a task + rows with none = read, no rejects); and its
#                growth from a quarter of the policies to all of them;
#   cm-orphan-assign  (issue 5) rules/orphan.yaml on BENCH_ORPHAN_ROWS
#                orphan policies, a roster of BENCH_ORPHAN_AGENTS agents and
#                BENCH_ORPHAN_HOLDINGS holdings (gen -o), after checking
#                that the roster and the orphans are valid (unique agent
#                ids, numeric counts, every departed agent in the roster,
#                every rider after its main policy): its time as a ratio of
#                cm-classify's on the orphans (and on the orphans plus the
#                holdings, all it reads but the roster), its most resident
#                memory, the units and policies of each route, which must
#                add up (read = written, no rejects, the routes' policies +
#                the unassigned = written); and its growth from a quarter
#                of everything (orphans, agents, holdings) to all of it.
# Then:
#   cm-calls     (issue 14) the call lists of the shipped rules, for
#                2026-11-24, of a pool of BENCH_CALLS_ROWS records over 40
#                areas shared among BENCH_CALLS_CALLERS callers, against
#                cm-classify on the same pool (one condition a row), the
#                lists and the rest to /dev/null as cm-classify's output: the
#                rate as a share of cm-classify's (target >= 50%), its most
#                resident memory, and its --stats, which must add up (read
#                = written + rest).
#   cm-report    (issue 13) contacts of the shipped rules for 2026-04: a
#                contact log of BENCH_REPORT_ROWS rows and a book of as
#                many assigned rows (one customer each, 20000 agents),
#                against cm-classify on the same log (one condition a
#                row): the rate as a share of cm-classify's (target >=
#                50%), its most resident memory (bounded by the book's
#                customers, not the log's rows), the same against
#                cm-classify on all it reads (the log, then the book, one
#                condition a row each), and its --stats, which
#                must add up (read = the log's rows in the period + not
#                made + outside).
# The timed runs of the two tools alternate, BENCH_RUNS each: the rates
# are of the least wall-clock time, the growth of the least cpu time (user
# + sys), which other work on the machine disturbs less.  MB is
# 10^6 bytes; resident memory is GNU time's %M (Debian package time), else
# the VmHWM of /proc/PID/status, read every 0.05 s while the program runs
# (which adds up to 0.05 s to the run's wall-clock time).  A section whose
# files (about 170 bytes a customer, 245 a graded row, 159 a policy of gen
# -p, 90 an orphan and 64 a holding) would not fit in the temp dir (TMPDIR)
# is skipped, with a line that says so; each file is deleted as soon as
# its timings are done.
#
# Exits 0 whether or not the targets are met; non-zero only when a program
# fails.
#
# Environment: B (the build directory, default build), BENCH_ROWS (default
# 1000000; 0 skips cm-classify against libcsv and Miller), BENCH_RUNS
# (default 3), BENCH_CHECK_ROWS (default 1000), BENCH_FUNNEL_ROWS (default
# 10000000; 0 skips cm-funnel), BENCH_SCHEDULE_ROWS (default 1000000; 0
# skips cm-schedule), BENCH_AGENTS (default 25000), BENCH_FOLLOWUP_ROWS
# (default 1000000; 0 skips cm-followup), BENCH_ORPHAN_ROWS (default
# 1000000; 0 skips cm-orphan-assign), BENCH_ORPHAN_AGENTS (default 50000,
# at least 20), BENCH_ORPHAN_HOLDINGS (default 3 times BENCH_ORPHAN_ROWS),
# BENCH_CALLS_ROWS (default 1000000; 0 skips cm-calls), BENCH_CALLS_CALLERS
# (default 2000), BENCH_REPORT_ROWS (default 1000000; 0 skips cm-report).

set -u

cd "$(dirname "$0")/../.." || exit 1

B=${B:-build}
ROWS=${BENCH_ROWS:-1000000}
RUNS=${BENCH_RUNS:-3}
CHECK_ROWS=${BENCH_CHECK_ROWS:-1000}
TODAY=2026-11-23
RULES=rules/classify.yaml
MLR_SCRIPT=tests/bench/classify.mlr
# The columns cm-classify adds, compared with Miller's.
GRADES=class,class_rule,strategy,segment,service,quadrant,gps_score

die() {
	echo "bench: $*" >&2
	exit 1
}

for n in "$ROWS" "$RUNS" "$CHECK_ROWS"; do
	case $n in
	'' | *[!0-9]*) die "'$n' is not a count (BENCH_ROWS, BENCH_RUNS," \
	    "BENCH_CHECK_ROWS)" ;;
	esac
done
[ "$RUNS" -ge 1 ] || die "BENCH_RUNS must be at least 1"

FUNNEL_ROWS=${BENCH_FUNNEL_ROWS:-10000000}
SCHEDULE_ROWS=${BENCH_SCHEDULE_ROWS:-1000000}
AGENTS=${BENCH_AGENTS:-25000}
FOLLOWUP_ROWS=${BENCH_FOLLOWUP_ROWS:-1000000}
ORPHAN_ROWS=${BENCH_ORPHAN_ROWS:-1000000}
ORPHAN_AGENTS=${BENCH_ORPHAN_AGENTS:-50000}
for n in "$FUNNEL_ROWS" "$SCHEDULE_ROWS" "$AGENTS" "$FOLLOWUP_ROWS" \
    "$ORPHAN_ROWS" "$ORPHAN_AGENTS"; do
	case $n in
	'' | *[!0-9]*) die "'$n' is not a count (BENCH_FUNNEL_ROWS," \
	    "BENCH_SCHEDULE_ROWS, BENCH_AGENTS, BENCH_FOLLOWUP_ROWS," \
	    "BENCH_ORPHAN_ROWS, BENCH_ORPHAN_AGENTS)" ;;
	esac
done
ORPHAN_HOLDINGS=${BENCH_ORPHAN_HOLDINGS:-$((3 * ORPHAN_ROWS))}
case $ORPHAN_HOLDINGS in
'' | *[!0-9]*) die "'$ORPHAN_HOLDINGS' is not a count (BENCH_ORPHAN_HOLDINGS)" ;;
esac
[ "$AGENTS" -ge 1 ] || die "BENCH_AGENTS must be at least 1"
[ "$ORPHAN_AGENTS" -ge 20 ] || die "BENCH_ORPHAN_AGENTS must be at least 20"

for p in "$B/bench/gen" "$B/bench/csvparse" "$B/bin/cm-classify" \
    "$B/bin/cm-funnel" "$B/bin/cm-schedule" "$B/bin/cm-followup" \
    "$B/bin/cm-orphan-assign" "$B/bin/cm-calls" "$B/bin/cm-report"; do
	[ -x "$p" ] || die "$p is not built (run make bench)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cm-bench.XXXXXX") || die "no temp dir"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
data=$tmp/customers.csv

# cpu: the children's user + sys seconds so far, from the shell's
# `times` (run here, not in a subshell, which would count its own).
cpu() {
	times > "$tmp/times"
	awk 'NR == 2 {
		n = split($0, t, /[ ms]+/)
		s = 0
		for (i = 1; i + 1 <= n; i += 2)
			s += t[i] * 60 + t[i + 1]
		printf "%.2f", s
	}' "$tmp/times"
}

# best_of NAME COMMAND...: runs COMMAND (output to /dev/null) RUNS times;
# sets best (wall-clock seconds) and best_cpu (user + sys of that run).
best_of() {
	name=$1
	shift
	best=
	best_cpu=
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		cpu > "$tmp/c0"
		t0=$(date +%s.%N)
		"$@" > /dev/null || die "$name failed (exit status $?)"
		t1=$(date +%s.%N)
		cpu > "$tmp/c1"
		r=$(awk -v a="$t0" -v b="$t1" -v best="$best" -v bc="$best_cpu" '
		    NR == 1 { c0 = $1 }
		    NR == 2 { c1 = $1 }
		    END {
			t = b - a
			if (best == "" || t < best + 0)
				printf "%.4f %.2f", t, c1 - c0
			else
				printf "%s %s", best, bc
		}' "$tmp/c0" "$tmp/c1")
		best=${r% *}
		best_cpu=${r#* }
		i=$((i + 1))
	done
}

run_csvparse() {
	"$B/bench/csvparse" < "$data"
}

run_cm() {
	"$B/bin/cm-classify" -r "$RULES" --today "$TODAY" "$data"
}

run_mlr() {
	mlr --icsv --ocsv put -f "$MLR_SCRIPT" "$data"
}

# GNU time for the most resident memory, when it is there.
gnu_time=
if [ -x /usr/bin/time ] &&
    /usr/bin/time -f %M -o /dev/null true > /dev/null 2>&1; then
	gnu_time=/usr/bin/time
fi

# rss FILE COMMAND...: runs COMMAND, appending its most resident memory,
# in kB, to FILE; returns COMMAND's exit status.
rss() {
	rss_file=$1
	shift
	if [ -n "$gnu_time" ]; then
		"$gnu_time" -a -o "$rss_file" -f %M "$@"
		return
	fi
	"$@" &
	rss_pid=$!
	rss_kb=0
	while kill -0 "$rss_pid" 2> /dev/null; do
		while read -r rss_k rss_v rss_rest; do
			[ "$rss_k" = VmHWM: ] && rss_kb=$rss_v
		done 2> /dev/null < "/proc/$rss_pid/status"
		sleep 0.05
	done
	wait "$rss_pid"
	rss_st=$?
	echo "$rss_kb" >> "$rss_file"
	return "$rss_st"
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
	    END { printf "%.4f %.2f", b - a, c1 - c0 }' "$tmp/c0" "$tmp/c1")
	t=${r% *}
	c=${r#* }
}

# alternate A_NAME A_FUNC B_NAME B_FUNC: runs A and B in turn, RUNS times
# each, so that a noisy moment hits both; sets ta, ca, tb, cb, the best
# run of each (the least wall-clock time) and its cpu time, and ua, ub,
# the least cpu time of each (from any run: with other work on the machine
# cpu time varies less than wall-clock time).
alternate() {
	ta= ca= tb= cb= ua= ub=
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

# less X Y: true when Y is empty or X < Y.
less() {
	[ -z "$2" ] || awk -v x="$1" -v y="$2" 'BEGIN { exit !(x < y) }'
}

# max_mb FILE: the largest figure in FILE (kB), in MB.
max_mb() {
	awk 'BEGIN { m = 0 } $1 + 0 > m { m = $1 + 0 }
	    END { printf "%.1f", m * 1024 / 1e6 }' "$1"
}

# memory NAME MB0 MB1 N0 N1 BYTES1 [WHAT]: NAME's memory for each row it
# keeps (issue 18): the most resident memory grew from MB0 to MB1 MB as
# the rows kept grew from N0 to N1, of BYTES1 bytes of input text at N1;
# so much a row, less its text, is the overhead (target at most 160
# bytes), and MB1 grown by as much a row to 100,000,000 rows is set
# against 24 GB.  WHAT names the rows ("rows", "held rows").
memory() {
	awk -v name="$1" -v m0="$2" -v m1="$3" -v n0="$4" -v n1="$5" \
	    -v b="$6" -v what="${7:-row}" 'BEGIN {
		if (n1 <= n0 || m1 <= m0) {
			printf "%s memory: not measured (too few %ss)\n", \
			    name, what
			exit
		}
		row = (m1 - m0) * 1e6 / (n1 - n0)
		over = row - b / n1
		big = (m1 * 1e6 + (1e8 - n1) * row) / 1e9
		printf "%s memory: %.0f bytes for each %s (%d -> %d), %.0f" \
		    " of them its text: overhead %.0f bytes   target <= 160" \
		    "   %s\n", name, row, what, n0, n1, b / n1, over, \
		    (over <= 160 ? "PASS" : "ABOVE")
		printf "  at 100,000,000 %ss: about %.1f GB   against 24 GB" \
		    "   %s\n", what, big, (big <= 24 ? "FITS" : "DOES NOT FIT")
	}'
}

# figure FILE NAME: the figure NAME of a --stats file.
figure() {
	awk -F': ' -v n="$2" '$2 == n { print $3 }' "$1"
}

# grade ROWS AGENTS FILE: gen -a AGENTS ROWS, graded by cm-classify into
# FILE; checks that every row is written and none rejected.
grade() {
	rm -f "$tmp/gen.failed"
	{ "$B/bench/gen" -a "$2" "$1" || echo $? > "$tmp/gen.failed"; } |
	    "$B/bin/cm-classify" -r "$RULES" --today "$TODAY" --stats \
	    > "$3" 2> "$tmp/grade.stats" || {
		cat "$tmp/grade.stats" >&2
		die "cm-classify failed grading gen -a $2 $1"
	}
	[ ! -e "$tmp/gen.failed" ] || die "gen -a $2 $1 failed"
	[ "$(figure "$tmp/grade.stats" written)" = "$1" ] &&
	    [ "$(figure "$tmp/grade.stats" rejected)" = 0 ] || {
		cat "$tmp/grade.stats" >&2
		die "cm-classify should grade all $1 rows and reject none"
	}
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

# space_for BYTES: true when the temp dir has room for BYTES and 100 MB
# more; sets need and avail (MB).
space_for() {
	need=$((($1 + 100000000) / 1000000))
	avail=$(df -Pk "$tmp" | awk 'NR == 2 { printf "%d", $4 * 1024 / 1e6 }')
	[ "${avail:-0}" -ge "$need" ]
}

# space ROWS: space_for ROWS graded rows.
space() {
	space_for $(($1 * GRADED_ROW_BYTES))
}

# The bytes a customer of gen takes (about 170), rounded up, for the disk
# space check.
CUSTOMER_ROW_BYTES=200


echo "== cm-classify: $ROWS customers, $RULES --today $TODAY (issue 2) =="
if [ "$ROWS" = 0 ]; then
	echo "cm-classify: skipped (BENCH_ROWS=0)"
elif ! space_for $((ROWS * CUSTOMER_ROW_BYTES)); then
	echo "cm-classify: skipped: ${avail:-?} MB free in $tmp, about $need MB" \
	    "needed (set TMPDIR, or fewer BENCH_ROWS)"
else
	echo "generating $ROWS customers ..."
	"$B/bench/gen" "$ROWS" > "$data" || die "gen failed"
	bytes=$(wc -c < "$data")
	mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
	lines=$(wc -l < "$data")
	echo "  $mb MB, $lines lines, $((bytes / (ROWS > 0 ? ROWS : 1))) bytes a row"

	# Sanity, and a warm page cache for what follows.
	got=$("$B/bench/csvparse" < "$data") || die "csvparse failed"
	[ "$got" = "$((ROWS + 1)) $(((ROWS + 1) * 19))" ] ||
		die "csvparse counted '$got' (records fields), expected $((ROWS + 1))" \
		    "records of 19 fields"
	"$B/bin/cm-classify" -r "$RULES" --today "$TODAY" --stats "$data" \
	    > /dev/null 2> "$tmp/stats" || {
		cat "$tmp/stats" >&2
		die "cm-classify failed"
	}
	rejected=$(awk -F': ' '$2 == "rejected" { print $3 }' "$tmp/stats")
	written=$(awk -F': ' '$2 == "written" { print $3 }' "$tmp/stats")
	[ "$rejected" = 0 ] && [ "$written" = "$ROWS" ] || {
		cat "$tmp/stats" >&2
		die "cm-classify should write all $ROWS rows and reject none"
	}
	echo "  cm-classify --stats: written $written, rejected $rejected"

	have_mlr=
	if command -v mlr > /dev/null 2>&1; then
		have_mlr=$(mlr --version 2>/dev/null)
	fi

	# The same grades from both, on the first CHECK_ROWS rows.
	check=
	if [ -n "$have_mlr" ]; then
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
	fi

	echo "timing, best of $RUNS, wall-clock ($(nproc 2>/dev/null || echo '?') cores) ..."
	best_of csvparse run_csvparse
	t_csv=$best c_csv=$best_cpu
	best_of cm-classify run_cm
	t_cm=$best c_cm=$best_cpu
	t_mlr= c_mlr=
	if [ -n "$have_mlr" ]; then
		best_of Miller run_mlr
		t_mlr=$best c_mlr=$best_cpu
	fi

	echo
	awk -v bytes="$bytes" -v rows="$ROWS" \
	    -v t_csv="$t_csv" -v c_csv="$c_csv" -v t_cm="$t_cm" -v c_cm="$c_cm" \
	    -v t_mlr="$t_mlr" -v c_mlr="$c_mlr" -v mlr="$have_mlr" 'BEGIN {
		mb = bytes / 1e6
		printf "%-14s %9s %9s %9s %11s\n", "", "wall s", "cpu s", "MB/s", "rows/s"
		line("libcsv parse", t_csv, c_csv)
		line("cm-classify", t_cm, c_cm)
		if (t_mlr != "")
			line("miller", t_mlr, c_mlr)
		else
			printf "%-14s skipped: mlr is not installed (Debian package miller)\n", "miller"
		printf "\n"
		r = t_csv / t_cm
		printf "cm-classify / libcsv parse: %6.1f%%   target >= 60%%   %s\n", \
		    100 * r, (r >= 0.6 ? "PASS" : "BELOW")
		if (c_cm > 0)
			printf "  on cpu time (user + sys, both threads): %.1f%%\n", \
			    100 * c_csv / c_cm
		if (t_mlr != "") {
			r = t_mlr / t_cm
			printf "cm-classify / miller:       %6.2fx   target >= 4x    %s\n", \
			    r, (r >= 4 ? "PASS" : "BELOW")
		} else {
			printf "cm-classify / miller:       skipped (no mlr)\n"
		}
	}
	function line(name, t, c) {
		printf "%-14s %9.3f %9.2f %9.1f %11.0f\n", name, t, c, mb / t, rows / t
	}'
	if [ -n "$have_mlr" ]; then
		echo "grades, cm-classify vs $have_mlr: $check"
	else
		echo "grades vs Miller: not checked (no mlr)"
	fi

	# The data is gone: what follows makes its own.
	rm -f "$data" "$tmp"/check.* "$tmp"/grades.*
fi

# ---- cm-funnel and cm-schedule ----------------------------------------

FUNNEL_RULES=rules/funnel.yaml
SCHEDULE_RULES=rules/schedule.yaml
WEEK=2026-11-30
EVENTS=samples/events.csv
# The bytes a graded row takes, rounded up, for the disk space check.
GRADED_ROW_BYTES=260

# The funnel of issue 3.
graded=$tmp/graded.csv

run_funnel() {
	rss "$tmp/funnel.rss" "$B/bin/cm-funnel" -r "$FUNNEL_RULES" --stats \
	    "$graded" 2> "$tmp/funnel.stats" || {
		fail=$?
		cat "$tmp/funnel.stats" >&2
		return "$fail"
	}
}

run_classify_graded() {
	rss "$tmp/classify.rss" "$B/bin/cm-classify" -r "$RULES" \
	    --today "$TODAY" "$graded"
}

echo
echo "== cm-funnel: $FUNNEL_ROWS rows over $AGENTS agents," \
    "$FUNNEL_RULES (issue 3) =="
if [ "$FUNNEL_ROWS" = 0 ]; then
	echo "cm-funnel: skipped (BENCH_FUNNEL_ROWS=0)"
elif ! space "$FUNNEL_ROWS"; then
	echo "cm-funnel: skipped: ${avail:-?} MB free in $tmp, about $need MB" \
	    "needed (set TMPDIR, or fewer BENCH_FUNNEL_ROWS)"
else
	echo "generating and grading $FUNNEL_ROWS customers over $AGENTS" \
	    "agents ($avail MB free, about $need MB needed) ..."
	grade "$FUNNEL_ROWS" "$AGENTS" "$graded"
	bytes=$(wc -c < "$graded")
	echo "  graded: $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB," \
	    "$((bytes / (FUNNEL_ROWS > 0 ? FUNNEL_ROWS : 1))) bytes a row"
	rm -f "$tmp/funnel.rss" "$tmp/classify.rss"
	echo "timing, best of $RUNS, alternating, wall-clock ..."
	alternate cm-funnel run_funnel cm-classify run_classify_graded
	t_fu=$ta c_fu=$ca t_cl=$tb c_cl=$cb u_fu=$ua u_cl=$ub
	rss_fu=$(max_mb "$tmp/funnel.rss")
	rss_cl=$(max_mb "$tmp/classify.rss")
	rm -f "$graded"

	# --stats of the last run: read = written + filtered, no rejects.
	st=$tmp/funnel.stats
	nread=$(figure "$st" read)
	written=$(figure "$st" written)
	rejected=$(figure "$st" rejected)
	groups=$(figure "$st" groups)
	filtered=$(awk -F': ' '$2 ~ /^filtered out at / { s += $3 }
	    END { print s + 0 }' "$st")
	stages=$(awk -F': ' '$2 ~ /^filtered out at / {
		sub(/^filtered out at /, "", $2)
		printf "%s%s %s", sep, $2, $3
		sep = ", "
	    }' "$st")
	if [ "$nread" = "$FUNNEL_ROWS" ] && [ "$rejected" = 0 ] &&
	    [ "$((written + filtered))" = "$nread" ]; then
		check="ADD UP"
	else
		check="DO NOT ADD UP"
		cat "$st"
	fi

	echo
	header
	line cm-funnel "$t_fu" "$c_fu" "$bytes" "$FUNNEL_ROWS" "$rss_fu"
	line cm-classify "$t_cl" "$c_cl" "$bytes" "$FUNNEL_ROWS" "$rss_cl"
	echo
	awk -v t_fu="$t_fu" -v t_cl="$t_cl" -v u_fu="$u_fu" -v u_cl="$u_cl" \
	    -v rss="$rss_fu" 'BEGIN {
		r = t_cl / t_fu
		printf "cm-funnel / cm-classify:    %6.1f%%   target >= 50%%   %s", \
		    100 * r, (r >= 0.5 ? "PASS" : "BELOW")
		if (u_fu > 0)
			printf "   (least cpu time: %.1f%%)", 100 * u_cl / u_fu
		printf "\n"
		printf "cm-funnel max RSS:       %7.1f MB   target < 500 MB  %s\n", \
		    rss, (rss < 500 ? "PASS" : "BELOW")
	}'
	echo "cm-funnel --stats: read $nread = written $written + filtered" \
	    "$filtered ($stages), rejected $rejected: $check"
	echo "  $groups groups (agents), $written rows written:" \
	    "$(awk -v w="$written" -v g="$groups" \
	    'BEGIN { printf "%.2f", g ? w / g : 0 }') an agent"
	# The rows held at the end of the input: those past the first stage,
	# whose limit (the shipped rules' 缘故30) is where rows are held;
	# against cm-classify's memory, which holds none.
	held=$((nread - $(awk -F': ' '$2 ~ /^filtered out at / { print $3; exit }' \
	    "$st")))
	memory cm-funnel "$rss_cl" "$rss_fu" 0 "$held" \
	    "$(awk -v b="$bytes" -v h="$held" -v n="$nread" \
	    'BEGIN { printf "%.0f", b * h / n }')" "held row"
fi

# The calendar of issue 4.
sched_data=$tmp/schedule.csv

run_schedule() {
	rss "$tmp/schedule.rss" "$B/bin/cm-schedule" -r "$SCHEDULE_RULES" \
	    --week "$WEEK" --events "$EVENTS" --stats "$sched_data" \
	    2> "$tmp/schedule.stats" || {
		fail=$?
		cat "$tmp/schedule.stats" >&2
		return "$fail"
	}
}

run_classify_sched() {
	"$B/bin/cm-classify" -r "$RULES" --today "$TODAY" "$sched_data"
}

# schedule_case ROWS AGENTS: times cm-schedule and cm-classify on ROWS rows
# over AGENTS agents; sets t_s, c_s, u_s, t_c, c_c, u_c (as alternate sets
# ta, ca, ua, tb, cb, ub), bytes, and leaves the stats
# of cm-schedule's last run in $tmp/schedule.stats.
schedule_case() {
	grade "$1" "$2" "$sched_data"
	bytes=$(wc -c < "$sched_data")
	rm -f "$tmp/schedule.rss"
	alternate cm-schedule run_schedule cm-classify run_classify_sched
	t_s=$ta c_s=$ca t_c=$tb c_c=$cb u_s=$ua u_c=$ub
	rm -f "$sched_data"
	st=$tmp/schedule.stats
	[ "$(figure "$st" read)" = "$1" ] && [ "$(figure "$st" rejected)" = 0 ] &&
	    [ "$(figure "$st" written)" = "$1" ] &&
	    [ "$(($(figure "$st" scheduled) + $(figure "$st" unscheduled)))" = "$1" ] || {
		cat "$st" >&2
		die "cm-schedule should write all $1 rows, scheduled or" \
		    "unscheduled, and reject none"
	}
}

echo
echo "== cm-schedule: $SCHEDULE_ROWS rows over $AGENTS agents," \
    "$SCHEDULE_RULES --week $WEEK --events $EVENTS (issue 4) =="
if [ "$SCHEDULE_ROWS" = 0 ]; then
	echo "cm-schedule: skipped (BENCH_SCHEDULE_ROWS=0)"
elif ! space "$SCHEDULE_ROWS"; then
	echo "cm-schedule: skipped: ${avail:-?} MB free in $tmp, about $need" \
	    "MB needed (set TMPDIR, or fewer BENCH_SCHEDULE_ROWS)"
else
	n1=$SCHEDULE_ROWS
	n0=$((SCHEDULE_ROWS / 4))
	a0=$((AGENTS / 4 > 0 ? AGENTS / 4 : 1))
	echo "generating, grading and timing (best of $RUNS, alternating," \
	    "wall-clock) ..."
	schedule_case "$n1" "$AGENTS"
	T_S=$t_s C_S=$c_s U_S=$u_s T_C=$t_c C_C=$c_c U_C=$u_c BYTES=$bytes
	rss_s=$(max_mb "$tmp/schedule.rss")
	st=$tmp/schedule.stats
	scheduled=$(figure "$st" scheduled)
	unscheduled=$(figure "$st" unscheduled)
	if [ "$n0" -ge 2 ]; then
		schedule_case "$n0" "$AGENTS"
		rss_s0=$(max_mb "$tmp/schedule.rss") bytes_s0=$bytes
		t_s_same=$t_s t_c_same=$t_c u_s_same=$u_s u_c_same=$u_c
		schedule_case "$n0" "$a0"
		t_s_less=$t_s t_c_less=$t_c u_s_less=$u_s u_c_less=$u_c
	fi

	echo
	header
	line cm-schedule "$T_S" "$C_S" "$BYTES" "$n1" "$rss_s"
	line cm-classify "$T_C" "$C_C" "$BYTES" "$n1"
	echo
	awk -v t_s="$T_S" -v t_c="$T_C" -v u_s="$U_S" -v u_c="$U_C" 'BEGIN {
		printf "cm-schedule / cm-classify:  %6.1f%%   (the rate, on the same file)", \
		    100 * t_c / t_s
		if (u_s > 0)
			printf "   (least cpu time: %.1f%%)", 100 * u_c / u_s
		printf "\n"
	}'
	echo "cm-schedule --stats: scheduled $scheduled, unscheduled" \
	    "$unscheduled, rejected 0 ($(awk -v n="$n1" -v a="$AGENTS" \
	    'BEGIN { printf "%.0f", n / a }') rows an agent; the unscheduled" \
	    "find the week full)"
	[ "$n0" -ge 2 ] && memory cm-schedule "$rss_s0" "$rss_s" "$n0" "$n1" \
	    "$BYTES"
	if [ "$n0" -ge 2 ]; then
		echo
		echo "growth, $n0 -> $n1 rows: the least cpu time (user + sys)" \
		    "of $RUNS runs, against cm-classify's, a linear filter's, on" \
		    "the same files:"
		printf '%-30s %14s %14s\n' "" "cm-schedule s" "cm-classify s"
		printf '%-30s %14.2f %14.2f\n' \
		    "$n0 rows, $AGENTS agents" "$u_s_same" "$u_c_same"
		printf '%-30s %14.2f %14.2f\n' \
		    "$n0 rows, $a0 agents" "$u_s_less" "$u_c_less"
		printf '%-30s %14.2f %14.2f\n' \
		    "$n1 rows, $AGENTS agents" "$U_S" "$U_C"
		awk -v n0="$n0" -v n1="$n1" -v s1="$U_S" -v c1="$U_C" \
		    -v s0a="$u_s_same" -v c0a="$u_c_same" \
		    -v s0b="$u_s_less" -v c0b="$u_c_less" \
		    -v a="$AGENTS" -v a0="$a0" 'BEGIN {
			nl = n1 * log(n1) / (n0 * log(n0))
			printf "n log n grows %.2fx, n %.2fx: n log n / n = %.3f\n", \
			    nl, n1 / n0, nl * n0 / n1
			growth(sprintf("same %d agents (%.0f -> %.0f an agent):", \
			    a, n0 / a, n1 / a), s0a, s1, c0a, c1)
			growth(sprintf("%d -> %d agents (%.0f an agent):", a0, a, \
			    n1 / a), s0b, s1, c0b, c1)
		}
		# s, c: the growth of cm-schedule and cm-classify.
		function growth(what, s0, s1, c0, c1,    s, c) {
			printf "  %s\n", what
			if (s0 <= 0 || c0 <= 0 || c1 <= 0) {
				printf "    too fast to measure: more BENCH_SCHEDULE_ROWS\n"
				return
			}
			s = s1 / s0
			c = c1 / c0
			printf "    cm-schedule %5.2fx     target <= n log n %5.2fx   %s\n", \
			    s, nl, (s <= nl ? "PASS" : "ABOVE")
			printf "    over cm-classify\047s %.2fx: %5.3f   target <= n log n / n %5.3f   %s\n", \
			    c, s / c, nl * n0 / n1, (s / c <= nl * n0 / n1 ? "PASS" : "ABOVE")
		}'
	fi
fi

# ---- cm-followup and cm-orphan-assign --------------------------------

# The reference of both: cm-classify with tests/bench/policy.yaml, a few
# conditions a row on the columns that every policy file of gen has.
POLICY_RULES=tests/bench/policy.yaml

# mb BYTES: in MB, one decimal.
mb() {
	awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'
}

# growth NAME N0 N1 S0 S1 C0 C1: NAME's least cpu time from N0 to N1 rows,
# S0 -> S1, against n log n's and cm-classify's (C0 -> C1, a linear
# filter's) on the same files.
growth() {
	awk -v name="$1" -v n0="$2" -v n1="$3" -v s0="$4" -v s1="$5" \
	    -v c0="$6" -v c1="$7" 'BEGIN {
		nl = n1 * log(n1) / (n0 * log(n0))
		printf "n log n grows %.2fx, n %.2fx: n log n / n = %.3f\n", \
		    nl, n1 / n0, nl * n0 / n1
		if (s0 <= 0 || c0 <= 0 || c1 <= 0) {
			printf "  too fast to measure: more rows\n"
			exit
		}
		s = s1 / s0
		c = c1 / c0
		printf "  %s %5.2fx     target <= n log n %5.2fx   %s\n", \
		    name, s, nl, (s <= nl ? "PASS" : "ABOVE")
		printf "  over cm-classify\047s %.2fx: %5.3f   target <= n log n / n %5.3f   %s\n", \
		    c, s / c, nl * n0 / n1, (s / c <= nl * n0 / n1 ? "PASS" : "ABOVE")
	}'
}

# ratio NAME T_TOOL T_CL U_TOOL U_CL WHAT: the time of NAME against
# cm-classify's on WHAT, as a ratio and as a rate.
ratio() {
	awk -v n="$1" -v t="$2" -v tc="$3" -v u="$4" -v uc="$5" -v w="$6" 'BEGIN {
		printf "%s / cm-classify, %s: %.2fx the time, %.1f%% the rate", \
		    n, w, t / tc, 100 * tc / t
		if (u > 0 && uc > 0)
			printf "   (least cpu time: %.2fx)", u / uc
		printf "\n"
	}'
}

# The service calendar of issue 5.
FOLLOWUP_RULES=rules/followup.yaml
FROM=2026-11-23
DAYS=30
# The bytes a policy of gen -p takes (about 159), rounded up.
POLICY_ROW_BYTES=170
policies=$tmp/policies.csv

run_followup() {
	rss "$tmp/followup.rss" "$B/bin/cm-followup" -r "$FOLLOWUP_RULES" \
	    --from "$FROM" --days "$DAYS" --today "$TODAY" --stats \
	    "$policies" 2> "$tmp/followup.stats" || {
		fail=$?
		cat "$tmp/followup.stats" >&2
		return "$fail"
	}
}

run_classify_policies() {
	"$B/bin/cm-classify" -r "$POLICY_RULES" --today "$TODAY" "$1"
}

run_classify_followup() {
	run_classify_policies "$policies"
}

# classify_all FILE ROWS: checks that cm-classify reads all ROWS rows of
# FILE and rejects none (and warms the page cache).
classify_all() {
	"$B/bin/cm-classify" -r "$POLICY_RULES" --today "$TODAY" --stats "$1" \
	    > /dev/null 2> "$tmp/policy.stats" || {
		cat "$tmp/policy.stats" >&2
		die "cm-classify -r $POLICY_RULES failed on $1"
	}
	[ "$(figure "$tmp/policy.stats" written)" = "$2" ] &&
	    [ "$(figure "$tmp/policy.stats" rejected)" = 0 ] || {
		cat "$tmp/policy.stats" >&2
		die "cm-classify should read all $2 rows of $1 and reject none"
	}
}

# followup_case ROWS: gen -p ROWS policies over AGENTS agents, and times
# cm-followup and cm-classify on them; sets t_f, c_f, u_f, t_c, c_c, u_c
# (as alternate sets ta, ca, ua, tb, cb, ub), bytes, and fcheck, whether
# the --stats of cm-followup's last run (in $tmp/followup.stats) add up.
followup_case() {
	"$B/bench/gen" -p -a "$AGENTS" "$1" > "$policies" ||
	    die "gen -p -a $AGENTS $1 failed"
	bytes=$(wc -c < "$policies")
	classify_all "$policies" "$1"
	rm -f "$tmp/followup.rss"
	alternate cm-followup run_followup cm-classify run_classify_followup
	t_f=$ta c_f=$ca u_f=$ua t_c=$tb c_c=$cb u_c=$ub
	rm -f "$policies"
	st=$tmp/followup.stats
	fcheck="DO NOT ADD UP"
	[ "$(figure "$st" read)" = "$1" ] && [ "$(figure "$st" rejected)" = 0 ] &&
	    [ "$(($(figure "$st" "rows with a task due") + \
	    $(figure "$st" "rows with no task due")))" = "$1" ] &&
	    [ "$(figure "$st" tasks)" = "$(figure "$st" written)" ] &&
	    fcheck="ADD UP"
}

echo
echo "== cm-followup: $FOLLOWUP_ROWS policies over $AGENTS agents," \
    "$FOLLOWUP_RULES --from $FROM --days $DAYS (issue 6) =="
if [ "$FOLLOWUP_ROWS" = 0 ]; then
	echo "cm-followup: skipped (BENCH_FOLLOWUP_ROWS=0)"
elif ! space_for $((FOLLOWUP_ROWS * POLICY_ROW_BYTES)); then
	echo "cm-followup: skipped: ${avail:-?} MB free in $tmp, about $need" \
	    "MB needed (set TMPDIR, or fewer BENCH_FOLLOWUP_ROWS)"
else
	n1=$FOLLOWUP_ROWS
	n0=$((FOLLOWUP_ROWS / 4))
	echo "generating policies (gen -p) and timing (best of $RUNS," \
	    "alternating, wall-clock) ..."
	followup_case "$n1"
	T_F=$t_f C_F=$c_f U_F=$u_f T_C=$t_c C_C=$c_c U_C=$u_c BYTES=$bytes
	rss_f=$(max_mb "$tmp/followup.rss")
	cp "$tmp/followup.stats" "$tmp/followup.stats1"
	FCHECK=$fcheck
	if [ "$n0" -ge 2 ]; then
		followup_case "$n0"
		[ "$fcheck" = "ADD UP" ] || {
			cat "$tmp/followup.stats" >&2
			die "cm-followup's --stats do not add up on $n0 policies"
		}
	fi
	st=$tmp/followup.stats1
	echo "  policies: $(mb "$BYTES") MB, $((BYTES / n1)) bytes a row"

	echo
	header
	line cm-followup "$T_F" "$C_F" "$BYTES" "$n1" "$rss_f"
	line cm-classify "$T_C" "$C_C" "$BYTES" "$n1"
	echo
	ratio cm-followup "$T_F" "$T_C" "$U_F" "$U_C" "the same file"
	echo "cm-followup --stats: read $(figure "$st" read), rejected" \
	    "$(figure "$st" rejected); rows with a task due" \
	    "$(figure "$st" "rows with a task due") + with none" \
	    "$(figure "$st" "rows with no task due"): $FCHECK"
	echo "  tasks written: $(figure "$st" written) (repeated occasions of" \
	    "one customer not written again: $(figure "$st" \
	    "repeated occasions of one customer"))"
	if [ "$n0" -ge 2 ]; then
		echo
		echo "growth, $n0 -> $n1 policies: the least cpu time (user +" \
		    "sys) of $RUNS runs, against cm-classify's on the same files:"
		printf '%-30s %14s %14s\n' "" "cm-followup s" "cm-classify s"
		printf '%-30s %14.2f %14.2f\n' "$n0 policies" "$u_f" "$u_c"
		printf '%-30s %14.2f %14.2f\n' "$n1 policies" "$U_F" "$U_C"
		growth cm-followup "$n0" "$n1" "$u_f" "$U_F" "$u_c" "$U_C"
	fi
fi

# The orphan policies of issue 6.
ORPHAN_RULES=rules/orphan.yaml
orph=$tmp/orphan

run_orphan() {
	rss "$tmp/orphan.rss" "$B/bin/cm-orphan-assign" -r "$ORPHAN_RULES" \
	    --today "$TODAY" --agents "$orph/agents.csv" \
	    --holdings "$orph/holdings.csv" --stats "$orph/orphans.csv" \
	    2> "$tmp/orphan.stats" || {
		fail=$?
		cat "$tmp/orphan.stats" >&2
		return "$fail"
	}
}

run_classify_orphans() {
	run_classify_policies "$orph/orphans.csv"
}

run_classify_holdings() {
	run_classify_policies "$orph/holdings.csv"
}

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

# orphan_case ROWS AGENTS HOLDINGS: gen -o, checked (check_orphans, its
# summary in $tmp/orphan.check), and the timing of cm-orphan-assign and
# cm-classify on its orphans; sets t_o, c_o, u_o, t_c, c_c, u_c (as
# alternate sets them), bytes (of the orphans), hbytes (of the holdings),
# ocheck (whether the --stats of the last run, in $tmp/orphan.stats, add
# up), and leaves the files in $orph.
orphan_case() {
	rm -rf "$orph"
	mkdir "$orph" || die "cannot make $orph"
	"$B/bench/gen" -o "$orph" -a "$2" -H "$3" "$1" ||
	    die "gen -o -a $2 -H $3 $1 failed"
	check_orphans > "$tmp/orphan.check" || die "gen -o -a $2 -H $3 $1" \
	    "wrote a roster or orphans that cm-orphan-assign would reject"
	bytes=$(wc -c < "$orph/orphans.csv")
	hbytes=$(wc -c < "$orph/holdings.csv")
	classify_all "$orph/orphans.csv" "$1"
	rm -f "$tmp/orphan.rss"
	alternate cm-orphan-assign run_orphan cm-classify run_classify_orphans
	t_o=$ta c_o=$ca u_o=$ua t_c=$tb c_c=$cb u_c=$ub
	st=$tmp/orphan.stats
	# "cm-orphan-assign: route NAME: policies: N"
	placed=$(awk -F': ' '$2 ~ /^route / && $3 == "policies" { s += $4 }
	    END { print s + 0 }' "$st")
	ocheck="DO NOT ADD UP"
	[ "$(figure "$st" read)" = "$1" ] && [ "$(figure "$st" rejected)" = 0 ] &&
	    [ "$(figure "$st" written)" = "$1" ] &&
	    [ "$((placed + $(figure "$st" "unassigned policies")))" = "$1" ] &&
	    ocheck="ADD UP"
}

echo
echo "== cm-orphan-assign: $ORPHAN_ROWS orphan policies, $ORPHAN_AGENTS" \
    "agents, $ORPHAN_HOLDINGS holdings, $ORPHAN_RULES (issue 5) =="
# The bytes of gen -o: an orphan about 90, a holding 64, an agent 70.
if [ "$ORPHAN_ROWS" = 0 ]; then
	echo "cm-orphan-assign: skipped (BENCH_ORPHAN_ROWS=0)"
elif ! space_for $((ORPHAN_ROWS * 100 + ORPHAN_HOLDINGS * 70 + \
    ORPHAN_AGENTS * 80)); then
	echo "cm-orphan-assign: skipped: ${avail:-?} MB free in $tmp, about" \
	    "$need MB needed (set TMPDIR, or fewer BENCH_ORPHAN_ROWS)"
else
	n1=$ORPHAN_ROWS
	n0=$((ORPHAN_ROWS / 4))
	a0=$((ORPHAN_AGENTS / 4 > 20 ? ORPHAN_AGENTS / 4 : 20))
	h0=$((ORPHAN_HOLDINGS / 4))
	echo "generating (gen -o), checking and timing (best of $RUNS," \
	    "alternating, wall-clock) ..."
	orphan_case "$n1" "$ORPHAN_AGENTS" "$ORPHAN_HOLDINGS"
	cat "$tmp/orphan.check"
	T_O=$t_o C_O=$c_o U_O=$u_o T_C=$t_c C_C=$c_c U_C=$u_c BYTES=$bytes
	HBYTES=$hbytes OCHECK=$ocheck
	rss_o=$(max_mb "$tmp/orphan.rss")
	cp "$tmp/orphan.stats" "$tmp/orphan.stats1"
	# cm-classify on the holdings too: all the bytes cm-orphan-assign reads.
	classify_all "$orph/holdings.csv" "$(($(wc -l < "$orph/holdings.csv") - 1))"
	best_of cm-classify run_classify_holdings
	t_ch=$best c_ch=$best_cpu
	abytes=$(wc -c < "$orph/agents.csv")
	rm -rf "$orph"
	if [ "$n0" -ge 2 ]; then
		orphan_case "$n0" "$a0" "$h0"
		rss_o0=$(max_mb "$tmp/orphan.rss")
		rm -rf "$orph"
		[ "$ocheck" = "ADD UP" ] || {
			cat "$tmp/orphan.stats" >&2
			die "cm-orphan-assign's --stats do not add up on $n0 orphans"
		}
	fi
	st=$tmp/orphan.stats1
	echo "  orphans $(mb "$BYTES") MB, holdings $(mb "$HBYTES") MB," \
	    "roster $(mb "$abytes") MB"

	echo
	header
	line cm-orphan-assign "$T_O" "$C_O" "$BYTES" "$n1" "$rss_o"
	line cm-classify "$T_C" "$C_C" "$BYTES" "$n1"
	echo
	ratio cm-orphan-assign "$T_O" "$T_C" "$U_O" "$U_C" \
	    "the same bytes (the orphans)"
	awk -v t="$T_O" -v a="$T_C" -v b="$t_ch" -v rss="$rss_o" 'BEGIN {
		printf "  cm-classify on the holdings too (best of its own runs):" \
		    " %.3f s; on the orphans and the holdings, all that" \
		    " cm-orphan-assign reads but the roster, %.3f s:" \
		    " cm-orphan-assign takes %.2fx that\n", b, a + b, t / (a + b)
		printf "cm-orphan-assign max RSS: %.1f MB\n", rss
	}'
	# The roster and the holdings grow by as much: all of it is counted.
	[ "$n0" -ge 2 ] && memory cm-orphan-assign "$rss_o0" "$rss_o" "$n0" \
	    "$n1" "$BYTES" orphan
	echo "cm-orphan-assign --stats: read $(figure "$st" read) = written" \
	    "$(figure "$st" written) + rejected $(figure "$st" rejected);" \
	    "placed by the routes + unassigned = written: $OCHECK"
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
	if [ "$n0" -ge 2 ]; then
		echo
		echo "growth, $n0 -> $n1 orphans ($a0 -> $ORPHAN_AGENTS agents," \
		    "$h0 -> $ORPHAN_HOLDINGS holdings): the least cpu time of" \
		    "$RUNS runs, against cm-classify's on the same orphans:"
		printf '%-30s %18s %14s\n' "" "cm-orphan-assign s" \
		    "cm-classify s"
		printf '%-30s %18.2f %14.2f\n' "$n0 orphans" "$u_o" "$u_c"
		printf '%-30s %18.2f %14.2f\n' "$n1 orphans" "$U_O" "$U_C"
		growth cm-orphan-assign "$n0" "$n1" "$u_o" "$U_O" "$u_c" "$U_C"
	fi
fi
# ---- cm-calls ---------------------------------------------------------

# The call lists of issue 14: a pool of CALLS_ROWS records over 40 areas
# and CALLS_CALLERS callers (a team of each area, one caller in ten of any
# area), against cm-classify on the same pool with one condition on the
# area a row.
CALLS_ROWS=${BENCH_CALLS_ROWS:-1000000}
CALLS_CALLERS=${BENCH_CALLS_CALLERS:-2000}
calls=$tmp/calls
if [ "$CALLS_ROWS" -gt 0 ] && space_for $((CALLS_ROWS * 110)); then
	mkdir -p "$calls"
	awk -v n="$CALLS_ROWS" 'BEGIN {
		print "record_id,name,phone,area,source"
		for (i = 1; i <= n; i++)
			printf "R%07d,客户%d,1%010d,区%02d,渠道%d\n", i, i % 997,
			    (i * 7919) % 10000000000, (i * 31) % 40, i % 4
	}' > "$calls/pool.csv"
	awk -v n="$CALLS_CALLERS" 'BEGIN {
		print "caller_id,team,status"
		for (i = 1; i <= n; i++)
			printf "T%04d,%s,active\n", i,
			    i % 10 == 0 ? "*" : sprintf("区%02d", i % 40)
	}' > "$calls/callers.csv"
	printf 'version: 1\nclassify:\n  - column: band\n    rules:\n      - {when: {area: 区01}, value: a}\n    default: b\n' \
	    > "$calls/classify.yaml"
	run_calls() {
		"$B/bin/cm-calls" --day 2026-11-24 --callers "$calls/callers.csv" \
		    --rest /dev/null --stats "$calls/pool.csv" \
		    2> "$calls/stats" || {
			fail=$?
			cat "$calls/stats" >&2
			return "$fail"
		}
	}
	run_classify_calls() {
		"$B/bin/cm-classify" -r "$calls/classify.yaml" "$calls/pool.csv"
	}
	BYTES=$(wc -c < "$calls/pool.csv")
	rm -f "$tmp/calls.rss"
	rss "$tmp/calls.rss" "$B/bin/cm-calls" --day 2026-11-24 \
	    --callers "$calls/callers.csv" --rest /dev/null \
	    "$calls/pool.csv" > /dev/null || die "cm-calls failed"
	alternate cm-calls run_calls cm-classify run_classify_calls
	st=$calls/stats
	ccheck="DO NOT ADD UP"
	[ "$(figure "$st" read)" = "$CALLS_ROWS" ] &&
	    [ "$(($(figure "$st" written) + $(figure "$st" rest)))" = \
	    "$CALLS_ROWS" ] && ccheck="add up"
	echo
	echo "cm-calls: the call lists of $CALLS_ROWS records" \
	    "($(mb "$BYTES") MB) for $CALLS_CALLERS callers, best of $RUNS:"
	header
	line cm-calls "$ta" "$ca" "$BYTES" "$CALLS_ROWS" \
	    "$(max_mb "$tmp/calls.rss")"
	line cm-classify "$tb" "$cb" "$BYTES" "$CALLS_ROWS"
	echo
	ratio cm-calls "$ta" "$tb" "$ua" "$ub" "the same bytes (the pool)"
	echo "  target >= 50% the rate"
	echo "cm-calls --stats: read $(figure "$st" read) = written" \
	    "$(figure "$st" written) + rest $(figure "$st" rest): $ccheck"
	rm -rf "$calls"
elif [ "$CALLS_ROWS" -gt 0 ]; then
	echo
	echo "cm-calls: skipped, the pool needs $need MB in the temp dir, $avail MB free"
fi
# ---- cm-report --------------------------------------------------------

# contacts of issue 13: a log of REPORT_ROWS contacts in April 2026 (a
# message, a call or a visit, one in ten not made) of REPORT_ROWS assigned
# customers of 20000 agents, against cm-classify on the same log with one
# condition on the channel a row.
REPORT_ROWS=${BENCH_REPORT_ROWS:-1000000}
rep=$tmp/report
if [ "$REPORT_ROWS" -gt 0 ] && space_for $((REPORT_ROWS * 100)); then
	mkdir -p "$rep"
	awk -v n="$REPORT_ROWS" 'BEGIN {
		print "policy_id,customer_id,assigned_to,assigned_date"
		for (i = 1; i <= n; i++)
			printf "P%07d,K%07d,S%05d,2026-0%d-%02d\n", i, i,
			    i % 20000, 1 + i % 3, 1 + i % 28
	}' > "$rep/assigned.csv"
	awk -v n="$REPORT_ROWS" 'BEGIN {
		split("短信 电话 面访", ch, " ")
		print "agent_id,customer_id,date,time,channel,done,result"
		for (i = 1; i <= n; i++) {
			k = (i * 7919) % n + 1
			printf "S%05d,K%07d,2026-04-%02d,10:00,%s,%s,\n",
			    k % 20000, k, 1 + i % 30, ch[1 + i % 3],
			    i % 10 == 0 ? "no" : "yes"
		}
	}' > "$rep/log.csv"
	printf 'version: 1\nclassify:\n  - column: band\n    rules:\n      - {when: {channel: 面访}, value: a}\n    default: b\n' \
	    > "$rep/classify.yaml"
	printf 'version: 1\nclassify:\n  - column: band\n    rules:\n      - {when: {assigned_to: S00001}, value: a}\n    default: b\n' \
	    > "$rep/book.yaml"
	run_report() {
		"$B/bin/cm-report" contacts -r rules/report.yaml \
		    --month 2026-04 --assigned "$rep/assigned.csv" --stats \
		    "$rep/log.csv" 2> "$rep/stats" || {
			fail=$?
			cat "$rep/stats" >&2
			return "$fail"
		}
	}
	run_classify_report() {
		"$B/bin/cm-classify" -r "$rep/classify.yaml" "$rep/log.csv"
	}
	run_classify_both() {
		"$B/bin/cm-classify" -r "$rep/classify.yaml" "$rep/log.csv" &&
		    "$B/bin/cm-classify" -r "$rep/book.yaml" "$rep/assigned.csv"
	}
	BYTES=$(wc -c < "$rep/log.csv")
	ALL=$((BYTES + $(wc -c < "$rep/assigned.csv")))
	rm -f "$tmp/report.rss"
	rss "$tmp/report.rss" "$B/bin/cm-report" contacts -r rules/report.yaml \
	    --month 2026-04 --assigned "$rep/assigned.csv" "$rep/log.csv" \
	    > /dev/null || die "cm-report failed"
	alternate cm-report run_report cm-classify run_classify_both
	ta2=$ta ua2=$ua tb2=$tb ub2=$ub ca2=$ca cb2=$cb
	alternate cm-report run_report cm-classify run_classify_report
	st=$rep/stats
	rcheck="DO NOT ADD UP"
	[ "$(figure "$st" read)" = "$REPORT_ROWS" ] &&
	    [ "$(($(figure "$st" "contacts in the period") + \
	    $(figure "$st" "contacts not made") + \
	    $(figure "$st" "contacts outside the period")))" = \
	    "$REPORT_ROWS" ] && rcheck="add up"
	echo
	echo "cm-report: contacts of a log of $REPORT_ROWS rows" \
	    "($(mb "$BYTES") MB) and $REPORT_ROWS assigned customers, best of $RUNS:"
	header
	line cm-report "$ta" "$ca" "$BYTES" "$REPORT_ROWS" \
	    "$(max_mb "$tmp/report.rss")"
	line cm-classify "$tb" "$cb" "$BYTES" "$REPORT_ROWS"
	echo
	ratio cm-report "$ta" "$tb" "$ua" "$ub" "the same bytes (the log)"
	echo
	echo "cm-report against cm-classify on all it reads, the log and the" \
	    "book ($(mb "$ALL") MB):"
	header
	line cm-report "$ta2" "$ca2" "$ALL" "$((2 * REPORT_ROWS))"
	line cm-classify "$tb2" "$cb2" "$ALL" "$((2 * REPORT_ROWS))"
	echo
	ratio cm-report "$ta2" "$tb2" "$ua2" "$ub2" "the same bytes (log and book)"
	echo "  target >= 50% the rate"
	echo "cm-report --stats: read $(figure "$st" read) = in the period" \
	    "$(figure "$st" "contacts in the period") + not made and outside: $rcheck"
	rm -rf "$rep"
elif [ "$REPORT_ROWS" -gt 0 ]; then
	echo
	echo "cm-report: skipped, the files need $need MB in the temp dir, $avail MB free"
fi
exit 0
