#!/usr/bin/env bats
# Calendars for the phone (iCalendar, RFC 5545): cm-schedule --ics, each
# agent's week of timed visits in Asia/Shanghai; and the calendars of both
# tools imported by three programs of Debian, every event of them:
# python3-icalendar, khal and calcurse (make deps installs them; a test
# whose program is missing says so and skips).  cm-followup --ics has its
# own tests in ics.bats.

load test_helper

# A week of two visit times, a calendar with the agent's name, a reminder
# half an hour ahead, 45-minute visits, and the customer's name and phone.
week_files() {
	cat > week.yaml <<'EOF'
version: 1
group_by: agent_id
key: customer_id
week:
  days: [mon, tue, wed, thu, fri]
  times: ["09:00", "14:30"]
calendar: {name: agent_name, alarm: 30, length: 45, carry: [name, phone], phone: phone}
plans:
  - name: 拜访
    when: {quadrant: "1"}
    action: 登门拜访
    place: first
    mark: 重点
  - name: 联络
    action: 电话
    place: fill
EOF
	cat > list.csv <<'EOF'
agent_id,agent_name,customer_id,name,phone,quadrant
A1,王芳,C1,林秀英,13905170001,1
A1,王芳,C2,孙艳,,4
A1,王芳,C3,刘娟,13705170003,1
EOF
}

# The calendars of both tools for the week of 2026-11-30, into cal/: the
# sample policies with every side input, and the week of week_files.
sample_calendars() {
	week_files
	mkdir -p cal
	cm-followup -r "$ROOT/rules/followup.yaml" --from 2026-11-30 --days 7 \
	    --events "$ROOT/samples/notices.csv" \
	    --services "$ROOT/samples/services.csv" \
	    --occasions "$ROOT/samples/occasions.csv" --ics cal \
	    -o /dev/null "$ROOT/samples/policies.csv"
	mkdir -p cal/week
	cm-schedule -r week.yaml --week 2026-11-30 --ics cal/week -o /dev/null \
	    list.csv
}

@test "cm-schedule(1): --ics writes each agent's week of timed visits, in Asia/Shanghai" {
	week_files
	mkdir calendars
	run -0 cm-schedule -r week.yaml --week 2026-11-30 --ics calendars \
	    -o visits.csv list.csv
	run -0 ls calendars
	assert_output A1.ics
	printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 \
	    "PRODID:-//cm//cm-schedule $(cm-schedule --version | cut -d' ' -f2)//EN" \
	    CALSCALE:GREGORIAN X-WR-CALNAME:王芳 \
	    BEGIN:VTIMEZONE TZID:Asia/Shanghai BEGIN:STANDARD \
	    DTSTART:19700101T000000 TZOFFSETFROM:+0800 TZOFFSETTO:+0800 \
	    TZNAME:CST END:STANDARD END:VTIMEZONE \
	    BEGIN:VEVENT UID:1a25d1062936cf14@cm-schedule \
	    DTSTAMP:20261130T000000Z \
	    'DTSTART;TZID=Asia/Shanghai:20261130T090000' \
	    'DTEND;TZID=Asia/Shanghai:20261130T094500' \
	    'SUMMARY:登门拜访 C1 林秀英 13905170001' \
	    'DESCRIPTION:plan: 拜访\nmark: 重点\nname: 林秀英\nphone: tel:1390517' \
	    ' 0001' \
	    BEGIN:VALARM ACTION:DISPLAY 'DESCRIPTION:登门拜访 C1 林秀英 13905170001' \
	    TRIGGER:-PT30M END:VALARM END:VEVENT \
	    BEGIN:VEVENT UID:1a25d3062936d27a@cm-schedule \
	    DTSTAMP:20261130T000000Z \
	    'DTSTART;TZID=Asia/Shanghai:20261130T143000' \
	    'DTEND;TZID=Asia/Shanghai:20261130T151500' \
	    'SUMMARY:登门拜访 C3 刘娟 13705170003' \
	    'DESCRIPTION:plan: 拜访\nmark: 重点\nname: 刘娟\nphone: tel:1370517000' \
	    ' 3' \
	    BEGIN:VALARM ACTION:DISPLAY 'DESCRIPTION:登门拜访 C3 刘娟 13705170003' \
	    TRIGGER:-PT30M END:VALARM END:VEVENT \
	    BEGIN:VEVENT UID:1a25d4062936d42d@cm-schedule \
	    DTSTAMP:20261130T000000Z \
	    'DTSTART;TZID=Asia/Shanghai:20261201T090000' \
	    'DTEND;TZID=Asia/Shanghai:20261201T094500' \
	    'SUMMARY:电话 C2 孙艳' 'DESCRIPTION:plan: 联络\nname: 孙艳' \
	    BEGIN:VALARM ACTION:DISPLAY 'DESCRIPTION:电话 C2 孙艳' \
	    TRIGGER:-PT30M END:VALARM END:VEVENT END:VCALENDAR > want.ics
	cmp calendars/A1.ics want.ics
	run -0 grep -E '^(X-WR|DTSTART|SUMMARY|TRIGGER)' calendars/A1.ics
	assert_output "$(printf '%s\r\n' X-WR-CALNAME:王芳 DTSTART:19700101T000000 \
	    'DTSTART;TZID=Asia/Shanghai:20261130T090000' \
	    'SUMMARY:登门拜访 C1 林秀英 13905170001' TRIGGER:-PT30M \
	    'DTSTART;TZID=Asia/Shanghai:20261130T143000' \
	    'SUMMARY:登门拜访 C3 刘娟 13705170003' TRIGGER:-PT30M \
	    'DTSTART;TZID=Asia/Shanghai:20261201T090000' \
	    'SUMMARY:电话 C2 孙艳' TRIGGER:-PT30M)"
}

@test "cm-schedule --ics: a week of contacts a day, without times, gives all-day events and no time zone" {
	week_files
	sed -i 's/^  times: .*/  per_day: 2/' week.yaml
	mkdir cal
	run -0 cm-schedule -r week.yaml --week 2026-11-30 --ics cal list.csv
	run -0 grep -E '^(DTSTART|DTEND|TZID)' cal/A1.ics
	assert_output "$(printf '%s\r\n' 'DTSTART;VALUE=DATE:20261130' \
	    'DTEND;VALUE=DATE:20261201' 'DTSTART;VALUE=DATE:20261130' \
	    'DTEND;VALUE=DATE:20261201' 'DTSTART;VALUE=DATE:20261201' \
	    'DTEND;VALUE=DATE:20261202')"
}

@test "cm-schedule --ics: an agent id that cannot name a file is a data error for its row" {
	week_files
	printf 'A/2,李军,C4,高静,,1\nCON,李军,C5,何强,,1\n' >> list.csv
	mkdir cal
	run -0 cm-schedule -r week.yaml --week 2026-11-30 --ics cal --rejects rej.csv -o out.csv list.csv
	run -0 ls cal
	assert_output - <<'EOF'
%43ON.ics
A1.ics
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,agent_id,agent_name,customer_id,name,phone,quadrant
5,column 'agent_id': 'A/2' cannot name a file for --ics: it holds '/',A/2,李军,C4,高静,,1
EOF
}

@test "cm-schedule --ics: alarm and length take counts of minutes, and phone must be carried" {
	week_files
	sed -i 's/^calendar: .*/calendar: {alarm: -5, length: 0, phone: phone}/' week.yaml
	run --separate-stderr -2 cm-schedule -r week.yaml --check
	assert_equal "$stderr" "cm-schedule: week.yaml:7:19: alarm (minutes before) takes a count from 0 to 10080, not '-5'
cm-schedule: week.yaml:7:31: length (minutes) takes a count of at least 1, not '0'
cm-schedule: week.yaml:7:41: phone names a column that carry does not list: 'phone'"
}

@test "python3-icalendar reads every event of both tools' calendars, each UID once in all the files" {
	[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import icalendar' 2>/dev/null ||
	    skip "python3-icalendar is not installed (make deps installs it)"
	sample_calendars
	run -0 /usr/bin/python3 - cal/*.ics cal/week/*.ics <<'EOF'
import sys, icalendar
uids = []
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = list(cal.walk('VEVENT'))
    uids += [str(e['UID']) for e in events]
    alarms = list(cal.walk('VALARM'))
    print(path, cal['X-WR-CALNAME'], len(events), len(alarms),
          events[0].decoded('DTSTART'))
print(len(uids), 'events,', len(set(uids)), 'UIDs')
EOF
	assert_output - <<'EOF'
cal/A001.ics A001 16 16 2026-11-30
cal/A002.ics A002 8 8 2026-11-30
cal/A003.ics A003 6 6 2026-11-30
cal/week/A1.ics 王芳 3 3 2026-11-30 09:00:00+08:00
33 events, 33 UIDs
EOF
}

@test "khal imports every event of both tools' calendars" {
	command -v khal > /dev/null || skip "khal is not installed (make deps installs it)"
	sample_calendars
	mkdir -p khal/cm
	cat > khal/config <<EOF
[calendars]
[[cm]]
path = $PWD/khal/cm
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = Asia/Shanghai
local_timezone = Asia/Shanghai
EOF
	export XDG_DATA_HOME=$PWD/khal/data
	for f in cal/*.ics cal/week/*.ics; do
		run -0 khal -c khal/config import --batch -a cm "$f"
	done
	run -0 sh -c 'ls khal/cm | wc -l'
	assert_output 33
	run -0 khal -c khal/config list --format '{start} {title}' 2026-12-01 1d
	assert_output - <<'EOF'
Tuesday, 2026-12-01
2026-12-01 公司动向传达（鑫享未来养老年金上市） C0001 林秀英 13905170001
2026-12-01 公司动向传达（鑫享未来养老年金上市） C0002 孙艳 13805170002
2026-12-01 公司动向传达（鑫享未来养老年金上市） C0003 刘娟 13705170003
2026-12-01 公司动向传达（鑫享未来养老年金上市） C0004 赵敏 13605170004
2026-12-01 公司动向传达（鑫享未来养老年金上市） C0005 王强 13505170005
2026-12-01 公司动向传达（鑫享未来养老年金上市） C0006 陈静
2026-12-01 公司动向传达（鑫享未来养老年金上市） C0007 周建华 025-8471 0007
2026-12-01 抱怨处理 C0002 孙艳 13805170002
2026-12-01 生日祝福 C0001 林秀英 13905170001
2026-12-01 结婚纪念日祝福 C0005 王强 13505170005
2026-12-01 续期缴费提醒 C0001 林秀英 13905170001
2026-12-01 续期缴费提醒 C0001 林秀英 13905170001
2026-12-01 资料提交柜面（保全） C0001 林秀英 13905170001
2026-12-01 附加险到期提醒 C0001 林秀英 13905170001
2026-12-01 09:00 电话 C2 孙艳
EOF
}

@test "calcurse imports every event of both tools' calendars, skipping none" {
	command -v calcurse > /dev/null || skip "calcurse is not installed (make deps installs it)"
	sample_calendars
	mkdir cc
	for f in cal/*.ics cal/week/*.ics; do
		TZ=Asia/Shanghai calcurse -D cc -i "$f" | tr -s ' \n' ' '
		echo
	done > report
	run -0 cat report
	assert_output - <<'EOF'
Import process report: 0256 lines read 0 apps / 16 events / 0 todos / 0 skipped 
Import process report: 0134 lines read 0 apps / 8 events / 0 todos / 0 skipped 
Import process report: 0098 lines read 0 apps / 6 events / 0 todos / 0 skipped 
Import process report: 0056 lines read 3 apps / 0 events / 0 todos / 0 skipped 
EOF
	run -0 wc -l < cc/apts
	assert_output 33
}
