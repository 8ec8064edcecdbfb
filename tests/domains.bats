#!/usr/bin/env bats
# Column domains (cm-rules(5), domains:): the values a column may hold, the
# aliases that stand for them, and cells tidied before they are matched;
# any other value is a data error of its row.

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	cat > r.yaml <<'YAML'
version: 1
domains:
  economy: [好, 一般]
  awareness:
    values: [强, 一般]
    aliases: {強: 强, 很强: 强}
  closed:
    values: [yes, no]
    aliases: {是: yes, 否: no}
    trim: true
    width: true
    empty: false
classify:
  - column: k
    rules:
      - {when: {economy: 好, awareness: 强, closed: yes}, value: A}
    default: B
YAML
}

@test "a value of its domain passes as it is" {
	printf 'id,economy,awareness,closed\n1,好,强,yes\n2,一般,一般,no\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,economy,awareness,closed,k
1,好,强,yes,A
2,一般,一般,no,B
EOF
}

@test "an alias is written as the value it stands for, and the rules see that value" {
	printf 'id,economy,awareness,closed\n1,好,強,是\n2,好,很强,否\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,economy,awareness,closed,k
1,好,强,yes,A
2,好,强,no,B
EOF
}

@test "a value outside its domain is a data error naming the column, the value and the values" {
	printf 'id,economy,awareness,closed\n1,好,强,yes\n2,良好,强,yes\n' > in.csv
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_output ''
	assert_equal "$stderr" "cm-classify: in.csv:3: column 'economy': '良好' is not one of 好, 一般 (domains: at line 3 of the rules)"
}

@test "without trim, a value with a trailing space is outside its domain" {
	printf 'id,economy,awareness,closed\n1,好 ,强,yes\n' > in.csv
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_equal "$stderr" "cm-classify: in.csv:2: column 'economy': '好 ' is not one of 好, 一般 (domains: at line 3 of the rules)"
}

@test "trim drops spaces, tabs and full-width spaces around a value; width reads full-width letters as ASCII" {
	printf 'id,economy,awareness,closed\n1,好,强, yes\t\n2,好,强,\343\200\200否\n3,好,强,ｙｅｓ\n4,好,强,\343\200\200ｎｏ \n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,economy,awareness,closed,k
1,好,强,yes,A
2,好,强,no,B
3,好,强,yes,A
4,好,强,no,B
EOF
}

@test "with --rejects, rows outside a domain are rejected and counted, and the rest go on" {
	printf 'id,economy,awareness,closed\n1,好,強,是\n2,好,强,maybe\n3,一般,strong,no\n4,好,强,\n' > in.csv
	run --separate-stderr -0 cm-classify -r r.yaml --rejects rej.csv --stats in.csv
	assert_output - <<'EOF'
id,economy,awareness,closed,k
1,好,强,yes,A
EOF
	assert_equal "$stderr" "cm-classify: read: 4
cm-classify: written: 1
cm-classify: rejected: 3
cm-classify: k A: 1
cm-classify: k B: 0
cm-classify: awareness: replaced by a value: 1
cm-classify: awareness: not in its domain: 1
cm-classify: closed: replaced by a value: 1
cm-classify: closed: not in its domain: 2"
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,id,economy,awareness,closed
3,"column 'closed': 'maybe' is not one of yes, no (domains: at line 7 of the rules)",2,好,强,maybe
4,"column 'awareness': 'strong' is not one of 强, 一般 (domains: at line 4 of the rules)",3,一般,strong,no
5,"column 'closed': '' is not one of yes, no (domains: at line 7 of the rules)",4,好,强,
EOF
}

@test "an empty cell is in every domain unless the domain says empty: false" {
	printf 'id,economy,awareness,closed\n1,,,yes\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,economy,awareness,closed,k
1,,,yes,B
EOF
}

@test "a domain of a column the input lacks is not used" {
	printf 'id,economy,closed\n1,好,yes\n' > in.csv
	cat > r2.yaml <<'YAML'
version: 1
domains:
  economy: [好, 一般]
  region: [鼓楼区]
classify:
  - column: k
    rules:
      - {when: {economy: 好}, value: A}
    default: B
YAML
	run -0 cm-classify -r r2.yaml in.csv
	assert_output - <<'EOF'
id,economy,closed,k
1,好,yes,A
EOF
}

@test "domains: follows columns:, so a Chinese header is checked under its rules name" {
	cat > r3.yaml <<'YAML'
version: 1
columns:
  economy: 经济条件
domains:
  economy: {values: [好, 一般], trim: true}
classify:
  - column: k
    rules:
      - {when: {economy: 好}, value: A}
    default: B
YAML
	printf 'id,经济条件\n1,好 \n2,良好\n' > in.csv
	run --separate-stderr -1 cm-classify -r r3.yaml in.csv
	assert_equal "$stderr" "cm-classify: in.csv:3: column '经济条件': '良好' is not one of 好, 一般 (domains: at line 5 of the rules)"
}

@test "every tool checks the domains of its rule file" {
	printf 'agent_id,closed\nA1,是\nA1,maybe\n' > in.csv
	cat > f.yaml <<'YAML'
version: 1
domains:
  closed: {values: [yes, no], aliases: {是: yes}}
group_by: agent_id
stage_column: stage
stages:
  - {name: all}
YAML
	run --separate-stderr -1 cm-funnel -r f.yaml in.csv
	assert_equal "$stderr" "cm-funnel: in.csv:3: column 'closed': 'maybe' is not one of yes, no (domains: at line 3 of the rules)"
}

@test "a domain's mistakes are rule errors, all reported, before any row is read" {
	cat > bad.yaml <<'YAML'
version: 1
domains:
  economy: []
  awareness: {values: [强, 一般, 强]}
  closed: {values: [yes, no], aliases: {是: true, yes: no}, trim: maybe}
  source: {value: [亲属]}
  trust: 感知
classify:
  - column: k
    default: B
    rules: []
YAML
	run --separate-stderr -2 cm-classify -r bad.yaml nosuch.csv
	assert_output ''
	assert_equal "$stderr" "cm-classify: bad.yaml:3:12: a domain has at least one value
cm-classify: bad.yaml:4:31: '强' is listed twice
cm-classify: bad.yaml:5:66: trim takes true or false, not 'maybe'
cm-classify: bad.yaml:5:44: the alias '是' stands for 'true', which is not one of the values
cm-classify: bad.yaml:5:50: 'yes' is a value, not an alias
cm-classify: bad.yaml:6:12: unknown key 'value' (did you mean 'values'?)
cm-classify: bad.yaml:6:11: a domain has values, or a type, or both
cm-classify: bad.yaml:7:10: a domain must be a mapping, not a scalar"
}

@test "a column of type number or date holds only numbers or dates" {
	cat > t.yaml <<'YAML'
version: 1
domains:
  premium: {type: number}
  since: {type: date, empty: false}
classify:
  - column: k
    rules:
      - {when: {premium: {ge: 20000}}, value: high}
    default: other
YAML
	printf 'id,premium,since\n1,26000,2026/3/1\n2,,2026-03-01\n3,3万,2026-03-01\n4,100,2026-13-01\n5,100,\n' > in.csv
	run --separate-stderr -0 cm-classify -r t.yaml --rejects rej.csv in.csv
	assert_output - <<'OUT'
id,premium,since,k
1,26000,2026/3/1,high
2,,2026-03-01,other
OUT
	run -0 cat rej.csv
	assert_output - <<'OUT'
_line,_reason,id,premium,since
4,column 'premium': '3万' is not a number (domains: at line 3 of the rules),3,3万,2026-03-01
5,"column 'since': '2026-13-01' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00; domains: at line 4 of the rules)",4,100,2026-13-01
6,column 'since' is empty (domains: at line 4 of the rules says empty: false),5,100,
OUT
}
