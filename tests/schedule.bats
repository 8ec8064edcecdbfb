#!/usr/bin/env bats
# cm-schedule: the five ways of placing (first, fill, area, event, weekly),
# the week (--week, week.start, times and per_day), last week's missed
# visits (--carryover) and the once-a-week rule, unscheduled rows and
# their reasons, --events, --unscheduled, --stats, bad rows and rule
# errors, the shipped rules on the sample list, and the commands of the
# EXAMPLES of cm-schedule(1).
#
# The week of 2026-11-30 runs from Monday 2026-11-30 to Sunday 2026-12-06.

load test_helper

# An agent's week of Monday to Wednesday, two visits a day; class A is
# fixed first and marked, the others fill the times that are left.
ab_rules() {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon, tue, wed]
  times: ["09:00", "14:00"]
plans:
  - name: A
    when: {class: A}
    action: 登门拜访
    place: first
    mark: 重点
  - name: 其他
    action: 电话
    place: fill
EOF
}

# One plan that places by area: DAYS worked, TIMES a day.
area_rules() {
	cat > r.yaml <<EOF
version: 1
group_by: agent
key: id
week:
  days: $1
  times: $2
plans:
  - name: 区域
    action: 登门拜访
    place: area
EOF
}

# One plan that places before events: the EVENTS of the rules (a YAML
# list), TIMES a day (default 09:00 and 14:00), DAYS worked (default
# Monday to Friday).
event_rules() {
	cat > r.yaml <<EOF
version: 1
group_by: agent
key: id
week:
  days: ${3:-[mon, tue, wed, thu, fri]}
  times: ${2:-["09:00", "14:00"]}
events: $1
plans:
  - name: 活动
    action: 邀约参加活动
    place: event
EOF
}

# N rows of agent 王, ids 1 to N, with a column class of CLASS if given.
rows() {
	if [ $# -gt 1 ]; then
		echo id,agent,class
		seq "$1" | awk -v c="$2" '{ print $1 ",王," c }'
	else
		echo id,agent
		seq "$1" | awk '{ print $1 ",王" }'
	fi > in.csv
}

# The sample list and the shipped rules, where the examples expect them.
samples() {
	mkdir -p samples rules
	cp "$ROOT/samples/customers.csv" "$ROOT/samples/events.csv" samples/
	cp "$ROOT"/rules/*.yaml rules/
}

# The files of the examples of cm-schedule(1): a week's rules for a list
# with Chinese headers, this week's list, and last week's calendar with
# what was done.
week_files() {
	cat > week.yaml <<'EOF'
version: 1
columns:
  agent: 营销员
  customer: 客户编号
  region: 区域
  quadrant: 象限
  done: 完成
group_by: agent
key: customer
week:
  days: [周一, 周二, 周三, 周四, 周五]
  times: ["09:00", "14:00"]
events:
  - {date: 2026-12-04, name: 客户答谢会}
plans:
  - name: 重点客户
    when: {quadrant: "1"}
    action: 登门拜访
    place: first
    mark: 重点
  - name: 活动邀约
    when: {quadrant: "3"}
    action: 邀约参加活动
    place: event
  - name: 按区域
    when: {quadrant: "2"}
    action: 登门拜访
    place: area
  - name: 每周联络
    when: {quadrant: "4"}
    action: 电话联络
    place: weekly
    day: 周五
    time: "16:00"
EOF
	cat > 本周.csv <<'EOF'
客户编号,姓名,营销员,区域,象限
C01,何强,王芳,鼓楼区,1
C02,高静,王芳,玄武区,2
C03,林涛,王芳,鼓楼区,2
C04,朱芳,王芳,玄武区,2
C05,胡洋,王芳,秦淮区,3
C06,刘勇,王芳,鼓楼区,4
C07,孙丽,李军,建邺区,1
C08,赵敏,李军,建邺区,5
EOF
	cat > 上周.csv <<'EOF'
客户编号,姓名,营销员,区域,象限,date,weekday,time,plan,action,mark,carryover,status,reason,完成
C02,高静,王芳,玄武区,2,2026-11-24,周二,09:00,按区域,登门拜访,,,scheduled,,否
C09,钱伟,王芳,玄武区,2,2026-11-24,周二,14:00,按区域,登门拜访,,,scheduled,,是
C10,周婷,李军,建邺区,1,2026-11-23,周一,09:00,重点客户,登门拜访,重点,,scheduled,,
EOF
}

# The telephone team of cm-schedule(1): N rows for caller 张, in calls.csv.
calls_files() {
	cat > calls.yaml <<'EOF'
version: 1
group_by: caller
key: customer_id
week:
  days: [mon, tue, wed, thu, fri]
  per_day: 30
plans:
  - name: 电话
    action: 电话回访
    place: fill
EOF
	{
		echo customer_id,caller
		seq "$1" | awk '{ printf "C%04d,张\n", $1 }'
	} > calls.csv
}

# --- first and fill -----------------------------------------------------

@test "first places its rows at the earliest free times of the week, with its mark" {
	ab_rules
	cat > in.csv <<'EOF'
id,agent,class
1,王,B
2,王,A
3,王,A
4,王,A
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
2,王,A,2026-11-30,周一,09:00,A,登门拜访,重点,,scheduled,
3,王,A,2026-11-30,周一,14:00,A,登门拜访,重点,,scheduled,
4,王,A,2026-12-01,周二,09:00,A,登门拜访,重点,,scheduled,
1,王,B,2026-12-01,周二,14:00,其他,电话,,,scheduled,
EOF
}

@test "fill takes the times that are left, day by day, in input order" {
	ab_rules
	cat > in.csv <<'EOF'
id,agent,class
1,王,B
2,王,C
3,王,A
4,王,D
5,王,B
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
3,王,A,2026-11-30,周一,09:00,A,登门拜访,重点,,scheduled,
1,王,B,2026-11-30,周一,14:00,其他,电话,,,scheduled,
2,王,C,2026-12-01,周二,09:00,其他,电话,,,scheduled,
4,王,D,2026-12-01,周二,14:00,其他,电话,,,scheduled,
5,王,B,2026-12-02,周三,09:00,其他,电话,,,scheduled,
EOF
}

@test "each agent has a week of their own, agents in order of first appearance" {
	ab_rules
	cat > in.csv <<'EOF'
id,agent,class
1,王,B
2,李,A
3,王,A
4,李,B
5,张,B
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
3,王,A,2026-11-30,周一,09:00,A,登门拜访,重点,,scheduled,
1,王,B,2026-11-30,周一,14:00,其他,电话,,,scheduled,
2,李,A,2026-11-30,周一,09:00,A,登门拜访,重点,,scheduled,
4,李,B,2026-11-30,周一,14:00,其他,电话,,,scheduled,
5,张,B,2026-11-30,周一,09:00,其他,电话,,,scheduled,
EOF
}

@test "a plan without a name is named by its position, and without a when takes every row" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon]
  times: ["09:00", "10:00", "11:00"]
plans:
  - when: {class: A}
    action: 登门拜访
    place: first
  - action: 电话
    place: fill
EOF
	printf 'id,agent,class\n1,王,B\n2,王,A\n3,王,\n' > in.csv
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
2,王,A,2026-11-30,周一,09:00,1,登门拜访,,,scheduled,
1,王,B,2026-11-30,周一,10:00,2,电话,,,scheduled,
3,王,,2026-11-30,周一,11:00,2,电话,,,scheduled,
EOF
}

@test "rows that find no free time are unscheduled: week full" {
	ab_rules
	rows 8 B
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,B,2026-11-30,周一,09:00,其他,电话,,,scheduled,
2,王,B,2026-11-30,周一,14:00,其他,电话,,,scheduled,
3,王,B,2026-12-01,周二,09:00,其他,电话,,,scheduled,
4,王,B,2026-12-01,周二,14:00,其他,电话,,,scheduled,
5,王,B,2026-12-02,周三,09:00,其他,电话,,,scheduled,
6,王,B,2026-12-02,周三,14:00,其他,电话,,,scheduled,
7,王,B,,,,其他,电话,,,unscheduled,week full
8,王,B,,,,其他,电话,,,unscheduled,week full
EOF
}

@test "an earlier plan takes the times first, even from rows that come first in the input" {
	ab_rules
	cat > in.csv <<'EOF'
id,agent,class
1,王,B
2,王,B
3,王,B
4,王,B
5,王,A
6,王,A
7,王,A
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
5,王,A,2026-11-30,周一,09:00,A,登门拜访,重点,,scheduled,
6,王,A,2026-11-30,周一,14:00,A,登门拜访,重点,,scheduled,
7,王,A,2026-12-01,周二,09:00,A,登门拜访,重点,,scheduled,
1,王,B,2026-12-01,周二,14:00,其他,电话,,,scheduled,
2,王,B,2026-12-02,周三,09:00,其他,电话,,,scheduled,
3,王,B,2026-12-02,周三,14:00,其他,电话,,,scheduled,
4,王,B,,,,其他,电话,,,unscheduled,week full
EOF
}

# --- area ----------------------------------------------------------------

@test "area gives each area a day of its own, the largest area first, ties by first appearance" {
	area_rules '[mon, tue, wed, thu, fri]' '["09:00", "14:00", "19:00"]'
	cat > in.csv <<'EOF'
id,agent,region
1,王,鼓楼区
2,王,玄武区
3,王,秦淮区
4,王,玄武区
5,王,建邺区
6,王,秦淮区
7,王,玄武区
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,region,date,weekday,time,plan,action,mark,carryover,status,reason
2,王,玄武区,2026-11-30,周一,09:00,区域,登门拜访,,,scheduled,
4,王,玄武区,2026-11-30,周一,14:00,区域,登门拜访,,,scheduled,
7,王,玄武区,2026-11-30,周一,19:00,区域,登门拜访,,,scheduled,
3,王,秦淮区,2026-12-01,周二,09:00,区域,登门拜访,,,scheduled,
6,王,秦淮区,2026-12-01,周二,14:00,区域,登门拜访,,,scheduled,
1,王,鼓楼区,2026-12-02,周三,09:00,区域,登门拜访,,,scheduled,
5,王,建邺区,2026-12-03,周四,09:00,区域,登门拜访,,,scheduled,
EOF
}

@test "an area that overflows its day goes on on the next day that no other area has" {
	area_rules '[mon, tue, wed, thu]' '["09:00", "14:00"]'
	cat > in.csv <<'EOF'
id,agent,region
1,王,玄武区
2,王,秦淮区
3,王,玄武区
4,王,玄武区
5,王,秦淮区
6,王,玄武区
7,王,玄武区
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,region,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,玄武区,2026-11-30,周一,09:00,区域,登门拜访,,,scheduled,
3,王,玄武区,2026-11-30,周一,14:00,区域,登门拜访,,,scheduled,
4,王,玄武区,2026-12-01,周二,09:00,区域,登门拜访,,,scheduled,
6,王,玄武区,2026-12-01,周二,14:00,区域,登门拜访,,,scheduled,
7,王,玄武区,2026-12-02,周三,09:00,区域,登门拜访,,,scheduled,
2,王,秦淮区,2026-12-03,周四,09:00,区域,登门拜访,,,scheduled,
5,王,秦淮区,2026-12-03,周四,14:00,区域,登门拜访,,,scheduled,
EOF
}

@test "an area that finds no day left is unscheduled, week full, though another area's day has a free time" {
	area_rules '[mon, tue]' '["09:00", "14:00"]'
	cat > in.csv <<'EOF'
id,agent,region
1,王,玄武区
2,王,秦淮区
3,王,鼓楼区
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,region,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,玄武区,2026-11-30,周一,09:00,区域,登门拜访,,,scheduled,
2,王,秦淮区,2026-12-01,周二,09:00,区域,登门拜访,,,scheduled,
3,王,鼓楼区,,,,区域,登门拜访,,,unscheduled,week full
EOF
}

@test "area takes a day where an earlier plan left free times, and the day is then the area's" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon, tue]
  times: ["09:00", "14:00", "19:00"]
plans:
  - name: A
    when: {class: A}
    action: 登门拜访
    place: first
    mark: 重点
  - name: 区域
    action: 登门拜访
    place: area
EOF
	cat > in.csv <<'EOF'
id,agent,class,region
1,王,B,秦淮区
2,王,A,玄武区
3,王,B,鼓楼区
4,王,B,秦淮区
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,class,region,date,weekday,time,plan,action,mark,carryover,status,reason
2,王,A,玄武区,2026-11-30,周一,09:00,A,登门拜访,重点,,scheduled,
1,王,B,秦淮区,2026-11-30,周一,14:00,区域,登门拜访,,,scheduled,
4,王,B,秦淮区,2026-11-30,周一,19:00,区域,登门拜访,,,scheduled,
3,王,B,鼓楼区,2026-12-01,周二,09:00,区域,登门拜访,,,scheduled,
EOF
}

@test "a plan's area key names the column of its areas, over the top-level area" {
	cat > r.yaml <<'EOF'
version: 1
columns:
  街道: 所属街道
group_by: agent
key: id
area: city
week:
  days: [mon, tue]
  times: ["09:00", "14:00"]
plans:
  - name: 按街道
    action: 登门拜访
    place: area
    area: 街道
EOF
	cat > in.csv <<'EOF'
id,agent,city,所属街道
1,王,南京,湖南路
2,王,南京,新街口
3,王,南京,湖南路
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,city,所属街道,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,南京,湖南路,2026-11-30,周一,09:00,按街道,登门拜访,,,scheduled,
3,王,南京,湖南路,2026-11-30,周一,14:00,按街道,登门拜访,,,scheduled,
2,王,南京,新街口,2026-12-01,周二,09:00,按街道,登门拜访,,,scheduled,
EOF
}

@test "the area column missing from the header is a rule error at the plan's area key" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon]
  times: ["09:00"]
plans:
  - action: 登门拜访
    place: area
    area: district
EOF
	printf 'id,agent,region\n' > in.csv
	run --separate-stderr -2 cm-schedule -r r.yaml in.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: r.yaml:10:11: column 'district' is not in the header of in.csv: 'id', 'agent', 'region'; add it to the input, or map it to a header with columns: in r.yaml"
}

@test "without an area key, area plans read the region column, which must be in the header" {
	area_rules '[mon]' '["09:00"]'
	printf 'id,agent,district\n' > in.csv
	run --separate-stderr -2 cm-schedule -r r.yaml --check in.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: r.yaml:8:5: column 'region' is not in the header of in.csv: 'id', 'agent', 'district'; add it to the input, or map it to a header with columns: in r.yaml"
}

# --- event ---------------------------------------------------------------

@test "event places a row 3 days before the event, with the event's name as its mark" {
	event_rules '[{date: 2026-12-03, name: 客户答谢会}]'
	rows 1
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,2026-11-30,周一,09:00,活动,邀约参加活动,客户答谢会,,scheduled,
EOF
}

@test "event falls back to 2 days before when the 3rd day before is full, and then the week is full" {
	event_rules '[{date: 2026-12-03, name: 客户答谢会}]'
	rows 5
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,2026-11-30,周一,09:00,活动,邀约参加活动,客户答谢会,,scheduled,
2,王,2026-11-30,周一,14:00,活动,邀约参加活动,客户答谢会,,scheduled,
3,王,2026-12-01,周二,09:00,活动,邀约参加活动,客户答谢会,,scheduled,
4,王,2026-12-01,周二,14:00,活动,邀约参加活动,客户答谢会,,scheduled,
5,王,,,,活动,邀约参加活动,,,unscheduled,week full
EOF
}

@test "event falls back to 2 days before when the 3rd day before is not worked" {
	event_rules '[{date: 2026-12-05, name: 产品说明会}]' '["09:00"]' \
	    '[mon, tue, thu, fri]'
	rows 2
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,2026-12-03,周四,09:00,活动,邀约参加活动,产品说明会,,scheduled,
2,王,,,,活动,邀约参加活动,,,unscheduled,week full
EOF
}

@test "event tries the nearest event first, whatever the order of the list" {
	event_rules '[{date: 2026-12-04, name: 周五会}, {date: 2026-12-03, name: 周四会}]'
	rows 3
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,2026-11-30,周一,09:00,活动,邀约参加活动,周四会,,scheduled,
2,王,2026-11-30,周一,14:00,活动,邀约参加活动,周四会,,scheduled,
3,王,2026-12-01,周二,09:00,活动,邀约参加活动,周四会,,scheduled,
EOF
}

@test "event goes on to the next event when the days before the nearest are full" {
	event_rules '[{date: 2026-12-03, name: 周四会}, {date: 2026-12-05, name: 周六会}]' \
	    '["09:00"]'
	rows 4
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,2026-11-30,周一,09:00,活动,邀约参加活动,周四会,,scheduled,
2,王,2026-12-01,周二,09:00,活动,邀约参加活动,周四会,,scheduled,
3,王,2026-12-02,周三,09:00,活动,邀约参加活动,周六会,,scheduled,
4,王,2026-12-03,周四,09:00,活动,邀约参加活动,周六会,,scheduled,
EOF
}

@test "an event on the week's first day leaves no day before it in this week" {
	event_rules '[{date: 2026-11-30, name: 周一会}]'
	rows 1
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,,,,活动,邀约参加活动,,,unscheduled,no day before the event left
EOF
}

@test "an event next Monday gives this Friday, then Saturday" {
	event_rules '[{date: 2026-12-07, name: 下周一会}]' '["09:00"]' \
	    '[mon, tue, wed, thu, fri, sat]'
	rows 3
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,2026-12-04,周五,09:00,活动,邀约参加活动,下周一会,,scheduled,
2,王,2026-12-05,周六,09:00,活动,邀约参加活动,下周一会,,scheduled,
3,王,,,,活动,邀约参加活动,,,unscheduled,week full
EOF
}

@test "an event next Monday is this week's last chance: the week after has none before it" {
	event_rules '[{date: 2026-12-07, name: 下周一会}]'
	rows 1
	run -0 cm-schedule -r r.yaml --week 2026-12-07 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,,,,活动,邀约参加活动,,,unscheduled,no day before the event left
EOF
}

@test "events before the week or too far after it leave no event this week" {
	event_rules '[{date: 2026-11-27, name: 上周会}, {date: 2026-12-21, name: 新春产品说明会}]'
	rows 1
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,,,,活动,邀约参加活动,,,unscheduled,no event this week
EOF
}

@test "before lists the days before an event to try, in order" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon, tue, wed, thu, fri]
  times: ["09:00"]
events:
  - {date: 2026-12-05, name: 周六会}
plans:
  - name: 活动
    action: 邀约参加活动
    place: event
    before: [1, 4]
EOF
	rows 3
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
2,王,2026-12-01,周二,09:00,活动,邀约参加活动,周六会,,scheduled,
1,王,2026-12-04,周五,09:00,活动,邀约参加活动,周六会,,scheduled,
3,王,,,,活动,邀约参加活动,,,unscheduled,week full
EOF
}

@test "--events FILE adds its events to those of the rules" {
	event_rules '[{date: 2026-12-21, name: 新春产品说明会}]' '["09:00"]'
	cat > events.csv <<'EOF'
date,name
2026/12/4,客户答谢会
EOF
	rows 2
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --events events.csv in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,2026-12-01,周二,09:00,活动,邀约参加活动,客户答谢会,,scheduled,
2,王,2026-12-02,周三,09:00,活动,邀约参加活动,客户答谢会,,scheduled,
EOF
}

@test "--events FILE with a date that is not a date is a data error at its line" {
	event_rules '[]'
	printf 'date,name\n2026-12-04,客户答谢会\n2026-13-01,坏日子\n' > events.csv
	rows 1
	run --separate-stderr -1 cm-schedule -r r.yaml --week 2026-11-30 --events events.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: events.csv:3: '2026-13-01' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00)"
}

@test "--events FILE needs the columns date and name" {
	event_rules '[]'
	printf 'day,name\n2026-12-04,客户答谢会\n' > events.csv
	rows 1
	run --separate-stderr -1 cm-schedule -r r.yaml --events events.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: events.csv:1: no column 'date' in --events: 'day', 'name'"
}

@test "--events FILE with a full-width space after date in its header is pointed at" {
	event_rules '[]'
	printf 'date\xe3\x80\x80,name\n2026-12-04,客户答谢会\n' > events.csv
	rows 1
	run --separate-stderr -1 cm-schedule -r r.yaml --events events.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: events.csv:1: no column 'date' in --events: 'date<U+3000>', 'name'; 'date<U+3000>' differs from it only by what cannot be seen at its ends: remove that from the header"
}

@test "--events FILE that cannot be opened is an I/O error" {
	event_rules '[]'
	rows 1
	run --separate-stderr -1 cm-schedule -r r.yaml --events nowhere.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: nowhere.csv: No such file or directory"
}

# --- weekly --------------------------------------------------------------

@test "weekly places a call on the plan's day and time, taking no visit time" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon, tue]
  times: ["09:00"]
plans:
  - name: 每周联络
    when: {quadrant: "4"}
    action: 电话联络
    place: weekly
    day: tuesday
    time: "16:00"
  - name: 其他
    action: 登门拜访
    place: fill
EOF
	cat > in.csv <<'EOF'
id,agent,quadrant
1,王,4
2,王,2
3,王,4
4,王,2
5,王,4
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,quadrant,date,weekday,time,plan,action,mark,carryover,status,reason
2,王,2,2026-11-30,周一,09:00,其他,登门拜访,,,scheduled,
4,王,2,2026-12-01,周二,09:00,其他,登门拜访,,,scheduled,
1,王,4,2026-12-01,周二,16:00,每周联络,电话联络,,,scheduled,
3,王,4,2026-12-01,周二,16:00,每周联络,电话联络,,,scheduled,
5,王,4,2026-12-01,周二,16:00,每周联络,电话联络,,,scheduled,
EOF
}

@test "weekly places a call on a day that is not worked too" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon, tue, wed, thu, fri]
  times: ["09:00"]
plans:
  - name: 周日问候
    action: 短信问候
    place: weekly
    day: 星期日
    time: "20:00"
EOF
	rows 1
	run -0 cm-schedule -r r.yaml --week 2026-12-02 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,2026-12-06,周日,20:00,周日问候,短信问候,,,scheduled,
EOF
}

# --- the week --------------------------------------------------------------

@test "--week picks the week that holds the date, from week.start on" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  start: sunday
  days: [sun, mon, tue]
  times: ["10:00"]
plans:
  - name: 每周联络
    when: {id: "1"}
    action: 电话联络
    place: weekly
    day: sat
    time: "10:00"
  - name: 其他
    action: 登门拜访
    place: fill
EOF
	rows 5
	run -0 cm-schedule -r r.yaml --week 2026-12-05 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
2,王,2026-11-29,周日,10:00,其他,登门拜访,,,scheduled,
3,王,2026-11-30,周一,10:00,其他,登门拜访,,,scheduled,
4,王,2026-12-01,周二,10:00,其他,登门拜访,,,scheduled,
1,王,2026-12-05,周六,10:00,每周联络,电话联络,,,scheduled,
5,王,,,,其他,登门拜访,,,unscheduled,week full
EOF
}

@test "without --week, the week is today's: --today, else CM_TODAY" {
	ab_rules
	rows 1 B
	run -0 cm-schedule -r r.yaml in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,B,2026-11-23,周一,09:00,其他,电话,,,scheduled,
EOF
	run -0 cm-schedule -r r.yaml --today 2026-12-06 in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,B,2026-11-30,周一,09:00,其他,电话,,,scheduled,
EOF
	CM_TODAY=2026/12/9 run -0 cm-schedule -r r.yaml in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,B,2026-12-07,周一,09:00,其他,电话,,,scheduled,
EOF
}

@test "--week that is not a date is a usage error" {
	ab_rules
	rows 1 B
	run --separate-stderr -2 cm-schedule -r r.yaml --week 2026-13-01 in.csv
	assert_output ''
	assert_equal "${stderr%%$'\n'*}" "cm-schedule: --week: '2026-13-01' is not a date (2026-11-23)"
}

@test "weekdays are written in English, short, or as 周一 or 星期一" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  start: 星期一
  days: [monday, tue, 周三, 星期四]
  times: ["09:00"]
plans:
  - action: 电话
    place: fill
EOF
	rows 5
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,2026-11-30,周一,09:00,1,电话,,,scheduled,
2,王,2026-12-01,周二,09:00,1,电话,,,scheduled,
3,王,2026-12-02,周三,09:00,1,电话,,,scheduled,
4,王,2026-12-03,周四,09:00,1,电话,,,scheduled,
5,王,,,,1,电话,,,unscheduled,week full
EOF
}

# --- per_day: a telephone team ----------------------------------------------

@test "a telephone team at 30 a day: 65 rows for a caller give 30, 30 and 5, with no time" {
	calls_files 65
	printf 'D0001,李\nD0002,李\nD0003,李\n' >> calls.csv
	run -0 cm-schedule -r calls.yaml --week 2026-11-30 -o out.csv calls.csv
	run -0 awk -F, 'NR == 1 { print; next }
	    { k = $2 "," $3 "," $4 "," $5 "," $6 "," $7 "," $10 }
	    k != p { if (p != "") print n, first "-" last, p; p = k; n = 0; first = $1 }
	    { n++; last = $1 }
	    END { print n, first "-" last, p }' out.csv
	assert_output - <<'EOF'
customer_id,caller,date,weekday,time,plan,action,mark,carryover,status,reason
30 C0001-C0030 张,2026-11-30,周一,,电话,电话回访,scheduled
30 C0031-C0060 张,2026-12-01,周二,,电话,电话回访,scheduled
5 C0061-C0065 张,2026-12-02,周三,,电话,电话回访,scheduled
3 D0001-D0003 李,2026-11-30,周一,,电话,电话回访,scheduled
EOF
}

@test "a telephone team's week holds 150 calls a caller; the rest are unscheduled" {
	calls_files 152
	printf 'D0001,李\nD0002,李\nD0003,李\n' >> calls.csv
	run -0 cm-schedule -r calls.yaml --week 2026-11-30 --unscheduled rest.csv --stats -o out.csv calls.csv
	assert_output - <<'EOF'
cm-schedule: read: 155
cm-schedule: written: 153
cm-schedule: rejected: 0
cm-schedule: scheduled: 153
cm-schedule: unscheduled: 2
cm-schedule: make-up visits: 0
cm-schedule: merged into make-up visits: 0
cm-schedule: done last week: 0
cm-schedule: customers listed twice: 0
EOF
	run -0 cat rest.csv
	assert_output - <<'EOF'
customer_id,caller,date,weekday,time,plan,action,mark,carryover,status,reason
C0151,张,,,,电话,电话回访,,,unscheduled,week full
C0152,张,,,,电话,电话回访,,,unscheduled,week full
EOF
}

@test "a caller's day lists the calls in the order they were placed: the earlier plan first" {
	cat > r.yaml <<'EOF'
version: 1
group_by: caller
key: id
week:
  days: [mon, tue]
  per_day: 3
plans:
  - name: A
    when: {class: A}
    action: 电话
    place: first
    mark: 重点
  - name: 其他
    action: 电话
    place: fill
EOF
	cat > in.csv <<'EOF'
id,caller,class
1,张,B
2,张,B
3,张,A
4,张,B
5,张,A
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,caller,class,date,weekday,time,plan,action,mark,carryover,status,reason
3,张,A,2026-11-30,周一,,A,电话,重点,,scheduled,
5,张,A,2026-11-30,周一,,A,电话,重点,,scheduled,
1,张,B,2026-11-30,周一,,其他,电话,,,scheduled,
2,张,B,2026-12-01,周二,,其他,电话,,,scheduled,
4,张,B,2026-12-01,周二,,其他,电话,,,scheduled,
EOF
}

# --- carryover ---------------------------------------------------------------

@test "--carryover places last week's missed visits first, keeping their plan, marked 补访" {
	ab_rules
	cat > last.csv <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason,done
7,王,B,2026-11-24,周二,09:00,其他,电话,,,scheduled,,no
8,王,A,2026-11-23,周一,09:00,A,登门拜访,重点,,scheduled,,
EOF
	cat > in.csv <<'EOF'
id,agent,class
1,王,A
2,王,A
3,王,A
4,王,A
5,王,A
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv in.csv
	assert_output - <<'EOF'
cm-schedule: last.csv:2: customer '7' of a make-up visit is not in this week's input
cm-schedule: last.csv:3: customer '8' of a make-up visit is not in this week's input
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
8,王,A,2026-11-30,周一,09:00,A,登门拜访,重点,补访,scheduled,
7,王,B,2026-11-30,周一,14:00,其他,电话,,补访,scheduled,
1,王,A,2026-12-01,周二,09:00,A,登门拜访,重点,,scheduled,
2,王,A,2026-12-01,周二,14:00,A,登门拜访,重点,,scheduled,
3,王,A,2026-12-02,周三,09:00,A,登门拜访,重点,,scheduled,
4,王,A,2026-12-02,周三,14:00,A,登门拜访,重点,,scheduled,
5,王,A,,,,A,登门拜访,,,unscheduled,week full
EOF
}

@test "make-up visits of an area plan take their area's day first, and this week's rows of the area join them" {
	area_rules '[mon, tue, wed]' '["09:00", "14:00", "19:00"]'
	printf 'id,agent,region,plan,done\n9,王,秦淮区,区域,no\n' > last.csv
	cat > in.csv <<'EOF'
id,agent,region
1,王,玄武区
2,王,玄武区
3,王,秦淮区
4,王,玄武区
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv in.csv
	assert_output - <<'EOF'
cm-schedule: last.csv:2: customer '9' of a make-up visit is not in this week's input
id,agent,region,date,weekday,time,plan,action,mark,carryover,status,reason
9,王,秦淮区,2026-11-30,周一,09:00,区域,登门拜访,,补访,scheduled,
3,王,秦淮区,2026-11-30,周一,14:00,区域,登门拜访,,,scheduled,
1,王,玄武区,2026-12-01,周二,09:00,区域,登门拜访,,,scheduled,
2,王,玄武区,2026-12-01,周二,14:00,区域,登门拜访,,,scheduled,
4,王,玄武区,2026-12-01,周二,19:00,区域,登门拜访,,,scheduled,
EOF
}

@test "a make-up visit keeps last week's plan though its row would match another now" {
	ab_rules
	cat > last.csv <<'EOF'
id,agent,class,plan,done
1,王,B,其他,no
EOF
	printf 'id,agent,class\n1,王,A\n' > in.csv
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,B,2026-11-30,周一,09:00,其他,电话,,补访,scheduled,
EOF
}

@test "a customer both new and missed last week appears once, as the make-up visit" {
	ab_rules
	cat > last.csv <<'EOF'
id,agent,class,plan,done
3,王,B,其他,no
9,王,A,A,yes
EOF
	cat > in.csv <<'EOF'
id,agent,class
1,王,A
3,王,A
2,王,B
EOF
	run --separate-stderr -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv --stats in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
3,王,B,2026-11-30,周一,09:00,其他,电话,,补访,scheduled,
1,王,A,2026-11-30,周一,14:00,A,登门拜访,重点,,scheduled,
2,王,B,2026-12-01,周二,09:00,其他,电话,,,scheduled,
EOF
	assert_equal "$stderr" "cm-schedule: read: 3
cm-schedule: written: 3
cm-schedule: rejected: 0
cm-schedule: scheduled: 3
cm-schedule: unscheduled: 0
cm-schedule: make-up visits: 1
cm-schedule: merged into make-up visits: 1
cm-schedule: done last week: 1
cm-schedule: customers listed twice: 0
cm-schedule: make-up visits of agents not in the input: 0
cm-schedule: make-up visits of customers not in the input: 0"
}

@test "done rows of last week are not scheduled again; yes and 是 mean done by default" {
	ab_rules
	cat > last.csv <<'EOF'
id,agent,class,plan,done
1,王,B,其他,yes
2,王,B,其他,是
3,王,B,其他,no
4,王,B,其他,
5,王,B,其他,Yes
EOF
	printf 'id,agent,class\n' > in.csv
	run --separate-stderr -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv --stats in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
3,王,B,2026-11-30,周一,09:00,其他,电话,,补访,scheduled,
4,王,B,2026-11-30,周一,14:00,其他,电话,,补访,scheduled,
5,王,B,2026-12-01,周二,09:00,其他,电话,,补访,scheduled,
EOF
	assert_equal "$stderr" "cm-schedule: last.csv:4: agent '王' of a make-up visit is not in this week's input
cm-schedule: last.csv:4: customer '3' of a make-up visit is not in this week's input
cm-schedule: last.csv:5: customer '4' of a make-up visit is not in this week's input
cm-schedule: last.csv:6: customer '5' of a make-up visit is not in this week's input
cm-schedule: read: 0
cm-schedule: written: 3
cm-schedule: rejected: 0
cm-schedule: scheduled: 3
cm-schedule: unscheduled: 0
cm-schedule: make-up visits: 3
cm-schedule: merged into make-up visits: 0
cm-schedule: done last week: 2
cm-schedule: customers listed twice: 0
cm-schedule: make-up visits of agents not in the input: 3
cm-schedule: make-up visits of customers not in the input: 3"
}

@test "carryover's done_column and done name the column and the values that mean done" {
	cat > r.yaml <<'EOF'
version: 1
columns:
  finished: 完成情况
group_by: agent
key: id
week:
  days: [mon]
  times: ["09:00", "14:00"]
carryover:
  done_column: finished
  done: [已完成]
plans:
  - name: 其他
    action: 电话
    place: fill
EOF
	cat > last.csv <<'EOF'
id,agent,plan,完成情况
1,王,其他,已完成
2,王,其他,yes
EOF
	printf 'id,agent\n' > in.csv
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv in.csv
	assert_output - <<'EOF'
cm-schedule: last.csv:3: agent '王' of a make-up visit is not in this week's input
cm-schedule: last.csv:3: customer '2' of a make-up visit is not in this week's input
id,agent,date,weekday,time,plan,action,mark,carryover,status,reason
2,王,2026-11-30,周一,09:00,其他,电话,,补访,scheduled,
EOF
}

@test "a customer listed twice in the carryover file gets one make-up visit" {
	ab_rules
	cat > last.csv <<'EOF'
id,agent,class,plan,status,done
4,王,B,其他,scheduled,no
4,王,B,其他,unscheduled,
EOF
	printf 'id,agent,class\n' > in.csv
	run --separate-stderr -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv --stats in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
4,王,B,2026-11-30,周一,09:00,其他,电话,,补访,scheduled,
EOF
	assert_equal "$stderr" "cm-schedule: last.csv:2: agent '王' of a make-up visit is not in this week's input
cm-schedule: last.csv:2: customer '4' of a make-up visit is not in this week's input
cm-schedule: read: 0
cm-schedule: written: 1
cm-schedule: rejected: 0
cm-schedule: scheduled: 1
cm-schedule: unscheduled: 0
cm-schedule: make-up visits: 1
cm-schedule: merged into make-up visits: 0
cm-schedule: done last week: 0
cm-schedule: customers listed twice: 0
cm-schedule: make-up visits of agents not in the input: 1
cm-schedule: make-up visits of customers not in the input: 1"
}

@test "a carryover row whose plan is no longer in the rules is unscheduled: no plan matched" {
	ab_rules
	cat > last.csv <<'EOF'
id,agent,class,plan,done
7,王,B,旧计划,no
EOF
	printf 'id,agent,class\n1,王,A\n' > in.csv
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv in.csv
	assert_output - <<'EOF'
cm-schedule: last.csv:2: customer '7' of a make-up visit is not in this week's input
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,A,2026-11-30,周一,09:00,A,登门拜访,重点,,scheduled,
7,王,B,,,,,,,补访,unscheduled,no plan matched
EOF
}

@test "agents of the carryover file come first, and its columns are taken by name" {
	ab_rules
	cat > last.csv <<'EOF'
done,plan,class,agent,extra,id
no,其他,B,李,x,9
EOF
	printf 'id,agent,class\n1,王,B\n2,李,B\n' > in.csv
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv in.csv
	assert_output - <<'EOF'
cm-schedule: last.csv:2: customer '9' of a make-up visit is not in this week's input
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
9,李,B,2026-11-30,周一,09:00,其他,电话,,补访,scheduled,
2,李,B,2026-11-30,周一,14:00,其他,电话,,,scheduled,
1,王,B,2026-11-30,周一,09:00,其他,电话,,,scheduled,
EOF
}

@test "a carryover file without the done column is a data error" {
	ab_rules
	printf 'id,agent,class,plan\n7,王,B,其他\n' > last.csv
	printf 'id,agent,class\n1,王,A\n' > in.csv
	run --separate-stderr -1 cm-schedule -r r.yaml --carryover last.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: last.csv:1: no column 'done' in --carryover: 'id', 'agent', 'class', 'plan'"
}

@test "a make-up visit without its agent is a data error at its line" {
	ab_rules
	printf 'id,agent,class,plan,done\n7,王,B,其他,yes\n8,,B,其他,no\n' > last.csv
	printf 'id,agent,class\n1,王,A\n' > in.csv
	run --separate-stderr -1 cm-schedule -r r.yaml --carryover last.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: last.csv:3: a make-up visit needs 'agent' and 'id'"
}

# --- the once-a-week rule within the input -----------------------------------

@test "a customer listed twice in this week's input is scheduled once" {
	ab_rules
	cat > in.csv <<'EOF'
id,agent,class
1,王,B
2,王,B
1,王,B
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,B,2026-11-30,周一,09:00,其他,电话,,,scheduled,
2,王,B,2026-11-30,周一,14:00,其他,电话,,,scheduled,
1,王,B,,,,其他,电话,,,unscheduled,customer already listed this week
EOF
}

# --- unscheduled rows ------------------------------------------------------

@test "an unscheduled row has each reason: no plan matched, week full, no day before the event left, no event this week" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon]
  times: ["09:00"]
plans:
  - name: 周一活动
    when: {kind: 周一活动}
    action: 邀约参加活动
    place: event
  - name: 远期活动
    when: {kind: 远期活动}
    action: 邀约参加活动
    place: event
  - name: 拜访
    when: {kind: 拜访}
    action: 登门拜访
    place: fill
EOF
	cat > in.csv <<'EOF'
id,agent,kind
1,王,拜访
2,王,拜访
3,王,周一活动
4,王,其他
EOF
	printf 'date,name\n2026-11-30,周一会\n' > events.csv
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --events events.csv in.csv
	assert_output - <<'EOF'
id,agent,kind,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,拜访,2026-11-30,周一,09:00,拜访,登门拜访,,,scheduled,
2,王,拜访,,,,拜访,登门拜访,,,unscheduled,week full
3,王,周一活动,,,,周一活动,邀约参加活动,,,unscheduled,no day before the event left
4,王,其他,,,,,,,,unscheduled,no plan matched
EOF
	printf 'id,agent,kind\n5,王,远期活动\n' > in.csv
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,kind,date,weekday,time,plan,action,mark,carryover,status,reason
5,王,远期活动,,,,远期活动,邀约参加活动,,,unscheduled,no event this week
EOF
}

@test "unscheduled rows come after an agent's scheduled ones, in input order" {
	ab_rules
	cat > in.csv <<'EOF'
id,agent,class
1,王,Z
2,王,B
3,李,Z
4,王,Z
EOF
	sed -i 's/^  - name: 其他/  - name: 其他\n    when: {class: B}/' r.yaml
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
2,王,B,2026-11-30,周一,09:00,其他,电话,,,scheduled,
1,王,Z,,,,,,,,unscheduled,no plan matched
4,王,Z,,,,,,,,unscheduled,no plan matched
3,李,Z,,,,,,,,unscheduled,no plan matched
EOF
}

@test "--unscheduled FILE takes the unscheduled rows, under the output's header" {
	ab_rules
	rows 7 B
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --unscheduled rest.csv in.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,B,2026-11-30,周一,09:00,其他,电话,,,scheduled,
2,王,B,2026-11-30,周一,14:00,其他,电话,,,scheduled,
3,王,B,2026-12-01,周二,09:00,其他,电话,,,scheduled,
4,王,B,2026-12-01,周二,14:00,其他,电话,,,scheduled,
5,王,B,2026-12-02,周三,09:00,其他,电话,,,scheduled,
6,王,B,2026-12-02,周三,14:00,其他,电话,,,scheduled,
EOF
	run -0 cat rest.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
7,王,B,,,,其他,电话,,,unscheduled,week full
EOF
}

@test "--unscheduled FILE holds only the header when every row was placed" {
	ab_rules
	rows 1 B
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --unscheduled rest.csv -o out.csv in.csv
	assert_output ''
	run -0 cat rest.csv
	assert_output 'id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason'
}

# --- output columns ----------------------------------------------------------

@test "columns: writes the added columns under the data's names, in place when the input has them" {
	cat > r.yaml <<'EOF'
version: 1
columns:
  agent: 营销员
  id: 客户编号
  date: 日期
  weekday: 星期
  time: 时间
  plan: 计划
  action: 行动
  mark: 标注
  carryover: 补访
  status: 状态
  reason: 原因
group_by: agent
key: id
week:
  days: [mon]
  times: ["09:00"]
plans:
  - name: 重点
    action: 登门拜访
    place: first
    mark: 重点
EOF
	cat > in.csv <<'EOF'
客户编号,日期,营销员,状态
C01,旧,王芳,旧
C02,旧,王芳,旧
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
客户编号,日期,营销员,状态,星期,时间,计划,行动,标注,补访,原因
C01,2026-11-30,王芳,scheduled,周一,09:00,重点,登门拜访,重点,,
C02,,王芳,unscheduled,,,重点,登门拜访,,,week full
EOF
}

# --- bad rows and --stats ------------------------------------------------------

@test "a row with an empty agent or customer is a data error" {
	ab_rules
	printf 'id,agent,class\n1,王,A\n2,,A\n' > in.csv
	run --separate-stderr -1 cm-schedule -r r.yaml --week 2026-11-30 -o out.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: in.csv:3: the column 'agent' is empty"
	[ ! -e out.csv ]
	printf 'id,agent,class\n1,王,A\n,王,A\n' > in.csv
	run --separate-stderr -1 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_equal "$stderr" "cm-schedule: in.csv:3: the column 'id' is empty"
}

@test "a cell that a when cannot read is a data error for its row" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon]
  times: ["09:00", "14:00"]
plans:
  - name: 高分
    when: {score: {ge: 80}}
    action: 登门拜访
    place: first
  - name: 其他
    action: 电话
    place: fill
EOF
	printf 'id,agent,score\n1,王,90\n2,王,高\n3,王,\n' > in.csv
	run --separate-stderr -0 cm-schedule -r r.yaml --week 2026-11-30 --rejects rej.csv in.csv
	assert_output - <<'EOF'
id,agent,score,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,90,2026-11-30,周一,09:00,高分,登门拜访,,,scheduled,
3,王,,2026-11-30,周一,14:00,其他,电话,,,scheduled,
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,id,agent,score
3,column 'score': '高' is not a number (ge at line 9 of the rules),2,王,高
EOF
}

@test "--stats: rows read and make-up visits are the rows written, unscheduled to FILE, merged and rejected" {
	ab_rules
	cat > last.csv <<'EOF'
id,agent,class,plan,done
1,王,A,A,no
2,王,B,其他,no
3,王,B,其他,yes
4,李,B,其他,
EOF
	cat > in.csv <<'EOF'
id,agent,class
1,王,A
5,王,A
,王,B
6,王,B
7,王,B
8,王,B
9,王,B
4,李,B
10,李,B
EOF
	run --separate-stderr -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv \
	    --unscheduled rest.csv --rejects rej.csv --stats -o out.csv in.csv
	assert_equal "$stderr" "cm-schedule: last.csv:3: customer '2' of a make-up visit is not in this week's input
cm-schedule: read: 9
cm-schedule: written: 8
cm-schedule: rejected: 1
cm-schedule: scheduled: 8
cm-schedule: unscheduled: 1
cm-schedule: make-up visits: 3
cm-schedule: merged into make-up visits: 2
cm-schedule: done last week: 1
cm-schedule: customers listed twice: 0
cm-schedule: make-up visits of agents not in the input: 0
cm-schedule: make-up visits of customers not in the input: 1"
	# 9 read + 3 make-up visits = 8 written + 1 unscheduled + 2 merged + 1 rejected
	run -0 cat out.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,A,2026-11-30,周一,09:00,A,登门拜访,重点,补访,scheduled,
2,王,B,2026-11-30,周一,14:00,其他,电话,,补访,scheduled,
5,王,A,2026-12-01,周二,09:00,A,登门拜访,重点,,scheduled,
6,王,B,2026-12-01,周二,14:00,其他,电话,,,scheduled,
7,王,B,2026-12-02,周三,09:00,其他,电话,,,scheduled,
8,王,B,2026-12-02,周三,14:00,其他,电话,,,scheduled,
4,李,B,2026-11-30,周一,09:00,其他,电话,,补访,scheduled,
10,李,B,2026-11-30,周一,14:00,其他,电话,,,scheduled,
EOF
	run -0 cat rest.csv
	assert_output - <<'EOF'
id,agent,class,date,weekday,time,plan,action,mark,carryover,status,reason
9,王,B,,,,其他,电话,,,unscheduled,week full
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,id,agent,class
4,the column 'id' is empty,,王,B
EOF
}

# --- rule errors ---------------------------------------------------------------

@test "a weekly plan without a day is a rule error at the plan" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon]
  times: ["09:00"]
plans:
  - name: 每周联络
    action: 电话联络
    place: weekly
    time: "16:00"
EOF
	run --separate-stderr -2 cm-schedule -r r.yaml --check
	assert_output ''
	assert_equal "$stderr" "cm-schedule: r.yaml:8:5: a weekly plan needs day and time"
}

@test "week takes either times or per_day, not both and not neither" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon]
  times: ["09:00"]
  per_day: 30
plans:
  - action: 电话
    place: fill
EOF
	run --separate-stderr -2 cm-schedule -r r.yaml --check
	assert_equal "$stderr" "cm-schedule: r.yaml:5:3: week needs either times (one visit at each) or per_day (contacts a day)"
	sed -i '/times:/d; /per_day:/d' r.yaml
	run --separate-stderr -2 cm-schedule -r r.yaml --check
	assert_equal "$stderr" "cm-schedule: r.yaml:5:3: week needs either times (one visit at each) or per_day (contacts a day)"
}

@test "an unknown place is a rule error that lists the places" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon]
  per_day: 30
plans:
  - action: 电话
    place: fil
EOF
	run --separate-stderr -2 cm-schedule -r r.yaml --check
	assert_equal "$stderr" "cm-schedule: r.yaml:9:12: unknown place 'fil' (did you mean 'fill'?)"
}

@test "weekdays, times, per_day, before and event dates are checked, every error reported" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  start: Monday
  days: [mon, 周八]
  times: ["09:00", "08:30", "9:30", "24:00"]
events:
  - {date: 2026-02-30, name: 坏日子}
plans:
  - action: 邀约
    place: event
    before: [0, 3, 8]
  - action: 电话
    place: weekly
    day: fri
    time: "16:60"
EOF
	run --separate-stderr -2 cm-schedule -r r.yaml --check
	assert_equal "$stderr" "cm-schedule: r.yaml:5:10: unknown weekday 'Monday' (monday ... sunday, mon ... sun, 周一 ... 周日, 星期一 ... 星期日)
cm-schedule: r.yaml:6:15: unknown weekday '周八' (monday ... sunday, mon ... sun, 周一 ... 周日, 星期一 ... 星期日)
cm-schedule: r.yaml:7:20: times must rise through the day
cm-schedule: r.yaml:7:29: times takes a time of day (09:30), not '9:30'
cm-schedule: r.yaml:7:37: times takes a time of day (09:30), not '24:00'
cm-schedule: r.yaml:9:12: '2026-02-30' is not a date
cm-schedule: r.yaml:13:14: before (days) takes a count of at least 1, not '0'
cm-schedule: r.yaml:13:20: before (days) takes a count of at most 7, not '8'
cm-schedule: r.yaml:17:11: time takes a time of day (09:30), not '16:60'
cm-schedule: r.yaml:14:5: a weekly plan needs day and time"
	printf 'version: 1\ngroup_by: agent\nkey: id\nweek: {days: [mon], per_day: 0}\nplans: []\n' > r.yaml
	run --separate-stderr -2 cm-schedule -r r.yaml --check
	assert_equal "$stderr" "cm-schedule: r.yaml:4:30: per_day takes a count of at least 1, not '0'
cm-schedule: r.yaml:4:7: week needs either times (one visit at each) or per_day (contacts a day)
cm-schedule: r.yaml:5:8: a calendar needs at least one plan"
}

@test "group_by, key, week, week.days and plans are required, and action and place in a plan" {
	printf 'version: 1\n' > r.yaml
	run --separate-stderr -2 cm-schedule -r r.yaml --check
	assert_equal "$stderr" "cm-schedule: r.yaml:1:1: the key 'group_by' is missing
cm-schedule: r.yaml:1:1: the key 'key' is missing
cm-schedule: r.yaml:1:1: the key 'week' is missing
cm-schedule: r.yaml:1:1: the key 'plans' is missing"
	printf 'version: 1\ngroup_by: agent\nkey: id\nweek: {times: ["09:00"]}\nplans: [{name: x}]\n' > r.yaml
	run --separate-stderr -2 cm-schedule -r r.yaml --check
	assert_equal "$stderr" "cm-schedule: r.yaml:4:7: the key 'days' is missing
cm-schedule: r.yaml:5:9: the key 'action' is missing
cm-schedule: r.yaml:5:9: the key 'place' is missing"
}

@test "an unknown key is a rule error that suggests the nearest one" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon]
  per_days: 30
plans:
  - action: 电话
    place: fill
    makr: 重点
EOF
	run --separate-stderr -2 cm-schedule -r r.yaml --check
	assert_equal "$stderr" "cm-schedule: r.yaml:6:3: unknown key 'per_days' (did you mean 'per_day'?)
cm-schedule: r.yaml:5:3: week needs either times (one visit at each) or per_day (contacts a day)
cm-schedule: r.yaml:10:5: unknown key 'makr' (did you mean 'mark'?)"
}

@test "--check FILE finds the group, key and area columns that the header lacks" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon]
  per_day: 30
plans:
  - action: 电话
    place: area
    area: district
EOF
	printf 'name,phone\n' > in.csv
	run --separate-stderr -2 cm-schedule -r r.yaml --check in.csv
	assert_equal "$stderr" "cm-schedule: r.yaml:2:11: columns 'agent', 'id', 'district' are not in the header of in.csv: 'name', 'phone'; add them to the input, or map them to headers with columns: in r.yaml"
}

# --- an action by condition (尊享拜访计划) ----------------------------------------

# A week of one visit a day; the action goes by the row's source and
# referrer, as the shipped rules have it.
source_rules() {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon, tue, wed, thu]
  times: ["09:00"]
plans:
  - name: 拜访
    place: fill
    action:
      - {when: {referrer: {empty: false}}, action: 约见送建议书}
      - {when: {source: {empty: false}}, action: 登门拜访}
      - action: 电话、短信
EOF
}

@test "a plan's action is the first of its list whose condition holds, else the default" {
	source_rules
	cat > in.csv <<'EOF'
id,agent,source,referrer
1,王,亲属,C9
2,王,同学老师,
3,王,,
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_output - <<'EOF'
id,agent,source,referrer,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,亲属,C9,2026-11-30,周一,09:00,拜访,约见送建议书,,,scheduled,
2,王,同学老师,,2026-12-01,周二,09:00,拜访,登门拜访,,,scheduled,
3,王,,,2026-12-02,周三,09:00,拜访,电话、短信,,,scheduled,
EOF
}

@test "a make-up visit's action is chosen by this week's rules, from the columns of last week's row" {
	source_rules
	printf 'id,agent,source,referrer\n2,王,同学老师,\n' > in.csv
	cat > last.csv <<'EOF'
id,agent,source,referrer,date,weekday,time,plan,action,mark,carryover,status,reason,done
1,王,,C7,2026-11-24,周二,09:00,拜访,电话、短信,,,scheduled,,no
EOF
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv in.csv
	assert_output - <<'EOF'
cm-schedule: last.csv:2: customer '1' of a make-up visit is not in this week's input
id,agent,source,referrer,date,weekday,time,plan,action,mark,carryover,status,reason
1,王,,C7,2026-11-30,周一,09:00,拜访,约见送建议书,,补访,scheduled,
2,王,同学老师,,2026-12-01,周二,09:00,拜访,登门拜访,,,scheduled,
EOF
}

@test "a cell an action's condition cannot read rejects the row" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon]
  times: ["09:00", "10:00"]
plans:
  - name: 拜访
    place: fill
    action:
      - {when: {premium: {ge: 20000}}, action: 登门拜访}
      - action: 电话
EOF
	printf 'id,agent,premium\n1,王,3万\n2,王,26000\n' > in.csv
	run --separate-stderr -0 cm-schedule -r r.yaml --week 2026-11-30 --rejects rej.csv in.csv
	assert_output - <<'EOF'
id,agent,premium,date,weekday,time,plan,action,mark,carryover,status,reason
2,王,26000,2026-11-30,周一,09:00,拜访,登门拜访,,,scheduled,
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,id,agent,premium
2,column 'premium': '3万' is not a number (ge at line 11 of the rules),1,王,3万
EOF
}

@test "a list of actions ends with its default, and only the last may have no condition" {
	cat > r.yaml <<'EOF'
version: 1
group_by: agent
key: id
week:
  days: [mon]
  times: ["09:00"]
plans:
  - name: 一
    place: fill
    action:
      - {when: {source: 亲属}, action: 登门拜访}
  - name: 二
    place: fill
    action:
      - action: 电话
      - {when: {source: 亲属}, action: 登门拜访}
      - {action: 短信, what: x}
EOF
	run --separate-stderr -2 cm-schedule -r r.yaml --check
	assert_output ''
	assert_equal "$stderr" "cm-schedule: r.yaml:11:7: a list of actions ends with one without when, the default
cm-schedule: r.yaml:15:9: only the last action may be without when: it is the default
cm-schedule: r.yaml:17:22: unknown key 'what' (did you mean 'when'?)"
}

@test "the shipped rules refuse a source outside the nine groups of the name book" {
	samples
	cat > in.csv <<'EOF'
customer_id,agent_id,region,quadrant,source,referrer
C1,A1,鼓楼区,1,亲戚,
C2,A1,鼓楼区,1,网络,
EOF
	run --separate-stderr -1 cm-schedule -r rules/schedule.yaml --week 2026-11-30 in.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: in.csv:3: column 'source': '网络' is not one of 亲属, 同学老师, 左邻右舍, 消费场所, 既往同事, 趣味相投, 子女相关, 家人相关, 业外同行 (domains: at line 40 of the rules)"
}

# --- the shipped rules on the sample data ----------------------------------------

# The week of each agent's golden 10: the quadrant places a visit (1
# first, marked; 3 before an event; 2 one area a day; 4 a Friday call);
# the source and referrer choose its action (尊享拜访计划): C0006 has no
# name-book source (a phone call or a message), C0035 was referred
# (an appointment with a proposal), the others are network customers.
week() {
	cm-classify samples/customers.csv | cm-funnel |
	    cm-schedule --week 2026-11-30 --events samples/events.csv |
	    pick customer_id agent_id region quadrant source referrer date \
	    weekday time plan action mark carryover status reason
}

@test "the shipped schedule.yaml lays out the week of each agent's golden 10 from the sample list" {
	samples
	run -0 week
	assert_output - <<'EOF'
customer_id,agent_id,region,quadrant,source,referrer,date,weekday,time,plan,action,mark,carryover,status,reason
C0009,A001,建邺区,1,亲属,,2026-11-30,周一,09:00,第一象限,登门拜访,重点,,已安排,
C0001,A001,秦淮区,2,同学老师,,2026-11-30,周一,10:30,第二象限,登门拜访,,,已安排,
C0011,A001,秦淮区,2,左邻右舍,,2026-11-30,周一,14:00,第二象限,登门拜访,,,已安排,
C0006,A001,建邺区,,,,2026-11-30,周一,15:30,其他,电话、短信,,,已安排,
C0012,A001,建邺区,,消费场所,,2026-11-30,周一,19:00,其他,登门拜访,,,已安排,
C0010,A001,玄武区,2,同学老师,,2026-12-01,周二,09:00,第二象限,登门拜访,,,已安排,
C0016,A001,建邺区,,家人相关,,2026-12-01,周二,10:30,其他,登门拜访,,,已安排,
C0005,A001,秦淮区,,趣味相投,,2026-12-01,周二,14:00,其他,登门拜访,,,已安排,
C0013,A001,鼓楼区,,既往同事,,2026-12-01,周二,15:30,其他,登门拜访,,,已安排,
C0002,A001,鼓楼区,2,左邻右舍,,2026-12-02,周三,09:00,第二象限,登门拜访,,,已安排,
C0017,A002,玄武区,1,业外同行,,2026-11-30,周一,09:00,第一象限,登门拜访,重点,,已安排,
C0025,A002,建邺区,1,家人相关,,2026-11-30,周一,10:30,第一象限,登门拜访,重点,,已安排,
C0026,A002,玄武区,2,业外同行,,2026-11-30,周一,14:00,第二象限,登门拜访,,,已安排,
C0021,A002,建邺区,,消费场所,,2026-11-30,周一,15:30,其他,登门拜访,,,已安排,
C0020,A002,鼓楼区,,左邻右舍,,2026-11-30,周一,19:00,其他,登门拜访,,,已安排,
C0030,A002,鼓楼区,,消费场所,,2026-12-01,周二,09:00,其他,登门拜访,,,已安排,
C0029,A002,玄武区,,左邻右舍,,2026-12-01,周二,10:30,其他,登门拜访,,,已安排,
C0019,A002,鼓楼区,4,同学老师,C0025,2026-12-04,周五,16:00,第四象限,电话联络,,,已安排,
C0027,A002,玄武区,4,亲属,,2026-12-04,周五,16:00,第四象限,电话联络,,,已安排,
C0018,A002,鼓楼区,4,亲属,,2026-12-04,周五,16:00,第四象限,电话联络,,,已安排,
C0033,A003,玄武区,1,子女相关,,2026-11-30,周一,09:00,第一象限,登门拜访,重点,,已安排,
C0035,A003,鼓楼区,2,业外同行,C0041,2026-11-30,周一,10:30,第二象限,约见送建议书,,,已安排,
C0034,A003,鼓楼区,2,家人相关,,2026-11-30,周一,14:00,第二象限,登门拜访,,,已安排,
C0044,A003,玄武区,,业外同行,,2026-11-30,周一,15:30,其他,登门拜访,,,已安排,
C0037,A003,秦淮区,,同学老师,,2026-11-30,周一,19:00,其他,登门拜访,,,已安排,
C0041,A003,秦淮区,3,趣味相投,,2026-12-01,周二,09:00,第三象限,登门拜访,客户答谢会,,已安排,
C0042,A003,玄武区,2,子女相关,,2026-12-01,周二,10:30,第二象限,登门拜访,,,已安排,
C0038,A003,玄武区,,左邻右舍,,2026-12-01,周二,14:00,其他,登门拜访,,,已安排,
C0036,A003,玄武区,,亲属,,2026-12-01,周二,15:30,其他,登门拜访,,,已安排,
C0043,A003,玄武区,4,家人相关,,2026-12-04,周五,16:00,第四象限,电话联络,,,已安排,
EOF
}

@test "the shipped schedule.yaml keeps every column of the funnel's output, in order, before its own" {
	samples
	run -0 sh -c 'cm-classify samples/customers.csv | cm-funnel > golden10.csv'
	run -0 sh -c 'cm-schedule --week 2026-11-30 golden10.csv | head -n 1'
	assert_output "$(head -n 1 golden10.csv),date,weekday,time,plan,action,mark,carryover,status,reason"
}

@test "the SYNOPSIS of cm-schedule(1) is the usage that cm-schedule prints" {
	run -2 cm-schedule --no-such-option
	usage="${output#*usage: }"
	run -0 sh -c 'mandoc -T ascii "$ROOT/man/cm-schedule.1" | sed "s/.\x08//g" |
	    awk "/^SYNOPSIS/ { f = 1; next } /^[A-Z]/ { f = 0 } f" | tr -s " \n" "  "'
	assert_output " $usage "
}

# --- the EXAMPLES of cm-schedule(1) ----------------------------------------------

@test "cm-schedule(1): the week of each agent's golden 10 of the sample list" {
	samples
	run -0 bash -o pipefail -c 'cm-classify samples/customers.csv | cm-funnel |
	    cm-schedule --week 2026-11-30 --events samples/events.csv \
	    -o visits.csv'
	assert_output ''
	run -0 pick customer_id agent_id date weekday time plan mark < visits.csv
	assert_output - <<'EOF'
customer_id,agent_id,date,weekday,time,plan,mark
C0009,A001,2026-11-30,周一,09:00,第一象限,重点
C0001,A001,2026-11-30,周一,10:30,第二象限,
C0011,A001,2026-11-30,周一,14:00,第二象限,
C0006,A001,2026-11-30,周一,15:30,其他,
C0012,A001,2026-11-30,周一,19:00,其他,
C0010,A001,2026-12-01,周二,09:00,第二象限,
C0016,A001,2026-12-01,周二,10:30,其他,
C0005,A001,2026-12-01,周二,14:00,其他,
C0013,A001,2026-12-01,周二,15:30,其他,
C0002,A001,2026-12-02,周三,09:00,第二象限,
C0017,A002,2026-11-30,周一,09:00,第一象限,重点
C0025,A002,2026-11-30,周一,10:30,第一象限,重点
C0026,A002,2026-11-30,周一,14:00,第二象限,
C0021,A002,2026-11-30,周一,15:30,其他,
C0020,A002,2026-11-30,周一,19:00,其他,
C0030,A002,2026-12-01,周二,09:00,其他,
C0029,A002,2026-12-01,周二,10:30,其他,
C0019,A002,2026-12-04,周五,16:00,第四象限,
C0027,A002,2026-12-04,周五,16:00,第四象限,
C0018,A002,2026-12-04,周五,16:00,第四象限,
C0033,A003,2026-11-30,周一,09:00,第一象限,重点
C0035,A003,2026-11-30,周一,10:30,第二象限,
C0034,A003,2026-11-30,周一,14:00,第二象限,
C0044,A003,2026-11-30,周一,15:30,其他,
C0037,A003,2026-11-30,周一,19:00,其他,
C0041,A003,2026-12-01,周二,09:00,第三象限,客户答谢会
C0042,A003,2026-12-01,周二,10:30,第二象限,
C0038,A003,2026-12-01,周二,14:00,其他,
C0036,A003,2026-12-01,周二,15:30,其他,
C0043,A003,2026-12-04,周五,16:00,第四象限,
EOF
}

@test "cm-schedule(1): a week with Chinese headers, a company event and last week's missed visits" {
	week_files
	run -0 cm-schedule -r week.yaml --week 2026-11-30 --carryover 上周.csv 本周.csv
	assert_output - <<'EOF'
cm-schedule: 上周.csv:4: customer 'C10' of a make-up visit is not in this week's input
客户编号,姓名,营销员,区域,象限,date,weekday,time,plan,action,mark,carryover,status,reason
C02,高静,王芳,玄武区,2,2026-11-30,周一,09:00,按区域,登门拜访,,补访,scheduled,
C01,何强,王芳,鼓楼区,1,2026-11-30,周一,14:00,重点客户,登门拜访,重点,,scheduled,
C05,胡洋,王芳,秦淮区,3,2026-12-01,周二,09:00,活动邀约,邀约参加活动,客户答谢会,,scheduled,
C03,林涛,王芳,鼓楼区,2,2026-12-01,周二,14:00,按区域,登门拜访,,,scheduled,
C04,朱芳,王芳,玄武区,2,2026-12-02,周三,09:00,按区域,登门拜访,,,scheduled,
C06,刘勇,王芳,鼓楼区,4,2026-12-04,周五,16:00,每周联络,电话联络,,,scheduled,
C10,周婷,李军,建邺区,1,2026-11-30,周一,09:00,重点客户,登门拜访,重点,补访,scheduled,
C07,孙丽,李军,建邺区,1,2026-11-30,周一,14:00,重点客户,登门拜访,重点,,scheduled,
C08,赵敏,李军,建邺区,5,,,,,,,,unscheduled,no plan matched
EOF
}

@test "cm-schedule(1): the same week with the unscheduled rows aside and the counts" {
	week_files
	run --separate-stderr -0 cm-schedule -r week.yaml --week 2026-11-30 --carryover 上周.csv \
	    --unscheduled 未安排.csv --stats -o 日历.csv 本周.csv
	assert_output ''
	assert_equal "$stderr" "cm-schedule: 上周.csv:4: customer 'C10' of a make-up visit is not in this week's input
cm-schedule: read: 8
cm-schedule: written: 8
cm-schedule: rejected: 0
cm-schedule: scheduled: 8
cm-schedule: unscheduled: 1
cm-schedule: make-up visits: 2
cm-schedule: merged into make-up visits: 1
cm-schedule: done last week: 1
cm-schedule: customers listed twice: 0
cm-schedule: make-up visits of agents not in the input: 0
cm-schedule: make-up visits of customers not in the input: 1"
	run -0 cat 未安排.csv
	assert_output - <<'EOF'
客户编号,姓名,营销员,区域,象限,date,weekday,time,plan,action,mark,carryover,status,reason
C08,赵敏,李军,建邺区,5,,,,,,,,unscheduled,no plan matched
EOF
	run -0 wc -l < 日历.csv
	assert_output 9
}

@test "cm-schedule(1): a telephone team at 30 calls a day" {
	calls_files 65
	run -0 bash -o pipefail -c 'cm-schedule -r calls.yaml --week 2026-11-30 calls.csv | cut -d, -f3 | uniq -c'
	assert_output - <<'EOF'
      1 date
     30 2026-11-30
     30 2026-12-01
      5 2026-12-02
EOF
}

@test "cm-schedule(1): --check - finds that the list was not graded first" {
	samples
	run -2 bash -o pipefail -c "printf 'customer_id,agent_id,region\n' |
	    cm-schedule -r rules/schedule.yaml --check -"
	assert_output - <<'EOF'
cm-schedule: rules/schedule.yaml:74:12: columns 'quadrant', 'referrer', 'source' are not in the header of <stdin>: 'customer_id', 'agent_id', 'region'; add them to the input, or map them to headers with columns: in rules/schedule.yaml
EOF
}

@test "a make-up visit whose id this week's input has with other leading zeros names that id" {
	ab_rules
	cat > last.csv <<'EOF2'
id,agent,class,plan,done
00042,007,B,其他,
EOF2
	printf 'id,agent,class\n42,7,B\n' > in.csv
	run --separate-stderr -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv in.csv
	assert_equal "$stderr" "cm-schedule: last.csv:2: agent '007' of a make-up visit is not in this week's input; '7' is (leading zeros lost in a spreadsheet?)
cm-schedule: last.csv:2: customer '00042' of a make-up visit is not in this week's input; '42' is (leading zeros lost in a spreadsheet?)"
}

@test "--strict makes a make-up visit of a customer not in this week's input a data error, and writes nothing" {
	ab_rules
	cat > last.csv <<'EOF2'
id,agent,class,plan,done
1,王,B,其他,
2,王,B,其他,
EOF2
	printf 'id,agent,class\n1,王,B\n' > in.csv
	echo old > out.csv
	run --separate-stderr -1 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv --strict -o out.csv in.csv
	assert_output ""
	assert_equal "$stderr" "cm-schedule: last.csv:3: customer '2' of a make-up visit is not in this week's input"
	assert_equal "$(cat out.csv)" old
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv --strict <(printf 'id,agent,class\n1,王,B\n2,王,B\n')
}

# --- an input grouped by agent ----------------------------------------------

@test "an input grouped by agent is written as from a pipe, where every row is held to the end" {
	ab_rules
	cat > in.csv <<'EOF2'
id,agent,class
1,王,A
2,王,B
3,李,B
4,李,A
5,李,B
6,张,A
EOF2
	run -0 cm-schedule -r r.yaml --week 2026-11-30 -o file.csv in.csv
	run -0 cm-schedule -r r.yaml --week 2026-11-30 -o pipe.csv < in.csv
	cmp file.csv pipe.csv
	assert_equal "$(cut -d, -f1,2,4,6 file.csv)" "id,agent,date,time
1,王,2026-11-30,09:00
2,王,2026-11-30,14:00
4,李,2026-11-30,09:00
3,李,2026-11-30,14:00
5,李,2026-12-01,09:00
6,张,2026-11-30,09:00"
}

@test "in a grouped input an agent of last week's keeps the agents after it waiting, and the order is last week's" {
	ab_rules
	cat > last.csv <<'EOF2'
id,agent,class,plan,done
9,李,B,其他,
8,王,B,其他,
EOF2
	cat > in.csv <<'EOF2'
id,agent,class
1,王,A
2,张,B
3,李,B
EOF2
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv -o file.csv in.csv
	run -0 cm-schedule -r r.yaml --week 2026-11-30 --carryover last.csv -o pipe.csv < in.csv
	cmp file.csv pipe.csv
	assert_equal "$(cut -d, -f1,2,4,6,10 file.csv)" "id,agent,date,time,carryover
9,李,2026-11-30,09:00,补访
3,李,2026-11-30,14:00,
8,王,2026-11-30,09:00,补访
1,王,2026-11-30,14:00,
2,张,2026-11-30,09:00,"
}

@test "in a grouped input a customer listed again under a later agent is still listed once this week" {
	ab_rules
	printf 'id,agent,class\n1,王,B\n2,李,B\n1,李,B\n' > in.csv
	run -0 cm-schedule -r r.yaml --week 2026-11-30 in.csv
	assert_equal "$(cut -d, -f1,2,11,12 <<< "$output")" "id,agent,status,reason
1,王,scheduled,
2,李,scheduled,
1,李,unscheduled,customer already listed this week"
}
