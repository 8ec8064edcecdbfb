#!/usr/bin/env bats
# cm-calls: the call lists (capacity, teams and turns, yesterday's
# unreached, attempts, times in the windows, working days), the lead
# hand-off (area, least loaded, leader, nobody), the quality calls (the
# week, a customer once, a Friday holiday), usage and file errors, nothing
# lost, and the commands of the EXAMPLES of cm-calls(1).
#
# 2026-12-08 is a Tuesday; the week of 2026-12-07 runs to Sunday 12-13.

load test_helper

# Two callers of 东区, one of 西区, one of any area not active; two
# records a caller.
world() {
	cat > r.yaml <<'EOF'
version: 1
lists: {per_caller: 2, retry: [未接通]}
handoff: {success: [成功]}
quality: {caller: Q1, when: {done: yes}}
EOF
	cat > callers.csv <<'EOF'
caller_id,team,status
K1,东区,active
K2,东区,active
K3,西区,active
K4,*,inactive
EOF
}

# lists ARGS...: the call lists of pool.csv for Tuesday 2026-12-08.
lists() {
	cm-calls -r r.yaml --day 2026-12-08 --callers callers.csv \
	    --rest rest.csv "$@" pool.csv
}

@test "a team's records go to its callers in turn, one a round" {
	world
	printf 'phone,area\np1,东区\np2,西区\np3,东区\np4,东区\n' > pool.csv
	run -0 lists
	assert_output - <<'EOF'
caller_id,date,time,phone,area,attempt,result
K1,2026-12-08,10:00,p1,东区,1,
K1,2026-12-08,14:45,p4,东区,1,
K2,2026-12-08,10:00,p3,东区,1,
K3,2026-12-08,10:00,p2,西区,1,
EOF
	run -0 cat rest.csv
	assert_output 'phone,area,reason'
}

@test "past the team's room, a record goes to any caller with room, in turn" {
	world
	printf 'phone,area\np1,西区\np2,西区\np3,西区\np4,北区\np5,西区\n' > pool.csv
	run -0 lists
	assert_output - <<'EOF'
caller_id,date,time,phone,area,attempt,result
K1,2026-12-08,10:00,p3,西区,1,
K1,2026-12-08,14:45,p5,西区,1,
K2,2026-12-08,10:00,p4,北区,1,
K3,2026-12-08,10:00,p1,西区,1,
K3,2026-12-08,14:45,p2,西区,1,
EOF
}

@test "a pool larger than the room leaves the rest in its order: no caller with room" {
	world
	printf 'phone,area\n' > pool.csv
	for i in 1 2 3 4 5 6 7 8; do echo "p$i,东区" >> pool.csv; done
	run -0 lists --stats
	assert_line --index 0 'caller_id,date,time,phone,area,attempt,result'
	assert_equal "$(printf '%s\n' "$output" | grep -c ',2026-12-08,')" 6
	run -0 cat rest.csv
	assert_output - <<'EOF'
phone,area,reason
p7,东区,no caller with room
p8,东区,no caller with room
EOF
}

@test "a record that waited in vain keeps its place in the rest, before those set aside after it" {
	printf 'caller_id,team,status\nK1,东区,active\nK3,西区,active\n' > callers.csv
	printf 'version: 1\nlists: {per_caller: 1}\n' > r.yaml
	printf 'phone,area\nw1,北区\na1,东区\nb1,西区\nx1,北区\ny1,东区\n' > pool.csv
	run -0 lists
	assert_output - <<'EOF'
caller_id,date,time,phone,area,attempt,result
K1,2026-12-08,10:00,a1,东区,1,
K3,2026-12-08,10:00,b1,西区,1,
EOF
	run -0 cat rest.csv
	assert_output - <<'EOF'
phone,area,reason
w1,北区,no caller with room
x1,北区,no caller with room
y1,东区,no caller with room
EOF
}

@test "with callers of any area, the rest goes out at once while the records waiting are sure of a caller" {
	printf 'caller_id,team,status\nK1,东区,active\nS1,*,active\n' > callers.csv
	printf 'version: 1\nlists: {per_caller: 1}\n' > r.yaml
	printf 'phone,area\nw1,北区\na1,东区\nx1,北区\n' > pool.csv
	run -0 lists
	assert_output - <<'EOF'
caller_id,date,time,phone,area,attempt,result
K1,2026-12-08,10:00,a1,东区,1,
S1,2026-12-08,10:00,w1,北区,1,
EOF
	run -0 cat rest.csv
	assert_output - <<'EOF'
phone,area,reason
x1,北区,no caller with room
EOF
	printf 'phone,area\nw1,北区\nw2,北区\nx1,北区\na1,东区\ny1,北区\n' > pool.csv
	run -0 lists
	assert_output - <<'EOF'
caller_id,date,time,phone,area,attempt,result
K1,2026-12-08,10:00,a1,东区,1,
S1,2026-12-08,10:00,w1,北区,1,
EOF
	run -0 cat rest.csv
	assert_output - <<'EOF'
phone,area,reason
w2,北区,no caller with room
x1,北区,no caller with room
y1,北区,no caller with room
EOF
}

@test "a caller not active gets no record" {
	world
	printf 'phone,area\np1,北区\n' > pool.csv
	sed -i 's/^K[123],.*,active$/&x/' callers.csv
	run -0 lists
	assert_output 'caller_id,date,time,phone,area,attempt,result'
	run -0 cat rest.csv
	assert_output - <<'EOF'
phone,area,reason
p1,北区,no active caller
EOF
}

@test "with cross_area false, a record of an area with no caller waits: no caller for the area" {
	world
	sed -i 's/^lists: {/lists: {cross_area: false, /' r.yaml
	printf 'phone,area\np1,北区\np2,东区\n' > pool.csv
	run -0 lists
	assert_output - <<'EOF'
caller_id,date,time,phone,area,attempt,result
K1,2026-12-08,10:00,p2,东区,1,
EOF
	run -0 cat rest.csv
	assert_output - <<'EOF'
phone,area,reason
p1,北区,no caller for the area
EOF
}

@test "yesterday's unreached come first, back to their caller, one attempt more" {
	world
	cat > results.csv <<'EOF'
caller_id,date,time,phone,area,attempt,result
K2,2026-12-07,10:00,y1,东区,1,成功
K2,2026-12-07,14:45,y2,东区,1,未接通
K3,2026-12-07,10:00,y3,西区,2,
EOF
	printf 'phone,area\np1,东区\np2,西区\n' > pool.csv
	run --separate-stderr -0 lists --results results.csv --stats
	assert_output - <<'EOF'
caller_id,date,time,phone,area,attempt,result
K1,2026-12-08,10:00,p1,东区,1,
K2,2026-12-08,10:00,y2,东区,2,
K3,2026-12-08,10:00,y3,西区,3,
K3,2026-12-08,14:45,p2,西区,1,
EOF
	assert_equal "$stderr" "cm-calls: read: 2
cm-calls: written: 4
cm-calls: rejected: 0
cm-calls: rest: 0
cm-calls: results closed: 1
cm-calls: carried from --results: 2"
}

@test "a record past its attempts goes to the rest" {
	world
	cat > results.csv <<'EOF'
caller_id,date,time,phone,area,attempt,result
K1,2026-12-07,10:00,y1,东区,3,未接通
EOF
	printf 'phone,area\n' > pool.csv
	run -0 lists --results results.csv
	assert_output 'caller_id,date,time,phone,area,attempt,result'
	run -0 cat rest.csv
	assert_output - <<'EOF'
phone,area,reason
y1,东区,not reached in the attempts allowed
EOF
}

@test "a phone already listed that day is not listed twice" {
	world
	cat > results.csv <<'EOF'
caller_id,date,time,phone,area,attempt,result
K1,2026-12-07,10:00,p1,东区,1,
EOF
	printf 'phone,area\np1,东区\np2,东区\np2,西区\n' > pool.csv
	run -0 lists --results results.csv
	assert_output - <<'EOF'
caller_id,date,time,phone,area,attempt,result
K1,2026-12-08,10:00,p1,东区,2,
K2,2026-12-08,10:00,p2,东区,1,
EOF
	run -0 cat rest.csv
	assert_output - <<'EOF'
phone,area,reason
p1,东区,listed already
p2,西区,listed already
EOF
}

@test "thirty calls are 13 minutes apart over 10:00-12:00 and 13:30-18:00, none at lunch" {
	printf 'caller_id,team,status\nK1,东区,active\n' > callers.csv
	printf 'phone,area\n' > pool.csv
	for i in $(seq 1 31); do echo "p$i,东区" >> pool.csv; done
	run -0 bash -o pipefail -c 'cm-calls --day 2026-12-08 --callers callers.csv \
	    --rest rest.csv pool.csv | sed 1d | cut -d, -f3 | paste -sd" "'
	assert_output "10:00 10:13 10:26 10:39 10:52 11:05 11:18 11:31 11:44 11:57 13:40 13:53 14:06 14:19 14:32 14:45 14:58 15:11 15:24 15:37 15:50 16:03 16:16 16:29 16:42 16:55 17:08 17:21 17:34 17:47"
	run -0 cat rest.csv
	assert_output - <<'EOF'
phone,area,reason
p31,东区,电销人员名额已满
EOF
}

@test "-o FILE.xlsx --sheets caller_id gives each caller a sheet, the phones as text" {
	world
	printf 'phone,area\n01234,东区\np2,西区\np3,东区\n' > pool.csv
	run -0 lists -o lists.xlsx --sheets caller_id
	run -0 "$PY" -c '
import openpyxl
wb = openpyxl.load_workbook("lists.xlsx")
for ws in wb:
    print(ws.title, [[c.value for c in r] for r in ws.iter_rows(min_row=2)])'
	assert_output - <<'EOF'
K1 [['K1', '2026-12-08', '10:00', '01234', '东区', '1', None]]
K2 [['K2', '2026-12-08', '10:00', 'p3', '东区', '1', None]]
K3 [['K3', '2026-12-08', '10:00', 'p2', '西区', '1', None]]
EOF
}

@test "a Saturday gets no list, says so, and every record goes to the rest" {
	world
	printf 'phone,area\np1,东区\n' > pool.csv
	run --separate-stderr -0 cm-calls -r r.yaml --day 2026-12-12 \
	    --callers callers.csv --rest rest.csv pool.csv
	assert_output 'caller_id,date,time,phone,area,attempt,result'
	assert_equal "$stderr" "cm-calls: 2026-12-12 is a Saturday, not a working day: no call lists; every record goes to --rest"
	run -0 cat rest.csv
	assert_output - <<'EOF'
phone,area,reason
p1,东区,not a working day
EOF
}

@test "a holiday of --holidays gets no list, and a Sunday of --working-days gets one" {
	world
	printf 'phone,area\np1,东区\n' > pool.csv
	printf 'date,name\n2026-12-08,补休\n' > off.csv
	run --separate-stderr -0 lists --holidays off.csv
	assert_equal "$stderr" "cm-calls: 2026-12-08 is a holiday (补休), not a working day: no call lists; every record goes to --rest"
	printf 'date,name\n2026-12-13,调休上班\n' > on.csv
	run -0 cm-calls -r r.yaml --day 2026-12-13 --working-days on.csv \
	    --callers callers.csv --rest rest.csv pool.csv
	assert_output - <<'EOF'
caller_id,date,time,phone,area,attempt,result
K1,2026-12-13,10:00,p1,东区,1,
EOF
}

@test "--day next, the default, is the next working day after today, past the rules' holidays" {
	world
	cat >> r.yaml <<'EOF'
holidays:
  - {date: 2026-12-14, name: 补休}
EOF
	printf 'phone,area\np1,东区\n' > pool.csv
	run -0 bash -o pipefail -c 'cm-calls -r r.yaml --today 2026-12-11 \
	    --callers callers.csv --rest rest.csv pool.csv | cut -d, -f2'
	assert_output - <<'EOF'
date
2026-12-15
EOF
}

@test "an empty phone is a data error at its line; with --rejects it goes there" {
	world
	printf 'phone,area\np1,东区\n,东区\n' > pool.csv
	run --separate-stderr -1 lists
	assert_equal "$stderr" "cm-calls: pool.csv:3: the column 'phone' is empty: a record is a customer's phone"
	run -0 lists --rejects bad.csv
	run -0 cat bad.csv
	assert_output - <<'EOF'
_line,_reason,phone,area
3,the column 'phone' is empty: a record is a customer's phone,,东区
EOF
}

# --- the hand-off ------------------------------------------------------

ground() {
	cat > ground.csv <<'EOF'
agent_id,area,leader,status
L1,东区,yes,active
G1,东区,no,active
G2,东区,no,active
L2,西区,是,active
G3,西区,no,inactive
G4,南区,no,inactive
EOF
}

@test "a lead goes to the agent of its area with the fewest open leads, due at 9:30" {
	world
	ground
	printf 'agent_id,phone\nG1,x\n' > open.csv
	cat > results.csv <<'EOF'
caller_id,phone,area,result
K1,p1,东区,成功
K1,p2,东区,成功
K2,p3,东区,成功
EOF
	run --separate-stderr -0 cm-calls -r r.yaml --handoff --day 2026-12-08 \
	    --agents ground.csv --open open.csv --rest rest.csv --stats \
	    results.csv
	assert_output - <<'EOF'
agent_id,due_date,due_time,caller_id,phone,area,result
G2,2026-12-08,09:30,K1,p1,东区,成功
G1,2026-12-08,09:30,K1,p2,东区,成功
G2,2026-12-08,09:30,K2,p3,东区,成功
EOF
	assert_equal "$stderr" "cm-calls: read: 3
cm-calls: written: 3
cm-calls: rejected: 0
cm-calls: rest: 0
cm-calls: open leads: 1"
}

@test "an area with no active agent gives its leads to its leader; one with neither to the rest" {
	world
	ground
	cat > results.csv <<'EOF'
caller_id,phone,area,result
K3,p1,西区,成功
K3,p2,南区,成功
K3,p3,北区,成功
K3,p4,西区,拒绝
EOF
	run -0 cm-calls -r r.yaml --handoff --day 2026-12-08 \
	    --agents ground.csv --rest rest.csv results.csv
	assert_output - <<'EOF'
agent_id,due_date,due_time,caller_id,phone,area,result
L2,2026-12-08,09:30,K3,p1,西区,成功
EOF
	run -0 cat rest.csv
	assert_output - <<'EOF'
caller_id,phone,area,result,reason
K3,p2,南区,成功,no agent or leader in the area
K3,p3,北区,成功,no agent or leader in the area
K3,p4,西区,拒绝,not a success
EOF
}

@test "an area with two active leaders stops the hand-off at the second" {
	world
	ground
	echo 'L3,东区,yes,active' >> ground.csv
	printf 'caller_id,phone,area,result\n' > results.csv
	run --separate-stderr -1 cm-calls -r r.yaml --handoff \
	    --agents ground.csv --rest rest.csv results.csv
	assert_equal "$stderr" "cm-calls: ground.csv:8: the area '东区' has two active leaders: L1 and L3"
	assert [ ! -e rest.csv ]
}

# --- the quality calls -------------------------------------------------

visits() {
	cat > visits.csv <<'EOF'
customer_id,agent_id,date,done
C1,A1,2026-12-07,yes
C2,A1,2026-12-08,no
C1,A2,2026-12-09,yes
C3,A2,2026-12-04,yes
C4,A2,2026-12-10,yes
C5,A1,2026-12-11,yes
EOF
}

@test "the week's visits made are Friday's calls, a customer once, feedback Saturday 18:00" {
	world
	visits
	run -0 cm-calls -r r.yaml --quality --week 2026-12-09 --rest rest.csv \
	    visits.csv
	assert_output - <<'EOF'
caller_id,call_date,call_time,feedback_due,customer_id,agent_id,date,done
Q1,2026-12-11,13:30,2026-12-12 18:00,C1,A1,2026-12-07,yes
Q1,2026-12-11,15:00,2026-12-12 18:00,C4,A2,2026-12-10,yes
Q1,2026-12-11,16:30,2026-12-12 18:00,C5,A1,2026-12-11,yes
EOF
	run -0 cat rest.csv
	assert_output - <<'EOF'
customer_id,agent_id,date,done,reason
C2,A1,2026-12-08,no,not a visit made
C1,A2,2026-12-09,yes,the customer is listed already
C3,A2,2026-12-04,yes,not in the week
EOF
}

@test "a Friday holiday moves the quality calls to Thursday, and --caller names the caller" {
	world
	visits
	printf 'date,name\n2026-12-11,补休\n' > off.csv
	run -0 cm-calls -r r.yaml --quality --week 2026-12-07 --caller Q9 \
	    --holidays off.csv --rest rest.csv visits.csv
	assert_output - <<'EOF'
caller_id,call_date,call_time,feedback_due,customer_id,agent_id,date,done
Q9,2026-12-10,13:30,2026-12-12 18:00,C1,A1,2026-12-07,yes
Q9,2026-12-10,15:45,2026-12-12 18:00,C4,A2,2026-12-10,yes
EOF
	run -0 tail -1 rest.csv
	assert_output 'C5,A1,2026-12-11,yes,after the day of the quality calls'
}

@test "the quality calls need a caller" {
	world
	visits
	sed -i 's/caller: Q1, //' r.yaml
	run --separate-stderr -2 cm-calls -r r.yaml --quality --rest rest.csv \
	    visits.csv
	assert_equal "$stderr" "cm-calls: the quality calls need a caller: --caller ID, or caller: under quality: in r.yaml"
}

@test "a visit date that is not a date is a data error at its line" {
	world
	printf 'customer_id,agent_id,date,done\nC1,A1,12/07,yes\n' > v.csv
	run --separate-stderr -1 cm-calls -r r.yaml --quality --rest rest.csv v.csv
	assert_equal "$stderr" "cm-calls: v.csv:2: column 'date': '12/07' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00)"
}

# --- usage and files ---------------------------------------------------

@test "--rest is required, so that no row is dropped" {
	world
	printf 'phone,area\n' > pool.csv
	run --separate-stderr -2 cm-calls -r r.yaml --callers callers.csv pool.csv
	assert_equal "${stderr_lines[0]}" "cm-calls: --rest FILE is needed: the rows that no list takes go there, with the reason"
}

@test "an option of another job is a usage error" {
	world
	run --separate-stderr -2 cm-calls -r r.yaml --callers callers.csv \
	    --agents callers.csv --rest rest.csv
	assert_equal "${stderr_lines[0]}" "cm-calls: --agents is not an option of the call lists"
	run --separate-stderr -2 cm-calls --handoff --quality --rest rest.csv
	assert_equal "${stderr_lines[0]}" "cm-calls: --quality: one job a run: --handoff or --quality, or neither for the call lists"
	run --separate-stderr -2 cm-calls --rest rest.csv
	assert_equal "${stderr_lines[0]}" "cm-calls: the call lists need --callers FILE, the callers' roster"
}

@test "a caller listed twice stops the run with the file and line" {
	world
	echo 'K1,西区,active' >> callers.csv
	printf 'phone,area\n' > pool.csv
	run --separate-stderr -1 lists
	assert_equal "$stderr" "cm-calls: callers.csv:6: the caller 'K1' is listed twice"
}

@test "a pool without the area column stops before any row is read" {
	world
	printf 'phone,region\np1,东区\n' > pool.csv
	run --separate-stderr -2 lists
	assert_output ''
	assert_equal "${stderr_lines[0]}" "cm-calls: r.yaml:1:1: column 'area' is not in the header of pool.csv: 'phone', 'region'; add it to the input, or map it to a header with columns: in r.yaml"
}

@test "rules: a window that ends before it starts, and an unknown key, are errors with their place" {
	cat > r.yaml <<'EOF'
version: 1
windows:
  - {from: "14:00", to: "12:00"}
lists: {per_callr: 3}
EOF
	run --separate-stderr -2 cm-calls -r r.yaml --check
	assert_equal "$stderr" "cm-calls: r.yaml:3:5: a window must end after it starts
cm-calls: r.yaml:4:9: unknown key 'per_callr' (did you mean 'per_caller'?)"
}

@test "words: gives a reason in the branch's words, the others stay English" {
	world
	printf 'words:\n  no caller with room: 名额已满\n' >> r.yaml
	printf 'phone,area\n' > pool.csv
	for i in 1 2 3 4 5 6 7 8; do echo "p$i,东区" >> pool.csv; done
	echo 'p1,西区' >> pool.csv
	run -0 lists
	run -0 cat rest.csv
	assert_output - <<'EOF'
phone,area,reason
p7,东区,名额已满
p8,东区,名额已满
p1,西区,listed already
EOF
}

@test "words: an unknown reason is a rule error with the nearest one" {
	world
	printf 'words:\n  no caller with rooms: 名额已满\n' >> r.yaml
	run --separate-stderr -2 cm-calls -r r.yaml --check
	assert_equal "$stderr" "cm-calls: r.yaml:6:3: unknown word 'no caller with rooms' (did you mean 'no caller with room'?)"
}

@test "the shipped rules pass --check" {
	run -0 cm-calls --check
	assert_output ''
}

# --- nothing lost ------------------------------------------------------

@test "every record of the sample is in a list or the rest, as --stats adds up" {
	run --separate-stderr -0 cm-calls --today 2026-12-07 \
	    --callers "$ROOT/samples/callers.csv" \
	    --results "$ROOT/samples/results.csv" --rest rest.csv --stats \
	    -o lists.csv "$ROOT/samples/pool.csv"
	# read + carried from --results = written + rest
	assert_equal "$stderr" "cm-calls: read: 150
cm-calls: written: 120
cm-calls: rejected: 0
cm-calls: rest: 34
cm-calls: results closed: 8
cm-calls: carried from --results: 4"
	assert_equal "$(sed 1d lists.csv | wc -l)" 120
	assert_equal "$(sed 1d rest.csv | wc -l)" 34
	# every phone of the pool and of the unreached results, once
	assert_equal "$( (sed 1d lists.csv | cut -d, -f6; sed 1d rest.csv | cut -d, -f3) | sort | uniq -d)" ""
	assert_equal "$( (sed 1d lists.csv | cut -d, -f6; sed 1d rest.csv | cut -d, -f3) | sort -u | wc -l)" 154
}

# --- the EXAMPLES of cm-calls(1) -----------------------------------------

samples() {
	mkdir -p samples
	cp "$ROOT"/samples/{pool,callers,results,ground,visits}.csv samples/
}

@test "the SYNOPSIS of cm-calls(1) is the usage that cm-calls prints" {
	run --separate-stderr -0 cm-calls --help
	assert_equal "${lines[0]}" "usage: $(mandoc -T ascii -O width=1000 "$ROOT/man/cm-calls.1" | col -b |
	    awk '/^SYNOPSIS/ { f = 1; next } /^[A-Z]/ { f = 0 } f' |
	    tr -s ' \n' '  ' | sed 's/^ //; s/ $//')"
}

@test "cm-calls(1): Monday evening, the lists for Tuesday" {
	samples
	run --separate-stderr -0 cm-calls --today 2026-12-07 \
	    --callers samples/callers.csv --results samples/results.csv \
	    --rest rest.csv --stats samples/pool.csv
	assert_equal "$stderr" "cm-calls: read: 150
cm-calls: written: 120
cm-calls: rejected: 0
cm-calls: rest: 34
cm-calls: results closed: 8
cm-calls: carried from --results: 4"
	printf '%s\n' "$output" > lists.csv
	run -0 sed -n '1,3p;31,34p' lists.csv
	assert_output - <<'EOF'
caller_id,date,time,record_id,name,phone,area,source,attempt,result
T01,2026-12-08,10:00,R0001,王明,15982597919,建邺区,银行理财,1,
T01,2026-12-08,10:13,R0003,胡静,13404796669,建邺区,车险续保,1,
T01,2026-12-08,17:47,R0094,周艳,15087166850,栖霞区,健康讲座,1,
T02,2026-12-08,10:00,R0901,周艳,19638854552,秦淮区,银行理财,2,
T02,2026-12-08,10:13,R0906,徐磊,18427997487,秦淮区,银行理财,2,
T02,2026-12-08,10:26,R0002,马伟,15788762328,秦淮区,银行理财,1,
EOF
	run -0 head -3 rest.csv
	assert_output - <<'EOF'
record_id,name,phone,area,source,reason
R0905,胡洋,19914538105,玄武区,车险续保,多次拨打未接通
R0095,孙娜,19751972530,栖霞区,车险续保,电销人员名额已满
EOF
}

@test "cm-calls(1): Monday's successes to the ground agents" {
	samples
	run -0 bash -o pipefail -c 'cm-calls --handoff --today 2026-12-07 \
	    --agents samples/ground.csv --rest rest.csv samples/results.csv |
	    cut -d, -f1-3,7,8,10,13'
	assert_output - <<'EOF'
agent_id,due_date,due_time,record_id,name,area,result
A006,2026-12-08,09:30,R0902,王平,建邺区,成功
A002,2026-12-08,09:30,R0903,黄洋,秦淮区,同意拜访
A005,2026-12-08,09:30,R0904,王丽,鼓楼区,成功
A005,2026-12-08,09:30,R0910,马娟,鼓楼区,成功
EOF
	run -0 grep -c ',未成功$' rest.csv
	assert_output 7
	run -0 bash -o pipefail -c "grep '组长$' rest.csv | cut -d, -f4,7,10,11"
	assert_output 'R0911,栖霞区,同意拜访,本区域无营销人员或组长'
}

@test "cm-calls(1): the quality calls of the week" {
	samples
	run -0 bash -o pipefail -c 'cm-calls --quality --week 2026-12-07 \
	    --rest rest.csv samples/visits.csv | cut -d, -f1-8'
	assert_output - <<'EOF'
caller_id,call_date,call_time,feedback_due,customer_id,agent_id,name,date
T01,2026-12-11,13:30,2026-12-12 18:00,C0009,A001,郭洋,2026-12-07
T01,2026-12-11,14:37,2026-12-12 18:00,C0011,A001,孙娜,2026-12-08
T01,2026-12-11,15:45,2026-12-12 18:00,C0021,A002,王磊,2026-12-08
T01,2026-12-11,16:52,2026-12-12 18:00,C0032,A003,马超,2026-12-11
EOF
	run -0 cut -d, -f1,4,8 rest.csv
	assert_output - <<'EOF'
customer_id,date,reason
C0001,2026-12-07,未完成拜访
C0009,2026-12-10,客户已列入回访
C0030,2026-12-04,不在本周
EOF
}

@test "cm-calls(1): with Friday a holiday, the calls move to Thursday" {
	samples
	printf 'date,name\n2026-12-11,补休\n' > off.csv
	run -0 bash -o pipefail -c 'cm-calls --quality --week 2026-12-07 \
	    --holidays off.csv --rest rest.csv samples/visits.csv |
	    cut -d, -f2 | sort -u'
	assert_output - <<'EOF'
2026-12-10
call_date
EOF
}
