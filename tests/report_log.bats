#!/usr/bin/env bats
# cm-report on the contact log: contacts (接触率, 面访率 and the allowance,
# seed 004), standards (the orphan visit standards, seed 004), ratio
# (10:3:1, seed 001), and calls (the telephone team, seed 003), worked by
# hand with the shipped rules.

load test_helper

# S1 has K1, K2, K3; S2 has K4 (K5 is assigned after April).  In April:
# S1 sent K1 two messages (contacted), met K2 (met); the visit to K3 was
# not made; K9 is nobody's; S2 messaged K4 and met K1, who is S1's; one
# visit is in May.  By hand: S1 1 of 3 contacted (33.33%, under 50%: 0.005
# x 10 = 0.05 a message, 2 messages 0.10) and 1 of 3 met (33.33%, 30-50%:
# 0.25 x 10 = 2.50 a customer met); S2 1 of 1 contacted (100%: 0.10 a
# message), none met.
contact_files() {
	cat > assigned.csv <<'EOF'
policy_id,customer_id,assigned_to,assigned_date
P1,K1,S1,2026-03-01
P2,K2,S1,2026-03-01
P3,K3,S1,2026-03-01
P4,K4,S2,2026-03-01
P5,K5,S2,2026-05-01
EOF
	cat > log.csv <<'EOF'
agent_id,customer_id,date,channel,done,result
S1,K1,2026-04-02,短信,yes,
S1,K1,2026-04-03,短信,yes,
S1,K2,2026-04-05,面访,yes,有意向
S1,K3,2026-04-06,面访,no,
S2,K4,2026-04-07,短信,yes,
S1,K9,2026-04-07,短信,yes,
S2,K1,2026-04-08,面访,yes,成交
S1,K1,2026-05-01,面访,yes,
EOF
}

@test "contacts: 接触率 and 面访率 of each agent's assigned customers, and the allowance by the tiers of each" {
	contact_files
	run -0 cm-report contacts --month 2026-04 --assigned assigned.csv log.csv
	assert_output - <<'EOF'
month,agent_id,assigned,contacted,contact_rate,met,face_rate,messages,message_allowance,face_allowance,allowance
2026-04,S1,3,1,33.33,1,33.33,2,0.10,2.50,2.60
2026-04,S2,1,1,100.00,0,0.00,1,0.10,0.00,0.10
EOF
}

@test "contacts: every log row is counted in --stats, and every assigned row" {
	contact_files
	run --separate-stderr -0 cm-report contacts --month 2026-04 \
	    --assigned assigned.csv --stats -o out.csv log.csv
	assert_equal "$stderr" "cm-report: read: 8
cm-report: written: 2
cm-report: rejected: 0
cm-report: contacts in the period: 6
cm-report: contacts not made: 1
cm-report: contacts outside the period: 1
cm-report: contacts of customers not assigned: 1
cm-report: contacts by another agent than the customer's: 1
cm-report: contacts before the assignment: 0
cm-report: assigned rows read: 5
cm-report: assigned rows to a queue or to no one: 0
cm-report: assigned rows after the period: 1
cm-report: assigned customers: 4"
}

@test "contacts: a rate on a tier's bound is in the tier above it (50% pays 0.08 a message)" {
	cat > assigned.csv <<'EOF'
customer_id,assigned_to,assigned_date
K1,S1,2026-03-01
K2,S1,2026-03-01
EOF
	cat > log.csv <<'EOF'
agent_id,customer_id,date,channel,done
S1,K1,2026-04-02,短信,yes
S1,K1,2026-04-09,短信,yes
S1,K1,2026-04-16,短信,yes
S1,K2,2026-04-16,电话,yes
EOF
	run -0 cm-report contacts --month 2026-04 --assigned assigned.csv log.csv
	assert_output - <<'EOF'
month,agent_id,assigned,contacted,contact_rate,met,face_rate,messages,message_allowance,face_allowance,allowance
2026-04,S1,2,1,50.00,0,0.00,3,0.24,0.00,0.24
EOF
}

@test "contacts: with the roster, an agent with no assigned customer has a row of zeros and empty rates; --by group sums the allowances" {
	contact_files
	cat > agents.csv <<'EOF'
agent_id,group_id
S1,G1
S2,G1
S3,G2
EOF
	run -0 cm-report contacts --month 2026-04 --assigned assigned.csv \
	    --agents agents.csv log.csv
	assert_output - <<'EOF'
month,agent_id,assigned,contacted,contact_rate,met,face_rate,messages,message_allowance,face_allowance,allowance
2026-04,S1,3,1,33.33,1,33.33,2,0.10,2.50,2.60
2026-04,S2,1,1,100.00,0,0.00,1,0.10,0.00,0.10
2026-04,S3,0,0,,0,,0,0.00,0.00,0.00
EOF
	run -0 cm-report contacts --month 2026-04 --assigned assigned.csv \
	    --agents agents.csv --by group log.csv
	assert_output - <<'EOF'
month,group_id,assigned,contacted,contact_rate,met,face_rate,messages,message_allowance,face_allowance,allowance
2026-04,G1,4,2,50.00,1,25.00,3,0.20,2.50,2.70
2026-04,G2,0,0,,0,,0,0.00,0.00,0.00
EOF
}

@test "contacts: a month with no log row gives every assigned agent a row of nothing done" {
	contact_files
	head -n 1 log.csv > empty.csv
	run -0 cm-report contacts --month 2026-04 --assigned assigned.csv \
	    empty.csv
	assert_output - <<'EOF'
month,agent_id,assigned,contacted,contact_rate,met,face_rate,messages,message_allowance,face_allowance,allowance
2026-04,S1,3,0,0.00,0,0.00,0,0.00,0.00,0.00
2026-04,S2,1,0,0.00,0,0.00,0,0.00,0.00,0.00
EOF
}

@test "contacts: cm-schedule's visit list, its done column filled in, is a contact log as it is (action, no result)" {
	cat > assigned.csv <<'EOF'
customer_id,assigned_to,assigned_date
C0009,A001,2026-11-01
C0001,A001,2026-11-01
C0002,A001,2026-11-01
EOF
	cat > visits.csv <<'EOF'
customer_id,agent_id,name,date,time,action,done
C0009,A001,郭洋,2026-12-07,09:00,登门拜访,yes
C0001,A001,何强,2026-12-07,10:30,登门拜访,no
C0002,A001,李娜,2026-12-08,09:00,电话、短信,yes
EOF
	run -0 cm-report contacts --month 2026-12 --assigned assigned.csv \
	    visits.csv
	assert_output - <<'EOF'
month,agent_id,assigned,contacted,contact_rate,met,face_rate,messages,message_allowance,face_allowance,allowance
2026-12,A001,3,0,0.00,1,33.33,0,0.00,2.50,2.50
EOF
}

@test "contacts: a channel the rules do not know, a bad date and an empty customer are rejected with their lines" {
	contact_files
	cat > log.csv <<'EOF'
agent_id,customer_id,date,channel,done
S1,K1,2026-04-02,微信,yes
S1,K1,2026-04-31,短信,yes
S1,,2026-04-03,短信,yes
S1,K1,2026-04-03,短信,yes
EOF
	run -0 cm-report contacts --month 2026-04 --assigned assigned.csv \
	    --max-rejects 3 --rejects rej.csv log.csv
	assert_output - <<'EOF'
month,agent_id,assigned,contacted,contact_rate,met,face_rate,messages,message_allowance,face_allowance,allowance
2026-04,S1,3,1,33.33,0,0.00,1,0.05,0.00,0.05
2026-04,S2,1,0,0.00,0,0.00,0,0.00,0.00,0.00
EOF
	assert_equal "$(cat rej.csv)" "_line,_reason,agent_id,customer_id,date,channel,done
2,\"column 'channel': '微信' is not a channel of the rules (log: channels: message, call or face)\",S1,K1,2026-04-02,微信,yes
3,column 'date': '2026-04-31' is not a date (2026-04-30),S1,K1,2026-04-31,短信,yes
4,\"column 'customer_id': empty, which customer was it?\",S1,,2026-04-03,短信,yes"
	run --separate-stderr -1 cm-report contacts --month 2026-04 \
	    --assigned assigned.csv log.csv
	assert_equal "$stderr" "cm-report: log.csv:2: column 'channel': '微信' is not a channel of the rules (log: channels: message, call or face)"
}

# Each agent's tiers: S1's 33.33% pays 0.05 a message, S2's 100% 0.10.
@test "contacts: --from and --to take a window, written in two columns; a sum's allowance is the sum of each agent's" {
	contact_files
	run -0 cm-report contacts --from 2026-04-03 --to 2026-04-07 \
	    --assigned assigned.csv --by none log.csv
	assert_output - <<'EOF'
from,to,assigned,contacted,contact_rate,met,face_rate,messages,message_allowance,face_allowance,allowance
2026-04-03,2026-04-07,4,2,50.00,1,25.00,2,0.15,2.50,2.65
EOF
}

@test "the period is --month, or --from with --to, checked before anything is read" {
	run --separate-stderr -2 cm-report contacts --from 2026-04-01 \
	    --assigned a.csv nothere.csv
	assert_equal "$stderr" "cm-report: --from and --to go together"
	run --separate-stderr -2 cm-report ratio --month 2026-04 \
	    --from 2026-04-01 --to 2026-04-30 nothere.csv
	assert_equal "$stderr" "cm-report: --month or --from and --to, not both"
	run --separate-stderr -2 cm-report ratio --from 2026-04-30 \
	    --to 2026-04-01 nothere.csv
	assert_equal "$stderr" "cm-report: --from 2026-04-30 is after --to 2026-04-01"
	run --separate-stderr -2 cm-report ratio --to 2026-02-30 nothere.csv
	assert_equal "$(head -n 1 <<< "$stderr")" "cm-report: --to: '2026-02-30' is not a date (2026-04-01)"
}

@test "each measure refuses the options it does not read and asks for the files it needs" {
	run --separate-stderr -2 cm-report contacts --month 2026-04 log.csv
	assert_equal "$stderr" "cm-report: contacts needs --assigned FILE"
	run --separate-stderr -2 cm-report standards --month 2026-04 \
	    --assigned a.csv log.csv
	assert_equal "$stderr" "cm-report: --month is not for standards"
	run --separate-stderr -2 cm-report ratio --assigned a.csv log.csv
	assert_equal "$stderr" "cm-report: --assigned is not for ratio"
	run --separate-stderr -2 cm-report calls --policies p.csv log.csv
	assert_equal "$stderr" "cm-report: --policies is not for calls"
}

# Assigned on 2026-09-01, the 60th day after is 2026-10-31.
standards_files() {
	cat > assigned.csv <<'EOF'
policy_id,customer_id,main_policy_id,orphan_state,sign_date,assigned_to,assigned_date
P1,K1,,正常件,2019-12-05,S1,2026-09-01
P1r,K1,P1,正常件,2019-12-05,S1,2026-09-01
P2,K2,,失效件,2020-01-10,S1,2026-09-01
P3,K3,,正常件,2021-03-01,S2,2026-10-10
EOF
}

@test "standards: a visit on the 60th day after the assignment counts for the three, one on the 61st does not" {
	standards_files
	cat > log.csv <<'EOF'
agent_id,customer_id,date,channel,done
S1,K1,2026-09-05,面访,yes
S1,K1,2026-10-01,面访,yes
S1,K1,2026-10-31,面访,yes
S1,K2,2026-09-05,面访,yes
S1,K2,2026-10-01,登门拜访,yes
S1,K2,2026-11-01,面访,yes
EOF
	run -0 cm-report standards --today 2026-11-15 --assigned assigned.csv \
	    log.csv
	assert_output - <<'EOF'
agent_id,customer_id,policy_id,standard,assigned_date,visits,required,short,due,overdue
S1,K1,P1,每个保单年度面访不少于四次,2026-09-01,3,4,1,2026-12-04,否
S1,K2,,60天内拜访三次以上,2026-09-01,2,3,1,2026-10-31,是
S2,K3,,60天内拜访三次以上,2026-10-10,0,3,3,2026-12-09,否
S2,K3,P3,每个保单年度面访不少于四次,2026-10-10,0,4,4,2027-02-28,否
EOF
}

@test "standards: four visits a policy year are counted for a 正常件 main policy from its anniversary, not for a rider or a 失效件" {
	standards_files
	cat > log.csv <<'EOF'
agent_id,customer_id,date,channel,done
S1,K1,2026-12-04,面访,yes
S1,K1,2026-12-05,面访,yes
S1,K1,2026-12-06,短信,yes
S1,K1,2026-12-07,面访,no
EOF
	run -0 cm-report standards --today 2026-12-08 --assigned assigned.csv \
	    log.csv
	assert_output - <<'EOF'
agent_id,customer_id,policy_id,standard,assigned_date,visits,required,short,due,overdue
S1,K1,,60天内拜访三次以上,2026-09-01,0,3,3,2026-10-31,是
S1,K1,P1,每个保单年度面访不少于四次,2026-09-01,1,4,3,2027-12-04,否
S1,K2,,60天内拜访三次以上,2026-09-01,0,3,3,2026-10-31,是
S2,K3,,60天内拜访三次以上,2026-10-10,0,3,3,2026-12-09,否
S2,K3,P3,每个保单年度面访不少于四次,2026-10-10,0,4,4,2027-02-28,否
EOF
}

@test "standards: the standards' names are the rules' words" {
	standards_files
	head -n 1 assigned.csv > one.csv
	sed -n 5p assigned.csv >> one.csv
	sed '/^words:/,$d' "$ROOT/rules/report.yaml" > r.yaml
	cat >> r.yaml <<'EOF'
words:
  three_in_60_days: 60天内拜访三次
EOF
	printf 'agent_id,customer_id,date,channel,done\n' > log.csv
	run -0 cm-report standards -r r.yaml --today 2026-11-15 \
	    --assigned one.csv log.csv
	assert_output - <<'EOF'
agent_id,customer_id,policy_id,standard,assigned_date,visits,required,short,due,overdue
S2,K3,,60天内拜访三次,2026-10-10,0,3,3,2026-12-09,no
S2,K3,P3,four_a_policy_year,2026-10-10,0,4,4,2027-02-28,no
EOF
}

@test "ratio: of the customers each agent visited, those interested and those who bought, per 10 beside 10:3:1" {
	cat > log.csv <<'EOF'
agent_id,customer_id,date,channel,done,result
A1,K1,2026-04-01,面访,yes,有意向
A1,K1,2026-04-08,面访,yes,成交
A1,K2,2026-04-02,面访,yes,拒绝
A1,K3,2026-04-02,登门拜访,yes,
A1,K4,2026-04-03,电话,yes,有意向
A1,K5,2026-04-03,面访,yes,感兴趣
A2,K6,2026-04-04,面访,no,成交
A2,K7,2026-04-04,面访,yes,
EOF
	run -0 cm-report ratio --month 2026-04 log.csv
	assert_output - <<'EOF'
month,agent_id,visited,interested,interest_rate,bought,buy_rate,per_10,rule
2026-04,A1,4,2,50.00,1,25.00,10:5.0:2.5,10:3:1
2026-04,A2,1,0,0.00,0,0.00,10:0.0:0.0,10:3:1
EOF
}

@test "calls: each caller's day against the basic 20 successes, and the team's with 20 a caller" {
	cat > results.csv <<'EOF'
caller_id,date,time,record_id,result
T01,2026-12-07,10:00,R1,成功
T01,2026-12-07,10:13,R2,拒绝
T01,2026-12-07,10:26,R3,
T02,2026-12-07,10:00,R4,同意拜访
T02,2026-12-07,10:13,R5,成功
T01,2026-12-08,10:00,R6,未接通
T01,2026-11-30,10:00,R7,成功
EOF
	run -0 cm-report calls --month 2026-12 results.csv
	assert_output - <<'EOF'
month,caller_id,date,callers,records,called,successes,success_rate,basic,short
2026-12,T01,2026-12-07,1,3,2,1,50.00,20,19
2026-12,T01,2026-12-08,1,1,1,0,0.00,20,20
2026-12,T02,2026-12-07,1,2,2,2,100.00,20,18
EOF
	run -0 cm-report calls --month 2026-12 --by none results.csv
	assert_output - <<'EOF'
month,date,callers,records,called,successes,success_rate,basic,short
2026-12,2026-12-07,2,5,4,3,75.00,40,37
2026-12,2026-12-08,1,1,1,0,0.00,20,20
EOF
}

samples() {
	mkdir -p samples
	cp "$ROOT/samples/orphans.csv" "$ROOT/samples/agents.csv" \
	    "$ROOT/samples/holdings.csv" "$ROOT/samples/contacts.csv" \
	    "$ROOT/samples/results.csv" samples/
}

assign_samples() {
	cm-orphan-assign --agents samples/agents.csv \
	    --holdings samples/holdings.csv --today 2026-01-15 \
	    samples/orphans.csv > assigned.csv
}

@test "cm-report(1): February's contact and face-visit rates and the allowance of the sample contact log" {
	samples
	assign_samples
	run -0 cm-report contacts --month 2026-02 --assigned assigned.csv \
	    samples/contacts.csv
	assert_output - <<'EOF'
month,agent_id,assigned,contacted,contact_rate,met,face_rate,messages,message_allowance,face_allowance,allowance
2026-02,A002,1,0,0.00,1,100.00,0,0.00,6.00,6.00
2026-02,A005,1,1,100.00,1,100.00,1,0.10,6.00,6.10
2026-02,A007,2,2,100.00,1,50.00,2,0.20,6.00,6.20
2026-02,F01,1,1,100.00,1,100.00,2,0.20,6.00,6.20
2026-02,F02,1,0,0.00,0,0.00,0,0.00,0.00,0.00
2026-02,F03,3,2,66.67,2,66.67,2,0.16,12.00,12.16
2026-02,S01,2,1,50.00,1,50.00,1,0.08,6.00,6.08
EOF
}

@test "cm-report(1): the standards F03's sample customers fall short of" {
	samples
	assign_samples
	run -0 bash -o pipefail -c 'cm-report standards --today 2026-03-20 \
	    --assigned assigned.csv samples/contacts.csv |
	    grep -e ,standard, -e ^F03,'
	assert_output - <<'EOF'
agent_id,customer_id,policy_id,standard,assigned_date,visits,required,short,due,overdue
F03,K09,,60天内拜访三次以上,2026-01-15,1,3,2,2026-03-16,是
F03,K09,O11,每个保单年度面访不少于四次,2026-01-15,1,4,3,2026-08-17,否
F03,K10,,60天内拜访三次以上,2026-01-15,1,3,2,2026-03-16,是
F03,K11,,60天内拜访三次以上,2026-01-15,0,3,3,2026-03-16,是
F03,K11,O13,每个保单年度面访不少于四次,2026-01-15,0,4,4,2026-05-05,否
EOF
}

@test "cm-report(1): 10:3:1 of the sample contact log from the assignment to the end of March" {
	samples
	run -0 cm-report ratio --from 2026-01-15 --to 2026-03-31 \
	    samples/contacts.csv
	assert_output - <<'EOF'
from,to,agent_id,visited,interested,interest_rate,bought,buy_rate,per_10,rule
2026-01-15,2026-03-31,A002,1,1,100.00,0,0.00,10:10.0:0.0,10:3:1
2026-01-15,2026-03-31,A005,1,0,0.00,0,0.00,10:0.0:0.0,10:3:1
2026-01-15,2026-03-31,A007,1,1,100.00,0,0.00,10:10.0:0.0,10:3:1
2026-01-15,2026-03-31,F01,1,1,100.00,1,100.00,10:10.0:10.0,10:3:1
2026-01-15,2026-03-31,F03,2,1,50.00,0,0.00,10:5.0:0.0,10:3:1
2026-01-15,2026-03-31,S01,1,0,0.00,0,0.00,10:0.0:0.0,10:3:1
EOF
}

@test "cm-report(1): the telephone team's day of the sample results" {
	samples
	run -0 cm-report calls --month 2026-12 --by none samples/results.csv
	assert_output - <<'EOF'
month,date,callers,records,called,successes,success_rate,basic,short
2026-12,2026-12-07,4,12,11,5,45.45,80,75
EOF
}
