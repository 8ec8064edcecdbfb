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
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,非纯孤儿单,正常件,B2,签单人,签单人: B2 signed a main policy with the policyholder,,2026-11-23,,
EOF
}

@test "holdings takes the most recent signer at any time when none signed within 12 months" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,非纯孤儿单,正常件,B1,签单人,签单人: B1 signed a main policy with the policyholder,,2026-11-23,,
P2,K2,L1,,东区,非纯孤儿单,正常件,B2,签单人,签单人: B2 signed a main policy with the policyholder,,2026-11-23,,
EOF
}

@test "holdings breaks a tie of sign dates to the lower agent id" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,非纯孤儿单,正常件,B10,签单人,签单人: B10 signed a main policy with the policyholder,,2026-11-23,,
P2,K2,L1,,东区,非纯孤儿单,正常件,B1,签单人,签单人: B1 signed a main policy with the policyholder,,2026-11-23,,
EOF
}

@test "holdings tries the signer before when the latest is not eligible, and passes on a holder with riders only" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,非纯孤儿单,正常件,B2,签单人,签单人: B1 is not eligible (recruited); 签单人: B2 signed a main policy with the policyholder,,2026-11-23,,
P2,K2,L1,,东区,非纯孤儿单,正常件,F1,收展,"签单人: no active agent signed a main policy with the policyholder; 收展: F1, the least loaded service agent of 东区 (district)",,2026-11-23,,
EOF
}

@test "a policyholder whose only holdings are with agents who left, or outside the roster, is pure" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
EOF
}

# --- recruiter and supervisor (pure) ----------------------------------------------

@test "the recruiter route passes a policy to the supervisor when the recruiter left, recruited no one, has a complaint, is missing or is not in the roster" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,S1,主管,增员人: R1 is not active; 主管: S1 is the supervisor of L1,,2026-11-23,,
P2,K2,L2,,东区,纯孤儿单,正常件,S1,主管,增员人: R2 is not eligible (recruited); 主管: S1 is the supervisor of L2,,2026-11-23,,
P3,K3,L3,,东区,纯孤儿单,正常件,S1,主管,增员人: R3 is not eligible (no_complaint); 主管: S1 is the supervisor of L3,,2026-11-23,,
P4,K4,L4,,东区,纯孤儿单,正常件,S1,主管,增员人: L4 has no recruiter; 主管: S1 is the supervisor of L4,,2026-11-23,,
P5,K5,L5,,东区,纯孤儿单,正常件,S1,主管,增员人: recruiter R9 is not in the roster; 主管: S1 is the supervisor of L5,,2026-11-23,,
P6,K6,L6,,东区,纯孤儿单,正常件,R4,增员人,增员人: R4 is the recruiter of L6,,2026-11-23,,
EOF
}

@test "the supervisor route passes a policy on when the supervisor cannot take it" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,S1,,,东区,0,0,0,0
L2,left,sales,,S2,,,东区,0,0,0,0
L3,left,sales,,,,,东区,0,0,0,0
S1,left,supervisor,,,,,东区,1,0,0,0
S2,active,supervisor,,,,,东区,1,3,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,queue:待分配,待分配,主管: S1 is not active; 待分配: to the queue 待分配,,2026-11-23,,
P2,K2,L2,,东区,纯孤儿单,正常件,queue:待分配,待分配,主管: S2 is not eligible (no_complaint); 待分配: to the queue 待分配,,2026-11-23,,
P3,K3,L3,,东区,纯孤儿单,正常件,queue:待分配,待分配,主管: L3 has no supervisor; 待分配: to the queue 待分配,,2026-11-23,,
EOF
}

@test "a departed supervisor's policies go to the one who developed them, on the recruiter and the supervisor routes" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,S1,,东区,纯孤儿单,正常件,D1,增员人,增员人: D1 is the developer of S1,,2026-11-23,,
P2,K2,S2,,东区,纯孤儿单,正常件,queue:待分配,待分配,增员人: S2 has no developer; 主管: S2 has no developer; 待分配: to the queue 待分配,,2026-11-23,,
P3,K3,S3,,东区,纯孤儿单,正常件,queue:待分配,待分配,增员人: D2 is not eligible (recruited); 主管: D2 is not eligible (recruited); 待分配: to the queue 待分配,,2026-11-23,,
EOF
}

@test "type: pure routes take combinations too but not non-pure policies; type: non-pure only non-pure ones" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
B1,active,sales,,,,,东区,1,0,0,0
EOF
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K3,B1,,2026-01-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P2,K2,L1,,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P3,K2,L1,P2,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P4,K3,L1,,东区,非纯孤儿单,正常件,queue:非纯,非纯,非纯: to the queue 非纯,,2026-11-23,,
EOF
}

# --- group: blocks by last month's output -----------------------------------------

@test "group gives customers in blocks of 3 by last month's output: 1-3 to the first, 4-6 to the second, 7-9 to the third, then round again" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,90000
A1,active,sales,G,,,,东区,1,0,0,100
A2,active,sales,G,,,,东区,1,0,0,300.5
A3,active,sales,G,,,,东区,1,0,0,200
A4,left,sales,G,,,,东区,1,0,0,250
B1,active,sales,H,,,,东区,1,0,0,99999
EOF
	no_holdings
	{
		echo policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output),,2026-11-23,,
P2,K2,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output),,2026-11-23,,
P3,K3,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output),,2026-11-23,,
P4,K4,L1,,东区,纯孤儿单,正常件,A3,本组,本组: A3's turn in group G (by last month's output),,2026-11-23,,
P5,K5,L1,,东区,纯孤儿单,正常件,A3,本组,本组: A3's turn in group G (by last month's output),,2026-11-23,,
P6,K6,L1,,东区,纯孤儿单,正常件,A3,本组,本组: A3's turn in group G (by last month's output),,2026-11-23,,
P7,K7,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P8,K8,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P9,K9,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P10,K10,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output),,2026-11-23,,
EOF
}

@test "group counts a policyholder's policies as one customer of the block" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,0
A1,active,sales,G,,,,东区,1,0,0,300
A2,active,sales,G,,,,东区,1,0,0,200
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P2,K2,L1,,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P3,K2,L1,,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P4,K2,L1,P3,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P5,K3,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output),,2026-11-23,,
EOF
}

@test "group ranks agents of equal output by the lower id" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,0
A2,active,sales,G,,,,东区,1,0,0,500
A10,active,sales,G,,,,东区,1,0,0,500
A1,active,sales,G,,,,东区,1,0,0,
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,A10,本组,本组: A10's turn in group G (by last month's output),,2026-11-23,,
P2,K2,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output),,2026-11-23,,
P3,K3,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
EOF
}

@test "group: an agent who cannot take a customer passes the turn, and the next agent's block starts" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,0
A1,active,sales,G,,,,东区,1,0,0,300
A2,active,sales,G,,,,东区,0,0,0,200
A3,active,sales,G,,,,东区,1,0,0,100
EOF
	no_holdings
	{
		echo policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P2,K2,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P3,K3,L1,,东区,纯孤儿单,正常件,A3,本组,本组: A2 is not eligible (recruited); 本组: A3's turn in group G (by last month's output),,2026-11-23,,
P4,K4,L1,,东区,纯孤儿单,正常件,A3,本组,本组: A3's turn in group G (by last month's output),,2026-11-23,,
P5,K5,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P6,K6,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P7,K7,L1,,东区,纯孤儿单,正常件,A3,本组,本组: A2 is not eligible (recruited); 本组: A3's turn in group G (by last month's output),,2026-11-23,,
EOF
}

@test "group passes a policy on when the departed agent has no group or no one in it can take it" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,东区,0,0,0,0
L2,left,sales,G,,,,东区,0,0,0,0
A1,active,sales,G,,,,东区,1,0,200,300
A2,left,sales,G,,,,东区,1,0,0,200
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,queue:待分配,待分配,本组: L1 has no group; 待分配: to the queue 待分配,,2026-11-23,,
P2,K2,L2,,东区,纯孤儿单,正常件,queue:待分配,待分配,"本组: A1 would hold 201, over the cap of 200; 本组: no agent of group G can take it; 待分配: to the queue 待分配",,2026-11-23,,
EOF
}

@test "a long reason keeps every agent that passed the unit on, and ends with how it was placed" {
	# 16 agents at the cap pass a customer on before 营销员000099 takes it.
	{
		echo agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
		echo L1,left,sales,G,,,,东区,0,0,0,0
		for i in $(seq 10 25); do echo "营销员0000$i,active,sales,G,,,,东区,1,0,200,$((100 - i))"; done
		echo 营销员000099,active,sales,G,,,,东区,1,0,0,1
	} > agents.csv
	no_holdings
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,东区\n' > in.csv
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
	assert_output "policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,营销员000099,本组分配,\"$reason\",,2026-11-23,,"
}

# --- service: the service team, by the nearness of address and area ----------------

@test "service gives each policy to the least loaded active service agent of its area, ties to the lower id" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,,0,0,0,0
F3,active,service,,,,,南京市玄武区,0,0,5,0
F1,active,service,,,,,南京市玄武区,0,0,6,0
F2,active,service,,,,,南京市玄武区,0,0,5,0
F4,left,service,,,,,南京市玄武区,0,0,0,0
F5,active,service,,,,,南京市鼓楼区,0,0,0,0
A1,active,sales,,,,,南京市玄武区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
P1,K1,L1,,南京市玄武区中山路1号
P2,K2,L1,,南京市玄武区珠江路8号
P3,K3,L1,,南京市玄武区龙蟠路6号
P4,K4,L1,,南京市玄武区北京东路9号
P5,K5,L1,,南京市鼓楼区汉中路100号
P6,K6,L1,,上海市浦东新区世纪大道1号
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市玄武区中山路1号,纯孤儿单,正常件,F2,收展,"收展: F2, the least loaded service agent of 南京市玄武区 (district)",,2026-11-23,,
P2,K2,L1,,南京市玄武区珠江路8号,纯孤儿单,正常件,F3,收展,"收展: F3, the least loaded service agent of 南京市玄武区 (district)",,2026-11-23,,
P3,K3,L1,,南京市玄武区龙蟠路6号,纯孤儿单,正常件,F1,收展,"收展: F1, the least loaded service agent of 南京市玄武区 (district)",,2026-11-23,,
P4,K4,L1,,南京市玄武区北京东路9号,纯孤儿单,正常件,F2,收展,"收展: F2, the least loaded service agent of 南京市玄武区 (district)",,2026-11-23,,
P5,K5,L1,,南京市鼓楼区汉中路100号,纯孤儿单,正常件,F5,收展,"收展: F5, the least loaded service agent of 南京市鼓楼区 (district)",,2026-11-23,,
P6,K6,L1,,上海市浦东新区世纪大道1号,纯孤儿单,正常件,,,收展: no service agent's area is near '上海市浦东新区世纪大道1号'; no route could place it,,,,
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
kind,id,held_before,assigned,held_after,cap,one_service,placed,borrowed_out,borrowed_in,queued
agent,F3,5,1,6,200,0,,,,
agent,F1,6,1,7,200,0,,,,
agent,F2,5,2,7,200,0,,,,
agent,F5,0,1,1,200,0,,,,
area,南京市玄武区,,,,,,4,,,0
area,南京市鼓楼区,,,,,,1,,,0
area,上海市浦东新区,,,,,,0,,,1
EOF
}

@test "service: a street match beats a district match beats a city match" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,,0,0,0,0
FS,active,service,,,,,南京市秦淮区夫子庙街道,0,0,20,0
FD,active,service,,,,,南京市秦淮区,0,0,10,0
FC,active,service,,,,,南京市,0,0,0,0
EOF
	no_holdings
	# P2's address names no street: FS and FD are as near, and FD holds
	# less.  P3 is in another district: all three share the city.
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
P1,K1,L1,,南京市秦淮区夫子庙街道贡院街2号
P2,K2,L1,,南京市秦淮区中华路5号
P3,K3,L1,,南京市鼓楼区汉中路100号
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市秦淮区夫子庙街道贡院街2号,纯孤儿单,正常件,FS,收展,"收展: FS, the least loaded service agent of 南京市秦淮区夫子庙街道 (street)",,2026-11-23,,
P2,K2,L1,,南京市秦淮区中华路5号,纯孤儿单,正常件,FD,收展,"收展: FD, the least loaded service agent of 南京市秦淮区 (district)",,2026-11-23,,
P3,K3,L1,,南京市鼓楼区汉中路100号,纯孤儿单,正常件,FC,收展,"收展: FC, the least loaded service agent of 南京市 (city)",,2026-11-23,,
EOF
}

@test "service compares an address and an area level by level, passing over a level one of them does not name" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,,0,0,0,0
F1,active,service,,,,,南京市玄武区,0,0,0,0
F2,active,service,,,,,玄武区锁金村街道,0,0,0,0
EOF
	no_holdings
	# P1 names no city, P2 a province too; P3's street is F2's, whose
	# area names no city.
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
P1,K1,L1,,玄武区中山路1号
P2,K2,L1,,江苏省南京市玄武区珠江路8号3栋201室
P3,K3,L1,,南京市玄武区锁金村街道龙蟠路6号
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,玄武区中山路1号,纯孤儿单,正常件,F1,收展,"收展: F1, the least loaded service agent of 南京市玄武区 (district)",,2026-11-23,,
P2,K2,L1,,江苏省南京市玄武区珠江路8号3栋201室,纯孤儿单,正常件,F2,收展,"收展: F2, the least loaded service agent of 玄武区 (district)",,2026-11-23,,
P3,K3,L1,,南京市玄武区锁金村街道龙蟠路6号,纯孤儿单,正常件,F2,收展,"收展: F2, the least loaded service agent of 玄武区锁金村街道 (street)",,2026-11-23,,
EOF
}

@test "service passes a policy on when no service agent near it can take it, saying which areas were full" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,,0,0,0,0
F1,active,service,,,,,南京市秦淮区夫子庙街道,0,0,200,0
F2,left,service,,,,,南京市秦淮区,0,0,0,0
F3,active,service,,,,,南京市秦淮区,0,0,199,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
P1,K1,L1,,南京市秦淮区夫子庙街道贡院街2号
P2,K1,L1,P1,南京市秦淮区夫子庙街道贡院街2号
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
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --loads loads.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市秦淮区夫子庙街道贡院街2号,组合性孤儿保单,正常件,queue:待分配,待分配,收展: no service agent of 南京市秦淮区夫子庙街道 (street) can take it; 收展: no service agent of 南京市秦淮区 (district) can take it; 收展: no service agent of 南京市 (city) can take it; 待分配: to the queue 待分配,,2026-11-23,,
P2,K1,L1,P1,南京市秦淮区夫子庙街道贡院街2号,组合性孤儿保单,正常件,queue:待分配,待分配,收展: no service agent of 南京市秦淮区夫子庙街道 (street) can take it; 收展: no service agent of 南京市秦淮区 (district) can take it; 收展: no service agent of 南京市 (city) can take it; 待分配: to the queue 待分配,,2026-11-23,,
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
kind,id,held_before,assigned,held_after,cap,one_service,placed,borrowed_out,borrowed_in,queued
agent,F1,200,0,200,200,0,,,,
agent,F3,199,0,199,200,0,,,,
area,南京市秦淮区夫子庙街道,,,,,,0,,,2
area,南京市秦淮区,,,,,,0,,,0
EOF
}

@test "service gives a policy without an address to no one, and never to a service agent without an area" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,,0,0,0,0
F1,active,service,,,,,,0,0,0,0
F2,active,service,,,,,南京市玄武区,0,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
P1,K1,L1,,
P2,K2,L1,,中山路1号
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,,纯孤儿单,正常件,,,收展: the policy has no address; no route could place it,,,,
P2,K2,L1,,中山路1号,纯孤儿单,正常件,,,收展: no service agent's area is near '中山路1号'; no route could place it,,,,
EOF
}

@test "service: a neighbouring area of the rules comes before the rest of the city, and the list is read both ways" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,,0,0,0,0
F1,active,service,,,,,南京市秦淮区,0,0,50,0
F2,active,service,,,,,南京市鼓楼区,0,0,0,0
F3,active,service,,,,,南京市栖霞区,0,0,199,0
EOF
	no_holdings
	# 玄武区 has no agent: its neighbours are 秦淮区 and 栖霞区, and F3
	# is full, so F1 though F2 holds less.  雨花台区 borders 秦淮区 by the
	# list of 秦淮区.  六合区 has no neighbour: the city.
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
P1,K1,L1,,南京市玄武区中山路1号
P2,K1,L1,P1,南京市玄武区中山路1号
P3,K2,L1,,南京市雨花台区软件大道1号
P4,K3,L1,,南京市六合区雄州街道龙池路2号
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
nearness:
  neighbours:
    玄武区: [秦淮区, 栖霞区]
    秦淮区: [雨花台区]
routes:
  - name: 收展
    via: service
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --loads loads.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市玄武区中山路1号,组合性孤儿保单,正常件,F1,收展,"收展: F1, the least loaded service agent of 南京市秦淮区, neighbour of 玄武区",,2026-11-23,,
P2,K1,L1,P1,南京市玄武区中山路1号,组合性孤儿保单,正常件,F1,收展,"收展: F1, the least loaded service agent of 南京市秦淮区, neighbour of 玄武区",,2026-11-23,,
P3,K2,L1,,南京市雨花台区软件大道1号,纯孤儿单,正常件,F1,收展,"收展: F1, the least loaded service agent of 南京市秦淮区, neighbour of 雨花台区",,2026-11-23,,
P4,K3,L1,,南京市六合区雄州街道龙池路2号,纯孤儿单,正常件,F2,收展,"收展: F2, the least loaded service agent of 南京市 (city)",,2026-11-23,,
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
kind,id,held_before,assigned,held_after,cap,one_service,placed,borrowed_out,borrowed_in,queued
agent,F1,50,3,53,200,0,,,,
agent,F2,0,1,1,200,0,,,,
agent,F3,199,0,199,200,0,,,,
area,南京市秦淮区,,,,,,0,,,0
area,南京市鼓楼区,,,,,,0,,,0
area,南京市栖霞区,,,,,,0,,,0
area,南京市玄武区,,,,,,2,,,0
area,南京市雨花台区,,,,,,1,,,0
area,南京市六合区,,,,,,1,,,0
EOF
}

@test "service: with coordinates, distance on the sphere decides among agents whose area shares nothing, the nearest with room first" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month,lat,lng
L1,left,sales,,,,,,0,0,0,0,,
F1,active,service,,,,,上海市浦东新区,0,0,0,0,31.2304,121.4737
F2,active,service,,,,,杭州市西湖区,0,0,0,0,30.2741,120.1551
F3,active,service,,,,,苏州市姑苏区,0,0,200,0,31.2990,120.5853
F4,active,service,,,,,北京市东城区,0,0,0,0,,
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,lat,lng
P1,K1,L1,,南京市玄武区中山路1号,32.0415,118.7781
P2,K2,L1,,南京市玄武区中山路1号,,
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
nearness:
  coordinates: {latitude: lat, longitude: lng}
routes:
  - name: 收展
    via: service
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,lat,lng,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市玄武区中山路1号,32.0415,118.7781,纯孤儿单,正常件,F2,收展,"收展: F2, the nearest service agent who can take it, 236.2 km",,2026-11-23,,
P2,K2,L1,,南京市玄武区中山路1号,,,纯孤儿单,正常件,,,收展: no service agent's area is near '南京市玄武区中山路1号'; no route could place it,,,,
EOF
}

@test "service: a prefix match comes before any distance, and a tie of distance goes to the least loaded" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month,lat,lng
L1,left,sales,,,,,,0,0,0,0,,
F1,active,service,,,,,南京市鼓楼区,0,0,100,0,31.0,121.0
F2,active,service,,,,,上海市黄浦区,0,0,9,0,32.0,118.8
F3,active,service,,,,,上海市徐汇区,0,0,8,0,32.0,118.8
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,lat,lng
P1,K1,L1,,南京市鼓楼区汉中路1号,32.0,118.8
P2,K2,L1,,苏州市姑苏区人民路1号,32.0,118.8
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
nearness:
  coordinates: {latitude: lat, longitude: lng}
routes:
  - name: 收展
    via: service
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,lat,lng,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市鼓楼区汉中路1号,32.0,118.8,纯孤儿单,正常件,F1,收展,"收展: F1, the least loaded service agent of 南京市鼓楼区 (district)",,2026-11-23,,
P2,K2,L1,,苏州市姑苏区人民路1号,32.0,118.8,纯孤儿单,正常件,F3,收展,"收展: F3, the nearest service agent who can take it, 0.0 km",,2026-11-23,,
EOF
}

@test "a policy's coordinate that is not one is a data error for its row; a roster's stops the run" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month,lat,lng
L1,left,sales,,,,,,0,0,0,0,,
F1,active,service,,,,,南京市鼓楼区,0,0,0,0,32.0,118.8
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,lat,lng
P1,K1,L1,,南京市鼓楼区汉中路1号,91,118.8
P2,K2,L1,,南京市鼓楼区汉中路1号,32.0,东经118
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
nearness:
  coordinates: {latitude: lat, longitude: lng}
routes:
  - name: 收展
    via: service
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,lat,lng,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,policy_id,customer_id,agent_id,main_policy_id,address,lat,lng
2,column 'lat': '91' is not a latitude (from -90 to 90),P1,K1,L1,,南京市鼓楼区汉中路1号,91,118.8
3,column 'lng': '东经118' is not a longitude (from -180 to 180),P2,K2,L1,,南京市鼓楼区汉中路1号,32.0,东经118
EOF
	sed -i 's/32.0,118.8$/32.0,/' agents.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: column 'lng': '' is not a coordinate (from -180 to 180)"
}

@test "an empty prefix in a service agent's area, or one that is no prefix of an address, stops the run at the roster's line" {
	no_holdings
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,南京市鼓楼区汉中路1号\n' > in.csv
	cat > r.yaml <<'EOF'
version: 1
routes:
  - name: 收展
    via: service
EOF
	for area in '南京市鼓楼区;' '南京市鼓楼区;;南京市玄武区'; do
		printf 'agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month\nL1,left,sales,,,,,,0,0,0,0\nF1,active,service,,,,,%s,0,0,0,0\n' "$area" > agents.csv
		run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv in.csv
		assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: an empty prefix in the area of F1"
	done
	printf 'agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month\nL1,left,sales,,,,,,0,0,0,0\nF1,active,service,,,,,南京市鼓楼区; 南京市玄武区,0,0,0,0\nF2,active,service,,,,,南京市玄武区中山,0,0,0,0\n' > agents.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: the area prefix ' 南京市玄武区' of F1 starts or ends with a space"
	sed -i '3d' agents.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: the area prefix '南京市玄武区中山' of F2 is not a prefix of an address (省, 市, 区/县, 街道/镇, 路, 号, 小区): '中山' is none"
}

@test "a route that finds service agents needs the input's address and the roster's area" {
	no_holdings
	printf 'agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,recruits_3m,complaints_3m,orphan_count,output_last_month\nL1,left,sales,,,,,0,0,0,0\n' > agents.csv
	printf 'policy_id,customer_id,agent_id,main_policy_id\nP1,K1,L1,\n' > in.csv
	cat > r.yaml <<'EOF'
version: 1
routes:
  - name: 收展
    via: service
EOF
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --check in.csv
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:3:5: column 'address' is not in the header of in.csv: 'policy_id', 'customer_id', 'agent_id', 'main_policy_id'; add it to the input, or map it to a header with columns: in r.yaml"
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:1: no column 'area' in --agents: 'agent_id', 'status', 'role', 'group_id', 'supervisor_id', 'recruiter_id', 'developer_id', 'recruits_3m', 'complaints_3m', 'orphan_count', 'output_last_month'"
}

@test "a neighbour that is not one part of an address, or of another level, is a rule error" {
	cat > r.yaml <<'EOF'
version: 1
nearness:
  neighbours:
    玄武区: [南京市秦淮区, 夫子庙街道, 鼓楼区]
    南京: [鼓楼区]
routes:
  - via: service
EOF
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --check
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:4:11: a neighbour is one part of an address (a district, a street ...), not '南京市秦淮区'
cm-orphan-assign: r.yaml:4:19: '夫子庙街道' is a street and '玄武区' a district: neighbours are of one level
cm-orphan-assign: r.yaml:5:5: a neighbour is one part of an address (a district, a street ...), not '南京'"
}

# --- entrust: 外派件, for one service --------------------------------------------

@test "entrust gives a 外派件 to the service agent named on it, for one service, whatever the cap" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,,0,0,0,0
F1,active,service,,,,,南京市玄武区,0,0,200,0
F2,active,service,,,,,南京市玄武区,0,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_state,service_agent_id
P1,K1,L1,,南京市玄武区中山路1号,外派件,F1
P2,K2,L1,,南京市玄武区中山路2号,外派件,
P3,K3,L1,,南京市玄武区中山路3号,正常件,F1
EOF
	cat > r.yaml <<'EOF'
version: 1
state:
  rules: [{name: 外派件, when: {orphan_state: 外派件}}]
  default: 正常件
routes:
  - name: 外派件
    when: {orphan_state: 外派件}
    via: entrust
  - name: 收展
    via: service
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --loads loads.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_state,service_agent_id,orphan_type,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市玄武区中山路1号,外派件,F1,纯孤儿单,F1,外派件,"外派件: F1 is named on the policy, for one service",,2026-11-23,,yes
P2,K2,L1,,南京市玄武区中山路2号,外派件,,纯孤儿单,F2,外派件,"外派件: F2, the least loaded service agent of 南京市玄武区 (district), for one service",,2026-11-23,,yes
P3,K3,L1,,南京市玄武区中山路3号,正常件,F1,纯孤儿单,F2,收展,"收展: F2, the least loaded service agent of 南京市玄武区 (district)",,2026-11-23,,
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
kind,id,held_before,assigned,held_after,cap,one_service,placed,borrowed_out,borrowed_in,queued
agent,F1,200,0,200,200,1,,,,
agent,F2,0,1,1,200,1,,,,
area,南京市玄武区,,,,,,3,,,0
EOF
}

@test "entrust passes over a named service agent who cannot take the policy to the nearest" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,,0,0,0,0
F1,left,service,,,,,南京市玄武区,0,0,0,0
F2,active,service,,,,,南京市玄武区,0,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,service_agent_id
P1,K1,L1,,南京市玄武区中山路1号,F1
EOF
	cat > r.yaml <<'EOF'
version: 1
routes:
  - name: 外派件
    via: entrust
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,service_agent_id,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市玄武区中山路1号,F1,纯孤儿单,,F2,外派件,"外派件: F1 is not active; 外派件: F2, the least loaded service agent of 南京市玄武区 (district), for one service",,2026-11-23,,yes
EOF
}

@test "a 外派件 naming an agent who is not a service agent is a data error for its unit, with --rejects honoured" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,,0,0,0,0
A1,active,sales,,,,,,1,0,0,0
F1,active,service,,,,,南京市玄武区,0,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,service_agent_id
P1,K1,L1,,南京市玄武区中山路1号,A1
P2,K2,L1,,南京市玄武区中山路2号,X9
P3,K3,L1,,南京市玄武区中山路3号,F1
EOF
	cat > r.yaml <<'EOF'
version: 1
routes:
  - name: 外派件
    via: entrust
EOF
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: in.csv:2: 'A1' in service_agent_id is not a service agent of the roster agents.csv"
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,service_agent_id,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P3,K3,L1,,南京市玄武区中山路3号,F1,纯孤儿单,,F1,外派件,"外派件: F1 is named on the policy, for one service",,2026-11-23,,yes
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,policy_id,customer_id,agent_id,main_policy_id,address,service_agent_id
2,'A1' in service_agent_id is not a service agent of the roster agents.csv,P1,K1,L1,,南京市玄武区中山路1号,A1
3,'X9' in service_agent_id is not a service agent of the roster agents.csv,P2,K2,L1,,南京市玄武区中山路2号,X9
EOF
}

# --- sources: where an orphan policy comes from (22.2) ---------------------------

# Rules that know the sources, with a route for those of an agent who left
# and the service team for the rest.
source_rules() {
	cat > r.yaml <<'EOF'
version: 1
sources:
  default: 离司
  departed: [离司]
  other: [迁入, 长期失效, 整合]
routes:
  - name: 直接增员者
    source: [离司]
    via: recruiter
  - name: 收展
    via: service
  - name: 待分配
    via: queue
    queue: 待分配
EOF
}

@test "sources: an empty or absent source is the default, and the output says each policy's" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,,0,0,0,0
R1,active,sales,,,,,,1,0,0,0
EOF
	no_holdings
	source_rules
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,东区\n' > in.csv
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,,R1,直接增员者,直接增员者: R1 is the recruiter of L1,离司,2026-11-23,,
EOF
	printf 'policy_id,source,customer_id,agent_id,main_policy_id,address\nP1,,K1,L1,,东区\n' > in.csv
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,source,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,assigned_date,high_end,one_service
P1,离司,K1,L1,,东区,纯孤儿单,,R1,直接增员者,直接增员者: R1 is the recruiter of L1,2026-11-23,,
EOF
}

@test "sources: 迁入, 长期失效 and 整合 skip the departed agent's routes and go to the service team, never back to their agent" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
A1,active,sales,,,R1,,,1,0,0,0
R1,active,sales,,,,,,1,0,0,0
F1,active,service,,,,,南京市玄武区,0,0,0,0
F2,active,service,,,,,南京市玄武区,0,0,3,0
EOF
	no_holdings
	source_rules
	# P2 is F1's own policy, lapsed: F2 though F1 holds less.  The agent
	# of P3 is not in the roster: another channel's.
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,source
P1,K1,A1,,南京市玄武区中山路1号,长期失效
P2,K2,F1,,南京市玄武区中山路2号,长期失效
P3,K3,OTHERCHANNEL,,南京市玄武区中山路3号,整合
P4,K4,,,南京市玄武区中山路4号,迁入
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,source,orphan_type,orphan_state,assigned_to,route,reason,assigned_date,high_end,one_service
P1,K1,A1,,南京市玄武区中山路1号,长期失效,纯孤儿单,,F1,收展,"收展: F1, the least loaded service agent of 南京市玄武区 (district)",2026-11-23,,
P2,K2,F1,,南京市玄武区中山路2号,长期失效,纯孤儿单,,F2,收展,"收展: F2, the least loaded service agent of 南京市玄武区 (district)",2026-11-23,,
P3,K3,OTHERCHANNEL,,南京市玄武区中山路3号,整合,纯孤儿单,,F1,收展,"收展: F1, the least loaded service agent of 南京市玄武区 (district)",2026-11-23,,
P4,K4,,,南京市玄武区中山路4号,迁入,纯孤儿单,,F1,收展,"收展: F1, the least loaded service agent of 南京市玄武区 (district)",2026-11-23,,
EOF
}

@test "sources: an unknown source, or a departed agent who is active, is a data error, with --rejects honoured" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,,0,0,0,0
R1,active,sales,,,,,,1,0,0,0
EOF
	no_holdings
	source_rules
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,source
P1,K1,L1,,东区,离职
P2,K2,R1,,东区,离司
P3,K3,R1,,东区,
P4,K4,,,东区,离司
P5,K5,L1,,东区,离司
EOF
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: in.csv:2: unknown source '离职' in the column 'source' (离司, 迁入, 长期失效 or 整合)"
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,source,orphan_type,orphan_state,assigned_to,route,reason,assigned_date,high_end,one_service
P5,K5,L1,,东区,离司,纯孤儿单,,R1,直接增员者,直接增员者: R1 is the recruiter of L1,2026-11-23,,
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,policy_id,customer_id,agent_id,main_policy_id,address,source
2,"unknown source '离职' in the column 'source' (离司, 迁入, 长期失效 or 整合)",P1,K1,L1,,东区,离职
3,the departed agent 'R1' is active in the roster agents.csv (source 离司),P2,K2,R1,,东区,离司
4,the departed agent 'R1' is active in the roster agents.csv (source 离司),P3,K3,R1,,东区,
5,the column 'agent_id' is empty,P4,K4,,,东区,离司
EOF
}

@test "sources: a route's source list, the default and the lists are checked in the rules" {
	cat > r.yaml <<'EOF'
version: 1
sources:
  default: 离职
  departed: [离司, 迁入]
  other: [迁入, ""]
routes:
  - source: [整和]
    via: service
  - source: 离司
    via: queue
    queue: q
EOF
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --check
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:5:11: source '迁入' is listed twice (first at line 4)
cm-orphan-assign: r.yaml:5:15: a source may not be empty: an empty cell is the default
cm-orphan-assign: r.yaml:3:12: the default source '离职' is not among the sources: 离司 or 迁入
cm-orphan-assign: r.yaml:7:14: unknown source '整和' (离司 or 迁入)
cm-orphan-assign: r.yaml:9:13: source must be a list, not a scalar"
	printf 'version: 1\nroutes:\n  - {source: [离司], via: service}\n' > r.yaml
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --check
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:3:14: a route's source: needs the sources: of the rules"
}

# --- borrowing between groups -------------------------------------------------------

# A roster of three groups: G1's only agent cannot take anything, G2 has
# more room than G3.
borrow_roster() {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month,branch_id
L1,left,sales,G1,,,,,0,0,0,0,B1
A1,active,sales,G1,,,,,0,0,0,5000,B1
B1,active,sales,G2,,,,,1,0,197,9000,B2
B2,active,sales,G2,,,,,1,0,190,8000,B2
C1,active,sales,G3,,,,,1,0,195,7000,B1
C2,active,sales,G3,,,,,1,0,199,6000,B1
F1,active,service,,,,,南京市玄武区,0,0,0,0,B1
EOF
}

@test "borrow: a pure policy the group cannot take goes to the other group with the most room, in its turn" {
	borrow_roster
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
P1,K1,L1,,南京市玄武区中山路1号
P2,K2,L1,,南京市玄武区中山路2号
P3,K3,L1,,南京市玄武区中山路3号
EOF
	cat > r.yaml <<'EOF'
version: 1
block: 2
eligible:
  recruited: {recruits_3m: {ge: 1}}
routes:
  - name: 本组分配
    via: group
    need: [recruited]
  - name: 他组调配
    via: borrow
    need: [recruited]
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --loads loads.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市玄武区中山路1号,纯孤儿单,,B1,他组调配,"本组分配: A1 is not eligible (recruited); 本组分配: no agent of group G1 can take it; 他组调配: B1's turn in group G2, the group with the most room, for group G1 (by last month's output)",,2026-11-23,,
P2,K2,L1,,南京市玄武区中山路2号,纯孤儿单,,B1,他组调配,"本组分配: A1 is not eligible (recruited); 本组分配: no agent of group G1 can take it; 他组调配: B1's turn in group G2, the group with the most room, for group G1 (by last month's output)",,2026-11-23,,
P3,K3,L1,,南京市玄武区中山路3号,纯孤儿单,,B2,他组调配,"本组分配: A1 is not eligible (recruited); 本组分配: no agent of group G1 can take it; 他组调配: B2's turn in group G2, the group with the most room, for group G1 (by last month's output)",,2026-11-23,,
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
kind,id,held_before,assigned,held_after,cap,one_service,placed,borrowed_out,borrowed_in,queued
agent,B1,197,2,199,200,0,,,,
agent,B2,190,1,191,200,0,,,,
agent,C1,195,0,195,200,0,,,,
agent,C2,199,0,199,200,0,,,,
group,G1,,,,,,0,3,0,
group,G2,,,,,,0,0,3,
group,G3,,,,,,0,0,0,
EOF
}

@test "borrow: a group without an agent with room for the whole unit passes it on, and groups of equal room go to the lower group id" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G9,,,,,0,0,0,0
X1,active,sales,GB,,,,,1,0,199,3
X2,active,sales,GB,,,,,1,0,199,2
X3,active,sales,GB,,,,,1,0,199,1
Z1,active,sales,GC,,,,,1,0,198,0
Y1,active,sales,GA,,,,,1,0,198,0
EOF
	no_holdings
	# GB has the most room, 3, but in pieces too small for P1 and its
	# rider: GA and GC have 2 each, and GA's id is the lower.  Then GB
	# has the most room for P3, and for P4 as much as GC.
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
P1,K1,L1,,东区
P2,K1,L1,P1,东区
P3,K2,L1,,东区
P4,K3,L1,,东区
EOF
	cat > r.yaml <<'EOF'
version: 1
routes:
  - name: 他组调配
    via: borrow
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,组合性孤儿保单,,Y1,他组调配,"他组调配: Y1's turn in group GA, the group with the most room, for group G9 (by last month's output)",,2026-11-23,,
P2,K1,L1,P1,东区,组合性孤儿保单,,Y1,他组调配,"他组调配: Y1's turn in group GA, the group with the most room, for group G9 (by last month's output)",,2026-11-23,,
P3,K2,L1,,东区,纯孤儿单,,X1,他组调配,"他组调配: X1's turn in group GB, the group with the most room, for group G9 (by last month's output)",,2026-11-23,,
P4,K3,L1,,东区,纯孤儿单,,X2,他组调配,"他组调配: X2's turn in group GB, the group with the most room, for group G9 (by last month's output)",,2026-11-23,,
EOF
}

@test "borrow: same: keeps borrowing inside a branch column of the roster" {
	borrow_roster
	no_holdings
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,南京市玄武区中山路1号\n' > in.csv
	cat > r.yaml <<'EOF'
version: 1
eligible:
  recruited: {recruits_3m: {ge: 1}}
routes:
  - name: 他组调配
    via: borrow
    same: branch_id
    need: [recruited]
  - name: 收展
    via: service
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市玄武区中山路1号,纯孤儿单,,C1,他组调配,"他组调配: C1's turn in group G3, the group with the most room, for group G1 (by last month's output)",,2026-11-23,,
EOF
	sed -i 's/^C1,active,sales,G3,,,,,1,0,195,/C1,active,sales,G3,,,,,1,0,200,/; s/^C2,active,sales,G3,,,,,1,0,199,/C2,active,sales,G3,,,,,1,0,200,/' agents.csv
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市玄武区中山路1号,纯孤儿单,,F1,收展,"他组调配: no other group of branch_id 'B1' has room for it; 收展: F1, the least loaded service agent of 南京市玄武区 (district)",,2026-11-23,,
EOF
}

@test "borrow: a group whose agents differ in the same: column stops the run; same: on another route is a rule error" {
	borrow_roster
	sed -i 's/^C2,\(.*\),B1$/C2,\1,B2/' agents.csv
	no_holdings
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,东区\n' > in.csv
	cat > r.yaml <<'EOF'
version: 1
routes:
  - name: 他组调配
    via: borrow
    same: branch_id
EOF
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:7: agent 'C2' of group 'G3' has branch_id 'B2', and the group's first agent, 'C1', 'B1'"
	printf 'version: 1\nroutes:\n  - {via: group, same: branch_id}\n' > r.yaml
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --check
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:3:24: same: is for a route via borrow"
	printf 'version: 1\nroutes:\n  - {via: borrow, same: branch}\n' > r.yaml
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --agents agents.csv --check in.csv
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:3:25: column 'branch' is not in the header of agents.csv: 'agent_id', 'status', 'role', 'group_id', 'supervisor_id', 'recruiter_id', 'developer_id', 'area', 'recruits_3m', 'complaints_3m', 'orphan_count', 'output_last_month', 'branch_id'; add it to the input, or map it to a header with columns: in r.yaml"
}

# --- the shipped routes: group, borrowing, the service team --------------------------

# The shipped rules' roster: group G's supervisor S1 and agent R1 cannot
# take anything; group H's H1 can, and two service agents.
shipped_roster() {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,S1,R1,,,0,0,0,0
R1,active,sales,G,S1,,,,0,0,0,9000
S1,active,supervisor,G,,,,,2,1,0,50000
H1,active,sales,H,,,,,1,0,199,3000
F1,active,service,,,,,南京市玄武区,0,0,12,0
F2,active,service,,,,,南京市玄武区,5,3,11,0
EOF
}

@test "the shipped rules: a pure policy the group cannot take goes to another group, then to the service team, least loaded first" {
	shipped_roster
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium
P1,K1,L1,,南京市玄武区中山路1号,有效,正常件,1000
P2,K2,L1,,南京市玄武区中山路2号,有效,正常件,1000
P3,K3,L1,,南京市玄武区中山路3号,有效,正常件,1000
EOF
	run -0 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium,orphan_type,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市玄武区中山路1号,有效,正常件,1000,纯孤儿单,H1,他组调配,直接增员者：R1不符合接收条件（最近3个月有效增员1人以上）；直辖组主管：S1不符合接收条件（最近3个月无客户有效投诉）；本组分配：S1不符合接收条件（最近3个月无客户有效投诉）；本组分配：R1不符合接收条件（最近3个月有效增员1人以上）；本组分配：G组无人可接收；他组调配：G组名额不足，调配至富余名额最多的H组，按上月产能排序轮到H1,离司,2026-11-23,,
P2,K2,L1,,南京市玄武区中山路2号,有效,正常件,1000,纯孤儿单,F2,收展,直接增员者：R1不符合接收条件（最近3个月有效增员1人以上）；直辖组主管：S1不符合接收条件（最近3个月无客户有效投诉）；本组分配：S1不符合接收条件（最近3个月无客户有效投诉）；本组分配：R1不符合接收条件（最近3个月有效增员1人以上）；本组分配：G组无人可接收；他组调配：其他组均无富余名额；收展：F2，南京市玄武区（区县级）名下件数最少的收展人员,离司,2026-11-23,,
P3,K3,L1,,南京市玄武区中山路3号,有效,正常件,1000,纯孤儿单,F1,收展,直接增员者：R1不符合接收条件（最近3个月有效增员1人以上）；直辖组主管：S1不符合接收条件（最近3个月无客户有效投诉）；本组分配：S1不符合接收条件（最近3个月无客户有效投诉）；本组分配：R1不符合接收条件（最近3个月有效增员1人以上）；本组分配：G组无人可接收；他组调配：其他组均无富余名额；收展：F1，南京市玄武区（区县级）名下件数最少的收展人员,离司,2026-11-23,,
EOF
}

@test "the shipped rules: a non-pure policy whose signers cannot take it goes to the service team, not to the group" {
	shipped_roster
	sed -i 's/^R1,active,sales,G,S1,,,,0,/R1,active,sales,G,S1,,,,1,/; s/^H1,.*/H1,active,sales,G,,,,,1,0,200,3000/' agents.csv
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K1,H1,,2026-10-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium
P1,K1,L1,,南京市玄武区中山路1号,有效,正常件,1000
P2,K2,L1,,南京市玄武区中山路2号,有效,正常件,1000
EOF
	run -0 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium,orphan_type,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市玄武区中山路1号,有效,正常件,1000,非纯孤儿单,F2,收展,非纯孤儿单：H1名下将达201件，超过上限200件；收展：F2，南京市玄武区（区县级）名下件数最少的收展人员,离司,2026-11-23,,
P2,K2,L1,,南京市玄武区中山路2号,有效,正常件,1000,纯孤儿单,R1,直接增员者,直接增员者：R1是L1的直接增员者,离司,2026-11-23,,
EOF
}

@test "the shipped rules: without the borrow route, a full group's pure policies go to the service team" {
	shipped_roster
	no_holdings
	sed '/- name: 他组调配/,/need:/d' "$ROOT/rules/orphan.yaml" > r.yaml
	grep -q 'via: group' r.yaml
	! grep -q 'via: borrow' r.yaml
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium
P1,K1,L1,,南京市玄武区中山路1号,有效,正常件,1000
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium,orphan_type,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,南京市玄武区中山路1号,有效,正常件,1000,纯孤儿单,F2,收展,直接增员者：R1不符合接收条件（最近3个月有效增员1人以上）；直辖组主管：S1不符合接收条件（最近3个月无客户有效投诉）；本组分配：S1不符合接收条件（最近3个月无客户有效投诉）；本组分配：R1不符合接收条件（最近3个月有效增员1人以上）；本组分配：G组无人可接收；收展：F2，南京市玄武区（区县级）名下件数最少的收展人员,离司,2026-11-23,,
EOF
}

# --- the cap's count, high-end customers, the date ----------------------------------

@test "cap_counts: contracts counts a main policy with its riders once against the cap" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,,0,0,0,0
R1,active,sales,,,,,,1,0,198,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
P1,K1,L1,,东区
P2,K1,L1,P1,东区
P3,K1,L1,P1,东区
P4,K2,L1,,东区
P5,K3,L1,,东区
EOF
	printf 'version: 1\ncap_counts: contracts\nroutes:\n  - {name: 增员人, via: recruiter}\n' > r.yaml
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --loads loads.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,组合性孤儿保单,,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P2,K1,L1,P1,东区,组合性孤儿保单,,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P3,K1,L1,P1,东区,组合性孤儿保单,,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P4,K2,L1,,东区,纯孤儿单,,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P5,K3,L1,,东区,纯孤儿单,,,,"增员人: R1 would hold 201, over the cap of 200; no route could place it",,,,
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
kind,id,held_before,assigned,held_after,cap,one_service,placed,borrowed_out,borrowed_in,queued
agent,R1,198,2,200,200,0,,,,
EOF
	printf 'version: 1\ncap_counts: policies\nroutes:\n  - {name: 增员人, via: recruiter}\n' > r.yaml
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_line --index 1 'P1,K1,L1,,东区,组合性孤儿保单,,,,"增员人: R1 would hold 201, over the cap of 200; no route could place it",,,,'
	printf 'version: 1\ncap_counts: contract\nroutes:\n  - {via: recruiter}\n' > r.yaml
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --check
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:2:13: unknown cap_counts 'contract' (did you mean 'contracts'?)"
}

@test "high_end marks every policy of a customer whose orphan policies' annual premium adds up to it, with the sum" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,,0,0,0,0
R1,active,sales,,,,,,1,0,0,0
EOF
	no_holdings
	# K1's two units (keep_customer: false) add up to 20000; K2 falls
	# short by a cent; K3's rejected policy does not count.
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,annual_premium
P1,K1,L1,,东区,12000
P2,K2,L1,,东区,19999.99
P3,K1,L1,,东区,7400.5
P4,K1,L1,P3,东区,599.5
P5,K3,L1,,东区,30000
P6,K3,L1,P9,东区,1000
P7,K4,L1,,东区,
EOF
	printf 'version: 1\nhigh_end: 20000\nkeep_customer: false\nroutes:\n  - {name: 增员人, via: recruiter, when: {high_end: {empty: false}}}\n  - {name: 待分配, via: queue, queue: 待分配}\n' > r.yaml
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv --stats -o out.csv in.csv
	run -0 cat out.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,annual_premium,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,12000,纯孤儿单,,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,20000,
P2,K2,L1,,东区,19999.99,纯孤儿单,,queue:待分配,待分配,待分配: to the queue 待分配,,2026-11-23,,
P3,K1,L1,,东区,7400.5,组合性孤儿保单,,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,20000,
P4,K1,L1,P3,东区,599.5,组合性孤儿保单,,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,20000,
P5,K3,L1,,东区,30000,纯孤儿单,,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,30000,
P7,K4,L1,,东区,,纯孤儿单,,queue:待分配,待分配,待分配: to the queue 待分配,,2026-11-23,,
EOF
	printf 'policy_id,customer_id,agent_id,main_policy_id,address,annual_premium\nP1,K1,L1,,东区,1万\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: in.csv:2: column 'annual_premium': '1万' is not a number"
}

@test "--stats counts the high-end customers" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,,0,0,0,0
R1,active,sales,,,,,,1,0,0,0
EOF
	no_holdings
	printf 'policy_id,customer_id,agent_id,main_policy_id,address,annual_premium\nP1,K1,L1,,东区,20000\nP2,K2,L1,,东区,100\nP3,K3,L1,,东区,25000\n' > in.csv
	printf 'version: 1\nhigh_end: 20000\nroutes:\n  - {name: 增员人, via: recruiter}\n' > r.yaml
	run --separate-stderr -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --stats -o out.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: read: 3
cm-orphan-assign: written: 3
cm-orphan-assign: rejected: 0
cm-orphan-assign: route 增员人: units: 3
cm-orphan-assign: route 增员人: policies: 3
cm-orphan-assign: unassigned policies: 0
cm-orphan-assign: high-end customers: 2"
}

@test "assigned_date is the run's --today for every policy given to an agent or a queue, and empty for one left unassigned" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,,0,0,0,0
L2,left,sales,,,,,,0,0,0,0
R1,active,sales,,,,,,1,0,0,0
EOF
	no_holdings
	printf 'policy_id,customer_id,agent_id,main_policy_id,address,assigned_date\nP1,K1,L1,,东区,2026-01-01\nP2,K2,L2,,东区,2026-01-01\nP3,K3,L2,,东区,\n' > in.csv
	printf 'version: 1\nroutes:\n  - {name: 增员人, via: recruiter}\n  - {name: 问题件, via: queue, queue: 问题件, when: {policy_id: P2}}\n' > r.yaml
	run -0 cm-orphan-assign -r r.yaml --today 2026/12/1 --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,assigned_date,orphan_type,orphan_state,assigned_to,route,reason,source,high_end,one_service
P1,K1,L1,,东区,2026-12-01,纯孤儿单,,R1,增员人,增员人: R1 is the recruiter of L1,,,
P2,K2,L2,,东区,2026-12-01,纯孤儿单,,queue:问题件,问题件,增员人: L2 has no recruiter; 问题件: to the queue 问题件,,,
P3,K3,L2,,东区,,纯孤儿单,,,,增员人: L2 has no recruiter; no route could place it,,,
EOF
}

# --- queues -----------------------------------------------------------------------

@test "the shipped rules send problem policies to their queue, unreachable ones back to the branch, and what no one takes to 待分配" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium
P1,K1,L1,,东区,有效,问题件,
P2,K2,L1,,东区,有效,困难件,
P3,K3,L1,,东区,有效,,
P4,K4,L1,,西区,失效,,
EOF
	sed 's/^L1,left,sales,,,R1,/L1,left,sales,,,,/' agents.csv > norecruiter.csv
	run -0 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium,orphan_type,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,有效,问题件,,纯孤儿单,queue:问题件,问题件,问题件：转入问题件队列,离司,2026-11-23,,
P2,K2,L1,,东区,有效,困难件,,纯孤儿单,queue:分公司,困难件,困难件：转入分公司队列,离司,2026-11-23,,
P3,K3,L1,,东区,有效,正常件,,纯孤儿单,R1,直接增员者,直接增员者：R1是L1的直接增员者,离司,2026-11-23,,
P4,K4,L1,,西区,失效,失效件,,纯孤儿单,R1,直接增员者,直接增员者：R1是L1的直接增员者,离司,2026-11-23,,
EOF
	run -0 cm-orphan-assign --agents norecruiter.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium,orphan_type,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,有效,问题件,,纯孤儿单,queue:问题件,问题件,问题件：转入问题件队列,离司,2026-11-23,,
P2,K2,L1,,东区,有效,困难件,,纯孤儿单,queue:分公司,困难件,困难件：转入分公司队列,离司,2026-11-23,,
P3,K3,L1,,东区,有效,正常件,,纯孤儿单,queue:待分配,待分配,直接增员者：L1无直接增员者；直辖组主管：L1无直辖组主管；本组分配：L1无所属营业组；他组调配：其他组均无富余名额；收展：无收展人员的服务区域靠近“东区”；待分配：转入待分配队列,离司,2026-11-23,,
P4,K4,L1,,西区,失效,失效件,,纯孤儿单,queue:待分配,待分配,直接增员者：L1无直接增员者；直辖组主管：L1无直辖组主管；本组分配：L1无所属营业组；他组调配：其他组均无富余名额；收展：无收展人员的服务区域靠近“西区”；待分配：转入待分配队列,离司,2026-11-23,,
EOF
}

@test "a unit that no route places keeps an empty assigned_to and route, and --stats counts it unassigned" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,left,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,组合性孤儿保单,正常件,,,增员人: R1 is not active; no route could place it,,,,
P2,K1,L1,P1,东区,组合性孤儿保单,正常件,,,增员人: R1 is not active; no route could place it,,,,
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
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,199,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P2,K2,L1,,东区,纯孤儿单,正常件,queue:待分配,待分配,"增员人: R1 would hold 201, over the cap of 200; 待分配: to the queue 待分配",,2026-11-23,,
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
kind,id,held_before,assigned,held_after,cap,one_service,placed,borrowed_out,borrowed_in,queued
agent,R1,199,1,200,200,0,,,,
EOF
}

@test "a main policy and its rider go whole to the next route when they do not fit, though one of them would" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,S1,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,199,0
S1,active,supervisor,,,,,东区,1,0,198,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,组合性孤儿保单,正常件,S1,主管,"增员人: R1 would hold 201, over the cap of 200; 主管: S1 is the supervisor of L1",,2026-11-23,,
P2,K1,L1,P1,东区,组合性孤儿保单,正常件,S1,主管,"增员人: R1 would hold 201, over the cap of 200; 主管: S1 is the supervisor of L1",,2026-11-23,,
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
kind,id,held_before,assigned,held_after,cap,one_service,placed,borrowed_out,borrowed_in,queued
agent,R1,199,0,199,200,0,,,,
agent,S1,198,2,200,200,0,,,,
EOF
}

@test "a combination that fits no one is never split: it stays unassigned whole" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,1,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,组合性孤儿保单,正常件,,,"增员人: R1 would hold 4, over the cap of 3; no route could place it",,,,
P2,K1,L1,P1,东区,组合性孤儿保单,正常件,,,"增员人: R1 would hold 4, over the cap of 3; no route could place it",,,,
P3,K1,L1,,东区,组合性孤儿保单,正常件,,,"增员人: R1 would hold 4, over the cap of 3; no route could place it",,,,
EOF
}

@test "non-pure before pure: a pure policy first in the input loses the last place to a later non-pure one" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,,,东区,0,0,0,0
B1,active,sales,,,,,东区,0,0,0,0
F1,active,service,,,,,东区,0,0,199,0
EOF
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K2,B1,,2026-01-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,queue:待分配,待分配,收展: no service agent of 东区 (district) can take it; 待分配: to the queue 待分配,,2026-11-23,,
P2,K2,L1,,东区,非纯孤儿单,正常件,F1,收展,"收展: F1, the least loaded service agent of 东区 (district)",,2026-11-23,,
EOF
}

@test "units claim room non-pure first, then combinations, then pure, each in input order; rows stay in input order" {
	# R1 has room for 5: K4 and K6 (non-pure) take 2, K2 (a combination)
	# 2; K5 (a combination of 2) does not fit, K1 (pure, 1) does, K3 not.
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P2,K2,L1,,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P3,K2,L1,P2,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P4,K3,L1,,东区,纯孤儿单,正常件,,,"增员人: R1 would hold 201, over the cap of 200; no route could place it",,,,
P5,K4,L1,,东区,非纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P6,K5,L1,,东区,组合性孤儿保单,正常件,,,"增员人: R1 would hold 201, over the cap of 200; no route could place it",,,,
P7,K5,L1,P6,东区,组合性孤儿保单,正常件,,,"增员人: R1 would hold 201, over the cap of 200; no route could place it",,,,
P8,K6,L1,,东区,非纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
EOF
}

@test "keep_customer puts all of a policyholder's orphan policies in one unit, wherever they are in the input" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,0
A1,active,sales,G,,,,东区,1,0,0,300
A2,active,sales,G,,,,东区,1,0,0,200
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P2,K2,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output),,2026-11-23,,
P3,K1,L1,,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P4,K1,L1,P3,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
EOF
}

@test "keep_customer: false keeps only a main policy with its riders together" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,0
A1,active,sales,G,,,,东区,1,0,0,300
A2,active,sales,G,,,,东区,1,0,0,200
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P2,K1,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output),,2026-11-23,,
P3,K1,L1,P1,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P4,K2,L1,,东区,纯孤儿单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
EOF
}

@test "a rider whose policyholder differs from its main policy's still goes with its main policy" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G,,,,东区,0,0,0,0
A1,active,sales,G,,,,东区,1,0,0,300
A2,active,sales,G,,,,东区,1,0,0,200
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P2,K2,L1,P1,东区,组合性孤儿保单,正常件,A1,本组,本组: A1's turn in group G (by last month's output),,2026-11-23,,
P3,K3,L1,,东区,纯孤儿单,正常件,A2,本组,本组: A2's turn in group G (by last month's output),,2026-11-23,,
EOF
}

# --- states and a route's when --------------------------------------------------

@test "state rules give each policy its state, first match wins, in place of the input's column" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,orphan_state,customer_id,agent_id,main_policy_id,address,phone,complaint
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
policy_id,orphan_state,customer_id,agent_id,main_policy_id,address,phone,complaint,orphan_type,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,正常件,K1,L1,,东区,13166131860,,纯孤儿单,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P2,困难件,K2,L1,,东区,,,纯孤儿单,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P3,问题件,K3,L1,,东区,,挪用保费,纯孤儿单,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P4,正常件,K4,L1,,东区,13166131861,,纯孤儿单,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
EOF
}

@test "a rule file without state: writes an empty orphan_state" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
EOF
}

@test "a route's when holds for a unit when it holds for any of its policies: a problem rider takes its main policy to the queue" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_state
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_state,orphan_type,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,正常件,组合性孤儿保单,queue:问题件,问题件,问题件: to the queue 问题件,,2026-11-23,,
P2,K1,L1,P1,东区,问题件,组合性孤儿保单,queue:问题件,问题件,问题件: to the queue 问题件,,2026-11-23,,
P3,K2,L1,,东区,正常件,纯孤儿单,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
EOF
}

@test "a route's when reads orphan_type: high-end pure customers to a queue of their own" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
B1,active,sales,,,,,东区,1,0,0,0
EOF
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K2,B1,,2026-01-01
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,annual_premium
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
policy_id,customer_id,agent_id,main_policy_id,address,annual_premium,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,26000,纯孤儿单,正常件,queue:高端客户,高端,高端: to the queue 高端客户,,2026-11-23,,
P2,K2,L1,,东区,48000,非纯孤儿单,正常件,B1,签单人,签单人: B1 signed a main policy with the policyholder,,2026-11-23,,
P3,K3,L1,,东区,3600,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
EOF
}

@test "a cell that a route's when cannot read is a data error for its row" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,annual_premium
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
policy_id,customer_id,agent_id,main_policy_id,address,annual_premium,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,26000,纯孤儿单,正常件,queue:高端客户,高端,高端: to the queue 高端客户,,2026-11-23,,
P3,K3,L1,,东区,,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,policy_id,customer_id,agent_id,main_policy_id,address,annual_premium
3,column 'annual_premium': '三万' is not a number (ge at line 5 of the rules),P2,K2,L1,,东区,三万
EOF
}

@test "a cell that a state rule cannot read is a data error for its row" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,lapse_date
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
policy_id,customer_id,agent_id,main_policy_id,address,lapse_date,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,2026-01-05,纯孤儿单,失效件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
EOF
}

@test "a roster cell that an eligible condition cannot read stops the run at the roster's line" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,两,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,S1,R1,,东区,0,0,3,0
R1,active,sales,,,,,东区,1,0,0,0
X1,active,sales,,,,,东区,1,0,0,0
S1,active,supervisor,,,,,东区,1,0,7,0
F1,active,service,,,,,东区,0,0,,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P2,K1,L1,P1,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P3,K2,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P4,K3,L1,,东区,纯孤儿单,正常件,,,"增员人: R1 would hold 4, over the cap of 3; 主管: S1 would hold 8, over the cap of 3; no route could place it",,,,
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
kind,id,held_before,assigned,held_after,cap,one_service,placed,borrowed_out,borrowed_in,queued
agent,L1,3,0,3,3,0,,,,
agent,R1,0,3,3,3,0,,,,
agent,S1,7,0,7,3,0,,,,
EOF
}

@test "--stats counts rows read, written and rejected, the units and policies of each route, and the policies left unassigned" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,198,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_state
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
policy_id,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P2,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P3,queue:问题件,问题件,问题件: to the queue 问题件,,2026-11-23,,
P4,,,"增员人: R1 would hold 201, over the cap of 200; 收展: no service agent's area is near '东区'; no route could place it",,,,
EOF
}

# --- bad rows -------------------------------------------------------------------------

@test "a policy with an empty policy, customer or agent id is a data error" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,东区\n,K2,L1,,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: in.csv:3: the column 'policy_id' is empty"
	[ ! -e out.csv ]
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,东区\nP2,,L1,,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: in.csv:3: the column 'customer_id' is empty"
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,东区\nP2,K2,,,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: in.csv:3: the column 'agent_id' is empty"
}

@test "a departed agent missing from the roster is a data error" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,东区\nP2,K2,l1,,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: in.csv:3: the departed agent 'l1' is not in the roster agents.csv"
	[ ! -e out.csv ]
}

@test "a rider whose main policy is not among the orphans is a data error" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,东区\nP2,K1,L1,P9,东区\nP3,K1,L1,P1,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: in.csv:3: the rider's main policy 'P9' is not among the orphan policies"
	[ ! -e out.csv ]
}

@test "a rider whose main policy is itself a rider is a data error, whatever the order" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP2,K1,L1,P3,东区\nP3,K1,L1,P1,东区\nP1,K1,L1,,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: in.csv:2: the rider's main policy 'P3' is itself a rider"
	[ ! -e out.csv ]
	run --separate-stderr -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --rejects rej.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P3,K1,L1,P1,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P1,K1,L1,,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
EOF
	assert_equal "$(cat rej.csv)" "_line,_reason,policy_id,customer_id,agent_id,main_policy_id,address
2,the rider's main policy 'P3' is itself a rider,P2,K1,L1,P3,东区"
}

@test "a policy listed twice is a data error at its second line" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
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
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,东区\nP2,K2,L1,,东区\nP1,K3,L1,,东区\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: in.csv:4: policy 'P1' is listed twice"
	[ ! -e out.csv ]
}

@test "with --rejects, bad policies go to the rejects file, the rest are assigned, and the counts add up" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	no_holdings
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,address
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
policy_id,customer_id,agent_id,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P2,K1,L1,P1,东区,组合性孤儿保单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
P10,K10,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
EOF
	assert_equal "$stderr" "cm-orphan-assign: read: 10
cm-orphan-assign: written: 3
cm-orphan-assign: rejected: 7
cm-orphan-assign: route 增员人: units: 2
cm-orphan-assign: route 增员人: policies: 3
cm-orphan-assign: unassigned policies: 0"
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,policy_id,customer_id,agent_id,main_policy_id,address
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
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
L1,left,sales,,,R1,,东区,0,0,0,0
EOF
	no_holdings
	printf 'policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium\nP1,K1,L1,,东区,,,\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings holdings.csv --rejects rej.csv -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:4: agent 'L1' is listed twice (first at line 2)"
	[ ! -e out.csv ]
}

@test "a roster row with a non-number in orphan_count or output_last_month, or without an id, stops the run" {
	no_holdings
	printf 'policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium\nP1,K1,L1,,东区,,,\n' > in.csv
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,十二,0
EOF
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings holdings.csv --rejects rej.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: column 'orphan_count': '十二' is not a number"
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,12,"1,800"
EOF
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: column 'output_last_month': '1,800' is not a number"
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
,active,sales,,,,,东区,1,0,12,0
EOF
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: an agent without an id"
}

@test "a roster count error names the column as the data has it" {
	no_holdings
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,孤儿单件数,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,九,0
EOF
	{ cat "$ROOT/rules/orphan.yaml"; printf 'columns:\n  orphan_count: 孤儿单件数\n'; } > r.yaml
	printf 'policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium\nP1,K1,L1,,东区,,,\n' > in.csv
	run --separate-stderr -1 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:3: column '孤儿单件数': '九' is not a number"
}

@test "a roster or holdings file without a required column stops the run, listing its header" {
	printf 'policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium\nP1,K1,A001,,鼓楼区,,,\n' > in.csv
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count
L1,left,sales,,,R1,,东区,0,0,0
EOF
	no_holdings
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: agents.csv:1: no column 'output_last_month' in --agents: 'agent_id', 'status', 'role', 'group_id', 'supervisor_id', 'recruiter_id', 'developer_id', 'area', 'recruits_3m', 'complaints_3m', 'orphan_count'"
	cp "$ROOT/samples/agents.csv" agents.csv
	printf 'customer_id,agent_id,main_policy_id\n' > holdings.csv
	run --separate-stderr -1 cm-orphan-assign --agents agents.csv --holdings holdings.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: holdings.csv:1: no column 'sign_date' in --holdings: 'customer_id', 'agent_id', 'main_policy_id'"
}

@test "a holding of an orphan's policyholder whose sign date is not a date stops the run; other holdings are not read" {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,0,0
EOF
	cat > holdings.csv <<'EOF'
customer_id,agent_id,main_policy_id,sign_date
K9,R1,,不详
K1,R1,,2026-13-01
EOF
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\nP1,K1,L1,,东区\n' > in.csv
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
	printf 'policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium\nP1,K1,A001,,鼓楼区,,,\n' > in.csv
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
	printf 'policy_id,customer_id,agent_id,main_policy_id,address,status,orphan_state,annual_premium\nP1,K1,X999,,鼓楼区,,,\n' > in.csv
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
	printf 'policy_id,customer_id,agent_id,main_policy_id,address\n' > in.csv
	run --separate-stderr -2 cm-orphan-assign --check in.csv
	assert_equal "$stderr" "cm-orphan-assign: $ROOT/rules/orphan.yaml:31:11: columns 'annual_premium', 'orphan_state', 'status' are not in the header of in.csv: 'policy_id', 'customer_id', 'agent_id', 'main_policy_id', 'address'; add them to the input, or map them to headers with columns: in $ROOT/rules/orphan.yaml"
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
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:3:29: column 'recruits_6m' is not in the header of agents.csv: 'agent_id', 'name', 'status', 'role', 'group_id', 'supervisor_id', 'recruiter_id', 'developer_id', 'area', 'recruits_3m', 'complaints_3m', 'orphan_count', 'output_last_month'; add it to the input, or map it to a header with columns: in r.yaml"
	run --separate-stderr -2 cm-orphan-assign -r r.yaml --agents agents.csv --holdings "$ROOT/samples/holdings.csv" in.csv
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:3:29: column 'recruits_6m' is not in the header of agents.csv: 'agent_id', 'name', 'status', 'role', 'group_id', 'supervisor_id', 'recruiter_id', 'developer_id', 'area', 'recruits_3m', 'complaints_3m', 'orphan_count', 'output_last_month'; add it to the input, or map it to a header with columns: in r.yaml"
}

@test "--loads writes its columns under the data's names when columns: maps them" {
	cat > agents.csv <<'EOF'
营销员,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,,,R1,,东区,0,0,0,0
R1,active,sales,,,,,东区,1,0,4,0
EOF
	printf '投保人,营销员,main_policy_id,sign_date\n' > holdings.csv
	printf 'policy_id,投保人,营销员,main_policy_id,address\nP1,K1,L1,,东区\n' > in.csv
	cat > r.yaml <<'EOF'
version: 1
columns:
  agent_id: 营销员
  customer_id: 投保人
  id: 编号
  assigned: 本次分配
state: {rules: [], default: 正常件}
routes:
  - name: 增员人
    via: recruiter
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv --loads loads.csv in.csv
	assert_output - <<'EOF'
policy_id,投保人,营销员,main_policy_id,address,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,东区,纯孤儿单,正常件,R1,增员人,增员人: R1 is the recruiter of L1,,2026-11-23,,
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
kind,编号,held_before,本次分配,held_after,cap,one_service,placed,borrowed_out,borrowed_in,queued
agent,R1,4,1,5,200,0,,,,
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
	assert_equal "$stderr" "cm-orphan-assign: --loads names the same file as the input, -o, --rejects or --stats-file: 'orphans.csv'"
	run --separate-stderr -2 cm-orphan-assign --agents agents.csv --holdings holdings.csv --loads out.csv -o out.csv orphans.csv
	assert_equal "$stderr" "cm-orphan-assign: --loads names the same file as the input, -o, --rejects or --stats-file: 'out.csv'"
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
policy_id,customer_id,agent_id,main_policy_id,product,status,sign_date,annual_premium,orphan_state,source,address,service_agent_id,orphan_type,assigned_to,route,reason,assigned_date,high_end,one_service
O01,K01,A001,,鑫福年年分红险,有效,2019-12-05,12000,正常件,离司,南京市鼓楼区中山北路12号,,非纯孤儿单,F01,收展,非纯孤儿单：A003不符合接收条件（最近3个月有效增员1人以上）；收展：F01，南京市鼓楼区（区县级）名下件数最少的收展人员,2026-11-23,,
O02,K01,A001,O01,附加意外险,有效,2019-12-05,600,正常件,离司,南京市鼓楼区中山北路12号,,非纯孤儿单,F01,收展,非纯孤儿单：A003不符合接收条件（最近3个月有效增员1人以上）；收展：F01，南京市鼓楼区（区县级）名下件数最少的收展人员,2026-11-23,,
O03,K02,A006,,康宁终身重疾,有效,2018-06-01,8800,正常件,离司,南京市玄武区珠江路8号,,非纯孤儿单,A005,非纯孤儿单,非纯孤儿单：A005与投保人签订过主险保单合同,2026-11-23,,
O04,K03,A001,,福满堂年金,有效,2016-02-29,20000,正常件,离司,南京市鼓楼区汉中路100号,,纯孤儿单,A002,直接增员者,直接增员者：A002是A001的直接增员者,2026-11-23,20000,
O05,K04,A001,,意外伤害险,有效,2020-10-01,500,困难件,离司,南京市鼓楼区虎踞路3号,,纯孤儿单,queue:分公司,困难件,困难件：转入分公司队列,2026-11-23,,
O06,K05,A006,,少儿教育金,失效,2021-06-03,3600,失效件,离司,南京市玄武区龙蟠路6号,,纯孤儿单,A007,本组分配,直接增员者：A005名下将达201件，超过上限200件；直辖组主管：S02不在职；本组分配：按上月产能排序轮到G2组的A007,2026-11-23,,
O07,K06,S02,,鑫福年年分红险,有效,2017-04-12,15000,正常件,离司,南京市玄武区北京东路9号,,纯孤儿单,S01,直接增员者,直接增员者：S01是S02的直接培育者,2026-11-23,,
O08,K07,A001,,康宁终身重疾,有效,2022-09-09,8800,问题件,离司,南京市鼓楼区广州路2号,,非纯孤儿单,queue:问题件,问题件,问题件：转入问题件队列,2026-11-23,,
O09,K08,A006,,福满堂年金,有效,2019-01-20,10000,正常件,离司,南京市玄武区中山路20号,,组合性孤儿保单,A007,本组分配,直接增员者：A005名下将达202件，超过上限200件；直辖组主管：S02不在职；本组分配：A005名下将达202件，超过上限200件；本组分配：按上月产能排序轮到G2组的A007,2026-11-23,,
O10,K08,A006,O09,附加住院险,有效,2019-01-20,800,正常件,离司,南京市玄武区中山路20号,,组合性孤儿保单,A007,本组分配,直接增员者：A005名下将达202件，超过上限200件；直辖组主管：S02不在职；本组分配：A005名下将达202件，超过上限200件；本组分配：按上月产能排序轮到G2组的A007,2026-11-23,,
O11,K09,X301,,鑫福年年分红险,有效,2015-08-18,26000,正常件,迁入,南京市秦淮区夫子庙街道贡院街2号,,纯孤儿单,F03,收展,收展：F03，南京市秦淮区夫子庙街道（街道级）名下件数最少的收展人员,2026-11-23,26000,
O12,K10,A002,,康宁终身重疾,失效,2019-03-15,4800,失效件,长期失效,南京市秦淮区中华路5号,,纯孤儿单,F03,收展,收展：F03，南京市秦淮区（区县级）名下件数最少的收展人员,2026-11-23,,
O13,K11,QD88,,福满堂年金,有效,2023-05-06,6000,正常件,整合,南京市建邺区江东中路1号,,纯孤儿单,F03,收展,收展：F03，建邺区的相邻区域南京市秦淮区名下件数最少的收展人员,2026-11-23,,
O14,K12,A001,,少儿教育金,有效,2018-11-30,3000,外派件,离司,南京市玄武区珠江路30号,F02,纯孤儿单,F02,外派件,外派件：F02为保单指定的收展人员，提供单次服务,2026-11-23,,是
O15,K13,A008,,意外伤害险,有效,2021-07-01,900,正常件,离司,南京市玄武区中山路5号,,纯孤儿单,S01,他组调配,直接增员者：A008无直接增员者；直辖组主管：A009不符合接收条件（最近3个月有效增员1人以上）；本组分配：A009不符合接收条件（最近3个月有效增员1人以上）；本组分配：G3组无人可接收；他组调配：G3组名额不足，调配至富余名额最多的G1组，按上月产能排序轮到S01,2026-11-23,,
EOF
	assert_equal "$stderr" "cm-orphan-assign: read: 15
cm-orphan-assign: written: 15
cm-orphan-assign: rejected: 0
cm-orphan-assign: route 问题件: units: 1
cm-orphan-assign: route 问题件: policies: 1
cm-orphan-assign: route 困难件: units: 1
cm-orphan-assign: route 困难件: policies: 1
cm-orphan-assign: route 外派件: units: 1
cm-orphan-assign: route 外派件: policies: 1
cm-orphan-assign: route 非纯孤儿单: units: 1
cm-orphan-assign: route 非纯孤儿单: policies: 1
cm-orphan-assign: route 直接增员者: units: 2
cm-orphan-assign: route 直接增员者: policies: 2
cm-orphan-assign: route 直辖组主管: units: 0
cm-orphan-assign: route 直辖组主管: policies: 0
cm-orphan-assign: route 本组分配: units: 2
cm-orphan-assign: route 本组分配: policies: 3
cm-orphan-assign: route 他组调配: units: 1
cm-orphan-assign: route 他组调配: policies: 1
cm-orphan-assign: route 收展: units: 4
cm-orphan-assign: route 收展: policies: 5
cm-orphan-assign: route 待分配: units: 0
cm-orphan-assign: route 待分配: policies: 0
cm-orphan-assign: unassigned policies: 0
cm-orphan-assign: high-end customers: 2"
	run -0 cat "$BATS_TEST_TMPDIR/loads.csv"
	assert_output - <<'EOF'
kind,id,held_before,assigned,held_after,cap,one_service,placed,borrowed_out,borrowed_in,queued
agent,A002,12,1,13,200,0,,,,
agent,A003,5,0,5,200,0,,,,
agent,A005,199,1,200,200,0,,,,
agent,A007,40,3,43,200,0,,,,
agent,A009,6,0,6,200,0,,,,
agent,S01,20,2,22,200,0,,,,
agent,F01,30,2,32,200,0,,,,
agent,F02,10,0,10,200,1,,,,
agent,F03,8,3,11,200,0,,,,
group,G1,,,,,,0,0,1,
group,G2,,,,,,3,0,0,
group,G3,,,,,,0,1,0,
area,南京市鼓楼区,,,,,,2,,,0
area,南京市玄武区,,,,,,1,,,0
area,南京市秦淮区夫子庙街道,,,,,,1,,,0
area,南京市秦淮区,,,,,,1,,,0
area,南京市建邺区,,,,,,1,,,0
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
  source: 来源
  assigned_date: 分配日期
  high_end: 高端客户
  one_service: 单次服务
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
	    samples/orphans.csv | cut -d, -f1-3,13-15'
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,orphan_type,assigned_to,route
O01,K01,A001,非纯孤儿单,F01,收展
O02,K01,A001,非纯孤儿单,F01,收展
O03,K02,A006,非纯孤儿单,A005,非纯孤儿单
O04,K03,A001,纯孤儿单,A002,直接增员者
O05,K04,A001,纯孤儿单,queue:分公司,困难件
O06,K05,A006,纯孤儿单,A007,本组分配
O07,K06,S02,纯孤儿单,S01,直接增员者
O08,K07,A001,非纯孤儿单,queue:问题件,问题件
O09,K08,A006,组合性孤儿保单,A007,本组分配
O10,K08,A006,组合性孤儿保单,A007,本组分配
O11,K09,X301,纯孤儿单,F03,收展
O12,K10,A002,纯孤儿单,F03,收展
O13,K11,QD88,纯孤儿单,F03,收展
O14,K12,A001,纯孤儿单,F02,外派件
O15,K13,A008,纯孤儿单,S01,他组调配
EOF
	run -0 cat loads.csv
	assert_output - <<'EOF'
kind,id,held_before,assigned,held_after,cap,one_service,placed,borrowed_out,borrowed_in,queued
agent,A002,12,1,13,200,0,,,,
agent,A003,5,0,5,200,0,,,,
agent,A005,199,1,200,200,0,,,,
agent,A007,40,3,43,200,0,,,,
agent,A009,6,0,6,200,0,,,,
agent,S01,20,2,22,200,0,,,,
agent,F01,30,2,32,200,0,,,,
agent,F02,10,0,10,200,1,,,,
agent,F03,8,3,11,200,0,,,,
group,G1,,,,,,0,0,1,
group,G2,,,,,,3,0,0,
group,G3,,,,,,0,1,0,
area,南京市鼓楼区,,,,,,2,,,0
area,南京市玄武区,,,,,,1,,,0
area,南京市秦淮区夫子庙街道,,,,,,1,,,0
area,南京市秦淮区,,,,,,1,,,0
area,南京市建邺区,,,,,,1,,,0
EOF
}

@test "cm-orphan-assign(1): the reason of O06 of the sample" {
	samples
	run -0 bash -o pipefail -c "cm-orphan-assign --agents samples/agents.csv \
	    --holdings samples/holdings.csv samples/orphans.csv |
	    grep '^O06'"
	assert_output - <<'EOF'
O06,K05,A006,,少儿教育金,失效,2021-06-03,3600,失效件,离司,南京市玄武区龙蟠路6号,,纯孤儿单,A007,本组分配,直接增员者：A005名下将达201件，超过上限200件；直辖组主管：S02不在职；本组分配：按上月产能排序轮到G2组的A007,2026-11-23,,
EOF
}

@test "cm-orphan-assign(1): --stats counts the units and policies of each route of the sample" {
	samples
	run --separate-stderr -0 cm-orphan-assign --agents samples/agents.csv \
	    --holdings samples/holdings.csv --stats -o assigned.csv \
	    samples/orphans.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: read: 15
cm-orphan-assign: written: 15
cm-orphan-assign: rejected: 0
cm-orphan-assign: route 问题件: units: 1
cm-orphan-assign: route 问题件: policies: 1
cm-orphan-assign: route 困难件: units: 1
cm-orphan-assign: route 困难件: policies: 1
cm-orphan-assign: route 外派件: units: 1
cm-orphan-assign: route 外派件: policies: 1
cm-orphan-assign: route 非纯孤儿单: units: 1
cm-orphan-assign: route 非纯孤儿单: policies: 1
cm-orphan-assign: route 直接增员者: units: 2
cm-orphan-assign: route 直接增员者: policies: 2
cm-orphan-assign: route 直辖组主管: units: 0
cm-orphan-assign: route 直辖组主管: policies: 0
cm-orphan-assign: route 本组分配: units: 2
cm-orphan-assign: route 本组分配: policies: 3
cm-orphan-assign: route 他组调配: units: 1
cm-orphan-assign: route 他组调配: policies: 1
cm-orphan-assign: route 收展: units: 4
cm-orphan-assign: route 收展: policies: 5
cm-orphan-assign: route 待分配: units: 0
cm-orphan-assign: route 待分配: policies: 0
cm-orphan-assign: unassigned policies: 0
cm-orphan-assign: high-end customers: 2"
	run -0 bash -o pipefail -c 'cm-orphan-assign --agents samples/agents.csv --holdings samples/holdings.csv samples/orphans.csv | cmp - assigned.csv'
}

@test "cm-orphan-assign(1): a branch's rule file with Chinese headers, blocks of 2 and a cap of 5" {
	branch_files
	run -0 cm-orphan-assign -r 分配.yaml --agents 人员.csv \
	    --holdings 保单.csv 孤儿单.csv
	assert_output - <<'EOF'
保单号,投保人,营销员,主险保单号,区域,性质,类型,接收人,途径,说明,来源,分配日期,高端客户,单次服务
B1,何强,王芳,,鼓楼区,正常件,非纯孤儿单,李军,本组,签单人: 刘勇 is not eligible (有增员); 本组: 刘勇 is not eligible (有增员); 本组: 李军's turn in group 一组 (by last month's output),,2026-11-23,,
B2,胡洋,王芳,,鼓楼区,正常件,纯孤儿单,高静,本组,"本组: 李军 would hold 6, over the cap of 5; 本组: 高静's turn in group 一组 (by last month's output)",,2026-11-23,,
B3,林涛,王芳,,鼓楼区,正常件,非纯孤儿单,高静,签单人,签单人: 高静 signed a main policy with the policyholder,,2026-11-23,,
B4,林涛,王芳,B3,鼓楼区,正常件,非纯孤儿单,高静,签单人,签单人: 高静 signed a main policy with the policyholder,,2026-11-23,,
B5,朱芳,王芳,,鼓楼区,问题件,纯孤儿单,queue:问题件,问题件,问题件: to the queue 问题件,,2026-11-23,,
B6,孙丽,王芳,,鼓楼区,正常件,纯孤儿单,高静,本组,本组: 高静's turn in group 一组 (by last month's output),,2026-11-23,,
B7,马明,王芳,,鼓楼区,正常件,纯孤儿单,高静,本组,"本组: 刘勇 is not eligible (有增员); 本组: 李军 would hold 6, over the cap of 5; 本组: 高静's turn in group 一组 (by last month's output)",,2026-11-23,,
EOF
}

@test "cm-orphan-assign(1): --check - finds that an export lacks the columns of the states" {
	samples
	run -2 bash -o pipefail -c "printf 'policy_id,customer_id,agent_id,main_policy_id,address\n' |
	    cm-orphan-assign -r rules/orphan.yaml --check -"
	assert_output - <<'EOF'
cm-orphan-assign: rules/orphan.yaml:31:11: columns 'annual_premium', 'orphan_state', 'status' are not in the header of <stdin>: 'policy_id', 'customer_id', 'agent_id', 'main_policy_id', 'address'; add them to the input, or map them to headers with columns: in rules/orphan.yaml
EOF
}
