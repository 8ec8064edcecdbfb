#!/usr/bin/env bats
# --rejects, --max-rejects and --stats: every input row ends up in exactly
# one place, and the counts show it.

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: level
    rules:
      - {when: {premium: {ge: 20000}}, value: 高}
      - {when: {premium: {ge: 1}}, value: 中}
    default: 低
EOF
	# Rows 2, 4 and 6 are good; 3 has a bad number, 5 too few fields,
	# 7-8 a quoted newline and too many fields.
	cat > in.csv <<'EOF'
id,premium
1,26000
2,"1,200"
3,8800
4
5,
6,"abc
def",x
EOF
}

@test "--rejects writes the good rows and exits 0" {
	run -0 cm-classify -r r.yaml --rejects rej.csv in.csv
	assert_output - <<'EOF'
id,premium,level
1,26000,高
3,8800,中
5,,低
EOF
}

@test "the rejects file has _line and _reason, then the input's columns" {
	cm-classify -r r.yaml --rejects rej.csv in.csv > /dev/null
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,id,premium
3,"column 'premium': '1,200' is not a number (ge at line 5 of the rules)",2,"1,200"
5,"expected 2 fields, got 1",4
7,"expected 2 fields, got 3",6,"abc
def",x
EOF
}

@test "--stats counts rows read, written and rejected, then each class" {
	run --separate-stderr -0 cm-classify -r r.yaml --rejects rej.csv --stats in.csv
	[ "$stderr" = "cm-classify: read: 6
cm-classify: written: 3
cm-classify: rejected: 3
cm-classify: level 高: 1
cm-classify: level 中: 1
cm-classify: level 低: 1" ]
}

@test "rows read are rows written plus rows rejected" {
	cm-classify -r r.yaml --rejects rej.csv --stats -o out.csv in.csv 2> stats
	read=$(sed -n 's/^cm-classify: read: //p' stats)
	written=$(sed -n 's/^cm-classify: written: //p' stats)
	rejected=$(sed -n 's/^cm-classify: rejected: //p' stats)
	[ "$read" -eq 6 ]
	[ "$read" -eq $((written + rejected)) ]
	# and the files hold those rows: a header line and the rows each
	[ "$(wc -l < out.csv)" -eq $((written + 1)) ]
	[ "$(grep -c '^[0-9]*,"' rej.csv)" -eq "$rejected" ]
}

@test "--stats without rejects counts every row as written" {
	printf 'id,premium\n1,26000\n2,\n' > ok.csv
	run --separate-stderr -0 cm-classify -r r.yaml --stats ok.csv
	assert_output - <<'EOF'
id,premium,level
1,26000,高
2,,低
EOF
	[ "$stderr" = "cm-classify: read: 2
cm-classify: written: 2
cm-classify: rejected: 0
cm-classify: level 高: 1
cm-classify: level 中: 0
cm-classify: level 低: 1" ]
}

@test "a row that no rule grades and no default catches is rejected with a reason" {
	cat > nodef.yaml <<'EOF'
version: 1
classify:
  - column: level
    rules:
      - {when: {premium: {ge: 20000}}, value: 高}
EOF
	printf 'id,premium\n1,26000\n2,100\n' > in2.csv
	run -0 cm-classify -r nodef.yaml --rejects rej.csv in2.csv
	assert_output - <<'EOF'
id,premium,level
1,26000,高
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,id,premium
3,"no rule for 'level' holds, and it has no default",2,100
EOF
}

@test "a rejected row is written as it was read, not as graded so far" {
	cat > two.yaml <<'EOF'
version: 1
classify:
  - column: premium
    rules:
      - {value: replaced}
  - column: level
    rules:
      - {when: {id: {ge: 0}}, value: x}
EOF
	printf 'id,premium\nC1,100\n' > in2.csv
	run -0 cm-classify -r two.yaml --rejects rej.csv in2.csv
	assert_output 'id,premium,level'
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,id,premium
2,column 'id': 'C1' is not a number (ge at line 8 of the rules),C1,100
EOF
}

@test "a rejects file with no rejects holds its header" {
	printf 'id,premium\n1,26000\n' > ok.csv
	cm-classify -r r.yaml --rejects rej.csv ok.csv > /dev/null
	run -0 cat rej.csv
	assert_output '_line,_reason,id,premium'
}

@test "the rejects file is written with the output options" {
	printf 'id;premium\n1;x\n' > semi.csv
	cm-classify -r r.yaml -d ';' --crlf --rejects rej.csv semi.csv > /dev/null
	printf '_line;_reason;id;premium\r\n2;column '"'"'premium'"'"': '"'"'x'"'"' is not a number (ge at line 5 of the rules);1;x\r\n' > want.csv
	cmp rej.csv want.csv
}

@test "--max-rejects N allows N rejected rows" {
	run -0 cm-classify -r r.yaml --rejects rej.csv --max-rejects 3 in.csv
	assert_output - <<'EOF'
id,premium,level
1,26000,高
3,8800,中
5,,低
EOF
}

@test "more than --max-rejects rejected rows is exit 1 with a message" {
	run --separate-stderr -1 cm-classify -r r.yaml --rejects rej.csv --max-rejects 2 -o out.csv in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:7: 3 rows rejected, more than --max-rejects 2 allows; rej.csv says why" ]
}

@test "more than --max-rejects leaves -o FILE as it was" {
	echo 'the old output' > out.csv
	run -1 cm-classify -r r.yaml --rejects rej.csv --max-rejects 2 -o out.csv in.csv
	run -0 cat out.csv
	assert_output 'the old output'
	run -0 ls -A
	assert_output - <<'EOF'
in.csv
out.csv
r.yaml
rej.csv
EOF
}

@test "more than --max-rejects still writes the rejects file" {
	run -1 cm-classify -r r.yaml --rejects rej.csv --max-rejects 0 -o out.csv in.csv
	[ ! -e out.csv ]
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,id,premium
3,"column 'premium': '1,200' is not a number (ge at line 5 of the rules)",2,"1,200"
EOF
}

@test "--max-rejects without --rejects is a usage error" {
	run --separate-stderr -2 cm-classify -r r.yaml --max-rejects 3 in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: --max-rejects needs --rejects FILE
usage: cm-classify [-r rules] [-o file] [--today date] [--rejects file] [--max-rejects n] [--stats] [--check] [options] [file]" ]
}

@test "--max-rejects that is not a count is a usage error" {
	run --separate-stderr -2 cm-classify -r r.yaml --rejects rej.csv --max-rejects -1 in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: --max-rejects: '-1' is not a count
usage: cm-classify [-r rules] [-o file] [--today date] [--rejects file] [--max-rejects n] [--stats] [--check] [options] [file]" ]
	[ ! -e rej.csv ]
}

@test "a fatal input error with --rejects leaves neither output nor rejects behind" {
	printf 'id,premium\n1,2\n\200\n' > bad.csv
	run --separate-stderr -1 cm-classify -r r.yaml --input-encoding UTF-8 --rejects rej.csv -o out.csv bad.csv
	[ "$stderr" = "cm-classify: bad.csv:3: invalid UTF-8" ]
	[ ! -e out.csv ]
	[ ! -e rej.csv ]
	run -0 find . -name '*.cmtmp*'
	assert_output ''
}

@test "--max-rejects 0 stops at the first rejected row, and says 1 row" {
	run --separate-stderr -1 cm-classify -r r.yaml --rejects rej.csv --max-rejects 0 -o out.csv in.csv
	assert_equal "$stderr" "cm-classify: in.csv:3: 1 row rejected, more than --max-rejects 0 allows; rej.csv says why"
	[ ! -e out.csv ]
}
