#!/usr/bin/env bats
# cm-report: the development success rate (seed 004) with the seed's
# April example worked by hand, cohorts, groups and what is skipped or
# rejected; ABC upgrades (seed 000); usage errors; and the commands of
# the EXAMPLES of cm-report(1).

load test_helper

# The seed's April example: "如计算4月份的三个月开发成功率时,分母为1月分配的孤
# 儿单客户数量,分子为1月分配的孤儿单客户截至3月末已经开发成功的客户数量".
# January's cohort is K1, K2, K3 of A1 (K1 with two policies) and K4 of
# A2.  By hand: K1 signed a new main policy with A1 on 02-10 (and another
# on 03-01: still one customer); K2 signed only a rider; K3 signed on
# 04-02, after the end of March; K4 signed with A1, not A2, the agent
# assigned.  A1: 1 of 3, 33.33; A2: 0 of 1.  K5 went to a queue and K6
# to no one; K7 was assigned in March, in no cohort.
april_files() {
	cat > assigned.csv <<'EOF'
policy_id,customer_id,assigned_to,assigned_date
P1,K1,A1,2026-01-05
P2,K1,A1,2026-01-05
P3,K2,A1,2026-01-10
P4,K3,A1,2026-01-20
P5,K4,A2,2026-01-21
P6,K5,queue:收展,2026-01-05
P7,K6,,
P8,K7,A2,2026-03-02
EOF
	cat > policies.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,sign_date
P1,K1,A0,,2015-03-01
N1,K1,A1,,2026-02-10
N2,K1,A1,,2026-03-01
N3,K2,A1,N9,2026-02-11
N4,K3,A1,,2026-04-02
N5,K4,A1,,2026-02-01
EOF
}

@test "the seed's April example: January's customers developed by the end of March over January's customers" {
	april_files
	run -0 cm-report development --month 2026-04 --policies policies.csv \
	    assigned.csv
	assert_output - <<'EOF'
month,agent_id,assigned_3m,developed_3m,rate_3m,assigned_6m,developed_6m,rate_6m,assigned_12m,developed_12m,rate_12m
2026-04,A1,3,1,33.33,0,0,,0,0,
2026-04,A2,1,0,0.00,0,0,,0,0,
EOF
}

@test "--assigned FILE is the same input as FILE" {
	april_files
	run -0 cm-report development --month 2026-04 --policies policies.csv \
	    --assigned assigned.csv --by none
	assert_output - <<'EOF'
month,assigned_3m,developed_3m,rate_3m,assigned_6m,developed_6m,rate_6m,assigned_12m,developed_12m,rate_12m
2026-04,4,1,25.00,0,0,,0,0,
EOF
}

@test "every assigned row is counted in --stats: in a cohort, to a queue or no one, or outside the cohorts' months" {
	april_files
	run --separate-stderr -0 cm-report development --month 2026-04 \
	    --policies policies.csv --stats -o out.csv assigned.csv
	assert_equal "$stderr" "cm-report: read: 8
cm-report: written: 2
cm-report: rejected: 0
cm-report: policies read: 6
cm-report: cohort customers developed: 1
cm-report: assigned rows in a cohort: 5
cm-report: assigned rows to a queue or to no one: 2
cm-report: assigned rows outside the cohorts' months: 1
cm-report: cohort customers: 4"
}

@test "a customer assigned in two months is in both cohorts, and one new policy develops both" {
	cat > assigned.csv <<'EOF'
policy_id,customer_id,assigned_to,assigned_date
P1,K1,A1,2025-04-30
P2,K1,A1,2025-10-08
P3,K1,A1,2026-01-15
EOF
	cat > policies.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,sign_date
N1,K1,A1,,2026-03-31
EOF
	run -0 cm-report development --month 2026-04 --policies policies.csv \
	    assigned.csv
	assert_output - <<'EOF'
month,agent_id,assigned_3m,developed_3m,rate_3m,assigned_6m,developed_6m,rate_6m,assigned_12m,developed_12m,rate_12m
2026-04,A1,1,1,100.00,1,1,100.00,1,1,100.00
EOF
}

@test "a policy signed before a later assignment develops the earlier cohort only" {
	cat > assigned.csv <<'EOF'
policy_id,customer_id,assigned_to,assigned_date
P2,K1,A1,2025-10-08
P3,K1,A1,2026-01-15
EOF
	cat > policies.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,sign_date
N1,K1,A1,,2025-12-01
EOF
	run -0 cm-report development --month 2026-04 --policies policies.csv \
	    assigned.csv
	assert_output - <<'EOF'
month,agent_id,assigned_3m,developed_3m,rate_3m,assigned_6m,developed_6m,rate_6m,assigned_12m,developed_12m,rate_12m
2026-04,A1,1,0,0.00,1,1,100.00,0,0,
EOF
}

@test "a customer assigned twice in one month counts once, with the agent of the latest assignment" {
	cat > assigned.csv <<'EOF'
policy_id,customer_id,assigned_to,assigned_date
P1,K1,A1,2026-01-05
P2,K1,A2,2026-01-25
P3,K1,A1,2026-01-06
EOF
	cat > policies.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,sign_date
N1,K1,A1,,2026-02-01
N2,K1,A2,,2026-02-02
EOF
	run -0 cm-report development --month 2026-04 --policies policies.csv \
	    assigned.csv
	assert_output - <<'EOF'
month,agent_id,assigned_3m,developed_3m,rate_3m,assigned_6m,developed_6m,rate_6m,assigned_12m,developed_12m,rate_12m
2026-04,A2,1,1,100.00,0,0,,0,0,
EOF
}

# A roster of three agents in two groups; A3 has no assigned customer.
roster() {
	cat > agents.csv <<'EOF'
agent_id,name,group_id
A1,甲,G1
A2,乙,G2
A3,丙,G1
EOF
}

@test "with the roster, an agent with no assigned customers has a row of zeros and empty rates" {
	april_files
	roster
	run -0 cm-report development --month 2026-04 --agents agents.csv \
	    --policies policies.csv assigned.csv
	assert_output - <<'EOF'
month,agent_id,assigned_3m,developed_3m,rate_3m,assigned_6m,developed_6m,rate_6m,assigned_12m,developed_12m,rate_12m
2026-04,A1,3,1,33.33,0,0,,0,0,
2026-04,A2,1,0,0.00,0,0,,0,0,
2026-04,A3,0,0,,0,0,,0,0,
EOF
}

@test "--by group sums the agents of each group of the roster, in the order of the groups" {
	april_files
	roster
	run -0 cm-report development --month 2026-04 --by group \
	    --agents agents.csv --policies policies.csv assigned.csv
	assert_output - <<'EOF'
month,group_id,assigned_3m,developed_3m,rate_3m,assigned_6m,developed_6m,rate_6m,assigned_12m,developed_12m,rate_12m
2026-04,G1,3,1,33.33,0,0,,0,0,
2026-04,G2,1,0,0.00,0,0,,0,0,
EOF
}

@test "--by group puts the agents not in the roster in a group of their own, with an empty key, and counts them" {
	april_files
	head -n 2 > agents.csv <<'EOF'
agent_id,name,group_id
A1,甲,G1
EOF
	run --separate-stderr -0 cm-report development --month 2026-04 \
	    --by group --agents agents.csv --policies policies.csv --stats \
	    assigned.csv
	assert_output - <<'EOF'
month,group_id,assigned_3m,developed_3m,rate_3m,assigned_6m,developed_6m,rate_6m,assigned_12m,developed_12m,rate_12m
2026-04,,1,0,0.00,0,0,,0,0,
2026-04,G1,3,1,33.33,0,0,,0,0,
EOF
	[[ "$stderr" == *"cm-report: agents not in the roster: 1"* ]]
}

@test "--by none with no assigned row is one row of zeros and empty rates" {
	echo 'customer_id,assigned_to,assigned_date' > assigned.csv
	echo 'customer_id,agent_id,main_policy_id,sign_date' > policies.csv
	run -0 cm-report development --month 2026-04 --by none \
	    --policies policies.csv assigned.csv
	assert_output - <<'EOF'
month,assigned_3m,developed_3m,rate_3m,assigned_6m,developed_6m,rate_6m,assigned_12m,developed_12m,rate_12m
2026-04,0,0,,0,0,,0,0,
EOF
}

@test "the month defaults to that of --today" {
	april_files
	run -0 cm-report development --today 2026-04-30 --by none \
	    --policies policies.csv assigned.csv
	assert_line --index 1 '2026-04,4,1,25.00,0,0,,0,0,'
}

@test "a bad assigned_date is rejected with its line, and the run goes on with --rejects" {
	april_files
	echo 'P9,K9,A1,2026-13-01' >> assigned.csv
	run --separate-stderr -0 cm-report development --month 2026-04 \
	    --by none --policies policies.csv --rejects rej.csv assigned.csv
	assert_output - <<'EOF'
month,assigned_3m,developed_3m,rate_3m,assigned_6m,developed_6m,rate_6m,assigned_12m,developed_12m,rate_12m
2026-04,4,1,25.00,0,0,,0,0,
EOF
	assert_equal "$(cat rej.csv)" "_line,_reason,policy_id,customer_id,assigned_to,assigned_date
10,column 'assigned_date': '2026-13-01' is not a date,P9,K9,A1,2026-13-01"
}

@test "without --rejects a bad assigned_date stops the run, naming its line" {
	april_files
	echo 'P9,K9,A1,soon' >> assigned.csv
	run --separate-stderr -1 cm-report development --month 2026-04 \
	    --policies policies.csv assigned.csv
	assert_output ''
	assert_equal "$stderr" "cm-report: assigned.csv:10: column 'assigned_date': 'soon' is not a date"
}

@test "a bad sign_date of a cohort customer's policy stops the run, naming the policies' line" {
	april_files
	echo 'N6,K2,A1,,2026-02-30' >> policies.csv
	run --separate-stderr -1 cm-report development --month 2026-04 \
	    --policies policies.csv assigned.csv
	assert_equal "$stderr" "cm-report: policies.csv:8: column 'sign_date': '2026-02-30' is not a date"
}

@test "the rules' developed: condition replaces the main policy's" {
	april_files
	cat > r.yaml <<'EOF'
version: 1
development:
  developed: {policy_id: N3}
EOF
	run -0 cm-report development -r r.yaml --month 2026-04 --by none \
	    --policies policies.csv assigned.csv
	assert_line --index 1 '2026-04,4,1,25.00,0,0,,0,0,'
	cat > r.yaml <<'EOF'
version: 1
development:
  developed: {main_policy_id: [N9, ""]}
EOF
	run -0 cm-report development -r r.yaml --month 2026-04 --by none \
	    --policies policies.csv assigned.csv
	assert_line --index 1 '2026-04,4,2,50.00,0,0,,0,0,'
}

@test "a column the policies lack is exit status 1, naming it, or 2 when the rules read it" {
	april_files
	cut -d, -f1-4 policies.csv > p.csv
	run --separate-stderr -1 cm-report development --month 2026-04 \
	    --policies p.csv assigned.csv
	assert_output ''
	assert_equal "$stderr" "cm-report: p.csv:1: no column 'sign_date' in --policies: 'policy_id', 'customer_id', 'agent_id', 'main_policy_id'"
	cut -d, -f1-3,5 policies.csv > p.csv
	run --separate-stderr -2 cm-report development --month 2026-04 \
	    --policies p.csv assigned.csv
	assert_output ''
	assert_equal "$stderr" "cm-report: $ROOT/rules/report.yaml:24:15: column 'main_policy_id' is not in the header of p.csv: 'policy_id', 'customer_id', 'agent_id', 'sign_date'; add it to the input, or map it to a header with columns: in $ROOT/rules/report.yaml"
}

@test "a measure is needed, and must be one cm-report knows" {
	run --separate-stderr -2 cm-report --month 2026-04
	assert_equal "$(head -n 1 <<< "$stderr")" "cm-report: which measure? development, upgrades, contacts, standards, ratio or calls comes before the options' operands"
	run --separate-stderr -2 cm-report developments x.csv
	assert_equal "$(head -n 1 <<< "$stderr")" "cm-report: unknown measure 'developments' (development, upgrades, contacts, standards, ratio or calls)"
}

@test "development needs --policies, and --by group needs --agents, before anything is read" {
	run --separate-stderr -2 cm-report development --month 2026-04 nothere.csv
	assert_equal "$stderr" "cm-report: development needs --policies FILE"
	run --separate-stderr -2 cm-report development --by group \
	    --policies p.csv nothere.csv
	assert_equal "$stderr" "cm-report: --by group needs the roster: --agents FILE"
}

@test "--month takes a month written 2026-04" {
	run --separate-stderr -2 cm-report development --month 2026-4 \
	    --policies p.csv a.csv
	assert_equal "$(head -n 1 <<< "$stderr")" "cm-report: --month: '2026-4' is not a month (2026-04)"
}

@test "--assigned and FILE together are a usage error" {
	run --separate-stderr -2 cm-report development --policies p.csv \
	    --assigned a.csv b.csv
	assert_equal "$stderr" "cm-report: --assigned a.csv and FILE b.csv: the assigned lists are one input, give one"
}

# Two gradings of five customers: K1 C->B (up), K2 A->C (down), K3 B
# stays, K4 leaves, K5 appears; K2 moved from A2 to A1.
grading_files() {
	cat > before.csv <<'EOF'
customer_id,agent_id,class
K1,A1,C
K2,A2,A
K3,A1,B
K4,A2,B
EOF
	cat > after.csv <<'EOF'
customer_id,agent_id,class
K1,A1,B
K2,A1,C
K3,A1,B
K5,A2,A
EOF
}

@test "upgrades counts, per agent, moves up and down, the same, the appeared and the left, and each move" {
	grading_files
	run -0 cm-report upgrades --before before.csv after.csv
	assert_output - <<'EOF'
agent_id,before,after,up,down,same,appeared,left,A_to_B,A_to_C,A_to_D,B_to_A,B_to_C,B_to_D,C_to_A,C_to_B,C_to_D,D_to_A,D_to_B,D_to_C
A1,2,3,1,1,1,0,0,0,1,0,0,0,0,0,1,0,0,0,0
A2,2,1,0,0,0,1,1,0,0,0,0,0,0,0,0,0,0,0,0
EOF
}

@test "upgrades --by none sums the branch" {
	grading_files
	run -0 cm-report upgrades --by none --before before.csv after.csv
	assert_output - <<'EOF'
before,after,up,down,same,appeared,left,A_to_B,A_to_C,A_to_D,B_to_A,B_to_C,B_to_D,C_to_A,C_to_B,C_to_D,D_to_A,D_to_B,D_to_C
4,4,1,1,1,1,1,0,1,0,0,0,0,0,1,0,0,0,0
EOF
}

@test "upgrades rejects a grade the rules do not list, and a customer graded twice, with their lines" {
	grading_files
	printf 'K6,A1,E\nK1,A2,A\n' >> after.csv
	run --separate-stderr -0 cm-report upgrades --before before.csv \
	    --rejects rej.csv --stats after.csv
	assert_equal "$(cat rej.csv)" "_line,_reason,customer_id,agent_id,class
6,column 'class': 'E' is not a grade of the rules,K6,A1,E
7,customer 'K1' is graded twice,K1,A2,A"
	[[ "$stderr" == *"cm-report: read: 6
cm-report: written: 2
cm-report: rejected: 2
"* ]]
}

@test "upgrades rejects a customer without an id, and an earlier grading with one stops the run at its line" {
	grading_files
	printf ',A1,B\n' >> after.csv
	run --separate-stderr -0 cm-report upgrades --before before.csv \
	    --rejects rej.csv after.csv
	assert_equal "$(cat rej.csv)" "_line,_reason,customer_id,agent_id,class
6,\"column 'customer_id': empty, which customer is graded?\",,A1,B"
	printf ',A1,B\n' >> before.csv
	run --separate-stderr -1 cm-report upgrades --before before.csv \
	    after.csv
	assert_output ''
	assert_equal "$stderr" "cm-report: before.csv:$(wc -l < before.csv): column 'customer_id' is empty: which customer is graded?"
}

@test "upgrades with the grades and column of the rules" {
	cat > r.yaml <<'EOF'
version: 1
columns:
  class: 等级
upgrades:
  column: class
  grades: [高, 中, 低]
EOF
	printf 'customer_id,agent_id,等级\nK1,A1,低\n' > before.csv
	printf 'customer_id,agent_id,等级\nK1,A1,高\n' > after.csv
	run -0 cm-report upgrades -r r.yaml --before before.csv after.csv
	assert_output - <<'EOF'
agent_id,before,after,up,down,same,appeared,left,高_to_中,高_to_低,中_to_高,中_to_低,低_to_高,低_to_中
A1,1,1,1,0,0,0,0,0,0,0,0,1,0
EOF
}

@test "a grade the earlier grading cannot read stops the run, naming its line" {
	grading_files
	echo 'K9,A1,X' >> before.csv
	run --separate-stderr -1 cm-report upgrades --before before.csv after.csv
	assert_equal "$stderr" "cm-report: before.csv:6: column 'class': 'X' is not a grade of the rules"
}

@test "the shipped rules pass --check" {
	run -0 cm-report development --policies p.csv --check
	run -0 cm-report upgrades --before b.csv --check
}

# The files of the examples of cm-report(1).
samples() {
	mkdir -p samples
	cp "$ROOT/samples/orphans.csv" "$ROOT/samples/agents.csv" \
	    "$ROOT/samples/holdings.csv" "$ROOT/samples/policies.csv" \
	    "$ROOT/samples/customers.csv" samples/
}

@test "cm-report(1): April's development rates per group of the sample orphans" {
	samples
	run -0 bash -o pipefail -c 'cm-orphan-assign --agents samples/agents.csv \
	    --holdings samples/holdings.csv --today 2026-01-15 \
	    samples/orphans.csv > assigned.csv &&
	    cm-report development --month 2026-04 --by group \
	    --agents samples/agents.csv --policies samples/policies.csv \
	    assigned.csv'
	assert_output - <<'EOF'
month,group_id,assigned_3m,developed_3m,rate_3m,assigned_6m,developed_6m,rate_6m,assigned_12m,developed_12m,rate_12m
2026-04,,5,0,0.00,0,0,,0,0,
2026-04,G1,3,0,0.00,0,0,,0,0,
2026-04,G2,3,0,0.00,0,0,,0,0,
2026-04,G3,0,0,,0,0,,0,0,
EOF
}

@test "cm-report(1): the moves of the sample list once every customer is closed" {
	samples
	run -0 bash -o pipefail -c 'cm-classify samples/customers.csv > before.csv &&
	    sed "2,\$s/,no,/,yes,/" samples/customers.csv |
	    cm-classify > after.csv &&
	    cm-report upgrades --before before.csv after.csv'
	assert_output - <<'EOF'
agent_id,before,after,up,down,same,appeared,left,A_to_B,A_to_C,A_to_D,B_to_A,B_to_C,B_to_D,C_to_A,C_to_B,C_to_D,D_to_A,D_to_B,D_to_C
A001,16,16,1,0,15,0,0,0,0,0,0,0,0,0,0,0,0,0,1
A002,16,16,1,0,15,0,0,0,0,0,0,0,0,0,0,0,0,0,1
A003,16,16,1,0,15,0,0,0,0,0,0,0,0,0,0,0,0,0,1
EOF
}

@test "a column of FILE that the measure reads and FILE lacks is exit status 2 before any row" {
	printf 'customer_id,assigned_to\nK1,A1\n' > assigned.csv
	run --separate-stderr -2 cm-report development --policies p.csv \
	    assigned.csv
	assert_output ''
	assert_equal "$stderr" "cm-report: $ROOT/rules/report.yaml:8:1: column 'assigned_date' is not in the header of assigned.csv: 'customer_id', 'assigned_to'; add it to the input, or map it to a header with columns: in $ROOT/rules/report.yaml"
}
