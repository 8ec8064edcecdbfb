#!/usr/bin/env bats
# -o FILE is written atomically, and write errors are exit 1 with a message.

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
	printf 'a,b\n1,2\n' > good.csv
	printf 'a,b\n1,2\n3\n' > bad.csv
}

@test "-o writes the output to FILE and nothing to standard output" {
	run -0 cm-classify -r k.yaml -o out.csv good.csv
	assert_output ''
	run -0 cat out.csv
	assert_output - <<'EOF'
a,b,k
1,2,x
EOF
}

@test "--output is the long form of -o" {
	run -0 cm-classify -r k.yaml --output out.csv good.csv
	run -0 cat out.csv
	assert_output - <<'EOF'
a,b,k
1,2,x
EOF
}

@test "a successful run replaces an existing FILE" {
	echo 'the old output' > out.csv
	run -0 cm-classify -r k.yaml -o out.csv good.csv
	run -0 cat out.csv
	assert_output - <<'EOF'
a,b,k
1,2,x
EOF
	run -0 find . -name '*.cmtmp*'
	assert_output ''
}

@test "a data error leaves an existing FILE unchanged and no temporary file" {
	echo 'the old output' > out.csv
	run -1 cm-classify -r k.yaml -o out.csv bad.csv
	assert_output 'cm-classify: bad.csv:3: expected 2 fields, got 1'
	run -0 cat out.csv
	assert_output 'the old output'
	run -0 ls -A
	assert_output - <<'EOF'
bad.csv
good.csv
k.yaml
out.csv
EOF
}

@test "a data error leaves no FILE when there was none" {
	run -1 cm-classify -r k.yaml -o out.csv bad.csv
	run -0 ls -A
	assert_output - <<'EOF'
bad.csv
good.csv
k.yaml
EOF
}

@test "a data error after many rows leaves FILE unchanged" {
	{ echo 'a,b'; seq 30000 | awk '{ print $1 "," $1 $1 $1 }'; echo 'x'; } > long.csv
	echo 'the old output' > out.csv
	run -1 cm-classify -r k.yaml -o out.csv long.csv
	assert_output 'cm-classify: long.csv:30002: expected 2 fields, got 1'
	run -0 cat out.csv
	assert_output 'the old output'
	run -0 find . -name '*.cmtmp*'
	assert_output ''
}

@test "a rule error leaves an existing FILE unchanged" {
	echo 'the old output' > out.csv
	printf 'version: 1\nclassify: x\n' > r.yaml
	run -2 cm-classify -r r.yaml -o out.csv good.csv
	assert_output 'cm-classify: r.yaml:2:11: classify must be a list, not a scalar'
	run -0 cat out.csv
	assert_output 'the old output'
}

@test "-o keeps the mode of the file it replaces" {
	echo old > out.csv
	chmod 640 out.csv
	cm-classify -r k.yaml -o out.csv good.csv
	run -0 stat -c %a out.csv
	assert_output '640'
}

@test "-o through a symbolic link replaces the file it points to" {
	echo old > real.csv
	ln -s real.csv link.csv
	cm-classify -r k.yaml -o link.csv good.csv
	[ -L link.csv ]
	run -0 cat real.csv
	assert_output - <<'EOF'
a,b,k
1,2,x
EOF
}

@test "-o in a directory that does not exist is exit 1" {
	run -1 cm-classify -r k.yaml -o nodir/out.csv good.csv
	assert_output 'cm-classify: nodir/out.csv: cannot create a file beside it: No such file or directory'
}

@test "-o - is standard output" {
	run -0 cm-classify -r k.yaml -o - good.csv
	assert_output - <<'EOF'
a,b,k
1,2,x
EOF
}

@test "output to /dev/full is exit 1 with a write error" {
	run -1 sh -c 'cm-classify -r k.yaml good.csv > /dev/full'
	assert_output 'cm-classify: <stdout>: write error: No space left on device'
}

@test "-o /dev/full is exit 1 with a write error" {
	run -1 cm-classify -r k.yaml -o /dev/full good.csv
	assert_output 'cm-classify: /dev/full: write error: No space left on device'
}

@test "--rejects /dev/full is exit 1 with a write error" {
	run -1 cm-classify -r k.yaml --rejects /dev/full -o out.csv bad.csv
	assert_output 'cm-classify: /dev/full: write error: No space left on device'
	[ ! -e out.csv ]
}

@test "a closed standard output is exit 1 with a write error" {
	run -1 sh -c 'cm-classify -r k.yaml good.csv >&-'
	assert_output 'cm-classify: <stdout>: write error: Bad file descriptor'
}

@test "-o /dev/stdout writes to standard output" {
	run -0 cm-classify -r k.yaml -o /dev/stdout good.csv
	assert_output - <<'EOF'
a,b,k
1,2,x
EOF
}

@test "--version to /dev/full is exit 1 with a write error" {
	run --separate-stderr -1 sh -c 'cm-classify --version > /dev/full'
	assert_equal "$stderr" 'cm-classify: <stdout>: write error: No space left on device'
}

@test "--help to /dev/full is exit 1 with a write error" {
	run --separate-stderr -1 sh -c 'cm-classify --help > /dev/full'
	assert_equal "$stderr" 'cm-classify: <stdout>: write error: No space left on device'
}

@test "-o may name the input file: it is replaced once the input is read" {
	cp good.csv in.csv
	run -0 cm-classify -r k.yaml -o in.csv in.csv
	run -0 cat in.csv
	assert_output - <<'EOF2'
a,b,k
1,2,x
EOF2
}

@test "-o and --rejects naming the same file is a usage error" {
	run --separate-stderr -2 cm-classify -r k.yaml -o out.csv --rejects out.csv bad.csv
	assert_output ''
	[[ "$stderr" == "cm-classify: "* ]]
	[ ! -e out.csv ]
}
