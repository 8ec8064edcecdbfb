#!/usr/bin/env bats
# Workbooks: -o FILE.xlsx (and every other output named .xlsx) writes an
# Excel workbook; its cells are text unless the rules' domains make the
# column a number or a date, so ids keep their leading zeros; the header
# is bold, frozen and filtered; no cell is a formula; --sheets COLUMN
# gives each value a sheet.  python3-openpyxl reads the workbooks back;
# LibreOffice and xlsx2csv, from Debian, convert them.

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	cat > r.yaml <<'EOF'
version: 1
columns:
  premium: 年缴保费
  since: 签约日期
domains:
  premium: {type: number}
  since: {type: date}
classify:
  - column: 等级
    rules:
      - {when: {premium: {ge: 20000}}, value: A}
    default: B
EOF
	cat > in.csv <<'EOF'
客户编号,营销员工号,姓名,身份证号,电话,年缴保费,签约日期
00000333,08010023,何强,320165196305156882,13166131860,26000,1985/3/1
00000334,08010045,"=HYPERLINK(""http://evil.example/x"",""点我"")",32016519630515688X,+86 139,3600.5,2026年3月13日
00000335,08010023,林涛,,,,
EOF
}

# cells FILE [SHEET]: each cell of the sheet (the first by default) as
# "ROW COLUMN TYPE VALUE", TYPE openpyxl's: s text, n number, d date, f a
# formula.
cells() {
	"$PY" -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[sys.argv[2]] if len(sys.argv) > 2 else wb.worksheets[0]
for row in ws.iter_rows():
    for c in row:
        if c.value is not None:
            v = c.value.strftime("%Y-%m-%d") if c.data_type == "d" else c.value
            print(c.coordinate, c.data_type, v)
' "$@"
}

@test "-o FILE.xlsx keeps ids, phones and 身份证号 as text, writes declared numbers and dates as such, and no formula" {
	run -0 cm-classify -r r.yaml -o out.xlsx in.csv
	assert_output ''
	run -0 cells out.xlsx
	assert_output - <<'EOF'
A1 s 客户编号
B1 s 营销员工号
C1 s 姓名
D1 s 身份证号
E1 s 电话
F1 s 年缴保费
G1 s 签约日期
H1 s 等级
A2 s 00000333
B2 s 08010023
C2 s 何强
D2 s 320165196305156882
E2 s 13166131860
F2 n 26000
G2 d 1985-03-01
H2 s A
A3 s 00000334
B3 s 08010045
C3 s =HYPERLINK("http://evil.example/x","点我")
D3 s 32016519630515688X
E3 s +86 139
F3 n 3600.5
G3 d 2026-03-13
H3 s B
A4 s 00000335
B4 s 08010023
C4 s 林涛
H4 s B
EOF
}

@test "a workbook's header is bold, frozen and filtered, its dates shown yyyy-mm-dd and its text columns formatted as text" {
	cm-classify -r r.yaml -o out.xlsx in.csv
	run -0 "$PY" -c '
import openpyxl
ws = openpyxl.load_workbook("out.xlsx").worksheets[0]
print(ws.title, ws.freeze_panes, ws.auto_filter.ref)
print(all(c.font.b for c in ws[1]), ws["G2"].number_format, ws["A2"].number_format)
'
	assert_output - <<'EOF'
Sheet1 A2 A1:H4
True yyyy-mm-dd @
EOF
}

@test "a workbook's columns are as wide as their widest cell, Chinese characters counted twice" {
	printf 'id,address\n1,南京市秦淮区江东中路30号\n2,x\n' > wide.csv
	printf 'version: 1\nclassify:\n  - {column: k, rules: [{value: x}]}\n' > r2.yaml
	cm-classify -r r2.yaml -o out.xlsx wide.csv
	run -0 "$PY" -c '
import openpyxl
ws = openpyxl.load_workbook("out.xlsx").worksheets[0]
print(round(ws.column_dimensions["A"].width), round(ws.column_dimensions["B"].width))
'
	# "id": 2, and 2 more; the address: 11 Chinese characters and 2
	# digits, 24, and 2 more (openpyxl reads Excel's widths, a little more).
	assert_output '5 27'
}

@test "--sheets COLUMN gives each value a sheet of its own, named by it, each with the header" {
	run -0 cm-classify -r r.yaml -o out.xlsx --sheets 营销员工号 in.csv
	run -0 "$PY" -c '
import openpyxl
wb = openpyxl.load_workbook("out.xlsx")
for ws in wb.worksheets:
    print(ws.title, [r[0] for r in ws.iter_rows(values_only=True)], ws.freeze_panes)
'
	assert_output - <<'EOF'
08010023 ['客户编号', '00000333', '00000335'] A2
08010045 ['客户编号', '00000334'] A2
EOF
}

@test "--sheets names a sheet as Excel allows: its characters, its length, and one name for two values that differ only in case" {
	printf 'id,agent\n1,a/b:c\n2,A/B:C\n3,一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十\n4,\n' > in2.csv
	cat > r2.yaml <<'EOF'
version: 1
classify:
  - {column: k, rules: [{value: x}]}
EOF
	run -0 cm-classify -r r2.yaml -o out.xlsx --sheets agent in2.csv
	run -0 "$PY" -c '
import openpyxl
print(openpyxl.load_workbook("out.xlsx").sheetnames)
'
	assert_output "['a_b_c', 'A_B_C (2)', '一二三四五六七八九十一二三四五六七八九十一二三四五六', '(empty)']"
}

@test "--sheets names a column of the rules, through columns:" {
	run -0 cm-classify -r r.yaml -o out.xlsx --sheets premium in.csv
	run -0 "$PY" -c 'import openpyxl; print(openpyxl.load_workbook("out.xlsx").sheetnames)'
	assert_output "['26000', '3600.5', '(empty)']"
}

@test "--sheets without a workbook is a usage error" {
	run --separate-stderr -2 cm-classify -r r.yaml --sheets 营销员工号 -o out.csv in.csv
	assert_equal "${stderr_lines[0]}" "cm-classify: --sheets needs a workbook: -o FILE.xlsx"
}

@test "--rejects FILE.xlsx writes the rejects as a workbook, with _line and _reason" {
	printf '客户编号,年缴保费\n007,3万\n008,100\n' > bad.csv
	run -0 cm-classify -r r.yaml --rejects rej.xlsx -o out.xlsx bad.csv
	run -0 cells rej.xlsx
	assert_output - <<'EOF'
A1 s _line
B1 s _reason
C1 s 客户编号
D1 s 年缴保费
A2 s 2
B2 s column '年缴保费': '3万' is not a number (domains: at line 6 of the rules)
C2 s 007
D2 s 3万
EOF
}

@test "a run that fails leaves -o FILE.xlsx as it was, and no temporary file" {
	echo old > out.xlsx
	printf '客户编号,年缴保费\n007,100\n008,3万\n' > bad.csv
	run --separate-stderr -1 cm-classify -r r.yaml -o out.xlsx bad.csv
	assert_equal "$stderr" "cm-classify: bad.csv:3: column '年缴保费': '3万' is not a number (domains: at line 6 of the rules)"
	assert_equal "$(cat out.xlsx)" old
	[ -z "$(ls | grep cmtmp)" ]
}

@test "xlsx2csv turns a workbook back into CSV that a tool reads" {
	cm-classify -r r.yaml -o out.xlsx in.csv
	xlsx2csv out.xlsx > back.csv
	run -0 cm-classify -r r.yaml back.csv
	assert_output - <<'EOF'
客户编号,营销员工号,姓名,身份证号,电话,年缴保费,签约日期,等级
00000333,08010023,何强,320165196305156882,13166131860,26000,1985-03-01,A
00000334,08010045,"=HYPERLINK(""http://evil.example/x"",""点我"")",32016519630515688X,+86 139,3600.5,2026-03-13,B
00000335,08010023,林涛,,,,,B
EOF
}

@test "LibreOffice converts a workbook to CSV with the ids' leading zeros and no formula run" {
	command -v soffice > /dev/null || skip "LibreOffice is not installed"
	cm-classify -r r.yaml -o out.xlsx in.csv
	HOME=$PWD run -0 soffice --headless --norestore --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76 --outdir lo out.xlsx
	run -0 head -n 3 lo/out.csv
	assert_output - <<'EOF'
客户编号,营销员工号,姓名,身份证号,电话,年缴保费,签约日期,等级
00000333,08010023,何强,320165196305156882,13166131860,26000,1985-03-01,A
00000334,08010045,"=HYPERLINK(""http://evil.example/x"",""点我"")",32016519630515688X,+86 139,3600.5,2026-03-13,B
EOF
}
