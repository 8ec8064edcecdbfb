#!/usr/bin/env bats
# cm-classify itself: classifiers, rules, why, set, default, score, and
# columns: mapping both ways.

load test_helper

@test "the first rule that holds gives the value" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    rules:
      - {when: {economy: 好, awareness: 强}, value: A}
      - {when: {economy: 好}, value: B}
      - {when: {awareness: 强}, value: C}
    default: D
EOF
	cat > in.csv <<'EOF'
id,economy,awareness
1,好,强
2,好,一般
3,一般,强
4,一般,一般
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,economy,awareness,class
1,好,强,A
2,好,一般,B
3,一般,强,C
4,一般,一般,D
EOF
}

@test "a rule without when always holds" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    rules:
      - {when: {economy: 好}, value: A}
      - {value: Z}
    default: never
EOF
	printf 'economy\n好\n一般\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
economy,class
好,A
一般,Z
EOF
}

@test "why gets the name of the rule that matched, its position when unnamed, or default" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    why: class_rule
    rules:
      - {name: A-未成交, when: {economy: 好, awareness: 强}, value: A}
      - {when: {economy: 好}, value: B}
      - {when: {awareness: 强}, value: C}
    default: D
EOF
	cat > in.csv <<'EOF'
id,economy,awareness
1,好,强
2,好,一般
3,一般,强
4,一般,一般
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,economy,awareness,class,class_rule
1,好,强,A,A-未成交
2,好,一般,B,2
3,一般,强,C,3
4,一般,一般,D,default
EOF
}

@test "set writes more columns, left empty on rows whose rule does not set them" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    rules:
      - when: {economy: 好}
        value: A
        set: {strategy: 积极拜访, visit: weekly}
      - when: {economy: 一般}
        value: C
        set: {visit: monthly}
    default: D
EOF
	printf 'economy\n好\n一般\n差\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
economy,class,strategy,visit
好,A,积极拜访,weekly
一般,C,,monthly
差,D,,
EOF
}

@test "default is written when no rule holds" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    rules:
      - {when: {economy: 好}, value: A}
    default: 一般客户
EOF
	printf 'economy\n好\n一般\n\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
economy,class
好,A
一般,一般客户
,一般客户
EOF
}

@test "an empty default writes an empty cell" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: quadrant
    rules:
      - {when: {class: A}, value: "1"}
    default: ""
EOF
	printf 'class\nA\nC\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
class,quadrant
A,1
C,
EOF
}

@test "no rule holding and no default is a data error" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    rules:
      - {when: {economy: 好}, value: A}
EOF
	printf 'economy\n好\n一般\n' > in.csv
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:3: no rule for 'class' holds, and it has no default" ]
}

@test "a column already in the input is replaced in place" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    rules:
      - {when: {economy: 好}, value: A}
    default: D
EOF
	cat > in.csv <<'EOF'
id,class,economy
1,old,好
2,,一般
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,class,economy
1,A,好
2,D,一般
EOF
}

@test "a set column already in the input keeps its value where no rule sets it" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    rules:
      - {when: {economy: 好}, value: A, set: {strategy: new}}
    default: D
EOF
	cat > in.csv <<'EOF'
strategy,economy
old,好
old,一般
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
strategy,economy,class
new,好,A
old,一般,D
EOF
}

@test "new columns come in the order the rules first name them" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    why: class_rule
    rules:
      - {when: {a: "1"}, value: A, set: {zeta: z1, alpha: a1}}
      - {when: {a: "2"}, value: B, set: {mid: m2, zeta: z2}}
    default: D
  - column: score
    score:
      - {when: {a: "1"}, points: 1}
  - column: alpha
    rules: [{value: again}]
EOF
	printf 'a\n1\n2\n3\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
a,class,class_rule,zeta,alpha,mid,score
1,A,1,z1,again,,1
2,B,2,z2,again,m2,0
3,D,default,,again,,0
EOF
}

@test "a later classifier reads what an earlier one wrote" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    rules:
      - {when: {economy: 好}, value: A}
    default: C
  - column: quadrant
    rules:
      - {when: {class: A}, value: "1"}
    default: ""
EOF
	printf 'economy\n好\n一般\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
economy,class,quadrant
好,A,1
一般,C,
EOF
}

@test "a later classifier reads what an earlier one set" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    rules:
      - {when: {economy: 好}, value: A, set: {tier: gold}}
    default: C
  - column: gift
    rules:
      - {when: {tier: gold}, value: 月饼}
    default: 贺卡
EOF
	printf 'economy\n好\n一般\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
economy,class,tier,gift
好,A,gold,月饼
一般,C,,贺卡
EOF
}

@test "a classifier cannot read what a later one writes" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: quadrant
    rules:
      - {when: {class: A}, value: "1"}
    default: ""
  - column: class
    rules: [{value: A}]
EOF
	printf 'economy\n好\n' > in.csv
	run --separate-stderr -2 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: r.yaml:5:17: column 'class' is not in the header of in.csv: 'economy'; add it to the input, or map it to a header with columns: in r.yaml" ]
}

@test "score sums the points of every rule that holds" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: gps_score
    score:
      - {when: {economy: 好}, points: 2.5}
      - {when: {awareness: 强}, points: 3}
EOF
	cat > in.csv <<'EOF'
economy,awareness
好,强
好,一般
一般,强
一般,一般
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
economy,awareness,gps_score
好,强,5.5
好,一般,2.5
一般,强,3
一般,一般,0
EOF
}

@test "a score is written plainly: no float noise, no exponent, no trailing zeros" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: s
    score:
      - {when: {a: x}, points: 0.1}
      - {when: {b: y}, points: 0.2}
      - {when: {a: big}, points: 1000000000000}
      - {when: {b: half}, points: 0.50}
      - {when: {b: neg}, points: -3}
      - {when: {b: neg}, points: "2.0"}
EOF
	cat > in.csv <<'EOF'
a,b
x,y
big,half
,neg
,
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
a,b,s
x,y,0.3
big,half,1000000000000.5
,neg,-1
,,0
EOF
}

@test "a small or negative score is written in plain decimal" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: s
    score:
      - {when: {a: x}, points: 0.0000001}
      - {when: {a: y}, points: -0.5}
      - {when: {a: y}, points: -0.25}
EOF
	printf 'a\nx\ny\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
a,s
x,0.0000001
y,-0.75
EOF
}

@test "a score can be read by a later classifier as a number" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: s
    score:
      - {when: {a: x}, points: 2.5}
      - {when: {b: y}, points: 3}
  - column: band
    rules:
      - {when: {s: {ge: 5}}, value: high}
    default: low
EOF
	printf 'a,b\nx,y\nx,n\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
a,b,s,band
x,y,5.5,high
x,n,2.5,low
EOF
}

@test "columns: reads a Chinese header wherever the rules name a column" {
	cat > r.yaml <<'EOF'
version: 1
columns:
  economy: 经济条件
classify:
  - column: class
    rules:
      - {when: {economy: 好}, value: A}
    default: C
EOF
	printf '客户编号,经济条件\nC1,好\nC2,一般\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
客户编号,经济条件,class
C1,好,A
C2,一般,C
EOF
}

@test "columns: writes a column under the data's name" {
	cat > r.yaml <<'EOF'
version: 1
columns:
  economy: 经济条件
  class: 客户等级
  strategy: 经营策略
classify:
  - column: class
    why: rule
    rules:
      - {when: {economy: 好}, value: A, set: {strategy: 积极拜访}}
    default: C
EOF
	printf '客户编号,经济条件\nC1,好\nC2,一般\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
客户编号,经济条件,客户等级,rule,经营策略
C1,好,A,1,积极拜访
C2,一般,C,default,
EOF
}

@test "columns: replaces a mapped column the input already has, in place" {
	cat > r.yaml <<'EOF'
version: 1
columns:
  class: 客户等级
classify:
  - column: class
    rules:
      - {when: {economy: 好}, value: A}
    default: C
EOF
	printf '客户等级,economy\n旧,好\n旧,一般\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
客户等级,economy
A,好
C,一般
EOF
}

@test "a later classifier reads a mapped column by its rule name" {
	cat > r.yaml <<'EOF'
version: 1
columns:
  class: 客户等级
classify:
  - column: class
    rules:
      - {when: {economy: 好}, value: A}
    default: C
  - column: quadrant
    rules:
      - {when: {class: A}, value: "1"}
    default: ""
EOF
	printf 'economy\n好\n一般\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
economy,客户等级,quadrant
好,A,1
一般,C,
EOF
}

@test "a column not mapped by columns: keeps its own name" {
	cat > r.yaml <<'EOF'
version: 1
columns:
  economy: 经济条件
classify:
  - column: class
    rules:
      - {when: {economy: 好, closed: "no"}, value: A}
    default: C
EOF
	printf '经济条件,closed\n好,no\n好,yes\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
经济条件,closed,class
好,no,A
好,yes,C
EOF
}

@test "--stats counts each value of each classifier" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    rules:
      - {name: A-成交, when: {economy: 好, closed: "yes"}, value: A}
      - {name: A-未成交, when: {economy: 好}, value: A}
      - {when: {economy: 一般}, value: C}
    default: D
  - column: s
    score:
      - {when: {economy: 好}, points: 1}
EOF
	printf 'economy,closed\n好,yes\n好,no\n一般,no\n一般,yes\n差,no\n' > in.csv
	run --separate-stderr -0 cm-classify -r r.yaml --stats -o out.csv in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: read: 5
cm-classify: written: 5
cm-classify: rejected: 0
cm-classify: class A: 2
cm-classify: class C: 2
cm-classify: class D: 1" ]
}

@test "the output keeps the input's order of rows" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    rules:
      - {when: {economy: 好}, value: A}
    default: C
EOF
	printf 'id,economy\n3,一般\n1,好\n2,一般\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,economy,class
3,一般,C
1,好,A
2,一般,C
EOF
}
