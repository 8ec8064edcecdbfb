# For tests/hostile.bats and tests/faults.bats: limits that run a program
# in bounded memory and time, so that a test fails, rather than the
# machine, when a program does not bound itself; and the tools of the
# toolkit with small rules and inputs, to run each the same way.

# True when the programs on PATH are built with AddressSanitizer (make
# check's second run), which reserves terabytes of address space at start:
# ulimit -v cannot apply to them.
asan() {
	grep -q __asan_init "$(command -v cm-classify)"
}

# bounded KB SECONDS COMMAND...: COMMAND with at most KB KiB of address
# space (ulimit -v) and SECONDS of time (timeout: exit status 124 past it).
# Under AddressSanitizer the memory is held by its hard_rss_limit_mb
# instead (resident memory, checked every 100 ms, with 256 MiB more for
# the sanitizer's own, and its quarantine of freed memory cut from 256 to
# 32 MiB so that it does not count), and the time is three times longer.
bounded() {
	local kb=$1 secs=$2

	shift 2
	if asan; then
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=$((kb / 1024 + 256)):quarantine_size_mb=32" \
		    timeout $((secs * 3)) "$@"
	else
		(ulimit -v "$kb" && exec timeout "$secs" "$@")
	fi
}

# Skips a test that needs malloc to fail under ulimit -v.
need_ulimit() {
	if asan; then
		skip "ulimit -v does not apply under AddressSanitizer"
	fi
}

# No temporary file of -o or --rejects is left in the current directory.
assert_no_tmp() {
	local left

	left=$(find . -name '*.cmtmp*')
	if [ -n "$left" ]; then
		echo "left behind: $left" >&2
		return 1
	fi
}

# Writes a small rule file for each tool in the current directory, over
# the columns id,agent,premium,d,phone: TOOL.yaml for cm-TOOL.
tool_rules() {
	cat > classify.yaml <<'YAML'
version: 1
classify:
  - column: level
    rules:
      - {when: {premium: {ge: 20000}}, value: 高}
      - {when: {premium: {ge: 1}}, value: 中}
    default: 低
YAML
	cat > funnel.yaml <<'YAML'
version: 1
group_by: agent
stage_column: stage
keep: all
stages:
  - name: 有保费
    when: {premium: {ge: 1}}
    order: [-premium]
    limit: 3
YAML
	cat > schedule.yaml <<'YAML'
version: 1
group_by: agent
key: id
week:
  days: [mon, tue, wed, thu, fri]
  times: ["09:00", "14:00"]
plans:
  - name: 高
    when: {premium: {ge: 20000}}
    action: 登门拜访
    place: first
  - name: 其他
    action: 电话
    place: fill
YAML
	# cm-calls: one caller of any area takes every record, the agent
	# standing for the area; premium is a number, as the others read it.
	cat > calls.yaml <<'YAML'
version: 1
area: agent
lists: {per_caller: 100000000}
domains:
  premium: {type: number}
YAML
	printf 'caller_id,team,status\nT1,*,active\n' > callers.csv
	cat > followup.yaml <<'YAML'
version: 1
customer: id
agent: agent
policy: id
triggers:
  - task: 回访
    channel: 电话
    when: {premium: {ge: 1}}
    after: {column: d, offsets: [0d, 1d, 2d]}
YAML
}

# The tools to test: those of the toolkit that are on PATH.
tools() {
	local t

	for t in cm-classify cm-funnel cm-schedule cm-followup cm-orphan-assign \
	    cm-calls cm-report; do
		if command -v "$t" > /dev/null; then
			echo "$t"
		fi
	done
}

# Sets ARGS to the rules and files TOOL needs besides its input.
set_args() {
	case $1 in
	cm-orphan-assign)
		ARGS=(-r "$ROOT/rules/orphan.yaml" --agents "$ROOT/samples/agents.csv"
		    --holdings "$ROOT/samples/holdings.csv") ;;
	cm-calls)
		ARGS=(-r calls.yaml --callers callers.csv --rest rest.csv) ;;
	cm-report)
		ARGS=(development -r "$ROOT/rules/report.yaml" --month 2026-12
		    --policies "$ROOT/samples/policies.csv") ;;
	*)
		ARGS=(-r "${1#cm-}.yaml") ;;
	esac
}

# input TOOL N: N good rows for TOOL in in.csv (each tool writes at least
# one output row for each of them).  cm-orphan-assign gets copies of the
# sample orphans, cm-report the assigned rows of N agents in the cohort of
# September 2026 (its ARGS' 3-month cohort), the others customers of 50
# agents.
input() {
	if [ "$1" = cm-report ]; then
		awk -v n="$2" 'BEGIN {
			print "policy_id,customer_id,assigned_to,assigned_date"
			for (i = 1; i <= n; i++)
				printf "P%d,K%d,A%06d,2026-09-%02d\n", i, i, i,
				    1 + i % 30
		}' > in.csv
		return
	fi
	if [ "$1" = cm-orphan-assign ]; then
		awk -F, -v OFS=, -v n="$2" 'NR == 1 { print; next }
		    { row[NR] = $0 }
		    END {
			for (k = 1; k <= n / (NR - 1) + 1; k++)
				for (i = 2; i <= NR; i++) {
					$0 = row[i]
					$1 = $1 "-" k
					$2 = $2 "-" k
					if ($4 != "")
						$4 = $4 "-" k
					print
				}
		    }' "$ROOT/samples/orphans.csv" > in.csv
		return
	fi
	awk -v n="$2" 'BEGIN {
		print "id,agent,premium,d,phone"
		for (i = 1; i <= n; i++)
			printf "%d,A%02d,%d,2026-11-%02d,139%08d\n", i, i % 50,
			    (i * 7919) % 40000 + 1, 23 + i % 3, i
	}' > in.csv
}
