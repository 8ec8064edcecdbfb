#!/usr/bin/env bats
# Reading and writing CSV: RFC 4180 with the quirks of real exports.

load test_helper

# k.yaml adds a column k holding x to every row, so the output shows how
# the input was read and how it is written.
setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	cat > k.yaml <<'EOF'
version: 1
classify:
  - column: k
    rules:
      - value: x
EOF
}

@test "a UTF-8 byte order mark is dropped from the input" {
	printf '\357\273\277a,b\n1,2\n' > in.csv
	cm-classify -r k.yaml in.csv > out.csv
	printf 'a,b,k\n1,2,x\n' > want.csv
	cmp out.csv want.csv
}

@test "the first column after a BOM is found by its name" {
	printf '\357\273\277customer_id,v\nC1,1\n' > in.csv
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: k
    rules:
      - {when: {customer_id: C1}, value: found}
    default: lost
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
customer_id,v,k
C1,1,found
EOF
}

@test "CRLF line ends are read, and LF written" {
	printf 'a,b\r\n1,2\r\n3,4\r\n' > in.csv
	cm-classify -r k.yaml in.csv > out.csv
	printf 'a,b,k\n1,2,x\n3,4,x\n' > want.csv
	cmp out.csv want.csv
}

@test "CR-only line ends are read" {
	printf 'a,b\r1,2\r3,4\r' > in.csv
	cm-classify -r k.yaml in.csv > out.csv
	printf 'a,b,k\n1,2,x\n3,4,x\n' > want.csv
	cmp out.csv want.csv
}

@test "a quoted field may hold the delimiter" {
	cat > in.csv <<'EOF'
name,address
何强,"南京市秦淮区,江东中路30号"
EOF
	run -0 cm-classify -r k.yaml in.csv
	assert_output - <<'EOF'
name,address,k
何强,"南京市秦淮区,江东中路30号",x
EOF
}

@test "a quoted field may hold doubled quotes" {
	cat > in.csv <<'EOF'
name,note
何强,"he said ""call me"""
EOF
	run -0 cm-classify -r k.yaml in.csv
	assert_output - <<'EOF'
name,note,k
何强,"he said ""call me""",x
EOF
}

@test "a quoted field may hold a newline" {
	cat > in.csv <<'EOF'
name,address
何强,"南京市秦淮区
江东中路30号"
高静,南京市
EOF
	run -0 cm-classify -r k.yaml in.csv
	assert_output - <<'EOF'
name,address,k
何强,"南京市秦淮区
江东中路30号",x
高静,南京市,x
EOF
}

@test "a CRLF inside a quoted field is kept as it is" {
	printf 'a,b\r\n1,"x\r\ny"\r\n' > in.csv
	cm-classify -r k.yaml in.csv > out.csv
	printf 'a,b,k\n1,"x\r\ny",x\n' > want.csv
	cmp out.csv want.csv
}

@test "the line of an error after a multi-line field counts physical lines" {
	cat > in.csv <<'EOF'
name,address
何强,"南京市
秦淮区
江东中路30号"
高静
EOF
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:5: expected 2 fields, got 1" ]
}

@test "the line of an error counts CRLF as one line end" {
	printf 'a,b\r\n1,"x\r\ny"\r\n2\r\n' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:4: expected 2 fields, got 1" ]
}

@test "the line of an error counts CR-only line ends" {
	printf 'a,b\r1,2\r3\r' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:3: expected 2 fields, got 1" ]
}

@test "the line of an error counts a lone CR inside a quoted field as a line end" {
	printf 'a,b\n1,"\r"\n2,"x\r"\n3\n' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:6: expected 2 fields, got 1" ]
}

@test "spaces around fields are kept, never trimmed" {
	printf 'a,b\n  1 , 2\t\n' > in.csv
	cm-classify -r k.yaml in.csv > out.csv
	printf 'a,b,k\n  1 , 2\t,x\n' > want.csv
	cmp out.csv want.csv
}

@test "spaces inside a header name are part of the name" {
	cat > in.csv <<'EOF'
 economy,economy
好,一般
EOF
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: k
    rules:
      - {when: {economy: 好}, value: good}
    default: other
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
 economy,economy,k
好,一般,other
EOF
}

@test "a blank line in a one-column file is a row with an empty value" {
	printf 'phone\n13166131860\n\n15628194821\n' > in.csv
	run -0 cm-classify -r k.yaml in.csv
	assert_output - <<'EOF'
phone,k
13166131860,x
,x
15628194821,x
EOF
}

@test "a blank last line in a one-column file is a row too" {
	printf 'phone\n13166131860\n\n' > in.csv
	run -0 cm-classify -r k.yaml in.csv
	assert_output - <<'EOF'
phone,k
13166131860,x
,x
EOF
}

@test "a blank line in a one-column CRLF file is a row with an empty value" {
	printf 'phone\r\n1\r\n\r\n2\r\n' > in.csv
	run -0 cm-classify -r k.yaml in.csv
	assert_output - <<'EOF'
phone,k
1,x
,x
2,x
EOF
}

@test "a blank line in a one-column CR-only file is a row with an empty value" {
	printf 'phone\r\r2\r' > in.csv
	run -0 cm-classify -r k.yaml in.csv
	assert_output - <<'EOF'
phone,k
,x
2,x
EOF
}

@test "a blank line in a multi-column file is a ragged row" {
	printf 'a,b\n1,2\n\n3,4\n' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:3: expected 2 fields, got 1 (a blank line)" ]
}

@test "-d reads and writes another delimiter" {
	cat > in.csv <<'EOF'
a;b
1;"x;y"
"2,3";4
EOF
	run -0 cm-classify -r k.yaml -d ';' in.csv
	assert_output - <<'EOF'
a;b;k
1;"x;y";x
2,3;4;x
EOF
}

@test "--tsv reads and writes tab-separated fields" {
	printf 'a\tb\n1\t"x\ty"\n2,3\t4\n' > in.tsv
	cm-classify -r k.yaml --tsv in.tsv > out.tsv
	printf 'a\tb\tk\n1\t"x\ty"\tx\n2,3\t4\tx\n' > want.tsv
	cmp out.tsv want.tsv
}

@test "-d tab is the same as --tsv" {
	printf 'a\tb\n1\t2\n' > in.tsv
	cm-classify -r k.yaml -d tab in.tsv > out.tsv
	printf 'a\tb\tk\n1\t2\tx\n' > want.tsv
	cmp out.tsv want.tsv
}

@test "a delimiter of two characters is a usage error" {
	printf 'a\n1\n' > in.csv
	run --separate-stderr -2 cm-classify -r k.yaml -d ';;' in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: -d: the delimiter is one ASCII character other than a quote or a line end, not ';;'
usage: cm-classify [-r rules] [-o file] [--today date] [--rejects file] [--max-rejects n] [--stats] [--check] [options] [file]" ]
}

@test "output quotes a field only when it holds a delimiter, a quote or a line end" {
	cat > in.csv <<'EOF'
a,b,c,d,e
"plain","x,y","say ""hi""","two
lines", spaced 
EOF
	run -0 cm-classify -r k.yaml in.csv
	assert_output - <<'EOF'
a,b,c,d,e,k
plain,"x,y","say ""hi""","two
lines", spaced ,x
EOF
}

@test "fields are written as read around a quoted field, which is quoted again only if it needs it" {
	printf 'a,b,c\n1,"x,y",3\n"q",5,6\n7,8,"9"\n10,"a ""b""",11\n' > in.csv
	run -0 cm-classify -r k.yaml in.csv
	assert_output - <<'EOF'
a,b,c,k
1,"x,y",3,x
q,5,6,x
7,8,9,x
10,"a ""b""",11,x
EOF
}

@test "a field holding a lone CR is quoted on output" {
	printf 'a,b\n"x\ry",1\n' > in.csv
	cm-classify -r k.yaml in.csv > out.csv
	printf 'a,b,k\n"x\ry",1,x\n' > want.csv
	cmp out.csv want.csv
}

# Fields of 8 bytes or more are checked a word at a time (csvout.c): a CR
# in the first word, the last (overlapping) word, and a word between.
@test "a field of 8 bytes or more holding a bare CR is quoted on output" {
	printf 'a,b\n"abcdefgh\rijk",1\n"abcdefg\r",2\n"\rabcdefghijklmnopq",3\n' > in.csv
	cm-classify -r k.yaml in.csv > out.csv
	printf 'a,b,k\n"abcdefgh\rijk",1,x\n"abcdefg\r",2,x\n"\rabcdefghijklmnopq",3,x\n' > want.csv
	cmp out.csv want.csv
}

@test "a header name with a comma is quoted on output" {
	printf '"a,b",c\n1,2\n' > in.csv
	run -0 cm-classify -r k.yaml in.csv
	assert_output - <<'EOF'
"a,b",c,k
1,2,x
EOF
}

@test "--crlf ends output lines with CRLF" {
	printf 'a\n1\n' > in.csv
	cm-classify -r k.yaml --crlf in.csv > out.csv
	printf 'a,k\r\n1,x\r\n' > want.csv
	cmp out.csv want.csv
}

@test "--bom starts the output with a UTF-8 byte order mark" {
	printf 'a\n好\n' > in.csv
	cm-classify -r k.yaml --bom in.csv > out.csv
	printf '\357\273\277a,k\n好,x\n' > want.csv
	cmp out.csv want.csv
}

@test "--bom with --crlf gives the file Excel expects" {
	printf '\357\273\277a\r\n好\r\n' > in.csv
	cm-classify -r k.yaml --bom --crlf in.csv > out.csv
	printf '\357\273\277a,k\r\n好,x\r\n' > want.csv
	cmp out.csv want.csv
}

@test "a file without a final newline is read whole, and the output ends with one" {
	printf 'a,b\n1,2\n3,4' > in.csv
	cm-classify -r k.yaml in.csv > out.csv
	printf 'a,b,k\n1,2,x\n3,4,x\n' > want.csv
	cmp out.csv want.csv
}

@test "a last quoted field without a final newline is read whole" {
	printf 'a,b\n1,"x\ny"' > in.csv
	cm-classify -r k.yaml in.csv > out.csv
	printf 'a,b,k\n1,"x\ny",x\n' > want.csv
	cmp out.csv want.csv
}

@test "a header-only file gives a header-only output" {
	printf 'a,b\n' > in.csv
	cm-classify -r k.yaml in.csv > out.csv
	printf 'a,b,k\n' > want.csv
	cmp out.csv want.csv
}

@test "a header without a newline gives a header-only output" {
	printf 'a,b' > in.csv
	cm-classify -r k.yaml in.csv > out.csv
	printf 'a,b,k\n' > want.csv
	cmp out.csv want.csv
}

@test "standard input is read when no file is named" {
	printf 'a\n1\n' > in.csv
	run -0 cm-classify -r k.yaml < in.csv
	assert_output - <<'EOF'
a,k
1,x
EOF
}

@test "a file named - is standard input" {
	printf 'a\n1\n' > in.csv
	run -0 cm-classify -r k.yaml - < in.csv
	assert_output - <<'EOF'
a,k
1,x
EOF
}

@test "an empty quoted field is an empty cell" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: k
    rules:
      - {when: {b: {empty: true}}, value: empty}
    default: full
EOF
	cat > in.csv <<'EOF'
a,b
1,""
2,x
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
a,b,k
1,,empty
2,x,full
EOF
}

# big_input ROWS writes in.csv, a file of many of the reader's chunks,
# whose rows cross them with quoted commas, doubled quotes, embedded
# newlines and CRLF line ends, and a ragged row every 10,007; and what
# cm-classify with parity.yaml must make of it: want.csv (each good row
# with its parity) and want_rej.csv (each ragged row, at its line).
big_input() {
	cat > parity.yaml <<'EOF'
version: 1
classify:
  - column: parity
    rules:
      - {when: {id: {matches: '[02468]$'}}, value: even}
    default: odd
EOF
	awk -v rows="$1" 'BEGIN {
		line = 2
		print "id,name,note,amount" > "in.csv"
		print "id,name,note,amount,parity" > "want.csv"
		print "_line,_reason,id,name,note,amount" > "want_rej.csv"
		for (i = 1; i <= rows; i++) {
			note = "plain" i; lines = 1; eol = "\n"
			if (i % 7 == 0) { note = "\"first\nsecond " i "\""; lines = 2 }
			else if (i % 11 == 0) note = "\"南京市,鼓楼区" i "\""
			else if (i % 13 == 0) note = "\"say \"\"hi\"\" " i "\""
			if (i % 5 == 0) eol = "\r\n"
			if (i % 10007 == 0) {
				printf "%d,名%d,%s%s", i, i, note, eol > "in.csv"
				printf "%d,\"expected 4 fields, got 3\",%d,名%d,%s\n", line, i, i, note > "want_rej.csv"
			} else {
				printf "%d,名%d,%s,%d%s", i, i, note, i * 3, eol > "in.csv"
				printf "%d,名%d,%s,%d,%s\n", i, i, note, i * 3, (i % 2 ? "odd" : "even") > "want.csv"
			}
			line += lines
		}
	}'
}

@test "a file of many chunks is read whole and in order, ahead of the tool" {
	big_input 60000
	[ "$(wc -c < in.csv)" -gt 2000000 ]
	run --separate-stderr -0 cm-classify -r parity.yaml --stats --rejects rej.csv -o out.csv in.csv
	cmp out.csv want.csv
	cmp rej.csv want_rej.csv
	assert_equal "$stderr" "$(printf '%s\n' 'cm-classify: read: 60000' 'cm-classify: written: 59995' 'cm-classify: rejected: 5' 'cm-classify: parity even: 29998' 'cm-classify: parity odd: 29997')"
}

@test "a file of many chunks through a pipe is read whole and in order" {
	big_input 60000
	cat in.csv | cm-classify -r parity.yaml --rejects rej.csv > out.csv
	cmp out.csv want.csv
	cmp rej.csv want_rej.csv
}
