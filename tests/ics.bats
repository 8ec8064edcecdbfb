#!/usr/bin/env bats
# cm-followup --ics DIR: one iCalendar file (RFC 5545) per agent, byte for
# byte; folding at 75 octets between UTF-8 characters; escaping of TEXT;
# stable UIDs, one per trigger, customer, policy, occasion and task; no
# file for an agent without tasks; agent ids that cannot name a file, names
# escaped for Windows and FAT, names that differ only in case; calendar
# names, reminders, carried columns and tel: links; a failed run leaves
# DIR as it was; --stats.

load test_helper

# A visit on the date of visit_date, and a birthday gift with a note the
# day before the birthday.
visit_rules() {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 回访
    channel: 电话
    after: {column: visit_date, offsets: [0d]}
  - task: 生日祝福
    channel: 礼物
    note: 带一盒月饼
    lead: 1
    birthday: {column: birthday}
EOF
}

# One visit with the note given, for customer C1 of agent A1 on 2026-12-01.
note_files() {
	cat > r.yaml <<EOF
version: 1
triggers:
  - task: 回访
    channel: 电话
    note: '$1'
    after: {column: visit_date, offsets: [0d]}
EOF
	printf 'policy_id,customer_id,agent_id,visit_date\nP1,C1,A1,2026-12-01\n' > in.csv
}

# The lines of a calendar, each ended with CRLF, into the file $1.
crlf() {
	local out=$1
	shift
	printf '%s\r\n' "$@" > "$out"
}

# The start of every calendar.
head_lines() {
	printf '%s\n' BEGIN:VCALENDAR VERSION:2.0 \
	    "PRODID:-//cm//cm-followup $(cm-followup --version | cut -d' ' -f2)//EN" \
	    CALSCALE:GREGORIAN
}

@test "--ics writes one calendar per agent, its tasks in the order of the list" {
	visit_rules
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,visit_date,birthday
P1,C1,A1,2026-12-01,1980-12-03
P2,C2,A2,2026-12-02,
P3,C1,A1,,1980-12-03
EOF
	mkdir cal
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal in.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-12-01,2026-12-01,A1,C1,P1,回访,电话,
2026-12-02,2026-12-03,A1,C1,,生日祝福,礼物,带一盒月饼
2026-12-02,2026-12-02,A2,C2,P2,回访,电话,
EOF
	run -0 ls cal
	assert_output - <<'EOF'
A1.ics
A2.ics
EOF
	mapfile -t h < <(head_lines)
	crlf want1 "${h[@]}" X-WR-CALNAME:A1 \
	    BEGIN:VEVENT \
	    UID:3cc4371b63740675@cm-followup \
	    DTSTAMP:20261130T000000Z \
	    'DTSTART;VALUE=DATE:20261201' \
	    'DTEND;VALUE=DATE:20261202' \
	    'SUMMARY:回访 C1' \
	    'DESCRIPTION:channel: 电话\noccasion_date: 2026-12-01\npolicy_id: P1' \
	    TRANSP:TRANSPARENT \
	    END:VEVENT \
	    BEGIN:VEVENT \
	    UID:f249f6ef3fed8272@cm-followup \
	    DTSTAMP:20261130T000000Z \
	    'DTSTART;VALUE=DATE:20261202' \
	    'DTEND;VALUE=DATE:20261203' \
	    'SUMMARY:生日祝福 C1' \
	    'DESCRIPTION:channel: 礼物\noccasion_date: 2026-12-03\nnote: 带一盒月' \
	    ' 饼' \
	    TRANSP:TRANSPARENT \
	    END:VEVENT \
	    END:VCALENDAR
	cmp cal/A1.ics want1
	crlf want2 "${h[@]}" X-WR-CALNAME:A2 \
	    BEGIN:VEVENT \
	    UID:94464678b9b3d65e@cm-followup \
	    DTSTAMP:20261130T000000Z \
	    'DTSTART;VALUE=DATE:20261202' \
	    'DTEND;VALUE=DATE:20261203' \
	    'SUMMARY:回访 C2' \
	    'DESCRIPTION:channel: 电话\noccasion_date: 2026-12-02\npolicy_id: P2' \
	    TRANSP:TRANSPARENT \
	    END:VEVENT \
	    END:VCALENDAR
	cmp cal/A2.ics want2
}

@test "--ics: a long Chinese note is folded at 75 octets, never inside a character" {
	note_files 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十
	mkdir cal
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal in.csv
	run -0 grep -A 2 '^DESCRIPTION' cal/A1.ics
	assert_output "$(printf '%s\r\n' \
	    'DESCRIPTION:channel: 电话\noccasion_date: 2026-12-01\npolicy_id: P1\nnote' \
	    ' : 一二三四五六七八九十一二三四五六七八九十一二三四' \
	    ' 五六七八九十一二三四五六七八九十')"
	# No line over 75 octets, CRLF aside, and each line valid UTF-8.
	run -0 env LC_ALL=C awk '{ sub(/\r$/, ""); if (length($0) > 75) print NR": "length($0) }' cal/A1.ics
	assert_output ''
	while IFS= read -r line; do
		printf '%s' "$line" | iconv -f UTF-8 -t UTF-8 >/dev/null
	done < cal/A1.ics
}

@test "--ics escapes backslash, semicolon, comma and line ends in TEXT values" {
	note_files '\a;b,c'
	printf 'policy_id,customer_id,agent_id,visit_date\n"P;1","C,1",A1,2026-12-01\n' > in.csv
	cat >> r.yaml <<'EOF'
  - task: 提醒
    channel: "短信"
    note: "第一行\n第二行"
    after: {column: visit_date, offsets: [0d]}
EOF
	mkdir cal
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal in.csv
	run -0 grep -E '^(SUMMARY|DESCRIPTION)' cal/A1.ics
	assert_output "$(printf '%s\r\n' \
	    'SUMMARY:回访 C\,1' \
	    'DESCRIPTION:channel: 电话\noccasion_date: 2026-12-01\npolicy_id: P\;1\nno' \
	    'SUMMARY:提醒 C\,1' \
	    'DESCRIPTION:channel: 短信\noccasion_date: 2026-12-01\npolicy_id: P\;1\nno')"
	run -0 grep -A 1 -E '^DESCRIPTION' cal/A1.ics
	assert_line --index 1 "$(printf ' te: \\\\a\\;b\\,c\r')"
	assert_line --index 4 "$(printf ' te: 第一行\\n第二行\r')"
}

@test "--ics: the UID is the same in every run for the same task, and another task has another" {
	note_files 带上礼品
	printf 'P2,C2,A1,2026-12-02\n' >> in.csv
	mkdir one two
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics one in.csv
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics two in.csv
	cmp one/A1.ics two/A1.ics
	run -0 grep -c '^UID:' one/A1.ics
	assert_output 2
	run -0 sh -c "grep '^UID:' one/A1.ics | sort -u | wc -l"
	assert_output 2
	# A later window: the same tasks, the same UIDs; DTSTAMP is --from.
	run -0 cm-followup -r r.yaml --from 2026-12-01 --ics two in.csv
	run -0 grep -E '^(UID|DTSTAMP):' two/A1.ics
	assert_output "$(printf '%s\r\n' UID:3cc4371b63740675@cm-followup \
	    DTSTAMP:20261201T000000Z UID:94464678b9b3d65e@cm-followup \
	    DTSTAMP:20261201T000000Z)"
	run -0 grep '^UID:' one/A1.ics
	assert_output "$(printf '%s\r\n' UID:3cc4371b63740675@cm-followup \
	    UID:94464678b9b3d65e@cm-followup)"
}

@test "--ics: an agent with no task in the window gets no file" {
	note_files ''
	printf 'P2,C2,A2,2026-12-25\n' >> in.csv
	mkdir cal
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal in.csv
	run -0 ls -A cal
	assert_output A1.ics
}

@test "--ics: an agent id that cannot name a file is a data error, and DIR is left as it was" {
	note_files ''
	printf 'P2,C2,,2026-12-02\nP3,C3,../x,2026-12-03\nP4,C4,.A,2026-12-03\n' >> in.csv
	printf 'P5,C5,%s,2026-12-04\n' "$(printf 'A%.0s' $(seq 201))" >> in.csv
	printf 'P6,C6,A6,2026-12-25\n' >> in.csv
	mkdir cal
	echo old > cal/A1.ics
	run --separate-stderr -1 cm-followup -r r.yaml --from 2026-11-30 --ics cal in.csv
	assert_output ''
	assert_equal "$stderr" "cm-followup: in.csv:3: column 'agent_id': '' cannot name a file for --ics: it is empty"
	run -0 ls -A cal
	assert_output A1.ics
	run -0 cat cal/A1.ics
	assert_output old
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal --rejects rej.csv in.csv
	run -0 ls -A cal
	assert_output A1.ics
	run -0 grep -c '^BEGIN:VEVENT' cal/A1.ics
	assert_output 1
	run -0 cut -d, -f1-2 rej.csv
	assert_output - <<EOF
_line,_reason
3,column 'agent_id': '' cannot name a file for --ics: it is empty
4,column 'agent_id': '../x' cannot name a file for --ics: it holds '/'
5,column 'agent_id': '.A' cannot name a file for --ics: it starts with '.'
6,column 'agent_id': '$(printf 'A%.0s' $(seq 201))' cannot name a file for --ics: it is longer than 200 bytes
EOF
}

@test "--ics: an agent id with a line break in it cannot name a file" {
	note_files ''
	printf 'P2,C2,"A\nB",2026-12-02\n' >> in.csv
	mkdir cal
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal --rejects rej.csv in.csv
	run -0 ls -A cal
	assert_output A1.ics
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,policy_id,customer_id,agent_id,visit_date
3,"column 'agent_id': 'A
B' cannot name a file for --ics: it holds a line end",P2,C2,"A
B",2026-12-02
EOF
}

@test "--ics: without --ics, an empty agent id is no error" {
	note_files ''
	printf 'P2,C2,,2026-12-02\n' >> in.csv
	run -0 cm-followup -r r.yaml --from 2026-11-30 in.csv
}

@test "--ics: a data error late in the input leaves DIR as it was, with no temporary file" {
	note_files ''
	printf 'P2,C2,A2,2026-12-02\nP3,C3,A3,2026-02-30\n' >> in.csv
	mkdir cal
	echo old > cal/A1.ics
	run --separate-stderr -1 cm-followup -r r.yaml --from 2026-11-30 --ics cal -o out.csv in.csv
	assert_equal "$stderr" "cm-followup: in.csv:4: column 'visit_date': '2026-02-30' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00)"
	run -0 ls -A cal
	assert_output A1.ics
	run -0 cat cal/A1.ics
	assert_output old
	[ ! -e out.csv ]
}

@test "--ics: more rejects than --max-rejects leave DIR as it was too" {
	note_files ''
	printf 'P2,C2,A2,2026-12-02\nP3,C3,A3,2026-02-30\n' >> in.csv
	mkdir cal
	run -1 cm-followup -r r.yaml --from 2026-11-30 --ics cal --rejects rej.csv --max-rejects 0 in.csv
	run -0 ls -A cal
	assert_output ''
}

@test "--ics: a DIR that is not a directory fails the run before any output" {
	note_files ''
	run --separate-stderr -1 cm-followup -r r.yaml --from 2026-11-30 --ics nowhere -o out.csv in.csv
	assert_equal "$stderr" "cm-followup: --ics nowhere: No such file or directory"
	[ ! -e out.csv ]
	touch file
	run --separate-stderr -1 cm-followup -r r.yaml --from 2026-11-30 --ics file in.csv
	assert_equal "$stderr" "cm-followup: --ics file: not a directory"
}

@test "--ics replaces an agent's file from an earlier run, and --stats counts the files" {
	note_files ''
	printf 'P2,C2,A2,2026-12-02\nP3,C3,A1,2026-12-03\n' >> in.csv
	mkdir cal
	echo old > cal/A1.ics
	run --separate-stderr -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal --stats -o out.csv in.csv
	run -0 sh -c "printf '%s\n' \"\$1\" | tail -n 1" sh "$stderr"
	assert_output 'cm-followup: ics files: 2'
	run -0 grep -c '^BEGIN:VEVENT' cal/A1.ics
	assert_output 2
}

@test "--ics with merge: true: one event for each row of the list" {
	note_files ''
	sed -i 's/^version: 1$/version: 1\nmerge: true/' r.yaml
	cat >> r.yaml <<'EOF'
  - task: 提醒
    channel: 短信
    after: {column: visit_date, offsets: [0d]}
EOF
	mkdir cal
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal in.csv
	run -0 grep -c '^BEGIN:VEVENT' cal/A1.ics
	assert_output 1
	run -0 grep -A 2 -E '^SUMMARY' cal/A1.ics
	assert_output "$(printf '%s\r\n' 'SUMMARY:回访\; 提醒 C1' \
	    'DESCRIPTION:channel: 电话\; 短信\noccasion_date: 2026-12-01\; 2026-12-0' \
	    ' 1\npolicy_id: P1\; P1')"
}

@test "--ics: the description's labels are the output's column names, as columns: maps them" {
	note_files ''
	sed -i 's/^version: 1$/version: 1\ncolumns: {channel: 方式, occasion_date: 日子}/' r.yaml
	mkdir cal
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal in.csv
	run -0 grep '^DESCRIPTION' cal/A1.ics
	assert_output "$(printf '%s\r' 'DESCRIPTION:方式: 电话\n日子: 2026-12-01\npolicy_id: P1')"
}

# One visit on 2026-12-01 for each agent id given, customer Cn of agent n.
agents_files() {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 回访
    channel: 电话
    after: {column: visit_date, offsets: [0d]}
EOF
	printf 'policy_id,customer_id,agent_id,visit_date\n' > in.csv
	i=0
	for a; do
		i=$((i + 1))
		printf 'P%d,C%d,"%s",2026-12-01\n' "$i" "$i" "$a" >> in.csv
	done
}

@test "--ics escapes what Windows and FAT refuse as %XX, and the calendar keeps the agent's id as its name" {
	agents_files 'A*?' 'Ag:01' CON con.x LPT1 COM10 'A.' 'A ' 'A%1' '客户经理|王' 'NUL .x'
	mkdir cal
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal in.csv
	run -0 ls -A cal
	assert_output - <<'EOF'
%43ON.ics
%4CPT1.ics
%4EUL .x.ics
%63on.x.ics
A%20.ics
A%251.ics
A%2A%3F.ics
A%2E.ics
Ag%3A01.ics
COM10.ics
客户经理%7C王.ics
EOF
	run -0 grep -h '^X-WR-CALNAME' cal/A%2A%3F.ics cal/%43ON.ics cal/A%20.ics
	assert_output "$(printf '%s\r\n' 'X-WR-CALNAME:A*?' X-WR-CALNAME:CON 'X-WR-CALNAME:A ')"
}

@test "--ics: agents whose files differ only in case are a data error, as is a line end in an id" {
	agents_files A001 a001 É1 é1 Ａ1 ａ1 "$(printf 'x\ny')"
	mkdir cal
	run --separate-stderr -1 cm-followup -r r.yaml --from 2026-11-30 --ics cal in.csv
	assert_equal "$stderr" "cm-followup: in.csv:3: column 'agent_id': 'a001' cannot name a file for --ics: on a disk that ignores case, its file is that of 'A001'"
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal --rejects rej.csv in.csv
	run -0 ls -A cal
	assert_output - <<'EOF'
A001.ics
É1.ics
Ａ1.ics
EOF
	run -0 sh -c 'cut -d, -f1 rej.csv | head -n 5'
	assert_output - <<'EOF'
_line
3
5
7
8
EOF
}

@test "--ics: calendar: names each calendar by a column and adds a reminder at a time of the due day" {
	cat > r.yaml <<'EOF'
version: 1
calendar: {name: agent_name, alarm: "08:30"}
triggers:
  - task: 回访
    channel: 电话
    after: {column: visit_date, offsets: [0d]}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,agent_name,visit_date
P1,C1,A1,王芳,2026-12-01
P2,C2,A1,王芳,2026-12-02
EOF
	mkdir cal
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal in.csv
	run -0 grep -E '^(X-WR-CALNAME|BEGIN:VALARM|TRIGGER|ACTION|DESCRIPTION:回访)' cal/A1.ics
	assert_output "$(printf '%s\r\n' X-WR-CALNAME:王芳 BEGIN:VALARM ACTION:DISPLAY \
	    'DESCRIPTION:回访 C1' TRIGGER:PT8H30M BEGIN:VALARM ACTION:DISPLAY \
	    'DESCRIPTION:回访 C2' TRIGGER:PT8H30M)"
}

@test "--ics: an alarm that is not a time of day is an error in the rules" {
	printf 'version: 1\ncalendar: {alarm: "9:00"}\ntriggers:\n  - {task: 回访, channel: 电话, after: {column: d, offsets: [0d]}}\n' > r.yaml
	run --separate-stderr -2 cm-followup -r r.yaml --check
	assert_equal "$stderr" "cm-followup: r.yaml:2:19: alarm takes a time of day (09:30), not '9:00'"
}

@test "--ics: the carried columns follow the customer in SUMMARY and DESCRIPTION, the phone as a tel: link" {
	cat > r.yaml <<'EOF'
version: 1
carry: [name, phone]
phone: phone
triggers:
  - task: 回访
    channel: 电话
    after: {column: visit_date, offsets: [0d]}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,name,phone,visit_date
P1,C1,A1,林秀英,(025) 8471-0007,2026-12-01
P2,C2,A1,孙艳,138 0517 0002 转 3,2026-12-02
EOF
	mkdir cal
	run -0 cm-followup -r r.yaml --from 2026-11-30 --ics cal in.csv
	run -0 grep -E '^(SUMMARY|DESCRIPTION| )' cal/A1.ics
	assert_output "$(printf '%s\r\n' 'SUMMARY:回访 C1 林秀英 (025) 8471-0007' \
	    'DESCRIPTION:channel: 电话\noccasion_date: 2026-12-01\npolicy_id: P1\nname' \
	    ' : 林秀英\nphone: tel:02584710007' \
	    'SUMMARY:回访 C2 孙艳 138 0517 0002 转 3' \
	    'DESCRIPTION:channel: 电话\noccasion_date: 2026-12-02\npolicy_id: P2\nname' \
	    ' : 孙艳\nphone: 138 0517 0002 转 3')"
}

@test "--ics: two triggers of one task on one occasion give two events with two UIDs" {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 节日问候
    channel: 短信
    lead: 2
    holidays: [中秋]
  - task: 节日问候
    channel: 礼物
    lead: 3
    holidays: [中秋]
  - task: 节日问候
    channel: 电话
    lead: 2
    holidays: [中秋]
EOF
	printf 'policy_id,customer_id,agent_id\nP1,C1,A1\n' > in.csv
	mkdir cal
	run -0 cm-followup -r r.yaml --from 2026-09-21 --ics cal in.csv
	run -0 grep -c '^BEGIN:VEVENT' cal/A1.ics
	assert_output 3
	run -0 sh -c "grep '^UID:' cal/A1.ics | sort -u | wc -l"
	assert_output 3
}
