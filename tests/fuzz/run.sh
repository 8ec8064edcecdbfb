#!/bin/sh
# Runs each libFuzzer harness for SECONDS: usage: run.sh SECONDS HARNESS...
#
# A harness build-fuzz/fuzz_NAME first replays every file of its seeds,
# tests/fuzz/corpus/NAME/ (which keeps every input that once failed), and
# of build-fuzz/corpus/NAME/ (what earlier runs found, where new finds go),
# then mutates them until the time is up.  A crash, a sanitizer report, a
# leak, a run over 10 seconds (-timeout) or over 2 GiB (-rss_limit_mb) fails
# the whole run, and the input is left in build-fuzz/artifacts/ to be
# added to the seeds as a regression once the bug is fixed.
#
# Each harness's coverage is printed at the end, from libFuzzer's closing
# line: cov (edges covered), ft (features), corpus size, executions.
set -u

seconds=${1:?usage: run.sh SECONDS HARNESS...}
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
status=0
summary=

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
	start=$(date +%s)
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
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
		status=1
		line="$line: FAILED (exit $rc), see $log"
		# The report: libFuzzer's and the sanitizers' lines, not the
		# progress lines.
		grep -v -E '^#[0-9]+[[:space:]]' "$log" | tail -n 60 >&2
		ls "$dir"/artifacts/"$name"-* 2>/dev/null | sed 's/^/input: /' >&2
	fi
	summary="$summary$line
"
done
printf '%s' "$summary"
exit "$status"
