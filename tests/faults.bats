#!/usr/bin/env bats
# Faults: a full disk, a closed pipe, memory that runs out, a run that
# fails or is stopped.  Each ends in a clear message and exit status 1 (or
# quietly, for a closed pipe, as cat and grep do), and never leaves a
# half-written -o or --rejects file, or a temporary file, behind.  Every
# test runs each tool on PATH.

load test_helper
load hostile_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	tool_rules
}

# A row that TOOL must reject, appended to in.csv; its line in $BADLINE.
add_bad_row() {
	BADLINE=$(($(wc -l < in.csv) + 1))
	if [ "$1" = cm-orphan-assign ]; then
		echo ',K99,A001,,x,有效,2019-12-05,1,正常件,离司,南京市鼓楼区虎踞路3号,' >> in.csv
	elif [ "$1" = cm-report ]; then
		echo 'x,K99,A01,2026-13-01' >> in.csv
	else
		echo 'x,A01,abc,2026-11-24,1' >> in.csv
	fi
}

# The message for that row: its premium is not a number for the first
# condition on premium, at a line of the rules that differs by tool.
bad_row_message() {
	case $1 in
	cm-orphan-assign)
		echo "$1: in.csv:$BADLINE: the column 'policy_id' is empty"
		return ;;
	cm-calls)
		echo "$1: in.csv:$BADLINE: column 'premium': 'abc' is not a number (domains: at line 5 of the rules)"
		return ;;
	cm-report)
		echo "$1: in.csv:$BADLINE: column 'assigned_date': '2026-13-01' is not a date"
		return ;;
	cm-classify) line=5 ;;
	cm-funnel) line=7 ;;
	cm-schedule) line=9 ;;
	cm-followup) line=8 ;;
	esac
	echo "$1: in.csv:$BADLINE: column 'premium': 'abc' is not a number (ge at line $line of the rules)"
}

to_full() {
	"$@" > /dev/full
}

@test "standard output on a full disk is exit status 1 with a message, for each tool" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 20
		run --separate-stderr -1 to_full "$t" "${ARGS[@]}" in.csv
		assert_equal "$stderr" "$t: <stdout>: write error: No space left on device"
	done
}

@test "standard output on a full disk is exit status 1 even when the output fits one buffer" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 1
		run --separate-stderr -1 to_full "$t" "${ARGS[@]}" in.csv
		assert_equal "$stderr" "$t: <stdout>: write error: No space left on device"
	done
}

@test "-o /dev/full is exit status 1 with a message naming it, for each tool" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 2000
		run --separate-stderr -1 "$t" "${ARGS[@]}" -o /dev/full in.csv
		assert_equal "$stderr" "$t: /dev/full: write error: No space left on device"
	done
}

@test "--rejects /dev/full is exit status 1 and leaves -o FILE as it was, for each tool" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 200
		add_bad_row "$t"
		echo old > out.csv
		run --separate-stderr -1 "$t" "${ARGS[@]}" -o out.csv \
		    --rejects /dev/full in.csv
		assert_equal "$stderr" "$t: /dev/full: write error: No space left on device"
		assert_equal "$(cat out.csv)" old
		assert_no_tmp
	done
}

@test "--help and --version on a full disk are exit status 1 with a message, for each tool" {
	for t in $(tools); do
		run --separate-stderr -1 to_full "$t" --help
		assert_equal "$stderr" "$t: <stdout>: write error: No space left on device"
		run --separate-stderr -1 to_full "$t" --version
		assert_equal "$stderr" "$t: <stdout>: write error: No space left on device"
	done
}

@test "a tool's other outputs on a full disk are exit status 1, and -o FILE is left as it was" {
	input cm-funnel 200
	echo old > out.csv
	run --separate-stderr -1 cm-funnel -r funnel.yaml -o out.csv \
	    --report /dev/full in.csv
	assert_equal "$stderr" "cm-funnel: /dev/full: write error: No space left on device"
	assert_equal "$(cat out.csv)" old
	run --separate-stderr -1 cm-schedule -r schedule.yaml -o out.csv \
	    --unscheduled /dev/full in.csv
	assert_equal "$stderr" "cm-schedule: /dev/full: write error: No space left on device"
	assert_equal "$(cat out.csv)" old
	assert_no_tmp
	if command -v cm-orphan-assign > /dev/null; then
		set_args cm-orphan-assign
		input cm-orphan-assign 20
		run --separate-stderr -1 cm-orphan-assign "${ARGS[@]}" -o out.csv \
		    --loads /dev/full in.csv
		assert_equal "$stderr" "cm-orphan-assign: /dev/full: write error: No space left on device"
		assert_equal "$(cat out.csv)" old
		assert_no_tmp
	fi
}

# A closed pipe: the writer is killed by SIGPIPE, without a message, as
# cat, grep and sort are (or, if its output happened to fit the pipe, ends
# with status 0).  env --default-signal=PIPE undoes a SIGPIPE ignored by
# whatever started the tests.
@test "cm-classify big.csv | head -1 ends quietly, and so does each tool" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 20000
		head -n 2 in.csv > one.csv
		header=$("$t" "${ARGS[@]}" one.csv | head -n 1)
		env --default-signal=PIPE "$t" "${ARGS[@]}" in.csv 2> err |
		    head -n 1 > first
		status=${PIPESTATUS[0]}
		if [ "$status" -ne 141 ] && [ "$status" -ne 0 ]; then
			echo "$t: exit status $status" >&2
			false
		fi
		assert_equal "$(cat err)" ""
		assert_equal "$(cat first)" "$header"
	done
}

@test "with SIGPIPE ignored, a closed pipe is exit status 1 with a message, as cat has it" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 20000
		(
			trap '' PIPE
			"$t" "${ARGS[@]}" in.csv 2> err | head -n 1 > /dev/null
			echo "${PIPESTATUS[0]}" > status
		)
		assert_equal "$(cat status)" 1
		assert_equal "$(cat err)" "$t: <stdout>: write error: Broken pipe"
	done
}

# Memory: the limit lets each program start and read its rules, and fails
# on an input it has to hold (or, for cm-classify, which streams, on a row
# of 300,000 fields).
@test "malloc failing under ulimit -v is 'out of memory' and exit status 1, never a crash, for each tool" {
	need_ulimit
	for t in $(tools); do
		set_args "$t"
		if [ "$t" = cm-classify ]; then
			awk 'BEGIN {
				for (i = 1; i <= 300000; i++)
					printf "%s%s", (i > 1 ? "," : ""), (i == 1 ? "premium" : "c" i)
				print ""
				for (i = 1; i <= 300000; i++)
					printf "%s%d", (i > 1 ? "," : ""), i
				print ""
			}' > in.csv
		else
			input "$t" 200000
		fi
		echo old > out.csv
		run --separate-stderr -1 bounded 20000 60 "$t" "${ARGS[@]}" \
		    -o out.csv in.csv
		assert_regex "$stderr" "^$t: out of memory \(allocating [0-9]+ bytes\)\$"
		assert_equal "$(cat out.csv)" old
		assert_no_tmp
	done
}

@test "a data error stops the run and leaves -o FILE as it was, for each tool" {
	for t in $(tools); do
		set_args "$t"
		# Enough rows that output was written before the bad one.
		input "$t" 20000
		add_bad_row "$t"
		input_rows=$BADLINE
		echo old > out.csv
		run --separate-stderr -1 "$t" "${ARGS[@]}" -o out.csv in.csv
		assert_equal "$stderr" "$(bad_row_message "$t")"
		assert_equal "$(cat out.csv)" old
		assert_no_tmp
	done
}

@test "more rejects than --max-rejects leaves -o FILE as it was and writes the rejects file, for each tool" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 20000
		add_bad_row "$t"
		add_bad_row "$t"
		echo old > out.csv
		echo old > rej.csv
		run --separate-stderr -1 "$t" "${ARGS[@]}" -o out.csv \
		    --rejects rej.csv --max-rejects 1 in.csv
		assert_equal "$stderr" "$t: in.csv:$BADLINE: 2 rows rejected, more than --max-rejects 1 allows; rej.csv says why"
		assert_equal "$(cat out.csv)" old
		assert_equal "$(wc -l < rej.csv)" 3
		assert_no_tmp
	done
}

@test "an input that turns unreadable midway leaves -o and --rejects files as they were, for each tool" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 20000
		# UTF-8 up to here (the first 64 KiB say so, and a Chinese
		# character), then a byte that is not.
		printf '中\377\n' >> in.csv
		line=$(wc -l < in.csv)
		echo old > out.csv
		echo old > rej.csv
		run --separate-stderr -1 "$t" "${ARGS[@]}" -o out.csv \
		    --rejects rej.csv in.csv
		assert_equal "$stderr" "$t: in.csv:$line: invalid UTF-8 (the start of the input was UTF-8; for a file saved by Chinese Excel, try --input-encoding GB18030)"
		assert_equal "$(cat out.csv)" old
		assert_equal "$(cat rej.csv)" old
		assert_no_tmp
	done
}

@test "an -o FILE in a directory that cannot be written is exit status 1 with a message, for each tool" {
	if [ "$(id -u)" = 0 ]; then
		skip "root writes any directory"
	fi
	mkdir ro
	chmod 555 ro
	for t in $(tools); do
		set_args "$t"
		input "$t" 10
		run --separate-stderr -1 "$t" "${ARGS[@]}" -o ro/out.csv in.csv
		assert_equal "$stderr" "$t: ro/out.csv: cannot create a file beside it: Permission denied"
	done
}

# stopped SIGNAL TOOL: starts TOOL with -o out.csv and --rejects rej.csv
# on a FIFO (written through descriptor 7: bats keeps 3), waits until its
# temporary files exist, sends SIGNAL, and leaves its exit status in
# $status.
stopped() {
	local sig=$1 t=$2 pid i

	rm -f in.fifo
	mkfifo in.fifo
	# A background job of a script starts with SIGINT ignored, and one
	# under nohup with SIGHUP: env gives the tool the default actions
	# back, as a terminal's job has.
	env --default-signal=INT,HUP,TERM "$t" "${ARGS[@]}" -o out.csv \
	    --rejects rej.csv in.fifo 2> err &
	pid=$!
	exec 7> in.fifo
	# More than the reader takes to know the encoding, less than a pipe
	# and the reader hold, so that the writer does not block.
	head -c 300000 in.csv >&7
	for i in $(seq 100); do
		[ "$(find . -name '*.cmtmp*' | wc -l)" -ge 2 ] && break
		sleep 0.05
	done
	kill -s "$sig" "$pid"
	# Not stopped within 10 s: killed, so that the test fails, not hangs.
	for i in $(seq 100); do
		kill -0 "$pid" 2> /dev/null || break
		sleep 0.1
	done
	kill -s KILL "$pid" 2> /dev/null || true
	status=0
	wait "$pid" || status=$?
	exec 7>&-
}

@test "a run stopped by SIGTERM, SIGINT or SIGHUP leaves no temporary file, for each tool" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 20000
		for sig in TERM INT HUP; do
			echo old > out.csv
			echo old > rej.csv
			stopped "$sig" "$t"
			# Killed by the signal, as sort is after its cleanup.
			assert_equal "$status" $((128 + $(kill -l "$sig")))
			assert_equal "$(cat out.csv)" old
			assert_equal "$(cat rej.csv)" old
			assert_no_tmp
		done
	done
}
