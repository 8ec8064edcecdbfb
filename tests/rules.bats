#!/usr/bin/env bats
# Rule files: the errors of cm-rules(5), each with its file, line and
# column, and exit status 2 before any output.

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	printf 'a,economy\n1,好\n' > in.csv
}

@test "a valid rule file grades the input" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {economy: 好}, value: x}
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
a,economy,c
1,好,x
EOF
}

@test "an unknown key is an error that suggests the nearest known key" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rulez:
      - {when: {economy: 好}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:4:5: unknown key 'rulez' (did you mean 'rules'?)
cm-classify: r.yaml:3:5: a classifier needs rules or score" ]
}

@test "an unknown key far from every known key gets no suggestion" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {economy: 好}, value: x, colour: blue}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:40: unknown key 'colour'" ]
}

@test "an unknown key at the top is an error" {
	cat > r.yaml <<'EOF'
version: 1
clasify:
  - column: c
    rules: [{value: x}]
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:2:1: unknown key 'clasify' (did you mean 'classify'?)
cm-classify: r.yaml:1:1: the key 'classify' is missing" ]
}

@test "an unknown operator is an error that suggests ge for gte" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {a: {gte: 1}}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:5:21: unknown operator 'gte' (did you mean 'ge'?)" ]
}

@test "an unknown operator suggests the nearest operator" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {a: {not_inn: [1]}}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:21: unknown operator 'not_inn' (did you mean 'not_in'?)" ]
}

@test "a YAML alias is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - *rule
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:5:9: aliases (*rule) are not allowed: write the value out" ]
}

@test "a YAML anchor on a value is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - value: &v x
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:5:16: anchors (&v) are not allowed" ]
}

@test "a YAML anchor on a mapping is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - &r {value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:9: anchors (&r) are not allowed" ]
}

@test "an anchor with its alias is refused at the anchor" {
	cat > r.yaml <<'EOF'
version: 1
good: &g {economy: 好}
classify:
  - column: c
    rules:
      - {when: *g, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:2:7: anchors (&g) are not allowed" ]
}

@test "a merge key is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {<<: {value: y}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:5:10: merge keys (<<) are not allowed: write the keys out" ]
}

@test "a YAML tag is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {value: !!str x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:17: tags (tag:yaml.org,2002:str) are not allowed" ]
}

@test "a duplicate key is an error naming both lines" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - value: x
        value: y
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:6:9: duplicate key 'value' (first at line 5)" ]
}

@test "a duplicate column in a condition is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {economy: 好, economy: 一般}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:29: duplicate key 'economy' (first at line 5)" ]
}

@test "a rule file without version is an error" {
	cat > r.yaml <<'EOF'
classify:
  - column: c
    rules: [{value: x}]
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:1:1: 'version: 1' is missing" ]
}

@test "version 2 is refused" {
	cat > r.yaml <<'EOF'
version: 2
classify:
  - column: c
    rules: [{value: x}]
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:1:10: unsupported version (this program reads version: 1)" ]
}

@test "version 1.0 is refused" {
	cat > r.yaml <<'EOF'
version: 1.0
classify:
  - column: c
    rules: [{value: x}]
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:1:10: unsupported version (this program reads version: 1)" ]
}

@test "a rule file that is not valid YAML is an error at its line and column" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
     rules:
      - value: x
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:4:11: mapping values are not allowed in this context" ]
}

@test "an unclosed flow mapping is an error at its line and column" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {value: x
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:6:1: did not find expected ',' or '}' while parsing a flow mapping" ]
}

@test "a rule file saved in GBK is an error that says to save it as UTF-8" {
	printf 'version: 1\nclassify:\n  - column: c\n    rules:\n      - {when: {economy: 好}, value: x}\n' |
	    iconv -f UTF-8 -t GBK > r.yaml
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:5: this line is not UTF-8; the file looks saved as GBK or GB18030: save the rule file as UTF-8" ]
}

@test "a tab that indents a line of the rules is named as such, at its line" {
	printf 'version: 1\nclassify:\n\t- column: c\n' > r.yaml
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	assert_equal "$stderr" "cm-classify: r.yaml:3:1: a tab indents this line; use spaces"
}

@test "a key written with a full-width colon is named as such, at its own line" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules：
      - {value: x}
    default: y
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	assert_equal "$stderr" "cm-classify: r.yaml:4:10: a full-width colon '：' where ':' was meant"
}

@test "a full-width colon in a value is not taken for a mistake" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {value: 唤醒：电话问候}
EOF
	printf 'id\n1\n' > in.csv
	run --separate-stderr -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,c
1,唤醒：电话问候
EOF
}

@test "a full-width space (U+3000) that indents a key is named as such" {
	printf 'version: 1\nclassify:\n  - column: c\n\xe3\x80\x80\xe3\x80\x80rules:\n      - {value: x}\n' > r.yaml
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	assert_equal "${stderr_lines[0]}" "cm-classify: r.yaml:4:1: U+3000 (a full-width space) in the indent; use spaces"
}

@test "a full-width space (U+3000) in an indent that breaks the YAML is named at its line" {
	printf 'version: 1\nclassify:\n  - column: c\n    rules:\n      - {value: x}\n\xe3\x80\x80 default: y\n' > r.yaml
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	assert_equal "$stderr" "cm-classify: r.yaml:6:1: U+3000 (a full-width space) in the indent; use spaces"
}

@test "an empty rule file is an error" {
	: > r.yaml
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml: the rule file is empty" ]
}

@test "a rule file that cannot be opened is an error" {
	run --separate-stderr -2 cm-classify -r nosuch.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: nosuch.yaml: No such file or directory" ]
}

@test "a rule file that is a list is an error" {
	cat > r.yaml <<'EOF'
- version: 1
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:1:1: a rule file must be a mapping (version: 1, then the rules)" ]
}

@test "a rule file of two YAML documents is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules: [{value: x}]
---
version: 1
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:1: a rule file holds one YAML document" ]
}

@test "a non-number under a numeric operator in the rules is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {a: {ge: "1,200"}}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:5:25: '1,200' is not a number" ]
}

@test "a number with an exponent in the rules is not a number" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {a: {lt: 1e3}}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:25: '1e3' is not a number" ]
}

@test "between with one bound is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {a: {between: [1]}}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:30: between takes two numbers: [low, high]" ]
}

@test "a date operator with a word that is not a date is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {a: {before: yesterday}}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:29: 'yesterday' is not a date or a date expression (2026-11-23, today, today-90d)" ]
}

@test "a date expression with an unknown unit is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {a: {after: today-3q}}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:28: 'today-3q' is not a date or a date expression (2026-11-23, today, today-90d)" ]
}

@test "an impossible date in the rules is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {a: {on: 2026-02-29}}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:25: '2026-02-29' is not a date or a date expression (2026-11-23, today, today-90d)" ]
}

@test "a regular expression that does not compile is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {a: {matches: "("}}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:30: bad regular expression '(': Missing ')'" ]
}

@test "empty takes only true or false" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {a: {empty: yes}}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:28: empty takes true or false, not 'yes'" ]
}

@test "a rule without a value is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - when: {a: 1}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:9: the key 'value' is missing" ]
}

@test "a value of the wrong type is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {value: [x, y]}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:17: value must be a scalar, not a list" ]
}

@test "nesting of 32 levels is read" {
	# root 1, classify 2, classifier 3, rules 4, rule 5, when 6: 26 nots
	# and the innermost mapping make 33; one not less makes 32.
	{
		printf 'version: 1\nclassify:\n  - column: c\n    rules:\n      - when: '
		printf '{not: %.0s' $(seq 25)
		printf '{a: "0"}'
		printf '}%.0s' $(seq 25)
		printf '\n        value: x\n'
	} > r.yaml
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
a,economy,c
1,好,x
EOF
}

@test "nesting deeper than 32 levels is an error" {
	{
		printf 'version: 1\nclassify:\n  - column: c\n    rules:\n      - when: '
		printf '{not: %.0s' $(seq 27)
		printf '{a: "0"}'
		printf '}%.0s' $(seq 27)
		printf '\n        value: x\n'
	} > r.yaml
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:5:177: nested deeper than 32 levels" ]
}

@test "deep nesting of a huge file is refused quickly" {
	{
		printf 'version: 1\nx: '
		head -c 100000 /dev/zero | tr '\0' '['
	} > r.yaml
	run --separate-stderr -2 timeout 5 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:2:35: nested deeper than 32 levels" ]
}

@test "a column the rules need but the header lacks stops the run with status 2" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {influence: 广}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml -o out.csv in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:5:17: column 'influence' is not in the header of in.csv: 'a', 'economy'; add it to the input, or map it to a header with columns: in r.yaml" ]
	[ ! -e out.csv ]
}

@test "a missing column mapped by columns: names both names" {
	cat > r.yaml <<'EOF'
version: 1
columns:
  influence: 影响力
classify:
  - column: c
    rules:
      - {when: {influence: 广}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:7:17: column 'influence' (columns: maps it to '影响力') is not in the header of in.csv: 'a', 'economy'" ]
}

@test "a missing column on standard input names <stdin>" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {influence: 广}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml < in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:17: column 'influence' is not in the header of <stdin>: 'a', 'economy'; add it to the input, or map it to a header with columns: in r.yaml" ]
}

@test "every missing column is reported, in one message at the first when no columns: maps them" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {influence: 广, economy: 好}, value: x}
      - {when: {awareness: 强}, value: y}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:17: columns 'influence', 'awareness' are not in the header of in.csv: 'a', 'economy'; add them to the input, or map them to headers with columns: in r.yaml" ]
}

@test "two names in columns: for one header is an error" {
	cat > r.yaml <<'EOF'
version: 1
columns:
  economy: 经济条件
  wealth: 经济条件
classify:
  - column: c
    rules: [{value: x}]
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:4:11: 'economy' and 'wealth' both name the column '经济条件'" ]
}

@test "a classifier with both rules and score is an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules: [{value: x}]
    score: [{points: 1}]
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:12: a classifier has either rules (with why and default) or score, not both" ]
}

@test "points that are not a number are an error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: s
    score:
      - {when: {a: "1"}, points: lots}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:5:34: 'lots' is not a number" ]
}

@test "--check reports every problem of a rule file at once" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {a: {ge: "1,200"}}, value: x}
      - {when: {a: {ltt: 1}}, value: x}
      - {when: {a: {before: yesterday}}, value: x}
      - {when: {a: x}, value: x, nmae: y}
  - column: d
    score:
      - {when: {a: x}, points: lots}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml --check
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:5:25: '1,200' is not a number
cm-classify: r.yaml:6:21: unknown operator 'ltt' (did you mean 'lt'?)
cm-classify: r.yaml:7:29: 'yesterday' is not a date or a date expression (2026-11-23, today, today-90d)
cm-classify: r.yaml:8:34: unknown key 'nmae' (did you mean 'name'?)
cm-classify: r.yaml:11:32: 'lots' is not a number" ]
}

@test "an unknown key in a classifier does not hide the errors in its rules" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    defualt: x
    rules:
      - {when: {a: {ge: "1,200"}}, value: x}
EOF
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: r.yaml:4:5: unknown key 'defualt' (did you mean 'default'?)
cm-classify: r.yaml:6:25: '1,200' is not a number" ]
}

@test "header names in a missing-column message are quoted, and what cannot be seen is shown" {
	printf 'id,经济条件 ,\tx,y\xe3\x80\x80\n1,2,3,4\n' > in.csv
	cat > r.yaml <<'EOF2'
version: 1
classify:
  - column: level
    rules:
      - {when: {影响力: 好}, value: A}
    default: B
EOF2
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	assert_equal "$stderr" "cm-classify: r.yaml:5:17: column '影响力' is not in the header of in.csv: 'id', '经济条件␠', '<U+0009>x', 'y<U+3000>'; add it to the input, or map it to a header with columns: in r.yaml"
}

@test "a header name that differs from the rule's column by a space at its end is pointed at" {
	printf 'id,经济条件 \n1,好\n' > in.csv
	cat > r.yaml <<'EOF2'
version: 1
classify:
  - column: level
    rules:
      - {when: {经济条件: 好}, value: A}
    default: B
EOF2
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	assert_equal "$stderr" "cm-classify: r.yaml:5:17: column '经济条件' is not in the header of in.csv: 'id', '经济条件␠'; '经济条件␠' differs from it only by what cannot be seen at its ends: remove that from the header"
}

@test "CM_COLUMNS maps the columns of a rule file that has no columns:" {
	printf 'a,经济条件\n1,好\n' > zh.csv
	cat > cols.yaml <<'EOF'
version: 1
columns:
  economy: 经济条件
EOF
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {economy: 好}, value: x}
EOF
	CM_COLUMNS=cols.yaml run -0 cm-classify -r r.yaml zh.csv
	assert_output - <<'EOF'
a,经济条件,c
1,好,x
EOF
}

@test "a mistake in the CM_COLUMNS file is reported at its own line" {
	cat > cols.yaml <<'EOF'
version: 1
columns:
  economy: 经济条件
  wealth: 经济条件
EOF
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {economy: 好}, value: x}
EOF
	CM_COLUMNS=cols.yaml run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: cols.yaml:4:11: 'economy' and 'wealth' both name the column '经济条件'" ]
}

@test "the columns that CM_COLUMNS does not map and the input lacks are one message at its columns:, with status 2" {
	printf '编号,经济条件,保险意识\n1,好,强\n' > zh.csv
	cat > cols.yaml <<'EOF'
version: 1
# 本分公司的表头
columns:
  economy: 经济条件
EOF
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {economy: 好, awareness: 强}, value: x}
      - {when: {influence: 广}, value: y}
      - {when: {awareness: 弱}, value: z}
EOF
	CM_COLUMNS=cols.yaml run --separate-stderr -2 cm-classify -r r.yaml -o out.csv zh.csv
	assert_output ''
	[ "$stderr" = "cm-classify: cols.yaml:3:1: columns 'awareness', 'influence' are not in the header of zh.csv: '编号', '经济条件', '保险意识'; add them to the input, or map them to headers with columns: in cols.yaml" ]
	[ ! -e out.csv ]
}

@test "a column that a rule file's own columns: does not map is one message at that columns:, CM_COLUMNS or not" {
	printf '编号,经济条件\n1,好\n' > zh.csv
	printf 'version: 1\ncolumns:\n  awareness: 保险意识\n' > cols.yaml
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: c
    rules:
      - {when: {economy: 好, awareness: 强}, value: x}
columns:
  economy: 经济条件
EOF
	CM_COLUMNS=cols.yaml run --separate-stderr -2 cm-classify -r r.yaml zh.csv
	[ "$stderr" = "cm-classify: r.yaml:6:1: column 'awareness' is not in the header of zh.csv: '编号', '经济条件'; add it to the input, or map it to a header with columns: in r.yaml" ]
}

@test "a CM_COLUMNS file without columns: is an error" {
	printf 'version: 1\n' > cols.yaml
	printf 'version: 1\nclassify: []\n' > r.yaml
	CM_COLUMNS=cols.yaml run --separate-stderr -2 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: cols.yaml:1:1: 'columns:' is missing (CM_COLUMNS names this file)" ]
}
