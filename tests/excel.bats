#!/usr/bin/env bats
# A back office that lives in Excel: the files Excel gives instead of CSV
# are recognised and refused with what to do, and the encoding of a long
# file is found where its first Chinese character is, not in its first
# 64 KiB only.

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	cat > r.yaml <<'EOF'
version: 1
classify:
  - column: k
    rules:
      - {when: {note: ok}, value: good}
    default: other
EOF
}

@test "an .xlsx workbook is refused, with the command that converts it" {
	python3 -c 'import zipfile; z = zipfile.ZipFile("名单.xlsx", "w"); z.writestr("[Content_Types].xml", "<Types/>"); z.close()'
	run --separate-stderr -1 cm-classify -r r.yaml 名单.xlsx
	assert_output ''
	assert_equal "$stderr" "cm-classify: 名单.xlsx:1: an Excel workbook (.xlsx) or another zip file, not CSV: save it from Excel as CSV, or convert it with xlsx2csv (Debian package xlsx2csv): xlsx2csv '名单.xlsx' > list.csv"
}

@test "an .xls workbook is refused, with the command that converts it" {
	printf '\320\317\021\340\241\261\032\341rest' > old.xls
	run --separate-stderr -1 cm-classify -r r.yaml < old.xls
	assert_output ''
	assert_equal "$stderr" "cm-classify: <stdin>:1: an Excel 97-2003 workbook (.xls), not CSV: save it from Excel as CSV, or convert it with LibreOffice: libreoffice --headless --convert-to csv 'FILE'"
}

@test "UTF-16 without a byte order mark is refused, naming the encoding that reads it" {
	printf 'id,note\n1,ok\n' | iconv -f UTF-8 -t UTF-16LE > u16.csv
	run --separate-stderr -1 cm-classify -r r.yaml u16.csv
	assert_equal "$stderr" "cm-classify: u16.csv:1: UTF-16 text without a byte order mark: --input-encoding UTF-16LE reads it"
	run -0 cm-classify -r r.yaml --input-encoding UTF-16LE u16.csv
	assert_output - <<'EOF'
id,note,k
1,ok,good
EOF
}

@test "a file separated by semicolons gets one message that names -d ';'" {
	printf 'id;note;phone\n1;ok;139\n' > semi.csv
	run --separate-stderr -1 cm-classify -r r.yaml semi.csv
	assert_equal "$stderr" "cm-classify: semi.csv:1: the header has no ',' between its names, but semicolons: for a file separated by semicolons, give -d ';'"
	run -0 cm-classify -r r.yaml -d ';' semi.csv
	assert_output - <<'EOF'
id;note;phone;k
1;ok;139;good
EOF
}

@test "a file separated by tabs gets one message that names --tsv" {
	printf 'id\tnote\n1\tok\n' > tab.csv
	run --separate-stderr -1 cm-classify -r r.yaml tab.csv
	assert_equal "$stderr" "cm-classify: tab.csv:1: the header has no ',' between its names, but tabs: for a file separated by tabs, give --tsv"
}

@test "a GB18030 file whose first 64 KiB are ASCII is read as GB18030 from its first Chinese character" {
	{
		echo id,note
		seq 1 12000 | awk '{ print $1 ",abcdef" }'
		printf '12001,客户\n12002,ok\n' | iconv -f UTF-8 -t GB18030
	} > late.csv
	run -0 cm-classify -r r.yaml late.csv
	[ "${lines[12001]}" = "12001,客户,other" ]
	[ "${lines[12002]}" = "12002,ok,good" ]
	[ "${#lines[@]}" -eq 12003 ]
}

@test "a UTF-8 file whose first 64 KiB are ASCII still stops at a bad byte later, at its line" {
	{
		echo id,note
		seq 1 12000 | awk '{ print $1 ",abcdef" }'
		printf '12001,客户\n12002,\377\n'
	} > late.csv
	run --separate-stderr -1 cm-classify -r r.yaml -o out.csv late.csv
	assert_equal "$stderr" "cm-classify: late.csv:12003: invalid UTF-8 (the start of the input was UTF-8; for a file saved by Chinese Excel, try --input-encoding GB18030)"
}

@test "--excel writes a BOM, CRLF, and a ' before every cell a spreadsheet would take for a formula" {
	cat > in.csv <<'CSV'
id,note
1,=1+1
2,"=HYPERLINK(""http://evil.example/x"",""点我"")"
3,-5
4,+86 139
5,@SUM(A1)
6,ok
7,"=a,b"
8,a=b
CSV
	cm-classify -r r.yaml --excel in.csv > out.csv
	printf '\357\273\277id,note,k\r\n' > want.csv
	printf '%s\r\n' "1,'=1+1,other" \
	    "2,\"'=HYPERLINK(\"\"http://evil.example/x\"\",\"\"点我\"\")\",other" \
	    "3,'-5,other" "4,'+86 139,other" "5,'@SUM(A1),other" "6,ok,good" \
	    "7,\"'=a,b\",other" "8,a=b,other" >> want.csv
	cmp out.csv want.csv
}

@test "--excel disarms the rejects file too" {
	printf 'id,note\n=cmd|x,ok\n2\n' > in.csv
	run -0 cm-classify -r r.yaml --excel --rejects rej.csv -o out.csv in.csv
	printf '\357\273\277_line,_reason,id,note\r\n3,\"expected 2 fields, got 1\",2\r\n' > want.csv
	cmp rej.csv want.csv
	printf "\357\273\277id,note,k\r\n'=cmd|x,ok,good\r\n" > want.csv
	cmp out.csv want.csv
}
