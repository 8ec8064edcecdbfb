#!/usr/bin/env bats
# Bad input: every data error of cm-rules(5) is "TOOL: FILE:LINE: what"
# and exit status 1, and without --rejects nothing is written.

load test_helper

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

@test "an unterminated quote at the end of the file is a data error at the line it opens on" {
	printf 'a,b\n1,2\n3,"x\ny\n' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:3: field 2: a quoted field is not closed before the end of the input" ]
}

@test "an unterminated quote in the last line without a newline is a data error" {
	printf 'a,b\n1,"x' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:2: field 2: a quoted field is not closed before the end of the input" ]
}

@test "a quote inside an unquoted field is a data error" {
	printf 'a,b\n1,x"y\n' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:2: field 2: malformed quoting (a field with a quote must be quoted whole, its quotes doubled)" ]
}

@test "text after a closing quote is a data error" {
	printf 'a,b\n"x"y,1\n' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:2: field 1: malformed quoting (a field with a quote must be quoted whole, its quotes doubled)" ]
}

@test "a row with more fields than the header is a data error" {
	cat > in.csv <<'EOF'
a,b
1,2
3,4,5
EOF
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:3: expected 2 fields, got 3" ]
}

@test "a row with fewer fields than the header is a data error" {
	cat > in.csv <<'EOF'
a,b,c
1,2,3
4,5
EOF
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:3: expected 3 fields, got 2" ]
}

@test "a duplicate header name is a data error at line 1" {
	cat > in.csv <<'EOF'
customer_id,name,customer_id
1,何强,2
EOF
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:1: the header names 'customer_id' twice (columns 1 and 3)" ]
}

@test "an empty header name is a data error at line 1" {
	cat > in.csv <<'EOF'
customer_id,,name
1,2,何强
EOF
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:1: column 2 of the header has no name" ]
}

@test "a blank first line is a header without a name" {
	printf '\na\n1\n' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:1: column 1 of the header has no name" ]
}

@test "a bad header is an error even with --rejects" {
	cat > in.csv <<'EOF'
a,a
1,2
EOF
	run --separate-stderr -1 cm-classify -r k.yaml --rejects rej.csv -o out.csv in.csv
	[ "$stderr" = "cm-classify: in.csv:1: the header names 'a' twice (columns 1 and 2)" ]
	[ ! -e out.csv ]
	[ ! -e rej.csv ]
}

@test "a NUL byte is a data error" {
	printf 'a,b\n1,2\n3,x\0y\n' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:3: a NUL byte in the data" ]
}

@test "a NUL byte in the header is a data error at line 1" {
	printf 'a,b\0\n1,2\n' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:1: a NUL byte in the data" ]
}

@test "malformed quoting in the header is a data error at line 1" {
	printf 'a,b"c\n1,2\n' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:1: field 2: malformed quoting (a field with a quote must be quoted whole, its quotes doubled)" ]
}

@test "a quote in the header that is never closed is a data error at line 1" {
	printf 'a,"b\n1,2\n' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:1: field 2: a quoted field is not closed before the end of the input" ]
}

@test "a field over --max-field-bytes is a data error" {
	cat > in.csv <<'EOF'
a,b
1,12345
2,123456
EOF
	run --separate-stderr -1 cm-classify -r k.yaml --max-field-bytes 5 in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:3: field 2 is longer than 5 bytes (an unterminated quote? --max-field-bytes raises the limit)" ]
}

@test "a field of exactly --max-field-bytes is read" {
	cat > in.csv <<'EOF'
a,b
1,12345
EOF
	run -0 cm-classify -r k.yaml --max-field-bytes 5 in.csv
	assert_output - <<'EOF'
a,b,k
1,12345,x
EOF
}

@test "--max-field-bytes counts bytes, not characters" {
	cat > in.csv <<'EOF'
a,b
1,何强
EOF
	run --separate-stderr -1 cm-classify -r k.yaml --max-field-bytes 5 in.csv
	[ "$stderr" = "cm-classify: in.csv:2: field 2 is longer than 5 bytes (an unterminated quote? --max-field-bytes raises the limit)" ]
}

@test "a runaway quote stops at the default limit of 1 MiB" {
	{
		printf 'a,b\n1,"oops\n'
		head -c 1100000 /dev/zero | tr '\0' 'x'
		printf '\n2,3\n'
	} > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:2: field 2 is longer than 1048576 bytes (an unterminated quote? --max-field-bytes raises the limit)" ]
}

@test "--max-field-bytes raises the limit" {
	{
		printf 'a,b\n1,"'
		head -c 1100000 /dev/zero | tr '\0' 'x'
		printf '"\n'
	} > in.csv
	cm-classify -r k.yaml --max-field-bytes 2000000 in.csv > out.csv
	[ "$(wc -c < out.csv)" -eq 1100011 ]
	[ "$(head -n 1 out.csv)" = "a,b,k" ]
	[ "$(tail -c 4 out.csv)" = "x,x" ]
}

@test "an empty input is a data error" {
	: > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv: the input is empty: no header line" ]
}

@test "an empty standard input is a data error naming <stdin>" {
	run --separate-stderr -1 cm-classify -r k.yaml < /dev/null
	assert_output ''
	[ "$stderr" = "cm-classify: <stdin>: the input is empty: no header line" ]
}

@test "an input of only a BOM is empty" {
	printf '\357\273\277' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv: the input is empty: no header line" ]
}

@test "an input that cannot be opened is exit 1" {
	run --separate-stderr -1 cm-classify -r k.yaml nosuch.csv
	assert_output ''
	[ "$stderr" = "cm-classify: nosuch.csv: No such file or directory" ]
}

@test "a data error on standard input names <stdin>" {
	printf 'a,b\n1\n' > in.csv
	run --separate-stderr -1 cm-classify -r k.yaml < in.csv
	[ "$stderr" = "cm-classify: <stdin>:2: expected 2 fields, got 1" ]
}

@test "a bad rule file is reported before a bad input is read" {
	cat > r.yaml <<'EOF'
version: 2
classify:
  - column: c
    rules: [{value: x}]
EOF
	printf 'a,a\n' > in.csv
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:1:10: unsupported version (this program reads version: 1)" ]
}

@test "the first data error stops the run" {
	cat > in.csv <<'EOF'
a,b
1
2,3,4
EOF
	run --separate-stderr -1 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:2: expected 2 fields, got 1" ]
}
