#!/usr/bin/env bats
# The messages in the user's language and encoding (cm(7), Messages): the
# zh_CN catalog under zh_CN.UTF-8 and zh_CN.GB18030, English in the C
# locale, and the numbers of the data read the same in every locale.  The
# locales are made here with localedef into a directory of the test
# (LOCPATH), so that no root is needed.

load test_helper

setup_file() {
	if ! command -v localedef >/dev/null; then
		return 0
	fi
	mkdir -p "$BATS_FILE_TMPDIR/locales"
	for l in zh_CN.UTF-8 zh_CN.GB18030 de_DE.UTF-8; do
		localedef -i "${l%.*}" -f "${l#*.}" \
		    "$BATS_FILE_TMPDIR/locales/$l" 2>/dev/null || true
	done
}

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	for l in zh_CN.UTF-8 zh_CN.GB18030 de_DE.UTF-8; do
		[ -d "$BATS_FILE_TMPDIR/locales/$l" ] ||
		    skip "localedef could not make $l (Debian package locales)"
	done
	export LOCPATH="$BATS_FILE_TMPDIR/locales"
	cat > k.yaml <<'EOF'
version: 1
classify:
  - column: grade
    rules:
      - value: big
        when: {premium: {ge: 1000.5}}
    default: small
EOF
	cat > in.csv <<'EOF'
id,premium
1,1000.5
2,1000.4
3,abc
EOF
}

# gb TEXT: TEXT (UTF-8) in GB18030.
gb() {
	printf '%s' "$1" | iconv -f UTF-8 -t GB18030
}

@test "in the C locale a data error is in English" {
	run --separate-stderr -1 env LC_ALL=C cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:4: column 'premium': 'abc' is not a number (ge at line 6 of the rules)" ]
}

@test "under zh_CN.UTF-8 a data error is in Chinese, in UTF-8" {
	run --separate-stderr -1 env LC_ALL=zh_CN.UTF-8 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:4: 列 'premium'：'abc' 不是数字（ge，规则第 6 行）" ]
}

@test "under zh_CN.GB18030 a data error is in Chinese, in GB18030" {
	run --separate-stderr -1 env LC_ALL=zh_CN.GB18030 cm-classify -r k.yaml in.csv
	[ "$stderr" = "$(gb "cm-classify: in.csv:4: 列 'premium'：'abc' 不是数字（ge，规则第 6 行）")" ]
}

@test "a rule-file error under zh_CN.GB18030 has the GB18030 bytes of its Chinese" {
	printf 'version: 1\nclassify:\n\t- column: g\n' > tab.yaml
	run --separate-stderr -2 env LC_ALL=zh_CN.GB18030 cm-classify -r tab.yaml in.csv
	[ "$stderr" = "$(printf 'cm-classify: tab.yaml:3:1: \xd5\xe2\xd2\xbb\xd0\xd0\xd3\xc3\xd6\xc6\xb1\xed\xb7\xfb\xcb\xf5\xbd\xf8\xa3\xbb\xc7\xeb\xd3\xc3\xbf\xd5\xb8\xf1')" ]
}

@test "a rule-file error under zh_CN.UTF-8 names the column in Chinese words" {
	run --separate-stderr -2 env LC_ALL=zh_CN.UTF-8 cm-classify -r k.yaml <<'EOF'
id,x
1,2
EOF
	[ "$stderr" = "cm-classify: k.yaml:6:26: 列 'premium' 不在 <stdin> 的表头中：'id', 'x'；请在输入中加上该列，或在 k.yaml 的 columns: 中把它映射到表头" ]
}

@test "under zh_CN.UTF-8 the columns CM_COLUMNS does not map are one Chinese message at its columns:" {
	printf '编号,保费\n1,2000\n' > zh.csv
	printf 'version: 1\ncolumns:\n  id: 编号\n' > cols.yaml
	cat > m.yaml <<'EOF'
version: 1
classify:
  - column: grade
    rules:
      - {value: big, when: {premium: {ge: 1000}, economy: 好}}
EOF
	run --separate-stderr -2 env LC_ALL=zh_CN.UTF-8 CM_COLUMNS=cols.yaml cm-classify -r m.yaml zh.csv
	assert_output ''
	[ "$stderr" = "cm-classify: cols.yaml:2:1: 列 'premium', 'economy' 不在 zh.csv 的表头中：'编号', '保费'；请在输入中加上这些列，或在 cols.yaml 的 columns: 中把它们映射到表头" ]
}

@test "a usage error under zh_CN.UTF-8 is in Chinese, its usage line as the SYNOPSIS" {
	run --separate-stderr -2 env LC_ALL=zh_CN.UTF-8 cm-classify -r k.yaml --max-rejects 3 in.csv
	[ "$stderr" = "cm-classify: --max-rejects 需要 --rejects FILE
用法：cm-classify [-r 规则] [-o 文件] [--today 日期] [--rejects 文件] [--max-rejects n] [--stats] [--check] [选项] [文件]" ]
}

@test "under zh_CN.UTF-8 --help is in Chinese, each option's help at column 29 however wide its Chinese" {
	run --separate-stderr -0 env LC_ALL=zh_CN.UTF-8 CM_RULES_DIR=/r cm-funnel --help
	assert_output - <<'EOF'
用法：cm-funnel [-r 规则] [-o 文件] [--report 文件] [--today 日期] [--rejects 文件] [--max-rejects n] [--stats] [--check] [选项] [文件]

      --report 文件         按组和阶段写入进入、通过、拒绝和截去的行数
  -r, --rules 文件          规则文件（默认：/r/funnel.yaml）
  -o, --output 文件         原子地写入文件，而非标准输出
      --today 日期          规则中“今天”所指的日期
      --rejects 文件        把有数据错误的行写入文件并继续
      --max-rejects N       拒收的行多于 N 行时失败
      --stats               结束时在标准错误上打印计数
      --stats-file 文件     把计数以 CSV（name,count）写入文件
      --check               检查规则（及输入文件的表头）后退出
  -d, --delimiter 字符      字段分隔符（默认 ,）
      --tsv                 以制表符分隔字段
      --input-encoding 编码 auto（默认）、UTF-8、GB18030 或任何 iconv 名称
      --output-encoding 编码 UTF-8（默认）或任何 iconv 名称
      --bom                 输出以字节顺序标记（BOM）开头
      --crlf                输出行以 CRLF 结尾
      --excel               --bom --crlf，且单元格都不作公式：供 Excel 的 CSV
      --sheets 列           配合 -o 文件.xlsx，该列每个值一张工作表
      --html 文件           另把输出写成带图表的 HTML 网页
      --max-field-bytes N   读取的最长字段（默认 1048576）
      --max-memory 大小     内存超过该大小（512M、2G）时失败，不写任何内容
      --first-line N        第一行数据是整个文件的第 N 行
      --no-header           不写表头行（用于拼接的分片）
      --header-only         只写表头行，不读任何数据行
  -h, --help                打印本帮助
      --version             打印版本

参见 cm-funnel(1) 和 cm-rules(5)。
EOF
	[ "$stderr" = "" ]
}

@test "under zh_CN.UTF-8 the second line of an option's help starts at column 29 too" {
	run --separate-stderr -0 env LC_ALL=zh_CN.UTF-8 cm-schedule --help
	assert_line --index 4 "      --strict              补访的营销员或客户不在输入中时报错，"
	assert_line --index 5 "                            而非警告"
}

@test "under zh_CN.GB18030 the usage line after a usage error is in GB18030 bytes" {
	run --separate-stderr -2 env LC_ALL=zh_CN.GB18030 cm-funnel --no-such-option
	[ "${stderr##*$'\n'}" = "$(printf '\xd3\xc3\xb7\xa8\xa3\xbacm-funnel [-r \xb9\xe6\xd4\xf2] [-o \xce\xc4\xbc\xfe] [--report \xce\xc4\xbc\xfe] [--today \xc8\xd5\xc6\xda] [--rejects \xce\xc4\xbc\xfe] [--max-rejects n] [--stats] [--check] [\xd1\xa1\xcf\xee] [\xce\xc4\xbc\xfe]')" ]
}

@test "under zh_CN.GB18030 --help is the Chinese of zh_CN.UTF-8, in GB18030" {
	run --separate-stderr -0 env LC_ALL=zh_CN.UTF-8 cm-funnel --help
	utf8=$output
	run --separate-stderr -0 env LC_ALL=zh_CN.GB18030 cm-funnel --help
	[ "$output" = "$(gb "$utf8")" ]
}

@test "in the C locale --help is in English, as under C.UTF-8 (options.bats has all of cm-classify's)" {
	run --separate-stderr -0 env LC_ALL=C CM_RULES_DIR=/r cm-funnel --help
	[ "${lines[0]}" = "usage: cm-funnel [-r rules] [-o file] [--report file] [--today date] [--rejects file] [--max-rejects n] [--stats] [--check] [options] [file]" ]
	[ "${lines[1]}" = "      --report FILE         write the rows entered, passed, refused and cut" ]
	[ "${lines[2]}" = "                            per group and stage" ]
	[ "${lines[3]}" = "  -r, --rules FILE          rule file (default: /r/funnel.yaml)" ]
	[ "${lines[-1]}" = "See cm-funnel(1) and cm-rules(5)." ]
	[ "$stderr" = "" ]
	c=$output
	run --separate-stderr -0 env LC_ALL=C.UTF-8 CM_RULES_DIR=/r cm-funnel --help
	[ "$output" = "$c" ]
}

@test "in the C locale the usage line after a usage error is in English" {
	run --separate-stderr -2 env LC_ALL=C cm-funnel --no-such-option
	[ "$stderr" = "cm-funnel: unrecognized option '--no-such-option'
usage: cm-funnel [-r rules] [-o file] [--report file] [--today date] [--rejects file] [--max-rejects n] [--stats] [--check] [options] [file]" ]
}

@test "a message of the system (strerror) under zh_CN.GB18030 is GNU libc's Chinese in GB18030" {
	run --separate-stderr -1 env LC_ALL=zh_CN.GB18030 cm-classify -r k.yaml no-such.csv
	[ "$stderr" = "$(gb "cm-classify: no-such.csv: 没有那个文件或目录")" ]
}

@test "the reason of a rejected row is in Chinese and in UTF-8 in the --rejects file under zh_CN.GB18030" {
	run --separate-stderr -0 env LC_ALL=zh_CN.GB18030 cm-classify -r k.yaml --rejects r.csv in.csv
	assert_output - <<'EOF'
id,premium,grade
1,1000.5,big
2,1000.4,small
EOF
	run cat r.csv
	assert_output - <<'EOF'
_line,_reason,id,premium
4,列 'premium'：'abc' 不是数字（ge，规则第 6 行）,3,abc
EOF
}

@test "the names of --stats stay English under zh_CN.UTF-8" {
	run --separate-stderr -0 env LC_ALL=zh_CN.UTF-8 cm-classify -r k.yaml --rejects r.csv --stats in.csv
	[ "$stderr" = "$(printf 'cm-classify: %s\n' 'read: 3' 'written: 2' \
	    'rejected: 1' 'grade big: 1' 'grade small: 1')" ]
}

@test "numbers are read with a point under a locale whose decimal mark is a comma" {
	cat > n.csv <<'EOF'
id,premium
1,1000.7
2,1000.4
EOF
	run --separate-stderr -0 env -u LC_ALL LANG=zh_CN.UTF-8 LC_NUMERIC=de_DE.UTF-8 cm-classify -r k.yaml n.csv
	assert_output - <<'EOF'
id,premium,grade
1,1000.7,big
2,1000.4,small
EOF
	[ "$stderr" = "" ]
}

@test "LANGUAGE does not translate the messages in the C locale" {
	run --separate-stderr -1 env LC_ALL=C LANGUAGE=zh_CN cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:4: column 'premium': 'abc' is not a number (ge at line 6 of the rules)" ]
}

# po_check AWK: make's check of a po/zh_CN.po that AWK made of the shipped
# one, whose "a tab indents ..." entry AWK changes.
po_check() {
	mkdir po
	msgattrib --no-wrap "$ROOT/po/zh_CN.po" | awk "$1" > po/zh_CN.po
	run -2 make -s -C "$ROOT" B="$BATS_TEST_TMPDIR/b" \
	    PODIR="$BATS_TEST_TMPDIR/po" po-check
}

TAB='/^msgid "a tab indents this line; use spaces"$/'

@test "make fails when a message of the sources is not translated in po/zh_CN.po" {
	po_check "$TAB"' { print; getline; print "msgstr \"\""; next } { print }'
	assert_output --partial "po/zh_CN.po: untranslated or fuzzy messages"
}

@test "make fails when a message of the sources is missing from po/zh_CN.po" {
	po_check "$TAB"' { getline; next } { print }'
	assert_output --partial "this message is used but not defined"
}

@test "po/zh_CN.po as shipped is complete" {
	run -0 make -s -C "$ROOT" B="$BATS_TEST_TMPDIR/b" po-check
	assert_output ''
}

@test "make install puts the Chinese catalog in LOCALEDIR, where a tool finds it" {
	run -0 make -s -C "$ROOT" B="$PWD/b" DESTDIR="$PWD/d" PREFIX=/usr install-locale
	assert_output ''
	run --separate-stderr -1 env LC_ALL=zh_CN.UTF-8 \
	    CM_LOCALEDIR="$PWD/d/usr/share/locale" cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: in.csv:4: 列 'premium'：'abc' 不是数字（ge，规则第 6 行）" ]
}

@test "a YAML syntax error under zh_CN.UTF-8 says libyaml's problem and its context in Chinese" {
	printf 'version: 1\nclassify:\n  - column: g\n    rules: [{value: a}\n' > open.yaml
	run --separate-stderr -2 env LC_ALL=zh_CN.UTF-8 cm-classify -r open.yaml in.csv
	[ "$stderr" = "cm-classify: open.yaml:5:1: 找不到应有的 ',' 或 ']'（解析流式列表 […] 时）" ]
}

@test "an unknown word under zh_CN.UTF-8 is called a word in Chinese, the word as typed" {
	cat >> k.yaml <<'EOF'
words:
  defalt: 默认
EOF
	run --separate-stderr -2 env LC_ALL=zh_CN.UTF-8 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: k.yaml:9:3: 未知的 词 'defalt'（是否想写 'default'？）" ]
}

@test "a word of the wrong type under zh_CN.UTF-8 is called a word in Chinese" {
	cat >> k.yaml <<'EOF'
words:
  default: [默认]
EOF
	run --separate-stderr -2 env LC_ALL=zh_CN.UTF-8 cm-classify -r k.yaml in.csv
	[ "$stderr" = "cm-classify: k.yaml:9:12: 词 须是标量，而不是列表" ]
}

@test "neighbours of two levels under zh_CN.UTF-8 name the levels in Chinese" {
	cat > n.yaml <<'EOF'
version: 1
nearness:
  neighbours:
    玄武区: [夫子庙街道]
routes:
  - via: service
EOF
	run --separate-stderr -2 env LC_ALL=zh_CN.UTF-8 cm-orphan-assign -r n.yaml --check
	[ "$stderr" = "cm-orphan-assign: n.yaml:4:11: '夫子庙街道' 是街道级地址，而 '玄武区' 是区县级地址：相邻区域须属同一级" ]
}
