#!/usr/bin/env bats
# The conditions of cm-rules(5): every operator, the scalar and list
# shorthands, the reserved all/any/not, numbers and dates.

load test_helper

# Writes r.yaml: one classifier whose column hit is "yes" when the
# condition $1 (a YAML flow mapping) holds, else "no".
when() {
	cat > r.yaml <<EOF
version: 1
classify:
  - column: hit
    rules:
      - when: $1
        value: "yes"
    default: "no"
EOF
}

@test "eq compares exact bytes" {
	when '{v: {eq: 好}}'
	cat > in.csv <<'EOF'
v
好
好 
不好

EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
好,yes
好 ,no
不好,no
,no
EOF
}

@test "ne holds for every other value, the empty cell too" {
	when '{v: {ne: 好}}'
	cat > in.csv <<'EOF'
v
好
一般

EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
好,no
一般,yes
,yes
EOF
}

@test "in holds for any value of its list" {
	when '{v: {in: [亲属, 同学老师]}}'
	cat > in.csv <<'EOF'
v
亲属
同学老师
左邻右舍
亲
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
亲属,yes
同学老师,yes
左邻右舍,no
亲,no
EOF
}

@test "not_in holds for a value outside its list" {
	when '{v: {not_in: [亲属, 同学老师]}}'
	cat > in.csv <<'EOF'
v
亲属
左邻右舍

EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
亲属,no
左邻右舍,yes
,yes
EOF
}

@test "a scalar value means equals" {
	when '{v: 好}'
	cat > in.csv <<'EOF'
v
好
一般
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
好,yes
一般,no
EOF
}

@test "a list value means one of" {
	when '{v: [好, 一般]}'
	cat > in.csv <<'EOF'
v
好
一般
差
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
好,yes
一般,yes
差,no
EOF
}

@test "lt compares numbers" {
	when '{v: {lt: 10}}'
	cat > in.csv <<'EOF'
v
9.99
10
-3
+11
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
9.99,yes
10,no
-3,yes
+11,no
EOF
}

@test "le compares numbers" {
	when '{v: {le: 10}}'
	cat > in.csv <<'EOF'
v
9.99
10
10.0
10.01
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
9.99,yes
10,yes
10.0,yes
10.01,no
EOF
}

@test "gt compares numbers" {
	when '{v: {gt: -1.5}}'
	cat > in.csv <<'EOF'
v
-1.5
-1.49
-2
0
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
-1.5,no
-1.49,yes
-2,no
0,yes
EOF
}

@test "ge compares numbers as numbers, not as text" {
	when '{v: {ge: 20000}}'
	cat > in.csv <<'EOF'
v
20000
19999.99
100000
3
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
20000,yes
19999.99,no
100000,yes
3,no
EOF
}

@test "between includes both ends" {
	when '{v: {between: [2, 5]}}'
	cat > in.csv <<'EOF'
v
1.99
2
3.5
5
5.01
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
1.99,no
2,yes
3.5,yes
5,yes
5.01,no
EOF
}

@test "several operators on one column must all hold" {
	when '{v: {gt: 1, le: 3, ne: "2"}}'
	cat > in.csv <<'EOF'
v
1
2
3
4
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
1,no
2,no
3,yes
4,no
EOF
}

@test "a numeric operator on an empty cell is false" {
	when '{v: {lt: 10}}'
	cat > in.csv <<'EOF'
v

5
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
,no
5,yes
EOF
}

@test "a number with a thousands separator is a data error naming file, line and column" {
	when '{v: {ge: 1000}}'
	cat > in.csv <<'EOF'
id,v
1,999
2,"1,200"
EOF
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:3: column 'v': '1,200' is not a number (ge at line 5 of the rules)" ]
}

@test "a word under a numeric operator is a data error" {
	when '{v: {between: [1, 5]}}'
	cat > in.csv <<'EOF'
v
3
three
EOF
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:3: column 'v': 'three' is not a number (between at line 5 of the rules)" ]
}

@test "a number is a sign, digits and a decimal part, nothing else" {
	when '{v: {ge: 0}}'
	cat > in.csv <<'EOF'
v
+5
-0
007
12345678901234567890
5.
.5
 5
1e3
-
EOF
	run -0 cm-classify -r r.yaml --rejects rej.csv in.csv
	assert_output - <<'EOF'
v,hit
+5,yes
-0,yes
007,yes
12345678901234567890,yes
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,v
6,column 'v': '5.' is not a number (ge at line 5 of the rules),5.
7,column 'v': '.5' is not a number (ge at line 5 of the rules),.5
8,column 'v': ' 5' is not a number (ge at line 5 of the rules), 5
9,column 'v': '1e3' is not a number (ge at line 5 of the rules),1e3
10,column 'v': '-' is not a number (ge at line 5 of the rules),-
EOF
}

@test "0012 is a string that does not equal 12" {
	when '{v: 12}'
	cat > in.csv <<'EOF'
v
12
0012
12.0
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
12,yes
0012,no
12.0,no
EOF
}

@test "0012 in the rules is the string 0012" {
	when '{v: 0012}'
	cat > in.csv <<'EOF'
v
12
0012
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
12,no
0012,yes
EOF
}

@test "yes in the rules is the string yes, not a boolean" {
	when '{v: yes}'
	cat > in.csv <<'EOF'
v
yes
true
Yes
1
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
yes,yes
true,no
Yes,no
1,no
EOF
}

@test "no and on in the rules stay strings" {
	when '{v: [no, on]}'
	cat > in.csv <<'EOF'
v
no
on
false
true
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
no,yes
on,yes
false,no
true,no
EOF
}

@test "empty: true holds for an empty cell only, a space is not empty" {
	when '{v: {empty: true}}'
	cat > in.csv <<'EOF'
id,v
1,
2, 
3,x
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,v,hit
1,,yes
2, ,no
3,x,no
EOF
}

@test "empty: false holds for a cell with anything in it" {
	when '{v: {empty: false}}'
	cat > in.csv <<'EOF'
id,v
1,
2, 
3,x
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,v,hit
1,,no
2, ,yes
3,x,yes
EOF
}

@test "matches is an extended regular expression" {
	when '{v: {matches: "^1[3-9][0-9]{9}$"}}'
	cat > in.csv <<'EOF'
v
13166131860
12166131860
1316613186
131661318600
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
13166131860,yes
12166131860,no
1316613186,no
131661318600,no
EOF
}

@test "matches finds the pattern anywhere unless anchored" {
	when '{v: {matches: "区"}}'
	cat > in.csv <<'EOF'
v
南京市秦淮区江东中路30号
南京市江东中路
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
南京市秦淮区江东中路30号,yes
南京市江东中路,no
EOF
}

@test "matches reads UTF-8: a dot is one Chinese character" {
	when '{v: {matches: "^..$"}}'
	cat > in.csv <<'EOF'
v
何强
何
ab
何强强
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
何强,yes
何,no
ab,yes
何强强,no
EOF
}

@test "matches takes a bracket expression of Chinese characters" {
	when '{v: {matches: "^[何高林朱]"}}'
	cat > in.csv <<'EOF'
v
何强
高静
王芳
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
何强,yes
高静,yes
王芳,no
EOF
}

@test "matches takes a range of Chinese characters" {
	when '{v: {matches: "^[一-龥]+$"}}'
	cat > in.csv <<'EOF'
v
何强
何3
Ho
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
v,hit
何强,yes
何3,no
Ho,no
EOF
}

@test "all holds when every condition of its list holds" {
	when '{all: [{a: x}, {b: y}]}'
	cat > in.csv <<'EOF'
a,b
x,y
x,n
n,y
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
a,b,hit
x,y,yes
x,n,no
n,y,no
EOF
}

@test "any holds when one condition of its list holds" {
	when '{any: [{a: x}, {b: y}]}'
	cat > in.csv <<'EOF'
a,b
x,n
n,y
n,n
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
a,b,hit
x,n,yes
n,y,yes
n,n,no
EOF
}

@test "not holds when its condition does not" {
	when '{not: {phone: {empty: true}}}'
	cat > in.csv <<'EOF'
id,phone
1,13166131860
2,
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
id,phone,hit
1,13166131860,yes
2,,no
EOF
}

@test "every entry of a condition must hold" {
	when '{a: x, b: {ge: 2}, any: [{c: 1}, {c: 2}]}'
	cat > in.csv <<'EOF'
a,b,c
x,2,1
x,1,1
y,2,2
x,3,3
x,3,2
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
a,b,c,hit
x,2,1,yes
x,1,1,no
y,2,2,no
x,3,3,no
x,3,2,yes
EOF
}

@test "all, any and not nest to any depth" {
	when '{any: [{not: {all: [{a: x}, {any: [{b: y}, {not: {c: z}}]}]}}, {d: w}]}'
	cat > in.csv <<'EOF'
a,b,c,d
x,y,z,
x,n,z,
x,n,q,
x,n,q,w
n,y,z,
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
a,b,c,d,hit
x,y,z,,no
x,n,z,,yes
x,n,q,,no
x,n,q,w,yes
n,y,z,,yes
EOF
}

@test "when: {} and an empty all hold, an empty any does not, and not of it does" {
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: empty_when
    rules: [{when: {}, value: "yes"}]
    default: "no"
  - column: empty_all
    rules: [{when: {all: []}, value: "yes"}]
    default: "no"
  - column: empty_any
    rules: [{when: {any: []}, value: "yes"}]
    default: "no"
  - column: not_empty_any
    rules: [{when: {not: {any: []}}, value: "yes"}]
    default: "no"
EOF
	printf 'a\n1\n' > in.csv
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
a,empty_when,empty_all,empty_any,not_empty_any
1,yes,yes,no,yes
EOF
}

@test "any stops at the first condition that holds: a cell after it is not read" {
	when '{any: [{a: x}, {n: {ge: 1}}]}'
	cat > in.csv <<'EOF'
a,n
x,abc
y,2
y,0
y,abc
EOF
	run -0 cm-classify -r r.yaml --rejects rej.csv in.csv
	assert_output - <<'EOF'
a,n,hit
x,abc,yes
y,2,yes
y,0,no
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,a,n
5,column 'n': 'abc' is not a number (ge at line 5 of the rules),y,abc
EOF
}

@test "all stops at the first condition that does not hold: a cell after it is not read" {
	when '{all: [{a: x}, {d: {before: today}}], n: {ge: 1}}'
	cat > in.csv <<'EOF'
a,d,n
y,bad,bad
x,2020-01-01,5
x,bad,5
x,2020-01-01,bad
x,2099-01-01,bad
EOF
	run -0 cm-classify -r r.yaml --rejects rej.csv in.csv
	assert_output - <<'EOF'
a,d,n,hit
y,bad,bad,no
x,2020-01-01,5,yes
x,2099-01-01,bad,no
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,a,d,n
4,"column 'd': 'bad' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00; before at line 5 of the rules)",x,bad,5
5,column 'n': 'bad' is not a number (ge at line 5 of the rules),x,2020-01-01,bad
EOF
}

@test "not of a cell that cannot be read is the same data error, not a match" {
	when '{not: {n: {ge: 1}}}'
	cat > in.csv <<'EOF'
n
5

abc
EOF
	run -0 cm-classify -r r.yaml --rejects rej.csv in.csv
	assert_output - <<'EOF'
n,hit
5,no
,yes
EOF
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,n
4,column 'n': 'abc' is not a number (ge at line 5 of the rules),abc
EOF
}

@test "of several cells that cannot be read, the error names the first operator reached" {
	when '{n: {le: 9, ge: 1}, m: {ge: 1}}'
	cat > in.csv <<'EOF'
n,m
abc,xyz
5,xyz
EOF
	run -0 cm-classify -r r.yaml --rejects rej.csv in.csv
	assert_output 'n,m,hit'
	run -0 cat rej.csv
	assert_output - <<'EOF'
_line,_reason,n,m
2,column 'n': 'abc' is not a number (le at line 5 of the rules),abc,xyz
3,column 'm': 'xyz' is not a number (ge at line 5 of the rules),5,xyz
EOF
}

@test "before compares dates, whatever form each is written in" {
	when '{d: {before: 2026-11-23}}'
	cat > in.csv <<'EOF'
d
2026-11-22
2026/11/23
2026/1/5
20261124
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
d,hit
2026-11-22,yes
2026/11/23,no
2026/1/5,yes
20261124,no
EOF
}

@test "after reads a date in the rules written with slashes" {
	when '{d: {after: 2026/11/23}}'
	cat > in.csv <<'EOF'
d
2026-11-23
2026-11-24
2026/1/5
20261201
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
d,hit
2026-11-23,no
2026-11-24,yes
2026/1/5,no
20261201,yes
EOF
}

@test "on reads a date in the rules written with one-digit month and day" {
	when '{d: {on: 2026/1/5}}'
	cat > in.csv <<'EOF'
d
2026-01-05
2026/01/05
20260105
2026-01-06
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
d,hit
2026-01-05,yes
2026/01/05,yes
20260105,yes
2026-01-06,no
EOF
}

@test "on_or_before reads a date in the rules written as eight digits" {
	when '{d: {on_or_before: 20261123}}'
	cat > in.csv <<'EOF'
d
2026-11-22
2026-11-23
2026-11-24
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
d,hit
2026-11-22,yes
2026-11-23,yes
2026-11-24,no
EOF
}

@test "on_or_after includes the day itself" {
	when '{d: {on_or_after: 2026-11-23}}'
	cat > in.csv <<'EOF'
d
2026-11-22
2026-11-23
2027-01-01
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
d,hit
2026-11-22,no
2026-11-23,yes
2027-01-01,yes
EOF
}

@test "today is the date of CM_TODAY" {
	when '{d: {on: today}}'
	cat > in.csv <<'EOF'
d
2026-11-22
2026-11-23
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
d,hit
2026-11-22,no
2026-11-23,yes
EOF
}

@test "today-90d counts days back" {
	when '{d: {on: today-90d}}'
	cat > in.csv <<'EOF'
d
2026-08-24
2026-08-25
2026-08-26
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
d,hit
2026-08-24,no
2026-08-25,yes
2026-08-26,no
EOF
}

@test "today+2w counts weeks" {
	when '{d: {on: today+2w}}'
	cat > in.csv <<'EOF'
d
2026-12-07
2026-12-08
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
d,hit
2026-12-07,yes
2026-12-08,no
EOF
}

@test "today+1m clamps to the end of a shorter month" {
	when '{d: {on: today+1m}}'
	cat > in.csv <<'EOF'
d
2026-02-28
2026-03-01
2026-03-03
EOF
	run -0 cm-classify -r r.yaml --today 2026-01-31 in.csv
	assert_output - <<'EOF'
d,hit
2026-02-28,yes
2026-03-01,no
2026-03-03,no
EOF
}

@test "today+1m from January 31 of a leap year is February 29" {
	when '{d: {on: today+1m}}'
	cat > in.csv <<'EOF'
d
2028-02-28
2028-02-29
EOF
	run -0 cm-classify -r r.yaml --today 2028-01-31 in.csv
	assert_output - <<'EOF'
d,hit
2028-02-28,no
2028-02-29,yes
EOF
}

@test "today-1y from February 29 is February 28" {
	when '{d: {on: today-1y}}'
	cat > in.csv <<'EOF'
d
2027-02-28
2027-03-01
EOF
	run -0 cm-classify -r r.yaml --today 2028-02-29 in.csv
	assert_output - <<'EOF'
d,hit
2027-02-28,yes
2027-03-01,no
EOF
}

@test "a date operator on an empty cell is false" {
	when '{d: {before: today}}'
	cat > in.csv <<'EOF'
d

2026-01-01
EOF
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'EOF'
d,hit
,no
2026-01-01,yes
EOF
}

@test "a cell that is not a date under a date operator is a data error" {
	when '{d: {before: today}}'
	cat > in.csv <<'EOF'
id,d
1,2026-01-01
2,2026-02-30
EOF
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_output ''
	[ "$stderr" = "cm-classify: in.csv:3: column 'd': '2026-02-30' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00; before at line 5 of the rules)" ]
}

@test "a date with mixed separators is not a date" {
	when '{d: {after: 2026-01-01}}'
	cat > in.csv <<'EOF'
d
2026-1/5
EOF
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:2: column 'd': '2026-1/5' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00; after at line 5 of the rules)" ]
}

@test "the dates a spreadsheet saves are dates: 2026.3.13, 2026年3月13日, and a date with a time of day" {
	cat > r.yaml <<'YAML'
version: 1
classify:
  - column: k
    rules:
      - {when: {d: {on: 2026-03-13}}, value: same}
    default: other
YAML
	cat > in.csv <<'CSV'
d
2026.3.13
2026年3月13日
2026年03月13日
2026/3/13 0:00
2026-03-13 00:00:00
2026/3/13 18:30
20260313
2026.3.14
CSV
	run -0 cm-classify -r r.yaml in.csv
	assert_output - <<'OUT'
d,k
2026.3.13,same
2026年3月13日,same
2026年03月13日,same
2026/3/13 0:00,same
2026-03-13 00:00:00,same
2026/3/13 18:30,same
20260313,same
2026.3.14,other
OUT
}

@test "a date with a time that is not a time of day is not a date, and the message lists the forms" {
	cat > r.yaml <<'YAML'
version: 1
classify:
  - column: k
    rules:
      - {when: {d: {on: 2026-03-13}}, value: same}
    default: other
YAML
	printf 'd\n2026/3/13 24:00\n' > in.csv
	run --separate-stderr -1 cm-classify -r r.yaml in.csv
	assert_equal "$stderr" "cm-classify: in.csv:2: column 'd': '2026/3/13 24:00' is not a date (2026-03-13, 2026/3/13, 2026.3.13, 20260313, 2026年3月13日, or with a time, 2026/3/13 0:00; on at line 5 of the rules)"
}
