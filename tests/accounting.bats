#!/usr/bin/env bats
# Row accounting: every input row ends up in exactly one place (RULES.md,
# "Bad input").  A generator (accounting_gen.awk) writes random rows with a
# seed: good ones, malformed CSV, and cells the rules below cannot read or
# leave empty; it also says how many records it wrote and which rows each
# tool must reject.  For each seed, --stats must show every row read, and
# rows read = rows written + rows rejected + the tool's own places:
#
#   cm-classify   read = written + rejected
#   cm-funnel     read = written + rejected + filtered out at each stage
#                 (keep: last); read = written + rejected (keep: all)
#   cm-schedule   written + --unscheduled rows + merged into make-up visits
#                 + rejected = read + make-up visits
#   cm-followup   read = rejected + rows processed (with a task due or
#                 not); written = tasks
#   cm-orphan-assign  read = written + rejected; written = the policies
#                 each route placed + unassigned (its own generator,
#                 gen_orphans, over the sample roster)
#
# and the files hold what --stats says: the output as many rows as
# written, the rejects file as many as rejected.

load test_helper

SEEDS=${ACCOUNTING_SEEDS:-20}
ROWS=${ACCOUNTING_ROWS:-150}

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	cat > classify.yaml <<'YAML'
version: 1
classify:
  - column: level
    rules:
      - {when: {premium: {ge: 20000}}, value: 高}
      - {when: {premium: {ge: 1}}, value: 中}
      - {when: {d: {before: 2026-01-01}}, value: 旧}
    default: 低
YAML
	cat > funnel.yaml <<'YAML'
version: 1
group_by: agent
stage_column: stage
rank_column: rank
keep: last
stages:
  - name: 有保费
    when: {premium: {ge: 1}}
    order: [-premium, d]
    limit: 3
  - name: 有电话
    when: {not: {phone: {empty: true}}}
YAML
	sed 's/^keep: last/keep: all/' funnel.yaml > funnel-all.yaml
	cat > schedule.yaml <<'YAML'
version: 1
group_by: agent
key: id
week:
  days: [mon, tue, wed]
  times: ["09:00", "14:00"]
plans:
  - name: 高
    when: {premium: {ge: 20000}}
    action: 登门拜访
    place: first
  - name: 其他
    when: {d: {before: 2026-11-25}}
    action: 电话
    place: fill
  - name: gone
    action: 短信
    place: weekly
    day: fri
    time: "16:00"
YAML
	cat > followup.yaml <<'YAML'
version: 1
customer: id
agent: agent
policy: id
triggers:
  - task: 回访
    channel: 电话
    when: {premium: {ge: 1}}
    after: {column: d, offsets: [1d, 1w]}
YAML
}

# Records in a CSV file (quoted line ends inside a field do not count).
records() {
	awk '{ q += gsub(/"/, "\"") } q % 2 == 0 { n++; q = 0 } END { print n + 0 }' "$1"
}

# The _line of each record of a rejects file, sorted, on one line.
reject_lines() {
	awk '{ start = q % 2 == 0; q += gsub(/"/, "\"") }
	    NR > 1 && start { sub(/,.*/, ""); print }' "$1" | sort -n |
	    tr '\n' ' ' | sed 's/ $//'
}

# A count from --stats: stat FILE NAME.
stat() {
	sed -n "s/^[a-z-]*: $2: //p" "$1"
}

# The rows of seed $1 in in.csv, what they must give in meta, last week's
# calendar in carry.csv.
gen() {
	awk -v seed="$1" -v n="$ROWS" -v meta=meta -v carry=carry.csv \
	    -f "$ROOT/tests/accounting_gen.awk" > in.csv
}

want() {
	sed -n "s/^$1 //p" meta
}

# Fails with the seed and what went wrong, after showing the counts.
fail_seed() {
	echo "seed $seed: $*" >&2
	[ ! -f stats ] || cat stats >&2
	return 1
}

# The checks every tool shares: TOOL ran with --stats into stats, -o out.csv
# and --rejects rej.csv, and exited 0.
check_common() {
	local tool=$1
	read=$(stat stats read)
	written=$(stat stats written)
	rejected=$(stat stats rejected)
	[ "$read" = "$(want records)" ] ||
	    fail_seed "read $read, but the input has $(want records) rows" || return 1
	[ "$rejected" = "$(want "$tool")" ] ||
	    fail_seed "rejected $rejected, but $(want "$tool") rows are bad" || return 1
	[ "$(records out.csv)" = $((written + 1)) ] ||
	    fail_seed "out.csv has $(records out.csv) records, not $written and a header" || return 1
	[ "$(records rej.csv)" = $((rejected + 1)) ] ||
	    fail_seed "rej.csv has $(records rej.csv) records, not $rejected and a header" || return 1
}

@test "cm-classify: rows read are rows written plus rows rejected, for every seed" {
	for seed in $(seq "$SEEDS"); do
		gen "$seed"
		cm-classify -r classify.yaml --stats -o out.csv --rejects rej.csv \
		    in.csv 2> stats || fail_seed "exit status $?"
		check_common cm-classify
		[ "$read" -eq $((written + rejected)) ] ||
		    fail_seed "read != written + rejected"
	done
}

@test "cm-funnel (keep: last): rows read are written, rejected or filtered out at a stage, for every seed" {
	for seed in $(seq "$SEEDS"); do
		gen "$seed"
		cm-funnel -r funnel.yaml --stats -o out.csv --rejects rej.csv \
		    in.csv 2> stats || fail_seed "exit status $?"
		check_common cm-funnel
		filtered=$(sed -n 's/^cm-funnel: filtered out at [^:]*: //p' stats |
		    awk '{ s += $1 } END { print s + 0 }')
		[ "$read" -eq $((written + rejected + filtered)) ] ||
		    fail_seed "read != written + rejected + filtered ($filtered)"
	done
}

@test "cm-funnel (keep: all): rows read are rows written plus rows rejected, for every seed" {
	for seed in $(seq "$SEEDS"); do
		gen "$seed"
		cm-funnel -r funnel-all.yaml --stats -o out.csv --rejects rej.csv \
		    in.csv 2> stats || fail_seed "exit status $?"
		check_common cm-funnel
		[ "$read" -eq $((written + rejected)) ] ||
		    fail_seed "read != written + rejected"
	done
}

@test "cm-schedule: rows read are written, unscheduled, merged or rejected, for every seed" {
	for seed in $(seq "$SEEDS"); do
		gen "$seed"
		cm-schedule -r schedule.yaml --week 2026-11-23 --stats -o out.csv \
		    --rejects rej.csv in.csv 2> stats || fail_seed "exit status $?"
		check_common cm-schedule
		scheduled=$(stat stats scheduled)
		unscheduled=$(stat stats unscheduled)
		merged=$(stat stats 'merged into make-up visits')
		makeup=$(stat stats 'make-up visits')
		[ "$merged" -eq 0 ] && [ "$makeup" -eq 0 ] ||
		    fail_seed "make-up visits without --carryover"
		[ "$written" -eq $((scheduled + unscheduled)) ] ||
		    fail_seed "written != scheduled + unscheduled"
		[ "$read" -eq $((written + rejected)) ] ||
		    fail_seed "read != written + rejected"
	done
}

@test "cm-schedule --carryover --unscheduled: written + unscheduled + merged + rejected = read + make-up visits, for every seed" {
	for seed in $(seq "$SEEDS"); do
		gen "$seed"
		cm-schedule -r schedule.yaml --week 2026-11-23 --stats -o out.csv \
		    --rejects rej.csv --carryover carry.csv --unscheduled un.csv \
		    in.csv 2> stats || fail_seed "exit status $?"
		check_common cm-schedule
		unscheduled=$(stat stats unscheduled)
		merged=$(stat stats 'merged into make-up visits')
		makeup=$(stat stats 'make-up visits')
		[ "$(records un.csv)" -eq $((unscheduled + 1)) ] ||
		    fail_seed "un.csv has $(records un.csv) records, not $unscheduled and a header"
		[ $((written + unscheduled + merged + rejected)) -eq \
		    $((read + makeup)) ] ||
		    fail_seed "written + unscheduled + merged + rejected != read + make-up visits"
		[ "$written" -eq "$(stat stats scheduled)" ] ||
		    fail_seed "written != scheduled"
	done
}

@test "cm-followup: rows read are rows rejected plus rows processed, and rows written are tasks, for every seed" {
	for seed in $(seq "$SEEDS"); do
		gen "$seed"
		cm-followup -r followup.yaml --from 2026-11-20 --days 14 --stats \
		    -o out.csv --rejects rej.csv in.csv 2> stats ||
		    fail_seed "exit status $?"
		check_common cm-followup
		[ "$written" -eq "$(stat stats tasks)" ] ||
		    fail_seed "written != tasks"
		due=$(stat stats 'rows with a task due')
		none=$(stat stats 'rows with no task due')
		[ "$read" -eq $((rejected + due + none)) ] ||
		    fail_seed "read != rejected + rows with and without a task"
		# Two offsets: at most two tasks for each row processed.
		[ "$written" -le $((2 * (read - rejected))) ] ||
		    fail_seed "more tasks than the rows processed can make"
	done
}

@test "each tool's rejects name the line each bad row starts on, for every seed" {
	for seed in $(seq "$SEEDS"); do
		gen "$seed"
		for tool in cm-classify cm-funnel cm-schedule cm-followup; do
			"$tool" -r "${tool#cm-}.yaml" -o out.csv --rejects rej.csv \
			    in.csv || fail_seed "$tool: exit $?"
			got=$(reject_lines rej.csv)
			[ "$got" = "$(want "$tool-lines")" ] ||
			    fail_seed "$tool: rejected lines $got, not $(want "$tool-lines")"
		done
	done
}

# Orphan policies of seed $1 over the sample roster in orphans.csv, and
# in meta: records, the rows cm-orphan-assign must reject and their lines.
# Bad rows: an empty policy id, a departed agent missing from the roster,
# a rider whose main policy is not among the orphans, a policy id listed
# twice, a short row and a malformed quote; good ones may be riders of an
# earlier good main policy or span two lines.
gen_orphans() {
	awk -v seed="$1" -v n="$ROWS" -v meta=meta 'BEGIN {
		srand(seed)
		split("A001 A006 S02", left, " ")
		print "policy_id,customer_id,agent_id,main_policy_id,product,status,sign_date,annual_premium,orphan_state,address"
		line = 2
		for (i = 1; i <= n; i++) {
			id = "P" i; cust = "K" int(rand() * 40); ag = left[1 + int(rand() * 3)]
			main = ""; prod = "险种"; st = "正常件"
			if (nmains > 0 && rand() < 0.2)
				main = mains[1 + int(rand() * nmains)]
			r = rand(); state = rand()
			if (state < 0.1) st = "问题件"; else if (state < 0.2) st = "困难件"
			if (rand() < 0.05) prod = "\"两\n行\""
			bad = 1
			if (r < 0.03) id = ""
			else if (r < 0.06) ag = "X999"
			else if (r < 0.09) main = "NOPE"
			else if (r < 0.12 && ngood > 0) id = good[1 + int(rand() * ngood)]
			else bad = 0
			if (r >= 0.12 && r < 0.15) {
				row = id "," cust "," ag
				bad = 1
			} else {
				row = id "," cust "," ag "," main "," prod ",有效,2020-01-01,1000," st ",鼓楼区"
				if (r >= 0.15 && r < 0.18) {
					row = id "," cust "," ag "," main ",\"x\"y,有效,2020-01-01,1000," st ",鼓楼区"
					bad = 1
				}
			}
			print row
			if (bad) {
				nbad++
				lines = lines " " line
			} else {
				good[++ngood] = id
				if (main == "")
					mains[++nmains] = id
			}
			line += 1 + gsub(/\n/, "\n", row)
		}
		print "records " n > meta
		print "cm-orphan-assign " nbad + 0 > meta
		sub(/^ /, "", lines)
		print "cm-orphan-assign-lines " lines > meta
	}' > in.csv
}

@test "cm-orphan-assign: rows read are rows written plus rows rejected, and every written row has a route or is unassigned, for every seed" {
	for seed in $(seq "$SEEDS"); do
		gen_orphans "$seed"
		cm-orphan-assign -r "$ROOT/rules/orphan.yaml" \
		    --agents "$ROOT/samples/agents.csv" \
		    --holdings "$ROOT/samples/holdings.csv" --stats \
		    -o out.csv --rejects rej.csv in.csv 2> stats ||
		    fail_seed "exit status $?"
		check_common cm-orphan-assign
		[ "$read" -eq $((written + rejected)) ] ||
		    fail_seed "read != written + rejected"
		placed=$(sed -n 's/^cm-orphan-assign: route [^:]*: policies: //p' stats |
		    awk '{ s += $1 } END { print s + 0 }')
		unassigned=$(stat stats "unassigned policies")
		[ "$written" -eq $((placed + unassigned)) ] ||
		    fail_seed "written != policies placed by a route ($placed) + unassigned"
		got=$(reject_lines rej.csv)
		[ "$got" = "$(want cm-orphan-assign-lines)" ] ||
		    fail_seed "rejected lines $got, not $(want cm-orphan-assign-lines)"
	done
}
