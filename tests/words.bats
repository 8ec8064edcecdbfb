#!/usr/bin/env bats
# The words cm-schedule and cm-orphan-assign write into their data
# (statuses, reasons, roles, levels, weekdays, the make-up mark, orphan
# types, what joins a reason's parts), from words: of the rules
# (cm-rules(5), Words): the shipped rules' Chinese, the English without
# words: (or the Chinese the tool wrote before words: had the word), a
# branch's own word, a reason's placeholders moved or left out, and the
# rule errors of an unknown word or placeholder.  (cm-calls has its own,
# in tests/calls.bats.)

load test_helper

# A week of one visit, and four rows: one placed, one for which the week
# is full, a customer listed twice, and a row no plan takes.
week() {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: customer
week: {days: [monday], times: ["09:00"]}
plans:
  - {name: 拜访, when: {quadrant: "1"}, action: 登门拜访, place: first}
EOF
	cat > week.csv <<'EOF'
agent,customer,quadrant
A1,C1,1
A1,C2,1
A1,C1,1
A1,C3,2
EOF
}

# A departed agent whose recruiter left and whose supervisor recruited
# no one: the policy passes both and goes to a queue.
orphans() {
	cat > agents.csv <<'EOF'
agent_id,status,role,group_id,supervisor_id,recruiter_id,developer_id,area,recruits_3m,complaints_3m,orphan_count,output_last_month
L1,left,sales,G1,S1,R1,,东区,0,0,0,0
R1,left,sales,G1,,,,东区,1,0,0,0
S1,active,supervisor,G1,,,,东区,0,0,0,0
EOF
	printf 'customer_id,agent_id,main_policy_id,sign_date\n' > holdings.csv
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,main_policy_id
P1,K1,L1,
EOF
	cat > r.yaml <<'EOF'
version: 1
state: {rules: [], default: 正常件}
eligible:
  recruited: {recruits_3m: {ge: 1}}
routes:
  - {name: 增员, via: recruiter}
  - {name: 主管, via: supervisor, need: [recruited]}
  - {name: 待分配, via: queue, queue: 待分配}
EOF
}

# --- cm-schedule -------------------------------------------------------------

@test "cm-schedule writes its statuses and reasons in English when the rules have no words" {
	week
	run -0 cm-schedule -r r.yaml --week 2026-11-30 week.csv
	assert_output - <<'EOF'
agent,customer,quadrant,date,weekday,time,plan,action,mark,carryover,status,reason
A1,C1,1,2026-11-30,周一,09:00,拜访,登门拜访,,,scheduled,
A1,C2,1,,,,拜访,登门拜访,,,unscheduled,week full
A1,C1,1,,,,拜访,登门拜访,,,unscheduled,customer already listed this week
A1,C3,2,,,,,,,,unscheduled,no plan matched
EOF
}

@test "cm-schedule writes the shipped schedule.yaml's Chinese statuses and reasons" {
	week
	sed -n '/^words:/,$p' "$ROOT/rules/schedule.yaml" >> r.yaml
	run -0 cm-schedule -r r.yaml --week 2026-11-30 week.csv
	assert_output - <<'EOF'
agent,customer,quadrant,date,weekday,time,plan,action,mark,carryover,status,reason
A1,C1,1,2026-11-30,周一,09:00,拜访,登门拜访,,,已安排,
A1,C2,1,,,,拜访,登门拜访,,,未安排,本周已排满
A1,C1,1,,,,拜访,登门拜访,,,未安排,本周已列入该客户
A1,C3,2,,,,,,,,未安排,无适用拜访计划
EOF
}

@test "cm-schedule with the shipped rules writes 已安排 and 未安排" {
	cat > in.csv <<'EOF'
agent_id,customer_id,quadrant,region,source,referrer
A1,C1,1,东区,亲属,
A1,C1,1,东区,亲属,
EOF
	run -0 cm-schedule --week 2026-11-30 in.csv
	assert_output - <<'EOF'
agent_id,customer_id,quadrant,region,source,referrer,date,weekday,time,plan,action,mark,carryover,status,reason
A1,C1,1,东区,亲属,,2026-11-30,周一,09:00,第一象限,登门拜访,重点,,已安排,
A1,C1,1,东区,亲属,,,,,第一象限,登门拜访,,,未安排,本周已列入该客户
EOF
}

@test "cm-schedule writes a branch's own words, and the English of those it leaves out" {
	week
	cat >> r.yaml <<'EOF'
words:
  unscheduled: 待排
  week full: 本周约满
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 week.csv
	assert_output - <<'EOF'
agent,customer,quadrant,date,weekday,time,plan,action,mark,carryover,status,reason
A1,C1,1,2026-11-30,周一,09:00,拜访,登门拜访,,,scheduled,
A1,C2,1,,,,拜访,登门拜访,,,待排,本周约满
A1,C1,1,,,,拜访,登门拜访,,,待排,customer already listed this week
A1,C3,2,,,,,,,,待排,no plan matched
EOF
}

@test "cm-schedule: an unknown English word is a rule error at its line and column, with the nearest word" {
	week
	cat >> r.yaml <<'EOF'
words:
  week ful: 本周约满
EOF
	run -2 --separate-stderr cm-schedule -r r.yaml --week 2026-11-30 week.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: r.yaml:8:3: unknown word 'week ful' (did you mean 'week full'?)"
}

@test "cm-schedule: an empty word is a rule error" {
	week
	cat >> r.yaml <<'EOF'
words:
  scheduled: ""
EOF
	run -2 --separate-stderr cm-schedule -r r.yaml --week 2026-11-30 week.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: r.yaml:8:14: the word for 'scheduled' is empty"
}

# A make-up visit of last week's C1, whom this week's input lists too.
carried() {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: customer
week: {days: [monday, tuesday], times: ["09:00"]}
plans:
  - {name: 拜访, when: {quadrant: "1"}, action: 登门拜访, place: first}
EOF
	cat > last.csv <<'EOF'
agent,customer,quadrant,date,weekday,time,plan,action,mark,carryover,status,reason,done
A1,C1,1,2026-11-23,周一,09:00,拜访,登门拜访,,,scheduled,,
EOF
	cat > week.csv <<'EOF'
agent,customer,quadrant
A1,C1,1
A1,C2,1
EOF
}

@test "cm-schedule without words marks a make-up visit 补访 and names the weekdays in Chinese, as before words: had them" {
	carried
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv \
	    week.csv
	assert_output - <<'EOF'
agent,customer,quadrant,date,weekday,time,plan,action,mark,carryover,status,reason
A1,C1,1,2026-11-30,周一,09:00,拜访,登门拜访,,补访,scheduled,
A1,C2,1,2026-12-01,周二,09:00,拜访,登门拜访,,,scheduled,
EOF
}

@test "cm-schedule writes a branch's words for the weekdays, and the Chinese of those it leaves out" {
	carried
	cat >> r.yaml <<'EOF'
words:
  Monday: Mon
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 week.csv
	assert_output - <<'EOF'
agent,customer,quadrant,date,weekday,time,plan,action,mark,carryover,status,reason
A1,C1,1,2026-11-30,Mon,09:00,拜访,登门拜访,,,scheduled,
A1,C2,1,2026-12-01,周二,09:00,拜访,登门拜访,,,scheduled,
EOF
}

@test "cm-schedule writes a branch's word for a make-up visit into the carryover column" {
	carried
	cat >> r.yaml <<'EOF'
words:
  make-up visit: made up
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv \
	    week.csv
	assert_output - <<'EOF'
agent,customer,quadrant,date,weekday,time,plan,action,mark,carryover,status,reason
A1,C1,1,2026-11-30,周一,09:00,拜访,登门拜访,,made up,scheduled,
A1,C2,1,2026-12-01,周二,09:00,拜访,登门拜访,,,scheduled,
EOF
}

@test "cm-schedule writes a branch's word for a make-up visit into the calendar's description" {
	carried
	cat >> r.yaml <<'EOF'
words:
  make-up visit: made up
EOF
	mkdir cal
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv \
	    --ics cal -o /dev/null week.csv
	run -0 bash -c "grep -a '^DESCRIPTION' cal/A1.ics | tr -d '\\r'"
	assert_output - <<'EOF'
DESCRIPTION:plan: 拜访\ncarryover: made up
DESCRIPTION:plan: 拜访
EOF
}

@test "the shipped schedule.yaml's words write 补访 and 周一 to 周日, as without words:" {
	carried
	sed -n '/^words:/,$p' "$ROOT/rules/schedule.yaml" >> r.yaml
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv \
	    week.csv
	assert_output - <<'EOF'
agent,customer,quadrant,date,weekday,time,plan,action,mark,carryover,status,reason
A1,C1,1,2026-11-30,周一,09:00,拜访,登门拜访,,补访,已安排,
A1,C2,1,2026-12-01,周二,09:00,拜访,登门拜访,,,已安排,
EOF
}

# --- cm-orphan-assign --------------------------------------------------------

@test "cm-orphan-assign writes its reasons in English when the rules have no words" {
	orphans
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,纯孤儿单,正常件,queue:待分配,待分配,增员: R1 is not active; 主管: S1 is not eligible (recruited); 待分配: to the queue 待分配,,2026-11-23,,
EOF
}

@test "cm-orphan-assign writes the shipped orphan.yaml's Chinese reasons" {
	orphans
	sed -n '/^words:/,$p' "$ROOT/rules/orphan.yaml" >> r.yaml
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,纯孤儿单,正常件,queue:待分配,待分配,增员：R1不在职；主管：S1不符合接收条件（recruited）；待分配：转入待分配队列,,2026-11-23,,
EOF
}

@test "cm-orphan-assign: a branch's word moves its placeholders or leaves one out, and the other words stay English" {
	orphans
	cat >> r.yaml <<'EOF'
words:
  "{route}: {reason}": "【{route}】{reason}"
  "{agent} is not active": "不在职：{agent}"
  "{agent} is not eligible ({why})": "{agent}不符合条件"
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,纯孤儿单,正常件,queue:待分配,待分配,【增员】不在职：R1; 【主管】S1不符合条件; 【待分配】to the queue 待分配,,2026-11-23,,
EOF
}

@test "cm-orphan-assign writes a branch's word for a role inside a reason" {
	orphans
	sed -i "s/^R1,left/R1,active/" agents.csv
	cat >> r.yaml <<'EOF'
words:
  recruiter: 增员人
  "{agent} is the {role} of {former}": "{agent}为{former}的{role}"
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,纯孤儿单,正常件,R1,增员,增员: R1为L1的增员人,,2026-11-23,,
EOF
}

@test "cm-orphan-assign writes braces that are not a placeholder as they are" {
	orphans
	cat >> r.yaml <<'EOF'
words:
  "{agent} is not active": "{agent}不在职{离司}{ x}"
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,纯孤儿单,正常件,queue:待分配,待分配,增员: R1不在职{离司}{ x}; 主管: S1 is not eligible (recruited); 待分配: to the queue 待分配,,2026-11-23,,
EOF
}

@test "cm-orphan-assign: a placeholder the English word lacks is a rule error at its word, with the nearest placeholder" {
	orphans
	cat >> r.yaml <<'EOF'
words:
  "{agent} is not active": "{agnet}不在职"
EOF
	run -2 --separate-stderr cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:10:28: unknown placeholder 'agnet' (did you mean 'agent'?)"
}

@test "cm-orphan-assign: a placeholder of another word is a rule error" {
	orphans
	cat >> r.yaml <<'EOF'
words:
  "{agent} is not active": "{route}：{agent}不在职"
EOF
	run -2 --separate-stderr cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:10:28: unknown placeholder 'route'"
}

@test "cm-orphan-assign: an unknown English word is a rule error at its line and column, with the nearest word" {
	orphans
	cat >> r.yaml <<'EOF'
words:
  "{agent} is not activ": 不在职
EOF
	run -2 --separate-stderr cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-orphan-assign: r.yaml:10:3: unknown word '{agent} is not activ' (did you mean '{agent} is not active'?)"
}

@test "cm-orphan-assign writes a branch's word for an orphan type, and the Chinese without it" {
	orphans
	cat >> r.yaml <<'EOF'
words:
  pure orphan: pure
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,pure,正常件,queue:待分配,待分配,增员: R1 is not active; 主管: S1 is not eligible (recruited); 待分配: to the queue 待分配,,2026-11-23,,
EOF
}

@test "cm-orphan-assign joins a reason's parts with a branch's word" {
	orphans
	cat >> r.yaml <<'EOF'
words:
  "; ": " | "
EOF
	run -0 cm-orphan-assign -r r.yaml --agents agents.csv --holdings holdings.csv in.csv
	assert_output - <<'EOF'
policy_id,customer_id,agent_id,main_policy_id,orphan_type,orphan_state,assigned_to,route,reason,source,assigned_date,high_end,one_service
P1,K1,L1,,纯孤儿单,正常件,queue:待分配,待分配,增员: R1 is not active | 主管: S1 is not eligible (recruited) | 待分配: to the queue 待分配,,2026-11-23,,
EOF
}

# --- cm-classify and cm-report -----------------------------------------------

@test "cm-classify writes a branch's word for default into the why column" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    why: class_rule
    rules:
      - {name: 经济好, when: {economy: 好}, value: B}
    default: D
words:
  default: 默认
EOF
	cat > in.csv <<'EOF'
id,economy
1,好
2,一般
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,economy,class,class_rule
1,好,B,经济好
2,一般,D,默认
EOF
}

@test "cm-report standards writes a branch's words for overdue's yes and no" {
	cat > assigned.csv <<'EOF'
policy_id,customer_id,main_policy_id,orphan_state,sign_date,assigned_to,assigned_date
P1,K1,,失效件,2019-12-05,S1,2026-09-01
P2,K2,,失效件,2021-03-01,S2,2026-10-10
EOF
	sed '/^words:/,$d' "$ROOT/rules/report.yaml" > r.yaml
	cat >> r.yaml <<'EOF'
words:
  "yes": 是
  "no": 否
EOF
	printf 'agent_id,customer_id,date,channel,done\n' > log.csv
	run -0 cm-report standards -r r.yaml --today 2026-11-15 \
	    --assigned assigned.csv log.csv
	assert_output - <<'EOF'
agent_id,customer_id,policy_id,standard,assigned_date,visits,required,short,due,overdue
S1,K1,,three_in_60_days,2026-09-01,0,3,3,2026-10-31,是
S2,K2,,three_in_60_days,2026-10-10,0,3,3,2026-12-09,否
EOF
}
