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
	[ "$stderr" = "cm-classify: k.yaml:6:26: 列 'premium' 不在 <stdin> 的表头中：'id', 'x'" ]
}

@test "a usage error under zh_CN.UTF-8 is in Chinese, its usage line as the SYNOPSIS" {
	run --separate-stderr -2 env LC_ALL=zh_CN.UTF-8 cm-classify -r k.yaml --max-rejects 3 in.csv
	[ "$stderr" = "cm-classify: --max-rejects 需要 --rejects FILE
usage: cm-classify [-r rules] [-o file] [--today date] [--rejects file] [--max-rejects n] [--stats] [--check] [options] [file]" ]
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
