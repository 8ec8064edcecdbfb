#!/usr/bin/env bats
# cm-followup --merge: the lists of the parts of a split run merged into
# the list of one run (the order, ties, headers, empty parts, one file,
# the output options and --stats), and the command of cm-followup(1)'s
# EXAMPLES that merges.  tests/split.bats runs the merge through
# examples/parallel.sh and examples/slurm.sh.

load test_helper
load hostile_helper

# The rules of a one-trigger list, and two of its lists, sorted, whose
# first rows tie (the note says which list a row comes from).
lists() {
	cat > r.yaml <<'EOF'
version: 1
triggers:
  - task: 回访
    channel: 电话
    after: {column: visit_date, offsets: [0d]}
EOF
	cat > a.csv <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C1,P1,回访,电话,a
2026-12-01,2026-12-01,A1,C3,P3,回访,电话,a
2026-12-02,2026-12-02,A2,C5,P5,回访,电话,a
EOF
	cat > b.csv <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C1,P1,回访,电话,b
2026-12-01,2026-12-01,A1,C2,P2,回访,电话,b
2026-12-03,2026-12-03,A1,C4,P4,回访,电话,b
EOF
}

@test "--merge writes two sorted lists as one, in the list's order, a tie going to the file named first" {
	lists
	run -0 cm-followup -r r.yaml --merge a.csv b.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C1,P1,回访,电话,a
2026-11-30,2026-11-30,A1,C1,P1,回访,电话,b
2026-12-01,2026-12-01,A1,C2,P2,回访,电话,b
2026-12-01,2026-12-01,A1,C3,P3,回访,电话,a
2026-12-02,2026-12-02,A2,C5,P5,回访,电话,a
2026-12-03,2026-12-03,A1,C4,P4,回访,电话,b
EOF
}

@test "--merge breaks a tie by the files' order on the command line, not by their contents" {
	lists
	run -0 cm-followup -r r.yaml --merge b.csv a.csv
	assert_output - <<'EOF'
due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note
2026-11-30,2026-11-30,A1,C1,P1,回访,电话,b
2026-11-30,2026-11-30,A1,C1,P1,回访,电话,a
2026-12-01,2026-12-01,A1,C2,P2,回访,电话,b
2026-12-01,2026-12-01,A1,C3,P3,回访,电话,a
2026-12-02,2026-12-02,A2,C5,P5,回访,电话,a
2026-12-03,2026-12-03,A1,C4,P4,回访,电话,b
EOF
}

@test "--merge of the lists of parts cut by customer is the list of the run on the whole file, byte for byte" {
	cat > r.yaml <<'EOF'
version: 1
merge: true
carry: [name]
triggers:
  - task: 回访
    channel: 电话
    after: {column: visit_date, offsets: [0d, 3d]}
  - task: 生日祝福
    channel: 礼物
    per: customer
    birthday: {column: birthday}
EOF
	cat > in.csv <<'EOF'
policy_id,customer_id,agent_id,visit_date,birthday,name
P1,C9,A2,2026-11-27,1970-12-01,"林,芳"
P2,C9,A2,2026-11-30,1970-12-01,"林,芳"
P3,C1,A1,2026-12-01,1980-11-30,王强
P4,C5,A1,2026-11-30,,"李
娜"
P5,C5,A1,2026-11-28,,"李
娜"
P6,C2,A2,2026-12-02,1990-12-03,赵敏
EOF
	{ sed -n '1,4p' in.csv; } > p1.csv
	{ sed -n '1p' in.csv; sed -n '5,$p' in.csv; } > p2.csv
	cm-followup -r r.yaml --from 2026-11-30 -o all.csv in.csv
	cm-followup -r r.yaml --from 2026-11-30 -o o1.csv p1.csv
	cm-followup -r r.yaml --from 2026-11-30 -o o2.csv p2.csv
	# The parts' lists concatenated are not the run's.
	{ cat o1.csv; tail -n +2 o2.csv; } > cat.csv
	run -1 cmp -s cat.csv all.csv
	run -0 cm-followup -r r.yaml --from 2026-11-30 --merge o1.csv o2.csv
	assert_output "$(cat all.csv)"
	run -0 cm-followup -r r.yaml --merge o2.csv o1.csv
	assert_output "$(cat all.csv)"
}

@test "--merge: a list whose header is not the rules' list is exit status 1, naming the file, line 1 and what to do" {
	lists
	sed 's/agent_id/agent/' b.csv > h.csv
	run --separate-stderr -1 cm-followup -r r.yaml --merge a.csv h.csv
	assert_output ''
	assert_equal "$stderr" "cm-followup: h.csv:1: not a list of cm-followup by these rules: column 3 is 'agent', not 'agent_id'; --merge takes the lists that cm-followup wrote with the same rules and options, each with its header"
}

@test "--merge: a list with a column fewer or one more than the rules' is exit status 1" {
	lists
	cut -d, -f1-7 b.csv > short.csv
	sed 's/$/,x/' b.csv > long.csv
	run --separate-stderr -1 cm-followup -r r.yaml --merge short.csv a.csv
	assert_equal "$stderr" "cm-followup: short.csv:1: not a list of cm-followup by these rules: no column 'note' after the first 7; --merge takes the lists that cm-followup wrote with the same rules and options, each with its header"
	run --separate-stderr -1 cm-followup -r r.yaml --merge a.csv long.csv
	assert_equal "$stderr" "cm-followup: long.csv:1: not a list of cm-followup by these rules: an extra column 'x' after the list's 8; --merge takes the lists that cm-followup wrote with the same rules and options, each with its header"
}

@test "--merge: a list of other rules (columns: renames the list's columns) is exit status 1" {
	lists
	cat > zh.yaml <<'EOF'
version: 1
columns:
  due_date: 到期日
triggers:
  - task: 回访
    channel: 电话
    after: {column: visit_date, offsets: [0d]}
EOF
	run --separate-stderr -1 cm-followup -r zh.yaml --merge a.csv
	assert_equal "$stderr" "cm-followup: a.csv:1: not a list of cm-followup by these rules: column 1 is 'due_date', not '到期日'; --merge takes the lists that cm-followup wrote with the same rules and options, each with its header"
}

@test "--merge: a list out of the list's order is exit status 1, naming its line and the line before" {
	lists
	{ head -1 a.csv; tail -n +2 a.csv | tac; } > back.csv
	run --separate-stderr -1 cm-followup -r r.yaml --merge b.csv back.csv
	assert_equal "$stderr" "cm-followup: back.csv:3: out of the list's order (due date, agent, customer, task, policy, occasion) after line 2; --merge takes the lists that cm-followup wrote with the same rules and options, each with its header"
}

@test "--merge: a due date that is not a date is exit status 1, naming the file and line" {
	lists
	sed '3s/2026-12-01,2026/2026-12-xx,2026/' a.csv > bad.csv
	run --separate-stderr -1 cm-followup -r r.yaml --merge b.csv bad.csv
	assert_equal "$stderr" "cm-followup: bad.csv:3: column 'due_date': '2026-12-xx' is not a date; --merge takes the lists that cm-followup wrote with the same rules and options, each with its header"
}

@test "--merge: an empty part, its header alone, adds no row, wherever it is named" {
	lists
	head -1 a.csv > empty.csv
	run -0 cm-followup -r r.yaml --merge empty.csv a.csv empty.csv
	assert_output "$(cat a.csv)"
	run -0 cm-followup -r r.yaml --merge empty.csv
	assert_output 'due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note'
}

@test "--merge: one file, or standard input, is written as it is" {
	lists
	run -0 cm-followup -r r.yaml --merge b.csv
	assert_output "$(cat b.csv)"
	run -0 cm-followup -r r.yaml --merge < b.csv
	assert_output "$(cat b.csv)"
}

@test "--merge --stats counts the rows read from every list, the rows written and the lists" {
	lists
	head -1 a.csv > empty.csv
	run --separate-stderr -0 cm-followup -r r.yaml --merge --stats -o m.csv a.csv empty.csv b.csv
	assert_output ''
	assert_equal "$stderr" "cm-followup: read: 6
cm-followup: written: 6
cm-followup: rejected: 0
cm-followup: lists merged: 3"
}

@test "--merge: --no-header and --stats-file behave as for a run" {
	lists
	cm-followup -r r.yaml --merge -o m.csv a.csv b.csv
	run -0 cm-followup -r r.yaml --merge --no-header --stats-file st.csv a.csv b.csv
	assert_output "$(tail -n +2 m.csv)"
	run -0 cat st.csv
	assert_output - <<'EOF'
name,count
read,6
written,6
rejected,0
lists merged,2
EOF
}

@test "--merge -o FILE.xlsx writes the merged list as a workbook" {
	lists
	run -0 cm-followup -r r.yaml --merge -o m.xlsx a.csv b.csv
	run -0 "$PY" -c '
import sys, zipfile
z = zipfile.ZipFile("m.xlsx")
print(z.read("xl/worksheets/sheet1.xml").decode().count("<row "))'
	assert_output '7'
}

@test "--merge takes the options of the parts' runs (the window, the side files) and the lists are written as they are" {
	lists
	printf 'date,kind,title,audience\n' > ev.csv
	cm-followup -r r.yaml --merge -o m.csv a.csv b.csv
	run -0 cm-followup -r r.yaml --from 2026-12-01 --days 1 --events ev.csv --merge a.csv b.csv
	assert_output "$(cat m.csv)"
}

@test "--merge: -o may name a list, as it may name the input of a run" {
	lists
	run -0 cm-followup -r r.yaml --merge -o a.csv a.csv b.csv
	run -0 wc -l a.csv
	assert_output '7 a.csv'
}

@test "--merge: --stats-file naming a list after the first is a usage error" {
	lists
	run --separate-stderr -2 cm-followup -r r.yaml --merge --stats-file b.csv a.csv b.csv
	assert_equal "${stderr_lines[0]}" "cm-followup: --stats-file names the same file as the input, -o or --rejects: 'b.csv'"
}

@test "--merge: standard input named twice is a usage error" {
	lists
	run --separate-stderr -2 cm-followup -r r.yaml --merge - a.csv - < b.csv
	assert_equal "${stderr_lines[0]}" "cm-followup: --merge: standard input ('-') named twice"
}

@test "more than one file without --merge is a usage error" {
	lists
	run --separate-stderr -2 cm-followup -r r.yaml a.csv b.csv
	assert_equal "${stderr_lines[0]}" "cm-followup: more than one file: a run reads one, and --merge merges the lists of a split run"
}

@test "--merge and --rejects, --first-line or --ics exclude each other" {
	lists
	run --separate-stderr -2 cm-followup -r r.yaml --merge --rejects rej.csv a.csv
	assert_equal "${stderr_lines[0]}" "cm-followup: --merge and --rejects exclude each other"
	run --separate-stderr -2 cm-followup -r r.yaml --merge --first-line 5 a.csv
	assert_equal "${stderr_lines[0]}" "cm-followup: --merge and --first-line exclude each other"
	mkdir cal
	run --separate-stderr -2 cm-followup -r r.yaml --merge --ics cal a.csv
	assert_equal "${stderr_lines[0]}" "cm-followup: --merge and --ics exclude each other"
}

@test "--merge in Chinese (LANGUAGE=zh_CN) says what is wrong in Chinese" {
	lists
	sed 's/agent_id/agent/' b.csv > h.csv
	LANGUAGE=zh_CN run --separate-stderr -1 cm-followup -r r.yaml --merge a.csv h.csv
	assert_equal "$stderr" "cm-followup: h.csv:1: 不是按这些规则写出的 cm-followup 清单：第 3 列是“agent”，而不是“agent_id”；--merge 只接受 cm-followup 以同样的规则和选项写出的清单，每个都带表头"
}

# The example of cm-followup(1)

@test "cm-followup(1): the lists of two parts cut by customer, merged, are the Monday list of the sample policies" {
	mkdir -p samples rules parts
	cp "$ROOT/samples/policies.csv" samples/
	cp "$ROOT/rules/followup.yaml" rules/
	mkdir examples
	cp "$ROOT/examples/parts.sh" examples/
	CM_SPLIT_KEY=2 examples/parts.sh cut 2 parts samples/policies.csv
	for i in 1 2; do cm-followup -r rules/followup.yaml --from 2026-11-30 \
	    -o parts/out.$i.csv parts/part.$i.csv; done
	run -0 cm-followup -r rules/followup.yaml --merge parts/out.1.csv parts/out.2.csv
	# The first example's list, which tests/followup.bats pins; the two
	# lists one after the other are not.
	cm-followup -r rules/followup.yaml --from 2026-11-30 --days 7 -o one.csv samples/policies.csv
	assert_output "$(cat one.csv)"
	{ cat parts/out.1.csv; tail -n +2 parts/out.2.csv; } > cat.csv
	run -1 cmp -s cat.csv one.csv
	run -0 cat parts/count
	assert_output '2'
}

@test "--merge of 100 lists of 5,000 rows runs within --max-memory 128M: about a megabyte a list" {
	asan && skip "AddressSanitizer reserves its own memory at start"
	lists
	awk 'BEGIN {
		print "due_date,occasion_date,agent_id,customer_id,policy_id,task,channel,note"
		for (i = 1; i <= 5000; i++)
			printf "2026-12-01,2026-12-01,A1,C%06d,P%06d,回访,电话,%s\n", i, i,
			    "第" i "行"
	}' > big.csv
	set --
	for i in $(seq 100); do set -- "$@" big.csv; done
	run -0 cm-followup -r r.yaml --max-memory 128M --merge -o out.csv "$@"
	assert_equal "$(wc -l < out.csv)" 500001
	assert_equal "$(sed -n '2p;101p;102p;$p' out.csv)" \
	    "2026-12-01,2026-12-01,A1,C000001,P000001,回访,电话,第1行
2026-12-01,2026-12-01,A1,C000001,P000001,回访,电话,第1行
2026-12-01,2026-12-01,A1,C000002,P000002,回访,电话,第2行
2026-12-01,2026-12-01,A1,C005000,P005000,回访,电话,第5000行"
}
