#!/usr/bin/env bats
# The manual pages: clean under mandoc, and every command of their
# EXAMPLES sections run as the page shows it, with the output it shows.

load test_helper

# The sample list, where the examples expect it: samples/customers.csv.
samples() {
	mkdir -p samples
	cp "$ROOT/samples/customers.csv" samples/
}

# The files of the examples of cm-rules(5).
call_files() {
	cat > call.yaml <<'EOF'
version: 1
columns:
  phone: 电话
  premium: 年缴保费
  last_contact: 最近联系
  todo: 待办
classify:
  - column: todo
    rules:
      - when: {phone: {empty: true}}
        value: 上门
      - when:
          any:
            - last_contact: {before: today-90d}
            - premium: {ge: 20000}
        value: 电话回访
    default: ""
EOF
	cat > customers.csv <<'EOF'
姓名,电话,年缴保费,最近联系
何强,13166131860,3600,2026-08-01
高静,,5000,2026-11-01
林涛,15432319487,26000,2026/11/20
朱芳,18189555979,,
EOF
}

# band.yaml of cm-rules(5), with the operator spelt as given.
band_file() {
	cat > band.yaml <<EOF
version: 1
classify:
  - column: band
    rules:
      - when: {premium: {$1: [5000, 20000]}}
        value: 中
      - when: {premium: {gt: 20000}}
        value: 高
    default: 低
EOF
}

# The files of the examples of cm-classify(1).
grade_files() {
	cat > grade.yaml <<'EOF'
version: 1
columns:
  economy: 经济条件
  awareness: 保险意识
  influence: 影响力
  premium: 年缴保费
  class: 等级
classify:
  - column: class
    why: 依据
    rules:
      - name: 三强
        when: {economy: 好, awareness: 强, influence: 广}
        value: A
        set: {策略: 积极拜访}
      - name: 经济好
        when:
          economy: 好
          any: [{awareness: 强}, {influence: 广}]
        value: B
        set: {策略: 注重培养}
      - name: 一项强
        when:
          any: [{economy: 好}, {awareness: 强}, {influence: 广}]
        value: C
    default: D
  - column: score
    score:
      - {when: {class: [A, B]}, points: 2}
      - {when: {premium: {ge: 20000}}, points: 1.5}
      - {when: {premium: {empty: true}}, points: -0.5}
EOF
	cat > 客户.csv <<'EOF'
姓名,经济条件,保险意识,影响力,年缴保费,等级
何强,好,强,广,26000,
林涛,好,一般,广,,
胡洋,一般,强,一般,3600,旧
刘勇,一般,一般,一般,,
EOF
}

@test "the manual pages are clean under mandoc -T lint" {
	run -0 mandoc -T lint -W warning "$ROOT"/man/*
	assert_output ''
}

@test "the manual pages render without groff warnings, in UTF-8 and in ASCII" {
	for page in "$ROOT"/man/*; do
		for dev in utf8 ascii; do
			run -0 sh -c 'groff -k -ww -mdoc -T$2 "$1" >/dev/null' \
			    sh "$page" "$dev"
			assert_output ''
		done
	done
}

# man -l PAGE in the locale LOCALE, 80 columns wide, as the terminal of an
# ssh or cron session shows it (in the C locale man(1) formats for
# groff -Tascii).
man_in() {
	LC_ALL=$1 LANG=$1 MANWIDTH=80 man -l "$2"
}

@test "man in the C locale shows every page without a warning" {
	for page in "$ROOT"/man/*; do
		run --separate-stderr -0 man_in C "$page"
		[ "$stderr" = '' ] || fail "$page: $stderr"
	done
}

@test "man in the C locale shows a Chinese term of cm(7) in pinyin" {
	run -0 bash -o pipefail -c 'LC_ALL=C LANG=C MANWIDTH=80 \
	    man -l "$ROOT/man/cm.7" | sed -n "/^     CaiFuBaoDian\$/,/^\$/p"'
	assert_output - <<'EOF'
     CaiFuBaoDian
             Name book: every name an agent knows, unfiltered, in 9 source
             groups.

EOF
}

@test "man in a UTF-8 locale shows the Chinese term of cm(7) as it is" {
	run -0 bash -o pipefail -c 'LC_ALL=C.UTF-8 LANG=C.UTF-8 MANWIDTH=80 \
	    man -l "$ROOT/man/cm.7" | sed -n "/^     财富宝典\$/,/^\$/p"'
	assert_output - <<'EOF'
     财富宝典
             Name book: every name an agent knows, unfiltered, in 9 source
             groups.

EOF
}

@test "every page has the ASCII renderings of man/.ascii for the characters it uses" {
	run -0 "$PY" "$ROOT/man/.ascii.py" check "$ROOT/man/.ascii" \
	    "$ROOT"/man/*
	assert_output ''
}

@test "cm-rules(5): the call list of a Chinese export, by columns: and date expressions" {
	call_files
	run -0 cm-classify -r call.yaml --today 2026-11-23 customers.csv
	assert_output - <<'EOF'
姓名,电话,年缴保费,最近联系,待办
何强,13166131860,3600,2026-08-01,电话回访
高静,,5000,2026-11-01,上门
林涛,15432319487,26000,2026/11/20,电话回访
朱芳,18189555979,,,
EOF
}

@test "cm-rules(5): the same list saved in GB18030 gives the same UTF-8 output" {
	call_files
	iconv -f UTF-8 -t GB18030 customers.csv > excel.csv
	run -0 bash -o pipefail -c 'cm-classify -r call.yaml --today 2026-11-23 excel.csv |
	    tail -n 1'
	assert_output - <<'EOF'
朱芳,18189555979,,,
EOF
}

@test "cm-rules(5): --check finds a misspelt operator and suggests the right one" {
	band_file betwen
	run -2 cm-classify -r band.yaml --check
	assert_output - <<'EOF'
cm-classify: band.yaml:5:26: unknown operator 'betwen' (did you mean 'between'?)
EOF
}

@test "cm-rules(5): bad rows go to the rejects file, and the counts add up" {
	band_file between
	cat > premiums.csv <<'EOF'
id,premium
1,8800
2,"1,200"
3,3万
4
5,48000
EOF
	run -0 cm-classify -r band.yaml --rejects rejects.csv --stats \
	    -o out.csv premiums.csv
	assert_output - <<'EOF'
cm-classify: read: 5
cm-classify: written: 2
cm-classify: rejected: 3
cm-classify: band 中: 1
cm-classify: band 高: 1
cm-classify: band 低: 0
EOF
	run -0 cat out.csv
	assert_output - <<'EOF'
id,premium,band
1,8800,中
5,48000,高
EOF
	run -0 cat rejects.csv
	assert_output - <<'EOF'
_line,_reason,id,premium
3,"column 'premium': '1,200' is not a number (between at line 5 of the rules)",2,"1,200"
4,column 'premium': '3万' is not a number (between at line 5 of the rules),3,3万
5,"expected 2 fields, got 1",4
EOF
}

@test "cm-classify(1): the shipped grading of the first sample customers" {
	samples
	run -0 bash -o pipefail -c 'head -n 5 samples/customers.csv | cm-classify --today 2026-11-23 |
	    cut -d, -f1,12-15,22,25,27-'
	assert_output - <<'EOF'
customer_id,economy,awareness,influence,closed,class,segment,quadrant,gps_score
C0001,好,强,广,no,A,一般客户,2,8
C0002,好,强,一般,no,B,一般客户,2,6
C0003,好,一般,广,no,B,一般客户,2,6
C0004,好,一般,一般,no,C,一般客户,,3
EOF
}

@test "cm-classify(1): --stats counts the classes of the sample list" {
	samples
	run -0 bash -o pipefail -c 'cm-classify --today 2026-11-23 --stats -o graded.csv \
	    samples/customers.csv 2>&1 | grep " class "'
	assert_output - <<'EOF'
cm-classify: class A: 6
cm-classify: class B: 12
cm-classify: class C: 27
cm-classify: class D: 3
EOF
}

@test "cm-classify(1): the complete rule file grades a list with Chinese headers" {
	grade_files
	run -0 cm-classify -r grade.yaml 客户.csv
	assert_output - <<'EOF'
姓名,经济条件,保险意识,影响力,年缴保费,等级,依据,策略,score
何强,好,强,广,26000,A,三强,积极拜访,3.5
林涛,好,一般,广,,B,经济好,注重培养,1.5
胡洋,一般,强,一般,3600,C,一项强,,0
刘勇,一般,一般,一般,,D,default,,-0.5
EOF
}

@test "cm-classify(1): --check - names the columns that a header on standard input lacks" {
	grade_files
	run -2 bash -o pipefail -c "printf '姓名,经济条件,保险意识,影响力\n' |
	    cm-classify -r grade.yaml --check -"
	assert_output - <<'EOF'
cm-classify: grade.yaml:30:27: column 'premium' (columns: maps it to '年缴保费') is not in the header of <stdin> (or written by an earlier classifier): '姓名', '经济条件', '保险意识', '影响力', '等级', '依据', '策略'
EOF
}

@test "cm-classify(1): --bom --crlf -o writes a file for Excel" {
	grade_files
	run -0 cm-classify -r grade.yaml --bom --crlf -o 分级.csv 客户.csv
	assert_output ''
	printf '\357\273\277%s\r\n' \
	    '姓名,经济条件,保险意识,影响力,年缴保费,等级,依据,策略,score' \
	    > want.csv
	printf '%s\r\n' \
	    '何强,好,强,广,26000,A,三强,积极拜访,3.5' \
	    '林涛,好,一般,广,,B,经济好,注重培养,1.5' \
	    '胡洋,一般,强,一般,3600,C,一项强,,0' \
	    '刘勇,一般,一般,一般,,D,default,,-0.5' >> want.csv
	cmp 分级.csv want.csv
}

@test "cm(7): --stats counts the segments of the sample list" {
	samples
	run -0 bash -o pipefail -c 'cm-classify --today 2026-11-23 --stats -o graded.csv \
	    samples/customers.csv 2>&1 | grep segment'
	assert_output - <<'EOF'
cm-classify: segment 休眠客户: 12
cm-classify: segment 高效客户: 8
cm-classify: segment 高贡献客户: 2
cm-classify: segment 一般客户: 26
EOF
}

@test "cm(7): the first two steps of the night pick each agent's golden 10" {
	samples
	run -0 bash -o pipefail -c 'cm-classify --today 2026-11-23 samples/customers.csv |
	    cm-funnel --today 2026-11-23 --report report.csv \
	    > golden10.csv'
	run -0 cat report.csv
	assert_output - <<'EOF'
agent_id,stage,entered,passed,refused,cut
A001,缘故30,16,16,0,0
A001,黄金10,15,10,1,5
A002,缘故30,16,16,0,0
A002,黄金10,16,10,0,6
A003,缘故30,16,16,0,0
A003,黄金10,16,10,0,6
(all),缘故30,48,48,0,0
(all),黄金10,47,30,1,17
EOF
}

@test "cm(7): the nightly cron command grades the list and keeps bad rows aside" {
	cp "$ROOT/samples/customers.csv" customers.csv
	run -0 cm-classify --rejects rejects.csv --max-rejects 100 \
	    -o graded.csv customers.csv
	assert_output ''
	run -0 cat rejects.csv
	assert_output - <<'EOF'
_line,_reason,customer_id,agent_id,name,phone,gender,birthday,birthday_calendar,wedding_date,source,region,address,economy,awareness,influence,closed,annual_premium,last_contact,interactions_90d,trust,policy_count,referrer
EOF
	run -0 bash -o pipefail -c 'cm-classify customers.csv | cmp - graded.csv'
}

# The SYNOPSIS of a page, as mandoc renders it, on one line.
synopsis() {
	mandoc -T ascii -O width=1000 "$1" | col -b |
	    awk '/^SYNOPSIS/ { f = 1; next } /^[A-Z]/ { f = 0 } f' |
	    tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
}

@test "each tool's SYNOPSIS is its usage line, and its page lists every option --help lists" {
	for page in "$ROOT"/man/cm-*.1; do
		t=$(basename "$page" .1)
		run --separate-stderr -0 "$t" --help
		assert_equal "${lines[0]}" "usage: $(synopsis "$page")"
		for opt in $(printf '%s\n' "$output" |
		    grep -o -- '^ *\(-[a-z], \)\?--[a-z-]*' | grep -o -- '--[a-z-]*'); do
			grep -q -- "^\.It .*Fl ${opt#-}\b" "$page" ||
			    fail "$t: $opt is in --help but not in $page"
		done
	done
}
