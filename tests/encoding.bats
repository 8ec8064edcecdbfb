#!/usr/bin/env bats
# Input and output encodings: UTF-8, GB18030 from Chinese Excel, iconv names.

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: class
    rules:
      - {when: {经济条件: 好}, value: 甲}
    default: 乙
EOF
	printf '姓名,经济条件\n何强,好\n高静,一般\n' > utf8.csv
	iconv -f UTF-8 -t GB18030 utf8.csv > gb.csv
	cat > k.yaml <<'EOF'
version: 1
classify:
  - column: k
    rules:
      - value: x
EOF
}

@test "the test input in GB18030 is not UTF-8" {
	run -1 iconv -f UTF-8 -t UTF-8 gb.csv
}

@test "GB18030 input is found without being named" {
	run -0 cm-classify -r r.yaml gb.csv
	assert_output - <<'EOF'
姓名,经济条件,class
何强,好,甲
高静,一般,乙
EOF
}

@test "GB18030 input on standard input is found too" {
	run -0 cm-classify -r r.yaml < gb.csv
	assert_output - <<'EOF'
姓名,经济条件,class
何强,好,甲
高静,一般,乙
EOF
}

@test "--input-encoding GB18030 reads GB18030" {
	run -0 cm-classify -r r.yaml --input-encoding GB18030 gb.csv
	assert_output - <<'EOF'
姓名,经济条件,class
何强,好,甲
高静,一般,乙
EOF
}

@test "--input-encoding takes any iconv name, such as GBK" {
	iconv -f UTF-8 -t GBK utf8.csv > gbk.csv
	run -0 cm-classify -r r.yaml --input-encoding GBK gbk.csv
	assert_output - <<'EOF'
姓名,经济条件,class
何强,好,甲
高静,一般,乙
EOF
}

@test "GB18030 input with CRLF line ends, as Excel saves it, is read" {
	printf '姓名,经济条件\r\n何强,好\r\n' | iconv -f UTF-8 -t GB18030 > excel.csv
	run -0 cm-classify -r r.yaml excel.csv
	assert_output - <<'EOF'
姓名,经济条件,class
何强,好,甲
EOF
}

@test "a GB18030 file larger than the read buffers is read whole" {
	{
		echo '姓名,地址'
		seq 20000 | awk '{ printf "何强%d,\"南京市秦淮区\n江东中路%d号\"\n", $1, $1 }'
	} > big.csv
	iconv -f UTF-8 -t GB18030 big.csv > biggb.csv
	[ "$(wc -c < biggb.csv)" -gt 700000 ]
	cm-classify -r k.yaml big.csv > want.csv
	cm-classify -r k.yaml biggb.csv > out.csv
	[ "$(wc -l < out.csv)" -eq 40001 ]
	cmp out.csv want.csv
}

@test "a large output in GB18030 converts every character" {
	{
		echo '姓名,地址'
		seq 20000 | awk '{ print "何强" $1 ",南京市秦淮区江东中路" $1 "号" }'
	} > big.csv
	cm-classify -r k.yaml big.csv > want.csv
	cm-classify -r k.yaml --output-encoding GB18030 big.csv > out.csv
	iconv -f GB18030 -t UTF-8 out.csv > back.csv
	cmp back.csv want.csv
}

@test "UTF-16 with a byte order mark, as Excel saves Unicode text, is found without being named" {
	printf '\357\273\277姓名\t经济条件\r\n何强\t好\r\n' | iconv -f UTF-8 -t UTF-16LE > excel.txt
	run -0 cm-classify -r r.yaml --tsv excel.txt
	assert_output - <<'EOF'
姓名	经济条件	class
何强	好	甲
EOF
}

@test "--output-encoding GB18030 writes GB18030" {
	cm-classify -r r.yaml --output-encoding GB18030 utf8.csv > out.csv
	printf '姓名,经济条件,class\n何强,好,甲\n高静,一般,乙\n' |
	    iconv -f UTF-8 -t GB18030 > want.csv
	cmp out.csv want.csv
}

@test "GB18030 in and GB18030 out is a round trip" {
	cm-classify -r r.yaml --output-encoding GB18030 gb.csv > out.csv
	run -0 iconv -f GB18030 -t UTF-8 out.csv
	assert_output - <<'EOF'
姓名,经济条件,class
何强,好,甲
高静,一般,乙
EOF
}

@test "--bom with a non-Unicode output encoding is a usage error" {
	run --separate-stderr -2 cm-classify -r r.yaml --output-encoding GB18030 --bom utf8.csv
	assert_output ''
	[ "$stderr" = "cm-classify: --bom: a byte order mark is for UTF-8 or UTF-16 output, not GB18030
usage: cm-classify [-r rules] [-o file] [--today date] [--rejects file] [--max-rejects n] [--stats] [--check] [options] [file]" ]
}

@test "--output-encoding UTF-16LE with --bom writes the mark in UTF-16" {
	cm-classify -r r.yaml --output-encoding UTF-16LE --bom --crlf utf8.csv > out.csv
	printf '\357\273\277姓名,经济条件,class\r\n何强,好,甲\r\n高静,一般,乙\r\n' |
	    iconv -f UTF-8 -t UTF-16LE > want.csv
	run -0 od -An -tx1 -N4 want.csv
	assert_output ' ff fe d3 59'
	cmp out.csv want.csv
}

@test "--output-encoding UTF-8 is the default" {
	cm-classify -r r.yaml --output-encoding utf-8 gb.csv > out.csv
	cmp out.csv <(cm-classify -r r.yaml gb.csv)
	run -0 cat out.csv
	assert_output - <<'EOF'
姓名,经济条件,class
何强,好,甲
高静,一般,乙
EOF
}

@test "a character the output encoding cannot write is exit 1 with a message" {
	printf '姓名,经济条件\n😀,好\n' > emoji.csv
	run --separate-stderr -1 cm-classify -r r.yaml --output-encoding GBK emoji.csv
	assert_output ''
	[ "$stderr" = "cm-classify: <stdout>: the character U+1F600 '😀' of column '姓名' (input line 2) cannot be written in GBK (--output-encoding UTF-8 or GB18030 can write every character)" ]
}

@test "a character GB2312 lacks is named with its column and its input line, deep in a large file" {
	{
		echo '客户编号,姓名,经济条件'
		seq 1 20000 | awk '{ print $1 ",王五,好" }'
		echo '20001,张堃,一般'
	} > big.csv
	run --separate-stderr -1 cm-classify -r r.yaml --output-encoding GB2312 -o out.csv big.csv
	assert_equal "$stderr" "cm-classify: out.csv: the character U+5803 '堃' of column '姓名' (input line 20002) cannot be written in GB2312 (--output-encoding UTF-8 or GB18030 can write every character)"
	[ ! -e out.csv ]
}

@test "invalid UTF-8 after the first 64 KiB is a data error naming its line and suggesting GB18030" {
	{
		echo '姓名,经济条件'
		seq 2 3001 | awk '{ print "何强" $1 ",好好好好好好好好好" }'
		printf '高静,一般\n' | iconv -f UTF-8 -t GB18030
		echo '林涛,好'
	} > late.csv
	[ "$(head -n 3001 late.csv | wc -c)" -gt 65536 ]
	run --separate-stderr -1 cm-classify -r r.yaml -o out.csv late.csv
	assert_output ''
	[ "$stderr" = "cm-classify: late.csv:3002: invalid UTF-8 (the start of the input was UTF-8; for a file saved by Chinese Excel, try --input-encoding GB18030)" ]
	[ ! -e out.csv ]
}

@test "that same late GB18030 line with --rejects still stops the run" {
	{
		echo '姓名,经济条件'
		seq 2 3001 | awk '{ print "何强" $1 ",好好好好好好好好好" }'
		printf '高静,一般\n' | iconv -f UTF-8 -t GB18030
	} > late.csv
	run --separate-stderr -1 cm-classify -r r.yaml --rejects rej.csv -o out.csv late.csv
	[ "$stderr" = "cm-classify: late.csv:3002: invalid UTF-8 (the start of the input was UTF-8; for a file saved by Chinese Excel, try --input-encoding GB18030)" ]
	[ ! -e out.csv ]
}

@test "invalid UTF-8 under --input-encoding UTF-8 is a data error at its line" {
	printf '姓名,经济条件\n何强,好\n\200,好\n' > bad.csv
	run --separate-stderr -1 cm-classify -r r.yaml --input-encoding UTF-8 bad.csv
	assert_output ''
	[ "$stderr" = "cm-classify: bad.csv:3: invalid UTF-8" ]
}

@test "a UTF-8 file with one stray byte is a data error at its line, not read as GB18030" {
	printf '姓名,经济条件\n何强,好\n高静,一般\n林\200涛,好\n' > stray.csv
	run --separate-stderr -1 cm-classify -r r.yaml stray.csv
	assert_output ''
	[ "$stderr" = "cm-classify: stray.csv:4: invalid UTF-8 (the start of the input was UTF-8; for a file saved by Chinese Excel, try --input-encoding GB18030)" ]
}

@test "bytes that are neither UTF-8 nor GB18030 are a data error at their line" {
	printf 'name,v\n1,x\n\200,y\n' > bad.csv
	run --separate-stderr -1 cm-classify -r k.yaml bad.csv
	assert_output ''
	[ "$stderr" = "cm-classify: bad.csv:3: bytes that are not valid GB18030 (0x80); the input is neither UTF-8 nor GB18030: --input-encoding names its encoding" ]
}

@test "an unknown input encoding is a usage error" {
	run --separate-stderr -2 cm-classify -r r.yaml --input-encoding NO-SUCH-CODE utf8.csv
	assert_output ''
	[ "$stderr" = "cm-classify: --input-encoding: unknown encoding 'NO-SUCH-CODE' (iconv -l lists them)
usage: cm-classify [-r rules] [-o file] [--today date] [--rejects file] [--max-rejects n] [--stats] [--check] [options] [file]" ]
}

@test "an unknown output encoding is a usage error" {
	run --separate-stderr -2 cm-classify -r r.yaml --output-encoding NO-SUCH-CODE utf8.csv
	assert_output ''
	[ "$stderr" = "cm-classify: --output-encoding: unknown encoding 'NO-SUCH-CODE' (iconv -l lists them)
usage: cm-classify [-r rules] [-o file] [--today date] [--rejects file] [--max-rejects n] [--stats] [--check] [options] [file]" ]
}

@test "a UTF-8 file with a BOM is UTF-8 even when later bytes are not" {
	{
		printf '\357\273\277姓名,经济条件\n'
		printf '高静,一般\n' | iconv -f UTF-8 -t GB18030
	} > bom.csv
	run --separate-stderr -1 cm-classify -r r.yaml bom.csv
	[ "$stderr" = "cm-classify: bom.csv:2: invalid UTF-8 (the start of the input was UTF-8; for a file saved by Chinese Excel, try --input-encoding GB18030)" ]
}
