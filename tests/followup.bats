#!/usr/bin/env bats
# cm-followup: the window, each kind of trigger, leads, leap years, lunar
# birthdays and holidays against published dates, one task per trigger,
# customer and occasion, merging, the order of the list, empty and bad
# dates, rule errors, carried columns, gifts, the lunar calendar's range,
# the side inputs (--events, --services, --occasions), the shipped rules on
# the sample policies, and the commands of the EXAMPLES of cm-followup(1).
# --ics has its own files, ics.bats and calendars.bats.
#
# The published dates (the Hong Kong Observatory's conversion tables, as
# the Chinese almanacs give them): 春节 2024-02-10, 2025-01-29, 2026-02-17;
# 元宵 2024-02-24, 2025-02-12, 2026-03-03; 端午 2024-06-10, 2025-05-31,
# 2026-06-19; 中秋 2024-09-17, 2025-10-06, 2026-09-25; 重阳 2024-10-11,
# 2025-10-29, 2026-10-18; 腊八 (12th month, day 8) 2024-01-18, 2025-01-07,
# 2026-01-26; 除夕 2024-02-09 (day 30), 2025-01-28 and 2026-02-16 (day 29).

load test_helper

# One task per date given: policy Pn of customer Cn, agent A1, with its
# occasion on the date.
dates_files() {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 回访
    channel: 电话
    after: {column: visit_date, offsets: [0d]}
EOF
	printf 'policy_id,customer_id,agent_id,visit_date\n' > in.csv
	i=0
	for d; do
		i=$((i + 1))
		printf 'P%d,C%d,A1,%s\n' "$i" "$i" "$d" >> in.csv
	done
}

# A birthday trigger on the calendar column, with no lead.
birthday_rules() {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 生日祝福
    channel: 礼物
    birthday: {column: birthday, calendar: birthday_calendar}
EOF
}

# A greeting on each holiday named, for one customer.
holiday_files() {
	cat > r.yaml <<EOF
version: 1
triggers:
  - task: 节日问候
    channel: 短信
    holidays: [$1]
EOF
	printf 'policy_id,customer_id,agent_id\nP1,C1,A1\n' > in.csv
}

# The renewal reminder and the birthday greeting of the shipped rules.
renewal_rules() {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 续期缴费提醒
    channel: 电话
    lead: 14
    after: {column: next_due_date, offsets: [0d]}
  - task: 生日祝福
    channel: 礼物
    lead: 1
    birthday: {column: birthday}
EOF
}

# The sample policies and the shipped rules, where the examples expect
# them, as in a checkout of the source.
samples() {
	mkdir -p samples rules
	cp "$ROOT/samples/policies.csv" "$ROOT/samples/notices.csv" \
	    "$ROOT/samples/services.csv" "$ROOT/samples/occasions.csv" samples/
	cp "$ROOT/rules/followup.yaml" rules/
}

# The files of the example of cm-followup(1) with Chinese headers.
greeting_files() {
	cat > 问候.yaml <<'EOF'
version: 1
columns:
  policy_id: 保单号
  customer_id: 客户
  agent_id: 营销员
  birthday: 生日
  birthday_calendar: 历法
  due_date: 应办日期
  occasion_date: 日子
  task: 事项
  channel: 方式
  note: 备注
lunar: 农历
merge: true
triggers:
  - task: 生日祝福
    channel: 礼物
    lead: 1
    birthday: {column: birthday, calendar: birthday_calendar}
  - task: 节日问候
    channel: 短信
    lead: 2
    holidays: [中秋, 国庆]
EOF
	cat > 客户.csv <<'EOF'
保单号,客户,营销员,生日,历法
B01,何强,王芳,1990-10-03,农历
B02,何强,王芳,1990-10-03,农历
B03,林涛,王芳,1975-09-24,公历
B04,高静,李军,1982/10/1,农历
EOF
}

# The rule file with mistakes of the example of cm-followup(1).
mistakes_file() {
	cat > mistakes.yaml <<'EOF'
version: 1
triggers:
  - task: 节日问候
    channel: 短信
    holidays: [中秋, 圣诞节]
  - task: 成交后回访
    channel: 电话
    after: {column: sign_date, offsets: [1w, 1mo]}
  - task: 年度保单检视
    channel: 登门拜访
    after: {column: issue_date, offsets: [1y]}
    yearly: {column: issue_date}
EOF
}

# The triggers of the shipped rules whose task is one of the names given,
# as a rule file of their own, r.yaml, with the shipped audiences.
shipped_triggers() {
	{
		echo 'version: 1'
		echo 'triggers:'
		awk -v names="$*" 'BEGIN {
			n = split(names, a, " ")
			for (i = 1; i <= n; i++)
				want["  - task: " a[i]] = 1
		}
		/^  - task: / { p = ($0 in want) }
		/^  [^ -]/ || /^[^ ]/ { p = 0 }
		p' "$ROOT/rules/followup.yaml"
	} > r.yaml
}

# The window

@test "without --from, the window is the 7 days from today" {
	dates_files 2026-11-22 2026-11-23 2026-11-29 2026-11-30
	run -0 cm-followup -r r.yaml in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-23,2026-11-23,A1,C2,P2,回访,电话,
2026-11-29,2026-11-29,A1,C3,P3,回访,电话,
EOF
}

@test "--today moves the default window" {
	dates_files 2026-11-22 2026-11-23 2026-11-29 2026-11-30
	run -0 cm-followup -r r.yaml --today 2026-11-29 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-29,2026-11-29,A1,C3,P3,回访,电话,
2026-11-30,2026-11-30,A1,C4,P4,回访,电话,
EOF
}

@test "both ends of --from and --days are in the window, the day before and the day after are not" {
	dates_files 2026-11-29 2026-11-30 2026-12-06 2026-12-07
	run -0 cm-followup -r r.yaml --from 2026-11-30 --days 7 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C2,P2,回访,电话,
2026-12-06,2026-12-06,A1,C3,P3,回访,电话,
EOF
}

@test "--days 1 is the day of --from alone" {
	dates_files 2026-11-29 2026-11-30 2026-12-01
	run -0 cm-followup -r r.yaml --from 2026-11-30 --days 1 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C2,P2,回访,电话,
EOF
}

@test "--to ends the window on its own day" {
	dates_files 2026-11-29 2026-11-30 2026-12-01 2026-12-02
	run -0 cm-followup -r r.yaml --from 2026-11-30 --to 2026-12-01 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C2,P2,回访,电话,
2026-12-01,2026-12-01,A1,C3,P3,回访,电话,
EOF
}

@test "--to without --from ends a window that starts today" {
	dates_files 2026-11-22 2026-11-23 2026-11-24 2026-11-25
	run -0 cm-followup -r r.yaml --to 2026-11-24 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-23,2026-11-23,A1,C2,P2,回访,电话,
2026-11-24,2026-11-24,A1,C3,P3,回访,电话,
EOF
}

@test "--days and --to together are a usage error" {
	dates_files 2026-11-30
	run --separate-stderr -2 cm-followup -r r.yaml --from 2026-11-30 --days 3 --to 2026-12-01 in.csv
	assert_output ''
	[ "$stderr" = "cm-followup: --days and --to both set the window's end" ]
}

@test "--to before --from is a usage error" {
	dates_files 2026-11-30
	run --separate-stderr -2 cm-followup -r r.yaml --from 2026-12-02 --to 2026-12-01 in.csv
	assert_output ''
	[ "$stderr" = "cm-followup: --to 2026-12-01 is before --from" ]
}

@test "--days and --to together are a usage error under --check too, before the rules are read" {
	run --separate-stderr -2 cm-followup --check -r nosuch.yaml --days 3 --to 2026-12-01
	assert_output ''
	assert_equal "$stderr" "cm-followup: --days and --to both set the window's end"
}

@test "--to before --from is a usage error under --check too, before the rules are read" {
	run --separate-stderr -2 cm-followup --check -r nosuch.yaml --from 2026-12-05 --to 2026-12-01
	assert_output ''
	assert_equal "$stderr" "cm-followup: --to 2026-12-01 is before --from"
}

@test "--from that is not a date is a usage error" {
	dates_files 2026-11-30
	run --separate-stderr -2 cm-followup -r r.yaml --from 2026-02-30 in.csv
	assert_output ''
	[ "${stderr_lines[0]}" = "cm-followup: --from: '2026-02-30' is not a date (2026-11-23)" ]
	[ "${stderr_lines[1]}" = "usage: $(cm-followup --help | head -n 1 | sed 's/^usage: //')" ]
	[ "${#stderr_lines[@]}" -eq 2 ]
}

@test "--days takes a count from 1 to 3660" {
	dates_files 2026-11-30
	run --separate-stderr -2 cm-followup -r r.yaml --days 0 in.csv
	[ "${stderr_lines[0]}" = "cm-followup: --days: a count from 1 to 3660, not '0'" ]
	run --separate-stderr -2 cm-followup -r r.yaml --days 3661 in.csv
	[ "${stderr_lines[0]}" = "cm-followup: --days: a count from 1 to 3660, not '3661'" ]
	run -0 cm-followup -r r.yaml --days 3660 in.csv
}

@test "--days that is not a count gives one message and the usage" {
	dates_files 2026-11-30
	run --separate-stderr -2 cm-followup -r r.yaml --days x in.csv
	assert_output ''
	[ "${#stderr_lines[@]}" -eq 2 ]
	[[ "${stderr_lines[0]}" == "cm-followup: --days: "*"'x'"* ]]
	[[ "${stderr_lines[1]}" == "usage: cm-followup "* ]]
}

# Each kind of trigger

@test "after: one task for each offset from the date, months clamped to the month's end" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 成交后回访
    channel: 电话
    after: {column: sign_date, offsets: [1d, 1w, 1m, 3m, 1y, -15d]}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,sign_date
P1,C1,A1,2026-01-31
P2,C2,A1,2027-11-30
EOF
	run -0 cm-followup -r r.yaml --from 2026-01-01 --to 2028-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-01-16,2026-01-16,A1,C1,P1,成交后回访,电话,
2026-02-01,2026-02-01,A1,C1,P1,成交后回访,电话,
2026-02-07,2026-02-07,A1,C1,P1,成交后回访,电话,
2026-02-28,2026-02-28,A1,C1,P1,成交后回访,电话,
2026-04-30,2026-04-30,A1,C1,P1,成交后回访,电话,
2027-01-31,2027-01-31,A1,C1,P1,成交后回访,电话,
2027-11-15,2027-11-15,A1,C2,P2,成交后回访,电话,
2027-12-01,2027-12-01,A1,C2,P2,成交后回访,电话,
2027-12-07,2027-12-07,A1,C2,P2,成交后回访,电话,
2027-12-30,2027-12-30,A1,C2,P2,成交后回访,电话,
2028-02-29,2028-02-29,A1,C2,P2,成交后回访,电话,
2028-11-30,2028-11-30,A1,C2,P2,成交后回访,电话,
EOF
}

@test "after: a note is written with the task, and dates in the cell may be written as the rules allow" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 承保回访
    channel: 登门拜访
    note: 送保单，讲解条款
    after: {column: issue_date, offsets: [1d]}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,issue_date
P1,C1,A1,2026/11/29
P2,C2,A1,20261130
P3,C3,A1,2026/12/1
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-30 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C1,P1,承保回访,登门拜访,送保单，讲解条款
2026-12-01,2026-12-01,A1,C2,P2,承保回访,登门拜访,送保单，讲解条款
2026-12-02,2026-12-02,A1,C3,P3,承保回访,登门拜访,送保单，讲解条款
EOF
}

@test "yearly: each anniversary after the date's own year" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 年度保单检视
    channel: 登门拜访
    yearly: {column: issue_date}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,issue_date
P1,C1,A1,2024-03-15
P2,C2,A1,2026-06-01
EOF
	run -0 cm-followup -r r.yaml --from 2024-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2025-03-15,2025-03-15,A1,C1,P1,年度保单检视,登门拜访,
2026-03-15,2026-03-15,A1,C1,P1,年度保单检视,登门拜访,
EOF
}

@test "yearly and birthday: 29 February falls on 28 February in 2026 and 2027 and on 29 February in 2028" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 年度保单检视
    channel: 登门拜访
    yearly: {column: issue_date}
  - task: 生日祝福
    channel: 礼物
    birthday: {column: birthday, calendar: birthday_calendar}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,issue_date,birthday,birthday_calendar
P1,C1,A1,2016-02-29,1988-02-29,solar
EOF
	run -0 cm-followup -r r.yaml --from 2026-01-01 --to 2028-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-02-28,2026-02-28,A1,C1,P1,年度保单检视,登门拜访,
2026-02-28,2026-02-28,A1,C1,,生日祝福,礼物,
2027-02-28,2027-02-28,A1,C1,P1,年度保单检视,登门拜访,
2027-02-28,2027-02-28,A1,C1,,生日祝福,礼物,
2028-02-29,2028-02-29,A1,C1,P1,年度保单检视,登门拜访,
2028-02-29,2028-02-29,A1,C1,,生日祝福,礼物,
EOF
}

@test "birthday: a solar birthday each year after the birth, also without a calendar column" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 生日祝福
    channel: 礼物
    birthday: {column: birthday}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,birthday
P1,C1,A1,1969-12-02
P2,C2,A1,1990-10-03
P3,C3,A1,2026-05-01
EOF
	run -0 cm-followup -r r.yaml --from 2026-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-10-03,2026-10-03,A1,C2,,生日祝福,礼物,
2026-12-02,2026-12-02,A1,C1,,生日祝福,礼物,
EOF
}

@test "birthday: a calendar cell other than the lunar value keeps the birthday solar" {
	birthday_rules
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,birthday,birthday_calendar
P1,C1,A1,1990-10-03,solar
P2,C2,A1,1990-10-03,
P3,C3,A1,1990-10-03,lunar
EOF
	run -0 cm-followup -r r.yaml --from 2026-09-01 --to 2026-10-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-09-25,2026-09-25,A1,C3,,生日祝福,礼物,
2026-10-03,2026-10-03,A1,C1,,生日祝福,礼物,
2026-10-03,2026-10-03,A1,C2,,生日祝福,礼物,
EOF
}

@test "birthday: the lunar anniversary of the birth date in 2024, 2025 and 2026, on the published dates" {
	# 1990-10-03 is 八月十五 (中秋), 1988-06-18 五月初五 (端午), 1966-10-22
	# 九月初九 (重阳), 1978-01-14 腊月初六 of lunar 1977 (腊八 less 2 days).
	birthday_rules
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,birthday,birthday_calendar
P1,C1,A1,1990-10-03,lunar
P2,C2,A1,1988-06-18,lunar
P3,C3,A1,1966-10-22,lunar
P4,C4,A1,1978-01-14,lunar
EOF
	run -0 cm-followup -r r.yaml --from 2024-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2024-01-16,2024-01-16,A1,C4,,生日祝福,礼物,
2024-06-10,2024-06-10,A1,C2,,生日祝福,礼物,
2024-09-17,2024-09-17,A1,C1,,生日祝福,礼物,
2024-10-11,2024-10-11,A1,C3,,生日祝福,礼物,
2025-01-05,2025-01-05,A1,C4,,生日祝福,礼物,
2025-05-31,2025-05-31,A1,C2,,生日祝福,礼物,
2025-10-06,2025-10-06,A1,C1,,生日祝福,礼物,
2025-10-29,2025-10-29,A1,C3,,生日祝福,礼物,
2026-01-24,2026-01-24,A1,C4,,生日祝福,礼物,
2026-06-19,2026-06-19,A1,C2,,生日祝福,礼物,
2026-09-25,2026-09-25,A1,C1,,生日祝福,礼物,
2026-10-18,2026-10-18,A1,C3,,生日祝福,礼物,
EOF
}

@test "birthday: a birth in a leap month is kept in the ordinary month of that number" {
	# 1990-07-05 is 闰五月十三; 五月十三 is 端午 plus 8 days.
	birthday_rules
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,birthday,birthday_calendar
P1,C1,A1,1990-07-05,lunar
EOF
	run -0 cm-followup -r r.yaml --from 2024-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2024-06-18,2024-06-18,A1,C1,,生日祝福,礼物,
2025-06-08,2025-06-08,A1,C1,,生日祝福,礼物,
2026-06-27,2026-06-27,A1,C1,,生日祝福,礼物,
EOF
}

@test "birthday: a birth on day 30 falls on day 29 in a year whose month has 29 days" {
	# 1985-02-19 is 腊月三十, the eve of 春节 1985; 除夕 is day 30 of
	# lunar 2023 (2024-02-09) but day 29 of lunar 2024 and 2025.
	birthday_rules
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,birthday,birthday_calendar
P1,C1,A1,1985-02-19,lunar
EOF
	run -0 cm-followup -r r.yaml --from 2024-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2024-02-09,2024-02-09,A1,C1,,生日祝福,礼物,
2025-01-28,2025-01-28,A1,C1,,生日祝福,礼物,
2026-02-16,2026-02-16,A1,C1,,生日祝福,礼物,
EOF
}

@test "birthday: a lunar birth in the window's own lunar year has no anniversary yet" {
	birthday_rules
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,birthday,birthday_calendar
P1,C1,A1,2026-03-01,lunar
P2,C2,A1,2026-01-10,lunar
EOF
	# 2026-01-10 is 十一月廿二 of lunar 2025, whose anniversary in lunar
	# 2026 is 2026-12-30.
	run -0 cm-followup -r r.yaml --from 2026-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-30,2026-12-30,A1,C2,,生日祝福,礼物,
EOF
}

@test "holidays: the solar holidays on their dates, the holiday's name in brackets after the task" {
	holiday_files '元旦, 三八妇女节, 儿童节, 八一建军节, 教师节, 国庆'
	run -0 cm-followup -r r.yaml --from 2026-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-01-01,2026-01-01,A1,C1,,节日问候（元旦）,短信,
2026-03-08,2026-03-08,A1,C1,,节日问候（三八妇女节）,短信,
2026-06-01,2026-06-01,A1,C1,,节日问候（儿童节）,短信,
2026-08-01,2026-08-01,A1,C1,,节日问候（八一建军节）,短信,
2026-09-10,2026-09-10,A1,C1,,节日问候（教师节）,短信,
2026-10-01,2026-10-01,A1,C1,,节日问候（国庆）,短信,
EOF
}

@test "holidays: 母亲节 is the second Sunday of May and 父亲节 the third Sunday of June" {
	# 1 June 2025 is itself a Sunday, the first of the month.
	holiday_files '母亲节, 父亲节'
	run -0 cm-followup -r r.yaml --from 2024-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2024-05-12,2024-05-12,A1,C1,,节日问候（母亲节）,短信,
2024-06-16,2024-06-16,A1,C1,,节日问候（父亲节）,短信,
2025-05-11,2025-05-11,A1,C1,,节日问候（母亲节）,短信,
2025-06-15,2025-06-15,A1,C1,,节日问候（父亲节）,短信,
2026-05-10,2026-05-10,A1,C1,,节日问候（母亲节）,短信,
2026-06-21,2026-06-21,A1,C1,,节日问候（父亲节）,短信,
EOF
}

@test "holidays: 春节, 元宵, 端午, 中秋 and 重阳 on the lunar calendar in 2024, 2025 and 2026" {
	holiday_files '春节, 元宵, 端午, 中秋, 重阳'
	run -0 cm-followup -r r.yaml --from 2024-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2024-02-10,2024-02-10,A1,C1,,节日问候（春节）,短信,
2024-02-24,2024-02-24,A1,C1,,节日问候（元宵）,短信,
2024-06-10,2024-06-10,A1,C1,,节日问候（端午）,短信,
2024-09-17,2024-09-17,A1,C1,,节日问候（中秋）,短信,
2024-10-11,2024-10-11,A1,C1,,节日问候（重阳）,短信,
2025-01-29,2025-01-29,A1,C1,,节日问候（春节）,短信,
2025-02-12,2025-02-12,A1,C1,,节日问候（元宵）,短信,
2025-05-31,2025-05-31,A1,C1,,节日问候（端午）,短信,
2025-10-06,2025-10-06,A1,C1,,节日问候（中秋）,短信,
2025-10-29,2025-10-29,A1,C1,,节日问候（重阳）,短信,
2026-02-17,2026-02-17,A1,C1,,节日问候（春节）,短信,
2026-03-03,2026-03-03,A1,C1,,节日问候（元宵）,短信,
2026-06-19,2026-06-19,A1,C1,,节日问候（端午）,短信,
2026-09-25,2026-09-25,A1,C1,,节日问候（中秋）,短信,
2026-10-18,2026-10-18,A1,C1,,节日问候（重阳）,短信,
EOF
}

@test "holidays: a company event of the rules is named in holidays: and falls on its date" {
	cat > r.yaml <<'EOF'
version: 1
events:
  - {date: 2026-12-12, name: 客户答谢会}
  - {date: 2026/12/20, name: 新品发布会}
triggers:
  - task: 活动邀约
    channel: 电话
    lead: 7
    holidays: [客户答谢会, 元旦]
EOF
	printf 'policy_id,customer_id,agent_id\nP1,C1,A1\nP2,C2,A2\n' > in.csv
	run -0 cm-followup -r r.yaml --from 2026-11-30 --days 7 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-05,2026-12-12,A1,C1,,活动邀约（客户答谢会）,电话,
2026-12-05,2026-12-12,A2,C2,,活动邀约（客户答谢会）,电话,
EOF
}

@test "recurring: the offsets, then every period counted from the date, without drifting at month ends" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 孤儿单客户拜访
    channel: 登门拜访
    per: customer
    recurring: {column: assigned_date, offsets: [3d, 30d, 60d], every: 3m}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,assigned_date
P1,C1,A1,2026-11-30
P2,C2,A1,2025-06-15
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-01 --to 2027-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-03,2026-12-03,A1,C1,,孤儿单客户拜访,登门拜访,
2026-12-15,2026-12-15,A1,C2,,孤儿单客户拜访,登门拜访,
2026-12-30,2026-12-30,A1,C1,,孤儿单客户拜访,登门拜访,
2027-01-29,2027-01-29,A1,C1,,孤儿单客户拜访,登门拜访,
2027-02-28,2027-02-28,A1,C1,,孤儿单客户拜访,登门拜访,
2027-03-15,2027-03-15,A1,C2,,孤儿单客户拜访,登门拜访,
2027-05-30,2027-05-30,A1,C1,,孤儿单客户拜访,登门拜访,
2027-06-15,2027-06-15,A1,C2,,孤儿单客户拜访,登门拜访,
2027-08-30,2027-08-30,A1,C1,,孤儿单客户拜访,登门拜访,
2027-09-15,2027-09-15,A1,C2,,孤儿单客户拜访,登门拜访,
2027-11-30,2027-11-30,A1,C1,,孤儿单客户拜访,登门拜访,
2027-12-15,2027-12-15,A1,C2,,孤儿单客户拜访,登门拜访,
EOF
}

@test "when: a trigger applies only to the rows for which its condition holds" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 分红报告送达
    channel: 登门拜访
    when: {product: {matches: 分红}}
    yearly: {column: issue_date}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,product,issue_date
P1,C1,A1,鑫福年年分红险,2019-12-05
P2,C1,A1,附加意外险,2019-12-05
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-30 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-05,2026-12-05,A1,C1,P1,分红报告送达,登门拜访,
EOF
}

# Leads

@test "a lead makes a task due before its occasion, across the end of the year" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 结婚纪念日祝福
    channel: 礼物
    per: customer
    lead: 6
    yearly: {column: wedding_date}
  - task: 节日问候
    channel: 短信
    lead: 2
    holidays: [元旦]
EOF
	printf 'policy_id,customer_id,agent_id,wedding_date\nP1,C1,A1,2001-01-05\n' > in.csv
	run -0 cm-followup -r r.yaml --from 2026-12-28 --days 7 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-30,2027-01-05,A1,C1,,结婚纪念日祝福,礼物,
2026-12-30,2027-01-01,A1,C1,,节日问候（元旦）,短信,
EOF
}

@test "a lead moves the due day into the month before the occasion" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 续期缴费提醒
    channel: 电话
    lead: 5
    after: {column: next_due_date, offsets: [0d]}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,next_due_date
P1,C1,A1,2026-12-03
P2,C2,A1,2026-11-30
P3,C3,A1,2026-12-05
EOF
	run -0 cm-followup -r r.yaml in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-25,2026-11-30,A1,C2,P2,续期缴费提醒,电话,
2026-11-28,2026-12-03,A1,C1,P1,续期缴费提醒,电话,
EOF
}

@test "the window holds due days, not occasions" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 生日祝福
    channel: 礼物
    lead: 1
    birthday: {column: birthday}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,birthday
P1,C1,A1,1980-11-30
P2,C2,A1,1980-12-07
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-30 --days 7 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-06,2026-12-07,A1,C2,,生日祝福,礼物,
EOF
}

@test "a lunar holiday's lead reaches back into the Gregorian year before" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 年货准备
    channel: 礼物
    lead: 60
    holidays: [春节]
EOF
	printf 'policy_id,customer_id,agent_id\nP1,C1,A1\n' > in.csv
	run -0 cm-followup -r r.yaml --from 2025-12-15 --days 7 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2025-12-19,2026-02-17,A1,C1,,年货准备（春节）,礼物,
EOF
}

@test "a lunar birthday's lead reaches back across the end of the year" {
	# 1978-01-14 is 腊月初六; in lunar 2025 that is 2026-01-24.
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 生日祝福
    channel: 礼物
    lead: 30
    birthday: {column: birthday, calendar: birthday_calendar}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,birthday,birthday_calendar
P1,C1,A1,1978-01-14,lunar
EOF
	run -0 cm-followup -r r.yaml --from 2025-12-22 --days 7 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2025-12-25,2026-01-24,A1,C1,,生日祝福,礼物,
EOF
}

# One task per customer and occasion

@test "a customer with several policies gets one birthday greeting but one renewal reminder per policy" {
	renewal_rules
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,next_due_date,birthday
P1,C1,A1,2026-12-15,1969-12-02
P2,C1,A1,2026-12-15,1969-12-02
P3,C1,A1,2027-03-01,1969-12-02
EOF
	run --separate-stderr -0 cm-followup -r r.yaml --from 2026-11-30 --stats in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-01,2026-12-02,A1,C1,,生日祝福,礼物,
2026-12-01,2026-12-15,A1,C1,P1,续期缴费提醒,电话,
2026-12-01,2026-12-15,A1,C1,P2,续期缴费提醒,电话,
EOF
	assert_equal "$stderr" "cm-followup: read: 3
cm-followup: written: 3
cm-followup: rejected: 0
cm-followup: skipped for an empty next_due_date (续期缴费提醒): 0
cm-followup: skipped for an empty birthday (生日祝福): 0
cm-followup: rows with a task due: 2
cm-followup: rows with no task due: 1
cm-followup: tasks: 3
cm-followup: repeated occasions of one customer: 2"
}

@test "two policies of a customer whose id is over 1 KB still get one task each" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 回访
    channel: 电话
    after: {column: sign_date, offsets: [1d]}
EOF
	long=$(printf 'C%01100d' 1)
	printf 'policy_id,customer_id,agent_id,sign_date\nP1,%s,A1,2026-11-22\nP2,%s,A1,2026-11-22\n' "$long" "$long" > in.csv
	run -0 cm-followup -r r.yaml --from 2026-11-23 --days 1 in.csv
	assert_output "due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-23,2026-11-23,A1,$long,P1,回访,电话,
2026-11-23,2026-11-23,A1,$long,P2,回访,电话,"
}

@test "per: customer gives one task per customer, per: policy one per policy" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 承保回访
    channel: 电话
    per: customer
    after: {column: issue_date, offsets: [1d]}
  - task: 保单送达
    channel: 登门拜访
    per: policy
    after: {column: issue_date, offsets: [1d]}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,issue_date
P1,C1,A1,2026-11-29
P2,C1,A1,2026-11-29
P3,C2,A1,2026-11-29
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-30 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C1,P1,保单送达,登门拜访,
2026-11-30,2026-11-30,A1,C1,P2,保单送达,登门拜访,
2026-11-30,2026-11-30,A1,C1,,承保回访,电话,
2026-11-30,2026-11-30,A1,C2,P3,保单送达,登门拜访,
2026-11-30,2026-11-30,A1,C2,,承保回访,电话,
EOF
}

@test "holidays are per customer unless per: policy says otherwise" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 节日问候
    channel: 短信
    lead: 2
    holidays: [中秋]
  - task: 中秋礼盒
    channel: 礼物
    per: policy
    lead: 2
    holidays: [中秋]
EOF
	printf 'policy_id,customer_id,agent_id\nP1,C1,A1\nP2,C1,A1\n' > in.csv
	run -0 cm-followup -r r.yaml --from 2026-09-21 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-09-23,2026-09-25,A1,C1,P1,中秋礼盒（中秋）,礼物,
2026-09-23,2026-09-25,A1,C1,P2,中秋礼盒（中秋）,礼物,
2026-09-23,2026-09-25,A1,C1,,节日问候（中秋）,短信,
EOF
}

@test "a per-customer task goes to the agent of the customer's first row" {
	renewal_rules
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,next_due_date,birthday
P1,C1,A2,2026-12-15,1969-12-02
P2,C1,A1,2026-12-15,1969-12-02
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-30 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-01,2026-12-15,A1,C1,P2,续期缴费提醒,电话,
2026-12-01,2026-12-02,A2,C1,,生日祝福,礼物,
2026-12-01,2026-12-15,A2,C1,P1,续期缴费提醒,电话,
EOF
}

@test "without a policy column, per-policy tasks have an empty policy_id" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 承保回访
    channel: 登门拜访
    after: {column: issue_date, offsets: [1d]}
EOF
	cat > in.csv <<'EOF'
customer_id,agent_id,issue_date
C1,A1,2026-11-29
C2,A1,2026-11-30
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-30 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C1,,承保回访,登门拜访,
2026-12-01,2026-12-01,A1,C2,,承保回访,登门拜访,
EOF
}

# Merging

@test "merge: true writes one row per customer and day, listing the occasions, policies, tasks, channels and notes" {
	cat > r.yaml <<'EOF'
version: 1
merge: true
triggers:
  - task: 续期缴费提醒
    channel: 电话
    note: 带上缴费通知书
    lead: 14
    after: {column: next_due_date, offsets: [0d]}
  - task: 附加险到期提醒
    channel: 登门拜访
    note: 介绍续保
    lead: 30
    after: {column: rider_expiry, offsets: [0d]}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,next_due_date,rider_expiry
P1,C1,A1,2026-12-15,
P2,C1,A1,2026-12-15,2026-12-31
P3,C2,A1,2026-12-15,
P4,C1,A1,2026-12-16,
EOF
	run --separate-stderr -0 cm-followup -r r.yaml --from 2026-11-30 --stats in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-01,2026-12-15; 2026-12-15; 2026-12-31,A1,C1,P1; P2; P2,续期缴费提醒; 续期缴费提醒; 附加险到期提醒,电话; 电话; 登门拜访,带上缴费通知书; 带上缴费通知书; 介绍续保
2026-12-01,2026-12-15,A1,C2,P3,续期缴费提醒,电话,带上缴费通知书
2026-12-02,2026-12-16,A1,C1,P4,续期缴费提醒,电话,带上缴费通知书
EOF
	assert_equal "$stderr" "cm-followup: read: 4
cm-followup: written: 3
cm-followup: rejected: 0
cm-followup: skipped for an empty next_due_date (续期缴费提醒): 0
cm-followup: skipped for an empty rider_expiry (附加险到期提醒): 3
cm-followup: rows with a task due: 4
cm-followup: rows with no task due: 0
cm-followup: tasks: 5
cm-followup: repeated occasions of one customer: 0"
}

@test "merge: true merges a per-customer task with the customer's policy tasks of that day" {
	renewal_rules
	sed -i 's/^version: 1$/version: 1\nmerge: true/' r.yaml
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,next_due_date,birthday
P1,C1,A1,2026-12-15,1969-12-02
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-30 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-01,2026-12-02; 2026-12-15,A1,C1,P1,生日祝福; 续期缴费提醒,礼物; 电话,
EOF
}

@test "merge: true never moves a task to another agent's row" {
	cat > r.yaml <<'EOF'
version: 1
merge: true
triggers:
  - task: 续期缴费提醒
    channel: 电话
    after: {column: next_due_date, offsets: [0d]}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,next_due_date
P1,C1,A1,2026-12-01
P2,C1,A2,2026-12-01
P3,C1,A1,2026-12-01
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-30 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-01,2026-12-01; 2026-12-01,A1,C1,P1; P3,续期缴费提醒; 续期缴费提醒,电话; 电话,
2026-12-01,2026-12-01,A2,C1,P2,续期缴费提醒,电话,
EOF
}

# The list

@test "the tasks are sorted by due date, agent, customer, task and policy, whatever the input order" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 续期缴费提醒
    channel: 电话
    after: {column: next_due_date, offsets: [0d]}
  - task: 承保回访
    channel: 登门拜访
    after: {column: issue_date, offsets: [1d]}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,issue_date,next_due_date
P5,C9,A2,2026-11-30,2026-12-01
P4,C2,A1,,2026-12-01
P3,C1,A2,2026-11-29,2026-12-02
P2,C3,A1,2026-11-30,
P1,C2,A1,2026-11-29,2026-12-01
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-30 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C2,P1,承保回访,登门拜访,
2026-11-30,2026-11-30,A2,C1,P3,承保回访,登门拜访,
2026-12-01,2026-12-01,A1,C2,P1,续期缴费提醒,电话,
2026-12-01,2026-12-01,A1,C2,P4,续期缴费提醒,电话,
2026-12-01,2026-12-01,A1,C3,P2,承保回访,登门拜访,
2026-12-01,2026-12-01,A2,C9,P5,承保回访,登门拜访,
2026-12-01,2026-12-01,A2,C9,P5,续期缴费提醒,电话,
2026-12-02,2026-12-02,A2,C1,P3,续期缴费提醒,电话,
EOF
}

@test "customer:, agent: and policy: name the input's columns, and the output keeps its own names" {
	cat > r.yaml <<'EOF'
version: 1
customer: holder
agent: 营销员
policy: 保单
triggers:
  - task: 承保回访
    channel: 登门拜访
    after: {column: issue_date, offsets: [1d]}
EOF
	cat > in.csv <<'EOF'
保单,holder,营销员,issue_date
P1,C1,A1,2026-11-29
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-30 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C1,P1,承保回访,登门拜访,
EOF
}

@test "a window with no task due writes the header alone" {
	dates_files 2026-12-25
	run -0 cm-followup -r r.yaml --from 2026-11-30 in.csv
	assert_output 'due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note'
}

# Empty and bad dates

@test "an empty date skips the trigger for that row, and --stats counts the skips of each trigger" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 承保回访
    channel: 登门拜访
    after: {column: issue_date, offsets: [1d]}
  - task: 生日祝福
    channel: 礼物
    birthday: {column: birthday}
  - task: 节日问候
    channel: 短信
    holidays: [元旦]
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,issue_date,birthday
P1,C1,A1,2026-11-29,1980-12-03
P2,C2,A1,,1980-12-03
P3,C3,A1,,
EOF
	run --separate-stderr -0 cm-followup -r r.yaml --from 2026-11-30 --stats in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C1,P1,承保回访,登门拜访,
2026-12-03,2026-12-03,A1,C1,,生日祝福,礼物,
2026-12-03,2026-12-03,A1,C2,,生日祝福,礼物,
EOF
	assert_equal "$stderr" "cm-followup: read: 3
cm-followup: written: 3
cm-followup: rejected: 0
cm-followup: skipped for an empty issue_date (承保回访): 2
cm-followup: skipped for an empty birthday (生日祝福): 1
cm-followup: rows with a task due: 2
cm-followup: rows with no task due: 1
cm-followup: tasks: 3
cm-followup: repeated occasions of one customer: 0"
}

@test "an impossible date is a data error at its file and line, and nothing is written" {
	renewal_rules
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,next_due_date,birthday
P1,C1,A1,2026-12-15,1969-12-02
P2,C2,A1,2026-02-30,1970-01-01
EOF
	run --separate-stderr -1 cm-followup -r r.yaml --from 2026-11-30 -o out.csv in.csv
	assert_output ''
	[ "$stderr" = "cm-followup: in.csv:3: column 'next_due_date': '2026-02-30' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00)" ]
	[ ! -e out.csv ]
}

@test "an impossible birth date on a lunar birthday is a data error too" {
	birthday_rules
	printf 'policy_id,customer_id,agent_id,birthday,birthday_calendar\nP1,C1,A1,1990-02-30,lunar\n' > in.csv
	run --separate-stderr -1 cm-followup -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-followup: in.csv:2: column 'birthday': '1990-02-30' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00)" ]
}

@test "with --rejects, a row with an impossible date goes to the rejects file whole, with none of its tasks" {
	renewal_rules
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,next_due_date,birthday
P1,C1,A1,2026-12-15,1969-12-02
P2,C2,A1,2026-02-30,1969-12-03
P3,C3,A1,2026-12-16,1969-12-04
EOF
	run --separate-stderr -0 cm-followup -r r.yaml --from 2026-11-30 --rejects rejects.csv --stats in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-01,2026-12-02,A1,C1,,生日祝福,礼物,
2026-12-01,2026-12-15,A1,C1,P1,续期缴费提醒,电话,
2026-12-02,2026-12-16,A1,C3,P3,续期缴费提醒,电话,
2026-12-03,2026-12-04,A1,C3,,生日祝福,礼物,
EOF
	assert_equal "$stderr" "cm-followup: read: 3
cm-followup: written: 4
cm-followup: rejected: 1
cm-followup: skipped for an empty next_due_date (续期缴费提醒): 0
cm-followup: skipped for an empty birthday (生日祝福): 0
cm-followup: rows with a task due: 2
cm-followup: rows with no task due: 0
cm-followup: tasks: 4
cm-followup: repeated occasions of one customer: 0"
	run -0 cat rejects.csv
	assert_output - <<'EOF'
_line,_reason,policy_id,customer_id,agent_id,next_due_date,birthday
3,"column 'next_due_date': '2026-02-30' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00)",P2,C2,A1,2026-02-30,1969-12-03
EOF
}

@test "more rejected rows than --max-rejects fail the run and leave -o as it was" {
	renewal_rules
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,next_due_date,birthday
P1,C1,A1,2026-12-15,1969-12-02
P2,C2,A1,2026-02-30,1969-12-03
EOF
	echo old > out.csv
	run --separate-stderr -1 cm-followup -r r.yaml --from 2026-11-30 --rejects rejects.csv --max-rejects 0 -o out.csv in.csv
	assert_output ''
	run -0 cat out.csv
	assert_output old
	run -0 cat rejects.csv
	assert_output - <<'EOF'
_line,_reason,policy_id,customer_id,agent_id,next_due_date,birthday
3,"column 'next_due_date': '2026-02-30' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00)",P2,C2,A1,2026-02-30,1969-12-03
EOF
}

@test "a rejected row does not take away the tasks of the customer's other rows" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 生日祝福
    channel: 礼物
    birthday: {column: birthday}
  - task: 承保回访
    channel: 登门拜访
    after: {column: issue_date, offsets: [1d]}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,issue_date,birthday
P1,C1,A1,2026-02-30,1980-12-01
P2,C1,A1,2026-11-29,1980-12-01
EOF
	run --separate-stderr -0 cm-followup -r r.yaml --from 2026-11-30 --rejects rejects.csv --stats in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C1,P2,承保回访,登门拜访,
2026-12-01,2026-12-01,A1,C1,,生日祝福,礼物,
EOF
	assert_equal "$stderr" "cm-followup: read: 2
cm-followup: written: 2
cm-followup: rejected: 1
cm-followup: skipped for an empty birthday (生日祝福): 0
cm-followup: skipped for an empty issue_date (承保回访): 0
cm-followup: rows with a task due: 1
cm-followup: rows with no task due: 0
cm-followup: tasks: 2
cm-followup: repeated occasions of one customer: 0"
}

@test "a cell that a when: condition cannot read is a data error for its row" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 大客户回访
    channel: 登门拜访
    when: {annual_premium: {ge: 10000}}
    after: {column: issue_date, offsets: [1d]}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,annual_premium,issue_date
P1,C1,A1,12000,2026-11-29
P2,C2,A1,一万,2026-11-29
EOF
	run --separate-stderr -0 cm-followup -r r.yaml --from 2026-11-30 --rejects rejects.csv in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C1,P1,大客户回访,登门拜访,
EOF
	run -0 cat rejects.csv
	assert_output - <<'EOF'
_line,_reason,policy_id,customer_id,agent_id,annual_premium,issue_date
3,column 'annual_premium': '一万' is not a number (ge at line 5 of the rules),P2,C2,A1,一万,2026-11-29
EOF
}

# Rule errors

@test "a trigger with two kinds is an error in the rule file at the second one" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 回访
    channel: 电话
    after: {column: issue_date, offsets: [1d]}
    yearly: {column: issue_date}
EOF
	run --separate-stderr -2 cm-followup -r r.yaml --check
	assert_output ''
	[ "$stderr" = "cm-followup: r.yaml:6:13: a trigger has one of after, yearly, birthday, holidays, recurring, company, service, occasions" ]
}

@test "a trigger without a kind is an error in the rule file" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 回访
    channel: 电话
EOF
	run --separate-stderr -2 cm-followup -r r.yaml --check
	[ "$stderr" = "cm-followup: r.yaml:3:5: a trigger needs one of after, yearly, birthday, holidays, recurring, company, service, occasions" ]
}

@test "an unknown holiday is an error that names it" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 节日问候
    channel: 短信
    holidays: [春节, 圣诞节]
EOF
	run --separate-stderr -2 cm-followup -r r.yaml --check
	[ "$stderr" = "cm-followup: r.yaml:5:20: unknown holiday '圣诞节' (the seeds' holidays, or an event's name)" ]
}

@test "a bad offset is an error that names it, and every bad offset is reported" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 成交后回访
    channel: 电话
    after: {column: sign_date, offsets: [1w, 2x, 1.5m, 3m]}
EOF
	run --separate-stderr -2 cm-followup -r r.yaml --check
	assert_equal "$stderr" "cm-followup: r.yaml:5:46: '2x' is not an offset (1d, -15d, 2w, 3m, 1y)
cm-followup: r.yaml:5:50: '1.5m' is not an offset (1d, -15d, 2w, 3m, 1y)"
}

@test "after needs offsets, and every takes a positive offset" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 回访
    channel: 电话
    after: {column: issue_date, offsets: []}
  - task: 拜访
    channel: 登门拜访
    recurring: {column: assigned_date, offsets: [3d], every: -3m}
EOF
	run --separate-stderr -2 cm-followup -r r.yaml --check
	assert_equal "$stderr" "cm-followup: r.yaml:5:12: after needs offsets
cm-followup: r.yaml:8:62: every takes a positive offset (3m), not '-3m'"
}

@test "lead takes a count of days from 0 to 366, per takes policy or customer, merge true or false" {
	cat > r.yaml <<'EOF'
version: 1
merge: yes
triggers:
  - task: 回访
    channel: 电话
    per: agent
    lead: 367
    after: {column: issue_date, offsets: [1d]}
  - task: 拜访
    channel: 电话
    lead: -1
    yearly: {column: issue_date}
EOF
	run --separate-stderr -2 cm-followup -r r.yaml --check
	assert_equal "$stderr" "cm-followup: r.yaml:2:8: merge takes true or false, not 'yes'
cm-followup: r.yaml:6:10: unknown per 'agent' (policy or customer)
cm-followup: r.yaml:7:11: lead (days) takes a count of at most 366, not '367'
cm-followup: r.yaml:11:11: lead (days) takes a count from 0 to 366, not '-1'"
}

@test "task and channel are required, and an unknown key suggests the nearest" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 回访
    chanel: 电话
    after: {column: issue_date, offsets: [1d]}
EOF
	run --separate-stderr -2 cm-followup -r r.yaml --check
	assert_equal "$stderr" "cm-followup: r.yaml:4:5: unknown key 'chanel' (did you mean 'channel'?)
cm-followup: r.yaml:3:5: the key 'channel' is missing"
}

@test "an event with an impossible date is an error in the rule file" {
	cat > r.yaml <<'EOF'
version: 1
events:
  - {date: 2026-02-30, name: 客户答谢会}
triggers:
  - task: 回访
    channel: 电话
    after: {column: issue_date, offsets: [1d]}
EOF
	run --separate-stderr -2 cm-followup -r r.yaml --check
	[ "$stderr" = "cm-followup: r.yaml:3:12: '2026-02-30' is not a date" ]
}

@test "a date column missing from the header stops the run before any row, at the trigger that names it" {
	renewal_rules
	printf 'policy_id,customer_id,agent_id,birthday\nP1,C1,A1,1969-12-02\n' > in.csv
	run --separate-stderr -2 cm-followup -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-followup: r.yaml:6:21: column 'next_due_date' is not in the header of in.csv: 'policy_id', 'customer_id', 'agent_id', 'birthday'; add it to the input, or map it to a header with columns: in r.yaml" ]
}

# Two triggers of one task, carry, gifts

@test "two triggers of one task name and occasion are both kept, not one dropped" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 节日问候
    channel: 短信
    lead: 2
    holidays: [中秋]
  - task: 节日问候
    channel: 礼物
    lead: 2
    holidays: [中秋]
EOF
	printf 'policy_id,customer_id,agent_id\nP1,C1,A1\n' > in.csv
	run --separate-stderr -0 cm-followup -r r.yaml --from 2026-09-21 --stats in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-09-23,2026-09-25,A1,C1,,节日问候（中秋）,短信,
2026-09-23,2026-09-25,A1,C1,,节日问候（中秋）,礼物,
EOF
	assert_equal "${stderr_lines[-1]}" "cm-followup: repeated occasions of one customer: 0"
}

@test "carry: the named columns follow the note in the list, under the data's names" {
	cat > r.yaml <<'EOF'
version: 1
columns: {name: 姓名}
carry: [name, phone]
phone: phone
triggers:
  - task: 回访
    channel: 电话
    after: {column: visit_date, offsets: [0d]}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,姓名,phone,visit_date
P1,C1,A1,林秀英,139 0517 0001,2026-12-01
P2,C2,A1,孙艳,,2026-12-02
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-30 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note,姓名,phone
2026-12-01,2026-12-01,A1,C1,P1,回访,电话,,林秀英,139 0517 0001
2026-12-02,2026-12-02,A1,C2,P2,回访,电话,,孙艳,
EOF
}

@test "carry: a carried column missing from the header, and a phone that is not carried, are rule errors" {
	cat > r.yaml <<'EOF'
version: 1
carry: [name, mobile]
phone: phone
triggers:
  - task: 回访
    channel: 电话
    after: {column: visit_date, offsets: [0d]}
EOF
	printf 'policy_id,customer_id,agent_id,name,visit_date\n' > in.csv
	run --separate-stderr -2 cm-followup -r r.yaml --check in.csv
	assert_equal "$stderr" "cm-followup: r.yaml:3:8: phone names a column that carry does not list: 'phone'"
	sed -i 's/^phone: phone$/phone: mobile/' r.yaml
	run --separate-stderr -2 cm-followup -r r.yaml --check in.csv
	assert_equal "$stderr" "cm-followup: r.yaml:2:15: column 'mobile' is not in the header of in.csv: 'policy_id', 'customer_id', 'agent_id', 'name', 'visit_date'; add it to the input, or map it to a header with columns: in r.yaml"
}

@test "holidays: a mapping names each holiday's gift in the note, after the trigger's own" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 节日礼物
    channel: 礼物
    note: 亲自送上
    holidays: {元旦: 台历, 春节: 福字、春联, 重阳: ""}
EOF
	printf 'policy_id,customer_id,agent_id\nP1,C1,A1\n' > in.csv
	run -0 cm-followup -r r.yaml --from 2026-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-01-01,2026-01-01,A1,C1,,节日礼物（元旦）,礼物,亲自送上；台历
2026-02-17,2026-02-17,A1,C1,,节日礼物（春节）,礼物,亲自送上；福字、春联
2026-10-18,2026-10-18,A1,C1,,节日礼物（重阳）,礼物,亲自送上
EOF
}

# The lunar calendar's range

@test "a lunar holiday that the window could hold but the lunar calendar cannot date stops the run" {
	holiday_files 春节
	run --separate-stderr -1 cm-followup -r r.yaml --from 2101-01-01 --to 2101-03-31 in.csv
	assert_output ''
	assert_equal "$stderr" "cm-followup: 春节 2101 cannot be dated: the lunar calendar runs from 1900-01-31 to 2101-01-28 (the window 2101-01-01 to 2101-03-31, trigger '节日问候' at line 3 of the rules)"
}

@test "a lunar holiday outside the lunar calendar that cannot fall in the window is no error" {
	# 中秋 1899 was in September 1899; 中秋 1900 is 1900-09-08.
	holiday_files 中秋
	run -0 cm-followup -r r.yaml --from 1899-12-01 --to 1900-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
1900-09-08,1900-09-08,A1,C1,,节日问候（中秋）,短信,
EOF
}

@test "中秋 1978 falls on 1978-09-17, as the Hong Kong Observatory publishes it" {
	holiday_files 中秋
	run -0 cm-followup -r r.yaml --from 1978-09-01 --to 1978-09-30 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
1978-09-17,1978-09-17,A1,C1,,节日问候（中秋）,短信,
EOF
}

# --events: company notices, new products and event days

# Rules with two company: triggers and an audience, and the files.
events_files() {
	cat > r.yaml <<'EOF'
version: 1
audiences:
  分红险客户: {product: {matches: 分红}}
triggers:
  - task: 公司动向传达
    channel: 电话
    company: [新产品, 经营动向]
  - task: 活动邀约
    channel: 电话
    lead: 7
    company: [活动日]
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,product
P1,C1,A1,鑫福分红险
P2,C1,A1,附加意外险
P3,C2,A2,康宁重疾
EOF
	cat > events.csv <<'EOF'
date,kind,title,audience
2026-12-01,新产品,养老年金上市,
2026-12-03,经营动向,红利预告,分红险客户
2026-12-12,活动日,名家之约,
2026-12-20,新产品,下月的产品,
EOF
}

@test "--events: each event goes to the customers of its audience, once a customer, with its title" {
	events_files
	run --separate-stderr -0 cm-followup -r r.yaml --from 2026-11-30 --events events.csv --stats in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-01,2026-12-01,A1,C1,,公司动向传达（养老年金上市）,电话,
2026-12-01,2026-12-01,A2,C2,,公司动向传达（养老年金上市）,电话,
2026-12-03,2026-12-03,A1,C1,,公司动向传达（红利预告）,电话,
2026-12-05,2026-12-12,A1,C1,,活动邀约（名家之约）,电话,
2026-12-05,2026-12-12,A2,C2,,活动邀约（名家之约）,电话,
EOF
	assert_equal "${stderr_lines[-1]}" "cm-followup: events: 4"
}

@test "--events: a kind that no company: trigger takes is a data error at its line" {
	events_files
	printf '2026-12-02,内部会议,月度例会,\n' >> events.csv
	run --separate-stderr -1 cm-followup -r r.yaml --from 2026-11-30 --events events.csv in.csv
	assert_output ''
	assert_equal "$stderr" "cm-followup: events.csv:6: no company: trigger of the rules takes events of kind '内部会议' (新产品, 经营动向, 活动日)"
}

@test "--events: an audience that the rules do not define is a data error at its line" {
	events_files
	sed -i 's/分红险客户$/分红客户/' events.csv
	run --separate-stderr -1 cm-followup -r r.yaml --from 2026-11-30 --events events.csv in.csv
	assert_equal "$stderr" "cm-followup: events.csv:3: unknown audience '分红客户' (the rules' audiences:, or empty for every customer)"
}

# --services and --occasions

@test "--services: the four steps of the shipped rules for a claim, and the visit for a customer's request" {
	shipped_triggers 保全理赔上门 资料提交柜面 受理情况通知 处理结果送达
	printf 'policy_id,customer_id,agent_id\nP1,C1,A1\nP2,C1,A1\nP3,C2,A2\n' > in.csv
	cat > services.csv <<'EOF'
customer_id,policy_id,type,received,collected,accepted,settled,note
C1,P2,理赔,2026-11-30,2026-12-02,2026-12-04,2026-12-06,住院
C2,,保全,2026-12-01,,,,
C9,P9,保全,2026-12-01,,,,
EOF
	run --separate-stderr -0 cm-followup -r r.yaml --from 2026-11-30 --services services.csv --stats in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-12-01,A1,C1,P2,保全理赔上门（理赔）,登门拜访,当天或第二天到现场；住院
2026-12-01,2026-12-02,A2,C2,,保全理赔上门（保全）,登门拜访,当天或第二天到现场
2026-12-02,2026-12-04,A1,C1,P2,资料提交柜面（理赔）,柜面,住院
2026-12-04,2026-12-04,A1,C1,P2,受理情况通知（理赔）,电话,住院
2026-12-06,2026-12-06,A1,C1,P2,处理结果送达（理赔）,登门拜访,住院
EOF
	assert_equal "${stderr_lines[-1]}" "cm-followup: service records of no policy in the input: 1"
}

@test "--services: a date that is not a date is a data error at its line" {
	shipped_triggers 保全理赔上门
	printf 'policy_id,customer_id,agent_id\nP1,C1,A1\n' > in.csv
	printf 'customer_id,received\nC1,2026-02-30\n' > services.csv
	run --separate-stderr -1 cm-followup -r r.yaml --services services.csv in.csv
	assert_equal "$stderr" "cm-followup: services.csv:2: column 'received': '2026-02-30' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00)"
}

@test "--occasions: each kind of seed 002 by its own trigger and lead, the occasion's note after the trigger's" {
	shipped_triggers 新产品介绍 政策解读 家庭大事关怀 情绪关怀 抱怨处理 晋升祝贺 获奖祝贺 上门帮助
	printf 'policy_id,customer_id,agent_id\nP1,C1,A1\nP2,C1,A1\n' > in.csv
	cat > occasions.csv <<'EOF'
customer_id,date,kind,note
C1,2026-12-01,不满指责,扣款失败
C1,2026-12-08,客户家遇有重大事件,女儿出嫁
C1,2026-12-02,得奖,
C7,2026-12-02,需要帮助,
EOF
	run --separate-stderr -0 cm-followup -r r.yaml --from 2026-11-30 --occasions occasions.csv --stats in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-01,2026-12-01,A1,C1,,抱怨处理,登门拜访,当天或第二天到现场；扣款失败
2026-12-02,2026-12-02,A1,C1,,获奖祝贺,电话,
2026-12-05,2026-12-08,A1,C1,,家庭大事关怀,登门拜访,水果、鲜花亲自送上；女儿出嫁
EOF
	assert_equal "${stderr_lines[-1]}" "cm-followup: occasions of no customer in the input: 1"
}

@test "--occasions: a kind that no occasions: trigger takes is a data error at its line" {
	shipped_triggers 抱怨处理 得奖
	printf 'policy_id,customer_id,agent_id\nP1,C1,A1\n' > in.csv
	printf 'customer_id,date,kind,note\nC1,2026-12-01,生病,\n' > occasions.csv
	run --separate-stderr -1 cm-followup -r r.yaml --occasions occasions.csv in.csv
	assert_equal "$stderr" "cm-followup: occasions.csv:2: no occasions: trigger of the rules takes the kind '生病' (不满指责)"
}

# The shipped rules

@test "the shipped rules pass --check against the header of the sample policies" {
	run -0 cm-followup --check "$ROOT/samples/policies.csv"
	assert_output ''
}

@test "the shipped rules list the week of 2026-11-30 for the sample policies" {
	# By rules/followup.yaml: 承保回访 of P003 (issued 11-29, +1d);
	# 孤儿单客户拜访 of C0004 (assigned 11-27, +3d); C0001's birthday (12-02,
	# a day ahead) and wedding (12-06) once for P001 and P002; 续期缴费提醒
	# of P001 and P002 (12-15, 14 days ahead); 附加险到期提醒 of P002
	# (12-31, 30 days ahead); C0005's wedding (12-01) once for P006 and
	# P007; C0001, 高效客户, visited each quarter from her birth date
	# (12-02); P009, 正常件, visited each quarter of its policy year (issued
	# 03-04); 分红报告送达 of P001 (分红, anniversary 12-05); 给付开始通知 of
	# P004 (12-20, 15 days ahead).  Not listed: P003's one-week follow-up
	# (11-29) and P005's 失效前告知损失 (12-09, due 11-29), the day before.
	run -0 cm-followup --from 2026-11-30 --days 7 "$ROOT/samples/policies.csv"
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note,name,phone
2026-11-30,2026-11-30,A001,C0002,P003,承保回访,登门拜访,,孙艳,13805170002
2026-11-30,2026-11-30,A002,C0004,,孤儿单客户拜访,登门拜访,,赵敏,13605170004
2026-12-01,2026-12-02,A001,C0001,,生日祝福,礼物,,林秀英,13905170001
2026-12-01,2026-12-15,A001,C0001,P001,续期缴费提醒,电话,,林秀英,13905170001
2026-12-01,2026-12-15,A001,C0001,P002,续期缴费提醒,电话,,林秀英,13905170001
2026-12-01,2026-12-31,A001,C0001,P002,附加险到期提醒,电话,,林秀英,13905170001
2026-12-01,2026-12-01,A003,C0005,,结婚纪念日祝福,短信,,王强,13505170005
2026-12-02,2026-12-02,A001,C0001,,高效客户拜访,登门拜访,,林秀英,13905170001
2026-12-04,2026-12-04,A002,C0007,P009,正常件面访,登门拜访,,周建华,025-8471 0007
2026-12-05,2026-12-05,A001,C0001,P001,分红报告送达,登门拜访,,林秀英,13905170001
2026-12-05,2026-12-20,A002,C0003,P004,给付开始通知,登门拜访,,刘娟,13705170003
2026-12-06,2026-12-06,A001,C0001,,结婚纪念日祝福,短信,,林秀英,13905170001
EOF
}

@test "the shipped rules give every sample customer 月饼 two days before 中秋 2026" {
	# And P005's annual review (anniversary 10-01, 7 days ahead) and renewal
	# reminder (10-10, 14 days ahead).
	run -0 cm-followup --from 2026-09-21 --days 7 "$ROOT/samples/policies.csv"
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note,name,phone
2026-09-23,2026-09-25,A001,C0001,,节日礼物（中秋）,礼物,月饼,林秀英,13905170001
2026-09-23,2026-09-25,A001,C0002,,节日礼物（中秋）,礼物,月饼,孙艳,13805170002
2026-09-23,2026-09-25,A002,C0003,,节日礼物（中秋）,礼物,月饼,刘娟,13705170003
2026-09-23,2026-09-25,A002,C0004,,节日礼物（中秋）,礼物,月饼,赵敏,13605170004
2026-09-23,2026-09-25,A002,C0007,,节日礼物（中秋）,礼物,月饼,周建华,025-8471 0007
2026-09-23,2026-09-25,A003,C0005,,节日礼物（中秋）,礼物,月饼,王强,13505170005
2026-09-23,2026-09-25,A003,C0006,,节日礼物（中秋）,礼物,月饼,陈静,
2026-09-24,2026-10-01,A002,C0004,P005,年度保单检视,登门拜访,,赵敏,13605170004
2026-09-26,2026-10-10,A002,C0004,P005,续期缴费提醒,电话,,赵敏,13605170004
EOF
}

@test "the shipped rules give the 三八妇女节 gift to the women of the samples only" {
	# 元宵 (2026-03-03) was due on 03-01, before the window; C0001's and
	# P009's quarterly visits fall in it.
	run -0 cm-followup --from 2026-03-02 --days 7 "$ROOT/samples/policies.csv"
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note,name,phone
2026-03-02,2026-03-02,A001,C0001,,高效客户拜访,登门拜访,,林秀英,13905170001
2026-03-04,2026-03-04,A002,C0007,P009,正常件面访,登门拜访,,周建华,025-8471 0007
2026-03-06,2026-03-08,A001,C0001,,节日礼物（三八妇女节）,礼物,不同人群不同的礼物，贵在心意,林秀英,13905170001
2026-03-06,2026-03-08,A002,C0003,,节日礼物（三八妇女节）,礼物,不同人群不同的礼物，贵在心意,刘娟,13705170003
2026-03-06,2026-03-08,A002,C0004,,节日礼物（三八妇女节）,礼物,不同人群不同的礼物，贵在心意,赵敏,13605170004
2026-03-06,2026-03-08,A003,C0006,,节日礼物（三八妇女节）,礼物,不同人群不同的礼物，贵在心意,陈静,
EOF
}

@test "the shipped gifts of seed 002: 台历, 福字、春联, 元宵, 粽子, 月饼, and a gift of the agent's choosing by gender" {
	shipped_triggers 节日礼物
	printf 'policy_id,customer_id,agent_id,gender\nP1,C1,A1,女\nP2,C2,A1,男\n' > in.csv
	run -0 cm-followup -r r.yaml --from 2026-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-02-15,2026-02-17,A1,C1,,节日礼物（春节）,礼物,福字、春联
2026-02-15,2026-02-17,A1,C2,,节日礼物（春节）,礼物,福字、春联
2026-03-01,2026-03-03,A1,C1,,节日礼物（元宵）,礼物,元宵
2026-03-01,2026-03-03,A1,C2,,节日礼物（元宵）,礼物,元宵
2026-03-06,2026-03-08,A1,C1,,节日礼物（三八妇女节）,礼物,不同人群不同的礼物，贵在心意
2026-05-08,2026-05-10,A1,C1,,节日礼物（母亲节）,礼物,不同人群不同的礼物，贵在心意
2026-06-17,2026-06-19,A1,C1,,节日礼物（端午）,礼物,粽子
2026-06-17,2026-06-19,A1,C2,,节日礼物（端午）,礼物,粽子
2026-06-19,2026-06-21,A1,C2,,节日礼物（父亲节）,礼物,不同人群不同的礼物，贵在心意
2026-09-23,2026-09-25,A1,C1,,节日礼物（中秋）,礼物,月饼
2026-09-23,2026-09-25,A1,C2,,节日礼物（中秋）,礼物,月饼
2026-12-30,2027-01-01,A1,C1,,节日礼物（元旦）,礼物,台历
2026-12-30,2027-01-01,A1,C2,,节日礼物（元旦）,礼物,台历
EOF
}

@test "the shipped birthday rule: lunar births of 1954-11-25 and 1900-01-31 in 2026" {
	# 1954-11-25 is 十一月初一 of lunar 1954 (liblunar-date put that month
	# a day off); 1900-01-31 is 正月初一 of lunar 1900, the table's first day.
	shipped_triggers 生日祝福
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,birthday,birthday_calendar
P1,C1,A1,1954-11-25,lunar
P2,C2,A1,1900-01-31,lunar
EOF
	run -0 cm-followup -r r.yaml --from 2026-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-02-16,2026-02-17,A1,C2,,生日祝福,礼物,
2026-12-08,2026-12-09,A1,C1,,生日祝福,礼物,
EOF
}

@test "the shipped rules visit a 正常件 orphan policy four times a policy year, and no other state" {
	shipped_triggers 正常件面访
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,issue_date,orphan_state
P1,C1,A1,2018-03-04,正常件
P2,C2,A1,2018-03-04,困难件
P3,C3,A1,2018-03-04,
EOF
	run -0 cm-followup -r r.yaml --from 2026-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-03-04,2026-03-04,A1,C1,P1,正常件面访,登门拜访,
2026-06-04,2026-06-04,A1,C1,P1,正常件面访,登门拜访,
2026-09-04,2026-09-04,A1,C1,P1,正常件面访,登门拜访,
2026-12-04,2026-12-04,A1,C1,P1,正常件面访,登门拜访,
EOF
}

@test "the shipped rules give a lapsed orphan policy the four steps of seed 004, and others the lapse warning" {
	# Premium due 2026-10-10: the 60-day grace period ends 12-09, and the
	# policy lapses on 12-10.
	shipped_triggers 失效件签收回访 失效件定期再访 失效前告知损失 失效确认归档 失效预警
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,next_due_date,assigned_date,orphan_state
P1,C1,A1,2026-10-10,2026-11-02,失效件
P2,C2,A1,2026-10-10,,
EOF
	run -0 cm-followup -r r.yaml --from 2026-11-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-03,2026-11-03,A1,C1,P1,失效件签收回访,登门拜访,
2026-11-29,2026-12-09,A1,C1,P1,失效前告知损失,登门拜访,
2026-11-29,2026-12-09,A1,C2,P2,失效预警,登门拜访,
2026-12-02,2026-12-02,A1,C1,P1,失效件定期再访,电话,
2026-12-10,2026-12-10,A1,C1,P1,失效确认归档,电话,
EOF
}

@test "the shipped rules call a dormant customer and visit a high-value one each quarter, by segment" {
	# From the birth date, each quarter counted from it: 1975-05-31 gives
	# 2026-02-28, 05-31, 08-31 and 11-30.
	shipped_triggers 休眠客户唤醒 高效客户拜访
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,birthday,segment
P1,C1,A1,1980-01-15,休眠客户
P2,C1,A1,1980-01-15,休眠客户
P3,C2,A1,1975-05-31,高效客户
P4,C3,A1,1975-05-31,一般客户
EOF
	run -0 cm-followup -r r.yaml --from 2026-01-01 --to 2026-12-31 in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-01-15,2026-01-15,A1,C1,,休眠客户唤醒,电话,
2026-02-28,2026-02-28,A1,C2,,高效客户拜访,登门拜访,
2026-04-15,2026-04-15,A1,C1,,休眠客户唤醒,电话,
2026-05-31,2026-05-31,A1,C2,,高效客户拜访,登门拜访,
2026-07-15,2026-07-15,A1,C1,,休眠客户唤醒,电话,
2026-08-31,2026-08-31,A1,C2,,高效客户拜访,登门拜访,
2026-10-15,2026-10-15,A1,C1,,休眠客户唤醒,电话,
2026-11-30,2026-11-30,A1,C2,,高效客户拜访,登门拜访,
EOF
}

# The examples of cm-followup(1)

@test "cm-followup(1): the Monday list of the sample policies for the week of 2026-11-30" {
	samples
	run -0 cm-followup -r rules/followup.yaml --from 2026-11-30 --days 7 samples/policies.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note,name,phone
2026-11-30,2026-11-30,A001,C0002,P003,承保回访,登门拜访,,孙艳,13805170002
2026-11-30,2026-11-30,A002,C0004,,孤儿单客户拜访,登门拜访,,赵敏,13605170004
2026-12-01,2026-12-02,A001,C0001,,生日祝福,礼物,,林秀英,13905170001
2026-12-01,2026-12-15,A001,C0001,P001,续期缴费提醒,电话,,林秀英,13905170001
2026-12-01,2026-12-15,A001,C0001,P002,续期缴费提醒,电话,,林秀英,13905170001
2026-12-01,2026-12-31,A001,C0001,P002,附加险到期提醒,电话,,林秀英,13905170001
2026-12-01,2026-12-01,A003,C0005,,结婚纪念日祝福,短信,,王强,13505170005
2026-12-02,2026-12-02,A001,C0001,,高效客户拜访,登门拜访,,林秀英,13905170001
2026-12-04,2026-12-04,A002,C0007,P009,正常件面访,登门拜访,,周建华,025-8471 0007
2026-12-05,2026-12-05,A001,C0001,P001,分红报告送达,登门拜访,,林秀英,13905170001
2026-12-05,2026-12-20,A002,C0003,P004,给付开始通知,登门拜访,,刘娟,13705170003
2026-12-06,2026-12-06,A001,C0001,,结婚纪念日祝福,短信,,林秀英,13905170001
EOF
}

@test "cm-followup(1): --stats counts the skips and the repeated occasions of the sample policies" {
	samples
	run --separate-stderr -0 cm-followup -r rules/followup.yaml --from 2026-11-30 --days 7 --stats -o followups.csv samples/policies.csv
	assert_output ''
	assert_equal "$stderr" "$(cat <<'EOF'
cm-followup: read: 9
cm-followup: written: 12
cm-followup: rejected: 0
cm-followup: skipped for an empty issue_date (承保回访): 1
cm-followup: skipped for an empty issue_date (分红报告送达): 0
cm-followup: skipped for an empty assigned_date (孤儿单客户拜访): 7
cm-followup: skipped for an empty issue_date (正常件面访): 0
cm-followup: skipped for an empty assigned_date (失效件签收回访): 0
cm-followup: skipped for an empty assigned_date (失效件定期再访): 0
cm-followup: skipped for an empty next_due_date (失效前告知损失): 0
cm-followup: skipped for an empty next_due_date (失效确认归档): 0
cm-followup: skipped for an empty sign_date (成交后回访): 1
cm-followup: skipped for an empty next_due_date (续期缴费提醒): 1
cm-followup: skipped for an empty next_due_date (失效预警): 1
cm-followup: skipped for an empty issue_date (年度保单检视): 1
cm-followup: skipped for an empty birthday (生日祝福): 1
cm-followup: skipped for an empty wedding_date (结婚纪念日祝福): 4
cm-followup: skipped for an empty rider_expiry (附加险到期提醒): 8
cm-followup: skipped for an empty benefit_start (给付开始通知): 8
cm-followup: skipped for an empty birthday (休眠客户唤醒): 0
cm-followup: skipped for an empty birthday (高效客户拜访): 0
cm-followup: rows with a task due: 7
cm-followup: rows with no task due: 2
cm-followup: tasks: 12
cm-followup: repeated occasions of one customer: 4
EOF
)"
	run -0 wc -l followups.csv
	assert_output '13 followups.csv'
}

@test "cm-followup(1): the week with the company's events, the service records and the customers' occasions" {
	samples
	run -0 cm-followup -r rules/followup.yaml --from 2026-11-30 --days 7 \
	    --events samples/notices.csv --services samples/services.csv \
	    --occasions samples/occasions.csv samples/policies.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note,name,phone
2026-11-30,2026-12-01,A001,C0001,P001,保全理赔上门（保全）,登门拜访,当天或第二天到现场；变更受益人,林秀英,13905170001
2026-11-30,2026-11-30,A001,C0002,P003,承保回访,登门拜访,,孙艳,13805170002
2026-11-30,2026-11-30,A002,C0004,,孤儿单客户拜访,登门拜访,,赵敏,13605170004
2026-11-30,2026-11-30,A003,C0006,,获奖祝贺,电话,市级三八红旗手,陈静,
2026-12-01,2026-12-01,A001,C0001,,公司动向传达（鑫享未来养老年金上市）,电话,,林秀英,13905170001
2026-12-01,2026-12-02,A001,C0001,,生日祝福,礼物,,林秀英,13905170001
2026-12-01,2026-12-15,A001,C0001,P001,续期缴费提醒,电话,,林秀英,13905170001
2026-12-01,2026-12-15,A001,C0001,P002,续期缴费提醒,电话,,林秀英,13905170001
2026-12-01,2026-12-03,A001,C0001,P001,资料提交柜面（保全）,柜面,变更受益人,林秀英,13905170001
2026-12-01,2026-12-31,A001,C0001,P002,附加险到期提醒,电话,,林秀英,13905170001
2026-12-01,2026-12-01,A001,C0002,,公司动向传达（鑫享未来养老年金上市）,电话,,孙艳,13805170002
2026-12-01,2026-12-01,A001,C0002,,抱怨处理,登门拜访,当天或第二天到现场；续期扣款失败,孙艳,13805170002
2026-12-01,2026-12-01,A002,C0003,,公司动向传达（鑫享未来养老年金上市）,电话,,刘娟,13705170003
2026-12-01,2026-12-01,A002,C0004,,公司动向传达（鑫享未来养老年金上市）,电话,,赵敏,13605170004
2026-12-01,2026-12-01,A002,C0007,,公司动向传达（鑫享未来养老年金上市）,电话,,周建华,025-8471 0007
2026-12-01,2026-12-01,A003,C0005,,公司动向传达（鑫享未来养老年金上市）,电话,,王强,13505170005
2026-12-01,2026-12-01,A003,C0005,,结婚纪念日祝福,短信,,王强,13505170005
2026-12-01,2026-12-01,A003,C0006,,公司动向传达（鑫享未来养老年金上市）,电话,,陈静,
2026-12-02,2026-12-02,A001,C0001,,高效客户拜访,登门拜访,,林秀英,13905170001
2026-12-02,2026-12-03,A003,C0005,,保全理赔上门（保全）,登门拜访,当天或第二天到现场；地址变更,王强,13505170005
2026-12-02,2026-12-05,A003,C0005,,家庭大事关怀,登门拜访,水果、鲜花亲自送上；女儿出嫁,王强,13505170005
2026-12-03,2026-12-03,A001,C0001,,公司动向传达（分红险2026年度红利预告）,电话,,林秀英,13905170001
2026-12-03,2026-12-03,A001,C0001,P001,受理情况通知（保全）,电话,变更受益人,林秀英,13905170001
2026-12-03,2026-12-10,A001,C0001,,活动邀约（名家之约：养老规划讲座）,电话,,林秀英,13905170001
2026-12-03,2026-12-03,A002,C0004,,公司动向传达（分红险2026年度红利预告）,电话,,赵敏,13605170004
2026-12-04,2026-12-04,A002,C0003,P004,处理结果送达（理赔）,登门拜访,住院医疗,刘娟,13705170003
2026-12-04,2026-12-04,A002,C0007,P009,正常件面访,登门拜访,,周建华,025-8471 0007
2026-12-05,2026-12-05,A001,C0001,P001,分红报告送达,登门拜访,,林秀英,13905170001
2026-12-05,2026-12-20,A002,C0003,P004,给付开始通知,登门拜访,,刘娟,13705170003
2026-12-06,2026-12-06,A001,C0001,,结婚纪念日祝福,短信,,林秀英,13905170001
EOF
}

@test "cm-followup(1): --ics writes the week's calendar of each agent of the sample policies" {
	samples
	mkdir calendars
	run -0 cm-followup -r rules/followup.yaml --from 2026-11-30 --days 7 \
	    --ics calendars -o followups.csv samples/policies.csv
	assert_output ''
	run -0 ls calendars
	assert_output - <<'EOF'
A001.ics
A002.ics
A003.ics
EOF
	printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 \
	    'PRODID:-//cm//cm-followup 0.1.0//EN' CALSCALE:GREGORIAN \
	    X-WR-CALNAME:A003 \
	    BEGIN:VEVENT UID:fc017cbe9b2aaced@cm-followup \
	    DTSTAMP:20261130T000000Z 'DTSTART;VALUE=DATE:20261201' \
	    'DTEND;VALUE=DATE:20261202' \
	    'SUMMARY:结婚纪念日祝福 C0005 王强 13505170005' \
	    'DESCRIPTION:channel: 短信\noccasion_date: 2026-12-01\nname: 王强\nphone' \
	    ' : tel:13505170005' \
	    TRANSP:TRANSPARENT BEGIN:VALARM ACTION:DISPLAY \
	    'DESCRIPTION:结婚纪念日祝福 C0005 王强 13505170005' \
	    TRIGGER:PT9H END:VALARM END:VEVENT END:VCALENDAR > want.ics
	cmp calendars/A003.ics want.ics
	run -0 grep -c '^BEGIN:VEVENT' calendars/A001.ics calendars/A002.ics
	assert_output - <<'EOF'
calendars/A001.ics:8
calendars/A002.ics:3
EOF
}

@test "cm-followup(1): the Monday cron command writes the week's list from today" {
	cp "$ROOT/samples/policies.csv" policies.csv
	export CM_TODAY=2026-11-30
	run -0 bash -o pipefail -c 'cm-followup --rejects rejects.csv -o followups.csv policies.csv'
	assert_output ''
	run -0 cat followups.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note,name,phone
2026-11-30,2026-11-30,A001,C0002,P003,承保回访,登门拜访,,孙艳,13805170002
2026-11-30,2026-11-30,A002,C0004,,孤儿单客户拜访,登门拜访,,赵敏,13605170004
2026-12-01,2026-12-02,A001,C0001,,生日祝福,礼物,,林秀英,13905170001
2026-12-01,2026-12-15,A001,C0001,P001,续期缴费提醒,电话,,林秀英,13905170001
2026-12-01,2026-12-15,A001,C0001,P002,续期缴费提醒,电话,,林秀英,13905170001
2026-12-01,2026-12-31,A001,C0001,P002,附加险到期提醒,电话,,林秀英,13905170001
2026-12-01,2026-12-01,A003,C0005,,结婚纪念日祝福,短信,,王强,13505170005
2026-12-02,2026-12-02,A001,C0001,,高效客户拜访,登门拜访,,林秀英,13905170001
2026-12-04,2026-12-04,A002,C0007,P009,正常件面访,登门拜访,,周建华,025-8471 0007
2026-12-05,2026-12-05,A001,C0001,P001,分红报告送达,登门拜访,,林秀英,13905170001
2026-12-05,2026-12-20,A002,C0003,P004,给付开始通知,登门拜访,,刘娟,13705170003
2026-12-06,2026-12-06,A001,C0001,,结婚纪念日祝福,短信,,林秀英,13905170001
EOF
	run -0 cat rejects.csv
	assert_output "_line,_reason,$(head -n 1 policies.csv)"
}
@test "cm-followup(1): lunar birthdays and 中秋 from a list with Chinese headers, merged" {
	greeting_files
	run -0 cm-followup -r 问候.yaml --from 2026-09-21 --days 7 客户.csv
	assert_output - <<'EOF'
应办日期,日子,营销员,客户,保单号,事项,方式,备注
2026-09-23,2026-09-25,李军,高静,,节日问候（中秋）,短信,
2026-09-23,2026-09-25,王芳,何强,,节日问候（中秋）,短信,
2026-09-23,2026-09-24; 2026-09-25,王芳,林涛,,生日祝福; 节日问候（中秋）,礼物; 短信,
2026-09-24,2026-09-25,李军,高静,,生日祝福,礼物,
2026-09-24,2026-09-25,王芳,何强,,生日祝福,礼物,
EOF
}

@test "cm-followup(1): --check finds an unknown holiday, a bad offset and a trigger of two kinds" {
	mistakes_file
	run --separate-stderr -2 cm-followup -r mistakes.yaml --check
	assert_output ''
	assert_equal "$stderr" "cm-followup: mistakes.yaml:5:20: unknown holiday '圣诞节' (the seeds' holidays, or an event's name)
cm-followup: mistakes.yaml:8:46: '1mo' is not an offset (1d, -15d, 2w, 3m, 1y)
cm-followup: mistakes.yaml:12:13: a trigger has one of after, yearly, birthday, holidays, recurring, company, service, occasions"
}
