#!/usr/bin/env bats
# cm-orphan-assign: the routes (holdings, recruiter, supervisor, group,
# service, queue) and how each passes a unit on, the eligibility
# conditions and the cap, units kept together (main and riders, and a
# policyholder's policies), the order in which units claim room, the
# policy states, --loads, --stats, bad rows, roster and holdings errors,
# rule errors, the shipped rules on the sample files, and the commands of
# the EXAMPLES of cm-orphan-assign(1).
#
# today is 2026-11-23 (test_helper), so "within 12 months" means a sign
# date on or after 2025-11-23.

load test_helper

# An empty holdings file: every policy is pure, or a combination.
no_holdings() {
	printf 'customer_id,agent_id,main_policy_id,sign_date\n' > holdings.csv
}

# The sample files and the shipped rules, where the examples expect them.
samples() {
	mkdir -p samples rules
	cp "$ROOT"/samples/orphans.csv "$ROOT"/samples/agents.csv \
	    "$ROOT"/samples/holdings.csv samples/
	cp "$ROOT"/rules/orphan.yaml rules/
}

# --- holdings: the policyholder's own agent (non-pure) ------------------------

@test "holdings gives a non-pure policy to the active agent who signed a main policy with the policyholder" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,东区,0,0,0,0
B1,active,sales,,,,,东区,1,0,0,0
B2,active,sales,,,,,东区,1,0,0,0
B3,active,sales,,,,,东区,1,0,0,0
L2,left,sales,,,,,东区,0,0,0,0
EOF
	# K1: B2 signed last within the year; B1's rider and L2, who left,
	# signed later but do not count.
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K1,B3,,2025-12-01
K1,B2,,2026-03-10
K1,B1,H9,2026-10-01
K1,L2,,2026-11-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 签单人
    via: holdings
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,非纯孤儿单,正常件,B2,签单人,签单人: B2 signed a main policy with the policyholder
EOF
}

@test "holdings takes the most recent signer at any time when none signed within 12 months" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,东区,0,0,0,0
B1,active,sales,,,,,东区,1,0,0,0
B2,active,sales,,,,,东区,1,0,0,0
EOF
	# K1 within the year (2025-11-23 is the first day of it), K2 not.
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K1,B1,,2025-11-23
K1,B2,,2024-11-24
K2,B1,,2021-05-01
K2,B2,,2023-05-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 签单人
    via: holdings
    within: 12
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,非纯孤儿单,正常件,B1,签单人,签单人: B1 signed a main policy with the policyholder
P2,K2,L1,,东区,非纯孤儿单,正常件,B2,签单人,签单人: B2 signed a main policy with the policyholder
EOF
}

@test "holdings breaks a tie of sign dates to the lower agent id" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,东区,0,0,0,0
B2,active,sales,,,,,东区,1,0,0,0
B10,active,sales,,,,,东区,1,0,0,0
B1,active,sales,,,,,东区,1,0,0,0
EOF
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K1,B2,,2026/3/1
K1,B10,,2026-03-01
K2,B2,,20250101
K2,B1,,2025-01-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 签单人
    via: holdings
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,非纯孤儿单,正常件,B10,签单人,签单人: B10 signed a main policy with the policyholder
P2,K2,L1,,东区,非纯孤儿单,正常件,B1,签单人,签单人: B1 signed a main policy with the policyholder
EOF
}

@test "holdings tries the signer before when the latest is not eligible, and passes on a holder with riders only" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,东区,0,0,0,0
B1,active,sales,,,,,东区,0,0,0,0
B2,active,sales,,,,,东区,1,0,0,0
F1,active,service,,,,,东区,0,0,0,0
EOF
	# K1's latest signer B1 recruited no one, so the one before, B2, is
	# tried.  K2's only active agent sold a rider.
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K1,B1,,2026-06-01
K1,B2,,2026-01-01
K2,B2,H1,2026-06-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
eligible:
  recruited: {recruits_3m: {ge: 1}}
routes:
  - name: 签单人
    type: non-pure
    via: holdings
    need: [recruited]
  - name: 收展
    via: service
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,非纯孤儿单,正常件,B2,签单人,签单人: B1 is not eligible (recruited); 签单人: B2 signed a main policy with the policyholder
P2,K2,L1,,东区,非纯孤儿单,正常件,F1,收展,"签单人: no active agent signed a main policy with the policyholder; 收展: F1, the least loaded service agent of the area"
EOF
}

@test "a policyholder whose only holdings are with agents who left, or outside the roster, is pure" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
L2,left,sales,,,,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K1,L1,,2026-01-01
K1,L2,,2026-02-01
K1,X9,,2026-03-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 签单人
    type: non-pure
    via: holdings
  - name: 增员人
    type: pure
    via: recruiter
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
EOF
}

# --- recruiter and supervisor (pure) ----------------------------------------------

@test "the recruiter route passes a policy to the supervisor when the recruiter left, recruited no one, has a complaint, is missing or is not in the roster" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,S1,R1,,东区,0,0,0,0
L2,left,sales,,S1,R2,,东区,0,0,0,0
L3,left,sales,,S1,R3,,东区,0,0,0,0
L4,left,sales,,S1,,,东区,0,0,0,0
L5,left,sales,,S1,R9,,东区,0,0,0,0
L6,left,sales,,S1,R4,,东区,0,0,0,0
R1,left,sales,,,,,东区,1,0,0,0
R2,active,sales,,,,,东区,0,0,0,0
R3,active,sales,,,,,东区,1,1,0,0
R4,active,sales,,,,,东区,1,0,0,0
S1,active,supervisor,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L2,,东区
P3,K3,L3,,东区
P4,K4,L4,,东区
P5,K5,L5,,东区
P6,K6,L6,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
eligible:
  active: {status: active}
  recruited: {recruits_3m: {ge: 1}}
  no_complaint: {complaints_3m: {le: 0}}
routes:
  - name: 增员人
    via: recruiter
    need: [active, recruited, no_complaint]
  - name: 主管
    via: supervisor
    need: [active, recruited, no_complaint]
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,S1,主管,增员人: R1 is not active; 主管: S1 is the supervisor of L1
P2,K2,L2,,东区,纯孤儿单,正常件,S1,主管,增员人: R2 is not eligible (recruited); 主管: S1 is the supervisor of L2
P3,K3,L3,,东区,纯孤儿单,正常件,S1,主管,增员人: R3 is not eligible (no_complaint); 主管: S1 is the supervisor of L3
P4,K4,L4,,东区,纯孤儿单,正常件,S1,主管,增员人: L4 has no recruiter; 主管: S1 is the supervisor of L4
P5,K5,L5,,东区,纯孤儿单,正常件,S1,主管,增员人: recruiter R9 is not in the roster; 主管: S1 is the supervisor of L5
P6,K6,L6,,东区,纯孤儿单,正常件,R4,增员人,增员人: R4 is the recruiter of L6
EOF
}

@test "the supervisor route passes a policy on when the supervisor cannot take it" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,S1,,,东区,0,0,0,0
L2,left,sales,,S2,,,东区,0,0,0,0
L3,left,sales,,,,,东区,0,0,0,0
S1,left,supervisor,,,,,东区,1,0,0,0
S2,active,supervisor,,,,,东区,1,3,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L2,,东区
P3,K3,L3,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
eligible:
  no_complaint: {complaints_3m: {le: 0}}
routes:
  - name: 主管
    via: supervisor
    need: [no_complaint]
  - name: 待分配
    via: queue
    queue: 待分配
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,queue:待分配,待分配,主管: S1 is not active; 待分配: to the queue 待分配
P2,K2,L2,,东区,纯孤儿单,正常件,queue:待分配,待分配,主管: S2 is not eligible (no_complaint); 待分配: to the queue 待分配
P3,K3,L3,,东区,纯孤儿单,正常件,queue:待分配,待分配,主管: L3 has no supervisor; 待分配: to the queue 待分配
EOF
}

@test "a departed supervisor's policies go to the one who developed them, on the recruiter and the supervisor routes" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
S1,left,supervisor,,M1,R1,D1,东区,0,0,0,0
S2,left,supervisor,,M1,R1,,东区,0,0,0,0
S3,left,supervisor,,M1,R1,D2,东区,0,0,0,0
D1,active,supervisor,,,,,东区,1,0,0,0
D2,active,supervisor,,,,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
M1,active,supervisor,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,S1,,东区
P2,K2,S2,,东区
P3,K3,S3,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
eligible:
  recruited: {recruits_3m: {ge: 1}}
routes:
  - name: 增员人
    via: recruiter
    need: [recruited]
  - name: 主管
    via: supervisor
    need: [recruited]
  - name: 待分配
    via: queue
    queue: 待分配
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,S1,,东区,纯孤儿单,正常件,D1,增员人,增员人: D1 is the developer of S1
P2,K2,S2,,东区,纯孤儿单,正常件,queue:待分配,待分配,增员人: S2 has no developer; 主管: S2 has no developer; 待分配: to the queue 待分配
P3,K3,S3,,东区,纯孤儿单,正常件,queue:待分配,待分配,增员人: D2 is not eligible (recruited); 主管: D2 is not eligible (recruited); 待分配: to the queue 待分配
EOF
}

@test "type: pure routes take combinations too but not non-pure policies; type: non-pure only non-pure ones" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
B1,active,sales,,,,,东区,1,0,0,0
EOF
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K3,B1,,2026-01-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L1,,东区
P3,K2,L1,P2,东区
P4,K3,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    type: pure
    via: recruiter
  - name: 非纯
    type: non-pure
    via: queue
    queue: 非纯
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P2,K2,L1,,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P3,K2,L1,P2,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P4,K3,L1,,东区,非纯孤儿单,正常件,queue:非纯,非纯,非纯: to the queue 非纯
EOF
}

# --- group: blocks by last month's output -----------------------------------------

@test "group gives customers in blocks of 3 by last month's output: 1-3 to the first, 4-6 to the second, 7-9 to the third, then round again" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,90000
A1,active,sales,G,,,,东区,1,0,0,100
A2,active,sales,G,,,,东区,1,0,0,300.5
A3,active,sales,G,,,,东区,1,0,0,200
A4,left,sales,G,,,,东区,1,0,0,250
B1,active,sales,H,,,,东区,1,0,0,99999
EOF
	no_holdings
	{
		echo policy_id,customer_id,agent_id,main_policy_id,region
		for i in 1 2 3 4 5 6 7 8 9 10; do echo "P$i,K$i,L1,,东区"; done
	} > in.csv
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 本组
    via: group
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output)
P2,K2,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output)
P3,K3,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output)
P4,K4,L1,,东区,纯孤儿单,正常件,A3,本组,本组: A3's turn in group G (by last month's output)
P5,K5,L1,,东区,纯孤儿单,正常件,A3,本组,本组: A3's turn in group G (by last month's output)
P6,K6,L1,,东区,纯孤儿单,正常件,A3,本组,本组: A3's turn in group G (by last month's output)
P7,K7,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P8,K8,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P9,K9,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P10,K10,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output)
EOF
}

@test "group counts a policyholder's policies as one customer of the block" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,0
A1,active,sales,G,,,,东区,1,0,0,300
A2,active,sales,G,,,,东区,1,0,0,200
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L1,,东区
P3,K2,L1,,东区
P4,K2,L1,P3,东区
P5,K3,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
block: 2
state: {rules: [], default: 正常件}
routes:
  - name: 本组
    via: group
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P2,K2,L1,,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P3,K2,L1,,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P4,K2,L1,P3,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P5,K3,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output)
EOF
}

@test "group ranks agents of equal output by the lower id" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,0
A2,active,sales,G,,,,东区,1,0,0,500
A10,active,sales,G,,,,东区,1,0,0,500
A1,active,sales,G,,,,东区,1,0,0,
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L1,,东区
P3,K3,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
block: 1
state: {rules: [], default: 正常件}
routes:
  - name: 本组
    via: group
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,A10,本组,本组: A10's turn in group G (by last month's output)
P2,K2,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output)
P3,K3,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
EOF
}

@test "group: an agent who cannot take a customer passes the turn, and the next agent's block starts" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,0
A1,active,sales,G,,,,东区,1,0,0,300
A2,active,sales,G,,,,东区,0,0,0,200
A3,active,sales,G,,,,东区,1,0,0,100
EOF
	no_holdings
	{
		echo policy_id,customer_id,agent_id,main_policy_id,region
		for i in 1 2 3 4 5 6 7; do echo "P$i,K$i,L1,,东区"; done
	} > in.csv
	cat > r.yaml <<'EOF'
version: 1
block: 2
state: {rules: [], default: 正常件}
eligible:
  recruited: {recruits_3m: {ge: 1}}
routes:
  - name: 本组
    via: group
    need: [recruited]
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P2,K2,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P3,K3,L1,,东区,纯孤儿单,正常件,A3,本组,本组: A2 is not eligible (recruited); 本组: A3's turn in group G (by last month's output)
P4,K4,L1,,东区,纯孤儿单,正常件,A3,本组,本组: A3's turn in group G (by last month's output)
P5,K5,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P6,K6,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P7,K7,L1,,东区,纯孤儿单,正常件,A3,本组,本组: A2 is not eligible (recruited); 本组: A3's turn in group G (by last month's output)
EOF
}

@test "group passes a policy on when the departed agent has no group or no one in it can take it" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,东区,0,0,0,0
L2,left,sales,G,,,,东区,0,0,0,0
A1,active,sales,G,,,,东区,1,0,200,300
A2,left,sales,G,,,,东区,1,0,0,200
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L2,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 本组
    via: group
  - name: 待分配
    via: queue
    queue: 待分配
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,queue:待分配,待分配,本组: L1 has no group; 待分配: to the queue 待分配
P2,K2,L2,,东区,纯孤儿单,正常件,queue:待分配,待分配,"本组: A1 would hold 201, over the cap of 200; 本组: no agent of group G can take it; 待分配: to the queue 待分配"
EOF
}

@test "a long reason keeps every agent that passed the unit on, and ends with how it was placed" {
	# 16 agents at the cap pass a customer on before 营销员000099 takes it.
	{
		echo agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
		echo L1,left,sales,G,,,,东区,0,0,0,0
		for i in $(seq 10 25); do echo "营销员0000$i,active,sales,G,,,,东区,1,0,200,$((100 - i))"; done
		echo 营销员000099,active,sales,G,,,,东区,1,0,0,1
	} > agents.csv
	no_holdings
	printf 'policy_id,customer_id,agent_id,main_policy_id,region\nP1,K1,L1,,东区\n' > in.csv
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 本组分配
    via: group
EOF
	reason=
	for i in $(seq 10 25); do
		reason="$reason本组分配: 营销员0000$i would hold 201, over the cap of 200; "
	done
	reason="${reason}本组分配: 营销员000099's turn in group G (by last month's output)"
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output "policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,营销员000099,本组分配,\"$reason\""
}

# --- service: the service team of the policy's area -------------------------------

@test "service gives each policy to the least loaded active service agent of its region, ties to the lower id" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,东区,0,0,0,0
F3,active,service,,,,,东区,0,0,5,0
F1,active,service,,,,,东区,0,0,6,0
F2,active,service,,,,,东区,0,0,5,0
F4,left,service,,,,,东区,0,0,0,0
F5,active,service,,,,,西区,0,0,0,0
A1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L1,,东区
P3,K3,L1,,东区
P4,K4,L1,,东区
P5,K5,L1,,西区
P6,K6,L1,,南区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 收展
    via: service
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --loads loads.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,F2,收展,"收展: F2, the least loaded service agent of the area"
P2,K2,L1,,东区,纯孤儿单,正常件,F3,收展,"收展: F3, the least loaded service agent of the area"
P3,K3,L1,,东区,纯孤儿单,正常件,F1,收展,"收展: F1, the least loaded service agent of the area"
P4,K4,L1,,东区,纯孤儿单,正常件,F2,收展,"收展: F2, the least loaded service agent of the area"
P5,K5,L1,,西区,纯孤儿单,正常件,F5,收展,"收展: F5, the least loaded service agent of the area"
P6,K6,L1,,南区,纯孤儿单,正常件,,,收展: no service agent for the area '南区'; no route could place it
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
agent_id,held_before,assigned,held_after,cap
F3,5,1,6,200
F1,6,1,7,200
F2,5,2,7,200
F5,0,1,1,200
EOF
}

@test "service passes a policy on when no service agent of the region can take it" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,东区,0,0,0,0
F1,active,service,,,,,东区,0,0,200,0
F2,left,service,,,,,东区,0,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 收展
    via: service
  - name: 待分配
    via: queue
    queue: 待分配
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,queue:待分配,待分配,收展: no service agent of '东区' can take it; 待分配: to the queue 待分配
EOF
}

@test "service gives a policy without a region to no one, not to a service agent without a region" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,东区,0,0,0,0
F1,active,service,,,,,,0,0,0,0
F2,active,service,,,,,东区,0,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 收展
    via: service
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,,纯孤儿单,正常件,,,收展: the policy has no area; no route could place it
EOF
}

# --- queues -----------------------------------------------------------------------

@test "the shipped rules send problem policies to their queue, unreachable ones back to the branch, and what no one takes to 待分配" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,status,orphan_state
P1,K1,L1,,东区,有效,问题件
P2,K2,L1,,东区,有效,困难件
P3,K3,L1,,东区,有效,
P4,K4,L1,,西区,失效,
EOF
	sed 's/^L1,left,sales,,,R1,/L1,left,sales,,,,/' agents.csv > norecruiter.csv
	run -0 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,status,orphan_state,orphan_type,assigned_to,route,reason
P1,K1,L1,,东区,有效,问题件,纯孤儿单,queue:问题件,问题件,问题件: to the queue 问题件
P2,K2,L1,,东区,有效,困难件,纯孤儿单,queue:分公司,困难件,困难件: to the queue 分公司
P3,K3,L1,,东区,有效,正常件,纯孤儿单,R1,直接增员者,直接增员者: R1 is the recruiter of L1
P4,K4,L1,,西区,失效,失效件,纯孤儿单,R1,直接增员者,直接增员者: R1 is the recruiter of L1
EOF
	run -0 cm-orphan-assign --agents norecruiter.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,status,orphan_state,orphan_type,assigned_to,route,reason
P1,K1,L1,,东区,有效,问题件,纯孤儿单,queue:问题件,问题件,问题件: to the queue 问题件
P2,K2,L1,,东区,有效,困难件,纯孤儿单,queue:分公司,困难件,困难件: to the queue 分公司
P3,K3,L1,,东区,有效,正常件,纯孤儿单,queue:待分配,待分配,直接增员者: L1 has no recruiter; 直辖组主管: L1 has no supervisor; 本组分配: L1 has no group; 收展: no service agent for the area '东区'; 待分配: to the queue 待分配
P4,K4,L1,,西区,失效,失效件,纯孤儿单,queue:待分配,待分配,直接增员者: L1 has no recruiter; 直辖组主管: L1 has no supervisor; 本组分配: L1 has no group; 收展: no service agent for the area '西区'; 待分配: to the queue 待分配
EOF
}

@test "a unit that no route places keeps an empty assigned_to and route, and --stats counts it unassigned" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,left,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K1,L1,P1,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
EOF
	run --separate-stderr -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --stats in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,组合性孤儿保单,正常件,,,增员人: R1 is not active; no route could place it
P2,K1,L1,P1,东区,组合性孤儿保单,正常件,,,增员人: R1 is not active; no route could place it
EOF
	assert_equal "$stderr" "cm-orphan-assign: read: 2
cm-orphan-assign: written: 2
cm-orphan-assign: rejected: 0
cm-orphan-assign: route 增员人: units: 0
cm-orphan-assign: route 增员人: policies: 0
cm-orphan-assign: unassigned policies: 2"
}

# --- the cap, units kept together, and the order of claims ------------------------

@test "an agent holding 199 takes one more policy, reaching the cap of 200, and no more" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,199,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
  - name: 待分配
    via: queue
    queue: 待分配
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --loads loads.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P2,K2,L1,,东区,纯孤儿单,正常件,queue:待分配,待分配,"增员人: R1 would hold 201, over the cap of 200; 待分配: to the queue 待分配"
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
agent_id,held_before,assigned,held_after,cap
R1,199,1,200,200
EOF
}

@test "a main policy and its rider go whole to the next route when they do not fit, though one of them would" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,S1,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,199,0
S1,active,supervisor,,,,,东区,1,0,198,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K1,L1,P1,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
  - name: 主管
    via: supervisor
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --loads loads.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,组合性孤儿保单,正常件,S1,主管,"增员人: R1 would hold 201, over the cap of 200; 主管: S1 is the supervisor of L1"
P2,K1,L1,P1,东区,组合性孤儿保单,正常件,S1,主管,"增员人: R1 would hold 201, over the cap of 200; 主管: S1 is the supervisor of L1"
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
agent_id,held_before,assigned,held_after,cap
R1,199,0,199,200
S1,198,2,200,200
EOF
}

@test "a combination that fits no one is never split: it stays unassigned whole" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,1,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K1,L1,P1,东区
P3,K1,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
cap: 3
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,组合性孤儿保单,正常件,,,"增员人: R1 would hold 4, over the cap of 3; no route could place it"
P2,K1,L1,P1,东区,组合性孤儿保单,正常件,,,"增员人: R1 would hold 4, over the cap of 3; no route could place it"
P3,K1,L1,,东区,组合性孤儿保单,正常件,,,"增员人: R1 would hold 4, over the cap of 3; no route could place it"
EOF
}

@test "non-pure before pure: a pure policy first in the input loses the last place to a later non-pure one" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,东区,0,0,0,0
B1,active,sales,,,,,东区,0,0,0,0
F1,active,service,,,,,东区,0,0,199,0
EOF
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K2,B1,,2026-01-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 收展
    via: service
  - name: 待分配
    via: queue
    queue: 待分配
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,queue:待分配,待分配,收展: no service agent of '东区' can take it; 待分配: to the queue 待分配
P2,K2,L1,,东区,非纯孤儿单,正常件,F1,收展,"收展: F1, the least loaded service agent of the area"
EOF
}

@test "units claim room non-pure first, then combinations, then pure, each in input order; rows stay in input order" {
	# R1 has room for 5: K4 and K6 (non-pure) take 2, K2 (a combination)
	# 2; K5 (a combination of 2) does not fit, K1 (pure, 1) does, K3 not.
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
B1,active,sales,,,,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,195,0
EOF
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K4,B1,,2026-01-01
K6,B1,,2026-01-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L1,,东区
P3,K2,L1,P2,东区
P4,K3,L1,,东区
P5,K4,L1,,东区
P6,K5,L1,,东区
P7,K5,L1,P6,东区
P8,K6,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P2,K2,L1,,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P3,K2,L1,P2,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P4,K3,L1,,东区,纯孤儿单,正常件,,,"增员人: R1 would hold 201, over the cap of 200; no route could place it"
P5,K4,L1,,东区,非纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P6,K5,L1,,东区,组合性孤儿保单,正常件,,,"增员人: R1 would hold 201, over the cap of 200; no route could place it"
P7,K5,L1,P6,东区,组合性孤儿保单,正常件,,,"增员人: R1 would hold 201, over the cap of 200; no route could place it"
P8,K6,L1,,东区,非纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
EOF
}

@test "keep_customer puts all of a policyholder's orphan policies in one unit, wherever they are in the input" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,0
A1,active,sales,G,,,,东区,1,0,0,300
A2,active,sales,G,,,,东区,1,0,0,200
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L1,,东区
P3,K1,L1,,东区
P4,K1,L1,P3,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
block: 1
keep_customer: true
state: {rules: [], default: 正常件}
routes:
  - name: 本组
    via: group
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P2,K2,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output)
P3,K1,L1,,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P4,K1,L1,P3,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
EOF
}

@test "keep_customer: false keeps only a main policy with its riders together" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,0
A1,active,sales,G,,,,东区,1,0,0,300
A2,active,sales,G,,,,东区,1,0,0,200
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K1,L1,,东区
P3,K1,L1,P1,东区
P4,K2,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
block: 1
keep_customer: false
state: {rules: [], default: 正常件}
routes:
  - name: 本组
    via: group
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P2,K1,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output)
P3,K1,L1,P1,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P4,K2,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
EOF
}

@test "a rider whose policyholder differs from its main policy's still goes with its main policy" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,0
A1,active,sales,G,,,,东区,1,0,0,300
A2,active,sales,G,,,,东区,1,0,0,200
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K2,L1,P1,东区
P3,K3,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
block: 1
state: {rules: [], default: 正常件}
routes:
  - name: 本组
    via: group
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P2,K2,L1,P1,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output)
P3,K3,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output)
EOF
}

# --- states and a route's when --------------------------------------------------

@test "state rules give each policy its state, first match wins, in place of the input's column" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,orphan_state,customer_id,agent_id,main_policy_id,region,phone,complaint
P1,,K1,L1,,东区,13166131860,
P2,,K2,L1,,东区,,
P3,,K3,L1,,东区,,挪用保费
P4,旧,K4,L1,,东区,13166131861,
EOF
	cat > r.yaml <<'EOF'
version: 1
state:
  rules:
    - {name: 问题件, when: {complaint: {empty: false}}}
    - {name: 困难件, when: {phone: {empty: true}}}
  default: 正常件
routes:
  - name: 增员人
    via: recruiter
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,orphan_state,customer_id,agent_id,main_policy_id,region,phone,complaint,orphan_type,assigned_to,route,reason
P1,正常件,K1,L1,,东区,13166131860,,纯孤儿单,R1,增员人,增员人: R1 is the recruiter of L1
P2,困难件,K2,L1,,东区,,,纯孤儿单,R1,增员人,增员人: R1 is the recruiter of L1
P3,问题件,K3,L1,,东区,,挪用保费,纯孤儿单,R1,增员人,增员人: R1 is the recruiter of L1
P4,正常件,K4,L1,,东区,13166131861,,纯孤儿单,R1,增员人,增员人: R1 is the recruiter of L1
EOF
}

@test "a rule file without state: writes an empty orphan_state" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
routes:
  - name: 增员人
    via: recruiter
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,,R1,增员人,增员人: R1 is the recruiter of L1
EOF
}

@test "a route's when holds for a unit when it holds for any of its policies: a problem rider takes its main policy to the queue" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_state
P1,K1,L1,,东区,正常件
P2,K1,L1,P1,东区,问题件
P3,K2,L1,,东区,正常件
EOF
	cat > r.yaml <<'EOF'
version: 1
state:
  rules:
    - {name: 问题件, when: {orphan_state: 问题件}}
  default: 正常件
routes:
  - name: 问题件
    when: {orphan_state: 问题件}
    via: queue
    queue: 问题件
  - name: 增员人
    via: recruiter
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_state,orphan_type,assigned_to,route,reason
P1,K1,L1,,东区,正常件,组合性孤儿保单,queue:问题件,问题件,问题件: to the queue 问题件
P2,K1,L1,P1,东区,问题件,组合性孤儿保单,queue:问题件,问题件,问题件: to the queue 问题件
P3,K2,L1,,东区,正常件,纯孤儿单,R1,增员人,增员人: R1 is the recruiter of L1
EOF
}

@test "a route's when reads orphan_type: high-end pure customers to a queue of their own" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
B1,active,sales,,,,,东区,1,0,0,0
EOF
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K2,B1,,2026-01-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,annual_premium
P1,K1,L1,,东区,26000
P2,K2,L1,,东区,48000
P3,K3,L1,,东区,3600
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 高端
    when: {orphan_type: 纯孤儿单, annual_premium: {ge: 20000}}
    via: queue
    queue: 高端客户
  - name: 签单人
    type: non-pure
    via: holdings
  - name: 增员人
    via: recruiter
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,annual_premium,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,26000,纯孤儿单,正常件,queue:高端客户,高端,高端: to the queue 高端客户
P2,K2,L1,,东区,48000,非纯孤儿单,正常件,B1,签单人,签单人: B1 signed a main policy with the policyholder
P3,K3,L1,,东区,3600,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
EOF
}

@test "a cell that a route's when cannot read is a data error for its row" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,annual_premium
P1,K1,L1,,东区,26000
P2,K2,L1,,东区,三万
P3,K3,L1,,东区,
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 高端
    when: {annual_premium: {ge: 20000}}
    via: queue
    queue: 高端客户
  - name: 增员人
    via: recruiter
EOF
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: in.csv:3: column 'annual_premium': '三万' is not a number (ge at line 5 of the rules)"
	[ ! -e out.csv ]
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,annual_premium,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,26000,纯孤儿单,正常件,queue:高端客户,高端,高端: to the queue 高端客户
P3,K3,L1,,东区,,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,policy_id,customer_id,agent_id,main_policy_id,region,annual_premium
3,column 'annual_premium': '三万' is not a number (ge at line 5 of the rules),P2,K2,L1,,东区,三万
EOF
}

@test "a cell that a state rule cannot read is a data error for its row" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,lapse_date
P1,K1,L1,,东区,2026-01-05
P2,K2,L1,,东区,去年
EOF
	cat > r.yaml <<'EOF'
version: 1
state:
  rules:
    - {name: 失效件, when: {lapse_date: {before: today}}}
  default: 正常件
routes:
  - name: 增员人
    via: recruiter
EOF
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: in.csv:3: column 'lapse_date': '去年' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00; before at line 4 of the rules)"
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,lapse_date,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,2026-01-05,纯孤儿单,失效件,R1,增员人,增员人: R1 is the recruiter of L1
EOF
}

@test "a roster cell that an eligible condition cannot read stops the run at the roster's line" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,两,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
eligible:
  recruited: {recruits_3m: {ge: 1}}
routes:
  - name: 增员人
    via: recruiter
    need: [recruited]
EOF
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: column 'recruits_3m': '两' is not a number (ge at line 4 of the rules)"
	[ ! -e out.csv ]
}

# --- --loads and --stats ------------------------------------------------------------

@test "--loads lists, in roster order, each agent who held or took orphan policies, with the cap" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,S1,R1,,东区,0,0,3,0
R1,active,sales,,,,,东区,1,0,0,0
X1,active,sales,,,,,东区,1,0,0,0
S1,active,supervisor,,,,,东区,1,0,7,0
F1,active,service,,,,,东区,0,0,,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K1,L1,P1,东区
P3,K2,L1,,东区
P4,K3,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
cap: 3
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
  - name: 主管
    via: supervisor
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --loads loads.csv -o out.csv in.csv
	assert_output ''
	run -0 cat out.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P2,K1,L1,P1,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P3,K2,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P4,K3,L1,,东区,纯孤儿单,正常件,,,"增员人: R1 would hold 4, over the cap of 3; 主管: S1 would hold 8, over the cap of 3; no route could place it"
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
agent_id,held_before,assigned,held_after,cap
L1,3,0,3,3
R1,0,3,3,3
S1,7,0,7,3
EOF
}

@test "--stats counts rows read, written and rejected, the units and policies of each route, and the policies left unassigned" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,198,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_state
P1,K1,L1,,东区,
P2,K1,L1,P1,东区,
P3,K2,L1,,东区,问题件
P4,K3,L1,,东区,
P5,K4,L9,,东区,
EOF
	cat > r.yaml <<'EOF'
version: 1
state:
  rules:
    - {name: 问题件, when: {orphan_state: 问题件}}
  default: 正常件
routes:
  - name: 问题件
    when: {orphan_state: 问题件}
    via: queue
    queue: 问题件
  - name: 增员人
    via: recruiter
  - name: 收展
    via: service
EOF
	run --separate-stderr -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv --stats -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: read: 5
cm-orphan-assign: written: 4
cm-orphan-assign: rejected: 1
cm-orphan-assign: route 问题件: units: 1
cm-orphan-assign: route 问题件: policies: 1
cm-orphan-assign: route 增员人: units: 1
cm-orphan-assign: route 增员人: policies: 2
cm-orphan-assign: route 收展: units: 0
cm-orphan-assign: route 收展: policies: 0
cm-orphan-assign: unassigned policies: 1"
	run -0 cut -d, -f1,8- out.csv
	assert_output - <<'EOF'
policy_id,assigned_to,route,reason
P1,R1,增员人,增员人: R1 is the recruiter of L1
P2,R1,增员人,增员人: R1 is the recruiter of L1
P3,queue:问题件,问题件,问题件: to the queue 问题件
P4,,,"增员人: R1 would hold 201, over the cap of 200; 收展: no service agent for the area '东区'; no route could place it"
EOF
}

# --- bad rows -------------------------------------------------------------------------

@test "a policy with an empty policy, customer or agent id is a data error" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
EOF
	printf 'policy_id,customer_id,agent_id,main_policy_id,region\nP1,K1,L1,,东区\n,K2,L1,,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: in.csv:3: the column 'policy_id' is empty"
	[ ! -e out.csv ]
	printf 'policy_id,customer_id,agent_id,main_policy_id,region\nP1,K1,L1,,东区\nP2,,L1,,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: in.csv:3: the column 'customer_id' is empty"
	printf 'policy_id,customer_id,agent_id,main_policy_id,region\nP1,K1,L1,,东区\nP2,K2,,,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: in.csv:3: the column 'agent_id' is empty"
}

@test "a departed agent missing from the roster is a data error" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
EOF
	printf 'policy_id,customer_id,agent_id,main_policy_id,region\nP1,K1,L1,,东区\nP2,K2,l1,,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: in.csv:3: the departed agent 'l1' is not in the roster agents.csv"
	[ ! -e out.csv ]
}

@test "a rider whose main policy is not among the orphans is a data error" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
EOF
	printf 'policy_id,customer_id,agent_id,main_policy_id,region\nP1,K1,L1,,东区\nP2,K1,L1,P9,东区\nP3,K1,L1,P1,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: in.csv:3: the rider's main policy 'P9' is not among the orphan policies"
	[ ! -e out.csv ]
}

@test "a rider whose main policy is itself a rider is a data error, whatever the order" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
EOF
	printf 'policy_id,customer_id,agent_id,main_policy_id,region\nP2,K1,L1,P3,东区\nP3,K1,L1,P1,东区\nP1,K1,L1,,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: in.csv:2: the rider's main policy 'P3' is itself a rider"
	[ ! -e out.csv ]
	run --separate-stderr -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P3,K1,L1,P1,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P1,K1,L1,,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
EOF
	assert_equal "$(cat rej.csv)" "_line,_reason,policy_id,customer_id,agent_id,main_policy_id,region
2,the rider's main policy 'P3' is itself a rider,P2,K1,L1,P3,东区"
}

@test "a policy listed twice is a data error at its second line" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
EOF
	printf 'policy_id,customer_id,agent_id,main_policy_id,region\nP1,K1,L1,,东区\nP2,K2,L1,,东区\nP1,K3,L1,,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: in.csv:4: policy 'P1' is listed twice"
	[ ! -e out.csv ]
}

@test "with --rejects, bad policies go to the rejects file, the rest are assigned, and the counts add up" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region
P1,K1,L1,,东区
P2,K1,L1,P1,东区
,K2,L1,,东区
P4,,L1,,东区
P5,K5,,,东区
P6,K6,L9,,东区
P7,K7,L1,P99,东区
P1,K8,L1,,东区
P9,K9,L1,P6,东区
P10,K10,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
EOF
	run --separate-stderr -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv --stats in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P2,K1,L1,P1,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
P10,K10,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
EOF
	assert_equal "$stderr" "cm-orphan-assign: read: 10
cm-orphan-assign: written: 3
cm-orphan-assign: rejected: 7
cm-orphan-assign: route 增员人: units: 2
cm-orphan-assign: route 增员人: policies: 3
cm-orphan-assign: unassigned policies: 0"
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,policy_id,customer_id,agent_id,main_policy_id,region
4,the column 'policy_id' is empty,,K2,L1,,东区
5,the column 'customer_id' is empty,P4,,L1,,东区
6,the column 'agent_id' is empty,P5,K5,,,东区
7,the departed agent 'L9' is not in the roster agents.csv,P6,K6,L9,,东区
9,policy 'P1' is listed twice,P1,K8,L1,,东区
8,the rider's main policy 'P99' is not among the orphan policies,P7,K7,L1,P99,东区
10,the rider's main policy 'P6' is not among the orphan policies,P9,K9,L1,P6,东区
EOF
	run -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv --max-rejects 6 -o out.csv in.csv
	[ ! -e out.csv ]
}

# --- the roster and the holdings --------------------------------------------------

@test "two roster rows for one agent stop the run, naming both lines" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
L1,left,sales,,,R1,,东区,0,0,0,0
EOF
	no_holdings
	printf 'policy_id,customer_id,agent_id,main_policy_id,region,status,orphan_state\nP1,K1,L1,,东区,,\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings holdings.csv --rejects rej.csv -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:4: agent 'L1' is listed twice (first at line 2)"
	[ ! -e out.csv ]
}

@test "a roster row with a non-number in orphan_count or output_last_month, or without an id, stops the run" {
	no_holdings
	printf 'policy_id,customer_id,agent_id,main_policy_id,region,status,orphan_state\nP1,K1,L1,,东区,,\n' > in.csv
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,十二,0
EOF
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings holdings.csv --rejects rej.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: column 'orphan_count': '十二' is not a number"
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,12,"1,800"
EOF
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: column 'output_last_month': '1,800' is not a number"
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
,active,sales,,,,,东区,1,0,12,0
EOF
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: an agent without an id"
}

@test "a roster count error names the column as the data has it" {
	no_holdings
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,孤儿单件数,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,九,0
EOF
	{ cat "$ROOT/rules/orphan.yaml"; printf 'columns:\n  orphan_count: 孤儿单件数\n'; } > r.yaml
	printf 'policy_id,customer_id,agent_id,main_policy_id,region,status,orphan_state\nP1,K1,L1,,东区,,\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: column '孤儿单件数': '九' is not a number"
}

@test "a roster or holdings file without a required column stops the run, listing its header" {
	printf 'policy_id,customer_id,agent_id,main_policy_id,region,status,orphan_state\nP1,K1,A001,,鼓楼区,,\n' > in.csv
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count
L1,left,sales,,,R1,,东区,0,0,0
EOF
	no_holdings
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:1: no column 'output_last_month' in --agents: 'agent_id', 'status', 'role', 'group_id', 'supervisor_id', 'recruiter_id', 'developer_id', 'region', 'recruits_3m', 'complaints_3m', 'orphan_count'"
	cp "$ROOT/samples/agents.csv" agents.csv
	printf 'customer_id,agent_id,main_policy_id\n' > holdings.csv
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: holdings.csv:1: no column 'sign_date' in --holdings: 'customer_id', 'agent_id', 'main_policy_id'"
}

@test "a holding of an orphan's policyholder whose sign date is not a date stops the run; other holdings are not read" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K9,R1,,不详
K1,R1,,2026-13-01
EOF
	printf 'policy_id,customer_id,agent_id,main_policy_id,region\nP1,K1,L1,,东区\n' > in.csv
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
EOF
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: holdings.csv:3: column 'sign_date': '2026-13-01' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00)"
	[ ! -e out.csv ]
}

@test "--agents and --holdings are required, and a side file that cannot be opened is an I/O error" {
	printf 'policy_id,customer_id,agent_id,main_policy_id,region,status,orphan_state\nP1,K1,A001,,鼓楼区,,\n' > in.csv
	no_holdings
	cp "$ROOT/samples/agents.csv" agents.csv
	run --separate-stderr -2 cm-orphan-assign --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: --agents FILE is required"
	run --separate-stderr -2 cm-orphan-assign --agents agents.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: --holdings FILE is required"
	run --separate-stderr -1 cm-orphan-assign --agents nosuch.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: nosuch.csv: No such file or directory"
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings nosuch.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: nosuch.csv: No such file or directory"
}

@test "a missing --holdings is a usage error found before the input is read" {
	printf 'policy_id,customer_id,agent_id,main_policy_id,region,status,orphan_state\nP1,K1,X999,,鼓楼区,,\n' > in.csv
	cp "$ROOT/samples/agents.csv" agents.csv
	run --separate-stderr -2 cm-orphan-assign --agents agents.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: --holdings FILE is required"
}

@test "a missing --agents is a usage error even on an empty input, which is not read" {
	run --separate-stderr -2 cm-orphan-assign < /dev/null
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: --agents FILE is required"
}

@test "a roster and holdings saved by Excel in GB18030 are read as the UTF-8 ones" {
	branch_files
	iconv -f UTF-8 -t GB18030 人员.csv > 人员gb.csv
	iconv -f UTF-8 -t GB18030 保单.csv > 保单gb.csv
	cm-orphan-assign -r 分配.yaml --agents 人员.csv --holdings 保单.csv 孤儿单.csv > want.csv
	run -0 cm-orphan-assign -r 分配.yaml --agents 人员gb.csv --holdings 保单gb.csv -o got.csv 孤儿单.csv
	cmp want.csv got.csv
}

@test "a failed run writes neither the output nor the loads report" {
	branch_files
	printf 'B8,韩梅,王芳,B9,鼓楼区,\n' >> 孤儿单.csv
	run --separate-stderr -1 cm-orphan-assign -r 分配.yaml --agents 人员.csv --holdings 保单.csv --loads loads.csv -o out.csv 孤儿单.csv
	assert_equal "$stderr" "cm-orphan-assign: 孤儿单.csv:9: the rider's main policy 'B9' is not among the orphan policies"
	[ ! -e out.csv ]
	[ ! -e loads.csv ]
}

# --- rule errors and --check ------------------------------------------------------

@test "rule errors are reported together, with the nearest known name" {
	cat > r.yaml <<'EOF'
version: 1
cap: 0
block: x
keep_customer: yes
eligible:
  ok: {status: active}
routes:
  - name: a
    via: recruter
    type: pur
  - via: queue
  - via: holdings
    within: 0
    need: [ok, okk]
  - via: group
    typ: pure
EOF
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --check
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:2:6: cap takes a count of at least 1, not '0'
cm-orphan-assign: r.yaml:3:8: block takes a count from 1 to 1000000000, not 'x'
cm-orphan-assign: r.yaml:4:16: keep_customer takes true or false, not 'yes'
cm-orphan-assign: r.yaml:10:11: unknown type 'pur' (did you mean 'pure'?)
cm-orphan-assign: r.yaml:9:10: unknown via 'recruter' (did you mean 'recruiter'?)
cm-orphan-assign: r.yaml:11:5: a queue route names its queue
cm-orphan-assign: r.yaml:13:13: within (months) takes a count of at least 1, not '0'
cm-orphan-assign: r.yaml:14:16: 'okk' is not a condition under eligible:
cm-orphan-assign: r.yaml:16:5: unknown key 'typ' (did you mean 'type'?)"
}

@test "a cap, block or within past its largest count is a rule error, not a count that wraps" {
	cat > r.yaml <<'EOF'
version: 1
cap: 99999999999999999999
block: 1000000001
routes:
  - via: holdings
    within: 4294967297
EOF
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --check
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:2:6: cap takes a count of at most 1000000000, not '99999999999999999999'
cm-orphan-assign: r.yaml:3:8: block takes a count of at most 1000000000, not '1000000001'
cm-orphan-assign: r.yaml:6:13: within (months) takes a count of at most 12000, not '4294967297'"
}

@test "a rule file without routes is a rule error" {
	printf 'version: 1\ncap: 10\n' > r.yaml
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --check
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:1:1: the key 'routes' is missing"
}

@test "--check with the input checks the columns that states and routes read" {
	printf 'policy_id,customer_id,agent_id,main_policy_id,region\n' > in.csv
	run --separate-stderr -2 cm-orphan-assign --check in.csv
	assert_equal "$stderr" "cm-orphan-assign: $ROOT/rules/orphan.yaml:27:26: column 'orphan_state' is not in the header of in.csv: 'policy_id', 'customer_id', 'agent_id', 'main_policy_id', 'region'
cm-orphan-assign: $ROOT/rules/orphan.yaml:29:54: column 'status' is not in the header of in.csv: 'policy_id', 'customer_id', 'agent_id', 'main_policy_id', 'region'"
}

@test "--check with --agents checks the columns that the eligible conditions read in the roster" {
	cp "$ROOT/samples/agents.csv" agents.csv
	cp "$ROOT/samples/orphans.csv" in.csv
	cat > r.yaml <<'EOF'
version: 1
eligible:
  recruited: {recruits_6m: {ge: 1}}
routes:
  - via: recruiter
    need: [recruited]
EOF
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --check --agents agents.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:3:29: column 'recruits_6m' is not in the header of agents.csv: 'agent_id', 'name', 'status', 'role', 'group_id', 'supervisor_id', 'recruiter_id', 'developer_id', 'region', 'recruits_3m', 'complaints_3m', 'orphan_count', 'output_last_month'"
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --agents agents.csv --holdings "$ROOT/samples/holdings.csv" in.csv
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:3:29: column 'recruits_6m' is not in the header of agents.csv: 'agent_id', 'name', 'status', 'role', 'group_id', 'supervisor_id', 'recruiter_id', 'developer_id', 'region', 'recruits_3m', 'complaints_3m', 'orphan_count', 'output_last_month'"
}

@test "--loads writes agent_id under the data's name when columns: maps it" {
	cat > agents.csv <<'EOF'
营销员,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,4,0
EOF
	printf '投保人,营销员,main_policy_id,sign_date\n' > holdings.csv
	printf 'policy_id,投保人,营销员,main_policy_id,region\nP1,K1,L1,,东区\n' > in.csv
	cat > r.yaml <<'EOF'
version: 1
columns:
  agent_id: 营销员
  customer_id: 投保人
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --loads loads.csv in.csv
	assert_output - <<'EOF'
policy_id,投保人,营销员,main_policy_id,region,orphan_type,orphan_state,assigned_to,route,reason
P1,K1,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
营销员,held_before,assigned,held_after,cap
R1,4,1,5,200
EOF
}

@test "--loads may not name the roster, the holdings, the input or the output" {
	cp "$ROOT"/samples/orphans.csv "$ROOT"/samples/agents.csv "$ROOT"/samples/holdings.csv .
	cp agents.csv roster.csv
	cp holdings.csv held.csv
	run -2 cm-orphan-assign --agents agents.csv --holdings holdings.csv --loads agents.csv orphans.csv
	cmp agents.csv roster.csv
	run -2 cm-orphan-assign --agents agents.csv --holdings holdings.csv --loads holdings.csv orphans.csv
	cmp holdings.csv held.csv
	run --separate-stderr -2 cm-orphan-assign --agents agents.csv --holdings holdings.csv --loads orphans.csv orphans.csv
	assert_equal "$stderr" "cm-orphan-assign: --loads names the same file as the input, -o or --rejects: 'orphans.csv'"
	run --separate-stderr -2 cm-orphan-assign --agents agents.csv --holdings holdings.csv --loads out.csv -o out.csv orphans.csv
	assert_equal "$stderr" "cm-orphan-assign: --loads names the same file as the input, -o or --rejects: 'out.csv'"
}

# --- the shipped rules on the sample files --------------------------------------

@test "the shipped rules pass --check on the sample orphans" {
	run --separate-stderr -0 cm-orphan-assign -r "$ROOT/rules/orphan.yaml" --check "$ROOT/samples/orphans.csv"
	assert_output ''
	[ "$stderr" = "" ]
}

# Checked by hand against rules/orphan.yaml (today 2026-11-23): K01 is
# non-pure (A003 signed 2026-05-10, but recruited no one), so it goes to
# group G1, whose best output is S01; K02 to A005, who signed 2026-08-01
# and reaches 200; K07 is a problem policy, K04 unreachable; the
# combination K08 does not fit A005 (202), S02 left, so group G2 passes
# A005 and gives it to A007, whose block goes on with K05 (lapsed, by its
# status); K03's only holding is A001's, who left: pure, to the recruiter
# A002; the departed supervisor S02's K06 goes to the developer S01.
@test "the shipped rules assign the sample orphans as checked by hand" {
	cd "$ROOT/samples"
	run --separate-stderr -0 cm-orphan-assign --agents agents.csv --holdings holdings.csv \
	    --loads "$BATS_TEST_TMPDIR/loads.csv" --stats orphans.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,product,status,sign_date,annual_premium,orphan_state,region,orphan_type,assigned_to,route,reason
O01,K01,A001,,鑫福年年分红险,有效,2019-12-05,12000,正常件,鼓楼区,非纯孤儿单,S01,本组分配,非纯孤儿单: A003 is not eligible (recruited); 本组分配: S01's turn in group G1 (by last month's output)
O02,K01,A001,O01,附加意外险,有效,2019-12-05,600,正常件,鼓楼区,非纯孤儿单,S01,本组分配,非纯孤儿单: A003 is not eligible (recruited); 本组分配: S01's turn in group G1 (by last month's output)
O03,K02,A006,,康宁终身重疾,有效,2018-06-01,8800,正常件,玄武区,非纯孤儿单,A005,非纯孤儿单,非纯孤儿单: A005 signed a main policy with the policyholder
O04,K03,A001,,福满堂年金,有效,2016-02-29,20000,正常件,鼓楼区,纯孤儿单,A002,直接增员者,直接增员者: A002 is the recruiter of A001
O05,K04,A001,,意外伤害险,有效,2020-10-01,500,困难件,鼓楼区,纯孤儿单,queue:分公司,困难件,困难件: to the queue 分公司
O06,K05,A006,,少儿教育金,失效,2021-06-03,3600,失效件,玄武区,纯孤儿单,A007,本组分配,"直接增员者: A005 would hold 201, over the cap of 200; 直辖组主管: S02 is not active; 本组分配: A007's turn in group G2 (by last month's output)"
O07,K06,S02,,鑫福年年分红险,有效,2017-04-12,15000,正常件,玄武区,纯孤儿单,S01,直接增员者,直接增员者: S01 is the developer of S02
O08,K07,A001,,康宁终身重疾,有效,2022-09-09,8800,问题件,鼓楼区,非纯孤儿单,queue:问题件,问题件,问题件: to the queue 问题件
O09,K08,A006,,福满堂年金,有效,2019-01-20,10000,正常件,玄武区,组合性孤儿保单,A007,本组分配,"直接增员者: A005 would hold 202, over the cap of 200; 直辖组主管: S02 is not active; 本组分配: A005 would hold 202, over the cap of 200; 本组分配: A007's turn in group G2 (by last month's output)"
O10,K08,A006,O09,附加住院险,有效,2019-01-20,800,正常件,玄武区,组合性孤儿保单,A007,本组分配,"直接增员者: A005 would hold 202, over the cap of 200; 直辖组主管: S02 is not active; 本组分配: A005 would hold 202, over the cap of 200; 本组分配: A007's turn in group G2 (by last month's output)"
EOF
	assert_equal "$stderr" "cm-orphan-assign: read: 10
cm-orphan-assign: written: 10
cm-orphan-assign: rejected: 0
cm-orphan-assign: route 问题件: units: 1
cm-orphan-assign: route 问题件: policies: 1
cm-orphan-assign: route 困难件: units: 1
cm-orphan-assign: route 困难件: policies: 1
cm-orphan-assign: route 非纯孤儿单: units: 1
cm-orphan-assign: route 非纯孤儿单: policies: 1
cm-orphan-assign: route 直接增员者: units: 2
cm-orphan-assign: route 直接增员者: policies: 2
cm-orphan-assign: route 直辖组主管: units: 0
cm-orphan-assign: route 直辖组主管: policies: 0
cm-orphan-assign: route 本组分配: units: 3
cm-orphan-assign: route 本组分配: policies: 5
cm-orphan-assign: route 收展: units: 0
cm-orphan-assign: route 收展: policies: 0
cm-orphan-assign: route 待分配: units: 0
cm-orphan-assign: route 待分配: policies: 0
cm-orphan-assign: unassigned policies: 0"
	run -0 cat "$BATS_TEST_TMPDIR/loads.csv"
	assert_output - <<'EOF'
agent_id,held_before,assigned,held_after,cap
A002,12,1,13,200
A003,5,0,5,200
A005,199,1,200,200
A007,40,3,43,200
S01,20,3,23,200
F01,30,0,30,200
F02,10,0,10,200
F03,8,0,8,200
EOF
}

@test "the shipped rules give the service team what the group cannot take, least loaded first" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,region,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,S1,R1,,东区,0,0,0,0
R1,active,sales,G,S1,,,东区,0,0,0,9000
S1,active,supervisor,G,,,,东区,2,1,0,50000
F1,active,service,,,,,东区,0,0,12,0
F2,active,service,,,,,东区,5,3,11,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,status,orphan_state
P1,K1,L1,,东区,有效,正常件
P2,K2,L1,,东区,有效,正常件
EOF
	run -0 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,region,status,orphan_state,orphan_type,assigned_to,route,reason
P1,K1,L1,,东区,有效,正常件,纯孤儿单,F2,收展,"直接增员者: R1 is not eligible (recruited); 直辖组主管: S1 is not eligible (no_complaint); 本组分配: S1 is not eligible (no_complaint); 本组分配: R1 is not eligible (recruited); 本组分配: no agent of group G can take it; 收展: F2, the least loaded service agent of the area"
P2,K2,L1,,东区,有效,正常件,纯孤儿单,F1,收展,"直接增员者: R1 is not eligible (recruited); 直辖组主管: S1 is not eligible (no_complaint); 本组分配: S1 is not eligible (no_complaint); 本组分配: R1 is not eligible (recruited); 本组分配: no agent of group G can take it; 收展: F1, the least loaded service agent of the area"
EOF
}

@test "the SYNOPSIS of cm-orphan-assign(1) is the usage that cm-orphan-assign prints" {
	run -2 cm-orphan-assign --no-such-option
	usage="${output#*usage: }"
	run -0 sh -c 'mandoc -T ascii "$ROOT/man/cm-orphan-assign.1" | sed "s/.\x08//g" |
	    awk "/^SYNOPSIS/ { f = 1; next } /^[A-Z]/ { f = 0 } f" | tr -s " \n" "  "'
	assert_output " $usage "
}

# --- the EXAMPLES of cm-orphan-assign(1) -------------------------------------------

# The files of the Chinese-header example of cm-orphan-assign(1).
branch_files() {
	cat > 分配.yaml <<'EOF'
version: 1
columns:
  policy_id: 保单号
  customer_id: 投保人
  agent_id: 营销员
  main_policy_id: 主险保单号
  region: 区域
  group_id: 组别
  recruits_3m: 近3月增员
  orphan_count: 孤儿单件数
  output_last_month: 上月产能
  sign_date: 签单日期
  orphan_type: 类型
  orphan_state: 性质
  assigned_to: 接收人
  route: 途径
  reason: 说明
cap: 5
block: 2
state:
  rules:
    - {name: 问题件, when: {orphan_state: 问题件}}
  default: 正常件
eligible:
  有增员: {recruits_3m: {ge: 1}}
routes:
  - name: 问题件
    when: {orphan_state: 问题件}
    via: queue
    queue: 问题件
  - name: 签单人
    type: non-pure
    via: holdings
    need: [有增员]
  - name: 本组
    via: group
    need: [有增员]
  - name: 待分配
    via: queue
    queue: 待分配
EOF
	cat > 人员.csv <<'EOF'
营销员,status,role,组别,supervisor_id,recruiter_id,developer_id,区域,近3月增员,孤儿单件数,上月产能
王芳,left,sales,一组,,,,鼓楼区,0,0,0
李军,active,sales,一组,,,,鼓楼区,2,4,18000
刘勇,active,sales,一组,,,,鼓楼区,0,0,26000
高静,active,sales,一组,,,,鼓楼区,1,0,9000
EOF
	cat > 保单.csv <<'EOF'
投保人,营销员,主险保单号,签单日期
何强,刘勇,,2026-06-18
林涛,高静,,2019-03-02
EOF
	cat > 孤儿单.csv <<'EOF'
保单号,投保人,营销员,主险保单号,区域,性质
B1,何强,王芳,,鼓楼区,
B2,胡洋,王芳,,鼓楼区,
B3,林涛,王芳,,鼓楼区,
B4,林涛,王芳,B3,鼓楼区,
B5,朱芳,王芳,,鼓楼区,问题件
B6,孙丽,王芳,,鼓楼区,
B7,马明,王芳,,鼓楼区,
EOF
}

@test "cm-orphan-assign(1): the sample orphans by the shipped rules, and the loads" {
	samples
	run -0 bash -o pipefail -c 'cm-orphan-assign --agents samples/agents.csv \
	    --holdings samples/holdings.csv --loads loads.csv \
	    samples/orphans.csv | cut -d, -f1-3,11-13'
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,orphan_type,assigned_to,route
O01,K01,A001,非纯孤儿单,S01,本组分配
O02,K01,A001,非纯孤儿单,S01,本组分配
O03,K02,A006,非纯孤儿单,A005,非纯孤儿单
O04,K03,A001,纯孤儿单,A002,直接增员者
O05,K04,A001,纯孤儿单,queue:分公司,困难件
O06,K05,A006,纯孤儿单,A007,本组分配
O07,K06,S02,纯孤儿单,S01,直接增员者
O08,K07,A001,非纯孤儿单,queue:问题件,问题件
O09,K08,A006,组合性孤儿保单,A007,本组分配
O10,K08,A006,组合性孤儿保单,A007,本组分配
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
agent_id,held_before,assigned,held_after,cap
A002,12,1,13,200
A003,5,0,5,200
A005,199,1,200,200
A007,40,3,43,200
S01,20,3,23,200
F01,30,0,30,200
F02,10,0,10,200
F03,8,0,8,200
EOF
}

@test "cm-orphan-assign(1): the reason of O06 of the sample" {
	samples
	run -0 bash -o pipefail -c "cm-orphan-assign --agents samples/agents.csv \
	    --holdings samples/holdings.csv samples/orphans.csv |
	    grep '^O06'"
	assert_output - <<'EOF'
O06,K05,A006,,少儿教育金,失效,2021-06-03,3600,失效件,玄武区,纯孤儿单,A007,本组分配,"直接增员者: A005 would hold 201, over the cap of 200; 直辖组主管: S02 is not active; 本组分配: A007's turn in group G2 (by last month's output)"
EOF
}

@test "cm-orphan-assign(1): --stats counts the units and policies of each route of the sample" {
	samples
	run --separate-stderr -0 cm-orphan-assign --agents samples/agents.csv \
	    --holdings samples/holdings.csv --stats -o assigned.csv \
	    samples/orphans.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: read: 10
cm-orphan-assign: written: 10
cm-orphan-assign: rejected: 0
cm-orphan-assign: route 问题件: units: 1
cm-orphan-assign: route 问题件: policies: 1
cm-orphan-assign: route 困难件: units: 1
cm-orphan-assign: route 困难件: policies: 1
cm-orphan-assign: route 非纯孤儿单: units: 1
cm-orphan-assign: route 非纯孤儿单: policies: 1
cm-orphan-assign: route 直接增员者: units: 2
cm-orphan-assign: route 直接增员者: policies: 2
cm-orphan-assign: route 直辖组主管: units: 0
cm-orphan-assign: route 直辖组主管: policies: 0
cm-orphan-assign: route 本组分配: units: 3
cm-orphan-assign: route 本组分配: policies: 5
cm-orphan-assign: route 收展: units: 0
cm-orphan-assign: route 收展: policies: 0
cm-orphan-assign: route 待分配: units: 0
cm-orphan-assign: route 待分配: policies: 0
cm-orphan-assign: unassigned policies: 0"
	run -0 bash -o pipefail -c 'cm-orphan-assign --agents samples/agents.csv --holdings samples/holdings.csv samples/orphans.csv | cmp - assigned.csv'
}

@test "cm-orphan-assign(1): a branch's rule file with Chinese headers, blocks of 2 and a cap of 5" {
	branch_files
	run -0 cm-orphan-assign -r 分配.yaml --agents 人员.csv \
	    --holdings 保单.csv 孤儿单.csv
	assert_output - <<'EOF'
保单号,投保人,营销员,主险保单号,区域,性质,类型,接收人,途径,说明
B1,何强,王芳,,鼓楼区,正常件,非纯孤儿单,李军,本组,签单人: 刘勇 is not eligible (有增员); 本组: 刘勇 is not eligible (有增员); 本组: 李军's turn in group 一组 (by last month's output)
B2,胡洋,王芳,,鼓楼区,正常件,纯孤儿单,高静,本组,"本组: 李军 would hold 6, over the cap of 5; 本组: 高静's turn in group 一组 (by last month's output)"
B3,林涛,王芳,,鼓楼区,正常件,非纯孤儿单,高静,签单人,签单人: 高静 signed a main policy with the policyholder
B4,林涛,王芳,B3,鼓楼区,正常件,非纯孤儿单,高静,签单人,签单人: 高静 signed a main policy with the policyholder
B5,朱芳,王芳,,鼓楼区,问题件,纯孤儿单,queue:问题件,问题件,问题件: to the queue 问题件
B6,孙丽,王芳,,鼓楼区,正常件,纯孤儿单,高静,本组,本组: 高静's turn in group 一组 (by last month's output)
B7,马明,王芳,,鼓楼区,正常件,纯孤儿单,高静,本组,"本组: 刘勇 is not eligible (有增员); 本组: 李军 would hold 6, over the cap of 5; 本组: 高静's turn in group 一组 (by last month's output)"
EOF
}

@test "cm-orphan-assign(1): --check - finds that an export lacks the columns of the states" {
	samples
	run -2 bash -o pipefail -c "printf 'policy_id,customer_id,agent_id,main_policy_id,region\n' |
	    cm-orphan-assign -r rules/orphan.yaml --check -"
	assert_output - <<'EOF'
cm-orphan-assign: rules/orphan.yaml:27:26: column 'orphan_state' is not in the header of <stdin>: 'policy_id', 'customer_id', 'agent_id', 'main_policy_id', 'region'
cm-orphan-assign: rules/orphan.yaml:29:54: column 'status' is not in the header of <stdin>: 'policy_id', 'customer_id', 'agent_id', 'main_policy_id', 'region'
EOF
}
