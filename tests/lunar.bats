#!/usr/bin/env bats
# common/lunar.c, through tests/lunar_dump: the days that the Hong Kong
# Observatory's tables give, then every day and every lunar date of lunar
# 1900 to 2100 against lunar-javascript (tests/oracle/), which agrees but
# in 2057's 九月.  lunar_dump writes a leap month "leap5".

load test_helper

setup_file() {
	local bin mods

	bin=$(command -v cm-followup) ||
	    { echo "cm-followup is not on PATH: make, then PATH=build/bin:\$PATH" >&2; return 1; }
	LUNAR_DUMP=$(dirname "$bin")/../tests/lunar_dump
	[ -x "$LUNAR_DUMP" ] ||
	    { echo "$LUNAR_DUMP is not built: make" >&2; return 1; }
	export LUNAR_DUMP

	# lunar-javascript as `make check` installs it, or else installed here.
	ORACLE_SKIP=
	mods=$ROOT/tests/oracle/node_modules
	if ! command -v node >/dev/null; then
		ORACLE_SKIP="node is not installed (make deps installs it)"
	elif [ ! -f "$mods/lunar-javascript/package.json" ]; then
		mods=$BATS_FILE_TMPDIR/oracle/node_modules
		mkdir "$BATS_FILE_TMPDIR/oracle"
		cp "$ROOT/tests/oracle/package.json" \
		    "$ROOT/tests/oracle/package-lock.json" \
		    "$ROOT/tests/oracle/.npmrc" "$BATS_FILE_TMPDIR/oracle/"
		if ! command -v npm >/dev/null; then
			ORACLE_SKIP="npm is not installed (make deps installs it)"
		elif ! (cd "$BATS_FILE_TMPDIR/oracle" &&
		    npm ci --ignore-scripts --no-audit --no-fund \
		    --loglevel=error) >/dev/null 2>&1; then
			ORACLE_SKIP="cannot install lunar-javascript from the npm registry: npm ci failed"
		fi
	fi
	export ORACLE_SKIP
	export NODE_PATH=$mods
}

# Two dumps of the same lines, ours then the oracle's: each run of lines
# that differ, as its length and its first line from both.
compare() {
	paste -d '|' "$1" "$2" | awk -F '|' '
	$1 != $2 { if (n++ == 0) first = $1 " | " $2; next }
	n { print n " lines from: " first; n = 0 }
	END { if (n) print n " lines from: " first }'
}

@test "1900-01-31, 正月初一 of lunar 1900, is the first day, and 2101-01-28 the last" {
	run -0 "$LUNAR_DUMP" 1900-01-30 1900-01-31 2101-01-28 2101-01-29
	assert_output - <<'EOF'
1900-01-30 -
1900-01-31 1900 1 1
2101-01-28 2100 12 29
2101-01-29 -
EOF
}

@test "lunar dates of 1900 to 1969 convert to their days, and lunar 1899 and 2101 do not" {
	run -0 "$LUNAR_DUMP" -l 1900-1-1 1955-3-1 1969-8-15 2100-12-29 1899-12-30 2101-1-1
	assert_output - <<'EOF'
1900 1 1 1900-01-31
1955 3 1 1955-03-24
1969 8 15 1969-09-26
2100 12 29 2101-01-28
1899 12 30 -
2101 1 1 -
EOF
}

@test "a 1950s birth date: 1955-04-22 is 闰三月初一, the leap month after 三月" {
	run -0 "$LUNAR_DUMP" 1955-03-24 1955-04-21 1955-04-22 1955-05-21 1955-05-22
	assert_output - <<'EOF'
1955-03-24 1955 3 1
1955-04-21 1955 3 29
1955-04-22 1955 leap3 1
1955-05-21 1955 leap3 30
1955-05-22 1955 4 1
EOF
}

@test "the five months that liblunar-date 3.0.1 began a day off begin as in HKO's tables" {
	# 1933's 六月, 1954's and 1956's 十一月, 1978's 八月 and 2060's 四月:
	# their first days and the days before.
	run -0 "$LUNAR_DUMP" 1933-07-22 1933-07-23 1954-11-24 1954-11-25 \
	    1956-12-01 1956-12-02 1978-09-02 1978-09-03 2060-04-29 2060-04-30
	assert_output - <<'EOF'
1933-07-22 1933 leap5 30
1933-07-23 1933 6 1
1954-11-24 1954 10 29
1954-11-25 1954 11 1
1956-12-01 1956 10 29
1956-12-02 1956 11 1
1978-09-02 1978 7 30
1978-09-03 1978 8 1
2060-04-29 2060 3 29
2060-04-30 2060 4 1
EOF
}

@test "中秋 1978 is 1978-09-17" {
	run -0 "$LUNAR_DUMP" -l 1978-8-15
	assert_output '1978 8 15 1978-09-17'
}

@test "2057's 九月初一 is 2057-09-28, as in HKO's table, and its 八月 has 29 days" {
	run -0 "$LUNAR_DUMP" 2057-09-27 2057-09-28 2057-10-27 2057-10-28
	assert_output - <<'EOF'
2057-09-27 2057 8 29
2057-09-28 2057 9 1
2057-10-27 2057 9 30
2057-10-28 2057 10 1
EOF
	run -0 "$LUNAR_DUMP" -l 2057-8-30 2057-9-1
	assert_output - <<'EOF'
2057 8 30 2057-09-27
2057 9 1 2057-09-28
EOF
}

@test "every day converts back from its lunar date, and every lunar date from its day" {
	run -0 "$LUNAR_DUMP" -r
	assert_output ''
}

@test "every day of lunar 1900 to 2100 is lunar-javascript's, but 2057's 九月, which is HKO's" {
	[ -z "$ORACLE_SKIP" ] || skip "$ORACLE_SKIP"
	"$LUNAR_DUMP" > ours
	node "$ROOT/tests/oracle/lunar.js" > theirs
	run -0 compare ours theirs
	assert_output '30 lines from: 2057-09-28 2057 9 1 | 2057-09-28 2057 8 30'
}

@test "every lunar date of 1900 to 2100 is on lunar-javascript's day, but 2057's 八月三十 and 九月" {
	[ -z "$ORACLE_SKIP" ] || skip "$ORACLE_SKIP"
	"$LUNAR_DUMP" -l > ours
	node "$ROOT/tests/oracle/lunar.js" -l > theirs
	run -0 compare ours theirs
	assert_output '30 lines from: 2057 8 30 2057-09-27 | 2057 8 30 2057-09-28'
}
