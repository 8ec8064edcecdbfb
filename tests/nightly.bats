#!/usr/bin/env bats
#
# examples/nightly.sh: a branch's night, run as cron would run it.

load test_helper

NIGHTLY="$ROOT/examples/nightly.sh"

# A branch's directory, branch/, with the samples as its in/ files.
branch() {
	mkdir -p branch/in
	cp "$ROOT"/samples/{customers,policies,orphans,agents,holdings}.csv \
	    branch/in/
}

# night [VAR=value...]: the script on branch/, on the night of 2026-11-29
# (a Sunday: it lays out the week from Monday 2026-11-30).
night() {
	env CM_HOME="$PWD/branch" CM_TODAY=2026-11-29 "$@" "$NIGHTLY"
}

# The night's files as the tools make them when run one by one, in want/.
by_hand() {
	mkdir -p want
	(
		cd branch || exit 1
		set -o pipefail
		export CM_TODAY=2026-11-29
		cm-classify --rejects ../want/rejects-classify.csv \
		    in/customers.csv 2>/dev/null |
		cm-funnel 2>/dev/null |
		cm-schedule --week 2026-11-30 "$@" -o ../want/visits.csv &&
		cm-followup --from 2026-11-30 --days 7 \
		    --rejects ../want/rejects-followup.csv \
		    -o ../want/followups.csv in/policies.csv &&
		cm-orphan-assign --agents in/agents.csv \
		    --holdings in/holdings.csv \
		    --rejects ../want/rejects-orphans.csv \
		    -o ../want/assigned.csv in/orphans.csv
	)
}

# A customer list of 2,304 rows, the samples 48 times over, whose line
# 1,801 holds a byte that is not UTF-8: an export cut short and padded.
broken_list() {
	"$PY" - "$ROOT/samples/customers.csv" branch/in/customers.csv <<'EOF'
import csv, io, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
out = io.StringIO()
w = csv.writer(out, lineterminator="\n")
w.writerow(rows[0])
for i in range(48):
    for r in rows[1:]:
        w.writerow([r[0] + "-%d" % i] + r[1:])
data = out.getvalue().encode()
lines = data.split(b"\n")
at = sum(len(l) + 1 for l in lines[:1800])
open(sys.argv[2], "wb").write(data[:at] + b"\xff" + data[at:])
EOF
}

@test "examples/nightly.sh: a night writes what the tools write run one by one, and a dated log" {
	branch
	by_hand
	run --separate-stderr -0 night
	assert_output ''
	assert_equal "$stderr" ''
	run -0 ls -A branch/out
	assert_output - <<'EOF'
.lock
assigned.csv
followups.csv
rejects-classify.csv
rejects-followup.csv
rejects-orphans.csv
visits.csv
EOF
	for f in want/*.csv; do
		cmp "$f" "branch/out/${f#want/}"
	done
	[ ! -e branch/work ]
	run -0 ls -A branch/log
	assert_output 2026-11-29.log
	run -0 sed -n '1p;/^cm-schedule: scheduled/p;$p' branch/log/2026-11-29.log
	assert_output - <<EOF
nightly.sh: the night of 2026-11-29, the week of 2026-11-30, in $PWD/branch
cm-schedule: scheduled: 29
nightly.sh: done; the results are in $PWD/branch/out
EOF
}

@test "examples/nightly.sh: a list broken half way fails the night, says so once, and replaces nothing in out/" {
	branch
	run -0 night
	cp -r branch/out before
	broken_list
	run --separate-stderr -1 night CM_TODAY=2026-11-30
	assert_output ''
	assert_equal "$stderr" "nightly.sh: the night of 2026-11-30 failed (exit status 1); see $PWD/branch/log/2026-11-30.log"
	diff -r before branch/out
	run -0 cat branch/log/2026-11-30.log
	assert_output - <<EOF
nightly.sh: the night of 2026-11-30, the week of 2026-12-01, in $PWD/branch
cm-classify: in/customers.csv:1801: invalid UTF-8
cm-funnel: read: 1326
cm-funnel: written: 30
cm-funnel: rejected: 0
cm-funnel: filtered out at 缘故30: 1236
cm-funnel: filtered out at 黄金10: 60
cm-funnel: groups: 3
cm-schedule: read: 30
cm-schedule: written: 30
cm-schedule: rejected: 0
cm-schedule: scheduled: 30
cm-schedule: unscheduled: 0
cm-schedule: make-up visits: 0
cm-schedule: merged into make-up visits: 0
cm-schedule: done last week: 0
cm-schedule: customers listed twice: 0
nightly.sh: failed, exit status 1; nothing in out/ was replaced; what the steps wrote is in work/
EOF
	run -0 ls branch/work
	assert_output visits.csv
}

@test "examples/nightly.sh: more rejected rows than CM_MAX_REJECTS fail the night, and work/ keeps the rejects that say why" {
	branch
	"$PY" - branch/in/customers.csv <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
rows[5][rows[0].index("annual_premium")] = "3万"
csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline=""),
    lineterminator="\n").writerows(rows)
EOF
	run --separate-stderr -1 night CM_MAX_REJECTS=0
	assert_equal "$stderr" "nightly.sh: the night of 2026-11-29 failed (exit status 1); see $PWD/branch/log/2026-11-29.log"
	run -0 sed -n 2p branch/log/2026-11-29.log
	assert_output "cm-classify: in/customers.csv:6: 1 row rejected, more than --max-rejects 0 allows; work/rejects-classify.csv says why"
	run -0 pick _line _reason < branch/work/rejects-classify.csv
	assert_output - <<'EOF'
_line,_reason
6,column 'annual_premium': '3万' is not a number (domains: at line 64 of the rules)
EOF
	[ ! -e branch/out/visits.csv ]
}

@test "examples/nightly.sh: a second night while one runs leaves at once with exit status 75" {
	branch
	mkdir branch/out
	run --separate-stderr -75 flock branch/out/.lock env \
	    CM_HOME="$PWD/branch" CM_TODAY=2026-11-29 "$NIGHTLY"
	assert_equal "$stderr" "nightly.sh: another night is running in $PWD/branch (out/.lock is held)"
	run -0 ls -A branch/out
	assert_output .lock
	[ ! -e branch/log/2026-11-29.log ]
}

@test "examples/nightly.sh: without CM_HOME it is exit status 2 and says what to set" {
	run --separate-stderr -2 env -u CM_HOME CM_TODAY=2026-11-29 "$NIGHTLY"
	assert_equal "$stderr" "nightly.sh: CM_HOME is not set: the branch's directory (see the head of $NIGHTLY)"
}

@test "examples/nightly.sh: a branch without its policies is exit status 2, before anything runs" {
	branch
	rm branch/in/policies.csv
	run --separate-stderr -2 night
	assert_equal "$stderr" "nightly.sh: $PWD/branch/in/policies.csv: cannot be read (see the head of $NIGHTLY)"
	[ ! -e branch/out ]
}

@test "examples/nightly.sh: CM_ENCODING names the encoding of in/, and a GB18030 branch gets the same night" {
	branch
	run -0 night
	mv branch/out utf8
	for f in branch/in/*.csv; do
		iconv -f UTF-8 -t GB18030 "$f" > x && mv x "$f"
	done
	run -0 night CM_ENCODING=GB18030
	diff -r utf8 branch/out
}

@test "examples/nightly.sh: in/last_week.csv gives the week its make-up visits" {
	branch
	printf 'customer_id,agent_id,name,plan,done\nC9001,A001,补访甲,其他,\n' \
	    > branch/in/last_week.csv
	by_hand --carryover in/last_week.csv
	run -0 night
	cmp want/visits.csv branch/out/visits.csv
	run -0 grep -c ',补访,' branch/out/visits.csv
	assert_output 1
}

@test "examples/nightly.sh: a night without orphans leaves no assigned.csv of an earlier night" {
	branch
	run -0 night
	rm branch/in/orphans.csv
	run -0 night CM_TODAY=2026-11-30
	run -0 ls branch/out
	assert_output - <<'EOF'
followups.csv
rejects-classify.csv
rejects-followup.csv
visits.csv
EOF
}

@test "examples/nightly.sh: its crontab line is the one cm(7) gives" {
	line=$(sed -n 's/^#   \(30 2 \* \* \* .*\)$/\1/p' "$NIGHTLY")
	[ -n "$line" ]
	grep -qF -- "$(printf '%s' "$line" | sed 's/-/\\-/g')" "$ROOT/man/cm.7"
}
