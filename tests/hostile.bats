#!/usr/bin/env bats
# Hostile input: files nobody checked, and rule files written to hurt.
# Each ends in a clear error or a correct result, in bounded memory and
# time (hostile_helper.bash: bounded KB SECONDS COMMAND).  The inputs are
# made inside each test.

load test_helper
load hostile_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	tool_rules
	cat > r.yaml <<'YAML'
version: 1
classify:
  - column: level
    rules:
      - {when: {note: ok}, value: good}
    default: other
YAML
}

# n COUNT CHAR: COUNT times CHAR, without a newline.
n() {
	head -c "$1" /dev/zero | tr '\0' "$2"
}

# A field of 100 MB on line 2, then a good row.
big_field() {
	{
		printf 'id,note\n1,'
		n 100000000 x
		printf '\n2,ok\n'
	} > big.csv
}

@test "a 100 MB field is refused at the 1 MiB limit, in memory smaller than the field" {
	big_field
	run --separate-stderr -1 bounded 100000 10 cm-classify -r r.yaml big.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: big.csv:2: field 2 is longer than 1048576 bytes (an unterminated quote? --max-field-bytes raises the limit)"
}

# The rejected row is its raw text, cut at the limit, as one field.
@test "a 100 MB field with --rejects is one rejected row, and the run goes on" {
	big_field
	run --separate-stderr -0 bounded 100000 10 cm-classify -r r.yaml \
	    --rejects rej.csv --stats big.csv
	assert_output - <<'EOF'
id,note,level
2,ok,good
EOF
	assert_equal "$stderr" "cm-classify: read: 2
cm-classify: written: 1
cm-classify: rejected: 1
cm-classify: level good: 1
cm-classify: level other: 0"
	{
		echo _line,_reason,id,note
		printf '2,field 2 is longer than 1048576 bytes (an unterminated quote? --max-field-bytes raises the limit),"1,'
		n 1048574 x
		printf '"\n'
	} > expected.csv
	cmp rej.csv expected.csv
}

@test "a rejected row cut at the field limit is cut between characters, so the rejects file stays UTF-8" {
	{
		printf 'id,note\n1,'
		awk 'BEGIN { for (i = 0; i < 400; i++) printf "中" }'
		printf '\n2,ok\n'
	} > in.csv
	run --separate-stderr -0 cm-classify -r r.yaml --max-field-bytes 1000 \
	    --rejects rej.csv in.csv
	{
		echo _line,_reason,id,note
		printf '2,field 2 is longer than 1000 bytes (an unterminated quote? --max-field-bytes raises the limit),"1,'
		awk 'BEGIN { for (i = 0; i < 332; i++) printf "中" }'
		printf '"\n'
	} > expected.csv
	cmp rej.csv expected.csv
	iconv -f UTF-8 -t UTF-8 rej.csv > /dev/null
}

@test "a line of 10 MB of NUL bytes with --rejects is one rejected row, and the run goes on" {
	{
		printf 'id,note\n'
		head -c 10000000 /dev/zero
		printf '\n2,ok\n'
	} > in.csv
	run --separate-stderr -0 bounded 100000 10 cm-classify -r r.yaml \
	    --rejects rej.csv --stats in.csv
	assert_output - <<'EOF'
id,note,level
2,ok,good
EOF
	assert_equal "$stderr" "cm-classify: read: 2
cm-classify: written: 1
cm-classify: rejected: 1
cm-classify: level good: 1
cm-classify: level other: 0"
	assert_equal "$(wc -l < rej.csv)" 2
	assert_equal "$(sed -n 2p rej.csv | head -c 25)" "2,a NUL byte in the data,"
}

@test "a 100 MB field is refused at the 1 MiB limit by each tool" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 3
		line=$(($(wc -l < in.csv) + 1))
		field=$(head -n 1 in.csv | tr , '\n' | wc -l)
		{
			cat in.csv
			sed -n 2p in.csv | tr -d '\n'
			n 100000000 x
			echo
		} > big.csv
		run --separate-stderr -1 bounded 100000 10 "$t" "${ARGS[@]}" big.csv
		assert_output ""
		assert_equal "$stderr" "$t: big.csv:$line: field $field is longer than 1048576 bytes (an unterminated quote? --max-field-bytes raises the limit)"
	done
}

# wide N < FILE: FILE with columns x(NF+1) ... xN added, empty in each row.
wide() {
	awk -F, -v n="$1" '{
		printf "%s", $0
		for (i = NF + 1; i <= n; i++)
			printf ",%s", (NR == 1 ? "x" i : "")
		print ""
	}'
}

# narrow < FILE: FILE without the columns wide added.  Rows are split at
# every comma: only a row's last field may be quoted with commas in it
# (cm-orphan-assign's reason), and its pieces, past the header's count,
# are kept.
narrow() {
	awk -F, -v OFS=, 'NR == 1 {
		hn = NF
		for (i = 1; i <= NF; i++)
			drop[i] = $i ~ /^x[0-9]+$/
	}
	{
		s = ""
		for (i = 1; i <= NF; i++)
			if (i > hn || !drop[i])
				s = s (s == "" ? "" : ",") $i
		print s
	}'
}

@test "a header of a million names without the rule's column is exit status 2, the names cut short" {
	awk 'BEGIN {
		for (i = 1; i <= 1000000; i++)
			printf "%sc%d", (i > 1 ? "," : ""), i
		print ""
	}' > wide.csv
	run --separate-stderr -2 bounded 300000 20 cm-classify -r r.yaml wide.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: r.yaml:5:17: column 'note' is not in the header of wide.csv: '$(seq -s "', '" -f 'c%.0f' 1 141)'...; add it to the input, or map it to a header with columns: in r.yaml"
}

# Memory grows with the cells a tool keeps: cm-orphan-assign keeps its 45
# rows (the 15 sample orphans three times) whole, each field with its
# offset (4 bytes) beside its text, about 350 MB at its peak.
@test "a million columns are read, and each tool writes what it writes without them" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 3
		wide 1000000 < in.csv > wide.csv
		"$t" "${ARGS[@]}" in.csv > expected.csv
		run --separate-stderr -0 bounded 700000 30 "$t" "${ARGS[@]}" \
		    -o out.csv wide.csv
		assert_equal "$stderr" ""
		narrow < out.csv > got.csv
		cmp got.csv expected.csv
	done
}

@test "a file of only a header is a header, and --stats counts no rows" {
	printf 'id,note\n' > in.csv
	run --separate-stderr -0 cm-classify -r r.yaml --stats in.csv
	assert_output "id,note,level"
	assert_equal "$stderr" "cm-classify: read: 0
cm-classify: written: 0
cm-classify: rejected: 0
cm-classify: level good: 0
cm-classify: level other: 0"
}

@test "a file of only a header, without a newline, is a header" {
	printf 'id,note' > in.csv
	run --separate-stderr -0 cm-classify -r r.yaml in.csv
	assert_output "id,note,level"
	assert_equal "$stderr" ""
}

@test "a file of only a header is each tool's header and exit status 0" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 3
		header=$("$t" "${ARGS[@]}" in.csv | head -n 1)
		head -n 1 in.csv > head.csv
		run --separate-stderr -0 "$t" "${ARGS[@]}" head.csv
		assert_output "$header"
		assert_equal "$stderr" ""
	done
}

@test "an empty file (0 bytes) is a data error for each tool" {
	: > in.csv
	for t in $(tools); do
		set_args "$t"
		run --separate-stderr -1 bounded 100000 10 "$t" "${ARGS[@]}" in.csv
		assert_output ""
		assert_equal "$stderr" "$t: in.csv: the input is empty: no header line"
	done
}

@test "a last row without a final newline is read, for each tool" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 3
		"$t" "${ARGS[@]}" in.csv > expected.csv
		head -c -1 in.csv > cut.csv
		run --separate-stderr -0 "$t" "${ARGS[@]}" -o out.csv cut.csv
		assert_equal "$stderr" ""
		cmp out.csv expected.csv
	done
}

@test "a quoted field over two lines at the end, without a final newline, is read" {
	printf 'id,note\n1,ok\n2,"o\nk"' > in.csv
	run --separate-stderr -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,note,level
1,ok,good
2,"o
k",other
EOF
	assert_equal "$stderr" ""
}

@test "a NUL byte in a row is a data error at its line, for each tool" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 3
		line=$(($(wc -l < in.csv) + 1))
		printf 'x\0y\n' >> in.csv
		run --separate-stderr -1 "$t" "${ARGS[@]}" in.csv
		assert_output ""
		assert_equal "$stderr" "$t: in.csv:$line: a NUL byte in the data"
	done
}

@test "a row with a NUL byte goes to --rejects as its raw text, and the run goes on" {
	printf 'id,note\n1,o\0k\n2,ok\n' > in.csv
	run --separate-stderr -0 cm-classify -r r.yaml --rejects rej.csv in.csv
	assert_output - <<'EOF'
id,note,level
2,ok,good
EOF
	assert_equal "$stderr" ""
	printf '_line,_reason,id,note\n2,a NUL byte in the data,"1,o\0k"\n' > expected.csv
	cmp rej.csv expected.csv
}

@test "a file of a million NUL bytes is a data error at line 1" {
	head -c 1000000 /dev/zero > in.csv
	run --separate-stderr -1 bounded 100000 10 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: in.csv:1: a NUL byte in the data"
}

@test "bytes that are neither UTF-8 nor GB18030 are a data error at their line" {
	printf 'id,note\n1,ok\n2,\377\n' > in.csv
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: in.csv:3: bytes that are not valid GB18030 (0xFF); the input is neither UTF-8 nor GB18030: --input-encoding names its encoding"
}

# chinese N: N rows of UTF-8 Chinese text, enough for the reader to take
# the input for UTF-8 despite a bad byte or two after them.
chinese() {
	printf 'id,note\n'
	for i in $(seq "$1"); do
		echo "$i,何强伟"
	done
}

@test "an encoded surrogate (ED A0 80) in UTF-8 text is invalid UTF-8 at its line" {
	{
		chinese 5
		printf '6,\355\240\200\n'
	} > in.csv
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: in.csv:7: invalid UTF-8 (the start of the input was UTF-8; for a file saved by Chinese Excel, try --input-encoding GB18030)"
}

# Past its first 32 bytes, text with Chinese in it is checked 32 bytes at
# a time with SSE2 (utf8.c): the surrogate falls in such a block.
@test "an encoded surrogate after byte 32 of a Chinese field is invalid UTF-8 at its line" {
	{
		chinese 5
		printf '6,'
		awk 'BEGIN { for (i = 0; i < 20; i++) printf "何" }'
		printf '\355\240\200'
		awk 'BEGIN { for (i = 0; i < 20; i++) printf "何" }'
		printf '\n'
	} > in.csv
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: in.csv:7: invalid UTF-8 (the start of the input was UTF-8; for a file saved by Chinese Excel, try --input-encoding GB18030)"
}

@test "an overlong encoding (C0 AF for '/') in UTF-8 text is invalid UTF-8 at its line" {
	{
		chinese 5
		printf '6,\300\257\n'
	} > in.csv
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: in.csv:7: invalid UTF-8 (the start of the input was UTF-8; for a file saved by Chinese Excel, try --input-encoding GB18030)"
}

@test "a UTF-8 character cut short at the end of the input is invalid UTF-8 at its line" {
	{
		chinese 5
		printf '6,ok\344\275'
	} > in.csv
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: in.csv:7: invalid UTF-8 (the start of the input was UTF-8; for a file saved by Chinese Excel, try --input-encoding GB18030)"
}

@test "with --input-encoding UTF-8, a bad byte stops the run even with --rejects" {
	printf 'id,note\n1,ok\n2,\377\n' > in.csv
	run --separate-stderr -1 cm-classify -r r.yaml --input-encoding UTF-8 \
	    --rejects rej.csv -o out.csv in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: in.csv:3: invalid UTF-8"
	[ ! -e out.csv ]
	[ ! -e rej.csv ]
}

@test "a file with CR line ends only is read as with LF, for each tool" {
	for t in $(tools); do
		set_args "$t"
		input "$t" 3
		"$t" "${ARGS[@]}" in.csv > expected.csv
		tr '\n' '\r' < in.csv > cr.csv
		run --separate-stderr -0 "$t" "${ARGS[@]}" -o out.csv cr.csv
		assert_equal "$stderr" ""
		cmp out.csv expected.csv
	done
}

@test "in a file with CR line ends only, a data error names the line the CRs count" {
	printf 'id,note\r1,ok\r2\r3,ok\r' > in.csv
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: in.csv:3: expected 2 fields, got 1"
}

@test "a CR inside a quoted field of a CR-only file is kept, and quoted" {
	printf 'id,note\r1,"o\rk"\r2,ok\r' > in.csv
	run --separate-stderr -0 cm-classify -r r.yaml in.csv
	assert_output "$(printf 'id,note,level\n1,"o\rk",other\n2,ok,good')"
	assert_equal "$stderr" ""
}

@test "a file of only CRs is a header without a name" {
	printf '\r\r\r' > in.csv
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: in.csv:1: column 1 of the header has no name"
}

# Rule files.  A rule file's errors are exit status 2, FILE:LINE:COL.

# deep OPEN CLOSE: a rule file whose classify: is OPEN 10,000 times, then
# CLOSE 10,000 times.
deep() {
	{
		printf 'version: 1\nclassify: '
		n 10000 "$1"
		n 10000 "$2"
		echo
	} > deep.yaml
}

@test "flow lists nested 10,000 deep stop at depth 32, at the line and column of the 33rd" {
	deep '[' ']'
	printf 'id,note\n1,ok\n' > in.csv
	run --separate-stderr -2 bounded 100000 10 cm-classify -r deep.yaml in.csv
	assert_output ""
	# The root mapping is the first level, classify:'s list at column
	# 11 the second.
	assert_equal "$stderr" "cm-classify: deep.yaml:2:42: nested deeper than 32 levels"
}

@test "flow lists opened 10,000 deep and never closed stop at depth 32 as well" {
	{
		printf 'version: 1\nclassify: '
		n 10000 '['
		echo
	} > deep.yaml
	printf 'id,note\n1,ok\n' > in.csv
	run --separate-stderr -2 bounded 100000 10 cm-classify -r deep.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: deep.yaml:2:42: nested deeper than 32 levels"
}

@test "flow mappings nested 10,000 deep stop at depth 32" {
	{
		printf 'version: 1\nclassify: '
		for i in $(seq 10000); do
			printf '{a: '
		done
		printf 1
		n 10000 '}'
		echo
	} > deep.yaml
	printf 'id,note\n1,ok\n' > in.csv
	run --separate-stderr -2 bounded 100000 10 cm-classify -r deep.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: deep.yaml:2:135: nested deeper than 32 levels"
}

@test "block lists nested 10,000 deep (- - - ...) stop at depth 32" {
	{
		printf 'version: 1\nclassify:\n'
		n 10000 '\0' | sed 's/\x0/- /g'
		echo x
	} > deep.yaml
	printf 'id,note\n1,ok\n' > in.csv
	run --separate-stderr -2 bounded 100000 10 cm-classify -r deep.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: deep.yaml:3:63: nested deeper than 32 levels"
}

@test "a YAML alias bomb is refused at its first anchor" {
	cat > bomb.yaml <<'YAML'
version: 1
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
classify: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
YAML
	printf 'id,note\n1,ok\n' > in.csv
	run --separate-stderr -2 bounded 100000 10 cm-classify -r bomb.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: bomb.yaml:2:4: anchors (&a) are not allowed"
}

@test "an alias is refused even when its anchor is nowhere" {
	cat > alias.yaml <<'YAML'
version: 1
classify:
  - column: level
    rules:
      - {when: {note: ok}, value: good}
    default: *nowhere
YAML
	printf 'id,note\n1,ok\n' > in.csv
	run --separate-stderr -2 cm-classify -r alias.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: alias.yaml:6:14: aliases (*nowhere) are not allowed: write the value out"
}

# many_rules TOOL N: a rule file for TOOL of N rules (stages, plans,
# triggers) whose names differ, in many.yaml.
many_rules() {
	case $1 in
	cm-classify)
		awk -v n="$2" 'BEGIN {
			print "version: 1\nclassify:\n  - column: level\n    rules:"
			for (i = 1; i <= n; i++)
				printf "      - {when: {premium: {ge: %d}}, value: v%d}\n", 40000 + i, i
			print "    default: low"
		}' ;;
	cm-funnel)
		awk -v n="$2" 'BEGIN {
			print "version: 1\ngroup_by: agent\nstage_column: stage\nkeep: all\nstages:"
			for (i = 1; i <= n; i++)
				printf "  - {name: s%d, when: {premium: {ge: %d}}, order: [-premium], limit: 3}\n", i, i
		}' ;;
	cm-schedule)
		awk -v n="$2" 'BEGIN {
			print "version: 1\ngroup_by: agent\nkey: id\nweek:\n  days: [mon, tue, wed, thu, fri]\n  times: [\"09:00\", \"14:00\"]\nplans:"
			for (i = 1; i <= n; i++)
				printf "  - {name: p%d, when: {premium: {ge: %d}}, action: a%d, place: fill}\n", i, i, i
		}' ;;
	cm-followup)
		awk -v n="$2" 'BEGIN {
			print "version: 1\ncustomer: id\nagent: agent\npolicy: id\ntriggers:"
			for (i = 1; i <= n; i++)
				printf "  - {task: t%d, channel: c, when: {premium: {ge: %d}}, after: {column: d, offsets: [0d]}}\n", i, i
		}' ;;
	cm-calls)
		# holidays, in date order, 30 a day from 2030-01-01
		awk -v n="$2" 'BEGIN {
			print "version: 1\narea: agent\nholidays:"
			for (y = 2030; c < n; y++)
				for (m = 1; m <= 12 && c < n; m++)
					for (d = 1; d <= 28 && c < n; d++)
						for (k = 0; k < 30 && c < n; k++)
							printf "  - {date: %d-%02d-%02d, name: h%d}\n", y, m, d, ++c
		}' ;;
	esac > many.yaml
}

@test "a 10 MB rule file of 100,000 rules is read in bounded time and memory, for each tool" {
	for t in $(tools); do
		# Neither has a list of rules that grows: the one routes
		# (tests/orphan.bats), the other a key a measure.
		case $t in cm-orphan-assign | cm-report) continue ;; esac
		many_rules "$t" 100000
		input "$t" 20
		set_args "$t"
		run --separate-stderr -0 bounded 600000 10 "$t" "${ARGS[@]}" \
		    -r many.yaml -o out.csv in.csv
		assert_equal "$stderr" ""
	done
}

@test "a 10 MB columns: mapping of 600,000 names is read in linear time" {
	{
		echo 'version: 1'
		echo 'columns:'
		awk 'BEGIN { for (i = 1; i <= 600000; i++) printf "  k%d: c%d\n", i, i }'
		tail -n +2 r.yaml
	} > cols.yaml
	printf 'id,note\n1,ok\n' > in.csv
	run --separate-stderr -0 bounded 600000 10 cm-classify -r cols.yaml in.csv
	assert_output - <<'EOF'
id,note,level
1,ok,good
EOF
	assert_equal "$stderr" ""
}

@test "a duplicate key at the end of a mapping of 600,000 keys names the line of the first" {
	{
		echo 'version: 1'
		echo 'columns:'
		awk 'BEGIN { for (i = 1; i <= 600000; i++) printf "  k%d: c%d\n", i, i }'
		echo '  k2: again'
		tail -n +2 r.yaml
	} > cols.yaml
	printf 'id,note\n1,ok\n' > in.csv
	run --separate-stderr -2 bounded 600000 10 cm-classify -r cols.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: cols.yaml:600003:3: duplicate key 'k2' (first at line 4)"
}

@test "two of 600,000 columns: naming one header column is an error at the second" {
	{
		echo 'version: 1'
		echo 'columns:'
		awk 'BEGIN { for (i = 1; i <= 600000; i++) printf "  k%d: c%d\n", i, i }'
		echo '  again: c3'
		tail -n +2 r.yaml
	} > cols.yaml
	printf 'id,note\n1,ok\n' > in.csv
	run --separate-stderr -2 bounded 600000 10 cm-classify -r cols.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: cols.yaml:600003:10: 'k3' and 'again' both name the column 'c3'"
}

@test "an in: list of 1,300,000 items (9 MB) gives the right answer in bounded time" {
	{
		printf 'version: 1\nclassify:\n  - column: level\n    rules:\n'
		printf '      - {when: {note: {in: ['
		seq -s , 1300000 | tr -d '\n'
		printf ', ok]}}, value: good}\n    default: other\n'
	} > list.yaml
	printf 'id,note\n1,ok\n2,1300001\n3,1299999\n' > in.csv
	run --separate-stderr -0 bounded 600000 10 cm-classify -r list.yaml in.csv
	assert_output - <<'EOF'
id,note,level
1,ok,good
2,1300001,other
3,1299999,good
EOF
	assert_equal "$stderr" ""
}

@test "10 MB of comments in a rule file are read in bounded time and memory" {
	{
		cat r.yaml
		n 10000000 '#' | fold -w 100
		echo
	} > comments.yaml
	printf 'id,note\n1,ok\n' > in.csv
	run --separate-stderr -0 bounded 100000 10 cm-classify -r comments.yaml in.csv
	assert_output - <<'EOF'
id,note,level
1,ok,good
EOF
	assert_equal "$stderr" ""
}

@test "a 10 MB rule file of bytes that are not UTF-8 is refused at byte 0" {
	n 10000000 '\377' > bin.yaml
	printf 'id,note\n1,ok\n' > in.csv
	run --separate-stderr -2 bounded 100000 10 cm-classify -r bin.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: bin.yaml:1: byte 0 is not UTF-8: save the rule file as UTF-8"
}

@test "a quoted value of 10 MB that is never closed is an error at the end of the file" {
	{
		echo 'version: 1'
		printf 'classify: "'
		n 10000000 a
	} > open.yaml
	printf 'id,note\n1,ok\n' > in.csv
	run --separate-stderr -2 bounded 100000 10 cm-classify -r open.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: open.yaml:2:10000012: found unexpected end of stream while scanning a quoted scalar"
}

# Regular expressions.  TRE does not backtrack: its time is in proportion
# to the cell's length times the expression's size, whatever the
# expression.

# matches RE: r.yaml with the one rule note matches RE, and in.csv with
# a million a's, then the same ending in b, then "ab".
matches() {
	cat > r.yaml <<YAML
version: 1
classify:
  - column: level
    rules:
      - {when: {note: {matches: '$1'}}, value: hit}
    default: miss
YAML
	{
		printf 'id,note\n1,'
		n 1000000 a
		printf '\n2,'
		n 1000000 a
		printf 'b\n3,ab\n'
	} > in.csv
}

# levels: the id and level of each row of out.csv.
levels() {
	awk -F, 'NR > 1 { print $1 "," $3 }' out.csv
}

@test "(a|aa)*b against a million a's finishes at once, with the right answer" {
	matches '(a|aa)*b'
	run --separate-stderr -0 bounded 100000 10 cm-classify -r r.yaml -o out.csv in.csv
	assert_equal "$stderr" ""
	run -0 levels
	assert_output - <<'EOF'
1,miss
2,hit
3,hit
EOF
}

@test "(a*)*b against a million a's finishes at once, with the right answer" {
	matches '(a*)*b'
	run --separate-stderr -0 bounded 100000 10 cm-classify -r r.yaml -o out.csv in.csv
	assert_equal "$stderr" ""
	run -0 levels
	assert_output - <<'EOF'
1,miss
2,hit
3,hit
EOF
}

@test "^(a+)+\$ against a million a's and then a b finishes at once, with the right answer" {
	matches '^(a+)+$'
	run --separate-stderr -0 bounded 100000 10 cm-classify -r r.yaml -o out.csv in.csv
	assert_equal "$stderr" ""
	run -0 levels
	assert_output - <<'EOF'
1,hit
2,miss
3,miss
EOF
}

@test "nested repetitions that multiply to a million, ((a{100}){100}){100}, are refused as too large" {
	matches '((a{100}){100}){100}'
	run --separate-stderr -2 bounded 100000 10 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: r.yaml:5:33: the regular expression '((a{100}){100}){100}' is too large: more than 10000 characters with its repetitions written out"
}

# Compiled, this one takes 200 MB, and overflows the stack when it runs.
@test "repetitions that multiply to 343,000, ((a{70}){70}){70}, are refused before TRE crashes on them" {
	matches '((a{70}){70}){70}'
	run --separate-stderr -2 bounded 400000 10 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: r.yaml:5:33: the regular expression '((a{70}){70}){70}' is too large: more than 10000 characters with its repetitions written out"
}

@test "repetitions that multiply to 65,025, (a{255}){255}, are refused as too large" {
	matches '(a{255}){255}'
	run --separate-stderr -2 bounded 100000 10 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: r.yaml:5:33: the regular expression '(a{255}){255}' is too large: more than 10000 characters with its repetitions written out"
}

@test "repetitions that multiply to under 10,000, (a{255}){39}b, are matched" {
	matches '(a{255}){39}b'
	{
		printf 'id,note\n1,'
		n 9945 a
		printf 'b\n2,'
		n 9944 a
		printf 'b\n'
	} > in.csv
	run --separate-stderr -0 bounded 100000 10 cm-classify -r r.yaml -o out.csv in.csv
	assert_equal "$stderr" ""
	run -0 levels
	assert_output - <<'EOF'
1,hit
2,miss
EOF
}

@test "a regular expression longer than TRE compiles is too large for the matcher, shown cut short" {
	matches "$(n 5000 a)"
	run --separate-stderr -2 bounded 100000 10 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: r.yaml:5:33: the regular expression '$(n 60 a)...' is too large for the matcher"
}

@test "a bad regular expression of 2,000 characters is shown cut short, with the reason" {
	matches "($(n 2000 a)"
	run --separate-stderr -2 bounded 100000 10 cm-classify -r r.yaml in.csv
	assert_output ""
	assert_equal "$stderr" "cm-classify: r.yaml:5:33: bad regular expression '($(n 59 a)...': Missing ')'"
}
