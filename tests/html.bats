#!/usr/bin/env bats
# --html FILE, shared by every tool: the output as one self-contained HTML
# page beside the CSV, its cells escaped, a bar chart in inline SVG for
# each rate column, written all or none.  python3's html.parser reads the
# pages back; headless Chromium renders one (its screenshot read with
# python3-pil) and HTML Tidy checks it (tidy -errors -quiet), all from
# Debian (make deps installs them).

load test_helper
load hostile_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	cat > r.yaml <<'EOF'
version: 1
domains:
  premium: {type: number}
classify:
  - column: 等级
    rules:
      - {when: {premium: {ge: 20000}}, value: A}
    default: B
EOF
	cat > plain.yaml <<'EOF'
version: 1
classify:
  - column: 等级
    rules: []
    default: B
EOF
	cat > in.csv <<'EOF'
agent,name,premium,contact_rate,rate_3m,note
A001,张伟,26000,80.00,33.33,"<b>&""'"
A002,欧阳娜娜娜娜娜娜,3600.5,50.5,,"第一行
第二行"
A003,李,1,100.00,150,=1+1
EOF
}

# cells FILE: the table's cells, row by row, as CSV.
cells() {
	"$PY" -c '
import csv, sys
from html.parser import HTMLParser

class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None
    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = ""
    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append(self.cell)
            self.cell = None
    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
csv.writer(sys.stdout, lineterminator="\n").writerows(p.rows)
' "$1"
}

# bars FILE: each chart's title, then each of its bars: the label, the
# bar's width (none without a bar) and the value printed.
bars() {
	"$PY" -c '
import sys
from html.parser import HTMLParser

class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.where, self.texts, self.width = None, [], None
        self.svg = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            print("svg", a.get("role"), a.get("viewbox"))
            self.svg = True
        elif not self.svg:
            pass
        elif tag == "title":
            self.where = "title"
        elif tag == "text":
            self.where = "text"
            self.texts.append("")
        elif tag == "rect":
            self.width = a["width"]
    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg = False
        if tag in ("title", "text"):
            self.where = None
        if tag == "text" and len(self.texts) == 2:
            print(self.texts[0], self.width or "none", self.texts[1])
            self.texts, self.width = [], None
    def handle_data(self, data):
        if self.where == "title":
            print("title", data)
        elif self.where == "text":
            self.texts[-1] += data

P().feed(open(sys.argv[1], encoding="utf-8").read())
' "$1"
}

@test "--html writes the output's table to the page, every cell as the CSV has it" {
	run -0 cm-classify -r r.yaml --html page.html -o out.csv in.csv
	assert_output ''
	run -0 cells page.html
	assert_output "$(cat out.csv)"
	assert_output - <<'EOF'
agent,name,premium,contact_rate,rate_3m,note,等级
A001,张伟,26000,80.00,33.33,"<b>&""'",A
A002,欧阳娜娜娜娜娜娜,3600.5,50.5,,"第一行
第二行",B
A003,李,1,100.00,150,=1+1,B
EOF
}

@test "--html escapes & < > \" ' in a cell" {
	run -0 cm-classify -r r.yaml --html page.html -o out.csv in.csv
	run -0 grep -c '<td>&lt;b&gt;&amp;&quot;&#39;</td>' page.html
	assert_output 1
	run -1 grep -F '<b>' page.html
}

@test "--html writes a page with its doctype, charset, viewport and a title of the tool and its input" {
	run -0 cm-classify -r r.yaml --html page.html -o out.csv in.csv
	run -0 sed -n '1,6p' page.html
	assert_output - <<'EOF'
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cm-classify — in.csv</title>
EOF
	run -0 grep -c 'font-family:system-ui,"Noto Sans CJK SC",sans-serif' page.html
	assert_output 2
}

@test "--html writes a page that loads nothing: no script, no URL, no source, no link" {
	run -0 cm-classify -r r.yaml --html page.html -o out.csv in.csv
	run -1 grep -iE 'http|src=|<script|<link|url\(|@import|href' page.html
}

@test "--html draws a bar chart of each rate column, a bar a row, an empty rate without a bar" {
	run -0 cm-classify -r r.yaml --html page.html -o out.csv in.csv
	run -0 bars page.html
	assert_output - <<'EOF'
svg img 0 0 400 68
title contact_rate by agent
A001 182 80.00%
A002 115 50.5%
A003 228 100.00%
svg img 0 0 400 68
title rate_3m by agent
A001 51 33.33%
A002 none —
A003 228 150%
EOF
}

@test "--html charts the columns named rate... or ..._rate, and no other" {
	cat > in.csv <<'EOF'
id,rated,net_rate,separate,ratio,birate
1,10,20,30,40,50
2,1,2,3,4,5
EOF
	run -0 cm-classify -r plain.yaml --html page.html -o out.csv in.csv
	run -0 grep -o '<title>[^<]*</title>' page.html
	assert_output - <<'EOF'
<title>cm-classify — in.csv</title>
<title>rated by id</title>
<title>net_rate by id</title>
EOF
}

@test "--html names the bars by the first column whose cells differ: cm-report's group, not its month" {
	cm-orphan-assign --agents "$ROOT/samples/agents.csv" \
	    --holdings "$ROOT/samples/holdings.csv" --today 2026-01-15 \
	    "$ROOT/samples/orphans.csv" > assigned.csv
	run -0 cm-report development --month 2026-04 --by group \
	    --agents "$ROOT/samples/agents.csv" \
	    --policies "$ROOT/samples/policies.csv" --html page.html \
	    -o out.csv assigned.csv
	run -0 bars page.html
	assert_output - <<'EOF'
svg img 0 0 400 88
title rate_3m by group_id
— 0 0.00%
G1 0 0.00%
G2 0 0.00%
G3 none —
svg img 0 0 400 88
title rate_6m by group_id
— none —
G1 none —
G2 none —
G3 none —
svg img 0 0 400 88
title rate_12m by group_id
— none —
G1 none —
G2 none —
G3 none —
EOF
	run -0 cells page.html
	assert_output "$(cat out.csv)"
}

@test "--html draws the chart of a table of 200 rows" {
	awk 'BEGIN { print "agent,contact_rate"
	    for (i = 1; i <= 200; i++) printf "A%03d,%d\n", i, i % 101 }' > in.csv
	run -0 cm-classify -r plain.yaml --html page.html -o out.csv in.csv
	run -0 grep -c '<rect' page.html
	assert_output 200
	run -1 grep -F 'No chart' page.html
}

@test "--html draws no chart past 200 rows, says so, and keeps the whole table" {
	awk 'BEGIN { print "agent,contact_rate"
	    for (i = 1; i <= 201; i++) printf "A%03d,%d\n", i, i % 101 }' > in.csv
	run -0 cm-classify -r plain.yaml --html page.html -o out.csv in.csv
	run -1 grep -E '<svg|<rect' page.html
	run -0 grep -F 'No chart' page.html
	assert_output '<p class="note">No chart: the table has more than 200 rows.</p>'
	run -0 cells page.html
	assert_output "$(cat out.csv)"
}

@test "--html leaves out the rows rejected" {
	printf 'agent,premium\nA001,1\nA002,abc\nA003,2\n' > in.csv
	run -0 cm-classify -r r.yaml --html page.html --rejects rej.csv \
	    -o out.csv in.csv
	run -0 cells page.html
	assert_output - <<'EOF'
agent,premium,等级
A001,1,B
A003,2,B
EOF
}

@test "--html after a data error leaves no page and no temporary file" {
	printf 'agent,premium\nA001,1\nA002,abc\nA003,2\n' > in.csv
	run -1 cm-classify -r r.yaml --html page.html -o out.csv in.csv
	assert_output "cm-classify: in.csv:3: column 'premium': 'abc' is not a number (domains: at line 3 of the rules)"
	run -0 ls -A
	assert_output - <<'EOF'
in.csv
plain.yaml
r.yaml
EOF
}

@test "--html after a data error leaves the page that was there as it was" {
	printf 'agent,premium\nA001,1\nA002,abc\n' > in.csv
	echo old > page.html
	run -1 cm-classify -r r.yaml --html page.html in.csv
	assert_equal "$(cat page.html)" old
	assert_no_tmp
}

@test "--html keeps the header with --no-header, and the page in UTF-8 with --output-encoding GB18030" {
	printf 'agent,name\nA001,张伟\n' > in.csv
	run -0 cm-classify -r plain.yaml --no-header --output-encoding GB18030 \
	    --html page.html -o out.csv in.csv
	run -0 cells page.html
	assert_output - <<'EOF'
agent,name,等级
A001,张伟,B
EOF
	run -0 iconv -f GB18030 -t UTF-8 out.csv
	assert_output 'A001,张伟,B'
}

@test "--html writes the page beside a workbook, the same rows" {
	run -0 cm-classify -r r.yaml --html page.html -o out.xlsx in.csv
	run -0 cm-classify -r r.yaml -o out.csv in.csv
	run -0 cells page.html
	assert_output "$(cat out.csv)"
}

@test "--html - is a usage error" {
	run --separate-stderr -2 cm-classify -r r.yaml --html - in.csv
	assert_output ''
	assert_equal "${stderr_lines[0]}" "cm-classify: --html: the page is written to a file, not to standard output ('-')"
	assert_equal "${stderr_lines[1]%% *}" usage:
}

@test "--html naming the input is refused" {
	run --separate-stderr -2 cm-classify -r r.yaml --html in.csv in.csv
	assert_equal "$stderr" "cm-classify: --html names the same file as the input, -o, --rejects or --stats-file: 'in.csv'"
	run -0 cat in.csv
	assert_line -n 0 agent,name,premium,contact_rate,rate_3m,note
}

@test "--html naming the file of -o is refused" {
	run --separate-stderr -2 cm-classify -r r.yaml -o out.csv \
	    --html out.csv in.csv
	assert_equal "$stderr" "cm-classify: --html names the same file as the input, -o, --rejects or --stats-file: 'out.csv'"
	[ ! -e out.csv ]
}

@test "--html naming the file of --rejects is refused" {
	run --separate-stderr -2 cm-classify -r r.yaml --rejects rej.csv \
	    --html rej.csv in.csv
	assert_equal "$stderr" "cm-classify: --html names the same file as the input, -o, --rejects or --stats-file: 'rej.csv'"
}

@test "--html naming a side input of the tool is refused" {
	run --separate-stderr -2 cm-orphan-assign --agents agents.csv \
	    --html agents.csv in.csv
	assert_equal "$stderr" "cm-orphan-assign: 'agents.csv' is both an input (--agents) and an output"
}

@test "--html /dev/full is exit status 1 with a message naming it, and leaves -o FILE as it was, for each tool" {
	tool_rules
	for t in $(tools); do
		set_args "$t"
		input "$t" 20
		echo old > out.csv
		run --separate-stderr -1 "$t" "${ARGS[@]}" -o out.csv \
		    --html /dev/full in.csv
		assert_equal "$stderr" "$t: /dev/full: write error: No space left on device"
		assert_equal "$(cat out.csv)" old
		assert_no_tmp
	done
}

@test "--html writes a page for each tool, its cells the CSV's" {
	tool_rules
	for t in $(tools); do
		set_args "$t"
		input "$t" 20
		run -0 "$t" "${ARGS[@]}" -o out.csv --html page.html in.csv
		run -0 cells page.html
		assert_output "$(cat out.csv)"
	done
}

@test "--html writes a page that HTML Tidy finds no error or warning in" {
	command -v tidy > /dev/null ||
	    skip "tidy is not installed (make deps installs it)"
	run -0 cm-classify -r r.yaml --html page.html -o out.csv in.csv
	run -0 tidy -errors -quiet page.html
	assert_output ''
}

@test "--html writes a page that headless Chromium draws on a phone's screen" {
	command -v chromium > /dev/null ||
	    skip "chromium is not installed (make deps installs it)"
	"$PY" -c 'import PIL' 2> /dev/null ||
	    skip "python3-pil is not installed (make deps installs it)"
	run -0 cm-classify -r r.yaml --html page.html -o out.csv in.csv
	HOME="$PWD" timeout 60 chromium --headless --no-sandbox --disable-gpu \
	    --hide-scrollbars --screenshot="$PWD/shot.png" \
	    --window-size=412,915 "file://$PWD/page.html" > /dev/null 2>&1
	# A blank page is all white; this one's text, bars and table have
	# some thousands of pixels that are not.
	run -0 "$PY" -c '
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("L")
print(im.size, sum(1 for p in im.getdata() if p < 200) > 3000)
' shot.png
	assert_output '(412, 915) True'
}

@test "cm(7): the sample list graded, and as a page for the phones" {
	run -0 cm-classify --today 2026-11-23 -o graded.csv \
	    --html graded.html "$ROOT/samples/customers.csv"
	assert_output ''
	run -0 tail -n 3 graded.html
	assert_output - <<'EOF'
<p class="note">48 rows.</p>
</body>
</html>
EOF
	run -0 cells graded.html
	assert_output "$(cat graded.csv)"
}
