#!/usr/bin/env bats
# The options every tool shares: help, version, usage errors, the default
# rule file, today, and --check.

load test_helper

USAGE='usage: cm-classify [-r rules] [-o file] [--today date] [--rejects file] [--max-rejects n] [--stats] [--check] [options] [file]'

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	cat > today.yaml <<'EOF'
version: 1
classify:
  - column: due
    rules:
      - {when: {d: {on: today}}, value: today}
      - {when: {d: {before: today}}, value: past}
    default: future
EOF
	printf 'd\n2026-11-23\n2026-12-01\n' > dates.csv
}

@test "--help prints the usage and every option on standard output and exits 0" {
	run --separate-stderr -0 cm-classify --help
	[ "$stderr" = "" ]
	assert_output - <<EOF
$USAGE

  -r, --rules FILE          rule file (default: $ROOT/rules/classify.yaml)
  -o, --output FILE         write FILE, atomically, not standard output
      --today DATE          the date 'today' means in the rules
      --rejects FILE        write rows with data errors to FILE and go on
      --max-rejects N       fail when more than N rows are rejected
      --stats               print counts on standard error at the end
      --stats-file FILE     write the counts to FILE as CSV (name,count)
      --check               check the rules (and FILE's header), then exit
  -d, --delimiter CHAR      field delimiter (default ,)
      --tsv                 tab-separated fields
      --input-encoding ENC  auto (default), UTF-8, GB18030, any iconv name
      --output-encoding ENC UTF-8 (default) or any iconv name
      --bom                 start the output with a byte order mark
      --crlf                end output lines with CRLF
      --excel               --bom --crlf, and no cell a formula: CSV for Excel
      --sheets COLUMN       with -o FILE.xlsx, a sheet for each value of COLUMN
      --html FILE           also write the output as an HTML page, with charts
      --max-field-bytes N   longest field read (default 1048576)
      --max-memory SIZE     fail, writing nothing, past SIZE (512M, 2G)
      --first-line N        the first row is line N of the whole file
      --no-header           write no header line (parts to concatenate)
      --header-only         write the header line alone, reading no row
  -h, --help                print this help
      --version             print the version

See cm-classify(1) and cm-rules(5).
EOF
}

@test "-h is --help" {
	run -0 cm-classify --help
	help=$output
	run -0 cm-classify -h
	[ "$output" = "$help" ]
}

@test "--help wins over a bad rule file" {
	run -0 cm-classify -r nosuch.yaml --help
	[ "${lines[0]}" = "$USAGE" ]
}

@test "--version prints the name and version" {
	run --separate-stderr -0 cm-classify --version
	assert_output 'cm-classify 0.1.0'
	[ "$stderr" = "" ]
}

@test "an unknown option is exit 2 with the usage line" {
	run --separate-stderr -2 cm-classify --bogus dates.csv
	assert_output ''
	[ "$stderr" = "cm-classify: unrecognized option '--bogus'
$USAGE" ]
}

@test "an unknown short option is exit 2 with the usage line" {
	run --separate-stderr -2 cm-classify -x dates.csv
	assert_output ''
	[ "$stderr" = "cm-classify: invalid option -- 'x'
$USAGE" ]
}

@test "an option without its argument is exit 2" {
	run --separate-stderr -2 cm-classify dates.csv --today
	assert_output ''
	[ "$stderr" = "cm-classify: option '--today' requires an argument
$USAGE" ]
}

@test "two input files are a usage error" {
	run --separate-stderr -2 cm-classify -r today.yaml dates.csv dates.csv
	assert_output ''
	[ "$stderr" = "$USAGE" ]
}

@test "options may follow the file" {
	run -0 cm-classify dates.csv -r today.yaml
	assert_output - <<'EOF'
d,due
2026-11-23,today
2026-12-01,future
EOF
}

@test "--rules is the long form of -r" {
	run -0 cm-classify --rules today.yaml dates.csv
	assert_output - <<'EOF'
d,due
2026-11-23,today
2026-12-01,future
EOF
}

@test "without -r the rule file is classify.yaml in CM_RULES_DIR" {
	mkdir myrules
	cat > myrules/classify.yaml <<'EOF'
version: 1
classify:
  - column: from
    rules:
      - value: myrules
EOF
	printf 'a\n1\n' > in.csv
	CM_RULES_DIR=$PWD/myrules run -0 cm-classify in.csv
	assert_output - <<'EOF'
a,from
1,myrules
EOF
}

@test "without -r a missing rule file in CM_RULES_DIR is exit 2 naming it" {
	printf 'a\n1\n' > in.csv
	CM_RULES_DIR=$PWD/nowhere run --separate-stderr -2 cm-classify in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: $PWD/nowhere/classify.yaml: No such file or directory" ]
}

@test "-r wins over CM_RULES_DIR" {
	mkdir myrules
	printf 'version: 1\nclassify:\n  - {column: from, rules: [{value: dir}]}\n' > myrules/classify.yaml
	printf 'version: 1\nclassify:\n  - {column: from, rules: [{value: file}]}\n' > mine.yaml
	printf 'a\n1\n' > in.csv
	CM_RULES_DIR=$PWD/myrules run -0 cm-classify -r mine.yaml in.csv
	assert_output - <<'EOF'
a,from
1,file
EOF
}

@test "today is CM_TODAY when --today is not given" {
	CM_TODAY=2026-12-01 run -0 cm-classify -r today.yaml dates.csv
	assert_output - <<'EOF'
d,due
2026-11-23,past
2026-12-01,today
EOF
}

@test "--today wins over CM_TODAY" {
	CM_TODAY=2026-12-01 run -0 cm-classify -r today.yaml --today 2026-11-01 dates.csv
	assert_output - <<'EOF'
d,due
2026-11-23,future
2026-12-01,future
EOF
}

@test "--today takes the other date forms" {
	run -0 cm-classify -r today.yaml --today 2026/12/1 dates.csv
	assert_output - <<'EOF'
d,due
2026-11-23,past
2026-12-01,today
EOF
}

@test "--today 20261123 is read as a date" {
	CM_TODAY=2026-12-01 run -0 cm-classify -r today.yaml --today 20261123 dates.csv
	assert_output - <<'EOF'
d,due
2026-11-23,today
2026-12-01,future
EOF
}

@test "without --today and CM_TODAY, today is the local date" {
	printf 'd\n%s\n' "$(date +%F)" > now.csv
	CM_TODAY= run -0 cm-classify -r today.yaml now.csv
	assert_output - <<EOF
d,due
$(date +%F),today
EOF
}

@test "a bad --today is exit 2" {
	run --separate-stderr -2 cm-classify -r today.yaml --today 2026-13-01 dates.csv
	assert_output ''
	[ "$stderr" = "cm-classify: --today: '2026-13-01' is not a date (2026-11-23)" ]
}

@test "--today with a date expression is exit 2" {
	run --separate-stderr -2 cm-classify -r today.yaml --today today dates.csv
	[ "$stderr" = "cm-classify: --today: 'today' is not a date (2026-11-23)" ]
}

@test "a bad CM_TODAY is exit 2" {
	CM_TODAY=tomorrow run --separate-stderr -2 cm-classify -r today.yaml dates.csv
	assert_output ''
	[ "$stderr" = "cm-classify: CM_TODAY: 'tomorrow' is not a date (2026-11-23)" ]
}

@test "a good --today wins over a bad CM_TODAY" {
	CM_TODAY=tomorrow run -0 cm-classify -r today.yaml --today 2026-11-23 dates.csv
	assert_output - <<'EOF'
d,due
2026-11-23,today
2026-12-01,future
EOF
}

@test "--check without input checks the rules and exits 0 silently" {
	run --separate-stderr -0 cm-classify -r today.yaml --check
	assert_output ''
	[ "$stderr" = "" ]
}

@test "--check without input does not read standard input" {
	run -0 cm-classify -r today.yaml --check < /dev/zero
	assert_output ''
}

@test "--check checks the shipped rules" {
	run -0 cm-classify --check
	assert_output ''
}

@test "--check on a bad rule file is exit 2" {
	printf 'version: 1\nclassify:\n  - column: c\n    rules: [{value: x, when: {a: {ltt: 1}}}]\n' > bad.yaml
	run --separate-stderr -2 cm-classify -r bad.yaml --check
	assert_output ''
	[ "$stderr" = "cm-classify: bad.yaml:4:35: unknown operator 'ltt' (did you mean 'lt'?)" ]
}

@test "--check with a FILE whose header has every column is exit 0 and writes nothing" {
	run --separate-stderr -0 cm-classify -r today.yaml --check -o out.csv dates.csv
	assert_output ''
	[ "$stderr" = "" ]
	[ ! -e out.csv ]
}

@test "--check with a FILE whose header lacks a column is exit 2" {
	printf 'date\n2026-11-23\n' > other.csv
	run --separate-stderr -2 cm-classify -r today.yaml --check other.csv
	assert_output ''
	[ "$stderr" = "cm-classify: today.yaml:5:21: column 'd' is not in the header of other.csv: 'date'; add it to the input, or map it to a header with columns: in today.yaml" ]
}

@test "--check does not read past the header" {
	printf 'd\n2026-11-23\nragged,row\n' > ragged.csv
	run -0 cm-classify -r today.yaml --check ragged.csv
	assert_output ''
}

@test "--check with a FILE whose header is bad is exit 1" {
	printf 'd,d\n' > dup.csv
	run --separate-stderr -1 cm-classify -r today.yaml --check dup.csv
	[ "$stderr" = "cm-classify: dup.csv:1: the header names 'd' twice (columns 1 and 2)" ]
}

@test "--max-field-bytes 0 is a usage error" {
	run --separate-stderr -2 cm-classify -r today.yaml --max-field-bytes 0 dates.csv
	assert_output ''
	[ "$stderr" = "cm-classify: --max-field-bytes: a count of at least 1, not '0'
$USAGE" ]
}
