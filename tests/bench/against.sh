#!/bin/sh
# Two builds side by side (`make bench-against OLD=DIR`): each tool of an
# older build (OLD, a build directory with bin/) and of this one (B) on the
# same generated inputs, the two run in turn, BENCH_RUNS times each, so
# that the noise of a shared machine falls on both alike.  Prints, for
# each tool, the best wall-clock seconds of each build, the ratio of the
# new to the old (below 1 is faster), and whether their outputs and
# --stats are the same, byte for byte: a change that should change
# nothing a user sees is checked on a million rows, not only on the tests.
#
# The inputs are those of `make bench` (tests/bench/gen): BENCH_ROWS
# customers (default 1000000) graded by the new cm-classify for cm-funnel
# and cm-schedule, as many policies for cm-followup, and as many orphans
# with a roster of BENCH_ORPHAN_AGENTS (50000) and three times as many
# holdings for cm-orphan-assign.  Exits 1 when a program fails or the
# outputs differ.

set -u

cd "$(dirname "$0")/../.." || exit 1

B=${B:-build}
OLD=${OLD:?OLD names the older build directory}
ROWS=${BENCH_ROWS:-1000000}
RUNS=${BENCH_RUNS:-3}
AGENTS=${BENCH_AGENTS:-25000}
ORPHAN_AGENTS=${BENCH_ORPHAN_AGENTS:-50000}
TODAY=2026-11-23

die() {
	echo "bench-against: $*" >&2
	exit 1
}

for p in "$B/bench/gen" "$OLD/bin/cm-classify" "$B/bin/cm-classify"; do
	[ -x "$p" ] || die "$p is not built"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cm-against.XXXXXX") || die "no temp dir"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "generating $ROWS rows of each input in $tmp"
"$B/bench/gen" "$ROWS" > "$tmp/customers.csv" || die "gen failed"
"$B/bench/gen" -a "$AGENTS" "$ROWS" |
    "$B/bin/cm-classify" -r rules/classify.yaml --today "$TODAY" \
    > "$tmp/graded.csv" || die "grading failed"
"$B/bench/gen" -p -a "$AGENTS" "$ROWS" > "$tmp/policies.csv" ||
    die "gen -p failed"
mkdir "$tmp/orphans"
"$B/bench/gen" -o "$tmp/orphans" -a "$ORPHAN_AGENTS" \
    -H "$((3 * ROWS))" "$ROWS" || die "gen -o failed"

# args TOOL: the rules and files of TOOL's run, and its input.
args() {
	case $1 in
	cm-classify)
		echo "-r rules/classify.yaml $tmp/customers.csv" ;;
	cm-funnel)
		echo "-r rules/funnel.yaml $tmp/graded.csv" ;;
	cm-schedule)
		echo "-r rules/schedule.yaml --week 2026-11-30" \
		    "--events samples/events.csv $tmp/graded.csv" ;;
	cm-followup)
		echo "-r rules/followup.yaml --from $TODAY --days 30" \
		    "$tmp/policies.csv" ;;
	cm-orphan-assign)
		echo "-r rules/orphan.yaml --agents $tmp/orphans/agents.csv" \
		    "--holdings $tmp/orphans/holdings.csv" \
		    "$tmp/orphans/orphans.csv" ;;
	esac
}

# run BIN TOOL OUT: one timed run; its seconds on standard output.
run() {
	t0=$(date +%s.%N)
	# shellcheck disable=SC2046
	"$1/bin/$2" --today "$TODAY" --stats $(args "$2") > "$3" \
	    2> "$3.stats" || die "$1/bin/$2 failed (exit status $?)"
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

status=0
printf '%-18s %10s %10s %8s  %s\n' tool "old s" "new s" new/old output
for t in cm-classify cm-funnel cm-schedule cm-followup cm-orphan-assign; do
	[ -x "$OLD/bin/$t" ] && [ -x "$B/bin/$t" ] || continue
	old= new=
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		s=$(run "$OLD" "$t" "$tmp/old.out")
		old=$(awk -v a="$old" -v b="$s" 'BEGIN {
		    print (a == "" || b + 0 < a + 0) ? b : a }')
		s=$(run "$B" "$t" "$tmp/new.out")
		new=$(awk -v a="$new" -v b="$s" 'BEGIN {
		    print (a == "" || b + 0 < a + 0) ? b : a }')
		i=$((i + 1))
	done
	same="identical"
	if ! cmp -s "$tmp/old.out" "$tmp/new.out" ||
	    ! cmp -s "$tmp/old.out.stats" "$tmp/new.out.stats"; then
		same="DIFFERENT"
		status=1
	fi
	printf '%-18s %10s %10s %8s  %s\n' "$t" "$old" "$new" \
	    "$(awk -v a="$old" -v b="$new" 'BEGIN { printf "%.3f", b / a }')" \
	    "$same"
done
exit "$status"
