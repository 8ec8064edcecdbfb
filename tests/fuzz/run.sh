#!/bin/sh
# Runs each libFuzzer harness for SECONDS: usage: run.sh SECONDS HARNESS...
#
# A harness build-fuzz/fuzz_NAME first runs every file of its seeds,
# tests/fuzz/corpus/NAME/ (which keeps every input that once failed),
# whole, one by one: the fuzzing run below reads its corpus cut at
# -max_len, and a regression input longer than that would not be run as
# it failed.  Then it replays the seeds and what earlier runs found,
# build-fuzz/corpus/NAME/ (where new finds go), and mutates them until the
# time is up.  A crash, a sanitizer report, a leak, a run over 10 seconds
# (-timeout) or over 2 GiB (-rss_limit_mb) fails the whole run, and the
# input is left in build-fuzz/artifacts/ to be added to the seeds as a
# regression once the bug is fixed (see the Makefile's fuzz section).
#
# With FUZZ_MERGE=1 in the environment (make fuzz-long), a harness whose
# run passed then merges what it found into its seeds: libFuzzer's
# -merge=1 copies into tests/fuzz/corpus/NAME/ only the inputs that cover
# something the seeds do not, each named by the SHA-1 of its content, so
# that the directory grows slowly and a merge of the same finds adds
# nothing twice; it never removes a file (checked here all the same: the
# seeds hold the inputs that once failed).  Without it the checkout is not
# written to, as `make check` wants.
#
# Each harness's coverage is printed at the end, from libFuzzer's closing
# line: cov (edges covered), ft (features), corpus size, executions; and
# with FUZZ_MERGE=1 the seeds it had before and after the merge.
set -u

seconds=${1:?usage: run.sh SECONDS HARNESS...}
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
merge=${FUZZ_MERGE:-0}
status=0
summary=

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# fail NAME LOG WHAT: the report of a failed step of harness NAME.
fail() {
	status=1
	line="$line: FAILED ($3), see $2"
	# libFuzzer's and the sanitizers' lines, not the progress lines.
	grep -v -E '^#[0-9]+[[:space:]]' "$2" | tail -n 60 >&2
	ls "$dir"/artifacts/"$1"-* 2>/dev/null | sed 's/^/input: /' >&2
}

for bin in "$@"; do
	name=${bin##*/fuzz_}
	dir=$(dirname "$bin")
	seeds=$top/tests/fuzz/corpus/$name
	found=$dir/corpus/$name
	log=$dir/fuzz_$name.log
	mkdir -p "$found" "$dir/artifacts"
	dict=
	[ -f "$top/tests/fuzz/$name.dict" ] && dict=-dict=$top/tests/fuzz/$name.dict
	echo "fuzz $name: $seconds s"
	line=$name

	# The seeds whole: files as arguments are each run once, uncut
	# without -max_len.
	"$bin" -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix="$dir/artifacts/${name}-" \
	    "$seeds"/* > "$dir/replay_$name.log" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "$name" "$dir/replay_$name.log" "a seed, exit $rc"
		summary="$summary$line
"
		continue
	fi

	start=$(date +%s)
	"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=4096 -print_final_stats=1 $dict \
	    -artifact_prefix="$dir/artifacts/${name}-" \
	    "$found" "$seeds" > "$log" 2>&1
	rc=$?
	took=$(( $(date +%s) - start ))
	done_line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' \
	    "$log" | tail -n 1)
	cov=$(echo "$done_line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$done_line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$done_line" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	line="$name: ${took}s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, runs ${execs:-?}"
	if [ "$rc" -ne 0 ]; then
		fail "$name" "$log" "exit $rc"
	elif [ "$merge" = 1 ]; then
		mlog=$dir/merge_$name.log
		ls "$seeds" | sort > "$dir/seeds_$name.before"
		"$bin" -merge=1 -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
		    -artifact_prefix="$dir/artifacts/${name}-" \
		    "$seeds" "$found" > "$mlog" 2>&1
		rc=$?
		ls "$seeds" | sort > "$dir/seeds_$name.after"
		lost=$(comm -23 "$dir/seeds_$name.before" \
		    "$dir/seeds_$name.after")
		before=$(wc -l < "$dir/seeds_$name.before")
		after=$(wc -l < "$dir/seeds_$name.after")
		line="$line, seeds $before -> $after"
		if [ "$rc" -ne 0 ]; then
			fail "$name" "$mlog" "merge, exit $rc"
		elif [ -n "$lost" ]; then
			status=1
			line="$line: FAILED, the merge removed seeds:"
			line="$line $(echo $lost)"
		fi
	fi
	summary="$summary$line
"
done
printf '%s' "$summary"
exit "$status"
